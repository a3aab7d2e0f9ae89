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
    validate_vm_template(obj)
}

/// What virt-api's VM validator checks in `spec.template.spec` that a generated manifest could
/// get wrong (`ValidateVirtualMachineInstanceSpec`): unique volume names, disks naming a volume,
/// unique boot orders, and access credentials whose propagation has what it needs.
fn validate_vm_template(obj: &Value) -> Result<(), ApiError> {
    const WEBHOOK: &str = "virtualmachine-validator.kubevirt.io";
    let base = "spec.template.spec";
    let spec = obj.pointer("/spec/template/spec").cloned().unwrap_or(Value::Null);
    let list = |pointer: &str| {
        spec.pointer(pointer)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let volumes = list("/volumes");
    let names: Vec<&str> = volumes.iter().map(|v| v["name"].as_str().unwrap_or("")).collect();
    for (i, name) in names.iter().enumerate() {
        if let Some(first) = names[..i].iter().position(|n| n == name) {
            let message = format!("{base}.volumes[{i}] and {base}.volumes[{first}] must not have the same Name.");
            return Err(denied(WEBHOOK, &format!("{base}.volumes[{i}].name"), &message));
        }
    }
    let mut boot_orders = Vec::new();
    for (i, disk) in list("/domain/devices/disks").iter().enumerate() {
        let name = disk["name"].as_str().unwrap_or("");
        if !names.contains(&name) && disk.get("cdrom").is_none() {
            let message = format!("{base}.domain.devices.disks[{i}].Name '{name}' not found.");
            return Err(denied(
                WEBHOOK,
                &format!("{base}.domain.devices.disks[{i}].name"),
                &message,
            ));
        }
        if let Some(order) = disk.get("bootOrder").and_then(Value::as_u64) {
            if boot_orders.contains(&order) {
                let field = format!("{base}.domain.devices.disks[{i}].bootOrder");
                let message = format!("Boot order for {field} already set for a different device.");
                return Err(denied(WEBHOOK, &field, &message));
            }
            boot_orders.push(order);
        }
    }
    let has = |source: &str| volumes.iter().any(|v| v.get(source).is_some());
    for (i, credential) in list("/accessCredentials").iter().enumerate() {
        let method = &credential["sshPublicKey"]["propagationMethod"];
        let field = format!("{base}.accessCredentials[{i}]");
        for (key, volume, word) in [
            ("noCloud", "cloudInitNoCloud", "noCloud"),
            ("configDrive", "cloudInitConfigDrive", "configDrive"),
        ] {
            if method.get(key).is_some() && !has(volume) {
                let message =
                    format!("{field} requires a {word} volume to exist when the {word} propagationMethod is in use.");
                return Err(denied(
                    WEBHOOK,
                    &format!("{field}.sshPublicKey.propagationMethod"),
                    &message,
                ));
            }
        }
        if let Some(agent) = method.get("qemuGuestAgent")
            && agent["users"].as_array().is_none_or(|u| u.is_empty())
        {
            let message = format!("{field} requires at least one user to be present in the users list");
            return Err(denied(
                WEBHOOK,
                &format!("{field}.sshPublicKey.propagationMethod.qemuGuestAgent.users"),
                &message,
            ));
        }
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
pub fn admit_update(kind: &Kind, old: &Value, new: &Value) -> Result<(), ApiError> {
    if let ("kubevirt.io", "virtualmachines") = (kind.group, kind.plural) {
        validate_vm(new)?;
        // `validateSnapshotStatus`: the spec is frozen while a snapshot is taken
        if let Some(snapshot) = new.pointer("/status/snapshotInProgress").and_then(Value::as_str)
            && old.get("spec") != new.get("spec")
        {
            return Err(denied(
                "virtualmachine-validator.kubevirt.io",
                "spec",
                &format!("Cannot update VM spec until snapshot {snapshot:?} completes"),
            ));
        }
    }
    Ok(())
}
