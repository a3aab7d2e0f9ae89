//! The connection flags every command accepts (kubectl's and client-go's global options), as
//! data owned by the cluster layer.

use clap::Args;
use secrecy::SecretString;

use crate::go_syntax::parse_go_bool;

/// How to reach the cluster: client-go's override flags, as upstream's `virtctl options` lists
/// them. Plain data: `cli` flattens it into the global flags (hidden from each command's help, as
/// upstream does) and [`super::config::load`] turns it, with the kubeconfig, into a client.
#[derive(Args, Debug, Clone, Default)]
pub struct ConnectionArgs {
    /// Username to impersonate for the operation. User could be a regular user or a service account in a namespace.
    #[arg(long = "as", global = true, hide = true, value_name = "string")]
    pub impersonate: Option<String>,
    /// Group to impersonate for the operation, this flag can be repeated to specify multiple groups.
    #[arg(long = "as-group", global = true, hide = true, value_name = "stringArray")]
    pub impersonate_groups: Vec<String>,
    /// UID to impersonate for the operation.
    #[arg(long = "as-uid", global = true, hide = true, value_name = "string")]
    pub impersonate_uid: Option<String>,
    /// Path to a cert file for the certificate authority
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub certificate_authority: Option<String>,
    /// Path to a client certificate file for TLS
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub client_certificate: Option<String>,
    /// Path to a client key file for TLS
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub client_key: Option<String>,
    /// The name of the kubeconfig cluster to use
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub cluster: Option<String>,
    /// The name of the kubeconfig context to use
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub context: Option<String>,
    /// If true, opt-out of response compression for all requests to the server
    #[arg(long, global = true, hide = true, default_value = "false", num_args = 0..=1,
          require_equals = true, default_missing_value = "true", value_parser = parse_go_bool)]
    pub disable_compression: bool,
    /// If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure
    #[arg(long, global = true, hide = true, default_value = "false", num_args = 0..=1,
          require_equals = true, default_missing_value = "true", value_parser = parse_go_bool)]
    pub insecure_skip_tls_verify: bool,
    /// Path to the kubeconfig file to use for CLI requests.
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub kubeconfig: Option<String>,
    /// If present, the namespace scope for this CLI request
    #[arg(short = 'n', long, global = true, hide = true, value_name = "string")]
    pub namespace: Option<String>,
    /// Password for basic authentication to the API server
    #[arg(
        long,
        global = true,
        hide = true,
        value_name = "string",
        env = "VIRTCTL_PASSWORD",
        hide_env = true,
        value_parser = secret
    )]
    pub password: Option<SecretString>,
    /// If provided, this URL will be used to connect via proxy
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub proxy_url: Option<String>,
    /// The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.
    #[arg(long, global = true, hide = true, value_name = "string", default_value = "0")]
    pub request_timeout: String,
    /// The address and port of the Kubernetes API server
    #[arg(short = 's', long, global = true, hide = true, value_name = "string")]
    pub server: Option<String>,
    /// Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub tls_server_name: Option<String>,
    /// Bearer token for authentication to the API server
    #[arg(
        long,
        global = true,
        hide = true,
        value_name = "string",
        env = "VIRTCTL_TOKEN",
        hide_env = true,
        value_parser = secret
    )]
    pub token: Option<SecretString>,
    /// The name of the kubeconfig user to use
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub user: Option<String>,
    /// Username for basic authentication to the API server
    #[arg(
        long,
        global = true,
        hide = true,
        value_name = "string",
        env = "VIRTCTL_USERNAME",
        hide_env = true
    )]
    pub username: Option<String>,
}

/// A credential flag's value, kept where `Debug` and accidental formatting cannot print it.
fn secret(value: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(value))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::ConnectionArgs;

    #[derive(Parser)]
    struct Line {
        #[command(flatten)]
        connection: ConnectionArgs,
    }

    #[test]
    fn credentials_never_show_in_debug_output() {
        let line = Line::parse_from([
            "virtctl",
            "--token=sekret-token",
            "--password=hunter2",
            "--server=https://h",
        ]);
        let printed = format!("{:?}", line.connection);
        assert!(printed.contains("https://h"), "{printed}");
        assert!(
            !printed.contains("sekret-token") && !printed.contains("hunter2"),
            "{printed}"
        );
    }
}
