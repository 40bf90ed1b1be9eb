//! Tracks.

use futures::future::join_all;

use super::{chunks, resource};
use crate::ids::{IntoId, TrackId, parse_all};
use crate::types::{AudioAnalysisObject, AudioFeaturesObject, TrackObject};
use crate::{Client, Error};

/// How many IDs `GET /tracks` takes at once.
const MULTI_GET: usize = 50;

resource! {
    /// Tracks: `client.tracks()`.
    Tracks;

    /// One track (`GET /tracks/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let track = client.tracks().get("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=x").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<TrackId>) -> Result<TrackObject, Error> {
        let id = id.into_id()?;
        self.client.call(|raw| raw.get_track().id(id.id()).send()).await
    }

    /// Many tracks, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such track,
    /// `Err` where that ID's request failed. Uses `GET /tracks?ids=` in chunks of 50 (deprecated for
    /// development-mode apps since February 2026; falls back to one `GET /tracks/{id}` per ID, at most
    /// `prefetch` at a time, when the multi-get is refused with 403).
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<TrackId>>) -> Result<Vec<Result<Option<TrackObject>, Error>>, Error> {
        let ids: Vec<TrackId> = parse_all(ids)?;
        let mut out = Vec::with_capacity(ids.len());
        for chunk in chunks(&ids, MULTI_GET) {
            let joined = chunk.iter().map(TrackId::id).collect::<Vec<_>>().join(",");
            #[allow(deprecated)]
            let result = self.client.call(|raw| raw.get_several_tracks().ids(joined.as_str()).send()).await;
            match result {
                Ok(response) => {
                    let mut tracks = response.tracks.into_iter();
                    out.extend(chunk.iter().map(|_| Ok(tracks.next().flatten())));
                }
                Err(Error::Forbidden { .. }) => out.extend(fan_out(self.client, &chunk).await),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Audio features of a track (`GET /audio-features/{id}`).
    #[deprecated(note = "Spotify removed audio features for new apps in November 2024; extended-quota apps only")]
    pub async fn audio_features(&self, id: impl IntoId<TrackId>) -> Result<AudioFeaturesObject, Error> {
        let id = id.into_id()?;
        #[allow(deprecated)]
        self.client.call(|raw| raw.get_audio_features().id(id.id()).send()).await
    }

    /// Audio analysis of a track (`GET /audio-analysis/{id}`).
    #[deprecated(note = "Spotify removed audio analysis for new apps in November 2024; extended-quota apps only")]
    pub async fn audio_analysis(&self, id: impl IntoId<TrackId>) -> Result<AudioAnalysisObject, Error> {
        let id = id.into_id()?;
        #[allow(deprecated)]
        self.client.call(|raw| raw.get_audio_analysis().id(id.id()).send()).await
    }
}

/// One `GET /tracks/{id}` per ID, `prefetch` at a time, results in input order.
async fn fan_out(client: &Client, ids: &[TrackId]) -> Vec<Result<Option<TrackObject>, Error>> {
    let mut results = Vec::with_capacity(ids.len());
    for window in ids.chunks(client.prefetch()) {
        let calls = window.iter().map(|id| async move {
            match client.tracks().get(id).await {
                Ok(track) => Ok(Some(track)),
                Err(Error::NotFound(_)) => Ok(None),
                Err(e) => Err(e),
            }
        });
        results.extend(join_all(calls).await);
    }
    results
}
