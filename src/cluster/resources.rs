//! Where every resource virtctl reads lives in the API: one table of resources (group, version,
//! plural, namespaced) and pure functions building their collection, object and subresource
//! paths, the pod-log request, the "events about an object" request and the service-proxy path,
//! plus [`list_all`], the paged LIST that restores each item's kind (and [`list_all_seeded`], the
//! same LIST decoded page by page through a caller's decoder). Commands take their paths
//! from here instead of formatting `/api/...` themselves, as kube-rs's request builders do.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::cluster::api::{Api, Request, Response};
use crate::error::{Error, Result};

/// A resource of the API: what a path needs to name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resource {
    /// `""` for the core group (`/api/v1`).
    pub group: &'static str,
    /// The version read when the caller does not pick one (discovery may prefer another).
    pub version: &'static str,
    pub plural: &'static str,
    pub namespaced: bool,
}

const fn core(plural: &'static str, namespaced: bool) -> Resource {
    Resource {
        group: "",
        version: "v1",
        plural,
        namespaced,
    }
}

const fn grouped(group: &'static str, version: &'static str, plural: &'static str, namespaced: bool) -> Resource {
    Resource {
        group,
        version,
        plural,
        namespaced,
    }
}

/// The API discovery documents: the core group's versions and every other group.
pub const CORE_DISCOVERY: &str = "/api";
pub const GROUP_DISCOVERY: &str = "/apis";

