//! Everything the probes read, once per run, and pure helpers over it. Checks only ever see
//! [`Facts`]; they never send requests.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

/// A resource kind doctor reads. Each is listed at most once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum K {
    Nodes,
    Pods,
    Events,
    Services,
    Pvcs,
    Pvs,
    Endpoints,
    Deployments,
    DaemonSets,
    Leases,
    KubeVirts,
    Vms,
    Vmis,
    Vmims,
    HyperConvergeds,
    Cdis,
    DataVolumes,
    DataImportCrons,
    StorageProfiles,
    StorageClasses,
    CsiDrivers,
    VolumeSnapshotClasses,
    Ssps,
    NetworkAddonsConfigs,
    HostPathProvisioners,
    NodeMaintenances,
    LegacyNodeMaintenances,
    ApiServices,
    Crds,
    PrometheusRules,
    ClusterVersions,
    Infrastructures,
    Networks,
    ApiRequestCounts,
    KubeDeschedulers,
    NodeNetworkStates,
    PodMetrics,
    NodeMetrics,
}

/// Where a kind lives in the API.
#[derive(Debug)]
pub struct KindDef {
    pub kind: K,
    pub group: &'static str,
    /// The version used when discovery does not say which one the server prefers.
    pub version: &'static str,
    pub plural: &'static str,
    /// Namespaced kinds can be listed per namespace when a cluster-wide list is forbidden.
    pub namespaced: bool,
    /// Read this version even if the server prefers another (HyperConverged paths are v1beta1).
    pub pinned: bool,
}

const fn d(kind: K, group: &'static str, version: &'static str, plural: &'static str, namespaced: bool) -> KindDef {
    KindDef {
        kind,
        group,
        version,
        plural,
        namespaced,
        pinned: false,
    }
}

/// Every kind doctor may read, one line each.
#[rustfmt::skip]
pub static KINDS: &[KindDef] = &[
    d(K::Nodes, "", "v1", "nodes", false),
    d(K::Pods, "", "v1", "pods", true),
    d(K::Events, "", "v1", "events", true),
    d(K::Services, "", "v1", "services", true),
    d(K::Pvcs, "", "v1", "persistentvolumeclaims", true),
    d(K::Pvs, "", "v1", "persistentvolumes", false),
    d(K::Endpoints, "", "v1", "endpoints", true),
    d(K::Deployments, "apps", "v1", "deployments", true),
    d(K::DaemonSets, "apps", "v1", "daemonsets", true),
    d(K::Leases, "coordination.k8s.io", "v1", "leases", true),
    d(K::KubeVirts, "kubevirt.io", "v1", "kubevirts", true),
    d(K::Vms, "kubevirt.io", "v1", "virtualmachines", true),
    d(K::Vmis, "kubevirt.io", "v1", "virtualmachineinstances", true),
    d(K::Vmims, "kubevirt.io", "v1", "virtualmachineinstancemigrations", true),
    KindDef { pinned: true, ..d(K::HyperConvergeds, "hco.kubevirt.io", "v1beta1", "hyperconvergeds", true) },
    d(K::Cdis, "cdi.kubevirt.io", "v1beta1", "cdis", false),
    d(K::DataVolumes, "cdi.kubevirt.io", "v1beta1", "datavolumes", true),
    d(K::DataImportCrons, "cdi.kubevirt.io", "v1beta1", "dataimportcrons", true),
    d(K::StorageProfiles, "cdi.kubevirt.io", "v1beta1", "storageprofiles", false),
    d(K::StorageClasses, "storage.k8s.io", "v1", "storageclasses", false),
    d(K::CsiDrivers, "storage.k8s.io", "v1", "csidrivers", false),
    d(K::VolumeSnapshotClasses, "snapshot.storage.k8s.io", "v1", "volumesnapshotclasses", false),
    d(K::Ssps, "ssp.kubevirt.io", "v1beta2", "ssps", true),
    d(K::NetworkAddonsConfigs, "networkaddonsoperator.network.kubevirt.io", "v1", "networkaddonsconfigs", false),
    d(K::HostPathProvisioners, "hostpathprovisioner.kubevirt.io", "v1beta1", "hostpathprovisioners", false),
    d(K::NodeMaintenances, "nodemaintenance.medik8s.io", "v1beta1", "nodemaintenances", false),
    d(K::LegacyNodeMaintenances, "nodemaintenance.kubevirt.io", "v1beta1", "nodemaintenances", false),
    d(K::ApiServices, "apiregistration.k8s.io", "v1", "apiservices", false),
    d(K::Crds, "apiextensions.k8s.io", "v1", "customresourcedefinitions", false),
    d(K::PrometheusRules, "monitoring.coreos.com", "v1", "prometheusrules", true),
    d(K::ClusterVersions, "config.openshift.io", "v1", "clusterversions", false),
    d(K::Infrastructures, "config.openshift.io", "v1", "infrastructures", false),
    d(K::Networks, "config.openshift.io", "v1", "networks", false),
    d(K::ApiRequestCounts, "apiserver.openshift.io", "v1", "apirequestcounts", false),
    d(K::KubeDeschedulers, "operator.openshift.io", "v1", "kubedeschedulers", true),
    d(K::NodeNetworkStates, "nmstate.io", "v1beta1", "nodenetworkstates", false),
    d(K::PodMetrics, "metrics.k8s.io", "v1beta1", "pods", true),
    d(K::NodeMetrics, "metrics.k8s.io", "v1beta1", "nodes", false),
];

