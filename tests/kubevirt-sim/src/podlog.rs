//! `GET /api/v1/namespaces/{ns}/pods/{name}/log`: a pod's log. The simulated log text lives in
//! the pod annotation `kubevirt-sim.io/log` (`kubevirt-sim.io/previous-log` for `previous=true`),
//! one line per log line; `limitBytes` keeps the tail as the kubelet does with the head.

use crate::server::{Reply, Req, SimState};
use crate::status::ApiError;

pub const LOG_ANNOTATION: &str = "kubevirt-sim.io/log";
pub const PREVIOUS_LOG_ANNOTATION: &str = "kubevirt-sim.io/previous-log";

pub fn reply(state: &SimState, req: &Req<'_>, ns: &str, name: &str) -> Reply {
    let kind = crate::kinds::lookup("", "v1", "pods").expect("pods");
    let pod = match state.store.lock().get(kind, ns, name) {
        Ok(p) => p,
        Err(e) => return e.into(),
    };
    let previous = req.q("previous").is_some_and(|v| v == "true");
    let key = if previous {
        PREVIOUS_LOG_ANNOTATION
    } else {
        LOG_ANNOTATION
    };
    let text = pod
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(key))
        .and_then(|v| v.as_str());
    let Some(text) = text else {
        if previous {
            return ApiError::bad_request(format!(
                "previous terminated container \"compute\" in pod \"{name}\" not found"
            ))
            .into();
        }
        return Reply::Text(200, String::new());
    };
    let mut text = text.to_string();
    if let Some(limit) = req.q("limitBytes").and_then(|l| l.parse::<usize>().ok())
        && text.len() > limit
    {
        let mut cut = limit;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    Reply::Text(200, text)
}
