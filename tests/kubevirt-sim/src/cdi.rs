//! CDI's upload side: the `upload.cdi.kubevirt.io` token API, and controllers that act like
//! CDI's DataVolume and upload controllers: a DataVolume with an upload source gets its PVC
//! (grown by the filesystem overhead, as `spec.storage` asks); a PVC marked as an upload target
//! gets bound (unless its storage class waits for a consumer and no immediate binding was
//! requested), an upload pod `cdi-upload-NAME`, and the annotations virtctl waits on
//! (`storage.pod.phase`, `storage.pod.ready`); once the upload server received the data, the
//! pod succeeds and the DataVolume reaches `Succeeded`. The upload proxy itself is in
//! `uploadproxy.rs`, the fault knobs in `faults.rs`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::auth::Attributes;
use crate::faults::Faults;
use crate::https::Endpoint;
use crate::kinds;
use crate::object::{annotation, array_at, deleting, dv_kind, name_of, ns_of, pod_kind, pvc_kind, set_annotation};
use crate::registry::{Cluster, Component};
use crate::server::{Reply, Req, SimState};
use crate::status::ApiError;
use crate::store::{Inner, now_rfc3339, random_suffix};

pub const ANN_POD_PHASE: &str = "cdi.kubevirt.io/storage.pod.phase";
pub const ANN_POD_READY: &str = "cdi.kubevirt.io/storage.pod.ready";
pub const ANN_UPLOAD_TARGET: &str = "cdi.kubevirt.io/storage.upload.target";
pub const ANN_CONTENT_TYPE: &str = "cdi.kubevirt.io/storage.contentType";
pub const ANN_FORCE_BIND: &str = "cdi.kubevirt.io/storage.bind.immediate.requested";
/// The simulated log of a pod (read by `GET .../pods/NAME/log`).
pub const ANN_POD_LOG: &str = "kubevirt-sim.io/log";
pub const DEFAULT_STORAGE_CLASS: &str = "standard";
pub const WFFC_STORAGE_CLASS: &str = "local-wffc";
/// CDI's default filesystem overhead when the CDIConfig names none.
pub const DEFAULT_OVERHEAD: f64 = 0.055;
/// Upload tokens live five minutes, as CDI's.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(300);

/// What the upload server of one PVC has been through.
#[derive(Debug, Clone, Default)]
pub struct UploadServer {
    pub uploading: bool,
    /// the data arrived completely (processing follows)
    pub received: bool,
}

/// One upload POST as the upload server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub namespace: String,
    pub pvc: String,
    /// the upload server path after the proxy's rewrite (`/v1beta1/upload-archive` for archives)
    pub path: String,
    /// bytes received
    pub bytes: u64,
    /// CRC-32 (IEEE) of the bytes received
    pub crc32: u32,
    /// the status the upload server answered (0 when the connection was cut)
    pub status: u16,
}

/// One request to the upload proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRequest {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// for an answer given without taking the upload: how much of the body was read first
    /// (Go's server reads at most 256 KiB + 1 of what a handler left, then closes)
    pub body_read: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct TokenGrant {
    pub namespace: String,
    pub pvc: String,
    pub expires: Instant,
}

