//! The simulator's HTTPS endpoints: one accept loop ([`serve`]) for the API server, CDI's upload
//! proxy, the monitoring stack's Route and whatever endpoint comes next, and [`Endpoint`], a
//! server on a free port of 127.0.0.1 with a thread of its own that stops when dropped.
//!
//! A handler is an async function from a request to a response: the loop does TLS, HTTP/1 and
//! HTTP/2 and protocol upgrades (the API server's websockets), the handler everything else. A
//! handler that fails (`Err`) makes hyper close the connection, which is how the upload proxy's
//! fault knobs cut one.

use std::future::Future;
use std::sync::Arc;

use http::{Request, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};

use crate::tls::Pki;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What an endpoint serves: any `Fn(Request) -> async Result<Response, _>` that can be cloned
/// into each connection.
pub trait Handler: Clone + Send + Sync + 'static {
    type Body: http_body::Body<Data: Send, Error: Into<BoxError>> + Send + 'static;
    type Error: Into<BoxError> + 'static;
    type Reply: Future<Output = Result<Response<Self::Body>, Self::Error>> + Send + 'static;

    fn call(&self, req: Request<Incoming>) -> Self::Reply;
}

impl<H, F, B, E> Handler for H
where
    H: Fn(Request<Incoming>) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Result<Response<B>, E>> + Send + 'static,
    B: http_body::Body<Data: Send, Error: Into<BoxError>> + Send + 'static,
    E: Into<BoxError> + 'static,
{
    type Body = B;
    type Error = E;
    type Reply = F;

    fn call(&self, req: Request<Incoming>) -> F {
        self(req)
    }
}

/// Accepts TLS connections on `listener` and serves each with `handler` until `shutdown`
/// completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    tls: Arc<rustls::ServerConfig>,
    handler: impl Handler,
    shutdown: impl Future<Output = ()>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => accepted,
        };
        let Ok((tcp, _)) = accepted else { continue };
        // Streams (uploads, consoles) write small frames; waiting for Nagle only adds latency.
        let _ = tcp.set_nodelay(true);
        tokio::spawn(serve_connection(acceptor.clone(), tcp, handler.clone()));
    }
}

async fn serve_connection(acceptor: tokio_rustls::TlsAcceptor, tcp: tokio::net::TcpStream, handler: impl Handler) {
    let Ok(tls) = acceptor.accept(tcp).await else { return };
    // The verified client certificate chain (the API server asks for one): the authenticator
    // reads it from each request's extensions.
    let peer =
        tls.get_ref().1.peer_certificates().map(|certs| {
            crate::auth::PeerCertificates(Arc::new(certs.iter().map(|c| c.clone().into_owned()).collect()))
        });
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        if let Some(peer) = &peer {
            req.extensions_mut().insert(peer.clone());
        }
        handler.call(req)
    });
    let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
        .serve_connection_with_upgrades(TokioIo::new(tls), service)
        .await;
}

/// A listener on a free port of 127.0.0.1, ready to move into a runtime.
pub fn bind_local(port: u16) -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// An HTTPS server on a free port of 127.0.0.1, on a thread of its own, presenting the
/// certificate of `pki`: the API server's to look like part of the cluster (the upload proxy), a
/// fresh one to look like a separate service (an OpenShift Route). Stops when dropped.
pub struct Endpoint {
    /// `127.0.0.1:PORT`, what a Route's `spec.host` would hold.
    pub host: String,
    /// The CA that signed the server's certificate.
    pub ca_pem: String,
    _thread: ServerThread,
}

impl Endpoint {
    /// Starts serving `handler`; `name` names the thread.
    pub fn start(name: &str, pki: &Pki, handler: impl Handler) -> anyhow::Result<Endpoint> {
        let listener = bind_local(0)?;
        let host = listener.local_addr()?.to_string();
        let tls = pki.server_config.clone();
        let thread = ServerThread::spawn(name, move |stopped| {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                return;
            };
            rt.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                serve(listener, tls, handler, stopped).await;
            });
        })?;
        Ok(Endpoint {
            host,
            ca_pem: pki.ca_pem.clone(),
            _thread: thread,
        })
    }

    pub fn url(&self) -> String {
        format!("https://{}", self.host)
    }
}

/// A thread running a server until dropped: dropping it signals the future the thread was given
/// and waits for the thread to finish.
pub struct ServerThread {
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ServerThread {
    /// Runs `run` on a thread named `name`; the future it is given completes on drop.
    pub fn spawn(
        name: &str,
        run: impl FnOnce(std::pin::Pin<Box<dyn Future<Output = ()> + Send>>) + Send + 'static,
    ) -> std::io::Result<ServerThread> {
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let stopped = Box::pin(async {
            let _ = rx.await;
        });
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || run(stopped))?;
        Ok(ServerThread {
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }
}

impl Drop for ServerThread {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
