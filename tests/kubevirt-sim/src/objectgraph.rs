//! virt-api's `objectgraph` subresource of VMs and VMIs (`pkg/virt-api/rest/objectgraph.go`):
//! the objects a VM or VMI depends on, computed from what the store holds: the VMI (when the VM
//! says it created one) and its virt-launcher pod, instancetype and preference (optional
//! nodes), access-credential Secrets, DataVolumes with their PVCs, PVCs, ConfigMaps, Secrets and
//! cloud-init secret refs of the volumes, Multus networks. Each node carries the
//! `kubevirt.io/dependency-type` label; the options body filters optional nodes and by labels.
//! Served only with the `ObjectGraph` feature gate (400 otherwise, as virt-api).

use serde_json::{Value, json};

use crate::object::{name_of, pod_kind, vm_gr, vm_kind, vmi_gr, vmi_kind};
use crate::server::Reply;
use crate::status::ApiError;
use crate::store::Inner;

pub const DEPENDENCY_LABEL: &str = "kubevirt.io/dependency-type";

/// `GET .../{virtualmachines|virtualmachineinstances}/{name}/objectgraph`.
pub fn serve(s: &Inner, resource: &str, ns: &str, name: &str, body: &[u8]) -> Result<Reply, ApiError> {
    if !gate_enabled(s) {
        return Err(ApiError::bad_request(
            "ObjectGraph feature gate not enabled: Unable to return object graph.",
        ));
    }
    let root = if resource == "virtualmachines" {
        let vm = s
            .try_get(vm_kind(), ns, name)
            .ok_or_else(|| ApiError::not_found(&vm_gr(), name))?;
        node(name, ns, "virtualmachines", vm_children(s, &vm, ns), false)
    } else {
        let vmi = s
            .try_get(vmi_kind(), ns, name)
            .ok_or_else(|| ApiError::not_found(&vmi_gr(), name))?;
        node(name, ns, "virtualmachineinstances", vmi_children(s, &vmi, ns), false)
    };
    let options = options(body)?;
    let mut root = root;
    let children = std::mem::take(&mut root["children"]);
    let kept = filter(children.as_array().cloned().unwrap_or_default(), &options);
    if let Some(map) = root.as_object_mut() {
        map.remove("children");
        if !kept.is_empty() {
            map.insert("children".into(), Value::Array(kept));
        }
    }
    Ok(Reply::Json(200, root))
}

fn gate_enabled(s: &Inner) -> bool {
    let kind = crate::kinds::lookup("kubevirt.io", "v1", "kubevirts").expect("kubevirts is registered");
    s.list_all(kind, None).iter().any(|kv| {
        kv.pointer("/spec/configuration/developerConfiguration/featureGates")
            .and_then(Value::as_array)
            .is_some_and(|gates| gates.iter().any(|g| g == "ObjectGraph"))
    })
}

/// `ObjectGraphOptions`; an empty body is the defaults.
fn options(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("Can not unmarshal Request body to struct, error: {e}")))
}

fn group_kind(resource: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match resource {
        "virtualmachines" => ("kubevirt.io", "VirtualMachine", "compute"),
        "virtualmachineinstances" => ("kubevirt.io", "VirtualMachineInstance", "compute"),
        "pods" => ("", "Pod", "compute"),
        "virtualmachineinstancetypes" => ("instancetype.kubevirt.io", "VirtualMachineInstancetype", "config"),
        "virtualmachineclusterinstancetypes" => (
            "instancetype.kubevirt.io",
            "VirtualMachineClusterInstancetype",
            "config",
        ),
        "virtualmachinepreferences" => ("instancetype.kubevirt.io", "VirtualMachinePreference", "config"),
        "virtualmachineclusterpreferences" => ("instancetype.kubevirt.io", "VirtualMachineClusterPreference", "config"),
        "datavolumes" => ("cdi.kubevirt.io", "DataVolume", "storage"),
        "persistentvolumeclaims" => ("", "PersistentVolumeClaim", "storage"),
        "configmaps" => ("", "ConfigMap", "config"),
        "secrets" => ("", "Secret", "config"),
        "serviceaccounts" => ("", "ServiceAccount", "network"),
        "networkattachmentdefinitions" => ("k8s.cni.cncf.io", "NetworkAttachmentDefinition", "network"),
        _ => return None,
    })
}

