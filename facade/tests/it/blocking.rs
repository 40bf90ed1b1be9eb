//! The blocking client runs the same implementation: the core behaviours hold through it too. The
//! mock runs on its own runtime thread; the test itself is plain synchronous code.

use spotify_sdk::Error;
use spotify_sdk::blocking;
use spotify_sdk_mock::{Fault, MockServer};

use crate::common;

/// A mock served from a background runtime, so the calling thread has no runtime.
fn mock() -> (MockServer, tokio::runtime::Runtime) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(MockServer::start());
    (server, runtime)
}

fn client(server: &MockServer) -> blocking::Client {
    blocking::Client::new(common::builder(server).build().unwrap()).unwrap()
}

#[test]
fn gets_a_track_and_maps_errors() {
    let (server, _rt) = mock();
    let client = client(&server);
    let track = client
        .tracks()
        .get("spotify:track:4uLU6hMCjMI75M1A2tKUQC")
        .unwrap();
    assert!(!track.name.is_empty());
    let err = client.tracks().get("missing00000000000000A").unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    let err = client.tracks().get("not an id").unwrap_err();
    assert!(matches!(err, Error::InvalidId { .. }), "{err:?}");
}

#[test]
fn retries_and_renews_like_the_async_client() {
    let (server, _rt) = mock();
    let async_client = common::credentials_builder(&server)
        .backoff(
            std::time::Duration::from_millis(1),
            2.0,
            std::time::Duration::from_millis(2),
        )
        .build()
        .unwrap();
    let client = blocking::Client::new(async_client).unwrap();
    server.fault(Fault::status(503).times(2).on_operation("get-track"));
    client.tracks().get("4uLU6hMCjMI75M1A2tKUQC").unwrap();
    server.expire_tokens();
    client.tracks().get("4uLU6hMCjMI75M1A2tKUQC").unwrap();
    assert_eq!(server.token_requests().len(), 2);
    assert_eq!(
        server.requests().len(),
        5,
        "3 for the 503s, 2 for the expired token"
    );
}

#[test]
fn pages_are_an_iterator() {
    let (server, _rt) = mock();
    server.set_collection_size("get-an-albums-tracks", 120);
    let client = client(&server);
    let tracks: Result<Vec<_>, _> = client.albums().tracks("4aawyAB9vmqN3uQ7FjRGTy").collect();
    assert_eq!(tracks.unwrap().len(), 120);
    let first_ten = client
        .albums()
        .tracks("4aawyAB9vmqN3uQ7FjRGTy")
        .max_items(10)
        .count();
    assert_eq!(first_ten, 10);
    let mut bad = client
        .albums()
        .tracks("spotify:track:4uLU6hMCjMI75M1A2tKUQC");
    assert!(matches!(bad.next(), Some(Err(Error::InvalidId { .. }))));
    assert!(bad.next().is_none(), "the iterator ends after an error");
}

#[test]
fn rate_limits_timeouts_and_closing_behave_like_the_async_client() {
    let (server, _rt) = mock();
    let client = blocking::Client::new(
        common::builder(&server)
            .timeout(std::time::Duration::from_millis(200))
            .max_retry_after(std::time::Duration::from_secs(5))
            .build()
            .unwrap(),
    )
    .unwrap();
    // A 429 with a Retry-After within the cap is waited out and retried.
    server.fault(
        Fault::status(429)
            .retry_after(0)
            .times(1)
            .on_operation("get-track"),
    );
    client.tracks().get("4uLU6hMCjMI75M1A2tKUQC").unwrap();
    assert_eq!(server.requests().len(), 2);
    // One beyond the cap fails at once.
    server.fault(
        Fault::status(429)
            .retry_after(3600)
            .times(1)
            .on_operation("get-track"),
    );
    let err = client.tracks().get("4uLU6hMCjMI75M1A2tKUQC").unwrap_err();
    assert_eq!(
        err.retry_after(),
        Some(std::time::Duration::from_secs(3600))
    );
    // A stalled server times out.
    server.fault(Fault::delay(std::time::Duration::from_secs(5)).on_operation("get-an-album"));
    let err = client.albums().get("4aawyAB9vmqN3uQ7FjRGTy").unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    // Closed is closed.
    client.close();
    assert!(matches!(
        client.tracks().get("4uLU6hMCjMI75M1A2tKUQC"),
        Err(Error::Closed)
    ));
}

#[test]
fn downloads_a_cover() {
    let (server, _rt) = mock();
    let client = client(&server);
    let album = client.albums().get("4aawyAB9vmqN3uQ7FjRGTy").unwrap();
    let url = album.images[0].url.clone();
    let image = client.download_image(&url).unwrap();
    assert_eq!(&image.bytes[..3], &[0xFF, 0xD8, 0xFF]);
}

#[test]
fn fails_clearly_inside_an_async_runtime() {
    let (server, rt) = mock();
    let client = client(&server);
    let result = rt.block_on(async move {
        let result = client.tracks().get("4uLU6hMCjMI75M1A2tKUQC");
        drop(client); // dropping it inside async code is harmless too
        result
    });
    let err = result.unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("async runtime"), "{err}");
}

/// One behaviour of the table below, run through both clients.
#[derive(Clone, Copy, Debug)]
enum Call {
    /// `tracks().get` of a track.
    Track,
    /// `tracks().get` of an ID the mock does not know.
    MissingTrack,
    /// A track, the mock expires every token, a track again: one renewal.
    TrackAcrossExpiry,
    /// Every track of an album, through pagination.
    AlbumTracks,
    /// `close()`, then a track.
    Closed,
}

/// What a call came to, comparable across the two clients: `Ok(items)` or the error's variant,
/// with the API and token requests the mock received.
#[derive(Debug, PartialEq)]
struct Outcome {
    result: Result<usize, String>,
    requests: usize,
    token_requests: usize,
}

