//! The one error type of the crate.

use std::time::Duration;

/// Where a failed request went: the operation and its path template (never the query, which may
/// carry user data, and never a token).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Endpoint {
    /// HTTP method, e.g. `GET`.
    pub method: &'static str,
    /// Path template from the spec, e.g. `/tracks/{id}`.
    pub path: &'static str,
    /// The spec's `operationId`, e.g. `get-track`.
    pub operation_id: &'static str,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// What Spotify said about a failed request: status, its own message, and the endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// Spotify's `error.message` (or `error_description` from the accounts service), if any.
    pub message: Option<String>,
    /// The endpoint that answered, when known.
    pub endpoint: Option<Endpoint>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(endpoint) = &self.endpoint {
            write!(f, " from {endpoint}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong. Messages never contain tokens or client secrets.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 401, or a token could not be obtained. `reauthorize` is set when the user must authorize
    /// again (an `invalid_grant` refresh token, a static token that expired).
    #[error("authentication failed: {detail}{}", if *.reauthorize { " (authorize again to get a \
        new token)" } else { "" })]
    Authentication {
        /// What failed.
        detail: String,
        /// The response, when the failure came from an HTTP answer.
        api: Option<ApiError>,
        /// The user has to go through authorization again.
        reauthorize: bool,
    },
    /// Status 403. `development_mode` is set when Spotify says the endpoint is unavailable to apps
    /// in development mode (many endpoints since February 2026 need an extended-quota app).
    #[error("forbidden: {api}{}", if *.development_mode { " (this endpoint is not available to \
        development-mode apps; it needs extended quota)" } else { "" })]
    Forbidden {
        /// The response.
        api: ApiError,
        /// Spotify restricts this endpoint to extended-quota apps.
        development_mode: bool,
    },
    /// 404.
    #[error("not found: {0}")]
    NotFound(ApiError),
    /// 400 and other 4xx answers about the request itself.
    #[error("bad request: {0}")]
    BadRequest(ApiError),
    /// 429 that was not retried (retries exhausted, or `Retry-After` longer than the configured
    /// cap).
    #[error("rate limited{}: {api}", waiting(retry_after))]
    RateLimited {
        /// How long Spotify asked to wait.
        retry_after: Option<Duration>,
        /// The response.
        api: ApiError,
    },
    /// 5xx after retries.
    #[error("Spotify server error: {0}")]
    Server(ApiError),
    /// Any other unexpected HTTP status.
    #[error("unexpected response: {0}")]
    Http(ApiError),
    /// The request timed out (after retries).
    #[error("request to {} timed out", target(endpoint))]
    Timeout {
        /// The endpoint, when known.
        endpoint: Option<Endpoint>,
    },
    /// The connection failed or broke (after retries).
    #[error("connection to {} failed: {}", target(endpoint), causes(source.as_ref()))]
    Connection {
        /// The endpoint, when known.
        endpoint: Option<Endpoint>,
        /// The transport error (its text never includes headers).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A response body could not be decoded.
    #[error(
        "could not decode the response of {}: {message} at `{path}` (body starts: {snippet:?})",
        target(endpoint)
    )]
    Decode {
        /// The endpoint, when known.
        endpoint: Option<Endpoint>,
        /// The HTTP status of the response.
        status: Option<u16>,
        /// The JSON path of the field that failed, e.g. `items[3].album.release_date`.
        path: String,
        /// What was wrong.
        message: String,
        /// The first bytes of the body, for diagnosis. (A boxed `str` keeps `Error` under 128
        /// bytes, so `Result<T, Error>` stays cheap to return.)
        snippet: Box<str>,
    },
    /// A response body was larger than the client's limit (see
    /// `ClientBuilder::max_response_bytes`).
    #[error("the response of {} exceeds the {limit}-byte limit", target(endpoint))]
    ResponseTooLarge {
        /// The endpoint, when known.
        endpoint: Option<Endpoint>,
        /// The limit in bytes.
        limit: u64,
    },
    /// A paged endpoint misbehaved (repeated a page or a cursor); the stream ends here.
    #[error("pagination of {} stopped: {message}", target(endpoint))]
    Pagination {
        /// The endpoint, when known.
        endpoint: Option<Endpoint>,
        /// What went wrong.
        message: String,
    },
    /// A Spotify ID, URI or URL that does not parse, or names the wrong kind of item.
    #[error("invalid {expected} {input:?}: {reason}")]
    InvalidId {
        /// What the caller gave (IDs are public data, not secrets).
        input: String,
        /// What was expected, e.g. `track ID, URI or URL`.
        expected: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// An argument the API would refuse (empty list, image too large, ...), caught before sending.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The client configuration is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The client was closed with [`Client::close`](crate::Client::close).
    #[error("the client is closed")]
    Closed,
    /// Reading or writing the token cache failed.
    #[error("token cache {path}: {source}")]
    TokenCache {
        /// The cache file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The HTTP status of the answer that caused this error, if there was one.
    pub fn status(&self) -> Option<u16> {
        self.api().map(|a| a.status).or(match self {
            Error::Decode { status, .. } => *status,
            _ => None,
        })
    }

    /// Spotify's own error message, if it sent one.
    pub fn message(&self) -> Option<&str> {
        self.api().and_then(|a| a.message.as_deref())
    }

    /// The endpoint the failed request went to, if known.
    pub fn endpoint(&self) -> Option<&Endpoint> {
        match self {
            Error::Timeout { endpoint }
            | Error::Connection { endpoint, .. }
            | Error::Decode { endpoint, .. }
            | Error::ResponseTooLarge { endpoint, .. }
            | Error::Pagination { endpoint, .. } => endpoint.as_ref(),
            _ => self.api().and_then(|a| a.endpoint.as_ref()),
        }
    }

    /// Whether trying the same call again later may succeed (rate limits, server errors, network).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::RateLimited { .. }
                | Error::Server(_)
                | Error::Timeout { .. }
                | Error::Connection { .. }
        )
    }

    /// How long Spotify asked to wait, for [`Error::RateLimited`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Authentication { api, .. } => api.as_ref(),
            Error::Forbidden { api, .. } | Error::RateLimited { api, .. } => Some(api),
            Error::NotFound(api)
            | Error::BadRequest(api)
            | Error::Server(api)
            | Error::Http(api) => Some(api),
            _ => None,
        }
    }

    /// Classifies a final (not retried) non-success answer.
    pub(crate) fn from_status(api: ApiError, retry_after: Option<Duration>) -> Self {
        match api.status {
            401 => Error::Authentication {
                detail: api
                    .message
                    .clone()
                    .unwrap_or_else(|| "the access token was rejected".into()),
                api: Some(api),
                reauthorize: false,
            },
            403 => {
                let development_mode = api
                    .message
                    .as_deref()
                    .is_some_and(is_development_mode_message);
                Error::Forbidden {
                    api,
                    development_mode,
                }
            }
            404 => Error::NotFound(api),
            429 => Error::RateLimited { retry_after, api },
            500..=599 => Error::Server(api),
            400..=499 => Error::BadRequest(api),
            _ => Error::Http(api),
        }
    }
}

