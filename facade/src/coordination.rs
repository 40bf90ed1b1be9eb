//! Many processes, one Spotify app (feature `redis`): clients that share a Redis and a namespace
//! share the `Retry-After` gate, the [`rate_limit`](crate::ClientBuilder::rate_limit) budget and
//! the client-credentials token, as one client would.
//!
//! ```no_run
//! # fn run() -> Result<(), spotify_sdk::Error> {
//! use spotify_sdk::Client;
//! use spotify_sdk::coordination::Redis;
//!
//! let client = Client::builder()
//!     .client_credentials("client-id", "client-secret")
//!     .rate_limit(20.0, 5) // 20 requests a second for the whole fleet, not per process
//!     .coordinate(Redis::new("redis://127.0.0.1:6379").namespace("catalog-crawler"))
//!     .build()?;
//! # Ok(()) }
//! ```
//!
//! What is stored, under `spotify-sdk:{namespace}:{client id}:` (the client ID is `app` when the
//! client has no client credentials):
//!
//! - `gate`: until when (Redis server time, ms) every process holds back after a `429`; it expires
//!   with the wait.
//! - `bucket`: the token bucket's level and last update; it expires once a full refill has passed.
//! - `token`: the client-credentials access token, **a secret**: it expires a little before the
//!   token does, and is never logged. `token-lock` is held (10 s at most) by the one process
//!   fetching a new token while the others wait for it.
//!
//! Redis's own clock decides every wait (scripts read `TIME`), so the processes' clocks need not
//! agree. A process whose [`max_retry_after`](crate::ClientBuilder::max_retry_after) is shorter
//! than what is left of a shared wait does not wait for it: its request fails at once with
//! [`Error::RateLimited`], unsent, as if it had received that 429 itself. When Redis cannot be
//! reached, is slow (250 ms per operation at most) or answers something that is not ours, no call
//! fails or waits for it: the client uses its own gate, bucket and token, says so once through
//! `tracing` (warn), and rejoins when Redis answers again (info).

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{FromRedisValue, Script};
use tokio::time::Instant;

use crate::Error;
use crate::auth::{AccessToken, AuthContext, AuthProvider, TokenFuture};
use crate::rate_limit::Throttle;

/// How long one Redis operation may take before the client goes on without it.
const OP_TIMEOUT: Duration = Duration::from_millis(250);
/// How often a client tries to reach a Redis it lost.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);
/// How long the process fetching a token may hold the others back.
const TOKEN_LOCK: Duration = Duration::from_secs(10);
/// A stored token expires this long before the token itself (the client renews tokens 60 s before
/// their expiry, and must not be handed one it would renew at once).
const TOKEN_MARGIN: Duration = Duration::from_secs(75);

/// Where and under which name to coordinate: a Redis URL (`redis://host:6379`,
/// `redis://user:password@host:6379/2`) and a namespace that the processes of one deployment
/// share. TLS (`rediss://`) is not supported in this version: `build()` refuses such a URL with
/// [`Error::Config`]; reach a remote Redis through a private network or a TLS tunnel.
#[derive(Clone)]
pub struct Redis {
    url: String,
    namespace: String,
}

impl Redis {
    /// Coordination through the Redis at `url`, in the namespace `default`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            namespace: "default".into(),
        }
    }

    /// The namespace: processes coordinate with those of the same namespace and client ID only.
    pub fn namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = namespace.into();
        self
    }
}

impl fmt::Debug for Redis {
    /// The URL without its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut url = url::Url::parse(&self.url).map_or_else(
            |_| "<invalid>".into(),
            |mut u| {
                if u.password().is_some() {
                    let _ = u.set_password(Some("redacted"));
                }
                u.to_string()
            },
        );
        url.truncate(200);
        f.debug_struct("Redis")
            .field("url", &url)
            .field("namespace", &self.namespace)
            .finish()
    }
}

