//! Helpers shared by the doctor modules: reading the JSON reports `virtctl doctor` prints.

use serde_json::Value;

use crate::support::Outcome;

/// The report virtctl printed with `-o json`; when it is not JSON, the panic shows the whole run.
pub fn json(out: &Outcome) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {out:#?}"))
}

/// Every result of a cluster report, across its components, in report order.
pub fn results(report: &Value) -> Vec<Value> {
    report["components"]
        .as_array()
        .expect("components")
        .iter()
        .flat_map(|c| c["results"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The result of `check` in a cluster report.
pub fn result(report: &Value, check: &str) -> Value {
    results(report)
        .into_iter()
        .find(|r| r["check"] == check)
        .unwrap_or_else(|| panic!("no result for {check}: {report:#}"))
}

/// The result of `check` in a `doctor vm` report, whose results are not grouped by component.
pub fn vm_result<'a>(report: &'a Value, check: &str) -> &'a Value {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["check"] == check)
        .unwrap_or_else(|| panic!("no result for {check}: {report:#}"))
}
