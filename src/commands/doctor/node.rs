//! `node`: nodes, node maintenance (seed 004) and what a drain would do.

use super::catalog::CatalogEntry;
use super::common::{FnCheck, MetricsOnly};
use super::facts::{
    Facts, Kind, array, condition, condition_since, is_true, label, name_of, namespace_of, str_at, time_at,
};
use super::model::{Component, Coverage, Finding, Meta, Outcome, Severity, SkipCode, Source, Status, age};
use super::object::Object;

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "LowKVMNodesCount", aliases: &[], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.22",
            meaning: "Fewer than two nodes expose the KVM device, so live migration is impossible (and with none, VMs cannot run at all).",
            mitigation: "Enable hardware virtualization (BIOS, nested virtualization) on the nodes; for test clusters only, enable software emulation (spec.configuration.developerConfiguration.useEmulation: true in the KubeVirt CR).",
        },
        check: &FnCheck {
            needs: &[Kind::Nodes],
            wants: &[],
            eval: low_kvm,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HAControlPlaneDown", aliases: &[], component: Component::Node, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "A control-plane node has not been Ready for 5 minutes; API server, scheduler, controllers and etcd lose redundancy.",
            mitigation: "Check kubelet, resources (disk pressure), reachability and power; recover or replace the node; keep three control-plane nodes.",
        },
        check: &FnCheck {
            needs: &[Kind::Nodes],
            wants: &[],
            eval: control_plane_down,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HighCPUWorkload", aliases: &[], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::M, sources: &[Source::Api, Source::Mapi, Source::Prom], for_secs: 300, seeds: "",
            meaning: "A node's CPU utilisation has been at or above 90% for 5 minutes.",
            mitigation: "Restart or limit a runaway pod, live-migrate VMs away, cordon and rebalance, or add capacity.",
        },
        check: &FnCheck {
            needs: &[Kind::Nodes],
            wants: &[Kind::NodeMetrics],
            eval: high_cpu,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HighNodeCPUFrequency", aliases: &[], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 300, seeds: "",
            meaning: "A CPU runs above 80% of its maximum frequency for 5 minutes (sustained load or thermal/power management issues).",
            mitigation: "Confirm legitimate load; otherwise check cooling and power settings; spread workloads.",
        },
        check: &MetricsOnly,
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtNoAvailableNodesToRunVMs", aliases: &[], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "No node can run a VM: none has KVM (and emulation is off), or none is both labelled schedulable for KubeVirt and not cordoned.",
            mitigation: "Add virtualization-capable nodes, uncordon nodes, or repair virt-handler (which sets the schedulable label).",
        },
        check: &FnCheck {
            needs: &[Kind::Nodes, Kind::KubeVirts],
            wants: &[],
            eval: no_available_nodes,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "NodeNetworkInterfaceDown", aliases: &[], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 300, seeds: "",
            meaning: "A node network interface is administratively up but not running/lower-up for 5 minutes (cable, switch port or configuration).",
            mitigation: "Check cabling and switch port, driver and interface configuration; unused NICs may be disabled instead.",
        },
        check: &MetricsOnly,
    },
    CatalogEntry {
        meta: Meta {
            name: "PersistentVolumeFillingUp", aliases: &[], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Kstat, Source::Prom], for_secs: 300, seeds: "",
            meaning: "A PersistentVolume has less than 10% free space and, at the current trend, fills up within four days.",
            mitigation: "Delete data, expand the PVC when the StorageClass has allowVolumeExpansion, or move data to a larger volume.",
        },
        check: &FnCheck {
            needs: &[],
            wants: &[],
            eval: pv_filling_up,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "NodeMaintenanceStatus", aliases: &["KubevirtHyperconvergedClusterOperatorNMOInUseAlert"], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "004",
            meaning: "Nodes under maintenance (NodeMaintenance CRs, medik8s and legacy groups) and cordoned nodes: stuck, failing or legacy maintenance. NodeMaintenance CRs of the old integrated Node Maintenance Operator (nodemaintenance.kubevirt.io) exist; that operator is gone from 4.11 on.",
            mitigation: "Resolve the pods blocking eviction (see NodeDrainReadiness), or end maintenance by deleting the NodeMaintenance CR / oc adm uncordon <node>; move legacy CRs to the medik8s group before upgrading.",
        },
        check: &FnCheck {
            needs: &[Kind::Nodes],
            wants: &[Kind::NodeMaintenances, Kind::LegacyNodeMaintenances],
            eval: maintenance,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "NodeDrainReadiness", aliases: &[], component: Component::Node, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "004",
            meaning: "What draining a node would do to its VMIs: live-migrated, blocking the drain, shut down and restarted elsewhere, or shut down for good.",
            mitigation: "Put evictionStrategy: LiveMigrate on VMs that must survive maintenance, remove migration blockers (masquerade binding, RWX storage), stop or move the rest deliberately, then drain (oc adm cordon + oc adm drain <node> --delete-emptydir-data --ignore-daemonsets=true --force, or a NodeMaintenance CR).",
        },
        check: &FnCheck {
            needs: &[Kind::Nodes, Kind::Vmis, Kind::KubeVirts],
            wants: &[Kind::Vms, Kind::Vmims, Kind::NodeMaintenances],
            eval: drain_readiness,
        },
    },
];