/// What the shared gate and bucket say about one request.
#[derive(Debug, PartialEq)]
pub(crate) enum Admission {
    /// The gate holds for this long: wait, then ask again (nothing was taken).
    GateHeld(Duration),
    /// Go after this wait (a token of the shared bucket is reserved, if there is a bucket).
    Go(Duration),
    /// The gate is open but the shared bucket cannot be used: take a token of the local one.
    LocalBucket,
}

/// The token provider and throttle of a client built with `coordinate(redis)`: the gate and bucket
/// shared, and the client-credentials token (`client_id` is set) shared too; other token sources
/// stay per process. Unchanged without `redis`.
pub(crate) fn apply(
    redis: Option<&Redis>,
    client_id: Option<&str>,
    provider: Arc<dyn AuthProvider>,
    mut throttle: Throttle,
) -> Result<(Arc<dyn AuthProvider>, Throttle), Error> {
    let Some(redis) = redis else {
        return Ok((provider, throttle));
    };
    let shared = Arc::new(Shared::new(redis, client_id)?);
    let provider: Arc<dyn AuthProvider> = match client_id {
        Some(_) => Arc::new(SharedToken::new(provider, shared.clone())),
        None => provider,
    };
    throttle.shared = Some(shared);
    Ok((provider, throttle))
}

/// A client's link to Redis.
pub(crate) struct Shared {
    client: redis::Client,
    prefix: String,
    /// The connection once made (it reconnects by itself after that).
    manager: std::sync::RwLock<Option<ConnectionManager>>,
    /// When the next attempt to connect may be made; held by the one task connecting.
    connecting: tokio::sync::Mutex<Option<Instant>>,
    /// Whether Redis was unreachable at the last attempt (so each change is logged once).
    down: AtomicBool,
}

/// Admits one request: `{gate, bucket}`. `gate` is how many ms the `Retry-After` gate still
/// holds (0: open, -1: the key holds something not ours). When the gate is not held and a bucket
/// is given (`ARGV`: per second, burst), one token of it is taken and `bucket` is how many ms to
/// wait for it (0: now, -1: the key is not ours); otherwise `bucket` is -2, nothing taken. Like
/// the local bucket it reserves the token either way, so waiters queue fairly. One round trip for
/// both, since it is made before every request.
static ADMIT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local gate = 0
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'none' then
  local until_ms = kind == 'string' and tonumber(redis.call('GET', KEYS[1]))
  if not until_ms then
    gate = -1
  else
    gate = math.max(0, until_ms - (t[1] * 1000 + math.floor(t[2] / 1000)))
  end
end
if gate > 0 or not ARGV[1] then return {gate, -2} end
kind = redis.call('TYPE', KEYS[2]).ok
if kind ~= 'none' and kind ~= 'hash' then return {gate, -1} end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = t[1] * 1000000 + t[2]
local level = tonumber(redis.call('HGET', KEYS[2], 'level'))
local at = tonumber(redis.call('HGET', KEYS[2], 'at'))
if not level or not at then level = burst; at = now end
level = math.min(burst, level + (now - at) / 1000000 * rate) - 1
redis.call('HSET', KEYS[2], 'level', string.format('%.6f', level), 'at', now)
redis.call('PEXPIRE', KEYS[2], math.ceil(burst / rate * 1000) + 60000)
if level >= 0 then return {gate, 0} end
return {gate, math.ceil(-level / rate * 1000)}
",
    )
});

/// Holds the gate `ARGV[1]` ms from now, unless it is already held longer.
static GATE_HOLD: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local until_ms = t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[1])
local current = 0
if redis.call('TYPE', KEYS[1]).ok == 'string' then
  current = tonumber(redis.call('GET', KEYS[1])) or 0
end
if current < until_ms then
  redis.call('SET', KEYS[1], until_ms, 'PX', ARGV[1])
end
return 0
",
    )
});

/// The token and how many ms it has left in Redis, or nothing.
static TOKEN_GET: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then return {} end
if kind ~= 'string' then return {'', -1} end
return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
",
    )
});

