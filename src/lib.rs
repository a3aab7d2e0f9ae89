//! virtctl as a library: the whole command line tool behind [`main_entry`], which the binary
//! (`main.rs`) calls and nothing else. The modules stay private to the crate; the one other
//! public item, the hidden [`fuzzing`] module, hands the parsers to the cargo-fuzz targets in
//! `fuzz/` (a separate crate must link a library). Parse, run, report: any error becomes one line
//! on stderr and an exit status.

mod cli;
mod cluster;
mod commands;
mod context;
mod error;
#[doc(hidden)]
pub mod fuzzing;
#[cfg(test)]
mod generated;
mod go_syntax;
mod go_yaml;
mod help;
mod output;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod pow;
mod target;
mod terminal;
mod transfer;
mod usage;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::context::Ctx;
use crate::error::Error;

/// The whole of `virtctl`: parse the command line, run the command, report the outcome.
pub fn main_entry() -> ExitCode {
    // `COMPLETE=bash virtctl ...`: answer the shell's completion request and exit.
    commands::completion::dynamic::complete_if_requested(Cli::command);
    // `virtctl __complete ...`: the same, in cobra's protocol (kubectl's plugin completion).
    commands::completion::dynamic::cobra_complete_if_requested(Cli::command);
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let program = cli::program_name(
        &argv
            .first()
            .map(|a| a.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );

    let (tree, parsed) = parse_line(&argv, &program);
    let matches = match parsed {
        Ok(matches) => matches,
        Err(err) => return report_parse_error(tree, &err, &argv, &program),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return report_parse_error(tree, &err, &argv, &program),
    };
    let Some(cli::Commands(command)) = cli.command else {
        return usage::print_root_help(&tree, &program);
    };

    let ctx = Ctx::new(cli.global.connection, cli.global.verbosity);
    // A command that needs no cluster has run by now, and only its error needs the runtime
    // (`report` is async).
    let local = command.run_local(&ctx);
    if let Some(Ok(())) = local {
        return ExitCode::SUCCESS;
    }
    // Two rustls providers in the tree would panic at first use; make ring the one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let result = match local {
            Some(result) => result,
            None => command.run(&ctx).await,
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => report(&ctx, err).await,
        }
    })
}

/// Parses `argv` against the tree of the one command it names, or of none when it names none
/// (`cli::parse_tree`); a line that fails there is parsed again against the root with every
/// command, whose tree then reports it. What the root's help lists (a line without a command,
/// `--help`) comes from the whole root unbuilt. Only what the line names is built, borrowed
/// and not cloned: a copy of the whole tree cost 0.3-0.5 ms of start-up CPU.
fn parse_line(argv: &[std::ffi::OsString], program: &str) -> (clap::Command, clap::error::Result<clap::ArgMatches>) {
    use clap::error::ErrorKind::{DisplayHelp, DisplayHelpOnMissingArgumentOrSubcommand};
    let first = cli::parse_tree(Some(argv));
    let mut tree = usage::command_for(first.tree, program);
    let parsed = tree.try_get_matches_from_mut(argv);
    let root_help = match &parsed {
        Ok(_) => true,
        Err(err) => matches!(err.kind(), DisplayHelp | DisplayHelpOnMissingArgumentOrSubcommand),
    };
    match first.root {
        cli::Root::Whole => return (tree, parsed),
        cli::Root::Named if parsed.is_ok() => return (tree, parsed),
        cli::Root::Bare if root_help => return (usage::command_for(cli::parse_tree(None).tree, program), parsed),
        _ => {}
    }
    let mut tree = usage::command_for(cli::parse_tree(None).tree, program);
    let parsed = tree.try_get_matches_from_mut(argv);
    (tree, parsed)
}

/// Reports a parse error or help request of the partly built `tree`: the root's help from it
/// (commands' names and summaries are always built); anything else from the whole tree, parsed
/// the same way, so every command's help and error lines are what they would be fully built.
fn report_parse_error(tree: clap::Command, err: &clap::Error, argv: &[std::ffi::OsString], program: &str) -> ExitCode {
    let root_help =
        matches!(err.kind(), clap::error::ErrorKind::DisplayHelp) && help::requested_path(&tree, argv).is_empty();
    if root_help {
        return usage::report_clap_error(&tree, err, argv, program);
    }
    let mut whole = usage::command_for(Cli::command(), program);
    let _ = whole.try_get_matches_from_mut(argv);
    usage::report_clap_error(&whole, err, argv, program)
}

/// Prints the error (after upstream's version-skew warning, when the server differs) and
/// returns its exit status.
async fn report(ctx: &Ctx, err: Error) -> ExitCode {
    if matches!(err.root(), Error::BrokenPipe) {
        return ExitCode::SUCCESS;
    }
    if let Error::Status(code) = err.root() {
        return ExitCode::from(*code);
    }
    if err.reached_server()
        && let Some(warning) = commands::version::skew_warning(ctx).await
    {
        ctx.out.note(warning);
    }
    ctx.out.note(err.to_string());
    if let Some(hint) = err.hint() {
        ctx.out.note(format!("hint: {hint}"));
    }
    ExitCode::from(err.exit_code())
}

#[cfg(test)]
mod tests {
    /// The unwinder the build script links in statically (instead of libgcc_s) unwinds: a task's
    /// panic reaches its caller as an error, which is why the release profile keeps "unwind".
    #[test]
    fn a_panicking_task_unwinds_to_its_caller() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        let joined = runtime.block_on(async { tokio::spawn(async { panic!("a task's panic, on purpose") }).await });
        assert!(joined.expect_err("the task panicked").is_panic());
    }
}
