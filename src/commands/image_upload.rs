//! `image-upload dv|pvc NAME`: stream a local disk image (or tar archive) to CDI's upload proxy.
//!
//! The arguments become a checked [`UploadPlan`] first: flags, the file (opened and sniffed), the
//! sizes (a qcow2 too big for `--size` fails here, before anything exists on the cluster). Then
//! upstream's API sequence: find or create the DataVolume/PVC, wait for the upload pod, get a
//! token, stream the file with retries on transient failures, optionally write a DataSource, and
//! wait for CDI to finish processing. A failure after the volume exists, Ctrl+C and SIGTERM
//! included, says what is left behind and the command that retries (`--no-create`) or cleans up.

use std::fs::File;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use serde_json::{Map, Value, json};

use super::Positionals;
use super::shell_quote;
use crate::cluster::Cluster;
use crate::cluster::cdi::{self, Cdi};
use crate::cluster::types::quantity;
use crate::cluster::upload::{self, UploadFailure, UploadProxy};
use crate::cluster::wait;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;
use crate::transfer::body::{FileBody, read_window};
use crate::transfer::progress::{self, Meter};
use crate::transfer::retry::Attempts;
use crate::transfer::sniff::{self, Format, Sniffed};

const EXAMPLES: &str = "Examples:
  # Upload a local disk image to a newly created DataVolume:
  virtctl image-upload dv fedora-dv --size=10Gi --image-path=/images/fedora30.qcow2

  # Upload a local disk image to an existing DataVolume
  virtctl image-upload dv fedora-dv --no-create --image-path=/images/fedora30.qcow2

  # Upload a local disk image to a newly created PersistentVolumeClaim
  virtctl image-upload pvc fedora-pvc --size=10Gi --image-path=/images/fedora30.qcow2

  # Upload a local disk image to a newly created PersistentVolumeClaim and label it with a default instance type and preference
  virtctl image-upload pvc fedora-pvc --size=10Gi --image-path=/images/fedora30.qcow2 --default-instancetype=n1.medium --default-preference=fedora

  # Upload a local disk image to an existing PersistentVolumeClaim
  virtctl image-upload pvc fedora-pvc --no-create --image-path=/images/fedora30.qcow2

  # Upload to a DataVolume with explicit URL to CDI Upload Proxy
  virtctl image-upload dv fedora-dv --uploadproxy-url=https://cdi-uploadproxy.mycluster.com --image-path=/images/fedora30.qcow2

  # Upload a local disk archive to a newly created DataVolume:
  virtctl image-upload dv fedora-dv --size=10Gi --archive-path=/images/fedora30.tar";

/// CDI's default share of a filesystem volume that the filesystem itself uses.
pub const FILESYSTEM_OVERHEAD: f64 = 0.055;
/// Upstream's polling interval for the readiness and processing waits; we start faster.
const MAX_POLL: Duration = Duration::from_secs(2);
const FIRST_POLL: Duration = Duration::from_millis(100);
/// How long post-upload processing may take.
const PROCESSING_TIMEOUT: Duration = Duration::from_secs(24 * 3600);
/// Token refreshes allowed after a 401 during retries.
const MAX_TOKEN_REFRESHES: u32 = 3;

const OPTIMISTIC_LOCK_MESSAGE: &str =
    "the object has been modified; please apply your changes to the latest version and try again";

#[derive(Args, Debug)]
#[command(override_usage = "virtctl image-upload [flags]", after_help = EXAMPLES)]
pub struct ImageUploadArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// --access-mode='': The access mode for the PVC.
    #[arg(long = "access-mode", value_name = "string", default_value = "")]
    pub access_mode: String,
    /// --archive-path='': Path to the local archive.
    #[arg(long = "archive-path", value_name = "string", default_value = "")]
    pub archive_path: String,
    /// Deprecated: use --volume-mode=block.
    #[arg(long = "block-volume", hide = true, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub block_volume: bool,
    /// --datasource=false: Create a DataSource pointing to the created DataVolume/PVC.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub datasource: bool,
    /// --default-instancetype='': The default instance type to associate with the image.
    #[arg(long = "default-instancetype", value_name = "string", default_value = "")]
    pub default_instancetype: String,
    /// --default-instancetype-kind='': The default instance type kind to associate with the image.
    #[arg(long = "default-instancetype-kind", value_name = "string", default_value = "")]
    pub default_instancetype_kind: String,
    /// --default-preference='': The default preference to associate with the image.
    #[arg(long = "default-preference", value_name = "string", default_value = "")]
    pub default_preference: String,
    /// --default-preference-kind='': The default preference kind to associate with the image.
    #[arg(long = "default-preference-kind", value_name = "string", default_value = "")]
    pub default_preference_kind: String,
    /// --force-bind=false: Force bind the PVC, ignoring the WaitForFirstConsumer logic.
    #[arg(long = "force-bind", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub force_bind: bool,
    /// --image-path='': Path to the local VM image.
    #[arg(long = "image-path", value_name = "string", default_value = "")]
    pub image_path: String,
    /// --insecure=false: Allow insecure server connections when using HTTPS.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub insecure: bool,
    /// --no-create=false: Don't attempt to create a new DataVolume/PVC.
    #[arg(long = "no-create", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub no_create: bool,
    /// Deprecated: give the name as the second argument.
    #[arg(long = "pvc-name", hide = true, value_name = "string", default_value = "")]
    pub pvc_name: String,
    /// Deprecated: use --size.
    #[arg(long = "pvc-size", hide = true, value_name = "string", default_value = "")]
    pub pvc_size: String,
    /// --retry=5: When upload server returns a transient error, we retry this number of times before giving up.
    #[arg(long, value_name = "uint", default_value_t = 5)]
    pub retry: u32,
    /// --size='': The size of the DataVolume to create (ex. 10Gi, 500Mi).
    #[arg(long, value_name = "string", default_value = "")]
    pub size: String,
    /// --storage-class='': The storage class for the PVC.
    #[arg(long = "storage-class", value_name = "string", default_value = "")]
    pub storage_class: String,
    /// --uploadproxy-url='': The URL of the cdi-upload proxy service.
    #[arg(long = "uploadproxy-url", value_name = "string", default_value = "")]
    pub uploadproxy_url: String,
    /// --volume-mode='': Specify the VolumeMode (block/filesystem) used to create the PVC. Default is the storageProfile default. For archive upload default is filesystem.
    #[arg(long = "volume-mode", value_name = "string", default_value = "")]
    pub volume_mode: String,
    /// --wait-secs=300: Seconds to wait for upload pod to start.
    #[arg(long = "wait-secs", value_name = "uint", default_value_t = 300)]
    pub wait_secs: u64,
}

