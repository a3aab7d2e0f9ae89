//! Runbook failures, one per scenario, applied to the objects of a healthy install
//! ([`crate::openshift_virt::objects`]) before they are loaded. [`SCENARIOS`] names, for every
//! scenario, the doctor check it must make fire and the status it must get.

// Every scenario has the one signature of [`Apply`], even those that only edit in place.
#![allow(clippy::ptr_arg)]

use serde_json::{Value, json};

use crate::openshift_virt::{IMAGES_NS, NS, ago};

/// A scenario: it edits the object list; `now` is the RFC 3339 time the install is built for.
pub type Apply = fn(&mut Vec<Value>, &str);

/// (scenario, check that fires, expected status)
pub static SCENARIOS: &[(&str, Apply, &str, &str)] = &[
    (
        "virt-api-down",
        |o, n| not_running(o, "virt-api", n, 1200),
        "VirtAPIDown",
        "critical",
    ),
    (
        "virt-api-one-pending",
        |o, n| one_pending(o, "virt-api", n, 7200),
        "LowVirtAPICount",
        "warning",
    ),
    (
        "virt-api-one-not-ready",
        |o, n| one_not_ready(o, "virt-api", n, 1200),
        "LowReadyVirtAPICount",
        "warning",
    ),
    (
        "virt-api-not-ready",
        |o, n| not_ready(o, "virt-api", n, 1200),
        "NoReadyVirtAPI",
        "critical",
    ),
    (
        "virt-api-rest-errors",
        |o, _| api_failures_logged(o, "virt-api"),
        "VirtApiRESTErrorsBurst",
        "warning",
    ),
    (
        "virt-controller-down",
        |o, n| not_running(o, "virt-controller", n, 1200),
        "VirtControllerDown",
        "critical",
    ),
    (
        "virt-controller-one-pending",
        |o, n| one_pending(o, "virt-controller", n, 1200),
        "LowVirtControllersCount",
        "warning",
    ),
    (
        "virt-controller-one-not-ready",
        |o, n| one_not_ready(o, "virt-controller", n, 1200),
        "LowReadyVirtControllersCount",
        "warning",
    ),
    (
        "virt-controller-not-ready",
        |o, n| not_ready(o, "virt-controller", n, 1200),
        "NoReadyVirtController",
        "critical",
    ),
    (
        "virt-controller-stale-lease",
        |o, n| stale_lease(o, "virt-controller", n),
        "NoLeadingVirtController",
        "critical",
    ),
    (
        "virt-controller-rest-errors",
        |o, _| api_failures_logged(o, "virt-controller"),
        "VirtControllerRESTErrorsBurst",
        "warning",
    ),
    (
        "virt-launcher-pods-failed",
        failed_launchers,
        "VirtLauncherPodsStuckFailed",
        "critical",
    ),
    (
        "virt-handler-rollout",
        |o, n| handler_rollout(o, n),
        "VirtHandlerDaemonSetRolloutFailing",
        "warning",
    ),
    (
        "virt-handler-down",
        |o, n| not_running(o, "virt-handler", n, 1200),
        "VirtHandlerDown",
        "critical",
    ),
    (
        "virt-handler-one-not-ready",
        |o, n| one_not_ready(o, "virt-handler", n, 1200),
        "LowReadyVirtHandlerCount",
        "warning",
    ),
    (
        "virt-handler-not-ready",
        |o, n| not_ready(o, "virt-handler", n, 1200),
        "NoReadyVirtHandler",
        "critical",
    ),
    (
        "orphaned-vmis",
        orphaned_vmis,
        "OrphanedVirtualMachineInstances",
        "warning",
    ),
    (
        "virt-handler-rest-errors",
        |o, _| api_failures_logged(o, "virt-handler"),
        "VirtHandlerRESTErrorsBurst",
        "warning",
    ),
    (
        "virt-operator-down",
        |o, n| not_running(o, "virt-operator", n, 1200),
        "VirtOperatorDown",
        "critical",
    ),
    (
        "virt-operator-one-pending",
        |o, n| one_pending(o, "virt-operator", n, 7200),
        "LowVirtOperatorCount",
        "warning",
    ),
    (
        "virt-operator-one-not-ready",
        |o, n| one_not_ready(o, "virt-operator", n, 1200),
        "LowReadyVirtOperatorsCount",
        "warning",
    ),
    (
        "virt-operator-not-ready",
        |o, n| not_ready(o, "virt-operator", n, 1200),
        "NoReadyVirtOperator",
        "critical",
    ),
    (
        "virt-operator-no-lease",
        |o, _| remove(o, "Lease", "virt-operator"),
        "NoLeadingVirtOperator",
        "critical",
    ),
    (
        "virt-operator-rest-errors",
        |o, _| api_failures_logged(o, "virt-operator"),
        "VirtOperatorRESTErrorsBurst",
        "warning",
    ),
    (
        "cdi-operator-down",
        |o, n| not_ready(o, "cdi-operator", n, 1200),
        "CDIOperatorDown",
        "critical",
    ),
    ("cdi-not-ready", cdi_not_ready, "CDINotReady", "critical"),
    (
        "cdi-importer-restarts",
        importer_restarts,
        "CDIDataVolumeUnusualRestartCount",
        "warning",
    ),
    (
        "cdi-storage-profile-incomplete",
        incomplete_profile,
        "CDIStorageProfilesIncomplete",
        "warning",
    ),
    (
        "cdi-dataimportcron-outdated",
        cron_outdated,
        "CDIDataImportCronOutdated",
        "warning",
    ),
    (
        "cdi-no-default-storage-class",
        no_default_class,
        "CDINoDefaultStorageClass",
        "warning",
    ),
    (
        "cdi-two-virt-default-classes",
        two_virt_defaults,
        "CDIMultipleDefaultVirtStorageClasses",
        "warning",
    ),
    (
        "cdi-default-class-degraded",
        default_class_degraded,
        "CDIDefaultStorageClassDegraded",
        "warning",
    ),
    (
        "cnao-down",
        |o, n| not_ready(o, "cluster-network-addons-operator", n, 1200),
        "CnaoDown",
        "warning",
    ),
    (
        "network-addons-not-ready",
        |o, n| cr_unavailable(o, "NetworkAddonsConfig", n),
        "NetworkAddonsConfigNotReady",
        "warning",
    ),
    (
        "kubemacpool-down",
        |o, n| not_ready(o, "kubemacpool-mac-controller-manager", n, 1200),
        "KubemacpoolDown",
        "critical",
    ),
    (
        "mac-collision",
        mac_collision,
        "KubemacpoolMACCollisionDetected",
        "warning",
    ),
    (
        "ssp-operator-down",
        |o, n| not_ready(o, "ssp-operator", n, 1200),
        "SSPDown",
        "critical",
    ),
    (
        "template-validator-down",
        |o, n| not_ready(o, "virt-template-validator", n, 1200),
        "SSPTemplateValidatorDown",
        "critical",
    ),
    (
        "ssp-failing-to-reconcile",
        |o, n| cr_unavailable(o, "SSP", n),
        "SSPFailingToReconcile",
        "critical",
    ),
    ("ssp-rejected-vms", rejected_vms, "SSPHighRateRejectedVms", "warning"),
    (
        "ssp-templates-reverted",
        templates_reverted,
        "SSPCommonTemplatesModificationReverted",
        "warning",
    ),
    (
        "hpp-operator-down",
        |o, n| not_ready(o, "hostpath-provisioner-operator", n, 1200),
        "HPPOperatorDown",
        "warning",
    ),
    (
        "hpp-not-ready",
        |o, n| cr_unavailable(o, "HostPathProvisioner", n),
        "HPPNotReady",
        "warning",
    ),
    (
        "hpp-shares-os-path",
        hpp_shares_os,
        "HPPSharingPoolPathWithOS",
        "warning",
    ),
    ("hco-cr-modified", hco_overwritten, "KubeVirtCRModified", "warning"),
    (
        "hco-installation-incomplete",
        |o, _| remove(o, "HyperConverged", "kubevirt-hyperconverged"),
        "HCOInstallationIncomplete",
        "warning",
    ),
    ("hco-jsonpatch", hco_jsonpatch, "UnsupportedHCOModification", "warning"),
    (
        "hco-unhealthy",
        hco_unhealthy,
        "HCOOperatorConditionsUnhealthy",
        "critical",
    ),
    ("low-kvm-nodes", low_kvm, "LowKVMNodesCount", "warning"),
    (
        "no-nodes-for-vms",
        no_schedulable_nodes,
        "KubeVirtNoAvailableNodesToRunVMs",
        "warning",
    ),
    (
        "control-plane-down",
        control_plane_down,
        "HAControlPlaneDown",
        "critical",
    ),
    (
        "node-maintenance-stuck",
        maintenance_stuck,
        "NodeMaintenanceStatus",
        "warning",
    ),
];

