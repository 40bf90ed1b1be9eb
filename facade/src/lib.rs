//! A Spotify Web API client for Rust.
//!
//! `spotify-sdk` wraps bindings generated from Spotify's OpenAPI spec (the `spotify-sdk-generated`
//! crate) with what a real client needs: authentication ([`auth`]), retries with backoff and
//! `Retry-After`, client-side rate limiting, pagination streams, one [`Error`] type, typed IDs
//! ([`ids`]), and a blocking client (feature `blocking`).
//!
//! ```no_run
//! # async fn run() -> Result<(), spotify_sdk::Error> {
//! use futures::TryStreamExt;
//! use spotify_sdk::Client;
//!
//! let client = Client::from_client_credentials("client-id", "client-secret")?;
//! let track = client.tracks().get("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC").await?;
//! println!("{}", track.name);
//! # Ok(()) }
//! ```
//!
//! Responses are the generated models, re-exported in [`types`] under their spec names
//! (`spotify_sdk::types::TrackObject`, ...).
#![deny(missing_docs)]

pub mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod decode;
mod error;
pub mod ids;
pub mod images;
pub mod paginate;
mod rate_limit;
pub mod resources;
mod retry;
mod transport;

pub use client::{Client, ClientBuilder};

/// The generated layer under the resource groups: every operation of the spec as a method of
/// [`raw::Client`] that builds a [`raw::Request`] (not sends it). Send one with
/// [`Client::call`](crate::Client::call), through the client's auth, retries and rate limits, for an
/// operation or parameter the resource groups do not cover.
pub mod raw {
    pub use spotify_sdk_generated::{Client, Request};
}
pub use error::{ApiError, Endpoint, Error};
pub use paginate::{Page, Paginator};

/// The response and request models, under their OpenAPI schema names (e.g. [`types::TrackObject`]).
pub mod types {
    pub use spotify_sdk_generated::Summary;
    pub use spotify_sdk_generated::types::*;
}

/// Every operation of the spec as data (method, path, page limits), for tooling and tests.
pub use spotify_sdk_generated::operations;

/// The repository README's Rust examples, compiled as doc tests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