fn is_arbiter(n: &Object) -> bool {
    label(n, "node-role.kubernetes.io/arbiter").is_some()
}

fn kvm(n: &Object) -> bool {
    let v = str_at(n, "/status/allocatable/devices.kubevirt.io~1kvm");
    !v.is_empty() && v != "0"
}

fn low_kvm(f: &Facts, meta: &Meta) -> Outcome {
    let nodes: Vec<&Object> = f.items(Kind::Nodes).iter().filter(|n| !is_arbiter(n)).collect();
    let with_kvm: Vec<&Object> = nodes.iter().copied().filter(|n| kvm(n)).collect();
    let summary = format!("{}/{} nodes expose /dev/kvm", with_kvm.len(), nodes.len());
    if nodes.len() > 1 && with_kvm.len() < 2 {
        let findings = nodes
            .iter()
            .map(|n| {
                Finding::new(
                    "Node",
                    None,
                    name_of(n),
                    format!(
                        "Node {}: kvm {}, schedulable label {}, Ready {}",
                        name_of(n),
                        if kvm(n) { "yes" } else { "no" },
                        label(n, "kubevirt.io/schedulable").unwrap_or("-"),
                        is_true(n, "Ready")
                    ),
                )
                .fact("kvm", kvm(n))
            })
            .collect();
        return Outcome::failing(meta.severity.status(), None, f.now, 0, summary).with(findings);
    }
    Outcome::ok(summary)
}

fn control_plane_down(f: &Facts, meta: &Meta) -> Outcome {
    let cp: Vec<&Object> = f
        .items(Kind::Nodes)
        .iter()
        .filter(|n| {
            label(n, "node-role.kubernetes.io/control-plane").is_some()
                || label(n, "node-role.kubernetes.io/master").is_some()
        })
        .collect();
    let down: Vec<&&Object> = cp.iter().filter(|n| !is_true(n, "Ready")).collect();
    if down.is_empty() {
        return Outcome::ok(format!("{} control-plane nodes Ready", cp.len()));
    }
    let since = down.iter().filter_map(|n| condition_since(n, "Ready")).min();
    let findings = down
        .iter()
        .map(|n| {
            let c = condition(n, "Ready");
            Finding::new(
                "Node",
                None,
                name_of(n),
                format!(
                    "Node {}: Ready={} {}: {}",
                    name_of(n),
                    c.map(|c| str_at(c, "/status")).unwrap_or("?"),
                    c.map(|c| str_at(c, "/reason")).unwrap_or(""),
                    c.map(|c| str_at(c, "/message")).unwrap_or("")
                ),
            )
        })
        .collect();
    Outcome::failing(
        meta.severity.status(),
        since,
        f.now,
        meta.for_secs,
        format!("{}/{} control-plane nodes not Ready", down.len(), cp.len()),
    )
    .with(findings)
}

fn high_cpu(f: &Facts, meta: &Meta) -> Outcome {
    if !f.served(Kind::NodeMetrics) {
        return Outcome::skipped(SkipCode::NeedsMetricsApi, "metrics.k8s.io is not served");
    }
    let mut findings = Vec::new();
    for m in f.items(Kind::NodeMetrics) {
        let Some(node) = f.node(name_of(m)) else { continue };
        let usage = super::virt::quantity(str_at(m, "/usage/cpu")).unwrap_or(0.0);
        let cap = super::virt::quantity(str_at(node, "/status/capacity/cpu")).unwrap_or(0.0);
        if cap > 0.0 && usage / cap >= 0.9 {
            findings.push(
                Finding::new(
                    "Node",
                    None,
                    name_of(m),
                    format!("Node {}: CPU {:.0}%", name_of(m), 100.0 * usage / cap),
                )
                .fact("utilisation", usage / cap),
            );
        }
    }
    if findings.is_empty() {
        return Outcome::ok("no node at 90% CPU or more");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} node(s) at 90% CPU or more", findings.len()),
    )
    .with(findings)
}

