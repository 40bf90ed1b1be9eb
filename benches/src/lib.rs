//! Benchmarks of `spotify-sdk` against what users would use instead, on one local server:
//!
//! - **ours**: the facade (`spotify_sdk::Client`), as a user calls it;
//! - **reqwest**: baseline (a), hand-written minimal `reqwest` + `serde_json` calls decoding
//!   into the same generated types (the floor for any client of these types);
//! - **rspotify**: rspotify 0.16 (async, reqwest, rustls) pointed at the same server;
//! - **generated** (diagnostic): the progenitor client alone, without the facade's transport.
//!
//! [`Env::start`] starts the mock with a playlist of [`items_for_run`] tracks, records every
//! 50-item page of it (each item's track replaced by the real `full_track.json`, see
//! [`Env::start`]), and serves the pages and that track from a [`replay::Replay`] server, so every
//! client reads the same bytes and the server's cost is a lookup. The cases are the criterion
//! benches under `benches/`; `src/bin/memory.rs` measures peak memory; `cargo xtask bench` runs it
//! all and prints one table.

pub mod decode;
pub mod replay;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::{StreamExt, TryStreamExt, stream};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use rspotify::clients::BaseClient;
use rspotify::model::{PlayableItem, PlaylistId, TrackId};
use rspotify::{ClientCredsSpotify, Config, Credentials, Token};
use serde_json::Value;
use spotify_sdk::types::{PagingPlaylistTrackObject, PlaylistTrackObject, TrackObject};
use spotify_sdk_mock::MockServer;

use crate::replay::{Bodies, Replay};

/// The ID of the track the replay server answers with (`full_track.json`).
pub const TRACK_ID: &str = "11dFghVXANMlKmJXsNCbNl";
/// A token the mock accepts without issuing it (and the replay server accepts any bearer token).
pub const TOKEN: &str = "static-bench-token";
/// Items per playlist page (the endpoint's maximum).
pub const PAGE_SIZE: usize = 50;
/// Latency the server adds per page in the paging case.
pub const PAGING_LATENCY: Duration = Duration::from_millis(5);

/// Boxed error for the hand-written baselines.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Whether criterion measures (`cargo bench` passes `--bench`) rather than runs each benchmark once
/// as a smoke test (`cargo test --benches`).
pub fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// Items of the playlist that the paging case iterates: `SPOTIFY_BENCH_ITEMS`, else 10,000 when
/// measuring and 500 in a smoke run.
pub fn items_for_run() -> usize {
    std::env::var("SPOTIFY_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if measuring() { 10_000 } else { 500 })
}

/// A runtime for the clients: what `#[tokio::main]` builds (multi-threaded, one worker per core).
pub fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// The servers: the mock (source of the bodies) and the replay server, on a runtime of their own
/// (one worker thread) so they do not share the clients' runtime.
pub struct Env {
    /// The mock the bodies were recorded from (still running; the integration test checks against
    /// it).
    pub mock: MockServer,
    /// The server the benchmarks call.
    pub replay: Replay,
    /// The recorded bodies.
    pub bodies: Arc<Bodies>,
    /// The playlist's ID (same on both servers).
    pub playlist_id: String,
    /// Its number of items.
    pub items: usize,
    // Last: dropping it stops both servers.
    server_runtime: tokio::runtime::Runtime,
}

impl Env {
    /// Starts the mock with a playlist of `items` tracks, records its pages (with a real track
    /// object in every item, see `record`), and starts the replay server.
    pub fn start(items: usize) -> Env {
        let server_runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("bench-server")
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let (mock, replay, bodies, playlist_id) = server_runtime.block_on(async {
            let mock = MockServer::start().await;
            let playlist_id = mock.add_playlist_with_tracks(items);
            let (replay, listener) = Replay::bind().await.expect("bind 127.0.0.1");
            let bodies = Arc::new(
                record(&mock, &playlist_id, items, replay.base_url())
                    .await
                    .expect("recording the mock's answers"),
            );
            replay.serve(listener, Arc::clone(&bodies));
            (mock, replay, bodies, playlist_id)
        });
        Env {
            mock,
            replay,
            bodies,
            playlist_id,
            items,
            server_runtime,
        }
    }

    /// The clients, all pointed at the replay server.
    pub fn clients(&self) -> Clients {
        Clients::new(self.replay.base_url(), &self.mock.accounts_url())
    }

    /// Runs `f` on the servers' runtime (e.g. to call the mock directly).
    pub fn block_on_server<F: Future>(&self, f: F) -> F::Output {
        self.server_runtime.block_on(f)
    }
}

/// A real Spotify response from `../shared/fixtures/responses/` (beside the checkout; never copied
/// here).
pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures/responses")
        .join(name)
}

