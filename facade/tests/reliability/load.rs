//! Load: many concurrent calls on one client while tokens expire, while Spotify rate-limits every
//! task, while the server fails, and under the client's own rate limit.
//!
//! `SPOTIFY_SDK_LONG_LOAD=1` runs 100 000 calls instead of 1 000 (`SPOTIFY_SDK_LONG_LOAD=N`: N
//! calls).

use crate::reliability_support;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reliability_support::*;
use spotify_sdk::{Client, Error};
use spotify_sdk_mock::{Fault, MockServer};

const TASKS: usize = 50;

fn calls() -> usize {
    match std::env::var("SPOTIFY_SDK_LONG_LOAD").ok().as_deref() {
        None | Some("") | Some("0") => 1_000,
        Some("1") => 100_000,
        Some(n) => n
            .parse()
            .expect("SPOTIFY_SDK_LONG_LOAD is 1 or a number of calls"),
    }
}

/// A distinct, valid track ID per task, so the server can tell the tasks apart.
fn task_track(task: usize) -> String {
    format!("task{task:0>18}")
}

async fn get(client: &Client, id: &str) -> Result<spotify_sdk::types::TrackObject, Error> {
    client.call(client.raw().get_track(id, None)).await
}

fn credentials_client(server: &MockServer) -> spotify_sdk::ClientBuilder {
    Client::builder()
        .base_url(server.base_url())
        .accounts_url(server.accounts_url())
        .client_credentials(server.client_id(), server.client_secret())
        .backoff(Duration::from_millis(1), 2.0, Duration::from_millis(4))
        .timeout(Duration::from_secs(10))
}

