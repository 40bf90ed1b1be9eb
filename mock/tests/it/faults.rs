//! Fault injection.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use spotify_sdk_generated::types;
use spotify_sdk_mock::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Fault, MockServer};

use crate::common::env;

#[tokio::test]
async fn status_with_retry_after_for_the_next_n_requests_of_an_operation() {
    let env = env().await;
    env.server.fault(
        Fault::status(429)
            .retry_after(2)
            .times(2)
            .on_operation("get-track"),
    );
    assert_eq!(env.get("/albums/a").await.status, 200);
    for _ in 0..2 {
        let resp = env.get("/tracks/a").await;
        assert_eq!(resp.status, 429);
        assert_eq!(resp.headers["retry-after"], "2");
        assert_eq!(
            resp.json(),
            json!({"error": {"status": 429, "message": "API rate limit exceeded"}})
        );
    }
    assert_eq!(env.get("/tracks/a").await.status, 200);
    assert_eq!(env.server.requests().len(), 4);

    env.server.fault(
        Fault::status(503)
            .body(json!({"error": {"status": 503, "message": "down"}}))
            .on_path("/me"),
    );
    let resp = env.get("/me").await;
    assert_eq!(
        (
            resp.status.as_u16(),
            resp.json()["error"]["message"].clone()
        ),
        (503, json!("down"))
    );
    assert_eq!(
        env.get("/me").await.status,
        503,
        "without times() a fault stays"
    );
    env.server.clear_faults();
    assert_eq!(env.get("/me").await.status, 200);

    env.server.fault(
        Fault::status(500)
            .times(1)
            .on_path("/playlists/{playlist_id}/items"),
    );
    assert_eq!(env.get("/playlists/p/items").await.status, 500);
    assert_eq!(env.get("/playlists/p/items").await.status, 200);
}

#[tokio::test]
async fn status_faults_do_not_change_state() {
    let env = env().await;
    env.server.fault(Fault::status(500).times(1));
    assert_eq!(
        env.put("/me/library?uris=spotify:track:a", None)
            .await
            .status,
        500
    );
    assert!(env.server.saved_uris().is_empty());
}

#[tokio::test]
async fn reset_and_close_drop_the_connection() {
    let env = env().await;
    env.server.fault(Fault::reset().times(1));
    let url = format!("{}/tracks/a", env.server.base_url());
    let err = env
        .http
        .get(&url)
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap_err();
    assert!(!err.is_status(), "{err:?}");
    assert_eq!(env.get("/tracks/a").await.status, 200);

    env.server
        .fault(Fault::close().times(1).on_operation("get-track"));
    assert!(
        env.http
            .get(&url)
            .bearer_auth(&env.token)
            .send()
            .await
            .is_err()
    );
    assert_eq!(env.get("/tracks/a").await.status, 200);
    assert_eq!(env.server.requests().len(), 4);
}

#[tokio::test]
async fn truncated_body_has_full_content_length() {
    let env = env().await;
    env.server
        .fault(Fault::truncated().times(1).on_operation("get-track"));
    let url = format!("{}/tracks/a", env.server.base_url());
    let resp = env
        .http
        .get(&url)
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let length = resp.content_length().unwrap();
    assert!(length > 100);
    assert!(resp.bytes().await.is_err(), "the body is cut short");
    assert_eq!(env.get("/tracks/a").await.json()["id"], "a");
}

#[tokio::test]
async fn body_faults() {
    let env = env().await;
    env.server.fault(Fault::malformed_json().times(1));
    let resp = env.get("/tracks/a").await;
    assert_eq!(resp.status, 200);
    assert!(serde_json::from_slice::<Value>(&resp.bytes).is_err());

    env.server.fault(Fault::unknown_enum().times(1));
    let track = env.get_ok("/tracks/a").await;
    assert_eq!(track["album"]["album_type"], "novel");
    let decoded: types::TrackObject =
        serde_json::from_value(track).expect("unknown enum values decode");
    assert_eq!(
        decoded.album.album_type,
        Some(types::AlbumType::Unknown("novel".into()))
    );

    env.server
        .fault(Fault::replace_field("type", json!("hologram")).times(1));
    assert_eq!(env.get_ok("/tracks/a").await["type"], "hologram");

    env.put("/me/tracks?ids=t1,t2", None).await;
    env.server.fault(Fault::null_items().times(1));
    let page = env.get_ok("/me/tracks").await;
    assert_eq!(page["items"][0], Value::Null);
    assert_eq!(page["items"].as_array().unwrap().len(), 3);

    env.server
        .fault(Fault::custom(502, "text/html", "<html>Bad gateway</html>").times(1));
    let resp = env.get("/tracks/a").await;
    assert_eq!(resp.status, 502);
    assert_eq!(resp.headers["content-type"], "text/html");
    assert_eq!(resp.bytes, b"<html>Bad gateway</html>");
}

