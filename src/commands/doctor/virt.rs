//! `virt`: the KubeVirt control plane (virt-api, virt-controller, virt-handler, virt-operator).

use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};

use super::catalog::Check;
use super::common::{RestErrors, Rule, WpCheck, ready_names};
use super::facts::{
    Facts, K, annotation, array, i64_at, is_pod_ready, is_pod_running, name_of, namespace_of, str_at, time_at,
};
use super::model::{Finding, Meta, Outcome, SkipCode, Status, age};
use super::workload::{VIRT_API, VIRT_CONTROLLER, VIRT_HANDLER, VIRT_OPERATOR, Wl, pod_finding};

const fn wp(name: &'static str, wl: &'static Wl, rule: Rule) -> WpCheck {
    WpCheck { name, wl, rule }
}

const fn rest(name: &'static str, wl: &'static Wl, window_secs: i64) -> RestErrors {
    RestErrors { name, wl, window_secs }
}

pub static CHECKS: &[&dyn Check] = &[
    &wp("VirtAPIDown", &VIRT_API, Rule::NoneRunning),
    &wp("LowVirtAPICount", &VIRT_API, Rule::LowRunning),
    &wp("LowReadyVirtAPICount", &VIRT_API, Rule::LowReady),
    &wp("NoReadyVirtAPI", &VIRT_API, Rule::NoneReady),
    &rest("VirtApiRESTErrorsBurst", &VIRT_API, 600),
    &rest("VirtApiRESTErrorsHigh", &VIRT_API, 3600),
    &wp("VirtControllerDown", &VIRT_CONTROLLER, Rule::NoneRunning),
    &wp("LowVirtControllersCount", &VIRT_CONTROLLER, Rule::LowRunning),
    &wp("LowReadyVirtControllersCount", &VIRT_CONTROLLER, Rule::LowReady),
    &wp("NoReadyVirtController", &VIRT_CONTROLLER, Rule::NoneReady),
    &NoLeader {
        name: "NoLeadingVirtController",
        wl: &VIRT_CONTROLLER,
    },
    &rest("VirtControllerRESTErrorsBurst", &VIRT_CONTROLLER, 600),
    &rest("VirtControllerRESTErrorsHigh", &VIRT_CONTROLLER, 3600),
    &LaunchersStuckFailed,
    &wp("VirtHandlerDaemonSetRolloutFailing", &VIRT_HANDLER, Rule::Rollout),
    &wp("VirtHandlerDown", &VIRT_HANDLER, Rule::NoneRunning),
    &wp("LowReadyVirtHandlerCount", &VIRT_HANDLER, Rule::LowReady),
    &wp("NoReadyVirtHandler", &VIRT_HANDLER, Rule::NoneReady),
    &Orphaned,
    &rest("VirtHandlerRESTErrorsBurst", &VIRT_HANDLER, 600),
    &rest("VirtHandlerRESTErrorsHigh", &VIRT_HANDLER, 3600),
    &wp("VirtOperatorDown", &VIRT_OPERATOR, Rule::NoneRunning),
    &wp("LowVirtOperatorCount", &VIRT_OPERATOR, Rule::LowRunning),
    &wp("LowReadyVirtOperatorsCount", &VIRT_OPERATOR, Rule::LowReady),
    &wp("NoReadyVirtOperator", &VIRT_OPERATOR, Rule::NoneReady),
    &NoLeader {
        name: "NoLeadingVirtOperator",
        wl: &VIRT_OPERATOR,
    },
    &rest("VirtOperatorRESTErrorsBurst", &VIRT_OPERATOR, 600),
    &rest("VirtOperatorRESTErrorsHigh", &VIRT_OPERATOR, 3600),
    &ExceedsRequest {
        name: "KubeVirtComponentExceedsRequestedCPU",
        resource: "cpu",
    },
    &ExceedsRequest {
        name: "KubeVirtComponentExceedsRequestedMemory",
        resource: "memory",
    },
    &DeprecatedApi,
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
    if let Some(lease) = f.named(K::Leases, namespace, name) {
        return Some(Leader {
            holder: str_at(lease, "/spec/holderIdentity").to_string(),
            renew: time_at(lease, "/spec/renewTime"),
            duration_secs: i64_at(lease, "/spec/leaseDurationSeconds").unwrap_or(15),
            transitions: i64_at(lease, "/spec/leaseTransitions").unwrap_or(0),
            source: "Lease",
        });
    }
    let endpoints = f.named(K::Endpoints, namespace, name)?;
    let record: Value =
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
    pub name: &'static str,
    pub wl: &'static Wl,
}