/// Secrets of a mock run: the client secret and every token the mock issued.
fn mock_secrets(server: &MockServer) -> Vec<String> {
    let mut secrets = server.issued_tokens();
    secrets.push(server.client_secret());
    secrets.push(basic_credentials(
        &server.client_id(),
        &server.client_secret(),
    ));
    secrets
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_calls_from_fifty_tasks_survive_two_token_expiries() {
    capture();
    let server = MockServer::start().await;
    let client = credentials_client(&server).build().unwrap();
    let total = calls();
    let started = AtomicUsize::new(0);
    let done = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let started = Arc::new(started);
    let began = std::time::Instant::now();

    // Expires every token after a third and after two thirds of the calls, from another task.
    let expirer = {
        let (server, done) = (server.clone(), done.clone());
        tokio::spawn(async move {
            for point in [total / 3, 2 * total / 3] {
                while done.load(Ordering::SeqCst) < point {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                server.expire_tokens();
            }
        })
    };
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let (client, started, done, failures) = (
                client.clone(),
                started.clone(),
                done.clone(),
                failures.clone(),
            );
            tokio::spawn(async move {
                let id = task_track(task);
                while started.fetch_add(1, Ordering::SeqCst) < total {
                    if let Err(e) = get(&client, &id).await {
                        failures.lock().unwrap().push(e.to_string());
                    }
                    done.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    bounded(Duration::from_secs(600), "the load run", async {
        for task in tasks {
            task.await.unwrap();
        }
        expirer.await.unwrap();
    })
    .await;
    let elapsed = began.elapsed();
    let failures = failures.lock().unwrap().clone();
    let requests = server.requests();
    let rejected = requests.len() - total;
    println!(
        "load: {total} calls from {TASKS} tasks in {elapsed:?} ({:.0} calls/s), {} failures, {} token requests, {rejected} requests rejected with 401 and resent",
        total as f64 / elapsed.as_secs_f64(),
        failures.len(),
        server.token_requests().len()
    );
    assert!(
        failures.is_empty(),
        "{} failures, e.g. {:?}",
        failures.len(),
        failures.first()
    );
    assert_eq!(
        server.token_requests().len(),
        3,
        "one token request at first and one per expiry"
    );
    assert!(
        rejected >= 2,
        "each expiry was seen by at least one request"
    );
    assert!(
        rejected <= 2 * TASKS,
        "at most one 401 per task per expiry: {rejected}"
    );
    assert_no_leak(&mock_secrets(&server), &failures);
    println!("captured {} KB of logs", capture().len() / 1024);
}

/// Half the tasks are answered `429 Retry-After: 1` twice; the other half call in a loop meanwhile.
/// Seen from the server: after a 429, the rate-limited task sends nothing for a second, and no task
/// sends more than the one request it may already have had in flight (the client holds every
/// request back until the `Retry-After` has passed). All calls succeed.
#[tokio::test]
async fn a_429_storm_with_retry_after_is_waited_out_by_every_task() {
    capture();
    let server = MockServer::start().await;
    let client = credentials_client(&server).build().unwrap();
    let limited = TASKS / 2;
    for task in 0..limited {
        server.fault(
            Fault::status(429)
                .retry_after(1)
                .times(2)
                .on_path(&format!("/tracks/{}", task_track(task))),
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    let calls = Arc::new(AtomicUsize::new(0));
    let began = std::time::Instant::now();
    let free: Vec<_> = (limited..TASKS)
        .map(|task| {
            let (client, stop, calls) = (client.clone(), stop.clone(), calls.clone());
            tokio::spawn(async move {
                let id = task_track(task);
                while !stop.load(Ordering::SeqCst) {
                    get(&client, &id).await.unwrap();
                    calls.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    let rate_limited: Vec<_> = (0..limited)
        .map(|task| {
            let (client, calls) = (client.clone(), calls.clone());
            tokio::spawn(async move {
                let id = task_track(task);
                for _ in 0..3 {
                    get(&client, &id).await.unwrap();
                    calls.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    bounded(Duration::from_secs(30), "the 429 storm", async {
        for task in rate_limited {
            task.await.unwrap();
        }
        stop.store(true, Ordering::SeqCst);
        for task in free {
            task.await.unwrap();
        }
    })
    .await;
    let elapsed = began.elapsed();

    // Arrivals per task, in order; a rate-limited task's first two were answered 429.
    let requests = server.requests();
    let mut arrivals: BTreeMap<usize, Vec<std::time::Instant>> = BTreeMap::new();
    for request in &requests {
        let id = request.path.rsplit('/').next().unwrap();
        let task: usize = id.trim_start_matches("task").parse().unwrap();
        arrivals.entry(task).or_default().push(request.received_at);
    }
    let second = Duration::from_secs(1);
    let mut limited_at = Vec::new();
    for task in 0..limited {
        let times = &arrivals[&task];
        assert_eq!(
            times.len(),
            5,
            "task {task}: 2 rate-limited attempts and 3 successful calls"
        );
        limited_at.extend(times[..2].iter().map(|t| (task, *t)));
    }
    let mut worst = 0;
    for (limited_task, at) in &limited_at {
        for (task, times) in &arrivals {
            let inside = times
                .iter()
                .filter(|t| **t > *at && **t - *at < second)
                .count();
            let allowed = if task == limited_task { 0 } else { 1 };
            assert!(
                inside <= allowed,
                "task {task} sent {inside} requests within 1 s of a 429 answered to task {limited_task}"
            );
            worst = worst.max(inside);
        }
    }
    assert!(elapsed >= 2 * second, "two Retry-After waits: {elapsed:?}");
    println!(
        "429 storm: {} calls, {} requests, {} answered 429 with Retry-After: 1, all succeeded in {elapsed:?}; at most {worst} request per task within a Retry-After window",
        calls.load(Ordering::SeqCst),
        requests.len(),
        limited_at.len()
    );
    assert_no_leak(&mock_secrets(&server), &[]);
}

/// A burst of 503s and resets while 50 tasks call: every call succeeds, and each fault costs
/// exactly one extra request (no retry storms).
#[tokio::test]
async fn server_failures_under_load_cost_one_retry_each() {
    capture();
    let server = MockServer::start().await;
    let client = credentials_client(&server).max_retries(10).build().unwrap();
    let (errors, resets) = (100, 50);
    server.fault(Fault::status(503).times(errors).on_operation("get-track"));
    server.fault(Fault::reset().times(resets).on_operation("get-track"));
    let total = 1_000;
    let next = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let (client, next) = (client.clone(), next.clone());
            tokio::spawn(async move {
                let id = task_track(task);
                while next.fetch_add(1, Ordering::SeqCst) < total {
                    get(&client, &id).await.unwrap();
                }
            })
        })
        .collect();
    bounded(Duration::from_secs(120), "failures under load", async {
        for task in tasks {
            task.await.unwrap();
        }
    })
    .await;
    assert_eq!(server.requests().len(), total + (errors + resets) as usize);
    println!(
        "{total} calls with {errors} 503s and {resets} resets injected: 0 failures, {} requests",
        server.requests().len()
    );
    assert_no_leak(&mock_secrets(&server), &[]);
}

/// The client's own rate limit, end to end, on tokio's paused clock: 20 requests/s (burst 1) from
/// 50 tasks for 10 s of virtual time gives 200 requests (one at once, then one every 50 ms) within
/// 5 %, and every second within 10 %. reqwest's timeout is off (`http_client`): with the clock
/// paused, tokio would jump to that timer whenever the runtime idles on a socket.
#[tokio::test(start_paused = true)]
async fn the_rate_limit_holds_over_ten_seconds_through_the_client() {
    capture();
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .access_token(server.issue_token())
        .http_client(reqwest::Client::new())
        .rate_limit(20.0, 1)
        .build()
        .unwrap();
    let start = tokio::time::Instant::now();
    let window = Duration::from_secs(10);
    let done = Arc::new(Mutex::new(Vec::new()));
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let (client, done) = (client.clone(), done.clone());
            tokio::spawn(async move {
                let id = task_track(task);
                while tokio::time::Instant::now() - start < window {
                    get(&client, &id).await.unwrap();
                    done.lock()
                        .unwrap()
                        .push(tokio::time::Instant::now() - start);
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let done = done.lock().unwrap().clone();
    let in_window = done.iter().filter(|t| **t < window).count();
    let mut per_second = [0usize; 10];
    for t in done.iter().filter(|t| **t < window) {
        per_second[t.as_secs() as usize] += 1;
    }
    println!(
        "rate limit 20/s burst 1 over 10 s (virtual): {in_window} requests (expected 200), per second {per_second:?}"
    );
    assert!(
        (191..=211).contains(&in_window),
        "{in_window} requests in 10 s"
    );
    for (second, n) in per_second.iter().enumerate() {
        assert!((18..=22).contains(n), "second {second}: {n} requests");
    }
}
