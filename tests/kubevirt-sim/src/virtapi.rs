//! virt-api's subresource API (`/apis/subresources.kubevirt.io/v1/...`): what
//! `pkg/virt-api/rest/lifecycle.go`, `subresource.go` and `evacuate_cancel.go` do.

use http::Method;
use serde_json::{Value, json};

use crate::auth::Attributes;
use crate::discovery;
use crate::expand;
use crate::guest;
use crate::hotplug;
use crate::object::{name_of, node_kind, ns_of, pod_kind, vm_gr, vm_kind, vmi_gr, vmi_kind, vmim_kind};
use crate::patch::PatchType;
use crate::server::{Reply, Req, SimState};
use crate::status::ApiError;
use crate::store::{Inner, Part};

pub const VM_NOT_RUNNING: &str = "VM is not running";
pub const VMI_NOT_RUNNING: &str = "VMI is not running";
pub const VMI_GUEST_AGENT_ERR: &str = "VMI does not have guest agent connected";
pub const VM_SNAPSHOT_IN_PROGRESS: &str = "VM snapshot is in progress";
pub const VMI_NOT_PAUSED: &str = "VMI is not paused";
pub const MANUAL_RECOVERY_REQUIRED: &str =
    "VM requires manual recovery after a failed volume migration, stop the VM and restart it";
pub const UNMARSHAL_ERR_FMT: &str = "Can not unmarshal Request body to struct, error: ";
/// The annotation a fixture puts on a VM template (or VMI) to say a guest agent runs inside.
pub const GUEST_AGENT_ANNOTATION: &str = "kubevirt-sim.io/guest-agent";
/// The taint key virt-api checks on evacuation cancel (KubeVirt's default NodeDrainTaintKey).
pub const NODE_DRAIN_TAINT_KEY: &str = "kubevirt.io/drain";

/// `vm.RunStrategy()`: from `spec.runStrategy`, or `spec.running` (true → Always, false/absent →
/// Halted); both set is an error.
pub fn run_strategy(vm: &Value) -> Result<String, String> {
    let rs = vm.pointer("/spec/runStrategy").filter(|v| !v.is_null());
    let running = vm.pointer("/spec/running").filter(|v| !v.is_null());
    match (rs, running) {
        (Some(_), Some(_)) => Err("running and runstrategy are mutually exclusive".into()),
        (Some(rs), None) => Ok(rs.as_str().unwrap_or("").to_string()),
        (None, Some(r)) => Ok(if r.as_bool() == Some(true) { "Always" } else { "Halted" }.to_string()),
        (None, None) => Ok("Halted".into()),
    }
}

pub fn phase(vmi: &Value) -> &str {
    vmi.pointer("/status/phase").and_then(|p| p.as_str()).unwrap_or("")
}

pub fn is_final(vmi: &Value) -> bool {
    matches!(phase(vmi), "Succeeded" | "Failed")
}

pub fn has_condition(obj: &Value, ty: &str, status: Option<&str>) -> bool {
    obj.pointer("/status/conditions")
        .and_then(|c| c.as_array())
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == ty && status.is_none_or(|s| c["status"] == s))
        })
}

pub fn uid(obj: &Value) -> String {
    obj.pointer("/metadata/uid")
        .and_then(|u| u.as_str())
        .unwrap_or("")
        .to_string()
}

pub(crate) fn fetch_vm(s: &Inner, ns: &str, name: &str) -> Result<Value, ApiError> {
    s.try_get(vm_kind(), ns, name)
        .ok_or_else(|| ApiError::not_found(&vm_gr(), name))
}

pub(crate) fn fetch_vmi(s: &Inner, ns: &str, name: &str) -> Result<Value, ApiError> {
    s.try_get(vmi_kind(), ns, name)
        .ok_or_else(|| ApiError::not_found(&vmi_gr(), name))
}

