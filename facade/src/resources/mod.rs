//! The resource groups: `client.albums()`, `client.tracks()`, ... Each is a small struct borrowing
//! the client; each method parses its IDs, builds one request of the generated layer, sends it
//! through [`Client::call`] and returns the model.
//!
//! With the `blocking` feature every method has a blocking twin on
//! [`blocking::Client`](crate::blocking::Client), generated from these files by `cargo xtask gen`.
//!
//! Every function in these files is `#[inline]`, for the build, not for speed: an inline function
//! is compiled in the crate that calls it, so a program compiles the request code and serde's
//! decoder of the models of the methods it uses, not of all of them in this crate. (rspotify's
//! methods, provided methods of a trait, are compiled where they are called too.) Without it this
//! crate alone took about 19 s of a user's first release build, 5 s of a debug one; with it, 8 s
//! and 3 s (BENCHMARKS.md, "Build cost"). The blocking twins copy the attribute; the test
//! `every_function_is_inline` below keeps the rule.

use std::sync::Arc;

use futures::FutureExt;
use serde::de::DeserializeOwned;

use crate::paginate::{CursorFetch, OffsetFetch, Paginator, PagingModel};
use crate::{Client, Endpoint, Error, raw};

pub mod artists;
pub mod browse;
pub mod catalog;
pub mod library;
// The deprecated type-specific library methods: a sibling of `library`, not its child, so that
// rustdoc lists them after the current ones (it lists a module's children's impls first).
#[path = "library/by_type.rs"]
mod library_by_type;
pub mod player;
pub mod playlists;
// A sibling of `playlists`, so that rustdoc lists these after the current methods.
#[path = "playlists/deprecated.rs"]
mod playlists_deprecated;
pub mod search;
pub mod tracks;
pub mod users;

pub use catalog::{Albums, Artists, Audiobooks, Catalog, Chapters, Episodes, Shows, Tracks};

