//! `vmexport download --port-forward` (§9.7): waits until the export is Ready and its Service
//! exists, takes the first pod behind the Service, maps Service port 443 to that pod's
//! container port and forwards a local port to it (`cluster::pod_portforward`).
//!
//! Beyond upstream (which turns TLS verification off): the tunnel knows the Service's DNS name
//! (`virt-export-NAME.NS.svc`), so the download reaches `https://NAME.NS.svc:PORT` resolved to
//! the local port and verifies the export server's certificate against that name and the
//! export's CA.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;

use crate::cluster::api::Request;
use crate::cluster::export::Exports;
use crate::cluster::pod_portforward::{self, PodForward, Progress};
use crate::cluster::resources::{PODS, SERVICES};
use crate::cluster::wait::{self, Backoff, get_optional};
use crate::error::{Error, Result};
use crate::go_syntax::format_duration;

/// The Service port the export server is published on.
const EXPORT_SERVICE_PORT: i64 = 443;

/// A running tunnel to an export server.
pub struct ExportTunnel {
    forward: PodForward,
    /// `virt-export-NAME.NS.svc`: the name the server's certificate carries
    pub host: String,
}

impl ExportTunnel {
    /// `HOST:PORT` to put in the export's links in place of their host.
    pub fn service_url(&self) -> String {
        format!("{}:{}", self.host, self.forward.local_port())
    }

    /// Where `host` is reached.
    pub fn address(&self) -> SocketAddr {
        self.forward.address()
    }
}

/// What the tunnel needs to know.
pub struct TunnelRequest<'a> {
    pub name: &'a str,
    pub local_port: u16,
    pub readiness_timeout: Duration,
    /// upstream's wait messages (stdout or stderr, as the command's other messages)
    pub say: &'a (dyn Fn(&str) + Sync),
    /// the forwarder's kubectl-style lines (stderr)
    pub progress: Progress,
}

/// Sets the tunnel up; upstream's messages on the way.
pub async fn open(exports: &Exports<'_>, request: &TunnelRequest<'_>) -> Result<ExportTunnel> {
    let service = wait_for_service(exports, request).await?;
    let service_name = service
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let ns = exports.namespace();
    let selector = pod_portforward::selector_of(&service);
    let listing = exports
        .api()
        .send(Request::get(PODS.collection(Some(ns))).query("labelSelector", &selector))
        .await
        .and_then(|r| r.json::<Value>())
        .map_err(|e| Error::Other(format!("failed to list pods: {e}")))?;
    let Some(pod) = listing
        .get("items")
        .and_then(Value::as_array)
        .and_then(|items| items.first())
    else {
        return Err(Error::Other(format!("no pods found for the service {service_name}")));
    };
    let container_port = pod_portforward::container_port(&service, pod, EXPORT_SERVICE_PORT)?;
    let pod_name = pod.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    let forward = pod_portforward::start(
        exports.api(),
        ns,
        pod_name,
        request.local_port,
        container_port,
        request.progress.clone(),
    )
    .await?;
    (request.say)("Port forwarding is ready.");
    Ok(ExportTunnel {
        forward,
        host: format!("{service_name}.{ns}.svc"),
    })
}

/// Until the export is Ready and its Service (`virt-export-NAME`) exists.
async fn wait_for_service(exports: &Exports<'_>, request: &TunnelRequest<'_>) -> Result<Value> {
    let name = request.name;
    let service_name = format!("virt-export-{name}");
    let ns = exports.namespace();
    let backoff = Backoff {
        first: Duration::from_millis(250),
        max: Duration::from_secs(2),
    };
    let found = std::sync::Mutex::new(None);
    let ready = wait::poll(request.readiness_timeout, backoff, || async {
        let Some(export) = exports.get(name).await? else {
            return Ok(false);
        };
        if export.pointer("/status/phase").and_then(Value::as_str) != Some("Ready") {
            (request.say)(&format!("waiting for VM Export {name} status to be ready..."));
            return Ok(false);
        }
        let get = Request::get(SERVICES.object(Some(ns), &service_name)).resource("services", &service_name);
        let service = get_optional(exports.api().send(get).await.and_then(|r| r.json::<Value>()))?;
        let Some(service) = service else {
            (request.say)(&format!(
                "waiting for service {service_name} to be ready before port-forwarding..."
            ));
            return Ok(false);
        };
        (request.say)(&format!("service {service_name} is ready for port-forwarding"));
        *found.lock().unwrap_or_else(|e| e.into_inner()) = Some(service);
        Ok(true)
    })
    .await?;
    match found.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(service) if ready => Ok(service),
        _ => Err(Error::Timeout(format!(
            "timed out after {} waiting for the service of VirtualMachineExport {ns}/{name} to be ready",
            format_duration(request.readiness_timeout)
        ))),
    }
}