#[tokio::test]
async fn delays_and_latency() {
    let env = env().await;
    env.server
        .fault(Fault::delay(Duration::from_millis(80)).times(1));
    let start = Instant::now();
    assert_eq!(env.get("/tracks/a").await.status, 200);
    assert!(start.elapsed() >= Duration::from_millis(80));

    env.server.set_latency(Duration::from_millis(40));
    let start = Instant::now();
    env.get("/tracks/a").await;
    env.get("/tracks/a").await;
    assert!(start.elapsed() >= Duration::from_millis(80));
    env.server.set_latency(Duration::ZERO);

    env.server.fault(
        Fault::status(500)
            .with_delay(Duration::from_millis(30))
            .times(1),
    );
    let start = Instant::now();
    assert_eq!(env.get("/tracks/a").await.status, 500);
    assert!(start.elapsed() >= Duration::from_millis(30));
}

#[tokio::test]
async fn token_endpoint_faults_are_opt_in() {
    let server = MockServer::start().await;
    server.fault(Fault::status(500));
    server.fault(Fault::status(503).times(1).on_token_endpoint());
    let send = || {
        reqwest::Client::new()
            .post(server.token_url())
            .basic_auth(DEFAULT_CLIENT_ID, Some(DEFAULT_CLIENT_SECRET))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
    };
    assert_eq!(send().await.unwrap().status(), 503);
    assert_eq!(
        send().await.unwrap().status(),
        200,
        "API faults leave the token endpoint alone"
    );
    assert_eq!(server.token_requests().len(), 2);
}

#[tokio::test]
async fn server_stops_when_the_last_handle_drops() {
    let server = MockServer::start().await;
    let clone = server.clone();
    let url = format!("{}/tracks/a", server.base_url());
    drop(server);
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(&url)
            .bearer_auth("static-x")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    drop(clone);
    let mut stopped = false;
    for _ in 0..50 {
        let fresh = reqwest::Client::new();
        if fresh
            .get(&url)
            .bearer_auth("static-x")
            .send()
            .await
            .is_err()
        {
            stopped = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(stopped);
}

/// Sends one raw HTTP/1.1 request and reads until EOF or error.
async fn raw_exchange(server: &MockServer, path: &str) -> (Vec<u8>, Option<std::io::ErrorKind>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = server
        .accounts_url()
        .trim_start_matches("http://")
        .to_string();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request =
        format!("GET /v1{path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer static-raw\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) => return (received, None),
            Ok(n) => received.extend_from_slice(&buf[..n]),
            Err(e) => return (received, Some(e.kind())),
        }
    }
}

#[tokio::test]
async fn raw_reset_close_and_truncation() {
    let server = MockServer::start().await;
    server.fault(Fault::reset().times(1));
    let (received, error) = raw_exchange(&server, "/tracks/a").await;
    assert!(received.is_empty());
    assert_eq!(error, Some(std::io::ErrorKind::ConnectionReset));

    server.fault(Fault::close().times(1));
    assert_eq!(raw_exchange(&server, "/tracks/a").await, (Vec::new(), None));

    server.fault(Fault::truncated().times(1));
    let (received, error) = raw_exchange(&server, "/tracks/a").await;
    assert_eq!(error, None);
    let text = String::from_utf8(received).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(|v| v.trim().parse().unwrap())
        })
        .expect("content-length");
    assert!(head.starts_with("HTTP/1.1 200"));
    assert_eq!(body.len(), length / 2);
}