impl Check for NoLeader {
    fn name(&self) -> &'static str {
        self.name
    }

    fn needs(&self) -> Vec<K> {
        vec![K::Pods, K::Deployments, K::Leases]
    }

    fn wants(&self) -> Vec<K> {
        vec![K::Endpoints, K::Events, K::Nodes]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let wp = match self.wl.probe(f) {
            Ok(wp) => wp,
            Err(skipped) => return skipped,
        };
        let ready = ready_names(&wp.pods);
        if ready.is_empty() {
            return Outcome::ok(format!("no ready {} pod (see NoReady checks)", self.wl.name));
        }
        let record = leader(f, wp.namespace, self.wl.name);
        let Some(record) = record else {
            return Outcome::failing(
                meta.severity.status(),
                None,
                f.now,
                0,
                format!("no leader record {} in {}", self.wl.name, wp.namespace),
            )
            .finding(Finding::new(
                "Lease",
                Some(wp.namespace),
                self.wl.name,
                "Lease and Endpoints leader record missing",
            ));
        };
        let renew_age = record.renew.map(|t| f.seconds_since(t));
        let holder_pod = wp.pods.iter().find(|p| name_of(p) == record.holder);
        let holder_ok = holder_pod.is_some_and(|p| is_pod_ready(p) && is_pod_running(p));
        let finding = Finding::new(
            record.source,
            Some(wp.namespace),
            self.wl.name,
            format!(
                "{} {}/{}: holder {}, renewed {} ago, {} transitions",
                record.source,
                wp.namespace,
                self.wl.name,
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
    fn name(&self) -> &'static str {
        "VirtLauncherPodsStuckFailed"
    }

    fn needs(&self) -> Vec<K> {
        vec![K::Pods]
    }

    fn wants(&self) -> Vec<K> {
        vec![K::Vmims]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let failed: Vec<&Value> = f
            .items(K::Pods)
            .iter()
            .filter(|p| super::facts::label(p, "kubevirt.io") == Some("virt-launcher"))
            .filter(|p| str_at(p, "/status/phase") == "Failed")
            .collect();
        if failed.len() < 200 {
            return Outcome::ok(format!("{} failed virt-launcher pods (threshold 200)", failed.len()));
        }
        let finished = |p: &Value| {
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
            .items(K::Vmims)
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
    fn name(&self) -> &'static str {
        "OrphanedVirtualMachineInstances"
    }

    fn needs(&self) -> Vec<K> {
        vec![K::Pods]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let wp = match VIRT_HANDLER.probe(f) {
            Ok(wp) => wp,
            Err(skipped) => return skipped,
        };
        let launchers: Vec<&Value> = f
            .items(K::Pods)
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
    pub name: &'static str,
    pub resource: &'static str,
}

impl Check for ExceedsRequest {
    fn name(&self) -> &'static str {
        self.name
    }

    fn needs(&self) -> Vec<K> {
        vec![K::Pods]
    }

    fn wants(&self) -> Vec<K> {
        vec![K::PodMetrics]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        if !f.served(K::PodMetrics) {
            return Outcome::skipped(SkipCode::NeedsMetricsApi, "metrics.k8s.io is not served");
        }
        let Some(ns) = f.ns.virt.as_deref() else {
            return Outcome::skipped(SkipCode::NotInstalled, "KubeVirt not found");
        };
        let components = ["virt-api", "virt-controller", "virt-handler", "virt-operator"];
        let mut findings = Vec::new();
        for pod in f
            .in_ns(K::Pods, ns)
            .filter(|p| super::facts::label(p, "kubevirt.io").is_some_and(|l| components.contains(&l)))
        {
            let Some(metrics) = f.named(K::PodMetrics, ns, name_of(pod)) else {
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

/// A Kubernetes quantity as a number (cores or bytes).
pub fn quantity(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (num, unit) = text.split_at(split);
    let n: f64 = num.parse().ok()?;
    let factor = match unit {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0f64.powi(4),
        _ => return None,
    };
    Some(n * factor)
}

/// KubeVirtDeprecatedAPIRequested: deprecated kubevirt.io versions still being called.
pub struct DeprecatedApi;

impl Check for DeprecatedApi {
    fn name(&self) -> &'static str {
        "KubeVirtDeprecatedAPIRequested"
    }

    fn needs(&self) -> Vec<K> {
        vec![K::Crds]
    }

    fn wants(&self) -> Vec<K> {
        vec![K::ApiRequestCounts]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let deprecated: Vec<(String, String)> = f
            .items(K::Crds)
            .iter()
            .filter(|c| str_at(c, "/spec/group") == "kubevirt.io")
            .flat_map(|c| {
                let plural = str_at(c, "/spec/names/plural").to_string();
                array(c, "/spec/versions")
                    .iter()
                    .filter(|v| v.get("deprecated").and_then(Value::as_bool) == Some(true))
                    .map(move |v| (plural.clone(), str_at(v, "/name").to_string()))
            })
            .collect();
        if !f.served(K::ApiRequestCounts) {
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
            let Some(count) = f.items(K::ApiRequestCounts).iter().find(|c| name_of(c) == name) else {
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
    }
}
