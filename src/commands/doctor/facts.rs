//! Everything the probes read, once per run, and pure helpers over it. Checks only ever see
//! [`Facts`]; they never send requests.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use k8s_openapi::jiff::Timestamp;
use serde_json::Value;

use super::model::Component;
use super::object::{Mask, Object};
use crate::cluster::resources::{self, Resource};

/// A resource kind doctor reads. Each is listed at most once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
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

/// Where a kind lives in the API, and whether its version is pinned.
#[derive(Debug)]
pub struct KindDef {
    pub kind: Kind,
    pub resource: &'static Resource,
    /// Read the table's version even if the server prefers another (HyperConverged paths are
    /// v1beta1).
    pub pinned: bool,
    /// The fields the checks read, as [`Mask`] paths: only these are kept of each listed object
    /// (empty: the whole object). Set for the kinds with one object per VM, which are most of
    /// the memory at scale.
    pub fields: &'static [&'static str],
}

impl KindDef {
    /// Every path kept of this kind's objects: [`METADATA_FIELDS`] and its own (none: all).
    pub fn kept(&self) -> Vec<&'static str> {
        match self.fields {
            [] => Vec::new(),
            own => METADATA_FIELDS.iter().chain(own).copied().collect(),
        }
    }

    /// The decoder's mask: the paths of [`KindDef::kept`].
    pub fn mask(&self) -> Mask {
        Mask::new(&self.kept())
    }
}

const fn kind(kind: Kind, resource: &'static Resource) -> KindDef {
    KindDef {
        kind,
        resource,
        pinned: false,
        fields: &[],
    }
}

/// What checks read of a masked object's metadata (`name_of`, `namespace_of`, `label`,
/// `annotation`, creation time, the VMI uids of KubeMacPool's check, migration targets'
/// `generateName`); `resourceVersion`, `finalizers`, `ownerReferences` ... are not kept.
pub const METADATA_FIELDS: &[&str] = &[
    "/metadata/name",
    "/metadata/namespace",
    "/metadata/uid",
    "/metadata/labels",
    "/metadata/annotations",
    "/metadata/creationTimestamp",
    "/metadata/generateName",
];

/// Pods: status but its addresses (no check reads `podIP(s)`/`hostIP(s)`, a tenth of a pod's
/// decoded size at 10,000 VMs); of the spec, the node (virt-handler per node, workloads) and each
/// container's name and resource requests (the log container, memory requests).
pub const POD_FIELDS: &[&str] = &[
    "/status/phase",
    "/status/conditions",
    "/status/message",
    "/status/reason",
    "/status/nominatedNodeName",
    "/status/startTime",
    "/status/qosClass",
    "/status/containerStatuses",
    "/status/initContainerStatuses",
    "/status/ephemeralContainerStatuses",
    "/status/resize",
    "/status/resourceClaimStatuses",
    "/spec/nodeName",
    "/spec/containers/name",
    "/spec/containers/resources/requests",
];

/// VirtualMachines: status whole; of the spec, the run strategy (shut-down fate), the template's
/// interface MACs (duplicate MACs), machine type and DataVolume volumes.
pub const VM_FIELDS: &[&str] = &[
    "/status",
    "/spec/running",
    "/spec/runStrategy",
    "/spec/template/spec/domain/devices/interfaces/macAddress",
    "/spec/template/spec/domain/machine/type",
    "/spec/template/spec/volumes/dataVolume/name",
];

/// VirtualMachineInstances: status whole; of the spec, the eviction strategy (node drain) and
/// the volumes' claims (RBD without rxbounce).
pub const VMI_FIELDS: &[&str] = &[
    "/status",
    "/spec/evictionStrategy",
    "/spec/volumes/persistentVolumeClaim/claimName",
    "/spec/volumes/dataVolume/name",
];

