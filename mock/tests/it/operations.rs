//! Every operation of the operations table answers with its success status and a body that decodes
//! into the generated response type without losing fields; so does every raw example.

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use spotify_sdk_generated::operations::{OPERATIONS, Operation};
use spotify_sdk_generated::types;
use spotify_sdk_mock::USER_ID;

use crate::common::env;

type Check = fn(&[u8]) -> Result<Value, String>;

/// Decodes into `T` and encodes again.
fn check<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<Value, String> {
    let decoded: T = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    serde_json::to_value(&decoded).map_err(|e| e.to_string())
}

/// The success response type of each operation (`None`: no body).
fn response_type(op: &str) -> Option<Check> {
    match op {
        "add-items-to-playlist" => Some(check::<types::AddItemsToPlaylistResponse>),
        "add-to-queue" => None,
        "add-tracks-to-playlist" => Some(check::<types::AddTracksToPlaylistResponse>),
        "change-playlist-details" => None,
        "check-current-user-follows" => Some(check::<Vec<bool>>),
        "check-if-user-follows-playlist" => Some(check::<Vec<bool>>),
        "check-library-contains" => Some(check::<Vec<bool>>),
        "check-users-saved-albums" => Some(check::<Vec<bool>>),
        "check-users-saved-audiobooks" => Some(check::<Vec<bool>>),
        "check-users-saved-episodes" => Some(check::<Vec<bool>>),
        "check-users-saved-shows" => Some(check::<Vec<bool>>),
        "check-users-saved-tracks" => Some(check::<Vec<bool>>),
        "create-playlist" => Some(check::<types::PlaylistObject>),
        "create-playlist-for-user" => Some(check::<types::PlaylistObject>),
        "follow-artists-users" => None,
        "follow-playlist" => None,
        "get-a-categories-playlists" => Some(check::<types::PagingFeaturedPlaylistObject>),
        "get-a-category" => Some(check::<types::CategoryObject>),
        "get-a-chapter" => Some(check::<types::ChapterObject>),
        "get-a-list-of-current-users-playlists" => Some(check::<types::PagingPlaylistObject>),
        "get-a-show" => Some(check::<types::ShowObject>),
        "get-a-shows-episodes" => Some(check::<types::PagingSimplifiedEpisodeObject>),
        "get-a-users-available-devices" => Some(check::<types::GetAUsersAvailableDevicesResponse>),
        "get-an-album" => Some(check::<types::AlbumObject>),
        "get-an-albums-tracks" => Some(check::<types::PagingSimplifiedTrackObject>),
        "get-an-artist" => Some(check::<types::ArtistObject>),
        "get-an-artists-albums" => Some(check::<types::PagingArtistDiscographyAlbumObject>),
        "get-an-artists-related-artists" => {
            Some(check::<types::GetAnArtistsRelatedArtistsResponse>)
        }
        "get-an-artists-top-tracks" => Some(check::<types::GetAnArtistsTopTracksResponse>),
        "get-an-audiobook" => Some(check::<types::AudiobookObject>),
        "get-an-episode" => Some(check::<types::EpisodeObject>),
        "get-audio-analysis" => Some(check::<types::AudioAnalysisObject>),
        "get-audio-features" => Some(check::<types::AudioFeaturesObject>),
        "get-audiobook-chapters" => Some(check::<types::PagingSimplifiedChapterObject>),
        "get-available-markets" => Some(check::<types::GetAvailableMarketsResponse>),
        "get-categories" => Some(check::<types::GetCategoriesResponse>),
        "get-current-users-profile" => Some(check::<types::PrivateUserObject>),
        "get-featured-playlists" => Some(check::<types::PagingFeaturedPlaylistObject>),
        "get-followed" => Some(check::<types::GetFollowedResponse>),
        "get-information-about-the-users-current-playback" => {
            Some(check::<types::CurrentlyPlayingContextObject>)
        }
        "get-list-users-playlists" => Some(check::<types::PagingPlaylistObject>),
        "get-multiple-albums" => Some(check::<types::GetMultipleAlbumsResponse>),
        "get-multiple-artists" => Some(check::<types::GetMultipleArtistsResponse>),
        "get-multiple-audiobooks" => Some(check::<types::GetMultipleAudiobooksResponse>),
        "get-multiple-episodes" => Some(check::<types::GetMultipleEpisodesResponse>),
        "get-multiple-shows" => Some(check::<types::GetMultipleShowsResponse>),
        "get-new-releases" => Some(check::<types::GetNewReleasesResponse>),
        "get-playlist" => Some(check::<types::PlaylistObject>),
        "get-playlist-cover" => Some(check::<Vec<types::ImageObject>>),
        "get-playlists-items" => Some(check::<types::PagingPlaylistTrackObject>),
        "get-playlists-tracks" => Some(check::<types::PagingPlaylistTrackObject>),
        "get-queue" => Some(check::<types::QueueObject>),
        "get-recently-played" => Some(check::<types::CursorPagingPlayHistoryObject>),
        "get-recommendation-genres" => Some(check::<types::GetRecommendationGenresResponse>),
        "get-recommendations" => Some(check::<types::RecommendationsObject>),
        "get-several-audio-features" => Some(check::<types::GetSeveralAudioFeaturesResponse>),
        "get-several-chapters" => Some(check::<types::GetSeveralChaptersResponse>),
        "get-several-tracks" => Some(check::<types::GetSeveralTracksResponse>),
        "get-the-users-currently-playing-track" => Some(check::<types::CurrentlyPlayingObject>),
        "get-track" => Some(check::<types::TrackObject>),
        "get-users-profile" => Some(check::<types::PublicUserObject>),
        "get-users-saved-albums" => Some(check::<types::PagingSavedAlbumObject>),
        "get-users-saved-audiobooks" => Some(check::<types::PagingSavedAudiobookObject>),
        "get-users-saved-episodes" => Some(check::<types::PagingSavedEpisodeObject>),
        "get-users-saved-shows" => Some(check::<types::PagingSavedShowObject>),
        "get-users-saved-tracks" => Some(check::<types::PagingSavedTrackObject>),
        "get-users-top-artists" => Some(check::<types::PagingArtistObject>),
        "get-users-top-tracks" => Some(check::<types::PagingTrackObject>),
        "pause-a-users-playback" => None,
        "remove-albums-user" => None,
        "remove-audiobooks-user" => None,
        "remove-episodes-user" => None,
        "remove-items-playlist" => Some(check::<types::RemoveItemsPlaylistResponse>),
        "remove-library-items" => None,
        "remove-shows-user" => None,
        "remove-tracks-playlist" => Some(check::<types::RemoveTracksPlaylistResponse>),
        "remove-tracks-user" => None,
        "reorder-or-replace-playlists-items" => {
            Some(check::<types::ReorderOrReplacePlaylistsItemsResponse>)
        }
        "reorder-or-replace-playlists-tracks" => {
            Some(check::<types::ReorderOrReplacePlaylistsTracksResponse>)
        }
        "save-albums-user" => None,
        "save-audiobooks-user" => None,
        "save-episodes-user" => None,
        "save-library-items" => None,
        "save-shows-user" => None,
        "save-tracks-user" => None,
        "search" => Some(check::<types::SearchResponse>),
        "seek-to-position-in-currently-playing-track" => None,
        "set-repeat-mode-on-users-playback" => None,
        "set-volume-for-users-playback" => None,
        "skip-users-playback-to-next-track" => None,
        "skip-users-playback-to-previous-track" => None,
        "start-a-users-playback" => None,
        "toggle-shuffle-for-users-playback" => None,
        "transfer-a-users-playback" => None,
        "unfollow-artists-users" => None,
        "unfollow-playlist" => None,
        "upload-custom-playlist-cover" => None,
        other => panic!("operation {other} is missing from the test's type table"),
    }
}

