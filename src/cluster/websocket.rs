//! KubeVirt's websocket subresources (console, vnc, portforward, usbredir): dialing them with the
//! `plain.kubevirt.io` subprotocol through the same client as every other request (TLS, auth,
//! impersonation, proxies), and one pump that copies bytes both ways with keep-alive pings and
//! says why it ended. Commands map [`Ended`] to their own messages.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use http::{StatusCode, header};
use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{self as ws, Message};

use crate::cluster::api::Api;
use crate::cluster::kubevirt::{VMIS, subresource_path};
use crate::error::{ApiError, Error, Result};
use crate::go_syntax::{format_duration, parse_duration};

/// The subprotocol virt-api speaks: raw bytes in binary messages.
pub const PROTOCOL: &str = "plain.kubevirt.io";
/// Environment variable: how often to ping an open websocket (a Go duration; `0` turns pings
/// off). Load balancers cut idle connections after 20–60 s; the default stays well below that.
pub const PING_INTERVAL_ENV: &str = "VIRTCTL_WEBSOCKET_PING_INTERVAL";
pub const DEFAULT_PING_INTERVAL: Duration = Duration::from_secs(10);
/// What upstream reports for a connection that ended without a close frame.
pub const ABNORMAL_CLOSURE: &str = "websocket: close 1006 (abnormal closure): unexpected EOF";

/// An open websocket to a subresource.
pub type Socket = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

/// Which subresource to open: `{resource}/{name}/{sub}?{query}` in a namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `virtualmachineinstances` or `virtualmachines`
    pub resource: &'static str,
    pub namespace: String,
    pub name: String,
    /// `console`, `vnc`, `usbredir`, `portforward/22/tcp`
    pub sub: String,
    pub query: Vec<(String, String)>,
}

impl Endpoint {
    pub fn new(resource: &'static str, namespace: &str, name: &str, sub: impl Into<String>) -> Self {
        Endpoint {
            resource,
            namespace: namespace.to_string(),
            name: name.to_string(),
            sub: sub.into(),
            query: Vec::new(),
        }
    }

    /// A VMI's serial console.
    pub fn console(namespace: &str, vmi: &str) -> Self {
        Endpoint::new(VMIS, namespace, vmi, "console")
    }

    /// A VMI's VNC display; `preserve_session` refuses the connection instead of taking over
    /// an open session.
    pub fn vnc(namespace: &str, vmi: &str, preserve_session: bool) -> Self {
        Endpoint::new(VMIS, namespace, vmi, "vnc").query("preserveSession", go_bool(preserve_session))
    }

    /// A VMI's USB redirection channel.
    pub fn usbredir(namespace: &str, vmi: &str) -> Self {
        Endpoint::new(VMIS, namespace, vmi, "usbredir")
    }

    /// One forwarded port of a VM or VMI (`resource` is [`VMS`] or [`VMIS`]); `ssh`, `scp` and
    /// `port-forward` all tunnel through it.
    pub fn port_forward(resource: &'static str, namespace: &str, name: &str, remote: u16, protocol: &str) -> Self {
        Endpoint::new(resource, namespace, name, format!("portforward/{remote}/{protocol}"))
    }

    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    /// The path and query sent in the upgrade request.
    pub fn uri(&self) -> String {
        let path = subresource_path(self.resource, &self.namespace, &self.name, &self.sub);
        if self.query.is_empty() {
            return path;
        }
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.query.iter())
            .finish();
        format!("{path}?{query}")
    }
}