fn matches_workload(o: &Value, workload: &str) -> bool {
    o["kind"] == "Pod"
        && o["metadata"]["namespace"] == NS
        && o["metadata"]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with(&format!("{workload}-")))
}

fn workload_pods<'a>(objs: &'a mut [Value], workload: &'a str) -> impl Iterator<Item = &'a mut Value> + 'a {
    objs.iter_mut()
        .filter(move |o| matches_workload(o, workload) && owner_is(o, workload))
}

/// Pod names are `<workload>-<hash>-<suffix>` (Deployments) or `<workload>-<suffix>`
/// (DaemonSets); `virt-api` must not match `virt-api-foo-bar` of another workload.
fn owner_is(pod: &Value, workload: &str) -> bool {
    let name = pod["metadata"]["name"].as_str().unwrap_or("");
    let rest = &name[workload.len() + 1..];
    rest.split('-').count() <= 2
}

fn set_ready(pod: &mut Value, ready: bool, since: &str) {
    if let Some(conds) = pod["status"]["conditions"].as_array_mut() {
        for c in conds
            .iter_mut()
            .filter(|c| c["type"] == "Ready" || c["type"] == "ContainersReady")
        {
            c["status"] = json!(if ready { "True" } else { "False" });
            c["lastTransitionTime"] = json!(since);
        }
    }
    if let Some(cs) = pod["status"]["containerStatuses"].as_array_mut() {
        for c in cs {
            c["ready"] = json!(ready);
        }
    }
}

