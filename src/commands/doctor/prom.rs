//! Prometheus / Alertmanager mode: find the endpoints (explicit
//! `svc://NAMESPACE/SERVICE:PORT`, or prometheus-operator's Services in the candidate
//! namespaces, through the API server's service proxy), read the firing/pending alerts and the
//! silences, and merge them into the results; KubeVirt-family alerts the catalog does not know
//! are reported under `other`.

use serde_json::{Value, json};

use super::DoctorArgs;
use super::catalog::find;
use super::facts::{Facts, Kind, str_at, str_in};
use super::model::{Component, Finding, Outcome, Status};
use super::report;
use std::path::Path;

use secrecy::SecretString;

use crate::cluster::Cluster;
use crate::cluster::api::{Api, Request};
use crate::cluster::resources;
use crate::cluster::route::{RouteClient, read_ca_file};
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

/// Where a monitoring API is read: through the API server's service proxy, or directly over
/// HTTPS (an explicit URL or an OpenShift Route).
#[derive(Debug, Clone, PartialEq)]
pub enum Endpoint {
    Proxy {
        namespace: String,
        service: String,
        port: String,
    },
    Direct(String),
}

impl Endpoint {
    /// `svc://NAMESPACE/SERVICE[:PORT]` or `https://HOST[/PATH]`; `None` for anything else
    /// (plain `http://` would carry the bearer token in clear text).
    pub fn parse(text: &str) -> Option<Endpoint> {
        if let Some(rest) = text.strip_prefix("https://") {
            return (!rest.is_empty()).then(|| Endpoint::Direct(text.trim_end_matches('/').to_string()));
        }
        let rest = text.strip_prefix("svc://")?;
        let (namespace, svc) = rest.split_once('/')?;
        let (service, port) = svc.split_once(':').unwrap_or((svc, "web"));
        Some(Endpoint::Proxy {
            namespace: namespace.to_string(),
            service: service.to_string(),
            port: port.to_string(),
        })
    }

    fn url(&self) -> String {
        match self {
            Endpoint::Proxy {
                namespace,
                service,
                port,
            } => format!("svc://{namespace}/{service}:{port}"),
            Endpoint::Direct(url) => crate::cluster::api::without_credentials(url),
        }
    }
}

/// How the monitoring APIs are reached: the API server's service proxy, and an HTTPS client for
/// Routes and explicit URLs.
pub struct Access<'a> {
    pub api: &'a Api,
    pub direct: RouteClient,
}

impl Access<'_> {
    /// The HTTPS client trusts the kubeconfig's CAs plus `--prometheus-ca-file`, and sends the
    /// token of `--prometheus-token-file`, else the kubeconfig's. Bad files are errors here,
    /// before anything is read.
    pub fn new<'a>(api: &'a Api, args: &DoctorArgs, cluster: &Cluster, insecure: bool) -> Result<Access<'a>> {
        let mut trusted = cluster.cluster_ca.clone();
        if let Some(path) = &args.prometheus_ca_file {
            trusted.extend(read_ca_file(Path::new(path))?);
        }
        let token = match &args.prometheus_token_file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Error::Io(format!("cannot read --prometheus-token-file {path}: {e}")))?;
                let text = text.trim();
                if text.is_empty() {
                    return Err(Error::Usage(format!("--prometheus-token-file {path} is empty")));
                }
                Some(SecretString::from(text.to_string()))
            }
            None => cluster.bearer_token.clone(),
        };
        Ok(Access {
            api,
            direct: RouteClient::new(&trusted, insecure, token)?,
        })
    }

    async fn fetch(&self, ep: &Endpoint, rest: &str) -> Result<Value> {
        match ep {
            Endpoint::Proxy {
                namespace,
                service,
                port,
            } => {
                let mut last = None;
                for scheme in ["http", "https"] {
                    let path = resources::service_proxy(namespace, scheme, service, port, rest);
                    match self.api.send(Request::get(path)).await {
                        Ok(r) => return r.json(),
                        Err(e) => last = Some(e),
                    }
                }
                Err(last.unwrap_or_else(|| Error::Other("no answer".into())))
            }
            Endpoint::Direct(base) => self.direct.get_json(&format!("{base}{rest}")).await,
        }
    }

    /// The OpenShift Route `name` in `openshift-monitoring` (tried before the Services, since
    /// OpenShift serves its monitoring stack through Routes), if any.
    async fn route(&self, name: &str) -> Option<Endpoint> {
        let path = resources::ROUTES.object(Some("openshift-monitoring"), name);
        let route: Value = self.api.send(Request::get(path)).await.ok()?.json().ok()?;
        let host = str_in(&route, "/spec/host");
        (!host.is_empty()).then(|| Endpoint::Direct(format!("https://{host}")))
    }
}

fn candidates(f: &Facts, service: &str) -> Vec<Endpoint> {
    let mut namespaces: Vec<String> = f
        .items(Kind::KubeVirts)
        .iter()
        .map(|k| str_at(k, "/spec/monitorNamespace").to_string())
        .filter(|n| !n.is_empty())
        .collect();
    namespaces.extend(["openshift-monitoring".to_string(), "monitoring".to_string()]);
    let mut seen = std::collections::BTreeSet::new();
    namespaces
        .into_iter()
        .filter(|n| seen.insert(n.clone()))
        .map(|namespace| Endpoint::Proxy {
            namespace,
            service: service.to_string(),
            port: "web".to_string(),
        })
        .collect()
}

