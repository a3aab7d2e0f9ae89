//! The pod `attach` subresource over websocket with Kubernetes' channel protocol
//! (`v5.channel.k8s.io`, else `v4.channel.k8s.io`): every binary message starts with its
//! stream (0 stdin, 1 stdout, 2 stderr, 3 the final `Status`, 4 terminal size; v5 adds 255, a
//! stream's close). The container's main process is a real `sh` on a pseudo-terminal
//! (`guest_shell::Pty`) started at the first attach, running in the sandbox directory that
//! stands for the pod's PVC (`guestfs.rs`); it outlives a detach, as a container does, and is
//! killed when the pod goes. When it exits the session gets its `Status` and the pod completes.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use futures_util::{SinkExt, StreamExt};
use http::{HeaderMap, Method, Request, Response, header};
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;
use tokio::sync::{oneshot, watch};
use tokio_tungstenite::tungstenite::Message;

use crate::auth::Attributes;
use crate::guest_shell::Pty;
use crate::object::{array_at, pod_kind};
use crate::server::{Reply, SimState};
use crate::status::{ApiError, GroupResource};

pub const V5: &str = "v5.channel.k8s.io";
pub const V4: &str = "v4.channel.k8s.io";

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const ERROR: u8 = 3;
const RESIZE: u8 = 4;
const CLOSE: u8 = 255;
/// End of transmission: what a terminal's line discipline reads as the end of input.
const EOT: u8 = 0x04;

/// A container's main process on its terminal.
pub struct Shell {
    pty: Pty,
    /// `Some(code)` once the process has exited
    exited: watch::Receiver<Option<i32>>,
    /// dropped with the pod: kills the process
    _kill: oneshot::Sender<()>,
}

/// Whether `path` is a pod's `attach`; returns the request untouched otherwise.
pub async fn intercept(
    state: &Arc<SimState>,
    req: Request<hyper::body::Incoming>,
) -> Result<Response<Body>, Request<hyper::body::Incoming>> {
    let path = req.uri().path().to_string();
    let Some((namespace, pod)) = crate::ws::pod_subresource(&path, "attach") else {
        return Err(req);
    };
    let raw_query = req.uri().query().unwrap_or("").to_string();
    let prepared = prepare(state, &req, &namespace, &pod, &raw_query);
    match prepared {
        Ok((protocol, session)) => Ok(crate::ws::accept_upgrade(state, req, Some(protocol), move |socket| {
            session.run(socket, protocol == V5)
        })),
        Err(reply) => {
            crate::ws::record(state, &req, reply.status());
            Ok(reply.into_response())
        }
    }
}

fn pods_gr() -> GroupResource {
    GroupResource::new("", "pods")
}