/// Every kind doctor may read, one line each; where it lives comes from the cluster's table.
#[rustfmt::skip]
pub static KINDS: &[KindDef] = &[
    kind(Kind::Nodes, &resources::NODES),
    KindDef { fields: POD_FIELDS, ..kind(Kind::Pods, &resources::PODS) },
    kind(Kind::Events, &resources::EVENTS),
    kind(Kind::Services, &resources::SERVICES),
    kind(Kind::Pvcs, &resources::PERSISTENT_VOLUME_CLAIMS),
    kind(Kind::Pvs, &resources::PERSISTENT_VOLUMES),
    kind(Kind::Endpoints, &resources::ENDPOINTS),
    kind(Kind::Deployments, &resources::DEPLOYMENTS),
    kind(Kind::DaemonSets, &resources::DAEMON_SETS),
    kind(Kind::Leases, &resources::LEASES),
    kind(Kind::KubeVirts, &resources::KUBEVIRTS),
    KindDef { fields: VM_FIELDS, ..kind(Kind::Vms, &resources::VIRTUAL_MACHINES) },
    KindDef { fields: VMI_FIELDS, ..kind(Kind::Vmis, &resources::VIRTUAL_MACHINE_INSTANCES) },
    kind(Kind::Vmims, &resources::VIRTUAL_MACHINE_INSTANCE_MIGRATIONS),
    KindDef { pinned: true, ..kind(Kind::HyperConvergeds, &resources::HYPER_CONVERGEDS) },
    kind(Kind::Cdis, &resources::CDIS),
    kind(Kind::DataVolumes, &resources::DATA_VOLUMES),
    kind(Kind::DataImportCrons, &resources::DATA_IMPORT_CRONS),
    kind(Kind::StorageProfiles, &resources::STORAGE_PROFILES),
    kind(Kind::StorageClasses, &resources::STORAGE_CLASSES),
    kind(Kind::CsiDrivers, &resources::CSI_DRIVERS),
    kind(Kind::VolumeSnapshotClasses, &resources::VOLUME_SNAPSHOT_CLASSES),
    kind(Kind::Ssps, &resources::SSPS),
    kind(Kind::NetworkAddonsConfigs, &resources::NETWORK_ADDONS_CONFIGS),
    kind(Kind::HostPathProvisioners, &resources::HOST_PATH_PROVISIONERS),
    kind(Kind::NodeMaintenances, &resources::NODE_MAINTENANCES),
    kind(Kind::LegacyNodeMaintenances, &resources::LEGACY_NODE_MAINTENANCES),
    kind(Kind::ApiServices, &resources::API_SERVICES),
    kind(Kind::Crds, &resources::CUSTOM_RESOURCE_DEFINITIONS),
    kind(Kind::PrometheusRules, &resources::PROMETHEUS_RULES),
    kind(Kind::ClusterVersions, &resources::CLUSTER_VERSIONS),
    kind(Kind::Infrastructures, &resources::INFRASTRUCTURES),
    kind(Kind::Networks, &resources::NETWORKS),
    kind(Kind::ApiRequestCounts, &resources::API_REQUEST_COUNTS),
    kind(Kind::KubeDeschedulers, &resources::KUBE_DESCHEDULERS),
    kind(Kind::NodeNetworkStates, &resources::NODE_NETWORK_STATES),
    kind(Kind::PodMetrics, &resources::POD_METRICS),
    kind(Kind::NodeMetrics, &resources::NODE_METRICS),
];

impl Kind {
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
    Items(Vec<Object>),
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

/// The namespaces of the components that run pods of their own: the one place that maps a
/// component to its namespace. Each is found by discovery or given by a flag.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Namespaces(BTreeMap<Component, String>);

impl Namespaces {
    /// The components that live in a namespace of their own (not the nodes, not the VMs), in
    /// report order.
    pub fn components() -> impl Iterator<Item = Component> {
        Component::ALL
            .into_iter()
            .filter(|c| !matches!(c, Component::Node | Component::VmWorkload))
    }

    pub fn get(&self, component: Component) -> Option<&str> {
        self.0.get(&component).map(String::as_str)
    }

    /// Records where `component` lives; `None` leaves it unknown.
    pub fn set(&mut self, component: Component, namespace: Option<String>) {
        if let Some(namespace) = namespace {
            self.0.insert(component, namespace);
        }
    }

