//! The table of resource kinds the simulator serves. Adding a kind is one line in [`KINDS`].

use crate::printers;
use crate::status::GroupResource;

#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short_names: &'static [&'static str],
    pub categories: &'static [&'static str],
    /// served subresources besides the object itself, e.g. `status`
    pub subresources: &'static [&'static str],
    /// the columns of `kubectl get` (server-side printing, `printers.rs`)
    pub printer: &'static [printers::Column],
}

const ALL: &[&str] = &["all"];
const STATUS: &[&str] = &["status"];
const STATUS_SCALE: &[&str] = &["status", "scale"];
const NONE: &[&str] = &[];

#[allow(clippy::too_many_arguments)]
const fn k(
    group: &'static str,
    version: &'static str,
    plural: &'static str,
    singular: &'static str,
    kind: &'static str,
    namespaced: bool,
    short_names: &'static [&'static str],
    categories: &'static [&'static str],
    subresources: &'static [&'static str],
    printer: &'static [printers::Column],
) -> Kind {
    Kind {
        group,
        version,
        plural,
        singular,
        kind,
        namespaced,
        short_names,
        categories,
        subresources,
        printer,
    }
}

/// The groups of the kinds Kubernetes itself serves (the rest are CRDs or aggregated).
const BUILT_IN_GROUPS: &[&str] = &[
    "",
    "apps",
    "batch",
    "coordination.k8s.io",
    "rbac.authorization.k8s.io",
    "storage.k8s.io",
    "apiregistration.k8s.io",
    "apiextensions.k8s.io",
];

