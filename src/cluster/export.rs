//! KubeVirt's VirtualMachineExport: the typed calls (get, create with its token Secret, delete,
//! the token, the export Service and its pods) and the pure readings of an export's status that
//! a download needs (readiness, which link and format, manifest URLs, the CA to trust).
//!
//! The steps of a download that talk to the API also live here, once, for every command that
//! downloads from an export (`vmexport download`, `memory-dump download`): create and delete
//! with upstream's lines, the readiness wait (§9.8) and the TLS to trust for the export server.
//! `transfer::export` drives them.
//!
//! `export.kubevirt.io/v1` is used where the cluster serves it, else `v1beta1` (KubeVirt before
//! v1.9; upstream virtctl has no fallback).

use std::time::Duration;

use http::Method;
use serde_json::{Value, json};

use crate::cluster::api::{Api, JSON, Request};
use crate::cluster::resources::{SECRETS, VIRTUAL_MACHINE_EXPORTS};
use crate::cluster::tls::tls_config;
use crate::cluster::wait::{self, Backoff, get_optional};
use crate::error::{Error, Result};
use crate::go_syntax::format_duration;

/// Where a command's progress lines go (upstream prints them on stdout or stderr by command).
pub type Say<'s> = &'s (dyn Fn(&str) + Sync);

/// The readiness wait polls as upstream does (every 2 s), the first looks sooner.
const READY_POLL: Backoff = Backoff {
    first: Duration::from_millis(250),
    max: Duration::from_secs(2),
};

pub const GROUP: &str = "export.kubevirt.io";
const PLURAL: &str = "virtualmachineexports";
/// The Secret key holding the export token.
const TOKEN_KEY: &str = "token";
/// The header the export server reads the token from.
pub const TOKEN_HEADER: &str = "x-kubevirt-export-token";

/// What an export exports (`spec.source`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Vm(String),
    Snapshot(String),
    Pvc(String),
    Template(String),
}

impl Source {
    /// `spec.source`: a TypedLocalObjectReference (the PVC's apiGroup is the empty string).
    pub fn reference(&self) -> Value {
        let (group, kind, name) = match self {
            Source::Vm(n) => ("kubevirt.io", "VirtualMachine", n),
            Source::Snapshot(n) => ("snapshot.kubevirt.io", "VirtualMachineSnapshot", n),
            Source::Pvc(n) => ("", "PersistentVolumeClaim", n),
            Source::Template(n) => ("template.kubevirt.io", "VirtualMachineTemplate", n),
        };
        json!({"apiGroup": group, "kind": kind, "name": name})
    }
}

/// How a command can reach an export without external links (no export Ingress or Route): the
/// hint after the readiness wait gave up names only the flags the command has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InternalAccess {
    /// `vmexport download`: `--port-forward`, or `--service-url`
    PortForwardOrServiceUrl,
    /// `memory-dump`: `--port-forward` only
    PortForward,
}

impl InternalAccess {
    fn no_external_links_hint(self) -> &'static str {
        match self {
            InternalAccess::PortForwardOrServiceUrl => {
                "the export has no external links (no export Ingress or Route): use --port-forward, or --service-url with a reachable address of the export service"
            }
            InternalAccess::PortForward => {
                "the export has no external links (no export Ingress or Route): use --port-forward"
            }
        }
    }
}

/// What `create` asks for.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    pub name: String,
    pub source: Option<Source>,
    /// `spec.ttlDuration` when set and above zero
    pub ttl: Option<Duration>,
    pub labels: Vec<(String, String)>,
    pub annotations: Vec<(String, String)>,
}

/// `secret-NAME`: the token Secret virtctl creates beside an export.
pub fn secret_name(export: &str) -> String {
    format!("secret-{export}")
}

