//! The `scale` subresource of Deployments and ReplicaSets: an `autoscaling/v1` Scale read from
//! and written to the object's `spec.replicas`, what `kubectl scale` GETs and PATCHes. The
//! Scale's `status.selector` is the object's label selector as a string; a negative replica
//! count is refused with the apiserver's 422.

use serde_json::{Value, json};

use crate::kinds::Kind;
use crate::patch::PatchType;
use crate::status::{ApiError, FieldError};
use crate::store::{Inner, Part};

/// The group/version/kind a `scale` subresource answers with (also in discovery).
pub const GROUP: &str = "autoscaling";
pub const VERSION: &str = "v1";
pub const KIND: &str = "Scale";

/// The Scale of `object`.
pub fn of(object: &Value) -> Value {
    let meta = &object["metadata"];
    let mut metadata = json!({});
    for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
        if let Some(v) = meta.get(field) {
            metadata[field] = v.clone();
        }
    }
    json!({
        "kind": KIND,
        "apiVersion": format!("{GROUP}/{VERSION}"),
        "metadata": metadata,
        "spec": {"replicas": object.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1)},
        "status": {
            "replicas": object.pointer("/status/replicas").and_then(Value::as_i64).unwrap_or(0),
            "selector": selector_string(object),
        },
    })
}

/// `metav1.FormatLabelSelector` of `spec.selector.matchLabels` (sorted keys, `k=v,...`).
fn selector_string(object: &Value) -> String {
    object
        .pointer("/spec/selector/matchLabels")
        .and_then(Value::as_object)
        .map(|labels| {
            let mut pairs: Vec<String> = labels
                .iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect();
            pairs.sort();
            pairs.join(",")
        })
        .unwrap_or_default()
}

/// GET: the Scale.
pub fn get(store: &Inner, kind: &Kind, ns: &str, name: &str) -> Result<Value, ApiError> {
    Ok(of(&store.get(kind, ns, name)?))
}

/// PUT: `body` is the new Scale.
pub fn update(
    store: &mut Inner,
    kind: &Kind,
    ns: &str,
    name: &str,
    body: Value,
    dry_run: bool,
) -> Result<Value, ApiError> {
    write(store, kind, ns, name, &body, dry_run)
}

/// PATCH: the patch applies to the current Scale.
pub fn patch(
    store: &mut Inner,
    kind: &Kind,
    ns: &str,
    name: &str,
    pt: PatchType,
    body: &[u8],
    dry_run: bool,
) -> Result<Value, ApiError> {
    let scale = of(&store.get(kind, ns, name)?);
    let patched = crate::patch::apply(&scale, pt, body)?;
    write(store, kind, ns, name, &patched, dry_run)
}

fn write(
    store: &mut Inner,
    kind: &Kind,
    ns: &str,
    name: &str,
    scale: &Value,
    dry_run: bool,
) -> Result<Value, ApiError> {
    let replicas = scale.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(0);
    if replicas < 0 {
        let error = FieldError {
            reason: "FieldValueInvalid",
            field: "spec.replicas".into(),
            detail: "must be greater than or equal to 0".into(),
            value: Some(replicas.to_string()),
        };
        return Err(ApiError::invalid(KIND, GROUP, name, &[error]));
    }
    let mut object = store.get(kind, ns, name)?;
    if let Some(rv) = scale.pointer("/metadata/resourceVersion").and_then(Value::as_str) {
        object["metadata"]["resourceVersion"] = json!(rv);
    }
    object["spec"]["replicas"] = json!(replicas);
    let updated = store.update(kind, ns, name, object, dry_run, Part::Main)?;
    Ok(of(&updated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_carries_the_replicas_and_the_selector() {
        let d = json!({"metadata": {"name": "d", "namespace": "ns", "uid": "u", "resourceVersion": "7"},
                       "spec": {"replicas": 2, "selector": {"matchLabels": {"b": "2", "a": "1"}}},
                       "status": {"replicas": 1}});
        let s = of(&d);
        assert_eq!(s["apiVersion"], "autoscaling/v1");
        assert_eq!(s["spec"]["replicas"], 2);
        assert_eq!(s["status"], json!({"replicas": 1, "selector": "a=1,b=2"}));
        assert_eq!(s["metadata"]["resourceVersion"], "7");
    }
}
