//! `cdi`: the Containerized Data Importer and the storage defaults it relies on.

use super::catalog::CatalogEntry;
use super::common::{FnCheck, Rule, WorkloadCheck, cr_not_ready};
use super::facts::{
    Facts, Kind, annotation, array, condition, condition_since, i64_at, label, name_of, namespace_of, str_at,
};
use super::model::{Component, Coverage, Finding, Meta, Outcome, Severity, SkipCode, Source, age};
use super::object::Object;
use super::workload::{CDI_OPERATOR, pod_finding};

// One entry per check, its metadata kept compact (four lines) so the list reads as a table.
#[rustfmt::skip]
pub static CHECKS: &[CatalogEntry] = &[
    CatalogEntry {
        meta: Meta {
            name: "CDIDataImportCronOutdated", aliases: &[], component: Component::Cdi, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 900, seeds: "000 §14.14.1",
            meaning: "A DataImportCron cannot poll or import the latest image, so golden images / boot sources are stale or missing.",
            mitigation: "Set a default (Kubernetes or virtualization) StorageClass or a storage class in the cron template; after changing the default, delete old boot sources so CDI recreates them; in disconnected clusters turn off enableCommonBootImageImport (4.12 path /spec/featureGates/enableCommonBootImageImport, now spec.enableCommonBootImageImport).",
        },
        check: &FnCheck {
            needs: &[Kind::DataImportCrons],
            wants: &[Kind::StorageClasses, Kind::DataVolumes],
            eval: cron_outdated,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CDIDataVolumeUnusualRestartCount", aliases: &[], component: Component::Cdi, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.2",
            meaning: "A CDI worker pod (import, upload or clone) for a DataVolume restarted more than three times; the population will probably never finish.",
            mitigation: "Delete the DataVolume, fix the cause (source URL, certificate, credentials, size/space), then create it again.",
        },
        check: &FnCheck {
            needs: &[Kind::Pods],
            wants: &[Kind::DataVolumes, Kind::Events],
            eval: unusual_restarts,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CDINotReady", aliases: &[], component: Component::Cdi, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.3",
            meaning: "The CDI installation is degraded: not available and no longer progressing, so DataVolumes cannot populate PVCs.",
            mitigation: "Fix the failing component shown (image, crash, scheduling, certificates) - CDI recovers once it reports Available.",
        },
        check: &FnCheck {
            needs: &[Kind::Cdis],
            wants: &[Kind::Deployments, Kind::Pods],
            eval: not_ready,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CDIOperatorDown", aliases: &[], component: Component::Cdi, severity: Severity::Critical, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 600, seeds: "000 §14.14.4",
            meaning: "The cdi-operator is down, so CDI's own components (DataVolume, upload, clone controllers) may not be deployed or kept healthy.",
            mitigation: "Fix the pod failure shown (crash, image, scheduling); reinstall/repair the operator subscription if the Deployment is missing.",
        },
        check: &WorkloadCheck {
            workload: &CDI_OPERATOR,
            rule: Rule::NoneReady,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CDIStorageProfilesIncomplete", aliases: &[], component: Component::Cdi, severity: Severity::Info, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "000 §14.14.5",
            meaning: "A StorageProfile lacks access mode or volume mode, so CDI cannot fill in PVC settings for DataVolumes on that storage class.",
            mitigation: "Patch the StorageProfile spec.claimPropertySets with accessModes and volumeMode (e.g. ReadWriteOnce + Filesystem).",
        },
        check: &FnCheck {
            needs: &[Kind::StorageProfiles],
            wants: &[],
            eval: profiles_incomplete,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CDIDefaultStorageClassDegraded", aliases: &[], component: Component::Cdi, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "The default storage class (virtualization default first, else Kubernetes default) lacks smart cloning or ReadWriteMany, making clones slow and live migration impossible.",
            mitigation: "Use a default class whose storage supports RWX and CSI/snapshot cloning, or configure the StorageProfile (accessModes, cloneStrategy).",
        },
        check: &FnCheck {
            needs: &[Kind::StorageClasses, Kind::StorageProfiles],
            wants: &[Kind::CsiDrivers, Kind::VolumeSnapshotClasses, Kind::Infrastructures],
            eval: default_degraded,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CDIMultipleDefaultVirtStorageClasses", aliases: &[], component: Component::Cdi, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "More than one StorageClass is marked as the default for virtualization; DataVolumes without a class get the most recently created one.",
            mitigation: "Keep the annotation on exactly one StorageClass.",
        },
        check: &FnCheck {
            needs: &[Kind::StorageClasses],
            wants: &[],
            eval: multiple_virt_defaults,
        },
    },
    CatalogEntry {
        meta: Meta {
            name: "CDINoDefaultStorageClass", aliases: &[], component: Component::Cdi, severity: Severity::Warning, default_on: true,
            coverage: Coverage::A, sources: &[Source::Api, Source::Prom], for_secs: 300, seeds: "",
            meaning: "A DataVolume is Pending because it names no storage class and the cluster has neither a default nor a default-virtualization StorageClass.",
            mitigation: "Mark a StorageClass as default (storageclass.kubernetes.io/is-default-class: \"true\") or as virtualization default (storageclass.kubevirt.io/is-default-virt-class: \"true\", takes precedence for VM disks).",
        },
        check: &FnCheck {
            needs: &[Kind::StorageClasses, Kind::DataVolumes],
            wants: &[],
            eval: no_default,
        },
    },
];