/// An `ObjectGraphNode` in virt-api's field order.
fn node(name: &str, ns: &str, resource: &str, children: Vec<Value>, optional: bool) -> Value {
    let (group, kind, dependency) = group_kind(resource).unwrap_or(("", "", "compute"));
    let mut n = json!({
        "objectReference": {"apiGroup": group, "kind": kind, "name": name, "namespace": ns},
        "labels": {DEPENDENCY_LABEL: dependency},
    });
    if optional {
        n["optional"] = json!(true);
    }
    if !children.is_empty() {
        n["children"] = Value::Array(children);
    }
    n
}

fn launcher_pod(s: &Inner, vmi_name: &str, ns: &str) -> Option<Value> {
    s.list_all(pod_kind(), Some(ns))
        .into_iter()
        .filter(|p| p.pointer("/metadata/labels/kubevirt.io").and_then(Value::as_str) == Some("virt-launcher"))
        .find(|p| {
            let owned = p
                .pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|refs| {
                    refs.iter()
                        .any(|r| r["kind"] == "VirtualMachineInstance" && r["name"] == vmi_name)
                });
            owned
                || p.pointer("/metadata/annotations/kubevirt.io~1domain")
                    .and_then(Value::as_str)
                    == Some(vmi_name)
        })
        .map(|p| node(&name_of(&p), ns, "pods", Vec::new(), false))
}

fn vm_children(s: &Inner, vm: &Value, ns: &str) -> Vec<Value> {
    let name = name_of(vm);
    let mut children = Vec::new();
    if vm.pointer("/status/created").and_then(Value::as_bool) == Some(true) {
        children.push(node(
            &name,
            ns,
            "virtualmachineinstances",
            launcher_pod(s, &name, ns).into_iter().collect(),
            false,
        ));
    }
    for (field, cluster_default) in [
        ("instancetype", "virtualmachineclusterinstancetypes"),
        ("preference", "virtualmachineclusterpreferences"),
    ] {
        if let Some(matcher) = vm.pointer(&format!("/spec/{field}")).filter(|m| m.is_object()) {
            let kind = matcher.get("kind").and_then(Value::as_str).unwrap_or("");
            let resource = if kind.is_empty() {
                cluster_default.to_string()
            } else {
                format!("{}s", kind.to_lowercase())
            };
            let scope = if resource.contains("cluster") { "" } else { ns };
            let matcher_name = matcher.get("name").and_then(Value::as_str).unwrap_or("");
            if group_kind(&resource).is_some() {
                children.push(node(matcher_name, scope, &resource, Vec::new(), true));
            }
        }
    }
    let spec = vm.pointer("/spec/template/spec").cloned().unwrap_or(json!({}));
    children.extend(spec_children(&spec, ns));
    children
}

fn vmi_children(s: &Inner, vmi: &Value, ns: &str) -> Vec<Value> {
    let mut children: Vec<Value> = launcher_pod(s, &name_of(vmi), ns).into_iter().collect();
    children.extend(spec_children(vmi.get("spec").unwrap_or(&json!({})), ns));
    children
}

