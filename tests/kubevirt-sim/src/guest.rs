//! The simulated guest agent: what virt-handler would proxy from qemu-guest-agent.

use serde_json::{Value, json};

/// Annotation (on a VM template or a VMI) holding a JSON `VirtualMachineInstanceGuestAgentInfo`
/// that replaces the generated one.
pub const GUEST_AGENT_INFO_ANNOTATION: &str = "kubevirt-sim.io/guest-agent-info";

fn os_for(name: &str) -> Value {
    let n = name.to_ascii_lowercase();
    if n.contains("win") {
        json!({"name": "Microsoft Windows", "kernelRelease": "20348", "version": "Microsoft Windows Server 2022", "prettyName": "Windows Server 2022 Datacenter", "versionId": "2022", "kernelVersion": "10.0", "machine": "x86_64", "id": "mswindows"})
    } else if n.contains("rhel") {
        json!({"name": "Red Hat Enterprise Linux", "kernelRelease": "5.14.0-427.13.1.el9_4.x86_64", "version": "9.4 (Plow)", "prettyName": "Red Hat Enterprise Linux 9.4 (Plow)", "versionId": "9.4", "kernelVersion": "#1 SMP PREEMPT_DYNAMIC Wed Apr 10 10:29:16 EDT 2024", "machine": "x86_64", "id": "rhel"})
    } else if n.contains("cirros") {
        json!({"name": "CirrOS", "kernelRelease": "5.15.0-71-generic", "version": "0.6.2", "prettyName": "CirrOS 0.6.2", "versionId": "0.6.2", "kernelVersion": "#78-Ubuntu SMP Tue Apr 18 09:00:29 UTC 2023", "machine": "x86_64", "id": "cirros"})
    } else {
        json!({"name": "Fedora Linux", "kernelRelease": "6.8.5-301.fc40.x86_64", "version": "40 (Cloud Edition)", "prettyName": "Fedora Linux 40 (Cloud Edition)", "versionId": "40", "kernelVersion": "#1 SMP PREEMPT_DYNAMIC Thu Apr 11 20:00:10 UTC 2024", "machine": "x86_64", "id": "fedora"})
    }
}

fn user_for(os_id: &str) -> &'static str {
    match os_id {
        "mswindows" => "Administrator",
        "rhel" => "cloud-user",
        "cirros" => "cirros",
        _ => "fedora",
    }
}

/// The guest agent info of a running VMI (annotation override, else generated from its name).
pub fn agent_info(vmi: &Value) -> Value {
    if let Some(s) = crate::object::annotation(vmi, GUEST_AGENT_INFO_ANNOTATION)
        && let Ok(v) = serde_json::from_str::<Value>(s)
    {
        return v;
    }
    let name = vmi.pointer("/metadata/name").and_then(|v| v.as_str()).unwrap_or("vm");
    let os = os_for(name);
    let user = user_for(os["id"].as_str().unwrap_or(""));
    let windows = os["id"] == "mswindows";
    json!({
        "guestAgentVersion": if windows { "107.0.1" } else { "8.2.0" },
        "supportedCommands": [
            {"name": "guest-exec", "enabled": true},
            {"name": "guest-get-fsinfo", "enabled": true},
            {"name": "guest-get-host-name", "enabled": true},
            {"name": "guest-get-osinfo", "enabled": true},
            {"name": "guest-get-timezone", "enabled": true},
            {"name": "guest-get-users", "enabled": true},
            {"name": "guest-info", "enabled": true},
            {"name": "guest-ping", "enabled": true},
            {"name": "guest-shutdown", "enabled": true},
            {"name": "guest-ssh-add-authorized-keys", "enabled": !windows},
            {"name": "guest-set-user-password", "enabled": true},
        ],
        "hostname": name,
        "os": os,
        "timezone": "UTC, 0",
        "userList": [{"userName": user, "loginTime": 1_720_000_000.5}],
        "fsInfo": {"disks": [
            {
                "diskName": if windows { "\\\\?\\Volume{6a3a2d1f-0000-0000-0000-100000000000}\\" } else { "vda1" },
                "mountPoint": if windows { "C:\\" } else { "/" },
                "fileSystemType": if windows { "NTFS" } else { "ext4" },
                "usedBytes": 1_234_567_168u64,
                "totalBytes": 5_116_440_576u64,
                "disk": [{"serial": "containerdisk", "busType": "virtio"}]
            }
        ]},
        "fsFreezeStatus": "thawed"
    })
}

/// The `status.guestOSInfo` summary virt-handler keeps on the VMI.
pub fn os_info_summary(vmi: &Value) -> Value {
    let info = agent_info(vmi);
    info.get("os").cloned().unwrap_or(json!({}))
}

pub fn user_list(info: &Value) -> Value {
    json!({"metadata": {}, "items": info.get("userList").cloned().unwrap_or(json!([]))})
}

pub fn filesystem_list(info: &Value) -> Value {
    json!({"metadata": {}, "items": info.pointer("/fsInfo/disks").cloned().unwrap_or(json!([]))})
}
