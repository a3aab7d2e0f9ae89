//! Volume hot-plug: virt-api's `addvolume` / `removevolume` subresources of VMs and VMIs
//! (`pkg/virt-api/rest/volumes.go`: feature gates, body checks, the JSON patches with their
//! `test` ops and the Status bodies of each refusal), and the controller side: a VM's
//! `status.volumeRequests` folded into its template, hot-pluggable volumes synced from the VM
//! into its running VMI, and each hot-plugged volume walked through the VMI's
//! `status.volumeStatus` phases (`Pending` → `Bound` → `AttachedToNode` → `MountedToPod` →
//! `Ready`, or `Detaching` and gone on removal). A claim that is not `Bound` keeps its volume
//! `Pending`, as the attachment pod cannot start.

use serde_json::{Value, json};

use crate::kinds;
use crate::object::{array_at, dv_kind, name_of, ns_of, pvc_kind, vm_gr, vm_kind, vmi_gr, vmi_kind};
use crate::patch::PatchType;
use crate::registry::Component;
use crate::server::{Reply, SimState};
use crate::status::ApiError;
use crate::store::{Inner, Part, now_rfc3339};

pub const NOT_ENABLED: &str = "Enable DeclarativeHotplugVolumes or HotplugVolumes feature gate to use this API.";

/// The feature gates of the cluster's KubeVirt CR.
fn feature_gates(s: &Inner) -> Vec<String> {
    let Some(kind) = kinds::lookup("kubevirt.io", "v1", "kubevirts") else {
        return Vec::new();
    };
    s.list_all(kind, None)
        .iter()
        .flat_map(|kv| array_at(kv, "/spec/configuration/developerConfiguration/featureGates").to_vec())
        .filter_map(|g| g.as_str().map(str::to_string))
        .collect()
}

fn gate(s: &Inner, name: &str) -> bool {
    feature_gates(s).iter().any(|g| g == name)
}

fn dry_run(opts: &Value) -> bool {
    opts["dryRun"]
        .as_array()
        .and_then(|a| a.first())
        .is_some_and(|v| v == "All")
}

fn present(v: &Value) -> bool {
    !v.is_null()
}

/// The VM or VMI route of `addvolume` (`vmi` = the VMI route, virt-api's "ephemeral").
pub fn add_volume(s: &mut Inner, body: &[u8], ns: &str, name: &str, vmi: bool) -> Result<Reply, ApiError> {
    if !gate(s, "HotplugVolumes") && !gate(s, "DeclarativeHotplugVolumes") {
        return Err(ApiError::bad_request(NOT_ENABLED));
    }
    let mut opts = crate::virtapi::decode_opts(body)?;
    if opts["name"].as_str().unwrap_or("").is_empty() {
        return Err(ApiError::bad_request("AddVolumeOptions requires name to be set"));
    }
    if !present(&opts["disk"]) {
        return Err(ApiError::bad_request("AddVolumeOptions requires disk to not be nil"));
    }
    if !present(&opts["volumeSource"]) {
        return Err(ApiError::bad_request(
            "AddVolumeOptions requires VolumeSource to not be nil",
        ));
    }
    opts["disk"]["name"] = opts["name"].clone();
    for source in ["dataVolume", "persistentVolumeClaim"] {
        if present(&opts["volumeSource"][source]) {
            opts["volumeSource"][source]["hotpluggable"] = json!(true);
            break;
        }
    }
    request(s, ns, name, vmi, json!({"addVolumeOptions": opts}))
}

pub fn remove_volume(s: &mut Inner, body: &[u8], ns: &str, name: &str, vmi: bool) -> Result<Reply, ApiError> {
    if !gate(s, "HotplugVolumes") && !gate(s, "DeclarativeHotplugVolumes") {
        return Err(ApiError::bad_request(NOT_ENABLED));
    }
    let opts = crate::virtapi::decode_opts(body)?;
    if opts["name"].as_str().unwrap_or("").is_empty() {
        return Err(ApiError::bad_request("RemoveVolumeOptions requires name to be set"));
    }
    request(s, ns, name, vmi, json!({"removeVolumeOptions": opts}))
}

