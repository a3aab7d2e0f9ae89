//! `soft-reboot` and `reset`: one-shot actions on a running VMI.

use clap::Args;

use super::{Positionals, scheduled};
use crate::cluster::kubevirt::Vmi;
use crate::context::Ctx;
use crate::error::Result;

#[derive(Clone, Copy)]
pub enum Action {
    SoftReboot,
    Reset,
}

#[derive(Args, Debug)]
pub struct VmiActionArgs {
    #[command(flatten)]
    pub args: Positionals,
}

pub async fn run(action: Action, args: VmiActionArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let cluster = ctx.cluster().await?;
    let vmi = Vmi::new(&cluster.api, &cluster.namespace, name);
    let (result, prefix, word) = match action {
        Action::SoftReboot => (vmi.soft_reboot().await, "Error soft rebooting", "soft-reboot"),
        Action::Reset => (vmi.reset().await, "Error resetting", "reset"),
    };
    result.map_err(|e| e.context(format!("{prefix} VirtualMachineInstance {name}"), ": "))?;
    scheduled(ctx, "VMI", name, word)
}
