//! The cluster checkup framework as the checkup image and the Job controller run it (seed 003):
//! a Job whose container has the env `CONFIGMAP_NAMESPACE`/`CONFIGMAP_NAME` gets a pod; after a
//! few controller steps the "image" reads the ConfigMap's `spec.*` inputs, measures (or fails as
//! the test chose with [`Behaviour`]), writes the `status.*` keys back with the service account's
//! rights, and the Job ends `Complete` or `Failed`. A missing service account keeps the pod from
//! being created (the Job never finishes); a service account that may not update the ConfigMap
//! fails the Job with a forbidden error in the pod log and leaves the ConfigMap untouched.
//! Also the API-side validation of the objects a checkup creates (Jobs, Roles, RoleBindings,
//! ConfigMaps) and the garbage collection of a deleted Job's pods.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Value, json};

use crate::kinds::{self, Kind};
use crate::podlog::LOG_ANNOTATION;
use crate::status::{ApiError, FieldError};
use crate::store::{Inner, now_rfc3339, random_suffix};

/// Controller steps between the pod starting and the checkup writing its result.
pub const RUN_STEPS: u32 = 5;

/// What the simulated checkup image does when it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Behaviour {
    /// Measures these latencies (nanoseconds) and compares the maximum with the threshold.
    Measure { min_ns: u64, avg_ns: u64, max_ns: u64 },
    /// Fails with this reason (e.g. the VMs never became ready).
    Fail(String),
    /// Never finishes (the caller's timeout is what ends it).
    Hang,
}

impl Default for Behaviour {
    fn default() -> Self {
        // The figures of seed 003's example result.
        Behaviour::Measure {
            min_ns: 135_000,
            avg_ns: 177_000,
            max_ns: 244_000,
        }
    }
}

#[derive(Default)]
pub struct CheckupState {
    pub behaviour: Mutex<Behaviour>,
    /// Steps each running checkup pod has run, by pod name.
    steps: Mutex<HashMap<String, u32>>,
}

fn kind(group: &str, version: &str, plural: &str) -> &'static Kind {
    kinds::lookup(group, version, plural).expect("a served kind")
}

fn jobs() -> &'static Kind {
    kind("batch", "v1", "jobs")
}
fn pods() -> &'static Kind {
    kind("", "v1", "pods")
}
fn configmaps() -> &'static Kind {
    kind("", "v1", "configmaps")
}

fn s<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn array<'a>(v: &'a Value, pointer: &str) -> &'a [Value] {
    v.pointer(pointer)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn env<'a>(job: &'a Value, name: &str) -> Option<&'a str> {
    array(job, "/spec/template/spec/containers")
        .iter()
        .flat_map(|c| array(c, "/env"))
        .find(|e| s(e, "/name") == name)
        .map(|e| s(e, "/value"))
}

fn finished(job: &Value) -> bool {
    array(job, "/status/conditions")
        .iter()
        .any(|c| matches!(s(c, "/type"), "Complete" | "Failed") && s(c, "/status") == "True")
}

/// One controller step over checkup Jobs and the pods of deleted Jobs.
pub fn tick(st: &mut Inner, state: &CheckupState) {
    let behaviour = state.behaviour.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for job in st.list_all(jobs(), None) {
        if finished(&job) || env(&job, "CONFIGMAP_NAME").is_none() {
            continue;
        }
        step(st, state, job, &behaviour);
    }
}

