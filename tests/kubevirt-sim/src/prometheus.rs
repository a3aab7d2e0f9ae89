//! A fake Prometheus and Alertmanager behind the API server's service proxy
//! (`/api/v1/namespaces/{ns}/services/[scheme:]{svc}[:port]/proxy/...`), as prometheus-operator's
//! Services `prometheus-operated` and `alertmanager-operated` answer.
//!
//! What they report comes from the ConfigMap `kubevirt-sim-monitoring` in the same namespace:
//! `prometheus-alerts` (the `data.alerts` array of `/api/v1/alerts`), `prometheus-rules` (the
//! `data.groups` array of `/api/v1/rules`) and `alertmanager-alerts` (the `/api/v2/alerts` array).

use serde_json::{Value, json};

use crate::auth::Attributes;
use crate::server::{Reply, Req, SimState};
use crate::status::{ApiError, GroupResource};

pub const CONFIGMAP: &str = "kubevirt-sim-monitoring";

pub fn proxy(state: &SimState, req: &Req<'_>, ns: &str, svc: &str, rest: &[&str]) -> Reply {
    let parts: Vec<&str> = svc.split(':').collect();
    let name = match parts.as_slice() {
        [_, name, _] => *name,
        [name, _] | [name] => *name,
        _ => svc,
    };
    if let Err(e) = req.authorize(Attributes {
        verb: "get",
        group: "",
        resource: "services",
        subresource: "proxy",
        namespace: ns,
        name,
    }) {
        return e.into();
    }
    let store = state.store.lock();
    let services = crate::kinds::lookup("", "v1", "services").expect("services");
    if store.try_get(services, ns, name).is_none() {
        return ApiError::not_found(&GroupResource::new("", "services"), name).into();
    }
    drop(store);
    let prometheus = name.starts_with("prometheus") || name.starts_with("thanos");
    answer(state, ns, prometheus, rest)
}

/// What Prometheus (`prometheus`) or Alertmanager answers on `rest`, from the monitoring
/// ConfigMap in `ns`.
fn answer(state: &SimState, ns: &str, prometheus: bool, rest: &[&str]) -> Reply {
    let store = state.store.lock();
    let cms = crate::kinds::lookup("", "v1", "configmaps").expect("configmaps");
    let data = store
        .try_get(cms, ns, CONFIGMAP)
        .and_then(|c| c.get("data").cloned())
        .unwrap_or(json!({}));
    drop(store);
    let array = |key: &str| -> Value {
        data.get(key)
            .and_then(Value::as_str)
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or(json!([]))
    };
    match (prometheus, rest) {
        (true, ["api", "v1", "alerts"]) => Reply::Json(
            200,
            json!({"status": "success", "data": {"alerts": array("prometheus-alerts")}}),
        ),
        (true, ["api", "v1", "rules"]) => Reply::Json(
            200,
            json!({"status": "success", "data": {"groups": array("prometheus-rules")}}),
        ),
        (true, ["api", "v1", "query"]) => Reply::Json(
            200,
            json!({"status": "success", "data": {"resultType": "vector", "result": []}}),
        ),
        (false, ["api", "v2", "alerts"]) => Reply::Json(200, array("alertmanager-alerts")),
        _ => Reply::Text(404, "404 page not found\n".into()),
    }
}

