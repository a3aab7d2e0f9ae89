//! `virtctl vnc VMI`: a local TCP proxy to the VMI's VNC websocket, with a viewer launched (or
//! `--proxy-only` printing the port), and `virtctl vnc screenshot VMI -f FILE`.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand};
use tokio::net::TcpListener;

use crate::cluster::api::{Api, Request};
use crate::cluster::kubevirt::{VMIS, Vmi, subresource_path};
use crate::cluster::websocket::{self, Endpoint, PumpOptions};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::flags::parse_go_bool;
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

pub async fn run(args: VncArgs, ctx: &Ctx) -> Result<()> {
    if let Some(VncCommand::Screenshot(shot)) = args.command {
        return screenshot(shot, ctx).await;
    }
    let name = args.args.exactly(1)?[0].clone();
    // Upstream only honours --address for the proxy-only mode.
    let address = if args.proxy_only {
        args.address.clone()
    } else {
        "127.0.0.1".into()
    };
    let ip: IpAddr = address
        .parse()
        .map_err(|_| Error::Usage(format!("can't listen on {address}: invalid IP address")))?;
    let viewer = if args.proxy_only {
        None
    } else {
        Some(find_viewer(
            &args.vnc_type,
            &args.vnc_path,
            std::env::consts::OS,
            ctx.global.verbosity,
        )?)
    };
    let cluster = ctx.cluster().await?;
    let endpoint = Endpoint::vnc(&cluster.namespace, &name, args.preserve_session);
    let socket = websocket::dial(&cluster.api, &endpoint)
        .await
        .map_err(|e| e.context(format!("can't access VMI {name}"), ": "))?;
    let listener = TcpListener::bind(SocketAddr::new(ip, args.port))
        .await
        .map_err(|e| Error::Io(format!("can't listen on {ip}:{}: {e}", args.port)))?;
    let port = listener.local_addr()?.port();

    let mut child = None;
    match &viewer {
        None => ctx.out.line(format!("{{\"port\":{port}}}"))?,
        Some(viewer) => {
            let argv = viewer.args(port);
            child = Some(
                tokio::process::Command::new(&viewer.program)
                    .args(&argv)
                    .stdin(std::process::Stdio::null())
                    .kill_on_drop(true)
                    .spawn()
                    .map_err(|e| {
                        Error::Other(format!(
                            "error encountered: cannot start {}: {e}",
                            viewer.program.display()
                        ))
                    })?,
            );
        }
    }
    let accept = async {
        let accepted = if args.proxy_only {
            listener.accept().await
        } else {
            tokio::time::timeout(Duration::from_secs(60), listener.accept())
                .await
                .unwrap_or_else(|_| Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "i/o timeout")))
        };
        accepted.map_err(|e| Error::Other(format!("error encountered: {e}")))
    };
    let viewer_exit = async {
        match child.as_mut() {
            Some(c) => {
                let _ = c.wait().await;
            }
            None => std::future::pending::<()>().await,
        }
    };
    let session = async {
        let (stream, _) = accept.await?;
        let _ = stream.set_nodelay(true);
        warn_if_paused(&cluster.api, &cluster.namespace, &name, ctx).await;
        let (read, write) = stream.into_split();
        let ended = websocket::pump(socket, read, write, &PumpOptions::default()).await;
        ended
            .into_result()
            .map_err(|e| Error::Other(format!("error encountered: {e}")))
    };
    tokio::select! {
        result = session => result,
        _ = viewer_exit => Ok(()),
        _ = terminal::terminated() => Ok(()),
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

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        let candidate = dir.join(program);
        if candidate.is_file() {
            return Some(candidate);
        }
        let exe = dir.join(format!("{program}.exe"));
        exe.is_file().then_some(exe)
    })
}

const TIGER_MAC: &str = "/Applications/TigerVNC.app/Contents/MacOS/vncviewer";
const CHICKEN_MAC: &str = "/Applications/Chicken.app/Contents/MacOS/Chicken";
const REAL_MAC: &str = "/Applications/VNC Viewer.app/Contents/MacOS/vncviewer";

/// Upstream's viewer choice for `os` (`std::env::consts::OS` values).
pub fn find_viewer(vnc_type: &str, vnc_path: &str, os: &str, verbosity: i32) -> Result<Viewer> {
    let verbose = verbosity >= 4;
    let viewer = |kind, program: PathBuf| Viewer { kind, program, verbose };
    if !vnc_type.is_empty() {
        let allowed: &[&str] = match os {
            "macos" => &["tiger", "chicken", "real", "remote-viewer"],
            "linux" | "windows" => &["tiger", "remote-viewer"],
            _ => &[],
        };
        let kind: &'static str = match vnc_type {
            "tiger" => "tiger",
            "chicken" => "chicken",
            "real" => "real",
            "remote-viewer" => "remote-viewer",
            other => {
                return Err(Error::Usage(format!(
                    "error encountered: unsupported vnc-type {other:?}"
                )));
            }
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
            return Ok(viewer(kind, PathBuf::from(vnc_path)));
        }
        let program = match kind {
            "tiger" => on_path("vncviewer"),
            "remote-viewer" => on_path("remote-viewer"),
            "chicken" => Some(PathBuf::from(CHICKEN_MAC)),
            _ => Some(PathBuf::from(REAL_MAC)),
        };
        return program
            .map(|p| viewer(kind, p))
            .ok_or_else(|| Error::Other(format!("error encountered: {kind} viewer not found in PATH")));
    }
    match os {
        "macos" => {
            if Path::new(TIGER_MAC).exists() {
                return Ok(viewer("tiger", TIGER_MAC.into()));
            }
            let mut tiger_apps: Vec<PathBuf> = std::fs::read_dir("/Applications")
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
            tiger_apps.sort();
            if let Some(last) = tiger_apps.pop() {
                return Ok(viewer("tiger", last));
            }
            if Path::new(CHICKEN_MAC).exists() {
                return Ok(viewer("chicken", CHICKEN_MAC.into()));
            }
            if Path::new(REAL_MAC).exists() {
                return Ok(viewer("real", REAL_MAC.into()));
            }
            on_path("remote-viewer")
                .map(|p| viewer("remote-viewer", p))
                .ok_or_else(|| Error::Other("error encountered: no supported VNC app found".into()))
        }
        "linux" | "windows" => on_path("remote-viewer")
            .map(|p| viewer("remote-viewer", p))
            .or_else(|| on_path("vncviewer").map(|p| viewer("tiger", p)))
            .ok_or_else(|| {
                Error::Other(
                    "error encountered: could not find the remote-viewer or vncviewer (TigerVNC) binary in $PATH; install one, or use --proxy-only and a viewer of your choice"
                        .into(),
                )
            }),
        other => Err(Error::Other(format!("error encountered: VNC is not supported on {other}"))),
    }
}

async fn screenshot(args: ScreenshotArgs, ctx: &Ctx) -> Result<()> {
    let name = args.args.exactly(1)?[0].clone();
    if args.file.is_empty() {
        return Err(Error::Usage("required flag(s) \"file\" not set".into()));
    }
    let cluster = ctx.cluster().await?;
    let request = Request::get(subresource_path(VMIS, &cluster.namespace, &name, "vnc/screenshot"))
        .query("moveCursor", if args.move_cursor { "true" } else { "false" })
        .resource(VMIS, &name)
        .raw_errors();
    let png = cluster
        .api
        .send(request)
        .await
        .map_err(|e| e.context(format!("can't access VMI {name}"), ": "))?
        .body;
    if args.file == "-" {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&png)?;
        stdout.flush()?;
        return Ok(());
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
}
