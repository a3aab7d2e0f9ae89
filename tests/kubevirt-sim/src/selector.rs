//! Label selectors (`k8s.io/apimachinery/pkg/labels`) and the field selectors the simulator
//! supports (`metadata.name`, `metadata.namespace`, `status.phase`, `spec.nodeName`).

use serde_json::Value;

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

    /// Checks the selector's fields are supported for this kind, with apiserver's message.
    pub fn validate(&self) -> Result<(), String> {
        for (f, _, _) in &self.reqs {
            if field_path(f).is_none() {
                return Err(format!("field label not supported: {f}"));
            }
        }
        Ok(())
    }

    pub fn matches(&self, obj: &Value) -> bool {
        self.reqs.iter().all(|(f, eq, v)| {
            let actual = field_path(f)
                .and_then(|p| obj.pointer(p))
                .and_then(|x| x.as_str())
                .unwrap_or("");
            (actual == v) == *eq
        })
    }
}

fn field_path(f: &str) -> Option<&'static str> {
    Some(match f {
        "metadata.name" => "/metadata/name",
        "metadata.namespace" => "/metadata/namespace",
        "status.phase" => "/status/phase",
        "spec.nodeName" => "/spec/nodeName",
        "status.nodeName" => "/status/nodeName",
        "type" => "/type",
        "involvedObject.name" => "/involvedObject/name",
        "involvedObject.kind" => "/involvedObject/kind",
        "involvedObject.uid" => "/involvedObject/uid",
        // The rest of an Event's field labels (`event.ToSelectableFields`).
        "involvedObject.namespace" => "/involvedObject/namespace",
        "involvedObject.apiVersion" => "/involvedObject/apiVersion",
        "involvedObject.resourceVersion" => "/involvedObject/resourceVersion",
        "involvedObject.fieldPath" => "/involvedObject/fieldPath",
        "reason" => "/reason",
        "reportingComponent" => "/reportingComponent",
        "source" => "/source/component",
        _ => return None,
    })
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
        assert!(FieldSelector::parse("spec.foo=x").unwrap().validate().is_err());
    }
}
