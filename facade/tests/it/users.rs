//! `client.users()` against the mock: profiles, top items, followed artists and following.

use crate::catalog_support;
use crate::common;

use catalog_support::{assert_invalid_id, check_offset_paging, id, query};
use spotify_sdk::resources::users::TimeRange;
use spotify_sdk_mock::{Fault, USER_ID};

#[tokio::test]
async fn me_and_deprecated_user_profile() {
    let (server, client) = common::setup().await;
    let me = client.users().me().await.unwrap();
    assert_eq!(me.id, USER_ID);
    assert_eq!(me.display_name.as_deref(), Some("Mock User"));
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/me")
    );
    server.clear_requests();

    #[allow(deprecated)]
    let user = client.users().get("spotify:user:smedjan").await.unwrap();
    assert_eq!(user.id, "smedjan");
    assert_eq!(user.display_name.as_deref(), Some("Priya"));
    assert_eq!(common::only_request(&server).path, "/v1/users/smedjan");
    server.clear_requests();
    #[allow(deprecated)]
    let bad = client
        .users()
        .get("spotify:artist:0TnOYISbd1XYRBk9myaseg")
        .await;
    assert_invalid_id(&server, bad);
}

#[tokio::test]
async fn top_artists_and_tracks_page_by_50_over_a_time_range() {
    let (server, client) = common::setup().await;
    let artists = check_offset_paging(
        &server,
        "get-users-top-artists",
        "/v1/me/top/artists",
        50,
        || client.users().top_artists(TimeRange::ShortTerm),
    )
    .await;
    assert_eq!(artists[0].name, "Artist 1");
    client
        .users()
        .top_artists(TimeRange::ShortTerm)
        .max_items(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        query(&common::only_request(&server), "time_range"),
        Some("short_term")
    );
    server.clear_requests();

    let tracks = check_offset_paging(
        &server,
        "get-users-top-tracks",
        "/v1/me/top/tracks",
        50,
        || client.users().top_tracks(TimeRange::default()),
    )
    .await;
    assert_eq!(tracks[102].name, "Track 103");
    client
        .users()
        .top_tracks(TimeRange::LongTerm)
        .max_items(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        query(&common::only_request(&server), "time_range"),
        Some("long_term")
    );
    assert_eq!(TimeRange::default().as_str(), "medium_term");
}

#[tokio::test]
async fn followed_artists_follow_the_after_cursor() {
    let (server, client) = common::setup().await;
    let ids: Vec<String> = (0..120).map(id).collect();
    let uris: Vec<String> = ids.iter().map(|i| format!("spotify:artist:{i}")).collect();
    server.save_uris(&uris);
    server.fault(Fault::null_items().on_operation("get-followed").times(1));

    let artists = client
        .users()
        .followed_artists()
        .collect_all()
        .await
        .unwrap();
    let got: Vec<String> = artists.iter().map(|a| a.id.clone()).collect();
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(
        got, newest_first,
        "every followed artist once, in order, the null skipped"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "{requests:#?}");
    for request in &requests {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("GET", "/v1/me/following")
        );
        assert_eq!(query(request, "type"), Some("artist"));
        assert_eq!(query(request, "limit"), Some("50"));
    }
    assert_eq!(query(&requests[0], "after"), None);
    assert_eq!(
        query(&requests[1], "after"),
        Some(newest_first[49].as_str())
    );
    assert_eq!(
        query(&requests[2], "after"),
        Some(newest_first[99].as_str())
    );
    server.clear_requests();

    let first = client
        .users()
        .followed_artists()
        .max_items(60)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(first.len(), 60);
    assert_eq!(server.requests().len(), 2, "no page after max_items");
}

