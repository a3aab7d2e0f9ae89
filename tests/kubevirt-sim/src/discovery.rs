//! Discovery documents and server-side printing (`as=Table`).

use serde_json::{Value, json};

use crate::kinds::{self, Kind};
use crate::printers::{self, Cell};

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
        Cell::Condition(ty) => printers::condition_status(o, ty),
        Cell::Derived(f) => f(o),
    }
}

fn ptr(obj: &Value, p: &str) -> Value {
    obj.pointer(p).cloned().unwrap_or(Value::Null)
}

/// A `meta.k8s.io/v1` Table of these objects, with the kind's printer columns.
pub fn table(kind: &Kind, objs: &[Value], resource_version: &str) -> Value {
    let columns: Vec<Value> = kind
        .printer
        .iter()
        .map(|c| {
            json!({"name": c.name, "type": c.ty, "format": c.format, "description": c.description,
                   "priority": i32::from(c.priority)})
        })
        .collect();
    let rows: Vec<Value> = objs
        .iter()
        .map(|o| {
            json!({
                "cells": kind.printer.iter().map(|c| cell(&c.cell, o)).collect::<Vec<_>>(),
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
        "columnDefinitions": columns,
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
