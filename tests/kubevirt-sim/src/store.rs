//! The in-memory object store: what etcd + the apiserver's generic registry do for the kinds we
//! serve (uids, resourceVersions, generation, optimistic concurrency, finalizers, dry run).

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{Map, Value, json};

use crate::kinds::{self, Kind};
use crate::patch::{self, PatchType};
use crate::selector::{FieldSelector, LabelSelector};
use crate::status::{ApiError, FieldError, GroupResource};

/// `DeleteOptions.propagationPolicy`: what happens to the objects that name the deleted one in
/// their `metadata.ownerReferences`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Propagation {
    /// the owner goes now, the garbage collector deletes the dependents after it
    Background,
    /// the owner stays (finalizer `foregroundDeletion`) until its blocking dependents are gone
    Foreground,
    /// the owner stays (finalizer `orphan`) until its dependents no longer reference it
    Orphan,
}

/// The garbage collector's finalizers.
pub const FOREGROUND_FINALIZER: &str = "foregroundDeletion";
pub const ORPHAN_FINALIZER: &str = "orphan";

/// Sets the finalizers `policy` asks for and drops the other one.
fn set_gc_finalizers(obj: &mut Value, policy: Propagation) {
    let wanted = match policy {
        Propagation::Background => None,
        Propagation::Foreground => Some(FOREGROUND_FINALIZER),
        Propagation::Orphan => Some(ORPHAN_FINALIZER),
    };
    let mut finalizers: Vec<Value> = obj
        .pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    finalizers.retain(|f| f != FOREGROUND_FINALIZER && f != ORPHAN_FINALIZER);
    finalizers.extend(wanted.map(|f| json!(f)));
    let m = meta_mut(obj);
    if finalizers.is_empty() {
        m.remove("finalizers");
    } else {
        m.insert("finalizers".into(), Value::Array(finalizers));
    }
}

/// Which part of an object a write targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// the object (status is preserved for kinds that have a status subresource)
    Main,
    /// the `/status` subresource (only `status` changes)
    Status,
    /// an internal controller write: everything is taken from the new object
    Whole,
}

type Key = (String, String, String);

/// A change to an object, as a watch sees it.
#[derive(Debug, Clone)]
pub struct Event {
    pub rv: u64,
    /// the kind's store key (`plural` or `plural.group`)
    pub kind: String,
    pub namespace: String,
    /// `ADDED`, `MODIFIED` or `DELETED`
    pub typ: &'static str,
    pub object: Value,
}

const HISTORY: usize = 4096;

pub struct Inner {
    objects: BTreeMap<Key, Value>,
    rv: u64,
    events: tokio::sync::broadcast::Sender<Event>,
    history: VecDeque<Event>,
    /// The resourceVersion of the newest event dropped from `history` (0: none dropped yet).
    evicted: u64,
}

impl Default for Inner {
    fn default() -> Self {
        let (events, _) = tokio::sync::broadcast::channel(HISTORY);
        Inner {
            objects: BTreeMap::new(),
            rv: 0,
            events,
            history: VecDeque::new(),
            evicted: 0,
        }
    }
}

/// A cheap-to-clone handle on the store.
#[derive(Clone, Default)]
pub struct Store {
    inner: Arc<Mutex<Inner>>,
}

impl Store {
    pub fn new() -> Self {
        Store::default()
    }

    /// Lock the store for a sequence of operations that must be atomic.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `2024-01-02T03:04:05Z`
pub fn now_rfc3339() -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::now_utc().format(&fmt).unwrap_or_default()
}

/// apimachinery's `rand.String(n)` alphabet.
pub fn random_suffix(n: usize) -> String {
    use rand::Rng;
    const ALPHA: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut rng = rand::rng();
    (0..n)
        .map(|_| ALPHA[rng.random_range(0..ALPHA.len())] as char)
        .collect()
}

fn meta_str<'a>(obj: &'a Value, field: &str) -> Option<&'a str> {
    obj.get("metadata")?.get(field)?.as_str()
}

fn meta_mut(obj: &mut Value) -> &mut Map<String, Value> {
    if !obj.get("metadata").is_some_and(|m| m.is_object()) {
        obj["metadata"] = json!({});
    }
    obj["metadata"].as_object_mut().expect("metadata object")
}

