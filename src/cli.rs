//! The clap command tree: the global options every command accepts, one variant per command, and
//! which `run` each variant calls. The only module that knows the whole tree; `usage` and the
//! completion commands receive it as a value.
//!
//! A command's own flags live in its module (`commands::*`); this file only wires them in.

use std::cell::{Cell, RefCell};
use std::ffi::OsString;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

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

thread_local! {
    /// Set while [`parse_tree`] builds the tree: the commands' own flags are deferred then.
    static DEFER: Cell<bool> = const { Cell::new(false) };
    /// The command line [`parse_tree`] builds for, if any: only the command it names is added.
    static LINE: RefCell<Option<Vec<OsString>>> = const { RefCell::new(None) };
    /// The top-level command [`LINE`] names, while its tree is built.
    static NAMED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The tree for parsing one command line: each command's own flags (and sub-commands) are
/// built only when the parser enters that command (clap's `Command::defer`), so start-up does
/// not build the flags of ~40 commands it will not run (BENCHMARKS.md, "Start-up against
/// /bin/true"). Given the `line`, the tree holds only the top-level command the line names (when
/// it names one): clap copies the ~20 global flags into every top-level command before parsing,
/// which was most of start-up's allocation. A line that fails to parse on a root without every
/// command ([`ParseTree::root`]) must be parsed again without `line`: the line may name a
/// command only the whole root resolves (a value that looked like a command, a misspelt command
/// to suggest for). Good for parsing and, without
/// `line`, the root's help (names and summaries); whatever renders a command's flags or walks
/// the tree takes [`Cli::command`], which builds everything.
pub fn parse_tree(line: Option<&[OsString]>) -> ParseTree {
    DEFER.set(true);
    LINE.set(line.map(<[OsString]>::to_vec));
    let tree = Cli::command();
    LINE.set(None);
    DEFER.set(false);
    let root = match (line, tree.get_subcommands().count()) {
        (None, _) => Root::Whole,
        (Some(_), 0) => Root::Bare,
        (Some(_), 1) => Root::Named,
        (Some(_), _) => Root::Whole,
    };
    ParseTree { tree, root }
}

/// What [`parse_tree`] built.
pub struct ParseTree {
    pub tree: clap::Command,
    pub root: Root,
}

/// Which commands a [`ParseTree`]'s root holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// Every command: a failure to parse against it is the line's own.
    Whole,
    /// Only the command the line names.
    Named,
    /// None, for a line that names none (`virtctl --help`, `virtctl -n ns`): the root's help
    /// comes from an unbuilt whole root, which clap need not build (copying the globals into
    /// every command) to list the commands' names and summaries.
    Bare,
}

/// The top-level commands: all of them, or while [`parse_tree`] builds for a line, only the one
/// the line names.
#[derive(Debug)]
pub struct Commands(pub Command);

impl Subcommand for Commands {
    fn augment_subcommands(root: clap::Command) -> clap::Command {
        let Some(line) = LINE.take() else {
            return Command::augment_subcommands(root);
        };
        let Some(name) = named_command(&root, &line).map(str::to_string) else {
            return root;
        };
        NAMED.set(Some(name.clone()));
        let group = command_group(&name).map(|augment| augment(clap::Command::new("group")));
        NAMED.set(None);
        match group.as_ref().and_then(|group| group.find_subcommand(&name)) {
            Some(command) => root.subcommand(command.clone()),
            // Not a command (a misspelt one, a value the scan took for one): every command,
            // built as for no line.
            None => Command::augment_subcommands(root),
        }
    }

    fn augment_subcommands_for_update(root: clap::Command) -> clap::Command {
        Command::augment_subcommands_for_update(root)
    }

    fn has_subcommand(name: &str) -> bool {
        Command::has_subcommand(name)
    }
}

