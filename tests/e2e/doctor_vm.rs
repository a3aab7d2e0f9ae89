//! `virtctl doctor vm NAME`: one VM's story and its single-VM checks, against the VM scenarios of
//! `kubevirt_sim::vm_scenarios` loaded into a still simulator (and once against a VM the
//! simulator's controllers started): status, evidence, exit codes, formats, what was read, a
//! missing VM and forbidden reads.

use kubevirt_sim::{openshift_virt, vm_scenarios};

use crate::doctor_support::{json, vm_result};
use crate::support::{Env, Outcome, bare_virtctl};

const NS: &str = "vms";

/// A still simulator holding `scenario` in namespace `ns`.
fn cluster_in(scenario: &str, ns: &str) -> Env {
    let env = Env::snapshot();
    let now = openshift_virt::now();
    vm_scenarios::load(&env.sim, vm_scenarios::build(scenario, ns, &now));
    env
}

fn cluster(scenario: &str) -> Env {
    cluster_in(scenario, NS)
}

/// Evidence each scenario's table must show (besides the checks' own findings).
const EVIDENCE: &[(&str, &[&str])] = &[
    (
        "vm-healthy",
        &[
            "VirtualMachine vms/web: Running (runStrategy Always)",
            "VirtualMachineInstance: Running on node01, guest agent connected, live-migratable\n",
            "  virt-launcher: Pod vms/virt-launcher-web-x7k2p on node01: Running\n",
            "  DataVolume web-root: Succeeded 100.0%\n",
            "  PersistentVolumeClaim web-root: Bound to pvc-3f1c2b7e-web-root, 30Gi, ReadWriteMany, ocs-storagecluster-ceph-rbd-virtualization\n",
            "Migrations: none\n",
            "Events (newest first, 2 of 2):\n",
            "3h ago  Normal   Started  VirtualMachineInstance/web: VirtualMachineInstance started.",
            "Launcher log (virt-launcher-web-x7k2p, container compute, last 20 lines):\n",
            "\"msg\":\"Guest agent connected\"",
        ],
    ),
    (
        "vm-stuck-starting",
        &[
            "VirtualMachine vms/web: Starting",
            "VirtualMachineInstance: Scheduling, guest agent not connected",
            "virt-launcher: Pod vms/virt-launcher-web-x7k2p on node01: Pending, not ready, ContainerCreating",
            "Events (newest first, 10 of 13):\n",
            "FailedMount  Pod/virt-launcher-web-x7k2p: MountVolume.SetUp failed for volume \"cloudinitdisk-ndata\" : secret \"web-cloudinit\" not found",
            "Launcher log: skipped (container \"compute\" in pod \"virt-launcher-web-x7k2p\" is waiting to start: ContainerCreating)\n",
            "  VM vms/web: Starting for 20m",
        ],
    ),
    (
        "vm-err-image-pull",
        &[
            "VirtualMachine vms/web: ErrImagePull",
            "Synchronized=False ErrImagePull: rpc error",
            "Pending, not ready, ErrImagePull",
            "Launcher log: skipped (container \"compute\" in pod \"virt-launcher-web-x7k2p\" is waiting to start: ErrImagePull)\n",
            "Failed  Pod/virt-launcher-web-x7k2p: Failed to pull image",
            "VM vms/web: ErrImagePull for 15m",
        ],
    ),
    (
        "vm-unschedulable",
        &[
            "VirtualMachine vms/web: ErrorUnschedulable",
            "PodScheduled=False Unschedulable: 0/3 nodes are available: 1 node(s) had untolerated taint",
            "unschedulable: 0/3 nodes are available",
            "FailedScheduling  Pod/virt-launcher-web-x7k2p",
            "Launcher log (virt-launcher-web-x7k2p, container compute, last 20 lines): none\n",
        ],
    ),
    (
        "vm-datavolume-error",
        &[
            "VirtualMachine vms/web: DataVolumeError",
            "Ready=False VMINotExists: VMI does not exist (20m)",
            "VirtualMachineInstance: none\n",
            "Pods: none\n",
            "DataVolume web-root: ImportInProgress, 4 restarts, Running=False Error: Unable to connect to http data source",
            "Error  DataVolume/web-root: Unable to connect",
            "Launcher log: no virt-launcher pod\n",
        ],
    ),
    (
        "vm-stuck-migrating",
        &[
            "VirtualMachine vms/web: Migrating",
            "migrating node01 -> node02 for 25m",
            "VirtualMachineInstanceMigration kubevirt-migrate-vm-8xq2k: Running for 25m, node01 -> node02 (PreCopy), started 25m ago",
            "virt-launcher: Pod vms/virt-launcher-web-m4n8v on node02: Running",
            "VM vms/web: Migrating for 25m",
        ],
    ),
    (
        "vm-cannot-be-evicted",
        &[
            "not live-migratable",
            "LiveMigratable=False DisksNotLiveMigratable: cannot migrate VMI: PVC web-root is not shared",
            "30Gi, ReadWriteOnce",
            "VMI vms/web on node01: evictionStrategy LiveMigrate (VMI) but not live-migratable: DisksNotLiveMigratable",
        ],
    ),
    (
        "vm-outdated-launcher",
        &[
            "outdated virt-launcher (quay.io/kubevirt/virt-launcher:v1.7.0)",
            "VMI vms/web on node01: LiveMigratable true; virtctl migrate web -n vms",
        ],
    ),
    (
        "vm-ephemeral-hotplug",
        &[
            "  hotplug: Pod vms/hp-volume-q7x2n on node01: Running\n",
            "  PersistentVolumeClaim scratch: Bound to pvc-9a0b1c2d-scratch, 30Gi, ReadWriteOnce",
            "VMI vms/web: ephemeral hotplug volumes scratch",
        ],
    ),
    (
        "vm-guest-panics",
        &[
            "Events (newest first, 8 of 8):",
            "GuestPanicked  VirtualMachineInstance/web: Guest panicked: hyper-v crash (bugcheck code 0x9f)",
            "VMI vms/web: 6 guest panic(s)",
        ],
    ),
];

