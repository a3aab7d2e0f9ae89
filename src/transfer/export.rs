//! Downloading from a KubeVirt export server: the token header, `FILE.part` renamed only after
//! success, `-` to stdout, gzip inflated on the fly on a writer thread of its own (network and
//! inflate overlap; memory stays constant), zero blocks written as holes, an idle timeout on a
//! stalled connection, and retries that resume with `Range: bytes=N-` where the body is the
//! identity of the file (a `200` to a Range request starts over, never appends; a gzip stream
//! starts over from byte 0 and says so). A new run resumes the `FILE.part` an earlier run left
//! when `FILE.part.json` says it came from the same export and link and the server's file still
//! has the same length (and ETag/Last-Modified, when sent); a Range answer whose total differs
//! from the file's starts over.
//!
//! The whole download from an export is here once ([`from_export`]): create the export when
//! asked (an existing one is reused and kept), wait for it, pick the link, fetch the volume, the
//! manifests or the OCI archive, delete the export afterwards or keep it after a failure with the
//! way to go on. `vmexport download` and `memory-dump download` call it with their own
//! [`Settings`].

use std::fs::File;
use std::io::{IsTerminal, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use http::{StatusCode, header};
use serde_json::Value;

use crate::cluster::api;
use crate::cluster::export::{self, ExportRequest, Exports, InternalAccess, Say, TOKEN_HEADER};
use crate::cluster::export_tunnel::{self, ExportTunnel, TunnelRequest};
use crate::error::{Error, Result, url_error};
use crate::output::Output;
use crate::transfer::progress::Meter;

/// Retries of a cut or stalled connection on top of `--retry`.
const TRANSPORT_RETRIES: u32 = 5;
/// Upstream's pause between `--retry` attempts.
const STATUS_RETRY_PAUSE: Duration = Duration::from_secs(2);
/// Block size below which zero runs are written rather than skipped.
const SPARSE_BLOCK: usize = 4096;

/// What to fetch from the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetch {
    /// a volume (`--volume`, needed only when there are several); `decompress` = `--format raw`
    Volume { name: Option<String>, decompress: bool },
    /// the OCI image-layout archive of a VM, snapshot or template export
    Oci,
    /// the VM's manifests (`--include-secret`: the CDI header Secret appended)
    Manifest { json: bool, include_secret: bool },
}

/// One download from an export, as a command asks for it.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The export; with a source it is created first, and an existing one is reused and kept.
    pub request: ExportRequest,
    pub fetch: Fetch,
    /// `None`: stdout (manifests without `--output`)
    pub output: Option<Destination>,
    pub readiness_timeout: Duration,
    /// `host[:port]` replacing the host of the internal links
    pub service_url: Option<String>,
    pub insecure: bool,
    /// keep an export created here (`--keep-vme`)
    pub keep: bool,
    /// delete the export after success even when it existed (`--delete-vme`)
    pub delete: bool,
    /// attempts after a bad status (upstream's retries)
    pub retries: u32,
    pub idle_timeout: Duration,
    /// `--port-forward` with its `--local-port` (0: any free port)
    pub port_forward: Option<u16>,
    /// the flags the command has to reach an export without external links (for the hint)
    pub internal_access: InternalAccess,
    /// the command line that downloads again from a kept export (for the hint after a failure)
    pub again: String,
}

