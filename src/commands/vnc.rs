//! `virtctl vnc VMI`: a local TCP proxy to the VMI's VNC websocket, with a viewer launched (or
//! `--proxy-only` printing the port), and `virtctl vnc screenshot VMI -f FILE`.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::cluster::api::Api;
use crate::cluster::kubevirt::Vmi;
use crate::cluster::local_bridge::{BridgeEnd, LocalBridge, find_on_path};
use crate::cluster::websocket::{self, Endpoint};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;
use crate::terminal;

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl vnc (VMI) [flags]",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  # Connect to 'testvmi' via remote-viewer:\n  virtctl vnc testvmi\n\n  # Start a local proxy for 'testvmi' on a random port and print it, for another viewer:\n  virtctl vnc testvmi --proxy-only\n\n  # Take a screenshot of 'testvmi':\n  virtctl vnc screenshot testvmi -f screen.png"
)]
pub struct VncArgs {
    #[command(subcommand)]
    pub command: Option<VncCommand>,
    #[command(flatten)]
    pub args: Positionals,
    /// --address=127.0.0.1: Setting this will change the listening address of the VNC server. Example: --address=0.0.0.0 will make the server listen on all interfaces.
    #[arg(long, default_value = "127.0.0.1", value_name = "string")]
    pub address: String,
    /// --port=0: Assigning a port value to this will try to run the proxy on the given port if the port is accessible; If unassigned, the proxy will run on a random port
    #[arg(long, default_value_t = 0, value_name = "int")]
    pub port: u16,
    /// --proxy-only=false: Setting this true will run only the virtctl vnc proxy and show the port where VNC viewers can connect
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub proxy_only: bool,
    /// --preserve-session=false: Setting this to true will not disconnect an existing VNC session; the connection is refused instead
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub preserve_session: bool,
    /// --vnc-type="": Viewer to launch: tiger, chicken, real or remote-viewer (default: detect)
    #[arg(long, default_value = "", value_name = "string")]
    pub vnc_type: String,
    /// --vnc-path="": Path of the viewer binary (with --vnc-type)
    #[arg(long, default_value = "", value_name = "string")]
    pub vnc_path: String,
}

#[derive(Subcommand, Debug)]
pub enum VncCommand {
    /// Create a screenshot of the VirtualMachineInstance's display.
    Screenshot(ScreenshotArgs),
}

#[derive(Args, Debug)]
#[command(override_usage = "virtctl vnc screenshot (VMI) [flags]")]
pub struct ScreenshotArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// File where the screenshot will be stored (PNG; - for standard output)
    #[arg(short = 'f', long, value_name = "string", default_value = "")]
    pub file: String,
    /// Move the cursor to wake up a screensaver before taking the screenshot
    #[arg(short = 'm', long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub move_cursor: bool,
}

/// How long a launched viewer may take to connect before the command gives up, as upstream.
const VIEWER_CONNECT_TIMEOUT: Duration = Duration::from_secs(60);

