//! The one path every request takes: closed? → `Retry-After` gate → rate limit → token → send and
//! read the body → classify → retry or return. [`Transport::execute`] reads as that line; each
//! step's policy lives elsewhere (`retry` decides, `rate_limit` throttles, `auth` supplies the
//! token), and every outcome comes back through its return value.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures::StreamExt;
use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_LENGTH, HeaderValue, RETRY_AFTER};
use tokio::time::Instant;
use tracing::Instrument;

use crate::auth::{CurrentToken, TokenManager};
use crate::error::{ApiError, Endpoint, Error, spotify_message};
use crate::rate_limit::Throttle;
use crate::retry::{self, Decision, Outcome, RetryPolicy};

/// Error bodies are read up to this size (Spotify's are tiny; an HTML page or a runaway body is
/// cut).
const MAX_ERROR_BODY: usize = 64 * 1024;

pub(crate) struct Transport {
    pub http: reqwest::Client,
    pub tokens: TokenManager,
    pub policy: RetryPolicy,
    pub throttle: Throttle,
    pub closed: AtomicBool,
    /// Success bodies larger than this fail with [`Error::ResponseTooLarge`] instead of filling
    /// memory.
    pub max_response_bytes: u64,
}

/// A successful answer: its status and its whole body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Bytes,
}

/// What one attempt came to.
enum Attempt {
    /// An answer with its status and body (a success body whole, an error body up to
    /// [`MAX_ERROR_BODY`]).
    Answered {
        status: u16,
        retry_after: Option<Duration>,
        body: Bytes,
    },
    /// No (whole) answer: connection refused, timed out, or broken before the body was read.
    Failed {
        outcome: Outcome,
        source: reqwest::Error,
    },
}

