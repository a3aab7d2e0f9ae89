//! A local TCP listener bridged to one subresource websocket, for a local client that cannot
//! speak websockets itself (a VNC viewer, `usbredirect`): listen, launch the client pointed at
//! the listener, accept its one connection and pump bytes both ways. `vnc` and `usbredir` both
//! run on it and word their own messages from [`BridgeEnd`]. Also finds such clients on `PATH`.

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::process::{Child, Command};

use crate::cluster::websocket::{self, Ended, PumpOptions, Socket};

/// The first `program` found in a `PATH` directory (`program.exe` on Windows, as Go's
/// `exec.LookPath`).
pub fn find_on_path(program: &str) -> Option<PathBuf> {
    find_in(&std::env::var_os("PATH")?, program, cfg!(windows))
}

/// [`find_on_path`] with the `PATH` value and the platform given, so both are tested anywhere.
pub fn find_in(path: &std::ffi::OsStr, program: &str, windows: bool) -> Option<PathBuf> {
    let file = if windows {
        format!("{program}.exe")
    } else {
        program.to_string()
    };
    std::env::split_paths(path)
        .map(|dir| dir.join(&file))
        .find(|candidate| candidate.is_file())
}

/// How a bridged session ended.
#[derive(Debug)]
pub enum BridgeEnd {
    /// no client connected: the accept failed or timed out (`i/o timeout`, as Go words it)
    AcceptFailed(std::io::Error),
    /// a client connected and the session ran until this
    Session(Ended),
    /// the launched client exited first
    ClientExited(std::io::Result<ExitStatus>),
}

/// The listener and, once launched, the client connecting to it (killed when the bridge is
/// dropped, so an interrupted command leaves no viewer behind).
pub struct LocalBridge {
    listener: TcpListener,
    client: Option<Child>,
}

impl LocalBridge {
    pub async fn listen(address: SocketAddr) -> std::io::Result<LocalBridge> {
        Ok(LocalBridge {
            listener: TcpListener::bind(address).await?,
            client: None,
        })
    }

    /// Where the client connects (the port is the chosen one when 0 was asked for).
    pub fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Starts the client with stdin closed: the terminal stays the command's.
    pub fn launch(&mut self, program: &Path, args: &[String]) -> std::io::Result<()> {
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        self.client = Some(child);
        Ok(())
    }

    /// Accepts one connection (giving up after `accept_timeout`, when set), awaits `on_connect`
    /// (say, a warning for the user), then pumps until the session ends or the client exits.
    pub async fn serve(
        self,
        socket: Socket,
        accept_timeout: Option<Duration>,
        on_connect: impl Future<Output = ()>,
    ) -> BridgeEnd {
        let LocalBridge { listener, mut client } = self;
        let session = async {
            let stream = match accept(&listener, accept_timeout).await {
                Ok(stream) => stream,
                Err(e) => return BridgeEnd::AcceptFailed(e),
            };
            let _ = stream.set_nodelay(true);
            on_connect.await;
            let (read, write) = stream.into_split();
            // Upstream's usbredir sends no keep-alive; the pump's pings keep an idle device (or
            // display) connected through load balancers that cut silent connections.
            BridgeEnd::Session(websocket::pump(socket, read, write, &PumpOptions::default()).await)
        };
        let client_exit = async {
            match client.as_mut() {
                Some(child) => BridgeEnd::ClientExited(child.wait().await),
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            end = session => end,
            end = client_exit => end,
        }
    }
}

async fn accept(listener: &TcpListener, timeout: Option<Duration>) -> std::io::Result<tokio::net::TcpStream> {
    let accepted = match timeout {
        None => listener.accept().await,
        Some(limit) => tokio::time::timeout(limit, listener.accept())
            .await
            .unwrap_or_else(|_| Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "i/o timeout"))),
    };
    accepted.map(|(stream, _)| stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_are_found_as_each_platform_names_them() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        std::fs::write(first.path().join("remote-viewer.exe"), "").unwrap();
        std::fs::write(second.path().join("remote-viewer"), "").unwrap();
        std::fs::create_dir(first.path().join("vncviewer")).unwrap();
        let path = std::env::join_paths([first.path(), second.path()]).unwrap();
        assert_eq!(
            find_in(&path, "remote-viewer", true),
            Some(first.path().join("remote-viewer.exe"))
        );
        assert_eq!(
            find_in(&path, "remote-viewer", false),
            Some(second.path().join("remote-viewer"))
        );
        // A directory of that name is not the program.
        assert_eq!(find_in(&path, "vncviewer", false), None);
        assert_eq!(find_in(&path, "vncviewer", true), None);
    }

    #[tokio::test]
    async fn an_accept_timeout_reads_like_go() {
        let bridge = LocalBridge::listen("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let err = accept(&bridge.listener, Some(Duration::from_millis(10)))
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "i/o timeout");
    }
}
