//! Audiobook chapters.

use super::{maybe, multi_get, resource};
use crate::ids::{ChapterId, IntoId, parse_all};
use crate::types::ChapterObject;
use crate::{Client, Error};

/// How many IDs `GET /chapters` takes at once.
const MULTI_GET: usize = 50;

resource! {
    /// Audiobook chapters: `client.chapters()`. An audiobook's chapters are under
    /// [`audiobooks()`](crate::Client::audiobooks). Chapters are only available in the US, UK, Canada,
    /// Ireland, New Zealand and Australia markets.
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither (client-credentials
    /// tokens) it treats content as unavailable: use the `_in_market` variants then (an ISO 3166-1
    /// alpha-2 country code, or `from_token`).
    Chapters;

    /// One chapter (`GET /chapters/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let chapter = client.chapters().get_in_market("spotify:chapter:0D5wENdkdwbqlrHoaJ9g29", "US").await?;
    /// println!("{:?}: {:?} ms", chapter.name, chapter.duration_ms);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<ChapterId>) -> Result<ChapterObject, Error> {
        get(self.client, id.into_id()?, None).await
    }

    /// One chapter as available in `market` (`GET /chapters/{id}?market=`).
    pub async fn get_in_market(&self, id: impl IntoId<ChapterId>, market: &str) -> Result<ChapterObject, Error> {
        get(self.client, id.into_id()?, Some(market)).await
    }

    /// Many chapters, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// chapter, `Err` where that ID's request failed. Uses `GET /chapters?ids=` in chunks of 50
    /// (deprecated for development-mode apps since February 2026; falls back to one
    /// `GET /chapters/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<ChapterId>>) -> Result<Vec<Result<Option<ChapterObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(&self, ids: impl IntoIterator<Item = impl IntoId<ChapterId>>, market: &str) -> Result<Vec<Result<Option<ChapterObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, Some(market)).await
    }
}

async fn get(client: &Client, id: ChapterId, market: Option<&str>) -> Result<ChapterObject, Error> {
    client
        .call(|raw| maybe(raw.get_a_chapter().id(id.id()), market, |b, m| b.market(m)).send())
        .await
}

async fn get_many(
    client: &Client,
    ids: &[ChapterId],
    market: Option<&str>,
) -> Result<Vec<Result<Option<ChapterObject>, Error>>, Error> {
    let many = |chunk: Vec<ChapterId>| async move {
        let joined = chunk
            .iter()
            .map(ChapterId::id)
            .collect::<Vec<_>>()
            .join(",");
        let response = client
            .call(|raw| {
                maybe(raw.get_several_chapters().ids(joined), market, |b, m| {
                    b.market(m)
                })
                .send()
            })
            .await?;
        Ok(response.chapters)
    };
    multi_get(client, ids, MULTI_GET, many, |id| get(client, id, market)).await
}