/// §9.6: the export created when asked, the payload fetched, the export deleted afterwards
/// (created here and not kept, or `delete`), or kept after a failure with the way to go on.
/// Ctrl+C and SIGTERM end the download as a failure, so the export is kept then too.
pub async fn from_export(
    exports: &Exports<'_>,
    cluster_ca: &[Vec<u8>],
    settings: &Settings,
    say: Say<'_>,
) -> Result<()> {
    let name = &settings.request.name;
    let mut created_here = false;
    let mut keep = settings.keep;
    if settings.request.source.is_some() {
        match exports.create_and_say(&settings.request, say).await {
            Ok(_) => created_here = true,
            // An existing export is used as it is and never deleted unless asked to.
            Err(e) if export::is_already_exists(&e) => keep = true,
            Err(e) => return Err(e),
        }
    }
    let is_manifest = matches!(settings.fetch, Fetch::Manifest { .. });
    let delete_after = !is_manifest && (settings.delete || (created_here && !keep));
    let work = fetch_payload(exports, cluster_ca, settings, say);
    let result = tokio::select! {
        result = work => result,
        signal = super::interrupted() => Err(Error::Other(format!("download interrupted by {signal}"))),
    };
    match result {
        Ok(()) if delete_after => exports.delete_and_say(name, say).await,
        Ok(()) => Ok(()),
        Err(e) if created_here || settings.delete => Err(e.with_further_hint(format!(
            "the VirtualMachineExport {}/{name} was kept: download again with `{}`, delete it with `virtctl vmexport delete {name}`",
            exports.namespace(),
            settings.again
        ))),
        Err(e) => Err(e),
    }
}

/// Waits for the export, then fetches what `settings.fetch` names from it.
async fn fetch_payload(exports: &Exports<'_>, cluster_ca: &[Vec<u8>], settings: &Settings, say: Say<'_>) -> Result<()> {
    let name = &settings.request.name;
    let ns = exports.namespace();
    let tunnel = match settings.port_forward {
        Some(local_port) => Some(open_tunnel(exports, settings, local_port, say).await?),
        None => None,
    };
    let internal = settings.service_url.is_some() || tunnel.is_some();
    exports
        .wait_ready(
            name,
            internal,
            settings.internal_access,
            settings.readiness_timeout,
            say,
        )
        .await?;
    // A --service-url given with --port-forward wins, as upstream's does.
    let via_tunnel = tunnel.as_ref().filter(|_| settings.service_url.is_none());
    let service_url = settings
        .service_url
        .clone()
        .or_else(|| via_tunnel.map(ExportTunnel::service_url));
    let service_url = service_url.as_deref();
    let Some(export) = exports.get(name).await? else {
        return Err(Error::Other(format!(
            "unable to get '{ns}/{name}' VirtualMachineExport"
        )));
    };
    let token = exports.token(&export).await?;
    let origin = export
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let tls = export::tls_for(&export, service_url, cluster_ca, settings.insecure)?;
    let client = match via_tunnel {
        Some(tunnel) => client_via(tls, &tunnel.host, tunnel.address())?,
        None => client(tls)?,
    };
    match &settings.fetch {
        Fetch::Manifest { json, include_secret } => {
            let urls = export::manifest_urls(&export, service_url)?;
            let url_of = |kind: &str| {
                urls.iter()
                    .find(|(k, _)| k == kind)
                    .map(|(_, u)| u.clone())
                    .unwrap_or_default()
            };
            let accept = if *json { "application/json" } else { "application/yaml" };
            let mut wanted = vec![url_of("all")];
            if *include_secret {
                wanted.push(url_of("auth-header-secret"));
            }
            manifests(&client, &wanted, &token, accept, settings, say).await
        }
        Fetch::Oci => {
            let url = oci_url(&export, service_url)?;
            transfer(&client, &plan_for(settings, &origin, url, token), settings, say).await
        }
        Fetch::Volume { name, decompress } => {
            let link = export::volume_link(&export, service_url, name.as_deref(), *decompress)?;
            let inflate = *decompress && link.is_compressed();
            if inflate {
                say("Decompressing image:");
            }
            let plan = Plan {
                inflate,
                resumable: !link.is_compressed(),
                ..plan_for(settings, &origin, link.url, token)
            };
            transfer(&client, &plan, settings, say).await
        }
    }
}

