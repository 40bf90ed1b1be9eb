//! `client.playlists()`: reading, creating, changing, items and covers. The tests work on playlists
//! of the current user with generated tracks (`Track 1`, `Track 2`, ...): one where the answer
//! lists them (every playlist item carries its track twice, as `item` and the deprecated `track`),
//! more where the request is what matters.

use spotify_sdk::images::ImageSize;
use spotify_sdk::resources::playlists::{NewPlaylist, PlaylistOptions};
use spotify_sdk::types::ChangePlaylistDetailsBody;
use spotify_sdk_mock::USER_ID;

use crate::ids::{EPISODE, TRACK, TRACK_2};
use crate::{Mock, all};

/// A mock and the ID of a playlist of the current user with `n` generated tracks.
async fn with_playlist(n: usize) -> (Mock, String) {
    let m = Mock::start().await;
    let id = m.server.add_playlist_with_tracks(n);
    (m, id)
}

fn snapshot_id(m: &Mock, id: &str) -> String {
    m.server
        .playlist(id)
        .expect("the playlist exists")
        .snapshot_id
}

/// A track and an episode, as URI, URL and bare track ID.
fn new_items() -> [String; 2] {
    [
        format!("https://open.spotify.com/track/{TRACK}"),
        format!("spotify:episode:{EPISODE}"),
    ]
}

#[tokio::test]
async fn get() {
    let (m, id) = with_playlist(1).await;
    let playlist = m
        .client
        .playlists()
        .get(format!("spotify:playlist:{id}"))
        .await
        .unwrap();
    snap!(m, "get", playlist);
}

#[tokio::test]
async fn get_with() {
    let (m, id) = with_playlist(1).await;
    let options = PlaylistOptions::default().market("SE");
    let playlist = m.client.playlists().get_with(&id, options).await.unwrap();
    snap!(m, "get_with", playlist);
}

#[tokio::test]
async fn get_fields() {
    let (m, id) = with_playlist(1).await;
    let playlist: serde_json::Value = m
        .client
        .playlists()
        .get_fields(&id, "name,items(total)")
        .await
        .unwrap();
    snap!(m, "get_fields", playlist["items"]["total"]);
}

#[tokio::test]
async fn change_details() {
    let (m, id) = with_playlist(0).await;
    let details = ChangePlaylistDetailsBody {
        name: Some("Road trip".into()),
        description: Some("Songs for the road".into()),
        public: Some(false),
        collaborative: Some(true),
    };
    let changed = m
        .client
        .playlists()
        .change_details(&id, details)
        .await
        .unwrap();
    snap!(m, "change_details", changed);
}

#[tokio::test]
async fn items() {
    let (m, id) = with_playlist(1).await;
    let items = all(m.client.playlists().items(&id)).await;
    snap!(m, "items", items);
}

/// Two items, one per page.
#[tokio::test]
async fn items_pages() {
    let (m, id) = with_playlist(2).await;
    let items = all(m.client.playlists().items(&id).page_size(1).prefetch(1)).await;
    snap!(m, "items__pages", items);
}

#[tokio::test]
async fn items_with() {
    let (m, id) = with_playlist(1).await;
    let options = PlaylistOptions::default().market("SE");
    let items = all(m.client.playlists().items_with(&id, options)).await;
    snap!(m, "items_with", items);
}

#[tokio::test]
async fn items_fields() {
    let (m, id) = with_playlist(1).await;
    let stream = m
        .client
        .playlists()
        .items_fields::<serde_json::Value>(&id, "items(added_at,item(name,uri))");
    let items = all(stream).await;
    snap!(m, "items_fields", items.len());
}

#[tokio::test]
async fn tracks() {
    let (m, id) = with_playlist(1).await;
    let items = all(m.client.playlists().through_tracks_endpoints().items(&id)).await;
    snap!(m, "tracks", items);
}

#[tokio::test]
async fn of_current_user() {
    let (m, _) = with_playlist(2).await;
    let playlists = all(m.client.playlists().of_current_user()).await;
    snap!(m, "of_current_user", playlists);
}

#[tokio::test]
async fn of_user() {
    let (m, _) = with_playlist(1).await;
    let playlists = all(m.client.playlists().of_user(USER_ID)).await;
    snap!(m, "of_user", playlists);
}

#[tokio::test]
async fn create() {
    let m = Mock::start().await;
    let details = NewPlaylist::default()
        .description("Songs for the road")
        .public(false)
        .collaborative(true);
    let playlist = m
        .client
        .playlists()
        .create("Road trip", details)
        .await
        .unwrap();
    snap!(m, "create", playlist);
}

