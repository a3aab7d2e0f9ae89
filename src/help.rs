//! Help text in upstream's shape, rendered from the clap tree: cobra's help template with
//! virtctl's usage templates (the root lists its commands alphabetically under `Available
//! Commands:`; a command shows `Usage:`, `Examples:`, `Available Commands:` and `Flags:`), and
//! flags laid out as pflag's `FlagUsages` does (`--paused`, not clap's `--paused[=<PAUSED>]`).

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command};

/// The sub-command path whose help `argv` asks for (`virtctl create vm --help` and
/// `virtctl help create vm` both give `["create", "vm"]`).
pub fn requested_path(tree: &Command, argv: &[OsString]) -> Vec<String> {
    let words: Vec<String> = argv
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .filter(|a| !a.starts_with('-'))
        .collect();
    let words = match words.first().map(String::as_str) {
        Some("help") => &words[1..],
        _ => &words[..],
    };
    let mut path = Vec::new();
    let mut command = tree;
    for word in words {
        let Some(sub) = command.find_subcommand(word) else {
            continue;
        };
        path.push(sub.get_name().to_string());
        command = sub;
    }
    path
}

/// The help of the command at `path` in `tree` (the root when `path` is empty).
pub fn render(tree: &Command, path: &[String], program: &str) -> String {
    let mut command = tree;
    for name in path {
        match command.find_subcommand(name) {
            Some(sub) => command = sub,
            None => break,
        }
    }
    if std::ptr::eq(command, tree) {
        return root(tree, program);
    }
    render_command(command, path, program)
}

/// The help of one sub-command, `path` naming it under the program (for a command that prints
/// its own help, as `adm log-verbosity` without flags does).
pub fn render_command(command: &Command, path: &[String], program: &str) -> String {
    let mut text = description(command);
    text.push_str(&usage(command, path, program));
    text
}

/// virtctl's main template: the description and the commands, no flags.
fn root(tree: &Command, program: &str) -> String {
    let mut text = description(tree);
    text.push_str("Available Commands:");
    text.push_str(&command_list(tree, true));
    text.push_str(&format!(
        "\n\nUse \"{program} <command> --help\" for more information about a given command.\n\
         Use \"{program} options\" for a list of global command-line options (applies to all commands).\n"
    ));
    text
}

