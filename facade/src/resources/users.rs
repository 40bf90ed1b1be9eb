//! Users.

use super::resource;

resource! {
    /// Users: `client.users()`.
    Users;
}
