//! The authorization-code flow with PKCE (optionally with a client secret), refresh and rotation.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RefreshToken, Scope, TokenResponse, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::cache::{CachedTokens, TokenCache};
use super::oauth::{OAuthHttp, access_token, auth_error, sent_forms, token_error};
use super::{AccessToken, AuthContext, AuthProvider, TokenFuture};
use crate::Error;
use crate::client::is_loopback;

/// The URL to send the user to, and the `state` that the callback must carry back.
#[derive(Clone, Debug)]
pub struct AuthorizationRequest {
    /// Spotify's authorization page with client ID, scopes, redirect URI, `state` and PKCE
    /// challenge.
    pub url: Url,
    /// The anti-CSRF value; [`AuthorizationCode::exchange_code`] refuses a callback without it.
    pub state: String,
}

/// User access through Spotify's authorization-code flow.
///
/// PKCE is always used; add a client secret with [`with_client_secret`](Self::with_client_secret)
/// for the confidential variant. Clones share their tokens, so give one clone to the client builder
/// and keep one to authorize with.
///
/// ```no_run
/// # async fn run() -> Result<(), spotify_sdk::Error> {
/// use spotify_sdk::auth::AuthorizationCode;
/// let auth = AuthorizationCode::new("client-id", "http://127.0.0.1:8080/callback")?
///     .scopes(["user-read-private", "playlist-modify-private"]);
/// let client = spotify_sdk::Client::builder().auth_provider(auth.clone()).build()?;
/// auth.authorize_local(client.auth_context(), std::time::Duration::from_secs(300), |url| {
///     println!("Open this URL to authorize: {url}");
/// })
/// .await?;
/// let me = client.users().me().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AuthorizationCode {
    client_id: String,
    client_secret: Option<SecretString>,
    redirect_uri: Url,
    scopes: Vec<String>,
    cache: Option<TokenCache>,
    state: Arc<Mutex<FlowState>>,
}

#[derive(Default)]
struct FlowState {
    refresh_token: Option<SecretString>,
    scope: Option<String>,
    /// The access token that came with the code exchange, handed out on first use.
    fresh: Option<AccessToken>,
    /// The authorization in progress: its `state` and PKCE verifier.
    pending: Option<(String, SecretString)>,
}

impl AuthorizationCode {
    /// A flow for your app's `client_id`, redirecting to `redirect_uri` (which must be registered
    /// in the Spotify dashboard). Spotify no longer accepts `localhost`: use
    /// `http://127.0.0.1:PORT/...`.
    pub fn new(client_id: impl Into<String>, redirect_uri: &str) -> Result<Self, Error> {
        let client_id = client_id.into();
        if client_id.trim().is_empty() {
            return Err(Error::Config("the client ID is empty".into()));
        }
        let redirect_uri = Url::parse(redirect_uri)
            .map_err(|e| Error::Config(format!("redirect URI {redirect_uri:?}: {e}")))?;
        if redirect_uri.host_str() == Some("localhost") {
            return Err(Error::Config(
                "Spotify no longer accepts `localhost` redirect URIs; use \
                    http://127.0.0.1:PORT/callback"
                    .into(),
            ));
        }
        match redirect_uri.scheme() {
            "https" => {}
            "http" if is_loopback(&redirect_uri) => {}
            _ => {
                return Err(Error::Config(format!(
                    "redirect URI {redirect_uri} must be https, or http on a loopback address"
                )));
            }
        }
        Ok(Self {
            client_id,
            client_secret: None,
            redirect_uri,
            scopes: Vec::new(),
            cache: None,
            state: Arc::default(),
        })
    }

    /// Adds a client secret (the confidential variant, for server-side apps).
    pub fn with_client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// The scopes to ask for, e.g. `["user-read-private", "user-library-modify"]`.
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Starts from a refresh token you stored yourself.
    pub fn with_refresh_token(self, refresh_token: impl Into<String>) -> Self {
        self.lock().refresh_token = Some(SecretString::from(refresh_token.into()));
        self
    }

    /// Keeps the refresh token in `cache`: loaded now if the file exists, rewritten whenever
    /// Spotify rotates it.
    pub fn token_cache(self, cache: TokenCache) -> Result<Self, Error> {
        if let Some(cached) = cache.load()? {
            let mut state = self.lock();
            state.refresh_token = Some(SecretString::from(cached.refresh_token));
            state.scope = cached.scope;
        }
        Ok(Self {
            cache: Some(cache),
            ..self
        })
    }

    /// Whether the flow holds a refresh token (authorized now or in an earlier run, via the cache).
    pub fn is_authorized(&self) -> bool {
        let state = self.lock();
        state.refresh_token.is_some() || state.fresh.is_some()
    }

    /// The scopes Spotify granted, once authorized.
    pub fn granted_scope(&self) -> Option<String> {
        self.lock().scope.clone()
    }

