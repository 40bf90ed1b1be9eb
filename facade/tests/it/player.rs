//! `client.player()` against the mock: commands on the wire, their effect on the mock's playback,
//! the decoded state, and recently played tracks as a cursor-paged stream.

use crate::common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::TryStreamExt;
use serde_json::json;
use spotify_sdk::Error;
use spotify_sdk::resources::player::{Play, RepeatMode};
use spotify_sdk::types::PlayableItem;
use spotify_sdk_mock::Fault;

const TRACK: &str = "4uLU6hMCjMI75M1A2tKUQC";
const EPISODE: &str = "spotify:episode:512ojhOuo1ktJprKbVcKyQ";
/// The newest play of the mock's virtual history (Unix ms); one play a minute before it.
const NEWEST_PLAY_MS: u64 = 1_767_225_600_000;

fn query(request: &spotify_sdk_mock::RecordedRequest) -> Vec<(&str, &str)> {
    request
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn nothing_playing_is_none_and_asks_for_episodes_too() {
    let (server, client) = common::setup().await;
    assert!(client.player().state().await.unwrap().is_none());
    assert!(client.player().currently_playing().await.unwrap().is_none());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("GET", "/v1/me/player")
    );
    assert_eq!(requests[1].path, "/v1/me/player/currently-playing");
    for request in &requests {
        assert_eq!(query(request), [("additional_types", "track,episode")]);
    }
}

#[tokio::test]
async fn play_items_then_read_the_state() {
    let (server, client) = common::setup().await;
    let play = Play::items([format!("spotify:track:{TRACK}"), EPISODE.to_string()])
        .offset_item(EPISODE)
        .position(Duration::from_millis(2500))
        .device("mock-device-phone");
    client.player().play(play).await.unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", "/v1/me/player/play")
    );
    assert_eq!(query(&request), [("device_id", "mock-device-phone")]);
    assert_eq!(
        request.body,
        Some(json!({
            "uris": [format!("spotify:track:{TRACK}"), EPISODE],
            "offset": {"uri": EPISODE},
            "position_ms": 2500,
        }))
    );

    let state = client
        .player()
        .state()
        .await
        .unwrap()
        .expect("something plays");
    assert!(state.is_playing);
    assert_eq!(state.progress_ms, Some(2500));
    assert_eq!(state.currently_playing_type.as_deref(), Some("episode"));
    assert_eq!(state.device.id.as_deref(), Some("mock-device-phone"));
    match state.item {
        Some(PlayableItem::Episode(episode)) => {
            assert_eq!(episode.uri, EPISODE)
        }
        other => panic!("expected the episode, got {other:?}"),
    }
    let now = client.player().currently_playing().await.unwrap().unwrap();
    assert!(now.is_playing);
}

#[tokio::test]
async fn play_a_context_from_an_offset() {
    let (server, client) = common::setup().await;
    let playlist = server.add_playlist_with_tracks(5);
    let uris = server.playlist_uris(&playlist).unwrap();
    let url = format!("https://open.spotify.com/playlist/{playlist}?si=abc");
    client
        .player()
        .play(Play::context(url).offset(3))
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert!(request.query.is_empty(), "{:?}", request.query);
    assert_eq!(
        request.body,
        Some(
            json!({"context_uri": format!("spotify:playlist:{playlist}"), "offset": {"position": 3}})
        )
    );
    let playback = server.playback().unwrap();
    assert_eq!(
        playback.context_uri,
        Some(format!("spotify:playlist:{playlist}"))
    );
    assert_eq!(playback.item_uri, uris[3]);
}