// ---- the table: one line per resource ----
#[rustfmt::skip]
mod table {
    use super::{Resource, core, grouped};
    pub const NAMESPACES: Resource = core("namespaces", false);
    pub const NODES: Resource = core("nodes", false);
    pub const PODS: Resource = core("pods", true);
    pub const EVENTS: Resource = core("events", true);
    pub const SERVICES: Resource = core("services", true);
    pub const CONFIG_MAPS: Resource = core("configmaps", true);
    pub const SECRETS: Resource = core("secrets", true);
    pub const SERVICE_ACCOUNTS: Resource = core("serviceaccounts", true);
    pub const PERSISTENT_VOLUME_CLAIMS: Resource = core("persistentvolumeclaims", true);
    pub const PERSISTENT_VOLUMES: Resource = core("persistentvolumes", false);
    pub const ENDPOINTS: Resource = core("endpoints", true);
    pub const DEPLOYMENTS: Resource = grouped("apps", "v1", "deployments", true);
    pub const DAEMON_SETS: Resource = grouped("apps", "v1", "daemonsets", true);
    pub const JOBS: Resource = grouped("batch", "v1", "jobs", true);
    pub const ROLES: Resource = grouped("rbac.authorization.k8s.io", "v1", "roles", true);
    pub const ROLE_BINDINGS: Resource = grouped("rbac.authorization.k8s.io", "v1", "rolebindings", true);
    pub const LEASES: Resource = grouped("coordination.k8s.io", "v1", "leases", true);
    pub const KUBEVIRTS: Resource = grouped("kubevirt.io", "v1", "kubevirts", true);
    pub const VIRTUAL_MACHINES: Resource = grouped("kubevirt.io", "v1", "virtualmachines", true);
    pub const VIRTUAL_MACHINE_INSTANCES: Resource = grouped("kubevirt.io", "v1", "virtualmachineinstances", true);
    pub const VIRTUAL_MACHINE_INSTANCE_REPLICA_SETS: Resource = grouped("kubevirt.io", "v1", "virtualmachineinstancereplicasets", true);
    pub const VIRTUAL_MACHINE_INSTANCE_MIGRATIONS: Resource = grouped("kubevirt.io", "v1", "virtualmachineinstancemigrations", true);
    /// KubeVirt's export API; `cluster::export` falls back to `v1beta1` where `v1` is not served.
    pub const VIRTUAL_MACHINE_EXPORTS: Resource = grouped("export.kubevirt.io", "v1", "virtualmachineexports", true);
    /// KubeVirt's aggregated API (virt-api): the VMI subresources such as `filesystemlist`.
    pub const VMI_SUBRESOURCES: Resource = grouped("subresources.kubevirt.io", "v1", "virtualmachineinstances", true);
    pub const HYPER_CONVERGEDS: Resource = grouped("hco.kubevirt.io", "v1beta1", "hyperconvergeds", true);
    pub const CDIS: Resource = grouped("cdi.kubevirt.io", "v1beta1", "cdis", false);
    pub const DATA_VOLUMES: Resource = grouped("cdi.kubevirt.io", "v1beta1", "datavolumes", true);
    pub const DATA_IMPORT_CRONS: Resource = grouped("cdi.kubevirt.io", "v1beta1", "dataimportcrons", true);
    pub const STORAGE_PROFILES: Resource = grouped("cdi.kubevirt.io", "v1beta1", "storageprofiles", false);
    pub const STORAGE_CLASSES: Resource = grouped("storage.k8s.io", "v1", "storageclasses", false);
    pub const CSI_DRIVERS: Resource = grouped("storage.k8s.io", "v1", "csidrivers", false);
    pub const VOLUME_SNAPSHOT_CLASSES: Resource = grouped("snapshot.storage.k8s.io", "v1", "volumesnapshotclasses", false);
    pub const SSPS: Resource = grouped("ssp.kubevirt.io", "v1beta2", "ssps", true);
    pub const NETWORK_ADDONS_CONFIGS: Resource = grouped("networkaddonsoperator.network.kubevirt.io", "v1", "networkaddonsconfigs", false);
    pub const NETWORK_ATTACHMENT_DEFINITIONS: Resource = grouped("k8s.cni.cncf.io", "v1", "network-attachment-definitions", true);
    pub const HOST_PATH_PROVISIONERS: Resource = grouped("hostpathprovisioner.kubevirt.io", "v1beta1", "hostpathprovisioners", false);
    pub const NODE_MAINTENANCES: Resource = grouped("nodemaintenance.medik8s.io", "v1beta1", "nodemaintenances", false);
    /// The node-maintenance operator's resource before it moved to medik8s.
    pub const LEGACY_NODE_MAINTENANCES: Resource = grouped("nodemaintenance.kubevirt.io", "v1beta1", "nodemaintenances", false);
    pub const API_SERVICES: Resource = grouped("apiregistration.k8s.io", "v1", "apiservices", false);
    pub const CUSTOM_RESOURCE_DEFINITIONS: Resource = grouped("apiextensions.k8s.io", "v1", "customresourcedefinitions", false);
    pub const PROMETHEUS_RULES: Resource = grouped("monitoring.coreos.com", "v1", "prometheusrules", true);
    pub const CLUSTER_VERSIONS: Resource = grouped("config.openshift.io", "v1", "clusterversions", false);
    pub const INFRASTRUCTURES: Resource = grouped("config.openshift.io", "v1", "infrastructures", false);
    pub const NETWORKS: Resource = grouped("config.openshift.io", "v1", "networks", false);
    pub const ROUTES: Resource = grouped("route.openshift.io", "v1", "routes", true);
    pub const API_REQUEST_COUNTS: Resource = grouped("apiserver.openshift.io", "v1", "apirequestcounts", false);
    pub const KUBE_DESCHEDULERS: Resource = grouped("operator.openshift.io", "v1", "kubedeschedulers", true);
    pub const NODE_NETWORK_STATES: Resource = grouped("nmstate.io", "v1beta1", "nodenetworkstates", false);
    pub const POD_METRICS: Resource = grouped("metrics.k8s.io", "v1beta1", "pods", true);
    pub const VIRTUAL_MACHINE_TEMPLATES: Resource = grouped("template.kubevirt.io", "v1beta1", "virtualmachinetemplates", true);
    /// virt-template's aggregated API: the `process` and `create` subresources of a template.
    pub const VIRTUAL_MACHINE_TEMPLATE_SUBRESOURCES: Resource = grouped("subresources.template.kubevirt.io", "v1beta1", "virtualmachinetemplates", true);
    pub const VIRTUAL_MACHINE_TEMPLATE_REQUESTS: Resource = grouped("template.kubevirt.io", "v1beta1", "virtualmachinetemplaterequests", true);
    pub const OPENSHIFT_TEMPLATES: Resource = grouped("template.openshift.io", "v1", "templates", true);
    pub const NODE_METRICS: Resource = grouped("metrics.k8s.io", "v1beta1", "nodes", false);
}
pub use table::*;

