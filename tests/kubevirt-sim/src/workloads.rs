//! kube-controller-manager's workload controllers, with the scheduler's and the kubelet's part
//! for their pods: a Deployment keeps one ReplicaSet (`<name>-<pod-template-hash>`) at its
//! replica count, a ReplicaSet keeps that many pods, a DaemonSet one pod per node its pods may
//! run on; each owns what it creates (a controller owner reference with
//! `blockOwnerDeletion`), adopts what matches its selector and has no controller, and reports
//! its counts in `status`. Deleting an owner is the garbage collector's business (`gc.rs`).
//!
//! Only pods these controllers own are scheduled and started here: a new pod is bound to a
//! node at creation, Pending, and Running and Ready one tick later, unless something else
//! already wrote its container statuses (a scenario's ImagePullBackOff stays as written).

use serde_json::{Map, Value, json};

use crate::kinds::{self, Kind};
use crate::object::{array_at, deleting, name_of, node_kind, ns_of, pod_kind};
use crate::registry::Component;
use crate::server::SimState;
use crate::store::{Inner, now_rfc3339};

/// The controllers as a component of the tick loop.
pub struct Workloads;

impl Component for Workloads {
    fn tick(&mut self, store: &mut Inner, _state: &SimState) {
        start_pods(store);
        for d in store.list_all(deployment_kind(), None) {
            if !deleting(&d) {
                step_deployment(store, d);
            }
        }
        for rs in store.list_all(replicaset_kind(), None) {
            if !deleting(&rs) {
                step_replicaset(store, rs);
            }
        }
        for ds in store.list_all(daemonset_kind(), None) {
            if !deleting(&ds) {
                step_daemonset(store, ds);
            }
        }
    }
}

fn kind(plural: &str) -> &'static Kind {
    kinds::lookup("apps", "v1", plural).expect("an apps/v1 kind")
}

pub fn deployment_kind() -> &'static Kind {
    kind("deployments")
}

pub fn replicaset_kind() -> &'static Kind {
    kind("replicasets")
}

pub fn daemonset_kind() -> &'static Kind {
    kind("daemonsets")
}

fn uid_of(o: &Value) -> &str {
    o.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or("")
}

/// The owner reference a controller writes into what it creates or adopts.
fn controller_ref(owner: &Value) -> Value {
    json!({"apiVersion": owner["apiVersion"], "kind": owner["kind"], "name": name_of(owner),
           "uid": uid_of(owner), "controller": true, "blockOwnerDeletion": true})
}

/// The uid of the object's managing controller, if it has one.
fn controller_uid(o: &Value) -> Option<&str> {
    array_at(o, "/metadata/ownerReferences")
        .iter()
        .find(|r| r["controller"] == true)
        .and_then(|r| r["uid"].as_str())
}

/// `spec.selector.matchLabels` against the object's labels (an empty selector selects nothing,
/// as for these kinds the API server requires one).
fn selects(selector: &Value, o: &Value) -> bool {
    let Some(wanted) = selector.get("matchLabels").and_then(Value::as_object) else {
        return false;
    };
    let labels = o.pointer("/metadata/labels").and_then(Value::as_object);
    !wanted.is_empty() && wanted.iter().all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
}

/// The objects of `kind` in the owner's namespace that it controls, adopting on the way those
/// its selector matches that no controller owns (`ClaimObjects`).
fn claim(store: &mut Inner, kind: &'static Kind, owner: &Value) -> Vec<Value> {
    let (ns, uid) = (ns_of(owner), uid_of(owner).to_string());
    let selector = owner.pointer("/spec/selector").cloned().unwrap_or(Value::Null);
    let mut owned = Vec::new();
    for mut o in store.list_all(kind, Some(&ns)) {
        if deleting(&o) {
            continue;
        }
        match controller_uid(&o) {
            Some(u) if u == uid => owned.push(o),
            None if selects(&selector, &o) => {
                let mut refs = array_at(&o, "/metadata/ownerReferences").to_vec();
                refs.push(controller_ref(owner));
                o["metadata"]["ownerReferences"] = json!(refs);
                if let Ok(adopted) = store.put(kind, o) {
                    owned.push(adopted);
                }
            }
            _ => {}
        }
    }
    owned
}