pub async fn run(args: VncArgs, ctx: &Ctx) -> Result<()> {
    if let Some(VncCommand::Screenshot(shot)) = args.command {
        return screenshot(shot, ctx).await;
    }
    let name = args.args.exactly(1)?[0].clone();
    let ip = listen_ip(&args)?;
    let viewer = if args.proxy_only {
        None
    } else {
        Some(find_viewer(
            &args.vnc_type,
            &args.vnc_path,
            std::env::consts::OS,
            ctx.verbosity,
        )?)
    };
    let cluster = ctx.cluster().await?;
    let endpoint = Endpoint::vnc(&cluster.namespace, &name, args.preserve_session);
    let socket = websocket::dial(&cluster.api, &endpoint)
        .await
        .map_err(|e| e.context(format!("can't access VMI {name}"), ": "))?;
    let mut bridge = LocalBridge::listen(SocketAddr::new(ip, args.port))
        .await
        .map_err(|e| Error::Io(format!("can't listen on {ip}:{}: {e}", args.port)))?;
    let port = bridge.address()?.port();
    match &viewer {
        None => ctx.out.line(format!("{{\"port\":{port}}}"))?,
        Some(viewer) => bridge.launch(&viewer.program, &viewer.args(port)).map_err(|e| {
            Error::Other(format!(
                "error encountered: cannot start {}: {e}",
                viewer.program.display()
            ))
        })?,
    }
    // A proxy waits for whichever viewer the user starts; a launched viewer connects at once.
    let accept_timeout = viewer.is_some().then_some(VIEWER_CONNECT_TIMEOUT);
    let connected = warn_if_paused(&cluster.api, &cluster.namespace, &name, ctx);
    tokio::select! {
        end = bridge.serve(socket, accept_timeout, connected) => outcome(end),
        _ = terminal::terminated() => Ok(()),
    }
}

/// The address to listen on: upstream only honours --address for the proxy-only mode.
fn listen_ip(args: &VncArgs) -> Result<IpAddr> {
    let address = if args.proxy_only {
        args.address.as_str()
    } else {
        "127.0.0.1"
    };
    address
        .parse()
        .map_err(|_| Error::Usage(format!("can't listen on {address}: invalid IP address")))
}

/// The command's result: closing the viewer ends the command cleanly.
fn outcome(end: BridgeEnd) -> Result<()> {
    match end {
        BridgeEnd::ClientExited(_) => Ok(()),
        BridgeEnd::AcceptFailed(e) => Err(Error::Other(format!("error encountered: {e}"))),
        BridgeEnd::Session(ended) => ended
            .into_result()
            .map_err(|e| Error::Other(format!("error encountered: {e}"))),
    }
}

async fn warn_if_paused(api: &Api, namespace: &str, name: &str, ctx: &Ctx) {
    if let Ok(vmi) = Vmi::new(api, namespace, name).get().await {
        let paused = vmi
            .pointer("/status/conditions")
            .and_then(|c| c.as_array())
            .is_some_and(|cs| cs.iter().any(|c| c["type"] == "Paused" && c["status"] == "True"));
        if paused {
            ctx.out.note(format!(
                "Warning: VMI {name} is paused; the display becomes active once it is unpaused"
            ));
        }
    }
}

/// A VNC viewer to launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub kind: &'static str,
    pub program: PathBuf,
    pub verbose: bool,
}

impl Viewer {
    fn new(kind: &'static str, program: PathBuf, verbose: bool) -> Viewer {
        Viewer { kind, program, verbose }
    }

    /// The arguments upstream passes each viewer.
    pub fn args(&self, port: u16) -> Vec<String> {
        let target = format!("127.0.0.1:{port}");
        let mut args = match self.kind {
            "remote-viewer" => vec![format!("vnc://{target}")],
            "real" => vec![
                target,
                "-WarnUnencrypted=0".into(),
                "-Shared=0".into(),
                "-ShareFiles=0".into(),
            ],
            _ => vec![target],
        };
        if self.verbose {
            match self.kind {
                "tiger" => args.push("Log=*:stderr:100".into()),
                "real" => args.push("-log=*:stderr:100".into()),
                "remote-viewer" => args.push("--debug".into()),
                _ => {}
            }
        }
        args
    }
}

const TIGER_MAC: &str = "/Applications/TigerVNC.app/Contents/MacOS/vncviewer";
const CHICKEN_MAC: &str = "/Applications/Chicken.app/Contents/MacOS/Chicken";
const REAL_MAC: &str = "/Applications/VNC Viewer.app/Contents/MacOS/vncviewer";

