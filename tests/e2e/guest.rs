//! Guest operations: `soft-reboot`, `reset`, and the guest-agent reads `guestosinfo`, `userlist`,
//! `fslist`.

use kubevirt_sim::fixtures;
use serde_json::{Value, json};

use crate::support::*;

fn agent_connected(vmi: &Value) -> bool {
    is_running(vmi) && has_condition(vmi, "AgentConnected")
}

/// A running VM whose guest agent reports `info`.
fn vm_reporting(env: &Env, name: &str, info: &Value) -> Value {
    env.sim
        .create(fixtures::with_guest_agent_info(fixtures::vm(NS, name, "Always"), info));
    let vmi = env.wait_vmi(name, "its guest agent connected", agent_connected);
    env.sim.clear_requests();
    vmi
}

/// A running VM without a guest agent.
fn vm_without_agent(env: &Env, name: &str) {
    env.sim.create(fixtures::vm_without_agent(NS, name, "Always"));
    env.wait_vmi(name, "to run", is_running);
    env.sim.clear_requests();
}

/// A VMI that exists but does not run (the simulator stands still).
fn pending_vmi(name: &str) -> Env {
    let env = Env::frozen();
    env.sim.create(fixtures::vmi(NS, name));
    env
}

/// What the guest agent reports in these tests: every field, plus one virtctl must drop.
fn info() -> Value {
    json!({
        "guestAgentVersion": "8.2.0",
        "supportedCommands": [
            {"name": "guest-ping", "enabled": true},
            {"name": "guest-exec", "enabled": false}
        ],
        "hostname": "vm1.example",
        "os": {
            "name": "Fedora Linux",
            "kernelRelease": "6.8.5-301.fc40.x86_64",
            "version": "40 (Cloud Edition)",
            "prettyName": "Fedora Linux 40 (Cloud Edition)",
            "versionId": "40",
            "kernelVersion": "#1 SMP PREEMPT_DYNAMIC",
            "machine": "x86_64",
            "id": "fedora"
        },
        "timezone": "UTC, 0",
        "userList": [
            {"userName": "fedora", "loginTime": 1720000000.5},
            {"userName": "admin", "domain": "CORP"}
        ],
        "fsInfo": {"disks": [
            {
                "diskName": "vda1",
                "mountPoint": "/",
                "fileSystemType": "ext4",
                "usedBytes": 1234567168u64,
                "totalBytes": 5116440576u64,
                "disk": [{"serial": "containerdisk", "busType": "virtio"}]
            },
            {
                "diskName": "vdb",
                "mountPoint": "/data",
                "fileSystemType": "xfs",
                "usedBytes": 0,
                "totalBytes": 1024
            }
        ]},
        "fsFreezeStatus": "thawed",
        "notAGoField": "dropped"
    })
}

// ---- soft-reboot and reset ------------------------------------------------------------------

#[test]
fn soft_reboot_puts_without_a_body() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["soft-reboot", "vm1"])
        .ok("VMI vm1 was scheduled to soft-reboot\n");

    let sent = env.sent();
    assert_eq!(
        env.wire(),
        [format!("PUT {SUB}/virtualmachineinstances/vm1/softreboot")]
    );
    assert_eq!(sent[0].body, "");
    assert_eq!(sent[0].content_type, None);
    assert_eq!(sent[0].status, 200);
}

#[test]
fn reset_puts_without_a_body() {
    let env = Env::new();
    env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["reset", "vm1"]).ok("VMI vm1 was scheduled to reset\n");

    let sent = env.sent();
    assert_eq!(env.wire(), [format!("PUT {SUB}/virtualmachineinstances/vm1/reset")]);
    assert_eq!(sent[0].body, "");
    assert_eq!(sent[0].status, 200);
}

#[test]
fn soft_reboot_of_a_vmi_that_is_not_running_reports_the_conflict() {
    let env = pending_vmi("vm1");

    env.run(&["soft-reboot", "vm1"]).fails_with(
        "Error soft rebooting VirtualMachineInstance vm1: Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"vm1\": VM is not running",
    );
    assert_eq!(env.sent()[0].status, 409);
}

#[test]
fn soft_reboot_of_a_paused_vmi_reports_the_conflict() {
    let env = Env::new();
    env.running_vm("vm1");
    env.run(&["pause", "vmi", "vm1", "--wait"])
        .ok("VMI vm1 was scheduled to pause\n");

    env.run(&["soft-reboot", "vm1"]).fails_with(
        "Error soft rebooting VirtualMachineInstance vm1: Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \"vm1\": VMI is paused",
    );
}

