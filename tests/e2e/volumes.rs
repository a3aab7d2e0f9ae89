//! `addvolume` and `removevolume`: hot-plug against the simulator's virt-api and controllers.

use serde_json::{Value, json};

use crate::support::*;

const PVCS: &str = "/api/v1/namespaces/default/persistentvolumeclaims";
const DVS: &str = "/apis/cdi.kubevirt.io/v1beta1/namespaces/default/datavolumes";

/// Turns on a feature gate in the KubeVirt CR.
fn enable_gate(env: &Env, gate: &str) {
    let mut kv = env
        .sim
        .get("kubevirts", "kubevirt", "kubevirt")
        .expect("the KubeVirt CR");
    kv["spec"]["configuration"]["developerConfiguration"]["featureGates"] = json!([gate]);
    env.sim.update(kv);
}

/// A PVC in [`NS`], bound or still pending.
fn pvc(env: &Env, name: &str, bound: bool) {
    env.sim.create(json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"},
        "status": {"phase": if bound { "Bound" } else { "Pending" }}
    }));
}

/// A DataVolume that CDI finished, with its bound PVC.
fn data_volume(env: &Env, name: &str) {
    env.sim.create(json!({
        "apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"source": {"blank": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}},
        "status": {"phase": "Succeeded", "progress": "100.0%"}
    }));
    pvc(env, name, true);
}

fn named<'v>(list: Option<&'v Value>, name: &str) -> Option<&'v Value> {
    list.and_then(Value::as_array)?.iter().find(|v| v["name"] == name)
}

fn template_volume<'v>(vm: &'v Value, name: &str) -> Option<&'v Value> {
    named(vm.pointer("/spec/template/spec/volumes"), name)
}

fn template_disk<'v>(vm: &'v Value, name: &str) -> Option<&'v Value> {
    named(vm.pointer("/spec/template/spec/domain/devices/disks"), name)
}

fn volume_status<'v>(vmi: &'v Value, name: &str) -> Option<&'v Value> {
    named(vmi.pointer("/status/volumeStatus"), name)
}

#[test]
fn addvolume_pvc_with_wait_goes_through_the_vm_status_and_ends_ready() {
    let env = Env::new();
    enable_gate(&env, "HotplugVolumes");
    env.running_vm("vm1");
    pvc(&env, "pvc1", true);
    env.sim.clear_requests();

    let out = env.run(&[
        "addvolume",
        "vm1",
        "--volume-name=pvc1",
        "--serial=S1",
        "--cache=none",
        "--bus=virtio",
        "--wait",
    ]);
    out.ok("Successfully submitted add volume request to VM vm1 for volume pvc1\n");
    assert_eq!(out.stderr, "volume pvc1 is ready in VMI vm1\n");

    let wire = env.wire();
    assert_eq!(
        wire[..3],
        [
            format!("GET {DVS}/pvc1"),
            format!("GET {PVCS}/pvc1"),
            format!(
                r#"PUT {SUB}/virtualmachines/vm1/addvolume {{"name":"pvc1","disk":{{"name":"","disk":{{"bus":"virtio"}},"serial":"S1","cache":"none"}},"volumeSource":{{"persistentVolumeClaim":{{"claimName":"pvc1","hotpluggable":true}}}}}}"#
            ),
        ]
    );
    assert!(
        wire[3..]
            .iter()
            .all(|l| l == &format!("GET {CORE}/virtualmachineinstances/vm1")),
        "{wire:#?}"
    );
    assert_eq!(env.sent()[2].content_type, None);

    let vm = env.vm("vm1").unwrap();
    assert_eq!(
        template_volume(&vm, "pvc1"),
        Some(&json!({"name": "pvc1", "persistentVolumeClaim": {"claimName": "pvc1", "hotpluggable": true}}))
    );
    assert_eq!(
        template_disk(&vm, "pvc1"),
        Some(&json!({"name": "pvc1", "disk": {"bus": "virtio"}, "serial": "S1", "cache": "none"}))
    );
    assert!(vm.pointer("/status/volumeRequests").is_none(), "{vm:#?}");
    let vmi = env.vmi("vm1").unwrap();
    let status = volume_status(&vmi, "pvc1").expect("a volume status");
    assert_eq!(status["phase"], "Ready");
    assert_eq!(status["persistentVolumeClaimInfo"]["claimName"], "pvc1");
    assert!(named(vmi.pointer("/spec/volumes"), "pvc1").is_some());
}

