//! KubeVirt's VM export: the VirtualMachineExport controller (virt-controller's part) and the
//! export server (the exporter pod's), in one component.
//!
//! The controller takes an export from `Pending` to `Ready` once its source exists and is not in
//! use: it creates the `virt-export-NAME` Service (443 → 8443) and exporter Pod, the token Secret
//! when the spec names none, and writes `status` (token secret, service name, internal links and,
//! when the `vmexport-proxy` Route exists in `kubevirt` as on OpenShift, external links; formats
//! per volume by content type; `ttlExpirationTime`). An export whose VM starts is `Terminated`; an
//! export past its TTL is deleted with what it owns.
//!
//! The server (its own CA, like the exporter pod's) serves `disk.img` as Go's `ServeContent`
//! does (Range, Content-Length, HEAD), `disk.img.gz` and `disk.tar.gz` as streams without a
//! length (compressed once and cached), `dir/`, and the manifests `all` and `secret` in YAML or
//! JSON, and `export.oci.tar` for VM sources (`export_oci.rs`); 401 without the right
//! `x-kubevirt-export-token`. The fault knobs of `faults.rs` cut,
//! stall, fail or ignore Range.
//!
//! PVC contents live in sparse files under a data directory ([`ExportState`]): the upload server
//! writes them, the export server reads them; a PVC never written gets a small generated image.
//! A filesystem PVC can also hold files in a root directory of its own (the memory dump writes
//! one there): a PVC without KubeVirt's content type is exported as `dir/` and a `disk.tar.gz`
//! of that root, as the exporter's `tar` of its mount point.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use serde_json::{Value, json};

use crate::https::Endpoint;
use crate::kinds::{self, Kind};
use crate::object::{annotation, deleting, name_of, ns_of, pod_kind, pvc_kind, vm_kind, vmi_kind};
use crate::registry::{Cluster, Component};
use crate::server::SimState;
use crate::store::{Inner, now_rfc3339, random_suffix};

/// The namespace and name of the Route that makes the export proxy reachable from outside.
pub const PROXY_ROUTE: (&str, &str) = ("kubevirt", "vmexport-proxy");
const CONTENT_TYPE_ANNOTATION: &str = "cdi.kubevirt.io/storage.contentType";
const DEFAULT_TTL: Duration = Duration::from_secs(2 * 3600);
/// A PVC never written holds this generated image: 1 MiB of data, then zeros (a hole).
const GENERATED_DATA: u64 = 1 << 20;
const GENERATED_SIZE: u64 = 4 << 20;
const CHUNK: usize = 256 * 1024;

pub const GROUP: &str = "export.kubevirt.io";

/// The export kind at the newest version the cluster serves: the controller writes and owns
/// with it, and the external links name it, as virt-controller and virt-exportproxy do.
fn export_kind(state: &SimState) -> &'static Kind {
    kinds::versions_of(GROUP)
        .into_iter()
        .find(|v| state.serves(GROUP, v))
        .and_then(|v| kinds::lookup(GROUP, v, "virtualmachineexports"))
        .expect("an export version is served")
}

/// The export versions of the kinds table that `served` leaves out, after checking that
/// `served` names at least one and only versions the table has.
pub fn unserved_versions(served: &[String]) -> anyhow::Result<Vec<(&'static str, &'static str)>> {
    let known = kinds::versions_of(GROUP);
    if served.is_empty() {
        anyhow::bail!(
            "at least one version of {GROUP} must be served (known: {})",
            known.join(", ")
        );
    }
    if let Some(unknown) = served.iter().find(|v| !known.contains(&v.as_str())) {
        anyhow::bail!("{GROUP} has no version {unknown:?} (known: {})", known.join(", "));
    }
    Ok(known
        .into_iter()
        .filter(|v| !served.iter().any(|s| s == v))
        .map(|v| (GROUP, v))
        .collect())
}

fn secret_kind() -> &'static Kind {
    kinds::lookup("", "v1", "secrets").expect("secret kind")
}

fn service_kind() -> &'static Kind {
    kinds::lookup("", "v1", "services").expect("service kind")
}

fn route_kind() -> &'static Kind {
    kinds::lookup("route.openshift.io", "v1", "routes").expect("route kind")
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

// ---- volumes on disk ----

/// The export world beside the store: the data directory of PVC contents, the compressed
/// copies cached there, and the export server's address and CA.
#[derive(Debug, Default)]
pub struct ExportState {
    dir: OnceLock<PathBuf>,
    /// the export server: `127.0.0.1:PORT` and its CA
    server: Mutex<Option<(String, String)>>,
    /// compressed copies by source path: (source length, source mtime) they were made from
    cache: Mutex<HashMap<PathBuf, (u64, SystemTime)>>,
    /// what the export server answered
    requests: Mutex<Vec<ExportRequest>>,
}

impl Drop for ExportState {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.get() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl ExportState {
    fn dir(&self) -> &Path {
        self.dir.get_or_init(|| {
            let dir = std::env::temp_dir().join(format!(
                "kubevirt-sim-volumes-{}-{}",
                std::process::id(),
                random_suffix(8)
            ));
            let _ = std::fs::create_dir_all(&dir);
            dir
        })
    }

    /// The file holding a PVC's contents (it may not exist yet).
    pub fn path(&self, ns: &str, pvc: &str) -> PathBuf {
        self.dir().join(ns).join(format!("{pvc}.img"))
    }