/// Decode an options body the way `yaml.NewYAMLOrJSONDecoder` does (empty body = defaults).
pub fn decode_opts(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(json!({}));
    }
    let v: Result<Value, String> = serde_json::from_slice(body)
        .map_err(|e| e.to_string())
        .or_else(|_| serde_saphyr::from_slice(body).map_err(|e| e.to_string()));
    match v {
        Ok(v) if v.is_object() => Ok(v),
        Ok(Value::Null) => Ok(json!({})),
        Ok(_) => Err(ApiError::bad_request(format!(
            "{UNMARSHAL_ERR_FMT}json: cannot unmarshal into Go value of options struct"
        ))),
        Err(e) => Err(ApiError::bad_request(format!("{UNMARSHAL_ERR_FMT}{e}"))),
    }
}

fn dry_run(opts: &Value) -> bool {
    opts["dryRun"]
        .as_array()
        .is_some_and(|a| a.first().is_some_and(|v| v == "All"))
}

fn state_change(action: &str, uid: Option<&str>, data: Option<Value>) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("action".into(), json!(action));
    if let Some(d) = data {
        m.insert("data".into(), d);
    }
    if let Some(u) = uid {
        m.insert("uid".into(), json!(u));
    }
    Value::Object(m)
}

/// `getChangeRequestJson`: the JSON patch adding state change requests to the VM status.
pub fn change_request_patch(vm: &Value, changes: Vec<Value>) -> Result<Value, String> {
    let status_empty = vm
        .get("status")
        .is_none_or(|s| s.is_null() || s.as_object().is_some_and(|o| o.is_empty()));
    let mut ops = Vec::new();
    if status_empty {
        ops.push(json!({"op": "add", "path": "/status", "value": {"stateChangeRequests": changes}}));
    } else {
        let old = vm
            .pointer("/status/stateChangeRequests")
            .cloned()
            .filter(|v| !v.is_null());
        let old_len = old.as_ref().and_then(|o| o.as_array()).map_or(0, |a| a.len());
        ops.push(
            json!({"op": "test", "path": "/status/stateChangeRequests", "value": old.clone().unwrap_or(Value::Null)}),
        );
        if old_len == 0 {
            ops.push(json!({"op": "add", "path": "/status/stateChangeRequests", "value": changes}));
        } else if changes.len() == 1 && changes[0]["action"] == "Stop" {
            ops.push(json!({"op": "replace", "path": "/status/stateChangeRequests", "value": changes}));
        } else {
            return Err("unable to complete request: stop/start already underway".into());
        }
    }
    if vm.pointer("/status/startFailure").is_some_and(|v| !v.is_null()) {
        ops.push(json!({"op": "remove", "path": "/status/startFailure"}));
    }
    Ok(Value::Array(ops))
}

/// `getRunningPatch`.
pub fn running_patch(vm: &Value, running: bool) -> Value {
    if let Some(rs) = vm.pointer("/spec/runStrategy").filter(|v| !v.is_null()) {
        json!([
            {"op": "test", "path": "/spec/runStrategy", "value": rs},
            {"op": "replace", "path": "/spec/runStrategy", "value": if running { "Always" } else { "Halted" }},
        ])
    } else {
        json!([
            {"op": "test", "path": "/spec/running", "value": vm.pointer("/spec/running").cloned().unwrap_or(Value::Null)},
            {"op": "replace", "path": "/spec/running", "value": running},
        ])
    }
}

/// Apply a JSON patch to a VM (or its status) and map failures as virt-api does.
pub(crate) fn patch_vm(s: &mut Inner, vm: &Value, ops: &Value, dry: bool, part: Part) -> Result<(), ApiError> {
    let name = name_of(vm);
    let body = serde_json::to_vec(ops).unwrap_or_default();
    match s.patch(vm_kind(), &ns_of(vm), &name, PatchType::Json, &body, dry, part) {
        Ok(_) => Ok(()),
        Err(e) => {
            let detail = e
                .details
                .as_ref()
                .and_then(|d| d.pointer("/causes/0/message"))
                .and_then(|m| m.as_str())
                .unwrap_or("");
            if detail.contains("test failed") {
                Err(ApiError::conflict(&vm_gr(), &name, &e.message))
            } else {
                Err(ApiError::internal(&e.message))
            }
        }
    }
}

