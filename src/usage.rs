//! Usage text and command-line errors, shaped like upstream's cobra: the program name
//! (`kubectl virt` as a plugin), and one-line errors with cobra's wording. The command tree comes
//! from `cli` as a value.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The command tree `tree` with usage lines naming `program`.
pub fn command_for(tree: clap::Command, program: &str) -> clap::Command {
    let command = tree;
    if program == "virtctl" {
        return command;
    }
    let rename = |text: String| text.replace("virtctl", program);
    let mut command = command.name(program.to_string()).bin_name(program.to_string());
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            let usage = sub.get_overridden_usage().map(|u| rename(u.to_string()));
            let after = sub.get_after_help().map(|h| rename(h.to_string()));
            let mut sub = sub;
            if let Some(usage) = usage {
                sub = sub.override_usage(usage);
            }
            if let Some(after) = after {
                sub = sub.after_help(after);
            }
            sub
        });
    }
    if let Some(after) = command.get_after_help().map(|h| rename(h.to_string())) {
        command = command.after_help(after);
    }
    command
}

/// `virtctl` with no command prints its usage on stdout and exits 0, as upstream.
pub fn print_root_help(tree: &clap::Command, program: &str) -> ExitCode {
    print_help(&crate::help::render(tree, &[], program))
}

fn print_help(text: &str) -> ExitCode {
    use std::io::Write;
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// Help requests print the help of the command `argv` names, in upstream's shape; every other
/// parse error becomes one line in cobra's words, with exit status 1.
pub fn report_clap_error(tree: &clap::Command, err: &clap::Error, argv: &[OsString], program: &str) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let path = crate::help::requested_path(tree, argv);
            print_help(&crate::help::render(tree, &path, program))
        }
        ErrorKind::DisplayVersion => {
            let _ = err.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{}", cobra_message(tree, err));
            ExitCode::FAILURE
        }
    }
}

fn context_string(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        _ => None,
    }
}

fn cobra_message(tree: &clap::Command, err: &clap::Error) -> String {
    match err.kind() {
        ErrorKind::UnknownArgument => {
            let arg = context_string(err, ContextKind::InvalidArg).unwrap_or_default();
            if let Some(long) = arg.strip_prefix("--") {
                format!("unknown flag: --{}", long.split('=').next().unwrap_or(long))
            } else if let Some(short) = arg.strip_prefix('-') {
                let first = short.chars().next().unwrap_or('-');
                format!("unknown shorthand flag: '{first}' in -{short}")
            } else {
                first_line(err)
            }
        }
        ErrorKind::InvalidSubcommand => {
            let name = context_string(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut text = format!("unknown command {name:?} for \"virtctl\"");
            let suggestions = suggestions_for(tree, &name);
            if !suggestions.is_empty() {
                text.push_str("\n\nDid you mean this?\n");
                for suggestion in suggestions {
                    text.push_str(&format!("\t{suggestion}\n"));
                }
            }
            text
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let arg = context_string(err, ContextKind::InvalidArg).unwrap_or_default();
            let flag = flag_display(tree, &arg);
            let value = context_string(err, ContextKind::InvalidValue).unwrap_or_default();
            let reason = std::error::Error::source(err).map(|s| s.to_string());
            match reason {
                Some(reason) => format!("invalid argument {value:?} for {flag:?} flag: {reason}"),
                None => first_line(err),
            }
        }
        _ => first_line(err),
    }
}

/// cobra's name for a flag in messages: `--flag`, or `-s, --flag` when it has a shorthand.
fn flag_display(tree: &clap::Command, clap_arg: &str) -> String {
    let long = clap_arg
        .split(|c: char| c.is_whitespace() || c == '[' || c == '=' || c == '<')
        .next()
        .unwrap_or("");
    let short = long.strip_prefix("--").and_then(|name| {
        tree.get_subcommands()
            .flat_map(|sub| sub.get_arguments().cloned().collect::<Vec<_>>())
            .chain(tree.get_arguments().cloned())
            .find(|a| a.get_long() == Some(name))
            .and_then(|a| a.get_short())
    });
    match short {
        Some(short) => format!("-{short}, {long}"),
        None => long.to_string(),
    }
}

/// cobra's suggestions: visible commands within edit distance 2 (case-insensitive) or that
/// start with what was typed.
fn suggestions_for(tree: &clap::Command, typed: &str) -> Vec<String> {
    let typed = typed.to_lowercase();
    tree.get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .map(|sub| sub.get_name().to_string())
        .filter(|name| levenshtein(&typed, &name.to_lowercase()) <= 2 || name.starts_with(&typed))
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

fn first_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let line = rendered.lines().next().unwrap_or("invalid command line");
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// The real tree, as `main` passes it.
    fn tree() -> clap::Command {
        crate::cli::Cli::command()
    }

    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("versoin", "version"), 2);
        assert_eq!(levenshtein("strat", "start"), 2);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn suggestions_follow_cobra() {
        assert_eq!(suggestions_for(&tree(), "versoin"), vec!["version".to_string()]);
        assert!(suggestions_for(&tree(), "zzzzzzzz").is_empty());
    }

    #[test]
    fn flag_names_in_messages() {
        assert_eq!(flag_display(&tree(), "--dry-run[=<DRY_RUN>]"), "--dry-run");
        assert_eq!(flag_display(&tree(), "--grace-period <int>"), "--grace-period");
        assert_eq!(flag_display(&tree(), "--namespace <string>"), "-n, --namespace");
    }
}
