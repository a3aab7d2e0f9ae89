//! `vm-workload`: virtual machines and their instances.

use std::collections::BTreeMap;

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use super::catalog::Check;
use super::common::{FnCheck, MetricsOnly};
use super::facts::{
    Facts, K, annotation, array, condition, condition_since, event_time, is_true, label, name_of, namespace_of, str_at,
    time_at,
};
use super::model::{Finding, Meta, Outcome, SkipCode, age};
use super::node::eviction_strategy;

pub static CHECKS: &[&dyn Check] = &[
    &FnCheck {
        name: "KubevirtVmHighMemoryUsage",
        needs: &[K::Pods],
        wants: &[K::PodMetrics],
        eval: high_memory,
    },
    &FnCheck {
        name: "KubeVirtVMIExcessiveMigrations",
        needs: &[K::Vmims],
        wants: &[],
        eval: excessive_migrations,
    },
    &FnCheck {
        name: "KubeVirtVMStuckInErrorState",
        needs: &[K::Vms],
        wants: &[K::Vmis, K::DataVolumes],
        eval: stuck_error,
    },
    &FnCheck {
        name: "KubeVirtVMStuckInMigratingState",
        needs: &[K::Vms],
        wants: &[K::Vmis, K::Vmims],
        eval: stuck_migrating,
    },
    &FnCheck {
        name: "KubeVirtVMStuckInStartingState",
        needs: &[K::Vms],
        wants: &[K::Vmis, K::DataVolumes],
        eval: stuck_starting,
    },
    &FnCheck {
        name: "OutdatedVirtualMachineInstanceWorkloads",
        needs: &[K::Vmis, K::KubeVirts],
        wants: &[K::Vms],
        eval: outdated,
    },
    &FnCheck {
        name: "VMCannotBeEvicted",
        needs: &[K::Vmis, K::KubeVirts],
        wants: &[K::Vms],
        eval: cannot_be_evicted,
    },
    &FnCheck {
        name: "ClusterVMPanicDetected",
        needs: &[K::Events],
        wants: &[],
        eval: cluster_panics,
    },
    &FnCheck {
        name: "DeprecatedMachineType",
        needs: &[K::Vms, K::Nodes],
        wants: &[],
        eval: deprecated_machine_type,
    },
    &FnCheck {
        name: "GuestFilesystemAlmostOutOfSpace",
        needs: &[K::Vmis],
        wants: &[],
        eval: guest_filesystems,
    },
    &MetricsOnly {
        name: "GuestVCPUQueueHighCritical",
    },
    &MetricsOnly {
        name: "GuestVCPUQueueHighWarning",
    },
    &MetricsOnly {
        name: "KubeVirtVMGuestMemoryAvailableLow",
    },
    &MetricsOnly {
        name: "KubeVirtVMGuestMemoryPressure",
    },
    &FnCheck {
        name: "VirtualMachineInstanceHasEphemeralHotplugVolume",
        needs: &[K::Vmis],
        wants: &[],
        eval: ephemeral_hotplug,
    },
    &FnCheck {
        name: "VirtualMachineStuckInUnhealthyState",
        needs: &[K::Vms, K::Vmis],
        wants: &[K::DataVolumes],
        eval: stuck_unhealthy,
    },
    &FnCheck {
        name: "VirtualMachineStuckOnNode",
        needs: &[K::Vms, K::Vmis],
        wants: &[],
        eval: stuck_on_node,
    },
    &FnCheck {
        name: "VMNonRecoverableOSPanic",
        needs: &[K::Events],
        wants: &[],
        eval: os_panics,
    },
    &FnCheck {
        name: "VMStorageClassWarning",
        needs: &[K::Vmis, K::Pvcs, K::Pvs],
        wants: &[],
        eval: rbd_rxbounce,
    },
    &FnCheck {
        name: "VMLatencyCheckup",
        needs: &[],
        wants: &[],
        eval: |_, _| Outcome::skipped(SkipCode::NotApplicable, "run `virtctl doctor checkup vm-latency`"),
    },
];

const ERROR_STATES: &[&str] = &[
    "CrashLoopBackOff",
    "Unknown",
    "ErrorUnschedulable",
    "ErrImagePull",
    "ImagePullBackOff",
    "ErrorPvcNotFound",
    "DataVolumeError",
];

fn vm_finding(vm: &Value, text: String) -> Finding {
    Finding::new("VirtualMachine", Some(namespace_of(vm)), name_of(vm), text)
        .fact("printableStatus", str_at(vm, "/status/printableStatus"))
}

