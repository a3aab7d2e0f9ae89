//! Guest-agent answers (`guestosinfo`, `userlist`, `filesystemlist`): decoded into upstream's Go
//! types and re-encoded the way `json.MarshalIndent` does, so unknown fields are dropped and
//! `omitempty` rules and field order are kept.

use serde::{Deserialize, Serialize, Serializer};

fn is_false(b: &bool) -> bool {
    !b
}

fn is_zero_f64(f: &f64) -> bool {
    *f == 0.0
}

/// Go prints whole floats without a fraction (`1700000000`, not `1700000000.0`).
fn go_float<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GuestAgentInfo {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(rename = "apiVersion", skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(rename = "guestAgentVersion", skip_serializing_if = "String::is_empty")]
    pub guest_agent_version: String,
    #[serde(rename = "supportedCommands", skip_serializing_if = "Vec::is_empty")]
    pub supported_commands: Vec<GuestAgentCommand>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    pub os: GuestOsInfo,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub timezone: String,
    #[serde(rename = "userList", skip_serializing_if = "Vec::is_empty")]
    pub user_list: Vec<GuestUser>,
    #[serde(rename = "fsInfo")]
    pub fs_info: FileSystemInfo,
    #[serde(rename = "fsFreezeStatus", skip_serializing_if = "String::is_empty")]
    pub fs_freeze_status: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GuestAgentCommand {
    pub name: String,
    #[serde(skip_serializing_if = "is_false")]
    pub enabled: bool,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GuestOsInfo {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kernel_release: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pretty_name: String,
    #[serde(rename = "versionId", skip_serializing_if = "String::is_empty")]
    pub version_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kernel_version: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub machine: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GuestUser {
    pub user_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub domain: String,
    #[serde(skip_serializing_if = "is_zero_f64", serialize_with = "go_float")]
    pub login_time: f64,
}

/// `fsInfo`: always printed, `{"disks": null}` when the agent sent none.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FileSystemInfo {
    pub disks: Option<Vec<FileSystem>>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FileSystem {
    pub disk_name: String,
    pub mount_point: String,
    pub file_system_type: String,
    pub used_bytes: i64,
    pub total_bytes: i64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disk: Vec<FileSystemDisk>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FileSystemDisk {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub serial: String,
    pub bus_type: String,
}

/// `metadata` of a list: always printed, `{}` when empty.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ListMeta {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub self_link: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    #[serde(rename = "continue", skip_serializing_if = "String::is_empty")]
    pub continue_token: String,
}

/// `userlist` and `fslist` answers. `kind`/`apiVersion` are never printed (upstream's client
/// strips them); `items` is `null` when the server left it out.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GuestList<T> {
    pub metadata: ListMeta,
    pub items: Option<Vec<T>>,
}

/// `json.MarshalIndent(v, "", "  ")` plus the trailing newline upstream prints.
pub fn to_go_pretty<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("guest-agent types always serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_guestosinfo_prints_os_and_fsinfo() {
        let info: GuestAgentInfo = serde_json::from_str("{}").unwrap();
        assert_eq!(
            to_go_pretty(&info),
            "{\n  \"os\": {},\n  \"fsInfo\": {\n    \"disks\": null\n  }\n}\n"
        );
    }

    #[test]
    fn unknown_fields_dropped_and_order_kept() {
        let info: GuestAgentInfo = serde_json::from_str(
            r#"{"hostname":"h","extra":1,"guestAgentVersion":"5.2","os":{"id":"fedora","name":"Fedora"},
               "userList":[{"userName":"root","loginTime":1700000000}],"supportedCommands":[{"name":"a","enabled":false}]}"#,
        )
        .unwrap();
        let text = to_go_pretty(&info);
        assert!(!text.contains("extra"));
        let order = [
            "guestAgentVersion",
            "supportedCommands",
            "hostname",
            "\"os\"",
            "userList",
            "fsInfo",
        ];
        let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.contains("\"loginTime\": 1700000000\n"));
        assert!(!text.contains("enabled"));
    }

    #[test]
    fn lists_strip_type_meta_and_keep_null_items() {
        let list: GuestList<GuestUser> =
            serde_json::from_str(r#"{"kind":"VirtualMachineInstanceGuestOSUserList","apiVersion":"v1"}"#).unwrap();
        assert_eq!(to_go_pretty(&list), "{\n  \"metadata\": {},\n  \"items\": null\n}\n");
        let list: GuestList<FileSystem> = serde_json::from_str(r#"{"items":[]}"#).unwrap();
        assert_eq!(to_go_pretty(&list), "{\n  \"metadata\": {},\n  \"items\": []\n}\n");
    }
}
