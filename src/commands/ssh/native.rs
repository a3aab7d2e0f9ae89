//! The built-in SSH client (`ssh --local-ssh=false`): russh over one `portforward/{port}/tcp`
//! websocket, host keys checked against `--known-hosts`, and authentication with the ssh-agent's
//! keys, then the identity file, in the order upstream's native mode tried them before it was
//! removed. It runs
//! `-c COMMAND`, or an interactive shell (`shell`).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use russh::keys::{PrivateKeyWithHashAlg, PublicKey, load_secret_key};
use russh::{ChannelMsg, client};
use tokio::io::AsyncWriteExt;

use crate::cluster::api::Api;
use crate::cluster::websocket::{self, Endpoint, PumpOptions};
use crate::error::{Error, Result};

use super::agent;

/// What the native client connects to and as whom.
pub struct Session<'a> {
    pub api: &'a Api,
    pub endpoint: Endpoint,
    /// `{kind}/{name}.{ns}`: the known_hosts name and the prompt's label.
    pub host: String,
    pub port: u16,
    pub user: String,
    /// The identity file, and whether it was given explicitly.
    pub identity: (PathBuf, bool),
    /// `None`: host keys are not checked.
    pub known_hosts: Option<PathBuf>,
}

/// Checks the host key against `--known-hosts`, asking on a terminal before learning a new one.
pub struct Verifier {
    host: String,
    port: u16,
    known_hosts: Option<PathBuf>,
    refused: Arc<std::sync::Mutex<Option<String>>>,
}

impl Verifier {
    fn check(&self, key: &PublicKey) -> std::result::Result<bool, String> {
        let Some(path) = &self.known_hosts else {
            eprintln!("warning: host keys are not checked (empty --known-hosts)");
            return Ok(true);
        };
        if !path.exists() {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            std::fs::File::create(path).map_err(|e| format!("creating {}: {e}", path.display()))?;
        }
        match russh::keys::check_known_hosts_path(&self.host, self.port, key, path) {
            Ok(true) => return Ok(true),
            Ok(false) => {}
            Err(russh::keys::Error::KeyChanged { line }) => {
                return Err(format!(
                    "host key mismatch for {}: {} line {line} records a different key",
                    self.host,
                    path.display()
                ));
            }
            Err(e) => return Err(format!("reading {}: {e}", path.display())),
        }
        let fingerprint = key.fingerprint(Default::default());
        if !std::io::stdin().is_terminal() {
            return Err(format!(
                "host key of {} ({fingerprint}) is not in {} and stdin is not a terminal to confirm it",
                self.host,
                path.display()
            ));
        }
        let mut stdout = std::io::stdout();
        let stdin = std::io::stdin();
        loop {
            let _ = write!(
                stdout,
                "The authenticity of host '{}' can't be established.\n{} key fingerprint is {fingerprint}.\nAre you sure you want to continue connecting (yes/no)? ",
                self.host,
                key.algorithm()
            );
            let _ = stdout.flush();
            let mut answer = String::new();
            if stdin.lock().read_line(&mut answer).unwrap_or(0) == 0 {
                return Err("host key not accepted".into());
            }
            match answer.trim() {
                "yes" => {
                    russh::keys::known_hosts::learn_known_hosts_path(&self.host, self.port, key, path)
                        .map_err(|e| format!("writing {}: {e}", path.display()))?;
                    return Ok(true);
                }
                "no" => return Err("host key not accepted".into()),
                _ => {}
            }
        }
    }
}

impl client::Handler for Verifier {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &russh::keys::PublicKeyOrCertificate,
    ) -> std::result::Result<bool, Self::Error> {
        let key = match key {
            russh::keys::PublicKeyOrCertificate::PublicKey { key, .. } => key.clone(),
            russh::keys::PublicKeyOrCertificate::Certificate(cert) => {
                *self.refused.lock().unwrap() = Some(format!("{}: host certificates are not supported", cert.key_id()));
                return Ok(false);
            }
        };
        match self.check(&key) {
            Ok(ok) => Ok(ok),
            Err(reason) => {
                *self.refused.lock().unwrap() = Some(reason);
                Ok(false)
            }
        }
    }
}

/// How the remote side ended a command or shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteEnd {
    Status(u32),
    Signal(String),
    Unknown,
}

impl RemoteEnd {
    /// 0 is success; anything else fails as the local client's exit does ("exit status N").
    fn into_result(self) -> Result<()> {
        match self {
            RemoteEnd::Status(0) => Ok(()),
            RemoteEnd::Status(code) => Err(Error::Other(format!("exit status {code}"))),
            RemoteEnd::Signal(signal) => Err(Error::Other(format!("ssh: the remote side was killed by {signal}"))),
            RemoteEnd::Unknown => Err(Error::Other("ssh: the remote side ended without an exit status".into())),
        }
    }
}

/// Connects through the websocket, authenticates, runs `command` (or, when it is empty, an
/// interactive shell); "exit status N" when the remote side fails.
pub async fn run(session: Session<'_>, command: &str) -> Result<()> {
    let end = with_session(&session, async |handle| {
        if command.is_empty() {
            super::shell::run(handle, &session.host).await
        } else {
            exec(handle, command).await
        }
    })
    .await?;
    end.into_result()
}

