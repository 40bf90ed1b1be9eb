//! The authorization-code flow end to end against the mock accounts service: `authorize_local` with
//! PKCE and `state`, refresh with and without rotation, `invalid_grant`, the token cache, and that
//! no secret reaches logs, `Debug` or errors.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use spotify_sdk::auth::{AuthorizationCode, TokenCache};
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::MockServer;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn flow(server: &MockServer) -> (AuthorizationCode, Client) {
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let auth = AuthorizationCode::new(server.client_id(), &redirect)
        .unwrap()
        .scopes(["user-read-private", "user-library-modify"]);
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .auth_provider(auth.clone())
        .build()
        .unwrap();
    (auth, client)
}

/// Plays the user's browser: follows the authorization URL (the mock approves and redirects to the
/// local listener).
fn browser(url: &url::Url) {
    let url = url.clone();
    tokio::spawn(async move {
        let _ = reqwest::get(url).await;
    });
}

async fn me(client: &Client) -> Result<spotify_sdk::types::PrivateUserObject, Error> {
    client.call(client.raw().get_current_users_profile()).await
}

#[tokio::test]
async fn authorize_local_runs_the_whole_flow_with_pkce() {
    let server = MockServer::start().await;
    let (auth, client) = flow(&server);
    assert!(matches!(
        me(&client).await,
        Err(Error::Authentication {
            reauthorize: true,
            ..
        })
    ));
    auth.authorize_local(client.auth_context(), Duration::from_secs(10), browser)
        .await
        .unwrap();
    assert!(auth.is_authorized());
    me(&client).await.unwrap();
    let authorize = &server.authorize_requests()[0];
    assert_eq!(authorize.query_param("code_challenge_method"), Some("S256"));
    assert_eq!(
        authorize.query_param("scope"),
        Some("user-read-private user-library-modify")
    );
    let exchange = server
        .token_requests()
        .into_iter()
        .find(|r| r.body_field("grant_type") == Some("authorization_code"))
        .expect("a code exchange");
    assert!(
        exchange
            .body_field("code_verifier")
            .is_some_and(|v| v.len() >= 43)
    );
}

#[tokio::test]
async fn a_refused_authorization_is_reported() {
    let server = MockServer::start().await;
    server.set_authorize_error(Some("access_denied"));
    let (auth, client) = flow(&server);
    let err = auth
        .authorize_local(client.auth_context(), Duration::from_secs(10), browser)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("access_denied"), "{err}");
    assert!(!auth.is_authorized());
}

#[tokio::test]
async fn a_forged_state_is_rejected() {
    let server = MockServer::start().await;
    let (auth, client) = flow(&server);
    let err = auth
        .authorize_local(client.auth_context(), Duration::from_secs(10), |url| {
            // An attacker's link: the right callback, the wrong state.
            let redirect = url
                .query_pairs()
                .find(|(k, _)| k == "redirect_uri")
                .map(|(_, v)| v.into_owned())
                .unwrap();
            tokio::spawn(async move {
                let _ = reqwest::get(format!("{redirect}?code=stolen&state=forged")).await;
            });
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("state"), "{err}");
    assert!(
        server.token_requests().is_empty(),
        "the code was not exchanged"
    );
}

#[tokio::test]
async fn authorize_local_times_out() {
    let server = MockServer::start().await;
    let (auth, client) = flow(&server);
    let err = auth
        .authorize_local(client.auth_context(), Duration::from_millis(100), |_| {})
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("no authorization callback"),
        "{err}"
    );
}