/// Takes the token lock `KEYS[2]` for `ARGV[1]` (`ARGV[2]` ms), unless a usable token (as
/// `TOKEN_GET`'s reader takes it: a non-empty string with an expiry) is stored in `KEYS[1]`: 1
/// taken, 0 held by another process, 2 a token is stored. Checked and taken in one step, so a
/// process that found no token a moment ago does not fetch a second one after the first fetcher
/// stored its token and let go of the lock.
static LOCK_TOKEN: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('TYPE', KEYS[1]).ok == 'string' and redis.call('STRLEN', KEYS[1]) > 0
    and redis.call('PTTL', KEYS[1]) > 0 then
  return 2
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
",
    )
});

/// What [`Shared::lock_token`] found.
enum TokenLock {
    /// This process fetches the token.
    Taken,
    /// Another process is fetching one.
    Held,
    /// A token was stored meanwhile: read it.
    TokenStored,
}

/// Deletes `KEYS[1]` if it holds `ARGV[1]` (a rejected token, or our own lock).
static DELETE_IF: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('TYPE', KEYS[1]).ok == 'string' and redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
",
    )
});

impl Shared {
    /// A link to the Redis of `redis` for the app `client_id`; connects on first use.
    pub fn new(redis: &Redis, client_id: Option<&str>) -> Result<Self, Error> {
        let client = redis::Client::open(redis.url.as_str())
            // redis's messages are fixed texts ("Redis URL did not parse", "can't connect with
            // TLS, ..."): they never quote the URL, which may hold a password.
            .map_err(|e| Error::Config(format!("the Redis URL cannot be used: {e}")))?;
        Ok(Self {
            client,
            prefix: format!(
                "spotify-sdk:{}:{}",
                redis.namespace,
                client_id.unwrap_or("app")
            ),
            manager: std::sync::RwLock::new(None),
            connecting: tokio::sync::Mutex::new(None),
            down: AtomicBool::new(false),
        })
    }

    fn key(&self, name: &str) -> String {
        format!("{}:{name}", self.prefix)
    }

    /// Admits one request through the shared gate and, given its rate and burst, the shared
    /// bucket; `None` without Redis.
    pub async fn admit(&self, bucket: Option<(f64, f64)>) -> Option<Admission> {
        let args: Vec<String> = bucket.map_or_else(Vec::new, |(per_second, burst)| {
            vec![per_second.to_string(), burst.to_string()]
        });
        let keys = [self.key("gate"), self.key("bucket")];
        let (gate, taken): (i64, i64) = self.run(&ADMIT, &keys, &args).await?;
        if gate > 0 {
            return Some(Admission::GateHeld(Duration::from_millis(
                gate.unsigned_abs(),
            )));
        }
        if gate < 0 {
            self.foreign("gate");
        }
        Some(match taken {
            -2 => Admission::Go(Duration::ZERO),
            wait if wait < 0 => {
                self.foreign("bucket");
                Admission::LocalBucket
            }
            wait => Admission::Go(Duration::from_millis(wait.unsigned_abs())),
        })
    }

    /// Holds every process back for `wait`.
    pub async fn hold(&self, wait: Duration) {
        let ms = wait.as_millis().max(1).to_string();
        let _: Option<i64> = self.run(&GATE_HOLD, &[self.key("gate")], &[ms]).await;
    }

    /// The shared token with how long Redis keeps it, `Some(None)` when there is none, `None`
    /// without Redis.
    async fn token(&self) -> Option<Option<(String, Duration)>> {
        let found: Vec<redis::Value> = self.run(&TOKEN_GET, &[self.key("token")], &[]).await?;
        let [value, ttl] = found.as_slice() else {
            return Some(None);
        };
        match (
            String::from_redis_value(value.clone()),
            i64::from_redis_value(ttl.clone()),
        ) {
            (Ok(secret), Ok(ms)) if ms > 0 && !secret.is_empty() => {
                Some(Some((secret, Duration::from_millis(ms.unsigned_abs()))))
            }
            // Expiring this very moment, or gone since.
            (Ok(_), Ok(0 | -2)) => Some(None),
            // Another type, a value kept without expiry, an empty one: not ours.
            _ => {
                self.foreign("token");
                Some(None)
            }
        }
    }

