//! Reading the cluster once per run: API discovery, one paged LIST per kind the selected checks
//! need, then the pod logs and guest probes they ask for; all concurrently with a bounded number
//! of requests in flight. The result is [`Facts`]; checks never send requests.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use std::future::Future;
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::catalog::Check;
use super::facts::{Facts, Kind, KindDef, LogRequest, Namespaces, Read, name_of, namespace_of, str_at, str_in};
use super::model::Component;
use super::object::{Masked, Object};
use crate::cluster::api::{Api, Request};
use crate::cluster::resources::{self, Listing, Paging};
use crate::error::Result;

/// Requests in flight at once.
pub const IN_FLIGHT: usize = 8;
/// Items per LIST page.
pub const PAGE: &str = "500";
/// Per-request timeout.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Log bytes read per container.
pub const LOG_LIMIT_BYTES: &str = "1048576";

/// Runs `job` on every item with at most [`IN_FLIGHT`] running at once.
pub async fn bounded<T, O, F, Fut>(items: Vec<T>, job: F) -> Vec<O>
where
    T: Send + 'static,
    O: Send + 'static,
    F: Fn(T) -> Fut,
    Fut: Future<Output = O> + Send + 'static,
{
    let permits = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut set = JoinSet::new();
    for item in items {
        let permits = permits.clone();
        let fut = job(item);
        set.spawn(async move {
            let _permit = permits.acquire_owned().await;
            fut.await
        });
    }
    let mut out = Vec::new();
    while let Some(done) = set.join_next().await {
        if let Ok(o) = done {
            out.push(o);
        }
    }
    out
}

pub(super) async fn get(api: &Api, request: Request) -> Result<Value> {
    resources::get_json(api, request, REQUEST_TIMEOUT).await
}

/// `/api` and `/apis`: served groups and their preferred versions. Failing here means doctor
/// cannot run (no cluster access), so the error is returned.
pub async fn discover_groups(api: &Api) -> Result<BTreeMap<String, String>> {
    let (core, groups) = tokio::join!(
        get(api, Request::get(resources::CORE_DISCOVERY)),
        get(api, Request::get(resources::GROUP_DISCOVERY))
    );
    let mut out = BTreeMap::new();
    if core?.get("versions").is_some() {
        out.insert(String::new(), "v1".to_string());
    }
    for g in groups?.get("groups").and_then(Value::as_array).into_iter().flatten() {
        let name = str_in(g, "/name").to_string();
        let preferred = str_in(g, "/preferredVersion/version").to_string();
        out.insert(name, preferred);
    }
    Ok(out)
}

/// The version to read a kind at: the table's when pinned (or core), else the server's
/// preferred one; `None` when its group is not served.
fn version_to_read(facts: &Facts, def: &KindDef) -> Option<String> {
    let resource = def.resource;
    let preferred = facts.groups.get(resource.group)?;
    if def.pinned || resource.group.is_empty() {
        return Some(resource.version.to_string());
    }
    Some(preferred.clone())
}

/// One kind, all pages: across namespaces, or in `namespace`.
async fn list(api: &Api, def: &KindDef, version: &str, namespace: Option<&str>) -> Read {
    let request = Request::get(def.resource.collection_at(version, namespace));
    let paging = Paging {
        page: Some(PAGE),
        timeout: REQUEST_TIMEOUT,
    };
    let mask = def.mask();
    match resources::list_all_seeded(api, request, paging, Masked(&mask)).await {
        Listing::Items(items) => Read::Items(items),
        Listing::Forbidden => Read::Forbidden(format!("list {}", def.resource.plural)),
        Listing::NotFound(_) => Read::NotServed,
        Listing::Failed(e) => Read::Failed(e.to_string()),
    }
}

