//! Artists.

use super::{boxed, maybe, multi_get, offset_stream, resource};
use crate::ids::{ArtistId, IntoId, parse_all};
use crate::types::{ArtistObject, PagingArtistDiscographyAlbumObject, TrackObject};
use crate::{Client, Error, Paginator};

/// How many IDs `GET /artists` takes at once.
const MULTI_GET: usize = 50;

/// Which kinds of release [`Artists::albums_with`] lists (`include_groups`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AlbumGroup {
    /// The artist's albums.
    Album,
    /// Singles and EPs.
    Single,
    /// Releases of other artists the artist appears on.
    AppearsOn,
    /// Compilations.
    Compilation,
}

impl AlbumGroup {
    /// The value Spotify uses: `album`, `single`, `appears_on`, `compilation`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlbumGroup::Album => "album",
            AlbumGroup::Single => "single",
            AlbumGroup::AppearsOn => "appears_on",
            AlbumGroup::Compilation => "compilation",
        }
    }
}

/// Options of [`Artists::albums_with`]; the default lists every kind of release in every market.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArtistAlbumsOptions {
    /// Only these kinds of release (all when empty).
    pub include_groups: Vec<AlbumGroup>,
    /// Only releases available in this market (ISO 3166-1 alpha-2 code, or `from_token`).
    pub market: Option<String>,
}

resource! {
    /// Artists: `client.artists()`. Following artists is under [`users()`](crate::Client::users).
    Artists;

    /// One artist (`GET /artists/{id}`), by ID, URI or URL.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// use spotify_sdk::resources::artists::{AlbumGroup, ArtistAlbumsOptions};
    ///
    /// let artist = client.artists().get("spotify:artist:0TnOYISbd1XYRBk9myaseg").await?;
    /// println!("{:?} ({:?} followers)", artist.name, artist.followers.and_then(|f| f.total));
    /// let options = ArtistAlbumsOptions { include_groups: vec![AlbumGroup::Album], ..Default::default() };
    /// let albums: Vec<_> = client.artists().albums_with("0TnOYISbd1XYRBk9myaseg", options).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: impl IntoId<ArtistId>) -> Result<ArtistObject, Error> {
        get(self.client, id.into_id()?).await
    }

    /// Many artists, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// artist, `Err` where that ID's request failed. Uses `GET /artists?ids=` in chunks of 50
    /// (deprecated for development-mode apps since February 2026; falls back to one
    /// `GET /artists/{id}` per ID when the multi-get is refused with 403).
    pub async fn get_many(&self, ids: impl IntoIterator<Item = impl IntoId<ArtistId>>) -> Result<Vec<Result<Option<ArtistObject>, Error>>, Error> {
        let ids: Vec<ArtistId> = parse_all(ids)?;
        let client = self.client;
        let many = |chunk: Vec<ArtistId>| async move {
            let joined = chunk.iter().map(ArtistId::id).collect::<Vec<_>>().join(",");
            let response = client.call(|raw| raw.get_multiple_artists().ids(joined).send()).await?;
            Ok(response.artists)
        };
        multi_get(client, &ids, MULTI_GET, many, |id| get(client, id)).await
    }

    /// The artist's releases of every kind, as a lazy stream (`GET /artists/{id}/albums`, 10 per
    /// page, Spotify's maximum for this endpoint).
    pub fn albums(&self, id: impl IntoId<ArtistId>) -> Paginator<PagingArtistDiscographyAlbumObject> {
        albums(self.client, id, ArtistAlbumsOptions::default())
    }

    /// The artist's releases filtered by kind and market, as a lazy stream.
    pub fn albums_with(&self, id: impl IntoId<ArtistId>, options: ArtistAlbumsOptions) -> Paginator<PagingArtistDiscographyAlbumObject> {
        albums(self.client, id, options)
    }

    /// The artist's top tracks in `market` (`GET /artists/{id}/top-tracks`; `from_token` for the
    /// user's country), `null` entries dropped.
    #[deprecated(note = "Spotify deprecated artist top tracks in February 2026 (not available to development-mode apps); list releases with `albums()` instead")]
    pub async fn top_tracks(&self, id: impl IntoId<ArtistId>, market: &str) -> Result<Vec<TrackObject>, Error> {
        let id = id.into_id()?;
        let response = self.client.call(|raw| raw.get_an_artists_top_tracks().id(id.id()).market(market).send()).await?;
        Ok(response.tracks.into_iter().flatten().collect())
    }

    /// Artists similar to this one (`GET /artists/{id}/related-artists`), `null` entries dropped.
    #[deprecated(note = "Spotify removed related artists for new apps in November 2024; extended-quota apps only")]
    pub async fn related_artists(&self, id: impl IntoId<ArtistId>) -> Result<Vec<ArtistObject>, Error> {
        let id = id.into_id()?;
        let response = self.client.call(|raw| raw.get_an_artists_related_artists().id(id.id()).send()).await?;
        Ok(response.artists.into_iter().flatten().collect())
    }

    /// Downloads the artist's picture in the given size: [`get`](Self::get), then
    /// [`Client::download_image_from`](crate::Client::download_image_from) (no token goes to the image host).
    pub async fn download_cover(&self, id: impl IntoId<ArtistId>, size: crate::images::ImageSize) -> Result<crate::images::DownloadedImage, Error> {
        self.client.download_image_from(&self.get(id).await?.images, size).await
    }
}

async fn get(client: &Client, id: ArtistId) -> Result<ArtistObject, Error> {
    client
        .call(|raw| raw.get_an_artist().id(id.id()).send())
        .await
}

fn albums(
    client: &Client,
    id: impl IntoId<ArtistId>,
    options: ArtistAlbumsOptions,
) -> Paginator<PagingArtistDiscographyAlbumObject> {
    let id = match id.into_id() {
        Ok(id) => id,
        Err(e) => return Paginator::failed(e),
    };
    let groups = (!options.include_groups.is_empty()).then(|| {
        options
            .include_groups
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(",")
    });
    let market = options.market;
    offset_stream(
        client,
        "get-an-artists-albums",
        move |client, offset, limit| {
            let (id, groups, market) = (id.clone(), groups.clone(), market.clone());
            boxed(async move {
                client
                    .call(|raw| {
                        let builder = raw
                            .get_an_artists_albums()
                            .id(id.id())
                            .offset(i64::from(offset))
                            .limit(i64::from(limit));
                        let builder = maybe(builder, groups, |b, g| b.include_groups(g));
                        maybe(builder, market, |b, m| b.market(m)).send()
                    })
                    .await
            })
        },
    )
}
