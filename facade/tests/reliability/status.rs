//! Every status code from 100 to 599, with and without a Spotify error body, for a GET and a POST:
//! each is classified — success, retried, or a specific `Error` variant — without panicking or
//! hanging.
//!
//! The server is a raw TCP server, so any status line can be sent, including ones no HTTP library
//! would produce as a final answer (1xx). It answers the status named in the request path and
//! closes the connection. The client has one retry and a 1-2 ms backoff.
//!
//! What the client does with 1xx: HTTP/1.1 says 1xx answers are informational and a final answer
//! follows. hyper reads past them (100, 102-199) and waits for that final answer; here the server
//! closes instead, so the request fails like any connection lost after sending:
//! `Error::Connection`, after one retry for a GET and none for a POST (it may have been processed).
//! 101 Switching Protocols is final (hyper hands the connection over for an upgrade); since no
//! upgrade was asked for it is `Error::Http`.

use crate::reliability_support;

use std::collections::BTreeMap;
use std::time::Duration;

use futures::StreamExt;
use reliability_support::*;
use spotify_sdk::{Client, Error};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Ok,
    Decode,
    Connection,
    Http,
    BadRequest,
    Authentication,
    Forbidden,
    NotFound,
    RateLimited,
    Server,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    /// `GET /tracks/{id}` (idempotent; `TrackObject`).
    Get,
    /// `POST /playlists/{id}/items` (not idempotent; `{"snapshot_id"}`).
    Post,
}

/// The expected outcome of a final answer `status` (with Spotify's JSON error body or an empty
/// body), and how many attempts the server sees (1, or 2 when the client retries once).
fn expected(method: Method, status: u16, json_body: bool) -> (Outcome, usize) {
    use Outcome::*;
    let idempotent = method == Method::Get;
    let retried = |outcome| (outcome, if idempotent { 2 } else { 1 });
    match (status, json_body) {
        // Informational: no final answer came (see the module docs).
        (101, _) => (Http, 1),
        (100..=199, _) => retried(Connection),
        // 204 has no body by definition (hyper ignores one); `call` needs one.
        (204, _) => (Decode, 1),
        // Any other 2xx is a success: the body is decoded. An error-shaped JSON body is no track (a
        // track's name, URI, album... are plain fields), but it is a snapshot answer (all its
        // fields are optional); an empty body is neither.
        (200..=299, true) if idempotent => (Decode, 1),
        (200..=299, true) => (Ok, 1),
        (200..=299, false) => (Decode, 1),
        // No `Location`, so nothing to follow: an unexpected answer.
        (300..=399, _) => (Http, 1),
        (401, _) => (Authentication, 1),
        (403, _) => (Forbidden, 1),
        (404, _) => (NotFound, 1),
        // 408 Request Timeout: retried like a timeout, when idempotent.
        (408, _) => retried(BadRequest),
        // 429 is resent for any method: Spotify did nothing.
        (429, _) => (RateLimited, 2),
        (400..=499, _) => (BadRequest, 1),
        // Transient server errors: resent only when idempotent.
        (500 | 502 | 503 | 504, _) => retried(Server),
        (500..=599, _) => (Server, 1),
        _ => unreachable!("{status}"),
    }
}

fn outcome(result: &Result<(), Error>) -> Outcome {
    match result {
        Ok(()) => Outcome::Ok,
        Err(Error::Decode { .. }) => Outcome::Decode,
        Err(Error::Connection { .. }) => Outcome::Connection,
        Err(Error::Http(_)) => Outcome::Http,
        Err(Error::BadRequest(_)) => Outcome::BadRequest,
        Err(Error::Authentication { .. }) => Outcome::Authentication,
        Err(Error::Forbidden { .. }) => Outcome::Forbidden,
        Err(Error::NotFound(_)) => Outcome::NotFound,
        Err(Error::RateLimited { .. }) => Outcome::RateLimited,
        Err(Error::Server(_)) => Outcome::Server,
        Err(other) => panic!("an unexpected variant: {other:?}"),
    }
}

