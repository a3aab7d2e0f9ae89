//! `completion bash|zsh|fish|powershell`: shell completion scripts generated from the command
//! tree (the same scripts are checked in under `completions/`).

use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::context::Ctx;
use crate::error::Result;
use crate::flags::parse_go_bool;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl CompletionShell {
    pub fn clap_shell(self) -> Shell {
        match self {
            CompletionShell::Bash => Shell::Bash,
            CompletionShell::Zsh => Shell::Zsh,
            CompletionShell::Fish => Shell::Fish,
            CompletionShell::Powershell => Shell::PowerShell,
        }
    }
}

#[derive(Args, Debug)]
#[command(
    long_about = "Generate the autocompletion script for virtctl for the specified shell.\n\nTo load completions in your current bash shell session:\n\n\tsource <(virtctl completion bash)\n\nTo load completions for every new session, write the script to your shell's completion directory, e.g. for bash:\n\n\tvirtctl completion bash > /etc/bash_completion.d/virtctl"
)]
pub struct CompletionArgs {
    /// The shell to generate the script for
    #[arg(value_enum)]
    pub shell: CompletionShell,
    /// disable completion descriptions
    #[arg(long = "no-descriptions", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub no_descriptions: bool,
}

/// The completion script for `shell`, as bytes.
pub fn script(shell: CompletionShell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell.clap_shell(), &mut command, "virtctl", &mut buffer);
    buffer
}

pub fn run(args: CompletionArgs, ctx: &Ctx) -> Result<()> {
    let text = String::from_utf8(script(args.shell)).expect("completion scripts are UTF-8");
    ctx.out.raw(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scripts checked in under `completions/` must match the command tree.
    /// Regenerate with: `for s in bash zsh fish; do cargo run -q -- completion $s > completions/virtctl.$s; done;
    /// cargo run -q -- completion powershell > completions/virtctl.ps1`
    #[test]
    fn checked_in_completions_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
        for (shell, file) in [
            (CompletionShell::Bash, "virtctl.bash"),
            (CompletionShell::Zsh, "virtctl.zsh"),
            (CompletionShell::Fish, "virtctl.fish"),
            (CompletionShell::Powershell, "virtctl.ps1"),
        ] {
            let checked_in = std::fs::read(dir.join(file)).unwrap_or_default();
            assert!(
                checked_in == script(shell),
                "completions/{file} is stale: regenerate it with `cargo run -q -- completion {shell:?}`"
            );
        }
    }
}
