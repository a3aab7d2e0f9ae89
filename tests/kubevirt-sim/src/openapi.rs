//! OpenAPI v3 discovery, as much of it as `kubectl apply` reads: the root lists one document per
//! group version, and each document names, per kind, the PATCH operation with its
//! `x-kubernetes-group-version-kind` and the `fieldValidation` parameter. kubectl then leaves
//! validation to the server (`?fieldValidation=Strict`) instead of downloading OpenAPI v2 to
//! validate on the client, as it does against a real API server.

use serde_json::{Map, Value, json};

use crate::kinds::{KINDS, Kind};

/// The path of a group version's document below `/openapi/v3/` (`api/v1`, `apis/G/V`).
fn document_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

/// `GET /openapi/v3`.
pub fn root() -> Value {
    let mut paths = Map::new();
    for kind in KINDS {
        let path = document_path(kind.group, kind.version);
        paths
            .entry(path.clone())
            .or_insert_with(|| json!({ "serverRelativeURL": format!("/openapi/v3/{path}?hash=kubevirt-sim") }));
    }
    json!({ "paths": paths })
}

/// `GET /openapi/v3/<path>`: the group version's document, or `None` when nothing is served there.
pub fn document(path: &str) -> Option<Value> {
    let kinds: Vec<&Kind> = KINDS
        .iter()
        .filter(|k| document_path(k.group, k.version) == path)
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let mut paths = Map::new();
    // the same models as OpenAPI v2's, for `kubectl explain` (1.27+ reads v3)
    let mut schemas = Map::new();
    schemas.insert(OBJECT_META.to_string(), v3_schema(object_meta()));
    for kind in &kinds {
        schemas.insert(definition_name(kind), v3_schema(kind_definition(kind)));
    }
    if kinds.iter().any(|k| k.group == "kubevirt.io" && k.version == "v1") {
        for (name, model) in kubevirt_models() {
            schemas.insert(name.to_string(), v3_schema(model));
        }
    }
    for kind in kinds {
        let prefix = format!("/{path}");
        let object = if kind.namespaced {
            format!("{prefix}/namespaces/{{namespace}}/{}/{{name}}", kind.plural)
        } else {
            format!("{prefix}/{}/{{name}}", kind.plural)
        };
        let gvk = json!({ "group": kind.group, "version": kind.version, "kind": kind.kind });
        paths.insert(
            object,
            json!({ "patch": {
                "operationId": format!("patch{}", kind.kind),
                "parameters": [
                    { "name": "dryRun", "in": "query", "schema": { "type": "string" } },
                    { "name": "fieldManager", "in": "query", "schema": { "type": "string" } },
                    { "name": "fieldValidation", "in": "query", "schema": { "type": "string" } },
                ],
                "responses": { "200": { "description": "OK" } },
                "x-kubernetes-action": "patch",
                "x-kubernetes-group-version-kind": gvk,
            }}),
        );
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": { "title": "Kubernetes", "version": "v1.33.0" },
        "paths": paths,
        "components": { "schemas": schemas },
    }))
}

// ---- OpenAPI v2 -------------------------------------------------------------------------------
//
// `GET /openapi/v2`: what kubectl before 1.27 downloads for client-side validation (`apply`,
// `create` with `--validate`) and `explain`, as protobuf (gnostic's `openapi_v2.Document`) when
// it asks for `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, else JSON. One
// definition per kind the simulator serves, named as the apiserver names them, carrying the
// `x-kubernetes-group-version-kind` kubectl looks kinds up by. `spec` and `status` are
// arbitrary objects (no field list), so validation checks the envelope and the metadata, and
// never refuses a field the simulator's kinds accept.

/// The media type the apiserver answers a protobuf request with: kubectl asks for
/// `...spec.v2@v1.0+protobuf`, whose `@` Go's `mime.ParseMediaType` (and so client-go) refuses in
/// a Content-Type, so kube-openapi answers with the dotted form.
pub const V2_PROTOBUF: &str = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

