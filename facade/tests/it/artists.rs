//! `client.artists()` against the mock.
#![allow(deprecated)]

use crate::catalog_support;
use crate::common;

use catalog_support::{
    assert_invalid_id, assert_invalid_stream, check_multi_get, check_offset_paging, query,
};
use spotify_sdk::resources::artists::{AlbumGroup, ArtistAlbumsOptions};

const ARTIST: &str = "0TnOYISbd1XYRBk9myaseg";

#[tokio::test]
async fn get_sends_the_bare_id_and_decodes_the_artist() {
    let (server, client) = common::setup().await;
    let artist = client
        .artists()
        .get(format!("https://open.spotify.com/artist/{ARTIST}?si=x"))
        .await
        .unwrap();
    assert_eq!(artist.id, ARTIST);
    assert_eq!(artist.name, "The Quiet Hours");
    assert_eq!(artist.uri, format!("spotify:artist:{ARTIST}").as_str());
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/artists/0TnOYISbd1XYRBk9myaseg")
    );
    assert!(request.query.is_empty());
    server.clear_requests();
    assert_invalid_id(
        &server,
        client
            .artists()
            .get("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
            .await,
    );
}

#[tokio::test]
async fn get_many_chunks_by_50_and_falls_back_to_single_gets() {
    let (server, client) = common::setup().await;
    check_multi_get(
        &server,
        "get-multiple-artists",
        "/v1/artists",
        50,
        |ids| {
            let client = client.clone();
            async move { client.artists().get_many(ids).await }
        },
        |artist: &spotify_sdk::types::ArtistObject| Some(artist.id.clone()),
    )
    .await;
}

#[tokio::test]
async fn albums_page_by_10_with_groups_and_market() {
    let (server, client) = common::setup().await;
    let albums = check_offset_paging(
        &server,
        "get-an-artists-albums",
        "/v1/artists/0TnOYISbd1XYRBk9myaseg/albums",
        10,
        || client.artists().albums(ARTIST),
    )
    .await;
    assert_eq!(albums[0].name, "Album 1");
    assert_eq!(albums.len(), 23);

    let options = ArtistAlbumsOptions::default()
        .include_groups([AlbumGroup::Album, AlbumGroup::AppearsOn])
        .market("SE");
    let first = client
        .artists()
        .albums_with(ARTIST, options)
        .max_items(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    let request = common::only_request(&server);
    assert_eq!(query(&request, "include_groups"), Some("album,appears_on"));
    assert_eq!(query(&request, "market"), Some("SE"));
    assert_eq!(query(&request, "limit"), Some("10"));
    server.clear_requests();

    // No filter: neither parameter is sent.
    client
        .artists()
        .albums(ARTIST)
        .max_items(1)
        .collect_all()
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(query(&request, "include_groups"), None);
    assert_eq!(query(&request, "market"), None);
    server.clear_requests();

    assert_invalid_stream(
        &server,
        client
            .artists()
            .albums("spotify:track:4uLU6hMCjMI75M1A2tKUQC"),
    )
    .await;
}

#[tokio::test]
async fn deprecated_top_tracks_and_related_artists_still_work() {
    let (server, client) = common::setup().await;
    let tracks = client
        .artists()
        .top_tracks(ARTIST, "from_token")
        .await
        .unwrap();
    assert!(!tracks.is_empty());
    assert!(!tracks[0].album.name.is_empty());
    let request = common::only_request(&server);
    assert_eq!(
        request.path,
        "/v1/artists/0TnOYISbd1XYRBk9myaseg/top-tracks"
    );
    assert_eq!(query(&request, "market"), Some("from_token"));
    server.clear_requests();

    let related = client.artists().related_artists(ARTIST).await.unwrap();
    assert!(!related.is_empty());
    assert!(
        related[0].genres.contains(&"indie folk".to_string()),
        "{:?}",
        related[0].genres
    );
    let request = common::only_request(&server);
    assert_eq!(
        request.path,
        "/v1/artists/0TnOYISbd1XYRBk9myaseg/related-artists"
    );
    server.clear_requests();

    assert_invalid_id(&server, client.artists().top_tracks("nope", "SE").await);
    assert_invalid_id(
        &server,
        client
            .artists()
            .related_artists("spotify:user:someone")
            .await,
    );
}

/// `.await` on a paginator collects it (what people try first; it used to fail to compile).
#[tokio::test]
async fn awaiting_the_albums_collects_every_page() {
    let (server, client) = common::setup().await;
    server.set_collection_size("get-an-artists-albums", 23);
    let albums = client.artists().albums(ARTIST).await.unwrap();
    assert_eq!(albums.len(), 23);
    // 10 per page, the endpoint's maximum: three requests.
    assert_eq!(server.requests().len(), 3);
    let first_ten = client.artists().albums(ARTIST).max_items(10).await.unwrap();
    assert_eq!(first_ten, albums[..10]);
}