/// Upstream's viewer choice for `os` (`std::env::consts::OS` values): the one `--vnc-type`
/// (and `--vnc-path`) name, else the first installed one in upstream's order of preference.
pub fn find_viewer(vnc_type: &str, vnc_path: &str, os: &str, verbosity: i32) -> Result<Viewer> {
    let verbose = verbosity >= 4;
    if !vnc_type.is_empty() {
        return named_viewer(vnc_type, vnc_path, os, verbose);
    }
    match os {
        "macos" => installed_mac_viewer(verbose),
        "linux" | "windows" => find_on_path("remote-viewer")
            .map(|p| Viewer::new("remote-viewer", p, verbose))
            .or_else(|| find_on_path("vncviewer").map(|p| Viewer::new("tiger", p, verbose)))
            .ok_or_else(|| {
                Error::Other(
                    "error encountered: could not find the remote-viewer or vncviewer (TigerVNC) binary in $PATH; install one, or use --proxy-only and a viewer of your choice"
                        .into(),
                )
            }),
        other => Err(Error::Other(format!("error encountered: VNC is not supported on {other}"))),
    }
}

/// `--vnc-type` (checked against what upstream supports on `os`), at `--vnc-path` when given.
fn named_viewer(vnc_type: &str, vnc_path: &str, os: &str, verbose: bool) -> Result<Viewer> {
    let kind = viewer_kind(vnc_type)?;
    let allowed: &[&str] = match os {
        "macos" => &["tiger", "chicken", "real", "remote-viewer"],
        "linux" | "windows" => &["tiger", "remote-viewer"],
        _ => &[],
    };
    if !allowed.contains(&kind) {
        return Err(Error::Usage(format!(
            "error encountered: unsupported vnc-type {kind:?} for {os}"
        )));
    }
    if !vnc_path.is_empty() {
        if !Path::new(vnc_path).exists() {
            return Err(Error::Usage(format!(
                "error encountered: specified VNC path does not exist: {vnc_path}"
            )));
        }
        return Ok(Viewer::new(kind, PathBuf::from(vnc_path), verbose));
    }
    let program = match kind {
        "tiger" => find_on_path("vncviewer"),
        "remote-viewer" => find_on_path("remote-viewer"),
        "chicken" => Some(PathBuf::from(CHICKEN_MAC)),
        _ => Some(PathBuf::from(REAL_MAC)),
    };
    program
        .map(|p| Viewer::new(kind, p, verbose))
        .ok_or_else(|| Error::Other(format!("error encountered: {kind} viewer not found in PATH")))
}

fn viewer_kind(vnc_type: &str) -> Result<&'static str> {
    match vnc_type {
        "tiger" => Ok("tiger"),
        "chicken" => Ok("chicken"),
        "real" => Ok("real"),
        "remote-viewer" => Ok("remote-viewer"),
        other => Err(Error::Usage(format!(
            "error encountered: unsupported vnc-type {other:?}"
        ))),
    }
}

/// macOS: TigerVNC (the classic app, else the newest versioned one), Chicken, RealVNC, then
/// remote-viewer on PATH.
fn installed_mac_viewer(verbose: bool) -> Result<Viewer> {
    if Path::new(TIGER_MAC).exists() {
        return Ok(Viewer::new("tiger", TIGER_MAC.into(), verbose));
    }
    if let Some(newest) = newest_versioned_tiger_app() {
        return Ok(Viewer::new("tiger", newest, verbose));
    }
    if Path::new(CHICKEN_MAC).exists() {
        return Ok(Viewer::new("chicken", CHICKEN_MAC.into(), verbose));
    }
    if Path::new(REAL_MAC).exists() {
        return Ok(Viewer::new("real", REAL_MAC.into(), verbose));
    }
    find_on_path("remote-viewer")
        .map(|p| Viewer::new("remote-viewer", p, verbose))
        .ok_or_else(|| Error::Other("error encountered: no supported VNC app found".into()))
}