fn step(st: &mut Inner, state: &CheckupState, mut job: Value, behaviour: &Behaviour) {
    let ns = s(&job, "/metadata/namespace").to_string();
    let name = s(&job, "/metadata/name").to_string();
    let uid = s(&job, "/metadata/uid").to_string();
    let sa = s(&job, "/spec/template/spec/serviceAccountName").to_string();
    let sa = if sa.is_empty() { "default".to_string() } else { sa };
    let pod = st
        .list_all(pods(), Some(&ns))
        .into_iter()
        .find(|p| s(p, "/metadata/labels/job-name") == name);
    let Some(mut pod) = pod else {
        if st.try_get(kind("", "v1", "serviceaccounts"), &ns, &sa).is_none() {
            // The Job controller cannot create the pod: `error looking up service account`.
            return;
        }
        let pod = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("{name}-{}", random_suffix(5)), "namespace": ns,
                         "labels": {"job-name": name, "controller-uid": uid},
                         "ownerReferences": [{"apiVersion": "batch/v1", "kind": "Job", "name": name, "uid": uid, "controller": true}]},
            "spec": job.pointer("/spec/template/spec").cloned().unwrap_or(json!({})),
            "status": {"phase": "Running", "startTime": now_rfc3339(), "runSteps": 0}
        });
        let _ = st.create(pods(), &ns, pod, false, false);
        job["status"] = json!({"startTime": now_rfc3339(), "active": 1});
        let _ = st.put(jobs(), job);
        return;
    };
    let steps = {
        let mut all = state.steps.lock().unwrap_or_else(|e| e.into_inner());
        let n = all.entry(s(&pod, "/metadata/name").to_string()).or_insert(0);
        *n += 1;
        *n
    };
    if steps < RUN_STEPS || *behaviour == Behaviour::Hang {
        return;
    }
    let (ok, log) = run_image(st, &job, &sa, behaviour);
    pod["status"]["phase"] = json!(if ok { "Succeeded" } else { "Failed" });
    pod["metadata"]["annotations"] = json!({ LOG_ANNOTATION: log });
    let _ = st.put(pods(), pod);
    let now = now_rfc3339();
    let condition = if ok {
        json!({"type": "Complete", "status": "True", "lastProbeTime": now, "lastTransitionTime": now})
    } else {
        json!({"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
               "message": "Job has reached the specified backoff limit", "lastProbeTime": now, "lastTransitionTime": now})
    };
    let start = job.pointer("/status/startTime").cloned().unwrap_or(json!(now));
    job["status"] = if ok {
        json!({"startTime": start, "completionTime": now, "succeeded": 1, "conditions": [condition]})
    } else {
        json!({"startTime": start, "failed": 1, "conditions": [condition]})
    };
    let _ = st.put(jobs(), job);
}

/// Whether the service account is bound to a Role in `ns` that allows `verb` on ConfigMaps.
fn may(st: &Inner, ns: &str, sa: &str, verb: &str) -> bool {
    let roles = kind("rbac.authorization.k8s.io", "v1", "roles");
    st.list_all(kind("rbac.authorization.k8s.io", "v1", "rolebindings"), Some(ns))
        .iter()
        .filter(|b| {
            array(b, "/subjects")
                .iter()
                .any(|x| s(x, "/kind") == "ServiceAccount" && s(x, "/name") == sa)
        })
        .filter(|b| s(b, "/roleRef/kind") == "Role")
        .filter_map(|b| st.try_get(roles, ns, s(b, "/roleRef/name")))
        .flat_map(|r| array(&r, "/rules").to_vec())
        .any(|rule| {
            let has = |field: &str, want: &str| array(&rule, field).iter().any(|v| v == want || v == "*");
            has("/apiGroups", "") && has("/resources", "configmaps") && has("/verbs", verb)
        })
}

