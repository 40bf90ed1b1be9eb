//! Playback: nothing plays at first (`GET /me/player` answers 204); `PUT /me/player/play` or a
//! transfer starts it, and the other commands change it.

use std::collections::VecDeque;

use serde_json::{Value, json};

use super::Ctx;
use crate::catalog::{catalog, mock_id, now_unix, parse_uri};
use crate::reply::{ApiResult, Reply, bad_request};
use crate::state::{Device, Playback, State, generated_tracks};

pub(super) fn handle(ctx: &Ctx<'_>) -> Option<ApiResult> {
    let mut state = ctx.shared.state.lock().unwrap();
    let state = &mut *state;
    let done = Ok(Reply::empty(ctx.op.success_status));
    Some(match ctx.op.id {
        "get-information-about-the-users-current-playback" => Ok(playback_state(ctx, state, true)),
        "get-the-users-currently-playing-track" => Ok(playback_state(ctx, state, false)),
        "get-a-users-available-devices" => {
            let devices: Vec<Value> = state.devices.iter().map(|d| device(state, d)).collect();
            Ok(Reply::json(200, json!({"devices": devices})))
        }
        "get-queue" => Ok(queue(ctx, state)),
        "start-a-users-playback" => play(ctx, state).and(done),
        "transfer-a-users-playback" => transfer(ctx, state).and(done),
        "pause-a-users-playback" => active(ctx, state).map(|p| p.is_playing = false).and(done),
        "skip-users-playback-to-next-track" => active(ctx, state).map(next).and(done),
        "skip-users-playback-to-previous-track" => active(ctx, state).map(previous).and(done),
        "seek-to-position-in-currently-playing-track" => {
            let ms = ctx.q("position_ms").and_then(|v| v.parse::<u64>().ok());
            let ms = ms.ok_or_else(|| bad_request("position_ms must be a non-negative integer"));
            ms.and_then(|ms| active(ctx, state).map(|p| p.progress_ms = ms))
                .and(done)
        }
        "set-volume-for-users-playback" => volume(ctx, state).and(done),
        "set-repeat-mode-on-users-playback" => match ctx.q("state") {
            Some(mode @ ("track" | "context" | "off")) => active(ctx, state)
                .map(|p| p.repeat = mode.to_string())
                .and(done),
            _ => Err(bad_request("state must be track, context or off")),
        },
        "toggle-shuffle-for-users-playback" => match ctx.q("state") {
            Some(s @ ("true" | "false")) => active(ctx, state)
                .map(|p| p.shuffle = s == "true")
                .and(done),
            _ => Err(bad_request("state must be true or false")),
        },
        "add-to-queue" => match ctx.q("uri") {
            Some(uri) if matches!(parse_uri(uri), Some(("track" | "episode", _))) => {
                active(ctx, state)
                    .map(|p| p.queue.push_back(uri.to_string()))
                    .and(done)
            }
            _ => Err(bad_request("uri must be a track or episode URI")),
        },
        _ => return None,
    })
}

/// The playback, or Spotify's 404 when nothing is active.
fn active<'s>(ctx: &Ctx<'_>, state: &'s mut State) -> Result<&'s mut Playback, Reply> {
    if let Some(id) = ctx.q("device_id")
        && !state.devices.iter().any(|d| d.id == id)
    {
        return Err(Reply::error(404, "Device not found"));
    }
    state.playback.as_mut().ok_or_else(|| {
        Reply::json(
            404,
            json!({"error": {
                "status": 404,
                "message": "Player command failed: No active device found",
                "reason": "NO_ACTIVE_DEVICE",
            }}),
        )
    })
}

fn device_id(ctx: &Ctx<'_>, state: &State) -> Result<String, Reply> {
    match ctx.q("device_id") {
        Some(id) if state.devices.iter().any(|d| d.id == id) => Ok(id.to_string()),
        Some(_) => Err(Reply::error(404, "Device not found")),
        None => Ok(state
            .playback
            .as_ref()
            .map_or_else(|| state.devices[0].id.clone(), |p| p.device_id.clone())),
    }
}

/// The URIs a context plays: a playlist's items, else a few generated tracks.
fn context_uris(state: &mut State, context: &str) -> Vec<String> {
    if let Some(("playlist", id)) = parse_uri(context)
        && let Some(p) = state.playlist_mut(id)
    {
        return p.items.iter().map(|i| i.uri.clone()).collect();
    }
    generated_tracks(context, 10)
        .into_iter()
        .map(|i| i.uri)
        .collect()
}

fn play(ctx: &Ctx<'_>, state: &mut State) -> Result<(), Reply> {
    let device_id = device_id(ctx, state)?;
    let context_uri = ctx
        .field("context_uri")
        .and_then(Value::as_str)
        .map(str::to_string);
    let uris: Vec<String> = ctx.list("uris");
    let (context_uri, uris) = match (context_uri, uris.is_empty()) {
        (Some(c), _) => (Some(c.clone()), context_uris(state, &c)),
        (None, false) => (None, uris),
        (None, true) => {
            // Resume, or start something when nothing was playing.
            match state.playback.as_mut() {
                Some(p) => {
                    p.is_playing = true;
                    p.device_id = device_id;
                    return Ok(());
                }
                None => (
                    None,
                    vec![format!("spotify:track:{}", mock_id("default-track"))],
                ),
            }
        }
    };
    if uris.is_empty() {
        return Err(bad_request("Nothing to play"));
    }
    let offset = ctx.field("offset");
    let index = match (
        offset.and_then(|o| o.get("position")),
        offset.and_then(|o| o.get("uri")),
    ) {
        (Some(pos), _) => pos.as_u64().map(|p| p as usize).filter(|p| *p < uris.len()),
        (None, Some(uri)) => uris.iter().position(|u| Some(u.as_str()) == uri.as_str()),
        (None, None) => Some(0),
    }
    .ok_or_else(|| bad_request("Invalid offset"))?;
    let progress_ms = ctx
        .field("position_ms")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let (shuffle, repeat, queue) = state
        .playback
        .take()
        .map_or((false, "off".to_string(), VecDeque::new()), |p| {
            (p.shuffle, p.repeat, p.queue)
        });
    state.playback = Some(Playback {
        device_id,
        is_playing: true,
        context_uri,
        current: uris[index].clone(),
        uris,
        index,
        progress_ms,
        shuffle,
        repeat,
        queue,
    });
    Ok(())
}

