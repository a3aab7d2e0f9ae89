//! Completion that knows the cluster (beyond upstream, whose completions only know command and
//! flag names): `virtctl start <TAB>` offers the VMs of the namespace, `virtctl console <TAB>` the
//! VMIs, `-n <TAB>` the namespaces, `port-forward vm/<TAB>` the VMs as targets.
//!
//! The shell is set up with `source <(COMPLETE=bash virtctl)` (or zsh, fish, powershell, elvish):
//! that prints a small registration script, and on every TAB the shell runs
//! `COMPLETE=bash virtctl -- <the words on the line>`. [`complete_if_requested`], called first in
//! `main`, answers those calls through clap_complete's engine, with completers attached here to
//! the arguments that name cluster objects.
//!
//! Rules: one GET per TAB, a short total deadline ([`TIMEOUT_VAR`], 1 s by default), exec
//! credential plugins never interactive, and nothing at all printed on any error (no cluster, no
//! rights, a bad kubeconfig): completion must never write into the user's command line. The
//! kubeconfig, context and namespace are the ones the finished command would use, including
//! `--kubeconfig`, `--context` and `-n` already typed on the line.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::sync::OnceLock;
use std::time::Duration;

use clap::FromArgMatches;
use clap_complete::CompleteEnv;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, ValueCompleter};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};
use serde_json::Value;

use crate::cluster::Cluster;
use crate::cluster::api::Request;
use crate::cluster::config;
use crate::cluster::connection::ConnectionArgs;
use crate::cluster::resources;
use crate::go_syntax::parse_duration;
use crate::target::Kind;

/// The variable that turns a run into a completion request (clap_complete's convention).
pub const COMPLETE_VAR: &str = "COMPLETE";
/// How long one completion may wait for the cluster in total (a Go duration, e.g. `500ms`, `3s`).
pub const TIMEOUT_VAR: &str = "VIRTCTL_COMPLETE_TIMEOUT";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);

/// Kinds of cluster objects a command-line value can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Vm,
    Vmi,
    Namespace,
    DataVolume,
    Pvc,
    /// virt-template's VirtualMachineTemplates
    VmTemplate,
    /// OpenShift's Templates
    Template,
}

impl Resource {
    /// The collection to list, in `namespace` for namespaced kinds.
    pub fn list_path(self, namespace: &str) -> String {
        let resource = match self {
            Resource::Vm => resources::VIRTUAL_MACHINES,
            Resource::Vmi => resources::VIRTUAL_MACHINE_INSTANCES,
            Resource::Namespace => resources::NAMESPACES,
            Resource::DataVolume => resources::DATA_VOLUMES,
            Resource::Pvc => resources::PERSISTENT_VOLUME_CLAIMS,
            Resource::VmTemplate => resources::VIRTUAL_MACHINE_TEMPLATES,
            Resource::Template => resources::OPENSHIFT_TEMPLATES,
        };
        resource.collection(resource.namespaced.then_some(namespace))
    }

    /// The one-word state shown beside a name (zsh, fish and powershell display it).
    fn describe(self, item: &Value) -> Option<String> {
        let pointer = match self {
            Resource::Vm => "/status/printableStatus",
            Resource::Vmi | Resource::DataVolume | Resource::Pvc => "/status/phase",
            Resource::Namespace | Resource::VmTemplate | Resource::Template => return None,
        };
        item.pointer(pointer).and_then(Value::as_str).map(str::to_string)
    }
}

/// The resource a type word stands for, as upstream's commands accept them (`vm`, `vmis`,
/// `virtualmachine`, `dv`, `pvc`, ...).
pub fn resource_for_type(word: &str) -> Option<Resource> {
    match Kind::from_word(word) {
        Some(Kind::Vm) => return Some(Resource::Vm),
        Some(Kind::Vmi) => return Some(Resource::Vmi),
        None => {}
    }
    match word.to_ascii_lowercase().as_str() {
        "dv" | "dvs" | "datavolume" | "datavolumes" => Some(Resource::DataVolume),
        "pvc" | "pvcs" | "persistentvolumeclaim" | "persistentvolumeclaims" => Some(Resource::Pvc),
        _ => None,
    }
}

/// What the positional arguments of a command name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Positional {
    /// The first argument names an object: `start VM`.
    Name(Resource),
    /// The argument at this index (from 0) names an object: `usbredir DEVICE VMI`.
    NameAt(usize, Resource),
    /// A type word, then a name of that type: `pause vm|vmi NAME`.
    TypeThenName(&'static [&'static str]),
    /// A `[user@]type/name[/namespace]` target: `port-forward vm/NAME 22`, `ssh user@vmi/NAME`.
    Target(&'static [&'static str]),
    /// A target in any argument, followed by `:PATH`: `scp FILE user@vm/NAME:PATH` or back.
    AnyTarget(&'static [&'static str]),
}

const VM_OR_VMI: &[&str] = &["vm", "vmi"];
const DV_OR_PVC: &[&str] = &["dv", "pvc"];

