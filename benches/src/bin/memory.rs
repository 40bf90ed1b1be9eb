//! Peak memory of case 3: streams every item of a playlist through the facade and prints this
//! process's peak resident memory (`VmHWM`) as one JSON line. Run it once per size: the peak is per
//! process.
//!
//! ```text
//! memory [--items N] [--prefetch P]   # default 10000 items, the client's default prefetch
//! ```
//!
//! The mock runs in a child process (`memory --serve N`), so its playlist and request log are not
//! counted. Items are checked (every one, in order) and dropped as they arrive, as a streaming
//! consumer would.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use spotify_sdk_benches::{PAGING_LATENCY, TOKEN, item_name, peak_rss_kib, rss_kib};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .map(|i| {
                args.get(i + 1)
                    .unwrap_or_else(|| panic!("{flag} needs a value"))
            })
            .map(|v| {
                v.parse::<usize>()
                    .unwrap_or_else(|e| panic!("{flag} {v}: {e}"))
            })
    };
    if let Some(items) = value("--serve") {
        serve(items);
        return;
    }
    let items = value("--items").unwrap_or(10_000);
    let prefetch = value("--prefetch");
    measure(items, prefetch);
}

/// Child: a mock with the playlist and 5 ms latency; prints `BASE_URL PLAYLIST_ID`, runs until
/// stdin closes.
fn serve(items: usize) {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let server = runtime.block_on(spotify_sdk_mock::MockServer::start());
    server.set_latency(PAGING_LATENCY);
    let playlist = server.add_playlist_with_tracks(items);
    println!("{} {playlist}", server.base_url());
    std::io::stdout().flush().expect("stdout");
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn measure(items: usize, prefetch: Option<usize>) {
    let exe = std::env::current_exe().expect("this executable");
    let mut child = Command::new(exe)
        .args(["--serve", &items.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the mock process");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut line)
        .expect("the mock's address");
    let (base_url, playlist) = line.trim().split_once(' ').expect("BASE_URL PLAYLIST_ID");

    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let mut builder = spotify_sdk::Client::builder()
        .base_url(base_url)
        .access_token(TOKEN);
    if let Some(prefetch) = prefetch {
        builder = builder.page_prefetch(prefetch);
    }
    let client = builder.build().expect("a client");
    // Warm up: one request, so the baseline includes the connection, TLS-free HTTP stack and
    // runtime.
    runtime
        .block_on(client.tracks().get("4uLU6hMCjMI75M1A2tKUQC"))
        .expect("a track");
    let before = rss_kib().unwrap_or(0);
    let started = Instant::now();
    let count = runtime.block_on(async {
        let mut stream = client.playlists().items(playlist);
        let (mut count, mut expected) = (0usize, String::new());
        while let Some(item) = stream.try_next().await.expect("an item") {
            expected.clear();
            write!(expected, "Track {}", count + 1).expect("formatting");
            assert_eq!(
                item_name(&item),
                Some(expected.as_str()),
                "item {count} out of order"
            );
            count += 1;
        }
        count
    });
    let elapsed = started.elapsed();
    let peak = peak_rss_kib().unwrap_or(0);
    assert_eq!(count, items, "every item once");
    drop(child.stdin.take());
    let _ = child.wait();
    println!(
        "{}",
        serde_json::json!({
            "items": items,
            "prefetch": prefetch,
            "rss_before_kib": before,
            "peak_rss_kib": peak,
            "seconds": round(elapsed),
        })
    );
}

fn round(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}
