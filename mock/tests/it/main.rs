//! Integration tests of the mock server, in one binary to keep link time down.

mod auth;
mod browse;
mod common;
mod faults;
mod library;
mod operations;
mod player;
mod playlists;
