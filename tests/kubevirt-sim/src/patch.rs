//! Patch application with the semantics (and error texts) of the apiserver's patch libraries:
//! RFC 6902 JSON patch as `evanphx/json-patch` v4 applies it (a `test` of `null` against an absent
//! path passes), and RFC 7386 JSON merge patch.

use serde_json::Value;

use crate::status::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchType {
    Json,
    Merge,
    StrategicMerge,
    Apply,
}

impl PatchType {
    pub fn from_content_type(ct: &str) -> Option<PatchType> {
        let base = ct.split(';').next().unwrap_or("").trim();
        match base {
            "application/json-patch+json" => Some(PatchType::Json),
            "application/merge-patch+json" => Some(PatchType::Merge),
            "application/strategic-merge-patch+json" => Some(PatchType::StrategicMerge),
            "application/apply-patch+yaml" => Some(PatchType::Apply),
            _ => None,
        }
    }
}

/// Apply a patch body to `doc`. Errors are the apiserver's: 400 for an undecodable patch, 422 for
/// a patch that does not apply.
pub fn apply(doc: &Value, pt: PatchType, body: &[u8]) -> Result<Value, ApiError> {
    match pt {
        PatchType::Json => {
            let ops: Value = serde_json::from_slice(body)
                .map_err(|e| ApiError::bad_request(format!("error decoding patch: {e}")))?;
            let ops = ops.as_array().ok_or_else(|| {
                ApiError::bad_request("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
            })?;
            apply_json_patch(doc, ops).map_err(|e| ApiError::patch_apply_failed(&e))
        }
        PatchType::Merge | PatchType::StrategicMerge | PatchType::Apply => {
            let p: Value = if pt == PatchType::Apply {
                serde_saphyr::from_slice(body)
                    .map_err(|e| ApiError::bad_request(format!("error decoding YAML: {e}")))?
            } else {
                serde_json::from_slice(body).map_err(|e| ApiError::bad_request(format!("error decoding patch: {e}")))?
            };
            if !p.is_object() {
                return Err(ApiError::bad_request("Invalid JSON Patch"));
            }
            let mut out = doc.clone();
            json_patch::merge(&mut out, &p);
            Ok(out)
        }
    }
}

fn unescape(tok: &str) -> String {
    tok.replace("~1", "/").replace("~0", "~")
}

/// Split a JSON pointer into its parent pointer tokens and last key. `None` for the root.
fn split(path: &str) -> Result<Option<(Vec<String>, String)>, String> {
    if path.is_empty() {
        return Ok(None);
    }
    if !path.starts_with('/') {
        return Err(format!("JSON pointer must be empty or start with a \"/\": {path}"));
    }
    let mut toks: Vec<String> = path[1..].split('/').map(unescape).collect();
    let last = toks.pop().unwrap_or_default();
    Ok(Some((toks, last)))
}

fn container_mut<'a>(doc: &'a mut Value, toks: &[String]) -> Option<&'a mut Value> {
    let mut cur = doc;
    for t in toks {
        cur = match cur {
            Value::Object(m) => m.get_mut(t)?,
            Value::Array(a) => {
                let i: usize = t.parse().ok()?;
                a.get_mut(i)?
            }
            _ => return None,
        };
    }
    match cur {
        Value::Object(_) | Value::Array(_) => Some(cur),
        _ => None,
    }
}

fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(doc);
    }
    let (toks, last) = split(path).ok()??;
    let mut cur = doc;
    for t in toks.iter().chain(std::iter::once(&last)) {
        cur = match cur {
            Value::Object(m) => m.get(t)?,
            Value::Array(a) => a.get(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let Some((toks, last)) = split(path)? else {
        *doc = value;
        return Ok(());
    };
    let missing = || format!("add operation does not apply: doc is missing path: \"{path}\": missing value");
    let con = container_mut(doc, &toks).ok_or_else(missing)?;
    match con {
        Value::Object(m) => {
            m.insert(last, value);
            Ok(())
        }
        Value::Array(a) => {
            let idx = if last == "-" {
                a.len()
            } else {
                last.parse::<usize>()
                    .map_err(|_| format!("Unable to access invalid index: {last}: invalid index referenced"))?
            };
            if idx > a.len() {
                return Err(format!(
                    "Unable to access invalid index: {idx}: invalid index referenced"
                ));
            }
            a.insert(idx, value);
            Ok(())
        }
        _ => Err(missing()),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
    let Some((toks, last)) = split(path)? else {
        return Ok(std::mem::take(doc));
    };
    let con = container_mut(doc, &toks)
        .ok_or_else(|| format!("remove operation does not apply: doc is missing path: \"{path}\": missing value"))?;
    match con {
        Value::Object(m) => m.shift_remove(&last).ok_or_else(|| {
            format!("error in remove for path: '{path}': Unable to remove nonexistent key: {last}: missing value")
        }),
        Value::Array(a) => {
            let idx = last.parse::<usize>().ok().filter(|i| *i < a.len()).ok_or_else(|| {
                format!("error in remove for path: '{path}': Unable to access invalid index: {last}: invalid index referenced")
            })?;
            Ok(a.remove(idx))
        }
        _ => Err(format!(
            "remove operation does not apply: doc is missing path: \"{path}\": missing value"
        )),
    }
}

fn replace(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let Some((toks, last)) = split(path)? else {
        *doc = value;
        return Ok(());
    };
    let con = container_mut(doc, &toks)
        .ok_or_else(|| format!("replace operation does not apply: doc is missing path: {path}: missing value"))?;
    match con {
        Value::Object(m) => match m.get_mut(&last) {
            Some(slot) => {
                *slot = value;
                Ok(())
            }
            None => Err(format!(
                "replace operation does not apply: doc is missing key: {path}: missing value"
            )),
        },
        Value::Array(a) => {
            let slot = last.parse::<usize>().ok().and_then(|i| a.get_mut(i)).ok_or_else(|| {
                format!("replace operation does not apply: doc is missing key: {path}: missing value")
            })?;
            *slot = value;
            Ok(())
        }
        _ => Err(format!(
            "replace operation does not apply: doc is missing path: {path}: missing value"
        )),
    }
}

fn test(doc: &Value, path: &str, value: &Value) -> Result<(), String> {
    if let Some((toks, _)) = split(path)? {
        // the parent must exist
        let mut d = doc.clone();
        if container_mut(&mut d, &toks).is_none() {
            return Err(format!(
                "test operation does not apply: is missing path: {path}: missing value"
            ));
        }
    }
    match get(doc, path) {
        None if value.is_null() => Ok(()),
        Some(v) if v == value => Ok(()),
        _ => Err(format!("testing value {path} failed: test failed")),
    }
}

/// Apply RFC 6902 operations; the error is the json-patch library's text.
pub fn apply_json_patch(doc: &Value, ops: &[Value]) -> Result<Value, String> {
    let mut out = doc.clone();
    for op in ops {
        let kind = op.get("op").and_then(|v| v.as_str()).unwrap_or("");
        let path = op.get("path").and_then(|v| v.as_str());
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        let from = op.get("from").and_then(|v| v.as_str());
        let path = match path {
            Some(p) => p,
            None => return Err(format!("{kind} operation missing path: missing value")),
        };
        match kind {
            "add" => add(&mut out, path, value)?,
            "remove" => {
                remove(&mut out, path)?;
            }
            "replace" => replace(&mut out, path, value)?,
            "test" => test(&out, path, &value)?,
            "move" | "copy" => {
                let from = from.ok_or_else(|| format!("{kind} operation missing from: missing value"))?;
                let v = if kind == "move" {
                    remove(&mut out, from).map_err(|_| {
                        format!("move operation does not apply: doc is missing from path: {from}: missing value")
                    })?
                } else {
                    get(&out, from).cloned().ok_or_else(|| {
                        format!("copy operation does not apply: doc is missing from path: {from}: missing value")
                    })?
                };
                add(&mut out, path, v)?;
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jp(doc: Value, ops: Value) -> Result<Value, String> {
        apply_json_patch(&doc, ops.as_array().unwrap())
    }

    #[test]
    fn add_replace_remove() {
        let d = json!({"spec": {"running": false, "list": [1, 2]}});
        let r = jp(
            d.clone(),
            json!([
                {"op": "replace", "path": "/spec/running", "value": true},
                {"op": "add", "path": "/spec/list/-", "value": 3},
                {"op": "add", "path": "/spec/list/0", "value": 0},
                {"op": "remove", "path": "/spec/list/1"},
                {"op": "add", "path": "/spec/x~1y", "value": "z"}
            ]),
        )
        .unwrap();
        assert_eq!(r, json!({"spec": {"running": true, "list": [0, 2, 3], "x/y": "z"}}));
    }

    #[test]
    fn test_op_semantics() {
        let d = json!({"spec": {"runStrategy": "Halted"}, "status": {}});
        assert!(
            jp(
                d.clone(),
                json!([{"op": "test", "path": "/spec/runStrategy", "value": "Halted"}])
            )
            .is_ok()
        );
        assert!(
            jp(
                d.clone(),
                json!([{"op": "test", "path": "/spec/running", "value": null}])
            )
            .is_ok()
        );
        assert_eq!(
            jp(
                d.clone(),
                json!([{"op": "test", "path": "/spec/runStrategy", "value": "Always"}])
            )
            .unwrap_err(),
            "testing value /spec/runStrategy failed: test failed"
        );
        assert_eq!(
            jp(
                d.clone(),
                json!([{"op": "test", "path": "/status/stateChangeRequests", "value": [1]}])
            )
            .unwrap_err(),
            "testing value /status/stateChangeRequests failed: test failed"
        );
    }

    #[test]
    fn missing_paths() {
        let d = json!({"spec": {}});
        assert!(
            jp(d.clone(), json!([{"op": "replace", "path": "/spec/x", "value": 1}]))
                .unwrap_err()
                .contains("replace operation does not apply")
        );
        assert!(
            jp(d.clone(), json!([{"op": "add", "path": "/a/b", "value": 1}]))
                .unwrap_err()
                .contains("add operation does not apply")
        );
        assert!(jp(d, json!([{"op": "remove", "path": "/spec/x"}])).is_err());
    }

    #[test]
    fn move_copy() {
        let d = json!({"a": 1});
        assert_eq!(
            jp(d.clone(), json!([{"op": "copy", "from": "/a", "path": "/b"}])).unwrap(),
            json!({"a": 1, "b": 1})
        );
        assert_eq!(
            jp(d, json!([{"op": "move", "from": "/a", "path": "/c"}])).unwrap(),
            json!({"c": 1})
        );
    }

    #[test]
    fn merge_patch_and_errors() {
        let d = json!({"metadata": {"labels": {"a": "1", "b": "2"}}});
        let r = apply(&d, PatchType::Merge, br#"{"metadata":{"labels":{"a":null,"c":"3"}}}"#).unwrap();
        assert_eq!(r, json!({"metadata": {"labels": {"b": "2", "c": "3"}}}));
        let e = apply(
            &d,
            PatchType::Json,
            br#"[{"op":"test","path":"/metadata/name","value":"x"}]"#,
        )
        .unwrap_err();
        assert_eq!(e.code, 422);
        assert_eq!(e.reason, "Invalid");
        assert_eq!(apply(&d, PatchType::Json, b"{").unwrap_err().code, 400);
        assert_eq!(
            PatchType::from_content_type("application/merge-patch+json; charset=utf-8"),
            Some(PatchType::Merge)
        );
    }
}