impl Transport {
    /// Sends `request` to `endpoint` until it succeeds or fails for good, and returns the answer
    /// with its body read (inside the retry loop: a body cut off mid-way is retried like a broken
    /// connection, when the request is safe to send again).
    pub async fn execute(
        &self,
        request: reqwest::Request,
        endpoint: &Endpoint,
    ) -> Result<Answer, Error> {
        let span = tracing::debug_span!(
            "spotify.request",
            method = endpoint.method,
            path = endpoint.path,
            operation = endpoint.operation_id,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let result = self.run(request, endpoint).instrument(span).await;
        if let Err(error) = &result {
            tracing::debug!(%error, "request failed");
        }
        result
    }

    async fn run(
        &self,
        mut request: reqwest::Request,
        endpoint: &Endpoint,
    ) -> Result<Answer, Error> {
        with_length(&mut request);
        let started = Instant::now();
        let span = tracing::Span::current();
        let idempotent = retry::is_idempotent_operation(endpoint.method, endpoint.operation_id);
        let mut attempt: u32 = 0;
        let mut renewed = false;
        loop {
            if self.closed.load(Ordering::Acquire) {
                return Err(Error::Closed);
            }
            if let Err(left) = self.throttle.admit(self.policy.max_retry_after).await {
                return Err(still_limited(left, endpoint));
            }
            let token = self.tokens.current().await?;
            let authorized = authorized(&request, &token)?;
            span.record("attempt", attempt);
            let (status, retry_after, body) = match self.attempt(authorized, endpoint).await? {
                Attempt::Failed { outcome, source } => {
                    let decision =
                        retry::decide(&self.policy, attempt, idempotent, outcome, rand::random());
                    if let Decision::RetryAfter(delay) = decision {
                        tracing::debug!(?outcome, ?delay, "retrying after a transport failure");
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                        continue;
                    }
                    return Err(failed(outcome, source, endpoint));
                }
                Attempt::Answered {
                    status,
                    retry_after,
                    body,
                } => (status, retry_after, body),
            };
            span.record("status", status);
            span.record("elapsed_ms", started.elapsed().as_millis() as u64);
            if (200..300).contains(&status) {
                return Ok(Answer { status, body });
            }
            if status == 401
                && !renewed
                && let Some(_) = self.tokens.renew_after_rejection(token.generation).await?
            {
                tracing::debug!("access token rejected; renewed it, retrying once");
                renewed = true;
                continue;
            }
            let outcome = Outcome::Status {
                status,
                retry_after,
            };
            let decision =
                retry::decide(&self.policy, attempt, idempotent, outcome, rand::random());
            if let (429, Some(wait), Decision::RetryAfter(_) | Decision::Stop) =
                (status, retry_after, decision)
            {
                // Every request of this client waits, not only this one.
                self.throttle.hold(wait).await;
            }
            if let Decision::RetryAfter(delay) = decision {
                tracing::debug!(status, ?delay, "retrying");
                tokio::time::sleep(delay).await;
                attempt += 1;
                continue;
            }
            return Err(rejected(status, retry_after, &body, renewed, endpoint));
        }
    }

    /// One send: the answer with its body read, or why there is none. Only a body over the size
    /// limit is an error here (it is final: sending again would bring the same body).
    async fn attempt(
        &self,
        request: reqwest::Request,
        endpoint: &Endpoint,
    ) -> Result<Attempt, Error> {
        let response = match self.http.execute(request).await {
            Ok(response) => response,
            Err(source) => {
                let outcome = if source.is_connect() {
                    Outcome::ConnectFailed
                } else if source.is_timeout() {
                    Outcome::TimedOut
                } else {
                    Outcome::ConnectionLost
                };
                return Ok(Attempt::Failed { outcome, source });
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
        let limit = if (200..300).contains(&status) {
            self.max_response_bytes
        } else {
            MAX_ERROR_BODY as u64
        };
        let too_large = || Error::ResponseTooLarge {
            endpoint: Some(endpoint.clone()),
            limit,
        };
        if (200..300).contains(&status) && response.content_length().is_some_and(|len| len > limit)
        {
            return Err(too_large());
        }
        // An error body is only read for its message: the start of it is enough.
        let keep_prefix = !(200..300).contains(&status);
        match read_body(response, limit, keep_prefix).await {
            Ok(Body::Whole(body)) | Ok(Body::Cut(Some(body))) => Ok(Attempt::Answered {
                status,
                retry_after,
                body,
            }),
            Ok(Body::Cut(None)) => Err(too_large()),
            Err(source) => {
                let outcome = if source.is_timeout() {
                    Outcome::TimedOut
                } else {
                    Outcome::ConnectionLost
                };
                Ok(Attempt::Failed { outcome, source })
            }
        }
    }
}

/// A body read up to a limit.
enum Body {
    Whole(Bytes),
    /// Longer than the limit: its first `limit` bytes when asked for, else nothing (the rest is
    /// never read).
    Cut(Option<Bytes>),
}

/// Reads the body, stopping past `limit` bytes (hyper never reads past a declared `Content-Length`,
/// and a body without one is counted as it streams).
async fn read_body(
    response: reqwest::Response,
    limit: u64,
    keep_prefix: bool,
) -> reqwest::Result<Body> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if response
        .content_length()
        .is_some_and(|len| len as usize <= limit)
    {
        return response.bytes().await.map(Body::Whole);
    }
    let mut stream = response.bytes_stream();
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        if out.len() + chunk.len() > limit {
            let prefix = keep_prefix.then(|| {
                out.extend_from_slice(&chunk[..limit - out.len()]);
                Bytes::from(out)
            });
            return Ok(Body::Cut(prefix));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Body::Whole(out.into()))
}

/// A copy of `request` carrying the token. Every attempt sends a fresh copy: a retry may carry a
/// renewed token.
fn authorized(request: &reqwest::Request, token: &CurrentToken) -> Result<reqwest::Request, Error> {
    let mut copy = request
        .try_clone()
        .ok_or_else(|| Error::InvalidArgument("a streaming body cannot be sent".into()))?;
    copy.headers_mut()
        .insert(AUTHORIZATION, token.bearer.clone());
    Ok(copy)
}

/// Spotify's front end answers `411 Length Required` to a POST or PUT without a length
/// (spotify/web-api#859), and many of its writes have no body (`POST /me/player/next`,
/// `PUT /me/library?uris=`): those say `Content-Length: 0`. Done once per request, before its
/// attempts (each attempt sends a copy).
fn with_length(request: &mut reqwest::Request) {
    let bodiless = request
        .body()
        .is_none_or(|b| b.as_bytes().is_some_and(<[u8]>::is_empty));
    if bodiless && !matches!(*request.method(), Method::GET | Method::HEAD) {
        request
            .headers_mut()
            .insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
    }
}

/// The error for an attempt that got no answer and is not retried.
fn failed(outcome: Outcome, source: reqwest::Error, endpoint: &Endpoint) -> Error {
    match outcome {
        Outcome::TimedOut => Error::Timeout {
            endpoint: Some(endpoint.clone()),
        },
        _ => Error::Connection {
            endpoint: Some(endpoint.clone()),
            source: Box::new(source),
        },
    }
}

/// The error for a final non-success answer.
fn rejected(
    status: u16,
    retry_after: Option<Duration>,
    body: &[u8],
    renewed: bool,
    endpoint: &Endpoint,
) -> Error {
    let api = ApiError {
        status,
        message: spotify_message(body),
        endpoint: Some(endpoint.clone()),
    };
    match Error::from_status(api, retry_after) {
        // A 401 reaching here could not be cured by renewing the token: only authorizing again
        // helps.
        Error::Authentication { detail, api, .. } => Error::Authentication {
            detail: if renewed {
                "Spotify rejected a freshly renewed access token".into()
            } else {
                detail
            },
            api,
            reauthorize: true,
        },
        other => other,
    }
}

/// A request not sent because an earlier answer's `Retry-After`, longer than the client waits
/// for, has not passed yet: the same error that answer gave, with what is left of the wait.
fn still_limited(left: Duration, endpoint: &Endpoint) -> Error {
    Error::RateLimited {
        retry_after: Some(left),
        api: ApiError {
            status: 429,
            message: Some(
                "not sent: an earlier 429's Retry-After (longer than max_retry_after) is pending"
                    .into(),
            ),
            endpoint: Some(endpoint.clone()),
        },
    }
}

/// How long the client waits before giving up on a connection attempt: the request timeout, but
/// never more than 10 s, so a dead host fails fast and the retry can try again.
pub(crate) fn connect_timeout(timeout: Duration) -> Duration {
    timeout.min(Duration::from_secs(10))
}
