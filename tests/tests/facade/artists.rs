//! `client.artists()`.

use spotify_sdk::images::ImageSize;
use spotify_sdk::resources::artists::{AlbumGroup, ArtistAlbumsOptions};

use crate::ids::{ARTIST, MISSING};
use crate::{Mock, all, image, many};

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let artist = m
        .client
        .artists()
        .get(format!("spotify:artist:{ARTIST}"))
        .await
        .unwrap();
    snap!(m, "get", artist);
}

#[tokio::test]
async fn get_many() {
    let m = Mock::start().await;
    let artists = m
        .client
        .artists()
        .get_many([ARTIST, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many", many(artists));
}

#[tokio::test]
async fn albums() {
    let m = Mock::start().await;
    let albums = all(m.client.artists().albums(ARTIST)).await;
    snap!(m, "albums", albums);
}

#[tokio::test]
async fn albums_with() {
    let m = Mock::start().await;
    let options = ArtistAlbumsOptions::default()
        .include_groups([AlbumGroup::Album, AlbumGroup::Single, AlbumGroup::AppearsOn])
        .market("SE");
    let albums = all(m.client.artists().albums_with(ARTIST, options)).await;
    snap!(m, "albums_with", albums);
}

#[tokio::test]
async fn top_tracks() {
    let m = Mock::start().await;
    let tracks = m.client.artists().top_tracks(ARTIST, "SE").await.unwrap();
    snap!(m, "top_tracks", tracks);
}

#[tokio::test]
async fn related_artists() {
    let m = Mock::start().await;
    let artists = m.client.artists().related_artists(ARTIST).await.unwrap();
    snap!(m, "related_artists", artists);
}

#[tokio::test]
async fn download_cover() {
    let m = Mock::start().await;
    let picture = m
        .client
        .artists()
        .download_cover(ARTIST, ImageSize::Smallest)
        .await
        .unwrap();
    snap!(m, "download_cover", image(&picture));
}
