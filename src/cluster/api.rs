//! Sends requests to the API server and turns failures into the errors client-go would report:
//! a decoded `Status` message, a generic text per HTTP code, or a transport error that says what
//! to check.
//!
//! Requests are described by [`Request`], a pure value, so paths, queries and bodies can be
//! built and tested without a server.

use std::time::Instant;

use bytes::Bytes;
use http::{Method, StatusCode, header};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;

use super::trace::Trace;
use crate::error::{ApiError, Error, Result, go_quote, url_error};

const ACCEPT: &str = "application/json, */*";
pub const JSON: &str = "application/json";

/// One API request, described without I/O.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub content_type: Option<&'static str>,
    /// The resource plural and object name, for client-go's generic messages.
    pub resource: Option<(String, String)>,
    /// Whether a `Status` body is decoded into the error (client-go's typed calls) or ignored
    /// (its raw-body calls, which always show the generic text).
    pub decode_status: bool,
}

impl Request {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            content_type: None,
            resource: None,
            decode_status: true,
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    /// A body sent as raw bytes with no `Content-Type`, as client-go does for subresource PUTs.
    pub fn raw_body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    pub fn body(mut self, body: Vec<u8>, content_type: &'static str) -> Self {
        self.body = Some(body);
        self.content_type = Some(content_type);
        self
    }

    pub fn resource(mut self, plural: &str, name: &str) -> Self {
        self.resource = Some((plural.to_string(), name.to_string()));
        self
    }

    pub fn raw_errors(mut self) -> Self {
        self.decode_status = false;
        self
    }

    /// The path and encoded query, as sent.
    pub fn uri(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.query.iter())
            .finish();
        format!("{}?{}", self.path, query)
    }
}

/// A successful response.
#[derive(Debug)]
pub struct Response {
    pub body: Bytes,
}

fn undecodable(e: serde_json::Error) -> Error {
    Error::Other(format!("cannot decode the server's answer: {e}"))
}

impl Response {
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(undecodable)
    }

    /// The body decoded through `seed` (a decoder that carries state, such as a field mask).
    pub fn json_seed<T>(&self, seed: impl for<'de> serde::de::DeserializeSeed<'de, Value = T>) -> Result<T> {
        let mut decoder = serde_json::Deserializer::from_slice(&self.body);
        let value = seed.deserialize(&mut decoder).map_err(undecodable)?;
        decoder.end().map_err(undecodable)?;
        Ok(value)
    }
}

/// The API server connection: a kube client plus the URLs it talks to and through (for
/// messages).
#[derive(Clone)]
pub struct Api {
    client: kube::Client,
    server: String,
    /// the proxy the client goes through, without credentials
    proxy: Option<String>,
    /// what `-v` asks to be shown of each request
    trace: Trace,
    /// an exec plugin gives the token and is asked again after a 401 (`exec_credential`)
    renews_credentials: bool,
}

impl Api {
    pub fn new(client: kube::Client, server: String) -> Self {
        Api {
            client,
            server,
            proxy: None,
            trace: Trace::default(),
            renews_credentials: false,
        }
    }

    /// Says that the client's token comes from an exec plugin that is run again after a 401,
    /// so a request refused with 401 is worth sending once more.
    pub fn renewing_credentials(mut self, renews: bool) -> Self {
        self.renews_credentials = renews;
        self
    }

    /// Shows each request on stderr as `-v` `level` asks (see [`super::trace`]).
    pub fn traced(mut self, level: i32) -> Self {
        self.trace = Trace { level };
        self
    }

    /// Names the proxy the client was configured with, so that failures can blame it.
    pub fn via_proxy(mut self, proxy: Option<&http::Uri>) -> Self {
        self.proxy = proxy.map(|uri| without_credentials(&uri.to_string()));
        self
    }

    /// The API server URL, as the kubeconfig or `--server` gave it.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// The kube client, for the websocket layer's upgrade requests.
    pub(crate) fn client(&self) -> &kube::Client {
        &self.client
    }

