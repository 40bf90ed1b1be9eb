//! Search: `client.search().query("...")` builds a [`SearchRequest`]; `.send()` (or `.await`) gets
//! one page per requested [`SearchType`], and `.tracks()`, `.albums()`, ... stream every result of
//! one type.

use std::future::IntoFuture;

use futures::future::BoxFuture;

use super::{group, offset_stream_within, wrapped};
use crate::paginate::PagingModel;
use crate::types::{
    IncludeExternal, PagingArtistObject, PagingPlaylistObject, PagingSimplifiedAlbumObject,
    PagingSimplifiedAudiobookObject, PagingSimplifiedEpisodeObject, PagingSimplifiedShowObject,
    PagingTrackObject, SearchResponse,
};
use crate::words::words;
use crate::{Client, Error, Paginator, raw};

/// Spotify serves search results up to offset 1000; the streams stop there instead of failing.
const MAX_RESULTS: u32 = 1000;

group! {
    /// Search: `client.search()`. Start with [`query`](Search::query).
    Search => search
}

impl<'a> Search<'a> {
    /// A search for `q`, which may use Spotify's field filters (`artist:`, `album:`, `track:`,
    /// `year:1955-1960`, `genre:`, `isrc:`, `upc:`, `tag:new`, `tag:hipster`). Configure it, then
    /// `.send()` it (or `.await` it) for one page of each requested type, or stream one type.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// use spotify_sdk::resources::search::SearchType;
    ///
    /// let found = client
    ///     .search()
    ///     .query("artist:Miles Davis Doxy")
    ///     .types([SearchType::Track, SearchType::Album])
    ///     .market("US")
    ///     .send()
    ///     .await?;
    /// if let Some(tracks) = found.tracks {
    ///     for track in tracks.items.into_iter().flatten() {
    ///         println!("{} – {}", track.artists[0].name, track.name);
    ///     }
    /// }
    ///
    /// // Every matching track (10 per request), as a stream.
    /// let mut tracks = client.search().query("Doxy").tracks().max_items(100);
    /// while let Some(track) = tracks.try_next().await? {
    ///     println!("{}", track.name);
    /// }
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn query(&self, q: impl Into<String>) -> SearchRequest<'a> {
        SearchRequest {
            client: self.client,
            params: Params {
                q: q.into(),
                market: None,
                include_external: false,
            },
            types: Vec::new(),
            limit: None,
            offset: None,
        }
    }
}

/// The kinds of item a search can return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SearchType {
    /// Albums (`albums` in the response).
    Album,
    /// Artists.
    Artist,
    /// Playlists.
    Playlist,
    /// Tracks.
    Track,
    /// Podcast shows.
    Show,
    /// Podcast episodes.
    Episode,
    /// Audiobooks (only in some markets: US, UK, Canada, Ireland, New Zealand, Australia).
    Audiobook,
}

impl SearchType {
    /// Every type.
    pub const ALL: [SearchType; 7] = [
        SearchType::Album,
        SearchType::Artist,
        SearchType::Playlist,
        SearchType::Track,
        SearchType::Show,
        SearchType::Episode,
        SearchType::Audiobook,
    ];
}

words! {
    /// The word of the `type` parameter: `album`, `artist`, ...
    SearchType("a search type") {
        Album => "album",
        Artist => "artist",
        Playlist => "playlist",
        Track => "track",
        Show => "show",
        Episode => "episode",
        Audiobook => "audiobook",
    }
}

impl SearchType {
    /// The section of the answer that holds this type's page: `tracks`, `albums`, ...
    #[inline]
    fn section(self) -> &'static str {
        match self {
            SearchType::Album => "albums",
            SearchType::Artist => "artists",
            SearchType::Playlist => "playlists",
            SearchType::Track => "tracks",
            SearchType::Show => "shows",
            SearchType::Episode => "episodes",
            SearchType::Audiobook => "audiobooks",
        }
    }
}

/// What every search request of a [`SearchRequest`] carries.
#[derive(Clone, Debug)]
struct Params {
    q: String,
    market: Option<String>,
    include_external: bool,
}

impl Params {
    #[inline]
    fn check(&self) -> Result<(), Error> {
        if self.q.trim().is_empty() {
            return Err(Error::InvalidArgument("search: the query is empty".into()));
        }
        Ok(())
    }

    /// The request for `types` (comma-separated), with a page size and an offset when given.
    #[inline]
    fn request(
        &self,
        raw: &raw::Client,
        types: &str,
        limit: Option<u32>,
        offset: Option<i64>,
    ) -> raw::Request<SearchResponse> {
        let external = self.include_external.then_some(IncludeExternal::Audio);
        let limit = limit.and_then(super::limit);
        raw.search(
            external,
            limit,
            self.market.as_deref(),
            offset,
            &self.q,
            types,
        )
    }
}

/// A search being configured: see [`Search::query`]. `send()` it, `.await` it, or stream one type
/// of result with [`tracks`](Self::tracks), [`albums`](Self::albums), ...
#[derive(Clone, Debug)]
#[must_use = "a search does nothing until sent, awaited or streamed"]
pub struct SearchRequest<'a> {
    client: &'a Client,
    params: Params,
    types: Vec<SearchType>,
    limit: Option<u32>,
    offset: Option<u32>,
}

