//! Playlists: reading them and their items, creating and changing them, and their cover images.
//!
//! The item endpoints are `/playlists/{id}/items` (Spotify's `/playlists/{id}/tracks` twins are
//! deprecated; [`Playlists::through_tracks_endpoints`] still reaches them). Items are tracks or
//! episodes ([`PlayableId`](crate::ids::PlayableId)); changes answer the playlist's new
//! `snapshot_id`.

pub use cover::MAX_COVER_BASE64_BYTES;

use serde::de::DeserializeOwned;

use super::{group, limit, offset_stream};
use crate::ids::{IntoId, PlaylistId};
use crate::paginate::{Page, PagingModel};
use crate::types::{
    CreatePlaylistBody, PagingPlaylistObject, PagingPlaylistTrackObject, PlaylistObject,
};
use crate::{Error, Paginator};

/// Item types this client understands: without it Spotify returns episodes as track objects.
pub(super) const ADDITIONAL_TYPES: Option<&str> = Some("track,episode");

/// The fields a page of items needs to be followed (added to a `fields` filter that lacks them).
const PAGING_FIELDS: [&str; 3] = ["next", "offset", "total"];

/// Optional parameters of [`Playlists::get_with`] and [`Playlists::items_with`].
///
/// ```
/// let options = spotify_sdk::resources::playlists::PlaylistOptions::default().market("SE");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlaylistOptions {
    /// An ISO 3166-1 alpha-2 country code: items are relinked to what plays there (`"from_token"`
    /// for the user's country).
    pub market: Option<String>,
}

impl PlaylistOptions {
    /// Items relinked to what plays in `market`.
    #[inline]
    pub fn market(mut self, market: impl Into<String>) -> Self {
        self.market = Some(market.into());
        self
    }
}

/// The details of a new playlist for [`Playlists::create`] (all optional).
///
/// ```
/// let details = spotify_sdk::resources::playlists::NewPlaylist::default()
///     .description("Songs for the long way home")
///     .public(false);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewPlaylist {
    /// The description.
    pub description: Option<String>,
    /// Whether it shows on the user's profile (Spotify's default: `true`).
    pub public: Option<bool>,
    /// Whether others may change it (needs `public: Some(false)`).
    pub collaborative: Option<bool>,
}

impl NewPlaylist {
    /// The description.
    #[inline]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Whether it shows on the user's profile.
    #[inline]
    pub fn public(mut self, public: bool) -> Self {
        self.public = Some(public);
        self
    }

    /// Whether others may change it (needs `public(false)`).
    #[inline]
    pub fn collaborative(mut self, collaborative: bool) -> Self {
        self.collaborative = Some(collaborative);
        self
    }
}

/// A page of playlist items filtered with `fields`, each item decoded as the caller's `T`: what
/// [`Playlists::items_fields`] streams.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct FilteredPage<T> {
    /// The entries, in the shape the filter left (`null` where Spotify has none).
    #[serde(default = "Vec::new")]
    pub items: Vec<Option<T>>,
    /// Total entries of the playlist.
    pub total: Option<i64>,
    /// The offset of this page.
    pub offset: Option<i64>,
    /// The link to the next page.
    pub next: Option<String>,
}

impl<T: Send + 'static> PagingModel for FilteredPage<T> {
    type Item = T;
    #[inline]
    fn into_page(self) -> Page<T> {
        Page::from_parts(self.items, self.total, self.offset, self.next, None)
    }
}

group! {
    /// Playlists: `client.playlists()`.
    Playlists { item_path: ItemPath = ItemPath::Items } => playlists
}