/// Declares a group: the struct borrowing the client, and the `Client` method that makes it.
macro_rules! group {
    ($(#[$doc:meta])* $group:ident => $method:ident) => {
        group! { $(#[$doc])* $group {} => $method }
    };
    // A group with settings of its own (`Playlists`' item path), each with its initial value.
    ($(#[$doc:meta])* $group:ident { $($field:ident: $ty:ty = $init:expr),* } => $method:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub struct $group<'a> {
            pub(crate) client: &'a crate::Client,
            $(pub(crate) $field: $ty,)*
        }

        impl crate::Client {
            $(#[$doc])*
            #[inline]
            pub fn $method(&self) -> $group<'_> {
                $group {
                    client: self,
                    $($field: $init,)*
                }
            }
        }
    };
    ($($(#[$doc:meta])* $group:ident = Catalog<$kind:ident> => $method:ident),+ $(,)?) => {
        $(
            $(#[$doc])*
            pub type $group<'a> = Catalog<'a, $kind>;

            impl crate::Client {
                $(#[$doc])*
                #[inline]
                pub fn $method(&self) -> $group<'_> {
                    Catalog::new(self)
                }
            }
        )+
    };
}
pub(crate) use group;

/// The [`Endpoint`] of an operation, from the spec's operation table.
#[inline]
pub(crate) fn endpoint(operation_id: &'static str) -> Endpoint {
    let op = spotify_sdk_generated::operations::operation(operation_id)
        // Every id passed here is one of the spec's (checked by tests).
        .unwrap_or_else(|| panic!("{operation_id} is an operation of the spec"));
    Endpoint {
        method: op.method,
        path: op.path,
        operation_id,
    }
}

/// The endpoint's maximum page size from the spec.
#[inline]
pub(crate) fn max_page_size(operation_id: &'static str) -> u32 {
    spotify_sdk_generated::operations::operation(operation_id)
        .and_then(|op| op.page_limit)
        .map_or(50, |limit| limit.max)
}

/// An offset-paged stream, where `page(raw, offset, limit)` builds the request of one page.
#[inline]
pub(crate) fn offset_stream<M>(
    client: &Client,
    page: impl Fn(&raw::Client, i64, u32) -> raw::Request<M> + Send + Sync + 'static,
) -> Paginator<M>
where
    M: PagingModel + DeserializeOwned,
{
    offset_stream_within(client, page, Ok)
}

/// [`offset_stream`] for an endpoint that wraps its page in an object (`{"albums": {page}}`):
/// `unwrap` takes the page out.
#[inline]
pub(crate) fn offset_stream_within<W, M>(
    client: &Client,
    page: impl Fn(&raw::Client, i64, u32) -> raw::Request<W> + Send + Sync + 'static,
    unwrap: impl Fn(W) -> Result<M, Error> + Send + Sync + 'static,
) -> Paginator<M>
where
    W: DeserializeOwned + Send + 'static,
    M: PagingModel,
{
    let operation_id = page(client.raw(), 0, 1).operation_id();
    let owned = client.clone();
    let unwrap = Arc::new(unwrap);
    let fetch: OffsetFetch<M> = Arc::new(move |offset, limit| {
        let client = owned.clone();
        let request = page(client.raw(), i64::from(offset), limit);
        let unwrap = Arc::clone(&unwrap);
        async move { client.call(request).await.and_then(|answer| unwrap(answer)) }.boxed()
    });
    Paginator::offset(
        endpoint(operation_id),
        max_page_size(operation_id),
        client.prefetch(),
        fetch,
    )
}

/// A cursor-paged stream, where `page(raw, cursor, limit)` builds the request of one page: `cursor`
/// is `None` for the first page, then the next cursor the previous page gave (a cursor that cannot
/// be used is an error). `unwrap` takes the page out of the answer (`Ok` when the answer is the
/// page).
#[inline]
pub(crate) fn cursor_stream<W, M>(
    client: &Client,
    page: impl Fn(&raw::Client, Option<&str>, u32) -> Result<raw::Request<W>, Error>
    + Send
    + Sync
    + 'static,
    unwrap: impl Fn(W) -> Result<M, Error> + Send + Sync + 'static,
) -> Paginator<M>
where
    W: DeserializeOwned + Send + 'static,
    M: PagingModel,
{
    let first = page(client.raw(), None, 1).map(|request| request.operation_id());
    let owned = client.clone();
    let unwrap = Arc::new(unwrap);
    let fetch: CursorFetch<M> = Arc::new(move |cursor, limit| {
        let client = owned.clone();
        let request = page(client.raw(), cursor.as_deref(), limit);
        let unwrap = Arc::clone(&unwrap);
        async move {
            client
                .call(request?)
                .await
                .and_then(|answer| unwrap(answer))
        }
        .boxed()
    });
    Paginator::or_failed(first, |operation_id| {
        Paginator::cursor(endpoint(operation_id), max_page_size(operation_id), fetch)
    })
}

/// The page an answer wraps (`{"albums": {page}}`); an answer without it is a decode error, not an
/// empty stream.
#[inline]
pub(crate) fn wrapped<M>(
    page: Option<M>,
    field: &'static str,
    operation_id: &'static str,
) -> Result<M, Error> {
    page.ok_or_else(|| Error::Decode {
        endpoint: Some(endpoint(operation_id)),
        status: None,
        path: field.into(),
        message: format!("the answer has no `{field}` page"),
        snippet: Box::default(),
    })
}

/// A page size for a generated `limit: Option<NonZeroU64>` parameter.
#[inline]
pub(crate) fn limit(n: u32) -> Option<std::num::NonZeroU64> {
    std::num::NonZeroU64::new(u64::from(n))
}

/// `a,b,c` for an `ids=` parameter.
#[inline]
pub(crate) fn joined<T>(items: &[T], id: impl Fn(&T) -> &str) -> String {
    items.iter().map(id).collect::<Vec<_>>().join(",")
}

/// The answers of a `contains` endpoint, one per value in order, asking `size` at a time.
#[inline]
pub(crate) async fn contains(
    client: &Client,
    values: &[String],
    size: usize,
    request: impl Fn(&raw::Client, &str) -> raw::Request<Vec<bool>>,
) -> Result<Vec<bool>, Error> {
    let mut out = Vec::with_capacity(values.len());
    for chunk in values.chunks(size) {
        let request = request(client.raw(), &chunk.join(","));
        let operation_id = request.operation_id();
        let answer = client.call(request).await?;
        out.extend(one_answer_each(answer, chunk.len(), operation_id)?);
    }
    Ok(out)
}

/// `answers` of a request that asked about `asked` items, one per item in order: a list of
/// another length is a decode error, not a silent misalignment.
#[inline]
pub(crate) fn one_answer_each<T>(
    answers: Vec<T>,
    asked: usize,
    operation_id: &'static str,
) -> Result<Vec<T>, Error> {
    if answers.len() == asked {
        return Ok(answers);
    }
    Err(Error::Decode {
        endpoint: Some(endpoint(operation_id)),
        status: None,
        path: ".".into(),
        message: format!("asked about {asked} items, got {} answers", answers.len()),
        snippet: Box::default(),
    })
}

/// A multi-get: `many(chunk)` fetches up to `chunk_size` IDs at once (`GET /tracks?ids=`, ...),
/// answering `null` for unknown IDs and one answer per ID (see [`one_answer_each`]). Results come
/// in input order, one per ID: `Ok(None)` where Spotify knows no such item. When `many` is refused
/// with 403 (the multi-get endpoints are closed to development-mode apps since February 2026), that
/// chunk falls back to `one(id)` per ID, `prefetch` at a time: 404 there is `Ok(None)`, any other
/// failure that item's `Err`.
#[inline]
pub(crate) async fn multi_get<I, T, Many, ManyFut, One, OneFut>(
    client: &Client,
    ids: &[I],
    chunk_size: usize,
    many: Many,
    one: One,
) -> Result<Vec<Result<Option<T>, Error>>, Error>
where
    I: Clone,
    Many: Fn(&[I]) -> ManyFut,
    ManyFut: Future<Output = Result<Vec<Option<T>>, Error>>,
    One: Fn(I) -> OneFut,
    OneFut: Future<Output = Result<T, Error>>,
{
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(chunk_size.max(1)) {
        match many(chunk).await {
            Ok(items) => out.extend(items.into_iter().map(Ok)),
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

#[cfg(test)]
mod tests {
    use spotify_sdk_generated::operations::OPERATIONS;

    /// The `#[inline]` rule of this module's documentation, checked on the source: the line before
    /// every function (other than a test or a trait's declaration) is `#[inline]`.
    #[test]
    fn every_function_is_inline() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut paths = Vec::new();
        files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/resources"),
            &mut paths,
        );
        assert!(paths.len() > 10, "{paths:?}");
        let mut missing = Vec::new();
        for path in &paths {
            let text = std::fs::read_to_string(path).unwrap();
            // Tests come last in a file, after `#[cfg(test)]`.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let lines: Vec<&str> = code.lines().map(str::trim).collect();
            for (i, line) in lines.iter().enumerate() {
                let item = ["pub ", "pub(crate) ", "pub(super) ", "async "]
                    .iter()
                    .fold(*line, |rest, prefix| {
                        rest.strip_prefix(prefix).unwrap_or(rest)
                    });
                let declaration = line.ends_with(';');
                if item.starts_with("fn ")
                    && !declaration
                    && (i == 0 || lines[i - 1] != "#[inline]")
                {
                    missing.push(format!("{}:{}: {line}", path.display(), i + 1));
                }
            }
        }
        assert!(missing.is_empty(), "not #[inline]:\n{}", missing.join("\n"));
    }

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
