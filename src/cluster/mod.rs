//! Everything that talks to the cluster: configuration, the request layer, typed KubeVirt calls
//! and waits. Commands call these; they never build HTTP requests or TLS settings themselves.

pub mod api;
pub mod attach;
pub mod cdi;
pub mod config;
pub mod connection;
pub mod exec_credential;
pub mod export;
pub mod export_tunnel;
pub mod kubevirt;
pub mod local_bridge;
pub mod pod_portforward;
pub mod resources;
pub mod route;
pub mod templates;
pub mod tls;
pub mod trace;
pub mod types;
pub mod upload;
pub mod wait;
pub mod websocket;

use std::time::Duration;

use kube::config::ExecInteractiveMode;

use crate::error::{Error, Result};
use crate::go_syntax::parse_duration;
use api::Api;
use connection::ConnectionArgs;

/// A connected client and the namespace requests go to.
pub struct Cluster {
    pub api: Api,
    pub namespace: String,
    /// The kubeconfig's certificate authorities (DER), for connections beside the API server's.
    pub cluster_ca: Vec<Vec<u8>>,
    /// The kubeconfig's bearer token (what `oc login` stores), for cluster services reached
    /// outside the API server (monitoring Routes). Never printed.
    pub bearer_token: Option<secrecy::SecretString>,
}

impl Cluster {
    /// Builds the client from the kubeconfig and global flags. Sends nothing.
    pub async fn connect(args: &ConnectionArgs) -> Result<Cluster> {
        Self::from_config(config::load(args).await?)
    }

    /// For work no one watches (shell completion on TAB): an exec credential plugin must not
    /// prompt on the terminal, and each request ends within `budget`. Sends nothing.
    pub async fn connect_unattended(args: &ConnectionArgs, budget: Duration) -> Result<Cluster> {
        let mut args = args.clone();
        if parse_duration(&args.request_timeout).is_ok_and(|t| t.is_zero() || t > budget) {
            args.request_timeout = format!("{}ms", budget.as_millis());
        }
        let mut config = config::load(&args).await?;
        if let Some(exec) = config.kube.auth_info.exec.as_mut() {
            exec.interactive_mode = Some(ExecInteractiveMode::Never);
        }
        Self::from_config(config)
    }

    fn from_config(mut config: config::ClusterConfig) -> Result<Cluster> {
        let server = config.kube.cluster_url.to_string();
        let cluster_ca = config::cluster_ca(&config.kube);
        let bearer_token = config.kube.auth_info.token.clone();
        let proxy = config.kube.proxy_url.clone();
        let exec_token = exec_credential::take(&mut config.kube);
        let builder =
            kube::client::ClientBuilder::try_from(config.kube).map_err(|e| Error::Config(api::error_chain(&e)))?;
        let client = match &exec_token {
            Some(token) => builder.with_layer(&exec_credential::Layer(token.clone())).build(),
            None => builder.build(),
        };
        Ok(Cluster {
            api: Api::new(client, server)
                .via_proxy(proxy.as_ref())
                .renewing_credentials(exec_token.is_some()),
            namespace: config.namespace,
            cluster_ca,
            bearer_token,
        })
    }
}
