//! The one-shot loopback listener that receives the authorization callback.
//!
//! Served with hyper's HTTP/1 server (already in the dependency tree through reqwest) rather than a
//! web framework: it answers one kind of request and then goes away.

use std::convert::Infallible;
use std::net::SocketAddr;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use url::Url;

use crate::Error;

/// Query parameters of the callback, in order.
pub(crate) type CallbackParams = Vec<(String, String)>;

pub(crate) struct CallbackListener {
    listener: TcpListener,
    path: String,
}

impl CallbackListener {
    /// Binds the redirect URI's address, which the caller has checked is loopback.
    pub async fn bind(redirect_uri: &Url) -> Result<Self, Error> {
        let addrs = redirect_uri
            .socket_addrs(|| Some(80))
            .map_err(|e| Error::Config(format!("redirect URI {redirect_uri}: {e}")))?;
        let addr: SocketAddr = addrs
            .into_iter()
            .find(|a| a.ip().is_loopback())
            .ok_or_else(|| {
                Error::Config(format!(
                    "redirect URI {redirect_uri} is not a loopback address"
                ))
            })?;
        let listener = TcpListener::bind(addr).await.map_err(|e| {
            Error::Config(format!(
                "cannot listen on {addr} for the authorization callback: {e}"
            ))
        })?;
        Ok(Self {
            listener,
            path: redirect_uri.path().to_string(),
        })
    }

    /// Serves connections until one brings a request for the redirect path, and returns its query.
    /// Other paths (a browser's `/favicon.ico`) get 404 and are ignored.
    pub async fn wait(self) -> Result<CallbackParams, Error> {
        let (tx, mut rx) = mpsc::channel::<CallbackParams>(1);
        loop {
            tokio::select! {
                Some(params) = rx.recv() => return Ok(params),
                accepted = self.listener.accept() => {
                    let (stream, _) = accepted.map_err(|e| Error::Connection {
                        endpoint: None,
                        source: Box::new(e),
                    })?;
                    let (tx, path) = (tx.clone(), self.path.clone());
                    tokio::spawn(async move {
                        let service = service_fn(move |req| respond(req, path.clone(), tx.clone()));
                        // A broken browser connection only loses that connection.
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            }
        }
    }
}

async fn respond(
    req: Request<Incoming>,
    path: String,
    tx: mpsc::Sender<CallbackParams>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if req.uri().path() != path {
        return Ok(page(StatusCode::NOT_FOUND, "Not found."));
    }
    let params: CallbackParams =
        url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let refused = params.iter().any(|(k, _)| k == "error");
    let _ = tx.send(params).await;
    Ok(if refused {
        page(
            StatusCode::OK,
            "Authorization was refused. You can close this window.",
        )
    } else {
        page(
            StatusCode::OK,
            "Authorization received. You can close this window and return to the app.",
        )
    })
}

fn page(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
