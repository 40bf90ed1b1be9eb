//! The blocking search request (feature `blocking`): `blocking_client.search().query("...")`.

use crate::Error;
use crate::blocking::{PageIter, Runtime};
use crate::types::{
    PagingArtistObject, PagingPlaylistObject, PagingSimplifiedAlbumObject,
    PagingSimplifiedAudiobookObject, PagingSimplifiedEpisodeObject, PagingSimplifiedShowObject,
    PagingTrackObject, SearchResponse,
};

use super::SearchType;

/// A search being configured on the blocking client; the same options as the async
/// [`SearchRequest`](super::SearchRequest). `send()` blocks; the type methods return iterators.
#[derive(Clone, Debug)]
#[must_use = "a search does nothing until sent or iterated"]
pub struct SearchRequest<'a> {
    pub(super) inner: super::SearchRequest<'a>,
    pub(super) runtime: &'a Runtime,
}

impl<'a> SearchRequest<'a> {
    fn map(self, f: impl FnOnce(super::SearchRequest<'a>) -> super::SearchRequest<'a>) -> Self {
        Self {
            inner: f(self.inner),
            runtime: self.runtime,
        }
    }

    /// See [`SearchRequest::types`](super::SearchRequest::types).
    pub fn types(self, types: impl IntoIterator<Item = SearchType>) -> Self {
        self.map(|r| r.types(types))
    }

    /// See [`SearchRequest::market`](super::SearchRequest::market).
    pub fn market(self, market: impl Into<String>) -> Self {
        self.map(|r| r.market(market))
    }

    /// See [`SearchRequest::include_external_audio`](super::SearchRequest::include_external_audio).
    pub fn include_external_audio(self) -> Self {
        self.map(|r| r.include_external_audio())
    }

    /// See [`SearchRequest::limit`](super::SearchRequest::limit).
    pub fn limit(self, limit: u32) -> Self {
        self.map(|r| r.limit(limit))
    }

    /// See [`SearchRequest::offset`](super::SearchRequest::offset).
    pub fn offset(self, offset: u32) -> Self {
        self.map(|r| r.offset(offset))
    }

    /// Sends the search and waits for the answer; see [`SearchRequest::send`](super::SearchRequest::send).
    pub fn send(self) -> Result<SearchResponse, Error> {
        self.runtime.run(self.inner.send())
    }

    /// Every matching track, as an iterator.
    pub fn tracks(self) -> PageIter<PagingTrackObject> {
        self.runtime.iter(self.inner.tracks())
    }

    /// Every matching album, as an iterator.
    pub fn albums(self) -> PageIter<PagingSimplifiedAlbumObject> {
        self.runtime.iter(self.inner.albums())
    }

    /// Every matching artist, as an iterator.
    pub fn artists(self) -> PageIter<PagingArtistObject> {
        self.runtime.iter(self.inner.artists())
    }

    /// Every matching playlist, as an iterator.
    pub fn playlists(self) -> PageIter<PagingPlaylistObject> {
        self.runtime.iter(self.inner.playlists())
    }

    /// Every matching podcast show, as an iterator.
    pub fn shows(self) -> PageIter<PagingSimplifiedShowObject> {
        self.runtime.iter(self.inner.shows())
    }

    /// Every matching podcast episode, as an iterator.
    pub fn episodes(self) -> PageIter<PagingSimplifiedEpisodeObject> {
        self.runtime.iter(self.inner.episodes())
    }

    /// Every matching audiobook, as an iterator.
    pub fn audiobooks(self) -> PageIter<PagingSimplifiedAudiobookObject> {
        self.runtime.iter(self.inner.audiobooks())
    }
}