/// Upload into a DataVolume (CDI creates and owns the PVC) or straight into a PVC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    DataVolume,
    Pvc,
}

impl TargetKind {
    fn keyword(self) -> &'static str {
        match self {
            TargetKind::DataVolume => "dv",
            TargetKind::Pvc => "pvc",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VolumeMode {
    Block,
    Filesystem,
}

impl VolumeMode {
    fn api_value(self) -> &'static str {
        match self {
            VolumeMode::Block => "Block",
            VolumeMode::Filesystem => "Filesystem",
        }
    }
}

/// The local file: open, its length, and what it holds.
pub struct LocalImage {
    pub path: String,
    pub file: Arc<File>,
    pub len: u64,
    pub sniffed: Sniffed,
}

/// Everything the command will do, checked before the first request.
pub struct UploadPlan {
    pub target: TargetKind,
    pub name: String,
    pub archive: bool,
    /// `--size` as given, and its value in bytes.
    pub size: Option<(String, u128)>,
    pub storage_class: Option<String>,
    pub access_mode: Option<String>,
    pub volume_mode: Option<VolumeMode>,
    pub no_create: bool,
    pub force_bind: bool,
    pub insecure: bool,
    pub uploadproxy_url: Option<String>,
    pub wait: Duration,
    pub attempts: u32,
    pub datasource: bool,
    pub labels: Vec<(&'static str, String)>,
    pub image: LocalImage,
}

/// pflag's notices for the deprecated flags that were used.
fn deprecation_notices(args: &ImageUploadArgs) -> Vec<&'static str> {
    let mut notices = Vec::new();
    if !args.pvc_name.is_empty() {
        notices.push("Flag --pvc-name has been deprecated, specify the name as the second argument instead.");
    }
    if !args.pvc_size.is_empty() {
        notices.push("Flag --pvc-size has been deprecated, use --size instead.");
    }
    if args.block_volume {
        notices.push("Flag --block-volume has been deprecated, specify volume mode (filesystem/block) with --volume-mode instead.");
    }
    notices
}

/// What to upload into, and from which file, as the arguments name them.
struct Destination {
    target: TargetKind,
    name: String,
    archive: bool,
    path: String,
    volume_mode: Option<VolumeMode>,
}

fn usage<T>(message: &str) -> Result<T> {
    Err(Error::Usage(message.to_string()))
}

impl UploadPlan {
    /// Upstream's checks in upstream's order, then the file and the sizes.
    pub fn check(args: &ImageUploadArgs) -> Result<UploadPlan> {
        if args.args.values.len() > 2 {
            return Err(Error::Usage(format!(
                "accepts at most 2 arg(s), received {}",
                args.args.values.len()
            )));
        }
        let size_text = size_text(args)?;
        let destination = if args.pvc_name.is_empty() {
            destination(args)?
        } else {
            deprecated_pvc_destination(args)?
        };
        check_default_labels(args)?;
        // Beyond upstream: sizes and access mode are checked now, not after the first request.
        let size = parse_size(size_text)?;
        if args.access_mode == "ReadOnlyMany" {
            return usage("cannot upload to a readonly volume, use either ReadWriteOnce or ReadWriteMany if supported");
        }
        let image = open_image(&destination.path)?;
        if destination.archive && !matches!(image.sniffed.format, Format::Tar) && !image.sniffed.format.is_compressed()
        {
            return Err(Error::Usage(format!(
                "{} is not a tar archive (it looks like a {} image); use --image-path for disk images",
                destination.path, image.sniffed.format
            )));
        }
        let plan = UploadPlan {
            target: destination.target,
            name: destination.name,
            archive: destination.archive,
            size,
            storage_class: Some(args.storage_class.clone()).filter(|s| !s.is_empty()),
            access_mode: Some(args.access_mode.clone()).filter(|s| !s.is_empty()),
            volume_mode: destination.volume_mode,
            no_create: args.no_create,
            force_bind: args.force_bind,
            insecure: args.insecure,
            uploadproxy_url: Some(args.uploadproxy_url.clone()).filter(|s| !s.is_empty()),
            wait: Duration::from_secs(args.wait_secs),
            attempts: args.retry.max(1),
            datasource: args.datasource,
            labels: default_labels(args),
            image,
        };
        plan.check_image_fits_size()?;
        Ok(plan)
    }

    /// A volume about to be created must hold the image's virtual size.
    fn check_image_fits_size(&self) -> Result<()> {
        if self.no_create {
            return Ok(());
        }
        let Some((text, bytes)) = &self.size else {
            return Ok(());
        };
        // CDI grows a DataVolume's PVC by the filesystem overhead; a bare PVC is not grown.
        let overhead = self.target == TargetKind::Pvc && self.volume_mode != Some(VolumeMode::Block);
        check_fits(&self.image, *bytes, overhead, &format!("--size={text}"), false)
    }

    fn kind_name(&self) -> &'static str {
        match self.target {
            TargetKind::DataVolume => "DataVolume",
            TargetKind::Pvc => "PersistentVolumeClaim",
        }
    }

    fn path_flag(&self) -> String {
        let flag = if self.archive { "--archive-path" } else { "--image-path" };
        format!("{flag}={}", shell_quote(&self.image.path))
    }

    /// The command that retries the upload into what now exists.
    fn retry_command(&self, namespace: &str) -> String {
        format!(
            "virtctl image-upload {} {} -n {namespace} --no-create {}",
            self.target.keyword(),
            self.name,
            self.path_flag()
        )
    }

    fn cleanup_command(&self, namespace: &str) -> String {
        let resource = match self.target {
            TargetKind::DataVolume => "datavolume",
            TargetKind::Pvc => "pvc",
        };
        format!("kubectl delete {resource} {} -n {namespace}", self.name)
    }
}

/// `--size`, or the deprecated `--pvc-size` (both only when they agree).
fn size_text(args: &ImageUploadArgs) -> Result<&str> {
    if !args.size.is_empty() && !args.pvc_size.is_empty() && args.size != args.pvc_size {
        return usage("--pvc-size and --size can not be specified at the same time");
    }
    Ok(if args.size.is_empty() {
        &args.pvc_size
    } else {
        &args.size
    })
}