/// Paths of non-null, non-empty values of `orig` that the round trip lost or changed.
fn lost(orig: &Value, round: &Value, path: &str, out: &mut Vec<String>) {
    match (orig, round) {
        (Value::Object(o), Value::Object(r)) => {
            for (k, v) in o {
                let p = format!("{path}.{k}");
                // Spotify sends a playlist's items and an entry's item twice, under the new name
                // and the deprecated one; the models keep the new one only (the same items; only
                // the page's link differs, `/items` or `/tracks`).
                let duplicate_of = match k.as_str() {
                    "track" => o.get("item"),
                    "tracks" => o.get("items"),
                    _ => None,
                };
                match r.get(k) {
                    Some(rv) => lost(v, rv, &p, out),
                    None if is_empty(v) => {}
                    None if duplicate_of.is_some_and(|primary| !is_empty(primary)) => {}
                    None => out.push(p),
                }
            }
        }
        (Value::Array(o), Value::Array(r)) if o.len() == r.len() => {
            for (i, (ov, rv)) in o.iter().zip(r).enumerate() {
                lost(ov, rv, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) if close(a.as_f64(), b.as_f64()) => {}
        (a, b) if a == b || is_empty(a) => {}
        _ => out.push(format!("{path} (changed)")),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Decodes `bytes` as the response of `op`; describes what went wrong.
fn verify(op: &str, bytes: &[u8]) -> Result<(), String> {
    let Some(check) = response_type(op) else {
        return if bytes.is_empty() {
            Ok(())
        } else {
            Err("expected no body".into())
        };
    };
    let round = check(bytes)?;
    let orig: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    lost(&orig, &round, "", &mut out);
    if out.is_empty() {
        Ok(())
    } else {
        Err(format!("fields lost in decoding: {out:?}"))
    }
}

#[test]
fn every_raw_example_decodes_into_its_response_type() {
    let examples: serde_json::Map<String, Value> =
        serde_json::from_str(include_str!("../../data/examples.json")).unwrap();
    let mut failures = Vec::new();
    for op in OPERATIONS.iter() {
        let example = examples
            .get(op.id)
            .unwrap_or_else(|| panic!("no example for {}", op.id));
        if example.is_null() {
            assert!(
                response_type(op.id).is_none(),
                "{} has a body type but a null example",
                op.id
            );
            continue;
        }
        // The mock serves examples without the `null` entries the synthesis leaves in some arrays
        // (see `catalog::sanitize`); decode them the same way.
        let mut example = example.clone();
        sanitize(&mut example);
        let bytes = serde_json::to_vec(&example).unwrap();
        if let Err(e) = verify(op.id, &bytes) {
            failures.push(format!("{}: {e}", op.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A request for `op` with valid parameters.
fn request(op: &Operation, playlist: &str) -> (Method, String, Option<Value>) {
    let path = op
        .path
        .replace("{playlist_id}", playlist)
        .replace("{user_id}", USER_ID)
        .replace("{category_id}", "party")
        .replace("{id}", "4iV5W9uYEdYUVa79Axb7Rh");
    let query = match op.id {
        "save-library-items" | "remove-library-items" | "check-library-contains" => {
            "uris=spotify:track:a1,spotify:album:b2"
        }
        "follow-artists-users" | "unfollow-artists-users" | "check-current-user-follows" => {
            "type=artist&ids=a1,a2"
        }
        "get-followed" => "type=artist",
        "search" => "q=beatles&type=album,track",
        "seek-to-position-in-currently-playing-track" => "position_ms=1000",
        "set-volume-for-users-playback" => "volume_percent=40",
        "set-repeat-mode-on-users-playback" => "state=context",
        "toggle-shuffle-for-users-playback" => "state=true",
        "add-to-queue" => "uri=spotify:track:q1",
        "get-recommendations" => "seed_genres=rock",
        id if id.starts_with("get-multiple-") || id.starts_with("get-several-") => "ids=a1,a2",
        id if id.ends_with("-user") || id.starts_with("check-users-saved-") => "ids=a1,a2",
        _ => "",
    };
    let body = match op.id {
        "create-playlist" | "create-playlist-for-user" => Some(json!({"name": "New"})),
        "change-playlist-details" => Some(json!({"name": "Renamed"})),
        "add-items-to-playlist" | "add-tracks-to-playlist" => {
            Some(json!({"uris": ["spotify:track:a1"]}))
        }
        "reorder-or-replace-playlists-items" | "reorder-or-replace-playlists-tracks" => {
            Some(json!({"range_start": 0, "insert_before": 2}))
        }
        "remove-items-playlist" => Some(json!({"items": [{"uri": "spotify:track:a1"}]})),
        "remove-tracks-playlist" => Some(json!({"tracks": [{"uri": "spotify:track:a1"}]})),
        "transfer-a-users-playback" => Some(json!({"device_ids": ["mock-device-phone"]})),
        "start-a-users-playback" => Some(json!({"uris": ["spotify:track:p1", "spotify:track:p2"]})),
        _ => None,
    };
    let path = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    (op.method.parse().unwrap(), path, body)
}

#[tokio::test]
async fn every_operation_answers_its_success_status_with_a_decodable_body() {
    let env = env().await;
    let playlist = env.server.add_playlist_with_tracks(5);
    // Player commands need something playing: start first.
    let mut ops: Vec<&Operation> = OPERATIONS.iter().collect();
    ops.sort_by_key(|op| op.id != "start-a-users-playback");
    let mut failures = Vec::new();
    for op in ops {
        let (method, path, body) = request(op, &playlist);
        let resp = if op.id == "upload-custom-playlist-cover" {
            let url = format!("{}{path}", env.server.base_url());
            let r = env
                .http
                .put(url)
                .bearer_auth(&env.token)
                .body("/9j/4AAQSkZJRg==")
                .send()
                .await
                .unwrap();
            crate::common::Resp {
                status: r.status(),
                headers: r.headers().clone(),
                bytes: r.bytes().await.unwrap().to_vec(),
            }
        } else {
            env.call(method, &path, body).await
        };
        let text = String::from_utf8_lossy(&resp.bytes);
        if resp.status.as_u16() != op.success_status {
            failures.push(format!(
                "{} {path}: status {} (want {}): {text}",
                op.id, resp.status, op.success_status
            ));
        } else if text.contains("api.spotify.com") {
            failures.push(format!("{} {path}: links to the real API: {text}", op.id));
        } else if let Err(e) = verify(op.id, &resp.bytes) {
            failures.push(format!("{} {path}: {e}: {text:.300}", op.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} operations fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let recorded = env.server.requests();
    assert_eq!(recorded.len(), OPERATIONS.len());
    for (req, op) in recorded.iter().zip(
        OPERATIONS
            .iter()
            .filter(|o| o.id == "start-a-users-playback"),
    ) {
        assert_eq!(req.operation_id.as_deref(), Some(op.id));
    }
    let mut seen: Vec<&str> = recorded
        .iter()
        .filter_map(|r| r.operation_id.as_deref())
        .collect();
    seen.sort();
    let all: Vec<&str> = OPERATIONS.iter().map(|o| o.id).collect();
    assert_eq!(seen, all, "every operation was routed to itself");
}

/// Equal up to `f32` precision (some numbers of the spec are `float`).
fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(1.0),
        _ => false,
    }
}

/// Drops `null` entries of arrays, as the mock does with the examples.
fn sanitize(v: &mut Value) {
    match v {
        Value::Object(map) => map.values_mut().for_each(sanitize),
        Value::Array(items) => {
            items.retain(|i| !i.is_null());
            items.iter_mut().for_each(sanitize);
        }
        _ => {}
    }
}