/// Access credentials, volumes and networks of a VMI spec.
fn spec_children(spec: &Value, ns: &str) -> Vec<Value> {
    let mut nodes = Vec::new();
    let str_at = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_str).map(str::to_string);
    for credential in spec
        .get("accessCredentials")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let secret = str_at(credential, "/sshPublicKey/source/secret/secretName")
            .or_else(|| str_at(credential, "/userPassword/source/secret/secretName"));
        if let Some(secret) = secret {
            nodes.push(node(&secret, ns, "secrets", Vec::new(), false));
        }
    }
    for volume in spec.get("volumes").and_then(Value::as_array).into_iter().flatten() {
        if let Some(dv) = str_at(volume, "/dataVolume/name") {
            let pvc = node(&dv, ns, "persistentvolumeclaims", Vec::new(), false);
            nodes.push(node(&dv, ns, "datavolumes", vec![pvc], false));
        } else if let Some(claim) = str_at(volume, "/persistentVolumeClaim/claimName") {
            nodes.push(node(&claim, ns, "persistentvolumeclaims", Vec::new(), false));
        } else if let Some(cm) = str_at(volume, "/configMap/name") {
            nodes.push(node(&cm, ns, "configmaps", Vec::new(), false));
        } else if let Some(secret) = str_at(volume, "/secret/secretName") {
            nodes.push(node(&secret, ns, "secrets", Vec::new(), false));
        } else if let Some(sa) = str_at(volume, "/serviceAccount/serviceAccountName") {
            nodes.push(node(&sa, ns, "serviceaccounts", Vec::new(), false));
        } else {
            for source in ["cloudInitNoCloud", "cloudInitConfigDrive"] {
                for reference in ["userDataSecretRef", "networkDataSecretRef"] {
                    if let Some(secret) = str_at(volume, &format!("/{source}/{reference}/name")) {
                        nodes.push(node(&secret, ns, "secrets", Vec::new(), false));
                    }
                }
            }
        }
    }
    for network in spec.get("networks").and_then(Value::as_array).into_iter().flatten() {
        if let Some(nad) = str_at(network, "/multus/networkName") {
            let (nad_ns, nad_name) = nad.split_once('/').unwrap_or((ns, nad.as_str()));
            nodes.push(node(
                nad_name,
                nad_ns,
                "networkattachmentdefinitions",
                Vec::new(),
                false,
            ));
        }
    }
    nodes
}

/// Drops optional nodes when `includeOptionalNodes` is false and nodes whose labels miss
/// `labelSelector.matchLabels`, at every level (as virt-api, after the graph is built).
fn filter(nodes: Vec<Value>, options: &Value) -> Vec<Value> {
    let exclude_optional = options.get("includeOptionalNodes") == Some(&json!(false));
    let wanted = options.pointer("/labelSelector/matchLabels").and_then(Value::as_object);
    nodes
        .into_iter()
        .filter(|n| !(exclude_optional && n.get("optional") == Some(&json!(true))))
        .filter(|n| wanted.is_none_or(|w| w.iter().all(|(k, v)| n["labels"].get(k) == Some(v))))
        .map(|mut n| {
            if let Some(children) = n.get_mut("children").map(Value::take) {
                let kept = filter(children.as_array().cloned().unwrap_or_default(), options);
                let map = n.as_object_mut().expect("a node is an object");
                map.remove("children");
                if !kept.is_empty() {
                    map.insert("children".into(), Value::Array(kept));
                }
            }
            n
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_optional_nodes_and_by_label_at_every_level() {
        let dv = node(
            "disk",
            "ns",
            "datavolumes",
            vec![node("disk", "ns", "persistentvolumeclaims", Vec::new(), false)],
            false,
        );
        let it = node("u1.small", "", "virtualmachineclusterinstancetypes", Vec::new(), true);
        let vmi = node(
            "vm",
            "ns",
            "virtualmachineinstances",
            vec![node("virt-launcher-vm-x", "ns", "pods", Vec::new(), false)],
            false,
        );
        let all = vec![vmi, it, dv];
        assert_eq!(filter(all.clone(), &json!({})).len(), 3);
        assert_eq!(filter(all.clone(), &json!({"includeOptionalNodes": false})).len(), 2);
        let storage = filter(
            all,
            &json!({"labelSelector": {"matchLabels": {DEPENDENCY_LABEL: "storage"}}}),
        );
        assert_eq!(storage.len(), 1);
        assert_eq!(
            storage[0]["children"][0]["objectReference"]["kind"],
            "PersistentVolumeClaim"
        );
    }
}
