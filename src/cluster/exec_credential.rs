//! Kubeconfig `exec` credential plugins, run as client-go runs them
//! (`plugin/pkg/client/auth/exec`): once when the client is made, then again when the token it
//! gave is past its `expirationTimestamp` or the API server refused it (401), so a long command
//! outlives a short-lived token. client-go runs it inside the first request, so a failure of that
//! first run is the first request's (`Put "URL": getting credentials: ...`), and the next request
//! runs the plugin again. The plugin's stderr is the user's (an interactive plugin prompts
//! there); its failures read as client-go's (`getting credentials: exec: executable X failed with
//! exit code N`).
//!
//! kube's own exec support is not used: it re-runs a plugin on every request in the last minute
//! of a token's life, never after a 401, and reports a failed plugin with its `Output` debug text.

use std::future::Future;
use std::io::IsTerminal;
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use base64::Engine;
use http::header::AUTHORIZATION;
use http::{HeaderValue, Request, Response, StatusCode};
use k8s_openapi::jiff::Timestamp;
use kube::config::{ExecConfig, ExecInteractiveMode};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::config::go_io_error;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A plugin failure, worded as client-go words it; `hint` is what to do about it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("getting credentials: {message}")]
pub struct CredentialError {
    message: String,
    pub hint: Option<String>,
}

impl CredentialError {
    fn new(message: impl Into<String>) -> Self {
        CredentialError {
            message: message.into(),
            hint: None,
        }
    }
}

/// What a plugin handed out.
pub enum Issued {
    Token {
        token: SecretString,
        expires: Option<Timestamp>,
    },
    /// PEM certificate and key
    Certificate { certificate: String, key: SecretString },
}

/// Takes the exec plugin out of `config` (unless a token or token file takes precedence, as in
/// kube's and client-go's order) and runs it once. A certificate goes into `config` for the TLS
/// layer; a token, or the run's failure, comes back as the cache the client's [`Layer`] reads.
pub fn take(config: &mut kube::Config) -> Option<Arc<ExecToken>> {
    let auth = &mut config.auth_info;
    if auth.token.is_some() || auth.token_file.is_some() {
        return None;
    }
    let exec = auth.exec.take()?;
    let cached = match run(&exec) {
        Ok(Issued::Certificate { certificate, key }) => {
            let b64 = base64::engine::general_purpose::STANDARD;
            auth.client_certificate_data = Some(b64.encode(certificate));
            auth.client_key_data = Some(b64.encode(key.expose_secret()).into());
            return None;
        }
        Ok(Issued::Token { token, expires }) => Cached {
            token,
            expires,
            refused: false,
            failure: None,
            generation: 0,
        },
        // No token: the first request reports the failure, the next runs the plugin again.
        Err(failure) => Cached {
            token: String::new().into(),
            expires: None,
            refused: true,
            failure: Some(failure),
            generation: 0,
        },
    };
    Some(Arc::new(ExecToken {
        exec,
        cached: Mutex::new(cached),
    }))
}

/// The token a plugin gave and when it must be asked again.
pub struct ExecToken {
    exec: ExecConfig,
    cached: Mutex<Cached>,
}

struct Cached {
    token: SecretString,
    expires: Option<Timestamp>,
    /// the API server answered 401 to this token (or there is none: the first run failed)
    refused: bool,
    /// the first run's failure, not yet reported by a request
    failure: Option<CredentialError>,
    /// counts the plugin's runs, so a 401 to an old token does not discard a new one
    generation: u64,
}

impl Cached {
    fn usable(&self) -> bool {
        !self.refused && self.expires.is_none_or(|at| Timestamp::now() < at)
    }

    fn header(&self) -> Result<(HeaderValue, u64), CredentialError> {
        let mut value = HeaderValue::from_str(&format!("Bearer {}", self.token.expose_secret()))
            .map_err(|_| CredentialError::new("exec plugin returned a token that is not a valid header value"))?;
        value.set_sensitive(true);
        Ok((value, self.generation))
    }
}

