//! `virt`: the KubeVirt control plane (virt-api, virt-controller, virt-handler, virt-operator).

use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};

use crate::cluster::types::quantity::suffix_scale;

use super::catalog::{CatalogEntry, Check};
use super::common::{RestErrors, Rule, WorkloadCheck, ready_names};
use super::facts::{
    Facts, Kind, annotation, array, i64_at, is_pod_ready, is_pod_running, name_of, namespace_of, str_at, time_at,
};
use super::model::{Component, Coverage, Finding, Meta, Outcome, Severity, SkipCode, Source, Status, age};
use super::object::Object;
use super::workload::{VIRT_API, VIRT_CONTROLLER, VIRT_HANDLER, VIRT_OPERATOR, Workload, pod_finding};

const fn workload_check(workload: &'static Workload, rule: Rule) -> WorkloadCheck {
    WorkloadCheck { workload, rule }
}

const fn rest_errors(workload: &'static Workload, window_secs: i64) -> RestErrors {
    RestErrors { workload, window_secs }
}

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtComponentExceedsRequestedCPU", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: false,
            coverage: Coverage::M, sources: &[Source::Api, Source::Mapi, Source::Prom], for_secs: 300, seeds: "000 §14.14.12",
            meaning: "A KubeVirt control-plane container uses more CPU than it requests, so the node may be overcommitted.",
            mitigation: "Seed: raise the request through the HyperConverged CR. Upstream retired the alert as not indicating a real problem; usually ignore.",
        },
        check: &ExceedsRequest { resource: "cpu" },
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtComponentExceedsRequestedMemory", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: false,
            coverage: Coverage::M, sources: &[Source::Api, Source::Mapi, Source::Prom], for_secs: 300, seeds: "000 §14.14.13",
            meaning: "A KubeVirt control-plane container uses more memory than it requests; the node may come under memory pressure.",
            mitigation: "Seed: raise the memory request through the HyperConverged CR; upstream says the alert can be ignored.",
        },
        check: &ExceedsRequest { resource: "memory" },
    },
    CatalogEntry {
        meta: Meta {
            name: "LowReadyVirtControllersCount", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.23",
            meaning: "Some virt-controller pods run but are not Ready; VM lifecycle handling is at risk.",
            mitigation: "Memory shortage, failed nodes, overloaded API server or network trouble: fix the cause shown.",
        },
        check: &workload_check(&VIRT_CONTROLLER, Rule::LowReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "LowReadyVirtOperatorsCount", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.24",
            meaning: "Some virt-operator pods run but are not Ready; cluster-wide management may become unavailable.",
            mitigation: "Fix the readiness cause shown.",
        },
        check: &workload_check(&VIRT_OPERATOR, Rule::LowReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "LowVirtAPICount", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 3600, seeds: "000 §14.14.25",
            meaning: "Fewer virt-api pods run than the Deployment asks for; the API loses redundancy and one node drain can interrupt it.",
            mitigation: "Find why replicas cannot run (capacity, taints, anti-affinity with too few nodes, NotReady nodes) and remove the cause.",
        },
        check: &workload_check(&VIRT_API, Rule::LowRunning),
    },
    CatalogEntry {
        meta: Meta {
            name: "LowVirtControllersCount", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.26",
            meaning: "virt-controller runs below its desired replica count (default 2); losing one more pod stops VM lifecycle handling.",
            mitigation: "Typical causes: not enough memory, nodes down, API-server overload, network problems; fix the one shown.",
        },
        check: &workload_check(&VIRT_CONTROLLER, Rule::LowRunning),
    },
    CatalogEntry {
        meta: Meta {
            name: "LowVirtOperatorCount", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 3600, seeds: "000 §14.14.27",
            meaning: "virt-operator runs below its desired replicas (default 2), so it has no high availability.",
            mitigation: "Find and fix why the second replica cannot run.",
        },
        check: &workload_check(&VIRT_OPERATOR, Rule::LowRunning),
    },
    CatalogEntry {
        meta: Meta {
            name: "NoLeadingVirtOperator", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Log, Source::Prom], for_secs: 600, seeds: "000 §14.14.29; 002 §13.13.3.1",
            meaning: "virt-operator pods are Ready but none holds the leader lease, so no replica is operating.",
            mitigation: "Delete a stale leader record (Lease virt-operator; on KubeVirt before v1.3 the Endpoints virt-operator), check RBAC and webhooks for that object, restart the Deployment.",
        },
        check: &NoLeader {
            workload: &VIRT_OPERATOR,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "NoReadyVirtController", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.30; 002 §13.13.3.2",
            meaning: "No virt-controller pod is Ready: every VM lifecycle action (start, stop, migrate) fails.",
            mitigation: "Same triage as VirtControllerDown.",
        },
        check: &workload_check(&VIRT_CONTROLLER, Rule::NoneReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "NoReadyVirtOperator", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.31; 002 §13.13.3.3",
            meaning: "No virt-operator pod is Ready: certificate rotation, upgrades and component reconciliation are unavailable.",
            mitigation: "Same triage as VirtOperatorDown.",
        },
        check: &workload_check(&VIRT_OPERATOR, Rule::NoneReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "OrphanedVirtualMachineInstances", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.32",
            meaning: "VMIs (virt-launcher pods) run on a node that has no ready virt-handler, so nothing manages them.",
            mitigation: "If a workloads placement policy excludes the node, add the node to it (or move the VMs off); otherwise repair the handler (taints/tolerations, resources, crash).",
        },
        check: &Orphaned,
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtAPIDown", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.39; 002 §13.13.3.4",
            meaning: "No virt-api pod is running. KubeVirt's aggregated API (start/stop/migrate, console, VNC, ...) and the admission webhooks it serves stop answering, so VM operations and VM creation fail.",
            mitigation: "Act on the reason: crash loop -> read the previous container log; image pull -> fix image reference, registry reachability or pull secret; no pods -> check Deployment scale and ReplicaSet FailedCreate (quota, admission); node trouble -> repair or drain the node.",
        },
        check: &workload_check(&VIRT_API, Rule::NoneRunning),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtApiRESTErrorsBurst", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::X, sources: &[Source::Log, Source::Scrape, Source::Prom], for_secs: 300, seeds: "000 §14.14.40; 002 §13.13.3.5",
            meaning: "At least 80% of the Kubernetes API requests issued by virt-api fail (HTTP 4xx/5xx): virt-api has practically lost the API server (overload, DNS, network).",
            mitigation: "Check API-server load and latency and the node's DNS/CNI; when a pod cannot reconnect, delete it so the Deployment recreates it.",
        },
        check: &rest_errors(&VIRT_API, 600),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtApiRESTErrorsHigh", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: false,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 0, seeds: "000 §14.14.41",
            meaning: "At least 5% of virt-api's API-server requests failed over the last hour; API calls become slow.",
            mitigation: "Same triage as the Burst alert; upstream now calls this alert noise.",
        },
        check: &rest_errors(&VIRT_API, 3600),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtControllerDown", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.42; 002 §13.13.3.6",
            meaning: "No virt-controller pod is running: new VMIs get no launcher pod, and shutdowns and migrations stop progressing.",
            mitigation: "Same triage as VirtAPIDown; also look for node resource exhaustion and API-server overload (scheduler not fully available).",
        },
        check: &workload_check(&VIRT_CONTROLLER, Rule::NoneRunning),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtControllerRESTErrorsBurst", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::X, sources: &[Source::Log, Source::Scrape, Source::Prom], for_secs: 300, seeds: "000 §14.14.43; 002 §13.13.3.7",
            meaning: "At least 80% of virt-controller's API-server requests fail: status updates stop and migrations cannot start; running VMs are unaffected.",
            mitigation: "API-server overload or DNS/CNI trouble on the node; delete a pod that cannot reconnect.",
        },
        check: &rest_errors(&VIRT_CONTROLLER, 600),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtControllerRESTErrorsHigh", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: false,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 0, seeds: "000 §14.14.44",
            meaning: "At least 5% of virt-controller's API-server requests failed over the last hour; node actions (start, migrate, schedule) are delayed.",
            mitigation: "As the Burst alert; upstream retired it.",
        },
        check: &rest_errors(&VIRT_CONTROLLER, 3600),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtHandlerDaemonSetRolloutFailing", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 900, seeds: "000 §14.14.45",
            meaning: "virt-handler has not become ready on every node the DaemonSet targets for 15 minutes; those nodes cannot host or manage VMs.",
            mitigation: "If the pod does not fit, free capacity on that node (evict other pods); otherwise fix taints/tolerations, image or crash cause.",
        },
        check: &workload_check(&VIRT_HANDLER, Rule::Rollout),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtHandlerRESTErrorsBurst", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::X, sources: &[Source::Log, Source::Scrape, Source::Prom], for_secs: 300, seeds: "000 §14.14.46; 002 §13.13.3.8",
            meaning: "At least 80% of a virt-handler's API-server requests fail: status is not propagated and node actions such as migrations fail; running VMs keep running.",
            mitigation: "API-server overload or node DNS/CNI trouble; delete the handler pod that cannot reconnect.",
        },
        check: &rest_errors(&VIRT_HANDLER, 600),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtHandlerRESTErrorsHigh", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: false,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 0, seeds: "000 §14.14.47",
            meaning: "At least 5% of virt-handler's API-server requests failed over the last hour; starts and migrations on that node are delayed.",
            mitigation: "As the Burst alert; retired upstream.",
        },
        check: &rest_errors(&VIRT_HANDLER, 3600),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtOperatorDown", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.48; 002 §13.13.3.9",
            meaning: "No virt-operator pod is running: install, upgrade, certificate rotation and reconciliation of the other KubeVirt components stop; running VMs are not directly affected.",
            mitigation: "Same triage as VirtAPIDown (crash, image pull, scaled to zero, node problems).",
        },
        check: &workload_check(&VIRT_OPERATOR, Rule::NoneRunning),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtOperatorRESTErrorsBurst", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::X, sources: &[Source::Log, Source::Scrape, Source::Prom], for_secs: 300, seeds: "000 §14.14.49; 002 §13.13.3.10",
            meaning: "At least 80% of virt-operator's API-server requests fail: upgrades and reconciliation do not work; VMs are not affected.",
            mitigation: "API-server overload or DNS/CNI trouble; delete a pod that cannot reconnect.",
        },
        check: &rest_errors(&VIRT_OPERATOR, 600),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtOperatorRESTErrorsHigh", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: false,
            coverage: Coverage::X, sources: &[Source::Prom], for_secs: 0, seeds: "000 §14.14.50",
            meaning: "At least 5% of virt-operator's API-server requests failed over the last hour; cluster-level actions are delayed.",
            mitigation: "As the Burst alert; retired upstream.",
        },
        check: &rest_errors(&VIRT_OPERATOR, 3600),
    },
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtDeprecatedAPIRequested", aliases: &[], component: Component::Virt, severity: Severity::Info, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "Clients still call a deprecated kubevirt.io API version (e.g. v1alpha3); those calls will break when the version is removed.",
            mitigation: "Move clients and stored manifests to kubevirt.io/v1; the alert clears 10 min after the calls stop.",
        },
        check: &DeprecatedApi,
    },
    CatalogEntry {
        meta: Meta {
            name: "LowReadyVirtAPICount", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "Some virt-api pods run but have not been Ready for 10 minutes; capacity is reduced and one more failure becomes NoReadyVirtAPI.",
            mitigation: "Remove the readiness failure: probe errors in the log, resource pressure on the node, crash loop, image problems.",
        },
        check: &workload_check(&VIRT_API, Rule::LowReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "LowReadyVirtHandlerCount", aliases: &[], component: Component::Virt, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "Some virt-handler pods run but are not Ready; VMIs on those nodes are not fully managed.",
            mitigation: "Fix the readiness failure (probe, resource pressure, node problem) so every schedulable node has a ready handler.",
        },
        check: &workload_check(&VIRT_HANDLER, Rule::LowReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "NoLeadingVirtController", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "virt-controller pods are Ready but none holds the leader lease, so no replica actually reconciles VMIs.",
            mitigation: "Delete a stale Lease to force re-election; check that ServiceAccount kubevirt-controller may get/create/update leases in $KV; look for a validating webhook rejecting lease writes; rollout restart the Deployment; relieve OOM/CPU throttling.",
        },
        check: &NoLeader {
            workload: &VIRT_CONTROLLER,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "NoReadyVirtAPI", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "No virt-api pod has been Ready for 10 minutes; the KubeVirt API is effectively unavailable even if pods run.",
            mitigation: "Restore at least one ready replica; same causes as VirtAPIDown.",
        },
        check: &workload_check(&VIRT_API, Rule::NoneReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "NoReadyVirtHandler", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "No virt-handler pod has been Ready for 10 minutes; domain updates, migrations and node-level VM operations fail everywhere.",
            mitigation: "Restore at least one ready handler on a schedulable node (scheduling, crash, image, node causes).",
        },
        check: &workload_check(&VIRT_HANDLER, Rule::NoneReady),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtHandlerDown", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "No virt-handler pod runs anywhere: no node can start, stop or migrate VMIs.",
            mitigation: "As VirtAPIDown; for a DaemonSet also check node selectors, taints and that the DaemonSet exists.",
        },
        check: &workload_check(&VIRT_HANDLER, Rule::NoneRunning),
    },
    CatalogEntry {
        meta: Meta {
            name: "VirtLauncherPodsStuckFailed", aliases: &[], component: Component::Virt, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "200 or more virt-launcher pods stay in phase Failed, loading the API server, etcd and monitoring; usually a migration loop or a failing image/network/storage path.",
            mitigation: "Break migration loops (delete in-flight VMIMs), delete failed launcher pods in batches, then fix the image/CNI/storage cause.",
        },
        check: &LaunchersStuckFailed,
    },
];