pub fn dispatch(state: &SimState, req: &Req<'_>, rest: &[&str]) -> Reply {
    match rest {
        ["version"] if req.method == Method::GET => Reply::Json(200, discovery::kubevirt_version()),
        ["guestfs"] if req.method == Method::GET => Reply::Json(200, crate::guestfs::image_info(&state.store.lock())),
        ["namespaces", ns, "expand-vm-spec"] if req.method == Method::PUT => {
            let attributes = Attributes {
                verb: "update",
                group: discovery::SUBRESOURCES_GROUP,
                resource: "expand-vm-spec",
                subresource: "",
                namespace: ns,
                name: "",
            };
            if let Err(e) = req.authorize(attributes) {
                return e.into();
            }
            expand::expand_manifest(&state.store.lock(), ns, req.body).into()
        }
        ["healthz"] => Reply::Json(200, json!({"apiserver": "ok", "restcontrollers": "ok"})),
        [
            "namespaces",
            ns,
            res @ ("virtualmachines" | "virtualmachineinstances"),
            name,
            sub @ ..,
        ] if !sub.is_empty() => {
            let verb = match req.method.as_str() {
                "GET" => "get",
                "PUT" => "update",
                "POST" => "create",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "unknown",
            };
            if let Err(e) = req.authorize(Attributes {
                verb,
                group: discovery::SUBRESOURCES_GROUP,
                resource: res,
                subresource: sub[0],
                namespace: ns,
                name,
            }) {
                return e.into();
            }
            let sub = sub.join("/");
            subresource(state, req, ns, res, name, &sub)
        }
        [] => Reply::Json(
            200,
            discovery::resource_list(discovery::SUBRESOURCES_GROUP, "v1").unwrap_or(json!({})),
        ),
        _ => ApiError::path_not_found().into(),
    }
}

fn method_not_allowed() -> Reply {
    Reply::Text(405, "405: Method Not Allowed".into())
}

fn subresource(state: &SimState, req: &Req<'_>, ns: &str, res: &str, name: &str, sub: &str) -> Reply {
    let known_put = match res {
        "virtualmachines" => matches!(
            sub,
            "start" | "stop" | "restart" | "migrate" | "evacuate/cancel" | "memorydump" | "removememorydump"
        ),
        _ => matches!(
            sub,
            "pause" | "unpause" | "softreboot" | "reset" | "evacuate/cancel" | "freeze" | "unfreeze"
        ),
    } || matches!(sub, "addvolume" | "removevolume");
    let known_get = res == "virtualmachineinstances" && matches!(sub, "guestosinfo" | "userlist" | "filesystemlist")
        || res == "virtualmachines" && sub == "expand-spec"
        || sub == "objectgraph";
    if known_put && req.method != Method::PUT || known_get && req.method != Method::GET {
        return method_not_allowed();
    }
    let mut s = state.store.lock();
    let s = &mut *s;
    let r = match (res, sub) {
        ("virtualmachines", "start") => start(s, req.body, ns, name),
        ("virtualmachines", "stop") => stop(s, req.body, ns, name),
        ("virtualmachines", "restart") => restart(s, req.body, ns, name),
        ("virtualmachines", "migrate") => migrate(s, req.body, ns, name),
        ("virtualmachines", "evacuate/cancel") => evacuate_cancel(s, req.body, ns, name, true),
        ("virtualmachines", "memorydump") => crate::memory_dump::request(s, req.body, ns, name),
        ("virtualmachines", "removememorydump") => crate::memory_dump::remove(s, ns, name),
        ("virtualmachineinstances", "evacuate/cancel") => evacuate_cancel(s, req.body, ns, name, false),
        ("virtualmachineinstances", "pause") => pause(s, req.body, ns, name),
        ("virtualmachineinstances", "unpause") => unpause(s, req.body, ns, name),
        ("virtualmachineinstances", "softreboot") => softreboot(s, ns, name),
        ("virtualmachineinstances", "reset") => reset(s, ns, name),
        ("virtualmachines", "expand-spec") => expand::expand_stored(s, ns, name),
        (res, "addvolume") => hotplug::add_volume(s, req.body, ns, name, res == "virtualmachineinstances"),
        (res, "removevolume") => hotplug::remove_volume(s, req.body, ns, name, res == "virtualmachineinstances"),
        ("virtualmachineinstances", "freeze") => running_check(s, ns, name, VM_NOT_RUNNING),
        ("virtualmachineinstances", "unfreeze") => running_check(s, ns, name, VMI_NOT_RUNNING),
        (res, "objectgraph") => crate::objectgraph::serve(s, res, ns, name, req.body),
        ("virtualmachineinstances", g @ ("guestosinfo" | "userlist" | "filesystemlist")) => {
            return guest_get(s, ns, name, g).unwrap_or_else(|e| Reply::Error(e.into_plain_500()));
        }
        _ => return ApiError::path_not_found().into(),
    };
    r.into()
}

