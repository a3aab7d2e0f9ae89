//! The run context every command gets: the connection flags, the log level, the printer and a
//! cluster connection built on first use (so `version --client` never reads a kubeconfig).

use tokio::sync::OnceCell;

use crate::cluster::Cluster;
use crate::cluster::connection::ConnectionArgs;
use crate::error::Result;
use crate::output::Output;

pub struct Ctx {
    pub connection: ConnectionArgs,
    /// `-v`: the log level (kubectl's numbers).
    pub verbosity: i32,
    pub out: Output,
    cluster: OnceCell<Cluster>,
}

impl Ctx {
    pub fn new(connection: ConnectionArgs, verbosity: i32) -> Self {
        Ctx {
            connection,
            verbosity,
            out: Output,
            cluster: OnceCell::new(),
        }
    }

    /// This context without the global flags that a command's own flags of the same name
    /// shadow, as cobra's local flags hide persistent ones (`ssh -l/--username` is the guest's
    /// user, not the API server's basic-auth user name).
    pub fn shadowing(&self, shadow: impl FnOnce(&mut ConnectionArgs)) -> Ctx {
        let mut connection = self.connection.clone();
        shadow(&mut connection);
        Ctx::new(connection, self.verbosity)
    }

    /// The cluster connection, built from the kubeconfig the first time it is asked for.
    pub async fn cluster(&self) -> Result<&Cluster> {
        self.cluster
            .get_or_try_init(|| async {
                let mut cluster = Cluster::connect(&self.connection).await?;
                cluster.api = cluster.api.traced(self.verbosity);
                Ok(cluster)
            })
            .await
    }

    /// The connection if one was already made (for the failure hint after an error).
    pub fn existing_cluster(&self) -> Option<&Cluster> {
        self.cluster.get()
    }
}