#[tokio::test]
async fn create_for_user() {
    let m = Mock::start().await;
    let playlist = m
        .client
        .playlists()
        .create_for_user(
            format!("spotify:user:{USER_ID}"),
            "Road trip",
            NewPlaylist::default(),
        )
        .await
        .unwrap();
    snap!(m, "create_for_user", playlist);
}

#[tokio::test]
async fn cover() {
    let (m, id) = with_playlist(2).await;
    let images = m.client.playlists().cover(&id).await.unwrap();
    snap!(m, "cover", images);
}

/// The JPEG goes base64-encoded with `Content-Type: image/jpeg`.
#[tokio::test]
async fn upload_cover() {
    let (m, id) = with_playlist(0).await;
    let jpeg = [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0xFF, 0xD9,
    ];
    let uploaded = m.client.playlists().upload_cover(&id, jpeg).await.unwrap();
    snap!(m, "upload_cover", uploaded);
}

#[tokio::test]
async fn download_cover() {
    let (m, id) = with_playlist(2).await;
    let cover = m
        .client
        .playlists()
        .download_cover(&id, ImageSize::Smallest)
        .await
        .unwrap();
    snap!(m, "download_cover", crate::image(&cover));
}

// --- changing items ---------------------------------------------------------------------------

#[tokio::test]
async fn add_items() {
    let (m, id) = with_playlist(2).await;
    let snapshot = m
        .client
        .playlists()
        .add_items(&id, new_items())
        .await
        .unwrap();
    snap!(m, "add_items", snapshot);
}

#[tokio::test]
async fn insert_items() {
    let (m, id) = with_playlist(2).await;
    let snapshot = m
        .client
        .playlists()
        .insert_items(&id, 1, new_items())
        .await
        .unwrap();
    snap!(m, "insert_items", snapshot);
}

#[tokio::test]
async fn replace_items() {
    let (m, id) = with_playlist(2).await;
    let snapshot = m
        .client
        .playlists()
        .replace_items(&id, [TRACK, TRACK_2])
        .await
        .unwrap();
    snap!(m, "replace_items", snapshot);
}

/// An empty list clears the playlist: `{"uris": []}` is sent explicitly.
#[tokio::test]
async fn replace_items_empty() {
    let (m, id) = with_playlist(2).await;
    let snapshot = m
        .client
        .playlists()
        .replace_items(&id, Vec::<String>::new())
        .await
        .unwrap();
    snap!(m, "replace_items__empty", snapshot);
}

#[tokio::test]
async fn reorder_items() {
    let (m, id) = with_playlist(3).await;
    let current = snapshot_id(&m, &id);
    let snapshot = m
        .client
        .playlists()
        .reorder_items(&id, 0, 1, 3, Some(&current))
        .await
        .unwrap();
    snap!(m, "reorder_items", snapshot);
}

#[tokio::test]
async fn remove_items() {
    let (m, id) = with_playlist(2).await;
    let uris = m.server.playlist_uris(&id).unwrap();
    let current = snapshot_id(&m, &id);
    let snapshot = m
        .client
        .playlists()
        .remove_items(&id, &uris[..1], Some(&current))
        .await
        .unwrap();
    snap!(m, "remove_items", snapshot);
}

#[tokio::test]
async fn add_tracks() {
    let (m, id) = with_playlist(2).await;
    let snapshot = m
        .client
        .playlists()
        .through_tracks_endpoints()
        .insert_items(&id, 0, new_items())
        .await
        .unwrap();
    snap!(m, "add_tracks", snapshot);
}

#[tokio::test]
async fn replace_tracks() {
    let (m, id) = with_playlist(2).await;
    let snapshot = m
        .client
        .playlists()
        .through_tracks_endpoints()
        .replace_items(&id, [TRACK_2])
        .await
        .unwrap();
    snap!(m, "replace_tracks", snapshot);
}

#[tokio::test]
async fn reorder_tracks() {
    let (m, id) = with_playlist(3).await;
    let snapshot = m
        .client
        .playlists()
        .through_tracks_endpoints()
        .reorder_items(&id, 2, 1, 0, None)
        .await
        .unwrap();
    snap!(m, "reorder_tracks", snapshot);
}

#[tokio::test]
async fn remove_tracks() {
    let (m, id) = with_playlist(2).await;
    let uris = m.server.playlist_uris(&id).unwrap();
    let snapshot = m
        .client
        .playlists()
        .through_tracks_endpoints()
        .remove_items(&id, &uris, None)
        .await
        .unwrap();
    snap!(m, "remove_tracks", snapshot);
}