/// Opens the websocket. A refused handshake becomes an [`Error::Api`] carrying the HTTP status
/// (the console retries on 400) and the server's message.
pub async fn dial(api: &Api, endpoint: &Endpoint) -> Result<Socket> {
    let uri = endpoint.uri();
    let key = ws::handshake::client::generate_key();
    let request = http::Request::get(&uri)
        .header(header::CONNECTION, "Upgrade")
        .header(header::UPGRADE, "websocket")
        .header(header::SEC_WEBSOCKET_VERSION, "13")
        .header(header::SEC_WEBSOCKET_KEY, &key)
        .header(header::SEC_WEBSOCKET_PROTOCOL, PROTOCOL)
        .body(kube::client::Body::empty())
        .map_err(|e| Error::Other(format!("cannot build the request: {e}")))?;
    let response = api
        .client()
        .send(request)
        .await
        .map_err(|e| api.transport_failure(&uri, &e))?;
    let status = response.status();
    if status != StatusCode::SWITCHING_PROTOCOLS {
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = match response.into_body().collect().await {
            Ok(body) => body.to_bytes(),
            Err(_) => Bytes::new(),
        };
        return Err(Error::Api(handshake_failure(status, content_type.as_deref(), &body)));
    }
    let accept = ws::handshake::derive_accept_key(key.as_bytes());
    let accepted = response
        .headers()
        .get(header::SEC_WEBSOCKET_ACCEPT)
        .is_some_and(|v| v.as_bytes() == accept.as_bytes());
    if !accepted {
        return Err(Error::Other(
            "can't connect to websocket: bad handshake: the server's Sec-WebSocket-Accept does not match".into(),
        ));
    }
    let upgraded = hyper::upgrade::on(response)
        .await
        .map_err(|e| Error::Other(format!("can't connect to websocket: {e}")))?;
    Ok(WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Client, Some(config())).await)
}

fn go_bool(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

pub(crate) fn config() -> WebSocketConfig {
    // Frames of up to 32 KiB are sent; accept what any server may send.
    WebSocketConfig::default()
        .max_message_size(Some(64 << 20))
        .max_frame_size(Some(16 << 20))
        .read_buffer_size(READ_BUFFER)
}

/// How much tungstenite reads from the connection at a time. It zero-fills that much of its
/// buffer before every read, and a read brings at most one TLS record (16 KiB) or so: its
/// default of 128 KiB zeroed 8 bytes per byte received (port-forward CPU -7 % at 16 KiB;
/// BENCHMARKS.md, "CPU per byte against upstream").
const READ_BUFFER: usize = 16 * 1024;

/// The error for a refused handshake, by upstream's rules: a `Status` body gives its message;
/// a text body is quoted; otherwise only the code is known.
pub fn handshake_failure(status: StatusCode, content_type: Option<&str>, body: &[u8]) -> ApiError {
    let code = status.as_u16();
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body)
        && value.get("kind").and_then(|k| k.as_str()) == Some("Status")
        && value.get("status").and_then(|s| s.as_str()) != Some("Success")
    {
        return ApiError {
            code,
            reason: value.get("reason").and_then(|r| r.as_str()).map(str::to_string),
            message: value.get("message").and_then(|m| m.as_str()).unwrap_or("").to_string(),
        };
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(2048)])
        .trim()
        .to_string();
    let message = if content_type.is_some_and(|ct| ct.starts_with("text/plain")) && !text.is_empty() {
        format!("can't connect to websocket ({code}): bad handshake: application info: {text}")
    } else {
        format!("can't connect to websocket ({code}): bad handshake")
    };
    ApiError {
        code,
        reason: None,
        message,
    }
}

/// The ping interval from [`PING_INTERVAL_ENV`], else the default; `None` when turned off.
pub fn ping_interval() -> Option<Duration> {
    let interval = match std::env::var(PING_INTERVAL_ENV) {
        Ok(value) if !value.trim().is_empty() => parse_duration(&value).unwrap_or(DEFAULT_PING_INTERVAL),
        _ => DEFAULT_PING_INTERVAL,
    };
    (!interval.is_zero()).then_some(interval)
}

/// How many ping intervals a ping may go unanswered (no pong, no other frame) before the
/// connection counts as lost; OpenSSH's `ServerAliveCountMax` is 3 as well.
pub const UNANSWERED_PINGS: u32 = 3;

/// What the reading side of a session knows about the server's liveness: when it last heard a
/// frame, and whether it is stuck writing to the local side (then the server is not to blame
/// for the silence: its frames wait unread in our socket).
#[derive(Debug)]
pub struct Liveness {
    epoch: std::time::Instant,
    heard_ms: AtomicU64,
    local_busy: AtomicBool,
}

impl Default for Liveness {
    fn default() -> Self {
        Liveness {
            epoch: std::time::Instant::now(),
            heard_ms: AtomicU64::new(0),
            local_busy: AtomicBool::new(false),
        }
    }
}

impl Liveness {
    /// A frame (data, pong, ping or close) arrived from the server.
    pub fn heard(&self) {
        self.heard_ms.store(self.now_ms(), Ordering::Relaxed);
    }

