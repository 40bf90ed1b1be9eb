//! `client.chapters()` against the mock.

use crate::catalog_support;
use crate::common;

use catalog_support::{assert_invalid_id, check_multi_get, query};

const CHAPTER: &str = "0D5wENdkdwbqlrHoaJ9g29";

#[tokio::test]
async fn get_and_get_in_market() {
    let (server, client) = common::setup().await;
    let chapter = client
        .chapters()
        .get(format!("spotify:chapter:{CHAPTER}"))
        .await
        .unwrap();
    assert_eq!(chapter.id, CHAPTER);
    assert_eq!(chapter.name, "Chapter 2: Low Water");
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/chapters/0D5wENdkdwbqlrHoaJ9g29")
    );
    assert!(request.query.is_empty());
    server.clear_requests();

    client
        .chapters()
        .in_market("from_token")
        .get(CHAPTER)
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
            .chapters()
            .get("spotify:track:4uLU6hMCjMI75M1A2tKUQC")
            .await,
    );
}

#[tokio::test]
async fn get_many_chunks_by_50_and_falls_back_to_single_gets() {
    let (server, client) = common::setup().await;
    check_multi_get(
        &server,
        "get-several-chapters",
        "/v1/chapters",
        50,
        |ids| {
            let client = client.clone();
            async move { client.chapters().get_many(ids).await }
        },
        |chapter: &spotify_sdk::types::ChapterObject| Some(chapter.id.clone()),
    )
    .await;
    client
        .chapters()
        .in_market("US")
        .get_many([CHAPTER])
        .await
        .unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("US"));
}
