//! Memory dumps, as KubeVirt does them: virt-api's `memorydump` and `removememorydump`
//! subresources of a VM (`pkg/virt-api/rest/memorydump.go`: the checks of the spec's §10.2 table,
//! with the same Status bodies), and the flow virt-controller and virt-handler drive through
//! `status.memoryDumpRequest` (`pkg/storage/memorydump`): `Associating` (the claim is bound and
//! attached to the VMI as a utility volume) → `InProgress` (the dump is written) → `Unmounting`
//! (the PVC gets the dump's file name in its `kubevirt.io/memory-dump` annotation, the volume is
//! detached) → `Completed`; or `Failed` with virt-handler's message. The dump itself is a file
//! of [`DUMP_FILE_SIZE`] deterministic pseudo-random bytes written into the PVC's root, under
//! the name in the request's `fileName`, so an export of the PVC serves it as KubeVirt's does. `removememorydump` moves the
//! request to `Dissociating`, and it disappears once the volume is detached.
//!
//! Fault knob: a VM annotated [`FAILURE_ANNOTATION`] gets its dumps failed with that text as
//! the message. A claim whose storage class does not exist is never bound (no provisioner), so
//! its dump stays `Associating`.

use serde_json::{Value, json};

use crate::cdi::{DEFAULT_OVERHEAD, DEFAULT_STORAGE_CLASS, quantity_bytes};
use crate::kinds;
use crate::object::{annotation, deleting, name_of, ns_of, pvc_kind, set_annotation, vm_gr, vm_kind, vmi_gr, vmi_kind};
use crate::registry::Component;
use crate::server::{Reply, SimState};
use crate::status::{ApiError, GroupResource};
use crate::store::{Inner, Part, now_rfc3339};
use crate::virtapi::{VMI_NOT_RUNNING, decode_opts, fetch_vm, fetch_vmi, patch_vm, phase};

/// A VM carrying this annotation has its memory dumps fail, with the value as the message.
pub const FAILURE_ANNOTATION: &str = "kubevirt-sim.io/memory-dump-failure";
/// KubeVirt's annotation on the dump PVC: the dump's file name, or [`FAILED`].
pub const PVC_ANNOTATION: &str = "kubevirt.io/memory-dump";
pub const FAILED: &str = "Memory dump failed";
/// The simulated dump file: a few MiB of pseudo-random bytes (not a whole number of tar blocks).
pub const DUMP_FILE_SIZE: usize = (3 << 20) + 4321;
/// The dump needs this much room beyond the guest's memory.
const DUMP_OVERHEAD: u128 = 100 * 1024 * 1024;
const MIB: f64 = 1024.0 * 1024.0;

/// `v1.Resource("persistentvolumeclaim")`: virt-api names PVCs in KubeVirt's group.
fn pvc_gr() -> GroupResource {
    GroupResource::new("kubevirt.io", "persistentvolumeclaim")
}

// ---- virt-api ----------------------------------------------------------------------------------

/// `PUT .../virtualmachines/NAME/memorydump`.
pub fn request(s: &mut Inner, body: &[u8], ns: &str, name: &str) -> Result<Reply, ApiError> {
    if !hotplug_enabled(s) {
        return Err(ApiError::bad_request(
            "Unable to memory dump because HotplugVolumes feature gate is not enabled.",
        ));
    }
    let wanted = decode_opts(body)?;
    let vm = fetch_vm(s, ns, name)?;
    let current = current_request(&vm);
    let mut claim = wanted
        .get("claimName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    match &current {
        None if claim.is_empty() => {
            return Err(ApiError::bad_request("Memory dump requires claim name to be set"));
        }
        Some(current) if !claim.is_empty() && claim_of(current) != claim => {
            return Err(ApiError::conflict(
                &vm_gr(),
                name,
                &format!(
                    "can't request memory dump for pvc [{claim}] while pvc [{}] is still associated as the memory dump pvc",
                    claim_of(current)
                ),
            ));
        }
        Some(current) if claim.is_empty() => claim = claim_of(current).to_string(),
        _ => {}
    }
    let vmi = fetch_vmi(s, ns, name)?;
    if phase(&vmi) != "Running" {
        return Err(ApiError::conflict(&vmi_gr(), name, VMI_NOT_RUNNING));
    }
    validate_claim(s, &vmi, &claim, ns)?;
    if let Some(current) = &current {
        let why = match phase_of(current) {
            "Dissociating" => Some(format!(
                "can't dump memory for pvc [{claim}] a remove memory dump request is in progress"
            )),
            "Completed" | "Failed" => None,
            _ => Some(format!("memory dump request for pvc [{claim}] already in progress")),
        };
        if let Some(why) = why {
            return Err(ApiError::conflict(&vm_gr(), name, &why));
        }
    }
    let new = json!({"claimName": claim, "phase": "Associating"});
    patch_vm(s, &vm, &request_patch(current.as_ref(), new), false, Part::Status)?;
    Ok(Reply::Empty(202))
}

