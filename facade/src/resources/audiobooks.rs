//! Audiobooks.

use super::{boxed, maybe, multi_get, offset_stream, resource};
use crate::ids::{AudiobookId, IntoId, parse_all};
use crate::types::{AudiobookObject, PagingSimplifiedChapterObject};
use crate::{Client, Error, Paginator};

/// How many IDs `GET /audiobooks` takes at once.
const MULTI_GET: usize = 50;

resource! {
    /// Audiobooks: `client.audiobooks()`. Single chapters are under
    /// [`chapters()`](crate::Client::chapters), saving audiobooks under
    /// [`library()`](crate::Client::library). Audiobooks are only available in the US, UK, Canada,
    /// Ireland, New Zealand and Australia markets.
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither (client-credentials
    /// tokens) it treats content as unavailable: use the `_in_market` variants then (an ISO 3166-1
    /// alpha-2 country code, or `from_token`).
    Audiobooks;

    /// One audiobook with its first page of chapters (`GET /audiobooks/{id}`), by ID, URI or URL.
    pub async fn get(&self, id: impl IntoId<AudiobookId>) -> Result<AudiobookObject, Error> {
        get(self.client, id.into_id()?, None).await
    }

    /// One audiobook as available in `market` (`GET /audiobooks/{id}?market=`).
    pub async fn get_in_market(&self, id: impl IntoId<AudiobookId>, market: &str) -> Result<AudiobookObject, Error> {
        get(self.client, id.into_id()?, Some(market)).await
    }

    /// Many audiobooks, in the order asked, one result per ID: `Ok(None)` where Spotify knows no
    /// such audiobook, `Err` where that ID's request failed. Uses `GET /audiobooks?ids=` in chunks of
    /// 50 (deprecated for development-mode apps since February 2026; falls back to one
    /// `GET /audiobooks/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>) -> Result<Vec<Result<Option<AudiobookObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(&self, ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>, market: &str) -> Result<Vec<Result<Option<AudiobookObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, Some(market)).await
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
    ///     println!("{:?} {:?}", chapter.chapter_number, chapter.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn chapters(&self, id: impl IntoId<AudiobookId>) -> Paginator<PagingSimplifiedChapterObject> {
        chapters(self.client, id, None)
    }

    /// The audiobook's chapters as available in `market`, as a lazy stream.
    pub fn chapters_in_market(&self, id: impl IntoId<AudiobookId>, market: &str) -> Paginator<PagingSimplifiedChapterObject> {
        chapters(self.client, id, Some(market.to_string()))
    }
}

async fn get(
    client: &Client,
    id: AudiobookId,
    market: Option<&str>,
) -> Result<AudiobookObject, Error> {
    client
        .call(|raw| {
            maybe(raw.get_an_audiobook().id(id.id()), market, |b, m| {
                b.market(m)
            })
            .send()
        })
        .await
}

async fn get_many(
    client: &Client,
    ids: &[AudiobookId],
    market: Option<&str>,
) -> Result<Vec<Result<Option<AudiobookObject>, Error>>, Error> {
    let many = |chunk: Vec<AudiobookId>| async move {
        let joined = chunk
            .iter()
            .map(AudiobookId::id)
            .collect::<Vec<_>>()
            .join(",");
        let response = client
            .call(|raw| {
                maybe(raw.get_multiple_audiobooks().ids(joined), market, |b, m| {
                    b.market(m)
                })
                .send()
            })
            .await?;
        Ok(response.audiobooks)
    };
    multi_get(client, ids, MULTI_GET, many, |id| get(client, id, market)).await
}

fn chapters(
    client: &Client,
    id: impl IntoId<AudiobookId>,
    market: Option<String>,
) -> Paginator<PagingSimplifiedChapterObject> {
    let id = match id.into_id() {
        Ok(id) => id,
        Err(e) => return Paginator::failed(e),
    };
    offset_stream(
        client,
        "get-audiobook-chapters",
        move |client, offset, limit| {
            let (id, market) = (id.clone(), market.clone());
            boxed(async move {
                client
                    .call(|raw| {
                        let builder = raw
                            .get_audiobook_chapters()
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