#[tokio::test]
#[allow(deprecated)]
async fn follow_unfollow_and_check_artists_in_chunks_of_50() {
    let (server, client) = common::setup().await;
    let ids: Vec<String> = (0..51).map(id).collect();
    client.users().follow_artists(&ids).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for (request, chunk) in requests.iter().zip(ids.chunks(50)) {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("PUT", "/v1/me/following")
        );
        assert_eq!(query(request, "type"), Some("artist"));
        assert_eq!(query(request, "ids"), Some(chunk.join(",").as_str()));
        assert_eq!(request.body, Some(serde_json::json!({ "ids": chunk })));
    }
    assert_eq!(server.saved_uris().len(), 51);
    assert!(
        server
            .saved_uris()
            .contains(&format!("spotify:artist:{}", ids[50]))
    );
    server.clear_requests();

    let checked = client
        .users()
        .follows_artists([ids[0].as_str(), "0TnOYISbd1XYRBk9myaseg"])
        .await
        .unwrap();
    assert_eq!(checked, [true, false]);
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/me/following/contains")
    );
    assert_eq!(query(&request, "type"), Some("artist"));
    server.clear_requests();

    client.users().unfollow_artists(&ids[..2]).await.unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("DELETE", "/v1/me/following")
    );
    assert_eq!(query(&request, "ids"), Some(ids[..2].join(",").as_str()));
    assert_eq!(server.saved_uris().len(), 49);
    server.clear_requests();

    let all = client.users().follows_artists(&ids).await.unwrap();
    assert_eq!(all.len(), 51);
    assert_eq!(&all[..3], [false, false, true]);
    assert_eq!(server.requests().len(), 2, "50 IDs per check");
    server.clear_requests();

    assert_invalid_id(
        &server,
        client
            .users()
            .follow_artists(["spotify:user:smedjan"])
            .await,
    );
    assert_invalid_id(&server, client.users().unfollow_artists(["short"]).await);
    assert_invalid_id(
        &server,
        client
            .users()
            .follows_artists(["spotify:track:4uLU6hMCjMI75M1A2tKUQC"])
            .await,
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn follow_unfollow_and_check_users() {
    let (server, client) = common::setup().await;
    client
        .users()
        .follow_users(["smedjan", "spotify:user:wizzler"])
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", "/v1/me/following")
    );
    assert_eq!(query(&request, "type"), Some("user"));
    assert_eq!(query(&request, "ids"), Some("smedjan,wizzler"));
    server.clear_requests();
    assert_eq!(
        client
            .users()
            .follows_users(["wizzler", "someone"])
            .await
            .unwrap(),
        [true, false]
    );
    assert_eq!(query(&common::only_request(&server), "type"), Some("user"));
    server.clear_requests();
    client.users().unfollow_users(["wizzler"]).await.unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), query(&request, "type")),
        ("DELETE", Some("user"))
    );
    assert_eq!(server.saved_uris(), ["spotify:user:smedjan"]);
    server.clear_requests();
    assert_invalid_id(&server, client.users().follow_users(["not a user!"]).await);
}

#[tokio::test]
#[allow(deprecated)]
async fn follow_unfollow_and_check_a_playlist() {
    let (server, client) = common::setup().await;
    let playlist = "37i9dQZF1DXcBWIGoYBM5M";
    client
        .users()
        .follow_playlist(format!("spotify:playlist:{playlist}"), false)
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", "/v1/playlists/37i9dQZF1DXcBWIGoYBM5M/followers")
    );
    assert_eq!(request.body, Some(serde_json::json!({ "public": false })));
    server.clear_requests();

    assert!(client.users().follows_playlist(playlist).await.unwrap());
    let request = common::only_request(&server);
    assert_eq!(
        request.path,
        "/v1/playlists/37i9dQZF1DXcBWIGoYBM5M/followers/contains"
    );
    assert!(
        request.query.is_empty(),
        "the deprecated ids parameter is not sent"
    );
    server.clear_requests();

    client.users().unfollow_playlist(playlist).await.unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("DELETE", "/v1/playlists/37i9dQZF1DXcBWIGoYBM5M/followers")
    );
    server.clear_requests();
    assert!(!client.users().follows_playlist(playlist).await.unwrap());
    server.clear_requests();

    assert_invalid_id(
        &server,
        client
            .users()
            .follow_playlist("spotify:album:4aawyAB9vmqN3uQ7FjRGTy", true)
            .await,
    );
    assert_invalid_id(&server, client.users().unfollow_playlist("x").await);
    assert_invalid_id(&server, client.users().follows_playlist("").await);
}
