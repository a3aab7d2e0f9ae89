//! The workload probe (WP in the runbooks) that many checks share: a Deployment or DaemonSet of a component,
//! its pods (by the runbook's label selector), their events and nodes, and the derived counts.

use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};

use super::facts::{
    Facts, Kind, array, condition, event_time, i64_at, is_pod_ready, is_pod_running, is_true, name_of, str_at, time_at,
};
use super::model::{Component, Finding, Outcome, SkipCode};
use super::object::Object;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadKind {
    Deployment,
    DaemonSet,
}

impl WorkloadKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::DaemonSet => "DaemonSet",
        }
    }

    pub fn list(self) -> Kind {
        match self {
            WorkloadKind::Deployment => Kind::Deployments,
            WorkloadKind::DaemonSet => Kind::DaemonSets,
        }
    }
}

/// Pod label selectors, tried in order until one matches pods.
type Selectors = &'static [&'static [(&'static str, &'static str)]];

/// A component workload as the runbooks name it: the Deployment or DaemonSet of a component,
/// in that component's namespace, and how to find its pods.
#[derive(Debug)]
pub struct Workload {
    pub component: Component,
    pub kind: WorkloadKind,
    pub name: &'static str,
    pub selectors: Selectors,
}

const fn deployment(component: Component, name: &'static str, selectors: Selectors) -> Workload {
    Workload {
        component,
        kind: WorkloadKind::Deployment,
        name,
        selectors,
    }
}

const fn daemon_set(component: Component, name: &'static str, selectors: Selectors) -> Workload {
    Workload {
        component,
        kind: WorkloadKind::DaemonSet,
        name,
        selectors,
    }
}

// The workloads the runbooks name, one line each.
#[rustfmt::skip]
mod table {
    use super::{Component, Workload, daemon_set, deployment};
    pub static VIRT_API: Workload = deployment(Component::Virt, "virt-api", &[&[("kubevirt.io", "virt-api")]]);
    pub static VIRT_CONTROLLER: Workload = deployment(Component::Virt, "virt-controller", &[&[("kubevirt.io", "virt-controller")]]);
    pub static VIRT_HANDLER: Workload = daemon_set(Component::Virt, "virt-handler", &[&[("kubevirt.io", "virt-handler")]]);
    pub static VIRT_OPERATOR: Workload = deployment(Component::Virt, "virt-operator", &[&[("kubevirt.io", "virt-operator")]]);
    pub static CDI_OPERATOR: Workload = deployment(Component::Cdi, "cdi-operator", &[&[("name", "cdi-operator")]]);
    pub static CNAO_OPERATOR: Workload = deployment(Component::Cnao, "cluster-network-addons-operator", &[&[("name", "cluster-network-addons-operator")]]);
    pub static KMP_MANAGER: Workload = deployment(Component::Kmp, "kubemacpool-mac-controller-manager", &[&[("control-plane", "mac-controller-manager")]]);
    pub static SSP_OPERATOR: Workload = deployment(Component::Ssp, "ssp-operator", &[&[("control-plane", "ssp-operator")], &[("name", "ssp-operator")]]);
    pub static TEMPLATE_VALIDATOR: Workload = deployment(Component::Ssp, "virt-template-validator", &[&[("name", "virt-template-validator")], &[("kubevirt.io", "virt-template-validator")]]);
    pub static HPP_OPERATOR: Workload = deployment(Component::Hpp, "hostpath-provisioner-operator", &[&[("name", "hostpath-provisioner-operator")]]);
    pub static HPP_CSI: Workload = daemon_set(Component::Hpp, "hostpath-provisioner-csi", &[&[("k8s-app", "hostpath-provisioner")]]);
}
pub use table::*;

