//! `vm-workload`: virtual machines and their instances.

use std::collections::BTreeMap;

use k8s_openapi::jiff::Timestamp;

use super::catalog::CatalogEntry;
use super::common::{FnCheck, MetricsOnly};
use super::facts::{
    Facts, Kind, annotation, array, condition, condition_since, event_time, is_true, label, name_of, namespace_of,
    str_at, time_at,
};
use super::model::{Component, Coverage, Finding, Meta, Outcome, Severity, SkipCode, Source, age};
use super::node::eviction_strategy;
use super::object::Object;

/// The checks of this file that can judge a single VM from its own objects, which `doctor vm
/// NAME` runs over that VM's facts (report order is the catalog's). A new per-VM check is listed
/// here and given a scenario in the simulator's `vm_scenarios.rs`.
pub const ABOUT_ONE_VM: &[&str] = &[
    "KubeVirtVMIExcessiveMigrations",
    "KubeVirtVMStuckInErrorState",
    "KubeVirtVMStuckInMigratingState",
    "KubeVirtVMStuckInStartingState",
    "OutdatedVirtualMachineInstanceWorkloads",
    "VMCannotBeEvicted",
    "GuestFilesystemAlmostOutOfSpace",
    "VirtualMachineInstanceHasEphemeralHotplugVolume",
    "VirtualMachineStuckInUnhealthyState",
    "VirtualMachineStuckOnNode",
    "VMNonRecoverableOSPanic",
];

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "KubevirtVmHighMemoryUsage", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: false,
            coverage: Coverage::M, sources: &[Source::Api, Source::Mapi, Source::Prom], for_secs: 60, seeds: "000 §14.14.17",
            meaning: "The compute container of a virt-launcher pod has less than 20 MiB left below its memory request and risks being killed.",
            mitigation: "Raise VM memory (spec.template.spec.domain.resources.requests/limits.memory); upstream says the alert can be ignored on current releases.",
        },
        check: &FnCheck {
            needs: &[Kind::Pods],
            wants: &[Kind::PodMetrics],
            eval: high_memory,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtVMIExcessiveMigrations", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Prom], for_secs: 60, seeds: "000 §14.14.18",
            meaning: "A VMI live-migrated 12 or more times in 24 hours, which points at infrastructure trouble (evictions, pressure, network).",
            mitigation: "Give worker nodes enough CPU/memory/disk; find what keeps evicting (node pressure, descheduler, repeated workload updates).",
        },
        check: &FnCheck {
            needs: &[Kind::Vmims],
            wants: &[],
            eval: excessive_migrations,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtVMStuckInErrorState", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: false,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "000 §14.14.19",
            meaning: "A VM has been in an error status (CrashLoopBackOff, Unknown, ErrorUnschedulable, ErrImagePull, ImagePullBackOff, ErrorPvcNotFound, DataVolumeError) for 5 minutes.",
            mitigation: "Fix the specific cause (resources, image, PVC/DataVolume). Upstream replaced this alert by VirtualMachineStuckInUnhealthyState and VirtualMachineStuckOnNode.",
        },
        check: &FnCheck {
            needs: &[Kind::Vms],
            wants: &[Kind::Vmis, Kind::DataVolumes],
            eval: stuck_error,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtVMStuckInMigratingState", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: false,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "000 §14.14.20",
            meaning: "A VM has shown status Migrating for 5 minutes.",
            mitigation: "Tune the cluster-wide migration settings or a MigrationPolicy for the workload; check node resources and migration network.",
        },
        check: &FnCheck {
            needs: &[Kind::Vms],
            wants: &[Kind::Vmis, Kind::Vmims],
            eval: stuck_migrating,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtVMStuckInStartingState", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: false,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "000 §14.14.21",
            meaning: "A VM has been Provisioning/Starting/WaitingForVolumeBinding for 5 minutes (bad priority class, missing network, unprovisioned volume ...).",
            mitigation: "Fix the VM spec (priority class, network attachment, topology hints) or the volume provisioning.",
        },
        check: &FnCheck {
            needs: &[Kind::Vms],
            wants: &[Kind::Vmis, Kind::DataVolumes],
            eval: stuck_starting,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "OutdatedVirtualMachineInstanceWorkloads", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 86400, seeds: "000 §14.14.33 (French title 'Charges de travail d'instances de machines virtuelles périmées')",
            meaning: "VMIs still run in virt-launcher pods from before the last KubeVirt update, 24 hours after it finished; they miss fixes and features.",
            mitigation: "Enable automatic workload updates (LiveMigrate, optionally Evict) in the HyperConverged CR; migrate migratable VMIs (VirtualMachineInstanceMigration); restart non-migratable VMs whose runStrategy brings them back (stopping a migratable VM is disruptive and not advised).",
        },
        check: &FnCheck {
            needs: &[Kind::Vmis, Kind::KubeVirts],
            wants: &[Kind::Vms],
            eval: outdated,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "VMCannotBeEvicted", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 60, seeds: "000 §14.14.51",
            meaning: "A running VMI's effective eviction strategy is LiveMigrate but the VMI cannot live-migrate, so it blocks node drain and cluster updates.",
            mitigation: "Remove the blocker (masquerade binding on the pod network, RWX storage) or change the eviction strategy (seed says 'shutdown'; valid values today are None, LiveMigrate, LiveMigrateIfPossible, External; KubeVirt before v1.0, as in 4.12, has no LiveMigrateIfPossible). On single-node clusters VMs from common templates hit this by design (001 §5 release notes).",
        },
        check: &FnCheck {
            needs: &[Kind::Vmis, Kind::KubeVirts],
            wants: &[Kind::Vms],
            eval: cannot_be_evicted,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "ClusterVMPanicDetected", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Evt, Source::Prom], for_secs: 300, seeds: "",
            meaning: "One or more VMs in the cluster had non-recoverable guest panics in the last 24 hours; many at once suggests shared infrastructure (node image, driver, storage).",
            mitigation: "If panics concentrate on a node, cordon it; look for recent OS/driver/storage changes.",
        },
        check: &FnCheck {
            needs: &[Kind::Events],
            wants: &[],
            eval: cluster_panics,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "DeprecatedMachineType", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "A VM uses a machine type that the nodes report as deprecated; it may fail to start or migrate after upgrades.",
            mitigation: "Update the machine type before upgrading (edit it, or remove spec.template.spec.domain.machine so the webhook defaults it; bulk tool: kubevirt-api-lifecycle-automation).",
        },
        check: &FnCheck {
            needs: &[Kind::Vms, Kind::Nodes],
            wants: &[],
            eval: deprecated_machine_type,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "GuestFilesystemAlmostOutOfSpace", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "A file system inside a VM is 85-95% full (warning, for 10m) or at least 95% full (critical).",
            mitigation: "Free space in the guest; expand the PVC (StorageClass allowVolumeExpansion) and restart the VM so the disk image grows; add log rotation and right-size disks.",
        },
        check: &FnCheck {
            needs: &[Kind::Vmis],
            wants: &[],
            eval: guest_filesystems,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "GuestVCPUQueueHighCritical", aliases: &[], component: Component::VmWorkload, severity: Severity::Critical, default_on: true,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 0, seeds: "",
            meaning: "The guest CPU run queue exceeds 20: severe CPU contention, timeouts likely.",
            mitigation: "Migrate the VM or hot-plug vCPUs now; cordon the node if its CPU is saturated; split the workload.",
        },
        check: &MetricsOnly,
    },
    CatalogEntry {
        meta: Meta {
            name: "GuestVCPUQueueHighWarning", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 0, seeds: "",
            meaning: "The guest's CPU run queue exceeds 10 threads beyond its vCPUs in the last scrape window: moderate CPU contention.",
            mitigation: "Live-migrate to a quieter node or throttle hot processes; add vCPUs; scale out.",
        },
        check: &MetricsOnly,
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtVMGuestMemoryAvailableLow", aliases: &[], component: Component::VmWorkload, severity: Severity::Info, default_on: true,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 1800, seeds: "",
            meaning: "The guest has had under 3% memory headroom for 30 minutes with almost no swap or paging activity (likely no swap, OOM close).",
            mitigation: "Free memory in the guest, configure swap deliberately, or add memory to the VM.",
        },
        check: &MetricsOnly,
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtVMGuestMemoryPressure", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::X, sources: &[Source::Scrape, Source::Prom], for_secs: 300, seeds: "",
            meaning: "The guest OS is short of usable memory and is paging or swapping heavily (thrashing, OOM risk).",
            mitigation: "Reduce guest memory load; give the VM more memory (hotplug when supported, else stop/start).",
        },
        check: &MetricsOnly,
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtualMachineInstanceHasEphemeralHotplugVolume", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "A VMI has a hot-plugged volume that is not persisted in its VM; it will be unplugged when DeclarativeHotplugVolumes replaces HotplugVolumes.",
            mitigation: "Make the volume persistent: virtctl addvolume <vm> --volume-name=<volume> --persist.",
        },
        check: &FnCheck {
            needs: &[Kind::Vmis],
            wants: &[],
            eval: ephemeral_hotplug,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtualMachineStuckInUnhealthyState", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "A VM has been Provisioning, Starting, Terminating or in an error status for 10 minutes and has no VMI at all (early lifecycle failure).",
            mitigation: "Fix storage/DataVolume provisioning, image pull secrets, VM spec (bootable disk, disk/volume names), scheduling constraints, or uncordon nodes.",
        },
        check: &FnCheck {
            needs: &[Kind::Vms, Kind::Vmis],
            wants: &[Kind::DataVolumes],
            eval: stuck_unhealthy,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtualMachineStuckOnNode", aliases: &[], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "A VM with a scheduled/running VMI has been Starting, Stopping, Terminating or in error on its node for 5 minutes (runtime, storage or node problems).",
            mitigation: "Restart the launcher pod or the node's virt-handler, clear stuck volume attachments, migrate or force-delete the VMI, cordon a bad node.",
        },
        check: &FnCheck {
            needs: &[Kind::Vms, Kind::Vmis],
            wants: &[],
            eval: stuck_on_node,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "VMNonRecoverableOSPanic", aliases: &[], component: Component::VmWorkload, severity: Severity::Critical, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Evt, Source::Prom], for_secs: 60, seeds: "",
            meaning: "A VM's guest OS crashed without recovering (pvpanic / Hyper-V panic) in the last 24 hours.",
            mitigation: "Inspect the guest (kdump, Windows dumps) and recent guest changes; make sure a panic device (pvpanic/hyperv) is configured.",
        },
        check: &FnCheck {
            needs: &[Kind::Events],
            wants: &[],
            eval: os_panics,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "VMStorageClassWarning", aliases: &["VirtualMachineCRCErrors"], component: Component::VmWorkload, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "A Windows VM uses a Ceph RBD block volume mapped without krbd:rxbounce, which can cause CRC errors and network saturation.",
            mitigation: "Use a StorageClass with mapOptions: krbd:rxbounce (e.g. ocs-storagecluster-ceph-rbd-virtualization) for VM disks; existing PVCs must be moved to it.",
        },
        check: &FnCheck {
            needs: &[Kind::Vmis, Kind::Pvcs, Kind::Pvs],
            wants: &[],
            eval: rbd_rxbounce,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "VMLatencyCheckup", aliases: &[], component: Component::VmWorkload, severity: Severity::Critical, default_on: false,
            coverage: Coverage::A, sources: &[Source::Api, Source::Log], for_secs: 0, seeds: "003",
            meaning: "Result of the VM network latency checkup (virtctl doctor checkup vm-latency): two VMs on a secondary network measure latency against a threshold.",
            mitigation: "Run virtctl doctor checkup vm-latency -n NS --nad NAME; on failure inspect the network attachment, the nodes and the failure reason.",
        },
        check: &FnCheck {
            needs: &[],
            wants: &[],
            eval: |_, _| Outcome::skipped(SkipCode::NotApplicable, "run `virtctl doctor checkup vm-latency`"),
        },
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

