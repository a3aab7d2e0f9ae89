//! `create instancetype|preference|clone` against upstream's recorded behaviour: every case of
//! `data/upstream-create.jsonl` (upstream virtctl run over the same arguments) must give the same
//! exit status, stdout and stderr, with random name suffixes masked. Nothing is sent, so no
//! simulator runs; the kubeconfig only supplies the context namespace `demo`. Also: each
//! sub-command's help lists every upstream flag.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::*;

/// One recorded upstream run.
struct Case {
    args: Vec<String>,
    exit: i32,
    stdout: String,
    stderr: String,
}

/// The sub-commands this build implements; the recorded `create vm` cases wait for it.
const IMPLEMENTED: [&str; 3] = ["instancetype", "preference", "clone"];

fn cases() -> Vec<Case> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/data/upstream-create.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let case: Value = serde_json::from_str(line).expect("each fixture line is JSON");
            Case {
                args: case["args"]
                    .as_array()
                    .expect("args")
                    .iter()
                    .map(|a| a.as_str().expect("string arg").to_string())
                    .collect(),
                exit: case["exit"].as_i64().expect("exit") as i32,
                stdout: case["stdout"].as_str().expect("stdout").to_string(),
                stderr: case["stderr"].as_str().expect("stderr").to_string(),
            }
        })
        .collect()
}

/// A kubeconfig whose context namespace is `demo`, as upstream's recording used; its server is
/// never contacted.
fn write_kubeconfig(dir: &Path) -> PathBuf {
    let path = dir.join("config");
    let text = "apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: https://127.0.0.1:1
users:
- name: u
  user:
    token: t
contexts:
- name: ctx
  context:
    cluster: c
    user: u
    namespace: demo
current-context: ctx
";
    std::fs::write(&path, text).expect("kubeconfig written");
    path
}

/// Random name suffixes (`clone-xxxxx`, `ssh-key-xxxxxx`, ...) replaced by `x`s of the same length.
fn mask_random_names(text: &str) -> String {
    const PREFIXES: [(&str, usize); 9] = [
        ("clusterinstancetype-", 5),
        ("instancetype-", 5),
        ("clusterpreference-", 5),
        ("preference-", 5),
        ("imported-volume-", 5),
        ("clone-", 5),
        ("vm-", 5),
        ("ssh-key-", 6),
        ("cloudinitdisk-", 5),
    ];
    const ALPHABET: &str = "bcdfghjklmnpqrstvwxz2456789";
    let mut out = text.to_string();
    for (prefix, length) in PREFIXES {
        let mut from = 0;
        while let Some(found) = out[from..].find(prefix) {
            let start = from + found + prefix.len();
            let suffix = out.get(start..start + length).unwrap_or("");
            let bounded = out[start + suffix.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            if suffix.len() == length && suffix.chars().all(|c| ALPHABET.contains(c)) && bounded {
                out.replace_range(start..start + length, &"x".repeat(length));
            }
            from = start;
        }
    }
    out
}

/// Runs every recorded case of the given sub-commands; returns one description per mismatch.
fn mismatches(subcommands: &[&str]) -> (usize, Vec<String>) {
    let home = tempfile::tempdir().unwrap();
    let kubeconfig = write_kubeconfig(home.path());
    let mut ran = 0;
    let mut wrong = Vec::new();
    for case in cases()
        .into_iter()
        .filter(|c| subcommands.contains(&c.args[1].as_str()))
    {
        ran += 1;
        let out = Outcome::of(
            bare_virtctl(home.path())
                .arg("--kubeconfig")
                .arg(&kubeconfig)
                .args(&case.args),
        );
        let ours = (out.code, mask_random_names(&out.stdout), mask_random_names(&out.stderr));
        let theirs = (
            case.exit,
            mask_random_names(&case.stdout),
            mask_random_names(&case.stderr),
        );
        if ours != theirs {
            wrong.push(format!("{:?}\n  upstream: {theirs:?}\n  ours:     {ours:?}", case.args));
        }
    }
    (ran, wrong)
}

#[test]
fn instancetype_preference_and_clone_match_upstream_byte_for_byte() {
    let (ran, wrong) = mismatches(&IMPLEMENTED);
    assert!(ran >= 25, "only {ran} recorded cases ran");
    assert!(
        wrong.is_empty(),
        "{} of {ran} cases differ from upstream:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
#[ignore = "create vm not implemented yet: its recorded upstream cases are pending"]
fn vm_matches_upstream_byte_for_byte_pending() {
    let (ran, wrong) = mismatches(&["vm"]);
    assert!(ran > 0, "no recorded create vm cases");
    assert!(
        wrong.is_empty(),
        "{} of {ran} cases differ from upstream:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn output_json_is_the_same_manifest_beyond_upstream() {
    let home = tempfile::tempdir().unwrap();
    let args = ["create", "preference", "--name=p1", "--cpu-topology=cores", "-n", "ns1"];
    let yaml = Outcome::of(bare_virtctl(home.path()).args(args));
    let json = Outcome::of(bare_virtctl(home.path()).args(args).args(["-o", "json"]));

    assert_eq!(yaml.code, 0, "{yaml:#?}");
    json.ok_quiet(
        "{\n  \"apiVersion\": \"instancetype.kubevirt.io/v1beta1\",\n  \"kind\": \"VirtualMachinePreference\",\n  \
         \"metadata\": {\n    \"name\": \"p1\",\n    \"namespace\": \"ns1\"\n  },\n  \"spec\": {\n    \"cpu\": {\n      \
         \"preferredCPUTopology\": \"cores\"\n    }\n  }\n}\n",
    );
    Outcome::of(bare_virtctl(home.path()).args(["create", "clone", "--source-name=a", "-o", "xml"]))
        .fails_with("invalid argument \"xml\" for \"-o, --output\" flag: must be yaml or json");
}

#[test]
fn masking_hides_only_random_suffixes() {
    assert_eq!(mask_random_names("name: clone-b2c4d\n"), "name: clone-xxxxx\n");
    assert_eq!(mask_random_names("name: clone-abcde\n"), "name: clone-abcde\n");
    assert_eq!(mask_random_names("name: vm-bcdfgh\n"), "name: vm-bcdfgh\n");
}

#[test]
fn every_create_subcommand_help_shows_every_upstream_flag() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/data/virtctl-commands.json");
    let inventory: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut missing = Vec::new();
    for sub in IMPLEMENTED {
        let upstream = inventory
            .iter()
            .find(|c| c["path"] == serde_json::json!(["create", sub]))
            .unwrap_or_else(|| panic!("create {sub} is not in the inventory"));
        let out = Outcome::of(bare_virtctl(home.path()).args(["create", sub, "--help"]));
        assert_eq!(out.code, 0, "create {sub} --help: {out:#?}");
        assert!(
            out.stdout.contains(upstream["usage"].as_str().unwrap()),
            "create {sub}: usage line differs:\n{}",
            out.stdout
        );
        for flag in upstream["flags"].as_array().expect("flags") {
            let name = flag["name"].as_str().unwrap();
            let short = flag["shorthand"].as_str().unwrap_or("");
            let shown = if short.is_empty() {
                format!("--{name}")
            } else {
                format!("-{short}, --{name}")
            };
            if !out.stdout.lines().any(|l| l.trim_start().starts_with(&shown)) {
                missing.push(format!("create {sub}: {shown}"));
            }
        }
    }
    assert!(missing.is_empty(), "flags missing from --help: {missing:#?}");
}
