//! `expand`: a VM with its instancetype and preference applied, from the cluster or a file.

use serde_json::{Value, json};

use crate::support::*;

fn instancetype_and_preference(env: &Env) {
    env.sim.create(json!({
        "apiVersion": "instancetype.kubevirt.io/v1beta1", "kind": "VirtualMachineClusterInstancetype",
        "metadata": {"name": "u1.medium"},
        "spec": {"cpu": {"guest": 2}, "memory": {"guest": "4Gi"}}
    }));
    env.sim.create(json!({
        "apiVersion": "instancetype.kubevirt.io/v1beta1", "kind": "VirtualMachinePreference",
        "metadata": {"name": "fedora", "namespace": NS},
        "spec": {"cpu": {"preferredCPUTopology": "preferCores"}, "devices": {"preferredDiskBus": "virtio"}}
    }));
}

/// A VM that names the instancetype and the namespaced preference.
fn typed_vm(name: &str) -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
        "metadata": {"name": name},
        "spec": {
            "runStrategy": "Halted",
            "instancetype": {"name": "u1.medium"},
            "preference": {"kind": "VirtualMachinePreference", "name": "fedora"},
            "template": {"spec": {
                "domain": {"devices": {"disks": [{"name": "root", "disk": {}}]}},
                "volumes": [{"name": "root", "containerDisk": {"image": "quay.io/containerdisks/fedora:40"}}]
            }}
        }
    })
}

fn assert_expanded(vm: &Value) {
    let spec = &vm["spec"]["template"]["spec"];
    assert_eq!(
        spec["domain"]["cpu"],
        json!({"sockets": 1, "cores": 2, "threads": 1}),
        "{vm:#?}"
    );
    assert_eq!(spec["domain"]["memory"], json!({"guest": "4Gi"}));
    assert_eq!(
        spec["domain"]["devices"]["disks"],
        json!([{"name": "root", "disk": {"bus": "virtio"}}])
    );
    assert!(vm["spec"].get("instancetype").is_none() && vm["spec"].get("preference").is_none());
}

#[test]
fn expand_vm_reads_the_expand_spec_subresource_and_prints_json_with_one_space() {
    let env = Env::new();
    instancetype_and_preference(&env);
    let mut vm = typed_vm("vm1");
    vm["metadata"]["namespace"] = json!(NS);
    env.sim.create(vm);
    env.sim.clear_requests();

    let out = env.run(&["expand", "--vm", "vm1", "-o", "json"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.starts_with(
        "{\n \"kind\": \"VirtualMachine\",\n \"apiVersion\": \"kubevirt.io/v1\",\n \"metadata\": {\n  \""
    ));
    assert!(!out.stdout.ends_with('\n'), "upstream prints no final newline");
    assert_expanded(&serde_json::from_str(&out.stdout).unwrap());
    assert_eq!(env.wire(), [format!("GET {SUB}/virtualmachines/vm1/expand-spec")]);
    // the stored VM is left as it was
    assert_eq!(
        env.vm("vm1").unwrap()["spec"]["instancetype"],
        json!({"name": "u1.medium"})
    );
}

#[test]
fn expand_file_expands_every_document_and_prints_go_yaml() {
    let env = Env::new();
    instancetype_and_preference(&env);
    let plain = "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: plain\nspec:\n  runStrategy: Halted\n  template:\n    spec:\n      domain:\n        devices: {}\n";
    let typed = serde_json::to_string(&typed_vm("typed")).unwrap();
    let file = env.write("vms.yaml", &format!("{plain}---\n{typed}\n"));
    env.sim.clear_requests();

    let out = env.run(&["expand", "-f", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{out:#?}");
    let (first, second) = out.stdout.split_once("---\n").expect("two documents");
    assert_eq!(
        first,
        "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: plain\n  namespace: default\nspec:\n  runStrategy: Halted\n  template:\n    spec:\n      domain:\n        devices: {}\n"
    );
    assert!(
        second.contains(
            "\n      domain:\n        cpu:\n          cores: 2\n          sockets: 1\n          threads: 1\n"
        ),
        "{second}"
    );
    assert!(second.contains("        memory:\n          guest: 4Gi\n"), "{second}");
    assert!(!second.contains("instancetype"), "{second}");

    let sent = env.sent();
    assert_eq!(sent.len(), 2, "{:#?}", env.wire());
    for (r, name) in sent.iter().zip(["plain", "typed"]) {
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            (
                "PUT",
                "/apis/subresources.kubevirt.io/v1/namespaces/default/expand-vm-spec"
            )
        );
        assert_eq!(r.content_type.as_deref(), Some("application/json"));
        assert_eq!(body_json(r)["metadata"]["name"], name);
    }
}

#[test]
fn expand_from_stdin_with_a_conflicting_field_reports_virt_apis_400() {
    let env = Env::new();
    instancetype_and_preference(&env);
    let mut vm = typed_vm("busy");
    vm["spec"]["template"]["spec"]["domain"]["cpu"] = json!({"sockets": 4});
    let out = Outcome::of(
        env.virtctl()
            .args(["expand", "--file", "-"])
            .write_stdin(vm.to_string()),
    );
    out.fails_with(
        "error expanding VirtualMachine - busy in namespace - default: VM field(s) spec.template.spec.domain.cpu.sockets conflicts with selected instance type",
    );
}

#[test]
fn expand_refusals_name_the_vm_and_namespace() {
    let env = Env::new();
    env.run(&["expand", "--vm", "nope"]).fails_with(
        "error expanding VirtualMachine - nope in namespace - default: virtualmachine.kubevirt.io \"nope\" not found",
    );

    let mut other = typed_vm("elsewhere");
    other["metadata"]["namespace"] = json!("prod");
    let file = env.write("other.json", &other.to_string());
    env.run(&["expand", "-f", file.to_str().unwrap()]).fails_with(
        "error expanding VirtualMachine - elsewhere in namespace - default: VM namespace must be empty or default",
    );

    let missing = typed_vm("lonely");
    let file = env.write("lonely.json", &missing.to_string());
    env.run(&["expand", "-f", file.to_str().unwrap()]).fails_with(
        "error expanding VirtualMachine - lonely in namespace - default: virtualmachineclusterinstancetypes.instancetype.kubevirt.io \"u1.medium\" not found",
    );

    let file = env.write("nospec.yaml", "kind: VirtualMachine\nmetadata:\n  name: bare\n");
    env.run(&["expand", "-f", file.to_str().unwrap()]).fails_with(
        "error expanding VirtualMachine - bare in namespace - default: Object is not a valid VirtualMachine",
    );
}

#[test]
fn expand_file_read_and_decode_errors_use_upstreams_prefixes() {
    let env = Env::new();
    let missing = env.path("missing.yaml");
    env.run(&["expand", "-f", missing.to_str().unwrap()])
        .fails_with(&format!(
            "error reading file open {}: no such file or directory",
            missing.display()
        ));
    let list = env.write("list.yaml", "- a\n- b\n");
    let out = env.run(&["expand", "-f", list.to_str().unwrap()]);
    assert!(
        out.error_line().starts_with("error decoding VirtualMachine "),
        "{out:#?}"
    );
    assert!(env.sent().is_empty(), "{:#?}", env.wire());
}