/// The pod crash-loops: Running, not ready, 7 restarts, last terminated OOMKilled.
pub fn crash_loop(pod: &mut Value, since: &str) {
    set_ready(pod, false, since);
    if let Some(cs) = pod["status"]["containerStatuses"].as_array_mut() {
        for c in cs {
            c["restartCount"] = json!(7);
            c["state"] = json!({"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container"}});
            c["lastState"] = json!({"terminated": {"reason": "OOMKilled", "exitCode": 137, "finishedAt": since}});
        }
    }
}

fn set_available(objs: &mut [Value], kind: &str, name: &str, ok: bool, since: &str) {
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == kind && o["metadata"]["name"] == name)
    {
        if let Some(conds) = o["status"]["conditions"].as_array_mut() {
            for c in conds.iter_mut().filter(|c| c["type"] == "Available") {
                c["status"] = json!(if ok { "True" } else { "False" });
                c["lastTransitionTime"] = json!(since);
                c["reason"] = json!(if ok {
                    "MinimumReplicasAvailable"
                } else {
                    "MinimumReplicasUnavailable"
                });
            }
        }
    }
}

/// No pod of the workload runs: all Pending with ImagePullBackOff since `secs` ago.
pub fn not_running(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    for pod in workload_pods(objs, workload) {
        pod["status"]["phase"] = json!("Pending");
        set_ready(pod, false, &since);
        if let Some(cs) = pod["status"]["containerStatuses"].as_array_mut() {
            for c in cs {
                c["state"] = json!({"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}});
            }
        }
    }
    set_available(objs, "Deployment", workload, false, &since);
    let event = warning_event(
        NS,
        workload,
        "Pod",
        "Failed",
        "Failed to pull image: manifest unknown",
        &since,
    );
    objs.push(event);
}

/// Every pod of the workload runs but crash-loops (not ready).
pub fn not_ready(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    for pod in workload_pods(objs, workload) {
        crash_loop(pod, &since);
    }
    set_available(objs, "Deployment", workload, false, &since);
}

/// One of the workload's pods is Pending, unschedulable.
pub fn one_pending(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    let found = workload_pods(objs, workload).next().map(|pod| {
        pod["status"]["phase"] = json!("Pending");
        pod["spec"]["nodeName"] = Value::Null;
        set_ready(pod, false, &since);
        pod["status"]["conditions"][0] = json!({"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
            "message": "0/3 nodes are available: 1 node(s) had untolerated taint, 2 Insufficient memory.", "lastTransitionTime": since});
        let name = pod["metadata"]["name"].as_str().unwrap_or("").to_string();
        warning_event(NS, &name, "Pod", "FailedScheduling", "0/3 nodes are available: 2 Insufficient memory.", &since)
    });
    objs.extend(found);
}

/// One of the workload's pods runs but is not ready.
pub fn one_not_ready(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    let found = workload_pods(objs, workload).next().map(|pod| {
        set_ready(pod, false, &since);
        let name = pod["metadata"]["name"].as_str().unwrap_or("").to_string();
        warning_event(
            NS,
            &name,
            "Pod",
            "Unhealthy",
            "Readiness probe failed: HTTP probe failed with statuscode: 500",
            &since,
        )
    });
    objs.extend(found);
}

/// The leader Lease was last renewed an hour ago.
pub fn stale_lease(objs: &mut [Value], name: &str, now: &str) {
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "Lease" && o["metadata"]["name"] == name)
    {
        o["spec"]["renewTime"] = json!(ago(now, 3600));
    }
}

pub fn remove(objs: &mut Vec<Value>, kind: &str, name: &str) {
    objs.retain(|o| !(o["kind"] == kind && o["metadata"]["name"] == name));
}

/// Every pod of the workload logs API-server failures.
pub fn api_failures_logged(objs: &mut [Value], workload: &str) {
    let lines: Vec<String> = (0..12)
        .map(|i| format!("{{\"level\":\"error\",\"msg\":\"Get \\\"https://172.30.0.1:443/api\\\": dial tcp 172.30.0.1:443: connect: connection refused\",\"pos\":\"reflector.go:{i}\"}}"))
        .collect();
    for pod in workload_pods(objs, workload) {
        pod["metadata"]["annotations"][crate::podlog::LOG_ANNOTATION] = json!(lines.join("\n"));
    }
}

pub fn warning_event(ns: &str, object: &str, kind: &str, reason: &str, message: &str, at: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Event",
           "metadata": {"name": format!("{object}.{:x}", object.len() * 7919 + reason.len()), "namespace": ns},
           "involvedObject": {"kind": kind, "name": object, "namespace": ns},
           "reason": reason, "message": message, "type": "Warning", "count": 3,
           "firstTimestamp": at, "lastTimestamp": at})
}

