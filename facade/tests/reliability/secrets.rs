//! Secret handling: the access token, refresh token, client secret, authorization code and PKCE
//! verifier never reach a log line (any level, the client's and its HTTP stack's), a
//! `Debug`/`Display`, an error, or a server they were not meant for; the token cache is 0600 and
//! never half-written, even when the process is killed while writing it; the callback listener is
//! on loopback only; plain http is refused off loopback.
//!
//! Every other reliability suite checks its own secrets against the same process-wide capture
//! (`reliability_support::assert_no_leak`).

use crate::reliability_support;

use std::io::BufRead;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use reliability_support::*;
use spotify_sdk::auth::{AuthorizationCode, ClientCredentials, TokenCache};
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::{Fault, MockServer};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
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

/// Every secret a mock run involved: what it issued, the client secret (and its Basic form), and
/// what the client sent to the token endpoint.
fn secrets_of(server: &MockServer) -> Vec<String> {
    let mut secrets = server.issued_tokens();
    secrets.push(server.client_secret());
    secrets.push(basic_credentials(
        &server.client_id(),
        &server.client_secret(),
    ));
    for request in server.token_requests() {
        for field in ["code", "code_verifier", "refresh_token", "client_secret"] {
            if let Some(value) = request.body_field(field).filter(|v| *v != "<redacted>") {
                secrets.push(value.to_string());
            }
        }
    }
    secrets.sort();
    secrets.dedup();
    secrets
}

/// Runs every auth path against the mock — client credentials with renewal and refusals, the
/// authorization-code flow with PKCE, a client secret, rotation, a cache, `invalid_grant`, and
/// faults on the token endpoint — and checks that no secret is in the logs, `Debug`, `Display` or
/// errors.
#[tokio::test]
async fn no_secret_reaches_logs_debug_display_or_errors() {
    let capture = capture();
    let server = MockServer::start().await;
    server.set_rotate_refresh_tokens(true);
    let mut texts: Vec<String> = Vec::new();
    let record = |result: Result<(), Error>, texts: &mut Vec<String>| {
        if let Err(e) = result {
            texts.extend(error_texts(&e));
        }
    };

    // Client credentials: fetch, renew after expiry, refusals and faults of the token endpoint.
    let credentials = ClientCredentials::new(server.client_id(), server.client_secret());
    texts.push(format!("{credentials:?}"));
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .auth_provider(credentials)
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(2))
        .build()
        .unwrap();
    get_track(&client).await.unwrap();
    server.expire_tokens();
    get_track(&client).await.unwrap();
    for fault in [
        Fault::status(500),
        Fault::reset(),
        Fault::malformed_json(),
        Fault::custom(200, "application/json", r#"{"token_type":"bearer"}"#),
        Fault::custom(
            400,
            "application/json",
            r#"{"error":"invalid_client","error_description":"Invalid client secret"}"#,
        ),
    ] {
        server.expire_tokens();
        server.fault(fault.on_token_endpoint().times(1));
        record(get_track(&client).await.map(drop), &mut texts);
        server.clear_faults();
    }
    let wrong = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .client_credentials(server.client_id(), "wrong-secret-0123456789abcdef")
        .build()
        .unwrap();
    record(get_track(&wrong).await.map(drop), &mut texts);
    texts.push(format!("{client:?} {wrong:?}"));

    // Authorization code with PKCE and a client secret, rotation and a cache.
    let dir = tempfile::tempdir().unwrap();
    let cache = TokenCache::new(dir.path().join("tokens.json"));
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let auth = AuthorizationCode::new(server.client_id(), &redirect)
        .unwrap()
        .with_client_secret(server.client_secret())
        .scopes(["user-read-private"])
        .token_cache(cache.clone())
        .unwrap();
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .auth_provider(auth.clone())
        .build()
        .unwrap();
    let request = auth.authorize_url(client.auth_context()).unwrap();
    texts.push(format!("{request:?} {auth:?} {cache:?}"));
    auth.authorize_local(client.auth_context(), Duration::from_secs(10), browser)
        .await
        .unwrap();
    me(&client).await.unwrap();
    for _ in 0..2 {
        server.expire_tokens();
        me(&client).await.unwrap();
    }
    server.fault(Fault::status(500).on_operation("get-current-users-profile"));
    record(me(&client).await.map(drop), &mut texts);
    server.clear_faults();
    texts.push(format!("{auth:?} {client:?}"));
    // The cache holds the refresh token and nothing else secret.
    let cached = std::fs::read_to_string(cache.path()).unwrap();
    for token in server
        .issued_tokens()
        .iter()
        .filter(|t| t.contains("access"))
    {
        assert!(
            !cached.contains(token.as_str()),
            "an access token is in the cache file"
        );
    }

    // A refresh token the accounts service rejects; a code exchange refused.
    let stale = AuthorizationCode::new(server.client_id(), &redirect)
        .unwrap()
        .with_refresh_token("refresh-token-revoked-0123456789");
    let client = Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .auth_provider(stale.clone())
        .build()
        .unwrap();
    record(me(&client).await.map(drop), &mut texts);
    texts.push(format!("{stale:?}"));
    let flow = AuthorizationCode::new(server.client_id(), &redirect).unwrap();
    let pending = flow.authorize_url(client.auth_context()).unwrap();
    record(
        flow.exchange_code(
            client.auth_context(),
            "code-never-issued-0123456789",
            &pending.state,
        )
        .await,
        &mut texts,
    );

    let mut secrets = secrets_of(&server);
    secrets.extend([
        "wrong-secret-0123456789abcdef".to_string(),
        "refresh-token-revoked-0123456789".to_string(),
        "code-never-issued-0123456789".to_string(),
    ]);
    let verifiers = server
        .token_requests()
        .iter()
        .filter(|r| r.body_field("code_verifier").is_some())
        .count();
    assert!(
        verifiers >= 1,
        "a PKCE verifier was sent and is among the secrets"
    );
    let checked = assert_no_leak(&secrets, &texts);
    let logs = capture.text();
    assert!(logs.contains("spotify.request"), "the capture works");
    println!(
        "secrets: {} secrets x {} texts and {} KB of TRACE logs ({} tracing lines, {} log records): no leak ({checked} checks)",
        secrets.len(),
        texts.len(),
        logs.len() / 1024,
        logs.lines().filter(|l| !l.starts_with("LOG ")).count(),
        logs.lines().filter(|l| l.starts_with("LOG ")).count(),
    );
}

