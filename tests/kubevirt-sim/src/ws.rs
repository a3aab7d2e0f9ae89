//! virt-api's websocket subresources (`console`, `vnc`, `usbredir`, `portforward/{port}[/{proto}]`)
//! and `vnc/screenshot`: the handshake with the `plain.kubevirt.io` subprotocol, the checks virt-api
//! makes before upgrading (same status codes and messages), then gorilla/websocket's own
//! handshake checks (`Connection`/`Upgrade` tokens, version 13, a 16-byte key) with virt-api's
//! doubled error body, session eviction, and one splice
//! between the websocket and a simulated backend. Sessions end as virt-api's do: the TCP
//! connection is dropped without a close frame.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http::{HeaderMap, Method, Request, Response, StatusCode, header};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::watch;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::Role;

use crate::auth::Attributes;
use crate::object::{vm_gr, vm_kind, vmi_gr, vmi_kind};
use crate::server::{Reply, SimState};
use crate::status::ApiError;
use crate::virtapi::{self, has_condition, phase};
use crate::{Sim, console, discovery, portforward, vnc};

pub const PROTOCOL: &str = "plain.kubevirt.io";
const PREFIX: &str = "/apis/subresources.kubevirt.io/v1/namespaces/";
/// usbredir slots per VMI (`virt-usbredir-0..3`).
pub const USBREDIR_SLOTS: usize = 4;

/// Shared state of the streaming subresources.
#[derive(Default)]
pub struct ConnectState {
    /// what the network does to websocket sessions opened from now on
    pub network: Mutex<NetworkFaults>,
    /// per VMI (namespace/name/uid): the active console and VNC session's eviction signal
    pub console_sessions: Mutex<HashMap<String, watch::Sender<bool>>>,
    pub vnc_sessions: Mutex<HashMap<String, watch::Sender<bool>>>,
    pub usbredir_in_use: Mutex<HashMap<String, usize>>,
    /// the serial terminals, kept across sessions as a real serial line is
    pub terminals: Mutex<HashMap<String, Arc<Mutex<console::Terminal>>>>,
    /// services a test attached to a VMI: (namespace, vmi, port, protocol) -> local address
    pub attached: Mutex<HashMap<(String, String, u16, String), std::net::SocketAddr>>,
}

impl Sim {
    /// Cut any websocket that carries no frame for `after` (like a load balancer's idle timeout);
    /// `None` turns it off.
    pub fn set_websocket_idle_cut(&self, after: Option<Duration>) {
        self.state
            .connect
            .network
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .idle_cut = after;
    }

    /// Websockets opened from now on go silent `after` their upgrade: the server neither reads
    /// nor writes (so it answers no ping) and does not close, as when virt-api hangs or a
    /// stateful firewall drops the flow without a reset. `None` turns it off.
    pub fn set_websocket_blackhole(&self, after: Option<Duration>) {
        self.state
            .connect
            .network
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .blackhole_after = after;
    }

