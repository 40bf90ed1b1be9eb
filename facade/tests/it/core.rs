//! The core client against the mock: retries, Retry-After, 401 renewal, timeouts, broken
//! connections, bad bodies, closing. Requests go through the generated client with `Client::call`,
//! so these tests hold for every resource method.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use spotify_sdk::{Client, Error};
use spotify_sdk_mock::{Fault, MockServer};
use tokio::time::Instant;

const TRACK: &str = "4uLU6hMCjMI75M1A2tKUQC";

async fn get_track(client: &Client) -> Result<spotify_sdk::types::TrackObject, Error> {
    client.tracks().get(TRACK).await
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    let (server, client) = common::setup().await;
    server.fault(Fault::status(503).times(2).on_operation("get-track"));
    let track = get_track(&client).await.unwrap();
    assert!(!track.name.is_empty());
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retries_are_exhausted_with_the_last_error() {
    let (server, client) = common::setup().await;
    server.fault(
        Fault::status(502)
            .body(serde_json::json!({"error": {"status": 502, "message": "Bad gateway"}}))
            .on_operation("get-track"),
    );
    let err = get_track(&client).await.unwrap_err();
    let Error::Server(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 502);
    assert_eq!(api.message.as_deref(), Some("Bad gateway"));
    assert_eq!(api.endpoint.as_ref().unwrap().path, "/tracks/{id}");
    assert_eq!(server.requests().len(), 4, "1 attempt + 3 retries");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn client_errors_are_not_retried_and_carry_spotify_message() {
    let (server, client) = common::setup().await;
    let err = client
        .tracks()
        .get("missing00000000000000A")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert!(err.message().is_some());
    assert_eq!(server.requests().len(), 1);
}

/// Under a paused clock the Retry-After wait costs no real time, and the client's virtual clock
/// shows it waited exactly that long. reqwest's own timeout is off here: with the clock paused,
/// tokio would otherwise jump to that timer whenever the runtime idles on a socket.
#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_to_the_second_by_every_request() {
    let server = MockServer::start().await;
    let client = common::builder(&server)
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    server.fault(
        Fault::status(429)
            .retry_after(7)
            .times(1)
            .on_operation("get-track"),
    );
    let start = Instant::now();
    let first = {
        let client = client.clone();
        tokio::spawn(async move { get_track(&client).await })
    };
    // Let the first request receive its 429, then start another call on the same client.
    while server.requests().is_empty() {
        tokio::task::yield_now().await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let second = client.albums().get("4aawyAB9vmqN3uQ7FjRGTy").await;
    assert!(second.is_ok(), "{second:?}");
    assert!(
        Instant::now() - start >= Duration::from_secs(7),
        "the other call waited for the pending Retry-After"
    );
    first.await.unwrap().unwrap();
    let elapsed = Instant::now() - start;
    assert!(elapsed >= Duration::from_secs(7), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(8), "{elapsed:?}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_fails_at_once() {
    let server = MockServer::start().await;
    let client = common::builder(&server)
        .max_retry_after(Duration::from_secs(5))
        .build()
        .unwrap();
    server.fault(
        Fault::status(429)
            .retry_after(3600)
            .on_operation("get-track"),
    );
    let err = get_track(&client).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert!(matches!(err, Error::RateLimited { .. }));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_post_that_reached_the_server_is_not_resent_on_5xx() {
    let (server, client) = common::setup().await;
    server.fault(Fault::status(500).on_operation("add-to-queue"));
    let err = client
        .call(
            client
                .raw()
                .add_to_queue(None, "spotify:track:4uLU6hMCjMI75M1A2tKUQC"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Server(_)), "{err:?}");
    assert_eq!(server.requests().len(), 1);
    // ...but a 429 is resent (Spotify did nothing).
    server.clear_faults();
    server.clear_requests();
    server.fault(
        Fault::status(429)
            .retry_after(0)
            .times(1)
            .on_operation("add-to-queue"),
    );
    let second = client
        .call(
            client
                .raw()
                .add_to_queue(None, "spotify:track:4uLU6hMCjMI75M1A2tKUQC"),
        )
        .await;
    // The mock has no active device, so the resent request gets Spotify's 404 for that.
    assert!(matches!(second, Err(Error::NotFound(_))), "{second:?}");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_static_token_rejected_with_401_is_an_authentication_error() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .access_token("not-a-token-the-mock-knows")
        .build()
        .unwrap();
    let err = get_track(&client).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Authentication {
                reauthorize: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.status(), Some(401));
    assert_eq!(server.requests().len(), 1, "no retry with the same token");
    assert!(!err.to_string().contains("not-a-token"), "{err}");
}

#[tokio::test]
async fn fifty_callers_with_an_expired_token_cause_one_renewal() {
    let server = MockServer::start().await;
    let client = common::credentials_builder(&server).build().unwrap();
    get_track(&client).await.unwrap();
    assert_eq!(server.token_requests().len(), 1);
    server.expire_tokens();
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { get_track(&client).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(
        server.token_requests().len(),
        2,
        "exactly one renewal for 50 rejected calls"
    );
}

#[tokio::test]
async fn client_credentials_rejected_by_the_token_endpoint() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .client_credentials(server.client_id(), "wrong-secret-value")
        .build()
        .unwrap();
    let err = get_track(&client).await.unwrap_err();
    assert!(matches!(err, Error::Authentication { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("wrong-secret-value"));
    assert!(
        server.requests().is_empty(),
        "no API request without a token"
    );
}

#[tokio::test]
async fn a_stalled_server_times_out() {
    let server = MockServer::start().await;
    let client = common::builder(&server)
        .timeout(Duration::from_millis(200))
        .max_retries(1)
        .build()
        .unwrap();
    server.fault(Fault::delay(Duration::from_secs(5)).on_operation("get-track"));
    let err = get_track(&client).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(err.endpoint().unwrap().operation_id, "get-track");
    assert_eq!(server.requests().len(), 2, "GET is retried after a timeout");
}

#[tokio::test]
async fn a_reset_connection_is_retried_and_then_reported() {
    let (server, client) = common::setup().await;
    server.fault(Fault::reset().times(1).on_operation("get-track"));
    get_track(&client).await.unwrap();
    server.fault(Fault::reset().on_operation("get-track"));
    let err = get_track(&client).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
}

#[tokio::test]
async fn refused_connections_are_connection_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/v1"))
        .access_token("static-token")
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(2))
        .build()
        .unwrap();
    let err = get_track(&client).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
}

#[tokio::test]
async fn malformed_and_truncated_bodies_are_clear_errors() {
    let (server, client) = common::setup().await;
    server.fault(Fault::malformed_json().times(1).on_operation("get-track"));
    let err = get_track(&client).await.unwrap_err();
    let Error::Decode { snippet, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(!snippet.is_empty());
    // A body cut off after the headers is a broken connection: a GET is sent again (and then gets
    // its whole answer)...
    server.clear_requests();
    server.fault(Fault::truncated().times(1).on_operation("get-track"));
    let track = get_track(&client).await.unwrap();
    assert!(!track.name.is_empty());
    assert_eq!(server.requests().len(), 2, "the cut GET was sent again");
    // ...every time it breaks, until the retries run out.
    server.fault(Fault::truncated().on_operation("get-track"));
    let err = get_track(&client).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    // A POST whose answer breaks may have been applied: it is not sent again.
    server.clear_faults();
    server.clear_requests();
    server.fault(Fault::truncated().on_operation("add-to-queue"));
    let err = client
        .player()
        .add_to_queue("spotify:track:4uLU6hMCjMI75M1A2tKUQC")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1, "the cut POST was sent once");
}

#[tokio::test]
async fn an_html_error_page_is_classified_by_status() {
    let (server, client) = common::setup().await;
    server.fault(
        Fault::custom(
            503,
            "application/json",
            "<html><body>Service Unavailable</body></html>",
        )
        .on_operation("get-track"),
    );
    let err = get_track(&client).await.unwrap_err();
    let Error::Server(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 503);
    assert_eq!(api.message, None);
}

#[tokio::test]
async fn an_unknown_enum_value_and_null_items_decode() {
    let (server, client) = common::setup().await;
    server.fault(
        Fault::replace_field("album_type", serde_json::json!("novel")).on_operation("get-an-album"),
    );
    let album = client.albums().get("4aawyAB9vmqN3uQ7FjRGTy").await.unwrap();
    assert_eq!(
        album.album_type,
        spotify_sdk::types::AlbumType::Unknown("novel".into())
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let server = MockServer::start().await;
    let client = common::builder(&server)
        .max_response_bytes(512)
        .build()
        .unwrap();
    let err = get_track(&client).await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 512, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_closed_client_refuses_calls() {
    let (server, client) = common::setup().await;
    let clone = client.clone();
    client.close();
    assert!(matches!(get_track(&clone).await, Err(Error::Closed)));
    assert!(server.requests().is_empty());
}

#[tokio::test(start_paused = true)]
async fn the_rate_limiter_spaces_requests() {
    let server = MockServer::start().await;
    let client = common::builder(&server)
        .http_client(reqwest::Client::new())
        .rate_limit(2.0, 1)
        .build()
        .unwrap();
    let start = Instant::now();
    let client = Arc::new(client);
    for _ in 0..5 {
        get_track(&client).await.unwrap();
    }
    // 1 at once, then one every 0.5 s.
    assert_eq!(Instant::now() - start, Duration::from_secs(2));
}

#[tokio::test]
async fn requests_carry_the_bearer_token_and_user_agent() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .access_token("static-abc")
        .user_agent("my-app/1.0")
        .build()
        .unwrap();
    get_track(&client).await.unwrap();
    let request = common::only_request(&server);
    assert_eq!(request.header("authorization"), Some("<redacted>"));
    assert_eq!(request.header("user-agent"), Some("my-app/1.0"));
}

/// `.proxy(url)` routes API requests through the proxy: a plain-http request reaches the proxy in
/// absolute form. The "proxy" here is a one-shot local server that records the request line and
/// answers itself.
#[tokio::test]
async fn requests_go_through_the_configured_proxy() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let seen = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let n = socket.read(&mut buf).await.unwrap();
        // A whole track (a body without a track's plain fields would be a decode error).
        let mut track: serde_json::Value =
            serde_json::from_str(include_str!("../../../models/tests/fixtures/track.json"))
                .unwrap();
        track["name"] = "Via proxy".into();
        let body = track.to_string();
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await.unwrap();
        String::from_utf8_lossy(&buf[..n])
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    });
    let client = Client::builder()
        .base_url("http://127.0.0.1:9/v1")
        .access_token("static-token")
        .proxy(proxy)
        .max_retries(0)
        .build()
        .unwrap();
    let track = get_track(&client).await.unwrap();
    assert_eq!(track.name, "Via proxy");
    assert_eq!(
        seen.await.unwrap(),
        format!("GET http://127.0.0.1:9/v1/tracks/{TRACK} HTTP/1.1")
    );
}

/// The headers on the wire, by name: only what HTTP needs and Spotify documents (no `api-version`,
/// which the generated layer used to add to every request).
#[tokio::test]
async fn requests_and_token_requests_carry_only_documented_headers() {
    let server = MockServer::start().await;
    let client = common::credentials_builder(&server).build().unwrap();
    let names = |headers: &[(String, String)]| {
        let mut names: Vec<String> = headers.iter().map(|(k, _)| k.to_lowercase()).collect();
        names.sort();
        names
    };
    client.tracks().get("4uLU6hMCjMI75M1A2tKUQC").await.unwrap();
    client
        .library()
        .save(["spotify:track:4uLU6hMCjMI75M1A2tKUQC"])
        .await
        .unwrap();
    client
        .playlists()
        .add_items("3cEYpjA9oz9GiPac4AsH4n", ["4uLU6hMCjMI75M1A2tKUQC"])
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(
        names(&requests[0].headers),
        ["accept", "authorization", "host", "user-agent"],
        "GET"
    );
    // A body-less PUT says so with its length (Spotify answers 411 without one); a JSON body says
    // what it is.
    assert_eq!(
        names(&requests[1].headers),
        [
            "accept",
            "authorization",
            "content-length",
            "host",
            "user-agent"
        ],
        "PUT without a body"
    );
    assert_eq!(
        names(&requests[2].headers),
        [
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "user-agent"
        ],
        "POST with a body"
    );
    let token = server.token_requests();
    assert_eq!(
        names(&token[0].headers),
        [
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "user-agent"
        ],
        "token request (client ID and secret in Basic authorization, the grant in a form)"
    );
}
