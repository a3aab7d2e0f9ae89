//! The vocabulary of doctor: components, severities, coverage classes, evidence sources, check
//! metadata, and what a check returns ([`Outcome`]).

use k8s_openapi::jiff::Timestamp;
use serde::Serialize;
use serde_json::{Map, Value};

/// A component group of the report, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Component {
    Hco,
    Virt,
    Cdi,
    Cnao,
    Kmp,
    Ssp,
    Hpp,
    Node,
    VmWorkload,
    Other,
}

impl Component {
    pub const ALL: [Component; 9] = [
        Component::Hco,
        Component::Virt,
        Component::Cdi,
        Component::Cnao,
        Component::Kmp,
        Component::Ssp,
        Component::Hpp,
        Component::Node,
        Component::VmWorkload,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Component::Hco => "hco",
            Component::Virt => "virt",
            Component::Cdi => "cdi",
            Component::Cnao => "cnao",
            Component::Kmp => "kmp",
            Component::Ssp => "ssp",
            Component::Hpp => "hpp",
            Component::Node => "node",
            Component::VmWorkload => "vm-workload",
            Component::Other => "other",
        }
    }

    /// The product's name, for messages.
    pub fn product(self) -> &'static str {
        match self {
            Component::Hco => "HyperConverged Cluster Operator",
            Component::Virt => "KubeVirt",
            Component::Cdi => "CDI",
            Component::Cnao => "Cluster Network Addons Operator",
            Component::Kmp => "KubeMacPool",
            Component::Ssp => "SSP operator",
            Component::Hpp => "hostpath provisioner operator",
            Component::Node => "node",
            Component::VmWorkload => "VM workload",
            Component::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Component> {
        Component::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// The alert's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Critical,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The status a present condition maps to (`info` counts as `warning`).
    pub fn status(self) -> Status {
        match self {
            Severity::Critical => Status::Critical,
            Severity::Warning | Severity::Info => Status::Warning,
        }
    }
}

/// How completely doctor decides the alert without Prometheus: A (API objects decide it), P
/// (partly, by an approximation such as log lines), M (with the metrics API, metrics.k8s.io),
/// X (only Prometheus, which holds the alert's own metrics, decides it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    A,
    P,
    M,
    X,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::A => "A",
            Coverage::P => "P",
            Coverage::M => "M",
            Coverage::X => "X",
        }
    }
}

/// An evidence source: API objects, pod logs, events, the metrics API, kubelet stats, a
/// component scrape, or Prometheus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Api,
    Log,
    Evt,
    Mapi,
    Kstat,
    Scrape,
    Prom,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Api => "API",
            Source::Log => "LOG",
            Source::Evt => "EVT",
            Source::Mapi => "MAPI",
            Source::Kstat => "KSTAT",
            Source::Scrape => "SCRAPE",
            Source::Prom => "PROM",
        }
    }
}

/// What the catalog knows about a check, independent of any cluster.
#[derive(Debug)]
pub struct Meta {
    pub name: &'static str,
    /// Older or alternative alert names that resolve to this check.
    pub aliases: &'static [&'static str],
    pub component: Component,
    pub severity: Severity,
    pub default_on: bool,
    pub coverage: Coverage,
    pub sources: &'static [Source],
    /// The alert's `for` duration in seconds (0: fires at once).
    pub for_secs: i64,
    /// Where the runbook text came from in the OpenShift Virtualization documentation the catalog
    /// was written from (`000 §14.14.17`: that edition's alert runbooks chapter and section; empty
    /// for alerts only upstream's runbooks describe). Shown by `doctor --list -o json`.
    pub seeds: &'static str,
    pub meaning: &'static str,
    pub mitigation: &'static str,
}

impl Meta {
    pub fn runbook(&self) -> String {
        format!("https://kubevirt.io/monitoring/runbooks/{}", self.name)
    }

    /// The check's name and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }
}

/// A result's status; the order is "how bad" (skipped < ok < warning < critical).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Skipped,
    Ok,
    Warning,
    Critical,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Skipped => "skipped",
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Critical => "critical",
        }
    }

    pub fn is_problem(self) -> bool {
        matches!(self, Status::Warning | Status::Critical)
    }
}

/// Why a check did not decide; reported as the skip reason's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipCode {
    NotInstalled,
    Forbidden,
    NeedsPrometheus,
    NeedsMetricsApi,
    LogsDisabled,
    NotApplicable,
    Error,
}

