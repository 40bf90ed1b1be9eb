//! Copies of the mock's state for tests to inspect.

use crate::state::{Playlist, State};

/// A playlist as the mock holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaylistSnapshot {
    /// The playlist id.
    pub id: String,
    /// The name.
    pub name: String,
    /// The description.
    pub description: Option<String>,
    /// Whether it is public.
    pub public: bool,
    /// Whether it is collaborative.
    pub collaborative: bool,
    /// The owner's user id.
    pub owner_id: String,
    /// The current `snapshot_id`.
    pub snapshot_id: String,
    /// The URIs of its items, in order.
    pub uris: Vec<String>,
}

/// The playback state as the mock holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaybackSnapshot {
    /// The active device.
    pub device_id: String,
    /// Whether it is playing (not paused).
    pub is_playing: bool,
    /// The URI of the current item.
    pub item_uri: String,
    /// The context (album, playlist, ...) being played, if any.
    pub context_uri: Option<String>,
    /// The position in the current item.
    pub progress_ms: u64,
    /// Shuffle on or off.
    pub shuffle: bool,
    /// `off`, `track` or `context`.
    pub repeat: String,
    /// The active device's volume.
    pub volume_percent: u8,
    /// URIs added with `POST /me/player/queue` and not played yet.
    pub queue: Vec<String>,
}

/// The whole state as the mock holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateSnapshot {
    /// The library (saved items, followed artists, users and playlists) as URIs, oldest first.
    pub saved_uris: Vec<String>,
    /// Every playlist created or used, sorted by id.
    pub playlists: Vec<PlaylistSnapshot>,
    /// The playback, `None` while nothing plays.
    pub playback: Option<PlaybackSnapshot>,
}

impl PlaylistSnapshot {
    pub(crate) fn of(p: &Playlist) -> PlaylistSnapshot {
        PlaylistSnapshot {
            id: p.id.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            public: p.public,
            collaborative: p.collaborative,
            owner_id: p.owner_id.clone(),
            snapshot_id: p.snapshot_id(),
            uris: p.items.iter().map(|i| i.uri.clone()).collect(),
        }
    }
}

impl PlaybackSnapshot {
    pub(crate) fn of(state: &State) -> Option<PlaybackSnapshot> {
        let p = state.playback.as_ref()?;
        let volume_percent = state
            .devices
            .iter()
            .find(|d| d.id == p.device_id)
            .map_or(0, |d| d.volume_percent);
        Some(PlaybackSnapshot {
            device_id: p.device_id.clone(),
            is_playing: p.is_playing,
            item_uri: p.current.clone(),
            context_uri: p.context_uri.clone(),
            progress_ms: p.progress_ms,
            shuffle: p.shuffle,
            repeat: p.repeat.clone(),
            volume_percent,
            queue: p.queue.iter().cloned().collect(),
        })
    }
}

impl StateSnapshot {
    pub(crate) fn of(state: &State) -> StateSnapshot {
        let mut playlists: Vec<PlaylistSnapshot> =
            state.playlists.values().map(PlaylistSnapshot::of).collect();
        playlists.sort_by(|a, b| a.id.cmp(&b.id));
        StateSnapshot {
            saved_uris: state.library.iter().map(|s| s.uri.clone()).collect(),
            playlists,
            playback: PlaybackSnapshot::of(state),
        }
    }
}
