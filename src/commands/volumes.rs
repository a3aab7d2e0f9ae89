//! `addvolume` and `removevolume`: hot-plug a DataVolume or PVC into a running VM (or standalone
//! VMI) and unplug it again, with upstream's checks, bodies, VM-then-VMI fallback, conflict retry
//! and messages, plus `--wait`.

use std::time::Duration;

use clap::Args;
use serde_json::Value;

use super::{DryRunArg, Positionals, WaitArgs};
use crate::cluster::api::Api;
use crate::cluster::cdi::Cdi;
use crate::cluster::kubevirt::{Vm, Vmi};
use crate::cluster::resources;
use crate::cluster::types::hotplug::{AddVolumeOptions, DiskDevice, HotplugDisk, HotplugSource, RemoveVolumeOptions};
use crate::cluster::wait::{self, Progress};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;

/// The error text of a 422 from a failed JSON-patch `test` in virt-api: another writer changed
/// the volumes meanwhile, so the request is sent again.
const CONCURRENT_ERROR: &str = "the server rejected our request due to an error in our request";
const MAX_RETRIES: u32 = 15;
/// `validation.DNS1035LabelMaxLength`.
const MAX_NAME_LENGTH: usize = 63;

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl addvolume VMI [flags]",
    after_help = "Examples:\n  #Dynamically attach a volume to a running VM giving it a serial number to identify the volume inside the guest.\n  virtctl addvolume fedora-dv --volume-name=example-dv --serial=1234567890\n\n  #Dynamically attach a volume to a running VM giving it an explicit disk name to be used in the disk/volume section of the VM spec.\n  virtctl addvolume fedora-dv --volume-name=example-dv --disk-name=example-disk\n\n  #Dynamically attach a volume with 'none' cache attribute to a running VM.\n  virtctl addvolume fedora-dv --volume-name=example-dv --cache=none"
)]
pub struct AddVolumeArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// name of the volume source, either DV or PVC
    #[arg(long = "volume-name", value_name = "string")]
    pub volume_name: Option<String>,
    /// name used in the disk/volume section of spec
    #[arg(long = "disk-name", value_name = "string", default_value = "")]
    pub disk_name: String,
    /// serial number you want to assign to the disk
    #[arg(long, value_name = "string", default_value = "")]
    pub serial: String,
    /// caching options attribute control the cache mechanism
    #[arg(long, value_name = "string", default_value = "")]
    pub cache: String,
    /// [deprecated] this flag has no effect and will be removed in a future release
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub persist: bool,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    /// specifies disk type to be hotplugged (disk/lun). Disk by default.
    #[arg(long = "disk-type", value_name = "string", default_value = "disk")]
    pub disk_type: String,
    /// specifies disk bus. scsi by default.
    #[arg(long, value_name = "string", default_value = "scsi")]
    pub bus: String,
    #[command(flatten)]
    pub wait: WaitArgs,
}

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl removevolume VMI [flags]",
    after_help = "Examples:\n  #Remove volume dynamically attached to a running VM and persisting it in the VM spec.\n  virtctl removevolume fedora-dv --volume-name=example-dv"
)]
pub struct RemoveVolumeArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// name used in volumes section of spec
    #[arg(long = "volume-name", value_name = "string")]
    pub volume_name: Option<String>,
    /// [deprecated] this flag has no effect and will be removed in a future release
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub persist: bool,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub wait: WaitArgs,
}

/// cobra's required-flag check, which runs after the argument count.
fn required_volume_name(value: &Option<String>) -> Result<&str> {
    value
        .as_deref()
        .ok_or_else(|| Error::Usage("required flag(s) \"volume-name\" not set".into()))
}

pub async fn add(args: AddVolumeArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let volume = required_volume_name(&args.volume_name)?;
    let cluster = ctx.cluster().await?;
    let dry_run = args.dry_run.announce(ctx)?;
    let (api, ns) = (&cluster.api, cluster.namespace.as_str());

    let source = volume_source(api, ns, volume)
        .await
        .map_err(|e| e.context("error adding volume", ", "))?;
    let hotplug_name = if args.disk_name.is_empty() {
        volume
    } else {
        args.disk_name.as_str()
    };
    let options = AddVolumeOptions {
        name: hotplug_name.to_string(),
        disk: disk(&args, hotplug_name, volume)?,
        volume_source: source,
        dry_run,
    };

    let outcome = with_retries(|| async {
        match Vm::new(api, ns, name).add_volume(&options).await {
            Err(e) if e.api().is_some_and(|a| a.is_not_found()) => Vmi::new(api, ns, name).add_volume(&options).await,
            other => other,
        }
    })
    .await;
    match outcome {
        Ok(()) => {}
        Err(Retry::Exhausted) => {
            return Err(Error::Other(format!("error adding volume after {MAX_RETRIES} retries")));
        }
        Err(Retry::Failed(e)) => return Err(e.context("error adding volume", ", ")),
    }
    ctx.out.line(format!(
        "Successfully submitted add volume request to VM {name} for volume {volume}"
    ))?;

    if args.wait.active(args.dry_run.dry_run) {
        let what = format!("volume {hotplug_name} to be ready in VMI {name}");
        wait_volume(api, ns, name, &what, args.wait.timeout, |vmi| {
            volume_ready(vmi, hotplug_name)
        })
        .await?;
        ctx.out.note(format!("volume {hotplug_name} is ready in VMI {name}"));
    }
    Ok(())
}

