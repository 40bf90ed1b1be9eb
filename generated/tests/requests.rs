//! What the generated client puts on the wire, captured by a [`Transport`] that answers with a canned
//! response instead of sending anything.

use std::sync::{Arc, Mutex};

use spotify_sdk_generated::{types, Client, ClientInfo, Error, Inner, Transport, TransportFuture};

/// One request as the transport was given it.
struct Seen {
    operation_id: &'static str,
    request: reqwest::Request,
}

/// Records every request and answers each with `status` and `body` (JSON).
struct Capture {
    seen: Mutex<Vec<Seen>>,
    status: u16,
    body: &'static str,
}

impl Transport for Capture {
    fn execute(
        &self,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> TransportFuture<'_> {
        self.seen.lock().unwrap().push(Seen {
            operation_id,
            request,
        });
        let response = http::Response::builder()
            .status(self.status)
            .header("content-type", "application/json")
            .body(self.body)
            .unwrap();
        Box::pin(async move { Ok(reqwest::Response::from(response)) })
    }
}

fn capturing_client(status: u16, body: &'static str) -> (Client, Arc<Capture>) {
    let capture = Arc::new(Capture {
        seen: Mutex::new(Vec::new()),
        status,
        body,
    });
    let client = Client::new("https://api.spotify.com/v1", Inner::new(capture.clone()));
    (client, capture)
}

/// The single request the transport saw.
fn only(capture: &Capture) -> Seen {
    let mut seen = std::mem::take(&mut *capture.seen.lock().unwrap());
    assert_eq!(seen.len(), 1, "expected one request");
    seen.pop().unwrap()
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

/// `explode: false` parameters are one comma-joined value (`type=album,track`), never repeated keys.
#[tokio::test]
async fn search_types_are_one_comma_joined_parameter() {
    let (client, capture) = capturing_client(200, r#"{"albums": {"items": [null], "total": 1}}"#);
    let response = client
        .search()
        .q("x")
        .type_("album,track")
        .limit(5u64)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.albums.as_ref().unwrap().items, [None]);

    let seen = only(&capture);
    assert_eq!(seen.operation_id, "search");
    assert_eq!(seen.request.method(), reqwest::Method::GET);
    assert_eq!(seen.request.url().path(), "/v1/search");
    assert_eq!(query_values(&seen.request, "type"), ["album,track"]);
    // reqwest percent-encodes the comma; Spotify accepts both spellings.
    let raw = raw_query_pairs(&seen.request);
    assert_eq!(
        raw.iter()
            .filter(|p| p.starts_with("type="))
            .collect::<Vec<_>>(),
        [&"type=album%2Ctrack"]
    );
    assert!(raw.contains(&"q=x") && raw.contains(&"limit=5"), "{raw:?}");
    // Unset optional parameters are left out, not sent empty.
    assert!(query_values(&seen.request, "offset").is_empty(), "{raw:?}");
    assert_eq!(
        seen.request.headers()["api-version"],
        <Client as ClientInfo<Inner>>::api_version()
    );
}

/// Patch 01: the cover is sent as base64 text (`text/plain`), not as `image/jpeg` bytes.
#[tokio::test]
async fn playlist_cover_upload_sends_text() {
    let (client, capture) = capturing_client(202, "");
    let base64 = "/9j/4AAQSkZJRgABAQ==";
    client
        .upload_custom_playlist_cover()
        .playlist_id("3cEYpjA9oz9GiPac4AsH4n")
        .body(base64)
        .send()
        .await
        .unwrap();

    let seen = only(&capture);
    assert_eq!(seen.operation_id, "upload-custom-playlist-cover");
    assert_eq!(seen.request.method(), reqwest::Method::PUT);
    assert_eq!(
        seen.request.url().path(),
        "/v1/playlists/3cEYpjA9oz9GiPac4AsH4n/images"
    );
    assert_eq!(seen.request.headers()["content-type"], "text/plain");
    let body = seen.request.body().and_then(reqwest::Body::as_bytes);
    assert_eq!(body, Some(base64.as_bytes()));
}

/// The library endpoints take their URIs as one comma-joined `uris` parameter.
#[tokio::test]
async fn library_endpoints_send_one_uris_parameter() {
    let uris = "spotify:track:11dFghVXANMlKmJXsNCbNl,spotify:album:0tGPJ0bkWOUmH7MEOR77qc";

    let (client, capture) = capturing_client(200, "");
    client.save_library_items().uris(uris).send().await.unwrap();
    let seen = only(&capture);
    assert_eq!(
        (seen.operation_id, seen.request.method()),
        ("save-library-items", &reqwest::Method::PUT)
    );
    assert_eq!(seen.request.url().path(), "/v1/me/library");
    assert_eq!(query_values(&seen.request, "uris"), [uris]);

    client
        .remove_library_items()
        .uris(uris)
        .send()
        .await
        .unwrap();
    let seen = only(&capture);
    assert_eq!(
        (seen.operation_id, seen.request.method()),
        ("remove-library-items", &reqwest::Method::DELETE)
    );
    assert_eq!(query_values(&seen.request, "uris"), [uris]);

    let (client, capture) = capturing_client(200, "[true, false]");
    let contains = client
        .check_library_contains()
        .uris(uris)
        .send()
        .await
        .unwrap();
    assert_eq!(contains.into_inner(), [true, false]);
    let seen = only(&capture);
    assert_eq!(seen.operation_id, "check-library-contains");
    assert_eq!(seen.request.url().path(), "/v1/me/library/contains");
    assert_eq!(query_values(&seen.request, "uris"), [uris]);
}

/// Patch 03: a 400 from the library endpoints is the wrapped `{"error": {...}}` Spotify really sends.
#[tokio::test]
async fn library_bad_request_decodes_the_wrapped_error() {
    let (client, _capture) = capturing_client(
        400,
        r#"{"error": {"status": 400, "message": "Too many ids"}}"#,
    );
    let err = client
        .save_library_items()
        .uris("x")
        .send()
        .await
        .unwrap_err();
    let Error::ErrorResponse(response) = err else {
        panic!("expected an error response, got {err:?}");
    };
    assert_eq!(response.status(), 400);
    let error: &types::SaveLibraryItemsResponse = &response;
    let inner = error.error.as_ref().unwrap();
    assert_eq!(inner.status, Some(400));
    assert_eq!(inner.message.as_deref(), Some("Too many ids"));
}

/// The transport is told the spec's `operationId`, which `operations::operation` looks up.
#[tokio::test]
async fn the_transport_is_told_the_spec_operation_id() {
    let (client, capture) = capturing_client(200, r#"{"id": "11dFghVXANMlKmJXsNCbNl"}"#);
    let track = client
        .get_track()
        .id("11dFghVXANMlKmJXsNCbNl")
        .send()
        .await
        .unwrap();
    assert_eq!(track.id.as_deref(), Some("11dFghVXANMlKmJXsNCbNl"));
    let seen = only(&capture);
    assert_eq!(seen.operation_id, "get-track");
    let operation = spotify_sdk_generated::operations::operation(seen.operation_id)
        .expect("the transport's id is in OPERATIONS");
    assert_eq!(operation.path, "/tracks/{id}");
    assert_eq!(
        seen.request.url().path(),
        "/v1/tracks/11dFghVXANMlKmJXsNCbNl"
    );
}
