//! The accounts service: `POST /api/token` (client credentials, authorization code with or without
//! PKCE, refresh) and `GET /authorize`, and the access tokens the Web API accepts.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Extension;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::faults::FaultRequest;
use crate::record::{RecordedRequest, parse_query};
use crate::reply::{ApiResult, Reply};
use crate::server::ConnCtl;
use crate::shared::{Shared, after, before};

/// The client id the mock knows from the start.
pub const DEFAULT_CLIENT_ID: &str = "mock-client-id";
/// The secret of [`DEFAULT_CLIENT_ID`].
pub const DEFAULT_CLIENT_SECRET: &str = "mock-client-secret";

/// Tokens, codes and clients.
pub(crate) struct AuthState {
    pub clients: HashMap<String, String>,
    access: HashMap<String, AccessToken>,
    refresh: HashMap<String, RefreshToken>,
    codes: HashMap<String, AuthCode>,
    counter: u64,
    pub rotate_refresh_tokens: bool,
    pub authorize_error: Option<String>,
    pub expires_in: Duration,
}

struct AccessToken {
    expires_at: Instant,
    expired: bool,
}

struct RefreshToken {
    client_id: String,
    scope: String,
    valid: bool,
}

struct AuthCode {
    client_id: String,
    redirect_uri: String,
    challenge: Option<String>,
    scope: String,
    used: bool,
}

/// What an access token is worth.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TokenStatus {
    Valid,
    Expired,
    Invalid,
}

impl Default for AuthState {
    fn default() -> AuthState {
        AuthState {
            clients: HashMap::from([(
                DEFAULT_CLIENT_ID.to_string(),
                DEFAULT_CLIENT_SECRET.to_string(),
            )]),
            access: HashMap::new(),
            refresh: HashMap::new(),
            codes: HashMap::new(),
            counter: 0,
            rotate_refresh_tokens: false,
            authorize_error: None,
            expires_in: Duration::from_secs(3600),
        }
    }
}

