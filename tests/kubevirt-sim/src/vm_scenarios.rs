//! One VM's troubles, for `virtctl doctor vm`: the objects a cluster holds for a VM `web` (the
//! VM, its VMI, virt-launcher pods, DataVolume and PVC, migrations, events, launcher log) when it
//! is healthy, and when it is stuck in each of the ways the single-VM checks recognise.
//!
//! References between objects go by uid, which the API server assigns on create; the builders
//! write `@uid:Kind/name` where a uid belongs and [`load`] creates the objects in order and fills
//! those in, as the controllers that made the real objects would have.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::Sim;
use crate::openshift_virt::ago;
use crate::podlog::LOG_ANNOTATION;

/// The VM every scenario is about.
pub const VM: &str = "web";
/// Its DataVolume (and the PVC CDI made for it).
pub const DISK: &str = "web-root";
/// The launcher pod of the VMI.
pub const LAUNCHER: &str = "virt-launcher-web-x7k2p";
/// The image of the current virt-launcher.
pub const LAUNCHER_IMAGE: &str = "quay.io/kubevirt/virt-launcher:v1.8.0";

/// A scenario: the objects of namespace `ns` at time `now` (RFC 3339).
pub type Build = fn(&str, &str) -> Vec<Value>;

/// The checks a scenario must make fire, with their status.
pub type Fires = &'static [(&'static str, &'static str)];

/// (scenario, builder, what fires)
pub static VM_SCENARIOS: &[(&str, Build, Fires)] = &[
    ("vm-healthy", healthy, &[]),
    (
        "vm-stuck-starting",
        stuck_starting,
        &[("KubeVirtVMStuckInStartingState", "warning")],
    ),
    (
        "vm-err-image-pull",
        err_image_pull,
        &[("KubeVirtVMStuckInErrorState", "warning")],
    ),
    (
        "vm-unschedulable",
        unschedulable,
        &[("KubeVirtVMStuckInErrorState", "warning")],
    ),
    (
        "vm-datavolume-error",
        datavolume_error,
        &[
            ("KubeVirtVMStuckInErrorState", "warning"),
            ("VirtualMachineStuckInUnhealthyState", "warning"),
        ],
    ),
    (
        "vm-stuck-migrating",
        stuck_migrating,
        &[("KubeVirtVMStuckInMigratingState", "warning")],
    ),
    (
        "vm-cannot-be-evicted",
        cannot_be_evicted,
        &[("VMCannotBeEvicted", "warning")],
    ),
    (
        "vm-outdated-launcher",
        outdated_launcher,
        &[("OutdatedVirtualMachineInstanceWorkloads", "warning")],
    ),
    (
        "vm-ephemeral-hotplug",
        ephemeral_hotplug,
        &[("VirtualMachineInstanceHasEphemeralHotplugVolume", "warning")],
    ),
    (
        "vm-guest-panics",
        guest_panics,
        &[("VMNonRecoverableOSPanic", "critical")],
    ),
];

/// The scenario's builder by name.
pub fn build(scenario: &str, ns: &str, now: &str) -> Vec<Value> {
    let (_, build, _) = VM_SCENARIOS
        .iter()
        .find(|s| s.0 == scenario)
        .unwrap_or_else(|| panic!("no VM scenario {scenario}"));
    build(ns, now)
}

/// Creates the objects in order (an existing one is replaced), writing the uid of each created
/// object where a later one says `@uid:Kind/name`.
pub fn load(sim: &Sim, objects: Vec<Value>) {
    let mut uids: HashMap<String, String> = HashMap::new();
    for mut o in objects {
        fill_uids(&mut o, &uids);
        let key = format!(
            "{}/{}",
            o["kind"].as_str().unwrap_or(""),
            o["metadata"]["name"].as_str().unwrap_or("")
        );
        let made = match sim.try_create(o.clone()) {
            Ok(made) => made,
            Err(_) => sim.update(o),
        };
        if let Some(uid) = made["metadata"]["uid"].as_str() {
            uids.insert(key, uid.to_string());
        }
    }
}