/// The leader-election record: a Lease, or (KubeVirt before v1.3) the Endpoints annotation.
#[derive(Debug, PartialEq)]
pub struct Leader {
    pub holder: String,
    pub renew: Option<Timestamp>,
    pub duration_secs: i64,
    pub transitions: i64,
    pub source: &'static str,
}

pub fn leader(f: &Facts, namespace: &str, name: &str) -> Option<Leader> {
    if let Some(lease) = f.named(Kind::Leases, namespace, name) {
        return Some(Leader {
            holder: str_at(lease, "/spec/holderIdentity").to_string(),
            renew: time_at(lease, "/spec/renewTime"),
            duration_secs: i64_at(lease, "/spec/leaseDurationSeconds").unwrap_or(15),
            transitions: i64_at(lease, "/spec/leaseTransitions").unwrap_or(0),
            source: "Lease",
        });
    }
    let endpoints = f.named(Kind::Endpoints, namespace, name)?;
    let record: Object =
        serde_json::from_str(annotation(endpoints, "control-plane.alpha.kubernetes.io/leader")?).ok()?;
    Some(Leader {
        holder: str_at(&record, "/holderIdentity").to_string(),
        renew: time_at(&record, "/renewTime"),
        duration_secs: i64_at(&record, "/leaseDurationSeconds").unwrap_or(15),
        transitions: i64_at(&record, "/leaderTransitions").unwrap_or(0),
        source: "Endpoints",
    })
}

