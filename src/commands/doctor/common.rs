//! Check families shared by several components: the workload rules over WP (down, low count,
//! low ready, none ready), metric-only checks, and log-signature scans.

use super::catalog::Check;
use super::facts::{Facts, Kind, LogRequest, array, condition_line, is_pod_ready, name_of, str_at};
use super::model::{Finding, Meta, Outcome, SkipCode, Status};
use super::object::Object;
use super::workload::{Workload, WorkloadKind};

/// Which WP verdict a check applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// No pod in phase Running (`*Down` of KubeVirt components).
    NoneRunning,
    /// No pod Ready (operators whose alert is the scrape `up`, which a non-ready pod fails).
    NoneReady,
    /// running / desired < 0.75.
    LowRunning,
    /// 0 < ready < running.
    LowReady,
    /// A DaemonSet whose ready count differs from its desired count.
    Rollout,
}

/// A check that applies one [`Rule`] to one workload.
pub struct WorkloadCheck {
    pub workload: &'static Workload,
    pub rule: Rule,
}

impl Check for WorkloadCheck {
    fn needs(&self) -> Vec<Kind> {
        vec![Kind::Pods, self.workload.kind.list()]
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        let wp = match self.workload.probe(f) {
            Ok(wp) => wp,
            Err(skipped) => return skipped,
        };
        let what = format!("{} pods", self.workload.name);
        let fail = meta.severity.status();
        let (failing, since, summary) = match self.rule {
            Rule::NoneRunning => (
                wp.running == 0,
                wp.since_not_running(),
                format!("{}/{} {what} running", wp.running, wp.desired),
            ),
            Rule::NoneReady => (
                wp.ready == 0,
                wp.since_not_ready(),
                format!("{}/{} {what} ready", wp.ready, wp.desired),
            ),
            Rule::LowRunning => (
                wp.desired > 0 && (wp.running as f64) / (wp.desired as f64) < 0.75,
                wp.since_not_running(),
                format!("{}/{} {what} running", wp.running, wp.desired),
            ),
            Rule::LowReady => (
                wp.ready > 0 && wp.ready < wp.running,
                wp.since_not_ready(),
                format!("{}/{} running {what} ready", wp.ready, wp.running),
            ),
            Rule::Rollout => {
                let ready = wp
                    .object
                    .and_then(|o| super::facts::i64_at(o, "/status/numberReady"))
                    .unwrap_or(0);
                (
                    wp.object.is_some() && ready != wp.desired,
                    wp.since_not_ready(),
                    format!("{ready}/{} {what} ready on their nodes", wp.desired),
                )
            }
        };
        if !failing {
            return Outcome::ok(summary);
        }
        // A missing workload is a fact, not a state with an age.
        let since = if wp.object.is_none() && matches!(self.rule, Rule::NoneRunning | Rule::NoneReady) {
            None
        } else {
            since
        };
        let for_secs = if wp.object.is_none() { 0 } else { meta.for_secs };
        let mut summary = summary;
        if let Some(t) = since {
            summary.push_str(&format!(" for {}", super::model::age(f.seconds_since(t))));
        }
        if wp.object.is_some() && wp.desired == 0 && self.workload.kind == WorkloadKind::Deployment {
            summary.push_str(" (Deployment scaled to 0)");
        }
        Outcome::failing(fail, since, f.now, for_secs, summary).with(wp.findings(f))
    }
}

/// A check only Prometheus (or the opt-in scrape) can decide.
pub struct MetricsOnly;

impl Check for MetricsOnly {
    fn needs(&self) -> Vec<Kind> {
        Vec::new()
    }

    fn wants(&self) -> Vec<Kind> {
        Vec::new()
    }

    fn evaluate(&self, _f: &Facts, _meta: &Meta) -> Outcome {
        Outcome::skipped(SkipCode::NeedsPrometheus, "no Prometheus endpoint found")
    }
}

/// API-server failure signatures counted by the REST-error log hint: the client-go errors a
/// component logs when its requests to the API server fail, which is what the REST-error
/// alerts measure from metrics.
pub const API_FAILURES: &[&str] = &[
    "connection refused",
    "i/o timeout",
    "context deadline exceeded",
    "TLS handshake timeout",
    "Unauthorized",
    "Forbidden",
    "Too Many Requests",
];

