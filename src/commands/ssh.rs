//! `virtctl ssh [USER@]TYPE/NAME[/NAMESPACE]` and `virtctl scp SRC DST`: run the system OpenSSH
//! `ssh`/`scp` with a `ProxyCommand` that re-invokes this binary as
//! `port-forward --stdio=true TARGET PORT`, so the SSH byte stream rides the port-forward
//! websocket, which is how upstream's `virtctl ssh` reaches a VM without any network route to
//! it. This `--local-ssh` mode is the default, as upstream's only mode since v1.7;
//! `--local-ssh=false` uses the built-in russh client of `native` (`ssh -c`) and the scp
//! protocol of `scp` over it.

mod agent;
mod native;
mod proxy;
pub(crate) mod scp;
mod shell;

use clap::Args;

use std::path::PathBuf;

use crate::cluster::api::Api;
use crate::cluster::connection::ConnectionArgs;
use crate::cluster::websocket::Endpoint;
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;
use crate::target::{Target, UserTarget};

/// Flags shared by `ssh` and `scp`.
#[derive(Args, Debug, Clone, Default)]
pub struct SshFlags {
    /// Username for the remote user (default: $USER, $USERNAME or $LOGNAME); `user@` in the target overrides it
    #[arg(short = 'l', long, value_name = "string")]
    pub username: Option<String>,
    /// Path to the SSH private key; passed to ssh only when given (default "$HOME/.ssh/id_rsa")
    #[arg(short = 'i', long, value_name = "string")]
    pub identity_file: Option<String>,
    /// Path to the known_hosts file; unused by the local ssh client (default "$HOME/.ssh/kubevirt_known_hosts"), pass -t "-o UserKnownHostsFile=..." instead
    #[arg(long, value_name = "string")]
    pub known_hosts: Option<String>,
    /// Target port on the VM
    #[arg(short = 'p', long, default_value_t = 22, value_name = "int")]
    pub port: u16,
    /// Additional options for the local ssh/scp client, one argument per occurrence, e.g. -t "-o StrictHostKeyChecking=no"
    #[arg(short = 't', long, value_name = "stringArray", allow_hyphen_values = true)]
    pub local_ssh_opts: Vec<String>,
    /// Use the locally installed ssh/scp (the default); --local-ssh=false uses the built-in client (ssh: commands and interactive shells, ssh-agent then -i keys; scp: the scp protocol); --local-ssh-opts implies --local-ssh
    #[arg(long, default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub local_ssh: bool,
}

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl ssh (VM|VMI) [flags]",
    long_about = "Open a SSH connection to a virtual machine instance.\n\nThe target argument supports the syntax [USER@]TYPE/NAME[/NAMESPACE]: TYPE is vm or vmi, NAMESPACE defaults to the current one. Dots are part of the name. The locally installed ssh runs with a ProxyCommand of 'virtctl port-forward --stdio=true'; with --local-ssh=false the built-in client connects instead (ssh-agent keys, then the identity file; host keys checked against --known-hosts; '~.' after a newline disconnects).",
    after_help = "Examples:\n  # Connect to 'testvmi' in namespace 'mynamespace':\n  virtctl ssh -i <path_to_sshkey> -l user vmi/testvmi/mynamespace\n\n  # Run a command:\n  virtctl ssh -i <path_to_sshkey> -c 'uname -a' user@vm/testvm\n\n  # Pass options to the local ssh:\n  virtctl ssh -t \"-o StrictHostKeyChecking=no\" user@vmi/testvmi"
)]
pub struct SshArgs {
    #[command(flatten)]
    pub args: Positionals,
    #[command(flatten)]
    pub flags: SshFlags,
    /// Specify a command to execute in the VM
    #[arg(short = 'c', long, default_value = "", value_name = "string")]
    pub command: String,
}

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl scp (VM|VMI) [flags]",
    long_about = "SCP files from/to a virtual machine instance.\n\nOne of SOURCE and DESTINATION is remote: [USER@]TYPE/NAME[/NAMESPACE]:PATH. The locally installed scp runs with a ProxyCommand of 'virtctl port-forward --stdio=true'.",
    after_help = "Examples:\n  # Copy a file to the remote home folder of user jdoe:\n  virtctl scp myfile.bin jdoe@vmi/testvmi/mynamespace:myfile.bin\n\n  # Copy a directory to the remote home folder of user jdoe:\n  virtctl scp --recursive ~/mydir/ jdoe@vmi/testvmi/mynamespace:./mydir\n\n  # Copy a file from a VM:\n  virtctl scp jdoe@vm/testvm/mynamespace:myfile.bin ~/myfile.bin"
)]
pub struct ScpArgs {
    #[command(flatten)]
    pub args: Positionals,
    #[command(flatten)]
    pub flags: SshFlags,
    /// Recursively copy entire directories
    #[arg(short = 'r', long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub recursive: bool,
    /// Preserve access and modification times, and modes, of the copied files
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub preserve: bool,
}