fn string_map(pairs: &[(String, String)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

/// The VirtualMachineExport body `create` POSTs.
pub fn export_body(version: &str, namespace: &str, request: &ExportRequest) -> Value {
    let mut metadata = json!({"name": request.name, "namespace": namespace});
    if !request.labels.is_empty() {
        metadata["labels"] = string_map(&request.labels);
    }
    if !request.annotations.is_empty() {
        metadata["annotations"] = string_map(&request.annotations);
    }
    let mut spec = json!({
        "source": request.source.as_ref().map(Source::reference).unwrap_or_else(|| json!({"kind": "", "name": ""})),
        "tokenSecretRef": secret_name(&request.name),
    });
    if let Some(ttl) = request.ttl.filter(|t| !t.is_zero()) {
        spec["ttlDuration"] = Value::String(format_duration(ttl));
    }
    json!({
        "apiVersion": format!("{GROUP}/{version}"),
        "kind": "VirtualMachineExport",
        "metadata": metadata,
        "spec": spec,
    })
}

/// The token Secret, owned by (and garbage-collected with) `export`.
pub fn token_secret_body(export: &Value, token: &str) -> Value {
    use base64::Engine as _;
    let name = export.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {
            "name": secret_name(name),
            "namespace": export.pointer("/metadata/namespace").cloned().unwrap_or(Value::Null),
            "ownerReferences": [{
                "apiVersion": export.get("apiVersion").cloned().unwrap_or_else(|| json!(format!("{GROUP}/v1"))),
                "kind": "VirtualMachineExport",
                "name": name,
                "uid": export.pointer("/metadata/uid").cloned().unwrap_or(Value::Null),
                "controller": true,
                "blockOwnerDeletion": false,
            }],
        },
        "type": "Opaque",
        "data": {TOKEN_KEY: base64::engine::general_purpose::STANDARD.encode(token)},
    })
}

/// A 20-character token from `[0-9A-Za-z]`, from the system's secure RNG.
pub fn generate_token() -> Result<String> {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut token = String::with_capacity(20);
    while token.len() < 20 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| Error::Other(format!("cannot generate a token: {e}")))?;
        // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
        for b in bytes.into_iter().filter(|b| *b < 248) {
            if token.len() < 20 {
                token.push(ALPHABET[usize::from(b) % 62] as char);
            }
        }
    }
    Ok(token)
}

/// The served version to use from the group's discovery document: `v1` when served, else
/// `v1beta1` when served, else `v1` (and the server's errors will say what is wrong).
pub fn pick_version(discovery: Option<&Value>) -> &'static str {
    let served = |v: &str| {
        discovery
            .and_then(|d| d.get("versions"))
            .and_then(Value::as_array)
            .is_some_and(|vs| vs.iter().any(|x| x.get("version").and_then(Value::as_str) == Some(v)))
    };
    if !served("v1") && served("v1beta1") {
        "v1beta1"
    } else {
        "v1"
    }
}

/// The exports of one namespace, at the version the cluster serves.
pub struct Exports<'a> {
    api: &'a Api,
    namespace: &'a str,
    version: &'static str,
}