/// CDI state beside the object store.
#[derive(Debug, Default)]
pub struct CdiState {
    pub tokens: Mutex<HashMap<String, TokenGrant>>,
    pub servers: Mutex<HashMap<(String, String), UploadServer>>,
    pub uploads: Mutex<Vec<UploadRecord>>,
    pub proxy_requests: Mutex<Vec<ProxyRequest>>,
    pub proxy_url: Mutex<String>,
    pub faults: Faults,
    /// PVC contents as sparse files (what uploads write and exports serve), the export server
    pub export: crate::export::ExportState,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl CdiState {
    pub fn server(&self, ns: &str, pvc: &str) -> UploadServer {
        lock(&self.servers)
            .get(&(ns.to_string(), pvc.to_string()))
            .cloned()
            .unwrap_or_default()
    }

    pub fn update_server(&self, ns: &str, pvc: &str, f: impl FnOnce(&mut UploadServer)) {
        f(lock(&self.servers)
            .entry((ns.to_string(), pvc.to_string()))
            .or_default());
    }

    pub fn record_upload(&self, record: UploadRecord) {
        lock(&self.uploads).push(record);
    }

    pub fn record_proxy_request(&self, method: &str, path: &str, status: u16, body_read: Option<u64>) {
        lock(&self.proxy_requests).push(ProxyRequest {
            method: method.to_string(),
            path: path.to_string(),
            status,
            body_read,
        });
    }

    /// The grant behind a token, if it is known and not expired.
    pub fn validate(&self, token: &str) -> Option<TokenGrant> {
        lock(&self.tokens)
            .get(token)
            .filter(|g| g.expires > Instant::now())
            .cloned()
    }
}

pub fn upload_pod_name(pvc: &str) -> String {
    format!("cdi-upload-{pvc}")
}

/// CDI as a [`Component`]: starts the upload proxy (with the API server's certificate, as a
/// cluster's ingress would present one the kubeconfig's CA trusts), seeds what refers to it and
/// steps DataVolumes and upload PVCs.
pub struct Cdi;

impl Component for Cdi {
    fn start(&mut self, cluster: &Cluster<'_>) -> anyhow::Result<Vec<Endpoint>> {
        let state = cluster.state.clone();
        let proxy = Endpoint::start("kubevirt-sim-upload", cluster.api_pki, move |req| {
            crate::uploadproxy::serve_request(state.clone(), req)
        })?;
        seed(&mut cluster.state.store.lock(), &cluster.state.cdi, &proxy.url());
        Ok(vec![proxy])
    }

