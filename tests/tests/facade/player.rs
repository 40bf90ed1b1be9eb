//! `client.player()`. Commands run against something playing ([`Mock::playing`]).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use spotify_sdk::resources::player::{Play, RepeatMode};

use crate::Fixture;
use crate::ids::{ALBUM, EPISODE, TRACK, TRACK_2};
use crate::{Mock, all};

/// `seconds` before the mock's newest play (2026-01-01T00:00:00Z; the plays are a minute apart
/// going back, [`crate::COLLECTION`] of them).
fn before_newest_play(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_767_225_600 - seconds)
}

#[tokio::test]
async fn state() {
    let m = Mock::playing().await;
    let state = m.client.player().state().await.unwrap();
    snap!(m, "state", state);
}

/// Nothing playing: Spotify answers 204, the method `None`.
#[tokio::test]
async fn state_idle() {
    let m = Mock::start().await;
    let state = m.client.player().state().await.unwrap();
    snap!(m, "state__idle", state);
}

#[tokio::test]
async fn currently_playing() {
    let m = Mock::playing().await;
    let playing = m.client.player().currently_playing().await.unwrap();
    snap!(m, "currently_playing", playing);
}

#[tokio::test]
async fn devices() {
    let m = Mock::start().await;
    let devices = m.client.player().devices().await.unwrap();
    snap!(m, "devices", devices);
}

#[tokio::test]
async fn transfer() {
    let m = Mock::playing().await;
    let transferred = m
        .client
        .player()
        .transfer("mock-device-phone", true)
        .await
        .unwrap();
    snap!(m, "transfer", transferred);
}

/// A context from its second item, 30 s in, on a given device.
#[tokio::test]
async fn play() {
    let m = Mock::start().await;
    let play = Play::context(format!("spotify:album:{ALBUM}"))
        .offset(1)
        .position(Duration::from_secs(30))
        .device("mock-device-phone");
    let played = m.client.player().play(play).await.unwrap();
    snap!(m, "play", played);
}

/// A list of a track and an episode, from the episode.
#[tokio::test]
async fn play_items() {
    let m = Mock::start().await;
    let episode = format!("spotify:episode:{EPISODE}");
    let play = Play::items([TRACK.to_string(), episode.clone()]).offset_item(episode);
    let played = m.client.player().play(play).await.unwrap();
    snap!(m, "play__items", played);
}

#[tokio::test]
async fn resume() {
    let m = Mock::playing().await;
    m.client.player().pause().await.unwrap();
    m.forget();
    let resumed = m.client.player().resume().await.unwrap();
    snap!(m, "resume", resumed);
}

#[tokio::test]
async fn pause() {
    let m = Mock::playing().await;
    let paused = m.client.player().pause().await.unwrap();
    snap!(m, "pause", paused);
}

#[tokio::test]
async fn next() {
    let m = Mock::playing().await;
    let skipped = m.client.player().next().await.unwrap();
    snap!(m, "next", skipped);
}

#[tokio::test]
async fn previous() {
    let m = Mock::playing().await;
    let skipped = m.client.player().previous().await.unwrap();
    snap!(m, "previous", skipped);
}

#[tokio::test]
async fn seek() {
    let m = Mock::playing().await;
    let sought = m
        .client
        .player()
        .seek(Duration::from_millis(25_500))
        .await
        .unwrap();
    snap!(m, "seek", sought);
}

#[tokio::test]
async fn repeat() {
    let m = Mock::playing().await;
    let set = m.client.player().repeat(RepeatMode::Context).await.unwrap();
    snap!(m, "repeat", set);
}

#[tokio::test]
async fn volume() {
    let m = Mock::playing().await;
    let set = m.client.player().volume(30).await.unwrap();
    snap!(m, "volume", set);
}

#[tokio::test]
async fn shuffle() {
    let m = Mock::playing().await;
    let set = m.client.player().shuffle(true).await.unwrap();
    snap!(m, "shuffle", set);
}

#[tokio::test]
async fn queue() {
    let m = Mock::playing().await;
    m.client.player().add_to_queue(TRACK_2).await.unwrap();
    m.forget();
    let queue = m.client.player().queue().await.unwrap();
    snap!(m, "queue", queue);
}

#[tokio::test]
async fn add_to_queue() {
    let m = Mock::playing().await;
    let queued = m
        .client
        .player()
        .add_to_queue(format!("spotify:episode:{EPISODE}"))
        .await
        .unwrap();
    snap!(m, "add_to_queue", queued);
}

#[tokio::test]
async fn recently_played() {
    let m = Mock::start().await;
    let plays = all(m.client.player().recently_played()).await;
    snap!(m, "recently_played", plays);
}

/// Two plays, one per page: the second page is asked `before` the first page's oldest play.
#[tokio::test]
async fn recently_played_pages() {
    let m = Mock::start().await;
    let plays = all(m.client.player().recently_played().page_size(1)).await;
    snap!(m, "recently_played__pages", plays);
}

#[tokio::test]
async fn recently_played_before() {
    let m = Mock::start().await;
    // Only the play a minute before the newest one.
    let plays = all(m
        .client
        .player()
        .recently_played_before(before_newest_play(30)))
    .await;
    snap!(m, "recently_played_before", plays);
}

#[tokio::test]
async fn recently_played_after() {
    let m = Mock::start().await;
    // Both plays, oldest first; the second request, after the newest one, finds nothing more.
    let plays = all(m
        .client
        .player()
        .recently_played_after(before_newest_play(90)))
    .await;
    snap!(m, "recently_played_after", plays);
}
