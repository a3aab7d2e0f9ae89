//! One module per command family. Each owns its clap `Args`, its `run`, and its messages;
//! the flag groups several commands share (`--dry-run`, `--wait`) are defined here once.
//! Which command runs is decided in `cli` (the only place that knows the whole tree).

pub mod adm;
pub mod completion;
pub mod console;
pub mod create;
pub mod credentials;
pub mod doctor;
pub mod evacuate_cancel;
pub mod expand;
pub mod expose;
pub mod guest_agent;
pub mod guestfs;
pub mod image_upload;
pub mod lifecycle;
pub mod memory_dump;
pub mod migrate;
pub mod objectgraph;
pub mod options;
pub mod pause;
pub mod permitted_devices;
pub mod port_forward;
pub mod ssh;
pub mod template;
pub mod usbredir;
pub mod version;
pub mod vmexport;
pub mod vmi_action;
pub mod vnc;
pub mod volumes;

use std::time::Duration;

use clap::Args;

use crate::cluster::types::options::dry_run_value;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::{parse_duration, parse_go_bool};

/// Positional arguments, checked by count as cobra's `ExactArgs(n)` does.
#[derive(Args, Debug, Clone)]
pub struct Positionals {
    #[arg(hide = true, num_args = 0..)]
    pub values: Vec<String>,
}

impl Positionals {
    /// The arguments when there are exactly `n` of them, else cobra's error.
    pub fn exactly(&self, n: usize) -> Result<&[String]> {
        if self.values.len() != n {
            return Err(Error::Usage(format!(
                "accepts {n} arg(s), received {}",
                self.values.len()
            )));
        }
        Ok(&self.values)
    }
}

/// `--dry-run`: validate on the server without changing anything.
#[derive(Args, Debug, Clone, Default)]
pub struct DryRunArg {
    /// --dry-run=false: Flag used to set whether to perform a dry run or not. If true the command will be executed without performing any changes.
    #[arg(long = "dry-run", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub dry_run: bool,
}

impl DryRunArg {
    /// Prints upstream's dry-run line when set, and returns the `dryRun` body value.
    pub fn announce(&self, ctx: &Ctx) -> Result<Vec<String>> {
        if self.dry_run {
            ctx.out.line("Dry Run execution")?;
        }
        Ok(dry_run_value(self.dry_run))
    }
}

/// `--wait` / `--timeout` (beyond upstream): return only once the VM reached the state asked for.
#[derive(Args, Debug, Clone)]
pub struct WaitArgs {
    /// Wait until the virtual machine reaches the requested state.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub wait: bool,
    /// How long --wait waits (e.g. 90s, 5m) before failing.
    #[arg(long, default_value = "5m", value_parser = parse_duration, value_name = "duration")]
    pub timeout: Duration,
}

impl WaitArgs {
    /// Whether to wait: not on a dry run, since nothing changes.
    pub fn active(&self, dry_run: bool) -> bool {
        self.wait && !dry_run
    }
}

/// Upstream's success line, e.g. `VM myvm was scheduled to start`.
pub fn scheduled(ctx: &Ctx, kind: &str, name: &str, action: &str) -> Result<()> {
    ctx.out.line(format!("{kind} {name} was scheduled to {action}"))
}

/// A string field of an object's metadata (`name`, `namespace`, `uid` ...), "" when missing.
pub fn meta<'a>(object: &'a serde_json::Value, field: &str) -> &'a str {
    object
        .get("metadata")
        .and_then(|m| m.get(field))
        .and_then(serde_json::Value::as_str)
        .unwrap_or("")
}

/// `word` unchanged when a POSIX shell reads it as is, else single-quoted (a `'` inside becomes
/// `'\''`).
pub fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_string();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn words_the_shell_reads_as_is_stay_unquoted_others_are_single_quoted() {
        assert_eq!(shell_quote("--kubeconfig=/a/b-c_d.yaml"), "--kubeconfig=/a/b-c_d.yaml");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$HOME`x`;|&*"), "'$HOME`x`;|&*'");
    }
}