impl Playlists<'_> {
    /// One playlist (`GET /playlists/{id}`), with its first page of items.
    #[inline]
    pub async fn get(&self, id: impl IntoId<PlaylistId>) -> Result<PlaylistObject, Error> {
        self.get_with(id, PlaylistOptions::default()).await
    }

    /// One playlist with options (a market).
    #[inline]
    pub async fn get_with(
        &self,
        id: impl IntoId<PlaylistId>,
        options: PlaylistOptions,
    ) -> Result<PlaylistObject, Error> {
        let id = id.into_id()?;
        let market = options.market.as_deref();
        let request = self
            .client
            .raw()
            .get_playlist(id.id(), ADDITIONAL_TYPES, None, market);
        self.client.call(request).await
    }

    /// One playlist filtered with Spotify's `fields` (e.g. `"name,items(total)"`), decoded as `T`:
    /// a type of yours with the fields you asked for, or `serde_json::Value`. A filtered answer is
    /// not a whole playlist, so it never decodes into [`PlaylistObject`].
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct NameAndSize {
    ///     name: String,
    ///     items: Total,
    /// }
    /// #[derive(serde::Deserialize)]
    /// struct Total {
    ///     total: u32,
    /// }
    ///
    /// let playlist: NameAndSize = client
    ///     .playlists()
    ///     .get_fields("3cEYpjA9oz9GiPac4AsH4n", "name,items(total)")
    ///     .await?;
    /// println!("{}: {} items", playlist.name, playlist.items.total);
    /// # Ok(()) }
    /// ```
    #[inline]
    pub async fn get_fields<T: DeserializeOwned>(
        &self,
        id: impl IntoId<PlaylistId>,
        fields: &str,
    ) -> Result<T, Error> {
        let id = id.into_id()?;
        let raw = self.client.raw();
        let request = raw.get_playlist(id.id(), ADDITIONAL_TYPES, Some(fields), None);
        self.client.call(request.decode_as::<T>()).await
    }

    /// Changes the name, description, public or collaborative flag (`PUT /playlists/{id}`); fields
    /// left `None` stay as they are.
    #[inline]
    pub async fn change_details(
        &self,
        id: impl IntoId<PlaylistId>,
        details: crate::types::ChangePlaylistDetailsBody,
    ) -> Result<(), Error> {
        let id = id.into_id()?;
        let request = self.client.raw().change_playlist_details(id.id(), &details);
        self.client.call(request).await
    }

    /// The playlist's items (tracks and episodes) as a lazy stream (`GET /playlists/{id}/items`, 50
    /// per page). Spotify only answers this for playlists the user owns or collaborates on.
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use futures::TryStreamExt;
    ///
    /// let mut items = client.playlists().items("spotify:playlist:3cEYpjA9oz9GiPac4AsH4n");
    /// while let Some(entry) = items.try_next().await? {
    ///     if let Some(playing) = entry.item.as_ref().and_then(|item| item.summary()) {
    ///         println!("{} – {} ({})", playing.by, playing.name, playing.duration_text());
    ///     }
    /// }
    /// let snapshot = client
    ///     .playlists()
    ///     .add_items("3cEYpjA9oz9GiPac4AsH4n", ["spotify:track:4uLU6hMCjMI75M1A2tKUQC"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn items(&self, id: impl IntoId<PlaylistId>) -> Paginator<PagingPlaylistTrackObject> {
        self.items_with(id, PlaylistOptions::default())
    }

    /// The playlist's items with options (a market).
    #[inline]
    pub fn items_with(
        &self,
        id: impl IntoId<PlaylistId>,
        options: PlaylistOptions,
    ) -> Paginator<PagingPlaylistTrackObject> {
        let list = self.item_path.edits().list;
        Paginator::or_failed(id.into_id(), |id| {
            offset_stream(self.client, move |raw, offset, size| {
                let market = options.market.as_deref();
                list(raw, id.id(), None, limit(size), market, Some(offset))
            })
        })
    }

    /// The playlist's items filtered with Spotify's `fields` (e.g.
    /// `"items(added_at,item(name,uri))"`), each entry decoded as `T` (a type of yours, or
    /// `serde_json::Value`), as a lazy stream. The paging fields (`next,offset,total`) are added to
    /// the filter when it lacks them.
    #[inline]
    pub fn items_fields<T>(
        &self,
        id: impl IntoId<PlaylistId>,
        fields: &str,
    ) -> Paginator<FilteredPage<T>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let (list, fields) = (self.item_path.edits().list, with_paging_fields(fields));
        Paginator::or_failed(id.into_id(), |id| {
            offset_stream(self.client, move |raw, offset, size| {
                list(raw, id.id(), Some(&fields), limit(size), None, Some(offset))
                    .decode_as::<FilteredPage<T>>()
            })
        })
    }

    /// The current user's playlists, owned and followed, as a lazy stream (`GET /me/playlists`).
    #[inline]
    pub fn of_current_user(&self) -> Paginator<PagingPlaylistObject> {
        offset_stream(self.client, |raw, offset, size| {
            raw.get_a_list_of_current_users_playlists(limit(size), Some(offset))
        })
    }

    /// Creates a playlist for the current user (`POST /me/playlists`); it starts empty.
    #[inline]
    pub async fn create(
        &self,
        name: impl Into<String>,
        details: NewPlaylist,
    ) -> Result<PlaylistObject, Error> {
        let body = CreatePlaylistBody {
            name: name.into(),
            description: details.description,
            public: details.public,
            collaborative: details.collaborative,
        };
        self.client
            .call(self.client.raw().create_playlist(&body))
            .await
    }
}

mod cover;
pub(super) mod edit;

use edit::ItemPath;

/// `fields` with the paging fields it lacks at its top level appended.
#[inline]
fn with_paging_fields(fields: &str) -> String {
    let mut depth = 0;
    let mut top: Vec<String> = vec![String::new()];
    for c in fields.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                top.push(String::new());
                continue;
            }
            _ => {}
        }
        if depth == 0
            && c != ')'
            && let Some(last) = top.last_mut()
        {
            last.push(c);
        }
    }
    let named: Vec<&str> = top.iter().map(|f| f.trim()).collect();
    let mut out = fields.trim().to_string();
    for field in PAGING_FIELDS {
        if !named.contains(&field) {
            if !out.is_empty() {
                out.push(',');
            }
            out.push_str(field);
        }
    }
    out
}

/// The `snapshot_id` of a change's answer.
#[inline]
fn snapshot(snapshot_id: Option<String>, operation_id: &'static str) -> Result<String, Error> {
    snapshot_id.ok_or_else(|| Error::Decode {
        endpoint: Some(super::endpoint(operation_id)),
        status: None,
        path: "snapshot_id".into(),
        message: "the answer has no snapshot_id".into(),
        snippet: Box::default(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn paging_fields_are_added_when_missing() {
        use super::with_paging_fields as f;
        assert_eq!(
            f("items(added_at,item(name,uri))"),
            "items(added_at,item(name,uri)),next,offset,total"
        );
        assert_eq!(
            f("total,items(item(name)),next"),
            "total,items(item(name)),next,offset"
        );
        assert_eq!(f("next,offset,total"), "next,offset,total");
        assert_eq!(f("items(total)"), "items(total),next,offset,total");
    }
}
