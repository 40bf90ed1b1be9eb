//! `client.episodes()`.

use spotify_sdk::images::ImageSize;

use crate::ids::{EPISODE, MISSING};
use crate::{Mock, image, many};

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let episode = m
        .client
        .episodes()
        .get(format!("spotify:episode:{EPISODE}"))
        .await
        .unwrap();
    snap!(m, "get", episode);
}

#[tokio::test]
async fn get_in_market() {
    let m = Mock::start().await;
    let episode = m
        .client
        .episodes()
        .in_market("US")
        .get(EPISODE)
        .await
        .unwrap();
    snap!(m, "get_in_market", episode);
}

#[tokio::test]
async fn get_many() {
    let m = Mock::start().await;
    let episodes = m
        .client
        .episodes()
        .get_many([EPISODE, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many", many(episodes));
}

#[tokio::test]
async fn get_many_in_market() {
    let m = Mock::start().await;
    let episodes = m
        .client
        .episodes()
        .in_market("US")
        .get_many([EPISODE, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many_in_market", many(episodes));
}

#[tokio::test]
async fn download_cover() {
    let m = Mock::start().await;
    let cover = m
        .client
        .episodes()
        .download_cover(EPISODE, ImageSize::Medium)
        .await
        .unwrap();
    snap!(m, "download_cover", image(&cover));
}
