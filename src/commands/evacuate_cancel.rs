//! `evacuate-cancel vm|vmi NAME`: clear the evacuation a node drain put on a VM's instance.

use clap::Args;
use serde_json::Value;

use super::{DryRunArg, Positionals};
use crate::cluster::kubevirt::{Vm, Vmi};
use crate::cluster::types::options::EvacuateCancelOptions;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::target::Kind;

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl evacuate-cancel (vm <vm-name> | vmi <vmi-name>) [flags]",
    after_help = "Examples:\n  # Cancel evacuation for a virtual machine\n  virtctl evacuate-cancel vm my-vm\n\n  # Cancel evacuation for a virtual machine instance\n  virtctl evacuate-cancel vmi my-vmi"
)]
pub struct EvacuateCancelArgs {
    #[command(flatten)]
    pub args: Positionals,
    #[command(flatten)]
    pub dry_run: DryRunArg,
}

pub async fn run(args: EvacuateCancelArgs, ctx: &Ctx) -> Result<()> {
    let positionals = args.args.exactly(2)?;
    let cluster = ctx.cluster().await?;
    let kind = Kind::from_word(&positionals[0])
        .ok_or_else(|| Error::Usage(format!("unsupported resource type {:?}", positionals[0])))?;
    let name = &positionals[1];
    let target = format!("{} {}/{name}", kind.label(), cluster.namespace);

    let vmi = Vmi::new(&cluster.api, &cluster.namespace, name)
        .get()
        .await
        .map_err(|e| e.context(format!("failed to get VMI for evacuation cancel of {target}"), ": "))?;
    let node = vmi.pointer("/status/nodeName").and_then(Value::as_str).unwrap_or("");
    if node.is_empty() {
        return Err(Error::Other(format!("{target} has no node name in its status")));
    }
    let dry_run = args.dry_run.announce(ctx)?;
    let options = EvacuateCancelOptions {
        dry_run,
        evacuation_node_name: node.to_string(),
    };
    let result = match kind {
        Kind::Vm => {
            Vm::new(&cluster.api, &cluster.namespace, name)
                .evacuate_cancel(&options)
                .await
        }
        Kind::Vmi => {
            Vmi::new(&cluster.api, &cluster.namespace, name)
                .evacuate_cancel(&options)
                .await
        }
    };
    result.map_err(|e| e.context(format!("error canceling evacuation for {target}"), ": "))?;
    ctx.out.line(format!("{target} was canceled evacuation"))
}