/// `PUT .../virtualmachines/NAME/removememorydump`.
pub fn remove(s: &mut Inner, ns: &str, name: &str) -> Result<Reply, ApiError> {
    let vm = fetch_vm(s, ns, name)?;
    let Some(current) = current_request(&vm) else {
        return Err(ApiError::conflict(
            &vm_gr(),
            name,
            &format!("can't remove memory dump association for vm {name}, no association found"),
        ));
    };
    if current.get("remove").and_then(Value::as_bool) == Some(true) {
        return Err(ApiError::conflict(
            &vm_gr(),
            name,
            &format!(
                "memory dump remove request for pvc [{}] already exists",
                claim_of(&current)
            ),
        ));
    }
    let new = json!({"claimName": claim_of(&current), "phase": "Dissociating", "remove": true});
    patch_vm(s, &vm, &request_patch(Some(&current), new), false, Part::Status)?;
    Ok(Reply::Empty(202))
}

/// `HotplugVolumes` (deprecated) or `DeclarativeHotplugVolumes` (beta: on unless disabled).
fn hotplug_enabled(s: &Inner) -> bool {
    let Some(kind) = kinds::lookup("kubevirt.io", "v1", "kubevirts") else {
        return false;
    };
    let Some(kv) = s.list_all(kind, None).into_iter().next() else {
        return false;
    };
    let gates = |key: &str| -> Vec<String> {
        kv.pointer(&format!("/spec/configuration/developerConfiguration/{key}"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default()
    };
    let enabled = gates("featureGates");
    let disabled = gates("disabledFeatureGates");
    enabled
        .iter()
        .any(|g| g == "HotplugVolumes" || g == "DeclarativeHotplugVolumes")
        || !disabled.iter().any(|g| g == "DeclarativeHotplugVolumes")
}

/// `validateMemoryDumpClaim`: the PVC exists, is a writable filesystem volume, and is big
/// enough for the VMI's memory (§10.5's size, with the overhead of the PVC's storage class).
fn validate_claim(s: &Inner, vmi: &Value, claim: &str, ns: &str) -> Result<(), ApiError> {
    let pvc = s
        .try_get(pvc_kind(), ns, claim)
        .ok_or_else(|| ApiError::not_found(&pvc_gr(), claim))?;
    if pvc.pointer("/spec/volumeMode").and_then(Value::as_str) == Some("Block") {
        return Err(ApiError::conflict(&pvc_gr(), claim, "pvc should be filesystem pvc"));
    }
    let read_only = pvc
        .pointer("/spec/accessModes")
        .and_then(Value::as_array)
        .is_some_and(|modes| modes.iter().any(|m| m == "ReadOnlyMany"));
    if read_only {
        return Err(ApiError::conflict(
            &pvc_gr(),
            claim,
            "pvc access mode can't be read only",
        ));
    }
    let size = pvc
        .pointer("/spec/resources/requests/storage")
        .and_then(Value::as_str)
        .and_then(quantity_bytes)
        .unwrap_or(0);
    let scaled = size.div_ceil(1000) * 1000;
    let memory = vmi
        .pointer("/spec/domain/resources/requests/memory")
        .and_then(Value::as_str)
        .unwrap_or("0");
    let overhead = overhead_for(s, pvc.pointer("/spec/storageClassName").and_then(Value::as_str))?;
    let (expected, expected_text) = expected_size(memory, overhead);
    if scaled < expected {
        return Err(ApiError::conflict(
            &pvc_gr(),
            claim,
            &format!(
                "pvc size [{}] should be bigger then [{expected_text}]",
                decimal_text(scaled)
            ),
        ));
    }
    Ok(())
}

/// CDI's filesystem overhead for a storage class (the default when there is no CDIConfig).
fn overhead_for(s: &Inner, storage_class: Option<&str>) -> Result<f64, ApiError> {
    let Some(config) =
        kinds::lookup("cdi.kubevirt.io", "v1beta1", "cdiconfigs").and_then(|k| s.try_get(k, "", "config"))
    else {
        return Ok(DEFAULT_OVERHEAD);
    };
    let Some(overheads) = config.pointer("/status/filesystemOverhead") else {
        return Err(ApiError::internal("CDI config not initialized"));
    };
    let text = storage_class
        .and_then(|class| overheads.get("storageClass").and_then(|m| m.get(class)))
        .or_else(|| overheads.get("global"))
        .and_then(Value::as_str)
        .unwrap_or("");
    text.parse().map_err(|_| {
        ApiError::internal(format!(
            "failed to parse filesystem overhead as float: strconv.ParseFloat: parsing {}: invalid syntax",
            crate::status::go_quote(text)
        ))
    })
}

/// The smallest PVC for a dump of `memory` (bytes, and as virt-api prints it).
fn expected_size(memory: &str, overhead: f64) -> (u128, String) {
    let dump = quantity_bytes(memory).unwrap_or(0) + DUMP_OVERHEAD;
    let total = (1.0 + overhead) * dump as f64;
    let mib = if total < MIB { 1 } else { (total / MIB).ceil() as u128 };
    let bytes = mib << 20;
    let text = if memory.trim().ends_with('i') {
        binary_text(mib)
    } else {
        decimal_text(bytes)
    };
    (bytes, text)
}

/// A whole number of MiB in apimachinery's binary SI form (`2267Mi`, `3Gi`).
fn binary_text(mib: u128) -> String {
    let mut value = mib;
    for unit in ["Mi", "Gi", "Ti", "Pi"] {
        if !value.is_multiple_of(1024) || unit == "Pi" {
            return format!("{value}{unit}");
        }
        value /= 1024;
    }
    unreachable!("the loop returns at Pi")
}

/// Bytes in apimachinery's decimal SI form (`1073742k`, `2G`).
fn decimal_text(bytes: u128) -> String {
    let mut value = bytes;
    for unit in ["", "k", "M", "G", "T", "P"] {
        if !value.is_multiple_of(1000) || unit == "P" || value == 0 {
            return format!("{value}{unit}");
        }
        value /= 1000;
    }
    unreachable!("the loop returns at P")
}

/// `patch.WithTest` on the old request, then `add` (none before) or `replace`.
fn request_patch(current: Option<&Value>, new: Value) -> Value {
    let path = "/status/memoryDumpRequest";
    let old = current.cloned().unwrap_or(Value::Null);
    let op = if current.is_some() { "replace" } else { "add" };
    json!([
        {"op": "test", "path": path, "value": old},
        {"op": op, "path": path, "value": new},
    ])
}

fn current_request(vm: &Value) -> Option<Value> {
    vm.pointer("/status/memoryDumpRequest")
        .filter(|r| !r.is_null())
        .cloned()
}

fn claim_of(request: &Value) -> &str {
    request.get("claimName").and_then(Value::as_str).unwrap_or("")
}

fn phase_of(request: &Value) -> &str {
    request.get("phase").and_then(Value::as_str).unwrap_or("")
}

// ---- virt-controller and virt-handler ----------------------------------------------------------

/// The memory-dump flow as a [`Component`]: one step per tick for every VM with a request.
pub struct MemoryDumps;

impl Component for MemoryDumps {
    fn tick(&mut self, store: &mut Inner, state: &SimState) {
        for vm in store.list_all(vm_kind(), None) {
            if let Some(request) = current_request(&vm) {
                step(store, state, vm, request);
            }
        }
    }
}

fn step(s: &mut Inner, state: &SimState, mut vm: Value, mut request: Value) {
    let ns = ns_of(&vm);
    let name = name_of(&vm);
    let claim = claim_of(&request).to_string();
    let vmi = s.try_get(vmi_kind(), &ns, &name);
    let attached = vmi.as_ref().is_some_and(|v| utility_volume(v, &claim).is_some());
    let has_status = vmi.as_ref().is_some_and(|v| volume_status(v, &claim).is_some());
    if request.get("remove").and_then(Value::as_bool) == Some(true) && phase_of(&request) != "Dissociating" {
        request["phase"] = json!("Dissociating");
        return write_request(s, &mut vm, Some(request));
    }
    match phase_of(&request) {
        "Associating" => {
            let Some(vmi) = vmi.filter(|v| phase(v) == "Running" && !deleting(v)) else {
                return;
            };
            if attached {
                request["phase"] = json!("InProgress");
                return write_request(s, &mut vm, Some(request));
            }
            // the hotplug attachment pod is the claim's first consumer: it gets bound first
            if bind(s, &ns, &claim) {
                attach(s, vmi, &claim);
            }
        }
        "InProgress" => {
            let Some(mut vmi) = vmi else { return };
            match volume_status(&vmi, &claim).cloned() {
                None => {
                    let started = now_rfc3339();
                    set_volume_status(
                        &mut vmi,
                        &claim,
                        Some(json!({"name": claim, "phase": "MemoryDumpInProgress",
                            "memoryDumpVolume": {"claimName": claim, "startTimestamp": started}})),
                    );
                    let _ = s.put(vmi_kind(), vmi);
                    request["startTimestamp"] = json!(started);
                    write_request(s, &mut vm, Some(request));
                }
                Some(status) => {
                    let ended = now_rfc3339();
                    let mut status = status;
                    status["memoryDumpVolume"]["endTimestamp"] = json!(ended);
                    request["endTimestamp"] = json!(ended);
                    match annotation(&vm, FAILURE_ANNOTATION).map(str::to_string) {
                        Some(message) => {
                            status["phase"] = json!("MemoryDumpFailed");
                            status["message"] = json!(message);
                            request["phase"] = json!("Failed");
                            request["message"] = json!(message);
                        }
                        None => {
                            let file = dump_file_name(&name, &claim, &ended);
                            // virt-launcher writes the dump into the mounted PVC
                            let bytes = crate::export::pseudo_random(&file, DUMP_FILE_SIZE);
                            let _ = state.cdi.export.write_file(&ns, &claim, &file, &bytes);
                            status["phase"] = json!("MemoryDumpCompleted");
                            status["memoryDumpVolume"]["targetFileName"] = json!(file);
                            request["phase"] = json!("Unmounting");
                            request["fileName"] = json!(file);
                        }
                    }
                    set_volume_status(&mut vmi, &claim, Some(status));
                    let _ = s.put(vmi_kind(), vmi);
                    write_request(s, &mut vm, Some(request));
                }
            }
        }
        phase @ ("Unmounting" | "Failed") => {
            let value = if phase == "Failed" {
                FAILED.to_string()
            } else {
                request
                    .get("fileName")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            annotate_pvc(s, &ns, &claim, &value);
            if attached || has_status {
                detach(s, vmi, &claim);
            } else if phase == "Unmounting" {
                request["phase"] = json!("Completed");
                write_request(s, &mut vm, Some(request));
            }
        }
        "Dissociating" => {
            if attached || has_status {
                detach(s, vmi, &claim);
            } else {
                write_request(s, &mut vm, None);
            }
        }
        _ => {}
    }
}

fn write_request(s: &mut Inner, vm: &mut Value, request: Option<Value>) {
    match request {
        Some(request) => vm["status"]["memoryDumpRequest"] = request,
        None => {
            if let Some(status) = vm.get_mut("status").and_then(Value::as_object_mut) {
                status.remove("memoryDumpRequest");
            }
        }
    }
    let _ = s.put(vm_kind(), vm.clone());
}

/// Binds the claim as the provisioner of its storage class would; `false` while it cannot be
/// (no such storage class).
fn bind(s: &mut Inner, ns: &str, claim: &str) -> bool {
    let Some(mut pvc) = s.try_get(pvc_kind(), ns, claim) else {
        return false;
    };
    if pvc.pointer("/status/phase").and_then(Value::as_str) == Some("Bound") {
        return true;
    }
    let class = pvc
        .pointer("/spec/storageClassName")
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_STORAGE_CLASS)
        .to_string();
    let class_exists = kinds::lookup("storage.k8s.io", "v1", "storageclasses")
        .and_then(|k| s.try_get(k, "", &class))
        .is_some();
    if !class_exists || deleting(&pvc) {
        return false;
    }
    let uid = pvc
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    pvc["spec"]["volumeName"] = json!(format!("pvc-{uid}"));
    if pvc.pointer("/spec/volumeMode").is_none() {
        pvc["spec"]["volumeMode"] = json!("Filesystem");
    }
    pvc["status"] = json!({
        "phase": "Bound",
        "accessModes": pvc.pointer("/spec/accessModes").cloned().unwrap_or_else(|| json!(["ReadWriteOnce"])),
        "capacity": {"storage": pvc.pointer("/spec/resources/requests/storage").cloned().unwrap_or(json!("0"))},
    });
    s.put(pvc_kind(), pvc).is_ok()
}

fn utility_volume<'v>(vmi: &'v Value, claim: &str) -> Option<&'v Value> {
    vmi.pointer("/spec/utilityVolumes")
        .and_then(Value::as_array)
        .and_then(|vols| vols.iter().find(|v| v["name"] == claim))
}