impl FromArgMatches for Commands {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Command::from_arg_matches(matches).map(Commands)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

/// A derived `augment_subcommands`: adds a group's commands to the command it is given.
type Augment = fn(clap::Command) -> clap::Command;
/// A derived `has_subcommand`: whether a group holds the command named so.
type Holds = fn(&str) -> bool;

/// The builder of the group of [`Command`]s that holds the command `name`, if one does.
fn command_group(name: &str) -> Option<Augment> {
    let groups: [(Holds, Augment); 7] = [
        (LifecycleCommand::has_subcommand, LifecycleCommand::augment_subcommands),
        (GuestCommand::has_subcommand, GuestCommand::augment_subcommands),
        (ConnectCommand::has_subcommand, ConnectCommand::augment_subcommands),
        (ClientCommand::has_subcommand, ClientCommand::augment_subcommands),
        (DataCommand::has_subcommand, DataCommand::augment_subcommands),
        (ManageCommand::has_subcommand, ManageCommand::augment_subcommands),
        (ObjectCommand::has_subcommand, ObjectCommand::augment_subcommands),
    ];
    groups
        .into_iter()
        .find(|(holds, _)| holds(name))
        .map(|(_, augment)| augment)
}

/// The first word of `line` (after the program) that is neither a flag of `root` nor a flag's
/// value: the command the line names. Flags unknown to the root are taken as taking no value;
/// a wrong guess costs only the second parse of [`parse_tree`]'s contract.
fn named_command<'a>(root: &clap::Command, line: &'a [OsString]) -> Option<&'a str> {
    let takes_value = |arg: Option<&clap::Arg>| arg.is_some_and(|arg| arg.get_action().takes_values());
    let mut words = line.iter().skip(1);
    while let Some(word) = words.next() {
        let word = word.to_str()?;
        if word == "--" {
            return None;
        }
        if let Some(long) = word.strip_prefix("--") {
            if !long.contains('=') && takes_value(root.get_arguments().find(|a| a.get_long() == Some(long))) {
                words.next();
            }
            continue;
        }
        if let Some(shorts) = word.strip_prefix('-').filter(|s| !s.is_empty()) {
            let mut chars = shorts.chars();
            let (short, rest) = (chars.next(), chars.as_str());
            if rest.is_empty() && takes_value(root.get_arguments().find(|a| a.get_short() == short)) {
                words.next();
            }
            continue;
        }
        return Some(word);
    }
    None
}

/// A command's arguments, built when the command is (in [`parse_tree`]'s tree) or at once.
/// `SHADOWS_GLOBALS`: the command's flags shadow global ones (`ssh`/`scp` `-l/--username`), so
/// it is built at once even in [`parse_tree`]'s tree, as clap gives an unbuilt command the
/// globals before its own deferred flags exist; deferred only in a tree built for a line that
/// names another command, which drops it.
#[derive(Debug)]
pub struct Lazy<T, const SHADOWS_GLOBALS: bool = false>(pub T);

impl<T: Args, const SHADOWS_GLOBALS: bool> Args for Lazy<T, SHADOWS_GLOBALS> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        let dropped = || NAMED.with_borrow(|named| named.as_deref().is_some_and(|named| named != cmd.get_name()));
        match DEFER.get() && (!SHADOWS_GLOBALS || dropped()) {
            true => cmd.defer(build_deferred::<T>),
            false => T::augment_args(cmd),
        }
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        T::augment_args_for_update(cmd)
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// Runs after the variant's attributes (its doc comment's `about`), which built eagerly come
/// after the struct's: they are put back over whatever the struct's own doc comment set.
fn build_deferred<T: Args>(cmd: clap::Command) -> clap::Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let cmd = T::augment_args(cmd);
    let cmd = match about {
        Some(about) => cmd.about(about),
        None => cmd.about(None::<&str>),
    };
    match long_about {
        Some(long_about) => cmd.long_about(long_about),
        None => cmd.long_about(None::<&str>),
    }
}

impl<T: FromArgMatches, const SHADOWS_GLOBALS: bool> FromArgMatches for Lazy<T, SHADOWS_GLOBALS> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Lazy)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Lazy)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
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
    pub command: Option<Commands>,
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

/// The top-level commands, in groups: building the tree for one command line builds the
/// (unbuilt) commands of its group only, not all ~40 ([`Commands`]). Each group keeps its
/// commands in the order the help and the generated completions list them.
#[derive(Subcommand, Debug)]
pub enum Command {
    #[command(flatten)]
    Lifecycle(LifecycleCommand),
    #[command(flatten)]
    Guest(GuestCommand),
    #[command(flatten)]
    Connect(ConnectCommand),
    #[command(flatten)]
    Client(ClientCommand),
    #[command(flatten)]
    Data(DataCommand),
    #[command(flatten)]
    Manage(ManageCommand),
    #[command(flatten)]
    Object(ObjectCommand),
}