/// The track, and every page of the playlist as the mock answers it (links rewritten to
/// `replay_base`) with each item's track replaced by the real `full_track.json` under the mock's
/// name, ID and URI, so that every client decodes the bytes of a track Spotify sent. (The mock's
/// own tracks decode in rspotify too, `tests/rspotify_mock.rs`, but they are made up, not Spotify's
/// bytes.)
async fn record(
    mock: &MockServer,
    playlist_id: &str,
    items: usize,
    replay_base: &str,
) -> Result<Bodies, BoxError> {
    let path = fixture("full_track.json");
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "reading {}: {e} (the benchmarks need ../shared, the recorded responses, beside the \
             checkout)",
            path.display()
        )
    })?;
    let real_track: Value = serde_json::from_slice(&bytes)?;
    let track = Bytes::from(serde_json::to_vec(&real_track)?);
    let http = reqwest::Client::new();
    let mock_base = mock.base_url();
    let pages = stream::iter((0..items.max(1)).step_by(PAGE_SIZE))
        .map(|offset| {
            let url = format!(
                "{mock_base}/playlists/{playlist_id}/items?offset={offset}&limit={PAGE_SIZE}"
            );
            let request = http.get(url).bearer_auth(TOKEN).send();
            async move { Ok::<_, BoxError>(request.await?.error_for_status()?.text().await?) }
        })
        .buffered(8)
        .map_ok(|text| {
            let mut page: Value = serde_json::from_str(&text.replace(&mock_base, replay_base))?;
            for item in page["items"].as_array_mut().into_iter().flatten() {
                let mut track = real_track.clone();
                for field in ["name", "id", "uri", "href"] {
                    track[field] = item["item"][field].clone();
                }
                item["item"] = track.clone();
                item["track"] = track;
            }
            Ok::<_, BoxError>(Bytes::from(serde_json::to_vec(&page)?))
        })
        .and_then(futures::future::ready)
        .try_collect()
        .await?;
    Ok(Bodies {
        track,
        pages,
        page_size: PAGE_SIZE,
    })
}

/// The clients under test, built once per benchmark binary (connection pools warm up in warm-up).
pub struct Clients {
    /// The facade.
    pub ours: spotify_sdk::Client,
    /// Baseline (a).
    pub raw: Raw,
    /// Baseline (a) with the facade's default timeouts (30 s, connect 10 s): what they cost.
    pub raw_timeouts: Raw,
    /// The generated requests, sent with plain reqwest, without the facade (diagnostic).
    pub generated: Generated,
    /// rspotify, with its token set directly (client credentials would work against the mock too).
    pub rspotify: ClientCredsSpotify,
}

impl Clients {
    /// Clients for the Web API at `base_url` (`http://127.0.0.1:PORT/v1`).
    pub fn new(base_url: &str, accounts_url: &str) -> Clients {
        let ours = spotify_sdk::Client::builder()
            .base_url(base_url)
            .accounts_url(accounts_url)
            .access_token(TOKEN)
            .build()
            .expect("a valid client configuration");
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {TOKEN}")).expect("an ASCII token"),
        );
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .expect("a reqwest client");
        let generated = Generated {
            operations: spotify_sdk_generated::Client::new_with_client(base_url, http.clone()),
            http,
        };
        Clients {
            ours,
            raw: Raw::new(base_url),
            raw_timeouts: Raw::with_facade_timeouts(base_url),
            generated,
            rspotify: rspotify_client(base_url, accounts_url),
        }
    }
}

/// The names of the [`Clients`], as the harnesses take and print them. `reqwest_timeouts` is
/// baseline (a) with the facade's default timeouts: reqwest arms a timer for each request that has
/// a total timeout, and on a local server that is a cost of its own.
pub const CLIENT_NAMES: [&str; 5] = [
    "ours",
    "reqwest",
    "rspotify",
    "generated",
    "reqwest_timeouts",
];