/// apimachinery's `rand.SafeEncodeString` of the template's FNV-32a hash, as
/// `controller.ComputeHash` names a Deployment's ReplicaSets.
fn template_hash(template: &Value) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut hash: u32 = 0x811c_9dc5;
    for b in template.to_string().bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash.to_string()
        .bytes()
        .map(|b| ALPHANUMS[usize::from(b) % ALPHANUMS.len()] as char)
        .collect()
}

fn replicas(o: &Value) -> i64 {
    o.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1)
}

/// Writes `status` when its counts differ; the counts are `omitempty` (zero is absent), other
/// status fields (conditions) are kept.
fn set_counts(store: &mut Inner, kind: &Kind, o: Value, counts: &[(&str, i64)], always: &[&str]) {
    let status = counted(&o, counts, always);
    write_status(store, kind, o, status);
}

/// `o`'s status with `counts` and `observedGeneration` set.
fn counted(o: &Value, counts: &[(&str, i64)], always: &[&str]) -> Map<String, Value> {
    let mut status = o.get("status").and_then(Value::as_object).cloned().unwrap_or_default();
    for (field, n) in counts {
        if *n == 0 && !always.contains(field) {
            status.remove(*field);
        } else {
            status.insert((*field).to_string(), json!(n));
        }
    }
    if let Some(g) = o.pointer("/metadata/generation").cloned() {
        status.insert("observedGeneration".into(), g);
    }
    status
}

fn write_status(store: &mut Inner, kind: &Kind, mut o: Value, status: Map<String, Value>) {
    if o.get("status").and_then(Value::as_object) != Some(&status) {
        o["status"] = Value::Object(status);
        let _ = store.put(kind, o);
    }
}

fn step_deployment(store: &mut Inner, d: Value) {
    let mut owned = claim(store, replicaset_kind(), &d);
    let mut created = None;
    if owned.is_empty() {
        created = create_replicaset(store, &d);
        owned.extend(created.clone());
    }
    for rs in &owned {
        if replicas(rs) != replicas(&d) {
            let mut rs = rs.clone();
            rs["spec"]["replicas"] = json!(replicas(&d));
            let _ = store.put(replicaset_kind(), rs);
        }
    }
    let sum = |field: &str| -> i64 {
        owned
            .iter()
            .filter_map(|rs| rs.pointer(&format!("/status/{field}")).and_then(Value::as_i64))
            .sum()
    };
    let counts = [
        ("replicas", sum("replicas")),
        ("updatedReplicas", sum("replicas")),
        ("readyReplicas", sum("readyReplicas")),
        ("availableReplicas", sum("availableReplicas")),
        ("unavailableReplicas", (replicas(&d) - sum("availableReplicas")).max(0)),
    ];
    let mut status = counted(&d, &counts, &[]);
    let new_rs = owned.first().map(name_of).unwrap_or_default();
    for condition in deployment_conditions(&d, &status, &new_rs, created.is_some()) {
        set_deployment_condition(&mut status, condition);
    }
    write_status(store, deployment_kind(), d, status);
}

