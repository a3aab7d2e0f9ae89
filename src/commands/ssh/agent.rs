//! Public-key authentication through the user's ssh-agent (`SSH_AUTH_SOCK`, russh's agent
//! client): each key the agent holds is offered in turn and the agent signs; the private keys
//! never enter virtctl.

use russh::keys::HashAlg;

use super::native::Handle;
use crate::error::Result;

/// Whether the agent got us in.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    /// The agent's keys (maybe none) were all refused.
    // Not yet on Windows, whose OpenSSH agent is a named pipe this module does not dial.
    #[cfg_attr(not(unix), allow(dead_code))]
    Refused,
    /// `SSH_AUTH_SOCK` is unset or nothing answers there.
    NoAgent,
}

/// Offers the agent's keys as `user`; RSA keys sign with `rsa_hash`, the server's choice.
#[cfg(unix)]
pub async fn authenticate(handle: &mut Handle, user: &str, rsa_hash: Option<HashAlg>) -> Result<Outcome> {
    use russh::keys::agent::client::AgentClient;

    if std::env::var_os("SSH_AUTH_SOCK").is_none_or(|s| s.is_empty()) {
        return Ok(Outcome::NoAgent);
    }
    let Ok(mut agent) = AgentClient::connect_env().await else {
        return Ok(Outcome::NoAgent);
    };
    let Ok(identities) = agent.request_identities().await else {
        return Ok(Outcome::NoAgent);
    };
    for identity in identities {
        let key = identity.public_key().into_owned();
        let hash = key.algorithm().is_rsa().then_some(rsa_hash).flatten();
        match handle.authenticate_publickey_with(user, key, hash, &mut agent).await {
            Ok(result) if result.success() => return Ok(Outcome::Accepted),
            // Refused by the server, or the agent would not sign: the next key.
            Ok(_) | Err(_) => continue,
        }
    }
    Ok(Outcome::Refused)
}

#[cfg(not(unix))]
pub async fn authenticate(_handle: &mut Handle, _user: &str, _rsa_hash: Option<HashAlg>) -> Result<Outcome> {
    Ok(Outcome::NoAgent)
}