    /// How many websocket sessions went silent through [`Sim::set_websocket_blackhole`].
    pub fn silenced_websockets(&self) -> usize {
        let network = self.state.connect.network.lock().unwrap_or_else(|e| e.into_inner());
        network.silenced.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// How many websocket pings clients have sent on KubeVirt's websocket subresources.
    pub fn websocket_pings_received(&self) -> usize {
        let network = self.state.connect.network.lock().unwrap_or_else(|e| e.into_inner());
        network.client_pings.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Make `{protocol}` port `port` of VMI `namespace/name` reach `addr` (a real local socket),
    /// e.g. a benchmark sink or a test's own server. Replaces a built-in guest service.
    pub fn attach_service(&self, namespace: &str, name: &str, port: u16, protocol: &str, addr: std::net::SocketAddr) {
        self.state
            .connect
            .attached
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((namespace.into(), name.into(), port, protocol.into()), addr);
    }

    /// Number of console/VNC sessions currently open on a VMI.
    pub fn active_sessions(&self, kind: &str, namespace: &str, name: &str) -> usize {
        let prefix = format!("{namespace}/{name}/");
        let map = match kind {
            "console" => &self.state.connect.console_sessions,
            _ => &self.state.connect.vnc_sessions,
        };
        map.lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|(k, tx)| k.starts_with(&prefix) && !tx.is_closed())
            .count()
    }
}

/// Whether the request is for one of the streaming subresources; returns it otherwise.
pub async fn intercept(
    state: &Arc<SimState>,
    req: Request<hyper::body::Incoming>,
) -> Result<Response<Body>, Request<hyper::body::Incoming>> {
    let path = req.uri().path().to_string();
    let Some(route) = Route::parse(&path) else {
        return Err(req);
    };
    let raw_query = req.uri().query().unwrap_or("").to_string();
    let backend = match prepare(state, &req, &route, &raw_query) {
        Ok(Prepared::Screenshot(png)) => {
            record(state, &req, 200);
            return Ok(Response::builder()
                .status(200)
                .header(header::CONTENT_TYPE, "image/png")
                .body(Body::from(png))
                .unwrap_or_default());
        }
        Ok(Prepared::Backend(backend)) => backend,
        Err(reply) => {
            record(state, &req, reply.status());
            return Ok(reply.into_response());
        }
    };
    if let Err(refused) = check_handshake(req.method(), req.headers()) {
        backend.release(state);
        record(state, &req, refused.status().as_u16());
        return Ok(refused);
    }
    let protocol = offers_protocol(req.headers()).then_some(PROTOCOL);
    let serving = state.clone();
    Ok(accept_upgrade(state, req, protocol, move |socket| {
        backend.run(serving, socket)
    }))
}

/// The server's end of an upgraded connection.
pub type Socket = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

/// Records a websocket request (no body) with the status it got, in the API server's log.
pub(crate) fn record(state: &SimState, req: &Request<hyper::body::Incoming>, status: u16) {
    crate::server::record(
        state,
        req.method(),
        req.uri().path(),
        req.uri().query().unwrap_or(""),
        status,
        b"",
        req.headers(),
        &crate::auth::Identity::of(req.extensions()),
    );
}

/// Accepts a websocket upgrade every check let through, the one way virt-api's subresources,
/// pod attach and pod port-forward do: records the request as 101, answers 101 with the accept
/// key derived from `Sec-WebSocket-Key` (and `protocol` when one was agreed), and hands the
/// socket to `serve` once hyper has upgraded the connection.
pub(crate) fn accept_upgrade<F, Fut>(
    state: &SimState,
    req: Request<hyper::body::Incoming>,
    protocol: Option<&'static str>,
    serve: F,
) -> Response<Body>
where
    F: FnOnce(Socket) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    record(state, &req, 101);
    let accept = req
        .headers()
        .get(header::SEC_WEBSOCKET_KEY)
        .map(|k| tokio_tungstenite::tungstenite::handshake::derive_accept_key(k.as_bytes()))
        .unwrap_or_default();
    tokio::spawn(async move {
        let mut req = req;
        let Ok(upgraded) = hyper::upgrade::on(&mut req).await else {
            return;
        };
        serve(WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await).await;
    });
    let mut response = Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header(header::CONNECTION, "Upgrade")
        .header(header::UPGRADE, "websocket")
        .header(header::SEC_WEBSOCKET_ACCEPT, accept);
    if let Some(protocol) = protocol {
        response = response.header(header::SEC_WEBSOCKET_PROTOCOL, protocol);
    }
    response.body(Body::empty()).unwrap_or_default()
}

fn offers_protocol(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim() == PROTOCOL)
}

