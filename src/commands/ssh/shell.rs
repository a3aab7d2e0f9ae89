//! The native client's interactive session (`ssh --local-ssh=false TARGET` without `-c`): on a
//! terminal, a pty with `$TERM` and the window size (kept current on SIGWINCH), raw mode that is
//! always restored, and OpenSSH's `~` escapes; without a terminal, a plain shell fed from stdin,
//! as `ssh -T` does.

use std::collections::VecDeque;
use std::io::{IsTerminal, Write};

use russh::client::Msg;
use russh::{Channel, ChannelMsg};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::native::{Handle, RemoteEnd};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::terminal::{self, RawMode, Stdin};

/// OpenSSH's default escape character.
const ESCAPE: u8 = b'~';

const ESCAPE_HELP: &str = "~?\r\nSupported escape sequences:\r\n ~.   - terminate connection\r\n ~?   - this message\r\n ~~   - send the escape character by typing it twice\r\n(Note that escapes are only recognized immediately after newline.)\r\n";

/// Opens a shell on `handle` and runs it until it ends, the user types `~.`, or virtctl is
/// asked to stop; the terminal is back in its old mode before this returns.
pub async fn run(handle: &mut Handle, host: &str) -> Result<RemoteEnd> {
    let on_terminal = std::io::stdin().is_terminal();
    let channel = handle.channel_open_session().await.map_err(ssh_error)?;
    let mut replies = VecDeque::new();
    if on_terminal {
        let (cols, rows) = terminal::size().unwrap_or((80, 24));
        let term = std::env::var("TERM").unwrap_or_default();
        channel
            .request_pty(true, &term, cols.into(), rows.into(), 0, 0, &[])
            .await
            .map_err(ssh_error)?;
        replies.push_back(Request::Pty);
    }
    channel.request_shell(true).await.map_err(ssh_error)?;
    replies.push_back(Request::Shell);

    let raw = RawMode::enable().map_err(|e| Error::Other(format!("Make raw terminal failed: {e}")))?;
    // Declared after `raw`, so dropped first: also when the tunnel fails and this future is
    // dropped mid-session.
    let mut cut = EndLineIfCut(raw.is_active());
    let ended = converse(channel, replies, on_terminal).await;
    if matches!(ended, Ok(Ended::Remote(_) | Ended::Escape)) {
        cut.0 = false;
    }
    drop(cut);
    if let Err(e) = raw.restore() {
        Output.note(format!("failed to restore terminal: {e}"));
    }
    match ended? {
        Ended::Remote(end) => Ok(end),
        Ended::Escape => {
            Output.note(format!("Connection to {host} closed."));
            // What OpenSSH exits with after `~.` (no exit status received).
            Ok(RemoteEnd::Status(255))
        }
        Ended::Terminated => Err(Error::Other("interrupted".into())),
    }
}

/// Ends the line the remote shell left the cursor on when the session is cut short (error,
/// signal, lost tunnel), so that virtctl's message starts a line of its own.
struct EndLineIfCut(bool);

impl Drop for EndLineIfCut {
    fn drop(&mut self) {
        if self.0 {
            let _ = std::io::stderr().write_all(b"\r\n");
        }
    }
}

/// A request whose reply (success or failure) is still due, in the order sent.
#[derive(Debug, PartialEq)]
enum Request {
    Pty,
    Shell,
}

enum Ended {
    Remote(RemoteEnd),
    Escape,
    Terminated,
}

async fn converse(mut channel: Channel<Msg>, mut replies: VecDeque<Request>, on_terminal: bool) -> Result<Ended> {
    let mut stdin = Stdin::spawn(4096);
    let mut stdin_open = true;
    let mut escapes = Escapes::new(on_terminal);
    let mut resized = WindowChanges::new(on_terminal);
    let terminated = terminal::terminated();
    tokio::pin!(terminated);
    let mut stdout = tokio::io::stdout();
    let mut stderr = tokio::io::stderr();
    let mut buf = vec![0u8; 4096];
    let mut end = RemoteEnd::Unknown;
    loop {
        tokio::select! {
            read = stdin.read(&mut buf), if stdin_open => {
                let n = read?;
                if n == 0 {
                    stdin_open = false;
                    let _ = channel.eof().await;
                    continue;
                }
                let typed = escapes.filter(&buf[..n]);
                if !typed.send.is_empty() {
                    channel.data(&typed.send[..]).await.map_err(ssh_error)?;
                }
                if typed.help {
                    stderr.write_all(ESCAPE_HELP.as_bytes()).await?;
                    stderr.flush().await?;
                }
                if typed.disconnect {
                    // OpenSSH's echo of the escape, so the closing note starts on its own line.
                    stderr.write_all(b"~.\r\n").await?;
                    stderr.flush().await?;
                    return Ok(Ended::Escape);
                }
            }
            Some((cols, rows)) = resized.next() => {
                channel.window_change(cols.into(), rows.into(), 0, 0).await.map_err(ssh_error)?;
            }
            msg = channel.wait() => match msg {
                None => return Ok(Ended::Remote(end)),
                Some(ChannelMsg::Data { data }) => {
                    stdout.write_all(&data).await?;
                    stdout.flush().await?;
                }
                Some(ChannelMsg::ExtendedData { data, .. }) => {
                    stderr.write_all(&data).await?;
                    stderr.flush().await?;
                }
                Some(ChannelMsg::ExitStatus { exit_status }) => end = RemoteEnd::Status(exit_status),
                Some(ChannelMsg::ExitSignal { signal_name, .. }) => end = RemoteEnd::Signal(format!("{signal_name:?}")),
                Some(ChannelMsg::Success) => {
                    replies.pop_front();
                }
                Some(ChannelMsg::Failure) => match replies.pop_front() {
                    Some(Request::Pty) => Output.note("PTY allocation request failed"),
                    _ => return Err(Error::Other("ssh: the server refused to start a shell".into())),
                },
                Some(_) => {}
            },
            _ = &mut terminated => return Ok(Ended::Terminated),
        }
    }
}

