//! `hco`: the HyperConverged Cluster Operator and its CR.

use super::catalog::CatalogEntry;
use super::common::FnCheck;
use super::facts::{
    Facts, Kind, annotation, array, condition, condition_line, condition_since, event_time, i64_at, name_of,
    namespace_of, str_at, time_at,
};
use super::model::{Component, Coverage, Finding, Meta, Outcome, Severity, SkipCode, Source, Status, age};
use super::object::Object;

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "KubeVirtCRModified", aliases: &["KubevirtHyperconvergedClusterOperatorCRModification"], component: Component::Hco, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Evt, Source::Prom], for_secs: 0, seeds: "000 §14.14.14",
            meaning: "An operand owned by HCO (KubeVirt, CDI, SSP, NetworkAddonsConfig CRs ...) was changed by someone other than HCO, which overwrote it again.",
            mitigation: "Do not edit HCO operands; configure through the HyperConverged CR. The alert clears 10 minutes after manual edits stop.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds, Kind::Events],
            wants: &[],
            eval: cr_modified,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HCOInstallationIncomplete", aliases: &["KubevirtHyperconvergedClusterOperatorInstallationNotCompletedAlert"], component: Component::Hco, severity: Severity::Info, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 3600, seeds: "000 §14.14.15",
            meaning: "HCO has been running for over an hour without a HyperConverged CR (install never finished, or the CR was deleted before uninstalling HCO).",
            mitigation: "Create the HyperConverged CR kubevirt-hyperconverged in $HCO with an empty spec, or finish uninstalling HCO. (The seed's French example shows an OperatorGroup manifest here; the upstream runbook correctly shows a HyperConverged CR.)",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds, Kind::Deployments, Kind::Pods],
            wants: &[],
            eval: installation_incomplete,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "UnsupportedHCOModification", aliases: &["KubevirtHyperconvergedClusterOperatorUSModification"], component: Component::Hco, severity: Severity::Info, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "000 §14.14.16",
            meaning: "A JSON-patch annotation on the HyperConverged CR forces an unsupported change into an operand; HCO will not revert it and upgrades become risky.",
            mitigation: "Prefer the HCO API; if a patch is unavoidable keep it minimal and remove it before upgrading (kubectl annotate hco kubevirt-hyperconverged -n $HCO '<key>-').",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds],
            wants: &[],
            eval: unsupported_modification,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HCOGoldenImageWithNoArchitectureAnnotation", aliases: &[], component: Component::Hco, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "With multi-arch boot images enabled, a custom DataImportCronTemplate lacks the ssp.kubevirt.io/dict.architectures annotation.",
            mitigation: "Add the annotation with the image's architectures (comma-separated, e.g. amd64,arm64); rebuild or remove images that support none of the cluster's.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds],
            wants: &[],
            eval: golden_no_annotation,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HCOGoldenImageWithNoSupportedArchitecture", aliases: &[], component: Component::Hco, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "A DataImportCronTemplate supports none of the cluster's node architectures, so HCO does not create that golden image.",
            mitigation: "Add nodes of a supported architecture, fix the annotation, point the template at a suitable image, or disable it with dataimportcrontemplate.kubevirt.io/enable: 'false'.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds],
            wants: &[],
            eval: golden_no_arch,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HCOMisconfiguredDescheduler", aliases: &[], component: Component::Hco, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "The Kube Descheduler operator is installed without a KubeVirt-aware profile, so it may evict VM pods instead of live-migrating them.",
            mitigation: "Configure one of the profiles in order of preference (KubeVirtRelieveAndMigrate, DevKubeVirtRelieveAndMigrate, LongLifecycle + devEnableEvictionsInBackground), or remove the descheduler.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds],
            wants: &[Kind::KubeDeschedulers],
            eval: descheduler,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HCOMultiArchGoldenImagesDisabled", aliases: &[], component: Component::Hco, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "The workload nodes have several CPU architectures but multi-arch boot images are disabled, so a VM may get a golden image of the wrong architecture.",
            mitigation: "Enable the (alpha) feature gate and annotate custom templates, or restrict workload node placement to one architecture.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds],
            wants: &[],
            eval: multi_arch_disabled,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "HCOOperatorConditionsUnhealthy", aliases: &["OperatorConditionsUnhealthy"], component: Component::Hco, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "",
            meaning: "HCO reports its own or its operands' state as error (not Available or Degraded) or warning (reconcile incomplete or progressing).",
            mitigation: "Follow the message to the degraded operand and use that component's checks.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds],
            wants: &[],
            eval: conditions_unhealthy,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "DuplicateWaspAgentDSDetected", aliases: &[], component: Component::Hco, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 60, seeds: "",
            meaning: "A second wasp-agent DaemonSet (namespace wasp) exists while HCO manages memory overcommit, so two agents compete.",
            mitigation: "Remove the manually deployed wasp-agent, keeping the HCO-managed one.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds, Kind::DaemonSets],
            wants: &[],
            eval: duplicate_wasp,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "SingleStackIPv6Unsupported", aliases: &[], component: Component::Hco, severity: Severity::Critical, default_on: false,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 0, seeds: "",
            meaning: "HCO was installed on a single-stack IPv6 OpenShift cluster, which it did not support.",
            mitigation: "Upstream now says the alert may be ignored; see the runbook's tracking issue.",
        },
        check: &FnCheck {
            needs: &[Kind::HyperConvergeds],
            wants: &[Kind::Networks],
            eval: single_stack_ipv6,
        },
    },
];