/// What the ProxyCommand tunnels to, with the namespace resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tunnel {
    /// virtctl's own argv[0], as invoked.
    pub argv0: String,
    /// The connection flags the user gave, as `--flag=value` words (credentials excluded).
    pub connection: Vec<String>,
    pub kind: &'static str,
    pub name: String,
    pub namespace: String,
    pub port: u16,
}

impl Tunnel {
    fn new(argv0: &str, connection: &ConnectionArgs, target: &Target, default_namespace: &str, port: u16) -> Tunnel {
        Tunnel {
            argv0: argv0.to_string(),
            connection: proxy::forwarded_flags(connection),
            kind: target.kind.word(),
            name: target.name.clone(),
            namespace: target.namespace_or(default_namespace).to_string(),
            port,
        }
    }

    /// `ProxyCommand=ARGV0 [connection flags] port-forward --stdio=true TYPE/NAME/NS PORT`.
    fn proxy_command(&self) -> String {
        let mut words = vec![self.argv0.clone()];
        words.extend(self.connection.iter().cloned());
        words.extend([
            "port-forward".to_string(),
            "--stdio=true".to_string(),
            format!("{}/{}/{}", self.kind, self.name, self.namespace),
            self.port.to_string(),
        ]);
        format!("ProxyCommand={}", proxy::command_line(&words))
    }

    /// `[USER@]<kind>.<name>.<ns>`: a label for OpenSSH's known_hosts and ssh_config.
    fn host(&self, user: &str) -> String {
        let host = format!("{}.{}.{}", self.kind, self.name, self.namespace);
        if user.is_empty() {
            host
        } else {
            format!("{user}@{host}")
        }
    }

    /// `-o ProxyCommand=... [opts...] [-i identity]`.
    fn common(&self, opts: &[String], identity: Option<&str>) -> Vec<String> {
        let mut argv = vec!["-o".to_string(), self.proxy_command()];
        argv.extend(opts.iter().cloned());
        if let Some(identity) = identity {
            argv.push("-i".into());
            argv.push(identity.into());
        }
        argv
    }
}

/// The `ssh` argv (after the program name), built as upstream's local mode builds it: the
/// `ProxyCommand` tunnel and the user's options first, then `[USER@]HOST`, then the command.
pub fn ssh_argv(tunnel: &Tunnel, opts: &[String], identity: Option<&str>, user: &str, command: &str) -> Vec<String> {
    let mut argv = tunnel.common(opts, identity);
    argv.push(tunnel.host(user));
    if !command.is_empty() {
        argv.push(command.to_string());
    }
    argv
}

/// Which side of an scp is the VM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScpPlan {
    pub remote: UserTarget,
    pub remote_path: String,
    pub local_path: String,
    pub to_remote: bool,
}

