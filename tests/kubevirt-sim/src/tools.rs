//! External tools that tests drive (shells, tmux, OpenSSH, kubectl), found on `PATH`. Outside CI
//! a missing tool turns its test into a note on stderr; under CI (`CI` set to anything but
//! `false`/`0`, as `.ci/run` does after installing them) it fails the test, so nothing passes by
//! skipping where the tools are meant to be.

use std::path::PathBuf;

/// Whether this run is CI's.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The first `tool` on `PATH`.
pub fn find(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The path of each of `tools`, or `None` with a note naming what `test` would have checked.
/// Under CI a missing tool panics instead.
pub fn require(tools: &[&str], test: &str) -> Option<Vec<PathBuf>> {
    let found: Vec<Option<PathBuf>> = tools.iter().map(|t| find(t)).collect();
    let missing: Vec<&str> = tools
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(t, _)| *t)
        .collect();
    if missing.is_empty() {
        return Some(found.into_iter().flatten().collect());
    }
    let message = format!("{} not on PATH: {test} cannot run", missing.join(", "));
    assert!(
        !under_ci(),
        "{message} (CI installs every tool the tests drive: see .ci/run)"
    );
    eprintln!("note: {message}; skipped outside CI");
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_tool_on_path_and_not_a_made_up_one() {
        assert!(find("sh").is_some());
        assert!(find("no-such-tool-anywhere").is_none());
    }
}
