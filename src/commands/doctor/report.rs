//! The report: results grouped by component in report order, rendered as a table for people
//! or as the JSON/YAML document (`DoctorReport`, doctor.virtctl.kubevirt.io/v1alpha1) for
//! programs, and the `--list` catalog.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::facts::{Facts, Namespaces};
use super::model::{Component, Finding, Meta, Outcome, Status};

/// One evaluated check.
#[derive(Debug)]
pub struct Result {
    pub meta: Option<&'static Meta>,
    /// For `other` alerts unknown to the catalog.
    pub name: String,
    pub component: Component,
    pub outcome: Outcome,
    pub alerts: Vec<Value>,
}

/// Everything the header says.
#[derive(Debug, Default)]
pub struct Header {
    pub server: String,
    pub platform: String,
    pub platform_version: Option<String>,
    pub product_version: Option<String>,
    pub kubevirt_version: Option<String>,
    pub single_node: bool,
    pub namespaces: Namespaces,
    pub logs: bool,
    pub events: bool,
    pub metrics_api: bool,
    pub prometheus: Value,
    pub alertmanager: Value,
    pub notes: Vec<String>,
}

impl Header {
    pub fn from_facts(f: &Facts, server: &str) -> Header {
        use super::facts::{Kind, str_at};
        let cv = f.items(Kind::ClusterVersions).first();
        let hco = f.items(Kind::HyperConvergeds).first();
        let kv = f.items(Kind::KubeVirts).first();
        let infra = f.items(Kind::Infrastructures).first();
        let mut notes = Vec::new();
        if f.items(Kind::KubeVirts).len() > 1 {
            notes.push(format!(
                "{} KubeVirt CRs found; using the Deployed one",
                f.items(Kind::KubeVirts).len()
            ));
        }
        if kv.is_none() && f.served(Kind::KubeVirts) {
            notes.push("KubeVirt not found".to_string());
        }
        Header {
            server: server.trim_end_matches('/').to_string(),
            platform: if cv.is_some() {
                "OpenShift".into()
            } else {
                "Kubernetes".into()
            },
            platform_version: cv.map(|c| str_at(c, "/status/desired/version").to_string()),
            product_version: hco.and_then(|h| {
                super::facts::array(h, "/status/versions")
                    .iter()
                    .find(|v| str_at(v, "/name") == "operator")
                    .map(|v| str_at(v, "/version").to_string())
            }),
            kubevirt_version: kv.map(|k| str_at(k, "/status/observedKubeVirtVersion").to_string()),
            single_node: infra.is_some_and(|i| {
                str_at(i, "/status/controlPlaneTopology") == "SingleReplica"
                    && str_at(i, "/status/infrastructureTopology") == "SingleReplica"
            }),
            namespaces: f.ns.clone(),
            logs: f.scope.logs,
            events: f.served(Kind::Events),
            metrics_api: f.served(Kind::PodMetrics) || f.served(Kind::NodeMetrics),
            prometheus: json!({"state": "unavailable", "reason": "not looked for"}),
            alertmanager: json!({"state": "unavailable", "reason": "not looked for"}),
            notes,
        }
    }
}

/// Counts for the summary line and the exit code.
#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    pub ok: usize,
    pub warning: usize,
    pub critical: usize,
    pub pending: usize,
    pub skipped: usize,
    pub skipped_by: BTreeMap<&'static str, usize>,
}

pub fn tally(results: &[Result]) -> Tally {
    let mut t = Tally::default();
    for r in results {
        match r.outcome.status {
            Status::Ok => t.ok += 1,
            Status::Warning => t.warning += 1,
            Status::Critical => t.critical += 1,
            Status::Skipped => {
                t.skipped += 1;
                if let Some((code, _)) = &r.outcome.skip {
                    *t.skipped_by.entry(code.as_str()).or_default() += 1;
                }
            }
        }
        if r.outcome.pending {
            t.pending += 1;
        }
    }
    t
}

/// 2 when a non-pending result reaches `fail_on`, else 0.
pub fn exit_code(results: &[Result], fail_on: Status) -> u8 {
    let failing = results
        .iter()
        .any(|r| !r.outcome.pending && r.outcome.status >= fail_on && r.outcome.status.is_problem());
    if failing { 2 } else { 0 }
}

fn ns_json(ns: &Namespaces) -> Value {
    let map: Map<String, Value> = ns.all().map(|(c, n)| (c.as_str().to_string(), json!(n))).collect();
    Value::Object(map)
}

fn finding_json(f: &Finding) -> Value {
    json!({"object": f.object, "facts": Value::Object(f.facts.clone()), "text": f.text})
}

