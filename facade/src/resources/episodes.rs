//! Podcast episodes.

use super::catalog::Catalog;
use super::group;
use crate::Error;
use crate::ids::{EpisodeId, IntoId, parse_all};
use crate::images::{DownloadedImage, ImageSize};
use crate::types::{EpisodeObject, GetMultipleEpisodesResponse};

group! {
    /// Podcast episodes: `client.episodes()`. A show's episodes are under
    /// [`shows()`](crate::Client::shows), saving episodes under
    /// [`library()`](crate::Client::library).
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither
    /// (client-credentials tokens) it treats content as unavailable: use the `_in_market` variants
    /// then (an ISO 3166-1 alpha-2 country code, or `from_token`).
    Episodes => episodes
}

const EPISODES: Catalog<EpisodeObject, GetMultipleEpisodesResponse> = Catalog {
    chunk: 50,
    one: |raw, id, market| raw.get_an_episode(id, market),
    many: |raw, ids, market| raw.get_multiple_episodes(ids, market),
    items: |many| many.episodes,
    item: Ok,
};

impl Episodes<'_> {
    /// One episode (`GET /episodes/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let episode = client
    ///     .episodes()
    ///     .get_in_market("spotify:episode:512ojhOuo1ktJprKbVcKyQ", "US")
    ///     .await?;
    /// println!("{} – {}: {} ms", episode.show.name, episode.name, episode.duration_ms);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<EpisodeId>) -> Result<EpisodeObject, Error> {
        EPISODES.get(self.client, id.into_id()?.id(), None).await
    }

    /// One episode as available in `market` (`GET /episodes/{id}?market=`).
    pub async fn get_in_market(
        &self,
        id: impl IntoId<EpisodeId>,
        market: &str,
    ) -> Result<EpisodeObject, Error> {
        EPISODES
            .get(self.client, id.into_id()?.id(), Some(market))
            .await
    }

    /// Many episodes, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// episode, `Err` where that ID's request failed. Uses `GET /episodes?ids=` in chunks of 50
    /// (deprecated for development-mode apps since February 2026; falls back to one `GET
    /// /episodes/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>,
    ) -> Result<Vec<Result<Option<EpisodeObject>, Error>>, Error> {
        let ids: Vec<EpisodeId> = parse_all(ids)?;
        EPISODES
            .get_many(self.client, &ids, EpisodeId::id, None)
            .await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>,
        market: &str,
    ) -> Result<Vec<Result<Option<EpisodeObject>, Error>>, Error> {
        let ids: Vec<EpisodeId> = parse_all(ids)?;
        EPISODES
            .get_many(self.client, &ids, EpisodeId::id, Some(market))
            .await
    }

    /// Downloads the episode's cover in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`](crate::Client::download_image_from) (no token goes to the
    /// image host).
    pub async fn download_cover(
        &self,
        id: impl IntoId<EpisodeId>,
        size: ImageSize,
    ) -> Result<DownloadedImage, Error> {
        let episode = self.get(id).await?;
        self.client.download_image_from(&episode.images, size).await
    }
}
