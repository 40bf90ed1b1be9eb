//! Turning a generated call into `Result<T, Error>`.
//!
//! The generated code only lets the transport return a `reqwest::Result`, which cannot carry our error
//! (an expired refresh token, a 429 with its `Retry-After`, Spotify's message). So each call runs inside a
//! task-local [`CallSlot`]: the transport records the rich error and the endpoint there, and
//! [`finish`] prefers it over what the generated code made of the response.

use std::sync::{Arc, Mutex};

use progenitor_client::ResponseValue;
use serde::de::DeserializeOwned;

use crate::error::{Endpoint, Error};

tokio::task_local! {
    static CALL: CallSlot;
}

/// Per-call state shared between the transport and [`finish`].
#[derive(Clone, Default)]
pub(crate) struct CallSlot(Arc<Mutex<SlotState>>);

#[derive(Default)]
struct SlotState {
    error: Option<Error>,
    endpoint: Option<Endpoint>,
    status: Option<u16>,
}

impl CallSlot {
    fn with<R>(&self, f: impl FnOnce(&mut SlotState) -> R) -> R {
        f(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The slot of the current call, if the request runs inside one.
    pub fn current() -> Option<CallSlot> {
        CALL.try_with(Clone::clone).ok()
    }

    pub fn set_error(&self, error: Error) {
        self.with(|s| s.error = Some(error));
    }

    pub fn set_response(&self, endpoint: Endpoint, status: Option<u16>) {
        self.with(|s| {
            s.endpoint = Some(endpoint);
            s.status = status;
        });
    }

    fn take_error(&self) -> Option<Error> {
        self.with(|s| s.error.take())
    }

    fn context(&self) -> (Option<Endpoint>, Option<u16>) {
        self.with(|s| (s.endpoint.clone(), s.status))
    }
}

/// Runs `fut` (a generated `send()`) with a fresh slot.
pub(crate) async fn run<T, E, F>(
    fut: F,
) -> (
    Result<ResponseValue<T>, progenitor_client::Error<E>>,
    CallSlot,
)
where
    F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
{
    let slot = CallSlot::default();
    let result = CALL.scope(slot.clone(), fut).await;
    (result, slot)
}

/// The outcome of a generated call as our `Result`. `Ok(None)` is a success without a body where the
/// operation documents one (`204 No Content`, e.g. the player when nothing plays).
pub(crate) fn finish<T: DeserializeOwned, E>(
    result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
    slot: &CallSlot,
) -> Result<Option<T>, Error> {
    let error = match result {
        Ok(value) => return Ok(Some(value.into_inner())),
        Err(error) => error,
    };
    if let Some(rich) = slot.take_error() {
        return Err(rich);
    }
    let (endpoint, status) = slot.context();
    use progenitor_client::Error as G;
    Err(match error {
        G::UnexpectedResponse(response) if response.status().is_success() => {
            if response.status() == reqwest::StatusCode::NO_CONTENT {
                return Ok(None);
            }
            Error::Decode {
                endpoint,
                status: Some(response.status().as_u16()),
                path: String::new(),
                message: format!("unexpected success status {}", response.status()),
                snippet: Box::default(),
            }
        }
        G::InvalidResponsePayload(body, json_error) => {
            decode_error::<T>(&body, json_error, endpoint, status)
        }
        G::ResponseBodyError(e) if e.is_timeout() => Error::Timeout { endpoint },
        G::ResponseBodyError(e) | G::CommunicationError(e) | G::InvalidUpgrade(e) => {
            if e.is_timeout() {
                Error::Timeout { endpoint }
            } else {
                Error::Connection {
                    endpoint,
                    source: Box::new(e),
                }
            }
        }
        G::InvalidRequest(message) | G::Custom(message) => Error::InvalidArgument(message),
        G::ErrorResponse(response) => Error::from_status(
            crate::error::ApiError {
                status: response.status().as_u16(),
                message: None,
                endpoint,
            },
            None,
        ),
        G::UnexpectedResponse(response) => Error::from_status(
            crate::error::ApiError {
                status: response.status().as_u16(),
                message: None,
                endpoint,
            },
            None,
        ),
    })
}

/// A decode failure with the JSON path of the field that failed (serde_json alone only gives a line and
/// column) and the start of the body. Only runs on the failure path.
fn decode_error<T: DeserializeOwned>(
    body: &[u8],
    json_error: serde_json::Error,
    endpoint: Option<Endpoint>,
    status: Option<u16>,
) -> Error {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let (path, message) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(e) => (e.path().to_string(), e.inner().to_string()),
        Ok(_) => (String::from("."), json_error.to_string()),
    };
    // serde quotes the offending value in full ("invalid type: string \"...\""), and a key can be
    // long too: keep the error readable whatever the body holds.
    let (path, message) = (shorten(path, 200), shorten(message, 300));
    let text = String::from_utf8_lossy(body);
    let snippet: Box<str> = text.chars().take(120).collect::<String>().into();
    Error::Decode {
        endpoint,
        status,
        path,
        message: if body.is_empty() {
            "empty body".into()
        } else {
            message
        },
        snippet,
    }
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

    #[test]
    fn decode_errors_name_the_field() {
        let body = br#"{"items":[{"duration_ms":1},{"duration_ms":"long"}]}"#;
        let json_error = serde_json::from_slice::<Page>(body).unwrap_err();
        let e = decode_error::<Page>(body, json_error, None, Some(200));
        let Error::Decode { path, snippet, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(path, "items[1].duration_ms");
        assert!(snippet.starts_with("{\"items\""));
        assert!(e.to_string().contains("items[1].duration_ms"), "{e}");
    }

    #[test]
    fn decode_errors_stay_short_whatever_the_body_holds() {
        let body = format!(
            r#"{{"items":[{{"duration_ms":"{}"}}]}}"#,
            "é9".repeat(500_000)
        );
        let json_error = serde_json::from_slice::<Page>(body.as_bytes()).unwrap_err();
        let e = decode_error::<Page>(body.as_bytes(), json_error, None, Some(200));
        let text = e.to_string();
        assert!(text.len() < 1024, "{} bytes", text.len());
        assert!(
            text.contains("items[0].duration_ms") && text.contains("expected u64"),
            "{text}"
        );
    }

    #[test]
    fn truncated_and_empty_bodies_are_decode_errors() {
        for body in [&b"{\"items\":[{\"dur"[..], b"", b"<html>"] {
            let json_error = serde_json::from_slice::<Page>(body).unwrap_err();
            let e = decode_error::<Page>(body, json_error, None, Some(200));
            assert!(matches!(e, Error::Decode { .. }), "{e:?}");
        }
    }
}
