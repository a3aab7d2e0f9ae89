//! `memory-dump get|download|remove VM`: dump a running VM's memory into a PVC (optionally
//! creating it, sized as upstream sizes it), wait for the dump, and drop the association.
//!
//! Beyond upstream: the wait ends at once when the VM reports the dump `Failed` (with the VM's
//! message) and has a `--timeout`; a PVC that `--create-claim` made is removed again, with its
//! association, when the dump is refused, fails or times out (a completed dump is always kept).
//!
//! The download (`download`, `get --output`) exports the dump's PVC and fetches it through the
//! one export download flow (`transfer::export::from_export`, shared with `vmexport download`),
//! with §10.3's fixed settings (see [`download_export`]), through a pod port-forward with
//! `--port-forward`. The export's readiness wait (upstream's fixed 2 min) can be changed with
//! `VIRTCTL_MEMORY_DUMP_READINESS_TIMEOUT`, as memory-dump has no `--readiness-timeout`.

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde_json::{Value, json};

use super::{Positionals, shell_quote};
use crate::cluster::Cluster;
use crate::cluster::cdi::{self, Cdi};
use crate::cluster::export::{ExportRequest, Exports, InternalAccess, Source};
use crate::cluster::kubevirt::{Vm, Vmi};
use crate::cluster::types::quantity;
use crate::cluster::wait::{self, Backoff};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::{format_duration, parse_duration, parse_go_bool};
use crate::transfer::export::{self as fetch, Destination, Fetch, Settings};

const EXAMPLES: &str = "Examples:
  #Dump memory of a virtual machine instance called 'myvm' to an existing pvc called 'memoryvolume'.
  virtctl memory-dump get myvm --claim-name=memoryvolume

  #Create a PVC called 'memoryvolume' and dump the memory of a virtual machine instance called 'myvm' to it.
  virtctl memory-dump get myvm --claim-name=memoryvolume --create-claim

  #Create and download memory dump to the given output file.
  virtctl memory-dump get myvm --claim-name=memoryvolume --create-claim --output=memoryDump.dump.gz

  #Dump memory again to the same virtual machine with an already associated pvc(existing memory dump on vm status).
  virtctl memory-dump get myvm

  #Download the last memory dump associated on the vm 'myvm' to the given output file.
  virtctl memory-dump download myvm --output=memoryDump.dump.gz

  #Remove the association of the memory dump pvc (to be able to dump to another pvc).
  virtctl memory-dump remove myvm";

/// The memory dump needs room beyond the guest's memory (KubeVirt's `CalcExpectedMemoryDumpSize`).
const DUMP_OVERHEAD: u128 = 100 * 1024 * 1024;
/// CDI's filesystem overhead when the cluster has no CDIConfig.
const DEFAULT_FS_OVERHEAD: f64 = 0.055;
const MIB: f64 = 1024.0 * 1024.0;
/// The label CDI's webhook reads to complete a PVC from its StorageProfile.
const LABEL_APPLY_STORAGE_PROFILE: &str = cdi::LABEL_APPLY_STORAGE_PROFILE;
/// §10.3: upstream waits this long for the dump's export to be ready.
const EXPORT_READINESS_TIMEOUT: Duration = Duration::from_secs(120);
/// A Go duration replacing [`EXPORT_READINESS_TIMEOUT`] (memory-dump has no flag for it).
pub const READINESS_TIMEOUT_ENV: &str = "VIRTCTL_MEMORY_DUMP_READINESS_TIMEOUT";
/// §10.3: attempts after a bad status (the exporter pod may start after the hotplug pod went).
const EXPORT_RETRIES: u32 = 2;
/// `vmexport download`'s default idle timeout (memory-dump has no flag for it).
const EXPORT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Upstream polls every 2 s; the first looks come sooner.
const POLL: Backoff = Backoff {
    first: Duration::from_millis(250),
    max: Duration::from_secs(2),
};

