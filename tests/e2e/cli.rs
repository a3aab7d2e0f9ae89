//! The command line itself: usage, cobra-worded parse errors, per-command help against the
//! upstream flag inventory, the `kubectl virt` plugin name, and a closed stdout.

use std::path::PathBuf;
use std::process::Stdio;

use serde_json::Value;

use crate::support::*;

/// The commands this build implements, checked against `virtctl-commands.json`.
const COMMANDS: [&str; 35] = [
    "start",
    "stop",
    "restart",
    "pause",
    "unpause",
    "migrate",
    "migrate-cancel",
    "evacuate-cancel",
    "soft-reboot",
    "reset",
    "fslist",
    "guestosinfo",
    "userlist",
    "version",
    "completion",
    "console",
    "vnc",
    "port-forward",
    "usbredir",
    "ssh",
    "scp",
    "image-upload",
    "create",
    "credentials",
    "adm",
    "permitted-devices",
    "objectgraph",
    "template",
    "addvolume",
    "removevolume",
    "expand",
    "expose",
    "guestfs",
    "vmexport",
    "memory-dump",
];

/// Upstream's command inventory (a copy of the spec's `virtctl-commands.json` kept beside the
/// tests, or `$VIRTCTL_COMMANDS_JSON`).
fn inventory() -> Vec<Value> {
    let path = std::env::var_os("VIRTCTL_COMMANDS_JSON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/data/virtctl-commands.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the command inventory {}: {e}", path.display()));
    serde_json::from_str(&text).expect("the command inventory is JSON")
}

fn upstream_command(inventory: &[Value], name: &str) -> Value {
    inventory
        .iter()
        .find(|c| c["path"] == serde_json::json!([name]))
        .unwrap_or_else(|| panic!("{name} is not in the inventory"))
        .clone()
}

fn home() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn virtctl(args: &[&str]) -> Outcome {
    let home = home();
    Outcome::of(bare_virtctl(home.path()).args(args))
}

#[test]
fn no_arguments_prints_usage_and_succeeds() {
    let out = virtctl(&[]);

    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout
            .contains("virtctl controls virtual machine related operations on your kubernetes cluster."),
        "{}",
        out.stdout
    );
    for command in COMMANDS {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{command} "))),
            "{command} is not listed:\n{}",
            out.stdout
        );
    }
}

#[test]
fn unknown_command_uses_cobra_words() {
    let out = virtctl(&["bogus"]);

    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr.trim_end(), "unknown command \"bogus\" for \"virtctl\"");
}

#[test]
fn unknown_command_close_to_a_real_one_suggests_it() {
    let out = virtctl(&["versoin"]);

    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr
            .starts_with("unknown command \"versoin\" for \"virtctl\"\n\nDid you mean this?\n\tversion\n"),
        "{out:#?}"
    );
}

#[test]
fn unknown_flags_use_cobra_words() {
    virtctl(&["start", "vm1", "--x"]).fails_with("unknown flag: --x");
    virtctl(&["start", "vm1", "--x=1"]).fails_with("unknown flag: --x");
    virtctl(&["stop", "vm1", "-x"]).fails_with("unknown shorthand flag: 'x' in -x");
}

