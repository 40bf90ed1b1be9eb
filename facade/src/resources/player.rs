//! Player: playback state, devices, playback commands, the queue and recently played tracks.
//!
//! Commands (`pause`, `next`, `seek`, ...) act on the user's active device, need Spotify Premium,
//! and answer `Ok(())` once Spotify has accepted them (it applies them asynchronously: read
//! [`Player::state`] to see the effect). To make a device active use [`Player::transfer`], or start
//! playback on it with [`Play::device`]. For a command aimed at another device without
//! transferring, use the escape hatch, e.g.
//! `client.call(client.raw().pause_a_users_playback(Some("DEVICE")))`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{cursor_stream, group, limit};
use crate::ids::{IntoId, PlayableId};
use crate::types::{
    CurrentlyPlayingContextObject, CurrentlyPlayingObject, CursorPagingPlayHistoryObject,
    DeviceObject, QueueObject, StartAUsersPlaybackBody, TransferAUsersPlaybackBody,
};
use crate::{Client, Error, Paginator};

mod play;

pub use play::{Play, RepeatMode};

/// The item types this client understands in playback answers (episodes are left out by Spotify
/// unless asked for).
const ADDITIONAL_TYPES: Option<&str> = Some("track,episode");

group! {
    /// Player: `client.player()`.
    Player => player
}

impl Player<'_> {
    /// The playback state: item, progress, device, shuffle and repeat (`GET /me/player`). `None`
    /// when nothing is playing or paused on any device (Spotify answers `204 No Content`).
    #[inline]
    pub async fn state(&self) -> Result<Option<CurrentlyPlayingContextObject>, Error> {
        let raw = self.client.raw();
        let request = raw.get_information_about_the_users_current_playback(ADDITIONAL_TYPES, None);
        self.client.call_optional(request).await
    }

    /// The item playing now, with less detail than [`state`](Self::state)
    /// (`GET /me/player/currently-playing`). `None` when nothing is playing.
    #[inline]
    pub async fn currently_playing(&self) -> Result<Option<CurrentlyPlayingObject>, Error> {
        let raw = self.client.raw();
        let request = raw.get_the_users_currently_playing_track(ADDITIONAL_TYPES, None);
        self.client.call_optional(request).await
    }

    /// The user's available Spotify Connect devices (`GET /me/player/devices`).
    #[inline]
    pub async fn devices(&self) -> Result<Vec<DeviceObject>, Error> {
        let request = self.client.raw().get_a_users_available_devices();
        let response = self.client.call(request).await?;
        Ok(response.devices.into_iter().flatten().collect())
    }

    /// Moves playback to the device `device_id` (`PUT /me/player`); `play: true` also starts
    /// playing there, `false` keeps the current play/pause state.
    #[inline]
    pub async fn transfer(&self, device_id: &str, play: bool) -> Result<(), Error> {
        if device_id.trim().is_empty() {
            return Err(Error::InvalidArgument(
                "transfer: the device ID is empty".into(),
            ));
        }
        let body = TransferAUsersPlaybackBody {
            device_ids: vec![device_id.to_string()],
            play: Some(play),
        };
        self.client
            .call(self.client.raw().transfer_a_users_playback(&body))
            .await
    }

    /// Starts playing a context or a list of tracks and episodes (`PUT /me/player/play`).
    ///
    /// ```no_run
    /// # async fn run(client: spotify_sdk::Client) -> Result<(), spotify_sdk::Error> {
    /// use std::time::Duration;
    /// use spotify_sdk::resources::player::Play;
    ///
    /// // The fifth track of an album, 30 seconds in.
    /// let album = Play::context("spotify:album:5ht7ItJgpBH7W6vJ5BqpPr")
    ///     .offset(4)
    ///     .position(Duration::from_secs(30));
    /// client.player().play(album).await?;
    ///
    /// if let Some(state) = client.player().state().await? {
    ///     println!("playing: {}, at {:?} ms", state.is_playing, state.progress_ms);
    /// }
    /// # Ok(()) }
    /// ```
    #[inline]
    pub async fn play(&self, play: Play) -> Result<(), Error> {
        let Play { body, device_id } = play;
        let request = self
            .client
            .raw()
            .start_a_users_playback(device_id.as_deref(), &body?);
        self.client.call(request).await
    }

    /// Resumes playback where it was paused (`PUT /me/player/play` with an empty body).
    #[inline]
    pub async fn resume(&self) -> Result<(), Error> {
        let body = StartAUsersPlaybackBody::default();
        self.client
            .call(self.client.raw().start_a_users_playback(None, &body))
            .await
    }

    /// Pauses playback (`PUT /me/player/pause`).
    #[inline]
    pub async fn pause(&self) -> Result<(), Error> {
        self.client
            .call(self.client.raw().pause_a_users_playback(None))
            .await
    }

    /// Skips to the next item in the queue (`POST /me/player/next`).
    #[inline]
    pub async fn next(&self) -> Result<(), Error> {
        let request = self.client.raw().skip_users_playback_to_next_track(None);
        self.client.call(request).await
    }

    /// Skips to the previous item (`POST /me/player/previous`).
    #[inline]
    pub async fn previous(&self) -> Result<(), Error> {
        let request = self
            .client
            .raw()
            .skip_users_playback_to_previous_track(None);
        self.client.call(request).await
    }

    /// Seeks to `position` in the current item (`PUT /me/player/seek`); past its end, the next item
    /// starts.
    #[inline]
    pub async fn seek(&self, position: Duration) -> Result<(), Error> {
        let position_ms = millis(position, "seek")?;
        let raw = self.client.raw();
        let request = raw.seek_to_position_in_currently_playing_track(None, position_ms);
        self.client.call(request).await
    }

    /// Sets the repeat mode (`PUT /me/player/repeat`).
    #[inline]
    pub async fn repeat(&self, mode: RepeatMode) -> Result<(), Error> {
        let request = self
            .client
            .raw()
            .set_repeat_mode_on_users_playback(None, mode.as_str());
        self.client.call(request).await
    }

    /// Sets the active device's volume, 0 to 100 (`PUT /me/player/volume`). A larger value is
    /// [`Error::InvalidArgument`] and nothing is sent.
    #[inline]
    pub async fn volume(&self, percent: u8) -> Result<(), Error> {
        if percent > 100 {
            return Err(Error::InvalidArgument(format!(
                "volume: {percent} is not a percentage from 0 to 100"
            )));
        }
        let request = self
            .client
            .raw()
            .set_volume_for_users_playback(None, i64::from(percent));
        self.client.call(request).await
    }

    /// Turns shuffle on or off (`PUT /me/player/shuffle`).
    #[inline]
    pub async fn shuffle(&self, on: bool) -> Result<(), Error> {
        let request = self
            .client
            .raw()
            .toggle_shuffle_for_users_playback(None, on);
        self.client.call(request).await
    }

    /// The item playing now and the items queued after it (`GET /me/player/queue`).
    #[inline]
    pub async fn queue(&self) -> Result<QueueObject, Error> {
        self.client.call(self.client.raw().get_queue()).await
    }

    /// Adds a track or episode to the end of the queue (`POST /me/player/queue`), by ID, URI or URL
    /// (a bare ID is taken as a track).
    #[inline]
    pub async fn add_to_queue(&self, item: impl IntoId<PlayableId>) -> Result<(), Error> {
        let uri = item.into_id()?.uri();
        self.client
            .call(self.client.raw().add_to_queue(None, &uri))
            .await
    }

    /// The tracks the user played recently, newest first, going back in time (`GET
    /// /me/player/recently-played`, 50 per page; Spotify keeps only the last 50 or so).
    #[inline]
    pub fn recently_played(&self) -> Paginator<CursorPagingPlayHistoryObject> {
        history(self.client, Direction::Back, None)
    }

    /// The tracks played before `time`, newest first, going back in time. `time` is a `SystemTime`
    /// or a `chrono::DateTime<Utc>`, such as a
    /// [`played_at`](crate::types::PlayHistoryObject::played_at) from an earlier answer.
    #[inline]
    pub fn recently_played_before(
        &self,
        time: impl Into<SystemTime>,
    ) -> Paginator<CursorPagingPlayHistoryObject> {
        Paginator::or_failed(unix_millis(time.into()), |ms| {
            history(self.client, Direction::Back, Some(ms))
        })
    }

    /// The tracks played after `time`, oldest first: e.g. the plays since the newest `played_at`
    /// seen last time.
    #[inline]
    pub fn recently_played_after(
        &self,
        time: impl Into<SystemTime>,
    ) -> Paginator<CursorPagingPlayHistoryObject> {
        Paginator::or_failed(unix_millis(time.into()), |ms| {
            history(self.client, Direction::Forward, Some(ms))
        })
    }
}