/// gorilla/websocket's `Upgrader.Upgrade` checks, in its order, as virt-api runs them once the
/// VMI checks passed and the backend was dialed. `Err` is the response virt-api then sends.
fn check_handshake(method: &Method, headers: &HeaderMap) -> Result<(), Response<Body>> {
    const BAD: &str = "websocket: the client is not using the websocket protocol: ";
    let token = |name: &str, want: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(want))
    };
    let refuse = |status: StatusCode, reason: String| Err(handshake_refused(status, &reason));
    if !token("connection", "upgrade") {
        return refuse(
            StatusCode::BAD_REQUEST,
            format!("{BAD}'upgrade' token not found in 'Connection' header"),
        );
    }
    if !token("upgrade", "websocket") {
        return refuse(
            StatusCode::UPGRADE_REQUIRED,
            format!("{BAD}'websocket' token not found in 'Upgrade' header"),
        );
    }
    if method != Method::GET {
        return refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{BAD}request method is not GET"),
        );
    }
    if !token("sec-websocket-version", "13") {
        return refuse(
            StatusCode::BAD_REQUEST,
            "websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header".into(),
        );
    }
    let key = headers
        .get(header::SEC_WEBSOCKET_KEY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let valid_key = base64::Engine::decode(&base64::prelude::BASE64_STANDARD, key).is_ok_and(|k| k.len() == 16);
    if !valid_key {
        return refuse(
            StatusCode::BAD_REQUEST,
            "websocket: not a websocket handshake: 'Sec-WebSocket-Key' header must be Base64 encoded value of 16-byte in length".into(),
        );
    }
    Ok(())
}

/// What a failed upgrade puts on the wire: gorilla's `http.Error` (status text, `text/plain`,
/// `Sec-Websocket-Version: 13`), then virt-api's `writeError(NewBadRequest(err))` appends its
/// Status to the same body (go-restful indents it by one space; its headers come too late).
fn handshake_refused(status: StatusCode, reason: &str) -> Response<Body> {
    let status_body = ApiError::bad_request(reason).to_status();
    let mut indented = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut indented, formatter);
    let _ = serde::Serialize::serialize(&status_body, &mut ser);
    let mut body = format!("{}\n", status.canonical_reason().unwrap_or("")).into_bytes();
    body.extend_from_slice(&indented);
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .header("X-Content-Type-Options", "nosniff")
        .header("Sec-Websocket-Version", "13");
    if status == StatusCode::UPGRADE_REQUIRED {
        response = response.header(header::UPGRADE, "websocket");
    }
    response.body(Body::from(body)).unwrap_or_default()
}

/// Whether the request asks for a websocket upgrade (`Connection: upgrade`, `Upgrade: websocket`).
pub(crate) fn is_upgrade(headers: &HeaderMap) -> bool {
    let has = |name: header::HeaderName, token: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    };
    has(header::CONNECTION, "upgrade") && has(header::UPGRADE, "websocket")
}

/// A streaming subresource path.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub namespace: String,
    pub resource: String,
    pub name: String,
    pub kind: RouteKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RouteKind {
    Console,
    Vnc,
    Screenshot,
    Usbredir,
    PortForward { port: String, protocol: String },
}

impl Route {
    pub fn parse(path: &str) -> Option<Route> {
        let rest = path.strip_prefix(PREFIX)?;
        let segs: Vec<&str> = rest.split('/').collect();
        let (ns, res, name, sub) = match segs.as_slice() {
            [ns, res, name, sub @ ..] if !sub.is_empty() => (*ns, *res, *name, sub),
            _ => return None,
        };
        if !matches!(res, "virtualmachines" | "virtualmachineinstances") {
            return None;
        }
        let vmi = res == "virtualmachineinstances";
        let kind = match sub {
            ["console"] if vmi => RouteKind::Console,
            ["vnc"] if vmi => RouteKind::Vnc,
            ["vnc", "screenshot"] if vmi => RouteKind::Screenshot,
            ["usbredir"] if vmi => RouteKind::Usbredir,
            ["portforward", port] => RouteKind::PortForward {
                port: port.to_string(),
                protocol: "tcp".into(),
            },
            ["portforward", port, proto] => RouteKind::PortForward {
                port: port.to_string(),
                protocol: proto.to_string(),
            },
            _ => return None,
        };
        Some(Route {
            namespace: ns.to_string(),
            resource: res.to_string(),
            name: name.to_string(),
            kind,
        })
    }

    fn subresource(&self) -> &'static str {
        match self.kind {
            RouteKind::Console => "console",
            RouteKind::Vnc | RouteKind::Screenshot => "vnc",
            RouteKind::Usbredir => "usbredir",
            RouteKind::PortForward { .. } => "portforward",
        }
    }
}

