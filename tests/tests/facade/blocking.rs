//! The blocking client runs the async implementation on its own runtime: a handful of its methods
//! (a get, an iterator, search, a change, playback, the library) snapshot to exactly what their
//! async twins send and answer. The mock runs on a background runtime; the tests are plain
//! synchronous code.

use std::time::SystemTime;

use spotify_sdk::blocking;
use spotify_sdk::resources::search::SearchType;
use spotify_sdk_mock::MockServer;

use crate::ids::{ALBUM, EPISODE, TRACK};
use crate::{Fixture, builder, small_collections};

/// A mock served from a background runtime and a blocking client for it.
struct BlockingMock {
    client: blocking::Client,
    server: MockServer,
    started: SystemTime,
    _runtime: tokio::runtime::Runtime,
}

impl BlockingMock {
    fn start() -> BlockingMock {
        let started = SystemTime::now();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime.block_on(MockServer::start());
        small_collections(&server);
        let client = blocking::Client::new(builder(&server).build().unwrap()).unwrap();
        BlockingMock {
            client,
            server,
            started,
            _runtime: runtime,
        }
    }
}

impl Fixture for BlockingMock {
    fn server(&self) -> &MockServer {
        &self.server
    }
    fn started(&self) -> SystemTime {
        self.started
    }
}

/// Same exchange as `tracks::get`.
#[test]
fn tracks_get() {
    let m = BlockingMock::start();
    let url = format!("https://open.spotify.com/track/{TRACK}?si=x");
    let track = m.client.tracks().get(url).unwrap();
    snap!(m, "tracks_get", track);
}

/// Same exchange as `albums::tracks__pages`: the iterator fetches page after page.
#[test]
fn albums_tracks_pages() {
    let m = BlockingMock::start();
    m.server.set_collection_size("get-an-albums-tracks", 3);
    let tracks: Vec<_> = m
        .client
        .albums()
        .tracks(ALBUM)
        .page_size(2)
        .prefetch(1)
        .collect::<Result<_, _>>()
        .unwrap();
    snap!(m, "albums_tracks__pages", tracks);
}

/// Same exchange as `search::send`.
#[test]
fn search_send() {
    let m = BlockingMock::start();
    let found = m
        .client
        .search()
        .query("artist:Miles Davis Doxy")
        .types([SearchType::Track, SearchType::Album])
        .market("US")
        .limit(1)
        .offset(0)
        .send()
        .unwrap();
    snap!(m, "search_send", found);
}

/// Same exchange as `playlists::add_items`.
#[test]
fn playlists_add_items() {
    let m = BlockingMock::start();
    let id = m.server.add_playlist_with_tracks(2);
    let items = [
        format!("https://open.spotify.com/track/{TRACK}"),
        format!("spotify:episode:{EPISODE}"),
    ];
    let snapshot = m.client.playlists().add_items(&id, items).unwrap();
    snap!(m, "playlists_add_items", snapshot);
}

/// Same exchange as `player::state__idle`.
#[test]
fn player_state_idle() {
    let m = BlockingMock::start();
    let state = m.client.player().state().unwrap();
    snap!(m, "player_state__idle", state);
}

/// Same exchange as `library::saved_tracks`.
#[test]
fn library_saved_tracks() {
    let m = BlockingMock::start();
    let saved = [TRACK, crate::ids::TRACK_2].map(|id| format!("spotify:track:{id}"));
    m.server.save_uris(&saved);
    let tracks: Vec<_> = m
        .client
        .library()
        .saved_tracks()
        .collect::<Result<_, _>>()
        .unwrap();
    snap!(m, "library_saved_tracks", tracks);
}
