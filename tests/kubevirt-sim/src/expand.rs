//! virt-api's VM expansion (`pkg/virt-api/rest/expand.go`, `pkg/instancetype/expand`):
//! `GET .../virtualmachines/{name}/expand-spec` for a stored VM and
//! `PUT .../namespaces/{ns}/expand-vm-spec` for a manifest. The instancetype's CPU and memory and
//! the preference's CPU topology and preferred disk bus / interface model are applied to the
//! template; a field the VM sets that the instancetype also sets is a conflict; the matchers are
//! removed from the result. A VM without matchers comes back unchanged.

use serde_json::{Value, json};

use crate::kinds;
use crate::object::{array_at, vm_gr, vm_kind};
use crate::server::Reply;
use crate::status::ApiError;
use crate::store::Inner;

const UNMARSHAL_ERR_FMT: &str = "Can not unmarshal Request body to struct, error: ";
const CONFLICT_FMT: &str = "conflicts with selected instance type";

/// `expand-spec` of a stored VM: unknown VM 404, expansion failure 500.
pub fn expand_stored(s: &Inner, ns: &str, name: &str) -> Result<Reply, ApiError> {
    let vm = s
        .try_get(vm_kind(), ns, name)
        .ok_or_else(|| ApiError::not_found(&vm_gr(), name))?;
    let expanded = expand(s, ns, &vm).map_err(ApiError::internal)?;
    Ok(Reply::Json(200, expanded))
}

/// `expand-vm-spec` of a manifest: every refusal is a 400.
pub fn expand_manifest(s: &Inner, ns: &str, body: &[u8]) -> Result<Reply, ApiError> {
    if body.is_empty() {
        return Err(ApiError::bad_request(format!(
            "{UNMARSHAL_ERR_FMT}unexpected end of JSON input"
        )));
    }
    let mut vm: Value =
        serde_json::from_slice(body).map_err(|e| ApiError::bad_request(format!("{UNMARSHAL_ERR_FMT}{e}")))?;
    if !vm.is_object() {
        return Err(ApiError::bad_request(format!(
            "{UNMARSHAL_ERR_FMT}json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            if vm.is_array() { "array" } else { "string" }
        )));
    }
    let causes = schema_violations(&vm);
    if !causes.is_empty() {
        let mut e = ApiError::bad_request("Object is not a valid VirtualMachine");
        e.details = Some(json!({"causes": causes.iter().map(|c| json!({"message": c})).collect::<Vec<_>>()}));
        return Err(e);
    }
    let body_ns = vm.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("");
    if !body_ns.is_empty() && body_ns != ns {
        return Err(ApiError::bad_request(format!("VM namespace must be empty or {ns}")));
    }
    vm["metadata"]["namespace"] = json!(ns);
    let expanded = expand(s, ns, &vm).map_err(ApiError::bad_request)?;
    Ok(Reply::Json(200, expanded))
}

/// The OpenAPI checks that matter for a VirtualMachine body.
fn schema_violations(vm: &Value) -> Vec<String> {
    let mut causes = Vec::new();
    match vm.get("spec") {
        None | Some(Value::Null) => causes.push("spec in body is required".to_string()),
        Some(spec) if !spec.is_object() => causes.push("spec in body must be of type object".to_string()),
        Some(spec) => {
            if spec.get("template").is_none_or(Value::is_null) {
                causes.push("spec.template in body is required".to_string());
            }
            if let Some(rs) = spec.get("runStrategy").and_then(Value::as_str)
                && !matches!(
                    rs,
                    "Always" | "Halted" | "Manual" | "RerunOnFailure" | "Once" | "WaitAsReceiver"
                )
            {
                causes.push(format!(
                    "spec.runStrategy in body should be one of [Always Halted Manual RerunOnFailure Once WaitAsReceiver]: {rs:?}"
                ));
            }
        }
    }
    causes
}

/// Finds a matcher's object: the cluster-wide kind unless the matcher names the namespaced one.
fn find(s: &Inner, ns: &str, matcher: &Value, namespaced: &str, cluster: &str, what: &str) -> Result<Value, String> {
    let name = matcher["name"].as_str().unwrap_or("");
    let kind = matcher["kind"].as_str().unwrap_or("");
    let (plural, in_ns) = match kind.to_ascii_lowercase().as_str() {
        "" => (cluster, ""),
        k if k == namespaced.trim_end_matches('s') || k == namespaced => (namespaced, ns),
        k if k == cluster.trim_end_matches('s') || k == cluster => (cluster, ""),
        _ => return Err(format!("got unexpected kind in {what}Matcher: {kind}")),
    };
    let registered =
        kinds::lookup("instancetype.kubevirt.io", "v1beta1", plural).ok_or("instancetype kinds are not served")?;
    s.try_get(registered, in_ns, name)
        .ok_or_else(|| format!("{plural}.instancetype.kubevirt.io {name:?} not found"))
}