/// The deployment controller's verdicts on a sync (`syncRolloutStatus`): `Available` from the
/// minimum availability, `Progressing` when the new ReplicaSet was created, made progress or
/// completed the rollout, and `Progressing=False` (`ProgressDeadlineExceeded`) once a rollout
/// made no progress for `spec.progressDeadlineSeconds`.
fn deployment_conditions(d: &Value, status: &Map<String, Value>, new_rs: &str, created: bool) -> Vec<Value> {
    let count = |m: &Map<String, Value>, f: &str| m.get(f).and_then(Value::as_i64).unwrap_or(0);
    let old = d.get("status").and_then(Value::as_object).cloned().unwrap_or_default();
    let want = replicas(d);
    let mut out = Vec::new();
    out.push(if count(status, "availableReplicas") >= want - max_unavailable(d) {
        condition(
            "Available",
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.",
        )
    } else {
        condition(
            "Available",
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.",
        )
    });
    let complete = ["updatedReplicas", "replicas", "availableReplicas"]
        .iter()
        .all(|f| count(status, f) == want);
    let progressed = ["updatedReplicas", "readyReplicas", "availableReplicas"]
        .iter()
        .any(|f| count(status, f) > count(&old, f));
    if created {
        out.push(condition(
            "Progressing",
            "True",
            "NewReplicaSetCreated",
            &format!("Created new replica set {new_rs:?}"),
        ));
    } else if complete {
        out.push(condition(
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            &format!("ReplicaSet {new_rs:?} has successfully progressed."),
        ));
    } else if progressed {
        out.push(condition(
            "Progressing",
            "True",
            "ReplicaSetUpdated",
            &format!("ReplicaSet {new_rs:?} is progressing."),
        ));
    } else if timed_out(d) {
        out.push(condition(
            "Progressing",
            "False",
            TIMED_OUT,
            &format!("ReplicaSet {new_rs:?} has timed out progressing."),
        ));
    }
    out
}

const TIMED_OUT: &str = "ProgressDeadlineExceeded";

/// `DeploymentTimedOut`: the Progressing condition (of an unfinished rollout) was last updated
/// longer than the progress deadline ago (600 s, the API server's default, when unset).
fn timed_out(d: &Value) -> bool {
    let Some(progressing) = array_at(d, "/status/conditions")
        .iter()
        .find(|c| c["type"] == "Progressing")
        .cloned()
    else {
        return false;
    };
    match progressing["reason"].as_str() {
        Some("NewReplicaSetAvailable") => return false,
        Some(TIMED_OUT) => return true,
        _ => {}
    }
    let deadline = d
        .pointer("/spec/progressDeadlineSeconds")
        .and_then(Value::as_i64)
        .unwrap_or(600);
    let Some(updated) = progressing["lastUpdateTime"]
        .as_str()
        .and_then(|t| time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok())
    else {
        return false;
    };
    updated + time::Duration::seconds(deadline) < time::OffsetDateTime::now_utc()
}

fn condition(kind: &str, status: &str, reason: &str, message: &str) -> Value {
    let now = now_rfc3339();
    json!({"type": kind, "status": status, "lastUpdateTime": now, "lastTransitionTime": now, "reason": reason, "message": message})
}

