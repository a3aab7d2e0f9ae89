//! The catalog: every check, in report order. Each component file declares its checks as
//! [`CatalogEntry`]s, the metadata beside the logic; the catalog only concatenates the component
//! files' slices, in component order (the order of [`super::model::Component`]), and each file keeps its
//! entries in the order of the runbook index.

use super::facts::{Facts, Kind, LogRequest};
use super::model::{Meta, Outcome};
use super::{cdi, hco, hpp, network, node, ssp, virt, vm};

/// A check's logic: what it reads, and a pure evaluation of those facts.
pub trait Check: Sync {
    /// Kinds without which the check cannot decide (403 -> `skipped (forbidden)`, not served ->
    /// `skipped (not-installed)`).
    fn needs(&self) -> Vec<Kind>;
    /// Kinds read when available, for evidence.
    fn wants(&self) -> Vec<Kind> {
        vec![Kind::Events, Kind::Nodes]
    }
    /// Pod logs to read, once the lists are in.
    fn logs(&self, _facts: &Facts) -> Vec<LogRequest> {
        Vec::new()
    }
    fn evaluate(&self, facts: &Facts, meta: &Meta) -> Outcome;
}

/// One check: what the catalog says about it (alert, severity, runbook text ...) and the logic
/// that decides it, declared together in the component's file.
pub struct CatalogEntry {
    pub meta: Meta,
    pub check: &'static dyn Check,
}

/// Each component file's checks, in report order.
static COMPONENT_CHECKS: &[&[CatalogEntry]] = &[
    hco::CHECKS,
    virt::CHECKS,
    cdi::CHECKS,
    network::CHECKS,
    ssp::CHECKS,
    hpp::CHECKS,
    node::CHECKS,
    vm::CHECKS,
];

/// Every check, in report order.
pub fn entries() -> impl Iterator<Item = &'static CatalogEntry> + Clone {
    COMPONENT_CHECKS.iter().flat_map(|checks| checks.iter())
}

/// The entry of a check by name or alias (case-insensitive).
pub fn find_entry(name: &str) -> Option<&'static CatalogEntry> {
    entries().find(|e| e.meta.names().any(|n| n.eq_ignore_ascii_case(name)))
}

/// The metadata of a check by name or alias (case-insensitive).
pub fn find(name: &str) -> Option<&'static Meta> {
    find_entry(name).map(|e| &e.meta)
}

/// `*` and `?` globs, case-insensitive.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    fn inner(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => inner(&p[1..], t) || (!t.is_empty() && inner(p, &t[1..])),
            (Some(b'?'), Some(_)) => inner(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => inner(&p[1..], &t[1..]),
            _ => false,
        }
    }
    inner(pattern.as_bytes(), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = BTreeSet::new();
        for meta in entries().map(|e| &e.meta) {
            for name in meta.names() {
                // KubeMacPoolDown and KubemacpoolDown differ only in case: both spellings are kept.
                assert!(seen.insert(name), "{name} twice");
            }
        }
    }

    #[test]
    fn report_order_follows_components() {
        let order: Vec<_> = entries().map(|e| e.meta.component).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }

    #[test]
    fn all_97_alerts_resolve() {
        let names: usize = entries().map(|e| e.meta.names().count()).sum();
        // 97 alerts + 2 doctor-native checks (NodeDrainReadiness, VMLatencyCheckup); the third,
        // NodeMaintenanceStatus, evaluates the retired NMOInUse alert under its own name.
        assert_eq!(names, 97 + 2 + 1);
        assert_eq!(find("ssPOperatorDown").unwrap().name, "SSPDown");
        assert_eq!(find("KubeMacPoolDown").unwrap().name, "KubemacpoolDown");
    }

    #[test]
    fn every_scenario_fires_its_check_and_the_healthy_install_does_not() {
        use crate::commands::doctor::fixtures as fx;
        use crate::commands::doctor::model::Status;
        for s in kubevirt_sim::scenarios::SCENARIOS {
            let out = fx::evaluate(s.check, fx::NOW, fx::scenario(s.name));
            assert_eq!(out.status.as_str(), s.status, "{}: {out:?}", s.name);
            assert!(!out.pending && !out.findings.is_empty(), "{}: {out:?}", s.name);
        }
        for entry in entries() {
            let out = fx::evaluate(entry.meta.name, fx::NOW, fx::install());
            assert!(
                matches!(out.status, Status::Ok | Status::Skipped),
                "{}: {out:?}",
                entry.meta.name
            );
        }
    }

    /// Checks no runbook scenario makes fire, each with the reason. Coverage may only grow: a
    /// check listed here that gains a scenario fails [`every_check_has_a_scenario`] too.
    const WITHOUT_SCENARIO: &[(&str, &str)] = &[(
        "VMLatencyCheckup",
        "the verdict of `virtctl doctor checkup vm-latency`, not an alert: no cluster state makes it fire",
    )];

    #[test]
    fn every_check_has_a_scenario() {
        let fired: BTreeSet<&str> = kubevirt_sim::scenarios::SCENARIOS.iter().map(|s| s.check).collect();
        let missing: Vec<&str> = entries()
            .map(|e| e.meta.name)
            .filter(|n| !fired.contains(n) && !WITHOUT_SCENARIO.iter().any(|(w, _)| w == n))
            .collect();
        assert!(missing.is_empty(), "checks no scenario makes fire: {missing:?}");
        for (name, _) in WITHOUT_SCENARIO {
            assert!(find(name).is_some(), "{name} is not a check");
            assert!(
                !fired.contains(name),
                "{name} has a scenario now: drop it from WITHOUT_SCENARIO"
            );
        }
        for s in kubevirt_sim::scenarios::SCENARIOS {
            assert_eq!(
                find(s.check).map(|m| m.name),
                Some(s.check),
                "{} names {}",
                s.name,
                s.check
            );
        }
    }

    #[test]
    fn globs() {
        assert!(glob_match("Virt*Down", "VirtAPIDown"));
        assert!(glob_match("virt*down", "VirtHandlerDown"));
        assert!(!glob_match("Virt*Down", "NoReadyVirtAPI"));
        assert!(glob_match("CDI?otReady", "CDINotReady"));
    }
}