impl<'a> Exports<'a> {
    /// Asks the API's discovery which export version is served (one GET).
    pub async fn discover(api: &'a Api, namespace: &'a str) -> Result<Exports<'a>> {
        let discovery = get_optional(
            api.send(Request::get(format!("/apis/{GROUP}")))
                .await
                .and_then(|r| r.json()),
        )
        .ok()
        .flatten();
        Ok(Exports {
            api,
            namespace,
            version: pick_version(discovery.as_ref()),
        })
    }

    pub fn namespace(&self) -> &str {
        self.namespace
    }

    pub fn api(&self) -> &Api {
        self.api
    }

    fn path(&self, name: &str) -> String {
        let collection = VIRTUAL_MACHINE_EXPORTS.collection_at(self.version, Some(self.namespace));
        if name.is_empty() {
            collection
        } else {
            format!("{collection}/{name}")
        }
    }

    /// The export, `None` when it does not exist.
    pub async fn get(&self, name: &str) -> Result<Option<Value>> {
        let request = Request::get(self.path(name)).resource(PLURAL, name);
        get_optional(self.api.send(request).await.and_then(|r| r.json()))
    }

    /// `create` (§9.4): fails if it exists, else creates it and its token Secret (an existing
    /// Secret keeps its token). Returns the created export.
    pub async fn create(&self, request: &ExportRequest) -> Result<Value> {
        if self.get(&request.name).await?.is_some() {
            return Err(already_exists(self.namespace, &request.name));
        }
        let body = export_body(self.version, self.namespace, request);
        let created: Value = self
            .api
            .send(
                Request::new(Method::POST, self.path(""))
                    .body(to_vec(&body), JSON)
                    .resource(PLURAL, &request.name),
            )
            .await?
            .json()?;
        let secret = token_secret_body(&created, &generate_token()?);
        let sent = self
            .api
            .send(
                Request::new(Method::POST, SECRETS.collection(Some(self.namespace)))
                    .body(to_vec(&secret), JSON)
                    .resource("secrets", &secret_name(&request.name)),
            )
            .await;
        match sent {
            Err(e) if e.api().is_some_and(|a| a.code == 409) => {}
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        Ok(created)
    }

    /// Deletes the export: `Ok(false)` when there was none.
    pub async fn delete(&self, name: &str) -> Result<bool> {
        let request = Request::delete(self.path(name)).resource(PLURAL, name);
        match self.api.send(request).await {
            Ok(_) => Ok(true),
            Err(e) if e.api().is_some_and(|a| a.is_not_found()) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The token from the Secret `status.tokenSecretRef` names.
    pub async fn token(&self, export: &Value) -> Result<String> {
        use base64::Engine as _;
        let name = export
            .pointer("/status/tokenSecretRef")
            .and_then(Value::as_str)
            .unwrap_or("");
        let request = Request::get(SECRETS.object(Some(self.namespace), name)).resource("secrets", name);
        let secret: Value = self.api.send(request).await?.json()?;
        let encoded = secret
            .pointer(&format!("/data/{TOKEN_KEY}"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| Error::Other(format!("the token in secret {name:?} is not base64: {e}")))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl Exports<'_> {
    /// [`Exports::create`], then upstream's line saying so.
    pub async fn create_and_say(&self, request: &ExportRequest, say: Say<'_>) -> Result<Value> {
        let created = self.create(request).await?;
        say(&format!(
            "VirtualMachineExport '{}/{}' created succesfully",
            self.namespace, request.name
        ));
        Ok(created)
    }

    /// [`Exports::delete`], then upstream's line saying what happened.
    pub async fn delete_and_say(&self, name: &str, say: Say<'_>) -> Result<()> {
        let ns = self.namespace;
        if self.delete(name).await? {
            say(&format!("VirtualMachineExport '{ns}/{name}' deleted succesfully"));
        } else {
            say(&format!("VirtualMachineExport '{ns}/{name}' does not exist"));
        }
        Ok(())
    }

    /// §9.8: until the export is Ready with the links in use (`internal`: a service URL is in
    /// use), saying what it waits for. Without `internal`, a timeout hints at `access`.
    pub async fn wait_ready(
        &self,
        name: &str,
        internal: bool,
        access: InternalAccess,
        timeout: Duration,
        say: Say<'_>,
    ) -> Result<()> {
        let ready = wait::poll(timeout, READY_POLL, || async {
            let export = self.get(name).await?;
            let message = match readiness(export.as_ref(), internal) {
                Readiness::Ready => return Ok(true),
                Readiness::NoStatus => return Ok(false),
                Readiness::Missing => format!("couldn't get VM Export {name}, waiting for it to be created..."),
                Readiness::NotReady => format!("waiting for VM Export {name} status to be ready..."),
                Readiness::NoExternalLinks => {
                    format!("waiting for VM Export {name} external links to be available...")
                }
                Readiness::NoInternalLinks => {
                    format!("waiting for VM Export {name} internal links to be available...")
                }
            };
            say(&message);
            Ok(false)
        })
        .await?;
        if ready {
            return Ok(());
        }
        let mut err = Error::Timeout(format!(
            "timed out after {} waiting for VirtualMachineExport {}/{name} to be ready",
            format_duration(timeout),
            self.namespace
        ));
        if !internal {
            err = err.with_hint(access.no_external_links_hint());
        }
        Err(err)
    }
}

fn to_vec(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// Upstream's error for an export that exists already (the download flow matches on it).
pub fn already_exists(namespace: &str, name: &str) -> Error {
    Error::Other(format!("VirtualMachineExport '{namespace}/{name}' already exists"))
}

/// Whether `err` is [`already_exists`]'s (upstream matches the two substrings).
pub fn is_already_exists(err: &Error) -> bool {
    let text = err.to_string();
    text.contains("VirtualMachineExport") && text.contains("already exists")
}

// ---- reading an export's status ----

/// Where an export stands for a download (§9.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    Missing,
    NoStatus,
    NotReady,
    NoExternalLinks,
    NoInternalLinks,
    Ready,
}

/// One look at the export; `internal` = a service URL is in use.
pub fn readiness(export: Option<&Value>, internal: bool) -> Readiness {
    let Some(export) = export else {
        return Readiness::Missing;
    };
    let Some(status) = export.get("status").filter(|s| !s.is_null()) else {
        return Readiness::NoStatus;
    };
    if status.get("phase").and_then(Value::as_str) != Some("Ready") {
        return Readiness::NotReady;
    }
    let links = |which: &str| status.pointer(&format!("/links/{which}")).filter(|l| !l.is_null());
    match (internal, links("external"), links("internal")) {
        (false, None, _) => Readiness::NoExternalLinks,
        (true, _, None) => Readiness::NoInternalLinks,
        _ => Readiness::Ready,
    }
}

/// The link set a download uses: external without a service URL when present, else internal.
fn links<'v>(export: &'v Value, service_url: Option<&str>) -> Option<&'v Value> {
    let get = |which: &str| {
        export
            .pointer(&format!("/status/links/{which}"))
            .filter(|l| !l.is_null())
    };
    if service_url.is_none()
        && let Some(external) = get("external")
    {
        return Some(external);
    }
    get("internal")
}

/// The PEM CA of the link set in use (`None` when the status has none).
pub fn link_cert(export: &Value, service_url: Option<&str>) -> Option<String> {
    links(export, service_url)
        .and_then(|l| l.get("cert"))
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

/// The TLS to reach the export server: the CA of the link set in use (from the status), the
/// kubeconfig's CAs and the system roots; nothing verified when `insecure`.
pub fn tls_for(
    export: &Value,
    service_url: Option<&str>,
    cluster_ca: &[Vec<u8>],
    insecure: bool,
) -> Result<rustls::ClientConfig> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = cluster_ca.to_vec();
    if let Some(pem) = link_cert(export, service_url) {
        roots.extend(
            CertificateDer::pem_slice_iter(pem.as_bytes())
                .filter_map(|c| c.ok())
                .map(|c| c.to_vec()),
        );
    }
    tls_config(&roots, insecure)
}

/// `url` with its host (and port) replaced by `host_port`, as upstream's service URL does.
pub fn replace_host(url: &str, host_port: &str) -> Result<String> {
    let mut parsed = url::Url::parse(url).map_err(|e| Error::Other(format!("parse {url:?}: {e}")))?;
    let with_scheme = format!("{}://{host_port}", parsed.scheme());
    let target =
        url::Url::parse(&with_scheme).map_err(|e| Error::Other(format!("invalid service URL {host_port:?}: {e}")))?;
    parsed
        .set_host(target.host_str())
        .map_err(|e| Error::Other(format!("invalid service URL {host_port:?}: {e}")))?;
    let _ = parsed.set_port(target.port());
    Ok(parsed.to_string())
}

/// The chosen download link of a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeLink {
    pub url: String,
    /// `gzip`, `tar.gz` or `raw`
    pub format: String,
}

impl VolumeLink {
    pub fn is_compressed(&self) -> bool {
        self.format != "raw"
    }
}

/// §9.9: the volume's link. `prefer_raw` (beyond upstream, for `--format raw`) takes the raw
/// `disk.img` when the volume offers one (resumable, with a length); otherwise a compressed
/// format is preferred, `raw` used only when nothing else exists, `dir` never.
pub fn volume_link(
    export: &Value,
    service_url: Option<&str>,
    volume: Option<&str>,
    prefer_raw: bool,
) -> Result<VolumeLink> {
    let (ns, name) = identity(export);
    let volumes = links(export, service_url)
        .and_then(|l| l.get("volumes"))
        .and_then(Value::as_array)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            Error::Other(format!(
                "unable to access the volume info from '{ns}/{name}' VirtualMachineExport"
            ))
        })?;
    let wanted = volume.filter(|v| !v.is_empty());
    if volumes.len() > 1 && wanted.is_none() {
        return Err(Error::Other(format!(
            "detected more than one downloadable volume in '{ns}/{name}' VirtualMachineExport: Select the expected volume using the --volume flag"
        )));
    }
    let chosen = if volumes.len() == 1 {
        volumes.first()
    } else {
        volumes.iter().find(|v| v.get("name").and_then(Value::as_str) == wanted)
    };
    let formats: Vec<(&str, &str)> = chosen
        .and_then(|v| v.get("formats"))
        .and_then(Value::as_array)
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    (
                        f.get("format").and_then(Value::as_str).unwrap_or(""),
                        f.get("url").and_then(Value::as_str).unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let raw = formats.iter().find(|(f, u)| *f == "raw" && !u.is_empty());
    let compressed = formats
        .iter()
        .find(|(f, u)| (*f == "gzip" || *f == "tar.gz") && !u.is_empty());
    let pick = if prefer_raw {
        raw.or(compressed)
    } else {
        compressed.or(raw)
    };
    let Some((format, url)) = pick else {
        return Err(Error::Other(format!(
            "unable to get a valid URL from '{ns}/{name}' VirtualMachineExport"
        )));
    };
    let url = match service_url {
        Some(host) => replace_host(url, host)?,
        None => url.to_string(),
    };
    Ok(VolumeLink {
        url,
        format: format.to_string(),
    })
}

