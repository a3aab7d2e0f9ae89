//! `start`, `stop` and `restart`: the subresource each sends, its body, what it prints, and what
//! the cluster does afterwards.

use crate::support::*;

fn run_strategy(env: &Env, name: &str) -> String {
    env.vm(name).expect("the VM exists")["spec"]["runStrategy"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

// ---- start ----------------------------------------------------------------------------------

#[test]
fn start_sends_an_empty_body_and_the_vm_runs() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");

    let sent = env.sent();
    assert_eq!(env.wire(), [format!("PUT {SUB}/virtualmachines/vm1/start {{}}")]);
    assert_eq!(sent[0].status, 202);
    assert_eq!(sent[0].content_type, None, "subresource PUTs carry no Content-Type");
    assert_eq!(run_strategy(&env, "vm1"), "Always");
    let vmi = env.wait_vmi("vm1", "to run", is_running);
    assert!(!is_paused(&vmi));
}

#[test]
fn start_paused_asks_for_a_paused_start() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--paused"])
        .ok_quiet("VM vm1 was scheduled to start\n");

    assert_eq!(
        env.wire(),
        [format!("PUT {SUB}/virtualmachines/vm1/start {{\"paused\":true}}")]
    );
    env.wait_vmi("vm1", "to run paused", |vmi| is_running(vmi) && is_paused(vmi));
}

#[test]
fn start_dry_run_announces_itself_and_changes_nothing() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--dry-run"])
        .ok_quiet("Dry Run execution\nVM vm1 was scheduled to start\n");

    assert_eq!(
        env.wire(),
        [format!("PUT {SUB}/virtualmachines/vm1/start {{\"dryRun\":[\"All\"]}}")]
    );
    assert_eq!(run_strategy(&env, "vm1"), "Halted");
    assert!(env.vm("vm1").unwrap().pointer("/status/stateChangeRequests").is_none());
}

#[test]
fn start_paused_dry_run_keeps_go_field_order() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--paused", "--dry-run=true"])
        .ok_quiet("Dry Run execution\nVM vm1 was scheduled to start\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachines/vm1/start {{\"paused\":true,\"dryRun\":[\"All\"]}}"
        )]
    );
    assert!(env.vm("vm1").unwrap().pointer("/status/stateChangeRequests").is_none());
}

#[test]
fn start_of_a_running_vm_reports_the_conflict() {
    let env = Env::new();
    env.running_vm("vm1");

    env.run(&["start", "vm1"]).fails_with(
        "Error starting VirtualMachine Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is already running",
    );
    assert_eq!(env.sent()[0].status, 409);
}

#[test]
fn start_of_a_missing_vm_is_not_found() {
    let env = Env::new();

    env.run(&["start", "x"])
        .fails_with("Error starting VirtualMachine virtualmachine.kubevirt.io \"x\" not found");
    assert_eq!(env.wire(), [format!("PUT {SUB}/virtualmachines/x/start {{}}")]);
}

#[test]
fn start_wait_returns_once_the_vmi_runs() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    let out = env.run(&["start", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to start\n");
    assert_eq!(out.stderr, "VM vm1 is running\n");

    let vmi = env.vmi("vm1").expect("the VMI exists when start --wait returns");
    assert_eq!(phase(&vmi), "Running");
    assert!(!is_paused(&vmi));
}

#[test]
fn start_wait_paused_returns_once_the_vmi_is_paused() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--paused", "--wait"])
        .ok("VM vm1 was scheduled to start\n");

    let vmi = env.vmi("vm1").expect("the VMI exists when start --wait returns");
    assert_eq!(phase(&vmi), "Running");
    assert!(is_paused(&vmi), "{vmi:#}");
}

#[test]
fn start_wait_times_out() {
    let env = Env::frozen();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--wait", "--timeout", "200ms"]).fails_after(
        "timed out after 200ms waiting for the VM to run",
        "VM vm1 was scheduled to start\n",
    );
    // The start itself went through; only the wait gave up.
    assert_eq!(run_strategy(&env, "vm1"), "Always");
}

#[test]
fn start_wait_with_dry_run_does_not_wait() {
    let env = Env::frozen();
    env.create_vm("vm1", "Halted");

    env.run(&["start", "vm1", "--wait", "--dry-run"])
        .ok_quiet("Dry Run execution\nVM vm1 was scheduled to start\n");
    assert_eq!(run_strategy(&env, "vm1"), "Halted");
}

