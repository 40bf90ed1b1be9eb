//! An embedded mock of the Spotify Web API and accounts service, for testing code that talks to
//! Spotify (such as `spotify-sdk`) without the network.
//!
//! [`MockServer::start`] binds `127.0.0.1` on a random port and serves:
//!
//! - the Web API under [`MockServer::base_url`] (`http://127.0.0.1:PORT/v1`): every operation of
//!   the spec, routed through the generated operations table. Each answers with its documented
//!   success status and a realistic body made from the spec's examples; the library, follows,
//!   playlists and playback are stateful. Requests need `Authorization: Bearer TOKEN` with a token
//!   the mock issued (or any token starting with `static-`).
//! - the accounts service under [`MockServer::accounts_url`]: `POST /api/token` (client
//!   credentials, authorization code with PKCE or a client secret, refresh tokens with optional
//!   rotation) and `GET /authorize`, which approves at once and redirects back with a code.
//!
//! Every request is recorded ([`MockServer::requests`], [`MockServer::token_requests`]), and
//! [`Fault`]s inject errors, delays, dropped connections and odd bodies.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use spotify_sdk_mock::{Fault, MockServer};
//!
//! let server = MockServer::start().await;
//! server.fault(Fault::status(429).retry_after(1).times(1).on_operation("get-track"));
//! let token = server.issue_token();
//! // Point the code under test at `server.base_url()` and `server.accounts_url()` ...
//! assert!(server.base_url().starts_with("http://127.0.0.1:"));
//! # let _ = token;
//! # }
//! ```
//!
//! # Behaviour
//!
//! - HTTP/1.1 only, on `127.0.0.1` only.
//! - Errors use Spotify's shapes: `{"error":{"status":N,"message":".."}}` for the Web API (404 for
//!   unknown routes, 405 for a known path with another method, 411 for a `POST` or `PUT` without
//!   `Content-Length` as Spotify's front end answers, 400 for bad parameters such as a `limit`
//!   above the operation's maximum, 401 for missing, unknown or expired tokens) and
//!   `{"error":"..","error_description":".."}` with status 400 for the token endpoint.
//! - Ids starting with `missing` do not exist: single lookups answer 404, multi-gets `null`.
//! - Any other playlist id exists: an unknown one is made up with 4 tracks on first use.
//! - Paged operations without state page over a virtual collection of 4 items (see
//!   [`MockServer::set_collection_size`], which refuses an operation that is not paged);
//!   `next`/`previous`/`href` are absolute URLs of the mock.
//! - Library, follows, playlists and playback are stateful; inspect them with [`MockServer::state`]
//!   and friends. Nothing plays until `PUT /me/player/play` or a transfer.
//! - Client [`DEFAULT_CLIENT_ID`] / [`DEFAULT_CLIENT_SECRET`] is registered; add more with
//!   [`MockServer::add_client`]. Any `redirect_uri` is accepted.
//! - The current user is [`USER_ID`].

#![deny(missing_docs)]

mod api;
mod auth;
mod catalog;
mod faults;
mod images;
mod matcher;
mod paging;
mod record;
mod reply;
mod server;
mod shared;
mod snapshot;
mod state;

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use spotify_sdk_generated::operations::OPERATIONS;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use auth::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
pub use faults::Fault;
pub use record::RecordedRequest;
pub use snapshot::{PlaybackSnapshot, PlaylistSnapshot, StateSnapshot};
pub use state::USER_ID;

use shared::Shared;

/// A running mock server. Cheap to clone; the server stops when the last clone is dropped.
#[derive(Clone)]
pub struct MockServer {
    inner: Arc<Inner>,
}

struct Inner {
    shared: Arc<Shared>,
    /// Dropping it stops the accept loop and open connections.
    _shutdown: watch::Sender<()>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("accounts_url", &self.inner.shared.accounts_url)
            .finish()
    }
}

impl MockServer {
    /// Starts a server on `127.0.0.1` with a random port, in the current Tokio runtime.
    ///
    /// # Panics
    /// If no port can be bound or outside a Tokio runtime; see [`MockServer::try_start`].
    pub async fn start() -> MockServer {
        MockServer::try_start()
            .await
            .expect("bind the mock server to 127.0.0.1:0")
    }

