//! Prometheus / Alertmanager mode (spec §3.6): find the endpoints (explicit
//! `svc://NAMESPACE/SERVICE:PORT`, or prometheus-operator's Services in the candidate
//! namespaces, through the API server's service proxy), read the firing/pending alerts and the
//! silences, and merge them into the results; KubeVirt-family alerts the catalog does not know
//! are reported under `other`.

use serde_json::{Value, json};

use super::DoctorArgs;
use super::catalog::find;
use super::facts::{Facts, K, str_at};
use super::model::{Component, Finding, Outcome, Status};
use super::report;
use crate::cluster::api::{Api, Request};
use crate::error::{Error, Result};

/// What the monitoring stack said.
#[derive(Debug, Default)]
pub struct Monitoring {
    pub alerts: Vec<Value>,
    /// Alertmanager alerts (for silences).
    pub silenced: Vec<String>,
    pub prometheus_source: Value,
    pub alertmanager_source: Value,
}

/// A service reached through the API server's proxy.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub namespace: String,
    pub service: String,
    pub port: String,
}

impl Endpoint {
    pub fn parse(text: &str) -> Option<Endpoint> {
        let rest = text.strip_prefix("svc://")?;
        let (namespace, svc) = rest.split_once('/')?;
        let (service, port) = svc.split_once(':').unwrap_or((svc, "web"));
        Some(Endpoint {
            namespace: namespace.to_string(),
            service: service.to_string(),
            port: port.to_string(),
        })
    }

    fn path(&self, scheme: &str, rest: &str) -> String {
        format!(
            "/api/v1/namespaces/{}/services/{scheme}:{}:{}/proxy{rest}",
            self.namespace, self.service, self.port
        )
    }

    fn url(&self) -> String {
        format!("svc://{}/{}:{}", self.namespace, self.service, self.port)
    }
}

async fn fetch(api: &Api, ep: &Endpoint, rest: &str) -> Result<Value> {
    let mut last = None;
    for scheme in ["http", "https"] {
        match api.send(Request::get(ep.path(scheme, rest))).await {
            Ok(r) => return r.json(),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::Other("no answer".into())))
}

fn candidates(f: &Facts, service: &str) -> Vec<Endpoint> {
    let mut namespaces: Vec<String> = f
        .items(K::KubeVirts)
        .iter()
        .map(|k| str_at(k, "/spec/monitorNamespace").to_string())
        .filter(|n| !n.is_empty())
        .collect();
    namespaces.extend(["openshift-monitoring".to_string(), "monitoring".to_string()]);
    let mut seen = std::collections::BTreeSet::new();
    namespaces
        .into_iter()
        .filter(|n| seen.insert(n.clone()))
        .map(|namespace| Endpoint {
            namespace,
            service: service.to_string(),
            port: "web".to_string(),
        })
        .collect()
}

/// Finds one endpoint (explicit or discovered) and reads `rest` from it.
async fn discover(
    api: &Api,
    f: &Facts,
    flag: &str,
    service: &str,
    rest: &str,
) -> Result<Option<(Endpoint, Value, &'static str)>> {
    match flag {
        "off" => Ok(None),
        "auto" => {
            for ep in candidates(f, service) {
                if let Ok(v) = fetch(api, &ep, rest).await {
                    return Ok(Some((ep, v, "service-proxy")));
                }
            }
            Ok(None)
        }
        url => {
            let ep = Endpoint::parse(url).ok_or_else(|| {
                Error::Usage(format!(
                    "--prometheus/--alertmanager {url:?}: use auto, off or svc://NAMESPACE/SERVICE:PORT"
                ))
            })?;
            let v = fetch(api, &ep, rest)
                .await
                .map_err(|e| e.context(format!("cannot read {}", ep.url()), ": "))?;
            Ok(Some((ep, v, "explicit")))
        }
    }
}

pub async fn read(api: &Api, args: &DoctorArgs, f: &Facts) -> Result<Monitoring> {
    let mut m = Monitoring {
        prometheus_source: json!({"state": "unavailable", "reason": "no Prometheus endpoint found"}),
        alertmanager_source: json!({"state": "unavailable", "reason": "no Alertmanager endpoint found"}),
        ..Monitoring::default()
    };
    if args.prometheus == "off" {
        m.prometheus_source = json!({"state": "disabled"});
    }
    if args.alertmanager == "off" {
        m.alertmanager_source = json!({"state": "disabled"});
    }
    if let Some((ep, v, via)) = discover(api, f, &args.prometheus, "prometheus-operated", "/api/v1/alerts").await? {
        m.alerts = v
            .pointer("/data/alerts")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        m.prometheus_source = json!({"state": "used", "via": via, "url": ep.url()});
    }
    if let Some((ep, v, via)) = discover(
        api,
        f,
        &args.alertmanager,
        "alertmanager-operated",
        "/api/v2/alerts?active=true&silenced=true&inhibited=true",
    )
    .await?
    {
        m.silenced = v
            .as_array()
            .into_iter()
            .flatten()
            .filter(|a| str_at(a, "/status/state") == "suppressed")
            .map(|a| str_at(a, "/labels/alertname").to_string())
            .collect();
        m.alertmanager_source = json!({"state": "used", "via": via, "url": ep.url()});
    }
    Ok(m)
}

