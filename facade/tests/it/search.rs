//! `client.search()` against the mock: the request on the wire, the decoded sections, and the
//! per-type streams.

use crate::common;

use futures::TryStreamExt;
use spotify_sdk::Error;
use spotify_sdk::resources::search::SearchType;
use spotify_sdk_mock::Fault;

fn names<T>(items: &[T], name: impl Fn(&T) -> String) -> Vec<String> {
    items.iter().map(name).collect()
}

#[tokio::test]
async fn send_puts_every_option_on_the_wire_and_types_in_one_parameter() {
    let (server, client) = common::setup().await;
    let found = client
        .search()
        .query("miles davis")
        .types([SearchType::Album, SearchType::Track])
        .market("US")
        .include_external_audio()
        .limit(10)
        .offset(5)
        .send()
        .await
        .unwrap();
    let request = common::only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/search")
    );
    let types: Vec<_> = request.query.iter().filter(|(k, _)| k == "type").collect();
    assert_eq!(
        types,
        [&("type".to_string(), "album,track".to_string())],
        "exactly one `type`"
    );
    let mut query = request.query.clone();
    query.sort();
    let expected = [
        ("include_external", "audio"),
        ("limit", "10"),
        ("market", "US"),
        ("offset", "5"),
        ("q", "miles davis"),
        ("type", "album,track"),
    ];
    assert_eq!(query, expected.map(|(k, v)| (k.to_string(), v.to_string())));

    // The mock's collection has 4 results per type, named after the query.
    let albums = found.albums.expect("albums were asked for");
    assert!(albums.items.is_empty(), "offset 5 is past the 4 albums");
    assert_eq!(albums.total, 4);
    assert!(found.artists.is_none() && found.playlists.is_none());
    server.clear_requests();

    let found = client
        .search()
        .query("doxy")
        .types([SearchType::Track])
        .send()
        .await
        .unwrap();
    let tracks: Vec<_> = found.tracks.unwrap().items.into_iter().flatten().collect();
    assert_eq!(
        names(&tracks, |t| t.name.clone()),
        ["doxy 1", "doxy 2", "doxy 3", "doxy 4"]
    );
    let request = common::only_request(&server);
    let mut query = request.query.clone();
    query.sort();
    assert_eq!(
        query,
        [
            ("q".to_string(), "doxy".to_string()),
            ("type".to_string(), "track".to_string())
        ]
    );
}

#[tokio::test]
async fn awaiting_the_request_sends_it() {
    let (server, client) = common::setup().await;
    let found = client
        .search()
        .query("abacab")
        .types([SearchType::Artist])
        .await
        .unwrap();
    let artists = found.artists.unwrap();
    assert_eq!(artists.items[0].as_ref().unwrap().name, "abacab 1");
    assert_eq!(
        common::only_request(&server).query_param("type"),
        Some("artist")
    );
}

