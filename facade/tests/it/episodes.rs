//! `client.episodes()` against the mock.

use crate::catalog_support;
use crate::common;

use catalog_support::{assert_invalid_id, check_multi_get, query};

const EPISODE: &str = "512ojhOuo1ktJprKbVcKyQ";

#[tokio::test]
async fn get_and_get_in_market() {
    let (server, client) = common::setup().await;
    let episode = client
        .episodes()
        .get(format!("spotify:episode:{EPISODE}"))
        .await
        .unwrap();
    assert_eq!(episode.id, EPISODE);
    assert_eq!(episode.name, "Letters from the Lighthouse");
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/episodes/512ojhOuo1ktJprKbVcKyQ")
    );
    assert!(request.query.is_empty());
    server.clear_requests();

    client
        .episodes()
        .in_market("from_token")
        .get(EPISODE)
        .await
        .unwrap();
    assert_eq!(
        query(&common::only_request(&server), "market"),
        Some("from_token")
    );
    server.clear_requests();

    assert_invalid_id(
        &server,
        client
            .episodes()
            .get("spotify:track:4uLU6hMCjMI75M1A2tKUQC")
            .await,
    );
}

#[tokio::test]
async fn get_many_chunks_by_50_and_falls_back_to_single_gets() {
    let (server, client) = common::setup().await;
    check_multi_get(
        &server,
        "get-multiple-episodes",
        "/v1/episodes",
        50,
        |ids| {
            let client = client.clone();
            async move { client.episodes().get_many(ids).await }
        },
        |episode: &spotify_sdk::types::EpisodeObject| Some(episode.id.clone()),
    )
    .await;
    client
        .episodes()
        .in_market("US")
        .get_many([EPISODE])
        .await
        .unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("US"));
}