/// The parts of an object that count for `metadata.generation` (everything but metadata/status).
fn spec_part(obj: &Value) -> Value {
    let mut o = obj.clone();
    if let Some(m) = o.as_object_mut() {
        m.remove("metadata");
        m.remove("status");
        m.remove("kind");
        m.remove("apiVersion");
    }
    o
}

fn is_valid_dns_subdomain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

impl Inner {
    fn key(kind: &Kind, ns: &str, name: &str) -> Key {
        (
            kind.key(),
            if kind.namespaced { ns.to_string() } else { String::new() },
            name.to_string(),
        )
    }

    fn emit(&mut self, typ: &'static str, key: &Key, obj: &Value) {
        let ev = Event {
            rv: self.rv,
            kind: key.0.clone(),
            namespace: key.1.clone(),
            typ,
            object: obj.clone(),
        };
        self.history.push_back(ev.clone());
        if self.history.len() > HISTORY
            && let Some(dropped) = self.history.pop_front()
        {
            self.evicted = dropped.rv;
        }
        let _ = self.events.send(ev);
    }

    /// Events after `rv` (from the recent history) plus a receiver for later ones, atomically.
    pub fn watch_from(&self, rv: u64) -> (Vec<Event>, tokio::sync::broadcast::Receiver<Event>) {
        let past = self.history.iter().filter(|e| e.rv > rv).cloned().collect();
        (past, self.events.subscribe())
    }

    /// When a watch from `rv` would miss events the history no longer holds: the newest
    /// resourceVersion it could start from instead.
    pub fn too_old(&self, rv: u64) -> Option<u64> {
        (rv < self.evicted).then_some(self.evicted)
    }

    pub fn rv_number(&self) -> u64 {
        self.rv
    }

    fn next_rv(&mut self) -> String {
        self.rv += 1;
        self.rv.to_string()
    }

    pub fn current_rv(&self) -> String {
        self.rv.to_string()
    }

    pub fn namespace_exists(&self, ns: &str) -> bool {
        self.objects
            .contains_key(&("namespaces".to_string(), String::new(), ns.to_string()))
    }

    pub fn get(&self, kind: &Kind, ns: &str, name: &str) -> Result<Value, ApiError> {
        self.objects
            .get(&Self::key(kind, ns, name))
            .cloned()
            .ok_or_else(|| ApiError::not_found(&kind.gr(), name))
    }

    pub fn try_get(&self, kind: &Kind, ns: &str, name: &str) -> Option<Value> {
        self.objects.get(&Self::key(kind, ns, name)).cloned()
    }

    /// Objects of a kind (all namespaces when `ns` is `None`), sorted by namespace then name.
    pub fn list(&self, kind: &Kind, ns: Option<&str>, labels: &LabelSelector, fields: &FieldSelector) -> Vec<Value> {
        let k = kind.key();
        self.objects
            .iter()
            .filter(|((kk, n, _), _)| *kk == k && ns.is_none_or(|ns| !kind.namespaced || n == ns))
            .map(|(_, v)| v)
            .filter(|v| labels.matches(v) && fields.matches(v))
            .cloned()
            .collect()
    }

    /// Every object of every kind (the garbage collector follows owner references across kinds).
    pub fn everything(&self) -> impl Iterator<Item = (&'static Kind, &Value)> {
        self.objects
            .iter()
            .filter_map(|((k, _, _), v)| kinds::by_key(k).map(|kind| (kind, v)))
    }

    pub fn list_all(&self, kind: &Kind, ns: Option<&str>) -> Vec<Value> {
        self.list(kind, ns, &LabelSelector::default(), &FieldSelector::default())
    }