/// Commands (space-separated path below `virtctl`) whose positional arguments name cluster
/// objects. Upstream's commands that this tree does not have yet are listed too: an entry only
/// takes effect once its command exists, and a test checks that every existing command whose
/// usage names a `(VM)` or `(VMI)` is listed.
pub const POSITIONALS: &[(&str, Positional)] = &[
    ("start", Positional::Name(Resource::Vm)),
    ("stop", Positional::Name(Resource::Vm)),
    ("restart", Positional::Name(Resource::Vm)),
    ("migrate", Positional::Name(Resource::Vm)),
    ("migrate-cancel", Positional::Name(Resource::Vm)),
    ("expand", Positional::Name(Resource::Vm)),
    ("soft-reboot", Positional::Name(Resource::Vmi)),
    ("reset", Positional::Name(Resource::Vmi)),
    ("guestosinfo", Positional::Name(Resource::Vmi)),
    ("userlist", Positional::Name(Resource::Vmi)),
    ("fslist", Positional::Name(Resource::Vmi)),
    ("console", Positional::Name(Resource::Vmi)),
    ("vnc", Positional::Name(Resource::Vmi)),
    ("vnc screenshot", Positional::Name(Resource::Vmi)),
    ("addvolume", Positional::Name(Resource::Vmi)),
    ("removevolume", Positional::Name(Resource::Vmi)),
    ("guestfs", Positional::Name(Resource::Pvc)),
    ("doctor vm", Positional::Name(Resource::Vm)),
    ("objectgraph", Positional::Name(Resource::Vm)),
    ("credentials add-ssh-key", Positional::Name(Resource::Vm)),
    ("credentials remove-ssh-key", Positional::Name(Resource::Vm)),
    ("credentials set-password", Positional::Name(Resource::Vm)),
    ("template process", Positional::Name(Resource::VmTemplate)),
    ("template convert", Positional::Name(Resource::Template)),
    ("usbredir", Positional::NameAt(1, Resource::Vmi)),
    ("memory-dump", Positional::NameAt(1, Resource::Vm)),
    ("pause", Positional::TypeThenName(VM_OR_VMI)),
    ("unpause", Positional::TypeThenName(VM_OR_VMI)),
    ("evacuate-cancel", Positional::TypeThenName(VM_OR_VMI)),
    ("expose", Positional::TypeThenName(VM_OR_VMI)),
    ("image-upload", Positional::TypeThenName(DV_OR_PVC)),
    ("port-forward", Positional::Target(VM_OR_VMI)),
    ("ssh", Positional::Target(VM_OR_VMI)),
    ("scp", Positional::AnyTarget(VM_OR_VMI)),
];

/// Flags (command path, long name) whose value names a cluster object.
pub const FLAGS: &[(&str, &str, Resource)] = &[
    ("image-upload", "pvc-name", Resource::Pvc),
    ("vmexport", "vm", Resource::Vm),
    ("vmexport", "pvc", Resource::Pvc),
    ("memory-dump", "claim-name", Resource::Pvc),
    ("guestfs", "vm", Resource::Vm),
    // The clone source is a VM unless `--source-type` says snapshot; VMs are the default.
    ("create clone", "source-name", Resource::Vm),
    ("template process", "name", Resource::VmTemplate),
    ("template convert", "name", Resource::Template),
    ("template create", "vm-name", Resource::Vm),
    ("addvolume", "volume-name", Resource::Pvc),
    ("expand", "vm", Resource::Vm),
];

/// Flags (command path, long name) whose value is a local file.
pub const FILE_FLAGS: &[(&str, &str)] = &[
    ("image-upload", "image-path"),
    ("image-upload", "archive-path"),
    ("vnc screenshot", "file"),
    ("template process", "file"),
    ("template process", "params-file"),
    ("template convert", "file"),
    ("vmexport", "output"),
    ("memory-dump", "output"),
    ("ssh", "identity-file"),
    ("ssh", "known-hosts"),
    ("scp", "identity-file"),
    ("scp", "known-hosts"),
    ("credentials add-ssh-key", "file"),
    ("credentials remove-ssh-key", "file"),
    ("credentials set-password", "password-file"),
    ("create vm", "password-file"),
    ("expand", "file"),
];

/// Answers a completion request and exits, or returns at once when this run is not one.
/// `tree` builds the whole command tree (it is `cli`'s to know).
///
/// `COMPLETE=<shell> virtctl` prints the shell's registration script;
/// `COMPLETE=<shell> virtctl -- <words>` prints the candidates for the word at the cursor.
pub fn complete_if_requested(tree: fn() -> clap::Command) {
    let Some(shell) = std::env::var_os(COMPLETE_VAR) else {
        return;
    };
    if shell.is_empty() || shell == "0" {
        return;
    }
    let _ = TREE.set(tree);
    let args: Vec<OsString> = std::env::args_os().collect();
    let completing = args.iter().any(|a| a == "--");
    if completing {
        // A bug must not print a panic message into the user's command line either.
        std::panic::set_hook(Box::new(|_| {}));
        let line = ShellLine::from_args(&args, shell == "bash");
        let _ = LINE.set(line);
    }
    let _ = rustls::crypto::ring::default_provider().install_default();

    let shells = [
        &Quiet(Bash, true) as &dyn EnvCompleter,
        &Quiet(Zsh, false),
        &Quiet(Fish, false),
        &Quiet(Powershell, false),
        &Quiet(Elvish, false),
    ];
    let current_dir = std::env::current_dir().ok();
    let result = CompleteEnv::with_factory(|| command(tree()))
        .shells(Shells(&shells))
        .try_complete(args, current_dir.as_deref());
    match result {
        Ok(false) => {}
        Ok(true) => std::process::exit(0),
        // Registration (`COMPLETE=nosuchshell virtctl`) is run by a person: tell them.
        Err(err) if !completing => err.exit(),
        Err(_) => std::process::exit(0),
    }
}

