//! `virtctl console VMI`: the serial console over virt-api's websocket, with the terminal in raw
//! mode (always restored), `Ctrl+]` to leave, and retries while the VMI is still starting.

use std::time::{Duration, Instant};

use clap::Args;

use crate::cluster::websocket::{self, Ended, Endpoint, PumpOptions};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::terminal::{self, RawMode, Stdin};

/// Ctrl+] (also Ctrl+5 on most terminals).
pub const ESCAPE: u8 = 0x1d;

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
    let was_raw = raw.is_active();
    if let Err(e) = raw.restore() {
        ctx.out.note(format!("failed to restore terminal: {e}"));
    }
    if was_raw {
        ctx.out.note("");
    }
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
/// timeout (minutes; 0 = one attempt).
async fn connect(
    api: &crate::cluster::api::Api,
    endpoint: &Endpoint,
    timeout_minutes: i64,
) -> Result<websocket::Socket> {
    if timeout_minutes == 0 {
        return websocket::dial(api, endpoint).await;
    }
    let deadline = (timeout_minutes > 0).then(|| Instant::now() + Duration::from_secs(timeout_minutes as u64 * 60));
    loop {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(Error::Timeout(
                "timeout trying to connect to the virtual machine instance".into(),
            ));
        }
        match websocket::dial(api, endpoint).await {
            Ok(socket) => return Ok(socket),
            Err(e) if e.api().is_some_and(|a| a.code == 400) => {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => return Err(e),
        }
    }
}