fn parse_size(text: &str) -> Result<Option<(String, u128)>> {
    if text.is_empty() {
        return Ok(None);
    }
    let bytes =
        quantity::parse_bytes(text).map_err(|e| Error::Usage(format!("validation failed for size={text}: {e}")))?;
    Ok(Some((text.to_string(), bytes)))
}

/// Upstream's deprecated `--pvc-name` form: a PVC from `--image-path`, without the volume-mode
/// and path checks of the current form.
fn deprecated_pvc_destination(args: &ImageUploadArgs) -> Result<Destination> {
    if !args.args.values.is_empty() {
        return usage("cannot use --pvc-name and args");
    }
    let volume_mode = match args.volume_mode.as_str() {
        "block" => Some(VolumeMode::Block),
        "filesystem" => Some(VolumeMode::Filesystem),
        _ => None,
    };
    Ok(Destination {
        target: TargetKind::Pvc,
        name: args.pvc_name.clone(),
        archive: false,
        path: args.image_path.clone(),
        volume_mode,
    })
}

/// `dv|pvc NAME` with exactly one of `--image-path` and `--archive-path`.
fn destination(args: &ImageUploadArgs) -> Result<Destination> {
    let volume_mode = volume_mode(args)?;
    let (archive, path) = match (args.image_path.is_empty(), args.archive_path.is_empty()) {
        (true, true) => return usage("either image-path or archive-path must be provided"),
        (false, false) => return usage("cannot handle both image-path and archive-path, provide only one"),
        (false, true) => (false, args.image_path.clone()),
        (true, false) if volume_mode == Some(VolumeMode::Block) => {
            return usage("In archive upload the volume mode should always be filesystem");
        }
        (true, false) => (true, args.archive_path.clone()),
    };
    if args.args.values.len() != 2 {
        return usage("expecting two args");
    }
    let target = match args.args.values[0].to_lowercase().as_str() {
        "dv" => TargetKind::DataVolume,
        "pvc" => TargetKind::Pvc,
        _ => return Err(Error::Usage(format!("invalid resource type {}", args.args.values[0]))),
    };
    Ok(Destination {
        target,
        name: args.args.values[1].clone(),
        archive,
        path,
        volume_mode,
    })
}

/// `--volume-mode`, with the deprecated `--block-volume` standing for `block`.
fn volume_mode(args: &ImageUploadArgs) -> Result<Option<VolumeMode>> {
    let mode = match (args.volume_mode.as_str(), args.block_volume) {
        ("", true) => "block",
        (mode, true) if mode != "block" => {
            return Err(Error::Usage(format!(
                "incompatible --volume-mode '{mode}' and --block-volume"
            )));
        }
        (mode, _) => mode,
    };
    match mode {
        "" => Ok(None),
        "block" => Ok(Some(VolumeMode::Block)),
        "filesystem" => Ok(Some(VolumeMode::Filesystem)),
        other => Err(Error::Usage(format!(
            "Invalid volume mode '{other}'. Valid values are 'block' and 'filesystem'."
        ))),
    }
}

/// A kind needs its instance type or preference, and labels are only written on creation.
fn check_default_labels(args: &ImageUploadArgs) -> Result<()> {
    if args.default_instancetype.is_empty() && !args.default_instancetype_kind.is_empty() {
        return usage("--default-instancetype must be provided with --default-instancetype-kind");
    }
    if args.default_preference.is_empty() && !args.default_preference_kind.is_empty() {
        return usage("--default-preference must be provided with --default-preference-kind");
    }
    if (!args.default_instancetype.is_empty() || !args.default_preference.is_empty()) && args.no_create {
        return usage("--default-instancetype and --default-preference cannot be used with --no-create");
    }
    Ok(())
}

/// The instance type and preference labels for the new volume (a kind only with its name).
fn default_labels(args: &ImageUploadArgs) -> Vec<(&'static str, String)> {
    let mut labels = Vec::new();
    let mut label = |key: &'static str, value: &str| {
        if !value.is_empty() {
            labels.push((key, value.to_string()));
        }
    };
    label(
        "instancetype.kubevirt.io/default-instancetype",
        &args.default_instancetype,
    );
    if !args.default_instancetype.is_empty() {
        label(
            "instancetype.kubevirt.io/default-instancetype-kind",
            &args.default_instancetype_kind,
        );
    }
    label("instancetype.kubevirt.io/default-preference", &args.default_preference);
    if !args.default_preference.is_empty() {
        label(
            "instancetype.kubevirt.io/default-preference-kind",
            &args.default_preference_kind,
        );
    }
    labels
}

/// Opens and sniffs the file; every failure names the path.
fn open_image(path: &str) -> Result<LocalImage> {
    let file = File::open(path).map_err(|e| Error::Io(format!("open {path}: {}", io_text(&e))))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::Io(format!("stat {path}: {}", io_text(&e))))?;
    if meta.is_dir() {
        return Err(Error::Usage(format!("{path} is a directory, not an image file")));
    }
    let len = meta.len();
    let mut head = vec![0u8; sniff::HEAD_LEN.min(len as usize)];
    let got = read_window(&file, &mut head, 0).map_err(|e| Error::Io(format!("read {path}: {}", io_text(&e))))?;
    head.truncate(got);
    let tail_len = sniff::TAIL_LEN.min(len as usize);
    let mut tail = vec![0u8; tail_len];
    let got = read_window(&file, &mut tail, len - tail_len as u64)
        .map_err(|e| Error::Io(format!("read {path}: {}", io_text(&e))))?;
    tail.truncate(got);
    Ok(LocalImage {
        path: path.to_string(),
        file: Arc::new(file),
        len,
        sniffed: sniff::sniff(&head, &tail, len),
    })
}

/// Go's wording for the usual file errors.
fn io_text(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => err.to_string(),
    }
}

/// Fails when the image's virtual size cannot fit in `capacity` bytes (less the filesystem
/// overhead when it applies), with both numbers and a size that would fit.
pub fn check_fits(image: &LocalImage, capacity: u128, overhead: bool, what: &str, existing: bool) -> Result<()> {
    let Some(needed) = image.sniffed.virtual_size else {
        return Ok(());
    };
    let usable = if overhead {
        (capacity as f64 * (1.0 - FILESYSTEM_OVERHEAD)).floor() as u128
    } else {
        capacity
    };
    if u128::from(needed) <= usable {
        return Ok(());
    }
    let overhead_note = if overhead {
        format!(
            " ({} usable after the {}% filesystem overhead)",
            human(usable),
            FILESYSTEM_OVERHEAD * 100.0
        )
    } else {
        String::new()
    };
    let suggested = suggest_size(needed, overhead);
    let hint = if existing {
        format!("upload into a volume of at least {suggested}, e.g. a new one with --size={suggested}")
    } else {
        format!("use --size={suggested} or larger")
    };
    Err(Error::Usage(format!(
        "{} is a {} image of virtual size {} ({needed} bytes), which does not fit in {what} = {} ({capacity} bytes){overhead_note}",
        image.path,
        image.sniffed.format,
        human(u128::from(needed)),
        human(capacity),
    ))
    .with_hint(hint))
}