/// The Services and the ConfigMap of a monitoring stack in `ns` reporting `alerts` (Prometheus
/// `/api/v1/alerts` entries); Alertmanager reports the same alerts, `silenced` ones suppressed.
pub fn stack(ns: &str, alerts: &[Value], silenced: &[&str]) -> Vec<Value> {
    let am: Vec<Value> = alerts
        .iter()
        .filter(|a| a["state"] == "firing")
        .map(|a| {
            let name = a["labels"]["alertname"].as_str().unwrap_or("");
            let silenced = silenced.contains(&name);
            json!({
                "labels": a["labels"],
                "annotations": a["annotations"],
                "startsAt": a["activeAt"],
                "status": {"state": if silenced { "suppressed" } else { "active" },
                           "silencedBy": if silenced { json!(["sim-silence"]) } else { json!([]) },
                           "inhibitedBy": []}
            })
        })
        .collect();
    let svc = |name: &str, port: u16| {
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": ns},
               "spec": {"ports": [{"name": "web", "port": port, "targetPort": "web"}], "clusterIP": "None"}})
    };
    vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        svc("prometheus-operated", 9090),
        svc("alertmanager-operated", 9093),
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": CONFIGMAP, "namespace": ns},
               "data": {"prometheus-alerts": Value::Array(alerts.to_vec()).to_string(),
                        "alertmanager-alerts": Value::Array(am).to_string(),
                        "prometheus-rules": "[]"}}),
    ]
}

/// One `/api/v1/alerts` entry.
pub fn alert(name: &str, severity: &str, state: &str, active_at: &str, extra: Value) -> Value {
    let mut labels = json!({"alertname": name, "severity": severity, "kubernetes_operator_part_of": "kubevirt"});
    if let Some(m) = extra.as_object() {
        for (k, v) in m {
            labels[k] = v.clone();
        }
    }
    json!({
        "labels": labels,
        "annotations": {"summary": format!("{name} is {state}"), "runbook_url": format!("https://kubevirt.io/monitoring/runbooks/{name}")},
        "state": state,
        "activeAt": active_at,
        "value": "1e+00"
    })
}

/// The monitoring stack of a namespace served directly over HTTPS, as OpenShift's Routes expose
/// `thanos-querier` and `alertmanager-main`: its own CA (not the API server's), and the bearer
/// token of a cluster-wide user required (what `cluster-monitoring-view` grants); a namespaced
/// user gets 403, no or an unknown token 401. Prometheus paths (`/api/v1/...`) and Alertmanager
/// paths (`/api/v2/alerts`) share one listener. Stops when dropped.
pub type RouteServer = crate::https::Endpoint;

fn route_reply(state: &SimState, ns: &str, req: &http::Request<hyper::body::Incoming>) -> Reply {
    let auth = req
        .headers()
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match state.authn.authenticate(auth) {
        Err(_) => return Reply::Text(401, "Unauthorized\n".into()),
        Ok(user) if !user.is_cluster_wide() => return Reply::Text(403, "Forbidden\n".into()),
        Ok(_) => {}
    }
    let rest: Vec<&str> = req.uri().path().split('/').filter(|s| !s.is_empty()).collect();
    let prometheus = rest.get(1) == Some(&"v1");
    answer(state, ns, prometheus, &rest)
}

/// Serves `ns`'s monitoring stack on a free port of 127.0.0.1 with a CA of its own.
pub fn serve_route(state: std::sync::Arc<SimState>, ns: &str) -> anyhow::Result<RouteServer> {
    let ns = ns.to_string();
    let handler = move |req: http::Request<hyper::body::Incoming>| {
        let reply = route_reply(&state, &ns, &req);
        async move { Ok::<_, std::convert::Infallible>(reply.into_response()) }
    };
    crate::https::Endpoint::start("kubevirt-sim-route", &crate::tls::generate()?, handler)
}

/// The Routes OpenShift's monitoring stack has in `openshift-monitoring`, pointing at `host`.
pub fn routes(host: &str) -> Vec<Value> {
    ["thanos-querier", "alertmanager-main"]
        .iter()
        .map(|name| {
            json!({"apiVersion": "route.openshift.io/v1", "kind": "Route",
                   "metadata": {"name": name, "namespace": "openshift-monitoring"},
                   "spec": {"host": host, "to": {"kind": "Service", "name": name}, "port": {"targetPort": "web"},
                            "tls": {"termination": "reencrypt"}}})
        })
        .collect()
}