#[tokio::test]
async fn invalid_requests_send_nothing() {
    let (server, client) = common::setup().await;
    let search = client.search();
    let track = [SearchType::Track];
    let results = [
        search.query("  ").types(track).send().await,
        search.query("q").send().await,
        search.query("q").types([]).send().await,
        search.query("q").types(track).limit(0).send().await,
        search.query("q").types(track).limit(11).send().await,
        search.query("q").types(track).offset(1001).send().await,
    ];
    for result in results {
        assert!(
            matches!(result, Err(Error::InvalidArgument(_))),
            "{result:?}"
        );
    }
    let mut stream = search.query("").tracks();
    assert!(matches!(
        stream.try_next().await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

#[tokio::test]
async fn a_type_streams_in_pages_of_ten_and_skips_nulls() {
    let (server, client) = common::setup().await;
    server.set_collection_size("search", 35);
    server.fault(Fault::null_items());
    let tracks = client
        .search()
        .query("doxy")
        .types([SearchType::Album]) // ignored by the streams
        .market("SE")
        .tracks()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(tracks.len(), 35);
    assert_eq!(tracks[0].name, "doxy 1");
    assert_eq!(tracks[34].name, "doxy 35");
    let mut requests = server.requests();
    requests.sort_by_key(|r| r.query_param("offset").unwrap().parse::<u32>().unwrap());
    let offsets: Vec<_> = requests
        .iter()
        .map(|r| r.query_param("offset").unwrap())
        .collect();
    assert_eq!(offsets, ["0", "10", "20", "30"]);
    for request in &requests {
        assert_eq!(
            request.query_param("limit"),
            Some("10"),
            "the search endpoint's spec maximum"
        );
        assert_eq!(request.query_param("type"), Some("track"));
        assert_eq!(request.query_param("market"), Some("SE"));
    }

    server.clear_requests();
    let first = client
        .search()
        .query("doxy")
        .tracks()
        .max_items(12)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(first.len(), 12);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn every_type_has_its_stream() {
    let (_server, client) = common::setup().await;
    let search = client.search();
    let q = "blue";
    let expected = ["blue 1", "blue 2", "blue 3", "blue 4"];
    let albums = search.query(q).albums().collect_all().await.unwrap();
    assert_eq!(names(&albums, |a| a.name.clone()), expected);
    let artists = search.query(q).artists().collect_all().await.unwrap();
    assert_eq!(names(&artists, |a| a.name.clone()), expected);
    let playlists = search.query(q).playlists().collect_all().await.unwrap();
    assert_eq!(names(&playlists, |p| p.name.clone()), expected);
    let shows = search.query(q).shows().collect_all().await.unwrap();
    assert_eq!(names(&shows, |s| s.name.clone()), expected);
    let episodes = search.query(q).episodes().collect_all().await.unwrap();
    assert_eq!(names(&episodes, |e| e.name.clone()), expected);
    let audiobooks = search.query(q).audiobooks().collect_all().await.unwrap();
    assert_eq!(names(&audiobooks, |a| a.name.clone()), expected);
}

#[tokio::test]
async fn streams_stop_at_spotifys_last_result() {
    let (server, client) = common::setup().await;
    server.set_collection_size("search", 5000);
    let playlists = client
        .search()
        .query("x")
        .playlists()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(playlists.len(), 1000);
    server.clear_requests();
    // Even when asked for more, and with a page size that does not divide 1000.
    let artists = client
        .search()
        .query("x")
        .artists()
        .page_size(7)
        .max_items(3000)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(artists.len(), 1000);
    assert_eq!(artists[999].name, "x 1000");
    for request in server.requests() {
        let offset: u32 = request.query_param("offset").unwrap().parse().unwrap();
        let limit: u32 = request.query_param("limit").unwrap().parse().unwrap();
        assert!(offset + limit <= 1000, "offset {offset} limit {limit}");
    }
}

#[tokio::test]
async fn a_missing_section_is_a_decode_error() {
    let (server, client) = common::setup().await;
    server.fault(Fault::custom(200, "application/json", "{}").on_operation("search"));
    let err = client
        .search()
        .query("q")
        .tracks()
        .collect_all()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(err.to_string().contains("tracks"), "{err}");
    assert_eq!(err.endpoint().unwrap().operation_id, "search");
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_search() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(spotify_sdk_mock::MockServer::start());
    server.set_collection_size("search", 25);
    let client =
        spotify_sdk::blocking::Client::new(common::builder(&server).build().unwrap()).unwrap();
    let found = client
        .search()
        .query("doxy")
        .types([SearchType::Track, SearchType::Show])
        .limit(2)
        .send()
        .unwrap();
    assert_eq!(found.tracks.unwrap().items.len(), 2);
    assert_eq!(found.shows.unwrap().items.len(), 2);
    let tracks: Vec<_> = client
        .search()
        .query("doxy")
        .tracks()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tracks.len(), 25);
    let err = client.search().query("doxy").send().unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
}
