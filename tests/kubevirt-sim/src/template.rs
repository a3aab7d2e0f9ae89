//! virt-template: its aggregated API (`/apis/subresources.template.kubevirt.io/v1beta1`, the
//! `process` and `create` subresources of a VirtualMachineTemplate) and its
//! VirtualMachineTemplateRequest controller. The kinds themselves (`template.kubevirt.io`, and
//! OpenShift's `template.openshift.io` Templates) are plain objects of the store (`kinds.rs`).
//!
//! Processing runs virt-template's engine: the same file virtctl compiles for `--local`, as the
//! real server and client vendor the same `virt-template-engine`.

use http::Method;
use serde_json::{Map, Value, json};

use crate::auth::Attributes;
use crate::kinds::{self, Kind};
use crate::object::{name_of, ns_of, vm_kind};
use crate::registry::Component;
use crate::server::{Reply, Req, SimState};
use crate::status::{ApiError, FieldError, GroupResource};
use crate::store::Inner;

#[path = "../../../src/commands/template/engine.rs"]
#[allow(dead_code)]
mod engine;

pub const GROUP: &str = "template.kubevirt.io";
pub const SUBRESOURCES_GROUP: &str = "subresources.template.kubevirt.io";
pub const VERSION: &str = "v1beta1";

fn template_kind() -> &'static Kind {
    kinds::lookup(GROUP, VERSION, "virtualmachinetemplates").expect("virtualmachinetemplates kind")
}

fn request_kind() -> &'static Kind {
    kinds::lookup(GROUP, VERSION, "virtualmachinetemplaterequests").expect("virtualmachinetemplaterequests kind")
}

/// `/apis/subresources.template.kubevirt.io/v1beta1/<rest>`.
pub fn dispatch(state: &SimState, req: &Req<'_>, rest: &[&str]) -> Reply {
    let [
        "namespaces",
        ns,
        "virtualmachinetemplates",
        name,
        sub @ ("process" | "create"),
    ] = rest
    else {
        return ApiError::path_not_found().into();
    };
    if req.method != Method::POST {
        return ApiError::new(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
            Some(json!({})),
        )
        .into();
    }
    let allowed = req.authorize(Attributes {
        verb: "create",
        group: SUBRESOURCES_GROUP,
        resource: "virtualmachinetemplates",
        subresource: sub,
        namespace: ns,
        name,
    });
    if let Err(e) = allowed {
        return e.into();
    }
    let processed = match process(state, req.body, ns, name) {
        Ok(processed) => processed,
        Err(e) => return e.into(),
    };
    if *sub == "process" {
        return Reply::Json(200, processed);
    }
    create_vm(state, ns, processed).into()
}

/// `ProcessTemplate`: options, the template, merge, process; the apiserver's error for each.
fn process(state: &SimState, body: &[u8], ns: &str, name: &str) -> Result<Value, ApiError> {
    let parameters =
        process_options(body).map_err(|e| ApiError::bad_request(format!("error parsing ProcessOptions: {e}")))?;
    let stored = state
        .store
        .lock()
        .get(template_kind(), ns, name)
        .map_err(|e| ApiError::internal(format!("error getting VirtualMachineTemplate: {}", e.message)))?;
    let mut template: engine::Template = serde_json::from_value(stored)
        .map_err(|e| ApiError::internal(format!("error getting VirtualMachineTemplate: {e}")))?;
    // The typed client's object has no kind (client-go drops it on decoding), so the errors
    // name an empty group and kind, as the real server's do.
    engine::merge_parameters(&mut template.spec.parameters, &parameters)
        .map_err(|e| ApiError::conflict(&GroupResource::new("", ""), name, &e))?;
    let mut random = |n: usize| rand::random_range(0..n);
    let (vm, message) = engine::process(&template.spec, &mut random).map_err(|e| {
        let cause = FieldError {
            reason: e.reason,
            field: e.field.clone(),
            detail: e.detail.clone(),
            value: e.value.clone(),
        };
        ApiError::invalid("", "", name, &[cause])
    })?;
    let mut processed = Map::new();
    processed.insert("kind".into(), json!("ProcessedVirtualMachineTemplate"));
    processed.insert("apiVersion".into(), json!(format!("{SUBRESOURCES_GROUP}/{VERSION}")));
    processed.insert("templateRef".into(), json!({"namespace": ns, "name": name}));
    processed.insert("virtualMachine".into(), vm);
    if !message.is_empty() {
        processed.insert("message".into(), json!(message));
    }
    Ok(Value::Object(processed))
}

