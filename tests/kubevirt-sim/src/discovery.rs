//! Discovery documents and server-side printing (`as=Table`).

use serde_json::{Value, json};

use crate::kinds::{self, Kind, Printer};
use crate::printers::{Cell, access_modes};

pub const KUBE_GIT_VERSION: &str = "v1.33.4";
pub const KUBEVIRT_GIT_VERSION: &str = "v1.8.0";

pub fn kube_version() -> Value {
    json!({
        "major": "1",
        "minor": "33",
        "emulationMajor": "1",
        "emulationMinor": "33",
        "minCompatibilityMajor": "1",
        "minCompatibilityMinor": "32",
        "gitVersion": KUBE_GIT_VERSION,
        "gitCommit": "74cdb426a9bcd9ed0c16e6e8ab9e1e2b5a7d4a37",
        "gitTreeState": "clean",
        "buildDate": "2025-08-12T18:47:33Z",
        "goVersion": "go1.24.5",
        "compiler": "gc",
        "platform": "linux/amd64"
    })
}

pub fn kubevirt_version() -> Value {
    json!({
        "gitVersion": KUBEVIRT_GIT_VERSION,
        "gitCommit": "d923fdb8a1c04e0b62f3cbb0d1e8f1b6a9c27e55",
        "gitTreeState": "clean",
        "buildDate": "2026-08-22T10:34:54Z",
        "goVersion": "go1.25.4",
        "compiler": "gc",
        "platform": "linux/amd64"
    })
}

pub fn api_versions(server_address: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}]
    })
}

/// The KubeVirt aggregated API group (served by virt-api) in addition to the CRD groups.
pub const SUBRESOURCES_GROUP: &str = "subresources.kubevirt.io";

fn group_doc(name: &str, versions: &[&str]) -> Value {
    let vs: Vec<Value> = versions
        .iter()
        .map(|v| json!({"groupVersion": format!("{name}/{v}"), "version": v}))
        .collect();
    json!({
        "name": name,
        "versions": vs,
        "preferredVersion": {"groupVersion": format!("{name}/{}", versions[0]), "version": versions[0]}
    })
}

