//! Changing a playlist's items: add, insert, replace, reorder, remove (`/playlists/{id}/items`, and
//! the deprecated `/playlists/{id}/tracks` twins).

use super::{ItemsPath, Playlists, send_raw, snapshot};
use crate::ids::{IntoId, PlayableId, PlaylistId, parse_all};
use crate::resources::resource;
use crate::types::{
    AddItemsToPlaylistBody, AddTracksToPlaylistBody, RemoveItemsPlaylistBody,
    RemoveItemsPlaylistBodyItemsItem, RemoveTracksPlaylistBody, RemoveTracksPlaylistBodyTracksItem,
    ReorderOrReplacePlaylistsItemsBody, ReorderOrReplacePlaylistsTracksBody,
};
use crate::{Client, Error};

/// Spotify takes at most 100 items per add, replace or remove request; longer lists are sent in
/// several requests, in order.
const MAX_PER_REQUEST: usize = 100;

resource!(@methods Playlists;
    /// Appends tracks and episodes (`POST /playlists/{id}/items`, 100 per request) and returns the
    /// playlist's new snapshot ID. Items are IDs, URIs or URLs (a bare ID is a track). An empty list is
    /// [`Error::InvalidArgument`]. If a later request of a long list fails, the earlier ones stay
    /// applied.
    pub async fn add_items(&self, id: impl IntoId<PlaylistId>, items: impl IntoIterator<Item = impl IntoId<PlayableId>>) -> Result<String, Error> {
        let id = id.into_id()?;
        add(self.client, &id, &uris(items)?, None, ItemsPath::Items).await
    }

    /// Inserts tracks and episodes at `position` (0 is the top), keeping their order; otherwise like
    /// [`add_items`](Self::add_items).
    pub async fn insert_items(&self, id: impl IntoId<PlaylistId>, position: u32, items: impl IntoIterator<Item = impl IntoId<PlayableId>>) -> Result<String, Error> {
        let id = id.into_id()?;
        add(self.client, &id, &uris(items)?, Some(position), ItemsPath::Items).await
    }

    /// Replaces all items (`PUT /playlists/{id}/items`; beyond 100 items the rest are appended with
    /// `POST`). An empty list clears the playlist. Returns the new snapshot ID.
    pub async fn replace_items(&self, id: impl IntoId<PlaylistId>, items: impl IntoIterator<Item = impl IntoId<PlayableId>>) -> Result<String, Error> {
        let id = id.into_id()?;
        replace(self.client, &id, &uris(items)?, ItemsPath::Items).await
    }

    /// Moves `range_length` items starting at `range_start` to before the item at `insert_before`
    /// (positions as they are before the move; `insert_before` = the length moves them to the end).
    /// With `snapshot_id`, Spotify applies the move to that version of the playlist. Returns the new
    /// snapshot ID.
    pub async fn reorder_items(&self, id: impl IntoId<PlaylistId>, range_start: u32, range_length: u32, insert_before: u32, snapshot_id: Option<&str>) -> Result<String, Error> {
        let id = id.into_id()?;
        reorder(self.client, &id, [range_start, range_length, insert_before], snapshot_id, ItemsPath::Items).await
    }

    /// Removes every occurrence of the given tracks and episodes (`DELETE /playlists/{id}/items`, 100
    /// per request), against `snapshot_id` if given. Returns the new snapshot ID; an empty list is
    /// [`Error::InvalidArgument`].
    pub async fn remove_items(&self, id: impl IntoId<PlaylistId>, items: impl IntoIterator<Item = impl IntoId<PlayableId>>, snapshot_id: Option<&str>) -> Result<String, Error> {
        let id = id.into_id()?;
        remove(self.client, &id, &uris(items)?, snapshot_id, ItemsPath::Items).await
    }

    /// [`add_items`](Self::add_items) (or [`insert_items`](Self::insert_items) with a position) through
    /// the deprecated `POST /playlists/{id}/tracks`.
    #[deprecated(note = "Spotify deprecated POST /playlists/{id}/tracks; use `add_items` or `insert_items` (POST /playlists/{id}/items)")]
    pub async fn add_tracks(&self, id: impl IntoId<PlaylistId>, items: impl IntoIterator<Item = impl IntoId<PlayableId>>, position: Option<u32>) -> Result<String, Error> {
        let id = id.into_id()?;
        add(self.client, &id, &uris(items)?, position, ItemsPath::Tracks).await
    }

    /// [`replace_items`](Self::replace_items) through the deprecated `PUT /playlists/{id}/tracks`.
    #[deprecated(note = "Spotify deprecated PUT /playlists/{id}/tracks; use `replace_items` (PUT /playlists/{id}/items)")]
    pub async fn replace_tracks(&self, id: impl IntoId<PlaylistId>, items: impl IntoIterator<Item = impl IntoId<PlayableId>>) -> Result<String, Error> {
        let id = id.into_id()?;
        replace(self.client, &id, &uris(items)?, ItemsPath::Tracks).await
    }

    /// [`reorder_items`](Self::reorder_items) through the deprecated `PUT /playlists/{id}/tracks`.
    #[deprecated(note = "Spotify deprecated PUT /playlists/{id}/tracks; use `reorder_items` (PUT /playlists/{id}/items)")]
    pub async fn reorder_tracks(&self, id: impl IntoId<PlaylistId>, range_start: u32, range_length: u32, insert_before: u32, snapshot_id: Option<&str>) -> Result<String, Error> {
        let id = id.into_id()?;
        reorder(self.client, &id, [range_start, range_length, insert_before], snapshot_id, ItemsPath::Tracks).await
    }

    /// [`remove_items`](Self::remove_items) through the deprecated `DELETE /playlists/{id}/tracks`.
    #[deprecated(note = "Spotify deprecated DELETE /playlists/{id}/tracks; use `remove_items` (DELETE /playlists/{id}/items)")]
    pub async fn remove_tracks(&self, id: impl IntoId<PlaylistId>, items: impl IntoIterator<Item = impl IntoId<PlayableId>>, snapshot_id: Option<&str>) -> Result<String, Error> {
        let id = id.into_id()?;
        remove(self.client, &id, &uris(items)?, snapshot_id, ItemsPath::Tracks).await
    }
);

