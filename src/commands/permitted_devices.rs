//! `permitted-devices`: the host and mediated (GPU) devices the KubeVirt CR of the current
//! namespace permits, as upstream's `pkg/virtctl/configuration` prints them (the first CR of the
//! namespace only; the lines keep upstream's trailing spaces).

use clap::Args;
use serde_json::Value;

use crate::cluster::kubevirt::KubeVirts;
use crate::context::Ctx;
use crate::error::{Error, Result};

pub const EXAMPLES: &str = "Examples:
  # Print the permitted devices for VMIs:
  virtctl permitted-devices";

#[derive(Args, Debug)]
pub struct PermittedDevicesArgs {
    #[command(flatten)]
    pub args: super::Positionals,
}

pub async fn run(args: PermittedDevicesArgs, ctx: &Ctx) -> Result<()> {
    args.args.exactly(0)?;
    let cluster = ctx.cluster().await?;
    let namespace = cluster.namespace.as_str();
    let items = KubeVirts::new(&cluster.api).list(Some(namespace)).await?;
    let Some(kv) = items.first() else {
        return Err(Error::Other(format!("No KubeVirt resource in {namespace:?} namespace")));
    };
    ctx.out.raw(render(kv))
}

/// The `resourceName`s of one list of `spec.configuration.permittedHostDevices`, joined.
fn resource_names(kv: &Value, list: &str) -> String {
    let pointer = format!("/spec/configuration/permittedHostDevices/{list}");
    let devices = kv.pointer(&pointer).and_then(Value::as_array);
    let names: Vec<&str> = devices
        .into_iter()
        .flatten()
        .map(|d| d.get("resourceName").and_then(Value::as_str).unwrap_or(""))
        .collect();
    names.join(", ")
}

fn render(kv: &Value) -> String {
    format!(
        "Permitted Devices: \nHost Devices: \n{} \nGPU Devices: \n{}\n",
        resource_names(kv, "pciHostDevices"),
        resource_names(kv, "mediatedDevices")
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn five_lines_with_upstreams_trailing_spaces() {
        let kv = json!({"spec": {"configuration": {"permittedHostDevices": {
            "pciHostDevices": [{"pciVendorSelector": "10DE:1EB8", "resourceName": "nvidia.com/TU104GL_Tesla_T4"},
                               {"resourceName": "intel.com/qat"}],
            "mediatedDevices": [{"mdevNameSelector": "GRID T4-1Q", "resourceName": "nvidia.com/GRID_T4-1Q"}]}}}});
        assert_eq!(
            super::render(&kv),
            "Permitted Devices: \nHost Devices: \nnvidia.com/TU104GL_Tesla_T4, intel.com/qat \nGPU Devices: \nnvidia.com/GRID_T4-1Q\n"
        );
        assert_eq!(
            super::render(&json!({})),
            "Permitted Devices: \nHost Devices: \n \nGPU Devices: \n\n"
        );
    }
}
