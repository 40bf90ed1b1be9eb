//! `client.shows()` against the mock.

use crate::catalog_support;
use crate::common;

use catalog_support::{
    assert_invalid_id, assert_invalid_stream, check_multi_get, check_offset_paging, query,
};

const SHOW: &str = "38bS44xjbVVZ3No3ByF1dJ";

#[tokio::test]
async fn get_and_get_in_market() {
    let (server, client) = common::setup().await;
    let show = client
        .shows()
        .get(format!("https://open.spotify.com/show/{SHOW}"))
        .await
        .unwrap();
    assert_eq!(show.id, SHOW);
    assert_eq!(show.name, "The Workbench");
    assert!(!show.episodes.items.is_empty());
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/shows/38bS44xjbVVZ3No3ByF1dJ")
    );
    assert!(request.query.is_empty());
    server.clear_requests();

    client.shows().in_market("US").get(SHOW).await.unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("US"));
    server.clear_requests();

    assert_invalid_id(
        &server,
        client
            .shows()
            .get("spotify:episode:512ojhOuo1ktJprKbVcKyQ")
            .await,
    );
}

#[tokio::test]
async fn get_many_chunks_by_50_and_falls_back_to_single_gets() {
    let (server, client) = common::setup().await;
    check_multi_get(
        &server,
        "get-multiple-shows",
        "/v1/shows",
        50,
        |ids| {
            let client = client.clone();
            async move { client.shows().get_many(ids).await }
        },
        |show: &spotify_sdk::types::SimplifiedShowObject| Some(show.id.clone()),
    )
    .await;
    client
        .shows()
        .in_market("US")
        .get_many([SHOW])
        .await
        .unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("US"));
}

#[tokio::test]
async fn episodes_page_by_50_with_an_optional_market() {
    let (server, client) = common::setup().await;
    let episodes = check_offset_paging(
        &server,
        "get-a-shows-episodes",
        "/v1/shows/38bS44xjbVVZ3No3ByF1dJ/episodes",
        50,
        || client.shows().episodes(SHOW),
    )
    .await;
    assert_eq!(episodes[0].name, "Episode 1");
    assert!(episodes[0].uri.starts_with("spotify:episode:"));

    client
        .shows()
        .in_market("US")
        .episodes(SHOW)
        .max_items(3)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("US"));
    server.clear_requests();

    assert_invalid_stream(&server, client.shows().episodes("not a show")).await;
}