    /// POST. `strip_status` drops `status` for kinds with a status subresource, as the apiserver
    /// does for API clients (the library API keeps it so fixtures can carry a status).
    pub fn create(
        &mut self,
        kind: &Kind,
        ns: &str,
        mut obj: Value,
        dry_run: bool,
        strip_status: bool,
    ) -> Result<Value, ApiError> {
        if !obj.is_object() {
            return Err(ApiError::bad_request(
                "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
            ));
        }
        let body_ns = meta_str(&obj, "namespace").unwrap_or("").to_string();
        if kind.namespaced && !body_ns.is_empty() && body_ns != ns {
            return Err(ApiError::bad_request(
                "the namespace of the provided object does not match the namespace sent on the request",
            ));
        }
        obj["apiVersion"] = json!(kind.api_version());
        obj["kind"] = json!(kind.kind);
        let mut name = meta_str(&obj, "name").unwrap_or("").to_string();
        let generate = meta_str(&obj, "generateName").unwrap_or("").to_string();
        if name.is_empty() && !generate.is_empty() {
            name = format!("{generate}{}", random_suffix(5));
        }
        if name.is_empty() {
            return Err(ApiError::invalid(
                kind.kind,
                kind.group,
                "",
                &[FieldError::required(
                    "metadata.name",
                    "name or generateName is required",
                )],
            ));
        }
        if !is_valid_dns_subdomain(&name) {
            return Err(ApiError::invalid(
                kind.kind,
                kind.group,
                &name,
                &[FieldError::invalid(
                    "metadata.name",
                    &name,
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                )],
            ));
        }
        if kind.namespaced && !self.namespace_exists(ns) {
            return Err(ApiError::not_found(&GroupResource::new("", "namespaces"), ns));
        }
        let key = Self::key(kind, ns, &name);
        if self.objects.contains_key(&key) {
            return Err(ApiError::already_exists(&kind.gr(), &name));
        }
        if strip_status
            && kind.has_status()
            && kind.plural != "namespaces"
            && let Some(m) = obj.as_object_mut()
        {
            m.remove("status");
        }
        crate::defaults::apply(kind, &mut obj);
        if kind.plural == "namespaces" && obj.pointer("/status/phase").is_none() {
            obj["status"] = json!({"phase": "Active"});
        }
        let rv = if dry_run { self.current_rv() } else { self.next_rv() };
        {
            let m = meta_mut(&mut obj);
            m.insert("name".into(), json!(name));
            if kind.namespaced {
                m.insert("namespace".into(), json!(ns));
            } else {
                m.remove("namespace");
            }
            m.insert("uid".into(), json!(uuid::Uuid::new_v4().to_string()));
            m.insert("resourceVersion".into(), json!(rv));
            m.insert("generation".into(), json!(1));
            m.insert("creationTimestamp".into(), json!(now_rfc3339()));
            m.remove("deletionTimestamp");
        }
        if !dry_run {
            self.emit("ADDED", &key, &obj);
            self.objects.insert(key, obj.clone());
        }
        Ok(obj)
    }

