//! When to retry, and how long to wait: pure functions of (attempt, method, outcome), table-tested.
//! The transport supplies the clock and the random jitter, so nothing here sleeps or reads time.

use std::time::Duration;

/// Retry and backoff settings. Defaults: 3 retries, 0.5 s initial delay doubling up to 8 s with
/// full jitter, and `Retry-After` honoured up to 60 s.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// Backoff before the first retry (before jitter).
    pub initial_backoff: Duration,
    /// Growth factor per retry.
    pub multiplier: f64,
    /// Upper bound of one backoff (before jitter).
    pub max_backoff: Duration,
    /// A 429 whose `Retry-After` is longer than this fails at once with
    /// [`Error::RateLimited`](crate::Error::RateLimited) instead of waiting.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(500),
            multiplier: 2.0,
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// What one attempt came to, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status (and `Retry-After`, if it sent one).
    Status {
        /// HTTP status code.
        status: u16,
        /// Parsed `Retry-After`.
        retry_after: Option<Duration>,
    },
    /// The connection could not be made: the request certainly did not reach the server.
    ConnectFailed,
    /// No answer in time: the request may have reached the server.
    TimedOut,
    /// The connection broke after the request was sent: it may have reached the server.
    ConnectionLost,
}

/// What to do next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Success, or a failure not worth retrying: stop here.
    Stop,
    /// Try again after this long.
    RetryAfter(Duration),
    /// A 429 asked for a longer wait than the policy allows: fail now with `RateLimited`.
    TooLongToWait,
}

/// Methods whose effect is the same when applied twice. Spotify's POSTs (add items, create
/// playlist, queue, skip) are not: they are resent only when they certainly did not arrive, or on
/// 429 (which Spotify answers before doing anything).
pub fn is_idempotent(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS")
}

/// Operations whose method says idempotent but whose effect is not: reordering playlist items is a
/// PUT that moves items relative to where they are now, so applying it twice moves them twice. (The
/// same operation also replaces items, which is idempotent; one operation gets one rule.)
const NOT_IDEMPOTENT: &[&str] = &[
    "reorder-or-replace-playlists-items",
    "reorder-or-replace-playlists-tracks",
];

/// Whether sending the operation `operation_id` twice has the effect of sending it once: its method
/// decides (see [`is_idempotent`]), except for the few operations Spotify defines otherwise.
pub fn is_idempotent_operation(method: &str, operation_id: &str) -> bool {
    is_idempotent(method) && !NOT_IDEMPOTENT.contains(&operation_id)
}

/// Decides whether attempt number `attempt` (0 for the first) of a request that is `idempotent`
/// (see [`is_idempotent_operation`]) is followed by another.
///
/// `jitter` is a uniform random number in `[0, 1)`; the backoff is `jitter * min(max, initial *
/// mult^attempt)` ("full jitter"). A `Retry-After` is honoured exactly, never shortened.
pub fn decide(
    policy: &RetryPolicy,
    attempt: u32,
    idempotent: bool,
    outcome: Outcome,
    jitter: f64,
) -> Decision {
    let retryable = match outcome {
        Outcome::Status { status: 429, .. } | Outcome::ConnectFailed => true,
        // 408: the server gave up waiting for the request (the large cloud SDKs retry it too).
        Outcome::Status {
            status: 408 | 500 | 502 | 503 | 504,
            ..
        }
        | Outcome::TimedOut
        | Outcome::ConnectionLost => idempotent,
        Outcome::Status { .. } => false,
    };
    if !retryable {
        return Decision::Stop;
    }
    if let Outcome::Status {
        status: 429,
        retry_after: Some(wait),
    } = outcome
    {
        if wait > policy.max_retry_after {
            return Decision::TooLongToWait;
        }
        if attempt >= policy.max_retries {
            return Decision::Stop;
        }
        return Decision::RetryAfter(wait);
    }
    if attempt >= policy.max_retries {
        return Decision::Stop;
    }
    Decision::RetryAfter(backoff(policy, attempt).mul_f64(jitter.clamp(0.0, 1.0)))
}

/// The backoff ceiling before retry number `attempt + 1`, before jitter.
pub fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let factor = policy.multiplier.powi(attempt.min(64) as i32);
    let secs = policy.initial_backoff.as_secs_f64() * factor;
    if !secs.is_finite() || secs >= policy.max_backoff.as_secs_f64() {
        policy.max_backoff
    } else {
        Duration::from_secs_f64(secs)
    }
}

