//! Several processes, one Spotify app, one Redis (feature `redis`). Each scenario starts a real
//! `redis-server` on 127.0.0.1 (Debian's `redis-server`; `.ci/run` installs it), the embedded mock
//! in this process, and four workers: child processes of this test binary, each with its own client
//! coordinating through that Redis. What reached the mock, and when, is read from the mock.
//!
//! Without `redis-server` on the PATH each scenario says it skipped; under `CI=true` that fails.

use std::io::{BufRead, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use spotify_sdk::coordination::Redis;
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::{Fault, MockServer};

const WORKERS: usize = 4;
const TRACK: &str = "4uLU6hMCjMI75M1A2tKUQC";

/// Environment of a worker process (the scenario and where to find the mock and Redis).
const SCENARIO: &str = "SPOTIFY_SDK_DISTRIBUTED_WORKER";

// --- the scenarios ----------------------------------------------------------------------------

/// A 429 storm: while four processes make 250 calls each, 429s with `Retry-After: 1` come now and
/// then. After each, no request of any process reaches the mock until the second has passed (but
/// for the few already on the wire when the 429 was answered).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_holds_every_process() {
    let Some(redis) = RedisServer::start("a_retry_after_holds_every_process") else {
        return;
    };
    let mock = MockServer::start().await;
    mock.set_latency(Duration::from_millis(8));
    let workers = spawn_workers("storm", &mock, &redis);
    let mut served = Vec::new();
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(700)).await;
        served.push(Instant::now());
        mock.fault(
            Fault::status(429)
                .retry_after(1)
                .times(1)
                .on_operation("get-track"),
        );
    }
    let results = finish(workers).await;
    assert_eq!(results.failed, 0, "{results:?}");
    assert_eq!(results.ok, WORKERS * 250, "{results:?}");
    let arrivals: Vec<Instant> = mock
        .requests()
        .iter()
        .filter(|r| r.operation_id.as_deref() == Some("get-track"))
        .map(|r| r.received_at)
        .collect();
    let mut windows = 0;
    for injected in served {
        // The first request after the fault was armed got the 429.
        let Some(&limited) = arrivals.iter().find(|&&a| a > injected) else {
            continue;
        };
        windows += 1;
        let (from, to) = (
            limited + Duration::from_millis(100),
            limited + Duration::from_millis(950),
        );
        let inside: Vec<_> = arrivals.iter().filter(|&&a| a > from && a < to).collect();
        assert!(
            inside.is_empty(),
            "{} requests arrived inside a Retry-After window",
            inside.len()
        );
    }
    assert!(
        windows >= 3,
        "the storm reached the workers: {windows} windows"
    );
}

/// One budget for the fleet: four processes with `rate_limit(20, 1)`, calling as fast as they
/// may for 10 s, reach the mock at 20 a second together.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_is_one_budget_for_the_fleet() {
    let Some(redis) = RedisServer::start("the_rate_limit_is_one_budget_for_the_fleet") else {
        return;
    };
    let mock = MockServer::start().await;
    let results = finish(spawn_workers("bucket", &mock, &redis)).await;
    assert_eq!(results.failed, 0, "{results:?}");
    let mut arrivals: Vec<Instant> = mock.requests().iter().map(|r| r.received_at).collect();
    arrivals.sort();
    let start = arrivals[0];
    let in_ten_seconds = arrivals
        .iter()
        .filter(|&&a| a < start + Duration::from_secs(10))
        .count();
    // One burst token, then 20 a second for 10 s: 201, within 5 %.
    assert!(
        (191..=211).contains(&in_ten_seconds),
        "{in_ten_seconds} requests in 10 s"
    );
}

/// One token request per expiry across the fleet: the first token, and one after each of two
/// expiries (the mock rejects the old token with 401; one process renews, the others read its
/// token from Redis).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_token_request_per_expiry_across_processes() {
    let Some(redis) = RedisServer::start("one_token_request_per_expiry_across_processes") else {
        return;
    };
    let mock = MockServer::start().await;
    let workers = spawn_workers("token", &mock, &redis);
    for fetched in 1..=2 {
        // Revoke a token only once it has been fetched and every worker (each calls every 10 ms)
        // has had time to use it: a token revoked while a renewal is under way would be an
        // expiry Spotify never makes, and a second fetch for it would be right.
        let deadline = Instant::now() + Duration::from_secs(10);
        while mock.token_requests().len() < fetched {
            assert!(Instant::now() < deadline, "no token request");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(800)).await;
        mock.expire_tokens();
    }
    let results = finish(workers).await;
    assert_eq!(results.failed, 0, "{results:?}");
    assert_eq!(mock.token_requests().len(), 3, "{results:?}");
}

