//! The library: `/me/library` and the type-specific endpoints share one set of saved URIs.

use serde_json::json;

use crate::common::env;

#[tokio::test]
async fn save_check_and_remove_through_me_library() {
    let env = env().await;
    let uris = "spotify:track:t1,spotify:album:a1,spotify:playlist:p1";
    assert_eq!(
        env.put(&format!("/me/library?uris={uris}"), None)
            .await
            .status,
        200
    );
    let contains = env
        .get_ok("/me/library/contains?uris=spotify:album:a1,spotify:track:nope,spotify:track:t1")
        .await;
    assert_eq!(contains, json!([true, false, true]));
    assert_eq!(
        env.server.saved_uris(),
        vec![
            "spotify:track:t1",
            "spotify:album:a1",
            "spotify:playlist:p1"
        ]
    );

    assert_eq!(
        env.delete("/me/library?uris=spotify:track:t1", None)
            .await
            .status,
        200
    );
    assert_eq!(
        env.get_ok("/me/library/contains?uris=spotify:track:t1")
            .await,
        json!([false])
    );

    // The type-specific endpoints see the same set.
    assert_eq!(
        env.get_ok("/me/albums/contains?ids=a1,a2").await,
        json!([true, false])
    );
    assert_eq!(env.get_ok("/me/playlists").await["total"], 1);
}

#[tokio::test]
async fn library_limits_and_validation() {
    let env = env().await;
    let forty: Vec<String> = (0..40).map(|i| format!("spotify:track:t{i}")).collect();
    assert_eq!(
        env.put(&format!("/me/library?uris={}", forty.join(",")), None)
            .await
            .status,
        200
    );
    let mut too_many = forty.clone();
    too_many.push("spotify:track:x".into());
    let resp = env
        .put(&format!("/me/library?uris={}", too_many.join(",")), None)
        .await;
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["error"]["status"], 400);
    assert_eq!(
        env.put("/me/library?uris=spotify:artist:a", None)
            .await
            .status,
        400
    );
    assert_eq!(env.put("/me/library", None).await.status, 400);
    let fifty_one: Vec<String> = (0..51).map(|i| format!("t{i}")).collect();
    assert_eq!(
        env.put(&format!("/me/tracks?ids={}", fifty_one.join(",")), None)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn typed_endpoints_save_and_page_newest_first() {
    let env = env().await;
    assert_eq!(
        env.put("/me/tracks", Some(json!({"ids": ["t1", "t2"]})))
            .await
            .status,
        200
    );
    assert_eq!(env.put("/me/tracks?ids=t3", None).await.status, 200);
    assert_eq!(env.put("/me/episodes?ids=e1", None).await.status, 200);
    assert_eq!(
        env.get_ok("/me/library/contains?uris=spotify:track:t2,spotify:episode:e1")
            .await,
        json!([true, true])
    );

    let page = env.get_ok("/me/tracks?limit=2").await;
    assert_eq!(page["total"], 3);
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["track"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["t3", "t2"]);
    assert_eq!(page["items"][0]["track"]["uri"], "spotify:track:t3");
    let next = page["next"].as_str().unwrap();
    assert!(next.starts_with(&env.server.base_url()), "{next}");
    let rest = env
        .get_ok(next.strip_prefix(&env.server.base_url()).unwrap())
        .await;
    assert_eq!(rest["items"][0]["track"]["id"], "t1");
    assert_eq!(rest["next"], serde_json::Value::Null);
    assert!(rest["previous"].as_str().unwrap().contains("offset=0"));

    assert_eq!(env.delete("/me/tracks?ids=t3", None).await.status, 200);
    assert_eq!(
        env.get_ok("/me/tracks/contains?ids=t3,t1").await,
        json!([false, true])
    );
    assert_eq!(
        env.get_ok("/me/episodes").await["items"][0]["episode"]["id"],
        "e1"
    );

    // timestamped_ids keep the given added_at.
    let body = json!({"timestamped_ids": [{"id": "t9", "added_at": "2020-05-01T10:00:00Z"}]});
    assert_eq!(env.put("/me/tracks", Some(body)).await.status, 200);
    assert_eq!(
        env.get_ok("/me/tracks?limit=1").await["items"][0]["added_at"],
        "2020-05-01T10:00:00Z"
    );
    assert_eq!(env.get("/me/tracks?limit=51").await.status, 400);
}

#[tokio::test]
async fn following_artists_users_and_playlists() {
    let env = env().await;
    assert_eq!(
        env.put("/me/following?type=artist&ids=a1,a2,a3", None)
            .await
            .status,
        204
    );
    assert_eq!(
        env.put("/me/following?type=user", Some(json!({"ids": ["u1"]})))
            .await
            .status,
        204
    );
    assert_eq!(
        env.get_ok("/me/following/contains?type=user&ids=u1,a1")
            .await,
        json!([true, false])
    );
    // `/me/library/contains` also answers for artists (followed ones), though it cannot save them.
    assert_eq!(
        env.get_ok("/me/library/contains?uris=spotify:artist:a2,spotify:artist:zz")
            .await,
        json!([true, false])
    );
    let page = env.get_ok("/me/following?type=artist&limit=2").await;
    assert_eq!(page["artists"]["total"], 3);
    assert_eq!(page["artists"]["items"][0]["id"], "a3");
    let after = page["artists"]["cursors"]["after"].as_str().unwrap();
    assert_eq!(after, "a2");
    let rest = env
        .get_ok(&format!("/me/following?type=artist&limit=2&after={after}"))
        .await;
    assert_eq!(rest["artists"]["items"][0]["id"], "a1");
    assert_eq!(rest["artists"]["next"], serde_json::Value::Null);
    assert_eq!(
        env.delete("/me/following?type=artist&ids=a1", None)
            .await
            .status,
        204
    );
    assert_eq!(
        env.get_ok("/me/following/contains?type=artist&ids=a1")
            .await,
        json!([false])
    );

    assert_eq!(env.put("/playlists/pl1/followers", None).await.status, 200);
    assert_eq!(
        env.get_ok("/playlists/pl1/followers/contains").await,
        json!([true])
    );
    assert!(
        env.server
            .saved_uris()
            .contains(&"spotify:playlist:pl1".to_string())
    );
    assert_eq!(
        env.delete("/playlists/pl1/followers", None).await.status,
        200
    );
    assert_eq!(
        env.get_ok("/playlists/pl1/followers/contains").await,
        json!([false])
    );
}

/// Spotify's front end answers `411 Length Required` to a write that does not say its length, even
/// an empty one; the mock does too, so a client that forgets `Content-Length: 0` fails here first.
#[tokio::test]
async fn a_write_without_content_length_is_411() {
    let env = env().await;
    let url = format!(
        "{}/me/library?uris=spotify:track:4uLU6hMCjMI75M1A2tKUQC",
        env.server.base_url()
    );
    let bare = env
        .http
        .put(&url)
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 411);
    assert!(
        env.server.saved_uris().is_empty(),
        "a refused write changes nothing"
    );
    let sized = env
        .http
        .put(&url)
        .bearer_auth(&env.token)
        .header(reqwest::header::CONTENT_LENGTH, "0")
        .send()
        .await
        .unwrap();
    assert_eq!(sized.status(), 200);
    assert_eq!(env.server.saved_uris().len(), 1);
}
