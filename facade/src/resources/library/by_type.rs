//! The type-specific library endpoints (`/me/tracks`, `/me/albums`, `/me/episodes`, `/me/shows`,
//! `/me/audiobooks` and their `/contains`), deprecated by Spotify in February 2026 for `/me/library`.

use super::{Library, check_chunks, for_each_chunk};
use crate::Error;
use crate::ids::{AlbumId, AudiobookId, EpisodeId, IntoId, ShowId, TrackId, parse_all};
use crate::resources::resource;
use crate::types::{
    RemoveAlbumsUserBody, RemoveEpisodesUserBody, RemoveShowsUserBody, RemoveTracksUserBody,
    SaveAlbumsUserBody, SaveEpisodesUserBody, SaveShowsUserBody, SaveTracksUserBody,
};

/// The bare IDs of `ids`, all parsed before anything is sent.
fn bare<T>(
    ids: impl IntoIterator<Item = impl IntoId<T>>,
    id: fn(&T) -> &str,
) -> Result<Vec<String>, Error> {
    let ids: Vec<T> = parse_all(ids)?;
    Ok(ids.iter().map(|i| id(i).to_string()).collect())
}

resource!(@methods Library;
    /// Saves tracks (`PUT /me/tracks`, 50 per request).
    #[deprecated(note = "Spotify deprecated PUT /me/tracks in February 2026; use `save` (PUT /me/library)")]
    pub async fn save_tracks(&self, ids: impl IntoIterator<Item = impl IntoId<TrackId>>) -> Result<(), Error> {
        let ids = bare(ids, TrackId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |_, ids| client.call_optional(move |raw| raw.save_tracks_user().body(SaveTracksUserBody { ids, timestamped_ids: Vec::new() }).send())).await
    }

    /// Removes saved tracks (`DELETE /me/tracks`, 50 per request).
    #[deprecated(note = "Spotify deprecated DELETE /me/tracks in February 2026; use `remove` (DELETE /me/library)")]
    pub async fn remove_tracks(&self, ids: impl IntoIterator<Item = impl IntoId<TrackId>>) -> Result<(), Error> {
        let ids = bare(ids, TrackId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |joined, ids| client.call_optional(move |raw| raw.remove_tracks_user().ids(joined).body(RemoveTracksUserBody { ids }).send())).await
    }

    /// Whether each of these tracks is saved (`GET /me/tracks/contains`, 50 per request), in the order asked.
    #[deprecated(note = "Spotify deprecated GET /me/tracks/contains in February 2026; use `contains` (GET /me/library/contains)")]
    pub async fn contains_tracks(&self, ids: impl IntoIterator<Item = impl IntoId<TrackId>>) -> Result<Vec<bool>, Error> {
        let ids = bare(ids, TrackId::id)?;
        let client = self.client;
        check_chunks(&ids, 50, "check-users-saved-tracks", move |joined, _| client.call(move |raw| raw.check_users_saved_tracks().ids(joined).send())).await
    }

    /// Saves albums (`PUT /me/albums`, 20 per request).
    #[deprecated(note = "Spotify deprecated PUT /me/albums in February 2026; use `save` (PUT /me/library)")]
    pub async fn save_albums(&self, ids: impl IntoIterator<Item = impl IntoId<AlbumId>>) -> Result<(), Error> {
        let ids = bare(ids, AlbumId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 20, move |joined, ids| client.call_optional(move |raw| raw.save_albums_user().ids(joined).body(SaveAlbumsUserBody { ids }).send())).await
    }

    /// Removes saved albums (`DELETE /me/albums`, 20 per request).
    #[deprecated(note = "Spotify deprecated DELETE /me/albums in February 2026; use `remove` (DELETE /me/library)")]
    pub async fn remove_albums(&self, ids: impl IntoIterator<Item = impl IntoId<AlbumId>>) -> Result<(), Error> {
        let ids = bare(ids, AlbumId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 20, move |joined, ids| client.call_optional(move |raw| raw.remove_albums_user().ids(joined).body(RemoveAlbumsUserBody { ids }).send())).await
    }

    /// Whether each of these albums is saved (`GET /me/albums/contains`, 20 per request), in the order asked.
    #[deprecated(note = "Spotify deprecated GET /me/albums/contains in February 2026; use `contains` (GET /me/library/contains)")]
    pub async fn contains_albums(&self, ids: impl IntoIterator<Item = impl IntoId<AlbumId>>) -> Result<Vec<bool>, Error> {
        let ids = bare(ids, AlbumId::id)?;
        let client = self.client;
        check_chunks(&ids, 20, "check-users-saved-albums", move |joined, _| client.call(move |raw| raw.check_users_saved_albums().ids(joined).send())).await
    }

    /// Saves podcast episodes (`PUT /me/episodes`, 50 per request).
    #[deprecated(note = "Spotify deprecated PUT /me/episodes in February 2026; use `save` (PUT /me/library)")]
    pub async fn save_episodes(&self, ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>) -> Result<(), Error> {
        let ids = bare(ids, EpisodeId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |joined, ids| client.call_optional(move |raw| raw.save_episodes_user().ids(joined).body(SaveEpisodesUserBody { ids }).send())).await
    }

    /// Removes saved podcast episodes (`DELETE /me/episodes`, 50 per request).
    #[deprecated(note = "Spotify deprecated DELETE /me/episodes in February 2026; use `remove` (DELETE /me/library)")]
    pub async fn remove_episodes(&self, ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>) -> Result<(), Error> {
        let ids = bare(ids, EpisodeId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |joined, ids| client.call_optional(move |raw| raw.remove_episodes_user().ids(joined).body(RemoveEpisodesUserBody { ids }).send())).await
    }

    /// Whether each of these podcast episodes is saved (`GET /me/episodes/contains`, 50 per request), in the order asked.
    #[deprecated(note = "Spotify deprecated GET /me/episodes/contains in February 2026; use `contains` (GET /me/library/contains)")]
    pub async fn contains_episodes(&self, ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>) -> Result<Vec<bool>, Error> {
        let ids = bare(ids, EpisodeId::id)?;
        let client = self.client;
        check_chunks(&ids, 50, "check-users-saved-episodes", move |joined, _| client.call(move |raw| raw.check_users_saved_episodes().ids(joined).send())).await
    }

    /// Saves podcast shows (`PUT /me/shows`, 50 per request).
    #[deprecated(note = "Spotify deprecated PUT /me/shows in February 2026; use `save` (PUT /me/library)")]
    pub async fn save_shows(&self, ids: impl IntoIterator<Item = impl IntoId<ShowId>>) -> Result<(), Error> {
        let ids = bare(ids, ShowId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |joined, ids| client.call_optional(move |raw| raw.save_shows_user().ids(joined).body(SaveShowsUserBody { ids }).send())).await
    }

    /// Removes saved podcast shows (`DELETE /me/shows`, 50 per request).
    #[deprecated(note = "Spotify deprecated DELETE /me/shows in February 2026; use `remove` (DELETE /me/library)")]
    pub async fn remove_shows(&self, ids: impl IntoIterator<Item = impl IntoId<ShowId>>) -> Result<(), Error> {
        let ids = bare(ids, ShowId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |joined, ids| client.call_optional(move |raw| raw.remove_shows_user().ids(joined).body(RemoveShowsUserBody { ids }).send())).await
    }

    /// Whether each of these podcast shows is saved (`GET /me/shows/contains`, 50 per request), in the order asked.
    #[deprecated(note = "Spotify deprecated GET /me/shows/contains in February 2026; use `contains` (GET /me/library/contains)")]
    pub async fn contains_shows(&self, ids: impl IntoIterator<Item = impl IntoId<ShowId>>) -> Result<Vec<bool>, Error> {
        let ids = bare(ids, ShowId::id)?;
        let client = self.client;
        check_chunks(&ids, 50, "check-users-saved-shows", move |joined, _| client.call(move |raw| raw.check_users_saved_shows().ids(joined).send())).await
    }

    /// Saves audiobooks (`PUT /me/audiobooks`, 50 per request).
    #[deprecated(note = "Spotify deprecated PUT /me/audiobooks in February 2026; use `save` (PUT /me/library)")]
    pub async fn save_audiobooks(&self, ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>) -> Result<(), Error> {
        let ids = bare(ids, AudiobookId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |joined, _| client.call_optional(move |raw| raw.save_audiobooks_user().ids(joined).send())).await
    }

    /// Removes saved audiobooks (`DELETE /me/audiobooks`, 50 per request).
    #[deprecated(note = "Spotify deprecated DELETE /me/audiobooks in February 2026; use `remove` (DELETE /me/library)")]
    pub async fn remove_audiobooks(&self, ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>) -> Result<(), Error> {
        let ids = bare(ids, AudiobookId::id)?;
        let client = self.client;
        for_each_chunk(&ids, 50, move |joined, _| client.call_optional(move |raw| raw.remove_audiobooks_user().ids(joined).send())).await
    }

    /// Whether each of these audiobooks is saved (`GET /me/audiobooks/contains`, 50 per request), in the order asked.
    #[deprecated(note = "Spotify deprecated GET /me/audiobooks/contains in February 2026; use `contains` (GET /me/library/contains)")]
    pub async fn contains_audiobooks(&self, ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>) -> Result<Vec<bool>, Error> {
        let ids = bare(ids, AudiobookId::id)?;
        let client = self.client;
        check_chunks(&ids, 50, "check-users-saved-audiobooks", move |joined, _| client.call(move |raw| raw.check_users_saved_audiobooks().ids(joined).send())).await
    }

);
