//! `client.shows()`.

use spotify_sdk::images::ImageSize;

use crate::ids::{MISSING, SHOW};
use crate::{Mock, all, image, many};

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let show = m
        .client
        .shows()
        .get(format!("spotify:show:{SHOW}"))
        .await
        .unwrap();
    snap!(m, "get", show);
}

#[tokio::test]
async fn get_in_market() {
    let m = Mock::start().await;
    let show = m.client.shows().in_market("US").get(SHOW).await.unwrap();
    snap!(m, "get_in_market", show);
}

#[tokio::test]
async fn get_many() {
    let m = Mock::start().await;
    let shows = m.client.shows().get_many([SHOW, MISSING]).await.unwrap();
    snap!(m, "get_many", many(shows));
}

#[tokio::test]
async fn get_many_in_market() {
    let m = Mock::start().await;
    let shows = m
        .client
        .shows()
        .in_market("US")
        .get_many([SHOW, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many_in_market", many(shows));
}

#[tokio::test]
async fn episodes() {
    let m = Mock::start().await;
    let episodes = all(m.client.shows().episodes(SHOW)).await;
    snap!(m, "episodes", episodes);
}

#[tokio::test]
async fn episodes_in_market() {
    let m = Mock::start().await;
    let episodes = all(m.client.shows().in_market("US").episodes(SHOW)).await;
    snap!(m, "episodes_in_market", episodes);
}

#[tokio::test]
async fn download_cover() {
    let m = Mock::start().await;
    let cover = m
        .client
        .shows()
        .download_cover(SHOW, ImageSize::Largest)
        .await
        .unwrap();
    snap!(m, "download_cover", image(&cover));
}
