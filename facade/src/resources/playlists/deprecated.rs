//! The deprecated playlist methods: the `/playlists/{id}/tracks` twins of the item edits, and the
//! `/users/{id}/playlists` endpoints. A sibling of `playlists`, not its child, so that rustdoc
//! lists them after the current methods (it lists a module's children's impls first).

use crate::ids::{IntoId, PlayableId, PlaylistId, UserId};
use crate::resources::playlists::edit::{TRACKS, add, remove, reorder, replace, uris};
use crate::resources::playlists::{ADDITIONAL_TYPES, NewPlaylist, Playlists};
use crate::resources::{limit, offset_stream};
use crate::types::{
    CreatePlaylistForUserBody, PagingPlaylistObject, PagingPlaylistTrackObject, PlaylistObject,
};
use crate::{Error, Paginator};

impl Playlists<'_> {
    /// The playlist's items through the deprecated `GET /playlists/{id}/tracks` (100 per page).
    #[deprecated(
        note = "Spotify deprecated GET /playlists/{id}/tracks; use `items` (GET \
            /playlists/{id}/items)"
    )]
    pub fn tracks(&self, id: impl IntoId<PlaylistId>) -> Paginator<PagingPlaylistTrackObject> {
        Paginator::or_failed(id.into_id(), |id| {
            offset_stream(self.client, move |raw, offset, size| {
                let page = (limit(size), Some(offset));
                raw.get_playlists_tracks(id.id(), ADDITIONAL_TYPES, None, page.0, None, page.1)
            })
        })
    }

    /// A user's public playlists as a lazy stream (`GET /users/{id}/playlists`).
    #[deprecated(
        note = "Spotify deprecated GET /users/{id}/playlists in February 2026; for the current \
            user use `of_current_user` (GET /me/playlists)"
    )]
    pub fn of_user(&self, user_id: impl IntoId<UserId>) -> Paginator<PagingPlaylistObject> {
        Paginator::or_failed(user_id.into_id(), |user_id| {
            offset_stream(self.client, move |raw, offset, size| {
                raw.get_list_users_playlists(user_id.id(), limit(size), Some(offset))
            })
        })
    }

    /// Creates a playlist for `user_id`, who must be the current user (`POST
    /// /users/{id}/playlists`).
    #[deprecated(
        note = "Spotify deprecated POST /users/{id}/playlists; use `create` (POST /me/playlists)"
    )]
    pub async fn create_for_user(
        &self,
        user_id: impl IntoId<UserId>,
        name: impl Into<String>,
        details: NewPlaylist,
    ) -> Result<PlaylistObject, Error> {
        let user_id = user_id.into_id()?;
        let body = CreatePlaylistForUserBody {
            name: name.into(),
            description: details.description,
            public: details.public,
            collaborative: details.collaborative,
        };
        let request = self
            .client
            .raw()
            .create_playlist_for_user(user_id.id(), &body);
        self.client.call(request).await
    }
}

impl Playlists<'_> {
    /// [`add_items`](Self::add_items) (or [`insert_items`](Self::insert_items) with a position)
    /// through the deprecated `POST /playlists/{id}/tracks`.
    #[deprecated(
        note = "Spotify deprecated POST /playlists/{id}/tracks; use `add_items` or `insert_items` \
            (POST /playlists/{id}/items)"
    )]
    pub async fn add_tracks(
        &self,
        id: impl IntoId<PlaylistId>,
        items: impl IntoIterator<Item = impl IntoId<PlayableId>>,
        position: Option<u32>,
    ) -> Result<String, Error> {
        let id = id.into_id()?;
        add(self.client, &TRACKS, &id, &uris(items)?, position).await
    }

    /// [`replace_items`](Self::replace_items) through the deprecated `PUT /playlists/{id}/tracks`.
    #[deprecated(
        note = "Spotify deprecated PUT /playlists/{id}/tracks; use `replace_items` (PUT \
            /playlists/{id}/items)"
    )]
    pub async fn replace_tracks(
        &self,
        id: impl IntoId<PlaylistId>,
        items: impl IntoIterator<Item = impl IntoId<PlayableId>>,
    ) -> Result<String, Error> {
        let id = id.into_id()?;
        replace(self.client, &TRACKS, &id, &uris(items)?).await
    }

    /// [`reorder_items`](Self::reorder_items) through the deprecated `PUT /playlists/{id}/tracks`.
    #[deprecated(
        note = "Spotify deprecated PUT /playlists/{id}/tracks; use `reorder_items` (PUT \
            /playlists/{id}/items)"
    )]
    pub async fn reorder_tracks(
        &self,
        id: impl IntoId<PlaylistId>,
        range_start: u32,
        range_length: u32,
        insert_before: u32,
        snapshot_id: Option<&str>,
    ) -> Result<String, Error> {
        let id = id.into_id()?;
        let range = [range_start, range_length, insert_before];
        reorder(self.client, &TRACKS, &id, range, snapshot_id).await
    }

    /// [`remove_items`](Self::remove_items) through the deprecated `DELETE /playlists/{id}/tracks`.
    #[deprecated(
        note = "Spotify deprecated DELETE /playlists/{id}/tracks; use `remove_items` (DELETE \
            /playlists/{id}/items)"
    )]
    pub async fn remove_tracks(
        &self,
        id: impl IntoId<PlaylistId>,
        items: impl IntoIterator<Item = impl IntoId<PlayableId>>,
        snapshot_id: Option<&str>,
    ) -> Result<String, Error> {
        let id = id.into_id()?;
        remove(self.client, &TRACKS, &id, &uris(items)?, snapshot_id).await
    }
}