fn hco(f: &Facts) -> Result<&Object, Outcome> {
    f.items(Kind::HyperConvergeds)
        .first()
        .ok_or_else(|| Outcome::skipped(SkipCode::NotInstalled, "no HyperConverged CR"))
}

fn cr_modified(f: &Facts, meta: &Meta) -> Outcome {
    if let Err(s) = hco(f) {
        return s;
    }
    let mut per_operand: std::collections::BTreeMap<String, (usize, Option<k8s_openapi::jiff::Timestamp>)> =
        Default::default();
    for e in f.items(Kind::Events) {
        if str_at(e, "/involvedObject/kind") != "HyperConverged" || str_at(e, "/reason") != "Overwritten" {
            continue;
        }
        let Some(t) = event_time(e) else { continue };
        if f.seconds_since(t) > 600 {
            continue;
        }
        let operand = str_at(e, "/message").trim_start_matches("Overwritten ").to_string();
        let entry = per_operand.entry(operand).or_default();
        entry.0 += i64_at(e, "/count").unwrap_or(1).max(1) as usize;
        entry.1 = entry.1.max(Some(t));
    }
    if per_operand.is_empty() {
        return Outcome::ok("no operand overwritten by HCO in the last 10m");
    }
    let findings = per_operand
        .iter()
        .map(|(operand, (count, last))| {
            Finding::new(
                "Operand",
                None,
                operand,
                format!(
                    "{operand}: overwritten {count} time(s), last {} ago",
                    last.map(|t| age(f.seconds_since(t))).unwrap_or_default()
                ),
            )
            .fact("componentName", operand.as_str())
            .fact("overwrites", *count)
        })
        .collect();
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!(
            "{} HCO operand(s) modified outside HCO in the last 10m",
            per_operand.len()
        ),
    )
    .with(findings)
}

fn installation_incomplete(f: &Facts, meta: &Meta) -> Outcome {
    if !f.items(Kind::HyperConvergeds).is_empty() {
        return Outcome::ok("HyperConverged CR exists");
    }
    let Some(op) = f
        .items(Kind::Deployments)
        .iter()
        .find(|d| name_of(d) == "hyperconverged-cluster-operator")
    else {
        return Outcome::skipped(SkipCode::NotInstalled, "HCO operator not found");
    };
    let ns = namespace_of(op);
    let started = f
        .in_ns(Kind::Pods, ns)
        .filter(|p| name_of(p).starts_with("hyperconverged-cluster-operator-"))
        .filter_map(|p| time_at(p, "/status/startTime"))
        .min();
    let summary = format!(
        "HCO runs in {ns} without a HyperConverged CR{}",
        started
            .map(|t| format!(" for {}", age(f.seconds_since(t))))
            .unwrap_or_default()
    );
    Outcome::failing(meta.severity.status(), started, f.now, meta.for_secs, summary).finding(Finding::new(
        "Deployment",
        Some(ns),
        "hyperconverged-cluster-operator",
        format!("Deployment {ns}/hyperconverged-cluster-operator, no hyperconvergeds.hco.kubevirt.io"),
    ))
}

const JSONPATCH_ANNOTATIONS: &[&str] = &[
    "kubevirt.kubevirt.io/jsonpatch",
    "containerizeddataimporter.kubevirt.io/jsonpatch",
    "networkaddonsconfigs.kubevirt.io/jsonpatch",
    "ssp.kubevirt.io/jsonpatch",
];

fn unsupported_modification(f: &Facts, meta: &Meta) -> Outcome {
    let hco = match hco(f) {
        Ok(h) => h,
        Err(s) => return s,
    };
    let mut findings = Vec::new();
    for key in JSONPATCH_ANNOTATIONS {
        let Some(text) = annotation(hco, key) else { continue };
        let ops: Vec<String> = serde_json::from_str::<Object>(text)
            .ok()
            .as_ref()
            .and_then(Object::as_array)
            .unwrap_or_default()
            .iter()
            .map(|op| format!("{} {}", str_at(op, "/op"), str_at(op, "/path")))
            .collect();
        findings.push(
            Finding::new(
                "HyperConverged",
                Some(namespace_of(hco)),
                name_of(hco),
                format!("annotation {key}: {} operation(s): {}", ops.len(), ops.join(", ")),
            )
            .fact("annotationName", *key)
            .fact("operations", ops),
        );
    }
    if findings.is_empty() {
        return Outcome::ok("no JSON-patch annotation on the HyperConverged CR");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} unsupported JSON-patch annotation(s)", findings.len()),
    )
    .with(findings)
}