pub fn all_groups() -> Vec<(String, Vec<&'static str>)> {
    let mut g: Vec<(String, Vec<&'static str>)> =
        kinds::groups().into_iter().map(|(n, v)| (n.to_string(), v)).collect();
    g.push((SUBRESOURCES_GROUP.to_string(), vec!["v1"]));
    g
}

/// The groups with the versions `served` keeps (a group left with none is not listed).
fn served_groups(served: &dyn Fn(&str, &str) -> bool) -> Vec<(String, Vec<&'static str>)> {
    all_groups()
        .into_iter()
        .map(|(n, vs)| {
            let vs: Vec<&'static str> = vs.into_iter().filter(|v| served(&n, v)).collect();
            (n, vs)
        })
        .filter(|(_, vs)| !vs.is_empty())
        .collect()
}

/// `/apis`: every group with the versions `served` keeps.
pub fn api_group_list(served: &dyn Fn(&str, &str) -> bool) -> Value {
    let groups: Vec<Value> = served_groups(served).iter().map(|(n, v)| group_doc(n, v)).collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/{name}`, with the versions `served` keeps.
pub fn api_group(name: &str, served: &dyn Fn(&str, &str) -> bool) -> Option<Value> {
    served_groups(served).iter().find(|(n, _)| n == name).map(|(n, v)| {
        let mut d = group_doc(n, v);
        d["kind"] = json!("APIGroup");
        d["apiVersion"] = json!("v1");
        d
    })
}

fn verbs(k: &Kind) -> Vec<&'static str> {
    vec![
        "delete",
        "deletecollection",
        "get",
        "list",
        "patch",
        "create",
        "update",
        "watch",
    ]
    .into_iter()
    .filter(|v| k.plural != "namespaces" || *v != "deletecollection")
    .collect()
}

/// APIResourceList for `/api/v1` or `/apis/{group}/{version}`.
pub fn resource_list(group: &str, version: &str) -> Option<Value> {
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    if group == SUBRESOURCES_GROUP {
        if version != "v1" {
            return None;
        }
        let mut res = Vec::new();
        for (plural, kind, subs) in [
            ("virtualmachines", "VirtualMachine", &VM_SUBRESOURCES[..]),
            (
                "virtualmachineinstances",
                "VirtualMachineInstance",
                &VMI_SUBRESOURCES[..],
            ),
        ] {
            for (sub, verbs) in subs {
                res.push(json!({
                    "name": format!("{plural}/{sub}"),
                    "singularName": "",
                    "namespaced": true,
                    "kind": kind,
                    "verbs": verbs,
                }));
            }
        }
        return Some(json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": res}));
    }
    let ks: Vec<&Kind> = kinds::KINDS
        .iter()
        .filter(|k| k.group == group && k.version == version)
        .collect();
    if ks.is_empty() {
        return None;
    }
    let mut res = Vec::new();
    for k in ks {
        let mut r = json!({
            "name": k.plural,
            "singularName": k.singular,
            "namespaced": k.namespaced,
            "kind": k.kind,
            "verbs": verbs(k),
        });
        if !k.short_names.is_empty() {
            r["shortNames"] = json!(k.short_names);
        }
        if !k.categories.is_empty() {
            r["categories"] = json!(k.categories);
        }
        res.push(r);
        for s in k.subresources {
            let mut sub = json!({
                "name": format!("{}/{}", k.plural, s),
                "singularName": "",
                "namespaced": k.namespaced,
                "kind": k.kind,
                "verbs": ["get", "patch", "update"],
            });
            if *s == "scale" {
                sub["group"] = json!(crate::scale::GROUP);
                sub["version"] = json!(crate::scale::VERSION);
                sub["kind"] = json!(crate::scale::KIND);
            }
            res.push(sub);
        }
    }
    Some(json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": res}))
}

pub const VM_SUBRESOURCES: [(&str, &[&str]); 12] = [
    ("start", &["update"]),
    ("stop", &["update"]),
    ("restart", &["update"]),
    ("migrate", &["update"]),
    ("expand-spec", &["get"]),
    ("portforward", &["get"]),
    ("addvolume", &["update"]),
    ("removevolume", &["update"]),
    ("memorydump", &["update"]),
    ("removememorydump", &["update"]),
    ("objectgraph", &["get"]),
    ("evacuate/cancel", &["update"]),
];

pub const VMI_SUBRESOURCES: [(&str, &[&str]); 19] = [
    ("console", &["get"]),
    ("vnc", &["get"]),
    ("vnc/screenshot", &["get"]),
    ("portforward", &["get"]),
    ("pause", &["update"]),
    ("unpause", &["update"]),
    ("freeze", &["update"]),
    ("unfreeze", &["update"]),
    ("softreboot", &["update"]),
    ("reset", &["update"]),
    ("guestosinfo", &["get"]),
    ("userlist", &["get"]),
    ("filesystemlist", &["get"]),
    ("addvolume", &["update"]),
    ("removevolume", &["update"]),
    ("usbredir", &["get"]),
    ("sev/fetchcertchain", &["get"]),
    ("objectgraph", &["get"]),
    ("evacuate/cancel", &["update"]),
];

/// `duration.HumanDuration` of apimachinery (what `AGE` shows).
pub fn human_duration(secs: i64) -> String {
    let s = secs.max(0);
    if s < 60 * 2 {
        return format!("{s}s");
    }
    let m = s / 60;
    if m < 10 {
        let rs = s % 60;
        return if rs == 0 { format!("{m}m") } else { format!("{m}m{rs}s") };
    }
    if m < 60 * 3 {
        return format!("{m}m");
    }
    let h = s / 3600;
    if h < 8 {
        let rm = m % 60;
        return if rm == 0 { format!("{h}h") } else { format!("{h}h{rm}m") };
    }
    if h < 48 {
        return format!("{h}h");
    }
    if h < 24 * 8 {
        let d = h / 24;
        let rh = h % 24;
        return if rh == 0 { format!("{d}d") } else { format!("{d}d{rh}h") };
    }
    if h < 24 * 365 * 2 {
        return format!("{}d", h / 24);
    }
    if h < 24 * 365 * 8 {
        let y = h / (24 * 365);
        let dy = (h / 24) % 365;
        return if dy == 0 { format!("{y}y") } else { format!("{y}y{dy}d") };
    }
    format!("{}y", h / (24 * 365))
}

fn age(obj: &Value) -> String {
    since(
        obj.pointer("/metadata/creationTimestamp")
            .and_then(|v| v.as_str())
            .unwrap_or(""),
    )
}

/// The human duration since an RFC 3339 timestamp.
pub fn since(ts: &str) -> String {
    match time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339) {
        Ok(t) => human_duration((time::OffsetDateTime::now_utc() - t).whole_seconds()),
        Err(_) => "<unknown>".into(),
    }
}

fn col(name: &str, ty: &str, format: &str, description: &str, priority: i32) -> Value {
    json!({"name": name, "type": ty, "format": format, "description": description, "priority": priority})
}

fn cond_status(obj: &Value, ty: &str) -> Value {
    obj.pointer("/status/conditions")
        .and_then(|c| c.as_array())
        .and_then(|c| c.iter().find(|c| c["type"] == ty))
        .map(|c| c["status"].clone())
        .unwrap_or(Value::Null)
}

/// A table-driven cell (`printers.rs`).
fn cell(cell: &Cell, o: &Value) -> Value {
    match cell {
        Cell::Name => ptr(o, "/metadata/name"),
        Cell::Age => json!(age(o)),
        Cell::Since(p) => match o.pointer(p).and_then(Value::as_str) {
            Some(ts) => json!(since(ts)),
            None => Value::Null,
        },
        Cell::At(p) => ptr(o, p),
        Cell::Int(p) => json!(o.pointer(p).and_then(Value::as_i64).unwrap_or(0)),
        Cell::Len(p) => json!(match o.pointer(p) {
            Some(Value::Array(a)) => a.len(),
            Some(Value::Object(m)) => m.len(),
            _ => 0,
        }),
        Cell::Derived(f) => f(o),
    }
}

fn ptr(obj: &Value, p: &str) -> Value {
    obj.pointer(p).cloned().unwrap_or(Value::Null)
}

const NAME_DESC: &str = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

type CellFn = Box<dyn Fn(&Value) -> Vec<Value>>;

const AGE_DESC: &str = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

fn text(obj: &Value, p: &str) -> String {
    obj.pointer(p).and_then(Value::as_str).unwrap_or("").to_string()
}

/// The ROLES of a node: its `node-role.kubernetes.io/ROLE` labels (and `kubernetes.io/role`),
/// sorted, or `<none>`.
fn node_roles(node: &Value) -> String {
    let mut roles: Vec<String> = node
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| match k.strip_prefix("node-role.kubernetes.io/") {
            Some(role) if !role.is_empty() => Some(role.to_string()),
            _ if k == "kubernetes.io/role" => v.as_str().map(str::to_string),
            _ => None,
        })
        .collect();
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        "<none>".into()
    } else {
        roles.join(",")
    }
}

fn deployment_columns(name_col: Value) -> Vec<Value> {
    vec![
        name_col,
        col("Ready", "string", "", "Number of the pod with ready state", 0),
        col(
            "Up-to-date",
            "string",
            "",
            "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
            0,
        ),
        col(
            "Available",
            "string",
            "",
            "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
            0,
        ),
        col("Age", "string", "", AGE_DESC, 0),
        col(
            "Containers",
            "string",
            "",
            "Names of each container in the template.",
            1,
        ),
        col(
            "Images",
            "string",
            "",
            "Images referenced by each container in the template.",
            1,
        ),
        col(
            "Selector",
            "string",
            "",
            "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
            1,
        ),
    ]
}

fn deployment_cells(o: &Value) -> Vec<Value> {
    let count = |p: &str| o.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    let desired = o.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
    let containers: Vec<&Value> = o
        .pointer("/spec/template/spec/containers")
        .and_then(Value::as_array)
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    let join = |key: &str| {
        containers
            .iter()
            .filter_map(|c| c[key].as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    let selector = o
        .pointer("/spec/selector/matchLabels")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default();
    vec![
        ptr(o, "/metadata/name"),
        json!(format!("{}/{desired}", count("/status/readyReplicas"))),
        json!(count("/status/updatedReplicas")),
        json!(count("/status/availableReplicas")),
        json!(age(o)),
        json!(join("name")),
        json!(join("image")),
        json!(selector),
    ]
}

fn storage_class_columns(name_col: Value) -> Vec<Value> {
    vec![
        name_col,
        col(
            "Provisioner",
            "string",
            "",
            "provisioner indicates the type of the provisioner.",
            0,
        ),
        col(
            "ReclaimPolicy",
            "string",
            "",
            "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.",
            0,
        ),
        col(
            "VolumeBindingMode",
            "string",
            "",
            "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.",
            0,
        ),
        col(
            "AllowVolumeExpansion",
            "string",
            "",
            "allowVolumeExpansion shows whether the storage class allow volume expand.",
            0,
        ),
        col("Age", "string", "", AGE_DESC, 0),
    ]
}

fn storage_class_cells(o: &Value) -> Vec<Value> {
    let annotation = |k: &str| o.pointer("/metadata/annotations").and_then(|a| a[k].as_str()) == Some("true");
    let mut name = text(o, "/metadata/name");
    if annotation("storageclass.kubernetes.io/is-default-class")
        || annotation("storageclass.beta.kubernetes.io/is-default-class")
    {
        name.push_str(" (default)");
    }
    let or = |p: &str, default: &str| {
        Some(text(o, p))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| default.to_string())
    };
    vec![
        json!(name),
        ptr(o, "/provisioner"),
        json!(or("/reclaimPolicy", "Delete")),
        json!(or("/volumeBindingMode", "Immediate")),
        json!(
            o.pointer("/allowVolumeExpansion")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        ),
        json!(age(o)),
    ]
}

fn service_columns(name_col: Value) -> Vec<Value> {
    vec![
        name_col,
        col(
            "Type",
            "string",
            "",
            "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.",
            0,
        ),
        col(
            "Cluster-IP",
            "string",
            "",
            "clusterIP is the IP address of the service and is usually assigned randomly.",
            0,
        ),
        col(
            "External-IP",
            "string",
            "",
            "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
            0,
        ),
        col(
            "Port(s)",
            "string",
            "",
            "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies",
            0,
        ),
        col("Age", "string", "", AGE_DESC, 0),
        col(
            "Selector",
            "string",
            "",
            "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/",
            1,
        ),
    ]
}

/// kubectl's service row: ports as `PORT[:NODEPORT]/PROTOCOL`, `<none>` for what is unset.
fn service_cells(o: &Value) -> Vec<Value> {
    let kind = Some(text(o, "/spec/type"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "ClusterIP".into());
    let cluster_ip = Some(text(o, "/spec/clusterIP"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "<none>".into());
    let mut external: Vec<String> = o
        .pointer("/spec/externalIPs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if kind == "ExternalName" {
        external = vec![text(o, "/spec/externalName")];
    }
    let ports: Vec<String> = o
        .pointer("/spec/ports")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| {
            let protocol = p["protocol"].as_str().unwrap_or("TCP");
            match p["nodePort"].as_i64() {
                Some(node) if node != 0 => format!("{}:{node}/{protocol}", p["port"]),
                _ => format!("{}/{protocol}", p["port"]),
            }
        })
        .collect();
    let selector: Vec<String> = o
        .pointer("/spec/selector")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
        .collect();
    let or_none = |l: Vec<String>| {
        if l.is_empty() {
            "<none>".to_string()
        } else {
            l.join(",")
        }
    };
    vec![
        ptr(o, "/metadata/name"),
        json!(kind),
        json!(cluster_ip),
        json!(or_none(external)),
        json!(or_none(ports)),
        json!(age(o)),
        json!(or_none(selector)),
    ]
}

fn pvc_columns(name_col: Value) -> Vec<Value> {
    vec![
        name_col,
        col(
            "Status",
            "string",
            "",
            "phase represents the current phase of PersistentVolumeClaim.",
            0,
        ),
        col(
            "Volume",
            "string",
            "",
            "volumeName is the binding reference to the PersistentVolume backing this claim.",
            0,
        ),
        col(
            "Capacity",
            "string",
            "",
            "capacity represents the actual resources of the underlying volume.",
            0,
        ),
        col(
            "Access Modes",
            "string",
            "",
            "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1",
            0,
        ),
        col("StorageClass", "string", "", "StorageClass of the pvc", 0),
        col(
            "VolumeAttributesClass",
            "string",
            "",
            "VolumeAttributesClass of the pvc",
            0,
        ),
        col("Age", "string", "", AGE_DESC, 0),
        col(
            "VolumeMode",
            "string",
            "",
            "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.",
            1,
        ),
    ]
}

/// kubectl's access-mode abbreviations, in the API's order.
fn pvc_cells(o: &Value) -> Vec<Value> {
    let phase = if o.pointer("/metadata/deletionTimestamp").is_some() {
        "Terminating".to_string()
    } else {
        text(o, "/status/phase")
    };
    let volume = text(o, "/spec/volumeName");
    let capacity = if volume.is_empty() {
        String::new()
    } else {
        text(o, "/status/capacity/storage")
    };
    let class = Some(text(o, "/spec/storageClassName"))
        .filter(|c| !c.is_empty())
        .or_else(|| {
            o.pointer("/metadata/annotations/volume.beta.kubernetes.io~1storage-class")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_default();
    let unset = |p: &str| {
        Some(text(o, p))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "<unset>".into())
    };
    vec![
        json!(text(o, "/metadata/name")),
        json!(phase),
        json!(volume),
        json!(capacity),
        json!(access_modes(o)),
        json!(class),
        json!(unset("/spec/volumeAttributesClassName")),
        json!(age(o)),
        json!(unset("/spec/volumeMode")),
    ]
}

/// A `meta.k8s.io/v1` Table for these objects.
pub fn table(kind: &Kind, objs: &[Value], resource_version: &str) -> Value {
    let name_col = col("Name", "string", "name", NAME_DESC, 0);
    let age_col = col(
        "Age",
        "date",
        "",
        "CreationTimestamp is a timestamp representing the server time when this object was created.",
        0,
    );
    let (cols, cells): (Vec<Value>, CellFn) = match kind.printer {
        Printer::VirtualMachine => (
            vec![
                name_col,
                age_col,
                col("Status", "string", "", "Human Readable Status", 0),
                col("Ready", "string", "", "", 0),
            ],
            Box::new(|o| {
                vec![
                    ptr(o, "/metadata/name"),
                    json!(age(o)),
                    ptr(o, "/status/printableStatus"),
                    cond_status(o, "Ready"),
                ]
            }),
        ),
        Printer::VirtualMachineInstance => (
            vec![
                name_col,
                age_col,
                col("Phase", "string", "", "", 0),
                col("IP", "string", "", "", 0),
                col("NodeName", "string", "", "", 0),
                col("Ready", "string", "", "", 0),
                col("Live-Migratable", "string", "", "", 1),
                col("Paused", "string", "", "", 1),
            ],
            Box::new(|o| {
                vec![
                    ptr(o, "/metadata/name"),
                    json!(age(o)),
                    ptr(o, "/status/phase"),
                    ptr(o, "/status/interfaces/0/ipAddress"),
                    ptr(o, "/status/nodeName"),
                    cond_status(o, "Ready"),
                    cond_status(o, "LiveMigratable"),
                    cond_status(o, "Paused"),
                ]
            }),
        ),
        Printer::Migration => (
            vec![
                name_col,
                col("Phase", "string", "", "The status of the migration", 0),
                col(
                    "VMI",
                    "string",
                    "",
                    "The name of the VMI to perform the migration on",
                    0,
                ),
            ],
            Box::new(|o| {
                vec![
                    ptr(o, "/metadata/name"),
                    ptr(o, "/status/phase"),
                    ptr(o, "/spec/vmiName"),
                ]
            }),
        ),
        Printer::DataVolume => (
            vec![
                name_col,
                col("Phase", "string", "", "The phase the data volume is in", 0),
                col(
                    "Progress",
                    "string",
                    "",
                    "Transfer progress in percentage if known, N/A otherwise",
                    0,
                ),
                col(
                    "Restarts",
                    "integer",
                    "",
                    "The number of times the transfer has been restarted.",
                    0,
                ),
                age_col,
            ],
            Box::new(|o| {
                vec![
                    ptr(o, "/metadata/name"),
                    ptr(o, "/status/phase"),
                    ptr(o, "/status/progress"),
                    ptr(o, "/status/restartCount"),
                    json!(age(o)),
                ]
            }),
        ),
        Printer::Namespace => (
            vec![
                name_col,
                col("Status", "string", "", "The status of the namespace", 0),
                col("Age", "string", "", "", 0),
            ],
            Box::new(|o| vec![ptr(o, "/metadata/name"), ptr(o, "/status/phase"), json!(age(o))]),
        ),
        Printer::Node => (
            vec![
                name_col,
                col("Status", "string", "", "The status of the node", 0),
                col("Roles", "string", "", "The roles of the node", 0),
                col("Age", "string", "", "", 0),
                col("Version", "string", "", "Kubelet Version reported by the node.", 0),
            ],
            Box::new(|o| {
                let ready = if cond_status(o, "Ready") == "True" {
                    "Ready"
                } else {
                    "NotReady"
                };
                vec![
                    ptr(o, "/metadata/name"),
                    json!(ready),
                    json!(node_roles(o)),
                    json!(age(o)),
                    ptr(o, "/status/nodeInfo/kubeletVersion"),
                ]
            }),
        ),
        Printer::Deployment => (deployment_columns(name_col), Box::new(deployment_cells)),
        Printer::StorageClass => (storage_class_columns(name_col), Box::new(storage_class_cells)),
        Printer::PersistentVolumeClaim => (pvc_columns(name_col), Box::new(pvc_cells)),
        Printer::Service => (service_columns(name_col), Box::new(service_cells)),
        Printer::Secret => (
            vec![
                name_col,
                col(
                    "Type",
                    "string",
                    "",
                    "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
                    0,
                ),
                col(
                    "Data",
                    "string",
                    "",
                    "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
                    0,
                ),
                col("Age", "string", "", AGE_DESC, 0),
            ],
            Box::new(|o| {
                let data = o["data"].as_object().map_or(0, |d| d.len());
                vec![
                    ptr(o, "/metadata/name"),
                    json!(text(o, "/type")),
                    json!(data),
                    json!(age(o)),
                ]
            }),
        ),
        Printer::ConfigMap => (
            vec![
                name_col,
                col(
                    "Data",
                    "string",
                    "",
                    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
                    0,
                ),
                col("Age", "string", "", AGE_DESC, 0),
            ],
            Box::new(|o| {
                let count = |k: &str| o[k].as_object().map_or(0, |d| d.len());
                vec![
                    ptr(o, "/metadata/name"),
                    json!(count("data") + count("binaryData")),
                    json!(age(o)),
                ]
            }),
        ),
        Printer::Columns(columns) => (
            columns
                .iter()
                .map(|c| {
                    col(
                        c.name,
                        c.ty,
                        if matches!(c.cell, Cell::Name) { "name" } else { "" },
                        "",
                        i32::from(c.priority),
                    )
                })
                .collect(),
            Box::new(move |o| columns.iter().map(|c| cell(&c.cell, o)).collect()),
        ),
        Printer::Default => (
            vec![name_col, col("Age", "string", "", "", 0)],
            Box::new(|o| vec![ptr(o, "/metadata/name"), json!(age(o))]),
        ),
    };
    let rows: Vec<Value> = objs
        .iter()
        .map(|o| {
            json!({
                "cells": cells(o),
                "object": {
                    "kind": "PartialObjectMetadata",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": o.get("metadata").cloned().unwrap_or(json!({})),
                }
            })
        })
        .collect();
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": resource_version},
        "columnDefinitions": cols,
        "rows": rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        assert_eq!(human_duration(5), "5s");
        assert_eq!(human_duration(150), "2m30s");
        assert_eq!(human_duration(600), "10m");
        assert_eq!(human_duration(3 * 3600 + 60), "3h1m");
        assert_eq!(human_duration(30 * 3600), "30h");
        assert_eq!(human_duration(3 * 86400), "3d");
    }

    #[test]
    fn vm_table_columns() {
        let k = kinds::resolve("vm").unwrap();
        let t = table(
            k,
            &[
                json!({"metadata": {"name": "a", "creationTimestamp": "2020-01-01T00:00:00Z"}, "status": {"printableStatus": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}),
            ],
            "5",
        );
        let names: Vec<&str> = t["columnDefinitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Name", "Age", "Status", "Ready"]);
        assert_eq!(t["rows"][0]["cells"][2], "Running");
        assert_eq!(t["rows"][0]["cells"][3], "True");
    }

    #[test]
    fn discovery_docs() {
        let g = api_group("subresources.kubevirt.io", &|_, _| true).unwrap();
        assert_eq!(g["preferredVersion"]["groupVersion"], "subresources.kubevirt.io/v1");
        let r = resource_list("kubevirt.io", "v1").unwrap();
        let vm = r["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "virtualmachines")
            .unwrap();
        assert_eq!(vm["shortNames"], json!(["vm", "vms"]));
        assert_eq!(vm["categories"], json!(["all"]));
        assert!(resource_list("nope.io", "v1").is_none());
    }
}