impl Resource {
    /// `/api/v1` or `/apis/GROUP/VERSION`, at `version`.
    fn group_version_path(&self, version: &str) -> String {
        if self.group.is_empty() {
            format!("/api/{version}")
        } else {
            format!("/apis/{}/{version}", self.group)
        }
    }

    /// The collection at `version`: in `namespace`, or across namespaces (and for
    /// cluster-scoped resources) when `None`.
    pub fn collection_at(&self, version: &str, namespace: Option<&str>) -> String {
        let base = self.group_version_path(version);
        match namespace {
            Some(ns) => format!("{base}/namespaces/{ns}/{}", self.plural),
            None => format!("{base}/{}", self.plural),
        }
    }

    /// The collection at the table's version.
    pub fn collection(&self, namespace: Option<&str>) -> String {
        self.collection_at(self.version, namespace)
    }

    /// One object; `namespace` is `None` for cluster-scoped resources.
    pub fn object(&self, namespace: Option<&str>, name: &str) -> String {
        format!("{}/{name}", self.collection(namespace))
    }

    /// A subresource of one object (`log`, `proxy`, `filesystemlist` ...).
    pub fn subresource(&self, namespace: Option<&str>, name: &str, subresource: &str) -> String {
        format!("{}/{subresource}", self.object(namespace, name))
    }
}

/// The log of a pod's container (the pod's only container when `None`).
pub fn pod_log(namespace: &str, pod: &str, container: Option<&str>) -> Request {
    let request = Request::get(PODS.subresource(Some(namespace), pod, "log"));
    match container {
        Some(container) => request.query("container", container),
        None => request,
    }
}

/// The events in `namespace` whose involved object is named `name`.
pub fn events_about(namespace: &str, name: &str) -> Request {
    Request::get(EVENTS.collection(Some(namespace))).query("fieldSelector", &format!("involvedObject.name={name}"))
}

/// The API server's proxy to `rest` on a Service's port, spoken in `scheme` (`http`/`https`).
pub fn service_proxy(namespace: &str, scheme: &str, service: &str, port: &str, rest: &str) -> String {
    let target = format!("{scheme}:{service}:{port}");
    format!("{}{rest}", SERVICES.subresource(Some(namespace), &target, "proxy"))
}

/// Prometheus's firing alerts, read through a Route or the service proxy.
pub const PROMETHEUS_ALERTS: &str = "/api/v1/alerts";
/// Alertmanager's alerts, silenced and inhibited ones included (so silences can be reported).
pub const ALERTMANAGER_ALERTS: &str = "/api/v2/alerts?active=true&silenced=true&inhibited=true";

/// What a paged LIST came to. Forbidden and not-found (the group or resource is not served)
/// are told apart from other failures, since callers report them differently.
#[derive(Debug)]
pub enum Listing<T = Value> {
    Items(Vec<T>),
    Forbidden,
    NotFound(Error),
    Failed(Error),
}

/// How [`list_all`] pages and waits.
#[derive(Debug, Clone, Copy)]
pub struct Paging<'a> {
    /// Items per page (`limit`); `None` asks for everything in one answer.
    pub page: Option<&'a str>,
    /// Each request's time limit.
    pub timeout: Duration,
}

/// One page of a LIST, its items decoded as `T`.
#[derive(Deserialize)]
struct Page<T> {
    #[serde(default = "Option::default")]
    items: Option<Vec<T>>,
    #[serde(default)]
    kind: String,
    #[serde(default, rename = "apiVersion")]
    api_version: String,
    #[serde(default)]
    metadata: PageMetadata,
}