/// NoLeadingVirtController / NoLeadingVirtOperator.
pub struct NoLeader {
    pub workload: &'static Workload,
}

impl Check for NoLeader {
    fn needs(&self) -> Vec<Kind> {
        vec![Kind::Pods, Kind::Deployments, Kind::Leases]
    }

    fn wants(&self) -> Vec<Kind> {
        vec![Kind::Endpoints, Kind::Events, Kind::Nodes]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let wp = match self.workload.probe(f) {
            Ok(wp) => wp,
            Err(skipped) => return skipped,
        };
        let ready = ready_names(&wp.pods);
        if ready.is_empty() {
            return Outcome::ok(format!("no ready {} pod (see NoReady checks)", self.workload.name));
        }
        let record = leader(f, wp.namespace, self.workload.name);
        let Some(record) = record else {
            return Outcome::failing(
                meta.severity.status(),
                None,
                f.now,
                0,
                format!("no leader record {} in {}", self.workload.name, wp.namespace),
            )
            .finding(Finding::new(
                "Lease",
                Some(wp.namespace),
                self.workload.name,
                "Lease and Endpoints leader record missing",
            ));
        };
        let renew_age = record.renew.map(|t| f.seconds_since(t));
        let holder_pod = wp.pods.iter().find(|p| name_of(p) == record.holder);
        let holder_ok = holder_pod.is_some_and(|p| is_pod_ready(p) && is_pod_running(p));
        let finding = Finding::new(
            record.source,
            Some(wp.namespace),
            self.workload.name,
            format!(
                "{} {}/{}: holder {}, renewed {} ago, {} transitions",
                record.source,
                wp.namespace,
                self.workload.name,
                if record.holder.is_empty() {
                    "none"
                } else {
                    &record.holder
                },
                renew_age.map(age).unwrap_or_else(|| "never".into()),
                record.transitions
            ),
        )
        .fact("holderIdentity", record.holder.clone())
        .fact(
            "renewTime",
            record.renew.map(|t| json!(t.to_string())).unwrap_or(Value::Null),
        )
        .fact("leaseTransitions", record.transitions)
        .fact("readyPods", ready.clone());
        let stale = renew_age.is_none_or(|a| a >= 600);
        if record.holder.is_empty() || !holder_ok || stale {
            let why = if record.holder.is_empty() {
                "has no holder".to_string()
            } else if !holder_ok {
                format!("names {} which is not a running, ready pod", record.holder)
            } else {
                "was not renewed for 10m or more".to_string()
            };
            return Outcome::failing(
                meta.severity.status(),
                record.renew,
                f.now,
                0,
                format!("{} ready, but the leader record {why}", ready.len()),
            )
            .finding(finding);
        }
        if renew_age.is_some_and(|a| a > 4 * record.duration_secs) {
            let mut out = Outcome::failing(
                meta.severity.status(),
                record.renew,
                f.now,
                600,
                format!(
                    "leader {} has not renewed for {}",
                    record.holder,
                    age(renew_age.unwrap_or(0))
                ),
            );
            out.pending = true;
            out.status = Status::Warning;
            return out.finding(finding);
        }
        Outcome::ok(format!("{} leads ({} ready)", record.holder, ready.len()))
    }
}