fn failed_launchers(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 3600);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "migration-loop"}}));
    for i in 0..210 {
        let mut pod = crate::openshift_virt::pod(
            "migration-loop",
            &format!("virt-launcher-loop-{i:03}"),
            json!({"kubevirt.io": "virt-launcher"}),
            "node02",
            &at,
        );
        pod["status"]["phase"] = json!("Failed");
        pod["status"]["containerStatuses"][0]["state"] =
            json!({"terminated": {"reason": "Error", "exitCode": 1, "finishedAt": at}});
        set_ready(&mut pod, false, &at);
        objs.push(pod);
    }
}

fn handler_rollout(objs: &mut Vec<Value>, now: &str) {
    one_pending(objs, "virt-handler", now, 3600);
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "DaemonSet" && o["metadata"]["name"] == "virt-handler")
    {
        o["status"]["numberReady"] = json!(1);
        o["status"]["numberUnavailable"] = json!(1);
    }
}

fn orphaned_vmis(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 3600);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "orphans"}}));
    let mut launcher = crate::openshift_virt::pod(
        "orphans",
        "virt-launcher-lost-vm-abcde",
        json!({"kubevirt.io": "virt-launcher"}),
        "node02",
        &at,
    );
    launcher["metadata"]["annotations"] = json!({"kubevirt.io/domain": "lost-vm"});
    objs.push(launcher);
    objs.retain(|o| {
        !(o["kind"] == "Pod"
            && o["metadata"]["namespace"] == NS
            && o["spec"]["nodeName"] == "node02"
            && o["metadata"]["labels"]["kubevirt.io"] == "virt-handler")
    });
}

