//! `memory-dump get|download|remove`: the claim `--create-claim` makes (size, storage class,
//! access mode), the dump flow in the VM's status, a failed dump reported at once, the wait's
//! `--timeout`, `remove`, every rejection of virt-api's `memorydump` subresource, and the
//! download through the PVC's export: a gzip tar (or with `--format=raw` a plain tar) whose dump
//! member is byte for byte the file the simulator wrote, the export removed after success and
//! kept after a failure, an existing export reused and kept, `export.kubevirt.io/v1beta1` on a
//! KubeVirt that serves only that, and the hint when the export has no external links.

use std::io::Read;
use std::time::{Duration, Instant};

use kubevirt_sim::memory_dump::{DUMP_FILE_SIZE, FAILURE_ANNOTATION, PVC_ANNOTATION};
use kubevirt_sim::{SimOptions, fixtures};
use serde_json::{Value, json};

use crate::support::*;

const PVCS: &str = "/api/v1/namespaces/default/persistentvolumeclaims";

/// A PVC as a user would create it beforehand.
fn pvc(name: &str, size: &str, extra_spec: Value) -> Value {
    let mut pvc = json!({
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": size}}},
    });
    for (key, value) in extra_spec.as_object().cloned().unwrap_or_default() {
        pvc["spec"][key] = value;
    }
    pvc
}

fn dump_request(vm: &Value) -> Option<&Value> {
    vm.pointer("/status/memoryDumpRequest").filter(|r| !r.is_null())
}

fn dump_phase(vm: &Value) -> &str {
    dump_request(vm)
        .and_then(|r| r.get("phase"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn wait_dump(env: &Env, vm: &str, phase: &str) -> Value {
    env.wait_vm(vm, &format!("its memory dump {phase}"), |v| dump_phase(v) == phase)
}

/// A running VM with a completed dump in the existing PVC `claim`.
fn dumped_vm(env: &Env, vm: &str, claim: &str) {
    env.running_vm(vm);
    env.sim.create(pvc(claim, "1Gi", json!({})));
    env.run(&["memory-dump", "get", vm, "--claim-name", claim])
        .ok_quiet(&format!("Successfully submitted memory dump request of VM {vm}\n"));
    wait_dump(env, vm, "Completed");
    env.sim.clear_requests();
}

#[test]
fn get_with_create_claim_makes_a_pvc_sized_for_the_memory_and_the_dump_completes() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&[
        "memory-dump",
        "get",
        "vm1",
        "--claim-name",
        "dump",
        "--create-claim",
        "--storage-class",
        "standard",
        "--access-mode",
        "ReadWriteMany",
    ])
    .ok_quiet("PVC default/dump created\nSuccessfully submitted memory dump request of VM vm1\n");

    // 128Mi of memory + 100Mi, grown by the CDIConfig's 6 % overhead, in whole MiB
    let pvc = env
        .sim
        .get("persistentvolumeclaims", NS, "dump")
        .expect("the PVC exists");
    assert_eq!(pvc.pointer("/spec/resources/requests/storage"), Some(&json!("242Mi")));
    assert_eq!(pvc.pointer("/spec/storageClassName"), Some(&json!("standard")));
    assert_eq!(pvc.pointer("/spec/accessModes"), Some(&json!(["ReadWriteMany"])));
    assert_eq!(
        pvc.pointer("/metadata/labels/cdi.kubevirt.io~1applyStorageProfile"),
        Some(&json!("true"))
    );
    let wire = env.wire();
    assert_eq!(
        wire.iter()
            .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>(),
        [
            format!("GET {CORE}/virtualmachines/vm1"),
            format!("GET {PVCS}/dump"),
            format!("GET {CORE}/virtualmachineinstances/vm1"),
            "GET /apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config".to_string(),
            format!("POST {PVCS}"),
            format!("PUT {SUB}/virtualmachines/vm1/memorydump"),
        ]
    );
    assert_eq!(
        wire[5],
        format!("PUT {SUB}/virtualmachines/vm1/memorydump {{\"claimName\":\"dump\",\"phase\":\"\"}}")
    );

    let vm = wait_dump(&env, "vm1", "Completed");
    let file = dump_request(&vm)
        .and_then(|r| r["fileName"].as_str())
        .expect("a dump file name")
        .to_string();
    assert!(
        file.starts_with("vm1-dump-") && file.ends_with(".memory.dump"),
        "{file}"
    );
    let pvc = env
        .sim
        .get("persistentvolumeclaims", NS, "dump")
        .expect("the PVC exists");
    assert_eq!(pvc.pointer("/status/phase"), Some(&json!("Bound")));
    assert_eq!(
        pvc.pointer(&format!("/metadata/annotations/{}", PVC_ANNOTATION.replace('/', "~1"))),
        Some(&json!(file))
    );
    // the utility volume is detached again
    let vmi = env.vmi("vm1").expect("the VMI runs");
    assert!(vmi.pointer("/spec/utilityVolumes").is_none(), "{vmi:#}");
}

#[test]
fn create_claim_refuses_an_existing_pvc_or_association_before_creating_anything() {
    let env = Env::new();
    dumped_vm(&env, "vm1", "dump");

    env.run(&["memory-dump", "get", "vm1", "--claim-name", "other", "--create-claim"])
        .fails_with("please remove current memory dump association before creating a new claim for a new memory dump");

    env.running_vm("vm2");
    env.run(&["memory-dump", "get", "vm2", "--claim-name", "dump", "--create-claim"])
        .fails_with("PVC default/dump already exists, check if it should be created if not remove create flag");
    env.run(&[
        "memory-dump",
        "get",
        "vm2",
        "--claim-name",
        "x",
        "--create-claim",
        "--access-mode",
        "ReadOnlyMany",
    ])
    .fails_with("cannot dump memory to a readonly pvc, use either ReadWriteOnce or ReadWriteMany if supported");
    assert!(
        env.sent().iter().all(|r| r.method == "GET"),
        "nothing was created: {:?}",
        env.wire()
    );
}

#[test]
fn get_on_an_existing_claim_then_again_on_the_associated_one() {
    let env = Env::new();
    dumped_vm(&env, "vm1", "dump");

    // no claim name: virt-api reuses the associated claim
    env.run(&["memory-dump", "get", "vm1"])
        .ok_quiet("Successfully submitted memory dump request of VM vm1\n");
    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachines/vm1/memorydump {{\"claimName\":\"\",\"phase\":\"\"}}"
        )]
    );
    let vm = wait_dump(&env, "vm1", "Completed");
    assert_eq!(dump_request(&vm).unwrap()["claimName"], "dump");
}