/// cobra's hidden completion commands, which upstream virtctl answers like every cobra program.
const COBRA_COMMANDS: [&str; 2] = ["__complete", "__completeNoDesc"];
/// cobra's `ShellCompDirectiveDefault` (the shell may fall back to file names) and
/// `ShellCompDirectiveNoFileComp`.
const DIRECTIVE_DEFAULT: u8 = 0;
const DIRECTIVE_NO_FILE: u8 = 4;

/// `virtctl __complete WORDS... CURRENT`: the same candidates in cobra's protocol (one
/// `value\tdescription` per line, then `:DIRECTIVE`), which kubectl's plugin completion
/// (`kubectl_complete-virt`) and cobra-based tooling call. Exits when it answered.
pub fn cobra_complete_if_requested(tree: fn() -> clap::Command) {
    // Every run passes here: look at one argument before collecting them all.
    let requested = std::env::args_os()
        .nth(1)
        .is_some_and(|a| a.to_str().is_some_and(|a| COBRA_COMMANDS.contains(&a)));
    if !requested {
        return;
    }
    let args: Vec<OsString> = std::env::args_os().collect();
    let which = args[1].to_string_lossy();
    let _ = TREE.set(tree);
    std::panic::set_hook(Box::new(|_| {}));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut words = vec![args[0].clone()];
    words.extend(args[2..].iter().cloned());
    if words.len() == 1 {
        words.push(OsString::new());
    }
    let line = ShellLine::new(words, args.len().max(3) - 2, false);
    let current = line.current().to_string();
    let _ = LINE.set(line.clone());
    let current_dir = std::env::current_dir().ok();
    let candidates =
        clap_complete::engine::complete(&mut command(tree()), line.words, line.index, current_dir.as_deref())
            .unwrap_or_default();
    let with_descriptions = which == "__complete";
    let mut out = String::new();
    let mut offered = false;
    for candidate in &candidates {
        let value = candidate.get_value().to_string_lossy();
        if value.starts_with('-') && !current.starts_with('-') {
            continue;
        }
        offered = true;
        out.push_str(&value);
        if let Some(help) = candidate.get_help().filter(|_| with_descriptions) {
            let help = help.to_string();
            out.push('\t');
            out.push_str(help.lines().next().unwrap_or_default());
        }
        out.push('\n');
    }
    let (directive, name) = if offered {
        (DIRECTIVE_NO_FILE, "ShellCompDirectiveNoFileComp")
    } else {
        (DIRECTIVE_DEFAULT, "ShellCompDirectiveDefault")
    };
    let _ = writeln!(std::io::stdout(), "{out}:{directive}");
    let _ = writeln!(std::io::stderr(), "Completion ended with directive: {name}");
    std::process::exit(0);
}

/// The command tree with the cluster-aware completers attached.
pub fn command(tree: clap::Command) -> clap::Command {
    let mut command = tree
        .mut_arg("namespace", |arg| {
            arg.add(completer(Completer::Resource(Resource::Namespace)))
        })
        .mut_arg("context", |arg| {
            arg.add(completer(Completer::Kubeconfig(KubeconfigPart::Context)))
        })
        .mut_arg("cluster", |arg| {
            arg.add(completer(Completer::Kubeconfig(KubeconfigPart::Cluster)))
        })
        .mut_arg("user", |arg| {
            arg.add(completer(Completer::Kubeconfig(KubeconfigPart::User)))
        })
        .mut_arg("kubeconfig", |arg| arg.value_hint(clap::ValueHint::FilePath));
    for arg in ["certificate-authority", "client-certificate", "client-key"] {
        command = command.mut_arg(arg.replace('-', "_"), |arg| arg.value_hint(clap::ValueHint::FilePath));
    }
    for (path, positional) in POSITIONALS {
        command = with_subcommand(command, path, &|sub| {
            let ids: Vec<String> = sub.get_positionals().map(|a| a.get_id().to_string()).collect();
            ids.into_iter().fold(sub, |sub, id| {
                sub.mut_arg(id, |arg| arg.add(completer(Completer::Positional(*positional))))
            })
        });
    }
    for (path, long, resource) in FLAGS {
        command = with_subcommand(command, path, &|sub| {
            with_flag(sub, long, &|arg| arg.add(completer(Completer::Resource(*resource))))
        });
    }
    for (path, long) in FILE_FLAGS {
        command = with_subcommand(command, path, &|sub| {
            with_flag(sub, long, &|arg| arg.value_hint(clap::ValueHint::FilePath))
        });
    }
    command
}

