//! Podcast shows.

use super::catalog::Catalog;
use super::{group, limit, offset_stream};
use crate::ids::{IntoId, ShowId, parse_all};
use crate::images::{DownloadedImage, ImageSize};
use crate::types::{
    GetMultipleShowsResponse, PagingSimplifiedEpisodeObject, ShowObject, SimplifiedShowObject,
};
use crate::{Client, Error, Paginator};

group! {
    /// Podcast shows: `client.shows()`. Saving shows is under
    /// [`library()`](crate::Client::library).
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither
    /// (client-credentials tokens) it treats content as unavailable: use the `_in_market` variants
    /// then (an ISO 3166-1 alpha-2 country code, or `from_token`).
    Shows => shows
}

/// The multi-get answers simplified shows; the single-get fallback drops the full show's episodes.
const SHOWS: Catalog<ShowObject, GetMultipleShowsResponse, SimplifiedShowObject> = Catalog {
    chunk: 50,
    one: |raw, id, market| raw.get_a_show(id, market),
    many: |raw, ids, market| raw.get_multiple_shows(ids, market),
    items: |many| many.shows,
    item: simplified,
};

impl Shows<'_> {
    /// One show with its first page of episodes (`GET /shows/{id}`), by ID, URI or URL.
    pub async fn get(&self, id: impl IntoId<ShowId>) -> Result<ShowObject, Error> {
        SHOWS.get(self.client, id.into_id()?.id(), None).await
    }

    /// One show as available in `market` (`GET /shows/{id}?market=`).
    pub async fn get_in_market(
        &self,
        id: impl IntoId<ShowId>,
        market: &str,
    ) -> Result<ShowObject, Error> {
        SHOWS
            .get(self.client, id.into_id()?.id(), Some(market))
            .await
    }

    /// Many shows (without their episodes), in the order asked, one result per ID: `Ok(None)` where
    /// Spotify knows no such show, `Err` where that ID's request failed. Uses `GET /shows?ids=` in
    /// chunks of 50 (deprecated for development-mode apps since February 2026; falls back to one
    /// `GET /shows/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ShowId>>,
    ) -> Result<Vec<Result<Option<SimplifiedShowObject>, Error>>, Error> {
        let ids: Vec<ShowId> = parse_all(ids)?;
        SHOWS.get_many(self.client, &ids, ShowId::id, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ShowId>>,
        market: &str,
    ) -> Result<Vec<Result<Option<SimplifiedShowObject>, Error>>, Error> {
        let ids: Vec<ShowId> = parse_all(ids)?;
        SHOWS
            .get_many(self.client, &ids, ShowId::id, Some(market))
            .await
    }

    /// The show's episodes, as a lazy stream (`GET /shows/{id}/episodes`, 50 per page).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let mut episodes = client
    ///     .shows()
    ///     .episodes_in_market("spotify:show:38bS44xjbVVZ3No3ByF1dJ", "US")
    ///     .max_items(20);
    /// while let Some(episode) = episodes.try_next().await? {
    ///     println!("{} {}", episode.release_date, episode.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn episodes(&self, id: impl IntoId<ShowId>) -> Paginator<PagingSimplifiedEpisodeObject> {
        episodes(self.client, id.into_id(), None)
    }

    /// The show's episodes as available in `market`, as a lazy stream.
    pub fn episodes_in_market(
        &self,
        id: impl IntoId<ShowId>,
        market: &str,
    ) -> Paginator<PagingSimplifiedEpisodeObject> {
        episodes(self.client, id.into_id(), Some(market.to_string()))
    }

    /// Downloads the show's cover in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`](crate::Client::download_image_from) (no token goes to the
    /// image host).
    pub async fn download_cover(
        &self,
        id: impl IntoId<ShowId>,
        size: ImageSize,
    ) -> Result<DownloadedImage, Error> {
        let show = self.get(id).await?;
        self.client.download_image_from(&show.images, size).await
    }
}

/// A full show as the simplified one the multi-get answers (the same fields but `episodes`).
fn simplified(show: ShowObject) -> Result<SimplifiedShowObject, Error> {
    serde_json::to_value(show)
        .and_then(serde_json::from_value)
        .map_err(|e| Error::Decode {
            endpoint: Some(super::endpoint("get-a-show")),
            status: None,
            path: ".".into(),
            message: format!("a show does not convert to a simplified show: {e}"),
            snippet: Box::default(),
        })
}

fn episodes(
    client: &Client,
    id: Result<ShowId, Error>,
    market: Option<String>,
) -> Paginator<PagingSimplifiedEpisodeObject> {
    Paginator::or_failed(id, |id| {
        offset_stream(client, move |raw, offset, size| {
            raw.get_a_shows_episodes(id.id(), limit(size), market.as_deref(), Some(offset))
        })
    })
}