/// A virtual machine's lifecycle.
#[derive(Subcommand, Debug)]
pub enum LifecycleCommand {
    /// Start a virtual machine.
    Start(Lazy<StartArgs>),
    /// Stop a virtual machine.
    Stop(Lazy<StopArgs>),
    /// Restart a virtual machine.
    Restart(Lazy<RestartArgs>),
    /// Pause a virtual machine
    #[command(override_usage = "virtctl pause vm|vmi (VM)|(VMI) [flags]")]
    Pause(Lazy<PauseArgs>),
    /// Unpause a virtual machine
    #[command(override_usage = "virtctl unpause vm|vmi (VM)|(VMI) [flags]")]
    Unpause(Lazy<PauseArgs>),
    /// Migrate a virtual machine.
    Migrate(Lazy<MigrateArgs>),
    /// Cancel migration of a virtual machine.
    #[command(name = "migrate-cancel")]
    MigrateCancel(Lazy<MigrateCancelArgs>),
    /// Cancel evacuation for a VM, VMI, or all VMIs on a node
    #[command(name = "evacuate-cancel")]
    EvacuateCancel(Lazy<EvacuateCancelArgs>),
    /// Soft reboot a virtual machine instance
    #[command(name = "soft-reboot", override_usage = "virtctl soft-reboot (VMI) [flags]")]
    SoftReboot(Lazy<VmiActionArgs>),
    /// Reset a virtual machine instance
    #[command(override_usage = "virtctl reset (VMI) [flags]")]
    Reset(Lazy<VmiActionArgs>),
}

/// What the guest and the cluster report.
#[derive(Subcommand, Debug)]
pub enum GuestCommand {
    /// Return guest agent info about operating system.
    #[command(override_usage = "virtctl guestosinfo (VMI) [flags]")]
    Guestosinfo(Lazy<GuestAgentArgs>),
    /// Return full list of logged in users on a guest OS.
    #[command(override_usage = "virtctl userlist (VMI) [flags]")]
    Userlist(Lazy<GuestAgentArgs>),
    /// Return full list of filesystems available on a guest OS.
    #[command(override_usage = "virtctl fslist (VMI) [flags]")]
    Fslist(Lazy<GuestAgentArgs>),
    /// Diagnose KubeVirt / OpenShift Virtualization from its alert runbooks (read-only).
    #[command(args_conflicts_with_subcommands = true)]
    Doctor(Lazy<Box<DoctorArgs>>),
}

/// Connections into a virtual machine.
#[derive(Subcommand, Debug)]
pub enum ConnectCommand {
    /// Connect to a console of a virtual machine instance.
    Console(Lazy<ConsoleArgs>),
    /// Forward local ports to a virtualmachine or virtualmachineinstance.
    #[command(name = "port-forward")]
    PortForward(Lazy<PortForwardArgs>),
    /// Open a VNC connection to a virtual machine instance.
    Vnc(Lazy<VncArgs>),
    /// Open a SSH connection to a virtual machine instance.
    Ssh(Lazy<SshArgs, true>),
    /// SCP files from/to a virtual machine instance.
    Scp(Lazy<ScpArgs, true>),
    /// Redirect a USB device to a virtual machine instance.
    Usbredir(Lazy<UsbredirArgs>),
}

/// This client.
#[derive(Subcommand, Debug)]
pub enum ClientCommand {
    /// Print the client and server version information.
    #[command(override_usage = "virtctl version [flags]")]
    Version(Lazy<VersionArgs>),
    /// Generate the autocompletion script for the specified shell
    #[command(override_usage = "virtctl completion [flags]")]
    Completion(Lazy<CompletionArgs>),
}

/// Disk images in and out.
#[derive(Subcommand, Debug)]
pub enum DataCommand {
    /// Upload a VM image to a DataVolume/PersistentVolumeClaim.
    #[command(name = "image-upload")]
    ImageUpload(Lazy<Box<ImageUploadArgs>>),
    /// Start a shell into the libguestfs pod
    Guestfs(Lazy<Box<GuestfsArgs>>),
    /// Export a VM volume.
    Vmexport(Lazy<Box<VmexportArgs>>),
}

