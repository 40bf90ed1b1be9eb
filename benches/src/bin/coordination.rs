//! The cost of coordinating through Redis (feature `redis`), per request: the same client
//! configuration (a rate limit high enough never to wait, so the bucket is consulted on every call)
//! with and without `coordinate`, calling `GET /tracks/{id}` on the replay server, interleaved in
//! rounds. Prints one JSON line with each client's median call time. Needs `redis-server` on the
//! PATH (it starts its own on 127.0.0.1); prints nothing else and exits 0 without it.
//!
//! ```text
//! coordination [--rounds N]   # default 40 rounds of 50 calls per client
//! ```

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use spotify_sdk::coordination::Redis;
use spotify_sdk_benches::{Env, TOKEN, TRACK_ID, client_runtime};

fn main() {
    let rounds: usize = std::env::args()
        .skip_while(|a| a != "--rounds")
        .nth(1)
        .map_or(40, |v| v.parse().expect("--rounds N"));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let Ok(mut redis) = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .spawn()
    else {
        eprintln!("coordination: redis-server is not installed; skipped");
        return;
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "redis-server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }

    let env = Env::start(50);
    let client = |redis: Option<Redis>| {
        let mut builder = spotify_sdk::Client::builder()
            .base_url(env.replay.base_url())
            .accounts_url(env.mock.accounts_url())
            .access_token(TOKEN)
            .rate_limit(1_000_000.0, 1_000_000);
        if let Some(redis) = redis {
            builder = builder.coordinate(redis);
        }
        builder.build().expect("a valid client configuration")
    };
    let local = client(None);
    let shared = client(Some(
        Redis::new(format!("redis://127.0.0.1:{port}/")).namespace("bench"),
    ));
    let runtime = client_runtime();
    let (mut local_times, mut shared_times) = (Vec::new(), Vec::new());
    runtime.block_on(async {
        for round in 0..rounds + 1 {
            // Alternating which goes first, so neither always runs on a warmer machine.
            let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            for (which, client) in order.map(|which| (which, [&local, &shared][which])) {
                for _ in 0..50 {
                    let started = Instant::now();
                    black_box(client.tracks().get(TRACK_ID).await.expect("a track"));
                    // Round 0 warms both up (connections, Redis scripts).
                    if round > 0 {
                        let times = if which == 0 {
                            &mut local_times
                        } else {
                            &mut shared_times
                        };
                        times.push(started.elapsed());
                    }
                }
            }
        }
    });
    let _ = redis.kill();
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2].as_secs_f64() * 1e9
    };
    println!(
        "{{\"case\":\"coordination\",\"local\":{},\"redis\":{},\"calls\":{}}}",
        median(&mut local_times),
        median(&mut shared_times),
        local_times.len()
    );
}