#[derive(Args, Debug)]
#[command(override_usage = "virtctl memory-dump get/download/remove (VM) [flags]", after_help = EXAMPLES)]
pub struct MemoryDumpArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// --access-mode='': The access mode for the PVC.
    #[arg(long = "access-mode", value_name = "string", default_value = "")]
    pub access_mode: String,
    /// --claim-name='': pvc name to contain the memory dump
    #[arg(long = "claim-name", value_name = "string", default_value = "")]
    pub claim_name: String,
    /// --create-claim=false: Create the pvc that will conatin the memory dump
    #[arg(long = "create-claim", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub create_claim: bool,
    /// --format='': Specifies the format of the memory dump download (gzipped or raw).
    #[arg(long, value_name = "string", default_value = "")]
    pub format: String,
    /// --local-port='0': Specify port for port-forward
    #[arg(long = "local-port", value_name = "string", default_value = "0")]
    pub local_port: String,
    /// --output='': Specifies the output path of the memory dump to be downloaded.
    #[arg(long, value_name = "string", default_value = "")]
    pub output: String,
    /// --port-forward=false: Configure and set port-forward in a random port to download the memory dump
    #[arg(long = "port-forward", default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub port_forward: bool,
    /// --storage-class='': The storage class for the PVC.
    #[arg(long = "storage-class", value_name = "string", default_value = "")]
    pub storage_class: String,
    /// --timeout=10m: How long to wait for the memory dump to complete before downloading it (e.g. 90s, 5m).
    #[arg(long, default_value = "10m", value_parser = parse_duration, value_name = "duration")]
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Get,
    Download,
    Remove,
}

/// The checked command line: what to do, before any request.
#[derive(Debug)]
struct Plan {
    action: Action,
    vm: String,
    claim: String,
    /// `--create-claim`: the PVC to make first.
    new_claim: Option<NewClaim>,
    /// `--output` (download after the dump with `get`).
    download: Option<Download>,
    timeout: Duration,
}

#[derive(Debug)]
struct NewClaim {
    storage_class: String,
    access_mode: String,
}

/// What the download needs (§10.3's fixed settings derive from it).
#[derive(Debug)]
struct Download {
    output: String,
    /// `--format=raw`: decompress while downloading.
    decompress: bool,
    port_forward: bool,
    local_port: u16,
    /// how long to wait for the dump's export to be ready
    readiness_timeout: Duration,
}

impl Plan {
    /// Upstream's checks, in its order: the argument count, the action, the claim name that
    /// `--create-claim` needs, the output file that a download needs. The access mode of a new
    /// claim is checked here too (upstream checks it after its first reads).
    fn check(args: MemoryDumpArgs) -> Result<Plan> {
        let values = args.args.exactly(2)?;
        let action = match values[0].as_str() {
            "get" => Action::Get,
            "download" => Action::Download,
            "remove" => Action::Remove,
            other => return Err(Error::Usage(format!("invalid action type {other}"))),
        };
        let vm = values[1].clone();
        let mut new_claim = None;
        if action == Action::Get && args.create_claim {
            if args.claim_name.is_empty() {
                return Err(Error::Usage("missing claim name".into()));
            }
            check_access_mode(&args.access_mode)?;
            new_claim = Some(NewClaim {
                storage_class: args.storage_class.clone(),
                access_mode: args.access_mode.clone(),
            });
        }
        if action == Action::Download && args.output.is_empty() {
            return Err(Error::Usage("missing outputFile to download the memory dump".into()));
        }
        // Beyond upstream: a bad --local-port is refused before the dump is taken, not after.
        let local_port = match args.port_forward {
            true => args.local_port.parse::<u16>().map_err(|_| {
                Error::Usage("--local-port is not a valid value, acceptable values are valid port numbers".into())
            })?,
            false => 0,
        };
        let download = if action != Action::Remove && !args.output.is_empty() {
            Some(Download {
                output: args.output.clone(),
                decompress: args.format == "raw",
                port_forward: args.port_forward,
                local_port,
                readiness_timeout: export_readiness_timeout()?,
            })
        } else {
            None
        };
        Ok(Plan {
            action,
            vm,
            claim: args.claim_name,
            new_claim,
            download,
            timeout: args.timeout,
        })
    }
}