/// VirtLauncherPodsStuckFailed: >= 200 failed launcher pods.
pub struct LaunchersStuckFailed;

impl Check for LaunchersStuckFailed {
    fn needs(&self) -> Vec<Kind> {
        vec![Kind::Pods]
    }

    fn wants(&self) -> Vec<Kind> {
        vec![Kind::Vmims]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let failed: Vec<&Object> = f
            .items(Kind::Pods)
            .iter()
            .filter(|p| super::facts::label(p, "kubevirt.io") == Some("virt-launcher"))
            .filter(|p| str_at(p, "/status/phase") == "Failed")
            .collect();
        if failed.len() < 200 {
            return Outcome::ok(format!("{} failed virt-launcher pods (threshold 200)", failed.len()));
        }
        let finished = |p: &Object| {
            array(p, "/status/containerStatuses")
                .iter()
                .filter_map(|c| time_at(c, "/state/terminated/finishedAt"))
                .max()
        };
        let old = failed
            .iter()
            .filter(|p| finished(p).is_some_and(|t| f.seconds_since(t) >= meta.for_secs))
            .count();
        let mut by_ns: std::collections::BTreeMap<&str, usize> = Default::default();
        for p in &failed {
            *by_ns.entry(namespace_of(p)).or_default() += 1;
        }
        let mut top: Vec<_> = by_ns.into_iter().collect();
        top.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let findings = top
            .iter()
            .take(5)
            .map(|(ns, n)| {
                Finding::new(
                    "Namespace",
                    None,
                    ns,
                    format!("Namespace {ns}: {n} failed virt-launcher pods"),
                )
                .fact("failedPods", *n)
            })
            .collect();
        let unfinished = f
            .items(Kind::Vmims)
            .iter()
            .filter(|m| !matches!(str_at(m, "/status/phase"), "Succeeded" | "Failed"))
            .count();
        let mut out = Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            format!(
                "{} virt-launcher pods in phase Failed; {unfinished} unfinished migrations",
                failed.len()
            ),
        )
        .with(findings);
        if old < 200 {
            out.status = Status::Warning;
            out.pending = true;
        }
        out
    }
}

