//! `virtctl guestfs PVC`: a pod with the libguestfs-tools image that mounts the PVC, and a shell
//! in it over the pod's `attach` subresource (raw terminal, `Ctrl+]` to leave). Upstream's
//! request sequence and messages; beyond upstream, the pod is labelled as virtctl's and bounded
//! by `activeDeadlineSeconds`, it is deleted on every way out (Ctrl+C and SIGTERM while waiting
//! or attached, a lost connection, an error), a stale pod of an earlier crashed run is offered
//! for deletion instead of blocking the PVC, a VM running on the PVC stops the command unless
//! `--force`, and the terminal's size and resizes reach the shell.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;
use http::Method;
use serde_json::{Map, Value, json};

use crate::cluster::api::{Api, JSON, Request};
use crate::cluster::attach;
use crate::cluster::kubevirt::{self, GuestfsInfo};
use crate::cluster::resources::{PERSISTENT_VOLUME_CLAIMS, PODS, VIRTUAL_MACHINE_INSTANCES, VIRTUAL_MACHINES};
use crate::cluster::wait::{self, Backoff};
use crate::cluster::websocket::{Ended, PumpOptions};
use crate::commands::Positionals;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;
use crate::terminal::{self, ESCAPE, RawMode, Stdin};

const IMAGE_NAME: &str = "libguestfs-tools";
const POD_PREFIX: &str = "libguestfs-tools";
const CONTAINER: &str = "libguestfs";
const KVM_DEVICE: &str = "devices.kubevirt.io/kvm";
const DISK_DIR: &str = "/disk";
const DISK_PATH: &str = "/dev/vda";
/// Upstream gives the containers this long to start.
const START_TIMEOUT: Duration = Duration::from_secs(500);
/// Upstream looks every 5 s; we look sooner first, so a quick start is not kept waiting.
const START_POLL: Backoff = Backoff {
    first: Duration::from_millis(500),
    max: Duration::from_secs(5),
};
/// The label that marks the pod as virtctl's (beyond upstream), and the one naming its PVC.
pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "virtctl");
pub const PVC_LABEL: &str = "guestfs.virtctl.kubevirt.io/pvc";
/// A pod whose client crashed is ended by the cluster after a day at the latest.
pub const ACTIVE_DEADLINE_SECONDS: u64 = 24 * 3600;
const PROMPT_HINT: &str = "If you don't see a command prompt, try pressing enter.";

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl guestfs [flags]",
    long_about = "Create a pod with libguestfs-tools, mount the pvc and attach a shell to it. The pvc is mounted under the /disks directory inside the pod for filesystem-based pvcs, or as /dev/vda for block-based pvcs",
    after_help = "Examples:\n  # Create a pod with libguestfs-tools, mount the pvc and attach a shell to it:\n  virtctl guestfs <pvc-name>"
)]
pub struct GuestfsArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// libguestfs-tools container image
    #[arg(long, default_value = "")]
    pub image: String,
    /// pull policy for the libguestfs image
    #[arg(long = "pull-policy", default_value = "IfNotPresent")]
    pub pull_policy: String,
    /// Use kvm for the libguestfs-tools container
    #[arg(long, default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub kvm: bool,
    /// Set uid 0 for the libguestfs-tool container
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub root: bool,
    /// Set uid for the libguestfs-tool container. It doesn't work with root
    #[arg(long, default_value = "")]
    pub uid: String,
    /// Set gid for the libguestfs-tool container. This works only combined when the uid is manually set
    #[arg(long, default_value = "")]
    pub gid: String,
    /// Set the fsgroup for the libguestfs-tool container
    #[arg(long = "fsGroup", default_value = "")]
    pub fs_group: String,
    /// Provide a VM to apply its scheduling constraints to the libguestfs-tool pod
    #[arg(long, default_value = "")]
    pub vm: String,
    /// Start even while a VM that uses the PVC is running (two writers can corrupt the disk)
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub force: bool,
}

/// The pod's name for a PVC.
pub fn pod_name(pvc: &str) -> String {
    format!("{POD_PREFIX}-{pvc}")
}

