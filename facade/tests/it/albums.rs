//! `client.albums()` against the mock.

use crate::catalog_support;
use crate::common;

use catalog_support::{
    assert_invalid_id, assert_invalid_stream, check_multi_get, check_offset_paging, query,
};

const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";

#[tokio::test]
async fn get_and_get_in_market() {
    let (server, client) = common::setup().await;
    let album = client
        .albums()
        .get(format!("spotify:album:{ALBUM}"))
        .await
        .unwrap();
    assert_eq!(album.id, ALBUM);
    assert_eq!(album.name, "Small Hours");
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/albums/4aawyAB9vmqN3uQ7FjRGTy")
    );
    assert!(request.query.is_empty());
    server.clear_requests();

    let album = client.albums().in_market("SE").get(ALBUM).await.unwrap();
    assert_eq!(album.id, ALBUM);
    let request = common::only_request(&server);
    assert_eq!(
        request.query,
        vec![("market".to_string(), "SE".to_string())]
    );
    server.clear_requests();

    assert_invalid_id(
        &server,
        client
            .albums()
            .get("spotify:track:4uLU6hMCjMI75M1A2tKUQC")
            .await,
    );
    assert_invalid_id(&server, client.albums().in_market("SE").get("x").await);
}

#[tokio::test]
async fn get_many_chunks_by_20_and_falls_back_to_single_gets() {
    let (server, client) = common::setup().await;
    check_multi_get(
        &server,
        "get-multiple-albums",
        "/v1/albums",
        20,
        |ids| {
            let client = client.clone();
            async move { client.albums().get_many(ids).await }
        },
        |album: &spotify_sdk::types::AlbumObject| Some(album.id.clone()),
    )
    .await;
    client
        .albums()
        .in_market("JP")
        .get_many([ALBUM])
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(query(&request, "ids"), Some(ALBUM));
    assert_eq!(query(&request, "market"), Some("JP"));
}

#[tokio::test]
async fn tracks_page_by_50_with_an_optional_market() {
    let (server, client) = common::setup().await;
    let tracks = check_offset_paging(
        &server,
        "get-an-albums-tracks",
        "/v1/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks",
        50,
        || client.albums().tracks(ALBUM),
    )
    .await;
    assert_eq!(tracks[0].name, "Track 1");
    assert_eq!(tracks[102].name, "Track 103");

    client
        .albums()
        .in_market("from_token")
        .tracks(ALBUM)
        .max_items(1)
        .collect_all()
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(query(&request, "market"), Some("from_token"));
    assert_eq!(query(&request, "limit"), Some("50"));
    server.clear_requests();

    assert_invalid_stream(
        &server,
        client
            .albums()
            .in_market("SE")
            .tracks("spotify:artist:0TnOYISbd1XYRBk9myaseg"),
    )
    .await;
}
