//! The files generated from the command tree and checked in: shell completion scripts under
//! `completions/` (static, as `virtctl completion SHELL` prints them), the scripts the packages
//! install under `completions/dynamic/` (completion that knows the cluster), and man pages under
//! `man/`. These tests fail when they are stale; run them with
//! `UPDATE_GENERATED=1` to rewrite the files instead:
//!
//! ```sh
//! UPDATE_GENERATED=1 cargo test --lib generated
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::cluster::types::version::GIT_VERSION;
use crate::commands::completion::{CompletionShell, dynamic, script};

const UPDATE_VAR: &str = "UPDATE_GENERATED";

fn repo_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn updating() -> bool {
    std::env::var_os(UPDATE_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `dir` with `expected` (file name -> content): same files, same bytes. With
/// `UPDATE_GENERATED=1`, rewrites the directory instead (and removes files no longer generated,
/// when `owns_dir`).
fn check_dir(dir: &Path, expected: &BTreeMap<String, Vec<u8>>, owns_dir: bool, what: &str) {
    let on_disk: BTreeMap<String, Vec<u8>> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .filter_map(|e| Some((e.file_name().into_string().ok()?, std::fs::read(e.path()).ok()?)))
                .filter(|(name, _)| owns_dir || expected.contains_key(name))
                .collect()
        })
        .unwrap_or_default();
    if updating() {
        std::fs::create_dir_all(dir).unwrap();
        for name in on_disk.keys().filter(|name| !expected.contains_key(*name)) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, content) in expected {
            std::fs::write(dir.join(name), content).unwrap();
        }
        return;
    }
    let stale: Vec<&String> = expected
        .iter()
        .filter(|(name, content)| on_disk.get(*name) != Some(content))
        .map(|(name, _)| name)
        .chain(on_disk.keys().filter(|name| !expected.contains_key(*name)))
        .collect();
    assert!(
        stale.is_empty(),
        "{what} in {} are stale ({stale:?}): regenerate them with `{UPDATE_VAR}=1 cargo test --lib generated`",
        dir.display()
    );
}

/// The completion scripts, as `virtctl completion SHELL` prints them.
fn completion_scripts() -> BTreeMap<String, Vec<u8>> {
    [
        (CompletionShell::Bash, "virtctl.bash"),
        (CompletionShell::Zsh, "virtctl.zsh"),
        (CompletionShell::Fish, "virtctl.fish"),
        (CompletionShell::Powershell, "virtctl.ps1"),
    ]
    .into_iter()
    .map(|(shell, file)| (file.to_string(), script(Cli::command(), shell)))
    .collect()
}

/// What the packages install: completion that knows the cluster (see `dynamic`), as
/// `COMPLETE=<shell> virtctl` prints it but calling `virtctl` from `PATH` (so it survives
/// upgrades and any install prefix). The zsh one also works autoloaded from `fpath` as
/// `_virtctl`, answering the very first TAB.
fn packaged_completions() -> BTreeMap<String, Vec<u8>> {
    use clap_complete::env::{Bash, EnvCompleter, Fish, Zsh};
    let zsh_autoload: &[u8] = b"\n# Autoloaded from fpath as _virtctl: complete this first TAB too.\n\
        if [[ \"${funcstack[1]-}\" == _virtctl ]]; then\n    _clap_dynamic_completer_virtctl \"$@\"\nfi\n";
    [
        (&Bash as &dyn EnvCompleter, "virtctl.bash", &b""[..]),
        (&Zsh, "_virtctl", zsh_autoload),
        (&Fish, "virtctl.fish", &b""[..]),
    ]
    .into_iter()
    .map(|(shell, file, tail)| {
        let mut script = Vec::new();
        shell
            .write_registration(dynamic::COMPLETE_VAR, "virtctl", "virtctl", "virtctl", &mut script)
            .unwrap();
        script.extend_from_slice(tail);
        (file.to_string(), script)
    })
    .collect()
}

