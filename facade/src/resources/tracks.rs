//! Tracks.

use super::catalog::Catalog;
use super::{group, joined};
use crate::Error;
use crate::ids::{IntoId, TrackId, parse_all};
use crate::types::{
    AudioAnalysisObject, AudioFeaturesObject, GetSeveralTracksResponse, TrackObject,
};

/// How many IDs `GET /audio-features` takes at once.
const AUDIO_FEATURES_MULTI_GET: usize = 100;

group! {
    /// Tracks: `client.tracks()`.
    ///
    /// The `_in_market` variants send `market` (an ISO 3166-1 alpha-2 country code, or `from_token`
    /// for the user's country): Spotify then relinks tracks unavailable there to a playable version
    /// and reports `is_playable`.
    Tracks => tracks
}

const TRACKS: Catalog<TrackObject, GetSeveralTracksResponse> = Catalog {
    chunk: 50,
    one: |raw, id, market| raw.get_track(id, market),
    many: |raw, ids, market| raw.get_several_tracks(ids, market),
    items: |many| many.tracks,
    item: Ok,
};

impl Tracks<'_> {
    /// One track (`GET /tracks/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let track = client
    ///     .tracks()
    ///     .get("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=x")
    ///     .await?;
    /// println!("{} – {}", track.artists[0].name, track.name);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<TrackId>) -> Result<TrackObject, Error> {
        TRACKS.get(self.client, id.into_id()?.id(), None).await
    }

    /// One track as available in `market` (`GET /tracks/{id}?market=`).
    pub async fn get_in_market(
        &self,
        id: impl IntoId<TrackId>,
        market: &str,
    ) -> Result<TrackObject, Error> {
        TRACKS
            .get(self.client, id.into_id()?.id(), Some(market))
            .await
    }

    /// Many tracks, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// track, `Err` where that ID's request failed. Uses `GET /tracks?ids=` in chunks of 50
    /// (deprecated for development-mode apps since February 2026; falls back to one `GET
    /// /tracks/{id}` per ID, at most `prefetch` at a time, when the multi-get is refused with 403).
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<TrackId>>,
    ) -> Result<Vec<Result<Option<TrackObject>, Error>>, Error> {
        let ids: Vec<TrackId> = parse_all(ids)?;
        TRACKS.get_many(self.client, &ids, TrackId::id, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<TrackId>>,
        market: &str,
    ) -> Result<Vec<Result<Option<TrackObject>, Error>>, Error> {
        let ids: Vec<TrackId> = parse_all(ids)?;
        TRACKS
            .get_many(self.client, &ids, TrackId::id, Some(market))
            .await
    }

    /// Audio features of a track (`GET /audio-features/{id}`).
    #[deprecated(
        note = "Spotify removed audio features for new apps in November 2024; extended-quota apps \
            only"
    )]
    pub async fn audio_features(
        &self,
        id: impl IntoId<TrackId>,
    ) -> Result<AudioFeaturesObject, Error> {
        let id = id.into_id()?;
        self.client
            .call(self.client.raw().get_audio_features(id.id()))
            .await
    }

    /// Audio features of many tracks in the order asked (`GET /audio-features?ids=`, 100 at a
    /// time): `None` where Spotify has none.
    #[deprecated(
        note = "Spotify removed audio features for new apps in November 2024; extended-quota apps \
            only"
    )]
    pub async fn audio_features_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<TrackId>>,
    ) -> Result<Vec<Option<AudioFeaturesObject>>, Error> {
        let ids: Vec<TrackId> = parse_all(ids)?;
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(AUDIO_FEATURES_MULTI_GET) {
            let request = self
                .client
                .raw()
                .get_several_audio_features(&joined(chunk, TrackId::id));
            let mut features = self.client.call(request).await?.audio_features.into_iter();
            out.extend(chunk.iter().map(|_| features.next().flatten()));
        }
        Ok(out)
    }

    /// Audio analysis of a track (`GET /audio-analysis/{id}`).
    #[deprecated(
        note = "Spotify removed audio analysis for new apps in November 2024; extended-quota apps \
            only"
    )]
    pub async fn audio_analysis(
        &self,
        id: impl IntoId<TrackId>,
    ) -> Result<AudioAnalysisObject, Error> {
        let id = id.into_id()?;
        self.client
            .call(self.client.raw().get_audio_analysis(id.id()))
            .await
    }
}
