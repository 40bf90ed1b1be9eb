//! The resource groups: `client.albums()`, `client.tracks()`, ... Each method parses its IDs, calls one
//! generated operation through [`Client::call`], and returns the generated model.
//!
//! Methods are written once inside the `resource!` macro: it emits the async method on the group and, with the
//! `blocking` feature, the same method on the blocking group, which runs the async one on the blocking
//! client's runtime (one implementation, no copy).

use std::sync::Arc;

use futures::FutureExt;
use futures::future::BoxFuture;

use crate::paginate::{CursorFetch, OffsetFetch, Paginator, PagingModel};
use crate::{Client, Endpoint, Error};

pub mod albums;
pub mod artists;
pub mod audiobooks;
pub mod browse;
pub mod chapters;
pub mod episodes;
pub mod library;
pub mod player;
pub mod playlists;
pub mod search;
pub mod shows;
pub mod tracks;
pub mod users;

/// Declares a resource group `$group` with its async methods (and their blocking twins).
///
/// Two method forms: `pub async fn name(&self, args..) -> Result<T, Error> { .. }` and
/// `pub fn name(&self, args..) -> Paginator<M> { .. }` (a stream; an iterator when blocking).
macro_rules! resource {
    ($(#[$group_meta:meta])* $group:ident; $($methods:tt)*) => {
        $(#[$group_meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $group<'a> {
            pub(crate) client: &'a $crate::Client,
        }
        $crate::resources::resource!(@methods $group; $($methods)*);
    };
    (@methods $group:ident;
        $(#[$($meta:tt)*])*
        pub async fn $name:ident(&$self:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        impl<'a> $group<'a> {
            $(#[$($meta)*])*
            pub async fn $name(&$self $(, $arg: $ty)*) -> $ret $body
        }
        $crate::resources::blocking_twin! {
            [$(#[$($meta)*])*] []
            impl $group, $name {
                pub fn $name(&self $(, $arg: $ty)*) -> $ret {
                    self.runtime.run(self.inner.$name($($arg),*))
                }
            }
        }
        $crate::resources::resource!(@methods $group; $($rest)*);
    };
    (@methods $group:ident;
        $(#[$($meta:tt)*])*
        pub fn $name:ident(&$self:ident $(, $arg:ident : $ty:ty)* $(,)?) -> Paginator<$model:ty> $body:block
        $($rest:tt)*
    ) => {
        impl<'a> $group<'a> {
            $(#[$($meta)*])*
            pub fn $name(&$self $(, $arg: $ty)*) -> $crate::Paginator<$model> $body
        }
        $crate::resources::blocking_twin! {
            [$(#[$($meta)*])*] []
            impl $group, $name {
                pub fn $name(&self $(, $arg: $ty)*) -> $crate::blocking::PageIter<$model> {
                    self.runtime.iter(self.inner.$name($($arg),*))
                }
            }
        }
        $crate::resources::resource!(@methods $group; $($rest)*);
    };
    (@methods $group:ident;) => {};
}
pub(crate) use resource;

/// Emits the blocking twin of a method on `blocking::Group<$group>`: the method's attributes except its
/// docs (whose async examples would mislead there; `#[deprecated]` and the like are kept), with a doc
/// line pointing at the async method.
#[cfg(feature = "blocking")]
macro_rules! blocking_twin {
    ([#[doc $($doc:tt)*] $($attrs:tt)*] [$($kept:tt)*] $($item:tt)*) => {
        $crate::resources::blocking_twin!([$($attrs)*] [$($kept)*] $($item)*);
    };
    ([#[$($attr:tt)*] $($attrs:tt)*] [$($kept:tt)*] $($item:tt)*) => {
        $crate::resources::blocking_twin!([$($attrs)*] [$($kept)* #[$($attr)*]] $($item)*);
    };
    ([] [$($kept:tt)*] impl $group:ident, $name:ident { $($method:tt)* }) => {
        impl<'a> $crate::blocking::Group<'a, $group<'a>> {
            #[doc = concat!("Blocking twin of `", stringify!($group), "::", stringify!($name), "` (same arguments and result).")]
            $($kept)*
            #[allow(deprecated)]
            $($method)*
        }
    };
}
#[cfg(not(feature = "blocking"))]
macro_rules! blocking_twin {
    ($($any:tt)*) => {};
}
pub(crate) use blocking_twin;

impl Client {
    /// Albums: get one or many, and their tracks.
    pub fn albums(&self) -> albums::Albums<'_> {
        albums::Albums { client: self }
    }

    /// Artists: get one or many, their albums, top tracks and related artists.
    pub fn artists(&self) -> artists::Artists<'_> {
        artists::Artists { client: self }
    }

    /// Audiobooks: get one or many, and their chapters.
    pub fn audiobooks(&self) -> audiobooks::Audiobooks<'_> {
        audiobooks::Audiobooks { client: self }
    }

    /// Browse: categories, new releases, featured and category playlists, markets, genre seeds and recommendations.
    pub fn browse(&self) -> browse::Browse<'_> {
        browse::Browse { client: self }
    }

    /// Audiobook chapters: get one or many.
    pub fn chapters(&self) -> chapters::Chapters<'_> {
        chapters::Chapters { client: self }
    }

    /// Podcast episodes: get one or many.
    pub fn episodes(&self) -> episodes::Episodes<'_> {
        episodes::Episodes { client: self }
    }

    /// The user's library: save, remove and check items (`/me/library`), and saved items as streams.
    pub fn library(&self) -> library::Library<'_> {
        library::Library { client: self }
    }

    /// Playback: state, devices, play/pause/skip/seek/volume/repeat/shuffle, queue, recently played.
    pub fn player(&self) -> player::Player<'_> {
        player::Player { client: self }
    }

    /// Playlists: get, create, change, their items (`/playlists/{id}/items`), and cover images.
    pub fn playlists(&self) -> playlists::Playlists<'_> {
        playlists::Playlists { client: self }
    }

    /// Search the catalog.
    pub fn search(&self) -> search::Search<'_> {
        search::Search { client: self }
    }

    /// Podcast shows: get one or many, and their episodes.
    pub fn shows(&self) -> shows::Shows<'_> {
        shows::Shows { client: self }
    }

    /// Tracks: get one or many, by ID, URI or URL.
    pub fn tracks(&self) -> tracks::Tracks<'_> {
        tracks::Tracks { client: self }
    }

    /// Users: profiles, top items, following.
    pub fn users(&self) -> users::Users<'_> {
        users::Users { client: self }
    }
}

