//! [`Client`] and its builder: configuration, validated once at `build()`.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{AuthContext, AuthProvider, ClientCredentials, StaticToken, TokenManager};
use crate::error::Endpoint;
use crate::rate_limit::Throttle;
use crate::retry::RetryPolicy;
use crate::transport::{Transport, connect_timeout};
use crate::{Error, decode, raw};

const DEFAULT_BASE_URL: &str = "https://api.spotify.com/v1";
const DEFAULT_ACCOUNTS_URL: &str = "https://accounts.spotify.com";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
/// Pages fetched at once by offset pagination once the total is known.
pub(crate) const DEFAULT_PREFETCH: usize = 4;

/// A Spotify Web API client. Build it once and share it: it is cheap to clone (clones share one
/// connection pool, one token, one rate limiter) and `Send + Sync`.
///
/// ```no_run
/// # async fn run() -> Result<(), spotify_sdk::Error> {
/// let client = spotify_sdk::Client::from_client_credentials("client-id", "client-secret")?;
/// let track = client.tracks().get("spotify:track:4uLU6hMCjMI75M1A2tKUQC").await?;
/// println!("{}", track.name);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    raw: raw::Client,
    transport: Transport,
    base_url: Url,
    prefetch: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field(
                "accounts_url",
                &self
                    .inner
                    .transport
                    .tokens
                    .context()
                    .accounts_url()
                    .as_str(),
            )
            .field("retry", &self.inner.transport.policy)
            .field("closed", &self.is_closed())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client using the client-credentials flow (app-only access).
    pub fn from_client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Result<Self, Error> {
        Self::builder()
            .client_credentials(client_id, client_secret)
            .build()
    }

    /// A client-credentials client from `SPOTIFY_CLIENT_ID` and `SPOTIFY_CLIENT_SECRET`.
    pub fn from_env() -> Result<Self, Error> {
        Self::builder()
            .auth_provider(ClientCredentials::from_env()?)
            .build()
    }

    /// Sends a request of the generated layer ([`raw`]) through this client's auth, retries and
    /// rate limits, and decodes the answer: the escape hatch for operations and parameters the
    /// resource groups do not cover.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let track = client
    ///     .call(client.raw().get_track("4uLU6hMCjMI75M1A2tKUQC", Some("SE")))
    ///     .await?;
    /// println!("{}", track.name);
    /// # Ok(()) }
    /// ```
    pub async fn call<T: DeserializeOwned>(&self, request: raw::Request<T>) -> Result<T, Error> {
        let endpoint = endpoint_of(&request);
        match self.send(request, &endpoint).await? {
            (_, Some(value)) => Ok(value),
            (status, None) => Err(Error::Decode {
                endpoint: Some(endpoint),
                status: Some(status),
                path: ".".into(),
                message: "Spotify answered without a body where one was expected".into(),
                snippet: Box::default(),
            }),
        }
    }

    /// Like [`call`](Self::call), for operations where an answer without a body (`204 No Content`)
    /// means "nothing": `Ok(None)`, e.g. the playback state when nothing plays.
    pub async fn call_optional<T: DeserializeOwned>(
        &self,
        request: raw::Request<T>,
    ) -> Result<Option<T>, Error> {
        let endpoint = endpoint_of(&request);
        Ok(self.send(request, &endpoint).await?.1)
    }

    /// Sends `request` and decodes its answer: the status, and the value (`None` for an answer
    /// without a body).
    async fn send<T: DeserializeOwned>(
        &self,
        request: raw::Request<T>,
        endpoint: &Endpoint,
    ) -> Result<(u16, Option<T>), Error> {
        if self.is_closed() {
            return Err(Error::Closed);
        }
        let has_body = request.has_body();
        let http = request
            .into_http()
            .map_err(|e| Error::InvalidArgument(format!("the request could not be built: {e}")))?;
        let answer = self.inner.transport.execute(http, endpoint).await?;
        let value = if !has_body {
            // `T` is `()`: whatever body came is not documented, and not read.
            Some(decode::decode(b"null", endpoint, answer.status)?)
        } else if answer.body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            Some(decode::decode(&answer.body, endpoint, answer.status)?)
        };
        Ok((answer.status, value))
    }

    /// The generated operations, to build requests for [`call`](Self::call). Requests are only
    /// built there; they are sent through this client.
    pub fn raw(&self) -> &raw::Client {
        &self.inner.raw
    }

    /// The HTTP stack and accounts URL, for auth flows such as
    /// [`AuthorizationCode::authorize_local`](crate::auth::AuthorizationCode::authorize_local).
    pub fn auth_context(&self) -> &AuthContext {
        self.inner.transport.tokens.context()
    }

    /// The Web API base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// How many pages offset pagination fetches at once.
    pub(crate) fn prefetch(&self) -> usize {
        self.inner.prefetch
    }

    /// The largest response body accepted (also for image downloads).
    pub(crate) fn max_response_bytes(&self) -> u64 {
        self.inner.transport.max_response_bytes
    }

    /// Closes the client (and every clone): later calls fail with [`Error::Closed`]. Requests
    /// already under way finish.
    pub fn close(&self) {
        self.inner.transport.closed.store(true, Ordering::Release);
    }

    /// Whether [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.inner.transport.closed.load(Ordering::Acquire)
    }
}

