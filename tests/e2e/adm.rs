//! `adm log-verbosity` on a plain install (the simulator's KubeVirt CR in `kubevirt`) and on an
//! OpenShift Virtualization install, where HCO owns the KubeVirt CR and undoes direct edits;
//! `permitted-devices` from the KubeVirt CR of the current namespace.

use kubevirt_sim::openshift_virt;
use serde_json::{Value, json};

use crate::support::*;

const KV_LIST: &str = "/apis/kubevirt.io/v1/kubevirts";
const KV: &str = "/apis/kubevirt.io/v1/namespaces/kubevirt/kubevirts/kubevirt";

fn log_verbosity(kv: &Value) -> Option<&Value> {
    kv.pointer("/spec/configuration/developerConfiguration/logVerbosity")
}

fn plain_kv(env: &Env) -> Value {
    env.sim
        .get("kubevirts", "kubevirt", "kubevirt")
        .expect("the KubeVirt CR exists")
}

#[test]
fn show_prints_the_defaults_and_what_the_cr_sets() {
    let env = Env::new();
    env.run(&["adm", "log-verbosity", "--all"])
        .ok_quiet("virt-api=2\nvirt-controller=2\nvirt-handler=2\nvirt-launcher=2\nvirt-operator=2\n");
    assert_eq!(env.wire(), [format!("GET {KV_LIST}"), format!("GET {KV}")]);

    env.run(&["adm", "log-verbosity", "--virt-launcher=3", "--virt-handler=7"])
        .ok_quiet("successfully set/reset the log verbosity\n");
    env.run(&["adm", "log-verbosity", "--virt-launcher", "--virt-handler=10"])
        .ok_quiet("virt-handler=7\nvirt-launcher=3\n");
}

#[test]
fn set_sends_upstreams_patch_and_keeps_other_keys() {
    let env = Env::new();
    let mut kv = plain_kv(&env);
    kv["spec"]["configuration"]["developerConfiguration"]["logVerbosity"] =
        json!({"virtHandler": 4, "virtSynchronizationController": 3});
    env.sim.update(kv);
    env.sim.clear_requests();

    env.run(&["adm", "log-verbosity", "--virt-handler=7", "--virt-launcher=3"])
        .ok_quiet("successfully set/reset the log verbosity\n");

    let sent = env.sent();
    assert_eq!(sent.len(), 3, "{:#?}", env.wire());
    assert_eq!(sent[2].method, "PATCH");
    assert_eq!(sent[2].path, KV);
    assert_eq!(sent[2].content_type.as_deref(), Some("application/json-patch+json"));
    assert_eq!(
        sent[2].body,
        r#"[{"op":"add","path":"/spec/configuration/developerConfiguration/logVerbosity","value":{"virtHandler":7,"virtLauncher":3,"virtSynchronizationController":3}}]"#
    );
    assert_eq!(
        log_verbosity(&plain_kv(&env)),
        Some(&json!({"virtHandler": 7, "virtLauncher": 3, "virtSynchronizationController": 3}))
    );
}

#[test]
fn set_adds_the_developer_configuration_when_absent_and_reset_empties_it() {
    let env = Env::new();
    let mut kv = plain_kv(&env);
    kv["spec"]["configuration"]
        .as_object_mut()
        .unwrap()
        .remove("developerConfiguration");
    env.sim.update(kv);
    env.sim.clear_requests();

    env.run(&["adm", "log-verbosity", "--virt-api=3"])
        .ok_quiet("successfully set/reset the log verbosity\n");
    assert_eq!(
        env.sent()[2].body,
        r#"[{"op":"add","path":"/spec/configuration/developerConfiguration","value":{}},{"op":"add","path":"/spec/configuration/developerConfiguration/logVerbosity","value":{"virtAPI":3}}]"#
    );
    assert_eq!(log_verbosity(&plain_kv(&env)), Some(&json!({"virtAPI": 3})));

    env.run(&["adm", "log-verbosity", "--reset"])
        .ok_quiet("successfully set/reset the log verbosity\n");
    assert_eq!(log_verbosity(&plain_kv(&env)), Some(&json!({})));

    // nothing left to reset: nothing sent, nothing printed
    env.sim.clear_requests();
    env.run(&["adm", "log-verbosity", "--reset"]).ok_quiet("");
    assert!(env.sent().iter().all(|r| r.method == "GET"), "{:#?}", env.wire());
}