/// The [`Endpoint`] of an operation, from the spec's operation table.
pub(crate) fn endpoint(operation_id: &'static str) -> Endpoint {
    let op = spotify_sdk_generated::operations::operation(operation_id)
        .unwrap_or_else(|| panic!("{operation_id} is an operation of the spec")); // checked by tests
    Endpoint {
        method: op.method,
        path: op.path,
        operation_id,
    }
}

/// The endpoint's maximum page size from the spec.
pub(crate) fn max_page_size(operation_id: &'static str) -> u32 {
    spotify_sdk_generated::operations::operation(operation_id)
        .and_then(|op| op.page_limit)
        .map_or(50, |limit| limit.max)
}

/// An offset-paged stream over `operation_id`, where `fetch(client, offset, limit)` fetches one page.
pub(crate) fn offset_stream<M, F>(
    client: &Client,
    operation_id: &'static str,
    fetch: F,
) -> Paginator<M>
where
    M: PagingModel,
    F: Fn(Client, u32, u32) -> BoxFuture<'static, Result<M, Error>> + Send + Sync + 'static,
{
    let owned = client.clone();
    let fetch: OffsetFetch<M> = Arc::new(move |offset, limit| fetch(owned.clone(), offset, limit));
    Paginator::offset(
        endpoint(operation_id),
        max_page_size(operation_id),
        client.prefetch(),
        fetch,
    )
}

