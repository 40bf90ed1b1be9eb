//! `client.audiobooks()`.

use crate::ids::{AUDIOBOOK, MISSING};
use spotify_sdk::images::ImageSize;

use crate::{Mock, all, image, many};

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let book = m
        .client
        .audiobooks()
        .get(format!("spotify:audiobook:{AUDIOBOOK}"))
        .await
        .unwrap();
    snap!(m, "get", book);
}

#[tokio::test]
async fn get_in_market() {
    let m = Mock::start().await;
    let book = m
        .client
        .audiobooks()
        .in_market("GB")
        .get(AUDIOBOOK)
        .await
        .unwrap();
    snap!(m, "get_in_market", book);
}

#[tokio::test]
async fn get_many() {
    let m = Mock::start().await;
    let books = m
        .client
        .audiobooks()
        .get_many([AUDIOBOOK, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many", many(books));
}

#[tokio::test]
async fn get_many_in_market() {
    let m = Mock::start().await;
    let books = m
        .client
        .audiobooks()
        .in_market("GB")
        .get_many([AUDIOBOOK, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many_in_market", many(books));
}

#[tokio::test]
async fn chapters() {
    let m = Mock::start().await;
    let chapters = all(m.client.audiobooks().chapters(AUDIOBOOK)).await;
    snap!(m, "chapters", chapters);
}

#[tokio::test]
async fn chapters_in_market() {
    let m = Mock::start().await;
    let chapters = all(m.client.audiobooks().in_market("GB").chapters(AUDIOBOOK)).await;
    snap!(m, "chapters_in_market", chapters);
}

#[tokio::test]
async fn download_cover() {
    let m = Mock::start().await;
    let cover = m
        .client
        .audiobooks()
        .download_cover(AUDIOBOOK, ImageSize::Largest)
        .await
        .unwrap();
    snap!(m, "download_cover", image(&cover));
}