/// §9.7: the tunnel to the export server; the forwarder's own lines go to stderr.
async fn open_tunnel(
    exports: &Exports<'_>,
    settings: &Settings,
    local_port: u16,
    say: Say<'_>,
) -> Result<ExportTunnel> {
    let request = TunnelRequest {
        name: &settings.request.name,
        local_port,
        readiness_timeout: settings.readiness_timeout,
        say,
        progress: std::sync::Arc::new(|text: &str| Output.note(text)),
    };
    export_tunnel::open(exports, &request).await
}

/// §9.14: the `oci` manifest URL of a VM, snapshot or template export.
fn oci_url(export: &Value, service_url: Option<&str>) -> Result<String> {
    let text = |pointer: &str| export.pointer(pointer).and_then(Value::as_str).unwrap_or("");
    let kind = text("/spec/source/kind");
    if !["VirtualMachine", "VirtualMachineSnapshot", "VirtualMachineTemplate"].contains(&kind) {
        return Err(Error::Other(format!(
            "OCI format is not supported for source kind {kind}"
        )));
    }
    export::manifest_urls(export, service_url)
        .ok()
        .and_then(|urls| urls.into_iter().find(|(k, _)| k == "oci"))
        .map(|(_, u)| u)
        .ok_or_else(|| {
            Error::Other(format!(
                "OCI format is not available for '{}/{}' VirtualMachineExport",
                text("/metadata/namespace"),
                text("/metadata/name")
            ))
        })
}

/// The plan of one body from `url` (neither inflated nor resumable until the caller says so),
/// with the retries and idle timeout of `settings`.
fn plan_for(settings: &Settings, origin: &str, url: String, token: String) -> Plan {
    Plan {
        origin: format!("{origin} {url}"),
        url,
        token,
        inflate: false,
        resumable: false,
        idle_timeout: settings.idle_timeout,
        status_retries: settings.retries,
        transport_retries: TRANSPORT_RETRIES + settings.retries,
        terminal: std::io::stderr().is_terminal(),
    }
}

/// One body to the output.
async fn transfer(client: &reqwest::Client, plan: &Plan, settings: &Settings, say: Say<'_>) -> Result<()> {
    let destination = settings.output.clone().unwrap_or(Destination::Stdout);
    download(client, plan, &destination, say)
        .await
        .map_err(Failure::into_error)?;
    say("Download finished succesfully");
    Ok(())
}

/// Manifest documents, appended in order and written as one file (or to stdout).
async fn manifests(
    client: &reqwest::Client,
    urls: &[String],
    token: &str,
    accept: &str,
    settings: &Settings,
    say: Say<'_>,
) -> Result<()> {
    let mut attempts_left = settings.retries;
    let body = 'attempts: loop {
        let mut body = Vec::new();
        for url in urls {
            match fetch_document(client, url, token, accept).await? {
                Ok(bytes) => body.extend_from_slice(&bytes),
                Err(status) => {
                    say(&format!("Bad status: {status}"));
                    if attempts_left == 0 {
                        return Err(Error::Other("retry count reached, exiting unsuccesfully".into()));
                    }
                    attempts_left -= 1;
                    say("Retrying...");
                    tokio::time::sleep(STATUS_RETRY_PAUSE).await;
                    continue 'attempts;
                }
            }
        }
        break body;
    };
    let Some(Destination::File(path)) = &settings.output else {
        return Output.bytes(&body);
    };
    let part = Destination::part_path(path);
    std::fs::write(&part, &body).map_err(|e| Error::Io(format!("write {}: {e}", part.display())))?;
    std::fs::rename(&part, path).map_err(|e| Error::Io(format!("rename {}: {e}", part.display())))
}

/// An HTTP client for an export server with the given TLS settings (proxies from the
/// environment are honoured).
pub fn client(tls: rustls::ClientConfig) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .http1_only()
        .connect_timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| Error::Config(format!("cannot set up the export client: {e}")))
}