/// OrphanedVirtualMachineInstances: launcher pods on nodes without a ready virt-handler.
pub struct Orphaned;

impl Check for Orphaned {
    fn needs(&self) -> Vec<Kind> {
        vec![Kind::Pods]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let wp = match VIRT_HANDLER.probe(f) {
            Ok(wp) => wp,
            Err(skipped) => return skipped,
        };
        let launchers: Vec<&Object> = f
            .items(Kind::Pods)
            .iter()
            .filter(|p| super::facts::label(p, "kubevirt.io") == Some("virt-launcher") && is_pod_running(p))
            .collect();
        let nodes = super::facts::distinct(
            launchers
                .iter()
                .map(|p| str_at(p, "/spec/nodeName"))
                .filter(|n| !n.is_empty()),
        );
        let mut findings = Vec::new();
        let mut since: Option<Timestamp> = None;
        // A node with no handler pod at all has no age to wait for.
        let mut missing = false;
        for node in nodes {
            let handler = wp.pods.iter().find(|p| str_at(p, "/spec/nodeName") == node);
            if handler.is_some_and(|h| is_pod_ready(h)) {
                continue;
            }
            let vmis: Vec<&str> = launchers
                .iter()
                .filter(|p| str_at(p, "/spec/nodeName") == node)
                .map(|p| annotation(p, "kubevirt.io/domain").unwrap_or(name_of(p)))
                .collect();
            let state = match handler {
                Some(h) => {
                    if let Some(t) = super::facts::condition_since(h, "Ready") {
                        since = since.max(Some(t));
                    }
                    pod_finding(h).text
                }
                None => {
                    missing = true;
                    "no virt-handler pod".to_string()
                }
            };
            findings.push(
                Finding::new(
                    "Node",
                    None,
                    node,
                    format!("Node {node}: {} VMI(s) ({}) and {state}", vmis.len(), vmis.join(", ")),
                )
                .fact("vmis", vmis)
                .fact("handler", handler.map(|h| json!(name_of(h))).unwrap_or(Value::Null)),
            );
        }
        if findings.is_empty() {
            return Outcome::ok("every node running VMIs has a ready virt-handler");
        }
        Outcome::failing(
            meta.severity.status(),
            since,
            f.now,
            if missing { 0 } else { meta.for_secs },
            format!("{} node(s) run VMIs without a ready virt-handler", findings.len()),
        )
        .with(findings)
    }
}

