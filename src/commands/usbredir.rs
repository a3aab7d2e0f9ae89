//! `virtctl usbredir DEVICE VMI`: a local proxy to the VMI's usbredir websocket and the
//! `usbredirect` client pointed at it; `--no-launch VMI` only runs the proxy.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use crate::cluster::local_bridge::{BridgeEnd, LocalBridge, find_on_path};
use crate::cluster::websocket::{self, Endpoint};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;
use crate::terminal;

pub const CLIENT: &str = "usbredirect";

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl usbredir (vendor:product)|(bus-device) (VMI) [flags]",
    after_help = "Examples:\n  # Redirect the local USB device identified by vendor:product 0951:1666 to VMI testvmi:\n  virtctl usbredir 0951:1666 testvmi\n\n  # Redirect the local USB device at bus 02, device 03:\n  virtctl usbredir 02-03 testvmi\n\n  # Only start the proxy and print where a usbredir client can connect:\n  virtctl usbredir --no-launch testvmi"
)]
pub struct UsbredirArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// --no-launch=false: Only start the proxy; a usbredir client is not launched
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub no_launch: bool,
}

/// What to run: the VMI and, unless `--no-launch`, the device and the client binary.
#[derive(Debug, PartialEq)]
struct Plan {
    vmi: String,
    launch: Option<(String, PathBuf)>,
}

fn plan(args: &UsbredirArgs) -> Result<Plan> {
    let values = &args.args.values;
    if values.is_empty() || values.len() > 2 {
        return Err(Error::Usage(format!(
            "accepts between 1 and 2 arg(s), received {}",
            values.len()
        )));
    }
    if args.no_launch {
        return Ok(Plan {
            vmi: values[0].clone(),
            launch: None,
        });
    }
    if values.len() != 2 {
        return Err(Error::Usage(
            "missing argument: usbredir DEVICE VMI (or --no-launch VMI)".into(),
        ));
    }
    let client = find_on_path(CLIENT).ok_or_else(|| {
        Error::Other(format!(
            "error on finding {CLIENT} in $PATH: executable file not found in $PATH; install usbredir's {CLIENT}, or use --no-launch"
        ))
    })?;
    Ok(Plan {
        vmi: values[1].clone(),
        launch: Some((values[0].clone(), client)),
    })
}

pub async fn run(args: UsbredirArgs, ctx: &Ctx) -> Result<()> {
    let plan = plan(&args)?;
    let cluster = ctx.cluster().await?;
    let endpoint = Endpoint::usbredir(&cluster.namespace, &plan.vmi);
    let socket = websocket::dial(&cluster.api, &endpoint)
        .await
        .map_err(|e| e.context(format!("can't access VMI {}", plan.vmi), ": "))?;
    let mut bridge = LocalBridge::listen(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .map_err(|e| Error::Io(format!("can't listen on 127.0.0.1: {e}")))?;
    let address = bridge.address()?;
    match &plan.launch {
        None => ctx
            .out
            .line(format!("User can connect usbredir client at: {address}"))?,
        Some((device, client)) => {
            let argv = [
                "--device".to_string(),
                device.clone(),
                "--to".into(),
                address.to_string(),
            ];
            bridge
                .launch(client, &argv)
                .map_err(|e| Error::Other(format!("cannot start {}: {e}", client.display())))?;
        }
    }
    tokio::select! {
        end = bridge.serve(socket, None, async {}) => outcome(end),
        _ = terminal::terminated() => Ok(()),
    }
}

/// The command's result: the client's exit status when it ended the session, else the session's.
fn outcome(end: BridgeEnd) -> Result<()> {
    match end {
        BridgeEnd::ClientExited(Err(e)) => Err(Error::Other(e.to_string())),
        BridgeEnd::ClientExited(Ok(status)) if status.success() => Ok(()),
        BridgeEnd::ClientExited(Ok(status)) => Err(Error::Other(format!("exit status {}", status.code().unwrap_or(1)))),
        BridgeEnd::AcceptFailed(e) => Err(e.into()),
        BridgeEnd::Session(ended) => ended.into_result().map_err(Error::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(values: &[&str], no_launch: bool) -> UsbredirArgs {
        UsbredirArgs {
            args: Positionals {
                values: values.iter().map(|s| s.to_string()).collect(),
            },
            no_launch,
        }
    }

    #[test]
    fn arguments() {
        assert_eq!(plan(&args(&["vmi1"], true)).unwrap().vmi, "vmi1");
        assert_eq!(plan(&args(&["vmi1", "ignored"], true)).unwrap().vmi, "vmi1");
        assert!(
            plan(&args(&["vmi1"], false))
                .unwrap_err()
                .to_string()
                .starts_with("missing argument")
        );
        assert!(plan(&args(&[], true)).is_err());
    }
}