#[test]
fn every_vm_scenario_tells_its_story_and_fires_its_checks() {
    let mut failures = Vec::new();
    for (scenario, _, expected) in vm_scenarios::VM_SCENARIOS {
        let env = cluster(scenario);
        let report = env.run(&["doctor", "vm", vm_scenarios::VM, "-n", NS, "-o", "json"]);
        let doc = json(&report);
        let critical = expected.iter().any(|(_, s)| *s == "critical");
        if report.code != if critical { 2 } else { 0 } || doc["summary"]["exitCode"] != report.code {
            failures.push(format!("{scenario}: exit {} ({})", report.code, doc["summary"]));
        }
        for r in doc["results"].as_array().expect("results") {
            let check = r["check"].as_str().unwrap();
            let want = expected.iter().find(|(c, _)| *c == check).map(|(_, s)| *s);
            let status = r["status"].as_str().unwrap();
            match want {
                Some(want) => {
                    if status != want || r["pending"] != false {
                        failures.push(format!(
                            "{scenario}: {check} is {status} (pending {}), want {want}: {}",
                            r["pending"], r["summary"]
                        ));
                    } else if r["findings"].as_array().is_none_or(|f| f.is_empty())
                        || !r["runbook"].as_str().unwrap_or("").ends_with(check)
                        || r["mitigation"].as_str().unwrap_or("").is_empty()
                    {
                        failures.push(format!(
                            "{scenario}: {check} lacks findings, runbook or mitigation: {r:#}"
                        ));
                    }
                }
                None if status != "ok" && status != "skipped" => {
                    failures.push(format!(
                        "{scenario}: {check} is {status} unexpectedly: {}",
                        r["summary"]
                    ));
                }
                None => {}
            }
        }
        let table = env.run(&["doctor", "vm", vm_scenarios::VM, "-n", NS]);
        let evidence = EVIDENCE
            .iter()
            .find(|(s, _)| *s == *scenario)
            .map(|(_, e)| *e)
            .unwrap_or_default();
        if evidence.is_empty() {
            failures.push(format!("{scenario}: no evidence listed in this test"));
        }
        for text in evidence {
            if !table.stdout.contains(text) {
                failures.push(format!("{scenario}: the table lacks {text:?}:\n{}", table.stdout));
            }
        }
        for (check, status) in *expected {
            let line = format!("\n{status}  vm-workload/{check}\n");
            if !table.stdout.contains(&line) {
                failures.push(format!(
                    "{scenario}: the table lacks the details of {check}:\n{}",
                    table.stdout
                ));
            }
        }
        if !expected.is_empty() {
            let strict = env.run(&["doctor", "vm", vm_scenarios::VM, "-n", NS, "--fail-on", "warning"]);
            if strict.code != 2 {
                failures.push(format!("{scenario}: --fail-on warning exits {}", strict.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_healthy_vm_is_ok_and_only_its_own_objects_are_read() {
    let env = cluster("vm-healthy");
    env.sim.clear_requests();
    let out = env.run(&["doctor", "vm", "web", "-n", NS]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.starts_with("Cluster: https://127.0.0.1:"), "{}", out.stdout);
    assert!(out.stdout.contains("\nCHECK "), "{}", out.stdout);
    assert!(
        out.stdout
            .ends_with("\nSummary: 11 ok, 0 warning, 0 critical (0 pending), 0 skipped\n"),
        "{}",
        out.stdout
    );
    let requests = env.sim.requests();
    assert!(
        requests.iter().all(|r| r.method == "GET"),
        "doctor vm wrote something: {requests:?}"
    );
    for r in requests
        .iter()
        .filter(|r| !r.path.starts_with("/api/v1/namespaces/vms/") || r.path.contains("/log"))
    {
        let allowed = r.path.starts_with(&format!("/apis/kubevirt.io/v1/namespaces/{NS}/"))
            || r.path
                .starts_with(&format!("/apis/cdi.kubevirt.io/v1beta1/namespaces/{NS}/"))
            || r.path
                .starts_with(&format!("/apis/subresources.kubevirt.io/v1/namespaces/{NS}/"))
            || r.path.starts_with(&format!("/api/v1/namespaces/{NS}/"))
            || r.path == "/apis/kubevirt.io/v1/kubevirts";
        assert!(allowed, "read outside the VM's namespace: {} {}", r.path, r.query);
    }
    let pods = requests
        .iter()
        .find(|r| r.path == "/api/v1/namespaces/vms/pods")
        .expect("a pod list");
    assert!(
        pods.query.contains("labelSelector=kubevirt.io%2Fcreated-by%3D"),
        "{}",
        pods.query
    );
    let log = requests.iter().find(|r| r.path.ends_with("/log")).expect("a log read");
    assert_eq!(log.path, "/api/v1/namespaces/vms/pods/virt-launcher-web-x7k2p/log");
    for part in ["container=compute", "tailLines=20", "limitBytes=1048576"] {
        assert!(log.query.contains(part), "{}", log.query);
    }
    let events: Vec<&str> = requests
        .iter()
        .filter(|r| r.path == "/api/v1/namespaces/vms/events")
        .map(|r| r.query.as_str())
        .collect();
    assert!(
        events.iter().all(|q| q.contains("fieldSelector=involvedObject.name")),
        "{events:?}"
    );
    assert_eq!(events.len(), 3, "the VM/VMI, the launcher pod and the disk: {events:?}");

    let quiet = env.run(&["doctor", "vm", "web", "-n", NS, "--no-logs"]);
    assert_eq!(quiet.code, 0);
    assert!(
        quiet.stdout.contains("Launcher log: skipped (logs-disabled)\n"),
        "{}",
        quiet.stdout
    );
    let logs = env.sim.requests().iter().filter(|r| r.path.ends_with("/log")).count();
    assert_eq!(logs, 1, "--no-logs read a log");
}

#[test]
fn a_vm_the_controllers_started_is_found_by_its_vmi_uid() {
    let env = Env::new();
    let vmi = env.running_vm("fedora");
    let out = env.run(&["doctor", "vm", "fedora", "-o", "json"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let doc = json(&out);
    assert_eq!(doc["vm"]["namespace"], "default", "the kubeconfig context's namespace");
    assert_eq!(doc["vmi"]["phase"], "Running");
    assert_eq!(doc["vmi"]["node"], vmi["status"]["nodeName"]);
    let pods = doc["pods"].as_array().expect("pods");
    assert_eq!(pods.len(), 1, "{pods:#?}");
    assert_eq!(pods[0]["role"], "virt-launcher");
    assert!(pods[0]["name"].as_str().unwrap().starts_with("virt-launcher-fedora-"));
    assert_eq!(vm_result(&doc, "VMCannotBeEvicted")["status"], "ok");
    assert_eq!(vm_result(&doc, "KubeVirtVMStuckInStartingState")["status"], "ok");
}

#[test]
fn json_and_yaml_carry_the_story_and_the_checks() {
    let env = cluster("vm-stuck-migrating");
    let doc = json(&env.run(&["doctor", "vm", "web", "-n", NS, "-o", "json"]));
    assert_eq!(doc["apiVersion"], "doctor.virtctl.kubevirt.io/v1alpha1");
    assert_eq!(doc["kind"], "DoctorVMReport");
    assert_eq!(doc["vm"]["name"], "web");
    assert_eq!(doc["vm"]["runStrategy"], "Always");
    assert_eq!(doc["vm"]["printableStatus"], "Migrating");
    assert_eq!(doc["vmi"]["migrationState"]["targetNode"], "node02");
    assert_eq!(doc["vmi"]["guestAgentConnected"], true);
    let roles: Vec<&str> = doc["pods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["virt-launcher", "virt-launcher"], "source and target launcher");
    assert_eq!(doc["dataVolumes"][0]["phase"], "Succeeded");
    assert_eq!(doc["persistentVolumeClaims"][0]["accessModes"][0], "ReadWriteMany");
    assert_eq!(doc["migrations"][0]["name"], "kubevirt-migrate-vm-8xq2k");
    assert_eq!(doc["migrations"][0]["phase"], "Running");
    assert_eq!(
        doc["launcherLog"]["pod"], "virt-launcher-web-x7k2p",
        "the pod on the VMI's node"
    );
    assert_eq!(doc["launcherLog"]["lines"].as_array().unwrap().len(), 3);
    assert_eq!(doc["reads"]["pods"], "ok");
    assert_eq!(doc["results"].as_array().unwrap().len(), 11);
    let migrating = vm_result(&doc, "KubeVirtVMStuckInMigratingState");
    assert_eq!(migrating["status"], "warning");
    assert_eq!(migrating["findings"][0]["object"]["name"], "web");
    assert_eq!(doc["summary"]["warning"], 1);
    let yaml = env.run(&["doctor", "vm", "web", "-n", NS, "-o", "yaml"]);
    assert_eq!(yaml.code, 0);
    for text in [
        "kind: DoctorVMReport",
        "printableStatus: Migrating",
        "check: KubeVirtVMStuckInMigratingState",
    ] {
        assert!(yaml.stdout.contains(text), "{text}: {}", yaml.stdout);
    }
}

#[test]
fn a_missing_vm_is_one_line_naming_the_namespace() {
    let env = cluster("vm-healthy");
    let out = env.run(&["doctor", "vm", "nope", "-n", NS]);
    out.fails_with("VirtualMachine \"nope\" not found in namespace \"vms\"");
    let other = env.run(&["doctor", "vm", "web"]);
    other.fails_with("VirtualMachine \"web\" not found in namespace \"default\"");
    assert_eq!(other.hint(), Some("hint: give the VM's namespace with -n NAMESPACE"));
    let mixed = env.run(&["doctor", "--all", "vm", "web", "-n", NS]);
    assert_eq!(mixed.code, 1, "{mixed:#?}");
    assert_eq!(mixed.stdout, "");
}

#[test]
fn forbidden_reads_are_skipped_not_fatal() {
    let env = cluster_in("vm-cannot-be-evicted", "limited");
    let kubeconfig = env.limited_kubeconfig("limited");
    let alice = |args: &[&str]| {
        Outcome::of(
            bare_virtctl(env.dir.path())
                .arg("--kubeconfig")
                .arg(&kubeconfig)
                .args(args),
        )
    };
    let out = alice(&["doctor", "vm", "web", "-o", "json"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let doc = json(&out);
    assert_eq!(doc["reads"]["kubevirts"], "skipped (forbidden: list kubevirts)");
    assert_eq!(doc["reads"]["pods"], "ok");
    for check in ["VMCannotBeEvicted", "OutdatedVirtualMachineInstanceWorkloads"] {
        let r = vm_result(&doc, check);
        assert_eq!(r["status"], "skipped", "{r:#}");
        assert_eq!(r["reason"]["code"], "forbidden");
        assert_eq!(r["reason"]["message"], "list kubevirts");
    }
    assert_eq!(vm_result(&doc, "KubeVirtVMStuckInStartingState")["status"], "ok");
    assert_eq!(doc["pods"].as_array().unwrap().len(), 1);
    let table = alice(&["doctor", "vm", "web"]);
    assert!(table.stdout.contains("VMCannotBeEvicted  "), "{}", table.stdout);
    assert!(
        table.stdout.contains("skipped  forbidden: list kubevirts"),
        "{}",
        table.stdout
    );
    let elsewhere = alice(&["doctor", "vm", "web", "-n", NS]);
    assert_eq!(elsewhere.code, 1, "{elsewhere:#?}");
    assert!(
        elsewhere
            .error_line()
            .contains("cannot get resource \"virtualmachines\""),
        "{elsewhere:#?}"
    );
}
