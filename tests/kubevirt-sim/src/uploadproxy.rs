//! CDI's upload proxy and the upload server behind it, on a second HTTPS listener with the
//! simulator's CA. As CDI: the bearer token is checked (missing or malformed: 400; unknown or
//! expired: 401), the proxy waits for the PVC's upload pod to be ready (503 with the reason when
//! it is not), archive PVCs are rewritten to `/v1beta1/upload-archive`, and the upload server
//! answers `HEAD` on the async paths with 200, other non-POST requests with 404, a concurrent
//! upload with 503 and an upload after completion with 409. A qcow2 image whose virtual size (or
//! a raw image whose length) exceeds the PVC's usable space is refused with CDI's 400.
//!
//! The proxy URL plays the OpenShift Route `cdi-uploadproxy` that the CDIConfig's
//! `uploadProxyURL` names on OpenShift Virtualization: while an installed `cdi-uploadproxy`
//! Service selects no ready pod (every pod deleted, not ready, or the Deployment scaled to 0),
//! every request gets the router's 503 "Application is not available" page ([`route_down`]),
//! and the proxy answers again as soon as a pod is ready. The bare test world (no install, so
//! no such Service) has no proxy pods: the simulator itself is the proxy there.
//!
//! A request answered without taking the upload (every 400/401/404/503 above) is answered as
//! Go's server does: at most 256 KiB of the body is read, then the connection closes
//! ([`reject`]).
//!
//! The body is streamed: each frame is counted, fed to a CRC-32 and written to the PVC's sparse
//! file (`export::Volumes`), so what was uploaded can be exported again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use serde_json::Value;

use crate::cdi::{self, ANN_CONTENT_TYPE, ANN_POD_PHASE, ANN_POD_READY, ANN_UPLOAD_TARGET, UploadRecord};
use crate::object::{annotation, name_of, ns_of, pvc_kind};
use crate::server::SimState;
use crate::services;
use crate::store::Inner;

const SYNC_PATHS: &[&str] = &[
    "/v1beta1/upload",
    "/v1alpha1/upload",
    "/v1beta1/upload-form",
    "/v1alpha1/upload-form",
];
const ASYNC_PATHS: &[&str] = &[
    "/v1beta1/upload-async",
    "/v1alpha1/upload-async",
    "/v1beta1/upload-form-async",
    "/v1alpha1/upload-form-async",
];

/// The CRC-32 the upload records carry, for tests to compare with.
pub fn checksum(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

/// Cuts the connection (hyper closes it when the service fails).
#[derive(Debug)]
pub struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by a fault knob")
    }
}

impl std::error::Error for Dropped {}

type Reply = Result<Response<Full<Bytes>>, Dropped>;

fn reply(code: u16, body: impl Into<Bytes>) -> Reply {
    let body: Bytes = body.into();
    let has_body = !body.is_empty();
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if has_body {
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/plain; charset=utf-8"),
        );
    }
    Ok(response)
}

/// Serves one request and records it (`CdiState::record_proxy_request`): the proxy's handler
/// for [`crate::https`].
pub async fn serve_request(state: Arc<SimState>, req: Request<Incoming>) -> Reply {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let result = handle(&state, req).await;
    let status = result.as_ref().map(|r| r.status().as_u16()).unwrap_or(0);
    let body_read = result
        .as_ref()
        .ok()
        .and_then(|r| r.extensions().get::<BodyRead>())
        .map(|b| b.0);
    state.cdi.record_proxy_request(&method, &path, status, body_read);
    result
}

