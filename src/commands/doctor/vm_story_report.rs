//! The report of `doctor vm NAME`: the VM's story (VM, VMI, pods, volumes, migrations, events,
//! launcher log) followed by its checks, as a table or as a `DoctorVMReport` JSON/YAML document.
//! Check results, details and the summary line are rendered as in the cluster report.

use k8s_openapi::jiff::Timestamp;
use serde_json::{Map, Value, json};

use super::facts::{Kind, Read, array, i64_at, is_true, label, name_of, str_at, time_at};
use super::model::age;
use super::object::Object;
use super::report::{self, Result, tally};
use super::vm_story::{LOG_LINES, LauncherLog, Story, live_migratable, main_launcher};
use super::workload::pod_finding;

/// Events shown, newest first.
pub const EVENTS_SHOWN: usize = 10;

fn condition_text(c: &Object, now_secs: i64) -> String {
    let mut text = format!("{}={}", str_at(c, "/type"), str_at(c, "/status"));
    let reason = str_at(c, "/reason");
    if !reason.is_empty() {
        text.push_str(&format!(" {reason}"));
    }
    let message = str_at(c, "/message");
    if !message.is_empty() {
        text.push_str(&format!(": {message}"));
    }
    if let Some(t) = time_at(c, "/lastTransitionTime") {
        text.push_str(&format!(" ({})", age(now_secs - t.as_second())));
    }
    text
}

fn conditions_json(v: &Object) -> Value {
    Value::Array(
        array(v, "/status/conditions")
            .iter()
            .map(|c| {
                json!({"type": str_at(c, "/type"), "status": str_at(c, "/status"), "reason": str_at(c, "/reason"),
                       "message": str_at(c, "/message"), "lastTransitionTime": str_at(c, "/lastTransitionTime")})
            })
            .collect(),
    )
}

fn run_strategy(vm: &Object) -> String {
    crate::cluster::kubevirt::run_strategy(&vm.to_value()).unwrap_or_else(|e| e)
}

/// The pod's role in the story.
fn role(pod: &Object) -> &'static str {
    match label(pod, "kubevirt.io") {
        Some("virt-launcher") => "virt-launcher",
        Some("hotplug-disk") => "hotplug",
        _ => "other",
    }
}

/// When an event last happened: `lastTimestamp`, else the series' `eventTime`, else when it was
/// first seen or created.
fn last_seen(e: &Object) -> Option<Timestamp> {
    [
        "/lastTimestamp",
        "/eventTime",
        "/firstTimestamp",
        "/metadata/creationTimestamp",
    ]
    .iter()
    .find_map(|p| time_at(e, p))
}

fn events(story: &Story) -> Vec<&Object> {
    let mut events: Vec<&Object> = story.facts.items(Kind::Events).iter().collect();
    events.sort_by_key(|e| std::cmp::Reverse(last_seen(e)));
    events
}

fn migration_phase_since(m: &Object) -> Option<i64> {
    let phase = str_at(m, "/status/phase");
    array(m, "/status/phaseTransitionTimestamps")
        .iter()
        .rev()
        .find(|p| str_at(p, "/phase") == phase)
        .and_then(|p| time_at(p, "/phaseTransitionTimestamp"))
        .map(|t| t.as_second())
}

fn migration_text(m: &Object, vmi: Option<&Object>, now: i64) -> String {
    let phase = str_at(m, "/status/phase");
    let mut text = format!("VirtualMachineInstanceMigration {}: {phase}", name_of(m));
    if let Some(t) = migration_phase_since(m) {
        text.push_str(&format!(" for {}", age(now - t)));
    }
    let state = vmi
        .and_then(|v| v.pointer("/status/migrationState"))
        .filter(|s| str_at(s, "/migrationUid") == str_at(m, "/metadata/uid"))
        .or_else(|| m.pointer("/status/migrationState"));
    if let Some(s) = state {
        text.push_str(&format!(
            ", {} -> {}",
            str_at(s, "/sourceNode"),
            str_at(s, "/targetNode")
        ));
        let mode = str_at(s, "/mode");
        if !mode.is_empty() {
            text.push_str(&format!(" ({mode})"));
        }
        if let Some(t) = time_at(s, "/startTimestamp") {
            text.push_str(&format!(", started {} ago", age(now - t.as_second())));
        }
    }
    let failure = failure_reason(m, vmi);
    if !failure.is_empty() {
        text.push_str(&format!(", failed: {failure}"));
    }
    text
}