pub async fn run(args: GuestfsArgs, ctx: &Ctx) -> Result<()> {
    let pvc = args.args.exactly(1)?[0].clone();
    let cluster = ctx.cluster().await?;
    let (api, ns) = (&cluster.api, cluster.namespace.as_str());
    if !matches!(args.pull_policy.as_str(), "Always" | "Never" | "IfNotPresent") {
        return Err(Error::Usage(format!("Invalid pull policy: {}", args.pull_policy)));
    }
    let image = match args.image.as_str() {
        "" => {
            let info = kubevirt::guestfs_info(api)
                .await
                .map_err(|e| e.context("could not get guestfs image info", ": "))?;
            image_from(&info)?
        }
        image => image.to_string(),
    };
    ctx.out.line(format!("Use image: {image} "))?;
    if get_pvc(api, ns, &pvc).await.is_err() {
        return Err(Error::Other(format!("The PVC {pvc} doesn't exist")));
    }
    check_pvc_free(ctx, api, ns, &pvc).await?;
    if !args.force {
        check_no_running_vm(api, ns, &pvc).await?;
    }
    let block = get_pvc(api, ns, &pvc)
        .await?
        .pointer("/spec/volumeMode")
        .and_then(Value::as_str)
        == Some("Block");

    // From here on the pod is deleted whatever happens, Ctrl+C and SIGTERM included.
    let pod = pod_name(&pvc);
    let outcome = tokio::select! {
        outcome = create_and_attach(ctx, api, ns, &pvc, &image, block, &args) => outcome,
        _ = terminal::terminated() => Err(Error::Other("interrupted".into())),
    };
    delete_pod(ctx, api, ns, &pod, outcome.is_ok()).await;
    outcome
}

/// The image named by virt-api's answer, by upstream's rules.
pub fn image_from(info: &GuestfsInfo) -> Result<String> {
    if !info.gs_image.is_empty() {
        return Ok(info.gs_image.clone());
    }
    let name = format!("{}{IMAGE_NAME}", info.image_prefix);
    let name = if !info.digest.is_empty() {
        format!("{name}@{}", info.digest)
    } else if !info.tag.is_empty() {
        format!("{name}:{}", info.tag)
    } else {
        return Err(Error::Other(
            "Neither the digest nor the tag for the image has been specified".into(),
        ));
    };
    Ok(match info.registry.as_str() {
        "" => name,
        registry => format!("{registry}/{name}"),
    })
}

async fn get_pvc(api: &Api, ns: &str, pvc: &str) -> Result<Value> {
    let request = Request::get(PERSISTENT_VOLUME_CLAIMS.object(Some(ns), pvc)).resource("persistentvolumeclaims", pvc);
    api.send(request).await?.json()
}

/// Upstream's in-use check (any pod, in any phase, with the claim); a pod that is our own from an
/// earlier run is offered for deletion instead.
async fn check_pvc_free(ctx: &Ctx, api: &Api, ns: &str, pvc: &str) -> Result<()> {
    let pods: Value = api.send(Request::get(PODS.collection(Some(ns)))).await?.json()?;
    let users: Vec<&Value> = pods["items"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|pod| mounts(pod, pvc))
        .collect();
    let in_use = || Error::Other(format!("PVC {pvc} is used by another pod"));
    match users.as_slice() {
        [] => Ok(()),
        [pod] if is_own_pod(pod, pvc) => offer_stale_deletion(ctx, api, ns, pvc, pod).await,
        _ => Err(in_use()),
    }
}

fn mounts(pod: &Value, pvc: &str) -> bool {
    pod.pointer("/spec/volumes")
        .and_then(Value::as_array)
        .is_some_and(|vs| {
            vs.iter()
                .any(|v| v.pointer("/persistentVolumeClaim/claimName") == Some(&json!(pvc)))
        })
}

/// A pod of an earlier `virtctl guestfs` on this PVC.
fn is_own_pod(pod: &Value, pvc: &str) -> bool {
    pod.pointer("/metadata/name") == Some(&json!(pod_name(pvc)))
        && pod.pointer(&format!("/metadata/labels/{}", MANAGED_BY.0.replace('/', "~1"))) == Some(&json!(MANAGED_BY.1))
}

