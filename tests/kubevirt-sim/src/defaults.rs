//! The apiserver's defaulting: the fields a built-in kind's defaulters and create strategy fill
//! in when the client left them out, so clients read what a real cluster returns (upstream
//! `virtctl guestfs` reads a PVC's `spec.volumeMode` and a new pod's `status.phase`). A field the
//! object already has is never changed, except that a Route's TLS termination is normalized to
//! lower case as library-go's defaulter does. The scheme's defaulters run on every decoded body,
//! an update's too ([`apply_defaulters`]); the create strategies' parts only on create ([`apply`]).

use serde_json::{Map, Value, json};

use crate::kinds::Kind;

/// Fills the defaults of `kind` into `obj`, a create's body: the defaulters, then what the
/// create strategy sets.
pub fn apply(kind: &Kind, obj: &mut Value) {
    apply_defaulters(kind, obj);
    match (kind.group, kind.plural) {
        ("", "pods") => default_pod(obj),
        ("", "services") => crate::services::default_status(obj),
        _ => {}
    }
}

/// The scheme's defaulters of `kind`, which the apiserver runs on every body it decodes (a
/// create's or an update's). Pods' are applied on create only, with their create strategy.
pub fn apply_defaulters(kind: &Kind, obj: &mut Value) {
    match (kind.group, kind.plural) {
        ("", "persistentvolumeclaims") => default_pvc(obj),
        ("apps", "deployments") => default_deployment(obj),
        ("route.openshift.io", "routes") => default_route(obj),
        _ => {}
    }
}

/// Sets `obj[key]` to `value` unless it is present; `obj` becomes an object if it is not one.
fn set_absent(obj: &mut Value, key: &str, value: Value) {
    if !obj.is_object() {
        *obj = json!({});
    }
    if let Some(m) = obj.as_object_mut() {
        m.entry(key).or_insert(value);
    }
}

fn default_pvc(pvc: &mut Value) {
    set_absent(pvc, "spec", json!({}));
    set_absent(&mut pvc["spec"], "volumeMode", json!("Filesystem"));
}

/// `SetDefaults_Deployment` (apps/v1): one replica, a RollingUpdate of 25% / 25%, ten old
/// ReplicaSets kept, a 600 s progress deadline (the deployment controller's `Progressing`).
fn default_deployment(d: &mut Value) {
    set_absent(d, "spec", json!({}));
    let spec = &mut d["spec"];
    set_absent(spec, "replicas", json!(1));
    set_absent(spec, "strategy", json!({}));
    set_absent(&mut spec["strategy"], "type", json!("RollingUpdate"));
    if spec["strategy"]["type"] == "RollingUpdate" {
        set_absent(&mut spec["strategy"], "rollingUpdate", json!({}));
        let rolling = &mut spec["strategy"]["rollingUpdate"];
        set_absent(rolling, "maxUnavailable", json!("25%"));
        set_absent(rolling, "maxSurge", json!("25%"));
    }
    set_absent(spec, "revisionHistoryLimit", json!(10));
    set_absent(spec, "progressDeadlineSeconds", json!(600));
}

