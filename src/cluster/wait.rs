//! One wait: poll an object until a named condition holds, fails, or the caller's timeout ends.
//! Conditions are pure functions of the object (absent = `None`), so they are unit-tested here.

use std::future::Future;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::cluster::api::Api;
use crate::cluster::kubevirt::Vmi;
use crate::error::{Error, Result};

const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Where a wait stands after one look at the object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Done,
    Pending,
    /// The target can no longer be reached; the text says why.
    Failed(String),
}

/// How often a poll looks again: `first`, then doubling up to `max`.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

const STEADY: Backoff = Backoff {
    first: POLL_INTERVAL,
    max: POLL_INTERVAL,
};

/// Asks `round` until it answers `true` (then `Ok(true)`) or `timeout` passes (`Ok(false)`), so
/// each caller words its own timeout; the first look is immediate.
pub async fn poll<F, Fut>(timeout: Duration, backoff: Backoff, mut round: F) -> Result<bool>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<bool>>,
{
    // A timeout beyond what the clock can represent means no deadline, not a panic.
    let deadline = Instant::now().checked_add(timeout);
    let mut interval = backoff.first;
    loop {
        if round().await? {
            return Ok(true);
        }
        let now = Instant::now();
        let left = deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(now));
        if left.is_zero() {
            return Ok(false);
        }
        tokio::time::sleep(interval.min(left)).await;
        interval = (interval * 2).min(backoff.max);
    }
}

/// Polls `probe` until it reports done or failed, or `timeout` passes.
pub async fn until<F, Fut>(what: &str, timeout: Duration, mut probe: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Progress>>,
{
    let done = poll(timeout, STEADY, || {
        let look = probe();
        async move {
            match look.await? {
                Progress::Done => Ok(true),
                Progress::Failed(why) => Err(Error::Other(format!("{what}: {why}"))),
                Progress::Pending => Ok(false),
            }
        }
    })
    .await?;
    if done {
        return Ok(());
    }
    Err(Error::Timeout(format!(
        "timed out after {} waiting for {what}",
        crate::go_syntax::format_duration(timeout)
    )))
}

/// Waits on a VMI with a condition over the object (`None` while it does not exist).
pub async fn until_vmi(
    api: &Api,
    namespace: &str,
    name: &str,
    what: &str,
    timeout: Duration,
    condition: impl Fn(Option<&Value>) -> Progress,
) -> Result<()> {
    until(what, timeout, || async {
        let vmi = get_optional(Vmi::new(api, namespace, name).get().await)?;
        Ok(condition(vmi.as_ref()))
    })
    .await
}

/// `Ok(None)` for a 404, the object otherwise.
pub fn get_optional(result: Result<Value>) -> Result<Option<Value>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(err) if err.api().is_some_and(|api| api.is_not_found()) => Ok(None),
        Err(err) => Err(err),
    }
}

fn phase(vmi: &Value) -> &str {
    vmi.pointer("/status/phase").and_then(Value::as_str).unwrap_or("")
}

fn uid(vmi: &Value) -> &str {
    vmi.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or("")
}

/// Whether the object carries condition `kind` with status `True`.
pub fn has_condition(object: &Value, kind: &str) -> bool {
    object
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|conds| {
            conds.iter().any(|c| {
                c.get("type").and_then(Value::as_str) == Some(kind)
                    && c.get("status").and_then(Value::as_str) == Some("True")
            })
        })
}

/// The VMI runs (and is paused when `paused` is asked), and is not the instance `old_uid`.
pub fn vmi_running(vmi: Option<&Value>, paused: bool, old_uid: Option<&str>) -> Progress {
    let Some(vmi) = vmi else { return Progress::Pending };
    if old_uid.is_some_and(|old| old == uid(vmi)) {
        return Progress::Pending;
    }
    match phase(vmi) {
        "Running" if has_condition(vmi, "Paused") == paused => Progress::Done,
        "Failed" => Progress::Failed(format!("the VMI failed{}", reason_suffix(vmi))),
        "Succeeded" => Progress::Failed("the VMI stopped before it ran".into()),
        _ => Progress::Pending,
    }
}

