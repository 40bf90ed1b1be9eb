//! Fault injection: errors, delays, broken connections and odd bodies, for chosen requests.

use std::time::Duration;

use serde_json::{Value, json};

use crate::reply::{Payload, Reply, default_message};

/// A fault to inject, built with the constructors below and narrowed with [`Fault::on_operation`],
/// [`Fault::on_path`] or [`Fault::on_token_endpoint`] and [`Fault::times`].
///
/// Without a target a fault applies to every Web API request (not to the accounts service); without
/// [`Fault::times`] it applies until [`MockServer::clear_faults`](crate::MockServer::clear_faults).
/// When several faults match a request, the one registered first is used (and counted).
///
/// ```
/// # use spotify_sdk_mock::Fault;
/// # use std::time::Duration;
/// let rate_limited = Fault::status(429).retry_after(2).times(2).on_operation("get-track");
/// let flaky = Fault::reset().times(1);
/// let slow = Fault::delay(Duration::from_millis(50));
/// ```
#[derive(Clone, Debug)]
pub struct Fault {
    action: Action,
    delay: Duration,
    target: Target,
    times: Option<u32>,
}

#[derive(Clone, Debug)]
pub(crate) enum Action {
    /// Answer normally (used by pure delays).
    Pass,
    Status {
        status: u16,
        body: Option<Value>,
        retry_after: Option<u64>,
    },
    Custom {
        status: u16,
        content_type: String,
        body: Vec<u8>,
    },
    Reset,
    Close,
    Truncate,
    Malformed,
    ReplaceField {
        field: String,
        value: Value,
    },
    NullItems,
}

#[derive(Clone, Debug, PartialEq)]
enum Target {
    Api,
    Operation(String),
    Path(String),
}

impl Fault {
    fn new(action: Action) -> Fault {
        Fault {
            action,
            delay: Duration::ZERO,
            target: Target::Api,
            times: None,
        }
    }

    /// Answer with `status` and Spotify's error body `{"error":{"status":..,"message":..}}` (no
    /// body for statuses below 400). The request is not processed.
    pub fn status(status: u16) -> Fault {
        Fault::new(Action::Status {
            status,
            body: None,
            retry_after: None,
        })
    }

    /// Wait `delay`, then answer normally. Combine with other faults through [`Fault::with_delay`].
    pub fn delay(delay: Duration) -> Fault {
        Fault::new(Action::Pass).with_delay(delay)
    }

    /// Reset the connection (TCP RST) without sending any response.
    pub fn reset() -> Fault {
        Fault::new(Action::Reset)
    }

    /// Close the connection (TCP FIN) without sending any response.
    pub fn close() -> Fault {
        Fault::new(Action::Close)
    }

    /// Send the normal response with its full `Content-Length`, but only the first half of the
    /// body, then close the connection. Affects only responses with a body.
    pub fn truncated() -> Fault {
        Fault::new(Action::Truncate)
    }

    /// Send the normal status with a `application/json` body that is not valid JSON (the first half
    /// of the normal body, or of `{}`).
    pub fn malformed_json() -> Fault {
        Fault::new(Action::Malformed)
    }

    /// Replace every `album_type` in the body by `"novel"`, a value the spec does not know.
    pub fn unknown_enum() -> Fault {
        Fault::replace_field("album_type", json!("novel"))
    }

    /// Replace the value of every field named `field`, at any depth of the body, by `value`.
    pub fn replace_field(field: &str, value: Value) -> Fault {
        Fault::new(Action::ReplaceField {
            field: field.to_string(),
            value,
        })
    }

    /// Insert a `null` at the start of every `items` array of the body, as Spotify does for
    /// unavailable items.
    pub fn null_items() -> Fault {
        Fault::new(Action::NullItems)
    }

    /// Answer with exactly this status, content type and body. The request is not processed.
    pub fn custom(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Fault {
        Fault::new(Action::Custom {
            status,
            content_type: content_type.to_string(),
            body: body.into(),
        })
    }

    /// The JSON body of a [`Fault::status`] fault (instead of Spotify's default error body).
    pub fn body(mut self, body: Value) -> Fault {
        if let Action::Status { body: b, .. } = &mut self.action {
            *b = Some(body);
        }
        self
    }

    /// The `Retry-After` header (seconds) of a [`Fault::status`] fault.
    pub fn retry_after(mut self, seconds: u64) -> Fault {
        if let Action::Status { retry_after, .. } = &mut self.action {
            *retry_after = Some(seconds);
        }
        self
    }

    /// Waits `delay` before the fault acts (or before the normal answer).
    pub fn with_delay(mut self, delay: Duration) -> Fault {
        self.delay = delay;
        self
    }

    /// Applies to the next `n` matching requests only.
    pub fn times(mut self, n: u32) -> Fault {
        self.times = Some(n);
        self
    }

    /// Applies to every matching request (the default).
    pub fn always(mut self) -> Fault {
        self.times = None;
        self
    }

    /// Applies only to the operation with this `operationId` (`"get-track"`; `"get_track"` works
    /// too).
    pub fn on_operation(mut self, operation_id: &str) -> Fault {
        self.target = Target::Operation(operation_id.replace('_', "-"));
        self
    }

    /// Applies only to requests for this path: relative to the API root (`"/tracks/abc"`), with it
    /// (`"/v1/tracks/abc"`), or a template of the operations table (`"/tracks/{id}"`).
    /// `"/api/token"` targets the token endpoint.
    pub fn on_path(mut self, path: &str) -> Fault {
        let path = path
            .strip_prefix("/v1")
            .filter(|p| p.starts_with('/'))
            .unwrap_or(path);
        self.target = Target::Path(path.to_string());
        self
    }

    /// Applies only to the token endpoint `POST /api/token`.
    pub fn on_token_endpoint(self) -> Fault {
        self.on_path("/api/token")
    }
}

/// What a fault is matched against.
pub(crate) struct FaultRequest<'a> {
    /// The path without the `/v1` root for API requests; the full path otherwise.
    pub path: &'a str,
    pub template: Option<&'a str>,
    pub operation_id: Option<&'a str>,
    pub is_api: bool,
}

