//! `migrate` and `migrate-cancel`: live migration of a running VM, plus `--wait`.

use clap::Args;
use serde_json::Value;

use super::{DryRunArg, Positionals, WaitArgs, meta, scheduled};
use crate::cluster::kubevirt::{Migrations, Vm};
use crate::cluster::types::options::MigrateOptions;
use crate::cluster::wait::{self, Progress};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::{merge_string_maps, parse_string_to_string};

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl migrate (VM) [flags]",
    after_help = "Examples:\n  # Migrate a virtual machine called 'myvm':\n  virtctl migrate myvm"
)]
pub struct MigrateArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// --addedNodeSelector=key=value1,key2=value2: configure an additional node selector for the one-off migration attempt. AddedNodeSelector can only restrict constraints already set on the VM. By default the scheduler is responsible for finding the best Node, which is the recommended way of migrating VMs.
    #[arg(long = "addedNodeSelector", value_name = "stringToString", value_parser = parse_string_to_string)]
    pub added_node_selector: Vec<Vec<(String, String)>>,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub wait: WaitArgs,
}

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl migrate-cancel (VM) [flags]",
    after_help = "Examples:\n  # Migrate-cancel a virtual machine called 'myvm':\n  virtctl migrate-cancel myvm"
)]
pub struct MigrateCancelArgs {
    #[command(flatten)]
    pub args: Positionals,
    #[command(flatten)]
    pub dry_run: DryRunArg,
}

pub async fn migrate(args: MigrateArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let cluster = ctx.cluster().await?;
    let dry_run = args.dry_run.announce(ctx)?;
    let waiting = args.wait.active(args.dry_run.dry_run);
    let migrations = Migrations::new(&cluster.api, &cluster.namespace);
    let earlier: Vec<String> = if waiting {
        names(&migrations.list_for_vmi(name).await?)
    } else {
        Vec::new()
    };

    let options = MigrateOptions {
        dry_run,
        added_node_selector: merge_string_maps(&args.added_node_selector).into_iter().collect(),
    };
    Vm::new(&cluster.api, &cluster.namespace, name)
        .migrate(&options)
        .await
        .map_err(|e| e.context("Error migrating VirtualMachine", " "))?;
    scheduled(ctx, "VM", name, "migrate")?;

    if waiting {
        wait::until("the migration to complete", args.wait.timeout, || async {
            let all = migrations.list_for_vmi(name).await?;
            let ours = all.iter().find(|m| !earlier.iter().any(|e| e == meta(m, "name")));
            Ok(match ours {
                Some(migration) => wait::migration_done(Some(migration)),
                None => Progress::Pending,
            })
        })
        .await?;
        ctx.out.note(format!("VM {name} migrated"));
    }
    Ok(())
}

pub async fn cancel(args: MigrateCancelArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let cluster = ctx.cluster().await?;
    let migrations = Migrations::new(&cluster.api, &cluster.namespace);
    let list = migrations
        .list_for_vmi(name)
        .await
        .map_err(|e| e.context("Error fetching virtual machine instance migration list", "  "))?;
    let dry_run = args.dry_run.announce(ctx)?;

    let Some(active) = list.iter().find(|m| !is_final(m)) else {
        return Err(Error::Other(format!("Found no migration to cancel for {name}")));
    };
    let migration = meta(active, "name");
    migrations.delete(migration, !dry_run.is_empty()).await.map_err(|e| {
        e.context(
            format!("Error canceling migration {migration} of a VirtualMachine {name}"),
            ": ",
        )
    })?;
    scheduled(ctx, "VM", name, "migrate-cancel")
}

fn is_final(migration: &Value) -> bool {
    matches!(
        migration.pointer("/status/phase").and_then(Value::as_str),
        Some("Succeeded" | "Failed")
    )
}

fn names(objects: &[Value]) -> Vec<String> {
    objects.iter().map(|o| meta(o, "name").to_string()).collect()
}
