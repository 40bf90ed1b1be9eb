//! Audiobook chapters.

use super::catalog::Catalog;
use super::group;
use crate::Error;
use crate::ids::{ChapterId, IntoId, parse_all};
use crate::types::{ChapterObject, GetSeveralChaptersResponse};

group! {
    /// Audiobook chapters: `client.chapters()`. An audiobook's chapters are under
    /// [`audiobooks()`](crate::Client::audiobooks). Chapters are only available in the US, UK,
    /// Canada, Ireland, New Zealand and Australia markets.
    ///
    /// Without a `market`, Spotify uses the user's country; when it knows neither
    /// (client-credentials tokens) it treats content as unavailable: use the `_in_market` variants
    /// then (an ISO 3166-1 alpha-2 country code, or `from_token`).
    Chapters => chapters
}

const CHAPTERS: Catalog<ChapterObject, GetSeveralChaptersResponse> = Catalog {
    chunk: 50,
    one: |raw, id, market| raw.get_a_chapter(id, market),
    many: |raw, ids, market| raw.get_several_chapters(ids, market),
    items: |many| many.chapters,
    item: Ok,
};

impl Chapters<'_> {
    /// One chapter (`GET /chapters/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let chapter = client
    ///     .chapters()
    ///     .get_in_market("spotify:chapter:0D5wENdkdwbqlrHoaJ9g29", "US")
    ///     .await?;
    /// println!("{}: {} ms", chapter.name, chapter.duration_ms);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<ChapterId>) -> Result<ChapterObject, Error> {
        CHAPTERS.get(self.client, id.into_id()?.id(), None).await
    }

    /// One chapter as available in `market` (`GET /chapters/{id}?market=`).
    pub async fn get_in_market(
        &self,
        id: impl IntoId<ChapterId>,
        market: &str,
    ) -> Result<ChapterObject, Error> {
        CHAPTERS
            .get(self.client, id.into_id()?.id(), Some(market))
            .await
    }

    /// Many chapters, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// chapter, `Err` where that ID's request failed. Uses `GET /chapters?ids=` in chunks of 50
    /// (deprecated for development-mode apps since February 2026; falls back to one `GET
    /// /chapters/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ChapterId>>,
    ) -> Result<Vec<Result<Option<ChapterObject>, Error>>, Error> {
        let ids: Vec<ChapterId> = parse_all(ids)?;
        CHAPTERS
            .get_many(self.client, &ids, ChapterId::id, None)
            .await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ChapterId>>,
        market: &str,
    ) -> Result<Vec<Result<Option<ChapterObject>, Error>>, Error> {
        let ids: Vec<ChapterId> = parse_all(ids)?;
        CHAPTERS
            .get_many(self.client, &ids, ChapterId::id, Some(market))
            .await
    }
}
