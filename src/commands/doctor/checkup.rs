//! `virtctl doctor checkup`: OpenShift Virtualization's cluster checkup framework (kiagnose: a Job
//! that runs the checkup image and writes its verdict into a ConfigMap). `vm-latency`
//! checks its inputs, says what it will create, creates the service account, RBAC, input
//! ConfigMap and Job, waits for the Job, reports the `status.*` keys the checkup image wrote, and
//! removes what it created (also on timeout and Ctrl-C), naming anything it could not remove.
//! `status` reports the result held in any checkup ConfigMap. The only part of doctor that writes.

use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::facts::{array, str_at};
use super::model::{Component, Finding, Outcome, SkipCode, Status};
use super::object::Object;
use super::report;
use crate::cluster::api::{Api, JSON, Request};
use crate::cluster::resources;
use crate::cluster::wait::{self, Progress};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_duration;
use crate::output::ReportFormat;

const SERVICE_ACCOUNT: &str = "vm-latency-checkup-sa";
const CHECKER_ROLE: &str = "kubevirt-vm-latency-checker";
const CONFIGMAP_ROLE: &str = "kiagnose-configmap-access";
const CONFIGMAP: &str = "kubevirt-vm-latency-checkup-config";
const JOB: &str = "kubevirt-vm-latency-checkup";
const IMAGE_REPOSITORY: &str = "registry.redhat.io/container-native-virtualization/vm-network-latency-checkup";
/// The seed waits 6m for a 5m checkup: the image needs time beyond its own timeout to report.
const WAIT_GRACE: Duration = Duration::from_secs(60);
/// Log lines of a failed checkup's pod shown in the report.
const LOG_TAIL_LINES: usize = 3;

#[derive(Subcommand, Debug, Clone)]
pub enum CheckupCommand {
    /// Measure the network latency between two VMs on a secondary network (creates objects in -n NS).
    #[command(name = "vm-latency")]
    VmLatency(VmLatencyArgs),
    /// Print the result stored in a checkup ConfigMap.
    Status(StatusArgs),
}

/// The VM latency checkup of OpenShift Virtualization's checkup framework.
#[derive(Args, Debug, Clone)]
pub struct VmLatencyArgs {
    /// The NetworkAttachmentDefinition the two VMs attach to.
    #[arg(long, value_name = "NAME")]
    pub nad: String,
    /// Namespace of the NetworkAttachmentDefinition (default: the checkup's namespace).
    #[arg(long, value_name = "NS")]
    pub nad_namespace: Option<String>,
    /// Highest acceptable latency; above it the checkup fails (whole milliseconds).
    #[arg(long, default_value = "10ms", value_parser = parse_duration, value_name = "DURATION")]
    pub max_latency: Duration,
    /// How long latency is sampled (whole seconds).
    #[arg(long, default_value = "5s", value_parser = parse_duration, value_name = "DURATION")]
    pub sample_duration: Duration,
    /// Node of the first VM (needs --target-node).
    #[arg(long, value_name = "NODE")]
    pub source_node: Option<String>,
    /// Node of the second VM (needs --source-node).
    #[arg(long, value_name = "NODE")]
    pub target_node: Option<String>,
    /// The checkup's own time limit (doctor waits one minute longer).
    #[arg(long, default_value = "5m", value_parser = parse_duration, value_name = "DURATION")]
    pub checkup_timeout: Duration,
    /// The checkup image (default on OpenShift: the one matching the OpenShift Virtualization version).
    #[arg(long, value_name = "IMAGE")]
    pub image: Option<String>,
    /// Leave the Job, ConfigMap and RBAC objects in place afterwards.
    #[arg(long)]
    pub keep: bool,
    /// Print the manifests that would be created and stop.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub format: ReportFormat,
}

/// Reads a checkup ConfigMap.
#[derive(Args, Debug, Clone)]
pub struct StatusArgs {
    /// The checkup ConfigMap.
    #[arg(default_value = CONFIGMAP)]
    pub name: String,
    #[command(flatten)]
    pub format: ReportFormat,
}

