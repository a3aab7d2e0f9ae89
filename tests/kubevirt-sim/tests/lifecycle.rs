//! virt-api subresources driving the controllers: start, stop, restart, pause, migrate, guest agent.

mod common;

use std::time::Duration;

use common::*;
use kubevirt_sim::{Sim, SimOptions, fixtures};
use serde_json::json;

const T: Duration = Duration::from_secs(10);

fn sim() -> Sim {
    Sim::start(SimOptions::default()).unwrap()
}

fn running_vm(sim: &Sim, ns: &str, name: &str) {
    sim.create(fixtures::vm(ns, name, "Always"));
    assert!(
        sim.wait_until(T, |s| printable(s, ns, name) == "Running"),
        "{name} never ran"
    );
}

fn vmi_uid(sim: &Sim, ns: &str, name: &str) -> String {
    sim.get("vmi", ns, name)
        .map(|v| v["metadata"]["uid"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn start_halted_vm_walks_the_phases() {
    let sim = Sim::start(SimOptions {
        phase_step: Duration::from_millis(60),
        ..Default::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    sim.create(fixtures::vm("default", "vm1", "Halted"));
    assert!(sim.wait_until(T, |s| printable(s, "default", "vm1") == "Stopped"));
    let r = c.put_sub(&sub_vm("default", "vm1", "start"), "{}");
    assert_eq!(r.status, 202, "{}", r.text);
    assert_eq!(r.text, "");
    assert_eq!(
        sim.get("vm", "default", "vm1").unwrap()["spec"]["runStrategy"],
        "Always"
    );
    assert!(sim.wait_until(T, |s| phase_of(s, "default", "vm1") == "Running"));
    // phases walk one per tick: check the transition record
    let mut seen = Vec::new();
    let vmi = sim.get("vmi", "default", "vm1").unwrap();
    for t in vmi["status"]["phaseTransitionTimestamps"].as_array().unwrap() {
        seen.push(t["phase"].as_str().unwrap().to_string());
    }
    assert_eq!(seen, ["Pending", "Scheduling", "Scheduled", "Running"]);
    assert_eq!(vmi["status"]["nodeName"], "node01");
    assert!(
        vmi["status"]["interfaces"][0]["ipAddress"]
            .as_str()
            .unwrap()
            .starts_with("10.244.")
    );
    assert_eq!(vmi["metadata"]["ownerReferences"][0]["kind"], "VirtualMachine");
    assert_eq!(vmi["metadata"]["labels"]["kubevirt.io/vm"], "vm1");
    assert!(sim.wait_until(T, |s| s.get("vm", "default", "vm1").unwrap()["status"]["ready"] == true));
    let vm = sim.get("vm", "default", "vm1").unwrap();
    assert_eq!(vm["status"]["created"], true);
    assert_eq!(vm["status"]["runStrategy"], "Always");
    // a second start is refused
    let r = c.put_sub(&sub_vm("default", "vm1", "start"), "{}");
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is already running"
    );
    assert_eq!(
        r.json()["details"],
        json!({"name": "vm1", "group": "kubevirt.io", "kind": "virtualmachine"})
    );
}

#[test]
fn start_errors() {
    let sim = sim();
    let c = Client::admin(&sim);
    let r = c.put_sub(&sub_vm("default", "ghost", "start"), "{}");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"virtualmachine.kubevirt.io \"ghost\" not found","reason":"NotFound","details":{"name":"ghost","group":"kubevirt.io","kind":"virtualmachine"},"code":404})
    );
    sim.create(fixtures::vm("default", "once", "Once"));
    assert!(sim.wait_until(T, |s| phase_of(s, "default", "once") == "Running"));
    sim.create(fixtures::vm("default", "rerun", "RerunOnFailure"));
    assert!(sim.wait_until(T, |s| phase_of(s, "default", "rerun") == "Running"));
    let mut vmi = sim.get("vmi", "default", "rerun").unwrap();
    vmi["status"]["phase"] = json!("Failed");
    sim.update(vmi);
    let r = c.put_sub(&sub_vm("default", "rerun", "start"), "{}");
    // the controller may already have replaced it; either a conflict about Failed or already running
    assert_eq!(r.status, 409);
    sim.create(fixtures::vm("default", "always", "Always"));
    assert!(sim.wait_until(T, |s| phase_of(s, "default", "always") == "Running"));
    let mut vm = sim.get("vm", "default", "always").unwrap();
    vm["spec"]["runStrategy"] = json!("Halted");
    sim.update(vm);
    assert!(sim.wait_until(T, |s| s.get("vmi", "default", "always").is_none()));
    let mut vm = sim.get("vm", "default", "always").unwrap();
    vm["spec"]["runStrategy"] = json!("Always");
    sim.update(vm);
    // Always with no VMI yet may race the controller; force the Once case instead
    let mut once = sim.get("vmi", "default", "once").unwrap();
    once["status"]["phase"] = json!("Succeeded");
    sim.update(once);
    let r = c.put_sub(&sub_vm("default", "once", "start"), "{}");
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachine.kubevirt.io \"once\": Once does not support manual start requests"
    );
    // bad body
    let r = c.put_sub(&sub_vm("default", "once", "start"), "{not json");
    assert_eq!(r.status, 400);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("Can not unmarshal Request body to struct, error: ")
    );
    // both running and runStrategy set -> 500
    let mut both = fixtures::vm("default", "both", "Halted");
    both["spec"]["running"] = json!(false);
    sim.store()
        .lock()
        .create(kubevirt_sim::object::vm_kind(), "default", both, false, false)
        .unwrap();
    let r = c.put_sub(&sub_vm("default", "both", "start"), "{}");
    assert_eq!(r.status, 500);
    assert_eq!(
        r.json()["message"],
        "Internal error occurred: running and runstrategy are mutually exclusive"
    );
}