fn request(s: &mut Inner, ns: &str, name: &str, vmi: bool, request: Value) -> Result<Reply, ApiError> {
    let options = request.get("addVolumeOptions").or(request.get("removeVolumeOptions"));
    let dry = options.is_some_and(dry_run);
    if vmi {
        vmi_patch(s, ns, name, &request, dry)?;
    } else if gate(s, "HotplugVolumes") {
        vm_status_patch(s, ns, name, &request, dry)?;
    } else {
        vm_spec_patch(s, ns, name, &request, dry)?;
    }
    Ok(Reply::Empty(202))
}

fn source_name(volume: &Value) -> Option<&str> {
    volume
        .pointer("/dataVolume/name")
        .or(volume.pointer("/persistentVolumeClaim/claimName"))
        .and_then(Value::as_str)
}

fn hotpluggable(volume: &Value) -> bool {
    volume.pointer("/dataVolume/hotpluggable") == Some(&json!(true))
        || volume.pointer("/persistentVolumeClaim/hotpluggable") == Some(&json!(true))
}

/// `verifyVolumeOption`.
fn verify(volumes: &[Value], request: &Value) -> Result<(), String> {
    if let Some(add) = request.get("addVolumeOptions") {
        let name = add["name"].as_str().unwrap_or("");
        let source = source_name(&add["volumeSource"]).unwrap_or("");
        for v in volumes {
            if v["name"] == name {
                return Err(format!(
                    "Unable to add volume [{name}] because volume with that name already exists"
                ));
            }
            if source_name(v) == Some(source) {
                return Err(format!(
                    "Unable to add volume source [{source}] because it already exists"
                ));
            }
        }
        return Ok(());
    }
    let name = request
        .pointer("/removeVolumeOptions/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    match volumes
        .iter()
        .find(|v| v["name"] == name || source_name(v) == Some(name))
    {
        Some(v) if !hotpluggable(v) => Err(format!(
            "Unable to remove volume [{}] because it is not hotpluggable",
            v["name"].as_str().unwrap_or("")
        )),
        Some(_) => Ok(()),
        None => Err(format!("Unable to remove volume [{name}] because it does not exist")),
    }
}

/// `ApplyVolumeRequestOnVMISpec`: the spec's volumes and disks after the request.
pub fn apply_request(spec: &Value, request: &Value) -> (Vec<Value>, Vec<Value>) {
    let mut volumes = array_at(spec, "/volumes").to_vec();
    let mut disks = array_at(spec, "/domain/devices/disks").to_vec();
    if let Some(add) = request.get("addVolumeOptions") {
        let name = add["name"].clone();
        if !volumes.iter().any(|v| v["name"] == name) {
            let mut volume = serde_json::Map::new();
            volume.insert("name".into(), name.clone());
            if let Some(source) = add["volumeSource"].as_object() {
                volume.extend(source.clone());
            }
            volumes.push(Value::Object(volume));
        }
        if !disks.iter().any(|d| d["name"] == name) {
            let mut disk = add["disk"].clone();
            disk["name"] = name;
            disks.push(disk);
        }
    } else if let Some(name) = request.pointer("/removeVolumeOptions/name") {
        volumes.retain(|v| &v["name"] != name);
        disks.retain(|d| &d["name"] != name);
    }
    (volumes, disks)
}

/// The patch of `generateVolumeRequestPatch`: test both lists, then add or replace them.
fn spec_patch(prefix: &str, spec: &Value, request: &Value) -> Value {
    let (volumes, disks) = apply_request(spec, request);
    let old_volumes = spec.pointer("/volumes").cloned().unwrap_or(Value::Null);
    let old_disks = spec.pointer("/domain/devices/disks").cloned().unwrap_or(Value::Null);
    let verb = |old: &Value| {
        if old.as_array().is_some_and(|a| !a.is_empty()) {
            "replace"
        } else {
            "add"
        }
    };
    json!([
        {"op": "test", "path": format!("{prefix}/spec/volumes"), "value": old_volumes},
        {"op": "test", "path": format!("{prefix}/spec/domain/devices/disks"), "value": old_disks},
        {"op": verb(&old_volumes), "path": format!("{prefix}/spec/volumes"), "value": volumes},
        {"op": verb(&old_disks), "path": format!("{prefix}/spec/domain/devices/disks"), "value": disks},
    ])
}

/// virt-api's mapping of a failed patch: an Invalid status (a failed `test`) passes through, so
/// the client sees the generic 422 text and retries; anything else is an internal error.
fn apply_patch(
    s: &mut Inner,
    vmi: bool,
    ns: &str,
    name: &str,
    ops: &Value,
    dry: bool,
    part: Part,
) -> Result<(), ApiError> {
    let kind = if vmi { vmi_kind() } else { vm_kind() };
    let body = serde_json::to_vec(ops).unwrap_or_default();
    match s.patch(kind, ns, name, PatchType::Json, &body, dry, part) {
        Ok(_) => Ok(()),
        Err(e) if e.code == 422 => Err(e),
        Err(e) => {
            let what = match (vmi, part) {
                (true, _) => "vmi",
                (false, Part::Status) => "vm status",
                _ => "vm",
            };
            Err(ApiError::internal(format!("unable to patch {what}: {}", e.message)))
        }
    }
}

fn fetch(s: &Inner, ns: &str, name: &str, vmi: bool) -> Result<Value, ApiError> {
    if vmi {
        s.try_get(vmi_kind(), ns, name)
            .ok_or_else(|| ApiError::not_found(&vmi_gr(), name))
    } else {
        s.try_get(vm_kind(), ns, name)
            .ok_or_else(|| ApiError::not_found(&vm_gr(), name))
    }
}

fn vmi_patch(s: &mut Inner, ns: &str, name: &str, request: &Value, dry: bool) -> Result<(), ApiError> {
    let vmi = fetch(s, ns, name, true)?;
    let owned = array_at(&vmi, "/metadata/ownerReferences")
        .iter()
        .any(|r| r["controller"] == true && r["kind"] == "VirtualMachine" && r["apiVersion"] == "kubevirt.io/v1");
    if owned && !gate(s, "HotplugVolumes") {
        return Err(ApiError::bad_request(format!("VMI {ns}/{name} is owned by a VM")));
    }
    if vmi.pointer("/status/phase").and_then(Value::as_str) != Some("Running") {
        return Err(ApiError::conflict(&vmi_gr(), name, crate::virtapi::VMI_NOT_RUNNING));
    }
    verify(array_at(&vmi, "/spec/volumes"), request).map_err(|e| ApiError::conflict(&vmi_gr(), name, &e))?;
    let ops = spec_patch("", &vmi["spec"], request);
    apply_patch(s, true, ns, name, &ops, dry, Part::Main)
}

fn vm_spec_patch(s: &mut Inner, ns: &str, name: &str, request: &Value, dry: bool) -> Result<(), ApiError> {
    let vm = fetch(s, ns, name, false)?;
    let spec = &vm["spec"]["template"]["spec"];
    verify(array_at(spec, "/volumes"), request).map_err(|e| ApiError::conflict(&vm_gr(), name, &e))?;
    let ops = spec_patch("/spec/template", spec, request);
    apply_patch(s, false, ns, name, &ops, dry, Part::Main)
}

fn vm_status_patch(s: &mut Inner, ns: &str, name: &str, request: &Value, dry: bool) -> Result<(), ApiError> {
    let vm = fetch(s, ns, name, false)?;
    verify(array_at(&vm, "/spec/template/spec/volumes"), request)
        .map_err(|e| ApiError::conflict(&vm_gr(), name, &e))?;
    let old = array_at(&vm, "/status/volumeRequests").to_vec();
    let requests = match request.get("addVolumeOptions") {
        Some(add) => {
            let name = &add["name"];
            for r in &old {
                let n = name.as_str().unwrap_or("");
                if r.pointer("/addVolumeOptions/name") == Some(name) {
                    return Err(ApiError::conflict(
                        &vm_gr(),
                        &name_of(&vm),
                        &format!("add volume request for volume [{n}] already exists"),
                    ));
                }
                if r.pointer("/removeVolumeOptions/name") == Some(name) {
                    return Err(ApiError::conflict(
                        &vm_gr(),
                        &name_of(&vm),
                        &format!(
                            "unable to add volume since a remove volume request for volume [{n}] already exists and is still being processed"
                        ),
                    ));
                }
            }
            let mut all = old.clone();
            all.push(request.clone());
            all
        }
        None => {
            let name = &request["removeVolumeOptions"]["name"];
            let mut all = Vec::new();
            for r in &old {
                if r.pointer("/addVolumeOptions/name") == Some(name) {
                    continue;
                }
                if r.pointer("/removeVolumeOptions/name") == Some(name) {
                    return Err(ApiError::conflict(
                        &vm_gr(),
                        &name_of(&vm),
                        &format!(
                            "a remove volume request for volume [{}] already exists and is still being processed",
                            name.as_str().unwrap_or("")
                        ),
                    ));
                }
                all.push(r.clone());
            }
            all.push(request.clone());
            all
        }
    };
    let old_value = vm.pointer("/status/volumeRequests").cloned().unwrap_or(Value::Null);
    let mut ops = Vec::new();
    if vm
        .get("status")
        .is_none_or(|st| st.as_object().is_none_or(|o| o.is_empty()))
    {
        ops.push(json!({"op": "add", "path": "/status", "value": {}}));
    }
    ops.push(json!({"op": "test", "path": "/status/volumeRequests", "value": old_value}));
    let verb = if old.is_empty() { "add" } else { "replace" };
    ops.push(json!({"op": verb, "path": "/status/volumeRequests", "value": requests}));
    apply_patch(s, false, ns, name, &Value::Array(ops), dry, Part::Status)
}

// ---- the controller side ----

/// virt-controller's and virt-handler's part of hot-plug, stepped after the VM/VMI controller.
pub struct Hotplug;

impl Component for Hotplug {
    fn tick(&mut self, store: &mut Inner, _state: &SimState) {
        for vm in store.list_all(vm_kind(), None) {
            fold_requests(store, vm);
        }
        for vm in store.list_all(vm_kind(), None) {
            sync_vmi(store, &vm);
        }
        for vmi in store.list_all(vmi_kind(), None) {
            step_volume_status(store, vmi);
        }
    }
}

/// `status.volumeRequests` become part of the VM's template, then are dropped.
fn fold_requests(s: &mut Inner, mut vm: Value) {
    let requests = array_at(&vm, "/status/volumeRequests").to_vec();
    if requests.is_empty() {
        return;
    }
    for request in &requests {
        let (volumes, disks) = apply_request(&vm["spec"]["template"]["spec"], request);
        vm["spec"]["template"]["spec"]["volumes"] = json!(volumes);
        vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"] = json!(disks);
    }
    if let Some(st) = vm.get_mut("status").and_then(Value::as_object_mut) {
        st.remove("volumeRequests");
    }
    let _ = s.put(vm_kind(), vm);
}

/// The hot-pluggable volumes of a VM's template, mirrored into its running VMI.
fn sync_vmi(s: &mut Inner, vm: &Value) {
    let (ns, name) = (ns_of(vm), name_of(vm));
    let Some(mut vmi) = s.try_get(vmi_kind(), &ns, &name) else {
        return;
    };
    let owned = array_at(&vmi, "/metadata/ownerReferences")
        .iter()
        .any(|r| r["uid"] == vm["metadata"]["uid"]);
    if !owned || vmi.pointer("/status/phase").and_then(Value::as_str) != Some("Running") {
        return;
    }
    let template = &vm["spec"]["template"]["spec"];
    let wanted: Vec<&Value> = array_at(template, "/volumes")
        .iter()
        .filter(|v| hotpluggable(v))
        .collect();
    let mut volumes = array_at(&vmi, "/spec/volumes").to_vec();
    let mut disks = array_at(&vmi, "/spec/domain/devices/disks").to_vec();
    let before = (volumes.clone(), disks.clone());
    volumes.retain(|v| !hotpluggable(v) || wanted.iter().any(|w| w["name"] == v["name"]));
    disks
        .retain(|d| volumes.iter().any(|v| v["name"] == d["name"]) || !before.0.iter().any(|v| v["name"] == d["name"]));
    for w in wanted {
        if !volumes.iter().any(|v| v["name"] == w["name"]) {
            volumes.push(w.clone());
            if let Some(d) = array_at(template, "/domain/devices/disks")
                .iter()
                .find(|d| d["name"] == w["name"])
            {
                disks.push(d.clone());
            }
        }
    }
    if (volumes.clone(), disks.clone()) == before {
        return;
    }
    vmi["spec"]["volumes"] = json!(volumes);
    vmi["spec"]["domain"]["devices"]["disks"] = json!(disks);
    let _ = s.put(vmi_kind(), vmi);
}

/// Whether the claim behind a hot-plugged volume is bound (a DataVolume's PVC has its name).
fn claim_bound(s: &Inner, ns: &str, volume: &Value) -> bool {
    let Some(claim) = source_name(volume) else {
        return false;
    };
    if volume.get("dataVolume").is_some() && s.try_get(dv_kind(), ns, claim).is_none() {
        return false;
    }
    s.try_get(pvc_kind(), ns, claim)
        .is_some_and(|pvc| pvc.pointer("/status/phase").and_then(Value::as_str) == Some("Bound"))
}

const PHASES: [&str; 5] = ["Pending", "Bound", "AttachedToNode", "MountedToPod", "Ready"];

fn next_phase(current: Option<&str>, bound: bool) -> &'static str {
    match current {
        None => "Pending",
        Some("Pending") if !bound => "Pending",
        Some(p) => {
            let i = PHASES.iter().position(|x| *x == p).unwrap_or(0);
            PHASES[(i + 1).min(PHASES.len() - 1)]
        }
    }
}