impl<'a> SearchRequest<'a> {
    /// The types of item [`send`](Self::send) asks for, sent as one comma-separated `type`
    /// parameter (`album,track`). Required for `send`; the streams set their own.
    #[inline]
    pub fn types(mut self, types: impl IntoIterator<Item = SearchType>) -> Self {
        self.types.clear();
        for t in types {
            if !self.types.contains(&t) {
                self.types.push(t);
            }
        }
        self
    }

    /// An ISO 3166-1 alpha-2 country code (`"US"`), or `"from_token"` for the user's country: only
    /// content playable there is returned.
    #[inline]
    pub fn market(mut self, market: impl Into<String>) -> Self {
        self.params.market = Some(market.into());
        self
    }

    /// Sends `include_external=audio`: the client can play externally hosted audio, so such
    /// episodes are marked playable.
    #[inline]
    pub fn include_external_audio(mut self) -> Self {
        self.params.include_external = true;
        self
    }

    /// Results per type for [`send`](Self::send), 1 to 10 (Spotify's default is 5). The streams
    /// page on their own (see [`Paginator::page_size`]).
    #[inline]
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// The index of the first result for [`send`](Self::send), at most 1000. The streams start at
    /// 0.
    #[inline]
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Sends the search (`GET /search`): one page of results for each requested type.
    #[inline]
    pub async fn send(self) -> Result<SearchResponse, Error> {
        self.params.check()?;
        if self.types.is_empty() {
            return Err(Error::InvalidArgument(
                "search: no types; choose them with .types([SearchType::Track, ...])".into(),
            ));
        }
        let max = super::max_page_size("search");
        if let Some(limit) = self.limit.filter(|l| !(1..=max).contains(l)) {
            return Err(Error::InvalidArgument(format!(
                "search: limit {limit} is not within 1..={max}"
            )));
        }
        if let Some(offset) = self.offset.filter(|o| *o > MAX_RESULTS) {
            return Err(Error::InvalidArgument(format!(
                "search: offset {offset} is beyond {MAX_RESULTS}, the last result Spotify serves"
            )));
        }
        let types = self
            .types
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(",");
        let offset = self.offset.map(i64::from);
        let request = self
            .params
            .request(self.client.raw(), &types, self.limit, offset);
        self.client.call(request).await
    }

    /// Every matching track, as a lazy stream (10 per request, up to Spotify's 1000 results).
    #[inline]
    pub fn tracks(self) -> Paginator<PagingTrackObject> {
        self.stream(SearchType::Track, |r| r.tracks)
    }

    /// Every matching album, as a lazy stream.
    #[inline]
    pub fn albums(self) -> Paginator<PagingSimplifiedAlbumObject> {
        self.stream(SearchType::Album, |r| r.albums)
    }

    /// Every matching artist, as a lazy stream.
    #[inline]
    pub fn artists(self) -> Paginator<PagingArtistObject> {
        self.stream(SearchType::Artist, |r| r.artists)
    }

    /// Every matching playlist, as a lazy stream (Spotify answers `null` for some; they are
    /// skipped).
    #[inline]
    pub fn playlists(self) -> Paginator<PagingPlaylistObject> {
        self.stream(SearchType::Playlist, |r| r.playlists)
    }

    /// Every matching podcast show, as a lazy stream.
    #[inline]
    pub fn shows(self) -> Paginator<PagingSimplifiedShowObject> {
        self.stream(SearchType::Show, |r| r.shows)
    }

    /// Every matching podcast episode, as a lazy stream.
    #[inline]
    pub fn episodes(self) -> Paginator<PagingSimplifiedEpisodeObject> {
        self.stream(SearchType::Episode, |r| r.episodes)
    }

    /// Every matching audiobook, as a lazy stream.
    #[inline]
    pub fn audiobooks(self) -> Paginator<PagingSimplifiedAudiobookObject> {
        self.stream(SearchType::Audiobook, |r| r.audiobooks)
    }

    /// The results of one type: each page is the `kind` section of a search response.
    #[inline]
    fn stream<M>(self, kind: SearchType, section: fn(SearchResponse) -> Option<M>) -> Paginator<M>
    where
        M: PagingModel,
    {
        let params = self.params;
        Paginator::or_failed(params.check(), |()| {
            offset_stream_within(
                self.client,
                move |raw, offset, size| {
                    // Past Spotify's last result there is nothing to ask for (the stream stops at
                    // it, below, so at least one result is always left).
                    let left = u32::try_from(i64::from(MAX_RESULTS) - offset).unwrap_or(1);
                    let size = size.min(left).max(1);
                    params.request(raw, kind.as_str(), Some(size), Some(offset))
                },
                move |answer| wrapped(section(answer), kind.section(), "search"),
            )
            .cap(u64::from(MAX_RESULTS))
        })
    }
}

impl<'a> IntoFuture for SearchRequest<'a> {
    type Output = Result<SearchResponse, Error>;
    type IntoFuture = BoxFuture<'a, Result<SearchResponse, Error>>;

    /// `.await` on a request is [`send`](SearchRequest::send).
    #[inline]
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_deduplicated_in_order() {
        let client = Client::builder().access_token("t").build().unwrap();
        let request = client.search().query("q").types([
            SearchType::Track,
            SearchType::Album,
            SearchType::Track,
        ]);
        assert_eq!(request.types, [SearchType::Track, SearchType::Album]);
        let words: Vec<_> = SearchType::ALL.iter().map(|t| t.to_string()).collect();
        assert_eq!(
            words,
            [
                "album",
                "artist",
                "playlist",
                "track",
                "show",
                "episode",
                "audiobook"
            ]
        );
    }
}