fn cdi_not_ready(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 1800);
    for o in objs.iter_mut().filter(|o| o["kind"] == "CDI") {
        o["status"]["phase"] = json!("Error");
        o["status"]["conditions"] = json!([
            {"type": "Available", "status": "False", "reason": "Degraded", "message": "cdi-deployment is not ready", "lastTransitionTime": since},
            {"type": "Progressing", "status": "False", "reason": "", "message": "", "lastTransitionTime": since},
            {"type": "Degraded", "status": "True", "reason": "Degraded", "message": "cdi-deployment is not ready", "lastTransitionTime": since}]);
    }
    not_ready(objs, "cdi-deployment", now, 1800);
}

fn importer_restarts(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 1800);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "imports"}}));
    objs.push(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume", "metadata": {"name": "rhel9", "namespace": "imports"},
        "spec": {"source": {"http": {"url": "https://example.invalid/rhel9.qcow2"}}, "storage": {}},
        "status": {"phase": "ImportInProgress", "progress": "N/A", "restartCount": 5,
                   "conditions": [{"type": "Running", "status": "False", "reason": "Error", "message": "Unable to connect to http data source: expected status code 200, got 404"}]}}));
    let mut pod = crate::openshift_virt::pod(
        "imports",
        "importer-prime-rhel9",
        json!({"app": "containerized-data-importer"}),
        "node01",
        &at,
    );
    pod["metadata"]["annotations"] = json!({"cdi.kubevirt.io/storage.import.importPodName": "importer-prime-rhel9"});
    pod["spec"]["containers"][0]["name"] = json!("importer");
    pod["status"]["containerStatuses"][0]["name"] = json!("importer");
    crash_loop(&mut pod, &at);
    pod["status"]["containerStatuses"][0]["restartCount"] = json!(5);
    pod["status"]["containerStatuses"][0]["lastState"]["terminated"]["reason"] = json!("Error");
    pod["status"]["containerStatuses"][0]["lastState"]["terminated"]["message"] =
        json!("Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found");
    objs.push(pod);
}

fn incomplete_profile(objs: &mut Vec<Value>, _now: &str) {
    objs.push(
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "nfs-client"},
                     "provisioner": "k8s-sigs.io/nfs-subdir-external-provisioner"}),
    );
    objs.push(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "StorageProfile", "metadata": {"name": "nfs-client"},
                     "spec": {}, "status": {"storageClass": "nfs-client", "provisioner": "k8s-sigs.io/nfs-subdir-external-provisioner"}}));
}

