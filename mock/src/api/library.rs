//! The user's library and follows: one set of saved URIs behind `/me/library`, the type-specific
//! `/me/tracks`, `/me/albums`, ... endpoints, `/me/following` and playlist follows.

use serde_json::{Value, json};

use super::Ctx;
use crate::catalog::{catalog, parse_uri, personalize};
use crate::reply::{ApiResult, Reply, bad_request};
use crate::state::Saved;

/// URI kinds `PUT` and `DELETE /me/library` accept (`/contains` also takes artists).
const LIBRARY_KINDS: [&str; 7] = [
    "track",
    "album",
    "episode",
    "show",
    "audiobook",
    "user",
    "playlist",
];

pub(super) fn handle(ctx: &Ctx<'_>) -> Option<ApiResult> {
    let id = ctx.op.id;
    Some(match id {
        "save-library-items" | "remove-library-items" => {
            library_change(ctx, id.starts_with("save"))
        }
        "check-library-contains" => library_uris(ctx, true).map(|uris| contains(ctx, &uris)),
        "follow-artists-users" | "unfollow-artists-users" => follow(ctx, id.starts_with("follow")),
        "check-current-user-follows" => follow_uris(ctx).map(|uris| contains(ctx, &uris)),
        "get-followed" => followed_artists(ctx),
        "follow-playlist" | "unfollow-playlist" => {
            let uri = format!("spotify:playlist:{}", ctx.param("playlist_id"));
            let mut state = ctx.shared.state.lock().unwrap();
            if id.starts_with("follow") {
                state.save(&uri)
            } else {
                state.unsave(&uri)
            }
            Ok(Reply::empty(ctx.op.success_status))
        }
        "check-if-user-follows-playlist" => {
            let uri = format!("spotify:playlist:{}", ctx.param("playlist_id"));
            let n = ctx.list("ids").len().max(1);
            Ok(contains(ctx, &vec![uri; n]))
        }
        _ => {
            let kind = typed_kind(id)?;
            if id.starts_with("get-users-saved-") {
                saved_page(ctx, kind)
            } else if id.starts_with("check-users-saved-") {
                typed_uris(ctx, kind).map(|uris| contains(ctx, &uris))
            } else {
                typed_change(ctx, kind, id.starts_with("save-"))
            }
        }
    })
}

/// The kind of the type-specific library operations (`save-tracks-user` → `track`).
fn typed_kind(id: &str) -> Option<&'static str> {
    let rest = id
        .strip_prefix("save-")
        .or_else(|| id.strip_prefix("remove-"))
        .or_else(|| id.strip_prefix("check-users-saved-"))
        .or_else(|| id.strip_prefix("get-users-saved-"))?;
    let plural = rest.strip_suffix("-user").unwrap_or(rest);
    Some(match plural {
        "tracks" => "track",
        "albums" => "album",
        "episodes" => "episode",
        "shows" => "show",
        "audiobooks" => "audiobook",
        _ => return None,
    })
}

fn contains(ctx: &Ctx<'_>, uris: &[String]) -> Reply {
    let state = ctx.shared.state.lock().unwrap();
    Reply::json(
        200,
        json!(uris.iter().map(|u| state.is_saved(u)).collect::<Vec<_>>()),
    )
}

/// `uris` of `/me/library`: 1 to 40 URIs of a supported kind (artists only when `checking`).
fn library_uris(ctx: &Ctx<'_>, checking: bool) -> Result<Vec<String>, Reply> {
    let uris = ctx.required_list("uris", 40)?;
    for uri in &uris {
        match parse_uri(uri) {
            Some((kind, _)) if LIBRARY_KINDS.contains(&kind) || (checking && kind == "artist") => {}
            _ => return Err(bad_request(&format!("Unsupported URI: {uri}"))),
        }
    }
    Ok(uris)
}

fn library_change(ctx: &Ctx<'_>, save: bool) -> ApiResult {
    let uris = library_uris(ctx, false)?;
    let mut state = ctx.shared.state.lock().unwrap();
    for uri in &uris {
        if save {
            state.save(uri)
        } else {
            state.unsave(uri)
        }
    }
    Ok(Reply::empty(ctx.op.success_status))
}

/// `ids` of a type-specific operation (at most 50), as URIs.
fn typed_uris(ctx: &Ctx<'_>, kind: &str) -> Result<Vec<String>, Reply> {
    Ok(ctx
        .required_list("ids", 50)?
        .iter()
        .map(|id| format!("spotify:{kind}:{id}"))
        .collect())
}