/// [`READINESS_TIMEOUT_ENV`] when set, else upstream's 2 min.
fn export_readiness_timeout() -> Result<Duration> {
    match std::env::var(READINESS_TIMEOUT_ENV) {
        Ok(text) if !text.trim().is_empty() => {
            parse_duration(&text).map_err(|e| Error::Usage(format!("{READINESS_TIMEOUT_ENV}: {e}")))
        }
        _ => Ok(EXPORT_READINESS_TIMEOUT),
    }
}

/// Upstream's rules for the access mode of the PVC it creates.
fn check_access_mode(mode: &str) -> Result<()> {
    match mode {
        "" | "ReadWriteOnce" | "ReadWriteMany" => Ok(()),
        "ReadOnlyMany" => Err(Error::Usage(
            "cannot dump memory to a readonly pvc, use either ReadWriteOnce or ReadWriteMany if supported".into(),
        )),
        _ => Err(Error::Usage(
            "invalid access mode, use either ReadWriteOnce or ReadWriteMany if supported".into(),
        )),
    }
}

pub async fn run(args: MemoryDumpArgs, ctx: &Ctx) -> Result<()> {
    let plan = Plan::check(args)?;
    let cluster = ctx.cluster().await?;
    match plan.action {
        Action::Get => get(&plan, cluster, ctx).await,
        Action::Download => download(&plan, cluster, ctx).await,
        Action::Remove => remove(&plan, cluster, ctx).await,
    }
}

/// `get`: create the claim when asked, request the dump, then download it when asked. A claim
/// made here is removed again when a later step fails before the dump completed.
async fn get(plan: &Plan, cluster: &Cluster, ctx: &Ctx) -> Result<()> {
    let vm = Vm::new(&cluster.api, &cluster.namespace, &plan.vm);
    if let Some(new_claim) = &plan.new_claim {
        create_claim(plan, new_claim, cluster, ctx).await?;
    }
    let submitted = vm.memory_dump(&plan.claim).await;
    if let Err(err) = submitted {
        let err = err.context("error dumping vm memory", ", ");
        return Err(undo_new_claim(plan, cluster, ctx, false, err).await);
    }
    ctx.out
        .line(format!("Successfully submitted memory dump request of VM {}", plan.vm))?;
    let Some(download) = &plan.download else {
        return Ok(());
    };
    let claim = match wait_for_dump(plan, cluster, ctx).await {
        Ok(claim) => claim,
        Err(err) => return Err(undo_new_claim(plan, cluster, ctx, true, err).await),
    };
    download_export(plan, download, &claim, cluster, ctx).await
}

/// `download`: wait for the VM's dump to complete, then download its claim.
async fn download(plan: &Plan, cluster: &Cluster, ctx: &Ctx) -> Result<()> {
    let download = plan.download.as_ref().expect("checked: download has an output");
    let claim = wait_for_dump(plan, cluster, ctx).await?;
    download_export(plan, download, &claim, cluster, ctx).await
}

/// `remove`: drop the VM's association with its memory-dump PVC (the PVC stays).
async fn remove(plan: &Plan, cluster: &Cluster, ctx: &Ctx) -> Result<()> {
    Vm::new(&cluster.api, &cluster.namespace, &plan.vm)
        .remove_memory_dump()
        .await
        .map_err(|e| e.context("error removing memory dump association", ", "))?;
    ctx.out.line(format!(
        "Successfully submitted remove memory dump association of VM {}",
        plan.vm
    ))
}

/// Creates the PVC of `--create-claim` (§10.2 step 1): only when the VM has no memory-dump
/// association and the PVC does not exist; sized for the VMI's memory (§10.5).
async fn create_claim(plan: &Plan, new_claim: &NewClaim, cluster: &Cluster, ctx: &Ctx) -> Result<()> {
    let ns = &cluster.namespace;
    let vm = Vm::new(&cluster.api, ns, &plan.vm).get().await?;
    if vm.pointer("/status/memoryDumpRequest").is_some_and(|r| !r.is_null()) {
        return Err(Error::Other(
            "please remove current memory dump association before creating a new claim for a new memory dump".into(),
        ));
    }
    let pvcs = Cdi::new(&cluster.api, ns);
    if wait::get_optional(pvcs.get_pvc(&plan.claim).await)?.is_some() {
        return Err(Error::Other(format!(
            "PVC {ns}/{} already exists, check if it should be created if not remove create flag",
            plan.claim
        )));
    }
    let vmi = Vmi::new(&cluster.api, ns, &plan.vm).get().await?;
    let memory = vmi
        .pointer("/spec/domain/resources/requests/memory")
        .and_then(Value::as_str)
        .unwrap_or("0");
    let config = wait::get_optional(cdi::get_cdi_config(&cluster.api).await)?;
    if config.is_none() {
        ctx.out.line("Using default 5.5% filesystem overhead for pvc size")?;
    }
    let overhead = filesystem_overhead(config.as_ref(), &new_claim.storage_class)?;
    let size = claim_size(memory, overhead)?;
    pvcs.create_pvc(&claim_body(&plan.claim, ns, &size, new_claim)).await?;
    ctx.out.line(format!("PVC {ns}/{} created", plan.claim))
}