fn start(s: &mut Inner, body: &[u8], ns: &str, name: &str) -> Result<Reply, ApiError> {
    let vm = fetch_vm(s, ns, name)?;
    let vmi = s.try_get(vmi_kind(), ns, name);
    if let Some(vmi) = &vmi
        && !is_final(vmi)
        && !matches!(phase(vmi), "Unknown" | "")
    {
        return Err(ApiError::conflict(&vm_gr(), name, "VM is already running"));
    }
    if has_condition(&vm, "ManualRecoveryRequired", Some("True")) {
        return Err(ApiError::conflict(&vm_gr(), name, MANUAL_RECOVERY_REQUIRED));
    }
    let opts = decode_opts(body)?;
    let paused = opts["paused"].as_bool().unwrap_or(false);
    let dry = dry_run(&opts);
    let data = paused.then(|| json!({"paused": "true"}));
    let rs = run_strategy(&vm).map_err(ApiError::internal)?;
    match rs.as_str() {
        "Halted" => {
            if paused {
                let ops =
                    change_request_patch(&vm, vec![state_change("Start", None, data)]).map_err(ApiError::internal)?;
                patch_vm(s, &vm, &ops, dry, Part::Status)?;
            } else {
                patch_vm(s, &vm, &running_patch(&vm, true), dry, Part::Main)?;
            }
        }
        "RerunOnFailure" | "Manual" => {
            let ph = vmi.as_ref().map(phase).unwrap_or("");
            let needs_restart =
                (rs == "RerunOnFailure" && ph == "Succeeded") || (rs == "Manual" && vmi.as_ref().is_some_and(is_final));
            if rs == "RerunOnFailure" && ph == "Failed" {
                return Err(ApiError::conflict(
                    &vm_gr(),
                    name,
                    "RerunOnFailure does not support starting VM from failed state",
                ));
            }
            let changes = if needs_restart {
                let vuid = vmi.as_ref().map(uid).unwrap_or_default();
                vec![
                    state_change("Stop", Some(&vuid), None),
                    state_change("Start", None, data),
                ]
            } else {
                vec![state_change("Start", None, data)]
            };
            let ops = change_request_patch(&vm, changes).map_err(ApiError::internal)?;
            patch_vm(s, &vm, &ops, dry, Part::Status)?;
        }
        "Always" | "Once" => {
            return Err(ApiError::conflict(
                &vm_gr(),
                name,
                &format!("{rs} does not support manual start requests"),
            ));
        }
        _ => {}
    }
    Ok(Reply::Empty(202))
}

fn grace_of(vmi: &Value) -> Option<i64> {
    vmi.pointer("/spec/terminationGracePeriodSeconds")
        .and_then(|v| v.as_i64())
}