/// Where a request went, for messages: `GET /tracks/{id}`, or `Spotify` when unknown.
fn target(endpoint: &Option<Endpoint>) -> String {
    endpoint
        .as_ref()
        .map_or_else(|| "Spotify".into(), ToString::to_string)
}

/// An error and its causes on one line, outermost first (`error sending request for url (...):
/// client error (Connect): dns error: failed to lookup address information: ...`): what could not
/// be reached, and why. A cause whose text its parent already shows is left out.
fn causes(error: &(dyn std::error::Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        next = cause.source();
    }
    line
}

/// ` (retry after 7 s)`, or nothing.
fn waiting(retry_after: &Option<Duration>) -> String {
    retry_after
        .map(|d| format!(" (retry after {} s)", d.as_secs()))
        .unwrap_or_default()
}

/// Spotify's wording for endpoints closed to development-mode apps varies; match its stable parts.
fn is_development_mode_message(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("development mode")
        || m.contains("extended quota")
        || m.contains("quota mode")
        || m.contains("not available for your app")
}

/// Extracts Spotify's message from an error body: `{"error": {"status", "message"}}` (Web API) or
/// `{"error": "...", "error_description": "..."}` (accounts service). Anything else yields `None`.
pub(crate) fn spotify_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let error = value.get("error")?;
    if let Some(message) = error.get("message").and_then(|m| m.as_str()) {
        return Some(message.to_string());
    }
    let code = error.as_str()?;
    Some(
        match value.get("error_description").and_then(|d| d.as_str()) {
            Some(description) => format!("{code}: {description}"),
            None => code.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_connection_error_says_what_and_why_on_one_line() {
        // Nothing listens on port 1 of this machine: the connection is refused.
        let source = reqwest::get("http://127.0.0.1:1/v1/tracks/x")
            .await
            .unwrap_err();
        let error = Error::Connection {
            endpoint: None,
            source: Box::new(source),
        };
        let text = error.to_string();
        assert!(!text.contains('\n'), "{text}");
        assert!(text.starts_with("connection to Spotify failed: "), "{text}");
        assert!(
            text.contains("127.0.0.1:1"),
            "what could not be reached: {text}"
        );
        let lower = text.to_ascii_lowercase();
        assert!(
            lower.contains("refused") || lower.contains("connect"),
            "why: {text}"
        );
        assert!(
            text.len()
                > "error sending request for url (http://127.0.0.1:1/v1/tracks/x)".len() + 30,
            "the causes are there: {text}"
        );
    }

    fn api(status: u16, message: Option<&str>) -> ApiError {
        ApiError {
            status,
            message: message.map(str::to_string),
            endpoint: Some(Endpoint {
                method: "GET",
                path: "/tracks/{id}",
                operation_id: "get-track",
            }),
        }
    }

    #[test]
    fn statuses_map_to_variants() {
        type IsVariant = fn(&Error) -> bool;
        let cases: &[(u16, IsVariant)] = &[
            (400, |e| matches!(e, Error::BadRequest(_))),
            (401, |e| matches!(e, Error::Authentication { .. })),
            (403, |e| matches!(e, Error::Forbidden { .. })),
            (404, |e| matches!(e, Error::NotFound(_))),
            (409, |e| matches!(e, Error::BadRequest(_))),
            (429, |e| matches!(e, Error::RateLimited { .. })),
            (500, |e| matches!(e, Error::Server(_))),
            (503, |e| matches!(e, Error::Server(_))),
            (302, |e| matches!(e, Error::Http(_))),
            (100, |e| matches!(e, Error::Http(_))),
        ];
        for (status, check) in cases {
            let e = Error::from_status(api(*status, Some("m")), None);
            assert!(check(&e), "{status} -> {e:?}");
            assert_eq!(e.status(), Some(*status));
            assert_eq!(e.message(), Some("m"));
            assert_eq!(e.endpoint().unwrap().path, "/tracks/{id}");
        }
    }

    #[test]
    fn error_stays_small_enough_to_return_by_value() {
        // clippy's `result_large_err` fires at 128 bytes in every user function returning our
        // errors.
        assert!(
            std::mem::size_of::<Error>() < 128,
            "{}",
            std::mem::size_of::<Error>()
        );
    }

    #[test]
    fn development_mode_403_says_so() {
        let e = Error::from_status(
            api(
                403,
                Some("This endpoint is not available for apps in development mode"),
            ),
            None,
        );
        assert!(matches!(
            e,
            Error::Forbidden {
                development_mode: true,
                ..
            }
        ));
        assert!(e.to_string().contains("development-mode apps"), "{e}");
        let plain = Error::from_status(api(403, Some("Insufficient client scope")), None);
        assert!(!plain.to_string().contains("development-mode"), "{plain}");
    }

    #[test]
    fn display_names_endpoint_and_message() {
        let e = Error::from_status(
            api(429, Some("API rate limit exceeded")),
            Some(Duration::from_secs(7)),
        );
        assert_eq!(
            e.to_string(),
            "rate limited (retry after 7 s): HTTP 429 from GET /tracks/{id}: API rate limit \
                exceeded"
        );
        assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
        assert!(e.is_retryable());
    }

    #[test]
    fn spotify_messages_in_both_shapes() {
        assert_eq!(
            spotify_message(br#"{"error":{"status":404,"message":"Non existing id"}}"#).as_deref(),
            Some("Non existing id")
        );
        assert_eq!(
            spotify_message(
                br#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#
            )
            .as_deref(),
            Some("invalid_grant: Refresh token revoked")
        );
        assert_eq!(spotify_message(b"<html>oops</html>"), None);
        assert_eq!(spotify_message(b""), None);
    }
}
