//! The accounts service and token checks of the API.

use std::time::Duration;

use serde_json::{Value, json};
use spotify_sdk_mock::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, MockServer};

const VERIFIER: &str = "verifier-0123456789-0123456789-0123456789-abc";
const REDIRECT: &str = "http://127.0.0.1:8888/callback";

fn challenge(verifier: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// POSTs a form to the token endpoint, optionally with HTTP Basic client auth.
async fn token(
    server: &MockServer,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> (u16, Value) {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let mut req = reqwest::Client::new()
        .post(server.token_url())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    if let Some((id, secret)) = basic {
        req = req.basic_auth(id, Some(secret));
    }
    let resp = req.send().await.unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

/// Goes through `/authorize`; returns the query of the redirect.
async fn authorize(server: &MockServer, challenge: Option<&str>) -> Vec<(String, String)> {
    let mut query = vec![
        ("client_id", DEFAULT_CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("state", "xyz"),
        ("scope", "user-library-read playlist-modify-private"),
    ];
    if let Some(c) = challenge {
        query.push(("code_challenge", c));
        query.push(("code_challenge_method", "S256"));
    }
    let resp = no_redirects()
        .get(server.authorize_url())
        .query(&query)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(REDIRECT), "{location}");
    let url = url::Url::parse(&location).unwrap();
    url.query_pairs().into_owned().collect()
}

fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

async fn api_status(server: &MockServer, token: &str) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .get(format!("{}/tracks/abc", server.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

async fn pkce_tokens(server: &MockServer) -> Value {
    let redirect = authorize(server, Some(&challenge(VERIFIER))).await;
    let code = get(&redirect, "code").unwrap().to_string();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", DEFAULT_CLIENT_ID),
        ("code_verifier", VERIFIER),
    ];
    let (status, body) = token(server, &form, None).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn client_credentials_with_basic_or_form_auth() {
    let server = MockServer::start().await;
    let form = [("grant_type", "client_credentials")];
    let (status, body) = token(
        &server,
        &form,
        Some((DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert!(body.get("refresh_token").is_none());
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(api_status(&server, access).await.0, 200);

    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", DEFAULT_CLIENT_ID),
        ("client_secret", DEFAULT_CLIENT_SECRET),
    ];
    assert_eq!(token(&server, &form, None).await.0, 200);

    let recorded = server.token_requests();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].header("authorization"), Some("<redacted>"));
    assert_eq!(
        recorded[0].body_field("grant_type"),
        Some("client_credentials")
    );
    assert_eq!(recorded[1].body_field("client_secret"), Some("<redacted>"));
    assert!(server.requests().iter().all(|r| r.path != "/api/token"));
}

#[tokio::test]
async fn wrong_client_or_grant_is_refused() {
    let server = MockServer::start().await;
    let form = [("grant_type", "client_credentials")];
    let (status, body) = token(&server, &form, Some((DEFAULT_CLIENT_ID, "wrong"))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_client"))
    );
    let (status, body) = token(&server, &form, Some(("nobody", "x"))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_client"))
    );
    let (status, body) = token(
        &server,
        &[("grant_type", "password")],
        Some((DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    server.add_client("other", "s3cret");
    assert_eq!(
        token(&server, &form, Some(("other", "s3cret"))).await.0,
        200
    );
}

#[tokio::test]
async fn authorization_code_with_pkce() {
    let server = MockServer::start().await;
    let redirect = authorize(&server, Some(&challenge(VERIFIER))).await;
    assert_eq!(get(&redirect, "state"), Some("xyz"));
    let code = get(&redirect, "code").unwrap().to_string();
    let base = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", DEFAULT_CLIENT_ID),
    ];

    let mut wrong = base.to_vec();
    wrong.push((
        "code_verifier",
        "not-the-verifier-not-the-verifier-not-the-verifier",
    ));
    let (status, body) = token(&server, &wrong, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );
    let (status, body) = token(&server, &base, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request")),
        "{body}"
    );
    let mut bad_redirect = base.to_vec();
    bad_redirect[2] = ("redirect_uri", "http://127.0.0.1:9999/other");
    bad_redirect.push(("code_verifier", VERIFIER));
    assert_eq!(token(&server, &bad_redirect, None).await.0, 400);

    let mut good = base.to_vec();
    good.push(("code_verifier", VERIFIER));
    let (status, body) = token(&server, &good, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["scope"], "user-library-read playlist-modify-private");
    assert!(body["refresh_token"].as_str().is_some());
    assert_eq!(
        api_status(&server, body["access_token"].as_str().unwrap())
            .await
            .0,
        200
    );

    // A code works once.
    let (status, body) = token(&server, &good, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(server.authorize_requests().len(), 1);
    assert_eq!(
        server.authorize_requests()[0].query_param("code_challenge_method"),
        Some("S256")
    );
}

#[tokio::test]
async fn authorization_code_with_client_secret() {
    let server = MockServer::start().await;
    let redirect = authorize(&server, None).await;
    let code = get(&redirect, "code").unwrap().to_string();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    // Without PKCE, the secret is required.
    let mut public = form.to_vec();
    public.push(("client_id", DEFAULT_CLIENT_ID));
    assert_eq!(
        token(&server, &public, None).await.1["error"],
        "invalid_client"
    );
    let (status, body) = token(
        &server,
        &form,
        Some((DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["refresh_token"].is_string());
}

#[tokio::test]
async fn authorize_can_be_refused() {
    let server = MockServer::start().await;
    server.set_authorize_error(Some("access_denied"));
    let redirect = authorize(&server, Some(&challenge(VERIFIER))).await;
    assert_eq!(get(&redirect, "error"), Some("access_denied"));
    assert_eq!(get(&redirect, "state"), Some("xyz"));
    assert_eq!(get(&redirect, "code"), None);
    let resp = no_redirects()
        .get(server.authorize_url())
        .query(&[("client_id", "nobody")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn refresh_without_rotation_keeps_the_refresh_token() {
    let server = MockServer::start().await;
    let tokens = pkce_tokens(&server).await;
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh),
        ("client_id", DEFAULT_CLIENT_ID),
    ];
    for _ in 0..2 {
        let (status, body) = token(&server, &form, None).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("refresh_token").is_none());
        assert_ne!(body["access_token"], tokens["access_token"]);
    }
    assert_eq!(
        server
            .token_requests()
            .iter()
            .filter(|r| r.body_field("grant_type") == Some("refresh_token"))
            .count(),
        2
    );
}

#[tokio::test]
async fn refresh_with_rotation_invalidates_the_old_refresh_token() {
    let server = MockServer::start().await;
    server.set_rotate_refresh_tokens(true);
    let tokens = pkce_tokens(&server).await;
    let old = tokens["refresh_token"].as_str().unwrap();
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", old),
        ("client_id", DEFAULT_CLIENT_ID),
    ];
    let (status, body) = token(&server, &form, None).await;
    assert_eq!(status, 200);
    let new = body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    let (status, body) = token(&server, &form, None).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"error": "invalid_grant", "error_description": "Invalid refresh token"})
    );
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", new.as_str()),
    ];
    let (status, _) = token(
        &server,
        &form,
        Some((DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)),
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn api_checks_tokens() {
    let server = MockServer::start().await;
    let issued = server.issue_token();
    assert_eq!(api_status(&server, &issued).await.0, 200);
    assert_eq!(api_status(&server, "static-anything").await.0, 200);
    let invalid = json!({"error": {"status": 401, "message": "Invalid access token"}});
    assert_eq!(api_status(&server, "made-up").await, (401, invalid.clone()));
    let resp = reqwest::get(format!("{}/tracks/abc", server.base_url()))
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(resp.json::<Value>().await.unwrap(), invalid);

    server.expire_tokens();
    let expired = json!({"error": {"status": 401, "message": "The access token expired"}});
    assert_eq!(api_status(&server, &issued).await, (401, expired.clone()));
    assert_eq!(api_status(&server, "static-anything").await.0, 200);
    assert_eq!(api_status(&server, &server.issue_token()).await.0, 200);

    server.set_token_lifetime(Duration::ZERO);
    assert_eq!(
        api_status(&server, &server.issue_token()).await,
        (401, expired)
    );
    // Requests refused with 401 are still recorded, with the token redacted.
    let last = server.requests().pop().unwrap();
    assert_eq!(last.header("authorization"), Some("<redacted>"));
    assert_eq!(last.operation_id.as_deref(), Some("get-track"));
}
