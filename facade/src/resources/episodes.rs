//! Podcast episodes.

use super::{maybe, multi_get, resource};
use crate::ids::{EpisodeId, IntoId, parse_all};
use crate::types::EpisodeObject;
use crate::{Client, Error};

/// How many IDs `GET /episodes` takes at once.
const MULTI_GET: usize = 50;

resource! {
    /// Podcast episodes: `client.episodes()`. A show's episodes are under
    /// [`shows()`](crate::Client::shows), saving episodes under [`library()`](crate::Client::library).
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither (client-credentials
    /// tokens) it treats content as unavailable: use the `_in_market` variants then (an ISO 3166-1
    /// alpha-2 country code, or `from_token`).
    Episodes;

    /// One episode (`GET /episodes/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let episode = client.episodes().get_in_market("spotify:episode:512ojhOuo1ktJprKbVcKyQ", "US").await?;
    /// println!("{:?}: {:?} ms", episode.name, episode.duration_ms);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<EpisodeId>) -> Result<EpisodeObject, Error> {
        get(self.client, id.into_id()?, None).await
    }

    /// One episode as available in `market` (`GET /episodes/{id}?market=`).
    pub async fn get_in_market(&self, id: impl IntoId<EpisodeId>, market: &str) -> Result<EpisodeObject, Error> {
        get(self.client, id.into_id()?, Some(market)).await
    }

    /// Many episodes, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// episode, `Err` where that ID's request failed. Uses `GET /episodes?ids=` in chunks of 50
    /// (deprecated for development-mode apps since February 2026; falls back to one
    /// `GET /episodes/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>) -> Result<Vec<Result<Option<EpisodeObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(&self, ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>, market: &str) -> Result<Vec<Result<Option<EpisodeObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, Some(market)).await
    }

    /// Downloads the episode's cover in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`](crate::Client::download_image_from) (no token goes to the image host).
    pub async fn download_cover(&self, id: impl IntoId<EpisodeId>, size: crate::images::ImageSize) -> Result<crate::images::DownloadedImage, Error> {
        self.client.download_image_from(&self.get(id).await?.images, size).await
    }
}

async fn get(client: &Client, id: EpisodeId, market: Option<&str>) -> Result<EpisodeObject, Error> {
    client
        .call(|raw| maybe(raw.get_an_episode().id(id.id()), market, |b, m| b.market(m)).send())
        .await
}

async fn get_many(
    client: &Client,
    ids: &[EpisodeId],
    market: Option<&str>,
) -> Result<Vec<Result<Option<EpisodeObject>, Error>>, Error> {
    let many = |chunk: Vec<EpisodeId>| async move {
        let joined = chunk
            .iter()
            .map(EpisodeId::id)
            .collect::<Vec<_>>()
            .join(",");
        let response = client
            .call(|raw| {
                maybe(raw.get_multiple_episodes().ids(joined), market, |b, m| {
                    b.market(m)
                })
                .send()
            })
            .await?;
        Ok(response.episodes)
    };
    multi_get(client, ids, MULTI_GET, many, |id| get(client, id, market)).await
}
