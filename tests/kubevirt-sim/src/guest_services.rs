//! Services inside the simulated guests that port-forward reaches: a real SSH server (russh) on
//! guest port 22. It accepts one public key, [`TEST_CLIENT_KEY`]'s, presents the fixed host key
//! [`TEST_HOST_KEY`], and runs each `exec` request as `sh -c COMMAND` in the sandbox directory
//! (`$KUBEVIRT_SIM_SSH_SANDBOX`, else the system temporary directory), so `ssh -c` and legacy
//! `scp -O` work against it with real bytes and exit statuses. A `shell` runs `sh` the same way;
//! after a `pty-req`, `shell` and `exec` run on a real pseudo-terminal ([`crate::guest_shell`]).
//! The `sftp` subsystem (what OpenSSH 9's `scp` uses by default) is [`crate::guest_sftp`]'s.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::Arc;

use russh::keys::{PrivateKey, PublicKey};
use russh::server::{Auth, ChannelOpenHandle, Handle, Msg, Session};
use russh::{Channel, ChannelId};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::process::ChildStdin;

use crate::guest_sftp::Subsystems;
use crate::guest_shell::{PtyRequest, Terminal};

/// The private key a test gives its SSH client (`-i`); the only key the server accepts.
pub const TEST_CLIENT_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACC6R86oiohWSv1G38De04MmXuTYCqjDWaHL5aHMtpBnKQAAAJBQTmi2UE5o
tgAAAAtzc2gtZWQyNTUxOQAAACC6R86oiohWSv1G38De04MmXuTYCqjDWaHL5aHMtpBnKQ
AAAEAxCC6R91ecrHhr9p7IkKJvzez0foSTAHxQrRUb3hv1ALpHzqiKiFZK/UbfwN7TgyZe
5NgKqMNZocvlocy2kGcpAAAACHNpbS10ZXN0AQIDBAU=
-----END OPENSSH PRIVATE KEY-----
";

/// The guest's host key.
pub const TEST_HOST_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACBHX0tVAJPgSLWpjoSCH0pCuXn3sOOKKnRsYmXD/CoQuQAAAJD1n/i19Z/4
tQAAAAtzc2gtZWQyNTUxOQAAACBHX0tVAJPgSLWpjoSCH0pCuXn3sOOKKnRsYmXD/CoQuQ
AAAEAr1DVxm5YaS4LK8p1B8KVBQ91zNme3HGMKO3OGhUbiuEdfS1UAk+BItamOhIIfSkK5
efew44oqdGxiZcP8KhC5AAAACHNpbS1ob3N0AQIDBAU=
-----END OPENSSH PRIVATE KEY-----
";

/// The guest's SSH server on one connection.
pub async fn ssh(io: DuplexStream) {
    let (Ok(host), Ok(client)) = (
        PrivateKey::from_openssh(TEST_HOST_KEY),
        PrivateKey::from_openssh(TEST_CLIENT_KEY),
    ) else {
        return;
    };
    let config = Arc::new(russh::server::Config {
        keys: vec![host],
        auth_rejection_time: std::time::Duration::from_millis(10),
        auth_rejection_time_initial: Some(std::time::Duration::ZERO),
        ..Default::default()
    });
    let handler = Guest {
        allowed: client.public_key().clone(),
        stdins: HashMap::new(),
        ptys: HashMap::new(),
        terminals: HashMap::new(),
        user: String::new(),
        subsystems: Subsystems::default(),
    };
    if let Ok(session) = russh::server::run_stream(config, io, handler).await {
        let _ = session.await;
    }
}

struct Guest {
    allowed: PublicKey,
    stdins: HashMap<ChannelId, ChildStdin>,
    /// `pty-req`s not yet used by a `shell` or `exec`.
    ptys: HashMap<ChannelId, PtyRequest>,
    terminals: HashMap<ChannelId, Terminal>,
    subsystems: Subsystems,
    /// Who logged in (the shell's `$USER` and prompt).
    user: String,
}

