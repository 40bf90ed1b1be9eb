//! A minimal HTTP/1.1 server on 127.0.0.1 that answers with bodies recorded from the mock.
//!
//! The mock builds every response from its catalog at request time (a 50-item page takes it longer
//! than the client needs to decode it), which would hide the client's own cost behind the server's.
//! This server only looks up a recorded body, so what the benchmarks measure is the clients.
//!
//! Routes (anything else is 404; a request without `Authorization: Bearer ...` is 401):
//! - `GET /v1/tracks/{id}`: the recorded track.
//! - `GET /v1/playlists/{id}/items?offset=N&limit=50`: the recorded page at offset N.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode, header};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// What the server answers with.
#[derive(Debug)]
pub struct Bodies {
    /// `GET /tracks/{id}`.
    pub track: Bytes,
    /// The pages of the playlist, `pages[i]` at offset `i * page_size`.
    pub pages: Vec<Bytes>,
    /// The `limit` the pages were recorded with.
    pub page_size: usize,
}

/// A running replay server. It runs on the runtime it was started on, until that runtime stops.
#[derive(Clone, Debug)]
pub struct Replay {
    base_url: String,
    latency_us: Arc<AtomicU64>,
}

impl Replay {
    /// Binds 127.0.0.1 on a random port (the server answers once [`Replay::serve`] runs).
    pub async fn bind() -> std::io::Result<(Replay, TcpListener)> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let replay = Replay {
            base_url: format!("http://{}/v1", listener.local_addr()?),
            latency_us: Arc::default(),
        };
        Ok((replay, listener))
    }

    /// Serves `bodies` on `listener` in a task of the current runtime.
    pub fn serve(&self, listener: TcpListener, bodies: Arc<Bodies>) {
        let latency = Arc::clone(&self.latency_us);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let (bodies, latency) = (Arc::clone(&bodies), Arc::clone(&latency));
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let (bodies, latency) = (Arc::clone(&bodies), Arc::clone(&latency));
                        async move { Ok::<_, Infallible>(answer(&request, &bodies, &latency).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    }

    /// `http://127.0.0.1:PORT/v1`
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Waits `latency` before every answer (like [`spotify_sdk_mock::MockServer::set_latency`]).
    pub fn set_latency(&self, latency: Duration) {
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.latency_us.store(micros, Ordering::Relaxed);
    }
}

async fn answer(
    request: &Request<Incoming>,
    bodies: &Bodies,
    latency: &AtomicU64,
) -> Response<Full<Bytes>> {
    let latency = latency.load(Ordering::Relaxed);
    if latency > 0 {
        tokio::time::sleep(Duration::from_micros(latency)).await;
    }
    let authorized = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer ") && v.len() > 7);
    if !authorized {
        return error(StatusCode::UNAUTHORIZED, "No token provided");
    }
    let path = request.uri().path();
    let query = request.uri().query().unwrap_or("");
    if path.starts_with("/v1/tracks/") {
        return json(bodies.track.clone());
    }
    if path.starts_with("/v1/playlists/") && path.ends_with("/items") {
        let param = |name: &str| {
            query.split('&').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                (key == name).then(|| value.parse::<usize>().ok()).flatten()
            })
        };
        let offset = param("offset").unwrap_or(0);
        if param("limit") != Some(bodies.page_size) || offset % bodies.page_size != 0 {
            return error(
                StatusCode::BAD_REQUEST,
                "Only recorded pages can be replayed",
            );
        }
        return match bodies.pages.get(offset / bodies.page_size) {
            Some(page) => json(page.clone()),
            None => error(StatusCode::NOT_FOUND, "No such page"),
        };
    }
    error(StatusCode::NOT_FOUND, "Service not found")
}

fn json(body: Bytes) -> Response<Full<Bytes>> {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Full::new(body))
        .expect("a valid response")
}

fn error(status: StatusCode, message: &str) -> Response<Full<Bytes>> {
    let body = serde_json::json!({"error": {"status": status.as_u16(), "message": message}});
    let mut response = json(Bytes::from(body.to_string()));
    *response.status_mut() = status;
    response
}