/// `ProcessOptions.parameters`, from a JSON or YAML body.
fn process_options(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let text = String::from_utf8_lossy(body);
    if text.trim().is_empty() {
        return Err("EOF".into());
    }
    let options: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| e.to_string())?
    } else {
        serde_saphyr::from_str(&text).map_err(|e| e.to_string())?
    };
    let parameters = match options.get("parameters") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(map)) => map,
        Some(other) => {
            return Err(format!(
                "json: cannot unmarshal {} into Go struct field ProcessOptions.parameters of type map[string]string",
                engine::json_type(other)
            ));
        }
    };
    parameters
        .iter()
        .map(|(k, v)| match v {
            Value::String(s) => Ok((k.clone(), s.clone())),
            other => Err(format!(
                "json: cannot unmarshal {} into Go struct field ProcessOptions.parameters of type string",
                engine::json_type(other)
            )),
        })
        .collect()
}

/// The `create` subresource: the processed VM is created (by virt-template's own client); a
/// failure is an internal error naming it.
fn create_vm(state: &SimState, ns: &str, mut processed: Value) -> Result<Reply, ApiError> {
    let mut vm = processed["virtualMachine"].take();
    crate::admission::admit_create(vm_kind(), ns, &mut vm)
        .map_err(|e| ApiError::internal(format!("error creating VirtualMachine: {}", e.message)))?;
    let created = state
        .store
        .lock()
        .create(vm_kind(), ns, vm, false, true)
        .map_err(|e| ApiError::internal(format!("error creating VirtualMachine: {}", e.message)))?;
    processed["virtualMachine"] = created;
    Ok(Reply::Json(200, processed))
}

/// virt-template's VirtualMachineTemplateRequest controller: a request for an existing VM gets
/// a VirtualMachineTemplate holding the VM (named as asked, else after the request) and a Ready
/// condition; a request for a missing VM gets Ready=False.
pub struct TemplateRequests;

impl Component for TemplateRequests {
    fn tick(&mut self, store: &mut Inner, _state: &SimState) {
        for request in store.list_all(request_kind(), None) {
            if request.pointer("/status/conditions").is_some() {
                continue;
            }
            let status = fulfil(store, &request);
            let mut updated = request.clone();
            updated["status"] = status;
            // A concurrent change is picked up on the next tick.
            let _ = store.put(request_kind(), updated);
        }
    }
}

fn fulfil(store: &mut Inner, request: &Value) -> Value {
    let namespace = ns_of(request);
    let vm_namespace = request
        .pointer("/spec/virtualMachineRef/namespace")
        .and_then(Value::as_str)
        .filter(|ns| !ns.is_empty())
        .unwrap_or(&namespace)
        .to_string();
    let vm_name = request
        .pointer("/spec/virtualMachineRef/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let condition = |status: &str, reason: &str, message: String| {
        json!({"conditions": [{"type": "Ready", "status": status, "reason": reason, "message": message,
                               "lastTransitionTime": crate::store::now_rfc3339()}]})
    };
    let Some(vm) = store.try_get(vm_kind(), &vm_namespace, &vm_name) else {
        return condition(
            "False",
            "VirtualMachineNotFound",
            format!("VirtualMachine {vm_namespace}/{vm_name} not found"),
        );
    };
    let template_name = request
        .pointer("/spec/templateName")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| name_of(request));
    let template = json!({
        "apiVersion": format!("{GROUP}/{VERSION}"),
        "kind": "VirtualMachineTemplate",
        "metadata": {"name": template_name, "namespace": namespace},
        "spec": {"virtualMachine": {
            "apiVersion": "kubevirt.io/v1",
            "kind": "VirtualMachine",
            "metadata": {"name": vm_name},
            "spec": vm.get("spec").cloned().unwrap_or_else(|| json!({})),
        }},
    });
    match store.create(template_kind(), &namespace, template, false, true) {
        Ok(_) => {
            let mut status = condition("True", "Ready", "VirtualMachineTemplate created".into());
            status["templateRef"] = json!({"name": template_name});
            status
        }
        Err(e) => condition("False", "TemplateCreationFailed", e.message),
    }
}