/// An export client that reaches `host` (a Service's DNS name, in the URLs it is given) at
/// `address` (a local port-forward): TLS sends and verifies that name. No proxy: the address is
/// local.
pub fn client_via(tls: rustls::ClientConfig, host: &str, address: std::net::SocketAddr) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .http1_only()
        .no_proxy()
        .resolve(host, address)
        .connect_timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| Error::Config(format!("cannot set up the export client: {e}")))
}

/// Where the bytes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// written to `FILE.part`, renamed to the file after success
    File(PathBuf),
    Stdout,
}

impl Destination {
    /// `-` is stdout, anything else a file.
    pub fn from_flag(value: &str) -> Destination {
        if value == "-" {
            Destination::Stdout
        } else {
            Destination::File(PathBuf::from(value))
        }
    }

    pub fn part_path(path: &Path) -> PathBuf {
        let mut name = path.as_os_str().to_owned();
        name.push(".part");
        PathBuf::from(name)
    }
}

/// One download.
#[derive(Debug, Clone)]
pub struct Plan {
    pub url: String,
    pub token: String,
    /// gunzip the body (`--format raw` from a compressed link)
    pub inflate: bool,
    /// the body is the file itself (`disk.img`), so a cut can resume with Range
    pub resumable: bool,
    pub idle_timeout: Duration,
    /// attempts after a non-200 status (`--retry`)
    pub status_retries: u32,
    /// attempts after a cut or stalled connection
    pub transport_retries: u32,
    /// draw a bar (stderr is a terminal) or print plain lines
    pub terminal: bool,
    /// what the bytes are (the export's uid and the link): a `FILE.part` left by an earlier
    /// run is resumed only when it was started from the same origin
    pub origin: String,
}

/// Why a download stopped without the file.
#[derive(Debug)]
pub enum Failure {
    /// the server answered with a bad status on the last allowed attempt
    Status,
    /// the connection was cut or stalled on the last allowed attempt
    Transport(String),
    /// anything else (local I/O, a corrupt gzip stream, TLS)
    Fatal(Error),
}

impl Failure {
    pub fn into_error(self) -> Error {
        match self {
            Failure::Status => Error::Other("retry count reached, exiting unsuccesfully".into()),
            Failure::Transport(why) => Error::Transport {
                message: why,
                hint: None,
            },
            Failure::Fatal(e) => e,
        }
    }
}

/// GETs a small document (a manifest) with the token and an `Accept` header. `Ok(Err(status))`
/// for a non-200 answer.
pub async fn fetch_document(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    accept: &str,
) -> Result<std::result::Result<Bytes, String>> {
    let response = client
        .get(url)
        .header(TOKEN_HEADER, token)
        .header(header::ACCEPT, accept)
        .send()
        .await
        .map_err(|e| transport_error(url, &e))?;
    if response.status() != StatusCode::OK {
        return Ok(Err(status_text(response.status())));
    }
    let body = response.bytes().await.map_err(|e| transport_error(url, &e))?;
    Ok(Ok(body))
}

/// Go's `resp.Status`: `404 Not Found`.
pub fn status_text(status: StatusCode) -> String {
    format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or(""))
        .trim_end()
        .to_string()
}

fn transport_error(url: &str, err: &reqwest::Error) -> Error {
    Error::Transport {
        message: url_error("GET", url, api::error_chain(err)),
        hint: None,
    }
}

/// Whether the failure is a TLS one (retrying cannot help).
fn is_tls(err: &reqwest::Error) -> bool {
    api::causes(err).any(|e| e.downcast_ref::<rustls::Error>().is_some())
}

/// How one attempt ended.
enum End {
    Done,
    Status(String),
    /// cut or stalled; the bytes of the body the file now holds (for a resume)
    Cut(String),
    /// the server's file is not the one the part file was started from
    Changed,
}

/// What identifies the server's file: its length, and its ETag and Last-Modified where the
/// server sends them (KubeVirt's exporter sends neither for `disk.img`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Identity {
    length: Option<u64>,
    etag: Option<String>,
    last_modified: Option<String>,
}

