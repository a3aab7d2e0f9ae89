//! `migrate` and `migrate-cancel`.

use serde_json::{Value, json};

use crate::support::*;

fn migrations(env: &Env) -> Vec<Value> {
    env.sim.list("virtualmachineinstancemigrations", Some(NS))
}

fn name_of(object: &Value) -> String {
    object["metadata"]["name"].as_str().unwrap_or("").to_string()
}

const LIST_QUERY: &str = "labelSelector=kubevirt.io%2Fvmi-name%3D%3Dvm1";
const DELETE_OPTIONS: &str = r#"{"kind":"DeleteOptions","apiVersion":"kubevirt.io/v1"}"#;

/// A VM with a Running VMI of the same name, on a simulator that (nearly) stands still, so
/// migrations created by hand keep the phase they were given.
fn frozen_running_vm() -> Env {
    let env = Env::frozen();
    env.create_vm("vm1", "Halted");
    let mut vmi = kubevirt_sim::fixtures::vmi(NS, "vm1");
    vmi["status"] = json!({"phase": "Running", "nodeName": "node01"});
    env.sim.create(vmi);
    env
}

fn migration(name: &str, vmi: &str, phase: Option<&str>) -> Value {
    let mut m = kubevirt_sim::fixtures::migration(NS, name, vmi);
    if let Some(phase) = phase {
        m["status"] = json!({ "phase": phase });
    }
    m
}

/// An unfinished migration that no controller step can finish: no node matches its selector.
fn stuck_migration(name: &str, vmi: &str) -> Value {
    let mut m = migration(name, vmi, Some("Scheduling"));
    m["spec"]["addedNodeSelector"] = json!({"nowhere": "true"});
    m
}

fn is_deleted_or_deleting(env: &Env, name: &str) -> bool {
    env.sim
        .get("virtualmachineinstancemigrations", NS, name)
        .is_none_or(|m| m.pointer("/metadata/deletionTimestamp").is_some())
}

// ---- migrate --------------------------------------------------------------------------------

#[test]
fn migrate_creates_a_migration_and_the_vmi_moves() {
    let env = Env::new();
    let before = env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["migrate", "vm1"])
        .ok_quiet("VM vm1 was scheduled to migrate\n");

    assert_eq!(env.wire(), [format!("PUT {SUB}/virtualmachines/vm1/migrate {{}}")]);
    assert_eq!(env.sent()[0].status, 202);
    let created = migrations(&env);
    assert_eq!(created.len(), 1, "{created:#?}");
    assert!(name_of(&created[0]).starts_with("kubevirt-migrate-vm-"));
    assert_eq!(created[0]["spec"]["vmiName"], "vm1");
    assert_eq!(created[0]["metadata"]["labels"]["kubevirt.io/vmi-name"], "vm1");

    let from = node_of(&before);
    env.wait_vmi("vm1", "moved to another node", |v| {
        !node_of(v).is_empty() && node_of(v) != from
    });
}

#[test]
fn migrate_sends_the_added_node_selector_with_sorted_keys() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["migrate", "vm1", "--addedNodeSelector", "c=d,a=b"])
        .ok_quiet("VM vm1 was scheduled to migrate\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachines/vm1/migrate {{\"addedNodeSelector\":{{\"a\":\"b\",\"c\":\"d\"}}}}"
        )]
    );
    let created = migrations(&env);
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["spec"]["addedNodeSelector"], json!({"a": "b", "c": "d"}));
}

#[test]
fn migrate_merges_repeated_selectors_and_keeps_a_single_pair_verbatim() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&[
        "migrate",
        "vm1",
        "--addedNodeSelector",
        "zone=a",
        "--addedNodeSelector=kubernetes.io/hostname=node02",
        "--addedNodeSelector",
        "list=x,y",
        "--addedNodeSelector",
        "zone=b,rack=r1",
    ])
    .ok_quiet("VM vm1 was scheduled to migrate\n");

    assert_eq!(
        body_json(&env.sent()[0]),
        json!({"addedNodeSelector": {"kubernetes.io/hostname": "node02", "list": "x,y", "rack": "r1", "zone": "b"}})
    );
}

