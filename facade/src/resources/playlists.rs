//! Playlists.

use super::resource;

resource! {
    /// Playlists: `client.playlists()`.
    Playlists;
}