const DEFAULT: &str = "storageclass.kubernetes.io/is-default-class";
const VIRT_DEFAULT: &str = "storageclass.kubevirt.io/is-default-virt-class";

fn cdi_installed(f: &Facts) -> Result<(), Outcome> {
    if f.served(Kind::Cdis) || f.ns.get(Component::Cdi).is_some() {
        Ok(())
    } else {
        Err(Outcome::skipped(SkipCode::NotInstalled, "CDI not found"))
    }
}

fn defaults<'a>(f: &'a Facts, key: &str) -> Vec<&'a Object> {
    f.items(Kind::StorageClasses)
        .iter()
        .filter(|sc| annotation(sc, key) == Some("true"))
        .collect()
}

fn cron_outdated(f: &Facts, meta: &Meta) -> Outcome {
    let no_default = defaults(f, DEFAULT).is_empty() && defaults(f, VIRT_DEFAULT).is_empty();
    let mut findings = Vec::new();
    let mut oldest = None;
    for cron in f.items(Kind::DataImportCrons) {
        let Some(c) = condition(cron, "UpToDate") else { continue };
        if str_at(c, "/status") == "True" {
            continue;
        }
        let class = str_at(cron, "/spec/template/spec/storage/storageClassName");
        if no_default && class.is_empty() {
            continue; // left to CDINoDefaultStorageClass
        }
        let since = condition_since(cron, "UpToDate");
        if since.is_some_and(|t| f.seconds_since(t) < meta.for_secs) {
            continue;
        }
        oldest = oldest.min(since).or(since);
        findings.push(
            Finding::new(
                "DataImportCron",
                Some(namespace_of(cron)),
                name_of(cron),
                format!(
                    "DataImportCron {}/{}: {} ({}), schedule {:?}, last import {}",
                    namespace_of(cron),
                    name_of(cron),
                    str_at(c, "/reason"),
                    str_at(c, "/message"),
                    str_at(cron, "/spec/schedule"),
                    str_at(cron, "/status/lastImportedPVC/name")
                ),
            )
            .fact("reason", str_at(c, "/reason"))
            .fact("message", str_at(c, "/message"))
            .fact("storageClassName", class),
        );
    }
    if findings.is_empty() {
        return Outcome::ok(format!(
            "{} DataImportCrons up to date",
            f.items(Kind::DataImportCrons).len()
        ));
    }
    let summary = format!(
        "{} DataImportCrons not up to date{}",
        findings.len(),
        oldest
            .map(|t| format!(" for {}", age(f.seconds_since(t))))
            .unwrap_or_default()
    );
    Outcome::failing(meta.severity.status(), oldest, f.now, meta.for_secs, summary).with(findings)
}

