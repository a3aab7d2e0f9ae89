//! Services as the API server stores them: the defaulters and the registry's allocations on
//! create (a dual-stack cluster: service CIDRs `10.96.0.0/16` and `fd00:10:96::/112`; cluster IPs
//! per family, node ports for NodePort/LoadBalancer, `targetPort` = `port` when unset, the
//! traffic policies), and `ValidateService`'s common refusals with its field paths and texts
//! (port range, port names, target port names, cluster and external IPs, families and policy).
//! And what the endpoints controller derives from a Service: whether it selects a ready pod
//! ([`has_ready_endpoint`]), which the aggregator and the upload proxy's Route follow.

use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Map, Value, json};

use crate::kinds::{self, Kind};
use crate::object::{array_at, deleting, pod_kind};
use crate::status::{ApiError, FieldError};
use crate::store::Inner;

static NEXT_IP: AtomicU32 = AtomicU32::new(10);
static NEXT_NODE_PORT: AtomicU32 = AtomicU32::new(30080);

fn field_error(reason: &'static str, field: &str, value: Option<String>, detail: &str) -> FieldError {
    FieldError {
        reason,
        field: field.to_string(),
        detail: detail.to_string(),
        value,
    }
}

fn quoted(s: &str) -> Option<String> {
    Some(crate::status::go_quote(s))
}

/// `IsValidPortName`: an IANA service name.
fn port_name_problem(name: &str) -> Option<&'static str> {
    if name.len() > 15 {
        return Some("must be no more than 15 characters");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Some("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if !name.chars().any(|c| c.is_ascii_lowercase()) {
        return Some("must contain at least one letter (a-z)");
    }
    if name.contains("--") {
        return Some("must not contain consecutive hyphens");
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("must not begin or end with a hyphen");
    }
    None
}

const DNS_LABEL_TEXT: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

fn is_dns_label(name: &str) -> bool {
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    name.len() <= 63 && name.chars().all(|c| ok(c) || c == '-') && name.starts_with(ok) && name.ends_with(ok)
}

fn family_of(ip: &str) -> Option<&'static str> {
    match ip.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(_) => Some("IPv4"),
        std::net::IpAddr::V6(_) => Some("IPv6"),
    }
}

/// `ValidateService` (create), on the defaulted object.
fn validate(svc: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let spec = &svc["spec"];
    let ports = spec["ports"].as_array().cloned().unwrap_or_default();
    let headless = spec["clusterIP"] == "None";
    if ports.is_empty() && !headless {
        errors.push(field_error("FieldValueRequired", "spec.ports", None, ""));
    }
    let mut names = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        let path = format!("spec.ports[{i}]");
        let name = port["name"].as_str().unwrap_or("");
        if ports.len() > 1 && name.is_empty() {
            errors.push(field_error("FieldValueRequired", &format!("{path}.name"), None, ""));
        } else if !name.is_empty() {
            if !is_dns_label(name) {
                errors.push(field_error(
                    "FieldValueInvalid",
                    &format!("{path}.name"),
                    quoted(name),
                    DNS_LABEL_TEXT,
                ));
            } else if names.contains(&name) {
                errors.push(field_error(
                    "FieldValueDuplicate",
                    &format!("{path}.name"),
                    quoted(name),
                    "",
                ));
            }
            names.push(name);
        }
        let number = port["port"].as_i64().unwrap_or(0);
        if !(1..=65535).contains(&number) {
            errors.push(field_error(
                "FieldValueInvalid",
                &format!("{path}.port"),
                Some(number.to_string()),
                "must be between 1 and 65535, inclusive",
            ));
        }
        match &port["targetPort"] {
            Value::Number(n) if !(1..=65535).contains(&n.as_i64().unwrap_or(0)) => errors.push(field_error(
                "FieldValueInvalid",
                &format!("{path}.targetPort"),
                Some(n.to_string()),
                "must be between 1 and 65535, inclusive",
            )),
            Value::String(s) => {
                if let Some(problem) = port_name_problem(s) {
                    errors.push(field_error(
                        "FieldValueInvalid",
                        &format!("{path}.targetPort"),
                        quoted(s),
                        problem,
                    ));
                }
            }
            _ => {}
        }
        let protocol = port["protocol"].as_str().unwrap_or("");
        if !matches!(protocol, "TCP" | "UDP" | "SCTP") {
            errors.push(field_error(
                "FieldValueNotSupported",
                &format!("{path}.protocol"),
                quoted(protocol),
                "supported values: \"SCTP\", \"TCP\", \"UDP\"",
            ));
        }
    }
    if let Some(ip) = spec["clusterIP"].as_str().filter(|ip| *ip != "None" && !ip.is_empty())
        && family_of(ip).is_none()
    {
        errors.push(field_error(
            "FieldValueInvalid",
            "spec.clusterIPs[0]",
            quoted(ip),
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        ));
    }
    for (i, ip) in spec["externalIPs"].as_array().into_iter().flatten().enumerate() {
        let ip = ip.as_str().unwrap_or("");
        if family_of(ip).is_none() {
            errors.push(field_error(
                "FieldValueInvalid",
                &format!("spec.externalIPs[{i}]"),
                quoted(ip),
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ));
        }
    }
    let families = spec["ipFamilies"].as_array().cloned().unwrap_or_default();
    if families.len() == 2 && families[0] == families[1] {
        errors.push(field_error(
            "FieldValueDuplicate",
            "spec.ipFamilies[1]",
            quoted(families[1].as_str().unwrap_or("")),
            "",
        ));
    }
    if spec["ipFamilyPolicy"] == "SingleStack" && families.len() > 1 {
        errors.push(field_error(
            "FieldValueInvalid",
            "spec.ipFamilies",
            Some(format!("{:?}", families.iter().filter_map(Value::as_str).collect::<Vec<_>>()).replace(',', "")),
            "when spec.ipFamilyPolicy is SingleStack, no more than 1 IP family may be set",
        ));
    }
    errors
}

