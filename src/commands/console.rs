//! `virtctl console VMI`: the serial console over virt-api's websocket, with the terminal in raw
//! mode (always restored), `Ctrl+]` to leave, and retries while the VMI is still starting.

use std::cell::Cell;
use std::time::Duration;

use clap::Args;

use crate::cluster::api::Api;
use crate::cluster::wait::{self, Backoff};
use crate::cluster::websocket::{self, Ended, Endpoint, PumpOptions};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::terminal::{self, ESCAPE, RawMode, Stdin};

/// Upstream retries a refused console once a second.
const RETRY: Backoff = Backoff {
    first: Duration::from_secs(1),
    max: Duration::from_secs(1),
};
/// A negative `--timeout` waits as long as it takes; a century is as long as that.
const NO_LIMIT: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl console (VMI) [flags]",
    after_help = "Examples:\n  # Connect to the console on VirtualMachineInstance 'myvmi':\n  virtctl console myvmi\n  # Configure one minute timeout (default 5 minutes)\n  virtctl console --timeout=1 myvmi"
)]
pub struct ConsoleArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// The number of minutes to wait for the virtual machine instance to be ready.
    #[arg(long, default_value_t = 5, allow_negative_numbers = true)]
    pub timeout: i64,
}

pub async fn run(args: ConsoleArgs, ctx: &Ctx) -> Result<()> {
    let name = args.args.exactly(1)?[0].clone();
    let cluster = ctx.cluster().await?;
    let endpoint = Endpoint::console(&cluster.namespace, &name);

    let socket = tokio::select! {
        socket = connect(&cluster.api, &endpoint, args.timeout) => socket?,
        _ = terminal::terminated() => {
            ctx.out.note("");
            return Ok(());
        }
    };

    let raw = RawMode::enable().map_err(|e| Error::Other(format!("Make raw terminal failed: {e}")))?;
    ctx.out.note(format!(
        "Successfully connected to {name} console. Press Ctrl+] or Ctrl+5 to exit console.{}",
        if raw.is_active() { "\r" } else { "" }
    ));
    let options = PumpOptions {
        chunk: 1024,
        escape: Some(ESCAPE),
        ..PumpOptions::default()
    };
    let stdin = Stdin::spawn(options.chunk);
    let ended = tokio::select! {
        ended = websocket::pump(socket, stdin, tokio::io::stdout(), &options) => ended,
        _ = terminal::terminated() => Ended::LocalEof,
    };
    raw.finish(|line| ctx.out.note(line));
    match ended {
        Ended::Dropped => {
            ctx.out.note(DISCONNECTED);
            Err(Error::Other(websocket::ABNORMAL_CLOSURE.to_string()))
        }
        other => other.into_result().map_err(Error::Other),
    }
}

const DISCONNECTED: &str = "\nYou were disconnected from the console. This has one of the following reasons:
 - the virtual machine was powered off
 - another user connected to the console of the target vm
 - network issues";

/// Dials the console, retrying every second on 400 (the VMI is not running yet) until the
/// timeout (minutes; 0 = one attempt, negative = no limit).
async fn connect(api: &Api, endpoint: &Endpoint, timeout_minutes: i64) -> Result<websocket::Socket> {
    if timeout_minutes == 0 {
        return websocket::dial(api, endpoint).await;
    }
    let timeout = match u64::try_from(timeout_minutes) {
        Ok(minutes) => Duration::from_secs(minutes * 60),
        Err(_) => NO_LIMIT,
    };
    let connected = Cell::new(None);
    let in_time = wait::poll(timeout, RETRY, || async {
        match websocket::dial(api, endpoint).await {
            Ok(socket) => {
                connected.set(Some(socket));
                Ok(true)
            }
            Err(e) if e.api().is_some_and(|a| a.code == 400) => Ok(false),
            Err(e) => Err(e),
        }
    })
    .await?;
    match connected.into_inner() {
        Some(socket) if in_time => Ok(socket),
        _ => Err(Error::Timeout(
            "timeout trying to connect to the virtual machine instance".into(),
        )),
    }
}