pub async fn run(command: CheckupCommand, ctx: &Ctx) -> Result<u8> {
    match command {
        CheckupCommand::VmLatency(args) => vm_latency(args, ctx).await,
        CheckupCommand::Status(args) => status(args, ctx).await,
    }
}

/// Validated inputs of one vm-latency run.
#[derive(Debug, Clone, PartialEq)]
struct Plan {
    namespace: String,
    nad: String,
    nad_namespace: String,
    max_latency_ms: u64,
    sample_secs: u64,
    source_node: String,
    target_node: String,
    timeout: Duration,
    image: String,
}

fn whole(d: Duration, unit: Duration, flag: &str, unit_name: &str) -> Result<u64> {
    let n = d.as_nanos() / unit.as_nanos();
    if n == 0 || !d.as_nanos().is_multiple_of(unit.as_nanos()) {
        return Err(Error::Usage(format!(
            "{flag} must be a positive whole number of {unit_name}"
        )));
    }
    Ok(n as u64)
}

/// A Go duration text (`5m`, `90s`) that the checkup image parses.
fn go_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs.is_multiple_of(60) {
        format!("{}m", secs / 60)
    } else {
        format!("{secs}s")
    }
}

impl Plan {
    fn manifests(&self) -> Vec<Value> {
        let ns = &self.namespace;
        let binding = |name: &str| {
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                   "metadata": {"name": name, "namespace": ns},
                   "subjects": [{"kind": "ServiceAccount", "name": SERVICE_ACCOUNT, "namespace": ns}],
                   "roleRef": {"kind": "Role", "name": name, "apiGroup": "rbac.authorization.k8s.io"}})
        };
        vec![
            json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": SERVICE_ACCOUNT, "namespace": ns}}),
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                   "metadata": {"name": CHECKER_ROLE, "namespace": ns},
                   "rules": [
                       {"apiGroups": ["kubevirt.io"], "resources": ["virtualmachineinstances"], "verbs": ["get", "create", "delete"]},
                       {"apiGroups": ["subresources.kubevirt.io"], "resources": ["virtualmachineinstances/console"], "verbs": ["get"]},
                       {"apiGroups": ["k8s.cni.cncf.io"], "resources": ["network-attachment-definitions"], "verbs": ["get"]}]}),
            binding(CHECKER_ROLE),
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                   "metadata": {"name": CONFIGMAP_ROLE, "namespace": ns},
                   "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "update"]}]}),
            binding(CONFIGMAP_ROLE),
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": CONFIGMAP, "namespace": ns},
                   "data": {
                       "spec.timeout": go_duration(self.timeout),
                       "spec.param.network_attachment_definition_namespace": self.nad_namespace,
                       "spec.param.network_attachment_definition_name": self.nad,
                       "spec.param.max_desired_latency_milliseconds": self.max_latency_ms.to_string(),
                       "spec.param.sample_duration_seconds": self.sample_secs.to_string(),
                       "spec.param.source_node": self.source_node,
                       "spec.param.target_node": self.target_node}}),
            json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": JOB, "namespace": ns},
                   "spec": {"backoffLimit": 0, "template": {"spec": {
                       "serviceAccountName": SERVICE_ACCOUNT,
                       "restartPolicy": "Never",
                       "containers": [{
                           "name": "vm-latency-checkup",
                           "image": self.image,
                           "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]},
                                               "runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
                           "env": [{"name": "CONFIGMAP_NAMESPACE", "value": ns}, {"name": "CONFIGMAP_NAME", "value": CONFIGMAP}]}]}}}}),
        ]
    }
}

/// The collection an object of a manifest is created in (every manifest is namespaced).
fn collection_of(manifest: &Value) -> String {
    let resource = match manifest_str(manifest, "kind") {
        "ServiceAccount" => &resources::SERVICE_ACCOUNTS,
        "Role" => &resources::ROLES,
        "RoleBinding" => &resources::ROLE_BINDINGS,
        "ConfigMap" => &resources::CONFIG_MAPS,
        _ => &resources::JOBS,
    };
    resource.collection(Some(manifest_str(&manifest["metadata"], "namespace")))
}

