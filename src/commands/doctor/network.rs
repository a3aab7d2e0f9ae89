//! `cnao` and `kmp`: the Cluster Network Addons Operator and KubeMacPool.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::catalog::{CatalogEntry, Check};
use super::common::{FnCheck, Rule, WorkloadCheck, cr_not_ready};
use super::facts::{Facts, Kind, annotation, array, label, name_of, namespace_of, str_at, str_in};
use super::model::{Component, Coverage, Finding, Meta, Outcome, Severity, SkipCode, Source};
use super::object::Object;
use super::workload::{CNAO_OPERATOR, KMP_MANAGER};

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "CnaoDown", aliases: &[], component: Component::Cnao, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.6",
            meaning: "The Cluster Network Addons Operator is down, so changes to network components are not reconciled.",
            mitigation: "Fix the pod failure shown (logs, describe).",
        },
        check: &WorkloadCheck {
            workload: &CNAO_OPERATOR,
            rule: Rule::NoneReady,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "NetworkAddonsConfigNotReady", aliases: &[], component: Component::Cnao, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.28",
            meaning: "The NetworkAddonsConfig is not Available: one of the network components CNAO deploys (linux-bridge, macvtap, KubeMacPool, ...) is not ready.",
            mitigation: "Fix the failing component's pods (image, node, config).",
        },
        check: &FnCheck {
            needs: &[Kind::NetworkAddonsConfigs],
            wants: &[Kind::DaemonSets, Kind::Pods],
            eval: nac_not_ready,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CnaoNmstateMigration", aliases: &[], component: Component::Cnao, severity: Severity::Warning, default_on: false,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "CNAO still runs kubernetes-nmstate while the standalone NMState operator is absent; upgrading to 4.11 is blocked.",
            mitigation: "Install the Kubernetes NMState Operator; CNAO hands the deployment over, then upgrade.",
        },
        check: &FnCheck {
            needs: &[Kind::DaemonSets, Kind::Deployments],
            wants: &[],
            eval: nmstate_migration,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubemacpoolDown", aliases: &["KubeMacPoolDown"], component: Component::Kmp, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.10; 002 §13.13.1.1",
            meaning: "KubeMacPool (MAC address allocation and conflict prevention) is deployed by CNAO but its manager pod is down; VirtualMachine creation fails.",
            mitigation: "Fix the manager pod (describe/logs); while it is down VM creation is blocked.",
        },
        check: &FnCheck {
            needs: &[Kind::Pods, Kind::NetworkAddonsConfigs],
            wants: &[Kind::Deployments, Kind::Events],
            eval: kmp_down,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeMacPoolDuplicateMacsFound", aliases: &[], component: Component::Kmp, severity: Severity::Warning, default_on: false,
            coverage: Coverage::A, sources: &[Source::Api, Source::Log, Source::Prom], for_secs: 300, seeds: "000 §14.14.11",
            meaning: "KubeMacPool found the same MAC address on more than one VM in managed namespaces.",
            mitigation: "Change the MAC on one of the VMs, then restart the kubemacpool manager pod.",
        },
        check: &FnCheck {
            needs: &[Kind::Vms],
            wants: &[],
            eval: duplicate_vm_macs,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubemacpoolMACCollisionDetected", aliases: &[], component: Component::Kmp, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 30, seeds: "",
            meaning: "Several running workloads use the same MAC address (packet loss, ARP conflicts, traffic to the wrong target).",
            mitigation: "Delete or reconfigure one of the colliding workloads so it uses another MAC.",
        },
        check: &FnCheck {
            needs: &[Kind::Vmis, Kind::Pods],
            wants: &[],
            eval: mac_collisions,
        },
    },
];

fn nac(f: &Facts) -> Option<&Object> {
    f.items(Kind::NetworkAddonsConfigs)
        .iter()
        .find(|n| name_of(n) == "cluster")
}

fn nac_not_ready(f: &Facts, meta: &Meta) -> Outcome {
    let Some(nac) = nac(f) else {
        return Outcome::skipped(SkipCode::NotInstalled, "no NetworkAddonsConfig cluster");
    };
    if super::facts::is_true(nac, "Available") {
        return Outcome::ok("NetworkAddonsConfig cluster is available");
    }
    let mut out = cr_not_ready(f, meta, nac, "NetworkAddonsConfig");
    if !out.status.is_problem() {
        // Progressing but not Available still fires this alert.
        let since = super::facts::condition_since(nac, "Available");
        out = Outcome::failing(
            meta.severity.status(),
            since,
            f.now,
            meta.for_secs,
            "NetworkAddonsConfig cluster is not available",
        );
    }
    out
}