impl Identity {
    /// From a 200 (its length) or a 206 (the total of its Content-Range).
    fn of(response: &reqwest::Response) -> Identity {
        let text = |name: header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let length = if response.status() == StatusCode::PARTIAL_CONTENT {
            text(header::CONTENT_RANGE)
                .and_then(|r| r.rsplit_once('/').and_then(|(_, total)| total.trim().parse().ok()))
        } else {
            response.content_length()
        };
        Identity {
            length,
            etag: text(header::ETAG),
            last_modified: text(header::LAST_MODIFIED),
        }
    }
}

/// `FILE.part.json`: where the bytes of `FILE.part` come from, so that a later run resumes
/// only the same file of the same export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct PartOrigin {
    origin: String,
    identity: Identity,
}

fn origin_path(part: &Path) -> PathBuf {
    let mut name = part.as_os_str().to_owned();
    name.push(".json");
    PathBuf::from(name)
}

fn read_origin(part: &Path) -> Option<PartOrigin> {
    let text = std::fs::read(origin_path(part)).ok()?;
    serde_json::from_slice(&text).ok()
}

fn write_origin(part: &Path, origin: &PartOrigin) -> Result<()> {
    let path = origin_path(part);
    let text = serde_json::to_vec(origin).unwrap_or_default();
    std::fs::write(&path, text).map_err(|e| Error::Io(format!("write {}: {e}", path.display())))
}

/// Where a new run starts: at the end of a `FILE.part` an earlier run of the same origin left
/// (with the identity its server file had then), else at byte 0.
fn earlier_part(part: &Path, plan: &Plan, note: &(dyn Fn(&str) + Sync)) -> (u64, Option<Identity>) {
    let len = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return (0, None);
    }
    match read_origin(part) {
        Some(earlier) if plan.resumable && !plan.inflate && earlier.origin == plan.origin => {
            note(&format!(
                "{} is left from an earlier download of this export: resuming at byte {len}",
                part.display()
            ));
            (len, Some(earlier.identity))
        }
        _ => {
            note(&format!(
                "{} is left from another download: starting again from byte 0",
                part.display()
            ));
            (0, None)
        }
    }
}

/// Downloads `plan.url` to `destination`, printing progress on stderr and notes through
/// `note`. Returns the bytes written.
pub async fn download(
    client: &reqwest::Client,
    plan: &Plan,
    destination: &Destination,
    note: &(dyn Fn(&str) + Sync),
) -> std::result::Result<u64, Failure> {
    let target = match destination {
        Destination::File(path) => Some(Destination::part_path(path)),
        Destination::Stdout => None,
    };
    // Bytes of the body already in the output (the resume point), and what they are.
    let (mut offset, mut identity) = match &target {
        Some(part) => earlier_part(part, plan, note),
        None => (0, None),
    };
    let mut written_any = false;
    let mut status_left = plan.status_retries;
    let mut transport_left = plan.transport_retries;
    let mut total_written;
    loop {
        let attempt = attempt(
            client,
            plan,
            target.as_deref(),
            offset,
            &mut identity,
            written_any,
            note,
        )
        .await;
        let (end, body_bytes, out_bytes) = attempt.map_err(Failure::Fatal)?;
        total_written = out_bytes;
        match end {
            End::Done => break,
            End::Changed => {
                note("the server's file is not the one the download started from: starting again from byte 0");
                offset = 0;
                identity = None;
            }
            End::Status(status) => {
                note(&format!("Bad status: {status}"));
                if status_left == 0 {
                    return Err(Failure::Status);
                }
                status_left -= 1;
                note("Retrying...");
                tokio::time::sleep(STATUS_RETRY_PAUSE).await;
            }
            End::Cut(why) => {
                written_any |= body_bytes > 0;
                if transport_left == 0 {
                    return Err(Failure::Transport(why));
                }
                transport_left -= 1;
                if plan.resumable && !plan.inflate {
                    offset = body_bytes;
                    note(&format!("{why}; resuming at byte {offset}"));
                } else {
                    if target.is_none() && written_any {
                        return Err(Failure::Fatal(Error::Other(format!(
                            "{why}: a gzip stream cannot be resumed and part of it already went to stdout"
                        ))));
                    }
                    offset = 0;
                    note(&format!(
                        "{why}; a gzip stream cannot be resumed: starting again from byte 0"
                    ));
                }
                tokio::time::sleep(crate::transfer::retry::backoff(plan.transport_retries - transport_left)).await;
            }
        }
    }
    if let (Some(part), Destination::File(path)) = (&target, destination) {
        std::fs::rename(part, path).map_err(|e| {
            Failure::Fatal(Error::Io(format!(
                "cannot rename {} to {}: {e}",
                part.display(),
                path.display()
            )))
        })?;
        let _ = std::fs::remove_file(origin_path(part));
    }
    Ok(total_written)
}