    /// Every component that lives in a namespace, with its namespace if known, in report order.
    pub fn all(&self) -> impl Iterator<Item = (Component, Option<&str>)> {
        Self::components().map(|c| (c, self.get(c)))
    }
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
    pub lists: HashMap<Kind, Read>,
    /// Kinds read only in these namespaces, because listing them across namespaces was forbidden.
    pub partial: BTreeMap<Kind, Vec<String>>,
    /// Log text by [`LogRequest::key`]; a missing key was not read.
    /// Pod logs by [`LogRequest::key`]: the text, or why it could not be read.
    pub logs: HashMap<String, Result<String, String>>,
    /// `filesystemlist` answers by `namespace/name`.
    pub guest_fs: BTreeMap<String, Object>,
    /// VMIs whose file systems were not probed (cap reached or no agent).
    pub guest_unprobed: usize,
    pub ns: Namespaces,
    /// [`Facts::named`]'s index, built on first use.
    by_name: OnceLock<ByName>,
}

/// Where each object sits in its list, by kind, namespace and name, with the list's length when
/// indexed (a list changed since is searched instead). Checks look up a VMI or VM per VM: a
/// scan each time would be quadratic, 10^8 comparisons at 10,000 VMs.
type ByName = HashMap<Kind, (usize, HashMap<(Box<str>, Box<str>), usize>)>;

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
            by_name: OnceLock::new(),
        }
    }

    /// A fixture: facts holding these objects (each grouped by its `kind`), everything served.
    #[cfg(test)]
    pub fn fixture(now: &str, objects: Vec<Value>) -> Facts {
        let mut facts = Facts::new(now.parse().expect("RFC 3339"));
        for def in KINDS {
            facts.lists.insert(def.kind, Read::Items(Vec::new()));
            facts
                .groups
                .insert(def.resource.group.to_string(), def.resource.version.to_string());
        }
        for obj in objects {
            // Kinds doctor does not read (Namespaces, ConfigMaps ...) are left out.
            let Some(kind) = kind_of(&obj) else { continue };
            // Masked as a listed object is, so the checks' unit tests see what they see live.
            let object =
                serde::de::DeserializeSeed::deserialize(super::object::Masked(&kind.def().mask()), obj).expect("JSON");
            if let Some(Read::Items(items)) = facts.lists.get_mut(&kind) {
                items.push(object);
            }
        }
        facts.scope.logs = true;
        facts.scope.max_guest_probes = 200;
        facts.ns = super::probes::discover(&facts, &Namespaces::default());
        facts
    }

    /// The objects of a kind (empty when it was not read).
    pub fn items(&self, kind: Kind) -> &[Object] {
        match self.lists.get(&kind) {
            Some(Read::Items(items)) => items,
            _ => &[],
        }
    }

    pub fn read(&self, kind: Kind) -> &Read {
        self.lists.get(&kind).unwrap_or(&Read::Unread)
    }

    pub fn served(&self, kind: Kind) -> bool {
        matches!(self.read(kind), Read::Items(_))
    }

    /// Objects of a kind in one namespace.
    pub fn in_ns<'a>(&'a self, kind: Kind, namespace: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.items(kind).iter().filter(move |o| namespace_of(o) == namespace)
    }

    /// VM-level objects within the `-n` scope.
    pub fn scoped(&self, kind: Kind) -> impl Iterator<Item = &Object> {
        self.items(kind)
            .iter()
            .filter(|o| self.scope.namespace.as_deref().is_none_or(|n| namespace_of(o) == n))
    }

    pub fn named<'a>(&'a self, kind: Kind, namespace: &str, name: &str) -> Option<&'a Object> {
        let items = self.items(kind);
        let is_it = |o: &&Object| namespace_of(o) == namespace && name_of(o) == name;
        match self.by_name().get(&kind) {
            Some((len, index)) if *len == items.len() => {
                let key = (Box::<str>::from(namespace), Box::<str>::from(name));
                index.get(&key).map(|i| &items[*i]).filter(is_it)
            }
            _ => items.iter().find(is_it),
        }
    }

    fn by_name(&self) -> &ByName {
        self.by_name.get_or_init(|| {
            let mut index = ByName::new();
            for (kind, read) in &self.lists {
                let Read::Items(items) = read else { continue };
                let mut names = HashMap::with_capacity(items.len());
                for (i, o) in items.iter().enumerate() {
                    // The first of duplicates wins, as a scan would find it.
                    names.entry((namespace_of(o).into(), name_of(o).into())).or_insert(i);
                }
                index.insert(*kind, (items.len(), names));
            }
            index
        })
    }

    /// Pods in `namespace` whose labels include all of `selector`.
    pub fn pods<'a>(&'a self, namespace: &'a str, selector: &'a [(&'a str, &'a str)]) -> Vec<&'a Object> {
        self.in_ns(Kind::Pods, namespace)
            .filter(|p| has_labels(p, selector))
            .collect()
    }

    pub fn node(&self, name: &str) -> Option<&Object> {
        self.items(Kind::Nodes).iter().find(|n| name_of(n) == name)
    }

    /// The text of a log the check asked for, or why it is not there.
    pub fn log(&self, request: &LogRequest) -> Result<&str, &str> {
        match self.logs.get(&request.key()) {
            Some(Ok(text)) => Ok(text),
            Some(Err(reason)) => Err(reason),
            None => Err("not read"),
        }
    }

    pub fn seconds_since(&self, t: Timestamp) -> i64 {
        self.now.as_second() - t.as_second()
    }
}