/// §9.13: the manifest URLs by type (`all`, `auth-header-secret`, `oci`).
pub fn manifest_urls(export: &Value, service_url: Option<&str>) -> Result<Vec<(String, String)>> {
    let (ns, name) = identity(export);
    let which = if service_url.is_some() { "internal" } else { "external" };
    let manifests = export
        .pointer(&format!("/status/links/{which}/manifests"))
        .and_then(Value::as_array)
        .filter(|m| !m.is_empty())
        .ok_or_else(|| {
            Error::Other(format!(
                "unable to access the manifest info from '{ns}/{name}' VirtualMachineExport"
            ))
        })?;
    manifests
        .iter()
        .map(|m| {
            let kind = m.get("type").and_then(Value::as_str).unwrap_or("").to_string();
            let url = m.get("url").and_then(Value::as_str).unwrap_or("");
            let url = match service_url {
                Some(host) => replace_host(url, host)?,
                None => url.to_string(),
            };
            Ok((kind, url))
        })
        .collect()
}

fn identity(export: &Value) -> (&str, &str) {
    (
        export
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or(""),
        export.pointer("/metadata/name").and_then(Value::as_str).unwrap_or(""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export(links: Value) -> Value {
        json!({"metadata": {"name": "e", "namespace": "ns"}, "status": {"phase": "Ready", "links": links}})
    }

    fn volume(name: &str, formats: &[(&str, &str)]) -> Value {
        json!({"name": name, "formats": formats.iter().map(|(f, u)| json!({"format": f, "url": u})).collect::<Vec<_>>()})
    }

    #[test]
    fn bodies_carry_source_ttl_and_metadata() {
        let request = ExportRequest {
            name: "e".into(),
            source: Some(Source::Pvc("p".into())),
            ttl: Some(Duration::from_secs(5400)),
            labels: vec![("a".into(), "b".into())],
            annotations: vec![],
        };
        let body = export_body("v1", "ns", &request);
        assert_eq!(body["apiVersion"], "export.kubevirt.io/v1");
        assert_eq!(
            body["spec"]["source"],
            json!({"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "p"})
        );
        assert_eq!(body["spec"]["ttlDuration"], "1h30m0s");
        assert_eq!(body["spec"]["tokenSecretRef"], "secret-e");
        assert_eq!(body["metadata"]["labels"], json!({"a": "b"}));
        assert!(body["metadata"].get("annotations").is_none());
        let created =
            json!({"apiVersion": "export.kubevirt.io/v1", "metadata": {"name": "e", "namespace": "ns", "uid": "u1"}});
        let secret = token_secret_body(&created, "abc");
        assert_eq!(secret["metadata"]["ownerReferences"][0]["uid"], "u1");
        assert_eq!(secret["metadata"]["ownerReferences"][0]["blockOwnerDeletion"], false);
        assert_eq!(secret["data"]["token"], "YWJj");
    }

    #[test]
    fn tokens_are_twenty_alphanumerics() {
        let t = generate_token().unwrap();
        assert_eq!(t.len(), 20);
        assert!(t.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(t, generate_token().unwrap());
    }

    #[test]
    fn version_falls_back_only_when_v1_is_not_served() {
        assert_eq!(pick_version(None), "v1");
        assert_eq!(
            pick_version(Some(&json!({"versions": [{"version": "v1beta1"}]}))),
            "v1beta1"
        );
        assert_eq!(
            pick_version(Some(&json!({"versions": [{"version": "v1"}, {"version": "v1beta1"}]}))),
            "v1"
        );
    }

    #[test]
    fn readiness_follows_the_links_in_use() {
        assert_eq!(readiness(None, false), Readiness::Missing);
        assert_eq!(readiness(Some(&json!({})), false), Readiness::NoStatus);
        assert_eq!(
            readiness(Some(&json!({"status": {"phase": "Pending"}})), false),
            Readiness::NotReady
        );
        let internal_only = export(json!({"internal": {}}));
        assert_eq!(readiness(Some(&internal_only), false), Readiness::NoExternalLinks);
        assert_eq!(readiness(Some(&internal_only), true), Readiness::Ready);
    }

    #[test]
    fn links_prefer_compressed_unless_raw_is_asked_for() {
        let e = export(
            json!({"external": {"volumes": [volume("v", &[("raw", "https://h/raw"), ("gzip", "https://h/gz"), ("dir", "https://h/dir/")])]}}),
        );
        let link = volume_link(&e, None, Some("ignored"), false).unwrap();
        assert_eq!(link.url, "https://h/gz");
        assert!(link.is_compressed());
        assert_eq!(volume_link(&e, None, None, true).unwrap().url, "https://h/raw");
        let archive = export(
            json!({"external": {"volumes": [volume("v", &[("dir", "https://h/dir/"), ("tar.gz", "https://h/t.tgz")])]}}),
        );
        assert_eq!(volume_link(&archive, None, None, true).unwrap().format, "tar.gz");
    }

    #[test]
    fn several_volumes_need_a_name_and_service_urls_replace_the_host() {
        let e = export(
            json!({"internal": {"volumes": [volume("a", &[("gzip", "https://svc.ns.svc/a.gz")]), volume("b", &[("gzip", "https://svc.ns.svc/b.gz")])]}}),
        );
        let err = volume_link(&e, Some("127.0.0.1:5"), None, false).unwrap_err();
        assert!(
            err.to_string()
                .contains("Select the expected volume using the --volume flag")
        );
        let link = volume_link(&e, Some("127.0.0.1:5"), Some("b"), false).unwrap();
        assert_eq!(link.url, "https://127.0.0.1:5/b.gz");
        assert!(
            volume_link(&e, None, Some("b"), false).is_ok(),
            "internal links serve when there are no external ones"
        );
        let none = export(json!({}));
        assert_eq!(
            volume_link(&none, None, None, false).unwrap_err().to_string(),
            "unable to access the volume info from 'ns/e' VirtualMachineExport"
        );
    }

    #[test]
    fn manifests_by_type() {
        let e =
            export(json!({"internal": {"manifests": [{"type": "all", "url": "https://svc/internal/manifests/all"}]}}));
        assert_eq!(
            manifest_urls(&e, Some("localhost:9")).unwrap(),
            vec![(
                "all".to_string(),
                "https://localhost:9/internal/manifests/all".to_string()
            )]
        );
        assert!(manifest_urls(&e, None).is_err());
    }
}