/// The newest `lastTransitionTime` of a VM's Ready, Failure and Paused conditions (the old
/// `kubevirt_vm_*_status_last_transition_timestamp_seconds`).
fn vm_status_since(vm: &Value) -> Option<Timestamp> {
    ["Ready", "Failure", "Paused"]
        .iter()
        .filter_map(|c| condition_since(vm, c))
        .max()
}

/// VMs in one of `states` for at least `min_secs`.
fn stuck(f: &Facts, meta: &Meta, states: &[&str], min_secs: i64, extra: fn(&Facts, &Value) -> bool) -> Outcome {
    let mut findings = Vec::new();
    let mut pending = false;
    for vm in f.scoped(K::Vms) {
        let status = str_at(vm, "/status/printableStatus");
        if !states.contains(&status) || !extra(f, vm) {
            continue;
        }
        let since = vm_status_since(vm);
        if since.is_none_or(|t| f.seconds_since(t) < min_secs) {
            pending = true;
            continue;
        }
        let mut text = format!(
            "VM {}/{}: {status} for {}",
            namespace_of(vm),
            name_of(vm),
            since.map(|t| age(f.seconds_since(t))).unwrap_or_default()
        );
        if let Some(c) =
            condition(vm, "Failure").or_else(|| condition(vm, "Ready").filter(|c| str_at(c, "/status") != "True"))
        {
            text.push_str(&format!(" ({})", condition_text(c)));
        }
        let context = stuck_context(f, vm);
        if !context.is_empty() {
            text.push_str(&format!("; {}", context.join("; ")));
        }
        findings.push(vm_finding(vm, text).fact("context", context));
    }
    if findings.is_empty() {
        let mut out = Outcome::ok(format!("no VM {} for {} or more", states.join("/"), age(min_secs)));
        if pending {
            out.summary.push_str(" (some are, for less)");
        }
        return out;
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} VM(s) stuck {}", findings.len(), states.join("/")),
    )
    .with(findings)
}

/// `reason: message`, or the reason alone.
fn condition_text(c: &Value) -> String {
    match (str_at(c, "/reason"), str_at(c, "/message")) {
        (r, "") => r.to_string(),
        (r, m) => format!("{r}: {m}"),
    }
}

/// Why a VM is stuck, from what it depends on: its VMI (phase, node, failing scheduling or
/// sync conditions, an unfinished migration) and its DataVolumes that have not succeeded.
fn stuck_context(f: &Facts, vm: &Value) -> Vec<String> {
    let ns = namespace_of(vm);
    let mut out = Vec::new();
    match f.named(K::Vmis, ns, name_of(vm)) {
        Some(vmi) => {
            let mut text = format!("VMI {}", str_at(vmi, "/status/phase"));
            let node = str_at(vmi, "/status/nodeName");
            if !node.is_empty() {
                text.push_str(&format!(" on {node}"));
            }
            for kind in ["PodScheduled", "Synchronized", "Ready"] {
                if let Some(c) = condition(vmi, kind).filter(|c| str_at(c, "/status") == "False") {
                    text.push_str(&format!(", {kind}=False {}", condition_text(c)));
                }
            }
            out.push(text);
            if let Some(m) = vmi
                .pointer("/status/migrationState")
                .filter(|m| m.get("completed").and_then(Value::as_bool) != Some(true))
            {
                out.push(format!(
                    "migration {} -> {} since {} ({})",
                    str_at(m, "/sourceNode"),
                    str_at(m, "/targetNode"),
                    str_at(m, "/startTimestamp"),
                    str_at(m, "/mode")
                ));
            }
        }
        None => out.push("no VMI".to_string()),
    }
    for dv in array(vm, "/spec/template/spec/volumes")
        .iter()
        .filter_map(|v| v.pointer("/dataVolume/name").and_then(Value::as_str))
    {
        match f.named(K::DataVolumes, ns, dv) {
            Some(d) if str_at(d, "/status/phase") != "Succeeded" => {
                let mut text = format!("DataVolume {dv} {}", str_at(d, "/status/phase"));
                if let Some(c) = condition(d, "Running").filter(|c| str_at(c, "/status") != "True") {
                    text.push_str(&format!(" ({})", condition_text(c)));
                }
                out.push(text);
            }
            Some(_) => {}
            None if f.served(K::DataVolumes) => out.push(format!("DataVolume {dv} not found")),
            None => {}
        }
    }
    out
}

