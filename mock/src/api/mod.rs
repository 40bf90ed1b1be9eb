//! The Web API under `/v1`: one handler routes every request through the operations table, checks
//! the token and dispatches to the stateful handlers or the example-based default.

mod browse;
mod library;
mod player;
mod playlists;

use std::sync::Arc;

use axum::Extension;
use axum::extract::{Request, State};
use axum::response::Response;
use serde_json::Value;
use spotify_sdk_generated::operations::Operation;

use crate::auth::check_request;
use crate::faults::FaultRequest;
use crate::matcher::{self, Route};
use crate::paging::{Links, Window, window};
use crate::record::{RecordedRequest, parse_query};
use crate::reply::{ApiResult, Payload, Reply, bad_request};
use crate::server::ConnCtl;
use crate::shared::{Shared, after, before};

/// The fallback handler: every request that is not for the accounts service.
pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    Extension(ctl): Extension<ConnCtl>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 16 << 20)
        .await
        .unwrap_or_default();
    let full_path = parts.uri.path();
    let api_path = full_path
        .strip_prefix("/v1")
        .filter(|p| p.is_empty() || p.starts_with('/'))
        .map(|p| if p.is_empty() { "/" } else { p });
    let route = match api_path {
        Some(p) => matcher::route(parts.method.as_str(), p),
        None => Route::NotFound,
    };
    let matched = match &route {
        Route::Found(m) => Some(m),
        _ => None,
    };
    let op_id = matched.map(|m| m.op.id);
    shared
        .log
        .lock()
        .unwrap()
        .api
        .push(RecordedRequest::new(&parts, &bytes, op_id));
    let fault = shared.take_fault(&FaultRequest {
        path: api_path.unwrap_or(full_path),
        template: matched.map(|m| m.op.path),
        operation_id: op_id,
        is_api: true,
    });
    let latency = *shared.latency.lock().unwrap();
    if let Some(response) = before(fault.as_ref(), &ctl, latency).await {
        return response;
    }
    let reply = match route {
        Route::NotFound => Reply::error(404, "Service not found"),
        Route::WrongMethod => Reply::error(405, "Method not allowed"),
        // Spotify's front end refuses a POST or PUT that does not say its length, even an empty
        // one (spotify/web-api#859); clients must send `Content-Length: 0`.
        Route::Found(_) if unsized_write(&parts) => Reply::error(411, "Length Required"),
        Route::Found(m) => match check_request(&shared, &parts.headers) {
            Err(unauthorized) => unauthorized,
            Ok(()) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let ctx = Ctx {
                    shared: &shared,
                    op: m.op,
                    params: m.params,
                    api_path: api_path.unwrap_or("/").to_string(),
                    query: parse_query(parts.uri.query()),
                    json: serde_json::from_str(&text).ok(),
                    text,
                };
                let mut reply = dispatch(&ctx).unwrap_or_else(|e| e);
                if let Payload::Json(body) = &mut reply.payload {
                    browse::rebase(body, &shared.base_url);
                }
                reply
            }
        },
    };
    after(fault.as_ref(), &ctl, reply)
}

/// A `POST` or `PUT` without `Content-Length` (nor a chunked body, which says its length as it
/// goes).
fn unsized_write(parts: &axum::http::request::Parts) -> bool {
    let writes = matches!(parts.method.as_str(), "POST" | "PUT");
    let sized = parts
        .headers
        .contains_key(axum::http::header::CONTENT_LENGTH)
        || parts
            .headers
            .contains_key(axum::http::header::TRANSFER_ENCODING);
    writes && !sized
}

/// One routed, authorized API request.
pub(crate) struct Ctx<'a> {
    pub shared: &'a Shared,
    pub op: &'static Operation,
    params: Vec<(&'static str, String)>,
    /// The path relative to the API root.
    pub api_path: String,
    pub query: Vec<(String, String)>,
    /// The body, if it is JSON.
    pub json: Option<Value>,
    /// The body as text.
    pub text: String,
}

impl Ctx<'_> {
    pub fn base(&self) -> &str {
        &self.shared.base_url
    }

    /// A path parameter (empty if absent).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// A non-empty query parameter.
    pub fn q(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// A field of the JSON body.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.json.as_ref()?.get(name).filter(|v| !v.is_null())
    }

    /// A comma-separated query parameter or, if absent, a string array field of the body.
    pub fn list(&self, name: &str) -> Vec<String> {
        if let Some(v) = self.q(name) {
            return v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
        }
        self.field(name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Like [`Ctx::list`], but at least one and at most `max` entries (400 otherwise).
    pub fn required_list(&self, name: &str, max: usize) -> Result<Vec<String>, Reply> {
        let list = self.list(name);
        if list.is_empty() {
            return Err(bad_request(&format!("Missing required parameter: {name}")));
        }
        if list.len() > max {
            return Err(bad_request(&format!(
                "Too many {name} requested (maximum {max})"
            )));
        }
        Ok(list)
    }

    /// `offset`/`limit` for this operation's page limits (20/50 if it has none).
    pub fn window(&self) -> Result<Window, Reply> {
        let (default, max) = self.op.page_limit.map_or((20, 50), |p| (p.default, p.max));
        window(&self.query, default, max)
    }

    /// Links for pages of this request's path.
    pub fn links(&self) -> Links {
        Links::new(self.base(), &self.api_path, &self.query)
    }
}

/// Routes an authorized request to the stateful handlers, else to the example-based default.
fn dispatch(ctx: &Ctx<'_>) -> ApiResult {
    library::handle(ctx)
        .or_else(|| playlists::handle(ctx))
        .or_else(|| player::handle(ctx))
        .unwrap_or_else(|| browse::handle(ctx))
}