/// Joins the alerts to the results: a firing alert sets at least its severity's status, a
/// pending one a pending warning; unknown KubeVirt-family alerts go under `other`.
pub fn merge(results: &mut Vec<report::Result>, m: &Monitoring) {
    let prometheus_used = m.prometheus_source["state"] == "used";
    for alert in &m.alerts {
        let name = str_at(alert, "/labels/alertname");
        let state = str_at(alert, "/state");
        let severity = str_at(alert, "/labels/severity");
        let entry = json!({"alertname": name, "state": state, "activeAt": alert.get("activeAt"),
                           "severity": severity, "silenced": m.silenced.iter().any(|s| s == name)});
        let status = if severity == "critical" {
            Status::Critical
        } else {
            Status::Warning
        };
        match find(name) {
            Some(meta) => {
                let Some(r) = results.iter_mut().find(|r| r.name == meta.name) else {
                    continue;
                };
                r.alerts.push(entry);
                r.outcome.findings.push(alert_finding(alert));
                let o = &mut r.outcome;
                if state == "firing" {
                    if o.status < status || o.pending {
                        o.status = o.status.max(status);
                        o.pending = false;
                        o.skip = None;
                        if o.summary.is_empty() || o.summary.starts_with("needs-prometheus") {
                            o.summary = format!("alert {name} is firing");
                        }
                    }
                } else if state == "pending" && o.status < Status::Warning {
                    o.status = Status::Warning;
                    o.pending = true;
                    o.skip = None;
                    o.summary = format!("alert {name} is pending");
                }
            }
            None => {
                if str_at(alert, "/labels/kubernetes_operator_part_of") != "kubevirt" || state != "firing" {
                    continue;
                }
                let summary = str_at(alert, "/annotations/summary");
                let mut outcome = Outcome::ok(if summary.is_empty() {
                    format!("alert {name} is firing")
                } else {
                    summary.to_string()
                });
                outcome.status = status;
                results.push(report::Result {
                    meta: None,
                    name: name.to_string(),
                    component: Component::Other,
                    outcome,
                    alerts: vec![entry],
                });
            }
        }
    }
    if prometheus_used {
        for r in results.iter_mut() {
            let Some(meta) = r.meta else { continue };
            if r.outcome.status == Status::Critical && r.alerts.is_empty() && meta.coverage != super::model::Coverage::X
            {
                r.outcome.summary.push_str(
                    " (alert not firing: for-duration not reached, rule not deployed, or Prometheus lagging)",
                );
            }
            // With Prometheus, a metrics-only check that no alert fired for is ok.
            if r.alerts.is_empty()
                && r.outcome
                    .skip
                    .as_ref()
                    .is_some_and(|(c, _)| *c == super::model::SkipCode::NeedsPrometheus)
            {
                r.outcome = Outcome::ok(format!("alert {} is not firing", meta.name));
            }
        }
    }
}

/// An alert as evidence: its state, since when, and the labels that say what it is about.
fn alert_finding(alert: &Value) -> Finding {
    let name = str_at(alert, "/labels/alertname");
    let labels: serde_json::Map<String, Value> = alert
        .pointer("/labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(k, _)| !matches!(k.as_str(), "alertname" | "severity" | "kubernetes_operator_part_of"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let described: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
        .collect();
    let namespace = labels.get("namespace").and_then(Value::as_str);
    let mut text = format!("Alert {name} {}", str_at(alert, "/state"));
    if let Some(at) = alert.get("activeAt").and_then(Value::as_str) {
        text.push_str(&format!(" since {at}"));
    }
    if !described.is_empty() {
        text.push_str(&format!(": {}", described.join(", ")));
    }
    Finding::new("Alert", namespace, name, text)
        .fact("state", str_at(alert, "/state"))
        .fact("labels", Value::Object(labels))
        .fact("value", alert.get("value").cloned().unwrap_or(Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_parse() {
        assert_eq!(
            Endpoint::parse("svc://monitoring/prometheus-k8s:9090"),
            Some(Endpoint {
                namespace: "monitoring".into(),
                service: "prometheus-k8s".into(),
                port: "9090".into()
            })
        );
        assert!(Endpoint::parse("https://x").is_none());
    }
}