/// Configuration for a [`Client`]. Exactly one auth source is required.
#[derive(Default)]
#[must_use]
pub struct ClientBuilder {
    base_url: Option<String>,
    accounts_url: Option<String>,
    auth: Vec<(&'static str, Arc<dyn AuthProvider>)>,
    timeout: Option<Duration>,
    proxy: Option<String>,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
    rate_limit: Option<(f64, u32)>,
    retry: RetryPolicy,
    max_response_bytes: Option<u64>,
    prefetch: Option<usize>,
    /// The client ID of client credentials: it names the app in coordination keys.
    client_id: Option<String>,
    #[cfg(feature = "redis")]
    coordination: Option<crate::coordination::Redis>,
    /// Problems found by setters that cannot fail; reported by `build()`.
    invalid: Vec<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth: Vec<_> = self.auth.iter().map(|(name, _)| *name).collect();
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("accounts_url", &self.accounts_url)
            .field("auth", &auth)
            .field("timeout", &self.timeout)
            .field("proxy", &self.proxy.as_ref().map(|_| "<set>"))
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The Web API root (default `https://api.spotify.com/v1`). Plain `http` only on loopback.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The accounts service root (default `https://accounts.spotify.com`). Plain `http` only on
    /// loopback.
    pub fn accounts_url(mut self, url: impl Into<String>) -> Self {
        self.accounts_url = Some(url.into());
        self
    }

    /// Authenticates with a fixed access token.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.auth
            .push(("access_token", Arc::new(StaticToken::new(token))));
        self
    }

