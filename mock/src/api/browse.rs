//! Everything without state: catalog lookups (single and multiple ids), search, recommendations,
//! profiles, and the default answer of any other operation, its example (paged where it is paged).

use serde_json::{Value, json};

use super::Ctx;
use crate::catalog::{catalog, credit, mock_id, personalize, timestamp};
use crate::paging::{Links, Window};
use crate::reply::{ApiResult, Reply, bad_request, not_found};
use crate::state::USER_ID;

/// The sections of a search response by `type` value.
const SEARCH_TYPES: [(&str, &str); 7] = [
    ("album", "albums"),
    ("artist", "artists"),
    ("playlist", "playlists"),
    ("track", "tracks"),
    ("show", "shows"),
    ("episode", "episodes"),
    ("audiobook", "audiobooks"),
];

pub(super) fn handle(ctx: &Ctx<'_>) -> ApiResult {
    let op = ctx.op;
    let segments: Vec<&str> = op.path.split('/').skip(1).collect();
    match op.id {
        "search" => search(ctx),
        "get-recommendations" => recommendations(ctx),
        "get-recently-played" => recently_played(ctx),
        "get-current-users-profile" => {
            let mut v = catalog().example(op.id);
            personalize(&mut v, ctx.base(), "user", USER_ID, Some("Mock User"));
            v["type"] = json!("user");
            Ok(Reply::json(200, v))
        }
        id if id.starts_with("get-multiple-") || id.starts_with("get-several-") => {
            multiple(ctx, segments[0])
        }
        _ if op.method == "GET" && segments.len() == 2 && segments[1].starts_with('{') => {
            single(ctx, segments[0])
        }
        _ => example(ctx),
    }
}

/// The kind of the objects under a path segment (`tracks` → `track`).
fn kind_of(segment: &str) -> &'static str {
    match segment {
        "albums" => "album",
        "artists" => "artist",
        "audiobooks" => "audiobook",
        "chapters" => "chapter",
        "episodes" => "episode",
        "shows" => "show",
        "users" => "user",
        "categories" => "category",
        _ => "track",
    }
}

/// `GET /tracks/{id}` and the like: the example with this id; 404 for ids starting with `missing`.
fn single(ctx: &Ctx<'_>, segment: &str) -> ApiResult {
    let name = ctx.op.path.rsplit('/').next().unwrap_or_default();
    let id = ctx.param(name.trim_matches(|c| c == '{' || c == '}'));
    if id.starts_with("missing") {
        return Err(not_found("Resource not found"));
    }
    let mut v = catalog().example(ctx.op.id);
    let kind = kind_of(segment);
    personalize(&mut v, ctx.base(), kind, id, None);
    embed_pages(ctx, &mut v, kind, id);
    if kind == "user" {
        v["type"] = json!("user");
    }
    Ok(Reply::json(200, v))
}

/// `GET /tracks?ids=a,b` and the like: one object per id, in order, `null` for ids starting with
/// `missing`.
fn multiple(ctx: &Ctx<'_>, segment: &str) -> ApiResult {
    let max = match segment {
        "albums" => 20,
        "audio-features" => 100,
        _ => 50,
    };
    let ids = ctx.required_list("ids", max)?;
    let example = catalog().example(ctx.op.id);
    let Some((key, template)) = example.as_object().and_then(|o| {
        o.iter()
            .find_map(|(k, v)| Some((k.clone(), v.as_array()?.first()?.clone())))
    }) else {
        return Ok(Reply::json(200, example));
    };
    let kind = kind_of(segment);
    let items: Vec<Value> = ids
        .iter()
        .map(|id| {
            if id.starts_with("missing") {
                return Value::Null;
            }
            let mut v = template.clone();
            personalize(&mut v, ctx.base(), kind, id, None);
            embed_pages(ctx, &mut v, kind, id);
            v
        })
        .collect();
    Ok(Reply::json(200, json!({ key: items })))
}

/// `GET /search`: one paged section per requested `type`, named after the query.
fn search(ctx: &Ctx<'_>) -> ApiResult {
    let q = ctx.q("q").ok_or_else(|| bad_request("No search query"))?;
    let types = ctx.list("type");
    if types.is_empty() {
        return Err(bad_request("Missing parameter type"));
    }
    let w = ctx.window()?;
    let example = catalog().example("search");
    let total = collection_size(ctx, "search", 4);
    let mut out = serde_json::Map::new();
    for t in &types {
        let Some((kind, key)) = SEARCH_TYPES.iter().find(|(k, _)| k == t) else {
            return Err(bad_request(&format!("Bad search type field {t}")));
        };
        let template = example
            .pointer(&format!("/{key}/items/0"))
            .cloned()
            .unwrap_or(Value::Null);
        let page = ctx.links().page(w, total, |i| {
            let mut v = template.clone();
            let id = mock_id(&format!("search:{q}:{kind}:{i}"));
            personalize(
                &mut v,
                ctx.base(),
                kind,
                &id,
                Some(&format!("{q} {}", i + 1)),
            );
            v
        });
        out.insert(key.to_string(), page);
    }
    Ok(Reply::json(200, Value::Object(out)))
}