/// After a failure of `get`: removes the PVC that `--create-claim` made (and the VM's
/// association with it when the dump request was accepted), says so, and returns `err`.
async fn undo_new_claim(plan: &Plan, cluster: &Cluster, ctx: &Ctx, associated: bool, err: Error) -> Error {
    if plan.new_claim.is_none() {
        return err;
    }
    let ns = &cluster.namespace;
    if associated {
        let vm = Vm::new(&cluster.api, ns, &plan.vm);
        if let Err(e) = vm.remove_memory_dump().await {
            ctx.out.note(format!(
                "could not remove the memory dump association of VM {}: {e}",
                plan.vm
            ));
        }
    }
    match Cdi::new(&cluster.api, ns).delete_pvc(&plan.claim).await {
        Ok(()) => ctx.out.note(format!(
            "PVC {ns}/{} that this command created was removed again{}",
            plan.claim,
            if associated {
                " (with its memory dump association)"
            } else {
                ""
            }
        )),
        Err(e) => ctx.out.note(format!(
            "PVC {ns}/{} that this command created could not be removed: {e}",
            plan.claim
        )),
    }
    err
}

/// Polls the VM until its memory dump completed (returns the claim) or failed (the VM's
/// message), or `--timeout` passes. A phase line is printed whenever the phase changes.
async fn wait_for_dump(plan: &Plan, cluster: &Cluster, ctx: &Ctx) -> Result<String> {
    let vm = Vm::new(&cluster.api, &cluster.namespace, &plan.vm);
    let last_phase: RefCell<Option<String>> = RefCell::new(None);
    let claim: RefCell<String> = RefCell::new(String::new());
    let done = wait::poll(plan.timeout, POLL, || async {
        let object = vm.get().await?;
        let Some(request) = object.pointer("/status/memoryDumpRequest").filter(|r| !r.is_null()) else {
            return Ok(false);
        };
        let text = |key: &str| request.get(key).and_then(Value::as_str).unwrap_or("").to_string();
        let phase = text("phase");
        match dump_progress(request) {
            wait::Progress::Done => {
                *claim.borrow_mut() = text("claimName");
                ctx.out.line("Memory dump completed successfully")?;
                Ok(true)
            }
            wait::Progress::Failed(why) => Err(Error::Other(format!("memory dump of VM {} failed: {why}", plan.vm))),
            wait::Progress::Pending => {
                if last_phase.borrow().as_deref() != Some(phase.as_str()) {
                    ctx.out.line(format!(
                        "Waiting for memorydump {} to complete, current phase: {phase}...",
                        text("claimName")
                    ))?;
                    *last_phase.borrow_mut() = Some(phase);
                }
                Ok(false)
            }
        }
    })
    .await?;
    if !done {
        return Err(Error::Timeout(format!(
            "timed out after {} waiting for the memory dump of VM {} to complete",
            format_duration(plan.timeout),
            plan.vm
        ))
        .with_hint("a longer --timeout waits more; `virtctl memory-dump download` waits again without a new dump"));
    }
    let claim = claim.into_inner();
    if claim.is_empty() {
        return Err(Error::Other("claim name not on vm memory dump request".into()));
    }
    Ok(claim)
}