fn stop(s: &mut Inner, body: &[u8], ns: &str, name: &str) -> Result<Reply, ApiError> {
    let opts = decode_opts(body)?;
    let dry = dry_run(&opts);
    let grace = opts["gracePeriod"].as_i64();
    let vm = fetch_vm(s, ns, name)?;
    let rs = run_strategy(&vm).map_err(ApiError::internal)?;
    let vmi = s.try_get(vmi_kind(), ns, name);
    let mut old_grace = 0;
    if let (Some(v), Some(g)) = (&vmi, grace)
        && !is_final(v)
    {
        old_grace = grace_of(v).unwrap_or(0);
        let ops = json!([
            {"op": "test", "path": "/spec/terminationGracePeriodSeconds", "value": grace_of(v)},
            {"op": "replace", "path": "/spec/terminationGracePeriodSeconds", "value": g},
        ]);
        let b = serde_json::to_vec(&ops).unwrap_or_default();
        s.patch(vmi_kind(), ns, name, PatchType::Json, &b, dry, Part::Main)
            .map_err(|e| ApiError::internal(&e.message))?;
    }
    let not_running = vmi.as_ref().is_none_or(is_final);
    match rs.as_str() {
        "Halted" => {
            if not_running {
                return Err(ApiError::conflict(&vm_gr(), name, VM_NOT_RUNNING));
            }
            let v = vmi.as_ref().expect("vmi");
            if grace.is_none() || (grace_of(v).is_some() && grace.unwrap_or(0) >= old_grace) {
                return Err(ApiError::conflict(
                    &vm_gr(),
                    name,
                    "Halted only supports manual stop requests with a shorter graceperiod",
                ));
            }
            let ops = change_request_patch(&vm, vec![state_change("Stop", Some(&uid(v)), None)])
                .map_err(ApiError::internal)?;
            patch_vm(s, &vm, &ops, dry, Part::Status)?;
        }
        "Manual" | "RerunOnFailure" => {
            if not_running {
                return Err(ApiError::conflict(&vm_gr(), name, VM_NOT_RUNNING));
            }
            let v = vmi.as_ref().expect("vmi");
            let ops = change_request_patch(&vm, vec![state_change("Stop", Some(&uid(v)), None)])
                .map_err(ApiError::internal)?;
            patch_vm(s, &vm, &ops, dry, Part::Status)?;
        }
        "Always" | "Once" => {
            patch_vm(s, &vm, &running_patch(&vm, false), dry, Part::Main)?;
        }
        _ => {}
    }
    Ok(Reply::Empty(202))
}

fn restart(s: &mut Inner, body: &[u8], ns: &str, name: &str) -> Result<Reply, ApiError> {
    let opts = decode_opts(body)?;
    let dry = dry_run(&opts);
    if let Some(g) = opts["gracePeriodSeconds"].as_i64() {
        if g > 0 {
            return Err(ApiError::bad_request(
                "For force restart, only gracePeriod=0 is supported for now",
            ));
        } else if g < 0 {
            return Err(ApiError::bad_request("gracePeriod has to be greater or equal to 0"));
        }
    }
    let vm = fetch_vm(s, ns, name)?;
    if has_condition(&vm, "VolumesChange", Some("True")) {
        return Err(ApiError::conflict(&vm_gr(), name, MANUAL_RECOVERY_REQUIRED));
    }
    let rs = run_strategy(&vm).map_err(ApiError::internal)?;
    if rs == "Halted" || rs == "Once" {
        return Err(ApiError::conflict(
            &vm_gr(),
            name,
            &format!("RunStategy {rs} does not support manual restart requests"),
        ));
    }
    let Some(vmi) = s.try_get(vmi_kind(), ns, name) else {
        return Err(ApiError::conflict(&vm_gr(), name, "VM is not running: Halted"));
    };
    let ops = change_request_patch(
        &vm,
        vec![
            state_change("Stop", Some(&uid(&vmi)), None),
            state_change("Start", None, None),
        ],
    )
    .map_err(ApiError::internal)?;
    patch_vm(s, &vm, &ops, dry, Part::Status)?;
    if opts["gracePeriodSeconds"].as_i64() == Some(0) && !dry {
        // virt-api deletes the launcher pod with a 1 s grace period for a swift restart
        let mut v = vmi.clone();
        v["spec"]["terminationGracePeriodSeconds"] = json!(0);
        let _ = s.put(vmi_kind(), v);
        if let Some(pod) = crate::controller::launcher_pod_name(s, ns, &uid(&vmi)) {
            let pods = pod_kind();
            let _ = s.delete(pods, ns, &pod, false, None, None);
        }
    }
    Ok(Reply::Empty(202))
}

