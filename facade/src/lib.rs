//! A Spotify Web API client for Rust.
//!
//! Every operation of Spotify's Web API, generated from its OpenAPI spec, behind a small client
//! that authenticates, retries, rate-limits, paginates and reports one [`Error`] type. The models
//! are plain structs (`track.name` is a `String`), re-exported in [`types`] under their spec names.
//!
//! ```no_run
//! # async fn run() -> Result<(), spotify_sdk::Error> {
//! use spotify_sdk::Client;
//!
//! let client = Client::from_env()?; // SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET
//! let track = client.tracks().get("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC").await?;
//! println!("{} – {} ({} ms)", track.artists[0].name, track.name, track.duration_ms);
//! # Ok(()) }
//! ```
//!
//! The client is cheap to clone and `Send + Sync`: build it once and share it. Its methods are
//! grouped by resource, as in Spotify's reference: [`Client::tracks`], [`Client::playlists`],
//! [`Client::library`], [`Client::player`], [`Client::search`], ... Anything they do not cover is
//! one [`raw`] request away ([`Client::call`]).
//!
//! # Authentication
//!
//! A client has exactly one source of access tokens (none or several is [`Error::Config`] at
//! [`ClientBuilder::build`]):
//!
//! - [`ClientBuilder::client_credentials`] (or [`Client::from_env`]): app-only access, fetched when
//!   first needed and renewed before it expires;
//! - [`ClientBuilder::auth_provider`] with [`auth::AuthorizationCode`]: a user's access with PKCE.
//!   [`auth::AuthorizationCode::authorize_local`] runs the whole flow with a one-shot listener on
//!   `127.0.0.1`; [`auth::TokenCache`] keeps the refresh token across runs (mode `0600`, written
//!   atomically). `cargo run --example authorize` shows it;
//! - [`ClientBuilder::access_token`]: a token you already have (a `401` is then final);
//! - your own [`auth::AuthProvider`].
//!
//! When a token expires under load, one renewal serves every concurrent request, then each retries
//! once. Tokens and secrets are redacted in `Debug`, logs and errors.
//!
//! An app-only token has no country: Spotify then treats shows, episodes, audiobooks and chapters
//! as unavailable. Ask for them in a market, `client.shows().in_market("US").get(id)`
//! ([`Catalog::in_market`](resources::Catalog::in_market)).
//!
//! # Errors, retries and rate limits
//!
//! Every call returns `Result<_, `[`Error`]`>`. Its variants say what happened (`NotFound`,
//! `Forbidden` with whether the endpoint is closed to development-mode apps, `RateLimited`,
//! `Decode` with the JSON path that failed, ...); each carries the status, Spotify's message and
//! the endpoint ([`Error::status`], [`Error::message`], [`Error::endpoint`]).
//!
//! - Connection failures, timeouts, `408`, `429` and `500`/`502`/`503`/`504` are retried up to
//!   [`ClientBuilder::max_retries`] times (default 3) with exponential backoff and full jitter. A
//!   request that is not idempotent (a `POST`) is resent only when it certainly did not arrive.
//! - A `429` waits exactly its `Retry-After` (up to [`ClientBuilder::max_retry_after`], default
//!   60 s; longer fails at once), and every request of the client waits with it.
//! - [`ClientBuilder::rate_limit`] adds a client-side token bucket.
//!
//! ```no_run
//! # async fn run(client: spotify_sdk::Client) {
//! use spotify_sdk::Error;
//!
//! match client.tracks().get("spotify:track:4uLU6hMCjMI75M1A2tKUQC").await {
//!     Ok(track) => println!("{}", track.name),
//!     Err(Error::NotFound(_)) => println!("no such track"),
//!     Err(e) => eprintln!("{e}"), // one line: what failed, where, and Spotify's message
//! }
//! # }
//! ```
//!
//! # Pagination
//!
//! Paged endpoints return a [`Paginator`]: a lazy [`Stream`](futures::Stream) of items, fetching
//! each endpoint's largest page (from the spec) and, once the total is known, a few pages at once
//! while keeping the order. [`Paginator::max_items`] stops early; [`Paginator::collect_all`]
//! gathers everything; [`Paginator::pages`] yields whole [`Page`]s. A `null` item Spotify sends in
//! a page is skipped, and a server that repeats a page ends the stream with an error instead of
//! looping.
//!
//! ```no_run
//! # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
//! use futures::TryStreamExt;
//!
//! let mut entries = client.playlists().items("37i9dQZF1DXcBWIGoYBM5M").max_items(100);
//! while let Some(entry) = entries.try_next().await? {
//!     // A playlist holds tracks and episodes: `summary()` is what both have.
//!     if let Some(item) = entry.item.as_ref().and_then(|item| item.summary()) {
//!         println!("{} – {} ({})", item.by, item.name, item.duration_text());
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # Blocking
//!
//! With the `blocking` feature, `blocking::Client::new(client)` has the same resource groups and
//! methods, returning values instead of futures and iterators instead of streams. It runs the async
//! client on a private runtime (one implementation, not a copy) and fails with a clear error when
//! called from inside an async runtime.
//!
//! # Testing your code
//!
//! The `spotify-sdk-mock` crate is an embedded mock of the Web API and the accounts service on
//! `127.0.0.1`: every operation answers with a realistic body, the library, playlists and playback
//! keep state, and faults (`429`s, dropped connections, odd bodies) can be injected. Point a client
//! at it with [`ClientBuilder::base_url`] and [`ClientBuilder::accounts_url`]:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), spotify_sdk::Error> {
//! use spotify_sdk::Client;
//! use spotify_sdk_mock::{Fault, MockServer};
//!
//! let mock = MockServer::start().await;
//! let client = Client::builder()
//!     .base_url(mock.base_url())
//!     .accounts_url(mock.accounts_url())
//!     .client_credentials(mock.client_id(), mock.client_secret())
//!     .build()?;
//!
//! // The first answer is a 503: the client retries it, and the caller only sees the track.
//! mock.fault(Fault::status(503).times(1).on_operation("get-track"));
//! let track = client.tracks().get("4uLU6hMCjMI75M1A2tKUQC").await?;
//! assert!(!track.name.is_empty());
//! assert_eq!(mock.requests().len(), 2);
//! # Ok(()) }
//! ```
//!
//! # Logging
//!
//! One `tracing` span per request (`spotify.request`: method, path template, status, attempt,
//! elapsed). The library is silent unless you install a subscriber.
#![deny(missing_docs)]
// docs.rs builds with `--cfg docsrs` (Cargo.toml): badges on what a feature enables.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod auth;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod client;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub mod coordination;
mod decode;
mod error;
pub mod ids;
pub mod images;
pub mod paginate;
mod rate_limit;
pub mod resources;
mod retry;
mod tls;
mod transport;
mod words;

pub use client::{Client, ClientBuilder};

/// The generated layer under the resource groups: every operation of the spec as a method of
/// [`raw::Client`] that builds a [`raw::Request`] (not sends it). Send one with
/// [`Client::call`](crate::Client::call), through the client's auth, retries and rate limits, for
/// an operation or parameter the resource groups do not cover.
pub mod raw {
    pub use spotify_sdk_generated::{Client, Request};
}
pub use error::{ApiError, Endpoint, Error};
pub use paginate::{Page, Paginator};

/// The response and request models, under their OpenAPI schema names (e.g. [`types::TrackObject`]).
pub mod types {
    pub use spotify_sdk_models::Summary;
    pub use spotify_sdk_models::types::*;
}

/// Every operation of the spec as data (method, path, page limits), for tooling and tests.
pub use spotify_sdk_generated::operations;

/// The repository README's Rust examples, compiled as doc tests so they cannot rot (with the
/// `redis` feature, which one of them uses; the README's test command enables every feature).
#[cfg(all(doctest, feature = "redis"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The mock's README examples, compiled here where both crates are available.
#[cfg(doctest)]
#[doc = include_str!("../../mock/README.md")]
pub struct MockReadmeDoctests;
