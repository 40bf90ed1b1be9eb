//! Playlists: reading them and their items, creating and changing them, and their cover images.
//!
//! The item endpoints are `/playlists/{id}/items` (Spotify's `/playlists/{id}/tracks` twins are
//! deprecated; they are kept as deprecated methods). Items are tracks or episodes
//! ([`PlayableId`](crate::ids::PlayableId)); changes answer the playlist's new `snapshot_id`.

mod cover;
mod edit;

pub use cover::MAX_COVER_BASE64_BYTES;

use super::{boxed, offset_stream, resource};
use crate::ids::{IntoId, PlaylistId, UserId};
use crate::types::{PagingPlaylistObject, PagingPlaylistTrackObject, PlaylistObject};
use crate::{Client, Error, Paginator, RawClient};

/// Item types this client understands: without it Spotify returns episodes as track objects.
const ADDITIONAL_TYPES: &str = "track,episode";

/// Optional parameters of [`Playlists::get_with`] and [`Playlists::items_with`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaylistOptions {
    /// An ISO 3166-1 alpha-2 country code: items are relinked to what plays there (`"from_token"`
    /// for the user's country).
    pub market: Option<String>,
    /// Spotify's field filter, e.g. `"name,items(total)"` or `"items(added_at,item(name,uri))"`.
    /// Filtered-out fields decode as `None`; for item streams keep `next,offset,total` or paging
    /// stops after the first page.
    pub fields: Option<String>,
}

/// The details of a new playlist for [`Playlists::create`] (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewPlaylist {
    /// The description.
    pub description: Option<String>,
    /// Whether it shows on the user's profile (Spotify's default: `true`).
    pub public: Option<bool>,
    /// Whether others may change it (needs `public: Some(false)`).
    pub collaborative: Option<bool>,
}

resource! {
    /// Playlists: `client.playlists()`.
    Playlists;

    /// One playlist (`GET /playlists/{id}`), with its first page of items.
    pub async fn get(&self, id: impl IntoId<PlaylistId>) -> Result<PlaylistObject, Error> {
        self.get_with(id, PlaylistOptions::default()).await
    }

    /// One playlist with a market and/or a field filter.
    pub async fn get_with(&self, id: impl IntoId<PlaylistId>, options: PlaylistOptions) -> Result<PlaylistObject, Error> {
        let id = id.into_id()?;
        self.client
            .call(|raw| {
                let mut request = raw.get_playlist().playlist_id(id.id()).additional_types(ADDITIONAL_TYPES);
                if let Some(market) = options.market {
                    request = request.market(market);
                }
                if let Some(fields) = options.fields {
                    request = request.fields(fields);
                }
                request.send()
            })
            .await
    }

    /// Changes the name, description, public or collaborative flag (`PUT /playlists/{id}`); fields
    /// left `None` stay as they are.
    pub async fn change_details(&self, id: impl IntoId<PlaylistId>, details: crate::types::ChangePlaylistDetailsBody) -> Result<(), Error> {
        let id = id.into_id()?;
        self.client
            .call_optional(|raw| raw.change_playlist_details().playlist_id(id.id()).body(details).send())
            .await
            .map(drop)
    }

    /// The playlist's items (tracks and episodes) as a lazy stream (`GET /playlists/{id}/items`, 50 per
    /// page). Spotify only answers this for playlists the user owns or collaborates on.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    /// use spotify_sdk::types::PlaylistTrackObjectItem;
    ///
    /// let mut items = client.playlists().items("spotify:playlist:3cEYpjA9oz9GiPac4AsH4n");
    /// while let Some(entry) = items.try_next().await? {
    ///     match entry.item {
    ///         Some(PlaylistTrackObjectItem::TrackObject(track)) => println!("track {:?}", track.name),
    ///         Some(PlaylistTrackObjectItem::EpisodeObject(episode)) => println!("episode {:?}", episode.name),
    ///         _ => {}
    ///     }
    /// }
    /// let snapshot = client
    ///     .playlists()
    ///     .add_items("3cEYpjA9oz9GiPac4AsH4n", ["spotify:track:4uLU6hMCjMI75M1A2tKUQC"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn items(&self, id: impl IntoId<PlaylistId>) -> Paginator<PagingPlaylistTrackObject> {
        self.items_with(id, PlaylistOptions::default())
    }

    /// The playlist's items with a market and/or a field filter.
    pub fn items_with(&self, id: impl IntoId<PlaylistId>, options: PlaylistOptions) -> Paginator<PagingPlaylistTrackObject> {
        items_stream(self.client, id, options, ItemsPath::Items)
    }

    /// The playlist's items through the deprecated `GET /playlists/{id}/tracks` (100 per page).
    #[deprecated(note = "Spotify deprecated GET /playlists/{id}/tracks; use `items` (GET /playlists/{id}/items)")]
    pub fn tracks(&self, id: impl IntoId<PlaylistId>) -> Paginator<PagingPlaylistTrackObject> {
        items_stream(self.client, id, PlaylistOptions::default(), ItemsPath::Tracks)
    }

    /// The current user's playlists, owned and followed, as a lazy stream (`GET /me/playlists`).
    pub fn of_current_user(&self) -> Paginator<PagingPlaylistObject> {
        offset_stream(self.client, "get-a-list-of-current-users-playlists", |client, offset, limit| {
            boxed(async move {
                client
                    .call(|raw| raw.get_a_list_of_current_users_playlists().offset(i64::from(offset)).limit(u64::from(limit)).send())
                    .await
            })
        })
    }

    /// A user's public playlists as a lazy stream (`GET /users/{id}/playlists`).
    #[deprecated(note = "Spotify deprecated GET /users/{id}/playlists in February 2026; for the current user use `of_current_user` (GET /me/playlists)")]
    pub fn of_user(&self, user_id: impl IntoId<UserId>) -> Paginator<PagingPlaylistObject> {
        let user_id = match user_id.into_id() {
            Ok(id) => id,
            Err(e) => return Paginator::failed(e),
        };
        offset_stream(self.client, "get-list-users-playlists", move |client, offset, limit| {
            let user_id = user_id.clone();
            boxed(async move {
                client
                    .call(|raw| raw.get_list_users_playlists().user_id(user_id.id()).offset(i64::from(offset)).limit(u64::from(limit)).send())
                    .await
            })
        })
    }

    /// Creates a playlist for the current user (`POST /me/playlists`); it starts empty.
    pub async fn create(&self, name: impl Into<String>, details: NewPlaylist) -> Result<PlaylistObject, Error> {
        let body = crate::types::CreatePlaylistBody {
            name: name.into(),
            description: details.description,
            public: details.public,
            collaborative: details.collaborative,
        };
        self.client.call(|raw| raw.create_playlist().body(body).send()).await
    }

    /// Creates a playlist for `user_id`, who must be the current user (`POST /users/{id}/playlists`).
    #[deprecated(note = "Spotify deprecated POST /users/{id}/playlists; use `create` (POST /me/playlists)")]
    pub async fn create_for_user(&self, user_id: impl IntoId<UserId>, name: impl Into<String>, details: NewPlaylist) -> Result<PlaylistObject, Error> {
        let user_id = user_id.into_id()?;
        let body = crate::types::CreatePlaylistForUserBody {
            name: name.into(),
            description: details.description,
            public: details.public,
            collaborative: details.collaborative,
        };
        self.client
            .call(|raw| raw.create_playlist_for_user().user_id(user_id.id()).body(body).send())
            .await
    }
}