#[test]
fn migrate_rejects_a_selector_item_without_a_value() {
    let env = Env::new();

    env.run(&["migrate", "vm1", "--addedNodeSelector", "a=b,c=d,e"])
        .fails_with(
            "invalid argument \"a=b,c=d,e\" for \"--addedNodeSelector\" flag: e must be formatted as key=value",
        );
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn migrate_dry_run_creates_no_migration() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["migrate", "vm1", "--dry-run", "--addedNodeSelector", "zone=a"])
        .ok_quiet("Dry Run execution\nVM vm1 was scheduled to migrate\n");

    assert_eq!(
        env.wire(),
        [format!(
            "PUT {SUB}/virtualmachines/vm1/migrate {{\"dryRun\":[\"All\"],\"addedNodeSelector\":{{\"zone\":\"a\"}}}}"
        )]
    );
    assert_eq!(migrations(&env), Vec::<Value>::new());
}

#[test]
fn migrate_wait_returns_with_the_vmi_on_the_other_node() {
    let env = Env::new();
    let before = env.running_vm("vm1");

    let out = env.run(&["migrate", "vm1", "--wait"]);
    out.ok("VM vm1 was scheduled to migrate\n");
    assert_eq!(out.stderr, "VM vm1 migrated\n");

    let after = env.vmi("vm1").unwrap();
    assert_ne!(node_of(&after), node_of(&before), "{after:#}");
    assert!(!node_of(&after).is_empty());
    assert_eq!(phase(&migrations(&env)[0]), "Succeeded");
}

#[test]
fn migrate_wait_times_out_when_no_node_fits() {
    let env = Env::new();
    env.running_vm("vm1");

    env.run(&[
        "migrate",
        "vm1",
        "--wait",
        "--timeout=300ms",
        "--addedNodeSelector",
        "nowhere=true",
    ])
    .fails_after(
        "timed out after 300ms waiting for the migration to complete",
        "VM vm1 was scheduled to migrate\n",
    );
}

#[test]
fn migrate_of_a_stopped_vm_finds_no_instance() {
    let env = Env::new();
    env.create_vm("vm1", "Halted");

    env.run(&["migrate", "vm1"])
        .fails_with("Error migrating VirtualMachine virtualmachineinstance.kubevirt.io \"vm1\" not found");
    assert_eq!(env.sent()[0].status, 404);
}

#[test]
fn migrate_of_a_vm_that_is_not_running_reports_the_conflict() {
    let env = Env::frozen();
    env.create_vm("vm1", "Halted");
    env.sim.create(kubevirt_sim::fixtures::vmi(NS, "vm1")); // phase Pending

    env.run(&["migrate", "vm1"]).fails_with(
        "Error migrating VirtualMachine Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is not running",
    );
    assert_eq!(env.sent()[0].status, 409);
    assert_eq!(migrations(&env), Vec::<Value>::new());
}

// ---- migrate-cancel -------------------------------------------------------------------------

#[test]
fn migrate_cancel_deletes_the_active_migration() {
    let env = Env::new();
    env.running_vm("vm1");
    // No node carries this label: the migration stays active until it is cancelled.
    env.run(&["migrate", "vm1", "--addedNodeSelector", "nowhere=true"])
        .ok_quiet("VM vm1 was scheduled to migrate\n");
    let mig = name_of(&migrations(&env)[0]);
    env.sim.clear_requests();

    env.run(&["migrate-cancel", "vm1"])
        .ok_quiet("VM vm1 was scheduled to migrate-cancel\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachineinstancemigrations?{LIST_QUERY}"),
            format!("DELETE {CORE}/virtualmachineinstancemigrations/{mig} {DELETE_OPTIONS}"),
        ]
    );
    assert_eq!(env.sent()[1].content_type.as_deref(), Some("application/json"));
    let gone = env.sim.wait_until(PATIENCE, |sim| {
        sim.get("virtualmachineinstancemigrations", NS, &mig).is_none()
    });
    assert!(gone, "the cancelled migration was not removed");
}