/// One GET from `offset`: `(how it ended, body bytes now in the output, output bytes written)`.
async fn attempt(
    client: &reqwest::Client,
    plan: &Plan,
    part: Option<&Path>,
    offset: u64,
    identity: &mut Option<Identity>,
    wrote_before: bool,
    note: &(dyn Fn(&str) + Sync),
) -> Result<(End, u64, u64)> {
    let mut request = client.get(&plan.url).header(TOKEN_HEADER, &plan.token);
    if offset > 0 {
        request = request.header(header::RANGE, format!("bytes={offset}-"));
    }
    let sent = tokio::time::timeout(plan.idle_timeout, request.send()).await;
    let mut response = match sent {
        Err(_) => return Ok((End::Cut(format!("no answer within {:?}", plan.idle_timeout)), offset, 0)),
        Ok(Err(e)) if is_tls(&e) => {
            return Err(transport_error(&plan.url, &e).with_hint(
                "the export server's certificate is not trusted: its CA comes from the export's status, the kubeconfig and the system roots; --insecure skips the check",
            ));
        }
        Ok(Err(e)) if e.is_connect() || e.is_timeout() || e.is_request() => {
            return Ok((End::Cut(transport_error(&plan.url, &e).to_string()), offset, 0));
        }
        Ok(Err(e)) => return Err(transport_error(&plan.url, &e)),
        Ok(Ok(r)) => r,
    };
    let status = response.status();
    let start = match status {
        StatusCode::PARTIAL_CONTENT if offset > 0 && content_range_start(&response) == Some(offset) => offset,
        StatusCode::OK => {
            if offset > 0 {
                note("the server ignored the range request: starting again from byte 0");
            }
            0
        }
        _ => return Ok((End::Status(status_text(status)), offset, 0)),
    };
    if start == 0 && part.is_none() && wrote_before {
        return Err(Error::Other(
            "the download must start again but part of it already went to stdout".into(),
        ));
    }
    let served = Identity::of(&response);
    if start > 0 && identity.as_ref().is_some_and(|known| *known != served) {
        return Ok((End::Changed, 0, 0));
    }
    if start == 0 {
        *identity = Some(served.clone());
        if let Some(part) = part.filter(|_| plan.resumable && !plan.inflate) {
            let origin = PartOrigin {
                origin: plan.origin.clone(),
                identity: served,
            };
            write_origin(part, &origin)?;
        }
    }
    let total = response.content_length().map(|len| len + start);
    let meter = Meter::start(total.unwrap_or(0), plan.terminal, Output);
    meter.add(start);
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(32);
    let sink = open_sink(part, start)?;
    let inflate = plan.inflate;
    let writer = std::thread::spawn(move || write_all(sink, rx, inflate));
    let mut received = start;
    let end = loop {
        match tokio::time::timeout(plan.idle_timeout, response.chunk()).await {
            Err(_) => {
                break End::Cut(format!(
                    "no data for {} (idle timeout)",
                    crate::go_syntax::format_duration(plan.idle_timeout)
                ));
            }
            Ok(Err(e)) => break End::Cut(transport_error(&plan.url, &e).to_string()),
            Ok(Ok(None)) => break End::Done,
            Ok(Ok(Some(chunk))) => {
                let len = chunk.len() as u64;
                if tx.send(chunk).await.is_err() {
                    // The writer stopped: its error is reported below.
                    break End::Done;
                }
                received += len;
                meter.add(len);
            }
        }
    };
    drop(tx);
    meter.finish();
    let written = writer
        .join()
        .map_err(|_| Error::Other("the download's writer thread failed".into()))??;
    Ok((end, received, written))
}

