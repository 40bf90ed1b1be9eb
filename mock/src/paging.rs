//! Offset/limit paging objects with absolute `href`/`next`/`previous` links to the mock.

use serde_json::{Value, json};

use crate::reply::{Reply, bad_request};

/// The requested slice of a collection.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window {
    pub offset: usize,
    pub limit: usize,
}

/// Reads `limit` and `offset` like Spotify: `limit` must be within `1..=max` (400 otherwise).
pub(crate) fn window(query: &[(String, String)], default: u32, max: u32) -> Result<Window, Reply> {
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let limit = match get("limit").filter(|v| !v.is_empty()) {
        None => default as usize,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=max as usize).contains(l))
            .ok_or_else(|| bad_request("Invalid limit"))?,
    };
    let offset = match get("offset").filter(|v| !v.is_empty()) {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| bad_request("Invalid offset"))?,
    };
    Ok(Window { offset, limit })
}

/// Builds the links of pages of one collection.
pub(crate) struct Links {
    /// Absolute URL without query: `http://127.0.0.1:PORT/v1/playlists/ID/items`.
    pub url: String,
    /// Query parameters to keep in every link (other than `offset` and `limit`).
    pub keep: Vec<(String, String)>,
}

impl Links {
    pub fn new(base: &str, path: &str, query: &[(String, String)]) -> Links {
        let keep = query
            .iter()
            .filter(|(k, _)| k != "offset" && k != "limit")
            .cloned()
            .collect();
        Links {
            url: format!("{base}{path}"),
            keep,
        }
    }

    pub fn at(&self, offset: usize, limit: usize) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.extend_pairs(self.keep.iter());
        s.append_pair("offset", &offset.to_string());
        s.append_pair("limit", &limit.to_string());
        format!("{}?{}", self.url, s.finish())
    }

    /// A paging object over a collection of `total` items; `item(i)` makes item `i`.
    pub fn page(&self, w: Window, total: usize, item: impl FnMut(usize) -> Value) -> Value {
        let start = w.offset.min(total);
        let end = (w.offset.saturating_add(w.limit)).min(total);
        let items: Vec<Value> = (start..end).map(item).collect();
        let next = (end < total).then(|| self.at(end, w.limit));
        let previous = (w.offset > 0).then(|| self.at(w.offset.saturating_sub(w.limit), w.limit));
        json!({
            "href": self.at(w.offset, w.limit),
            "items": items,
            "limit": w.limit,
            "next": next,
            "offset": w.offset,
            "previous": previous,
            "total": total,
        })
    }
}