/// Parses every item (nothing is sent if one is invalid) into its URI.
fn uris(items: impl IntoIterator<Item = impl IntoId<PlayableId>>) -> Result<Vec<String>, Error> {
    let items: Vec<PlayableId> = parse_all(items)?;
    Ok(items.iter().map(PlayableId::uri).collect())
}

fn nothing_to(what: &str) -> Error {
    Error::InvalidArgument(format!("no items to {what}"))
}

async fn add(
    client: &Client,
    id: &PlaylistId,
    uris: &[String],
    position: Option<u32>,
    path: ItemsPath,
) -> Result<String, Error> {
    if uris.is_empty() {
        return Err(nothing_to("add"));
    }
    let mut last = None;
    for (n, chunk) in uris.chunks(MAX_PER_REQUEST).enumerate() {
        // Each chunk goes right after the previous one.
        let position = position.map(|p| i64::from(p) + (n * MAX_PER_REQUEST) as i64);
        let uris = chunk.to_vec();
        last = match path {
            ItemsPath::Items => {
                let body = AddItemsToPlaylistBody { position, uris };
                let response = client
                    .call(|raw| {
                        raw.add_items_to_playlist()
                            .playlist_id(id.id())
                            .body(body)
                            .send()
                    })
                    .await?;
                Some(snapshot(response.snapshot_id, "add-items-to-playlist")?)
            }
            ItemsPath::Tracks => {
                let body = AddTracksToPlaylistBody { position, uris };
                let response = client
                    .call(|raw| {
                        raw.add_tracks_to_playlist()
                            .playlist_id(id.id())
                            .body(body)
                            .send()
                    })
                    .await?;
                Some(snapshot(response.snapshot_id, "add-tracks-to-playlist")?)
            }
        };
    }
    last.ok_or_else(|| nothing_to("add"))
}