/// The last (by name) `/Applications/TigerVNC Viewer X.Y.app` that holds its binary.
fn newest_versioned_tiger_app() -> Option<PathBuf> {
    let mut apps: Vec<PathBuf> = std::fs::read_dir("/Applications")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("TigerVNC Viewer ") && n.ends_with(".app"))
        })
        .map(|p| p.join("Contents/MacOS/TigerVNC Viewer"))
        .filter(|p| p.exists())
        .collect();
    apps.sort();
    apps.pop()
}

async fn screenshot(args: ScreenshotArgs, ctx: &Ctx) -> Result<()> {
    let name = args.args.exactly(1)?[0].clone();
    if args.file.is_empty() {
        return Err(Error::Usage("required flag(s) \"file\" not set".into()));
    }
    let cluster = ctx.cluster().await?;
    let png = Vmi::new(&cluster.api, &cluster.namespace, &name)
        .screenshot(args.move_cursor)
        .await
        .map_err(|e| e.context(format!("can't access VMI {name}"), ": "))?;
    if args.file == "-" {
        return ctx.out.bytes(&png);
    }
    std::fs::write(&args.file, &png).map_err(|e| Error::Io(format!("open {}: {e}", args.file)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewer_arguments_follow_upstream() {
        let v = Viewer {
            kind: "remote-viewer",
            program: "remote-viewer".into(),
            verbose: true,
        };
        assert_eq!(v.args(5900), ["vnc://127.0.0.1:5900", "--debug"]);
        let v = Viewer {
            kind: "real",
            program: REAL_MAC.into(),
            verbose: false,
        };
        assert_eq!(
            v.args(1),
            ["127.0.0.1:1", "-WarnUnencrypted=0", "-Shared=0", "-ShareFiles=0"]
        );
        let v = Viewer {
            kind: "tiger",
            program: "vncviewer".into(),
            verbose: true,
        };
        assert_eq!(v.args(2), ["127.0.0.1:2", "Log=*:stderr:100"]);
    }

    #[test]
    fn viewer_types_per_os() {
        assert!(
            find_viewer("chicken", "", "linux", 2)
                .unwrap_err()
                .to_string()
                .contains("for linux")
        );
        assert!(
            find_viewer("bogus", "", "linux", 2)
                .unwrap_err()
                .to_string()
                .contains("unsupported vnc-type")
        );
        assert!(
            find_viewer("tiger", "/nonexistent/viewer", "linux", 2)
                .unwrap_err()
                .to_string()
                .contains("does not exist")
        );
        assert!(
            find_viewer("", "", "plan9", 2)
                .unwrap_err()
                .to_string()
                .contains("not supported")
        );
        let v = find_viewer("chicken", "", "macos", 2).unwrap();
        assert_eq!(v.program, PathBuf::from(CHICKEN_MAC));
    }

    #[test]
    fn windows_and_macos_offer_upstreams_viewers() {
        // Windows has TigerVNC and remote-viewer only, as upstream.
        for kind in ["chicken", "real"] {
            let err = find_viewer(kind, "", "windows", 2).unwrap_err().to_string();
            assert!(
                err.contains(&format!("unsupported vnc-type \"{kind}\" for windows")),
                "{err}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let viewer = dir.path().join("vncviewer.exe");
        std::fs::write(&viewer, "").unwrap();
        let v = find_viewer("tiger", viewer.to_str().unwrap(), "windows", 4).unwrap();
        assert_eq!(
            (v.kind, v.program.as_path(), v.verbose),
            ("tiger", viewer.as_path(), true)
        );
        assert_eq!(v.args(5900), ["127.0.0.1:5900", "Log=*:stderr:100"]);
        // macOS: the app bundles' fixed paths.
        let v = find_viewer("real", "", "macos", 2).unwrap();
        assert_eq!(v.program, PathBuf::from(REAL_MAC));
        assert_eq!(
            v.args(1),
            ["127.0.0.1:1", "-WarnUnencrypted=0", "-Shared=0", "-ShareFiles=0"]
        );
    }
}
