//! The pod `portforward` subresource (`/api/v1/namespaces/{ns}/pods/{pod}/portforward?ports=P`)
//! as the API server and the kubelet serve it over a websocket (the kubelet's
//! `cri/streaming/portforward/websocket.go`): subprotocol `v4.channel.k8s.io` (or none, which
//! means the same binary framing). Each port asked for gets two channels, data (`2i`) and error
//! (`2i+1`); the server's first message on each is the port number (2 bytes, little endian).
//! Every binary message starts with its channel byte.
//!
//! The tunnel reaches what listens on that container port of the pod: for an exporter pod
//! (`virt-export-NAME`, label `kubevirt.io: virt-exporter`) port 8443 is the export server
//! (`export.rs`). Any other port has nothing listening: the error channel carries the kubelet's
//! (containerd's) message and the websocket closes.
//!
//! Only websockets are served: kubectl 1.30+ offers `SPDY/3.1+portforward.k8s.io` (SPDY framing
//! tunnelled in the websocket) and falls back to a SPDY upgrade; neither is spoken here, and
//! both get a 400 (kube-rs, which virtctl uses, speaks `v4.channel.k8s.io`).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use futures_util::{SinkExt, StreamExt};
use http::{HeaderMap, Method, Request, Response, header};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

use crate::auth::Attributes;
use crate::object::pod_kind;
use crate::server::{Reply, SimState};
use crate::status::{ApiError, GroupResource};
use crate::ws::Socket;

/// The binary channel protocol the kubelet's websocket port-forward speaks.
pub const V4: &str = "v4.channel.k8s.io";
/// The exporter pod's container port: its HTTPS export server.
pub const EXPORT_SERVER_PORT: u16 = 8443;

/// A checked request: the protocol to answer with, and per port where it leads.
struct Tunnel {
    protocol: Option<&'static str>,
    ports: Vec<(u16, Option<SocketAddr>)>,
    /// for the kubelet's error text
    sandbox: String,
}

/// Whether the request is a pod's `portforward`; returns it untouched otherwise.
pub async fn intercept(
    state: &Arc<SimState>,
    req: Request<hyper::body::Incoming>,
) -> Result<Response<Body>, Request<hyper::body::Incoming>> {
    let path = req.uri().path().to_string();
    let Some((namespace, pod)) = crate::ws::pod_subresource(&path, "portforward") else {
        return Err(req);
    };
    let raw_query = req.uri().query().unwrap_or("").to_string();
    let prepared = prepare(state, &req, &namespace, &pod, &raw_query);
    match prepared {
        Ok(tunnel) => {
            let protocol = tunnel.protocol;
            Ok(crate::ws::accept_upgrade(state, req, protocol, move |socket| {
                tunnel.run(socket)
            }))
        }
        Err(reply) => {
            crate::ws::record(state, &req, reply.status());
            Ok(reply.into_response())
        }
    }
}

/// The kubelet answers its own checks with a plain-text 400, which the API server passes on.
fn kubelet_error(message: impl Into<String>) -> Reply {
    let mut error = ApiError::bad_request(message);
    error.plain_text = true;
    Reply::Error(error)
}