fn failure_reason<'a>(m: &'a Object, vmi: Option<&'a Object>) -> &'a str {
    let own = str_at(m, "/status/migrationState/failureReason");
    if !own.is_empty() {
        return own;
    }
    vmi.and_then(|v| v.pointer("/status/migrationState"))
        .filter(|s| str_at(s, "/migrationUid") == str_at(m, "/metadata/uid"))
        .map(|s| str_at(s, "/failureReason"))
        .unwrap_or("")
}

fn dv_text(dv: &Object) -> String {
    let mut text = format!("DataVolume {}: {}", name_of(dv), str_at(dv, "/status/phase"));
    let progress = str_at(dv, "/status/progress");
    if !progress.is_empty() && progress != "N/A" {
        text.push_str(&format!(" {progress}"));
    }
    if let Some(n) = i64_at(dv, "/status/restartCount").filter(|n| *n > 0) {
        text.push_str(&format!(", {n} restarts"));
    }
    for c in array(dv, "/status/conditions")
        .iter()
        .filter(|c| str_at(c, "/status") != "True" && !str_at(c, "/message").is_empty())
    {
        text.push_str(&format!(
            ", {}={} {}: {}",
            str_at(c, "/type"),
            str_at(c, "/status"),
            str_at(c, "/reason"),
            str_at(c, "/message")
        ));
    }
    text
}

fn pvc_text(pvc: &Object) -> String {
    let modes: Vec<&str> = array(pvc, "/spec/accessModes")
        .iter()
        .filter_map(Object::as_str)
        .collect();
    let mut text = format!(
        "PersistentVolumeClaim {}: {}",
        name_of(pvc),
        str_at(pvc, "/status/phase")
    );
    let volume = str_at(pvc, "/spec/volumeName");
    if !volume.is_empty() {
        text.push_str(&format!(" to {volume}"));
    }
    let size = str_at(pvc, "/status/capacity/storage");
    if !size.is_empty() {
        text.push_str(&format!(", {size}"));
    }
    text.push_str(&format!(", {}", modes.join(",")));
    let class = str_at(pvc, "/spec/storageClassName");
    if !class.is_empty() {
        text.push_str(&format!(", {class}"));
    }
    text
}

fn event_text(e: &Object, now: i64) -> String {
    format!(
        "{}  {:<7}  {}  {}/{}: {}",
        last_seen(e)
            .map(|t| format!("{} ago", age(now - t.as_second())))
            .unwrap_or_else(|| "?".into()),
        str_at(e, "/type"),
        str_at(e, "/reason"),
        str_at(e, "/involvedObject/kind"),
        str_at(e, "/involvedObject/name"),
        str_at(e, "/message")
    )
}

/// A section's note when its read failed; `None` when the items are there.
fn unread(read: &Read) -> Option<String> {
    match read {
        Read::Items(_) => None,
        Read::Forbidden(what) => Some(format!("skipped (forbidden: {what})")),
        Read::NotServed => Some("skipped (not-installed)".into()),
        Read::Failed(e) => Some(format!("skipped (error: {e})")),
        Read::Unread => Some("not read".into()),
    }
}

