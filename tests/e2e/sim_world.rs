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

/// `kubectl scale deployment virt-api --replicas=N`: the merge patch kubectl sends.
fn scale_virt_api(env: &Env, replicas: u32) {
    let mut deployment = env
        .sim
        .get("deployments", openshift_virt::NS, "virt-api")
        .expect("the install has virt-api");
    deployment["spec"]["replicas"] = replicas.into();
    env.sim.update(deployment);
}

#[test]
fn start_fails_with_the_503_while_virt_api_is_scaled_to_zero_and_works_once_it_is_back() {
    let env = Env::new();
    openshift_virt::install(&env.sim, openshift_virt::objects(&openshift_virt::now()));
    env.create_vm("vm1", "Halted");
    scale_virt_api(&env, 0);
    let no_virt_api_pod = |env: &Env| {
        env.sim
            .list("pods", Some(openshift_virt::NS))
            .iter()
            .all(|p| p["metadata"]["labels"]["kubevirt.io"] != "virt-api")
    };
    assert!(
        env.sim.wait_until(Duration::from_secs(10), |_| no_virt_api_pod(&env)
            && !subresources_available(&env)),
        "virt-api's pods or its APIService stayed"
    );

    env.run(&["start", "vm1"])
        .fails_with("Error starting VirtualMachine the server is currently unable to handle the request (put virtualmachines.kubevirt.io vm1)");
    assert_eq!(env.sent().last().map(|r| r.status), Some(503));
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Halted");

    scale_virt_api(&env, 2);
    assert!(
        env.sim
            .wait_until(Duration::from_secs(10), |_| subresources_available(&env)),
        "the ReplicaSet never brought virt-api back"
    );
    env.run(&["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Always");
}