/// `SetDeploymentCondition`: nothing changes when status and reason are the same; a condition
/// keeps its `lastTransitionTime` while its status stays; the new one goes last.
fn set_deployment_condition(status: &mut Map<String, Value>, mut new: Value) {
    let mut conditions: Vec<Value> = status
        .get("conditions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let current = conditions.iter().find(|c| c["type"] == new["type"]);
    // Progress is news even with the same reason: it moves `lastUpdateTime`, from which the
    // progress deadline counts (`syncRolloutStatus` replaces that condition).
    let progress = new["type"] == "Progressing" && new["reason"] == "ReplicaSetUpdated";
    if let Some(current) = current {
        if current["status"] == new["status"] && current["reason"] == new["reason"] && !progress {
            return;
        }
        if current["status"] == new["status"] {
            new["lastTransitionTime"] = current["lastTransitionTime"].clone();
        }
    }
    conditions.retain(|c| c["type"] != new["type"]);
    conditions.push(new);
    status.insert("conditions".into(), Value::Array(conditions));
}

/// `MaxUnavailable`: of a RollingUpdate strategy (defaults 25% / 25%), resolved against the
/// replica count as `ResolveFenceposts` does (surge rounds up, unavailable down, never both 0);
/// 0 for Recreate or no replicas.
fn max_unavailable(d: &Value) -> i64 {
    let want = replicas(d);
    let strategy = d
        .pointer("/spec/strategy/type")
        .and_then(Value::as_str)
        .unwrap_or("RollingUpdate");
    if strategy != "RollingUpdate" || want == 0 {
        return 0;
    }
    let field = |f: &str| d.pointer(&format!("/spec/strategy/rollingUpdate/{f}")).cloned();
    let surge = scaled(field("maxSurge"), want, true);
    let unavailable = scaled(field("maxUnavailable"), want, false);
    let unavailable = if surge == 0 && unavailable == 0 { 1 } else { unavailable };
    unavailable.min(want)
}

/// `intstr.GetScaledValueFromIntOrPercent` of an int or a percentage (absent: 25%).
fn scaled(value: Option<Value>, total: i64, round_up: bool) -> i64 {
    let percent = match value {
        Some(Value::Number(n)) => return n.as_i64().unwrap_or(0),
        Some(Value::String(s)) => s.trim_end_matches('%').parse::<i64>().unwrap_or(0),
        _ => 25,
    };
    let scaled = percent * total;
    if round_up { (scaled + 99) / 100 } else { scaled / 100 }
}

fn create_replicaset(store: &mut Inner, d: &Value) -> Option<Value> {
    let template = d.pointer("/spec/template").cloned().unwrap_or(json!({}));
    let hash = template_hash(&template);
    let with_hash = |labels: Option<&Value>| {
        let mut l = labels.and_then(Value::as_object).cloned().unwrap_or_default();
        l.insert("pod-template-hash".into(), json!(hash));
        Value::Object(l)
    };
    let mut rs_template = template.clone();
    rs_template["metadata"]["labels"] = with_hash(template.pointer("/metadata/labels"));
    let rs = json!({
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": format!("{}-{hash}", name_of(d)), "namespace": ns_of(d),
                     "labels": with_hash(template.pointer("/metadata/labels")),
                     "ownerReferences": [controller_ref(d)]},
        "spec": {"replicas": replicas(d),
                 "selector": {"matchLabels": with_hash(d.pointer("/spec/selector/matchLabels"))},
                 "template": rs_template}
    });
    store.create(replicaset_kind(), &ns_of(d), rs, false, true).ok()
}

fn step_replicaset(store: &mut Inner, rs: Value) {
    let mut pods = claim(store, pod_kind(), &rs);
    let want = usize::try_from(replicas(&rs)).unwrap_or(0);
    while pods.len() < want {
        let node = schedule(store, &rs, &pods);
        match create_pod(store, &rs, node.as_deref()) {
            Some(p) => pods.push(p),
            None => break,
        }
    }
    if pods.len() > want {
        // The controller deletes the pods that matter least first: not ready, then newest.
        pods.sort_by_key(|p| {
            (
                is_ready(p),
                std::cmp::Reverse(p["metadata"]["creationTimestamp"].to_string()),
            )
        });
        for p in pods.drain(..pods.len() - want) {
            let _ = store.delete(pod_kind(), &ns_of(&p), &name_of(&p), false, None, None);
        }
    }
    let ready = pods.iter().filter(|p| is_ready(p)).count() as i64;
    let counts = [
        ("replicas", pods.len() as i64),
        ("fullyLabeledReplicas", pods.len() as i64),
        ("readyReplicas", ready),
        ("availableReplicas", ready),
    ];
    set_counts(store, replicaset_kind(), rs, &counts, &["replicas"]);
}