    /// A writer that replaces the PVC's contents (`None` when the file cannot be made).
    pub fn writer(&self, ns: &str, pvc: &str) -> Option<VolumeWriter> {
        let path = self.path(ns, pvc);
        std::fs::create_dir_all(path.parent()?).ok()?;
        let file = File::create(&path).ok()?;
        Some(VolumeWriter { file, pos: 0 })
    }

    /// The PVC's file, generated when nothing was ever written to it.
    pub fn ensure(&self, ns: &str, pvc: &str) -> std::io::Result<PathBuf> {
        let path = self.path(ns, pvc);
        if path.exists() {
            return Ok(path);
        }
        std::fs::create_dir_all(path.parent().unwrap_or(self.dir()))?;
        let tmp = path.with_extension(format!("gen-{}", random_suffix(8)));
        let mut file = File::create(&tmp)?;
        file.write_all(&pseudo_random(&format!("{ns}/{pvc}"), GENERATED_DATA as usize))?;
        file.set_len(GENERATED_SIZE)?;
        // Linked, not renamed: an upload's writer may have created the file meanwhile, and a
        // rename would put the generated data in its place while the writer fills an unlinked one.
        let linked = std::fs::hard_link(&tmp, &path);
        std::fs::remove_file(&tmp)?;
        match linked {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
            _ => Ok(path),
        }
    }

    /// The root directory of a filesystem PVC's files (it may not exist yet: a PVC whose files
    /// nobody wrote is served as its disk image file).
    pub fn root(&self, ns: &str, pvc: &str) -> PathBuf {
        self.dir().join(ns).join(format!("{pvc}.root"))
    }

    /// Writes one file into a filesystem PVC's root (as a pod mounting the PVC would).
    pub fn write_file(&self, ns: &str, pvc: &str, name: &str, data: &[u8]) -> std::io::Result<PathBuf> {
        let root = self.root(ns, pvc);
        std::fs::create_dir_all(&root)?;
        let path = root.join(name);
        let tmp = root.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, data)?;
        std::fs::rename(&tmp, &path)?;
        Ok(path)
    }

    /// The files in a PVC's root, by name (empty when it has none).
    pub fn files(&self, ns: &str, pvc: &str) -> Vec<(String, PathBuf)> {
        let Ok(entries) = std::fs::read_dir(self.root(ns, pvc)) else {
            return Vec::new();
        };
        let mut files: Vec<(String, PathBuf)> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(name, _)| !name.starts_with('.'))
            .collect();
        files.sort();
        files
    }

    /// The exporter's `disk.tar.gz` of a filesystem PVC's root: what `tar Scv .` in the mount
    /// point writes (`./`, then `./NAME` per file), gzipped; made again whenever the files change.
    fn root_archive(&self, ns: &str, pvc: &str) -> std::io::Result<PathBuf> {
        let files = self.files(ns, pvc);
        let mut stamp = (0u64, SystemTime::UNIX_EPOCH);
        for (_, path) in &files {
            let meta = std::fs::metadata(path)?;
            stamp.0 += meta.len() + 1;
            stamp.1 = stamp.1.max(meta.modified()?);
        }
        let target = self.dir().join(ns).join(format!("{pvc}.root.tar.gz"));
        if lock(&self.cache).get(&target) == Some(&stamp) && target.exists() {
            return Ok(target);
        }
        let tmp = target.with_extension(format!("tmp{}", random_suffix(6)));
        {
            let out = std::io::BufWriter::with_capacity(CHUNK, File::create(&tmp)?);
            let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::fast());
            gz.write_all(&tar_header("./", 0, b'5', b"0000755"))?;
            for (name, path) in &files {
                let data = std::fs::read(path)?;
                gz.write_all(&tar_header(&format!("./{name}"), data.len() as u64, b'0', b"0000644"))?;
                gz.write_all(&data)?;
                gz.write_all(&vec![0u8; tar_padding(data.len() as u64)])?;
            }
            gz.write_all(&[0u8; 1024])?;
            gz.finish()?.flush()?;
        }
        std::fs::rename(&tmp, &target)?;
        lock(&self.cache).insert(target.clone(), stamp);
        Ok(target)
    }

    /// `127.0.0.1:PORT` and the CA of the export server, once it runs.
    pub fn server(&self) -> Option<(String, String)> {
        lock(&self.server).clone()
    }

    /// A compressed copy of `source` (`tar`: as a one-file tar first), made once per content.
    fn compressed(&self, source: &Path, tar: bool) -> std::io::Result<PathBuf> {
        let meta = std::fs::metadata(source)?;
        let stamp = (meta.len(), meta.modified()?);
        let target = source.with_extension(if tar { "tar.gz" } else { "img.gz" });
        if lock(&self.cache).get(&target) == Some(&stamp) && target.exists() {
            return Ok(target);
        }
        let tmp = target.with_extension(format!("tmp{}", random_suffix(6)));
        {
            let out = std::io::BufWriter::with_capacity(CHUNK, File::create(&tmp)?);
            let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::fast());
            if tar {
                gz.write_all(&tar_header("disk.img", meta.len(), b'0', b"0000644"))?;
            }
            let mut input = File::open(source)?;
            let mut buf = vec![0u8; CHUNK];
            loop {
                let n = input.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                gz.write_all(&buf[..n])?;
            }
            if tar {
                gz.write_all(&vec![0u8; tar_padding(meta.len()) + 1024])?;
            }
            gz.finish()?.flush()?;
        }
        std::fs::rename(&tmp, &target)?;
        lock(&self.cache).insert(target.clone(), stamp);
        Ok(target)
    }
}