/// Exactly one of `source` and `destination` is `[USER@]TYPE/NAME[/NAMESPACE]:PATH`.
pub fn plan_scp(source: &str, destination: &str) -> Result<ScpPlan> {
    let (remote, local, to_remote) = match (source.contains(':'), destination.contains(':')) {
        (true, true) => {
            return Err(Error::Usage(
                "copying from a remote location to another remote location is not supported".into(),
            ));
        }
        (false, false) => {
            return Err(Error::Usage(format!(
                "none of the two provided locations seems to be a remote location: {source:?} to {destination:?}"
            )));
        }
        (true, false) => (source, destination, false),
        (false, true) => (destination, source, true),
    };
    let (target, path) = remote.split_once(':').unwrap_or((remote, ""));
    Ok(ScpPlan {
        remote: target.parse().map_err(Error::Usage)?,
        remote_path: path.to_string(),
        local_path: local.to_string(),
        to_remote,
    })
}

/// The `scp` argv (after the program name), built as upstream's local mode builds it: the
/// `ProxyCommand` tunnel and the user's options, `-r`/`-p`, then source and destination with
/// the VM side written `[USER@]HOST:PATH`.
pub fn scp_argv(
    tunnel: &Tunnel,
    opts: &[String],
    identity: Option<&str>,
    user: &str,
    plan: &ScpPlan,
    recursive: bool,
    preserve: bool,
) -> Vec<String> {
    let mut argv = tunnel.common(opts, identity);
    if recursive {
        argv.push("-r".into());
    }
    if preserve {
        argv.push("-p".into());
    }
    let remote = format!("{}:{}", tunnel.host(user), plan.remote_path);
    if plan.to_remote {
        argv.extend([plan.local_path.clone(), remote]);
    } else {
        argv.extend([remote, plan.local_path.clone()]);
    }
    argv
}

/// `--username`'s default: the first non-empty of `USER`, `USERNAME`, `LOGNAME`.
fn default_username() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

fn argv0() -> String {
    std::env::args_os()
        .next()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_else(|| "virtctl".into())
}

impl SshFlags {
    /// `--local-ssh=false` picks the built-in client, unless `--local-ssh-opts` imply the local one.
    fn native(&self) -> bool {
        !self.local_ssh && self.local_ssh_opts.is_empty()
    }

    /// The built-in client's connection: `--identity-file` (the default one is optional) and
    /// `--known-hosts` (empty: host keys are not checked).
    fn native_session<'a>(&self, api: &'a Api, target: &Target, namespace: &str, user: String) -> native::Session<'a> {
        let namespace = target.namespace_or(namespace).to_string();
        // Go's os.UserHomeDir, as upstream: $HOME, %USERPROFILE% on Windows.
        let home = std::env::home_dir().unwrap_or_default();
        let identity = match &self.identity_file {
            Some(path) => (PathBuf::from(path), true),
            None => (home.join(".ssh/id_rsa"), false),
        };
        let known_hosts = match &self.known_hosts {
            Some(path) if path.is_empty() => None,
            Some(path) => Some(PathBuf::from(path)),
            None => Some(home.join(".ssh/kubevirt_known_hosts")),
        };
        native::Session {
            api,
            endpoint: Endpoint::port_forward(target.kind.resource(), &namespace, &target.name, self.port, "tcp"),
            host: format!("{}/{}.{}", target.kind.word(), target.name, namespace),
            port: self.port,
            user,
            identity,
            known_hosts,
        }
    }

    fn user(&self, from_target: Option<&str>) -> String {
        match from_target {
            Some(user) => user.to_string(),
            None => self.username.clone().unwrap_or_else(default_username),
        }
    }
}

/// `-l/--username` shares its name (and so clap's id) with the global basic-auth `--username`;
/// as upstream's local flag hides the global one, the guest's user never becomes the API
/// server's user name (nor the tunnel's, through `VIRTCTL_USERNAME`).
fn without_guest_user(flags: &SshFlags, ctx: &Ctx) -> Ctx {
    let given = flags.username.is_some();
    ctx.shadowing(|connection| {
        if given {
            connection.username = None;
        }
    })
}