/// Applies `change` to the flag `--long` of `command` when it has one.
fn with_flag(command: clap::Command, long: &str, change: &dyn Fn(clap::Arg) -> clap::Arg) -> clap::Command {
    let id = command
        .get_arguments()
        .find(|a| a.get_long() == Some(long))
        .map(|a| a.get_id().to_string());
    match id {
        Some(id) => command.mut_arg(id, change),
        None => command,
    }
}

/// Applies `change` to the subcommand at `path` (space-separated) when it exists.
fn with_subcommand(
    command: clap::Command,
    path: &str,
    change: &dyn Fn(clap::Command) -> clap::Command,
) -> clap::Command {
    let (first, rest) = path.split_once(' ').unwrap_or((path, ""));
    if command.find_subcommand(first).is_none() {
        return command;
    }
    command.mut_subcommand(first, |sub| {
        if rest.is_empty() {
            change(sub)
        } else {
            with_subcommand(sub, rest, change)
        }
    })
}

fn completer(completer: Completer) -> ArgValueCompleter {
    ArgValueCompleter::new(completer)
}

/// Names kept in a kubeconfig.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KubeconfigPart {
    Context,
    Cluster,
    User,
}

#[derive(Clone, Copy, Debug)]
enum Completer {
    Positional(Positional),
    Resource(Resource),
    Kubeconfig(KubeconfigPart),
}

impl ValueCompleter for Completer {
    fn complete(&self, current: &OsStr) -> Vec<CompletionCandidate> {
        let Some(current) = current.to_str() else {
            return Vec::new();
        };
        // Parsed only here: completing a command or flag name never pays for it.
        let line = LINE
            .get()
            .map(|words| CommandLine::parse(tree(), words.before_cursor()))
            .unwrap_or_default();
        let fetch = |resource| fetch_names(resource, &line.connection);
        let candidates = match *self {
            Completer::Positional(positional) => positional_candidates(positional, &line, current, &fetch),
            Completer::Resource(resource) => prefixed(current, "", fetch(resource)),
            Completer::Kubeconfig(part) => prefixed(current, "", kubeconfig_names(part, &line.connection)),
        };
        candidates
            .into_iter()
            .map(|(value, help)| CompletionCandidate::new(value).help(help.map(Into::into)))
            .collect()
    }
}

/// A name with an optional one-line description.
pub type Named = (String, Option<String>);

/// Candidates for a positional argument, given what is already on the line; `fetch` lists the
/// names of one kind in the namespace the command would use.
pub fn positional_candidates(
    positional: Positional,
    line: &CommandLine,
    current: &str,
    fetch: &dyn Fn(Resource) -> Vec<Named>,
) -> Vec<Named> {
    let index = line.positionals.len();
    match positional {
        Positional::Name(resource) if index == 0 => prefixed(current, "", fetch(resource)),
        Positional::Name(_) => Vec::new(),
        Positional::NameAt(at, resource) if index == at => prefixed(current, "", fetch(resource)),
        Positional::NameAt(..) => Vec::new(),
        Positional::TypeThenName(types) if index == 0 => prefixed(current, "", words(types)),
        Positional::TypeThenName(_) if index == 1 => match resource_for_type(&line.positionals[0]) {
            Some(resource) => prefixed(current, "", fetch(resource)),
            None => Vec::new(),
        },
        Positional::TypeThenName(_) => Vec::new(),
        Positional::Target(types) if index == 0 => target_candidates(types, current, fetch),
        Positional::Target(_) => Vec::new(),
        Positional::AnyTarget(types) if index < 2 => target_candidates(types, current, fetch),
        Positional::AnyTarget(_) => Vec::new(),
    }
}

fn words(words: &[&str]) -> Vec<Named> {
    words.iter().map(|w| (w.to_string(), None)).collect()
}

/// `[user@]type/name[/namespace]`: first the type (`vm/`), then names of that type, then the
/// namespaces.
fn target_candidates(types: &[&str], current: &str, fetch: &dyn Fn(Resource) -> Vec<Named>) -> Vec<Named> {
    let (user, target) = match current.split_once('@') {
        Some((user, target)) => (format!("{user}@"), target),
        None => (String::new(), current),
    };
    if target.contains(':') {
        // `vm/NAME:PATH`: the path is on the guest.
        return Vec::new();
    }
    let parts: Vec<&str> = target.split('/').collect();
    match parts.as_slice() {
        [_] => {
            let types: Vec<Named> = types.iter().map(|t| (format!("{t}/"), None)).collect();
            prefixed(current, &user, types)
        }
        [kind, _] => match resource_for_type(kind) {
            Some(resource) => prefixed(current, &format!("{user}{kind}/"), fetch(resource)),
            None => Vec::new(),
        },
        [kind, name, _] if resource_for_type(kind).is_some() => {
            prefixed(current, &format!("{user}{kind}/{name}/"), fetch(Resource::Namespace))
        }
        _ => Vec::new(),
    }
}

