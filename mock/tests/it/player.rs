//! Playback state.

use serde_json::json;

use crate::common::env;

#[tokio::test]
async fn nothing_plays_until_play() {
    let env = env().await;
    let resp = env.get("/me/player").await;
    assert_eq!(resp.status, 204);
    assert!(resp.bytes.is_empty());
    assert_eq!(env.get("/me/player/currently-playing").await.status, 204);
    assert!(env.server.playback().is_none());
    let resp = env.put("/me/player/pause", None).await;
    assert_eq!(resp.status, 404);
    assert_eq!(resp.json()["error"]["reason"], "NO_ACTIVE_DEVICE");
    let devices = env.get_ok("/me/player/devices").await;
    assert!(!devices["devices"].as_array().unwrap().is_empty());
    assert_eq!(devices["devices"][0]["is_active"], false);

    assert_eq!(env.put("/me/player/play", None).await.status, 204);
    let state = env.get_ok("/me/player").await;
    assert_eq!(state["is_playing"], true);
    assert_eq!(state["device"]["is_active"], true);
    assert_eq!(state["item"]["type"], "track");
    // Spotify lists only what is disallowed.
    assert_eq!(state["actions"], json!({"disallows": {"resuming": true}}));
}

#[tokio::test]
async fn commands_change_the_state() {
    let env = env().await;
    let body = json!({"uris": ["spotify:track:a", "spotify:track:b", "spotify:episode:c"], "offset": {"position": 1}, "position_ms": 500});
    assert_eq!(
        env.put("/me/player/play?device_id=mock-device-phone", Some(body))
            .await
            .status,
        204
    );
    let state = env.get_ok("/me/player").await;
    assert_eq!(state["item"]["uri"], "spotify:track:b");
    assert_eq!(state["progress_ms"], 500);
    assert_eq!(state["device"]["id"], "mock-device-phone");

    assert_eq!(env.post("/me/player/next", None).await.status, 204);
    let state = env.get_ok("/me/player").await;
    assert_eq!(state["item"]["uri"], "spotify:episode:c");
    assert_eq!(state["currently_playing_type"], "episode");
    assert_eq!(env.post("/me/player/previous", None).await.status, 204);
    assert_eq!(env.server.playback().unwrap().item_uri, "spotify:track:b");

    env.put("/me/player/pause", None).await;
    env.put("/me/player/seek?position_ms=1234", None).await;
    env.put("/me/player/volume?volume_percent=33", None).await;
    env.put("/me/player/repeat?state=track", None).await;
    env.put("/me/player/shuffle?state=true", None).await;
    assert_eq!(
        env.put("/me/player/volume?volume_percent=101", None)
            .await
            .status,
        400
    );
    assert_eq!(
        env.put("/me/player/repeat?state=sometimes", None)
            .await
            .status,
        400
    );
    let state = env.get_ok("/me/player").await;
    assert_eq!(state["is_playing"], false);
    assert_eq!(state["actions"], json!({"disallows": {"pausing": true}}));
    assert_eq!(state["progress_ms"], 1234);
    assert_eq!(state["device"]["volume_percent"], 33);
    assert_eq!(state["repeat_state"], "track");
    assert_eq!(state["shuffle_state"], true);

    assert_eq!(
        env.post("/me/player/queue?uri=spotify:track:q", None)
            .await
            .status,
        204
    );
    let queue = env.get_ok("/me/player/queue").await;
    assert_eq!(queue["currently_playing"]["uri"], "spotify:track:b");
    assert_eq!(queue["queue"][0]["uri"], "spotify:track:q");
    env.post("/me/player/next", None).await;
    assert_eq!(
        env.get_ok("/me/player/currently-playing").await["item"]["uri"],
        "spotify:track:q"
    );
    assert!(env.server.playback().unwrap().queue.is_empty());

    let resp = env
        .put(
            "/me/player",
            Some(json!({"device_ids": ["mock-device-computer"], "play": true})),
        )
        .await;
    assert_eq!(resp.status, 204);
    let playback = env.server.playback().unwrap();
    assert_eq!(playback.device_id, "mock-device-computer");
    assert!(playback.is_playing);
    assert_eq!(
        env.put("/me/player", Some(json!({"device_ids": ["nope"]})))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn playing_a_playlist_context() {
    let env = env().await;
    let id = env.server.add_playlist_with_tracks(3);
    let uris = env.server.playlist_uris(&id).unwrap();
    let body = json!({"context_uri": format!("spotify:playlist:{id}"), "offset": {"uri": uris[2]}});
    assert_eq!(env.put("/me/player/play", Some(body)).await.status, 204);
    let state = env.get_ok("/me/player").await;
    assert_eq!(state["context"]["uri"], format!("spotify:playlist:{id}"));
    assert_eq!(state["item"]["uri"], uris[2].as_str());
    assert_eq!(state["item"]["name"], "Track 3");
    let snapshot = env.server.state();
    assert_eq!(
        snapshot.playback.unwrap().context_uri,
        Some(format!("spotify:playlist:{id}"))
    );
    assert_eq!(snapshot.playlists.len(), 1);
    assert_eq!(snapshot.saved_uris, [format!("spotify:playlist:{id}")]);
    env.server.reset_state();
    assert_eq!(env.get("/me/player").await.status, 204);
}
