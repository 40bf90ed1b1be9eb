//! The catalog by ID, written once for every kind: `client.albums()` is a [`Catalog`] of
//! [`Album`]s, `client.tracks()` one of [`Track`]s, ... Each kind says which operations fetch it;
//! getting one, many, in a market, and a cover is the same code for all. What only one kind has is
//! here too (an album's tracks, a show's episodes), or in the kind's own module when it is more
//! than a page ([`artists`](super::artists), [`tracks`](super::tracks)).
//!
//! Without a market, Spotify uses the user's country; when it knows neither (client-credentials
//! tokens) it treats shows, episodes, audiobooks and chapters as unavailable: ask through
//! [`Catalog::in_market`] then (an ISO 3166-1 alpha-2 country code, or `from_token`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::{group, joined, limit, multi_get, offset_stream, one_answer_each};
use crate::ids::{AlbumId, ArtistId, AudiobookId, ChapterId, EpisodeId, IntoId, ShowId, TrackId};
use crate::images::{DownloadedImage, ImageSize};
use crate::paginate::PagingModel;
use crate::types::{
    AlbumObject, ArtistObject, AudiobookObject, ChapterObject, EpisodeObject,
    GetMultipleAlbumsResponse, GetMultipleArtistsResponse, GetMultipleAudiobooksResponse,
    GetMultipleEpisodesResponse, GetMultipleShowsResponse, GetSeveralChaptersResponse,
    GetSeveralTracksResponse, ImageObject, PagingSimplifiedChapterObject,
    PagingSimplifiedEpisodeObject, PagingSimplifiedTrackObject, ShowObject, SimplifiedShowObject,
    TrackObject,
};
use crate::{Client, Error, Paginator, raw};

/// The catalog items of one kind, by ID: `client.albums()` is a `Catalog<Album>` ([`Albums`]),
/// `client.tracks()` a `Catalog<Track>` ([`Tracks`]), ... Every request of a catalog asks for
/// items as available in its market, if it has one ([`in_market`](Catalog::in_market)).
pub struct Catalog<'a, K> {
    pub(crate) client: &'a Client,
    market: Option<&'a str>,
    kind: PhantomData<fn() -> K>,
}

group! {
    /// Albums: `client.albums()`. New releases are under [`browse()`](crate::Client::browse),
    /// saving albums under [`library()`](crate::Client::library).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let album = client.albums().get("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").await?;
    /// println!("{} ({}), {} tracks", album.name, album.release_date, album.tracks.total);
    /// # Ok(()) }
    /// ```
    Albums = Catalog<Album> => albums,
    /// Artists: `client.artists()`; their albums, top tracks and related artists are in
    /// [`artists`](super::artists).
    Artists = Catalog<Artist> => artists,
    /// Audiobooks: `client.audiobooks()`. Saving audiobooks is under
    /// [`library()`](crate::Client::library).
    Audiobooks = Catalog<Audiobook> => audiobooks,
    /// Audiobook chapters: `client.chapters()`. An audiobook's chapters, in order, are
    /// [`Audiobooks::chapters`].
    Chapters = Catalog<Chapter> => chapters,
    /// Podcast episodes: `client.episodes()`. A show's episodes are [`Shows::episodes`]; saving
    /// episodes is under [`library()`](crate::Client::library).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let episode = client
    ///     .episodes()
    ///     .in_market("US")
    ///     .get("spotify:episode:512ojhOuo1ktJprKbVcKyQ")
    ///     .await?;
    /// println!("{} – {}: {} ms", episode.show.name, episode.name, episode.duration_ms);
    /// # Ok(()) }
    /// ```
    Episodes = Catalog<Episode> => episodes,
    /// Podcast shows: `client.shows()`. Saving shows is under
    /// [`library()`](crate::Client::library).
    Shows = Catalog<Show> => shows,
    /// Tracks: `client.tracks()`; audio features and analysis are in [`tracks`](super::tracks).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let url = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC";
    /// let track = client.tracks().get(url).await?;
    /// println!("{} – {} ({} ms)", track.artists[0].name, track.name, track.duration_ms);
    /// # Ok(()) }
    /// ```
    Tracks = Catalog<Track> => tracks,
}

