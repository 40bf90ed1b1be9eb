//! The catalog by ID, written once for every kind: `client.albums()` is a [`Catalog`] of
//! [`Album`]s, `client.tracks()` one of [`Track`]s, ... Each kind says which operations fetch it;
//! getting one, many, in a market, and a cover is the same code for all. What only one kind has is
//! here too (an album's tracks, a show's episodes), or in the kind's own module when it is more
//! than a page ([`artists`](super::artists), [`tracks`](super::tracks)).
//!
//! Without a `market`, Spotify uses the user's country; when it knows neither (client-credentials
//! tokens) it treats shows, episodes, audiobooks and chapters as unavailable: use the `_in_market`
//! methods then (an ISO 3166-1 alpha-2 country code, or `from_token`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::{group, joined, limit, multi_get, offset_stream, one_answer_each};
use crate::ids::{AlbumId, ArtistId, AudiobookId, ChapterId, EpisodeId, IntoId, ShowId, TrackId};
use crate::images::{DownloadedImage, ImageSize};
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
/// `client.tracks()` a `Catalog<Track>` ([`Tracks`]), ...
pub struct Catalog<'a, K> {
    pub(crate) client: &'a Client,
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
    Albums = Catalog<Album> => albums
}

group! {
    /// Artists: `client.artists()`; their albums, top tracks and related artists are in
    /// [`artists`](super::artists).
    Artists = Catalog<Artist> => artists
}

group! {
    /// Audiobooks: `client.audiobooks()`. Saving audiobooks is under
    /// [`library()`](crate::Client::library).
    Audiobooks = Catalog<Audiobook> => audiobooks
}

group! {
    /// Audiobook chapters: `client.chapters()`. An audiobook's chapters, in order, are
    /// [`Audiobooks::chapters`].
    Chapters = Catalog<Chapter> => chapters
}

group! {
    /// Podcast episodes: `client.episodes()`. A show's episodes are [`Shows::episodes`]; saving
    /// episodes is under [`library()`](crate::Client::library).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let episode = client
    ///     .episodes()
    ///     .get_in_market("spotify:episode:512ojhOuo1ktJprKbVcKyQ", "US")
    ///     .await?;
    /// println!("{} – {}: {} ms", episode.show.name, episode.name, episode.duration_ms);
    /// # Ok(()) }
    /// ```
    Episodes = Catalog<Episode> => episodes
}

group! {
    /// Podcast shows: `client.shows()`. Saving shows is under
    /// [`library()`](crate::Client::library).
    Shows = Catalog<Show> => shows
}

group! {
    /// Tracks: `client.tracks()`; audio features and analysis are in [`tracks`](super::tracks).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let url = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC";
    /// let track = client.tracks().get(url).await?;
    /// println!("{} – {} ({} ms)", track.artists[0].name, track.name, track.duration_ms);
    /// # Ok(()) }
    /// ```
    Tracks = Catalog<Track> => tracks
}

impl<'a, K> Catalog<'a, K> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Catalog {
            client,
            kind: PhantomData,
        }
    }
}

// By hand: derives would require `K: Clone`/`Debug` of the marker types.
impl<K> Clone for Catalog<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for Catalog<'_, K> {}

impl<K: Kind> fmt::Debug for Catalog<'_, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Catalog<{}>", std::any::type_name::<K>())
    }
}

impl<K: Kind> Catalog<'_, K> {
    /// One item by ID, URI or URL (`GET /albums/{id}`, `GET /tracks/{id}`, ...).
    pub async fn get(&self, id: impl IntoId<K::Id>) -> Result<K::Object, Error> {
        let id = id.into_id()?;
        self.client
            .call(K::one(self.client.raw(), id.as_ref(), None))
            .await
    }

    /// Many items, in the order asked, one result per ID: `Ok(None)` where Spotify knows no such
    /// item, `Err` where that ID's request failed. Uses the multi-get (`GET /albums?ids=`, 20 or 50
    /// IDs at a time), which Spotify deprecated for development-mode apps in February 2026: when it
    /// is refused with 403, falls back to one `GET /albums/{id}` per ID, as many at a time as the
    /// client's page prefetch.
    pub async fn get_many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<K::Id>>,
    ) -> Result<Vec<Result<Option<K::Listed>, Error>>, Error> {
        self.many(ids, None).await
    }

    async fn many(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<K::Id>>,
        market: Option<&str>,
    ) -> Result<Vec<Result<Option<K::Listed>, Error>>, Error> {
        let ids: Vec<K::Id> = crate::ids::parse_all(ids)?;
        let client = self.client;
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
}

