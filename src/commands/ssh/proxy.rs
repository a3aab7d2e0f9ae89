//! The `ProxyCommand` line OpenSSH runs to reach the VM: this binary re-invoked as
//! `[connection flags] port-forward --stdio=true TYPE/NAME/NAMESPACE PORT`.
//!
//! Upstream's ProxyCommand carries none of the connection flags, so `virtctl --kubeconfig X ssh`
//! tunnels through whatever `~/.kube/config` (or `localhost:8080`) names and fails. We forward
//! every connection flag the user gave, each word quoted for the shell OpenSSH runs the line
//! with. Credentials (`--token`, `--password`, `--username`) never go in that line, since `ps`
//! shows it to every user of the machine: they travel in the child's environment, in the
//! variables the global flags read (see `cluster::connection`).

use secrecy::ExposeSecret;

use crate::cluster::connection::ConnectionArgs;
use crate::commands::shell_quote;

/// The variable `--token` reads when the flag is absent.
pub const TOKEN_ENV: &str = "VIRTCTL_TOKEN";
/// The variable `--password` reads when the flag is absent.
pub const PASSWORD_ENV: &str = "VIRTCTL_PASSWORD";
/// The variable the global `--username` (basic authentication) reads when the flag is absent.
pub const USERNAME_ENV: &str = "VIRTCTL_USERNAME";

/// `--flag=value` words for the connection flags the user set, credentials left out. `-n` is
/// not among them: the tunnel's target already names the namespace.
pub fn forwarded_flags(connection: &ConnectionArgs) -> Vec<String> {
    let c = connection;
    let valued = [
        ("kubeconfig", &c.kubeconfig),
        ("context", &c.context),
        ("cluster", &c.cluster),
        ("user", &c.user),
        ("server", &c.server),
        ("certificate-authority", &c.certificate_authority),
        ("client-certificate", &c.client_certificate),
        ("client-key", &c.client_key),
        ("tls-server-name", &c.tls_server_name),
        ("proxy-url", &c.proxy_url),
        ("as", &c.impersonate),
        ("as-uid", &c.impersonate_uid),
    ];
    let mut words: Vec<String> = valued
        .into_iter()
        .filter_map(|(flag, value)| value.as_ref().map(|v| format!("--{flag}={v}")))
        .collect();
    words.extend(c.impersonate_groups.iter().map(|g| format!("--as-group={g}")));
    if !matches!(c.request_timeout.as_str(), "" | "0") {
        words.push(format!("--request-timeout={}", c.request_timeout));
    }
    if c.insecure_skip_tls_verify {
        words.push("--insecure-skip-tls-verify=true".into());
    }
    if c.disable_compression {
        words.push("--disable-compression=true".into());
    }
    words
}

/// The credentials the user set, as the environment of the local ssh/scp (which hands its
/// environment on to the ProxyCommand).
pub fn credential_env(connection: &ConnectionArgs) -> Vec<(&'static str, String)> {
    let token = connection.token.as_ref().map(|t| t.expose_secret().to_string());
    let password = connection.password.as_ref().map(|p| p.expose_secret().to_string());
    [
        (TOKEN_ENV, token),
        (PASSWORD_ENV, password),
        (USERNAME_ENV, connection.username.clone()),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|v| (name, v)))
    .collect()
}

/// The words joined into one ProxyCommand value: each quoted for the POSIX shell OpenSSH runs
/// it with, and `%` doubled because OpenSSH expands `%h`-style tokens in ProxyCommand.
pub fn command_line(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| shell_quote(w)).collect();
    quoted.join(" ").replace('%', "%%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Args;

    #[test]
    fn words_the_shell_reads_as_is_stay_unquoted_others_are_single_quoted() {
        assert_eq!(
            command_line(&["v".into(), "--context=100% ok".into()]),
            "v '--context=100%% ok'"
        );
    }

    #[test]
    fn every_connection_flag_but_the_credentials_is_forwarded() {
        let connection = ConnectionArgs {
            impersonate: Some("jane".into()),
            impersonate_groups: vec!["g1".into(), "g 2".into()],
            impersonate_uid: Some("u1".into()),
            certificate_authority: Some("/ca.crt".into()),
            client_certificate: Some("/c.crt".into()),
            client_key: Some("/c.key".into()),
            cluster: Some("c1".into()),
            context: Some("ctx".into()),
            disable_compression: true,
            insecure_skip_tls_verify: true,
            kubeconfig: Some("/k/config".into()),
            namespace: Some("ns".into()),
            password: Some("hunter2".into()),
            proxy_url: Some("http://proxy:3128".into()),
            request_timeout: "5s".into(),
            server: Some("https://api:6443".into()),
            tls_server_name: Some("api.local".into()),
            token: Some("sekret-token".into()),
            user: Some("admin".into()),
            username: Some("basic-user".into()),
        };
        assert_eq!(
            forwarded_flags(&connection),
            [
                "--kubeconfig=/k/config",
                "--context=ctx",
                "--cluster=c1",
                "--user=admin",
                "--server=https://api:6443",
                "--certificate-authority=/ca.crt",
                "--client-certificate=/c.crt",
                "--client-key=/c.key",
                "--tls-server-name=api.local",
                "--proxy-url=http://proxy:3128",
                "--as=jane",
                "--as-uid=u1",
                "--as-group=g1",
                "--as-group=g 2",
                "--request-timeout=5s",
                "--insecure-skip-tls-verify=true",
                "--disable-compression=true",
            ]
        );
        assert_eq!(
            credential_env(&connection),
            [
                (TOKEN_ENV, "sekret-token".to_string()),
                (PASSWORD_ENV, "hunter2".to_string()),
                (USERNAME_ENV, "basic-user".to_string()),
            ]
        );
        let defaults = ConnectionArgs {
            request_timeout: "0".into(),
            ..ConnectionArgs::default()
        };
        assert!(forwarded_flags(&defaults).is_empty());
        assert!(credential_env(&defaults).is_empty());
    }

    #[test]
    fn the_global_credential_flags_read_the_variables_the_proxy_command_is_given() {
        let flags = ConnectionArgs::augment_args(clap::Command::new("virtctl"));
        let env_of = |id: &str| {
            let arg = flags.get_arguments().find(|a| a.get_id() == id).unwrap();
            arg.get_env().map(|e| e.to_string_lossy().into_owned())
        };
        assert_eq!(env_of("token").as_deref(), Some(TOKEN_ENV));
        assert_eq!(env_of("password").as_deref(), Some(PASSWORD_ENV));
        assert_eq!(env_of("username").as_deref(), Some(USERNAME_ENV));
    }
}