const OBJECT_META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
const API_VERSION_DESC: &str = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const KIND_DESC: &str = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
const METADATA_DESC: &str = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/// The apiserver's definition name of a kind: `io.k8s.api.<group>.<version>.<Kind>` for the
/// built-in groups, the reversed group domain for the others (`io.kubevirt.v1.VirtualMachine`).
pub fn definition_name(kind: &Kind) -> String {
    let builtin = kind.group.is_empty() || !kind.group.contains('.') || kind.group.ends_with(".k8s.io");
    let prefix = if builtin {
        let group = kind.group.split('.').next().filter(|g| !g.is_empty()).unwrap_or("core");
        format!("io.k8s.api.{group}")
    } else {
        kind.group.split('.').rev().collect::<Vec<_>>().join(".")
    };
    format!("{prefix}.{}.{}", kind.version, kind.kind)
}

/// KubeVirt's own descriptions of its main kinds (from its CRDs); others get a generic one.
fn kind_description(kind: &Kind) -> String {
    match (kind.group, kind.kind) {
        ("kubevirt.io", "VirtualMachine") => "VirtualMachine handles the VirtualMachines that are not running or are in a stopped state The VirtualMachine contains the template to create the VirtualMachineInstance. It also mirrors the running state of the created VirtualMachineInstance in its status.".into(),
        ("kubevirt.io", "VirtualMachineInstance") => "VirtualMachineInstance is *the* VirtualMachineInstance Definition. It represents a virtual machine in the runtime environment of kubernetes.".into(),
        ("cdi.kubevirt.io", "DataVolume") => "DataVolume is an abstraction on top of PersistentVolumeClaims to allow easy population of those PersistentVolumeClaims with relation to VirtualMachines".into(),
        _ => format!("{} is the Schema for the {} API.", kind.kind, kind.plural),
    }
}

const VM_SPEC: &str = "io.kubevirt.v1.VirtualMachineSpec";
const VMI_TEMPLATE_SPEC: &str = "io.kubevirt.v1.VirtualMachineInstanceTemplateSpec";

