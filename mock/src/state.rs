//! The mutable world of the mock: the user's library, playlists and playback.

use std::collections::{HashMap, VecDeque};

use crate::catalog::{mock_id, now_timestamp, timestamp};

/// The id of the mock's current user (`GET /me`).
pub const USER_ID: &str = "mock-user";

/// One entry of the user's library.
#[derive(Clone, Debug)]
pub(crate) struct Saved {
    pub uri: String,
    pub added_at: String,
}

/// One item of a playlist.
#[derive(Clone, Debug)]
pub(crate) struct PlaylistItem {
    pub uri: String,
    pub added_at: String,
    /// A name for generated tracks (otherwise derived from the id).
    pub name: Option<String>,
}

/// A playlist the mock knows.
#[derive(Clone, Debug)]
pub(crate) struct Playlist {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub public: bool,
    pub collaborative: bool,
    pub owner_id: String,
    pub version: u64,
    pub items: Vec<PlaylistItem>,
    pub image: Option<String>,
}

impl Playlist {
    pub fn snapshot_id(&self) -> String {
        format!(
            "{}-v{}",
            mock_id(&format!("snapshot:{}", self.id)),
            self.version
        )
    }

    pub fn bump(&mut self) -> String {
        self.version += 1;
        self.snapshot_id()
    }
}

/// A Spotify Connect device.
#[derive(Clone, Debug)]
pub(crate) struct Device {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub volume_percent: u8,
}

/// What is playing.
#[derive(Clone, Debug)]
pub(crate) struct Playback {
    pub device_id: String,
    pub is_playing: bool,
    pub context_uri: Option<String>,
    /// The list being played (a context's items or the given URIs).
    pub uris: Vec<String>,
    pub index: usize,
    /// The current item (differs from `uris[index]` after playing something from the queue).
    pub current: String,
    pub progress_ms: u64,
    pub shuffle: bool,
    pub repeat: String,
    pub queue: VecDeque<String>,
}

/// Everything that changes.
pub(crate) struct State {
    /// The library, oldest first: saved tracks, albums, episodes, shows, audiobooks, followed
    /// artists, users and playlists, as URIs.
    pub library: Vec<Saved>,
    pub playlists: HashMap<String, Playlist>,
    pub playback: Option<Playback>,
    pub devices: Vec<Device>,
    /// Sizes of the virtual collections behind example-based paged operations.
    pub collection_sizes: HashMap<String, usize>,
    counter: u64,
}

impl Default for State {
    fn default() -> State {
        State {
            library: Vec::new(),
            playlists: HashMap::new(),
            playback: None,
            devices: vec![
                Device {
                    id: "mock-device-computer".into(),
                    name: "Mock Computer".into(),
                    kind: "Computer".into(),
                    volume_percent: 50,
                },
                Device {
                    id: "mock-device-phone".into(),
                    name: "Mock Phone".into(),
                    kind: "Smartphone".into(),
                    volume_percent: 80,
                },
            ],
            collection_sizes: HashMap::new(),
            counter: 0,
        }
    }
}

impl State {
    pub fn next_counter(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// The name of a generated item (`Track 3`), if `uri` is one.
    pub fn name_of(&self, uri: &str) -> Option<String> {
        self.playlists
            .values()
            .flat_map(|p| &p.items)
            .find(|i| i.uri == uri)
            .and_then(|i| i.name.clone())
    }

    pub fn is_saved(&self, uri: &str) -> bool {
        self.library.iter().any(|s| s.uri == uri)
    }

    pub fn save(&mut self, uri: &str) {
        if !self.is_saved(uri) {
            self.library.push(Saved {
                uri: uri.to_string(),
                added_at: now_timestamp(),
            });
        }
    }

    pub fn unsave(&mut self, uri: &str) {
        self.library.retain(|s| s.uri != uri);
    }

    /// Saved entries whose URI is of `kind`, most recently saved first (like Spotify).
    pub fn saved_of_kind(&self, kind: &str) -> Vec<Saved> {
        let prefix = format!("spotify:{kind}:");
        self.library
            .iter()
            .rev()
            .filter(|s| s.uri.starts_with(&prefix))
            .cloned()
            .collect()
    }

    /// Creates a playlist owned by `owner_id` and follows it.
    pub fn create_playlist(
        &mut self,
        owner_id: &str,
        name: &str,
        description: Option<String>,
        public: bool,
        collaborative: bool,
    ) -> String {
        let n = self.next_counter();
        let id = mock_id(&format!("playlist:{n}:{name}"));
        let playlist = Playlist {
            id: id.clone(),
            name: name.to_string(),
            description,
            public,
            collaborative,
            owner_id: owner_id.to_string(),
            version: 1,
            items: Vec::new(),
            image: None,
        };
        self.playlists.insert(id.clone(), playlist);
        self.save(&format!("spotify:playlist:{id}"));
        id
    }

    /// The playlist `id`, made up (with a few tracks) on first use unless the id starts with
    /// `missing`.
    pub fn playlist_mut(&mut self, id: &str) -> Option<&mut Playlist> {
        if id.starts_with("missing") {
            return None;
        }
        Some(
            self.playlists
                .entry(id.to_string())
                .or_insert_with(|| Playlist {
                    id: id.to_string(),
                    name: format!("Playlist {id}"),
                    description: Some("A playlist the mock made up".into()),
                    public: true,
                    collaborative: false,
                    owner_id: "spotify".into(),
                    version: 1,
                    items: generated_tracks(id, 4),
                    image: None,
                }),
        )
    }

    /// A playlist with `n` generated tracks, owned by the current user.
    pub fn add_generated_playlist(&mut self, n: usize) -> String {
        let id = self.create_playlist(
            USER_ID,
            &format!("Generated playlist ({n} tracks)"),
            None,
            true,
            false,
        );
        let playlist = self.playlists.get_mut(&id).expect("just created");
        playlist.items = generated_tracks(&id, n);
        playlist.version += 1;
        id
    }
}

/// `n` distinct, deterministic tracks named `Track 1`, `Track 2`, ...
pub(crate) fn generated_tracks(seed: &str, n: usize) -> Vec<PlaylistItem> {
    (0..n)
        .map(|i| PlaylistItem {
            uri: format!("spotify:track:{}", mock_id(&format!("{seed}:track:{i}"))),
            added_at: timestamp(1_767_225_600 + i as i64),
            name: Some(format!("Track {}", i + 1)),
        })
        .collect()
}
