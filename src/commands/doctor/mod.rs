//! `virtctl doctor`: the KubeVirt / OpenShift Virtualization alert runbooks as read-only
//! diagnostics of a live cluster (each check names its upstream runbook,
//! kubevirt.io/monitoring/runbooks/NAME). Flags are validated into a selection
//! before the first request; probes read the cluster once; each check is a pure evaluation; the
//! report says what is wrong, the evidence, and what to do. Findings set the exit status (2),
//! they are not errors.

mod catalog;
mod cdi;
mod checkup;
mod common;
mod facts;
#[cfg(test)]
mod fixtures;
mod hco;
mod hpp;
mod model;
mod network;
mod node;
mod object;
mod probes;
mod prom;
mod report;
mod ssp;
mod virt;
mod vm;
mod vm_story;
mod vm_story_report;
mod workload;

use std::collections::BTreeSet;
use std::future::Future;
use std::time::Duration;

use clap::{Args, Subcommand};
use k8s_openapi::jiff::Timestamp;

use crate::cluster::api::Api;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_duration;
use crate::output::ReportFormat;
use catalog::{CatalogEntry, Check, entries, find, glob_match};
use facts::{Facts, LogRequest, Namespaces, Read, Scope};
use model::{Component, Meta, Outcome, SkipCode, Status};

/// The hidden test hook that fixes "now" for time-based verdicts (RFC 3339).
const NOW_ENV: &str = "VIRTCTL_DOCTOR_NOW";

/// Diagnose KubeVirt / OpenShift Virtualization from its alert runbooks (read-only).
#[derive(Args, Debug, Clone)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DoctorArgs {
    #[command(subcommand)]
    pub command: Option<DoctorCommand>,
    #[command(flatten)]
    pub format: ReportFormat,
    /// Print the catalog of checks; needs no cluster.
    #[arg(long)]
    pub list: bool,
    /// Run only these checks (names, aliases or globs such as 'Virt*Down'; comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub check: Vec<String>,
    /// Only these components: hco,virt,cdi,cnao,kmp,ssp,hpp,node,vm-workload.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub component: Vec<String>,
    /// Leave these checks out (names, aliases or globs).
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub skip: Vec<String>,
    /// Also run the checks that are off by default (retired or noisy alerts).
    #[arg(long)]
    pub all: bool,
    /// Scope node checks to this node (NodeDrainReadiness then evaluates it even if schedulable).
    #[arg(long, value_name = "NAME")]
    pub node: Option<String>,
    /// Lowest status that makes the exit code 2: critical or warning.
    #[arg(long, default_value = "critical", value_parser = ["critical", "warning"])]
    pub fail_on: String,
    /// Show only warning and critical results in the table.
    #[arg(long)]
    pub problems_only: bool,
    /// Never read pod logs.
    #[arg(long)]
    pub no_logs: bool,
    /// Cap on the log window of log scans (e.g. 10m).
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub log_window: Option<Duration>,
    /// Cap on per-VMI guest file system probes.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub max_guest_probes: usize,
    /// Allow reading kubelet stats through nodes/proxy (not implemented yet: the report says so).
    #[arg(long)]
    pub kubelet_stats: bool,
    /// Allow scraping component /metrics through pods/proxy (not implemented yet: the report says so).
    #[arg(long)]
    pub scrape: bool,
    /// Prometheus endpoint: auto, off, https://HOST (e.g. the thanos-querier Route) or svc://NAMESPACE/SERVICE:PORT.
    #[arg(long, default_value = "auto", value_name = "auto|off|URL")]
    pub prometheus: String,
    /// Alertmanager endpoint: auto, off, https://HOST (e.g. the alertmanager-main Route) or svc://NAMESPACE/SERVICE:PORT.
    #[arg(long, default_value = "auto", value_name = "auto|off|URL")]
    pub alertmanager: String,
    /// Bearer token file for Prometheus/Alertmanager (never printed).
    #[arg(long, value_name = "PATH")]
    pub prometheus_token_file: Option<String>,
    /// CA bundle for Prometheus/Alertmanager.
    #[arg(long, value_name = "PATH")]
    pub prometheus_ca_file: Option<String>,
    /// Bound on the whole run.
    #[arg(long, default_value = "60s", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Duration,
    /// Namespace of KubeVirt (skips discovery).
    #[arg(long, value_name = "NS")]
    pub kubevirt_namespace: Option<String>,
    /// Namespace of the HyperConverged CR (skips discovery).
    #[arg(long, value_name = "NS")]
    pub hco_namespace: Option<String>,
    /// Namespace of CDI (skips discovery).
    #[arg(long, value_name = "NS")]
    pub cdi_namespace: Option<String>,
    /// A component's namespace, as component=namespace (repeatable).
    #[arg(long, value_name = "COMPONENT=NS")]
    pub component_namespace: Vec<String>,
}

