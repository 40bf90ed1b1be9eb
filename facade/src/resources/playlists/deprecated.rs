//! The deprecated playlist methods: the `/playlists/{id}/tracks` endpoints (through
//! [`Playlists::through_tracks_endpoints`]), and the `/users/{id}/playlists` endpoints. A sibling
//! of `playlists`, not its child, so that rustdoc lists them after the current methods (it lists
//! a module's children's impls first).

use crate::ids::{IntoId, UserId};
use crate::resources::playlists::edit::ItemPath;
use crate::resources::playlists::{NewPlaylist, Playlists};
use crate::resources::{limit, offset_stream};
use crate::types::{CreatePlaylistForUserBody, PagingPlaylistObject, PlaylistObject};
use crate::{Error, Paginator};

impl Playlists<'_> {
    /// The same group with its item methods ([`items`](Self::items),
    /// [`items_with`](Self::items_with), [`items_fields`](Self::items_fields),
    /// [`add_items`](Self::add_items), [`insert_items`](Self::insert_items),
    /// [`replace_items`](Self::replace_items), [`reorder_items`](Self::reorder_items),
    /// [`remove_items`](Self::remove_items)) sent to Spotify's deprecated
    /// `/playlists/{id}/tracks` endpoints instead of `/playlists/{id}/items`: the same requests
    /// and answers under the old path.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// #[allow(deprecated)]
    /// let old_paths = client.playlists().through_tracks_endpoints();
    /// // POST /playlists/{id}/tracks
    /// old_paths
    ///     .add_items("3cEYpjA9oz9GiPac4AsH4n", ["spotify:track:4uLU6hMCjMI75M1A2tKUQC"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    #[deprecated(
        note = "Spotify deprecated the /playlists/{id}/tracks endpoints in February 2026: the item \
            methods of `client.playlists()` use /playlists/{id}/items"
    )]
    #[inline]
    pub fn through_tracks_endpoints(self) -> Self {
        Playlists {
            item_path: ItemPath::Tracks,
            ..self
        }
    }

    /// A user's public playlists as a lazy stream (`GET /users/{id}/playlists`).
    #[deprecated(
        note = "Spotify deprecated GET /users/{id}/playlists in February 2026; for the current \
            user use `of_current_user` (GET /me/playlists)"
    )]
    #[inline]
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
    #[inline]
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
