//! The clap command tree: the global options every command accepts, and one variant per command.
//!
//! A command's own flags live in its module (`commands::*`); this file only wires them in.

use clap::{Args, Parser, Subcommand};

use crate::commands::{
    completion::CompletionArgs,
    console::ConsoleArgs,
    doctor::DoctorArgs,
    evacuate_cancel::EvacuateCancelArgs,
    guest_agent::GuestAgentArgs,
    image_upload::ImageUploadArgs,
    lifecycle::{RestartArgs, StartArgs, StopArgs},
    migrate::{MigrateArgs, MigrateCancelArgs},
    pause::PauseArgs,
    port_forward::PortForwardArgs,
    ssh::{ScpArgs, SshArgs},
    usbredir::UsbredirArgs,
    version::VersionArgs,
    vmi_action::VmiActionArgs,
    vnc::VncArgs,
};
use crate::flags::parse_go_bool;

/// The name shown in usage text: `kubectl virt` when run as the kubectl plugin, else `virtctl`.
pub fn program_name(argv0: &str) -> String {
    let base = std::path::Path::new(argv0)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("virtctl");
    let base = base.strip_suffix(".exe").unwrap_or(base);
    match base.strip_suffix("-virt") {
        Some(prefix) => format!("{prefix} virt"),
        None => "virtctl".to_string(),
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "virtctl",
    about = "virtctl controls virtual machine related operations on your kubernetes cluster.",
    disable_version_flag = true,
    disable_help_subcommand = false,
    after_help = "Use \"virtctl options\" for a list of global command-line options (applies to all commands)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Global options, as upstream's `virtctl options` lists them (client-go's override flags).
/// They are hidden from each command's help, as upstream does, and listed by `virtctl options`.
#[derive(Args, Debug, Clone, Default)]
pub struct GlobalArgs {
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
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub password: Option<String>,
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
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub token: Option<String>,
    /// The name of the kubeconfig user to use
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub user: Option<String>,
    /// Username for basic authentication to the API server
    #[arg(long, global = true, hide = true, value_name = "string")]
    pub username: Option<String>,
    /// number for the log level verbosity
    #[arg(
        short = 'v',
        long = "v",
        global = true,
        hide = true,
        value_name = "Level",
        default_value_t = 2
    )]
    pub verbosity: i32,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a virtual machine.
    Start(StartArgs),
    /// Stop a virtual machine.
    Stop(StopArgs),
    /// Restart a virtual machine.
    Restart(RestartArgs),
    /// Pause a virtual machine
    #[command(override_usage = "virtctl pause vm|vmi (VM)|(VMI) [flags]")]
    Pause(PauseArgs),
    /// Unpause a virtual machine
    #[command(override_usage = "virtctl unpause vm|vmi (VM)|(VMI) [flags]")]
    Unpause(PauseArgs),
    /// Migrate a virtual machine.
    Migrate(MigrateArgs),
    /// Cancel migration of a virtual machine.
    #[command(name = "migrate-cancel")]
    MigrateCancel(MigrateCancelArgs),
    /// Cancel evacuation for a VM, VMI, or all VMIs on a node
    #[command(name = "evacuate-cancel")]
    EvacuateCancel(EvacuateCancelArgs),
    /// Soft reboot a virtual machine instance
    #[command(name = "soft-reboot", override_usage = "virtctl soft-reboot (VMI) [flags]")]
    SoftReboot(VmiActionArgs),
    /// Reset a virtual machine instance
    #[command(override_usage = "virtctl reset (VMI) [flags]")]
    Reset(VmiActionArgs),
    /// Return guest agent info about operating system.
    #[command(override_usage = "virtctl guestosinfo (VMI) [flags]")]
    Guestosinfo(GuestAgentArgs),
    /// Return full list of logged in users on a guest OS.
    #[command(override_usage = "virtctl userlist (VMI) [flags]")]
    Userlist(GuestAgentArgs),
    /// Return full list of filesystems available on a guest OS.
    #[command(override_usage = "virtctl fslist (VMI) [flags]")]
    Fslist(GuestAgentArgs),
    /// Diagnose KubeVirt / OpenShift Virtualization from its alert runbooks (read-only).
    #[command(args_conflicts_with_subcommands = true)]
    Doctor(Box<DoctorArgs>),
    /// Connect to a console of a virtual machine instance.
    Console(ConsoleArgs),
    /// Forward local ports to a virtualmachine or virtualmachineinstance.
    #[command(name = "port-forward")]
    PortForward(PortForwardArgs),
    /// Open a VNC connection to a virtual machine instance.
    Vnc(VncArgs),
    /// Open a SSH connection to a virtual machine instance.
    Ssh(SshArgs),
    /// SCP files from/to a virtual machine instance.
    Scp(ScpArgs),
    /// Redirect a USB device to a virtual machine instance.
    Usbredir(UsbredirArgs),
    /// Print the client and server version information.
    #[command(override_usage = "virtctl version [flags]")]
    Version(VersionArgs),
    /// Generate the autocompletion script for the specified shell
    #[command(override_usage = "virtctl completion [flags]")]
    Completion(CompletionArgs),
    /// Upload a VM image to a DataVolume/PersistentVolumeClaim.
    #[command(name = "image-upload")]
    ImageUpload(Box<ImageUploadArgs>),
    /// Print the list of flags inherited by all commands
    #[command(hide = true)]
    Options,
}