/// Redis killed mid-run, then restarted: no call fails, and each process says it went on alone
/// and rejoined.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_redis_fails_no_call() {
    let Some(mut redis) = RedisServer::start("losing_redis_fails_no_call") else {
        return;
    };
    let mock = MockServer::start().await;
    let workers = spawn_workers("outage", &mock, &redis);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    redis.kill();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    redis.restart();
    let results = finish(workers).await;
    assert_eq!(results.failed, 0, "{results:?}");
    assert!(results.ok > WORKERS * 100, "{results:?}");
    assert_eq!(
        results.fell_back, WORKERS,
        "every process said it went on without Redis: {results:?}"
    );
    assert_eq!(
        results.rejoined, WORKERS,
        "every process said it rejoined: {results:?}"
    );
}

/// Values under our keys that are not ours (another type, a gate that is not a time, a token kept
/// forever) are ignored, never trusted: calls go through, the client fetches its own token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foreign_values_under_our_keys_are_ignored() {
    let Some(redis) = RedisServer::start("foreign_values_under_our_keys_are_ignored") else {
        return;
    };
    let mock = MockServer::start().await;
    let prefix = format!("spotify-sdk:foreign:{}", mock.client_id());
    let plant = redis::Client::open(redis.url()).unwrap();
    let mut conn = plant.get_multiplexed_async_connection().await.unwrap();
    let _: () = redis::pipe()
        .cmd("SET")
        .arg(format!("{prefix}:gate"))
        .arg("tomorrow")
        .cmd("RPUSH")
        .arg(format!("{prefix}:bucket"))
        .arg("x")
        .cmd("SET")
        .arg(format!("{prefix}:token"))
        .arg("static-planted-token")
        .query_async(&mut conn)
        .await
        .unwrap();
    let client_in = |namespace: &str| {
        Client::builder()
            .base_url(mock.base_url())
            .accounts_url(mock.accounts_url())
            .client_credentials(mock.client_id(), mock.client_secret())
            .coordinate(Redis::new(redis.url()).namespace(namespace))
    };
    let client = client_in("foreign").rate_limit(1000.0, 10).build().unwrap();
    let started = Instant::now();
    for _ in 0..5 {
        client.tracks().get(TRACK).await.unwrap();
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "a foreign gate held the calls"
    );
    assert_eq!(
        mock.token_requests().len(),
        1,
        "the planted token was not used"
    );
    let bearer = &mock.requests()[0].headers;
    assert!(
        !bearer
            .iter()
            .any(|(_, v)| v.contains("static-planted-token")),
        "the planted token was sent"
    );

    // An empty token with an expiry is not one either: the client fetches its own, at once.
    let prefix = format!("spotify-sdk:empty:{}", mock.client_id());
    let _: () = redis::cmd("SET")
        .arg(format!("{prefix}:token"))
        .arg("")
        .arg("PX")
        .arg(60_000)
        .query_async(&mut conn)
        .await
        .unwrap();
    let client = client_in("empty").build().unwrap();
    let started = Instant::now();
    client.tracks().get(TRACK).await.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "an empty planted token held the call"
    );
    assert_eq!(mock.token_requests().len(), 2);
}

// --- the workers ------------------------------------------------------------------------------