pub async fn ssh(args: SshArgs, ctx: &Ctx) -> Result<()> {
    let ctx = &without_guest_user(&args.flags, ctx);
    let values = args.args.exactly(1)?;
    let target: UserTarget = values[0].parse().map_err(Error::Usage)?;
    let cluster = ctx.cluster().await?;
    let user = args.flags.user(target.user.as_deref());
    if args.flags.native() {
        let session = args
            .flags
            .native_session(&cluster.api, &target.target, &cluster.namespace, user);
        return native::run(session, &args.command).await;
    }
    let tunnel = Tunnel::new(
        &argv0(),
        &ctx.connection,
        &target.target,
        &cluster.namespace,
        args.flags.port,
    );
    let argv = ssh_argv(
        &tunnel,
        &args.flags.local_ssh_opts,
        args.flags.identity_file.as_deref(),
        &user,
        &args.command,
    );
    exec("ssh", &argv, &proxy::credential_env(&ctx.connection))
}

pub async fn scp(args: ScpArgs, ctx: &Ctx) -> Result<()> {
    let ctx = &without_guest_user(&args.flags, ctx);
    let values = args.args.exactly(2)?;
    let plan = plan_scp(&values[0], &values[1])?;
    if args.flags.native() {
        let copy = scp::Copy::plan(
            &plan.local_path,
            &plan.remote_path,
            plan.to_remote,
            args.recursive,
            args.preserve,
        )?;
        let cluster = ctx.cluster().await?;
        let user = args.flags.user(plan.remote.user.as_deref());
        let session = args
            .flags
            .native_session(&cluster.api, &plan.remote.target, &cluster.namespace, user);
        return scp::run(&session, &copy).await;
    }
    let cluster = ctx.cluster().await?;
    let tunnel = Tunnel::new(
        &argv0(),
        &ctx.connection,
        &plan.remote.target,
        &cluster.namespace,
        args.flags.port,
    );
    let user = args.flags.user(plan.remote.user.as_deref());
    let argv = scp_argv(
        &tunnel,
        &args.flags.local_ssh_opts,
        args.flags.identity_file.as_deref(),
        &user,
        &plan,
        args.recursive,
        args.preserve,
    );
    exec("scp", &argv, &proxy::credential_env(&ctx.connection))
}

