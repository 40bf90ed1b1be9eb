//! The accept loop: each connection is served by hyper (HTTP/1.1) through axum, over an I/O wrapper
//! that lets faults reset the connection or cut a response body short.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

use crate::faults::Abort;

/// Per-connection switches that handlers set (through a request extension) for the raw faults.
#[derive(Clone, Default)]
pub(crate) struct ConnCtl(Arc<Mutex<CtlState>>);

#[derive(Default)]
struct CtlState {
    abort: Option<Abort>,
    truncate_body_at: Option<usize>,
    reset_on_drop: bool,
}

impl ConnCtl {
    /// Drop the connection instead of answering the current request.
    pub fn abort(&self, abort: Abort) {
        let mut s = self.0.lock().unwrap();
        s.abort = Some(abort);
        s.reset_on_drop = abort == Abort::Reset;
    }

    /// Send only `n` bytes of the next response body, then close.
    pub fn truncate_body_at(&self, n: usize) {
        self.0.lock().unwrap().truncate_body_at = Some(n);
    }

    fn take_abort(&self) -> Option<Abort> {
        self.0.lock().unwrap().abort.take()
    }
}

/// Accepts connections until `shutdown`'s sender is dropped.
pub(crate) async fn run(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<()>) {
    loop {
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // E.g. out of file descriptors: back off instead of spinning.
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, router.clone(), shutdown.clone()));
            }
        }
    }
}

async fn serve(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<()>) {
    let ctl = ConnCtl::default();
    let io = TokioIo::new(FaultIo::new(stream, ctl.clone()));
    let service = service_fn(move |req: hyper::Request<Incoming>| {
        let router = router.clone();
        let ctl = ctl.clone();
        async move {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ctl.clone());
            let response = router
                .oneshot(req)
                .await
                .unwrap_or_else(|never| match never {});
            match ctl.take_abort() {
                // An error from the service makes hyper drop the connection without answering.
                Some(_) => Err(io::Error::other("fault: connection dropped")),
                None => Ok(response),
            }
        }
    });
    let conn = http1::Builder::new().serve_connection(io, service);
    tokio::select! {
        _ = conn => {}
        _ = shutdown.changed() => {}
    }
}

/// A TCP stream that can cut a response body short and reset on drop.
struct FaultIo {
    inner: TcpStream,
    ctl: ConnCtl,
    truncate: Option<Truncate>,
    cut: bool,
}

/// Progress through a response that is to be truncated.
#[derive(Clone, Copy)]
struct Truncate {
    /// How much of `\r\n\r\n` (the end of the head) has been seen.
    matched: usize,
    head_done: bool,
    /// Body bytes still allowed.
    remaining: usize,
}

impl Truncate {
    /// Consumes `bytes`; returns how many of them may be written.
    fn advance(&mut self, bytes: &[u8]) -> usize {
        let mut allowed = 0;
        for &b in bytes {
            if self.head_done {
                if self.remaining == 0 {
                    break;
                }
                self.remaining -= 1;
            } else {
                self.matched = match (self.matched, b) {
                    (0 | 2, b'\r') => self.matched + 1,
                    (1 | 3, b'\n') => self.matched + 1,
                    (_, b'\r') => 1,
                    _ => 0,
                };
                self.head_done = self.matched == 4;
            }
            allowed += 1;
        }
        allowed
    }

    fn finished(&self) -> bool {
        self.head_done && self.remaining == 0
    }
}

impl FaultIo {
    fn new(inner: TcpStream, ctl: ConnCtl) -> FaultIo {
        FaultIo {
            inner,
            ctl,
            truncate: None,
            cut: false,
        }
    }
}

impl Drop for FaultIo {
    fn drop(&mut self) {
        if self.ctl.0.lock().map(|s| s.reset_on_drop).unwrap_or(false) {
            let _ = self.inner.set_zero_linger();
        }
    }
}

impl AsyncRead for FaultIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for FaultIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.cut {
            return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
        }
        if this.truncate.is_none()
            && let Some(n) = this.ctl.0.lock().unwrap().truncate_body_at.take()
        {
            this.truncate = Some(Truncate {
                matched: 0,
                head_done: false,
                remaining: n,
            });
        }
        let Some(plan) = this.truncate else {
            return Pin::new(&mut this.inner).poll_write(cx, buf);
        };
        let allowed = plan.clone().advance(buf);
        if allowed == 0 {
            this.cut = true;
            return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
        }
        let written = std::task::ready!(Pin::new(&mut this.inner).poll_write(cx, &buf[..allowed]))?;
        let mut plan = plan;
        plan.advance(&buf[..written]);
        this.cut = plan.finished();
        this.truncate = Some(plan);
        Poll::Ready(Ok(written))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