fn stuck_error(f: &Facts, meta: &Meta) -> Outcome {
    stuck(f, meta, ERROR_STATES, 300, |_, _| true)
}

fn stuck_migrating(f: &Facts, meta: &Meta) -> Outcome {
    stuck(f, meta, &["Migrating"], 300, |_, _| true)
}

fn stuck_starting(f: &Facts, meta: &Meta) -> Outcome {
    stuck(
        f,
        meta,
        &["Provisioning", "Starting", "WaitingForVolumeBinding"],
        300,
        |_, _| true,
    )
}

fn has_vmi(f: &Facts, vm: &Value) -> bool {
    f.named(K::Vmis, namespace_of(vm), name_of(vm)).is_some()
}

fn stuck_unhealthy(f: &Facts, meta: &Meta) -> Outcome {
    let states: Vec<&str> = ["Provisioning", "Starting", "Terminating"]
        .iter()
        .chain(ERROR_STATES)
        .copied()
        .collect();
    stuck(f, meta, &states, meta.for_secs.max(600), |f, vm| !has_vmi(f, vm))
}

fn stuck_on_node(f: &Facts, meta: &Meta) -> Outcome {
    let states: Vec<&str> = ["Starting", "Stopping", "Terminating"]
        .iter()
        .chain(ERROR_STATES)
        .copied()
        .collect();
    stuck(f, meta, &states, meta.for_secs.max(300), |f, vm| {
        f.named(K::Vmis, namespace_of(vm), name_of(vm))
            .is_some_and(|vmi| matches!(str_at(vmi, "/status/phase"), "Scheduled" | "Running"))
    })
}

fn high_memory(f: &Facts, meta: &Meta) -> Outcome {
    if !f.served(K::PodMetrics) {
        return Outcome::skipped(SkipCode::NeedsMetricsApi, "metrics.k8s.io is not served");
    }
    let mut findings = Vec::new();
    for pod in f
        .scoped(K::Pods)
        .filter(|p| label(p, "kubevirt.io") == Some("virt-launcher"))
    {
        let Some(m) = f.named(K::PodMetrics, namespace_of(pod), name_of(pod)) else {
            continue;
        };
        let request = array(pod, "/spec/containers")
            .iter()
            .find(|c| str_at(c, "/name") == "compute")
            .and_then(|c| super::virt::quantity(str_at(c, "/resources/requests/memory")));
        let usage = array(m, "/containers")
            .iter()
            .find(|c| str_at(c, "/name") == "compute")
            .and_then(|c| super::virt::quantity(str_at(c, "/usage/memory")));
        if let (Some(r), Some(u)) = (request, usage)
            && r - u < 20971520.0
        {
            findings.push(Finding::new(
                "Pod",
                Some(namespace_of(pod)),
                name_of(pod),
                format!(
                    "Pod {}/{}: {:.0} MiB headroom below the memory request",
                    namespace_of(pod),
                    name_of(pod),
                    (r - u) / 1048576.0
                ),
            ));
        }
    }
    if findings.is_empty() {
        return Outcome::ok("every virt-launcher has 20 MiB or more below its memory request");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} VM(s) close to their memory request", findings.len()),
    )
    .with(findings)
}

fn excessive_migrations(f: &Facts, meta: &Meta) -> Outcome {
    let mut per_vmi: BTreeMap<(String, String), Vec<&Value>> = BTreeMap::new();
    for m in f.scoped(K::Vmims).filter(|m| str_at(m, "/status/phase") == "Succeeded") {
        let done = array(m, "/status/phaseTransitionTimestamps")
            .iter()
            .find(|p| str_at(p, "/phase") == "Succeeded")
            .and_then(|p| time_at(p, "/phaseTransitionTimestamp"));
        if done.is_some_and(|t| f.seconds_since(t) <= 86400) {
            per_vmi
                .entry((namespace_of(m).to_string(), str_at(m, "/spec/vmiName").to_string()))
                .or_default()
                .push(m);
        }
    }
    let findings: Vec<Finding> = per_vmi
        .iter()
        .filter(|(_, ms)| ms.len() >= 5)
        .map(|((ns, vmi), ms)| {
            let origins: Vec<&str> = ms
                .iter()
                .map(|m| {
                    let g = str_at(m, "/metadata/generateName");
                    if g.starts_with("kubevirt-evacuation-") {
                        "eviction"
                    } else if g.starts_with("kubevirt-workload-update-") {
                        "workload update"
                    } else {
                        "user"
                    }
                })
                .collect();
            Finding::new(
                "VirtualMachineInstance",
                Some(ns),
                vmi,
                format!(
                    "VMI {ns}/{vmi}: at least {} migrations in 24h ({})",
                    ms.len(),
                    origins.join(", ")
                ),
            )
            .fact("migrations", ms.len())
        })
        .collect();
    if findings.is_empty() {
        return Outcome::ok("no VMI migrated 5 or more times in 24h");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!(
            "{} VMI(s) migrated at least 5 times in 24h (exact count needs Prometheus)",
            findings.len()
        ),
    )
    .with(findings)
}