fn no_available_nodes(f: &Facts, meta: &Meta) -> Outcome {
    let Some(kv) = f.items(Kind::KubeVirts).first() else {
        return Outcome::skipped(SkipCode::NotInstalled, "KubeVirt not found");
    };
    let nodes = f.items(Kind::Nodes);
    let kvm_nodes = nodes.iter().filter(|n| kvm(n)).count();
    let emulation = kv
        .pointer("/spec/configuration/developerConfiguration/useEmulation")
        .and_then(Object::as_bool)
        == Some(true);
    let schedulable = nodes
        .iter()
        .filter(|n| label(n, "kubevirt.io/schedulable") == Some("true"))
        .filter(|n| n.pointer("/spec/unschedulable").and_then(Object::as_bool) != Some(true))
        .count();
    let cordoned: Vec<&str> = nodes
        .iter()
        .filter(|n| n.pointer("/spec/unschedulable").and_then(Object::as_bool) == Some(true))
        .map(name_of)
        .collect();
    let summary = format!(
        "{kvm_nodes} KVM nodes, emulation {}, {schedulable} schedulable KubeVirt nodes",
        if emulation { "on" } else { "off" }
    );
    if (kvm_nodes == 0 && !emulation) || schedulable == 0 {
        return Outcome::failing(meta.severity.status(), None, f.now, 0, summary).finding(
            Finding::new(
                "Node",
                None,
                "*",
                format!(
                    "cordoned nodes: {}",
                    if cordoned.is_empty() {
                        "none".to_string()
                    } else {
                        cordoned.join(", ")
                    }
                ),
            )
            .fact("cordoned", cordoned),
        );
    }
    Outcome::ok(summary)
}

fn pv_filling_up(_f: &Facts, _meta: &Meta) -> Outcome {
    Outcome::skipped(
        SkipCode::NeedsPrometheus,
        "volume levels need Prometheus (or --kubelet-stats)",
    )
}

fn maintenance(f: &Facts, meta: &Meta) -> Outcome {
    let mut findings = Vec::new();
    let mut status = Status::Ok;
    let crs = f
        .items(Kind::NodeMaintenances)
        .iter()
        .map(|c| (c, false))
        .chain(f.items(Kind::LegacyNodeMaintenances).iter().map(|c| (c, true)));
    let mut with_cr = Vec::new();
    for (cr, legacy) in crs {
        let node = str_at(cr, "/spec/nodeName");
        with_cr.push(node.to_string());
        let phase = str_at(cr, "/status/phase");
        let created = time_at(cr, "/metadata/creationTimestamp");
        let running_long = phase == "Running" && created.is_some_and(|t| f.seconds_since(t) > 1800);
        let error = str_at(cr, "/status/lastError");
        let pending: Vec<&str> = array(cr, "/status/pendingPods")
            .iter()
            .filter_map(Object::as_str)
            .collect();
        let bad = legacy || running_long || !error.is_empty() || !pending.is_empty() || phase == "Failed";
        if !bad {
            continue;
        }
        status = Status::Warning;
        let mut text = format!(
            "NodeMaintenance {} on {node}: phase {}",
            name_of(cr),
            if phase.is_empty() { "unknown" } else { phase }
        );
        if let Some(t) = created {
            text.push_str(&format!(" for {}", age(f.seconds_since(t))));
        }
        if !pending.is_empty() {
            text.push_str(&format!(", pending pods {}", pending.join(", ")));
        }
        if !error.is_empty() {
            text.push_str(&format!(", last error: {error}"));
        }
        if legacy {
            text.push_str(" (legacy nodemaintenance.kubevirt.io group)");
        }
        findings.push(
            Finding::new("NodeMaintenance", None, name_of(cr), text)
                .fact("node", node)
                .fact("phase", phase)
                .fact("pendingPods", pending)
                .fact("lastError", error)
                .fact("legacy", legacy),
        );
    }
    let cordoned: Vec<&str> = f
        .items(Kind::Nodes)
        .iter()
        .filter(|n| n.pointer("/spec/unschedulable").and_then(Object::as_bool) == Some(true))
        .map(name_of)
        .filter(|n| !with_cr.iter().any(|c| c == n))
        .collect();
    if status == Status::Ok {
        let mut summary = format!("{} NodeMaintenance(s), none stuck", with_cr.len());
        if !cordoned.is_empty() {
            summary.push_str(&format!("; cordoned without a CR: {}", cordoned.join(", ")));
        }
        return Outcome::ok(summary);
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} node maintenance(s) need attention", findings.len()),
    )
    .with(findings)
}

