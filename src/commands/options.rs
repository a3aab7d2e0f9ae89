//! `options` (hidden, as upstream): the list of global flags every command accepts.

use crate::context::Ctx;
use crate::error::Result;

/// Prints the global flags of `tree` (the whole command tree, given by `cli`).
pub fn run(tree: &clap::Command, ctx: &Ctx) -> Result<()> {
    ctx.out.raw(render(tree))
}

/// One line per global flag, in cobra's `FlagUsages` layout.
pub fn render(tree: &clap::Command) -> String {
    let rows: Vec<(String, String)> = tree
        .get_arguments()
        .filter(|arg| arg.is_global_set() && arg.get_long().is_some())
        .map(|arg| {
            let long = arg.get_long().unwrap_or_default();
            let short = arg
                .get_short()
                .map(|s| format!("-{s}, "))
                .unwrap_or_else(|| "    ".to_string());
            let value = arg
                .get_value_names()
                .and_then(|names| names.first())
                .map(|name| format!(" {name}"))
                .unwrap_or_default();
            let default = arg
                .get_default_values()
                .first()
                .and_then(|d| d.to_str())
                .filter(|d| !d.is_empty() && *d != "false")
                .map(|d| format!(" (default {d:?})"))
                .unwrap_or_default();
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            (format!("  {short}--{long}{value}"), format!("{help}{default}"))
        })
        .collect();
    let width = rows.iter().map(|(flag, _)| flag.len()).max().unwrap_or(0);
    let mut text = String::from("The following options can be passed to any command:\n\n");
    for (flag, help) in rows {
        text.push_str(&format!("{flag:width$}   {help}\n"));
    }
    text
}