fn fill_uids(v: &mut Value, uids: &HashMap<String, String>) {
    match v {
        Value::String(s) => {
            if let Some(key) = s.strip_prefix("@uid:") {
                *s = uids
                    .get(key)
                    .cloned()
                    .unwrap_or_else(|| panic!("{key} is created later"));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| fill_uids(i, uids)),
        Value::Object(map) => map.values_mut().for_each(|i| fill_uids(i, uids)),
        _ => {}
    }
}

fn owner(kind: &str, name: &str) -> Value {
    json!([{"apiVersion": if kind == "Pod" { "v1" } else { "kubevirt.io/v1" }, "kind": kind, "name": name,
            "uid": format!("@uid:{kind}/{name}"), "controller": true, "blockOwnerDeletion": true}])
}

fn condition(kind: &str, status: &str, reason: &str, message: &str, at: &str) -> Value {
    json!({"type": kind, "status": status, "reason": reason, "message": message, "lastProbeTime": null, "lastTransitionTime": at})
}

pub fn event(ns: &str, kind: &str, object: &str, kind_of_event: &str, reason: &str, message: &str, at: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Event",
           "metadata": {"name": format!("{object}.{:x}", fnv(&[object, reason, message, at])), "namespace": ns},
           "involvedObject": {"kind": kind, "name": object, "namespace": ns},
           "reason": reason, "message": message, "type": kind_of_event, "count": 1,
           "firstTimestamp": at, "lastTimestamp": at, "source": {"component": "virt-controller"}})
}

/// A stable short hash, so event names are unique and the same on every run.
fn fnv(parts: &[&str]) -> u64 {
    parts
        .iter()
        .flat_map(|p| p.bytes().chain([0]))
        .fold(0xcbf29ce484222325, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

fn vm(ns: &str, status: &str, ready: Value) -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
        "metadata": {"name": VM, "namespace": ns, "labels": {"app": VM}},
        "spec": {
            "runStrategy": "Always",
            "dataVolumeTemplates": [{"metadata": {"name": DISK},
                "spec": {"sourceRef": {"kind": "DataSource", "name": "fedora", "namespace": "openshift-virtualization-os-images"},
                         "storage": {"resources": {"requests": {"storage": "30Gi"}}}}}],
            "template": {
                "metadata": {"labels": {"kubevirt.io/domain": VM}},
                "spec": {
                    "domain": {"devices": {"disks": [{"name": "rootdisk", "disk": {"bus": "virtio"}}],
                                           "interfaces": [{"name": "default", "masquerade": {}}]},
                               "resources": {"requests": {"memory": "2Gi"}}},
                    "networks": [{"name": "default", "pod": {}}],
                    "volumes": [{"name": "rootdisk", "dataVolume": {"name": DISK}}]
                }
            }
        },
        "status": {"printableStatus": status, "runStrategy": "Always", "conditions": [ready]}
    })
}

fn vmi(ns: &str, phase: &str, node: Option<&str>, conditions: Value) -> Value {
    let mut status = json!({"phase": phase, "conditions": conditions, "guestOSInfo": {},
                            "launcherContainerImageVersion": LAUNCHER_IMAGE, "qosClass": "Burstable"});
    if let Some(node) = node {
        status["nodeName"] = json!(node);
    }
    json!({
        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstance",
        "metadata": {"name": VM, "namespace": ns, "labels": {"kubevirt.io/domain": VM},
                     "ownerReferences": owner("VirtualMachine", VM)},
        "spec": {"domain": {"devices": {"disks": [{"name": "rootdisk", "disk": {"bus": "virtio"}}]},
                            "resources": {"requests": {"memory": "2Gi"}}},
                 "volumes": [{"name": "rootdisk", "dataVolume": {"name": DISK}}]},
        "status": status
    })
}

/// A virt-launcher pod of the VMI, Running and Ready on `node` since `at`.
fn launcher(ns: &str, name: &str, node: &str, at: &str) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns,
                     "labels": {"kubevirt.io": "virt-launcher", "kubevirt.io/created-by": format!("@uid:VirtualMachineInstance/{VM}"),
                                "vm.kubevirt.io/name": VM},
                     "annotations": {"kubevirt.io/domain": VM},
                     "ownerReferences": owner("VirtualMachineInstance", VM)},
        "spec": {"nodeName": node, "containers": [{"name": "compute", "image": LAUNCHER_IMAGE}]},
        "status": {"phase": "Running", "startTime": at,
                   "conditions": [condition("PodScheduled", "True", "", "", at), condition("Ready", "True", "", "", at)],
                   "containerStatuses": [{"name": "compute", "ready": true, "started": true, "restartCount": 0, "image": LAUNCHER_IMAGE,
                                          "state": {"running": {"startedAt": at}}}]}
    })
}