/// The current logs of a workload's pods, from `since_secs` ago (all when `None`); none when
/// the component is not installed.
fn workload_logs(workload: &'static Workload, f: &Facts, since_secs: Option<i64>) -> Vec<LogRequest> {
    let Ok(probe) = workload.probe(f) else {
        return Vec::new();
    };
    probe
        .pods
        .iter()
        .map(|p| LogRequest {
            namespace: probe.namespace.to_string(),
            pod: name_of(p).to_string(),
            container: main_container(p, workload.name).map(str::to_string),
            since_secs,
            previous: false,
        })
        .collect()
}

/// The container whose log tells about the component: the one named as the workload, else the
/// first. Named always, since the API server refuses a log of a pod with several containers
/// (sidecars such as `kube-rbac-proxy`) when none is named.
fn main_container<'a>(pod: &'a Object, workload: &str) -> Option<&'a str> {
    let names: Vec<&str> = array(pod, "/spec/containers")
        .iter()
        .map(|c| str_at(c, "/name"))
        .filter(|n| !n.is_empty())
        .collect();
    names.iter().find(|n| **n == workload).or(names.first()).copied()
}

/// The REST-errors alerts: metrics-only, with an indirect log hint (>= 10 failure lines in a pod).
pub struct RestErrors {
    pub workload: &'static Workload,
    pub window_secs: i64,
}

impl Check for RestErrors {
    fn needs(&self) -> Vec<Kind> {
        Vec::new()
    }

    fn wants(&self) -> Vec<Kind> {
        vec![Kind::Pods]
    }

    fn logs(&self, f: &Facts) -> Vec<LogRequest> {
        workload_logs(self.workload, f, Some(self.window_secs))
    }

    fn evaluate(&self, f: &Facts, _meta: &Meta) -> Outcome {
        let skipped = Outcome::skipped(SkipCode::NeedsPrometheus, "no Prometheus endpoint found");
        if !f.scope.logs {
            return skipped;
        }
        let mut hits = Vec::new();
        for request in self.logs(f) {
            let Ok(text) = f.log(&request) else { continue };
            let scan = scan(text, API_FAILURES);
            if scan.count >= 10 {
                hits.push(
                    Finding::new(
                        "Pod",
                        Some(&request.namespace),
                        &request.pod,
                        format!(
                            "Pod {}/{}: {} API-server failure lines in the last {}",
                            request.namespace,
                            request.pod,
                            scan.count,
                            super::model::age(self.window_secs)
                        ),
                    )
                    .fact("failureLines", scan.count)
                    .fact("logExcerpt", scan.excerpts),
                );
            }
        }
        if hits.is_empty() {
            return skipped;
        }
        Outcome::failing(
            Status::Warning,
            None,
            f.now,
            0,
            format!(
                "{} {} pod(s) log API-server failures (indirect; the error ratio needs Prometheus)",
                hits.len(),
                self.workload.name
            ),
        )
        .with(hits)
        .indirect()
    }
}

/// What LOGSCAN found in one log.
#[derive(Debug, Default, PartialEq)]
pub struct Scan {
    pub count: usize,
    /// At most 3 matching lines, 200 characters each.
    pub excerpts: Vec<String>,
}

/// LOGSCAN: counts lines containing any of `patterns`, keeping 3 excerpts.
pub fn scan(text: &str, patterns: &[&str]) -> Scan {
    let mut out = Scan::default();
    for line in text.lines().filter(|l| patterns.iter().any(|p| l.contains(p))) {
        out.count += 1;
        if out.excerpts.len() < 3 {
            out.excerpts.push(line.chars().take(200).collect());
        }
    }
    out
}

/// The Ready pods among `pods`.
pub fn ready_names<'a>(pods: &[&'a Object]) -> Vec<&'a str> {
    pods.iter().filter(|p| is_pod_ready(p)).map(|p| name_of(p)).collect()
}

/// Container resource requests of a pod, by container name.
pub fn requests<'a>(pod: &'a Object, resource: &str) -> Vec<(&'a str, &'a str)> {
    array(pod, "/spec/containers")
        .iter()
        .filter_map(|c| {
            let value = c.pointer(&format!("/resources/requests/{resource}"))?.as_str()?;
            Some((str_at(c, "/name"), value))
        })
        .collect()
}

/// A one-off check: its reads and a small pure function.
pub struct FnCheck {
    pub needs: &'static [Kind],
    pub wants: &'static [Kind],
    pub eval: fn(&Facts, &Meta) -> Outcome,
}