/// Parses `Retry-After`: delta-seconds (what Spotify sends) or an HTTP date relative to `now`.
/// Unparseable values give `None` (the caller falls back to backoff).
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>()
        && secs.is_finite()
        && secs >= 0.0
    {
        return Some(Duration::from_secs_f64(secs.ceil()));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::*;
    use Outcome::*;

    fn status(status: u16) -> Outcome {
        Status {
            status,
            retry_after: None,
        }
    }

    #[test]
    fn decision_table() {
        let p = RetryPolicy::default();
        let s = Duration::from_secs;
        #[rustfmt::skip]
        let table: &[(u32, &str, Outcome, Decision)] = &[
            // success and client errors stop
            (0, "GET", status(200), Stop),
            (0, "GET", status(204), Stop),
            (0, "GET", status(400), Stop),
            (0, "GET", status(401), Stop),
            (0, "GET", status(403), Stop),
            (0, "GET", status(404), Stop),
            (0, "GET", status(501), Stop),
            // 5xx retried for idempotent methods, with backoff growing per attempt (jitter = 1)
            (0, "GET", status(500), RetryAfter(Duration::from_millis(500))),
            (1, "GET", status(502), RetryAfter(s(1))),
            (2, "PUT", status(503), RetryAfter(s(2))),
            (2, "DELETE", status(504), RetryAfter(s(2))),
            (3, "GET", status(503), Stop),
            // POST is not resent after it may have arrived...
            (0, "POST", status(500), Stop),
            // 408 Request Timeout: retried like a timeout, not for a POST
            (0, "GET", status(408), RetryAfter(Duration::from_millis(500))),
            (0, "POST", status(408), Stop),
            (0, "POST", TimedOut, Stop),
            (0, "POST", ConnectionLost, Stop),
            // ...but is when it certainly did not, or on 429
            (0, "POST", ConnectFailed, RetryAfter(Duration::from_millis(500))),
            (0, "POST", status(429), RetryAfter(Duration::from_millis(500))),
            (0, "GET", TimedOut, RetryAfter(Duration::from_millis(500))),
            (0, "GET", ConnectionLost, RetryAfter(Duration::from_millis(500))),
            // Retry-After is honoured exactly, for any method
            (0, "GET", Status { status: 429, retry_after: Some(s(7)) }, RetryAfter(s(7))),
            (2, "POST", Status { status: 429, retry_after: Some(s(0)) }, RetryAfter(s(0))),
            (3, "GET", Status { status: 429, retry_after: Some(s(1)) }, Stop),
            // ...unless it is longer than the cap: fail at once
            (0, "GET", Status { status: 429, retry_after: Some(s(61)) }, TooLongToWait),
            (0, "GET", Status { status: 429, retry_after: Some(s(60)) }, RetryAfter(s(60))),
            // backoff is capped at max_backoff
            (10, "GET", ConnectFailed, Stop),
        ];
        for (attempt, method, outcome, expected) in table {
            assert_eq!(
                decide(&p, *attempt, is_idempotent(method), *outcome, 1.0),
                *expected,
                "attempt {attempt} {method} {outcome:?}"
            );
        }
    }

    #[test]
    fn reordering_playlist_items_is_not_idempotent() {
        let p = RetryPolicy::default();
        for op in [
            "reorder-or-replace-playlists-items",
            "reorder-or-replace-playlists-tracks",
        ] {
            assert!(!is_idempotent_operation("PUT", op), "{op}");
            let idempotent = is_idempotent_operation("PUT", op);
            assert_eq!(decide(&p, 0, idempotent, ConnectionLost, 1.0), Stop);
            assert_eq!(decide(&p, 0, idempotent, TimedOut, 1.0), Stop);
            assert_eq!(decide(&p, 0, idempotent, status(503), 1.0), Stop);
            // It certainly did not arrive, or Spotify did nothing: resent.
            assert_ne!(decide(&p, 0, idempotent, ConnectFailed, 1.0), Stop);
            assert_ne!(decide(&p, 0, idempotent, status(429), 1.0), Stop);
        }
        assert!(is_idempotent_operation("PUT", "save-tracks-user"));
        assert!(is_idempotent_operation("DELETE", "remove-items-playlist"));
        assert!(!is_idempotent_operation("POST", "add-items-to-playlist"));
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let p = RetryPolicy {
            max_retries: 20,
            ..RetryPolicy::default()
        };
        assert_eq!(backoff(&p, 0), Duration::from_millis(500));
        assert_eq!(backoff(&p, 4), Duration::from_secs(8));
        assert_eq!(backoff(&p, 10), Duration::from_secs(8));
        assert_eq!(backoff(&p, u32::MAX), Duration::from_secs(8));
        assert_eq!(
            decide(&p, 10, true, ConnectFailed, 0.25),
            RetryAfter(Duration::from_secs(2))
        );
        assert_eq!(
            decide(&p, 0, true, ConnectFailed, 0.0),
            RetryAfter(Duration::ZERO)
        );
    }

    #[test]
    fn zero_retries_never_retries() {
        let p = RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        };
        assert_eq!(decide(&p, 0, true, status(503), 1.0), Stop);
        assert_eq!(decide(&p, 0, true, ConnectFailed, 1.0), Stop);
    }

    #[test]
    fn retry_after_forms() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after(" 10 ", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(parse_retry_after("1.2", now), Some(Duration::from_secs(2)));
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now),
            Some(Duration::ZERO)
        );
        for bad in [
            "",
            "soon",
            "-1",
            "NaN",
            "inf",
            "Sun, 06 Nov 1994 25:00:00 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }
}