fn step_daemonset(store: &mut Inner, ds: Value) {
    let mut pods = claim(store, pod_kind(), &ds);
    let template = ds.pointer("/spec/template").cloned().unwrap_or(json!({}));
    let eligible: Vec<String> = store
        .list_all(node_kind(), None)
        .iter()
        .filter(|n| may_run_on(&template, n, true))
        .map(name_of)
        .collect();
    let on = |pods: &[Value], node: &str| {
        pods.iter()
            .any(|p| p.pointer("/spec/nodeName").and_then(Value::as_str) == Some(node))
    };
    for node in &eligible {
        if !on(&pods, node)
            && let Some(p) = create_pod(store, &ds, Some(node))
        {
            pods.push(p);
        }
    }
    let node_of = |p: &Value| {
        p.pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let scheduled: Vec<&Value> = pods.iter().filter(|p| eligible.contains(&node_of(p))).collect();
    let ready = scheduled.iter().filter(|p| is_ready(p)).count() as i64;
    let desired = eligible.len() as i64;
    let counts = [
        ("desiredNumberScheduled", desired),
        (
            "currentNumberScheduled",
            eligible.iter().filter(|n| on(&pods, n)).count() as i64,
        ),
        ("numberMisscheduled", (pods.len() - scheduled.len()) as i64),
        ("numberReady", ready),
        ("numberAvailable", ready),
        ("numberUnavailable", desired - ready),
        ("updatedNumberScheduled", scheduled.len() as i64),
    ];
    let always = [
        "desiredNumberScheduled",
        "currentNumberScheduled",
        "numberMisscheduled",
        "numberReady",
    ];
    set_counts(store, daemonset_kind(), ds, &counts, &always);
}

/// A pod of `owner`'s template, bound to `node` when there is one (else Pending, unschedulable).
fn create_pod(store: &mut Inner, owner: &Value, node: Option<&str>) -> Option<Value> {
    let template = owner.pointer("/spec/template").cloned().unwrap_or(json!({}));
    let mut metadata: Map<String, Value> = template
        .get("metadata")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    metadata.remove("name");
    metadata.insert("generateName".into(), json!(format!("{}-", name_of(owner))));
    metadata.insert("ownerReferences".into(), json!([controller_ref(owner)]));
    let mut pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": metadata,
                         "spec": template.get("spec").cloned().unwrap_or(json!({}))});
    match node {
        Some(n) => pod["spec"]["nodeName"] = json!(n),
        None => {
            pod["status"] = json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False",
                "reason": "Unschedulable", "message": "0 nodes are available", "lastTransitionTime": now_rfc3339()}]});
        }
    }
    store.create(pod_kind(), &ns_of(owner), pod, false, false).ok()
}

/// The scheduler's choice for a ReplicaSet's next pod: a node its pods may run on with the
/// fewest of the set's pods (spreading, as the default topology spread does).
fn schedule(store: &Inner, rs: &Value, pods: &[Value]) -> Option<String> {
    let template = rs.pointer("/spec/template").cloned().unwrap_or(json!({}));
    store
        .list_all(node_kind(), None)
        .iter()
        .filter(|n| may_run_on(&template, n, false))
        .map(name_of)
        .min_by_key(|n| {
            pods.iter()
                .filter(|p| p.pointer("/spec/nodeName").and_then(Value::as_str) == Some(n))
                .count()
        })
}

/// Taints the DaemonSet controller tolerates on its pods' behalf.
const DAEMON_TOLERATED: &[&str] = &[
    "node.kubernetes.io/not-ready",
    "node.kubernetes.io/unreachable",
    "node.kubernetes.io/disk-pressure",
    "node.kubernetes.io/memory-pressure",
    "node.kubernetes.io/pid-pressure",
    "node.kubernetes.io/unschedulable",
    "node.kubernetes.io/network-unavailable",
];

/// Whether a pod of `template` may run on `node`: its nodeSelector matches, every NoSchedule /
/// NoExecute taint is tolerated, and (except for DaemonSet pods) the node is not cordoned.
fn may_run_on(template: &Value, node: &Value, daemon: bool) -> bool {
    let labels = node.pointer("/metadata/labels").and_then(Value::as_object);
    let selector_ok = template
        .pointer("/spec/nodeSelector")
        .and_then(Value::as_object)
        .is_none_or(|sel| sel.iter().all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v)));
    let tolerations = array_at(template, "/spec/tolerations");
    let tolerated = |taint: &Value| {
        let key = taint["key"].as_str().unwrap_or("");
        (daemon && DAEMON_TOLERATED.contains(&key))
            || tolerations.iter().any(|t| {
                let key_ok = t["operator"] == "Exists" && t.get("key").is_none_or(|k| k == key)
                    || t["key"] == key && (t["value"] == taint["value"] || t.get("value").is_none());
                key_ok && t.get("effect").is_none_or(|e| e == &taint["effect"] || e == "")
            })
    };
    let taints_ok = array_at(node, "/spec/taints")
        .iter()
        .filter(|t| t["effect"] == "NoSchedule" || t["effect"] == "NoExecute")
        .all(tolerated);
    let cordoned = node.pointer("/spec/unschedulable") == Some(&json!(true));
    selector_ok && taints_ok && (daemon || !cordoned)
}

