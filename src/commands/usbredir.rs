//! `virtctl usbredir DEVICE VMI`: a local proxy to the VMI's usbredir websocket and the
//! `usbredirect` client pointed at it; `--no-launch VMI` only runs the proxy.

use std::path::PathBuf;

use clap::Args;
use tokio::net::TcpListener;

use crate::cluster::websocket::{self, Ended, Endpoint, PumpOptions};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::flags::parse_go_bool;
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
    let client = which(CLIENT).ok_or_else(|| {
        Error::Other(format!(
            "error on finding {CLIENT} in $PATH: executable file not found in $PATH; install usbredir's {CLIENT}, or use --no-launch"
        ))
    })?;
    Ok(Plan {
        vmi: values[1].clone(),
        launch: Some((values[0].clone(), client)),
    })
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

pub async fn run(args: UsbredirArgs, ctx: &Ctx) -> Result<()> {
    let plan = plan(&args)?;
    let cluster = ctx.cluster().await?;
    let endpoint = Endpoint::usbredir(&cluster.namespace, &plan.vmi);
    let socket = websocket::dial(&cluster.api, &endpoint)
        .await
        .map_err(|e| e.context(format!("can't access VMI {}", plan.vmi), ": "))?;
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| Error::Io(format!("can't listen on 127.0.0.1: {e}")))?;
    let address = listener.local_addr()?;

    let mut child = None;
    match &plan.launch {
        None => ctx
            .out
            .line(format!("User can connect usbredir client at: {address}"))?,
        Some((device, client)) => {
            child = Some(
                tokio::process::Command::new(client)
                    .args(["--device", device, "--to", &address.to_string()])
                    .stdin(std::process::Stdio::null())
                    .kill_on_drop(true)
                    .spawn()
                    .map_err(|e| Error::Other(format!("cannot start {}: {e}", client.display())))?,
            );
        }
    }
    let client_exit = async {
        match child.as_mut() {
            Some(c) => c.wait().await.map_err(|e| Error::Other(e.to_string())),
            None => std::future::pending().await,
        }
    };
    let session = async {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        let (read, write) = stream.into_split();
        // usbredir carries no keep-alive upstream; pings here keep idle devices connected.
        Ok::<Ended, Error>(websocket::pump(socket, read, write, &PumpOptions::default()).await)
    };
    tokio::select! {
        status = client_exit => {
            let status = status?;
            if status.success() {
                Ok(())
            } else {
                Err(Error::Other(format!("exit status {}", status.code().unwrap_or(1))))
            }
        }
        ended = session => ended?.into_result().map_err(Error::Other),
        _ = terminal::terminated() => Ok(()),
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
