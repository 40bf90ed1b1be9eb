//! The client-credentials flow: app-only access, no user.

use std::fmt;

use oauth2::basic::BasicClient;
use oauth2::{ClientId, ClientSecret, Scope, TokenUrl};
use secrecy::{ExposeSecret, SecretString};

use super::oauth::{OAuthHttp, access_token, sent_forms, token_error};
use super::{AuthContext, AuthProvider, TokenFuture};
use crate::Error;

/// App-only access with a client ID and secret. The token is fetched on first use and renewed
/// shortly before it expires (and once after a 401).
#[derive(Clone)]
pub struct ClientCredentials {
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
}

impl ClientCredentials {
    /// Credentials of your app (from the Spotify developer dashboard).
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            scopes: Vec::new(),
        }
    }

    /// Reads `SPOTIFY_CLIENT_ID` and `SPOTIFY_CLIENT_SECRET`.
    pub fn from_env() -> Result<Self, Error> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| Error::Config(format!("environment variable {name} is not set")))
        };
        Ok(Self::new(
            var("SPOTIFY_CLIENT_ID")?,
            var("SPOTIFY_CLIENT_SECRET")?,
        ))
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.client_id.trim().is_empty() || self.client_secret.expose_secret().trim().is_empty()
        {
            return Err(Error::Config(
                "client credentials need a non-empty client ID and secret".into(),
            ));
        }
        Ok(())
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .finish()
    }
}

impl AuthProvider for ClientCredentials {
    fn fetch_token<'a>(&'a self, ctx: &'a AuthContext) -> TokenFuture<'a> {
        Box::pin(async move {
            let token_url = TokenUrl::new(ctx.token_url())
                .map_err(|e| Error::Config(format!("token URL: {e}")))?;
            let client = BasicClient::new(ClientId::new(self.client_id.clone()))
                .set_client_secret(ClientSecret::new(
                    self.client_secret.expose_secret().to_string(),
                ))
                .set_token_uri(token_url);
            let response = client
                .exchange_client_credentials()
                .add_scopes(self.scopes.iter().cloned().map(Scope::new))
                .request_async(&OAuthHttp(ctx.http()))
                .await
                .map_err(|e| {
                    let secret = self.client_secret.expose_secret();
                    let sent = sent_forms(&[secret], Some((&self.client_id, secret)));
                    token_error(e, &sent)
                })?;
            Ok(access_token(&response))
        })
    }
}
