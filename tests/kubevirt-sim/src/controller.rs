//! Controllers acting like virt-controller and virt-handler: VMs get VMIs, VMIs walk their phases,
//! state change requests are honoured, migrations move VMIs between nodes. One step per tick.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::guest;
use crate::object::{
    annotation, array_at, deleting, dv_kind, name_of, node_kind, ns_of, pod_kind, vm_kind, vmi_kind, vmim_kind,
};
use crate::registry::Component;
use crate::server::SimState;
use crate::store::{Inner, now_rfc3339, random_suffix};
use crate::virtapi::{self, GUEST_AGENT_ANNOTATION, has_condition, is_final, phase, run_strategy, uid};

pub const VM_FINALIZER: &str = "kubevirt.io/virtualMachineControllerFinalize";
pub const LAUNCHER_IMAGE: &str = "quay.io/kubevirt/virt-launcher:v1.8.0";

#[derive(Default)]
pub struct Controller {
    /// remaining grace ticks of VMIs being shut down, by VMI uid
    grace: HashMap<String, i64>,
    /// RerunOnFailure VMs stopped by a user request (not restarted automatically), by VM uid
    stopped_by_user: HashSet<String>,
    /// Once VMs that already ran, by VM uid
    once_started: HashSet<String>,
}

fn small_hash(s: &str) -> u32 {
    s.bytes()
        .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619))
}

fn status_mut(o: &mut Value) -> &mut Map<String, Value> {
    if !o.get("status").is_some_and(|s| s.is_object()) {
        o["status"] = json!({});
    }
    o["status"].as_object_mut().expect("status")
}

fn set_condition(o: &mut Value, ty: &str, status: &str, reason: &str, message: &str) {
    let st = status_mut(o);
    let conds = st.entry("conditions").or_insert_with(|| json!([]));
    let Some(arr) = conds.as_array_mut() else { return };
    if let Some(c) = arr.iter_mut().find(|c| c["type"] == ty) {
        if c["status"] != status {
            c["lastTransitionTime"] = json!(now_rfc3339());
        }
        c["status"] = json!(status);
        set_or_remove(c, "reason", reason);
        set_or_remove(c, "message", message);
        return;
    }
    let mut c = json!({"type": ty, "status": status, "lastProbeTime": null, "lastTransitionTime": now_rfc3339()});
    set_or_remove(&mut c, "reason", reason);
    set_or_remove(&mut c, "message", message);
    arr.push(c);
}

fn set_or_remove(c: &mut Value, key: &str, val: &str) {
    if let Some(m) = c.as_object_mut() {
        if val.is_empty() {
            m.remove(key);
        } else {
            m.insert(key.into(), json!(val));
        }
    }
}

fn remove_condition(o: &mut Value, ty: &str) {
    if let Some(arr) = o.pointer_mut("/status/conditions").and_then(|c| c.as_array_mut()) {
        arr.retain(|c| c["type"] != ty);
    }
}

fn set_phase(o: &mut Value, ph: &str) {
    let st = status_mut(o);
    st.insert("phase".into(), json!(ph));
    let ts = st.entry("phaseTransitionTimestamps").or_insert_with(|| json!([]));
    if let Some(a) = ts.as_array_mut() {
        a.push(json!({"phase": ph, "phaseTransitionTimestamp": now_rfc3339()}));
    }
}

fn has_guest_agent(vmi: &Value) -> bool {
    annotation(vmi, GUEST_AGENT_ANNOTATION) == Some("true")
        || vmi
            .pointer("/metadata/annotations")
            .and_then(|a| a.get(guest::GUEST_AGENT_INFO_ANNOTATION))
            .is_some()
}

/// Set or clear the VMI `Paused` condition (what virt-handler does after pause/unpause).
pub fn set_paused(s: &mut Inner, mut vmi: Value, paused: bool) {
    if paused {
        set_condition(&mut vmi, "Paused", "True", "PausedByUser", "VMI was paused by user");
    } else {
        remove_condition(&mut vmi, "Paused");
    }
    let _ = s.put(vmi_kind(), vmi);
}

/// The virt-launcher pod of a VMI, by the VMI uid.
pub fn launcher_pod_name(s: &Inner, ns: &str, vmi_uid: &str) -> Option<String> {
    s.list_all(pod_kind(), Some(ns))
        .into_iter()
        .find(|p| {
            p.pointer("/metadata/labels/kubevirt.io~1created-by")
                .and_then(|v| v.as_str())
                == Some(vmi_uid)
        })
        .map(|p| name_of(&p))
}