/// `GET /recommendations`: `limit` generated tracks.
fn recommendations(ctx: &Ctx<'_>) -> ApiResult {
    let w = ctx.window()?;
    let seeds = ["seed_artists", "seed_genres", "seed_tracks"].map(|s| ctx.list(s));
    let count: usize = seeds.iter().map(Vec::len).sum();
    if count == 0 || count > 5 {
        return Err(bad_request("Between 1 and 5 seeds are required"));
    }
    let mut v = catalog().example(ctx.op.id);
    let template = catalog().at(ctx.op.id, "/tracks/0");
    let tracks: Vec<Value> = (0..w.limit)
        .map(|i| {
            let mut t = template.clone();
            personalize(
                &mut t,
                ctx.base(),
                "track",
                &mock_id(&format!("recommendation:{i}")),
                Some(&format!("Recommendation {}", i + 1)),
            );
            t
        })
        .collect();
    v["tracks"] = json!(tracks);
    Ok(Reply::json(200, v))
}

/// `GET /me/player/recently-played`: a cursor page over a virtual history, newest first, one play a
/// minute; `before`/`after` are Unix milliseconds.
fn recently_played(ctx: &Ctx<'_>) -> ApiResult {
    let w = ctx.window()?;
    let total = collection_size(ctx, ctx.op.id, 4);
    const NEWEST_MS: i64 = 1_767_225_600_000;
    let played_at = |i: usize| NEWEST_MS - i as i64 * 60_000;
    let parse = |name| {
        ctx.q(name).map(|v| {
            v.parse::<i64>()
                .map_err(|_| bad_request(&format!("Invalid {name}")))
        })
    };
    let indices: Vec<usize> = match (parse("before").transpose()?, parse("after").transpose()?) {
        (Some(_), Some(_)) => return Err(bad_request("Only one of before and after may be given")),
        (Some(before), None) => (0..total)
            .filter(|i| played_at(*i) < before)
            .take(w.limit)
            .collect(),
        (None, Some(after)) => {
            let newer: Vec<usize> = (0..total).filter(|i| played_at(*i) > after).collect();
            newer[newer.len().saturating_sub(w.limit)..].to_vec()
        }
        (None, None) => (0..total.min(w.limit)).collect(),
    };
    let template = catalog().at(ctx.op.id, "/items/0");
    let items: Vec<Value> = indices
        .iter()
        .map(|&i| {
            let mut v = template.clone();
            personalize(
                &mut v["track"],
                ctx.base(),
                "track",
                &mock_id(&format!("history:{i}")),
                Some(&format!("Played {}", i + 1)),
            );
            v["played_at"] = json!(timestamp(played_at(i) / 1000));
            v
        })
        .collect();
    let url = |name: &str, value: i64| {
        format!(
            "{}/me/player/recently-played?{name}={value}&limit={}",
            ctx.base(),
            w.limit
        )
    };
    let oldest = indices.last().copied();
    let next = oldest
        .filter(|i| i + 1 < total)
        .map(|i| url("before", played_at(i)));
    Ok(Reply::json(
        200,
        json!({
            "href": ctx.links().at(0, w.limit),
            "items": items,
            "limit": w.limit,
            "next": next,
            "cursors": {
                "after": indices.first().map(|&i| played_at(i).to_string()),
                "before": oldest.map(|i| played_at(i).to_string()),
            },
            "total": total,
        }),
    ))
}

/// The size of the virtual collection behind operation `op_id`.
fn collection_size(ctx: &Ctx<'_>, op_id: &str, default: usize) -> usize {
    ctx.shared
        .state
        .lock()
        .unwrap()
        .collection_sizes
        .get(op_id)
        .copied()
        .unwrap_or(default)
}

/// The example of the operation; for paged operations its page is rebuilt over a virtual
/// collection (4 items unless set with `MockServer::set_collection_size`).
fn example(ctx: &Ctx<'_>) -> ApiResult {
    let op = ctx.op;
    let mut body = catalog().example(op.id);
    if body.is_null() || matches!(op.success_status, 202 | 204) {
        return Ok(Reply::empty(op.success_status));
    }
    if op.page_limit.is_some() {
        let w = ctx.window()?;
        let total = collection_size(ctx, op.id, 4);
        let page = if body.get("items").is_some() {
            Some(&mut body)
        } else {
            body.as_object_mut()
                .and_then(|o| o.values_mut().find(|v| v.get("items").is_some()))
        };
        if let Some(page) = page {
            let links = Links::new(ctx.base(), &ctx.api_path, &ctx.query);
            *page = virtual_page(ctx, page, &links, &ctx.api_path, w, total);
            if op.id == "get-an-albums-tracks" {
                album_tracks(ctx, page, ctx.param("id"));
            }
        }
    }
    Ok(Reply::json(op.success_status, body))
}

