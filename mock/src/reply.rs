//! What a handler answers, before it becomes an HTTP response (faults may still rewrite it).

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

/// The body of a [`Reply`].
#[derive(Clone, Debug)]
pub(crate) enum Payload {
    Empty,
    Json(Value),
    Raw {
        content_type: String,
        bytes: Vec<u8>,
    },
}

/// A status, headers and body.
#[derive(Clone, Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub payload: Payload,
    pub headers: Vec<(String, String)>,
}

/// Handlers answer `Err` with an error reply so that `?` works.
pub(crate) type ApiResult = Result<Reply, Reply>;

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            payload: Payload::Json(body),
            headers: Vec::new(),
        }
    }

    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            payload: Payload::Empty,
            headers: Vec::new(),
        }
    }

    /// Spotify's Web API error shape: `{"error":{"status":..,"message":..}}`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(
            status,
            json!({"error": {"status": status, "message": message}}),
        )
    }

    /// The accounts service's OAuth error shape: `{"error":..,"error_description":..}`.
    pub fn oauth_error(status: u16, error: &str, description: &str) -> Reply {
        Reply::json(
            status,
            json!({"error": error, "error_description": description}),
        )
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// The serialized body (empty for [`Payload::Empty`]).
    pub fn body_bytes(&self) -> Vec<u8> {
        match &self.payload {
            Payload::Empty => Vec::new(),
            Payload::Json(v) => serde_json::to_vec(v).unwrap_or_default(),
            Payload::Raw { bytes, .. } => bytes.clone(),
        }
    }

    pub fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let content_type = match &self.payload {
            Payload::Empty => None,
            Payload::Json(_) => Some("application/json; charset=utf-8".to_string()),
            Payload::Raw { content_type, .. } => Some(content_type.clone()),
        };
        let body = self.body_bytes();
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        if let Some(ct) = content_type.and_then(|ct| HeaderValue::from_str(&ct).ok()) {
            headers.insert(header::CONTENT_TYPE, ct);
        }
        for (name, value) in self.headers {
            if let (Ok(name), Ok(value)) = (
                header::HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&value),
            ) {
                headers.append(name, value);
            }
        }
        response
    }
}

pub(crate) fn bad_request(message: &str) -> Reply {
    Reply::error(400, message)
}

pub(crate) fn not_found(message: &str) -> Reply {
    Reply::error(404, message)
}

/// The usual message Spotify sends with a status.
pub(crate) fn default_message(status: u16) -> &'static str {
    match status {
        400 => "Bad request",
        401 => "Invalid access token",
        403 => "Forbidden",
        404 => "Not found",
        429 => "API rate limit exceeded",
        500 => "Server error",
        502 => "Bad gateway",
        503 => "Service unavailable",
        _ => StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error"),
    }
}