impl<K: InMarket> Catalog<'_, K> {
    /// One item as available in `market` (`GET /albums/{id}?market=`, ...).
    pub async fn get_in_market(
        &self,
        id: impl IntoId<K::Id>,
        market: &str,
    ) -> Result<K::Object, Error> {
        let id = id.into_id()?;
        let request = K::one(self.client.raw(), id.as_ref(), Some(market));
        self.client.call(request).await
    }

    /// Like [`get_many`](Self::get_many), as available in `market`.
    pub async fn get_many_in_market(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<K::Id>>,
        market: &str,
    ) -> Result<Vec<Result<Option<K::Listed>, Error>>, Error> {
        self.many(ids, Some(market)).await
    }
}

impl<K: WithImages> Catalog<'_, K> {
    /// Downloads the item's cover (an artist's picture) in the given size: [`get`](Self::get),
    /// then [`Client::download_image_from`] (no token goes to the image host).
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
    pub fn tracks(&self, id: impl IntoId<AlbumId>) -> Paginator<PagingSimplifiedTrackObject> {
        self.tracks_where(id, None)
    }

    /// The album's tracks as available in `market`, as a lazy stream.
    pub fn tracks_in_market(
        &self,
        id: impl IntoId<AlbumId>,
        market: &str,
    ) -> Paginator<PagingSimplifiedTrackObject> {
        self.tracks_where(id, Some(market))
    }

    fn tracks_where(
        &self,
        id: impl IntoId<AlbumId>,
        market: Option<&str>,
    ) -> Paginator<PagingSimplifiedTrackObject> {
        let market = market.map(str::to_string);
        Paginator::or_failed(id.into_id(), |id| {
            offset_stream(self.client, move |raw, offset, size| {
                raw.get_an_albums_tracks(id.id(), limit(size), market.as_deref(), Some(offset))
            })
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
    ///     .episodes_in_market("spotify:show:38bS44xjbVVZ3No3ByF1dJ", "US")
    ///     .max_items(20);
    /// while let Some(episode) = episodes.try_next().await? {
    ///     println!("{} {}", episode.release_date, episode.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn episodes(&self, id: impl IntoId<ShowId>) -> Paginator<PagingSimplifiedEpisodeObject> {
        self.episodes_where(id, None)
    }

    /// The show's episodes as available in `market`, as a lazy stream.
    pub fn episodes_in_market(
        &self,
        id: impl IntoId<ShowId>,
        market: &str,
    ) -> Paginator<PagingSimplifiedEpisodeObject> {
        self.episodes_where(id, Some(market))
    }

    fn episodes_where(
        &self,
        id: impl IntoId<ShowId>,
        market: Option<&str>,
    ) -> Paginator<PagingSimplifiedEpisodeObject> {
        let market = market.map(str::to_string);
        Paginator::or_failed(id.into_id(), |id| {
            offset_stream(self.client, move |raw, offset, size| {
                raw.get_a_shows_episodes(id.id(), limit(size), market.as_deref(), Some(offset))
            })
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
    ///     .chapters_in_market("7iHfbu1YPACw6oZPAFJtqe", "US")
    ///     .collect_all()
    ///     .await?;
    /// for chapter in chapters {
    ///     println!("{}. {}", chapter.chapter_number, chapter.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn chapters(
        &self,
        id: impl IntoId<AudiobookId>,
    ) -> Paginator<PagingSimplifiedChapterObject> {
        self.chapters_where(id, None)
    }

    /// The audiobook's chapters as available in `market`, as a lazy stream.
    pub fn chapters_in_market(
        &self,
        id: impl IntoId<AudiobookId>,
        market: &str,
    ) -> Paginator<PagingSimplifiedChapterObject> {
        self.chapters_where(id, Some(market))
    }

    fn chapters_where(
        &self,
        id: impl IntoId<AudiobookId>,
        market: Option<&str>,
    ) -> Paginator<PagingSimplifiedChapterObject> {
        let market = market.map(str::to_string);
        Paginator::or_failed(id.into_id(), |id| {
            offset_stream(self.client, move |raw, offset, size| {
                raw.get_audiobook_chapters(id.id(), limit(size), market.as_deref(), Some(offset))
            })
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

impl sealed::Sealed for Album {}
impl Kind for Album {
    type Id = AlbumId;
    type Object = AlbumObject;
    type Listed = AlbumObject;
    type Many = GetMultipleAlbumsResponse;
    const CHUNK: usize = 20;
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<AlbumObject> {
        raw.get_an_album(id, market)
    }
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_multiple_albums(ids, market)
    }
    fn listed(many: Self::Many) -> Vec<Option<AlbumObject>> {
        many.albums
    }
    fn as_listed(one: AlbumObject) -> Result<AlbumObject, Error> {
        Ok(one)
    }
}
impl InMarket for Album {}
impl WithImages for Album {
    fn images(item: &AlbumObject) -> &[ImageObject] {
        &item.images
    }
}

impl sealed::Sealed for Artist {}
impl Kind for Artist {
    type Id = ArtistId;
    type Object = ArtistObject;
    type Listed = ArtistObject;
    type Many = GetMultipleArtistsResponse;
    const CHUNK: usize = 50;
    fn one(raw: &raw::Client, id: &str, _: Option<&str>) -> raw::Request<ArtistObject> {
        raw.get_an_artist(id)
    }
    fn many(raw: &raw::Client, ids: &str, _: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_multiple_artists(ids)
    }
    fn listed(many: Self::Many) -> Vec<Option<ArtistObject>> {
        many.artists
    }
    fn as_listed(one: ArtistObject) -> Result<ArtistObject, Error> {
        Ok(one)
    }
}
impl WithImages for Artist {
    fn images(item: &ArtistObject) -> &[ImageObject] {
        &item.images
    }
}

impl sealed::Sealed for Audiobook {}
impl Kind for Audiobook {
    type Id = AudiobookId;
    type Object = AudiobookObject;
    type Listed = AudiobookObject;
    type Many = GetMultipleAudiobooksResponse;
    const CHUNK: usize = 50;
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<AudiobookObject> {
        raw.get_an_audiobook(id, market)
    }
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_multiple_audiobooks(ids, market)
    }
    fn listed(many: Self::Many) -> Vec<Option<AudiobookObject>> {
        many.audiobooks
    }
    fn as_listed(one: AudiobookObject) -> Result<AudiobookObject, Error> {
        Ok(one)
    }
}
impl InMarket for Audiobook {}
impl WithImages for Audiobook {
    fn images(item: &AudiobookObject) -> &[ImageObject] {
        &item.images
    }
}

impl sealed::Sealed for Chapter {}
impl Kind for Chapter {
    type Id = ChapterId;
    type Object = ChapterObject;
    type Listed = ChapterObject;
    type Many = GetSeveralChaptersResponse;
    const CHUNK: usize = 50;
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<ChapterObject> {
        raw.get_a_chapter(id, market)
    }
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_several_chapters(ids, market)
    }
    fn listed(many: Self::Many) -> Vec<Option<ChapterObject>> {
        many.chapters
    }
    fn as_listed(one: ChapterObject) -> Result<ChapterObject, Error> {
        Ok(one)
    }
}
impl InMarket for Chapter {}

impl sealed::Sealed for Episode {}
impl Kind for Episode {
    type Id = EpisodeId;
    type Object = EpisodeObject;
    type Listed = EpisodeObject;
    type Many = GetMultipleEpisodesResponse;
    const CHUNK: usize = 50;
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<EpisodeObject> {
        raw.get_an_episode(id, market)
    }
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_multiple_episodes(ids, market)
    }
    fn listed(many: Self::Many) -> Vec<Option<EpisodeObject>> {
        many.episodes
    }
    fn as_listed(one: EpisodeObject) -> Result<EpisodeObject, Error> {
        Ok(one)
    }
}
impl InMarket for Episode {}
impl WithImages for Episode {
    fn images(item: &EpisodeObject) -> &[ImageObject] {
        &item.images
    }
}

impl sealed::Sealed for Show {}
impl Kind for Show {
    type Id = ShowId;
    type Object = ShowObject;
    type Listed = SimplifiedShowObject;
    type Many = GetMultipleShowsResponse;
    const CHUNK: usize = 50;
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<ShowObject> {
        raw.get_a_show(id, market)
    }
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_multiple_shows(ids, market)
    }
    fn listed(many: Self::Many) -> Vec<Option<SimplifiedShowObject>> {
        many.shows
    }
    /// A full show as the simplified one the multi-get answers (the same fields but `episodes`).
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
    fn images(item: &ShowObject) -> &[ImageObject] {
        &item.images
    }
}

impl sealed::Sealed for Track {}
impl Kind for Track {
    type Id = TrackId;
    type Object = TrackObject;
    type Listed = TrackObject;
    type Many = GetSeveralTracksResponse;
    const CHUNK: usize = 50;
    fn one(raw: &raw::Client, id: &str, market: Option<&str>) -> raw::Request<TrackObject> {
        raw.get_track(id, market)
    }
    fn many(raw: &raw::Client, ids: &str, market: Option<&str>) -> raw::Request<Self::Many> {
        raw.get_several_tracks(ids, market)
    }
    fn listed(many: Self::Many) -> Vec<Option<TrackObject>> {
        many.tracks
    }
    fn as_listed(one: TrackObject) -> Result<TrackObject, Error> {
        Ok(one)
    }
}
impl InMarket for Track {}
