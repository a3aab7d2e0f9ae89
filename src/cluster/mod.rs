//! Everything that talks to the cluster: configuration, the request layer, typed KubeVirt calls
//! and waits. Commands call these; they never build HTTP requests or TLS settings themselves.

pub mod api;
pub mod config;
pub mod kubevirt;
pub mod types;
pub mod wait;
pub mod websocket;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use api::Api;

/// A connected client and the namespace requests go to.
pub struct Cluster {
    pub api: Api,
    pub namespace: String,
}

impl Cluster {
    /// Builds the client from the kubeconfig and global flags. Sends nothing.
    pub async fn connect(global: &GlobalArgs) -> Result<Cluster> {
        let config = config::load(global).await?;
        let server = config.kube.cluster_url.to_string();
        let client = kube::Client::try_from(config.kube).map_err(|e| Error::Config(client_error_text(&e)))?;
        Ok(Cluster {
            api: Api::new(client, server),
            namespace: config.namespace,
        })
    }
}

fn client_error_text(err: &kube::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        let inner_text = inner.to_string();
        if !text.contains(&inner_text) {
            text = format!("{text}: {inner_text}");
        }
        source = inner.source();
    }
    text
}