fn nmstate_migration(f: &Facts, meta: &Meta) -> Outcome {
    let Some(ns) = f.ns.get(Component::Cnao) else {
        return Outcome::skipped(SkipCode::NotInstalled, "Cluster Network Addons Operator not found");
    };
    let handler = f.named(Kind::DaemonSets, ns, "nmstate-handler");
    let operator = f
        .items(Kind::Deployments)
        .iter()
        .any(|d| name_of(d) == "kubernetes-nmstate-operator");
    match handler {
        Some(_) if !operator => Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            "CNAO runs nmstate-handler and the NMState operator is missing",
        )
        .finding(Finding::new(
            "DaemonSet",
            Some(ns),
            "nmstate-handler",
            format!("DaemonSet {ns}/nmstate-handler deployed by CNAO"),
        )),
        _ => Outcome::ok("kubernetes-nmstate is not deployed by CNAO"),
    }
}

fn kmp_down(f: &Facts, meta: &Meta) -> Outcome {
    let Some(nac) = nac(f) else {
        return Outcome::skipped(SkipCode::NotInstalled, "no NetworkAddonsConfig cluster");
    };
    if nac.pointer("/spec/kubeMacPool").is_none() {
        return Outcome::ok("KubeMacPool is not deployed");
    }
    let out = WorkloadCheck {
        workload: &KMP_MANAGER,
        rule: Rule::NoneReady,
    }
    .evaluate(f, meta);
    if out.skip.is_some() {
        return Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            "KubeMacPool is deployed but no mac-controller-manager pod exists",
        );
    }
    out
}

fn duplicate_vm_macs(f: &Facts, meta: &Meta) -> Outcome {
    let mut macs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for vm in f.scoped(Kind::Vms) {
        for iface in array(vm, "/spec/template/spec/domain/devices/interfaces") {
            let mac = str_at(iface, "/macAddress").to_ascii_lowercase();
            if !mac.is_empty() {
                macs.entry(mac)
                    .or_default()
                    .push(format!("{}/{}", namespace_of(vm), name_of(vm)));
            }
        }
    }
    collisions(f, meta, macs, "VirtualMachine")
}

fn mac_collisions(f: &Facts, meta: &Meta) -> Outcome {
    let mut macs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // A set: at 10,000 VMs a list would make this check quadratic.
    let vmi_uids: HashSet<&str> = f.items(Kind::Vmis).iter().map(|v| str_at(v, "/metadata/uid")).collect();
    for vmi in f
        .items(Kind::Vmis)
        .iter()
        .filter(|v| str_at(v, "/status/phase") == "Running")
    {
        for iface in array(vmi, "/status/interfaces") {
            let mac = str_at(iface, "/mac").to_ascii_lowercase();
            if !mac.is_empty() {
                macs.entry(mac).or_default().push(format!(
                    "VirtualMachineInstance {}/{}",
                    namespace_of(vmi),
                    name_of(vmi)
                ));
            }
        }
    }
    for pod in f.items(Kind::Pods) {
        // A launcher pod and the VMI it hosts are one workload.
        if label(pod, "kubevirt.io/created-by").is_some_and(|u| vmi_uids.contains(&u)) {
            continue;
        }
        let Some(status) = annotation(pod, "k8s.v1.cni.cncf.io/network-status") else {
            continue;
        };
        let Ok(Value::Array(nets)) = serde_json::from_str::<Value>(status) else {
            continue;
        };
        for net in nets
            .iter()
            .filter(|n| n.get("default").and_then(Value::as_bool) != Some(true))
        {
            let mac = str_in(net, "/mac").to_ascii_lowercase();
            if !mac.is_empty() {
                macs.entry(mac)
                    .or_default()
                    .push(format!("Pod {}/{}", namespace_of(pod), name_of(pod)));
            }
        }
    }
    collisions(f, meta, macs, "workload")
}

fn collisions(f: &Facts, meta: &Meta, macs: BTreeMap<String, Vec<String>>, what: &str) -> Outcome {
    let findings: Vec<Finding> = macs
        .into_iter()
        .filter(|(_, holders)| super::facts::distinct(holders.iter().cloned()).len() > 1)
        .map(|(mac, holders)| {
            Finding::new("MAC", None, &mac, format!("MAC {mac} used by {}", holders.join(", ")))
                .fact("holders", holders)
        })
        .collect();
    if findings.is_empty() {
        return Outcome::ok(format!("no MAC address shared by two {what}s"));
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} MAC address(es) shared", findings.len()),
    )
    .with(findings)
}