impl<'a, K> Catalog<'a, K> {
    #[inline]
    pub(crate) fn new(client: &'a Client) -> Self {
        Catalog {
            client,
            market: None,
            kind: PhantomData,
        }
    }
}

// By hand: derives would require `K: Clone`/`Debug` of the marker types.
impl<K> Clone for Catalog<'_, K> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for Catalog<'_, K> {}

impl<K: Kind> fmt::Debug for Catalog<'_, K> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(&format!("Catalog<{}>", std::any::type_name::<K>()))
            .field("market", &self.market)
            .finish()
    }
}

impl<K: Kind> Catalog<'_, K> {
    /// One item by ID, URI or URL (`GET /albums/{id}`, `GET /tracks/{id}`, ...).
    #[inline]
    pub async fn get(&self, id: impl IntoId<K::Id>) -> Result<K::Object, Error> {
        let id = id.into_id()?;
        self.client
            .call(K::one(self.client.raw(), id.as_ref(), self.market))
            .await
    }

    /// Many items, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// item, `Err` where that ID's request failed. Uses the multi-get (`GET /albums?ids=`, 20 or 50
    /// IDs at a time), which Spotify deprecated for development-mode apps in February 2026: when it
    /// is refused with 403, falls back to one `GET /albums/{id}` per ID, as many at a time as the
    /// client's page prefetch.
    #[inline]
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<K::Id>>,
    ) -> Result<Vec<Result<Option<K::Listed>, Error>>, Error> {
        let ids: Vec<K::Id> = crate::ids::parse_all(ids)?;
        let (client, market) = (self.client, self.market);
        let many = |chunk: &[K::Id]| {
            let request = K::many(client.raw(), &joined(chunk, AsRef::as_ref), market);
            let (operation_id, asked) = (request.operation_id(), chunk.len());
            async move {
                let items = K::listed(client.call(request).await?);
                one_answer_each(items, asked, operation_id)
            }
        };
        let one = |id: K::Id| {
            let request = K::one(client.raw(), id.as_ref(), market);
            async move { client.call(request).await.and_then(K::as_listed) }
        };
        multi_get(client, &ids, K::CHUNK, many, one).await
    }

    /// A listing inside one item (an album's tracks, a show's episodes, ...) in the catalog's
    /// market: `page` is the generated call for one page (ID, market, offset, page size).
    #[inline]
    fn contents<M: PagingModel + DeserializeOwned>(
        &self,
        id: impl IntoId<K::Id>,
        page: fn(&raw::Client, &str, Option<&str>, i64, u32) -> raw::Request<M>,
    ) -> Paginator<M> {
        let market = self.market.map(str::to_string);
        Paginator::or_failed(id.into_id(), |id| {
            offset_stream(self.client, move |raw, offset, size| {
                page(raw, id.as_ref(), market.as_deref(), offset, size)
            })
        })
    }
}

impl<'a, K: InMarket> Catalog<'a, K> {
    /// The same catalog, asking for items as available in `market`: an ISO 3166-1 alpha-2 country
    /// code, or `from_token` for the user's country (`GET /albums/{id}?market=`, ...). Spotify
    /// then relinks a track that is not available there to one that is (`linked_from` names the
    /// one asked for).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let shows = client.shows().in_market("US");
    /// let show = shows.get("38bS44xjbVVZ3No3ByF1dJ").await?;
    /// let episodes = shows.episodes(&show.id).max_items(10).collect_all().await?;
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn in_market(self, market: &'a str) -> Self {
        Catalog {
            market: Some(market),
            ..self
        }
    }
}

impl<K: WithImages> Catalog<'_, K> {
    /// Downloads the item's cover (an artist's picture) in the given size: [`get`](Self::get),
    /// then [`Client::download_image_from`] (no token goes to the image host).
    #[inline]
    pub async fn download_cover(
        &self,
        id: impl IntoId<K::Id>,
        size: ImageSize,
    ) -> Result<DownloadedImage, Error> {
        let item = self.get(id).await?;
        self.client
            .download_image_from(K::images(&item), size)
            .await
    }
}