fn ssh_error(e: russh::Error) -> Error {
    Error::Other(format!("ssh: {e}"))
}

/// The terminal's new size after each SIGWINCH; never yields when there is no terminal.
struct WindowChanges {
    #[cfg(unix)]
    signal: Option<tokio::signal::unix::Signal>,
}

impl WindowChanges {
    fn new(on_terminal: bool) -> WindowChanges {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            WindowChanges {
                signal: on_terminal.then(|| signal(SignalKind::window_change()).ok()).flatten(),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = on_terminal;
            WindowChanges {}
        }
    }

    async fn next(&mut self) -> Option<(u16, u16)> {
        #[cfg(unix)]
        if let Some(signal) = &mut self.signal {
            signal.recv().await;
            return terminal::size();
        }
        std::future::pending().await
    }
}

/// What one chunk of typed bytes amounts to after escape processing.
#[derive(Debug, Default, PartialEq)]
struct Typed {
    send: Vec<u8>,
    help: bool,
    disconnect: bool,
}

/// OpenSSH's escape rule: `~` right after a newline (or at the start) begins an escape; `~.`
/// disconnects, `~?` lists the escapes, `~~` sends one `~`, `~` before anything else sends both.
struct Escapes {
    enabled: bool,
    after_newline: bool,
    pending: bool,
}

impl Escapes {
    fn new(enabled: bool) -> Escapes {
        Escapes {
            enabled,
            after_newline: true,
            pending: false,
        }
    }

    fn filter(&mut self, input: &[u8]) -> Typed {
        let mut typed = Typed::default();
        if !self.enabled {
            typed.send = input.to_vec();
            return typed;
        }
        for &byte in input {
            if self.pending {
                self.pending = false;
                match byte {
                    b'.' => {
                        typed.disconnect = true;
                        return typed;
                    }
                    b'?' => {
                        typed.help = true;
                        continue;
                    }
                    ESCAPE => {}
                    _ => typed.send.push(ESCAPE),
                }
            } else if self.after_newline && byte == ESCAPE {
                self.pending = true;
                continue;
            }
            self.after_newline = byte == b'\r' || byte == b'\n';
            typed.send.push(byte);
        }
        typed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(escapes: &mut Escapes, input: &str) -> (String, bool) {
        let typed = escapes.filter(input.as_bytes());
        (String::from_utf8(typed.send).unwrap(), typed.disconnect)
    }

    #[test]
    fn tilde_dot_at_the_start_or_after_a_newline_disconnects() {
        assert_eq!(sent(&mut Escapes::new(true), "~."), (String::new(), true));
        assert_eq!(sent(&mut Escapes::new(true), "ls\r~.rest"), ("ls\r".into(), true));
        assert_eq!(sent(&mut Escapes::new(true), "ls\n~."), ("ls\n".into(), true));
        // Split across reads.
        let mut escapes = Escapes::new(true);
        assert_eq!(sent(&mut escapes, "echo\r~"), ("echo\r".into(), false));
        assert_eq!(sent(&mut escapes, "."), (String::new(), true));
    }

    #[test]
    fn tilde_elsewhere_or_before_other_bytes_is_sent() {
        let mut escapes = Escapes::new(true);
        assert_eq!(sent(&mut escapes, "a~."), ("a~.".into(), false));
        assert_eq!(sent(&mut escapes, "\r~~."), ("\r~.".into(), false));
        assert_eq!(sent(&mut escapes, "\r~x"), ("\r~x".into(), false));
        // `~x` left the line start: a following `~.` is plain text.
        assert_eq!(sent(&mut escapes, "~."), ("~.".into(), false));
    }

    #[test]
    fn tilde_question_mark_asks_for_help_and_sends_nothing() {
        let typed = Escapes::new(true).filter(b"~?");
        assert_eq!((typed.send.len(), typed.help, typed.disconnect), (0, true, false));
    }

    #[test]
    fn without_a_terminal_nothing_is_an_escape() {
        assert_eq!(sent(&mut Escapes::new(false), "~.\n~."), ("~.\n~.".into(), false));
    }
}