/// Deterministic bytes that do not compress, the same for the same seed (xorshift).
pub fn pseudo_random(seed: &str, len: usize) -> Vec<u8> {
    let mut state = seed.bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| {
        h.wrapping_mul(31).wrapping_add(u64::from(b))
    });
    let mut buf = vec![0u8; len];
    for b in buf.iter_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *b = state as u8;
    }
    buf
}

/// The zeros that fill a tar member of `len` bytes up to its 512-byte block.
fn tar_padding(len: u64) -> usize {
    ((512 - len % 512) % 512) as usize
}

/// A ustar header: `kind` `0` for a regular file, `5` for a directory. Names longer than the
/// field (100 bytes) are cut; the simulator's names stay well below.
pub(crate) fn tar_header(name: &str, len: u64, kind: u8, mode: &[u8; 7]) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    let name = &name.as_bytes()[..name.len().min(100)];
    h[..name.len()].copy_from_slice(name);
    h[100..107].copy_from_slice(mode);
    h[108..115].copy_from_slice(b"0000107");
    h[116..123].copy_from_slice(b"0000107");
    h[124..135].copy_from_slice(format!("{len:011o}").as_bytes());
    h[136..147].copy_from_slice(b"00000000000");
    h[156] = kind;
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
    h
}

/// Writes a PVC's contents from the start; zero blocks stay holes.
#[derive(Debug)]
pub struct VolumeWriter {
    file: File,
    pos: u64,
}

impl VolumeWriter {
    pub fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt;
        let mut offset = 0;
        for block in data.chunks(4096) {
            if block.iter().any(|b| *b != 0) {
                self.file.write_all_at(block, self.pos + offset)?;
            }
            offset += block.len() as u64;
        }
        self.pos += offset;
        if self.file.metadata()?.len() < self.pos {
            self.file.set_len(self.pos)?;
        }
        Ok(())
    }
}

// ---- the controller ----

/// The export controller and server.
pub struct Export {
    state: Option<Arc<SimState>>,
}

impl Export {
    pub fn new() -> Export {
        Export { state: None }
    }
}

impl Default for Export {
    fn default() -> Self {
        Export::new()
    }
}

impl Component for Export {
    fn start(&mut self, cluster: &Cluster<'_>) -> anyhow::Result<Vec<Endpoint>> {
        // Each exporter pod has a certificate for its Service's name: the server presents one
        // for the name a client sends in its SNI (`virt-export-NAME.NS.svc`).
        let pki = crate::tls::generate_per_service()?;
        let state = cluster.state.clone();
        let endpoint = Endpoint::start("kubevirt-sim-export", &pki, move |req| serve(state.clone(), req))?;
        *lock(&cluster.state.cdi.export.server) = Some((endpoint.host.clone(), endpoint.ca_pem.clone()));
        // OpenShift exposes the export proxy with a Route; its host is the export server here.
        let route = json!({
            "apiVersion": "route.openshift.io/v1",
            "kind": "Route",
            "metadata": {"name": PROXY_ROUTE.1, "namespace": PROXY_ROUTE.0},
            "spec": {"host": endpoint.host, "to": {"kind": "Service", "name": "virt-exportproxy"}, "tls": {"termination": "reencrypt"}},
        });
        let _ = cluster
            .state
            .store
            .lock()
            .create(route_kind(), PROXY_ROUTE.0, route, false, false);
        self.state = Some(cluster.state.clone());
        Ok(vec![endpoint])
    }

    fn tick(&mut self, store: &mut Inner, state: &SimState) {
        let external = store
            .try_get(route_kind(), PROXY_ROUTE.0, PROXY_ROUTE.1)
            .and_then(|r| r.pointer("/spec/host").and_then(Value::as_str).map(str::to_string));
        let ca = state.cdi.export.server().map(|(_, ca)| ca).unwrap_or_default();
        for export in store.list_all(export_kind(state), None) {
            if !deleting(&export) {
                step(store, state, export, external.as_deref(), &ca);
            }
        }
    }
}