/// The eviction strategy in effect for a VMI and where it comes from.
pub fn eviction_strategy<'a>(vmi: &'a Object, kv: Option<&'a Object>) -> (&'a str, &'static str) {
    let own = str_at(vmi, "/spec/evictionStrategy");
    if !own.is_empty() {
        return (own, "VMI");
    }
    let cluster = kv
        .map(|k| str_at(k, "/spec/configuration/evictionStrategy"))
        .unwrap_or("");
    (cluster, "cluster default")
}

fn drain_readiness(f: &Facts, _meta: &Meta) -> Outcome {
    let nodes = nodes_to_drain(f);
    if nodes.is_empty() {
        return Outcome::ok("no cordoned node (use --node to ask about one)");
    }
    let mut worst = Status::Ok;
    let mut findings = Vec::new();
    for node in &nodes {
        for vmi in f
            .items(Kind::Vmis)
            .iter()
            .filter(|v| str_at(v, "/status/nodeName") == *node)
        {
            let (status, finding) = drain_fate(f, node, vmi);
            worst = worst.max(status);
            findings.push(finding);
        }
    }
    let count = findings.len();
    if worst == Status::Ok {
        return Outcome::ok(format!(
            "{count} VMI(s) on {} would migrate or restart",
            nodes.join(",")
        ));
    }
    let mut out = Outcome::failing(
        worst,
        None,
        f.now,
        0,
        format!("draining {} would stop or be blocked by VMIs", nodes.join(",")),
    );
    out.findings = findings
        .into_iter()
        .filter(|fi| fi.facts.get("outcome").and_then(serde_json::Value::as_str) != Some("migrates"))
        .collect();
    out
}

/// The node `--node` names, else the cordoned ones.
fn nodes_to_drain(f: &Facts) -> Vec<&str> {
    match &f.scope.node {
        Some(n) => vec![n.as_str()],
        None => f
            .items(Kind::Nodes)
            .iter()
            .filter(|n| n.pointer("/spec/unschedulable").and_then(Object::as_bool) == Some(true))
            .map(name_of)
            .collect(),
    }
}

/// What draining `node` does to `vmi`, and how bad that is.
fn drain_fate(f: &Facts, node: &str, vmi: &Object) -> (Status, Finding) {
    let kv = f.items(Kind::KubeVirts).first();
    let (strategy, from) = eviction_strategy(vmi, kv);
    let migratable = is_true(vmi, "LiveMigratable");
    let (outcome, status) = match strategy {
        "LiveMigrate" | "LiveMigrateIfPossible" if migratable => ("migrates", Status::Ok),
        "LiveMigrate" if under_maintenance(f, node) => ("blocks the drain", Status::Critical),
        "LiveMigrate" => ("blocks the drain", Status::Warning),
        "LiveMigrateIfPossible" | "None" | "" => shut_down_fate(f.named(Kind::Vms, namespace_of(vmi), name_of(vmi))),
        "External" => ("left to the external controller", Status::Ok),
        _ => ("unknown eviction strategy", Status::Warning),
    };
    let reason = condition(vmi, "LiveMigratable")
        .map(|c| str_at(c, "/reason"))
        .unwrap_or("");
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!(", LiveMigratable {reason}")
    };
    let shown_strategy = if strategy.is_empty() { "unset" } else { strategy };
    let finding = Finding::new(
        "VirtualMachineInstance",
        Some(namespace_of(vmi)),
        name_of(vmi),
        format!(
            "VMI {}/{} on {node}: {outcome} (evictionStrategy {shown_strategy} from {from}{reason})",
            namespace_of(vmi),
            name_of(vmi),
        ),
    )
    .fact("node", node)
    .fact("outcome", outcome)
    .fact("evictionStrategy", strategy)
    .fact("liveMigratable", migratable);
    (status, finding)
}

/// Whether a NodeMaintenance is draining `node` now (a blocked drain is then critical).
fn under_maintenance(f: &Facts, node: &str) -> bool {
    f.items(Kind::NodeMaintenances)
        .iter()
        .any(|m| str_at(m, "/spec/nodeName") == node && str_at(m, "/status/phase") == "Running")
}

/// A VMI that is shut down rather than migrated: its VM's run strategy says whether it comes
/// back on another node.
fn shut_down_fate(vm: Option<&Object>) -> (&'static str, Status) {
    let Some(vm) = vm else {
        return ("shut down, stays off", Status::Warning);
    };
    let restarted = matches!(str_at(vm, "/spec/runStrategy"), "Always" | "RerunOnFailure")
        || vm.pointer("/spec/running").and_then(Object::as_bool) == Some(true);
    if restarted {
        ("shut down, restarted elsewhere", Status::Ok)
    } else {
        ("shut down, stays off", Status::Warning)
    }
}