fn pick_node(s: &Inner, exclude: Option<&str>, selector: Option<&Value>) -> Option<String> {
    s.list_all(node_kind(), None)
        .into_iter()
        .filter(|n| Some(name_of(n).as_str()) != exclude)
        .filter(|n| {
            selector.and_then(|s| s.as_object()).is_none_or(|sel| {
                sel.iter()
                    .all(|(k, v)| n.pointer("/metadata/labels").and_then(|l| l.get(k)) == Some(v))
            })
        })
        .filter(|n| {
            n.pointer("/metadata/labels/kubevirt.io~1schedulable")
                .is_none_or(|v| v == "true")
        })
        .filter(accepts_launcher_pods)
        .map(|n| name_of(&n))
        .next()
}

/// What the scheduler checks before placing a virt-launcher pod (which tolerates no taint): the
/// node is not cordoned and has no NoSchedule/NoExecute taint (a control-plane node has one).
fn accepts_launcher_pods(node: &Value) -> bool {
    let cordoned = node.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true);
    let tainted = node
        .pointer("/spec/taints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|t| matches!(t["effect"].as_str(), Some("NoSchedule" | "NoExecute")));
    !cordoned && !tainted
}

/// Build the VMI a VM's template describes.
pub fn vmi_from_vm(vm: &Value, paused: bool) -> Value {
    let tmpl = vm.pointer("/spec/template").cloned().unwrap_or(json!({}));
    let name = name_of(vm);
    let mut labels = tmpl.pointer("/metadata/labels").cloned().unwrap_or(json!({}));
    if !labels.is_object() {
        labels = json!({});
    }
    let mut annotations = tmpl.pointer("/metadata/annotations").cloned().unwrap_or(json!({}));
    if !annotations.is_object() {
        annotations = json!({});
    }
    annotations["kubevirt.io/latest-observed-api-version"] = json!("v1");
    annotations["kubevirt.io/storage-observed-api-version"] = json!("v1");
    let mut spec = tmpl.get("spec").cloned().unwrap_or(json!({}));
    if !spec.is_object() {
        spec = json!({});
    }
    if paused {
        spec["startStrategy"] = json!("Paused");
    }
    if spec.pointer("/domain/firmware/uuid").is_none() && spec.get("domain").is_some_and(|d| d.is_object()) {
        if !spec["domain"].get("firmware").is_some_and(|f| f.is_object()) {
            spec["domain"]["firmware"] = json!({});
        }
        spec["domain"]["firmware"]["uuid"] = json!(uuid::Uuid::new_v4().to_string());
    }
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachineInstance",
        "metadata": {
            "name": name,
            "namespace": ns_of(vm),
            "labels": labels,
            "annotations": annotations,
            "ownerReferences": [{
                "apiVersion": "kubevirt.io/v1",
                "kind": "VirtualMachine",
                "name": name,
                "uid": uid(vm),
                "controller": true,
                "blockOwnerDeletion": true
            }],
            "finalizers": [VM_FINALIZER, "foregroundDeleteVirtualMachine"]
        },
        "spec": spec,
        "status": {
            "phase": "Pending",
            "phaseTransitionTimestamps": [{"phase": "Pending", "phaseTransitionTimestamp": now_rfc3339()}],
            "guestOSInfo": {},
            "qosClass": "Burstable"
        }
    })
}

/// The VMI's launcher pod could not be scheduled (KubeVirt's `ErrorUnschedulable`).
fn unschedulable(vmi: &Value) -> bool {
    vmi.pointer("/status/conditions")
        .and_then(|c| c.as_array())
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "PodScheduled" && c["status"] == "False" && c["reason"] == "Unschedulable")
        })
}

/// Every DataVolume the VM's template names, that exists, has finished (phase Succeeded).
fn data_volumes_ready(s: &Inner, vm: &Value) -> bool {
    let ns = ns_of(vm);
    vm.pointer("/spec/template/spec/volumes")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|vol| vol.pointer("/dataVolume/name").and_then(|n| n.as_str()))
        .all(|dv| {
            s.try_get(dv_kind(), &ns, dv)
                .is_none_or(|d| d.pointer("/status/phase").is_none_or(|p| p == "Succeeded"))
        })
}

/// A deleted VM: its VMI is deleted first, then the finalizer is removed.
fn finish_vm_deletion(s: &mut Inner, mut v: Value, vmi: Option<&Value>) {
    match vmi {
        Some(i) if !deleting(i) => delete_vmi(s, &v),
        Some(_) => {}
        None => {
            if let Some(f) = v.pointer_mut("/metadata/finalizers").and_then(|f| f.as_array_mut()) {
                f.retain(|x| x != VM_FINALIZER);
            }
        }
    }
    status_mut(&mut v).insert("printableStatus".into(), json!("Terminating"));
    let _ = s.put(vm_kind(), v);
}

