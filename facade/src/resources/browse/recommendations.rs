//! The options of `GET /recommendations`.

use crate::Error;
use crate::ids::{ArtistId, TrackId, parse_all};
use crate::resources::maybe;
use crate::types::RecommendationsObject;

/// Seeds and filters of [`Browse::recommendations`](super::Browse::recommendations).
///
/// One to five seeds in all (artists, tracks and genres together) are required. Artist and track
/// seeds are IDs, URIs or URLs; genres come from
/// [`Browse::genre_seeds`](super::Browse::genre_seeds).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecommendationsOptions {
    /// Seed artists.
    pub seed_artists: Vec<String>,
    /// Seed tracks.
    pub seed_tracks: Vec<String>,
    /// Seed genres, e.g. `"classical"`.
    pub seed_genres: Vec<String>,
    /// How many tracks to aim for, 1 to 100 (Spotify's default: 20).
    pub limit: Option<u32>,
    /// Only tracks playable in this market (ISO 3166-1 alpha-2 code, or `from_token`).
    pub market: Option<String>,
    /// Hard floors (`min_*`).
    pub min: TrackAttributes,
    /// Hard ceilings (`max_*`).
    pub max: TrackAttributes,
    /// Preferred values (`target_*`): tracks nearest to them rank first.
    pub target: TrackAttributes,
}

/// The tunable track attributes of [`RecommendationsOptions`] (see Spotify's audio features for
/// their meaning); unset ones are not sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrackAttributes {
    /// 0.0 to 1.0.
    pub acousticness: Option<f64>,
    /// 0.0 to 1.0.
    pub danceability: Option<f64>,
    /// Milliseconds.
    pub duration_ms: Option<i64>,
    /// 0.0 to 1.0.
    pub energy: Option<f64>,
    /// 0.0 to 1.0.
    pub instrumentalness: Option<f64>,
    /// Pitch class, 0 (C) to 11 (B).
    pub key: Option<i64>,
    /// 0.0 to 1.0.
    pub liveness: Option<f64>,
    /// Decibels, typically -60 to 0.
    pub loudness: Option<f64>,
    /// 1 major, 0 minor.
    pub mode: Option<i64>,
    /// 0 to 100.
    pub popularity: Option<i64>,
    /// 0.0 to 1.0.
    pub speechiness: Option<f64>,
    /// Beats per minute.
    pub tempo: Option<f64>,
    /// Beats per bar, 3 to 7.
    pub time_signature: Option<i64>,
    /// 0.0 to 1.0 (musical positiveness).
    pub valence: Option<f64>,
}

/// Sets `min_X`, `max_X` and `target_X` for every attribute `X` that is given.
macro_rules! attributes {
    ($builder:expr, $options:expr; $($field:ident: $min:ident, $max:ident, $target:ident;)*) => {{
        let mut builder = $builder;
        $(
            if let Some(v) = $options.min.$field { builder = builder.$min(v); }
            if let Some(v) = $options.max.$field { builder = builder.$max(v); }
            if let Some(v) = $options.target.$field { builder = builder.$target(v); }
        )*
        builder
    }};
}

/// Checks the options (nothing is sent when they are invalid) and calls `GET /recommendations`.
pub(super) async fn fetch(
    client: &crate::Client,
    options: RecommendationsOptions,
) -> Result<RecommendationsObject, Error> {
    let artists: Vec<ArtistId> = parse_all(&options.seed_artists)?;
    let tracks: Vec<TrackId> = parse_all(&options.seed_tracks)?;
    let seeds = artists.len() + tracks.len() + options.seed_genres.len();
    if !(1..=5).contains(&seeds) {
        return Err(Error::InvalidArgument(format!(
            "recommendations take 1 to 5 seeds (artists, tracks and genres together), not {seeds}"
        )));
    }
    if let Some(limit) = options.limit.filter(|l| !(1..=100).contains(l)) {
        return Err(Error::InvalidArgument(format!(
            "recommendations limit {limit} is not within 1 to 100"
        )));
    }
    let join = |ids: Vec<&str>| (!ids.is_empty()).then(|| ids.join(","));
    let seed_artists = join(artists.iter().map(ArtistId::id).collect());
    let seed_tracks = join(tracks.iter().map(TrackId::id).collect());
    let seed_genres = join(options.seed_genres.iter().map(String::as_str).collect());
    client
        .call(|raw| {
            let builder = raw.get_recommendations();
            let builder = maybe(builder, seed_artists, |b, v| b.seed_artists(v));
            let builder = maybe(builder, seed_tracks, |b, v| b.seed_tracks(v));
            let builder = maybe(builder, seed_genres, |b, v| b.seed_genres(v));
            let builder = maybe(builder, options.limit, |b, v| b.limit(u64::from(v)));
            let builder = maybe(builder, options.market.clone(), |b, v| b.market(v));
            attributes!(builder, options;
                acousticness: min_acousticness, max_acousticness, target_acousticness;
                danceability: min_danceability, max_danceability, target_danceability;
                duration_ms: min_duration_ms, max_duration_ms, target_duration_ms;
                energy: min_energy, max_energy, target_energy;
                instrumentalness: min_instrumentalness, max_instrumentalness, target_instrumentalness;
                key: min_key, max_key, target_key;
                liveness: min_liveness, max_liveness, target_liveness;
                loudness: min_loudness, max_loudness, target_loudness;
                mode: min_mode, max_mode, target_mode;
                popularity: min_popularity, max_popularity, target_popularity;
                speechiness: min_speechiness, max_speechiness, target_speechiness;
                tempo: min_tempo, max_tempo, target_tempo;
                time_signature: min_time_signature, max_time_signature, target_time_signature;
                valence: min_valence, max_valence, target_valence;
            )
            .send()
        })
        .await
}