fn is_ready(pod: &Value) -> bool {
    pod.pointer("/status/phase").and_then(Value::as_str) == Some("Running")
        && array_at(pod, "/status/conditions")
            .iter()
            .any(|c| c["type"] == "Ready" && c["status"] == "True")
}

/// Whether the pod is one of these controllers' and the kubelet of its node has not run it yet.
fn waiting_for_kubelet(pod: &Value) -> bool {
    let owned = array_at(pod, "/metadata/ownerReferences")
        .iter()
        .any(|r| r["controller"] == true && (r["kind"] == "ReplicaSet" || r["kind"] == "DaemonSet"));
    owned
        && !deleting(pod)
        && pod.pointer("/spec/nodeName").and_then(Value::as_str).is_some()
        && pod.pointer("/status/phase").and_then(Value::as_str) == Some("Pending")
        && pod.pointer("/status/containerStatuses").is_none()
}

fn node_internal_ip(store: &Inner, node: &str) -> String {
    store
        .try_get(node_kind(), "", node)
        .and_then(|n| {
            array_at(&n, "/status/addresses")
                .iter()
                .find(|a| a["type"] == "InternalIP")
                .and_then(|a| a["address"].as_str().map(str::to_string))
        })
        .unwrap_or_default()
}

/// The network plugin's part: the lowest free address of the node's pod range
/// (`10.128.N.0/24`, N the node's place among the nodes).
fn allocate_pod_ip(store: &Inner, node: &str) -> String {
    let mut nodes: Vec<String> = store
        .list_all(node_kind(), None)
        .iter()
        .map(|n| name_of(n).to_string())
        .collect();
    nodes.sort();
    let subnet = nodes.iter().position(|n| n == node).unwrap_or(nodes.len());
    let used: Vec<String> = store
        .list_all(pod_kind(), None)
        .iter()
        .filter_map(|p| p.pointer("/status/podIP").and_then(Value::as_str).map(str::to_string))
        .collect();
    (2..255)
        .map(|host| format!("10.128.{subnet}.{host}"))
        .find(|ip| !used.contains(ip))
        .unwrap_or_else(|| format!("10.128.{subnet}.255"))
}

/// The kubelet: a bound pod of these controllers starts its containers and becomes ready,
/// with the node's address and an address of its own.
fn start_pods(store: &mut Inner) {
    for mut pod in store.list_all(pod_kind(), None) {
        if !waiting_for_kubelet(&pod) {
            continue;
        }
        let at = now_rfc3339();
        let statuses: Vec<Value> = array_at(&pod, "/spec/containers")
            .iter()
            .map(|c| {
                json!({"name": c["name"], "image": c["image"], "ready": true, "started": true,
                            "restartCount": 0, "state": {"running": {"startedAt": at}}})
            })
            .collect();
        let condition = |t: &str| json!({"type": t, "status": "True", "lastTransitionTime": at});
        let node = pod
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let host_ip = node_internal_ip(store, &node);
        let pod_ip = allocate_pod_ip(store, &node);
        pod["status"]["phase"] = json!("Running");
        pod["status"]["hostIP"] = json!(host_ip);
        pod["status"]["hostIPs"] = json!([{"ip": host_ip}]);
        pod["status"]["podIP"] = json!(pod_ip);
        pod["status"]["podIPs"] = json!([{"ip": pod_ip}]);
        pod["status"]["startTime"] = json!(at);
        pod["status"]["conditions"] = json!(
            ["Initialized", "Ready", "ContainersReady", "PodScheduled"]
                .iter()
                .map(|t| condition(t))
                .collect::<Vec<_>>()
        );
        pod["status"]["containerStatuses"] = json!(statuses);
        let _ = store.put(pod_kind(), pod);
    }
}