async fn replace(
    client: &Client,
    id: &PlaylistId,
    uris: &[String],
    path: ItemsPath,
) -> Result<String, Error> {
    let first = &uris[..uris.len().min(MAX_PER_REQUEST)];
    let rest = &uris[first.len()..];
    let operation = match path {
        ItemsPath::Items => "reorder-or-replace-playlists-items",
        ItemsPath::Tracks => "reorder-or-replace-playlists-tracks",
    };
    let snapshot_id = if first.is_empty() {
        // The generated body leaves out an empty `uris`, and `{}` is no replace request: send
        // `{"uris": []}` (how Spotify clears a playlist) ourselves.
        let segment = match path {
            ItemsPath::Items => "items",
            ItemsPath::Tracks => "tracks",
        };
        let response: Option<crate::types::ReorderOrReplacePlaylistsItemsResponse> =
            send_raw(client, operation, |http, base| {
                http.put(format!("{base}/playlists/{}/{segment}", id.id()))
                    .json(&serde_json::json!({ "uris": [] }))
            })
            .await?;
        response.and_then(|r| r.snapshot_id)
    } else {
        match path {
            ItemsPath::Items => {
                let body = ReorderOrReplacePlaylistsItemsBody {
                    uris: first.to_vec(),
                    ..Default::default()
                };
                client
                    .call(|raw| {
                        raw.reorder_or_replace_playlists_items()
                            .playlist_id(id.id())
                            .body(body)
                            .send()
                    })
                    .await?
                    .snapshot_id
            }
            ItemsPath::Tracks => {
                let body = ReorderOrReplacePlaylistsTracksBody {
                    uris: first.to_vec(),
                    ..Default::default()
                };
                client
                    .call(|raw| {
                        raw.reorder_or_replace_playlists_tracks()
                            .playlist_id(id.id())
                            .body(body)
                            .send()
                    })
                    .await?
                    .snapshot_id
            }
        }
    };
    if rest.is_empty() {
        snapshot(snapshot_id, operation)
    } else {
        add(client, id, rest, None, path).await
    }
}

async fn reorder(
    client: &Client,
    id: &PlaylistId,
    [range_start, range_length, insert_before]: [u32; 3],
    snapshot_id: Option<&str>,
    path: ItemsPath,
) -> Result<String, Error> {
    if range_length == 0 {
        return Err(Error::InvalidArgument(
            "range_length must be at least 1".into(),
        ));
    }
    let (range_start, range_length, insert_before) = (
        Some(i64::from(range_start)),
        Some(i64::from(range_length)),
        Some(i64::from(insert_before)),
    );
    let snapshot_id = snapshot_id.map(str::to_string);
    match path {
        ItemsPath::Items => {
            let body = ReorderOrReplacePlaylistsItemsBody {
                range_start,
                range_length,
                insert_before,
                snapshot_id,
                uris: Vec::new(),
            };
            let response = client
                .call(|raw| {
                    raw.reorder_or_replace_playlists_items()
                        .playlist_id(id.id())
                        .body(body)
                        .send()
                })
                .await?;
            snapshot(response.snapshot_id, "reorder-or-replace-playlists-items")
        }
        ItemsPath::Tracks => {
            let body = ReorderOrReplacePlaylistsTracksBody {
                range_start,
                range_length,
                insert_before,
                snapshot_id,
                uris: Vec::new(),
            };
            let response = client
                .call(|raw| {
                    raw.reorder_or_replace_playlists_tracks()
                        .playlist_id(id.id())
                        .body(body)
                        .send()
                })
                .await?;
            snapshot(response.snapshot_id, "reorder-or-replace-playlists-tracks")
        }
    }
}

async fn remove(
    client: &Client,
    id: &PlaylistId,
    uris: &[String],
    snapshot_id: Option<&str>,
    path: ItemsPath,
) -> Result<String, Error> {
    let mut last = None;
    // Every request names the caller's snapshot: Spotify applies each against that version.
    let snapshot_id = snapshot_id.map(str::to_string);
    for chunk in uris.chunks(MAX_PER_REQUEST) {
        last = match path {
            ItemsPath::Items => {
                let body = RemoveItemsPlaylistBody {
                    items: chunk
                        .iter()
                        .map(|uri| RemoveItemsPlaylistBodyItemsItem {
                            uri: Some(uri.clone()),
                        })
                        .collect(),
                    snapshot_id: snapshot_id.clone(),
                };
                let response = client
                    .call(|raw| {
                        raw.remove_items_playlist()
                            .playlist_id(id.id())
                            .body(body)
                            .send()
                    })
                    .await?;
                Some(snapshot(response.snapshot_id, "remove-items-playlist")?)
            }
            ItemsPath::Tracks => {
                let body = RemoveTracksPlaylistBody {
                    tracks: chunk
                        .iter()
                        .map(|uri| RemoveTracksPlaylistBodyTracksItem {
                            uri: Some(uri.clone()),
                        })
                        .collect(),
                    snapshot_id: snapshot_id.clone(),
                };
                let response = client
                    .call(|raw| {
                        raw.remove_tracks_playlist()
                            .playlist_id(id.id())
                            .body(body)
                            .send()
                    })
                    .await?;
                Some(snapshot(response.snapshot_id, "remove-tracks-playlist")?)
            }
        };
    }
    last.ok_or_else(|| nothing_to("remove"))
}
