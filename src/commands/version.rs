//! `version`: this client's version, and KubeVirt's unless `--client`.

use clap::Args;

use crate::cluster::kubevirt::server_version;
use crate::cluster::types::version::VersionInfo;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  # Print the client and server versions for the current context:\n  virtctl version"
)]
pub struct VersionArgs {
    #[command(flatten)]
    pub args: super::Positionals,
    /// Client version only (no server required).
    #[arg(short = 'c', long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub client: bool,
}

pub async fn run(args: VersionArgs, ctx: &Ctx) -> Result<()> {
    print_client(&args, ctx)?;
    if args.client {
        return Ok(());
    }
    let cluster = ctx
        .cluster()
        .await
        .map_err(|e| e.context("Cannot obtain virt client config", ": "))?;
    let server = server_version(&cluster.api)
        .await
        .map_err(|e| e.context("Could not fetch server version", ": "))?;
    ctx.out.line(format!("Server Version: {}", server.go_syntax()))
}

/// The first line of `version`, all of `version --client`: needs no cluster, no runtime.
pub fn print_client(args: &VersionArgs, ctx: &Ctx) -> Result<()> {
    // cobra's `NoArgs` reads a stray word as an unknown sub-command.
    if let Some(extra) = args.args.values.first() {
        return Err(Error::Usage(format!(
            "unknown command {extra:?} for \"virtctl version\""
        )));
    }
    ctx.out
        .line(format!("Client Version: {}", VersionInfo::client().go_syntax()))
}

/// The skew warning upstream prints before an error when client and cluster differ in
/// `major.minor`; `None` when they match or the server cannot tell.
pub async fn skew_warning(ctx: &Ctx) -> Option<String> {
    let cluster = ctx.existing_cluster()?;
    let server = server_version(&cluster.api).await.ok()?;
    let client = VersionInfo::client();
    let (Ok(ours), Ok(theirs)) = (client.major_minor(), server.major_minor()) else {
        return None;
    };
    (ours != theirs).then(|| {
        format!(
            "You are using a client virtctl version that is different from the KubeVirt version running in the cluster\nClient Version: {}\nServer Version: {}\n",
            client.git_version, server.git_version
        )
    })
}
