//! What controllers and handlers read from any object (name, namespace, whether it is being
//! deleted, annotations), the kinds they step and the group-resources their errors name: one
//! copy for every module, so a new controller starts from these instead of its own.

use serde_json::{Value, json};

use crate::kinds::{self, Kind};
use crate::status::GroupResource;

/// `metadata.name`, empty when absent.
pub fn name_of(o: &Value) -> String {
    metadata_str(o, "name")
}

/// `metadata.namespace`, empty when absent (cluster-scoped objects).
pub fn ns_of(o: &Value) -> String {
    metadata_str(o, "namespace")
}

fn metadata_str(o: &Value, field: &str) -> String {
    o.get("metadata")
        .and_then(|m| m.get(field))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// Whether the object has a deletionTimestamp: deleted, waiting for its finalizers.
pub fn deleting(o: &Value) -> bool {
    o.pointer("/metadata/deletionTimestamp").is_some_and(|v| !v.is_null())
}

/// The array at `pointer`, empty when absent or not an array.
pub fn array_at<'a>(o: &'a Value, pointer: &str) -> &'a [Value] {
    o.pointer(pointer).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

pub fn annotation<'a>(o: &'a Value, key: &str) -> Option<&'a str> {
    o.pointer("/metadata/annotations")
        .and_then(|a| a.get(key))
        .and_then(Value::as_str)
}

pub fn set_annotation(o: &mut Value, key: &str, value: &str) {
    if !o.pointer("/metadata/annotations").is_some_and(Value::is_object) {
        o["metadata"]["annotations"] = json!({});
    }
    o["metadata"]["annotations"][key] = json!(value);
}

/// A kind of the built-in table; the names below are all registered in `kinds.rs`.
fn registered(group: &str, version: &str, plural: &str) -> &'static Kind {
    kinds::lookup(group, version, plural).unwrap_or_else(|| panic!("kind {plural} is not registered"))
}

pub fn pod_kind() -> &'static Kind {
    registered("", "v1", "pods")
}

pub fn node_kind() -> &'static Kind {
    registered("", "v1", "nodes")
}

pub fn namespace_kind() -> &'static Kind {
    registered("", "v1", "namespaces")
}

pub fn pvc_kind() -> &'static Kind {
    registered("", "v1", "persistentvolumeclaims")
}

pub fn dv_kind() -> &'static Kind {
    registered("cdi.kubevirt.io", "v1beta1", "datavolumes")
}

pub fn vm_kind() -> &'static Kind {
    registered("kubevirt.io", "v1", "virtualmachines")
}

pub fn vmi_kind() -> &'static Kind {
    registered("kubevirt.io", "v1", "virtualmachineinstances")
}

pub fn vmim_kind() -> &'static Kind {
    registered("kubevirt.io", "v1", "virtualmachineinstancemigrations")
}

/// The group-resource virt-api names in its errors about a VM: the singular, as upstream's
/// subresource handlers name it.
pub fn vm_gr() -> GroupResource {
    GroupResource::new("kubevirt.io", "virtualmachine")
}

/// The same for a VMI.
pub fn vmi_gr() -> GroupResource {
    GroupResource::new("kubevirt.io", "virtualmachineinstance")
}
