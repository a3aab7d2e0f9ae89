//! JSON GETs to cluster services exposed outside the API server, such as the OpenShift Routes of
//! the monitoring stack (`https://thanos-querier-openshift-monitoring.apps...`): TLS verified
//! against the system roots, the kubeconfig's CAs and an optional extra CA bundle (no
//! verification only with an explicit `--insecure-skip-tls-verify`), a bearer token that is sent
//! to that host only and never appears in errors.

use std::path::Path;
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::api::{error_chain, without_credentials};
use super::tls::tls_config;
use crate::error::{Error, Result};

/// Per-request time limit.
const TIMEOUT: Duration = Duration::from_secs(15);

pub struct RouteClient {
    client: reqwest::Client,
    token: Option<SecretString>,
}

/// The certificates of a PEM bundle (DER), or an error naming the file.
pub fn read_ca_file(path: &Path) -> Result<Vec<Vec<u8>>> {
    let certs: Vec<Vec<u8>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| Error::Io(format!("cannot read CA file {}: {e}", path.display())))?
        .filter_map(|c| c.ok())
        .map(|c| c.to_vec())
        .collect();
    if certs.is_empty() {
        return Err(Error::Io(format!(
            "CA file {} holds no PEM certificate",
            path.display()
        )));
    }
    Ok(certs)
}

impl RouteClient {
    pub fn new(trusted: &[Vec<u8>], insecure: bool, token: Option<SecretString>) -> Result<RouteClient> {
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(tls_config(trusted, insecure)?)
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| Error::Config(format!("cannot set up an HTTPS client: {}", error_chain(&e))))?;
        Ok(RouteClient { client, token })
    }

    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// GET `url` and decode its JSON body; a non-2xx status is an error naming the status.
    pub async fn get_json(&self, url: &str) -> Result<Value> {
        let mut request = self.client.get(url).header(http::header::ACCEPT, "application/json");
        let url = without_credentials(url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        let response = request.send().await.map_err(|e| Error::Transport {
            message: format!("cannot reach {url}: {}", error_chain(&e.without_url())),
            hint: None,
        })?;
        let status = response.status();
        if !status.is_success() {
            return Err(Error::Other(format!("{url} answered {status}")));
        }
        let body = response.bytes().await.map_err(|e| Error::Transport {
            message: format!("cannot read the answer of {url}: {}", error_chain(&e.without_url())),
            hint: None,
        })?;
        serde_json::from_slice(&body).map_err(|e| Error::Other(format!("{url}: cannot decode the answer: {e}")))
    }
}
