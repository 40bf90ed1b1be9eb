//! `GET /tracks/{id}` called `N` times by one client, one call after another on a current-thread
//! runtime: a workload for an instruction counter, which the host's load does not move as it moves
//! times. Run it twice under callgrind; the difference of the two counts divided by the difference
//! of the two `N` is what one call costs (client and local server together; the server's share is
//! the same for every client):
//!
//! ```text
//! valgrind --tool=callgrind target/release/calls ours 100
//! valgrind --tool=callgrind target/release/calls ours 300
//! calls ours|reqwest|reqwest_timeouts|rspotify|generated N
//! ```

use spotify_sdk_benches::{CLIENT_NAMES, Env};

/// Calls before the counted ones start to matter: connections and caches warm up.
const WARM_UP: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(client), Some(Ok(calls))) = (args.get(1), args.get(2).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: calls CLIENT N, CLIENT one of {CLIENT_NAMES:?}");
        std::process::exit(2);
    };
    if !CLIENT_NAMES.contains(&client.as_str()) {
        eprintln!("unknown client {client:?}: one of {CLIENT_NAMES:?}");
        std::process::exit(2);
    }
    let env = Env::start(10);
    let clients = env.clients();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        for _ in 0..WARM_UP + calls {
            clients.one_track(client).await;
        }
    });
}