impl Catalog<'_, Album> {
    /// The album's tracks, as a lazy stream (`GET /albums/{id}/tracks`, 50 per page).
    #[inline]
    pub fn tracks(&self, id: impl IntoId<AlbumId>) -> Paginator<PagingSimplifiedTrackObject> {
        self.contents(id, |raw, id, market, offset, size| {
            raw.get_an_albums_tracks(id, limit(size), market, Some(offset))
        })
    }
}

impl Catalog<'_, Show> {
    /// The show's episodes, as a lazy stream (`GET /shows/{id}/episodes`, 50 per page).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let mut episodes = client
    ///     .shows()
    ///     .in_market("US")
    ///     .episodes("spotify:show:38bS44xjbVVZ3No3ByF1dJ")
    ///     .max_items(20);
    /// while let Some(episode) = episodes.try_next().await? {
    ///     println!("{} {}", episode.release_date, episode.name);
    /// }
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn episodes(&self, id: impl IntoId<ShowId>) -> Paginator<PagingSimplifiedEpisodeObject> {
        self.contents(id, |raw, id, market, offset, size| {
            raw.get_a_shows_episodes(id, limit(size), market, Some(offset))
        })
    }
}

impl Catalog<'_, Audiobook> {
    /// The audiobook's chapters, in order, as a lazy stream (`GET /audiobooks/{id}/chapters`, 50
    /// per page).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let chapters = client
    ///     .audiobooks()
    ///     .in_market("US")
    ///     .chapters("7iHfbu1YPACw6oZPAFJtqe")
    ///     .collect_all()
    ///     .await?;
    /// for chapter in chapters {
    ///     println!("{}. {}", chapter.chapter_number, chapter.name);
    /// }
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn chapters(
        &self,
        id: impl IntoId<AudiobookId>,
    ) -> Paginator<PagingSimplifiedChapterObject> {
        self.contents(id, |raw, id, market, offset, size| {
            raw.get_audiobook_chapters(id, limit(size), market, Some(offset))
        })
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A kind of catalog item ([`Album`], [`Track`], ...) and the operations that fetch it. Sealed:
/// the kinds are Spotify's.
pub trait Kind: sealed::Sealed + Send + Sync + 'static {
    /// Its typed ID ([`AlbumId`], ...).
    type Id: AsRef<str> + Clone + Send + Sync + 'static;
    /// What [`Catalog::get`] returns ([`AlbumObject`], ...).
    type Object: DeserializeOwned + Send + 'static;
    /// What [`Catalog::get_many`] returns for each ID: the same object, except for shows (the
    /// multi-get answers simplified shows).
    type Listed: Send + 'static;
    #[doc(hidden)]
    type Many: DeserializeOwned + Send + 'static;
    #[doc(hidden)]
    const CHUNK: usize;
    #[doc(hidden)]
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<Self::Object>;
    #[doc(hidden)]
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many>;
    #[doc(hidden)]
    fn listed(many: Self::Many) -> Vec<Option<Self::Listed>>;
    #[doc(hidden)]
    fn as_listed(one: Self::Object) -> Result<Self::Listed, Error>;
}

/// A kind Spotify answers per market: every kind but artists.
pub trait InMarket: Kind {}

/// A kind with a cover: every kind but tracks and chapters.
pub trait WithImages: Kind {
    #[doc(hidden)]
    fn images(item: &Self::Object) -> &[ImageObject];
}

/// An album (the kind of [`Albums`]).
pub enum Album {}
/// An artist (the kind of [`Artists`]).
pub enum Artist {}
/// An audiobook (the kind of [`Audiobooks`]).
pub enum Audiobook {}
/// An audiobook chapter (the kind of [`Chapters`]).
pub enum Chapter {}
/// A podcast episode (the kind of [`Episodes`]).
pub enum Episode {}
/// A podcast show (the kind of [`Shows`]).
pub enum Show {}
/// A track (the kind of [`Tracks`]).
pub enum Track {}