pub async fn remove(args: RemoveVolumeArgs, ctx: &Ctx) -> Result<()> {
    let name = &args.args.exactly(1)?[0];
    let volume = required_volume_name(&args.volume_name)?;
    let cluster = ctx.cluster().await?;
    let dry_run = args.dry_run.announce(ctx)?;
    let (api, ns) = (&cluster.api, cluster.namespace.as_str());

    let options = RemoveVolumeOptions {
        name: volume.to_string(),
        dry_run,
    };
    let outcome = with_retries(|| async {
        match Vm::new(api, ns, name).remove_volume(&options).await {
            Err(e) if e.api().is_some_and(|a| a.is_not_found()) => {
                Vmi::new(api, ns, name).remove_volume(&options).await
            }
            other => other,
        }
    })
    .await;
    match outcome {
        Ok(()) => {}
        Err(Retry::Exhausted) => {
            return Err(Error::Other(format!(
                "error removing volume after {MAX_RETRIES} retries"
            )));
        }
        Err(Retry::Failed(e)) => return Err(e.context("error removing volume", ", ")),
    }
    ctx.out.line(format!(
        "Successfully submitted remove volume request to VM {name} for volume {volume}"
    ))?;

    if args.wait.active(args.dry_run.dry_run) {
        let what = format!("volume {volume} to be removed from VMI {name}");
        wait_volume(api, ns, name, &what, args.wait.timeout, |vmi| volume_gone(vmi, volume)).await?;
        ctx.out.note(format!("volume {volume} is removed from VMI {name}"));
    }
    Ok(())
}

/// DataVolume first, then PVC, as upstream. Beyond upstream, a lookup that failed for another
/// reason than "not found" (forbidden, CDI down) is reported as what it is.
async fn volume_source(api: &Api, ns: &str, volume: &str) -> Result<HotplugSource> {
    let cdi = Cdi::new(api, ns);
    let dv_error = match cdi.get_datavolume(volume).await {
        Ok(_) => return Ok(HotplugSource::data_volume(volume)),
        Err(e) => e,
    };
    let pvc_error = match cdi.get_pvc(volume).await {
        Ok(_) => return Ok(HotplugSource::pvc(volume)),
        Err(e) => e,
    };
    let not_found = |e: &Error| e.api().is_some_and(|a| a.is_not_found());
    if !not_found(&pvc_error) {
        return Err(pvc_error.context(format!("cannot read PersistentVolumeClaim {volume}"), ": "));
    }
    if !not_found(&dv_error) {
        return Err(dv_error.context(format!("cannot read DataVolume {volume}"), ": "));
    }
    Err(Error::Other(format!(
        "Volume {volume} is not a DataVolume or PersistentVolumeClaim"
    )))
}

/// The disk of the request, after upstream's checks of name length, disk type, bus and cache.
fn disk(args: &AddVolumeArgs, hotplug_name: &str, volume: &str) -> Result<HotplugDisk> {
    if hotplug_name.len() > MAX_NAME_LENGTH {
        return Err(Error::Usage(if args.disk_name.is_empty() {
            format!(
                "Invalid volume name {volume}, must not exceed {MAX_NAME_LENGTH} characters. Use in conjunction with --disk-name to specify a shorter name"
            )
        } else {
            format!(
                "Invalid disk name {}, must not exceed {MAX_NAME_LENGTH} characters",
                args.disk_name
            )
        }));
    }
    let bus = args.bus.clone();
    let device = match args.disk_type.as_str() {
        "disk" if bus == "scsi" || bus == "virtio" => DiskDevice::Disk { bus },
        "disk" => {
            return Err(Error::Usage(format!(
                "Invalid bus type '{bus}' for disk. Only 'scsi' and 'virtio' are supported."
            )));
        }
        "lun" if bus == "scsi" => DiskDevice::Lun { bus },
        "lun" => {
            return Err(Error::Usage(format!(
                "Invalid bus type '{bus}' for LUN disk. Only 'scsi' bus is supported."
            )));
        }
        other => {
            return Err(Error::Usage(format!(
                "Invalid disk type '{other}'. Only LUN and Disk are supported."
            )));
        }
    };
    if !args.cache.is_empty() && !matches!(args.cache.as_str(), "none" | "writethrough" | "writeback") {
        return Err(Error::Usage(format!(
            "error adding volume, invalid cache value {}",
            args.cache
        )));
    }
    Ok(HotplugDisk {
        name: String::new(),
        device,
        serial: if args.serial.is_empty() {
            hotplug_name.to_string()
        } else {
            args.serial.clone()
        },
        cache: args.cache.clone(),
    })
}

