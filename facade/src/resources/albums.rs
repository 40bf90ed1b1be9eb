//! Albums.

use super::catalog::Catalog;
use super::{group, limit, offset_stream};
use crate::ids::{AlbumId, IntoId, parse_all};
use crate::images::{DownloadedImage, ImageSize};
use crate::types::{AlbumObject, GetMultipleAlbumsResponse, PagingSimplifiedTrackObject};
use crate::{Client, Error, Paginator};

group! {
    /// Albums: `client.albums()`. New releases are under [`browse()`](crate::Client::browse),
    /// saving albums under [`library()`](crate::Client::library).
    ///
    /// The `_in_market` variants send `market` (an ISO 3166-1 alpha-2 country code, or `from_token`
    /// for the user's country): Spotify then only answers content available there and relinks
    /// tracks.
    Albums => albums
}

const ALBUMS: Catalog<AlbumObject, GetMultipleAlbumsResponse> = Catalog {
    chunk: 20,
    one: |raw, id, market| raw.get_an_album(id, market),
    many: |raw, ids, market| raw.get_multiple_albums(ids, market),
    items: |many| many.albums,
    item: Ok,
};

impl Albums<'_> {
    /// One album (`GET /albums/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let album = client.albums().get("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").await?;
    /// println!("{} ({})", album.name, album.release_date);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<AlbumId>) -> Result<AlbumObject, Error> {
        ALBUMS.get(self.client, id.into_id()?.id(), None).await
    }

    /// One album as available in `market` (`GET /albums/{id}?market=`).
    pub async fn get_in_market(
        &self,
        id: impl IntoId<AlbumId>,
        market: &str,
    ) -> Result<AlbumObject, Error> {
        ALBUMS
            .get(self.client, id.into_id()?.id(), Some(market))
            .await
    }

    /// Many albums, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// album, `Err` where that ID's request failed. Uses `GET /albums?ids=` in chunks of 20
    /// (deprecated for development-mode apps since February 2026; falls back to one `GET
    /// /albums/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AlbumId>>,
    ) -> Result<Vec<Result<Option<AlbumObject>, Error>>, Error> {
        let ids: Vec<AlbumId> = parse_all(ids)?;
        ALBUMS.get_many(self.client, &ids, AlbumId::id, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AlbumId>>,
        market: &str,
    ) -> Result<Vec<Result<Option<AlbumObject>, Error>>, Error> {
        let ids: Vec<AlbumId> = parse_all(ids)?;
        ALBUMS
            .get_many(self.client, &ids, AlbumId::id, Some(market))
            .await
    }

    /// The album's tracks, as a lazy stream (`GET /albums/{id}/tracks`, 50 per page).
    pub fn tracks(&self, id: impl IntoId<AlbumId>) -> Paginator<PagingSimplifiedTrackObject> {
        tracks(self.client, id.into_id(), None)
    }

    /// The album's tracks as available in `market`, as a lazy stream.
    pub fn tracks_in_market(
        &self,
        id: impl IntoId<AlbumId>,
        market: &str,
    ) -> Paginator<PagingSimplifiedTrackObject> {
        tracks(self.client, id.into_id(), Some(market.to_string()))
    }

    /// Downloads the album's cover in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`] (no token goes to the image host).
    pub async fn download_cover(
        &self,
        id: impl IntoId<AlbumId>,
        size: ImageSize,
    ) -> Result<DownloadedImage, Error> {
        let album = self.get(id).await?;
        self.client.download_image_from(&album.images, size).await
    }
}

fn tracks(
    client: &Client,
    id: Result<AlbumId, Error>,
    market: Option<String>,
) -> Paginator<PagingSimplifiedTrackObject> {
    Paginator::or_failed(id, |id| {
        offset_stream(client, move |raw, offset, size| {
            raw.get_an_albums_tracks(id.id(), limit(size), market.as_deref(), Some(offset))
        })
    })
}
