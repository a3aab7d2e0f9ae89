//! Subresource option bodies (`StartOptions`, `StopOptions`, ...), marshalled as Go's
//! `encoding/json` does: `kind`/`apiVersion` left out, keys in Go field order, empty fields
//! omitted, maps with sorted keys.

use std::collections::BTreeMap;

use serde::Serialize;

/// `["All"]` when dry-run is on, omitted otherwise.
pub fn dry_run_value(dry_run: bool) -> Vec<String> {
    if dry_run { vec!["All".to_string()] } else { Vec::new() }
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartOptions {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paused: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StopOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grace_period: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestartOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grace_period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrateOptions {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub added_node_selector: BTreeMap<String, String>,
}

/// The body of `pause` and `unpause` (`PauseOptions` / `UnpauseOptions`).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DryRunOptions {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvacuateCancelOptions {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
    /// Always present: upstream's field is not `omitempty`.
    pub evacuation_node_name: String,
}

/// Serializes an options body; these types cannot fail to serialize.
pub fn to_body<T: Serialize>(options: &T) -> Vec<u8> {
    serde_json::to_vec(options).expect("option structs always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(v: &T) -> String {
        String::from_utf8(to_body(v)).unwrap()
    }

    #[test]
    fn start_bodies_match_upstream() {
        assert_eq!(json(&StartOptions::default()), "{}");
        assert_eq!(
            json(&StartOptions {
                paused: true,
                dry_run: dry_run_value(true)
            }),
            r#"{"paused":true,"dryRun":["All"]}"#
        );
    }

    #[test]
    fn stop_and_restart_use_different_grace_fields() {
        assert_eq!(
            json(&StopOptions {
                grace_period: Some(0),
                dry_run: vec![]
            }),
            r#"{"gracePeriod":0}"#
        );
        assert_eq!(
            json(&RestartOptions {
                grace_period_seconds: Some(0),
                dry_run: dry_run_value(true)
            }),
            r#"{"gracePeriodSeconds":0,"dryRun":["All"]}"#
        );
    }

    #[test]
    fn migrate_sorts_the_node_selector() {
        let mut selector = BTreeMap::new();
        selector.insert("zone".to_string(), "a".to_string());
        selector.insert("kubernetes.io/hostname".to_string(), "node02".to_string());
        assert_eq!(
            json(&MigrateOptions {
                dry_run: dry_run_value(true),
                added_node_selector: selector
            }),
            r#"{"dryRun":["All"],"addedNodeSelector":{"kubernetes.io/hostname":"node02","zone":"a"}}"#
        );
    }

    #[test]
    fn evacuate_cancel_always_has_the_node() {
        assert_eq!(
            json(&EvacuateCancelOptions {
                dry_run: vec![],
                evacuation_node_name: "node01".into()
            }),
            r#"{"evacuationNodeName":"node01"}"#
        );
    }
}
