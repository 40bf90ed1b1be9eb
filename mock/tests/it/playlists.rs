//! Playlists: create, details, add/reorder/replace/remove, paging, covers.

use serde_json::{Value, json};
use spotify_sdk_mock::USER_ID;

use crate::common::{Env, env};

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item"]["uri"].as_str().unwrap().to_string())
        .collect()
}

async fn create(env: &Env) -> Value {
    let body = json!({"name": "Road trip", "description": "Songs", "public": false});
    let resp = env.post("/me/playlists", Some(body)).await;
    assert_eq!(resp.status, 201);
    resp.json()
}

#[tokio::test]
async fn create_change_and_read() {
    let env = env().await;
    let created = create(&env).await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["name"], "Road trip");
    assert_eq!(created["public"], false);
    assert_eq!(created["owner"]["id"], USER_ID);
    assert_eq!(created["items"]["total"], 0);
    assert_eq!(created["uri"], format!("spotify:playlist:{id}"));
    let snapshot = created["snapshot_id"].as_str().unwrap().to_string();

    let resp = env
        .put(
            &format!("/playlists/{id}"),
            Some(json!({"name": "Renamed", "collaborative": true})),
        )
        .await;
    assert_eq!(resp.status, 200);
    assert!(resp.bytes.is_empty());
    let got = env.get_ok(&format!("/playlists/{id}")).await;
    assert_eq!(got["name"], "Renamed");
    assert_eq!(got["collaborative"], true);
    assert_ne!(got["snapshot_id"], snapshot.as_str());

    let mine = env.get_ok("/me/playlists").await;
    assert_eq!(mine["total"], 1);
    assert_eq!(mine["items"][0]["id"], id);
    assert_eq!(mine["items"][0]["items"]["total"], 0);
    let for_user = env
        .post("/users/someone/playlists", Some(json!({"name": "Theirs"})))
        .await;
    assert_eq!(for_user.status, 201);
    assert_eq!(for_user.json()["owner"]["id"], "someone");
    assert_eq!(env.get_ok("/users/someone/playlists").await["total"], 1);
    assert_eq!(
        env.post("/me/playlists", Some(json!({"public": true})))
            .await
            .status,
        400
    );
    assert_eq!(env.get("/playlists/missing-playlist").await.status, 404);
}

#[tokio::test]
async fn add_reorder_replace_remove() {
    let env = env().await;
    let id = create(&env).await["id"].as_str().unwrap().to_string();
    let items = format!("/playlists/{id}/items");

    let resp = env
        .post(
            &items,
            Some(json!({"uris": ["spotify:track:a", "spotify:track:b", "spotify:episode:c"]})),
        )
        .await;
    assert_eq!(resp.status, 201);
    let s1 = resp.json()["snapshot_id"].as_str().unwrap().to_string();
    let resp = env
        .post(&format!("{items}?uris=spotify:track:x&position=1"), None)
        .await;
    assert_eq!(resp.status, 201);
    assert_ne!(resp.json()["snapshot_id"], s1.as_str());
    assert_eq!(
        env.server.playlist_uris(&id).unwrap(),
        [
            "spotify:track:a",
            "spotify:track:x",
            "spotify:track:b",
            "spotify:episode:c"
        ]
    );
    assert_eq!(
        env.post(&format!("{items}?uris=spotify:track:y&position=9"), None)
            .await
            .status,
        400
    );

    // Move the first two to the end.
    let resp = env
        .put(
            &items,
            Some(json!({"range_start": 0, "range_length": 2, "insert_before": 4})),
        )
        .await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        env.server.playlist_uris(&id).unwrap(),
        [
            "spotify:track:b",
            "spotify:episode:c",
            "spotify:track:a",
            "spotify:track:x"
        ]
    );
    // Move the last to the front.
    env.put(&items, Some(json!({"range_start": 3, "insert_before": 0})))
        .await;
    assert_eq!(
        env.server.playlist_uris(&id).unwrap(),
        [
            "spotify:track:x",
            "spotify:track:b",
            "spotify:episode:c",
            "spotify:track:a"
        ]
    );
    assert_eq!(
        env.put(
            &items,
            Some(json!({"range_start": 3, "range_length": 2, "insert_before": 0}))
        )
        .await
        .status,
        400
    );

    let page = env.get_ok(&items).await;
    assert_eq!(page["total"], 4);
    assert_eq!(page["items"][2]["item"]["type"], "episode");
    assert_eq!(ids(&page)[0], "spotify:track:x");

    let resp = env
        .delete(
            &items,
            Some(json!({"items": [{"uri": "spotify:track:b"}, {"uri": "spotify:episode:c"}]})),
        )
        .await;
    assert_eq!(resp.status, 200);
    assert!(resp.json()["snapshot_id"].is_string());
    assert_eq!(
        env.server.playlist_uris(&id).unwrap(),
        ["spotify:track:x", "spotify:track:a"]
    );

    // The deprecated /tracks endpoints act on the same playlist.
    let resp = env
        .put(
            &format!("/playlists/{id}/tracks?uris=spotify:track:r1,spotify:track:r2"),
            None,
        )
        .await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        env.server.playlist_uris(&id).unwrap(),
        ["spotify:track:r1", "spotify:track:r2"]
    );
    env.delete(
        &format!("/playlists/{id}/tracks"),
        Some(json!({"tracks": [{"uri": "spotify:track:r1"}]})),
    )
    .await;
    assert_eq!(
        ids(&env.get_ok(&format!("/playlists/{id}/tracks")).await),
        ["spotify:track:r2"]
    );
    let snapshot = env.server.playlist(&id).unwrap().snapshot_id;
    assert_eq!(
        env.get_ok(&format!("/playlists/{id}")).await["snapshot_id"],
        snapshot.as_str()
    );
}