/// Runs the local client with our stdio and the credentials in its environment (for the
/// ProxyCommand); its failure is "exit status N" (virtctl exits 1).
fn exec(program: &str, argv: &[String], credentials: &[(&str, String)]) -> Result<()> {
    let status = std::process::Command::new(program)
        .args(argv)
        .envs(credentials.iter().map(|(name, value)| (name, value)))
        .status()
        .map_err(|e| Error::Other(format!("exec: \"{program}\": {e}")))?;
    if status.success() {
        return Ok(());
    }
    match status.code() {
        Some(code) => Err(Error::Other(format!("exit status {code}"))),
        None => Err(Error::Other(format!("{program}: {status}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tunnel(target: &str, port: u16) -> Tunnel {
        Tunnel::new(
            "virtctl",
            &ConnectionArgs::default(),
            &target.parse().unwrap(),
            "default",
            port,
        )
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ssh_command_line_is_the_spec_one() {
        let t: UserTarget = "fedora@vm/testvm/mynamespace".parse().unwrap();
        let tun = Tunnel::new("virtctl", &ConnectionArgs::default(), &t.target, "default", 22);
        assert_eq!(
            ssh_argv(&tun, &[], None, t.user.as_deref().unwrap(), ""),
            strings(&[
                "-o",
                "ProxyCommand=virtctl port-forward --stdio=true vm/testvm/mynamespace 22",
                "fedora@vm.testvm.mynamespace"
            ])
        );
        // Namespace from the context, options verbatim one argv element each, identity, command.
        let opts = strings(&["-o StrictHostKeyChecking=no", "-v"]);
        assert_eq!(
            ssh_argv(&tunnel("vmi/a.b", 2222), &opts, Some("/k/id"), "", "uname -a"),
            strings(&[
                "-o",
                "ProxyCommand=virtctl port-forward --stdio=true vmi/a.b/default 2222",
                "-o StrictHostKeyChecking=no",
                "-v",
                "-i",
                "/k/id",
                "vmi.a.b.default",
                "uname -a"
            ])
        );
    }

    #[test]
    fn scp_command_line_is_the_spec_one() {
        let plan = plan_scp("myfile.bin", "jdoe@vmi/testvmi/mynamespace:myfile.bin").unwrap();
        assert!(plan.to_remote);
        let tun = Tunnel::new(
            "./virtctl",
            &ConnectionArgs::default(),
            &plan.remote.target,
            "default",
            22,
        );
        assert_eq!(
            scp_argv(&tun, &[], None, "jdoe", &plan, false, false),
            strings(&[
                "-o",
                "ProxyCommand=./virtctl port-forward --stdio=true vmi/testvmi/mynamespace 22",
                "myfile.bin",
                "jdoe@vmi.testvmi.mynamespace:myfile.bin"
            ])
        );
        let plan = plan_scp("vm/testvm:dir", "/tmp/x").unwrap();
        assert!(!plan.to_remote);
        assert_eq!(plan.remote.user, None);
        let tun = Tunnel::new("virtctl", &ConnectionArgs::default(), &plan.remote.target, "ns", 22);
        assert_eq!(
            scp_argv(&tun, &strings(&["-q"]), Some("k"), "u", &plan, true, true),
            strings(&[
                "-o",
                "ProxyCommand=virtctl port-forward --stdio=true vm/testvm/ns 22",
                "-q",
                "-i",
                "k",
                "-r",
                "-p",
                "u@vm.testvm.ns:dir",
                "/tmp/x"
            ])
        );
        // The stale upstream example names a VMI with a dot in it.
        let plan = plan_scp("f", "vmi/testvmi.mynamespace:file").unwrap();
        assert_eq!(plan.remote.target.name, "testvmi.mynamespace");
        // An empty remote path is allowed.
        assert_eq!(plan_scp("f", "vm/x:").unwrap().remote_path, "");
    }

    #[test]
    fn the_proxy_command_carries_the_connection_flags_quoted_and_never_the_credentials() {
        let connection = ConnectionArgs {
            kubeconfig: Some("/home/me/kube configs/it's.yaml".into()),
            context: Some("prod".into()),
            impersonate: Some("jane".into()),
            insecure_skip_tls_verify: true,
            request_timeout: "0".into(),
            token: Some("sekret-token".into()),
            password: Some("hunter2".into()),
            namespace: Some("ns1".into()),
            ..ConnectionArgs::default()
        };
        let target: UserTarget = "vm/testvm".parse().unwrap();
        let tun = Tunnel::new("virtctl", &connection, &target.target, "ns1", 22);
        let argv = ssh_argv(&tun, &[], None, "", "");
        assert_eq!(
            argv[1],
            "ProxyCommand=virtctl '--kubeconfig=/home/me/kube configs/it'\\''s.yaml' --context=prod --as=jane \
             --insecure-skip-tls-verify=true port-forward --stdio=true vm/testvm/ns1 22"
        );
        assert!(!argv.concat().contains("sekret-token"), "{argv:?}");
        assert!(!argv.concat().contains("hunter2"), "{argv:?}");
    }

    #[test]
    fn scp_needs_exactly_one_remote_side() {
        assert_eq!(
            plan_scp("vm/a:x", "vm/b:y").unwrap_err().to_string(),
            "copying from a remote location to another remote location is not supported"
        );
        assert!(
            plan_scp("a", "b")
                .unwrap_err()
                .to_string()
                .starts_with("none of the two provided locations seems to be a remote location")
        );
        assert_eq!(
            plan_scp("a", "@vm/x:y").unwrap_err().to_string(),
            "expected username before '@'"
        );
        assert_eq!(
            plan_scp("a", "x:y").unwrap_err().to_string(),
            "target must contain type and name separated by '/'"
        );
    }

    #[test]
    fn local_ssh_opts_imply_local_ssh() {
        let mut flags = SshFlags {
            local_ssh: false,
            ..SshFlags::default()
        };
        assert!(flags.native());
        flags.local_ssh_opts.push("-v".into());
        assert!(!flags.native());
        let flags = SshFlags {
            username: Some("flag".into()),
            ..SshFlags::default()
        };
        assert_eq!(flags.user(Some("target")), "target");
        assert_eq!(flags.user(None), "flag");
    }
}