    fn tick(&mut self, store: &mut Inner, state: &SimState) {
        tick(store, &state.cdi);
    }
}

/// Storage classes, the proxy URL in the CDIConfig. Errors (e.g. a class that exists already)
/// are ignored: seeding is best effort on top of the base fixtures.
pub fn seed(s: &mut Inner, cdi: &CdiState, proxy_url: &str) {
    *lock(&cdi.proxy_url) = proxy_url.to_string();
    if let Some(sc) = kinds::lookup("storage.k8s.io", "v1", "storageclasses") {
        for (name, mode, default) in [
            (DEFAULT_STORAGE_CLASS, "Immediate", true),
            (WFFC_STORAGE_CLASS, "WaitForFirstConsumer", false),
        ] {
            let mut class = json!({
                "apiVersion": "storage.k8s.io/v1",
                "kind": "StorageClass",
                "metadata": {"name": name},
                "provisioner": "kubevirt.io.hostpath-provisioner",
                "reclaimPolicy": "Delete",
                "volumeBindingMode": mode,
            });
            if default {
                class["metadata"]["annotations"] = json!({"storageclass.kubernetes.io/is-default-class": "true"});
            }
            let _ = s.create(sc, "", class, false, false);
        }
    }
    if let Some(kind) = kinds::lookup("cdi.kubevirt.io", "v1beta1", "cdiconfigs")
        && let Some(mut config) = s.try_get(kind, "", "config")
    {
        config["status"]["uploadProxyURL"] = json!(proxy_url);
        let _ = s.put(kind, config);
    }
}

/// `POST /apis/upload.cdi.kubevirt.io/v1beta1/namespaces/NS/uploadtokenrequests`.
pub fn token_request(state: &SimState, req: &Req<'_>, ns: &str) -> Reply {
    if req.method != http::Method::POST {
        return ApiError::method_not_supported(
            &crate::status::GroupResource::new("upload.cdi.kubevirt.io", "uploadtokenrequests"),
            &req.method.as_str().to_ascii_lowercase(),
        )
        .into();
    }
    if let Err(e) = req.authorize(Attributes {
        verb: "create",
        group: "upload.cdi.kubevirt.io",
        resource: "uploadtokenrequests",
        subresource: "",
        namespace: ns,
        name: "",
    }) {
        return e.into();
    }
    let body: Value = match serde_json::from_slice(req.body) {
        Ok(v) => v,
        Err(e) => {
            return ApiError::bad_request(format!("the body of the request was in an unknown format: {e}")).into();
        }
    };
    let pvc = body.pointer("/spec/pvcName").and_then(Value::as_str).unwrap_or("");
    if pvc.is_empty() {
        return ApiError::bad_request("Invalid request: spec.pvcName is required").into();
    }
    let token = format!("sim.{}.{}", random_suffix(24), random_suffix(24));
    lock(&state.cdi.tokens).insert(
        token.clone(),
        TokenGrant {
            namespace: ns.to_string(),
            pvc: pvc.to_string(),
            expires: Instant::now() + TOKEN_LIFETIME,
        },
    );
    let mut metadata = body.get("metadata").cloned().unwrap_or_else(|| json!({}));
    metadata["namespace"] = json!(ns);
    metadata["creationTimestamp"] = Value::Null;
    Reply::Json(
        201,
        json!({
            "kind": "UploadTokenRequest",
            "apiVersion": "upload.cdi.kubevirt.io/v1beta1",
            "metadata": metadata,
            "spec": {"pvcName": pvc},
            "status": {"token": token},
        }),
    )
}

/// Parses a quantity into bytes (enough of apimachinery for storage sizes).
pub fn quantity_bytes(q: &str) -> Option<u128> {
    let q = q.trim();
    let split = q.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(q.len());
    let (number, suffix) = q.split_at(split);
    let value: f64 = number.parse().ok()?;
    let factor: f64 = match suffix {
        "" => 1.0,
        "Ki" => 1024f64,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "m" => 1e-3,
        _ => return None,
    };
    Some((value * factor).ceil() as u128)
}

/// The CDIConfig's global filesystem overhead.
pub fn filesystem_overhead(s: &Inner) -> f64 {
    kinds::lookup("cdi.kubevirt.io", "v1beta1", "cdiconfigs")
        .and_then(|k| s.try_get(k, "", "config"))
        .and_then(|c| {
            c.pointer("/status/filesystemOverhead/global")
                .and_then(Value::as_str)
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(DEFAULT_OVERHEAD)
}

/// Bytes an image may expand to in the PVC: its size, less the filesystem overhead unless it
/// is a block volume.
pub fn usable_bytes(s: &Inner, pvc: &Value) -> Option<u128> {
    let size = ["/status/capacity/storage", "/spec/resources/requests/storage"]
        .iter()
        .find_map(|p| pvc.pointer(p).and_then(Value::as_str))
        .and_then(quantity_bytes)?;
    if pvc.pointer("/spec/volumeMode").and_then(Value::as_str) == Some("Block") {
        return Some(size);
    }
    Some((size as f64 * (1.0 - filesystem_overhead(s))).floor() as u128)
}

/// One controller step over DataVolumes and upload PVCs.
pub fn tick(s: &mut Inner, cdi: &CdiState) {
    for dv in s.list_all(dv_kind(), None) {
        step_datavolume(s, dv);
    }
    for pvc in s.list_all(pvc_kind(), None) {
        if annotation(&pvc, ANN_UPLOAD_TARGET).is_some() {
            step_upload_pvc(s, cdi, pvc);
        }
    }
}

/// A DataVolume with an upload source: create its PVC, then mirror the PVC's upload state.
fn step_datavolume(s: &mut Inner, dv: Value) {
    if dv.pointer("/spec/source/upload").is_none() || deleting(&dv) {
        return;
    }
    let ns = ns_of(&dv);
    let name = name_of(&dv);
    let mut next = dv.clone();
    let pvc = match s.try_get(pvc_kind(), &ns, &name) {
        Some(pvc) => pvc,
        None => {
            let class = storage_class_for(s, &dv);
            if class.is_none() && claim_lacks_access_modes(&dv) {
                claim_not_valid(s, dv);
                return;
            }
            let pvc = pvc_for_datavolume(s, &dv, class);
            if s.create(pvc_kind(), &ns, pvc, false, false).is_err() {
                return;
            }
            next["status"] = json!({"phase": "Pending", "claimName": name, "progress": "N/A"});
            let _ = s.put(dv_kind(), next);
            return;
        }
    };
    let pod_phase = annotation(&pvc, ANN_POD_PHASE).unwrap_or("");
    let ready = annotation(&pvc, ANN_POD_READY) == Some("true");
    let bound = pvc.pointer("/status/phase").and_then(Value::as_str) == Some("Bound");
    let phase = match (pod_phase, ready, bound) {
        ("Succeeded", _, _) => "Succeeded",
        ("Failed", _, _) => "Failed",
        (_, true, _) => "UploadReady",
        (_, _, false) if waits_for_consumer(s, &pvc) => "WaitForFirstConsumer",
        (_, _, false) => "Pending",
        _ => "UploadScheduled",
    };
    next["status"]["phase"] = json!(phase);
    next["status"]["claimName"] = json!(name);
    next["status"]["progress"] = json!(if phase == "Succeeded" { "100.0%" } else { "N/A" });
    if next != dv {
        let _ = s.put(dv_kind(), next);
    }
}

/// CDI's `MessageErrStorageClassNotFound`: `spec.storage` without access modes needs a storage
/// class (named or the default) whose StorageProfile supplies them.
pub const MESSAGE_NO_STORAGE_CLASS: &str = "PVC spec is missing accessMode and no storageClass to choose profile";

/// The DataVolume's storage class: the one it names, else the default virtualization class,
/// else the cluster's default (`GetStorageClassByNameWithVirtFallback`).
fn storage_class_for(s: &Inner, dv: &Value) -> Option<String> {
    let named = ["/spec/storage/storageClassName", "/spec/pvc/storageClassName"]
        .iter()
        .find_map(|p| dv.pointer(p).and_then(Value::as_str));
    if let Some(named) = named {
        return Some(named.to_string());
    }
    let classes = kinds::lookup("storage.k8s.io", "v1", "storageclasses")
        .map(|k| s.list_all(k, None))
        .unwrap_or_default();
    let marked = |key: &str| classes.iter().find(|c| annotation(c, key) == Some("true")).map(name_of);
    marked("storageclass.kubevirt.io/is-default-virt-class")
        .or_else(|| marked("storageclass.kubernetes.io/is-default-class"))
}

fn claim_lacks_access_modes(dv: &Value) -> bool {
    dv.pointer("/spec/storage").is_some_and(|st| {
        st.get("accessModes")
            .and_then(Value::as_array)
            .is_none_or(Vec::is_empty)
    })
}

/// `renderPvcSpec` failed with `ErrStorageClassNotFound`: no PVC; the phase stays unset
/// (`PhaseUnset`), the Bound condition turns Unknown and Ready False with reason
/// `ErrClaimNotValid`, and the Bound condition's change is recorded as a Normal event.
fn claim_not_valid(s: &mut Inner, dv: Value) {
    let bound = array_at(&dv, "/status/conditions")
        .iter()
        .find(|c| c["type"] == "Bound")
        .cloned();
    if bound.is_some_and(|c| c["reason"] == "ErrClaimNotValid") {
        return;
    }
    let at = now_rfc3339();
    let condition = |t: &str, status: &str, reason: &str, message: &str| {
        json!({"type": t, "status": status, "reason": reason, "message": message,
               "lastHeartbeatTime": at, "lastTransitionTime": at})
    };
    let mut next = dv.clone();
    next["status"] = json!({"conditions": [
        condition("Bound", "Unknown", "ErrClaimNotValid", MESSAGE_NO_STORAGE_CLASS),
        condition("Ready", "False", "ErrClaimNotValid", MESSAGE_NO_STORAGE_CLASS),
        condition("Running", "False", "", ""),
    ]});
    let (ns, name) = (ns_of(&dv), name_of(&dv));
    let _ = s.put(dv_kind(), next);
    let event = json!({"apiVersion": "v1", "kind": "Event",
        "metadata": {"name": format!("{name}.{}", random_suffix(10)), "namespace": ns},
        "involvedObject": {"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume", "name": name, "namespace": ns,
                           "uid": dv.pointer("/metadata/uid").cloned().unwrap_or(Value::Null)},
        "reason": "ErrClaimNotValid", "message": MESSAGE_NO_STORAGE_CLASS, "type": "Normal", "count": 1,
        "source": {"component": "datavolume-upload-controller"}, "firstTimestamp": at, "lastTimestamp": at});
    if let Some(events) = kinds::lookup("", "v1", "events") {
        let _ = s.create(events, &ns, event, false, false);
    }
}

fn pvc_for_datavolume(s: &Inner, dv: &Value, class: Option<String>) -> Value {
    let ns = ns_of(dv);
    let name = name_of(dv);
    let storage = dv
        .pointer("/spec/storage")
        .or_else(|| dv.pointer("/spec/pvc"))
        .cloned()
        .unwrap_or_else(|| json!({}));
    let volume_mode = storage
        .get("volumeMode")
        .and_then(Value::as_str)
        .unwrap_or("Filesystem")
        .to_string();
    let requested = storage
        .pointer("/resources/requests/storage")
        .and_then(Value::as_str)
        .unwrap_or("1Gi")
        .to_string();
    // `spec.storage` asks CDI to make room for the filesystem overhead.
    let size = match (dv.pointer("/spec/storage").is_some(), volume_mode.as_str()) {
        (true, "Filesystem") => quantity_bytes(&requested)
            .map(|b| ((b as f64) / (1.0 - filesystem_overhead(s))).ceil() as u128)
            .map(|b| b.div_ceil(1 << 20) << 20)
            .map(|b| b.to_string())
            .unwrap_or(requested),
        _ => requested,
    };
    let mut annotations = json!({
        ANN_UPLOAD_TARGET: "",
        ANN_CONTENT_TYPE: dv.pointer("/spec/contentType").and_then(Value::as_str).unwrap_or("kubevirt"),
        ANN_POD_PHASE: "",
    });
    if annotation(dv, ANN_FORCE_BIND).is_some() {
        annotations[ANN_FORCE_BIND] = json!("");
    }
    let mut pvc = json!({
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {
            "name": name,
            "namespace": ns,
            "annotations": annotations,
            "labels": {"app": "containerized-data-importer", "app.kubernetes.io/component": "storage"},
            "ownerReferences": [{
                "apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume", "name": name,
                "uid": dv.pointer("/metadata/uid").cloned().unwrap_or(Value::Null),
                "controller": true, "blockOwnerDeletion": true,
            }],
        },
        "spec": {
            "accessModes": storage.get("accessModes").cloned().unwrap_or_else(|| json!(["ReadWriteOnce"])),
            "resources": {"requests": {"storage": size}},
            "storageClassName": class,
            "volumeMode": volume_mode,
        },
    });
    // Without a class (and no default to admit one) the claim names none.
    if pvc.pointer("/spec/storageClassName").is_some_and(Value::is_null)
        && let Some(spec) = pvc["spec"].as_object_mut()
    {
        spec.remove("storageClassName");
    }
    pvc
}

fn waits_for_consumer(s: &Inner, pvc: &Value) -> bool {
    let class = pvc
        .pointer("/spec/storageClassName")
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_STORAGE_CLASS);
    let mode = kinds::lookup("storage.k8s.io", "v1", "storageclasses")
        .and_then(|k| s.try_get(k, "", class))
        .and_then(|sc| sc.get("volumeBindingMode").and_then(Value::as_str).map(str::to_string));
    mode.as_deref() == Some("WaitForFirstConsumer") && annotation(pvc, ANN_FORCE_BIND).is_none()
}

/// A PVC marked as an upload target: bind it, run its upload pod, finish after the data came.
fn step_upload_pvc(s: &mut Inner, cdi: &CdiState, pvc: Value) {
    if deleting(&pvc) {
        return;
    }
    let ns = ns_of(&pvc);
    let name = name_of(&pvc);
    let mut next = pvc.clone();
    let bound = pvc.pointer("/status/phase").and_then(Value::as_str) == Some("Bound");
    if !bound {
        if waits_for_consumer(s, &pvc) {
            if pvc.pointer("/status/phase").is_none() {
                next["status"] = json!({"phase": "Pending"});
                let _ = s.put(pvc_kind(), next);
            }
            return;
        }
        let size = pvc
            .pointer("/spec/resources/requests/storage")
            .cloned()
            .unwrap_or_else(|| json!("1Gi"));
        next["status"] = json!({
            "phase": "Bound",
            "accessModes": pvc.pointer("/spec/accessModes").cloned().unwrap_or_else(|| json!(["ReadWriteOnce"])),
            "capacity": {"storage": size},
        });
        if next.pointer("/spec/volumeMode").is_none() {
            next["spec"]["volumeMode"] = json!("Filesystem");
        }
        let _ = s.put(pvc_kind(), next);
        return;
    }
    let pod_name = upload_pod_name(&name);
    let phase = annotation(&pvc, ANN_POD_PHASE).unwrap_or("").to_string();
    let server = cdi.server(&ns, &name);
    match phase.as_str() {
        "Succeeded" | "Failed" => {}
        "" => {
            let pod = json!({
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {
                    "name": pod_name,
                    "namespace": ns,
                    "labels": {"app": "containerized-data-importer", "cdi.kubevirt.io": "cdi-upload-server", "cdi.kubevirt.io/uploadTarget": pvc.pointer("/metadata/uid").cloned().unwrap_or(Value::Null)},
                    "annotations": {ANN_POD_LOG: "I0000 uploadserver.go:80] Upload destination: /data/disk.img\nI0000 uploadserver.go:82] Running server on 0.0.0.0:8443"},
                    // CDI's upload controller makes the claim the pod's controller: the pod
                    // goes with the claim.
                    "ownerReferences": [{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": name,
                                         "uid": pvc.pointer("/metadata/uid").cloned().unwrap_or(Value::Null),
                                         "controller": true, "blockOwnerDeletion": true}],
                },
                "spec": {"containers": [{"name": "cdi-upload-server", "image": "quay.io/kubevirt/cdi-uploadserver:v1.62.0"}], "restartPolicy": "OnFailure"},
                "status": {"phase": "Pending"},
            });
            let _ = s.create(pod_kind(), &ns, pod, false, false);
            set_annotation(&mut next, ANN_POD_PHASE, "Pending");
            set_annotation(&mut next, ANN_POD_READY, "false");
            let _ = s.put(pvc_kind(), next);
        }
        "Pending" => {
            set_pod_phase(s, &ns, &pod_name, "Running");
            set_annotation(&mut next, ANN_POD_PHASE, "Running");
            set_annotation(&mut next, ANN_POD_READY, "true");
            let _ = s.put(pvc_kind(), next);
        }
        _ if server.received => {
            set_pod_phase(s, &ns, &pod_name, "Succeeded");
            set_annotation(&mut next, ANN_POD_PHASE, "Succeeded");
            set_annotation(&mut next, ANN_POD_READY, "false");
            let _ = s.put(pvc_kind(), next);
            append_pod_log(
                s,
                &ns,
                &pod_name,
                "I0000 uploadserver.go:300] Wrote data to /data/disk.img",
            );
        }
        _ => {}
    }
}

fn set_pod_phase(s: &mut Inner, ns: &str, name: &str, phase: &str) {
    if let Some(mut pod) = s.try_get(pod_kind(), ns, name) {
        pod["status"]["phase"] = json!(phase);
        if phase == "Running" {
            pod["status"]["startTime"] = json!(now_rfc3339());
        }
        let _ = s.put(pod_kind(), pod);
    }
}

/// Adds a line to the simulated log of a pod.
pub fn append_pod_log(s: &mut Inner, ns: &str, pod: &str, line: &str) {
    if let Some(mut p) = s.try_get(pod_kind(), ns, pod) {
        let log = annotation(&p, ANN_POD_LOG).unwrap_or("").to_string();
        let log = if log.is_empty() {
            line.to_string()
        } else {
            format!("{log}\n{line}")
        };
        set_annotation(&mut p, ANN_POD_LOG, &log);
        let _ = s.put(pod_kind(), p);
    }
}

impl crate::Sim {
    /// The upload proxy's base URL (also in the CDIConfig's `status.uploadProxyURL`).
    pub fn upload_proxy_url(&self) -> String {
        lock(&self.state.cdi.proxy_url).clone()
    }

    /// Every upload POST the upload servers handled, in order.
    pub fn uploads(&self) -> Vec<UploadRecord> {
        lock(&self.state.cdi.uploads).clone()
    }

    /// The upload tokens handed out so far.
    pub fn upload_tokens(&self) -> Vec<String> {
        lock(&self.state.cdi.tokens).keys().cloned().collect()
    }

    /// Every request the upload proxy received, in order.
    pub fn proxy_requests(&self) -> Vec<ProxyRequest> {
        lock(&self.state.cdi.proxy_requests).clone()
    }

    /// The upload-path fault knobs.
    pub fn faults(&self) -> &Faults {
        &self.state.cdi.faults
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(quantity_bytes("1Gi"), Some(1 << 30));
        assert_eq!(quantity_bytes("1073741824"), Some(1 << 30));
        assert_eq!(quantity_bytes("1.5Mi"), Some(3 << 19));
        assert_eq!(quantity_bytes("2G"), Some(2_000_000_000));
        assert_eq!(quantity_bytes("x"), None);
    }
}