/// Doctor's subcommands.
#[derive(Subcommand, Debug, Clone)]
pub enum DoctorCommand {
    /// Run a cluster checkup (creates objects in the target namespace) or read a checkup's result.
    #[command(subcommand)]
    Checkup(checkup::CheckupCommand),
    /// One VM's story in one report: VM, VMI, pods, volumes, migrations, events, launcher log and
    /// the checks that apply to a single VM (read-only).
    #[command(override_usage = "virtctl doctor vm NAME [-n NAMESPACE] [flags]")]
    Vm(VmArgs),
}

/// `doctor vm NAME`.
#[derive(Args, Debug, Clone)]
pub struct VmArgs {
    /// The VirtualMachine's name.
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub format: ReportFormat,
    /// Lowest status that makes the exit code 2: critical or warning.
    #[arg(long, default_value = "critical", value_parser = ["critical", "warning"])]
    pub fail_on: String,
    /// Never read pod logs.
    #[arg(long)]
    pub no_logs: bool,
    /// Bound on the whole run.
    #[arg(long, default_value = "60s", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Duration,
}

/// The checks to run, in report order.
pub fn select(args: &DoctorArgs) -> Result<Vec<&'static CatalogEntry>> {
    let resolve = |pattern: &str| -> Result<Vec<&'static str>> {
        let matched: Vec<&'static str> = if pattern.contains(['*', '?']) {
            entries()
                .filter(|e| e.meta.names().any(|n| glob_match(pattern, n)))
                .map(|e| e.meta.name)
                .collect()
        } else {
            find(pattern).map(|m| vec![m.name]).unwrap_or_default()
        };
        if matched.is_empty() {
            return Err(Error::Usage(format!(
                "unknown check {pattern:?} (see virtctl doctor --list)"
            )));
        }
        Ok(matched)
    };
    let mut components = BTreeSet::new();
    for c in &args.component {
        components.insert(Component::parse(c.trim()).ok_or_else(|| {
            Error::Usage(format!(
                "unknown component {c:?} (one of hco,virt,cdi,cnao,kmp,ssp,hpp,node,vm-workload)"
            ))
        })?);
    }
    let mut wanted: Option<BTreeSet<&str>> = None;
    for pattern in args.check.iter().filter(|p| !p.trim().is_empty()) {
        wanted.get_or_insert_default().extend(resolve(pattern.trim())?);
    }
    let mut skipped = BTreeSet::new();
    for pattern in args.skip.iter().filter(|p| !p.trim().is_empty()) {
        skipped.extend(resolve(pattern.trim())?);
    }
    Ok(entries()
        .filter(|e| match &wanted {
            Some(w) => w.contains(e.meta.name),
            None => e.meta.default_on || args.all,
        })
        .filter(|e| components.is_empty() || components.contains(&e.meta.component))
        .filter(|e| !skipped.contains(e.meta.name))
        .collect())
}

fn overrides(args: &DoctorArgs) -> Result<Namespaces> {
    let mut ns = Namespaces::default();
    ns.set(Component::Virt, args.kubevirt_namespace.clone());
    ns.set(Component::Hco, args.hco_namespace.clone());
    ns.set(Component::Cdi, args.cdi_namespace.clone());
    for pair in &args.component_namespace {
        let (c, n) = pair
            .split_once('=')
            .ok_or_else(|| Error::Usage(format!("--component-namespace {pair:?} must be component=namespace")))?;
        let component = Component::parse(c)
            .filter(|c| Namespaces::components().any(|n| n == *c))
            .ok_or_else(|| Error::Usage(format!("unknown component {c:?} in --component-namespace")))?;
        ns.set(component, Some(n.to_string()));
    }
    Ok(ns)
}