/// What the workload probe (WP in the runbooks) read for one workload.
#[derive(Debug)]
pub struct WorkloadProbe<'a> {
    pub workload: &'static Workload,
    pub namespace: &'a str,
    pub object: Option<&'a Object>,
    pub pods: Vec<&'a Object>,
    pub desired: i64,
    pub running: usize,
    pub ready: usize,
}

impl Workload {
    /// Runs WP; `Err` is the skipped outcome when the component is not installed.
    pub fn probe<'a>(&'static self, f: &'a Facts) -> Result<WorkloadProbe<'a>, Outcome> {
        let Some(namespace) = f.ns.get(self.component) else {
            return Err(Outcome::skipped(
                SkipCode::NotInstalled,
                format!("{} not found", self.component.product()),
            ));
        };
        let object = f.named(self.kind.list(), namespace, self.name);
        let pods = self
            .selectors
            .iter()
            .map(|sel| f.pods(namespace, sel))
            .find(|pods| !pods.is_empty())
            .unwrap_or_default();
        let desired = match (self.kind, object) {
            (WorkloadKind::Deployment, Some(o)) => i64_at(o, "/spec/replicas").unwrap_or(1),
            (WorkloadKind::DaemonSet, Some(o)) => i64_at(o, "/status/desiredNumberScheduled").unwrap_or(0),
            (_, None) => 0,
        };
        let running = pods.iter().filter(|p| is_pod_running(p)).count();
        let ready = pods.iter().filter(|p| is_pod_ready(p)).count();
        Ok(WorkloadProbe {
            workload: self,
            namespace,
            object,
            pods,
            desired,
            running,
            ready,
        })
    }
}

impl WorkloadProbe<'_> {
    pub fn label(&self) -> String {
        format!(
            "{} {}/{}",
            self.workload.kind.as_str(),
            self.namespace,
            self.workload.name
        )
    }

    /// When the failing state began: the newest not-ready transition of a pod, or the
    /// workload's `Available=False` transition; `None` when unknown.
    pub fn since_not_ready(&self) -> Option<Timestamp> {
        let pods = self
            .pods
            .iter()
            .filter(|p| !is_pod_ready(p))
            .filter_map(|p| condition(p, "Ready").and_then(|c| time_at(c, "/lastTransitionTime")));
        pods.chain(self.unavailable_since()).max()
    }

    /// When the workload's `Available` condition stopped being True, if it did.
    fn unavailable_since(&self) -> Option<Timestamp> {
        self.object
            .and_then(|o| condition(o, "Available"))
            .filter(|c| str_at(c, "/status") != "True")
            .and_then(|c| time_at(c, "/lastTransitionTime"))
    }

    /// Like [`WorkloadProbe::since_not_ready`], for pods that are not running.
    pub fn since_not_running(&self) -> Option<Timestamp> {
        let pods = self.pods.iter().filter(|p| !is_pod_running(p)).filter_map(|p| {
            condition(p, "Ready")
                .and_then(|c| time_at(c, "/lastTransitionTime"))
                .or_else(|| time_at(p, "/metadata/creationTimestamp"))
        });
        pods.chain(self.unavailable_since()).max()
    }

    /// Evidence: pods that are not ready, the newest workload events and troubled nodes.
    pub fn findings(&self, f: &Facts) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.object.is_none() {
            out.push(Finding::new(
                self.workload.kind.as_str(),
                Some(self.namespace),
                self.workload.name,
                format!("{} not found", self.label()),
            ));
        }
        for pod in self.pods.iter().filter(|p| !is_pod_ready(p)) {
            out.push(pod_finding(pod));
        }
        out.extend(workload_events(f, self.namespace, self.workload.name));
        let nodes = super::facts::distinct(
            self.pods
                .iter()
                .map(|p| str_at(p, "/spec/nodeName"))
                .filter(|n| !n.is_empty()),
        );
        for node in nodes {
            if let Some(n) = f.node(node)
                && !is_true(n, "Ready")
            {
                out.push(Finding::new("Node", None, node, format!("Node {node} is NotReady")).fact("ready", false));
            }
        }
        out
    }
}