fn multi_arch_enabled(hco: &Object) -> bool {
    hco.pointer("/spec/featureGates/enableMultiArchBootImageImport")
        .and_then(Object::as_bool)
        == Some(true)
}

fn golden_no_annotation(f: &Facts, meta: &Meta) -> Outcome {
    let hco = match hco(f) {
        Ok(h) => h,
        Err(s) => return s,
    };
    if !multi_arch_enabled(hco) {
        return Outcome::ok("multi-arch boot images are disabled");
    }
    let findings: Vec<Finding> = array(hco, "/spec/dataImportCronTemplates")
        .iter()
        .filter(|t| annotation(t, "ssp.kubevirt.io/dict.architectures").is_none())
        .map(|t| {
            Finding::new(
                "DataImportCronTemplate",
                None,
                name_of(t),
                format!(
                    "template {} has no ssp.kubevirt.io/dict.architectures annotation",
                    name_of(t)
                ),
            )
        })
        .collect();
    if findings.is_empty() {
        return Outcome::ok("every custom DataImportCronTemplate names its architectures");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} template(s) without architecture annotation", findings.len()),
    )
    .with(findings)
}

fn golden_no_arch(f: &Facts, meta: &Meta) -> Outcome {
    let hco = match hco(f) {
        Ok(h) => h,
        Err(s) => return s,
    };
    let findings: Vec<Finding> = array(hco, "/status/dataImportCronTemplates")
        .iter()
        .filter(|t| {
            condition(t, "Deployed")
                .is_some_and(|c| str_at(c, "/status") == "False" && str_at(c, "/reason") == "UnsupportedArchitectures")
        })
        .map(|t| {
            Finding::new(
                "DataImportCronTemplate",
                None,
                name_of(t),
                format!("template {} supports none of the cluster's architectures", name_of(t)),
            )
        })
        .collect();
    if findings.is_empty() {
        return Outcome::ok("every DataImportCronTemplate supports a cluster architecture");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} template(s) without a supported architecture", findings.len()),
    )
    .with(findings)
}

fn descheduler(f: &Facts, meta: &Meta) -> Outcome {
    if let Err(s) = hco(f) {
        return s;
    }
    let Some(d) = f.items(Kind::KubeDeschedulers).iter().find(|d| name_of(d) == "cluster") else {
        return Outcome::ok("no Kube Descheduler installed (not applicable)");
    };
    let profiles: Vec<&str> = array(d, "/spec/profiles").iter().filter_map(Object::as_str).collect();
    if profiles.iter().any(|p| {
        matches!(
            *p,
            "KubeVirtRelieveAndMigrate" | "DevKubeVirtRelieveAndMigrate" | "LongLifecycle"
        )
    }) {
        let mut summary = format!("descheduler profiles {}", profiles.join(","));
        let background = d
            .pointer("/spec/profileCustomizations/devEnableEvictionsInBackground")
            .and_then(Object::as_bool)
            == Some(true);
        let kubevirt_aware = profiles
            .iter()
            .any(|p| matches!(*p, "KubeVirtRelieveAndMigrate" | "DevKubeVirtRelieveAndMigrate"));
        if !kubevirt_aware && !background {
            // HCO's metric accepts LongLifecycle alone; the runbook asks for the customization too.
            summary.push_str(" (the runbook also asks for profileCustomizations.devEnableEvictionsInBackground: true)");
        }
        return Outcome::ok(summary);
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        "the descheduler has no KubeVirt-aware profile",
    )
    .finding(
        Finding::new(
            "KubeDescheduler",
            Some(namespace_of(d)),
            "cluster",
            format!("profiles: {}", profiles.join(",")),
        )
        .fact("profiles", profiles),
    )
}

fn multi_arch_disabled(f: &Facts, meta: &Meta) -> Outcome {
    let hco = match hco(f) {
        Ok(h) => h,
        Err(s) => return s,
    };
    let archs: Vec<&str> = array(hco, "/status/nodeInfo/workloadsArchitectures")
        .iter()
        .filter_map(Object::as_str)
        .collect();
    if archs.len() > 1 && !array(hco, "/status/dataImportCronTemplates").is_empty() && !multi_arch_enabled(hco) {
        return Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            format!(
                "workload nodes have {} architectures; multi-arch boot images disabled",
                archs.len()
            ),
        )
        .finding(
            Finding::new(
                "HyperConverged",
                Some(namespace_of(hco)),
                name_of(hco),
                format!("architectures {}", archs.join(",")),
            )
            .fact("architectures", archs),
        );
    }
    Outcome::ok(format!("workload architectures: {}", archs.join(",")))
}