impl AuthState {
    fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        let salt =
            crate::catalog::mock_id(&format!("{prefix}:{}:{:?}", self.counter, Instant::now()));
        format!("{prefix}-{}-{salt}", self.counter)
    }

    /// Issues a new access token.
    pub fn issue_access(&mut self) -> String {
        let token = self.next("mock-access");
        let expires_at = Instant::now() + self.expires_in;
        self.access.insert(
            token.clone(),
            AccessToken {
                expires_at,
                expired: false,
            },
        );
        token
    }

    /// Whether the API accepts `token`: one the mock issued that has not expired, or `static-...`.
    pub fn check(&self, token: &str) -> TokenStatus {
        if token.starts_with("static-") {
            return TokenStatus::Valid;
        }
        match self.access.get(token) {
            None => TokenStatus::Invalid,
            Some(t) if t.expired || Instant::now() >= t.expires_at => TokenStatus::Expired,
            Some(_) => TokenStatus::Valid,
        }
    }

    /// Every access and refresh token issued so far (for tests that look for leaked secrets).
    pub fn issued(&self) -> Vec<String> {
        self.access
            .keys()
            .chain(self.refresh.keys())
            .cloned()
            .collect()
    }

    pub fn expire_all(&mut self) {
        self.access.values_mut().for_each(|t| t.expired = true);
    }

    fn access_response(&mut self, scope: Option<&str>, refresh: Option<String>) -> Reply {
        let mut body = json!({
            "access_token": self.issue_access(),
            "token_type": "Bearer",
            "expires_in": self.expires_in.as_secs(),
        });
        if let Some(scope) = scope {
            body["scope"] = json!(scope);
        }
        if let Some(refresh) = refresh {
            body["refresh_token"] = json!(refresh);
        }
        Reply::json(200, body)
    }

    fn issue_refresh(&mut self, client_id: &str, scope: &str) -> String {
        let token = self.next("mock-refresh");
        let entry = RefreshToken {
            client_id: client_id.to_string(),
            scope: scope.to_string(),
            valid: true,
        };
        self.refresh.insert(token.clone(), entry);
        token
    }

    /// Checks the client; the secret may be omitted only when `secret_required` is false.
    fn authenticate(&self, creds: &Credentials, secret_required: bool) -> Result<String, Reply> {
        let invalid = |d: &str| Reply::oauth_error(400, "invalid_client", d);
        let Some(id) = &creds.id else {
            return Err(invalid("Invalid client"));
        };
        let Some(expected) = self.clients.get(id) else {
            return Err(invalid("Invalid client"));
        };
        match &creds.secret {
            Some(secret) if secret == expected => Ok(id.clone()),
            Some(_) => Err(invalid("Invalid client secret")),
            None if secret_required => Err(invalid("Invalid client secret")),
            None => Ok(id.clone()),
        }
    }

    /// Handles a token request.
    fn token(&mut self, form: &HashMap<String, String>, creds: &Credentials) -> ApiResult {
        let invalid_grant = |d: &str| Reply::oauth_error(400, "invalid_grant", d);
        match form.get("grant_type").map(String::as_str) {
            Some("client_credentials") => {
                self.authenticate(creds, true)?;
                Ok(self.access_response(None, None))
            }
            Some("authorization_code") => {
                let client_id = self.authenticate(creds, false)?;
                let code = form.get("code").map(String::as_str).unwrap_or_default();
                let Some(entry) = self
                    .codes
                    .get(code)
                    .filter(|c| !c.used && c.client_id == client_id)
                else {
                    return Err(invalid_grant("Invalid authorization code"));
                };
                if form.get("redirect_uri") != Some(&entry.redirect_uri) {
                    return Err(invalid_grant("Invalid redirect URI"));
                }
                match (&entry.challenge, form.get("code_verifier")) {
                    (Some(challenge), Some(verifier)) => {
                        if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != *challenge
                        {
                            return Err(invalid_grant("code_verifier was incorrect"));
                        }
                    }
                    (Some(_), None) => {
                        return Err(Reply::oauth_error(
                            400,
                            "invalid_request",
                            "code_verifier required",
                        ));
                    }
                    (None, _) if creds.secret.is_none() => {
                        return Err(Reply::oauth_error(
                            400,
                            "invalid_client",
                            "Invalid client secret",
                        ));
                    }
                    (None, _) => {}
                }
                let scope = entry.scope.clone();
                if let Some(entry) = self.codes.get_mut(code) {
                    entry.used = true;
                }
                let refresh = self.issue_refresh(&client_id, &scope);
                Ok(self.access_response(Some(&scope), Some(refresh)))
            }
            Some("refresh_token") => {
                let client_id = self.authenticate(creds, false)?;
                let old = form
                    .get("refresh_token")
                    .map(String::as_str)
                    .unwrap_or_default();
                let Some(entry) = self
                    .refresh
                    .get(old)
                    .filter(|r| r.valid && r.client_id == client_id)
                else {
                    return Err(invalid_grant("Invalid refresh token"));
                };
                let scope = entry.scope.clone();
                let refresh = if self.rotate_refresh_tokens {
                    if let Some(entry) = self.refresh.get_mut(old) {
                        entry.valid = false;
                    }
                    Some(self.issue_refresh(&client_id, &scope))
                } else {
                    None
                };
                Ok(self.access_response(Some(&scope), refresh))
            }
            Some(_) => Err(Reply::oauth_error(
                400,
                "unsupported_grant_type",
                "Unsupported grant type",
            )),
            None => Err(Reply::oauth_error(
                400,
                "unsupported_grant_type",
                "grant_type parameter is missing",
            )),
        }
    }
}

/// Client credentials from HTTP Basic or the form.
struct Credentials {
    id: Option<String>,
    secret: Option<String>,
}