/// What the checkup image does: read its inputs, measure, write the result. Returns whether it
/// succeeded and its log.
fn run_image(st: &mut Inner, job: &Value, sa: &str, behaviour: &Behaviour) -> (bool, String) {
    let cm_ns = env(job, "CONFIGMAP_NAMESPACE").unwrap_or("").to_string();
    let cm_name = env(job, "CONFIGMAP_NAME").unwrap_or("").to_string();
    let user = format!("system:serviceaccount:{}:{sa}", s(job, "/metadata/namespace"));
    if !may(st, &cm_ns, sa, "get") {
        return (
            false,
            format!(
                "kiagnose: configmaps \"{cm_name}\" is forbidden: User \"{user}\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"{cm_ns}\"\n"
            ),
        );
    }
    let Some(mut cm) = st.try_get(configmaps(), &cm_ns, &cm_name) else {
        return (false, format!("kiagnose: configmaps \"{cm_name}\" not found\n"));
    };
    if !may(st, &cm_ns, sa, "update") {
        return (
            false,
            format!(
                "kiagnose: configmaps \"{cm_name}\" is forbidden: User \"{user}\" cannot update resource \"configmaps\" in API group \"\" in the namespace \"{cm_ns}\"\n"
            ),
        );
    }
    let start = now_rfc3339();
    let param = |key: &str| s(&cm, &format!("/data/spec.param.{key}")).to_string();
    let nad_ns = param("network_attachment_definition_namespace");
    let nad = param("network_attachment_definition_name");
    let nads = kind("k8s.cni.cncf.io", "v1", "network-attachment-definitions");
    let nodes = kind("", "v1", "nodes");
    let (source, target) = (param("source_node"), param("target_node"));
    let max_desired_ms: u64 = param("max_desired_latency_milliseconds").parse().unwrap_or(0);
    let duration = param("sample_duration_seconds");
    let mut result: Vec<(&str, String)> = Vec::new();
    let failure = if st.try_get(nads, &nad_ns, &nad).is_none() {
        Some(format!(
            "setup: failed to get NetworkAttachmentDefinition {nad_ns}/{nad}: network-attachment-definitions.k8s.cni.cncf.io \"{nad}\" not found"
        ))
    } else if let Some(missing) = [&source, &target]
        .into_iter()
        .find(|n| !n.is_empty() && st.try_get(nodes, "", n).is_none())
    {
        Some(format!("setup: node \"{missing}\" not found"))
    } else {
        match behaviour {
            Behaviour::Fail(reason) => Some(reason.clone()),
            Behaviour::Hang => unreachable!("a hanging checkup never reaches its result"),
            Behaviour::Measure { min_ns, avg_ns, max_ns } => {
                let workers: Vec<String> = st
                    .list_all(nodes, None)
                    .iter()
                    .map(|n| s(n, "/metadata/name").to_string())
                    .collect();
                let src = if source.is_empty() {
                    workers.first().cloned().unwrap_or_default()
                } else {
                    source.clone()
                };
                let dst = if target.is_empty() {
                    workers.last().cloned().unwrap_or_default()
                } else {
                    target.clone()
                };
                result = vec![
                    ("avgLatencyNanoSec", avg_ns.to_string()),
                    ("maxLatencyNanoSec", max_ns.to_string()),
                    (
                        "measurementDurationSec",
                        if duration.is_empty() {
                            "5".into()
                        } else {
                            duration.clone()
                        },
                    ),
                    ("minLatencyNanoSec", min_ns.to_string()),
                    ("sourceNode", src),
                    ("targetNode", dst),
                ];
                let desired_ns = max_desired_ms * 1_000_000;
                (max_desired_ms > 0 && *max_ns > desired_ns).then(|| {
                    format!(
                        "run: actual max latency \"{}\" is greater than desired \"{max_desired_ms}ms\"",
                        fmt_ns(*max_ns)
                    )
                })
            }
        }
    };
    let data = cm["data"].as_object_mut().expect("a checkup ConfigMap has data");
    data.insert("status.startTimestamp".into(), json!(start));
    data.insert("status.completionTimestamp".into(), json!(now_rfc3339()));
    data.insert("status.succeeded".into(), json!(failure.is_none().to_string()));
    data.insert(
        "status.failureReason".into(),
        json!(failure.clone().unwrap_or_default()),
    );
    for (key, value) in result {
        data.insert(format!("status.result.{key}"), json!(value));
    }
    let _ = st.put(configmaps(), cm);
    match failure {
        None => (true, "kiagnose: checkup succeeded\n".into()),
        Some(reason) => (false, format!("kiagnose: checkup failed: {reason}\n")),
    }
}

/// Go's `time.Duration` text for nanoseconds, as the checkup prints latencies.
fn fmt_ns(ns: u64) -> String {
    if ns >= 1_000_000 {
        format!("{}ms", ns as f64 / 1e6)
    } else {
        format!("{}µs", ns as f64 / 1e3)
    }
}

