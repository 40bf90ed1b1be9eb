//! Changing a playlist's items: add, insert, replace, reorder, remove (`/playlists/{id}/items`, or
//! the deprecated `/playlists/{id}/tracks` twins through
//! [`through_tracks_endpoints`](Playlists::through_tracks_endpoints)).
//!
//! Each method is written once over [`Edits`], the operations of the group's [`ItemPath`].

use std::num::NonZeroU64;

use super::{ADDITIONAL_TYPES, Playlists, snapshot};
use crate::ids::{IntoId, PlayableId, PlaylistId, parse_all};
use crate::types::{
    AddPlaylistItemsBody, PagingPlaylistTrackObject, RemoveItemsPlaylistBody,
    RemoveItemsPlaylistBodyItemsItem as RemoveItemsItem, RemoveTracksPlaylistBody,
    RemoveTracksPlaylistBodyTracksItem as RemoveTracksItem, ReorderPlaylistItemsBody,
};
use crate::{Client, Error, raw};

/// Spotify takes at most 100 items per add, replace or remove request; longer lists are sent in
/// several requests, in order.
const MAX_PER_REQUEST: usize = 100;

/// Which of Spotify's two item paths a [`Playlists`] group uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemPath {
    /// `/playlists/{id}/items`.
    Items,
    /// The deprecated `/playlists/{id}/tracks`.
    Tracks,
}

impl ItemPath {
    #[inline]
    pub(crate) fn edits(self) -> &'static Edits {
        match self {
            ItemPath::Items => &ITEMS,
            ItemPath::Tracks => &TRACKS,
        }
    }
}

/// The request of a page of items: playlist ID, `fields`, page size, market, offset.
pub(crate) type ListItems = fn(
    &raw::Client,
    &str,
    Option<&str>,
    Option<NonZeroU64>,
    Option<&str>,
    Option<i64>,
) -> raw::Request<PagingPlaylistTrackObject>;

/// The operations of one item path. The edits answer `{"snapshot_id": ...}` (under four type names
/// in the spec), decoded as [`Snapshot`]. The add and reorder bodies are one type for both paths
/// (`openapi/patches/06-playlist-edit-bodies-shared.yml`); the remove bodies differ (`items`
/// against `tracks`), so `remove` builds its own.
pub(crate) struct Edits {
    pub(crate) list: ListItems,
    add: fn(&raw::Client, &str, &AddPlaylistItemsBody) -> raw::Request<Snapshot>,
    put: fn(&raw::Client, &str, &ReorderPlaylistItemsBody) -> raw::Request<Snapshot>,
    remove: fn(&raw::Client, &str, Vec<String>, Option<String>) -> raw::Request<Snapshot>,
}

/// The answer of every playlist edit.
#[derive(serde::Deserialize)]
struct Snapshot {
    snapshot_id: Option<String>,
}

/// Sends an edit and returns the playlist's new snapshot ID.
#[inline]
async fn send(client: &Client, request: raw::Request<Snapshot>) -> Result<String, Error> {
    let operation_id = request.operation_id();
    snapshot(client.call(request).await?.snapshot_id, operation_id)
}

/// The [`Edits`] of one item path: its four operations, and its remove body with the name of
/// its list (`items` or `tracks`).
macro_rules! edits {
    (
        $get:ident, $add:ident, $put:ident, $remove:ident,
        $body:ident { $list:ident: $item:ident }
    ) => {
        Edits {
            list: |raw, id, fields, limit, market, offset| {
                raw.$get(id, ADDITIONAL_TYPES, fields, limit, market, offset)
            },
            add: |raw, id, body| raw.$add(id, None, None, body).decode_as(),
            put: |raw, id, body| raw.$put(id, None, body).decode_as(),
            remove: |raw, id, uris, snapshot_id| {
                let $list = uris.into_iter().map(|uri| $item { uri: Some(uri) });
                let $list = $list.collect();
                raw.$remove(id, &$body { $list, snapshot_id }).decode_as()
            },
        }
    };
}

const ITEMS: Edits = edits!(
    get_playlists_items,
    add_items_to_playlist,
    reorder_or_replace_playlists_items,
    remove_items_playlist,
    RemoveItemsPlaylistBody {
        items: RemoveItemsItem
    }
);

const TRACKS: Edits = edits!(
    get_playlists_tracks,
    add_tracks_to_playlist,
    reorder_or_replace_playlists_tracks,
    remove_tracks_playlist,
    RemoveTracksPlaylistBody {
        tracks: RemoveTracksItem
    }
);