    /// The reading side is (or is no longer) waiting for the local side to take data.
    pub fn local_busy(&self, busy: bool) {
        self.local_busy.store(busy, Ordering::Relaxed);
    }

    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }
}

/// The writing side's keep-alive: pings every interval, and gives up when a ping it sent got
/// no answer for [`UNANSWERED_PINGS`] intervals. The clock starts when a ping has actually been
/// written, so a send that waited on backpressure does not count as the server's silence.
pub struct Pinger {
    ticker: tokio::time::Interval,
    lost_after: Duration,
    /// when the oldest unanswered ping was written (ms on the [`Liveness`] clock)
    unanswered_since: Option<u64>,
}

/// What a [`Pinger`] tick asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum PingDue {
    Send,
    /// no answer for this long: the connection is gone
    Lost(Duration),
}

impl Pinger {
    /// `None` when pings are off.
    pub fn new(every: Option<Duration>) -> Option<Pinger> {
        let every = every?;
        let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Some(Pinger {
            ticker,
            lost_after: every * UNANSWERED_PINGS,
            unanswered_since: None,
        })
    }

    /// Waits for the next tick and says whether to ping or to give up.
    pub async fn due(&mut self, liveness: &Liveness) -> PingDue {
        self.ticker.tick().await;
        self.judge(liveness, liveness.now_ms())
    }

    fn judge(&mut self, liveness: &Liveness, now_ms: u64) -> PingDue {
        let answered = self
            .unanswered_since
            .is_some_and(|since| liveness.heard_ms.load(Ordering::Relaxed) >= since);
        if answered || liveness.local_busy.load(Ordering::Relaxed) {
            self.unanswered_since = None;
        }
        match self.unanswered_since {
            Some(since) if Duration::from_millis(now_ms.saturating_sub(since)) >= self.lost_after => {
                PingDue::Lost(self.lost_after)
            }
            _ => PingDue::Send,
        }
    }

    /// A ping has been written to the socket.
    pub fn sent(&mut self, liveness: &Liveness) {
        self.unanswered_since.get_or_insert(liveness.now_ms());
    }
}

/// The error for a server that stopped answering pings.
pub fn no_pong(after: Duration) -> String {
    format!(
        "websocket: no pong from the server in {}, connection lost",
        format_duration(after)
    )
}

/// The keep-alive ping virt-api sends too.
pub fn ping_message() -> Message {
    Message::Ping(Bytes::from_static(b"keep alive"))
}

/// How the pump reads its local side.
#[derive(Debug, Clone)]
pub struct PumpOptions {
    /// largest chunk read from the local side (one binary message each)
    pub chunk: usize,
    /// a byte that ends the session when it starts a read chunk (console's Ctrl+])
    pub escape: Option<u8>,
    pub ping_interval: Option<Duration>,
}

impl Default for PumpOptions {
    fn default() -> Self {
        PumpOptions {
            // 4x upstream's 32 KiB: a quarter of the messages, flushes and TLS write calls per
            // byte (with the read buffer above, port-forward CPU -12 %; the frame size is free).
            chunk: 128 * 1024,
            escape: None,
            ping_interval: ping_interval(),
        }
    }
}

/// Why a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// the local input reached its end
    LocalEof,
    /// the escape byte was typed
    Escape,
    /// the server closed with code 1000
    Closed,
    /// the connection dropped without a close frame (what virt-api does on every session end)
    Dropped,
    /// a close frame with another code, or a read/write error
    Failed(String),
    /// the server left pings unanswered for this long
    NoPong(Duration),
}

impl Ended {
    /// Upstream's outcome: clean ends are `Ok`, the rest carry the error text.
    pub fn into_result(self) -> std::result::Result<(), String> {
        match self {
            Ended::LocalEof | Ended::Escape | Ended::Closed => Ok(()),
            Ended::Dropped => Err(ABNORMAL_CLOSURE.to_string()),
            Ended::Failed(text) => Err(text),
            Ended::NoPong(after) => Err(no_pong(after)),
        }
    }

    /// The error text of a session that broke (not of one that was dropped or closed).
    pub fn failure(&self) -> Option<String> {
        match self {
            Ended::Failed(text) => Some(text.clone()),
            Ended::NoPong(after) => Some(no_pong(*after)),
            _ => None,
        }
    }
}