impl Check for FnCheck {
    fn needs(&self) -> Vec<Kind> {
        self.needs.to_vec()
    }

    fn wants(&self) -> Vec<Kind> {
        self.wants.to_vec()
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        (self.eval)(f, meta)
    }
}

/// A check over one component's logs: matching lines in the pods of a workload, more than
/// `threshold` of them -> the alert's status.
pub struct LogCheck {
    pub workload: &'static Workload,
    pub window_secs: Option<i64>,
    pub patterns: &'static [&'static str],
    pub threshold: usize,
    pub what: &'static str,
}

impl Check for LogCheck {
    fn needs(&self) -> Vec<Kind> {
        vec![Kind::Pods]
    }

    fn logs(&self, f: &Facts) -> Vec<LogRequest> {
        workload_logs(self.workload, f, self.window_secs)
    }

    fn evaluate(&self, f: &Facts, meta: &Meta) -> Outcome {
        if let Err(skipped) = self.workload.probe(f) {
            return skipped;
        }
        if !f.scope.logs {
            return Outcome::skipped(SkipCode::LogsDisabled, "--no-logs");
        }
        let mut total = 0;
        let mut findings = Vec::new();
        let mut unread = Vec::new();
        let requests = self.logs(f);
        for request in &requests {
            let text = match f.log(request) {
                Ok(text) => text,
                Err(reason) => {
                    unread.push(format!("{}/{}: {reason}", request.namespace, request.pod));
                    continue;
                }
            };
            let s = scan(text, self.patterns);
            if s.count > 0 {
                total += s.count;
                findings.push(
                    Finding::new(
                        "Pod",
                        Some(&request.namespace),
                        &request.pod,
                        format!(
                            "Pod {}/{}: {} line(s): {}",
                            request.namespace,
                            request.pod,
                            s.count,
                            s.excerpts.join(" | ")
                        ),
                    )
                    .fact("matchingLines", s.count)
                    .fact("logExcerpt", s.excerpts),
                );
            }
        }
        let window = self
            .window_secs
            .map(|w| format!(" in the last {}", super::model::age(w)))
            .unwrap_or_default();
        if total <= self.threshold && !unread.is_empty() {
            // Never "ok" about logs that were not read: what was read may hide nothing.
            return Outcome::skipped(
                SkipCode::Error,
                format!(
                    "could not read the logs of {} of {} {} pod(s): {}",
                    unread.len(),
                    requests.len(),
                    self.workload.name,
                    unread.join("; ")
                ),
            );
        }
        if total <= self.threshold {
            return Outcome::ok(format!("{total} {}{window} (from logs)", self.what));
        }
        Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            format!("{total} {}{window} (from logs; a lower bound)", self.what),
        )
        .with(findings)
    }
}

/// `Available` != True and `Progressing` != True (the `*_cr_ready == 0` gauges), aged by the
/// Available condition.
pub fn cr_not_ready(f: &Facts, meta: &Meta, obj: &Object, kind: &str) -> Outcome {
    use super::facts::{condition, condition_since, is_true};
    let name = name_of(obj);
    if is_true(obj, "Available") || is_true(obj, "Progressing") {
        return Outcome::ok(format!("{kind} {name} is available"));
    }
    let messages: Vec<String> = ["Available", "Progressing", "Degraded"]
        .iter()
        .filter_map(|t| condition(obj, t))
        .filter(|c| !str_at(c, "/message").is_empty())
        .map(condition_line)
        .collect();
    let since = condition_since(obj, "Available");
    let ns = super::facts::namespace_of(obj);
    let finding = Finding::new(kind, Some(ns), name, format!("{kind} {name}: {}", messages.join("; ")))
        .fact("phase", str_at(obj, "/status/phase"))
        .fact("conditions", messages.clone());
    let mut summary = format!("{kind} {name} is neither available nor progressing");
    if let Some(t) = since {
        summary.push_str(&format!(" for {}", super::model::age(f.seconds_since(t))));
    }
    Outcome::failing(meta.severity.status(), since, f.now, meta.for_secs, summary).finding(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_counts_and_keeps_three_excerpts() {
        let log = "a connection refused\nok\nb i/o timeout\nc Forbidden\nd Forbidden\n";
        let s = scan(log, API_FAILURES);
        assert_eq!(s.count, 4);
        assert_eq!(s.excerpts.len(), 3);
        assert_eq!(s.excerpts[0], "a connection refused");
    }
}
