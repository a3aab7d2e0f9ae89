//! The local terminal: raw mode that is always undone (on return, error, panic or a terminating
//! signal), and stdin read on its own thread so a blocked read never holds up the exit.

use std::io::{IsTerminal, Read};
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

/// Ctrl+] (also Ctrl+5 on most terminals): typed at the start of a read, it leaves an
/// interactive session (console, guestfs).
pub const ESCAPE: u8 = 0x1d;

/// Raw mode on stdin while alive; the previous mode comes back on drop.
pub struct RawMode {
    active: bool,
}

impl RawMode {
    /// Switches stdin to raw mode when it is a terminal; does nothing otherwise.
    pub fn enable() -> std::io::Result<RawMode> {
        if !std::io::stdin().is_terminal() {
            return Ok(RawMode { active: false });
        }
        crossterm::terminal::enable_raw_mode()?;
        install_panic_restore();
        Ok(RawMode { active: true })
    }

    pub fn is_active(&self) -> bool {
        self.active
    }

    /// Restores the terminal at the end of a session: `note` gets a failure to restore, and an
    /// empty line when the terminal was raw (the cursor may sit mid-line).
    pub fn finish(self, note: impl Fn(&str)) {
        let was_raw = self.active;
        if let Err(e) = self.restore() {
            note(&format!("failed to restore terminal: {e}"));
        }
        if was_raw {
            note("");
        }
    }

    /// Restores the terminal now, reporting failure (drop does it silently).
    pub fn restore(mut self) -> std::io::Result<()> {
        self.active = false;
        crossterm::terminal::disable_raw_mode()
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if self.active {
            let _ = crossterm::terminal::disable_raw_mode();
        }
    }
}

fn install_panic_restore() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::terminal::disable_raw_mode();
            previous(info);
        }));
    });
}

/// Resolves when the process is asked to stop (SIGINT, SIGTERM, SIGHUP; Ctrl+C on Windows), so
/// that callers can return and let [`RawMode`] restore the terminal.
pub async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut streams = Vec::new();
        for kind in [SignalKind::interrupt(), SignalKind::terminate(), SignalKind::hangup()] {
            if let Ok(s) = signal(kind) {
                streams.push(s);
            }
        }
        if streams.is_empty() {
            return std::future::pending().await;
        }
        let waits = streams.iter_mut().map(|s| Box::pin(s.recv()));
        futures_util::future::select_all(waits).await;
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The terminal's size (columns, rows), when stdout is one.
pub fn size() -> Option<(u16, u16)> {
    crossterm::terminal::size().ok()
}

/// The terminal's size now and after every change (SIGWINCH), while the receiver lives; nothing
/// when stdout is not a terminal.
pub fn size_changes() -> mpsc::Receiver<(u16, u16)> {
    let (tx, rx) = mpsc::channel(4);
    if !std::io::stdout().is_terminal() {
        return rx;
    }
    tokio::spawn(async move {
        #[cfg(unix)]
        let mut changes = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::window_change()).ok();
        loop {
            if let Some(now) = size()
                && tx.send(now).await.is_err()
            {
                return;
            }
            #[cfg(unix)]
            match changes.as_mut() {
                Some(changes) => {
                    if changes.recv().await.is_none() {
                        return;
                    }
                }
                None => return,
            }
            #[cfg(not(unix))]
            return;
        }
    });
    rx
}

/// Stdin as an [`AsyncRead`], read on a plain thread in chunks of at most `chunk` bytes: each
/// `read` returns one chunk as the OS delivered it (the console's escape rule depends on that).
pub struct Stdin {
    rx: mpsc::Receiver<std::io::Result<Vec<u8>>>,
    pending: Vec<u8>,
    offset: usize,
    done: bool,
}

impl Stdin {
    pub fn spawn(chunk: usize) -> Stdin {
        let (tx, rx) = mpsc::channel(4);
        std::thread::Builder::new()
            .name("stdin".into())
            .spawn(move || {
                let mut stdin = std::io::stdin().lock();
                let mut buf = vec![0u8; chunk.max(1)];
                loop {
                    match stdin.read(&mut buf) {
                        Ok(0) => {
                            let _ = tx.blocking_send(Ok(Vec::new()));
                            return;
                        }
                        Ok(n) => {
                            if tx.blocking_send(Ok(buf[..n].to_vec())).is_err() {
                                return;
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => {
                            let _ = tx.blocking_send(Err(e));
                            return;
                        }
                    }
                }
            })
            .expect("spawn the stdin thread");
        Stdin {
            rx,
            pending: Vec::new(),
            offset: 0,
            done: false,
        }
    }
}

impl AsyncRead for Stdin {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if this.offset < this.pending.len() {
            let n = (this.pending.len() - this.offset).min(buf.remaining());
            buf.put_slice(&this.pending[this.offset..this.offset + n]);
            this.offset += n;
            return Poll::Ready(Ok(()));
        }
        if this.done {
            return Poll::Ready(Ok(()));
        }
        match this.rx.poll_recv(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(None) => {
                this.done = true;
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Some(Err(e))) => {
                this.done = true;
                Poll::Ready(Err(e))
            }
            Poll::Ready(Some(Ok(data))) => {
                if data.is_empty() {
                    this.done = true;
                    return Poll::Ready(Ok(()));
                }
                let n = data.len().min(buf.remaining());
                buf.put_slice(&data[..n]);
                this.pending = data;
                this.offset = n;
                Poll::Ready(Ok(()))
            }
        }
    }
}