fn vmi_line(vmi: &Object, now: i64) -> String {
    let node = str_at(vmi, "/status/nodeName");
    let mut text = format!("VirtualMachineInstance: {}", str_at(vmi, "/status/phase"));
    if !node.is_empty() {
        text.push_str(&format!(" on {node}"));
    }
    text.push_str(if is_true(vmi, "AgentConnected") {
        ", guest agent connected"
    } else {
        ", guest agent not connected"
    });
    match live_migratable(vmi) {
        Some(true) => text.push_str(", live-migratable"),
        Some(false) => text.push_str(", not live-migratable"),
        None => {}
    }
    if label(vmi, "kubevirt.io/outdatedLauncherImage").is_some() {
        text.push_str(&format!(
            ", outdated virt-launcher ({})",
            str_at(vmi, "/status/launcherContainerImageVersion")
        ));
    }
    if let Some(s) = vmi.pointer("/status/migrationState") {
        if s["completed"] == true {
            let outcome = if s["failed"] == true { "failed" } else { "succeeded" };
            text.push_str(&format!(", last migration {outcome}"));
        } else {
            text.push_str(&format!(
                ", migrating {} -> {}",
                str_at(s, "/sourceNode"),
                str_at(s, "/targetNode")
            ));
            if let Some(t) = time_at(s, "/startTimestamp") {
                text.push_str(&format!(" for {}", age(now - t.as_second())));
            }
        }
    }
    text
}

/// The story as text, then the checks (table, details, summary line).
pub fn table(story: &Story, server: &str, results: &[Result]) -> String {
    let f = &story.facts;
    let now = f.now.as_second();
    let vm = story.vm();
    let mut out = format!("Cluster: {}\n", server.trim_end_matches('/'));
    out.push_str(&format!(
        "VirtualMachine {}/{}: {} (runStrategy {})\n",
        story.namespace,
        story.name,
        str_at(vm, "/status/printableStatus"),
        run_strategy(vm)
    ));
    for c in array(vm, "/status/conditions") {
        out.push_str(&format!("  {}\n", condition_text(c, now)));
    }
    match (unread(f.read(Kind::Vmis)), story.vmi()) {
        (Some(note), _) => out.push_str(&format!("VirtualMachineInstance: {note}\n")),
        (None, None) => out.push_str("VirtualMachineInstance: none\n"),
        (None, Some(vmi)) => {
            out.push_str(&vmi_line(vmi, now));
            out.push('\n');
            for c in array(vmi, "/status/conditions") {
                out.push_str(&format!("  {}\n", condition_text(c, now)));
            }
        }
    }
    section(&mut out, "Pods", f.read(Kind::Pods), |pod| {
        format!("{}: {}", role(pod), pod_finding(pod).text)
    });
    out.push_str("Volumes:");
    let volumes: Vec<String> = f
        .items(Kind::DataVolumes)
        .iter()
        .map(dv_text)
        .chain(f.items(Kind::Pvcs).iter().map(pvc_text))
        .chain(
            story
                .missing
                .iter()
                .map(|(kind, name)| format!("{kind} {name}: not found")),
        )
        .collect();
    let notes: Vec<String> = [f.read(Kind::DataVolumes), f.read(Kind::Pvcs)]
        .into_iter()
        .filter_map(unread)
        .collect();
    lines(&mut out, volumes.into_iter().chain(notes).collect());
    section(&mut out, "Migrations", f.read(Kind::Vmims), |m| {
        migration_text(m, story.vmi(), now)
    });
    match unread(f.read(Kind::Events)) {
        Some(note) => out.push_str(&format!("Events: {note}\n")),
        None => {
            let all = events(story);
            out.push_str(&format!(
                "Events (newest first, {} of {}):",
                all.len().min(EVENTS_SHOWN),
                all.len()
            ));
            lines(
                &mut out,
                all.iter().take(EVENTS_SHOWN).map(|e| event_text(e, now)).collect(),
            );
        }
    }
    match &story.log {
        LauncherLog::Disabled => out.push_str("Launcher log: skipped (logs-disabled)\n"),
        LauncherLog::NoPod => out.push_str("Launcher log: no virt-launcher pod\n"),
        LauncherLog::Unreadable(why) => out.push_str(&format!("Launcher log: skipped ({why})\n")),
        LauncherLog::Lines { pod, lines: text } => {
            out.push_str(&format!(
                "Launcher log ({pod}, container compute, last {LOG_LINES} lines):"
            ));
            lines(&mut out, text.clone());
        }
    }
    out.push('\n');
    let rows: Vec<[String; 3]> = results
        .iter()
        .map(|r| {
            let mut status = r.outcome.status.as_str().to_string();
            if r.outcome.pending {
                status.push_str(" (pending)");
            }
            [r.name.clone(), status, r.outcome.summary.clone()]
        })
        .collect();
    out.push_str(&crate::output::table(&["CHECK", "STATUS", "SUMMARY"], &rows));
    out.push_str(&report::details(results));
    out.push_str(&report::summary_line(results));
    out
}

