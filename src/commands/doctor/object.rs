//! The listed objects as doctor keeps them: a compact, read-only JSON tree ([`Object`]) with the
//! few accessors checks use (`get`, `pointer`, `as_str` ...), decoded straight from a LIST page.
//! A `serde_json::Value` map is an `IndexMap` (hash index, spare capacity, ~600 bytes for two
//! fields); here an object is one boxed slice of `(key, value)` pairs and the common keys are
//! not allocated at all, so 10,000 VMs with their VMIs and launcher pods fit in tens of MiB
//! (BENCHMARKS.md, "doctor"). Fields no check reads (`managedFields`) are skipped while decoding,
//! and the kinds with one object per VM are decoded through a [`Mask`] of the fields the checks
//! read (`facts::KINDS`), so the rest of their specs is never built.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Number, Value};

/// A JSON value. Objects keep their fields in the server's order; lookups are linear, which
/// beats hashing for the handful of fields a Kubernetes object level has.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Object {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(Box<str>),
    /// A string value common in listed objects (`True`, `Running` ...), not allocated; every
    /// decoded string that is one of [`COMMON_VALUES`] is this, so equal values compare equal.
    Word(&'static str),
    Array(Box<[Object]>),
    Map(Box<[(Key, Object)]>),
}

/// An object's field name: the keys every Kubernetes object repeats are static strings.
#[derive(Clone, PartialEq, Eq)]
pub enum Key {
    Common(&'static str),
    Other(Box<str>),
}

/// Field names common enough in the listed objects to be worth not allocating, sorted (binary
/// search).
#[rustfmt::skip]
const COMMON_KEYS: &[&str] = &[
    "action", "activePods", "annotations", "apiVersion", "app", "architecture",
    "blockOwnerDeletion", "bus", "claimName", "cloudInitNoCloud", "component", "conditions",
    "containerDisk", "containerPort", "containerStatuses", "containers", "controller", "count",
    "cpu", "created", "creationTimestamp", "dataVolume", "deletionTimestamp", "devices", "disk",
    "disks", "domain", "env", "eventTime", "evictionStrategy", "finalizers", "firstTimestamp",
    "generation", "guest", "guestOSInfo", "host", "hostIP", "image", "imagePullPolicy",
    "infoSource", "interfaces", "involvedObject", "ipAddress", "ipAddresses", "kind",
    "kubevirt.io", "kubevirt.io/created-by", "kubevirt.io/domain", "kubevirt.io/nodeName",
    "kubevirt.io/vm", "labels", "lastHeartbeatTime", "lastProbeTime", "lastTimestamp",
    "lastTransitionTime", "launcherContainerImageVersion", "limits", "mac", "machine",
    "masquerade", "memory", "message", "metadata", "migrationState", "name", "namespace",
    "networks", "nodeName", "note", "ownerReferences", "persistentVolumeClaim", "phase", "pod",
    "podIP", "ports", "printableStatus", "protocol", "qosClass", "ready", "reason", "related",
    "reportingComponent", "reportingInstance", "requests", "resourceVersion", "resources",
    "restartCount", "rng", "runStrategy", "running", "series", "source", "spec", "startTime",
    "started", "startedAt", "state", "status", "template", "terminated",
    "terminationGracePeriodSeconds", "type", "uid", "userData", "value", "volumeStatus", "volumes",
    "waiting",
];

impl Key {
    fn new(text: &str) -> Key {
        match COMMON_KEYS.binary_search(&text) {
            Ok(i) => Key::Common(COMMON_KEYS[i]),
            Err(_) => Key::Other(text.into()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Key::Common(k) => k,
            Key::Other(k) => k,
        }
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// String values that most VMs, VMIs and pods repeat (condition types and statuses, phases,
/// QoS classes, the launcher's names), sorted (binary search): about 20 per VM, each an
/// allocation of its own otherwise.
#[rustfmt::skip]
const COMMON_VALUES: &[&str] = &[
    "AgentConnected", "Always", "BestEffort", "Bound", "Burstable", "ContainersReady", "False",
    "Guaranteed", "Halted", "Initialized", "LiveMigratable", "Manual", "Pending",
    "PodReadyToStartContainers", "PodScheduled", "Ready", "RerunOnFailure", "Running",
    "Stopped", "Succeeded", "True", "Unknown", "compute", "default", "virt-launcher",
];

static NULL: Object = Object::Null;

/// The static copy of a common string value.
fn common_value(s: &str) -> Option<&'static str> {
    COMMON_VALUES.binary_search(&s).ok().map(|i| COMMON_VALUES[i])
}

impl Object {
    /// A string value: a [`Object::Word`] when common.
    fn text(s: &str) -> Object {
        match common_value(s) {
            Some(word) => Object::Word(word),
            None => Object::String(s.into()),
        }
    }

    /// A field of an object (`None` for other values or a missing field).
    pub fn get(&self, key: &str) -> Option<&Object> {
        match self {
            Object::Map(fields) => fields.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// An element of an array.
    pub fn at(&self, index: usize) -> Option<&Object> {
        self.as_array()?.get(index)
    }

    /// RFC 6901 JSON pointer, as `serde_json::Value::pointer`.
    pub fn pointer(&self, pointer: &str) -> Option<&Object> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |node, token| {
            let token = match token.contains('~') {
                true => std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~")),
                false => std::borrow::Cow::Borrowed(token),
            };
            match node {
                Object::Map(_) => node.get(&token),
                Object::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            }
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Object::String(s) => Some(s),
            Object::Word(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The fields of an object, in order.
    pub fn fields(&self) -> Option<impl Iterator<Item = (&str, &Object)>> {
        match self {
            Object::Map(fields) => Some(fields.iter().map(|(k, v)| (k.as_str(), v))),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Object::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Object::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Object::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Object::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Object::Null)
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Object::Map(_))
    }

    /// The same value as a `serde_json::Value`, for reports.
    pub fn to_value(&self) -> Value {
        match self {
            Object::Null => Value::Null,
            Object::Bool(b) => Value::Bool(*b),
            Object::Number(n) => Value::Number(n.clone()),
            Object::String(s) => Value::String(s.to_string()),
            Object::Word(s) => Value::String(s.to_string()),
            Object::Array(items) => Value::Array(items.iter().map(Object::to_value).collect()),
            Object::Map(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.as_str().to_string(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

impl std::ops::Index<&str> for Object {
    type Output = Object;

    /// A missing field is `null`, as with `serde_json::Value`.
    fn index(&self, key: &str) -> &Object {
        self.get(key).unwrap_or(&NULL)
    }
}

impl std::ops::Index<usize> for Object {
    type Output = Object;

    fn index(&self, index: usize) -> &Object {
        self.at(index).unwrap_or(&NULL)
    }
}

impl PartialEq<str> for Object {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Object {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<bool> for Object {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}

impl From<Value> for Object {
    fn from(value: Value) -> Object {
        match value {
            Value::Null => Object::Null,
            Value::Bool(b) => Object::Bool(b),
            Value::Number(n) => Object::Number(n),
            Value::String(s) => Object::text(&s),
            Value::Array(items) => Object::Array(items.into_iter().map(Object::from).collect()),
            Value::Object(fields) => Object::Map(
                fields
                    .into_iter()
                    .filter(|(k, _)| !skipped(k))
                    .map(|(k, v)| (Key::new(&k), Object::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<&Object> for Value {
    fn from(object: &Object) -> Value {
        object.to_value()
    }
}

impl From<Object> for Value {
    fn from(object: Object) -> Value {
        object.to_value()
    }
}

/// Fields no check reads and that can be large: decoding skips them.
fn skipped(key: &str) -> bool {
    key == "managedFields"
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Object::Null => serializer.serialize_unit(),
            Object::Bool(b) => serializer.serialize_bool(*b),
            Object::Number(n) => n.serialize(serializer),
            Object::String(s) => serializer.serialize_str(s),
            Object::Word(s) => serializer.serialize_str(s),
            Object::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Object::Map(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (k, v) in fields.iter() {
                    map.serialize_entry(k.as_str(), v)?;
                }
                map.end()
            }
        }
    }
}

/// The whole object (but the [`skipped`] fields): [`Masked`] with the mask that keeps everything.
impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Object, D::Error> {
        de::DeserializeSeed::deserialize(Masked(&WHOLE), deserializer)
    }
}

/// A field name, decoded without an allocation when it is a common one.
impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
        Ok(Key::new(s))
    }
}

/// Which fields of a listed object to keep, from paths such as `/spec/containers/name`: a
/// path keeps its whole last field, and the fields on the way to it (nothing else of them).
/// Arrays are transparent: a path goes on into every element (`/spec/containers/name` keeps
/// each container's name). No paths at all keeps everything. Decoding through a mask
/// ([`Masked`]) skips the other fields without building them.
#[derive(Debug, Default, PartialEq)]
pub struct Mask {
    whole: bool,
    fields: Vec<(&'static str, Mask)>,
}

/// The mask that keeps every field: the whole-object decode, and what a kept field's value is
/// decoded through.
static WHOLE: Mask = Mask {
    whole: true,
    fields: Vec::new(),
};

impl Mask {
    pub fn new(paths: &[&'static str]) -> Mask {
        let mut mask = Mask {
            whole: paths.is_empty(),
            fields: Vec::new(),
        };
        for path in paths {
            mask.add(path.trim_start_matches('/').split('/'));
        }
        mask
    }

    fn add(&mut self, mut segments: impl Iterator<Item = &'static str>) {
        let Some(first) = segments.next() else {
            self.whole = true;
            return;
        };
        let at = match self.fields.iter().position(|(k, _)| *k == first) {
            Some(at) => at,
            None => {
                self.fields.push((first, Mask::default()));
                self.fields.len() - 1
            }
        };
        self.fields[at].1.add(segments);
    }

    /// The mask a field's value is decoded through, `None` when the field is not kept.
    fn field(&self, key: &str) -> Option<&Mask> {
        if skipped(key) {
            return None;
        }
        if self.whole {
            return Some(&WHOLE);
        }
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, m)| m)
    }
}

/// The decoder of [`Object`]s: keeps only what its [`Mask`] names ([`WHOLE`]: everything).
#[derive(Clone, Copy)]
pub struct Masked<'m>(pub &'m Mask);

impl<'de> de::DeserializeSeed<'de> for Masked<'_> {
    type Value = Object;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Object, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Scalars are kept as they are; objects and arrays go through the mask.
impl<'de> Visitor<'de> for Masked<'_> {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Object, E> {
        Ok(Object::Null)
    }

    fn visit_none<E>(self) -> Result<Object, E> {
        Ok(Object::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Object, D::Error> {
        de::DeserializeSeed::deserialize(self, d)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Object, E> {
        Ok(Object::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Object, E> {
        Ok(Object::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Object, E> {
        Ok(Object::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Object, E> {
        Ok(Number::from_f64(n).map_or(Object::Null, Object::Number))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Object, E> {
        Ok(Object::text(s))
    }

    /// An owned string (one with escapes) is kept without a copy when it is not a common word.
    fn visit_string<E: de::Error>(self, s: String) -> Result<Object, E> {
        Ok(match common_value(&s) {
            Some(word) => Object::Word(word),
            None => Object::String(s.into_boxed_str()),
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Object, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Object::Array(items.into_boxed_slice()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
        let mut fields = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            match self.0.field(key.as_str()) {
                Some(mask) => fields.push((key, map.next_value_seed(Masked(mask))?)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Object::Map(fields.into_boxed_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({"metadata": {"name": "a", "labels": {"kubevirt.io/vm": "a", "x~y/z": "q"},
               "managedFields": [{"manager": "kubectl"}]},
               "spec": {"n": 3, "big": 18446744073709551615u64, "f": 1.5, "on": true, "none": null},
               "status": {"conditions": [{"type": "Ready", "status": "True"}]}})
    }

    #[test]
    fn decodes_like_serde_json_without_managed_fields() {
        let text = sample().to_string();
        let object: Object = serde_json::from_str(&text).unwrap();
        let mut expected = sample();
        expected["metadata"].as_object_mut().unwrap().remove("managedFields");
        assert_eq!(object.to_value(), expected);
        assert_eq!(serde_json::to_value(&object).unwrap(), expected);
        assert_eq!(Object::from(sample()), object);
    }

    #[test]
    fn common_keys_are_sorted_and_found() {
        assert!(COMMON_KEYS.windows(2).all(|w| w[0] < w[1]));
        assert!(COMMON_VALUES.windows(2).all(|w| w[0] < w[1]));
        let running: Object = serde_json::from_str(r#""Running""#).unwrap();
        assert_eq!(running, Object::Word("Running"));
        assert_eq!(running, Object::from(json!("Running")));
        assert_eq!(running.as_str(), Some("Running"));
        assert!(matches!(Key::new("metadata"), Key::Common("metadata")));
        assert!(matches!(Key::new("somethingElse"), Key::Other(_)));
    }

    #[test]
    fn pointers_and_accessors_match_serde_json() {
        let mut value = sample();
        value["metadata"].as_object_mut().unwrap().remove("managedFields");
        let object = Object::from(sample());
        for pointer in [
            "",
            "/metadata/name",
            "/metadata/labels/x~0y~1z",
            "/spec/n",
            "/spec/big",
            "/spec/f",
            "/spec/on",
            "/spec/none",
            "/status/conditions/0/type",
            "/status/conditions/1",
            "/missing",
            "/metadata/name/deeper",
            "metadata",
        ] {
            assert_eq!(
                object.pointer(pointer).map(Object::to_value),
                value.pointer(pointer).cloned(),
                "{pointer}"
            );
        }
        assert_eq!(object["spec"]["n"].as_i64(), Some(3));
        assert_eq!(object["spec"]["big"].as_u64(), Some(u64::MAX));
        assert_eq!(object["spec"]["f"].as_f64(), Some(1.5));
        assert_eq!(object["spec"]["on"], true);
        assert_eq!(object["status"]["conditions"][0]["status"], "True");
        assert!(object["nothing"]["here"].is_null());
    }
}