/// Copies `input` into binary messages and binary messages into `output` until either side
/// ends or the server stops answering pings. Sends a normal close frame when the local side ends.
pub async fn pump<R, W>(socket: Socket, input: R, output: W, options: &PumpOptions) -> Ended
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let (mut sink, mut stream) = socket.split();
    let liveness = Liveness::default();
    let ended = tokio::select! {
        ended = send_local(input, &mut sink, &liveness, options) => ended,
        ended = receive_remote(&mut stream, output, &liveness) => ended,
    };
    if matches!(ended, Ended::LocalEof | Ended::Escape) {
        close_politely(sink, stream).await;
    }
    ended
}

type Sink = SplitSink<Socket, Message>;
type Stream = SplitStream<Socket>;

/// The upstream half: local chunks become binary messages, with keep-alive pings in between.
async fn send_local<R: AsyncRead + Unpin>(
    mut input: R,
    sink: &mut Sink,
    liveness: &Liveness,
    options: &PumpOptions,
) -> Ended {
    let chunk = options.chunk.max(1);
    // Read straight into the message's own buffer; once tungstenite has framed a message its
    // buffer is unique again and `reserve` takes it back, so steady state allocates nothing and
    // copies nothing here.
    let mut buf = BytesMut::with_capacity(chunk);
    let mut pinger = Pinger::new(options.ping_interval);
    loop {
        buf.reserve(chunk);
        let ended = tokio::select! {
            read = read_chunk(&mut input, &mut buf, chunk) => {
                send_chunk(read, &mut buf, sink, &mut pinger, liveness, options.escape).await
            }
            due = ping_due(&mut pinger, liveness) => send_ping(due, sink, &mut pinger, liveness).await,
        };
        if let Some(ended) = ended {
            return ended;
        }
    }
}

/// Sends what one read brought; `Some` when the session ends here.
async fn send_chunk(
    read: std::io::Result<usize>,
    buf: &mut BytesMut,
    sink: &mut Sink,
    pinger: &mut Option<Pinger>,
    liveness: &Liveness,
    escape: Option<u8>,
) -> Option<Ended> {
    match read {
        Ok(0) => return Some(Ended::LocalEof),
        Ok(_) => {}
        Err(e) => return Some(Ended::Failed(e.to_string())),
    }
    if escape.is_some_and(|esc| buf[0] == esc) {
        return Some(Ended::Escape);
    }
    // A send stuck behind a full socket still gives up when pings go unanswered.
    let message = Message::Binary(buf.split().freeze());
    tokio::select! {
        sent = sink.send(message) => sent.err().map(write_error),
        after = lost(pinger, liveness) => Some(Ended::NoPong(after)),
    }
}

/// Acts on a keep-alive tick; `Some` when the session ends here.
async fn send_ping(due: PingDue, sink: &mut Sink, pinger: &mut Option<Pinger>, liveness: &Liveness) -> Option<Ended> {
    if let PingDue::Lost(after) = due {
        return Some(Ended::NoPong(after));
    }
    if let Err(e) = sink.send(ping_message()).await {
        return Some(write_error(e));
    }
    if let Some(p) = pinger.as_mut() {
        p.sent(liveness);
    }
    None
}

/// The downstream half: binary messages are written to `output` until the server ends. Generic
/// over the message stream only so that the fuzz target can feed it frames from memory.
pub(crate) async fn receive_remote<S, W>(stream: &mut S, mut output: W, liveness: &Liveness) -> Ended
where
    S: futures_util::Stream<Item = Result<Message, ws::Error>> + Unpin,
    W: AsyncWrite + Unpin,
{
    loop {
        let message = stream.next().await;
        liveness.heard();
        match message {
            Some(Ok(Message::Binary(data))) => {
                liveness.local_busy(true);
                let written = write_out(&mut output, &data).await;
                liveness.local_busy(false);
                if let Err(e) = written {
                    return Ended::Failed(e.to_string());
                }
            }
            Some(Ok(Message::Close(frame))) => return close_reason(frame),
            // Text is never data (upstream drops it); pongs are handled by tungstenite.
            Some(Ok(_)) => {}
            Some(Err(e)) => return read_error(e),
            None => return Ended::Dropped,
        }
    }
}

