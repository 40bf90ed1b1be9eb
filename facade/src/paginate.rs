//! Lazy pagination: offset-paged and cursor-paged endpoints as `futures::Stream`s of items.
//!
//! - Page size defaults to the endpoint's own maximum, read from the spec (search 10, playlist
//!   items 50, ...), never one global constant.
//! - Offset pages: once the first page tells the total, up to `prefetch` pages are fetched at once
//!   (`buffered`: items still come in order, and no more than `prefetch` pages are held, so a slow
//!   consumer does not make the client buffer the world), each as its own task so that they are
//!   decoded in parallel.
//! - `null` items are skipped; `max_items` stops early without fetching further pages.
//! - A server that answers a different offset than asked, or repeats a cursor, ends the stream with
//!   [`Error::Pagination`] instead of looping forever.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::FutureExt;
use futures::future::BoxFuture;
use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};

use crate::{Endpoint, Error, types};

/// One page, as the stream sees it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items, with `null` entries removed.
    pub items: Vec<T>,
    /// How many `null` entries the page had.
    pub nulls: usize,
    /// Total items in the collection, when the endpoint says.
    pub total: Option<u64>,
    /// The offset the server reports for this page.
    pub offset: Option<u64>,
    /// The cursor of the next page (cursor-paged endpoints).
    pub next_cursor: Option<String>,
    /// Whether the server links a next page.
    pub has_next: bool,
}

/// A generated paging model (`PagingTrackObject`, `CursorPagingPlayHistoryObject`, ...).
pub trait PagingModel: Send + 'static {
    /// The item type.
    type Item: Send + 'static;
    /// Splits the model into a [`Page`].
    fn into_page(self) -> Page<Self::Item>;
}

impl<T> Page<T> {
    /// A page from the parts of a paging object: its items (`null` entries counted and removed),
    /// total, offset, `next` link and next cursor.
    pub fn from_parts(
        items: Vec<Option<T>>,
        total: Option<i64>,
        offset: Option<i64>,
        next: Option<String>,
        next_cursor: Option<String>,
    ) -> Self {
        let count = items.len();
        let items: Vec<T> = items.into_iter().flatten().collect();
        Page {
            nulls: count - items.len(),
            items,
            total: total.and_then(|t| u64::try_from(t).ok()),
            offset: offset.and_then(|o| u64::try_from(o).ok()),
            next_cursor,
            has_next: next.is_some(),
        }
    }
}

macro_rules! offset_paging {
    ($($model:ident => $item:ident),* $(,)?) => {$(
        impl PagingModel for types::$model {
            type Item = types::$item;
            fn into_page(self) -> Page<types::$item> {
                Page::from_parts(self.items, Some(self.total), Some(self.offset), self.next, None)
            }
        }
    )*};
}

offset_paging! {
    PagingArtistDiscographyAlbumObject => ArtistDiscographyAlbumObject,
    PagingArtistObject => ArtistObject,
    PagingPlaylistObject => SimplifiedPlaylistObject,
    PagingPlaylistTrackObject => PlaylistTrackObject,
    PagingSavedAlbumObject => SavedAlbumObject,
    PagingSavedAudiobookObject => SavedAudiobookObject,
    PagingSavedEpisodeObject => SavedEpisodeObject,
    PagingSavedShowObject => SavedShowObject,
    PagingSavedTrackObject => SavedTrackObject,
    PagingSimplifiedAlbumObject => SimplifiedAlbumObject,
    PagingSimplifiedAudiobookObject => SimplifiedAudiobookObject,
    PagingSimplifiedChapterObject => SimplifiedChapterObject,
    PagingSimplifiedEpisodeObject => SimplifiedEpisodeObject,
    PagingSimplifiedShowObject => SimplifiedShowObject,
    PagingSimplifiedTrackObject => SimplifiedTrackObject,
    PagingTrackObject => TrackObject,
}

