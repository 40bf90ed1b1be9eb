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
use spotify_sdk_benches::{CLIENT_NAMES, Clients, Env, PAGE_SIZE, client_runtime};

/// One call (or one batch, for case 4) of `client` for `case`.
async fn call(clients: &Clients, playlist: &str, case: &str, client: &str) {
    match (case, client) {
        ("c1_track", _) => clients.one_track(client).await,
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
        (_, _) => {
            join_all((0..100).map(|_| clients.one_track(client))).await;
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
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); CLIENT_NAMES.len()];
        runtime.block_on(async {
            for round in 0..rounds + 2 {
                for k in 0..CLIENT_NAMES.len() {
                    let i = (round + k) % CLIENT_NAMES.len();
                    let started = Instant::now();
                    for _ in 0..batch {
                        call(&clients, playlist, case, CLIENT_NAMES[i]).await;
                    }
                    // The first two rounds warm up connections and caches.
                    if round >= 2 {
                        times[i].push(started.elapsed().as_secs_f64() * 1e9 / f64::from(batch));
                    }
                }
            }
        });
        let mut line = serde_json::json!({ "case": case, "rounds": rounds });
        for (client, mut samples) in CLIENT_NAMES.iter().zip(times) {
            samples.sort_by(f64::total_cmp);
            line[*client] = serde_json::json!(samples[samples.len() / 2]);
        }
        println!("{line}");
    }
}
