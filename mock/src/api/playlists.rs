//! Playlists: create, read, change details, add/reorder/replace/remove items, cover images, and the
//! lists of the user's playlists. Every change bumps the playlist's `snapshot_id`.

use serde_json::{Value, json};

use super::Ctx;
use crate::catalog::{catalog, now_timestamp, parse_uri, personalize};
use crate::paging::{Links, Window};
use crate::reply::{ApiResult, Reply, bad_request, not_found};
use crate::state::{Playlist, PlaylistItem, USER_ID};

pub(super) fn handle(ctx: &Ctx<'_>) -> Option<ApiResult> {
    Some(match ctx.op.id {
        "create-playlist" => create(ctx, USER_ID),
        "create-playlist-for-user" => create(ctx, ctx.param("user_id")),
        "get-playlist" => with_playlist(ctx, |ctx, p| Ok(Reply::json(200, full(ctx, p)))),
        "change-playlist-details" => with_playlist(ctx, change_details),
        "get-playlists-items" | "get-playlists-tracks" => with_playlist(ctx, items_page),
        "add-items-to-playlist" | "add-tracks-to-playlist" => with_playlist(ctx, add),
        "reorder-or-replace-playlists-items" | "reorder-or-replace-playlists-tracks" => {
            with_playlist(ctx, reorder_or_replace)
        }
        "remove-items-playlist" | "remove-tracks-playlist" => with_playlist(ctx, remove),
        "get-playlist-cover" => with_playlist(ctx, |_, p| Ok(Reply::json(200, json!(images(p))))),
        "upload-custom-playlist-cover" => with_playlist(ctx, upload_cover),
        "get-a-list-of-current-users-playlists" => user_playlists(ctx, USER_ID),
        "get-list-users-playlists" => user_playlists(ctx, ctx.param("user_id")),
        _ => return None,
    })
}

/// Runs `f` on the playlist of the path (404 for ids starting with `missing`).
fn with_playlist(ctx: &Ctx<'_>, f: impl FnOnce(&Ctx<'_>, &mut Playlist) -> ApiResult) -> ApiResult {
    let mut state = ctx.shared.state.lock().unwrap();
    let playlist = state
        .playlist_mut(ctx.param("playlist_id"))
        .ok_or_else(|| not_found("Resource not found"))?;
    f(ctx, playlist)
}

fn create(ctx: &Ctx<'_>, owner: &str) -> ApiResult {
    let name = ctx
        .field("name")
        .and_then(Value::as_str)
        .ok_or_else(|| bad_request("Missing required field: name"))?;
    let description = ctx
        .field("description")
        .and_then(Value::as_str)
        .map(str::to_string);
    let public = ctx.field("public").and_then(Value::as_bool).unwrap_or(true);
    let collaborative = ctx
        .field("collaborative")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut state = ctx.shared.state.lock().unwrap();
    let id = state.create_playlist(owner, name, description, public, collaborative);
    let playlist = state.playlists.get(&id).expect("just created");
    Ok(Reply::json(201, full(ctx, playlist)))
}

fn change_details(ctx: &Ctx<'_>, p: &mut Playlist) -> ApiResult {
    if let Some(name) = ctx.field("name").and_then(Value::as_str) {
        p.name = name.to_string();
    }
    if let Some(description) = ctx.field("description").and_then(Value::as_str) {
        p.description = Some(description.to_string());
    }
    if let Some(public) = ctx.field("public").and_then(Value::as_bool) {
        p.public = public;
    }
    if let Some(collaborative) = ctx.field("collaborative").and_then(Value::as_bool) {
        p.collaborative = collaborative;
    }
    p.bump();
    Ok(Reply::empty(ctx.op.success_status))
}

fn items_page(ctx: &Ctx<'_>, p: &mut Playlist) -> ApiResult {
    let w = ctx.window()?;
    Ok(Reply::json(200, page(ctx, p, &ctx.links(), w)))
}

