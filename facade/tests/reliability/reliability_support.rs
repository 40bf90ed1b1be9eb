//! Shared by the `reliability_*` suites: a raw HTTP/1.1 server on 127.0.0.1 whose every byte the
//! test controls, a process-wide capture of `tracing` and `log` output for the secret checks, and
//! helpers that bound every call in time.
#![allow(dead_code)]

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use spotify_sdk::{Client, ClientBuilder, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The static token the raw-server clients send. Long and unique, so a leak is unambiguous.
pub const RAW_TOKEN: &str = "static-reliability-token-7f3a9c2e51b84d06";

/// A track ID for requests that need one.
pub const TRACK: &str = "4uLU6hMCjMI75M1A2tKUQC";

/// Runs `fut`, failing the test if it takes longer than `limit`: nothing in these suites may hang.
pub async fn bounded<T>(limit: Duration, what: &str, fut: impl Future<Output = T>) -> T {
    match tokio::time::timeout(limit, fut).await {
        Ok(value) => value,
        Err(_) => panic!("{what}: no outcome within {limit:?} (the client hangs)"),
    }
}

// --- a raw HTTP/1.1 server
// ---------------------------------------------------------------------------

/// A request as the raw server read it.
#[derive(Clone, Debug)]
pub struct RawRequest {
    pub method: String,
    /// The request target, e.g. `/v1/tracks/ID?market=SE`.
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub received_at: Instant,
}

impl RawRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path segment after `/tracks/`, which the status table uses to say what to answer.
    pub fn last_segment(&self) -> &str {
        let path = self.target.split('?').next().unwrap_or("");
        path.rsplit('/').next().unwrap_or("")
    }
}

/// One thing the raw server does on a connection after reading the request.
#[derive(Clone, Debug)]
pub enum Step {
    /// Write these bytes.
    Write(Vec<u8>),
    /// Write `total` bytes produced `chunk` bytes at a time (never all in memory).
    Stream { chunk: Vec<u8>, total: u64 },
    /// Wait.
    Sleep(Duration),
    /// Reset the connection (RST): SO_LINGER 0 and close.
    Reset,
}

type Respond = dyn Fn(&RawRequest, usize) -> Vec<Step> + Send + Sync;

/// A server on 127.0.0.1 that answers each connection's first request with the steps `respond`
/// gives, then closes the connection (FIN) — so every attempt of the client is a new connection.
pub struct RawServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    connections: Arc<AtomicUsize>,
    /// Body bytes the server managed to write for `Step::Stream`.
    pub streamed: Arc<std::sync::atomic::AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl RawServer {
    /// Starts the server; `respond` gets the request and the 0-based index of the request.
    pub async fn start(
        respond: impl Fn(&RawRequest, usize) -> Vec<Step> + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let streamed = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let respond: Arc<Respond> = Arc::new(respond);
        let task = {
            let (requests, connections, streamed) =
                (requests.clone(), connections.clone(), streamed.clone());
            tokio::spawn(async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        continue;
                    };
                    connections.fetch_add(1, Ordering::SeqCst);
                    let (requests, respond, streamed) =
                        (requests.clone(), respond.clone(), streamed.clone());
                    tokio::spawn(async move {
                        let _ = serve(stream, requests, respond, streamed).await;
                    });
                }
            })
        };
        RawServer {
            addr,
            requests,
            connections,
            streamed,
            task,
        }
    }

    /// Always answers with the same steps.
    pub async fn fixed(steps: Vec<Step>) -> Self {
        Self::start(move |_, _| steps.clone()).await
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().unwrap().clone()
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// A client for this server: static token, one retry, 1-2 ms backoff, a 2 s timeout.
    pub fn client(&self) -> Client {
        self.builder().build().unwrap()
    }

    pub fn builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(self.base_url())
            .access_token(RAW_TOKEN)
            .max_retries(1)
            .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(2))
            .timeout(Duration::from_secs(2))
    }
}

async fn serve(
    mut stream: TcpStream,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    respond: Arc<Respond>,
    streamed: Arc<std::sync::atomic::AtomicU64>,
) -> std::io::Result<()> {
    let _ = stream.set_nodelay(true);
    let Some(request) = read_request(&mut stream).await? else {
        return Ok(());
    };
    let index = {
        let mut log = requests.lock().unwrap();
        log.push(request.clone());
        log.len() - 1
    };
    for step in respond(&request, index) {
        match step {
            Step::Write(bytes) => stream.write_all(&bytes).await?,
            Step::Stream { chunk, total } => {
                let mut sent = 0u64;
                while sent < total {
                    let n = chunk.len().min((total - sent) as usize);
                    stream.write_all(&chunk[..n]).await?;
                    sent += n as u64;
                    streamed.fetch_add(n as u64, Ordering::Relaxed);
                }
            }
            Step::Sleep(d) => tokio::time::sleep(d).await,
            Step::Reset => {
                stream.set_zero_linger()?;
                drop(stream);
                return Ok(());
            }
        }
    }
    stream.flush().await?;
    let _ = stream.shutdown().await;
    // Let the client read to the end before the socket goes away.
    let mut sink = [0u8; 1024];
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.read(&mut sink)).await;
    Ok(())
}

/// Reads one request head and its `Content-Length` body. `None` if the client went away first.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<RawRequest>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        if buf.len() > 64 * 1024 {
            return Ok(None);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(RawRequest {
        method,
        target,
        headers,
        body,
        received_at: Instant::now(),
    }))
}

