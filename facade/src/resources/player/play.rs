//! The arguments of playback commands: [`Play`] and [`RepeatMode`].

use std::time::Duration;

use super::millis;
use crate::Error;
use crate::ids::{AnyId, IntoId, Kind, PlayableId, parse_all};
use crate::types::StartAUsersPlaybackBody;
use crate::words::words;

/// What [`Player::play`](super::Player::play) starts: a context (an album, artist, playlist, show
/// or audiobook) or a list of tracks and episodes, optionally from an offset and a position,
/// optionally on a given device.
///
/// IDs are parsed when the value is built; an invalid one makes
/// [`Player::play`](super::Player::play) fail with [`Error::InvalidId`] before anything is sent.
#[derive(Debug)]
#[must_use = "pass it to Player::play"]
pub struct Play {
    pub(super) body: Result<StartAUsersPlaybackBody, Error>,
    pub(super) device_id: Option<String>,
}

impl Play {
    /// Plays a context, given as a URI or URL (`spotify:album:...`,
    /// `https://open.spotify.com/playlist/...`).
    #[inline]
    pub fn context(context: impl IntoId<AnyId>) -> Self {
        let body = context.into_id().and_then(|id| match id.kind() {
            Kind::Album | Kind::Artist | Kind::Playlist | Kind::Show | Kind::Audiobook => {
                Ok(StartAUsersPlaybackBody {
                    context_uri: Some(id.uri()),
                    ..Default::default()
                })
            }
            kind => Err(Error::InvalidId {
                input: id.uri(),
                expected: "album, artist, playlist, show or audiobook URI or URL",
                reason: format!(
                    "a {kind} is not a context to play; use Play::items for tracks and episodes"
                ),
            }),
        });
        Self {
            body,
            device_id: None,
        }
    }

    /// Plays these tracks and episodes in order (IDs, URIs or URLs; a bare ID is taken as a track).
    #[inline]
    pub fn items(items: impl IntoIterator<Item = impl IntoId<PlayableId>>) -> Self {
        let body = parse_all::<PlayableId, _>(items).and_then(|items| {
            if items.is_empty() {
                return Err(Error::InvalidArgument(
                    "Play::items: the list is empty".into(),
                ));
            }
            Ok(StartAUsersPlaybackBody {
                uris: items.iter().map(PlayableId::uri).collect(),
                ..Default::default()
            })
        });
        Self {
            body,
            device_id: None,
        }
    }

    /// Starts at the item with this zero-based index in the context or list.
    #[inline]
    pub fn offset(mut self, index: u32) -> Self {
        if let Ok(body) = &mut self.body {
            body.offset = serde_json::Map::from_iter([("position".to_string(), index.into())]);
        }
        self
    }

    /// Starts at this item of the context or list (ID, URI or URL).
    #[inline]
    pub fn offset_item(mut self, item: impl IntoId<PlayableId>) -> Self {
        self.body = self.body.and_then(|mut body| {
            let uri = item.into_id()?.uri();
            body.offset = serde_json::Map::from_iter([("uri".to_string(), uri.into())]);
            Ok(body)
        });
        self
    }

    /// Starts this far into the first item.
    #[inline]
    pub fn position(mut self, position: Duration) -> Self {
        self.body = self.body.and_then(|mut body| {
            body.position_ms = Some(millis(position, "Play::position")?);
            Ok(body)
        });
        self
    }

    /// Plays on this device instead of the active one (it becomes the active device).
    #[inline]
    pub fn device(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }
}

/// The repeat mode of [`Player::repeat`](super::Player::repeat) (and of `repeat_state` in the
/// playback state, which parses into it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RepeatMode {
    /// No repeat.
    Off,
    /// Repeat the current track or episode.
    Track,
    /// Repeat the current context (album, playlist, ...).
    Context,
}

words! {
    /// The word Spotify uses: `off`, `track` or `context`.
    RepeatMode("a repeat mode") { Off => "off", Track => "track", Context => "context" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_modes_round_trip() {
        for mode in [RepeatMode::Off, RepeatMode::Track, RepeatMode::Context] {
            assert_eq!(mode.as_str().parse::<RepeatMode>().unwrap(), mode);
            assert_eq!(mode.to_string(), mode.as_str());
        }
        assert!(matches!(
            "sometimes".parse::<RepeatMode>(),
            Err(Error::InvalidArgument(_))
        ));
    }

    #[test]
    fn play_bodies() {
        let body = Play::context("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M?si=x")
            .offset(2)
            .position(Duration::from_millis(1500))
            .body
            .unwrap();
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({
                "context_uri": "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M",
                "offset": {"position": 2},
                "position_ms": 1500,
            })
        );
        let body = Play::items([
            "4uLU6hMCjMI75M1A2tKUQC",
            "spotify:episode:512ojhOuo1ktJprKbVcKyQ",
        ])
        .offset_item("spotify:episode:512ojhOuo1ktJprKbVcKyQ")
        .body
        .unwrap();
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({
                "uris": [
                    "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
                    "spotify:episode:512ojhOuo1ktJprKbVcKyQ",
                ],
                "offset": {"uri": "spotify:episode:512ojhOuo1ktJprKbVcKyQ"},
            })
        );
    }

    #[test]
    fn bad_play_values_are_kept_until_play() {
        let bad = [
            Play::context("spotify:track:4uLU6hMCjMI75M1A2tKUQC"),
            Play::context("4aawyAB9vmqN3uQ7FjRGTy"),
            Play::items(["spotify:album:4aawyAB9vmqN3uQ7FjRGTy"]),
            Play::context("spotify:album:4aawyAB9vmqN3uQ7FjRGTy").offset_item("nope"),
        ];
        for play in bad {
            assert!(
                matches!(play.body, Err(Error::InvalidId { .. })),
                "{play:?}"
            );
        }
        let empty = Play::items(Vec::<String>::new());
        assert!(matches!(empty.body, Err(Error::InvalidArgument(_))));
        let too_long = Play::items(["4uLU6hMCjMI75M1A2tKUQC"]).position(Duration::MAX);
        assert!(matches!(too_long.body, Err(Error::InvalidArgument(_))));
    }
}
