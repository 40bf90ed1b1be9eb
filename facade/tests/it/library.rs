//! `client.library()` against the mock: `/me/library` in chunks of 40, the saved-items streams, and
//! the deprecated type-specific endpoints.

use crate::common;

use futures::TryStreamExt;
use serde_json::json;
use spotify_sdk::Error;
use spotify_sdk::ids::{AlbumId, AnyId, TrackId};
use spotify_sdk_mock::{Fault, MockServer};

/// `n` distinct valid IDs.
fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{i:0>22}")).collect()
}

fn uris(kind: &str, n: usize) -> Vec<String> {
    ids(n)
        .iter()
        .map(|id| format!("spotify:{kind}:{id}"))
        .collect()
}

/// The comma-separated `name` query parameter of each request.
fn lists(server: &MockServer, name: &str) -> Vec<Vec<String>> {
    server
        .requests()
        .iter()
        .map(|r| {
            r.query_param(name)
                .unwrap()
                .split(',')
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn save_sends_uris_in_chunks_of_40() {
    let (server, client) = common::setup().await;
    let mut items = uris("track", 60);
    items.extend(uris("album", 20));
    items.push("https://open.spotify.com/playlist/3cEYpjA9oz9GiPac4AsH4n?si=x".into());
    items.push("spotify:user:someone".into());
    client.library().save(&items).await.unwrap();
    let mut expected = items.clone();
    expected[80] = "spotify:playlist:3cEYpjA9oz9GiPac4AsH4n".into();
    assert_eq!(server.saved_uris(), expected);
    let sent = lists(&server, "uris");
    assert_eq!(sent.iter().map(Vec::len).collect::<Vec<_>>(), [40, 40, 2]);
    assert_eq!(sent.concat(), expected);
    for request in server.requests() {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("PUT", "/v1/me/library")
        );
        assert_eq!(request.body, None);
    }
}

#[tokio::test]
async fn typed_ids_and_any_ids_are_accepted() {
    let (server, client) = common::setup().await;
    let track = TrackId::parse("4uLU6hMCjMI75M1A2tKUQC").unwrap();
    let album = AlbumId::parse("4aawyAB9vmqN3uQ7FjRGTy").unwrap();
    client.library().save([track.clone()]).await.unwrap();
    client
        .library()
        .save([AnyId::from(album.clone())])
        .await
        .unwrap();
    assert_eq!(server.saved_uris(), [track.uri(), album.uri()]);
}

#[tokio::test]
async fn contains_answers_in_input_order_across_chunks() {
    let (server, client) = common::setup().await;
    let items = uris("episode", 45);
    let saved: Vec<&String> = items.iter().step_by(3).collect();
    server.save_uris(&saved);
    let answers = client.library().contains(&items).await.unwrap();
    let expected: Vec<bool> = (0..45).map(|i| i % 3 == 0).collect();
    assert_eq!(answers, expected);
    let sent = lists(&server, "uris");
    assert_eq!(sent.iter().map(Vec::len).collect::<Vec<_>>(), [40, 5]);
    assert_eq!(sent.concat(), items);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.method == "GET" && r.path == "/v1/me/library/contains")
    );
}

#[tokio::test]
async fn remove_deletes_from_the_library() {
    let (server, client) = common::setup().await;
    let items = uris("show", 3);
    server.save_uris(&items);
    client
        .library()
        .remove([&items[0], &items[2]])
        .await
        .unwrap();
    assert_eq!(server.saved_uris(), [items[1].clone()]);
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("DELETE", "/v1/me/library")
    );
    assert_eq!(
        request.query_param("uris"),
        Some(&*format!("{},{}", items[0], items[2]))
    );
}

