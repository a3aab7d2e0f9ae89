//! kube-aggregator's part in the simulated cluster: which aggregated API groups are proxied to a
//! component of the install ([`PROXIED`]), the 503 a request to one gets while its APIService is
//! unavailable ([`unavailable`]), and the availability controller ([`Availability`]) that keeps
//! an APIService's `Available` condition in step with the ready pods behind its Service.
//!
//! The bare test world (`Sim::start` without an install) has neither these APIServices nor
//! virt-api pods: the simulator itself plays virt-api there, so a group whose APIService does not
//! exist is served.

use serde_json::{Value, json};

use crate::kinds::{self, Kind};
use crate::object::array_at;
use crate::registry::Component;
use crate::server::{Reply, SimState};
use crate::store::{Inner, now_rfc3339};

/// Aggregated groups whose requests the aggregator proxies to a Service of the install
/// (group, APIService name).
pub const PROXIED: &[(&str, &str)] = &[
    ("subresources.kubevirt.io", "v1.subresources.kubevirt.io"),
    ("upload.cdi.kubevirt.io", "v1beta1.upload.cdi.kubevirt.io"),
];

fn apiservice_kind() -> &'static Kind {
    kinds::lookup("apiregistration.k8s.io", "v1", "apiservices").expect("apiservices is registered")
}

/// The reply to a request for `group` while its APIService exists but is not Available: the
/// aggregator's proxy handler answers before reaching the service, with Go's `http.Error(w,
/// "service unavailable", 503)` (a plain-text body, not a `Status`); client-go turns that into
/// "the server is currently unable to handle the request". This holds for the groups of the
/// install ([`PROXIED`]) and the aggregated-only ones (`metrics.k8s.io`, which is not served at
/// all, a 404, while no APIService registers it).
pub fn unavailable(store: &Inner, group: &str) -> Option<Reply> {
    let apiservice = PROXIED
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, a)| *a)
        .or_else(|| kinds::aggregated_by(group))?;
    let service = store.try_get(apiservice_kind(), "", apiservice)?;
    if is_available(&service) {
        return None;
    }
    Some(Reply::Text(503, "service unavailable\n".into()))
}

fn is_available(apiservice: &Value) -> bool {
    array_at(apiservice, "/status/conditions")
        .iter()
        .any(|c| c["type"] == "Available" && c["status"] == "True")
}

/// The availability controller: an APIService of the install is Available exactly while its
/// Service exists and selects a ready pod (an endpoint address).
pub struct Availability;

impl Component for Availability {
    fn tick(&mut self, store: &mut Inner, _state: &SimState) {
        for (_, name) in PROXIED {
            step(store, name);
        }
    }
}

fn step(store: &mut Inner, name: &str) {
    let Some(mut apiservice) = store.try_get(apiservice_kind(), "", name) else {
        return;
    };
    let (Some(svc), Some(ns)) = (
        apiservice.pointer("/spec/service/name").and_then(Value::as_str),
        apiservice.pointer("/spec/service/namespace").and_then(Value::as_str),
    ) else {
        return;
    };
    // The remote availability controller's verdicts: the Service, then its ready endpoints.
    let (status, reason, message) = match store.try_get(crate::services::kind(), ns, svc) {
        None => (
            "False",
            "ServiceNotFound",
            format!("service/{svc} in {ns:?} is not present"),
        ),
        Some(service) if !crate::services::has_ready_endpoint(store, ns, &service) => (
            "False",
            "MissingEndpoints",
            format!("endpoints for service/{svc} in {ns:?} have no addresses with port name \"\""),
        ),
        Some(_) => ("True", "Passed", "all checks passed".to_string()),
    };
    let current = array_at(&apiservice, "/status/conditions")
        .iter()
        .find(|c| c["type"] == "Available")
        .cloned()
        .unwrap_or(Value::Null);
    if current["status"] == status && current["reason"] == reason {
        return;
    }
    apiservice["status"]["conditions"] = json!([{"type": "Available", "status": status, "reason": reason,
        "message": message, "lastTransitionTime": now_rfc3339()}]);
    let _ = store.put(apiservice_kind(), apiservice);
}
