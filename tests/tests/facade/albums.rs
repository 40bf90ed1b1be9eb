//! `client.albums()`.

use spotify_sdk::images::ImageSize;

use crate::ids::{ALBUM, MISSING};
use crate::{Mock, all, image, many};

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let album = m
        .client
        .albums()
        .get(format!("spotify:album:{ALBUM}"))
        .await
        .unwrap();
    snap!(m, "get", album);
}

#[tokio::test]
async fn get_in_market() {
    let m = Mock::start().await;
    let url = format!("https://open.spotify.com/album/{ALBUM}?si=x");
    let album = m.client.albums().in_market("SE").get(url).await.unwrap();
    snap!(m, "get_in_market", album);
}

#[tokio::test]
async fn get_many() {
    let m = Mock::start().await;
    let albums = m.client.albums().get_many([ALBUM, MISSING]).await.unwrap();
    snap!(m, "get_many", many(albums));
}

#[tokio::test]
async fn get_many_in_market() {
    let m = Mock::start().await;
    let albums = m
        .client
        .albums()
        .in_market("SE")
        .get_many([ALBUM, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many_in_market", many(albums));
}

#[tokio::test]
async fn tracks() {
    let m = Mock::start().await;
    let tracks = all(m.client.albums().tracks(ALBUM)).await;
    snap!(m, "tracks", tracks);
}

/// Three tracks, two per page: the stream asks for the second page at offset 2.
#[tokio::test]
async fn tracks_pages() {
    let m = Mock::start().await;
    m.server.set_collection_size("get-an-albums-tracks", 3);
    let tracks = all(m.client.albums().tracks(ALBUM).page_size(2).prefetch(1)).await;
    snap!(m, "tracks__pages", tracks);
}

#[tokio::test]
async fn tracks_in_market() {
    let m = Mock::start().await;
    let tracks = all(m.client.albums().in_market("SE").tracks(ALBUM)).await;
    snap!(m, "tracks_in_market", tracks);
}

/// The image download itself goes to the image host, not the API: only `GET /albums/{id}` is
/// recorded.
#[tokio::test]
async fn download_cover() {
    let m = Mock::start().await;
    let cover = m
        .client
        .albums()
        .download_cover(ALBUM, ImageSize::Largest)
        .await
        .unwrap();
    snap!(m, "download_cover", image(&cover));
}