/// A complete response: status line, `Content-Type` (if given), `Content-Length`, `Connection:
/// close`.
pub fn response(status: u16, content_type: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut out = head(status, content_type, Some(body.len() as u64));
    out.extend_from_slice(body);
    out
}

/// A response head only; `length: None` sends no `Content-Length` (the body ends at close).
pub fn head(status: u16, content_type: Option<&str>, length: Option<u64>) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Whatever\r\nConnection: close\r\n").into_bytes();
    if let Some(ct) = content_type {
        out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
    }
    if let Some(len) = length {
        out.extend_from_slice(format!("Content-Length: {len}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// Spotify's Web API error body.
pub fn error_body(status: u16) -> Vec<u8> {
    format!(r#"{{"error":{{"status":{status},"message":"message for {status}"}}}}"#).into_bytes()
}

// --- log capture
// -------------------------------------------------------------------------------------

/// Everything any `tracing` event or span (at TRACE, spans' fields included) and any `log` record
/// (reqwest, rustls) of this process wrote.
pub struct Capture(Mutex<Vec<u8>>);

static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();

struct Writer(&'static Capture);

impl std::io::Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct LogBridge(&'static Capture);

impl log::Log for LogBridge {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!(
            "LOG {} {}: {}\n",
            record.level(),
            record.target(),
            record.args()
        );
        let _ = Writer(self.0).write_all(line.as_bytes());
    }
    fn flush(&self) {}
}

/// Installs the capture for this test process (once) and returns it. Call it first in every test.
pub fn capture() -> &'static Capture {
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
            .with_writer(move || Writer(capture))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
        let bridge: &'static LogBridge = Box::leak(Box::new(LogBridge(capture)));
        log::set_logger(bridge).expect("no other logger");
        log::set_max_level(log::LevelFilter::Trace);
        capture
    })
}

impl Capture {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    pub fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// The forms a secret could leak in: as is, percent-encoded (form bodies, URLs), and for a client
/// secret the base64 of `id:secret` (an HTTP Basic header).
pub fn leak_forms(secret: &str) -> Vec<String> {
    let mut forms = vec![secret.to_string()];
    let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    if encoded != secret {
        forms.push(encoded);
    }
    forms
}

/// `base64("id:secret")`, as in `Authorization: Basic ...`.
pub fn basic_credentials(id: &str, secret: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
}

/// Every `Debug`/`Display` form of an error, with its whole `source()` chain.
pub fn error_texts(error: &Error) -> Vec<String> {
    let mut texts = vec![
        format!("{error}"),
        format!("{error:?}"),
        format!("{error:#?}"),
    ];
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        texts.push(format!("{s} {s:?}"));
        source = s.source();
    }
    texts
}

/// Fails if any secret (in any of its leak forms) is in the captured logs or in `texts`.
/// Returns how many (secret form, haystack) pairs were checked.
pub fn assert_no_leak(secrets: &[String], texts: &[String]) -> usize {
    let logs = capture().text();
    assert!(
        logs.contains("spotify.request"),
        "the capture holds the client's request spans"
    );
    let mut checked = 0;
    for secret in secrets.iter().filter(|s| s.len() >= 8) {
        for form in leak_forms(secret) {
            assert!(
                !logs.contains(&form),
                "a secret ({}...) leaked into the captured logs",
                &form[..4]
            );
            for text in texts {
                assert!(
                    !text.contains(&form),
                    "a secret ({}...) leaked into: {text}",
                    &form[..4]
                );
            }
            checked += 1 + texts.len();
        }
    }
    checked
}

/// The variant of an outcome, by name: `"Ok"`, `"Decode"`, `"Timeout"`, ...
pub fn variant<T>(result: &Result<T, Error>) -> &'static str {
    match result {
        Ok(_) => "Ok",
        Err(Error::Authentication { .. }) => "Authentication",
        Err(Error::Forbidden { .. }) => "Forbidden",
        Err(Error::NotFound(_)) => "NotFound",
        Err(Error::BadRequest(_)) => "BadRequest",
        Err(Error::RateLimited { .. }) => "RateLimited",
        Err(Error::Server(_)) => "Server",
        Err(Error::Http(_)) => "Http",
        Err(Error::Timeout { .. }) => "Timeout",
        Err(Error::Connection { .. }) => "Connection",
        Err(Error::Decode { .. }) => "Decode",
        Err(Error::ResponseTooLarge { .. }) => "ResponseTooLarge",
        Err(Error::Pagination { .. }) => "Pagination",
        Err(Error::InvalidId { .. }) => "InvalidId",
        Err(Error::InvalidArgument(_)) => "InvalidArgument",
        Err(Error::Config(_)) => "Config",
        Err(Error::Closed) => "Closed",
        Err(Error::TokenCache { .. }) => "TokenCache",
        Err(_) => "other",
    }
}

/// `GET /tracks/{id}` through `Client::call`.
/// A whole track with the ID `TRACK` (one of our fixtures, `models/tests/fixtures/track.json`):
/// what servers in these tests answer for `GET /tracks/{id}`.
pub fn whole_track() -> serde_json::Value {
    let mut track: serde_json::Value =
        serde_json::from_str(include_str!("../../../models/tests/fixtures/track.json")).unwrap();
    track["id"] = TRACK.into();
    track
}

pub async fn get_track(client: &Client) -> Result<spotify_sdk::types::TrackObject, Error> {
    client.call(client.raw().get_track(TRACK, None)).await
}