/// The long description (else the short one) and a blank line, as cobra's help template.
fn description(command: &Command) -> String {
    let about = command
        .get_long_about()
        .or(command.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    let about = about.trim_end();
    if about.is_empty() {
        return String::new();
    }
    format!("{about}\n\n")
}

/// virtctl's usage template for a sub-command.
fn usage(command: &Command, path: &[String], program: &str) -> String {
    let command_path = format!("{program} {}", path.join(" "));
    // Every command upstream is runnable (a family without its sub-command prints this help).
    let line = command
        .get_overridden_usage()
        .map(|u| u.to_string())
        .unwrap_or_else(|| format!("{command_path} [flags]"));
    let mut text = format!("Usage:\n  {line}");
    if has_visible_subcommands(command) {
        text.push_str(&format!("\n  {command_path} [command]"));
    }
    let after = command.get_after_help().map(|h| h.to_string()).unwrap_or_default();
    let after = after.trim_end();
    if !after.is_empty() {
        let examples = after.strip_prefix("Examples:\n").unwrap_or(after);
        text.push_str(&format!("\n\nExamples:\n{examples}"));
    }
    if has_visible_subcommands(command) {
        text.push_str("\n\nAvailable Commands:");
        text.push_str(&command_list(command, false));
    }
    // cobra gives every command `-h, --help`; clap adds its own only when the tree is built.
    let help = Arg::new("help").short('h').long("help").action(ArgAction::Help);
    let flags: Vec<&Arg> = command
        .get_arguments()
        .filter(|a| !a.is_positional() && !a.is_hide_set() && !a.is_global_set() && a.get_long() != Some("help"))
        .chain(std::iter::once(&help))
        .collect();
    text.push_str("\n\nFlags:\n");
    text.push_str(flag_usages(&flags, Some(command.get_name())).trim_end());
    text.push_str(&format!(
        "\n\nUse \"{program} options\" for a list of global command-line options (applies to all commands).\n"
    ));
    text
}

fn has_visible_subcommands(command: &Command) -> bool {
    command
        .get_subcommands()
        .any(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// `  name        short` per visible sub-command, sorted by name; names padded as cobra's
/// `NamePadding` (at least 11). cobra lists `help` only under the root.
fn command_list(command: &Command, with_help: bool) -> String {
    let mut subs: Vec<(&str, String)> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| (s.get_name(), s.get_about().map(|a| a.to_string()).unwrap_or_default()))
        .collect();
    if with_help {
        subs.push(("help", "Help about any command".to_string()));
    }
    subs.sort();
    let pad = subs.iter().map(|(n, _)| n.len()).max().unwrap_or(0).max(11);
    subs.iter()
        .map(|(name, short)| format!("\n  {name:pad$} {short}").trim_end().to_string())
        .collect()
}

/// pflag's `FlagUsages`: one line per flag sorted by name, the usage texts aligned three
/// spaces after the longest flag column; `-h, --help` reads "help for NAME" when `command`
/// names the command.
pub fn flag_usages(args: &[&Arg], command: Option<&str>) -> String {
    let mut rows: Vec<(String, String, String)> = args
        .iter()
        .filter_map(|arg| {
            let long = arg.get_long()?;
            let usage = match (long, command) {
                ("help", Some(name)) => format!("help for {name}"),
                _ => usage_text(arg),
            };
            Some((long.to_string(), flag_column(arg, long), usage))
        })
        .collect();
    rows.sort();
    let width = rows.iter().map(|(_, flag, _)| flag.len()).max().unwrap_or(0);
    rows.into_iter()
        .map(|(_, flag, usage)| format!("{flag:width$}   {usage}").trim_end().to_string() + "\n")
        .collect()
}

/// `  -s, --name type` (pflag omits the type of a bool flag).
fn flag_column(arg: &Arg, long: &str) -> String {
    let short = arg
        .get_short()
        .map(|s| format!("-{s}, "))
        .unwrap_or_else(|| "    ".to_string());
    let mut column = format!("  {short}--{long}");
    if let Some(type_word) = type_word(arg) {
        column.push(' ');
        column.push_str(&type_word);
    }
    column
}

/// A flag that takes no value, or Go's optional-value bool (`--paused`, `--paused=false`).
fn is_bool(arg: &Arg) -> bool {
    if matches!(
        arg.get_action(),
        ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Help | ArgAction::Count
    ) {
        return true;
    }
    let optional_value = arg.get_num_args().is_some_and(|n| n.min_values() == 0);
    let default: Vec<_> = arg.get_default_values().iter().filter_map(|v| v.to_str()).collect();
    optional_value && matches!(default.as_slice(), ["false"] | ["true"])
}

fn type_word(arg: &Arg) -> Option<String> {
    if is_bool(arg) {
        return None;
    }
    let name = arg.get_value_names()?.first()?.to_string();
    Some(name)
}

/// The flag's usage and, unless it is the zero value of its type, its default as pflag
/// prints it (quoted for strings). A default that the parser must not apply (so that "was it
/// given?" stays visible) is written at the end of the help text as `[default: X]`.
fn usage_text(arg: &Arg) -> String {
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let (help, documented) = match help.rsplit_once(" [default: ") {
        Some((text, rest)) if rest.ends_with(']') => (text.to_string(), Some(rest.trim_end_matches(']').to_string())),
        _ => (help, None),
    };
    let default = documented.or_else(|| {
        let values: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    });
    let Some(default) = default.filter(|d| !is_zero_value(d, arg)) else {
        return help;
    };
    match type_word(arg).as_deref() {
        Some("string") => format!("{help} (default {default:?})"),
        _ => format!("{help} (default {default})"),
    }
}

fn is_zero_value(default: &str, arg: &Arg) -> bool {
    match default {
        "" | "[]" | "0" | "0s" | "map[]" => true,
        "false" => is_bool(arg),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn tree() -> Command {
        crate::cli::Cli::command()
    }

    #[test]
    fn root_lists_commands_alphabetically_with_help() {
        let text = render(&tree(), &[], "virtctl");
        assert!(text.starts_with(
            "virtctl controls virtual machine related operations on your kubernetes cluster.\n\nAvailable Commands:\n"
        ));
        let names: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != "Available Commands:")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert!(names.contains(&"help") && names.contains(&"start") && !names.contains(&"options"));
        assert!(text.ends_with(
            "Use \"virtctl <command> --help\" for more information about a given command.\n\
             Use \"virtctl options\" for a list of global command-line options (applies to all commands).\n"
        ));
    }

    #[test]
    fn a_command_reads_as_cobra_prints_it() {
        let text = render(&tree(), &["start".to_string()], "virtctl");
        assert!(text.starts_with("Start a virtual machine"), "{text}");
        assert!(text.contains("\n\nUsage:\n  virtctl start (VM) [flags]\n\nExamples:\n  # Start a virtual machine called 'myvm':\n  virtctl start myvm\n\nFlags:\n"), "{text}");
        assert!(
            text.contains(
                "\n      --paused             --paused=false: If set to true, start virtual machine in paused state\n"
            ),
            "{text}"
        );
        assert!(text.contains("\n  -h, --help               help for start\n"), "{text}");
        assert!(!text.contains("[default"), "{text}");
    }

    #[test]
    fn typed_flags_show_their_type_and_non_zero_default() {
        let text = render(&tree(), &["stop".to_string()], "virtctl");
        assert!(text.contains("      --grace-period int "), "{text}");
        assert!(
            text.contains("Currently only setting 0 is supported. (default -1)\n"),
            "{text}"
        );
        let forward = render(&tree(), &["port-forward".to_string()], "virtctl");
        assert!(
            forward.contains("      --address string   Address to bind to (default \"127.0.0.1\")\n"),
            "{forward}"
        );
    }

    #[test]
    fn families_list_their_commands() {
        let text = render(&tree(), &["create".to_string()], "virtctl");
        assert!(
            text.contains("Usage:\n  virtctl create [flags]\n  virtctl create [command]\n"),
            "{text}"
        );
        assert!(text.contains("\nAvailable Commands:\n  clone "), "{text}");
    }

    #[test]
    fn the_requested_path_skips_flags_and_the_help_word() {
        let argv = |s: &str| s.split(' ').map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            requested_path(&tree(), &argv("virtctl create clone --help")),
            ["create", "clone"]
        );
        assert_eq!(requested_path(&tree(), &argv("virtctl help create")), ["create"]);
        assert_eq!(requested_path(&tree(), &argv("virtctl -n ns start --help")), ["start"]);
        assert!(requested_path(&tree(), &argv("virtctl --help")).is_empty());
    }
}
