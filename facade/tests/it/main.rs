//! The facade's behaviour tests, one binary: every resource group against the embedded mock, auth,
//! the client core, the blocking client, and the operations table. (The reliability suites are the
//! `reliability` binary.)

mod catalog_support;
mod common;

mod albums;
mod artists;
mod audiobooks;
mod auth;
#[cfg(feature = "blocking")]
mod blocking;
mod browse;
mod chapters;
mod core;
mod covers;
mod episodes;
mod library;
mod operations_doc;
mod player;
mod playlists;
mod search;
mod shows;
mod tracks;
mod users;