/// `-c COMMAND`: stdin is not forwarded (EOF at once), stdout and stderr are the remote ones.
async fn exec(handle: &mut Handle, command: &str) -> Result<RemoteEnd> {
    let mut channel = handle
        .channel_open_session()
        .await
        .map_err(|e| Error::Other(format!("ssh: {e}")))?;
    channel
        .exec(true, command.as_bytes())
        .await
        .map_err(|e| Error::Other(format!("ssh: {e}")))?;
    let _ = channel.eof().await;
    let mut stdout = tokio::io::stdout();
    let mut stderr = tokio::io::stderr();
    let mut end = RemoteEnd::Unknown;
    while let Some(msg) = channel.wait().await {
        match msg {
            ChannelMsg::Data { data } => {
                stdout.write_all(&data).await?;
                stdout.flush().await?;
            }
            ChannelMsg::ExtendedData { data, .. } => {
                stderr.write_all(&data).await?;
            }
            ChannelMsg::ExitStatus { exit_status } => end = RemoteEnd::Status(exit_status),
            ChannelMsg::ExitSignal { signal_name, .. } => end = RemoteEnd::Signal(format!("{signal_name:?}")),
            _ => {}
        }
    }
    Ok(end)
}

/// An authenticated SSH connection to the VM.
pub type Handle = client::Handle<Verifier>;

/// Dials the port-forward websocket, runs SSH over it, checks the host key, authenticates,
/// then runs `conversation`; the connection is closed when it returns. A tunnel that fails
/// first ends the whole thing with the tunnel's reason.
pub async fn with_session<T>(
    session: &Session<'_>,
    conversation: impl AsyncFnOnce(&mut Handle) -> Result<T>,
) -> Result<T> {
    let key = load_key(&session.identity.0, session.identity.1)?;
    let socket = websocket::dial(session.api, &session.endpoint)
        .await
        .map_err(|e| e.context(format!("can't access {}", session.host), ": "))?;
    let (ours, theirs) = tokio::io::duplex(256 * 1024);
    let (read, write) = tokio::io::split(theirs);
    let options = PumpOptions::default();
    let pump = websocket::pump(socket, read, write, &options);
    let refused = Arc::new(std::sync::Mutex::new(None));
    let verifier = Verifier {
        host: session.host.clone(),
        port: session.port,
        known_hosts: session.known_hosts.clone(),
        refused: refused.clone(),
    };
    let whole = async {
        let config = Arc::new(client::Config::default());
        let mut handle = match client::connect_stream(config, ours, verifier).await {
            Ok(handle) => handle,
            Err(e) => {
                return Err(match refused.lock().unwrap().take() {
                    Some(reason) => Error::Other(reason),
                    None => Error::Other(format!("ssh: {e}")),
                });
            }
        };
        authenticate(&mut handle, session, key).await?;
        let result = conversation(&mut handle).await;
        let _ = handle.disconnect(russh::Disconnect::ByApplication, "", "en").await;
        result
    };
    tokio::pin!(whole);
    tokio::select! {
        result = &mut whole => result,
        ended = pump => match ended.into_result() {
            // Our side of the tunnel closed first: the conversation knows why.
            Ok(()) => whole.await,
            Err(e) => Err(Error::Other(e)),
        },
    }
}

/// Tries the agent's keys (`SSH_AUTH_SOCK`), then the identity file, as OpenSSH and upstream's
/// native client do; fails with OpenSSH's "permission denied" when none is accepted.
async fn authenticate(handle: &mut Handle, session: &Session<'_>, key: Option<russh::keys::PrivateKey>) -> Result<()> {
    let rsa_hash = handle.best_supported_rsa_hash().await.ok().flatten().flatten();
    let agent_keys = agent::authenticate(handle, &session.user, rsa_hash).await?;
    if agent_keys == agent::Outcome::Accepted {
        return Ok(());
    }
    let Some(key) = key else {
        if agent_keys == agent::Outcome::NoAgent {
            return Err(Error::Other(format!(
                "no identity file for {}@{} and no ssh-agent (SSH_AUTH_SOCK): give -i/--identity-file",
                session.user, session.host
            )));
        }
        return Err(permission_denied(session));
    };
    let auth = handle
        .authenticate_publickey(
            session.user.clone(),
            PrivateKeyWithHashAlg::new(Arc::new(key), rsa_hash),
        )
        .await
        .map_err(|e| Error::Other(format!("ssh: {e}")))?;
    if !auth.success() {
        return Err(permission_denied(session));
    }
    Ok(())
}

fn permission_denied(session: &Session<'_>) -> Error {
    Error::Other(format!(
        "ssh: permission denied for {}@{} (publickey)",
        session.user, session.host
    ))
}

/// The identity file; the default path is skipped silently when it does not exist.
fn load_key(path: &Path, explicit: bool) -> Result<Option<russh::keys::PrivateKey>> {
    if !explicit && !path.exists() {
        return Ok(None);
    }
    load_secret_key(path, None)
        .map(Some)
        .map_err(|e| Error::Other(format!("reading identity file {}: {e}", path.display())))
}
