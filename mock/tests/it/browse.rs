//! Catalog lookups, search and example-based paging.

use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::Value;
use spotify_sdk_generated::types;

use crate::common::env;

#[tokio::test]
async fn multi_get_keeps_order_and_nulls_missing_ids() {
    let env = env().await;
    let body = env.get_ok("/tracks?ids=a,missing1,c").await;
    let tracks = body["tracks"].as_array().unwrap();
    assert_eq!(tracks.len(), 3);
    assert_eq!(tracks[0]["id"], "a");
    assert_eq!(tracks[0]["uri"], "spotify:track:a");
    assert_eq!(tracks[1], Value::Null);
    assert_eq!(tracks[2]["id"], "c");
    let albums = env.get_ok("/albums?ids=x,y").await;
    assert_eq!(albums["albums"][1]["id"], "y");
    assert_eq!(env.get("/tracks").await.status, 400);
    let too_many: Vec<String> = (0..21).map(|i| format!("a{i}")).collect();
    assert_eq!(
        env.get(&format!("/albums?ids={}", too_many.join(",")))
            .await
            .status,
        400
    );
    // Decodes, with the nulls, into the generated type.
    let decoded: types::GetSeveralTracksResponse = serde_json::from_value(body).unwrap();
    assert_eq!(decoded.tracks.len(), 3);
}

#[tokio::test]
async fn embedded_pages_match_their_endpoints() {
    let env = env().await;
    env.server.set_collection_size("get-an-albums-tracks", 60);
    let album = env.get_ok("/albums/alb1").await;
    let tracks = env.get_ok("/albums/alb1/tracks?limit=50").await;
    assert_eq!(album["tracks"]["items"], tracks["items"]);
    assert_eq!(album["tracks"]["total"], 60);
    let next = album["tracks"]["next"].as_str().unwrap();
    assert_eq!(
        next,
        format!(
            "{}/albums/alb1/tracks?offset=50&limit=50",
            env.server.base_url()
        )
    );
    // Items typed `"string"` in the spec's examples get the collection's kind.
    assert_eq!(tracks["items"][0]["type"], "track");
    assert_eq!(tracks["items"][0]["name"], "Track 1");
    assert!(
        tracks["items"][0]["uri"]
            .as_str()
            .unwrap()
            .starts_with("spotify:track:")
    );
    let featured = env.get_ok("/browse/featured-playlists").await;
    assert_eq!(featured["playlists"]["items"][0]["type"], "playlist");
    assert_eq!(featured["playlists"]["items"][0]["name"], "Playlist 1");
    let show = env.get_ok("/shows/s1").await;
    assert!(
        show["episodes"]["href"]
            .as_str()
            .unwrap()
            .starts_with(&env.server.base_url())
    );
}

#[tokio::test]
async fn single_lookups() {
    let env = env().await;
    let track = env.get_ok("/tracks/4iV5W9uYEdYUVa79Axb7Rh").await;
    assert_eq!(track["id"], "4iV5W9uYEdYUVa79Axb7Rh");
    assert_eq!(
        track["href"],
        format!("{}/tracks/4iV5W9uYEdYUVa79Axb7Rh", env.server.base_url())
    );
    let resp = env.get("/albums/missing-album").await;
    assert_eq!(resp.status, 404);
    assert_eq!(resp.json()["error"]["status"], 404);
    assert_eq!(env.get_ok("/me").await["id"], spotify_sdk_mock::USER_ID);
}