/// `Content-Range: bytes START-END/TOTAL` → START.
fn content_range_start(response: &reqwest::Response) -> Option<u64> {
    let value = response.headers().get(header::CONTENT_RANGE)?.to_str().ok()?;
    let range = value.strip_prefix("bytes ")?;
    range.split('-').next()?.trim().parse().ok()
}

/// The output an attempt writes to: the `.part` file positioned at `start` (cut there), or
/// stdout.
fn open_sink(part: Option<&Path>, start: u64) -> Result<Box<dyn Write + Send>> {
    let Some(path) = part else {
        return Ok(Box::new(std::io::stdout()));
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::Io(format!("open {}: {e}", path.display())))?;
    // Truncate only when needed: on ext4 a truncate to 0 (a fresh file's) marks the file for a
    // synchronous flush of all its data on close (`auto_da_alloc`), a quarter of the client's CPU
    // and its wall time at the end of a 4 GiB download (BENCHMARKS.md, "vmexport download").
    let len = file
        .metadata()
        .map_err(|e| Error::Io(format!("stat {}: {e}", path.display())))?
        .len();
    if len != start {
        file.set_len(start)
            .map_err(|e| Error::Io(format!("truncate {}: {e}", path.display())))?;
    }
    Ok(Box::new(SparseFile::at(file, start)?))
}

/// The writer thread: writes each chunk (through a gzip decoder when inflating) and returns
/// the bytes written.
fn write_all(sink: Box<dyn Write + Send>, mut rx: tokio::sync::mpsc::Receiver<Bytes>, inflate: bool) -> Result<u64> {
    let mut counted = Counted { inner: sink, count: 0 };
    let io = |e: std::io::Error| -> Error {
        match e.kind() {
            std::io::ErrorKind::BrokenPipe => Error::BrokenPipe,
            std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => Error::Other(format!("gzip: {e}")),
            _ => Error::Io(format!("write: {e}")),
        }
    };
    if inflate {
        let mut decoder = flate2::write::GzDecoder::new(&mut counted);
        while let Some(chunk) = rx.blocking_recv() {
            decoder.write_all(&chunk).map_err(io)?;
        }
        decoder.try_finish().map_err(io)?;
    } else {
        while let Some(chunk) = rx.blocking_recv() {
            counted.write_all(&chunk).map_err(io)?;
        }
    }
    counted.flush().map_err(io)?;
    Ok(counted.count)
}

struct Counted {
    inner: Box<dyn Write + Send>,
    count: u64,
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A file written from a position on, whose aligned all-zero blocks become holes; the length is
/// set on flush so a trailing hole is kept. A run of zero blocks costs one seek, made only when
/// data follows it.
struct SparseFile {
    file: File,
    /// the logical end of what was written
    pos: u64,
    /// where the file's cursor is (behind `pos` while a hole is pending)
    cursor: u64,
}

impl SparseFile {
    fn at(mut file: File, pos: u64) -> Result<SparseFile> {
        file.seek(SeekFrom::Start(pos))
            .map_err(|e| Error::Io(format!("seek: {e}")))?;
        Ok(SparseFile { file, pos, cursor: pos })
    }