/// The kind an object belongs to, from its `apiVersion` and `kind`.
#[cfg(test)]
pub fn kind_of(obj: &Value) -> Option<Kind> {
    let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let group = api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let plural = match kind {
        "NodeMetrics" => "nodes",
        "PodMetrics" => "pods",
        _ => "",
    };
    KINDS
        .iter()
        .find(|d| {
            d.resource.group == group
                && if plural.is_empty() {
                    singular_kind(d.resource.plural) == kind.to_ascii_lowercase()
                } else {
                    d.resource.plural == plural
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

pub fn str_at<'a>(v: &'a Object, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Object::as_str).unwrap_or("")
}

/// [`str_at`] for JSON that is not a listed object (Prometheus alerts, Routes).
pub fn str_in<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

pub fn i64_at(v: &Object, pointer: &str) -> Option<i64> {
    v.pointer(pointer)
        .and_then(|x| x.as_i64().or_else(|| x.as_str()?.parse().ok()))
}

pub fn name_of(v: &Object) -> &str {
    str_at(v, "/metadata/name")
}

pub fn namespace_of(v: &Object) -> &str {
    str_at(v, "/metadata/namespace")
}

pub fn label<'a>(v: &'a Object, key: &str) -> Option<&'a str> {
    v.pointer("/metadata/labels")?.get(key)?.as_str()
}

pub fn annotation<'a>(v: &'a Object, key: &str) -> Option<&'a str> {
    v.pointer("/metadata/annotations")?.get(key)?.as_str()
}

pub fn has_labels(v: &Object, selector: &[(&str, &str)]) -> bool {
    selector.iter().all(|(k, val)| label(v, k) == Some(val))
}

pub fn time_at(v: &Object, pointer: &str) -> Option<Timestamp> {
    parse_time(v.pointer(pointer)?.as_str()?)
}

pub fn parse_time(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}

pub fn array<'a>(v: &'a Object, pointer: &str) -> &'a [Object] {
    v.pointer(pointer).and_then(Object::as_array).unwrap_or(&[])
}

/// The condition `kind` of an object's `status.conditions`.
pub fn condition<'a>(v: &'a Object, kind: &str) -> Option<&'a Object> {
    array(v, "/status/conditions")
        .iter()
        .find(|c| str_at(c, "/type") == kind)
}

/// A condition as one line: `Type=Status Reason: message`.
pub fn condition_line(c: &Object) -> String {
    format!(
        "{}={} {}: {}",
        str_at(c, "/type"),
        str_at(c, "/status"),
        str_at(c, "/reason"),
        str_at(c, "/message")
    )
}

/// Whether condition `kind` has status `True`.
pub fn is_true(v: &Object, kind: &str) -> bool {
    condition(v, kind).is_some_and(|c| str_at(c, "/status") == "True")
}