impl Clients {
    /// `GET /tracks/{TRACK_ID}` through the client named `name` (one of [`CLIENT_NAMES`]), its
    /// answer passed through `black_box` and dropped. Harness code: a failed call or an unknown
    /// name panics.
    pub async fn one_track(&self, name: &str) {
        match name {
            "ours" => drop(black_box(self.ours.tracks().get(TRACK_ID).await.unwrap())),
            "reqwest" => drop(black_box(self.raw.track(TRACK_ID).await.unwrap())),
            "reqwest_timeouts" => drop(black_box(self.raw_timeouts.track(TRACK_ID).await.unwrap())),
            "rspotify" => drop(black_box(
                rspotify_track(&self.rspotify, TRACK_ID).await.unwrap(),
            )),
            "generated" => drop(black_box(self.generated.track(TRACK_ID).await.unwrap())),
            other => panic!("no client named {other:?}: {CLIENT_NAMES:?}"),
        }
    }
}

/// The generated layer alone: its requests sent with reqwest and decoded with serde_json.
pub struct Generated {
    /// The operations, which build the requests.
    pub operations: spotify_sdk_generated::Client,
    http: reqwest::Client,
}

impl Generated {
    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: spotify_sdk_generated::Request<T>,
    ) -> Result<T, BoxError> {
        let response = self
            .http
            .execute(request.into_http()?)
            .await?
            .error_for_status()?;
        Ok(serde_json::from_slice(&response.bytes().await?)?)
    }

    /// `GET /tracks/{id}`.
    pub async fn track(&self, id: &str) -> Result<TrackObject, BoxError> {
        self.send(self.operations.get_track(id, None)).await
    }

    /// One page of `GET /playlists/{id}/items`.
    pub async fn items_page(
        &self,
        playlist_id: &str,
        offset: usize,
    ) -> Result<PagingPlaylistTrackObject, BoxError> {
        let limit = std::num::NonZeroU64::new(PAGE_SIZE as u64);
        let offset = Some(i64::try_from(offset)?);
        let request =
            self.operations
                .get_playlists_items(playlist_id, None, None, limit, None, offset);
        self.send(request).await
    }
}

/// rspotify 0.16 pointed at `base_url` and `accounts_url` through its `Config`, with a static token
/// valid for an hour (so it never tries to renew it during a run).
pub fn rspotify_client(base_url: &str, accounts_url: &str) -> ClientCredsSpotify {
    let config = Config {
        api_base_url: format!("{base_url}/"),
        auth_base_url: format!("{accounts_url}/"),
        ..Config::default()
    };
    let client = ClientCredsSpotify::with_config(
        Credentials::new("mock-client-id", "mock-client-secret"),
        config,
    );
    let token = Token {
        access_token: TOKEN.to_string(),
        expires_in: chrono::TimeDelta::hours(1),
        expires_at: Some(chrono::Utc::now() + chrono::TimeDelta::hours(1)),
        ..Token::default()
    };
    // rspotify's token mutex is async; nothing else holds it yet, so this does not wait.
    *futures::executor::block_on(client.token.lock()).expect("an unpoisoned token lock") =
        Some(token);
    client
}

/// Baseline (a): the least code that gets a typed answer, one shared `reqwest::Client`.
#[derive(Clone, Debug)]
pub struct Raw {
    http: reqwest::Client,
    base: String,
    auth: HeaderValue,
}

impl Raw {
    /// A plain `reqwest::Client` for `base` with the bench token.
    pub fn new(base: &str) -> Raw {
        Raw::with_client(base, reqwest::Client::new())
    }

    /// [`Raw::new`] with the facade's default timeouts (30 s in all, 10 s to connect): the same
    /// protection against a server that never answers, to compare like with like.
    pub fn with_facade_timeouts(base: &str) -> Raw {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("a reqwest client");
        Raw::with_client(base, http)
    }

    /// The same calls through `http` (e.g. one with timeouts, to compare like with like).
    pub fn with_client(base: &str, http: reqwest::Client) -> Raw {
        Raw {
            http,
            base: base.to_string(),
            auth: HeaderValue::from_str(&format!("Bearer {TOKEN}")).expect("an ASCII token"),
        }
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, url: String) -> Result<T, BoxError> {
        let response = self
            .http
            .get(url)
            .header(AUTHORIZATION, self.auth.clone())
            .send()
            .await?
            .error_for_status()?;
        Ok(serde_json::from_slice(&response.bytes().await?)?)
    }

    /// `GET /tracks/{id}`.
    pub async fn track(&self, id: &str) -> Result<TrackObject, BoxError> {
        self.get(format!("{}/tracks/{id}", self.base)).await
    }

