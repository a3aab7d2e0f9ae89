//! virt-api's port-forward: it terminates the websocket itself and relays message payloads to a
//! TCP or UDP socket on the VMI's first interface. Here the "guest" answers with built-in
//! services (TCP and UDP echo on port 7, SSH on port 22) or with a real local socket a test
//! attached ([`crate::Sim::attach_service`]); any other TCP port refuses the connection.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

use crate::guest_services;
use crate::ws::{NetworkFaults, PORTFORWARD_KEEPALIVE, splice};

/// Guest ports with a built-in service.
pub const ECHO_PORT: u16 = 7;
pub const SSH_PORT: u16 = 22;

/// The far end of one port-forward websocket.
pub enum Guest {
    TcpEcho,
    UdpEcho,
    Ssh,
    /// a real socket a test attached; TCP already connected (as virt-api dials before upgrading)
    Tcp(std::net::TcpStream),
    Udp(std::net::UdpSocket),
    /// UDP to a port nobody listens on: datagrams vanish, as on a real network
    UdpNowhere,
}

impl Guest {
    /// virt-api's dial (before the upgrade); the error becomes a 500.
    pub fn dial(
        namespace: &str,
        name: &str,
        ip: &str,
        port: &str,
        protocol: &str,
        attached: &HashMap<(String, String, u16, String), SocketAddr>,
    ) -> Result<Guest, String> {
        if !matches!(protocol, "tcp" | "udp") {
            return Err(format!("dialing VM: dial {protocol}: unknown network {protocol}"));
        }
        let Ok(port) = port.parse::<u16>() else {
            return Err(format!(
                "dialing VM: dial {protocol}: address {ip}:{port}: invalid port"
            ));
        };
        let refused = || format!("dialing VM: dial tcp {ip}:{port}: connect: connection refused");
        if let Some(addr) = attached.get(&(namespace.to_string(), name.to_string(), port, protocol.to_string())) {
            return match protocol {
                "tcp" => std::net::TcpStream::connect_timeout(addr, Duration::from_secs(5))
                    .map(Guest::Tcp)
                    .map_err(|_| refused()),
                _ => {
                    let socket = std::net::UdpSocket::bind("127.0.0.1:0").map_err(|e| format!("dialing VM: {e}"))?;
                    socket.connect(addr).map_err(|e| format!("dialing VM: {e}"))?;
                    Ok(Guest::Udp(socket))
                }
            };
        }
        match (protocol, port) {
            ("tcp", ECHO_PORT) => Ok(Guest::TcpEcho),
            ("tcp", SSH_PORT) => Ok(Guest::Ssh),
            ("udp", ECHO_PORT) => Ok(Guest::UdpEcho),
            ("udp", _) => Ok(Guest::UdpNowhere),
            _ => Err(refused()),
        }
    }

    pub async fn serve(self, socket: WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>, net: NetworkFaults) {
        let keepalive = Some(PORTFORWARD_KEEPALIVE);
        match self {
            Guest::TcpEcho => {
                let (ours, theirs) = tokio::io::duplex(256 * 1024);
                tokio::spawn(echo(theirs));
                splice(socket, ours, None, net, keepalive).await;
            }
            Guest::Ssh => {
                let (ours, theirs) = tokio::io::duplex(256 * 1024);
                tokio::spawn(guest_services::ssh(theirs));
                splice(socket, ours, None, net, keepalive).await;
            }
            Guest::Tcp(stream) => {
                let _ = stream.set_nonblocking(true);
                let _ = stream.set_nodelay(true);
                if let Ok(stream) = tokio::net::TcpStream::from_std(stream) {
                    splice(socket, stream, None, net, keepalive).await;
                }
            }
            Guest::UdpEcho => udp(socket, None, net).await,
            Guest::UdpNowhere => udp(socket, Some(None), net).await,
            Guest::Udp(sock) => {
                let _ = sock.set_nonblocking(true);
                if let Ok(sock) = tokio::net::UdpSocket::from_std(sock) {
                    udp(socket, Some(Some(sock)), net).await;
                }
            }
        }
    }
}

async fn echo<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(mut io: S) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match io.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if io.write_all(&buf[..n]).await.is_err() {
            return;
        }
    }
}

/// One datagram per binary message, both ways. `target`: `None` = echo every message back;
/// `Some(None)` = send nowhere; `Some(Some(socket))` = a real UDP socket.
async fn udp(
    socket: WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>,
    target: Option<Option<tokio::net::UdpSocket>>,
    net: NetworkFaults,
) {
    let (mut sink, mut stream) = socket.split();
    let mut ping = tokio::time::interval(PORTFORWARD_KEEPALIVE.every);
    let mut last_activity = tokio::time::Instant::now();
    let mut last_pong = tokio::time::Instant::now();
    let mut buf = vec![0u8; 65536];
    let blackholed = net.blackholed();
    tokio::pin!(blackholed);
    loop {
        let recv = async {
            match &target {
                Some(Some(sock)) => sock.recv(&mut buf).await.ok(),
                _ => std::future::pending().await,
            }
        };
        tokio::select! {
            msg = stream.next() => {
                let Some(Ok(msg)) = msg else { return };
                last_activity = tokio::time::Instant::now();
                match msg {
                    Message::Binary(data) => match &target {
                        None => {
                            if sink.send(Message::Binary(data)).await.is_err() {
                                return;
                            }
                        }
                        Some(Some(sock)) => {
                            let _ = sock.send(&data).await;
                        }
                        Some(None) => {}
                    },
                    Message::Pong(_) => last_pong = tokio::time::Instant::now(),
                    Message::Close(_) => return,
                    _ => {}
                }
            }
            n = recv => {
                let Some(n) = n else { return };
                last_activity = tokio::time::Instant::now();
                if sink.send(Message::Binary(Bytes::copy_from_slice(&buf[..n]))).await.is_err() {
                    return;
                }
            }
            _ = &mut blackholed => std::future::pending::<()>().await,
            _ = ping.tick() => {
                if sink.send(Message::Ping(Bytes::from_static(b"keep alive"))).await.is_err() {
                    return;
                }
                let now = tokio::time::Instant::now();
                if now.duration_since(last_pong) >= PORTFORWARD_KEEPALIVE.deadline
                    || net.idle_cut.is_some_and(|i| now.duration_since(last_activity) >= i)
                {
                    return;
                }
            }
        }
    }
}