#[test]
fn migrate_cancel_deletes_only_the_first_unfinished_migration() {
    let env = frozen_running_vm();
    env.sim.create(migration("mig-a", "vm1", Some("Succeeded")));
    env.sim.create(migration("mig-b", "vm1", Some("Failed")));
    env.sim.create(stuck_migration("mig-c", "vm1"));
    env.sim.create(migration("mig-d", "vm1", None));
    env.sim.clear_requests();

    env.run(&["migrate-cancel", "vm1"])
        .ok_quiet("VM vm1 was scheduled to migrate-cancel\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachineinstancemigrations?{LIST_QUERY}"),
            format!("DELETE {CORE}/virtualmachineinstancemigrations/mig-c {DELETE_OPTIONS}"),
        ]
    );
    assert!(is_deleted_or_deleting(&env, "mig-c"));
    assert!(!is_deleted_or_deleting(&env, "mig-d"));
}

#[test]
fn migrate_cancel_dry_run_keeps_the_migration() {
    let env = frozen_running_vm();
    env.sim.create(stuck_migration("mig-1", "vm1"));
    env.sim.clear_requests();

    env.run(&["migrate-cancel", "vm1", "--dry-run"])
        .ok_quiet("Dry Run execution\nVM vm1 was scheduled to migrate-cancel\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachineinstancemigrations?{LIST_QUERY}"),
            format!(
                "DELETE {CORE}/virtualmachineinstancemigrations/mig-1 {{\"kind\":\"DeleteOptions\",\"apiVersion\":\"kubevirt.io/v1\",\"dryRun\":[\"All\"]}}"
            ),
        ]
    );
    assert!(!is_deleted_or_deleting(&env, "mig-1"));
}

#[test]
fn migrate_cancel_without_an_active_migration_says_so() {
    let env = frozen_running_vm();
    env.sim.create(migration("done", "vm1", Some("Succeeded")));
    // Another VMI's active migration must not be picked up.
    let mut other = kubevirt_sim::fixtures::vmi(NS, "other");
    other["status"] = json!({"phase": "Running", "nodeName": "node02"});
    env.sim.create(other);
    env.sim.create(stuck_migration("other-mig", "other"));
    env.sim.clear_requests();

    env.run(&["migrate-cancel", "vm1"])
        .fails_with("Found no migration to cancel for vm1");

    assert_eq!(
        env.wire(),
        [format!("GET {CORE}/virtualmachineinstancemigrations?{LIST_QUERY}")]
    );
    assert!(!is_deleted_or_deleting(&env, "other-mig"));
}

#[test]
fn migrate_cancel_dry_run_line_comes_after_the_list() {
    let env = Env::new();

    // Nothing to cancel: the dry-run line is printed (after the list call), then the error.
    env.run(&["migrate-cancel", "vm1", "--dry-run"])
        .fails_after("Found no migration to cancel for vm1", "Dry Run execution\n");
}

#[test]
fn migrate_cancel_list_failure_uses_two_spaces() {
    let env = Env::new();

    env.run(&["migrate-cancel", "vm1", "--token", &env.sim.limited_token()]).fails_with(
        "Error fetching virtual machine instance migration list  virtualmachineinstancemigrations.kubevirt.io is forbidden: User \"alice\" cannot list resource \"virtualmachineinstancemigrations\" in API group \"kubevirt.io\" in the namespace \"default\"",
    );
    assert_eq!(
        env.wire(),
        [format!("GET {CORE}/virtualmachineinstancemigrations?{LIST_QUERY}")]
    );
}