/// A cursor-paged stream over `operation_id`, where `fetch(client, cursor, limit)` fetches one page:
/// `cursor` is `None` for the first page, then the next cursor the previous page gave
/// ([`PagingModel::into_page`]'s `next_cursor`).
pub(crate) fn cursor_stream<M, F>(
    client: &Client,
    operation_id: &'static str,
    fetch: F,
) -> Paginator<M>
where
    M: PagingModel,
    F: Fn(Client, Option<String>, u32) -> BoxFuture<'static, Result<M, Error>>
        + Send
        + Sync
        + 'static,
{
    let owned = client.clone();
    let fetch: CursorFetch<M> = Arc::new(move |cursor, limit| fetch(owned.clone(), cursor, limit));
    Paginator::cursor(endpoint(operation_id), max_page_size(operation_id), fetch)
}

/// Splits `items` into chunks of at most `size` (multi-get endpoints take 20 to 50 IDs at once).
pub(crate) fn chunks<T: Clone>(items: &[T], size: usize) -> impl Iterator<Item = Vec<T>> + '_ {
    items.chunks(size.max(1)).map(<[T]>::to_vec)
}

/// Applies `set` to a generated builder when `value` is given (an optional query parameter such as
/// `market`): `maybe(raw.get_track().id(id), market, |b, m| b.market(m))`.
pub(crate) fn maybe<B, V>(builder: B, value: Option<V>, set: impl FnOnce(B, V) -> B) -> B {
    match value {
        Some(value) => set(builder, value),
        None => builder,
    }
}

/// A multi-get: `many(chunk)` fetches up to `chunk_size` IDs at once (`GET /tracks?ids=`, ...),
/// answering `null` for unknown IDs. Results come in input order, one per ID: `Ok(None)` where
/// Spotify knows no such item. When `many` is refused with 403 (the multi-get endpoints are closed
/// to development-mode apps since February 2026), that chunk falls back to `one(id)` per ID,
/// `prefetch` at a time: 404 there is `Ok(None)`, any other failure that item's `Err`.
pub(crate) async fn multi_get<I, T, Many, ManyFut, One, OneFut>(
    client: &Client,
    ids: &[I],
    chunk_size: usize,
    many: Many,
    one: One,
) -> Result<Vec<Result<Option<T>, Error>>, Error>
where
    I: Clone,
    Many: Fn(Vec<I>) -> ManyFut,
    ManyFut: Future<Output = Result<Vec<Option<T>>, Error>>,
    One: Fn(I) -> OneFut,
    OneFut: Future<Output = Result<T, Error>>,
{
    let mut out = Vec::with_capacity(ids.len());
    for chunk in chunks(ids, chunk_size) {
        match many(chunk.clone()).await {
            Ok(items) => {
                let mut items = items.into_iter();
                out.extend(chunk.iter().map(|_| Ok(items.next().flatten())));
            }
            Err(Error::Forbidden { .. }) => {
                for window in chunk.chunks(client.prefetch().max(1)) {
                    let calls = window.iter().cloned().map(|id| {
                        let single = one(id);
                        async move {
                            match single.await {
                                Ok(item) => Ok(Some(item)),
                                Err(Error::NotFound(_)) => Ok(None),
                                Err(e) => Err(e),
                            }
                        }
                    });
                    out.extend(futures::future::join_all(calls).await);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Boxes a `'static` future (the page fetchers must be `Send + 'static`).
pub(crate) fn boxed<T>(f: impl Future<Output = T> + Send + 'static) -> BoxFuture<'static, T> {
    f.boxed()
}

#[cfg(test)]
mod tests {
    use spotify_sdk_generated::operations::OPERATIONS;

    #[test]
    fn page_sizes_come_from_the_spec() {
        assert_eq!(super::max_page_size("search"), 10);
        assert_eq!(super::max_page_size("get-an-artists-albums"), 10);
        assert_eq!(super::max_page_size("get-playlists-items"), 50);
        assert_eq!(super::max_page_size("get-playlists-tracks"), 100);
        for op in OPERATIONS {
            super::endpoint(op.id);
        }
    }
}
