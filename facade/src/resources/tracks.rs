//! Tracks.

use super::catalog::{Catalog, Track};
use super::{joined, one_answer_each};
use crate::Error;
use crate::ids::{IntoId, TrackId, parse_all};
use crate::types::{AudioAnalysisObject, AudioFeaturesObject};

/// How many IDs `GET /audio-features` takes at once.
const AUDIO_FEATURES_MULTI_GET: usize = 100;

/// What only tracks have; getting them by ID is [`Catalog`]'s (`client.tracks()`).
impl Catalog<'_, Track> {
    /// Audio features of a track (`GET /audio-features/{id}`).
    #[deprecated(
        note = "Spotify removed audio features for new apps in November 2024; extended-quota apps \
            only"
    )]
    #[inline]
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
    #[inline]
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
            let operation_id = request.operation_id();
            let features = self.client.call(request).await?.audio_features;
            out.extend(one_answer_each(features, chunk.len(), operation_id)?);
        }
        Ok(out)
    }

    /// Audio analysis of a track (`GET /audio-analysis/{id}`).
    #[deprecated(
        note = "Spotify removed audio analysis for new apps in November 2024; extended-quota apps \
            only"
    )]
    #[inline]
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
