//! Case 5: decoding only, no HTTP. The same bytes into our generated types (`ours`), into rspotify's
//! models (`rspotify`), both from text after one UTF-8 validation as the clients do, and into
//! `serde::de::IgnoredAny` from the bytes (`floor`: serde_json reading the JSON and building nothing,
//! the least any typed decoder can cost).
//!
//! Inputs: the track and a 50-item playlist page as the mock answers them, and every real response of
//! `../shared/fixtures/responses/` (read at run time, beside the checkout).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::de::IgnoredAny;
use spotify_sdk::types;
use spotify_sdk_benches::decode::{check_decoders, decoded, from_text};
use spotify_sdk_benches::{Env, PAGE_SIZE};

/// Each fixture with its type in our crate and in rspotify's (the types rspotify's own tests use).
macro_rules! fixtures {
    ($($file:literal => $ours:ty, $theirs:ty;)*) => {
        const FIXTURES: &[&str] = &[$($file),*];

        fn decode_ours(bodies: &[Bytes]) -> serde_json::Result<usize> {
            let mut bodies = bodies.iter();
            let mut decoded = 0;
            $( black_box(from_text::<$ours>(bodies.next().expect($file))?); decoded += 1; )*
            Ok(decoded)
        }

        fn decode_rspotify(bodies: &[Bytes]) -> serde_json::Result<usize> {
            let mut bodies = bodies.iter();
            let mut decoded = 0;
            $( black_box(from_text::<$theirs>(bodies.next().expect($file))?); decoded += 1; )*
            Ok(decoded)
        }
    };
}

use rspotify::model as rs;

fixtures! {
    "actions.json" => types::ActionsObject, rs::Actions;
    "audio_analysis_section.json" => types::SectionObject, rs::AudioAnalysisSection;
    "audio_analysis_segments.json" => types::SegmentObject, rs::AudioAnalysisSegment;
    "audio_analysis_track.json" => types::AudioAnalysisObjectTrack, rs::AudioAnalysisTrack;
    "audio_features.json" => types::AudioFeaturesObject, rs::AudioFeatures;
    "collectionyourepisodes_type.json" => types::ContextObject, rs::Context;
    "copyright.json" => Vec<types::CopyrightObject>, Vec<rs::Copyright>;
    "current_playback_context.json" => types::CurrentlyPlayingContextObject, rs::CurrentPlaybackContext;
    "current_user_queue.json" => types::QueueObject, rs::CurrentUserQueue;
    "currently_playing_context.json" => types::CurrentlyPlayingObject, rs::CurrentlyPlayingContext;
    "deserialization_playlist_item_with_malformed_episodes.json" => types::PagingPlaylistTrackObject, rs::Page<rs::PlaylistItem>;
    "fallback_variant_type_to_capture_new_type.json" => types::ContextObject, rs::Context;
    "full_artist.json" => types::ArtistObject, rs::FullArtist;
    "full_episode.json" => types::EpisodeObject, rs::FullEpisode;
    "full_playlist_accepts_items_field.json" => types::PlaylistObject, rs::FullPlaylist;
    "full_track.json" => types::TrackObject, rs::FullTrack;
    "null_id_in_tracklink.json" => types::LinkedTrackObject, rs::TrackLink;
    "null_item_in_page.json" => types::PagingPlaylistObject, rs::Page<rs::SimplifiedPlaylist>;
    "private_user.json" => types::PrivateUserObject, rs::PrivateUser;
    "public_user.json" => types::PublicUserObject, rs::PublicUser;
    "recommendations_seed.json" => types::RecommendationSeedObject, rs::RecommendationsSeed;
    "resume_point.json" => types::ResumePointObject, rs::ResumePoint;
    "resume_point_negative.json" => types::ResumePointObject, rs::ResumePoint;
    "simplified_episode.json" => types::SimplifiedEpisodeObject, rs::SimplifiedEpisode;
    "simplified_playlist.json" => types::SimplifiedPlaylistObject, rs::SimplifiedPlaylist;
    "simplified_track.json" => types::SimplifiedTrackObject, rs::SimplifiedTrack;
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/responses")
}

fn read_fixtures() -> Vec<Bytes> {
    FIXTURES
        .iter()
        .map(|name| {
            let path = fixtures_dir().join(name);
            let bytes =
                std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            Bytes::from(bytes)
        })
        .collect()
}

fn floor(bodies: &[Bytes]) -> serde_json::Result<usize> {
    for body in bodies {
        black_box(serde_json::from_slice::<IgnoredAny>(body)?);
    }
    Ok(bodies.len())
}

fn decode(c: &mut Criterion) {
    let env = Env::start(PAGE_SIZE);
    let track = env.bodies.track.clone();
    let page = env.bodies.pages[0].clone();
    let fixtures = read_fixtures();
    // Every input decodes in both type families before anything is timed.
    decoded::<types::TrackObject>(&track);
    decoded::<rs::FullTrack>(&track);
    // Ours, rspotify's and the bound of the interleaved run (`decode::tracks_only`).
    check_decoders(&page, PAGE_SIZE);
    assert_eq!(
        decode_ours(&fixtures).expect("fixtures into our types"),
        FIXTURES.len()
    );
    assert_eq!(
        decode_rspotify(&fixtures).expect("fixtures into rspotify's types"),
        FIXTURES.len()
    );
    let mut fixtures_found: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures directory")
        .map(|entry| {
            entry
                .expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json"))
        .collect();
    fixtures_found.sort();
    assert_eq!(
        fixtures_found, FIXTURES,
        "decode every fixture: update FIXTURES"
    );

    let inputs: [(&str, Vec<Bytes>); 3] = [
        ("c5_decode_track", vec![track.clone()]),
        ("c5_decode_page", vec![page.clone()]),
        ("c5_decode_fixtures", fixtures.clone()),
    ];
    for (name, bodies) in inputs {
        let bytes: usize = bodies.iter().map(Bytes::len).sum();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        match name {
            "c5_decode_track" => {
                group.bench_function("ours", |b| {
                    b.iter(|| black_box(decoded::<types::TrackObject>(&bodies[0])))
                });
                group.bench_function("rspotify", |b| {
                    b.iter(|| black_box(decoded::<rs::FullTrack>(&bodies[0])))
                });
            }
            "c5_decode_page" => {
                group.bench_function("ours", |b| {
                    b.iter(|| black_box(decoded::<types::PagingPlaylistTrackObject>(&bodies[0])))
                });
                group.bench_function("rspotify", |b| {
                    b.iter(|| black_box(decoded::<rs::Page<rs::PlaylistItem>>(&bodies[0])))
                });
            }
            _ => {
                group.bench_function("ours", |b| b.iter(|| decode_ours(&bodies).unwrap()));
                group.bench_function("rspotify", |b| b.iter(|| decode_rspotify(&bodies).unwrap()));
            }
        }
        group.bench_function("floor", |b| b.iter(|| floor(&bodies).unwrap()));
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = decode
}
criterion_main!(benches);