    /// Authenticates with the client-credentials flow.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let client_id = client_id.into();
        self.client_id = Some(client_id.clone());
        let credentials = ClientCredentials::new(client_id, client_secret);
        if let Err(Error::Config(message)) = credentials.validate() {
            self.invalid.push(message);
        }
        self.auth
            .push(("client_credentials", Arc::new(credentials)));
        self
    }

    /// Authenticates with any [`AuthProvider`] (e.g.
    /// [`AuthorizationCode`](crate::auth::AuthorizationCode)).
    pub fn auth_provider(mut self, provider: impl AuthProvider) -> Self {
        self.auth.push(("auth_provider", Arc::new(provider)));
        self
    }

    /// Timeout of one HTTP attempt (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt (default 3; 0 disables retrying).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// Exponential backoff: first delay, growth factor, cap (default 0.5 s, x2, 8 s; full jitter).
    pub fn backoff(mut self, initial: Duration, multiplier: f64, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.multiplier = multiplier;
        self.retry.max_backoff = max;
        self
    }

    /// The longest `Retry-After` the client waits out (default 60 s); longer ones fail at once with
    /// [`Error::RateLimited`].
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// Routes every request (API and token) through this proxy, e.g. `http://user:pass@proxy:8080`.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// The `User-Agent` header (default `spotify-sdk-rust/VERSION`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses your own reqwest client (then set timeout, proxy and user agent on it, not here).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Client-side rate limit: a token bucket of `burst` requests refilling at `per_second` (off by
    /// default). Shared by all clones of the client.
    pub fn rate_limit(mut self, per_second: f64, burst: u32) -> Self {
        self.rate_limit = Some((per_second, burst));
        self
    }

    /// Coordinates with the other processes of the same app through Redis (feature `redis`): one
    /// `Retry-After` gate, one `rate_limit` budget and one client-credentials token for all of
    /// them. See [`coordination`](crate::coordination).
    #[cfg(feature = "redis")]
    #[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
    pub fn coordinate(mut self, redis: crate::coordination::Redis) -> Self {
        self.coordination = Some(redis);
        self
    }

    /// The largest response body accepted (default 64 MiB).
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// How many pages offset-paged streams fetch at once once the total is known (default 4; 1 is
    /// strictly sequential).
    pub fn page_prefetch(mut self, pages: usize) -> Self {
        self.prefetch = Some(pages);
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        if let Some(message) = self.invalid.first() {
            return Err(Error::Config(message.clone()));
        }
        let base_url = checked_url(
            "base_url",
            self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
        )?;
        let accounts_url = checked_url(
            "accounts_url",
            self.accounts_url.as_deref().unwrap_or(DEFAULT_ACCOUNTS_URL),
        )?;
        let provider = match self.auth.as_slice() {
            [(_, provider)] => provider.clone(),
            [] => {
                return Err(Error::Config(
                    "no auth source: call exactly one of access_token, client_credentials or \
                     auth_provider"
                        .into(),
                ));
            }
            several => {
                let names: Vec<_> = several.iter().map(|(n, _)| *n).collect();
                return Err(Error::Config(format!(
                    "several auth sources ({}): use exactly one",
                    names.join(", ")
                )));
            }
        };
        if let Some((per_second, burst)) = self.rate_limit
            && (!per_second.is_finite() || per_second <= 0.0 || burst == 0)
        {
            return Err(Error::Config(format!(
                "rate_limit({per_second}, {burst}): the rate must be positive and the burst at \
                    least 1"
            )));
        }
        let retry = &self.retry;
        if !retry.multiplier.is_finite()
            || retry.multiplier < 1.0
            || retry.initial_backoff > retry.max_backoff
        {
            return Err(Error::Config(
                "backoff: the multiplier must be at least 1 and the initial delay at most the \
                    maximum"
                    .into(),
            ));
        }
        if self.timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::Config("timeout must be longer than zero".into()));
        }
        if self.prefetch == Some(0) {
            return Err(Error::Config("page_prefetch must be at least 1".into()));
        }
        let http = match self.http_client {
            Some(client) => {
                if self.timeout.is_some() || self.proxy.is_some() || self.user_agent.is_some() {
                    return Err(Error::Config(
                        "with http_client, configure timeout, proxy and user agent on that \
                            reqwest::Client"
                            .into(),
                    ));
                }
                client
            }
            None => {
                let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
                let mut builder = reqwest::Client::builder()
                    .tls_backend_preconfigured(crate::tls::config()?)
                    .timeout(timeout)
                    .connect_timeout(connect_timeout(timeout))
                    .redirect(redirect_policy())
                    .user_agent(self.user_agent.unwrap_or_else(|| {
                        concat!("spotify-sdk-rust/", env!("CARGO_PKG_VERSION")).to_string()
                    }));
                if let Some(proxy) = &self.proxy {
                    let proxy = reqwest::Proxy::all(proxy.as_str())
                        .map_err(|_| Error::Config("the proxy URL is not valid".into()))?;
                    builder = builder.proxy(proxy);
                }
                builder
                    .build()
                    .map_err(|e| Error::Config(format!("HTTP client: {e}")))?
            }
        };
        let ctx = AuthContext::new(http.clone(), accounts_url);
        let throttle = Throttle::new(self.rate_limit);
        #[cfg(feature = "redis")]
        let (provider, throttle) = crate::coordination::apply(
            self.coordination.as_ref(),
            self.client_id.as_deref(),
            provider,
            throttle,
        )?;
        let transport = Transport {
            http: http.clone(),
            tokens: TokenManager::new(provider, ctx),
            policy: self.retry,
            throttle,
            closed: AtomicBool::new(false),
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
        };
        let raw = raw::Client::new_with_client(base_url.as_str().trim_end_matches('/'), http);
        Ok(Client {
            inner: Arc::new(Inner {
                raw,
                transport,
                base_url,
                prefetch: self.prefetch.unwrap_or(DEFAULT_PREFETCH),
            }),
        })
    }
}

