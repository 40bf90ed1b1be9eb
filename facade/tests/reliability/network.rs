//! Network faults and write safety: whatever the connection does, every call ends — in time — with
//! the expected outcome, memory stays bounded, and a write that may have reached the server is
//! never sent twice.
//!
//! Faults come from a raw TCP server the test scripts byte by byte (see `reliability_support`),
//! writes go to the mock, whose state shows what was applied. Every call is wrapped in a timeout.

use crate::reliability_support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reliability_support::*;
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::{Fault, MockServer};

// --- memory accounting
// -------------------------------------------------------------------------------

/// Counts the bytes this test process holds, and the peak since the last reset.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `fut` and returns its output and the peak heap growth while it ran. The tests measuring
/// memory take `MEMORY` so that they do not overlap; the other tests of this file allocate little.
async fn peak_growth<T>(fut: impl Future<Output = T>) -> (T, usize) {
    let baseline = CURRENT.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let out = fut.await;
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(baseline))
}

static MEMORY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const MB: u64 = 1024 * 1024;

// --- the fault table
// ---------------------------------------------------------------------------------

fn track_json() -> Vec<u8> {
    whole_track().to_string().into_bytes()
}

struct Case {
    name: &'static str,
    steps: Vec<Step>,
    /// The `Error` variant (or `"Ok"`).
    expect: &'static str,
    /// Attempts the server sees (the client has one retry).
    attempts: usize,
}

/// Faults on one GET, each answered the same way on every attempt. A failure before the response
/// head is retried (GET is idempotent); one while reading the body is reported as is (the head
/// already arrived; the caller can retry: every such error `is_retryable()`).
fn cases() -> Vec<Case> {
    let body = track_json();
    let len = body.len() as u64;
    let json = Some("application/json");
    let html = b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
    vec![
        Case {
            name: "reset before the response head",
            steps: vec![Step::Reset],
            expect: "Connection",
            attempts: 2,
        },
        Case {
            name: "closed (FIN) before the response head",
            steps: vec![],
            expect: "Connection",
            attempts: 2,
        },
        Case {
            name: "reset in the middle of the body",
            steps: vec![
                Step::Write(head(200, json, Some(len))),
                Step::Write(body[..10].to_vec()),
                Step::Reset,
            ],
            expect: "Connection",
            // A GET's body that breaks is read again: the request is sent twice.
            attempts: 2,
        },
        Case {
            name: "truncated body with a correct Content-Length, then FIN",
            steps: vec![
                Step::Write(head(200, json, Some(len))),
                Step::Write(body[..len as usize / 2].to_vec()),
            ],
            expect: "Connection",
            // A GET's body that breaks is read again: the request is sent twice.
            attempts: 2,
        },
        Case {
            name: "stalls after the response head",
            steps: vec![
                Step::Write(head(200, json, Some(len))),
                Step::Sleep(Duration::from_secs(30)),
            ],
            expect: "Timeout",
            // A GET's body that breaks is read again: the request is sent twice.
            attempts: 2,
        },
        Case {
            name: "stalls before the response head",
            steps: vec![Step::Sleep(Duration::from_secs(30))],
            expect: "Timeout",
            attempts: 2,
        },
        Case {
            name: "drips the body one byte at a time, past the timeout",
            steps: std::iter::once(Step::Write(head(200, json, Some(len))))
                .chain(body.iter().flat_map(|b| {
                    [
                        Step::Write(vec![*b]),
                        Step::Sleep(Duration::from_millis(40)),
                    ]
                }))
                .collect(),
            expect: "Timeout",
            // A GET's body that breaks is read again: the request is sent twice.
            attempts: 2,
        },
        Case {
            name: "invalid UTF-8 in a JSON body",
            steps: vec![Step::Write(response(
                200,
                json,
                b"{\"name\":\"\xff\xfe\xc3\x28\"}",
            ))],
            expect: "Decode",
            attempts: 1,
        },
        Case {
            name: "an HTML page with a JSON content type, status 200",
            steps: vec![Step::Write(response(200, json, html))],
            expect: "Decode",
            attempts: 1,
        },
        Case {
            name: "an HTML page with a JSON content type, status 502",
            steps: vec![Step::Write(response(502, json, html))],
            expect: "Server",
            attempts: 2,
        },
        Case {
            name: "an HTML page with a JSON content type, status 404",
            steps: vec![Step::Write(response(404, json, html))],
            expect: "NotFound",
            attempts: 1,
        },
        Case {
            name: "a status line that is not HTTP",
            steps: vec![Step::Write(b"SPOTIFY 200 OK\r\n\r\n{}".to_vec())],
            expect: "Connection",
            attempts: 2,
        },
        Case {
            name: "a status that is not a number",
            steps: vec![Step::Write(
                b"HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\n{}".to_vec(),
            )],
            expect: "Connection",
            attempts: 2,
        },
        Case {
            name: "two different Content-Lengths",
            steps: vec![Step::Write(
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}".to_vec(),
            )],
            expect: "Connection",
            attempts: 2,
        },
        Case {
            name: "a 1 MiB response head (hyper allows ~400 KB)",
            steps: vec![Step::Write(
                [
                    b"HTTP/1.1 200 OK\r\nX-Padding: ".to_vec(),
                    vec![b'a'; 1024 * 1024],
                    b"\r\nContent-Length: 2\r\n\r\n{}".to_vec(),
                ]
                .concat(),
            )],
            expect: "Connection",
            attempts: 2,
        },
        Case {
            name: "a broken chunked encoding",
            steps: vec![Step::Write(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
                    .to_vec(),
            )],
            expect: "Connection",
            // A GET's body that breaks is read again: the request is sent twice.
            attempts: 2,
        },
        Case {
            name: "a body without Content-Length, ended by FIN",
            steps: vec![
                Step::Write(head(200, json, None)),
                Step::Write(body.clone()),
            ],
            expect: "Ok",
            attempts: 1,
        },
        Case {
            name: "more body bytes than Content-Length",
            steps: vec![
                Step::Write(head(200, json, Some(len))),
                Step::Write(body.clone()),
                Step::Write(b"garbage".to_vec()),
            ],
            expect: "Ok",
            attempts: 1,
        },
        Case {
            name: "an empty 200",
            steps: vec![Step::Write(response(200, json, b""))],
            expect: "Decode",
            attempts: 1,
        },
        Case {
            name: "a JSON body nested 100000 levels deep",
            steps: vec![Step::Write(response(200, json, &[b'['; 100_000]))],
            expect: "Decode",
            attempts: 1,
        },
    ]
}

