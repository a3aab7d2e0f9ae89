//! `pause` and `unpause` of a VM or VMI, with upstream's type words and messages, plus `--wait`.

use clap::Args;

use super::{DryRunArg, Positionals, WaitArgs, scheduled};
use crate::cluster::kubevirt::{Vm, Vmi, run_strategy};
use crate::cluster::types::options::DryRunOptions;
use crate::cluster::wait;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::target::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Pause,
    Unpause,
}

impl Action {
    fn word(self) -> &'static str {
        match self {
            Action::Pause => "pause",
            Action::Unpause => "unpause",
        }
    }

    fn gerund(self) -> &'static str {
        match self {
            Action::Pause => "pausing",
            Action::Unpause => "unpausing",
        }
    }
}

#[derive(Args, Debug)]
#[command(
    long_about = "First argument is the resource type, possible types are (case insensitive) virtualmachineinstance (vmi) or virtualmachine (vm).\nSecond argument is the name of the resource.",
    after_help = "Examples:\n  # Pause (or unpause) a virtualmachine called 'myvm':\n  virtctl pause vm myvm"
)]
pub struct PauseArgs {
    #[command(flatten)]
    pub args: Positionals,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub wait: WaitArgs,
}

fn parse_kind(word: &str) -> Result<Kind> {
    // Upstream silently succeeds here; an unknown type is a usage error.
    Kind::from_singular_word(word).ok_or_else(|| {
        Error::Usage(format!(
            "unsupported resource type {:?}: use vm (virtualmachine) or vmi (virtualmachineinstance)",
            word.to_lowercase()
        ))
    })
}

pub async fn run(action: Action, args: PauseArgs, ctx: &Ctx) -> Result<()> {
    let positionals = args.args.exactly(2)?;
    let kind = parse_kind(&positionals[0])?;
    let name = &positionals[1];
    let cluster = ctx.cluster().await?;
    let dry_run = args.dry_run.announce(ctx)?;
    let options = DryRunOptions { dry_run };
    let prefix = format!("Error {} VirtualMachineInstance {name}", action.gerund());

    let vm = match kind {
        Kind::Vm => Some(
            Vm::new(&cluster.api, &cluster.namespace, name)
                .get()
                .await
                .map_err(|e| e.context(format!("Error getting VirtualMachine {name}"), ": "))?,
        ),
        Kind::Vmi => None,
    };
    let vmi = Vmi::new(&cluster.api, &cluster.namespace, name);
    let result = match action {
        Action::Pause => vmi.pause(&options).await,
        Action::Unpause => vmi.unpause(&options).await,
    };
    if let Err(err) = result {
        return Err(match (&vm, action) {
            (Some(vm), Action::Pause) if err.api().is_some_and(|a| a.is_not_found()) => {
                vm_not_running(vm, name, &prefix)
            }
            _ => err.context(prefix, ": "),
        });
    }
    scheduled(ctx, "VMI", name, action.word())?;

    if args.wait.active(args.dry_run.dry_run) {
        let paused = action == Action::Pause;
        let what = if paused {
            "the VMI to pause"
        } else {
            "the VMI to unpause"
        };
        wait::until_vmi(&cluster.api, &cluster.namespace, name, what, args.wait.timeout, |vmi| {
            wait::vmi_paused(vmi, paused)
        })
        .await?;
        ctx.out
            .note(format!("VMI {name} is {}", if paused { "paused" } else { "running" }));
    }
    Ok(())
}

/// `pause vm` of a VM without a VMI: say why, from its run strategy, as upstream does.
fn vm_not_running(vm: &serde_json::Value, name: &str, prefix: &str) -> Error {
    match run_strategy(vm) {
        Ok(strategy) if strategy == "Halted" => {
            Error::Other(format!("{prefix}. VirtualMachine {name} is not set to run"))
        }
        Ok(_) => Error::Other(format!("{prefix}, it was not found")),
        Err(invalid) => Error::Other(format!("{prefix}: {invalid}")),
    }
}