/// Not a test on its own: the scenarios above run this binary again with `SCENARIO` set, and this
/// is what each of those processes does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a worker process of the scenarios above, which run it with --ignored"]
async fn worker() {
    let Ok(scenario) = std::env::var(SCENARIO) else {
        return;
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stdout)
        .with_max_level(tracing::Level::INFO)
        .init();
    let var = |name: &str| std::env::var(name).unwrap();
    let mut builder = Client::builder()
        .base_url(var("MOCK_BASE"))
        .accounts_url(var("MOCK_ACCOUNTS"))
        .client_credentials(var("MOCK_ID"), var("MOCK_SECRET"))
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(4))
        .coordinate(Redis::new(var("REDIS_URL")).namespace("distributed-test"));
    if scenario == "bucket" {
        builder = builder.rate_limit(20.0, 1);
    }
    if scenario == "storm" {
        // The storm sends four 429s, and the first request after each wait may be the same one:
        // with the default three retries it would then fail, as the policy says it must, one run
        // in a few dozen. One retry per 429 sent keeps every call's outcome certain.
        builder = builder.max_retries(4);
    }
    let client = builder.build().unwrap();
    let (mut ok, mut failed) = (0, 0);
    let mut count = |result: Result<_, Error>| match result {
        Ok(_) => ok += 1,
        Err(e) => {
            println!("FAILED {e}");
            failed += 1;
        }
    };
    let started = Instant::now();
    match scenario.as_str() {
        "storm" => {
            for _ in 0..250 {
                count(client.tracks().get(TRACK).await);
            }
        }
        "bucket" => {
            while started.elapsed() < Duration::from_secs(10) {
                count(client.tracks().get(TRACK).await);
            }
        }
        _ => {
            let run_for = Duration::from_millis(if scenario == "token" { 5000 } else { 4000 });
            while started.elapsed() < run_for {
                count(client.tracks().get(TRACK).await);
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
    println!("RESULT ok={ok} failed={failed}");
    let _ = std::io::stdout().flush();
}

fn spawn_workers(scenario: &str, mock: &MockServer, redis: &RedisServer) -> Vec<Child> {
    let exe = std::env::current_exe().unwrap();
    (0..WORKERS)
        .map(|_| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "worker",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(SCENARIO, scenario)
                .env("MOCK_BASE", mock.base_url())
                .env("MOCK_ACCOUNTS", mock.accounts_url())
                .env("MOCK_ID", mock.client_id())
                .env("MOCK_SECRET", mock.client_secret())
                .env("REDIS_URL", redis.url())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect()
}

/// What the workers reported, summed.
#[derive(Debug, Default)]
struct Results {
    ok: usize,
    failed: usize,
    /// Workers that logged going on without Redis, and rejoining it.
    fell_back: usize,
    rejoined: usize,
    failures: Vec<String>,
}

/// Waits for the workers (off the runtime: the mock keeps serving) and sums their reports.
async fn finish(workers: Vec<Child>) -> Results {
    tokio::task::spawn_blocking(move || {
        let mut results = Results::default();
        for mut child in workers {
            let stdout = child.stdout.take().unwrap();
            let (mut fell_back, mut rejoined) = (false, false);
            for line in std::io::BufReader::new(stdout).lines() {
                let line = line.unwrap();
                fell_back |= line.contains("redis unreachable");
                rejoined |= line.contains("redis answers again");
                // libtest may print `test worker ... ` before a line of the worker's own.
                if line.contains("FAILED ") {
                    results.failures.push(line.clone());
                }
                if let Some((_, rest)) = line.split_once("RESULT ") {
                    let field = |name: &str| -> usize {
                        rest.split(' ')
                            .find_map(|kv| kv.strip_prefix(name))
                            .and_then(|v| v.parse().ok())
                            .unwrap()
                    };
                    results.ok += field("ok=");
                    results.failed += field("failed=");
                }
            }
            assert!(child.wait().unwrap().success(), "a worker failed");
            results.fell_back += usize::from(fell_back);
            results.rejoined += usize::from(rejoined);
        }
        results
    })
    .await
    .unwrap()
}

// --- redis-server -----------------------------------------------------------------------------

/// A `redis-server` on 127.0.0.1, killed when dropped.
struct RedisServer {
    child: Option<Child>,
    port: u16,
}

impl RedisServer {
    /// Starts one, or says (once per test) that `test` skipped without `redis-server`.
    fn start(test: &str) -> Option<RedisServer> {
        let found = Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{test}: redis-server is not installed; CI must install it"
            );
            let _ = writeln!(
                std::io::stderr(),
                "skipped {test}: redis-server is not installed (apt-get install redis-server)"
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = RedisServer { child: None, port };
        server.restart();
        Some(server)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Starts it on its port (again), with no persistence, and waits until it accepts.
    fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}
