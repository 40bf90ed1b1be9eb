//! Cases 1, 2 and 4: one track, one 50-item page, 100 concurrent tracks; each through the facade
//! (`ours`), raw reqwest (`reqwest`), rspotify (`rspotify`) and the generated client alone
//! (`generated`, diagnostic) and raw reqwest with the facade's timeouts (`reqwest_timeouts`,
//! diagnostic), against the replay server. Ours reads the page as users would, the first
//! page of `client.playlists().items(id).pages()`; `ours_call` is the same request through `Client::call`.

use std::hint::black_box;
use std::num::NonZeroU64;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use futures::TryStreamExt;
use futures::future::join_all;
use rspotify::clients::BaseClient;
use rspotify::model::PlaylistId;
use spotify_sdk_benches::{Env, PAGE_SIZE, TRACK_ID, client_runtime, rspotify_track};

/// Concurrent calls in case 4.
const CONCURRENT: usize = 100;

fn http(c: &mut Criterion) {
    let env = Env::start(PAGE_SIZE);
    let rt = client_runtime();
    let clients = env.clients();
    let (ours, raw, generated, rspotify) = (
        &clients.ours,
        &clients.raw,
        &clients.generated,
        &clients.rspotify,
    );
    let playlist = env.playlist_id.as_str();
    let limit = NonZeroU64::new(PAGE_SIZE as u64).expect("non-zero");
    let raw_timeouts = &clients.raw_timeouts;

    // Every client decodes the same answers before anything is timed.
    rt.block_on(async {
        let expected = raw.track(TRACK_ID).await.expect("reqwest: track");
        assert_eq!(
            ours.tracks().get(TRACK_ID).await.expect("ours: track"),
            expected
        );
        let theirs = rspotify_track(rspotify, TRACK_ID)
            .await
            .expect("rspotify: track");
        assert_eq!(theirs.name, expected.name);
        let page = ours
            .call(
                ours.raw()
                    .get_playlists_items(playlist, None, None, Some(limit), None, Some(0)),
            )
            .await
            .expect("ours: page");
        assert_eq!(page.items.len(), PAGE_SIZE);
        assert_eq!(
            page,
            raw.items_page(playlist, 0).await.expect("reqwest: page")
        );
        let first = ours
            .playlists()
            .items(playlist)
            .pages()
            .try_next()
            .await
            .expect("ours: first page");
        assert_eq!(first.map(|p| p.items.len()), Some(PAGE_SIZE));
    });

    let mut group = c.benchmark_group("c1_track");
    group.bench_function("ours", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(ours.tracks().get(TRACK_ID).await.unwrap()) })
    });
    group.bench_function("reqwest", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(raw.track(TRACK_ID).await.unwrap()) })
    });
    group.bench_function("reqwest_timeouts", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(raw_timeouts.track(TRACK_ID).await.unwrap()) })
    });
    group.bench_function("rspotify", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(rspotify_track(rspotify, TRACK_ID).await.unwrap()) })
    });
    group.bench_function("generated", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(generated.track(TRACK_ID).await.unwrap()) })
    });
    group.finish();

    let mut group = c.benchmark_group("c2_page");
    group.bench_function("ours", |b| {
        b.to_async(&rt).iter(|| async {
            black_box(
                ours.playlists()
                    .items(playlist)
                    .pages()
                    .try_next()
                    .await
                    .unwrap(),
            )
        })
    });
    group.bench_function("ours_call", |b| {
        b.to_async(&rt).iter(|| async {
            let page = ours
                .call(ours.raw().get_playlists_items(
                    playlist,
                    None,
                    None,
                    Some(limit),
                    None,
                    Some(0),
                ))
                .await;
            black_box(page.unwrap())
        })
    });
    group.bench_function("reqwest", |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(raw.items_page(playlist, 0).await.unwrap()) })
    });
    group.bench_function("rspotify", |b| {
        b.to_async(&rt).iter(|| async {
            let id = PlaylistId::from_id(playlist).unwrap();
            let limit = Some(PAGE_SIZE as u32);
            black_box(
                rspotify
                    .playlist_items_manual(id, None, None, limit, Some(0))
                    .await
                    .unwrap(),
            )
        })
    });
    group.bench_function("generated", |b| {
        b.to_async(&rt).iter(|| async {
            let page = generated.items_page(playlist, 0).await;
            black_box(page.unwrap())
        })
    });
    group.finish();

    let mut group = c.benchmark_group("c4_concurrent");
    group.bench_function("ours", |b| {
        b.to_async(&rt).iter(|| async {
            for result in
                join_all((0..CONCURRENT).map(|_| async { ours.tracks().get(TRACK_ID).await })).await
            {
                black_box(result.unwrap());
            }
        })
    });
    group.bench_function("reqwest", |b| {
        b.to_async(&rt).iter(|| async {
            for result in join_all((0..CONCURRENT).map(|_| raw.track(TRACK_ID))).await {
                black_box(result.unwrap());
            }
        })
    });
    group.bench_function("reqwest_timeouts", |b| {
        b.to_async(&rt).iter(|| async {
            for result in join_all((0..CONCURRENT).map(|_| raw_timeouts.track(TRACK_ID))).await {
                black_box(result.unwrap());
            }
        })
    });
    group.bench_function("rspotify", |b| {
        b.to_async(&rt).iter(|| async {
            for result in
                join_all((0..CONCURRENT).map(|_| rspotify_track(rspotify, TRACK_ID))).await
            {
                black_box(result.unwrap());
            }
        })
    });
    group.bench_function("generated", |b| {
        b.to_async(&rt).iter(|| async {
            for result in join_all((0..CONCURRENT).map(|_| generated.track(TRACK_ID))).await {
                black_box(result.unwrap());
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = http
}
criterion_main!(benches);
