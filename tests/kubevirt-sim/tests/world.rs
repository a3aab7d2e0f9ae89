//! The simulated cluster as one world: a cause in one component has its effects in the others.

mod common;

use std::time::Duration;

use common::*;
use kubevirt_sim::openshift_virt::{self, NS};
use kubevirt_sim::{Sim, SimOptions, fixtures};
use serde_json::Value;

const T: Duration = Duration::from_secs(10);
const SUBRESOURCES: &str = "v1.subresources.kubevirt.io";

/// A simulator with the healthy OpenShift Virtualization install and a stopped VM `default/vm1`.
fn installed() -> Sim {
    let sim = Sim::start(SimOptions::default()).unwrap();
    openshift_virt::install(&sim, openshift_virt::objects(&openshift_virt::now()));
    sim.create(fixtures::vm("default", "vm1", "Halted"));
    sim
}

fn available(sim: &Sim) -> String {
    sim.get("apiservices", "", SUBRESOURCES)
        .and_then(|s| s["status"]["conditions"][0]["status"].as_str().map(str::to_string))
        .unwrap_or_default()
}

fn virt_api_pods(sim: &Sim) -> Vec<Value> {
    sim.list("pods", Some(NS))
        .into_iter()
        .filter(|p| p["metadata"]["labels"]["kubevirt.io"] == "virt-api")
        .collect()
}

#[test]
fn the_subresource_api_answers_503_while_virt_api_has_no_ready_pod() {
    let sim = installed();
    let c = Client::admin(&sim);
    let saved = virt_api_pods(&sim);
    assert_eq!(saved.len(), 2);
    for pod in &saved {
        sim.delete("pods", NS, pod["metadata"]["name"].as_str().unwrap());
    }
    assert!(
        sim.wait_until(T, |s| available(s) == "False"),
        "the APIService stayed available"
    );
    let service = sim.get("apiservices", "", SUBRESOURCES).unwrap();
    assert_eq!(service["status"]["conditions"][0]["reason"], "MissingEndpoints");

    let start = c.put_sub(&sub_vm("default", "vm1", "start"), "{}");
    assert_eq!(start.status, 503);
    assert_eq!(start.text, "service unavailable\n");
    assert_eq!(start.content_type.as_deref(), Some("text/plain; charset=utf-8"));
    // A websocket subresource is refused before any handshake.
    let console = c.get(&sub_vmi("default", "vm1", "console"));
    assert_eq!(console.status, 503);
    assert_eq!(console.text, "service unavailable\n");
    // The rest of the API server is unaffected.
    assert_eq!(c.get(&vm_path("default", "vm1")).status, 200);

    for mut pod in saved {
        pod["metadata"]
            .as_object_mut()
            .unwrap()
            .retain(|k, _| k == "name" || k == "namespace" || k == "labels");
        sim.create(pod);
    }
    assert!(
        sim.wait_until(T, |s| available(s) == "True"),
        "the APIService never came back"
    );
    assert_eq!(c.put_sub(&sub_vm("default", "vm1", "start"), "{}").status, 202);
}

#[test]
fn virt_api_pods_that_are_not_ready_make_the_apiservice_unavailable() {
    let sim = installed();
    for mut pod in virt_api_pods(&sim) {
        pod["status"]["conditions"][1]["status"] = "False".into();
        sim.update(pod);
    }
    assert!(
        sim.wait_until(T, |s| available(s) == "False"),
        "the APIService stayed available"
    );
    let c = Client::admin(&sim);
    assert_eq!(c.put_sub(&sub_vm("default", "vm1", "start"), "{}").status, 503);
}

#[test]
fn the_bare_world_serves_the_subresource_api_without_virt_api_pods() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    sim.create(fixtures::vm("default", "vm1", "Halted"));
    assert!(sim.wait_for_ticks(3, T));
    assert!(sim.get("apiservices", "", SUBRESOURCES).is_none());
    let c = Client::admin(&sim);
    assert_eq!(c.put_sub(&sub_vm("default", "vm1", "start"), "{}").status, 202);
}