impl K {
    pub fn def(self) -> &'static KindDef {
        KINDS
            .iter()
            .find(|d| d.kind == self)
            .expect("every kind has a definition")
    }
}

/// The result of listing one kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Items(Vec<Value>),
    /// 403: the message names the verb and resource.
    Forbidden(String),
    /// The group or resource is not served (component not installed).
    NotServed,
    Failed(String),
    Unread,
}

/// One log read a check asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogRequest {
    pub namespace: String,
    pub pod: String,
    pub container: Option<String>,
    pub since_secs: Option<i64>,
    pub previous: bool,
}

impl LogRequest {
    pub fn key(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.namespace,
            self.pod,
            self.container.as_deref().unwrap_or(""),
            if self.previous { "previous" } else { "current" }
        )
    }
}

/// The namespaces of the components (spec §2).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Namespaces {
    pub hco: Option<String>,
    pub virt: Option<String>,
    pub cdi: Option<String>,
    pub cnao: Option<String>,
    pub kmp: Option<String>,
    pub ssp: Option<String>,
    pub hpp: Option<String>,
}

/// Which of the optional reads were allowed, and the VM-level scope.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// `-n`: limits VM-level checks to one namespace.
    pub namespace: Option<String>,
    /// `--node`: node checks look at this node (NodeDrainReadiness evaluates it even if schedulable).
    pub node: Option<String>,
    pub logs: bool,
    pub max_guest_probes: usize,
}

/// Everything read in one run.
#[derive(Debug, Clone)]
pub struct Facts {
    pub now: Timestamp,
    pub scope: Scope,
    /// Served API groups (`""` is the core group) and their preferred versions.
    pub groups: BTreeMap<String, String>,
    pub lists: HashMap<K, Read>,
    /// Kinds read only in these namespaces, because listing them across namespaces was forbidden.
    pub partial: BTreeMap<K, Vec<String>>,
    /// Log text by [`LogRequest::key`]; a missing key was not read.
    pub logs: HashMap<String, String>,
    /// `filesystemlist` answers by `namespace/name`.
    pub guest_fs: BTreeMap<String, Value>,
    /// VMIs whose file systems were not probed (cap reached or no agent).
    pub guest_unprobed: usize,
    pub ns: Namespaces,
}