    /// PUT of the object or of its status.
    pub fn update(
        &mut self,
        kind: &Kind,
        ns: &str,
        name: &str,
        mut obj: Value,
        dry_run: bool,
        part: Part,
    ) -> Result<Value, ApiError> {
        if !obj.is_object() {
            return Err(ApiError::bad_request(
                "the body of the request was in an unknown format",
            ));
        }
        crate::defaults::apply_defaulters(kind, &mut obj);
        let body_name = meta_str(&obj, "name").unwrap_or("");
        if !body_name.is_empty() && body_name != name {
            return Err(ApiError::bad_request(format!(
                "the name of the object ({body_name}) does not match the name on the URL ({name})"
            )));
        }
        let key = Self::key(kind, ns, name);
        let old = self
            .objects
            .get(&key)
            .cloned()
            .ok_or_else(|| ApiError::not_found(&kind.gr(), name))?;
        let old_rv = meta_str(&old, "resourceVersion").unwrap_or("").to_string();
        let new_rv = meta_str(&obj, "resourceVersion").unwrap_or("").to_string();
        if part != Part::Whole {
            if new_rv.is_empty() {
                if kind.is_custom() {
                    return Err(ApiError::invalid(
                        kind.kind,
                        kind.group,
                        name,
                        &[FieldError {
                            reason: "FieldValueInvalid",
                            field: "metadata.resourceVersion".into(),
                            detail: "must be specified for an update".into(),
                            value: Some("0x0".into()),
                        }],
                    ));
                }
            } else if new_rv != old_rv {
                return Err(ApiError::stale(&kind.gr(), name));
            }
        }
        obj["apiVersion"] = json!(kind.api_version());
        obj["kind"] = json!(kind.kind);
        let mut merged = match part {
            Part::Whole => obj,
            Part::Status => {
                let mut m = old.clone();
                match obj.get("status") {
                    Some(s) => m["status"] = s.clone(),
                    None => {
                        if let Some(o) = m.as_object_mut() {
                            o.remove("status");
                        }
                    }
                }
                m
            }
            Part::Main => {
                let mut m = obj;
                if kind.has_status() {
                    match old.get("status") {
                        Some(s) => m["status"] = s.clone(),
                        None => {
                            if let Some(o) = m.as_object_mut() {
                                o.remove("status");
                            }
                        }
                    }
                }
                m
            }
        };
        // immutable / server-owned metadata
        {
            let om = old.get("metadata").cloned().unwrap_or(json!({}));
            let m = meta_mut(&mut merged);
            for f in [
                "uid",
                "creationTimestamp",
                "name",
                "namespace",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
                "generation",
            ] {
                match om.get(f) {
                    Some(v) => {
                        m.insert(f.into(), v.clone());
                    }
                    None => {
                        m.remove(f);
                    }
                }
            }
            m.insert("resourceVersion".into(), json!(old_rv));
        }
        if merged == old {
            return Ok(old);
        }
        if spec_part(&merged) != spec_part(&old) {
            let g = old
                .pointer("/metadata/generation")
                .and_then(|g| g.as_i64())
                .unwrap_or(0);
            meta_mut(&mut merged).insert("generation".into(), json!(g + 1));
        }
        if dry_run {
            return Ok(merged);
        }
        let rv = self.next_rv();
        meta_mut(&mut merged).insert("resourceVersion".into(), json!(rv));
        let finalizers_empty = merged
            .pointer("/metadata/finalizers")
            .and_then(|f| f.as_array())
            .is_none_or(|f| f.is_empty());
        if merged.pointer("/metadata/deletionTimestamp").is_some() && finalizers_empty {
            self.emit("DELETED", &key, &merged);
            self.objects.remove(&key);
        } else {
            self.emit("MODIFIED", &key, &merged);
            self.objects.insert(key, merged.clone());
        }
        Ok(merged)
    }

    /// PATCH of the object or of its status.
    #[allow(clippy::too_many_arguments)]
    pub fn patch(
        &mut self,
        kind: &Kind,
        ns: &str,
        name: &str,
        pt: PatchType,
        body: &[u8],
        dry_run: bool,
        part: Part,
    ) -> Result<Value, ApiError> {
        let old = self.get(kind, ns, name)?;
        let patched = patch::apply(&old, pt, body)?;
        // a patch without resourceVersion is unconditional
        let mut patched = patched;
        if meta_str(&patched, "resourceVersion").unwrap_or("").is_empty() {
            meta_mut(&mut patched).insert(
                "resourceVersion".into(),
                json!(meta_str(&old, "resourceVersion").unwrap_or("")),
            );
        }
        self.update(kind, ns, name, patched, dry_run, part)
    }

    /// DELETE without a propagation policy (the kind's default, background: the garbage
    /// collector deletes the dependents once the owner is gone).
    pub fn delete(
        &mut self,
        kind: &Kind,
        ns: &str,
        name: &str,
        dry_run: bool,
        precondition_uid: Option<&str>,
        precondition_rv: Option<&str>,
    ) -> Result<Value, ApiError> {
        self.delete_propagating(kind, ns, name, dry_run, (precondition_uid, precondition_rv), None)
    }