#[derive(Deserialize, Default)]
struct PageMetadata {
    #[serde(default, rename = "continue")]
    next: Option<String>,
}

impl<T> Page<T> {
    /// The next page's token.
    fn next(&self) -> Option<String> {
        self.metadata.next.clone().filter(|t| !t.is_empty())
    }
}

/// Every item of a LIST, following `continue` tokens. Lists leave `kind`/`apiVersion` out of
/// their items; they are put back from the list's own, so items can be told apart later.
pub async fn list_all(api: &Api, request: Request, paging: Paging<'_>) -> Listing {
    list_pages(api, request, paging, |response: &Response, items: &mut Vec<Value>| {
        Ok(take_items(response.json()?, items))
    })
    .await
}

/// Every item of a LIST decoded page by page through `seed` (no `serde_json::Value` tree of
/// the whole page), following `continue` tokens; `kind`/`apiVersion` are not restored. For big
/// lists read into compact types: doctor's objects, whose field masks skip the fields no check
/// reads without building them.
pub async fn list_all_seeded<T, S>(api: &Api, request: Request, paging: Paging<'_>, seed: S) -> Listing<T>
where
    S: for<'de> DeserializeSeed<'de, Value = T> + Copy,
{
    list_pages(api, request, paging, |response: &Response, items: &mut Vec<T>| {
        let (page, next) = response.json_seed(PageSeed(seed))?;
        items.extend(page);
        Ok(next)
    })
    .await
}

/// The paging loop: `take` decodes a page, moves its items into the result and returns the
/// next token.
async fn list_pages<T>(
    api: &Api,
    request: Request,
    paging: Paging<'_>,
    mut take: impl FnMut(&Response, &mut Vec<T>) -> Result<Option<String>>,
) -> Listing<T> {
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut page_request = request.clone();
        if let Some(limit) = paging.page {
            page_request = page_request.query("limit", limit);
        }
        if let Some(t) = &token {
            page_request = page_request.query("continue", t);
        }
        let taken = send_within(api, page_request, paging.timeout)
            .await
            .and_then(|response| take(&response, &mut items));
        token = match taken {
            Ok(next) => next,
            Err(e) => return failed_listing(e),
        };
        if token.is_none() {
            return Listing::Items(items);
        }
    }
}

/// A page of a LIST with its items decoded through a seed: the items and the next token.
struct PageSeed<S>(S);

/// The fields of a LIST page that paging reads; the rest is skipped.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum PageField {
    Items,
    Metadata,
    #[serde(other)]
    Other,
}

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for PageSeed<S> {
    type Value = (Vec<S::Value>, Option<String>);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for PageSeed<S> {
    type Value = (Vec<S::Value>, Option<String>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a LIST page")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        let mut metadata = PageMetadata::default();
        while let Some(field) = map.next_key::<PageField>()? {
            match field {
                PageField::Items => items = map.next_value_seed(ItemsSeed(self.0))?,
                PageField::Metadata => metadata = map.next_value()?,
                PageField::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((items, metadata.next.filter(|t| !t.is_empty())))
    }
}

/// A page's `items`: an array of seeded items, or `null` for none.
struct ItemsSeed<S>(S);

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for ItemsSeed<S> {
    type Value = Vec<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for ItemsSeed<S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of items")
    }

    fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self.0)? {
            items.push(item);
        }
        Ok(items)
    }
}

fn failed_listing<T>(e: Error) -> Listing<T> {
    match e.api().map(|a| a.code) {
        Some(403) => Listing::Forbidden,
        Some(404) => Listing::NotFound(e),
        _ => Listing::Failed(e),
    }
}

/// Moves a page's items (kind restored) into `items`; returns the next page's token.
fn take_items(page: Page<Value>, items: &mut Vec<Value>) -> Option<String> {
    let next = page.next();
    let kind = page.kind.trim_end_matches("List");
    for mut item in page.items.unwrap_or_default() {
        if item.get("kind").is_none() {
            item["kind"] = Value::String(kind.to_string());
            item["apiVersion"] = Value::String(page.api_version.clone());
        }
        items.push(item);
    }
    next
}