/// The case `"{status}-{json|none}"` as named in the request path.
fn case_of(target: &str) -> Option<(u16, bool)> {
    let path = target.split('?').next()?;
    path.split('/').find_map(|segment| {
        let (status, body) = segment.split_once('-')?;
        Some((status.parse().ok()?, body == "json"))
    })
}

async fn status_server() -> RawServer {
    RawServer::start(|request, _| {
        let (status, json) = case_of(&request.target).expect("a status case in the path");
        let body = if json { error_body(status) } else { Vec::new() };
        vec![Step::Write(response(
            status,
            Some("application/json"),
            &body,
        ))]
    })
    .await
}

async fn send(client: &Client, method: Method, case: &str) -> Result<(), Error> {
    match method {
        Method::Get => client
            .call(client.raw().get_track(case, None))
            .await
            .map(drop),
        Method::Post => client
            .call(client.raw().add_items_to_playlist(
                case,
                None,
                Some(&format!("spotify:track:{TRACK}")),
                &Default::default(),
            ))
            .await
            .map(drop),
    }
}

async fn run_table(method: Method) {
    capture();
    let server = status_server().await;
    let client = server.client();
    let cases: Vec<(u16, bool)> = (100..=599)
        .flat_map(|status| [(status, true), (status, false)])
        .collect();
    let results: Vec<((u16, bool), Result<(), Error>)> = futures::stream::iter(cases)
        .map(|(status, json)| {
            let client = &client;
            async move {
                let case = format!("{status}-{}", if json { "json" } else { "none" });
                let what = format!("{method:?} {case}");
                let result =
                    bounded(Duration::from_secs(10), &what, send(client, method, &case)).await;
                ((status, json), result)
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;

    let mut attempts: BTreeMap<(u16, bool), usize> = BTreeMap::new();
    for request in server.requests() {
        *attempts
            .entry(case_of(&request.target).unwrap())
            .or_default() += 1;
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {RAW_TOKEN}").as_str())
        );
    }
    let mut summary: BTreeMap<Outcome, usize> = BTreeMap::new();
    let mut texts = Vec::new();
    for ((status, json), result) in &results {
        let (status, json) = (*status, *json);
        let got = outcome(result);
        let (want, want_attempts) = expected(method, status, json);
        let case = format!(
            "{method:?} {status} {}",
            if json {
                "with a JSON body"
            } else {
                "without a body"
            }
        );
        assert_eq!(got, want, "{case}: {result:?}");
        assert_eq!(attempts[&(status, json)], want_attempts, "{case}: attempts");
        *summary.entry(got).or_default() += 1;
        let Err(error) = result else { continue };
        texts.extend(error_texts(error));
        match got {
            Outcome::Connection => assert_eq!(error.status(), None, "{case}"),
            Outcome::Decode => assert_eq!(error.status(), Some(status), "{case}: {error:?}"),
            _ => {
                assert_eq!(error.status(), Some(status), "{case}");
                // 101 and 304 have no body: what follows the head is not theirs.
                let message = format!("message for {status}");
                let has_body = json && !matches!(status, 101 | 304);
                assert_eq!(
                    error.message(),
                    has_body.then_some(message.as_str()),
                    "{case}"
                );
                assert!(error.endpoint().is_some(), "{case}");
            }
        }
        assert_eq!(
            error.is_retryable(),
            matches!(
                got,
                Outcome::Connection | Outcome::RateLimited | Outcome::Server
            ),
            "{case}"
        );
        if let Error::Authentication { reauthorize, .. } = error {
            assert!(reauthorize, "a static token cannot be renewed: {case}");
        }
    }
    assert_eq!(results.len(), 1000);
    assert_no_leak(&[RAW_TOKEN.to_string()], &texts);
    println!(
        "status table {method:?}: {} cases (statuses 100-599 x with/without body), {} requests: {summary:?}",
        results.len(),
        attempts.values().sum::<usize>()
    );
}

#[tokio::test]
async fn every_status_of_a_get_is_classified() {
    run_table(Method::Get).await;
}

#[tokio::test]
async fn every_status_of_a_post_is_classified_and_resent_only_on_429() {
    run_table(Method::Post).await;
}
