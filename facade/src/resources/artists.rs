//! Artists.

use super::catalog::Catalog;
use super::{group, offset_stream};
use crate::ids::{ArtistId, IntoId, parse_all};
use crate::images::{DownloadedImage, ImageSize};
use crate::types::{
    ArtistObject, GetMultipleArtistsResponse, PagingArtistDiscographyAlbumObject, TrackObject,
};
use crate::{Client, Error, Paginator};

/// Which kinds of release [`Artists::albums_with`] lists (`include_groups`): `Album`, `Single`,
/// `AppearsOn` or `Compilation`.
pub use crate::types::AlbumGroup;

/// Options of [`Artists::albums_with`]; the default lists every kind of release in every market.
///
/// ```
/// use spotify_sdk::resources::artists::{AlbumGroup, ArtistAlbumsOptions};
///
/// let options = ArtistAlbumsOptions::default()
///     .include_groups([AlbumGroup::Album, AlbumGroup::Single])
///     .market("SE");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ArtistAlbumsOptions {
    /// Only these kinds of release (all when empty).
    pub include_groups: Vec<AlbumGroup>,
    /// Only releases available in this market (ISO 3166-1 alpha-2 code, or `from_token`).
    pub market: Option<String>,
}

impl ArtistAlbumsOptions {
    /// Only these kinds of release.
    pub fn include_groups(mut self, groups: impl IntoIterator<Item = AlbumGroup>) -> Self {
        self.include_groups = groups.into_iter().collect();
        self
    }

    /// Only releases available in `market`.
    pub fn market(mut self, market: impl Into<String>) -> Self {
        self.market = Some(market.into());
        self
    }
}

group! {
    /// Artists: `client.artists()`. Following artists is under [`users()`](crate::Client::users).
    Artists => artists
}

const ARTISTS: Catalog<ArtistObject, GetMultipleArtistsResponse> = Catalog {
    chunk: 50,
    one: |raw, id, _| raw.get_an_artist(id),
    many: |raw, ids, _| raw.get_multiple_artists(ids),
    items: |many| many.artists,
    item: Ok,
};

impl Artists<'_> {
    /// One artist (`GET /artists/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// use spotify_sdk::resources::artists::{AlbumGroup, ArtistAlbumsOptions};
    ///
    /// let artist = client.artists().get("spotify:artist:0TnOYISbd1XYRBk9myaseg").await?;
    /// println!("{}", artist.name);
    /// let options = ArtistAlbumsOptions::default().include_groups([AlbumGroup::Album]);
    /// let albums: Vec<_> = client
    ///     .artists()
    ///     .albums_with("0TnOYISbd1XYRBk9myaseg", options)
    ///     .try_collect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<ArtistId>) -> Result<ArtistObject, Error> {
        ARTISTS.get(self.client, id.into_id()?.id(), None).await
    }

    /// Many artists, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// artist, `Err` where that ID's request failed. Uses `GET /artists?ids=` in chunks of 50
    /// (deprecated for development-mode apps since February 2026; falls back to one `GET
    /// /artists/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ArtistId>>,
    ) -> Result<Vec<Result<Option<ArtistObject>, Error>>, Error> {
        let ids: Vec<ArtistId> = parse_all(ids)?;
        ARTISTS
            .get_many(self.client, &ids, ArtistId::id, None)
            .await
    }

    /// The artist's releases of every kind, as a lazy stream (`GET /artists/{id}/albums`, 10 per
    /// page, Spotify's maximum for this endpoint).
    pub fn albums(
        &self,
        id: impl IntoId<ArtistId>,
    ) -> Paginator<PagingArtistDiscographyAlbumObject> {
        albums(self.client, id.into_id(), ArtistAlbumsOptions::default())
    }

    /// The artist's releases filtered by kind and market, as a lazy stream.
    pub fn albums_with(
        &self,
        id: impl IntoId<ArtistId>,
        options: ArtistAlbumsOptions,
    ) -> Paginator<PagingArtistDiscographyAlbumObject> {
        albums(self.client, id.into_id(), options)
    }

    /// The artist's top tracks in `market` (`GET /artists/{id}/top-tracks`; `from_token` for the
    /// user's country), `null` entries dropped.
    #[deprecated(
        note = "Spotify deprecated artist top tracks in February 2026 (not available to \
            development-mode apps); list releases with `albums()` instead"
    )]
    pub async fn top_tracks(
        &self,
        id: impl IntoId<ArtistId>,
        market: &str,
    ) -> Result<Vec<TrackObject>, Error> {
        let id = id.into_id()?;
        let request = self
            .client
            .raw()
            .get_an_artists_top_tracks(id.id(), Some(market));
        let response = self.client.call(request).await?;
        Ok(response.tracks.into_iter().flatten().collect())
    }

    /// Artists similar to this one (`GET /artists/{id}/related-artists`), `null` entries dropped.
    #[deprecated(
        note = "Spotify removed related artists for new apps in November 2024; extended-quota \
            apps only"
    )]
    pub async fn related_artists(
        &self,
        id: impl IntoId<ArtistId>,
    ) -> Result<Vec<ArtistObject>, Error> {
        let id = id.into_id()?;
        let request = self.client.raw().get_an_artists_related_artists(id.id());
        let response = self.client.call(request).await?;
        Ok(response.artists.into_iter().flatten().collect())
    }

    /// Downloads the artist's picture in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`] (no token goes to the image host).
    pub async fn download_cover(
        &self,
        id: impl IntoId<ArtistId>,
        size: ImageSize,
    ) -> Result<DownloadedImage, Error> {
        let artist = self.get(id).await?;
        self.client.download_image_from(&artist.images, size).await
    }
}

fn albums(
    client: &Client,
    id: Result<ArtistId, Error>,
    options: ArtistAlbumsOptions,
) -> Paginator<PagingArtistDiscographyAlbumObject> {
    let groups = (!options.include_groups.is_empty()).then(|| {
        let groups: Vec<String> = options
            .include_groups
            .iter()
            .map(ToString::to_string)
            .collect();
        groups.join(",")
    });
    let market = options.market;
    Paginator::or_failed(id, |id| {
        offset_stream(client, move |raw, offset, size| {
            raw.get_an_artists_albums(
                id.id(),
                groups.as_deref(),
                Some(i64::from(size)),
                market.as_deref(),
                Some(offset),
            )
        })
    })
}