enum Prepared {
    Screenshot(Vec<u8>),
    Backend(Backend),
}

/// What an accepted websocket is spliced with.
pub enum Backend {
    Console {
        key: String,
        terminal: Arc<Mutex<console::Terminal>>,
        evicted: watch::Receiver<bool>,
    },
    Vnc {
        key: String,
        framebuffer: vnc::Framebuffer,
        evicted: watch::Receiver<bool>,
    },
    Usbredir {
        key: String,
    },
    PortForward(portforward::Guest),
}

fn plain_500(message: String) -> Reply {
    Reply::Error(ApiError::internal(message))
}

/// virt-api's checks, in its order; `Err` is the reply sent instead of the upgrade.
fn prepare(
    state: &SimState,
    req: &Request<hyper::body::Incoming>,
    route: &Route,
    raw_query: &str,
) -> Result<Prepared, Reply> {
    if req.method() != Method::GET {
        return Err(Reply::Text(405, "405: Method Not Allowed".into()));
    }
    let user = crate::auth::Identity::of(req.extensions())
        .user()
        .map_err(Reply::Error)?;
    user.authorize(&Attributes {
        verb: "get",
        group: discovery::SUBRESOURCES_GROUP,
        resource: &route.resource,
        subresource: route.subresource(),
        namespace: &route.namespace,
        name: &route.name,
    })
    .map_err(Reply::Error)?;
    // The aggregator answers before virt-api is reached: no handshake while virt-api is down.
    if let Some(reply) = crate::aggregator::unavailable(&state.store.lock(), discovery::SUBRESOURCES_GROUP) {
        return Err(reply);
    }
    let query: Vec<(String, String)> = form_urlencoded::parse(raw_query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let q = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());

    let vmi = {
        let s = state.store.lock();
        if route.resource == "virtualmachines" {
            let vm = s
                .try_get(vm_kind(), &route.namespace, &route.name)
                .ok_or_else(|| Reply::Error(ApiError::not_found(&vm_gr(), &route.name)))?;
            if vm.pointer("/status/created").and_then(Value::as_bool) != Some(true) {
                return Err(Reply::Error(ApiError::conflict(
                    &vm_gr(),
                    &route.name,
                    "VMI is not started",
                )));
            }
        }
        s.try_get(vmi_kind(), &route.namespace, &route.name)
            .ok_or_else(|| Reply::Error(ApiError::not_found(&vmi_gr(), &route.name)))?
    };
    let uid = virtapi::uid(&vmi);
    let key = format!("{}/{}/{}", route.namespace, route.name, uid);
    let devices = vmi.pointer("/spec/domain/devices").cloned().unwrap_or(Value::Null);
    let running = phase(&vmi) == "Running";

    if matches!(route.kind, RouteKind::Screenshot) {
        let fail = |m: &str| Err(Reply::Text(500, m.to_string()));
        if devices.get("autoattachGraphicsDevice").and_then(Value::as_bool) == Some(false) {
            return fail("No graphics devices are present.");
        }
        if !running {
            return fail(virtapi::VMI_NOT_RUNNING);
        }
        return Ok(Prepared::Screenshot(vnc::Framebuffer::for_vmi(&route.name).png()));
    }
    match &route.kind {
        RouteKind::Console => {
            if devices.get("autoattachSerialConsole").and_then(Value::as_bool) == Some(false) {
                return Err(Reply::Error(ApiError::bad_request("No serial consoles are present.")));
            }
            if phase(&vmi) == "Failed" {
                return Err(Reply::Error(ApiError::conflict(
                    &vmi_gr(),
                    &route.name,
                    "VMI is in failed status",
                )));
            }
            if !running {
                return Err(Reply::Error(ApiError::bad_request(virtapi::VMI_NOT_RUNNING)));
            }
            let evicted = new_session(&state.connect.console_sessions, &key, false).map_err(plain_500)?;
            let terminal = state
                .connect
                .terminals
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(key.clone())
                .or_insert_with(|| Arc::new(Mutex::new(console::Terminal::new(&route.name))))
                .clone();
            Ok(Prepared::Backend(Backend::Console { key, terminal, evicted }))
        }
        RouteKind::Vnc => {
            if devices.get("autoattachGraphicsDevice").and_then(Value::as_bool) == Some(false) {
                return Err(Reply::Error(ApiError::bad_request("No graphics devices are present.")));
            }
            if !running {
                return Err(Reply::Error(ApiError::bad_request(virtapi::VMI_NOT_RUNNING)));
            }
            let preserve = q("preserveSession") == Some("true");
            let evicted = new_session(&state.connect.vnc_sessions, &key, preserve).map_err(plain_500)?;
            Ok(Prepared::Backend(Backend::Vnc {
                key,
                framebuffer: vnc::Framebuffer::for_vmi(&route.name),
                evicted,
            }))
        }
        RouteKind::Usbredir => {
            if vmi.pointer("/spec/architecture").and_then(Value::as_str) == Some("s390x") {
                return Err(Reply::Error(ApiError::conflict(
                    &vmi_gr(),
                    &route.name,
                    "s390x architecture does not support USB redirection",
                )));
            }
            if devices.get("clientPassthrough").is_none_or(Value::is_null) {
                return Err(Reply::Error(ApiError::conflict(
                    &vmi_gr(),
                    &route.name,
                    "Not configured with USB Redirection",
                )));
            }
            if !running {
                return Err(Reply::Error(ApiError::bad_request(virtapi::VMI_NOT_RUNNING)));
            }
            let mut in_use = state.connect.usbredir_in_use.lock().unwrap_or_else(|e| e.into_inner());
            let used = in_use.entry(key.clone()).or_default();
            if *used >= USBREDIR_SLOTS {
                return Err(plain_500("websocket: bad handshake: 503 Service Unavailable".into()));
            }
            *used += 1;
            Ok(Prepared::Backend(Backend::Usbredir { key }))
        }
        RouteKind::PortForward { port, protocol } => {
            if has_condition(&vmi, "Paused", Some("True")) {
                return Err(Reply::Error(ApiError::conflict(
                    &vmi_gr(),
                    &route.name,
                    "VMI is paused",
                )));
            }
            let ip = vmi
                .pointer("/status/interfaces/0/ipAddress")
                .and_then(Value::as_str)
                .map(str::to_string);
            let Some(ip) = ip else {
                return Err(Reply::Error(ApiError::bad_request("no network interfaces are present")));
            };
            if port.is_empty() {
                return Err(Reply::Error(ApiError::bad_request("port must not be empty")));
            }
            let attached = state.connect.attached.lock().unwrap_or_else(|e| e.into_inner()).clone();
            portforward::Guest::dial(&route.namespace, &route.name, &ip, port, protocol, &attached)
                .map(|g| Prepared::Backend(Backend::PortForward(g)))
                .map_err(plain_500)
        }
        RouteKind::Screenshot => unreachable!("handled above"),
    }
}

