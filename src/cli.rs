//! The clap command tree: the global options every command accepts, one variant per command, and
//! which `run` each variant calls. The only module that knows the whole tree; `usage` and the
//! completion commands receive it as a value.
//!
//! A command's own flags live in its module (`commands::*`); this file only wires them in.

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::cluster::connection::ConnectionArgs;
use crate::commands::{
    adm, completion, console, create, credentials, doctor, evacuate_cancel, expand, expose, guest_agent, guestfs,
    image_upload, lifecycle, memory_dump, migrate, objectgraph, options, pause, permitted_devices, port_forward, ssh,
    template, usbredir, version, vmexport, vmi_action, vnc, volumes,
};
use crate::commands::{
    adm::AdmArgs,
    completion::CompletionArgs,
    console::ConsoleArgs,
    create::CreateArgs,
    credentials::CredentialsArgs,
    doctor::DoctorArgs,
    evacuate_cancel::EvacuateCancelArgs,
    expand::ExpandArgs,
    expose::ExposeArgs,
    guest_agent::GuestAgentArgs,
    guestfs::GuestfsArgs,
    image_upload::ImageUploadArgs,
    lifecycle::{RestartArgs, StartArgs, StopArgs},
    memory_dump::MemoryDumpArgs,
    migrate::{MigrateArgs, MigrateCancelArgs},
    objectgraph::ObjectGraphArgs,
    pause::PauseArgs,
    permitted_devices::PermittedDevicesArgs,
    port_forward::PortForwardArgs,
    ssh::{ScpArgs, SshArgs},
    template::TemplateArgs,
    usbredir::UsbredirArgs,
    version::VersionArgs,
    vmexport::VmexportArgs,
    vmi_action::VmiActionArgs,
    vnc::VncArgs,
    volumes::{AddVolumeArgs, RemoveVolumeArgs},
};
use crate::context::Ctx;
use crate::error::{Error, Result};

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

/// Global options: how to reach the cluster (owned by the cluster layer) and the log level.
#[derive(Args, Debug, Clone, Default)]
pub struct GlobalArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,
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
    /// Start a shell into the libguestfs pod
    Guestfs(Box<GuestfsArgs>),
    /// Export a VM volume.
    Vmexport(Box<VmexportArgs>),
    /// Create a manifest for the specified Kind.
    #[command(override_usage = "virtctl create [flags]")]
    Create(CreateArgs),
    /// Manipulate credentials on a virtual machine.
    #[command(override_usage = "virtctl credentials [flags]", arg_required_else_help = true)]
    Credentials(CredentialsArgs),
    /// Administrate KubeVirt configuration.
    #[command(override_usage = "virtctl adm [flags]", arg_required_else_help = true)]
    Adm(AdmArgs),
    /// List the permitted devices for vmis.
    #[command(name = "permitted-devices", override_usage = "virtctl permitted-devices [flags]",
              after_help = permitted_devices::EXAMPLES)]
    PermittedDevices(PermittedDevicesArgs),
    /// Returns dependency graph related to a VM|VMI.
    #[command(override_usage = "virtctl objectgraph (VM|VMI) [flags]", after_help = objectgraph::EXAMPLES)]
    Objectgraph(ObjectGraphArgs),
    /// Work with VirtualMachineTemplates
    #[command(override_usage = "virtctl template [flags]", arg_required_else_help = true)]
    Template(TemplateArgs),
    /// add a volume to a running VM
    Addvolume(Box<AddVolumeArgs>),
    /// remove a volume from a running VM
    Removevolume(RemoveVolumeArgs),
    /// Return the VirtualMachine object with expanded instancetype and preference.
    Expand(ExpandArgs),
    /// Expose a virtual machine instance, virtual machine, or virtual machine instance replica set as a new service.
    Expose(Box<ExposeArgs>),
    /// Dump the memory of a running VM to a pvc
    #[command(name = "memory-dump")]
    MemoryDump(MemoryDumpArgs),
    /// Print the list of flags inherited by all commands
    #[command(hide = true)]
    Options,
}

impl Command {
    /// Runs the parsed command.
    pub async fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Command::Start(args) => lifecycle::start(args, ctx).await,
            Command::Stop(args) => lifecycle::stop(args, ctx).await,
            Command::Restart(args) => lifecycle::restart(args, ctx).await,
            Command::Pause(args) => pause::run(pause::Action::Pause, args, ctx).await,
            Command::Unpause(args) => pause::run(pause::Action::Unpause, args, ctx).await,
            Command::Migrate(args) => migrate::migrate(args, ctx).await,
            Command::MigrateCancel(args) => migrate::cancel(args, ctx).await,
            Command::EvacuateCancel(args) => evacuate_cancel::run(args, ctx).await,
            Command::SoftReboot(args) => vmi_action::run(vmi_action::Action::SoftReboot, args, ctx).await,
            Command::Reset(args) => vmi_action::run(vmi_action::Action::Reset, args, ctx).await,
            Command::Guestosinfo(args) => guest_agent::run(guest_agent::Query::GuestOsInfo, args, ctx).await,
            Command::Userlist(args) => guest_agent::run(guest_agent::Query::UserList, args, ctx).await,
            Command::Fslist(args) => guest_agent::run(guest_agent::Query::FsList, args, ctx).await,
            Command::Doctor(args) => match doctor::run(*args, ctx).await? {
                0 => Ok(()),
                code => Err(Error::Status(code)),
            },
            Command::Console(args) => console::run(args, ctx).await,
            Command::PortForward(args) => port_forward::run(args, ctx).await,
            Command::Vnc(args) => vnc::run(args, ctx).await,
            Command::Ssh(args) => ssh::ssh(args, ctx).await,
            Command::Scp(args) => ssh::scp(args, ctx).await,
            Command::Usbredir(args) => usbredir::run(args, ctx).await,
            Command::Version(args) => version::run(args, ctx).await,
            Command::Completion(args) => completion::run(args, Cli::command(), ctx),
            Command::ImageUpload(args) => image_upload::run(*args, ctx).await,
            Command::Guestfs(args) => guestfs::run(*args, ctx).await,
            Command::Create(args) => create::run(args, ctx).await,
            Command::Credentials(args) => credentials::run(args, ctx).await,
            Command::Adm(args) => adm::run(args, ctx).await,
            Command::PermittedDevices(args) => permitted_devices::run(args, ctx).await,
            Command::Objectgraph(args) => objectgraph::run(args, ctx).await,
            Command::Template(args) => template::run(args, ctx).await,
            Command::Addvolume(args) => volumes::add(*args, ctx).await,
            Command::Removevolume(args) => volumes::remove(args, ctx).await,
            Command::Expand(args) => expand::run(args, ctx).await,
            Command::Expose(args) => expose::run(*args, ctx).await,
            Command::Vmexport(args) => vmexport::run(*args, ctx).await,
            Command::MemoryDump(args) => memory_dump::run(args, ctx).await,
            Command::Options => options::run(&Cli::command(), ctx),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn options_lists_every_global_flag() {
        let text = crate::commands::options::render(&super::Cli::command());
        for flag in [
            "--as ",
            "--as-group",
            "--kubeconfig",
            "-n, --namespace",
            "-s, --server",
            "--request-timeout",
            "-v, --v",
        ] {
            assert!(text.contains(flag), "missing {flag} in\n{text}");
        }
    }
}
