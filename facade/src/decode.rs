//! Turning a successful answer's body into the model: UTF-8 validated once, then decoded from text
//! (serde_json reads strings from a `&str` without validating each one again). A failure is an
//! [`Error::Decode`] with the JSON path of the field that failed.

use serde::de::DeserializeOwned;
use spotify_sdk_models::error_path::locate;

use crate::error::{Endpoint, Error};

/// Decodes `body` as `T`.
pub(crate) fn decode<T: DeserializeOwned>(
    body: &[u8],
    endpoint: &Endpoint,
    status: u16,
) -> Result<T, Error> {
    let text = std::str::from_utf8(body).map_err(|e| Error::Decode {
        endpoint: Some(endpoint.clone()),
        status: Some(status),
        path: ".".into(),
        message: format!("the body is not UTF-8 ({e})"),
        snippet: snippet(&String::from_utf8_lossy(body)),
    })?;
    serde_json::from_str(text).map_err(|e| decode_error(text, e, endpoint, status))
}

/// A decode failure with the JSON path of the field that failed (serde_json alone only gives a line
/// and column) and the start of the body.
fn decode_error(
    body: &str,
    json_error: serde_json::Error,
    endpoint: &Endpoint,
    status: u16,
) -> Error {
    let (path, message) = locate(body, &json_error);
    // serde quotes the offending value in full ("invalid type: string \"...\""), and a key can be
    // long too: keep the error readable whatever the body holds.
    let (path, message) = (shorten(path, 200), shorten(message, 300));
    Error::Decode {
        endpoint: Some(endpoint.clone()),
        status: Some(status),
        path,
        message: if body.is_empty() {
            "empty body".into()
        } else {
            message
        },
        snippet: snippet(body),
    }
}

fn snippet(body: &str) -> Box<str> {
    body.chars().take(120).collect::<String>().into()
}

/// `text` cut to about `max` bytes: its start and its end (where serde says what it expected).
fn shorten(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let head = floor(max / 2);
    let tail = floor(text.len() - max / 2);
    format!("{} … {}", &text[..head], &text[tail..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        items: Vec<Item>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        duration_ms: u64,
    }

    fn endpoint() -> Endpoint {
        Endpoint {
            method: "GET",
            path: "/test",
            operation_id: "test",
        }
    }

    fn path_of(e: &Error) -> &str {
        let Error::Decode { path, .. } = e else {
            panic!("{e:?}")
        };
        path
    }

    #[test]
    fn decode_errors_name_the_field() {
        let body = br#"{"items":[{"duration_ms":1},{"duration_ms":"long"}]}"#;
        let e = decode::<Page>(body, &endpoint(), 200).unwrap_err();
        assert_eq!(path_of(&e), "items[1].duration_ms");
        let Error::Decode { snippet, .. } = &e else {
            unreachable!()
        };
        assert!(snippet.starts_with("{\"items\""));
        assert!(e.to_string().contains("items[1].duration_ms"), "{e}");
    }

    #[test]
    fn a_missing_field_is_named_in_the_path() {
        let body = br#"{"items":[{"duration_ms":1},{}]}"#;
        let e = decode::<Page>(body, &endpoint(), 200).unwrap_err();
        assert_eq!(path_of(&e), "items[1].duration_ms");
        assert!(e.to_string().contains("missing field `duration_ms`"), "{e}");
    }

    #[test]
    fn decode_errors_stay_short_whatever_the_body_holds() {
        let body = format!(
            r#"{{"items":[{{"duration_ms":"{}"}}]}}"#,
            "é9".repeat(500_000)
        );
        let e = decode::<Page>(body.as_bytes(), &endpoint(), 200).unwrap_err();
        let text = e.to_string();
        assert!(text.len() < 1024, "{} bytes", text.len());
        assert!(
            text.contains("items[0].duration_ms") && text.contains("expected u64"),
            "{text}"
        );
    }

    #[test]
    fn truncated_empty_and_non_utf8_bodies_are_decode_errors() {
        for body in [
            &b"{\"items\":[{\"dur"[..],
            b"",
            b"<html>",
            b"{\"items\":[\xff]}",
        ] {
            let e = decode::<Page>(body, &endpoint(), 200).unwrap_err();
            assert!(matches!(e, Error::Decode { .. }), "{e:?}");
        }
    }
}