/// Registers a new console/VNC session: evicts the previous one, or refuses when `preserve` is
/// set and one is active (virt-handler's 503, reported by virt-api as a 500).
fn new_session(
    map: &Mutex<HashMap<String, watch::Sender<bool>>>,
    key: &str,
    preserve: bool,
) -> Result<watch::Receiver<bool>, String> {
    let mut map = map.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(old) = map.get(key)
        && !old.is_closed()
    {
        if preserve {
            return Err(
                "websocket: bad handshake: 503 Service Unavailable: active VNC connection, request denied".into(),
            );
        }
        let _ = old.send(true);
    }
    let (tx, rx) = watch::channel(false);
    map.insert(key.to_string(), tx);
    Ok(rx)
}

impl Backend {
    /// Gives back what preparing took when the client's handshake then fails (a usbredir slot;
    /// an evicted console stays evicted, as virt-handler's own upgrade already happened).
    fn release(&self, state: &SimState) {
        if let Backend::Usbredir { key } = self {
            let mut in_use = state.connect.usbredir_in_use.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(n) = in_use.get_mut(key) {
                *n = n.saturating_sub(1);
            }
        }
    }

    async fn run(self, state: Arc<SimState>, socket: Socket) {
        let net = state.connect.network.lock().unwrap_or_else(|e| e.into_inner()).clone();
        match self {
            Backend::Console {
                key: _,
                terminal,
                evicted,
            } => {
                let (ours, theirs) = tokio::io::duplex(64 * 1024);
                tokio::spawn(console::serve(terminal, theirs));
                splice(socket, ours, Some(evicted), net, None).await;
            }
            Backend::Vnc {
                key: _,
                framebuffer,
                evicted,
            } => {
                let (ours, theirs) = tokio::io::duplex(256 * 1024);
                tokio::spawn(vnc::serve(framebuffer, theirs));
                splice(socket, ours, Some(evicted), net, None).await;
            }
            Backend::Usbredir { key } => {
                let (ours, theirs) = tokio::io::duplex(64 * 1024);
                tokio::spawn(usbredir_device(theirs));
                splice(socket, ours, None, net, None).await;
                let mut in_use = state.connect.usbredir_in_use.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(n) = in_use.get_mut(&key) {
                    *n = n.saturating_sub(1);
                }
            }
            Backend::PortForward(guest) => guest.serve(socket, net).await,
        }
    }
}

