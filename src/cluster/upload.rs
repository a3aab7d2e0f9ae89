//! The HTTPS connection to CDI's upload proxy: URL rules, the async-endpoint probe
//! and the streamed POST. Failures come back classified (transient or not) so the command's
//! retry loop never has to read error text.

use std::time::Duration;

use http::{StatusCode, header};

use crate::error::{Error, Result, url_error};
use crate::transfer::body::{FileBody, LocalReadError};

pub const ASYNC_PATH: &str = "/v1beta1/upload-async";
pub const SYNC_PATH: &str = "/v1beta1/upload";

/// How much of an error response body is kept for the message.
const ERROR_BODY_CAP: usize = 4096;

/// Prepends `https://` when the URL names no scheme (upstream mis-parses `host:port`).
pub fn normalize_proxy_url(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        url.to_string()
    } else {
        format!("https://{url}")
    }
}

/// The async upload URL: `endpoint` path-joined to the proxy URL unless the URL already has it.
pub fn endpoint_url(base: &str, endpoint: &str) -> Result<String> {
    if base.contains(endpoint) {
        return Ok(base.to_string());
    }
    let mut url = url::Url::parse(base).map_err(|e| Error::Usage(format!("invalid upload proxy URL {base:?}: {e}")))?;
    let path = format!("{}{endpoint}", url.path().trim_end_matches('/'));
    url.set_path(&path);
    Ok(url.to_string())
}

/// Why one upload attempt failed.
#[derive(Debug)]
pub enum UploadFailure {
    /// The proxy (or the upload server behind it) answered with something other than 200.
    Status { code: u16, body: String },
    /// The connection failed or broke; `transient` when trying again may succeed.
    Transport {
        message: String,
        transient: bool,
        hint: Option<String>,
    },
    /// The local file could not be read.
    Local(String),
}

impl UploadFailure {
    /// Worth another attempt: dropped connections and the proxy's 502/503/504.
    pub fn is_transient(&self) -> bool {
        match self {
            UploadFailure::Status { code, .. } => matches!(code, 502..=504),
            UploadFailure::Transport { transient, .. } => *transient,
            UploadFailure::Local(_) => false,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        matches!(self, UploadFailure::Status { code: 401, .. })
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            UploadFailure::Transport { hint, .. } => hint.as_deref(),
            _ => None,
        }
    }
}

impl std::fmt::Display for UploadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UploadFailure::Status { code, body } => write!(f, "unexpected return value {code}, {body}"),
            UploadFailure::Transport { message, .. } => f.write_str(message),
            UploadFailure::Local(message) => f.write_str(message),
        }
    }
}

/// A client for one upload proxy.
pub struct UploadProxy {
    client: reqwest::Client,
    base: String,
}

impl UploadProxy {
    /// `base` is the normalized proxy URL.
    pub fn new(base: String, tls: rustls::ClientConfig) -> Result<UploadProxy> {
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .http1_only()
            .connect_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| Error::Config(format!("cannot set up the upload client: {e}")))?;
        Ok(UploadProxy { client, base })
    }

    /// The URL to POST to: the async endpoint when a `HEAD` on it answers 200, else the sync one.
    pub async fn endpoint(&self, token: &str) -> Result<String> {
        let async_url = endpoint_url(&self.base, ASYNC_PATH)?;
        let probe = self.client.head(&async_url).bearer_auth(token).send().await;
        if probe.is_ok_and(|r| r.status() == StatusCode::OK) {
            return Ok(async_url);
        }
        endpoint_url(&self.base, SYNC_PATH)
    }

    /// Streams `body` (`len` bytes) to `url`. Success is a 200.
    pub async fn post(&self, url: &str, token: &str, body: FileBody, len: u64) -> Result<(), UploadFailure> {
        let response = self
            .client
            .post(url)
            .bearer_auth(token)
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .header(header::CONTENT_LENGTH, len)
            .body(reqwest::Body::wrap(body))
            .send()
            .await
            .map_err(|e| classify(url, &e))?;
        let status = response.status();
        if status == StatusCode::OK {
            return Ok(());
        }
        let html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("text/html"));
        let mut text = response.text().await.unwrap_or_default();
        if html {
            // An ingress's error page (an OpenShift Route without endpoints answers 503 with
            // "Application is not available"): its headline says it, the markup would only
            // spread one error over dozens of lines. Upstream prints the page whole.
            text = html_headline(&text);
        }
        if text.len() > ERROR_BODY_CAP {
            let mut end = ERROR_BODY_CAP;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        Err(UploadFailure::Status {
            code: status.as_u16(),
            body: text.trim_end().to_string(),
        })
    }
}