/// Manifests, credentials and cluster settings.
#[derive(Subcommand, Debug)]
pub enum ManageCommand {
    /// Create a manifest for the specified Kind.
    #[command(override_usage = "virtctl create [flags]")]
    Create(Lazy<CreateArgs>),
    /// Manipulate credentials on a virtual machine.
    #[command(override_usage = "virtctl credentials [flags]", arg_required_else_help = true)]
    Credentials(Lazy<CredentialsArgs>),
    /// Administrate KubeVirt configuration.
    #[command(override_usage = "virtctl adm [flags]", arg_required_else_help = true)]
    Adm(Lazy<AdmArgs>),
    /// List the permitted devices for vmis.
    #[command(name = "permitted-devices", override_usage = "virtctl permitted-devices [flags]",
              after_help = permitted_devices::EXAMPLES)]
    PermittedDevices(Lazy<PermittedDevicesArgs>),
    /// Returns dependency graph related to a VM|VMI.
    #[command(override_usage = "virtctl objectgraph (VM|VMI) [flags]", after_help = objectgraph::EXAMPLES)]
    Objectgraph(Lazy<ObjectGraphArgs>),
    /// Work with VirtualMachineTemplates
    #[command(override_usage = "virtctl template [flags]", arg_required_else_help = true)]
    Template(Lazy<TemplateArgs>),
}

/// A virtual machine's volumes, expanded spec, services and memory; the global flags.
#[derive(Subcommand, Debug)]
pub enum ObjectCommand {
    /// add a volume to a running VM
    Addvolume(Lazy<Box<AddVolumeArgs>>),
    /// remove a volume from a running VM
    Removevolume(Lazy<RemoveVolumeArgs>),
    /// Return the VirtualMachine object with expanded instancetype and preference.
    Expand(Lazy<ExpandArgs>),
    /// Expose a virtual machine instance, virtual machine, or virtual machine instance replica set as a new service.
    Expose(Lazy<Box<ExposeArgs>>),
    /// Dump the memory of a running VM to a pvc
    #[command(name = "memory-dump")]
    MemoryDump(Lazy<MemoryDumpArgs>),
    /// Print the list of flags inherited by all commands
    #[command(hide = true)]
    Options,
}

impl Command {
    /// Runs here and now a command that needs neither the cluster nor any I/O but the terminal
    /// (`version --client`, `completion SHELL`, `options`), so that their start-up builds no
    /// async runtime and no TLS provider; `None` for any other.
    pub fn run_local(&self, ctx: &Ctx) -> Option<Result<()>> {
        match self {
            Command::Client(ClientCommand::Version(Lazy(args))) if args.client => {
                Some(version::print_client(args, ctx))
            }
            Command::Client(ClientCommand::Completion(Lazy(args))) => Some(completion::run(args, Cli::command(), ctx)),
            Command::Object(ObjectCommand::Options) => Some(options::run(&Cli::command(), ctx)),
            _ => None,
        }
    }