fn unusual_restarts(f: &Facts, meta: &Meta) -> Outcome {
    const CONTAINERS: &[&str] = &["importer", "cdi-upload-server", "cdi-clone-source"];
    let mut findings = Vec::new();
    for pod in f
        .scoped(Kind::Pods)
        .filter(|p| label(p, "app") == Some("containerized-data-importer"))
    {
        let restarts: i64 = array(pod, "/status/containerStatuses")
            .iter()
            .filter(|c| CONTAINERS.contains(&str_at(c, "/name")))
            .filter_map(|c| i64_at(c, "/restartCount"))
            .max()
            .unwrap_or(0);
        if restarts > 3 {
            let mut finding = pod_finding(pod);
            if let Some(msg) = array(pod, "/status/containerStatuses")
                .iter()
                .map(|c| str_at(c, "/lastState/terminated/message"))
                .find(|m| !m.is_empty())
            {
                finding.text.push_str(&format!(": {msg}"));
                finding = finding.fact("terminationMessage", msg);
            }
            findings.push(finding);
        }
    }
    for dv in f.scoped(Kind::DataVolumes) {
        if i64_at(dv, "/status/restartCount").unwrap_or(0) > 3 {
            let running = condition(dv, "Running").map(|c| str_at(c, "/message")).unwrap_or("");
            findings.push(
                Finding::new(
                    "DataVolume",
                    Some(namespace_of(dv)),
                    name_of(dv),
                    format!(
                        "DataVolume {}/{}: {} restarts, phase {}, {running}",
                        namespace_of(dv),
                        name_of(dv),
                        i64_at(dv, "/status/restartCount").unwrap_or(0),
                        str_at(dv, "/status/phase")
                    ),
                )
                .fact("restartCount", i64_at(dv, "/status/restartCount").unwrap_or(0))
                .fact("phase", str_at(dv, "/status/phase")),
            );
        }
    }
    if findings.is_empty() {
        return Outcome::ok("no CDI worker pod restarted more than 3 times");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!(
            "{} CDI worker pods/DataVolumes restarted more than 3 times",
            findings.len()
        ),
    )
    .with(findings)
}

fn not_ready(f: &Facts, meta: &Meta) -> Outcome {
    let Some(cdi) = f.items(Kind::Cdis).first() else {
        return Outcome::skipped(SkipCode::NotInstalled, "no CDI CR");
    };
    let mut out = cr_not_ready(f, meta, cdi, "CDI");
    if out.status.is_problem()
        && let Some(ns) = f.ns.get(Component::Cdi)
    {
        for d in f
            .in_ns(Kind::Deployments, ns)
            .filter(|d| label(d, "cdi.kubevirt.io").is_some())
        {
            let prefix = format!("{}-", name_of(d));
            let pods: Vec<Finding> = f
                .in_ns(Kind::Pods, ns)
                .filter(|p| name_of(p).starts_with(&prefix) && !super::facts::is_pod_ready(p))
                .map(pod_finding)
                .collect();
            out.findings.extend(pods);
        }
    }
    out
}

const IGNORED_PROVISIONERS: &[&str] = &[
    "kubernetes.io/no-provisioner",
    "openshift-storage.noobaa.io/obc",
    "openshift-storage.ceph.rook.io/bucket",
    "rook-ceph.ceph.rook.io/bucket",
    "stork-snapshot",
];

fn profiles_incomplete(f: &Facts, meta: &Meta) -> Outcome {
    if let Err(s) = cdi_installed(f) {
        return s;
    }
    let findings: Vec<Finding> = f
        .items(Kind::StorageProfiles)
        .iter()
        .filter(|p| !IGNORED_PROVISIONERS.contains(&str_at(p, "/status/provisioner")))
        .filter(|p| {
            let sets = array(p, "/status/claimPropertySets");
            sets.is_empty()
                || sets
                    .iter()
                    .any(|s| array(s, "/accessModes").is_empty() || str_at(s, "/volumeMode").is_empty())
        })
        .map(|p| {
            Finding::new(
                "StorageProfile",
                None,
                name_of(p),
                format!(
                    "StorageProfile {}: provisioner {}, no complete claimPropertySets (accessModes + volumeMode)",
                    name_of(p),
                    str_at(p, "/status/provisioner")
                ),
            )
            .fact("provisioner", str_at(p, "/status/provisioner"))
        })
        .collect();
    if findings.is_empty() {
        return Outcome::ok(format!(
            "{} StorageProfiles complete",
            f.items(Kind::StorageProfiles).len()
        ));
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} incomplete StorageProfiles", findings.len()),
    )
    .with(findings)
}