/// What the network between the client and virt-api does to one websocket session.
#[derive(Debug, Clone, Default)]
pub struct NetworkFaults {
    /// cut the session once it carried no frame in either direction for this long (a load
    /// balancer's idle timeout)
    pub idle_cut: Option<Duration>,
    /// after this long the session goes silent for good: nothing read, written or closed
    pub blackhole_after: Option<Duration>,
    /// how many sessions went silent so far (shared by every session's copy), so a test waits
    /// for the fault instead of guessing when it struck
    pub silenced: Arc<std::sync::atomic::AtomicUsize>,
    /// how many pings clients sent (shared likewise), so a test can wait for keep-alives
    pub client_pings: Arc<std::sync::atomic::AtomicUsize>,
}

impl NetworkFaults {
    /// Resolves when the session is to go silent; never without the fault.
    pub async fn blackholed(&self) {
        match self.blackhole_after {
            Some(after) => {
                tokio::time::sleep(after).await;
                self.silenced.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            None => std::future::pending().await,
        }
    }
}

/// Server keep-alive of virt-api's port-forward: a ping every second; no pong for `deadline`
/// ends the session.
#[derive(Debug, Clone, Copy)]
pub struct KeepAlive {
    pub every: Duration,
    pub deadline: Duration,
}

pub const PORTFORWARD_KEEPALIVE: KeepAlive = KeepAlive {
    every: Duration::from_secs(1),
    deadline: Duration::from_secs(60),
};

/// Splices a websocket with a byte stream until either ends, the session is evicted, it stays
/// idle past the network's idle cut, or (with `keepalive`) pongs stop. Then drops the
/// connection without a close frame, as virt-api does. A blackholed session stops instead and
/// keeps the connection open and silent until the simulator shuts down.
pub async fn splice<B>(
    socket: WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>,
    backend: B,
    evicted: Option<watch::Receiver<bool>>,
    net: NetworkFaults,
    keepalive: Option<KeepAlive>,
) where
    B: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + 'static,
{
    let (mut sink, mut stream) = socket.split();
    let (mut back_read, mut back_write) = tokio::io::split(backend);
    let activity = Arc::new(Mutex::new(tokio::time::Instant::now()));
    let last_pong = Arc::new(Mutex::new(tokio::time::Instant::now()));
    let touch = |a: &Arc<Mutex<tokio::time::Instant>>| {
        *a.lock().unwrap_or_else(|e| e.into_inner()) = tokio::time::Instant::now()
    };

    let inbound = {
        let activity = activity.clone();
        let last_pong = last_pong.clone();
        let client_pings = net.client_pings.clone();
        async move {
            while let Some(Ok(msg)) = stream.next().await {
                touch(&activity);
                let keep_going = match msg {
                    Message::Binary(data) => back_write.write_all(&data).await.is_ok(),
                    Message::Pong(_) => {
                        touch(&last_pong);
                        true
                    }
                    Message::Ping(_) => {
                        client_pings.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        true
                    }
                    Message::Close(_) => false,
                    _ => true,
                };
                if !keep_going {
                    return;
                }
            }
        }
    };
    let outbound = {
        let activity = activity.clone();
        async move {
            let mut buf = vec![0u8; 32 * 1024];
            let mut ping = keepalive.map(|k| tokio::time::interval_at(tokio::time::Instant::now() + k.every, k.every));
            loop {
                tokio::select! {
                    n = back_read.read(&mut buf) => {
                        let n = match n { Ok(0) | Err(_) => return, Ok(n) => n };
                        touch(&activity);
                        if sink.send(Message::Binary(Bytes::copy_from_slice(&buf[..n]))).await.is_err() {
                            return;
                        }
                    }
                    _ = async { match ping.as_mut() { Some(p) => { p.tick().await; } None => std::future::pending::<()>().await } } => {
                        touch(&activity);
                        if sink.send(Message::Ping(Bytes::from_static(b"keep alive"))).await.is_err() {
                            return;
                        }
                    }
                }
            }
        }
    };
    let watchdog = async move {
        let mut evicted = evicted;
        loop {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
                changed = async { match evicted.as_mut() { Some(rx) => rx.changed().await.map_err(|_| ()), None => std::future::pending().await } } => {
                    if changed.is_ok() || evicted.as_ref().is_some_and(|rx| *rx.borrow()) {
                        return;
                    }
                    evicted = None;
                }
            }
            let now = tokio::time::Instant::now();
            if let Some(idle) = net.idle_cut
                && now.duration_since(*activity.lock().unwrap_or_else(|e| e.into_inner())) >= idle
            {
                return;
            }
            if let Some(k) = keepalive
                && now.duration_since(*last_pong.lock().unwrap_or_else(|e| e.into_inner())) >= k.deadline
            {
                return;
            }
        }
    };
    tokio::pin!(inbound, outbound, watchdog);
    tokio::select! {
        _ = &mut inbound => {}
        _ = &mut outbound => {}
        _ = &mut watchdog => {}
        _ = net.blackholed() => std::future::pending::<()>().await,
    }
    // Dropping everything closes the TCP connection without a close frame (code 1006).
}