/// The launcher pod before it runs: scheduled or not, its container waiting for `reason`.
fn waiting_launcher(ns: &str, node: Option<&str>, reason: &str, message: &str, at: &str) -> Value {
    let mut pod = launcher(ns, LAUNCHER, node.unwrap_or(""), at);
    if node.is_none() {
        pod["spec"].as_object_mut().expect("spec").remove("nodeName");
    }
    pod["status"] = json!({"phase": "Pending",
        "conditions": [condition("PodScheduled", if node.is_some() { "True" } else { "False" },
                                 if node.is_some() { "" } else { "Unschedulable" }, if node.is_some() { "" } else { message }, at),
                       condition("Ready", "False", "ContainersNotReady", "containers with unready status: [compute]", at)]});
    if node.is_some() {
        pod["status"]["startTime"] = json!(at);
        pod["status"]["containerStatuses"] = json!([{"name": "compute", "ready": false, "started": false, "restartCount": 0,
            "image": LAUNCHER_IMAGE, "state": {"waiting": {"reason": reason, "message": message}}}]);
    }
    pod
}

fn datavolume(ns: &str, phase: &str, conditions: Value) -> Value {
    json!({
        "apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume",
        "metadata": {"name": DISK, "namespace": ns, "ownerReferences": owner("VirtualMachine", VM)},
        "spec": {"sourceRef": {"kind": "DataSource", "name": "fedora", "namespace": "openshift-virtualization-os-images"},
                 "storage": {"resources": {"requests": {"storage": "30Gi"}}}},
        "status": {"phase": phase, "progress": if phase == "Succeeded" { "100.0%" } else { "N/A" }, "conditions": conditions}
    })
}

fn pvc(ns: &str, access: &str) -> Value {
    json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": DISK, "namespace": ns, "ownerReferences": owner("DataVolume", DISK)},
        "spec": {"accessModes": [access], "volumeMode": "Block", "storageClassName": "ocs-storagecluster-ceph-rbd-virtualization",
                 "resources": {"requests": {"storage": "30Gi"}}, "volumeName": "pvc-3f1c2b7e-web-root"},
        "status": {"phase": "Bound", "accessModes": [access], "capacity": {"storage": "30Gi"}}
    })
}

const LAUNCHER_LOG: &[&str] = &[
    r#"{"component":"virt-launcher","level":"info","msg":"Domain started.","pos":"manager.go:1150","timestamp":"T"}"#,
    r#"{"component":"virt-launcher","level":"info","msg":"Synced vmi","pos":"server.go:208","timestamp":"T"}"#,
    r#"{"component":"virt-launcher","level":"info","msg":"Guest agent connected","pos":"agent_poller.go:258","timestamp":"T"}"#,
];

/// Everything a running, healthy VM has, with `up` seconds of history.
fn running(ns: &str, now: &str, up: i64, access: &str) -> Vec<Value> {
    let at = ago(now, up);
    let ready = |at: &str| condition("Ready", "True", "", "", at);
    let mut pod = launcher(ns, LAUNCHER, "node01", &at);
    let log: Vec<String> = LAUNCHER_LOG.iter().map(|l| l.replace('T', &at)).collect();
    pod["metadata"]["annotations"][LOG_ANNOTATION] = json!(log.join("\n"));
    vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        vm(ns, "Running", ready(&at)),
        datavolume(
            ns,
            "Succeeded",
            json!([
                condition("Bound", "True", "Bound", "PVC web-root Bound", &at),
                condition("Ready", "True", "", "", &at)
            ]),
        ),
        pvc(ns, access),
        vmi(
            ns,
            "Running",
            Some("node01"),
            json!([
                ready(&at),
                condition("LiveMigratable", "True", "", "", &at),
                condition("AgentConnected", "True", "", "", &at)
            ]),
        ),
        pod,
        event(
            ns,
            "VirtualMachine",
            VM,
            "Normal",
            "SuccessfulCreate",
            "Started the virtual machine by creating the new virtual machine instance web",
            &at,
        ),
        event(
            ns,
            "VirtualMachineInstance",
            VM,
            "Normal",
            "Started",
            "VirtualMachineInstance started.",
            &at,
        ),
    ]
}