/// `prefix + name` for each name, keeping those that start with what is typed.
fn prefixed(current: &str, prefix: &str, names: Vec<Named>) -> Vec<Named> {
    names
        .into_iter()
        .map(|(name, help)| (format!("{prefix}{name}"), help))
        .filter(|(value, _)| value.starts_with(current))
        .collect()
}

/// What is already typed before the word being completed.
#[derive(Clone, Debug, Default)]
pub struct CommandLine {
    /// The connection flags typed so far (`--kubeconfig`, `--context`, `-n`, `--token`, ...).
    pub connection: ConnectionArgs,
    /// The positional values of the innermost subcommand typed so far.
    pub positionals: Vec<String>,
}

/// The words of the line being completed, for the completers (clap hands them only the word at
/// the cursor).
static LINE: OnceLock<ShellLine> = OnceLock::new();

/// What builds the whole command tree, as `main` handed it in; the completers parse the line
/// with it.
static TREE: OnceLock<fn() -> clap::Command> = OnceLock::new();

fn tree() -> clap::Command {
    TREE.get().map_or_else(clap::Command::default, |tree| tree())
}

/// The words the shell passed (program name first) and the index of the one at the cursor.
///
/// Bash splits words at the characters of `COMP_WORDBREAKS`, so `--namespace=demo` arrives as
/// `--namespace`, `=`, `demo`, and `-s https://h:6443` as `https`, `:`, `//h`, `:`, `6443`;
/// here they are joined again, and `prefix` keeps the part of the word at the cursor that bash
/// does not consider part of it (candidates must leave it out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellLine {
    pub words: Vec<OsString>,
    pub index: usize,
    pub prefix: String,
    /// Whether bash's word breaks were joined.
    pub rejoined: bool,
}

impl ShellLine {
    /// From `virtctl -- virtctl start ...` as the registration scripts call it; the cursor's
    /// index comes from `_CLAP_COMPLETE_INDEX` (bash, zsh, elvish), else it is the last word
    /// (fish, powershell).
    pub fn from_args(args: &[OsString], bash: bool) -> ShellLine {
        let words: Vec<OsString> = match args.iter().position(|a| a == "--") {
            Some(escape) => args[escape + 1..].to_vec(),
            None => Vec::new(),
        };
        let index = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse::<usize>().ok())
            .unwrap_or(words.len().saturating_sub(1));
        ShellLine::new(words, index, bash)
    }

    pub fn new(mut words: Vec<OsString>, index: usize, bash: bool) -> ShellLine {
        // zsh leaves out an empty word at the cursor.
        while words.len() <= index {
            words.push(OsString::new());
        }
        words.truncate(index + 1);
        if !bash {
            return ShellLine {
                words,
                index,
                prefix: String::new(),
                rejoined: false,
            };
        }
        let is_break = |w: &str| !w.is_empty() && w.chars().all(|c| "=:@".contains(c));
        let mut joined: Vec<String> = Vec::new();
        let mut pending_break: Option<String> = None;
        for (i, word) in words.iter().enumerate() {
            let word = word.to_string_lossy().into_owned();
            match (joined.last_mut(), pending_break.take()) {
                (Some(last), _) if i > 1 && is_break(&word) => {
                    last.push_str(&word);
                    pending_break = Some(word);
                }
                (Some(last), Some(separator)) => {
                    // After `@`, readline hands the word with the `@` again.
                    last.push_str(word.strip_prefix(separator.as_str()).unwrap_or(&word));
                }
                _ => joined.push(word),
            }
        }
        let current = words[index].to_string_lossy();
        let last = joined.last().cloned().unwrap_or_default();
        let prefix = last.strip_suffix(current.as_ref()).unwrap_or("").to_string();
        ShellLine {
            rejoined: joined.len() != words.len(),
            index: joined.len() - 1,
            words: joined.into_iter().map(OsString::from).collect(),
            prefix,
        }
    }

    /// The words between the program name and the cursor.
    pub fn before_cursor(&self) -> &[OsString] {
        &self.words[1.min(self.index)..self.index]
    }

    /// The word at the cursor.
    pub fn current(&self) -> String {
        self.words[self.index].to_string_lossy().into_owned()
    }
}

impl CommandLine {
    /// Parses the words after the program name, forgiving anything unfinished or wrong.
    pub fn parse(tree: clap::Command, words: &[OsString]) -> CommandLine {
        let mut command = tree.ignore_errors(true);
        // Help flags would end the parse before the words we need.
        let argv = std::iter::once(OsString::from("virtctl"))
            .chain(words.iter().filter(|w| *w != "--help" && *w != "-h").cloned());
        let Ok(matches) = command.try_get_matches_from_mut(argv) else {
            return CommandLine::default();
        };
        let connection = ConnectionArgs::from_arg_matches(&matches).unwrap_or_default();
        let mut in_subcommand = false;
        let mut current = &command;
        let mut current_matches = &matches;
        while let Some((name, sub_matches)) = current_matches.subcommand() {
            let Some(sub) = current.find_subcommand(name) else {
                break;
            };
            in_subcommand = true;
            current = sub;
            current_matches = sub_matches;
        }
        let mut positionals = Vec::new();
        if in_subcommand {
            for arg in current.get_positionals() {
                if let Ok(Some(values)) = current_matches.try_get_raw(arg.get_id().as_str()) {
                    positionals.extend(values.map(|v| v.to_string_lossy().into_owned()));
                }
            }
        }
        CommandLine {
            connection,
            positionals,
        }
    }
}