/// The API server's and kubelet's checks, in their order; `Err` is the reply instead of the
/// upgrade.
fn prepare(
    state: &Arc<SimState>,
    req: &Request<hyper::body::Incoming>,
    namespace: &str,
    pod: &str,
    raw_query: &str,
) -> Result<Tunnel, Reply> {
    let user = crate::auth::Identity::of(req.extensions())
        .user()
        .map_err(Reply::Error)?;
    user.authorize(&Attributes {
        verb: "create",
        group: "",
        resource: "pods",
        subresource: "portforward",
        namespace,
        name: pod,
    })
    .map_err(Reply::Error)?;
    let obj = state
        .store
        .lock()
        .try_get(pod_kind(), namespace, pod)
        .ok_or_else(|| Reply::Error(ApiError::not_found(&GroupResource::new("", "pods"), pod)))?;
    if obj.pointer("/status/phase").and_then(Value::as_str) != Some("Running") {
        return Err(Reply::Error(ApiError::bad_request(format!(
            "pod {pod} does not have a host assigned"
        ))));
    }
    if req.method() != Method::GET || !crate::ws::is_upgrade(req.headers()) {
        return Err(kubelet_error(
            "this simulator serves port-forward over websockets only (v4.channel.k8s.io), not SPDY",
        ));
    }
    let ports = ports(raw_query).map_err(kubelet_error)?;
    let protocol = negotiate(req.headers()).map_err(kubelet_error)?;
    let export_server = state
        .cdi
        .export
        .server()
        .and_then(|(host, _)| host.parse::<SocketAddr>().ok());
    let is_exporter = obj.pointer("/metadata/labels/kubevirt.io").and_then(Value::as_str) == Some("virt-exporter");
    let ports = ports
        .into_iter()
        .map(|port| {
            let target = (is_exporter && port == EXPORT_SERVER_PORT)
                .then_some(export_server)
                .flatten();
            (port, target)
        })
        .collect();
    let uid = crate::virtapi::uid(&obj);
    Ok(Tunnel {
        protocol,
        ports,
        sandbox: uid.replace('-', ""),
    })
}

/// The `ports` query (the API server's `PodPortForwardOptions`), checked as the kubelet checks
/// the `port` values it is handed.
fn ports(raw_query: &str) -> Result<Vec<u16>, String> {
    let values: Vec<String> = form_urlencoded::parse(raw_query.as_bytes())
        .filter(|(k, _)| k == "ports")
        .map(|(_, v)| v.into_owned())
        .collect();
    if values.is_empty() {
        return Err("query parameter \"port\" is required".into());
    }
    let mut ports = Vec::new();
    for value in &values {
        if value.is_empty() {
            return Err("query parameter \"port\" cannot be empty".into());
        }
        for p in value.split(',') {
            let port: u16 = p.parse().map_err(|_| {
                format!("unable to parse {value:?} as a port: strconv.ParseUint: parsing {p:?}: invalid syntax")
            })?;
            if port < 1 {
                return Err(format!("port {value:?} must be > 0"));
            }
            ports.push(port);
        }
    }
    Ok(ports)
}

/// wsstream's handshake: the first offered protocol the server supports; no offer at all is
/// the binary protocol without a name.
fn negotiate(headers: &HeaderMap) -> Result<Option<&'static str>, String> {
    let offered: Vec<String> = headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if offered.is_empty() {
        return Ok(None);
    }
    if offered.iter().any(|p| p == V4) {
        return Ok(Some(V4));
    }
    Err(format!(
        "requested protocol(s) are not supported: [{}]; supports [ {V4}]",
        offered.join(" ")
    ))
}