    /// A transport failure of the websocket upgrade on `path`, described as for any other
    /// request; but a credential plugin's failure is its bare text, as upstream's websocket
    /// dialer reports it (no url.Error around it).
    pub(crate) fn transport_failure(&self, path: &str, err: &(dyn std::error::Error + 'static)) -> Error {
        if let Some(credential) = credential_failure(err) {
            return Error::Transport {
                message: credential.to_string(),
                hint: credential.hint.clone(),
            };
        }
        transport_error(&self.server, self.proxy.as_deref(), &Request::get(path), err)
    }

    /// Sends the request; any status outside 2xx becomes an [`Error::Api`]. As client-go, a
    /// 429 or 5xx answer that carries `Retry-After` is retried after that many seconds, and a
    /// GET whose connection was dropped before an answer (reset, EOF) after one second, up to
    /// [`MAX_RETRIES`] times in all (a throttling or restarting API server, or a load balancer
    /// dropping a connection, is waited out, not reported). A 401 to a token from an exec
    /// plugin is sent once more with the plugin's next token: the server did nothing with it.
    pub async fn send(&self, request: Request) -> Result<Response> {
        let mut retries = 0;
        let mut renewed = false;
        loop {
            let answer = match self.send_once(&request).await? {
                Attempt::Answered(answer) => answer,
                Attempt::Dropped(_) if request.method == Method::GET && retries < MAX_RETRIES => {
                    retries += 1;
                    tokio::time::sleep(DROPPED_RETRY_WAIT).await;
                    continue;
                }
                Attempt::Dropped(err) => return Err(err),
            };
            if answer.status.is_success() {
                return Ok(Response { body: answer.body });
            }
            if answer.status == StatusCode::UNAUTHORIZED && self.renews_credentials && !renewed {
                renewed = true;
                continue;
            }
            if let Some(wait) = answer.retry_after.filter(|_| retries < MAX_RETRIES) {
                retries += 1;
                tokio::time::sleep(wait).await;
                continue;
            }
            return Err(Error::Api(decode_failure(
                &request,
                answer.status,
                answer.content_type.as_deref(),
                &answer.body,
            )));
        }
    }

    async fn send_once(&self, request: &Request) -> Result<Attempt> {
        let mut headers = vec![("Accept", ACCEPT)];
        if let Some(content_type) = request.content_type {
            headers.push(("Content-Type", content_type));
        }
        let method = request.method.as_str();
        // Only `-v` shows the full URL; a quiet run does not build it.
        let url = if self.trace.level >= super::trace::REQUESTS {
            format!("{}{}", self.server.trim_end_matches('/'), request.uri())
        } else {
            String::new()
        };
        self.trace.request(method, &url, &headers, request.body.as_deref());
        let started = Instant::now();
        let mut builder = http::Request::builder()
            .method(request.method.clone())
            .uri(request.uri());
        for (name, value) in &headers {
            builder = builder.header(*name, *value);
        }
        let body = request.body.clone().unwrap_or_default();
        let http_request = builder
            .body(kube::client::Body::from(body))
            .map_err(|e| Error::Other(format!("cannot build the request: {e}")))?;
        let response = match self.client.send(http_request).await {
            Ok(response) => response,
            Err(e) => {
                self.trace.response(method, &url, "", started.elapsed(), None);
                let err = transport_error(&self.server, self.proxy.as_deref(), request, &e);
                if is_dropped_connection(&e) {
                    return Ok(Attempt::Dropped(err));
                }
                return Err(err);
            }
        };
        let status = response.status();
        let content_type = header_text(response.headers(), header::CONTENT_TYPE);
        let retry_after = retry_after(status, header_text(response.headers(), header::RETRY_AFTER).as_deref());
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| transport_error(&self.server, self.proxy.as_deref(), request, &e))?
            .to_bytes();
        self.trace
            .response(method, &url, &status.to_string(), started.elapsed(), Some(&body));
        Ok(Attempt::Answered(Answer {
            status,
            content_type,
            retry_after,
            body,
        }))
    }
}

/// How long client-go waits before it sends a GET again whose connection was dropped (the
/// `Retry-After: 1` it makes up for such an error).
const DROPPED_RETRY_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// What one send gave: an answer, or a connection dropped before any answer (the error as it
/// is reported if the request is not sent again).
enum Attempt {
    Answered(Answer),
    Dropped(Error),
}

/// client-go's `IsConnectionReset || IsProbableEOF`: the server (or something in between)
/// closed or reset the connection before it answered.
fn is_dropped_connection(err: &(dyn std::error::Error + 'static)) -> bool {
    causes(err).any(|e| {
        if let Some(hyper) = e.downcast_ref::<hyper::Error>() {
            return hyper.is_incomplete_message();
        }
        e.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::BrokenPipe
            )
        })
    })
}

/// client-go's default number of retries of a request answered with `Retry-After`.
pub const MAX_RETRIES: u32 = 10;

/// One HTTP exchange with the API server.
struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    retry_after: Option<std::time::Duration>,
    body: Bytes,
}

fn header_text(headers: &http::HeaderMap, name: header::HeaderName) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_string)
}