#[test]
fn wrong_argument_counts_use_cobra_words() {
    let env = Env::new();

    env.run(&["start"]).fails_with("accepts 1 arg(s), received 0");
    env.run(&["stop", "a", "b"]).fails_with("accepts 1 arg(s), received 2");
    env.run(&["migrate-cancel"]).fails_with("accepts 1 arg(s), received 0");
    env.run(&["evacuate-cancel", "vm"])
        .fails_with("accepts 2 arg(s), received 1");
    env.run(&["guestosinfo"]).fails_with("accepts 1 arg(s), received 0");
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn bad_boolean_flag_values_use_pflag_words() {
    virtctl(&["start", "vm1", "--dry-run=maybe"]).fails_with(
        "invalid argument \"maybe\" for \"--dry-run\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
    );
}

#[test]
fn durations_too_long_for_go_are_one_error_line_not_a_panic() {
    virtctl(&["start", "vm1", "--timeout=6000000000000000h"]).fails_with(
        "invalid argument \"6000000000000000h\" for \"--timeout\" flag: invalid duration \"6000000000000000h\"",
    );
    let outcome = virtctl(&["start", "vm1", "--request-timeout=99999999999999999"]);
    assert_eq!(outcome.code, 1, "{outcome:?}");
    assert!(outcome.stderr.starts_with("invalid timeout value."), "{outcome:?}");
    assert!(!outcome.stderr.contains("panicked"), "{outcome:?}");
}

#[test]
fn every_command_help_shows_every_upstream_flag() {
    let inventory = inventory();
    let mut missing = Vec::new();
    // Every command and sub-command (`create vm`, `template process`, ...) of the implemented ones.
    let paths: Vec<Vec<String>> = inventory
        .iter()
        .filter_map(|c| {
            let path: Vec<String> = c["path"]
                .as_array()?
                .iter()
                .filter_map(|w| w.as_str().map(str::to_string))
                .collect();
            let implemented = path.first().is_some_and(|first| COMMANDS.contains(&first.as_str()));
            (implemented && c["hidden"].as_bool() != Some(true)).then_some(path)
        })
        .collect();
    assert!(paths.len() > COMMANDS.len(), "sub-commands are covered too");
    for path in &paths {
        let upstream = inventory
            .iter()
            .find(|c| c["path"] == serde_json::json!(path))
            .expect("in the inventory");
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = virtctl(&args);
        let command = path.join(" ");
        assert_eq!(out.code, 0, "{command} --help: {out:#?}");
        for flag in upstream["flags"].as_array().expect("flags") {
            // Hidden (deprecated) flags are left out of upstream's help too.
            if flag["hidden"].as_bool() == Some(true) {
                continue;
            }
            let name = flag["name"].as_str().unwrap();
            let short = flag["shorthand"].as_str().unwrap_or("");
            let shown = if short.is_empty() {
                format!("--{name}")
            } else {
                format!("-{short}, --{name}")
            };
            let present = out.stdout.lines().any(|l| l.trim_start().starts_with(&shown));
            if !present {
                missing.push(format!("{command}: {shown}"));
            }
        }
    }
    assert!(missing.is_empty(), "flags missing from --help: {missing:#?}");
}

#[test]
fn every_command_help_shows_the_upstream_usage_line() {
    let inventory = inventory();
    let mut wrong = Vec::new();
    for command in COMMANDS {
        let usage = upstream_command(&inventory, command)["usage"]
            .as_str()
            .unwrap()
            .to_string();
        let out = virtctl(&[command, "--help"]);
        if !out.stdout.contains(&usage) {
            let ours = out
                .stdout
                .lines()
                .find(|l| l.starts_with("Usage:"))
                .unwrap_or("")
                .to_string();
            wrong.push(format!("{command}: upstream {usage:?}, ours {ours:?}"));
        }
    }
    assert!(wrong.is_empty(), "usage lines differ from upstream: {wrong:#?}");
}

#[test]
fn help_contacts_nothing() {
    let env = Env::new();

    let out = env.run(&["start", "--help"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert!(out.stdout.contains("virtctl start (VM) [flags]"), "{}", out.stdout);
    assert_eq!(env.sim.requests(), []);
}

#[test]
fn as_a_kubectl_plugin_usage_says_kubectl_virt() {
    let dir = home();
    let plugin = dir.path().join("kubectl-virt");
    std::os::unix::fs::symlink(crate::support::virtctl_bin(), &plugin).unwrap();
    let run = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::new(&plugin);
        cmd.env_remove("KUBECONFIG").env("HOME", dir.path()).args(args);
        Outcome::of(&mut cmd)
    };

    let root = run(&[]);
    assert_eq!(root.code, 0, "{root:#?}");
    assert!(root.stdout.contains("kubectl virt"), "{}", root.stdout);
    assert!(root.stdout.contains("Use \"kubectl virt options\""), "{}", root.stdout);

    let start = run(&["start", "--help"]);
    assert_eq!(start.code, 0, "{start:#?}");
    assert!(
        start.stdout.contains("kubectl virt start (VM) [flags]"),
        "{}",
        start.stdout
    );
    assert!(start.stdout.contains("  kubectl virt start myvm"), "{}", start.stdout);
    assert!(!start.stdout.contains("virtctl"), "{}", start.stdout);
}

#[test]
fn completion_scripts_are_generated_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete"),
        ("zsh", "#compdef"),
        ("fish", "complete -c"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = virtctl(&["completion", shell]);
        assert_eq!(out.code, 0, "{shell}: {out:#?}");
        assert!(out.stdout.contains(marker), "{shell} script lacks {marker:?}");
        assert!(
            out.stdout.contains("migrate-cancel"),
            "{shell} script lacks the commands"
        );
    }
}

#[test]
fn closed_stdout_ends_quietly() {
    let home = home();
    let (reader, writer) = std::io::pipe().expect("a pipe");
    // The reader is gone before virtctl writes a byte: every write fails with EPIPE.
    drop(reader);
    let output = std::process::Command::new(crate::support::virtctl_bin())
        .args(["completion", "bash"])
        .env("HOME", home.path())
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("virtctl runs");

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "", "a closed pipe is not an error");
    assert_eq!(output.status.code(), Some(0));
}

/// Help reads as upstream's cobra prints it: commands alphabetical under `Available Commands:`,
/// `Usage:` on its own line, `Flags:` with pflag's layout (`--paused`, not
/// `--paused[=<PAUSED>] ... [default: false]`), and `help CMD` the same as `CMD --help`.
#[test]
fn help_has_upstreams_shape() {
    let root = virtctl(&["--help"]);
    assert_eq!(root.code, 0, "{root:#?}");
    let listed: Vec<&str> = root
        .stdout
        .lines()
        .skip_while(|l| *l != "Available Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "{}", root.stdout);
    assert!(listed.len() > COMMANDS.len(), "{}", root.stdout);

    let start = virtctl(&["start", "--help"]);
    assert_eq!(start.code, 0, "{start:#?}");
    assert!(
        start.stdout.contains("\nUsage:\n  virtctl start (VM) [flags]\n"),
        "{}",
        start.stdout
    );
    assert!(
        start.stdout.lines().any(|l| l.starts_with("      --paused ")
            && l.ends_with("--paused=false: If set to true, start virtual machine in paused state")),
        "{}",
        start.stdout
    );
    assert!(!start.stdout.contains("[default"), "{}", start.stdout);
    assert_eq!(virtctl(&["help", "start"]).stdout, start.stdout);
}