/// A string field of a manifest this command wrote ("" when absent).
fn manifest_str<'a>(manifest: &'a Value, key: &str) -> &'a str {
    manifest[key].as_str().unwrap_or("")
}

fn describe(manifest: &Value) -> String {
    format!(
        "{} {}",
        manifest_str(manifest, "kind"),
        manifest_str(&manifest["metadata"], "name")
    )
}

async fn get_optional(api: &Api, path: String) -> Result<Option<Object>> {
    match api.send(Request::get(path)).await {
        Ok(r) => Ok(Some(r.json()?)),
        Err(e) if e.api().is_some_and(|a| a.code == 404) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The default image: OpenShift's, for the installed OpenShift Virtualization version.
async fn default_image(api: &Api) -> Option<String> {
    get_optional(api, resources::CLUSTER_VERSIONS.object(None, "version"))
        .await
        .ok()
        .flatten()?;
    let list = get_optional(api, resources::HYPER_CONVERGEDS.collection(None))
        .await
        .ok()
        .flatten()?;
    let version = array(&list, "/items")
        .iter()
        .flat_map(|h| array(h, "/status/versions"))
        .find(|v| str_at(v, "/name") == "operator")
        .map(|v| str_at(v, "/version").to_string())
        .filter(|v| !v.is_empty())?;
    Some(format!("{IMAGE_REPOSITORY}:v{version}"))
}

async fn plan(args: &VmLatencyArgs, api: &Api, namespace: &str) -> Result<Plan> {
    let nad_namespace = args.nad_namespace.clone().unwrap_or_else(|| namespace.to_string());
    let plan = Plan {
        namespace: namespace.to_string(),
        nad: args.nad.clone(),
        max_latency_ms: whole(
            args.max_latency,
            Duration::from_millis(1),
            "--max-latency",
            "milliseconds",
        )?,
        sample_secs: whole(
            args.sample_duration,
            Duration::from_secs(1),
            "--sample-duration",
            "seconds",
        )?,
        source_node: args.source_node.clone().unwrap_or_default(),
        target_node: args.target_node.clone().unwrap_or_default(),
        timeout: Duration::from_secs(whole(
            args.checkup_timeout,
            Duration::from_secs(1),
            "--checkup-timeout",
            "seconds",
        )?),
        image: String::new(),
        nad_namespace,
    };
    if plan.source_node.is_empty() != plan.target_node.is_empty() {
        return Err(Error::Usage(
            "--source-node and --target-node go together: give both or neither".into(),
        ));
    }
    let nad_path = resources::NETWORK_ATTACHMENT_DEFINITIONS.object(Some(&plan.nad_namespace), &plan.nad);
    if get_optional(api, nad_path).await?.is_none() {
        return Err(Error::Usage(format!(
            "NetworkAttachmentDefinition {}/{} not found: the checkup needs it to attach its VMs",
            plan.nad_namespace, plan.nad
        )));
    }
    let nodes: Object = api
        .send(Request::get(resources::NODES.collection(None)))
        .await?
        .json()?;
    let workers: Vec<&str> = array(&nodes, "/items")
        .iter()
        .filter(|n| n.pointer("/metadata/labels/node-role.kubernetes.io~1worker").is_some())
        .filter(|n| n.pointer("/spec/unschedulable").and_then(Object::as_bool) != Some(true))
        .map(|n| str_at(n, "/metadata/name"))
        .collect();
    if workers.len() < 2 {
        return Err(Error::Usage(format!(
            "the checkup needs at least two schedulable worker nodes, found {}",
            workers.len()
        )));
    }
    for node in [&plan.source_node, &plan.target_node]
        .into_iter()
        .filter(|n| !n.is_empty())
    {
        if !workers.contains(&node.as_str()) {
            return Err(Error::Usage(format!("node {node:?} is not a schedulable worker node")));
        }
    }
    let image = match &args.image {
        Some(image) => image.clone(),
        None => default_image(api).await.ok_or_else(|| {
            Error::Usage(
                "no checkup image known: pass --image (the OpenShift Virtualization version could not be read)".into(),
            )
        })?,
    };
    Ok(Plan { image, ..plan })
}

/// What doctor created, in creation order, so cleanup can undo it in reverse.
#[derive(Default)]
struct Created(Vec<Value>);

async fn create_all(api: &Api, plan: &Plan, created: &mut Created, ctx: &Ctx) -> Result<()> {
    for manifest in plan.manifests() {
        let path = collection_of(&manifest);
        let body = serde_json::to_vec(&manifest).map_err(|e| Error::Other(e.to_string()))?;
        match api.send(Request::new(http::Method::POST, &path).body(body, JSON)).await {
            Ok(_) => created.0.push(manifest),
            // The RBAC objects outlive earlier runs on purpose (the seed applies them once).
            Err(e)
                if e.api().is_some_and(|a| a.code == 409)
                    && !matches!(manifest_str(&manifest, "kind"), "ConfigMap" | "Job") =>
            {
                ctx.out
                    .note(format!("{} already exists; using it", describe(&manifest)));
            }
            Err(e) if e.api().is_some_and(|a| a.code == 409) => {
                return Err(Error::Usage(format!(
                    "{} already exists in namespace {}: another checkup is running or was kept (see `virtctl doctor checkup status -n {}`; delete it to start over)",
                    describe(&manifest),
                    plan.namespace,
                    plan.namespace
                )));
            }
            Err(e) => return Err(e.context(format!("cannot create {}", describe(&manifest)), ": ")),
        }
    }
    Ok(())
}

/// Removes what was created, newest first; returns what could not be removed.
async fn cleanup(api: &Api, created: &Created) -> Vec<String> {
    let mut left = Vec::new();
    for manifest in created.0.iter().rev() {
        let name = manifest_str(&manifest["metadata"], "name");
        let path = format!("{}/{name}", collection_of(manifest));
        let request = Request::delete(path).body(br#"{"propagationPolicy":"Background"}"#.to_vec(), JSON);
        match api.send(request).await {
            Ok(_) => {}
            Err(e) if e.api().is_some_and(|a| a.code == 404) => {}
            Err(e) => left.push(format!("{} ({e})", describe(manifest))),
        }
    }
    left
}

fn job_progress(job: Option<&Object>) -> Progress {
    let Some(job) = job else {
        return Progress::Failed("the Job was deleted".into());
    };
    let done = array(job, "/status/conditions")
        .iter()
        .any(|c| matches!(str_at(c, "/type"), "Complete" | "Failed") && str_at(c, "/status") == "True");
    if done { Progress::Done } else { Progress::Pending }
}

/// The last lines of the checkup pod's log.
async fn log_tail(api: &Api, namespace: &str) -> Vec<String> {
    let request =
        Request::get(resources::PODS.collection(Some(namespace))).query("labelSelector", &format!("job-name={JOB}"));
    let Ok(pods) = api.send(request).await.and_then(|r| r.json::<Object>()) else {
        return Vec::new();
    };
    let Some(pod) = array(&pods, "/items").first() else {
        return Vec::new();
    };
    let request = resources::pod_log(namespace, str_at(pod, "/metadata/name"), None)
        .query("tailLines", &LOG_TAIL_LINES.to_string())
        .query("limitBytes", "65536");
    match api.send(request).await {
        Ok(r) => excerpt(&String::from_utf8_lossy(&r.body)),
        Err(_) => Vec::new(),
    }
}

/// At most three log lines of at most 200 characters: enough to say why, short enough for a
/// report line (the same bound as the log-scan excerpts).
fn excerpt(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(LOG_TAIL_LINES)..]
        .iter()
        .map(|l| l.chars().take(200).collect())
        .collect()
}

async fn vm_latency(args: VmLatencyArgs, ctx: &Ctx) -> Result<u8> {
    let cluster = ctx.cluster().await?;
    let api = &cluster.api;
    let plan = plan(&args, api, &cluster.namespace).await?;
    let manifests = plan.manifests();
    if args.dry_run {
        let list = json!({"apiVersion": "v1", "kind": "List", "items": manifests});
        ctx.out.raw(crate::output::document(&list, true)?)?;
        return Ok(0);
    }
    ctx.out.note(format!(
        "Checkup image: {} (make sure it comes from a source you trust)",
        plan.image
    ));
    ctx.out.note(format!(
        "Creating in namespace {}: {}",
        plan.namespace,
        manifests.iter().map(describe).collect::<Vec<_>>().join(", ")
    ));
    let mut created = Created::default();
    let outcome = async {
        create_all(api, &plan, &mut created, ctx).await?;
        let limit = plan.timeout + WAIT_GRACE;
        ctx.out.note(format!(
            "Waiting for Job {JOB} to complete (up to {})...",
            go_duration(limit)
        ));
        let job_path = resources::JOBS.object(Some(&plan.namespace), JOB);
        let what = format!("Job {JOB}");
        let wait = wait::until(&what, limit, || async {
            Ok(job_progress(get_optional(api, job_path.clone()).await?.as_ref()))
        });
        tokio::select! {
            r = wait => r?,
            _ = tokio::signal::ctrl_c() => return Err(Error::Other("interrupted".into())),
        }
        let cm: Object = api
            .send(Request::get(
                resources::CONFIG_MAPS.object(Some(&plan.namespace), CONFIGMAP),
            ))
            .await?
            .json()?;
        let mut result = evaluate(&cm);
        if result.outcome.skip.is_some() {
            let tail = log_tail(api, &plan.namespace).await;
            return Err(Error::Other(format!(
                "Job {JOB} ended without writing a result to ConfigMap {}/{CONFIGMAP}; its log: {}",
                plan.namespace,
                if tail.is_empty() {
                    "(empty)".to_string()
                } else {
                    tail.join(" | ")
                }
            )));
        }
        if result.outcome.status != Status::Ok {
            let tail = log_tail(api, &plan.namespace).await;
            if !tail.is_empty() {
                result.outcome.findings.push(
                    Finding::new("Job", Some(&plan.namespace), JOB, format!("Log: {}", tail.join(" | ")))
                        .fact("logExcerpt", tail),
                );
            }
        }
        Ok::<_, Error>(result)
    }
    .await;
    if args.keep {
        if !created.0.is_empty() {
            ctx.out.note(format!(
                "Kept (--keep) in namespace {}: {}",
                plan.namespace,
                created.0.iter().map(describe).collect::<Vec<_>>().join(", ")
            ));
        }
    } else {
        let left = cleanup(api, &created).await;
        if !left.is_empty() {
            ctx.out
                .note(format!("Could not remove, delete by hand: {}", left.join(", ")));
        }
    }
    let result = outcome?;
    print(ctx, &args.format, api.server(), &plan.namespace, CONFIGMAP, result)
}

async fn status(args: StatusArgs, ctx: &Ctx) -> Result<u8> {
    let cluster = ctx.cluster().await?;
    let api = &cluster.api;
    let path = resources::CONFIG_MAPS.object(Some(&cluster.namespace), &args.name);
    let cm = get_optional(api, path)
        .await?
        .ok_or_else(|| Error::Usage(format!("ConfigMap {}/{} not found", cluster.namespace, args.name)))?;
    let result = evaluate(&cm);
    if result.outcome.skip.is_some() {
        return Err(Error::Other(format!(
            "ConfigMap {}/{} holds no checkup result yet (no status.succeeded key): the checkup is still running or never ran",
            cluster.namespace, args.name
        )));
    }
    print(ctx, &args.format, api.server(), &cluster.namespace, &args.name, result)
}

fn print(
    ctx: &Ctx,
    format: &ReportFormat,
    server: &str,
    namespace: &str,
    configmap: &str,
    result: report::Result,
) -> Result<u8> {
    let code = if result.outcome.status == Status::Ok { 0 } else { 2 };
    let header = report::Header {
        server: server.trim_end_matches('/').to_string(),
        notes: vec![format!("checkup ConfigMap {namespace}/{configmap}")],
        ..report::Header::default()
    };
    let results = [result];
    let text = format.render(
        || report::checkup_table(&header, &results),
        || Ok(report::document(&header, &results, &super::now()?.to_string(), code)),
    )?;
    ctx.out.raw(text)?;
    Ok(code)
}

fn ms(ns: &str) -> String {
    match ns.parse::<f64>() {
        Ok(n) => format!("{} ms", (n / 1e6 * 1000.0).round() / 1000.0),
        Err(_) => format!("{ns:?} ns"),
    }
}

/// The result of a checkup ConfigMap: `ok` when `status.succeeded` is "true", `critical` with the
/// failure reason otherwise; skipped while no result is written.
fn evaluate(cm: &Object) -> report::Result {
    let data = |key: &str| str_at(cm, &format!("/data/{}", key.replace('/', "~1"))).to_string();
    let name = str_at(cm, "/metadata/name");
    let namespace = str_at(cm, "/metadata/namespace");
    let latency = !data("spec.param.network_attachment_definition_name").is_empty()
        || !data("status.result.maxLatencyNanoSec").is_empty();
    let meta = latency.then(|| super::catalog::find("VMLatencyCheckup")).flatten();
    let check_name = match meta {
        Some(m) => m.name.to_string(),
        None => format!("Checkup/{name}"),
    };
    let mut facts = serde_json::Map::new();
    if let Some(d) = cm.get("data").and_then(Object::fields) {
        for (key, value) in d {
            if let Some(k) = key
                .strip_prefix("status.result.")
                .or_else(|| key.strip_prefix("status."))
            {
                facts.insert(k.to_string(), value.to_value());
            }
        }
    }
    let succeeded = data("status.succeeded");
    let outcome = if succeeded.is_empty() {
        Outcome::skipped(SkipCode::NotApplicable, "no result yet")
    } else {
        let measured = if data("status.result.maxLatencyNanoSec").is_empty() {
            String::new()
        } else {
            format!(
                "max {} (avg {}, min {}) from {} to {} over {}s",
                ms(&data("status.result.maxLatencyNanoSec")),
                ms(&data("status.result.avgLatencyNanoSec")),
                ms(&data("status.result.minLatencyNanoSec")),
                data("status.result.sourceNode"),
                data("status.result.targetNode"),
                data("status.result.measurementDurationSec"),
            )
        };
        let threshold = data("spec.param.max_desired_latency_milliseconds");
        let threshold = if threshold.is_empty() {
            String::new()
        } else {
            format!(", threshold {threshold} ms")
        };
        let mut text = if succeeded == "true" {
            format!("checkup succeeded: {measured}{threshold}")
        } else {
            format!("checkup failed: {}", data("status.failureReason"))
        };
        if succeeded != "true" && !measured.is_empty() {
            text.push_str(&format!(" ({measured}{threshold})"));
        }
        let finding = Finding {
            facts,
            ..Finding::new("ConfigMap", Some(namespace), name, text.clone())
        };
        let mut o = Outcome::ok(if succeeded == "true" {
            text
        } else {
            format!("checkup failed: {}", data("status.failureReason"))
        });
        if succeeded != "true" {
            o.status = Status::Critical;
        }
        o.finding(finding)
    };
    report::Result {
        meta,
        name: check_name,
        component: meta.map(|m| m.component).unwrap_or(Component::VmWorkload),
        outcome,
        alerts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_become_whole_units() {
        assert_eq!(
            whole(Duration::from_millis(10), Duration::from_millis(1), "--x", "ms").unwrap(),
            10
        );
        assert!(whole(Duration::from_micros(1500), Duration::from_millis(1), "--x", "ms").is_err());
        assert!(whole(Duration::ZERO, Duration::from_secs(1), "--x", "s").is_err());
        assert_eq!(go_duration(Duration::from_secs(300)), "5m");
        assert_eq!(go_duration(Duration::from_secs(90)), "90s");
    }

    #[test]
    fn manifests_follow_seed_003() {
        let plan = Plan {
            namespace: "ns".into(),
            nad: "blue-network".into(),
            nad_namespace: "ns".into(),
            max_latency_ms: 10,
            sample_secs: 5,
            source_node: "worker1".into(),
            target_node: "worker2".into(),
            timeout: Duration::from_secs(300),
            image: "img".into(),
        };
        let m = plan.manifests();
        let kinds: Vec<String> = m.iter().map(describe).collect();
        assert_eq!(
            kinds,
            [
                "ServiceAccount vm-latency-checkup-sa",
                "Role kubevirt-vm-latency-checker",
                "RoleBinding kubevirt-vm-latency-checker",
                "Role kiagnose-configmap-access",
                "RoleBinding kiagnose-configmap-access",
                "ConfigMap kubevirt-vm-latency-checkup-config",
                "Job kubevirt-vm-latency-checkup"
            ]
        );
        assert_eq!(m[5]["data"]["spec.timeout"], "5m");
        assert_eq!(m[5]["data"]["spec.param.max_desired_latency_milliseconds"], "10");
        assert_eq!(m[6]["spec"]["backoffLimit"], 0);
        assert_eq!(
            m[6]["spec"]["template"]["spec"]["containers"][0]["env"][1]["value"],
            CONFIGMAP
        );
        // Each manifest goes to its own kind's collection (the paths are the table's, tested there).
        assert_eq!(collection_of(&m[6]), resources::JOBS.collection(Some("ns")));
        assert_eq!(collection_of(&m[0]), resources::SERVICE_ACCOUNTS.collection(Some("ns")));
        assert_eq!(collection_of(&m[1]), resources::ROLES.collection(Some("ns")));
        assert_eq!(collection_of(&m[2]), resources::ROLE_BINDINGS.collection(Some("ns")));
        assert_eq!(collection_of(&m[5]), resources::CONFIG_MAPS.collection(Some("ns")));
    }

    #[test]
    fn results_read_from_the_configmap() {
        let cm = json!({"metadata": {"name": "c", "namespace": "ns"}, "data": {
            "spec.param.network_attachment_definition_name": "blue",
            "spec.param.max_desired_latency_milliseconds": "10",
            "status.succeeded": "true", "status.failureReason": "",
            "status.result.avgLatencyNanoSec": "177000", "status.result.maxLatencyNanoSec": "244000",
            "status.result.minLatencyNanoSec": "135000", "status.result.measurementDurationSec": "5",
            "status.result.sourceNode": "worker1", "status.result.targetNode": "worker2"}});
        let r = evaluate(&cm.clone().into());
        assert_eq!(r.name, "VMLatencyCheckup");
        assert_eq!(r.outcome.status, Status::Ok);
        assert_eq!(
            r.outcome.summary,
            "checkup succeeded: max 0.244 ms (avg 0.177 ms, min 0.135 ms) from worker1 to worker2 over 5s, threshold 10 ms"
        );
        let mut failed = cm.clone();
        failed["data"]["status.succeeded"] = json!("false");
        failed["data"]["status.failureReason"] = json!("boom");
        let r = evaluate(&failed.into());
        assert_eq!(
            (r.outcome.status, r.outcome.summary.as_str()),
            (Status::Critical, "checkup failed: boom")
        );
        let pending = json!({"metadata": {"name": "other"}, "data": {"spec.timeout": "5m"}});
        let r = evaluate(&pending.into());
        assert_eq!((r.outcome.status, r.name.as_str()), (Status::Skipped, "Checkup/other"));
    }

    #[test]
    fn log_excerpts_are_short() {
        let long = "x".repeat(300);
        let text = format!("a\nb\n\nc\n{long}\n");
        let e = excerpt(&text);
        assert_eq!(e.len(), 3);
        assert_eq!(e[0], "b");
        assert_eq!(e[2].len(), 200);
    }
}