/// client-go's `checkWait`: a 429 or 5xx answer with `Retry-After: SECONDS` asks for a retry
/// after that long (a date or garbage does not).
fn retry_after(status: StatusCode, header: Option<&str>) -> Option<std::time::Duration> {
    if status.as_u16() != 429 && !status.is_server_error() {
        return None;
    }
    let seconds: u64 = header?.trim().parse().ok()?;
    Some(std::time::Duration::from_secs(seconds))
}

/// client-go's rules for turning a failed response into an error message.
pub fn decode_failure(request: &Request, status: StatusCode, content_type: Option<&str>, body: &[u8]) -> ApiError {
    if request.decode_status
        && let Some(api) = decode_status(body)
    {
        return api;
    }
    let code = status.as_u16();
    let text = String::from_utf8_lossy(&body[..body.len().min(2048)])
        .trim()
        .to_string();
    let textual = content_type.is_none_or(|ct| ct.starts_with("text/"));
    let server_message = if textual && !text.is_empty() {
        text
    } else {
        "unknown".to_string()
    };
    let (reason, message) = generic_message(code, &server_message);
    let message = match &request.resource {
        Some((plural, name)) => format!(
            "{message} ({} {}{} {name})",
            request.method.as_str().to_lowercase(),
            plural,
            group_suffix(&request.path)
        ),
        None => message,
    };
    ApiError {
        code,
        reason: Some(reason.to_string()),
        message,
    }
}

fn decode_status(body: &[u8]) -> Option<ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    if value.get("kind")?.as_str()? != "Status" || value.get("status")?.as_str()? != "Failure" {
        return None;
    }
    Some(ApiError {
        code: value.get("code").and_then(|c| c.as_u64()).unwrap_or(0) as u16,
        reason: value.get("reason").and_then(|r| r.as_str()).map(str::to_string),
        message: value.get("message").and_then(|m| m.as_str()).unwrap_or("").to_string(),
    })
}

/// `.kubevirt.io` for every KubeVirt call (client-go reports the client's group, also for
/// subresources), `.cdi.kubevirt.io` for CDI, nothing for the core group.
fn group_suffix(path: &str) -> &'static str {
    if path.starts_with("/apis/cdi.kubevirt.io") || path.starts_with("/apis/upload.cdi.kubevirt.io") {
        ".cdi.kubevirt.io"
    } else if path.starts_with("/apis/") && path.contains("kubevirt.io") {
        ".kubevirt.io"
    } else {
        ""
    }
}

fn generic_message(code: u16, server_message: &str) -> (&'static str, String) {
    let fixed = |reason, text: &str| (reason, text.to_string());
    match code {
        400 => fixed("BadRequest", "the server rejected our request for an unknown reason"),
        401 => fixed(
            "Unauthorized",
            "the server has asked for the client to provide credentials",
        ),
        403 => ("Forbidden", server_message.to_string()),
        404 => fixed("NotFound", "the server could not find the requested resource"),
        405 => fixed(
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
        ),
        406 => fixed(
            "NotAcceptable",
            "the server was unable to respond with a content type that the client supports",
        ),
        409 => fixed("Conflict", "the server reported a conflict"),
        410 => fixed("Gone", "the server has asked for the client to provide credentials"),
        413 => fixed(
            "RequestEntityTooLarge",
            "the server has rejected the request because the request is too large",
        ),
        415 => fixed(
            "UnsupportedMediaType",
            "the server was unable to process the request due to an unsupported media type",
        ),
        422 => fixed(
            "Invalid",
            "the server rejected our request due to an error in our request",
        ),
        429 => fixed(
            "TooManyRequests",
            "the server has received too many requests and has asked us to try again later",
        ),
        503 => fixed(
            "ServiceUnavailable",
            "the server is currently unable to handle the request",
        ),
        504 => fixed(
            "Timeout",
            "the server was unable to return a response in the time allotted, but may still be processing the request",
        ),
        c if c >= 500 => (
            "InternalError",
            format!(
                "an error on the server ({}) has prevented the request from succeeding",
                go_quote(server_message)
            ),
        ),
        c => (
            "Unknown",
            format!("the server responded with the status code {c} but did not return more information"),
        ),
    }
}

