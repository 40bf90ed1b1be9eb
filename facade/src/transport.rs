//! What every generated request goes through: the `Retry-After` gate, the rate limiter, the token, the
//! send, then the retry decision. One request reads as a straight line in [`SdkTransport::send`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use futures::StreamExt;
use reqwest::ResponseBuilderExt;
use reqwest::header::{AUTHORIZATION, HeaderValue, RETRY_AFTER};
use spotify_sdk_generated::operations;
use spotify_sdk_generated::{Transport, TransportFuture};
use tokio::time::Instant;
use tracing::Instrument;

use crate::auth::TokenManager;
use crate::call::CallSlot;
use crate::error::{ApiError, Endpoint, Error, spotify_message};
use crate::rate_limit::{RetryAfterGate, TokenBucket};
use crate::retry::{self, Decision, Outcome, RetryPolicy};

/// Error bodies are read up to this size (Spotify's are tiny; an HTML page or a runaway body is cut).
const MAX_ERROR_BODY: usize = 64 * 1024;

pub(crate) struct SdkTransport {
    pub http: reqwest::Client,
    pub tokens: TokenManager,
    pub policy: RetryPolicy,
    pub bucket: Option<TokenBucket>,
    pub gate: RetryAfterGate,
    pub closed: AtomicBool,
    /// Success bodies larger than this fail with [`Error::ResponseTooLarge`] instead of filling memory.
    pub max_response_bytes: u64,
}

impl Transport for SdkTransport {
    fn execute(
        &self,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> TransportFuture<'_> {
        let endpoint = endpoint(operation_id, request.method());
        let span = tracing::debug_span!(
            "spotify.request",
            method = endpoint.method,
            path = endpoint.path,
            operation = operation_id,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let slot = CallSlot::current();
        Box::pin(self.send(request, endpoint, slot).instrument(span))
    }
}

fn endpoint(operation_id: &'static str, method: &reqwest::Method) -> Endpoint {
    match operations::operation(operation_id) {
        Some(op) => Endpoint {
            method: op.method,
            path: op.path,
            operation_id,
        },
        None => Endpoint {
            method: match *method {
                reqwest::Method::GET => "GET",
                reqwest::Method::POST => "POST",
                reqwest::Method::PUT => "PUT",
                reqwest::Method::DELETE => "DELETE",
                _ => "OTHER",
            },
            path: operation_id,
            operation_id,
        },
    }
}

impl SdkTransport {
    async fn send(
        &self,
        request: reqwest::Request,
        endpoint: Endpoint,
        slot: Option<CallSlot>,
    ) -> reqwest::Result<reqwest::Response> {
        let started = Instant::now();
        let span = tracing::Span::current();
        let fail = |error: Error, status: u16| {
            tracing::debug!(%error, "request failed");
            if let Some(slot) = &slot {
                slot.set_error(error);
            }
            synthetic(status)
        };
        let mut attempt: u32 = 0;
        let mut renewed = false;
        loop {
            if self.closed.load(Ordering::Acquire) {
                return Ok(fail(Error::Closed, 499));
            }
            self.gate.wait().await;
            if let Some(bucket) = &self.bucket {
                bucket.acquire().await;
            }
            let token = match self.tokens.current().await {
                Ok(token) => token,
                Err(error) => return Ok(fail(error, 401)),
            };
            let Some(mut attempt_request) = request.try_clone() else {
                return Ok(fail(
                    Error::InvalidArgument("a streaming body cannot be sent".into()),
                    400,
                ));
            };
            match bearer(token.token.secret()) {
                Some(value) => attempt_request.headers_mut().insert(AUTHORIZATION, value),
                None => {
                    let error = Error::Authentication {
                        detail: "the access token contains characters not allowed in a header"
                            .into(),
                        api: None,
                        reauthorize: false,
                    };
                    return Ok(fail(error, 401));
                }
            };
            span.record("attempt", attempt);
            let idempotent = retry::is_idempotent_operation(endpoint.method, endpoint.operation_id);
            let response = match self.http.execute(attempt_request).await {
                Ok(response) => response,
                Err(transport_error) => {
                    let outcome = if transport_error.is_connect() {
                        Outcome::ConnectFailed
                    } else if transport_error.is_timeout() {
                        Outcome::TimedOut
                    } else {
                        Outcome::ConnectionLost
                    };
                    let decision = retry::decide_for(
                        &self.policy,
                        attempt,
                        idempotent,
                        outcome,
                        rand::random(),
                    );
                    if let Decision::RetryAfter(delay) = decision {
                        tracing::debug!(?outcome, ?delay, "retrying after a transport failure");
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                        continue;
                    }
                    let error = match outcome {
                        Outcome::TimedOut => Error::Timeout {
                            endpoint: Some(endpoint.clone()),
                        },
                        _ => Error::Connection {
                            endpoint: Some(endpoint.clone()),
                            source: Box::new(transport_error),
                        },
                    };
                    return Ok(fail(error, 599));
                }
            };
            let status = response.status().as_u16();
            span.record("status", status);
            span.record("elapsed_ms", started.elapsed().as_millis() as u64);
            if let Some(slot) = &slot {
                slot.set_response(endpoint.clone(), Some(status));
            }
            if response.status().is_success() {
                return Ok(self.success(response, &endpoint, slot.as_ref()));
            }
            if status == 401 && !renewed {
                match self.tokens.renew_after_rejection(token.generation).await {
                    Ok(Some(_)) => {
                        tracing::debug!("access token rejected; renewed it, retrying once");
                        renewed = true;
                        continue;
                    }
                    Ok(None) => {}
                    Err(error) => return Ok(fail(error, 401)),
                }
            }
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
            let outcome = Outcome::Status {
                status,
                retry_after,
            };
            let decision =
                retry::decide_for(&self.policy, attempt, idempotent, outcome, rand::random());
            if let (429, Some(wait), Decision::RetryAfter(_) | Decision::Stop) =
                (status, retry_after, decision)
            {
                // Every request of this client waits, not only this one.
                self.gate.block_for(wait);
            }
            if let Decision::RetryAfter(delay) = decision {
                tracing::debug!(status, ?delay, "retrying");
                drop(response);
                tokio::time::sleep(delay).await;
                attempt += 1;
                continue;
            }
            let (head, body) = read_limited(response).await;
            let api = ApiError {
                status,
                message: spotify_message(&body),
                endpoint: Some(endpoint.clone()),
            };
            let error = match status {
                401 if renewed => Error::Authentication {
                    detail: "Spotify rejected a freshly renewed access token".into(),
                    api: Some(api),
                    reauthorize: true,
                },
                401 => Error::Authentication {
                    detail: api.message.clone().unwrap_or_else(|| {
                        "the access token was rejected and cannot be renewed".into()
                    }),
                    api: Some(api),
                    reauthorize: true,
                },
                _ => Error::from_status(api, retry_after),
            };
            if let Some(slot) = &slot {
                slot.set_error(error);
            }
            return Ok(rebuild(head, body));
        }
    }