fn default_degraded(f: &Facts, meta: &Meta) -> Outcome {
    if let Err(s) = cdi_installed(f) {
        return s;
    }
    let virt = defaults(f, VIRT_DEFAULT);
    let classes = if virt.is_empty() { defaults(f, DEFAULT) } else { virt };
    if classes.is_empty() {
        return Outcome::ok("no default storage class (see CDINoDefaultStorageClass)");
    }
    let single_node = f.items(Kind::Infrastructures).iter().any(|i| {
        str_at(i, "/status/controlPlaneTopology") == "SingleReplica"
            && str_at(i, "/status/infrastructureTopology") == "SingleReplica"
    });
    let mut findings = Vec::new();
    for sc in &classes {
        let provisioner = str_at(sc, "/provisioner");
        let profile = f
            .items(Kind::StorageProfiles)
            .iter()
            .find(|p| name_of(p) == name_of(sc));
        let rwx = profile.is_some_and(|p| {
            array(p, "/status/claimPropertySets")
                .iter()
                .any(|s| array(s, "/accessModes").iter().any(|m| m == "ReadWriteMany"))
        });
        let strategy = profile.map(|p| str_at(p, "/status/cloneStrategy")).unwrap_or("");
        let smart = if strategy == "csi-clone" {
            f.items(Kind::CsiDrivers).iter().any(|d| name_of(d) == provisioner)
        } else if strategy == "copy" {
            false
        } else {
            f.items(Kind::VolumeSnapshotClasses)
                .iter()
                .any(|v| str_at(v, "/driver") == provisioner)
        };
        if (rwx || single_node) && smart {
            return Outcome::ok(format!("default class {} has RWX and smart cloning", name_of(sc)));
        }
        findings.push(
            Finding::new(
                "StorageClass",
                None,
                name_of(sc),
                format!(
                    "StorageClass {} ({provisioner}): RWX {}, smart clone {} (cloneStrategy {})",
                    name_of(sc),
                    if rwx { "yes" } else { "no" },
                    if smart { "yes" } else { "no" },
                    if strategy.is_empty() { "unset" } else { strategy }
                ),
            )
            .fact("rwx", rwx)
            .fact("smartClone", smart)
            .fact("cloneStrategy", strategy),
        );
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        "the default storage class lacks RWX or smart cloning",
    )
    .with(findings)
}

fn multiple_virt_defaults(f: &Facts, meta: &Meta) -> Outcome {
    if let Err(s) = cdi_installed(f) {
        return s;
    }
    let virt = defaults(f, VIRT_DEFAULT);
    if virt.len() <= 1 {
        return Outcome::ok(format!("{} default virtualization storage class", virt.len()));
    }
    let findings = virt
        .iter()
        .map(|sc| {
            Finding::new(
                "StorageClass",
                None,
                name_of(sc),
                format!("StorageClass {} is marked default for virtualization", name_of(sc)),
            )
        })
        .collect();
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("{} storage classes are default for virtualization", virt.len()),
    )
    .with(findings)
}

fn no_default(f: &Facts, meta: &Meta) -> Outcome {
    if let Err(s) = cdi_installed(f) {
        return s;
    }
    if !defaults(f, DEFAULT).is_empty() || !defaults(f, VIRT_DEFAULT).is_empty() {
        return Outcome::ok("a default storage class exists");
    }
    let pending: Vec<Finding> = f
        .items(Kind::DataVolumes)
        .iter()
        .filter(|dv| str_at(dv, "/status/phase") == "Pending")
        .filter(|dv| {
            str_at(dv, "/spec/storage/storageClassName").is_empty()
                && str_at(dv, "/spec/pvc/storageClassName").is_empty()
        })
        .map(|dv| {
            Finding::new(
                "DataVolume",
                Some(namespace_of(dv)),
                name_of(dv),
                format!(
                    "DataVolume {}/{} is Pending without a storage class",
                    namespace_of(dv),
                    name_of(dv)
                ),
            )
        })
        .collect();
    if pending.is_empty() {
        return Outcome::ok("no default storage class, but no DataVolume waits for one");
    }
    Outcome::failing(
        meta.severity.status(),
        None,
        f.now,
        0,
        format!("no default storage class; {} DataVolumes Pending", pending.len()),
    )
    .with(pending)
}