impl Facts {
    pub fn new(now: Timestamp) -> Facts {
        Facts {
            now,
            scope: Scope::default(),
            groups: BTreeMap::new(),
            lists: HashMap::new(),
            partial: BTreeMap::new(),
            logs: HashMap::new(),
            guest_fs: BTreeMap::new(),
            guest_unprobed: 0,
            ns: Namespaces::default(),
        }
    }

    /// A fixture: facts holding these objects (each grouped by its `kind`), everything served.
    #[cfg(test)]
    pub fn fixture(now: &str, objects: Vec<Value>) -> Facts {
        let mut facts = Facts::new(now.parse().expect("RFC 3339"));
        for def in KINDS {
            facts.lists.insert(def.kind, Read::Items(Vec::new()));
            facts.groups.insert(def.group.to_string(), def.version.to_string());
        }
        for obj in objects {
            // Kinds doctor does not read (Namespaces, ConfigMaps ...) are left out.
            let Some(kind) = kind_of(&obj) else { continue };
            if let Some(Read::Items(items)) = facts.lists.get_mut(&kind) {
                items.push(obj);
            }
        }
        facts.scope.logs = true;
        facts.scope.max_guest_probes = 200;
        facts.ns = super::probes::discover(&facts, &Namespaces::default());
        facts
    }

    /// The objects of a kind (empty when it was not read).
    pub fn items(&self, kind: K) -> &[Value] {
        match self.lists.get(&kind) {
            Some(Read::Items(items)) => items,
            _ => &[],
        }
    }

    pub fn read(&self, kind: K) -> &Read {
        self.lists.get(&kind).unwrap_or(&Read::Unread)
    }

    pub fn served(&self, kind: K) -> bool {
        matches!(self.read(kind), Read::Items(_))
    }

    /// Objects of a kind in one namespace.
    pub fn in_ns<'a>(&'a self, kind: K, namespace: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.items(kind).iter().filter(move |o| namespace_of(o) == namespace)
    }

    /// VM-level objects within the `-n` scope.
    pub fn scoped(&self, kind: K) -> impl Iterator<Item = &Value> {
        self.items(kind)
            .iter()
            .filter(|o| self.scope.namespace.as_deref().is_none_or(|n| namespace_of(o) == n))
    }

    pub fn named<'a>(&'a self, kind: K, namespace: &str, name: &str) -> Option<&'a Value> {
        self.items(kind)
            .iter()
            .find(|o| namespace_of(o) == namespace && name_of(o) == name)
    }

    /// Pods in `namespace` whose labels include all of `selector`.
    pub fn pods<'a>(&'a self, namespace: &'a str, selector: &'a [(&'a str, &'a str)]) -> Vec<&'a Value> {
        self.in_ns(K::Pods, namespace)
            .filter(|p| has_labels(p, selector))
            .collect()
    }

    pub fn node(&self, name: &str) -> Option<&Value> {
        self.items(K::Nodes).iter().find(|n| name_of(n) == name)
    }

    pub fn log(&self, request: &LogRequest) -> Option<&str> {
        self.logs.get(&request.key()).map(String::as_str)
    }

    pub fn seconds_since(&self, t: Timestamp) -> i64 {
        self.now.as_second() - t.as_second()
    }
}

/// The kind an object belongs to, from its `apiVersion` and `kind`.
#[cfg(test)]
pub fn kind_of(obj: &Value) -> Option<K> {
    let api_version = str_at(obj, "/apiVersion");
    let group = api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
    let kind = str_at(obj, "/kind");
    let plural = match kind {
        "NodeMetrics" => "nodes",
        "PodMetrics" => "pods",
        _ => "",
    };
    KINDS
        .iter()
        .find(|d| {
            d.group == group
                && if plural.is_empty() {
                    singular_kind(d.plural) == kind.to_ascii_lowercase()
                } else {
                    d.plural == plural
                }
        })
        .map(|d| d.kind)
}