#[test]
fn bad_values_and_mixes_fail_after_reading_the_cluster() {
    let env = Env::new();
    env.run(&["adm", "log-verbosity", "--virt-api=12"])
        .fails_with("virt-api: log verbosity must be 0-9");
    env.run(&["adm", "log-verbosity", "--virt-api", "--virt-handler=3"])
        .fails_with("only show or set is allowed");
    env.run(&["adm", "log-verbosity", "--virt-api", "3"])
        .fails_with("unknown command \"3\" for \"virtctl adm log-verbosity\"");
    let out = env.run(&["adm", "log-verbosity"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stdout.contains("--virt-handler"),
        "the help goes to stdout: {out:#?}"
    );
    assert_eq!(out.error_line(), "no flag specified - expecting at least one flag");
}

#[test]
fn node_verbosity_fails_as_upstream_does() {
    let env = Env::new();
    let mut kv = plain_kv(&env);
    kv["spec"]["configuration"]["developerConfiguration"]["logVerbosity"] = json!({"nodeVerbosity": {"node01": 4}});
    env.sim.update(kv);
    env.run(&["adm", "log-verbosity", "--all"])
        .fails_with("json: cannot unmarshal object into Go struct field .nodeVerbosity of type uint");
}

fn openshift(env: &Env) {
    openshift_virt::install(&env.sim, openshift_virt::objects(&openshift_virt::now()));
}

fn hco_kv(env: &Env) -> Value {
    env.sim
        .get("kubevirts", openshift_virt::NS, "kubevirt-kubevirt-hyperconverged")
        .expect("the KubeVirt CR exists")
}

#[test]
fn hco_managed_install_gets_the_hyperconverged_patch_instead_of_an_edit_that_would_be_undone() {
    let env = Env::new();
    openshift(&env);
    let ok = env.sim.wait_until(PATIENCE, |_| {
        hco_kv(&env)["metadata"]["ownerReferences"][0]["kind"] == "HyperConverged"
    });
    assert!(ok, "HCO did not take the KubeVirt CR: {:#?}", hco_kv(&env));
    env.sim.clear_requests();

    let out = env.run(&["adm", "log-verbosity", "--virt-handler=5"]);

    let command = r#"kubectl patch hyperconverged kubevirt-hyperconverged -n openshift-cnv --type=merge -p '{"spec":{"logVerbosityConfig":{"kubevirt":{"virtHandler":5}}}}'"#;
    out.fails_after(
        "log verbosity not changed: the KubeVirt CR openshift-cnv/kubevirt-kubevirt-hyperconverged is managed by the HyperConverged CR openshift-cnv/kubevirt-hyperconverged, which reverts direct edits",
        &format!("{command}\n"),
    );
    assert!(env.sent().iter().all(|r| r.method == "GET"), "{:#?}", env.wire());

    // What the printed patch does: HCO writes it into the KubeVirt CR ...
    let mut hco = env
        .sim
        .get("hyperconvergeds", openshift_virt::NS, "kubevirt-hyperconverged")
        .unwrap();
    hco["spec"]["logVerbosityConfig"] = json!({"kubevirt": {"virtHandler": 5}});
    env.sim.update(hco);
    let ok = env.sim.wait_until(PATIENCE, |_| {
        log_verbosity(&hco_kv(&env)) == Some(&json!({"virtHandler": 5}))
    });
    assert!(ok, "{:#?}", hco_kv(&env));
    env.run(&["adm", "log-verbosity", "--virt-handler"])
        .ok_quiet("virt-handler=5\n");

    // ... and a direct edit (upstream's patch) does not last.
    let mut kv = hco_kv(&env);
    kv["spec"]["configuration"]["developerConfiguration"]["logVerbosity"] = json!({"virtHandler": 9});
    env.sim.update(kv);
    let ok = env.sim.wait_until(PATIENCE, |_| {
        log_verbosity(&hco_kv(&env)) == Some(&json!({"virtHandler": 5}))
    });
    assert!(ok, "HCO did not revert the edit: {:#?}", hco_kv(&env));
}

#[test]
fn permitted_devices_lists_the_crs_devices() {
    let env = Env::new();
    let mut kv = plain_kv(&env);
    kv["spec"]["configuration"]["permittedHostDevices"] = json!({
        "pciHostDevices": [{"pciVendorSelector": "10DE:1EB8", "resourceName": "nvidia.com/TU104GL_Tesla_T4"}],
        "mediatedDevices": [{"mdevNameSelector": "GRID T4-1Q", "resourceName": "nvidia.com/GRID_T4-1Q"},
                            {"mdevNameSelector": "GRID T4-2Q", "resourceName": "nvidia.com/GRID_T4-2Q"}]});
    env.sim.update(kv);
    env.sim.clear_requests();

    env.run(&["-n", "kubevirt", "permitted-devices"]).ok_quiet(
        "Permitted Devices: \nHost Devices: \nnvidia.com/TU104GL_Tesla_T4 \nGPU Devices: \nnvidia.com/GRID_T4-1Q, nvidia.com/GRID_T4-2Q\n",
    );
    assert_eq!(env.wire(), ["GET /apis/kubevirt.io/v1/namespaces/kubevirt/kubevirts"]);

    env.run(&["permitted-devices"])
        .fails_with("No KubeVirt resource in \"default\" namespace");
    env.run(&["permitted-devices", "x"])
        .fails_with("accepts 0 arg(s), received 1");
}

/// The sub-commands of `adm` and `credentials` list every upstream flag in their help (the
/// inventory test in `cli.rs` covers top-level commands).
#[test]
fn nested_commands_help_shows_every_upstream_flag() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/data/virtctl-commands.json");
    let inventory: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let env = Env::new();
    for command in [
        ["adm", "log-verbosity"],
        ["credentials", "add-ssh-key"],
        ["credentials", "remove-ssh-key"],
        ["credentials", "set-password"],
    ] {
        let upstream = inventory.iter().find(|c| c["path"] == json!(command)).unwrap();
        let out = env.run(&[command[0], command[1], "--help"]);
        assert_eq!(out.code, 0, "{out:#?}");
        assert!(
            out.stdout.contains(upstream["usage"].as_str().unwrap()),
            "{command:?}: {}",
            out.stdout
        );
        for flag in upstream["flags"].as_array().unwrap() {
            let (name, short) = (flag["name"].as_str().unwrap(), flag["shorthand"].as_str().unwrap_or(""));
            let shown = if short.is_empty() {
                format!("--{name}")
            } else {
                format!("-{short}, --{name}")
            };
            assert!(
                out.stdout.lines().any(|l| l.trim_start().starts_with(&shown)),
                "{command:?} lacks {shown}: {}",
                out.stdout
            );
        }
    }
}
