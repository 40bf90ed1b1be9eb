//! `client.playlists()` against the mock: requests on the wire, decoded responses, the mock's state
//! after changes, pagination, covers.

use crate::common;

use futures::TryStreamExt;
use serde_json::json;
use spotify_sdk::images::ImageSize;
use spotify_sdk::resources::playlists::{NewPlaylist, PlaylistOptions};
use spotify_sdk::types::{ChangePlaylistDetailsBody, PlayableItem};
use spotify_sdk::{Error, types};
use spotify_sdk_mock::{Fault, MockServer, USER_ID};

const EPISODE: &str = "spotify:episode:512ojhOuo1ktJprKbVcKyQ";

/// `n` distinct valid track URIs.
fn track_uris(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("spotify:track:{i:0>22}")).collect()
}

fn body(request: &spotify_sdk_mock::RecordedRequest) -> serde_json::Value {
    request.body.clone().unwrap_or_default()
}

fn uris_in(request: &spotify_sdk_mock::RecordedRequest) -> Vec<String> {
    serde_json::from_value(body(request)["uris"].clone()).unwrap()
}

fn snapshot_of(server: &MockServer, id: &str) -> String {
    server.playlist(id).unwrap().snapshot_id
}

fn names(items: &[types::PlaylistTrackObject]) -> Vec<String> {
    items
        .iter()
        .map(|entry| match &entry.item {
            Some(PlayableItem::Track(track)) => track.name.clone(),
            other => panic!("not a track: {other:?}"),
        })
        .collect()
}

#[tokio::test]
async fn get_sends_the_bare_id_and_asks_for_episodes_too() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(3);
    let playlist = client
        .playlists()
        .get(format!("https://open.spotify.com/playlist/{id}?si=abc"))
        .await
        .unwrap();
    assert_eq!(playlist.id, id.as_str());
    assert_eq!(playlist.name, "Generated playlist (3 tracks)");
    assert_eq!(playlist.owner.id, USER_ID);
    assert_eq!(playlist.snapshot_id, snapshot_of(&server, &id));
    assert_eq!(
        names(
            &playlist
                .items
                .unwrap()
                .items
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        ),
        ["Track 1", "Track 2", "Track 3"]
    );
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", &*format!("/v1/playlists/{id}"))
    );
    assert_eq!(
        request.query,
        [("additional_types".to_string(), "track,episode".to_string())]
    );
}

#[tokio::test]
async fn get_with_a_market() {
    let (server, client) = common::setup().await;
    let options = PlaylistOptions::default().market("SE");
    client
        .playlists()
        .get_with("3cEYpjA9oz9GiPac4AsH4n", options)
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(request.query_param("market"), Some("SE"));
    assert_eq!(request.query_param("fields"), None);
}

/// A `fields=` request decodes into the caller's type (a filtered body is no `PlaylistObject`).
#[tokio::test]
async fn filtered_requests_decode_into_the_callers_type() {
    #[derive(serde::Deserialize)]
    struct NameAndSize {
        name: String,
        items: Total,
    }
    #[derive(serde::Deserialize)]
    struct Total {
        total: u32,
    }
    let (server, client) = common::setup().await;
    let playlist = server.add_playlist_with_tracks(7);
    let filtered: NameAndSize = client
        .playlists()
        .get_fields(&playlist, "name,items(total)")
        .await
        .unwrap();
    assert_eq!(filtered.items.total, 7);
    assert!(!filtered.name.is_empty());
    let request = common::only_request(&server);
    assert_eq!(request.query_param("fields"), Some("name,items(total)"));

    // Streams of filtered items: each entry as the caller's type; the paging fields are added.
    server.clear_requests();
    let entries: Vec<serde_json::Value> = client
        .playlists()
        .items_fields(&playlist, "items(added_at,item(name,uri))")
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries.len(), 7);
    assert!(
        entries.iter().all(|e| e["item"]["uri"].as_str().is_some()),
        "{entries:?}"
    );
    assert_eq!(
        common::only_request(&server).query_param("fields"),
        Some("items(added_at,item(name,uri)),next,offset,total")
    );
}