/// `Title:` then one indented line per item, or ` none`.
fn lines(out: &mut String, items: Vec<String>) {
    if items.is_empty() {
        out.push_str(" none\n");
        return;
    }
    out.push('\n');
    for item in items {
        out.push_str(&format!("  {item}\n"));
    }
}

fn section(out: &mut String, title: &str, read: &Read, text: impl Fn(&Object) -> String) {
    out.push_str(&format!("{title}:"));
    match (unread(read), read) {
        (Some(note), _) => out.push_str(&format!(" {note}\n")),
        (None, Read::Items(items)) => lines(out, items.iter().map(text).collect()),
        (None, _) => out.push('\n'),
    }
}

fn read_json(read: &Read) -> Value {
    match read {
        Read::Items(_) => json!("ok"),
        other => json!(unread(other).unwrap_or_default()),
    }
}

fn pod_json(pod: &Object) -> Value {
    let finding = pod_finding(pod);
    let mut m: Map<String, Value> = finding.facts;
    m.insert("name".into(), json!(name_of(pod)));
    m.insert("role".into(), json!(role(pod)));
    m.insert(
        "containers".into(),
        Value::Array(
            array(pod, "/status/containerStatuses")
                .iter()
                .map(|c| {
                    json!({"name": str_at(c, "/name"), "ready": c["ready"] == true, "restartCount": i64_at(c, "/restartCount").unwrap_or(0),
                           "image": str_at(c, "/image"), "state": c.get("state").map_or(Value::Null, Object::to_value),
                           "lastState": c.get("lastState").map_or(Value::Null, Object::to_value)})
                })
                .collect(),
        ),
    );
    Value::Object(m)
}

