//! `objectgraph` against the simulator's virt-api: the graph computed from the objects present,
//! the options body (optional nodes, label selector), the output formats and `--tree`.

use serde_json::{Value, json};

use crate::support::*;

/// The simulator's KubeVirt CR with the `ObjectGraph` feature gate on.
fn enable_gate(env: &Env) {
    let mut kv = env.sim.get("kubevirts", "kubevirt", "kubevirt").unwrap();
    kv["spec"]["configuration"]["developerConfiguration"]["featureGates"] = json!(["ObjectGraph"]);
    env.sim.update(kv);
}

/// A running VM with a DataVolume disk, an instancetype and an SSH key Secret.
fn rich_vm(env: &Env) {
    let mut vm = kubevirt_sim::fixtures::vm(NS, "vm1", "Always");
    vm["spec"]["instancetype"] = json!({"name": "u1.small"});
    let spec = &mut vm["spec"]["template"]["spec"];
    spec["volumes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "data", "dataVolume": {"name": "vm1-data"}}));
    spec["accessCredentials"] = json!([{"sshPublicKey": {"source": {"secret": {"secretName": "vm1-keys"}},
        "propagationMethod": {"qemuGuestAgent": {"users": ["fedora"]}}}}]);
    env.sim.create(vm);
    env.wait_vm("vm1", "to report its VMI created", |vm| {
        vm.pointer("/status/created") == Some(&Value::Bool(true))
    });
    let ok = env.sim.wait_until(PATIENCE, |sim| {
        sim.list("pods", Some(NS)).iter().any(|p| {
            p["metadata"]["name"]
                .as_str()
                .unwrap_or("")
                .starts_with("virt-launcher-vm1-")
        })
    });
    assert!(ok, "no launcher pod");
}

fn launcher(env: &Env) -> String {
    env.sim
        .list("pods", Some(NS))
        .iter()
        .map(|p| p["metadata"]["name"].as_str().unwrap().to_string())
        .find(|n| n.starts_with("virt-launcher-vm1-"))
        .unwrap()
}

fn kinds(node: &Value) -> Vec<String> {
    let mut out = vec![format!(
        "{}/{}",
        node["objectReference"]["kind"].as_str().unwrap(),
        node["objectReference"]["name"].as_str().unwrap()
    )];
    for child in node["children"].as_array().into_iter().flatten() {
        out.extend(kinds(child).into_iter().map(|k| format!("  {k}")));
    }
    out
}

#[test]
fn vm_graph_names_what_the_vm_depends_on() {
    let env = Env::new();
    enable_gate(&env);
    rich_vm(&env);
    env.sim.clear_requests();

    let out = env.run(&["objectgraph", "vm1"]);
    out.ok(&out.stdout);
    assert!(
        out.stdout.starts_with(
            "{\n  \"objectReference\": {\n    \"apiGroup\": \"kubevirt.io\",\n    \"kind\": \"VirtualMachine\""
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.ends_with("}\n") && !out.stdout.ends_with("}\n\n"));
    let graph: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        kinds(&graph),
        [
            "VirtualMachine/vm1".to_string(),
            "  VirtualMachineInstance/vm1".into(),
            format!("    Pod/{}", launcher(&env)),
            "  VirtualMachineClusterInstancetype/u1.small".into(),
            "  Secret/vm1-keys".into(),
            "  DataVolume/vm1-data".into(),
            "    PersistentVolumeClaim/vm1-data".into(),
        ]
    );
    assert_eq!(graph["children"][1]["optional"], json!(true));
    assert_eq!(graph["children"][1]["objectReference"]["namespace"], json!(""));
    assert_eq!(
        graph["children"][0]["children"][0]["objectReference"]["apiGroup"],
        json!("")
    );

    let sent = env.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "GET");
    assert_eq!(sent[0].path, format!("{SUB}/virtualmachines/vm1/objectgraph"));
    assert_eq!(sent[0].body, r#"{"includeOptionalNodes":true}"#);
}

#[test]
fn options_filter_on_the_server() {
    let env = Env::new();
    enable_gate(&env);
    rich_vm(&env);
    env.sim.clear_requests();

    let out = env.run(&[
        "objectgraph",
        "vm1",
        "--exclude-optional",
        "--selector",
        "kubevirt.io/dependency-type=compute",
        "--selector=kubevirt.io/dependency-type=storage",
    ]);
    out.ok(&out.stdout);
    assert_eq!(
        env.sent()[0].body,
        r#"{"includeOptionalNodes":false,"labelSelector":{"matchLabels":{"kubevirt.io/dependency-type":"storage"}}}"#
    );
    let graph: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        kinds(&graph),
        [
            "VirtualMachine/vm1",
            "  DataVolume/vm1-data",
            "    PersistentVolumeClaim/vm1-data"
        ]
    );
}

#[test]
fn vmi_graph_yaml_and_tree() {
    let env = Env::new();
    enable_gate(&env);
    rich_vm(&env);
    let pod = launcher(&env);

    let out = env.run(&["objectgraph", "--vmi", "vm1", "-o", "yaml"]);
    out.ok(&out.stdout);
    assert!(out.stdout.starts_with("children:\n"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("\n\n"),
        "upstream's extra empty line: {:?}",
        out.stdout
    );
    assert!(out.stdout.contains(&pod));

    env.run(&["objectgraph", "vm1", "--tree"]).ok_quiet(&format!(
        "VirtualMachine/vm1 (compute)
├── VirtualMachineInstance/vm1 (compute)
│   └── Pod/{pod} (compute)
├── VirtualMachineClusterInstancetype/u1.small [cluster-scoped] (config) optional
├── Secret/vm1-keys (config)
└── DataVolume/vm1-data (storage)
    └── PersistentVolumeClaim/vm1-data (storage)
"
    ));
}

#[test]
fn errors_name_the_object_and_come_after_the_request() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");
    env.run(&["objectgraph", "vm1"]).fails_with(
        "error listing object graph of VirtualMachine vm1: ObjectGraph feature gate not enabled: Unable to return object graph.",
    );
    enable_gate(&env);
    env.run(&["objectgraph", "--vmi", "vm1"]).fails_with(
        "error listing object graph of VirtualMachineInstance vm1: virtualmachineinstance.kubevirt.io \"vm1\" not found",
    );
    env.sim.clear_requests();
    env.run(&["objectgraph", "vm1", "-o", "xml"])
        .fails_with("unsupported output format: xml (must be 'json' or 'yaml')");
    assert_eq!(env.sent().len(), 1, "the format is checked after the request");
}
