//! Chapters.

use super::resource;

resource! {
    /// Chapters: `client.chapters()`.
    Chapters;
}
