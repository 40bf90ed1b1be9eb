//! `client.browse()` (every method is deprecated by Spotify).

use spotify_sdk::resources::browse::{RecommendationsOptions, TrackAttributes};

use crate::ids::{ARTIST, TRACK};
use crate::{Mock, all};

#[tokio::test]
async fn new_releases() {
    let m = Mock::start().await;
    let albums = all(m.client.browse().new_releases()).await;
    snap!(m, "new_releases", albums);
}

#[tokio::test]
async fn featured_playlists() {
    let m = Mock::start().await;
    let playlists = all(m.client.browse().featured_playlists(Some("sv_SE"))).await;
    snap!(m, "featured_playlists", playlists);
}

#[tokio::test]
async fn categories() {
    let m = Mock::start().await;
    let categories = all(m.client.browse().categories(None)).await;
    snap!(m, "categories", categories);
}

/// Three categories, two per page, in Mexican Spanish: `locale` goes with every page.
#[tokio::test]
async fn categories_pages_with_locale() {
    let m = Mock::start().await;
    m.server.set_collection_size("get-categories", 3);
    let stream = m
        .client
        .browse()
        .categories(Some("es_MX"))
        .page_size(2)
        .prefetch(1);
    let categories = all(stream).await;
    snap!(m, "categories__pages_with_locale", categories);
}

#[tokio::test]
async fn category() {
    let m = Mock::start().await;
    let category = m
        .client
        .browse()
        .category("dinner", Some("sv_SE"))
        .await
        .unwrap();
    snap!(m, "category", category);
}

#[tokio::test]
async fn category_playlists() {
    let m = Mock::start().await;
    let playlists = all(m.client.browse().category_playlists("dinner")).await;
    snap!(m, "category_playlists", playlists);
}

#[tokio::test]
async fn recommendations() {
    let m = Mock::start().await;
    let options = RecommendationsOptions::default()
        .seed_artists([format!("spotify:artist:{ARTIST}")])
        .seed_tracks([TRACK])
        .seed_genres(["classical"])
        .limit(2)
        .market("SE")
        .min(TrackAttributes::default().energy(0.4))
        .max(TrackAttributes::default().duration_ms(300_000))
        .target(TrackAttributes::default().tempo(120.0).key(5));
    let recommendations = m.client.browse().recommendations(options).await.unwrap();
    snap!(m, "recommendations", recommendations);
}

#[tokio::test]
async fn genre_seeds() {
    let m = Mock::start().await;
    let genres = m.client.browse().genre_seeds().await.unwrap();
    snap!(m, "genre_seeds", genres);
}

#[tokio::test]
async fn markets() {
    let m = Mock::start().await;
    let markets = m.client.browse().markets().await.unwrap();
    snap!(m, "markets", markets);
}