/// A pod's state in one line, with the facts behind it.
pub fn pod_finding(pod: &Object) -> Finding {
    let name = name_of(pod);
    let ns = super::facts::namespace_of(pod);
    let node = str_at(pod, "/spec/nodeName");
    let phase = str_at(pod, "/status/phase");
    let ready = is_pod_ready(pod);
    let statuses = array(pod, "/status/containerStatuses");
    let restarts: i64 = statuses.iter().filter_map(|c| i64_at(c, "/restartCount")).sum();
    let waiting = statuses
        .iter()
        .map(|c| str_at(c, "/state/waiting/reason"))
        .find(|r| !r.is_empty());
    let terminated = statuses
        .iter()
        .find(|c| c.pointer("/lastState/terminated").is_some())
        .and_then(|c| c.pointer("/lastState/terminated"));
    let mut text = format!("Pod {ns}/{name}");
    if !node.is_empty() {
        text.push_str(&format!(" on {node}"));
    }
    text.push_str(&format!(": {phase}"));
    if !ready {
        text.push_str(", not ready");
    }
    if let Some(w) = waiting {
        text.push_str(&format!(", {w}"));
    }
    if restarts > 0 {
        text.push_str(&format!(", {restarts} restarts"));
    }
    let mut finding = Finding::new("Pod", Some(ns), name, "")
        .fact("node", if node.is_empty() { Value::Null } else { json!(node) })
        .fact("phase", phase)
        .fact("ready", ready)
        .fact("waitingReason", waiting.map(Value::from).unwrap_or(Value::Null))
        .fact("restartCount", restarts);
    if let Some(t) = terminated {
        let reason = str_at(t, "/reason");
        let code = i64_at(t, "/exitCode");
        text.push_str(&format!(", last terminated {reason}"));
        if let Some(c) = code {
            text.push_str(&format!(" (exit {c})"));
        }
        if let Some(at) = time_at(t, "/finishedAt") {
            text.push_str(&format!(" at {}", at.strftime("%H:%MZ")));
        }
        finding = finding
            .fact("lastTerminationReason", reason)
            .fact("lastExitCode", code.map(Value::from).unwrap_or(Value::Null));
    }
    if let Some(c) = condition(pod, "PodScheduled").filter(|c| str_at(c, "/status") == "False") {
        text.push_str(&format!(", unschedulable: {}", str_at(c, "/message")));
    }
    finding.text = text;
    finding
}

const EVENT_REASONS: &[&str] = &[
    "FailedScheduling",
    "FailedCreate",
    "BackOff",
    "Unhealthy",
    "Failed",
    "FailedMount",
    "Evicted",
];

/// The newest 3 warning events about a workload, its ReplicaSets and pods.
pub fn workload_events(f: &Facts, namespace: &str, name: &str) -> Vec<Finding> {
    let mut events: Vec<&Object> = f
        .in_ns(Kind::Events, namespace)
        .filter(|e| str_at(e, "/involvedObject/name").starts_with(name))
        .filter(|e| EVENT_REASONS.contains(&str_at(e, "/reason")))
        .collect();
    events.sort_by_key(|e| std::cmp::Reverse(event_time(e)));
    events.into_iter().take(3).map(event_finding).collect()
}

pub fn event_finding(e: &Object) -> Finding {
    let reason = str_at(e, "/reason");
    let object = str_at(e, "/involvedObject/name");
    let message = str_at(e, "/message");
    Finding::new(
        "Event",
        Some(super::facts::namespace_of(e)),
        name_of(e),
        format!("Event {reason} on {object}: {message}"),
    )
    .fact("reason", reason)
    .fact("involvedObject", object)
    .fact("message", message)
    .fact(
        "lastTimestamp",
        event_time(e).map(|t| json!(t.to_string())).unwrap_or(Value::Null),
    )
}