fn add_vm_finalizer(v: &mut Value) {
    let meta = v["metadata"].as_object_mut().expect("metadata");
    let fins = meta.entry("finalizers").or_insert_with(|| json!([]));
    if let Some(a) = fins.as_array_mut()
        && !a.iter().any(|x| x == VM_FINALIZER)
    {
        a.push(json!(VM_FINALIZER));
    }
}

fn state_change_requests(vm: &Value) -> Vec<Value> {
    array_at(vm, "/status/stateChangeRequests").to_vec()
}

/// Deletes the VMI of VM `v` (same namespace and name).
fn delete_vmi(s: &mut Inner, v: &Value) {
    let _ = s.delete(vmi_kind(), &ns_of(v), &name_of(v), false, None, None);
}

/// `status.printableStatus`, as virt-controller derives it from the VMI and the run strategy.
fn printable_status(vmi: Option<&Value>, rs: &str, wants_running: bool, provisioning: bool) -> &'static str {
    let Some(i) = vmi else {
        if provisioning {
            return "Provisioning";
        }
        return if wants_running { "Starting" } else { "Stopped" };
    };
    if deleting(i) {
        return "Stopping";
    }
    match phase(i) {
        "" | "Pending" | "Scheduling" if unschedulable(i) => "ErrorUnschedulable",
        "" | "Pending" | "Scheduling" | "Scheduled" => "Starting",
        "Running" if has_condition(i, "Paused", Some("True")) => "Paused",
        "Running"
            if i.pointer("/status/migrationState")
                .is_some_and(|m| m["completed"] != true) =>
        {
            "Migrating"
        }
        "Running" if rs == "Halted" => "Stopping",
        "Running" => "Running",
        "Failed" if rs == "RerunOnFailure" || rs == "Always" => "CrashLoopBackOff",
        _ => "Stopped",
    }
}

/// The VM's status fields and its Ready and Paused conditions, from its VMI.
fn write_vm_status(v: &mut Value, vmi: Option<&Value>, rs: &str, requests: &[Value], printable: &str) {
    let running_ready =
        vmi.is_some_and(|i| phase(i) == "Running" && has_condition(i, "Ready", Some("True")) && !deleting(i));
    let generation = v.pointer("/metadata/generation").cloned().unwrap_or(json!(1));
    let snapshot_statuses = volume_snapshot_statuses(v);
    let st = status_mut(v);
    st.insert("printableStatus".into(), json!(printable));
    st.insert("runStrategy".into(), json!(rs));
    set_or_remove_flag(st, "created", vmi.is_some());
    set_or_remove_flag(st, "ready", running_ready);
    if requests.is_empty() {
        st.remove("stateChangeRequests");
    } else {
        st.insert("stateChangeRequests".into(), json!(requests));
    }
    st.insert("desiredGeneration".into(), generation.clone());
    st.insert("observedGeneration".into(), generation);
    st.entry("volumeSnapshotStatuses").or_insert(snapshot_statuses);
    match vmi {
        Some(_) if running_ready => set_condition(v, "Ready", "True", "", ""),
        Some(_) => set_condition(v, "Ready", "False", "PodNotReady", ""),
        None => set_condition(v, "Ready", "False", "VMINotExists", "VMI does not exist"),
    }
    if vmi.is_some_and(|i| has_condition(i, "Paused", Some("True"))) {
        set_condition(v, "Paused", "True", "PausedByUser", "VMI was paused by user");
    } else {
        remove_condition(v, "Paused");
    }
}

/// `true` when set, absent otherwise (Go's `omitempty` on a bool).
fn set_or_remove_flag(st: &mut Map<String, Value>, key: &str, set: bool) {
    if set {
        st.insert(key.into(), json!(true));
    } else {
        st.remove(key);
    }
}

/// What virt-controller reports for the template's volumes: none of the simulated volume
/// sources supports snapshots.
fn volume_snapshot_statuses(vm: &Value) -> Value {
    let statuses = array_at(vm, "/spec/template/spec/volumes").iter().map(|vol| {
        let reason = format!(
            "Snapshot is not supported for this volumeSource type [{}]",
            vol["name"].as_str().unwrap_or("")
        );
        json!({"name": vol["name"], "enabled": false, "reason": reason})
    });
    json!(statuses.collect::<Vec<_>>())
}