/// Which way [`history`] walks through the plays.
#[derive(Clone, Copy, Debug)]
enum Direction {
    /// Newest first, with `before`.
    Back,
    /// Oldest first, with `after`.
    Forward,
}

/// Recently played tracks from `start` (Unix milliseconds; `None`: from now, going back).
#[inline]
fn history(
    client: &Client,
    direction: Direction,
    start: Option<i64>,
) -> Paginator<CursorPagingPlayHistoryObject> {
    let page = move |raw: &crate::raw::Client, cursor: Option<&str>, size: u32| {
        let at = match cursor {
            Some(cursor) => Some(cursor.parse::<i64>().map_err(|_| Error::Pagination {
                endpoint: Some(super::endpoint("get-recently-played")),
                message: format!("the cursor {cursor:?} is not a Unix timestamp in milliseconds"),
            })?),
            None => start,
        };
        Ok(match direction {
            Direction::Back => raw.get_recently_played(None, at, limit(size)),
            Direction::Forward => raw.get_recently_played(at, None, limit(size)),
        })
    };
    // The paginator follows `cursors.after`. Going back in time the next page is the one before
    // this page's oldest play; going forward, the one after its newest play, and the page is
    // reversed so that the whole stream runs oldest first.
    let turn = move |mut page: CursorPagingPlayHistoryObject| {
        match direction {
            Direction::Back => {
                if let Some(cursors) = page.cursors.as_mut() {
                    cursors.after = cursors.before.clone();
                }
            }
            Direction::Forward => page.items.reverse(),
        }
        Ok(page)
    };
    cursor_stream(client, page, turn)
}

/// `duration` in whole milliseconds, as the API's integer.
#[inline]
fn millis(duration: Duration, what: &str) -> Result<i64, Error> {
    i64::try_from(duration.as_millis())
        .map_err(|_| Error::InvalidArgument(format!("{what}: {duration:?} is too long")))
}

/// `time` as Unix milliseconds (the recently-played cursors).
#[inline]
fn unix_millis(time: SystemTime) -> Result<i64, Error> {
    let since_epoch = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Error::InvalidArgument("recently played: the time is before 1970".into()))?;
    millis(since_epoch, "recently played")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_before_1970_are_refused() {
        assert!(unix_millis(UNIX_EPOCH - Duration::from_secs(1)).is_err());
        assert_eq!(
            unix_millis(UNIX_EPOCH + Duration::from_millis(1_484_811_043_508)).unwrap(),
            1_484_811_043_508
        );
    }
}