/// Where `exec`, `shell` and SFTP requests start: `$KUBEVIRT_SIM_SSH_SANDBOX`, else the system
/// temporary directory.
pub(crate) fn sandbox() -> std::path::PathBuf {
    std::env::var_os("KUBEVIRT_SIM_SSH_SANDBOX")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
}

impl Guest {
    /// `shell` (`command` None) or `exec`: on the requested pseudo-terminal if there is one,
    /// else with pipes.
    fn start(&mut self, channel: ChannelId, command: Option<&str>, session: &mut Session) -> Result<(), russh::Error> {
        let Some(pty) = self.ptys.remove(&channel) else {
            return self.start_piped(channel, command, session);
        };
        match Terminal::start(&pty, command, &sandbox(), &self.user, session.handle(), channel) {
            Ok(terminal) => {
                self.terminals.insert(channel, terminal);
                session.channel_success(channel)
            }
            Err(_) => session.channel_failure(channel),
        }
    }

    /// `sh -c COMMAND`, or `sh` reading commands from the channel, with pipes for stdio.
    fn start_piped(
        &mut self,
        channel: ChannelId,
        command: Option<&str>,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
        let mut sh = tokio::process::Command::new("sh");
        if let Some(command) = command {
            sh.arg("-c").arg(command);
        }
        let child = sh
            .current_dir(sandbox())
            .env("USER", &self.user)
            .env("LOGNAME", &self.user)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(_) => {
                session.channel_failure(channel)?;
                return Ok(());
            }
        };
        session.channel_success(channel)?;
        if let Some(stdin) = child.stdin.take() {
            self.stdins.insert(channel, stdin);
        }
        let handle = session.handle();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        tokio::spawn(async move {
            let out = forward(handle.clone(), channel, stdout, None);
            let err = forward(handle.clone(), channel, stderr, Some(1));
            let _ = tokio::join!(out, err);
            let code = child.wait().await.ok().and_then(|s| s.code()).unwrap_or(255);
            let _ = handle.exit_status_request(channel, code as u32).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
        });
        Ok(())
    }
}

impl russh::server::Handler for Guest {
    type Error = russh::Error;

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if key.public_key.key_data() == self.allowed.key_data() {
            self.user = user.to_string();
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn channel_open_session(
        &mut self,
        _channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply.accept().await;
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let command = String::from_utf8_lossy(data).into_owned();
        self.start(channel, Some(&command), session)
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        self.start(channel, None, session)
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let request = PtyRequest {
            term: term.to_string(),
            cols: col_width,
            rows: row_height,
        };
        self.ptys.insert(channel, request);
        session.channel_success(channel)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(terminal) = self.terminals.get(&channel) {
            let _ = terminal.resize(col_width, row_height);
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.terminals.remove(&channel);
        self.stdins.remove(&channel);
        self.subsystems.end(channel).await;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.subsystems.start(channel, name, session) {
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    async fn data(&mut self, channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), Self::Error> {
        if self.subsystems.feed(channel, data).await {
            return Ok(());
        }
        if let Some(terminal) = self.terminals.get(&channel) {
            if terminal.write_all(data).await.is_err() {
                self.terminals.remove(&channel);
            }
            return Ok(());
        }
        if let Some(stdin) = self.stdins.get_mut(&channel)
            && stdin.write_all(data).await.is_err()
        {
            self.stdins.remove(&channel);
        }
        Ok(())
    }

    async fn channel_eof(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.stdins.remove(&channel);
        self.subsystems.end(channel).await;
        Ok(())
    }
}

/// Copies a child's or a subsystem's output to the channel (`ext` 1: stderr).
pub(crate) async fn forward(
    handle: Handle,
    channel: ChannelId,
    from: Option<impl AsyncReadExt + Unpin>,
    ext: Option<u32>,
) {
    let Some(mut from) = from else { return };
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let chunk = bytes::Bytes::copy_from_slice(&buf[..n]);
        let sent = match ext {
            Some(ext) => handle.extended_data(channel, ext, chunk).await,
            None => handle.data(channel, chunk).await,
        };
        if sent.is_err() {
            return;
        }
    }
}