#[tokio::test]
async fn every_network_fault_ends_in_its_expected_error_in_time() {
    capture();
    // Its 1 MiB response head would show in the memory measurements.
    let _serial = MEMORY.lock().await;
    let mut texts = Vec::new();
    let total = cases().len();
    for case in cases() {
        let server = RawServer::fixed(case.steps).await;
        let client = server
            .builder()
            .timeout(Duration::from_millis(400))
            .build()
            .unwrap();
        let started = Instant::now();
        let result = bounded(Duration::from_secs(5), case.name, get_track(&client)).await;
        let elapsed = started.elapsed();
        assert_eq!(variant(&result), case.expect, "{}: {result:?}", case.name);
        assert_eq!(
            server.requests().len(),
            case.attempts,
            "{}: attempts",
            case.name
        );
        if let Err(error) = &result {
            assert!(
                error.is_retryable() == matches!(case.expect, "Connection" | "Timeout" | "Server"),
                "{}: {error:?}",
                case.name
            );
            assert_eq!(
                error.endpoint().map(|e| e.operation_id),
                Some("get-track"),
                "{}",
                case.name
            );
            texts.extend(error_texts(error));
        }
        // Each attempt is bounded by the 400 ms timeout (plus generous scheduling slack).
        assert!(
            elapsed < Duration::from_secs(3),
            "{}: took {elapsed:?}",
            case.name
        );
    }
    assert_no_leak(&[RAW_TOKEN.to_string()], &texts);
    println!("network faults: {total} kinds survived");
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported_quickly() {
    capture();
    // A socket bound but not listening: connections to it are refused, and nobody else can take the
    // port.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let port = socket.local_addr().unwrap().port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/v1"))
        .access_token(RAW_TOKEN)
        .max_retries(3)
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(4))
        .build()
        .unwrap();
    let result = bounded(Duration::from_secs(5), "refused", get_track(&client)).await;
    let error = result.unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
    assert!(error.is_retryable());
    drop(socket);
}