/// One GET decoded as JSON, within `timeout`.
pub async fn get_json(api: &Api, request: Request, timeout: Duration) -> Result<Value> {
    get_as(api, request, timeout).await
}

/// One GET decoded as `T`, within `timeout`.
async fn get_as<T: DeserializeOwned>(api: &Api, request: Request, timeout: Duration) -> Result<T> {
    send_within(api, request, timeout).await?.json()
}

/// One request's answer, within `timeout`.
async fn send_within(api: &Api, request: Request, timeout: Duration) -> Result<Response> {
    match tokio::time::timeout(timeout, api.send(request)).await {
        Ok(response) => response,
        Err(_) => Err(Error::Timeout(format!(
            "the request took longer than {}s",
            timeout.as_secs()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn core_and_grouped_collections() {
        assert_eq!(NODES.collection(None), "/api/v1/nodes");
        assert_eq!(PODS.collection(Some("ns")), "/api/v1/namespaces/ns/pods");
        assert_eq!(KUBEVIRTS.collection(None), "/apis/kubevirt.io/v1/kubevirts");
        assert_eq!(
            DATA_VOLUMES.collection(Some("ns")),
            "/apis/cdi.kubevirt.io/v1beta1/namespaces/ns/datavolumes"
        );
        assert_eq!(
            HYPER_CONVERGEDS.collection_at("v1", None),
            "/apis/hco.kubevirt.io/v1/hyperconvergeds"
        );
    }

    #[test]
    fn objects_and_subresources() {
        assert_eq!(
            CLUSTER_VERSIONS.object(None, "version"),
            "/apis/config.openshift.io/v1/clusterversions/version"
        );
        assert_eq!(
            ROUTES.object(Some("openshift-monitoring"), "thanos-querier"),
            "/apis/route.openshift.io/v1/namespaces/openshift-monitoring/routes/thanos-querier"
        );
        assert_eq!(
            VMI_SUBRESOURCES.subresource(Some("ns"), "vm", "filesystemlist"),
            "/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/vm/filesystemlist"
        );
        assert_eq!(JOBS.object(Some("ns"), "j"), "/apis/batch/v1/namespaces/ns/jobs/j");
    }

    #[test]
    fn pod_logs_name_their_container() {
        assert_eq!(pod_log("ns", "p", None).uri(), "/api/v1/namespaces/ns/pods/p/log");
        assert_eq!(
            pod_log("ns", "p", Some("compute")).uri(),
            "/api/v1/namespaces/ns/pods/p/log?container=compute"
        );
    }

    #[test]
    fn events_about_select_by_involved_object() {
        assert_eq!(
            events_about("ns", "vm").uri(),
            "/api/v1/namespaces/ns/events?fieldSelector=involvedObject.name%3Dvm"
        );
    }

    #[test]
    fn service_proxy_paths() {
        assert_eq!(
            service_proxy("mon", "https", "prometheus-operated", "web", "/api/v1/alerts"),
            "/api/v1/namespaces/mon/services/https:prometheus-operated:web/proxy/api/v1/alerts"
        );
    }

    #[test]
    fn list_pages_give_back_kinds_and_the_next_token() {
        let mut items = Vec::new();
        let page = json!({"kind": "PodList", "apiVersion": "v1", "metadata": {"continue": "t"},
            "items": [{"metadata": {"name": "a"}}, {"kind": "Other", "metadata": {"name": "b"}}]});
        let page = serde_json::from_value(page).unwrap();
        assert_eq!(take_items(page, &mut items).as_deref(), Some("t"));
        assert_eq!(items[0]["kind"], "Pod");
        assert_eq!(items[0]["apiVersion"], "v1");
        assert_eq!(items[1]["kind"], "Other");
        let last = json!({"kind": "PodList", "metadata": {"continue": ""}, "items": []});
        assert_eq!(take_items(serde_json::from_value(last).unwrap(), &mut items), None);
    }
}