/// The `DoctorVMReport` document.
pub fn document(story: &Story, server: &str, results: &[Result], generated_at: &str, code: u8) -> Value {
    let f = &story.facts;
    let vm = story.vm();
    let t = tally(results);
    let vmi = story.vmi().map(|v| {
        json!({"phase": str_at(v, "/status/phase"), "node": str_at(v, "/status/nodeName"),
               "guestAgentConnected": is_true(v, "AgentConnected"), "liveMigratable": live_migratable(v),
               "launcherImage": str_at(v, "/status/launcherContainerImageVersion"),
               "outdatedLauncher": label(v, "kubevirt.io/outdatedLauncherImage").is_some(),
               "migrationState": v.pointer("/status/migrationState").map_or(Value::Null, Object::to_value),
               "conditions": conditions_json(v)})
    });
    let launcher = main_launcher(f.items(Kind::Pods), story.vmi()).map(|p| name_of(p).to_string());
    let log = match &story.log {
        LauncherLog::Lines { pod, lines } => json!({"pod": pod, "container": "compute", "lines": lines}),
        LauncherLog::Disabled => json!({"pod": launcher, "skipped": "logs-disabled"}),
        LauncherLog::NoPod => json!({"pod": null, "skipped": "no virt-launcher pod"}),
        LauncherLog::Unreadable(why) => json!({"pod": launcher, "skipped": why}),
    };
    let all_events = events(story);
    json!({
        "apiVersion": "doctor.virtctl.kubevirt.io/v1alpha1",
        "kind": "DoctorVMReport",
        "generatedAt": generated_at,
        "cluster": {"server": server.trim_end_matches('/')},
        "vm": {"namespace": story.namespace, "name": story.name, "runStrategy": run_strategy(vm),
               "printableStatus": str_at(vm, "/status/printableStatus"), "conditions": conditions_json(vm)},
        "vmi": vmi,
        "pods": f.items(Kind::Pods).iter().map(pod_json).collect::<Vec<_>>(),
        "dataVolumes": f.items(Kind::DataVolumes).iter().map(|d| json!({
            "name": name_of(d), "phase": str_at(d, "/status/phase"), "progress": str_at(d, "/status/progress"),
            "restartCount": i64_at(d, "/status/restartCount").unwrap_or(0), "conditions": conditions_json(d)})).collect::<Vec<_>>(),
        "persistentVolumeClaims": f.items(Kind::Pvcs).iter().map(|p| json!({
            "name": name_of(p), "phase": str_at(p, "/status/phase"), "volumeName": str_at(p, "/spec/volumeName"),
            "capacity": str_at(p, "/status/capacity/storage"), "accessModes": p.pointer("/spec/accessModes").map_or(json!([]), Object::to_value),
            "storageClassName": str_at(p, "/spec/storageClassName")})).collect::<Vec<_>>(),
        "missing": story.missing.iter().map(|(kind, name)| json!({"kind": kind, "name": name})).collect::<Vec<_>>(),
        "migrations": f.items(Kind::Vmims).iter().map(|m| json!({
            "name": name_of(m), "phase": str_at(m, "/status/phase"),
            "since": migration_phase_since(m).and_then(|s| Timestamp::from_second(s).ok()).map(|t| t.to_string()),
            "failureReason": failure_reason(m, story.vmi())})).collect::<Vec<_>>(),
        "events": all_events.iter().take(EVENTS_SHOWN).map(|e| json!({
            "type": str_at(e, "/type"), "reason": str_at(e, "/reason"), "message": str_at(e, "/message"),
            "object": {"kind": str_at(e, "/involvedObject/kind"), "name": str_at(e, "/involvedObject/name")},
            "count": i64_at(e, "/count").unwrap_or(1),
            "lastTimestamp": last_seen(e).map(|t| t.to_string())})).collect::<Vec<_>>(),
        "eventsTotal": all_events.len(),
        "launcherLog": log,
        "reads": {
            "virtualmachineinstances": read_json(f.read(Kind::Vmis)), "pods": read_json(f.read(Kind::Pods)),
            "datavolumes": read_json(f.read(Kind::DataVolumes)), "persistentvolumeclaims": read_json(f.read(Kind::Pvcs)),
            "virtualmachineinstancemigrations": read_json(f.read(Kind::Vmims)), "events": read_json(f.read(Kind::Events)),
            "kubevirts": read_json(f.read(Kind::KubeVirts))},
        "summary": {"ok": t.ok, "warning": t.warning, "critical": t.critical, "pending": t.pending, "skipped": t.skipped, "exitCode": code},
        "results": results.iter().map(report::result_json).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_as_one_line() {
        let c = json!({"type": "LiveMigratable", "status": "False", "reason": "DisksNotLiveMigratable",
                       "message": "PVC web-root is not shared", "lastTransitionTime": "2025-01-01T10:00:00Z"});
        let now = "2025-01-01T10:16:00Z".parse::<Timestamp>().unwrap().as_second();
        assert_eq!(
            condition_text(&c.into(), now),
            "LiveMigratable=False DisksNotLiveMigratable: PVC web-root is not shared (16m)"
        );
    }

    #[test]
    fn empty_sections_say_none() {
        let mut out = String::from("Migrations:");
        lines(&mut out, Vec::new());
        assert_eq!(out, "Migrations: none\n");
    }
}
