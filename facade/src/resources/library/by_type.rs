//! The type-specific library endpoints (`/me/tracks`, `/me/albums`, `/me/episodes`, `/me/shows`,
//! `/me/audiobooks` and their `/contains`), deprecated by Spotify in February 2026 for
//! `/me/library`. Each kind is a [`Saved`] value naming its three operations; the methods are
//! written once.

use crate::ids::{AlbumId, AudiobookId, EpisodeId, IntoId, ShowId, TrackId, parse_all};
use crate::resources::contains;
use crate::resources::library::Library;
use crate::types::{
    RemoveAlbumsUserBody, RemoveEpisodesUserBody, RemoveShowsUserBody, RemoveTracksUserBody,
    SaveAlbumsUserBody, SaveEpisodesUserBody, SaveShowsUserBody, SaveTracksUserBody,
};
use crate::{Client, Error, raw};

/// The save, remove and contains operations of one kind, and how many IDs each request takes.
struct Saved {
    chunk: usize,
    /// `(raw, "id1,id2", [id1, id2])`: some operations want the IDs in the query, some in the body.
    save: fn(&raw::Client, &str, Vec<String>) -> raw::Request<()>,
    remove: fn(&raw::Client, &str, Vec<String>) -> raw::Request<()>,
    contains: fn(&raw::Client, &str) -> raw::Request<Vec<bool>>,
}

impl Saved {
    #[inline]
    async fn save(&self, client: &Client, ids: Vec<String>) -> Result<(), Error> {
        for chunk in ids.chunks(self.chunk) {
            client
                .call((self.save)(client.raw(), &chunk.join(","), chunk.to_vec()))
                .await?;
        }
        Ok(())
    }

    #[inline]
    async fn remove(&self, client: &Client, ids: Vec<String>) -> Result<(), Error> {
        for chunk in ids.chunks(self.chunk) {
            client
                .call((self.remove)(
                    client.raw(),
                    &chunk.join(","),
                    chunk.to_vec(),
                ))
                .await?;
        }
        Ok(())
    }

    #[inline]
    async fn contains(&self, client: &Client, ids: Vec<String>) -> Result<Vec<bool>, Error> {
        contains(client, &ids, self.chunk, self.contains).await
    }
}

const TRACKS: Saved = Saved {
    chunk: 50,
    save: |raw, _, ids| {
        let timestamped_ids = Vec::new();
        raw.save_tracks_user(&SaveTracksUserBody {
            ids,
            timestamped_ids,
        })
    },
    remove: |raw, joined, ids| raw.remove_tracks_user(joined, &RemoveTracksUserBody { ids }),
    contains: |raw, joined| raw.check_users_saved_tracks(joined),
};

const ALBUMS: Saved = Saved {
    chunk: 20,
    save: |raw, joined, ids| raw.save_albums_user(joined, &SaveAlbumsUserBody { ids }),
    remove: |raw, joined, ids| raw.remove_albums_user(joined, &RemoveAlbumsUserBody { ids }),
    contains: |raw, joined| raw.check_users_saved_albums(joined),
};

const EPISODES: Saved = Saved {
    chunk: 50,
    save: |raw, joined, ids| raw.save_episodes_user(joined, &SaveEpisodesUserBody { ids }),
    remove: |raw, joined, ids| raw.remove_episodes_user(joined, &RemoveEpisodesUserBody { ids }),
    contains: |raw, joined| raw.check_users_saved_episodes(joined),
};

const SHOWS: Saved = Saved {
    chunk: 50,
    save: |raw, joined, ids| raw.save_shows_user(joined, &SaveShowsUserBody { ids }),
    remove: |raw, joined, ids| raw.remove_shows_user(joined, None, &RemoveShowsUserBody { ids }),
    contains: |raw, joined| raw.check_users_saved_shows(joined),
};

const AUDIOBOOKS: Saved = Saved {
    chunk: 50,
    save: |raw, joined, _| raw.save_audiobooks_user(joined),
    remove: |raw, joined, _| raw.remove_audiobooks_user(joined),
    contains: |raw, joined| raw.check_users_saved_audiobooks(joined),
};

/// The bare IDs of `ids`, all parsed before anything is sent.
#[inline]
fn bare<T>(
    ids: impl IntoIterator<Item = impl IntoId<T>>,
    id: fn(&T) -> &str,
) -> Result<Vec<String>, Error> {
    let ids: Vec<T> = parse_all(ids)?;
    Ok(ids.iter().map(|i| id(i).to_string()).collect())
}