/// The deadline for one completion: [`TIMEOUT_VAR`], else one second.
fn deadline() -> Duration {
    std::env::var(TIMEOUT_VAR)
        .ok()
        .and_then(|v| parse_duration(&v).ok())
        .filter(|d| !d.is_zero())
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// The names of one kind in the namespace the command would use; empty on any failure or when
/// the deadline passes.
fn fetch_names(resource: Resource, connection: &ConnectionArgs) -> Vec<Named> {
    let budget = deadline();
    let connection = connection.clone();
    let (sender, receiver) = std::sync::mpsc::channel();
    // On its own thread, so that even a stuck credential plugin cannot hold completion past the
    // deadline: the process exits with the thread still running.
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
            return;
        };
        let names = runtime.block_on(async {
            tokio::time::timeout(budget, list(resource, &connection, budget))
                .await
                .ok()
                .flatten()
        });
        let _ = sender.send(names);
    });
    receiver
        .recv_timeout(budget + Duration::from_millis(50))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// One GET of the collection.
async fn list(resource: Resource, connection: &ConnectionArgs, budget: Duration) -> Option<Vec<Named>> {
    let cluster = Cluster::connect_unattended(connection, budget).await.ok()?;
    let response = cluster
        .api
        .send(Request::get(resource.list_path(&cluster.namespace)))
        .await
        .ok()?;
    let list: Value = response.json().ok()?;
    let mut names: Vec<Named> = list
        .get("items")?
        .as_array()?
        .iter()
        .filter_map(|item| {
            let name = item.pointer("/metadata/name")?.as_str()?.to_string();
            Some((name, resource.describe(item)))
        })
        .collect();
    names.sort();
    Some(names)
}

/// Context, cluster or user names from the kubeconfig files the command would read.
fn kubeconfig_names(part: KubeconfigPart, connection: &ConnectionArgs) -> Vec<Named> {
    let names = config::kubeconfig_names(connection);
    let names = match part {
        KubeconfigPart::Context => names.contexts,
        KubeconfigPart::Cluster => names.clusters,
        KubeconfigPart::User => names.users,
    };
    names.into_iter().map(|n| (n, None)).collect()
}

/// A shell adapter that leaves flags out unless the word being completed starts with `-`, as
/// cobra does: `virtctl start <TAB>` offers VM names only, and nothing at all when the cluster
/// cannot be asked.
struct Quiet<S>(S, bool);

impl<S: EnvCompleter> EnvCompleter for Quiet<S> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn is(&self, name: &str) -> bool {
        self.0.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        self.0.write_registration(var, name, bin, completer, buf)
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        let separator = std::env::var("_CLAP_IFS").ok().filter(|s| !s.is_empty());
        let separator = separator.as_deref().unwrap_or("\n");
        let line = ShellLine::from_args(
            &std::iter::once(OsString::from("--"))
                .chain(args.iter().cloned())
                .collect::<Vec<_>>(),
            self.1,
        );
        let current = line.current();
        let mut output = Vec::new();
        if line.rejoined {
            // Bash split the word at the cursor (or one before it): complete the joined words,
            // and hand back only the part bash will replace.
            let candidates = clap_complete::engine::complete(cmd, line.words.clone(), line.index, current_dir)?;
            let values: Vec<String> = candidates
                .iter()
                .filter_map(|c| {
                    let value = c.get_value().to_string_lossy();
                    value.strip_prefix(line.prefix.as_str()).map(str::to_string)
                })
                .collect();
            output.extend_from_slice(values.join(separator).as_bytes());
        } else {
            self.0.write_complete(cmd, args, current_dir, &mut output)?;
        }
        if current.starts_with('-') {
            return buf.write_all(&output);
        }
        buf.write_all(without_flags(&String::from_utf8_lossy(&output), separator).as_bytes())
    }
}