    /// DELETE. Objects with finalizers get a deletionTimestamp and stay until their finalizers are
    /// removed. Deleting a namespace deletes everything in it. A propagation policy sets the
    /// garbage collector's finalizers first, as the generic registry's
    /// `deletionFinalizersForGarbageCollection` does: `foregroundDeletion` (the owner waits for
    /// its blocking dependents) or `orphan` (the dependents lose their owner reference).
    pub fn delete_propagating(
        &mut self,
        kind: &Kind,
        ns: &str,
        name: &str,
        dry_run: bool,
        (precondition_uid, precondition_rv): (Option<&str>, Option<&str>),
        propagation: Option<Propagation>,
    ) -> Result<Value, ApiError> {
        let key = Self::key(kind, ns, name);
        let mut obj = self
            .objects
            .get(&key)
            .cloned()
            .ok_or_else(|| ApiError::not_found(&kind.gr(), name))?;
        if let Some(uid) = precondition_uid
            && meta_str(&obj, "uid") != Some(uid)
        {
            return Err(ApiError::conflict(
                &kind.gr(),
                name,
                &format!(
                    "Precondition failed: UID in precondition: {}, UID in object meta: {}",
                    uid,
                    meta_str(&obj, "uid").unwrap_or("")
                ),
            ));
        }
        if let Some(rv) = precondition_rv
            && meta_str(&obj, "resourceVersion") != Some(rv)
        {
            return Err(ApiError::conflict(
                &kind.gr(),
                name,
                &format!(
                    "Precondition failed: ResourceVersion in precondition: {}, ResourceVersion in object meta: {}",
                    rv,
                    meta_str(&obj, "resourceVersion").unwrap_or("")
                ),
            ));
        }
        if let Some(policy) = propagation
            && obj.pointer("/metadata/deletionTimestamp").is_none()
        {
            set_gc_finalizers(&mut obj, policy);
        }
        let has_finalizers = obj
            .pointer("/metadata/finalizers")
            .and_then(|f| f.as_array())
            .is_some_and(|f| !f.is_empty());
        if has_finalizers {
            if obj.pointer("/metadata/deletionTimestamp").is_some() {
                return Ok(obj);
            }
            let g = obj
                .pointer("/metadata/generation")
                .and_then(|g| g.as_i64())
                .unwrap_or(0);
            {
                let m = meta_mut(&mut obj);
                m.insert("deletionTimestamp".into(), json!(now_rfc3339()));
                m.insert("deletionGracePeriodSeconds".into(), json!(0));
                m.insert("generation".into(), json!(g + 1));
            }
            if dry_run {
                return Ok(obj);
            }
            let rv = self.next_rv();
            meta_mut(&mut obj).insert("resourceVersion".into(), json!(rv));
            self.emit("MODIFIED", &key, &obj);
            self.objects.insert(key, obj.clone());
            return Ok(obj);
        }
        if dry_run {
            return Ok(obj);
        }
        let mut gone = vec![key];
        if kind.plural == "namespaces" {
            gone.extend(
                self.objects
                    .keys()
                    .filter(|(k, n, _)| n == name && kinds::resolve(k).is_some_and(|kk| kk.namespaced))
                    .cloned(),
            );
        }
        let rv = self.next_rv();
        meta_mut(&mut obj).insert("resourceVersion".into(), json!(rv));
        for k in gone {
            if let Some(mut o) = self.objects.remove(&k) {
                meta_mut(&mut o).insert("resourceVersion".into(), json!(rv));
                self.emit("DELETED", &k, &o);
            }
        }
        Ok(obj)
    }

    /// Internal write by a controller or virt-api: replace the whole object (no concurrency
    /// check). No-op writes do not bump the resourceVersion.
    pub fn put(&mut self, kind: &Kind, obj: Value) -> Result<Value, ApiError> {
        let ns = meta_str(&obj, "namespace").unwrap_or("").to_string();
        let name = meta_str(&obj, "name").unwrap_or("").to_string();
        self.update(kind, &ns, &name, obj, false, Part::Whole)
    }

