//! `hpp`: the hostpath provisioner.

use super::catalog::CatalogEntry;
use super::common::{FnCheck, LogCheck, Rule, WorkloadCheck, cr_not_ready};
use super::facts::{Facts, Kind};
use super::model::{Component, Coverage, Meta, Outcome, Severity, SkipCode, Source};
use super::workload::{HPP_CSI, HPP_OPERATOR};

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "HPPNotReady", aliases: &[], component: Component::Hpp, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.7",
            meaning: "The hostpath provisioner is degraded and not progressing, so PVCs on HPP storage classes cannot be provisioned.",
            mitigation: "Fix the failing component (pool PVC not bound, image, scheduling on the node).",
        },
        check: &FnCheck {
            needs: &[Kind::HostPathProvisioners],
            wants: &[Kind::DaemonSets, Kind::Pods],
            eval: not_ready,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HPPOperatorDown", aliases: &[], component: Component::Hpp, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.8",
            meaning: "The hostpath-provisioner operator is down, so HPP components may not be deployed or repaired.",
            mitigation: "Fix the pod failure shown; repair the operator installation if the Deployment is gone.",
        },
        check: &WorkloadCheck {
            workload: &HPP_OPERATOR,
            rule: Rule::NoneReady,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HPPSharingPoolPathWithOS", aliases: &[], component: Component::Hpp, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Log, Source::Prom], for_secs: 60, seeds: "000 §14.14.9",
            meaning: "An HPP storage pool lives on the same file system as the node OS/kubelet, so volumes can fill the node disk and cause disk pressure.",
            mitigation: "Move the pool to a dedicated disk/file system (or a PVC-backed pool) so it does not share the OS file system; steps depend on the node.",
        },
        check: &LogCheck {
            workload: &HPP_CSI,
            window_secs: None,
            patterns: &["shares path with OS"],
            threshold: 0,
            what: "storage pool(s) share the OS file system",
        },
    },
];

fn not_ready(f: &Facts, meta: &Meta) -> Outcome {
    let Some(hpp) = f.items(Kind::HostPathProvisioners).first() else {
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
