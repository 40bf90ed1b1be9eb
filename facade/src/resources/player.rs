//! Player.

use super::resource;

resource! {
    /// Player: `client.player()`.
    Player;
}