impl Library<'_> {
    /// Saves tracks (`PUT /me/tracks`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated PUT /me/tracks in February 2026; use `save` (PUT /me/library)"
    )]
    #[inline]
    pub async fn save_tracks(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<TrackId>>,
    ) -> Result<(), Error> {
        TRACKS.save(self.client, bare(ids, TrackId::id)?).await
    }

    /// Removes saved tracks (`DELETE /me/tracks`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated DELETE /me/tracks in February 2026; use `remove` (DELETE \
            /me/library)"
    )]
    #[inline]
    pub async fn remove_tracks(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<TrackId>>,
    ) -> Result<(), Error> {
        TRACKS.remove(self.client, bare(ids, TrackId::id)?).await
    }

    /// Whether each of these tracks is saved (`GET /me/tracks/contains`, 50 per request), in the
    /// order asked.
    #[deprecated(
        note = "Spotify deprecated GET /me/tracks/contains in February 2026; use `contains` (GET \
            /me/library/contains)"
    )]
    #[inline]
    pub async fn contains_tracks(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<TrackId>>,
    ) -> Result<Vec<bool>, Error> {
        TRACKS.contains(self.client, bare(ids, TrackId::id)?).await
    }

    /// Saves albums (`PUT /me/albums`, 20 per request).
    #[deprecated(
        note = "Spotify deprecated PUT /me/albums in February 2026; use `save` (PUT /me/library)"
    )]
    #[inline]
    pub async fn save_albums(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AlbumId>>,
    ) -> Result<(), Error> {
        ALBUMS.save(self.client, bare(ids, AlbumId::id)?).await
    }

    /// Removes saved albums (`DELETE /me/albums`, 20 per request).
    #[deprecated(
        note = "Spotify deprecated DELETE /me/albums in February 2026; use `remove` (DELETE \
            /me/library)"
    )]
    #[inline]
    pub async fn remove_albums(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AlbumId>>,
    ) -> Result<(), Error> {
        ALBUMS.remove(self.client, bare(ids, AlbumId::id)?).await
    }

    /// Whether each of these albums is saved (`GET /me/albums/contains`, 20 per request), in the
    /// order asked.
    #[deprecated(
        note = "Spotify deprecated GET /me/albums/contains in February 2026; use `contains` (GET \
            /me/library/contains)"
    )]
    #[inline]
    pub async fn contains_albums(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AlbumId>>,
    ) -> Result<Vec<bool>, Error> {
        ALBUMS.contains(self.client, bare(ids, AlbumId::id)?).await
    }

    /// Saves podcast episodes (`PUT /me/episodes`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated PUT /me/episodes in February 2026; use `save` (PUT /me/library)"
    )]
    #[inline]
    pub async fn save_episodes(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>,
    ) -> Result<(), Error> {
        EPISODES.save(self.client, bare(ids, EpisodeId::id)?).await
    }

    /// Removes saved podcast episodes (`DELETE /me/episodes`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated DELETE /me/episodes in February 2026; use `remove` (DELETE \
            /me/library)"
    )]
    #[inline]
    pub async fn remove_episodes(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>,
    ) -> Result<(), Error> {
        EPISODES
            .remove(self.client, bare(ids, EpisodeId::id)?)
            .await
    }

    /// Whether each of these podcast episodes is saved (`GET /me/episodes/contains`, 50 per
    /// request), in the order asked.
    #[deprecated(
        note = "Spotify deprecated GET /me/episodes/contains in February 2026; use `contains` \
            (GET /me/library/contains)"
    )]
    #[inline]
    pub async fn contains_episodes(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<EpisodeId>>,
    ) -> Result<Vec<bool>, Error> {
        EPISODES
            .contains(self.client, bare(ids, EpisodeId::id)?)
            .await
    }

    /// Saves podcast shows (`PUT /me/shows`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated PUT /me/shows in February 2026; use `save` (PUT /me/library)"
    )]
    #[inline]
    pub async fn save_shows(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ShowId>>,
    ) -> Result<(), Error> {
        SHOWS.save(self.client, bare(ids, ShowId::id)?).await
    }

    /// Removes saved podcast shows (`DELETE /me/shows`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated DELETE /me/shows in February 2026; use `remove` (DELETE \
            /me/library)"
    )]
    #[inline]
    pub async fn remove_shows(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ShowId>>,
    ) -> Result<(), Error> {
        SHOWS.remove(self.client, bare(ids, ShowId::id)?).await
    }

    /// Whether each of these podcast shows is saved (`GET /me/shows/contains`, 50 per request), in
    /// the order asked.
    #[deprecated(
        note = "Spotify deprecated GET /me/shows/contains in February 2026; use `contains` (GET \
            /me/library/contains)"
    )]
    #[inline]
    pub async fn contains_shows(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<ShowId>>,
    ) -> Result<Vec<bool>, Error> {
        SHOWS.contains(self.client, bare(ids, ShowId::id)?).await
    }

    /// Saves audiobooks (`PUT /me/audiobooks`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated PUT /me/audiobooks in February 2026; use `save` (PUT \
            /me/library)"
    )]
    #[inline]
    pub async fn save_audiobooks(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>,
    ) -> Result<(), Error> {
        AUDIOBOOKS
            .save(self.client, bare(ids, AudiobookId::id)?)
            .await
    }

    /// Removes saved audiobooks (`DELETE /me/audiobooks`, 50 per request).
    #[deprecated(
        note = "Spotify deprecated DELETE /me/audiobooks in February 2026; use `remove` (DELETE \
            /me/library)"
    )]
    #[inline]
    pub async fn remove_audiobooks(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>,
    ) -> Result<(), Error> {
        AUDIOBOOKS
            .remove(self.client, bare(ids, AudiobookId::id)?)
            .await
    }

    /// Whether each of these audiobooks is saved (`GET /me/audiobooks/contains`, 50 per request),
    /// in the order asked.
    #[deprecated(
        note = "Spotify deprecated GET /me/audiobooks/contains in February 2026; use `contains` \
            (GET /me/library/contains)"
    )]
    #[inline]
    pub async fn contains_audiobooks(
        &self,
        ids: impl IntoIterator<Item = impl IntoId<AudiobookId>>,
    ) -> Result<Vec<bool>, Error> {
        AUDIOBOOKS
            .contains(self.client, bare(ids, AudiobookId::id)?)
            .await
    }
}