impl ExecToken {
    fn lock(&self) -> std::sync::MutexGuard<'_, Cached> {
        self.cached.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The `Authorization` value for the next request and the run it came from; runs the plugin
    /// again (off the runtime's thread) when the token has expired or was refused.
    async fn header(self: &Arc<Self>) -> Result<(HeaderValue, u64), CredentialError> {
        {
            let mut cached = self.lock();
            if let Some(failure) = cached.failure.take() {
                return Err(failure);
            }
            if cached.usable() {
                return cached.header();
            }
        }
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.renew())
            .await
            .map_err(|e| CredentialError::new(format!("exec: {e}")))?
    }

    fn renew(&self) -> Result<(HeaderValue, u64), CredentialError> {
        let mut cached = self.lock();
        // Another request may have renewed it while this one waited for the lock.
        if cached.usable() {
            return cached.header();
        }
        let Issued::Token { token, expires } = run(&self.exec)? else {
            return Err(CredentialError::new(
                "exec plugin returned a client certificate where it had returned a token",
            ));
        };
        *cached = Cached {
            token,
            expires,
            refused: false,
            failure: None,
            generation: cached.generation + 1,
        };
        cached.header()
    }

    /// The API server answered 401 to the token of run `generation`: the next request asks the
    /// plugin again (client-go's `maybeRefreshCreds`).
    fn refused(&self, generation: u64) {
        let mut cached = self.lock();
        if cached.generation == generation {
            cached.refused = true;
        }
    }
}

/// Runs the plugin once and reads its `ExecCredential`.
pub fn run(exec: &ExecConfig) -> Result<Issued, CredentialError> {
    let command = exec.command.clone().unwrap_or_default();
    let interactive = interactive(exec)?;
    let mut cmd = Command::new(&command);
    cmd.args(exec.args.iter().flatten())
        .envs(environment(exec))
        .env("KUBERNETES_EXEC_INFO", exec_info(exec, interactive))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .stdin(if interactive { Stdio::inherit() } else { Stdio::null() });
    for name in exec.drop_env.iter().flatten() {
        cmd.env_remove(name);
    }
    let output = cmd.output().map_err(|e| start_failure(exec, &command, &e))?;
    if !output.status.success() {
        // Go's ExitCode(): -1 for a plugin killed by a signal.
        let code = output.status.code().unwrap_or(-1);
        return Err(CredentialError::new(format!(
            "exec: executable {command} failed with exit code {code}"
        )));
    }
    decode(exec, &output.stdout)
}

/// client-go's `interactiveFunc`: `Never` is never, `IfAvailable` (the default) when stdin is a
/// terminal, `Always` requires one.
fn interactive(exec: &ExecConfig) -> Result<bool, CredentialError> {
    let terminal = std::io::stdin().is_terminal();
    match exec.interactive_mode {
        Some(ExecInteractiveMode::Never) => Ok(false),
        Some(ExecInteractiveMode::Always) if !terminal => Err(CredentialError::new(
            "exec plugin cannot support interactive mode: standard input is not a terminal",
        )),
        _ => Ok(terminal),
    }
}

fn environment(exec: &ExecConfig) -> Vec<(String, String)> {
    exec.env
        .iter()
        .flatten()
        .filter_map(|pair| Some((pair.get("name")?.clone(), pair.get("value")?.clone())))
        .collect()
}

/// The `ExecCredential` request client-go puts in `KUBERNETES_EXEC_INFO`.
fn exec_info(exec: &ExecConfig, interactive: bool) -> String {
    let mut spec = serde_json::json!({ "interactive": interactive });
    if exec.provide_cluster_info
        && let Some(cluster) = &exec.cluster
    {
        spec["cluster"] = serde_json::to_value(cluster).unwrap_or_default();
    }
    serde_json::json!({
        "kind": "ExecCredential",
        "apiVersion": exec.api_version.as_deref().unwrap_or(""),
        "spec": spec,
    })
    .to_string()
}