/// The QEMU side of a usbredir channel: sends its `hello` packet, then swallows what comes.
async fn usbredir_device(mut io: DuplexStream) {
    let mut hello = Vec::with_capacity(12 + 64 + 4);
    hello.extend_from_slice(&0u32.to_le_bytes()); // usb_redir_hello
    hello.extend_from_slice(&68u32.to_le_bytes());
    hello.extend_from_slice(&0u32.to_le_bytes());
    let mut version = [0u8; 64];
    let text = b"qemu usb-redir guest kubevirt-sim";
    version[..text.len()].copy_from_slice(text);
    hello.extend_from_slice(&version);
    hello.extend_from_slice(&0u32.to_le_bytes());
    if io.write_all(&hello).await.is_err() {
        return;
    }
    let mut buf = [0u8; 4096];
    while let Ok(n) = io.read(&mut buf).await {
        if n == 0 {
            return;
        }
    }
}

/// `/api/v1/namespaces/{ns}/pods/{pod}/{subresource}` -> (ns, pod): the pod websocket endpoints
/// (`attach`, `portforward`) take their paths by this one rule.
pub fn pod_subresource(path: &str, subresource: &str) -> Option<(String, String)> {
    let rest = path.strip_prefix("/api/v1/namespaces/")?;
    match rest.split('/').collect::<Vec<_>>().as_slice() {
        [ns, "pods", pod, sub] if *sub == subresource => Some((ns.to_string(), pod.to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let r = Route::parse("/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachines/vm/portforward/22/tcp")
            .unwrap();
        assert_eq!(
            r.kind,
            RouteKind::PortForward {
                port: "22".into(),
                protocol: "tcp".into()
            }
        );
        let r =
            Route::parse("/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/vm/vnc/screenshot")
                .unwrap();
        assert_eq!(r.kind, RouteKind::Screenshot);
        assert!(Route::parse("/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachines/vm/console").is_none());
        assert!(
            Route::parse("/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/vm/pause").is_none()
        );
    }
}
