//! `virtctl doctor` against a simulated OpenShift Virtualization install: the healthy cluster,
//! every runbook scenario of `kubevirt_sim::scenarios`, output formats, filters, exit codes,
//! forbidden reads, an unreachable cluster, paging and the Prometheus/Alertmanager mode.

use std::collections::BTreeSet;

use kubevirt_sim::{openshift_virt, prometheus, scenarios};

use crate::doctor_support::{json, result, results};
use crate::support::{Env, Outcome, bare_virtctl};

/// The 51 runbooks of seed 000, in its order.
const SEED_RUNBOOKS: [&str; 51] = [
    "CDIDataImportCronOutdated",
    "CDIDataVolumeUnusualRestartCount",
    "CDINotReady",
    "CDIOperatorDown",
    "CDIStorageProfilesIncomplete",
    "CnaoDown",
    "HPPNotReady",
    "HPPOperatorDown",
    "HPPSharingPoolPathWithOS",
    "KubeMacPoolDown",
    "KubeMacPoolDuplicateMacsFound",
    "KubeVirtComponentExceedsRequestedCPU",
    "KubeVirtComponentExceedsRequestedMemory",
    "KubevirtHyperconvergedClusterOperatorCRModification",
    "KubevirtHyperconvergedClusterOperatorInstallationNotCompletedAlert",
    "KubevirtHyperconvergedClusterOperatorUSModification",
    "KubevirtVmHighMemoryUsage",
    "KubeVirtVMIExcessiveMigrations",
    "KubeVirtVMStuckInErrorState",
    "KubeVirtVMStuckInMigratingState",
    "KubeVirtVMStuckInStartingState",
    "LowKVMNodesCount",
    "LowReadyVirtControllersCount",
    "LowReadyVirtOperatorsCount",
    "LowVirtAPICount",
    "LowVirtControllersCount",
    "LowVirtOperatorCount",
    "NetworkAddonsConfigNotReady",
    "NoLeadingVirtOperator",
    "NoReadyVirtController",
    "NoReadyVirtOperator",
    "OrphanedVirtualMachineInstances",
    "OutdatedVirtualMachineInstanceWorkloads",
    "SSPCommonTemplatesModificationReverted",
    "SSPFailingToReconcile",
    "SSPHighRateRejectedVms",
    "SSPOperatorDown",
    "SSPTemplateValidatorDown",
    "VirtAPIDown",
    "VirtApiRESTErrorsBurst",
    "VirtApiRESTErrorsHigh",
    "VirtControllerDown",
    "VirtControllerRESTErrorsBurst",
    "VirtControllerRESTErrorsHigh",
    "VirtHandlerDaemonSetRolloutFailing",
    "VirtHandlerRESTErrorsBurst",
    "VirtHandlerRESTErrorsHigh",
    "VirtOperatorDown",
    "VirtOperatorRESTErrorsBurst",
    "VirtOperatorRESTErrorsHigh",
    "VMCannotBeEvicted",
];

/// A simulator with the healthy install, then `scenario` applied.
fn cluster(scenario: Option<&str>) -> Env {
    let env = Env::frozen();
    let now = openshift_virt::now();
    let mut objects = openshift_virt::objects(&now);
    if let Some(name) = scenario {
        let scenario = scenarios::Scenario::named(name).expect("a scenario");
        (scenario.apply)(&mut objects, &now);
    }
    openshift_virt::install(&env.sim, objects);
    env
}

