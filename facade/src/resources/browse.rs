//! Browse.

use super::resource;

resource! {
    /// Browse: `client.browse()`.
    Browse;
}
