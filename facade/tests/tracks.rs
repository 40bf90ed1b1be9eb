//! `client.tracks()` and `client.albums()` against the mock: requests on the wire and decoded responses.

mod common;

use futures::TryStreamExt;
use spotify_sdk::Error;

#[tokio::test]
async fn get_track_by_url_sends_the_bare_id() {
    let (server, client) = common::setup().await;
    let track = client
        .tracks()
        .get("https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC?si=abc")
        .await
        .unwrap();
    assert!(track.name.is_some());
    let request = common::only_request(&server);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/v1/tracks/4uLU6hMCjMI75M1A2tKUQC");
    assert!(request.query.is_empty(), "{:?}", request.query);
}

#[tokio::test]
async fn a_wrong_kind_of_id_fails_before_any_request() {
    let (server, client) = common::setup().await;
    let err = client
        .tracks()
        .get("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidId { .. }), "{err:?}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn get_many_keeps_order_and_reports_unknown_ids_as_none() {
    let (server, client) = common::setup().await;
    let ids = [
        "4uLU6hMCjMI75M1A2tKUQC",
        "missing0000000000000A",
        "7ouMYWpwJ422jRcDASZB7P",
    ];
    // "missing..." is 21 characters: not a valid ID, so nothing is sent.
    assert!(client.tracks().get_many(ids).await.is_err());
    assert!(server.requests().is_empty());
    let ids = [
        "4uLU6hMCjMI75M1A2tKUQC",
        "missing00000000000000A",
        "7ouMYWpwJ422jRcDASZB7P",
    ];
    let results = client.tracks().get_many(ids).await.unwrap();
    assert_eq!(results.len(), 3);
    assert!(results[0].as_ref().unwrap().is_some());
    assert!(results[1].as_ref().unwrap().is_none());
    assert!(results[2].as_ref().unwrap().is_some());
    let request = common::only_request(&server);
    assert_eq!(request.path, "/v1/tracks");
    assert_eq!(
        request.query,
        vec![(
            "ids".to_string(),
            "4uLU6hMCjMI75M1A2tKUQC,missing00000000000000A,7ouMYWpwJ422jRcDASZB7P".to_string()
        )]
    );
}

#[tokio::test]
async fn album_tracks_stream_pages_with_the_endpoint_limit() {
    let (server, client) = common::setup().await;
    let tracks: Vec<_> = client
        .albums()
        .tracks("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
        .try_collect()
        .await
        .unwrap();
    assert!(!tracks.is_empty());
    let first = &server.requests()[0];
    assert_eq!(first.path, "/v1/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks");
    assert!(first.query.contains(&("limit".to_string(), "50".to_string())), "{:?}", first.query);
    assert!(first.query.contains(&("offset".to_string(), "0".to_string())));
}
