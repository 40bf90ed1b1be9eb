//! Library.

use super::resource;

resource! {
    /// Library: `client.library()`.
    Library;
}
