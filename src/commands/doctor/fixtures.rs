//! Unit-test fixtures: the simulator's healthy OpenShift Virtualization install and its
//! runbook scenarios, evaluated as pure facts.

use serde_json::Value;

use super::catalog::{CATALOG, find};
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
    let (_, apply, _, _) = kubevirt_sim::scenarios::SCENARIOS
        .iter()
        .find(|s| s.0 == name)
        .unwrap_or_else(|| panic!("no scenario {name}"));
    let mut objs = install();
    apply(&mut objs, NOW);
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

/// Evaluates one check (by name) on facts holding `objects`, logs taken from pod annotations.
pub fn evaluate(name: &str, now: &str, objects: Vec<Value>) -> Outcome {
    let meta = find(name).expect("a catalog check");
    let (_, check) = CATALOG.iter().find(|(m, _)| m.name == meta.name).expect("implemented");
    let mut facts = super::facts::Facts::fixture(now, dedupe(objects));
    for request in check.logs(&facts) {
        let pod = facts.named(super::facts::K::Pods, &request.namespace, &request.pod);
        if let Some(text) = pod.and_then(|p| super::facts::annotation(p, kubevirt_sim::podlog::LOG_ANNOTATION)) {
            let text = text.to_string();
            facts.logs.insert(request.key(), text);
        }
    }
    check.evaluate(&facts, meta)
}