pub fn result_json(r: &Result) -> Value {
    let o = &r.outcome;
    let mut m = Map::new();
    m.insert("check".into(), json!(r.name));
    if let Some(meta) = r.meta {
        m.insert("aliases".into(), json!(meta.aliases));
        m.insert("severity".into(), json!(meta.severity.as_str()));
    }
    m.insert("status".into(), json!(o.status.as_str()));
    if let Some((code, message)) = &o.skip {
        m.insert("reason".into(), json!({"code": code.as_str(), "message": message}));
    } else {
        m.insert("pending".into(), json!(o.pending));
        m.insert("since".into(), json!(o.since.map(|t| t.to_string())));
    }
    if let Some(meta) = r.meta {
        m.insert("coverage".into(), json!(meta.coverage.as_str()));
        let evidence: Vec<&str> = meta
            .sources
            .iter()
            .map(|s| s.as_str().to_ascii_lowercase())
            .map(|s| match s.as_str() {
                "api" => "api",
                "log" => "logs",
                "evt" => "events",
                "prom" => "prometheus",
                "mapi" => "metrics-api",
                "kstat" => "kubelet-stats",
                _ => "scrape",
            })
            .collect();
        m.insert("evidence".into(), json!(evidence));
    }
    m.insert("summary".into(), json!(o.summary));
    if o.indirect {
        m.insert("indirect".into(), json!(true));
    }
    m.insert(
        "findings".into(),
        Value::Array(o.findings.iter().map(finding_json).collect()),
    );
    if !r.alerts.is_empty() {
        m.insert("alerts".into(), Value::Array(r.alerts.clone()));
    }
    if let Some(meta) = r.meta {
        m.insert("mitigation".into(), json!(meta.mitigation));
        m.insert("runbook".into(), json!(meta.runbook()));
    }
    Value::Object(m)
}

/// The JSON document: header, sources, summary and the results by component.
pub fn document(header: &Header, results: &[Result], generated_at: &str, code: u8) -> Value {
    let t = tally(results);
    let mut components = Vec::new();
    for c in Component::ALL.into_iter().chain([Component::Other]) {
        let rs: Vec<&Result> = results.iter().filter(|r| r.component == c).collect();
        if rs.is_empty() {
            continue;
        }
        let worst = rs.iter().map(|r| r.outcome.status).max().unwrap_or(Status::Skipped);
        components.push(json!({
            "name": c.as_str(),
            "namespace": header.namespaces.get(c),
            "status": worst.as_str(),
            "results": rs.iter().map(|r| result_json(r)).collect::<Vec<_>>(),
        }));
    }
    json!({
        "apiVersion": "doctor.virtctl.kubevirt.io/v1alpha1",
        "kind": "DoctorReport",
        "generatedAt": generated_at,
        "cluster": {"server": header.server, "platform": header.platform, "platformVersion": header.platform_version,
                    "productVersion": header.product_version, "kubevirtVersion": header.kubevirt_version, "singleNode": header.single_node},
        "namespaces": ns_json(&header.namespaces),
        "sources": {"api": true, "logs": header.logs, "events": header.events, "metricsAPI": header.metrics_api,
                    "kubeletStats": false, "scrape": false, "prometheus": header.prometheus, "alertmanager": header.alertmanager},
        "notes": header.notes,
        "summary": {"ok": t.ok, "warning": t.warning, "critical": t.critical, "pending": t.pending, "skipped": t.skipped, "exitCode": code},
        "components": components,
    })
}

fn source_text(v: &Value, name: &str) -> String {
    match v["state"].as_str() {
        Some("used") => format!("{name}:{}", v["via"].as_str().unwrap_or("yes")),
        _ => format!("{name}:no"),
    }
}

/// The table: header, the problems with their evidence and mitigation, then the summary.
pub fn table(header: &Header, results: &[Result], problems_only: bool) -> String {
    let mut out = String::new();
    let mut cluster = format!("Cluster: {}  {}", header.server, header.platform);
    if let Some(v) = &header.platform_version {
        cluster.push_str(&format!(" {v}"));
    }
    if let Some(v) = &header.product_version {
        cluster.push_str(&format!("  OpenShift Virtualization {v}"));
    }
    match &header.kubevirt_version {
        Some(v) => cluster.push_str(&format!(" (KubeVirt {v})")),
        None => cluster.push_str("  KubeVirt not found"),
    }
    out.push_str(&cluster);
    out.push('\n');
    let ns = &header.namespaces;
    let shown: Vec<String> = ns
        .all()
        .map(|(c, n)| format!("{}={}", c.as_str(), n.unwrap_or("-")))
        .collect();
    out.push_str(&format!("Namespaces: {}\n", shown.join(" ")));
    out.push_str(&format!(
        "Sources: api{}{}  metrics-api:{}  {}  {}\n",
        if header.logs { " logs" } else { "" },
        if header.events { " events" } else { "" },
        if header.metrics_api { "yes" } else { "no" },
        source_text(&header.prometheus, "prometheus"),
        source_text(&header.alertmanager, "alertmanager"),
    ));
    for note in &header.notes {
        out.push_str(&format!("Note: {note}\n"));
    }
    out.push('\n');
    out.push_str(&body(results, problems_only));
    out
}

