//! Upstream's recorded runs (`data/upstream-*.jsonl`: upstream virtctl's exit status, stdout and
//! stderr for an argument list) replayed against our binary. Nothing in a recording reaches a
//! cluster, so no simulator runs; the kubeconfig only supplies the context namespace `demo`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::*;

/// A file of recorded runs in `tests/e2e/data/`.
#[derive(Clone, Copy)]
pub enum Recording {
    /// `create vm|instancetype|preference|clone`: args start with the sub-command.
    Create,
    /// Commands that fail or finish before any request: args are `-n demo COMMAND ...`.
    Validation,
}

impl Recording {
    fn file(self) -> &'static str {
        match self {
            Recording::Create => "upstream-create.jsonl",
            Recording::Validation => "upstream-validation.jsonl",
        }
    }

    /// The word a case is filed under: `create`'s sub-command, or the command after `-n demo`.
    fn word(self, args: &[String]) -> &str {
        match self {
            Recording::Create => &args[1],
            Recording::Validation => args
                .iter()
                .skip_while(|a| a.starts_with('-') || *a == "demo")
                .map(String::as_str)
                .next()
                .unwrap_or(""),
        }
    }
}

/// One recorded upstream run.
struct Case {
    args: Vec<String>,
    exit: i32,
    stdout: String,
    stderr: String,
}

fn cases(recording: Recording) -> Vec<Case> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/e2e/data")
        .join(recording.file());
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
pub fn mask_random_names(text: &str) -> String {
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

/// Runs every recorded case filed under one of `words`; returns how many ran and one description
/// per mismatch.
pub fn mismatches(recording: Recording, words: &[&str]) -> (usize, Vec<String>) {
    let home = tempfile::tempdir().unwrap();
    let kubeconfig = write_kubeconfig(home.path());
    let mut ran = 0;
    let mut wrong = Vec::new();
    for case in cases(recording)
        .into_iter()
        .filter(|c| words.contains(&recording.word(&c.args)))
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

/// Asserts that every case of the recording matches, and that at least `least` ran.
pub fn assert_every_case_matches(recording: Recording, least: usize) {
    let all: Vec<String> = cases(recording)
        .iter()
        .map(|c| recording.word(&c.args).to_string())
        .collect();
    let mut words: Vec<&str> = all.iter().map(String::as_str).collect();
    words.sort_unstable();
    words.dedup();
    assert_all_match(recording, &words, least);
}

/// Asserts that every recorded case filed under `words` matches, and that at least `least` ran.
pub fn assert_all_match(recording: Recording, words: &[&str], least: usize) {
    let (ran, wrong) = mismatches(recording, words);
    assert!(
        ran >= least,
        "only {ran} recorded cases of {words:?} ran (expected at least {least})"
    );
    assert!(
        wrong.is_empty(),
        "{} of {ran} cases differ from upstream:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
