//! `client.users()`: profiles, top items and following.

use spotify_sdk::resources::users::TimeRange;

use crate::ids::{ARTIST, ARTIST_2, PLAYLIST, USER};
use crate::{Mock, all};

#[tokio::test]
async fn me() {
    let m = Mock::start().await;
    let me = m.client.users().me().await.unwrap();
    snap!(m, "me", me);
}

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let user = m
        .client
        .users()
        .get(format!("spotify:user:{USER}"))
        .await
        .unwrap();
    snap!(m, "get", user);
}

#[tokio::test]
async fn top_artists() {
    let m = Mock::start().await;
    let artists = all(m.client.users().top_artists(TimeRange::ShortTerm)).await;
    snap!(m, "top_artists", artists);
}

#[tokio::test]
async fn top_tracks() {
    let m = Mock::start().await;
    let tracks = all(m.client.users().top_tracks(TimeRange::LongTerm)).await;
    snap!(m, "top_tracks", tracks);
}

#[tokio::test]
async fn followed_artists() {
    let m = Mock::start().await;
    m.server.save_uris(&[format!("spotify:artist:{ARTIST}")]);
    let artists = all(m.client.users().followed_artists()).await;
    snap!(m, "followed_artists", artists);
}

/// Three followed artists, two per page: the second page is asked `after` the first page's cursor.
#[tokio::test]
async fn followed_artists_pages() {
    let m = Mock::start().await;
    let artists = [ARTIST, ARTIST_2, "1vCWHaC5f2uS3yhpwWbIA6"];
    m.server
        .save_uris(&artists.map(|id| format!("spotify:artist:{id}")));
    let artists = all(m.client.users().followed_artists().page_size(2)).await;
    snap!(m, "followed_artists__pages", artists);
}

#[tokio::test]
async fn follow_artists() {
    let m = Mock::start().await;
    let followed = m
        .client
        .users()
        .follow_artists([ARTIST, ARTIST_2])
        .await
        .unwrap();
    snap!(m, "follow_artists", followed);
}

#[tokio::test]
async fn unfollow_artists() {
    let m = Mock::start().await;
    m.server.save_uris(&[format!("spotify:artist:{ARTIST}")]);
    let unfollowed = m
        .client
        .users()
        .unfollow_artists([ARTIST, ARTIST_2])
        .await
        .unwrap();
    snap!(m, "unfollow_artists", unfollowed);
}

#[tokio::test]
async fn follows_artists() {
    let m = Mock::start().await;
    m.server.save_uris(&[format!("spotify:artist:{ARTIST}")]);
    let follows = m
        .client
        .users()
        .follows_artists([ARTIST, ARTIST_2])
        .await
        .unwrap();
    snap!(m, "follows_artists", follows);
}

#[tokio::test]
async fn follow_users() {
    let m = Mock::start().await;
    let followed = m
        .client
        .users()
        .follow_users([USER, "spotify"])
        .await
        .unwrap();
    snap!(m, "follow_users", followed);
}

#[tokio::test]
async fn unfollow_users() {
    let m = Mock::start().await;
    m.server.save_uris(&[format!("spotify:user:{USER}")]);
    let unfollowed = m.client.users().unfollow_users([USER]).await.unwrap();
    snap!(m, "unfollow_users", unfollowed);
}

#[tokio::test]
async fn follows_users() {
    let m = Mock::start().await;
    m.server.save_uris(&[format!("spotify:user:{USER}")]);
    let follows = m
        .client
        .users()
        .follows_users([USER, "spotify"])
        .await
        .unwrap();
    snap!(m, "follows_users", follows);
}

#[tokio::test]
async fn follow_playlist() {
    let m = Mock::start().await;
    let followed = m
        .client
        .users()
        .follow_playlist(PLAYLIST, false)
        .await
        .unwrap();
    snap!(m, "follow_playlist", followed);
}

#[tokio::test]
async fn unfollow_playlist() {
    let m = Mock::start().await;
    m.server
        .save_uris(&[format!("spotify:playlist:{PLAYLIST}")]);
    let unfollowed = m.client.users().unfollow_playlist(PLAYLIST).await.unwrap();
    snap!(m, "unfollow_playlist", unfollowed);
}

#[tokio::test]
async fn follows_playlist() {
    let m = Mock::start().await;
    m.server
        .save_uris(&[format!("spotify:playlist:{PLAYLIST}")]);
    let follows = m.client.users().follows_playlist(PLAYLIST).await.unwrap();
    snap!(m, "follows_playlist", follows);
}
