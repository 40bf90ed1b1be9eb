//! `client.library()`: `/me/library` and the saved-item streams, then the deprecated type-specific
//! endpoints.

use crate::ids::{
    ALBUM, ALBUM_2, AUDIOBOOK, AUDIOBOOK_2, EPISODE, EPISODE_2, PLAYLIST, SHOW, SHOW_2, TRACK,
    TRACK_2, USER,
};
use crate::{Mock, all};

fn uri(kind: &str, id: &str) -> String {
    format!("spotify:{kind}:{id}")
}

#[tokio::test]
async fn save() {
    let m = Mock::start().await;
    let items = [
        uri("track", TRACK),
        format!("https://open.spotify.com/album/{ALBUM}"),
        uri("episode", EPISODE),
        uri("show", SHOW),
        uri("audiobook", AUDIOBOOK),
        uri("user", USER),
        uri("playlist", PLAYLIST),
    ];
    let saved = m.client.library().save(items).await.unwrap();
    snap!(m, "save", saved);
}

#[tokio::test]
async fn remove() {
    let m = Mock::start().await;
    m.server
        .save_uris(&[uri("track", TRACK), uri("album", ALBUM)]);
    let removed = m
        .client
        .library()
        .remove([uri("track", TRACK), uri("album", ALBUM)])
        .await
        .unwrap();
    snap!(m, "remove", removed);
}

/// Artists count when followed.
#[tokio::test]
async fn contains() {
    let m = Mock::start().await;
    m.server
        .save_uris(&[uri("track", TRACK), uri("artist", crate::ids::ARTIST)]);
    let items = [
        uri("track", TRACK),
        uri("track", TRACK_2),
        uri("artist", crate::ids::ARTIST),
    ];
    let contains = m.client.library().contains(items).await.unwrap();
    snap!(m, "contains", contains);
}

#[tokio::test]
async fn saved_tracks() {
    let m = Mock::start().await;
    m.server
        .save_uris(&[uri("track", TRACK), uri("track", TRACK_2)]);
    let tracks = all(m.client.library().saved_tracks()).await;
    snap!(m, "saved_tracks", tracks);
}

#[tokio::test]
async fn saved_albums() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("album", ALBUM)]);
    let albums = all(m.client.library().saved_albums()).await;
    snap!(m, "saved_albums", albums);
}

#[tokio::test]
async fn saved_episodes() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("episode", EPISODE)]);
    let episodes = all(m.client.library().saved_episodes()).await;
    snap!(m, "saved_episodes", episodes);
}

#[tokio::test]
async fn saved_shows() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("show", SHOW)]);
    let shows = all(m.client.library().saved_shows()).await;
    snap!(m, "saved_shows", shows);
}

#[tokio::test]
async fn saved_audiobooks() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("audiobook", AUDIOBOOK)]);
    let audiobooks = all(m.client.library().saved_audiobooks()).await;
    snap!(m, "saved_audiobooks", audiobooks);
}

// --- the deprecated type-specific endpoints -------------------------------------------------

#[tokio::test]
async fn save_tracks() {
    let m = Mock::start().await;
    let saved = m
        .client
        .library()
        .save_tracks([TRACK, TRACK_2])
        .await
        .unwrap();
    snap!(m, "save_tracks", saved);
}

#[tokio::test]
async fn remove_tracks() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("track", TRACK)]);
    let removed = m
        .client
        .library()
        .remove_tracks([TRACK, TRACK_2])
        .await
        .unwrap();
    snap!(m, "remove_tracks", removed);
}

#[tokio::test]
async fn contains_tracks() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("track", TRACK)]);
    let contains = m
        .client
        .library()
        .contains_tracks([TRACK, TRACK_2])
        .await
        .unwrap();
    snap!(m, "contains_tracks", contains);
}

#[tokio::test]
async fn save_albums() {
    let m = Mock::start().await;
    let saved = m
        .client
        .library()
        .save_albums([ALBUM, ALBUM_2])
        .await
        .unwrap();
    snap!(m, "save_albums", saved);
}

#[tokio::test]
async fn remove_albums() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("album", ALBUM)]);
    let removed = m
        .client
        .library()
        .remove_albums([ALBUM, ALBUM_2])
        .await
        .unwrap();
    snap!(m, "remove_albums", removed);
}

#[tokio::test]
async fn contains_albums() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("album", ALBUM)]);
    let contains = m
        .client
        .library()
        .contains_albums([ALBUM, ALBUM_2])
        .await
        .unwrap();
    snap!(m, "contains_albums", contains);
}

#[tokio::test]
async fn save_episodes() {
    let m = Mock::start().await;
    let saved = m
        .client
        .library()
        .save_episodes([EPISODE, EPISODE_2])
        .await
        .unwrap();
    snap!(m, "save_episodes", saved);
}

#[tokio::test]
async fn remove_episodes() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("episode", EPISODE)]);
    let removed = m
        .client
        .library()
        .remove_episodes([EPISODE, EPISODE_2])
        .await
        .unwrap();
    snap!(m, "remove_episodes", removed);
}

#[tokio::test]
async fn contains_episodes() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("episode", EPISODE)]);
    let contains = m
        .client
        .library()
        .contains_episodes([EPISODE, EPISODE_2])
        .await
        .unwrap();
    snap!(m, "contains_episodes", contains);
}

#[tokio::test]
async fn save_shows() {
    let m = Mock::start().await;
    let saved = m.client.library().save_shows([SHOW, SHOW_2]).await.unwrap();
    snap!(m, "save_shows", saved);
}

#[tokio::test]
async fn remove_shows() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("show", SHOW)]);
    let removed = m
        .client
        .library()
        .remove_shows([SHOW, SHOW_2])
        .await
        .unwrap();
    snap!(m, "remove_shows", removed);
}

#[tokio::test]
async fn contains_shows() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("show", SHOW)]);
    let contains = m
        .client
        .library()
        .contains_shows([SHOW, SHOW_2])
        .await
        .unwrap();
    snap!(m, "contains_shows", contains);
}

#[tokio::test]
async fn save_audiobooks() {
    let m = Mock::start().await;
    let saved = m
        .client
        .library()
        .save_audiobooks([AUDIOBOOK, AUDIOBOOK_2])
        .await
        .unwrap();
    snap!(m, "save_audiobooks", saved);
}

#[tokio::test]
async fn remove_audiobooks() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("audiobook", AUDIOBOOK)]);
    let removed = m
        .client
        .library()
        .remove_audiobooks([AUDIOBOOK, AUDIOBOOK_2])
        .await
        .unwrap();
    snap!(m, "remove_audiobooks", removed);
}

#[tokio::test]
async fn contains_audiobooks() {
    let m = Mock::start().await;
    m.server.save_uris(&[uri("audiobook", AUDIOBOOK)]);
    let contains = m
        .client
        .library()
        .contains_audiobooks([AUDIOBOOK, AUDIOBOOK_2])
        .await
        .unwrap();
    snap!(m, "contains_audiobooks", contains);
}