/// Which of the twin item endpoints to use: `/items`, or the deprecated `/tracks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ItemsPath {
    Items,
    Tracks,
}

fn items_stream(
    client: &Client,
    id: impl IntoId<PlaylistId>,
    options: PlaylistOptions,
    path: ItemsPath,
) -> Paginator<PagingPlaylistTrackObject> {
    let id = match id.into_id() {
        Ok(id) => id,
        Err(e) => return Paginator::failed(e),
    };
    let operation = match path {
        ItemsPath::Items => "get-playlists-items",
        ItemsPath::Tracks => "get-playlists-tracks",
    };
    offset_stream(client, operation, move |client, offset, limit| {
        let (id, options) = (id.clone(), options.clone());
        boxed(async move {
            let (offset, limit) = (i64::from(offset), u64::from(limit));
            match path {
                ItemsPath::Items => {
                    client
                        .call(|raw| {
                            let mut request = raw
                                .get_playlists_items()
                                .playlist_id(id.id())
                                .additional_types(ADDITIONAL_TYPES)
                                .offset(offset)
                                .limit(limit);
                            if let Some(market) = options.market {
                                request = request.market(market);
                            }
                            if let Some(fields) = options.fields {
                                request = request.fields(fields);
                            }
                            request.send()
                        })
                        .await
                }
                ItemsPath::Tracks => {
                    client
                        .call(|raw| {
                            raw.get_playlists_tracks()
                                .playlist_id(id.id())
                                .additional_types(ADDITIONAL_TYPES)
                                .offset(offset)
                                .limit(limit)
                                .send()
                        })
                        .await
                }
            }
        })
    })
}

/// Sends a request the generated builders cannot express (a cover upload with its real content type,
/// an explicitly empty `uris` list) the way they send theirs: through [`Client::call_optional`] and the
/// client's transport, so auth, retries, rate limits and error mapping apply. `build` gets the HTTP
/// client and the API base URL. An empty body decodes as JSON `null` (so `T = ()` fits it).
async fn send_raw<T>(
    client: &Client,
    operation_id: &'static str,
    build: impl FnOnce(&reqwest::Client, &str) -> reqwest::RequestBuilder,
) -> Result<Option<T>, Error>
where
    T: serde::de::DeserializeOwned,
{
    use progenitor_client::{ClientHooks, ClientInfo, OperationInfo, ResponseValue};
    type RawError = progenitor_client::Error<()>;
    client
        .call_optional(|raw| async move {
            let api_version =
                <RawClient as ClientInfo<spotify_sdk_generated::Inner>>::api_version();
            let request = build(raw.client(), raw.baseurl())
                .header(reqwest::header::ACCEPT, "application/json")
                .header("api-version", api_version)
                .build()
                .map_err(RawError::CommunicationError)?;
            let response = raw
                .exec(request, &OperationInfo { operation_id })
                .await
                .map_err(RawError::CommunicationError)?;
            if !response.status().is_success() {
                // The transport has put the real error (status, Spotify's message) in the call slot.
                return Err(RawError::UnexpectedResponse(response));
            }
            let (status, headers) = (response.status(), response.headers().clone());
            let body = response
                .bytes()
                .await
                .map_err(RawError::ResponseBodyError)?;
            let json: &[u8] = if body.is_empty() { b"null" } else { &body };
            let value = serde_json::from_slice(json)
                .map_err(|e| RawError::InvalidResponsePayload(body.clone(), e))?;
            Ok(ResponseValue::new(value, status, headers))
        })
        .await
}

/// The `snapshot_id` of a change's answer.
fn snapshot(snapshot_id: Option<String>, operation_id: &'static str) -> Result<String, Error> {
    snapshot_id.ok_or_else(|| Error::Decode {
        endpoint: Some(super::endpoint(operation_id)),
        status: None,
        path: "snapshot_id".into(),
        message: "the answer has no snapshot_id".into(),
        snippet: Box::default(),
    })
}