/// The page of `GET /browse/categories` (the spec declares its items non-nullable).
impl PagingModel for types::GetCategoriesResponseCategories {
    type Item = types::CategoryObject;
    fn into_page(self) -> Page<types::CategoryObject> {
        let items = self.items.into_iter().map(Some).collect();
        Page::from_parts(items, Some(self.total), Some(self.offset), self.next, None)
    }
}

macro_rules! cursor_paging {
    ($($model:ident => $item:ident),* $(,)?) => {$(
        impl PagingModel for types::$model {
            type Item = types::$item;
            fn into_page(self) -> Page<types::$item> {
                let cursor = self.cursors.and_then(|c| c.after);
                Page::from_parts(self.items, self.total, None, self.next, cursor)
            }
        }
    )*};
}

cursor_paging! {
    CursorPagingPlayHistoryObject => PlayHistoryObject,
    CursorPagingSimplifiedArtistObject => ArtistObject,
}

/// Fetches one offset page: `(offset, limit)`.
pub(crate) type OffsetFetch<M> =
    Arc<dyn Fn(u32, u32) -> BoxFuture<'static, Result<M, Error>> + Send + Sync>;
/// Fetches one cursor page: `(cursor, limit)`.
pub(crate) type CursorFetch<M> =
    Arc<dyn Fn(Option<String>, u32) -> BoxFuture<'static, Result<M, Error>> + Send + Sync>;

enum Source<M> {
    Offset(OffsetFetch<M>, Endpoint),
    Cursor(CursorFetch<M>, Endpoint),
    /// The arguments were invalid (e.g. a malformed ID): the stream yields this error and ends.
    Failed(Error),
}

/// A lazy stream of the items of a paged endpoint. Configure it, then poll it as a `Stream`, or
/// `.await` it for every item in a `Vec` (see also [`pages`](Self::pages) and
/// [`collect_all`](Self::collect_all)).
///
/// ```no_run
/// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
/// use futures::TryStreamExt;
/// let mut items = client.playlists().items("3cEYpjA9oz9GiPac4AsH4n").max_items(500);
/// while let Some(item) = items.try_next().await? {
///     println!("{:?}", item.added_at);
/// }
/// # Ok(()) }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct Paginator<M: PagingModel> {
    source: Option<Source<M>>,
    page_size: u32,
    max_page_size: u32,
    max_items: Option<u64>,
    /// A limit of the endpoint itself (search serves 1,000 results) that `max_items` cannot raise.
    cap: Option<u64>,
    prefetch: usize,
    started: Option<BoxStream<'static, Result<M::Item, Error>>>,
}

impl<M: PagingModel> Paginator<M> {
    pub(crate) fn offset(
        endpoint: Endpoint,
        max_page_size: u32,
        prefetch: usize,
        fetch: OffsetFetch<M>,
    ) -> Self {
        Self::new(Source::Offset(fetch, endpoint), max_page_size, prefetch)
    }

    pub(crate) fn cursor(endpoint: Endpoint, max_page_size: u32, fetch: CursorFetch<M>) -> Self {
        Self::new(Source::Cursor(fetch, endpoint), max_page_size, 1)
    }

    /// A stream that yields `error` and ends, for arguments refused before any request.
    pub(crate) fn failed(error: Error) -> Self {
        Self::new(Source::Failed(error), 1, 1)
    }

    /// `make(value)`, or a stream that yields the error when the arguments were refused (a
    /// malformed ID): a stream method reports bad input through the stream, like any other failure.
    pub(crate) fn or_failed<T>(value: Result<T, Error>, make: impl FnOnce(T) -> Self) -> Self {
        match value {
            Ok(value) => make(value),
            Err(error) => Self::failed(error),
        }
    }

    fn new(source: Source<M>, max_page_size: u32, prefetch: usize) -> Self {
        Self {
            source: Some(source),
            page_size: max_page_size,
            max_page_size,
            max_items: None,
            cap: None,
            prefetch: prefetch.max(1),
            started: None,
        }
    }

