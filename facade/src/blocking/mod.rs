//! A blocking client with the same surface as the async one (feature `blocking`).
//!
//! Like `reqwest::blocking`, it owns a private tokio runtime (one worker thread, so pooled
//! connections stay serviced between calls) and runs the async implementation on it: there is one
//! implementation of every endpoint, written once in `resources/`; its blocking twin (`twins.rs`)
//! is generated from it by `cargo xtask gen`. Calling it from inside an async runtime would
//! deadlock or panic, so it fails with [`Error::Config`] there instead.
//!
//! ```no_run
//! let client = spotify_sdk::blocking::Client::new(
//!     spotify_sdk::Client::from_client_credentials("id", "secret")?,
//! )?;
//! let track = client.tracks().get("spotify:track:4uLU6hMCjMI75M1A2tKUQC")?;
//! for item in client.playlists().items("3cEYpjA9oz9GiPac4AsH4n").max_items(100) {
//!     let item = item?;
//! }
//! # Ok::<(), spotify_sdk::Error>(())
//! ```

use std::sync::Arc;

use futures::StreamExt;

use crate::paginate::{Paginator, PagingModel};
use crate::{Error, resources};

#[rustfmt::skip]
mod twins;

/// The blocking client: wrap an async [`crate::Client`] built as usual.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
    runtime: Runtime,
}

/// The private runtime.
#[derive(Clone, Debug)]
pub(crate) struct Runtime(Arc<OwnedRuntime>);

/// Shuts the runtime down without blocking when the last client goes, so dropping a blocking client
/// inside async code (which tokio's own `Drop` would refuse with a panic) is harmless.
#[derive(Debug)]
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl std::ops::Deref for OwnedRuntime {
    type Target = tokio::runtime::Runtime;
    fn deref(&self) -> &tokio::runtime::Runtime {
        self.0.as_ref().expect("present until drop")
    }
}

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Runtime {
    fn check() -> Result<(), Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Config(
                "the blocking client was called from inside an async runtime; use \
                    spotify_sdk::Client there"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Runs one call to completion.
    pub(crate) fn run<T>(
        &self,
        future: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        Self::check()?;
        self.0.block_on(future)
    }

    /// Turns a stream of items into an iterator.
    pub(crate) fn iter<M: PagingModel>(&self, paginator: Paginator<M>) -> PageIter<M> {
        PageIter {
            stream: paginator,
            runtime: self.clone(),
            failed: false,
        }
    }
}

impl Client {
    /// Wraps `client` with a private runtime.
    pub fn new(client: crate::Client) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("spotify-sdk-blocking")
            .enable_all()
            .build()
            .map_err(|e| {
                Error::Config(format!("cannot start the blocking client's runtime: {e}"))
            })?;
        Ok(Self {
            inner: client,
            runtime: Runtime(Arc::new(OwnedRuntime(Some(runtime)))),
        })
    }

    /// The async client inside.
    pub fn inner(&self) -> &crate::Client {
        &self.inner
    }

    /// Blocking twin of [`crate::Client::download_image`].
    pub fn download_image(&self, url: &str) -> Result<crate::images::DownloadedImage, Error> {
        self.runtime.run(self.inner.download_image(url))
    }

    /// Closes the client; later calls fail with [`Error::Closed`].
    pub fn close(&self) {
        self.inner.close();
    }

    fn group<'a, G>(&'a self, inner: G) -> Blocking<'a, G> {
        Blocking {
            inner,
            runtime: &self.runtime,
        }
    }
}

/// The blocking twin of a resource group or request `T` of the async client: the same methods,
/// blocking (`client.albums()` is a `Blocking<Albums>`, `client.search().query(..)` a
/// `Blocking<SearchRequest>`).
#[derive(Debug)]
pub struct Blocking<'a, T> {
    inner: T,
    runtime: &'a Runtime,
}

/// The items of a paged endpoint as an iterator; it stops after the first error.
pub struct PageIter<M: PagingModel> {
    stream: Paginator<M>,
    runtime: Runtime,
    failed: bool,
}

impl<M: PagingModel> Iterator for PageIter<M> {
    type Item = Result<M::Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = match Runtime::check() {
            Ok(()) => self.runtime.0.block_on(self.stream.next()),
            Err(e) => Some(Err(e)),
        };
        self.failed = matches!(next, Some(Err(_)));
        next
    }
}

impl<M: PagingModel> PageIter<M> {
    /// See [`Paginator::max_items`].
    pub fn max_items(self, n: u64) -> Self {
        Self {
            stream: self.stream.max_items(n),
            ..self
        }
    }

    /// See [`Paginator::page_size`].
    pub fn page_size(self, n: u32) -> Self {
        Self {
            stream: self.stream.page_size(n),
            ..self
        }
    }

    /// See [`Paginator::prefetch`].
    pub fn prefetch(self, pages: usize) -> Self {
        Self {
            stream: self.stream.prefetch(pages),
            ..self
        }
    }
}

macro_rules! groups {
    ($($name:ident => $group:ty),* $(,)?) => {
        impl Client {
            $(
                #[doc = concat!("Blocking twin of [`crate::Client::", stringify!($name), "`].")]
                pub fn $name(&self) -> Blocking<'_, $group> {
                    self.group(self.inner.$name())
                }
            )*
        }
    };
}

groups! {
    albums => resources::albums::Albums<'_>,
    artists => resources::artists::Artists<'_>,
    audiobooks => resources::audiobooks::Audiobooks<'_>,
    browse => resources::browse::Browse<'_>,
    chapters => resources::chapters::Chapters<'_>,
    episodes => resources::episodes::Episodes<'_>,
    library => resources::library::Library<'_>,
    player => resources::player::Player<'_>,
    playlists => resources::playlists::Playlists<'_>,
    search => resources::search::Search<'_>,
    shows => resources::shows::Shows<'_>,
    tracks => resources::tracks::Tracks<'_>,
    users => resources::users::Users<'_>,
}
