//! Snapshot tests of every public method of `spotify-sdk`'s resource groups against the embedded
//! mock.
//!
//! Each test starts a fresh mock, calls one method and snapshots the exchange (see [`Exchange`]):
//! every request the mock received, as sent (operation, method, path, query, `Content-Type`, JSON
//! body; no `Authorization` header, no token), and the decoded response serialized with
//! `serde_json`. Snapshot names are `<group>__<method>[__<variant>]` so that `coverage` can check
//! that every method and every operation of the spec has one.
//!
//! Determinism: the mock's origin (`http://127.0.0.1:PORT`) becomes `{mock}`; timestamps the mock
//! takes from the clock (`added_at` of items saved during the test, the playback `timestamp`)
//! become `[now]`; everything else the mock answers is derived from the spec's examples and seeded
//! ids. Streams use small collections (one page, or several pages of a small page size, fetched one
//! at a time) so that requests arrive in a fixed order.
//!
//! Update with `INSTA_UPDATE=always cargo test -p spotify-sdk-tests` (or `cargo insta test
//! --review`), then review the diff.
// Deprecated methods are part of the surface and snapshotted like the others.
#![allow(deprecated)]
// Commands answer `()`, snapshotted as `null` like any result: a method that starts returning
// something shows up in the snapshot.
#![allow(clippy::let_unit_value)]

/// Asserts the JSON snapshot `$name` of `$mock`'s exchange: the requests received since the last
/// snapshot (or [`Mock::forget`]) and `$response`, serialized.
macro_rules! snap {
    ($mock:expr, $name:expr, $response:expr $(,)?) => {{
        let mock = &$mock;
        let exchange = $crate::Fixture::exchange(mock, &$response);
        $crate::settings($crate::Fixture::started(mock))
            .bind(|| insta::assert_json_snapshot!($name, exchange));
    }};
}

mod albums;
mod artists;
mod audiobooks;
mod blocking;
mod browse;
mod chapters;
mod coverage;
mod episodes;
mod library;
mod player;
mod playlists;
mod search;
mod shows;
mod tracks;
mod users;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::TryStreamExt;
use serde::Serialize;
use serde_json::Value;
use spotify_sdk::images::DownloadedImage;
use spotify_sdk::paginate::PagingModel;
use spotify_sdk::{Client, ClientBuilder, Error, Paginator};
use spotify_sdk_mock::{MockServer, RecordedRequest};

/// Catalog IDs used across the suite (the spec's own example IDs where it has them).
pub mod ids {
    pub const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";
    pub const ALBUM_2: &str = "382ObEPsp2rxGrnsizN5TX";
    pub const ARTIST: &str = "0TnOYISbd1XYRBk9myaseg";
    pub const ARTIST_2: &str = "57dN52uHvrHOxijzpIgu3E";
    pub const AUDIOBOOK: &str = "7iHfbu1YPACw6oZPAFJtqe";
    pub const AUDIOBOOK_2: &str = "1HGw3J3NxZO1TP1BTtVhpZ";
    pub const CHAPTER: &str = "0D5wENdkdwbqlrHoaJ9g29";
    pub const CHAPTER_2: &str = "0IsXVP0JmcB2adSE338GkK";
    pub const EPISODE: &str = "512ojhOuo1ktJprKbVcKyQ";
    pub const EPISODE_2: &str = "77o6BIVlYM3msb4MMIL1jH";
    pub const PLAYLIST: &str = "3cEYpjA9oz9GiPac4AsH4n";
    pub const SHOW: &str = "38bS44xjbVVZ3No3ByF1dJ";
    pub const SHOW_2: &str = "5CfCWKI5pZ28U0uOzXkDHe";
    pub const TRACK: &str = "4uLU6hMCjMI75M1A2tKUQC";
    pub const TRACK_2: &str = "11dFghVXANMlKmJXsNCbNl";
    pub const USER: &str = "smedjan";
    /// An ID the mock does not know (single gets answer 404, multi-gets `null`).
    pub const MISSING: &str = "missing00000000000000A";
}

/// A fresh mock and an async client for it (static token; fast retries).
pub struct Mock {
    pub server: MockServer,
    pub client: Client,
    started: SystemTime,
}

impl Mock {
    /// A fresh mock whose virtual collections hold [`COLLECTION`] items.
    pub async fn start() -> Mock {
        let started = SystemTime::now();
        let server = MockServer::start().await;
        small_collections(&server);
        let client = builder(&server).build().expect("valid test config");
        Mock {
            server,
            client,
            started,
        }
    }

    /// A fresh mock with something playing: `Track 1` and `Track 2` of a 2-track playlist, on the
    /// mock's first device (set up through the client; those requests are forgotten).
    pub async fn playing() -> Mock {
        let m = Mock::start().await;
        let playlist = m.server.add_playlist_with_tracks(2);
        let play =
            spotify_sdk::resources::player::Play::context(format!("spotify:playlist:{playlist}"));
        m.client.player().play(play).await.expect("playback starts");
        Fixture::forget(&m);
        m
    }
}

/// How many items the mock's example-based collections (album tracks, search sections, ...) hold in
/// this suite: enough to show a list, small enough to read.
pub const COLLECTION: usize = 2;