fn variant(error: &Error) -> String {
    format!("{error:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap()
        .to_string()
}

const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";
const TRACK: &str = "4uLU6hMCjMI75M1A2tKUQC";

fn run_async(
    rt: &tokio::runtime::Runtime,
    client: &spotify_sdk::Client,
    call: Call,
) -> Result<usize, Error> {
    rt.block_on(async {
        match call {
            Call::Track => client.tracks().get(TRACK).await.map(|_| 1),
            Call::MissingTrack => client
                .tracks()
                .get("missing00000000000000A")
                .await
                .map(|_| 1),
            Call::TrackAcrossExpiry | Call::AlbumTracks | Call::Closed => unreachable!(),
        }
    })
}

/// Runs `call` on a fresh mock through the async client (`blocking: false`) or the blocking one.
fn outcome(
    arrange: fn(&MockServer),
    configure: fn(spotify_sdk::ClientBuilder) -> spotify_sdk::ClientBuilder,
    call: Call,
    blocking: bool,
) -> Outcome {
    let (server, rt) = mock();
    arrange(&server);
    let builder = common::credentials_builder(&server).backoff(
        std::time::Duration::from_millis(1),
        2.0,
        std::time::Duration::from_millis(2),
    );
    let client = configure(builder).build().unwrap();
    let result = if blocking {
        let client = blocking::Client::new(client).unwrap();
        match call {
            Call::Track => client.tracks().get(TRACK).map(|_| 1),
            Call::MissingTrack => client.tracks().get("missing00000000000000A").map(|_| 1),
            Call::TrackAcrossExpiry => client.tracks().get(TRACK).and_then(|_| {
                server.expire_tokens();
                client.tracks().get(TRACK).map(|_| 1)
            }),
            Call::AlbumTracks => client
                .albums()
                .tracks(ALBUM)
                .collect::<Result<Vec<_>, _>>()
                .map(|items| items.len()),
            Call::Closed => {
                client.close();
                client.tracks().get(TRACK).map(|_| 1)
            }
        }
    } else {
        match call {
            Call::TrackAcrossExpiry => run_async(&rt, &client, Call::Track).and_then(|_| {
                server.expire_tokens();
                run_async(&rt, &client, Call::Track)
            }),
            Call::AlbumTracks => rt
                .block_on(client.albums().tracks(ALBUM).collect_all())
                .map(|items| items.len()),
            Call::Closed => {
                client.close();
                run_async(&rt, &client, Call::Track)
            }
            call => run_async(&rt, &client, call),
        }
    };
    Outcome {
        result: result.map_err(|e| variant(&e)),
        requests: server.requests().len(),
        token_requests: server.token_requests().len(),
    }
}

/// The behaviour table, over both clients: retries, `Retry-After` and its cap, 401 renewal,
/// timeouts, faults, pagination, close. Each row's outcome is the same through the async and the
/// blocking client, and is the one the row expects.
#[test]
fn the_blocking_client_passes_the_async_behaviour_table() {
    type Row = (
        &'static str,
        fn(&MockServer),
        fn(spotify_sdk::ClientBuilder) -> spotify_sdk::ClientBuilder,
        Call,
        Result<usize, &'static str>,
        usize,
    );
    let unchanged = |b| b;
    let rows: [Row; 10] = [
        ("success", |_| {}, unchanged, Call::Track, Ok(1), 1),
        (
            "503 twice, then success",
            |s| s.fault(Fault::status(503).times(2).on_operation("get-track")),
            unchanged,
            Call::Track,
            Ok(1),
            3,
        ),
        (
            "a reset connection, then success",
            |s| s.fault(Fault::reset().times(1)),
            unchanged,
            Call::Track,
            Ok(1),
            2,
        ),
        (
            "429 within the Retry-After cap waits, then succeeds",
            |s| s.fault(Fault::status(429).retry_after(1).times(1)),
            unchanged,
            Call::Track,
            Ok(1),
            2,
        ),
        (
            "429 beyond the cap fails at once",
            |s| s.fault(Fault::status(429).retry_after(120).times(1)),
            |b| b.max_retry_after(std::time::Duration::from_secs(1)),
            Call::Track,
            Err("RateLimited"),
            1,
        ),
        (
            "a 404 is final",
            |_| {},
            unchanged,
            Call::MissingTrack,
            Err("NotFound"),
            1,
        ),
        (
            "an expired token is renewed once, then the call retried",
            |_| {},
            unchanged,
            Call::TrackAcrossExpiry,
            Ok(1),
            3,
        ),
        (
            "a slow answer times out",
            |s| s.fault(Fault::delay(std::time::Duration::from_secs(3)).times(1)),
            |b| {
                b.timeout(std::time::Duration::from_millis(200))
                    .max_retries(0)
            },
            Call::Track,
            Err("Timeout"),
            1,
        ),
        (
            "pages are followed to the end",
            |s| s.set_collection_size("get-an-albums-tracks", 120),
            unchanged,
            Call::AlbumTracks,
            Ok(120),
            3,
        ),
        (
            "a closed client sends nothing",
            |_| {},
            unchanged,
            Call::Closed,
            Err("Closed"),
            0,
        ),
    ];
    for (name, arrange, configure, call, expected, requests) in rows {
        let through_async = outcome(arrange, configure, call, false);
        let through_blocking = outcome(arrange, configure, call, true);
        assert_eq!(
            through_blocking, through_async,
            "{name}: blocking differs from async"
        );
        assert_eq!(
            through_async.result,
            expected.map_err(str::to_string),
            "{name}"
        );
        assert_eq!(through_async.requests, requests, "{name}: API requests");
    }
}