/// Which kinds a set of checks reads.
pub fn kinds_for(checks: &[&dyn Check]) -> BTreeSet<Kind> {
    let mut kinds: BTreeSet<Kind> = checks
        .iter()
        .flat_map(|c| c.needs().into_iter().chain(c.wants()))
        .collect();
    // Discovery of the component namespaces (see `discover`) always needs these.
    if !kinds.is_empty() {
        kinds.extend([
            Kind::KubeVirts,
            Kind::HyperConvergeds,
            Kind::Deployments,
            Kind::Pods,
            Kind::Nodes,
        ]);
        // The header: platform version and topology.
        kinds.extend([Kind::ClusterVersions, Kind::Infrastructures]);
    }
    kinds
}

/// Lists every kind once, concurrently.
pub async fn read_lists(api: &Api, facts: &mut Facts, kinds: &BTreeSet<Kind>, fallback: &[String]) {
    let jobs: Vec<(&'static KindDef, Option<String>)> = kinds
        .iter()
        .map(|k| (k.def(), version_to_read(facts, k.def())))
        .collect();
    let results: Vec<(Kind, Read)> = bounded(jobs, |(def, version)| {
        let api = api.clone();
        async move {
            match version {
                None => (def.kind, Read::NotServed),
                Some(v) => (def.kind, list(&api, def, &v, None).await),
            }
        }
    })
    .await;
    facts.lists.extend(results);
    read_forbidden_per_namespace(api, facts, fallback).await;
}

/// The namespaces components are installed in by OpenShift Virtualization, upstream HCO and
/// stand-alone installs, tried when they cannot be discovered.
pub const WELL_KNOWN_NAMESPACES: &[&str] = &[
    "openshift-cnv",
    "kubevirt-hyperconverged",
    "kubevirt",
    "cdi",
    "cluster-network-addons",
    "kubemacpool-system",
    "hostpath-provisioner",
];

/// For a user who may not list across namespaces: a namespaced kind whose cluster-wide LIST
/// was forbidden is listed in each of `namespaces` instead. What those lists return replaces the forbidden read, and the kind is
/// recorded as read in those namespaces only; when none of them gives an item the read stays
/// forbidden, since "nothing" cannot be told from "not allowed to see".
async fn read_forbidden_per_namespace(api: &Api, facts: &mut Facts, namespaces: &[String]) {
    let forbidden: Vec<Kind> = facts
        .lists
        .iter()
        .filter(|(k, r)| matches!(r, Read::Forbidden(_)) && k.def().resource.namespaced)
        .map(|(k, _)| *k)
        .collect();
    let mut jobs = Vec::new();
    for kind in forbidden {
        let def = kind.def();
        let Some(version) = version_to_read(facts, def) else {
            continue;
        };
        jobs.extend(namespaces.iter().map(|ns| (def, version.clone(), ns.clone())));
    }
    let results: Vec<(Kind, String, Read)> = bounded(jobs, |(def, version, ns)| {
        let api = api.clone();
        async move {
            let read = list(&api, def, &version, Some(&ns)).await;
            (def.kind, ns, read)
        }
    })
    .await;
    let mut found: BTreeMap<Kind, (Vec<Object>, BTreeSet<String>)> = BTreeMap::new();
    for (kind, ns, read) in results {
        if let Read::Items(items) = read {
            let entry = found.entry(kind).or_default();
            entry.1.insert(ns);
            entry.0.extend(items);
        }
    }
    for (kind, (items, scope)) in found {
        if items.is_empty() {
            continue;
        }
        facts.lists.insert(kind, Read::Items(items));
        facts.partial.insert(kind, scope.into_iter().collect());
    }
}

/// Reads the logs the checks ask for, each once.
pub async fn read_logs(api: &Api, facts: &mut Facts, requests: BTreeSet<LogRequest>) {
    let requests: Vec<LogRequest> = requests.into_iter().collect();
    let results: Vec<(String, Result<String, String>)> = bounded(requests, |r| {
        let api = api.clone();
        async move {
            let mut request = pod_log_request(&r);
            if let Some(s) = r.since_secs {
                request = request.query("sinceSeconds", &s.to_string());
            }
            if r.previous {
                request = request.query("previous", "true");
            }
            let text = match tokio::time::timeout(REQUEST_TIMEOUT, api.send(request)).await {
                Ok(Ok(response)) => Ok(String::from_utf8_lossy(&response.body).into_owned()),
                Ok(Err(e)) => Err(e.to_string()),
                Err(_) => Err(format!("no answer within {}s", REQUEST_TIMEOUT.as_secs())),
            };
            (r.key(), text)
        }
    })
    .await;
    facts.logs.extend(results);
}

/// The log read of `r`, its byte limit before its container (the order the request log shows).
fn pod_log_request(r: &LogRequest) -> Request {
    let request = resources::pod_log(&r.namespace, &r.pod, None).query("limitBytes", LOG_LIMIT_BYTES);
    match &r.container {
        Some(container) => request.query("container", container),
        None => request,
    }
}

/// `filesystemlist` of the given VMIs.
pub async fn read_guest_filesystems(api: &Api, facts: &mut Facts, targets: Vec<(String, String)>) {
    let results: Vec<(String, Option<Value>)> = bounded(targets, |(ns, name)| {
        let api = api.clone();
        async move {
            let path = resources::VMI_SUBRESOURCES.subresource(Some(&ns), &name, "filesystemlist");
            (format!("{ns}/{name}"), get(&api, Request::get(path)).await.ok())
        }
    })
    .await;
    for (key, value) in results {
        match value {
            Some(v) => {
                facts.guest_fs.insert(key, Object::from(v));
            }
            None => facts.guest_unprobed += 1,
        }
    }
}

/// Component namespaces from what was listed (the KubeVirt CR, the HyperConverged CR, the
/// operators' Deployments, CNAO's OPERAND_NAMESPACE, the KubeMacPool pods), overrides first.
pub fn discover(f: &Facts, overrides: &Namespaces) -> Namespaces {
    let deployment_ns = |name: &str| {
        f.items(Kind::Deployments)
            .iter()
            .find(|d| name_of(d) == name)
            .map(|d| namespace_of(d).to_string())
    };
    let kubevirt = {
        let crs = f.items(Kind::KubeVirts);
        crs.iter()
            .find(|k| str_at(k, "/status/phase") == "Deployed")
            .or(crs.first())
            .map(|k| namespace_of(k).to_string())
    };
    let hco = f
        .items(Kind::HyperConvergeds)
        .first()
        .map(|h| namespace_of(h).to_string())
        .or_else(|| deployment_ns("hyperconverged-cluster-operator"));
    let cnao = f
        .items(Kind::Deployments)
        .iter()
        .find(|d| name_of(d) == "cluster-network-addons-operator")
        .map(|d| {
            super::facts::array(d, "/spec/template/spec/containers")
                .iter()
                .flat_map(|c| super::facts::array(c, "/env"))
                .find(|e| str_at(e, "/name") == "OPERAND_NAMESPACE")
                .map(|e| str_at(e, "/value").to_string())
                .unwrap_or_else(|| namespace_of(d).to_string())
        });
    let kmp = f
        .items(Kind::Pods)
        .iter()
        .find(|p| super::facts::label(p, "control-plane") == Some("mac-controller-manager"))
        .map(|p| namespace_of(p).to_string());
    let discovered = [
        (Component::Hco, hco),
        (Component::Virt, kubevirt),
        (Component::Cdi, deployment_ns("cdi-operator")),
        (Component::Cnao, cnao),
        (Component::Kmp, kmp),
        (
            Component::Ssp,
            deployment_ns("ssp-operator").or_else(|| deployment_ns("virt-template-validator")),
        ),
        (Component::Hpp, deployment_ns("hostpath-provisioner-operator")),
    ];
    let mut found = Namespaces::default();
    for (component, namespace) in discovered {
        let given = overrides.get(component).map(str::to_string);
        found.set(component, given.or(namespace));
    }
    found
}