    /// Runs the parsed command (the local ones too, as [`Command::run_local`] would).
    pub async fn run(self, ctx: &Ctx) -> Result<()> {
        if let Some(result) = self.run_local(ctx) {
            return result;
        }
        match self {
            Command::Lifecycle(LifecycleCommand::Start(Lazy(args))) => lifecycle::start(args, ctx).await,
            Command::Lifecycle(LifecycleCommand::Stop(Lazy(args))) => lifecycle::stop(args, ctx).await,
            Command::Lifecycle(LifecycleCommand::Restart(Lazy(args))) => lifecycle::restart(args, ctx).await,
            Command::Lifecycle(LifecycleCommand::Pause(Lazy(args))) => {
                pause::run(pause::Action::Pause, args, ctx).await
            }
            Command::Lifecycle(LifecycleCommand::Unpause(Lazy(args))) => {
                pause::run(pause::Action::Unpause, args, ctx).await
            }
            Command::Lifecycle(LifecycleCommand::Migrate(Lazy(args))) => migrate::migrate(args, ctx).await,
            Command::Lifecycle(LifecycleCommand::MigrateCancel(Lazy(args))) => migrate::cancel(args, ctx).await,
            Command::Lifecycle(LifecycleCommand::EvacuateCancel(Lazy(args))) => evacuate_cancel::run(args, ctx).await,
            Command::Lifecycle(LifecycleCommand::SoftReboot(Lazy(args))) => {
                vmi_action::run(vmi_action::Action::SoftReboot, args, ctx).await
            }
            Command::Lifecycle(LifecycleCommand::Reset(Lazy(args))) => {
                vmi_action::run(vmi_action::Action::Reset, args, ctx).await
            }
            Command::Guest(GuestCommand::Guestosinfo(Lazy(args))) => {
                guest_agent::run(guest_agent::Query::GuestOsInfo, args, ctx).await
            }
            Command::Guest(GuestCommand::Userlist(Lazy(args))) => {
                guest_agent::run(guest_agent::Query::UserList, args, ctx).await
            }
            Command::Guest(GuestCommand::Fslist(Lazy(args))) => {
                guest_agent::run(guest_agent::Query::FsList, args, ctx).await
            }
            Command::Guest(GuestCommand::Doctor(Lazy(args))) => match doctor::run(*args, ctx).await? {
                0 => Ok(()),
                code => Err(Error::Status(code)),
            },
            Command::Connect(ConnectCommand::Console(Lazy(args))) => console::run(args, ctx).await,
            Command::Connect(ConnectCommand::PortForward(Lazy(args))) => port_forward::run(args, ctx).await,
            Command::Connect(ConnectCommand::Vnc(Lazy(args))) => vnc::run(args, ctx).await,
            Command::Connect(ConnectCommand::Ssh(Lazy(args))) => ssh::ssh(args, ctx).await,
            Command::Connect(ConnectCommand::Scp(Lazy(args))) => ssh::scp(args, ctx).await,
            Command::Connect(ConnectCommand::Usbredir(Lazy(args))) => usbredir::run(args, ctx).await,
            Command::Client(ClientCommand::Version(Lazy(args))) => version::run(args, ctx).await,
            Command::Client(ClientCommand::Completion(_)) | Command::Object(ObjectCommand::Options) => {
                unreachable!("run_local ran it")
            }
            Command::Data(DataCommand::ImageUpload(Lazy(args))) => image_upload::run(*args, ctx).await,
            Command::Data(DataCommand::Guestfs(Lazy(args))) => guestfs::run(*args, ctx).await,
            Command::Manage(ManageCommand::Create(Lazy(args))) => create::run(args, ctx).await,
            Command::Manage(ManageCommand::Credentials(Lazy(args))) => credentials::run(args, ctx).await,
            Command::Manage(ManageCommand::Adm(Lazy(args))) => adm::run(args, ctx).await,
            Command::Manage(ManageCommand::PermittedDevices(Lazy(args))) => permitted_devices::run(args, ctx).await,
            Command::Manage(ManageCommand::Objectgraph(Lazy(args))) => objectgraph::run(args, ctx).await,
            Command::Manage(ManageCommand::Template(Lazy(args))) => template::run(args, ctx).await,
            Command::Object(ObjectCommand::Addvolume(Lazy(args))) => volumes::add(*args, ctx).await,
            Command::Object(ObjectCommand::Removevolume(Lazy(args))) => volumes::remove(args, ctx).await,
            Command::Object(ObjectCommand::Expand(Lazy(args))) => expand::run(args, ctx).await,
            Command::Object(ObjectCommand::Expose(Lazy(args))) => expose::run(*args, ctx).await,
            Command::Data(DataCommand::Vmexport(Lazy(args))) => vmexport::run(*args, ctx).await,
            Command::Object(ObjectCommand::MemoryDump(Lazy(args))) => memory_dump::run(args, ctx).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, FromArgMatches};

    use std::ffi::OsString;

    use super::{Cli, named_command, parse_tree};

    /// Every command's path in the whole tree, nested ones included.
    fn paths(command: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            paths(sub, &path, out);
            out.push(path);
        }
    }