/// The dump file the simulator wrote into the claim: (name, sha256).
fn written_dump(env: &Env, claim: &str) -> (String, String) {
    let files = env.sim.pvc_files(NS, claim);
    assert_eq!(files.len(), 1, "one dump in the PVC: {files:?}");
    let (name, path) = &files[0];
    let data = std::fs::read(path).unwrap();
    assert_eq!(data.len(), DUMP_FILE_SIZE);
    (name.clone(), sha256(&data))
}

/// The members of a tar as (name, sha256 of the contents).
fn tar_members(tar: &[u8]) -> Vec<(String, String)> {
    let mut archive = tar::Archive::new(tar);
    archive
        .entries()
        .expect("a tar")
        .map(|entry| {
            let mut entry = entry.expect("a tar member");
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (name, sha256(&data))
        })
        .collect()
}

/// The export a download of VM `vm1`'s dump in claim `dump` makes.
const DUMP_EXPORT: &str = "export-vm1-dump";

/// `memory-dump download vm1 ARGS...`.
fn download_vm1(env: &Env, args: &[&str]) -> Outcome {
    let mut all = vec!["memory-dump", "download", "vm1"];
    all.extend_from_slice(args);
    env.run(&all)
}

/// `memory-dump get vm1 --claim-name dump --create-claim ARGS...` on a running `vm1`.
fn get_new_claim_vm1(env: &Env, args: &[&str]) -> Outcome {
    let mut all = vec!["memory-dump", "get", "vm1", "--claim-name", "dump", "--create-claim"];
    all.extend_from_slice(args);
    env.run(&all)
}