#[tokio::test]
async fn search_returns_the_requested_sections() {
    let env = env().await;
    env.server.set_collection_size("search", 25);
    let body = env
        .get_ok("/search?q=abba&type=album,track&limit=10&offset=10")
        .await;
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["albums", "tracks"]);
    assert_eq!(body["tracks"]["total"], 25);
    assert_eq!(body["tracks"]["items"].as_array().unwrap().len(), 10);
    assert_eq!(body["tracks"]["items"][0]["name"], "abba 11");
    assert_eq!(body["albums"]["items"][0]["type"], "album");
    let next = body["tracks"]["next"].as_str().unwrap();
    assert!(
        next.contains("q=abba")
            && next.contains("type=album%2Ctrack")
            && next.contains("offset=20"),
        "{next}"
    );
    assert_eq!(
        env.get("/search?q=abba&type=album&limit=11").await.status,
        400
    );
    assert_eq!(env.get("/search?q=abba").await.status, 400);
    assert_eq!(env.get("/search?type=track").await.status, 400);
    assert_eq!(env.get("/search?q=abba&type=planet").await.status, 400);
    let _: types::SearchResponse = serde_json::from_value(body).unwrap();
}

/// A collection size names a paged operation by its spec id; a misspelt or unpaged one is refused
/// at once, naming it and listing the paged ones, instead of leaving the test on the default size.
#[tokio::test]
async fn collection_sizes_name_a_paged_operation() {
    let env = env().await;
    env.server.set_collection_size("get_an_albums_tracks", 3);
    assert_eq!(env.get_ok("/albums/abc/tracks").await["total"], 3);
    for id in ["get-album-tracks", "get-track"] {
        let server = AssertUnwindSafe(env.server.clone());
        let panic = catch_unwind(|| server.set_collection_size(id, 3)).unwrap_err();
        let message = panic.downcast_ref::<String>().expect("a formatted message");
        assert!(
            message.contains(&format!("`{id}` is not a paged operation"))
                && message.contains("get-an-albums-tracks, get-an-artists-albums"),
            "{message}"
        );
    }
    assert_eq!(env.get_ok("/albums/abc/tracks").await["total"], 3);
}

#[tokio::test]
async fn example_based_pages_honour_offset_and_limit() {
    let env = env().await;
    env.server.set_collection_size("get-an-albums-tracks", 7);
    let page = env.get_ok("/albums/abc/tracks?limit=3&offset=3").await;
    assert_eq!(page["total"], 7);
    assert_eq!(page["offset"], 3);
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    let base = env.server.base_url();
    assert_eq!(
        page["next"],
        format!("{base}/albums/abc/tracks?offset=6&limit=3")
    );
    assert_eq!(
        page["previous"],
        format!("{base}/albums/abc/tracks?offset=0&limit=3")
    );
    assert_eq!(env.get("/artists/abc/albums?limit=11").await.status, 400);
    let categories = env.get_ok("/browse/categories").await;
    assert_eq!(categories["categories"]["total"], 4);
    let history = env.get_ok("/me/player/recently-played?limit=2").await;
    assert_eq!(history["items"].as_array().unwrap().len(), 2);
    let before = history["cursors"]["before"].as_str().unwrap();
    let older = env
        .get_ok(&format!(
            "/me/player/recently-played?limit=2&before={before}"
        ))
        .await;
    assert_eq!(older["items"].as_array().unwrap().len(), 2);
    assert_ne!(
        older["items"][0]["played_at"],
        history["items"][1]["played_at"]
    );
}

#[tokio::test]
async fn unknown_routes_get_spotify_errors() {
    let env = env().await;
    let resp = env.get("/no/such/thing").await;
    assert_eq!(resp.status, 404);
    assert_eq!(resp.json()["error"]["status"], 404);
    assert_eq!(resp.json()["error"]["message"], "Service not found");
    let resp = env.delete("/tracks/abc", None).await;
    assert_eq!(resp.status, 405);
    let outside = env
        .http
        .get(format!("{}/elsewhere", env.server.accounts_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), 404);
    let recorded = env.server.requests();
    assert_eq!(recorded.len(), 3);
    assert_eq!(recorded[0].operation_id, None);
    assert_eq!(recorded[0].path, "/v1/no/such/thing");
}

