//! Snapshot tests of `spotify-sdk` against the embedded mock (`spotify-sdk-mock`). This library is
//! empty; the suite is the integration test `tests/facade/` (one binary, one module per resource
//! group), with its snapshots checked in under `tests/facade/snapshots/`.
//!
//! Every public method of every resource group is called once against a fresh mock and its exchange
//! is snapshotted: each request as sent (operation, method, path, query, `Content-Type`, JSON body;
//! never the `Authorization` header or a token) and the decoded response (the generated model
//! serialized with `serde_json`). The mock's random port is replaced by `{mock}` and fresh
//! timestamps by `[now]`, so the snapshots are stable. A change in the spec or the facade shows up
//! as a snapshot diff to review:
//!
//! - `cargo insta test -p spotify-sdk-tests --review` (or `INSTA_UPDATE=always cargo test -p
//!   spotify-sdk-tests` then `git diff`) to accept changes;
//! - CI runs with `INSTA_UPDATE=no` (a changed or missing snapshot fails) and
//!   `cargo insta test --check --unreferenced=reject` (a stale `.snap` fails);
//! - `coverage::every_operation_is_snapshotted` fails when an operation of the spec appears in no
//!   snapshot, and `coverage::every_method_is_snapshotted` when a method of a resource group
//!   has none.
#![forbid(unsafe_code)]
