//! `virtctl doctor` evidence sources beyond the API: Prometheus/Alertmanager reached over HTTPS
//! directly (an explicit URL, or OpenShift's Routes found in auto mode) with their own CA and a
//! bearer token, and what happens when the CA, the token or the URL is wrong.

use kubevirt_sim::{openshift_virt, prometheus};
use serde_json::json;

use crate::doctor_support::{json, result, results};
use crate::support::{Env, Outcome, bare_virtctl};

/// The healthy install with a firing alert in the monitoring stack of `openshift-monitoring`,
/// served by a Route-style HTTPS endpoint whose CA the kubeconfig does not know.
fn cluster() -> (Env, prometheus::RouteServer, std::path::PathBuf) {
    let env = Env::frozen();
    let now = openshift_virt::now();
    openshift_virt::install(&env.sim, openshift_virt::objects(&now));
    let alerts = vec![prometheus::alert(
        "VirtApiRESTErrorsBurst",
        "critical",
        "firing",
        &now,
        json!({"namespace": "openshift-cnv"}),
    )];
    openshift_virt::load(&env.sim, prometheus::stack("openshift-monitoring", &alerts, &[]));
    let route = env.sim.monitoring_route("openshift-monitoring").expect("route server");
    let ca = env.write("monitoring-ca.pem", &route.ca_pem);
    (env, route, ca)
}

