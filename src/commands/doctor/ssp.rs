//! `ssp`: the Scheduling, Scale and Performance operator and its template validator.

use super::catalog::Check;
use super::common::{FnCheck, LogCheck, Rule, WpCheck, cr_not_ready, ready_names};
use super::facts::{Facts, K, str_at};
use super::model::{Meta, Outcome, SkipCode};
use super::workload::{SSP_OPERATOR, TEMPLATE_VALIDATOR};

pub static CHECKS: &[&dyn Check] = &[
    &LogCheck {
        name: "SSPCommonTemplatesModificationReverted",
        wl: &SSP_OPERATOR,
        window_secs: Some(3600),
        patterns: &["common template"],
        threshold: 0,
        what: "common template change(s) reverted",
    },
    &FnCheck {
        name: "SSPFailingToReconcile",
        needs: &[K::Ssps, K::Pods],
        wants: &[K::Deployments],
        eval: failing_to_reconcile,
    },
    &LogCheck {
        name: "SSPHighRateRejectedVms",
        wl: &TEMPLATE_VALIDATOR,
        window_secs: Some(3600),
        patterns: &["succeeded=false"],
        threshold: 5,
        what: "VM(s) rejected by the template validator",
    },
    &WpCheck {
        name: "SSPDown",
        wl: &SSP_OPERATOR,
        rule: Rule::NoneReady,
    },
    &WpCheck {
        name: "SSPTemplateValidatorDown",
        wl: &TEMPLATE_VALIDATOR,
        rule: Rule::NoneReady,
    },
];

fn failing_to_reconcile(f: &Facts, meta: &Meta) -> Outcome {
    let wp = match SSP_OPERATOR.probe(f) {
        Ok(wp) => wp,
        Err(skipped) => return skipped,
    };
    let Some(ssp) = f.items(K::Ssps).first() else {
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
