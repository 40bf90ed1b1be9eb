//! Checks shared by the catalog groups' tests (artists, albums, shows, browse, users, ...).
#![allow(dead_code)]

use spotify_sdk::paginate::PagingModel;
use spotify_sdk::{Error, Paginator};
use spotify_sdk_mock::{Fault, MockServer, RecordedRequest};

/// The `limit` and `offset` of a recorded request.
pub fn limit_offset(request: &RecordedRequest) -> (u32, u32) {
    let get = |name| {
        request
            .query_param(name)
            .unwrap_or_else(|| panic!("no {name} in {request:?}"))
            .parse()
            .unwrap()
    };
    (get("limit"), get("offset"))
}

/// An offset-paged stream over a collection of `2 * max + 3` items whose first page has a `null`
/// entry: every item but the `null` arrives, every request asks `path` for `max` items at offsets
/// 0, max, 2 * max; then `max_items(max + 1)` stops after two requests. Returns the items.
pub async fn check_offset_paging<M: PagingModel>(
    server: &MockServer,
    operation_id: &str,
    path: &str,
    max: u32,
    stream: impl Fn() -> Paginator<M>,
) -> Vec<M::Item> {
    paging(server, operation_id, path, max, true, stream).await
}

/// [`check_offset_paging`] for pages whose items the spec declares non-nullable (no `null` entry).
pub async fn check_offset_paging_without_nulls<M: PagingModel>(
    server: &MockServer,
    operation_id: &str,
    path: &str,
    max: u32,
    stream: impl Fn() -> Paginator<M>,
) -> Vec<M::Item> {
    paging(server, operation_id, path, max, false, stream).await
}

async fn paging<M: PagingModel>(
    server: &MockServer,
    operation_id: &str,
    path: &str,
    max: u32,
    null: bool,
    stream: impl Fn() -> Paginator<M>,
) -> Vec<M::Item> {
    let total = 2 * max as usize + 3;
    server.set_collection_size(operation_id, total);
    server.clear_requests();
    if null {
        server.fault(Fault::null_items().on_operation(operation_id).times(1));
    }
    let items = stream().collect_all().await.unwrap();
    assert_eq!(
        items.len(),
        total,
        "every item of {operation_id} but the null one"
    );
    let requests = server.requests();
    let mut asked: Vec<(u32, u32)> = requests.iter().map(limit_offset).collect();
    asked.sort_by_key(|(_, offset)| *offset);
    assert_eq!(
        asked,
        vec![(max, 0), (max, max), (max, 2 * max)],
        "{operation_id}: {requests:#?}"
    );
    for request in &requests {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("GET", path)
        );
    }

    server.clear_requests();
    let first = stream()
        .max_items(u64::from(max) + 1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(first.len(), max as usize + 1);
    assert_eq!(
        server.requests().len(),
        2,
        "max_items fetches no further page"
    );
    server.clear_requests();
    items
}

/// `result` is `Error::InvalidId` and nothing reached the server.
pub fn assert_invalid_id<T: std::fmt::Debug>(server: &MockServer, result: Result<T, Error>) {
    assert!(matches!(result, Err(Error::InvalidId { .. })), "{result:?}");
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

/// A stream whose arguments were invalid yields `Error::InvalidId` and sends nothing.
pub async fn assert_invalid_stream<M: PagingModel>(server: &MockServer, stream: Paginator<M>) {
    let result = stream.collect_all().await;
    assert!(
        matches!(result, Err(Error::InvalidId { .. })),
        "invalid ID expected"
    );
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

/// The query parameter `name` of `request`.
pub fn query<'a>(request: &'a RecordedRequest, name: &str) -> Option<&'a str> {
    request.query_param(name)
}

/// A 22-character base62 ID, distinct per `n`.
pub fn id(n: usize) -> String {
    format!("{n:0>20}Ab")
}

/// An ID the mock does not know (single gets answer 404, multi-gets `null`).
pub const MISSING: &str = "missing000000000000000";

/// A multi-get of `chunk + 1` IDs (the second unknown): results in input order with `None` for the
/// unknown one, two requests to `path` with `chunk` and 1 IDs. Then, with the multi-get refused
/// (403, development mode), one single get per ID with the same results. `id_of` reads an item's
/// ID.
pub async fn check_multi_get<T, Fut>(
    server: &MockServer,
    many_operation: &str,
    path: &str,
    chunk: usize,
    call: impl Fn(Vec<String>) -> Fut,
    id_of: impl Fn(&T) -> Option<String>,
) where
    T: std::fmt::Debug,
    Fut: Future<Output = Result<Vec<Result<Option<T>, Error>>, Error>>,
{
    server.clear_requests();
    let mut ids: Vec<String> = (0..=chunk).map(id).collect();
    ids[1] = MISSING.to_string();
    let results = call(ids.clone()).await.unwrap();
    assert_eq!(results.len(), ids.len());
    for (i, (result, asked)) in results.iter().zip(&ids).enumerate() {
        let item = result.as_ref().unwrap();
        if i == 1 {
            assert!(item.is_none(), "{item:?}");
        } else {
            assert_eq!(
                id_of(item.as_ref().unwrap()).as_deref(),
                Some(asked.as_str())
            );
        }
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert!(requests.iter().all(|r| r.method == "GET" && r.path == path));
    assert_eq!(
        requests[0].query_param("ids"),
        Some(ids[..chunk].join(",").as_str())
    );
    assert_eq!(requests[1].query_param("ids"), Some(ids[chunk].as_str()));

    server.clear_requests();
    server.fault(
        Fault::status(403)
            .body(serde_json::json!({"error": {"status": 403, "message": "This endpoint is not available for apps in development mode"}}))
            .on_operation(many_operation),
    );
    let few = vec![id(7), MISSING.to_string(), id(8)];
    let results = call(few.clone()).await.unwrap();
    assert_eq!(
        id_of(results[0].as_ref().unwrap().as_ref().unwrap()),
        Some(few[0].clone())
    );
    assert!(results[1].as_ref().unwrap().is_none());
    assert_eq!(
        id_of(results[2].as_ref().unwrap().as_ref().unwrap()),
        Some(few[2].clone())
    );
    let requests = server.requests();
    assert_eq!(
        requests.len(),
        4,
        "one refused multi-get, then one get per ID: {requests:#?}"
    );
    let singles: Vec<&str> = requests[1..].iter().map(|r| r.path.as_str()).collect();
    for asked in &few {
        assert!(
            singles.contains(&format!("{path}/{asked}").as_str()),
            "{singles:?}"
        );
    }
    server.clear_faults();
    server.clear_requests();

    let bad = call(vec![
        id(1),
        "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M".into(),
    ])
    .await;
    assert_invalid_id(server, bad);
}