/// The text of an HTML page's first `<h1>`, else of its `<title>`, else the page as it is.
fn html_headline(page: &str) -> String {
    let inner = |tag: &str| {
        let lower = page.to_ascii_lowercase();
        let open = lower.find(&format!("<{tag}"))?;
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find(&format!("</{tag}"))?;
        let text = page[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    };
    inner("h1")
        .or_else(|| inner("title"))
        .unwrap_or_else(|| page.to_string())
}

/// Turns a client error into a failure with Go's `Post "URL": cause` shape.
fn classify(url: &str, err: &reqwest::Error) -> UploadFailure {
    let url = super::api::without_credentials(url);
    let causes: Vec<_> = super::api::causes(err).collect();
    if let Some(local) = causes.iter().find_map(|e| e.downcast_ref::<LocalReadError>()) {
        return UploadFailure::Local(local.to_string());
    }
    if let Some(tls) = causes.iter().find_map(|e| e.downcast_ref::<rustls::Error>()) {
        let hint = match tls {
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer) => Some(
                "the upload proxy's certificate is not signed by a CA this machine or the kubeconfig trusts: add its CA to the system trust store (or SSL_CERT_FILE), or pass --insecure"
                    .to_string(),
            ),
            rustls::Error::InvalidCertificate(_) => Some(
                "check --uploadproxy-url: the upload proxy's certificate does not match it".to_string(),
            ),
            _ => None,
        };
        return UploadFailure::Transport {
            message: url_error("POST", &url, format_args!("tls: {tls}")),
            transient: false,
            hint,
        };
    }
    let text = summary(&causes);
    let lower = text.to_lowercase();
    let dns = lower.contains("dns error") || lower.contains("failed to lookup address");
    UploadFailure::Transport {
        message: url_error("POST", &url, text),
        transient: !dns,
        hint: dns.then(|| "check the host name in --uploadproxy-url or the CDIConfig".to_string()),
    }
}

/// The most specific causes, without reqwest's own wrapper texts.
fn summary(causes: &[&(dyn std::error::Error + 'static)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in causes.iter().skip(1) {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    if parts.is_empty() {
        parts.push(causes.first().map(|e| e.to_string()).unwrap_or_default());
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_is_added_when_missing() {
        assert_eq!(
            normalize_proxy_url("cdi-uploadproxy.cdi.svc"),
            "https://cdi-uploadproxy.cdi.svc"
        );
        assert_eq!(normalize_proxy_url("10.0.0.1:8443"), "https://10.0.0.1:8443");
        assert_eq!(normalize_proxy_url("http://proxy"), "http://proxy");
        assert_eq!(normalize_proxy_url("HTTPS://proxy"), "HTTPS://proxy");
    }

    #[test]
    fn endpoints_are_path_joined() {
        assert_eq!(
            endpoint_url("https://proxy", ASYNC_PATH).unwrap(),
            "https://proxy/v1beta1/upload-async"
        );
        assert_eq!(
            endpoint_url("https://proxy/prefix/", SYNC_PATH).unwrap(),
            "https://proxy/prefix/v1beta1/upload"
        );
        assert_eq!(
            endpoint_url("https://proxy/v1beta1/upload-async", ASYNC_PATH).unwrap(),
            "https://proxy/v1beta1/upload-async"
        );
        assert_eq!(
            endpoint_url("https://proxy/v1beta1/upload-async", SYNC_PATH).unwrap(),
            "https://proxy/v1beta1/upload-async",
            "upstream keeps a URL that already contains the sync path"
        );
        assert!(endpoint_url("https://[bad", SYNC_PATH).is_err());
    }

    #[test]
    fn an_html_error_page_is_reduced_to_its_headline() {
        let router = "<html>\n  <head><title>x</title></head>\n  <body><div>\n    <H1>Application is\n not available</H1>\n<p>more</p></div></body></html>\n";
        assert_eq!(html_headline(router), "Application is not available");
        assert_eq!(
            html_headline("<html><title>503 Service Unavailable</title></html>"),
            "503 Service Unavailable"
        );
        assert_eq!(html_headline("<p>no headline</p>"), "<p>no headline</p>");
    }

    #[test]
    fn transient_failures() {
        let status = |code| UploadFailure::Status {
            code,
            body: String::new(),
        };
        assert!(status(503).is_transient());
        assert!(status(502).is_transient());
        assert!(!status(400).is_transient());
        assert!(!status(500).is_transient());
        assert!(status(401).is_unauthorized());
        assert!(!UploadFailure::Local("x".into()).is_transient());
        assert_eq!(status(409).to_string(), "unexpected return value 409, ");
    }
}
