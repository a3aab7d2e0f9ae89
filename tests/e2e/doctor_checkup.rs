//! `virtctl doctor checkup`: the VM latency checkup against the simulator's checkup runner (which
//! plays the checkup image and the Job controller), its pre-flight refusals, cleanup (also on
//! Ctrl-C), and `checkup status` on any checkup ConfigMap.

use kubevirt_sim::checkup::Behaviour;
use kubevirt_sim::openshift_virt;
use serde_json::json;

use crate::doctor_support::json;
use crate::support::{Env, NS, Outcome, PATIENCE};

const CM: &str = "kubevirt-vm-latency-checkup-config";
const JOB: &str = "kubevirt-vm-latency-checkup";
const IMAGE: &str = "registry.redhat.io/container-native-virtualization/vm-network-latency-checkup:v4.12.0";

/// The objects a run creates: (resource, name).
const CREATED: [(&str, &str); 7] = [
    ("serviceaccounts", "vm-latency-checkup-sa"),
    ("roles.rbac.authorization.k8s.io", "kubevirt-vm-latency-checker"),
    ("rolebindings.rbac.authorization.k8s.io", "kubevirt-vm-latency-checker"),
    ("roles.rbac.authorization.k8s.io", "kiagnose-configmap-access"),
    ("rolebindings.rbac.authorization.k8s.io", "kiagnose-configmap-access"),
    ("configmaps", CM),
    ("jobs.batch", JOB),
];

/// OpenShift Virtualization 4.12 (so the default image is known) with a NAD in the test namespace;
/// controllers running, so the checkup runs.
fn cluster() -> Env {
    let env = Env::new();
    openshift_virt::install(&env.sim, openshift_virt::objects(&openshift_virt::now()));
    env.sim.create(json!({"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition",
        "metadata": {"name": "blue-network", "namespace": NS},
        "spec": {"config": "{\"cniVersion\":\"0.3.1\",\"name\":\"blue-network\",\"type\":\"bridge\",\"bridge\":\"br1\"}"}}));
    env
}

fn leftovers(env: &Env) -> Vec<String> {
    let mut left: Vec<String> = CREATED
        .iter()
        .filter(|(r, n)| env.sim.get(r, NS, n).is_some())
        .map(|(r, n)| format!("{r}/{n}"))
        .collect();
    left.extend(
        env.sim
            .list("pods", Some(NS))
            .iter()
            .filter(|p| p.pointer("/metadata/labels/job-name").is_some())
            .map(|p| format!("pod/{}", p["metadata"]["name"])),
    );
    left
}

fn posts(env: &Env) -> Vec<String> {
    env.sim
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| r.path.clone())
        .collect()
}