/// What a source resolves to.
enum SourceState {
    /// waiting: (reason, message)
    Pending(&'static str, String),
    /// volumes (PVC names) and the VM name when the source is a VM
    Ready(Vec<String>, Option<String>),
}

fn resolve_source(store: &Inner, ns: &str, export: &Value) -> SourceState {
    let kind = export
        .pointer("/spec/source/kind")
        .and_then(Value::as_str)
        .unwrap_or("");
    let name = export
        .pointer("/spec/source/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    match kind {
        "PersistentVolumeClaim" => match store.try_get(pvc_kind(), ns, name) {
            None => SourceState::Pending("pvcNotFound", format!("pvc {ns}/{name} not found")),
            Some(pvc)
                if pvc_in_use(store, ns, name)
                    && annotation(&pvc, "cdi.kubevirt.io/storage.pod.phase") != Some("Succeeded") =>
            {
                SourceState::Pending("inUse", format!("pvc {ns}/{name} is in use"))
            }
            Some(_) => SourceState::Ready(vec![name.to_string()], None),
        },
        "VirtualMachine" => {
            let Some(vm) = store.try_get(vm_kind(), ns, name) else {
                return SourceState::Pending("vmNotFound", format!("Virtual Machine {ns}/{name} not found"));
            };
            if store.try_get(vmi_kind(), ns, name).is_some() {
                return SourceState::Pending("inUse", format!("Virtual Machine {ns}/{name} is running"));
            }
            let mut volumes = Vec::new();
            for volume in crate::object::array_at(&vm, "/spec/template/spec/volumes") {
                let claim = volume
                    .pointer("/persistentVolumeClaim/claimName")
                    .or_else(|| volume.pointer("/dataVolume/name"))
                    .and_then(Value::as_str);
                if let Some(claim) = claim {
                    if store.try_get(pvc_kind(), ns, claim).is_none() {
                        return SourceState::Pending("pvcNotFound", format!("pvc {ns}/{claim} not found"));
                    }
                    volumes.push(claim.to_string());
                }
            }
            SourceState::Ready(volumes, Some(name.to_string()))
        }
        other => SourceState::Pending("sourceNotFound", format!("{other} {ns}/{name} not found")),
    }
}

/// A PVC an upload is still writing to counts as in use.
fn pvc_in_use(store: &Inner, ns: &str, name: &str) -> bool {
    store
        .try_get(pod_kind(), ns, &crate::cdi::upload_pod_name(name))
        .is_some()
}

fn step(store: &mut Inner, state: &SimState, export: Value, external: Option<&str>, ca: &str) {
    let ns = ns_of(&export);
    let name = name_of(&export);
    let uid = export
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    // TTL
    let created = export
        .pointer("/metadata/creationTimestamp")
        .and_then(Value::as_str)
        .and_then(|t| time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc);
    let ttl = export
        .pointer("/spec/ttlDuration")
        .and_then(Value::as_str)
        .and_then(parse_go_duration)
        .unwrap_or(DEFAULT_TTL);
    let expires = created + ttl;
    if time::OffsetDateTime::now_utc() >= expires {
        let _ = store.delete(export_kind(state), &ns, &name, false, None, None);
        return;
    }
    let expiration = expires
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let kind = export_kind(state);
    let owner = json!([{
        "apiVersion": kind.api_version(),
        "kind": "VirtualMachineExport", "name": name, "uid": uid, "controller": true, "blockOwnerDeletion": true,
    }]);
    // The token Secret: the one the spec names, else one of our own.
    let secret_name = match export.pointer("/spec/tokenSecretRef").and_then(Value::as_str) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => {
            let n = format!("export-token-{name}");
            if store.try_get(secret_kind(), &ns, &n).is_none() {
                use base64::Engine as _;
                let token = random_suffix(20);
                let secret = json!({
                    "apiVersion": "v1", "kind": "Secret",
                    "metadata": {"name": n, "namespace": ns, "ownerReferences": owner},
                    "type": "Opaque",
                    "data": {"token": base64::engine::general_purpose::STANDARD.encode(token)},
                });
                let _ = store.create(secret_kind(), &ns, secret, false, false);
            }
            n
        }
    };
    let previous_phase = export
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let service = format!("virt-export-{name}");
    let mut status = json!({
        "tokenSecretRef": secret_name,
        "ttlExpirationTime": expiration,
    });
    let now = now_rfc3339();
    let condition = |ready: bool, reason: &str, message: &str| json!([{"type": "Ready", "status": if ready {"True"} else {"False"}, "reason": reason, "message": message, "lastTransitionTime": now, "lastProbeTime": null}]);
    let source = resolve_source(store, &ns, &export);
    match source {
        SourceState::Pending(reason, message) => {
            if previous_phase == "Ready" || previous_phase == "Terminated" {
                // The source went into use (the VM started): the exporter goes away.
                store.purge(pod_kind(), &ns, &service);
                status["phase"] = json!("Terminated");
            } else {
                status["phase"] = json!("Pending");
            }
            status["conditions"] = condition(false, reason, &message);
        }
        SourceState::Ready(volumes, vm) => {
            ensure_exporter(store, &export, &ns, &name, &service, &owner);
            let contents: Vec<(String, bool)> = volumes
                .iter()
                .map(|pvc| {
                    let image = store
                        .try_get(pvc_kind(), &ns, pvc)
                        .is_some_and(|p| holds_disk_image(store, &p));
                    let _ = state.cdi.export.ensure(&ns, pvc);
                    (pvc.clone(), image)
                })
                .collect();
            let manifests = vm.is_some();
            let internal_base = format!("https://{service}.{ns}.svc");
            status["phase"] = json!("Ready");
            status["serviceName"] = json!(service);
            if let Some(vm) = &vm {
                status["virtualMachineName"] = json!(vm);
            }
            status["links"] = json!({
                "internal": links(&internal_base, "internal", ca, &contents, manifests),
            });
            if let Some(host) = external {
                let version = kind.version;
                let base = format!("https://{host}/api/{GROUP}/{version}/namespaces/{ns}/virtualmachineexports/{name}");
                status["links"]["external"] = links(&base, "external", ca, &contents, manifests);
            }
            status["conditions"] = condition(true, "podReady", "");
        }
    }
    // Conditions keep their transition time while unchanged.
    if let Some(old) = export.pointer("/status/conditions/0")
        && old.get("status") == status.pointer("/conditions/0/status")
        && old.get("reason") == status.pointer("/conditions/0/reason")
    {
        status["conditions"][0]["lastTransitionTime"] = old["lastTransitionTime"].clone();
    }
    if export.get("status") != Some(&status) {
        let mut next = export.clone();
        next["status"] = status;
        let _ = store.update(kind, &ns, &name, next, false, crate::store::Part::Whole);
    }
}