impl Playlists<'_> {
    /// Appends tracks and episodes (`POST /playlists/{id}/items`, 100 per request) and returns the
    /// playlist's new snapshot ID. Items are IDs, URIs or URLs (a bare ID is a track). An empty
    /// list is [`Error::InvalidArgument`]. If a later request of a long list fails, the earlier
    /// ones stay applied.
    #[inline]
    pub async fn add_items(
        &self,
        id: impl IntoId<PlaylistId>,
        items: impl IntoIterator<Item = impl IntoId<PlayableId>>,
    ) -> Result<String, Error> {
        self.add(&id.into_id()?, &uris(items)?, None).await
    }

    /// Inserts tracks and episodes at `position` (0 is the top), keeping their order; otherwise
    /// like [`add_items`](Self::add_items).
    #[inline]
    pub async fn insert_items(
        &self,
        id: impl IntoId<PlaylistId>,
        position: u32,
        items: impl IntoIterator<Item = impl IntoId<PlayableId>>,
    ) -> Result<String, Error> {
        self.add(&id.into_id()?, &uris(items)?, Some(position))
            .await
    }

    /// Replaces all items (`PUT /playlists/{id}/items`; beyond 100 items the rest are appended with
    /// `POST`). An empty list clears the playlist. Returns the new snapshot ID.
    #[inline]
    pub async fn replace_items(
        &self,
        id: impl IntoId<PlaylistId>,
        items: impl IntoIterator<Item = impl IntoId<PlayableId>>,
    ) -> Result<String, Error> {
        let (id, uris) = (id.into_id()?, uris(items)?);
        let first = &uris[..uris.len().min(MAX_PER_REQUEST)];
        let rest = &uris[first.len()..];
        let body = ReorderPlaylistItemsBody {
            uris: first.to_vec(),
            ..ReorderPlaylistItemsBody::default()
        };
        let snapshot_id = send(self.client, self.put(&id, &body)).await?;
        if rest.is_empty() {
            Ok(snapshot_id)
        } else {
            self.add(&id, rest, None).await
        }
    }

    /// Moves `range_length` items starting at `range_start` to before the item at `insert_before`
    /// (positions as they are before the move; `insert_before` = the length moves them to the end).
    /// With `snapshot_id`, Spotify applies the move to that version of the playlist. Returns the
    /// new snapshot ID.
    #[inline]
    pub async fn reorder_items(
        &self,
        id: impl IntoId<PlaylistId>,
        range_start: u32,
        range_length: u32,
        insert_before: u32,
        snapshot_id: Option<&str>,
    ) -> Result<String, Error> {
        let id = id.into_id()?;
        if range_length == 0 {
            return Err(Error::InvalidArgument(
                "range_length must be at least 1".into(),
            ));
        }
        let body = ReorderPlaylistItemsBody {
            insert_before: Some(i64::from(insert_before)),
            range_length: Some(i64::from(range_length)),
            range_start: Some(i64::from(range_start)),
            snapshot_id: snapshot_id.map(str::to_string),
            uris: Vec::new(),
        };
        send(self.client, self.put(&id, &body)).await
    }

    /// Removes every occurrence of the given tracks and episodes (`DELETE /playlists/{id}/items`,
    /// 100 per request), against `snapshot_id` if given. Returns the new snapshot ID; an empty list
    /// is [`Error::InvalidArgument`].
    #[inline]
    pub async fn remove_items(
        &self,
        id: impl IntoId<PlaylistId>,
        items: impl IntoIterator<Item = impl IntoId<PlayableId>>,
        snapshot_id: Option<&str>,
    ) -> Result<String, Error> {
        let (id, uris) = (id.into_id()?, uris(items)?);
        let remove = self.item_path.edits().remove;
        let mut last = None;
        // Every request names the caller's snapshot: Spotify applies each against that version.
        for chunk in uris.chunks(MAX_PER_REQUEST) {
            let snapshot_id = snapshot_id.map(str::to_string);
            let request = remove(self.client.raw(), id.id(), chunk.to_vec(), snapshot_id);
            last = Some(send(self.client, request).await?);
        }
        last.ok_or_else(|| nothing_to("remove"))
    }

    /// Adds `uris` at `position` (or at the end), 100 per request.
    #[inline]
    async fn add(
        &self,
        id: &PlaylistId,
        uris: &[String],
        position: Option<u32>,
    ) -> Result<String, Error> {
        let mut last = None;
        for (n, chunk) in uris.chunks(MAX_PER_REQUEST).enumerate() {
            // Each chunk goes right after the previous one.
            let position = position.map(|p| i64::from(p) + (n * MAX_PER_REQUEST) as i64);
            let body = AddPlaylistItemsBody {
                position,
                uris: chunk.to_vec(),
            };
            let request = (self.item_path.edits().add)(self.client.raw(), id.id(), &body);
            last = Some(send(self.client, request).await?);
        }
        last.ok_or_else(|| nothing_to("add"))
    }

    /// A reorder or replace. A replace with no items must send `{"uris": []}` (how Spotify clears
    /// a playlist); the generated body leaves out an empty list, and `{}` is no replace request.
    #[inline]
    fn put(&self, id: &PlaylistId, body: &ReorderPlaylistItemsBody) -> raw::Request<Snapshot> {
        let mut request = (self.item_path.edits().put)(self.client.raw(), id.id(), body);
        if body.uris.is_empty()
            && body.range_start.is_none()
            && let Ok(http) = request.http_mut()
        {
            *http.body_mut() = Some(r#"{"uris":[]}"#.into());
        }
        request
    }
}

/// Parses every item (nothing is sent if one is invalid) into its URI.
#[inline]
fn uris(items: impl IntoIterator<Item = impl IntoId<PlayableId>>) -> Result<Vec<String>, Error> {
    let items: Vec<PlayableId> = parse_all(items)?;
    Ok(items.iter().map(PlayableId::uri).collect())
}

#[inline]
fn nothing_to(what: &str) -> Error {
    Error::InvalidArgument(format!("no items to {what}"))
}