/// Where a VM's `status.memoryDumpRequest` stands.
fn dump_progress(request: &Value) -> wait::Progress {
    match request.get("phase").and_then(Value::as_str).unwrap_or("") {
        "Completed" => wait::Progress::Done,
        "Failed" => {
            let message = request.get("message").and_then(Value::as_str).unwrap_or("");
            wait::Progress::Failed(if message.is_empty() {
                "the VM reports no reason".to_string()
            } else {
                message.to_string()
            })
        }
        _ => wait::Progress::Pending,
    }
}

/// The download of a completed dump (§10.3's fixed settings): export `claim` as
/// `export-VM-CLAIM` (created, or reused and then kept when it exists), wait up to 2 min for it,
/// fetch its single volume with 2 retries, delete the export after success. Beyond upstream, as
/// `vmexport download`: the export server's certificate is verified against the export's CA
/// (upstream skips verification), the output goes to `FILE.part` first, and an export created
/// here is kept after a failure with the way to go on.
async fn download_export(plan: &Plan, download: &Download, claim: &str, cluster: &Cluster, ctx: &Ctx) -> Result<()> {
    let exports = Exports::discover(&cluster.api, &cluster.namespace).await?;
    let settings = Settings {
        request: ExportRequest {
            name: export_name(&plan.vm, claim),
            source: Some(Source::Pvc(claim.to_string())),
            ..ExportRequest::default()
        },
        fetch: Fetch::Volume {
            name: None,
            decompress: download.decompress,
        },
        // `-` is a file name here, not stdout.
        output: Some(Destination::File(PathBuf::from(&download.output))),
        readiness_timeout: download.readiness_timeout,
        service_url: None,
        insecure: false,
        keep: false,
        delete: false,
        retries: EXPORT_RETRIES,
        idle_timeout: EXPORT_IDLE_TIMEOUT,
        port_forward: download.port_forward.then_some(download.local_port),
        internal_access: InternalAccess::PortForward,
        again: download_again(&plan.vm, download),
    };
    let say = |text: &str| {
        // A closed stdout must not stop the download itself.
        let _ = ctx.out.line(text);
    };
    fetch::from_export(&exports, &cluster.cluster_ca, &settings, &say).await
}

/// The command that downloads the dump again (it reuses the export a failed run kept).
fn download_again(vm: &str, download: &Download) -> String {
    let mut again = format!(
        "virtctl memory-dump download {} --output {}",
        shell_quote(vm),
        shell_quote(&download.output)
    );
    if download.decompress {
        again.push_str(" --format raw");
    }
    if download.port_forward {
        again.push_str(&format!(" --port-forward --local-port {}", download.local_port));
    }
    again
}

/// The VirtualMachineExport a download creates.
fn export_name(vm: &str, claim: &str) -> String {
    format!("export-{vm}-{claim}")
}

/// The filesystem overhead to plan for: the CDIConfig's for the storage class (its global one
/// otherwise), or CDI's default when the cluster has no CDIConfig.
fn filesystem_overhead(config: Option<&Value>, storage_class: &str) -> Result<f64> {
    let Some(config) = config else {
        return Ok(DEFAULT_FS_OVERHEAD);
    };
    let Some(overheads) = config.pointer("/status/filesystemOverhead").filter(|o| !o.is_null()) else {
        return Err(Error::Other("CDI config not initialized".into()));
    };
    let by_class = (!storage_class.is_empty())
        .then(|| {
            overheads.pointer(&format!(
                "/storageClass/{}",
                storage_class.replace('~', "~0").replace('/', "~1")
            ))
        })
        .flatten();
    let text = by_class
        .or_else(|| overheads.get("global"))
        .and_then(Value::as_str)
        .unwrap_or("");
    text.trim().parse::<f64>().map_err(|_| {
        Error::Other(format!(
            "failed to parse filesystem overhead as float: strconv.ParseFloat: parsing {}: invalid syntax",
            crate::error::go_quote(text)
        ))
    })
}