/// One monitoring API to find: the flag's value, the OpenShift Route and the
/// prometheus-operator Service that serve it, and the path to read.
struct Target<'a> {
    /// `Prometheus` or `Alertmanager`, for messages.
    label: &'static str,
    flag: &'a str,
    route: &'static str,
    service: &'static str,
    rest: &'static str,
}

/// What discovery came to.
enum Found {
    Used(Endpoint, Value, &'static str),
    Unavailable(String),
    Disabled,
}

impl Found {
    fn source(&self) -> Value {
        match self {
            Found::Used(ep, _, via) => json!({"state": "used", "via": via, "url": ep.url()}),
            Found::Unavailable(reason) => json!({"state": "unavailable", "reason": reason}),
            Found::Disabled => json!({"state": "disabled"}),
        }
    }
}

/// Finds one endpoint (explicit URL, OpenShift Route, or prometheus-operator Service) and reads
/// `rest` from it. An explicit URL that fails is an error; failed discovery is only reported.
async fn discover(access: &Access<'_>, f: &Facts, target: Target<'_>) -> Result<Found> {
    match target.flag {
        "off" => Ok(Found::Disabled),
        "auto" => {
            if f.groups.contains_key("route.openshift.io")
                && let Some(ep) = access.route(target.route).await
            {
                if !access.direct.has_token() {
                    return Ok(Found::Unavailable("no bearer token".into()));
                }
                return Ok(match access.fetch(&ep, target.rest).await {
                    Ok(v) => Found::Used(ep, v, "route"),
                    Err(e) => Found::Unavailable(format!("route {}: {e}", target.route)),
                });
            }
            for ep in candidates(f, target.service) {
                if let Ok(v) = access.fetch(&ep, target.rest).await {
                    return Ok(Found::Used(ep, v, "service-proxy"));
                }
            }
            Ok(Found::Unavailable(format!("no {} endpoint found", target.label)))
        }
        url => {
            let ep = Endpoint::parse(url).ok_or_else(|| {
                Error::Usage(format!(
                    "--prometheus/--alertmanager {url:?}: use auto, off, https://HOST or svc://NAMESPACE/SERVICE:PORT"
                ))
            })?;
            let v = access
                .fetch(&ep, target.rest)
                .await
                .map_err(|e| e.context(format!("cannot read {}", ep.url()), ": "))?;
            Ok(Found::Used(ep, v, "explicit"))
        }
    }
}

pub async fn read(access: &Access<'_>, args: &DoctorArgs, f: &Facts) -> Result<Monitoring> {
    let mut m = Monitoring::default();
    let prometheus = Target {
        label: "Prometheus",
        flag: &args.prometheus,
        route: "thanos-querier",
        service: "prometheus-operated",
        rest: resources::PROMETHEUS_ALERTS,
    };
    let found = discover(access, f, prometheus).await?;
    m.prometheus_source = found.source();
    if let Found::Used(_, v, _) = found {
        m.alerts = v
            .pointer("/data/alerts")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
    }
    let alertmanager = Target {
        label: "Alertmanager",
        flag: &args.alertmanager,
        route: "alertmanager-main",
        service: "alertmanager-operated",
        rest: resources::ALERTMANAGER_ALERTS,
    };
    let found = discover(access, f, alertmanager).await?;
    m.alertmanager_source = found.source();
    if let Found::Used(_, v, _) = found {
        m.silenced = v
            .as_array()
            .into_iter()
            .flatten()
            .filter(|a| str_in(a, "/status/state") == "suppressed")
            .map(|a| str_in(a, "/labels/alertname").to_string())
            .collect();
    }
    Ok(m)
}

/// Joins the alerts to the results: a firing alert sets at least its severity's status, a
/// pending one a pending warning; unknown KubeVirt-family alerts go under `other`.
pub fn merge(results: &mut Vec<report::Result>, m: &Monitoring) {
    let prometheus_used = m.prometheus_source["state"] == "used";
    for alert in &m.alerts {
        let name = str_in(alert, "/labels/alertname");
        let state = str_in(alert, "/state");
        let severity = str_in(alert, "/labels/severity");
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
                if str_in(alert, "/labels/kubernetes_operator_part_of") != "kubevirt" || state != "firing" {
                    continue;
                }
                let summary = str_in(alert, "/annotations/summary");
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
    let name = str_in(alert, "/labels/alertname");
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
    let mut text = format!("Alert {name} {}", str_in(alert, "/state"));
    if let Some(at) = alert.get("activeAt").and_then(Value::as_str) {
        text.push_str(&format!(" since {at}"));
    }
    if !described.is_empty() {
        text.push_str(&format!(": {}", described.join(", ")));
    }
    Finding::new("Alert", namespace, name, text)
        .fact("state", str_in(alert, "/state"))
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
            Some(Endpoint::Proxy {
                namespace: "monitoring".into(),
                service: "prometheus-k8s".into(),
                port: "9090".into()
            })
        );
        assert_eq!(
            Endpoint::parse("https://thanos.apps.example/"),
            Some(Endpoint::Direct("https://thanos.apps.example".into()))
        );
        assert!(Endpoint::parse("http://thanos.apps.example").is_none());
        assert!(Endpoint::parse("https://").is_none());
    }
}
