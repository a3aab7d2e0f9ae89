//! `pause` and `unpause` of a VM or a VMI.

use crate::support::*;

/// A running VM whose VMI is paused (started with `startStrategy: Paused`).
fn paused_vm(env: &Env, name: &str) {
    env.create_vm(name, "Halted");
    env.run(&["start", name, "--paused"])
        .ok_quiet(&format!("VM {name} was scheduled to start\n"));
    env.wait_vmi(name, "to run paused", |v| is_running(v) && is_paused(v));
    env.sim.clear_requests();
}

// ---- pause ----------------------------------------------------------------------------------

#[test]
fn pause_vmi_puts_the_pause_subresource() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["pause", "vmi", "vm1"])
        .ok_quiet("VMI vm1 was scheduled to pause\n");

    assert_eq!(
        env.wire(),
        [format!("PUT {SUB}/virtualmachineinstances/vm1/pause {{}}")]
    );
    assert_eq!(env.sent()[0].content_type, None);
    env.wait_vmi("vm1", "paused", is_paused);
}

#[test]
fn pause_vm_reads_the_vm_then_pauses_its_instance() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["pause", "vm", "vm1"])
        .ok_quiet("VMI vm1 was scheduled to pause\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachines/vm1"),
            format!("PUT {SUB}/virtualmachineinstances/vm1/pause {{}}"),
        ]
    );
    env.wait_vmi("vm1", "paused", is_paused);
}

#[test]
fn pause_type_words_are_case_insensitive_long_or_short() {
    let env = Env::new();
    env.running_vm("vm1");
    env.running_vm("vm2");

    env.run(&["pause", "VirtualMachineInstance", "vm1"])
        .ok_quiet("VMI vm1 was scheduled to pause\n");
    env.run(&["pause", "VM", "vm2"])
        .ok_quiet("VMI vm2 was scheduled to pause\n");

    env.wait_vmi("vm1", "paused", is_paused);
    env.wait_vmi("vm2", "paused", is_paused);
}

#[test]
fn pause_dry_run_leaves_the_vmi_running() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["pause", "vmi", "vm1", "--dry-run"])
        .ok_quiet("Dry Run execution\nVMI vm1 was scheduled to pause\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachineinstances/vm1/pause {{\"dryRun\":[\"All\"]}}"
        )]
    );
    assert!(!is_paused(&env.vmi("vm1").unwrap()));
}

#[test]
fn pause_wait_returns_once_paused() {
    let env = Env::new();
    env.running_vm("vm1");

    let out = env.run(&["pause", "vm", "vm1", "--wait"]);
    out.ok("VMI vm1 was scheduled to pause\n");
    assert_eq!(out.stderr, "VMI vm1 is paused\n");
    assert!(is_paused(&env.vmi("vm1").unwrap()));
}

#[test]
fn pause_vm_of_a_halted_vm_says_it_is_not_set_to_run() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["pause", "vm", "vm1"])
        .fails_with("Error pausing VirtualMachineInstance vm1. VirtualMachine vm1 is not set to run");
    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachines/vm1"),
            format!("PUT {SUB}/virtualmachineinstances/vm1/pause {{}}"),
        ]
    );
}

#[test]
fn pause_vm_of_a_manual_vm_without_instance_says_it_was_not_found() {
    let env = Env::new();
    env.create_vm("vm1", "Manual");

    env.run(&["pause", "vm", "vm1"])
        .fails_with("Error pausing VirtualMachineInstance vm1, it was not found");
}

#[test]
fn pause_vm_of_a_missing_vm_fails_on_the_get() {
    let env = Env::new();

    env.run(&["pause", "vm", "ghost"])
        .fails_with("Error getting VirtualMachine ghost: virtualmachines.kubevirt.io \"ghost\" not found");
    assert_eq!(env.wire(), [format!("GET {CORE}/virtualmachines/ghost")]);
}

#[test]
fn pause_vmi_of_a_missing_vmi_is_not_found() {
    let env = Env::new();

    env.run(&["pause", "vmi", "ghost"]).fails_with(
        "Error pausing VirtualMachineInstance ghost: virtualmachineinstance.kubevirt.io \"ghost\" not found",
    );
}

#[test]
fn pause_of_a_paused_vmi_reports_the_conflict() {
    let env = Env::new();
    paused_vm(&env, "vm1");

    env.run(&["pause", "vmi", "vm1"]).fails_with(
        "Error pausing VirtualMachineInstance vm1: Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"vm1\": VMI is already paused",
    );
}

#[test]
fn pause_of_an_unknown_type_is_one_usage_error_and_no_request() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    let out = env.run(&["pause", "vmis", "vm1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr.lines().count(), 1, "{out:#?}");
    assert!(out.stderr.contains("unsupported resource type \"vmis\""), "{out:#?}");
    assert_eq!(env.sim.requests(), []);
    assert!(!is_paused(&env.vmi("vm1").unwrap()));
}

#[test]
fn pause_needs_two_arguments() {
    let env = Env::new();

    env.run(&["pause", "vm"]).fails_with("accepts 2 arg(s), received 1");
    assert_eq!(env.sim.requests(), []);
}

// ---- unpause --------------------------------------------------------------------------------

#[test]
fn unpause_vmi_puts_the_unpause_subresource() {
    let env = Env::new();
    paused_vm(&env, "vm1");

    env.run(&["unpause", "vmi", "vm1"])
        .ok_quiet("VMI vm1 was scheduled to unpause\n");

    assert_eq!(
        env.wire(),
        [format!("PUT {SUB}/virtualmachineinstances/vm1/unpause {{}}")]
    );
    env.wait_vmi("vm1", "unpaused", |v| !is_paused(v));
}

#[test]
fn unpause_vm_reads_the_vm_then_unpauses_its_instance() {
    let env = Env::new();
    paused_vm(&env, "vm1");

    env.run(&["unpause", "vm", "vm1"])
        .ok_quiet("VMI vm1 was scheduled to unpause\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachines/vm1"),
            format!("PUT {SUB}/virtualmachineinstances/vm1/unpause {{}}"),
        ]
    );
    env.wait_vmi("vm1", "unpaused", |v| !is_paused(v));
}

#[test]
fn unpause_dry_run_leaves_the_vmi_paused() {
    let env = Env::new();
    paused_vm(&env, "vm1");

    env.run(&["unpause", "vmi", "vm1", "--dry-run"])
        .ok_quiet("Dry Run execution\nVMI vm1 was scheduled to unpause\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachineinstances/vm1/unpause {{\"dryRun\":[\"All\"]}}"
        )]
    );
    assert!(is_paused(&env.vmi("vm1").unwrap()));
}

#[test]
fn unpause_wait_returns_once_running_again() {
    let env = Env::new();
    paused_vm(&env, "vm1");

    let out = env.run(&["unpause", "vmi", "vm1", "--wait"]);
    out.ok("VMI vm1 was scheduled to unpause\n");
    assert_eq!(out.stderr, "VMI vm1 is running\n");
    assert!(!is_paused(&env.vmi("vm1").unwrap()));
}

#[test]
fn unpause_of_a_running_vmi_reports_the_conflict() {
    let env = Env::new();
    env.running_vm("vm1");

    env.run(&["unpause", "vmi", "vm1"]).fails_with(
        "Error unpausing VirtualMachineInstance vm1: Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"vm1\": VMI is not paused",
    );
}

#[test]
fn unpause_vm_of_a_halted_vm_has_no_special_message() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["unpause", "vm", "vm1"])
        .fails_with("Error unpausing VirtualMachineInstance vm1: virtualmachineinstance.kubevirt.io \"vm1\" not found");
}