/// A token endpoint that echoes what it was sent in its error: the client's error must not carry
/// it.
#[tokio::test]
async fn an_error_description_echoing_a_secret_is_not_repeated() {
    capture();
    let accounts = RawServer::start(|request, _| {
        let body = String::from_utf8_lossy(&request.body).into_owned();
        let echo = format!(
            r#"{{"error":"invalid_grant","error_description":"rejected: {} {}"}}"#,
            body.replace('"', ""),
            request.header("authorization").unwrap_or_default()
        );
        vec![Step::Write(response(
            400,
            Some("application/json"),
            echo.as_bytes(),
        ))]
    })
    .await;
    let refresh = "refresh-token-echoed-0123456789";
    let secret = "client-secret-echoed-0123456789";
    let auth = AuthorizationCode::new("client-id", "http://127.0.0.1:1/callback")
        .unwrap()
        .with_client_secret(secret)
        .with_refresh_token(refresh);
    let client = Client::builder()
        .base_url("http://127.0.0.1:1/v1")
        .accounts_url(format!("http://{}", accounts.addr))
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
    assert_eq!(accounts.requests().len(), 1);
    let body = String::from_utf8_lossy(&accounts.requests()[0].body).into_owned();
    assert!(body.contains(refresh), "the refresh token was sent: {body}");
    assert_no_leak(
        &[
            refresh.to_string(),
            secret.to_string(),
            basic_credentials("client-id", secret),
        ],
        &error_texts(&err),
    );
}

