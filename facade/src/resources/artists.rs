//! Artists.

use super::catalog::{Artist, Catalog};
use super::offset_stream;
use crate::ids::{ArtistId, IntoId};
use crate::types::{ArtistObject, PagingArtistDiscographyAlbumObject, TrackObject};
use crate::{Client, Error, Paginator};

/// Which kinds of release [`Artists::albums_with`](super::Artists::albums_with) lists
/// (`include_groups`): `Album`, `Single`, `AppearsOn` or `Compilation`.
pub use crate::types::AlbumGroup;

/// Options of [`Artists::albums_with`](super::Artists::albums_with); the default lists every kind
/// of release in every market.
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
    #[inline]
    pub fn include_groups(mut self, groups: impl IntoIterator<Item = AlbumGroup>) -> Self {
        self.include_groups = groups.into_iter().collect();
        self
    }

    /// Only releases available in `market`.
    #[inline]
    pub fn market(mut self, market: impl Into<String>) -> Self {
        self.market = Some(market.into());
        self
    }
}

/// What only artists have; getting them by ID is [`Catalog`]'s (`client.artists()`).
impl Catalog<'_, Artist> {
    /// The artist's releases of every kind, as a lazy stream (`GET /artists/{id}/albums`, 10 per
    /// page, Spotify's maximum for this endpoint).
    #[inline]
    pub fn albums(
        &self,
        id: impl IntoId<ArtistId>,
    ) -> Paginator<PagingArtistDiscographyAlbumObject> {
        albums(self.client, id.into_id(), ArtistAlbumsOptions::default())
    }

    /// The artist's releases filtered by kind and market, as a lazy stream.
    #[inline]
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
    #[inline]
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
    #[inline]
    pub async fn related_artists(
        &self,
        id: impl IntoId<ArtistId>,
    ) -> Result<Vec<ArtistObject>, Error> {
        let id = id.into_id()?;
        let request = self.client.raw().get_an_artists_related_artists(id.id());
        let response = self.client.call(request).await?;
        Ok(response.artists.into_iter().flatten().collect())
    }
}

#[inline]
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
