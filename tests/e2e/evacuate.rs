//! `evacuate-cancel vm|vmi NAME`.

use serde_json::json;

use crate::support::*;

/// A running VM whose VMI a node drain marked for evacuation from its node.
fn evacuating_vm(env: &Env, name: &str) -> String {
    let mut vmi = env.running_vm_created(name);
    let node = node_of(&vmi);
    vmi["status"]["evacuationNodeName"] = json!(node);
    env.sim.update(vmi);
    env.sim.clear_requests();
    node
}

fn evacuation_node(env: &Env, name: &str) -> Option<String> {
    env.vmi(name)?
        .pointer("/status/evacuationNodeName")
        .and_then(|n| n.as_str())
        .map(str::to_string)
}

#[test]
fn evacuate_cancel_vmi_reads_the_vmi_then_cancels() {
    let env = Env::new();
    let node = evacuating_vm(&env, "vm1");

    env.run(&["evacuate-cancel", "vmi", "vm1"])
        .ok_quiet("VMI default/vm1 was canceled evacuation\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachineinstances/vm1"),
            format!("PUT {SUB}/virtualmachineinstances/vm1/evacuate/cancel {{\"evacuationNodeName\":\"{node}\"}}"),
        ]
    );
    assert_eq!(env.sent()[1].status, 200);
    assert_eq!(evacuation_node(&env, "vm1"), None);
}

#[test]
fn evacuate_cancel_vm_uses_the_vm_subresource() {
    let env = Env::new();
    let node = evacuating_vm(&env, "vm1");

    env.run(&["evacuate-cancel", "vm", "vm1"])
        .ok_quiet("VM default/vm1 was canceled evacuation\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachineinstances/vm1"),
            format!("PUT {SUB}/virtualmachines/vm1/evacuate/cancel {{\"evacuationNodeName\":\"{node}\"}}"),
        ]
    );
    assert_eq!(evacuation_node(&env, "vm1"), None);
}

#[test]
fn evacuate_cancel_accepts_plural_and_long_kind_words() {
    let env = Env::new();
    evacuating_vm(&env, "vm1");
    evacuating_vm(&env, "vm2");

    env.run(&["evacuate-cancel", "VirtualMachineInstances", "vm1"])
        .ok_quiet("VMI default/vm1 was canceled evacuation\n");
    env.run(&["evacuate-cancel", "vms", "vm2"])
        .ok_quiet("VM default/vm2 was canceled evacuation\n");

    assert_eq!(evacuation_node(&env, "vm1"), None);
    assert_eq!(evacuation_node(&env, "vm2"), None);
}

#[test]
fn evacuate_cancel_dry_run_keeps_the_evacuation() {
    let env = Env::new();
    let node = evacuating_vm(&env, "vm1");

    env.run(&["evacuate-cancel", "vmi", "vm1", "--dry-run"])
        .ok_quiet("Dry Run execution\nVMI default/vm1 was canceled evacuation\n");

    assert_eq!(
        env.wire()[1],
        format!(
            "PUT {SUB}/virtualmachineinstances/vm1/evacuate/cancel {{\"dryRun\":[\"All\"],\"evacuationNodeName\":\"{node}\"}}"
        )
    );
    assert_eq!(evacuation_node(&env, "vm1"), Some(node));
}

#[test]
fn evacuate_cancel_of_an_unsupported_kind_sends_nothing() {
    let env = Env::new();

    env.run(&["evacuate-cancel", "pod", "vm1"])
        .fails_with("unsupported resource type \"pod\"");
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn evacuate_cancel_of_a_missing_vmi_fails_on_the_get() {
    let env = Env::new();

    env.run(&["evacuate-cancel", "vm", "ghost"]).fails_with(
        "failed to get VMI for evacuation cancel of VM default/ghost: virtualmachineinstances.kubevirt.io \"ghost\" not found",
    );
    assert_eq!(env.wire(), [format!("GET {CORE}/virtualmachineinstances/ghost")]);
}

#[test]
fn evacuate_cancel_of_an_unscheduled_vmi_reports_no_node() {
    let env = Env::frozen();
    env.sim.create(kubevirt_sim::fixtures::vmi(NS, "vm1")); // Pending: no node yet

    env.run(&["evacuate-cancel", "vmi", "vm1"])
        .fails_with("VMI default/vm1 has no node name in its status");
    assert_eq!(env.wire(), [format!("GET {CORE}/virtualmachineinstances/vm1")]);
}

#[test]
fn evacuate_cancel_on_a_draining_node_is_rejected() {
    let env = Env::new();
    let node_name = evacuating_vm(&env, "vm1");
    let mut node = env.sim.get("nodes", "", &node_name).unwrap();
    node["spec"]["taints"] = json!([{"key": "kubevirt.io/drain", "effect": "NoSchedule"}]);
    env.sim.update(node);

    env.run(&["evacuate-cancel", "vmi", "vm1"]).fails_with(&format!(
        "error canceling evacuation for VMI default/vm1: Node \"{node_name}\" has NodeDrainTaintKey \"kubevirt.io/drain:NoSchedule\""
    ));
    assert_eq!(evacuation_node(&env, "vm1"), Some(node_name));
}