#[tokio::test]
async fn invalid_ids_send_nothing() {
    let (server, client) = common::setup().await;
    let playlists = client.playlists();
    let album = "spotify:album:4aawyAB9vmqN3uQ7FjRGTy";
    assert!(matches!(
        playlists.get(album).await,
        Err(Error::InvalidId { .. })
    ));
    assert!(matches!(
        playlists.items(album).try_collect::<Vec<_>>().await,
        Err(Error::InvalidId { .. })
    ));
    assert!(matches!(
        playlists.cover("short").await,
        Err(Error::InvalidId { .. })
    ));
    let ok = "3cEYpjA9oz9GiPac4AsH4n";
    // One bad item among good ones: nothing is added.
    let items = ["spotify:track:4uLU6hMCjMI75M1A2tKUQC", album];
    assert!(matches!(
        playlists.add_items(ok, items).await,
        Err(Error::InvalidId { .. })
    ));
    assert!(matches!(
        playlists.remove_items(ok, items, None).await,
        Err(Error::InvalidId { .. })
    ));
    assert!(matches!(
        playlists.replace_items(ok, items).await,
        Err(Error::InvalidId { .. })
    ));
    #[allow(deprecated)]
    let of_user = playlists
        .of_user("not a user!")
        .try_collect::<Vec<_>>()
        .await;
    assert!(matches!(of_user, Err(Error::InvalidId { .. })));
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

#[tokio::test]
async fn items_stream_pages_by_50_in_order() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(120);
    let items: Vec<_> = client.playlists().items(&id).try_collect().await.unwrap();
    let expected: Vec<String> = (1..=120).map(|n| format!("Track {n}")).collect();
    assert_eq!(names(&items), expected);
    let requests = server.requests();
    let mut offsets: Vec<_> = requests
        .iter()
        .map(|r| r.query_param("offset").unwrap().to_string())
        .collect();
    offsets.sort();
    assert_eq!(offsets, ["0", "100", "50"]);
    for request in &requests {
        assert_eq!(request.path, format!("/v1/playlists/{id}/items"));
        assert_eq!(request.query_param("limit"), Some("50"));
        assert_eq!(
            request.query_param("additional_types"),
            Some("track,episode")
        );
    }
}

#[tokio::test]
async fn items_stream_stops_at_max_items_and_skips_nulls() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(500);
    let items: Vec<_> = client
        .playlists()
        .items(&id)
        .max_items(60)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 60);
    assert!(
        server.requests().len() <= 2,
        "{:?}",
        server.requests().len()
    );

    server.clear_requests();
    let id = server.add_playlist_with_tracks(3);
    server.fault(Fault::null_items().on_operation("get-playlists-items"));
    let items: Vec<_> = client.playlists().items(&id).try_collect().await.unwrap();
    assert_eq!(names(&items), ["Track 1", "Track 2", "Track 3"]);
}

#[tokio::test]
async fn deprecated_tracks_stream_uses_the_old_path_and_pages_by_100() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(150);
    #[allow(deprecated)]
    let old_paths = client.playlists().through_tracks_endpoints();
    let items: Vec<_> = old_paths.items(&id).try_collect().await.unwrap();
    assert_eq!(items.len(), 150);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests
            .iter()
            .all(|r| r.path == format!("/v1/playlists/{id}/tracks"))
    );
    assert!(
        requests
            .iter()
            .all(|r| r.query_param("limit") == Some("100"))
    );
}