fn outdated(f: &Facts, meta: &Meta) -> Outcome {
    let Some(kv) = f.items(K::KubeVirts).first() else {
        return Outcome::skipped(SkipCode::NotInstalled, "KubeVirt not found");
    };
    let vmis: Vec<&Value> = f
        .scoped(K::Vmis)
        .filter(|v| label(v, "kubevirt.io/outdatedLauncherImage").is_some())
        .collect();
    if vmis.is_empty() {
        return Outcome::ok("no VMI runs an outdated virt-launcher");
    }
    let since = condition(kv, "Progressing")
        .filter(|c| str_at(c, "/status") == "False")
        .and_then(|c| time_at(c, "/lastTransitionTime"));
    let findings = vmis
        .iter()
        .map(|v| {
            let migratable = is_true(v, "LiveMigratable");
            let cmd = if migratable {
                format!("virtctl migrate {} -n {}", name_of(v), namespace_of(v))
            } else {
                format!("virtctl restart {} -n {}", name_of(v), namespace_of(v))
            };
            Finding::new(
                "VirtualMachineInstance",
                Some(namespace_of(v)),
                name_of(v),
                format!(
                    "VMI {}/{} on {}: LiveMigratable {migratable}; {cmd}",
                    namespace_of(v),
                    name_of(v),
                    str_at(v, "/status/nodeName")
                ),
            )
            .fact("liveMigratable", migratable)
            .fact("suggestedCommand", cmd)
        })
        .collect();
    if since.is_some_and(|t| f.seconds_since(t) < meta.for_secs) {
        return Outcome::ok(format!(
            "{} outdated VMI(s), update finished less than 24h ago",
            vmis.len()
        ))
        .with(findings);
    }
    Outcome::failing(
        meta.severity.status(),
        since,
        f.now,
        meta.for_secs,
        format!("{} VMI(s) run outdated virt-launcher pods", vmis.len()),
    )
    .with(findings)
}

fn cannot_be_evicted(f: &Facts, meta: &Meta) -> Outcome {
    let kv = f.items(K::KubeVirts).first();
    let mut findings = Vec::new();
    for vmi in f.scoped(K::Vmis).filter(|v| str_at(v, "/status/phase") == "Running") {
        let (strategy, from) = eviction_strategy(vmi, kv);
        if strategy != "LiveMigrate" || is_true(vmi, "LiveMigratable") {
            continue;
        }
        let c = condition(vmi, "LiveMigratable");
        findings.push(
            Finding::new(
                "VirtualMachineInstance",
                Some(namespace_of(vmi)),
                name_of(vmi),
                format!(
                    "VMI {}/{} on {}: evictionStrategy LiveMigrate ({from}) but not live-migratable{}",
                    namespace_of(vmi),
                    name_of(vmi),
                    str_at(vmi, "/status/nodeName"),
                    c.map(|c| format!(": {} {}", str_at(c, "/reason"), str_at(c, "/message")))
                        .unwrap_or_default()
                ),
            )
            .fact("node", str_at(vmi, "/status/nodeName"))
            .fact("strategySource", from)
            .fact("reason", c.map(|c| str_at(c, "/reason")).unwrap_or("")),
        );
    }
    if findings.is_empty() {
        return Outcome::ok("every LiveMigrate VMI can live-migrate");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} VMI(s) block node drains", findings.len()),
    )
    .with(findings)
}

fn panics(f: &Facts) -> BTreeMap<(String, String), Vec<&Value>> {
    let mut out: BTreeMap<(String, String), Vec<&Value>> = BTreeMap::new();
    for e in f.scoped(K::Events).filter(|e| str_at(e, "/reason") == "GuestPanicked") {
        if event_time(e).is_some_and(|t| f.seconds_since(t) <= 86400) {
            out.entry((
                namespace_of(e).to_string(),
                str_at(e, "/involvedObject/name").to_string(),
            ))
            .or_default()
            .push(e);
        }
    }
    out
}