#[test]
fn addvolume_datavolume_as_lun_with_disk_name_patches_the_template_under_declarative_hotplug() {
    let env = Env::new();
    enable_gate(&env, "DeclarativeHotplugVolumes");
    env.running_vm("vm1");
    data_volume(&env, "dv1");
    env.sim.clear_requests();

    env.run(&[
        "addvolume",
        "vm1",
        "--volume-name=dv1",
        "--disk-name=data",
        "--disk-type=lun",
    ])
    .ok_quiet("Successfully submitted add volume request to VM vm1 for volume dv1\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {DVS}/dv1"),
            format!(
                r#"PUT {SUB}/virtualmachines/vm1/addvolume {{"name":"data","disk":{{"name":"","lun":{{"bus":"scsi"}},"serial":"data"}},"volumeSource":{{"dataVolume":{{"name":"dv1","hotpluggable":true}}}}}}"#
            ),
        ]
    );
    let vm = env.vm("vm1").unwrap();
    assert_eq!(
        template_volume(&vm, "data"),
        Some(&json!({"name": "data", "dataVolume": {"name": "dv1", "hotpluggable": true}}))
    );
    assert_eq!(
        template_disk(&vm, "data"),
        Some(&json!({"name": "data", "lun": {"bus": "scsi"}, "serial": "data"}))
    );
    env.wait_vmi("vm1", "the volume ready", |vmi| {
        volume_status(vmi, "data").is_some_and(|s| s["phase"] == "Ready")
    });
}

#[test]
fn addvolume_falls_back_to_a_standalone_vmi() {
    let env = Env::new();
    enable_gate(&env, "DeclarativeHotplugVolumes");
    env.sim.create(kubevirt_sim::fixtures::vmi(NS, "solo"));
    env.wait_vmi("solo", "to run", is_running);
    pvc(&env, "pvc1", true);
    env.sim.clear_requests();

    let out = env.run(&["addvolume", "solo", "--volume-name=pvc1", "--wait"]);
    out.ok("Successfully submitted add volume request to VM solo for volume pvc1\n");

    let wire = env.wire();
    assert_eq!(
        wire[2],
        format!(
            r#"PUT {SUB}/virtualmachines/solo/addvolume {{"name":"pvc1","disk":{{"name":"","disk":{{"bus":"scsi"}},"serial":"pvc1"}},"volumeSource":{{"persistentVolumeClaim":{{"claimName":"pvc1","hotpluggable":true}}}}}}"#
        )
    );
    assert_eq!(
        wire[3],
        wire[2].replace("/virtualmachines/", "/virtualmachineinstances/")
    );
    let vmi = env.vmi("solo").unwrap();
    assert_eq!(
        named(vmi.pointer("/spec/domain/devices/disks"), "pvc1"),
        Some(&json!({"name": "pvc1", "disk": {"bus": "scsi"}, "serial": "pvc1"}))
    );
    assert_eq!(volume_status(&vmi, "pvc1").unwrap()["phase"], "Ready");
}

#[test]
fn addvolume_dry_run_sends_dry_run_and_changes_nothing() {
    let env = Env::new();
    enable_gate(&env, "HotplugVolumes");
    env.running_vm("vm1");
    pvc(&env, "pvc1", true);
    env.sim.clear_requests();

    env.run(&["addvolume", "vm1", "--volume-name=pvc1", "--dry-run", "--wait"])
        .ok_quiet("Dry Run execution\nSuccessfully submitted add volume request to VM vm1 for volume pvc1\n");
    let sent = env.sent();
    assert_eq!(sent.len(), 3, "no wait on a dry run: {:#?}", env.wire());
    assert_eq!(body_json(&sent[2])["dryRun"], json!(["All"]));
    let vm = env.vm("vm1").unwrap();
    assert!(template_volume(&vm, "pvc1").is_none());
    assert!(vm.pointer("/status/volumeRequests").is_none());
}

#[test]
fn addvolume_of_an_unknown_volume_says_it_is_neither_kind() {
    let env = Env::new();
    enable_gate(&env, "HotplugVolumes");
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["addvolume", "vm1", "--volume-name=ghost"])
        .fails_with("error adding volume, Volume ghost is not a DataVolume or PersistentVolumeClaim");
    assert_eq!(env.wire(), [format!("GET {DVS}/ghost"), format!("GET {PVCS}/ghost")]);
}

#[test]
fn addvolume_reports_a_forbidden_lookup_as_forbidden() {
    let env = Env::new();
    let kubeconfig = env.limited_kubeconfig(NS);
    let out = Outcome::of(bare_virtctl(env.dir.path()).arg("--kubeconfig").arg(&kubeconfig).args([
        "addvolume",
        "vm1",
        "--volume-name=pvc1",
    ]));
    assert_eq!(out.code, 1, "{out:#?}");
    let line = out.error_line();
    assert!(
        line.starts_with("error adding volume, cannot read PersistentVolumeClaim pvc1: ") && line.contains("forbidden"),
        "{out:#?}"
    );
}