fn vm_finding(vm: &Object, text: String) -> Finding {
    Finding::new("VirtualMachine", Some(namespace_of(vm)), name_of(vm), text)
        .fact("printableStatus", str_at(vm, "/status/printableStatus"))
}

/// The newest `lastTransitionTime` of a VM's Ready, Failure and Paused conditions (the old
/// `kubevirt_vm_*_status_last_transition_timestamp_seconds`).
fn vm_status_since(vm: &Object) -> Option<Timestamp> {
    ["Ready", "Failure", "Paused"]
        .iter()
        .filter_map(|c| condition_since(vm, c))
        .max()
}

/// VMs in one of `states` for at least `min_secs`.
fn stuck(f: &Facts, meta: &Meta, states: &[&str], min_secs: i64, extra: fn(&Facts, &Object) -> bool) -> Outcome {
    let mut findings = Vec::new();
    let mut pending = false;
    for vm in f.scoped(Kind::Vms) {
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
fn condition_text(c: &Object) -> String {
    match (str_at(c, "/reason"), str_at(c, "/message")) {
        (r, "") => r.to_string(),
        (r, m) => format!("{r}: {m}"),
    }
}

/// Why a VM is stuck, from what it depends on: its VMI (phase, node, failing scheduling or
/// sync conditions, an unfinished migration) and its DataVolumes that have not succeeded.
fn stuck_context(f: &Facts, vm: &Object) -> Vec<String> {
    let ns = namespace_of(vm);
    let mut out = Vec::new();
    match f.named(Kind::Vmis, ns, name_of(vm)) {
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
                .filter(|m| m.get("completed").and_then(Object::as_bool) != Some(true))
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
        .filter_map(|v| v.pointer("/dataVolume/name").and_then(Object::as_str))
    {
        match f.named(Kind::DataVolumes, ns, dv) {
            Some(d) if str_at(d, "/status/phase") != "Succeeded" => {
                let mut text = format!("DataVolume {dv} {}", str_at(d, "/status/phase"));
                if let Some(c) = condition(d, "Running").filter(|c| str_at(c, "/status") != "True") {
                    text.push_str(&format!(" ({})", condition_text(c)));
                }
                out.push(text);
            }
            Some(_) => {}
            None if f.served(Kind::DataVolumes) => out.push(format!("DataVolume {dv} not found")),
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

fn has_vmi(f: &Facts, vm: &Object) -> bool {
    f.named(Kind::Vmis, namespace_of(vm), name_of(vm)).is_some()
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
        f.named(Kind::Vmis, namespace_of(vm), name_of(vm))
            .is_some_and(|vmi| matches!(str_at(vmi, "/status/phase"), "Scheduled" | "Running"))
    })
}

fn high_memory(f: &Facts, meta: &Meta) -> Outcome {
    if !f.served(Kind::PodMetrics) {
        return Outcome::skipped(SkipCode::NeedsMetricsApi, "metrics.k8s.io is not served");
    }
    let mut findings = Vec::new();
    for pod in f
        .scoped(Kind::Pods)
        .filter(|p| label(p, "kubevirt.io") == Some("virt-launcher"))
    {
        let Some(m) = f.named(Kind::PodMetrics, namespace_of(pod), name_of(pod)) else {
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
    let mut per_vmi: BTreeMap<(String, String), Vec<&Object>> = BTreeMap::new();
    for m in f
        .scoped(Kind::Vmims)
        .filter(|m| str_at(m, "/status/phase") == "Succeeded")
    {
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
    let Some(kv) = f.items(Kind::KubeVirts).first() else {
        return Outcome::skipped(SkipCode::NotInstalled, "KubeVirt not found");
    };
    let vmis: Vec<&Object> = f
        .scoped(Kind::Vmis)
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
    let kv = f.items(Kind::KubeVirts).first();
    let mut findings = Vec::new();
    for vmi in f.scoped(Kind::Vmis).filter(|v| str_at(v, "/status/phase") == "Running") {
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

fn panics(f: &Facts) -> BTreeMap<(String, String), Vec<&Object>> {
    let mut out: BTreeMap<(String, String), Vec<&Object>> = BTreeMap::new();
    for e in f
        .scoped(Kind::Events)
        .filter(|e| str_at(e, "/reason") == "GuestPanicked")
    {
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

fn panic_findings(p: &BTreeMap<(String, String), Vec<&Object>>) -> Vec<Finding> {
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
        .filter_map(|fi| fi.facts.get("panics").and_then(serde_json::Value::as_i64))
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
        .items(Kind::Nodes)
        .iter()
        .filter(|n| n.pointer("/spec/unschedulable").and_then(Object::as_bool) != Some(true))
        .flat_map(|n| {
            n.pointer("/metadata/labels")
                .and_then(Object::fields)
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
        .scoped(Kind::Vms)
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
    f.scoped(Kind::Vmis)
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
            let used = fs.get("usedBytes").and_then(Object::as_f64).unwrap_or(0.0);
            let total = fs.get("totalBytes").and_then(Object::as_f64).unwrap_or(0.0);
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
        .scoped(Kind::Vmis)
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
    for vmi in f.scoped(Kind::Vmis) {
        let windows = str_at(vmi, "/status/guestOSInfo/name") == "Microsoft Windows"
            || annotation(vmi, "vm.kubevirt.io/os").is_some_and(|o| o.starts_with("windows"));
        if !windows {
            continue;
        }
        for vol in array(vmi, "/spec/volumes") {
            let claim = vol
                .pointer("/persistentVolumeClaim/claimName")
                .or_else(|| vol.pointer("/dataVolume/name"))
                .and_then(Object::as_str);
            let Some(claim) = claim else { continue };
            let Some(pvc) = f.named(Kind::Pvcs, namespace_of(vmi), claim) else {
                continue;
            };
            let Some(pv) = f
                .items(Kind::Pvs)
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