impl Credentials {
    fn from(headers: &HeaderMap, form: &HashMap<String, String>) -> Credentials {
        let basic = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Basic ")
                    .or_else(|| v.strip_prefix("basic "))
            })
            .and_then(|b64| STANDARD.decode(b64.trim()).ok())
            .and_then(|raw| String::from_utf8(raw).ok())
            .and_then(|pair| {
                pair.split_once(':')
                    .map(|(i, s)| (i.to_string(), s.to_string()))
            });
        match basic {
            Some((id, secret)) => Credentials {
                id: Some(id),
                secret: Some(secret),
            },
            None => Credentials {
                id: form.get("client_id").cloned(),
                secret: form.get("client_secret").cloned(),
            },
        }
    }
}

/// `POST /api/token`
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    Extension(ctl): Extension<ConnCtl>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    shared
        .log
        .lock()
        .unwrap()
        .token
        .push(RecordedRequest::new(&parts, &bytes, None));
    let fault = shared.take_fault(&FaultRequest {
        path: parts.uri.path(),
        template: None,
        operation_id: None,
        is_api: false,
    });
    if let Some(response) = before(fault.as_ref(), &ctl, Duration::ZERO).await {
        return response;
    }
    let form: HashMap<String, String> = url::form_urlencoded::parse(&bytes).into_owned().collect();
    let creds = Credentials::from(&parts.headers, &form);
    let reply = shared
        .auth
        .lock()
        .unwrap()
        .token(&form, &creds)
        .unwrap_or_else(|e| e);
    after(fault.as_ref(), &ctl, reply)
}

/// `GET /authorize`: approves at once (or refuses with the configured error) and redirects.
pub(crate) async fn authorize(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    shared
        .log
        .lock()
        .unwrap()
        .authorize
        .push(RecordedRequest::new(&parts, &[], None));
    let q: HashMap<String, String> = parse_query(parts.uri.query()).into_iter().collect();
    let mut auth = shared.auth.lock().unwrap();
    let client_id = q
        .get("client_id")
        .filter(|id| auth.clients.contains_key(*id));
    let Some(client_id) = client_id else {
        return (StatusCode::BAD_REQUEST, "INVALID_CLIENT: Invalid client").into_response();
    };
    let Some(redirect) = q.get("redirect_uri").and_then(|u| url::Url::parse(u).ok()) else {
        return (
            StatusCode::BAD_REQUEST,
            "INVALID_CLIENT: Invalid redirect URI",
        )
            .into_response();
    };
    let state = q.get("state");
    let go = |mut pairs: Vec<(&str, String)>| {
        let mut url = redirect.clone();
        if let Some(state) = state {
            pairs.push(("state", state.clone()));
        }
        url.query_pairs_mut().extend_pairs(pairs);
        (StatusCode::SEE_OTHER, [(header::LOCATION, url.to_string())]).into_response()
    };
    if q.get("response_type").map(String::as_str) != Some("code") {
        return go(vec![("error", "unsupported_response_type".into())]);
    }
    if let Some(error) = &auth.authorize_error {
        return go(vec![("error", error.clone())]);
    }
    let challenge = q.get("code_challenge").cloned();
    if challenge.is_some() && q.get("code_challenge_method").map(String::as_str) != Some("S256") {
        return go(vec![("error", "invalid_request".into())]);
    }
    let code = auth.next("mock-code");
    let entry = AuthCode {
        client_id: client_id.clone(),
        redirect_uri: q["redirect_uri"].clone(),
        challenge,
        scope: q.get("scope").cloned().unwrap_or_default(),
        used: false,
    };
    auth.codes.insert(code.clone(), entry);
    go(vec![("code", code)])
}

/// The bearer token of a request, if any.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Checks the request's bearer token.
pub(crate) fn check_request(shared: &Shared, headers: &HeaderMap) -> Result<(), Reply> {
    let status = match bearer(headers) {
        Some(token) => shared.auth.lock().unwrap().check(token),
        None => TokenStatus::Invalid,
    };
    match status {
        TokenStatus::Valid => Ok(()),
        TokenStatus::Expired => Err(Reply::error(401, "The access token expired")),
        TokenStatus::Invalid => Err(Reply::error(401, "Invalid access token")),
    }
}