fn panic_findings(p: &BTreeMap<(String, String), Vec<&Value>>) -> Vec<Finding> {
    p.iter()
        .map(|((ns, name), es)| {
            let count: i64 = es.iter().map(|e| super::facts::i64_at(e, "/count").unwrap_or(1)).sum();
            Finding::new(
                "VirtualMachineInstance",
                Some(ns),
                name,
                format!("VMI {ns}/{name}: {count} guest panic(s): {}", str_at(es[0], "/message")),
            )
            .fact("panics", count)
        })
        .collect()
}

fn os_panics(f: &Facts, meta: &Meta) -> Outcome {
    let p = panics(f);
    let findings = panic_findings(&p);
    if findings.is_empty() {
        return Outcome::ok("no GuestPanicked events in the last 24h (events expire: a lower bound)");
    }
    let worst = findings
        .iter()
        .filter_map(|fi| fi.facts.get("panics").and_then(Value::as_i64))
        .max()
        .unwrap_or(0);
    let status = if worst > 5 {
        meta.severity.status()
    } else {
        super::model::Status::Warning
    };
    Outcome::failing(
        status,
        None,
        f.now,
        0,
        format!("{} VM(s) had guest panics (at least)", findings.len()),
    )
    .with(findings)
}

fn cluster_panics(f: &Facts, meta: &Meta) -> Outcome {
    let p = panics(f);
    if p.is_empty() {
        return Outcome::ok("no GuestPanicked events in the last 24h (events expire: a lower bound)");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} VM(s) in the cluster had guest panics", p.len()),
    )
    .with(panic_findings(&p))
}

fn deprecated_machine_type(f: &Facts, meta: &Meta) -> Outcome {
    let advertised: Vec<String> = f
        .items(K::Nodes)
        .iter()
        .filter(|n| n.pointer("/spec/unschedulable").and_then(Value::as_bool) != Some(true))
        .flat_map(|n| {
            n.pointer("/metadata/labels")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| {
                    (v == "true")
                        .then(|| k.strip_prefix("machine-type.node.kubevirt.io/").map(str::to_string))
                        .flatten()
                })
        })
        .collect();
    if advertised.is_empty() {
        return Outcome::ok("no node advertises machine types (the deprecation flag is a metric)");
    }
    let findings: Vec<Finding> = f
        .scoped(K::Vms)
        .filter_map(|vm| {
            let t = str_at(vm, "/spec/template/spec/domain/machine/type");
            (!t.is_empty() && t != "q35" && !advertised.iter().any(|a| a == t)).then(|| {
                vm_finding(
                    vm,
                    format!(
                        "VM {}/{}: machine type {t} unsupported on all nodes",
                        namespace_of(vm),
                        name_of(vm)
                    ),
                )
                .fact("machineType", t)
            })
        })
        .collect();
    if findings.is_empty() {
        return Outcome::ok("every VM machine type is advertised by a schedulable node");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} VM(s) use machine types no node supports", findings.len()),
    )
    .with(findings)
}

const EXCLUDED_FS: &[&str] = &[
    "CDFS",
    "iso9660",
    "udf",
    "squashfs",
    "cramfs",
    "tmpfs",
    "devtmpfs",
    "proc",
    "sysfs",
    "selinuxfs",
    "securityfs",
    "pstore",
    "debugfs",
    "tracefs",
    "configfs",
    "binfmt_misc",
    "bpf",
    "devpts",
    "mqueue",
    "nsfs",
    "rpc_pipefs",
    "ramfs",
    "rootfs",
    "overlay",
    "fusectl",
];

/// VMIs whose file systems the probe reads (agent connected), within the cap.
pub fn guest_probe_targets(f: &Facts) -> Vec<(String, String)> {
    f.scoped(K::Vmis)
        .filter(|v| str_at(v, "/status/phase") == "Running" && is_true(v, "AgentConnected"))
        .take(f.scope.max_guest_probes)
        .map(|v| (namespace_of(v).to_string(), name_of(v).to_string()))
        .collect()
}

