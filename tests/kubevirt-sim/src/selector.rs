//! Label selectors (`k8s.io/apimachinery/pkg/labels`) and the field selectors the simulator
//! supports (`metadata.name`, `metadata.namespace`, `status.phase`, `spec.nodeName`).

use serde_json::Value;

use crate::kinds::Kind;
use crate::status::go_quote;

#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    Eq(String, String),
    NotEq(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelSelector {
    pub reqs: Vec<Requirement>,
}

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

fn valid_value(v: &str) -> bool {
    v.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Split on commas that are not inside parentheses.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c)
            }
            ')' => {
                depth -= 1;
                cur.push(c)
            }
            ',' if depth == 0 => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

impl LabelSelector {
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut reqs = Vec::new();
        if s.trim().is_empty() {
            return Ok(LabelSelector { reqs });
        }
        for part in split_top(s) {
            let p = part.trim();
            if p.is_empty() {
                return Err(format!("found '', expected: identifier in {s:?}"));
            }
            let req = if let Some(k) = p.strip_prefix('!') {
                let k = k.trim();
                if !valid_key(k) {
                    return Err(format!("invalid label key {k:?}"));
                }
                Requirement::NotExists(k.to_string())
            } else if let Some(i) = p.find("!=") {
                Requirement::NotEq(p[..i].trim().to_string(), p[i + 2..].trim().to_string())
            } else if let Some(i) = p.find("==") {
                Requirement::Eq(p[..i].trim().to_string(), p[i + 2..].trim().to_string())
            } else if let Some(i) = p.find('=') {
                Requirement::Eq(p[..i].trim().to_string(), p[i + 1..].trim().to_string())
            } else if let Some((k, rest)) = split_set_op(p, " notin ") {
                Requirement::NotIn(k, parse_set(&rest)?)
            } else if let Some((k, rest)) = split_set_op(p, " in ") {
                Requirement::In(k, parse_set(&rest)?)
            } else {
                if !valid_key(p) {
                    return Err(format!("invalid label key {p:?}"));
                }
                Requirement::Exists(p.to_string())
            };
            match &req {
                Requirement::Eq(k, v) | Requirement::NotEq(k, v) => {
                    if !valid_key(k) {
                        return Err(format!("invalid label key {k:?}"));
                    }
                    if !valid_value(v) {
                        return Err(format!("invalid label value: {v:?}"));
                    }
                }
                Requirement::In(k, _) | Requirement::NotIn(k, _) if !valid_key(k) => {
                    return Err(format!("invalid label key {k:?}"));
                }
                _ => {}
            }
            reqs.push(req);
        }
        Ok(LabelSelector { reqs })
    }

    pub fn matches_labels(&self, labels: Option<&serde_json::Map<String, Value>>) -> bool {
        let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(|v| v.as_str());
        self.reqs.iter().all(|r| match r {
            Requirement::Eq(k, v) => get(k) == Some(v.as_str()),
            Requirement::NotEq(k, v) => get(k) != Some(v.as_str()),
            Requirement::In(k, vs) => get(k).is_some_and(|x| vs.iter().any(|v| v == x)),
            Requirement::NotIn(k, vs) => !get(k).is_some_and(|x| vs.iter().any(|v| v == x)),
            Requirement::Exists(k) => get(k).is_some(),
            Requirement::NotExists(k) => get(k).is_none(),
        })
    }

    pub fn matches(&self, obj: &Value) -> bool {
        self.matches_labels(obj.pointer("/metadata/labels").and_then(|l| l.as_object()))
    }
}

fn split_set_op(p: &str, op: &str) -> Option<(String, String)> {
    let i = p.find(op)?;
    Some((p[..i].trim().to_string(), p[i + op.len()..].trim().to_string()))
}

fn parse_set(s: &str) -> Result<Vec<String>, String> {
    let inner = s
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .ok_or_else(|| format!("found '{s}', expected: '('"))?;
    Ok(inner
        .split(',')
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect())
}

/// A field selector: a conjunction of `field=value` / `field==value` / `field!=value`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldSelector {
    pub reqs: Vec<(String, bool, String)>,
}