fn typed_change(ctx: &Ctx<'_>, kind: &str, save: bool) -> ApiResult {
    // `PUT /me/tracks` may carry `timestamped_ids: [{id, added_at}]`, which wins over `ids`.
    let timestamped: Vec<(String, String)> = ctx
        .field("timestamped_ids")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    Some((
                        e.get("id")?.as_str()?.to_string(),
                        e.get("added_at")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut state = ctx.shared.state.lock().unwrap();
    if save && !timestamped.is_empty() {
        if timestamped.len() > 50 {
            return Err(bad_request("Too many ids requested (maximum 50)"));
        }
        for (id, added_at) in timestamped {
            let uri = format!("spotify:{kind}:{id}");
            if !state.is_saved(&uri) {
                state.library.push(Saved { uri, added_at });
            }
        }
        return Ok(Reply::empty(ctx.op.success_status));
    }
    drop(state);
    let uris = typed_uris(ctx, kind)?;
    let mut state = ctx.shared.state.lock().unwrap();
    for uri in &uris {
        if save {
            state.save(uri)
        } else {
            state.unsave(uri)
        }
    }
    Ok(Reply::empty(ctx.op.success_status))
}

/// `GET /me/tracks` and friends: pages over the saved items of `kind`, newest first.
fn saved_page(ctx: &Ctx<'_>, kind: &str) -> ApiResult {
    let w = ctx.window()?;
    let saved = ctx.shared.state.lock().unwrap().saved_of_kind(kind);
    let cat = catalog();
    let wrapper = cat.at(ctx.op.id, "/items/0");
    let inner = cat.at(ctx.op.id, &format!("/items/0/{kind}"));
    let page = ctx.links().page(w, saved.len(), |i| {
        let id = parse_uri(&saved[i].uri).map_or("", |(_, id)| id);
        let mut object = inner.clone();
        personalize(&mut object, ctx.base(), kind, id, None);
        super::browse::embed_pages(ctx, &mut object, kind, id);
        let mut item = wrapper.clone();
        item[kind] = object;
        item["added_at"] = json!(saved[i].added_at);
        item
    });
    Ok(Reply::json(200, page))
}

/// `type` and `ids` of the follow operations, as URIs.
fn follow_uris(ctx: &Ctx<'_>) -> Result<Vec<String>, Reply> {
    let kind = match ctx.q("type") {
        Some(k @ ("artist" | "user")) => k,
        _ => return Err(bad_request("type must be artist or user")),
    };
    Ok(ctx
        .required_list("ids", 50)?
        .iter()
        .map(|id| format!("spotify:{kind}:{id}"))
        .collect())
}

fn follow(ctx: &Ctx<'_>, save: bool) -> ApiResult {
    let uris = follow_uris(ctx)?;
    let mut state = ctx.shared.state.lock().unwrap();
    for uri in &uris {
        if save {
            state.save(uri)
        } else {
            state.unsave(uri)
        }
    }
    Ok(Reply::empty(ctx.op.success_status))
}

/// `GET /me/following?type=artist`: a cursor page (`after` = the last artist id seen).
fn followed_artists(ctx: &Ctx<'_>) -> ApiResult {
    if ctx.q("type") != Some("artist") {
        return Err(bad_request("type must be artist"));
    }
    let w = ctx.window()?;
    let ids: Vec<String> = ctx
        .shared
        .state
        .lock()
        .unwrap()
        .saved_of_kind("artist")
        .iter()
        .filter_map(|s| parse_uri(&s.uri).map(|(_, id)| id.to_string()))
        .collect();
    let start = match ctx.q("after") {
        Some(after) => ids
            .iter()
            .position(|id| id == after)
            .map_or(ids.len(), |i| i + 1),
        None => 0,
    };
    let end = (start + w.limit).min(ids.len());
    let slice = &ids[start..end];
    let items: Vec<Value> = slice
        .iter()
        .map(|id| catalog().object(ctx.base(), "artist", id, None))
        .collect();
    let url = |after: Option<&str>| {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.append_pair("type", "artist");
        if let Some(after) = after {
            s.append_pair("after", after);
        }
        s.append_pair("limit", &w.limit.to_string());
        format!("{}/me/following?{}", ctx.base(), s.finish())
    };
    let last = slice.last().map(String::as_str);
    let next = (end < ids.len()).then(|| url(last));
    Ok(Reply::json(
        200,
        json!({"artists": {
            "href": url(ctx.q("after")),
            "items": items,
            "limit": w.limit,
            "next": next,
            "cursors": {"after": if end < ids.len() { last } else { None }, "before": null},
            "total": ids.len(),
        }}),
    ))
}
