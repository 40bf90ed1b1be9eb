//! Artists.

use super::resource;

resource! {
    /// Artists: `client.artists()`.
    Artists;
}