fn phase_reason(phase: &str, volume: &str, claim: &str) -> (&'static str, String) {
    match phase {
        "Pending" => ("PVCNotReady", format!("PVC {claim} is not ready to be attached")),
        "Bound" => ("PVCBound", format!("PVC {claim} is bound")),
        "AttachedToNode" => (
            "SuccessfulCreate",
            format!("Created hotplug attachment pod for volume {volume}"),
        ),
        "MountedToPod" => (
            "SuccessfulMount",
            format!("Volume {volume} has been mounted in virt-launcher pod"),
        ),
        _ => (
            "VolumeReady",
            format!("Successfully attach hotplugged volume {volume} to VM"),
        ),
    }
}

fn attachment_pod(vmi: &Value) -> String {
    let uid = vmi.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or("");
    let suffix: String = uid.chars().filter(char::is_ascii_alphanumeric).take(5).collect();
    format!("hp-volume-{suffix}")
}

/// One step of every hot-plugged volume of a running VMI.
fn step_volume_status(s: &mut Inner, mut vmi: Value) {
    if vmi.pointer("/status/phase").and_then(Value::as_str) != Some("Running") {
        return;
    }
    let ns = ns_of(&vmi);
    let spec_volumes = array_at(&vmi, "/spec/volumes").to_vec();
    let old = array_at(&vmi, "/status/volumeStatus").to_vec();
    let mut statuses = Vec::new();
    let mut events = Vec::new();
    for st in &old {
        let in_spec = spec_volumes.iter().any(|v| v["name"] == st["name"]);
        if in_spec || st.get("hotplugVolume").is_none() {
            statuses.push(st.clone());
        } else if st["phase"] != "Detaching" {
            let mut detaching = st.clone();
            detaching["phase"] = json!("Detaching");
            detaching["reason"] = json!("VolumeDetaching");
            detaching["message"] = json!("Volume is being detached");
            statuses.push(detaching);
        }
    }
    let pod = attachment_pod(&vmi);
    for v in spec_volumes.iter().filter(|v| hotpluggable(v)) {
        let volume = v["name"].as_str().unwrap_or("");
        let claim = source_name(v).unwrap_or("");
        let index = statuses.iter().position(|st| st["name"] == volume);
        let current = index.and_then(|i| statuses[i]["phase"].as_str().map(str::to_string));
        let phase = next_phase(current.as_deref(), claim_bound(s, &ns, v));
        if current.as_deref() == Some(phase) {
            continue;
        }
        let (reason, message) = phase_reason(phase, volume, claim);
        if phase == "Pending" && current.is_none() {
            events.push((
                "Normal",
                "SuccessfulCreate",
                format!("Created attachment pod {pod}, for volume {volume}"),
            ));
        }
        if phase == "Ready" {
            events.push(("Normal", "VolumeReady", message.clone()));
        }
        let mut entry = json!({
            "name": volume,
            "target": "",
            "phase": phase,
            "reason": reason,
            "message": message,
            "hotplugVolume": {"attachPodName": pod, "attachPodUID": format!("{}-{volume}", vmi["metadata"]["uid"].as_str().unwrap_or(""))},
        });
        if v.get("persistentVolumeClaim").is_some() || v.get("dataVolume").is_some() {
            entry["persistentVolumeClaimInfo"] = json!({"claimName": claim});
        }
        if phase == "Ready" {
            let n = statuses.len();
            entry["target"] = json!(format!("sd{}", (b'a' + (n as u8 % 26)) as char));
        }
        match index {
            Some(i) => statuses[i] = entry,
            None => statuses.push(entry),
        }
    }
    if statuses == old {
        return;
    }
    vmi["status"]["volumeStatus"] = json!(statuses);
    let name = name_of(&vmi);
    let _ = s.put(vmi_kind(), vmi);
    if let Some(kind) = kinds::lookup("", "v1", "events") {
        for (ty, reason, message) in events {
            let now = now_rfc3339();
            let event = json!({"apiVersion": "v1", "kind": "Event",
                "metadata": {"name": format!("{name}.{}", crate::store::random_suffix(10)), "namespace": ns},
                "involvedObject": {"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstance", "name": name, "namespace": ns},
                "reason": reason, "message": message, "type": ty, "count": 1,
                "firstTimestamp": now, "lastTimestamp": now, "source": {"component": "virt-controller"}});
            let _ = s.create(kind, &ns, event, false, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_checks_name_or_source_and_hotpluggability() {
        let vols = vec![
            json!({"name": "root", "containerDisk": {"image": "x"}}),
            json!({"name": "d1", "persistentVolumeClaim": {"claimName": "pvc1", "hotpluggable": true}}),
        ];
        let remove = |n: &str| json!({"removeVolumeOptions": {"name": n}});
        assert_eq!(verify(&vols, &remove("d1")), Ok(()));
        assert_eq!(verify(&vols, &remove("pvc1")), Ok(()));
        assert_eq!(
            verify(&vols, &remove("root")),
            Err("Unable to remove volume [root] because it is not hotpluggable".into())
        );
        assert_eq!(
            verify(&vols, &remove("nope")),
            Err("Unable to remove volume [nope] because it does not exist".into())
        );
        let add = json!({"addVolumeOptions": {"name": "d2", "volumeSource": {"persistentVolumeClaim": {"claimName": "pvc1"}}}});
        assert_eq!(
            verify(&vols, &add),
            Err("Unable to add volume source [pvc1] because it already exists".into())
        );
    }

    #[test]
    fn phases_wait_for_a_bound_claim_then_walk_to_ready() {
        assert_eq!(next_phase(None, false), "Pending");
        assert_eq!(next_phase(Some("Pending"), false), "Pending");
        assert_eq!(next_phase(Some("Pending"), true), "Bound");
        assert_eq!(next_phase(Some("MountedToPod"), true), "Ready");
        assert_eq!(next_phase(Some("Ready"), true), "Ready");
    }
}
