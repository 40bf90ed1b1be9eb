//! Search: `client.search().query("...")` builds a [`SearchRequest`]; `.send()` (or `.await`) gets one
//! page per requested [`SearchType`], and `.tracks()`, `.albums()`, ... stream every result of one
//! type.

use std::future::IntoFuture;

use futures::future::BoxFuture;

use super::{boxed, offset_stream, resource};
use crate::paginate::PagingModel;
use crate::types::{
    IncludeExternal, PagingArtistObject, PagingPlaylistObject, PagingSimplifiedAlbumObject,
    PagingSimplifiedAudiobookObject, PagingSimplifiedEpisodeObject, PagingSimplifiedShowObject,
    PagingTrackObject, SearchResponse,
};
use crate::{Client, Error, Paginator, RawClient};

/// Spotify serves search results up to offset 1000; the streams stop there instead of failing.
const MAX_RESULTS: u32 = 1000;

resource! {
    /// Search: `client.search()`. Start with [`query`](Search::query).
    Search;
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
    /// for track in found.tracks.map(|page| page.items).unwrap_or_default().into_iter().flatten() {
    ///     println!("{:?}", track.name);
    /// }
    ///
    /// // Every matching track (10 per request), as a stream.
    /// let mut tracks = client.search().query("Doxy").tracks().max_items(100);
    /// while let Some(track) = tracks.try_next().await? {
    ///     println!("{:?}", track.name);
    /// }
    /// # Ok(()) }
    /// ```
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

    /// The word of the `type` parameter: `album`, `artist`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            SearchType::Album => "album",
            SearchType::Artist => "artist",
            SearchType::Playlist => "playlist",
            SearchType::Track => "track",
            SearchType::Show => "show",
            SearchType::Episode => "episode",
            SearchType::Audiobook => "audiobook",
        }
    }
}

impl std::fmt::Display for SearchType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
    fn check(&self) -> Result<(), Error> {
        if self.q.trim().is_empty() {
            return Err(Error::InvalidArgument("search: the query is empty".into()));
        }
        Ok(())
    }

    /// The generated request for `types` (comma-separated), without paging.
    fn request<'r>(
        &self,
        raw: &'r RawClient,
        types: &str,
    ) -> spotify_sdk_generated::builder::Search<'r> {
        let mut request = raw.search().q(self.q.as_str()).type_(types);
        if let Some(market) = &self.market {
            request = request.market(market.as_str());
        }
        if self.include_external {
            request = request.include_external(IncludeExternal::Audio);
        }
        request
    }
}

/// A search being configured: see [`Search::query`]. `send()` it, `.await` it, or stream one type of
/// result with [`tracks`](Self::tracks), [`albums`](Self::albums), ...
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
    pub fn market(mut self, market: impl Into<String>) -> Self {
        self.params.market = Some(market.into());
        self
    }

    /// Sends `include_external=audio`: the client can play externally hosted audio, so such
    /// episodes are marked playable.
    pub fn include_external_audio(mut self) -> Self {
        self.params.include_external = true;
        self
    }

    /// Results per type for [`send`](Self::send), 1 to 10 (Spotify's default is 5). The streams
    /// page on their own (see [`Paginator::page_size`]).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// The index of the first result for [`send`](Self::send), at most 1000. The streams start at 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Sends the search (`GET /search`): one page of results for each requested type.
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
        let (limit, offset, params) = (self.limit, self.offset, &self.params);
        self.client
            .call(|raw| {
                let mut request = params.request(raw, &types);
                if let Some(limit) = limit {
                    request = request.limit(u64::from(limit));
                }
                if let Some(offset) = offset {
                    request = request.offset(i64::from(offset));
                }
                request.send()
            })
            .await
    }

    /// Every matching track, as a lazy stream (10 per request, up to Spotify's 1000 results).
    pub fn tracks(self) -> Paginator<PagingTrackObject> {
        self.stream(SearchType::Track, |r| r.tracks)
    }

    /// Every matching album, as a lazy stream.
    pub fn albums(self) -> Paginator<PagingSimplifiedAlbumObject> {
        self.stream(SearchType::Album, |r| r.albums)
    }

    /// Every matching artist, as a lazy stream.
    pub fn artists(self) -> Paginator<PagingArtistObject> {
        self.stream(SearchType::Artist, |r| r.artists)
    }

    /// Every matching playlist, as a lazy stream (Spotify answers `null` for some; they are skipped).
    pub fn playlists(self) -> Paginator<PagingPlaylistObject> {
        self.stream(SearchType::Playlist, |r| r.playlists)
    }

    /// Every matching podcast show, as a lazy stream.
    pub fn shows(self) -> Paginator<PagingSimplifiedShowObject> {
        self.stream(SearchType::Show, |r| r.shows)
    }

    /// Every matching podcast episode, as a lazy stream.
    pub fn episodes(self) -> Paginator<PagingSimplifiedEpisodeObject> {
        self.stream(SearchType::Episode, |r| r.episodes)
    }

    /// Every matching audiobook, as a lazy stream.
    pub fn audiobooks(self) -> Paginator<PagingSimplifiedAudiobookObject> {
        self.stream(SearchType::Audiobook, |r| r.audiobooks)
    }

    /// The results of one type: each page is the `kind` section of a search response.
    fn stream<M>(self, kind: SearchType, section: fn(SearchResponse) -> Option<M>) -> Paginator<M>
    where
        M: PagingModel + Default,
    {
        if let Err(e) = self.params.check() {
            return Paginator::failed(e);
        }
        let params = self.params;
        offset_stream(self.client, "search", move |client, offset, limit| {
            let params = params.clone();
            boxed(async move {
                // Past Spotify's last result there is nothing to ask for.
                let limit = limit.min(MAX_RESULTS.saturating_sub(offset));
                if limit == 0 {
                    return Ok(M::default());
                }
                let response = client
                    .call(|raw| {
                        params
                            .request(raw, kind.as_str())
                            .offset(i64::from(offset))
                            .limit(u64::from(limit))
                            .send()
                    })
                    .await?;
                section(response).ok_or_else(|| Error::Decode {
                    endpoint: Some(super::endpoint("search")),
                    status: Some(200),
                    path: String::new(),
                    message: format!("the response has no `{kind}s` section"),
                    snippet: Box::default(),
                })
            })
        })
        .max_items(u64::from(MAX_RESULTS))
    }
}

impl<'a> IntoFuture for SearchRequest<'a> {
    type Output = Result<SearchResponse, Error>;
    type IntoFuture = BoxFuture<'a, Result<SearchResponse, Error>>;

    /// `.await` on a request is [`send`](SearchRequest::send).
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

#[cfg(feature = "blocking")]
pub mod blocking;

#[cfg(feature = "blocking")]
impl<'a> crate::blocking::Group<'a, Search<'a>> {
    /// A search for `q` on the blocking client; see [`Search::query`].
    pub fn query(&self, q: impl Into<String>) -> blocking::SearchRequest<'a> {
        blocking::SearchRequest {
            inner: self.inner.query(q),
            runtime: self.runtime,
        }
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