fn guest_filesystems(f: &Facts, meta: &Meta) -> Outcome {
    let mut findings = Vec::new();
    let mut worst = super::model::Status::Ok;
    for (key, list) in &f.guest_fs {
        let (ns, name) = key.split_once('/').unwrap_or(("", key));
        for fs in array(list, "/items") {
            let kind = str_at(fs, "/fileSystemType");
            if EXCLUDED_FS.contains(&kind)
                || kind.starts_with("cgroup")
                || kind.starts_with("fuse.")
                || str_at(fs, "/mountPoint") == "System Reserved"
            {
                continue;
            }
            let used = fs.get("usedBytes").and_then(Value::as_f64).unwrap_or(0.0);
            let total = fs.get("totalBytes").and_then(Value::as_f64).unwrap_or(0.0);
            if total <= 0.0 {
                continue;
            }
            let pct = 100.0 * used / total;
            let status = if pct >= 95.0 {
                super::model::Status::Critical
            } else if pct >= 85.0 {
                super::model::Status::Warning
            } else {
                continue;
            };
            worst = worst.max(status);
            findings.push(
                Finding::new(
                    "VirtualMachineInstance",
                    Some(ns),
                    name,
                    format!(
                        "VMI {ns}/{name}: {} ({kind}, disk {}) {pct:.0}% full",
                        str_at(fs, "/mountPoint"),
                        str_at(fs, "/diskName")
                    ),
                )
                .fact("mountPoint", str_at(fs, "/mountPoint"))
                .fact("percent", pct.round()),
            );
        }
    }
    let probed = f.guest_fs.len();
    if findings.is_empty() {
        return Outcome::ok(format!(
            "{probed} VMI(s) probed, no file system 85% full; {} not probed",
            f.guest_unprobed
        ));
    }
    let _ = meta;
    Outcome::failing(
        worst,
        None,
        f.now,
        0,
        format!("{} guest file system(s) 85% full or more", findings.len()),
    )
    .with(findings)
}

fn ephemeral_hotplug(f: &Facts, meta: &Meta) -> Outcome {
    let findings: Vec<Finding> = f
        .scoped(K::Vmis)
        .filter_map(|v| {
            let vols = annotation(v, "kubevirt.io/ephemeral-hotplug-volumes")?;
            Some(Finding::new(
                "VirtualMachineInstance",
                Some(namespace_of(v)),
                name_of(v),
                format!(
                    "VMI {}/{}: ephemeral hotplug volumes {vols}",
                    namespace_of(v),
                    name_of(v)
                ),
            ))
        })
        .collect();
    if findings.is_empty() {
        return Outcome::ok("no VMI has an ephemeral hotplug volume");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} VMI(s) with ephemeral hotplug volumes", findings.len()),
    )
    .with(findings)
}

fn rbd_rxbounce(f: &Facts, meta: &Meta) -> Outcome {
    let mut findings = Vec::new();
    for vmi in f.scoped(K::Vmis) {
        let windows = str_at(vmi, "/status/guestOSInfo/name") == "Microsoft Windows"
            || annotation(vmi, "vm.kubevirt.io/os").is_some_and(|o| o.starts_with("windows"));
        if !windows {
            continue;
        }
        for vol in array(vmi, "/spec/volumes") {
            let claim = vol
                .pointer("/persistentVolumeClaim/claimName")
                .or_else(|| vol.pointer("/dataVolume/name"))
                .and_then(Value::as_str);
            let Some(claim) = claim else { continue };
            let Some(pvc) = f.named(K::Pvcs, namespace_of(vmi), claim) else {
                continue;
            };
            let Some(pv) = f
                .items(K::Pvs)
                .iter()
                .find(|p| name_of(p) == str_at(pvc, "/spec/volumeName"))
            else {
                continue;
            };
            let rbd = str_at(pv, "/spec/csi/driver").contains("rbd.csi.ceph.com");
            let block = str_at(pvc, "/spec/volumeMode") == "Block";
            let mounter = str_at(pv, "/spec/csi/volumeAttributes/mounter");
            let map = str_at(pv, "/spec/csi/volumeAttributes/mapOptions");
            if rbd && block && (mounter.is_empty() || mounter == "rbd") && !map.contains("krbd:rxbounce") {
                findings.push(Finding::new(
                    "PersistentVolumeClaim",
                    Some(namespace_of(vmi)),
                    claim,
                    format!(
                        "VMI {}/{}: PVC {claim} (PV {}) is RBD block without krbd:rxbounce",
                        namespace_of(vmi),
                        name_of(vmi),
                        name_of(pv)
                    ),
                ));
            }
        }
    }
    if findings.is_empty() {
        return Outcome::ok("no Windows VM on RBD block storage without krbd:rxbounce");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} Windows VM volume(s) without krbd:rxbounce", findings.len()),
    )
    .with(findings)
}