    /// A success, with two corrections the generated code needs: the documented success status
    /// (Spotify answers 200 where the spec says 201 and the reverse; the generated code matches exact
    /// codes), and a size cap on the body.
    fn success(
        &self,
        response: reqwest::Response,
        endpoint: &Endpoint,
        slot: Option<&CallSlot>,
    ) -> reqwest::Response {
        let limit = self.max_response_bytes;
        let length = response.content_length();
        if length.is_some_and(|len| len > limit) {
            if let Some(slot) = slot {
                slot.set_error(Error::ResponseTooLarge {
                    endpoint: Some(endpoint.clone()),
                    limit,
                });
            }
            return synthetic(502);
        }
        let documented = operations::operation(endpoint.operation_id)
            .and_then(|op| reqwest::StatusCode::from_u16(op.success_status).ok())
            .filter(|_| response.status() != reqwest::StatusCode::NO_CONTENT);
        // The common case needs neither correction: the status is the documented one, and the body has a
        // Content-Length within the limit (hyper never reads past it). Pass the response through untouched;
        // rebuilding it costs a URL parse and a boxed body stream per request.
        if length.is_some() && documented.is_none_or(|status| status == response.status()) {
            return response;
        }
        // Rebuilding the response would lose its URL (reqwest keeps it outside the `http` parts).
        let mut url = http::Response::builder().url(response.url().clone());
        let mut response: http::Response<reqwest::Body> = response.into();
        if let Some(extensions) = url.extensions_mut() {
            response.extensions_mut().extend(std::mem::take(extensions));
        }
        if let Some(status) = documented {
            *response.status_mut() = status;
        }
        let slot = slot.cloned();
        let endpoint = endpoint.clone();
        let mut seen: u64 = 0;
        let body = std::mem::replace(response.body_mut(), reqwest::Body::from(Vec::<u8>::new()));
        let limited = http_body_util::BodyDataStream::new(body).map(move |chunk| {
            let chunk = chunk?;
            seen += chunk.len() as u64;
            if seen > limit {
                if let Some(slot) = &slot {
                    slot.set_error(Error::ResponseTooLarge {
                        endpoint: Some(endpoint.clone()),
                        limit,
                    });
                }
                return Err(std::io::Error::other("response body exceeds the size limit").into());
            }
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(chunk)
        });
        *response.body_mut() = reqwest::Body::wrap_stream(limited);
        reqwest::Response::from(response)
    }
}

fn bearer(token: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}")).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// Reads at most [`MAX_ERROR_BODY`] bytes of an error response; a broken body just ends early.
async fn read_limited(response: reqwest::Response) -> (http::response::Parts, Vec<u8>) {
    let response: http::Response<reqwest::Body> = response.into();
    let (head, body) = response.into_parts();
    let mut stream = http_body_util::BodyDataStream::new(body);
    let mut out = Vec::new();
    while let Some(Ok(chunk)) = stream.next().await {
        let room = MAX_ERROR_BODY - out.len();
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if out.len() >= MAX_ERROR_BODY {
            break;
        }
    }
    (head, out)
}

fn rebuild(head: http::response::Parts, body: Vec<u8>) -> reqwest::Response {
    reqwest::Response::from(http::Response::from_parts(head, reqwest::Body::from(body)))
}

/// A stand-in response for a request that failed before or without an answer; the real error is in the
/// call slot. Its status only matters to code outside a facade call, which sees a failure either way.
fn synthetic(status: u16) -> reqwest::Response {
    let mut response = http::Response::new(reqwest::Body::from(Vec::<u8>::new()));
    *response.status_mut() =
        reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::BAD_GATEWAY);
    reqwest::Response::from(response)
}

/// How long the client waits before giving up on a connection attempt: the request timeout, but never
/// more than 10 s, so a dead host fails fast and the retry can try again.
pub(crate) fn connect_timeout(timeout: Duration) -> Duration {
    timeout.min(Duration::from_secs(10))
}