/// The PVC size for a dump of `memory` (the VMI's memory request): memory + 100 MiB, grown by
/// the filesystem overhead, rounded up to whole MiB; in the memory request's quantity format.
fn claim_size(memory: &str, overhead: f64) -> Result<String> {
    let bytes = quantity::parse_bytes(memory).map_err(Error::Other)?;
    let dump = (bytes + DUMP_OVERHEAD) as f64;
    let total = (1.0 + overhead) * dump;
    let mib = if total < MIB { 1 } else { (total / MIB).ceil() as u128 };
    let binary = memory.trim().ends_with('i');
    let text = if binary {
        format!("{mib}Mi")
    } else {
        (mib << 20).to_string()
    };
    quantity::canonical(&text).map_err(Error::Other)
}

/// The PVC upstream creates for `--create-claim` (no `volumeMode`: a dump needs a filesystem).
fn claim_body(name: &str, namespace: &str, size: &str, new_claim: &NewClaim) -> Value {
    let access_mode = if new_claim.access_mode.is_empty() {
        "ReadWriteOnce"
    } else {
        &new_claim.access_mode
    };
    let mut pvc = json!({
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "labels": {LABEL_APPLY_STORAGE_PROFILE: "true"},
        },
        "spec": {
            "accessModes": [access_mode],
            "resources": {"requests": {"storage": size}},
        },
    });
    if !new_claim.storage_class.is_empty() {
        pvc["spec"]["storageClassName"] = json!(new_claim.storage_class);
    }
    pvc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_size_follows_upstreams_formula() {
        // 2Gi + 100Mi = 2 252 341 248 bytes, × 1.055 → 2267 MiB
        assert_eq!(claim_size("2Gi", 0.055).unwrap(), "2267Mi");
        // a whole number of GiB prints as Gi
        assert_eq!(claim_size("924Mi", 0.0).unwrap(), "1Gi");
        // decimal memory requests give a decimal quantity
        assert_eq!(claim_size("1G", 0.055).unwrap(), "1166016512");
        // no memory request: the dump overhead alone
        assert_eq!(claim_size("0", 0.055).unwrap(), "111149056");
        assert!(claim_size("lots", 0.0).is_err());
    }

    #[test]
    fn overhead_prefers_the_storage_class_then_global() {
        let config = json!({"status": {"filesystemOverhead": {"global": "0.1", "storageClass": {"fast": "0.2"}}}});
        assert_eq!(filesystem_overhead(Some(&config), "fast").unwrap(), 0.2);
        assert_eq!(filesystem_overhead(Some(&config), "other").unwrap(), 0.1);
        assert_eq!(filesystem_overhead(Some(&config), "").unwrap(), 0.1);
        assert_eq!(filesystem_overhead(None, "fast").unwrap(), DEFAULT_FS_OVERHEAD);
        assert_eq!(
            filesystem_overhead(Some(&json!({"status": {}})), "")
                .unwrap_err()
                .to_string(),
            "CDI config not initialized"
        );
    }

    #[test]
    fn access_modes() {
        assert!(check_access_mode("").is_ok());
        assert!(check_access_mode("ReadWriteMany").is_ok());
        assert!(
            check_access_mode("ReadOnlyMany")
                .unwrap_err()
                .to_string()
                .contains("readonly pvc")
        );
        assert!(
            check_access_mode("rwo")
                .unwrap_err()
                .to_string()
                .starts_with("invalid access mode")
        );
    }

    #[test]
    fn failed_dumps_carry_the_vms_message() {
        assert_eq!(
            dump_progress(&json!({"phase": "Failed", "message": "disk full"})),
            wait::Progress::Failed("disk full".into())
        );
        assert_eq!(dump_progress(&json!({"phase": "Completed"})), wait::Progress::Done);
        assert_eq!(dump_progress(&json!({"phase": "InProgress"})), wait::Progress::Pending);
    }

    #[test]
    fn the_new_claim_asks_for_a_filesystem_volume() {
        let new_claim = NewClaim {
            storage_class: "fast".into(),
            access_mode: String::new(),
        };
        let body = claim_body("dump", "ns", "2267Mi", &new_claim);
        assert_eq!(body["spec"]["accessModes"], json!(["ReadWriteOnce"]));
        assert_eq!(body["spec"]["storageClassName"], "fast");
        assert_eq!(body["metadata"]["labels"][LABEL_APPLY_STORAGE_PROFILE], "true");
        assert!(body["spec"].get("volumeMode").is_none());
    }
}
