//! `GET /tracks/{id}` called `N` times by one client, one call after another on a current-thread
//! runtime: a workload for an instruction counter, which the host's load does not move as it moves
//! times. Run it twice under callgrind; the difference of the two counts divided by the difference
//! of the two `N` is what one call costs (client and local server together; the server's share is
//! the same for every client):
//!
//! ```text
//! valgrind --tool=callgrind target/release/calls ours 100
//! valgrind --tool=callgrind target/release/calls ours 300
//! calls ours|reqwest|rspotify|generated N
//! ```

use std::hint::black_box;

use spotify_sdk_benches::{Env, TRACK_ID, rspotify_track};

/// Calls before the counted ones start to matter: connections and caches warm up.
const WARM_UP: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(client), Some(Ok(calls))) = (args.get(1), args.get(2).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: calls ours|reqwest|rspotify|generated N");
        std::process::exit(2);
    };
    let env = Env::start(10);
    let clients = env.clients();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        for _ in 0..WARM_UP + calls {
            match client.as_str() {
                "ours" => drop(black_box(
                    clients.ours.tracks().get(TRACK_ID).await.unwrap(),
                )),
                "reqwest" => drop(black_box(clients.raw.track(TRACK_ID).await.unwrap())),
                "rspotify" => drop(black_box(
                    rspotify_track(&clients.rspotify, TRACK_ID).await.unwrap(),
                )),
                "generated" => drop(black_box(clients.generated.track(TRACK_ID).await.unwrap())),
                other => {
                    eprintln!("unknown client {other:?}: ours, reqwest, rspotify or generated");
                    std::process::exit(2);
                }
            }
        }
    });
}
