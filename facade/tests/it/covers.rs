//! `download_cover` of albums, artists, shows and episodes, and `Client::download_image`, against
//! the mock (which serves a small JPEG for every image URL it hands out).

use crate::common;

use spotify_sdk::Error;
use spotify_sdk::images::ImageSize;

fn assert_jpeg(image: &spotify_sdk::images::DownloadedImage) {
    assert_eq!(&image.bytes[..3], &[0xFF, 0xD8, 0xFF]);
    assert_eq!(image.content_type.as_deref(), Some("image/jpeg"));
}

#[tokio::test]
async fn every_kind_downloads_its_cover() {
    let (server, client) = common::setup().await;
    assert_jpeg(
        &client
            .albums()
            .download_cover("spotify:album:4aawyAB9vmqN3uQ7FjRGTy", ImageSize::Largest)
            .await
            .unwrap(),
    );
    assert_jpeg(
        &client
            .artists()
            .download_cover("spotify:artist:0TnOYISbd1XYRBk9myaseg", ImageSize::Smallest)
            .await
            .unwrap(),
    );
    assert_jpeg(
        &client
            .shows()
            .download_cover("spotify:show:5CfCWKI5pZ28U0uOzXkDHe", ImageSize::Medium)
            .await
            .unwrap(),
    );
    assert_jpeg(
        &client
            .episodes()
            .download_cover("spotify:episode:512ojhOuo1ktJprKbVcKyQ", ImageSize::Largest)
            .await
            .unwrap(),
    );
    // Only the four lookups reached the API.
    let ops: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.operation_id.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        ops,
        [
            "get-an-album",
            "get-an-artist",
            "get-a-show",
            "get-an-episode"
        ]
    );
}

#[tokio::test]
async fn download_image_errors() {
    let (server, client) = common::setup().await;
    let missing = client
        .download_image(&format!("{}/no-such-image", server.base_url()))
        .await;
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
    let bad = client.download_image("ftp://example.com/cover.jpg").await;
    assert!(matches!(bad, Err(Error::InvalidArgument(_))), "{bad:?}");
    let limited = common::builder(&server)
        .max_response_bytes(10)
        .build()
        .unwrap();
    let album = client.albums().get("4aawyAB9vmqN3uQ7FjRGTy").await.unwrap();
    let too_large = limited.download_image(&album.images[0].url).await;
    assert!(
        matches!(too_large, Err(Error::ResponseTooLarge { limit: 10, .. })),
        "{too_large:?}"
    );
    client.close();
    assert!(matches!(
        client.download_image("https://i.scdn.co/image/x").await,
        Err(Error::Closed)
    ));
    assert!(matches!(
        client
            .albums()
            .download_cover("4aawyAB9vmqN3uQ7FjRGTy", ImageSize::Largest)
            .await,
        Err(Error::Closed)
    ));
}