fn healthy(ns: &str, now: &str) -> Vec<Value> {
    running(ns, now, 3 * 3600, "ReadWriteMany")
}

/// Replaces the VM's printable status and Ready condition, and the VMI (`None`: no VMI).
fn starting(objs: &mut Vec<Value>, status: &str, ready: Value, vmi: Option<Value>) {
    for o in objs.iter_mut().filter(|o| o["kind"] == "VirtualMachine") {
        o["status"]["printableStatus"] = json!(status);
        o["status"]["conditions"] = json!([ready]);
    }
    objs.retain(|o| !matches!(o["kind"].as_str(), Some("VirtualMachineInstance" | "Pod" | "Event")));
    objs.extend(vmi);
}

fn stuck_starting(ns: &str, now: &str) -> Vec<Value> {
    let at = ago(now, 20 * 60);
    let mut o = running(ns, now, 20 * 60, "ReadWriteMany");
    let vmi = vmi(
        ns,
        "Scheduling",
        None,
        json!([condition("Ready", "False", "PodNotReady", "", &at)]),
    );
    starting(
        &mut o,
        "Starting",
        condition("Ready", "False", "PodNotReady", "", &at),
        Some(vmi),
    );
    o.push(waiting_launcher(ns, Some("node01"), "ContainerCreating", "", &at));
    let mount = "MountVolume.SetUp failed for volume \"cloudinitdisk-ndata\" : secret \"web-cloudinit\" not found";
    for i in 0..12 {
        o.push(event(
            ns,
            "Pod",
            LAUNCHER,
            "Warning",
            "FailedMount",
            mount,
            &ago(now, 20 * 60 - i * 90),
        ));
    }
    o.push(event(
        ns,
        "VirtualMachine",
        VM,
        "Normal",
        "SuccessfulCreate",
        "Started the virtual machine by creating the new virtual machine instance web",
        &at,
    ));
    o
}

fn err_image_pull(ns: &str, now: &str) -> Vec<Value> {
    let at = ago(now, 15 * 60);
    let message = "rpc error: code = NotFound desc = failed to pull and unpack image \"quay.io/kubevirt/virt-launcher:v1.8.0\": not found";
    let mut o = running(ns, now, 15 * 60, "ReadWriteMany");
    let vmi = vmi(
        ns,
        "Scheduling",
        None,
        json!([
            condition("Ready", "False", "PodNotReady", "", &at),
            condition("Synchronized", "False", "ErrImagePull", message, &at)
        ]),
    );
    starting(
        &mut o,
        "ErrImagePull",
        condition("Ready", "False", "PodNotReady", "", &at),
        Some(vmi),
    );
    o.push(waiting_launcher(ns, Some("node01"), "ErrImagePull", message, &at));
    o.push(event(
        ns,
        "Pod",
        LAUNCHER,
        "Warning",
        "Failed",
        &format!("Failed to pull image \"{LAUNCHER_IMAGE}\": {message}"),
        &ago(now, 60),
    ));
    o
}

fn unschedulable(ns: &str, now: &str) -> Vec<Value> {
    let at = ago(now, 30 * 60);
    let message = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 2 Insufficient memory.";
    let mut o = running(ns, now, 30 * 60, "ReadWriteMany");
    let vmi = vmi(
        ns,
        "Scheduling",
        None,
        json!([
            condition("Ready", "False", "PodNotReady", "", &at),
            condition("PodScheduled", "False", "Unschedulable", message, &at)
        ]),
    );
    starting(
        &mut o,
        "ErrorUnschedulable",
        condition("Ready", "False", "PodNotReady", "", &at),
        Some(vmi),
    );
    o.push(waiting_launcher(ns, None, "", message, &at));
    o.push(event(
        ns,
        "Pod",
        LAUNCHER,
        "Warning",
        "FailedScheduling",
        message,
        &ago(now, 120),
    ));
    o
}

