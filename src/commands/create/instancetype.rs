//! `create instancetype`: a VirtualMachineClusterInstancetype manifest, or a namespaced
//! VirtualMachineInstancetype with `--namespaced` or `-n`.

use clap::Args;
use serde_json::{Map, Value, json};

use super::params::{Params, flag_error};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;

pub const EXAMPLES: &str = "Examples:
  # Create a manifest for a ClusterInstancetype with a random name:
  virtctl create instancetype --cpu 2 --memory 256Mi
  
  # Create a manifest for a ClusterInstancetype with a specified name:
  virtctl create instancetype --name my-instancetype --cpu 2 --memory 256Mi

  # Create a manifest for a ClusterInstancetype with a specified gpu:
  virtctl create instancetype --cpu 2 --memory 256Mi --gpu name:gpu1,devicename:nvidia
  
  # Create a manifest for a Instancetype with a specified name and cpu:
  virtctl create instancetype --namespaced --name my-instancetype --cpu 2 --memory 256Mi
  
  # Create a manifest for a ClusterInstancetype and use it to create a resource with kubectl
  virtctl create instancetype --cpu 2 --memory 256Mi | kubectl create -f -";

#[derive(Args, Debug)]
pub struct InstancetypeArgs {
    /// Extra arguments are accepted and ignored, as upstream.
    #[arg(hide = true, num_args = 0..)]
    pub ignored: Vec<String>,
    /// Specify the count of CPUs of the Instancetype.
    #[arg(long, value_name = "uint32", value_parser = super::parse_go_u32)]
    pub cpu: Option<u32>,
    /// Specify list of vGPUs to passthrough. Can be provided multiple times.
    #[arg(long = "gpu", value_name = "stringArray")]
    pub gpus: Vec<String>,
    /// Specify list of HostDevices to passthrough. Can be provided multiple times.
    #[arg(long = "hostdevice", value_name = "stringArray")]
    pub host_devices: Vec<String>,
    /// Specify IOThreadsPolicy to be used. Only valid values are "auto" and "shared".
    #[arg(long = "iothreadspolicy", value_name = "string")]
    pub io_threads_policy: Option<String>,
    /// Specify the amount of memory of the Instancetype.
    #[arg(long, value_name = "string")]
    pub memory: Option<String>,
    /// Specify the name of the Instancetype.
    #[arg(long, value_name = "string")]
    pub name: Option<String>,
    /// Specify if VirtualMachineInstancetype should be created. By default VirtualMachineClusterInstancetype is created.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub namespaced: bool,
    #[command(flatten)]
    pub format: super::FormatArg,
}

pub async fn run(args: InstancetypeArgs, ctx: &Ctx) -> Result<()> {
    super::require_flags(&[("cpu", args.cpu.is_none()), ("memory", args.memory.is_none())])?;
    let namespace = super::namespace_override(ctx).await?;
    let namespaced = args.namespaced || namespace.is_some();
    let name = args.name.clone().unwrap_or_else(|| {
        super::random_name(if namespaced {
            "instancetype-"
        } else {
            "clusterinstancetype-"
        })
    });
    let memory =
        crate::cluster::types::quantity::canonical(args.memory.as_deref().unwrap_or_default()).map_err(Error::Usage)?;
    let cpu = args.cpu.unwrap_or_default();
    if cpu == 0 {
        return Err(Error::Usage("cpu value must be greater than zero".into()));
    }

    let mut spec = Map::new();
    spec.insert("cpu".into(), json!({ "guest": cpu }));
    spec.insert("memory".into(), json!({ "guest": memory }));
    if !args.gpus.is_empty() {
        spec.insert("gpus".into(), devices("gpu", &args.gpus)?);
    }
    if !args.host_devices.is_empty() {
        spec.insert("hostDevices".into(), devices("hostdevice", &args.host_devices)?);
    }
    if let Some(policy) = &args.io_threads_policy {
        if policy != "auto" && policy != "shared" {
            return Err(flag_error(
                "iothreadspolicy",
                "IOThread must be of value auto or shared",
            ));
        }
        spec.insert("ioThreadsPolicy".into(), json!(policy));
    }

    let kind = if namespaced {
        "VirtualMachineInstancetype"
    } else {
        "VirtualMachineClusterInstancetype"
    };
    let manifest = json!({
        "apiVersion": "instancetype.kubevirt.io/v1beta1",
        "kind": kind,
        "metadata": super::metadata(&name, namespace.as_deref()),
        "spec": spec,
    });
    super::print(ctx, &args.format, &manifest)
}

/// `--gpu` / `--hostdevice` values (`name:…,devicename:…`, both required) as `{deviceName, name}`.
fn devices(flag: &str, values: &[String]) -> Result<Value> {
    let mut devices = Vec::new();
    for value in values {
        let mut params = Params::parse(flag, value)?;
        let name = params.take("name");
        let device_name = params.take("devicename");
        params.finish()?;
        if name.is_empty() {
            return Err(flag_error(flag, "name must be specified"));
        }
        if device_name.is_empty() {
            return Err(flag_error(flag, "deviceName must be specified"));
        }
        devices.push(json!({ "deviceName": device_name, "name": name }));
    }
    Ok(Value::Array(devices))
}