/// Asks (on a terminal) whether to delete our own stale pod, and waits until it is gone.
async fn offer_stale_deletion(ctx: &Ctx, api: &Api, ns: &str, pvc: &str, pod: &Value) -> Result<()> {
    let name = pod.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    let phase = pod
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("Unknown");
    let left = format!("pod {name} ({phase}) was left by an earlier virtctl guestfs that did not end cleanly");
    if !std::io::stdin().is_terminal() {
        return Err(Error::Other(format!("PVC {pvc} is used by another pod")).with_hint(format!(
            "{left}: delete it with `kubectl delete pod -n {ns} {name}`, or run again in a terminal to be offered to"
        )));
    }
    ctx.out.note(format!("{left}. Delete it and go on? [y/N]"));
    let answer = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await
    .map_err(|e| Error::Other(e.to_string()))??;
    if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
        return Err(Error::Other(format!("PVC {pvc} is used by another pod")));
    }
    send_delete(api, ns, name).await?;
    let gone = wait::poll(Duration::from_secs(60), START_POLL, || async {
        match api.send(pod_get(ns, name)).await {
            Err(e) if e.api().is_some_and(|a| a.is_not_found()) => Ok(true),
            Err(e) => Err(e),
            Ok(_) => Ok(false),
        }
    })
    .await?;
    if !gone {
        return Err(Error::Timeout(format!(
            "pod {name} is still there a minute after its deletion"
        )));
    }
    ctx.out.note(format!("Deleted pod {name}"));
    Ok(())
}

/// Refuses while a VMI that uses the PVC runs (a second writer corrupts the disk). Without the
/// right to list VMIs, or without KubeVirt's API, there is nothing to check.
async fn check_no_running_vm(api: &Api, ns: &str, pvc: &str) -> Result<()> {
    let vmis: Value = match api
        .send(Request::get(VIRTUAL_MACHINE_INSTANCES.collection(Some(ns))))
        .await
    {
        Ok(response) => response.json()?,
        Err(e) if e.api().is_some_and(|a| matches!(a.code, 403 | 404)) => return Ok(()),
        Err(e) => return Err(e),
    };
    let empty = Vec::new();
    let running = vmis["items"].as_array().unwrap_or(&empty).iter().find(|vmi| {
        let phase = vmi.pointer("/status/phase").and_then(Value::as_str).unwrap_or("");
        !matches!(phase, "Succeeded" | "Failed") && uses_claim(vmi, pvc)
    });
    match running {
        None => Ok(()),
        Some(vmi) => {
            let name = vmi.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
            Err(Error::Other(format!(
                "VM {name} is running and uses PVC {pvc}: two writers corrupt the disk"
            ))
            .with_hint(format!("stop it first (virtctl stop {name}), or pass --force")))
        }
    }
}

/// Whether a VMI's volumes name the claim, directly or as a DataVolume.
fn uses_claim(vmi: &Value, pvc: &str) -> bool {
    vmi.pointer("/spec/volumes")
        .and_then(Value::as_array)
        .is_some_and(|vs| {
            vs.iter().any(|v| {
                v.pointer("/persistentVolumeClaim/claimName") == Some(&json!(pvc))
                    || v.pointer("/dataVolume/name") == Some(&json!(pvc))
            })
        })
}

/// What a pod is made of, once the flags are checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PodPlan {
    pub pvc: String,
    pub image: String,
    pub pull_policy: String,
    pub kvm: bool,
    pub root: bool,
    pub uid: Option<i64>,
    pub gid: Option<i64>,
    pub fs_group: Option<i64>,
    pub block: bool,
    /// copied from `--vm`: labels, nodeSelector, tolerations, affinity
    pub scheduling: Scheduling,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scheduling {
    pub labels: Option<Value>,
    pub node_selector: Option<Value>,
    pub tolerations: Option<Value>,
    pub affinity: Option<Value>,
}

