//! `create clone`: a VirtualMachineClone manifest (clone.kubevirt.io) from a VM or a VM snapshot
//! to a new VM.

use clap::Args;
use serde_json::{Map, Value, json};

use crate::context::Ctx;
use crate::error::{Error, Result};

pub const EXAMPLES: &str = "Examples:
  # Create a manifest for a clone with a random name:
  virtctl create clone --source-name sourceVM --target-name targetVM

  # Create a manifest for a clone with a specified name:
  virtctl create clone --name my-clone --source-name sourceVM --target-name targetVM

  # Create a manifest for a clone with a randomized target name (target name is omitted):
  virtctl create clone --source-name sourceVM

  # Create a manifest for a clone with specified source / target types. The default type is VM.
  virtctl create clone --source-name sourceVM --source-type vm --target-name targetVM --target-type vm

  # Supported source types are vm (aliases: VM, VirtualMachine, virtualmachine) and snapshot (aliases: vmsnapshot
  # VirtualMachineSnapshot, VMSnapshot). The only supported target type is vm.

  # Create a manifest for a clone with a source type snapshot to a target type VM:
  virtctl create clone --source-name mySnapshot --source-type snapshot --target-name targetVM

  # Create a manifest for a clone with label filters:
  virtctl create clone --source-name sourceVM --label-filter '*' --label-filter '!some/key'

  # Create a manifest for a clone with annotation filters:
  virtctl create clone --source-name sourceVM --annotation-filter '*' --annotation-filter '!some/key'

  # Create a manifest for a clone with template label filters:
  virtctl create clone --source-name sourceVM --template-label-filter '*' --template-label-filter '!some/key'

  # Create a manifest for a clone with template annotation filters:
  virtctl create clone --source-name sourceVM --template-annotation-filter '*' --template-annotation-filter '!some/key'

  # Create a manifest for a clone with new MAC addresses:
  virtctl create clone --source-name sourceVM --new-mac-address interface1:00-11-22 --new-mac-address interface2:00-11-33

  # Create a manifest for a clone with new SMBIOS serial:
  virtctl create clone --source-name sourceVM --new-smbios-serial \"new-serial\"

  # Create a manifest for a clone and use it to create a resource with kubectl
  virtctl create clone --source-name sourceVM | kubectl create -f -";

#[derive(Args, Debug)]
pub struct CloneArgs {
    /// Extra arguments are accepted and ignored, as upstream.
    #[arg(hide = true, num_args = 0..)]
    pub ignored: Vec<String>,
    /// Specify clone's annotation filters. Can be provided multiple times.
    #[arg(long = "annotation-filter", value_name = "stringArray")]
    pub annotation_filters: Vec<String>,
    /// Specify clone's label filters. Can be provided multiple times.
    #[arg(long = "label-filter", value_name = "stringArray")]
    pub label_filters: Vec<String>,
    /// Specify the name of the clone. If not specified, name would be randomized.
    #[arg(long, value_name = "string", default_value = "", hide_default_value = true)]
    pub name: String,
    /// Specify clone's new mac addresses. For example: 'interfaceName0:newAddress0'
    #[arg(long = "new-mac-address", value_name = "stringArray")]
    pub new_mac_addresses: Vec<String>,
    /// Specify the clone's new smbios serial
    #[arg(
        long = "new-smbios-serial",
        value_name = "string",
        default_value = "",
        hide_default_value = true
    )]
    pub new_smbios_serial: String,
    /// Specify the clone's source name.
    #[arg(long = "source-name", value_name = "string")]
    pub source_name: Option<String>,
    /// Specify the clone's source type. Default type is VM. Supported types: vm, vmsnapshot
    #[arg(
        long = "source-type",
        value_name = "string",
        default_value = "",
        hide_default_value = true
    )]
    pub source_type: String,
    /// Specify the clone's target name.
    #[arg(
        long = "target-name",
        value_name = "string",
        default_value = "",
        hide_default_value = true
    )]
    pub target_name: String,
    /// Specify the clone's target type. Default type is VM. Supported types: vm
    #[arg(
        long = "target-type",
        value_name = "string",
        default_value = "",
        hide_default_value = true
    )]
    pub target_type: String,
    /// Specify clone's template annotation filters. Can be provided multiple times.
    #[arg(long = "template-annotation-filter", value_name = "stringArray")]
    pub template_annotation_filters: Vec<String>,
    /// Specify clone's template label filters. Can be provided multiple times.
    #[arg(long = "template-label-filter", value_name = "stringArray")]
    pub template_label_filters: Vec<String>,
    #[command(flatten)]
    pub format: super::FormatArg,
}