    /// Starts a server on `127.0.0.1` with a random port, in the current Tokio runtime.
    pub async fn try_start() -> io::Result<MockServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(format!("http://{addr}")));
        let router = Router::new()
            .route("/api/token", post(auth::token))
            .route("/authorize", get(auth::authorize))
            .route("/mock-images/{name}", get(images::serve))
            .fallback(api::handle)
            .with_state(shared.clone());
        let (shutdown, rx) = watch::channel(());
        tokio::spawn(server::run(listener, router, rx));
        Ok(MockServer {
            inner: Arc::new(Inner {
                shared,
                _shutdown: shutdown,
            }),
        })
    }

    fn shared(&self) -> &Shared {
        &self.inner.shared
    }

    /// The Web API root: `http://127.0.0.1:PORT/v1`.
    pub fn base_url(&self) -> String {
        self.shared().base_url.clone()
    }

    /// The accounts service root: `http://127.0.0.1:PORT` (token endpoint at `/api/token`,
    /// authorize page at `/authorize`).
    pub fn accounts_url(&self) -> String {
        self.shared().accounts_url.clone()
    }

    /// `http://127.0.0.1:PORT/api/token`
    pub fn token_url(&self) -> String {
        format!("{}/api/token", self.shared().accounts_url)
    }

    /// `http://127.0.0.1:PORT/authorize`
    pub fn authorize_url(&self) -> String {
        format!("{}/authorize", self.shared().accounts_url)
    }

    // --- recorded requests -------------------------------------------------------------------

    /// Every request received outside the accounts service (API requests, also unknown routes and
    /// ones refused with 401), in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared().log.lock().unwrap().api.clone()
    }

    /// The requests to `POST /api/token`, in order.
    pub fn token_requests(&self) -> Vec<RecordedRequest> {
        self.shared().log.lock().unwrap().token.clone()
    }

    /// The requests to `GET /authorize`, in order.
    pub fn authorize_requests(&self) -> Vec<RecordedRequest> {
        self.shared().log.lock().unwrap().authorize.clone()
    }

    /// Forgets all recorded requests (API, token and authorize).
    pub fn clear_requests(&self) {
        *self.shared().log.lock().unwrap() = shared::Log::default();
    }

    // --- faults and timing -------------------------------------------------------------------

    /// Adds a fault; see [`Fault`].
    pub fn fault(&self, fault: Fault) {
        self.shared().faults.lock().unwrap().push(fault);
    }

    /// Removes all faults.
    pub fn clear_faults(&self) {
        self.shared().faults.lock().unwrap().clear();
    }

    /// Adds `latency` before every Web API response (not the accounts service's).
    pub fn set_latency(&self, latency: Duration) {
        *self.shared().latency.lock().unwrap() = latency;
    }

    // --- auth --------------------------------------------------------------------------------

    /// Makes every access token issued so far invalid: the API answers 401 "The access token
    /// expired". Refresh tokens stay valid.
    pub fn expire_tokens(&self) {
        self.shared().auth.lock().unwrap().expire_all();
    }

    /// Issues an access token directly (as if by a token request), valid for the API.
    pub fn issue_token(&self) -> String {
        self.shared().auth.lock().unwrap().issue_access()
    }

    /// Every access and refresh token the mock has issued, e.g. to check that none leaked into
    /// logs.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.shared().auth.lock().unwrap().issued()
    }

    /// The lifetime (`expires_in`) of access tokens issued from now on; default one hour.
    pub fn set_token_lifetime(&self, lifetime: Duration) {
        self.shared().auth.lock().unwrap().expires_in = lifetime;
    }

    /// With rotation on, a refresh answers a new refresh token and the old one stops working (`400
    /// invalid_grant`). Off by default: the refresh token stays valid and none is returned.
    pub fn set_rotate_refresh_tokens(&self, rotate: bool) {
        self.shared().auth.lock().unwrap().rotate_refresh_tokens = rotate;
    }

    /// Makes `GET /authorize` redirect with `error=ERROR` (e.g. `access_denied`) instead of a code.
    pub fn set_authorize_error(&self, error: Option<&str>) {
        self.shared().auth.lock().unwrap().authorize_error = error.map(str::to_string);
    }

    /// Registers another client for the accounts service.
    pub fn add_client(&self, client_id: &str, client_secret: &str) {
        let mut auth = self.shared().auth.lock().unwrap();
        auth.clients
            .insert(client_id.to_string(), client_secret.to_string());
    }

    /// The registered client id, [`DEFAULT_CLIENT_ID`].
    pub fn client_id(&self) -> String {
        DEFAULT_CLIENT_ID.to_string()
    }

    /// The secret of [`MockServer::client_id`], [`DEFAULT_CLIENT_SECRET`].
    pub fn client_secret(&self) -> String {
        DEFAULT_CLIENT_SECRET.to_string()
    }

    // --- state -------------------------------------------------------------------------------

    /// The URIs in the user's library (saved tracks, albums, episodes, shows and audiobooks,
    /// followed artists, users and playlists), oldest first.
    pub fn saved_uris(&self) -> Vec<String> {
        self.shared()
            .state
            .lock()
            .unwrap()
            .library
            .iter()
            .map(|s| s.uri.clone())
            .collect()
    }

    /// Adds URIs (`spotify:track:ID`, ...) to the user's library, as `PUT /me/library` would.
    pub fn save_uris<S: AsRef<str>>(&self, uris: &[S]) {
        let mut state = self.shared().state.lock().unwrap();
        uris.iter().for_each(|u| state.save(u.as_ref()));
    }

    /// Creates a playlist owned by the current user with `n` generated tracks (distinct,
    /// deterministic ids; named `Track 1` ... `Track n`) and returns its id.
    pub fn add_playlist_with_tracks(&self, n: usize) -> String {
        self.shared()
            .state
            .lock()
            .unwrap()
            .add_generated_playlist(n)
    }

    /// The playlist `id` as the mock holds it (`None` if it was never created or used).
    pub fn playlist(&self, id: &str) -> Option<PlaylistSnapshot> {
        self.shared()
            .state
            .lock()
            .unwrap()
            .playlists
            .get(id)
            .map(PlaylistSnapshot::of)
    }

    /// The URIs of playlist `id`'s items, in order.
    pub fn playlist_uris(&self, id: &str) -> Option<Vec<String>> {
        self.playlist(id).map(|p| p.uris)
    }

    /// The playback state, `None` while nothing plays.
    pub fn playback(&self) -> Option<PlaybackSnapshot> {
        PlaybackSnapshot::of(&self.shared().state.lock().unwrap())
    }

    /// A copy of the whole state: library, playlists and playback.
    pub fn state(&self) -> StateSnapshot {
        StateSnapshot::of(&self.shared().state.lock().unwrap())
    }

    /// The size of the virtual collection behind an example-based paged operation (default 4), e.g.
    /// `set_collection_size("get-an-albums-tracks", 120)`; `"search"` sets every search section.
    /// The operation is named by its spec `operationId` (`"get_an_albums_tracks"` works too).
    /// Collections the mock keeps in its state (saved items, playlists) have the size the state
    /// gives them, whatever is set here.
    ///
    /// # Panics
    /// If `operation_id` names no paged operation of the spec: a misspelt id would otherwise be
    /// ignored and the test would run against the default size without noticing. The message names
    /// the id and lists the paged operations.
    pub fn set_collection_size(&self, operation_id: &str, size: usize) {
        let id = operation_id.replace('_', "-");
        let paged: Vec<&str> = OPERATIONS
            .iter()
            .filter(|op| op.page_limit.is_some())
            .map(|op| op.id)
            .collect();
        assert!(
            paged.contains(&id.as_str()),
            "set_collection_size: `{operation_id}` is not a paged operation of the spec; the paged \
             operations are: {}",
            paged.join(", ")
        );
        self.shared()
            .state
            .lock()
            .unwrap()
            .collection_sizes
            .insert(id, size);
    }

    /// Resets library, playlists, playback and collection sizes to the initial state (not tokens,
    /// faults or recorded requests).
    pub fn reset_state(&self) {
        *self.shared().state.lock().unwrap() = state::State::default();
    }
}
