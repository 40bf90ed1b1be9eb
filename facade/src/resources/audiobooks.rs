//! Audiobooks.

use super::catalog::Catalog;
use super::{group, limit, offset_stream};
use crate::ids::{AudiobookId, IntoId, parse_all};
use crate::types::{AudiobookObject, GetMultipleAudiobooksResponse, PagingSimplifiedChapterObject};
use crate::{Client, Error, Paginator};

group! {
    /// Audiobooks: `client.audiobooks()`. Single chapters are under
    /// [`chapters()`](crate::Client::chapters), saving audiobooks under
    /// [`library()`](crate::Client::library). Audiobooks are only available in the US, UK, Canada,
    /// Ireland, New Zealand and Australia markets.
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither
    /// (client-credentials tokens) it treats content as unavailable: use the `_in_market` variants
    /// then (an ISO 3166-1 alpha-2 country code, or `from_token`).
    Audiobooks => audiobooks
}

const AUDIOBOOKS: Catalog<AudiobookObject, GetMultipleAudiobooksResponse> = Catalog {
    chunk: 50,
    one: |raw, id, market| raw.get_an_audiobook(id, market),
    many: |raw, ids, market| raw.get_multiple_audiobooks(ids, market),
    items: |many| many.audiobooks,
    item: Ok,
};

impl Audiobooks<'_> {
    /// One audiobook with its first page of chapters (`GET /audiobooks/{id}`), by ID, URI or URL.
    pub async fn get(&self, id: impl IntoId<AudiobookId>) -> Result<AudiobookObject, Error> {
        AUDIOBOOKS.get(self.client, id.into_id()?.id(), None).await
    }

    /// One audiobook as available in `market` (`GET /audiobooks/{id}?market=`).
    pub async fn get_in_market(
        &self,
        id: impl IntoId<AudiobookId>,
        market: &str,
    ) -> Result<AudiobookObject, Error> {
        AUDIOBOOKS
            .get(self.client, id.into_id()?.id(), Some(market))
            .await
    }

    /// Many audiobooks, in the order asked, one result per ID: `Ok(None)` where Spotify knows no
    /// such audiobook, `Err` where that ID's request failed. Uses `GET /audiobooks?ids=` in chunks
    /// of 50 (deprecated for development-mode apps since February 2026; falls back to one `GET
    /// /audiobooks/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>,
    ) -> Result<Vec<Result<Option<AudiobookObject>, Error>>, Error> {
        let ids: Vec<AudiobookId> = parse_all(ids)?;
        AUDIOBOOKS
            .get_many(self.client, &ids, AudiobookId::id, None)
            .await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>,
        market: &str,
    ) -> Result<Vec<Result<Option<AudiobookObject>, Error>>, Error> {
        let ids: Vec<AudiobookId> = parse_all(ids)?;
        AUDIOBOOKS
            .get_many(self.client, &ids, AudiobookId::id, Some(market))
            .await
    }

    /// The audiobook's chapters, as a lazy stream (`GET /audiobooks/{id}/chapters`, 50 per page).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let chapters: Vec<_> = client
    ///     .audiobooks()
    ///     .chapters_in_market("spotify:audiobook:7iHfbu1YPACw6oZPAFJtqe", "GB")
    ///     .try_collect()
    ///     .await?;
    /// for chapter in &chapters {
    ///     println!("{} {}", chapter.chapter_number, chapter.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn chapters(
        &self,
        id: impl IntoId<AudiobookId>,
    ) -> Paginator<PagingSimplifiedChapterObject> {
        chapters(self.client, id.into_id(), None)
    }

    /// The audiobook's chapters as available in `market`, as a lazy stream.
    pub fn chapters_in_market(
        &self,
        id: impl IntoId<AudiobookId>,
        market: &str,
    ) -> Paginator<PagingSimplifiedChapterObject> {
        chapters(self.client, id.into_id(), Some(market.to_string()))
    }
}

fn chapters(
    client: &Client,
    id: Result<AudiobookId, Error>,
    market: Option<String>,
) -> Paginator<PagingSimplifiedChapterObject> {
    Paginator::or_failed(id, |id| {
        offset_stream(client, move |raw, offset, size| {
            raw.get_audiobook_chapters(id.id(), limit(size), market.as_deref(), Some(offset))
        })
    })
}