/// Whether `obj[key]` is absent, null or an empty string (Go's zero value after decoding).
fn is_unset(obj: &Value, key: &str) -> bool {
    match obj.get(key) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

/// Sets `obj[key]` to `value` when [`is_unset`]; `obj` becomes an object if it is not one.
fn set_unset(obj: &mut Value, key: &str, value: Value) {
    if !obj.is_object() {
        *obj = json!({});
    }
    if is_unset(obj, key) {
        obj[key] = value;
    }
}

/// library-go's `route/defaulting` (`SetObjectDefaults_Route`): wildcard policy `None` on the
/// spec and on each ingress, kind `Service` and weight 100 on every backend, and a TLS
/// termination of `edge` when neither it nor a destination CA is given (a capitalized
/// termination is lowered).
fn default_route(route: &mut Value) {
    set_absent(route, "spec", json!({}));
    let spec = &mut route["spec"];
    set_unset(spec, "wildcardPolicy", json!("None"));
    set_absent(spec, "to", json!({}));
    default_route_backend(&mut spec["to"]);
    if let Some(backends) = spec.get_mut("alternateBackends").and_then(Value::as_array_mut) {
        backends.iter_mut().for_each(default_route_backend);
    }
    if let Some(tls) = spec.get_mut("tls").filter(|t| t.is_object()) {
        default_route_tls(tls);
    }
    if let Some(ingresses) = route.pointer_mut("/status/ingress").and_then(Value::as_array_mut) {
        for ingress in ingresses {
            set_unset(ingress, "wildcardPolicy", json!("None"));
        }
    }
}

/// `SetDefaults_RouteTargetReference`.
fn default_route_backend(backend: &mut Value) {
    set_unset(backend, "kind", json!("Service"));
    if backend.get("weight").is_none_or(Value::is_null) {
        backend["weight"] = json!(100);
    }
}

/// `SetDefaults_TLSConfig`.
fn default_route_tls(tls: &mut Value) {
    if is_unset(tls, "termination") && is_unset(tls, "destinationCACertificate") {
        tls["termination"] = json!("edge");
    }
    let lowered = match tls["termination"].as_str() {
        Some("Edge") => "edge",
        Some("Passthrough") => "passthrough",
        Some("Reencrypt") => "reencrypt",
        _ => return,
    };
    tls["termination"] = json!(lowered);
}

/// The pod defaulters (`SetDefaults_PodSpec`, `SetDefaults_Container`) and the pod strategy's
/// `PrepareForCreate`, which starts every pod `Pending` with its QoS class.
fn default_pod(pod: &mut Value) {
    set_absent(pod, "spec", json!({}));
    let spec = &mut pod["spec"];
    set_absent(spec, "restartPolicy", json!("Always"));
    set_absent(spec, "dnsPolicy", json!("ClusterFirst"));
    set_absent(spec, "terminationGracePeriodSeconds", json!(30));
    set_absent(spec, "schedulerName", json!("default-scheduler"));
    for list in ["initContainers", "containers"] {
        if let Some(containers) = spec.get_mut(list).and_then(Value::as_array_mut) {
            containers.iter_mut().for_each(default_container);
        }
    }
    let qos = qos_class(&pod["spec"]);
    set_absent(pod, "status", json!({}));
    set_absent(&mut pod["status"], "phase", json!("Pending"));
    set_absent(&mut pod["status"], "qosClass", json!(qos));
}

fn default_container(c: &mut Value) {
    set_absent(c, "terminationMessagePath", json!("/dev/termination-log"));
    set_absent(c, "terminationMessagePolicy", json!("File"));
    let policy = pull_policy(c.get("image").and_then(Value::as_str).unwrap_or(""));
    set_absent(c, "imagePullPolicy", json!(policy));
}

/// `Always` for an image tagged `latest` or not tagged at all (nor pinned by digest), else
/// `IfNotPresent`.
fn pull_policy(image: &str) -> &'static str {
    let (repo, digest) = image.split_once('@').map_or((image, None), |(r, d)| (r, Some(d)));
    let last = repo.rsplit('/').next().unwrap_or(repo);
    let tag = last.split_once(':').map(|(_, t)| t);
    match (tag, digest) {
        (Some("latest"), _) | (None, None) => "Always",
        _ => "IfNotPresent",
    }
}

/// The pod's QoS class as `GetPodQOS` computes it from its containers' cpu and memory:
/// BestEffort without any request or limit, Guaranteed when every container limits both and
/// requests (where given) equal limits, else Burstable. Quantities are compared as written.
fn qos_class(spec: &Value) -> &'static str {
    let containers: Vec<&Value> = ["initContainers", "containers"]
        .iter()
        .filter_map(|l| spec.get(*l).and_then(Value::as_array))
        .flatten()
        .collect();
    let compute = |c: &Value, field: &str| -> Map<String, Value> {
        c.pointer(&format!("/resources/{field}"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter(|(k, v)| matches!(k.as_str(), "cpu" | "memory") && !is_zero(v))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut any = false;
    let mut guaranteed = true;
    for c in containers {
        let (requests, limits) = (compute(c, "requests"), compute(c, "limits"));
        any |= !requests.is_empty() || !limits.is_empty();
        let limits_both = limits.contains_key("cpu") && limits.contains_key("memory");
        let requests_match = requests.iter().all(|(k, v)| limits.get(k) == Some(v));
        guaranteed &= limits_both && requests_match;
    }
    match (any, guaranteed) {
        (false, _) => "BestEffort",
        (true, true) => "Guaranteed",
        (true, false) => "Burstable",
    }
}

fn is_zero(q: &Value) -> bool {
    match q {
        Value::String(s) => s.trim_start_matches('0').is_empty() || s.parse::<f64>() == Ok(0.0),
        Value::Number(n) => n.as_f64() == Some(0.0),
        _ => false,
    }
}

#[cfg(test)]
mod deployment_tests {
    use super::*;

    #[test]
    fn a_deployment_gets_the_apps_v1_defaults_and_keeps_what_it_has() {
        let kind = crate::kinds::lookup("apps", "v1", "deployments").unwrap();
        let mut d = json!({"spec": {"replicas": 3}});
        apply(kind, &mut d);
        assert_eq!(
            d["spec"],
            json!({"replicas": 3, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
                   "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}}})
        );
        let mut recreate = json!({"spec": {"strategy": {"type": "Recreate"}, "progressDeadlineSeconds": 30}});
        apply(kind, &mut recreate);
        assert_eq!(recreate["spec"]["strategy"], json!({"type": "Recreate"}));
        assert_eq!(recreate["spec"]["progressDeadlineSeconds"], 30);
        assert_eq!(recreate["spec"]["replicas"], 1);
    }
}