fn conditions_unhealthy(f: &Facts, meta: &Meta) -> Outcome {
    let hco = match hco(f) {
        Ok(h) => h,
        Err(s) => return s,
    };
    let health = str_at(hco, "/status/systemHealthStatus");
    let (status, conds): (Status, &[&str]) = match health {
        "error" => (Status::Critical, &["Available", "Degraded"]),
        "warning" => (Status::Warning, &["ReconcileComplete", "Progressing"]),
        _ => {
            return Outcome::ok(format!(
                "systemHealthStatus {}",
                if health.is_empty() { "unset" } else { health }
            ));
        }
    };
    let since = conds.iter().filter_map(|c| condition_since(hco, c)).max();
    let findings = [
        "Available",
        "Progressing",
        "Degraded",
        "ReconcileComplete",
        "Upgradeable",
    ]
    .iter()
    .filter_map(|t| condition(hco, t))
    .map(|c| {
        Finding::new(
            "HyperConverged",
            Some(namespace_of(hco)),
            name_of(hco),
            condition_line(c),
        )
        .fact("type", str_at(c, "/type"))
        .fact("status", str_at(c, "/status"))
        .fact("reason", str_at(c, "/reason"))
    })
    .collect();
    let mut out = Outcome::failing(
        status,
        since,
        f.now,
        meta.for_secs,
        format!("HCO reports systemHealthStatus {health}"),
    );
    out.findings = findings;
    out
}

fn duplicate_wasp(f: &Facts, meta: &Meta) -> Outcome {
    let hco = match hco(f) {
        Ok(h) => h,
        Err(s) => return s,
    };
    let overcommit = i64_at(hco, "/spec/higherWorkloadDensity/memoryOvercommitPercentage").unwrap_or(100);
    let wasp = f.named(Kind::DaemonSets, "wasp", "wasp-agent");
    if overcommit > 100 && wasp.is_some() {
        return Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            format!("a manual wasp-agent DaemonSet runs while HCO overcommits memory ({overcommit}%)"),
        )
        .finding(Finding::new(
            "DaemonSet",
            Some("wasp"),
            "wasp-agent",
            "DaemonSet wasp/wasp-agent",
        ));
    }
    Outcome::ok("no duplicate wasp-agent")
}

fn single_stack_ipv6(f: &Facts, meta: &Meta) -> Outcome {
    if let Err(s) = hco(f) {
        return s;
    }
    let Some(net) = f.items(Kind::Networks).iter().find(|n| name_of(n) == "cluster") else {
        return Outcome::ok("not OpenShift (not applicable)");
    };
    let cidrs: Vec<&str> = array(net, "/status/clusterNetwork")
        .iter()
        .map(|c| str_at(c, "/cidr"))
        .collect();
    if !cidrs.is_empty() && cidrs.iter().all(|c| c.contains(':')) {
        return Outcome::failing(
            meta.severity.status(),
            None,
            f.now,
            0,
            "single-stack IPv6 cluster network",
        )
        .finding(Finding::new(
            "Network",
            None,
            "cluster",
            format!("cluster networks {}", cidrs.join(",")),
        ));
    }
    Outcome::ok(format!("cluster networks {}", cidrs.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::doctor::fixtures as fx;

    fn with_profiles(spec: serde_json::Value) -> Outcome {
        let mut objs = fx::scenario("descheduler-without-kubevirt-profile");
        for o in objs.iter_mut().filter(|o| o["kind"] == "KubeDescheduler") {
            o["spec"] = spec.clone();
        }
        fx::evaluate("HCOMisconfiguredDescheduler", fx::NOW, objs)
    }

    #[test]
    fn descheduler_long_lifecycle_is_ok_with_a_note_until_evictions_run_in_background() {
        let bare = with_profiles(serde_json::json!({"profiles": ["LongLifecycle"]}));
        assert_eq!(bare.status, Status::Ok, "{bare:?}");
        assert!(
            bare.summary.contains("devEnableEvictionsInBackground"),
            "{}",
            bare.summary
        );
        let tuned = with_profiles(serde_json::json!({"profiles": ["LongLifecycle"],
            "profileCustomizations": {"devEnableEvictionsInBackground": true}}));
        assert_eq!(tuned.summary, "descheduler profiles LongLifecycle");
        let kubevirt = with_profiles(serde_json::json!({"profiles": ["KubeVirtRelieveAndMigrate"]}));
        assert_eq!(kubevirt.summary, "descheduler profiles KubeVirtRelieveAndMigrate");
    }
}