#[cfg(test)]
fn singular_kind(plural: &str) -> String {
    match plural {
        "endpoints" => "endpoints".into(),
        "storageclasses" => "storageclass".into(),
        "volumesnapshotclasses" => "volumesnapshotclass".into(),
        "persistentvolumeclaims" => "persistentvolumeclaim".into(),
        "customresourcedefinitions" => "customresourcedefinition".into(),
        p => p.strip_suffix('s').unwrap_or(p).to_string(),
    }
}

// ---- small JSON helpers shared by every check ----

pub fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

pub fn i64_at(v: &Value, pointer: &str) -> Option<i64> {
    v.pointer(pointer)
        .and_then(|x| x.as_i64().or_else(|| x.as_str()?.parse().ok()))
}

pub fn name_of(v: &Value) -> &str {
    str_at(v, "/metadata/name")
}

pub fn namespace_of(v: &Value) -> &str {
    str_at(v, "/metadata/namespace")
}

pub fn label<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.pointer("/metadata/labels")?.get(key)?.as_str()
}

pub fn annotation<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.pointer("/metadata/annotations")?.get(key)?.as_str()
}

pub fn has_labels(v: &Value, selector: &[(&str, &str)]) -> bool {
    selector.iter().all(|(k, val)| label(v, k) == Some(val))
}

pub fn time_at(v: &Value, pointer: &str) -> Option<Timestamp> {
    parse_time(v.pointer(pointer)?.as_str()?)
}

pub fn parse_time(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}

pub fn array<'a>(v: &'a Value, pointer: &str) -> &'a [Value] {
    v.pointer(pointer)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The condition `kind` of an object's `status.conditions`.
pub fn condition<'a>(v: &'a Value, kind: &str) -> Option<&'a Value> {
    array(v, "/status/conditions")
        .iter()
        .find(|c| str_at(c, "/type") == kind)
}

/// Whether condition `kind` has status `True`.
pub fn is_true(v: &Value, kind: &str) -> bool {
    condition(v, kind).is_some_and(|c| str_at(c, "/status") == "True")
}

pub fn condition_since(v: &Value, kind: &str) -> Option<Timestamp> {
    condition(v, kind).and_then(|c| time_at(c, "/lastTransitionTime"))
}

/// The newest of an event's timestamps.
pub fn event_time(e: &Value) -> Option<Timestamp> {
    [
        "/lastTimestamp",
        "/eventTime",
        "/firstTimestamp",
        "/metadata/creationTimestamp",
    ]
    .iter()
    .filter_map(|p| time_at(e, p))
    .max()
}

pub fn is_pod_ready(pod: &Value) -> bool {
    is_true(pod, "Ready")
}

pub fn is_pod_running(pod: &Value) -> bool {
    str_at(pod, "/status/phase") == "Running"
}

/// Distinct values, in first-seen order.
pub fn distinct<T: Ord + Clone>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = BTreeSet::new();
    values.into_iter().filter(|v| seen.insert(v.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_find_their_kind() {
        assert_eq!(kind_of(&json!({"apiVersion": "v1", "kind": "Pod"})), Some(K::Pods));
        assert_eq!(
            kind_of(&json!({"apiVersion": "apps/v1", "kind": "DaemonSet"})),
            Some(K::DaemonSets)
        );
        assert_eq!(
            kind_of(&json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass"})),
            Some(K::StorageClasses)
        );
        assert_eq!(
            kind_of(&json!({"apiVersion": "nodemaintenance.kubevirt.io/v1beta1", "kind": "NodeMaintenance"})),
            Some(K::LegacyNodeMaintenances)
        );
        assert_eq!(
            kind_of(&json!({"apiVersion": "v1", "kind": "Endpoints"})),
            Some(K::Endpoints)
        );
    }

    #[test]
    fn every_kind_is_defined_once() {
        let mut seen = BTreeSet::new();
        for d in KINDS {
            assert!(seen.insert(d.kind), "{:?} twice", d.kind);
        }
    }
}