/// The smallest whole Gi (or Mi below 1 Gi) quantity the image fits in.
fn suggest_size(needed: u64, overhead: bool) -> String {
    let total = if overhead {
        (needed as f64 / (1.0 - FILESYSTEM_OVERHEAD)).ceil() as u64
    } else {
        needed
    };
    if total <= 1 << 30 {
        format!("{}Mi", total.div_ceil(1 << 20))
    } else {
        format!("{}Gi", total.div_ceil(1 << 30))
    }
}

fn human(bytes: u128) -> String {
    indicatif::HumanBytes(bytes.min(u128::from(u64::MAX)) as u64).to_string()
}

/// The DataVolume upstream creates.
pub fn datavolume_body(plan: &UploadPlan, namespace: &str, size: &str) -> Value {
    let mut metadata = json!({"name": plan.name, "namespace": namespace});
    if !plan.labels.is_empty() {
        metadata["labels"] = labels_json(&plan.labels);
    }
    if plan.force_bind {
        metadata["annotations"] = json!({cdi::ANN_FORCE_BIND: ""});
    }
    let mut storage = Map::new();
    if let Some(mode) = &plan.access_mode {
        storage.insert("accessModes".into(), json!([mode]));
    }
    storage.insert("resources".into(), json!({"requests": {"storage": size}}));
    if let Some(class) = &plan.storage_class {
        storage.insert("storageClassName".into(), json!(class));
    }
    if let Some(mode) = plan.volume_mode {
        storage.insert("volumeMode".into(), json!(mode.api_value()));
    }
    json!({
        "apiVersion": "cdi.kubevirt.io/v1beta1",
        "kind": "DataVolume",
        "metadata": metadata,
        "spec": {
            "source": {"upload": {}},
            "storage": storage,
            "contentType": content_type(plan.archive),
        },
    })
}

/// The PVC upstream creates in `pvc` mode.
pub fn pvc_body(plan: &UploadPlan, namespace: &str, size: &str) -> Value {
    let mut labels = vec![(cdi::LABEL_APPLY_STORAGE_PROFILE, "true".to_string())];
    labels.extend(plan.labels.iter().cloned());
    let mut annotations = json!({
        cdi::ANN_UPLOAD_TARGET: "",
        cdi::ANN_CONTENT_TYPE: content_type(plan.archive),
    });
    if plan.force_bind {
        annotations[cdi::ANN_FORCE_BIND] = json!("");
    }
    let mut spec = Map::new();
    let access_mode = plan.access_mode.clone().unwrap_or_else(|| "ReadWriteOnce".into());
    spec.insert("accessModes".into(), json!([access_mode]));
    spec.insert("resources".into(), json!({"requests": {"storage": size}}));
    if let Some(class) = &plan.storage_class {
        spec.insert("storageClassName".into(), json!(class));
    }
    if let Some(mode) = plan.volume_mode {
        spec.insert("volumeMode".into(), json!(mode.api_value()));
    }
    json!({
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {
            "name": plan.name,
            "namespace": namespace,
            "labels": labels_json(&labels),
            "annotations": annotations,
        },
        "spec": spec,
    })
}

fn content_type(archive: bool) -> &'static str {
    if archive { "archive" } else { "kubevirt" }
}

