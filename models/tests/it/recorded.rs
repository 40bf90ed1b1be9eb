//! Real Spotify response bodies recorded by other clients (`../shared/fixtures/responses/`,
//! third-party data that this repository does not copy) decode into the generated types.
//!
//! Without `../shared` these tests say what they skip, one line each; under `CI=true` its absence
//! is a failure, so CI always runs them.

use std::io::Write as _;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use spotify_sdk_models::types::{self, PlayableItem};

use crate::decode;

/// The recorded responses, or `None` (after saying so) when `../shared` is not beside the checkout.
fn recorded_dir(test: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/responses");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test}: {} is missing; CI must run with ../shared beside the checkout",
        dir.display()
    );
    // Straight to stderr: the test harness would hide a print of a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: no recorded responses at {} (third-party data, see README \"What \
         ../shared holds\")",
        dir.display()
    );
    None
}

fn recorded(dir: &std::path::Path, name: &str) -> Value {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

fn load<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    dir: &std::path::Path,
    name: &str,
) -> T {
    decode(name, &recorded(dir, name))
}

/// Every recorded response decodes as the type it is a body of; a new file fails here until it is
/// given one.
#[test]
fn every_recorded_response_decodes() {
    let Some(dir) = recorded_dir("every_recorded_response_decodes") else {
        return;
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 26, "only {} recorded responses", names.len());
    for name in &names {
        let json = recorded(&dir, name);
        macro_rules! as_type {
            ($($file:literal => $ty:ty),* $(,)?) => {
                match name.as_str() {
                    $($file => { decode::<$ty>(name, &json); })*
                    other => panic!("{other} has no type to decode into: add it here"),
                }
            };
        }
        as_type! {
            "actions.json" => types::ActionsObject,
            "audio_analysis_section.json" => types::SectionObject,
            "audio_analysis_segments.json" => types::SegmentObject,
            "audio_analysis_track.json" => types::AudioAnalysisObjectTrack,
            "audio_features.json" => types::AudioFeaturesObject,
            "collectionyourepisodes_type.json" => types::ContextObject,
            "copyright.json" => Vec<types::CopyrightObject>,
            "current_playback_context.json" => types::CurrentlyPlayingContextObject,
            "current_user_queue.json" => types::QueueObject,
            "currently_playing_context.json" => types::CurrentlyPlayingObject,
            "deserialization_playlist_item_with_malformed_episodes.json" => types::PagingPlaylistTrackObject,
            "fallback_variant_type_to_capture_new_type.json" => types::ContextObject,
            "full_artist.json" => types::ArtistObject,
            "full_episode.json" => types::EpisodeObject,
            "full_playlist_accepts_items_field.json" => types::PlaylistObject,
            "full_track.json" => types::TrackObject,
            "null_id_in_tracklink.json" => types::LinkedTrackObject,
            "null_item_in_page.json" => types::PagingPlaylistObject,
            "private_user.json" => types::PrivateUserObject,
            "public_user.json" => types::PublicUserObject,
            "recommendations_seed.json" => types::RecommendationSeedObject,
            "resume_point.json" => types::ResumePointObject,
            "resume_point_negative.json" => types::ResumePointObject,
            "simplified_episode.json" => types::SimplifiedEpisodeObject,
            "simplified_playlist.json" => types::SimplifiedPlaylistObject,
            "simplified_track.json" => types::SimplifiedTrackObject,
        }
    }
}

/// What the recorded responses hold survives decoding: the facts our own fixtures prove in general,
/// checked on real bodies.
#[test]
fn recorded_values_survive_decoding() {
    let Some(dir) = recorded_dir("recorded_values_survive_decoding") else {
        return;
    };

    let track: types::TrackObject = load(&dir, "full_track.json");
    assert_eq!(
        (track.name.as_str(), track.duration_ms, track.popularity),
        ("Cut To The Feeling", 207_959, Some(63))
    );
    assert_eq!(track.album.album_type, Some(types::AlbumType::Single));
    assert_eq!(track.artists[0].name, "Carly Rae Jepsen");

    let artist: types::ArtistObject = load(&dir, "full_artist.json");
    assert_eq!(
        (artist.name.as_str(), artist.genres.as_slice()),
        ("Band of Horses", &["indie folk".to_string()][..])
    );
    assert_eq!(artist.followers.unwrap().total, 833_247);

    let episode: types::EpisodeObject = load(&dir, "full_episode.json");
    assert_eq!(episode.show.name, "Vetenskapsradion Historia");
    assert_eq!(
        episode.release_date_precision,
        types::ReleaseDatePrecision::Day
    );

    let linked: types::LinkedTrackObject = load(&dir, "null_id_in_tracklink.json");
    assert_eq!(
        (linked.id, linked.uri.as_str()),
        (None, "spotify:track:0tSkMuKKrLXEfxc58cEhFX")
    );

    let page: types::PagingPlaylistObject = load(&dir, "null_item_in_page.json");
    assert_eq!((page.items.as_slice(), page.total), (&[None][..], 1));

    // Both `items` and the deprecated `tracks`, each entry with `item` and `track`: decoded once.
    let playlist: types::PlaylistObject = load(&dir, "full_playlist_accepts_items_field.json");
    let entries = &playlist.items.as_ref().expect("the page").items;
    assert!(!entries.is_empty());
    for entry in entries {
        assert!(matches!(
            entry.as_ref().unwrap().item,
            Some(PlayableItem::Track(_))
        ));
    }

    // An episode sent in track shape: kept whole, the page decodes.
    let page: types::PagingPlaylistTrackObject = load(
        &dir,
        "deserialization_playlist_item_with_malformed_episodes.json",
    );
    let Some(PlayableItem::Unknown(raw)) = &page.items[0].as_ref().unwrap().item else {
        panic!("{:?}", page.items[0]);
    };
    assert_eq!(
        (raw["type"].as_str(), raw["id"].as_str()),
        (Some("episode"), Some("4IBGQd8aV4j6WGqGOjdJmE"))
    );

    let state: types::CurrentlyPlayingContextObject = load(&dir, "current_playback_context.json");
    assert_eq!(state.device.name, "Web Player (Firefox)");
    assert_eq!(state.progress_ms, None);
    let Some(PlayableItem::Track(playing)) = &state.item else {
        panic!("{:?}", state.item)
    };
    assert_eq!(playing.type_, types::TrackObjectType::Track);
    assert_eq!(
        state.actions.unwrap().disallows.unwrap().skipping_prev,
        Some(true)
    );

    let seed: types::RecommendationSeedObject = load(&dir, "recommendations_seed.json");
    assert_eq!(seed.type_.as_deref(), Some("ARTIST"));

    let context: types::ContextObject =
        load(&dir, "fallback_variant_type_to_capture_new_type.json");
    assert_eq!(context.type_, "onlygodknow");

    let point: types::ResumePointObject = load(&dir, "resume_point_negative.json");
    assert_eq!(
        (point.fully_played, point.resume_position_ms),
        (true, -1000)
    );
}