    fn argv(words: &[&str]) -> Vec<OsString> {
        std::iter::once("virtctl")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn every_top_level_command_has_its_group() {
        let whole = Cli::command();
        let names: Vec<&str> = whole.get_subcommands().map(clap::Command::get_name).collect();
        assert!(names.len() > 30, "{names:?}");
        for name in names.into_iter().filter(|name| *name != "help") {
            let group = super::command_group(name).unwrap_or_else(|| panic!("{name} has no group"));
            let built = group(clap::Command::new("group"));
            assert!(built.find_subcommand(name).is_some(), "{name}'s group builds it");
            assert!(built.get_subcommands().count() <= 10, "groups stay small: {name}'s");
        }
    }

    #[test]
    fn the_lazy_tree_helps_like_the_whole_tree() {
        let root = |tree: &clap::Command| crate::help::render(tree, &[], "virtctl");
        assert_eq!(root(&parse_tree(None).tree), root(&Cli::command()));
        let mut all = Vec::new();
        paths(&Cli::command(), &[], &mut all);
        assert!(all.len() > 50, "{}", all.len());
        for path in all {
            let mut words: Vec<&str> = path.iter().map(String::as_str).collect();
            words.push("--help");
            let (mut lazy, mut whole) = (parse_tree(Some(&argv(&words))).tree, Cli::command());
            let lazy_err = lazy.try_get_matches_from_mut(argv(&words)).unwrap_err();
            let whole_err = whole.try_get_matches_from_mut(argv(&words)).unwrap_err();
            assert_eq!(lazy_err.kind(), whole_err.kind(), "{path:?}");
            let help = |tree: &clap::Command| crate::help::render(tree, &path, "virtctl");
            assert_eq!(help(&lazy), help(&whole), "{path:?}");
        }
    }

    #[test]
    fn the_lazy_tree_parses_like_the_whole_tree() {
        for line in [
            "version --client",
            "-n ns start vm1 --paused",
            "stop vm1 --force --grace-period 0 --kubeconfig /k",
            "doctor --all -o json --timeout 10m",
            "create vm --name x --instancetype u1.small",
            "image-upload dv d --size 1Gi --image-path /tmp/x --insecure",
            "port-forward vm/x 2222:22 --address 0.0.0.0",
            "ssh user@vm/x -c ls",
            "-n ns ssh -l guest --username u vm/x",
            "scp -l guest local.txt vm/x:/tmp/",
            "adm log-verbosity --all 3",
            "template process --local -f t.yaml",
            "vmexport download e --vm vm1 --output o.img",
            "-n start stop vm1",
            "--namespace=ns -v 6 stop vm1",
            "-v=7 --kubeconfig /k --context c pause vm vm1",
            "--insecure-skip-tls-verify restart vm1",
            "strat vm1",
            "-n ns",
            "start",
            "help start",
        ] {
            let words: Vec<&str> = line.split(' ').collect();
            let parse = |mut tree: clap::Command| {
                let matches = tree.try_get_matches_from_mut(argv(&words)).map_err(|e| e.to_string());
                format!(
                    "{:?}",
                    matches.and_then(|m| Cli::from_arg_matches(&m).map_err(|e| e.to_string()))
                )
            };
            let whole = parse(Cli::command());
            assert_eq!(parse(parse_tree(None).tree), whole, "{line}");
            let pruned = parse(parse_tree(Some(&argv(&words))).tree);
            // A line that fails on its command's tree is parsed again on the whole root.
            if !pruned.starts_with("Err") {
                assert_eq!(pruned, whole, "{line}");
            }
        }
    }

    #[test]
    fn the_line_names_its_command_past_the_global_flags() {
        let root = parse_tree(None).tree;
        for (line, named) in [
            ("start vm1", Some("start")),
            ("-n ns start vm1", Some("start")),
            ("-n start stop vm1", Some("stop")),
            ("--namespace ns --insecure-skip-tls-verify stop vm1", Some("stop")),
            ("--namespace=ns -v 6 vnc vm1", Some("vnc")),
            ("-v=6 --as u vnc vm1", Some("vnc")),
            ("-- start", None),
            ("-n ns", None),
        ] {
            let words: Vec<&str> = line.split(' ').collect();
            assert_eq!(named_command(&root, &argv(&words)), named, "{line}");
        }
        let pruned = parse_tree(Some(&argv(&["-n", "ns", "start", "vm1"])));
        assert_eq!(pruned.root, super::Root::Named);
        assert_eq!(parse_tree(Some(&argv(&["-n", "ns", "--help"]))).root, super::Root::Bare);
        assert_eq!(parse_tree(Some(&argv(&["strat", "vm1"]))).root, super::Root::Whole);
        let mut pruned = pruned.tree;
        let names: Vec<&str> = pruned.get_subcommands().map(clap::Command::get_name).collect();
        assert_eq!(names, ["start"]);
        assert!(
            pruned
                .try_get_matches_from_mut(argv(&["-n", "ns", "start", "vm1"]))
                .is_ok()
        );
    }

    #[test]
    fn options_lists_every_global_flag() {
        let text = crate::commands::options::render(&Cli::command());
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