#[test]
fn addvolume_without_the_feature_gate_shows_virt_apis_refusal() {
    let env = Env::new();
    env.running_vm("vm1");
    pvc(&env, "pvc1", true);

    env.run(&["addvolume", "vm1", "--volume-name=pvc1"]).fails_with(
        "error adding volume, Enable DeclarativeHotplugVolumes or HotplugVolumes feature gate to use this API.",
    );
    env.run(&["removevolume", "vm1", "--volume-name=pvc1"]).fails_with(
        "error removing volume, Enable DeclarativeHotplugVolumes or HotplugVolumes feature gate to use this API.",
    );
}

#[test]
fn addvolume_checks_names_bus_disk_type_and_cache_before_sending() {
    let env = Env::new();
    pvc(&env, "pvc1", true);
    let long = "a".repeat(64);
    let disk_name = format!("--disk-name={long}");
    for (args, line) in [
        (
            vec!["--bus=sata"],
            "Invalid bus type 'sata' for disk. Only 'scsi' and 'virtio' are supported.".to_string(),
        ),
        (
            vec!["--disk-type=lun", "--bus=virtio"],
            "Invalid bus type 'virtio' for LUN disk. Only 'scsi' bus is supported.".into(),
        ),
        (
            vec!["--disk-type=cdrom"],
            "Invalid disk type 'cdrom'. Only LUN and Disk are supported.".into(),
        ),
        (
            vec!["--cache=unsafe"],
            "error adding volume, invalid cache value unsafe".into(),
        ),
        (
            vec![disk_name.as_str()],
            format!("Invalid disk name {long}, must not exceed 63 characters"),
        ),
    ] {
        env.sim.clear_requests();
        let mut all = vec!["addvolume", "vm1", "--volume-name=pvc1"];
        all.extend(args);
        env.run(&all).fails_with(&line);
        assert!(env.wire().iter().all(|l| l.starts_with("GET ")), "{:#?}", env.wire());
    }
}

#[test]
fn removevolume_with_wait_unplugs_from_vm_and_vmi() {
    let env = Env::new();
    enable_gate(&env, "HotplugVolumes");
    env.running_vm("vm1");
    pvc(&env, "pvc1", true);
    env.run(&["addvolume", "vm1", "--volume-name=pvc1", "--wait"])
        .ok("Successfully submitted add volume request to VM vm1 for volume pvc1\n");
    env.sim.clear_requests();

    let out = env.run(&["removevolume", "vm1", "--volume-name=pvc1", "--wait"]);
    out.ok("Successfully submitted remove volume request to VM vm1 for volume pvc1\n");
    assert_eq!(out.stderr, "volume pvc1 is removed from VMI vm1\n");
    assert_eq!(
        env.wire()[0],
        format!(r#"PUT {SUB}/virtualmachines/vm1/removevolume {{"name":"pvc1"}}"#)
    );
    let vm = env.vm("vm1").unwrap();
    assert!(
        template_volume(&vm, "pvc1").is_none() && template_disk(&vm, "pvc1").is_none(),
        "{vm:#?}"
    );
    let vmi = env.vmi("vm1").unwrap();
    assert!(volume_status(&vmi, "pvc1").is_none());
    assert!(named(vmi.pointer("/spec/volumes"), "pvc1").is_none());
}

#[test]
fn removevolume_of_a_missing_or_permanent_volume_is_a_conflict() {
    let env = Env::new();
    enable_gate(&env, "HotplugVolumes");
    env.running_vm("vm1");
    let root = env.vm("vm1").unwrap()["spec"]["template"]["spec"]["volumes"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();

    env.run(&["removevolume", "vm1", "--volume-name=nope", "--dry-run"]).fails_after(
        "error removing volume, Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": Unable to remove volume [nope] because it does not exist",
        "Dry Run execution\n",
    );
    env.run(&["removevolume", "vm1", &format!("--volume-name={root}")]).fails_with(&format!(
        "error removing volume, Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": Unable to remove volume [{root}] because it is not hotpluggable"
    ));
}

#[test]
fn addvolume_wait_times_out_on_an_unbound_claim_and_shows_the_vmi_events() {
    let env = Env::new();
    enable_gate(&env, "HotplugVolumes");
    env.running_vm("vm1");
    pvc(&env, "slow", false);

    let out = env.run(&["addvolume", "vm1", "--volume-name=slow", "--wait", "--timeout=2s"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(
        out.stdout,
        "Successfully submitted add volume request to VM vm1 for volume slow\n"
    );
    assert_eq!(
        out.error_line(),
        "timed out after 2s waiting for volume slow to be ready in VMI vm1"
    );
    let hint = out.hint().expect("the events as a hint");
    assert!(
        hint.starts_with("hint: events about VMI vm1: ")
            && hint.contains("Normal SuccessfulCreate: Created attachment pod"),
        "{out:#?}"
    );
    assert_eq!(
        volume_status(&env.vmi("vm1").unwrap(), "slow").unwrap()["phase"],
        "Pending"
    );
}