impl Target {
    fn matches(&self, req: &FaultRequest<'_>) -> bool {
        match self {
            Target::Api => req.is_api,
            Target::Operation(id) => req.operation_id == Some(id.as_str()),
            Target::Path(p) => p == req.path || Some(p.as_str()) == req.template,
        }
    }
}

/// The registered faults, in order.
#[derive(Default)]
pub(crate) struct FaultSet(Vec<Fault>);

impl FaultSet {
    pub fn push(&mut self, fault: Fault) {
        self.0.push(fault);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The first fault matching `req`, counted as used.
    pub fn take(&mut self, req: &FaultRequest<'_>) -> Option<Injected> {
        let index = self
            .0
            .iter()
            .position(|f| f.times != Some(0) && f.target.matches(req))?;
        let fault = &mut self.0[index];
        let injected = Injected {
            action: fault.action.clone(),
            delay: fault.delay,
        };
        if let Some(n) = &mut fault.times {
            *n -= 1;
            if *n == 0 {
                self.0.remove(index);
            }
        }
        Some(injected)
    }
}

/// A fault chosen for one request.
#[derive(Clone, Debug)]
pub(crate) struct Injected {
    pub action: Action,
    pub delay: Duration,
}

/// What happens to the connection instead of a normal answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abort {
    Reset,
    Close,
}

/// What a fault does before the request is handled.
pub(crate) enum Early {
    Continue,
    Answer(Reply),
    Abort(Abort),
}

impl Injected {
    pub fn early(&self) -> Early {
        match &self.action {
            Action::Status {
                status,
                body,
                retry_after,
            } => {
                let mut reply = match body {
                    Some(body) => Reply::json(*status, body.clone()),
                    None if *status >= 400 => Reply::error(*status, default_message(*status)),
                    None => Reply::empty(*status),
                };
                if let Some(secs) = retry_after {
                    reply = reply.with_header("retry-after", secs.to_string());
                }
                Early::Answer(reply)
            }
            Action::Custom {
                status,
                content_type,
                body,
            } => Early::Answer(Reply {
                status: *status,
                payload: Payload::Raw {
                    content_type: content_type.clone(),
                    bytes: body.clone(),
                },
                headers: Vec::new(),
            }),
            Action::Reset => Early::Abort(Abort::Reset),
            Action::Close => Early::Abort(Abort::Close),
            _ => Early::Continue,
        }
    }

    /// Rewrites the normal reply. Returns how many body bytes to send if the body is to be
    /// truncated.
    pub fn rewrite(&self, reply: &mut Reply) -> Option<usize> {
        match &self.action {
            Action::Truncate => {
                let len = reply.body_bytes().len();
                (len > 0).then_some(len / 2)
            }
            Action::Malformed => {
                let mut bytes = reply.body_bytes();
                if bytes.is_empty() {
                    bytes = b"{}".to_vec();
                }
                bytes.truncate(bytes.len() / 2);
                reply.payload = Payload::Raw {
                    content_type: "application/json; charset=utf-8".into(),
                    bytes,
                };
                if reply.status == 204 {
                    reply.status = 200;
                }
                None
            }
            Action::ReplaceField { field, value } => {
                if let Payload::Json(body) = &mut reply.payload {
                    replace_field(body, field, value);
                }
                None
            }
            Action::NullItems => {
                if let Payload::Json(body) = &mut reply.payload {
                    null_items(body);
                }
                None
            }
            _ => None,
        }
    }
}

fn replace_field(v: &mut Value, field: &str, value: &Value) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == field {
                    *child = value.clone();
                } else {
                    replace_field(child, field, value);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|c| replace_field(c, field, value)),
        _ => {}
    }
}

fn null_items(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                null_items(child);
                if k == "items"
                    && let Value::Array(items) = child
                {
                    items.insert(0, Value::Null);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(null_items),
        _ => {}
    }
}