#[test]
fn start_of_a_deprecated_running_false_vm_flips_running() {
    let env = Env::new();
    env.sim
        .create(kubevirt_sim::fixtures::vm_with_running(NS, "old", false));

    env.run(&["start", "old"]).ok_quiet("VM old was scheduled to start\n");

    assert_eq!(env.vm("old").unwrap()["spec"]["running"], true);
    env.wait_vmi("old", "to run", is_running);
}

// ---- stop -----------------------------------------------------------------------------------

#[test]
fn stop_sends_an_empty_body_and_the_vmi_goes() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["stop", "vm1"]).ok_quiet("VM vm1 was scheduled to stop\n");

    assert_eq!(env.wire(), [format!("PUT {SUB}/virtualmachines/vm1/stop {{}}")]);
    assert_eq!(run_strategy(&env, "vm1"), "Halted");
    env.wait_vmi_gone("vm1");
}

#[test]
fn stop_force_with_grace_period_zero_sends_the_grace_period() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["stop", "vm1", "--force", "--grace-period=0"])
        .ok_quiet("VM vm1 was scheduled to stop\n");

    assert_eq!(
        env.wire(),
        [format!("PUT {SUB}/virtualmachines/vm1/stop {{\"gracePeriod\":0}}")]
    );
    assert_eq!(run_strategy(&env, "vm1"), "Halted");
    env.wait_vmi_gone("vm1");
}

#[test]
fn stop_force_alone_is_refused_before_any_request() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["stop", "vm1", "--force"])
        .fails_with("Must both use --force=true and set --grace-period.");
    assert_eq!(env.sim.requests(), []);
    assert_eq!(run_strategy(&env, "vm1"), "Always");
}

#[test]
fn stop_grace_period_alone_is_refused_before_any_request() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["stop", "vm1", "--grace-period", "5"])
        .fails_with("Must both use --force=true and set --grace-period.");
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn stop_force_grace_period_five_passes_the_client_check() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["stop", "vm1", "--force", "--grace-period", "5"])
        .ok_quiet("VM vm1 was scheduled to stop\n");
    assert_eq!(
        env.wire(),
        [format!("PUT {SUB}/virtualmachines/vm1/stop {{\"gracePeriod\":5}}")]
    );
}

#[test]
fn stop_dry_run_changes_nothing() {
    let env = Env::new();
    let before = env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["stop", "vm1", "--force", "--grace-period=0", "--dry-run"])
        .ok_quiet("Dry Run execution\nVM vm1 was scheduled to stop\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachines/vm1/stop {{\"gracePeriod\":0,\"dryRun\":[\"All\"]}}"
        )]
    );
    assert_eq!(run_strategy(&env, "vm1"), "Always");
    let vmi = env.vmi("vm1").expect("the VMI is still there");
    assert_eq!(uid(&vmi), uid(&before));
    assert!(is_running(&vmi));
}

#[test]
fn stop_wait_returns_once_the_vmi_is_gone() {
    let env = Env::new();
    env.running_vm("vm1");

    let out = env.run(&["stop", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to stop\n");
    assert_eq!(out.stderr, "VM vm1 is stopped\n");

    let vmi = env.vmi("vm1");
    assert!(
        vmi.as_ref().is_none_or(|v| matches!(phase(v), "Succeeded" | "Failed")),
        "the VMI still runs after stop --wait: {vmi:#?}"
    );
}

#[test]
fn stop_of_a_stopped_vm_reports_the_conflict() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["stop", "vm1"]).fails_with(
        "error stopping VirtualMachine Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is not running",
    );
    assert_eq!(env.sent()[0].status, 409);
}

#[test]
fn force_stop_of_a_stopped_vm_uses_the_colon_prefix() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["stop", "vm1", "--force", "--grace-period=0"]).fails_with(
        "error force stopping VirtualMachine: Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is not running",
    );
}

#[test]
fn stop_of_a_missing_vm_is_not_found() {
    let env = Env::new();

    env.run(&["stop", "ghost"])
        .fails_with("error stopping VirtualMachine virtualmachine.kubevirt.io \"ghost\" not found");
}

// ---- restart --------------------------------------------------------------------------------

#[test]
fn restart_gives_a_new_instance() {
    let env = Env::new();
    let before = env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["restart", "vm1"])
        .ok_quiet("VM vm1 was scheduled to restart\n");

    assert_eq!(env.wire(), [format!("PUT {SUB}/virtualmachines/vm1/restart {{}}")]);
    let old = uid(&before);
    env.wait_vmi("vm1", "replaced by a running one", |v| uid(v) != old && is_running(v));
}

