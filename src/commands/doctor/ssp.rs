//! `ssp`: the Scheduling, Scale and Performance operator and its template validator.

use super::catalog::CatalogEntry;
use super::common::{FnCheck, LogCheck, Rule, WorkloadCheck, cr_not_ready, ready_names};
use super::facts::{Facts, Kind, str_at};
use super::model::{Component, Coverage, Meta, Outcome, Severity, SkipCode, Source};
use super::workload::{SSP_OPERATOR, TEMPLATE_VALIDATOR};

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "SSPCommonTemplatesModificationReverted", aliases: &[], component: Component::Ssp, severity: Severity::Warning, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Log, Source::Prom], for_secs: 0, seeds: "000 §14.14.34",
            meaning: "Someone edited a common template and ssp-operator reverted the change during reconciliation.",
            mitigation: "Stop editing the shipped templates; make changes on copies.",
        },
        check: &LogCheck {
            workload: &SSP_OPERATOR,
            window_secs: Some(3600),
            patterns: &["common template"],
            threshold: 0,
            what: "common template change(s) reverted",
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "SSPFailingToReconcile", aliases: &[], component: Component::Ssp, severity: Severity::Critical, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Log, Source::Prom], for_secs: 300, seeds: "000 §14.14.35; 002 §13.13.2.1",
            meaning: "ssp-operator runs but its reconcile loop keeps failing, so templates and the validator are not deployed or updated.",
            mitigation: "Resolve the error the operator reports (RBAC, conflicting objects, validator deployment).",
        },
        check: &FnCheck {
            needs: &[Kind::Ssps, Kind::Pods],
            wants: &[Kind::Deployments],
            eval: failing_to_reconcile,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "SSPHighRateRejectedVms", aliases: &[], component: Component::Ssp, severity: Severity::Warning, default_on: true,
            coverage: Coverage::P, sources: &[Source::Api, Source::Log, Source::Prom], for_secs: 300, seeds: "000 §14.14.36",
            meaning: "More than five VM create/update requests were rejected by the template validator within an hour (a script or user keeps submitting invalid VMs).",
            mitigation: "Correct the VM definitions or the automation creating them.",
        },
        check: &LogCheck {
            workload: &TEMPLATE_VALIDATOR,
            window_secs: Some(3600),
            patterns: &["succeeded=false"],
            threshold: 5,
            what: "VM(s) rejected by the template validator",
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "SSPDown", aliases: &["SSPOperatorDown"], component: Component::Ssp, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.37; 002 §13.13.2.2",
            meaning: "All ssp-operator pods are down: common templates and the template validator are no longer deployed, reconciled or repaired.",
            mitigation: "Fix the pod failure shown (describe, logs).",
        },
        check: &WorkloadCheck {
            workload: &SSP_OPERATOR,
            rule: Rule::NoneReady,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "SSPTemplateValidatorDown", aliases: &[], component: Component::Ssp, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.38; 002 §13.13.2.3",
            meaning: "All template-validator pods are down, so VMs are no longer checked against their template's rules.",
            mitigation: "Fix the validator pods; if the Deployment is missing, look at ssp-operator logs.",
        },
        check: &WorkloadCheck {
            workload: &TEMPLATE_VALIDATOR,
            rule: Rule::NoneReady,
        },
    },
];

fn failing_to_reconcile(f: &Facts, meta: &Meta) -> Outcome {
    let wp = match SSP_OPERATOR.probe(f) {
        Ok(wp) => wp,
        Err(skipped) => return skipped,
    };
    let Some(ssp) = f.items(Kind::Ssps).first() else {
        return Outcome::skipped(SkipCode::NotInstalled, "no SSP CR");
    };
    if ready_names(&wp.pods).is_empty() {
        return Outcome::ok("ssp-operator is not running (see SSPDown)");
    }
    let degraded = super::facts::is_true(ssp, "Degraded");
    let available = super::facts::is_true(ssp, "Available");
    if available && !degraded && matches!(str_at(ssp, "/status/phase"), "Deployed" | "") {
        return Outcome::ok("SSP reconciles (Available, not Degraded)");
    }
    let mut out = cr_not_ready(f, meta, ssp, "SSP");
    if !out.status.is_problem() {
        let since = super::facts::condition_since(ssp, "Degraded");
        out = Outcome::failing(meta.severity.status(), since, f.now, meta.for_secs, "SSP is degraded");
    }
    out
}