/// Where namespaced kinds are listed when listing them across namespaces is forbidden (a
/// namespace admin's view): the overrides, the well-known component namespaces, the context
/// namespace and `-n`.
fn fallback_namespaces(overrides: &Namespaces, context: &str, explicit: Option<&str>) -> Vec<String> {
    let names = overrides
        .all()
        .filter_map(|(_, namespace)| namespace)
        .chain(probes::WELL_KNOWN_NAMESPACES.iter().copied())
        .chain([context])
        .chain(explicit)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    facts::distinct(names)
}

fn now() -> Result<Timestamp> {
    match std::env::var(NOW_ENV) {
        Ok(text) => text
            .parse()
            .map_err(|e| Error::Usage(format!("{NOW_ENV}={text:?} is not RFC 3339: {e}"))),
        Err(_) => Ok(Timestamp::now()),
    }
}

/// Evaluates one check, skipping it when a read it needs is missing.
pub fn evaluate(check: &dyn Check, meta: &Meta, f: &Facts) -> Outcome {
    for kind in check.needs() {
        match f.read(kind) {
            Read::Items(_) => {}
            Read::Forbidden(what) => return Outcome::skipped(SkipCode::Forbidden, what.clone()),
            Read::NotServed => {
                return Outcome::skipped(
                    SkipCode::NotInstalled,
                    format!("{} not served", kind.def().resource.plural),
                );
            }
            Read::Failed(e) => return Outcome::skipped(SkipCode::Error, e.clone()),
            Read::Unread => {
                return Outcome::skipped(SkipCode::Error, format!("{} not read", kind.def().resource.plural));
            }
        }
    }
    let mut outcome = check.evaluate(f, meta);
    let scope: Vec<&str> = check
        .needs()
        .into_iter()
        .chain(check.wants())
        .filter_map(|k| f.partial.get(&k))
        .flatten()
        .map(String::as_str)
        .collect();
    if !scope.is_empty() && outcome.skip.is_none() {
        outcome
            .summary
            .push_str(&format!(" (scope: namespace {})", facts::distinct(scope).join(",")));
    }
    outcome
}

/// The result of one catalog check over `facts`.
fn judge(entry: &'static CatalogEntry, facts: &Facts) -> report::Result {
    report::Result {
        meta: Some(&entry.meta),
        name: entry.meta.name.to_string(),
        component: entry.meta.component,
        outcome: evaluate(entry.check, &entry.meta, facts),
        alerts: Vec::new(),
    }
}

/// Runs doctor; returns the exit status (0, or 2 when a result reaches `--fail-on`).
pub async fn run(mut args: DoctorArgs, ctx: &Ctx) -> Result<u8> {
    match args.command.take() {
        Some(DoctorCommand::Checkup(command)) => return checkup::run(command, ctx).await,
        Some(DoctorCommand::Vm(vm)) => return run_vm(vm, ctx).await,
        None => {}
    }
    if args.list {
        let text = args
            .format
            .render(report::catalog_table, || Ok(report::catalog_document()))?;
        ctx.out.raw(text)?;
        return Ok(0);
    }
    let selected = select(&args)?;
    let overrides = overrides(&args)?;
    let now = now()?;
    let cluster = ctx.cluster().await?;
    let api = &cluster.api;
    let access = prom::Access::new(api, &args, cluster, ctx.connection.insecure_skip_tls_verify)?;
    let mut facts = Facts::new(now);
    facts.scope = Scope {
        namespace: ctx.connection.namespace.clone(),
        node: args.node.clone(),
        logs: !args.no_logs,
        max_guest_probes: args.max_guest_probes,
    };
    let fallback = fallback_namespaces(&overrides, &cluster.namespace, ctx.connection.namespace.as_deref());
    let reading = read_cluster(api, &access, &args, &selected, facts, &overrides, &fallback);
    let (facts, monitoring) = within(args.timeout, reading).await?;
    let mut results: Vec<report::Result> = selected.into_iter().map(|e| judge(e, &facts)).collect();
    prom::merge(&mut results, &monitoring);
    let header = header(&args, &facts, &monitoring, cluster.api.server());
    let code = report::exit_code(&results, fail_on(&args.fail_on));
    let text = args.format.render(
        || report::table(&header, &results, args.problems_only),
        || Ok(report::document(&header, &results, &now.to_string(), code)),
    )?;
    ctx.out.raw(text)?;
    Ok(code)
}

/// `work`, or a timeout error once `limit` (the `--timeout` flag) has passed.
async fn within<T>(limit: Duration, work: impl Future<Output = Result<T>>) -> Result<T> {
    tokio::time::timeout(limit, work).await.map_err(|_| {
        Error::Timeout(format!(
            "doctor did not finish within {}",
            crate::go_syntax::format_duration(limit)
        ))
    })?
}