#[tokio::test]
async fn create_change_details_and_list_mine() {
    let (server, client) = common::setup().await;
    let details = NewPlaylist::default()
        .description("Songs for the road")
        .public(false);
    let created = client
        .playlists()
        .create("Road trip", details)
        .await
        .unwrap();
    let id = created.id.clone();
    assert_eq!(created.name, "Road trip");
    assert_eq!(created.public, Some(false));
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/v1/me/playlists")
    );
    assert_eq!(
        body(&request),
        json!({"name": "Road trip", "description": "Songs for the road", "public": false})
    );

    server.clear_requests();
    let change = ChangePlaylistDetailsBody {
        name: Some("Renamed".into()),
        collaborative: Some(true),
        ..Default::default()
    };
    client
        .playlists()
        .change_details(&id, change)
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", &*format!("/v1/playlists/{id}"))
    );
    assert_eq!(
        body(&request),
        json!({"name": "Renamed", "collaborative": true})
    );
    let state = server.playlist(&id).unwrap();
    assert_eq!(
        (state.name.as_str(), state.collaborative),
        ("Renamed", true)
    );

    client
        .playlists()
        .create("Second", NewPlaylist::default())
        .await
        .unwrap();
    server.clear_requests();
    let mine: Vec<_> = client
        .playlists()
        .of_current_user()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = mine.iter().map(|p| p.name.clone()).collect();
    assert_eq!(names, ["Second", "Renamed"]);
    let request = common::only_request(&server);
    assert_eq!(request.path, "/v1/me/playlists");
    assert_eq!(request.query_param("limit"), Some("50"));
}

#[tokio::test]
#[allow(deprecated)]
async fn deprecated_create_for_user_and_of_user_still_work() {
    let (server, client) = common::setup().await;
    let created = client
        .playlists()
        .create_for_user("spotify:user:someone", "Theirs", NewPlaylist::default())
        .await
        .unwrap();
    assert_eq!(created.owner.id, "someone");
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/v1/users/someone/playlists")
    );
    assert_eq!(body(&request), json!({"name": "Theirs"}));

    server.clear_requests();
    let theirs: Vec<_> = client
        .playlists()
        .of_user("someone")
        .try_collect()
        .await
        .unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].name, "Theirs");
    assert_eq!(
        common::only_request(&server).path,
        "/v1/users/someone/playlists"
    );
}

#[tokio::test]
async fn add_items_chunks_by_100_and_returns_the_last_snapshot() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(0);
    let mut uris = track_uris(249);
    uris.push(EPISODE.to_string());
    let snapshot = client.playlists().add_items(&id, &uris).await.unwrap();
    assert_eq!(snapshot, snapshot_of(&server, &id));
    assert_eq!(server.playlist_uris(&id).unwrap(), uris);
    let requests = server.requests();
    let sizes: Vec<_> = requests.iter().map(|r| uris_in(r).len()).collect();
    assert_eq!(sizes, [100, 100, 50]);
    for request in &requests {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("POST", &*format!("/v1/playlists/{id}/items"))
        );
        assert!(body(request).get("position").is_none());
        assert!(request.query.is_empty());
    }
    // A bare ID is a track.
    client
        .playlists()
        .add_items(&id, ["4uLU6hMCjMI75M1A2tKUQC"])
        .await
        .unwrap();
    assert_eq!(
        server.playlist_uris(&id).unwrap().last().unwrap(),
        "spotify:track:4uLU6hMCjMI75M1A2tKUQC"
    );
}

#[tokio::test]
async fn insert_items_keeps_order_across_chunks() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(2);
    let before = server.playlist_uris(&id).unwrap();
    let uris = track_uris(150);
    client
        .playlists()
        .insert_items(&id, 1, &uris)
        .await
        .unwrap();
    let positions: Vec<_> = server
        .requests()
        .iter()
        .map(|r| body(r)["position"].clone())
        .collect();
    assert_eq!(positions, [json!(1), json!(101)]);
    let mut expected = vec![before[0].clone()];
    expected.extend(uris);
    expected.push(before[1].clone());
    assert_eq!(server.playlist_uris(&id).unwrap(), expected);
}

