//! `client.tracks()`.

use spotify_sdk_mock::Fault;

use crate::ids::{MISSING, TRACK, TRACK_2};
use crate::{Mock, many};

#[tokio::test]
async fn get() {
    let m = Mock::start().await;
    let url = format!("https://open.spotify.com/track/{TRACK}?si=x");
    let track = m.client.tracks().get(url).await.unwrap();
    snap!(m, "get", track);
}

#[tokio::test]
async fn get_in_market() {
    let m = Mock::start().await;
    let track = m
        .client
        .tracks()
        .in_market("from_token")
        .get(TRACK)
        .await
        .unwrap();
    snap!(m, "get_in_market", track);
}

#[tokio::test]
async fn get_many() {
    let m = Mock::start().await;
    let tracks = m.client.tracks().get_many([TRACK, MISSING]).await.unwrap();
    snap!(m, "get_many", many(tracks));
}

/// The multi-get refused with 403 (development-mode apps): one `GET /tracks/{id}` per ID instead,
/// sent concurrently (so the requests are sorted here), 404 read as `null`.
#[tokio::test]
async fn get_many_fallback_on_403() {
    let m = Mock::start().await;
    m.server
        .fault(Fault::status(403).on_operation("get-several-tracks"));
    let tracks = m.client.tracks().get_many([TRACK, MISSING]).await.unwrap();
    let exchange = crate::Fixture::exchange(&m, &many(tracks)).sorted();
    crate::settings(m.started)
        .bind(|| insta::assert_json_snapshot!("get_many__fallback_on_403", exchange));
}

#[tokio::test]
async fn get_many_in_market() {
    let m = Mock::start().await;
    let tracks = m
        .client
        .tracks()
        .in_market("SE")
        .get_many([TRACK, MISSING])
        .await
        .unwrap();
    snap!(m, "get_many_in_market", many(tracks));
}

#[tokio::test]
async fn audio_features() {
    let m = Mock::start().await;
    let features = m.client.tracks().audio_features(TRACK).await.unwrap();
    snap!(m, "audio_features", features);
}

#[tokio::test]
async fn audio_features_many() {
    let m = Mock::start().await;
    let features = m
        .client
        .tracks()
        .audio_features_many([TRACK, TRACK_2])
        .await
        .unwrap();
    snap!(m, "audio_features_many", features);
}

#[tokio::test]
async fn audio_analysis() {
    let m = Mock::start().await;
    let analysis = m.client.tracks().audio_analysis(TRACK).await.unwrap();
    snap!(m, "audio_analysis", analysis);
}
