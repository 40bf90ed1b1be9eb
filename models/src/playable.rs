//! Reading a track-or-episode entry's common facts without matching on its kind (handwritten).

use std::time::Duration;

use crate::types::PlayableItem;

/// What every track and episode has: its name, URI, length, and who made it (the track's artists
/// or the episode's show). See [`PlayableItem::summary`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary<'a> {
    /// The track's or episode's name.
    pub name: &'a str,
    /// Its Spotify URI (`spotify:track:…`, `spotify:episode:…`, or `spotify:local:…` for a local
    /// file).
    pub uri: &'a str,
    /// Its length in milliseconds.
    pub duration_ms: i64,
    /// The track's artists, joined with `", "`, or the episode's show.
    pub by: String,
}

impl Summary<'_> {
    /// The length as a [`Duration`] (zero if Spotify sent a negative one).
    pub fn duration(&self) -> Duration {
        Duration::from_millis(u64::try_from(self.duration_ms).unwrap_or(0))
    }

    /// The length as people write it: `m:ss`, or `h:mm:ss` from an hour up.
    pub fn duration_text(&self) -> String {
        let seconds = self.duration().as_secs();
        let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        if hours > 0 {
            format!("{hours}:{minutes:02}:{seconds:02}")
        } else {
            format!("{minutes}:{seconds:02}")
        }
    }
}

impl PlayableItem {
    /// The facts a track and an episode share, or `None` for an item of a kind this version does not
    /// know ([`PlayableItem::Unknown`]).
    ///
    /// ```
    /// # let item: spotify_sdk_models::types::PlayableItem = serde_json::from_value(serde_json::json!({
    /// #     "type": "chapter", "name": "x"})).unwrap();
    /// if let Some(s) = item.summary() {
    ///     println!("{} – {} ({})", s.by, s.name, s.duration_text());
    /// }
    /// ```
    pub fn summary(&self) -> Option<Summary<'_>> {
        match self {
            PlayableItem::Track(track) => Some(Summary {
                name: &track.name,
                uri: &track.uri,
                duration_ms: track.duration_ms,
                by: track
                    .artists
                    .iter()
                    .map(|artist| artist.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
            PlayableItem::Episode(episode) => Some(Summary {
                name: &episode.name,
                uri: &episode.uri,
                duration_ms: episode.duration_ms,
                by: episode.show.name.clone(),
            }),
            PlayableItem::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        let summary = |duration_ms| Summary {
            name: "n",
            uri: "u",
            duration_ms,
            by: String::new(),
        };
        assert_eq!(summary(213_573).duration_text(), "3:33");
        assert_eq!(summary(59_999).duration_text(), "0:59");
        assert_eq!(summary(3_723_000).duration_text(), "1:02:03");
        assert_eq!(summary(-5).duration(), Duration::ZERO);
    }
}
