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
        let var = |name: &str| std::env::var(name).ok();
        Self::from_values(var("SPOTIFY_CLIENT_ID"), var("SPOTIFY_CLIENT_SECRET"))
    }

    /// [`from_env`](Self::from_env) over the variables' values; an empty value is a missing one.
    fn from_values(id: Option<String>, secret: Option<String>) -> Result<Self, Error> {
        let present = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
        match (present(id), present(secret)) {
            (Some(id), Some(secret)) => Ok(Self::new(id, secret)),
            (id, secret) => {
                // Every missing one at once, so that one run tells the whole story.
                let missing: Vec<&str> = [
                    ("SPOTIFY_CLIENT_ID", id.is_none()),
                    ("SPOTIFY_CLIENT_SECRET", secret.is_none()),
                ]
                .into_iter()
                .filter_map(|(name, missing)| missing.then_some(name))
                .collect();
                Err(Error::Config(format!(
                    "set {} (your app's credentials from the Spotify developer dashboard)",
                    missing.join(" and ")
                )))
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_credentials_are_named_all_at_once() {
        let error = |id: Option<&str>, secret: Option<&str>| {
            ClientCredentials::from_values(id.map(Into::into), secret.map(Into::into))
                .unwrap_err()
                .to_string()
        };
        let both = error(None, Some(" "));
        assert!(
            both.contains("set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET"),
            "{both}"
        );
        let secret = error(Some("id"), None);
        assert!(secret.contains("set SPOTIFY_CLIENT_SECRET ("), "{secret}");
        assert!(!secret.contains("SPOTIFY_CLIENT_ID"), "{secret}");
        assert!(ClientCredentials::from_values(Some("id".into()), Some("s".into())).is_ok());
    }
}