#[test]
fn vm_latency_creates_waits_reports_and_cleans_up() {
    let env = cluster();
    env.sim.clear_requests();
    let out = env.run(&[
        "doctor",
        "checkup",
        "vm-latency",
        "-n",
        NS,
        "--nad",
        "blue-network",
        "--source-node",
        "node01",
        "--target-node",
        "node02",
    ]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stderr.contains(&format!(
            "Checkup image: {IMAGE} (make sure it comes from a source you trust)"
        )),
        "{out:#?}"
    );
    assert!(
        out.stderr.contains("Creating in namespace default: ServiceAccount vm-latency-checkup-sa, Role kubevirt-vm-latency-checker, RoleBinding kubevirt-vm-latency-checker, Role kiagnose-configmap-access, RoleBinding kiagnose-configmap-access, ConfigMap kubevirt-vm-latency-checkup-config, Job kubevirt-vm-latency-checkup"),
        "{out:#?}"
    );
    assert!(out.stdout.starts_with("Cluster: https://127.0.0.1:"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("Note: checkup ConfigMap default/kubevirt-vm-latency-checkup-config\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("vm-workload  VMLatencyCheckup  ok      checkup succeeded: max 0.244 ms (avg 0.177 ms, min 0.135 ms) from node01 to node02 over 5s, threshold 10 ms"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("Summary: 1 ok, 0 warning, 0 critical (0 pending), 0 skipped\n"),
        "{}",
        out.stdout
    );
    assert_eq!(
        posts(&env),
        [
            "/api/v1/namespaces/default/serviceaccounts",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
            "/api/v1/namespaces/default/configmaps",
            "/apis/batch/v1/namespaces/default/jobs",
        ]
    );
    env.sim.wait_until(PATIENCE, |_| leftovers(&env).is_empty());
    assert_eq!(leftovers(&env), Vec::<String>::new(), "not cleaned up");
}

#[test]
fn kept_objects_match_seed_003_and_status_reads_them() {
    let env = cluster();
    let out = env.run(&[
        "doctor",
        "checkup",
        "vm-latency",
        "--nad",
        "blue-network",
        "--max-latency",
        "20ms",
        "--sample-duration",
        "7s",
        "--checkup-timeout",
        "3m",
        "--keep",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stderr
            .contains("Kept (--keep) in namespace default: ServiceAccount vm-latency-checkup-sa"),
        "{out:#?}"
    );
    let report = json(&out);
    let r = &report["components"][0]["results"][0];
    assert_eq!(
        (r["check"].as_str(), r["status"].as_str()),
        (Some("VMLatencyCheckup"), Some("ok"))
    );
    assert_eq!(r["findings"][0]["facts"]["maxLatencyNanoSec"], "244000");
    assert_eq!(report["summary"]["exitCode"], 0);
    let cm = env.sim.get("configmaps", NS, CM).expect("kept ConfigMap");
    let data = &cm["data"];
    assert_eq!(data["spec.timeout"], "3m");
    assert_eq!(data["spec.param.network_attachment_definition_namespace"], NS);
    assert_eq!(data["spec.param.network_attachment_definition_name"], "blue-network");
    assert_eq!(data["spec.param.max_desired_latency_milliseconds"], "20");
    assert_eq!(data["spec.param.sample_duration_seconds"], "7");
    assert_eq!(data["status.succeeded"], "true");
    assert_eq!(data["status.result.measurementDurationSec"], "7");
    let job = env.sim.get("jobs.batch", NS, JOB).expect("kept Job");
    assert_eq!(job["spec"]["backoffLimit"], 0);
    let pod = &job["spec"]["template"]["spec"];
    assert_eq!(pod["serviceAccountName"], "vm-latency-checkup-sa");
    assert_eq!(pod["restartPolicy"], "Never");
    assert_eq!(pod["containers"][0]["image"], IMAGE);
    assert_eq!(pod["containers"][0]["securityContext"]["runAsNonRoot"], true);
    assert_eq!(
        pod["containers"][0]["env"],
        json!([{"name": "CONFIGMAP_NAMESPACE", "value": NS}, {"name": "CONFIGMAP_NAME", "value": CM}])
    );
    assert_eq!(job["status"]["conditions"][0]["type"], "Complete");
    let role = env
        .sim
        .get("roles.rbac.authorization.k8s.io", NS, "kiagnose-configmap-access")
        .expect("role");
    assert_eq!(role["rules"][0]["verbs"], json!(["get", "update"]));
    let status = env.run(&["doctor", "checkup", "status", "-n", NS]);
    assert_eq!(status.code, 0, "{status:#?}");
    assert!(status.stdout.contains("VMLatencyCheckup  ok"), "{}", status.stdout);
    // A second run finds the kept ConfigMap and Job and refuses, touching nothing.
    env.sim.clear_requests();
    let again = env.run(&["doctor", "checkup", "vm-latency", "--nad", "blue-network"]);
    assert_eq!(again.code, 1, "{again:#?}");
    assert!(
        again
            .stderr
            .contains("ConfigMap kubevirt-vm-latency-checkup-config already exists in namespace default"),
        "{again:#?}"
    );
    assert!(
        env.sim
            .get("roles.rbac.authorization.k8s.io", NS, "kiagnose-configmap-access")
            .is_some()
    );
    assert!(env.sim.get("jobs.batch", NS, JOB).is_some(), "the kept Job was removed");
}

#[test]
fn latency_above_the_threshold_is_a_failed_checkup() {
    let env = cluster();
    env.sim.set_checkup_behaviour(Behaviour::Measure {
        min_ns: 900_000,
        avg_ns: 4_000_000,
        max_ns: 12_500_000,
    });
    let out = env.run(&[
        "doctor",
        "checkup",
        "vm-latency",
        "--nad",
        "blue-network",
        "--max-latency",
        "10ms",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 2, "{out:#?}");
    let report = json(&out);
    let r = &report["components"][0]["results"][0];
    assert_eq!(r["status"], "critical");
    assert_eq!(
        r["summary"],
        "checkup failed: run: actual max latency \"12.5ms\" is greater than desired \"10ms\""
    );
    let log = r["findings"][1]["facts"]["logExcerpt"]
        .as_array()
        .expect("the pod log tail");
    assert!(log[0].as_str().unwrap().contains("checkup failed"), "{r:#}");
    assert_eq!(report["summary"]["exitCode"], 2);
    env.sim.wait_until(PATIENCE, |_| leftovers(&env).is_empty());
    assert_eq!(leftovers(&env), Vec::<String>::new());
    // The same failure in the table, with its details.
    env.sim
        .set_checkup_behaviour(Behaviour::Fail("setup: VMs did not become ready".into()));
    let table = env.run(&["doctor", "checkup", "vm-latency", "--nad", "blue-network"]);
    assert_eq!(table.code, 2, "{table:#?}");
    assert!(
        table.stdout.contains("critical  vm-workload/VMLatencyCheckup\n"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("  Log: kiagnose: checkup failed: setup: VMs did not become ready\n"),
        "{}",
        table.stdout
    );
}

#[test]
fn a_service_account_without_configmap_rights_cannot_report() {
    let env = cluster();
    // Left over from an earlier, wrong manual setup: the Role lacks `update`. Doctor reuses it.
    env.sim
        .create(json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": "kiagnose-configmap-access", "namespace": NS},
        "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}]}));
    let out = env.run(&["doctor", "checkup", "vm-latency", "--nad", "blue-network"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr
            .contains("Role kiagnose-configmap-access already exists; using it"),
        "{out:#?}"
    );
    assert!(
        out.stderr.contains("Job kubevirt-vm-latency-checkup ended without writing a result to ConfigMap default/kubevirt-vm-latency-checkup-config; its log: kiagnose: configmaps \"kubevirt-vm-latency-checkup-config\" is forbidden"),
        "{out:#?}"
    );
    assert_eq!(out.stdout, "");
    // What doctor did not create stays.
    assert!(
        env.sim
            .get("roles.rbac.authorization.k8s.io", NS, "kiagnose-configmap-access")
            .is_some()
    );
    env.sim.wait_until(PATIENCE, |_| leftovers(&env).len() == 1);
    assert_eq!(
        leftovers(&env),
        ["roles.rbac.authorization.k8s.io/kiagnose-configmap-access"]
    );
}

#[test]
fn preflight_refusals_create_nothing() {
    let env = cluster();
    env.sim.clear_requests();
    env.run(&["doctor", "checkup", "vm-latency", "--nad", "red-network"])
        .fails_with(
            "NetworkAttachmentDefinition default/red-network not found: the checkup needs it to attach its VMs",
        );
    env.run(&[
        "doctor",
        "checkup",
        "vm-latency",
        "--nad",
        "blue-network",
        "--max-latency",
        "1500us",
    ])
    .fails_with("--max-latency must be a positive whole number of milliseconds");
    env.run(&[
        "doctor",
        "checkup",
        "vm-latency",
        "--nad",
        "blue-network",
        "--source-node",
        "node01",
        "--target-node",
        "nope",
    ])
    .fails_with("node \"nope\" is not a schedulable worker node");
    env.run(&[
        "doctor",
        "checkup",
        "vm-latency",
        "--nad",
        "blue-network",
        "--source-node",
        "node01",
    ])
    .fails_with("--source-node and --target-node go together: give both or neither");
    let mut node = env.sim.get("nodes", "", "node02").expect("node02");
    node["spec"]["unschedulable"] = json!(true);
    env.sim.update(node);
    env.run(&["doctor", "checkup", "vm-latency", "--nad", "blue-network"])
        .fails_with("the checkup needs at least two schedulable worker nodes, found 1");
    assert_eq!(posts(&env), Vec::<String>::new());
}

#[test]
fn image_must_be_known_and_dry_run_only_prints() {
    // Plain Kubernetes: no OpenShift Virtualization version, so no default image.
    let env = Env::new();
    env.sim.create(
        json!({"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition",
        "metadata": {"name": "blue-network", "namespace": NS}, "spec": {"config": "{}"}}),
    );
    env.run(&["doctor", "checkup", "vm-latency", "--nad", "blue-network"])
        .fails_with("no checkup image known: pass --image (the OpenShift Virtualization version could not be read)");
    env.sim.clear_requests();
    let dry = env.run(&[
        "doctor",
        "checkup",
        "vm-latency",
        "--nad",
        "blue-network",
        "--image",
        "quay.io/kiagnose/kubevirt-vm-latency-checkup:main",
        "--dry-run",
    ]);
    assert_eq!(dry.code, 0, "{dry:#?}");
    assert!(
        dry.stdout.starts_with("apiVersion: v1\nkind: List\nitems:\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("image: quay.io/kiagnose/kubevirt-vm-latency-checkup:main"),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("kind: RoleBinding"), "{}", dry.stdout);
    assert_eq!(posts(&env), Vec::<String>::new());
    assert!(env.sim.get("configmaps", NS, CM).is_none());
}

#[test]
fn status_reads_any_checkup_configmap() {
    let env = Env::new();
    env.run(&["doctor", "checkup", "status", "-n", NS])
        .fails_with("ConfigMap default/kubevirt-vm-latency-checkup-config not found");
    env.sim.create(
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "dpdk-checkup", "namespace": NS},
        "data": {"spec.timeout": "10m"}}),
    );
    env.run(&["doctor", "checkup", "status", "dpdk-checkup"]).fails_with(
        "ConfigMap default/dpdk-checkup holds no checkup result yet (no status.succeeded key): the checkup is still running or never ran",
    );
    let mut cm = env.sim.get("configmaps", NS, "dpdk-checkup").unwrap();
    cm["data"]["status.succeeded"] = json!("false");
    cm["data"]["status.failureReason"] = json!("not enough hugepages");
    cm["data"]["status.result.trafficGenSentPackets"] = json!("0");
    env.sim.update(cm);
    let out = env.run(&["doctor", "checkup", "status", "dpdk-checkup", "-o", "yaml"]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stdout.contains("check: Checkup/dpdk-checkup"), "{}", out.stdout);
    assert!(
        out.stdout.contains("summary: \"checkup failed: not enough hugepages\""),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("trafficGenSentPackets: \"0\""), "{}", out.stdout);
}

#[test]
fn ctrl_c_removes_what_was_created() {
    let env = cluster();
    env.sim.set_checkup_behaviour(Behaviour::Hang);
    let child = std::process::Command::new(crate::support::virtctl_bin())
        .env("HOME", env.dir.path())
        .env_remove("KUBECONFIG")
        .arg("--kubeconfig")
        .arg(&env.kubeconfig)
        .args(["doctor", "checkup", "vm-latency", "--nad", "blue-network"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("virtctl starts");
    let running = env.sim.wait_until(PATIENCE, |sim| {
        sim.list("pods", Some(NS))
            .iter()
            .any(|p| p.pointer("/metadata/labels/job-name").is_some())
    });
    assert!(running, "the checkup pod never started");
    // Ctrl-C is handled once virtctl waits for the Job; its first look at the Job says it does.
    let waiting = env.sim.wait_until(PATIENCE, |sim| {
        sim.requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.ends_with("/jobs/kubevirt-vm-latency-checkup"))
    });
    assert!(waiting, "virtctl never started waiting for the Job");
    let pid = child.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let output = child.wait_with_output().expect("virtctl ends");
    let out = Outcome::from_output(output);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.stderr.lines().any(|l| l == "interrupted"), "{out:#?}");
    env.sim.wait_until(PATIENCE, |_| leftovers(&env).is_empty());
    assert_eq!(leftovers(&env), Vec::<String>::new());
}
