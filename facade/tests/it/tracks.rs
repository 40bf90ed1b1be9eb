//! `client.tracks()` (and album tracks) against the mock: requests on the wire and decoded
//! responses.

use crate::catalog_support;
use crate::common;

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
    assert!(!track.name.is_empty());
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
    assert!(
        first
            .query
            .contains(&("limit".to_string(), "50".to_string())),
        "{:?}",
        first.query
    );
    assert!(
        first
            .query
            .contains(&("offset".to_string(), "0".to_string()))
    );
}

#[tokio::test]
async fn get_in_market_sends_the_market() {
    let (server, client) = common::setup().await;
    let track = client
        .tracks()
        .in_market("SE")
        .get("4uLU6hMCjMI75M1A2tKUQC")
        .await
        .unwrap();
    assert_eq!(track.id.as_deref(), Some("4uLU6hMCjMI75M1A2tKUQC"));
    assert_eq!(track.name, "Morning Ferry");
    let request = common::only_request(&server);
    assert_eq!(request.path, "/v1/tracks/4uLU6hMCjMI75M1A2tKUQC");
    assert_eq!(
        request.query,
        vec![("market".to_string(), "SE".to_string())]
    );
    server.clear_requests();
    catalog_support::assert_invalid_id(
        &server,
        client
            .tracks()
            .in_market("SE")
            .get("spotify:show:38bS44xjbVVZ3No3ByF1dJ")
            .await,
    );
}

#[tokio::test]
async fn get_many_chunks_by_50_and_falls_back_to_single_gets() {
    let (server, client) = common::setup().await;
    catalog_support::check_multi_get(
        &server,
        "get-several-tracks",
        "/v1/tracks",
        50,
        |ids| {
            let client = client.clone();
            async move { client.tracks().get_many(ids).await }
        },
        |track: &spotify_sdk::types::TrackObject| track.id.clone(),
    )
    .await;
    client
        .tracks()
        .in_market("from_token")
        .get_many(["4uLU6hMCjMI75M1A2tKUQC"])
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(request.query_param("market"), Some("from_token"));
    assert_eq!(request.query_param("ids"), Some("4uLU6hMCjMI75M1A2tKUQC"));
}

#[tokio::test]
#[allow(deprecated)]
async fn deprecated_audio_features_and_analysis_still_work() {
    let (server, client) = common::setup().await;
    let features = client
        .tracks()
        .audio_features("4uLU6hMCjMI75M1A2tKUQC")
        .await
        .unwrap();
    assert!(features.tempo.is_some());
    assert_eq!(
        common::only_request(&server).path,
        "/v1/audio-features/4uLU6hMCjMI75M1A2tKUQC"
    );
    server.clear_requests();

    let ids: Vec<String> = (0..101).map(catalog_support::id).collect();
    let mut with_missing = ids.clone();
    with_missing[3] = catalog_support::MISSING.to_string();
    let many = client
        .tracks()
        .audio_features_many(&with_missing)
        .await
        .unwrap();
    assert_eq!(many.len(), 101);
    assert!(many[3].is_none());
    assert_eq!(
        many[100].as_ref().and_then(|f| f.id.clone()),
        Some(ids[100].clone())
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "100 IDs per request");
    assert_eq!(requests[0].path, "/v1/audio-features");
    assert_eq!(
        requests[0].query_param("ids").unwrap().split(',').count(),
        100
    );
    assert_eq!(requests[1].query_param("ids"), Some(ids[100].as_str()));
    server.clear_requests();

    let analysis = client
        .tracks()
        .audio_analysis("spotify:track:4uLU6hMCjMI75M1A2tKUQC")
        .await
        .unwrap();
    assert!(!analysis.sections.is_empty());
    assert_eq!(
        common::only_request(&server).path,
        "/v1/audio-analysis/4uLU6hMCjMI75M1A2tKUQC"
    );
    server.clear_requests();

    catalog_support::assert_invalid_id(
        &server,
        client
            .tracks()
            .audio_features_many(["4uLU6hMCjMI75M1A2tKUQC", "bad"])
            .await,
    );
}
