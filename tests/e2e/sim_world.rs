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

#[test]
fn start_fails_with_the_503_while_virt_api_is_scaled_to_zero_and_works_once_it_is_back() {
    let env = Env::new();
    openshift_virt::install(&env.sim, openshift_virt::objects(&openshift_virt::now()));
    env.create_vm("vm1", "Halted");
    scale(&env, "virt-api", 0);
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

    scale(&env, "virt-api", 2);
    assert!(
        env.sim
            .wait_until(Duration::from_secs(10), |_| subresources_available(&env)),
        "the ReplicaSet never brought virt-api back"
    );
    env.run(&["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(env.vm("vm1").unwrap()["spec"]["runStrategy"], "Always");
}

/// `kubectl scale deployment NAME --replicas=N` in the install's namespace: the Deployment's
/// `spec.replicas` changes, its controller does the rest.
fn scale(env: &Env, deployment: &str, replicas: u32) {
    let mut scale = env
        .sim
        .get("deployments", openshift_virt::NS, deployment)
        .expect("the install has the Deployment");
    scale["spec"]["replicas"] = replicas.into();
    env.sim.update(scale);
}

fn upload_proxy_ready(env: &Env) -> bool {
    env.sim.list("pods", Some(openshift_virt::NS)).iter().any(|p| {
        p["metadata"]["labels"]["cdi.kubevirt.io"] == "cdi-uploadproxy"
            && p["status"]["conditions"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"))
    })
}

#[test]
fn image_upload_fails_with_one_line_while_the_upload_proxy_has_no_pod_and_works_once_it_is_back() {
    let env = Env::new();
    openshift_virt::install(&env.sim, openshift_virt::objects(&openshift_virt::now()));
    scale(&env, "cdi-uploadproxy", 0);
    assert!(
        env.sim
            .wait_until(Duration::from_secs(10), |_| !upload_proxy_ready(&env)),
        "the upload proxy's pod stayed"
    );
    let image = env.path("disk.raw");
    std::fs::write(&image, crate::support::pattern(1 << 20, 3)).unwrap();
    let image_arg = format!("--image-path={}", image.display());

    // The install's storage classes bind on first consumer: --force-bind.
    let out = env.run(&[
        "image-upload",
        "dv",
        "disk1",
        "--size=1Gi",
        "--force-bind",
        "--retry=2",
        &image_arg,
    ]);

    assert_eq!(out.code, 1, "{out:#?}");
    let lines: Vec<&str> = out
        .stderr_lines()
        .into_iter()
        .filter(|l| !l.starts_with("hint: "))
        .collect();
    assert_eq!(
        lines.last().copied(),
        Some("error uploading image after 2 retries: unexpected return value 503, Application is not available"),
        "{out:#?}"
    );
    // The router's page never reaches the terminal: one line per failed attempt, then the error.
    assert!(lines.iter().all(|l| !l.contains('<')), "{out:#?}");
    let proxy = env.sim.proxy_requests();
    assert!(!proxy.is_empty() && proxy.iter().all(|r| r.status == 503), "{proxy:?}");
    assert!(env.sim.uploads().is_empty());

    scale(&env, "cdi-uploadproxy", 1);
    assert!(
        env.sim
            .wait_until(Duration::from_secs(10), |_| upload_proxy_ready(&env)),
        "the ReplicaSet never brought the upload proxy back"
    );
    let out = env.run(&["image-upload", "dv", "disk2", "--size=1Gi", "--force-bind", &image_arg]);
    assert_eq!(out.code, 0, "{out:#?}");
    let uploads = env.sim.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!((uploads[0].pvc.as_str(), uploads[0].bytes), ("disk2", 1 << 20));
}