impl FieldSelector {
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut reqs = Vec::new();
        if s.trim().is_empty() {
            return Ok(FieldSelector { reqs });
        }
        for part in s.split(',') {
            let p = part.trim();
            let (k, eq, v) = if let Some(i) = p.find("!=") {
                (&p[..i], false, &p[i + 2..])
            } else if let Some(i) = p.find("==") {
                (&p[..i], true, &p[i + 2..])
            } else if let Some(i) = p.find('=') {
                (&p[..i], true, &p[i + 1..])
            } else {
                return Err(format!("invalid selector: '{p}'; can't understand '{p}'"));
            };
            reqs.push((k.trim().to_string(), eq, v.trim().to_string()));
        }
        Ok(FieldSelector { reqs })
    }

    /// Checks the selector's fields are ones the kind can be selected by, with the apiserver's
    /// message (its field label conversion; answered as 400 BadRequest).
    pub fn validate(&self, kind: &Kind) -> Result<(), String> {
        let labels = field_labels(kind);
        for (f, _, _) in &self.reqs {
            if labels.supports(f) {
                continue;
            }
            return Err(match labels {
                FieldLabels::MetaOnly => format!(
                    "{} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
                    go_quote(f)
                ),
                FieldLabels::Own(_) | FieldLabels::Custom { .. } => format!("field label not supported: {f}"),
            });
        }
        Ok(())
    }

    pub fn matches(&self, obj: &Value) -> bool {
        self.reqs.iter().all(|(f, eq, v)| (field_value(f, obj) == *v) == *eq)
    }
}

/// Which field labels a kind can be selected by.
enum FieldLabels {
    /// the kind's own conversion function: exactly these labels
    Own(&'static [&'static str]),
    /// a custom resource: `metadata.name`, and `metadata.namespace` when namespaced
    Custom { namespaced: bool },
    /// no conversion function: the scheme's default, the two metadata labels
    MetaOnly,
}

impl FieldLabels {
    fn supports(&self, label: &str) -> bool {
        match self {
            FieldLabels::Own(labels) => labels.contains(&label),
            FieldLabels::Custom { namespaced } => {
                label == "metadata.name" || (*namespaced && label == "metadata.namespace")
            }
            FieldLabels::MetaOnly => matches!(label, "metadata.name" | "metadata.namespace"),
        }
    }
}

/// The field label conversions of `pkg/apis/core/v1/conversion.go` (and batch's, OpenShift's
/// Route's), the CRD handler's for custom resources.
fn field_labels(kind: &Kind) -> FieldLabels {
    const META: [&str; 2] = ["metadata.name", "metadata.namespace"];
    match (kind.group, kind.plural) {
        ("", "pods") => FieldLabels::Own(&[
            META[0],
            META[1],
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
            "spec.host",
        ]),
        ("", "nodes") => FieldLabels::Own(&[META[0], "spec.unschedulable"]),
        ("", "namespaces") => FieldLabels::Own(&["status.phase", META[0]]),
        ("", "secrets") => FieldLabels::Own(&["type", META[1], META[0]]),
        ("", "services") => FieldLabels::Own(&[META[1], META[0], "spec.clusterIP", "spec.type"]),
        ("", "events") => FieldLabels::Own(&[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
            META[1],
            META[0],
        ]),
        ("batch", "jobs") => FieldLabels::Own(&[META[0], META[1], "status.successful"]),
        ("route.openshift.io", "routes") => {
            FieldLabels::Own(&[META[0], META[1], "spec.path", "spec.host", "spec.to.name"])
        }
        (group, _) if crate::kinds::served_by_crds(group) => FieldLabels::Custom {
            namespaced: kind.namespaced,
        },
        _ => FieldLabels::MetaOnly,
    }
}

