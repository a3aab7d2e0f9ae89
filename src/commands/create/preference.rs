//! `create preference`: a VirtualMachineClusterPreference manifest, or a namespaced
//! VirtualMachinePreference with `--namespaced` or `-n`.

use clap::Args;
use serde_json::{Map, json};

use super::params::flag_error;
use crate::context::Ctx;
use crate::error::Result;
use crate::go_syntax::parse_go_bool;

pub const EXAMPLES: &str = "Examples:
  # Create a manifest for a ClusterPreference with a random name:
  virtctl create preference
\t
  # Create a manifest for a ClusterPreference with a specified CPU topology:
  virtctl create preference --cpu-topology sockets

  # Create a manifest for a Preference with a specified CPU topology:
  virtctl create preference --cpu-topology sockets --namespaced
\t
  # Create a manifest for a ClusterPreference and use it to create a resource with kubectl
  virtctl create preference --volume-storage-class hostpath-provisioner | kubectl create -f -";

/// The CPU topologies KubeVirt accepts, including the deprecated `prefer*` spellings.
const CPU_TOPOLOGIES: [&str; 10] = [
    "sockets",
    "cores",
    "threads",
    "spread",
    "any",
    "preferSockets",
    "preferCores",
    "preferThreads",
    "preferSpread",
    "preferAny",
];

#[derive(Args, Debug)]
pub struct PreferenceArgs {
    /// Extra arguments are accepted and ignored, as upstream.
    #[arg(hide = true, num_args = 0..)]
    pub ignored: Vec<String>,
    /// Defines the preferred guest visible CPU topology.
    #[arg(long = "cpu-topology", value_name = "string")]
    pub cpu_topology: Option<String>,
    /// Defines the preferred machine type to use.
    #[arg(long = "machine-type", value_name = "string")]
    pub machine_type: Option<String>,
    /// Specify the name of the Preference.
    #[arg(long, value_name = "string")]
    pub name: Option<String>,
    /// Specify if VirtualMachinePreference should be created. By default VirtualMachineClusterPreference is created.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub namespaced: bool,
    /// Defines the preferred storage class
    #[arg(long = "volume-storage-class", value_name = "string")]
    pub volume_storage_class: Option<String>,
    #[command(flatten)]
    pub format: super::FormatArg,
}

pub async fn run(args: PreferenceArgs, ctx: &Ctx) -> Result<()> {
    let namespace = super::namespace_override(ctx).await?;
    let namespaced = args.namespaced || namespace.is_some();
    let name = args.name.clone().unwrap_or_else(|| {
        super::random_name(if namespaced {
            "preference-"
        } else {
            "clusterpreference-"
        })
    });

    // A flag given with an empty value still creates its (then empty) section, as upstream.
    let mut spec = Map::new();
    if let Some(topology) = &args.cpu_topology {
        if !CPU_TOPOLOGIES.contains(&topology.as_str()) {
            return Err(flag_error(
                "cpu-topology",
                "CPU topology must have a value of sockets, cores, threads or spread",
            ));
        }
        spec.insert("cpu".into(), json!({ "preferredCPUTopology": topology }));
    }
    if let Some(machine_type) = &args.machine_type {
        spec.insert("machine".into(), omit_empty("preferredMachineType", machine_type));
    }
    if let Some(class) = &args.volume_storage_class {
        spec.insert("volumes".into(), omit_empty("preferredStorageClassName", class));
    }

    let kind = if namespaced {
        "VirtualMachinePreference"
    } else {
        "VirtualMachineClusterPreference"
    };
    let manifest = json!({
        "apiVersion": "instancetype.kubevirt.io/v1beta1",
        "kind": kind,
        "metadata": super::metadata(&name, namespace.as_deref()),
        "spec": spec,
    });
    super::print(ctx, &args.format, &manifest)
}

/// `{key: value}`, or `{}` for an empty value (the Go field is `omitempty`).
fn omit_empty(key: &str, value: &str) -> serde_json::Value {
    let mut section = Map::new();
    if !value.is_empty() {
        section.insert(key.into(), json!(value));
    }
    serde_json::Value::Object(section)
}