/// The models below the envelope of the KubeVirt kinds virtctl creates, with KubeVirt's field
/// descriptions (`kubevirt.io/api/core/v1/types.go`): the VirtualMachine's spec (every top-level
/// field) and its template (metadata and an open `spec`). Deeper objects stay open (`type:
/// object`), so validation never refuses what KubeVirt accepts. Both OpenAPI versions take
/// their models from here.
fn kubevirt_models() -> [(&'static str, Value); 2] {
    let object = |d: &str| json!({ "type": "object", "description": d });
    let string = |d: &str| json!({ "type": "string", "description": d });
    let vm_spec = json!({
        "description": "VirtualMachineSpec describes how the proper VirtualMachine should look like",
        "type": "object",
        "required": ["template"],
        "properties": {
            "dataVolumeTemplates": { "type": "array", "items": { "type": "object" },
                "description": "dataVolumeTemplates is a list of dataVolumes that the VirtualMachineInstance template can reference. DataVolumes in this list are dynamically created for the VirtualMachine and are tied to the VirtualMachine's life-cycle." },
            "instancetype": object("InstancetypeMatcher references a instancetype that is used to fill fields in Template"),
            "preference": object("PreferenceMatcher references a set of preference that is used to fill fields in Template"),
            "runStrategy": string("Running state indicates the requested running state of the VirtualMachineInstance mutually exclusive with Running Following are allowed values: - \"Always\": VMI should always be running. - \"Halted\": VMI should never be running. - \"Manual\": VMI can be started/stopped using API endpoints. - \"RerunOnFailure\": VMI will initially be running and restarted if a failure occurs, but will not be restarted upon successful completion. - \"Once\": VMI will run once and not be restarted upon completion regardless if the completion is of phase Failure or Success."),
            "running": { "type": "boolean",
                "description": "Running controls whether the associatied VirtualMachineInstance is created or not Mutually exclusive with RunStrategy Deprecated: VirtualMachineInstance field \"Running\" is now deprecated, please use RunStrategy instead." },
            "template": { "$ref": format!("#/definitions/{VMI_TEMPLATE_SPEC}"),
                "description": "Template is the direct specification of VirtualMachineInstance" },
            "updateVolumesStrategy": string("UpdateVolumesStrategy is the strategy to apply on volumes updates"),
        },
    });
    let template = json!({
        "type": "object",
        "properties": {
            "metadata": { "$ref": format!("#/definitions/{OBJECT_META}") },
            "spec": object("VirtualMachineInstance Spec contains the VirtualMachineInstance specification."),
        },
    });
    [(VM_SPEC, vm_spec), (VMI_TEMPLATE_SPEC, template)]
}

fn kind_definition(kind: &Kind) -> Value {
    let top = |desc: &str| json!({ "description": desc });
    let spec = if (kind.group, kind.kind) == ("kubevirt.io", "VirtualMachine") {
        json!({ "$ref": format!("#/definitions/{VM_SPEC}"), "description": "Spec contains the specification of VirtualMachineInstance created" })
    } else {
        top(&format!("Spec of the {}.", kind.kind))
    };
    json!({
        "description": kind_description(kind),
        "type": "object",
        "properties": {
            "apiVersion": { "description": API_VERSION_DESC, "type": "string" },
            "kind": { "description": KIND_DESC, "type": "string" },
            "metadata": { "$ref": format!("#/definitions/{OBJECT_META}"), "description": METADATA_DESC },
            "spec": spec,
            "status": top(&format!("Status of the {}.", kind.kind)),
        },
        "x-kubernetes-group-version-kind": [
            { "group": kind.group, "kind": kind.kind, "version": kind.version }
        ],
    })
}

/// A v2 definition in v3 form: references point into `components/schemas`, and a reference
/// with a description of its own becomes `allOf: [{$ref}]` (v3 ignores a `$ref`'s siblings).
fn v3_schema(mut schema: Value) -> Value {
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        for prop in props.values_mut() {
            let Some(r) = prop.get("$ref").and_then(Value::as_str) else {
                continue;
            };
            let target = r.replace("#/definitions/", "#/components/schemas/");
            let description = prop.get("description").cloned().unwrap_or(Value::Null);
            *prop = json!({ "allOf": [{ "$ref": target }], "description": description });
        }
    }
    schema
}

