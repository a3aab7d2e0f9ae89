//! kube-controller-manager's garbage collector: the one mechanism by which an object's
//! dependents (the objects naming it in `metadata.ownerReferences`) follow its deletion, for
//! every kind. The propagation policy a DELETE asked for is in the owner's finalizers (the store
//! sets them, [`crate::store::Propagation`]):
//! - background (no finalizer): once the owner is gone, each dependent none of whose owners
//!   remains is deleted; a dependent that still has a live owner only loses the dangling
//!   reference;
//! - `foregroundDeletion`: the owner, marked deleted, has its dependents deleted and loses the
//!   finalizer (and so goes) once no dependent with `blockOwnerDeletion` is left;
//! - `orphan`: the dependents lose their reference to the owner, then the owner its finalizer.
//!
//! An owner reference resolves by uid to an object of the dependent's namespace or a
//! cluster-scoped one, as the real collector's graph does; a reference without a uid (which
//! the API server would have refused) names nothing and is left alone.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::kinds::Kind;
use crate::object::{array_at, deleting, name_of, ns_of};
use crate::registry::Component;
use crate::server::SimState;
use crate::store::{FOREGROUND_FINALIZER, Inner, ORPHAN_FINALIZER, Propagation};

/// The collector as a component of the tick loop.
pub struct GarbageCollector;

impl Component for GarbageCollector {
    fn tick(&mut self, store: &mut Inner, _state: &SimState) {
        collect(store);
    }
}

/// What the collector knows of a live object.
struct Node {
    kind: &'static Kind,
    namespace: String,
    name: String,
    finalizers: Vec<String>,
    deleting: bool,
}

impl Node {
    fn has_finalizer(&self, f: &str) -> bool {
        self.finalizers.iter().any(|x| x == f)
    }

    /// Deleted in the foreground: it waits for its dependents.
    fn waiting_for_dependents(&self) -> bool {
        self.deleting && self.has_finalizer(FOREGROUND_FINALIZER)
    }
}

/// How a dependent stands with respect to one of its owners.
#[derive(PartialEq)]
enum OwnerState {
    /// no object of that uid in reach: deleted (or never there)
    Absent,
    /// being deleted in the foreground
    Waiting,
    /// present
    Solid,
}

/// One pass: orphan, then foreground, then background; each step sees the previous one's writes.
pub fn collect(store: &mut Inner) {
    orphan_dependents(store);
    delete_foreground_dependents(store);
    delete_dependents_of_absent_owners(store);
}

