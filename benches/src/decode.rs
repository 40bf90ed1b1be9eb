//! Decoding a playlist page with no HTTP: as the facade does, as rspotify does, into `IgnoredAny`
//! (the floor: serde_json reading the JSON and building nothing), and one bound no client should
//! ship, [`tracks_only`]. The interleaved harness times them side by side (`c5_decode_page`).

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use spotify_sdk::types::{
    PagingPlaylistTrackObject, PlaylistUserObject, TrackObject, VideoThumbnailObject,
};

/// The names [`decode_page`] takes: `reqwest` is baseline (a), which for decoding is `IgnoredAny`.
pub const DECODERS: [&str; 4] = ["ours", "reqwest", "rspotify", "tracks_only"];

/// Decodes `body`, a playlist page, with the decoder named `name` (one of [`DECODERS`]) and returns
/// its number of items (0 for `IgnoredAny`, which builds nothing). Harness code: a body that does
/// not decode or an unknown name panics.
pub fn decode_page(name: &str, body: &[u8]) -> usize {
    match name {
        "ours" => decoded::<PagingPlaylistTrackObject>(body).items.len(),
        "reqwest" => {
            serde_json::from_slice::<IgnoredAny>(body).unwrap();
            0
        }
        "rspotify" => decoded::<rspotify::model::Page<rspotify::model::PlaylistItem>>(body)
            .items
            .len(),
        "tracks_only" => decoded::<tracks_only::Page>(body).items.len(),
        _ => panic!("no decoder named {name}"),
    }
}

/// Checks, before anything is timed, that every decoder reads `page` whole: `items` items each
/// (`IgnoredAny` builds nothing, so it only has to read it).
pub fn check_decoders(page: &[u8], items: usize) {
    for decoder in DECODERS {
        let read = decode_page(decoder, page);
        assert!(
            decoder == "reqwest" || read == items,
            "{decoder} read {read} items, not {items}"
        );
    }
}

/// How both clients decode an answer: the body validated as UTF-8 once, then decoded from text (the
/// facade does this; rspotify reads the body as a `String` and uses `from_str`).
pub fn from_text<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    let text = std::str::from_utf8(body).map_err(serde::de::Error::custom)?;
    serde_json::from_str(text)
}

/// [`from_text`], for a body known to decode (harness code: anything else panics, naming the type).
pub fn decoded<T: DeserializeOwned>(body: &[u8]) -> T {
    from_text(body)
        .unwrap_or_else(|e| panic!("{} does not decode: {e}", std::any::type_name::<T>()))
}

/// A bound, not a decoder: our page with every item's `item` read straight as a [`TrackObject`] in
/// one pass, its `type` never looked at (an episode or an unknown kind would fail the whole page).
/// The facade cannot do this: Spotify sends `type` near the end of an item, so the
/// track-or-episode union reads each item whole (a scan of its text) before it decodes it. The
/// difference between this and `ours` is what that honesty costs.
pub mod tracks_only {
    use super::*;

    /// `PagingPlaylistTrackObject`'s fields, with the same types.
    #[derive(Deserialize)]
    pub struct Page {
        /// As ours.
        pub href: String,
        /// Every item as a track.
        pub items: Vec<Option<Item>>,
        /// As ours.
        pub limit: i64,
        /// As ours.
        pub next: Option<String>,
        /// As ours.
        pub offset: i64,
        /// As ours.
        pub previous: Option<String>,
        /// As ours.
        pub total: i64,
    }

    /// `PlaylistTrackObject`'s fields, with `item` a track and its deprecated copy `track` skipped
    /// (as ours skips it when `item` came first).
    #[derive(Deserialize)]
    pub struct Item {
        /// As ours.
        pub added_at: Option<chrono::DateTime<chrono::Utc>>,
        /// As ours.
        pub added_by: Option<PlaylistUserObject>,
        /// As ours.
        pub is_local: Option<bool>,
        /// Always a track.
        pub item: Option<TrackObject>,
        /// As ours.
        pub primary_color: Option<String>,
        /// Read and dropped.
        pub track: Option<IgnoredAny>,
        /// As ours.
        pub video_thumbnail: Option<VideoThumbnailObject>,
    }
}