#[test]
fn stop_always_vm_and_stop_errors() {
    let sim = sim();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "vm1");
    let r = c.put_sub(&sub_vm("default", "vm1", "stop"), "{}");
    assert_eq!(r.status, 202, "{}", r.text);
    assert_eq!(
        sim.get("vm", "default", "vm1").unwrap()["spec"]["runStrategy"],
        "Halted"
    );
    assert!(sim.wait_until(T, |s| s.get("vmi", "default", "vm1").is_none()));
    assert!(sim.wait_until(T, |s| printable(s, "default", "vm1") == "Stopped"));
    let r = c.put_sub(&sub_vm("default", "vm1", "stop"), "{}");
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachine.kubevirt.io \"vm1\": VM is not running"
    );

    // old spec.running style
    sim.create(fixtures::vm_with_running("default", "old", true));
    assert!(sim.wait_until(T, |s| printable(s, "default", "old") == "Running"));
    assert_eq!(c.put_sub(&sub_vm("default", "old", "stop"), "{}").status, 202);
    assert_eq!(sim.get("vm", "default", "old").unwrap()["spec"]["running"], false);
    assert!(sim.wait_until(T, |s| printable(s, "default", "old") == "Stopped"));
    assert_eq!(c.put_sub(&sub_vm("default", "old", "start"), "{}").status, 202);
    assert_eq!(sim.get("vm", "default", "old").unwrap()["spec"]["running"], true);
    assert!(sim.wait_until(T, |s| printable(s, "default", "old") == "Running"));
}