/// Why a connection failed, in words, with what to check.
fn transport_error(
    server: &str,
    proxy: Option<&str>,
    request: &Request,
    err: &(dyn std::error::Error + 'static),
) -> Error {
    let chain = error_chain(err);
    let url = format!("{}{}", server.trim_end_matches('/'), request.path);
    // client-go runs the plugin inside the request's round trip: its failure is the request's
    if let Some(credential) = credential_failure(err) {
        let full_url = format!("{}{}", server.trim_end_matches('/'), request.uri());
        return Error::Transport {
            message: url_error(request.method.as_str(), &full_url, credential),
            hint: credential.hint.clone(),
        };
    }
    if let Some(tls) = find_rustls_error(err) {
        return tls_error(server, &url, tls);
    }
    if let Some(proxy) = proxy
        && let Some(failure) = proxy_failure(&chain)
    {
        return Error::Transport {
            message: format!("cannot reach the Kubernetes API server at {url} through the proxy {proxy}: {failure}"),
            hint: Some(format!(
                "check proxy-url in the kubeconfig (or --proxy-url, HTTPS_PROXY): the proxy must be up and let this client connect to {}",
                authority(server)
            )),
        };
    }
    let lower = chain.to_lowercase();
    let (cause, hint) = if lower.contains("connection refused") {
        (
            "connection refused".to_string(),
            format!(
                "is the cluster running, and is {server} the right server? (check the kubeconfig's server or --server)"
            ),
        )
    } else if lower.contains("dns error") || lower.contains("failed to lookup address") {
        (
            "no such host".to_string(),
            "check the server name in the kubeconfig or --server".to_string(),
        )
    } else if lower.contains("timed out") || lower.contains("elapsed") {
        (
            "timed out".to_string(),
            "the server did not answer in time; check the network or --request-timeout".into(),
        )
    } else if lower.contains("invalid http version")
        || lower.contains("http/0.9")
        || lower.contains("wrong version number")
    {
        (
            chain.clone(),
            "the server does not speak this scheme; check http:// versus https:// in the server URL".into(),
        )
    } else {
        (chain.clone(), format!("check that {server} is reachable from here"))
    };
    Error::Transport {
        message: format!("cannot reach the Kubernetes API server at {url}: {cause}"),
        hint: Some(hint),
    }
}

/// The proxy's part of a connection failure (hyper-util's tunnel and SOCKS errors), in words.
fn proxy_failure(chain: &str) -> Option<String> {
    let start = chain.find("tunnel error: ").or_else(|| chain.find("SOCKS error: "))?;
    let failure = &chain[start..];
    // hyper-util keeps no status code: "unsuccessful" is any answer to CONNECT but 200 and 407
    if failure == "tunnel error: unsuccessful" {
        return Some("the proxy refused the CONNECT request (tunnel error: unsuccessful)".into());
    }
    Some(failure.to_string())
}

/// `host:port` of a URL, with the scheme's default port.
fn authority(server: &str) -> String {
    match url::Url::parse(server) {
        Ok(url) => format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(443)
        ),
        Err(_) => server.to_string(),
    }
}

/// A URL fit for messages and reports: any user name and password removed (API servers,
/// proxies, Routes and monitoring endpoints alike).
pub fn without_credentials(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string().trim_end_matches('/').to_string()
        }
        _ => url.trim_end_matches('/').to_string(),
    }
}

fn tls_error(server: &str, url: &str, tls: &rustls::Error) -> Error {
    use rustls::CertificateError;
    let (cause, hint) = match tls {
        rustls::Error::InvalidCertificate(CertificateError::NotValidForName)
        | rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext { .. }) => (
            format!("x509: {tls}"),
            "connect with a name the certificate holds, or set --tls-server-name (tls-server-name in the kubeconfig) to one"
                .to_string(),
        ),
        rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => (
            "x509: certificate signed by unknown authority".to_string(),
            "give the cluster's CA with --certificate-authority (certificate-authority-data in the kubeconfig); --insecure-skip-tls-verify turns verification off"
                .to_string(),
        ),
        rustls::Error::InvalidCertificate(CertificateError::Expired)
        | rustls::Error::InvalidCertificate(CertificateError::ExpiredContext { .. }) => (
            "x509: the server's certificate has expired".to_string(),
            "the cluster's certificate must be renewed, or the local clock is wrong".to_string(),
        ),
        other => (format!("TLS handshake failed: {other}"), format!("check the TLS settings for {server}")),
    };
    Error::Transport {
        message: format!("cannot reach the Kubernetes API server at {url}: {cause}"),
        hint: Some(hint),
    }
}