/// KubeVirtComponentExceedsRequested{CPU,Memory}: PodMetrics against container requests.
pub struct ExceedsRequest {
    pub resource: &'static str,
}

impl Check for ExceedsRequest {
    fn needs(&self) -> Vec<Kind> {
        vec![Kind::Pods]
    }

    fn wants(&self) -> Vec<Kind> {
        vec![Kind::PodMetrics]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        if !f.served(Kind::PodMetrics) {
            return Outcome::skipped(SkipCode::NeedsMetricsApi, "metrics.k8s.io is not served");
        }
        let Some(ns) = f.ns.get(Component::Virt) else {
            return Outcome::skipped(SkipCode::NotInstalled, "KubeVirt not found");
        };
        let components = ["virt-api", "virt-controller", "virt-handler", "virt-operator"];
        let mut findings = Vec::new();
        for pod in f
            .in_ns(Kind::Pods, ns)
            .filter(|p| super::facts::label(p, "kubevirt.io").is_some_and(|l| components.contains(&l)))
        {
            let Some(metrics) = f.named(Kind::PodMetrics, ns, name_of(pod)) else {
                continue;
            };
            for (container, request) in super::common::requests(pod, self.resource) {
                let usage = array(metrics, "/containers")
                    .iter()
                    .find(|c| str_at(c, "/name") == container)
                    .map(|c| str_at(c, &format!("/usage/{}", self.resource)))
                    .unwrap_or("");
                if let (Some(u), Some(r)) = (quantity(usage), quantity(request))
                    && u > r
                {
                    findings.push(
                        Finding::new(
                            "Pod",
                            Some(ns),
                            name_of(pod),
                            format!(
                                "Pod {ns}/{} container {container}: uses {usage}, requests {request}",
                                name_of(pod)
                            ),
                        )
                        .fact("container", container)
                        .fact("request", request)
                        .fact("usage", usage),
                    );
                }
            }
        }
        if findings.is_empty() {
            return Outcome::ok(format!(
                "no KubeVirt container uses more {} than it requests",
                self.resource
            ));
        }
        Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            format!("{} container(s) exceed their {} request", findings.len(), self.resource),
        )
        .with(findings)
    }
}

/// A Kubernetes quantity as a number (cores or bytes); the suffixes are
/// `cluster::types::quantity`'s.
pub fn quantity(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (num, unit) = text.split_at(split);
    let n: f64 = num.parse().ok()?;
    let (binary_power, decimal_exponent) = suffix_scale(unit).ok()?;
    let n = n * 2f64.powi(i32::try_from(binary_power).ok()?);
    // a division by an exact power of ten, not a product with an inexact 1e-9
    let ten = 10f64.powi(decimal_exponent.saturating_abs());
    Some(if decimal_exponent < 0 { n / ten } else { n * ten })
}