#[tokio::test]
async fn bad_items_send_nothing() {
    let (server, client) = common::setup().await;
    let library = client.library();
    // A bare ID does not say its kind.
    let bare = library.save(["4uLU6hMCjMI75M1A2tKUQC"]).await;
    assert!(matches!(bare, Err(Error::InvalidId { .. })), "{bare:?}");
    let mixed = [
        "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
        "spotify:track:short",
    ];
    assert!(matches!(
        library.remove(mixed).await,
        Err(Error::InvalidId { .. })
    ));
    // Artists are followed, not saved; chapters are not library items.
    let artist = "spotify:artist:0TnOYISbd1XYRBk9myaseg";
    assert!(matches!(
        library.save([artist]).await,
        Err(Error::InvalidArgument(_))
    ));
    let chapter = "spotify:chapter:0D5wENdkdwbqlrHoaJ9g29";
    assert!(matches!(
        library.contains([chapter]).await,
        Err(Error::InvalidArgument(_))
    ));
    // Nothing to do: nothing sent.
    let none: [&str; 0] = [];
    library.save(none).await.unwrap();
    library.remove(none).await.unwrap();
    assert_eq!(library.contains(none).await.unwrap(), Vec::<bool>::new());
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
    // Artists may be checked.
    assert_eq!(library.contains([artist]).await.unwrap(), [false]);
}

#[tokio::test]
async fn a_contains_answer_of_the_wrong_length_is_an_error() {
    let (server, client) = common::setup().await;
    server.fault(
        Fault::custom(200, "application/json", "[true]").on_operation("check-library-contains"),
    );
    let err = client
        .library()
        .contains(uris("track", 2))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn saved_tracks_stream_pages_by_50_newest_first() {
    let (server, client) = common::setup().await;
    let saved = uris("track", 120);
    server.save_uris(&saved);
    let items: Vec<_> = client.library().saved_tracks().try_collect().await.unwrap();
    let got: Vec<String> = items.iter().map(|s| s.track.uri.clone()).collect();
    let mut newest_first = saved.clone();
    newest_first.reverse();
    assert_eq!(got, newest_first);
    assert!(items.iter().all(|s| s.added_at.timestamp() > 0));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|r| r.path == "/v1/me/tracks" && r.query_param("limit") == Some("50"))
    );

    server.clear_requests();
    let first: Vec<_> = client
        .library()
        .saved_tracks()
        .max_items(10)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 10);
    assert_eq!(server.requests().len(), 1);

    server.fault(Fault::null_items().on_operation("get-users-saved-tracks"));
    let with_nulls: Vec<_> = client.library().saved_tracks().try_collect().await.unwrap();
    assert_eq!(with_nulls.len(), 120);
}