/// KubeVirt's `isKubevirtContentType`: a block PVC, a PVC annotated with CDI's `kubevirt` (or
/// empty) content type, or one owned by a DataVolume of that content type holds a disk image;
/// any other PVC (no annotation at all, as the memory-dump PVC) is exported as its files.
fn holds_disk_image(store: &Inner, pvc: &Value) -> bool {
    if pvc.pointer("/spec/volumeMode").and_then(Value::as_str) == Some("Block") {
        return true;
    }
    if annotation(pvc, CONTENT_TYPE_ANNOTATION).is_some_and(|c| c == "kubevirt" || c.is_empty()) {
        return true;
    }
    let owner = crate::object::array_at(pvc, "/metadata/ownerReferences")
        .iter()
        .find(|r| r["controller"] == true)
        .cloned();
    let Some(owner) = owner else {
        return false;
    };
    if owner["kind"] != "DataVolume" || owner["apiVersion"] != "cdi.kubevirt.io/v1beta1" {
        return false;
    }
    let dv = store.try_get(
        crate::object::dv_kind(),
        &ns_of(pvc),
        owner["name"].as_str().unwrap_or(""),
    );
    dv.is_some_and(|dv| {
        dv.pointer("/spec/contentType")
            .and_then(Value::as_str)
            .is_none_or(|c| c == "kubevirt" || c.is_empty())
    })
}

/// Environment variable for benchmarks: when set (non-empty), image volumes offer only the
/// gzip link, as an exporter would for a client that must inflate (`bench/export.sh`).
pub const NO_RAW_ENV: &str = "KUBEVIRT_SIM_EXPORT_NO_RAW";

fn links(base: &str, which: &str, ca: &str, volumes: &[(String, bool)], manifests: bool) -> Value {
    let no_raw = std::env::var_os(NO_RAW_ENV).is_some_and(|v| !v.is_empty());
    let volumes: Vec<Value> = volumes
        .iter()
        .map(|(pvc, image)| {
            let formats = if *image && no_raw {
                json!([{"format": "gzip", "url": format!("{base}/volumes/{pvc}/disk.img.gz")}])
            } else if *image {
                json!([
                    {"format": "raw", "url": format!("{base}/volumes/{pvc}/disk.img")},
                    {"format": "gzip", "url": format!("{base}/volumes/{pvc}/disk.img.gz")},
                ])
            } else {
                json!([
                    {"format": "dir", "url": format!("{base}/volumes/{pvc}/dir/")},
                    {"format": "tar.gz", "url": format!("{base}/volumes/{pvc}/disk.tar.gz")},
                ])
            };
            json!({"name": pvc, "formats": formats})
        })
        .collect();
    let mut out = json!({"cert": ca, "volumes": volumes});
    if manifests {
        out["manifests"] = json!([
            {"type": "all", "url": format!("{base}/{which}/manifests/all")},
            {"type": "auth-header-secret", "url": format!("{base}/{which}/manifests/secret")},
            {"type": "oci", "url": format!("{base}/export.oci.tar")},
        ]);
    }
    out
}

/// The exporter's Service (443 → 8443) and Pod (container port 8443), with the export's labels
/// and annotations.
fn ensure_exporter(store: &mut Inner, export: &Value, ns: &str, name: &str, service: &str, owner: &Value) {
    let selector = json!({"kubevirt.io.virt-export-service": service});
    if store.try_get(service_kind(), ns, service).is_none() {
        let svc = json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": service, "namespace": ns, "ownerReferences": owner, "labels": {"kubevirt.io": "virt-exporter"}},
            "spec": {"selector": selector, "ports": [{"name": "export", "port": 443, "protocol": "TCP", "targetPort": 8443}], "type": "ClusterIP"},
        });
        let _ = store.create(service_kind(), ns, svc, false, false);
    }
    if store.try_get(pod_kind(), ns, service).is_none() {
        let mut labels = export.pointer("/metadata/labels").cloned().unwrap_or_else(|| json!({}));
        labels["kubevirt.io.virt-export-service"] = json!(service);
        labels["kubevirt.io"] = json!("virt-exporter");
        let annotations = export
            .pointer("/metadata/annotations")
            .cloned()
            .unwrap_or_else(|| json!({}));
        let pod = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": service, "namespace": ns, "ownerReferences": owner, "labels": labels, "annotations": annotations},
            "spec": {"containers": [{"name": "exporter", "image": "quay.io/kubevirt/virt-exportserver:v1.8.0",
                "ports": [{"name": "export", "containerPort": 8443, "protocol": "TCP"}]}],
                "restartPolicy": "Never"},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]},
        });
        let _ = store.create(pod_kind(), ns, pod, false, false);
    }
    let _ = name;
}

/// Go's `time.ParseDuration` for the units a TTL uses (`h`, `m`, `s`, `ms`).
fn parse_go_duration(text: &str) -> Option<Duration> {
    let mut total = 0f64;
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let value: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            "us" | "µs" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        total += value * scale;
        rest = &rest[unit_len..];
    }
    Some(Duration::from_secs_f64(total))
}

// ---- the server ----

type Body = BoxBody<Bytes, std::io::Error>;
type Reply = Result<Response<Body>, std::io::Error>;

fn full(code: u16, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Full::new(body.into()).map_err(|never| match never {}).boxed());
    *response.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if !content_type.is_empty() {
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_str(content_type).unwrap_or(header::HeaderValue::from_static("text/plain")),
        );
    }
    response
}

fn text(code: u16, body: &str) -> Reply {
    Ok(full(code, "text/plain; charset=utf-8", body.to_string()))
}