/// reqwest follows redirects. A redirect to another origin must not take the bearer token (API) or
/// the refresh token and client secret (token endpoint) with it.
#[tokio::test]
async fn redirects_to_another_origin_carry_no_secret() {
    capture();
    let elsewhere = RawServer::fixed(vec![Step::Write(response(
        200,
        Some("application/json"),
        br#"{"access_token":"mock-access-from-elsewhere","token_type":"bearer","expires_in":3600}"#,
    ))])
    .await;
    let target = format!("http://{}/somewhere", elsewhere.addr);
    let redirecting = {
        let target = target.clone();
        RawServer::start(move |request, _| {
            // A GET is sent on without its body (there is none) and without Authorization; a POST
            // (the token endpoint) would be resent with its body.
            let status = if request.method == "GET" { 302 } else { 307 };
            let head = format!(
                "HTTP/1.1 {status} Redirect\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            vec![Step::Write(head.into_bytes())]
        })
        .await
    };
    // The API.
    let client = Client::builder()
        .base_url(redirecting.base_url())
        .access_token(RAW_TOKEN)
        .max_retries(0)
        .build()
        .unwrap();
    let api = get_track(&client).await;
    // The token endpoint, with a refresh token in the form body and the client secret in the
    // header.
    let refresh = "refresh-token-redirected-0123456789";
    let secret = "client-secret-redirected-0123456789";
    let auth = AuthorizationCode::new("client-id", "http://127.0.0.1:1/callback")
        .unwrap()
        .with_client_secret(secret)
        .with_refresh_token(refresh);
    let client = Client::builder()
        .base_url(redirecting.base_url())
        .accounts_url(format!("http://{}", redirecting.addr))
        .auth_provider(auth)
        .max_retries(0)
        .build()
        .unwrap();
    let token = me(&client).await;
    let mut texts = Vec::new();
    for result in [api.map(drop), token.map(drop)] {
        if let Err(e) = result {
            texts.extend(error_texts(&e));
        }
    }
    let arrived: Vec<String> = elsewhere
        .requests()
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {}",
                r.method,
                r.target,
                r.headers,
                String::from_utf8_lossy(&r.body)
            )
        })
        .collect();
    println!("redirects followed to another origin: {arrived:?}");
    assert_eq!(
        arrived.len(),
        1,
        "the API GET followed its 302; the token POST did not follow its 307"
    );
    assert!(arrived[0].starts_with("GET /somewhere"), "{arrived:?}");
    for request in &arrived {
        for secret in [RAW_TOKEN, refresh, secret] {
            assert!(
                !request.contains(secret),
                "a secret was sent to another origin: {request}"
            );
        }
        assert!(
            !request.contains(&basic_credentials("client-id", secret)),
            "the client secret was sent to another origin: {request}"
        );
    }
    assert_no_leak(
        &[
            RAW_TOKEN.to_string(),
            refresh.to_string(),
            secret.to_string(),
        ],
        &texts,
    );
}

// --- the token cache
// ---------------------------------------------------------------------------------

const WRITER_ENV: &str = "SPOTIFY_SDK_RELIABILITY_CACHE_WRITER";

/// Not a test on its own: when the parent test below runs this binary again with `WRITER_ENV` set,
/// it authorizes against a mock with rotating refresh tokens and then refreshes in a loop, so the
/// cache file is rewritten as fast as possible until the parent kills the process.
#[tokio::test]
async fn cache_writer_child() {
    let Ok(path) = std::env::var(WRITER_ENV) else {
        return;
    };
    let server = MockServer::start().await;
    server.set_rotate_refresh_tokens(true);
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let auth = AuthorizationCode::new(server.client_id(), &redirect)
        .unwrap()
        .token_cache(TokenCache::new(&path))
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
    println!("WRITER READY");
    loop {
        server.expire_tokens();
        me(&client).await.unwrap();
    }
}

/// Kills a process that rewrites the cache in a loop (SIGKILL, at varying moments) and checks after
/// each kill that the cache is a whole file — the old or the new content, never a mix — with mode
/// 0600.
#[cfg(unix)]
#[test]
fn the_token_cache_survives_a_kill_mid_write() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens.json");
    let exe = std::env::current_exe().unwrap();
    let rounds = 6;
    let mut leftovers = std::collections::BTreeSet::new();
    for round in 0..rounds {
        let mut child = std::process::Command::new(&exe)
            .args([
                "--exact",
                "secrets::cache_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER_ENV, &path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait (bounded) until the child has written the cache once.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                if line.map(|l| l.contains("WRITER READY")).unwrap_or(false) {
                    let _ = tx.send(());
                }
            }
        });
        if rx.recv_timeout(Duration::from_secs(30)).is_err() {
            let _ = child.kill();
            panic!("round {round}: the writer did not start");
        }
        std::thread::sleep(Duration::from_millis(30 + 47 * round as u64));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "round {round}: mode {mode:o}");
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!(
                "round {round}: a half-written cache ({e}): {} bytes",
                text.len()
            )
        });
        assert!(
            json["refresh_token"]
                .as_str()
                .is_some_and(|t| t.starts_with("mock-refresh")),
            "round {round}"
        );
        // The client reads it back.
        let restored = AuthorizationCode::new("id", "http://127.0.0.1:1/callback")
            .unwrap()
            .token_cache(TokenCache::new(&path))
            .unwrap();
        assert!(restored.is_authorized());
        // A kill between writing the temporary file and renaming it leaves that file behind, with a
        // refresh token in it: the client that just started removed it.
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let entry = entry.unwrap();
            if entry.path() != path {
                leftovers.insert(entry.file_name());
            }
        }
        assert!(
            leftovers.is_empty(),
            "round {round}: temporaries left once the next client started: {leftovers:?}"
        );
    }
    println!(
        "token cache: {rounds} writers killed with SIGKILL mid-loop; cache whole and 0600 every \
         time; no temporary left once the next client started"
    );
}