async fn handle(state: &SimState, req: Request<Incoming>) -> Reply {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    if route_down(&state.store.lock()) {
        return router_unavailable(body).await;
    }
    if path == "/healthz" {
        return reject(body, 200, Bytes::from_static(b"OK")).await;
    }
    let is_async = ASYNC_PATHS.contains(&path.as_str());
    if !is_async && !SYNC_PATHS.contains(&path.as_str()) {
        return reject(body, 404, Bytes::from_static(b"404 page not found\n")).await;
    }
    let Some(header) = parts
        .headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return reject(body, 400, Bytes::new()).await;
    };
    let Some(token) = bearer(header) else {
        return reject(body, 400, Bytes::new()).await;
    };
    let Some(grant) = state.cdi.validate(token) else {
        return reject(body, 401, Bytes::new()).await;
    };
    if parts.method == Method::POST && state.cdi.faults.take_unauthorized() {
        return reject(body, 401, Bytes::new()).await;
    }
    let pvc = match upload_ready(state, &grant.namespace, &grant.pvc).await {
        Ok(pvc) => pvc,
        Err(reason) => return reject(body, 503, Bytes::from(reason)).await,
    };
    let content_type = annotation(&pvc, ANN_CONTENT_TYPE).unwrap_or("kubevirt").to_string();
    let (server_path, archive) = match content_type.as_str() {
        "kubevirt" | "" => (path.clone(), false),
        "archive" => ("/v1beta1/upload-archive".to_string(), true),
        other => {
            let reason = format!(
                "rejecting Upload Request for PVC {} with unknown content type {other}",
                grant.pvc
            );
            return reject(body, 503, Bytes::from(reason)).await;
        }
    };
    // The upload server.
    let async_endpoint = is_async && !archive;
    if parts.method == Method::HEAD && async_endpoint {
        return reject(body, 200, Bytes::new()).await;
    }
    if parts.method != Method::POST {
        return reject(body, 404, Bytes::new()).await;
    }
    let server = state.cdi.server(&grant.namespace, &grant.pvc);
    if server.uploading {
        return reject(body, 503, Bytes::new()).await;
    }
    if server.received {
        return reject(body, 409, Bytes::new()).await;
    }
    state
        .cdi
        .update_server(&grant.namespace, &grant.pvc, |s| s.uploading = true);
    let usable = if archive {
        None
    } else {
        cdi::usable_bytes(&state.store.lock(), &pvc)
    };
    let sink = state.cdi.export.writer(&grant.namespace, &grant.pvc);
    let outcome = receive(state, body, usable, sink).await;
    let mut record = UploadRecord {
        namespace: grant.namespace.clone(),
        pvc: grant.pvc.clone(),
        path: server_path,
        bytes: outcome.bytes,
        crc32: outcome.crc32,
        status: 0,
    };
    let result = match &outcome.end {
        End::Complete => {
            record.status = 200;
            reply(200, Bytes::new())
        }
        End::Rejected(code, reason) => {
            record.status = *code;
            let message = format!("Saving stream failed: {reason}");
            let pod = cdi::upload_pod_name(&grant.pvc);
            cdi::append_pod_log(
                &mut state.store.lock(),
                &grant.namespace,
                &pod,
                &format!("E0000 uploadserver.go:470] {message}"),
            );
            reply(*code, message)
        }
        End::Cut => Err(Dropped),
    };
    let received = matches!(outcome.end, End::Complete);
    state.cdi.update_server(&grant.namespace, &grant.pvc, |s| {
        s.uploading = false;
        s.received = received;
    });
    state.cdi.record_upload(record);
    result
}

/// What net/http reads of a body its handler left unread before it gives up on the connection
/// (`maxPostHandlerReadBytes`).
const MAX_POST_HANDLER_READ: u64 = 256 << 10;
/// How long Go's server waits after the reply before closing a connection with unread body
/// left (`rstAvoidanceDelay`), so the client reads the answer before a reset.
const RST_AVOIDANCE_DELAY: Duration = Duration::from_millis(500);

/// CDI's upload proxy Service (and the OpenShift Route in front of it).
const PROXY_SERVICE: &str = "cdi-uploadproxy";

/// Whether the Route has no endpoint: an installed `cdi-uploadproxy` Service exists and none
/// selects a ready pod.
fn route_down(store: &Inner) -> bool {
    let services: Vec<Value> = store
        .list_all(services::kind(), None)
        .into_iter()
        .filter(|s| name_of(s) == PROXY_SERVICE)
        .collect();
    !services.is_empty()
        && !services
            .iter()
            .any(|s| services::has_ready_endpoint(store, &ns_of(s), s))
}