fn owned_by(vmi: &Value, vm_uid: &str) -> bool {
    vmi.pointer("/metadata/ownerReferences")
        .and_then(|o| o.as_array())
        .is_some_and(|refs| refs.iter().any(|r| r["uid"] == vm_uid))
}

impl Component for Controller {
    fn tick(&mut self, store: &mut Inner, _state: &SimState) {
        Controller::tick(self, store);
    }
}

impl Controller {
    pub fn new() -> Self {
        Controller::default()
    }

    /// One reconcile round over everything.
    pub fn tick(&mut self, s: &mut Inner) {
        for vmi in s.list_all(vmi_kind(), None) {
            self.step_vmi(s, vmi);
        }
        for m in s.list_all(vmim_kind(), None) {
            self.step_migration(s, m);
        }
        for vm in s.list_all(vm_kind(), None) {
            self.step_vm(s, vm);
        }
    }

    fn step_vmi(&mut self, s: &mut Inner, vmi: Value) {
        let mut v = vmi.clone();
        let ns = ns_of(&v);
        let vuid = uid(&v);
        if deleting(&v) {
            if !is_final(&v) {
                let left = self.grace.entry(vuid.clone()).or_insert_with(|| {
                    vmi.pointer("/spec/terminationGracePeriodSeconds")
                        .and_then(|g| g.as_i64())
                        .unwrap_or(30)
                        .max(0)
                });
                if *left <= 0 {
                    set_phase(&mut v, "Succeeded");
                    set_condition(&mut v, "Ready", "False", "PodTerminating", "");
                    remove_condition(&mut v, "Paused");
                    remove_condition(&mut v, "AgentConnected");
                    if let Some(m) = status_mut(&mut v).get_mut("migrationState")
                        && m["completed"] != true
                    {
                        m["completed"] = json!(true);
                        m["failed"] = json!(true);
                    }
                } else {
                    *left -= 1;
                }
            } else {
                self.grace.remove(&vuid);
                if let Some(p) = launcher_pod_name(s, &ns, &vuid) {
                    s.purge(pod_kind(), &ns, &p);
                }
                v["metadata"]["finalizers"] = json!([]);
            }
            let _ = s.put(vmi_kind(), v);
            return;
        }
        match phase(&vmi) {
            "" => set_phase(&mut v, "Pending"),
            "Pending" => {
                set_phase(&mut v, "Scheduling");
                self.create_pod(s, &v);
            }
            "Scheduling" => {
                let sel = v.pointer("/spec/nodeSelector").cloned();
                let Some(node) = pick_node(s, None, sel.as_ref()) else {
                    // The launcher pod cannot be placed: the scheduler says so on the VMI.
                    set_condition(
                        &mut v,
                        "PodScheduled",
                        "False",
                        "Unschedulable",
                        "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
                    );
                    let _ = s.put(vmi_kind(), v);
                    return;
                };
                set_phase(&mut v, "Scheduled");
                status_mut(&mut v).insert("nodeName".into(), json!(node));
                v["metadata"]["labels"]["kubevirt.io/nodeName"] = json!(node);
                if let Some(pname) = launcher_pod_name(s, &ns, &vuid)
                    && let Some(mut pod) = s.try_get(pod_kind(), &ns, &pname)
                {
                    pod["spec"]["nodeName"] = json!(node);
                    let host_ip = if node == "node01" {
                        "192.168.66.101"
                    } else {
                        "192.168.66.102"
                    };
                    pod["status"] = json!({
                        "phase": "Running",
                        "podIP": ip_for(&v),
                        "podIPs": [{"ip": ip_for(&v)}],
                        "hostIP": host_ip,
                        "hostIPs": [{"ip": host_ip}],
                        "startTime": now_rfc3339(),
                        "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": now_rfc3339()}],
                        "containerStatuses": [{"name": "compute", "ready": true, "restartCount": 0, "image": LAUNCHER_IMAGE, "imageID": LAUNCHER_IMAGE, "started": true, "state": {"running": {"startedAt": now_rfc3339()}}}]
                    });
                    let puid = uid(&pod);
                    status_mut(&mut v).insert("activePods".into(), json!({puid: node}));
                    let _ = s.put(pod_kind(), pod);
                }
            }
            "Scheduled" => {
                set_phase(&mut v, "Running");
                let ip = ip_for(&v);
                let h = small_hash(&format!("{ns}/{}", name_of(&v)));
                let mac = format!(
                    "52:54:00:{:02x}:{:02x}:{:02x}",
                    (h >> 16) & 0xff,
                    (h >> 8) & 0xff,
                    h & 0xff
                );
                let agent = has_guest_agent(&v);
                let memory = v
                    .pointer("/spec/domain/memory/guest")
                    .or(v.pointer("/spec/domain/resources/requests/memory"))
                    .cloned()
                    .unwrap_or(json!("128Mi"));
                {
                    let st = status_mut(&mut v);
                    st.insert(
                        "interfaces".into(),
                        json!([{
                            "infoSource": if agent { "domain, guest-agent" } else { "domain" },
                            "interfaceName": "eth0",
                            "ipAddress": ip,
                            "ipAddresses": [ip],
                            "mac": mac,
                            "name": "default",
                            "queueCount": 1,
                            "linkState": "up"
                        }]),
                    );
                    st.insert("launcherContainerImageVersion".into(), json!(LAUNCHER_IMAGE));
                    st.insert("migrationMethod".into(), json!("LiveMigration"));
                    st.insert("migrationTransport".into(), json!("Unix"));
                    st.insert("machine".into(), json!({"type": "pc-q35-rhel9.4.0"}));
                    st.insert(
                        "currentCPUTopology".into(),
                        json!({"cores": 1, "sockets": 1, "threads": 1}),
                    );
                    st.insert(
                        "memory".into(),
                        json!({"guestAtBoot": memory, "guestCurrent": memory, "guestRequested": memory}),
                    );
                    st.insert("volumeStatus".into(), volume_status(&vmi));
                }
                set_condition(&mut v, "Ready", "True", "", "");
                set_condition(&mut v, "LiveMigratable", "True", "", "");
                if agent {
                    set_condition(&mut v, "AgentConnected", "True", "", "");
                    let os = guest::os_info_summary(&v);
                    status_mut(&mut v).insert("guestOSInfo".into(), os);
                }
                if v.pointer("/spec/startStrategy") == Some(&json!("Paused")) {
                    set_condition(&mut v, "Paused", "True", "PausedByUser", "VMI was paused by user");
                }
            }
            _ => return,
        }
        let _ = s.put(vmi_kind(), v);
    }

    fn create_pod(&mut self, s: &mut Inner, vmi: &Value) {
        let ns = ns_of(vmi);
        let name = name_of(vmi);
        let pod = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": format!("virt-launcher-{name}-{}", random_suffix(5)),
                "namespace": ns,
                "labels": {
                    "kubevirt.io": "virt-launcher",
                    "kubevirt.io/created-by": uid(vmi),
                    "vm.kubevirt.io/name": name,
                    "kubevirt.io/domain": name
                },
                "ownerReferences": [{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstance", "name": name, "uid": uid(vmi), "controller": true, "blockOwnerDeletion": true}]
            },
            "spec": {"containers": [{"name": "compute", "image": LAUNCHER_IMAGE}]},
            "status": {"phase": "Pending"}
        });
        let _ = s.create(pod_kind(), &ns, pod, false, false);
    }

    fn step_migration(&mut self, s: &mut Inner, m: Value) {
        let mut m2 = m.clone();
        let ns = ns_of(&m);
        let vmi_name = m
            .pointer("/spec/vmiName")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let ph = phase(&m).to_string();
        let vmi = s.try_get(vmi_kind(), &ns, &vmi_name);
        let started = matches!(ph.as_str(), "Scheduled" | "PreparingTarget" | "TargetReady" | "Running");
        if deleting(&m) {
            if !matches!(ph.as_str(), "Succeeded" | "Failed") {
                if started && let Some(mut v) = vmi {
                    if let Some(ms) = status_mut(&mut v).get_mut("migrationState")
                        && ms["migrationUid"] == uid(&m).as_str()
                    {
                        ms["abortRequested"] = json!(true);
                        ms["abortStatus"] = json!("Succeeded");
                        ms["completed"] = json!(true);
                        ms["failed"] = json!(true);
                        ms["endTimestamp"] = json!(now_rfc3339());
                    }
                    let _ = s.put(vmi_kind(), v);
                }
                set_phase(&mut m2, "Failed");
            }
            m2["metadata"]["finalizers"] = json!([]);
            let _ = s.put(vmim_kind(), m2);
            return;
        }
        if matches!(ph.as_str(), "Succeeded" | "Failed") {
            return;
        }
        let Some(mut v) = vmi else {
            set_phase(&mut m2, "Failed");
            let _ = s.put(vmim_kind(), m2);
            return;
        };
        if phase(&v) != "Running" && !started {
            if ph.is_empty() {
                set_phase(&mut m2, "Pending");
                let _ = s.put(vmim_kind(), m2);
            }
            return;
        }
        let source = v
            .pointer("/status/nodeName")
            .and_then(|n| n.as_str())
            .unwrap_or("")
            .to_string();
        let mig_uid = uid(&m);
        match ph.as_str() {
            "" => set_phase(&mut m2, "Pending"),
            "Pending" => set_phase(&mut m2, "Scheduling"),
            "Scheduling" => {
                let Some(target) = pick_node(s, Some(&source), m.pointer("/spec/addedNodeSelector")) else {
                    return;
                };
                let target_pod = format!("virt-launcher-{vmi_name}-{}", random_suffix(5));
                let state = json!({
                    "migrationUid": mig_uid,
                    "sourceNode": source,
                    "targetNode": target,
                    "targetPod": target_pod,
                    "sourcePod": launcher_pod_name(s, &ns, &uid(&v)).unwrap_or_default(),
                    "mode": "PreCopy",
                    "migrationConfiguration": {"allowAutoConverge": false, "allowPostCopy": false, "bandwidthPerMigration": "0", "completionTimeoutPerGiB": 150, "parallelMigrationsPerCluster": 5, "parallelOutboundMigrationsPerNode": 2, "progressTimeout": 150}
                });
                status_mut(&mut v).insert("migrationState".into(), state.clone());
                let _ = s.put(vmi_kind(), v);
                set_phase(&mut m2, "Scheduled");
                status_mut(&mut m2).insert("migrationState".into(), state);
            }
            "Scheduled" => set_phase(&mut m2, "PreparingTarget"),
            "PreparingTarget" => {
                let target = v
                    .pointer("/status/migrationState/targetNode")
                    .cloned()
                    .unwrap_or(json!(""));
                if let Some(ms) = status_mut(&mut v).get_mut("migrationState") {
                    ms["targetNodeAddress"] = json!(if target == "node01" {
                        "192.168.66.101"
                    } else {
                        "192.168.66.102"
                    });
                    ms["targetNodeDomainDetected"] = json!(true);
                }
                let _ = s.put(vmi_kind(), v);
                set_phase(&mut m2, "TargetReady");
            }
            "TargetReady" => {
                if let Some(ms) = status_mut(&mut v).get_mut("migrationState") {
                    ms["startTimestamp"] = json!(now_rfc3339());
                }
                let _ = s.put(vmi_kind(), v.clone());
                set_phase(&mut m2, "Running");
                if let Some(ms) = v.pointer("/status/migrationState") {
                    status_mut(&mut m2).insert("migrationState".into(), ms.clone());
                }
            }
            "Running" => {
                let target = v
                    .pointer("/status/migrationState/targetNode")
                    .and_then(|t| t.as_str())
                    .unwrap_or("")
                    .to_string();
                let now = now_rfc3339();
                if let Some(ms) = status_mut(&mut v).get_mut("migrationState") {
                    ms["completed"] = json!(true);
                    ms["endTimestamp"] = json!(now);
                    ms["targetNodeDomainReadyTimestamp"] = json!(now);
                }
                status_mut(&mut v).insert("nodeName".into(), json!(target));
                v["metadata"]["labels"]["kubevirt.io/nodeName"] = json!(target);
                let vuid = uid(&v);
                if let Some(pname) = launcher_pod_name(s, &ns, &vuid)
                    && let Some(mut pod) = s.try_get(pod_kind(), &ns, &pname)
                {
                    pod["spec"]["nodeName"] = json!(target);
                    let puid = uid(&pod);
                    status_mut(&mut v).insert("activePods".into(), json!({puid: target}));
                    let _ = s.put(pod_kind(), pod);
                }
                if let Some(ms) = v.pointer("/status/migrationState") {
                    status_mut(&mut m2).insert("migrationState".into(), ms.clone());
                }
                let _ = s.put(vmi_kind(), v);
                set_phase(&mut m2, "Succeeded");
            }
            _ => return,
        }
        let _ = s.put(vmim_kind(), m2);
    }

    fn create_vmi(&mut self, s: &mut Inner, vm: &Value, paused: bool) {
        let vmi = vmi_from_vm(vm, paused);
        let _ = s.create(vmi_kind(), &ns_of(vm), vmi, false, false);
    }

    /// virt-controller's VM loop: finalizer, the first state change request or else the run
    /// strategy decides whether a VMI is created or deleted, then the status mirrors the VMI.
    fn step_vm(&mut self, s: &mut Inner, vm: Value) {
        let mut v = vm.clone();
        let (ns, name, vm_uid) = (ns_of(&vm), name_of(&vm), uid(&vm));
        let find_vmi = |s: &Inner| s.try_get(vmi_kind(), &ns, &name).filter(|i| owned_by(i, &vm_uid));
        let vmi = find_vmi(s);
        if deleting(&vm) {
            finish_vm_deletion(s, v, vmi.as_ref());
            return;
        }
        add_vm_finalizer(&mut v);
        let Ok(rs) = run_strategy(&vm) else {
            let _ = s.put(vm_kind(), v);
            return;
        };
        let mut requests = state_change_requests(&vm);
        match requests.first() {
            Some(first) => {
                if self.serve_state_change(s, &mut v, vmi.as_ref(), &rs, first) {
                    requests.remove(0);
                }
            }
            None => self.follow_run_strategy(s, &v, vmi.as_ref(), &rs),
        }
        if matches!(rs.as_str(), "Always" | "RerunOnFailure" | "Once") && vmi.is_some() {
            self.once_started.insert(vm_uid.clone());
        }

        let vmi = find_vmi(s);
        let wants_running =
            self.run_strategy_wants_running(&rs, &vm_uid) || requests.first().is_some_and(|r| r["action"] == "Start");
        let provisioning = vmi.is_none() && wants_running && !data_volumes_ready(s, &v);
        let printable = printable_status(vmi.as_ref(), &rs, wants_running, provisioning);
        write_vm_status(&mut v, vmi.as_ref(), &rs, &requests, printable);
        let _ = s.put(vm_kind(), v);
    }

    /// Acts on the first of `status.stateChangeRequests`; true once it is done with (dropped).
    fn serve_state_change(
        &mut self,
        s: &mut Inner,
        v: &mut Value,
        vmi: Option<&Value>,
        rs: &str,
        request: &Value,
    ) -> bool {
        match request["action"].as_str().unwrap_or("") {
            "Stop" => self.serve_stop(s, v, vmi, rs, request["uid"].as_str()),
            "Start" => self.serve_start(s, v, vmi, rs, request),
            _ => true,
        }
    }

    /// Stop: the VMI (the one named by `target_uid`, if any) is deleted; the request is kept
    /// until it is gone.
    fn serve_stop(
        &mut self,
        s: &mut Inner,
        v: &Value,
        vmi: Option<&Value>,
        rs: &str,
        target_uid: Option<&str>,
    ) -> bool {
        let Some(i) = vmi.filter(|i| target_uid.is_none_or(|t| t == uid(i))) else {
            return true;
        };
        if !deleting(i) {
            delete_vmi(s, v);
        }
        if rs == "RerunOnFailure" {
            self.stopped_by_user.insert(uid(v));
        }
        false
    }

    /// Start: a Halted VM is switched to running first; otherwise a VMI is created once the old
    /// one is gone. The request is dropped when a VMI was created or already runs.
    fn serve_start(&mut self, s: &mut Inner, v: &mut Value, vmi: Option<&Value>, rs: &str, request: &Value) -> bool {
        match vmi {
            None if rs == "Halted" => {
                if v.pointer("/spec/runStrategy").is_some_and(|r| !r.is_null()) {
                    v["spec"]["runStrategy"] = json!("Always");
                } else {
                    v["spec"]["running"] = json!(true);
                }
                false
            }
            None => {
                let paused = request.pointer("/data/paused") == Some(&json!("true"));
                self.create_vmi(s, v, paused);
                let vm_uid = uid(v);
                self.stopped_by_user.remove(&vm_uid);
                self.once_started.insert(vm_uid);
                true
            }
            Some(i) if is_final(i) && !deleting(i) => {
                delete_vmi(s, v);
                false
            }
            Some(i) if deleting(i) => false,
            Some(_) => true,
        }
    }

    /// Without a pending request, the run strategy says whether a VMI should exist.
    fn follow_run_strategy(&mut self, s: &mut Inner, v: &Value, vmi: Option<&Value>, rs: &str) {
        let vm_uid = uid(v);
        match (rs, vmi) {
            // Like virt-controller, a VM waits for its DataVolumes before it gets a VMI.
            ("Always", None) if data_volumes_ready(s, v) => self.create_vmi(s, v, false),
            ("Always", Some(i)) if is_final(i) && !deleting(i) => delete_vmi(s, v),
            ("RerunOnFailure", None) if !self.stopped_by_user.contains(&vm_uid) => self.create_vmi(s, v, false),
            ("RerunOnFailure", Some(i)) if phase(i) == "Failed" && !deleting(i) => delete_vmi(s, v),
            ("Once", None) if !self.once_started.contains(&vm_uid) => {
                self.once_started.insert(vm_uid);
                self.create_vmi(s, v, false)
            }
            ("Halted", Some(i)) if !deleting(i) => delete_vmi(s, v),
            _ => {}
        }
    }

    fn run_strategy_wants_running(&self, rs: &str, vm_uid: &str) -> bool {
        match rs {
            "Always" => true,
            "RerunOnFailure" => !self.stopped_by_user.contains(vm_uid),
            "Once" => !self.once_started.contains(vm_uid),
            _ => false,
        }
    }
}

