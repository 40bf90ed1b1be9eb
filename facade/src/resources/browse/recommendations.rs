//! The options of `GET /recommendations`.

use crate::Error;
use crate::ids::{ArtistId, TrackId, parse_all};
use crate::resources::joined;
use crate::types::RecommendationsObject;

/// Seeds and filters of [`Browse::recommendations`](super::Browse::recommendations).
///
/// One to five seeds in all (artists, tracks and genres together) are required. Artist and track
/// seeds are IDs, URIs or URLs; genres come from
/// [`Browse::genre_seeds`](super::Browse::genre_seeds).
///
/// ```
/// use spotify_sdk::resources::browse::{RecommendationsOptions, TrackAttributes};
///
/// let options = RecommendationsOptions::default()
///     .seed_genres(["classical"])
///     .limit(10)
///     .min(TrackAttributes::default().energy(0.4))
///     .target(TrackAttributes::default().tempo(120.0));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
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

#[inline]
fn strings<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Vec<String> {
    values.into_iter().map(Into::into).collect()
}

impl RecommendationsOptions {
    /// Seed artists (IDs, URIs or URLs).
    #[inline]
    pub fn seed_artists<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.seed_artists = strings(ids);
        self
    }

    /// Seed tracks (IDs, URIs or URLs).
    #[inline]
    pub fn seed_tracks<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.seed_tracks = strings(ids);
        self
    }

    /// Seed genres.
    #[inline]
    pub fn seed_genres<S: Into<String>>(mut self, genres: impl IntoIterator<Item = S>) -> Self {
        self.seed_genres = strings(genres);
        self
    }

    /// How many tracks to aim for, 1 to 100.
    #[inline]
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Only tracks playable in `market`.
    #[inline]
    pub fn market(mut self, market: impl Into<String>) -> Self {
        self.market = Some(market.into());
        self
    }

    /// Hard floors.
    #[inline]
    pub fn min(mut self, attributes: TrackAttributes) -> Self {
        self.min = attributes;
        self
    }

    /// Hard ceilings.
    #[inline]
    pub fn max(mut self, attributes: TrackAttributes) -> Self {
        self.max = attributes;
        self
    }

    /// Preferred values.
    #[inline]
    pub fn target(mut self, attributes: TrackAttributes) -> Self {
        self.target = attributes;
        self
    }
}

/// Declares [`TrackAttributes`] with a setter per attribute: fourteen fields of two types, the same
/// three lines each.
macro_rules! track_attributes {
    ($($(#[$doc:meta])* $field:ident: $ty:ty;)*) => {
        /// The tunable track attributes of [`RecommendationsOptions`] (see Spotify's audio features
        /// for their meaning); unset ones are not sent.
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct TrackAttributes {
            $($(#[$doc])* pub $field: Option<$ty>,)*
        }

        impl TrackAttributes {
            $(
                $(#[$doc])*
                #[inline]
                pub fn $field(mut self, value: $ty) -> Self {
                    self.$field = Some(value);
                    self
                }
            )*
        }
    };
}

track_attributes! {
    /// 0.0 to 1.0.
    acousticness: f64;
    /// 0.0 to 1.0.
    danceability: f64;
    /// Milliseconds.
    duration_ms: i64;
    /// 0.0 to 1.0.
    energy: f64;
    /// 0.0 to 1.0.
    instrumentalness: f64;
    /// Pitch class, 0 (C) to 11 (B).
    key: i64;
    /// 0.0 to 1.0.
    liveness: f64;
    /// Decibels, typically -60 to 0.
    loudness: f64;
    /// 1 major, 0 minor.
    mode: i64;
    /// 0 to 100.
    popularity: i64;
    /// 0.0 to 1.0.
    speechiness: f64;
    /// Beats per minute.
    tempo: f64;
    /// Beats per bar, 3 to 7.
    time_signature: i64;
    /// 0.0 to 1.0 (musical positiveness).
    valence: f64;
}

/// Checks the options (nothing is sent when they are invalid) and calls `GET /recommendations`.
#[inline]
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
    let list = |joined: String| (!joined.is_empty()).then_some(joined);
    let seed_artists = list(joined(&artists, ArtistId::id));
    let seed_tracks = list(joined(&tracks, TrackId::id));
    let seed_genres = list(options.seed_genres.join(","));
    let (min, max, target) = (&options.min, &options.max, &options.target);
    // The generated operation takes every parameter in alphabetical order: limit, market, the
    // fourteen max_*, the fourteen min_*, the three seeds, the fourteen target_* (each set of
    // fourteen in the order of `TrackAttributes`, which is alphabetical too).
    let request = client.raw().get_recommendations(
        options.limit.and_then(super::super::limit),
        options.market.as_deref(),
        max.acousticness,
        max.danceability,
        max.duration_ms,
        max.energy,
        max.instrumentalness,
        max.key,
        max.liveness,
        max.loudness,
        max.mode,
        max.popularity,
        max.speechiness,
        max.tempo,
        max.time_signature,
        max.valence,
        min.acousticness,
        min.danceability,
        min.duration_ms,
        min.energy,
        min.instrumentalness,
        min.key,
        min.liveness,
        min.loudness,
        min.mode,
        min.popularity,
        min.speechiness,
        min.tempo,
        min.time_signature,
        min.valence,
        seed_artists.as_deref(),
        seed_genres.as_deref(),
        seed_tracks.as_deref(),
        target.acousticness,
        target.danceability,
        target.duration_ms,
        target.energy,
        target.instrumentalness,
        target.key,
        target.liveness,
        target.loudness,
        target.mode,
        target.popularity,
        target.speechiness,
        target.tempo,
        target.time_signature,
        target.valence,
    );
    client.call(request).await
}