/// The members of the tar in `file` (in the test's directory), inflated first when `gzip`,
/// and the dump the simulator wrote into claim `dump`: (members, (dump name, sha256)).
fn downloaded_dump(env: &Env, file: &str, gzip: bool) -> (Vec<(String, String)>, (String, String)) {
    let data = std::fs::read(env.path(file)).unwrap();
    let tar = if gzip { gunzip(&data) } else { data };
    (tar_members(&tar), written_dump(env, "dump"))
}

#[test]
fn get_with_output_downloads_a_gzip_tar_of_the_dump_and_removes_the_export_it_made() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    let out = get_new_claim_vm1(&env, &["--output", "dump.tar.gz"]);

    assert_eq!(out.code, 0, "{out:#?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "PVC default/dump created",
            "Successfully submitted memory dump request of VM vm1"
        ],
        "{out:#?}"
    );
    let completed = lines
        .iter()
        .position(|l| *l == "Memory dump completed successfully")
        .expect("the dump completes");
    assert_eq!(
        lines[completed + 1],
        "VirtualMachineExport 'default/export-vm1-dump' created succesfully"
    );
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "Download finished succesfully",
            "VirtualMachineExport 'default/export-vm1-dump' deleted succesfully"
        ],
        "{out:#?}"
    );
    let (members, (dump, dump_sha)) = downloaded_dump(&env, "dump.tar.gz", true);
    assert_eq!(members.len(), 2, "{members:?}");
    assert_eq!(members[0].0, "./");
    assert_eq!(members[1], (format!("./{dump}"), dump_sha));
    assert!(!env.path("dump.tar.gz.part").exists());

    // the export of the PVC, as §10.3 makes it, deleted after the download
    let posted = env
        .sent()
        .into_iter()
        .find(|r| r.method == "POST" && r.path.ends_with("/virtualmachineexports"))
        .expect("the export is created");
    let body = body_json(&posted);
    assert_eq!(body["metadata"]["name"], "export-vm1-dump");
    assert_eq!(
        body["spec"]["source"],
        json!({"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "dump"})
    );
    assert!(body["spec"].get("ttlDuration").is_none());
    env.wait_export_gone(DUMP_EXPORT);
    // with both versions served, v1 is the one used
    assert_eq!(env.export_api_versions(), ["v1"]);
    let paths = env.export_paths();
    assert_eq!(paths.len(), 1, "{paths:#?}");
    assert!(
        paths[0].ends_with("/export-vm1-dump/volumes/dump/disk.tar.gz 200"),
        "the tar.gz link of a PVC without CDI's content type: {paths:#?}"
    );
}

#[test]
fn download_format_raw_gives_a_plain_tar_into_a_file_named_dash() {
    let env = Env::new();
    dumped_vm(&env, "vm1", "dump");

    let out = download_vm1(&env, &["--output", "-", "--format=raw"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout.starts_with(
            "Memory dump completed successfully\n\
             VirtualMachineExport 'default/export-vm1-dump' created succesfully\n"
        ),
        "{out:#?}"
    );
    assert!(out.stdout.contains("Decompressing image:\n"), "{out:#?}");
    // `-` is a file name here, not stdout
    let (members, (dump, dump_sha)) = downloaded_dump(&env, "-", false);
    assert_eq!(members[1], (format!("./{dump}"), dump_sha));
    env.wait_export_gone(DUMP_EXPORT);
}

#[test]
fn a_failed_download_keeps_the_export_and_the_hinted_command_reuses_and_keeps_it() {
    let env = Env::new();
    dumped_vm(&env, "vm1", "dump");
    // three bad answers: the first try and §10.3's two retries
    env.sim.faults().export_fail(503, 3);

    let out = download_vm1(&env, &["--output", "dump.tar.gz"]);

    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.error_line(),
        "retry count reached, exiting unsuccesfully",
        "{out:#?}"
    );
    assert_eq!(
        out.hint(),
        Some(
            "hint: the VirtualMachineExport default/export-vm1-dump was kept: download again with \
             `virtctl memory-dump download vm1 --output dump.tar.gz`, delete it with `virtctl vmexport delete export-vm1-dump`"
        ),
        "{out:#?}"
    );
    assert_eq!(
        out.stdout.matches("Bad status: 503 Service Unavailable\n").count(),
        3,
        "{out:#?}"
    );
    assert_eq!(out.stdout.matches("Retrying...\n").count(), 2, "{out:#?}");
    assert!(!out.stdout.contains("deleted"), "{out:#?}");
    assert!(env.export(DUMP_EXPORT).is_some(), "the export is kept");
    assert!(!env.path("dump.tar.gz").exists());

    // the hinted command: the existing export is used as it is, and kept afterwards
    env.sim.clear_requests();
    let out = download_vm1(&env, &["--output", "dump.tar.gz"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(!out.stdout.contains("created"), "{out:#?}");
    assert!(out.stdout.ends_with("Download finished succesfully\n"), "{out:#?}");
    assert!(
        !env.sent().iter().any(|r| r.method == "DELETE"),
        "an export it did not create stays: {:?}",
        env.wire()
    );
    assert!(env.export(DUMP_EXPORT).is_some());
    let (members, (dump, dump_sha)) = downloaded_dump(&env, "dump.tar.gz", true);
    assert_eq!(members[1], (format!("./{dump}"), dump_sha));
}

#[test]
fn port_forward_downloads_the_dump_through_the_exporter_pod() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    let out = get_new_claim_vm1(&env, &["--output", "dump.tar", "--format=raw", "--port-forward"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("Port forwarding is ready."), "{out:#?}");
    assert!(out.stderr.contains("Forwarding from 127.0.0.1:"), "{out:#?}");
    let (members, (dump, dump_sha)) = downloaded_dump(&env, "dump.tar", false);
    assert_eq!(members[1], (format!("./{dump}"), dump_sha));
    let tunnels: Vec<String> = env
        .sent()
        .into_iter()
        .filter(|r| r.path.ends_with("/portforward"))
        .map(|r| r.path)
        .collect();
    assert!(!tunnels.is_empty(), "the download went through a pod port-forward");
    assert!(
        tunnels
            .iter()
            .all(|p| p == "/api/v1/namespaces/default/pods/virt-export-export-vm1-dump/portforward"),
        "{tunnels:#?}"
    );
    env.wait_export_gone(DUMP_EXPORT);
}

#[test]
fn against_a_kubevirt_serving_only_v1beta1_the_dump_downloads_through_v1beta1() {
    let env = Env::with(SimOptions {
        export_versions: vec!["v1beta1".into()],
        ..SimOptions::default()
    });
    dumped_vm(&env, "vm1", "dump");

    let out = download_vm1(&env, &["--output", "dump.tar.gz"]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert!(
        out.stdout.ends_with(
            "Download finished succesfully\n\
             VirtualMachineExport 'default/export-vm1-dump' deleted succesfully\n"
        ),
        "{out:#?}"
    );
    let (members, (dump, dump_sha)) = downloaded_dump(&env, "dump.tar.gz", true);
    assert_eq!(members[1], (format!("./{dump}"), dump_sha));
    env.wait_export_gone(DUMP_EXPORT);
    // every export request named v1beta1, the one version served, and none was refused
    assert_eq!(env.export_api_versions(), ["v1beta1"]);
    let refused: Vec<String> = env
        .sent()
        .into_iter()
        .filter(|r| r.path.contains("/v1beta1/") && r.status >= 400 && r.status != 404)
        .map(|r| wire_line(&r))
        .collect();
    assert!(refused.is_empty(), "{refused:#?}");
    let paths = env.export_paths();
    assert_eq!(paths.len(), 1, "{paths:#?}");
    assert!(
        paths[0].ends_with(
            "/api/export.kubevirt.io/v1beta1/namespaces/default/virtualmachineexports/export-vm1-dump/volumes/dump/disk.tar.gz 200"
        ),
        "{paths:#?}"
    );
}

/// `VIRTCTL_MEMORY_DUMP_READINESS_TIMEOUT=TIMEOUT memory-dump download vm1 --output dump.tar.gz`.
fn download_vm1_waiting(env: &Env, timeout: &str) -> Outcome {
    Outcome::of(
        env.virtctl()
            .env("VIRTCTL_MEMORY_DUMP_READINESS_TIMEOUT", timeout)
            .args(["memory-dump", "download", "vm1", "--output", "dump.tar.gz"]),
    )
}

#[test]
fn without_external_links_the_readiness_timeout_hints_at_port_forward_only() {
    let env = Env::new();
    dumped_vm(&env, "vm1", "dump");
    // no export Route (as on a cluster without an Ingress or Route for the export proxy)
    let (route_ns, route) = kubevirt_sim::export::PROXY_ROUTE;
    env.sim.delete("routes", route_ns, route);

    let out = download_vm1_waiting(&env, "1s");

    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.error_line(),
        "timed out after 1s waiting for VirtualMachineExport default/export-vm1-dump to be ready"
    );
    // memory-dump has no --service-url: the hint names only --port-forward
    let hints: Vec<&str> = out.stderr_lines().into_iter().skip(1).collect();
    assert_eq!(
        hints,
        [
            "hint: the export has no external links (no export Ingress or Route): use --port-forward",
            "hint: the VirtualMachineExport default/export-vm1-dump was kept: download again with \
             `virtctl memory-dump download vm1 --output dump.tar.gz`, delete it with `virtctl vmexport delete export-vm1-dump`",
        ],
        "{out:#?}"
    );
    let e = env.export(DUMP_EXPORT).expect("the export is kept");
    assert!(e.pointer("/status/links/external").is_none(), "{e:#}");

    // a wait that is not a duration is refused before anything is sent
    env.sim.clear_requests();
    download_vm1_waiting(&env, "soon").fails_with("VIRTCTL_MEMORY_DUMP_READINESS_TIMEOUT: invalid duration \"soon\"");
    assert_eq!(env.wire(), Vec::<String>::new());
}

#[test]
fn a_bad_local_port_is_refused_before_anything_is_sent() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    download_vm1(&env, &["--output", "f", "--port-forward", "--local-port=70000"])
        .fails_with("--local-port is not a valid value, acceptable values are valid port numbers");
    assert_eq!(env.wire(), Vec::<String>::new());
}

#[test]
fn a_failed_dump_ends_the_wait_at_once_and_the_claim_made_for_it_is_removed() {
    let env = Env::new();
    let mut vm = fixtures::vm(NS, "vm1", "Always");
    vm["metadata"]["annotations"] = json!({FAILURE_ANNOTATION: "virt-handler: no space left on device"});
    env.sim.create(vm);
    env.wait_vmi("vm1", "to run", is_running);

    let started = Instant::now();
    let out = get_new_claim_vm1(&env, &["--output", "dump.gz"]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stdout
            .starts_with("PVC default/dump created\nSuccessfully submitted memory dump request of VM vm1\n"),
        "{out:#?}"
    );
    assert_eq!(
        out.stderr_lines(),
        [
            "PVC default/dump that this command created was removed again (with its memory dump association)",
            "memory dump of VM vm1 failed: virt-handler: no space left on device",
        ]
    );
    let ok = env
        .sim
        .wait_until(PATIENCE, |sim| sim.get("persistentvolumeclaims", NS, "dump").is_none());
    assert!(ok, "the PVC is gone");
    env.wait_vm("vm1", "no memory dump association", |v| dump_request(v).is_none());
}

#[test]
fn the_wait_ends_at_the_timeout_and_keeps_a_claim_it_did_not_make() {
    let env = Env::new();
    env.running_vm("vm1");
    // no provisioner serves this class: the claim is never bound, the dump never starts
    env.sim
        .create(pvc("slow", "1Gi", json!({"storageClassName": "no-such-class"})));

    let out = env.run(&[
        "memory-dump",
        "get",
        "vm1",
        "--claim-name",
        "slow",
        "--output",
        "f",
        "--timeout",
        "1s",
    ]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.stdout,
        "Successfully submitted memory dump request of VM vm1\n\
         Waiting for memorydump slow to complete, current phase: Associating...\n"
    );
    assert_eq!(
        out.error_line(),
        "timed out after 1s waiting for the memory dump of VM vm1 to complete"
    );
    assert!(env.sim.get("persistentvolumeclaims", NS, "slow").is_some());

    // while it is in progress virt-api refuses another request
    env.run(&["memory-dump", "get", "vm1"]).fails_with(
        "error dumping vm memory, Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": \
         memory dump request for pvc [slow] already in progress",
    );
}

#[test]
fn remove_dissociates_the_claim_and_keeps_the_pvc() {
    let env = Env::new();
    dumped_vm(&env, "vm1", "dump");

    env.run(&["memory-dump", "remove", "vm1"])
        .ok_quiet("Successfully submitted remove memory dump association of VM vm1\n");
    assert_eq!(env.wire(), [format!("PUT {SUB}/virtualmachines/vm1/removememorydump")]);
    env.wait_vm("vm1", "no memory dump association", |v| dump_request(v).is_none());
    assert!(env.sim.get("persistentvolumeclaims", NS, "dump").is_some());

    env.run(&["memory-dump", "remove", "vm1"]).fails_with(
        "error removing memory dump association, Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": \
         can't remove memory dump association for vm vm1, no association found",
    );
}

#[test]
fn virt_api_rejects_what_kubevirt_rejects() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.create(pvc("block", "1Gi", json!({"volumeMode": "Block"})));
    env.sim
        .create(pvc("readonly", "1Gi", json!({"accessModes": ["ReadOnlyMany"]})));
    env.sim.create(pvc("small", "100Mi", json!({})));
    env.sim.create(pvc("dump", "1Gi", json!({})));
    let dump = |args: &[&str]| {
        let mut all = vec!["memory-dump", "get"];
        all.extend_from_slice(args);
        env.run(&all)
    };
    let conflict = |resource: &str, name: &str, why: &str| {
        format!("error dumping vm memory, Operation cannot be fulfilled on {resource}.kubevirt.io \"{name}\": {why}")
    };

    dump(&["vm1"]).fails_with("error dumping vm memory, Memory dump requires claim name to be set");
    dump(&["vm1", "--claim-name", "nope"])
        .fails_with("error dumping vm memory, persistentvolumeclaim.kubevirt.io \"nope\" not found");
    dump(&["vm1", "--claim-name", "block"]).fails_with(&conflict(
        "persistentvolumeclaim",
        "block",
        "pvc should be filesystem pvc",
    ));
    dump(&["vm1", "--claim-name", "readonly"]).fails_with(&conflict(
        "persistentvolumeclaim",
        "readonly",
        "pvc access mode can't be read only",
    ));
    dump(&["vm1", "--claim-name", "small"]).fails_with(&conflict(
        "persistentvolumeclaim",
        "small",
        "pvc size [104858k] should be bigger then [242Mi]",
    ));
    env.create_vm("stopped", "Halted");
    dump(&["stopped", "--claim-name", "dump"])
        .fails_with("error dumping vm memory, virtualmachineinstance.kubevirt.io \"stopped\" not found");
    dump(&["ghost", "--claim-name", "dump"])
        .fails_with("error dumping vm memory, virtualmachine.kubevirt.io \"ghost\" not found");
    assert!(env.vm("vm1").as_ref().and_then(dump_request).is_none());

    dump(&["vm1", "--claim-name", "dump"]).ok_quiet("Successfully submitted memory dump request of VM vm1\n");
    wait_dump(&env, "vm1", "Completed");
    dump(&["vm1", "--claim-name", "small"]).fails_with(&conflict(
        "virtualmachine",
        "vm1",
        "can't request memory dump for pvc [small] while pvc [dump] is still associated as the memory dump pvc",
    ));

    // the feature gate: DeclarativeHotplugVolumes is beta (on) unless disabled
    let mut kv = env
        .sim
        .get("kubevirts", "kubevirt", "kubevirt")
        .expect("the KubeVirt CR");
    kv["spec"]["configuration"]["developerConfiguration"]["disabledFeatureGates"] =
        json!(["DeclarativeHotplugVolumes"]);
    env.sim.update(kv);
    dump(&["vm1"]).fails_with(
        "error dumping vm memory, Unable to memory dump because HotplugVolumes feature gate is not enabled.",
    );
    // statuses as virt-api sends them
    let statuses: Vec<u16> = env
        .sent()
        .iter()
        .filter(|r| r.path.ends_with("/memorydump"))
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [400, 404, 409, 409, 409, 404, 404, 202, 409, 400]);
}