/// The demo namespace's templates: VirtualMachineTemplate `fedora` (a required `NAME`, a
/// generated cloud-init `PASSWORD`, a `${{CPUS}}` count) and the OpenShift Template
/// `fedora-legacy` it could have been converted from.
pub fn demo() -> Vec<Value> {
    let mut vm = crate::fixtures::vm("demo", "${NAME}", "Halted");
    vm["spec"]["template"]["spec"]["domain"]["cpu"] = json!({"cores": "${{CPUS}}"});
    if let Some(volumes) = vm["spec"]["template"]["spec"]["volumes"].as_array_mut() {
        let user_data = "#cloud-config\npassword: ${PASSWORD}\nchpasswd: { expire: False }\n";
        volumes.push(json!({"name": "cloudinit", "cloudInitNoCloud": {"userData": user_data}}));
    }
    let parameters = json!([
        {"name": "NAME", "description": "Name of the VirtualMachine", "required": true},
        {"name": "CPUS", "value": "1"},
        {"name": "PASSWORD", "description": "Password of user fedora", "generate": "expression", "from": "[a-z0-9]{12}"}
    ]);
    let message = "VirtualMachine ${NAME} created: log in as fedora with password ${PASSWORD}";
    vec![
        json!({"apiVersion": format!("{GROUP}/{VERSION}"), "kind": "VirtualMachineTemplate",
               "metadata": {"name": "fedora", "namespace": "demo"},
               "spec": {"message": message, "parameters": parameters, "virtualMachine": vm}}),
        json!({"apiVersion": "template.openshift.io/v1", "kind": "Template",
               "metadata": {"name": "fedora-legacy", "namespace": "demo"},
               "message": message, "parameters": parameters, "objects": [vm]}),
    ]
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_demo_templates_process_with_a_name() {
        let demo = super::demo();
        let template: super::engine::Template = serde_json::from_value(demo[0].clone()).unwrap();
        let mut spec = template.spec;
        super::engine::merge_parameters(&mut spec.parameters, &[("NAME".into(), "mine".into())]).unwrap();
        let (vm, message) = super::engine::process(&spec, &mut |n| n - 1).unwrap();
        assert_eq!(vm["metadata"]["name"], "mine");
        assert_eq!(vm["spec"]["template"]["spec"]["domain"]["cpu"]["cores"], 1);
        assert!(
            vm["metadata"].get("namespace").is_none(),
            "the hard-coded namespace is dropped"
        );
        assert_eq!(
            message,
            "VirtualMachine mine created: log in as fedora with password zzzzzzzzzzzz"
        );
        assert_eq!(demo[1]["objects"][0], demo[0]["spec"]["virtualMachine"]);
        assert!(demo.iter().all(|o| o["metadata"]["namespace"] == "demo"));
    }

    #[test]
    fn process_options_take_json_or_yaml() {
        assert_eq!(super::process_options(b"{}").unwrap(), vec![]);
        assert_eq!(
            super::process_options(b"{\"parameters\":{\"A\":\"1\"}}").unwrap(),
            vec![("A".to_string(), "1".to_string())]
        );
        assert_eq!(super::process_options(b"parameters:\n  B: x\n").unwrap()[0].1, "x");
        assert_eq!(super::process_options(b"").unwrap_err(), "EOF");
    }
}