#[test]
fn list_needs_no_cluster_and_names_every_seed_runbook() {
    let home = tempfile::tempdir().expect("tmp");
    let out = Outcome::of(bare_virtctl(home.path()).args(["doctor", "--list", "-o", "json"]));
    assert_eq!(out.code, 0, "{out:#?}");
    let catalog = json(&out);
    let checks = catalog["checks"].as_array().expect("checks");
    // Every check is one a scenario makes fire, or the checkup's verdict (no cluster state makes
    // it fire): the count follows the scenarios instead of being written down.
    let listed: BTreeSet<&str> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
    let expected: BTreeSet<&str> = scenarios::SCENARIOS
        .iter()
        .map(|s| s.check)
        .chain(["VMLatencyCheckup"])
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(checks.len(), expected.len());
    let names: Vec<&str> = checks
        .iter()
        .flat_map(|c| {
            std::iter::once(c["name"].as_str().unwrap())
                .chain(c["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()))
        })
        .collect();
    for runbook in SEED_RUNBOOKS {
        assert!(names.contains(&runbook), "{runbook} is not in the catalog");
    }
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "a name is listed twice");
    let table = Outcome::of(bare_virtctl(home.path()).args(["doctor", "--list"]));
    assert!(table.stdout.starts_with("NAME "), "{table:#?}");
    assert!(table.stdout.contains("SSPDown") && table.stdout.contains("SSPOperatorDown"));
    let yaml = Outcome::of(bare_virtctl(home.path()).args(["doctor", "--list", "-o", "yaml"]));
    assert!(yaml.stdout.contains("kind: DoctorCatalog"), "{yaml:#?}");
}

#[test]
fn healthy_install_is_ok_or_skipped_with_a_reason() {
    let env = cluster(None);
    let out = env.run(&["doctor", "--all", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let report = json(&out);
    assert_eq!(report["kind"], "DoctorReport");
    assert_eq!(report["namespaces"]["virt"], "openshift-cnv");
    assert_eq!(report["cluster"]["platform"], "OpenShift");
    assert_eq!(report["cluster"]["productVersion"], "4.12.0");
    let all = results(&report);
    assert_eq!(all.len(), 92);
    for r in &all {
        let status = r["status"].as_str().unwrap();
        match status {
            "ok" => {}
            "skipped" => {
                let code = r["reason"]["code"].as_str().unwrap();
                assert!(
                    [
                        "needs-prometheus",
                        "needs-metrics-api",
                        "not-applicable",
                        "not-installed"
                    ]
                    .contains(&code),
                    "{}: skipped {code}: {}",
                    r["check"],
                    r["reason"]["message"]
                );
            }
            _ => panic!("{} is {status} on a healthy cluster: {r:#}", r["check"]),
        }
    }
    assert_eq!(
        result(&report, "VirtApiRESTErrorsBurst")["reason"]["code"],
        "needs-prometheus"
    );
    assert_eq!(
        result(&report, "KubeVirtComponentExceedsRequestedCPU")["reason"]["code"],
        "needs-metrics-api"
    );
}

/// Every scenario, on a fresh simulator: its check reaches the expected status (not pending) with
/// the exit code that status implies, prints the expected evidence, its mitigation and runbook
/// (JSON and table), and doctor leaves the cluster as it found it (GET requests only).
#[test]
fn every_scenario_fires_its_check_with_evidence() {
    let mut failures = Vec::new();
    for scenario in scenarios::SCENARIOS {
        let (name, check, status, evidence) = (scenario.name, scenario.check, scenario.status, scenario.evidence);
        let env = cluster(Some(name));
        env.sim.clear_requests();
        let out = env.run(&["doctor", "--check", check, "-o", "json"]);
        let report = json(&out);
        let r = result(&report, check);
        let expected_code = if status == "critical" { 2 } else { 0 };
        let texts: Vec<&str> = r["findings"]
            .as_array()
            .map(|f| f.iter().filter_map(|f| f["text"].as_str()).collect())
            .unwrap_or_default();
        if r["status"] != status || r["pending"] != false || out.code != expected_code {
            failures.push(format!(
                "{name}: {check} is {} (pending {}), exit {}: {}",
                r["status"], r["pending"], out.code, r["summary"]
            ));
        } else if !texts.iter().any(|t| t.contains(evidence)) {
            failures.push(format!("{name}: {check} lacks evidence {evidence:?}: {texts:#?}"));
        } else if !r["runbook"].as_str().unwrap_or("").ends_with(check)
            || r["mitigation"].as_str().unwrap_or("").is_empty()
        {
            failures.push(format!("{name}: {check} lacks its runbook or mitigation"));
        }
        let table = env.run(&["doctor", "--check", check]);
        let runbook = format!("  Runbook: https://kubevirt.io/monitoring/runbooks/{check}\n");
        if table.code != expected_code || !table.stdout.contains(&runbook) || !table.stdout.contains(evidence) {
            failures.push(format!(
                "{name}: table lacks the evidence or runbook:\n{}",
                table.stdout
            ));
        }
        let writes: Vec<String> = env
            .sim
            .requests()
            .iter()
            .filter(|r| r.method != "GET")
            .map(|r| format!("{} {}", r.method, r.path))
            .collect();
        if !writes.is_empty() {
            failures.push(format!("{name}: doctor wrote to the cluster: {writes:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// With metrics-server registered and every sample below its request and threshold, the checks
/// that need the metrics API are `ok` (on the healthy install they are skipped, needs-metrics-api).
#[test]
fn metrics_api_checks_are_ok_when_usage_is_normal() {
    let names = [
        "KubeVirtComponentExceedsRequestedCPU",
        "KubeVirtComponentExceedsRequestedMemory",
        "KubevirtVmHighMemoryUsage",
        "HighCPUWorkload",
    ];
    let env = Env::frozen();
    let now = openshift_virt::now();
    let mut objects = openshift_virt::objects(&now);
    scenarios::metrics_api(&mut objects, &now);
    openshift_virt::install(&env.sim, objects);
    let out = env.run(&["doctor", "--check", &names.join(","), "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let report = json(&out);
    assert_eq!(report["sources"]["metricsAPI"], true, "{:#}", report["sources"]);
    for name in names {
        let r = result(&report, name);
        assert_eq!(r["status"], "ok", "{r:#}");
    }
}

/// The checks whose scenarios above reach them only through a firing Prometheus alert are `ok`
/// once Prometheus answers without that alert, and `skipped (needs-prometheus)` without it.
#[test]
fn metrics_only_checks_are_ok_with_a_quiet_prometheus() {
    let names = [
        "GuestVCPUQueueHighCritical",
        "GuestVCPUQueueHighWarning",
        "KubeVirtVMGuestMemoryAvailableLow",
        "KubeVirtVMGuestMemoryPressure",
        "HighNodeCPUFrequency",
        "NodeNetworkInterfaceDown",
        "PersistentVolumeFillingUp",
    ];
    let env = cluster(None);
    let without = json(&env.run(&["doctor", "--check", &names.join(","), "-o", "json"]));
    openshift_virt::load(&env.sim, prometheus::stack("openshift-monitoring", &[], &[]));
    let with = json(&env.run(&["doctor", "--check", &names.join(","), "-o", "json"]));
    for name in names {
        let skipped = result(&without, name);
        assert_eq!(
            (skipped["status"].as_str(), skipped["reason"]["code"].as_str()),
            (Some("skipped"), Some("needs-prometheus")),
            "{skipped:#}"
        );
        let ok = result(&with, name);
        assert_eq!(ok["status"], "ok", "{ok:#}");
        assert_eq!(ok["summary"], format!("alert {name} is not firing"));
    }
}

#[test]
fn table_shows_header_problems_details_and_summary() {
    let env = cluster(Some("virt-api-not-ready"));
    let out = env.run(&["doctor", "--component", "virt"]);
    assert_eq!(out.code, 2, "{out:#?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("Cluster: https://127.0.0.1:"), "{}", lines[0]);
    assert!(
        lines[0].ends_with("OpenShift 4.12.3  OpenShift Virtualization 4.12.0 (KubeVirt v1.8.0)"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "Namespaces: hco=openshift-cnv virt=openshift-cnv cdi=openshift-cnv cnao=openshift-cnv kmp=openshift-cnv ssp=openshift-cnv hpp=openshift-cnv"
    );
    assert!(
        lines[2].starts_with("Sources: api logs events  metrics-api:no  prometheus:no"),
        "{}",
        lines[2]
    );
    assert!(out.stdout.contains("\nCOMPONENT  CHECK"), "{}", out.stdout);
    assert!(out.stdout.contains("virt       NoReadyVirtAPI"), "{}", out.stdout);
    assert!(out.stdout.contains("critical  virt/NoReadyVirtAPI"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("CrashLoopBackOff, 7 restarts, last terminated OOMKilled (exit 137)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  Runbook: https://kubevirt.io/monitoring/runbooks/NoReadyVirtAPI\n")
    );
    assert!(lines.last().unwrap().starts_with("Summary: "), "{}", out.stdout);
    let problems = env.run(&["doctor", "--component", "virt", "--problems-only"]);
    assert!(!problems.stdout.contains(" ok "), "{}", problems.stdout);
    let yaml = env.run(&["doctor", "--check", "NoReadyVirtAPI", "-o", "yaml"]);
    assert_eq!(yaml.code, 2);
    assert!(
        yaml.stdout.contains("kind: DoctorReport") && yaml.stdout.contains("status: critical"),
        "{}",
        yaml.stdout
    );
}

#[test]
fn filters_aliases_globs_and_fail_on() {
    let env = cluster(Some("cnao-down"));
    let globbed = json(&env.run(&["doctor", "--check", "Virt*Down", "-o", "json"]));
    let names: Vec<String> = results(&globbed)
        .iter()
        .map(|r| r["check"].as_str().unwrap().to_string())
        .collect();
    // Report order: the catalog order (VirtHandlerDown is an upstream-only runbook, listed later).
    assert_eq!(
        names,
        [
            "VirtAPIDown",
            "VirtControllerDown",
            "VirtOperatorDown",
            "VirtHandlerDown"
        ]
    );
    let alias = json(&env.run(&["doctor", "--check", "ssPOperatorDown,KubeMacPoolDown", "-o", "json"]));
    let names: Vec<String> = results(&alias)
        .iter()
        .map(|r| r["check"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["KubemacpoolDown", "SSPDown"]);
    let skipped = json(&env.run(&["doctor", "--component", "cnao", "--skip", "CnaoDown", "-o", "json"]));
    assert!(results(&skipped).iter().all(|r| r["check"] != "CnaoDown"));
    assert!(
        results(&skipped)
            .iter()
            .any(|r| r["check"] == "NetworkAddonsConfigNotReady")
    );
    // CnaoDown is a warning: exit 0 by default, 2 with --fail-on warning.
    assert_eq!(env.run(&["doctor", "--check", "CnaoDown"]).code, 0);
    assert_eq!(
        env.run(&["doctor", "--check", "CnaoDown", "--fail-on", "warning"]).code,
        2
    );
    // Default-off checks run only with --all or by name.
    let default = json(&env.run(&["doctor", "--component", "virt", "-o", "json"]));
    assert!(results(&default).iter().all(|r| r["check"] != "VirtApiRESTErrorsHigh"));
    env.run(&["doctor", "--check", "Nope"])
        .fails_with("unknown check \"Nope\" (see virtctl doctor --list)");
    env.run(&["doctor", "--component", "storage"])
        .fails_with("unknown component \"storage\" (one of hco,virt,cdi,cnao,kmp,ssp,hpp,node,vm-workload)");
}

#[test]
fn forbidden_reads_are_skipped_not_fatal() {
    let env = cluster(None);
    let kubeconfig = env.limited_kubeconfig("limited");
    let out = Outcome::of(
        bare_virtctl(env.dir.path())
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .args(["doctor", "-o", "json"]),
    );
    assert_eq!(out.code, 0, "{out:#?}");
    let report = json(&out);
    let r = result(&report, "VirtAPIDown");
    assert_eq!(r["status"], "skipped");
    assert_eq!(r["reason"]["code"], "forbidden");
    assert_eq!(r["reason"]["message"], "list pods");
}

#[test]
fn unreachable_cluster_is_one_error_line() {
    let env = Env::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let yaml = env
        .sim
        .kubeconfig_yaml(&env.sim.admin_token(), None)
        .replace(&env.sim.url(), &format!("https://127.0.0.1:{port}"));
    let path = env.write("down", &yaml);
    let out = Outcome::of(
        bare_virtctl(env.dir.path())
            .arg("--kubeconfig")
            .arg(&path)
            .args(["doctor"]),
    );
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert!(
        out.error_line()
            .starts_with("cannot reach the Kubernetes API server at"),
        "{out:#?}"
    );
}

#[test]
fn each_kind_is_listed_once_with_paging_and_logs_are_bounded() {
    let env = cluster(Some("virt-api-rest-errors"));
    env.sim.clear_requests();
    let out = env.run(&["doctor", "--all", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let requests = env.sim.requests();
    assert!(requests.iter().all(|r| r.method == "GET"), "doctor wrote something");
    let lists: Vec<&str> = requests
        .iter()
        .filter(|r| r.query.contains("limit=500"))
        .map(|r| r.path.as_str())
        .collect();
    let mut unique = lists.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), lists.len(), "a kind was listed twice: {lists:?}");
    let logs: Vec<_> = requests.iter().filter(|r| r.path.ends_with("/log")).collect();
    assert!(!logs.is_empty());
    assert!(logs.iter().all(|r| r.query.contains("limitBytes=1048576")), "{logs:?}");
    let no_logs = env.run(&["doctor", "--no-logs", "--check", "VirtApiRESTErrorsBurst", "-o", "json"]);
    assert_eq!(
        result(&json(&no_logs), "VirtApiRESTErrorsBurst")["reason"]["code"],
        "needs-prometheus"
    );
}

#[test]
fn large_lists_are_paged() {
    let env = cluster(Some("virt-launcher-pods-failed"));
    env.sim.clear_requests();
    let out = env.run(&["doctor", "--check", "VirtLauncherPodsStuckFailed", "-o", "json"]);
    let r = result(&json(&out), "VirtLauncherPodsStuckFailed");
    assert_eq!(r["status"], "critical", "{r:#}");
    let pod_pages = env.sim.requests().iter().filter(|r| r.path == "/api/v1/pods").count();
    assert_eq!(pod_pages, 1, "under 500 pods fit one page");
}

/// The healthy install with `vms` running VMs (each with its VMI and launcher pod) in 10
/// namespaces, every timestamp relative to `now`.
fn scaled_cluster(now: &str, vms: usize) -> Env {
    let env = Env::frozen();
    openshift_virt::install(&env.sim, openshift_virt::objects(now));
    openshift_virt::load(&env.sim, openshift_virt::scale(now, vms, 10));
    env
}

/// What a report says of each check, its summary left out (it may count the objects).
fn verdicts(report: &serde_json::Value) -> Vec<(serde_json::Value, [serde_json::Value; 5])> {
    results(report)
        .into_iter()
        .map(|r| {
            let said = ["status", "reason", "pending", "since", "findings"].map(|k| r[k].clone());
            (r["check"].clone(), said)
        })
        .collect()
}

#[test]
fn at_scale_big_lists_are_paged_and_findings_equal_the_small_cluster_ones() {
    // 600 VMs: their VMs, VMIs and launcher pods each take two pages of 500.
    let now = openshift_virt::now();
    let small = scaled_cluster(&now, 3);
    let large = scaled_cluster(&now, 600);
    large.sim.clear_requests();
    let at_scale = large.run(&["doctor", "--all", "-o", "json"]);
    let requests = large.sim.requests();
    for path in [
        "/api/v1/pods",
        "/apis/kubevirt.io/v1/virtualmachines",
        "/apis/kubevirt.io/v1/virtualmachineinstances",
    ] {
        let pages: Vec<&str> = requests
            .iter()
            .filter(|r| r.path == path)
            .map(|r| r.query.as_str())
            .collect();
        assert_eq!(pages.len(), 2, "{path}: {pages:?}");
        assert!(pages.iter().all(|q| q.contains("limit=500")), "{path}: {pages:?}");
        assert!(!pages[0].contains("continue="), "{path}: {pages:?}");
        assert!(pages[1].contains("continue="), "{path}: {pages:?}");
    }
    let at_small_scale = small.run(&["doctor", "--all", "-o", "json"]);
    assert_eq!(at_scale.code, at_small_scale.code, "{}", at_scale.stdout);
    let (large_report, small_report) = (json(&at_scale), json(&at_small_scale));
    assert_eq!(large_report["summary"], small_report["summary"]);
    assert_eq!(verdicts(&large_report), verdicts(&small_report));
}

#[test]
fn prometheus_alerts_are_merged_and_unknown_ones_listed() {
    let env = cluster(None);
    let now = openshift_virt::now();
    let alerts = vec![
        prometheus::alert(
            "VirtApiRESTErrorsBurst",
            "critical",
            "firing",
            &now,
            serde_json::json!({"namespace": "openshift-cnv"}),
        ),
        prometheus::alert(
            "KubeVirtVMGuestMemoryPressure",
            "warning",
            "pending",
            &now,
            serde_json::json!({}),
        ),
        prometheus::alert("KubeVirtSomethingNew", "warning", "firing", &now, serde_json::json!({})),
    ];
    openshift_virt::load(
        &env.sim,
        prometheus::stack("monitoring", &alerts, &["KubeVirtSomethingNew"]),
    );
    let out = env.run(&["doctor", "-o", "json"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    let report = json(&out);
    assert_eq!(report["sources"]["prometheus"]["state"], "used");
    assert_eq!(report["sources"]["alertmanager"]["state"], "used");
    let burst = result(&report, "VirtApiRESTErrorsBurst");
    assert_eq!(burst["status"], "critical");
    assert_eq!(burst["alerts"][0]["state"], "firing");
    let pressure = result(&report, "KubeVirtVMGuestMemoryPressure");
    assert_eq!(
        (pressure["status"].as_str(), pressure["pending"].as_bool()),
        (Some("warning"), Some(true))
    );
    assert_eq!(result(&report, "GuestVCPUQueueHighWarning")["status"], "ok");
    let other = result(&report, "KubeVirtSomethingNew");
    assert_eq!(other["alerts"][0]["silenced"], true);
    assert!(
        report["components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "other")
    );
    let off = env.run(&[
        "doctor",
        "--prometheus",
        "off",
        "--alertmanager",
        "off",
        "--check",
        "VirtApiRESTErrorsBurst",
        "-o",
        "json",
    ]);
    assert_eq!(result(&json(&off), "VirtApiRESTErrorsBurst")["status"], "skipped");
    env.run(&["doctor", "--prometheus", "svc://nowhere/prometheus:9090"])
        .fails_with("cannot read svc://nowhere/prometheus:9090: services \"prometheus\" not found");
}