/// Every attempt is slow (a 503 after 150 ms, then the answer after 150 ms): the retry still
/// happens and the call succeeds; and an attempt that stalls past the timeout is followed by one
/// that answers.
#[tokio::test]
async fn slow_responses_across_retries() {
    capture();
    let server = RawServer::start(|_, index| {
        let answer = if index == 0 {
            response(503, Some("application/json"), &error_body(503))
        } else {
            response(200, Some("application/json"), &track_json())
        };
        vec![Step::Sleep(Duration::from_millis(150)), Step::Write(answer)]
    })
    .await;
    let client = server
        .builder()
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let track = bounded(Duration::from_secs(5), "slow", get_track(&client))
        .await
        .unwrap();
    assert_eq!(track.id.as_deref(), Some(TRACK));
    assert_eq!(server.requests().len(), 2);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let server = RawServer::start(|_, index| {
        let stall = if index == 0 { 10_000 } else { 50 };
        vec![
            Step::Sleep(Duration::from_millis(stall)),
            Step::Write(response(200, Some("application/json"), &track_json())),
        ]
    })
    .await;
    let client = server
        .builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    bounded(
        Duration::from_secs(5),
        "stall then answer",
        get_track(&client),
    )
    .await
    .unwrap();
    assert_eq!(server.requests().len(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

// --- large bodies
// ------------------------------------------------------------------------------------

/// The start and end of [`big_track`]: a whole track, with the unknown field left open between
/// them.
fn big_track_ends() -> (Vec<u8>, Vec<u8>) {
    let track = whole_track().to_string();
    let prefix = format!(r#"{},"padding":""#, &track[..track.len() - 1]).into_bytes();
    (prefix, br#""}"#.to_vec())
}

/// A JSON track of exactly `total` bytes: the bulk is an unknown field, streamed 64 KiB at a time.
fn big_track(total: u64, content_length: bool) -> Vec<Step> {
    let (prefix, suffix) = big_track_ends();
    let filler = total - prefix.len() as u64 - suffix.len() as u64;
    vec![
        Step::Write(head(
            200,
            Some("application/json"),
            content_length.then_some(total),
        )),
        Step::Write(prefix),
        Step::Stream {
            chunk: vec![b'a'; 64 * 1024],
            total: filler,
        },
        Step::Write(suffix),
    ]
}

#[tokio::test]
async fn a_50_mb_body_below_the_limit_decodes_with_memory_bounded_by_its_size() {
    capture();
    let _serial = MEMORY.lock().await;
    let size = 50 * MB;
    let server = RawServer::fixed(big_track(size, true)).await;
    // The default limit (64 MiB).
    let client = server
        .builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let (result, peak) = peak_growth(bounded(
        Duration::from_secs(60),
        "50 MB",
        get_track(&client),
    ))
    .await;
    let track = result.unwrap();
    assert_eq!(track.id.as_deref(), Some(TRACK));
    let (prefix, suffix) = big_track_ends();
    assert_eq!(
        server.streamed.load(Ordering::Relaxed),
        size - prefix.len() as u64 - suffix.len() as u64,
        "all of the filler was sent"
    );
    println!(
        "50 MB body below the limit: peak heap growth {} MB",
        peak as u64 / MB
    );
    // The body is buffered once to decode it (and briefly copied): never more than a few times its
    // size.
    assert!(
        peak as u64 <= 3 * size,
        "peak heap growth {peak} bytes for a {size}-byte body"
    );
}

#[tokio::test]
async fn a_50_mb_body_above_the_limit_is_refused_without_reading_it() {
    capture();
    let _serial = MEMORY.lock().await;
    let limit = 8 * MB;
    let size = 50 * MB;
    for content_length in [true, false] {
        let server = RawServer::fixed(big_track(size, content_length)).await;
        let client = server
            .builder()
            .timeout(Duration::from_secs(60))
            .max_response_bytes(limit)
            .build()
            .unwrap();
        let (result, peak) = peak_growth(bounded(
            Duration::from_secs(30),
            "50 MB over the limit",
            get_track(&client),
        ))
        .await;
        let error = result.unwrap_err();
        assert!(
            matches!(error, Error::ResponseTooLarge { limit: l, .. } if l == limit),
            "{error:?}"
        );
        assert!(!error.is_retryable());
        assert_eq!(server.requests().len(), 1, "not retried");
        let streamed = server.streamed.load(Ordering::Relaxed);
        println!(
            "50 MB body above an 8 MiB limit (Content-Length: {content_length}): peak heap growth {} MB, server got {} MB out",
            peak as u64 / MB,
            streamed / MB
        );
        if content_length {
            // Refused from the head: the body is never read.
            assert!(peak as u64 <= 2 * MB, "peak heap growth {peak}");
        } else {
            // Read up to the limit, then refused.
            assert!(peak as u64 <= 3 * limit, "peak heap growth {peak}");
        }
        assert!(
            streamed < size,
            "the client stopped reading: {streamed} of {size}"
        );
    }
}

// --- writes
// ------------------------------------------------------------------------------------------

const NEW_TRACK: &str = "spotify:track:7ouMYWpwJ422jRcDASZB7P";

async fn add_item(client: &Client, playlist: &str) -> Result<(), Error> {
    client
        .call(client.raw().add_items_to_playlist(
            playlist,
            None,
            Some(NEW_TRACK),
            &Default::default(),
        ))
        .await
        .map(drop)
}

fn mock_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .access_token(server.issue_token())
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(2))
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

fn count(uris: &[String], uri: &str) -> usize {
    uris.iter().filter(|u| *u == uri).count()
}

/// A POST that reached the server and then lost its connection (reset, closed, no answer in time)
/// may have been applied: it is sent exactly once and the caller gets the error.
#[tokio::test]
async fn a_post_that_reached_the_server_is_never_resent() {
    capture();
    let server = MockServer::start().await;
    let client = mock_client(&server);
    let playlist = server.add_playlist_with_tracks(2);
    for (name, fault, expect) in [
        ("reset", Fault::reset(), "Connection"),
        ("closed", Fault::close(), "Connection"),
        (
            "no answer in time",
            Fault::delay(Duration::from_secs(2)),
            "Timeout",
        ),
    ] {
        server.clear_requests();
        server.clear_faults();
        server.fault(fault.on_operation("add-items-to-playlist"));
        let result = bounded(Duration::from_secs(5), name, add_item(&client, &playlist)).await;
        assert_eq!(variant(&result), expect, "{name}: {result:?}");
        assert_eq!(server.requests().len(), 1, "{name}: the POST was sent once");

        server.clear_requests();
        let result = bounded(
            Duration::from_secs(5),
            name,
            client.call(client.raw().add_to_queue(None, NEW_TRACK)),
        )
        .await;
        assert!(result.is_err(), "{name}: {result:?}");
        assert_eq!(
            server.requests().len(),
            1,
            "{name}: add-to-queue was sent once"
        );
    }
    // The mock applies a delayed request after the client gave up: applied once, not twice.
    tokio::time::sleep(Duration::from_millis(2200)).await;
    server.clear_faults();
    assert!(count(&server.playlist_uris(&playlist).unwrap(), NEW_TRACK) <= 1);

    // Its response cut short after the server applied it: once.
    server.fault(Fault::truncated().on_operation("add-items-to-playlist"));
    server.clear_requests();
    let before = count(&server.playlist_uris(&playlist).unwrap(), NEW_TRACK);
    let result = bounded(
        Duration::from_secs(5),
        "truncated",
        add_item(&client, &playlist),
    )
    .await;
    assert!(
        matches!(result, Err(Error::Connection { .. } | Error::Decode { .. })),
        "{result:?}"
    );
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        count(&server.playlist_uris(&playlist).unwrap(), NEW_TRACK),
        before + 1
    );
    assert_no_leak(&server.issued_tokens(), &[]);
}

/// Resolves every name to 127.0.0.2 the first time (nothing listens there: the connection is
/// refused) and to 127.0.0.1 afterwards.
struct RefuseFirst(AtomicUsize);

impl reqwest::dns::Resolve for RefuseFirst {
    fn resolve(&self, _: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let first = self.0.fetch_add(1, Ordering::SeqCst) == 0;
        let ip = if first {
            Ipv4Addr::new(127, 0, 0, 2)
        } else {
            Ipv4Addr::LOCALHOST
        };
        // Port 0: the URL's port is used.
        let addrs: reqwest::dns::Addrs =
            Box::new(std::iter::once(SocketAddr::new(IpAddr::V4(ip), 0)));
        Box::pin(async move { Ok(addrs) })
    }
}

/// "Refused at connect" is what reqwest reports as `is_connect()`: the TCP connection was never
/// established (refused, connect timeout, name not resolved), so the request certainly did not
/// reach the server, and even a POST is resent. A server that accepts the connection and closes it
/// without reading is not that: the request bytes may have been delivered, so a POST is not resent
/// (a GET is).
#[tokio::test]
async fn a_post_refused_at_connect_is_resent() {
    capture();
    let server = MockServer::start().await;
    let playlist = server.add_playlist_with_tracks(2);
    let port = server
        .base_url()
        .rsplit(':')
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let resolver = Arc::new(RefuseFirst(AtomicUsize::new(0)));
    let http = reqwest::Client::builder()
        .dns_resolver(resolver.clone())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let client = Client::builder()
        .base_url(format!("http://localhost:{port}/v1"))
        .access_token(server.issue_token())
        .http_client(http)
        .max_retries(1)
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(2))
        .build()
        .unwrap();
    bounded(
        Duration::from_secs(5),
        "refused then accepted",
        add_item(&client, &playlist),
    )
    .await
    .unwrap();
    assert_eq!(
        resolver.0.load(Ordering::SeqCst),
        2,
        "two connection attempts"
    );
    assert_eq!(server.requests().len(), 1, "one POST arrived");
    assert_eq!(
        count(&server.playlist_uris(&playlist).unwrap(), NEW_TRACK),
        1
    );
    assert_no_leak(&server.issued_tokens(), &[]);
}

#[tokio::test]
async fn a_connection_closed_before_reading_is_not_a_connect_failure() {
    capture();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let task = {
        let accepted = accepted.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accepted.fetch_add(1, Ordering::SeqCst);
                drop(stream);
            }
        })
    };
    let client = Client::builder()
        .base_url(format!("http://{addr}/v1"))
        .access_token(RAW_TOKEN)
        .max_retries(1)
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(2))
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let post = bounded(
        Duration::from_secs(5),
        "post",
        add_item(&client, "37i9dQZF1DXcBWIGoYBM5M"),
    )
    .await;
    assert!(matches!(post, Err(Error::Connection { .. })), "{post:?}");
    assert_eq!(
        accepted.swap(0, Ordering::SeqCst),
        1,
        "the POST is not resent"
    );
    let get = bounded(Duration::from_secs(5), "get", get_track(&client)).await;
    assert!(matches!(get, Err(Error::Connection { .. })), "{get:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 2, "the GET is resent");
    task.abort();
}

