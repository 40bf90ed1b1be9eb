//! How the client gets access tokens.
//!
//! - [`StaticToken`]: a token you already have (not renewable: a 401 is [`Error::Authentication`]).
//! - [`ClientCredentials`]: app-only access, fetched lazily and renewed before expiry.
//! - [`AuthorizationCode`]: user access through the authorization-code flow with PKCE (or a client
//!   secret), with refresh, refresh-token rotation, an optional [`TokenCache`] and
//!   [`AuthorizationCode::authorize_local`].
//! - Your own: implement [`AuthProvider`].
//!
//! Whatever the provider, the client asks for a token once for all concurrent requests, renews it
//! shortly before it expires, and after a 401 renews it once (single flight) and retries the
//! request once.

mod authorization_code;
mod cache;
mod client_credentials;
mod local;
mod manager;
mod oauth;

use std::fmt;
use std::time::Duration;

use futures::future::BoxFuture;
use secrecy::{ExposeSecret, SecretString};
use tokio::time::Instant;
use url::Url;

pub use authorization_code::{AuthorizationCode, AuthorizationRequest};
pub use cache::TokenCache;
pub use client_credentials::ClientCredentials;
pub(crate) use manager::{CurrentToken, TokenManager};

use crate::Error;

/// An access token. Its value is redacted in `Debug` and never logged.
#[derive(Clone)]
pub struct AccessToken {
    value: SecretString,
    expires_at: Option<Instant>,
}

impl AccessToken {
    /// A token with no known expiry.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: SecretString::from(value.into()),
            expires_at: None,
        }
    }

    /// A token that expires `expires_in` from now.
    pub fn expiring_in(value: impl Into<String>, expires_in: Duration) -> Self {
        Self {
            expires_at: Instant::now().checked_add(expires_in),
            ..Self::new(value)
        }
    }

    /// The secret value, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        self.value.expose_secret()
    }

    /// When the token stops working, if known.
    pub fn expires_at(&self) -> Option<Instant> {
        self.expires_at
    }

    /// Whether the token expires within `margin` from now.
    pub fn expires_within(&self, margin: Duration) -> bool {
        self.expires_at
            .is_some_and(|at| at <= Instant::now() + margin)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("value", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// What a provider may use to talk to Spotify's accounts service: the client's own HTTP stack (same
/// proxy, timeout, TLS and pool) and the accounts base URL.
#[derive(Clone, Debug)]
pub struct AuthContext {
    http: reqwest::Client,
    accounts_url: Url,
}

impl AuthContext {
    /// A context over `http` for the accounts service at `accounts_url`
    /// (`https://accounts.spotify.com` in production).
    pub fn new(http: reqwest::Client, accounts_url: Url) -> Self {
        Self { http, accounts_url }
    }

    /// The HTTP client.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The accounts service base URL.
    pub fn accounts_url(&self) -> &Url {
        &self.accounts_url
    }

    /// `{accounts}/api/token`.
    pub fn token_url(&self) -> String {
        format!(
            "{}/api/token",
            self.accounts_url.as_str().trim_end_matches('/')
        )
    }

    /// `{accounts}/authorize`.
    pub fn authorize_url(&self) -> String {
        format!(
            "{}/authorize",
            self.accounts_url.as_str().trim_end_matches('/')
        )
    }
}

/// What [`AuthProvider::fetch_token`] returns: a boxed future of the new token (boxed so that the
/// client can hold any provider as `dyn AuthProvider`).
pub type TokenFuture<'a> = BoxFuture<'a, Result<AccessToken, Error>>;

/// A source of access tokens. Implement it to plug in your own (a token service, a secrets
/// manager).
///
/// The client calls [`fetch_token`](AuthProvider::fetch_token) when it has no token, when its token
/// is about to expire, and once after Spotify rejected it with 401 — never concurrently for one
/// client.
pub trait AuthProvider: Send + Sync + 'static {
    /// Gets a new access token.
    fn fetch_token<'a>(&'a self, ctx: &'a AuthContext) -> TokenFuture<'a>;

    /// Whether asking again can give a different token. `false` makes a 401 final.
    fn can_renew(&self) -> bool {
        true
    }
}

/// A fixed access token you obtained elsewhere.
#[derive(Clone, Debug)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// Uses `token` for every request.
    pub fn new(token: impl Into<String>) -> Self {
        Self(AccessToken::new(token))
    }
}

impl AuthProvider for StaticToken {
    fn fetch_token<'a>(&'a self, _: &'a AuthContext) -> TokenFuture<'a> {
        Box::pin(async move { Ok(self.0.clone()) })
    }

    fn can_renew(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let token = AccessToken::new("BQDsecret-value");
        assert!(!format!("{token:?}").contains("BQDsecret"));
        let provider = StaticToken::new("BQDsecret-value");
        assert!(!format!("{provider:?}").contains("BQDsecret"));
        assert_eq!(token.secret(), "BQDsecret-value");
    }

    #[tokio::test(start_paused = true)]
    async fn expiry_margin() {
        let token = AccessToken::expiring_in("t", Duration::from_secs(100));
        assert!(!token.expires_within(Duration::from_secs(60)));
        tokio::time::advance(Duration::from_secs(41)).await;
        assert!(token.expires_within(Duration::from_secs(60)));
        assert!(!AccessToken::new("t").expires_within(Duration::from_secs(3600)));
    }
}
