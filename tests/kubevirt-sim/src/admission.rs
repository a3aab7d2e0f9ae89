//! What KubeVirt's mutating and validating webhooks do on create and update.

use serde_json::{Value, json};

use crate::kinds::Kind;
use crate::status::ApiError;

fn denied(webhook: &str, field: &str, message: &str) -> ApiError {
    ApiError::new(
        422,
        "Invalid",
        format!("admission webhook \"{webhook}\" denied the request: {message}"),
        Some(json!({"causes": [{"reason": "FieldValueInvalid", "message": message, "field": field}]})),
    )
}

fn add_finalizer(obj: &mut Value, f: &str) {
    if !obj.get("metadata").is_some_and(|m| m.is_object()) {
        obj["metadata"] = json!({});
    }
    let fins = obj["metadata"]
        .as_object_mut()
        .expect("metadata")
        .entry("finalizers")
        .or_insert_with(|| json!([]));
    if let Some(a) = fins.as_array_mut()
        && !a.iter().any(|x| x == f)
    {
        a.push(json!(f));
    }
}

fn validate_vm(obj: &Value) -> Result<(), ApiError> {
    let rs = obj.pointer("/spec/runStrategy").filter(|v| !v.is_null());
    let running = obj.pointer("/spec/running").filter(|v| !v.is_null());
    if rs.is_some() && running.is_some() {
        return Err(denied(
            "virtualmachine-validator.kubevirt.io",
            "spec.running",
            "Running and RunStrategy are mutually exclusive. Note that Running is deprecated, please use RunStrategy instead",
        ));
    }
    if let Some(rs) = rs.and_then(|r| r.as_str())
        && !matches!(
            rs,
            "Always" | "Halted" | "Manual" | "RerunOnFailure" | "Once" | "WaitAsReceiver"
        )
    {
        return Err(denied(
            "virtualmachine-validator.kubevirt.io",
            "spec.runStrategy",
            &format!("Invalid RunStrategy ({rs})"),
        ));
    }
    Ok(())
}

/// Mutate and validate an object about to be created through the API.
pub fn admit_create(kind: &Kind, _ns: &str, obj: &mut Value) -> Result<(), ApiError> {
    match (kind.group, kind.plural) {
        ("kubevirt.io", "virtualmachines") => validate_vm(obj)?,
        ("", "services") => crate::services::admit(obj)?,
        ("kubevirt.io", "virtualmachineinstances") => add_finalizer(obj, "foregroundDeleteVirtualMachine"),
        ("kubevirt.io", "virtualmachineinstancemigrations") => {
            let vmi = obj
                .pointer("/spec/vmiName")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            if vmi.is_empty() {
                return Err(denied(
                    "migration-create-validator.kubevirt.io",
                    "spec.vmiName",
                    "spec.vmiName is a required field",
                ));
            }
            if !obj.get("metadata").is_some_and(|m| m.is_object()) {
                obj["metadata"] = json!({});
            }
            let labels = obj["metadata"]
                .as_object_mut()
                .expect("metadata")
                .entry("labels")
                .or_insert_with(|| json!({}));
            if let Some(l) = labels.as_object_mut() {
                l.insert("kubevirt.io/vmi-name".into(), json!(vmi));
            }
            add_finalizer(obj, "kubevirt.io/migrationJobFinalize");
        }
        _ => {}
    }
    Ok(())
}

/// Validate an update (object, not status) of an existing object.
pub fn admit_update(kind: &Kind, _old: &Value, new: &Value) -> Result<(), ApiError> {
    if let ("kubevirt.io", "virtualmachines") = (kind.group, kind.plural) {
        validate_vm(new)?;
    }
    Ok(())
}
