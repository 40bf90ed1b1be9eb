//! The `oauth2` crate's HTTP client interface over the client's own reqwest 0.13 stack.
//!
//! oauth2 5.0's built-in adapter targets reqwest 0.12, while progenitor-client 0.15 uses 0.13; this
//! adapter lets token requests share the proxy, timeout, TLS and pool settings of API requests.

use std::future::Future;
use std::pin::Pin;

use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse};

/// Borrowed reqwest client usable by oauth2's `request_async`.
pub(crate) struct OAuthHttp<'a>(pub &'a reqwest::Client);

/// A transport failure of a token request. Its text is reqwest's, which never includes bodies or
/// headers, so no secret can surface through it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct OAuthHttpError(#[from] pub(crate) reqwest::Error);

impl<'c> AsyncHttpClient<'c> for OAuthHttp<'_> {
    type Error = OAuthHttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request)?;
            let response = self.0.execute(request).await?;
            let status = response.status();
            let headers = response.headers().clone();
            let mut out = http::Response::new(response.bytes().await?.to_vec());
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            Ok(out)
        })
    }
}
