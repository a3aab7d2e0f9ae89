//! `options` (hidden, as upstream): the list of global flags every command accepts.

use crate::context::Ctx;
use crate::error::Result;

/// Prints the global flags of `tree` (the whole command tree, given by `cli`).
pub fn run(tree: &clap::Command, ctx: &Ctx) -> Result<()> {
    ctx.out.raw(render(tree))
}

/// One line per global flag, in cobra's `FlagUsages` layout.
pub fn render(tree: &clap::Command) -> String {
    let globals: Vec<&clap::Arg> = tree
        .get_arguments()
        .filter(|arg| arg.is_global_set() && arg.get_long().is_some())
        .collect();
    let flags = crate::help::flag_usages(&globals, None);
    format!(
        "The following options can be passed to any command:\n\n{}\n",
        flags.trim_end()
    )
}
