//! Cases 1, 2 and 4 again, and case 5's page decode, interleaved: each round times a batch of calls
//! of every client (of every decoder, for case 5), in an order that rotates from round to round, and
//! the result is each client's median over the rounds.
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
use spotify_sdk_benches::decode::{DECODERS, check_decoders, decode_page};
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
    let page = &env.bodies.pages[0];
    check_decoders(page, PAGE_SIZE);
    // Every case inside one `block_on`, so that no batch pays for entering the runtime.
    runtime.block_on(async {
        // (case, calls per batch): batches of a few milliseconds.
        for (case, batch) in [("c1_track", 100), ("c2_page", 10), ("c4_concurrent", 3)] {
            let line = interleave(case, rounds, batch, &CLIENT_NAMES, async |client, batch| {
                for _ in 0..batch {
                    call(&clients, playlist, case, client).await;
                }
            })
            .await;
            println!("{line}");
        }
        let line = interleave(
            "c5_decode_page",
            rounds,
            20,
            &DECODERS,
            async |decoder, batch| {
                for _ in 0..batch {
                    black_box(decode_page(decoder, page));
                }
            },
        )
        .await;
        println!("{line}");
    });
}

/// Times a batch (`run(name, batch)`: `batch` calls) of each of `names` in every round, in an order
/// that rotates from round to round, and returns the case's JSON line: each name's median time per
/// call, in ns.
async fn interleave(
    case: &str,
    rounds: usize,
    batch: u32,
    names: &[&str],
    mut run: impl AsyncFnMut(&str, u32),
) -> serde_json::Value {
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for round in 0..rounds + 2 {
        for k in 0..names.len() {
            let i = (round + k) % names.len();
            let started = Instant::now();
            run(names[i], batch).await;
            // The first two rounds warm up connections and caches.
            if round >= 2 {
                times[i].push(started.elapsed().as_secs_f64() * 1e9 / f64::from(batch));
            }
        }
    }
    let mut line = serde_json::json!({ "case": case, "rounds": rounds });
    for (name, mut samples) in names.iter().zip(times) {
        samples.sort_by(f64::total_cmp);
        line[*name] = serde_json::json!(samples[samples.len() / 2]);
    }
    line
}