/// client-go's `wrapCmdRunErrorLocked` for a plugin that could not be started.
fn start_failure(exec: &ExecConfig, command: &str, err: &std::io::Error) -> CredentialError {
    // A bare name is looked up in PATH (Go's exec.Error); a path is run as given (fork/exec).
    if err.kind() != std::io::ErrorKind::NotFound
        || command.contains(std::path::MAIN_SEPARATOR)
        || command.contains('/')
    {
        return CredentialError::new(format!("exec: fork/exec {command}: {}", go_io_error(err)));
    }
    let hint = exec.install_hint.clone().unwrap_or_else(|| {
        "it looks like you are trying to use a client-go credential plugin that is not installed; see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins".into()
    });
    CredentialError {
        message: format!("exec: executable {command} not found"),
        hint: Some(hint.trim().replace('\n', " ")),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExecCredential {
    #[serde(default)]
    api_version: String,
    status: Option<Status>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    #[serde(default)]
    token: String,
    #[serde(default)]
    client_certificate_data: String,
    #[serde(default)]
    client_key_data: String,
    expiration_timestamp: Option<k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>,
}

/// client-go's checks of the plugin's answer, in its order and words.
fn decode(exec: &ExecConfig, stdout: &[u8]) -> Result<Issued, CredentialError> {
    let credential: ExecCredential =
        serde_json::from_slice(stdout).map_err(|e| CredentialError::new(format!("decoding stdout: {e}")))?;
    let configured = exec.api_version.as_deref().unwrap_or("");
    if credential.api_version != configured {
        return Err(CredentialError::new(format!(
            "exec plugin is configured to use API version {configured}, plugin returned version {}",
            credential.api_version
        )));
    }
    let status = credential
        .status
        .ok_or_else(|| CredentialError::new("exec plugin didn't return a status field"))?;
    let (has_cert, has_key) = (
        !status.client_certificate_data.is_empty(),
        !status.client_key_data.is_empty(),
    );
    if status.token.is_empty() && !has_cert && !has_key {
        return Err(CredentialError::new(
            "exec plugin didn't return a token or cert/key pair",
        ));
    }
    if has_cert != has_key {
        return Err(CredentialError::new(
            "exec plugin returned only certificate or key, not both",
        ));
    }
    if has_cert {
        return Ok(Issued::Certificate {
            certificate: status.client_certificate_data,
            key: status.client_key_data.into(),
        });
    }
    Ok(Issued::Token {
        token: status.token.into(),
        expires: status.expiration_timestamp.map(|t| t.0),
    })
}

/// The client's layer that puts the plugin's token on every request (API calls, websocket and
/// port-forward upgrades alike) and notes a 401.
#[derive(Clone)]
pub struct Layer(pub Arc<ExecToken>);

impl<S> tower::Layer<S> for Layer {
    type Service = Authenticated<S>;

    fn layer(&self, inner: S) -> Authenticated<S> {
        Authenticated {
            inner: Arc::new(tokio::sync::Mutex::new(inner)),
            token: self.0.clone(),
        }
    }
}

/// See [`Layer`]. The inner service (kube's, boxed and not `Clone`) is shared behind a lock that
/// is held only from its readiness to its `call`, not while the response is awaited.
pub struct Authenticated<S> {
    inner: Arc<tokio::sync::Mutex<S>>,
    token: Arc<ExecToken>,
}

impl<S, B, R> tower::Service<Request<B>> for Authenticated<S>
where
    S: tower::Service<Request<B>, Response = Response<R>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: Send + 'static,
{
    type Response = Response<R>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response<R>, BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        // Readiness of the inner service is awaited in `call`, under its lock.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let inner = self.inner.clone();
        let token = self.token.clone();
        Box::pin(async move {
            let (value, generation) = token.header().await?;
            request.headers_mut().insert(AUTHORIZATION, value);
            let pending = {
                let mut service = inner.lock().await;
                std::future::poll_fn(|cx| service.poll_ready(cx))
                    .await
                    .map_err(Into::into)?;
                service.call(request)
            };
            let response = pending.await.map_err(Into::into)?;
            if response.status() == StatusCode::UNAUTHORIZED {
                token.refused(generation);
            }
            Ok(response)
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn plugin(dir: &std::path::Path, script: &str) -> ExecConfig {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("plugin");
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        ExecConfig {
            api_version: Some("client.authentication.k8s.io/v1".into()),
            command: Some(path.to_string_lossy().into_owned()),
            interactive_mode: Some(ExecInteractiveMode::Never),
            ..ExecConfig::default()
        }
    }

    fn failure(exec: &ExecConfig) -> String {
        match run(exec) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("the plugin succeeded"),
        }
    }

    #[test]
    fn a_failing_plugin_reads_as_client_go_reports_it() {
        let dir = tempfile::tempdir().unwrap();
        let exec = plugin(dir.path(), "exit 3");
        let command = exec.command.clone().unwrap();
        assert_eq!(
            failure(&exec),
            format!("getting credentials: exec: executable {command} failed with exit code 3")
        );
    }

    #[test]
    fn a_missing_plugin_reads_as_client_go_reports_it() {
        let mut exec = plugin(tempfile::tempdir().unwrap().path(), "");
        exec.command = Some("/nonexistent/plugin".into());
        assert_eq!(
            failure(&exec),
            "getting credentials: exec: fork/exec /nonexistent/plugin: no such file or directory"
        );
        exec.command = Some("virtctl-no-such-plugin".into());
        assert_eq!(
            failure(&exec),
            "getting credentials: exec: executable virtctl-no-such-plugin not found"
        );
    }

    #[test]
    fn a_failed_first_run_is_the_first_requests_failure_and_the_next_runs_again() {
        let dir = tempfile::tempdir().unwrap();
        let count = dir.path().join("count");
        let script = format!(
            r#"echo x >> {count}; [ $(wc -l < {count}) -gt 1 ] || exit 3; echo '{{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{{"token":"t2"}}}}'"#,
            count = count.display()
        );
        let exec = plugin(dir.path(), &script);
        let command = exec.command.clone().unwrap();
        let mut config = kube::Config::new("https://127.0.0.1:1".parse().unwrap());
        config.auth_info.exec = Some(exec);
        let token = take(&mut config).expect("the failure is kept for the first request");
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let first = runtime.block_on(token.header()).map(|_| ()).unwrap_err();
        assert_eq!(
            first.to_string(),
            format!("getting credentials: exec: executable {command} failed with exit code 3")
        );
        assert_eq!(
            std::fs::read_to_string(&count).unwrap().lines().count(),
            1,
            "run once for it"
        );
        let (value, _) = runtime.block_on(token.header()).unwrap();
        assert_eq!(
            value.to_str().unwrap(),
            "Bearer t2",
            "the next request runs the plugin again"
        );
    }

    #[test]
    fn the_answer_is_checked_in_client_go_order() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            (
                r#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}"#,
                "exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin returned version client.authentication.k8s.io/v1beta1",
            ),
            (
                r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#,
                "exec plugin didn't return a status field",
            ),
            (
                r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#,
                "exec plugin didn't return a token or cert/key pair",
            ),
            (
                r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"k"}}"#,
                "exec plugin returned only certificate or key, not both",
            ),
        ];
        for (answer, message) in cases {
            let exec = plugin(dir.path(), &format!("echo '{answer}'"));
            assert_eq!(failure(&exec), format!("getting credentials: {message}"));
        }
    }

    #[test]
    fn a_token_is_used_until_it_expires_or_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let count = dir.path().join("count");
        let script = format!(
            r#"echo x >> {count}; n=$(wc -l < {count}); echo "{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"t$n\",\"expirationTimestamp\":\"$EXPIRES\"}}}}""#,
            count = count.display()
        );
        let mut exec = plugin(dir.path(), &script);
        let later = (Timestamp::now() + std::time::Duration::from_secs(3600)).to_string();
        exec.env = Some(vec![
            [
                ("name".to_string(), "EXPIRES".to_string()),
                ("value".to_string(), later),
            ]
            .into_iter()
            .collect(),
        ]);
        let mut config = kube::Config::new("https://127.0.0.1:1".parse().unwrap());
        config.auth_info.exec = Some(exec);
        let token = take(&mut config).expect("a token");
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let bearer = |t: &Arc<ExecToken>| {
            let (value, generation) = runtime.block_on(t.header()).unwrap();
            (value.to_str().unwrap().to_string(), generation)
        };
        assert_eq!(bearer(&token), ("Bearer t1".to_string(), 0));
        assert_eq!(bearer(&token), ("Bearer t1".to_string(), 0), "cached, not run again");
        token.refused(0);
        assert_eq!(bearer(&token), ("Bearer t2".to_string(), 1), "run again after a 401");
        token.refused(0);
        assert_eq!(bearer(&token).0, "Bearer t2", "a 401 to an old token changes nothing");
        token.lock().expires = Some(Timestamp::now());
        assert_eq!(bearer(&token).0, "Bearer t3", "run again once expired");
    }
}
