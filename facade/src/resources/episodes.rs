//! Episodes.

use super::resource;

resource! {
    /// Episodes: `client.episodes()`.
    Episodes;
}