/// URIs to add or set: the `uris` query parameter, else the body's `uris` (at most 100).
fn uris(ctx: &Ctx<'_>) -> Result<Vec<String>, Reply> {
    let uris = ctx.list("uris");
    if uris.len() > 100 {
        return Err(bad_request(
            "You can add a maximum of 100 items per request",
        ));
    }
    if let Some(bad) = uris
        .iter()
        .find(|u| !matches!(parse_uri(u), Some(("track" | "episode" | "local", _))))
    {
        return Err(bad_request(&format!("Invalid item URI: {bad}")));
    }
    Ok(uris)
}

fn new_items(uris: Vec<String>) -> Vec<PlaylistItem> {
    let added_at = now_timestamp();
    uris.into_iter()
        .map(|uri| PlaylistItem {
            uri,
            added_at: added_at.clone(),
            name: None,
        })
        .collect()
}

fn add(ctx: &Ctx<'_>, p: &mut Playlist) -> ApiResult {
    let uris = uris(ctx)?;
    if uris.is_empty() {
        return Err(bad_request("No uris provided"));
    }
    let position = match ctx
        .q("position")
        .map(str::to_string)
        .or_else(|| ctx.field("position").map(|v| v.to_string()))
    {
        None => p.items.len(),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|i| *i <= p.items.len())
            .ok_or_else(|| bad_request("Index out of bounds"))?,
    };
    p.items.splice(position..position, new_items(uris));
    Ok(Reply::json(201, json!({"snapshot_id": p.bump()})))
}

fn reorder_or_replace(ctx: &Ctx<'_>, p: &mut Playlist) -> ApiResult {
    let int = |name: &str| ctx.field(name).and_then(Value::as_u64).map(|v| v as usize);
    match (int("range_start"), int("insert_before")) {
        (Some(start), Some(before)) => {
            let len = int("range_length").unwrap_or(1);
            if len == 0 || start + len > p.items.len() || before > p.items.len() {
                return Err(bad_request("Index out of bounds"));
            }
            if before < start || before > start + len {
                let moved: Vec<PlaylistItem> = p.items.drain(start..start + len).collect();
                let at = if before > start { before - len } else { before };
                p.items.splice(at..at, moved);
            }
        }
        (None, None) if ctx.q("uris").is_some() || ctx.field("uris").is_some() => {
            p.items = new_items(uris(ctx)?);
        }
        _ => {
            return Err(bad_request(
                "Either uris or range_start and insert_before are required",
            ));
        }
    }
    Ok(Reply::json(200, json!({"snapshot_id": p.bump()})))
}

fn remove(ctx: &Ctx<'_>, p: &mut Playlist) -> ApiResult {
    let entries = ctx
        .field("items")
        .or_else(|| ctx.field("tracks"))
        .and_then(Value::as_array);
    let Some(entries) = entries else {
        return Err(bad_request("Missing required field: items"));
    };
    if entries.len() > 100 {
        return Err(bad_request(
            "You can remove a maximum of 100 items per request",
        ));
    }
    let remove: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.get("uri")?.as_str())
        .collect();
    p.items.retain(|i| !remove.contains(&i.uri.as_str()));
    Ok(Reply::json(200, json!({"snapshot_id": p.bump()})))
}

fn upload_cover(ctx: &Ctx<'_>, p: &mut Playlist) -> ApiResult {
    use base64::Engine;
    let data = ctx.text.trim();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| bad_request("Image must be base64-encoded JPEG data"))?;
    if decoded.len() > 256 * 1024 {
        return Err(Reply::error(413, "Image too large (maximum 256 KB)"));
    }
    p.image = Some(format!(
        "{}/mock-images/{}-{}",
        ctx.shared.accounts_url,
        p.id,
        p.version + 1
    ));
    p.bump();
    Ok(Reply::empty(ctx.op.success_status))
}

fn images(p: &Playlist) -> Value {
    match &p.image {
        Some(url) => json!([{"url": url, "height": null, "width": null}]),
        None => catalog().example("get-playlist-cover"),
    }
}

