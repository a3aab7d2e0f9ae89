//! `start`, `stop` and `restart`: the VM lifecycle subresources, with upstream's flags and
//! messages, plus `--wait`.

use clap::Args;

use super::{DryRunArg, Positionals, WaitArgs, scheduled};
use crate::cluster::kubevirt::Vm;
use crate::cluster::kubevirt::Vmi;
use crate::cluster::types::options::{RestartOptions, StartOptions, StopOptions};
use crate::cluster::wait::{self, get_optional};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl start (VM) [flags]",
    after_help = "Examples:\n  # Start a virtual machine called 'myvm':\n  virtctl start myvm"
)]
pub struct StartArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// --paused=false: If set to true, start virtual machine in paused state
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub paused: bool,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub wait: WaitArgs,
}

/// `--force` and `--grace-period`, shared by `stop` and `restart`.
#[derive(Args, Debug)]
pub struct ForceArgs {
    /// --force=false: Only used when grace-period=0. If true, immediately remove VMI pod from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub force: bool,
    /// --grace-period=-1: Period of time in seconds given to the VMI to terminate gracefully. Can only be set to 0 when --force is true (force deletion). Currently only setting 0 is supported. [default: -1]
    #[arg(long = "grace-period", value_name = "int", allow_negative_numbers = true)]
    pub grace_period: Option<i64>,
}

impl ForceArgs {
    /// Upstream's rule: `--force` and an explicitly set `--grace-period` go together.
    fn grace_period(&self) -> Result<Option<i64>> {
        if self.grace_period.is_some() != self.force {
            return Err(Error::Usage(
                "Must both use --force=true and set --grace-period.".into(),
            ));
        }
        Ok(self.grace_period)
    }
}

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl stop (VM) [flags]",
    after_help = "Examples:\n  # Stop a virtual machine called 'myvm':\n  virtctl stop myvm"
)]
pub struct StopArgs {
    #[command(flatten)]
    pub args: Positionals,
    #[command(flatten)]
    pub force: ForceArgs,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub wait: WaitArgs,
}

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl restart (VM) [flags]",
    after_help = "Examples:\n  # Restart a virtual machine called 'myvm':\n  virtctl restart myvm"
)]
pub struct RestartArgs {
    #[command(flatten)]
    pub args: Positionals,
    #[command(flatten)]
    pub force: ForceArgs,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub wait: WaitArgs,
}

pub async fn start(args: StartArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let cluster = ctx.cluster().await?;
    let dry_run = args.dry_run.announce(ctx)?;
    let waiting = args.wait.active(args.dry_run.dry_run);
    let old_uid = if waiting {
        current_vmi_uid(ctx, name).await?
    } else {
        None
    };

    let options = StartOptions {
        paused: args.paused,
        dry_run,
    };
    Vm::new(&cluster.api, &cluster.namespace, name)
        .start(&options)
        .await
        .map_err(|e| e.context("Error starting VirtualMachine", " "))?;
    scheduled(ctx, "VM", name, "start")?;

    if waiting {
        let what = if args.paused {
            "the VM to run paused"
        } else {
            "the VM to run"
        };
        wait::until_vmi(&cluster.api, &cluster.namespace, name, what, args.wait.timeout, |vmi| {
            wait::vmi_running(vmi, args.paused, old_uid.as_deref())
        })
        .await?;
        ctx.out.note(format!("VM {name} is running"));
    }
    Ok(())
}

pub async fn stop(args: StopArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let cluster = ctx.cluster().await?;
    let dry_run = args.dry_run.announce(ctx)?;
    let grace_period = args.force.grace_period()?;

    let options = StopOptions { grace_period, dry_run };
    let result = Vm::new(&cluster.api, &cluster.namespace, name).stop(&options).await;
    result.map_err(|e| match grace_period {
        Some(_) => e.context("error force stopping VirtualMachine", ": "),
        None => e.context("error stopping VirtualMachine", " "),
    })?;
    scheduled(ctx, "VM", name, "stop")?;

    if args.wait.active(args.dry_run.dry_run) {
        wait::until_vmi(
            &cluster.api,
            &cluster.namespace,
            name,
            "the VM to stop",
            args.wait.timeout,
            wait::vmi_stopped,
        )
        .await?;
        ctx.out.note(format!("VM {name} is stopped"));
    }
    Ok(())
}

pub async fn restart(args: RestartArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let cluster = ctx.cluster().await?;
    let dry_run = args.dry_run.announce(ctx)?;
    let grace_period_seconds = args.force.grace_period()?;
    let waiting = args.wait.active(args.dry_run.dry_run);
    let old_uid = if waiting {
        current_vmi_uid(ctx, name).await?
    } else {
        None
    };

    let options = RestartOptions {
        grace_period_seconds,
        dry_run,
    };
    let result = Vm::new(&cluster.api, &cluster.namespace, name).restart(&options).await;
    result.map_err(|e| match grace_period_seconds {
        Some(_) => e.context("error force restarting VirtualMachine", ": "),
        None => e.context("error restarting VirtualMachine", ": "),
    })?;
    scheduled(ctx, "VM", name, "restart")?;

    if waiting {
        wait::until_vmi(
            &cluster.api,
            &cluster.namespace,
            name,
            "the VM to run again",
            args.wait.timeout,
            |vmi| wait::vmi_running(vmi, false, old_uid.as_deref()),
        )
        .await?;
        ctx.out.note(format!("VM {name} is running"));
    }
    Ok(())
}

/// The UID of the VM's current VMI, so a wait can tell the next instance from this one.
async fn current_vmi_uid(ctx: &Ctx, name: &str) -> Result<Option<String>> {
    let cluster = ctx.cluster().await?;
    let vmi = get_optional(Vmi::new(&cluster.api, &cluster.namespace, name).get().await)?;
    Ok(vmi.and_then(|v| v.pointer("/metadata/uid").and_then(|u| u.as_str()).map(str::to_string)))
}
