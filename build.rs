//! Embeds the build's identity for `virtctl version`: git commit, tree state, build date and
//! compiler version (`VIRTCTL_GIT_COMMIT`, `VIRTCTL_GIT_TREE_STATE`, `VIRTCTL_BUILD_DATE`,
//! `VIRTCTL_RUSTC_VERSION`, read by `cluster::types::version`); on Linux/glibc, links gcc's
//! unwinder into the binary so that start-up loads no libgcc_s ([`link_unwinder_statically`]).
//!
//! Each value can be given in the environment (a packager building from a source tarball sets
//! `VIRTCTL_GIT_COMMIT`, and `SOURCE_DATE_EPOCH` for a reproducible date). Otherwise git is
//! asked, only when this source tree is a git checkout and git is installed; nothing here ever
//! touches the network, and a missing git leaves the fields empty rather than failing the build.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    for var in [
        "VIRTCTL_GIT_COMMIT",
        "VIRTCTL_GIT_TREE_STATE",
        "VIRTCTL_BUILD_DATE",
        "SOURCE_DATE_EPOCH",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    // Re-run when the sources change (the crate is rebuilt then anyway) or HEAD moves; not on
    // every git command, so that an unrelated `git status` does not force a rebuild.
    for path in ["build.rs", "Cargo.toml", "Cargo.lock", "src"] {
        println!("cargo:rerun-if-changed={path}");
    }

    let git = GitRepo::open(&root);
    if let Some(git) = &git {
        for path in git.watched_paths() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }

    let commit = from_env("VIRTCTL_GIT_COMMIT").or_else(|| git.as_ref().and_then(GitRepo::commit));
    // A source tarball built with its commit named is that commit's tree as released: clean.
    let tree_state = from_env("VIRTCTL_GIT_TREE_STATE").or_else(|| match &git {
        Some(git) => git.tree_state(),
        None => from_env("VIRTCTL_GIT_COMMIT").map(|_| "clean".to_string()),
    });
    let build_date = from_env("VIRTCTL_BUILD_DATE").unwrap_or_else(build_date);

    emit("VIRTCTL_GIT_COMMIT", commit.as_deref().unwrap_or(""));
    emit("VIRTCTL_GIT_TREE_STATE", tree_state.as_deref().unwrap_or(""));
    emit("VIRTCTL_BUILD_DATE", &build_date);
    if let Some(version) = rustc_version() {
        emit("VIRTCTL_RUSTC_VERSION", &version);
    }
    link_unwinder_statically();
}

/// On Linux/glibc, gcc's unwinder linked into the binary (`libgcc_eh.a`, as Rust's own static
/// builds do) instead of the `libgcc_s` that std asks for, which `--as-needed` then leaves out:
/// loading that shared library and running its constructor cost 0.14 ms of every start-up's CPU
/// (BENCHMARKS.md, "Start-up: two shared libraries fewer"). `src/pow.rs` does the same for libm.
/// Both lld (Rust's linker on x86_64 Linux) and GNU ld (the cross builds') leave libgcc_s out
/// then; `a_panicking_task_unwinds_to_its_caller` (lib.rs) checks that unwinding still works.
fn link_unwinder_statically() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    }
}

fn emit(name: &str, value: &str) {
    println!("cargo:rustc-env={name}={value}");
}

fn from_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A git checkout at the package root (not a repository somewhere above an unpacked tarball).
struct GitRepo {
    root: PathBuf,
    git_dir: PathBuf,
}

impl GitRepo {
    fn open(root: &Path) -> Option<GitRepo> {
        if !root.join(".git").exists() {
            return None;
        }
        let git_dir = git(root, &["rev-parse", "--absolute-git-dir"])?;
        Some(GitRepo {
            root: root.to_path_buf(),
            git_dir: PathBuf::from(git_dir),
        })
    }

    /// HEAD, the branch it points to, and packed refs: what changes when a commit is made.
    fn watched_paths(&self) -> Vec<PathBuf> {
        let mut paths = vec![self.git_dir.join("HEAD"), self.git_dir.join("packed-refs")];
        if let Some(reference) = git(&self.root, &["symbolic-ref", "-q", "HEAD"]) {
            let common = git(&self.root, &["rev-parse", "--git-common-dir"])
                .map(|dir| self.root.join(dir))
                .unwrap_or_else(|| self.git_dir.clone());
            paths.push(common.join(reference));
        }
        paths.retain(|p| p.exists());
        paths
    }

    fn commit(&self) -> Option<String> {
        git(&self.root, &["rev-parse", "HEAD"])
    }

    /// `clean` or `dirty`, as upstream's build reports: whether tracked files changed.
    fn tree_state(&self) -> Option<String> {
        let status = git_output(&self.root, &["status", "--porcelain", "--untracked-files=no"])?;
        Some(if status.is_empty() { "clean" } else { "dirty" }.into())
    }
}

/// Runs git and returns its trimmed output, or `None` when git is missing, fails or says nothing.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    git_output(dir, args).filter(|text| !text.is_empty())
}

/// Runs git and returns its trimmed output (possibly empty), or `None` when git is missing or fails.
fn git_output(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8(output.stdout).ok()?.trim().to_string())
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now; RFC 3339 in UTC, as upstream.
fn build_date() -> String {
    let seconds = from_env("SOURCE_DATE_EPOCH")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    rfc3339(seconds)
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        secs % 3_600 / 60,
        secs % 60
    )
}

/// `rust1.95.0`, shaped like Go's `go1.22.5` that upstream puts in the same field.
fn rustc_version() -> Option<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let version = text.split_whitespace().nth(1)?;
    Some(format!("rust{version}"))
}
