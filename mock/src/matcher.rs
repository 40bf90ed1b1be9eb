//! Matches a request against the path templates of every operation in the generated operations
//! table.

use spotify_sdk_generated::operations::{OPERATIONS, Operation};

/// An operation and the values of its `{param}` segments.
#[derive(Clone, Debug)]
pub(crate) struct Matched {
    pub op: &'static Operation,
    pub params: Vec<(&'static str, String)>,
}

/// What a method and a path (relative to the API root, e.g. `/tracks/abc`) match.
#[derive(Debug)]
pub(crate) enum Route {
    Found(Matched),
    /// The path matches a template, but not with this method.
    WrongMethod,
    NotFound,
}

/// Finds the operation for `method` and `path`. Literal segments beat `{param}` segments.
pub(crate) fn route(method: &str, path: &str) -> Route {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut best: Option<(usize, Matched)> = None;
    let mut path_matched = false;
    for op in OPERATIONS.iter() {
        let Some((literals, params)) = match_template(op.path, &segments) else {
            continue;
        };
        path_matched = true;
        if !op.method.eq_ignore_ascii_case(method) {
            continue;
        }
        if best.as_ref().is_none_or(|(l, _)| literals > *l) {
            best = Some((literals, Matched { op, params }));
        }
    }
    match best {
        Some((_, matched)) => Route::Found(matched),
        None if path_matched => Route::WrongMethod,
        None => Route::NotFound,
    }
}

/// The number of literal segments matched and the parameters, if `template` matches `segments`.
fn match_template(
    template: &'static str,
    segments: &[&str],
) -> Option<(usize, Vec<(&'static str, String)>)> {
    let parts: Vec<&'static str> = template.split('/').skip(1).collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut literals = 0;
    let mut params = Vec::new();
    for (part, segment) in parts.iter().zip(segments) {
        if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            if segment.is_empty() {
                return None;
            }
            params.push((name, percent_decode(segment)));
        } else if part == segment {
            literals += 1;
        } else {
            return None;
        }
    }
    Some((literals, params))
}

/// Decodes `%XX` escapes of a path segment.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(method: &str, path: &str) -> Option<&'static str> {
        match route(method, path) {
            Route::Found(m) => Some(m.op.id),
            _ => None,
        }
    }

    #[test]
    fn literal_segments_win() {
        assert_eq!(
            id("GET", "/me/player"),
            Some("get-information-about-the-users-current-playback")
        );
        assert_eq!(id("GET", "/me/player/queue"), Some("get-queue"));
        assert_eq!(
            id("GET", "/me/following/contains"),
            Some("check-current-user-follows")
        );
        assert_eq!(id("GET", "/tracks/abc"), Some("get-track"));
        assert_eq!(id("GET", "/tracks"), Some("get-several-tracks"));
        assert_eq!(id("GET", "/tracks/"), Some("get-several-tracks"));
        assert_eq!(
            id("PUT", "/playlists/p1/items"),
            Some("reorder-or-replace-playlists-items")
        );
    }

    #[test]
    fn params_are_captured_and_decoded() {
        let Route::Found(m) = route("GET", "/browse/categories/a%20b/playlists") else {
            panic!()
        };
        assert_eq!(m.op.id, "get-a-categories-playlists");
        assert_eq!(m.params, vec![("category_id", "a b".to_string())]);
    }

    #[test]
    fn unknown_and_wrong_method() {
        assert!(matches!(route("GET", "/nope"), Route::NotFound));
        assert!(matches!(route("DELETE", "/tracks/abc"), Route::WrongMethod));
        assert!(matches!(route("GET", "/tracks//x"), Route::NotFound));
    }
}
