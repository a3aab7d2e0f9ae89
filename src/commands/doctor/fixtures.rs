//! Unit-test fixtures: the simulator's healthy OpenShift Virtualization install and its
//! runbook scenarios, evaluated as pure facts.

use serde_json::Value;

use super::catalog::find_entry;
use super::model::Outcome;

pub const NOW: &str = "2025-01-01T10:16:00Z";

/// The healthy install at [`NOW`], plus the simulator's two worker nodes.
pub fn install() -> Vec<Value> {
    let mut objs = kubevirt_sim::openshift_virt::objects(NOW);
    objs.push(kubevirt_sim::fixtures::node("node01", "192.168.66.101"));
    objs.push(kubevirt_sim::fixtures::node("node02", "192.168.66.102"));
    // Nodes given by a scenario replace the base ones.
    objs
}

/// The install with the named scenario applied.
pub fn scenario(name: &str) -> Vec<Value> {
    let scenario = kubevirt_sim::scenarios::Scenario::named(name).unwrap_or_else(|| panic!("no scenario {name}"));
    let mut objs = install();
    (scenario.apply)(&mut objs, NOW);
    dedupe(objs)
}

/// Later objects with the same kind, namespace and name replace earlier ones.
fn dedupe(objs: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for o in objs {
        let key = |v: &Value| {
            (
                v["kind"].clone(),
                v["metadata"]["namespace"].clone(),
                v["metadata"]["name"].clone(),
            )
        };
        out.retain(|x| key(x) != key(&o));
        out.push(o);
    }
    out
}

/// Evaluates one check (by name) on facts holding `objects`, as a run would: logs taken from pod
/// annotations, guest file systems from the simulated guest agent, and the alerts of a simulated
/// monitoring stack (its ConfigMap among `objects`) merged in.
pub fn evaluate(name: &str, now: &str, objects: Vec<Value>) -> Outcome {
    let entry = find_entry(name).expect("a catalog check");
    let (meta, check) = (&entry.meta, entry.check);
    let objects = dedupe(objects);
    let monitoring = monitoring(&objects);
    let mut facts = super::facts::Facts::fixture(now, objects);
    for request in check.logs(&facts) {
        let pod = facts.named(super::facts::Kind::Pods, &request.namespace, &request.pod);
        let text = pod.map(|p| super::facts::annotation(p, kubevirt_sim::podlog::LOG_ANNOTATION).unwrap_or(""));
        let text = text.map(str::to_string).ok_or_else(|| "pod not found".to_string());
        facts.logs.insert(request.key(), text);
    }
    for (ns, vmi) in super::vm::guest_probe_targets(&facts) {
        let Some(obj) = facts.named(super::facts::Kind::Vmis, &ns, &vmi) else {
            continue;
        };
        let list = kubevirt_sim::guest::filesystem_list(&kubevirt_sim::guest::agent_info(&obj.to_value()));
        facts.guest_fs.insert(format!("{ns}/{vmi}"), list.into());
    }
    let mut results = vec![super::report::Result {
        meta: Some(meta),
        name: meta.name.to_string(),
        component: meta.component,
        outcome: super::evaluate(check, meta, &facts),
        alerts: Vec::new(),
    }];
    super::prom::merge(&mut results, &monitoring);
    results.remove(0).outcome
}

/// What the simulated Prometheus would answer, from its ConfigMap (none: Prometheus unavailable).
fn monitoring(objects: &[Value]) -> super::prom::Monitoring {
    let mut m = super::prom::Monitoring::default();
    let Some(cm) = objects
        .iter()
        .find(|o| o["kind"] == "ConfigMap" && o["metadata"]["name"] == kubevirt_sim::prometheus::CONFIGMAP)
    else {
        return m;
    };
    let alerts = cm["data"]["prometheus-alerts"].as_str().unwrap_or("[]");
    m.alerts = serde_json::from_str(alerts).expect("the alerts are JSON");
    m.prometheus_source = serde_json::json!({"state": "used"});
    m
}