    async fn store_token(&self, token: &AccessToken) {
        let Some(expires_at) = token.expires_at() else {
            return;
        };
        let keep = expires_at.saturating_duration_since(Instant::now());
        let Some(keep) = keep.checked_sub(TOKEN_MARGIN).filter(|k| !k.is_zero()) else {
            return;
        };
        let Some(mut conn) = self.connection().await else {
            return;
        };
        let mut set = redis::cmd("SET");
        set.arg(self.key("token"))
            .arg(token.secret())
            .arg("PX")
            .arg(keep.as_millis().to_string());
        let stored = set.query_async::<()>(&mut conn);
        self.settle(tokio::time::timeout(OP_TIMEOUT, stored).await);
    }

    async fn delete_if(&self, name: &str, value: &str) -> Option<i64> {
        self.run(&DELETE_IF, &[self.key(name)], &[value.to_string()])
            .await
    }

    /// Tries to become the one process fetching a token; `None` without Redis.
    async fn lock_token(&self, owner: &str) -> Option<TokenLock> {
        let keys = [self.key("token"), self.key("token-lock")];
        let args = [owner.to_string(), TOKEN_LOCK.as_millis().to_string()];
        let reply: i64 = self.run(&LOCK_TOKEN, &keys, &args).await?;
        Some(match reply {
            1 => TokenLock::Taken,
            2 => TokenLock::TokenStored,
            _ => TokenLock::Held,
        })
    }

    /// Runs a Lua script; `None` when Redis cannot be reached or fails.
    async fn run<T: FromRedisValue>(
        &self,
        script: &Script,
        keys: &[String],
        args: &[String],
    ) -> Option<T> {
        let mut conn = self.connection().await?;
        let mut invocation = script.prepare_invoke();
        for key in keys {
            invocation.key(key);
        }
        for arg in args {
            invocation.arg(arg);
        }
        self.settle(tokio::time::timeout(OP_TIMEOUT, invocation.invoke_async(&mut conn)).await)
    }

    /// The outcome of one operation, noting whether Redis answered.
    fn settle<T>(
        &self,
        outcome: Result<redis::RedisResult<T>, tokio::time::error::Elapsed>,
    ) -> Option<T> {
        match outcome {
            Ok(Ok(value)) => {
                if self.down.swap(false, Ordering::Relaxed) {
                    tracing::info!("redis answers again: coordinating across processes");
                }
                Some(value)
            }
            Ok(Err(e)) if e.kind() == redis::ErrorKind::UnexpectedReturnType => {
                self.foreign("a reply");
                None
            }
            Ok(Err(e)) => {
                self.unavailable(&format!("{:?}", e.kind()));
                None
            }
            Err(_) => {
                self.unavailable("no answer within 250 ms");
                None
            }
        }
    }

    fn unavailable(&self, why: &str) {
        if !self.down.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                reason = why,
                "redis unreachable: coordinating within this process until it answers again"
            );
        }
    }

    fn foreign(&self, what: &str) {
        tracing::warn!(
            key = what,
            "a value under our redis keys is not ours: ignored"
        );
    }

    /// The connection, connecting (at most once a second, by one task; the others go on without
    /// Redis meanwhile) when there is none.
    async fn connection(&self) -> Option<ConnectionManager> {
        let made = self
            .manager
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if made.is_some() {
            return made;
        }
        let mut next_attempt = self.connecting.try_lock().ok()?;
        if next_attempt.is_some_and(|at| Instant::now() < at) {
            return None;
        }
        *next_attempt = Some(Instant::now() + RECONNECT_EVERY);
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(OP_TIMEOUT))
            .set_response_timeout(Some(OP_TIMEOUT))
            .set_number_of_retries(1);
        let connect = ConnectionManager::new_with_config(self.client.clone(), config);
        let manager = self.settle(tokio::time::timeout(OP_TIMEOUT * 2, connect).await)?;
        *self.manager.write().unwrap_or_else(|e| e.into_inner()) = Some(manager.clone());
        Some(manager)
    }
}