fn volume_status<'v>(vmi: &'v Value, claim: &str) -> Option<&'v Value> {
    vmi.pointer("/status/volumeStatus")
        .and_then(Value::as_array)
        .and_then(|vols| vols.iter().find(|v| v["name"] == claim))
}

/// Replaces (or with `None` removes) the claim's entry in `status.volumeStatus`.
fn set_volume_status(vmi: &mut Value, claim: &str, entry: Option<Value>) {
    let mut list: Vec<Value> = vmi
        .pointer("/status/volumeStatus")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.retain(|v| v["name"] != claim);
    list.extend(entry);
    vmi["status"]["volumeStatus"] = Value::Array(list);
}

/// `attachMemoryDumpVolume`: the claim as a `MemoryDump` utility volume of the VMI.
fn attach(s: &mut Inner, mut vmi: Value, claim: &str) {
    let mut vols: Vec<Value> = vmi
        .pointer("/spec/utilityVolumes")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    vols.push(json!({"name": claim, "claimName": claim, "type": "MemoryDump"}));
    vmi["spec"]["utilityVolumes"] = Value::Array(vols);
    let _ = s.put(vmi_kind(), vmi);
}

/// `detachMemoryDumpVolume`, and virt-handler unmounting it (its volume status goes).
fn detach(s: &mut Inner, vmi: Option<Value>, claim: &str) {
    let Some(mut vmi) = vmi else { return };
    if let Some(spec) = vmi.get_mut("spec").and_then(Value::as_object_mut) {
        let vols: Vec<Value> = spec
            .get("utilityVolumes")
            .and_then(Value::as_array)
            .map(|vols| vols.iter().filter(|v| v["name"] != claim).cloned().collect())
            .unwrap_or_default();
        if vols.is_empty() {
            spec.remove("utilityVolumes");
        } else {
            spec.insert("utilityVolumes".into(), Value::Array(vols));
        }
    }
    set_volume_status(&mut vmi, claim, None);
    let _ = s.put(vmi_kind(), vmi);
}

