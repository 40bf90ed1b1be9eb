//! One token for all of a client's requests: fetched once (single flight), renewed before expiry,
//! and renewed at most once per rejected token after a 401.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use super::{AccessToken, AuthContext, AuthProvider};
use crate::Error;

/// Renew this long before the token's announced expiry, so a request never leaves with a token that
/// expires in flight.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// A token together with its generation: a 401 names the generation it was rejected with, so 50
/// tasks rejected with the same token cause one renewal, not 50. The `Authorization` header is made
/// once per token, not once per request.
#[derive(Clone, Debug)]
pub(crate) struct CurrentToken {
    pub token: AccessToken,
    pub generation: u64,
    /// `Bearer <token>`, marked sensitive (never printed by `Debug`, never indexed by HTTP/2
    /// HPACK).
    pub bearer: HeaderValue,
}

pub(crate) struct TokenManager {
    provider: Arc<dyn AuthProvider>,
    ctx: AuthContext,
    // An async mutex held across the fetch: that is what makes the fetch single-flight.
    state: tokio::sync::Mutex<Option<CurrentToken>>,
}

impl TokenManager {
    pub fn new(provider: Arc<dyn AuthProvider>, ctx: AuthContext) -> Self {
        Self {
            provider,
            ctx,
            state: tokio::sync::Mutex::new(None),
        }
    }

    pub fn context(&self) -> &AuthContext {
        &self.ctx
    }

    /// The token to send now, fetching or renewing it when needed.
    pub async fn current(&self) -> Result<CurrentToken, Error> {
        let mut state = self.state.lock().await;
        if let Some(current) = state.as_ref()
            && !(self.provider.can_renew() && current.token.expires_within(EXPIRY_MARGIN))
        {
            return Ok(current.clone());
        }
        self.fetch_into(&mut state).await
    }

    /// Spotify rejected the token of `generation`. Returns the token to retry with, or `None` when
    /// the provider cannot renew (the 401 is final).
    pub async fn renew_after_rejection(
        &self,
        generation: u64,
    ) -> Result<Option<CurrentToken>, Error> {
        if !self.provider.can_renew() {
            return Ok(None);
        }
        let mut state = self.state.lock().await;
        if let Some(current) = state.as_ref()
            && current.generation != generation
        {
            // Someone else already renewed it while we waited for the lock.
            return Ok(Some(current.clone()));
        }
        self.fetch_into(&mut state).await.map(Some)
    }

    async fn fetch_into(&self, state: &mut Option<CurrentToken>) -> Result<CurrentToken, Error> {
        let token = self.provider.fetch_token(&self.ctx).await?;
        let generation = state.as_ref().map_or(1, |c| c.generation + 1);
        let mut bearer =
            HeaderValue::from_str(&format!("Bearer {}", token.secret())).map_err(|_| {
                Error::Authentication {
                    detail: "the access token contains characters not allowed in a header".into(),
                    api: None,
                    reauthorize: false,
                }
            })?;
        bearer.set_sensitive(true);
        let current = CurrentToken {
            token,
            generation,
            bearer,
        };
        *state = Some(current.clone());
        Ok(current)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::auth::TokenFuture;

    struct Counting(AtomicU32, Duration);

    impl AuthProvider for Counting {
        fn fetch_token<'a>(&'a self, _: &'a AuthContext) -> TokenFuture<'a> {
            Box::pin(async move {
                let n = self.0.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(10)).await;
                Ok(AccessToken::expiring_in(format!("t{n}"), self.1))
            })
        }
    }

    fn manager(lifetime: Duration) -> (Arc<TokenManager>, Arc<Counting>) {
        let provider = Arc::new(Counting(AtomicU32::new(0), lifetime));
        let ctx = AuthContext::new(
            reqwest::Client::new(),
            "http://127.0.0.1:1".parse().unwrap(),
        );
        (Arc::new(TokenManager::new(provider.clone(), ctx)), provider)
    }

    #[tokio::test(start_paused = true)]
    async fn fifty_concurrent_callers_fetch_once_and_renew_once() {
        let (m, p) = manager(Duration::from_secs(3600));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let m = m.clone();
                tokio::spawn(async move { m.current().await.unwrap() })
            })
            .collect();
        let first: Vec<_> = futures::future::join_all(tasks).await;
        assert_eq!(p.0.load(Ordering::SeqCst), 1);
        let generation = first[0].as_ref().unwrap().generation;
        let renewals: Vec<_> = (0..50)
            .map(|_| {
                let m = m.clone();
                tokio::spawn(
                    async move { m.renew_after_rejection(generation).await.unwrap().unwrap() },
                )
            })
            .collect();
        for r in futures::future::join_all(renewals).await {
            assert_eq!(r.unwrap().token.secret(), "t1");
        }
        assert_eq!(
            p.0.load(Ordering::SeqCst),
            2,
            "one renewal for all 50 rejections"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn renews_before_expiry() {
        let (m, p) = manager(Duration::from_secs(120));
        assert_eq!(m.current().await.unwrap().token.secret(), "t0");
        tokio::time::advance(Duration::from_secs(50)).await;
        assert_eq!(m.current().await.unwrap().token.secret(), "t0");
        tokio::time::advance(Duration::from_secs(11)).await;
        assert_eq!(m.current().await.unwrap().token.secret(), "t1");
        assert_eq!(p.0.load(Ordering::SeqCst), 2);
    }
}