fn migrate(s: &mut Inner, body: &[u8], ns: &str, name: &str) -> Result<Reply, ApiError> {
    let opts = decode_opts(body)?;
    fetch_vm(s, ns, name)?;
    let vmi = fetch_vmi(s, ns, name)?;
    if phase(&vmi) != "Running" {
        return Err(ApiError::conflict(&vm_gr(), name, VM_NOT_RUNNING));
    }
    let mut spec = json!({"vmiName": name});
    if let Some(sel) = opts
        .get("addedNodeSelector")
        .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()))
    {
        spec["addedNodeSelector"] = sel.clone();
    }
    let mut mig = json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachineInstanceMigration",
        "metadata": {"generateName": "kubevirt-migrate-vm-"},
        "spec": spec,
    });
    crate::admission::admit_create(vmim_kind(), ns, &mut mig).map_err(|e| ApiError::internal(&e.message))?;
    s.create(vmim_kind(), ns, mig, dry_run(&opts), true)
        .map_err(|e| ApiError::internal(&e.message))?;
    Ok(Reply::Empty(202))
}

fn evacuate_cancel(s: &mut Inner, body: &[u8], ns: &str, name: &str, via_vm: bool) -> Result<Reply, ApiError> {
    let vmi = if via_vm {
        let vm = fetch_vm(s, ns, name)?;
        if vm.pointer("/status/created").and_then(|c| c.as_bool()) != Some(true) {
            return Err(ApiError::conflict(&vm_gr(), name, "VMI is not started"));
        }
        let vmi = fetch_vmi(s, ns, name)?;
        let owned = vmi
            .pointer("/metadata/ownerReferences")
            .and_then(|o| o.as_array())
            .is_some_and(|refs| refs.iter().any(|r| r["uid"] == uid(&vm).as_str()));
        if !owned {
            return Err(ApiError::internal(format!(
                "unable to retrieve vmi [{name}] for vm: <nil>"
            )));
        }
        vmi
    } else {
        fetch_vmi(s, ns, name)?
    };
    let evac = vmi
        .pointer("/status/evacuationNodeName")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    let node_name = if evac.is_empty() {
        vmi.pointer("/status/nodeName")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    } else {
        evac.clone()
    };
    let node = s
        .try_get(node_kind(), "", &node_name)
        .ok_or_else(|| ApiError::internal(format!("nodes {} not found", crate::status::go_quote(&node_name))))?;
    let tainted = node
        .pointer("/spec/taints")
        .and_then(|t| t.as_array())
        .is_some_and(|ts| {
            ts.iter()
                .any(|t| t["key"] == NODE_DRAIN_TAINT_KEY && t["effect"] == "NoSchedule")
        });
    if tainted {
        return Err(ApiError::bad_request(format!(
            "Node {} has NodeDrainTaintKey {}",
            crate::status::go_quote(&node_name),
            crate::status::go_quote(&format!("{NODE_DRAIN_TAINT_KEY}:NoSchedule"))
        )));
    }
    if evac.is_empty() {
        return Ok(Reply::Empty(200));
    }
    if body.is_empty() {
        return Err(ApiError::bad_request("No body"));
    }
    let opts = decode_opts(body)?;
    let want = opts.get("evacuationNodeName").cloned().unwrap_or(json!(""));
    let ops = json!([
        {"op": "test", "path": "/status/evacuationNodeName", "value": want},
        {"op": "remove", "path": "/status/evacuationNodeName"},
    ]);
    let b = serde_json::to_vec(&ops).unwrap_or_default();
    s.patch(vmi_kind(), ns, name, PatchType::Json, &b, dry_run(&opts), Part::Main)
        .map_err(|e| ApiError::internal(&e.message))?;
    Ok(Reply::Empty(200))
}

