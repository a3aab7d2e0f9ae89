//! `completion bash|zsh|fish|powershell`: shell completion scripts generated from the command
//! tree (the same scripts are checked in under `completions/`, with the man pages under `man/`).
//! The completion that knows the cluster's VMs is [`dynamic`].

pub mod dynamic;

use clap::{Args, ValueEnum};
use clap_complete::Shell;

use crate::context::Ctx;
use crate::error::Result;
use crate::go_syntax::parse_go_bool;

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

/// The completion script of `tree` (the whole command tree) for `shell`, as bytes.
pub fn script(mut tree: clap::Command, shell: CompletionShell) -> Vec<u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell.clap_shell(), &mut tree, "virtctl", &mut buffer);
    buffer
}

pub fn run(args: &CompletionArgs, tree: clap::Command, ctx: &Ctx) -> Result<()> {
    let text = String::from_utf8(script(tree, args.shell)).expect("completion scripts are UTF-8");
    ctx.out.raw(text)
}