#[tokio::test]
async fn large_playlist_pages_by_limit() {
    let env = env().await;
    let id = env.server.add_playlist_with_tracks(120);
    let mut url = format!("/playlists/{id}/items?limit=50&market=SE");
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = env.get_ok(&url).await;
        assert_eq!(page["total"], 120);
        seen.extend(ids(&page));
        pages += 1;
        match page["next"].as_str() {
            Some(next) => {
                assert!(next.contains("market=SE"), "{next}");
                url = next
                    .strip_prefix(&env.server.base_url())
                    .unwrap()
                    .to_string();
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, env.server.playlist_uris(&id).unwrap());
    let mut distinct = seen.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 120);
    let first = env.get_ok(&format!("/playlists/{id}/items?limit=1")).await;
    assert_eq!(first["items"][0]["item"]["name"], "Track 1");

    // Each operation's own maximum applies.
    assert_eq!(
        env.get(&format!("/playlists/{id}/items?limit=51"))
            .await
            .status,
        400
    );
    assert_eq!(
        env.get(&format!("/playlists/{id}/tracks?limit=100"))
            .await
            .status,
        200
    );
    assert_eq!(
        env.get(&format!("/playlists/{id}/tracks?limit=101"))
            .await
            .status,
        400
    );
    assert_eq!(
        env.get(&format!("/playlists/{id}/items?limit=0"))
            .await
            .status,
        400
    );
    let past = env
        .get_ok(&format!("/playlists/{id}/items?offset=500"))
        .await;
    assert_eq!(past["items"], json!([]));
    // The embedded page of the full object has the first 100.
    let full = env.get_ok(&format!("/playlists/{id}")).await;
    assert_eq!(full["items"]["items"].as_array().unwrap().len(), 100);
    assert!(
        full["items"]["next"]
            .as_str()
            .unwrap()
            .contains(&format!("/playlists/{id}/items?offset=100"))
    );
}

#[tokio::test]
async fn cover_image_upload() {
    let env = env().await;
    let id = create(&env).await["id"].as_str().unwrap().to_string();
    let url = format!("{}/playlists/{id}/images", env.server.base_url());
    let resp = env
        .http
        .put(&url)
        .bearer_auth(&env.token)
        .body("/9j/4AAQSkZJRg==")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    let images = env.get_ok(&format!("/playlists/{id}/images")).await;
    assert!(images[0]["url"].as_str().unwrap().contains(&id));
    let resp = env
        .http
        .put(&url)
        .bearer_auth(&env.token)
        .body("not base64!")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}
