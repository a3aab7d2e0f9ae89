//! virtctl against the simulator as one world: a runbook scenario's cause (virt-api down) has
//! the effect a real cluster shows to the client (the aggregator's 503 on every subresource).

use std::time::Duration;

use kubevirt_sim::{openshift_virt, scenarios};

use crate::support::Env;

/// A simulator with running controllers and the install broken by `scenario`.
fn cluster_in(scenario: &str) -> Env {
    let env = Env::new();
    let now = openshift_virt::now();
    let mut objects = openshift_virt::objects(&now);
    let scenario = scenarios::Scenario::named(scenario).expect("a scenario");
    (scenario.apply)(&mut objects, &now);
    openshift_virt::install(&env.sim, objects);
    env
}

fn subresources_available(env: &Env) -> bool {
    env.sim
        .get("apiservices", "", "v1.subresources.kubevirt.io")
        .is_some_and(|s| s["status"]["conditions"][0]["status"] == "True")
}

#[test]
fn start_fails_with_the_503_while_virt_api_is_down() {
    let env = cluster_in("virt-api-down");
    env.create_vm("vm1", "Halted");
    assert!(
        env.sim
            .wait_until(Duration::from_secs(10), |_| !subresources_available(&env)),
        "the APIService stayed available with virt-api down"
    );

    env.run(&["start", "vm1"])
        .fails_with("Error starting VirtualMachine the server is currently unable to handle the request (put virtualmachines.kubevirt.io vm1)");

    let sent = env.sent();
    assert_eq!(sent.last().map(|r| r.status), Some(503));
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Halted");
}
