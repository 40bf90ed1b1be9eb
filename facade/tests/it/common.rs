//! Shared setup for the facade's integration tests: a mock Spotify on 127.0.0.1 and a client for
//! it.
#![allow(dead_code)]

use spotify_sdk::Client;
use spotify_sdk_mock::MockServer;

/// A started mock and a client with a static token the mock accepts. Retries are fast (1 ms
/// backoff) so tests never sleep for real for long.
pub async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = builder(&server).build().expect("valid test config");
    (server, client)
}

/// The builder `setup` uses, to adjust before `build()`.
pub fn builder(server: &MockServer) -> spotify_sdk::ClientBuilder {
    Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .access_token(server.issue_token())
        .backoff(
            std::time::Duration::from_millis(1),
            2.0,
            std::time::Duration::from_millis(4),
        )
}

/// A builder whose client gets its own tokens from the mock's accounts service (client
/// credentials), for tests of fetching and renewing them.
pub fn credentials_builder(server: &MockServer) -> spotify_sdk::ClientBuilder {
    Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .client_credentials(server.client_id(), server.client_secret())
}

/// The single API request the mock received (panics if there were several).
pub fn only_request(server: &MockServer) -> spotify_sdk_mock::RecordedRequest {
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
    requests.remove(0)
}
