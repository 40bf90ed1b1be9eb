//! The current user's library ("Your Library"): save, remove and check items of any kind with
//! `/me/library`, and the saved tracks, albums, episodes, shows and audiobooks as streams.
//!
//! Spotify deprecated the type-specific `PUT`/`DELETE /me/tracks`, `/me/albums`, ... and their
//! `/contains` in February 2026; they remain as deprecated methods (`save_tracks`, ...).

use super::{contains, group, limit, offset_stream};
use crate::ids::{AnyId, IntoId, Kind, parse_all};
use crate::types::{
    PagingSavedAlbumObject, PagingSavedAudiobookObject, PagingSavedEpisodeObject,
    PagingSavedShowObject, PagingSavedTrackObject,
};
use crate::{Error, Paginator, raw};

/// How many URIs `/me/library` takes per request; longer lists are sent in several requests.
const LIBRARY_CHUNK: usize = 40;

/// Kinds `PUT` and `DELETE /me/library` accept.
const CHANGEABLE: [Kind; 7] = [
    Kind::Track,
    Kind::Album,
    Kind::Episode,
    Kind::Show,
    Kind::Audiobook,
    Kind::User,
    Kind::Playlist,
];

group! {
    /// Library: `client.library()`.
    Library => library
}

impl Library<'_> {
    /// Saves items to the library (`PUT /me/library`, 40 per request): tracks, albums, episodes,
    /// shows and audiobooks, and — as follows — users and playlists. Items are URIs or URLs (they
    /// say their kind) or typed IDs. An artist or a chapter is [`Error::InvalidArgument`] before
    /// any request (follow artists through `client.users()`); an empty list sends nothing. If a
    /// later request of a long list fails, the earlier ones stay applied.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// let items = [
    ///     "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
    ///     "https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy",
    /// ];
    /// client.library().save(items).await?;
    /// assert_eq!(client.library().contains(items).await?, [true, true]);
    /// # Ok(()) }
    /// ```
    #[inline]
    pub async fn save(
        &self,
        items: impl IntoIterator<Item = impl IntoId<AnyId>>,
    ) -> Result<(), Error> {
        self.change(items, raw::Client::save_library_items).await
    }

    /// Removes items from the library (`DELETE /me/library`, 40 per request); same items as
    /// [`save`](Self::save).
    #[inline]
    pub async fn remove(
        &self,
        items: impl IntoIterator<Item = impl IntoId<AnyId>>,
    ) -> Result<(), Error> {
        self.change(items, raw::Client::remove_library_items).await
    }

    /// Sends `request` for the items, [`LIBRARY_CHUNK`] at a time.
    #[inline]
    async fn change(
        &self,
        items: impl IntoIterator<Item = impl IntoId<AnyId>>,
        request: fn(&raw::Client, &str) -> raw::Request<()>,
    ) -> Result<(), Error> {
        let uris = uris(items, &CHANGEABLE)?;
        for chunk in uris.chunks(LIBRARY_CHUNK) {
            self.client
                .call(request(self.client.raw(), &chunk.join(",")))
                .await?;
        }
        Ok(())
    }

    /// Whether each item is in the library (`GET /me/library/contains`, 40 per request), in the
    /// order asked. Artists count when followed; chapters are [`Error::InvalidArgument`].
    #[inline]
    pub async fn contains(
        &self,
        items: impl IntoIterator<Item = impl IntoId<AnyId>>,
    ) -> Result<Vec<bool>, Error> {
        let mut kinds = CHANGEABLE.to_vec();
        kinds.push(Kind::Artist);
        let uris = uris(items, &kinds)?;
        contains(self.client, &uris, LIBRARY_CHUNK, |raw, joined| {
            raw.check_library_contains(joined)
        })
        .await
    }

    /// The saved tracks, most recently saved first, as a lazy stream (`GET /me/tracks`, 50 per
    /// page).
    #[inline]
    pub fn saved_tracks(&self) -> Paginator<PagingSavedTrackObject> {
        offset_stream(self.client, |raw, offset, size| {
            raw.get_users_saved_tracks(limit(size), None, Some(offset))
        })
    }

    /// The saved albums, most recently saved first, as a lazy stream (`GET /me/albums`).
    #[inline]
    pub fn saved_albums(&self) -> Paginator<PagingSavedAlbumObject> {
        offset_stream(self.client, |raw, offset, size| {
            raw.get_users_saved_albums(limit(size), None, Some(offset))
        })
    }

    /// The saved podcast episodes, most recently saved first, as a lazy stream
    /// (`GET /me/episodes`).
    #[inline]
    pub fn saved_episodes(&self) -> Paginator<PagingSavedEpisodeObject> {
        offset_stream(self.client, |raw, offset, size| {
            raw.get_users_saved_episodes(limit(size), None, Some(offset))
        })
    }

    /// The saved (followed) podcast shows, most recently saved first, as a lazy stream
    /// (`GET /me/shows`).
    #[inline]
    pub fn saved_shows(&self) -> Paginator<PagingSavedShowObject> {
        offset_stream(self.client, |raw, offset, size| {
            raw.get_users_saved_shows(limit(size), Some(offset))
        })
    }

    /// The saved audiobooks, most recently saved first, as a lazy stream (`GET /me/audiobooks`).
    #[inline]
    pub fn saved_audiobooks(&self) -> Paginator<PagingSavedAudiobookObject> {
        offset_stream(self.client, |raw, offset, size| {
            raw.get_users_saved_audiobooks(limit(size), Some(offset))
        })
    }
}

/// Parses every item (nothing is sent if one is invalid) and checks its kind is one of `kinds`.
#[inline]
fn uris(
    items: impl IntoIterator<Item = impl IntoId<AnyId>>,
    kinds: &[Kind],
) -> Result<Vec<String>, Error> {
    let ids: Vec<AnyId> = parse_all(items)?;
    if let Some(id) = ids.iter().find(|id| !kinds.contains(&id.kind())) {
        return Err(Error::InvalidArgument(format!(
            "{id}: the library does not take items of kind {}",
            id.kind()
        )));
    }
    Ok(ids.iter().map(AnyId::uri).collect())
}