    /// Remove an object outright (ignoring finalizers).
    pub fn purge(&mut self, kind: &Kind, ns: &str, name: &str) {
        let key = Self::key(kind, ns, name);
        if let Some(mut o) = self.objects.remove(&key) {
            let rv = self.next_rv();
            meta_mut(&mut o).insert("resourceVersion".into(), json!(rv));
            self.emit("DELETED", &key, &o);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm_kind() -> &'static Kind {
        kinds::resolve("virtualmachines").unwrap()
    }

    fn setup() -> Inner {
        let mut s = Inner::default();
        let ns = kinds::resolve("namespaces").unwrap();
        s.create(ns, "", json!({"metadata": {"name": "default"}}), false, true)
            .unwrap();
        s
    }

    #[test]
    fn create_sets_metadata_and_generate_name() {
        let mut s = setup();
        let o = s
            .create(
                vm_kind(),
                "default",
                json!({"metadata": {"generateName": "vm-"}, "spec": {}}),
                false,
                true,
            )
            .unwrap();
        let name = o["metadata"]["name"].as_str().unwrap();
        assert!(name.starts_with("vm-") && name.len() == 8);
        assert_eq!(o["metadata"]["generation"], 1);
        assert_eq!(o["kind"], "VirtualMachine");
        assert!(o["metadata"]["uid"].as_str().unwrap().len() == 36);
    }

    #[test]
    fn create_errors() {
        let mut s = setup();
        let e = s
            .create(vm_kind(), "nope", json!({"metadata": {"name": "a"}}), false, true)
            .unwrap_err();
        assert_eq!(e.message, r#"namespaces "nope" not found"#);
        s.create(vm_kind(), "default", json!({"metadata": {"name": "a"}}), false, true)
            .unwrap();
        let e = s
            .create(vm_kind(), "default", json!({"metadata": {"name": "a"}}), false, true)
            .unwrap_err();
        assert_eq!(e.code, 409);
        assert_eq!(e.reason, "AlreadyExists");
        let e = s
            .create(vm_kind(), "default", json!({"metadata": {}}), false, true)
            .unwrap_err();
        assert_eq!(e.code, 422);
    }

    #[test]
    fn update_conflict_and_generation() {
        let mut s = setup();
        let o = s
            .create(
                vm_kind(),
                "default",
                json!({"metadata": {"name": "a"}, "spec": {"x": 1}}),
                false,
                true,
            )
            .unwrap();
        let mut o2 = o.clone();
        o2["spec"]["x"] = json!(2);
        let u = s
            .update(vm_kind(), "default", "a", o2.clone(), false, Part::Main)
            .unwrap();
        assert_eq!(u["metadata"]["generation"], 2);
        assert_ne!(u["metadata"]["resourceVersion"], o["metadata"]["resourceVersion"]);
        let e = s.update(vm_kind(), "default", "a", o2, false, Part::Main).unwrap_err();
        assert_eq!(
            e.message,
            r#"Operation cannot be fulfilled on virtualmachines.kubevirt.io "a": the object has been modified; please apply your changes to the latest version and try again"#
        );
    }

    #[test]
    fn status_subresource_is_separate() {
        let mut s = setup();
        let o = s
            .create(
                vm_kind(),
                "default",
                json!({"metadata": {"name": "a"}, "spec": {}, "status": {"x": 1}}),
                false,
                true,
            )
            .unwrap();
        assert!(o.get("status").is_none());
        let mut o2 = o.clone();
        o2["status"] = json!({"ready": true});
        o2["spec"] = json!({"changed": true});
        let u = s.update(vm_kind(), "default", "a", o2, false, Part::Status).unwrap();
        assert_eq!(u["status"]["ready"], true);
        assert_eq!(u["spec"], json!({}));
        assert_eq!(u["metadata"]["generation"], 1);
    }

    #[test]
    fn dry_run_changes_nothing() {
        let mut s = setup();
        s.create(vm_kind(), "default", json!({"metadata": {"name": "a"}}), true, true)
            .unwrap();
        assert!(s.try_get(vm_kind(), "default", "a").is_none());
        s.create(vm_kind(), "default", json!({"metadata": {"name": "a"}}), false, true)
            .unwrap();
        let rv = s.current_rv();
        s.patch(
            vm_kind(),
            "default",
            "a",
            PatchType::Merge,
            br#"{"spec":{"a":1}}"#,
            true,
            Part::Main,
        )
        .unwrap();
        s.delete(vm_kind(), "default", "a", true, None, None).unwrap();
        assert_eq!(s.current_rv(), rv);
        assert!(s.try_get(vm_kind(), "default", "a").unwrap().get("spec").is_none());
    }

    #[test]
    fn finalizers_delay_deletion() {
        let mut s = setup();
        s.create(
            vm_kind(),
            "default",
            json!({"metadata": {"name": "a", "finalizers": ["x"]}}),
            false,
            true,
        )
        .unwrap();
        let d = s.delete(vm_kind(), "default", "a", false, None, None).unwrap();
        assert!(d["metadata"]["deletionTimestamp"].is_string());
        let mut o = s.get(vm_kind(), "default", "a").unwrap();
        o["metadata"]["finalizers"] = json!([]);
        s.put(vm_kind(), o).unwrap();
        assert!(s.try_get(vm_kind(), "default", "a").is_none());
    }
}
