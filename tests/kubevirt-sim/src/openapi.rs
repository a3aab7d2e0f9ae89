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
        "components": { "schemas": {} },
    }))
}