#[tokio::test]
async fn invalid_ids_and_values_send_nothing() {
    let (server, client) = common::setup().await;
    let player = client.player();
    let cases = [
        player
            .play(Play::context(format!("spotify:track:{TRACK}")))
            .await,
        player.play(Play::context(TRACK)).await,
        player
            .play(Play::items(["spotify:album:4aawyAB9vmqN3uQ7FjRGTy"]))
            .await,
        player
            .add_to_queue("spotify:show:5CfCWKI5pZ28U0uOzXkDHe")
            .await,
        player.add_to_queue("not an id").await,
    ];
    for result in cases {
        assert!(matches!(result, Err(Error::InvalidId { .. })), "{result:?}");
    }
    for result in [
        player.volume(101).await,
        player.volume(u8::MAX).await,
        player.transfer(" ", true).await,
        player.play(Play::items(Vec::<String>::new())).await,
    ] {
        assert!(
            matches!(result, Err(Error::InvalidArgument(_))),
            "{result:?}"
        );
    }
    let mut history = player.recently_played_before(UNIX_EPOCH - Duration::from_secs(1));
    assert!(matches!(
        history.try_next().await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

#[tokio::test]
async fn commands_answer_unit_and_change_the_playback() {
    let (server, client) = common::setup().await;
    let player = client.player();
    let tracks: Vec<String> = (0..3)
        .map(|i| {
            format!(
                "spotify:track:{}",
                [
                    "4uLU6hMCjMI75M1A2tKUQC",
                    "7ouMYWpwJ422jRcDASZB7P",
                    "3n3Ppam7vgaVa1iaRUc9Lp"
                ][i]
            )
        })
        .collect();
    player
        .play(Play::items(tracks.iter().map(String::as_str)))
        .await
        .unwrap();
    server.clear_requests();

    let () = player.next().await.unwrap();
    assert_eq!(server.playback().unwrap().item_uri, tracks[1]);
    player.previous().await.unwrap();
    assert_eq!(server.playback().unwrap().item_uri, tracks[0]);
    player.pause().await.unwrap();
    assert!(!server.playback().unwrap().is_playing);
    player.resume().await.unwrap();
    assert!(server.playback().unwrap().is_playing);
    player.seek(Duration::from_millis(61_234)).await.unwrap();
    player.volume(0).await.unwrap();
    player.volume(100).await.unwrap();
    player.repeat(RepeatMode::Context).await.unwrap();
    player.shuffle(true).await.unwrap();

    let playback = server.playback().unwrap();
    assert_eq!(playback.progress_ms, 61_234);
    assert_eq!(playback.volume_percent, 100);
    assert_eq!(playback.repeat, "context");
    assert!(playback.shuffle);

    let wire = server.requests();
    let q = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
    let expected = [
        ("POST", "/v1/me/player/next", vec![], None),
        ("POST", "/v1/me/player/previous", vec![], None),
        ("PUT", "/v1/me/player/pause", vec![], None),
        ("PUT", "/v1/me/player/play", vec![], Some(json!({}))),
        ("PUT", "/v1/me/player/seek", q("position_ms", "61234"), None),
        (
            "PUT",
            "/v1/me/player/volume",
            q("volume_percent", "0"),
            None,
        ),
        (
            "PUT",
            "/v1/me/player/volume",
            q("volume_percent", "100"),
            None,
        ),
        ("PUT", "/v1/me/player/repeat", q("state", "context"), None),
        ("PUT", "/v1/me/player/shuffle", q("state", "true"), None),
    ];
    assert_eq!(wire.len(), expected.len(), "{wire:#?}");
    for (got, (method, path, query, body)) in wire.iter().zip(expected) {
        assert_eq!(
            (
                got.method.as_str(),
                got.path.as_str(),
                &got.query,
                &got.body
            ),
            (method, path, &query, &body)
        );
    }

    let state = player.state().await.unwrap().unwrap();
    assert_eq!(
        state.repeat_state.parse::<RepeatMode>().unwrap(),
        RepeatMode::Context
    );
    assert!(state.shuffle_state);
}

#[tokio::test]
async fn commands_accept_200_and_202_with_or_without_a_body() {
    let (server, client) = common::setup().await;
    client.player().play(Play::items([TRACK])).await.unwrap();
    server.fault(
        Fault::custom(200, "application/json", "{\"ok\":true}")
            .times(1)
            .on_operation("pause-a-users-playback"),
    );
    server.fault(
        Fault::custom(202, "text/plain", "")
            .times(1)
            .on_operation("skip-users-playback-to-next-track"),
    );
    client.player().pause().await.unwrap();
    client.player().next().await.unwrap();
}

#[tokio::test]
async fn no_active_device_is_an_error_with_spotifys_message() {
    let (_server, client) = common::setup().await;
    let err = client.player().pause().await.unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_eq!(
        err.message(),
        Some("Player command failed: No active device found")
    );
    assert_eq!(
        err.endpoint().unwrap().operation_id,
        "pause-a-users-playback"
    );
}

#[tokio::test]
async fn devices_and_transfer() {
    let (server, client) = common::setup().await;
    let devices = client.player().devices().await.unwrap();
    let names: Vec<_> = devices.iter().map(|d| d.name.clone()).collect();
    assert_eq!(names, ["Mock Computer", "Mock Phone"]);
    assert_eq!(devices[1].id.as_deref(), Some("mock-device-phone"));
    assert_eq!(devices[1].volume_percent, Some(80));
    assert!(!devices[0].is_active);

    client
        .player()
        .transfer("mock-device-phone", true)
        .await
        .unwrap();
    let request = server.requests().pop().unwrap();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", "/v1/me/player")
    );
    assert_eq!(
        request.body,
        Some(json!({"device_ids": ["mock-device-phone"], "play": true}))
    );
    let playback = server.playback().unwrap();
    assert_eq!(playback.device_id, "mock-device-phone");
    assert!(playback.is_playing);

    let err = client
        .player()
        .transfer("no-such-device", false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
}

#[tokio::test]
async fn queue_add_and_get() {
    let (server, client) = common::setup().await;
    client.player().play(Play::items([TRACK])).await.unwrap();
    server.clear_requests();
    client.player().add_to_queue(EPISODE).await.unwrap();
    client
        .player()
        .add_to_queue(format!("https://open.spotify.com/track/{TRACK}?si=x"))
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("POST", "/v1/me/player/queue")
    );
    assert_eq!(query(&requests[0]), [("uri", EPISODE)]);
    assert_eq!(
        requests[1].query_param("uri"),
        Some(format!("spotify:track:{TRACK}").as_str())
    );

    let queue = client.player().queue().await.unwrap();
    assert_eq!(
        server.requests().last().unwrap().path,
        "/v1/me/player/queue"
    );
    let uris: Vec<_> = queue
        .queue
        .iter()
        .map(|item| match item {
            PlayableItem::Track(t) => t.uri.clone(),
            PlayableItem::Episode(e) => e.uri.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        uris,
        [EPISODE.to_string(), format!("spotify:track:{TRACK}")]
    );
    assert!(queue.currently_playing.is_some());
}

#[tokio::test]
async fn recently_played_pages_back_with_the_before_cursor() {
    let (server, client) = common::setup().await;
    server.set_collection_size("get-recently-played", 120);
    server.fault(Fault::null_items());
    let plays = client
        .player()
        .recently_played()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(plays.len(), 120, "the nulls are skipped");
    let names: Vec<_> = plays.iter().map(|p| p.track.name.clone()).collect();
    assert_eq!(names[0], "Played 1");
    assert_eq!(names[119], "Played 120");
    let times: Vec<_> = plays.iter().map(|p| p.played_at).collect();
    assert!(times.windows(2).all(|w| w[0] > w[1]), "newest first");

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].path, "/v1/me/player/recently-played");
    assert_eq!(query(&requests[0]), [("limit", "50")]);
    let before_50th = (NEWEST_PLAY_MS - 49 * 60_000).to_string();
    assert_eq!(
        query(&requests[1]),
        [("before", before_50th.as_str()), ("limit", "50")]
    );

    server.clear_requests();
    let few = client
        .player()
        .recently_played()
        .max_items(10)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(few.len(), 10);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn recently_played_before_and_after_a_time() {
    let (server, client) = common::setup().await;
    server.set_collection_size("get-recently-played", 120);
    let at = |i: u64| UNIX_EPOCH + Duration::from_millis(NEWEST_PLAY_MS - i * 60_000);

    let older = client
        .player()
        .recently_played_before(at(100))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(older.len(), 19);
    assert_eq!(older[0].track.name, "Played 102");
    let first = &server.requests()[0];
    assert_eq!(
        first.query_param("before"),
        Some((NEWEST_PLAY_MS - 100 * 60_000).to_string().as_str())
    );

    server.clear_requests();
    let newer = client
        .player()
        .recently_played_after(at(100))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(newer.len(), 100);
    let times: Vec<SystemTime> = newer.iter().map(|p| p.played_at.into()).collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "oldest first");
    assert_eq!(newer[0].track.name, "Played 100");
    assert_eq!(newer[99].track.name, "Played 1");
    let requests = server.requests();
    assert_eq!(
        requests[0].query_param("after"),
        Some((NEWEST_PLAY_MS - 100 * 60_000).to_string().as_str())
    );
    assert_eq!(
        requests[1].query_param("after"),
        Some((NEWEST_PLAY_MS - 50 * 60_000).to_string().as_str())
    );
    assert!(requests.iter().all(|r| r.query_param("before").is_none()));

    // A `played_at` from a response can be passed back as it is.
    let newest = newer[99].played_at;
    let none_newer = client
        .player()
        .recently_played_after(newest)
        .collect_all()
        .await
        .unwrap();
    assert!(none_newer.is_empty());
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_player() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(spotify_sdk_mock::MockServer::start());
    let client =
        spotify_sdk::blocking::Client::new(common::builder(&server).build().unwrap()).unwrap();
    assert!(client.player().state().unwrap().is_none());
    client.player().play(Play::items([TRACK])).unwrap();
    client.player().volume(30).unwrap();
    assert!(matches!(
        client.player().volume(101),
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(server.playback().unwrap().volume_percent, 30);
    let plays: Vec<_> = client
        .player()
        .recently_played()
        .max_items(3)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(plays.len(), 3);
}