    /// Stops after `n` items (no further page is fetched).
    pub fn max_items(mut self, n: u64) -> Self {
        self.max_items = Some(n);
        self
    }

    /// The endpoint serves at most `n` items: the stream stops there whatever `max_items` says.
    pub(crate) fn cap(mut self, n: u64) -> Self {
        self.cap = Some(n);
        self
    }

    /// `max_items` within the endpoint's cap.
    fn wanted(&self) -> Option<u64> {
        match (self.max_items, self.cap) {
            (Some(n), Some(cap)) => Some(n.min(cap)),
            (n, cap) => n.or(cap),
        }
    }

    /// Items per request (default and maximum: the endpoint's maximum; larger values are capped).
    pub fn page_size(mut self, n: u32) -> Self {
        self.page_size = n.clamp(1, self.max_page_size);
        self
    }

    /// Pages fetched at once once the total is known (offset-paged endpoints; default from the
    /// client).
    pub fn prefetch(mut self, pages: usize) -> Self {
        self.prefetch = pages.max(1);
        self
    }

    /// The page size that will be sent.
    pub fn current_page_size(&self) -> u32 {
        self.page_size
    }

    /// The stream of whole pages instead of items (`max_items` still applies to the items they
    /// hold).
    pub fn pages(mut self) -> BoxStream<'static, Result<Page<M::Item>, Error>> {
        self.take_pages()
    }

    /// The page stream, taking the source (a paginator streams once).
    fn take_pages(&mut self) -> BoxStream<'static, Result<Page<M::Item>, Error>> {
        match self.source.take() {
            Some(Source::Offset(fetch, endpoint)) => offset_pages(
                fetch,
                endpoint,
                self.page_size,
                self.wanted(),
                self.prefetch,
            ),
            Some(Source::Cursor(fetch, endpoint)) => {
                cursor_pages(fetch, endpoint, self.page_size, self.wanted())
            }
            Some(Source::Failed(error)) => stream::once(futures::future::ready(Err(error))).boxed(),
            None => stream::empty().boxed(),
        }
    }

    /// Collects every item (respecting `max_items`).
    pub async fn collect_all(self) -> Result<Vec<M::Item>, Error> {
        self.try_collect().await
    }

    fn start(&mut self) -> &mut BoxStream<'static, Result<M::Item, Error>> {
        if self.started.is_none() {
            let items = self
                .take_pages()
                .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
                .try_flatten();
            let items = match self.wanted() {
                Some(n) => items.take(usize::try_from(n).unwrap_or(usize::MAX)).boxed(),
                None => items.boxed(),
            };
            self.started = Some(items);
        }
        self.started.as_mut().expect("set above")
    }
}

impl<M: PagingModel> Stream for Paginator<M> {
    type Item = Result<M::Item, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.start().poll_next_unpin(cx)
    }
}

impl<M: PagingModel> Unpin for Paginator<M> {}

/// Awaiting a paginator collects every item, as [`collect_all`](Paginator::collect_all) does:
/// `client.artists().albums(id).max_items(100).await?` is a `Vec`. Poll it as a stream instead to
/// handle items as they come.
impl<M: PagingModel> std::future::IntoFuture for Paginator<M> {
    type Output = Result<Vec<M::Item>, Error>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        self.try_collect().boxed()
    }
}

fn pagination_error(endpoint: &Endpoint, message: String) -> Error {
    Error::Pagination {
        endpoint: Some(endpoint.clone()),
        message,
    }
}

/// Checks that the server answered the offset we asked for (a server that repeats a page would
/// otherwise make us yield it again).
fn checked<T>(page: Page<T>, asked: u64, endpoint: &Endpoint) -> Result<Page<T>, Error> {
    match page.offset {
        Some(offset) if offset != asked => Err(pagination_error(
            endpoint,
            format!(
                "asked for offset {asked}, the server answered offset {offset} (a repeated page?)"
            ),
        )),
        _ => Ok(page),
    }
}