fn transfer(ctx: &Ctx<'_>, state: &mut State) -> Result<(), Reply> {
    let ids = ctx.list("device_ids");
    let [id] = ids.as_slice() else {
        return Err(bad_request("Exactly one device id is required"));
    };
    if !state.devices.iter().any(|d| &d.id == id) {
        return Err(Reply::error(404, "Device not found"));
    }
    let play = ctx.field("play").and_then(Value::as_bool).unwrap_or(false);
    match state.playback.as_mut() {
        Some(p) => {
            p.device_id = id.clone();
            p.is_playing |= play;
        }
        None => {
            let uri = format!("spotify:track:{}", mock_id("default-track"));
            state.playback = Some(Playback {
                device_id: id.clone(),
                is_playing: play,
                context_uri: None,
                uris: vec![uri.clone()],
                index: 0,
                current: uri,
                progress_ms: 0,
                shuffle: false,
                repeat: "off".into(),
                queue: VecDeque::new(),
            });
        }
    }
    Ok(())
}

fn next(p: &mut Playback) {
    p.progress_ms = 0;
    if let Some(uri) = p.queue.pop_front() {
        p.current = uri;
        return;
    }
    if p.index + 1 < p.uris.len() {
        p.index += 1;
    } else if p.repeat == "context" {
        p.index = 0;
    } else {
        p.is_playing = false;
    }
    p.current = p.uris[p.index].clone();
}

fn previous(p: &mut Playback) {
    p.progress_ms = 0;
    p.index = p.index.saturating_sub(1);
    p.current = p.uris[p.index].clone();
}

fn volume(ctx: &Ctx<'_>, state: &mut State) -> Result<(), Reply> {
    let volume = ctx
        .q("volume_percent")
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|v| *v <= 100)
        .ok_or_else(|| bad_request("volume_percent must be between 0 and 100"))?;
    active(ctx, state)?;
    let id = device_id(ctx, state)?;
    if let Some(d) = state.devices.iter_mut().find(|d| d.id == id) {
        d.volume_percent = volume;
    }
    Ok(())
}

fn device(state: &State, d: &Device) -> Value {
    let mut v = catalog().at("get-a-users-available-devices", "/devices/0");
    v["id"] = json!(d.id);
    v["name"] = json!(d.name);
    v["type"] = json!(d.kind);
    v["volume_percent"] = json!(d.volume_percent);
    v["supports_volume"] = json!(true);
    v["is_active"] = json!(state.playback.as_ref().is_some_and(|p| p.device_id == d.id));
    v
}

/// `GET /me/player` (`full`) or `GET /me/player/currently-playing`: 204 when nothing plays.
fn playback_state(ctx: &Ctx<'_>, state: &State, full: bool) -> Reply {
    let Some(p) = &state.playback else {
        return Reply::empty(204);
    };
    let op = if full {
        "get-information-about-the-users-current-playback"
    } else {
        "get-the-users-currently-playing-track"
    };
    let mut v = catalog().example(op);
    let item = render(ctx, state, &p.current);
    v["currently_playing_type"] = json!(if p.current.starts_with("spotify:episode:") {
        "episode"
    } else {
        "track"
    });
    v["item"] = item;
    v["is_playing"] = json!(p.is_playing);
    // Spotify lists only the disallowed actions, as `true`: a playing item cannot be resumed, a
    // paused one cannot be paused.
    let disallowed = if p.is_playing { "resuming" } else { "pausing" };
    v["actions"] = json!({"disallows": {disallowed: true}});
    v["progress_ms"] = json!(p.progress_ms);
    v["timestamp"] = json!(now_unix() * 1000);
    v["context"] = match &p.context_uri {
        Some(uri) => {
            let (kind, id) = parse_uri(uri).unwrap_or(("playlist", uri));
            json!({"type": kind, "uri": uri, "href": format!("{}/{kind}s/{id}", ctx.base()),
                   "external_urls": {"spotify": format!("https://open.spotify.com/{kind}/{id}")}})
        }
        None => Value::Null,
    };
    if full {
        let d = state
            .devices
            .iter()
            .find(|d| d.id == p.device_id)
            .unwrap_or(&state.devices[0]);
        v["device"] = device(state, d);
        v["shuffle_state"] = json!(p.shuffle);
        v["repeat_state"] = json!(p.repeat);
    }
    Reply::json(200, v)
}

fn queue(ctx: &Ctx<'_>, state: &State) -> Reply {
    let (current, queue) = match &state.playback {
        Some(p) => (
            render(ctx, state, &p.current),
            p.queue.iter().collect::<Vec<_>>(),
        ),
        None => (Value::Null, Vec::new()),
    };
    let queue: Vec<Value> = queue.iter().map(|uri| render(ctx, state, uri)).collect();
    Reply::json(200, json!({"currently_playing": current, "queue": queue}))
}

fn render(ctx: &Ctx<'_>, state: &State, uri: &str) -> Value {
    catalog().for_uri(ctx.base(), uri, state.name_of(uri).as_deref())
}
