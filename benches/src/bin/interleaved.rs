//! Cases 1, 2 and 4 again, interleaved: each round times a batch of calls of every client, in an
//! order that rotates from round to round, and the result is each client's median over the rounds.
//! On a shared machine, load that comes and goes then hits every client alike, so the ratios hold
//! even when criterion's separate runs (one client after another) drift. Prints one JSON line per
//! case.
//!
//! ```text
//! interleaved [--rounds N]   # default 40
//! ```

use std::hint::black_box;
use std::time::Instant;

use futures::TryStreamExt;
use futures::future::join_all;
use rspotify::clients::BaseClient;
use rspotify::model::PlaylistId;
use spotify_sdk_benches::{Clients, Env, PAGE_SIZE, TRACK_ID, client_runtime, rspotify_track};

/// `reqwest_timeouts` is baseline (a) with the facade's default timeouts: reqwest arms a timer for
/// each request that has a total timeout, and on a local server that is a cost of its own.
const CLIENTS: [&str; 5] = [
    "ours",
    "reqwest",
    "rspotify",
    "generated",
    "reqwest_timeouts",
];

/// One call (or one batch, for case 4) of `client` for `case`.
async fn call(clients: &Clients, playlist: &str, case: &str, client: &str) {
    match (case, client) {
        ("c1_track", "ours") => drop(black_box(
            clients.ours.tracks().get(TRACK_ID).await.unwrap(),
        )),
        ("c1_track", "reqwest") => drop(black_box(clients.raw.track(TRACK_ID).await.unwrap())),
        ("c1_track", "reqwest_timeouts") => drop(black_box(
            clients.raw_timeouts.track(TRACK_ID).await.unwrap(),
        )),
        ("c1_track", "rspotify") => drop(black_box(
            rspotify_track(&clients.rspotify, TRACK_ID).await.unwrap(),
        )),
        ("c1_track", _) => {
            let track = clients.generated.track(TRACK_ID).await;
            drop(black_box(track.unwrap()));
        }
        ("c2_page", "ours") => {
            let mut pages = clients.ours.playlists().items(playlist).pages();
            drop(black_box(pages.try_next().await.unwrap()));
        }
        ("c2_page", "reqwest") => drop(black_box(
            clients.raw.items_page(playlist, 0).await.unwrap(),
        )),
        ("c2_page", "reqwest_timeouts") => drop(black_box(
            clients.raw_timeouts.items_page(playlist, 0).await.unwrap(),
        )),
        ("c2_page", "rspotify") => {
            let id = PlaylistId::from_id(playlist).unwrap();
            let page = clients.rspotify.playlist_items_manual(
                id,
                None,
                None,
                Some(PAGE_SIZE as u32),
                Some(0),
            );
            drop(black_box(page.await.unwrap()));
        }
        ("c2_page", _) => {
            let page = clients.generated.items_page(playlist, 0).await;
            drop(black_box(page.unwrap()));
        }
        (_, "ours") => {
            let calls = (0..100).map(|_| async { clients.ours.tracks().get(TRACK_ID).await });
            join_all(calls)
                .await
                .into_iter()
                .for_each(|r| drop(black_box(r.unwrap())));
        }
        (_, "reqwest") | (_, "reqwest_timeouts") => {
            let raw = if client == "reqwest" {
                &clients.raw
            } else {
                &clients.raw_timeouts
            };
            let calls = (0..100).map(|_| raw.track(TRACK_ID));
            join_all(calls)
                .await
                .into_iter()
                .for_each(|r| drop(black_box(r.unwrap())));
        }
        (_, "rspotify") => {
            let calls = (0..100).map(|_| rspotify_track(&clients.rspotify, TRACK_ID));
            join_all(calls)
                .await
                .into_iter()
                .for_each(|r| drop(black_box(r.unwrap())));
        }
        (_, _) => {
            let calls = (0..100).map(|_| clients.generated.track(TRACK_ID));
            join_all(calls)
                .await
                .into_iter()
                .for_each(|r| drop(black_box(r.unwrap())));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .map_or(40, |v| v.parse().expect("--rounds N"));
    let env = Env::start(PAGE_SIZE);
    let runtime = client_runtime();
    let clients = env.clients();
    let playlist = env.playlist_id.as_str();
    // (case, calls per batch): batches of a few milliseconds.
    for (case, batch) in [("c1_track", 100), ("c2_page", 10), ("c4_concurrent", 3)] {
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); CLIENTS.len()];
        runtime.block_on(async {
            for round in 0..rounds + 2 {
                for k in 0..CLIENTS.len() {
                    let i = (round + k) % CLIENTS.len();
                    let started = Instant::now();
                    for _ in 0..batch {
                        call(&clients, playlist, case, CLIENTS[i]).await;
                    }
                    // The first two rounds warm up connections and caches.
                    if round >= 2 {
                        times[i].push(started.elapsed().as_secs_f64() * 1e9 / f64::from(batch));
                    }
                }
            }
        });
        let mut line = serde_json::json!({ "case": case, "rounds": rounds });
        for (client, mut samples) in CLIENTS.iter().zip(times) {
            samples.sort_by(f64::total_cmp);
            line[*client] = serde_json::json!(samples[samples.len() / 2]);
        }
        println!("{line}");
    }
}