/// The table of a checkup: the cluster, where the result lives, then the result as in
/// [`table`].
pub fn checkup_table(header: &Header, results: &[Result]) -> String {
    let mut out = format!("Cluster: {}\n", header.server);
    for note in &header.notes {
        out.push_str(&format!("Note: {note}\n"));
    }
    out.push('\n');
    out.push_str(&body(results, false));
    out
}

/// The result lines, the details of every problem, and the summary line.
fn body(results: &[Result], problems_only: bool) -> String {
    let mut out = String::new();
    let shown: Vec<&Result> = results
        .iter()
        .filter(|r| !problems_only || r.outcome.status.is_problem())
        .collect();
    let rows: Vec<[String; 4]> = shown
        .iter()
        .map(|r| {
            let mut status = r.outcome.status.as_str().to_string();
            if r.outcome.pending {
                status.push_str(" (pending)");
            }
            [
                r.component.as_str().to_string(),
                r.name.clone(),
                status,
                r.outcome.summary.clone(),
            ]
        })
        .collect();
    out.push_str(&crate::output::table(
        &["COMPONENT", "CHECK", "STATUS", "SUMMARY"],
        &rows,
    ));
    out.push_str(&details(results));
    out.push_str(&summary_line(results));
    out
}

/// The details of every `warning`/`critical` result: findings (10 at most), mitigation, runbook.
pub fn details(results: &[Result]) -> String {
    let mut out = String::new();
    for r in results.iter().filter(|r| r.outcome.status.is_problem()) {
        out.push('\n');
        let mut line = format!("{}  {}/{}", r.outcome.status.as_str(), r.component.as_str(), r.name);
        if let Some(a) = r.alerts.iter().find(|a| a["state"] == "firing") {
            line.push_str(&format!(
                "  (alert {} is firing since {})",
                a["alertname"].as_str().unwrap_or(""),
                a["activeAt"].as_str().unwrap_or("?")
            ));
        }
        if r.outcome.pending {
            line.push_str("  (pending: the alert's `for` duration is not reached)");
        }
        out.push_str(&line);
        out.push('\n');
        for f in r.outcome.findings.iter().take(10) {
            out.push_str(&format!("  {}\n", f.text));
        }
        if r.outcome.findings.len() > 10 {
            out.push_str(&format!("  ... {} more\n", r.outcome.findings.len() - 10));
        }
        if let Some(meta) = r.meta {
            out.push_str(&format!(
                "  Mitigation: {}\n  Runbook: {}\n",
                meta.mitigation,
                meta.runbook()
            ));
        }
    }
    out
}

/// The closing `Summary:` line (after an empty line).
pub fn summary_line(results: &[Result]) -> String {
    let t = tally(results);
    let by: Vec<String> = t.skipped_by.iter().map(|(k, n)| format!("{n} {k}")).collect();
    format!(
        "\nSummary: {} ok, {} warning, {} critical ({} pending), {} skipped{}\n",
        t.ok,
        t.warning,
        t.critical,
        t.pending,
        t.skipped,
        if by.is_empty() {
            String::new()
        } else {
            format!(" ({})", by.join(", "))
        }
    )
}

/// The catalog as a JSON document (`--list -o json`).
pub fn catalog_document() -> Value {
    let checks: Vec<Value> = super::catalog::entries()
        .map(|e| &e.meta)
        .map(|m| {
            json!({
                "name": m.name,
                "component": m.component.as_str(),
                "severity": m.severity.as_str(),
                "default": if m.default_on { "on" } else { "off" },
                "coverage": m.coverage.as_str(),
                "sources": m.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "aliases": m.aliases,
                "forSeconds": m.for_secs,
                "seeds": m.seeds,
                "meaning": m.meaning,
                "mitigation": m.mitigation,
                "runbook": m.runbook(),
            })
        })
        .collect();
    json!({"apiVersion": "doctor.virtctl.kubevirt.io/v1alpha1", "kind": "DoctorCatalog", "checks": checks})
}

pub fn catalog_table() -> String {
    let rows: Vec<[String; 8]> = super::catalog::entries()
        .map(|e| &e.meta)
        .map(|m| {
            [
                m.name.to_string(),
                m.component.as_str().to_string(),
                m.severity.as_str().to_string(),
                if m.default_on { "on" } else { "off" }.to_string(),
                m.coverage.as_str().to_string(),
                m.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","),
                if m.aliases.is_empty() {
                    "-".to_string()
                } else {
                    m.aliases.join(",")
                },
                m.runbook(),
            ]
        })
        .collect();
    crate::output::table(
        &[
            "NAME",
            "COMPONENT",
            "SEVERITY",
            "DEFAULT",
            "COVERAGE",
            "SOURCES",
            "ALIASES",
            "RUNBOOK",
        ],
        &rows,
    )
}