// --- listeners and URLs
// ------------------------------------------------------------------------------

/// This machine's address on its default route, if it has one (no packet is sent).
fn non_loopback_ip() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[tokio::test]
async fn the_callback_listener_is_reachable_on_loopback_only() {
    capture();
    let port = free_port();
    let auth =
        AuthorizationCode::new("client-id", &format!("http://127.0.0.1:{port}/callback")).unwrap();
    let ctx = spotify_sdk::auth::AuthContext::new(
        reqwest::Client::new(),
        "http://127.0.0.1:1".parse().unwrap(),
    );
    let opened = Arc::new(AtomicUsize::new(0));
    let listening = {
        let (auth, ctx, opened) = (auth.clone(), ctx.clone(), opened.clone());
        tokio::spawn(async move {
            auth.authorize_local(&ctx, Duration::from_secs(3), |_| {
                opened.fetch_add(1, Ordering::SeqCst);
            })
            .await
        })
    };
    while opened.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Reachable on 127.0.0.1 ...
    assert!(
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
    );
    // ... and on no other address of this machine.
    match non_loopback_ip() {
        Some(ip) => {
            let attempt = tokio::time::timeout(
                Duration::from_secs(2),
                tokio::net::TcpStream::connect((ip, port)),
            )
            .await;
            assert!(
                !matches!(attempt, Ok(Ok(_))),
                "the callback listener answers on {ip}"
            );
            println!("callback listener: reachable on 127.0.0.1:{port}, refused on {ip}:{port}");
        }
        None => println!("callback listener: this machine has no non-loopback address to try"),
    }
    listening.abort();

    // Redirect URIs it refuses to listen for.
    for redirect in [
        "http://0.0.0.0:8080/callback",
        "http://[::]:8080/callback",
        "http://192.168.1.10:8080/callback",
        "http://127.0.0.1.nip.io:8080/callback",
        "http://localhost:8080/callback",
    ] {
        assert!(
            matches!(
                AuthorizationCode::new("id", redirect),
                Err(Error::Config(_))
            ),
            "{redirect} was accepted"
        );
    }
    let https =
        AuthorizationCode::new("id", &format!("https://127.0.0.1:{}/cb", free_port())).unwrap();
    let err = https
        .authorize_local(&ctx, Duration::from_millis(50), |_| {
            panic!("must not start")
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

/// Tokens must never cross a network in clear text: plain http only to loopback, whatever the
/// spelling.
#[test]
fn plain_http_off_loopback_is_refused_however_it_is_spelled() {
    let refused = [
        "http://api.spotify.com/v1",
        "http://127.0.0.1.nip.io/v1",
        "http://localhost.evil.com/v1",
        "http://localhost./v1",
        "http://evil.com#@127.0.0.1/v1",
        "http://user:pass@10.0.0.1/v1",
        "http://0.0.0.0/v1",
        "http://[::]/v1",
        "http://[::ffff:127.0.0.1]/v1",
        "http://[fe80::1]/v1",
        "http://169.254.169.254/v1",
        "ws://127.0.0.1/v1",
        "file:///etc/passwd",
        "//api.spotify.com/v1",
    ];
    let allowed = [
        "http://127.0.0.1:3000/v1",
        "http://127.255.255.254/v1",
        "http://127.1/v1",
        "http://2130706433/v1",
        "http://LOCALHOST:80/v1",
        "http://[::1]/v1",
        "https://api.spotify.com/v1",
        "https://10.0.0.1/v1",
    ];
    for url in refused {
        for which in ["base_url", "accounts_url"] {
            let builder = Client::builder().access_token("t");
            let builder = if which == "base_url" {
                builder.base_url(url)
            } else {
                builder.accounts_url(url)
            };
            assert!(
                matches!(builder.build(), Err(Error::Config(_))),
                "{which} {url} was accepted"
            );
        }
    }
    for url in allowed {
        let client = Client::builder()
            .access_token("t")
            .base_url(url)
            .accounts_url(url)
            .build();
        assert!(client.is_ok(), "{url}: {client:?}");
    }
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(
            &(
                proptest::prelude::any::<[u8; 4]>(),
                proptest::prelude::any::<u16>(),
            ),
            |(octets, port)| {
                let ip = Ipv4Addr::from(octets);
                let url = format!("http://{ip}:{}/v1", port.max(1));
                let built = Client::builder().access_token("t").base_url(&url).build();
                proptest::prop_assert_eq!(built.is_ok(), ip.is_loopback(), "{}", url);
                Ok(())
            },
        )
        .unwrap();
}
