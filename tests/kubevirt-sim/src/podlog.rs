//! `GET /api/v1/namespaces/{ns}/pods/{name}/log`: a pod's log. The simulated log text lives in
//! pod annotations: `kubevirt-sim.io/log.CONTAINER` (`previous-log.CONTAINER` for
//! `previous=true`), or `kubevirt-sim.io/log` for the pod's first container, one line per log
//! line. As the API server: a pod with several containers needs `container=` (400 otherwise);
//! `sinceSeconds` drops lines stamped earlier, `tailLines` keeps the last lines, then
//! `limitBytes` keeps the head of what is left, in the kubelet's order.

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::server::{Reply, Req, SimState};
use crate::status::{ApiError, FieldError};

pub const LOG_ANNOTATION: &str = "kubevirt-sim.io/log";
pub const PREVIOUS_LOG_ANNOTATION: &str = "kubevirt-sim.io/previous-log";

pub fn reply(state: &SimState, req: &Req<'_>, ns: &str, name: &str) -> Reply {
    let kind = crate::object::pod_kind();
    let pod = match state.store.lock().get(kind, ns, name) {
        Ok(p) => p,
        Err(e) => return e.into(),
    };
    let container = match container(&pod, name, req.q("container")) {
        Ok(c) => c,
        Err(e) => return e.into(),
    };
    let previous = req.q("previous").is_some_and(|v| v == "true");
    if !previous && let Some(reason) = waiting(&pod, &container) {
        return ApiError::bad_request(format!(
            "container \"{container}\" in pod \"{name}\" is waiting to start: {reason}"
        ))
        .into();
    }
    let Some(text) = log_text(&pod, &container, previous) else {
        if previous {
            return ApiError::bad_request(format!(
                "previous terminated container \"{container}\" in pod \"{name}\" not found"
            ))
            .into();
        }
        return Reply::Text(200, String::new());
    };
    let since = match req.q("sinceSeconds").map(|s| (s, s.parse::<i64>())) {
        None => None,
        Some((_, Ok(s))) if s >= 1 => Some(s),
        Some((raw, _)) => return invalid_option(name, "sinceSeconds", raw, "must be greater than 0").into(),
    };
    let lines = visible_lines(text, since, req.q("timestamps") == Some("true"));
    let mut text = match req.q("tailLines") {
        None => lines.concat(),
        Some(n) => match n.parse::<i64>() {
            Ok(n) if n >= 0 => lines[lines.len().saturating_sub(n as usize)..].concat(),
            Ok(_) => return invalid_option(name, "tailLines", n, "must be greater than or equal to 0").into(),
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

/// The container a log request is about, as the API server resolves it: the one named (it must
/// exist), else the only one; a pod with several containers needs a name.
fn container(pod: &Value, name: &str, asked: Option<&str>) -> Result<String, ApiError> {
    let names = |list: &str| -> Vec<String> {
        pod.pointer(&format!("/spec/{list}"))
            .and_then(Value::as_array)
            .map(|cs| {
                cs.iter()
                    .filter_map(|c| c["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (containers, init) = (names("containers"), names("initContainers"));
    if let Some(asked) = asked.filter(|c| !c.is_empty()) {
        if containers.iter().chain(&init).any(|c| c == asked) {
            return Ok(asked.to_string());
        }
        return Err(ApiError::bad_request(format!(
            "container {asked} is not valid for pod {name}"
        )));
    }
    match containers.as_slice() {
        [only] => Ok(only.clone()),
        [] => Err(ApiError::bad_request(format!(
            "a container name must be specified for pod {name}"
        ))),
        several => {
            let mut message = format!(
                "a container name must be specified for pod {name}, choose one of: [{}]",
                several.join(" ")
            );
            if !init.is_empty() {
                message.push_str(&format!(" or one of the init containers: [{}]", init.join(" ")));
            }
            Err(ApiError::bad_request(message))
        }
    }
}

/// The simulated log of a container: `kubevirt-sim.io/log.NAME` (`previous-log.NAME`), or for
/// the pod's first container the plain annotation.
fn log_text<'a>(pod: &'a Value, container: &str, previous: bool) -> Option<&'a str> {
    let key = if previous {
        PREVIOUS_LOG_ANNOTATION
    } else {
        LOG_ANNOTATION
    };
    if let Some(text) = crate::object::annotation(pod, &format!("{key}.{container}")) {
        return Some(text);
    }
    let first = pod.pointer("/spec/containers/0/name").and_then(Value::as_str);
    if first.is_some_and(|f| f != container) {
        return None;
    }
    crate::object::annotation(pod, key)
}

/// `PodLogOptions` validation (422 Invalid, as the API server's log REST answers).
fn invalid_option(pod: &str, field: &str, value: &str, detail: &str) -> ApiError {
    ApiError::invalid("PodLogOptions", "", pod, &[FieldError::invalid(field, value, detail)])
}

/// The lines of `text` a reader sees, each with its newline. A line may start with an RFC 3339
/// time and a space (the kubelet's `timestamps=true` form; unstamped lines count as written
/// now): `since` drops the lines older than that many seconds, and the stamp is shown only when
/// asked for.
fn visible_lines(text: &str, since: Option<i64>, timestamps: bool) -> Vec<String> {
    let now = OffsetDateTime::now_utc();
    text.lines()
        .filter_map(|line| {
            let (stamp, rest) = match line.split_once(' ') {
                Some((head, rest)) => match OffsetDateTime::parse(head, &Rfc3339) {
                    Ok(t) => (Some(t), rest),
                    Err(_) => (None, line),
                },
                None => (None, line),
            };
            if let (Some(s), Some(t)) = (since, stamp)
                && (now - t).whole_seconds() > s
            {
                return None;
            }
            let shown = if timestamps { line } else { rest };
            Some(format!("{shown}\n"))
        })
        .collect()
}

/// Why the container (the first one when none is named) of a pod on a node has not started: the
/// kubelet refuses its log with this reason.
fn waiting<'a>(pod: &'a Value, container: &str) -> Option<&'a str> {
    pod.pointer("/spec/nodeName")?.as_str().filter(|n| !n.is_empty())?;
    let statuses = pod.pointer("/status/containerStatuses")?.as_array()?;
    let status = statuses.iter().find(|s| s["name"] == container)?;
    status.pointer("/state/waiting/reason")?.as_str()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn since_drops_older_stamped_lines_and_hides_stamps() {
        let old = (OffsetDateTime::now_utc() - time::Duration::hours(2))
            .format(&Rfc3339)
            .unwrap();
        let text = format!("{old} first\nunstamped\n");
        assert_eq!(visible_lines(&text, Some(3600), false), ["unstamped\n"]);
        assert_eq!(visible_lines(&text, None, false), ["first\n", "unstamped\n"]);
        assert_eq!(visible_lines(&text, None, true)[0], format!("{old} first\n"));
    }

    #[test]
    fn several_containers_need_a_name() {
        let pod = json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}], "initContainers": [{"name": "i"}]}});
        let err = container(&pod, "p", None).unwrap_err();
        assert_eq!(
            err.message,
            "a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [i]"
        );
        assert_eq!(container(&pod, "p", Some("b")).unwrap(), "b");
        assert_eq!(
            container(&pod, "p", Some("z")).unwrap_err().message,
            "container z is not valid for pod p"
        );
        let one = json!({"spec": {"containers": [{"name": "a"}]}});
        assert_eq!(container(&one, "p", None).unwrap(), "a");
    }

    #[test]
    fn the_plain_annotation_is_the_first_containers_log() {
        let pod = json!({"metadata": {"annotations": {LOG_ANNOTATION: "main", "kubevirt-sim.io/log.b": "side"}},
                         "spec": {"containers": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}});
        assert_eq!(log_text(&pod, "a", false), Some("main"));
        assert_eq!(log_text(&pod, "b", false), Some("side"));
        assert_eq!(log_text(&pod, "c", false), None);
    }
}