#[tokio::test]
async fn authorize_local_listens_on_loopback_only() {
    let auth = AuthorizationCode::new("id", "https://example.com/callback").unwrap();
    let ctx = spotify_sdk::auth::AuthContext::new(
        reqwest::Client::new(),
        "https://accounts.spotify.com".parse().unwrap(),
    );
    let err = auth
        .authorize_local(&ctx, Duration::from_millis(10), |_| {
            panic!("must not start")
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn rotated_refresh_tokens_replace_the_old_one_and_are_cached() {
    let server = MockServer::start().await;
    server.set_rotate_refresh_tokens(true);
    let dir = tempfile::tempdir().unwrap();
    let cache_path = dir.path().join("spotify-tokens.json");
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let auth = AuthorizationCode::new(server.client_id(), &redirect)
        .unwrap()
        .token_cache(TokenCache::new(&cache_path))
        .unwrap();
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .auth_provider(auth.clone())
        .build()
        .unwrap();
    auth.authorize_local(client.auth_context(), Duration::from_secs(10), browser)
        .await
        .unwrap();
    let first = std::fs::read_to_string(&cache_path).unwrap();
    for _ in 0..2 {
        server.expire_tokens();
        me(&client).await.unwrap();
    }
    let refreshes: Vec<_> = server
        .token_requests()
        .into_iter()
        .filter(|r| r.body_field("grant_type") == Some("refresh_token"))
        .collect();
    assert_eq!(refreshes.len(), 2);
    // Each refresh used the token the previous one rotated in (the mock rejects a used one).
    assert_ne!(std::fs::read_to_string(&cache_path).unwrap(), first);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cache_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // A new process starts from the cache without authorizing again.
    let restarted = AuthorizationCode::new(server.client_id(), &redirect)
        .unwrap()
        .token_cache(TokenCache::new(&cache_path))
        .unwrap();
    assert!(restarted.is_authorized());
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .auth_provider(restarted)
        .build()
        .unwrap();
    me(&client).await.unwrap();
}

#[tokio::test]
async fn a_revoked_refresh_token_asks_to_authorize_again() {
    let server = MockServer::start().await;
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let auth = AuthorizationCode::new(server.client_id(), &redirect)
        .unwrap()
        .with_refresh_token("refresh-token-the-mock-never-issued");
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .auth_provider(auth)
        .build()
        .unwrap();
    let err = me(&client).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Authentication {
                reauthorize: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("invalid_grant"), "{err}");
    assert!(err.to_string().contains("authorize again"), "{err}");
    assert!(!format!("{err} {err:?}").contains("never-issued"));
}

/// A `tracing` writer that keeps everything written to it.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_secret_reaches_logs_debug_or_errors() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    server.set_rotate_refresh_tokens(true);
    let secret = server.client_secret();
    let (auth, client) = {
        let redirect = format!("http://127.0.0.1:{}/callback", free_port());
        let auth = AuthorizationCode::new(server.client_id(), &redirect)
            .unwrap()
            .with_client_secret(secret.clone());
        let client = Client::builder()
            .base_url(server.base_url())
            .accounts_url(server.accounts_url())
            .auth_provider(auth.clone())
            .build()
            .unwrap();
        (auth, client)
    };
    let mut texts = Vec::new();
    auth.authorize_local(client.auth_context(), Duration::from_secs(10), browser)
        .await
        .unwrap();
    me(&client).await.unwrap();
    server.expire_tokens();
    me(&client).await.unwrap();
    server.fault(spotify_sdk_mock::Fault::status(500).on_operation("get-current-users-profile"));
    texts.push(format!("{:?}", me(&client).await.unwrap_err()));
    texts.push(format!("{}", me(&client).await.unwrap_err()));
    texts.push(format!("{auth:?} {client:?}"));

    // Every secret the flow handled, as the mock issued them.
    let mut secrets = vec![secret];
    for request in server.token_requests() {
        for field in ["code", "code_verifier", "refresh_token", "client_secret"] {
            if let Some(value) = request.body_field(field) {
                secrets.push(value.to_string());
            }
        }
    }
    secrets.extend(server.issued_tokens());
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("spotify.request"),
        "the capture works: {logs}"
    );
    for secret in secrets.iter().filter(|s| s.len() >= 8) {
        assert!(!logs.contains(secret.as_str()), "a secret leaked into logs");
        for text in &texts {
            assert!(
                !text.contains(secret.as_str()),
                "a secret leaked into {text}"
            );
        }
    }
}