#[tokio::test]
async fn empty_changes_are_refused_before_sending() {
    let (server, client) = common::setup().await;
    let none: [&str; 0] = [];
    let id = "3cEYpjA9oz9GiPac4AsH4n";
    assert!(matches!(
        client.playlists().add_items(id, none).await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        client.playlists().remove_items(id, none, None).await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        client.playlists().reorder_items(id, 0, 0, 2, None).await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn replace_items_puts_the_first_100_and_appends_the_rest() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(4);
    let uris = track_uris(130);
    let snapshot = client.playlists().replace_items(&id, &uris).await.unwrap();
    assert_eq!(server.playlist_uris(&id).unwrap(), uris);
    assert_eq!(snapshot, snapshot_of(&server, &id));
    let requests = server.requests();
    let calls: Vec<_> = requests
        .iter()
        .map(|r| (r.method.clone(), uris_in(r).len()))
        .collect();
    assert_eq!(calls, [("PUT".to_string(), 100), ("POST".to_string(), 30)]);
    assert_eq!(requests[0].path, format!("/v1/playlists/{id}/items"));
}

#[tokio::test]
async fn replace_with_nothing_clears_the_playlist() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(4);
    let none: Vec<String> = Vec::new();
    let snapshot = client.playlists().replace_items(&id, none).await.unwrap();
    assert_eq!(server.playlist_uris(&id).unwrap(), Vec::<String>::new());
    assert_eq!(snapshot, snapshot_of(&server, &id));
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", &*format!("/v1/playlists/{id}/items"))
    );
    assert_eq!(body(&request), json!({"uris": []}));
    assert_eq!(request.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn reorder_moves_a_range() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(5);
    let before = server.playlist_uris(&id).unwrap();
    let old_snapshot = snapshot_of(&server, &id);
    let snapshot = client
        .playlists()
        .reorder_items(&id, 0, 2, 5, Some(&old_snapshot))
        .await
        .unwrap();
    assert_eq!(snapshot, snapshot_of(&server, &id));
    let after = server.playlist_uris(&id).unwrap();
    assert_eq!(after, [2, 3, 4, 0, 1].map(|i| before[i].clone()));
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", &*format!("/v1/playlists/{id}/items"))
    );
    assert_eq!(
        body(&request),
        json!({"range_start": 0, "range_length": 2, "insert_before": 5, "snapshot_id": old_snapshot})
    );
}

#[tokio::test]
async fn remove_items_with_a_snapshot() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(4);
    let before = server.playlist_uris(&id).unwrap();
    let snapshot = client
        .playlists()
        .remove_items(&id, [&before[1], &before[3]], Some("snap-1"))
        .await
        .unwrap();
    assert_eq!(
        server.playlist_uris(&id).unwrap(),
        [0, 2].map(|i| before[i].clone())
    );
    assert_eq!(snapshot, snapshot_of(&server, &id));
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("DELETE", &*format!("/v1/playlists/{id}/items"))
    );
    assert_eq!(
        body(&request),
        json!({"items": [{"uri": before[1]}, {"uri": before[3]}], "snapshot_id": "snap-1"})
    );

    server.clear_requests();
    client
        .playlists()
        .remove_items(&id, track_uris(150), None)
        .await
        .unwrap();
    let sizes: Vec<_> = server
        .requests()
        .iter()
        .map(|r| body(r)["items"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [100, 50]);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| body(r).get("snapshot_id").is_none())
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn deprecated_track_endpoints_still_change_the_playlist() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(0);
    let playlists = client.playlists().through_tracks_endpoints();
    playlists.add_items(&id, track_uris(3)).await.unwrap();
    playlists.insert_items(&id, 0, [EPISODE]).await.unwrap();
    let mut expected = vec![EPISODE.to_string()];
    expected.extend(track_uris(3));
    assert_eq!(server.playlist_uris(&id).unwrap(), expected);
    playlists.reorder_items(&id, 0, 1, 4, None).await.unwrap();
    assert_eq!(server.playlist_uris(&id).unwrap().last().unwrap(), EPISODE);
    playlists.remove_items(&id, [EPISODE], None).await.unwrap();
    assert_eq!(server.playlist_uris(&id).unwrap(), track_uris(3));
    let snapshot = playlists.replace_items(&id, track_uris(1)).await.unwrap();
    assert_eq!(server.playlist_uris(&id).unwrap(), track_uris(1));
    assert_eq!(snapshot, snapshot_of(&server, &id));
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.path == format!("/v1/playlists/{id}/tracks")),
        "{requests:#?}"
    );
    let remove = requests.iter().find(|r| r.method == "DELETE").unwrap();
    assert_eq!(body(remove), json!({"tracks": [{"uri": EPISODE}]}));
    let ops: Vec<_> = requests
        .iter()
        .map(|r| r.operation_id.clone().unwrap())
        .collect();
    assert_eq!(
        ops,
        [
            "add-tracks-to-playlist",
            "add-tracks-to-playlist",
            "reorder-or-replace-playlists-tracks",
            "remove-tracks-playlist",
            "reorder-or-replace-playlists-tracks"
        ]
    );
}