    /// `GET /playlists/{id}/items?offset=..&limit=50`.
    pub async fn items_page(
        &self,
        playlist_id: &str,
        offset: usize,
    ) -> Result<PagingPlaylistTrackObject, BoxError> {
        self.get(format!(
            "{}/playlists/{playlist_id}/items?offset={offset}&limit={PAGE_SIZE}",
            self.base
        ))
        .await
    }

    /// Every item, following `next` one page at a time (`prefetch == 1`) or, once the first page
    /// gave the total, `prefetch` pages at a time in order (`buffered`).
    pub async fn all_items(
        &self,
        playlist_id: &str,
        prefetch: usize,
    ) -> Result<Vec<PlaylistTrackObject>, BoxError> {
        let first = self.items_page(playlist_id, 0).await?;
        let total = usize::try_from(first.total).unwrap_or(0);
        let mut items: Vec<PlaylistTrackObject> = first.items.into_iter().flatten().collect();
        if prefetch <= 1 {
            let mut next = first.next;
            let mut offset = 0;
            while next.is_some() {
                offset += PAGE_SIZE;
                let page = self.items_page(playlist_id, offset).await?;
                next = page.next;
                items.extend(page.items.into_iter().flatten());
            }
            return Ok(items);
        }
        let mut pages = stream::iter((PAGE_SIZE..total).step_by(PAGE_SIZE))
            .map(|offset| self.items_page(playlist_id, offset))
            .buffered(prefetch);
        while let Some(page) = pages.try_next().await? {
            items.extend(page.items.into_iter().flatten());
        }
        Ok(items)
    }
}

/// The playlist's items through rspotify: its own paginator (`prefetch == 1`; it has no concurrent
/// one) or `playlist_items_manual` pages, `prefetch` at a time, as a user would write it.
pub async fn rspotify_all_items(
    client: &ClientCredsSpotify,
    playlist_id: &str,
    prefetch: usize,
) -> Result<Vec<rspotify::model::PlaylistItem>, BoxError> {
    let id = PlaylistId::from_id(playlist_id)?;
    if prefetch <= 1 {
        return Ok(client.playlist_items(id, None, None).try_collect().await?);
    }
    let page = |offset: usize| {
        let id = id.clone();
        async move {
            let offset = u32::try_from(offset)?;
            let limit = u32::try_from(PAGE_SIZE)?;
            Ok::<_, BoxError>(
                client
                    .playlist_items_manual(id, None, None, Some(limit), Some(offset))
                    .await?,
            )
        }
    };
    let first = page(0).await?;
    let total = first.total as usize;
    let mut items = first.items;
    let mut pages = stream::iter((PAGE_SIZE..total).step_by(PAGE_SIZE))
        .map(page)
        .buffered(prefetch);
    while let Some(page) = pages.try_next().await? {
        items.extend(page.items);
    }
    Ok(items)
}

/// `GET /tracks/{id}` through rspotify.
pub async fn rspotify_track(
    client: &ClientCredsSpotify,
    id: &str,
) -> Result<rspotify::model::FullTrack, BoxError> {
    Ok(client.track(TrackId::from_id(id)?, None).await?)
}

/// The name of a playlist item's track.
pub fn item_name(item: &PlaylistTrackObject) -> Option<&str> {
    match &item.item {
        Some(spotify_sdk::types::PlayableItem::Track(track)) => Some(&track.name),
        _ => None,
    }
}

/// The name of an rspotify playlist item's track.
pub fn rspotify_item_name(item: &rspotify::model::PlaylistItem) -> Option<&str> {
    match &item.item {
        Some(PlayableItem::Track(track)) => Some(&track.name),
        _ => None,
    }
}

/// Panics unless `names` are `Track 1`, `Track 2`, ... `Track total`: every item, once, in order.
pub fn assert_in_order<'a>(
    what: &str,
    names: impl IntoIterator<Item = Option<&'a str>>,
    total: usize,
) {
    let mut count = 0;
    for (i, name) in names.into_iter().enumerate() {
        let expected = format!("Track {}", i + 1);
        assert_eq!(
            name,
            Some(expected.as_str()),
            "{what}: item {i} out of order"
        );
        count += 1;
    }
    assert_eq!(count, total, "{what}: wrong number of items");
}

/// Peak resident memory of this process so far (`VmHWM` of `/proc/self/status`), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Current resident memory (`VmRSS`), in KiB.
pub fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
