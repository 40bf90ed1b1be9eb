//! Case 3: every item of a playlist of 10,000 tracks (`SPOTIFY_BENCH_ITEMS`; 500 in a smoke run), 50 per
//! page, with 5 ms of server latency per page: one page at a time (`_seq`), the facade's default prefetch
//! (`_default`, 4 pages in flight) and 8 pages in flight (`_8`). rspotify's paginator is sequential; its
//! concurrent rows are `playlist_items_manual` pages under `buffered(n)`, as a user would write them.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use futures::TryStreamExt;
use spotify_sdk_benches::{
    Clients, Env, PAGING_LATENCY, assert_in_order, client_runtime, item_name, items_for_run,
    rspotify_all_items, rspotify_item_name,
};

/// The facade's default: the stream as `client.playlists().items(id)` returns it.
const DEFAULT: usize = 0;

/// (benchmark name, pages in flight; `DEFAULT` = the client's default).
const VARIANTS: [(&str, usize); 3] = [("seq", 1), ("default", DEFAULT), ("8", 8)];

/// The facade's default prefetch (`ClientBuilder::page_prefetch`), for the rows of the other clients.
const FACADE_DEFAULT_PREFETCH: usize = 4;

async fn ours(
    clients: &Clients,
    playlist: &str,
    prefetch: usize,
) -> Vec<spotify_sdk::types::PlaylistTrackObject> {
    let items = clients.ours.playlists().items(playlist);
    let items = if prefetch == DEFAULT {
        items
    } else {
        items.prefetch(prefetch)
    };
    items.try_collect().await.expect("ours: items")
}

async fn raw(
    clients: &Clients,
    playlist: &str,
    prefetch: usize,
) -> Vec<spotify_sdk::types::PlaylistTrackObject> {
    let prefetch = if prefetch == DEFAULT {
        FACADE_DEFAULT_PREFETCH
    } else {
        prefetch
    };
    clients
        .raw
        .all_items(playlist, prefetch)
        .await
        .expect("reqwest: items")
}

async fn rspotify(
    clients: &Clients,
    playlist: &str,
    prefetch: usize,
) -> Vec<rspotify::model::PlaylistItem> {
    let prefetch = if prefetch == DEFAULT {
        FACADE_DEFAULT_PREFETCH
    } else {
        prefetch
    };
    rspotify_all_items(&clients.rspotify, playlist, prefetch)
        .await
        .expect("rspotify: items")
}

fn paging(c: &mut Criterion) {
    let items = items_for_run();
    let env = Env::start(items);
    env.replay.set_latency(PAGING_LATENCY);
    let rt = client_runtime();
    let clients = env.clients();
    let playlist = env.playlist_id.as_str();

    // Every variant yields every item once, in order, before anything is timed.
    rt.block_on(async {
        for (name, prefetch) in VARIANTS {
            let got = ours(&clients, playlist, prefetch).await;
            assert_in_order(&format!("ours_{name}"), got.iter().map(item_name), items);
            let got = raw(&clients, playlist, prefetch).await;
            assert_in_order(&format!("reqwest_{name}"), got.iter().map(item_name), items);
            let got = rspotify(&clients, playlist, prefetch).await;
            assert_in_order(
                &format!("rspotify_{name}"),
                got.iter().map(rspotify_item_name),
                items,
            );
        }
    });

    let mut group = c.benchmark_group("c3_paging");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for (name, prefetch) in VARIANTS {
        group.bench_function(format!("ours_{name}"), |b| {
            b.to_async(&rt)
                .iter(|| async { black_box(ours(&clients, playlist, prefetch).await.len()) })
        });
        group.bench_function(format!("reqwest_{name}"), |b| {
            b.to_async(&rt)
                .iter(|| async { black_box(raw(&clients, playlist, prefetch).await.len()) })
        });
        group.bench_function(format!("rspotify_{name}"), |b| {
            b.to_async(&rt)
                .iter(|| async { black_box(rspotify(&clients, playlist, prefetch).await.len()) })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    targets = paging
}
criterion_main!(benches);