/// The apiserver's and kubelet's checks, in their order; `Err` is the reply instead of the
/// upgrade.
fn prepare(
    state: &Arc<SimState>,
    req: &Request<hyper::body::Incoming>,
    namespace: &str,
    pod: &str,
    raw_query: &str,
) -> Result<(&'static str, Session), Reply> {
    let user = crate::auth::Identity::of(req.extensions())
        .user()
        .map_err(Reply::Error)?;
    user.authorize(&Attributes {
        verb: "create",
        group: "",
        resource: "pods",
        subresource: "attach",
        namespace,
        name: pod,
    })
    .map_err(Reply::Error)?;
    if req.method() != Method::GET || !crate::ws::is_upgrade(req.headers()) {
        // A SPDY or plain POST: this simulator speaks websockets only.
        return Err(Reply::Error(ApiError::bad_request("Upgrade request required")));
    }
    let query: Vec<(String, String)> = form_urlencoded::parse(raw_query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let q = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let obj = state
        .store
        .lock()
        .try_get(pod_kind(), namespace, pod)
        .ok_or_else(|| Reply::Error(ApiError::not_found(&pods_gr(), pod)))?;
    let containers = array_at(&obj, "/spec/containers");
    let container = match q("container") {
        Some(c) => containers.iter().find(|x| x["name"] == c),
        None if containers.len() == 1 => containers.first(),
        None => None,
    };
    let Some(container) = container else {
        let message = match q("container") {
            Some(c) => format!("container {c} is not valid for pod {pod}"),
            None => format!("a container name must be specified for pod {pod}"),
        };
        return Err(Reply::Error(ApiError::bad_request(message)));
    };
    let phase = obj.pointer("/status/phase").and_then(Value::as_str).unwrap_or("");
    if matches!(phase, "Succeeded" | "Failed") {
        return Err(Reply::Error(ApiError::bad_request(format!(
            "cannot attach to a container in a completed pod; current phase is {phase}"
        ))));
    }
    let name = container["name"].as_str().unwrap_or("").to_string();
    if phase != "Running" {
        return Err(Reply::Error(ApiError::bad_request(format!(
            "unable to upgrade connection: container not found (\"{name}\")"
        ))));
    }
    let Some(protocol) = negotiate(req.headers()) else {
        return Err(Reply::Error(ApiError::bad_request(
            "websocket: the client offered none of the supported subprotocols",
        )));
    };
    let uid = crate::virtapi::uid(&obj);
    let shell =
        shell_for(state, namespace, pod, &uid, &obj, container).map_err(|e| Reply::Error(ApiError::internal(e)))?;
    let cut = state.guestfs.cut.subscribe();
    Ok((protocol, Session { shell, cut }))
}

/// The newest channel protocol the client offers.
fn negotiate(headers: &HeaderMap) -> Option<&'static str> {
    let offered: Vec<String> = headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|p| p.trim().to_string())
        .collect();
    [V5, V4].into_iter().find(|p| offered.iter().any(|o| o == p))
}

/// The pod's running shell, started on the first attach.
fn shell_for(
    state: &Arc<SimState>,
    namespace: &str,
    pod: &str,
    uid: &str,
    obj: &Value,
    container: &Value,
) -> std::io::Result<(Pty, watch::Receiver<Option<i32>>)> {
    let mut shells = state.guestfs.shells.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(shell) = shells.get(uid) {
        return Ok((shell.pty.clone(), shell.exited.clone()));
    }
    let claim = crate::guestfs::claim_of(obj).unwrap_or_else(|| pod.to_string());
    let cwd = state.guestfs.pvc_dir(namespace, &claim);
    let mut env: Vec<(&str, String)> = vec![("TERM", "xterm".into()), ("PS1", "[guestfs]$ ".into())];
    let vars: Vec<(String, String)> = array_at(container, "/env")
        .iter()
        .filter_map(|e| Some((e["name"].as_str()?.to_string(), e["value"].as_str()?.to_string())))
        .filter(|(k, _)| k != "HOME")
        .collect();
    env.extend(vars.iter().map(|(k, v)| (k.as_str(), v.clone())));
    env.push(("HOME", cwd.display().to_string()));
    let (pty, mut child) = Pty::spawn(80, 24, None, &cwd, &env)?;
    let (exit_tx, exited) = watch::channel(None);
    let (kill, killed) = oneshot::channel::<()>();
    let waiter_state = state.clone();
    let (ns, name, uid_owned) = (namespace.to_string(), pod.to_string(), uid.to_string());
    tokio::spawn(async move {
        tokio::select! {
            status = child.wait() => {
                let code = status.ok().and_then(|s| s.code()).unwrap_or(255);
                let _ = exit_tx.send(Some(code));
                waiter_state.guestfs.shells.lock().unwrap_or_else(|e| e.into_inner()).remove(&uid_owned);
                crate::guestfs::completed(&mut waiter_state.store.lock(), &ns, &name, &uid_owned, code);
            }
            _ = killed => {
                let _ = child.kill().await;
            }
        }
    });
    shells.insert(
        uid.to_string(),
        Shell {
            pty: pty.clone(),
            exited: exited.clone(),
            _kill: kill,
        },
    );
    Ok((pty, exited))
}

/// One attached client.
pub struct Session {
    shell: (Pty, watch::Receiver<Option<i32>>),
    /// changes when a test cuts the connection
    cut: watch::Receiver<u64>,
}