fn allocate_ip(family: &str) -> String {
    let n = NEXT_IP.fetch_add(1, Ordering::Relaxed);
    match family {
        "IPv6" => format!("fd00:10:96::{:x}", n),
        _ => format!("10.96.{}.{}", (n / 250) % 256, 1 + n % 250),
    }
}

/// The defaulters and allocations of a created Service.
fn default(svc: &mut Value) {
    if !svc["spec"].is_object() {
        svc["spec"] = json!({});
    }
    let spec = svc["spec"].as_object_mut().expect("spec is an object");
    let service_type = spec
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .unwrap_or("ClusterIP")
        .to_string();
    spec.insert("type".into(), json!(service_type));
    spec.entry("sessionAffinity").or_insert(json!("None"));
    spec.entry("internalTrafficPolicy").or_insert(json!("Cluster"));
    if service_type != "ClusterIP" {
        spec.entry("externalTrafficPolicy").or_insert(json!("Cluster"));
    }
    if service_type == "LoadBalancer" {
        spec.entry("allocateLoadBalancerNodePorts").or_insert(json!(true));
    }
    let node_ports = service_type != "ClusterIP";
    if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
        for port in ports.iter_mut() {
            let Some(p) = port.as_object_mut() else { continue };
            p.entry("protocol").or_insert(json!("TCP"));
            let unset = match p.get("targetPort") {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.is_empty(),
                Some(Value::Number(n)) => n.as_i64() == Some(0),
                _ => false,
            };
            if unset {
                let number = p.get("port").cloned().unwrap_or(json!(0));
                p.insert("targetPort".into(), number);
            }
            if node_ports && p.get("nodePort").is_none_or(|n| n.as_i64().unwrap_or(0) == 0) {
                let n = NEXT_NODE_PORT.fetch_add(1, Ordering::Relaxed);
                p.insert("nodePort".into(), json!(30000 + (n - 30000) % 2768));
            }
        }
    }
    families_and_ips(spec);
}

