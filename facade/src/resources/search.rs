//! Search.

use super::resource;

resource! {
    /// Search: `client.search()`.
    Search;
}