impl Session {
    async fn run(self, socket: crate::ws::Socket, v5: bool) {
        let (pty, mut exited) = self.shell;
        let mut cut = self.cut;
        let (mut sink, mut stream) = socket.split();
        let mut output = pty.reader();
        let mut buf = vec![0u8; 32 * 1024];
        loop {
            tokio::select! {
                read = output.read(&mut buf[1..]) => {
                    match read {
                        Ok(n) if n > 0 => {
                            buf[0] = STDOUT;
                            if sink.send(Message::Binary(buf[..=n].to_vec().into())).await.is_err() {
                                return;
                            }
                        }
                        // The process and everything it started are gone.
                        _ => break,
                    }
                }
                // Dropped without a close frame.
                _ = cut.changed() => return,
                message = stream.next() => {
                    match message {
                        Some(Ok(Message::Binary(data))) => {
                            if !typed(&pty, &data, v5).await {
                                return;
                            }
                        }
                        Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                        Some(Ok(_)) => {}
                    }
                }
            }
        }
        // The container's process ended: its status, then a normal close.
        let code = tokio::time::timeout(Duration::from_secs(5), exited.wait_for(Option::is_some))
            .await
            .ok()
            .and_then(|r| r.ok().and_then(|c| *c))
            .unwrap_or(0);
        let mut message = vec![ERROR];
        message.extend_from_slice(exit_status(code).to_string().as_bytes());
        let _ = sink.send(Message::Binary(message.into())).await;
        let _ = sink.send(Message::Close(None)).await;
    }
}

/// Acts on one client message; `false` ends the session.
async fn typed(pty: &Pty, data: &[u8], v5: bool) -> bool {
    match data.split_first() {
        Some((&STDIN, rest)) => pty.write_all(rest).await.is_ok(),
        Some((&RESIZE, rest)) => {
            if let Ok(size) = serde_json::from_slice::<Value>(rest) {
                let width = size["Width"].as_u64().unwrap_or(80) as u32;
                let height = size["Height"].as_u64().unwrap_or(24) as u32;
                let _ = pty.resize(width, height);
            }
            true
        }
        // v5: the client's stdin ended; on a terminal that is an end-of-file character.
        Some((&CLOSE, [STDIN])) if v5 => pty.write_all(&[EOT]).await.is_ok(),
        _ => true,
    }
}

/// The `Status` the error stream carries when the process ends.
fn exit_status(code: i32) -> Value {
    if code == 0 {
        return json!({"metadata": {}, "status": "Success"});
    }
    json!({"metadata": {}, "status": "Failure",
           "message": format!("command terminated with non-zero exit code: exit status {code}"),
           "reason": "NonZeroExitCode",
           "details": {"causes": [{"reason": "ExitCode", "message": code.to_string()}]}})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pod_attach_paths_are_taken() {
        assert_eq!(
            crate::ws::pod_subresource("/api/v1/namespaces/ns/pods/p/attach", "attach"),
            Some(("ns".to_string(), "p".to_string()))
        );
        assert_eq!(
            crate::ws::pod_subresource("/api/v1/namespaces/ns/pods/p/exec", "attach"),
            None
        );
        assert_eq!(
            crate::ws::pod_subresource("/api/v1/namespaces/ns/pods/p", "attach"),
            None
        );
    }

    #[test]
    fn the_newest_offered_protocol_wins() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::SEC_WEBSOCKET_PROTOCOL,
            "v4.channel.k8s.io, v5.channel.k8s.io".parse().unwrap(),
        );
        assert_eq!(negotiate(&headers), Some(V5));
        headers.insert(header::SEC_WEBSOCKET_PROTOCOL, "v4.channel.k8s.io".parse().unwrap());
        assert_eq!(negotiate(&headers), Some(V4));
        headers.insert(header::SEC_WEBSOCKET_PROTOCOL, "channel.k8s.io".parse().unwrap());
        assert_eq!(negotiate(&headers), None);
    }
}
