//! Albums.

use super::{boxed, maybe, multi_get, offset_stream, resource};
use crate::ids::{AlbumId, IntoId, parse_all};
use crate::types::{AlbumObject, PagingSimplifiedTrackObject};
use crate::{Client, Error, Paginator};

/// How many IDs `GET /albums` takes at once.
const MULTI_GET: usize = 20;

resource! {
    /// Albums: `client.albums()`. New releases are under [`browse()`](crate::Client::browse), saving
    /// albums under [`library()`](crate::Client::library).
    ///
    /// The `_in_market` variants send `market` (an ISO 3166-1 alpha-2 country code, or `from_token`
    /// for the user's country): Spotify then only answers content available there and relinks tracks.
    Albums;

    /// One album (`GET /albums/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let album = client.albums().get("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").await?;
    /// println!("{:?} ({:?})", album.name, album.release_date);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<AlbumId>) -> Result<AlbumObject, Error> {
        get(self.client, id.into_id()?, None).await
    }

    /// One album as available in `market` (`GET /albums/{id}?market=`).
    pub async fn get_in_market(&self, id: impl IntoId<AlbumId>, market: &str) -> Result<AlbumObject, Error> {
        get(self.client, id.into_id()?, Some(market)).await
    }

    /// Many albums, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// album, `Err` where that ID's request failed. Uses `GET /albums?ids=` in chunks of 20
    /// (deprecated for development-mode apps since February 2026; falls back to one
    /// `GET /albums/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<AlbumId>>) -> Result<Vec<Result<Option<AlbumObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, None).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(&self, ids: impl IntoIterator<Item = impl IntoId<AlbumId>>, market: &str) -> Result<Vec<Result<Option<AlbumObject>, Error>>, Error> {
        get_many(self.client, &parse_all(ids)?, Some(market)).await
    }

    /// The album's tracks, as a lazy stream (`GET /albums/{id}/tracks`, 50 per page).
    pub fn tracks(&self, id: impl IntoId<AlbumId>) -> Paginator<PagingSimplifiedTrackObject> {
        tracks(self.client, id, None)
    }

    /// The album's tracks as available in `market`, as a lazy stream.
    pub fn tracks_in_market(&self, id: impl IntoId<AlbumId>, market: &str) -> Paginator<PagingSimplifiedTrackObject> {
        tracks(self.client, id, Some(market.to_string()))
    }

    /// Downloads the album's cover in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`](crate::Client::download_image_from) (no token goes to the image host).
    pub async fn download_cover(&self, id: impl IntoId<AlbumId>, size: crate::images::ImageSize) -> Result<crate::images::DownloadedImage, Error> {
        self.client.download_image_from(&self.get(id).await?.images, size).await
    }
}

async fn get(client: &Client, id: AlbumId, market: Option<&str>) -> Result<AlbumObject, Error> {
    client
        .call(|raw| maybe(raw.get_an_album().id(id.id()), market, |b, m| b.market(m)).send())
        .await
}

async fn get_many(
    client: &Client,
    ids: &[AlbumId],
    market: Option<&str>,
) -> Result<Vec<Result<Option<AlbumObject>, Error>>, Error> {
    let many = |chunk: Vec<AlbumId>| async move {
        let joined = chunk.iter().map(AlbumId::id).collect::<Vec<_>>().join(",");
        let response = client
            .call(|raw| {
                maybe(raw.get_multiple_albums().ids(joined), market, |b, m| {
                    b.market(m)
                })
                .send()
            })
            .await?;
        Ok(response.albums)
    };
    multi_get(client, ids, MULTI_GET, many, |id| get(client, id, market)).await
}

fn tracks(
    client: &Client,
    id: impl IntoId<AlbumId>,
    market: Option<String>,
) -> Paginator<PagingSimplifiedTrackObject> {
    let id = match id.into_id() {
        Ok(id) => id,
        Err(e) => return Paginator::failed(e),
    };
    offset_stream(
        client,
        "get-an-albums-tracks",
        move |client, offset, limit| {
            let (id, market) = (id.clone(), market.clone());
            boxed(async move {
                client
                    .call(|raw| {
                        let builder = raw
                            .get_an_albums_tracks()
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
