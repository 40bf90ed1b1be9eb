//! The JSON path of a decode failure, read from the text and serde_json's error position
//! (handwritten).
//!
//! Written by hand instead of decoding a failed body again through `serde_path_to_error`: that
//! crate wraps the deserializer, so every model's `Deserialize` is compiled a second time for it (a
//! quarter of our two crates' release compile, BENCHMARKS.md) for a path only a failure needs.
//! Here the text up to the error is walked once, tracking the keys and indices that lead to it.

use crate::lenient::split_nested;

/// Where `error`, from decoding `json` with serde_json, happened: the path from the top of the
/// document (`items[3].item.album.name`; `.` for the document itself) and the message.
///
/// A missing field is named in the path (`album.name` for a missing `name` of the `album`). A
/// message made by a nested decode of a value read whole (``in `album.name`: ...``, see
/// [`crate::lenient`]) has its inner path joined onto the value's.
///
/// ```
/// use spotify_sdk_models::error_path::locate;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Track {
///     #[allow(dead_code)]
///     duration_ms: u64,
/// }
/// let json = r#"[{"duration_ms": 1}, {"duration_ms": "long"}]"#;
/// let error = serde_json::from_str::<Vec<Track>>(json).unwrap_err();
/// let (path, message) = locate(json, &error);
/// assert_eq!(path, "[1].duration_ms");
/// assert!(message.starts_with("invalid type: string \"long\", expected u64"));
/// ```
pub fn locate(json: &str, error: &serde_json::Error) -> (String, String) {
    let message = error.to_string();
    // Without a position (an error made outside any of serde_json's containers), at the top.
    let frames = match offset_of(json, error.line(), error.column()) {
        Some(offset) => frames_at(json, offset),
        None => Vec::new(),
    };
    if let Some((inner, rest)) = split_nested(&message) {
        // Made after the value was read whole: the value is the one the walk ended after.
        return (join(&render(&frames), inner), rest.to_string());
    }
    match missing_field(&message) {
        // serde reports a missing field once it has read the object that lacks it.
        Some(field) => (join(&render(&frames), field), message),
        None => (render(&frames), message),
    }
}

/// The field named by serde's "missing field `name`" message.
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split_once('`').map(|(field, _)| field)
}

/// The byte offset of serde_json's position (a 1-based line, and the column: the bytes before the
/// position on its line), or `None` for an error without a position.
fn offset_of(json: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        json.match_indices('\n').nth(line - 2)?.0 + 1
    };
    Some((line_start + column).min(json.len()))
}

/// An open container at the error, with where the walk is inside it.
#[derive(Debug)]
enum Frame {
    Object {
        key: Option<String>,
        expects_key: bool,
    },
    Array {
        index: usize,
        started: bool,
    },
}

/// The containers open at `offset`, outermost first, walking the text before it.
fn frames_at(json: &str, offset: usize) -> Vec<Frame> {
    let bytes = &json.as_bytes()[..offset];
    let mut frames = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                match frames.last_mut() {
                    Some(Frame::Object { key, expects_key }) if *expects_key => {
                        // A key cut by the error position stays unnamed.
                        *key = end.and_then(|end| serde_json::from_str(&json[i..=end]).ok());
                        *expects_key = false;
                    }
                    frame => value_starts(frame),
                }
                match end {
                    Some(end) => i = end,
                    None => break,
                }
            }
            b'{' => {
                value_starts(frames.last_mut());
                frames.push(Frame::Object {
                    key: None,
                    expects_key: true,
                });
            }
            b'[' => {
                value_starts(frames.last_mut());
                frames.push(Frame::Array {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { expects_key, .. }) => *expects_key = true,
                Some(Frame::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => value_starts(frames.last_mut()),
        }
        i += 1;
    }
    // serde_json reports some failures at the first byte of the value (`{` where a string was
    // expected) without reading it: an item of a list starts there.
    let next = json.as_bytes()[offset..]
        .iter()
        .find(|byte| !byte.is_ascii_whitespace());
    if next.is_some_and(|byte| *byte != b']' && *byte != b',') {
        value_starts(frames.last_mut());
    }
    frames
}

/// The index of the quote closing the string that opens at `start`, if it closes before the end.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn value_starts(frame: Option<&mut Frame>) {
    if let Some(Frame::Array { started, .. }) = frame {
        *started = true;
    }
}