pub fn condition_since(v: &Object, kind: &str) -> Option<Timestamp> {
    condition(v, kind).and_then(|c| time_at(c, "/lastTransitionTime"))
}

/// The newest of an event's timestamps.
pub fn event_time(e: &Object) -> Option<Timestamp> {
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

pub fn is_pod_ready(pod: &Object) -> bool {
    is_true(pod, "Ready")
}

pub fn is_pod_running(pod: &Object) -> bool {
    str_at(pod, "/status/phase") == "Running"
}

/// Distinct values, in first-seen order.
pub fn distinct<T: Ord + Clone>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = BTreeSet::new();
    values.into_iter().filter(|v| seen.insert(v.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::super::object::Masked;
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_find_their_kind() {
        assert_eq!(kind_of(&json!({"apiVersion": "v1", "kind": "Pod"})), Some(Kind::Pods));
        assert_eq!(
            kind_of(&json!({"apiVersion": "apps/v1", "kind": "DaemonSet"})),
            Some(Kind::DaemonSets)
        );
        assert_eq!(
            kind_of(&json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass"})),
            Some(Kind::StorageClasses)
        );
        assert_eq!(
            kind_of(&json!({"apiVersion": "nodemaintenance.kubevirt.io/v1beta1", "kind": "NodeMaintenance"})),
            Some(Kind::LegacyNodeMaintenances)
        );
        assert_eq!(
            kind_of(&json!({"apiVersion": "v1", "kind": "Endpoints"})),
            Some(Kind::Endpoints)
        );
    }

    /// `value` with only `paths` kept, written plainly over `serde_json::Value` (arrays
    /// transparent), to check the decoder against.
    fn keep_paths(value: &Value, paths: &[Vec<&str>]) -> Value {
        if paths.iter().any(Vec::is_empty) {
            return value.clone();
        }
        match value {
            Value::Array(items) => Value::Array(items.iter().map(|v| keep_paths(v, paths)).collect()),
            Value::Object(fields) => Value::Object(
                fields
                    .iter()
                    .filter_map(|(k, v)| {
                        let under: Vec<Vec<&str>> =
                            paths.iter().filter(|p| p[0] == k).map(|p| p[1..].to_vec()).collect();
                        (!under.is_empty()).then(|| (k.clone(), keep_paths(v, &under)))
                    })
                    .collect(),
            ),
            scalar => scalar.clone(),
        }
    }

    #[test]
    fn masked_kinds_keep_exactly_the_fields_the_checks_read() {
        let mut objects = kubevirt_sim::openshift_virt::scale(super::super::fixtures::NOW, 2, 1);
        objects.extend(super::super::fixtures::install());
        let mut masked = 0;
        for mut obj in objects {
            let Some(kind) = kind_of(&obj) else { continue };
            let def = kind.def();
            obj["metadata"]["managedFields"] = json!([{"manager": "kubectl"}]);
            let text = obj.to_string();
            let mut decoder = serde_json::Deserializer::from_str(&text);
            let decoded = serde::de::DeserializeSeed::deserialize(Masked(&def.mask()), &mut decoder).unwrap();
            obj["metadata"].as_object_mut().unwrap().remove("managedFields");
            let paths: Vec<Vec<&str>> = match def.kept() {
                kept if kept.is_empty() => vec![vec![]],
                kept => kept
                    .iter()
                    .map(|p| p.trim_start_matches('/').split('/').collect())
                    .collect(),
            };
            let expected = keep_paths(&obj, &paths);
            assert_eq!(decoded.to_value(), expected, "{kind:?} {}", obj["metadata"]["name"]);
            if !def.fields.is_empty() {
                masked += 1;
                assert_ne!(expected, obj, "{kind:?}: the mask drops the fields no check reads");
                assert!(expected.pointer("/status").is_some() && expected.pointer("/metadata/name").is_some());
            }
        }
        // Two VMs, their VMIs and launcher pods, and the install's pods.
        assert!(masked > 6, "{masked}");
    }

    #[test]
    fn every_kind_is_defined_once() {
        let mut seen = BTreeSet::new();
        for d in KINDS {
            assert!(seen.insert(d.kind), "{:?} twice", d.kind);
        }
    }
}
