//! Podcast shows.

use super::{boxed, maybe, multi_get, offset_stream, resource};
use crate::ids::{IntoId, ShowId, parse_all};
use crate::types::{PagingSimplifiedEpisodeObject, ShowObject, SimplifiedShowObject};
use crate::{Client, Error, Paginator};

/// How many IDs `GET /shows` takes at once.
const MULTI_GET: usize = 50;

resource! {
    /// Podcast shows: `client.shows()`. Saving shows is under [`library()`](crate::Client::library).
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither (client-credentials
    /// tokens) it treats content as unavailable: use the `_in_market` variants then (an ISO 3166-1
    /// alpha-2 country code, or `from_token`).
    Shows;

    /// One show with its first page of episodes (`GET /shows/{id}`), by ID, URI or URL.
    pub async fn get(&self, id: impl IntoId<ShowId>) -> Result<ShowObject, Error> {
        get(self.client, id.into_id()?, None).await
    }

    /// One show as available in `market` (`GET /shows/{id}?market=`).
    pub async fn get_in_market(&self, id: impl IntoId<ShowId>, market: &str) -> Result<ShowObject, Error> {
        get(self.client, id.into_id()?, Some(market)).await
    }

    /// Many shows (without their episodes), in the order asked, one result per ID: `Ok(None)` where
    /// Spotify knows no such show, `Err` where that ID's request failed. Uses `GET /shows?ids=` in
    /// chunks of 50 (deprecated for development-mode apps since February 2026; falls back to one
    /// `GET /shows/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<ShowId>>) -> Result<Vec<Result<Option<SimplifiedShowObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(&self, ids: impl IntoIterator<Item = impl IntoId<ShowId>>, market: &str) -> Result<Vec<Result<Option<SimplifiedShowObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, Some(market)).await
    }

    /// The show's episodes, as a lazy stream (`GET /shows/{id}/episodes`, 50 per page).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let mut episodes = client.shows().episodes_in_market("spotify:show:38bS44xjbVVZ3No3ByF1dJ", "US").max_items(20);
    /// while let Some(episode) = episodes.try_next().await? {
    ///     println!("{:?} {:?}", episode.release_date, episode.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn episodes(&self, id: impl IntoId<ShowId>) -> Paginator<PagingSimplifiedEpisodeObject> {
        episodes(self.client, id, None)
    }

    /// The show's episodes as available in `market`, as a lazy stream.
    pub fn episodes_in_market(&self, id: impl IntoId<ShowId>, market: &str) -> Paginator<PagingSimplifiedEpisodeObject> {
        episodes(self.client, id, Some(market.to_string()))
    }

    /// Downloads the show's cover in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`](crate::Client::download_image_from) (no token goes to the image host).
    pub async fn download_cover(&self, id: impl IntoId<ShowId>, size: crate::images::ImageSize) -> Result<crate::images::DownloadedImage, Error> {
        self.client.download_image_from(&self.get(id).await?.images, size).await
    }
}

async fn get(client: &Client, id: ShowId, market: Option<&str>) -> Result<ShowObject, Error> {
    client
        .call(|raw| maybe(raw.get_a_show().id(id.id()), market, |b, m| b.market(m)).send())
        .await
}

/// The multi-get answers simplified shows; the single-get fallback drops the full show's episodes.
async fn get_many(
    client: &Client,
    ids: &[ShowId],
    market: Option<&str>,
) -> Result<Vec<Result<Option<SimplifiedShowObject>, Error>>, Error> {
    let many = |chunk: Vec<ShowId>| async move {
        let joined = chunk.iter().map(ShowId::id).collect::<Vec<_>>().join(",");
        let response = client
            .call(|raw| {
                maybe(raw.get_multiple_shows().ids(joined), market, |b, m| {
                    b.market(m)
                })
                .send()
            })
            .await?;
        Ok(response.shows)
    };
    let one = |id| async move { get(client, id, market).await.and_then(simplified) };
    multi_get(client, ids, MULTI_GET, many, one).await
}

/// A full show as the simplified one the multi-get answers (the same fields but `episodes`).
fn simplified(show: ShowObject) -> Result<SimplifiedShowObject, Error> {
    serde_json::to_value(show)
        .and_then(serde_json::from_value)
        .map_err(|e| Error::Decode {
            endpoint: Some(super::endpoint("get-a-show")),
            status: None,
            path: String::new(),
            message: format!("a show does not convert to a simplified show: {e}"),
            snippet: Box::default(),
        })
}

fn episodes(
    client: &Client,
    id: impl IntoId<ShowId>,
    market: Option<String>,
) -> Paginator<PagingSimplifiedEpisodeObject> {
    let id = match id.into_id() {
        Ok(id) => id,
        Err(e) => return Paginator::failed(e),
    };
    offset_stream(
        client,
        "get-a-shows-episodes",
        move |client, offset, limit| {
            let (id, market) = (id.clone(), market.clone());
            boxed(async move {
                client
                    .call(|raw| {
                        let builder = raw
                            .get_a_shows_episodes()
                            .id(id.id())
                            .offset(i64::from(offset))
                            .limit(u64::from(limit));
                        maybe(builder, market, |b, m| b.market(m)).send()
                    })
                    .await
            })
        },
    )
}