/// Which IP families the Service gets (the policy decides how many), then one cluster IP each.
fn families_and_ips(spec: &mut Map<String, Value>) {
    let requested: Vec<String> = spec
        .get("ipFamilies")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect();
    let cluster_ip = spec.get("clusterIP").and_then(Value::as_str).unwrap_or("").to_string();
    let policy = spec
        .get("ipFamilyPolicy")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| "SingleStack".into());
    spec.insert("ipFamilyPolicy".into(), json!(policy));
    let first = requested
        .first()
        .cloned()
        .or_else(|| family_of(&cluster_ip).map(str::to_string))
        .unwrap_or_else(|| "IPv4".into());
    let mut families = vec![first.clone()];
    if policy != "SingleStack" {
        let second = requested
            .get(1)
            .cloned()
            .unwrap_or_else(|| if first == "IPv4" { "IPv6".into() } else { "IPv4".into() });
        families.push(second);
    } else if requested.len() > 1 {
        families = requested.clone();
    }
    spec.insert("ipFamilies".into(), json!(families));
    let ips: Vec<String> = if cluster_ip == "None" {
        vec!["None".into()]
    } else {
        families
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if i == 0 && !cluster_ip.is_empty() {
                    cluster_ip.clone()
                } else {
                    allocate_ip(f)
                }
            })
            .collect()
    };
    spec.insert("clusterIP".into(), json!(ips[0]));
    spec.insert("clusterIPs".into(), json!(ips));
}

/// The create path of a Service: defaults and allocations, then validation (422 Invalid).
pub fn admit(svc: &mut Value) -> Result<(), ApiError> {
    let name = svc
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let type_ok = matches!(
        svc.pointer("/spec/type").and_then(Value::as_str),
        None | Some("" | "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName")
    );
    if !type_ok {
        let t = svc.pointer("/spec/type").and_then(Value::as_str).unwrap_or("");
        return Err(ApiError::invalid(
            "Service",
            "",
            &name,
            &[field_error(
                "FieldValueNotSupported",
                "spec.type",
                quoted(t),
                "supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            )],
        ));
    }
    let mut candidate = svc.clone();
    default(&mut candidate);
    let errors = validate(&candidate);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Service", "", &name, &errors));
    }
    *svc = candidate;
    Ok(())
}

/// The status every Service is stored with.
pub fn default_status(svc: &mut Value) {
    if !svc.get("status").is_some_and(Value::is_object) {
        svc["status"] = json!({});
    }
    if svc["status"].get("loadBalancer").is_none() {
        svc["status"]["loadBalancer"] = json!({});
    }
}

pub fn kind() -> &'static Kind {
    kinds::lookup("", "v1", "services").expect("services is registered")
}

/// Whether a pod the Service selects exists, runs and is ready: an endpoint address, as the
/// endpoints controller publishes one. A Service without a selector has none here.
pub fn has_ready_endpoint(store: &Inner, ns: &str, service: &Value) -> bool {
    let Some(selector) = service.pointer("/spec/selector").and_then(Value::as_object) else {
        return false;
    };
    let selected = |pod: &Value| {
        selector
            .iter()
            .all(|(k, v)| pod.pointer("/metadata/labels").and_then(|l| l.get(k)) == Some(v))
    };
    let ready = |pod: &Value| {
        pod.pointer("/status/phase").and_then(Value::as_str) == Some("Running")
            && array_at(pod, "/status/conditions")
                .iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
    };
    !selector.is_empty()
        && store
            .list_all(pod_kind(), Some(ns))
            .iter()
            .any(|pod| selected(pod) && !deleting(pod) && ready(pod))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_target_port_ips_and_node_ports() {
        let mut svc = json!({"metadata": {"name": "s"}, "spec": {"type": "NodePort", "ports": [{"port": 22, "targetPort": ""}], "ipFamilies": ["IPv6", "IPv4"], "ipFamilyPolicy": "PreferDualStack"}});
        admit(&mut svc).unwrap();
        let spec = &svc["spec"];
        assert_eq!(spec["ports"][0]["targetPort"], 22);
        assert_eq!(spec["ports"][0]["protocol"], "TCP");
        assert!(spec["ports"][0]["nodePort"].as_i64().unwrap() >= 30000);
        assert_eq!(spec["ipFamilies"], json!(["IPv6", "IPv4"]));
        assert_eq!(spec["clusterIPs"].as_array().unwrap().len(), 2);
        assert!(spec["clusterIP"].as_str().unwrap().starts_with("fd00:"));
    }

    #[test]
    fn bad_ports_are_invalid() {
        let mut svc = json!({"metadata": {"name": "s"}, "spec": {"ports": [{"port": 70000}]}});
        let e = admit(&mut svc).unwrap_err();
        assert_eq!(e.code, 422);
        assert_eq!(
            e.message,
            "Service \"s\" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]"
        );
    }
}
