//! `client.search()`: one request for several types, and a stream per type.

use spotify_sdk::resources::search::SearchType;

use crate::{Mock, all};

#[tokio::test]
async fn send() {
    let m = Mock::start().await;
    let found = m
        .client
        .search()
        .query("artist:Miles Davis Doxy")
        .types([SearchType::Track, SearchType::Album])
        .market("US")
        .limit(1)
        .offset(0)
        .send()
        .await
        .unwrap();
    snap!(m, "send", found);
}

/// `.await` on the request is `send()`; `include_external=audio`.
#[tokio::test]
async fn send_into_future() {
    let m = Mock::start().await;
    let request = m
        .client
        .search()
        .query("tag:new")
        .types([SearchType::Episode])
        .include_external_audio()
        .limit(1);
    let found = request.await.unwrap();
    snap!(m, "send__into_future", found);
}

#[tokio::test]
async fn tracks() {
    let m = Mock::start().await;
    let tracks = all(m.client.search().query("Doxy").market("US").tracks()).await;
    snap!(m, "tracks", tracks);
}

/// Two tracks, one per page.
#[tokio::test]
async fn tracks_pages() {
    let m = Mock::start().await;
    let tracks = all(m
        .client
        .search()
        .query("Doxy")
        .tracks()
        .page_size(1)
        .prefetch(1))
    .await;
    snap!(m, "tracks__pages", tracks);
}

#[tokio::test]
async fn albums() {
    let m = Mock::start().await;
    let albums = all(m.client.search().query("album:Kind of Blue").albums()).await;
    snap!(m, "albums", albums);
}

#[tokio::test]
async fn artists() {
    let m = Mock::start().await;
    let artists = all(m.client.search().query("Miles Davis").artists()).await;
    snap!(m, "artists", artists);
}

#[tokio::test]
async fn playlists() {
    let m = Mock::start().await;
    let playlists = all(m.client.search().query("jazz").playlists()).await;
    snap!(m, "playlists", playlists);
}

#[tokio::test]
async fn shows() {
    let m = Mock::start().await;
    let shows = all(m.client.search().query("history").shows()).await;
    snap!(m, "shows", shows);
}

#[tokio::test]
async fn episodes() {
    let m = Mock::start().await;
    let episodes = all(m.client.search().query("history").episodes()).await;
    snap!(m, "episodes", episodes);
}

#[tokio::test]
async fn audiobooks() {
    let m = Mock::start().await;
    let audiobooks = all(m.client.search().query("dune").market("GB").audiobooks()).await;
    snap!(m, "audiobooks", audiobooks);
}