/// Every kind served. One line per kind.
#[rustfmt::skip]
pub static KINDS: &[Kind] = &[
    k("", "v1", "namespaces", "namespace", "Namespace", false, &["ns"], NONE, &["status", "finalize"], printers::NAMESPACE),
    k("", "v1", "nodes", "node", "Node", false, &["no"], NONE, STATUS, printers::NODE),
    k("", "v1", "pods", "pod", "Pod", true, &["po"], ALL, &["status", "log"], printers::POD),
    k("", "v1", "services", "service", "Service", true, &["svc"], ALL, STATUS, printers::SERVICE),
    k("", "v1", "secrets", "secret", "Secret", true, NONE, NONE, NONE, printers::SECRET),
    k("", "v1", "configmaps", "configmap", "ConfigMap", true, &["cm"], NONE, NONE, printers::CONFIG_MAP),
    k("", "v1", "events", "event", "Event", true, &["ev"], NONE, NONE, printers::EVENT),
    k("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, &["pvc"], NONE, STATUS, printers::PERSISTENT_VOLUME_CLAIM),
    k("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, &["sa"], NONE, NONE, printers::SERVICE_ACCOUNT),
    k("kubevirt.io", "v1", "virtualmachines", "virtualmachine", "VirtualMachine", true, &["vm", "vms"], ALL, STATUS, printers::VIRTUAL_MACHINE),
    k("kubevirt.io", "v1", "virtualmachineinstances", "virtualmachineinstance", "VirtualMachineInstance", true, &["vmi", "vmis"], ALL, NONE, printers::VIRTUAL_MACHINE_INSTANCE),
    k("kubevirt.io", "v1", "virtualmachineinstancemigrations", "virtualmachineinstancemigration", "VirtualMachineInstanceMigration", true, &["vmim", "vmims"], ALL, STATUS, printers::MIGRATION),
    k("kubevirt.io", "v1", "virtualmachineinstancereplicasets", "virtualmachineinstancereplicaset", "VirtualMachineInstanceReplicaSet", true, &["vmirs", "vmirss"], ALL, STATUS, printers::VMI_REPLICA_SET),
    k("kubevirt.io", "v1", "virtualmachineinstancepresets", "virtualmachineinstancepreset", "VirtualMachineInstancePreset", true, &["vmipreset", "vmipresets"], ALL, NONE, printers::CUSTOM_DEFAULT),
    k("kubevirt.io", "v1", "kubevirts", "kubevirt", "KubeVirt", true, &["kv", "kvs"], ALL, STATUS, printers::KUBEVIRT),
    k("instancetype.kubevirt.io", "v1beta1", "virtualmachineinstancetypes", "virtualmachineinstancetype", "VirtualMachineInstancetype", true, &["vminstancetype", "vminstancetypes", "vmf", "vmfs"], ALL, NONE, printers::CUSTOM_DEFAULT),
    k("instancetype.kubevirt.io", "v1beta1", "virtualmachineclusterinstancetypes", "virtualmachineclusterinstancetype", "VirtualMachineClusterInstancetype", false, &["vmclusterinstancetype", "vmclusterinstancetypes", "vmcf", "vmcfs"], NONE, NONE, printers::CUSTOM_DEFAULT),
    k("instancetype.kubevirt.io", "v1beta1", "virtualmachinepreferences", "virtualmachinepreference", "VirtualMachinePreference", true, &["vmpref", "vmprefs", "vmp", "vmps"], ALL, NONE, printers::CUSTOM_DEFAULT),
    k("instancetype.kubevirt.io", "v1beta1", "virtualmachineclusterpreferences", "virtualmachineclusterpreference", "VirtualMachineClusterPreference", false, &["vmcp", "vmcps"], NONE, NONE, printers::CUSTOM_DEFAULT),
    k("export.kubevirt.io", "v1", "virtualmachineexports", "virtualmachineexport", "VirtualMachineExport", true, &["vmexport", "vmexports"], ALL, STATUS, printers::VM_EXPORT),
    k("export.kubevirt.io", "v1beta1", "virtualmachineexports", "virtualmachineexport", "VirtualMachineExport", true, &["vmexport", "vmexports"], ALL, STATUS, printers::VM_EXPORT),
    k("cdi.kubevirt.io", "v1beta1", "datavolumes", "datavolume", "DataVolume", true, &["dv", "dvs"], ALL, STATUS, printers::DATA_VOLUME),
    k("cdi.kubevirt.io", "v1beta1", "cdiconfigs", "cdiconfig", "CDIConfig", false, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("cdi.kubevirt.io", "v1beta1", "datasources", "datasource", "DataSource", true, &["das"], ALL, STATUS, printers::CUSTOM_DEFAULT),
    // OpenShift Virtualization install and the cluster objects `virtctl doctor` reads (openshift_virt.rs)
    k("", "v1", "endpoints", "endpoints", "Endpoints", true, &["ep"], NONE, NONE, printers::ENDPOINTS),
    k("", "v1", "persistentvolumes", "persistentvolume", "PersistentVolume", false, &["pv"], NONE, STATUS, printers::PERSISTENT_VOLUME),
    k("apps", "v1", "deployments", "deployment", "Deployment", true, &["deploy"], ALL, STATUS_SCALE, printers::DEPLOYMENT),
    k("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, &["ds"], ALL, STATUS, printers::DAEMON_SET),
    k("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, &["rs"], ALL, STATUS_SCALE, printers::REPLICA_SET),
    k("batch", "v1", "jobs", "job", "Job", true, NONE, ALL, STATUS, printers::JOB),
    k("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, NONE, NONE, NONE, printers::LEASE),
    k("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, NONE, NONE, NONE, printers::ROLE),
    k("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, NONE, NONE, NONE, printers::ROLE_BINDING),
    k("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, NONE, NONE, NONE, printers::ROLE),
    k("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, NONE, NONE, NONE, printers::ROLE_BINDING),
    k("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false, &["sc"], NONE, NONE, printers::STORAGE_CLASS),
    k("storage.k8s.io", "v1", "csidrivers", "csidriver", "CSIDriver", false, NONE, NONE, NONE, printers::CSI_DRIVER),
    k("apiregistration.k8s.io", "v1", "apiservices", "apiservice", "APIService", false, NONE, NONE, STATUS, printers::API_SERVICE),
    k("hco.kubevirt.io", "v1beta1", "hyperconvergeds", "hyperconverged", "HyperConverged", true, &["hco", "hcos"], ALL, STATUS, printers::CUSTOM_DEFAULT),
    k("cdi.kubevirt.io", "v1beta1", "cdis", "cdi", "CDI", false, &["cdi", "cdis"], NONE, STATUS, printers::CDI),
    k("cdi.kubevirt.io", "v1beta1", "storageprofiles", "storageprofile", "StorageProfile", false, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("cdi.kubevirt.io", "v1beta1", "dataimportcrons", "dataimportcron", "DataImportCron", true, &["dic", "dics"], ALL, STATUS, printers::DATA_IMPORT_CRON),
    k("ssp.kubevirt.io", "v1beta2", "ssps", "ssp", "SSP", true, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("networkaddonsoperator.network.kubevirt.io", "v1", "networkaddonsconfigs", "networkaddonsconfig", "NetworkAddonsConfig", false, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("hostpathprovisioner.kubevirt.io", "v1beta1", "hostpathprovisioners", "hostpathprovisioner", "HostPathProvisioner", false, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("nodemaintenance.medik8s.io", "v1beta1", "nodemaintenances", "nodemaintenance", "NodeMaintenance", false, &["nm"], NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("nodemaintenance.kubevirt.io", "v1beta1", "nodemaintenances", "nodemaintenance", "NodeMaintenance", false, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("monitoring.coreos.com", "v1", "prometheusrules", "prometheusrule", "PrometheusRule", true, NONE, NONE, NONE, printers::CUSTOM_DEFAULT),
    k("route.openshift.io", "v1", "routes", "route", "Route", true, NONE, NONE, STATUS, printers::ROUTE),
    k("k8s.cni.cncf.io", "v1", "network-attachment-definitions", "network-attachment-definition", "NetworkAttachmentDefinition", true, &["net-attach-def"], NONE, NONE, printers::CUSTOM_DEFAULT),
    k("config.openshift.io", "v1", "clusterversions", "clusterversion", "ClusterVersion", false, NONE, NONE, STATUS, printers::CLUSTER_VERSION),
    k("config.openshift.io", "v1", "infrastructures", "infrastructure", "Infrastructure", false, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("config.openshift.io", "v1", "networks", "network", "Network", false, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, &["crd", "crds"], NONE, STATUS, printers::CUSTOM_RESOURCE_DEFINITION),
    k("apiserver.openshift.io", "v1", "apirequestcounts", "apirequestcount", "APIRequestCount", false, NONE, NONE, STATUS, printers::API_REQUEST_COUNT),
    k("operator.openshift.io", "v1", "kubedeschedulers", "kubedescheduler", "KubeDescheduler", true, NONE, NONE, STATUS, printers::CUSTOM_DEFAULT),
    // virt-template (template.rs) and OpenShift's Templates
    k("template.kubevirt.io", "v1beta1", "virtualmachinetemplates", "virtualmachinetemplate", "VirtualMachineTemplate", true, &["vmt", "vmts"], NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("template.kubevirt.io", "v1beta1", "virtualmachinetemplaterequests", "virtualmachinetemplaterequest", "VirtualMachineTemplateRequest", true, &["vmtr", "vmtrs"], NONE, STATUS, printers::CUSTOM_DEFAULT),
    k("template.openshift.io", "v1", "templates", "template", "Template", true, NONE, NONE, NONE, printers::TEMPLATE),
    // Aggregated: served only while their APIService is registered and Available (see AGGREGATED).
    k("metrics.k8s.io", "v1beta1", "pods", "", "PodMetrics", true, NONE, NONE, NONE, printers::METRICS),
    k("metrics.k8s.io", "v1beta1", "nodes", "", "NodeMetrics", false, NONE, NONE, NONE, printers::METRICS),
];

/// Aggregated API groups (group, version, APIService name): the API server serves them only while
/// that APIService exists with condition Available=True, as kube-aggregator does; they are read-only.
pub const AGGREGATED: &[(&str, &str, &str)] = &[("metrics.k8s.io", "v1beta1", "v1beta1.metrics.k8s.io")];

/// The APIService that serves `group`, when it is an aggregated one.
pub fn aggregated_by(group: &str) -> Option<&'static str> {
    AGGREGATED.iter().find(|(g, _, _)| *g == group).map(|(_, _, s)| *s)
}

impl Kind {
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The store key: `plural` for the core group, `plural.group` otherwise.
    pub fn key(&self) -> String {
        self.gr().to_string()
    }

    pub fn gr(&self) -> GroupResource {
        GroupResource::new(self.group, self.plural)
    }

    /// Custom resources (every group but Kubernetes' own) refuse unconditional updates and
    /// answer a DELETE with the object rather than a `Status`.
    pub fn is_custom(&self) -> bool {
        !BUILT_IN_GROUPS.contains(&self.group)
    }

    pub fn has_status(&self) -> bool {
        self.subresources.contains(&"status")
    }
}

/// Groups served by their own API servers behind the aggregator (OpenShift's, metrics-server),
/// not by CRDs, although Kubernetes itself does not serve them either.
const AGGREGATED_SERVERS: &[&str] = &["metrics.k8s.io", "route.openshift.io", "template.openshift.io"];

/// Whether the group's kinds are CustomResourceDefinitions (served by apiextensions' handler).
pub fn served_by_crds(group: &str) -> bool {
    !BUILT_IN_GROUPS.contains(&group) && !AGGREGATED_SERVERS.contains(&group)
}

/// Find a kind by group + plural (as it appears in a URL).
pub fn lookup(group: &str, version: &str, plural: &str) -> Option<&'static Kind> {
    KINDS
        .iter()
        .find(|k| k.group == group && k.version == version && k.plural == plural)
}

/// Find a kind by `plural`, `plural.group`, singular, kind name or short name (case-insensitive).
pub fn resolve(name: &str) -> Option<&'static Kind> {
    let lower = name.to_ascii_lowercase();
    KINDS
        .iter()
        .find(|k| k.key() == lower || k.plural == lower)
        .or_else(|| {
            KINDS.iter().find(|k| {
                k.singular == lower || k.kind.to_ascii_lowercase() == lower || k.short_names.contains(&lower.as_str())
            })
        })
}

/// The kind stored under `key` (`plural` or `plural.group`, [`Kind::key`]).
pub fn by_key(key: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.key() == key)
}

/// Find the kind for an object's `apiVersion` + `kind`.
pub fn for_object(api_version: &str, kind: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.api_version() == api_version && k.kind == kind)
}

/// The versions the kinds table has for `group`, in discovery order.
pub fn versions_of(group: &str) -> Vec<&'static str> {
    groups()
        .into_iter()
        .find(|(g, _)| *g == group)
        .map(|(_, vs)| vs)
        .unwrap_or_default()
}

/// The API groups served (group name, versions), in discovery order.
pub fn groups() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for k in KINDS.iter().filter(|k| !k.group.is_empty()) {
        match out.iter_mut().find(|(g, _)| *g == k.group) {
            Some((_, vs)) => {
                if !vs.contains(&k.version) {
                    vs.push(k.version)
                }
            }
            None => out.push((k.group, vec![k.version])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_names() {
        assert_eq!(resolve("vm").unwrap().plural, "virtualmachines");
        assert_eq!(
            resolve("virtualmachineinstances").unwrap().kind,
            "VirtualMachineInstance"
        );
        assert_eq!(
            resolve("VirtualMachineInstanceMigration").unwrap().plural,
            "virtualmachineinstancemigrations"
        );
        assert_eq!(resolve("nodes").unwrap().key(), "nodes");
        assert_eq!(resolve("datavolumes.cdi.kubevirt.io").unwrap().kind, "DataVolume");
        assert!(resolve("nope").is_none());
    }

    #[test]
    fn groups_listed_once() {
        let g = groups();
        assert_eq!(g[0], ("kubevirt.io", vec!["v1"]));
        assert!(g.iter().any(|(n, _)| *n == "cdi.kubevirt.io"));
    }
}