/// The path through `frames`.
fn render(frames: &[Frame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array {
                index,
                started: true,
            } => path.push_str(&format!("[{index}]")),
            _ => {}
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// `parent` and `child` as one path (`items[3]` + `name`, `.` being the value itself).
pub(crate) fn join(parent: &str, child: &str) -> String {
    match (parent, child) {
        (".", child) => child.to_string(),
        (parent, ".") => parent.to_string(),
        (parent, child) if child.starts_with('[') => format!("{parent}{child}"),
        (parent, child) => format!("{parent}.{child}"),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        items: Vec<Option<Item>>,
        total: u32,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        album: Album,
        #[serde(default)]
        tags: Vec<u8>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Album {
        name: String,
        year: u16,
    }

    fn path(json: &str) -> (String, String) {
        let error = serde_json::from_str::<Page>(json).unwrap_err();
        let (path, message) = locate(json, &error);
        (path, message.split(" at line").next().unwrap().to_string())
    }

    #[test]
    fn paths_lead_to_the_failing_value() {
        let album = r#"{"name": "a", "year": 1}"#;
        for (json, want_path, want_message) in [
            (
                r#"{"items": [], "total": "x"}"#.to_string(),
                "total",
                "invalid type: string \"x\", expected u32",
            ),
            (
                format!(r#"{{"items": [null, {{"name": 3, "album": {album}}}], "total": 1}}"#),
                "items[1].name",
                "invalid type: integer `3`, expected a string",
            ),
            (
                format!(r#"{{"items": [{{"album": {album}, "name": "n", "tags": [1, -1]}}]}}"#),
                "items[0].tags[1]",
                "invalid value: integer `-1`, expected u8",
            ),
            (
                r#"{"items": [{"name": "n", "album": []}], "total": 1}"#.to_string(),
                "items[0].album",
                "invalid length 0, expected struct Album with 2 elements",
            ),
            (
                r#"{"items": [{"name": "n", "album": {"name": "a", "year": 1e3}}]}"#.to_string(),
                "items[0].album.year",
                "invalid type: floating point `1000.0`, expected u16",
            ),
            (
                // Keys with escapes and brackets in strings do not confuse the walk.
                r#"{"items": [{"n\"[": "{[", "name": "]}", "album": {"name": 1}}]}"#.to_string(),
                "items[0].album.name",
                "invalid type: integer `1`, expected a string",
            ),
            (
                concat!(
                    "{\n  \"items\": [\n    {\"name\": \"n\",\n",
                    "     \"album\": {\"name\": \"a\", \"year\": -4}}\n  ]\n}",
                )
                .to_string(),
                "items[0].album.year",
                "invalid value: integer `-4`, expected u16",
            ),
        ] {
            assert_eq!(
                path(&json),
                (want_path.to_string(), want_message.to_string()),
                "{json}"
            );
        }
    }

    #[test]
    fn a_missing_field_is_named_under_the_object_that_lacks_it() {
        for (json, want) in [
            (r#"{"items": []}"#, "total"),
            (r#"{"total": 1}"#, "items"),
            (
                r#"{"items": [{"name": "n"}], "total": 1}"#,
                "items[0].album",
            ),
            (
                r#"{"items": [{"name": "n", "album": {"name": "a"}}], "total": 1}"#,
                "items[0].album.year",
            ),
            (
                r#"{"items": [{"album": {"year": 1, "name": "a"}}], "total": 1}"#,
                "items[0].name",
            ),
            (
                r#"{"items": [{"name": "n", "album": {}}]}"#,
                "items[0].album.name",
            ),
        ] {
            let (path, message) = path(json);
            assert_eq!(path, want, "{json}");
            assert!(message.starts_with("missing field"), "{message}");
        }
    }

    #[test]
    fn nested_messages_join_onto_the_value_read_whole() {
        /// Fails after reading its value whole, as a union does (`lenient::Tagged`).
        #[derive(Debug)]
        struct Whole;
        impl<'de> Deserialize<'de> for Whole {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                serde::de::IgnoredAny::deserialize(d)?;
                Err(serde::de::Error::custom(
                    "in `album.name`: missing field `name`",
                ))
            }
        }
        fn item<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Whole>, D::Error> {
            crate::lenient::in_field("item", d)
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Entry {
            #[serde(default, deserialize_with = "item")]
            item: Option<Whole>,
            added_at: Option<String>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Entries {
            items: Vec<Entry>,
        }
        // The value is last in its object, so the failure is placed after the object, which
        // `in_field` named. (Where it is not last, the generated `Deserialize` of the object reads
        // the rest first: `lenient::drained`, tested with the models.)
        for json in [
            r#"{"items": [{"added_at": null}, {"item": {"album": {}}}]}"#,
            r#"{"items": [{"added_at": null}, {"added_at": "x", "item": {}}]}"#,
        ] {
            let error = serde_json::from_str::<Entries>(json).unwrap_err();
            let (path, message) = locate(json, &error);
            assert_eq!(path, "items[1].item.album.name", "{json}");
            assert!(message.starts_with("missing field `name`"), "{message}");
        }
    }

    #[test]
    fn malformed_and_truncated_text_still_gives_a_path() {
        for json in [
            r#"{"items": [{"name": "n", "alb"#,
            r#"{"items": [{"name": "n\"#,
            r#"{"items": [{"name": "n",}]}"#,
            "",
            "{} x",
            // Positions inside multi-byte characters.
            "{\"items\": [{\"name\": \"é\\é\"}]}",
            "{\"items\": [{\"name\": \"\u{1F600}\u{1}\"}]}",
            "{\"total\": é}",
            r#"{"items": [], "total": 1} ]"#,
        ] {
            let error = serde_json::from_str::<Page>(json).unwrap_err();
            let (path, message) = locate(json, &error);
            assert!(!path.is_empty() && !message.is_empty(), "{json}");
        }
    }

    #[test]
    fn parent_and_child_paths_join() {
        assert_eq!(join(".", "name"), "name");
        assert_eq!(join("track", "."), "track");
        assert_eq!(join("track", "artists[0].name"), "track.artists[0].name");
        assert_eq!(join("items", "[3]"), "items[3]");
    }
}