pub async fn run(args: CloneArgs, ctx: &Ctx) -> Result<()> {
    super::require_flags(&[("source-name", args.source_name.is_none())])?;
    let namespace = super::namespace_override(ctx).await?;
    let name = match args.name.as_str() {
        "" => super::random_name("clone-"),
        name => name.to_string(),
    };
    let source_name = args.source_name.clone().unwrap_or_default();
    if source_name.is_empty() {
        return Err(Error::Usage("source name must not be empty".into()));
    }
    let source = reference(Role::Source, or_vm(&args.source_type), &source_name)?;
    let target = reference(Role::Target, or_vm(&args.target_type), &args.target_name)?;

    let mut template = Map::new();
    insert_list(&mut template, "annotationFilters", &args.template_annotation_filters);
    insert_list(&mut template, "labelFilters", &args.template_label_filters);
    let mut spec = Map::new();
    spec.insert("source".into(), source);
    spec.insert("target".into(), target);
    spec.insert("template".into(), Value::Object(template));
    insert_list(&mut spec, "annotationFilters", &args.annotation_filters);
    insert_list(&mut spec, "labelFilters", &args.label_filters);
    if !args.new_smbios_serial.is_empty() {
        spec.insert("newSMBiosSerial".into(), json!(args.new_smbios_serial));
    }
    if !args.new_mac_addresses.is_empty() {
        spec.insert("newMacAddresses".into(), new_mac_addresses(&args.new_mac_addresses)?);
    }

    let manifest = json!({
        "apiVersion": "clone.kubevirt.io/v1beta1",
        "kind": "VirtualMachineClone",
        "metadata": super::metadata(&name, namespace.as_deref()),
        "spec": spec,
        "status": {},
    });
    super::print(ctx, &args.format, &manifest)
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Source,
    Target,
}

/// An unset `--source-type` / `--target-type` means a VM.
fn or_vm(kind: &str) -> &str {
    if kind.is_empty() { "vm" } else { kind }
}

/// The typed reference for a source or target; snapshots can only be cloned from.
fn reference(role: Role, kind: &str, name: &str) -> Result<Value> {
    let (api_group, kind_name) = match kind {
        "vm" | "VM" | "VirtualMachine" | "virtualmachine" => ("kubevirt.io", "VirtualMachine"),
        "snapshot" | "VirtualMachineSnapshot" | "vmsnapshot" | "VMSnapshot" if role == Role::Source => {
            ("snapshot.kubevirt.io", "VirtualMachineSnapshot")
        }
        _ => {
            let (word, supported) = match role {
                Role::Source => ("source", "vm, vmsnapshot"),
                Role::Target => ("target", "vm"),
            };
            return Err(Error::Usage(format!(
                "{word} type {kind} is not supported. Supported types: {supported}"
            )));
        }
    };
    Ok(json!({ "apiGroup": api_group, "kind": kind_name, "name": name }))
}

/// A filter list, left out when empty (`omitempty`).
fn insert_list(map: &mut Map<String, Value>, key: &str, values: &[String]) {
    if !values.is_empty() {
        map.insert(key.into(), json!(values));
    }
}

/// `--new-mac-address iface:addr` values as a map. Exactly one `:` is allowed, so
/// colon-separated MAC addresses are rejected, as upstream (use `-` separators).
fn new_mac_addresses(values: &[String]) -> Result<Value> {
    let mut addresses = Map::new();
    for value in values {
        let parts: Vec<&str> = value.split(':').collect();
        let [interface, address] = parts[..] else {
            return Err(Error::Usage(format!(
                "newMacAddress parameter {value} is invalid: exactly one ':' is expected. For example: 'interface0:address0'"
            )));
        };
        if interface.is_empty() {
            return Err(Error::Usage(format!(
                "newMacAddress parameter {value} has empty interface name"
            )));
        }
        if address.is_empty() {
            return Err(Error::Usage(format!(
                "newMacAddress parameter {value} has empty address name"
            )));
        }
        addresses.insert(interface.to_string(), json!(address));
    }
    Ok(Value::Object(addresses))
}
