//! `client.chapters()`.

use crate::ids::{CHAPTER, MISSING};
use crate::{Mock, many};

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let chapter = m
        .client
        .chapters()
        .get(format!("spotify:chapter:{CHAPTER}"))
        .await
        .unwrap();
    snap!(m, "get", chapter);
}

#[tokio::test]
async fn get_in_market() {
    let m = Mock::start().await;
    let chapter = m
        .client
        .chapters()
        .in_market("US")
        .get(CHAPTER)
        .await
        .unwrap();
    snap!(m, "get_in_market", chapter);
}

#[tokio::test]
async fn get_many() {
    let m = Mock::start().await;
    let chapters = m
        .client
        .chapters()
        .get_many([CHAPTER, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many", many(chapters));
}

#[tokio::test]
async fn get_many_in_market() {
    let m = Mock::start().await;
    let chapters = m
        .client
        .chapters()
        .in_market("US")
        .get_many([CHAPTER, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many_in_market", many(chapters));
}