/// Sets every paged operation's virtual collection to [`COLLECTION`] items (pages embedded in full
/// albums, shows and audiobooks follow the same sizes).
pub fn small_collections(server: &MockServer) {
    for op in spotify_sdk::operations::OPERATIONS
        .iter()
        .filter(|op| op.page_limit.is_some())
    {
        server.set_collection_size(op.id, COLLECTION);
    }
    server.set_collection_size("search", COLLECTION);
}

/// The client configuration of the suite: the mock's URLs, a token it issued, 1 ms backoff.
pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .access_token(server.issue_token())
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(4))
}

/// What the suite needs of a mock fixture (async or blocking).
pub trait Fixture {
    fn server(&self) -> &MockServer;
    fn started(&self) -> SystemTime;

    /// Forgets the requests received so far (setup calls that are not part of the snapshot).
    fn forget(&self) {
        self.server().clear_requests();
    }

    /// The requests received since the last exchange (or [`forget`](Self::forget)), and `response`;
    /// the requests are forgotten.
    fn exchange<T: Serialize + ?Sized>(&self, response: &T) -> Exchange {
        let server = self.server();
        let requests = server.requests();
        server.clear_requests();
        let origin = server.accounts_url();
        let mut response = serde_json::to_value(response).expect("responses serialize");
        rebase(&mut response, &origin);
        Exchange {
            requests: requests.iter().map(|r| Request::of(r, &origin)).collect(),
            response,
        }
    }
}

impl Fixture for Mock {
    fn server(&self) -> &MockServer {
        &self.server
    }
    fn started(&self) -> SystemTime {
        self.started
    }
}

/// One snapshot: the requests a call sent and what it returned.
#[derive(Debug, Serialize)]
pub struct Exchange {
    pub requests: Vec<Request>,
    pub response: Value,
}

impl Exchange {
    /// Sorts the requests by path and query, for calls that send some at once (multi-get
    /// fallbacks).
    pub fn sorted(mut self) -> Self {
        self.requests
            .sort_by(|a, b| (&a.path, &a.query).cmp(&(&b.path, &b.query)));
        self
    }
}

/// One request as sent, without what varies between runs or must never be shown (the
/// `Authorization` header, tokens, the port).
#[derive(Debug, Serialize)]
pub struct Request {
    /// The spec's `operationId` the mock routed the request to.
    pub operation: Option<String>,
    pub method: String,
    pub path: String,
    /// `name=value`, decoded, in the order sent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// JSON as sent (other text as a JSON string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

impl Request {
    fn of(request: &RecordedRequest, origin: &str) -> Request {
        let mut body = request.body.clone();
        if let Some(body) = &mut body {
            rebase(body, origin);
        }
        Request {
            operation: request.operation_id.clone(),
            method: request.method.clone(),
            path: request.path.clone(),
            query: request
                .query
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
            content_type: request.header("content-type").map(str::to_string),
            body,
        }
    }
}

/// Replaces the mock's origin (`http://127.0.0.1:PORT`) by `{mock}` in every string of `value`.
fn rebase(value: &mut Value, origin: &str) {
    match value {
        Value::String(s) if s.contains(origin) => *s = s.replace(origin, "{mock}"),
        Value::Array(items) => items.iter_mut().for_each(|v| rebase(v, origin)),
        Value::Object(map) => map.values_mut().for_each(|v| rebase(v, origin)),
        _ => {}
    }
}

/// The insta settings of every snapshot: timestamps taken from the clock since `started` become
/// `[now]` (timestamps of the mock's fixed data stay).
pub fn settings(started: SystemTime) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    let window = move || {
        let from = unix_seconds(started) - 5;
        let to = unix_seconds(SystemTime::now()) + 5;
        from..=to
    };
    settings.add_dynamic_redaction(".**.added_at", move |value, _| {
        match value.as_str().and_then(parse_rfc3339) {
            Some(t) if window().contains(&t) => "[now]".into(),
            _ => value,
        }
    });
    settings.add_dynamic_redaction(".response.timestamp", move |value, _| {
        match value.as_i64() {
            Some(ms) if window().contains(&(ms / 1000)) => "[now]".into(),
            _ => value,
        }
    });
    settings
}

fn unix_seconds(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SSZ` (the mock's timestamps).
fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let (hh, mm, ss) = (n(11..13)?, n(14..16)?, n(17..19)?);
    // Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// Every item of a stream (panics on an error).
pub async fn all<M: PagingModel>(paginator: Paginator<M>) -> Vec<M::Item> {
    paginator.try_collect().await.expect("the stream succeeds")
}

/// A multi-get's answer as JSON: the item, `null` where unknown, `{"error": ..}` where it failed.
pub fn many<T: Serialize>(results: Vec<Result<Option<T>, Error>>) -> Vec<Value> {
    results
        .into_iter()
        .map(|r| match r {
            Ok(item) => serde_json::to_value(item).expect("serializes"),
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        })
        .collect()
}

/// A downloaded image as JSON: its content type, size and whether it is a JPEG.
pub fn image(image: &DownloadedImage) -> Value {
    serde_json::json!({
        "content_type": image.content_type,
        "bytes": image.bytes.len(),
        "jpeg": image.bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
    })
}

#[test]
fn rfc3339_parses() {
    assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(parse_rfc3339("2026-01-01T00:00:00Z"), Some(1_767_225_600));
    assert_eq!(parse_rfc3339("2024-02-29T12:34:56Z"), Some(1_709_210_096));
    assert_eq!(parse_rfc3339("2024-02-29"), None);
}