/// A page of a virtual collection of `total` items made from the first item of `example_page`; item
/// `i` gets the id `mock_id("{seed}:{i}")` and the name `Kind i+1`.
fn virtual_page(
    ctx: &Ctx<'_>,
    example_page: &Value,
    links: &Links,
    seed: &str,
    w: Window,
    total: usize,
) -> Value {
    let template = example_page
        .pointer("/items/0")
        .cloned()
        .unwrap_or(Value::Null);
    let fallback = if seed.contains("categories") && !seed.ends_with("playlists") {
        "category"
    } else {
        "item"
    };
    // Some examples type their items with the placeholder `"string"` (album tracks, playlists):
    // then the collection's path says what they are.
    let kind = match template.get("type").and_then(Value::as_str) {
        Some(t) if ITEM_KINDS.contains(&t) => t,
        _ => match seed.rsplit('/').next() {
            Some("tracks") => "track",
            Some("playlists" | "featured-playlists") => "playlist",
            _ => fallback,
        },
    }
    .to_string();
    links.page(w, total, |i| {
        let mut v = template.clone();
        let id = mock_id(&format!("{seed}:{i}"));
        let name = format!("{}{} {}", kind[..1].to_uppercase(), &kind[1..], i + 1);
        personalize(&mut v, ctx.base(), &kind, &id, Some(&name));
        if v.get("type").is_some() {
            v["type"] = json!(kind);
        }
        v
    })
}

/// The `type` values of objects that appear as page items.
const ITEM_KINDS: [&str; 9] = [
    "album",
    "artist",
    "audiobook",
    "category",
    "chapter",
    "episode",
    "playlist",
    "show",
    "track",
];

/// Rebuilds the first page embedded in a full album (`tracks`), show (`episodes`) or audiobook
/// (`chapters`) so that it matches what the page's own endpoint answers, and sets the object's
/// count (`total_tracks`, ...) to the page's total.
pub(super) fn embed_pages(ctx: &Ctx<'_>, v: &mut Value, kind: &str, id: &str) {
    let (field, count, collection, op) = match kind {
        "album" => ("tracks", "total_tracks", "albums", "get-an-albums-tracks"),
        "show" => (
            "episodes",
            "total_episodes",
            "shows",
            "get-a-shows-episodes",
        ),
        "audiobook" => (
            "chapters",
            "total_chapters",
            "audiobooks",
            "get-audiobook-chapters",
        ),
        _ => return,
    };
    let Some(page) = v.get_mut(field).filter(|p| p.get("items").is_some()) else {
        return;
    };
    let path = format!("/{collection}/{id}/{field}");
    let links = Links::new(ctx.base(), &path, &[]);
    let total = collection_size(ctx, op, 4);
    *page = virtual_page(
        ctx,
        page,
        &links,
        &path,
        Window {
            offset: 0,
            limit: 50,
        },
        total,
    );
    if kind == "album" {
        album_tracks(ctx, page, id);
    }
    v[count] = json!(total);
}

/// The tracks of a page of album `id` are by the album's artists and numbered in order.
fn album_tracks(ctx: &Ctx<'_>, page: &mut Value, id: &str) {
    let offset = page["offset"].as_u64().unwrap_or(0);
    for (i, track) in page["items"]
        .as_array_mut()
        .into_iter()
        .flatten()
        .enumerate()
    {
        credit(track, ctx.base(), id);
        track["track_number"] = json!(offset + i as u64 + 1);
    }
}

/// Points links to the real API and image CDN (left in examples) at the mock, so nothing a client
/// follows leaves 127.0.0.1.
pub(super) fn rebase(v: &mut Value, base: &str) {
    match v {
        Value::String(s) => {
            if let Some(rest) = s.strip_prefix("https://api.spotify.com/v1") {
                *s = format!("{base}{rest}");
            } else if let Some(rest) = s.strip_prefix("https://i.scdn.co/image/") {
                let origin = base.strip_suffix("/v1").unwrap_or(base);
                *s = format!("{origin}/mock-images/{rest}");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rebase(i, base)),
        Value::Object(map) => map.values_mut().for_each(|i| rebase(i, base)),
        _ => {}
    }
}