fn labels_json(labels: &[(&'static str, String)]) -> Value {
    Value::Object(labels.iter().map(|(k, v)| (k.to_string(), json!(v))).collect())
}

/// What exists on the cluster for the target, for failure messages.
enum Footprint {
    Created,
    Existing,
}

pub async fn run(args: ImageUploadArgs, ctx: &Ctx) -> Result<()> {
    for notice in deprecation_notices(&args) {
        ctx.out.line(notice)?;
    }
    let plan = UploadPlan::check(&args)?;
    let cluster = ctx.cluster().await?;
    let ns = cluster.namespace.as_str();
    let cdi = Cdi::new(&cluster.api, ns);

    let footprint = prepare_target(&plan, cluster, &cdi, ctx).await?;
    // Whether the upload pod was seen ready, so what is left behind can name it.
    let pod_ready = std::cell::Cell::new(false);
    let transfer = async {
        wait_ready(&plan, &cdi, ctx).await?;
        pod_ready.set(true);
        let url = proxy_url(&plan, cluster).await?;
        ctx.out.line(format!(
            "Uploading data to {}",
            crate::cluster::api::without_credentials(&url)
        ))?;
        let tls = crate::cluster::tls::tls_config(&cluster.cluster_ca, plan.insecure)?;
        let proxy = UploadProxy::new(url, tls)?;
        let token = cdi.upload_token(&plan.name).await?;
        if let Err(err) = send(&plan, &proxy, &cdi, token, ctx).await {
            let reasons = upload_pod_reasons(&plan, &cdi).await;
            return Err(with_reasons(err, &reasons));
        }
        Ok(())
    };
    let transferred = tokio::select! {
        result = transfer => result,
        signal = crate::transfer::interrupted() => Err(Error::Other(format!("upload interrupted by {signal}"))),
    };
    let left_behind = |err: Error| explain_left_behind(err, &plan, ns, &footprint, pod_ready.get());
    transferred.map_err(left_behind)?;

    if plan.datasource {
        write_datasource(&plan, &cdi, ns, ctx).await.map_err(left_behind)?;
    }
    ctx.out.line(
        "Uploading data completed successfully, waiting for processing to complete, you can hit ctrl-c without interrupting the progress",
    )?;
    if let Err(err) = wait_processed(&plan, &cdi, ctx).await {
        ctx.out.line(
            "Timed out waiting for post upload processing to complete, please check upload pod status for progress",
        )?;
        return Err(err);
    }
    ctx.out
        .line(format!("Uploading {} completed successfully", plan.image.path))
}

/// `--uploadproxy-url`, else the one CDI's configuration advertises, normalized.
async fn proxy_url(plan: &UploadPlan, cluster: &Cluster) -> Result<String> {
    let url = match &plan.uploadproxy_url {
        Some(url) => url.clone(),
        None => cdi::upload_proxy_url(&cdi::get_cdi_config(&cluster.api).await?)
            .ok_or_else(|| Error::Other("uploadproxy URL not found".into()))?,
    };
    Ok(upload::normalize_proxy_url(&url))
}

/// Adds each reason as a hint line after the error's own hint.
fn with_reasons(err: Error, reasons: &[String]) -> Error {
    reasons
        .iter()
        .fold(err, |err, reason| err.with_further_hint(reason.as_str()))
}

/// Finds the target PVC (checking that it can take an upload) or creates the DataVolume/PVC.
async fn prepare_target(plan: &UploadPlan, cluster: &Cluster, cdi: &Cdi<'_>, ctx: &Ctx) -> Result<Footprint> {
    let ns = cluster.namespace.as_str();
    let pvc = match cdi.get_pvc(&plan.name).await {
        Ok(pvc) => pvc,
        Err(err) => {
            ctx.out.line(format!("PVC {ns}/{} not found ", plan.name))?;
            if !err.api().is_some_and(|a| a.is_not_found()) || plan.no_create {
                return Err(err);
            }
            create_target(plan, cluster, cdi).await?;
            ctx.out
                .line(format!("{} {ns}/{} created", plan.kind_name(), plan.name))?;
            return Ok(Footprint::Created);
        }
    };
    let pvc = match plan.target {
        TargetKind::DataVolume => datavolume_upload_pvc(plan, cdi, ns, pvc).await?,
        TargetKind::Pvc => pvc,
    };
    let pvc_name = pvc
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or(&plan.name)
        .to_string();
    check_existing_pvc(plan, ns, &pvc, &pvc_name)?;
    if cdi::annotation(&pvc, cdi::ANN_UPLOAD_TARGET).is_none() {
        mark_upload_target(cdi, &pvc).await?;
    }
    ctx.out.line(format!("Using existing PVC {ns}/{pvc_name}"))?;
    Ok(Footprint::Existing)
}

/// The PVC an existing DataVolume's upload goes to: the DataVolume's own, or its "PVC prime"
/// when CDI populates it through a volume populator (the user's PVC is bound only at the end).
async fn datavolume_upload_pvc(plan: &UploadPlan, cdi: &Cdi<'_>, ns: &str, pvc: Value) -> Result<Value> {
    let dv = match cdi.get_datavolume(&plan.name).await {
        Ok(dv) => dv,
        Err(err) if err.api().is_some_and(|a| a.is_not_found()) => {
            let gone = cdi::annotation(&pvc, cdi::ANN_DELETE_AFTER_COMPLETION) == Some("true")
                && cdi::annotation(&pvc, cdi::ANN_POD_PHASE) == Some("Succeeded");
            return Err(Error::Other(if gone {
                format!(
                    "DataVolume already garbage-collected: Assuming PVC {ns}/{} is successfully populated",
                    plan.name
                )
            } else {
                format!("No DataVolume is associated with the existing PVC {ns}/{}", plan.name)
            }));
        }
        Err(err) => return Err(err),
    };
    if cdi::annotation(&dv, cdi::ANN_USE_POPULATOR) != Some("true") {
        return Ok(pvc);
    }
    if pvc.pointer("/status/phase").and_then(Value::as_str) == Some("Bound") {
        return Err(Error::Other(format!(
            "PVC {} already successfully populated",
            plan.name
        )));
    }
    let prime = cdi::annotation(&pvc, cdi::ANN_PVC_PRIME)
        .ok_or_else(|| Error::Other(format!("Unable to get PVC Prime name from PVC {ns}/{}", plan.name)))?;
    cdi.get_pvc(prime)
        .await
        .map_err(|_| Error::Other(format!("Unable to get PVC Prime {ns}/{}", plan.name)))
}

/// Upstream's checks that an existing PVC can take this upload, then (beyond upstream) that the
/// image fits in it before any byte is sent.
fn check_existing_pvc(plan: &UploadPlan, ns: &str, pvc: &Value, pvc_name: &str) -> Result<()> {
    if cdi::annotation(pvc, cdi::ANN_POD_PHASE) == Some("Succeeded") {
        return Err(Error::Other(format!(
            "PVC {} already successfully imported/cloned/updated",
            plan.name
        )));
    }
    if !plan.no_create && cdi::annotation(pvc, cdi::ANN_UPLOAD_TARGET).is_none() {
        return Err(Error::Other(format!("PVC {} not available for upload", plan.name)));
    }
    if plan.archive && cdi::annotation(pvc, cdi::ANN_CONTENT_TYPE) != Some("archive") {
        return Err(Error::Other(format!(
            "PVC {} doesn't have archive contentType annotation",
            plan.name
        )));
    }
    let Some(capacity) = pvc_capacity(pvc) else {
        return Ok(());
    };
    let block = pvc.pointer("/spec/volumeMode").and_then(Value::as_str) == Some("Block");
    check_fits(&plan.image, capacity, !block, &format!("PVC {ns}/{pvc_name}"), true)
}

/// Annotates a `--no-create` PVC as an upload target, which makes CDI start an upload server.
async fn mark_upload_target(cdi: &Cdi<'_>, pvc: &Value) -> Result<()> {
    let mut updated = pvc.clone();
    if !updated.pointer("/metadata/annotations").is_some_and(Value::is_object) {
        updated["metadata"]["annotations"] = json!({});
    }
    updated["metadata"]["annotations"][cdi::ANN_UPLOAD_TARGET] = json!("");
    cdi.update_pvc(&updated).await.map(drop)
}

/// The PVC's size: its capacity once bound, else what it requests.
fn pvc_capacity(pvc: &Value) -> Option<u128> {
    ["/status/capacity/storage", "/spec/resources/requests/storage"]
        .iter()
        .find_map(|p| pvc.pointer(p).and_then(Value::as_str))
        .and_then(|q| quantity::parse_bytes(q).ok())
}

async fn create_target(plan: &UploadPlan, cluster: &Cluster, cdi: &Cdi<'_>) -> Result<()> {
    let Some((size, _)) = &plan.size else {
        return Err(Error::Usage(
            "when creating a resource, the size must be specified".into(),
        ));
    };
    if let Some(class) = &plan.storage_class {
        cdi::get_storage_class(&cluster.api, class).await?;
    }
    match plan.target {
        TargetKind::DataVolume => cdi
            .create_datavolume(&datavolume_body(plan, &cluster.namespace, size))
            .await
            .map(drop),
        TargetKind::Pvc => cdi
            .create_pvc(&pvc_body(plan, &cluster.namespace, size))
            .await
            .map(drop),
    }
}

/// Adds what is left on the cluster and what to do about it: the DataVolume/PVC, and once it
/// was running, the upload pod CDI made for it (which goes when the volume is uploaded to or
/// removed).
fn explain_left_behind(err: Error, plan: &UploadPlan, ns: &str, footprint: &Footprint, pod_ready: bool) -> Error {
    let what = match footprint {
        Footprint::Created => format!(
            "{} {ns}/{} was created and is left in place",
            plan.kind_name(),
            plan.name
        ),
        Footprint::Existing => format!("{} {ns}/{} is left as it was", plan.kind_name(), plan.name),
    };
    let pod = if pod_ready {
        format!(" with its upload pod {ns}/{}", cdi::upload_pod_name(&plan.name))
    } else {
        String::new()
    };
    let advice = format!(
        "{what}{pod}; retry with `{}`, or remove it with `{}`",
        plan.retry_command(ns),
        plan.cleanup_command(ns)
    );
    err.with_further_hint(advice)
}

/// Polls like upstream's `PollImmediately`, but starting at 100 ms and slowing to 2 s; a timeout
/// is upstream's `context deadline exceeded`.
async fn poll<F, Fut>(timeout: Duration, round: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    let backoff = wait::Backoff {
        first: FIRST_POLL,
        max: MAX_POLL,
    };
    if wait::poll(timeout, backoff, round).await? {
        return Ok(());
    }
    Err(Error::Timeout("context deadline exceeded".into()))
}

/// Waits until CDI's upload server for the target is ready, as upstream does before asking for
/// a token: a DataVolume reaches phase `UploadReady`, a bare PVC gets the pod-ready annotation.
/// Events that make the upload impossible (provisioning failed, claim not valid) end the wait
/// early, and a DataVolume waiting for a consumer needs `--force-bind`.
async fn wait_ready(plan: &UploadPlan, cdi: &Cdi<'_>, ctx: &Ctx) -> Result<()> {
    let announced = std::cell::Cell::new(false);
    let result = poll(plan.wait, || {
        let announced = &announced;
        async move {
            let Some((ready, pvc_name)) = upload_server_state(plan, cdi, ctx).await? else {
                return Ok(false);
            };
            if !ready {
                check_events(cdi, &pvc_name, &plan.name).await?;
                if !announced.get() {
                    ctx.out
                        .line(format!("Waiting for PVC {} upload pod to be ready...", plan.name))?;
                    announced.set(true);
                }
            } else if announced.get() {
                ctx.out.line("Pod now ready")?;
            }
            Ok(ready)
        }
    })
    .await;
    result.map_err(|err| match err {
        Error::Timeout(_) => err.with_hint(format!(
            "the upload pod did not become ready within --wait-secs={}; see `kubectl describe pvc {}` and the events of pod {}",
            plan.wait.as_secs(),
            plan.name,
            cdi::upload_pod_name(&plan.name)
        )),
        other => other,
    })
}

/// One look at the target: whether its upload server is ready, and the PVC to check events of;
/// `None` while the target does not exist yet.
async fn upload_server_state(plan: &UploadPlan, cdi: &Cdi<'_>, ctx: &Ctx) -> Result<Option<(bool, String)>> {
    if plan.target == TargetKind::Pvc {
        let Some(pvc) = wait::get_optional(cdi.get_pvc(&plan.name).await)? else {
            return Ok(None);
        };
        let ready = cdi::annotation(&pvc, cdi::ANN_POD_READY).is_some_and(|v| parse_go_bool(v) == Ok(true));
        return Ok(Some((ready, plan.name.clone())));
    }
    let Some(dv) = wait::get_optional(cdi.get_datavolume(&plan.name).await)? else {
        ctx.out.line(format!("DV {} not found... ", plan.name))?;
        return Ok(None);
    };
    let phase = dv.pointer("/status/phase").and_then(Value::as_str).unwrap_or("");
    if matches!(phase, "WaitForFirstConsumer" | "PendingPopulation") && !plan.force_bind {
        return Err(Error::Other(format!(
            "cannot upload to DataVolume in {phase} phase, make sure the PVC is Bound, or use force-bind flag"
        )));
    }
    let claim = dv
        .pointer("/status/claimName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    Ok(Some((phase == "UploadReady", claim)))
}

/// Upstream's event check: provisioning failures of the PVC and invalid claims of the DV.
async fn check_events(cdi: &Cdi<'_>, pvc_name: &str, dv_name: &str) -> Result<()> {
    let events = cdi.events().await?;
    let uid_of = |result: Result<Value>| -> Result<String> {
        match result {
            Ok(o) => Ok(o
                .pointer("/metadata/uid")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()),
            Err(err) if err.api().is_some_and(|a| a.is_not_found()) => Ok(String::new()),
            Err(err) => Err(err),
        }
    };
    let pvc_uid = if pvc_name.is_empty() {
        String::new()
    } else {
        uid_of(cdi.get_pvc(pvc_name).await)?
    };
    let dv_uid = uid_of(cdi.get_datavolume(dv_name).await)?;
    match event_failure(&events, &pvc_uid, &dv_uid) {
        Some(message) => Err(Error::Other(message)),
        None => Ok(()),
    }
}

/// The first event that makes the upload impossible, as upstream words it.
pub fn event_failure(events: &[Value], pvc_uid: &str, dv_uid: &str) -> Option<String> {
    events.iter().find_map(|event| {
        let field = |p: &str| event.pointer(p).and_then(Value::as_str).unwrap_or("");
        let (kind, uid, reason, message) = (
            field("/involvedObject/kind"),
            field("/involvedObject/uid"),
            field("/reason"),
            field("/message"),
        );
        if kind == "PersistentVolumeClaim"
            && !pvc_uid.is_empty()
            && uid == pvc_uid
            && reason == "ProvisioningFailed"
            && !message.contains(OPTIMISTIC_LOCK_MESSAGE)
        {
            return Some(format!("Provisioning failed: {message}"));
        }
        if kind == "DataVolume" && !dv_uid.is_empty() && uid == dv_uid && reason == "ErrClaimNotValid" {
            return Some(format!("Claim not valid: {message}"));
        }
        None
    })
}

/// Streams the file, retrying up to `--retry` attempts as upstream does, but only failures that
/// can go away (dropped connections, the proxy's 502-504, an expired token); upstream also
/// retries errors that would fail the same way again.
async fn send(plan: &UploadPlan, proxy: &UploadProxy, cdi: &Cdi<'_>, mut token: String, ctx: &Ctx) -> Result<()> {
    let image = &plan.image;
    let meter = Meter::start(image.len, std::io::stderr().is_terminal(), ctx.out);
    let mut refreshes = 0;
    let mut last: Option<UploadFailure> = None;
    let mut attempts = Attempts::new(plan.attempts);
    while let Some(attempt) = attempts
        .next(|attempt, pause| {
            if let Some(failure) = &last {
                ctx.out.note(format!(
                    "upload attempt {attempt} of {} failed: {failure}; retrying in {:.1}s",
                    plan.attempts,
                    pause.as_secs_f64()
                ));
            }
        })
        .await
    {
        if attempt > 0 {
            meter.reset();
        }
        let url = proxy.endpoint(&token).await?;
        let body = FileBody::new(image.file.clone(), image.path.clone(), image.len, meter.clone());
        match proxy.post(&url, &token, body, image.len).await {
            Ok(()) => {
                let (bytes, elapsed) = meter.finish();
                ctx.out.note(format!("uploaded {}", progress::summary(bytes, elapsed)));
                return Ok(());
            }
            Err(failure) if failure.is_unauthorized() => {
                if attempt == 0 || refreshes >= MAX_TOKEN_REFRESHES {
                    meter.finish();
                    return Err(token_refused(&failure));
                }
                token = cdi
                    .upload_token(&plan.name)
                    .await
                    .map_err(|e| e.context("failed to get upload token", ": "))?;
                refreshes += 1;
                last = Some(failure);
            }
            Err(failure) if failure.is_transient() => last = Some(failure),
            Err(failure) => {
                meter.finish();
                return Err(upload_error(&failure));
            }
        }
    }
    meter.finish();
    let last = last.map(|f| f.to_string()).unwrap_or_default();
    Err(Error::Other(format!(
        "error uploading image after {} retries: {last}",
        plan.attempts
    )))
}

/// A 401 on the first attempt, or again after the token was refreshed: retrying cannot help.
fn token_refused(failure: &UploadFailure) -> Error {
    Error::Other(format!("authentication failed: {failure}")).with_hint(
        "the upload proxy refused the upload token: check that the PVC still exists and that CDI's API server and upload proxy agree on their keys",
    )
}

/// A failure that another attempt would meet again.
fn upload_error(failure: &UploadFailure) -> Error {
    let err = Error::Other(format!("error uploading image: {failure}"));
    match failure.hint() {
        Some(hint) => err.with_hint(hint.to_string()),
        None => err,
    }
}

/// After a failed upload: what the upload pod says about it (its warning events and the error
/// and warning lines at the end of its log), when readable.
async fn upload_pod_reasons(plan: &UploadPlan, cdi: &Cdi<'_>) -> Vec<String> {
    let pod = cdi::upload_pod_name(&plan.name);
    let mut reasons = Vec::new();
    if let Ok(events) = cdi.events().await {
        for event in events.iter().filter(|e| {
            e.pointer("/involvedObject/name").and_then(Value::as_str) == Some(pod.as_str())
                && e.get("type").and_then(Value::as_str) == Some("Warning")
        }) {
            let field = |k: &str| event.get(k).and_then(Value::as_str).unwrap_or("");
            reasons.push(format!("upload pod {pod}: {}: {}", field("reason"), field("message")));
        }
    }
    if let Ok(log) = cdi.pod_log_tail(&pod, 10).await {
        reasons.extend(
            log.lines()
                .filter(|line| is_klog_problem(line))
                .map(|line| format!("upload pod {pod} logged: {line}")),
        );
    }
    reasons
}

/// klog's error and warning lines (`E0102 15:04:05.000000 ...`, `W0102 ...`).
fn is_klog_problem(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('E' | 'W')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// `--datasource`: as upstream, create the DataSource named like the target, or repoint an
/// existing one at the uploaded PVC (merging in the default instance type/preference labels), so
/// VMs can boot from it by name.
async fn write_datasource(plan: &UploadPlan, cdi: &Cdi<'_>, ns: &str, ctx: &Ctx) -> Result<()> {
    let source = json!({"name": plan.name, "namespace": ns});
    match cdi.get_datasource(&plan.name).await {
        Ok(existing) => {
            let mut labels = existing
                .pointer("/metadata/labels")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for (k, v) in &plan.labels {
                labels.insert(k.to_string(), json!(v));
            }
            let patch = json!([
                {"op": "replace", "path": "/metadata/labels", "value": labels},
                {"op": "replace", "path": "/spec/source/pvc", "value": source},
            ]);
            cdi.patch_datasource(&plan.name, &patch).await?;
            ctx.out
                .line(format!("Updated an existing DataSource {ns}/{}", plan.name))
        }
        Err(err) if err.api().is_some_and(|a| a.is_not_found()) => {
            let ds = json!({
                "apiVersion": "cdi.kubevirt.io/v1beta1",
                "kind": "DataSource",
                "metadata": {"name": plan.name, "namespace": ns, "labels": labels_json(&plan.labels)},
                "spec": {"source": {"pvc": source}},
            });
            cdi.create_datasource(&ds).await?;
            ctx.out.line(format!("Created a new DataSource {ns}/{}", plan.name))
        }
        Err(err) => Err(err),
    }
}

/// Waits for CDI to finish writing the image, as upstream does: the PVC's pod-phase annotation
/// turns `Succeeded` (for up to 24 h); a `Failed` upload pod ends the wait at once.
async fn wait_processed(plan: &UploadPlan, cdi: &Cdi<'_>, ctx: &Ctx) -> Result<()> {
    poll(PROCESSING_TIMEOUT, || async {
        let pvc = cdi.get_pvc(&plan.name).await?;
        match cdi::annotation(&pvc, cdi::ANN_POD_PHASE) {
            Some("Succeeded") => {
                ctx.out.line("Processing completed successfully")?;
                Ok(true)
            }
            Some("Failed") => Err(Error::Other(format!(
                "processing failed: the upload pod {} failed",
                cdi::upload_pod_name(&plan.name)
            ))),
            _ => Ok(false),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::io::Write;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: ImageUploadArgs,
    }

    fn args(line: &[&str]) -> ImageUploadArgs {
        let mut argv = vec!["image-upload"];
        argv.extend_from_slice(line);
        Cli::try_parse_from(argv).unwrap().args
    }

    fn check_err(line: &[&str]) -> String {
        match UploadPlan::check(&args(line)) {
            Ok(_) => panic!("{line:?} was accepted"),
            Err(e) => e.to_string(),
        }
    }

    fn image(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    #[test]
    fn validation_order_and_messages() {
        assert_eq!(
            check_err(&["dv", "x", "--size=1Gi", "--pvc-size=2Gi", "--image-path=/nope"]),
            "--pvc-size and --size can not be specified at the same time"
        );
        assert_eq!(
            check_err(&["dv", "x", "--pvc-name=y"]),
            "cannot use --pvc-name and args"
        );
        assert_eq!(
            check_err(&["dv", "x", "--volume-mode=filesystem", "--block-volume"]),
            "incompatible --volume-mode 'filesystem' and --block-volume"
        );
        assert_eq!(
            check_err(&["dv", "x", "--volume-mode=Block"]),
            "Invalid volume mode 'Block'. Valid values are 'block' and 'filesystem'."
        );
        assert_eq!(
            check_err(&["dv", "x"]),
            "either image-path or archive-path must be provided"
        );
        assert_eq!(
            check_err(&["dv", "x", "--image-path=a", "--archive-path=b"]),
            "cannot handle both image-path and archive-path, provide only one"
        );
        assert_eq!(
            check_err(&["dv", "x", "--archive-path=b", "--volume-mode=block"]),
            "In archive upload the volume mode should always be filesystem"
        );
        assert_eq!(check_err(&["dv", "--image-path=a"]), "expecting two args");
        assert_eq!(
            check_err(&["a", "b", "c", "--image-path=a"]),
            "accepts at most 2 arg(s), received 3"
        );
        assert_eq!(check_err(&["vm", "x", "--image-path=a"]), "invalid resource type vm");
        assert_eq!(
            check_err(&["dv", "x", "--image-path=a", "--default-instancetype-kind=k"]),
            "--default-instancetype must be provided with --default-instancetype-kind"
        );
        assert_eq!(
            check_err(&["dv", "x", "--image-path=a", "--default-preference=p", "--no-create"]),
            "--default-instancetype and --default-preference cannot be used with --no-create"
        );
        assert!(
            check_err(&["dv", "x", "--image-path=a", "--size=ten"]).starts_with("validation failed for size=ten: ")
        );
        assert_eq!(
            check_err(&["dv", "x", "--image-path=/no/such/file"]),
            "open /no/such/file: no such file or directory"
        );
    }

    #[test]
    fn a_small_size_for_a_big_qcow2_fails_with_the_numbers() {
        let f = image(&crate::transfer::sniff::tests::qcow2_header(10 << 30));
        let path = f.path().to_str().unwrap().to_string();
        let err = UploadPlan::check(&args(&["dv", "x", "--size=5Gi", &format!("--image-path={path}")]))
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("qcow2 image of virtual size 10.00 GiB"),
            "{err}"
        );
        assert_eq!(err.hint().as_deref(), Some("use --size=10Gi or larger"));
        // A bare filesystem PVC loses the overhead.
        let err = UploadPlan::check(&args(&["pvc", "x", "--size=10Gi", &format!("--image-path={path}")]))
            .err()
            .unwrap();
        assert_eq!(err.hint().as_deref(), Some("use --size=11Gi or larger"));
        assert!(
            UploadPlan::check(&args(&[
                "pvc",
                "x",
                "--size=10Gi",
                "--volume-mode=block",
                &format!("--image-path={path}")
            ]))
            .is_ok()
        );
        assert!(UploadPlan::check(&args(&["dv", "x", "--size=10Gi", &format!("--image-path={path}")])).is_ok());
    }

    #[test]
    fn archives_must_be_tar() {
        let f = image(&crate::transfer::sniff::tests::qcow2_header(1 << 20));
        let path = f.path().to_str().unwrap().to_string();
        let err = check_err(&["dv", "x", "--size=1Gi", &format!("--archive-path={path}")]);
        assert!(
            err.ends_with("is not a tar archive (it looks like a qcow2 image); use --image-path for disk images"),
            "{err}"
        );
    }

    #[test]
    fn bodies_follow_upstream() {
        let f = image(b"raw");
        let path = f.path().to_str().unwrap().to_string();
        let plan = UploadPlan::check(&args(&[
            "dv",
            "disk",
            "--size=1Gi",
            "--force-bind",
            "--storage-class=fast",
            "--access-mode=ReadWriteMany",
            "--volume-mode=block",
            "--default-instancetype=u1.small",
            &format!("--image-path={path}"),
        ]))
        .unwrap();
        assert_eq!(
            datavolume_body(&plan, "ns", "1Gi").to_string(),
            r#"{"apiVersion":"cdi.kubevirt.io/v1beta1","kind":"DataVolume","metadata":{"name":"disk","namespace":"ns","labels":{"instancetype.kubevirt.io/default-instancetype":"u1.small"},"annotations":{"cdi.kubevirt.io/storage.bind.immediate.requested":""}},"spec":{"source":{"upload":{}},"storage":{"accessModes":["ReadWriteMany"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"fast","volumeMode":"Block"},"contentType":"kubevirt"}}"#
        );
        let pvc = pvc_body(&plan, "ns", "1Gi");
        assert_eq!(pvc["metadata"]["labels"]["cdi.kubevirt.io/applyStorageProfile"], "true");
        assert_eq!(
            pvc["metadata"]["annotations"]["cdi.kubevirt.io/storage.upload.target"],
            ""
        );
        assert_eq!(pvc["spec"]["accessModes"], json!(["ReadWriteMany"]));
        assert_eq!(
            plan.retry_command("ns"),
            format!("virtctl image-upload dv disk -n ns --no-create --image-path={path}")
        );
    }

    #[test]
    fn events_that_stop_the_wait() {
        let events = vec![
            json!({"involvedObject": {"kind": "PersistentVolumeClaim", "uid": "p"}, "reason": "ProvisioningFailed", "message": OPTIMISTIC_LOCK_MESSAGE}),
            json!({"involvedObject": {"kind": "DataVolume", "uid": "d"}, "reason": "ErrClaimNotValid", "message": "bad claim"}),
        ];
        assert_eq!(
            event_failure(&events, "p", "d").as_deref(),
            Some("Claim not valid: bad claim")
        );
        assert_eq!(event_failure(&events, "p", ""), None);
    }

    #[test]
    fn paths_with_spaces_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("/a b"), "'/a b'");
    }
}
