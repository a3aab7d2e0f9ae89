//! The HyperConverged Cluster Operator's hold on the KubeVirt CR it owns
//! (`kubevirt-<HyperConverged name>` in the HyperConverged's namespace): it marks the CR as its
//! own (controller owner reference, `app.kubernetes.io/managed-by: hco-operator`) and keeps
//! `spec.configuration.developerConfiguration.logVerbosity` equal to the HyperConverged's
//! `spec.logVerbosityConfig.kubevirt`, so a direct edit of the KubeVirt CR is undone on the next
//! reconcile, as HCO undoes it.

use serde_json::{Value, json};

use crate::kinds::{self, Kind};
use crate::object::{name_of, ns_of};
use crate::registry::Component;
use crate::server::SimState;
use crate::store::Inner;

pub struct Hco;

fn kind(group: &str, version: &str, plural: &str) -> &'static Kind {
    kinds::lookup(group, version, plural).unwrap_or_else(|| panic!("kind {plural} is not registered"))
}

impl Component for Hco {
    fn tick(&mut self, store: &mut Inner, _state: &SimState) {
        let kv_kind = kind("kubevirt.io", "v1", "kubevirts");
        for hco in store.list_all(kind("hco.kubevirt.io", "v1beta1", "hyperconvergeds"), None) {
            let (ns, name) = (ns_of(&hco), name_of(&hco));
            let Some(kv) = store.try_get(kv_kind, &ns, &format!("kubevirt-{name}")) else {
                continue;
            };
            let reconciled = reconcile(&hco, kv.clone());
            if reconciled != kv {
                let _ = store.put(kv_kind, reconciled);
            }
        }
    }
}

/// The KubeVirt CR as HCO wants it.
pub fn reconcile(hco: &Value, mut kv: Value) -> Value {
    let owner = json!({"apiVersion": "hco.kubevirt.io/v1beta1", "kind": "HyperConverged", "name": name_of(hco),
        "uid": hco.pointer("/metadata/uid").cloned().unwrap_or(Value::Null), "controller": true, "blockOwnerDeletion": true});
    let owned = kv
        .pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|refs| refs.iter().any(|r| r["kind"] == "HyperConverged"));
    if !owned {
        kv["metadata"]["ownerReferences"] = json!([owner]);
    }
    kv["metadata"]["labels"]["app.kubernetes.io/managed-by"] = json!("hco-operator");
    let desired = hco
        .pointer("/spec/logVerbosityConfig/kubevirt")
        .filter(|v| !v.is_null())
        .cloned();
    match desired {
        Some(levels) => kv["spec"]["configuration"]["developerConfiguration"]["logVerbosity"] = levels,
        None => {
            if let Some(developer) = kv
                .pointer_mut("/spec/configuration/developerConfiguration")
                .and_then(Value::as_object_mut)
            {
                developer.remove("logVerbosity");
            }
        }
    }
    kv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_edits_of_the_log_verbosity_are_undone() {
        let hco = json!({"metadata": {"name": "kubevirt-hyperconverged", "uid": "u1"},
            "spec": {"logVerbosityConfig": {"kubevirt": {"virtHandler": 4}}}});
        let kv = json!({"metadata": {"name": "kubevirt-kubevirt-hyperconverged"},
            "spec": {"configuration": {"developerConfiguration": {"logVerbosity": {"virtAPI": 7}}}}});
        let kv = reconcile(&hco, kv);
        assert_eq!(
            kv.pointer("/spec/configuration/developerConfiguration/logVerbosity"),
            Some(&json!({"virtHandler": 4}))
        );
        assert_eq!(kv["metadata"]["ownerReferences"][0]["uid"], "u1");
        assert_eq!(kv["metadata"]["labels"]["app.kubernetes.io/managed-by"], "hco-operator");
        let hco = json!({"metadata": {"name": "kubevirt-hyperconverged"}, "spec": {}});
        let kv = reconcile(&hco, kv);
        assert_eq!(
            kv.pointer("/spec/configuration/developerConfiguration"),
            Some(&json!({}))
        );
    }
}