/// The generated requests work against the mock end to end (sent with plain reqwest here), and its
/// answers decode into the generated types.
#[tokio::test]
async fn generated_requests_round_trip() {
    use spotify_sdk_generated::{Client, Request, types};

    let env = env().await;
    let http = reqwest::Client::new();
    let send = |request: reqwest::Request| {
        let http = http.clone();
        let token = env.token.clone();
        async move {
            let mut request = request;
            let value = format!("Bearer {token}").parse().unwrap();
            request.headers_mut().insert("authorization", value);
            let response = http.execute(request).await.unwrap();
            assert!(response.status().is_success(), "{}", response.status());
            response.bytes().await.unwrap()
        }
    };
    let client = Client::new_with_client(&env.server.base_url(), http.clone());
    let request: Request<types::TrackObject> = client.get_track("abc", None);
    let body = send(request.into_http().unwrap()).await;
    let track: types::TrackObject = serde_json::from_slice(&body).unwrap();
    assert_eq!(track.id.as_deref(), Some("abc"));
    let id = env.server.add_playlist_with_tracks(30);
    let limit = std::num::NonZeroU64::new(10);
    let request = client.get_playlists_items(&id, None, None, limit, None, Some(20));
    let body = send(request.into_http().unwrap()).await;
    let page: types::PagingPlaylistTrackObject = serde_json::from_slice(&body).unwrap();
    assert_eq!(page.items.len(), 10);
    assert_eq!(page.total, 30);
    let ops: Vec<String> = env
        .server
        .requests()
        .iter()
        .filter_map(|r| r.operation_id.clone())
        .collect();
    assert_eq!(ops, ["get-track", "get-playlists-items"]);
}

#[tokio::test]
async fn image_urls_point_at_the_mock_and_serve_a_jpeg() {
    let env = env().await;
    let album = env.get_ok("/albums/4aawyAB9vmqN3uQ7FjRGTy").await;
    let url = album["images"][0]["url"].as_str().unwrap().to_string();
    let origin = env.server.accounts_url();
    assert!(url.starts_with(&format!("{origin}/mock-images/")), "{url}");
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);
    // Each URL serves the size it names, about as heavy as Spotify's.
    let mut sizes = Vec::new();
    for image in album["images"].as_array().unwrap() {
        let bytes = reqwest::get(image["url"].as_str().unwrap()).await.unwrap();
        sizes.push((
            image["width"].as_u64().unwrap(),
            bytes.bytes().await.unwrap().len(),
        ));
    }
    assert_eq!(
        sizes.iter().map(|s| s.0).collect::<Vec<_>>(),
        [640, 300, 64]
    );
    assert!(sizes[0].1 > 30_000 && sizes[2].1 < 5_000, "{sizes:?}");
}

/// Items differ as they do on Spotify: each track has its own length, album and artists (its
/// album's), an album's tracks are by the album's artists, numbered in order.
#[tokio::test]
async fn items_have_facts_of_their_own() {
    let env = env().await;
    let tracks = env
        .get_ok("/tracks?ids=4uLU6hMCjMI75M1A2tKUQC,11dFghVXANMlKmJXsNCbNl")
        .await;
    let [a, b] = [&tracks["tracks"][0], &tracks["tracks"][1]];
    assert_ne!(a["duration_ms"], b["duration_ms"]);
    assert_ne!(a["album"]["id"], b["album"]["id"]);
    assert_eq!(a["artists"], a["album"]["artists"]);
    let again = env.get_ok("/tracks/4uLU6hMCjMI75M1A2tKUQC").await;
    assert_eq!(
        (&again["duration_ms"], &again["album"]),
        (&a["duration_ms"], &a["album"])
    );
    let album = env
        .get_ok(&format!("/albums/{}", a["album"]["id"].as_str().unwrap()))
        .await;
    assert_eq!(album["name"], a["album"]["name"]);
    assert_eq!(album["artists"], a["album"]["artists"]);
    assert_eq!(album["total_tracks"], album["tracks"]["total"]);
    for (i, track) in album["tracks"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(track["artists"], album["artists"]);
        assert_eq!(track["track_number"], i + 1);
    }
    let episode = env.get_ok("/episodes/512ojhOuo1ktJprKbVcKyQ").await;
    let minutes = episode["duration_ms"].as_u64().unwrap() / 60_000;
    assert!((20..=70).contains(&minutes), "{minutes}");
}
