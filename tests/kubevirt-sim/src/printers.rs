//! Table-driven printer columns: for the kinds whose `kubectl get` columns are plain fields or
//! small derivations, a [`Printer::Columns`](crate::kinds::Printer::Columns) table names each
//! column (name, type, priority) and how its cell is read ([`Cell`]). Built-in kinds follow
//! Kubernetes' `pkg/printers/internalversion/printers.go`; custom resources their CRD's
//! `additionalPrinterColumns` (KubeVirt's `virt-operator/.../components/crds.go`), where `date`
//! columns are printed as ages as the apiextensions table convertor does. `discovery::table`
//! turns a table into a `meta.k8s.io/v1` Table.

use serde_json::{Value, json};

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    /// the Table's column type: `string`, `integer`, `date`, `boolean`
    pub ty: &'static str,
    /// 0: always shown; 1: `-o wide`
    pub priority: u8,
    pub cell: Cell,
}

/// How a cell is read from the object.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    /// `metadata.name`
    Name,
    /// the age of `metadata.creationTimestamp` (`5m`)
    Age,
    /// the age of the timestamp at this JSON pointer, null when absent
    Since(&'static str),
    /// the value at this JSON pointer, null when absent
    At(&'static str),
    /// the integer at this JSON pointer, 0 when absent (Go's zero value)
    Int(&'static str),
    /// the number of entries of the array or map at this JSON pointer
    Len(&'static str),
    /// derived from the whole object
    Derived(fn(&Value) -> Value),
}

const fn c(name: &'static str, ty: &'static str, cell: Cell) -> Column {
    Column {
        name,
        ty,
        priority: 0,
        cell,
    }
}

const fn wide(name: &'static str, cell: Cell) -> Column {
    Column {
        name,
        ty: "string",
        priority: 1,
        cell,
    }
}

const NAME: Column = c("Name", "string", Cell::Name);
const AGE: Column = c("Age", "string", Cell::Age);
const CREATED_AT: Column = c("Created At", "date", Cell::At("/metadata/creationTimestamp"));
const CRD_AGE: Column = c("Age", "date", Cell::Age);

pub const POD: &[Column] = &[
    NAME,
    c("Ready", "string", Cell::Derived(pod_ready)),
    c("Status", "string", Cell::Derived(pod_status)),
    c("Restarts", "string", Cell::Derived(pod_restarts)),
    AGE,
    wide("IP", Cell::Derived(|o| text_or(o, "/status/podIP", "<none>"))),
    wide("Node", Cell::Derived(|o| text_or(o, "/spec/nodeName", "<none>"))),
    wide(
        "Nominated Node",
        Cell::Derived(|o| text_or(o, "/status/nominatedNodeName", "<none>")),
    ),
    wide("Readiness Gates", Cell::Derived(readiness_gates)),
];

/// Events have no leading NAME: it is the last, wide column.
pub const EVENT: &[Column] = &[
    c("Last Seen", "string", Cell::Derived(event_last_seen)),
    c("Type", "string", Cell::At("/type")),
    c("Reason", "string", Cell::At("/reason")),
    c("Object", "string", Cell::Derived(event_object)),
    wide(
        "Subobject",
        Cell::Derived(|o| text_or(o, "/involvedObject/fieldPath", "")),
    ),
    wide("Source", Cell::Derived(event_source)),
    c(
        "Message",
        "string",
        Cell::Derived(|o| json!(o["message"].as_str().unwrap_or("").trim())),
    ),
    wide("First Seen", Cell::Derived(event_first_seen)),
    Column {
        name: "Count",
        ty: "integer",
        priority: 1,
        cell: Cell::Derived(event_count),
    },
    wide("Name", Cell::Name),
];

pub const REPLICA_SET: &[Column] = &[
    NAME,
    c("Desired", "integer", Cell::Derived(desired_replicas)),
    c("Current", "integer", Cell::Int("/status/replicas")),
    c("Ready", "integer", Cell::Int("/status/readyReplicas")),
    AGE,
    wide("Containers", Cell::Derived(containers)),
    wide("Images", Cell::Derived(images)),
    wide("Selector", Cell::Derived(selector)),
];

pub const DAEMON_SET: &[Column] = &[
    NAME,
    c("Desired", "integer", Cell::Int("/status/desiredNumberScheduled")),
    c("Current", "integer", Cell::Int("/status/currentNumberScheduled")),
    c("Ready", "integer", Cell::Int("/status/numberReady")),
    c("Up-to-date", "integer", Cell::Int("/status/updatedNumberScheduled")),
    c("Available", "integer", Cell::Int("/status/numberAvailable")),
    c("Node Selector", "string", Cell::Derived(node_selector)),
    AGE,
    wide("Containers", Cell::Derived(containers)),
    wide("Images", Cell::Derived(images)),
    wide("Selector", Cell::Derived(selector)),
];

pub const SERVICE_ACCOUNT: &[Column] = &[NAME, c("Secrets", "string", Cell::Len("/secrets")), AGE];

pub const ENDPOINTS: &[Column] = &[NAME, c("Endpoints", "string", Cell::Derived(endpoints)), AGE];

pub const LEASE: &[Column] = &[NAME, c("Holder", "string", Cell::At("/spec/holderIdentity")), AGE];

pub const ROLE: &[Column] = &[NAME, CREATED_AT];

pub const ROLE_BINDING: &[Column] = &[
    NAME,
    c("Role", "string", Cell::Derived(role_ref)),
    AGE,
    wide("Users", Cell::Derived(|o| subjects(o, "User"))),
    wide("Groups", Cell::Derived(|o| subjects(o, "Group"))),
    wide("ServiceAccounts", Cell::Derived(|o| subjects(o, "ServiceAccount"))),
];

pub const CUSTOM_RESOURCE_DEFINITION: &[Column] = &[NAME, CREATED_AT];

pub const API_SERVICE: &[Column] = &[
    NAME,
    c("Service", "string", Cell::Derived(api_service)),
    c("Available", "string", Cell::Derived(api_service_available)),
    AGE,
];

pub const PERSISTENT_VOLUME: &[Column] = &[
    NAME,
    c("Capacity", "string", Cell::At("/spec/capacity/storage")),
    c("Access Modes", "string", Cell::Derived(|o| json!(access_modes(o)))),
    c(
        "Reclaim Policy",
        "string",
        Cell::At("/spec/persistentVolumeReclaimPolicy"),
    ),
    c("Status", "string", Cell::Derived(pv_status)),
    c("Claim", "string", Cell::Derived(pv_claim)),
    c(
        "StorageClass",
        "string",
        Cell::Derived(|o| text_or(o, "/spec/storageClassName", "")),
    ),
    c(
        "VolumeAttributesClass",
        "string",
        Cell::Derived(|o| text_or(o, "/spec/volumeAttributesClassName", "<unset>")),
    ),
    c("Reason", "string", Cell::Derived(|o| text_or(o, "/status/reason", ""))),
    AGE,
    wide(
        "VolumeMode",
        Cell::Derived(|o| text_or(o, "/spec/volumeMode", "<unset>")),
    ),
];

/// KubeVirt's VirtualMachineInstanceReplicaSet CRD.
pub const VMI_REPLICA_SET: &[Column] = &[
    NAME,
    c("Desired", "integer", Cell::At("/spec/replicas")),
    c("Current", "integer", Cell::At("/status/replicas")),
    c("Ready", "integer", Cell::At("/status/readyReplicas")),
    CRD_AGE,
];

/// KubeVirt's KubeVirt CRD.
pub const KUBEVIRT: &[Column] = &[NAME, CRD_AGE, c("Phase", "string", Cell::At("/status/phase"))];

/// KubeVirt's VirtualMachineExport CRD.
pub const VM_EXPORT: &[Column] = &[
    NAME,
    c("SourceKind", "string", Cell::At("/spec/source/kind")),
    c("SourceName", "string", Cell::At("/spec/source/name")),
    c("Phase", "string", Cell::At("/status/phase")),
];

fn container_statuses(o: &Value) -> &[Value] {
    o.pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `READY`: ready containers / containers.
fn pod_ready(o: &Value) -> Value {
    let total = o
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let ready = container_statuses(o).iter().filter(|s| s["ready"] == true).count();
    json!(format!("{ready}/{total}"))
}

/// `STATUS` as `printPod` derives it: the phase (or the pod's reason), overridden by a
/// container's waiting or terminated reason; `Terminating` once deleted.
fn pod_status(o: &Value) -> Value {
    let mut reason = o
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(r) = o
        .pointer("/status/reason")
        .and_then(Value::as_str)
        .filter(|r| !r.is_empty())
    {
        reason = r.to_string();
    }
    let mut has_running = false;
    for status in container_statuses(o).iter().rev() {
        let state = &status["state"];
        if let Some(r) = state
            .pointer("/waiting/reason")
            .and_then(Value::as_str)
            .filter(|r| !r.is_empty())
        {
            reason = r.to_string();
        } else if let Some(r) = state
            .pointer("/terminated/reason")
            .and_then(Value::as_str)
            .filter(|r| !r.is_empty())
        {
            reason = r.to_string();
        } else if let Some(terminated) = state.get("terminated") {
            reason = match terminated["signal"].as_i64().filter(|s| *s != 0) {
                Some(signal) => format!("Signal:{signal}"),
                None => format!("ExitCode:{}", terminated["exitCode"].as_i64().unwrap_or(0)),
            };
        } else if status["ready"] == true && state.get("running").is_some() {
            has_running = true;
        }
    }
    if reason == "Completed" && has_running {
        let ready = o["status"]["conditions"]
            .as_array()
            .is_some_and(|cs| cs.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"));
        reason = if ready { "Running" } else { "NotReady" }.to_string();
    }
    if o.pointer("/metadata/deletionTimestamp").is_some() {
        reason = if o.pointer("/status/reason").and_then(Value::as_str) == Some("NodeLost") {
            "Unknown"
        } else {
            "Terminating"
        }
        .to_string();
    }
    json!(reason)
}

/// `RESTARTS`: the containers' restarts, with how long ago the last one ended (`7 (5m ago)`).
fn pod_restarts(o: &Value) -> Value {
    let statuses = container_statuses(o);
    let restarts: i64 = statuses.iter().filter_map(|s| s["restartCount"].as_i64()).sum();
    let last = statuses
        .iter()
        .filter_map(|s| s.pointer("/lastState/terminated/finishedAt").and_then(Value::as_str))
        .max();
    match last {
        Some(at) if restarts > 0 => json!(format!("{restarts} ({} ago)", crate::discovery::since(at))),
        _ => json!(restarts.to_string()),
    }
}

/// `READINESS GATES`: `<none>`, or the gates whose condition is True / the gates.
fn readiness_gates(o: &Value) -> Value {
    let gates = o
        .pointer("/spec/readinessGates")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    if gates.is_empty() {
        return json!("<none>");
    }
    let conditions = o["status"]["conditions"].as_array().map_or(&[][..], Vec::as_slice);
    let met = gates
        .iter()
        .filter(|g| {
            conditions
                .iter()
                .any(|c| c["type"] == g["conditionType"] && c["status"] == "True")
        })
        .count();
    json!(format!("{met}/{}", gates.len()))
}

fn timestamp<'a>(o: &'a Value, pointer: &str) -> Option<&'a str> {
    o.pointer(pointer).and_then(Value::as_str).filter(|t| !t.is_empty())
}

fn age_of(ts: Option<&str>) -> Value {
    json!(ts.map_or_else(|| "<unknown>".to_string(), crate::discovery::since))
}

/// `firstTimestamp`, else `eventTime`.
fn event_first_seen(o: &Value) -> Value {
    age_of(timestamp(o, "/firstTimestamp").or_else(|| timestamp(o, "/eventTime")))
}

/// A series' last observation, else `lastTimestamp`, else the first sighting.
fn event_last_seen(o: &Value) -> Value {
    if o.get("series").is_some_and(Value::is_object) {
        return age_of(timestamp(o, "/series/lastObservedTime"));
    }
    match timestamp(o, "/lastTimestamp") {
        Some(ts) => age_of(Some(ts)),
        None => event_first_seen(o),
    }
}

fn event_count(o: &Value) -> Value {
    let count = match o.pointer("/series/count").and_then(Value::as_i64) {
        Some(n) => n,
        None => o["count"].as_i64().filter(|n| *n != 0).unwrap_or(1),
    };
    json!(count)
}

/// `kind/name` of the involved object, the kind lower-cased.
fn event_object(o: &Value) -> Value {
    let kind = o
        .pointer("/involvedObject/kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_lowercase();
    match o
        .pointer("/involvedObject/name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
    {
        Some(name) => json!(format!("{kind}/{name}")),
        None => json!(kind),
    }
}

/// `component, host` (or the reporting controller and instance).
fn event_source(o: &Value) -> Value {
    let first = |a: &str, b: &str| {
        let a = o.pointer(a).and_then(Value::as_str).unwrap_or("");
        if a.is_empty() {
            o.pointer(b).and_then(Value::as_str).unwrap_or("").to_string()
        } else {
            a.to_string()
        }
    };
    let component = first("/source/component", "/reportingComponent");
    let instance = first("/source/host", "/reportingInstance");
    if instance.is_empty() {
        json!(component)
    } else {
        json!(format!("{component}, {instance}"))
    }
}

fn text_or(o: &Value, pointer: &str, empty: &str) -> Value {
    let text = o.pointer(pointer).and_then(Value::as_str).unwrap_or("");
    json!(if text.is_empty() { empty } else { text })
}

fn desired_replicas(o: &Value) -> Value {
    json!(o.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1))
}

fn template_containers(o: &Value, key: &str) -> Value {
    let joined = o
        .pointer("/spec/template/spec/containers")
        .and_then(Value::as_array)
        .map(|cs| cs.iter().filter_map(|c| c[key].as_str()).collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    json!(joined)
}

fn containers(o: &Value) -> Value {
    template_containers(o, "name")
}

fn images(o: &Value) -> Value {
    template_containers(o, "image")
}

/// `labels.FormatLabels` of a map: sorted `k=v` pairs, `<none>` when empty.
fn format_labels(map: Option<&Value>) -> String {
    let mut pairs: Vec<String> = map
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    if pairs.is_empty() {
        return "<none>".into();
    }
    pairs.sort();
    pairs.join(",")
}

fn selector(o: &Value) -> Value {
    json!(format_labels(o.pointer("/spec/selector/matchLabels")))
}

fn node_selector(o: &Value) -> Value {
    json!(format_labels(o.pointer("/spec/template/spec/nodeSelector")))
}

/// `formatEndpoints`: `ip:port` per address and port, at most 3, then ` + N more...`.
fn endpoints(o: &Value) -> Value {
    let mut all = Vec::new();
    for subset in o["subsets"].as_array().into_iter().flatten() {
        let ports: Vec<String> = match subset["ports"].as_array() {
            Some(ports) if !ports.is_empty() => ports.iter().map(|p| p["port"].to_string()).collect(),
            _ => vec![String::new()],
        };
        for port in &ports {
            for address in subset["addresses"].as_array().into_iter().flatten() {
                let ip = address["ip"].as_str().unwrap_or("");
                all.push(if port.is_empty() {
                    ip.to_string()
                } else {
                    format!("{ip}:{port}")
                });
            }
        }
    }
    if all.is_empty() {
        return json!("<none>");
    }
    let more = all.len().saturating_sub(3);
    let mut shown = all[..all.len().min(3)].join(",");
    if more > 0 {
        shown.push_str(&format!(" + {more} more..."));
    }
    json!(shown)
}

fn role_ref(o: &Value) -> Value {
    json!(format!(
        "{}/{}",
        o.pointer("/roleRef/kind").and_then(Value::as_str).unwrap_or(""),
        o.pointer("/roleRef/name").and_then(Value::as_str).unwrap_or("")
    ))
}

/// The subjects of a binding of one kind (service accounts as `namespace:name`).
fn subjects(o: &Value, kind: &str) -> Value {
    let names: Vec<String> = o["subjects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["kind"] == kind)
        .map(|s| {
            let name = s["name"].as_str().unwrap_or("");
            match s["namespace"].as_str() {
                Some(ns) if kind == "ServiceAccount" => format!("{ns}:{name}"),
                _ => name.to_string(),
            }
        })
        .collect();
    json!(names.join(", "))
}

fn api_service(o: &Value) -> Value {
    match (
        o.pointer("/spec/service/namespace").and_then(Value::as_str),
        o.pointer("/spec/service/name").and_then(Value::as_str),
    ) {
        (Some(ns), Some(name)) => json!(format!("{ns}/{name}")),
        _ => json!("Local"),
    }
}

/// `True`, or `False (Reason)`, or `Unknown`.
fn api_service_available(o: &Value) -> Value {
    let available = o["status"]["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Available"));
    match available {
        Some(c) if c["status"] == "True" => json!("True"),
        Some(c) => json!(format!(
            "{} ({})",
            c["status"].as_str().unwrap_or(""),
            c["reason"].as_str().unwrap_or("")
        )),
        None => json!("Unknown"),
    }
}

/// The short access modes (`RWO,ROX,RWX,RWOP`) of `spec.accessModes`.
pub fn access_modes(o: &Value) -> String {
    let modes: Vec<&str> = o
        .pointer("/spec/accessModes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(mode, _)| modes.contains(mode))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

fn pv_status(o: &Value) -> Value {
    if o.pointer("/metadata/deletionTimestamp").is_some() {
        return json!("Terminating");
    }
    text_or(o, "/status/phase", "")
}

fn pv_claim(o: &Value) -> Value {
    match (
        o.pointer("/spec/claimRef/namespace").and_then(Value::as_str),
        o.pointer("/spec/claimRef/name").and_then(Value::as_str),
    ) {
        (Some(ns), Some(name)) => json!(format!("{ns}/{name}")),
        _ => json!(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pods_status_and_restarts_come_from_its_containers() {
        let pod = json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}]},
                         "status": {"phase": "Running", "containerStatuses": [
                             {"name": "a", "ready": true, "restartCount": 0, "state": {"running": {}}},
                             {"name": "b", "ready": false, "restartCount": 7, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                              "lastState": {"terminated": {"finishedAt": "2020-01-01T00:00:00Z"}}}]}});
        assert_eq!(pod_ready(&pod), "1/2");
        assert_eq!(pod_status(&pod), "CrashLoopBackOff");
        assert!(
            pod_restarts(&pod).as_str().unwrap().starts_with("7 ("),
            "{}",
            pod_restarts(&pod)
        );
        let mut gone = pod.clone();
        gone["metadata"] = json!({"deletionTimestamp": "2020-01-01T00:00:00Z"});
        assert_eq!(pod_status(&gone), "Terminating");
        assert_eq!(readiness_gates(&pod), "<none>");
    }

    #[test]
    fn events_name_their_object_and_source() {
        let ev = json!({"involvedObject": {"kind": "VirtualMachine", "name": "vm1"}, "count": 0,
                        "source": {"component": "virt-controller"}, "reportingInstance": "node01"});
        assert_eq!(event_object(&ev), "virtualmachine/vm1");
        assert_eq!(event_source(&ev), "virt-controller, node01");
        assert_eq!(event_count(&ev), 1);
        assert_eq!(event_last_seen(&ev), "<unknown>");
    }

    #[test]
    fn endpoints_show_three_addresses_then_a_count() {
        let ep = json!({"subsets": [{"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "ports": [{"port": 80}, {"port": 443}]}]});
        assert_eq!(endpoints(&ep), "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...");
        assert_eq!(endpoints(&json!({})), "<none>");
    }

    #[test]
    fn bindings_and_apiservices() {
        let rb = json!({"roleRef": {"kind": "ClusterRole", "name": "view"},
                        "subjects": [{"kind": "ServiceAccount", "name": "sa", "namespace": "ns"}, {"kind": "User", "name": "alice"}]});
        assert_eq!(role_ref(&rb), "ClusterRole/view");
        assert_eq!(subjects(&rb, "ServiceAccount"), "ns:sa");
        assert_eq!(subjects(&rb, "Group"), "");
        let local = json!({"spec": {}});
        assert_eq!(api_service(&local), "Local");
        let down = json!({"spec": {"service": {"namespace": "n", "name": "s"}},
                          "status": {"conditions": [{"type": "Available", "status": "False", "reason": "MissingEndpoints"}]}});
        assert_eq!(api_service(&down), "n/s");
        assert_eq!(api_service_available(&down), "False (MissingEndpoints)");
    }
}