/// The VMI is gone or has finished.
pub fn vmi_stopped(vmi: Option<&Value>) -> Progress {
    match vmi {
        None => Progress::Done,
        Some(vmi) if matches!(phase(vmi), "Succeeded" | "Failed") => Progress::Done,
        Some(_) => Progress::Pending,
    }
}

/// The VMI carries (or no longer carries) the `Paused` condition.
pub fn vmi_paused(vmi: Option<&Value>, paused: bool) -> Progress {
    match vmi {
        None => Progress::Failed("the VMI no longer exists".into()),
        Some(vmi) if has_condition(vmi, "Paused") == paused => Progress::Done,
        Some(_) => Progress::Pending,
    }
}

/// A migration reached `Succeeded`; `Failed` ends the wait with an error.
pub fn migration_done(migration: Option<&Value>) -> Progress {
    let Some(migration) = migration else {
        return Progress::Failed("the migration was deleted".into());
    };
    match phase(migration) {
        "Succeeded" => Progress::Done,
        "Failed" => Progress::Failed(format!("the migration failed{}", reason_suffix(migration))),
        _ => Progress::Pending,
    }
}

fn reason_suffix(object: &Value) -> String {
    object
        .pointer("/status/reason")
        .and_then(Value::as_str)
        .map(|r| format!(": {r}"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vmi(phase: &str, paused: bool, uid: &str) -> Value {
        let mut conditions = vec![json!({"type": "Ready", "status": "True"})];
        if paused {
            conditions.push(json!({"type": "Paused", "status": "True"}));
        }
        json!({"metadata": {"uid": uid}, "status": {"phase": phase, "conditions": conditions}})
    }

    #[test]
    fn running_waits_for_a_new_instance() {
        assert_eq!(vmi_running(None, false, None), Progress::Pending);
        assert_eq!(
            vmi_running(Some(&vmi("Scheduling", false, "a")), false, None),
            Progress::Pending
        );
        assert_eq!(
            vmi_running(Some(&vmi("Running", false, "a")), false, None),
            Progress::Done
        );
        assert_eq!(
            vmi_running(Some(&vmi("Running", false, "a")), false, Some("a")),
            Progress::Pending
        );
        assert_eq!(
            vmi_running(Some(&vmi("Running", false, "a")), true, None),
            Progress::Pending
        );
        assert_eq!(
            vmi_running(Some(&vmi("Running", true, "a")), true, None),
            Progress::Done
        );
        assert!(matches!(
            vmi_running(Some(&vmi("Failed", false, "a")), false, None),
            Progress::Failed(_)
        ));
    }

    #[test]
    fn stopped_and_paused() {
        assert_eq!(vmi_stopped(None), Progress::Done);
        assert_eq!(vmi_stopped(Some(&vmi("Running", false, "a"))), Progress::Pending);
        assert_eq!(vmi_stopped(Some(&vmi("Succeeded", false, "a"))), Progress::Done);
        assert_eq!(vmi_paused(Some(&vmi("Running", true, "a")), true), Progress::Done);
        assert_eq!(vmi_paused(Some(&vmi("Running", true, "a")), false), Progress::Pending);
        assert!(matches!(vmi_paused(None, true), Progress::Failed(_)));
    }

    #[test]
    fn migrations() {
        assert_eq!(
            migration_done(Some(&json!({"status": {"phase": "Running"}}))),
            Progress::Pending
        );
        assert_eq!(
            migration_done(Some(&json!({"status": {"phase": "Succeeded"}}))),
            Progress::Done
        );
        assert!(matches!(migration_done(None), Progress::Failed(_)));
    }

    #[tokio::test]
    async fn until_times_out_with_a_clear_message() {
        let err = until("the VM to run", Duration::from_millis(10), || async {
            Ok(Progress::Pending)
        })
        .await
        .unwrap_err();
        assert_eq!(err.to_string(), "timed out after 10ms waiting for the VM to run");
    }
}