/// One request to the export server; recorded with the exports' requests.
pub async fn serve(state: Arc<SimState>, req: Request<Incoming>) -> Reply {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let range = req
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let result = handle(state.clone(), req).await;
    let status = result.as_ref().map(|r| r.status().as_u16()).unwrap_or(0);
    lock(&state.cdi.export.requests).push(ExportRequest {
        method,
        path,
        range,
        status,
    });
    result
}

/// One request to the export server, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub method: String,
    pub path: String,
    pub range: Option<String>,
    pub status: u16,
}

async fn handle(state: Arc<SimState>, req: Request<Incoming>) -> Reply {
    let (parts, _body) = req.into_parts();
    if parts.method != Method::GET && parts.method != Method::HEAD {
        return text(405, "method not allowed");
    }
    if let Some(code) = state.cdi.faults.take_export_fail() {
        return text(code, "simulated failure");
    }
    let path = parts.uri.path().to_string();
    let token = parts
        .headers
        .get("x-kubevirt-export-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| {
            form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
                .find(|(k, _)| k == "x-kubevirt-export-token")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default();
    // External paths name the export at a served version (the proxy routes no other); internal
    // ones are the exporter pod's own (found by token).
    let (named, rest) = match path
        .strip_prefix(&format!("/api/{GROUP}/"))
        .and_then(|p| p.split_once("/namespaces/"))
    {
        Some((version, _)) if !state.serves(GROUP, version) => return text(404, "404 page not found\n"),
        Some((_version, tail)) => {
            let mut it = tail.splitn(4, '/');
            let ns = it.next().unwrap_or("").to_string();
            let _ = it.next();
            let name = it.next().unwrap_or("").to_string();
            (Some((ns, name)), format!("/{}", it.next().unwrap_or("")))
        }
        None => (None, path.clone()),
    };
    let export = {
        let store = state.store.lock();
        let candidates: Vec<Value> = match &named {
            Some((ns, name)) => store.try_get(export_kind(&state), ns, name).into_iter().collect(),
            None => store.list_all(export_kind(&state), None),
        };
        let ready: Vec<Value> = candidates
            .into_iter()
            .filter(|e| e.pointer("/status/phase").and_then(Value::as_str) == Some("Ready"))
            .collect();
        if ready.is_empty() {
            drop(store);
            return text(404, "404 page not found\n");
        }
        ready
            .into_iter()
            .find(|e| !token.is_empty() && token_of(&store, e).as_deref() == Some(token.as_str()))
    };
    let Some(export) = export else {
        return text(401, "Unauthorized\n");
    };
    let ns = ns_of(&export);
    let head = parts.method == Method::HEAD;
    if let Some(kind) = rest
        .strip_prefix("/internal/manifests/")
        .or_else(|| rest.strip_prefix("/external/manifests/"))
    {
        let accept = parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let json = accept.contains("application/json");
        let external = rest.starts_with("/external/");
        return manifest(&state, &export, kind, json, external, &token);
    }
    if rest == "/export.oci.tar" {
        return oci(&state, &export, &parts.method).await;
    }
    let Some(tail) = rest.strip_prefix("/volumes/") else {
        return text(404, "404 page not found\n");
    };
    let (volume, file) = tail.split_once('/').unwrap_or((tail, ""));
    let has_volume = export
        .pointer("/status/links/internal/volumes")
        .and_then(Value::as_array)
        .is_some_and(|vs| vs.iter().any(|v| v["name"] == volume));
    if !has_volume {
        return text(404, "404 page not found\n");
    }
    let source = match state.cdi.export.ensure(&ns, volume) {
        Ok(p) => p,
        Err(e) => return text(500, &e.to_string()),
    };
    let cut = state.cdi.faults.take_export_cut();
    let stall = state.cdi.faults.take_export_stall();
    match file {
        "disk.img" => {
            let range = if state.cdi.faults.export_ignores_range() {
                None
            } else {
                parts
                    .headers
                    .get(header::RANGE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            serve_content(&source, range.as_deref(), head, cut, stall).await
        }
        "disk.img.gz" | "disk.tar.gz" => {
            let tar = file == "disk.tar.gz";
            let src = source.clone();
            let shared = state.clone();
            let (ns, volume) = (ns.clone(), volume.to_string());
            let compressed = tokio::task::spawn_blocking(move || {
                let export = &shared.cdi.export;
                if tar && !export.files(&ns, &volume).is_empty() {
                    export.root_archive(&ns, &volume)
                } else {
                    export.compressed(&src, tar)
                }
            })
            .await;
            let compressed = match compressed {
                Ok(Ok(p)) => p,
                Ok(Err(e)) => return text(500, &e.to_string()),
                Err(e) => return text(500, &e.to_string()),
            };
            let mut response = stream_file(compressed, 0, None, head, cut, stall).await?;
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/octet-stream"),
            );
            Ok(response)
        }
        "dir/" | "dir" => {
            let files = state.cdi.export.files(&ns, volume);
            let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
            let listing = if names.is_empty() { vec!["disk.img"] } else { names };
            text(200, &format!("{}\n", listing.join("\n")))
        }
        _ => text(404, "404 page not found\n"),
    }
}

/// `/export.oci.tar` of a VirtualMachine export (`export_oci.rs`), built on first request.
async fn oci(state: &Arc<SimState>, export: &Value, method: &Method) -> Reply {
    if method != Method::GET {
        let mut response = full(405, "", Bytes::new());
        response
            .headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static("GET"));
        return Ok(response);
    }
    let ns = ns_of(export);
    let vm = export
        .pointer("/status/virtualMachineName")
        .and_then(Value::as_str)
        .and_then(|name| state.store.lock().try_get(vm_kind(), &ns, name));
    let Some(vm) = vm else {
        return text(404, "404 page not found\n");
    };
    let uid = export.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or("");
    let target = state.cdi.export.dir().join(&ns).join(format!("oci-{uid}.tar"));
    if !target.exists() {
        let mut disks = Vec::new();
        for volume in crate::object::array_at(&vm, "/spec/template/spec/volumes") {
            let claim = volume
                .pointer("/persistentVolumeClaim/claimName")
                .or_else(|| volume.pointer("/dataVolume/name"))
                .and_then(Value::as_str);
            let Some(claim) = claim else { continue };
            disks.push(crate::export_oci::Disk {
                volume: volume["name"].as_str().unwrap_or(claim).to_string(),
                path: state.cdi.export.ensure(&ns, claim)?,
                pvc: state.store.lock().try_get(pvc_kind(), &ns, claim).unwrap_or_default(),
            });
        }
        let created = export
            .pointer("/metadata/creationTimestamp")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let built = target.clone();
        tokio::task::spawn_blocking(move || crate::export_oci::build(&built, &vm, &disks, &created))
            .await
            .map_err(std::io::Error::other)??;
    }
    let len = std::fs::metadata(&target)?.len();
    let mut response = stream_file(target, 0, Some(len), false, None, None).await?;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/x-tar"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        header::HeaderValue::from_static("attachment; filename=\"export.oci.tar\""),
    );
    headers.remove(header::ACCEPT_RANGES);
    Ok(response)
}