#[test]
fn stop_respects_grace_period() {
    let sim = Sim::start(SimOptions {
        phase_step: Duration::from_millis(30),
        ..Default::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    let mut vm = fixtures::vm("default", "slow", "Manual");
    vm["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = json!(20);
    sim.create(vm);
    assert_eq!(c.put_sub(&sub_vm("default", "slow", "start"), "{}").status, 202);
    assert!(sim.wait_until(T, |s| printable(s, "default", "slow") == "Running"));
    assert_eq!(c.put_sub(&sub_vm("default", "slow", "stop"), "{}").status, 202);
    let vm = sim.get("vm", "default", "slow").unwrap();
    assert_eq!(vm["status"]["stateChangeRequests"][0]["action"], "Stop");
    assert!(sim.wait_until(T, |s| printable(s, "default", "slow") == "Stopping"));
    // still shutting down a few ticks later (20 ticks of grace)
    assert!(sim.wait_for_ticks(5, T));
    assert_eq!(printable(&sim, "default", "slow"), "Stopping");
    assert!(sim.wait_until(T, |s| printable(s, "default", "slow") == "Stopped"));
    assert!(sim.get("vmi", "default", "slow").is_none());
    assert!(
        sim.get("vm", "default", "slow").unwrap()["status"]
            .get("stateChangeRequests")
            .is_none()
    );

    // Halted with a VMI: force stop needs a shorter grace period
    let mut vm = fixtures::vm("default", "h", "Manual");
    vm["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = json!(30);
    sim.create(vm);
    assert_eq!(c.put_sub(&sub_vm("default", "h", "start"), "{}").status, 202);
    assert!(sim.wait_until(T, |s| printable(s, "default", "h") == "Running"));
    let r = c.put_sub(&sub_vm("default", "h", "stop"), r#"{"gracePeriod":0}"#);
    assert_eq!(r.status, 202);
    assert_eq!(
        sim.get("vmi", "default", "h")
            .map(|v| v["spec"]["terminationGracePeriodSeconds"].clone()),
        Some(json!(0))
    );
    assert!(sim.wait_until(T, |s| printable(s, "default", "h") == "Stopped"));
}

#[test]
fn restart_creates_a_new_vmi() {
    let sim = sim();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "r");
    let before = vmi_uid(&sim, "default", "r");
    let r = c.put_sub(&sub_vm("default", "r", "restart"), "{}");
    assert_eq!(r.status, 202, "{}", r.text);
    assert!(sim.wait_until(T, |s| {
        let u = vmi_uid(s, "default", "r");
        !u.is_empty() && u != before && phase_of(s, "default", "r") == "Running"
    }));
    assert!(sim.wait_until(T, |s| printable(s, "default", "r") == "Running"));
    let r = c.put_sub(&sub_vm("default", "r", "restart"), r#"{"gracePeriodSeconds":5}"#);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"For force restart, only gracePeriod=0 is supported for now","reason":"BadRequest","code":400})
    );
    sim.create(fixtures::vm("default", "halted", "Halted"));
    let r = c.put_sub(&sub_vm("default", "halted", "restart"), "{}");
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachine.kubevirt.io \"halted\": RunStategy Halted does not support manual restart requests"
    );
    sim.create(fixtures::vm("default", "man", "Manual"));
    let r = c.put_sub(&sub_vm("default", "man", "restart"), "{}");
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachine.kubevirt.io \"man\": VM is not running: Halted"
    );
    // force restart with grace 0
    let before = vmi_uid(&sim, "default", "r");
    assert_eq!(
        c.put_sub(&sub_vm("default", "r", "restart"), r#"{"gracePeriodSeconds":0}"#)
            .status,
        202
    );
    assert!(sim.wait_until(T, |s| {
        let u = vmi_uid(s, "default", "r");
        !u.is_empty() && u != before && phase_of(s, "default", "r") == "Running"
    }));
}

#[test]
fn start_request_lands_in_vm_status() {
    // a controller that never ticks during the test
    let sim = Sim::start(SimOptions {
        phase_step: Duration::from_secs(3600),
        ..Default::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    sim.create(fixtures::vm("default", "m", "Manual"));
    assert_eq!(
        c.put_sub(&sub_vm("default", "m", "start"), r#"{"paused":true}"#).status,
        202
    );
    let vm = sim.get("vm", "default", "m").unwrap();
    assert_eq!(
        vm["status"]["stateChangeRequests"],
        json!([{"action": "Start", "data": {"paused": "true"}}])
    );
    let r = c.put_sub(&sub_vm("default", "m", "start"), "{}");
    assert_eq!(r.status, 500);
    assert_eq!(
        r.json()["message"],
        "Internal error occurred: unable to complete request: stop/start already underway"
    );
}

#[test]
fn manual_start_paused_then_unpause() {
    let sim = sim();
    let c = Client::admin(&sim);
    sim.create(fixtures::vm("default", "m", "Manual"));
    let r = c.put_sub(&sub_vm("default", "m", "start"), r#"{"paused":true}"#);
    assert_eq!(r.status, 202);
    assert!(sim.wait_until(T, |s| printable(s, "default", "m") == "Paused"));
    let vmi = sim.get("vmi", "default", "m").unwrap();
    assert_eq!(vmi["spec"]["startStrategy"], "Paused");
    let r = c.put_sub(&sub_vmi("default", "m", "pause"), "{}");
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"m\": VMI is already paused"
    );
    let r = c.put_sub(&sub_vmi("default", "m", "softreboot"), "");
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"m\": VMI is paused"
    );
    let r = c.put_sub(&sub_vmi("default", "m", "unpause"), r#"{"dryRun":["All"]}"#);
    assert_eq!(r.status, 200);
    assert_eq!(printable(&sim, "default", "m"), "Paused");
    let r = c.put_sub(&sub_vmi("default", "m", "unpause"), "{}");
    assert_eq!(r.status, 200);
    assert!(sim.wait_until(T, |s| printable(s, "default", "m") == "Running"));
    let r = c.put_sub(&sub_vmi("default", "m", "unpause"), "{}");
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"m\": VMI is not paused"
    );
    // start on a Manual VM that is running
    let r = c.put_sub(&sub_vm("default", "m", "start"), "{}");
    assert_eq!(r.status, 409);
    // stop via request
    assert_eq!(c.put_sub(&sub_vm("default", "m", "stop"), "{}").status, 202);
    assert!(sim.wait_until(T, |s| printable(s, "default", "m") == "Stopped"));
}

#[test]
fn halted_paused_start_goes_through_a_state_change_request() {
    let sim = sim();
    let c = Client::admin(&sim);
    sim.create(fixtures::vm("default", "hp", "Halted"));
    assert!(sim.wait_until(T, |s| printable(s, "default", "hp") == "Stopped"));
    assert_eq!(
        c.put_sub(&sub_vm("default", "hp", "start"), r#"{"paused":true}"#)
            .status,
        202
    );
    assert!(sim.wait_until(T, |s| printable(s, "default", "hp") == "Paused"));
    assert_eq!(sim.get("vm", "default", "hp").unwrap()["spec"]["runStrategy"], "Always");
}

#[test]
fn pause_and_unpause_running_vmi() {
    let sim = sim();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "p");
    let r = c.put_sub(&sub_vmi("default", "p", "pause"), "{}");
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(sim.wait_until(T, |s| printable(s, "default", "p") == "Paused"));
    let vmi = sim.get("vmi", "default", "p").unwrap();
    assert!(
        vmi["status"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["type"] == "Paused" && c["status"] == "True")
    );
    assert_eq!(c.put_sub(&sub_vmi("default", "p", "unpause"), "{}").status, 200);
    assert!(sim.wait_until(T, |s| printable(s, "default", "p") == "Running"));
    let r = c.put_sub(&sub_vmi("default", "nope", "pause"), "{}");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json()["message"],
        "virtualmachineinstance.kubevirt.io \"nope\" not found"
    );
    // unpause blocked by a snapshot in progress
    let mut vm = sim.get("vm", "default", "p").unwrap();
    vm["status"]["snapshotInProgress"] = json!("snap1");
    sim.update(vm);
    let r = c.put_sub(&sub_vmi("default", "p", "unpause"), "{}");
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachine.kubevirt.io \"p\": VM snapshot is in progress"
    );
    assert_eq!(c.put_sub(&sub_vmi("default", "p", "reset"), "").status, 200);
    assert_eq!(c.put_sub(&sub_vmi("default", "p", "softreboot"), "").status, 200);
    // wrong method
    assert_eq!(c.get(&sub_vmi("default", "p", "pause")).status, 405);
}

#[test]
fn migrate_moves_the_vmi() {
    let sim = sim();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "mig");
    let r = c.put_sub(&sub_vm("default", "mig", "migrate"), r#"{"dryRun":["All"]}"#);
    assert_eq!(r.status, 202);
    assert!(sim.list("virtualmachineinstancemigrations", Some("default")).is_empty());
    let r = c.put_sub(&sub_vm("default", "mig", "migrate"), "{}");
    assert_eq!(r.status, 202, "{}", r.text);
    let migs = sim.list("virtualmachineinstancemigrations", Some("default"));
    assert_eq!(migs.len(), 1);
    let m = &migs[0];
    assert!(
        m["metadata"]["name"]
            .as_str()
            .unwrap()
            .starts_with("kubevirt-migrate-vm-")
    );
    assert_eq!(m["metadata"]["labels"]["kubevirt.io/vmi-name"], "mig");
    assert_eq!(m["spec"]["vmiName"], "mig");
    let mname = m["metadata"]["name"].as_str().unwrap().to_string();
    assert!(
        sim.wait_until(T, |s| s.get("vmim", "default", &mname).unwrap()["status"]["phase"]
            == "Succeeded")
    );
    let vmi = sim.get("vmi", "default", "mig").unwrap();
    assert_eq!(vmi["status"]["nodeName"], "node02");
    let ms = &vmi["status"]["migrationState"];
    assert_eq!(ms["completed"], true);
    assert_eq!(ms["sourceNode"], "node01");
    assert_eq!(ms["targetNode"], "node02");
    assert!(ms["startTimestamp"].is_string() && ms["endTimestamp"].is_string());
    assert_eq!(
        ms["migrationUid"],
        sim.get("vmim", "default", &mname).unwrap()["metadata"]["uid"]
    );
    let phases: Vec<String> = sim.get("vmim", "default", &mname).unwrap()["status"]["phaseTransitionTimestamps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["phase"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        phases,
        [
            "Pending",
            "Scheduling",
            "Scheduled",
            "PreparingTarget",
            "TargetReady",
            "Running",
            "Succeeded"
        ]
    );
    // and back
    assert_eq!(
        c.put_sub(
            &sub_vm("default", "mig", "migrate"),
            r#"{"addedNodeSelector":{"kubernetes.io/hostname":"node01"}}"#
        )
        .status,
        202
    );
    assert!(
        sim.wait_until(T, |s| s.get("vmi", "default", "mig").unwrap()["status"]["nodeName"]
            == "node01")
    );
    // not running
    sim.create(fixtures::vm("default", "off", "Halted"));
    let r = c.put_sub(&sub_vm("default", "off", "migrate"), "{}");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json()["message"],
        "virtualmachineinstance.kubevirt.io \"off\" not found"
    );
}

#[test]
fn deleting_an_active_migration_cancels_it() {
    let sim = Sim::start(SimOptions {
        phase_step: Duration::from_millis(80),
        ..Default::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "mc");
    assert_eq!(c.put_sub(&sub_vm("default", "mc", "migrate"), "{}").status, 202);
    let r = c.get("/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstancemigrations?labelSelector=kubevirt.io%2Fvmi-name%3D%3Dmc");
    let items = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    let name = items[0]["metadata"]["name"].as_str().unwrap().to_string();
    assert!(sim.wait_until(T, |s| matches!(
        s.get("vmim", "default", &name).unwrap()["status"]["phase"].as_str(),
        Some("Scheduled" | "PreparingTarget" | "TargetReady")
    )));
    assert!(sim.wait_until(T, |s| printable(s, "default", "mc") == "Migrating"));
    let r = c.delete(
        &format!("/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstancemigrations/{name}"),
        Some(json!({"kind": "DeleteOptions", "apiVersion": "kubevirt.io/v1"})),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(sim.wait_until(T, |s| s.get("vmim", "default", &name).is_none()));
    let vmi = sim.get("vmi", "default", "mc").unwrap();
    assert_eq!(vmi["status"]["nodeName"], "node01");
    assert_eq!(vmi["status"]["migrationState"]["abortStatus"], "Succeeded");
    assert!(sim.wait_until(T, |s| printable(s, "default", "mc") == "Running"));
}

#[test]
fn guest_agent_endpoints() {
    let sim = sim();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "g");
    let r = c.get(&sub_vmi("default", "g", "guestosinfo"));
    assert_eq!(r.status, 200);
    let info = r.json();
    assert_eq!(info["os"]["id"], "fedora");
    assert_eq!(info["hostname"], "g");
    let r = c.get(&sub_vmi("default", "g", "userlist")).json();
    assert_eq!(r["items"][0]["userName"], "fedora");
    let r = c.get(&sub_vmi("default", "g", "filesystemlist")).json();
    assert_eq!(r["items"][0]["mountPoint"], "/");
    let r = c.get(&sub_vmi("default", "ghost", "guestosinfo"));
    assert_eq!(r.status, 500);
    assert_eq!(r.content_type.as_deref(), Some("text/plain; charset=utf-8"));
    assert_eq!(r.text, "virtualmachineinstance.kubevirt.io \"ghost\" not found");
    sim.create(fixtures::vm_without_agent("default", "noagent", "Always"));
    assert!(sim.wait_until(T, |s| phase_of(s, "default", "noagent") == "Running"));
    let r = c.get(&sub_vmi("default", "noagent", "userlist"));
    assert_eq!(r.status, 500);
    assert_eq!(
        r.text,
        "Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"noagent\": VMI does not have guest agent connected"
    );
    sim.create(fixtures::vm("default", "stopped", "Halted"));
    sim.create(fixtures::vmi("default", "stopped"));
    let r = c.get(&sub_vmi("default", "stopped", "filesystemlist"));
    assert_eq!(r.status, 500);
    assert!(r.text.ends_with("VMI is not running") || r.text.contains("not running"));
    // custom guest data
    let custom = json!({"guestAgentVersion": "9.9", "hostname": "custom", "os": {"id": "arch"}, "userList": [{"userName": "neo"}], "fsInfo": {"disks": []}});
    sim.create(fixtures::with_guest_agent_info(
        fixtures::vm("default", "c", "Always"),
        &custom,
    ));
    assert!(sim.wait_until(T, |s| phase_of(s, "default", "c") == "Running"));
    assert_eq!(
        c.get(&sub_vmi("default", "c", "guestosinfo")).json()["hostname"],
        "custom"
    );
    assert_eq!(
        c.get(&sub_vmi("default", "c", "userlist")).json()["items"][0]["userName"],
        "neo"
    );
}

#[test]
fn evacuate_cancel() {
    let sim = sim();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "e");
    // nothing to cancel: 200 no-op
    let r = c.put_sub(
        &sub_vm("default", "e", "evacuate/cancel"),
        r#"{"evacuationNodeName":"node01"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let mut vmi = sim.get("vmi", "default", "e").unwrap();
    vmi["status"]["evacuationNodeName"] = json!("node01");
    sim.update(vmi);
    let r = c.put_sub(
        &sub_vmi("default", "e", "evacuate/cancel"),
        r#"{"evacuationNodeName":"node02"}"#,
    );
    assert_eq!(r.status, 500);
    let r = c.put_sub(
        &sub_vmi("default", "e", "evacuate/cancel"),
        r#"{"evacuationNodeName":"node01"}"#,
    );
    assert_eq!(r.status, 200);
    assert!(
        sim.get("vmi", "default", "e").unwrap()["status"]
            .get("evacuationNodeName")
            .is_none()
    );
    // drain taint on the node
    let mut node = sim.get("nodes", "", "node01").unwrap();
    node["spec"]["taints"] = json!([{"key": "kubevirt.io/drain", "effect": "NoSchedule"}]);
    sim.update(node);
    let r = c.put_sub(
        &sub_vm("default", "e", "evacuate/cancel"),
        r#"{"evacuationNodeName":"node01"}"#,
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["message"],
        "Node \"node01\" has NodeDrainTaintKey \"kubevirt.io/drain:NoSchedule\""
    );
    sim.create(fixtures::vm("default", "notstarted", "Halted"));
    let r = c.put_sub(
        &sub_vm("default", "notstarted", "evacuate/cancel"),
        r#"{"evacuationNodeName":"node01"}"#,
    );
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["message"],
        "Operation cannot be fulfilled on virtualmachine.kubevirt.io \"notstarted\": VMI is not started"
    );
}

#[test]
fn demo_namespace() {
    let sim = demo_sim();
    assert_eq!(printable(&sim, "demo", "fedora-running"), "Running");
    assert_eq!(printable(&sim, "demo", "win-running"), "Running");
    assert_eq!(printable(&sim, "demo", "rhel-stopped"), "Stopped");
    assert_eq!(printable(&sim, "demo", "cirros-manual"), "Stopped");
    let c = Client::admin(&sim);
    assert_eq!(c.get(&sub_vmi("demo", "fedora-running", "guestosinfo")).status, 200);
    assert_eq!(
        c.get(&sub_vmi("demo", "win-running", "userlist")).json()["items"][0]["userName"],
        "Administrator"
    );
}

#[test]
fn deleting_a_vm_stops_and_removes_everything() {
    let sim = sim();
    let c = Client::admin(&sim);
    running_vm(&sim, "default", "d");
    assert_eq!(sim.list("pods", Some("default")).len(), 1);
    let r = c.delete(&vm_path("default", "d"), None);
    assert_eq!(r.status, 200);
    assert!(r.json()["metadata"]["deletionTimestamp"].is_string());
    assert!(sim.wait_until(T, |s| s.get("vm", "default", "d").is_none()
        && s.get("vmi", "default", "d").is_none()));
    assert!(sim.wait_until(T, |s| s.list("pods", Some("default")).is_empty()));
    // a standalone VMI is shut down gracefully on delete
    sim.create(fixtures::vmi("default", "solo"));
    assert!(sim.wait_until(T, |s| phase_of(s, "default", "solo") == "Running"));
    assert_eq!(
        c.delete(
            "/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/solo",
            None
        )
        .status,
        200
    );
    assert!(sim.wait_until(T, |s| s.get("vmi", "default", "solo").is_none()));
}
