//! What `virtctl guestfs` meets: virt-api's guestfs image discovery (from the KubeVirt CR's
//! status, as virt-api builds it), and a kubelet for the pods that run the libguestfs-tools
//! image: `Pending` with the container waiting in `ContainerCreating` while the image is pulled
//! (a number of controller steps, [`Sim::set_guestfs_pull_steps`]), then `Running`; or, with
//! [`Sim::set_guestfs_never_starts`], stuck in `ImagePullBackOff` forever. Each PVC such a pod
//! mounts is a sandbox directory on the host ([`Sim::guestfs_pvc_dir`]), where the `attach`
//! subresource (`attach.rs`) runs its shell.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use serde_json::{Value, json};

use crate::Sim;
use crate::kinds;
use crate::object::{array_at, deleting, pod_kind};
use crate::registry::Component;
use crate::server::SimState;
use crate::store::{Inner, now_rfc3339};

/// The image name virt-api's guestfs info is assembled into by the client.
pub const IMAGE_NAME: &str = "libguestfs-tools";
/// Controller steps an image pull takes unless a test says otherwise.
const DEFAULT_PULL_STEPS: u32 = 3;

/// The knobs and the sandboxes.
pub struct GuestfsState {
    pull_steps: AtomicU32,
    never_starts: AtomicBool,
    /// pod uid -> steps it has spent pulling
    pulling: Mutex<HashMap<String, u32>>,
    /// pod uid -> its container's running shell (`attach.rs`)
    pub(crate) shells: Mutex<HashMap<String, crate::attach::Shell>>,
    /// bumped to cut every open attach session without a close frame (a lost connection)
    pub(crate) cut: tokio::sync::watch::Sender<u64>,
    /// the root under which each PVC's directory lives
    root: tempfile::TempDir,
}

impl Default for GuestfsState {
    fn default() -> Self {
        GuestfsState {
            pull_steps: AtomicU32::new(DEFAULT_PULL_STEPS),
            never_starts: AtomicBool::new(false),
            pulling: Mutex::new(HashMap::new()),
            shells: Mutex::new(HashMap::new()),
            cut: tokio::sync::watch::channel(0).0,
            root: tempfile::Builder::new()
                .prefix("kubevirt-sim-pvcs")
                .tempdir()
                .expect("a temporary directory for the PVC sandboxes"),
        }
    }
}

impl GuestfsState {
    /// The directory that stands for the filesystem of PVC `namespace/pvc` (made on first use).
    pub fn pvc_dir(&self, namespace: &str, pvc: &str) -> PathBuf {
        let dir = self.root.path().join(namespace).join(pvc);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }
}

impl Sim {
    /// How many controller steps the libguestfs-tools image pull takes (0: starts at once).
    pub fn set_guestfs_pull_steps(&self, steps: u32) {
        self.state.guestfs.pull_steps.store(steps, Ordering::SeqCst);
    }

    /// Pods of the libguestfs-tools image started from now on never start: the pull backs off.
    pub fn set_guestfs_never_starts(&self, never: bool) {
        self.state.guestfs.never_starts.store(never, Ordering::SeqCst);
    }

    /// Drops the TCP connection of every open `attach` session, as a network failure would.
    pub fn cut_attach_sessions(&self) {
        self.state.guestfs.cut.send_modify(|n| *n += 1);
    }

    /// The host directory that stands for PVC `namespace/pvc`'s filesystem (`/disk` in the pod).
    pub fn guestfs_pvc_dir(&self, namespace: &str, pvc: &str) -> PathBuf {
        self.state.guestfs.pvc_dir(namespace, pvc)
    }
}