fn token_of(store: &Inner, export: &Value) -> Option<String> {
    use base64::Engine as _;
    let name = export.pointer("/status/tokenSecretRef").and_then(Value::as_str)?;
    let secret = store.try_get(secret_kind(), &ns_of(export), name)?;
    let encoded = secret.pointer("/data/token").and_then(Value::as_str)?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).ok()?;
    String::from_utf8(bytes).ok()
}

/// Go's `http.ServeContent` for one file: 200 with the length, or 206 for one satisfiable
/// `bytes=` range (416 otherwise); `Accept-Ranges: bytes`.
async fn serve_content(path: &Path, range: Option<&str>, head: bool, cut: Option<u64>, stall: Option<u64>) -> Reply {
    let size = std::fs::metadata(path)?.len();
    let Some(range) = range else {
        return stream_file(path.to_path_buf(), 0, Some(size), head, cut, stall).await;
    };
    match parse_range(range, size) {
        Some((start, end)) => {
            let mut response = stream_file(path.to_path_buf(), start, Some(end - start + 1), head, cut, stall).await?;
            *response.status_mut() = StatusCode::PARTIAL_CONTENT;
            response.headers_mut().insert(
                header::CONTENT_RANGE,
                header::HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")).expect("header"),
            );
            Ok(response)
        }
        None => {
            let mut response = full(416, "text/plain; charset=utf-8", "invalid range: failed to overlap\n");
            response.headers_mut().insert(
                header::CONTENT_RANGE,
                header::HeaderValue::from_str(&format!("bytes */{size}")).expect("header"),
            );
            Ok(response)
        }
    }
}

/// One `bytes=A-B`, `bytes=A-` or `bytes=-N` range within `size`: (first, last) inclusive.
pub fn parse_range(header: &str, size: u64) -> Option<(u64, u64)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    let first = spec.split(',').next()?.trim();
    let (a, b) = first.split_once('-')?;
    if a.is_empty() {
        let n: u64 = b.parse().ok()?;
        if n == 0 || size == 0 {
            return None;
        }
        return Some((size.saturating_sub(n), size - 1));
    }
    let start: u64 = a.parse().ok()?;
    if start >= size {
        return None;
    }
    let end = if b.is_empty() {
        size - 1
    } else {
        b.parse::<u64>().ok()?.min(size - 1)
    };
    (end >= start).then_some((start, end))
}

