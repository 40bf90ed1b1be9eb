//! State shared by the handlers and the [`MockServer`](crate::MockServer) handles, and the steps
//! every request goes through (recording, faults, latency).

use std::sync::Mutex;
use std::time::Duration;

use axum::response::Response;

use crate::auth::AuthState;
use crate::faults::{Early, FaultRequest, FaultSet, Injected};
use crate::record::RecordedRequest;
use crate::reply::Reply;
use crate::server::ConnCtl;
use crate::state::State;

/// Everything the server task and the handles share. Locks are never held across an `await`.
pub(crate) struct Shared {
    /// `http://127.0.0.1:PORT/v1`
    pub base_url: String,
    /// `http://127.0.0.1:PORT`
    pub accounts_url: String,
    pub state: Mutex<State>,
    pub auth: Mutex<AuthState>,
    pub faults: Mutex<FaultSet>,
    pub log: Mutex<Log>,
    pub latency: Mutex<Duration>,
}

/// Received requests by endpoint.
#[derive(Default)]
pub(crate) struct Log {
    pub api: Vec<RecordedRequest>,
    pub token: Vec<RecordedRequest>,
    pub authorize: Vec<RecordedRequest>,
}

impl Shared {
    pub fn new(accounts_url: String) -> Shared {
        Shared {
            base_url: format!("{accounts_url}/v1"),
            accounts_url,
            state: Mutex::new(State::default()),
            auth: Mutex::new(AuthState::default()),
            faults: Mutex::new(FaultSet::default()),
            log: Mutex::new(Log::default()),
            latency: Mutex::new(Duration::ZERO),
        }
    }

    pub fn take_fault(&self, req: &FaultRequest<'_>) -> Option<Injected> {
        self.faults.lock().unwrap().take(req)
    }
}

/// Waits `latency` plus the fault's delay, then answers early if the fault says so.
pub(crate) async fn before(
    fault: Option<&Injected>,
    ctl: &ConnCtl,
    latency: Duration,
) -> Option<Response> {
    let delay = latency + fault.map_or(Duration::ZERO, |f| f.delay);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match fault?.early() {
        Early::Continue => None,
        Early::Answer(reply) => Some(reply.into_response()),
        Early::Abort(abort) => {
            ctl.abort(abort);
            Some(Reply::empty(500).into_response())
        }
    }
}

/// Lets the fault rewrite the reply (or arrange for its body to be cut), then builds the response.
pub(crate) fn after(fault: Option<&Injected>, ctl: &ConnCtl, mut reply: Reply) -> Response {
    if let Some(n) = fault.and_then(|f| f.rewrite(&mut reply)) {
        ctl.truncate_body_at(n);
    }
    reply.into_response()
}