/// The value a field label selects on, as the kind's `ToSelectableFields` renders it (booleans
/// and counts as text, Go's zero values when unset).
fn field_value(label: &str, obj: &Value) -> String {
    let text = |p: &str| obj.pointer(p).and_then(Value::as_str).unwrap_or("").to_string();
    match label {
        "spec.host" => text("/spec/nodeName"),
        "source" => text("/source/component"),
        "status.podIPs" => text("/status/podIPs/0/ip"),
        "spec.unschedulable" | "spec.hostNetwork" => {
            let pointer = format!("/{}", label.replace('.', "/"));
            obj.pointer(&pointer)
                .and_then(Value::as_bool)
                .unwrap_or(false)
                .to_string()
        }
        "status.successful" => obj
            .pointer("/status/succeeded")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            .to_string(),
        _ => text(&format!("/{}", label.replace('.', "/"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(labels: Value) -> Value {
        json!({"metadata": {"name": "a", "labels": labels}})
    }

    #[test]
    fn equality_forms() {
        let o = obj(json!({"kubevirt.io/vmi-name": "vm1", "env": "prod"}));
        for s in [
            "kubevirt.io/vmi-name==vm1",
            "kubevirt.io/vmi-name=vm1",
            "env!=dev",
            "env=prod,kubevirt.io/vmi-name=vm1",
        ] {
            assert!(LabelSelector::parse(s).unwrap().matches(&o), "{s}");
        }
        assert!(!LabelSelector::parse("env=dev").unwrap().matches(&o));
        assert!(!LabelSelector::parse("env!=prod").unwrap().matches(&o));
    }

    #[test]
    fn set_forms() {
        let o = obj(json!({"env": "prod"}));
        assert!(LabelSelector::parse("env in (prod, dev)").unwrap().matches(&o));
        assert!(!LabelSelector::parse("env notin (prod,dev)").unwrap().matches(&o));
        assert!(LabelSelector::parse("tier notin (web)").unwrap().matches(&o));
        assert!(!LabelSelector::parse("tier in (web)").unwrap().matches(&o));
        assert!(LabelSelector::parse("env,!tier").unwrap().matches(&o));
        assert!(!LabelSelector::parse("tier").unwrap().matches(&o));
        assert!(!LabelSelector::parse("!env").unwrap().matches(&o));
        assert_eq!(
            LabelSelector::parse("a in (x,y),b").unwrap().reqs,
            vec![
                Requirement::In("a".into(), vec!["x".into(), "y".into()]),
                Requirement::Exists("b".into())
            ]
        );
    }

    #[test]
    fn empty_and_invalid() {
        assert!(LabelSelector::parse("").unwrap().matches(&json!({"metadata": {}})));
        assert!(LabelSelector::parse("a=b c").is_err());
        assert!(LabelSelector::parse("a in x").is_err());
    }

    #[test]
    fn field_selector() {
        let o = json!({"metadata": {"name": "vm1", "namespace": "ns"}, "status": {"phase": "Running"}});
        assert!(FieldSelector::parse("metadata.name=vm1").unwrap().matches(&o));
        assert!(
            FieldSelector::parse("metadata.name==vm1,status.phase=Running")
                .unwrap()
                .matches(&o)
        );
        assert!(!FieldSelector::parse("metadata.name!=vm1").unwrap().matches(&o));
        let vm = crate::kinds::resolve("vm").unwrap();
        assert_eq!(
            FieldSelector::parse("spec.foo=x").unwrap().validate(vm),
            Err("field label not supported: spec.foo".into())
        );
        assert!(
            FieldSelector::parse("metadata.namespace=x")
                .unwrap()
                .validate(vm)
                .is_ok()
        );
        let node = crate::kinds::resolve("nodes").unwrap();
        assert!(
            FieldSelector::parse("metadata.namespace=x")
                .unwrap()
                .validate(node)
                .is_err()
        );
        let unschedulable = FieldSelector::parse("spec.unschedulable=false").unwrap();
        assert!(unschedulable.validate(node).is_ok());
        assert!(unschedulable.matches(&json!({"spec": {}})));
        let cm = crate::kinds::resolve("configmaps").unwrap();
        assert_eq!(
            FieldSelector::parse("data.x=y").unwrap().validate(cm),
            Err(r#""data.x" is not a known field selector: only "metadata.name", "metadata.namespace""#.into())
        );
    }
}
