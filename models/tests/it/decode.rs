//! The models on our own fixtures (`models/tests/fixtures/`): what is plain and what is
//! optional, and every way real responses deviate from the spec, each proven here without
//! `../shared`.

use serde_json::{json, Value};
use spotify_sdk_models::types::{self, PlayableItem};

use crate::{decode, fixture, try_decode};

/// `json` with the fields at `pointer` removed.
fn without(mut json: Value, pointer: &str, fields: &[&str]) -> Value {
    let object = json
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {pointer}"));
    for field in fields {
        assert!(object.remove(*field).is_some(), "no `{field}` at {pointer}");
    }
    json
}

fn set(mut json: Value, pointer: &str, value: Value) -> Value {
    *json
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer}")) = value;
    json
}

#[test]
fn a_track_reads_without_unwrapping() {
    let track: types::TrackObject = decode("track.json", &fixture("track.json"));
    assert_eq!(track.name, "Northern Line");
    assert_eq!(track.uri, "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
    assert_eq!(track.duration_ms, 213_573);
    assert_eq!(track.artists[0].name, "The Lanterns");
    assert_eq!(track.album.name, "Harbour Lights");
    assert_eq!(track.album.album_type, Some(types::AlbumType::Album));
    assert_eq!(
        track.album.images[0].url,
        "https://i.scdn.co/image/ab67616d0000b2738a0c5c3fd1e4b2a7d9e06f1b2c3d4e5f6a7b8c9d"
    );
    assert_eq!(
        track.external_urls.spotify.as_deref(),
        Some("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC")
    );
    assert_eq!(track.type_, types::TrackObjectType::Track);
    // Optional: sent to some apps only, or only when it applies.
    assert_eq!(track.popularity, Some(57));
    assert_eq!(track.preview_url, None);
    assert_eq!(track.id.as_deref(), Some("4uLU6hMCjMI75M1A2tKUQC"));
}

/// Spotify stopped sending these to development-mode apps in February 2026: absent is `None` (or an
/// empty list), not an error.
#[test]
fn fields_spotify_dropped_are_absent_not_errors() {
    let json = without(
        fixture("track.json"),
        "",
        &["popularity", "available_markets", "external_ids"],
    );
    let json = without(json, "/album", &["available_markets"]);
    let track: types::TrackObject = decode("a track without dropped fields", &json);
    assert_eq!(track.popularity, None);
    assert!(track.available_markets.is_empty());
    assert_eq!(track.external_ids, None);
    assert!(track.album.available_markets.is_empty());
}

/// Older answers (recorded by other clients from 2014 to 2022) leave out what Spotify added later:
/// a simplified album's `artists`, `total_tracks` and `type`, a track's `is_local`, a playback
/// state's `actions` and `currently_playing_type`, a device's `is_private_session`, a simplified
/// playlist's `snapshot_id`, a playlist item's `is_local`. They still decode: an absent list is
/// empty, the rest are `None`.
#[test]
fn older_answers_without_later_fields_decode() {
    let json = without(fixture("track.json"), "", &["is_local"]);
    let json = without(json, "/album", &["artists", "total_tracks", "type"]);
    let json = without(json, "/artists/0", &["type"]);
    let track: types::TrackObject = decode("a track as Spotify sent it in 2015", &json);
    assert!(track.album.artists.is_empty());
    assert_eq!(
        (track.album.total_tracks, track.is_local, track.album.type_),
        (None, None, None)
    );
    assert_eq!(track.artists[0].name, "The Lanterns");

    let json = without(
        fixture("playback_state.json"),
        "",
        &["actions", "currently_playing_type", "smart_shuffle"],
    );
    let json = without(json, "/device", &["is_private_session"]);
    let state: types::CurrentlyPlayingContextObject =
        decode("a playback state as Spotify sent it in 2017", &json);
    assert_eq!(
        (
            state.actions,
            state.currently_playing_type,
            state.device.is_private_session
        ),
        (None, None, None)
    );
    assert_eq!(state.device.name, "Kitchen speaker");

    let json = without(
        fixture("simplified_playlist_tracks_only.json"),
        "",
        &["snapshot_id"],
    );
    let playlist: types::SimplifiedPlaylistObject = decode("a playlist in 2015 search", &json);
    assert_eq!(playlist.snapshot_id, None);

    let json = without(
        fixture("playlist_items_page.json"),
        "/items/0",
        &["is_local"],
    );
    let page: types::PagingPlaylistTrackObject = decode("a playlist page of 2014", &json);
    assert_eq!(page.items[0].as_ref().unwrap().is_local, None);
}

/// The audiobook inside a chapter (`GET /chapters/{id}`) comes without `total_chapters`, which the
/// audiobook's own endpoints send: the chapters the Swift client Peter-Schorn/SpotifyAPI recorded
/// have it `null`. A chapter without it decodes; the count is there when Spotify sends it.
#[test]
fn a_chapters_audiobook_may_lack_its_chapter_count() {
    let chapter: types::ChapterObject = decode("chapter.json", &fixture("chapter.json"));
    assert_eq!(chapter.audiobook.total_chapters, Some(24));
    assert_eq!(chapter.audiobook.name, "The River Map");

    let json = without(fixture("chapter.json"), "/audiobook", &["total_chapters"]);
    let chapter: types::ChapterObject = decode("a chapter as Spotify sends it", &json);
    assert_eq!(chapter.audiobook.total_chapters, None);
    assert_eq!(chapter.chapter_number, 1);

    let json = set(
        fixture("chapter.json"),
        "/audiobook/total_chapters",
        Value::Null,
    );
    let chapter: types::ChapterObject = decode("a chapter with a null count", &json);
    assert_eq!(chapter.audiobook.total_chapters, None);
}

/// A plain field that a response lacks fails the decode, naming the path of the object that lacks
/// it and the field: the types check what they promise, and a body decoded into the wrong model is
/// an error, not an object of `None`s.
#[test]
fn a_missing_plain_field_is_an_error_naming_its_path() {
    for (pointer, field, path) in [
        ("", "name", "name"),
        ("/album", "name", "album.name"),
        ("/artists/0", "name", "artists[0].name"),
        ("", "duration_ms", "duration_ms"),
    ] {
        let json = without(fixture("track.json"), pointer, &[field]);
        let error = try_decode::<types::TrackObject>(&json).unwrap_err();
        assert!(
            error.starts_with(&format!("{path}: missing field `{field}`")),
            "{error}"
        );
    }
    let error = try_decode::<types::TrackObject>(&fixture("me.json")).unwrap_err();
    assert!(
        error.contains("missing field"),
        "a user decoded as a track: {error}"
    );
}

/// The models' `Deserialize` is generated (`xtask/src/deserialize.rs`), not serde's derive: it
/// reads objects as the derive does, with its messages. A key is matched however it is spelled in
/// JSON (escaped, or owned as in a `serde_json::Value`), a key no field has is skipped, a key sent
/// twice and a value that is not an object are errors.
#[test]
fn objects_decode_as_serde_reads_them() {
    let json = fixture("track.json");
    let expected: types::TrackObject = decode("track.json", &json);
    let escaped = json.to_string().replacen(
        "\"name\":\"Northern Line\"",
        "\"na\\u006de\":\"Northern Line\"",
        1,
    );
    assert!(escaped.contains("na\\u006de"), "the fixture changed");
    let track: types::TrackObject = serde_json::from_str(&escaped).unwrap();
    assert_eq!(track, expected);
    assert_eq!(
        serde_json::from_value::<types::TrackObject>(json.clone()).unwrap(),
        expected
    );
    let mut extra = json.clone();
    extra["not_in_the_spec"] = json!({"deep": [1, {"a": null}]});
    assert_eq!(try_decode::<types::TrackObject>(&extra).unwrap(), expected);

    let text = json.to_string();
    let twice = text.replacen("{", "{\"name\":\"Twice\",", 1);
    let error = serde_json::from_str::<types::TrackObject>(&twice).unwrap_err();
    assert!(
        error.to_string().starts_with("duplicate field `name`"),
        "{error}"
    );
    let error = try_decode::<types::TrackObject>(&json!([json])).unwrap_err();
    assert!(
        error.contains("invalid type: sequence, expected struct TrackObject"),
        "{error}"
    );
    let error = try_decode::<types::TrackObject>(&set(json, "/album", json!("x"))).unwrap_err();
    assert!(
        error.starts_with(
            "album: invalid type: string \"x\", expected struct SimplifiedAlbumObject"
        ),
        "{error}"
    );
}

/// From about January to March 2024 Spotify sent integers as floats (`640.0`, `4.9022656E7`).
#[test]
fn integers_sent_as_integral_floats_decode() {
    let json = set(
        fixture("track.json"),
        "/album/images/0/height",
        json!(640.0),
    );
    let json = set(json, "/duration_ms", json!(2.13573E5));
    let json = set(json, "/popularity", json!(5.7e1));
    let track: types::TrackObject = decode("a track with floats", &json);
    assert_eq!(track.album.images[0].height, Some(640));
    assert_eq!(track.duration_ms, 213_573);
    assert_eq!(track.popularity, Some(57));

    let page = set(
        fixture("playlist_items_page.json"),
        "/total",
        json!(4.9022656E7),
    );
    let page: types::PagingPlaylistTrackObject = decode("a page with a float total", &page);
    assert_eq!(page.total, 49_022_656);

    let fractional = set(fixture("track.json"), "/duration_ms", json!(213_573.5));
    let error = try_decode::<types::TrackObject>(&fractional).unwrap_err();
    assert!(
        error.starts_with(
            "duration_ms: invalid value: floating point `213573.5`, expected an integer"
        ),
        "{error}"
    );
}

/// Album types in upper case (artist top tracks, recommendations) are their variant, and serialize
/// back as the spec spells them.
#[test]
fn enum_values_in_any_letter_case_are_their_variant() {
    let page: types::PagingArtistDiscographyAlbumObject = decode(
        "artist_albums_page.json",
        &fixture("artist_albums_page.json"),
    );
    let kinds: Vec<_> = page
        .items
        .iter()
        .flatten()
        .map(|a| a.album_type.clone())
        .collect();
    assert_eq!(
        kinds,
        [
            types::AlbumType::Album,
            types::AlbumType::Single,
            types::AlbumType::Compilation
        ]
    );
    let groups: Vec<_> = page
        .items
        .iter()
        .flatten()
        .map(|a| a.album_group.clone())
        .collect();
    assert_eq!(
        groups,
        [
            Some(types::AlbumGroup::Album),
            Some(types::AlbumGroup::Single),
            Some(types::AlbumGroup::AppearsOn)
        ]
    );
    assert_eq!(serde_json::to_value(&kinds[0]).unwrap(), json!("album"));
    assert_eq!(
        "SINGLE".parse::<types::AlbumType>().unwrap(),
        types::AlbumType::Single
    );

    let recommendations: types::RecommendationsObject =
        decode("recommendations.json", &fixture("recommendations.json"));
    assert_eq!(
        recommendations.tracks[0].album.album_type,
        Some(types::AlbumType::Album)
    );
    assert_eq!(recommendations.tracks[0].album.is_playable, Some(true));
}

/// A value the spec does not list decodes as itself and serializes back unchanged.
#[test]
fn unknown_enum_values_are_kept() {
    let json = set(
        fixture("track.json"),
        "/album/album_type",
        json!("audiobook"),
    );
    let track: types::TrackObject = decode("a new album type", &json);
    let kind = track.album.album_type.unwrap();
    assert_eq!(kind, types::AlbumType::Unknown("audiobook".into()));
    assert_eq!(kind.to_string(), "audiobook");
    assert_eq!(serde_json::to_value(&kind).unwrap(), json!("audiobook"));

    // Number enums are open too: the audio analysis `mode` is -1, 0 or 1 today.
    let section: types::SectionObject = decode(
        "audio_analysis_section.json",
        &fixture("audio_analysis_section.json"),
    );
    assert_eq!(section.mode, Some(2));
}

/// Track-or-episode entries are decoded by their `type`, into variants named after it; a kind the
/// spec does not list is kept as raw JSON and the page still decodes.
#[test]
fn playlist_entries_decode_by_kind() {
    let page: types::PagingPlaylistTrackObject = decode(
        "playlist_items_page.json",
        &fixture("playlist_items_page.json"),
    );
    assert_eq!(page.total, 7);
    assert_eq!(page.items.len(), 7);
    let items: Vec<Option<&PlayableItem>> = page
        .items
        .iter()
        .map(|e| e.as_ref().and_then(|e| e.item.as_ref()))
        .collect();

    let Some(PlayableItem::Track(track)) = items[0] else {
        panic!("{:?}", items[0])
    };
    assert_eq!(
        (track.name.as_str(), track.track, track.episode),
        ("Northern Line", Some(true), Some(false))
    );
    let Some(PlayableItem::Episode(episode)) = items[1] else {
        panic!("{:?}", items[1])
    };
    assert_eq!(
        (episode.name.as_str(), episode.show.name.as_str()),
        ("The Cello Maker", "The Workbench")
    );

    // A local file: no ID, no album ID, no artist ID; its names are there.
    let Some(PlayableItem::Track(local)) = items[2] else {
        panic!("{:?}", items[2])
    };
    assert_eq!(page.items[2].as_ref().unwrap().is_local, Some(true));
    assert_eq!(
        (
            local.id.as_deref(),
            local.album.id.as_deref(),
            local.album.album_type.as_ref()
        ),
        (None, None, None)
    );
    assert_eq!(
        (local.name.as_str(), local.artists[0].name.as_str()),
        ("Rehearsal Take 2", "Kitchen Table Band")
    );

    // A `null` entry keeps its position.
    assert!(page.items[3].is_none());

    // An audiobook chapter: not a kind the spec lists.
    let Some(PlayableItem::Unknown(chapter)) = items[4] else {
        panic!("{:?}", items[4])
    };
    assert_eq!(chapter["type"], "audiobook_chapter");
    assert_eq!(
        *chapter,
        fixture("playlist_items_page.json")["items"][4]["item"]
    );

    // An episode sent in track shape (`"type": "episode"`, `"track": true`, when a request does not
    // ask for episodes): neither a track nor an episode as the spec describes them, kept as sent.
    let Some(PlayableItem::Unknown(shaped)) = items[5] else {
        panic!("{:?}", items[5])
    };
    assert_eq!(
        (shaped["type"].as_str(), shaped["track"].as_bool()),
        (Some("episode"), Some(true))
    );

    let Some(PlayableItem::Track(last)) = items[6] else {
        panic!("{:?}", items[6])
    };
    assert_eq!(
        last.artists
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["The Lanterns", "Mira Okafor"]
    );
}

/// A listed kind that does not decode is an error with its path, not an `Unknown`.
#[test]
fn a_broken_known_kind_is_an_error_with_its_path() {
    let page = set(
        fixture("playlist_items_page.json"),
        "/items/0/item/duration_ms",
        json!("long"),
    );
    let error = try_decode::<types::PagingPlaylistTrackObject>(&page).unwrap_err();
    assert!(
        error.starts_with(
            "items[0].item.duration_ms: invalid type: string \"long\", expected an integer"
        ),
        "{error}"
    );

    let page = without(
        fixture("playlist_items_page.json"),
        "/items/1/item/show",
        &["name"],
    );
    let error = try_decode::<types::PagingPlaylistTrackObject>(&page).unwrap_err();
    assert!(
        error.starts_with("items[1].item.show.name: missing field `name`"),
        "{error}"
    );

    // Without its tag the kind is unknowable: an error too.
    let page = without(
        fixture("playlist_items_page.json"),
        "/items/0/item",
        &["type"],
    );
    let error = try_decode::<types::PagingPlaylistTrackObject>(&page).unwrap_err();
    assert!(
        error.starts_with("items[0].item.type: missing field `type`"),
        "{error}"
    );
}

/// Spotify sends each entry's object twice, as `item` and the deprecated `track`; it is decoded
/// once. An entry with only `track` (recorded before February 2026) still has its `item`.
#[test]
fn renamed_fields_sent_twice_are_decoded_once() {
    let page: types::PagingPlaylistTrackObject = decode(
        "playlist_items_page.json",
        &fixture("playlist_items_page.json"),
    );
    let first = page.items[0].as_ref().unwrap();
    #[allow(deprecated)]
    let track = first.track();
    assert_eq!(track, first.item.as_ref());
    let serialized = serde_json::to_value(first).unwrap();
    assert!(serialized.get("track").is_none(), "{serialized}");

    let only_track = without(fixture("playlist_items_page.json"), "/items/0", &["item"]);
    let page: types::PagingPlaylistTrackObject = decode("entries with only `track`", &only_track);
    let Some(PlayableItem::Track(track)) = &page.items[0].as_ref().unwrap().item else {
        panic!()
    };
    assert_eq!(track.name, "Northern Line");

    let broken = set(
        without(fixture("playlist_items_page.json"), "/items/0", &["item"]),
        "/items/0/track/name",
        json!(7),
    );
    let error = try_decode::<types::PagingPlaylistTrackObject>(&broken).unwrap_err();
    assert!(
        error.starts_with(
            "items[0].track.name: invalid type: integer `7`, expected a string at line"
        ),
        "{error}"
    );

    let playlist: types::PlaylistObject = decode("playlist.json", &fixture("playlist.json"));
    assert_eq!(playlist.items.as_ref().unwrap().items.len(), 2);
    let simplified: types::SimplifiedPlaylistObject = decode(
        "simplified_playlist_tracks_only.json",
        &fixture("simplified_playlist_tracks_only.json"),
    );
    assert_eq!(simplified.items.as_ref().unwrap().total, Some(2));
}

/// A playlist entry's `item` wins over its deprecated duplicate `track` in either order; a `null`
/// `item` leaves `track`; `track` after an `item` is skipped unread; `track` twice is an error.
#[test]
fn the_primary_of_a_duplicate_pair_wins_in_either_order() {
    let entry = fixture("playlist_items_page.json")["items"][0].clone();
    let named = |name: &str| set(entry["item"].clone(), "/name", json!(name)).to_string();
    let rest = without(entry.clone(), "", &["item", "track"]).to_string();
    let rest = &rest[1..rest.len() - 1];
    let name = |pairs: &[(&str, String)]| {
        let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        let text = format!("{{{rest},{}}}", pairs.join(","));
        match serde_json::from_str::<types::PlaylistTrackObject>(&text) {
            Ok(entry) => match entry.item {
                Some(PlayableItem::Track(track)) => Ok(track.name),
                other => panic!("{other:?}"),
            },
            Err(error) => Err(error.to_string()),
        }
    };
    let (item, track) = (named("From item"), named("From track"));
    for pairs in [
        [("item", item.clone()), ("track", track.clone())],
        [("track", track.clone()), ("item", item.clone())],
    ] {
        assert_eq!(name(&pairs).unwrap(), "From item");
    }
    for pairs in [
        [("item", "null".into()), ("track", track.clone())],
        [("track", track.clone()), ("item", "null".into())],
    ] {
        assert_eq!(name(&pairs).unwrap(), "From track");
    }
    let broken = set(entry["item"].clone(), "/name", json!(7)).to_string();
    assert_eq!(
        name(&[("item", item.clone()), ("track", broken)]).unwrap(),
        "From item"
    );
    let error = name(&[("item", item), ("track", track.clone()), ("track", track)]).unwrap_err();
    assert!(error.starts_with("duplicate field `track`"), "{error}");
}

/// `"images": null` (a playlist without images) is an empty list.
#[test]
fn null_lists_are_empty() {
    let playlist: types::PlaylistObject = decode("playlist.json", &fixture("playlist.json"));
    assert!(playlist.images.is_empty());
    assert_eq!(playlist.name, "Night Drive");
    assert_eq!(playlist.owner.display_name.as_deref(), Some("Mira"));
}

/// Multi-get responses answer `null` at the position of an unknown ID.
#[test]
fn null_in_a_multi_get_response_keeps_its_position() {
    let tracks: types::GetSeveralTracksResponse = decode(
        "GET /tracks with an unknown ID",
        &json!({"tracks": [null, fixture("track.json")]}),
    );
    assert_eq!(tracks.tracks[0], None);
    assert_eq!(tracks.tracks[1].as_ref().unwrap().name, "Northern Line");
}

#[test]
fn playback_state_queue_and_user() {
    let state: types::CurrentlyPlayingContextObject =
        decode("playback_state.json", &fixture("playback_state.json"));
    assert_eq!(state.device.name, "Kitchen speaker");
    assert_eq!(
        (state.is_playing, state.smart_shuffle, state.progress_ms),
        (true, Some(false), Some(42_000))
    );
    assert_eq!(
        state.actions.unwrap().disallows.unwrap().resuming,
        Some(true)
    );
    assert!(matches!(state.item, Some(PlayableItem::Track(_))));

    let queue: types::QueueObject = decode("queue.json", &fixture("queue.json"));
    assert!(matches!(queue.queue[0], PlayableItem::Episode(_)));
    let PlayableItem::Track(next) = &queue.queue[1] else {
        panic!()
    };
    assert_eq!(next.album.album_group, Some(types::AlbumGroup::Album));

    // Since February 2026 `GET /me` no longer carries country, email, product or explicit content.
    let me: types::PrivateUserObject = decode("me.json", &fixture("me.json"));
    assert_eq!(
        (me.id.as_str(), me.country.as_deref(), me.product.as_deref()),
        ("mira.okafor", None, None)
    );
}

/// With the `schemars` feature, a model's JSON schema says what decodes: the plain fields are
/// required, the optional ones and the lists not.
#[cfg(feature = "schemars")]
#[test]
fn the_schemas_describe_what_decodes() {
    let schema = serde_json::to_value(schemars::schema_for!(types::TrackObject)).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    for plain in ["name", "uri", "duration_ms", "album"] {
        assert!(
            required.contains(&plain),
            "{plain} is not required: {required:?}"
        );
    }
    // A list may be absent (it is then empty).
    for optional in ["popularity", "preview_url", "linked_from", "artists"] {
        assert!(!required.contains(&optional), "{optional} is required");
    }
}