/// KubeVirtDeprecatedAPIRequested: deprecated kubevirt.io versions still being called.
pub struct DeprecatedApi;

impl Check for DeprecatedApi {
    fn needs(&self) -> Vec<Kind> {
        vec![Kind::Crds]
    }

    fn wants(&self) -> Vec<Kind> {
        vec![Kind::ApiRequestCounts]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let deprecated: Vec<(String, String)> = f
            .items(Kind::Crds)
            .iter()
            .filter(|c| str_at(c, "/spec/group") == "kubevirt.io")
            .flat_map(|c| {
                let plural = str_at(c, "/spec/names/plural").to_string();
                array(c, "/spec/versions")
                    .iter()
                    .filter(|v| v.get("deprecated").and_then(Object::as_bool) == Some(true))
                    .map(move |v| (plural.clone(), str_at(v, "/name").to_string()))
            })
            .collect();
        if !f.served(Kind::ApiRequestCounts) {
            return Outcome::skipped(
                SkipCode::NeedsPrometheus,
                format!(
                    "APIRequestCount is not served; {} deprecated kubevirt.io version(s) exist",
                    deprecated.len()
                ),
            );
        }
        let mut findings = Vec::new();
        for (plural, version) in &deprecated {
            let name = format!("{plural}.{version}.kubevirt.io");
            let Some(count) = f.items(Kind::ApiRequestCounts).iter().find(|c| name_of(c) == name) else {
                continue;
            };
            let requests = i64_at(count, "/status/currentHour/requestCount").unwrap_or(0);
            if requests > 0 {
                findings.push(
                    Finding::new(
                        "APIRequestCount",
                        None,
                        &name,
                        format!("{name}: {requests} requests this hour"),
                    )
                    .fact("resource", plural.as_str())
                    .fact("version", version.as_str())
                    .fact("requestCount", requests),
                );
            }
        }
        if findings.is_empty() {
            return Outcome::ok("no deprecated kubevirt.io API version was called this hour");
        }
        Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            format!("{} deprecated kubevirt.io API version(s) still called", findings.len()),
        )
        .with(findings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::doctor::fixtures as fx;

    #[test]
    fn virt_api_down_fires_after_ten_minutes() {
        let out = fx::evaluate("VirtAPIDown", fx::NOW, fx::scenario("virt-api-down"));
        assert_eq!(out.status, Status::Critical, "{out:?}");
        assert!(
            out.summary.starts_with("0/2 virt-api pods running for 20m"),
            "{}",
            out.summary
        );
        assert!(
            out.findings.iter().any(|f| f.text.contains("ImagePullBackOff")),
            "{out:?}"
        );
        let early = fx::evaluate("VirtAPIDown", "2024-12-31T10:16:00Z", fx::scenario("virt-api-down"));
        assert_eq!((early.status, early.pending), (Status::Warning, true), "{early:?}");
    }

    #[test]
    fn endpoints_leader_record_is_read_when_no_lease() {
        let mut objs: Vec<Value> = fx::install().into_iter().filter(|o| o["kind"] != "Lease").collect();
        let record = json!({"holderIdentity": "virt-operator-7f9c0d5b8-abcde", "leaseDurationSeconds": 15, "renewTime": "2025-01-01T10:15:55Z", "leaderTransitions": 1});
        objs.push(json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "virt-operator", "namespace": "openshift-cnv", "annotations": {"control-plane.alpha.kubernetes.io/leader": record.to_string()}}}));
        let out = fx::evaluate("NoLeadingVirtOperator", fx::NOW, objs);
        assert_eq!(out.status, Status::Ok, "{out:?}");
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("500m"), Some(0.5));
        assert_eq!(quantity("1Gi"), Some(1073741824.0));
        assert_eq!(quantity("250000000n"), Some(0.25));
        assert_eq!(quantity("1.5e3"), Some(1500.0));
        assert_eq!(quantity("2Pi"), Some(2.0 * 1024f64.powi(5)));
        assert_eq!(quantity("3X"), None);
        assert_eq!(quantity("Gi"), None);
    }
}