/// `expander.Expand`.
pub fn expand(s: &Inner, ns: &str, vm: &Value) -> Result<Value, String> {
    let it_matcher = vm.pointer("/spec/instancetype").filter(|v| !v.is_null());
    let pref_matcher = vm.pointer("/spec/preference").filter(|v| !v.is_null());
    if it_matcher.is_none() && pref_matcher.is_none() {
        return Ok(vm.clone());
    }
    let instancetype = match it_matcher {
        Some(m) => Some(find(
            s,
            ns,
            m,
            "virtualmachineinstancetypes",
            "virtualmachineclusterinstancetypes",
            "Instancetype",
        )?),
        None => None,
    };
    let preference = match pref_matcher {
        Some(m) => Some(find(
            s,
            ns,
            m,
            "virtualmachinepreferences",
            "virtualmachineclusterpreferences",
            "Preference",
        )?),
        None => None,
    };
    let mut out = vm.clone();
    let spec = &mut out["spec"]["template"]["spec"];
    let pref = preference.as_ref().map(|p| p["spec"].clone()).unwrap_or(Value::Null);

    if let Some(it) = &instancetype {
        let mut conflicts = Vec::new();
        let guest_cpus = it.pointer("/spec/cpu/guest").and_then(Value::as_u64).unwrap_or(1);
        for field in ["sockets", "cores", "threads"] {
            if spec.pointer(&format!("/domain/cpu/{field}")).is_some() {
                conflicts.push(format!("spec.template.spec.domain.cpu.{field}"));
            }
        }
        if spec.pointer("/domain/memory/guest").is_some() {
            conflicts.push("spec.template.spec.domain.memory.guest".to_string());
        }
        if !conflicts.is_empty() {
            return Err(format!("VM field(s) {} {CONFLICT_FMT}", conflicts.join(", ")));
        }
        let topology = pref
            .pointer("/cpu/preferredCPUTopology")
            .and_then(Value::as_str)
            .unwrap_or("preferSockets");
        let (sockets, cores, threads) = match topology {
            "preferCores" | "cores" => (1, guest_cpus, 1),
            "preferThreads" | "threads" => (1, 1, guest_cpus),
            _ => (guest_cpus, 1, 1),
        };
        spec["domain"]["cpu"]["sockets"] = json!(sockets);
        spec["domain"]["cpu"]["cores"] = json!(cores);
        spec["domain"]["cpu"]["threads"] = json!(threads);
        if let Some(memory) = it.pointer("/spec/memory/guest") {
            spec["domain"]["memory"]["guest"] = memory.clone();
        }
    }
    if let Some(bus) = pref.pointer("/devices/preferredDiskBus") {
        let disks: Vec<Value> = array_at(spec, "/domain/devices/disks")
            .iter()
            .map(|d| {
                let mut d = d.clone();
                if d.get("disk").is_some() && d.pointer("/disk/bus").is_none() {
                    d["disk"]["bus"] = bus.clone();
                }
                d
            })
            .collect();
        if !disks.is_empty() {
            spec["domain"]["devices"]["disks"] = json!(disks);
        }
    }
    if let Some(model) = pref.pointer("/devices/preferredInterfaceModel") {
        let ifaces: Vec<Value> = array_at(spec, "/domain/devices/interfaces")
            .iter()
            .map(|i| {
                let mut i = i.clone();
                if i.get("model").is_none() {
                    i["model"] = model.clone();
                }
                i
            })
            .collect();
        if !ifaces.is_empty() {
            spec["domain"]["devices"]["interfaces"] = json!(ifaces);
        }
    }
    if let Some(s) = out["spec"].as_object_mut() {
        s.remove("instancetype");
        s.remove("preference");
    }
    if let Some(st) = out.get_mut("status").and_then(Value::as_object_mut) {
        st.remove("instancetypeRef");
        st.remove("preferenceRef");
    }
    Ok(out)
}