fn pause(s: &mut Inner, body: &[u8], ns: &str, name: &str) -> Result<Reply, ApiError> {
    let vmi = fetch_vmi(s, ns, name)?;
    if phase(&vmi) != "Running" {
        return Err(ApiError::conflict(&vmi_gr(), name, VM_NOT_RUNNING));
    }
    if vmi.pointer("/spec/livenessProbe").is_some_and(|p| !p.is_null()) {
        return Err(ApiError::forbidden(
            &vmi_gr(),
            name,
            "Pausing VMIs with LivenessProbe is currently not supported",
        ));
    }
    if has_condition(&vmi, "Paused", None) {
        return Err(ApiError::conflict(&vmi_gr(), name, "VMI is already paused"));
    }
    if vmi
        .pointer("/status/migrationState")
        .is_some_and(|m| !m.is_null() && m["completed"] != true)
    {
        return Err(ApiError::conflict(
            &vmi_gr(),
            name,
            &format!("Cannot pause VM '{name}' because it is currently being migrated"),
        ));
    }
    let opts = decode_opts(body)?;
    if !dry_run(&opts) {
        crate::controller::set_paused(s, vmi, true);
    }
    Ok(Reply::Empty(200))
}

fn unpause(s: &mut Inner, body: &[u8], ns: &str, name: &str) -> Result<Reply, ApiError> {
    if let Some(vm) = s.try_get(vm_kind(), ns, name)
        && vm.pointer("/status/snapshotInProgress").is_some_and(|v| !v.is_null())
    {
        return Err(ApiError::conflict(&vm_gr(), name, VM_SNAPSHOT_IN_PROGRESS));
    }
    let vmi = fetch_vmi(s, ns, name)?;
    if phase(&vmi) != "Running" {
        return Err(ApiError::conflict(&vmi_gr(), name, VMI_NOT_RUNNING));
    }
    if !has_condition(&vmi, "Paused", None) {
        return Err(ApiError::conflict(&vmi_gr(), name, VMI_NOT_PAUSED));
    }
    let opts = decode_opts(body)?;
    if !dry_run(&opts) {
        crate::controller::set_paused(s, vmi, false);
    }
    Ok(Reply::Empty(200))
}

fn softreboot(s: &mut Inner, ns: &str, name: &str) -> Result<Reply, ApiError> {
    let vmi = fetch_vmi(s, ns, name)?;
    if phase(&vmi) != "Running" {
        return Err(ApiError::conflict(&vmi_gr(), name, VM_NOT_RUNNING));
    }
    if has_condition(&vmi, "Paused", Some("True")) {
        return Err(ApiError::conflict(&vmi_gr(), name, "VMI is paused"));
    }
    if !has_condition(&vmi, "AgentConnected", None)
        && vmi.pointer("/spec/domain/features/acpi/enabled") == Some(&json!(false))
    {
        return Err(ApiError::conflict(
            &vmi_gr(),
            name,
            "VMI neither have the agent connected nor the ACPI feature enabled",
        ));
    }
    Ok(Reply::Empty(200))
}