impl Scheduling {
    /// The VM template's scheduling constraints (empty maps and lists count as absent, as Go's
    /// `omitempty` has them).
    pub fn from_vm(vm: &Value) -> Scheduling {
        let take = |pointer: &str| {
            vm.pointer(pointer)
                .filter(|v| match v {
                    Value::Null => false,
                    Value::Object(m) => !m.is_empty(),
                    Value::Array(a) => !a.is_empty(),
                    _ => true,
                })
                .cloned()
        };
        Scheduling {
            labels: take("/spec/template/metadata/labels"),
            node_selector: take("/spec/template/spec/nodeSelector"),
            tolerations: take("/spec/template/spec/tolerations"),
            affinity: vm
                .pointer("/spec/template/spec/affinity")
                .filter(|v| !v.is_null())
                .cloned(),
        }
    }
}

/// Upstream's uid/gid/fsGroup rules, in its order.
pub fn ids(root: bool, uid: &str, gid: &str, fs_group: &str) -> Result<(Option<i64>, Option<i64>, Option<i64>)> {
    let parse = |v: &str| {
        v.parse::<i64>().map_err(|_| {
            Error::Usage(format!(
                "strconv.ParseInt: parsing {}: invalid syntax",
                crate::error::go_quote(v)
            ))
        })
    };
    let uid_flag = uid;
    let uid = match (root, uid) {
        (true, "") => Some(0),
        (true, _) => return Err(Error::Usage("cannot set uid if root is true".into())),
        (false, "") => None,
        (false, v) => Some(parse(v)?),
    };
    // The flag, not the uid root implies (upstream compares the strings).
    if !gid.is_empty() && uid_flag.is_empty() {
        return Err(Error::Usage("gid requires the uid to be set".into()));
    }
    let gid = match (root, gid) {
        (true, "") => Some(0),
        (true, _) => return Err(Error::Usage("cannot set gid id with root".into())),
        (false, "") => None,
        (false, v) => Some(parse(v)?),
    };
    let fs_group = match (root, fs_group) {
        (true, "") => Some(0),
        (true, _) => return Err(Error::Usage("cannot set fsGroup id with root".into())),
        (false, "") => None,
        (false, v) => Some(parse(v)?),
    };
    Ok((uid, gid, fs_group))
}