/// The next error down the chain. `io::Error::source` skips the error it wraps, so look
/// inside it instead (TLS failures arrive as io errors wrapping io errors wrapping rustls's).
fn next_cause<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a (dyn std::error::Error + 'static)> {
    if let Some(io) = err.downcast_ref::<std::io::Error>()
        && let Some(inner) = io.get_ref()
    {
        return Some(inner as &(dyn std::error::Error + 'static));
    }
    err.source()
}

/// An error and the errors down its chain ([`next_cause`]).
pub(crate) fn causes<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(err), |e: &&'a (dyn std::error::Error + 'static)| next_cause(*e))
}

/// The exec credential plugin's failure, when that is why the request failed.
fn credential_failure<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a super::exec_credential::CredentialError> {
    causes(err).find_map(|e| e.downcast_ref::<super::exec_credential::CredentialError>())
}

fn find_rustls_error<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    causes(err).find_map(|e| e.downcast_ref::<rustls::Error>())
}

/// An error and its causes on one line, each cause once.
pub(crate) fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in causes(err) {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encodes_the_query() {
        let req = Request::get("/apis/kubevirt.io/v1/namespaces/ns/virtualmachineinstancemigrations")
            .query("labelSelector", "kubevirt.io/vmi-name==vm1");
        assert_eq!(
            req.uri(),
            "/apis/kubevirt.io/v1/namespaces/ns/virtualmachineinstancemigrations?labelSelector=kubevirt.io%2Fvmi-name%3D%3Dvm1"
        );
    }

    #[test]
    fn status_body_gives_its_message() {
        let req = Request::put("/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachines/vm/start");
        let body = br#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"virtualmachine.kubevirt.io \"vm\" not found","reason":"NotFound","code":404}"#;
        let err = decode_failure(&req, StatusCode::NOT_FOUND, Some("application/json"), body);
        assert_eq!(err.message, "virtualmachine.kubevirt.io \"vm\" not found");
        assert_eq!(err.reason.as_deref(), Some("NotFound"));
    }

    #[test]
    fn raw_calls_show_the_generic_text_with_the_resource() {
        let req =
            Request::get("/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/vm/guestosinfo")
                .resource("virtualmachineinstances", "vm")
                .raw_errors();
        let err = decode_failure(
            &req,
            StatusCode::INTERNAL_SERVER_ERROR,
            Some("text/plain"),
            b"VMI is not running\n",
        );
        assert_eq!(
            err.message,
            "an error on the server (\"VMI is not running\") has prevented the request from succeeding (get virtualmachineinstances.kubevirt.io vm)"
        );
    }

    #[test]
    fn json_5xx_without_status_is_unknown() {
        let req = Request::get("/x");
        let err = decode_failure(&req, StatusCode::BAD_GATEWAY, Some("application/json"), b"{}");
        assert_eq!(
            err.message,
            "an error on the server (\"unknown\") has prevented the request from succeeding"
        );
    }

    #[test]
    fn proxy_failures_name_the_proxy_and_keep_its_secrets() {
        assert_eq!(
            proxy_failure("client error (Connect): tunnel error: unsuccessful").as_deref(),
            Some("the proxy refused the CONNECT request (tunnel error: unsuccessful)")
        );
        assert_eq!(
            proxy_failure("client error (Connect): SOCKS error: connection not allowed").as_deref(),
            Some("SOCKS error: connection not allowed")
        );
        assert_eq!(proxy_failure("client error (Connect): Connection refused"), None);
        assert_eq!(
            without_credentials("socks5://user:secret@proxy:1080/"),
            "socks5://proxy:1080"
        );
        assert_eq!(without_credentials("http://proxy:3128/"), "http://proxy:3128");
        assert_eq!(authority("https://127.0.0.1:6443"), "127.0.0.1:6443");
        assert_eq!(authority("https://api.example"), "api.example:443");
    }

    #[test]
    fn status_without_failure_is_not_decoded() {
        let req = Request::get("/x");
        let err = decode_failure(
            &req,
            StatusCode::NOT_FOUND,
            Some("application/json"),
            br#"{"kind":"Status","message":"m"}"#,
        );
        assert_eq!(err.message, "the server could not find the requested resource");
    }

    #[test]
    fn retry_after_follows_client_go() {
        use std::time::Duration;
        let too_many = StatusCode::TOO_MANY_REQUESTS;
        assert_eq!(retry_after(too_many, Some("2")), Some(Duration::from_secs(2)));
        assert_eq!(
            retry_after(StatusCode::SERVICE_UNAVAILABLE, Some("1")),
            Some(Duration::from_secs(1))
        );
        assert_eq!(retry_after(too_many, None), None);
        assert_eq!(retry_after(too_many, Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(retry_after(StatusCode::CONFLICT, Some("1")), None);
    }
}