/// The [`Kind`] impls of the catalog kinds (and their [`InMarket`] and [`WithImages`] impls where
/// they have them), from a table: the kinds differ only in these names. Shows are written out below
/// (their multi-get answers simplified shows).
macro_rules! kinds {
    ($(
        $kind:ident: $id:ident => $object:ident, $one:ident, $many:ident ->
        $answer:ident.$list:ident ($chunk:literal) $(, $flag:ident)*;
    )+) => {$(
        kinds!(@kind $kind: $id => $object, $one, $many -> $answer.$list ($chunk) $(, $flag)*);
    )+};
    (
        @kind $kind:ident: $id:ident => $object:ident, $one:ident, $many:ident ->
        $answer:ident.$list:ident ($chunk:literal) $(, $flag:ident)*
    ) => {
        impl sealed::Sealed for $kind {}
        impl Kind for $kind {
            type Id = $id;
            type Object = $object;
            type Listed = $object;
            type Many = $answer;
            const CHUNK: usize = $chunk;
            #[inline]
            fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<$object> {
                kinds!(@call raw.$one(id, market) $($flag)*)
            }
            #[inline]
            fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<$answer> {
                kinds!(@call raw.$many(ids, market) $($flag)*)
            }
            #[inline]
            fn listed(many: $answer) -> Vec<Option<$object>> {
                many.$list
            }
            #[inline]
            fn as_listed(one: $object) -> Result<$object, Error> {
                Ok(one)
            }
        }
        $(kinds!(@flag $kind: $object, $flag);)*
    };
    (@call $raw:ident.$op:ident($id:ident, $market:ident) in_market $($rest:ident)*) => {
        $raw.$op($id, $market)
    };
    (@call $raw:ident.$op:ident($id:ident, $market:ident) $other:ident $($rest:ident)*) => {
        kinds!(@call $raw.$op($id, $market) $($rest)*)
    };
    (@call $raw:ident.$op:ident($id:ident, $market:ident)) => {{
        let _ = $market;
        $raw.$op($id)
    }};
    (@flag $kind:ident: $object:ident, in_market) => {
        impl InMarket for $kind {}
    };
    (@flag $kind:ident: $object:ident, images) => {
        impl WithImages for $kind {
            #[inline]
            fn images(item: &$object) -> &[ImageObject] {
                &item.images
            }
        }
    };
}

kinds! {
    Album: AlbumId => AlbumObject, get_an_album, get_multiple_albums ->
    GetMultipleAlbumsResponse.albums (20), in_market, images;
    Artist: ArtistId => ArtistObject, get_an_artist, get_multiple_artists ->
    GetMultipleArtistsResponse.artists (50), images;
    Audiobook: AudiobookId => AudiobookObject, get_an_audiobook, get_multiple_audiobooks ->
    GetMultipleAudiobooksResponse.audiobooks (50), in_market, images;
    Chapter: ChapterId => ChapterObject, get_a_chapter, get_several_chapters ->
    GetSeveralChaptersResponse.chapters (50), in_market;
    Episode: EpisodeId => EpisodeObject, get_an_episode, get_multiple_episodes ->
    GetMultipleEpisodesResponse.episodes (50), in_market, images;
    Track: TrackId => TrackObject, get_track, get_several_tracks ->
    GetSeveralTracksResponse.tracks (50), in_market;
}

impl sealed::Sealed for Show {}
impl Kind for Show {
    type Id = ShowId;
    type Object = ShowObject;
    type Listed = SimplifiedShowObject;
    type Many = GetMultipleShowsResponse;
    const CHUNK: usize = 50;
    #[inline]
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<ShowObject> {
        raw.get_a_show(id, market)
    }
    #[inline]
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_multiple_shows(ids, market)
    }
    #[inline]
    fn listed(many: Self::Many) -> Vec<Option<SimplifiedShowObject>> {
        many.shows
    }
    /// A full show as the simplified one the multi-get answers (the same fields but `episodes`).
    #[inline]
    fn as_listed(show: ShowObject) -> Result<SimplifiedShowObject, Error> {
        serde_json::to_value(show)
            .and_then(serde_json::from_value)
            .map_err(|e| Error::Decode {
                endpoint: Some(super::endpoint("get-a-show")),
                status: None,
                path: ".".into(),
                message: format!("a show does not convert to a simplified show: {e}"),
                snippet: Box::default(),
            })
    }
}
impl InMarket for Show {}
impl WithImages for Show {
    #[inline]
    fn images(item: &ShowObject) -> &[ImageObject] {
        &item.images
    }
}