/// The datagram form of [`pump`], for UDP: each datagram received becomes one binary message and
/// each binary message is handed to `deliver` whole, until either side ends; keep-alive pings as
/// in [`pump`].
pub async fn pump_datagrams<D, Fut>(socket: Socket, datagrams: &mut mpsc::Receiver<Bytes>, mut deliver: D) -> Ended
where
    D: FnMut(Bytes) -> Fut,
    Fut: Future<Output = ()>,
{
    let (mut sink, mut stream) = socket.split();
    let liveness = Liveness::default();
    let mut pinger = Pinger::new(ping_interval());
    loop {
        let ended = tokio::select! {
            datagram = datagrams.recv() => match datagram {
                Some(datagram) => sink.send(Message::Binary(datagram)).await.err().map(write_error),
                None => Some(Ended::LocalEof),
            },
            message = stream.next() => {
                liveness.heard();
                match message {
                    Some(Ok(Message::Binary(data))) => {
                        deliver(data).await;
                        None
                    }
                    Some(Ok(Message::Close(frame))) => Some(close_reason(frame)),
                    Some(Ok(_)) => None,
                    Some(Err(e)) => Some(read_error(e)),
                    None => Some(Ended::Dropped),
                }
            }
            due = ping_due(&mut pinger, &liveness) => send_ping(due, &mut sink, &mut pinger, &liveness).await,
        };
        if let Some(ended) = ended {
            return ended;
        }
    }
}

/// Sends a normal close frame after the local side ended. Be polite where the server listens;
/// it does not matter when it does not.
async fn close_politely(sink: Sink, stream: Stream) {
    let Ok(mut socket) = sink.reunite(stream) else {
        return;
    };
    let close = socket.close(Some(CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
    }));
    let _ = tokio::time::timeout(Duration::from_millis(200), close).await;
}

/// Appends at most `chunk` bytes from `input` to `buf` (cancel-safe as `input`'s reads are).
pub async fn read_chunk<R: AsyncRead + Unpin>(
    input: &mut R,
    buf: &mut BytesMut,
    chunk: usize,
) -> std::io::Result<usize> {
    input.take(chunk as u64).read_buf(buf).await
}

async fn write_out<W: AsyncWrite + Unpin>(output: &mut W, data: &[u8]) -> std::io::Result<()> {
    output.write_all(data).await?;
    output.flush().await
}

/// Resolves only when the pinger gives up on the server (never when pings are off).
async fn lost(pinger: &mut Option<Pinger>, liveness: &Liveness) -> Duration {
    loop {
        if let PingDue::Lost(after) = ping_due(pinger, liveness).await {
            return after;
        }
    }
}

/// The next keep-alive decision, or never when pings are off.
pub async fn ping_due(pinger: &mut Option<Pinger>, liveness: &Liveness) -> PingDue {
    match pinger {
        Some(p) => p.due(liveness).await,
        None => std::future::pending().await,
    }
}

pub fn close_reason(frame: Option<CloseFrame>) -> Ended {
    match frame {
        None => Ended::Closed,
        Some(f) if f.code == CloseCode::Normal => Ended::Closed,
        Some(f) if f.code == CloseCode::Abnormal => Ended::Dropped,
        Some(f) => Ended::Failed(
            format!("websocket: close {} {}", u16::from(f.code), f.reason)
                .trim_end()
                .to_string(),
        ),
    }
}

pub fn read_error(err: ws::Error) -> Ended {
    match err {
        ws::Error::ConnectionClosed | ws::Error::AlreadyClosed => Ended::Closed,
        ws::Error::Protocol(ws::error::ProtocolError::ResetWithoutClosingHandshake) => Ended::Dropped,
        ws::Error::Io(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
            ) =>
        {
            Ended::Dropped
        }
        other => Ended::Failed(format!("websocket: {other}")),
    }
}