/// `patchMemoryDumpPVCAnnotation`: the dump's file name (or the failure) on the PVC.
fn annotate_pvc(s: &mut Inner, ns: &str, claim: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    if let Some(mut pvc) = s.try_get(pvc_kind(), ns, claim)
        && annotation(&pvc, PVC_ANNOTATION) != Some(value)
    {
        set_annotation(&mut pvc, PVC_ANNOTATION, value);
        let _ = s.put(pvc_kind(), pvc);
    }
}

/// virt-handler's target file: `VM-CLAIM-YYYYMMDD-HHMMSS.memory.dump`.
fn dump_file_name(vm: &str, claim: &str, at_rfc3339: &str) -> String {
    let digits: String = at_rfc3339.chars().filter(char::is_ascii_digit).collect();
    let (date, time) = digits.split_at(digits.len().min(8));
    format!("{vm}-{claim}-{date}-{time}.memory.dump")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_print_as_apimachinery_does() {
        assert_eq!(expected_size("2Gi", 0.055), (2267 << 20, "2267Mi".to_string()));
        assert_eq!(expected_size("924Mi", 0.0).1, "1Gi");
        assert_eq!(decimal_text(1_073_742_000), "1073742k");
        assert_eq!(decimal_text(2_000_000_000), "2G");
        assert_eq!(decimal_text(0), "0");
    }

    #[test]
    fn dump_files_are_named_after_vm_claim_and_time() {
        assert_eq!(
            dump_file_name("vm1", "dump", "2026-12-03T21:14:10Z"),
            "vm1-dump-20261203-211410.memory.dump"
        );
    }

    #[test]
    fn the_request_patch_tests_the_old_request() {
        let p = request_patch(None, json!({"claimName": "c", "phase": "Associating"}));
        assert_eq!(
            p[0],
            json!({"op": "test", "path": "/status/memoryDumpRequest", "value": null})
        );
        assert_eq!(p[1]["op"], "add");
        let p = request_patch(Some(&json!({"claimName": "c"})), json!({}));
        assert_eq!(p[1]["op"], "replace");
    }
}