/// The client-credentials provider, sharing its token through Redis: one token request per expiry
/// across the processes, whoever needs it first; the others wait for it and read it.
pub(crate) struct SharedToken {
    pub inner: Arc<dyn AuthProvider>,
    pub shared: Arc<Shared>,
    /// The token this process was last given (to tell a rejected token from a renewed one).
    last: std::sync::Mutex<Option<String>>,
}

impl SharedToken {
    pub fn new(inner: Arc<dyn AuthProvider>, shared: Arc<Shared>) -> Self {
        Self {
            inner,
            shared,
            last: std::sync::Mutex::new(None),
        }
    }

    fn remember(&self, secret: &str) {
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(secret.to_string());
    }

    fn is_last(&self, secret: &str) -> bool {
        self.last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_deref()
            == Some(secret)
    }

    async fn fetch(&self, ctx: &AuthContext) -> Result<AccessToken, Error> {
        let deadline = Instant::now() + TOKEN_LOCK;
        loop {
            let Some(stored) = self.shared.token().await else {
                return self.inner.fetch_token(ctx).await;
            };
            match stored {
                // Another process renewed it, or this process starts.
                Some((secret, left)) if !self.is_last(&secret) => {
                    self.remember(&secret);
                    return Ok(AccessToken::expiring_in(secret, left + TOKEN_MARGIN));
                }
                // The token this process holds is asked for again: Spotify rejected it.
                Some((secret, _)) => {
                    if self.shared.delete_if("token", &secret).await.is_none() {
                        return self.inner.fetch_token(ctx).await;
                    }
                }
                None => {
                    let owner = format!("{:016x}", rand::random::<u64>());
                    match self.shared.lock_token(&owner).await {
                        None => return self.inner.fetch_token(ctx).await,
                        // Bounded like waiting for the lock, whatever Redis holds.
                        Some(TokenLock::TokenStored | TokenLock::Held)
                            if Instant::now() > deadline =>
                        {
                            return self.inner.fetch_token(ctx).await;
                        }
                        Some(TokenLock::TokenStored) => {}
                        Some(TokenLock::Taken) => {
                            let token = self.inner.fetch_token(ctx).await;
                            if let Ok(token) = &token {
                                self.shared.store_token(token).await;
                                self.remember(token.secret());
                            }
                            self.shared.delete_if("token-lock", &owner).await;
                            return token;
                        }
                        Some(TokenLock::Held) => {
                            tokio::time::sleep(Duration::from_millis(25)).await
                        }
                    }
                }
            }
        }
    }
}

impl AuthProvider for SharedToken {
    fn fetch_token<'a>(&'a self, ctx: &'a AuthContext) -> TokenFuture<'a> {
        Box::pin(self.fetch(ctx))
    }

    fn can_renew(&self) -> bool {
        self.inner.can_renew()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(url: &str) -> Result<crate::Client, Error> {
        crate::Client::builder()
            .access_token("token")
            .coordinate(Redis::new(url).namespace("test"))
            .build()
    }

    #[test]
    fn the_url_password_never_shows() {
        let redis = Redis::new("redis://user:hunter2@127.0.0.1:6379/1").namespace("ns");
        let shown = format!("{redis:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(
            shown.contains("user:redacted@") && shown.contains("ns"),
            "{shown}"
        );
        assert!(!format!("{:?}", Redis::new("not a url:hunter2")).contains("hunter2"));
    }

    #[test]
    fn unusable_urls_are_config_errors_without_the_password() {
        for (url, says) in [
            ("rediss://user:hunter2@redis.example:6380", "TLS"),
            ("redis://user:hunter2@", "Redis URL"),
            ("http://user:hunter2@127.0.0.1:6379", "Redis URL"),
        ] {
            match build(url) {
                Err(Error::Config(message)) => {
                    assert!(!message.contains("hunter2"), "{url}: {message}");
                    assert!(message.contains(says), "{url}: {message}");
                }
                other => panic!("{url}: {other:?}"),
            }
        }
        // A usable URL builds without connecting (Redis is reached on first use).
        assert!(build("redis://user:hunter2@127.0.0.1:1/2").is_ok());
    }
}