/// The pod of §3.14, field by field in client-go's order, plus virtctl's labels and deadline.
pub fn pod_body(plan: &PodPlan) -> Value {
    let mut labels = match &plan.scheduling.labels {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    labels.insert(MANAGED_BY.0.into(), json!(MANAGED_BY.1));
    // A label value holds at most 63 characters; a longer PVC name is known by the pod's name.
    if plan.pvc.len() <= 63 {
        labels.insert(PVC_LABEL.into(), json!(plan.pvc));
    }
    let mut mounts = vec![
        json!({"name": "libguestfs-tmp-dir", "mountPath": "/tmp/guestfs"}),
        json!({"name": "guestfs", "mountPath": "/home/guestfs"}),
    ];
    let mut container = Map::new();
    container.insert("name".into(), json!(CONTAINER));
    container.insert("image".into(), json!(plan.image));
    container.insert("command".into(), json!(["/entrypoint.sh"]));
    if !plan.block {
        container.insert("workingDir".into(), json!(DISK_DIR));
        mounts.push(json!({"name": "volume", "mountPath": DISK_DIR}));
    }
    container.insert(
        "env".into(),
        json!([
            {"name": "LIBGUESTFS_BACKEND", "value": "direct"},
            {"name": "LIBGUESTFS_PATH", "value": "/usr/local/lib/guestfs/appliance"},
            {"name": "LIBGUESTFS_TMPDIR", "value": "/tmp/guestfs"},
            {"name": "HOME", "value": "/home/guestfs"}
        ]),
    );
    container.insert(
        "resources".into(),
        if plan.kvm {
            json!({"limits": {KVM_DEVICE: "1"}})
        } else {
            json!({})
        },
    );
    container.insert("volumeMounts".into(), json!(mounts));
    if plan.block {
        container.insert(
            "volumeDevices".into(),
            json!([{"name": "volume", "devicePath": DISK_PATH}]),
        );
    }
    container.insert("imagePullPolicy".into(), json!(plan.pull_policy));
    container.insert(
        "securityContext".into(),
        json!({"capabilities": {"drop": ["ALL"]}, "allowPrivilegeEscalation": false}),
    );
    container.insert("stdin".into(), json!(true));
    container.insert("tty".into(), json!(true));

    let mut security = Map::new();
    if let Some(uid) = plan.uid {
        security.insert("runAsUser".into(), json!(uid));
    }
    if let Some(gid) = plan.gid {
        security.insert("runAsGroup".into(), json!(gid));
    }
    security.insert("runAsNonRoot".into(), json!(!plan.root));
    if let Some(fs_group) = plan.fs_group {
        security.insert("fsGroup".into(), json!(fs_group));
    }
    security.insert("seccompProfile".into(), json!({"type": "RuntimeDefault"}));

    let mut spec = Map::new();
    spec.insert(
        "volumes".into(),
        json!([
            {"name": "volume", "persistentVolumeClaim": {"claimName": plan.pvc}},
            {"name": "libguestfs-tmp-dir", "emptyDir": {}},
            {"name": "guestfs", "emptyDir": {}}
        ]),
    );
    spec.insert("containers".into(), json!([container]));
    spec.insert("restartPolicy".into(), json!("Never"));
    spec.insert("activeDeadlineSeconds".into(), json!(ACTIVE_DEADLINE_SECONDS));
    if let Some(selector) = &plan.scheduling.node_selector {
        spec.insert("nodeSelector".into(), selector.clone());
    }
    spec.insert("securityContext".into(), Value::Object(security));
    if let Some(affinity) = &plan.scheduling.affinity {
        spec.insert("affinity".into(), affinity.clone());
    }
    if let Some(tolerations) = &plan.scheduling.tolerations {
        spec.insert("tolerations".into(), tolerations.clone());
    }
    json!({
        "kind": "Pod",
        "apiVersion": "v1",
        "metadata": {"name": pod_name(&plan.pvc), "labels": labels},
        "spec": spec,
    })
}

fn pod_get(ns: &str, name: &str) -> Request {
    Request::get(PODS.object(Some(ns), name)).resource("pods", name)
}

/// Steps 8–12: the VM's constraints, the id checks, the pod, the wait and the session.
async fn create_and_attach(
    ctx: &Ctx,
    api: &Api,
    ns: &str,
    pvc: &str,
    image: &str,
    block: bool,
    args: &GuestfsArgs,
) -> Result<()> {
    let scheduling = match args.vm.as_str() {
        "" => Scheduling::default(),
        vm => {
            let request = Request::get(VIRTUAL_MACHINES.object(Some(ns), vm)).resource("virtualmachines", vm);
            Scheduling::from_vm(&api.send(request).await?.json()?)
        }
    };
    let (uid, gid, fs_group) = ids(args.root, &args.uid, &args.gid, &args.fs_group)?;
    let plan = PodPlan {
        pvc: pvc.to_string(),
        image: image.to_string(),
        pull_policy: args.pull_policy.clone(),
        kvm: args.kvm,
        root: args.root,
        uid,
        gid,
        fs_group,
        block,
        scheduling,
    };
    ctx.out.line(format!(
        "The PVC has been mounted at {} ",
        if block { DISK_PATH } else { DISK_DIR }
    ))?;
    let body = serde_json::to_vec(&pod_body(&plan)).map_err(|e| Error::Other(e.to_string()))?;
    let pod = pod_name(pvc);
    api.send(
        Request::new(Method::POST, PODS.collection(Some(ns)))
            .body(body, JSON)
            .resource("pods", &pod),
    )
    .await?;
    wait_running(ctx, api, ns, &pod).await?;
    session(ctx, api, ns, &pod).await
}

/// Step 11: until the pod runs, telling which containers still wait and why.
async fn wait_running(ctx: &Ctx, api: &Api, ns: &str, pod: &str) -> Result<()> {
    let running = wait::poll(START_TIMEOUT, START_POLL, || async {
        let obj: Value = match api.send(pod_get(ns, pod)).await.and_then(|r| r.json()) {
            Ok(obj) => obj,
            Err(e) => return Err(Error::Other(format!("Pod is not in running state but got {e}"))),
        };
        match obj.pointer("/status/phase").and_then(Value::as_str).unwrap_or("") {
            "Running" => return Ok(true),
            "Pending" => {}
            other => return Err(Error::Other(format!("Pod is not in running state but got {other}"))),
        }
        for line in pending_lines(&obj) {
            ctx.out.line(line)?;
        }
        Ok(false)
    })
    .await?;
    if !running {
        return Err(Error::Timeout(format!(
            "timeout in waiting for the containers to be started in pod {pod}"
        )));
    }
    Ok(())
}

/// Upstream's line for each container still waiting.
pub fn pending_lines(pod: &Value) -> Vec<String> {
    let empty = Vec::new();
    pod.pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .filter_map(|c| {
            let waiting = c.pointer("/state/waiting")?;
            let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_string();
            Some(format!(
                "Waiting for container {} still in pending, reason: {}, message: {} ",
                text(c, "name"),
                text(waiting, "reason"),
                text(waiting, "message")
            ))
        })
        .collect()
}

/// Step 12: the shell, with the local terminal raw until it ends.
async fn session(ctx: &Ctx, api: &Api, ns: &str, pod: &str) -> Result<()> {
    let attached = attach::dial(api, &attach::attach_uri(ns, pod, CONTAINER)).await?;
    let raw = RawMode::enable().map_err(|e| Error::Other(format!("Make raw terminal failed: {e}")))?;
    ctx.out
        .note(format!("{PROMPT_HINT}{}", if raw.is_active() { "\r" } else { "" }));
    let options = PumpOptions {
        chunk: 1024,
        escape: Some(ESCAPE),
        ..PumpOptions::default()
    };
    let ended = attach::pump(
        attached,
        Stdin::spawn(options.chunk),
        tokio::io::stdout(),
        terminal::size_changes(),
        &options,
    )
    .await;
    raw.finish(|line| ctx.out.note(line));
    match ended {
        Ended::Dropped => Err(Error::Other(crate::cluster::websocket::ABNORMAL_CLOSURE.to_string())),
        other => other.into_result().map_err(Error::Other),
    }
}

async fn send_delete(api: &Api, ns: &str, pod: &str) -> Result<()> {
    let body = br#"{"kind":"DeleteOptions","apiVersion":"v1"}"#.to_vec();
    api.send(
        Request::delete(PODS.object(Some(ns), pod))
            .body(body, JSON)
            .resource("pods", pod),
    )
    .await
    .map(|_| ())
}

/// Step 13: the pod goes. Upstream ignores the result; we say when it stays behind.
async fn delete_pod(ctx: &Ctx, api: &Api, ns: &str, pod: &str, quiet: bool) {
    match send_delete(api, ns, pod).await {
        Ok(()) => {
            if !quiet {
                ctx.out.note(format!("Deleted pod {pod}"));
            }
        }
        Err(e) if e.api().is_some_and(|a| a.is_not_found()) => {}
        Err(e) => ctx.out.note(format!(
            "could not delete pod {pod}: {e}; delete it with `kubectl delete pod -n {ns} {pod}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> PodPlan {
        PodPlan {
            pvc: "disk".into(),
            image: "quay.io/kubevirt/libguestfs-tools:v1.8.0".into(),
            pull_policy: "IfNotPresent".into(),
            kvm: true,
            root: false,
            uid: None,
            gid: None,
            fs_group: None,
            block: false,
            scheduling: Scheduling::default(),
        }
    }

    #[test]
    fn images_follow_virt_apis_answer() {
        let info = |registry: &str, tag: &str, digest: &str, prefix: &str, gs: &str| GuestfsInfo {
            registry: registry.into(),
            tag: tag.into(),
            digest: digest.into(),
            image_prefix: prefix.into(),
            gs_image: gs.into(),
        };
        assert_eq!(
            image_from(&info("quay.io/kubevirt", "v1.8.0", "", "", "")).unwrap(),
            "quay.io/kubevirt/libguestfs-tools:v1.8.0"
        );
        assert_eq!(
            image_from(&info("quay.io/kubevirt", "v1.8.0", "", "pre-", "")).unwrap(),
            "quay.io/kubevirt/pre-libguestfs-tools:v1.8.0"
        );
        assert_eq!(
            image_from(&info("r", "v1", "sha256:ab", "", "")).unwrap(),
            "r/libguestfs-tools@sha256:ab"
        );
        assert_eq!(image_from(&info("", "v1", "", "", "")).unwrap(), "libguestfs-tools:v1");
        assert_eq!(image_from(&info("r", "v1", "", "", "my/img:1")).unwrap(), "my/img:1");
        assert_eq!(
            image_from(&info("r", "", "", "", "")).unwrap_err().to_string(),
            "Neither the digest nor the tag for the image has been specified"
        );
    }

    #[test]
    fn id_rules_are_upstreams() {
        assert_eq!(ids(false, "", "", "").unwrap(), (None, None, None));
        assert_eq!(ids(true, "", "", "").unwrap(), (Some(0), Some(0), Some(0)));
        assert_eq!(ids(false, "10", "20", "30").unwrap(), (Some(10), Some(20), Some(30)));
        let err = |root, uid, gid, fs| ids(root, uid, gid, fs).unwrap_err().to_string();
        assert_eq!(err(true, "1", "", ""), "cannot set uid if root is true");
        assert_eq!(err(false, "", "1", ""), "gid requires the uid to be set");
        assert_eq!(err(true, "", "1", ""), "gid requires the uid to be set");
        assert_eq!(err(true, "", "", "1"), "cannot set fsGroup id with root");
        assert_eq!(
            err(false, "x", "", ""),
            "strconv.ParseInt: parsing \"x\": invalid syntax"
        );
    }

    #[test]
    fn the_filesystem_pod_is_the_specs() {
        let body = pod_body(&plan());
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(
            text,
            r#"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"libguestfs-tools-disk","labels":{"app.kubernetes.io/managed-by":"virtctl","guestfs.virtctl.kubevirt.io/pvc":"disk"}},"spec":{"volumes":[{"name":"volume","persistentVolumeClaim":{"claimName":"disk"}},{"name":"libguestfs-tmp-dir","emptyDir":{}},{"name":"guestfs","emptyDir":{}}],"containers":[{"name":"libguestfs","image":"quay.io/kubevirt/libguestfs-tools:v1.8.0","command":["/entrypoint.sh"],"workingDir":"/disk","env":[{"name":"LIBGUESTFS_BACKEND","value":"direct"},{"name":"LIBGUESTFS_PATH","value":"/usr/local/lib/guestfs/appliance"},{"name":"LIBGUESTFS_TMPDIR","value":"/tmp/guestfs"},{"name":"HOME","value":"/home/guestfs"}],"resources":{"limits":{"devices.kubevirt.io/kvm":"1"}},"volumeMounts":[{"name":"libguestfs-tmp-dir","mountPath":"/tmp/guestfs"},{"name":"guestfs","mountPath":"/home/guestfs"},{"name":"volume","mountPath":"/disk"}],"imagePullPolicy":"IfNotPresent","securityContext":{"capabilities":{"drop":["ALL"]},"allowPrivilegeEscalation":false},"stdin":true,"tty":true}],"restartPolicy":"Never","activeDeadlineSeconds":86400,"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}}}"#
        );
    }

    #[test]
    fn a_long_pvc_name_gets_no_pvc_label() {
        let mut p = plan();
        p.pvc = "d".repeat(64);
        let body = pod_body(&p);
        assert!(
            body.pointer("/metadata/labels/guestfs.virtctl.kubevirt.io~1pvc")
                .is_none()
        );
        assert_eq!(body["metadata"]["labels"]["app.kubernetes.io/managed-by"], "virtctl");
    }

    #[test]
    fn waiting_containers_are_told() {
        let pod = json!({"status": {"containerStatuses": [
            {"name": "libguestfs", "state": {"waiting": {"reason": "ContainerCreating"}}},
            {"name": "other", "state": {"running": {}}}]}});
        assert_eq!(
            pending_lines(&pod),
            ["Waiting for container libguestfs still in pending, reason: ContainerCreating, message:  "]
        );
    }
}