    /// Builds the authorization URL with a fresh `state` and PKCE challenge (S256, verifier of 43
    /// characters from a CSPRNG, as RFC 7636 asks).
    pub fn authorize_url(&self, ctx: &AuthContext) -> Result<AuthorizationRequest, Error> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, csrf) = self
            .oauth(ctx)?
            .authorize_url(CsrfToken::new_random)
            .add_scopes(self.scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .url();
        let state = csrf.secret().clone();
        self.lock().pending = Some((state.clone(), SecretString::from(verifier.into_secret())));
        Ok(AuthorizationRequest { url, state })
    }

    /// Exchanges the `code` from the callback, checking that `state` is the one
    /// [`authorize_url`](Self::authorize_url) issued.
    pub async fn exchange_code(
        &self,
        ctx: &AuthContext,
        code: &str,
        state: &str,
    ) -> Result<(), Error> {
        let verifier = match self.lock().pending.take() {
            Some((expected, verifier)) if expected == state => verifier,
            Some(_) => {
                return Err(auth_error(
                    "the callback's `state` does not match the authorization request (possible \
                        CSRF); authorization aborted",
                    true,
                ));
            }
            None => {
                return Err(auth_error(
                    "no authorization is in progress: call authorize_url first",
                    true,
                ));
            }
        };
        let response = self
            .oauth(ctx)?
            .exchange_code(oauth2::AuthorizationCode::new(code.to_string()))
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.expose_secret().to_string()))
            .request_async(&OAuthHttp(ctx.http()))
            .await
            .map_err(|e| token_error(e, &self.sent(&[code, verifier.expose_secret()])))?;
        self.accept(&response, true)
    }

    /// Runs the whole flow on this machine: listens once on the redirect URI's loopback address,
    /// calls `open` with the authorization URL (print it, or open a browser), waits up to `timeout`
    /// for the callback, verifies `state` and exchanges the code.
    pub async fn authorize_local(
        &self,
        ctx: &AuthContext,
        timeout: Duration,
        open: impl FnOnce(&Url),
    ) -> Result<(), Error> {
        if self.redirect_uri.scheme() != "http" || !is_loopback(&self.redirect_uri) {
            return Err(Error::Config(format!(
                "authorize_local needs an http://127.0.0.1:PORT/... redirect URI, not {}",
                self.redirect_uri
            )));
        }
        let listener = super::local::CallbackListener::bind(&self.redirect_uri).await?;
        let request = self.authorize_url(ctx)?;
        open(&request.url);
        let params = tokio::time::timeout(timeout, listener.wait())
            .await
            .map_err(|_| {
                auth_error(
                    &format!("no authorization callback within {} s", timeout.as_secs()),
                    true,
                )
            })??;
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        if let Some(error) = get("error") {
            self.lock().pending = None;
            return Err(auth_error(
                &format!("authorization was refused: {error}"),
                true,
            ));
        }
        let code = get("code").ok_or_else(|| auth_error("the callback carried no `code`", true))?;
        self.exchange_code(ctx, code, get("state").unwrap_or_default())
            .await
    }

    /// The credentials a token request of this flow carries besides `secrets`, in quotable forms.
    fn sent(&self, secrets: &[&str]) -> Vec<String> {
        let secret = self.client_secret.as_ref().map(|s| s.expose_secret());
        let mut all = secrets.to_vec();
        all.extend(secret);
        sent_forms(&all, secret.map(|s| (self.client_id.as_str(), s)))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FlowState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn oauth(
        &self,
        ctx: &AuthContext,
    ) -> Result<
        BasicClient<
            oauth2::EndpointSet,
            oauth2::EndpointNotSet,
            oauth2::EndpointNotSet,
            oauth2::EndpointNotSet,
            oauth2::EndpointSet,
        >,
        Error,
    > {
        let config = |what: &str, e: url::ParseError| Error::Config(format!("{what}: {e}"));
        let mut client = BasicClient::new(ClientId::new(self.client_id.clone()))
            .set_auth_uri(
                AuthUrl::new(ctx.authorize_url()).map_err(|e| config("authorize URL", e))?,
            )
            .set_token_uri(TokenUrl::new(ctx.token_url()).map_err(|e| config("token URL", e))?)
            .set_redirect_uri(
                RedirectUrl::new(self.redirect_uri.to_string())
                    .map_err(|e| config("redirect URI", e))?,
            );
        if let Some(secret) = &self.client_secret {
            client =
                client.set_client_secret(ClientSecret::new(secret.expose_secret().to_string()));
        }
        Ok(client)
    }

    /// Takes a token response: a rotated refresh token replaces the old one, an absent one keeps
    /// it.
    fn accept(&self, response: &impl TokenResponse, keep_fresh: bool) -> Result<(), Error> {
        let cached = {
            let mut state = self.lock();
            if let Some(rotated) = response.refresh_token() {
                state.refresh_token = Some(SecretString::from(rotated.secret().clone()));
            }
            if let Some(scopes) = response.scopes() {
                state.scope = Some(
                    scopes
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            if keep_fresh {
                state.fresh = Some(access_token(response));
            }
            state.refresh_token.as_ref().map(|r| CachedTokens {
                refresh_token: r.expose_secret().to_string(),
                scope: state.scope.clone(),
            })
        };
        match (&self.cache, cached) {
            (Some(cache), Some(tokens)) => cache.store(&tokens),
            _ => Ok(()),
        }
    }
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCode")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("redirect_uri", &self.redirect_uri.as_str())
            .field("scopes", &self.scopes)
            .field("cache", &self.cache)
            .field("authorized", &self.is_authorized())
            .finish()
    }
}

impl AuthProvider for AuthorizationCode {
    fn fetch_token<'a>(&'a self, ctx: &'a AuthContext) -> TokenFuture<'a> {
        Box::pin(async move {
            let refresh = {
                let mut state = self.lock();
                if let Some(fresh) = state.fresh.take() {
                    return Ok(fresh);
                }
                state
                    .refresh_token
                    .as_ref()
                    .map(|r| r.expose_secret().to_string())
            };
            let refresh = refresh.ok_or_else(|| {
                auth_error(
                    "not authorized yet: run authorize_local (or authorize_url + exchange_code)",
                    true,
                )
            })?;
            let response = self
                .oauth(ctx)?
                .exchange_refresh_token(&RefreshToken::new(refresh.clone()))
                .request_async(&OAuthHttp(ctx.http()))
                .await
                .map_err(|e| token_error(e, &self.sent(&[&refresh])))?;
            self.accept(&response, false)?;
            Ok(access_token(&response))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> AuthContext {
        AuthContext::new(
            reqwest::Client::new(),
            "http://127.0.0.1:9".parse().unwrap(),
        )
    }

    #[test]
    fn refuses_localhost_and_plain_http_elsewhere() {
        for bad in [
            "http://localhost:8080/callback",
            "http://example.com/callback",
            "not a url",
        ] {
            assert!(
                matches!(AuthorizationCode::new("id", bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
        for good in [
            "http://127.0.0.1:8080/callback",
            "http://[::1]:8080/cb",
            "https://example.com/cb",
        ] {
            assert!(AuthorizationCode::new("id", good).is_ok(), "{good}");
        }
        assert!(AuthorizationCode::new(" ", "http://127.0.0.1:1/").is_err());
    }

    #[test]
    fn authorize_url_carries_pkce_state_and_scopes() {
        let auth = AuthorizationCode::new("my-id", "http://127.0.0.1:8080/callback")
            .unwrap()
            .scopes(["user-read-private", "playlist-read-private"]);
        let request = auth.authorize_url(&ctx()).unwrap();
        let q: std::collections::HashMap<_, _> = request.url.query_pairs().into_owned().collect();
        assert_eq!(q["client_id"], "my-id");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["redirect_uri"], "http://127.0.0.1:8080/callback");
        assert_eq!(q["scope"], "user-read-private playlist-read-private");
        assert_eq!(q["state"], request.state);
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["code_challenge"].len(), 43);
        // The verifier: RFC 7636 length (43..=128) and alphabet (unreserved characters).
        let verifier = auth
            .lock()
            .pending
            .as_ref()
            .unwrap()
            .1
            .expose_secret()
            .to_string();
        assert!((43..=128).contains(&verifier.len()));
        assert!(
            verifier
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
        );
        // Fresh randomness every time.
        let again = auth.authorize_url(&ctx()).unwrap();
        assert_ne!(again.state, request.state);
    }

    #[tokio::test]
    async fn a_wrong_state_is_refused_before_any_request() {
        let auth = AuthorizationCode::new("id", "http://127.0.0.1:8080/callback").unwrap();
        auth.authorize_url(&ctx()).unwrap();
        let err = auth
            .exchange_code(&ctx(), "code", "forged")
            .await
            .unwrap_err();
        assert!(err.to_string().contains("does not match"), "{err}");
        // The pending authorization is consumed: a replay with the right state fails too.
        let err = auth
            .exchange_code(&ctx(), "code", "anything")
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("no authorization is in progress"),
            "{err}"
        );
    }

    #[test]
    fn debug_redacts_the_secret() {
        let auth = AuthorizationCode::new("id", "http://127.0.0.1:8080/callback")
            .unwrap()
            .with_client_secret("very-secret")
            .with_refresh_token("refresh-secret");
        let debug = format!("{auth:?}");
        assert!(
            !debug.contains("very-secret") && !debug.contains("refresh-secret"),
            "{debug}"
        );
    }
}