fn ip_for(vmi: &Value) -> String {
    let h = small_hash(&format!("{}/{}", ns_of(vmi), name_of(vmi)));
    format!("10.244.{}.{}", (h >> 8) % 4, 2 + (h % 250))
}

fn volume_status(vmi: &Value) -> Value {
    let disks = array_at(vmi, "/spec/domain/devices/disks");
    let vols = array_at(vmi, "/spec/volumes");
    let mut out = Vec::new();
    for (i, vol) in vols.iter().enumerate() {
        let name = vol["name"].clone();
        let bus = disks
            .iter()
            .find(|d| d["name"] == name)
            .and_then(|d| d.pointer("/disk/bus"))
            .and_then(|b| b.as_str())
            .unwrap_or("virtio");
        let target = if bus == "virtio" {
            format!("vd{}", (b'a' + i as u8) as char)
        } else {
            format!("sd{}", (b'a' + i as u8) as char)
        };
        out.push(json!({"name": name, "target": target}));
    }
    json!(out)
}

/// Keep `virtapi` items used by the controller reachable from here (for tests).
pub use virtapi::run_strategy as vm_run_strategy;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn ns(s: &mut Inner, n: &str) {
        let k = crate::object::namespace_kind();
        let _ = s.create(k, "", json!({"metadata": {"name": n}}), false, false);
    }

    fn node(s: &mut Inner, n: &str) {
        let _ = s.create(
            node_kind(),
            "",
            json!({"metadata": {"name": n, "labels": {"kubernetes.io/hostname": n}}}),
            false,
            false,
        );
    }

    fn vm(rs: &str) -> Value {
        json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": {"name": "vm1", "namespace": "default"},
            "spec": {"runStrategy": rs, "template": {"metadata": {"annotations": {GUEST_AGENT_ANNOTATION: "true"}}, "spec": {"terminationGracePeriodSeconds": 0, "domain": {"devices": {}}}}}})
    }

    #[test]
    fn always_vm_runs_and_stops() {
        let store = Store::new();
        let mut s = store.lock();
        ns(&mut s, "default");
        node(&mut s, "node01");
        node(&mut s, "node02");
        s.create(vm_kind(), "default", vm("Always"), false, false).unwrap();
        let mut c = Controller::new();
        for _ in 0..6 {
            c.tick(&mut s);
        }
        let vmi = s.get(vmi_kind(), "default", "vm1").unwrap();
        assert_eq!(phase(&vmi), "Running");
        assert_eq!(vmi["status"]["nodeName"], "node01");
        assert!(has_condition(&vmi, "AgentConnected", Some("True")));
        let vmv = s.get(vm_kind(), "default", "vm1").unwrap();
        assert_eq!(vmv["status"]["printableStatus"], "Running");
        assert_eq!(vmv["status"]["ready"], true);
        // stop: runStrategy -> Halted
        let mut vmv2 = vmv.clone();
        vmv2["spec"]["runStrategy"] = json!("Halted");
        s.put(vm_kind(), vmv2).unwrap();
        for _ in 0..4 {
            c.tick(&mut s);
        }
        assert!(s.try_get(vmi_kind(), "default", "vm1").is_none());
        assert_eq!(
            s.get(vm_kind(), "default", "vm1").unwrap()["status"]["printableStatus"],
            "Stopped"
        );
        assert!(launcher_pod_name(&s, "default", &uid(&vmi)).is_none());
    }

    #[test]
    fn manual_start_request_paused() {
        let store = Store::new();
        let mut s = store.lock();
        ns(&mut s, "default");
        node(&mut s, "node01");
        let mut v = vm("Manual");
        v["status"] = json!({"stateChangeRequests": [{"action": "Start", "data": {"paused": "true"}}]});
        s.create(vm_kind(), "default", v, false, false).unwrap();
        let mut c = Controller::new();
        for _ in 0..6 {
            c.tick(&mut s);
        }
        let vmv = s.get(vm_kind(), "default", "vm1").unwrap();
        assert_eq!(vmv["status"]["printableStatus"], "Paused");
        assert!(vmv["status"].get("stateChangeRequests").is_none());
    }
}