/// Streams `len` bytes of `path` from `start` (the rest of the file when `len` is `None`, sent
/// without a length), applying a cut or a stall after that many body bytes.
async fn stream_file(
    path: PathBuf,
    start: u64,
    len: Option<u64>,
    head: bool,
    cut: Option<u64>,
    stall: Option<u64>,
) -> Reply {
    let mut builder = Response::builder()
        .status(200)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::ACCEPT_RANGES, "bytes");
    if let Some(len) = len {
        builder = builder.header(header::CONTENT_LENGTH, len);
    }
    if head {
        let body = Full::new(Bytes::new()).map_err(|never| match never {}).boxed();
        return builder.body(body).map_err(std::io::Error::other);
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Frame<Bytes>, std::io::Error>>(4);
    tokio::spawn(async move {
        let result: std::io::Result<()> = async {
            let mut file = File::open(&path)?;
            file.seek(SeekFrom::Start(start))?;
            let mut left = len.unwrap_or(u64::MAX);
            let mut sent = 0u64;
            let mut buf = vec![0u8; CHUNK];
            while left > 0 {
                let want = (buf.len() as u64).min(left) as usize;
                let n = file.read(&mut buf[..want])?;
                if n == 0 {
                    break;
                }
                let mut piece = &buf[..n];
                let limit = [cut, stall].into_iter().flatten().min();
                if let Some(limit) = limit
                    && sent + n as u64 >= limit
                {
                    piece = &buf[..(limit - sent) as usize];
                    if !piece.is_empty() && tx.send(Ok(Frame::data(Bytes::copy_from_slice(piece)))).await.is_err() {
                        return Ok(());
                    }
                    if Some(limit) == stall {
                        // Keep the connection open and silent until the client gives up.
                        tx.closed().await;
                        return Ok(());
                    }
                    return Err(std::io::Error::other("connection cut by a fault knob"));
                }
                if tx.send(Ok(Frame::data(Bytes::copy_from_slice(piece)))).await.is_err() {
                    return Ok(());
                }
                sent += n as u64;
                left -= n as u64;
            }
            Ok(())
        }
        .await;
        if let Err(e) = result {
            let _ = tx.send(Err(e)).await;
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    builder
        .body(BodyExt::boxed(StreamBody::new(stream)))
        .map_err(std::io::Error::other)
}

/// The manifests: `all` (the CA ConfigMap, the VM pointing at this export, its DataVolumes) and
/// `secret` (the CDI header Secret), as YAML documents each followed by `---`, or a `v1` List.
fn manifest(state: &SimState, export: &Value, kind: &str, json_out: bool, external: bool, token: &str) -> Reply {
    let ns = ns_of(export);
    let name = name_of(export);
    let links = if external {
        "/status/links/external"
    } else {
        "/status/links/internal"
    };
    let ca = export
        .pointer(&format!("{links}/cert"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let secret_name = format!("header-secret-{name}");
    let items: Vec<Value> = match kind {
        "secret" => vec![json!({
            "apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": secret_name},
            "type": "Opaque",
            "stringData": {"token": format!("x-kubevirt-export-token:{token}")},
        })],
        "all" => {
            let cm_name = format!("export-ca-cm-{name}");
            let mut items = vec![json!({
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": cm_name},
                "data": {"ca.pem": ca},
            })];
            let vm_name = export
                .pointer("/status/virtualMachineName")
                .and_then(Value::as_str)
                .unwrap_or("");
            let vm = state.store.lock().try_get(vm_kind(), &ns, vm_name);
            let volumes = export
                .pointer(&format!("{links}/volumes"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let url_of = |pvc: &str| {
                volumes
                    .iter()
                    .find(|v| v["name"] == pvc)
                    .and_then(|v| v["formats"].as_array())
                    .and_then(|fs| fs.iter().find(|f| f["format"] == "gzip"))
                    .and_then(|f| f["url"].as_str())
                    .unwrap_or("")
                    .to_string()
            };
            if let Some(vm) = vm {
                let mut spec = vm["spec"].clone();
                let mut templates = Vec::new();
                if let Some(vols) = spec.pointer_mut("/template/spec/volumes").and_then(Value::as_array_mut) {
                    for v in vols.iter_mut() {
                        let claim = v
                            .pointer("/persistentVolumeClaim/claimName")
                            .or_else(|| v.pointer("/dataVolume/name"))
                            .and_then(Value::as_str)
                            .map(str::to_string);
                        if let Some(claim) = claim {
                            let dv = format!("{claim}-export");
                            templates.push(json!({
                                "metadata": {"name": dv},
                                "spec": {"source": {"http": {"url": url_of(&claim), "certConfigMap": cm_name, "secretExtraHeaders": [secret_name]}},
                                         "storage": {"resources": {"requests": {"storage": "4Mi"}}}},
                            }));
                            *v = json!({"name": v["name"], "dataVolume": {"name": dv}});
                        }
                    }
                }
                spec["dataVolumeTemplates"] = json!(templates);
                items.push(json!({
                    "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
                    "metadata": {"name": vm_name, "namespace": ns},
                    "spec": spec,
                }));
            }
            items
        }
        _ => return text(404, "404 page not found\n"),
    };
    if json_out {
        let list = json!({"apiVersion": "v1", "kind": "List", "items": items});
        return Ok(full(
            200,
            "application/json",
            serde_json::to_vec(&list).unwrap_or_default(),
        ));
    }
    let mut out = String::new();
    for item in &items {
        out.push_str(&serde_saphyr::to_string(item).unwrap_or_default());
        out.push_str("---\n");
    }
    Ok(full(200, "application/yaml", out))
}

// ---- test access ----

impl crate::Sim {
    /// The file holding a PVC's contents (generated on first use).
    pub fn volume_file(&self, ns: &str, pvc: &str) -> PathBuf {
        self.state.cdi.export.ensure(ns, pvc).expect("volume file")
    }

    /// The files a pod wrote into a filesystem PVC's root (a memory dump), by name.
    pub fn pvc_files(&self, ns: &str, pvc: &str) -> Vec<(String, PathBuf)> {
        self.state.cdi.export.files(ns, pvc)
    }

    /// The export server's `127.0.0.1:PORT` (for `--service-url`) and its CA.
    pub fn export_server(&self) -> (String, String) {
        self.state.cdi.export.server().expect("export server running")
    }

    /// The requests the export server answered.
    pub fn export_requests(&self) -> Vec<ExportRequest> {
        lock(&self.state.cdi.export.requests).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_go_reads_them() {
        assert_eq!(parse_range("bytes=0-", 10), Some((0, 9)));
        assert_eq!(parse_range("bytes=4-6", 10), Some((4, 6)));
        assert_eq!(parse_range("bytes=4-60", 10), Some((4, 9)));
        assert_eq!(parse_range("bytes=-3", 10), Some((7, 9)));
        assert_eq!(parse_range("bytes=10-", 10), None);
        assert_eq!(parse_range("lines=1-2", 10), None);
    }

    #[test]
    fn ttl_durations() {
        assert_eq!(parse_go_duration("1h30m0s"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_go_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_go_duration("x"), None);
    }
}