fn offset_pages<M: PagingModel>(
    fetch: OffsetFetch<M>,
    endpoint: Endpoint,
    size: u32,
    max_items: Option<u64>,
    prefetch: usize,
) -> BoxStream<'static, Result<Page<M::Item>, Error>> {
    let wanted = max_items.unwrap_or(u64::MAX);
    if wanted == 0 {
        return stream::empty().boxed();
    }
    let first_fetch = fetch.clone();
    let first_endpoint = endpoint.clone();
    let first = async move {
        let page = checked(first_fetch(0, size).await?.into_page(), 0, &first_endpoint)?;
        Ok::<_, Error>(page)
    };
    stream::once(first)
        .map_ok(move |page| {
            let rest = match page.total {
                // The total is known: fetch the remaining pages by offset, `prefetch` at a time.
                Some(total) => {
                    let end = total.min(wanted);
                    let offsets = (u64::from(size)..end).step_by(size as usize);
                    let (fetch, endpoint) = (fetch.clone(), endpoint.clone());
                    stream::iter(offsets)
                        .map(move |offset| {
                            let (fetch, endpoint) = (fetch.clone(), endpoint.clone());
                            prefetched(prefetch, endpoint.clone(), async move {
                                let asked = u32::try_from(offset).map_err(|_| {
                                    pagination_error(
                                        &endpoint,
                                        format!("offset {offset} is out of range"),
                                    )
                                })?;
                                checked(fetch(asked, size).await?.into_page(), offset, &endpoint)
                            })
                        })
                        .buffered(prefetch)
                        .boxed()
                }
                // No total: follow pages one by one while the server links a next one.
                None if page.has_next && !page.items.is_empty() => sequential(
                    fetch.clone(),
                    endpoint.clone(),
                    size,
                    u64::from(size),
                    wanted,
                )
                .boxed(),
                None => stream::empty().boxed(),
            };
            stream::once(futures::future::ready(Ok(page))).chain(rest)
        })
        .try_flatten()
        .boxed()
}

/// A page fetched ahead. With more than one page in flight, each runs as its own task (when there
/// is a Tokio runtime): polled inside the consumer's task, the pages would be decoded one after
/// another on one thread, which on a 50-item page costs as much as the request. `buffered` still
/// bounds how many run at once and yields them in order; dropping the stream aborts the tasks.
fn prefetched<T: Send + 'static>(
    prefetch: usize,
    endpoint: Endpoint,
    page: impl Future<Output = Result<T, Error>> + Send + 'static,
) -> BoxFuture<'static, Result<T, Error>> {
    let handle = match tokio::runtime::Handle::try_current() {
        Ok(handle) if prefetch > 1 => handle,
        _ => return page.boxed(),
    };
    let task = AbortOnDrop(handle.spawn(page));
    async move {
        match task.await {
            Ok(result) => result,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(_) => Err(pagination_error(
                &endpoint,
                "the page fetch was cancelled (runtime shutting down)".into(),
            )),
        }
    }
    .boxed()
}

/// A task handle that aborts the task when dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Future for AbortOnDrop<T> {
    type Output = Result<T, tokio::task::JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn sequential<M: PagingModel>(
    fetch: OffsetFetch<M>,
    endpoint: Endpoint,
    size: u32,
    start: u64,
    wanted: u64,
) -> impl Stream<Item = Result<Page<M::Item>, Error>> {
    stream::try_unfold(Some(start), move |next| {
        let (fetch, endpoint) = (fetch.clone(), endpoint.clone());
        async move {
            let Some(offset) = next.filter(|o| *o < wanted) else {
                return Ok(None);
            };
            let asked = u32::try_from(offset).map_err(|_| {
                pagination_error(&endpoint, format!("offset {offset} is out of range"))
            })?;
            let page = checked(fetch(asked, size).await?.into_page(), offset, &endpoint)?;
            let more = page.has_next && page.items.len() + page.nulls > 0;
            let next = more.then(|| offset + u64::from(size));
            Ok(Some((page, next)))
        }
    })
}