enum Retry {
    Failed(Error),
    Exhausted,
}

/// Upstream's loop: only the exact concurrent-change error is retried, after `attempt × [0,4]` ms,
/// at most 15 attempts in all.
async fn with_retries<F, Fut>(mut send: F) -> std::result::Result<(), Retry>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    for attempt in 1..=MAX_RETRIES {
        match send().await {
            Ok(()) => return Ok(()),
            Err(e) if e.to_string() == CONCURRENT_ERROR => {
                if attempt < MAX_RETRIES {
                    let jitter = u64::from(std::process::id() ^ attempt) % 5;
                    tokio::time::sleep(Duration::from_millis(u64::from(attempt) * jitter)).await;
                }
            }
            Err(e) => return Err(Retry::Failed(e)),
        }
    }
    Err(Retry::Exhausted)
}

/// The volume's entry in the VMI's `status.volumeStatus`.
fn volume_status<'v>(vmi: &'v Value, name: &str) -> Option<&'v Value> {
    vmi.pointer("/status/volumeStatus")
        .and_then(Value::as_array)?
        .iter()
        .find(|s| s.get("name").and_then(Value::as_str) == Some(name))
}

fn volume_ready(vmi: Option<&Value>, name: &str) -> Progress {
    let Some(vmi) = vmi else {
        return Progress::Failed("the VMI does not exist (is the VM running?)".into());
    };
    match volume_status(vmi, name)
        .and_then(|s| s.get("phase"))
        .and_then(Value::as_str)
    {
        Some("Ready") => Progress::Done,
        Some("Failed") => {
            let message = volume_status(vmi, name)
                .and_then(|s| s.get("message"))
                .and_then(Value::as_str)
                .unwrap_or("the hotplug failed");
            Progress::Failed(message.to_string())
        }
        _ => Progress::Pending,
    }
}

fn volume_gone(vmi: Option<&Value>, name: &str) -> Progress {
    let Some(vmi) = vmi else {
        return Progress::Done;
    };
    let in_spec = vmi
        .pointer("/spec/volumes")
        .and_then(Value::as_array)
        .is_some_and(|vols| vols.iter().any(|v| v.get("name").and_then(Value::as_str) == Some(name)));
    if in_spec || volume_status(vmi, name).is_some() {
        Progress::Pending
    } else {
        Progress::Done
    }
}

/// Waits on the VMI; on timeout the VMI's events are shown, since they say why a volume hangs.
async fn wait_volume(
    api: &Api,
    ns: &str,
    name: &str,
    what: &str,
    timeout: Duration,
    condition: impl Fn(Option<&Value>) -> Progress,
) -> Result<()> {
    match wait::until_vmi(api, ns, name, what, timeout, condition).await {
        Err(e @ Error::Timeout(_)) => Err(e.with_hint(events_summary(api, ns, name).await)),
        other => other,
    }
}

/// The VMI's events on one line, oldest first.
async fn events_summary(api: &Api, ns: &str, name: &str) -> String {
    let events = match api
        .send(resources::events_about(ns, name))
        .await
        .and_then(|r| r.json::<Value>())
    {
        Ok(list) => list.get("items").and_then(Value::as_array).cloned().unwrap_or_default(),
        Err(e) => return format!("cannot read the events of VMI {name}: {e}"),
    };
    if events.is_empty() {
        return format!("there are no events about VMI {name}");
    }
    let field = |e: &Value, key: &str| e.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    let lines: Vec<String> = events
        .iter()
        .map(|e| format!("{} {}: {}", field(e, "type"), field(e, "reason"), field(e, "message")))
        .collect();
    format!("events about VMI {name}: {}", lines.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ready_and_gone_follow_the_volume_status() {
        let vmi = json!({"spec": {"volumes": [{"name": "d1"}]},
            "status": {"volumeStatus": [{"name": "d1", "phase": "MountedToPod"}]}});
        assert_eq!(volume_ready(Some(&vmi), "d1"), Progress::Pending);
        assert_eq!(volume_gone(Some(&vmi), "d1"), Progress::Pending);
        let ready = json!({"status": {"volumeStatus": [{"name": "d1", "phase": "Ready"}]}});
        assert_eq!(volume_ready(Some(&ready), "d1"), Progress::Done);
        assert_eq!(volume_gone(Some(&json!({"status": {}})), "d1"), Progress::Done);
        assert_eq!(volume_gone(None, "d1"), Progress::Done);
        assert!(matches!(volume_ready(None, "d1"), Progress::Failed(_)));
    }
}