#[test]
fn restart_force_sends_grace_period_seconds() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["restart", "vm1", "--force", "--grace-period=0"])
        .ok_quiet("VM vm1 was scheduled to restart\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachines/vm1/restart {{\"gracePeriodSeconds\":0}}"
        )]
    );
}

#[test]
fn restart_force_with_a_positive_grace_period_is_rejected_by_the_server() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["restart", "vm1", "--force", "--grace-period=5"]).fails_with(
        "error force restarting VirtualMachine: For force restart, only gracePeriod=0 is supported for now",
    );
    assert_eq!(env.sent()[0].status, 400);
}

#[test]
fn restart_grace_period_alone_is_refused_before_any_request() {
    let env = Env::new();
    env.sim.clear_requests();

    env.run(&["restart", "vm1", "--grace-period=0"])
        .fails_with("Must both use --force=true and set --grace-period.");
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn restart_dry_run_keeps_the_instance() {
    let env = Env::new();
    let before = env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["restart", "vm1", "--dry-run"])
        .ok_quiet("Dry Run execution\nVM vm1 was scheduled to restart\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachines/vm1/restart {{\"dryRun\":[\"All\"]}}"
        )]
    );
    assert!(env.vm("vm1").unwrap().pointer("/status/stateChangeRequests").is_none());
    assert_eq!(uid(&env.vmi("vm1").unwrap()), uid(&before));
}

#[test]
fn restart_wait_returns_with_a_new_running_instance() {
    let env = Env::new();
    let before = env.running_vm("vm1");

    let out = env.run(&["restart", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to restart\n");
    assert_eq!(out.stderr, "VM vm1 is running\n");

    let after = env.vmi("vm1").expect("a VMI exists when restart --wait returns");
    assert_ne!(
        uid(&after),
        uid(&before),
        "restart --wait returned with the old instance"
    );
    assert_eq!(phase(&after), "Running");
}

#[test]
fn restart_of_a_halted_vm_reports_the_conflict() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["restart", "vm1"]).fails_with(
        "error restarting VirtualMachine: Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": RunStategy Halted does not support manual restart requests",
    );
    assert_eq!(env.sent()[0].status, 409);
}

#[test]
fn start_and_stop_of_a_manual_vm_go_through_state_change_requests() {
    let env = Env::new();
    env.create_vm("vm1", "Manual");

    env.run(&["start", "vm1"]).ok_quiet("VM vm1 was scheduled to start\n");
    assert_eq!(run_strategy(&env, "vm1"), "Manual", "Manual keeps its strategy");
    let vmi = env.wait_vmi("vm1", "to run", is_running);

    env.run(&["stop", "vm1", "--wait"]).ok("VM vm1 was scheduled to stop\n");
    assert_eq!(run_strategy(&env, "vm1"), "Manual");
    let after = env.vmi("vm1");
    assert!(
        after
            .as_ref()
            .is_none_or(|v| uid(v) != uid(&vmi) || matches!(phase(v), "Succeeded" | "Failed")),
        "the VMI still runs after stop --wait: {after:#?}"
    );
}

#[test]
fn stop_consistency_check_comes_after_the_dry_run_line() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["stop", "vm1", "--force", "--dry-run"]).fails_after(
        "Must both use --force=true and set --grace-period.",
        "Dry Run execution\n",
    );
    assert_eq!(env.sim.requests(), []);
}

/// The longest duration Go accepts (2562047h) is a deadline too far for the clock to hold: it
/// means "no deadline", never an overflow panic, for `--timeout`, `--request-timeout` and the
/// websocket ping interval.
#[test]
fn the_longest_go_durations_run_without_overflow() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    let out = env.run(&[
        "start",
        "vm1",
        "--wait",
        "--timeout=2562047h",
        "--request-timeout=2562047h",
    ]);
    out.ok("VM vm1 was scheduled to start\n");
    assert_eq!(out.stderr, "VM vm1 is running\n");
    assert_eq!(phase(&env.vmi("vm1").expect("a VMI")), "Running");

    let console = Outcome::of(
        env.virtctl()
            .args(["console", "vm1"])
            .env("VIRTCTL_WEBSOCKET_PING_INTERVAL", "2562047h")
            .write_stdin(""),
    );
    assert_eq!(console.code, 0, "{console:#?}");
}