/// One `PlaylistTrackObject`.
fn item(ctx: &Ctx<'_>, p: &Playlist, template: &Value, item: &PlaylistItem) -> Value {
    let mut v = template.clone();
    let object = catalog().for_uri(ctx.base(), &item.uri, item.name.as_deref());
    v["added_at"] = json!(item.added_at);
    v["is_local"] = json!(item.uri.starts_with("spotify:local:"));
    personalize(&mut v["added_by"], ctx.base(), "user", &p.owner_id, None);
    v["item"] = object.clone();
    v["track"] = object;
    v
}

/// A page of the playlist's items.
fn page(ctx: &Ctx<'_>, p: &Playlist, links: &Links, w: Window) -> Value {
    let template = catalog().at("get-playlists-items", "/items/0");
    links.page(w, p.items.len(), |i| item(ctx, p, &template, &p.items[i]))
}

fn owner(ctx: &Ctx<'_>, template: &Value, owner_id: &str) -> Value {
    let mut v = template.clone();
    personalize(
        &mut v,
        ctx.base(),
        "user",
        owner_id,
        Some(&display_name(owner_id)),
    );
    v
}

fn display_name(user_id: &str) -> String {
    if user_id == USER_ID {
        "Mock User".into()
    } else {
        format!("User {user_id}")
    }
}

/// Sets the fields full and simplified playlist objects share.
fn common(ctx: &Ctx<'_>, v: &mut Value, p: &Playlist) {
    personalize(v, ctx.base(), "playlist", &p.id, Some(&p.name));
    v["type"] = json!("playlist");
    v["collaborative"] = json!(p.collaborative);
    v["description"] = json!(p.description);
    v["public"] = json!(p.public);
    v["snapshot_id"] = json!(p.snapshot_id());
    v["images"] = images(p);
    v["owner"] = owner(ctx, &v["owner"], &p.owner_id);
}

/// A `PlaylistObject` with the first 100 items embedded under `items` and `tracks`.
fn full(ctx: &Ctx<'_>, p: &Playlist) -> Value {
    let mut v = catalog().example("get-playlist");
    common(ctx, &mut v, p);
    v["followers"] = json!({"href": null, "total": 0});
    let w = Window {
        offset: 0,
        limit: 100,
    };
    for field in ["items", "tracks"] {
        let links = Links::new(ctx.base(), &format!("/playlists/{}/{field}", p.id), &[]);
        v[field] = page(ctx, p, &links, w);
    }
    v
}

/// A `SimplifiedPlaylistObject`.
fn simplified(ctx: &Ctx<'_>, p: &Playlist) -> Value {
    let mut v = catalog().at("get-a-list-of-current-users-playlists", "/items/0");
    common(ctx, &mut v, p);
    for field in ["items", "tracks"] {
        let href = format!("{}/playlists/{}/{field}", ctx.base(), p.id);
        v[field] = json!({"href": href, "total": p.items.len()});
    }
    v
}

/// The user's playlists: followed (which includes created) playlists, most recent first; for
/// another user, the playlists they own.
fn user_playlists(ctx: &Ctx<'_>, user_id: &str) -> ApiResult {
    let w = ctx.window()?;
    let mut state = ctx.shared.state.lock().unwrap();
    let ids: Vec<String> = if user_id == USER_ID {
        state
            .saved_of_kind("playlist")
            .iter()
            .filter_map(|s| parse_uri(&s.uri).map(|(_, id)| id.to_string()))
            .collect()
    } else {
        let mut owned: Vec<&Playlist> = state
            .playlists
            .values()
            .filter(|p| p.owner_id == user_id)
            .collect();
        owned.sort_by(|a, b| a.id.cmp(&b.id));
        owned.iter().map(|p| p.id.clone()).collect()
    };
    let playlists: Vec<Playlist> = ids
        .iter()
        .filter_map(|id| state.playlist_mut(id).map(|p| p.clone()))
        .collect();
    let page = ctx
        .links()
        .page(w, playlists.len(), |i| simplified(ctx, &playlists[i]));
    Ok(Reply::json(200, page))
}