/// The live objects by uid, and the objects that have owner references (the only ones the
/// collector may change).
fn graph(store: &Inner) -> (HashMap<String, Node>, Vec<(&'static Kind, Value)>) {
    let mut nodes = HashMap::new();
    let mut dependents = Vec::new();
    for (kind, o) in store.everything() {
        if !array_at(o, "/metadata/ownerReferences").is_empty() {
            dependents.push((kind, o.clone()));
        }
        let Some(uid) = o.pointer("/metadata/uid").and_then(Value::as_str) else {
            continue;
        };
        let node = Node {
            kind,
            namespace: ns_of(o),
            name: name_of(o),
            finalizers: array_at(o, "/metadata/finalizers")
                .iter()
                .filter_map(|f| f.as_str().map(str::to_string))
                .collect(),
            deleting: deleting(o),
        };
        nodes.insert(uid.to_string(), node);
    }
    (nodes, dependents)
}

/// The uids a dependent's owner references name (references without a uid name nothing).
fn owner_uids(dependent: &Value) -> Vec<&str> {
    array_at(dependent, "/metadata/ownerReferences")
        .iter()
        .filter_map(|r| r.get("uid").and_then(Value::as_str))
        .collect()
}

fn owner_state(nodes: &HashMap<String, Node>, dependent_ns: &str, uid: &str) -> OwnerState {
    match nodes.get(uid) {
        Some(owner) if owner.kind.namespaced && owner.namespace != dependent_ns => OwnerState::Absent,
        Some(owner) if owner.waiting_for_dependents() => OwnerState::Waiting,
        Some(_) => OwnerState::Solid,
        None => OwnerState::Absent,
    }
}

/// Drops the owner references whose uid `drop` selects; writes only when one went.
fn remove_owner_references(store: &mut Inner, kind: &Kind, mut dependent: Value, drop: impl Fn(&str) -> bool) {
    let refs = array_at(&dependent, "/metadata/ownerReferences");
    let kept: Vec<Value> = refs
        .iter()
        .filter(|r| !r.get("uid").and_then(Value::as_str).is_some_and(&drop))
        .cloned()
        .collect();
    if kept.len() == refs.len() {
        return;
    }
    let metadata = &mut dependent["metadata"];
    if kept.is_empty() {
        if let Some(m) = metadata.as_object_mut() {
            m.remove("ownerReferences");
        }
    } else {
        metadata["ownerReferences"] = json!(kept);
    }
    let _ = store.put(kind, dependent);
}

fn remove_finalizer(store: &mut Inner, node: &Node, finalizer: &str) {
    let Some(mut owner) = store.try_get(node.kind, &node.namespace, &node.name) else {
        return;
    };
    let kept: Vec<Value> = array_at(&owner, "/metadata/finalizers")
        .iter()
        .filter(|f| *f != finalizer)
        .cloned()
        .collect();
    owner["metadata"]["finalizers"] = json!(kept);
    let _ = store.put(node.kind, owner);
}

/// Owners deleted with `orphan`: their dependents forget them, then they go.
fn orphan_dependents(store: &mut Inner) {
    let (nodes, dependents) = graph(store);
    let orphaning: Vec<(&String, &Node)> = nodes
        .iter()
        .filter(|(_, n)| n.deleting && n.has_finalizer(ORPHAN_FINALIZER))
        .collect();
    if orphaning.is_empty() {
        return;
    }
    for (kind, dependent) in dependents {
        let ns = ns_of(&dependent);
        let names_orphaning = |uid: &str| {
            orphaning
                .iter()
                .any(|(u, n)| u.as_str() == uid && (!n.kind.namespaced || n.namespace == ns))
        };
        remove_owner_references(store, kind, dependent, names_orphaning);
    }
    for (_, node) in orphaning {
        remove_finalizer(store, node, ORPHAN_FINALIZER);
    }
}

/// Owners deleted in the foreground: their dependents are deleted (in the foreground too when
/// they have dependents of their own); the owner goes once no blocking dependent is left.
fn delete_foreground_dependents(store: &mut Inner) {
    let (nodes, dependents) = graph(store);
    let waiting: Vec<&String> = nodes
        .iter()
        .filter(|(_, n)| n.waiting_for_dependents())
        .map(|(u, _)| u)
        .collect();
    if waiting.is_empty() {
        return;
    }
    let has_dependents = |uid: &str| dependents.iter().any(|(_, o)| owner_uids(o).contains(&uid));
    for (kind, dependent) in &dependents {
        let ns = ns_of(dependent);
        let owned_by_waiting = owner_uids(dependent)
            .iter()
            .any(|u| owner_state(&nodes, &ns, u) == OwnerState::Waiting);
        if !owned_by_waiting || deleting(dependent) || has_solid_owner(&nodes, dependent) {
            continue;
        }
        let uid = dependent.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or("");
        let policy = if has_dependents(uid) {
            Propagation::Foreground
        } else {
            Propagation::Background
        };
        let name = name_of(dependent);
        let _ = store.delete_propagating(kind, &ns, &name, false, (None, None), Some(policy));
    }
    for uid in waiting {
        let node = &nodes[uid];
        if !has_blocking_dependents(store, uid) {
            remove_finalizer(store, node, FOREGROUND_FINALIZER);
        }
    }
}

fn has_solid_owner(nodes: &HashMap<String, Node>, dependent: &Value) -> bool {
    let ns = ns_of(dependent);
    owner_uids(dependent)
        .iter()
        .any(|u| owner_state(nodes, &ns, u) == OwnerState::Solid)
}

/// Whether an object still names `uid` as an owner with `blockOwnerDeletion: true`.
fn has_blocking_dependents(store: &Inner, uid: &str) -> bool {
    store.everything().any(|(_, o)| {
        array_at(o, "/metadata/ownerReferences")
            .iter()
            .any(|r| r["uid"] == uid && r["blockOwnerDeletion"] == true)
    })
}

/// Dependents whose owners are gone: deleted when none remains, else the dangling references go.
fn delete_dependents_of_absent_owners(store: &mut Inner) {
    let (nodes, dependents) = graph(store);
    for (kind, dependent) in dependents {
        let ns = ns_of(&dependent);
        let states: Vec<(String, OwnerState)> = owner_uids(&dependent)
            .into_iter()
            .map(|u| (u.to_string(), owner_state(&nodes, &ns, u)))
            .collect();
        if !states.iter().any(|(_, s)| *s == OwnerState::Absent) {
            continue;
        }
        if states.iter().any(|(_, s)| *s != OwnerState::Absent) {
            let absent: Vec<String> = states
                .into_iter()
                .filter(|(_, s)| *s == OwnerState::Absent)
                .map(|(u, _)| u)
                .collect();
            remove_owner_references(store, kind, dependent, |u| absent.iter().any(|a| a == u));
            continue;
        }
        if !deleting(&dependent) {
            let name = name_of(&dependent);
            let _ = store.delete(kind, &ns, &name, false, None, None);
        }
    }
}
