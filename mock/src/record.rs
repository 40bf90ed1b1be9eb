//! The requests the server received, as tests see them.

use axum::http::request::Parts;
use serde_json::Value;

/// One request the mock received.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedRequest {
    /// HTTP method, upper case (`"GET"`).
    pub method: String,
    /// The path as received, including the API root: `"/v1/tracks/abc"`, `"/api/token"`.
    pub path: String,
    /// Decoded query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Headers with lower-case names, in order. The `Authorization` value is replaced by
    /// `"<redacted>"`.
    pub headers: Vec<(String, String)>,
    /// The body: JSON as sent; a form body (token requests) as an object of its fields with
    /// `client_secret` redacted; any other text as a JSON string. `None` when empty.
    pub body: Option<Value>,
    /// The spec's `operationId` the request was routed to (`"get-track"`), if any.
    pub operation_id: Option<String>,
    /// When the server had read the request (before any fault delay or latency), on the real clock:
    /// for checking the spacing of requests, e.g. that a `Retry-After` was waited out.
    pub received_at: std::time::Instant,
}

impl RecordedRequest {
    pub(crate) fn new(parts: &Parts, body: &[u8], operation_id: Option<&str>) -> RecordedRequest {
        let headers = parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = if name == axum::http::header::AUTHORIZATION {
                    "<redacted>".to_string()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str().to_string(), value)
            })
            .collect();
        let is_form = parts
            .headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        RecordedRequest {
            method: parts.method.as_str().to_string(),
            path: parts.uri.path().to_string(),
            query: parse_query(parts.uri.query()),
            headers,
            body: record_body(body, is_form),
            operation_id: operation_id.map(str::to_string),
            received_at: std::time::Instant::now(),
        }
    }

    /// The first value of query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of field `name` of a form or JSON object body.
    pub fn body_field(&self, name: &str) -> Option<&str> {
        self.body.as_ref()?.get(name)?.as_str()
    }
}

/// Decodes a query string into pairs.
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

fn record_body(body: &[u8], is_form: bool) -> Option<Value> {
    if body.is_empty() {
        return None;
    }
    if is_form {
        let map = url::form_urlencoded::parse(body)
            .map(|(k, v)| {
                let v = if k == "client_secret" {
                    "<redacted>".into()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), Value::String(v))
            })
            .collect();
        return Some(Value::Object(map));
    }
    Some(
        serde_json::from_slice(body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned())),
    )
}