/// Everything the selected checks read, in order: discovery, the lists, component
/// namespaces, the logs, guest file systems, then Prometheus and Alertmanager.
async fn read_cluster(
    api: &Api,
    access: &prom::Access<'_>,
    args: &DoctorArgs,
    selected: &[&'static CatalogEntry],
    mut facts: Facts,
    overrides: &Namespaces,
    fallback: &[String],
) -> Result<(Facts, prom::Monitoring)> {
    facts.groups = probes::discover_groups(api).await?;
    let checks: Vec<&dyn Check> = selected.iter().map(|e| e.check).collect();
    probes::read_lists(api, &mut facts, &probes::kinds_for(&checks), fallback).await;
    facts.ns = probes::discover(&facts, overrides);
    if facts.scope.logs {
        let requests = log_requests(&checks, &facts, args.log_window);
        probes::read_logs(api, &mut facts, requests).await;
    }
    if selected
        .iter()
        .any(|e| e.meta.name == "GuestFilesystemAlmostOutOfSpace")
    {
        read_guest_filesystems(api, &mut facts).await;
    }
    let monitoring = prom::read(access, args, &facts).await?;
    Ok((facts, monitoring))
}

/// The logs the checks ask for, their windows capped by `--log-window`.
fn log_requests(checks: &[&dyn Check], facts: &Facts, log_window: Option<Duration>) -> BTreeSet<LogRequest> {
    let cap = log_window.map(|d| d.as_secs() as i64);
    checks
        .iter()
        .flat_map(|c| c.logs(facts))
        .map(|mut r| {
            if let Some(cap) = cap {
                r.since_secs = Some(r.since_secs.map_or(cap, |s| s.min(cap)));
            }
            r
        })
        .collect()
}

/// The guest file systems of the running VMIs in scope, up to `--max-guest-probes`.
async fn read_guest_filesystems(api: &Api, facts: &mut Facts) {
    let targets = vm::guest_probe_targets(facts);
    let running = facts
        .scoped(facts::Kind::Vmis)
        .filter(|v| facts::str_at(v, "/status/phase") == "Running")
        .count();
    facts.guest_unprobed = running.saturating_sub(targets.len());
    probes::read_guest_filesystems(api, facts, targets).await;
}

/// The report header: the cluster, where monitoring was read, and notes on flags that do
/// nothing yet (said rather than accepted silently).
fn header(args: &DoctorArgs, facts: &Facts, monitoring: &prom::Monitoring, server: &str) -> report::Header {
    let mut header = report::Header::from_facts(facts, server);
    header.prometheus = monitoring.prometheus_source.clone();
    header.alertmanager = monitoring.alertmanager_source.clone();
    if args.kubelet_stats {
        header
            .notes
            .push("--kubelet-stats is not implemented yet: no check reads kubelet stats".to_string());
    }
    if args.scrape {
        header
            .notes
            .push("--scrape is not implemented yet: metric-only checks still need Prometheus".to_string());
    }
    header
}

fn fail_on(flag: &str) -> Status {
    if flag == "warning" {
        Status::Warning
    } else {
        Status::Critical
    }
}

/// `doctor vm NAME`: reads what concerns the VM, judges it with the single-VM checks of the
/// catalog, prints its story; returns the exit status as `doctor` does.
async fn run_vm(args: VmArgs, ctx: &Ctx) -> Result<u8> {
    let now = now()?;
    let cluster = ctx.cluster().await?;
    let api = &cluster.api;
    let namespace = cluster.namespace.clone();
    let reading = vm_story::read(api, &namespace, &args.name, !args.no_logs, now);
    let story = within(args.timeout, reading).await?;
    let results: Vec<report::Result> = entries()
        .filter(|e| vm::ABOUT_ONE_VM.contains(&e.meta.name))
        .map(|e| judge(e, &story.facts))
        .collect();
    let code = report::exit_code(&results, fail_on(&args.fail_on));
    let text = args.format.render(
        || vm_story_report::table(&story, api.server(), &results),
        || {
            Ok(vm_story_report::document(
                &story,
                api.server(),
                &results,
                &now.to_string(),
                code,
            ))
        },
    )?;
    ctx.out.raw(text)?;
    Ok(code)
}