#[test]
fn soft_reboot_of_a_missing_vmi_is_not_found() {
    let env = Env::new();

    env.run(&["soft-reboot", "ghost"]).fails_with(
        "Error soft rebooting VirtualMachineInstance ghost: virtualmachineinstance.kubevirt.io \"ghost\" not found",
    );
}

#[test]
fn reset_of_a_vmi_that_is_not_running_names_its_phase() {
    let env = pending_vmi("vm1");

    let out = env.run(&["reset", "vm1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    let line = out.error_line();
    assert!(
        line.starts_with("Error resetting VirtualMachineInstance vm1: "),
        "{out:#?}"
    );
    // The frozen simulator may have stepped the VMI once, from Pending to Scheduling.
    let named = ["Pending", "Scheduling"].iter().any(|phase| {
        line.ends_with(&format!(
            "Failed to reset non-running VMI with phase {phase}: Unable to connect to VirtualMachineInstance because phase is {phase} instead of Running or Scheduled"
        ))
    });
    assert!(named, "{out:#?}");
}

#[test]
fn soft_reboot_takes_exactly_one_argument() {
    let env = Env::new();

    env.run(&["soft-reboot", "a", "b"])
        .fails_with("accepts 1 arg(s), received 2");
    env.run(&["reset"]).fails_with("accepts 1 arg(s), received 0");
    assert_eq!(env.sim.requests(), []);
}

// ---- guestosinfo, userlist, fslist ----------------------------------------------------------

#[test]
fn guestosinfo_prints_the_agent_info_in_go_field_order() {
    let env = Env::new();
    vm_reporting(&env, "vm1", &info());

    let expected = r##"{
  "guestAgentVersion": "8.2.0",
  "supportedCommands": [
    {
      "name": "guest-ping",
      "enabled": true
    },
    {
      "name": "guest-exec"
    }
  ],
  "hostname": "vm1.example",
  "os": {
    "name": "Fedora Linux",
    "kernelRelease": "6.8.5-301.fc40.x86_64",
    "version": "40 (Cloud Edition)",
    "prettyName": "Fedora Linux 40 (Cloud Edition)",
    "versionId": "40",
    "kernelVersion": "#1 SMP PREEMPT_DYNAMIC",
    "machine": "x86_64",
    "id": "fedora"
  },
  "timezone": "UTC, 0",
  "userList": [
    {
      "userName": "fedora",
      "loginTime": 1720000000.5
    },
    {
      "userName": "admin",
      "domain": "CORP"
    }
  ],
  "fsInfo": {
    "disks": [
      {
        "diskName": "vda1",
        "mountPoint": "/",
        "fileSystemType": "ext4",
        "usedBytes": 1234567168,
        "totalBytes": 5116440576,
        "disk": [
          {
            "serial": "containerdisk",
            "busType": "virtio"
          }
        ]
      },
      {
        "diskName": "vdb",
        "mountPoint": "/data",
        "fileSystemType": "xfs",
        "usedBytes": 0,
        "totalBytes": 1024
      }
    ]
  },
  "fsFreezeStatus": "thawed"
}
"##;
    env.run(&["guestosinfo", "vm1"]).ok_quiet(expected);
    assert_eq!(
        env.wire(),
        [format!("GET {SUB}/virtualmachineinstances/vm1/guestosinfo")]
    );
}

#[test]
fn guestosinfo_of_a_minimal_answer_keeps_os_and_fs_info() {
    let env = Env::new();
    vm_reporting(&env, "vm1", &json!({}));

    env.run(&["guestosinfo", "vm1"])
        .ok_quiet("{\n  \"os\": {},\n  \"fsInfo\": {\n    \"disks\": null\n  }\n}\n");
}

#[test]
fn guestosinfo_matches_the_simulated_guest() {
    let env = Env::new();
    env.running_vm("fedora-vm");
    let vmi = env.wait_vmi("fedora-vm", "its guest agent connected", agent_connected);
    let reported = kubevirt_sim::guest::agent_info(&vmi);

    let out = env.run(&["guestosinfo", "fedora-vm"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let printed: Value = serde_json::from_str(&out.stdout).expect("guestosinfo prints JSON");
    for field in ["guestAgentVersion", "hostname", "os", "timezone", "fsFreezeStatus"] {
        assert_eq!(printed[field], reported[field], "field {field}");
    }
    assert_eq!(printed["userList"], reported["userList"]);
    assert_eq!(printed["fsInfo"], reported["fsInfo"]);
    assert_eq!(
        printed["supportedCommands"].as_array().map(Vec::len),
        reported["supportedCommands"].as_array().map(Vec::len)
    );
}

#[test]
fn userlist_prints_the_users_without_kind() {
    let env = Env::new();
    vm_reporting(&env, "vm1", &info());

    let expected = r##"{
  "metadata": {},
  "items": [
    {
      "userName": "fedora",
      "loginTime": 1720000000.5
    },
    {
      "userName": "admin",
      "domain": "CORP"
    }
  ]
}
"##;
    env.run(&["userlist", "vm1"]).ok_quiet(expected);
    assert_eq!(env.wire(), [format!("GET {SUB}/virtualmachineinstances/vm1/userlist")]);
}

#[test]
fn userlist_of_no_users_is_an_empty_list() {
    let env = Env::new();
    vm_reporting(&env, "vm1", &json!({"userList": []}));

    env.run(&["userlist", "vm1"])
        .ok_quiet("{\n  \"metadata\": {},\n  \"items\": []\n}\n");
}

#[test]
fn fslist_prints_the_filesystems() {
    let env = Env::new();
    vm_reporting(&env, "vm1", &info());

    let expected = r##"{
  "metadata": {},
  "items": [
    {
      "diskName": "vda1",
      "mountPoint": "/",
      "fileSystemType": "ext4",
      "usedBytes": 1234567168,
      "totalBytes": 5116440576,
      "disk": [
        {
          "serial": "containerdisk",
          "busType": "virtio"
        }
      ]
    },
    {
      "diskName": "vdb",
      "mountPoint": "/data",
      "fileSystemType": "xfs",
      "usedBytes": 0,
      "totalBytes": 1024
    }
  ]
}
"##;
    env.run(&["fslist", "vm1"]).ok_quiet(expected);
    assert_eq!(
        env.wire(),
        [format!("GET {SUB}/virtualmachineinstances/vm1/filesystemlist")]
    );
}

#[test]
fn fslist_matches_the_simulated_guest() {
    let env = Env::new();
    env.running_vm("vm1");
    let vmi = env.wait_vmi("vm1", "its guest agent connected", agent_connected);
    let reported = kubevirt_sim::guest::agent_info(&vmi);

    let out = env.run(&["fslist", "vm1"]);
    assert_eq!(out.code, 0, "{out:#?}");
    let printed: Value = serde_json::from_str(&out.stdout).expect("fslist prints JSON");
    assert_eq!(printed["items"], reported["fsInfo"]["disks"]);
    assert_eq!(printed["metadata"], json!({}));
}

/// The plain-text 500 virt-api answers, as client-go's generic message shows it.
fn server_error(name: &str, reason: &str) -> String {
    format!(
        "an error on the server (\"Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io \\\"{name}\\\": {reason}\") has prevented the request from succeeding (get virtualmachineinstances.kubevirt.io {name})"
    )
}

#[test]
fn guest_reads_without_an_agent_show_the_server_text() {
    let env = Env::new();
    vm_without_agent(&env, "vm1");
    let reason = "VMI does not have guest agent connected";

    env.run(&["guestosinfo", "vm1"]).fails_with(&format!(
        "Error getting guestosinfo of VirtualMachineInstance vm1, {}",
        server_error("vm1", reason)
    ));
    env.run(&["userlist", "vm1"]).fails_with(&format!(
        "Error listing users of VirtualMachineInstance vm1, {}",
        server_error("vm1", reason)
    ));
    env.run(&["fslist", "vm1"]).fails_with(&format!(
        "Error listing filesystems of VirtualMachineInstance vm1, {}",
        server_error("vm1", reason)
    ));
    assert!(env.sent().iter().all(|r| r.status == 500));
}

#[test]
fn guest_reads_of_a_vmi_that_is_not_running_show_the_server_text() {
    let env = pending_vmi("vm1");
    let reason = "VMI is not running";

    env.run(&["guestosinfo", "vm1"]).fails_with(&format!(
        "Error getting guestosinfo of VirtualMachineInstance vm1, {}",
        server_error("vm1", reason)
    ));
    env.run(&["userlist", "vm1"]).fails_with(&format!(
        "Error listing users of VirtualMachineInstance vm1, {}",
        server_error("vm1", reason)
    ));
    env.run(&["fslist", "vm1"]).fails_with(&format!(
        "Error listing filesystems of VirtualMachineInstance vm1, {}",
        server_error("vm1", reason)
    ));
}

#[test]
fn guest_reads_of_a_missing_vmi_show_the_not_found_text() {
    let env = Env::new();

    env.run(&["fslist", "ghost"]).fails_with(
        "Error listing filesystems of VirtualMachineInstance ghost, an error on the server (\"virtualmachineinstance.kubevirt.io \\\"ghost\\\" not found\") has prevented the request from succeeding (get virtualmachineinstances.kubevirt.io ghost)",
    );
}
