//! Client-side throttling shared by every request of a client: an optional token bucket, and the
//! gate that holds all requests back while a `Retry-After` from Spotify is pending.
//!
//! Written by hand rather than with `governor`: both must run on tokio's clock so that tests (and
//! users' tests) can drive them with a paused, virtual clock; governor keeps its own clock.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// A token bucket: `per_second` tokens refill continuously up to `burst`; each request takes one.
#[derive(Debug)]
pub(crate) struct TokenBucket {
    per_second: f64,
    burst: f64,
    state: Mutex<BucketState>,
}

#[derive(Debug)]
struct BucketState {
    tokens: f64,
    updated: Instant,
}

impl TokenBucket {
    /// A full bucket. `per_second` must be positive and finite, `burst` at least 1 (checked by the
    /// client builder).
    pub fn new(per_second: f64, burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            per_second,
            burst,
            state: Mutex::new(BucketState {
                tokens: burst,
                updated: Instant::now(),
            }),
        }
    }

    /// Takes a token now if one is there, otherwise says how long until one will be. A token is
    /// reserved either way, so concurrent callers queue fairly instead of all waking at once.
    fn reserve(&self, now: Instant) -> Duration {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let elapsed = now.saturating_duration_since(s.updated).as_secs_f64();
        s.tokens = (s.tokens + elapsed * self.per_second).min(self.burst);
        s.updated = now;
        s.tokens -= 1.0;
        if s.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-s.tokens / self.per_second)
        }
    }

    /// Its rate and burst, as `(per_second, burst)`.
    #[cfg(feature = "redis")]
    pub fn rate(&self) -> (f64, f64) {
        (self.per_second, self.burst)
    }

    /// Waits for a token.
    pub async fn acquire(&self) {
        let wait = self.reserve(Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

/// Holds every request of the client until a pending `Retry-After` has passed.
#[derive(Debug, Default)]
pub(crate) struct RetryAfterGate {
    until: Mutex<Option<Instant>>,
}

impl RetryAfterGate {
    /// Spotify asked to wait `wait` from now: no request of this client goes out before then.
    pub fn block_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut guard = self.until.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none_or(|current| current < until) {
            *guard = Some(until);
        }
    }

    /// Waits until no `Retry-After` is pending, unless what is left of it is longer than `cap`:
    /// then returns at once with what is left (the caller fails rather than hang).
    pub async fn wait(&self, cap: Duration) -> Result<(), Duration> {
        loop {
            let until = *self.until.lock().unwrap_or_else(|e| e.into_inner());
            match until {
                Some(t) if t > Instant::now() => {
                    let left = t - Instant::now();
                    if left > cap {
                        return Err(left);
                    }
                    tokio::time::sleep_until(t).await;
                }
                _ => return Ok(()),
            }
        }
    }
}

/// Everything that holds a request back before it leaves: the `Retry-After` gate and the optional
/// token bucket, shared with the client's other processes through Redis when it coordinates
/// (feature `redis`), its own otherwise and whenever Redis does not answer.
#[derive(Default)]
pub(crate) struct Throttle {
    gate: RetryAfterGate,
    bucket: Option<TokenBucket>,
    #[cfg(feature = "redis")]
    pub shared: Option<std::sync::Arc<crate::coordination::Shared>>,
}

impl Throttle {
    /// A throttle with a token bucket of `per_second` and `burst`, if any.
    pub fn new(rate_limit: Option<(f64, u32)>) -> Self {
        Self {
            bucket: rate_limit.map(|(per_second, burst)| TokenBucket::new(per_second, burst)),
            ..Self::default()
        }
    }

    /// Waits until a request may go: no `Retry-After` pending, and a token of the bucket. A
    /// pending `Retry-After` longer than `cap` (the client's `max_retry_after`) is not waited
    /// for: `Err` with what is left of it.
    pub async fn admit(&self, cap: Duration) -> Result<(), Duration> {
        self.gate.wait(cap).await?;
        #[cfg(feature = "redis")]
        if let Some(shared) = &self.shared {
            use crate::coordination::Admission;
            let rates = self.bucket.as_ref().map(TokenBucket::rate);
            loop {
                match shared.admit(rates).await {
                    Some(Admission::GateHeld(wait)) if wait > cap => return Err(wait),
                    Some(Admission::GateHeld(wait)) => tokio::time::sleep(wait).await,
                    Some(Admission::Go(wait)) => {
                        if !wait.is_zero() {
                            tokio::time::sleep(wait).await;
                        }
                        return Ok(());
                    }
                    // Without Redis, or with a bucket that is not ours: the local bucket.
                    Some(Admission::LocalBucket) | None => break,
                }
            }
        }
        if let Some(bucket) = &self.bucket {
            bucket.acquire().await;
        }
        Ok(())
    }

    /// Spotify asked to wait `wait`: every request of the client (and of its fleet) holds back.
    pub async fn hold(&self, wait: Duration) {
        self.gate.block_for(wait);
        #[cfg(feature = "redis")]
        if let Some(shared) = &self.shared {
            shared.hold(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn bucket_allows_burst_then_the_rate() {
        let bucket = TokenBucket::new(10.0, 5);
        let start = Instant::now();
        for _ in 0..5 {
            bucket.acquire().await;
        }
        assert_eq!(Instant::now(), start, "the burst goes out at once");
        for _ in 0..10 {
            bucket.acquire().await;
        }
        let elapsed = Instant::now() - start;
        assert!(
            (elapsed.as_secs_f64() - 1.0).abs() < 1e-6,
            "10 more at 10/s take 1 s of virtual time, took {elapsed:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn bucket_holds_the_rate_over_ten_seconds_under_concurrency() {
        let bucket = std::sync::Arc::new(TokenBucket::new(20.0, 1));
        let start = Instant::now();
        let sent = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let (bucket, sent) = (bucket.clone(), sent.clone());
            tasks.push(tokio::spawn(async move {
                loop {
                    bucket.acquire().await;
                    if Instant::now() - start >= Duration::from_secs(10) {
                        return;
                    }
                    sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let sent = sent.load(std::sync::atomic::Ordering::SeqCst);
        // 1 burst token + 20/s for 10 s = 201 within the window; within 5 %.
        assert!((191..=211).contains(&sent), "sent {sent}");
    }

    #[tokio::test(start_paused = true)]
    async fn gate_holds_requests_until_retry_after_passed() {
        let gate = RetryAfterGate::default();
        let cap = Duration::from_secs(60);
        let start = Instant::now();
        assert_eq!(gate.wait(cap).await, Ok(()));
        assert_eq!(Instant::now(), start);
        gate.block_for(Duration::from_secs(3));
        gate.block_for(Duration::from_secs(1)); // a shorter wait does not shorten the pending one
        assert_eq!(gate.wait(cap).await, Ok(()));
        assert_eq!(Instant::now() - start, Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_pending_wait_longer_than_the_cap_is_not_waited_for() {
        let gate = RetryAfterGate::default();
        let start = Instant::now();
        gate.block_for(Duration::from_secs(3600));
        assert_eq!(
            gate.wait(Duration::from_secs(60)).await,
            Err(Duration::from_secs(3600))
        );
        assert_eq!(Instant::now(), start);
        // Once what is left is within the cap, it is waited for.
        tokio::time::advance(Duration::from_secs(3550)).await;
        assert_eq!(gate.wait(Duration::from_secs(60)).await, Ok(()));
        assert_eq!(Instant::now() - start, Duration::from_secs(3600));
    }
}
