//! The guest's terminal sessions behind its SSH server: after a `pty-req`, a `shell` or `exec`
//! runs `sh` on a real pseudo-terminal (rustix `openpt`) in the sandbox directory, with the
//! requested `TERM` and size, so what a client sees (echo, line editing, `stty size`, Ctrl+C) is
//! what a real guest's sshd gives. `window-change` resizes the terminal; the shell's exit ends
//! the channel with its exit status; the shell is killed when the channel or connection goes.

use std::io;
use std::os::fd::OwnedFd;
use std::path::Path;
use std::pin::Pin;
use std::process::Stdio;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use russh::ChannelId;
use russh::server::Handle;
use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;
use rustix::termios::Winsize;
use tokio::io::unix::AsyncFd;
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::oneshot;

/// What the client asked for in `pty-req`.
#[derive(Debug, Clone)]
pub struct PtyRequest {
    pub term: String,
    pub cols: u32,
    pub rows: u32,
}

/// A shell on a new pseudo-terminal: the master side (non-blocking). Used by the guest's SSH
/// server here and by the pod `attach` subresource (`attach.rs`).
#[derive(Clone)]
pub struct Pty {
    master: Arc<AsyncFd<OwnedFd>>,
}

impl Pty {
    /// Starts `sh -i` (or `sh -c COMMAND`) in `cwd` with `env` on a new pseudo-terminal of
    /// `cols`x`rows` as the session leader; the child is killed when dropped.
    pub fn spawn(
        cols: u32,
        rows: u32,
        command: Option<&str>,
        cwd: &Path,
        env: &[(&str, String)],
    ) -> io::Result<(Pty, tokio::process::Child)> {
        let (master, slave) = open(cols, rows)?;
        let mut sh = tokio::process::Command::new("sh");
        match command {
            Some(command) => sh.arg("-c").arg(command),
            None => sh.arg("-i"),
        };
        sh.current_dir(cwd)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave))
            .kill_on_drop(true);
        // SAFETY: setsid and ioctl are async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            sh.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                Ok(())
            });
        }
        let child = sh.spawn()?;
        // `sh` dropped here: the child holds the only slave descriptors, so the master reads EOF
        // (EIO) once the shell and everything it started are gone.
        drop(sh);
        // SAFETY: the OwnedFd is moved in, so it stays open and the same for the AsyncFd's life.
        let master = Arc::new(unsafe { AsyncFd::register(master) }?);
        Ok((Pty { master }, child))
    }

    /// The terminal's output, until no slave is left open.
    pub fn reader(&self) -> impl AsyncRead + Send + Unpin + 'static {
        Reader(self.master.clone())
    }

    /// Resizes the terminal: the shell gets SIGWINCH from the kernel, as on a real terminal.
    pub fn resize(&self, cols: u32, rows: u32) -> io::Result<()> {
        rustix::termios::tcsetwinsize(self.master.get_ref(), winsize(cols, rows))?;
        Ok(())
    }

    /// Types `data` into the terminal.
    pub async fn write_all(&self, mut data: &[u8]) -> io::Result<()> {
        while !data.is_empty() {
            let mut ready = self.master.writable().await?;
            match ready.try_io(|fd| Ok(rustix::io::write(fd.get_ref(), data)?)) {
                Ok(written) => data = &data[written?..],
                Err(_would_block) => continue,
            }
        }
        Ok(())
    }
}

/// A running shell on a pseudo-terminal behind an SSH channel, and the switch that kills the
/// shell when this is dropped.
pub struct Terminal {
    pty: Pty,
    _kill_on_drop: oneshot::Sender<()>,
}

impl Terminal {
    /// Starts `sh -i` (or `sh -c COMMAND`) as `user` (its environment and the prompt
    /// `[user@guest]$ `) on a new pseudo-terminal and copies its output to the channel until it
    /// exits; then sends the exit status and closes the channel.
    pub fn start(
        request: &PtyRequest,
        command: Option<&str>,
        cwd: &Path,
        user: &str,
        handle: Handle,
        channel: ChannelId,
    ) -> io::Result<Terminal> {
        let env = [
            ("TERM", request.term.clone()),
            ("USER", user.to_string()),
            ("LOGNAME", user.to_string()),
            ("PS1", format!("[{user}@guest]$ ")),
        ];
        let (pty, mut child) = Pty::spawn(request.cols, request.rows, command, cwd, &env)?;
        let (kill, killed) = oneshot::channel();
        let output = pty.reader();
        tokio::spawn(async move {
            let run = async {
                crate::guest_services::forward(handle.clone(), channel, Some(output), None).await;
                child.wait().await.ok().and_then(|s| s.code()).unwrap_or(255)
            };
            tokio::select! {
                code = run => {
                    let _ = handle.exit_status_request(channel, code as u32).await;
                    let _ = handle.eof(channel).await;
                    let _ = handle.close(channel).await;
                }
                _ = killed => {}
            }
        });
        Ok(Terminal {
            pty,
            _kill_on_drop: kill,
        })
    }

    /// `window-change`: the shell gets SIGWINCH from the kernel, as on a real terminal.
    pub fn resize(&self, cols: u32, rows: u32) -> io::Result<()> {
        self.pty.resize(cols, rows)
    }

    /// Types `data` into the terminal.
    pub async fn write_all(&self, data: &[u8]) -> io::Result<()> {
        self.pty.write_all(data).await
    }
}

fn winsize(cols: u32, rows: u32) -> Winsize {
    Winsize {
        ws_row: rows.min(u16::MAX as u32) as u16,
        ws_col: cols.min(u16::MAX as u32) as u16,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

/// A master (non-blocking) and slave pair, sized as requested.
fn open(cols: u32, rows: u32) -> io::Result<(OwnedFd, OwnedFd)> {
    let master = rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)?;
    rustix::pty::grantpt(&master)?;
    rustix::pty::unlockpt(&master)?;
    let name = rustix::pty::ptsname(&master, Vec::new())?;
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    rustix::termios::tcsetwinsize(&master, winsize(cols, rows))?;
    rustix::io::ioctl_fionbio(&master, true)?;
    Ok((master, slave))
}

/// The terminal's output; EIO (no slave left open) is the end of it.
struct Reader(Arc<AsyncFd<OwnedFd>>);

impl AsyncRead for Reader {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        loop {
            let mut ready = ready!(self.0.poll_read_ready(cx))?;
            let unfilled = buf.initialize_unfilled();
            match ready.try_io(|fd| Ok(rustix::io::read(fd.get_ref(), &mut *unfilled)?)) {
                Ok(Ok(n)) => {
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Ok(Err(e)) if e.raw_os_error() == Some(rustix::io::Errno::IO.raw_os_error()) => {
                    return Poll::Ready(Ok(()));
                }
                Ok(Err(e)) => return Poll::Ready(Err(e)),
                Err(_would_block) => continue,
            }
        }
    }
}