/// The apiserver's validation of the kinds a checkup creates.
pub fn validate(kind: &Kind, obj: &Value) -> Result<(), ApiError> {
    let name = s(obj, "/metadata/name");
    let mut errors = Vec::new();
    match (kind.group, kind.plural) {
        ("batch", "jobs") => {
            let containers = array(obj, "/spec/template/spec/containers");
            if containers.is_empty() {
                errors.push(FieldError::required("spec.template.spec.containers", ""));
            }
            for (i, c) in containers.iter().enumerate() {
                if s(c, "/image").is_empty() {
                    errors.push(FieldError::required(
                        &format!("spec.template.spec.containers[{i}].image"),
                        "",
                    ));
                }
                if s(c, "/name").is_empty() {
                    errors.push(FieldError::required(
                        &format!("spec.template.spec.containers[{i}].name"),
                        "",
                    ));
                }
            }
            let restart = s(obj, "/spec/template/spec/restartPolicy");
            if !matches!(restart, "Never" | "OnFailure") {
                errors.push(FieldError {
                    reason: "FieldValueNotSupported",
                    field: "spec.template.spec.restartPolicy".into(),
                    detail: "supported values: \"OnFailure\", \"Never\"".into(),
                    value: Some(crate::status::go_quote(restart)),
                });
            }
        }
        ("rbac.authorization.k8s.io", "roles") => {
            for (i, rule) in array(obj, "/rules").iter().enumerate() {
                if array(rule, "/verbs").is_empty() {
                    errors.push(FieldError::required(
                        &format!("rules[{i}].verbs"),
                        "verbs must contain at least one value",
                    ));
                }
                if array(rule, "/resources").is_empty() && array(rule, "/nonResourceURLs").is_empty() {
                    errors.push(FieldError::required(
                        &format!("rules[{i}].resources"),
                        "resource rules must supply at least one resource",
                    ));
                }
            }
        }
        ("rbac.authorization.k8s.io", "rolebindings") => {
            if !matches!(s(obj, "/roleRef/kind"), "Role" | "ClusterRole") {
                errors.push(FieldError {
                    reason: "FieldValueNotSupported",
                    field: "roleRef.kind".into(),
                    detail: "supported values: \"Role\", \"ClusterRole\"".into(),
                    value: Some(crate::status::go_quote(s(obj, "/roleRef/kind"))),
                });
            }
            if s(obj, "/roleRef/name").is_empty() {
                errors.push(FieldError::required("roleRef.name", ""));
            }
            for (i, subject) in array(obj, "/subjects").iter().enumerate() {
                if s(subject, "/name").is_empty() {
                    errors.push(FieldError::required(&format!("subjects[{i}].name"), ""));
                }
            }
        }
        ("", "configmaps") => {
            if let Some(data) = obj.get("data").and_then(Value::as_object)
                && let Some((key, _)) = data.iter().find(|(_, v)| !v.is_string())
            {
                return Err(ApiError::bad_request(format!(
                    "json: cannot unmarshal non-string into Go struct field ConfigMap.data of type string (key {key:?})"
                )));
            }
        }
        _ => return Ok(()),
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(ApiError::invalid(kind.kind, kind.group, name, &errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_need_an_image_and_a_restart_policy() {
        let job = json!({"metadata": {"name": "j"}, "spec": {"template": {"spec": {"containers": [{"name": "c"}]}}}});
        let e = validate(jobs(), &job).unwrap_err();
        assert_eq!(e.code, 422);
        assert!(
            e.message
                .contains("spec.template.spec.containers[0].image: Required value"),
            "{}",
            e.message
        );
        assert!(
            e.message
                .contains("spec.template.spec.restartPolicy: Unsupported value: \"\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn configmap_data_must_be_strings() {
        let cm = json!({"metadata": {"name": "c"}, "data": {"a": 1}});
        assert_eq!(validate(configmaps(), &cm).unwrap_err().code, 400);
    }

    #[test]
    fn latencies_print_like_go_durations() {
        assert_eq!(fmt_ns(244_000), "244µs");
        assert_eq!(fmt_ns(12_500_000), "12.5ms");
    }
}