/// The shell's candidate list without the entries that are flags.
fn without_flags(output: &str, separator: &str) -> String {
    let trailing = output.ends_with(separator);
    let kept: Vec<&str> = output
        .split(separator)
        .filter(|entry| !entry.is_empty() && !entry.starts_with('-'))
        .collect();
    let mut text = kept.join(separator);
    if trailing && !text.is_empty() {
        text.push_str(separator);
    }
    text
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    // The real tree, as `main` hands it in.
    use crate::cli::Cli;

    use super::*;

    fn line(words: &[&str]) -> CommandLine {
        CommandLine::parse(Cli::command(), &words.iter().map(OsString::from).collect::<Vec<_>>())
    }

    fn fake(resource: Resource) -> Vec<Named> {
        let names: &[&str] = match resource {
            Resource::Vm => &["fedora", "rhel"],
            Resource::Vmi => &["fedora"],
            Resource::Namespace => &["default", "demo"],
            Resource::DataVolume => &["disk"],
            Resource::Pvc => &["claim"],
            Resource::VmTemplate => &["golden"],
            Resource::Template => &["legacy"],
        };
        names.iter().map(|n| (n.to_string(), None)).collect()
    }

    #[test]
    fn template_names_complete_from_their_kinds() {
        assert_eq!(
            Resource::VmTemplate.list_path("ns"),
            "/apis/template.kubevirt.io/v1beta1/namespaces/ns/virtualmachinetemplates"
        );
        assert_eq!(
            Resource::Template.list_path("ns"),
            "/apis/template.openshift.io/v1/namespaces/ns/templates"
        );
    }

    fn values(candidates: Vec<Named>) -> Vec<String> {
        candidates.into_iter().map(|(v, _)| v).collect()
    }

    #[test]
    fn the_line_gives_globals_subcommand_and_positionals() {
        let parsed = line(&["--kubeconfig", "/k", "pause", "-n", "ns1", "--context=c", "vm"]);
        assert_eq!(parsed.connection.kubeconfig.as_deref(), Some("/k"));
        assert_eq!(parsed.connection.namespace.as_deref(), Some("ns1"));
        assert_eq!(parsed.connection.context.as_deref(), Some("c"));
        assert_eq!(parsed.positionals, ["vm"]);

        let unfinished = line(&["start", "--timeout", "--help", "-nfoo"]);
        assert!(unfinished.positionals.is_empty());
        assert_eq!(unfinished.connection.namespace.as_deref(), Some("foo"));
    }

    fn shell(words: &[&str], index: usize, bash: bool) -> ShellLine {
        ShellLine::new(words.iter().map(OsString::from).collect(), index, bash)
    }

    #[test]
    fn shell_words_stop_at_the_cursor() {
        let fish = shell(&["virtctl", "-n", "demo", "pause", "vm", "fe"], 5, false);
        let parsed = CommandLine::parse(Cli::command(), fish.before_cursor());
        assert_eq!(parsed.connection.namespace.as_deref(), Some("demo"));
        assert_eq!(parsed.positionals, ["vm"]);
        assert_eq!(fish.current(), "fe");

        // zsh leaves the empty word at the cursor out.
        let zsh = shell(&["virtctl", "start"], 2, false);
        assert_eq!(zsh.current(), "");
        assert_eq!(zsh.before_cursor(), ["start"]);
    }

    /// As bash hands them over (checked against bash 5.2 in a terminal): `COMP_WORDS` split at
    /// `=`, `:` and `@`, the word at the cursor replaced by readline's own current word.
    #[test]
    fn bash_word_breaks_are_joined_again() {
        let equals = shell(&["virtctl", "start", "--namespace", "=", "de"], 4, true);
        assert_eq!(equals.words, ["virtctl", "start", "--namespace=de"]);
        assert_eq!((equals.index, equals.prefix.as_str()), (2, "--namespace="));

        let server = shell(
            &["virtctl", "-s", "https", ":", "//h", ":", "6443", "start", ""],
            8,
            true,
        );
        let parsed = CommandLine::parse(Cli::command(), server.before_cursor());
        assert_eq!(parsed.connection.server.as_deref(), Some("https://h:6443"));
        assert_eq!(server.prefix, "");

        let user = shell(&["virtctl", "ssh", "root", "@", "@vmi/f"], 4, true);
        assert_eq!(user.words, ["virtctl", "ssh", "root@vmi/f"]);
        assert_eq!(user.prefix, "root");

        let plain = shell(&["virtctl", "start", ""], 2, true);
        assert_eq!((plain.words.len(), plain.prefix.as_str()), (3, ""));
    }

    #[test]
    fn positionals_by_kind() {
        let start = values(positional_candidates(
            Positional::Name(Resource::Vm),
            &line(&["start"]),
            "r",
            &fake,
        ));
        assert_eq!(start, ["rhel"]);
        assert!(positional_candidates(Positional::Name(Resource::Vm), &line(&["start", "x"]), "", &fake).is_empty());

        let pause = Positional::TypeThenName(VM_OR_VMI);
        assert_eq!(
            values(positional_candidates(pause, &line(&["pause"]), "", &fake)),
            ["vm", "vmi"]
        );
        assert_eq!(
            values(positional_candidates(pause, &line(&["pause"]), "vmi", &fake)),
            ["vmi"]
        );
        assert_eq!(
            values(positional_candidates(pause, &line(&["pause", "vm"]), "", &fake)),
            ["fedora", "rhel"]
        );
        assert_eq!(
            values(positional_candidates(pause, &line(&["pause", "VMI"]), "", &fake)),
            ["fedora"]
        );
        assert!(positional_candidates(pause, &line(&["pause", "pod"]), "", &fake).is_empty());

        let usbredir = Positional::NameAt(1, Resource::Vmi);
        assert!(positional_candidates(usbredir, &line(&["usbredir"]), "", &fake).is_empty());
        assert_eq!(
            values(positional_candidates(
                usbredir,
                &line(&["usbredir", "0951:1666"]),
                "",
                &fake
            )),
            ["fedora"]
        );
    }

    #[test]
    fn targets_complete_type_then_name_then_namespace() {
        let target = |current: &str| values(target_candidates(VM_OR_VMI, current, &fake));
        assert_eq!(target(""), ["vm/", "vmi/"]);
        assert_eq!(target("vmi"), ["vmi/"]);
        assert_eq!(target("vm/"), ["vm/fedora", "vm/rhel"]);
        assert_eq!(target("vm/rh"), ["vm/rhel"]);
        assert_eq!(target("root@vmi/"), ["root@vmi/fedora"]);
        assert_eq!(target("root@"), ["root@vm/", "root@vmi/"]);
        assert_eq!(target("vm/rhel/d"), ["vm/rhel/default", "vm/rhel/demo"]);
        assert!(target("pod/").is_empty());
        assert!(target("vm/rhel:/tm").is_empty(), "guest paths are not completed");

        let scp = Positional::AnyTarget(VM_OR_VMI);
        assert_eq!(
            values(positional_candidates(
                scp,
                &line(&["scp", "file.txt"]),
                "jdoe@vm/f",
                &fake
            )),
            ["jdoe@vm/fedora"]
        );
    }

    #[test]
    fn flags_are_left_out_unless_asked_for() {
        assert_eq!(without_flags("a\x0b--dry-run\x0bb", "\x0b"), "a\x0bb");
        assert_eq!(without_flags("--dry-run\x0b--paused", "\x0b"), "");
        assert_eq!(
            without_flags("vm\tVirtual\n--help\tPrint help\n", "\n"),
            "vm\tVirtual\n"
        );
        assert_eq!(without_flags("", "\n"), "");
    }

    #[test]
    fn completers_are_attached_where_names_go() {
        let mut command = command(Cli::command());
        command.build();
        let has = |path: &[&str], id: &str| {
            let mut cmd = &command;
            for name in path {
                cmd = cmd.find_subcommand(name).unwrap();
            }
            cmd.get_arguments()
                .find(|a| a.get_id() == id)
                .is_some_and(|a| a.get::<ArgValueCompleter>().is_some())
        };
        assert!(has(&["start"], "values"));
        assert!(has(&["soft-reboot"], "values"));
        assert!(has(&["pause"], "values"));
        assert!(has(&[], "namespace"));
        assert!(has(&["start"], "namespace"), "globals carry their completer down");
        assert!(has(&[], "context"));
        assert!(has(&["image-upload"], "pvc_name"), "flags by their long name");
        assert!(!has(&["version"], "client"));
    }

    /// Every existing command whose usage takes a VM or VMI name has its names completed.
    #[test]
    fn every_command_taking_a_vm_or_vmi_is_listed() {
        // Nested subcommands (`vnc screenshot`, `doctor vm`) count too, by their path.
        fn walk(command: &clap::Command, prefix: &str) {
            for sub in command.get_subcommands() {
                let path = format!("{prefix}{}", sub.get_name());
                let usage = sub.get_overridden_usage().map(|u| u.to_string()).unwrap_or_default();
                if ["(VM)", "(VMI)", "vm|vmi", "(VM|VMI)", "vm <vm-name>", "vm NAME"]
                    .iter()
                    .any(|w| usage.contains(w))
                {
                    assert!(
                        POSITIONALS.iter().any(|(listed, _)| *listed == path),
                        "`{path}` takes a VM or VMI name: add it to POSITIONALS in {}",
                        file!()
                    );
                }
                walk(sub, &format!("{path} "));
            }
        }
        walk(&Cli::command(), "");
    }

    #[test]
    fn kubeconfig_names_come_from_the_file_on_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c1\n  cluster: {server: 'https://x'}\nusers:\n- name: u1\n  user: {}\ncontexts:\n- name: prod\n  context: {cluster: c1, user: u1}\n- name: dev\n  context: {cluster: c1, user: u1}\n",
        )
        .unwrap();
        let global = ConnectionArgs {
            kubeconfig: Some(path.to_string_lossy().into_owned()),
            ..Default::default()
        };
        assert_eq!(
            values(kubeconfig_names(KubeconfigPart::Context, &global)),
            ["dev", "prod"]
        );
        assert_eq!(values(kubeconfig_names(KubeconfigPart::Cluster, &global)), ["c1"]);
        assert_eq!(values(kubeconfig_names(KubeconfigPart::User, &global)), ["u1"]);
        let missing = ConnectionArgs {
            kubeconfig: Some(dir.path().join("nope").to_string_lossy().into_owned()),
            ..Default::default()
        };
        assert!(kubeconfig_names(KubeconfigPart::Context, &missing).is_empty());
    }

    #[test]
    fn an_unreachable_cluster_gives_nothing_quickly() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        // A server that accepts the connection and never answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            format!(
                "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster: {{server: 'https://{}'}}\nusers:\n- name: u\n  user: {{token: t}}\ncontexts:\n- name: c\n  context: {{cluster: c, user: u}}\n",
                listener.local_addr().unwrap()
            ),
        )
        .unwrap();
        let global = ConnectionArgs {
            kubeconfig: Some(path.to_string_lossy().into_owned()),
            ..Default::default()
        };
        let started = std::time::Instant::now();
        assert!(fetch_names(Resource::Vm, &global).is_empty());
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}