fn object_meta() -> Value {
    let string = |d: &str| json!({ "type": "string", "description": d });
    let string_map =
        |d: &str| json!({ "type": "object", "description": d, "additionalProperties": { "type": "string" } });
    json!({
        "description": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
        "type": "object",
        "properties": {
            "annotations": string_map("Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata."),
            "creationTimestamp": { "type": "string", "format": "date-time", "description": "CreationTimestamp is a timestamp representing the server time when this object was created." },
            "deletionGracePeriodSeconds": { "type": "integer", "format": "int64", "description": "Number of seconds allowed for this object to gracefully terminate before it will be removed from the system." },
            "deletionTimestamp": { "type": "string", "format": "date-time", "description": "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted." },
            "finalizers": { "type": "array", "items": { "type": "string" }, "description": "Must be empty before the object is deleted from the registry." },
            "generateName": string("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
            "generation": { "type": "integer", "format": "int64", "description": "A sequence number representing a specific generation of the desired state." },
            "labels": string_map("Map of string keys and values that can be used to organize and categorize (scope and select) objects."),
            "managedFields": { "type": "array", "items": { "description": "ManagedFieldsEntry" }, "description": "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow." },
            "name": string("Name must be unique within a namespace."),
            "namespace": string("Namespace defines the space within which each name must be unique."),
            "ownerReferences": { "type": "array", "items": { "description": "OwnerReference" }, "description": "List of objects depended by this object." },
            "resourceVersion": string("An opaque value that represents the internal version of this object."),
            "selfLink": string("Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."),
            "uid": string("UID is the unique in time and space value for this object."),
        },
    })
}

/// `GET /openapi/v2` as JSON.
pub fn v2() -> Value {
    let mut definitions = Map::new();
    definitions.insert(OBJECT_META.to_string(), object_meta());
    for (name, model) in kubevirt_models() {
        definitions.insert(name.to_string(), model);
    }
    for kind in KINDS {
        definitions
            .entry(definition_name(kind))
            .or_insert_with(|| kind_definition(kind));
    }
    json!({
        "swagger": "2.0",
        "info": { "title": "Kubernetes", "version": "v1.33.4" },
        "paths": {},
        "definitions": definitions,
    })
}

/// `GET /openapi/v2` as gnostic's protobuf `Document`.
pub fn v2_protobuf() -> Vec<u8> {
    let doc = v2();
    let mut out = Vec::new();
    pb::string(&mut out, 1, "2.0");
    let mut info = Vec::new();
    pb::string(&mut info, 1, doc["info"]["title"].as_str().unwrap_or(""));
    pb::string(&mut info, 2, doc["info"]["version"].as_str().unwrap_or(""));
    pb::bytes(&mut out, 2, &info);
    pb::bytes(&mut out, 8, &[]);
    let mut definitions = Vec::new();
    for (name, schema) in doc["definitions"].as_object().into_iter().flatten() {
        pb::bytes(&mut definitions, 1, &pb::named_schema(name, schema));
    }
    pb::bytes(&mut out, 9, &definitions);
    out
}

/// The few protobuf wire rules gnostic's OpenAPI v2 messages need.
mod pb {
    use serde_json::Value;

    fn varint(out: &mut Vec<u8>, mut v: u64) {
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }

    pub fn bytes(out: &mut Vec<u8>, field: u64, data: &[u8]) {
        varint(out, (field << 3) | 2);
        varint(out, data.len() as u64);
        out.extend_from_slice(data);
    }

    pub fn string(out: &mut Vec<u8>, field: u64, s: &str) {
        bytes(out, field, s.as_bytes());
    }

    fn boolean(out: &mut Vec<u8>, field: u64, b: bool) {
        varint(out, field << 3);
        varint(out, u64::from(b));
    }

    /// `NamedSchema { name = 1; value = 2 }`
    pub fn named_schema(name: &str, schema: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        string(&mut out, 1, name);
        bytes(&mut out, 2, &schema_message(schema));
        out
    }

    /// `Schema`: `_ref` 1, `format` 2, `description` 4, `required` 19, `additional_properties`
    /// 21, `type` 22, `items` 23, `properties` 25, `vendor_extension` 31 (the value as YAML,
    /// which JSON is).
    pub fn schema_message(schema: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        let text = |key: &str| schema.get(key).and_then(Value::as_str);
        if let Some(r) = text("$ref") {
            string(&mut out, 1, r);
        }
        if let Some(f) = text("format") {
            string(&mut out, 2, f);
        }
        if let Some(d) = text("description") {
            string(&mut out, 4, d);
        }
        for r in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            string(&mut out, 19, r.as_str().unwrap_or(""));
        }
        match schema.get("additionalProperties") {
            Some(Value::Bool(b)) => {
                let mut item = Vec::new();
                boolean(&mut item, 2, *b);
                bytes(&mut out, 21, &item);
            }
            Some(s @ Value::Object(_)) => {
                let mut item = Vec::new();
                bytes(&mut item, 1, &schema_message(s));
                bytes(&mut out, 21, &item);
            }
            _ => {}
        }
        if let Some(t) = text("type") {
            let mut item = Vec::new();
            string(&mut item, 1, t);
            bytes(&mut out, 22, &item);
        }
        if let Some(items) = schema.get("items") {
            let mut item = Vec::new();
            bytes(&mut item, 1, &schema_message(items));
            bytes(&mut out, 23, &item);
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            let mut item = Vec::new();
            for (name, s) in props {
                bytes(&mut item, 1, &named_schema(name, s));
            }
            bytes(&mut out, 25, &item);
        }
        let extensions = schema
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| k.starts_with("x-"));
        for (name, value) in extensions {
            let mut any = Vec::new();
            string(&mut any, 2, &value.to_string());
            let mut named = Vec::new();
            string(&mut named, 1, name);
            bytes(&mut named, 2, &any);
            bytes(&mut out, 31, &named);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length-delimited fields of one protobuf message: (field number, bytes).
    fn fields(mut data: &[u8]) -> Vec<(u64, &[u8])> {
        fn varint(data: &mut &[u8]) -> u64 {
            let mut v = 0u64;
            for shift in (0..64).step_by(7) {
                let b = data[0];
                *data = &data[1..];
                v |= u64::from(b & 0x7f) << shift;
                if b < 0x80 {
                    break;
                }
            }
            v
        }
        let mut out = Vec::new();
        while !data.is_empty() {
            let key = varint(&mut data);
            assert_eq!(key & 7, 2, "only length-delimited fields are written here");
            let len = varint(&mut data) as usize;
            out.push((key >> 3, &data[..len]));
            data = &data[len..];
        }
        out
    }

    fn field(data: &[u8], number: u64) -> Vec<&[u8]> {
        fields(data)
            .into_iter()
            .filter(|(n, _)| *n == number)
            .map(|(_, b)| b)
            .collect()
    }

    #[test]
    fn definition_names_follow_the_apiserver() {
        let name = |plural: &str| definition_name(crate::kinds::resolve(plural).unwrap());
        assert_eq!(name("virtualmachines"), "io.kubevirt.v1.VirtualMachine");
        assert_eq!(name("pods"), "io.k8s.api.core.v1.Pod");
        assert_eq!(name("deployments"), "io.k8s.api.apps.v1.Deployment");
        assert_eq!(name("storageclasses"), "io.k8s.api.storage.v1.StorageClass");
        assert_eq!(name("datavolumes"), "io.kubevirt.cdi.v1beta1.DataVolume");
    }

    /// The protobuf document decodes as gnostic's `Document` with the VM's model, its
    /// `x-kubernetes-group-version-kind` (as YAML) and its `metadata` reference.
    #[test]
    fn protobuf_document_carries_the_models_kubectl_looks_up() {
        let doc = v2_protobuf();
        assert_eq!(field(&doc, 1), [b"2.0".as_slice()]);
        let definitions = field(&doc, 9)[0];
        let vm = field(definitions, 1)
            .into_iter()
            .find(|named| field(named, 1) == [b"io.kubevirt.v1.VirtualMachine".as_slice()])
            .expect("the VirtualMachine model");
        let schema = field(vm, 2)[0];
        let extension = field(schema, 31)[0];
        assert_eq!(field(extension, 1), [b"x-kubernetes-group-version-kind".as_slice()]);
        let yaml: Value = serde_json::from_slice(field(field(extension, 2)[0], 2)[0]).unwrap();
        assert_eq!(
            yaml,
            json!([{"group": "kubevirt.io", "kind": "VirtualMachine", "version": "v1"}])
        );
        let properties = field(schema, 25)[0];
        let metadata = field(properties, 1)
            .into_iter()
            .find(|named| field(named, 1) == [b"metadata".as_slice()])
            .unwrap();
        let reference = field(field(metadata, 2)[0], 1)[0];
        assert_eq!(reference, format!("#/definitions/{OBJECT_META}").as_bytes());
        // a description longer than 127 bytes: multi-byte lengths decode
        assert!(field(schema, 4)[0].len() > 127);
    }
}