/// The body of the OpenShift router's `error-page-503.http` (without its stylesheet).
const ROUTER_503_PAGE: &str = r#"<html>
  <head>
    <meta name="viewport" content="width=device-width, initial-scale=1">
  </head>
  <body>
    <div>
      <h1>Application is not available</h1>
      <p>The application is currently not serving requests at this endpoint. It may not have been started or is still starting.</p>

      <div class="alert alert-info">
        <p class="info">
          Possible reasons you are seeing this page:
        </p>
        <ul>
          <li>
            <strong>The host doesn't exist.</strong>
            Make sure the hostname was typed correctly and that a route matching this hostname exists.
          </li>
          <li>
            <strong>The host exists, but doesn't have a matching path.</strong>
            Check if the URL path was typed correctly and that the route was created using the desired path.
          </li>
          <li>
            <strong>Route and path matches, but all pods are down.</strong>
            Make sure that the resources exposed by this route (pods, services, deployment configs, etc) have at least one pod running.
          </li>
        </ul>
      </div>
    </div>
  </body>
</html>
"#;

/// HAProxy's answer for a backend without servers: the page above with the router's headers
/// (HTML, never cached, connection closed).
async fn router_unavailable(body: Incoming) -> Reply {
    let mut response = reject(body, 503, Bytes::from_static(ROUTER_503_PAGE.as_bytes())).await?;
    let headers = response.headers_mut();
    let set = |h: &mut http::HeaderMap, name: http::header::HeaderName, value: &'static str| {
        h.insert(name, http::HeaderValue::from_static(value));
    };
    set(headers, http::header::CONTENT_TYPE, "text/html");
    set(headers, http::header::PRAGMA, "no-cache");
    set(
        headers,
        http::header::CACHE_CONTROL,
        "private, max-age=0, no-cache, no-store",
    );
    set(headers, http::header::CONNECTION, "close");
    Ok(response)
}

/// How much of the request body was read before a rejection was sent.
#[derive(Debug, Clone, Copy)]
struct BodyRead(u64);

/// Answers without taking the body, as CDI's handlers do on Go's server: the server discards up
/// to 256 KiB + 1 of what is left; a body that ends there leaves the connection reusable, a
/// longer one gets `Connection: close`, and the connection is closed after the reply (and
/// [`RST_AVOIDANCE_DELAY`]) with the rest unread: a client still sending sees its write fail
/// and must read the answer that is already there.
async fn reject(mut body: Incoming, code: u16, text: Bytes) -> Reply {
    let mut read = 0u64;
    let mut ended = http_body::Body::is_end_stream(&body);
    while !ended && read <= MAX_POST_HANDLER_READ {
        match body.frame().await {
            Some(Ok(frame)) => read += frame.data_ref().map_or(0, |d| d.len() as u64),
            Some(Err(_)) | None => ended = true,
        }
    }
    let mut response = reply(code, text)?;
    response.extensions_mut().insert(BodyRead(read));
    if !ended {
        response
            .headers_mut()
            .insert(http::header::CONNECTION, http::HeaderValue::from_static("close"));
        tokio::spawn(async move {
            tokio::time::sleep(RST_AVOIDANCE_DELAY).await;
            drop(body);
        });
    }
    Ok(response)
}

/// The token of `Bearer TOKEN`, with CDI's character rules.
fn bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.split_once(|c: char| c.is_whitespace())?;
    let token = token.trim_start();
    let valid = !token.is_empty() && token.chars().all(|c| c.is_ascii_alphanumeric() || "-._~+/".contains(c));
    (scheme.eq_ignore_ascii_case("bearer") && valid).then_some(token)
}

