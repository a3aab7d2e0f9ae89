//! The KubeVirt API types virtctl writes and re-prints, in upstream's field order and with its
//! `omitempty` rules, so that bodies on the wire and printed JSON match upstream byte for byte.
//! Objects virtctl only reads a few fields of stay `serde_json::Value`.

pub mod guest_agent;
pub mod hotplug;
pub mod options;
pub mod quantity;
pub mod version;