fn cron_outdated(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 3 * 3600);
    for o in objs.iter_mut().filter(|o| o["kind"] == "DataImportCron") {
        o["status"]["conditions"] = json!([{"type": "UpToDate", "status": "False", "reason": "ImportFailed",
            "message": "Import failed: unable to pull image: unauthorized", "lastTransitionTime": since}]);
    }
}

fn strip_default_annotations(objs: &mut [Value]) {
    for o in objs.iter_mut().filter(|o| o["kind"] == "StorageClass") {
        o["metadata"]["annotations"] = json!({});
    }
}

fn no_default_class(objs: &mut Vec<Value>, now: &str) {
    strip_default_annotations(objs);
    objs.push(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume", "metadata": {"name": "pending-dv", "namespace": IMAGES_NS,
        "creationTimestamp": ago(now, 1800)},
        "spec": {"source": {"blank": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}},
        "status": {"phase": "Pending"}}));
}

fn two_virt_defaults(objs: &mut Vec<Value>, _now: &str) {
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "StorageClass" && o["metadata"]["name"] == "hostpath-csi")
    {
        o["metadata"]["annotations"]["storageclass.kubevirt.io/is-default-virt-class"] = json!("true");
    }
}

fn default_class_degraded(objs: &mut Vec<Value>, _now: &str) {
    strip_default_annotations(objs);
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "StorageClass" && o["metadata"]["name"] == "hostpath-csi")
    {
        o["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"] = json!("true");
    }
}

/// The CR's Available condition is False and Degraded True for 30 minutes.
pub fn cr_unavailable(objs: &mut [Value], kind: &str, now: &str) {
    let since = ago(now, 1800);
    for o in objs.iter_mut().filter(|o| o["kind"] == kind) {
        o["status"]["conditions"] = json!([
            {"type": "Available", "status": "False", "reason": "Failing", "message": format!("DaemonSet \"{NS}/bridge-marker\" rollout is not making progress - pod bridge-marker-x7k2p is in CrashLoopBackOff"), "lastTransitionTime": since},
            {"type": "Progressing", "status": "False", "reason": "Failing", "message": "", "lastTransitionTime": since},
            {"type": "Degraded", "status": "True", "reason": "Failing", "message": "reconcile failed: failed to update resource", "lastTransitionTime": since}]);
        if o["status"].get("phase").is_some() {
            o["status"]["phase"] = json!("Deploying");
        }
    }
}

fn mac_collision(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 600);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "macs"}}));
    for name in ["web-a", "web-b"] {
        let mut vmi = crate::fixtures::vmi("macs", name);
        vmi["status"] = json!({"phase": "Running", "nodeName": "node01",
            "interfaces": [{"name": "default", "mac": "02:8e:00:00:00:2a"}],
            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": at}]});
        vmi["metadata"]["finalizers"] = json!([]);
        objs.push(vmi);
    }
}

fn log_lines(objs: &mut [Value], workload: &str, lines: &[String]) {
    for pod in workload_pods(objs, workload) {
        pod["metadata"]["annotations"][crate::podlog::LOG_ANNOTATION] = json!(lines.join("\n"));
    }
}

fn rejected_vms(objs: &mut Vec<Value>, _now: &str) {
    let lines: Vec<String> = (0..4)
        .map(|i| format!("{{\"level\":\"info\",\"msg\":\"validation failed for VM rhel-{i}: minimal-required-memory applied: FAIL, value 1073741824 is lower than minimum [2147483648], succeeded=false\"}}"))
        .collect();
    log_lines(objs, "virt-template-validator", &lines);
}

fn templates_reverted(objs: &mut Vec<Value>, _now: &str) {
    let lines =
        vec!["{\"level\":\"info\",\"msg\":\"Changes reverted in common template: rhel9-server-small\"}".to_string()];
    log_lines(objs, "ssp-operator", &lines);
}

fn hpp_shares_os(objs: &mut Vec<Value>, _now: &str) {
    let lines = vec!["I0101 10:00:00.000000 1 hostpath.go:120] pool local (/var/hpvolumes) shares path with OS, which can lead to node disk pressure".to_string()];
    log_lines(objs, "hostpath-provisioner-csi", &lines);
}

fn hco_overwritten(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 120);
    let mut e = warning_event(
        NS,
        "kubevirt-hyperconverged",
        "HyperConverged",
        "Overwritten",
        "Overwritten KubeVirt kubevirt-kubevirt-hyperconverged",
        &at,
    );
    e["type"] = json!("Normal");
    objs.push(e);
}