#[tokio::test]
async fn saved_streams_of_every_kind() {
    let (server, client) = common::setup().await;
    for kind in ["album", "episode", "show", "audiobook"] {
        server.save_uris(&uris(kind, 3));
    }
    server.save_uris(&uris("track", 2));
    let library = client.library();
    let albums: Vec<_> = library.saved_albums().try_collect().await.unwrap();
    let album_ids: Vec<_> = albums.iter().map(|a| a.album.id.clone()).collect();
    assert_eq!(
        album_ids,
        [ids(3)[2].clone(), ids(3)[1].clone(), ids(3)[0].clone()]
    );
    let episodes: Vec<_> = library.saved_episodes().try_collect().await.unwrap();
    assert_eq!(episodes.len(), 3);
    assert!(episodes.iter().all(|e| !e.episode.id.is_empty()));
    let shows: Vec<_> = library.saved_shows().try_collect().await.unwrap();
    assert_eq!(shows.len(), 3);
    assert!(shows.iter().all(|s| !s.show.id.is_empty()));
    let audiobooks: Vec<_> = library.saved_audiobooks().try_collect().await.unwrap();
    assert_eq!(audiobooks.len(), 3);
    assert!(
        audiobooks
            .iter()
            .all(|a| a.audiobook.as_ref().is_some_and(|b| !b.id.is_empty()))
    );
    let paths: Vec<_> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "/v1/me/albums",
            "/v1/me/episodes",
            "/v1/me/shows",
            "/v1/me/audiobooks"
        ]
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn deprecated_album_endpoints_chunk_by_20() {
    let (server, client) = common::setup().await;
    let library = client.library();
    let album_ids = ids(25);
    library.save_albums(&album_ids).await.unwrap();
    assert_eq!(server.saved_uris(), uris("album", 25));
    let sent = lists(&server, "ids");
    assert_eq!(sent.iter().map(Vec::len).collect::<Vec<_>>(), [20, 5]);
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.method == "PUT" && r.path == "/v1/me/albums")
    );
    // The body repeats the IDs of the query.
    assert_eq!(requests[1].body, Some(json!({"ids": ids(25)[20..]})));

    server.clear_requests();
    let mut asked = album_ids[18..].to_vec();
    asked.push("0000000000000000000099".into());
    let answers = library.contains_albums(&asked).await.unwrap();
    assert_eq!(answers, [true, true, true, true, true, true, true, false]);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.path == "/v1/me/albums/contains")
    );

    server.clear_requests();
    library.remove_albums(&album_ids[..20]).await.unwrap();
    assert_eq!(server.saved_uris(), uris("album", 25)[20..]);
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("DELETE", "/v1/me/albums")
    );
    assert!(matches!(
        library
            .save_albums(["spotify:track:4uLU6hMCjMI75M1A2tKUQC"])
            .await,
        Err(Error::InvalidId { .. })
    ));
}

#[tokio::test]
#[allow(deprecated)]
async fn deprecated_endpoints_of_every_other_kind_still_work() {
    let (server, client) = common::setup().await;
    let library = client.library();
    let two = ids(2);
    library.save_tracks(&two).await.unwrap();
    library.save_episodes(&two).await.unwrap();
    library.save_shows(&two).await.unwrap();
    library.save_audiobooks(&two).await.unwrap();
    let saved = server.saved_uris();
    for kind in ["track", "episode", "show", "audiobook"] {
        assert!(
            uris(kind, 2).iter().all(|u| saved.contains(u)),
            "{kind}: {saved:?}"
        );
    }
    let requests = server.requests();
    // PUT /me/tracks takes its IDs in the body only.
    assert_eq!(requests[0].path, "/v1/me/tracks");
    assert!(requests[0].query.is_empty());
    assert_eq!(requests[0].body, Some(json!({"ids": two})));
    // /me/audiobooks has no body.
    assert_eq!(requests[3].path, "/v1/me/audiobooks");
    assert_eq!(requests[3].body, None);
    assert_eq!(requests[3].query_param("ids"), Some(&*two.join(",")));

    let probe = [two[0].clone(), "0000000000000000000099".to_string()];
    assert_eq!(
        library.contains_tracks(&probe).await.unwrap(),
        [true, false]
    );
    assert_eq!(
        library.contains_episodes(&probe).await.unwrap(),
        [true, false]
    );
    assert_eq!(library.contains_shows(&probe).await.unwrap(), [true, false]);
    assert_eq!(
        library.contains_audiobooks(&probe).await.unwrap(),
        [true, false]
    );

    server.clear_requests();
    library.remove_tracks(&two[..1]).await.unwrap();
    library.remove_episodes(&two[..1]).await.unwrap();
    library.remove_shows(&two[..1]).await.unwrap();
    library.remove_audiobooks(&two[..1]).await.unwrap();
    let paths: Vec<_> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        paths,
        [
            "DELETE /v1/me/tracks",
            "DELETE /v1/me/episodes",
            "DELETE /v1/me/shows",
            "DELETE /v1/me/audiobooks"
        ]
    );
    for kind in ["track", "episode", "show", "audiobook"] {
        let left = server.saved_uris();
        assert!(
            !left.contains(&uris(kind, 2)[0]) && left.contains(&uris(kind, 2)[1]),
            "{kind}: {left:?}"
        );
    }
}