fn datavolume_error(ns: &str, now: &str) -> Vec<Value> {
    let at = ago(now, 20 * 60);
    let message = "Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found";
    let mut o = running(ns, now, 20 * 60, "ReadWriteMany");
    starting(
        &mut o,
        "DataVolumeError",
        condition("Ready", "False", "VMINotExists", "VMI does not exist", &at),
        None,
    );
    for d in o.iter_mut().filter(|o| o["kind"] == "DataVolume") {
        d["status"] = json!({"phase": "ImportInProgress", "progress": "N/A", "restartCount": 4,
            "conditions": [condition("Bound", "True", "Bound", "PVC web-root Bound", &at),
                           condition("Running", "False", "Error", message, &at),
                           condition("Ready", "False", "", "", &at)]});
    }
    o.push(event(
        ns,
        "DataVolume",
        DISK,
        "Warning",
        "Error",
        message,
        &ago(now, 100),
    ));
    o
}

fn stuck_migrating(ns: &str, now: &str) -> Vec<Value> {
    let started = ago(now, 25 * 60);
    let mut o = running(ns, now, 25 * 60, "ReadWriteMany");
    let state = json!({"migrationUid": "@uid:VirtualMachineInstanceMigration/kubevirt-migrate-vm-8xq2k", "sourceNode": "node01",
        "targetNode": "node02", "sourcePod": LAUNCHER, "targetPod": "virt-launcher-web-m4n8v", "mode": "PreCopy",
        "startTimestamp": started, "completed": false, "failed": false});
    for v in o.iter_mut().filter(|o| o["kind"] == "VirtualMachine") {
        v["status"]["printableStatus"] = json!("Migrating");
    }
    // The migration exists before the VMI records it.
    let vmi_at = o
        .iter()
        .position(|x| x["kind"] == "VirtualMachineInstance")
        .expect("a VMI");
    o[vmi_at]["status"]["migrationState"] = state;
    o.insert(vmi_at, json!({
        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstanceMigration",
        "metadata": {"name": "kubevirt-migrate-vm-8xq2k", "namespace": ns, "generateName": "kubevirt-migrate-vm-",
                     "labels": {"kubevirt.io/vmi-name": VM}},
        "spec": {"vmiName": VM},
        "status": {"phase": "Running", "phaseTransitionTimestamps": [
            {"phase": "Pending", "phaseTransitionTimestamp": started}, {"phase": "Scheduling", "phaseTransitionTimestamp": started},
            {"phase": "Scheduled", "phaseTransitionTimestamp": started}, {"phase": "PreparingTarget", "phaseTransitionTimestamp": started},
            {"phase": "TargetReady", "phaseTransitionTimestamp": started}, {"phase": "Running", "phaseTransitionTimestamp": started}]}
    }));
    o.push(launcher(ns, "virt-launcher-web-m4n8v", "node02", &started));
    o.push(event(
        ns,
        "VirtualMachineInstance",
        VM,
        "Normal",
        "Migrating",
        "VirtualMachineInstance is migrating.",
        &started,
    ));
    o
}

fn cannot_be_evicted(ns: &str, now: &str) -> Vec<Value> {
    let at = ago(now, 3600);
    let mut o = running(ns, now, 3600, "ReadWriteOnce");
    let message = "cannot migrate VMI: PVC web-root is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)";
    for v in o.iter_mut().filter(|o| o["kind"] == "VirtualMachineInstance") {
        v["spec"]["evictionStrategy"] = json!("LiveMigrate");
        v["status"]["conditions"] = json!([
            condition("Ready", "True", "", "", &at),
            condition("LiveMigratable", "False", "DisksNotLiveMigratable", message, &at),
            condition("AgentConnected", "True", "", "", &at)
        ]);
    }
    o
}