/// A tiny JPEG (SOI, APP0 start, EOI): enough for the magic check.
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0xFF, 0xD9,
];

#[tokio::test]
async fn upload_cover_sends_base64_text_as_image_jpeg() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(1);
    // The future is Send: it can be spawned.
    let task = {
        let (client, id) = (client.clone(), id.clone());
        tokio::spawn(async move { client.playlists().upload_cover(&id, JPEG).await })
    };
    task.await.unwrap().unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", &*format!("/v1/playlists/{id}/images"))
    );
    assert_eq!(request.header("content-type"), Some("image/jpeg"));
    assert_eq!(request.header("authorization"), Some("<redacted>"));
    assert_eq!(request.body, Some(json!("/9j/4AAQSkZJRv/Z")));
    let cover = client.playlists().cover(&id).await.unwrap();
    assert_eq!(cover.len(), 1);
    assert!(cover[0].url.contains(&id), "{cover:?}");
}

#[tokio::test]
async fn bad_covers_are_refused_before_sending() {
    let (server, client) = common::setup().await;
    let id = "3cEYpjA9oz9GiPac4AsH4n";
    let png = b"\x89PNG\r\n\x1a\n";
    assert!(matches!(
        client.playlists().upload_cover(id, png).await,
        Err(Error::InvalidArgument(_))
    ));
    let mut big = vec![0u8; 200 * 1024];
    big[..3].copy_from_slice(&[0xFF, 0xD8, 0xFF]);
    let err = client.playlists().upload_cover(id, &big).await.unwrap_err();
    assert!(err.to_string().contains("base64"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn upload_errors_come_back_as_api_errors() {
    let (server, client) = common::setup().await;
    server.fault(Fault::status(403).on_operation("upload-custom-playlist-cover"));
    let err = client
        .playlists()
        .upload_cover("3cEYpjA9oz9GiPac4AsH4n", JPEG)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert_eq!(
        err.endpoint().unwrap().operation_id,
        "upload-custom-playlist-cover"
    );
}

#[tokio::test]
async fn download_cover_fetches_the_chosen_image() {
    let (server, client) = common::setup().await;
    let id = server.add_playlist_with_tracks(1);
    let cover = client.playlists().cover(&id).await.unwrap();
    assert!(!cover.is_empty());
    server.clear_requests();
    let image = client
        .playlists()
        .download_cover(&id, ImageSize::Smallest)
        .await
        .unwrap();
    assert_eq!(&image.bytes[..3], &[0xFF, 0xD8, 0xFF]);
    assert_eq!(image.content_type.as_deref(), Some("image/jpeg"));
    // Only the API call went to the API (the image host is not the Web API).
    assert_eq!(
        common::only_request(&server).operation_id.as_deref(),
        Some("get-playlist-cover")
    );

    client.playlists().upload_cover(&id, JPEG).await.unwrap();
    let image = client
        .playlists()
        .download_cover(&id, ImageSize::Largest)
        .await
        .unwrap();
    assert_eq!(&image.bytes[..3], &[0xFF, 0xD8, 0xFF]);

    let missing = client
        .download_image(&format!("{}/v1/no-such-image", server.accounts_url()))
        .await;
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
    let no_images = client.download_image_from(&[], ImageSize::Medium).await;
    assert!(
        matches!(no_images, Err(Error::NotFound(_))),
        "{no_images:?}"
    );
}
