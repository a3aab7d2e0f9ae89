//! `hpp`: the hostpath provisioner.

use super::catalog::Check;
use super::common::{FnCheck, LogCheck, Rule, WpCheck, cr_not_ready};
use super::facts::{Facts, K};
use super::model::{Meta, Outcome, SkipCode};
use super::workload::{HPP_CSI, HPP_OPERATOR};

pub static CHECKS: &[&dyn Check] = &[
    &FnCheck {
        name: "HPPNotReady",
        needs: &[K::HostPathProvisioners],
        wants: &[K::DaemonSets, K::Pods],
        eval: not_ready,
    },
    &WpCheck {
        name: "HPPOperatorDown",
        wl: &HPP_OPERATOR,
        rule: Rule::NoneReady,
    },
    &LogCheck {
        name: "HPPSharingPoolPathWithOS",
        wl: &HPP_CSI,
        window_secs: None,
        patterns: &["shares path with OS"],
        threshold: 0,
        what: "storage pool(s) share the OS file system",
    },
];

fn not_ready(f: &Facts, meta: &Meta) -> Outcome {
    let Some(hpp) = f.items(K::HostPathProvisioners).first() else {
        return Outcome::skipped(SkipCode::NotInstalled, "no HostPathProvisioner CR");
    };
    let mut out = cr_not_ready(f, meta, hpp, "HostPathProvisioner");
    if out.status.is_problem()
        && let Ok(wp) = HPP_CSI.probe(f)
    {
        out.findings.extend(wp.findings(f));
    }
    out
}