impl SkipCode {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipCode::NotInstalled => "not-installed",
            SkipCode::Forbidden => "forbidden",
            SkipCode::NeedsPrometheus => "needs-prometheus",
            SkipCode::NeedsMetricsApi => "needs-metrics-api",
            SkipCode::LogsDisabled => "logs-disabled",
            SkipCode::NotApplicable => "not-applicable",
            SkipCode::Error => "error",
        }
    }
}

/// The object a finding is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectRef {
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub name: String,
}

/// One fact-backed observation: an object, its check-specific facts, and a line for the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub object: ObjectRef,
    pub facts: Map<String, Value>,
    pub text: String,
}

impl Finding {
    pub fn new(kind: &str, namespace: Option<&str>, name: &str, text: impl Into<String>) -> Finding {
        Finding {
            object: ObjectRef {
                kind: kind.to_string(),
                namespace: namespace.filter(|n| !n.is_empty()).map(str::to_string),
                name: name.to_string(),
            },
            facts: Map::new(),
            text: text.into(),
        }
    }

    /// Adds a fact (camelCase key); `null` values are left out.
    pub fn fact(mut self, key: &str, value: impl Into<Value>) -> Finding {
        let value = value.into();
        if !value.is_null() {
            self.facts.insert(key.to_string(), value);
        }
        self
    }
}

/// What a check's evaluation returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    pub pending: bool,
    pub since: Option<Timestamp>,
    pub summary: String,
    pub findings: Vec<Finding>,
    pub skip: Option<(SkipCode, String)>,
    /// Marks a verdict reached indirectly (e.g. from log signatures instead of metrics).
    pub indirect: bool,
}

impl Outcome {
    pub fn ok(summary: impl Into<String>) -> Outcome {
        Outcome {
            status: Status::Ok,
            pending: false,
            since: None,
            summary: summary.into(),
            findings: Vec::new(),
            skip: None,
            indirect: false,
        }
    }

    pub fn skipped(code: SkipCode, message: impl Into<String>) -> Outcome {
        let message = message.into();
        Outcome {
            status: Status::Skipped,
            summary: format!("{}: {message}", code.as_str()),
            skip: Some((code, message)),
            ..Outcome::ok("")
        }
    }

    /// A failing state: `status` once it has lasted `for_secs` (judged from `since`), else a
    /// pending `warning`. An unknown age counts as pending, unless the alert has no `for`.
    pub fn failing(
        status: Status,
        since: Option<Timestamp>,
        now: Timestamp,
        for_secs: i64,
        summary: impl Into<String>,
    ) -> Outcome {
        let old_enough = match since {
            Some(t) => now.as_second() - t.as_second() >= for_secs,
            None => for_secs == 0,
        };
        Outcome {
            status: if old_enough { status } else { Status::Warning },
            pending: !old_enough,
            since,
            ..Outcome::ok(summary)
        }
    }

    pub fn with(mut self, findings: Vec<Finding>) -> Outcome {
        self.findings.extend(findings);
        self
    }

    pub fn finding(mut self, finding: Finding) -> Outcome {
        self.findings.push(finding);
        self
    }

    pub fn indirect(mut self) -> Outcome {
        self.indirect = true;
        self
    }
}

/// `14m`, `3h`, `2d`: an age in the largest unit that fits.
pub fn age(seconds: i64) -> String {
    let s = seconds.max(0);
    if s < 120 {
        format!("{s}s")
    } else if s < 2 * 3600 {
        format!("{}m", s / 60)
    } else if s < 2 * 86400 {
        format!("{}h", s / 3600)
    } else {
        format!("{}d", s / 86400)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn failing_state_is_pending_until_its_for_duration() {
        let now = t("2025-01-01T10:16:00Z");
        let old = Outcome::failing(Status::Critical, Some(t("2025-01-01T10:02:00Z")), now, 600, "x");
        assert_eq!((old.status, old.pending), (Status::Critical, false));
        let young = Outcome::failing(Status::Critical, Some(t("2025-01-01T10:12:00Z")), now, 600, "x");
        assert_eq!((young.status, young.pending), (Status::Warning, true));
        let unknown = Outcome::failing(Status::Critical, None, now, 600, "x");
        assert!(unknown.pending);
        let instant = Outcome::failing(Status::Warning, None, now, 0, "x");
        assert!(!instant.pending);
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(30), "30s");
        assert_eq!(age(14 * 60), "14m");
        assert_eq!(age(3 * 3600), "3h");
        assert_eq!(age(3 * 86400), "3d");
    }

    #[test]
    fn status_order_is_badness() {
        assert!(Status::Critical > Status::Warning && Status::Warning > Status::Ok && Status::Ok > Status::Skipped);
    }
}
