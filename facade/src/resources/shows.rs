//! Shows.

use super::resource;

resource! {
    /// Shows: `client.shows()`.
    Shows;
}