impl Tunnel {
    /// Announces each port on its two channels, then pumps: client data on channel `2i` goes to
    /// port `i`'s connection, what it answers comes back on `2i`. A port with nothing
    /// listening gets the kubelet's error on `2i+1`. The websocket closes when every port is
    /// done, as the kubelet closes it.
    async fn run(self, socket: Socket) {
        let (mut sink, mut stream) = socket.split();
        for (i, (port, _)) in self.ports.iter().enumerate() {
            for channel in [2 * i, 2 * i + 1] {
                let mut frame = vec![channel as u8];
                frame.extend_from_slice(&port.to_le_bytes());
                if sink.send(Message::binary(frame)).await.is_err() {
                    return;
                }
            }
        }
        let (to_client, mut outgoing) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
        let mut to_ports = Vec::new();
        for (i, (port, target)) in self.ports.iter().enumerate() {
            let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
            to_ports.push(tx);
            tokio::spawn(forward(i, *port, *target, self.sandbox.clone(), rx, to_client.clone()));
        }
        drop(to_client);
        loop {
            tokio::select! {
                frame = outgoing.recv() => match frame {
                    Some(frame) => {
                        if sink.send(Message::binary(frame)).await.is_err() {
                            return;
                        }
                    }
                    // every port's task has ended
                    None => break,
                },
                message = stream.next() => match message {
                    Some(Ok(Message::Binary(data))) if data.len() > 1 => {
                        let channel = usize::from(data[0]);
                        if channel % 2 == 0
                            && let Some(tx) = to_ports.get(channel / 2)
                        {
                            let _ = tx.send(data[1..].to_vec()).await;
                        }
                    }
                    // The client is gone: dropping the senders ends each port's connection.
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
            }
        }
        let _ = sink.send(Message::Close(None)).await;
        let _ = sink.close().await;
    }
}

/// One port: connect to what listens there and pump, or report the kubelet's error.
async fn forward(
    index: usize,
    port: u16,
    target: Option<SocketAddr>,
    sandbox: String,
    mut from_client: tokio::sync::mpsc::Receiver<Vec<u8>>,
    to_client: tokio::sync::mpsc::Sender<Vec<u8>>,
) {
    let data_channel = (2 * index) as u8;
    let connected = match target {
        Some(addr) => TcpStream::connect(addr).await.ok(),
        None => None,
    };
    let Some(connection) = connected else {
        let mut frame = vec![data_channel + 1];
        frame.extend_from_slice(refused(port, &sandbox).as_bytes());
        let _ = to_client.send(frame).await;
        return;
    };
    let _ = connection.set_nodelay(true);
    let (mut reader, mut writer) = connection.into_split();
    let upstream = async {
        while let Some(data) = from_client.recv().await {
            if writer.write_all(&data).await.is_err() {
                break;
            }
        }
        let _ = writer.shutdown().await;
    };
    let downstream = async {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let mut frame = Vec::with_capacity(n + 1);
                    frame.push(data_channel);
                    frame.extend_from_slice(&buf[..n]);
                    if to_client.send(frame).await.is_err() {
                        break;
                    }
                }
            }
        }
    };
    // The kubelet ends a port when the pod side closes its connection.
    tokio::select! {
        _ = downstream => {}
        _ = async { upstream.await; std::future::pending::<()>().await } => {}
    }
}

/// The kubelet's error for a port nothing listens on (containerd's wording).
pub fn refused(port: u16, sandbox: &str) -> String {
    format!(
        "error forwarding port {port} to pod {sandbox}, uid : failed to execute portforward in network namespace \"/var/run/netns/cni-{sandbox}\": failed to connect to localhost:{port} inside namespace \"{sandbox}\", IPv4: dial tcp4 127.0.0.1:{port}: connect: connection refused IPv6 dial tcp6 [::1]:{port}: connect: connection refused "
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_are_checked_as_the_kubelet_does() {
        assert_eq!(ports("ports=8443"), Ok(vec![8443]));
        assert_eq!(ports("ports=80%2C443"), Ok(vec![80, 443]));
        assert_eq!(ports(""), Err("query parameter \"port\" is required".into()));
        assert_eq!(ports("ports=0"), Err("port \"0\" must be > 0".into()));
        assert!(
            ports("ports=x")
                .unwrap_err()
                .starts_with("unable to parse \"x\" as a port")
        );
    }

    #[test]
    fn v4_is_chosen_from_kube_rs_offer() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::SEC_WEBSOCKET_PROTOCOL,
            "v5.channel.k8s.io, v4.channel.k8s.io".parse().unwrap(),
        );
        assert_eq!(negotiate(&headers), Ok(Some(V4)));
        headers.insert(
            header::SEC_WEBSOCKET_PROTOCOL,
            "SPDY/3.1+portforward.k8s.io".parse().unwrap(),
        );
        assert!(negotiate(&headers).is_err());
        assert_eq!(negotiate(&HeaderMap::new()), Ok(None));
    }
}
