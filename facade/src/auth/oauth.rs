//! Everything between us and the `oauth2` crate: its HTTP client over the client's own reqwest
//! stack, our token from its response, and its errors mapped without leaking a credential.
//!
//! oauth2 5.0's built-in adapter targets reqwest 0.12, while the client uses 0.13; this adapter
//! lets token requests share the proxy, timeout, TLS and pool settings of API requests.

use std::future::Future;
use std::pin::Pin;

use oauth2::basic::{BasicErrorResponse, BasicErrorResponseType};
use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse, RequestTokenError, TokenResponse};

use super::AccessToken;
use crate::Error;

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

/// Our token from oauth2's response (no expiry given means none known).
pub(crate) fn access_token(response: &impl TokenResponse) -> AccessToken {
    let value = response.access_token().secret().clone();
    match response.expires_in() {
        Some(expires_in) => AccessToken::expiring_in(value, expires_in),
        None => AccessToken::new(value),
    }
}

/// The credentials a token request carried (`secrets`, and the client's ID and secret when they go
/// in an HTTP Basic header), in every form a server could quote them back in: as is, form-encoded,
/// and the Basic header's base64. Longest first.
pub(crate) fn sent_forms(secrets: &[&str], client: Option<(&str, &str)>) -> Vec<String> {
    use base64::Engine as _;
    let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let mut forms = Vec::new();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        forms.push(secret.to_string());
        forms.push(encode(secret));
    }
    if let Some((id, secret)) = client {
        for pair in [
            format!("{id}:{secret}"),
            format!("{}:{}", encode(id), encode(secret)),
        ] {
            forms.push(base64::engine::general_purpose::STANDARD.encode(pair));
        }
    }
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    forms.dedup();
    forms
}

/// `text` with every form of a sent credential replaced.
fn redact(text: &str, sent: &[String]) -> String {
    sent.iter()
        .filter(|form| form.len() >= 6)
        .fold(text.to_string(), |text, form| {
            text.replace(form.as_str(), "<redacted>")
        })
}

/// Maps oauth2's error without ever including the response body (it may hold tokens). The server's
/// error code and description are kept — except any credential of the request (`sent`, see
/// [`sent_forms`]) they quote back.
pub(crate) fn token_error(
    e: RequestTokenError<OAuthHttpError, BasicErrorResponse>,
    sent: &[String],
) -> Error {
    match e {
        RequestTokenError::ServerResponse(response) => {
            let code = redact(response.error().as_ref(), sent);
            let description = response
                .error_description()
                .map(|d| format!(": {}", redact(d, sent)))
                .unwrap_or_default();
            match response.error() {
                BasicErrorResponseType::InvalidGrant => auth_error(
                    &format!(
                        "the authorization code or refresh token was rejected ({code}{description})"
                    ),
                    true,
                ),
                BasicErrorResponseType::InvalidClient => auth_error(
                    &format!("the client ID or secret was rejected ({code}{description})"),
                    false,
                ),
                _ => auth_error(
                    &format!("token request refused ({code}{description})"),
                    false,
                ),
            }
        }
        RequestTokenError::Request(OAuthHttpError(e)) if e.is_timeout() => {
            Error::Timeout { endpoint: None }
        }
        RequestTokenError::Request(OAuthHttpError(e)) => Error::Connection {
            endpoint: None,
            source: Box::new(e),
        },
        RequestTokenError::Parse(e, _body) => Error::Decode {
            endpoint: None,
            status: None,
            path: e.path().to_string(),
            message: "the token response is not valid".into(),
            snippet: "<token response withheld>".into(),
        },
        RequestTokenError::Other(message) => auth_error(&message, false),
    }
}

pub(crate) fn auth_error(detail: &str, reauthorize: bool) -> Error {
    Error::Authentication {
        detail: detail.to_string(),
        api: None,
        reauthorize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_error_never_quotes_what_was_sent() {
        let sent = sent_forms(
            &["refresh/token+1", "the-client-secret"],
            Some(("my-id", "the-client-secret")),
        );
        let basic = {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.encode("my-id:the-client-secret")
        };
        let echo = format!(
            "bad refresh/token+1 or refresh%2Ftoken%2B1 from Basic {basic} the-client-secret"
        );
        let response = BasicErrorResponse::new(
            BasicErrorResponseType::Extension("echo the-client-secret".into()),
            Some(echo),
            None,
        );
        let e = token_error(RequestTokenError::ServerResponse(response), &sent);
        let text = format!("{e} {e:?}");
        for leaked in [
            "refresh/token+1",
            "refresh%2Ftoken%2B1",
            basic.as_str(),
            "the-client-secret",
        ] {
            assert!(!text.contains(leaked), "{leaked} in {text}");
        }
        assert!(
            text.contains("<redacted>") && text.contains("bad"),
            "{text}"
        );
    }
}