fn outdated_launcher(ns: &str, now: &str) -> Vec<Value> {
    let mut o = running(ns, now, 3 * 86400, "ReadWriteMany");
    let old = "quay.io/kubevirt/virt-launcher:v1.7.0";
    for v in o.iter_mut() {
        match v["kind"].as_str() {
            Some("VirtualMachineInstance") => {
                v["metadata"]["labels"]["kubevirt.io/outdatedLauncherImage"] = json!("");
                v["status"]["launcherContainerImageVersion"] = json!(old);
            }
            Some("Pod") => {
                v["spec"]["containers"][0]["image"] = json!(old);
                v["status"]["containerStatuses"][0]["image"] = json!(old);
            }
            _ => {}
        }
    }
    // KubeVirt finished its update to v1.8.0 two days ago.
    let mut kv = crate::fixtures::kubevirt_cr();
    kv["status"]["conditions"] = json!([
        condition(
            "Available",
            "True",
            "AllComponentsReady",
            "All components are ready.",
            &ago(now, 2 * 86400)
        ),
        condition(
            "Progressing",
            "False",
            "AllComponentsReady",
            "All components are ready.",
            &ago(now, 2 * 86400)
        ),
        condition(
            "Degraded",
            "False",
            "AllComponentsReady",
            "All components are ready.",
            &ago(now, 2 * 86400)
        ),
    ]);
    kv["status"]["outdatedVirtualMachineInstanceWorkloads"] = json!(1);
    o.push(kv);
    o
}

/// A volume hot-plugged into the VMI only (not into the VM), served by its attachment pod.
fn ephemeral_hotplug(ns: &str, now: &str) -> Vec<Value> {
    let at = ago(now, 2 * 3600);
    let mut o = running(ns, now, 3 * 3600, "ReadWriteMany");
    let mut claim = pvc(ns, "ReadWriteOnce");
    claim["metadata"] = json!({"name": "scratch", "namespace": ns});
    claim["spec"]["volumeName"] = json!("pvc-9a0b1c2d-scratch");
    let vmi_at = o
        .iter()
        .position(|x| x["kind"] == "VirtualMachineInstance")
        .expect("a VMI");
    o.insert(vmi_at, claim);
    let attach = "hp-volume-q7x2n";
    for v in o.iter_mut().filter(|x| x["kind"] == "VirtualMachineInstance") {
        v["metadata"]["annotations"] = json!({"kubevirt.io/ephemeral-hotplug-volumes": "scratch"});
        v["spec"]["volumes"]
            .as_array_mut()
            .expect("volumes")
            .push(json!({"name": "scratch", "persistentVolumeClaim": {"claimName": "scratch", "hotpluggable": true}}));
        v["status"]["volumeStatus"] = json!([
            {"name": "rootdisk", "target": "vda"},
            {"name": "scratch", "target": "sda", "phase": "Ready", "reason": "VolumeReady",
             "message": "Successfully attach hotplugged volume scratch to VM",
             "hotplugVolume": {"attachPodName": attach}}]);
    }
    let mut pod = launcher(ns, attach, "node01", &at);
    pod["metadata"]["labels"] = json!({"kubevirt.io": "hotplug-disk"});
    pod["metadata"]["ownerReferences"] = owner("Pod", LAUNCHER);
    pod["metadata"]["annotations"] = json!({});
    pod["spec"]["containers"][0]["name"] = json!("hotplug-disk");
    pod["status"]["containerStatuses"][0]["name"] = json!("hotplug-disk");
    o.push(pod);
    o
}

fn guest_panics(ns: &str, now: &str) -> Vec<Value> {
    let mut o = running(ns, now, 12 * 3600, "ReadWriteMany");
    for i in 0..6 {
        o.push(event(
            ns,
            "VirtualMachineInstance",
            VM,
            "Warning",
            "GuestPanicked",
            "Guest panicked: hyper-v crash (bugcheck code 0x9f)",
            &ago(now, 3600 * (i + 1)),
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_builds_one_vm_with_references_that_resolve() {
        let now = "2025-01-01T10:16:00Z";
        for (name, build, _) in VM_SCENARIOS {
            let objs = build("vms", now);
            assert_eq!(
                objs.iter().filter(|o| o["kind"] == "VirtualMachine").count(),
                1,
                "{name}"
            );
            let mut made: Vec<String> = Vec::new();
            for o in &objs {
                let text = o.to_string();
                for key in text.split("@uid:").skip(1).map(|s| s.split('"').next().unwrap_or("")) {
                    assert!(
                        made.iter().any(|m| m == key),
                        "{name}: {key} is referenced before it exists"
                    );
                }
                made.push(format!(
                    "{}/{}",
                    o["kind"].as_str().unwrap(),
                    o["metadata"]["name"].as_str().unwrap()
                ));
            }
        }
    }
}
