//! `client.browse()` against the mock. Every browse endpoint is deprecated; they must still work.
#![allow(deprecated)]

use crate::catalog_support;
use crate::common;

use catalog_support::{check_offset_paging, check_offset_paging_without_nulls, query};
use spotify_sdk::Error;
use spotify_sdk::resources::browse::{RecommendationsOptions, TrackAttributes};

#[tokio::test]
async fn new_releases_page_by_50() {
    let (server, client) = common::setup().await;
    let albums = check_offset_paging(
        &server,
        "get-new-releases",
        "/v1/browse/new-releases",
        50,
        || client.browse().new_releases(),
    )
    .await;
    assert_eq!(albums[0].name, "Album 1");
    assert_eq!(albums[102].name, "Album 103");
}

#[tokio::test]
async fn featured_and_category_playlists_page_by_50() {
    let (server, client) = common::setup().await;
    let playlists = check_offset_paging(
        &server,
        "get-featured-playlists",
        "/v1/browse/featured-playlists",
        50,
        || client.browse().featured_playlists(None),
    )
    .await;
    assert_eq!(playlists[0].name, "Playlist 1");
    client
        .browse()
        .featured_playlists(Some("sv_SE"))
        .max_items(1)
        .collect_all()
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(query(&request, "locale"), Some("sv_SE"));
    server.clear_requests();

    let playlists = check_offset_paging(
        &server,
        "get-a-categories-playlists",
        "/v1/browse/categories/dinner/playlists",
        50,
        || client.browse().category_playlists("dinner"),
    )
    .await;
    assert_eq!(playlists[1].name, "Playlist 2");
    let result = client.browse().category_playlists(" ").collect_all().await;
    assert!(
        matches!(result, Err(Error::InvalidArgument(_))),
        "{result:?}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn categories_and_one_category() {
    let (server, client) = common::setup().await;
    let categories = check_offset_paging_without_nulls(
        &server,
        "get-categories",
        "/v1/browse/categories",
        50,
        || client.browse().categories(None),
    )
    .await;
    assert_eq!(categories[0].name, "Category 1");
    client
        .browse()
        .categories(Some("es_MX"))
        .max_items(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        query(&common::only_request(&server), "locale"),
        Some("es_MX")
    );
    server.clear_requests();

    let category = client
        .browse()
        .category("dinner", Some("sv_SE"))
        .await
        .unwrap();
    assert_eq!(category.name, "Dinner");
    assert!(!category.icons.is_empty());
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/browse/categories/dinner")
    );
    assert_eq!(
        request.query,
        vec![("locale".to_string(), "sv_SE".to_string())]
    );
    server.clear_requests();
    client
        .browse()
        .category("0JQ5DAqbMKFQ00XGBls6ym", None)
        .await
        .unwrap();
    assert!(common::only_request(&server).query.is_empty());
    server.clear_requests();
    let err = client.browse().category("", None).await.unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn recommendations_send_seeds_and_attributes() {
    let (server, client) = common::setup().await;
    let options = RecommendationsOptions::default()
        .seed_artists(["spotify:artist:4NHQUGzhtTLFvgF5SZesLK"])
        .seed_tracks(["https://open.spotify.com/track/0c6xIDDpzE81m2q797ordA?si=1"])
        .seed_genres(["classical", "country"])
        .limit(7)
        .market("SE")
        .min(TrackAttributes::default().energy(0.4))
        .max(TrackAttributes::default().tempo(140.5))
        .target(TrackAttributes::default().popularity(80).key(2));
    let recommendations = client
        .browse()
        .recommendations(options.clone())
        .await
        .unwrap();
    assert_eq!(recommendations.tracks.len(), 7);
    assert_eq!(recommendations.tracks[0].name, "Recommendation 1");
    assert!(!recommendations.seeds.is_empty());
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/recommendations")
    );
    let mut sent = request.query.clone();
    sent.sort();
    let expected: Vec<(String, String)> = [
        ("limit", "7"),
        ("market", "SE"),
        ("max_tempo", "140.5"),
        ("min_energy", "0.4"),
        ("seed_artists", "4NHQUGzhtTLFvgF5SZesLK"),
        ("seed_genres", "classical,country"),
        ("seed_tracks", "0c6xIDDpzE81m2q797ordA"),
        ("target_key", "2"),
        ("target_popularity", "80"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(sent, expected);
    server.clear_requests();

    // Refused before sending: no seed, six seeds, a bad seed ID, a limit over 100.
    let none = client
        .browse()
        .recommendations(RecommendationsOptions::default())
        .await;
    assert!(matches!(none, Err(Error::InvalidArgument(_))), "{none:?}");
    let six = RecommendationsOptions::default().seed_genres(["pop"; 6]);
    assert!(matches!(
        client.browse().recommendations(six).await,
        Err(Error::InvalidArgument(_))
    ));
    let bad =
        RecommendationsOptions::default().seed_artists(["spotify:track:0c6xIDDpzE81m2q797ordA"]);
    assert!(matches!(
        client.browse().recommendations(bad).await,
        Err(Error::InvalidId { .. })
    ));
    let too_many = options.limit(101);
    assert!(matches!(
        client.browse().recommendations(too_many).await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn genre_seeds_and_markets() {
    let (server, client) = common::setup().await;
    assert_eq!(
        client.browse().genre_seeds().await.unwrap(),
        ["indie folk", "chamber pop"]
    );
    assert_eq!(
        common::only_request(&server).path,
        "/v1/recommendations/available-genre-seeds"
    );
    server.clear_requests();
    assert_eq!(
        client.browse().markets().await.unwrap(),
        ["SE", "GB", "US", "DE", "FR", "JP"]
    );
    assert_eq!(common::only_request(&server).path, "/v1/markets");
}