#[test]
fn routes_are_found_in_auto_mode_and_verified_with_the_given_ca() {
    let (env, route, ca) = cluster();
    openshift_virt::load(&env.sim, prometheus::routes(&route.host));
    let ca = ca.to_str().unwrap();
    let out = env.run(&[
        "doctor",
        "--check",
        "VirtApiRESTErrorsBurst",
        "--prometheus-ca-file",
        ca,
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 2, "{out:#?}");
    let r = json(&out);
    let url = format!("https://{}", route.host);
    assert_eq!(
        r["sources"]["prometheus"],
        json!({"state": "used", "via": "route", "url": url})
    );
    assert_eq!(
        r["sources"]["alertmanager"],
        json!({"state": "used", "via": "route", "url": url})
    );
    assert_eq!(result(&r, "VirtApiRESTErrorsBurst")["status"], "critical");
    assert!(!out.stdout.contains(&env.sim.admin_token()) && !out.stderr.contains(&env.sim.admin_token()));
    // Without the route's CA the certificate is refused: auto mode reports it and goes on.
    let untrusted = env.run(&["doctor", "--check", "VirtApiRESTErrorsBurst", "-o", "json"]);
    assert_eq!(untrusted.code, 0, "{untrusted:#?}");
    let r = json(&untrusted);
    assert_eq!(r["sources"]["prometheus"]["state"], "unavailable");
    let reason = r["sources"]["prometheus"]["reason"].as_str().unwrap();
    assert!(reason.starts_with("route thanos-querier: cannot reach"), "{reason}");
    assert!(reason.to_lowercase().contains("certificate"), "{reason}");
    assert_eq!(result(&r, "VirtApiRESTErrorsBurst")["status"], "skipped");
    // A token without cluster-monitoring-view rights is refused by the route.
    let token = env.write("alice-token", &format!("{}\n", env.sim.limited_token()));
    let refused = env.run(&[
        "doctor",
        "--check",
        "VirtApiRESTErrorsBurst",
        "--prometheus-ca-file",
        ca,
        "--prometheus-token-file",
        token.to_str().unwrap(),
        "-o",
        "json",
    ]);
    let r = json(&refused);
    assert_eq!(
        r["sources"]["prometheus"]["reason"],
        format!("route thanos-querier: {url}/api/v1/alerts answered 403 Forbidden")
    );
    assert!(!refused.stdout.contains(&env.sim.limited_token()));
}

#[test]
fn explicit_https_urls_take_a_token_file_and_fail_loudly() {
    let (env, route, ca) = cluster();
    let ca = ca.to_str().unwrap();
    let url = format!("https://{}", route.host);
    // The kubeconfig's user may not read monitoring; the token file's may, and is the one sent.
    let token = env.write("token", &env.sim.admin_token());
    let kubeconfig = env.limited_kubeconfig("limited");
    let out = Outcome::of(
        bare_virtctl(env.dir.path())
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .args([
                "doctor",
                "--check",
                "VirtApiRESTErrorsBurst",
                "--prometheus",
                &url,
                "--alertmanager",
                "off",
            ])
            .args([
                "--prometheus-ca-file",
                ca,
                "--prometheus-token-file",
                token.to_str().unwrap(),
                "-o",
                "json",
            ]),
    );
    assert_eq!(out.code, 2, "{out:#?}");
    let r = json(&out);
    assert_eq!(
        r["sources"]["prometheus"],
        json!({"state": "used", "via": "explicit", "url": url})
    );
    assert_eq!(r["sources"]["alertmanager"]["state"], "disabled");
    // An explicit URL that fails is an error, with nothing on stdout.
    let bad = env.write("bad-token", "not-a-token");
    env.run(&[
        "doctor",
        "--prometheus",
        &url,
        "--prometheus-ca-file",
        ca,
        "--prometheus-token-file",
        bad.to_str().unwrap(),
    ])
    .fails_with(&format!(
        "cannot read {url}: {url}/api/v1/alerts answered 401 Unauthorized"
    ));
    // Credentials in the URL are never printed back.
    let with_password = format!("https://monitor:s3cret@{}", route.host);
    env.run(&[
        "doctor",
        "--prometheus",
        &with_password,
        "--prometheus-ca-file",
        ca,
        "--prometheus-token-file",
        bad.to_str().unwrap(),
    ])
    .fails_with(&format!(
        "cannot read {url}: {url}/api/v1/alerts answered 401 Unauthorized"
    ));
    env.run(&["doctor", "--prometheus", "http://prometheus.example:9090"]).fails_with(
        "--prometheus/--alertmanager \"http://prometheus.example:9090\": use auto, off, https://HOST or svc://NAMESPACE/SERVICE:PORT",
    );
    let missing = env.path("nope.pem");
    let out = env.run(&["doctor", "--prometheus-ca-file", missing.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.error_line().starts_with("cannot read CA file"), "{out:#?}");
    let empty = env.write("empty-token", "\n");
    env.run(&["doctor", "--prometheus-token-file", empty.to_str().unwrap()])
        .fails_with(&format!("--prometheus-token-file {} is empty", empty.display()));
}

/// A namespace admin of `openshift-cnv` (no cluster-wide rights) runs doctor: cluster-wide lists
/// are forbidden, so namespaced kinds are read in the namespaces doctor knows, the results say
/// their scope, and what needs cluster-scoped kinds is `skipped (forbidden)`.
#[test]
fn a_namespace_admin_gets_namespaced_results_and_forbidden_skips() {
    let env = Env::frozen();
    let now = openshift_virt::now();
    let mut objects = openshift_virt::objects(&now);
    let scenario = kubevirt_sim::scenarios::Scenario::named("virt-api-not-ready").expect("scenario");
    (scenario.apply)(&mut objects, &now);
    openshift_virt::install(&env.sim, objects);
    env.sim
        .add_token("cnv-admin-token", "cnv-admin", Some(&["openshift-cnv"]));
    let kubeconfig = env.path("cnv-admin");
    env.sim
        .write_kubeconfig(&kubeconfig, "cnv-admin-token", Some("default"))
        .expect("kubeconfig");
    env.sim.clear_requests();
    let out = Outcome::of(bare_virtctl(env.dir.path()).arg("--kubeconfig").arg(&kubeconfig).args([
        "doctor",
        "--component",
        "virt,node",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 2, "{out:#?}");
    let r = json(&out);
    assert_eq!(r["namespaces"]["virt"], "openshift-cnv");
    let results = results(&r);
    let get = |name: &str| results.iter().find(|x| x["check"] == name).cloned().expect(name);
    let api = get("NoReadyVirtAPI");
    assert_eq!(api["status"], "critical", "{api:#}");
    assert!(
        api["summary"]
            .as_str()
            .unwrap()
            .ends_with(" (scope: namespace openshift-cnv)"),
        "{api:#}"
    );
    let controllers = get("LowVirtControllersCount");
    assert_eq!(controllers["status"], "ok", "{controllers:#}");
    let kvm = get("LowKVMNodesCount");
    assert_eq!(kvm["status"], "skipped");
    assert_eq!(kvm["reason"], json!({"code": "forbidden", "message": "list nodes"}));
    let requests = env.sim.requests();
    let status_of = |path: &str| {
        requests
            .iter()
            .find(|q| q.path == path)
            .map(|q| q.status)
            .unwrap_or_else(|| panic!("no request to {path}"))
    };
    assert_eq!(status_of("/api/v1/pods"), 403);
    assert_eq!(status_of("/api/v1/namespaces/openshift-cnv/pods"), 200);
    assert_eq!(status_of("/api/v1/namespaces/kubevirt/pods"), 403);
    assert!(requests.iter().all(|q| q.method == "GET"), "doctor wrote something");
}

#[test]
fn unimplemented_opt_in_sources_are_reported_not_silently_accepted() {
    let (env, _route, _ca) = cluster();
    let out = env.run(&[
        "doctor",
        "--check",
        "LowKVMNodesCount",
        "--kubelet-stats",
        "--scrape",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{out:#?}");
    let r = json(&out);
    assert_eq!(
        r["notes"],
        json!([
            "--kubelet-stats is not implemented yet: no check reads kubelet stats",
            "--scrape is not implemented yet: metric-only checks still need Prometheus"
        ])
    );
    assert_eq!(
        (r["sources"]["kubeletStats"].as_bool(), r["sources"]["scrape"].as_bool()),
        (Some(false), Some(false))
    );
}

/// Pod logs name their container (the HPP CSI pods carry three CSI sidecars, and the API server
/// refuses a log of such a pod without `container=`), and a log that could not be read makes
/// the log-based check `skipped` with the reason, never `ok` about lines it did not see.
#[test]
fn log_checks_name_the_container_and_skip_when_a_log_cannot_be_read() {
    let env = Env::frozen();
    let now = openshift_virt::now();
    openshift_virt::install(&env.sim, openshift_virt::objects(&now));
    let check = ["doctor", "--check", "HPPSharingPoolPathWithOS", "-o", "json"];

    let healthy = env.run(&check);
    assert_eq!(healthy.code, 0, "{healthy:#?}");
    let hpp = result(&json(&healthy), "HPPSharingPoolPathWithOS");
    assert_eq!(hpp["status"], "ok", "{hpp:#}");
    let logs: Vec<_> = env
        .sim
        .requests()
        .into_iter()
        .filter(|q| {
            q.path
                .starts_with("/api/v1/namespaces/openshift-cnv/pods/hostpath-provisioner-csi-")
        })
        .collect();
    let csi_pods = env
        .sim
        .list("pods", Some("openshift-cnv"))
        .into_iter()
        .filter(|p| {
            p["metadata"]["name"]
                .as_str()
                .unwrap()
                .starts_with("hostpath-provisioner-csi-")
        })
        .count();
    assert!(csi_pods >= 2, "{csi_pods} CSI pods");
    assert_eq!(logs.len(), csi_pods, "one log read per CSI pod: {logs:#?}");
    for q in &logs {
        assert_eq!(q.status, 200, "{q:#?}");
        assert!(q.query.contains("container=hostpath-provisioner"), "{q:#?}");
    }

    // One CSI pod's provisioner never started: the kubelet refuses its log.
    let pods = env.sim.list("pods", Some("openshift-cnv"));
    let mut pod = pods
        .into_iter()
        .find(|p| {
            p["metadata"]["name"]
                .as_str()
                .unwrap()
                .starts_with("hostpath-provisioner-csi-")
        })
        .expect("a CSI pod");
    pod["status"]["containerStatuses"][0]["ready"] = json!(false);
    pod["status"]["containerStatuses"][0]["state"] =
        json!({"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}});
    let name = pod["metadata"]["name"].as_str().unwrap().to_string();
    env.sim.update(pod);

    let out = env.run(&check);
    let hpp = result(&json(&out), "HPPSharingPoolPathWithOS");
    assert_eq!(hpp["status"], "skipped", "{hpp:#}");
    assert_eq!(hpp["reason"]["code"], "error", "{hpp:#}");
    let message = hpp["reason"]["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("could not read the logs of 1 of {csi_pods} hostpath-provisioner-csi pod(s): "))
            && message.contains(&format!(
                "openshift-cnv/{name}: container \"hostpath-provisioner\" in pod \"{name}\" is waiting to start: ImagePullBackOff"
            )),
        "{hpp:#}"
    );
}