fn write_error(err: ws::Error) -> Ended {
    read_error(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_has_path_and_query() {
        let ep = Endpoint::vnc("ns", "vm1", false);
        assert_eq!(
            ep.uri(),
            "/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/vm1/vnc?preserveSession=false"
        );
        let ep = Endpoint::port_forward(crate::cluster::kubevirt::VMS, "ns", "vm1", 22, "tcp");
        assert_eq!(
            ep.uri(),
            "/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachines/vm1/portforward/22/tcp"
        );
        let ep = Endpoint::port_forward(VMIS, "ns", "x", 53, "udp");
        assert_eq!(
            ep.uri(),
            "/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/x/portforward/53/udp"
        );
        assert_eq!(
            Endpoint::console("ns", "v").uri(),
            "/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/v/console"
        );
        assert_eq!(
            Endpoint::usbredir("ns", "v").uri(),
            "/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/v/usbredir"
        );
    }

    #[test]
    fn handshake_failures_follow_upstream() {
        let status = br#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"VMI is not running","reason":"BadRequest","code":400}"#;
        let err = handshake_failure(StatusCode::BAD_REQUEST, Some("application/json"), status);
        assert_eq!((err.code, err.message.as_str()), (400, "VMI is not running"));
        let err = handshake_failure(
            StatusCode::BAD_GATEWAY,
            Some("text/plain; charset=utf-8"),
            b"no backend\n",
        );
        assert_eq!(
            err.message,
            "can't connect to websocket (502): bad handshake: application info: no backend"
        );
        let err = handshake_failure(StatusCode::BAD_GATEWAY, Some("text/html"), b"<html>");
        assert_eq!(err.message, "can't connect to websocket (502): bad handshake");
    }

    #[test]
    fn close_codes() {
        assert_eq!(close_reason(None), Ended::Closed);
        assert_eq!(
            close_reason(Some(CloseFrame {
                code: CloseCode::Away,
                reason: "bye".into()
            })),
            Ended::Failed("websocket: close 1001 bye".into())
        );
        assert_eq!(Ended::Dropped.into_result(), Err(ABNORMAL_CLOSURE.to_string()));
    }

    fn pinger(every_ms: u64) -> Pinger {
        let every = Duration::from_millis(every_ms);
        Pinger {
            ticker: tokio::time::interval(every),
            lost_after: every * UNANSWERED_PINGS,
            unanswered_since: None,
        }
    }

    #[tokio::test]
    async fn an_unanswered_ping_is_given_up_after_three_intervals() {
        let liveness = Liveness::default();
        let mut p = pinger(100);
        assert_eq!(p.judge(&liveness, 0), PingDue::Send);
        p.unanswered_since = Some(1000);
        assert_eq!(p.judge(&liveness, 1299), PingDue::Send);
        assert_eq!(p.judge(&liveness, 1300), PingDue::Lost(Duration::from_millis(300)));
    }

    #[tokio::test]
    async fn any_frame_after_the_ping_or_a_busy_local_side_clears_it() {
        let liveness = Liveness::default();
        let mut p = pinger(100);
        p.unanswered_since = Some(1000);
        liveness.heard_ms.store(1001, Ordering::Relaxed);
        assert_eq!(p.judge(&liveness, 5000), PingDue::Send);
        assert_eq!(p.unanswered_since, None);

        p.unanswered_since = Some(2000);
        liveness.local_busy(true);
        assert_eq!(p.judge(&liveness, 5000), PingDue::Send, "our own output was blocked");
        liveness.local_busy(false);

        // a frame heard before the ping was written does not answer it
        p.unanswered_since = Some(6000);
        assert_eq!(p.judge(&liveness, 6300), PingDue::Lost(Duration::from_millis(300)));
    }

    #[tokio::test]
    async fn the_clock_starts_at_the_first_unanswered_ping() {
        let liveness = Liveness::default();
        let mut p = pinger(100);
        p.sent(&liveness);
        let first = p.unanswered_since.unwrap();
        std::thread::sleep(Duration::from_millis(5));
        p.sent(&liveness);
        assert_eq!(p.unanswered_since, Some(first));
    }

    #[test]
    fn no_pong_message() {
        assert_eq!(
            no_pong(Duration::from_secs(30)),
            "websocket: no pong from the server in 30s, connection lost"
        );
        assert_eq!(
            no_pong(Duration::from_millis(600)),
            "websocket: no pong from the server in 600ms, connection lost"
        );
        assert_eq!(
            no_pong(Duration::from_secs(90)),
            "websocket: no pong from the server in 1m30s, connection lost"
        );
    }
}