fn cursor_pages<M: PagingModel>(
    fetch: CursorFetch<M>,
    endpoint: Endpoint,
    size: u32,
    max_items: Option<u64>,
) -> BoxStream<'static, Result<Page<M::Item>, Error>> {
    let wanted = max_items.unwrap_or(u64::MAX);
    // State: (cursor to ask with, items seen so far, whether to continue).
    stream::try_unfold(
        (None::<String>, 0u64, wanted > 0),
        move |(cursor, seen, go)| {
            let (fetch, endpoint) = (fetch.clone(), endpoint.clone());
            async move {
                if !go {
                    return Ok(None);
                }
                let page = fetch(cursor.clone(), size).await?.into_page();
                if page.next_cursor.is_some() && page.next_cursor == cursor {
                    return Err(pagination_error(
                        &endpoint,
                        "the server returned the same cursor again (a repeated page?)".into(),
                    ));
                }
                let seen = seen + page.items.len() as u64;
                let go = page.has_next && page.next_cursor.is_some() && seen < wanted;
                let next = page.next_cursor.clone();
                Ok(Some((page, (next, seen, go))))
            }
        },
    )
    .boxed()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn endpoint() -> Endpoint {
        Endpoint {
            method: "GET",
            path: "/test",
            operation_id: "test",
        }
    }

    /// A page of numbered items: the paginator's logic without any model.
    #[derive(Default)]
    struct Numbers {
        items: Vec<Option<u64>>,
        total: Option<u64>,
        offset: Option<u64>,
        next: Option<String>,
        cursor: Option<String>,
    }

    impl PagingModel for Numbers {
        type Item = u64;
        fn into_page(self) -> Page<u64> {
            let as_i64 = |n: Option<u64>| n.map(|n| n as i64);
            Page::from_parts(
                self.items,
                as_i64(self.total),
                as_i64(self.offset),
                self.next,
                self.cursor,
            )
        }
    }

    /// A fake offset endpoint over `total` items; records the offsets asked for.
    fn fake(
        total: u64,
        null_every: Option<u64>,
        log: Arc<Mutex<Vec<(u32, u32)>>>,
    ) -> OffsetFetch<Numbers> {
        Arc::new(move |offset, limit| {
            log.lock().unwrap().push((offset, limit));
            Box::pin(async move {
                // Later pages answer faster, so out-of-order completion is exercised.
                tokio::time::sleep(std::time::Duration::from_millis(
                    1000 - u64::from(offset).min(999),
                ))
                .await;
                let items = (u64::from(offset)..(u64::from(offset) + u64::from(limit)).min(total))
                    .map(|n| match null_every {
                        Some(k) if n % k == 0 => None,
                        _ => Some(n),
                    })
                    .collect();
                Ok(Numbers {
                    items,
                    total: Some(total),
                    offset: Some(u64::from(offset)),
                    next: (u64::from(offset + limit) < total).then(|| "next".to_string()),
                    ..Default::default()
                })
            })
        })
    }

    fn names(items: &[u64]) -> Vec<String> {
        items.iter().map(|n| format!("t{n}")).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn prefetched_items_arrive_in_order_with_the_endpoint_page_size() {
        let log = Arc::default();
        let items = Paginator::offset(endpoint(), 50, 4, fake(230, None, Arc::clone(&log)))
            .collect_all()
            .await
            .unwrap();
        assert_eq!(
            names(&items),
            (0..230).map(|n| format!("t{n}")).collect::<Vec<_>>()
        );
        let mut asked = log.lock().unwrap().clone();
        asked.sort();
        assert_eq!(
            asked,
            vec![(0, 50), (50, 50), (100, 50), (150, 50), (200, 50)]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn max_items_stops_early_and_nulls_are_skipped() {
        let log = Arc::default();
        let items = Paginator::offset(endpoint(), 50, 4, fake(10_000, Some(10), Arc::clone(&log)))
            .page_size(20)
            .max_items(45)
            .collect_all()
            .await
            .unwrap();
        assert_eq!(items.len(), 45);
        assert!(names(&items).iter().all(|n| n != "t0" && n != "t10"));
        let asked = log.lock().unwrap().clone();
        assert!(asked.iter().all(|(o, l)| *o < 45 && *l == 20), "{asked:?}");
    }

    /// Prefetched pages run as tasks; dropping the stream aborts them instead of leaving them
    /// running.
    #[tokio::test(start_paused = true)]
    async fn dropping_the_stream_aborts_prefetched_pages() {
        let finished = Arc::new(Mutex::new(0));
        let log = Arc::clone(&finished);
        let fetch: OffsetFetch<Numbers> = Arc::new(move |offset, limit| {
            let log = Arc::clone(&log);
            Box::pin(async move {
                if offset > 0 {
                    tokio::time::sleep(std::time::Duration::from_secs(10)).await;
                }
                *log.lock().unwrap() += 1;
                Ok(Numbers {
                    items: (offset..offset + limit)
                        .map(|n| Some(u64::from(n)))
                        .collect(),
                    total: Some(1_000),
                    offset: Some(u64::from(offset)),
                    ..Default::default()
                })
            })
        });
        let mut items = Paginator::offset(endpoint(), 10, 4, fetch);
        for _ in 0..10 {
            assert!(items.try_next().await.unwrap().is_some());
        }
        // The first page is consumed; asking for more starts the next four pages as tasks.
        let next = tokio::time::timeout(std::time::Duration::from_secs(1), items.try_next()).await;
        assert!(next.is_err(), "the next page takes 10 s");
        drop(items);
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        assert_eq!(
            *finished.lock().unwrap(),
            1,
            "aborted fetches must not finish"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn page_size_is_capped_at_the_endpoint_maximum() {
        let p = Paginator::offset(endpoint(), 10, 1, fake(0, None, Arc::default())).page_size(500);
        assert_eq!(p.current_page_size(), 10);
    }

    #[tokio::test(start_paused = true)]
    async fn a_repeating_server_ends_with_an_error_not_a_loop() {
        // Always answers offset 0 whatever is asked, and always links a next page, with no total.
        let fetch: OffsetFetch<Numbers> = Arc::new(|_, _| {
            Box::pin(async {
                Ok(Numbers {
                    items: vec![Some(0)],
                    offset: Some(0),
                    next: Some("again".into()),
                    ..Default::default()
                })
            })
        });
        let result = Paginator::offset(endpoint(), 50, 4, fetch)
            .collect_all()
            .await;
        assert!(
            matches!(result, Err(Error::Pagination { .. })),
            "{result:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn cursor_pages_follow_after_and_detect_a_stuck_cursor() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = calls.clone();
        let fetch: CursorFetch<Numbers> = Arc::new(move |cursor, _| {
            log.lock().unwrap().push(cursor.clone());
            Box::pin(async move {
                let n: u64 = cursor.as_deref().map_or(0, |c| c.parse().unwrap());
                Ok(Numbers {
                    items: vec![Some(n), None],
                    cursor: Some((n + 1).min(3).to_string()),
                    next: Some("more".into()),
                    ..Default::default()
                })
            })
        });
        let result = Paginator::cursor(endpoint(), 50, fetch).collect_all().await;
        assert!(
            matches!(result, Err(Error::Pagination { .. })),
            "{result:?}"
        );
        assert_eq!(
            *calls.lock().unwrap(),
            vec![None, Some("1".into()), Some("2".into()), Some("3".into())]
        );
    }
}