/// `virtctl.1`, listing the global options as well, and one page per visible subcommand
/// (`virtctl-start.1`, `virtctl-completion-bash.1`, ...).
pub fn man_pages() -> BTreeMap<String, Vec<u8>> {
    let mut root = Cli::command();
    root.build();
    let mut pages = BTreeMap::new();
    // The global options are hidden from each command's help (as upstream's are) but belong in
    // the main page.
    let main = Cli::command()
        .disable_help_subcommand(true)
        .mut_args(|arg| if arg.is_global_set() { arg.hide(false) } else { arg });
    render(main, &mut pages);
    fn walk(command: &clap::Command, pages: &mut BTreeMap<String, Vec<u8>>) {
        for sub in command.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            render(sub.clone(), pages);
            walk(sub, pages);
        }
    }
    walk(&root, &mut pages);
    pages
}

/// One page: clap_mangen's sections, then the examples, then where to read on.
fn render(command: clap::Command, pages: &mut BTreeMap<String, Vec<u8>>) {
    use clap_mangen::roff::{Roff, roman};

    let is_main = command.get_display_name().is_none_or(|name| name == "virtctl");
    let man = clap_mangen::Man::new(command.clone())
        .source(format!("virtctl {GIT_VERSION}"))
        .manual("virtctl Manual");
    let mut page = Vec::new();
    man.render_title(&mut page).unwrap();
    man.render_name_section(&mut page).unwrap();
    man.render_synopsis_section(&mut page).unwrap();
    man.render_description_section(&mut page).unwrap();
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page).unwrap();
    }
    if command
        .get_subcommands()
        .any(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        man.render_subcommands_section(&mut page).unwrap();
    }

    let mut roff = Roff::default();
    if let Some(after) = command.get_after_help().map(|h| h.to_string()) {
        let (heading, text) = match after.strip_prefix("Examples:\n") {
            Some(examples) => ("EXAMPLES", examples.to_string()),
            None => ("NOTES", after.clone()),
        };
        roff.control("SH", [heading]);
        roff.control("nf", []);
        roff.text([roman(text.trim_end())]);
        roff.control("fi", []);
    }
    if is_main {
        roff.control("SH", ["ENVIRONMENT"]);
        for (name, text) in [
            (
                "KUBECONFIG",
                "A list of kubeconfig files to merge, as kubectl reads it; without it, ~/.kube/config.",
            ),
            (
                dynamic::COMPLETE_VAR,
                "Set to a shell name (bash, zsh, fish, powershell, elvish), virtctl prints that shell's script for completion that knows the cluster, e.g. source <(COMPLETE=bash virtctl).",
            ),
            (
                dynamic::TIMEOUT_VAR,
                "How long one completion may wait for the cluster (a duration such as 500ms or 3s; default 1s).",
            ),
        ] {
            roff.control("TP", []);
            roff.text([clap_mangen::roff::bold(name)]);
            roff.text([roman(text)]);
        }
        roff.control("SH", ["SEE ALSO"]);
        roff.text([roman("kubectl(1), https://kubevirt.io/user-guide/")]);
    } else {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([roman("virtctl(1) for the global options every command accepts.")]);
    }
    roff.to_writer(&mut page).unwrap();
    pages.insert(man.get_filename(), page);
}

#[test]
fn checked_in_completions_are_current() {
    check_dir(
        &repo_dir("completions"),
        &completion_scripts(),
        false,
        "completion scripts",
    );
}

#[test]
fn checked_in_packaged_completions_are_current() {
    check_dir(
        &repo_dir("completions/dynamic"),
        &packaged_completions(),
        true,
        "packaged completion scripts",
    );
}

#[test]
fn checked_in_man_pages_are_current() {
    check_dir(&repo_dir("man"), &man_pages(), true, "man pages");
}

#[test]
fn man_pages_cover_every_visible_command() {
    let pages = man_pages();
    for name in [
        "virtctl.1",
        "virtctl-start.1",
        "virtctl-pause.1",
        "virtctl-completion.1",
    ] {
        assert!(pages.contains_key(name), "no {name} in {:?}", pages.keys());
    }
    assert!(!pages.contains_key("virtctl-options.1"), "hidden commands get no page");
    let main = String::from_utf8(pages["virtctl.1"].clone()).unwrap();
    assert!(main.contains("kubeconfig"), "the main page lists the global options");
    let start = String::from_utf8(pages["virtctl-start.1"].clone()).unwrap();
    assert!(start.contains("paused"));
}
