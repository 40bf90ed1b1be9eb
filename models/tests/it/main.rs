//! The models' tests, one binary: decoding our own fixtures (`decode`), the real responses
//! recorded by other clients when `../shared` is beside the checkout (`recorded`), and the JSON
//! paths of decode errors (`error_paths`).

mod decode;
mod error_paths;
mod recorded;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// One of our fixtures (`models/tests/fixtures/`, written for these tests from what real
/// responses show).
pub fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

/// Decodes `json` as `T` (from text, as the facade does), and checks that what it re-serializes to
/// decodes to the same value.
pub fn decode<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    what: &str,
    json: &Value,
) -> T {
    let value: T = try_decode(json).unwrap_or_else(|e| {
        panic!(
            "{what} does not decode as {}: {e}",
            std::any::type_name::<T>()
        )
    });
    let again: T = try_decode(&serde_json::to_value(&value).unwrap())
        .unwrap_or_else(|e| panic!("{what} does not decode again after re-serializing: {e}"));
    assert_eq!(
        value, again,
        "{what} changes in a serialize/deserialize round trip"
    );
    value
}

/// `json` decoded as `T` (from text, as the facade does), or the error with the JSON path of the
/// failure as the facade reports it (`path: message`).
pub fn try_decode<T: DeserializeOwned>(json: &Value) -> Result<T, String> {
    let text = json.to_string();
    serde_json::from_str(&text).map_err(|e| {
        let (path, message) = spotify_sdk_models::error_path::locate(&text, &e);
        format!("{path}: {message}")
    })
}