    /// Writes `data`, which belongs at `at`, skipping over a pending hole first.
    fn put(&mut self, at: u64, data: &[u8]) -> std::io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        if self.cursor != at {
            self.file.seek(SeekFrom::Start(at))?;
        }
        self.file.write_all(data)?;
        self.cursor = at + data.len() as u64;
        Ok(())
    }
}

/// A whole block of zeros, to compare blocks against.
static ZERO_BLOCK: [u8; SPARSE_BLOCK] = [0; SPARSE_BLOCK];

/// All bytes of a `SPARSE_BLOCK`-sized block zero. A slice comparison is libc's `bcmp`, which is
/// vectorised whatever this crate's opt-level ("z" disables the compiler's loop vectorisation).
fn is_zero(block: &[u8]) -> bool {
    block == &ZERO_BLOCK[..block.len()]
}

impl Write for SparseFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let base = self.pos;
        let mut i = 0;
        // Start of the bytes not yet written (a run of non-zero blocks is written at once).
        let mut run = 0;
        while i < buf.len() {
            let room = SPARSE_BLOCK - ((base + i as u64) % SPARSE_BLOCK as u64) as usize;
            let end = buf.len().min(i + room);
            if end - i == SPARSE_BLOCK && is_zero(&buf[i..end]) {
                self.put(base + run as u64, &buf[run..i])?;
                run = end;
            }
            i = end;
        }
        self.put(base + run as u64, &buf[run..])?;
        self.pos = base + buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.set_len(self.pos)?;
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_files_sit_beside_the_output() {
        assert_eq!(
            Destination::part_path(Path::new("/a/disk.img")),
            PathBuf::from("/a/disk.img.part")
        );
        assert_eq!(Destination::from_flag("-"), Destination::Stdout);
        assert_eq!(status_text(StatusCode::SERVICE_UNAVAILABLE), "503 Service Unavailable");
    }

    #[test]
    fn zero_blocks_become_holes_and_bytes_stay_equal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let mut data = vec![0u8; 5 * SPARSE_BLOCK + 100];
        data[10] = 1;
        data[3 * SPARSE_BLOCK + 7] = 2;
        let file = File::create(&path).unwrap();
        let mut sparse = SparseFile::at(file, 0).unwrap();
        for piece in data.chunks(1000) {
            sparse.write_all(piece).unwrap();
        }
        sparse.write_all(&vec![0u8; 2 * SPARSE_BLOCK]).unwrap();
        sparse.flush().unwrap();
        data.extend_from_slice(&vec![0u8; 2 * SPARSE_BLOCK]);
        assert_eq!(std::fs::read(&path).unwrap(), data);
    }

    #[test]
    fn holes_across_writes_and_after_a_resume_keep_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, vec![7u8; 3 * SPARSE_BLOCK]).unwrap();
        // A resume at an unaligned offset over old bytes, a hole spanning several writes,
        // then data in the middle of a block.
        let start = SPARSE_BLOCK as u64 + 10;
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(start).unwrap();
        let mut sparse = SparseFile::at(file, start).unwrap();
        let mut tail = vec![0u8; 10 * SPARSE_BLOCK];
        tail[9 * SPARSE_BLOCK + 5] = 9;
        for piece in tail.chunks(3 * SPARSE_BLOCK + 1) {
            sparse.write_all(piece).unwrap();
        }
        sparse.flush().unwrap();
        let mut want = vec![7u8; start as usize];
        want.extend_from_slice(&tail);
        assert_eq!(std::fs::read(&path).unwrap(), want);
        assert!(
            is_zero(&[0u8; 200])
                && !is_zero(&[0, 0, 0, 1])
                && !is_zero(&{
                    let mut b = [0u8; 130];
                    b[129] = 1;
                    b
                })
        );
    }
}
