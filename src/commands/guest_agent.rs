//! `guestosinfo`, `userlist` and `fslist`: what the guest agent reports, printed as upstream
//! re-encodes it.

use clap::Args;

use super::Positionals;
use crate::cluster::kubevirt::Vmi;
use crate::cluster::types::guest_agent::{FileSystem, GuestAgentInfo, GuestList, GuestUser, to_go_pretty};
use crate::context::Ctx;
use crate::error::Result;

#[derive(Clone, Copy)]
pub enum Query {
    GuestOsInfo,
    UserList,
    FsList,
}

#[derive(Args, Debug)]
pub struct GuestAgentArgs {
    #[command(flatten)]
    pub args: Positionals,
}

pub async fn run(query: Query, args: GuestAgentArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let cluster = ctx.cluster().await?;
    let vmi = Vmi::new(&cluster.api, &cluster.namespace, name);
    let text = match query {
        Query::GuestOsInfo => {
            let response = vmi.guest_os_info().await.map_err(|e| {
                e.context(
                    format!("Error getting guestosinfo of VirtualMachineInstance {name}"),
                    ", ",
                )
            })?;
            to_go_pretty(&response.json::<GuestAgentInfo>()?)
        }
        Query::UserList => {
            let response = vmi
                .user_list()
                .await
                .map_err(|e| e.context(format!("Error listing users of VirtualMachineInstance {name}"), ", "))?;
            to_go_pretty(&response.json::<GuestList<GuestUser>>()?)
        }
        Query::FsList => {
            let response = vmi.filesystem_list().await.map_err(|e| {
                e.context(
                    format!("Error listing filesystems of VirtualMachineInstance {name}"),
                    ", ",
                )
            })?;
            to_go_pretty(&response.json::<GuestList<FileSystem>>()?)
        }
    };
    ctx.out.raw(text)
}