/// The [`Endpoint`] of a request, from the spec's operation table.
fn endpoint_of<T>(request: &raw::Request<T>) -> Endpoint {
    let id = request.operation_id();
    match spotify_sdk_generated::operations::operation(id) {
        Some(op) => Endpoint {
            method: op.method,
            path: op.path,
            operation_id: op.id,
        },
        // A request made by hand (`raw::Request::json`) for an operation the spec does not have.
        None => Endpoint {
            method: match request.http().map(|r| r.method().clone()) {
                Ok(reqwest::Method::GET) => "GET",
                Ok(reqwest::Method::POST) => "POST",
                Ok(reqwest::Method::PUT) => "PUT",
                Ok(reqwest::Method::DELETE) => "DELETE",
                _ => "OTHER",
            },
            path: id,
            operation_id: id,
        },
    }
}

/// Redirects are followed (up to 10) except a 307 or 308 to another origin: those resend the
/// request body, which for the token endpoint holds a refresh token, code or PKCE verifier.
/// (reqwest already drops `Authorization` when a redirect leaves the origin, and 301-303 drop the
/// body.) The 307/308 is then the answer.
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let resends_body = matches!(attempt.status().as_u16(), 307 | 308);
        let leaves_origin = attempt
            .previous()
            .last()
            .is_some_and(|previous| previous.origin() != attempt.url().origin());
        if resends_body && leaves_origin {
            attempt.stop()
        } else if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

/// Whether `url`'s host is this machine: a loopback address, or exactly `localhost`.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

/// Parses a service URL: `https`, or `http` only when the host is loopback (a local mock or proxy)
/// — tokens must never cross a network in clear text.
fn checked_url(what: &str, value: &str) -> Result<Url, Error> {
    let url = Url::parse(value).map_err(|e| Error::Config(format!("{what} {value:?}: {e}")))?;
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::Config(format!(
            "{what} {value:?} uses plain http on a non-loopback host; use https"
        ))),
        _ => Err(Error::Config(format!(
            "{what} {value:?} must be an https URL"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_error(builder: ClientBuilder) -> String {
        match builder.build() {
            Err(Error::Config(message)) => message,
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn exactly_one_auth_source() {
        assert!(config_error(Client::builder()).contains("no auth source"));
        let several = config_error(
            Client::builder()
                .access_token("t")
                .client_credentials("id", "secret"),
        );
        assert!(
            several.contains("access_token, client_credentials"),
            "{several}"
        );
        assert!(Client::builder().access_token("t").build().is_ok());
    }

    #[test]
    fn plain_http_only_on_loopback() {
        for bad in [
            "http://api.example.com/v1",
            "http://10.0.0.1/v1",
            "ftp://127.0.0.1/",
            "not a url",
        ] {
            let message = config_error(Client::builder().access_token("t").base_url(bad));
            assert!(message.contains("base_url"), "{message}");
            let message = config_error(Client::builder().access_token("t").accounts_url(bad));
            assert!(message.contains("accounts_url"), "{message}");
        }
        for good in [
            "http://127.0.0.1:3000/v1",
            "http://[::1]:80/v1",
            "http://localhost:1/v1",
            "https://api.spotify.com/v1",
        ] {
            assert!(
                Client::builder()
                    .access_token("t")
                    .base_url(good)
                    .build()
                    .is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn bad_numbers_are_config_errors() {
        let t = || Client::builder().access_token("t");
        config_error(t().rate_limit(0.0, 5));
        config_error(t().rate_limit(f64::NAN, 5));
        config_error(t().rate_limit(1.0, 0));
        config_error(t().timeout(Duration::ZERO));
        config_error(t().page_prefetch(0));
        config_error(t().backoff(Duration::from_secs(10), 2.0, Duration::from_secs(1)));
        config_error(
            t().http_client(reqwest::Client::new())
                .timeout(Duration::from_secs(1)),
        );
        config_error(t().proxy("::not a proxy::"));
    }

    #[test]
    fn client_is_send_sync_clone_and_debug_has_no_token() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Client>();
        let client = Client::builder()
            .access_token("BQD-secret-token")
            .build()
            .unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("BQD-secret-token"), "{debug}");
        let builder = format!(
            "{:?}",
            Client::builder().client_credentials("id", "the-secret")
        );
        assert!(!builder.contains("the-secret"), "{builder}");
    }
}