fn hco_jsonpatch(objs: &mut Vec<Value>, _now: &str) {
    for o in objs.iter_mut().filter(|o| o["kind"] == "HyperConverged") {
        o["metadata"]["annotations"] = json!({"kubevirt.kubevirt.io/jsonpatch":
            "[{\"op\":\"add\",\"path\":\"/spec/configuration/migrations\",\"value\":{\"allowPostCopy\":true}}]"});
    }
}

fn hco_unhealthy(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 1800);
    for o in objs.iter_mut().filter(|o| o["kind"] == "HyperConverged") {
        o["status"]["systemHealthStatus"] = json!("error");
        if let Some(conds) = o["status"]["conditions"].as_array_mut() {
            for c in conds
                .iter_mut()
                .filter(|c| c["type"] == "Available" || c["type"] == "Degraded")
            {
                c["status"] = json!(if c["type"] == "Available" { "False" } else { "True" });
                c["reason"] = json!("CDIDegraded");
                c["message"] = json!("CDI is degraded: cdi-deployment is not ready");
                c["lastTransitionTime"] = json!(since);
            }
        }
    }
}

/// Node objects of the simulator's base (created by the simulator itself) are edited through
/// copies added here; [`crate::openshift_virt::load`] replaces existing objects.
fn base_node(name: &str) -> Value {
    crate::fixtures::node(
        name,
        if name == "node01" {
            "192.168.66.101"
        } else {
            "192.168.66.102"
        },
    )
}

fn low_kvm(objs: &mut Vec<Value>, _now: &str) {
    let mut n = base_node("node02");
    n["status"]["allocatable"]["devices.kubevirt.io/kvm"] = json!("0");
    n["status"]["capacity"]["devices.kubevirt.io/kvm"] = json!("0");
    objs.push(n);
}

fn no_schedulable_nodes(objs: &mut Vec<Value>, _now: &str) {
    for name in ["node01", "node02"] {
        let mut n = base_node(name);
        n["spec"]["unschedulable"] = json!(true);
        objs.push(n);
    }
}

fn control_plane_down(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 900);
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "Node" && o["metadata"]["name"] == crate::openshift_virt::MASTER)
    {
        o["status"]["conditions"] = json!([{"type": "Ready", "status": "Unknown", "reason": "NodeStatusUnknown",
            "message": "Kubelet stopped posting node status.", "lastTransitionTime": since, "lastHeartbeatTime": since}]);
    }
}

fn maintenance_stuck(objs: &mut Vec<Value>, now: &str) {
    let mut n = base_node("node02");
    n["spec"]["unschedulable"] = json!(true);
    objs.push(n);
    objs.push(
        json!({"apiVersion": "nodemaintenance.medik8s.io/v1beta1", "kind": "NodeMaintenance",
        "metadata": {"name": "node02-maintenance"},
        "spec": {"nodeName": "node02", "reason": "replace disk"},
        "status": {"phase": "Running", "totalpods": 12, "evictionPods": 3, "pendingPods": ["virt-launcher-db-1-abcde"],
                   "lastError": "Cannot evict pod as it would violate the pod's disruption budget.",
                   "drainProgress": 75, "lastUpdate": ago(now, 60)}}),
    );
}
