//! A pod port-forward as `kubectl port-forward` runs one: local listeners on 127.0.0.1 and
//! [::1], and per accepted connection one pod `portforward` websocket (kube's client,
//! `v4.channel.k8s.io`: a data and an error channel for the port) pumping bytes both ways.
//! Also kubectl's service-to-pod port mapping. `vmexport download --port-forward` runs on it;
//! `memory-dump download` can too.
//!
//! Progress lines are kubectl's (`Forwarding from 127.0.0.1:P -> R`, `Handling connection for
//! P`), handed to the caller's `progress` (stderr, as upstream).

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use k8s_openapi::api::core::v1::Pod;
use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::cluster::api::{Api, error_chain};
use crate::error::{Error, Result};

/// Where progress lines go.
pub type Progress = Arc<dyn Fn(&str) + Send + Sync>;

/// A running forward; dropping it stops the listeners (connections in flight end with them).
pub struct PodForward {
    port: u16,
    tasks: Vec<JoinHandle<()>>,
}

impl PodForward {
    /// The local port (the chosen one when 0 was asked for).
    pub fn local_port(&self) -> u16 {
        self.port
    }

    /// `127.0.0.1:PORT`, where a client connects.
    pub fn address(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }
}

impl Drop for PodForward {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Listens on `local_port` (0 = any free port) of 127.0.0.1 and, on the same port, of [::1]
/// when the host has IPv6 (kubectl fails only when neither address can be bound), and forwards
/// each connection to `remote_port` of `pod`.
pub async fn start(
    api: &Api,
    namespace: &str,
    pod: &str,
    local_port: u16,
    remote_port: u16,
    progress: Progress,
) -> Result<PodForward> {
    let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, local_port))
        .await
        .map_err(|e| Error::Io(format!("unable to listen on port {local_port}: {e}")))?;
    let port = v4
        .local_addr()
        .map_err(|e| Error::Io(format!("unable to listen on port {local_port}: {e}")))?
        .port();
    let mut listeners = vec![v4];
    if let Ok(v6) = TcpListener::bind((Ipv6Addr::LOCALHOST, port)).await {
        listeners.push(v6);
    }
    let pods = kube::Api::<Pod>::namespaced(api.client().clone(), namespace);
    let mut tasks = Vec::new();
    for listener in listeners {
        if let Ok(address) = listener.local_addr() {
            progress(&format!("Forwarding from {address} -> {remote_port}"));
        }
        let accept = accept_loop(listener, pods.clone(), pod.to_string(), remote_port, progress.clone());
        tasks.push(tokio::spawn(accept));
    }
    Ok(PodForward { port, tasks })
}

async fn accept_loop(listener: TcpListener, pods: kube::Api<Pod>, pod: String, remote_port: u16, progress: Progress) {
    let local_port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    loop {
        let Ok((connection, _)) = listener.accept().await else {
            return;
        };
        progress(&format!("Handling connection for {local_port}"));
        let pods = pods.clone();
        let pod = pod.clone();
        let progress = progress.clone();
        tokio::spawn(async move {
            if let Err(e) = forward(connection, &pods, &pod, remote_port).await {
                progress(&format!(
                    "an error occurred forwarding {local_port} -> {remote_port}: {e}"
                ));
            }
        });
    }
}

/// One connection over one pod `portforward` websocket.
async fn forward(mut connection: TcpStream, pods: &kube::Api<Pod>, pod: &str, remote_port: u16) -> Result<()> {
    let _ = connection.set_nodelay(true);
    let mut forwarder = pods
        .portforward(pod, &[remote_port])
        .await
        .map_err(|e| Error::Other(error_chain(&e)))?;
    let mut stream = forwarder
        .take_stream(remote_port)
        .ok_or_else(|| Error::Other(format!("no stream for port {remote_port}")))?;
    let errors = forwarder
        .take_error(remote_port)
        .ok_or_else(|| Error::Other(format!("no error channel for port {remote_port}")))?;
    tokio::select! {
        copied = tokio::io::copy_bidirectional(&mut connection, &mut stream) => {
            drop(stream);
            forwarder.abort();
            copied.map(drop).map_err(|e| Error::Io(e.to_string()))
        }
        error = errors => match error {
            Some(message) => Err(Error::Other(message)),
            // the error channel closed without a message: the pod side is done
            None => Ok(()),
        },
    }
}

/// kubectl's `LookupContainerPortNumberByServicePort`: the pod's container port behind
/// `port` of `service` (a numeric targetPort, a named one looked up in the pod's containers,
/// the port itself when targetPort is omitted or the service is headless).
pub fn container_port(service: &Value, pod: &Value, port: i64) -> Result<u16> {
    let name = service.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    let ports = service
        .pointer("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let Some(spec) = ports
        .iter()
        .find(|p| p.get("port").and_then(Value::as_i64) == Some(port))
    else {
        return Err(Error::Other(format!(
            "Service {name} does not have a service port {port}"
        )));
    };
    let headless = service.pointer("/spec/clusterIP").and_then(Value::as_str) == Some("None");
    let resolved = match spec.get("targetPort") {
        _ if headless => port,
        Some(Value::Number(n)) => n.as_i64().filter(|n| *n != 0).unwrap_or(port),
        Some(Value::String(named)) => named_port(pod, named)?,
        _ => port,
    };
    u16::try_from(resolved).map_err(|_| Error::Other(format!("invalid container port {resolved}")))
}

fn named_port(pod: &Value, named: &str) -> Result<i64> {
    let containers = pod
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    containers
        .iter()
        .flat_map(|c| c.get("ports").and_then(Value::as_array).cloned().unwrap_or_default())
        .find(|p| p.get("name").and_then(Value::as_str) == Some(named))
        .and_then(|p| p.get("containerPort").and_then(Value::as_i64))
        .ok_or_else(|| {
            let pod_name = pod.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
            Error::Other(format!("Pod '{pod_name}' does not have a named port '{named}'"))
        })
}

/// `key=value,...` of a service's selector, as a label selector.
pub fn selector_of(service: &Value) -> String {
    service
        .pointer("/spec/selector")
        .and_then(Value::as_object)
        .map(|m| {
            let mut pairs: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect();
            pairs.sort();
            pairs.join(",")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service(ports: Value) -> Value {
        json!({"metadata": {"name": "svc"}, "spec": {"ports": ports, "selector": {"b": "2", "a": "1"}}})
    }

    #[test]
    fn service_ports_map_to_container_ports_as_kubectl_maps_them() {
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"ports": [{"name": "https", "containerPort": 8443}]}]}});
        assert_eq!(
            container_port(&service(json!([{"port": 443, "targetPort": 8443}])), &pod, 443).unwrap(),
            8443
        );
        assert_eq!(
            container_port(&service(json!([{"port": 443, "targetPort": "https"}])), &pod, 443).unwrap(),
            8443
        );
        assert_eq!(
            container_port(&service(json!([{"port": 443}])), &pod, 443).unwrap(),
            443
        );
        assert_eq!(
            container_port(&service(json!([{"port": 80, "targetPort": 8080}])), &pod, 443)
                .unwrap_err()
                .to_string(),
            "Service svc does not have a service port 443"
        );
        assert_eq!(
            container_port(&service(json!([{"port": 443, "targetPort": "web"}])), &pod, 443)
                .unwrap_err()
                .to_string(),
            "Pod 'p' does not have a named port 'web'"
        );
        assert_eq!(selector_of(&service(json!([]))), "a=1,b=2");
    }
}
