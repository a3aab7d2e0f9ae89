//! `GET /api/v1/namespaces/{ns}/pods/{name}/log`: a pod's log. The simulated log text lives in
//! the pod annotation `kubevirt-sim.io/log` (`kubevirt-sim.io/previous-log` for `previous=true`),
//! one line per log line; `tailLines` keeps the last lines, then `limitBytes` keeps the head of
//! what is left, in the kubelet's order.

use crate::server::{Reply, Req, SimState};
use crate::status::ApiError;

pub const LOG_ANNOTATION: &str = "kubevirt-sim.io/log";
pub const PREVIOUS_LOG_ANNOTATION: &str = "kubevirt-sim.io/previous-log";

pub fn reply(state: &SimState, req: &Req<'_>, ns: &str, name: &str) -> Reply {
    let kind = crate::object::pod_kind();
    let pod = match state.store.lock().get(kind, ns, name) {
        Ok(p) => p,
        Err(e) => return e.into(),
    };
    let previous = req.q("previous").is_some_and(|v| v == "true");
    if !previous && let Some(reason) = waiting(&pod, req.q("container")) {
        let container = req.q("container").unwrap_or("compute");
        return ApiError::bad_request(format!(
            "container \"{container}\" in pod \"{name}\" is waiting to start: {reason}"
        ))
        .into();
    }
    let key = if previous {
        PREVIOUS_LOG_ANNOTATION
    } else {
        LOG_ANNOTATION
    };
    let text = crate::object::annotation(&pod, key);
    let Some(text) = text else {
        if previous {
            return ApiError::bad_request(format!(
                "previous terminated container \"compute\" in pod \"{name}\" not found"
            ))
            .into();
        }
        return Reply::Text(200, String::new());
    };
    let mut text = match req.q("tailLines") {
        None => text.to_string(),
        Some(n) => match n.parse::<i64>() {
            Ok(n) if n >= 0 => tail(text, n as usize),
            _ => return ApiError::bad_request(format!("tailLines: invalid value \"{n}\"")).into(),
        },
    };
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

/// Why the container (the first one when none is named) of a pod on a node has not started: the
/// kubelet refuses its log with this reason.
fn waiting<'a>(pod: &'a serde_json::Value, container: Option<&str>) -> Option<&'a str> {
    pod.pointer("/spec/nodeName")?.as_str().filter(|n| !n.is_empty())?;
    let statuses = pod.pointer("/status/containerStatuses")?.as_array()?;
    let status = match container {
        Some(c) => statuses.iter().find(|s| s["name"] == c)?,
        None => statuses.first()?,
    };
    status.pointer("/state/waiting/reason")?.as_str()
}

/// The last `n` lines of `text`, each with its newline.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = lines[lines.len().saturating_sub(n)..].join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tail;

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc", 2), "b\nc\n");
        assert_eq!(tail("a\nb\n", 5), "a\nb\n");
        assert_eq!(tail("a\nb", 0), "");
    }
}
