//! Server-side printing of every served resource: walks discovery (`/api/v1`, `/apis`, each
//! group version) and lists every resource as kubectl does (`Accept: ...;as=Table`), asserting
//! the columns kubectl prints for it on a real cluster. A kind the simulator starts serving
//! without its columns here fails the test.

mod common;

use std::collections::BTreeMap;

use common::*;
use kubevirt_sim::{Sim, SimOptions};
use serde_json::Value;

const TABLE: &str =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

/// The default columns (kubectl's `get`) and the ones `-o wide` adds, per `resource[.group]`.
/// Built-ins: Kubernetes 1.33 `pkg/printers/internalversion/printers.go`; KubeVirt: the
/// `additionalPrinterColumns` of virt-operator's `crds.go`; CDI: its kubebuilder markers; a CRD
/// without columns: apiextensions' NAME, AGE.
#[rustfmt::skip]
const EXPECTED: &[(&str, &[&str], &[&str])] = &[
    ("namespaces", &["NAME", "STATUS", "AGE"], &[]),
    ("nodes", &["NAME", "STATUS", "ROLES", "AGE", "VERSION"], &["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]),
    ("pods", &["NAME", "READY", "STATUS", "RESTARTS", "AGE"], &["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]),
    ("services", &["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], &["SELECTOR"]),
    ("secrets", &["NAME", "TYPE", "DATA", "AGE"], &[]),
    ("configmaps", &["NAME", "DATA", "AGE"], &[]),
    ("events", &["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &["SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME"]),
    ("persistentvolumeclaims", &["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"], &["VOLUMEMODE"]),
    ("persistentvolumes", &["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"], &["VOLUMEMODE"]),
    ("serviceaccounts", &["NAME", "SECRETS", "AGE"], &[]),
    ("endpoints", &["NAME", "ENDPOINTS", "AGE"], &[]),
    ("deployments.apps", &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("replicasets.apps", &["NAME", "DESIRED", "CURRENT", "READY", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("daemonsets.apps", &["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("jobs.batch", &["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("leases.coordination.k8s.io", &["NAME", "HOLDER", "AGE"], &[]),
    ("roles.rbac.authorization.k8s.io", &["NAME", "CREATED AT"], &[]),
    ("clusterroles.rbac.authorization.k8s.io", &["NAME", "CREATED AT"], &[]),
    ("rolebindings.rbac.authorization.k8s.io", &["NAME", "ROLE", "AGE"], &["USERS", "GROUPS", "SERVICEACCOUNTS"]),
    ("clusterrolebindings.rbac.authorization.k8s.io", &["NAME", "ROLE", "AGE"], &["USERS", "GROUPS", "SERVICEACCOUNTS"]),
    ("storageclasses.storage.k8s.io", &["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"], &[]),
    ("csidrivers.storage.k8s.io", &["NAME", "ATTACHREQUIRED", "PODINFOONMOUNT", "STORAGECAPACITY", "TOKENREQUESTS", "REQUIRESREPUBLISH", "MODES", "AGE"], &[]),
    ("apiservices.apiregistration.k8s.io", &["NAME", "SERVICE", "AVAILABLE", "AGE"], &[]),
    ("customresourcedefinitions.apiextensions.k8s.io", &["NAME", "CREATED AT"], &[]),
    ("virtualmachines.kubevirt.io", &["NAME", "AGE", "STATUS", "READY"], &[]),
    ("virtualmachineinstances.kubevirt.io", &["NAME", "AGE", "PHASE", "IP", "NODENAME", "READY"], &["LIVE-MIGRATABLE", "PAUSED"]),
    ("virtualmachineinstancemigrations.kubevirt.io", &["NAME", "PHASE", "VMI"], &[]),
    ("virtualmachineinstancereplicasets.kubevirt.io", &["NAME", "DESIRED", "CURRENT", "READY", "AGE"], &[]),
    ("virtualmachineinstancepresets.kubevirt.io", &["NAME", "AGE"], &[]),
    ("kubevirts.kubevirt.io", &["NAME", "AGE", "PHASE"], &[]),
    ("virtualmachineinstancetypes.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachineclusterinstancetypes.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachinepreferences.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachineclusterpreferences.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachineexports.export.kubevirt.io", &["NAME", "SOURCEKIND", "SOURCENAME", "PHASE"], &[]),
    ("datavolumes.cdi.kubevirt.io", &["NAME", "PHASE", "PROGRESS", "RESTARTS", "AGE"], &[]),
    ("datasources.cdi.kubevirt.io", &["NAME", "AGE"], &[]),
    ("dataimportcrons.cdi.kubevirt.io", &["NAME", "FORMAT"], &[]),
    ("cdis.cdi.kubevirt.io", &["NAME", "AGE", "PHASE"], &[]),
    ("cdiconfigs.cdi.kubevirt.io", &["NAME", "AGE"], &[]),
    ("storageprofiles.cdi.kubevirt.io", &["NAME", "AGE"], &[]),
    ("hyperconvergeds.hco.kubevirt.io", &["NAME", "AGE"], &[]),
    ("ssps.ssp.kubevirt.io", &["NAME", "AGE"], &[]),
    ("networkaddonsconfigs.networkaddonsoperator.network.kubevirt.io", &["NAME", "AGE"], &[]),
    ("hostpathprovisioners.hostpathprovisioner.kubevirt.io", &["NAME", "AGE"], &[]),
    ("nodemaintenances.nodemaintenance.medik8s.io", &["NAME", "AGE"], &[]),
    ("nodemaintenances.nodemaintenance.kubevirt.io", &["NAME", "AGE"], &[]),
    ("prometheusrules.monitoring.coreos.com", &["NAME", "AGE"], &[]),
    ("routes.route.openshift.io", &["NAME", "HOST/PORT", "PATH", "SERVICES", "PORT", "TERMINATION", "WILDCARD"], &[]),
    ("network-attachment-definitions.k8s.cni.cncf.io", &["NAME", "AGE"], &[]),
    ("clusterversions.config.openshift.io", &["NAME", "VERSION", "AVAILABLE", "PROGRESSING", "SINCE", "STATUS"], &[]),
    ("infrastructures.config.openshift.io", &["NAME", "AGE"], &[]),
    ("networks.config.openshift.io", &["NAME", "AGE"], &[]),
    ("apirequestcounts.apiserver.openshift.io", &["NAME", "REMOVEDINRELEASE", "REQUESTSINCURRENTHOUR", "REQUESTSINLAST24H"], &[]),
    ("kubedeschedulers.operator.openshift.io", &["NAME", "AGE"], &[]),
    ("virtualmachinetemplates.template.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachinetemplaterequests.template.kubevirt.io", &["NAME", "AGE"], &[]),
    ("templates.template.openshift.io", &["NAME", "DESCRIPTION", "PARAMETERS", "OBJECTS"], &[]),
    ("pods.metrics.k8s.io", &["NAME", "CPU", "MEMORY", "WINDOW"], &[]),
    ("nodes.metrics.k8s.io", &["NAME", "CPU", "MEMORY", "WINDOW"], &[]),
];

/// Every listable resource of discovery: (`resource[.group]`, collection path).
fn served_resources(c: &Client) -> Vec<(String, String)> {
    let mut group_versions = vec![(String::new(), "/api/v1".to_string())];
    for g in c.get("/apis").json()["groups"].as_array().unwrap() {
        for v in g["versions"].as_array().unwrap() {
            let gv = v["groupVersion"].as_str().unwrap();
            group_versions.push((g["name"].as_str().unwrap().to_string(), format!("/apis/{gv}")));
        }
    }
    let mut out = Vec::new();
    for (group, path) in group_versions {
        let list = c.get(&path);
        assert_eq!(list.status, 200, "{path}: {}", list.text);
        for r in list.json()["resources"].as_array().unwrap() {
            let name = r["name"].as_str().unwrap();
            let listable = r["verbs"].as_array().unwrap().iter().any(|v| v == "list");
            if name.contains('/') || !listable {
                continue;
            }
            let key = if group.is_empty() {
                name.to_string()
            } else {
                format!("{name}.{group}")
            };
            out.push((key, format!("{path}/{name}")));
        }
    }
    out
}

/// The column names as kubectl prints them (upper case), default and wide.
fn printed_columns(table: &Value) -> (Vec<String>, Vec<String>) {
    let mut default = Vec::new();
    let mut wide = Vec::new();
    for c in table["columnDefinitions"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap().to_uppercase();
        if c["priority"].as_i64().unwrap_or(0) == 0 {
            default.push(name);
        } else {
            wide.push(name);
        }
    }
    (default, wide)
}

#[test]
fn every_served_resource_prints_the_columns_of_a_real_cluster() {
    let sim = Sim::start(SimOptions {
        demo: true,
        ..Default::default()
    })
    .unwrap();
    let mut metrics = Vec::new();
    kubevirt_sim::scenarios::metrics_api(&mut metrics, &kubevirt_sim::store::now_rfc3339());
    for o in metrics {
        sim.create(o);
    }
    let c = Client::admin(&sim);
    let expected: BTreeMap<&str, (&[&str], &[&str])> = EXPECTED.iter().map(|(k, d, w)| (*k, (*d, *w))).collect();
    let mut walked = Vec::new();
    for (key, path) in served_resources(&c) {
        let Some((default, wide)) = expected.get(key.as_str()) else {
            panic!(
                "{key} is served but has no expected columns here: give the kind its real printer columns (printers.rs) and list them"
            );
        };
        let r = c.get_accepting(&path, TABLE);
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        let table = r.json();
        assert_eq!(table["kind"], "Table", "{path}");
        let (printed, printed_wide) = printed_columns(&table);
        assert_eq!(printed, *default, "{key}: default columns");
        assert_eq!(printed_wide, *wide, "{key}: -o wide columns");
        let width = table["columnDefinitions"].as_array().unwrap().len();
        for row in table["rows"].as_array().unwrap() {
            assert_eq!(row["cells"].as_array().unwrap().len(), width, "{key}: a row's cells");
        }
        walked.push(key);
    }
    let unwalked: Vec<&str> = expected
        .keys()
        .copied()
        .filter(|k| !walked.iter().any(|w| w == k))
        .collect();
    assert!(unwalked.is_empty(), "not served: {unwalked:?}");
}
