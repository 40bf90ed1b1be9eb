//! `client.audiobooks()` against the mock.

use crate::catalog_support;
use crate::common;

use catalog_support::{
    assert_invalid_id, assert_invalid_stream, check_multi_get, check_offset_paging, query,
};

const AUDIOBOOK: &str = "7iHfbu1YPACw6oZPAFJtqe";

#[tokio::test]
async fn get_and_get_in_market() {
    let (server, client) = common::setup().await;
    let book = client
        .audiobooks()
        .get(format!("spotify:audiobook:{AUDIOBOOK}"))
        .await
        .unwrap();
    assert_eq!(book.id, AUDIOBOOK);
    assert_eq!(book.name, "The River Road");
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/audiobooks/7iHfbu1YPACw6oZPAFJtqe")
    );
    assert!(request.query.is_empty());
    server.clear_requests();

    client
        .audiobooks()
        .in_market("GB")
        .get(AUDIOBOOK)
        .await
        .unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("GB"));
    server.clear_requests();

    let err = client
        .audiobooks()
        .get("missing000000000000000")
        .await
        .unwrap_err();
    assert!(matches!(err, spotify_sdk::Error::NotFound(_)), "{err:?}");
    server.clear_requests();
    assert_invalid_id(
        &server,
        client
            .audiobooks()
            .get("spotify:chapter:0D5wENdkdwbqlrHoaJ9g29")
            .await,
    );
}

#[tokio::test]
async fn get_many_chunks_by_50_and_falls_back_to_single_gets() {
    let (server, client) = common::setup().await;
    check_multi_get(
        &server,
        "get-multiple-audiobooks",
        "/v1/audiobooks",
        50,
        |ids| {
            let client = client.clone();
            async move { client.audiobooks().get_many(ids).await }
        },
        |book: &spotify_sdk::types::AudiobookObject| Some(book.id.clone()),
    )
    .await;
    client
        .audiobooks()
        .in_market("GB")
        .get_many([AUDIOBOOK])
        .await
        .unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("GB"));
}

#[tokio::test]
async fn chapters_page_by_50_with_an_optional_market() {
    let (server, client) = common::setup().await;
    let chapters = check_offset_paging(
        &server,
        "get-audiobook-chapters",
        "/v1/audiobooks/7iHfbu1YPACw6oZPAFJtqe/chapters",
        50,
        || client.audiobooks().chapters(AUDIOBOOK),
    )
    .await;
    // Spotify types chapters as `episode`; the mock names items after their type.
    assert_eq!(chapters[0].name, "Episode 1");
    assert_eq!(chapters[102].name, "Episode 103");

    client
        .audiobooks()
        .in_market("AU")
        .chapters(AUDIOBOOK)
        .max_items(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(query(&common::only_request(&server), "market"), Some("AU"));
    server.clear_requests();

    assert_invalid_stream(
        &server,
        client
            .audiobooks()
            .chapters("spotify:show:38bS44xjbVVZ3No3ByF1dJ"),
    )
    .await;
}
