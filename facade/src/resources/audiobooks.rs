//! Audiobooks.

use super::resource;

resource! {
    /// Audiobooks: `client.audiobooks()`.
    Audiobooks;
}