/// Reordering playlist items is a PUT, but not idempotent: "move the first item to the end" applied
/// twice moves two items. So it is treated like a POST: never resent once it may have arrived.
#[tokio::test]
async fn a_reorder_that_reached_the_server_is_never_resent() {
    capture();
    let server = MockServer::start().await;
    let client = mock_client(&server);
    let playlist = server.add_playlist_with_tracks(3);
    let original = server.playlist_uris(&playlist).unwrap();
    let reorder = || {
        let body = spotify_sdk::types::ReorderPlaylistItemsBody {
            range_start: Some(0),
            insert_before: Some(3),
            ..Default::default()
        };
        client.call(
            client
                .raw()
                .reorder_or_replace_playlists_items(&playlist, None, &body),
        )
    };
    for (name, fault) in [
        ("reset", Fault::reset()),
        ("closed", Fault::close()),
        (
            "no answer in time",
            Fault::delay(Duration::from_millis(800)),
        ),
    ] {
        server.clear_requests();
        server.clear_faults();
        server.fault(fault.on_operation("reorder-or-replace-playlists-items"));
        let result = bounded(Duration::from_secs(5), name, reorder()).await;
        assert!(result.is_err(), "{name}: {result:?}");
        assert_eq!(
            server.requests().len(),
            1,
            "{name}: the reorder was sent once"
        );
    }
    // The delayed one was applied by the mock after the client gave up: the first item moved once.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let now = server.playlist_uris(&playlist).unwrap();
    assert!(
        now == original || now == [&original[1..], &original[..1]].concat(),
        "{now:?}"
    );

    // A replace through the same operation is not resent either (one operation, one rule), while
    // the idempotent PUTs are: saving to the library after a reset.
    server.clear_faults();
    server.clear_requests();
    server.fault(Fault::reset().times(1).on_operation("save-tracks-user"));
    let saved = bounded(
        Duration::from_secs(5),
        "save",
        client.call(
            client
                .raw()
                .save_tracks_user(&spotify_sdk::types::SaveTracksUserBody {
                    ids: vec!["7ouMYWpwJ422jRcDASZB7P".into()],
                    timestamped_ids: Vec::new(),
                }),
        ),
    )
    .await;
    assert!(saved.is_ok(), "{saved:?}");
    assert_eq!(server.requests().len(), 2, "an idempotent PUT is resent");
    assert_no_leak(&server.issued_tokens(), &[]);
}