fn reset(s: &mut Inner, ns: &str, name: &str) -> Result<Reply, ApiError> {
    let vmi = fetch_vmi(s, ns, name)?;
    let ph = phase(&vmi).to_string();
    match ph.as_str() {
        "Running" => Ok(Reply::Empty(200)),
        // virt-handler is reachable but the domain is not running yet
        "Scheduled" => Err(ApiError::internal(format!(
            "Failed to reset non-running VMI with phase {ph}: server error. command Reset failed: \"LibvirtError(Code=55, Domain=10, Message='Requested operation is not valid: domain is not running')\""
        ))),
        _ => Err(ApiError::bad_request(format!(
            "Failed to reset non-running VMI with phase {ph}: Unable to connect to VirtualMachineInstance because phase is {ph} instead of Running or Scheduled"
        ))),
    }
}

fn running_check(s: &mut Inner, ns: &str, name: &str, msg: &str) -> Result<Reply, ApiError> {
    let vmi = fetch_vmi(s, ns, name)?;
    if phase(&vmi) != "Running" {
        return Err(ApiError::conflict(&vmi_gr(), name, msg));
    }
    Ok(Reply::Empty(200))
}

fn guest_get(s: &mut Inner, ns: &str, name: &str, what: &str) -> Result<Reply, ApiError> {
    let vmi = fetch_vmi(s, ns, name)?;
    if phase(&vmi) != "Running" {
        return Err(ApiError::conflict(&vmi_gr(), name, VMI_NOT_RUNNING));
    }
    if !has_condition(&vmi, "AgentConnected", None) {
        return Err(ApiError::conflict(&vmi_gr(), name, VMI_GUEST_AGENT_ERR));
    }
    let info = guest::agent_info(&vmi);
    Ok(Reply::Json(
        200,
        match what {
            "guestosinfo" => info,
            "userlist" => guest::user_list(&info),
            _ => guest::filesystem_list(&info),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_strategies() {
        assert_eq!(
            run_strategy(&json!({"spec": {"runStrategy": "Manual"}})).unwrap(),
            "Manual"
        );
        assert_eq!(run_strategy(&json!({"spec": {"running": true}})).unwrap(), "Always");
        assert_eq!(run_strategy(&json!({"spec": {"running": false}})).unwrap(), "Halted");
        assert_eq!(run_strategy(&json!({"spec": {}})).unwrap(), "Halted");
        assert!(run_strategy(&json!({"spec": {"running": true, "runStrategy": "Always"}})).is_err());
    }

    #[test]
    fn change_requests() {
        let vm = json!({"spec": {}, "status": {}});
        let p = change_request_patch(&vm, vec![state_change("Start", None, None)]).unwrap();
        assert_eq!(
            p,
            json!([{"op": "add", "path": "/status", "value": {"stateChangeRequests": [{"action": "Start"}]}}])
        );
        let vm = json!({"status": {"printableStatus": "Stopped"}});
        let p = change_request_patch(&vm, vec![state_change("Start", None, Some(json!({"paused": "true"})))]).unwrap();
        assert_eq!(
            p[0],
            json!({"op": "test", "path": "/status/stateChangeRequests", "value": null})
        );
        assert_eq!(p[1]["value"][0]["data"]["paused"], "true");
        let vm = json!({"status": {"stateChangeRequests": [{"action": "Start"}]}});
        assert_eq!(
            change_request_patch(&vm, vec![state_change("Start", None, None)]).unwrap_err(),
            "unable to complete request: stop/start already underway"
        );
        let p = change_request_patch(&vm, vec![state_change("Stop", Some("u"), None)]).unwrap();
        assert_eq!(p[1]["op"], "replace");
    }

    #[test]
    fn running_patches() {
        let p = running_patch(&json!({"spec": {"runStrategy": "Halted"}}), true);
        assert_eq!(
            p[1],
            json!({"op": "replace", "path": "/spec/runStrategy", "value": "Always"})
        );
        let p = running_patch(&json!({"spec": {"running": true}}), false);
        assert_eq!(p[0], json!({"op": "test", "path": "/spec/running", "value": true}));
        assert_eq!(p[1]["value"], false);
    }
}