/// virt-api's `GET /apis/subresources.kubevirt.io/v1/guestfs`: the registry and version the
/// KubeVirt CR observed, the image prefix and custom image of its observed deployment config.
/// `digest` is never filled by current virt-api.
pub fn image_info(store: &Inner) -> Value {
    let kubevirts = kinds::lookup("kubevirt.io", "v1", "kubevirts").expect("kubevirts");
    let kv = store
        .list_all(kubevirts, None)
        .into_iter()
        .next()
        .unwrap_or(Value::Null);
    let status = |key: &str| {
        kv.pointer(&format!("/status/{key}"))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    let config: Value = serde_json::from_str(status("observedDeploymentConfig")).unwrap_or(Value::Null);
    let config = |key: &str| config.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    let image_prefix = config("imagePrefix");
    let gs_image = config("gsImage");
    json!({
        "registry": status("observedKubeVirtRegistry"),
        "tag": status("observedKubeVirtVersion"),
        "digest": "",
        "imagePrefix": image_prefix,
        "gsImage": gs_image,
    })
}

/// Whether the simulated node can run `pod`: it knows the libguestfs-tools image only.
pub fn runs_guestfs(pod: &Value) -> bool {
    array_at(pod, "/spec/containers")
        .iter()
        .any(|c| c["image"].as_str().is_some_and(|i| i.contains(IMAGE_NAME)))
}

/// The PVC a pod mounts as its `volume` (the guestfs pod's only claim).
pub fn claim_of(pod: &Value) -> Option<String> {
    array_at(pod, "/spec/volumes")
        .iter()
        .find_map(|v| v.pointer("/persistentVolumeClaim/claimName").and_then(Value::as_str))
        .map(str::to_string)
}

/// The kubelet of the libguestfs-tools pods.
pub struct Kubelet;

impl Component for Kubelet {
    fn tick(&mut self, store: &mut Inner, state: &SimState) {
        let gs = &state.guestfs;
        let mut pulling = gs.pulling.lock().unwrap_or_else(|e| e.into_inner());
        let pods = store.list_all(pod_kind(), None);
        let alive: Vec<String> = pods.iter().map(crate::virtapi::uid).collect();
        pulling.retain(|uid, _| alive.contains(uid));
        // A deleted pod's process is killed with it.
        gs.shells
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|uid, _| alive.contains(uid));
        for pod in pods {
            if !runs_guestfs(&pod) || deleting(&pod) || pod.pointer("/status/phase") != Some(&json!("Pending")) {
                continue;
            }
            let uid = crate::virtapi::uid(&pod);
            let steps = pulling.entry(uid).or_insert(0);
            *steps += 1;
            let image = pod
                .pointer("/spec/containers/0/image")
                .and_then(Value::as_str)
                .unwrap_or("");
            let waiting = if gs.never_starts.load(Ordering::SeqCst) || pod_never_pulls(&pod) {
                Some(("ImagePullBackOff", format!("Back-off pulling image \"{image}\"")))
            } else if *steps <= gs.pull_steps.load(Ordering::SeqCst) {
                Some(("ContainerCreating", String::new()))
            } else {
                None
            };
            let _ = store.put(pod_kind(), with_status(pod.clone(), waiting));
        }
    }
}

/// `imagePullPolicy: Never` on a node that has not pulled the image before.
fn pod_never_pulls(pod: &Value) -> bool {
    pod.pointer("/spec/containers/0/imagePullPolicy") == Some(&json!("Never"))
}

/// The pod's status after a kubelet step: still pending with the container waiting, or running.
fn with_status(mut pod: Value, waiting: Option<(&str, String)>) -> Value {
    let now = now_rfc3339();
    let containers: Vec<Value> = array_at(&pod, "/spec/containers")
        .iter()
        .map(|c| {
            let state = match &waiting {
                Some((reason, message)) if message.is_empty() => json!({"waiting": {"reason": reason}}),
                Some((reason, message)) => json!({"waiting": {"reason": reason, "message": message}}),
                None => json!({"running": {"startedAt": now}}),
            };
            json!({"name": c["name"], "image": c["image"], "imageID": "", "ready": waiting.is_none(),
                   "restartCount": 0, "started": waiting.is_none(), "state": state})
        })
        .collect();
    let status = &mut pod["status"];
    status["containerStatuses"] = json!(containers);
    if status.get("startTime").is_none() {
        status["startTime"] = json!(now);
    }
    status["hostIP"] = json!("10.0.0.10");
    status["hostIPs"] = json!([{"ip": "10.0.0.10"}]);
    if waiting.is_none() {
        status["phase"] = json!("Running");
        status["podIP"] = json!("10.244.0.99");
        status["podIPs"] = json!([{"ip": "10.244.0.99"}]);
    }
    if pod.pointer("/spec/nodeName").is_none() {
        pod["spec"]["nodeName"] = json!("node01");
    }
    pod
}

/// The container's main process (the shell) ended: the pod completes, as `restartPolicy: Never`
/// has it.
pub fn completed(store: &mut Inner, namespace: &str, pod: &str, uid: &str, exit_code: i32) {
    let Some(mut obj) = store.try_get(pod_kind(), namespace, pod) else {
        return;
    };
    if crate::virtapi::uid(&obj) != uid {
        return;
    }
    let now = now_rfc3339();
    let reason = if exit_code == 0 { "Completed" } else { "Error" };
    if let Some(statuses) = obj
        .pointer_mut("/status/containerStatuses")
        .and_then(Value::as_array_mut)
    {
        for s in statuses {
            s["ready"] = json!(false);
            s["started"] = json!(false);
            s["state"] = json!({"terminated": {"exitCode": exit_code, "reason": reason, "finishedAt": now}});
        }
    }
    obj["status"]["phase"] = json!(if exit_code == 0 { "Succeeded" } else { "Failed" });
    let _ = store.put(pod_kind(), obj);
}
