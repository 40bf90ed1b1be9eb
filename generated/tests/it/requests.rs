//! What the operations put on the wire. They build requests without sending them, so the requests
//! are inspected directly.

use spotify_sdk_generated::{types, Client, Request};

fn client() -> Client {
    Client::new_with_client("https://api.spotify.com/v1", reqwest::Client::new())
}

fn http<T>(request: &Request<T>) -> &reqwest::Request {
    request.http().expect("the request builds")
}

/// The values of query parameter `key`, decoded.
fn query_values(request: &reqwest::Request, key: &str) -> Vec<String> {
    request
        .url()
        .query_pairs()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .collect()
}

/// The raw (still percent-encoded) `key=value` pairs of the query.
fn raw_query_pairs(request: &reqwest::Request) -> Vec<&str> {
    request.url().query().unwrap_or("").split('&').collect()
}

/// `explode: false` parameters are one comma-joined value (`type=album,track`), never repeated
/// keys.
#[test]
fn search_types_are_one_comma_joined_parameter() {
    let client = client();
    let request = client.search(
        None,
        std::num::NonZeroU64::new(5),
        None,
        None,
        "x",
        "album,track",
    );
    assert_eq!(request.operation_id(), "search");
    let http = http(&request);
    assert_eq!(http.method(), reqwest::Method::GET);
    assert_eq!(http.url().path(), "/v1/search");
    assert_eq!(query_values(http, "type"), ["album,track"]);
    // reqwest percent-encodes the comma; Spotify accepts both spellings.
    let raw = raw_query_pairs(http);
    assert_eq!(
        raw.iter()
            .filter(|p| p.starts_with("type="))
            .collect::<Vec<_>>(),
        [&"type=album%2Ctrack"]
    );
    assert!(raw.contains(&"q=x") && raw.contains(&"limit=5"), "{raw:?}");
    // Unset optional parameters are left out, not sent empty.
    assert!(query_values(http, "offset").is_empty(), "{raw:?}");
}

/// Only headers Spotify documents: no `api-version` (progenitor adds one to every request).
#[test]
fn requests_carry_only_documented_headers() {
    let client = client();
    let request = client.get_track("11dFghVXANMlKmJXsNCbNl", Some("SE"));
    let names: Vec<_> = http(&request)
        .headers()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(names, ["accept"]);
}

/// Patch 01: the cover is sent as base64 text, not as `image/jpeg` bytes (progenitor cannot
/// generate those); the facade sets the content type Spotify expects.
#[test]
fn playlist_cover_upload_sends_text() {
    let client = client();
    let base64 = "/9j/4AAQSkZJRgABAQ==";
    let request = client.upload_custom_playlist_cover("3cEYpjA9oz9GiPac4AsH4n", base64.to_string());
    assert_eq!(request.operation_id(), "upload-custom-playlist-cover");
    assert!(!request.has_body());
    let http = http(&request);
    assert_eq!(http.method(), reqwest::Method::PUT);
    assert_eq!(
        http.url().path(),
        "/v1/playlists/3cEYpjA9oz9GiPac4AsH4n/images"
    );
    assert_eq!(http.headers()["content-type"], "text/plain");
    assert_eq!(
        http.body().and_then(reqwest::Body::as_bytes),
        Some(base64.as_bytes())
    );
}

/// The library endpoints take their URIs as one comma-joined `uris` parameter.
#[test]
fn library_endpoints_send_one_uris_parameter() {
    let client = client();
    let uris = "spotify:track:11dFghVXANMlKmJXsNCbNl,spotify:album:0tGPJ0bkWOUmH7MEOR77qc";
    for (request, id, method) in [
        (
            client.save_library_items(uris),
            "save-library-items",
            reqwest::Method::PUT,
        ),
        (
            client.remove_library_items(uris),
            "remove-library-items",
            reqwest::Method::DELETE,
        ),
    ] {
        assert_eq!(
            (request.operation_id(), http(&request).method()),
            (id, &method)
        );
        assert_eq!(http(&request).url().path(), "/v1/me/library");
        assert_eq!(query_values(http(&request), "uris"), [uris]);
        assert!(!request.has_body());
    }
    let contains: Request<Vec<bool>> = client.check_library_contains(uris);
    assert!(contains.has_body());
    assert_eq!(http(&contains).url().path(), "/v1/me/library/contains");
}

/// Each request names the spec's `operationId`, which `operations::operation` looks up; its path
/// parameters are percent-encoded.
#[test]
fn requests_name_the_spec_operation_id() {
    let client = client();
    let request: Request<types::TrackObject> = client.get_track("a/b c", None);
    let operation = spotify_sdk_generated::operations::operation(request.operation_id())
        .expect("the id is in OPERATIONS");
    assert_eq!(operation.path, "/tracks/{id}");
    assert_eq!(http(&request).url().path(), "/v1/tracks/a%2Fb%20c");
}

/// A request that cannot be built carries its error to whoever sends it.
#[test]
fn a_request_that_cannot_be_built_carries_its_error() {
    let client = Client::new_with_client("not a url", reqwest::Client::new());
    let request = client.get_track("x", None);
    assert!(request.http().is_err());
    assert!(format!("{request:?}").contains("error"));
}