/// CDI's `uploadReady`: poll the PVC each 100 ms until the upload pod is ready, or say why not.
async fn upload_ready(state: &SimState, ns: &str, name: &str) -> Result<Value, String> {
    let deadline = Instant::now() + state.cdi.faults.proxy_ready_wait();
    loop {
        let pvc = state.store.lock().try_get(pvc_kind(), ns, name);
        let Some(pvc) = pvc else {
            return Err(format!("rejecting Upload Request for PVC {name} that doesn't exist"));
        };
        if annotation(&pvc, ANN_UPLOAD_TARGET).is_none() {
            return Err(format!("PVC {name} is not an upload target"));
        }
        if annotation(&pvc, ANN_POD_PHASE) == Some("Succeeded") {
            return Err(format!(
                "rejecting Upload Request for PVC {name} that already finished uploading"
            ));
        }
        let ready = annotation(&pvc, ANN_POD_READY) == Some("true");
        if ready && !state.cdi.faults.pod_unready_now() {
            return Ok(pvc);
        }
        if Instant::now() >= deadline {
            return Err("timed out waiting for the condition".to_string());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

enum End {
    Complete,
    Rejected(u16, String),
    Cut,
}

struct Outcome {
    bytes: u64,
    crc32: u32,
    end: End,
}

/// Reads the body: counts, checksums, applies the fault knobs and CDI's size check. After a
/// rejection the rest of the body is read and discarded, so the client gets the answer.
async fn receive(
    state: &SimState,
    mut body: Incoming,
    usable: Option<u128>,
    mut sink: Option<crate::export::VolumeWriter>,
) -> Outcome {
    let faults = &state.cdi.faults;
    let drop_at = faults.take_drop();
    let rate = faults.reader_rate();
    let mut hasher = crc32fast::Hasher::new();
    let mut bytes = 0u64;
    let mut head: Vec<u8> = Vec::with_capacity(64);
    let mut rejected: Option<(u16, String)> = None;
    let started = Instant::now();
    loop {
        let frame = match body.frame().await {
            None => break,
            Some(Ok(frame)) => frame,
            Some(Err(_)) => {
                return Outcome {
                    bytes,
                    crc32: hasher.finalize(),
                    end: End::Cut,
                };
            }
        };
        let Ok(data) = frame.into_data() else { continue };
        if rejected.is_some() {
            continue;
        }
        if let Some(limit) = drop_at
            && bytes + data.len() as u64 >= limit
        {
            let keep = (limit - bytes) as usize;
            hasher.update(&data[..keep]);
            bytes += keep as u64;
            return Outcome {
                bytes,
                crc32: hasher.finalize(),
                end: End::Cut,
            };
        }
        if head.len() < 64 {
            let take = (64 - head.len()).min(data.len());
            head.extend_from_slice(&data[..take]);
            if head.len() >= 32
                && let Some(limit) = usable
                && let Some(virtual_size) = qcow2_virtual_size(&head)
                && u128::from(virtual_size) > limit
            {
                rejected = Some((400, too_large(virtual_size as u128, limit)));
            }
        }
        hasher.update(&data);
        if let Some(writer) = sink.as_mut()
            && writer.write(&data).is_err()
        {
            sink = None;
        }
        bytes += data.len() as u64;
        if rejected.is_none()
            && let Some(limit) = usable
            && !is_qcow2_or_compressed(&head)
            && u128::from(bytes) > limit
        {
            rejected = Some((400, too_large(u128::from(bytes), limit)));
        }
        if let Some(rate) = rate.filter(|r| *r > 0) {
            let due = Duration::from_secs_f64(bytes as f64 / rate as f64);
            let elapsed = started.elapsed();
            if due > elapsed {
                tokio::time::sleep(due - elapsed).await;
            }
        }
    }
    if rejected.is_none() {
        rejected = faults.take_reject();
    }
    Outcome {
        bytes,
        crc32: hasher.finalize(),
        end: match rejected {
            Some((code, reason)) => End::Rejected(code, reason),
            None => End::Complete,
        },
    }
}

fn too_large(size: u128, limit: u128) -> String {
    format!(
        "effective image size is larger than the reported available storage: Virtual image size {size} is larger than the reported available storage {limit}. A larger PVC is required."
    )
}

fn qcow2_virtual_size(head: &[u8]) -> Option<u64> {
    if !head.starts_with(b"QFI\xfb") {
        return None;
    }
    Some(u64::from_be_bytes(head.get(24..32)?.try_into().ok()?))
}

fn is_qcow2_or_compressed(head: &[u8]) -> bool {
    [&b"QFI\xfb"[..], b"\x1f\x8b", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd"]
        .iter()
        .any(|m| head.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens() {
        assert_eq!(bearer("Bearer abc.def"), Some("abc.def"));
        assert_eq!(bearer("bearer   x/y+z"), Some("x/y+z"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer a b"), None);
        assert_eq!(bearer("Bearer"), None);
    }

    #[test]
    fn qcow2_header_size() {
        let mut h = vec![0u8; 64];
        h[..4].copy_from_slice(b"QFI\xfb");
        h[24..32].copy_from_slice(&(5u64 << 30).to_be_bytes());
        assert_eq!(qcow2_virtual_size(&h), Some(5 << 30));
        assert!(is_qcow2_or_compressed(&h));
        assert!(!is_qcow2_or_compressed(&[0u8; 64]));
    }
}
