//! Ownership as a real cluster has it: the workload controllers own what they create and
//! recreate what goes missing; the garbage collector makes dependents follow their owners under
//! each propagation policy; DeleteOptions are decoded and validated as the API server does.

mod common;

use std::time::Duration;

use common::*;
use kubevirt_sim::openshift_virt::{self, NS, TEMPLATE_HASH, WORKERS};
use kubevirt_sim::{Sim, SimOptions};
use serde_json::{Value, json};

const T: Duration = Duration::from_secs(10);
const DEPLOYMENTS: &str = "/apis/apps/v1/namespaces/openshift-cnv/deployments";

fn installed() -> Sim {
    let sim = Sim::start(SimOptions::default()).unwrap();
    openshift_virt::install(&sim, openshift_virt::objects(&openshift_virt::now()));
    sim
}

fn labelled(sim: &Sim, kind: &str, component: &str) -> Vec<Value> {
    sim.list(kind, Some(NS))
        .into_iter()
        .filter(|o| o["metadata"]["labels"]["kubevirt.io"] == component)
        .collect()
}

fn name(o: &Value) -> &str {
    o["metadata"]["name"].as_str().unwrap()
}

fn uid(o: &Value) -> &str {
    o["metadata"]["uid"].as_str().unwrap()
}

fn is_ready(pod: &Value) -> bool {
    pod["status"]["phase"] == "Running"
        && pod["status"]["conditions"]
            .as_array()
            .is_some_and(|cs| cs.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"))
}

fn controller_of(o: &Value) -> Value {
    o["metadata"]["ownerReferences"]
        .as_array()
        .and_then(|refs| refs.iter().find(|r| r["controller"] == true))
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn the_install_is_owned_as_its_controllers_own_it() {
    let sim = installed();
    let deployment = sim.get("deployments", NS, "virt-api").unwrap();
    let rs = sim
        .get("replicasets", NS, &format!("virt-api-{TEMPLATE_HASH}"))
        .unwrap();
    assert_eq!(controller_of(&rs)["uid"], uid(&deployment));
    for pod in labelled(&sim, "pods", "virt-api") {
        assert_eq!(controller_of(&pod)["uid"], uid(&rs), "{pod}");
        assert_eq!(pod["metadata"]["labels"]["pod-template-hash"], TEMPLATE_HASH);
    }
    let ds = sim.get("daemonsets", NS, "virt-handler").unwrap();
    for pod in labelled(&sim, "pods", "virt-handler") {
        assert_eq!(controller_of(&pod)["uid"], uid(&ds), "{pod}");
    }
    // The healthy install is already what the controllers want: they create nothing.
    assert!(sim.wait_for_ticks(5, T));
    assert_eq!(labelled(&sim, "pods", "virt-api").len(), 2);
    assert_eq!(labelled(&sim, "replicasets", "virt-api").len(), 1);
    assert_eq!(labelled(&sim, "pods", "virt-handler").len(), WORKERS.len());
}

#[test]
fn a_deleted_virt_api_pod_is_recreated_by_its_replicaset() {
    let sim = installed();
    let c = Client::admin(&sim);
    let rs = sim
        .get("replicasets", NS, &format!("virt-api-{TEMPLATE_HASH}"))
        .unwrap();
    let victim = labelled(&sim, "pods", "virt-api").remove(0);
    let r = c.delete(&format!("/api/v1/namespaces/{NS}/pods/{}", name(&victim)), None);
    assert_eq!(r.status, 200, "{}", r.text);

    let replaced = |s: &Sim| {
        let pods = labelled(s, "pods", "virt-api");
        pods.len() == 2 && pods.iter().all(is_ready) && pods.iter().all(|p| uid(p) != uid(&victim))
    };
    assert!(sim.wait_until(T, replaced), "{:#?}", labelled(&sim, "pods", "virt-api"));
    let new = labelled(&sim, "pods", "virt-api")
        .into_iter()
        .find(|p| name(p).starts_with(&format!("virt-api-{TEMPLATE_HASH}-")) && name(p) != name(&victim))
        .expect("a pod named after its ReplicaSet");
    assert_eq!(controller_of(&new)["uid"], uid(&rs));
    assert_eq!(controller_of(&new)["blockOwnerDeletion"], true);
    assert_eq!(new["metadata"]["labels"]["pod-template-hash"], TEMPLATE_HASH);
    assert!(WORKERS.contains(&new["spec"]["nodeName"].as_str().unwrap()));
    // the apiserver's defaults on a pod the controller created
    assert_eq!(new["spec"]["restartPolicy"], "Always");
    assert_eq!(new["status"]["qosClass"], "Burstable");
    let status = |s: &Sim| s.get("deployments", NS, "virt-api").unwrap()["status"].clone();
    assert!(
        sim.wait_until(T, |s| status(s)["readyReplicas"] == 2
            && status(s)["availableReplicas"] == 2),
        "{}",
        status(&sim)
    );
}

#[test]
fn a_deployment_scaled_down_and_up_reports_its_ready_replicas() {
    let sim = installed();
    let c = Client::admin(&sim);
    let scale = |n: u32| {
        let r = c.patch(
            &format!("{DEPLOYMENTS}/virt-api"),
            "application/merge-patch+json",
            &json!({"spec": {"replicas": n}}),
        );
        assert_eq!(r.status, 200, "{}", r.text);
    };
    scale(0);
    let status = |s: &Sim| s.get("deployments", NS, "virt-api").unwrap()["status"].clone();
    assert!(
        sim.wait_until(T, |s| labelled(s, "pods", "virt-api").is_empty()
            && status(s).get("readyReplicas").is_none()
            && status(s).get("replicas").is_none()),
        "{}",
        status(&sim)
    );
    scale(3);
    assert!(
        sim.wait_until(T, |s| status(s)["readyReplicas"] == 3
            && status(s)["availableReplicas"] == 3),
        "{}",
        status(&sim)
    );
    let pods = labelled(&sim, "pods", "virt-api");
    assert_eq!(pods.len(), 3);
    // spread over both workers, none on the tainted control-plane node
    for worker in WORKERS {
        assert!(pods.iter().any(|p| p["spec"]["nodeName"] == worker), "{pods:#?}");
    }
}

#[test]
fn a_daemonset_recreates_the_pod_of_its_node_and_skips_the_tainted_control_plane() {
    let sim = installed();
    let victim = labelled(&sim, "pods", "virt-handler")
        .into_iter()
        .find(|p| p["spec"]["nodeName"] == "node02")
        .unwrap();
    sim.delete("pods", NS, name(&victim));
    let back = |s: &Sim| {
        labelled(s, "pods", "virt-handler")
            .iter()
            .any(|p| p["spec"]["nodeName"] == "node02" && uid(p) != uid(&victim) && is_ready(p))
    };
    assert!(sim.wait_until(T, back), "{:#?}", labelled(&sim, "pods", "virt-handler"));
    let pods = labelled(&sim, "pods", "virt-handler");
    assert_eq!(pods.len(), 2);
    assert!(pods.iter().all(|p| p["spec"]["nodeName"] != openshift_virt::MASTER));
    let ds = sim.get("daemonsets", NS, "virt-handler").unwrap();
    assert_eq!(ds["status"]["desiredNumberScheduled"], 2);
    assert!(sim.wait_until(
        T,
        |s| s.get("daemonsets", NS, "virt-handler").unwrap()["status"]["numberReady"] == 2
    ));
}

#[test]
fn deleting_the_deployment_in_the_background_takes_its_replicaset_and_pods() {
    let sim = installed();
    let c = Client::admin(&sim);
    let r = c.delete(
        &format!("{DEPLOYMENTS}/virt-api"),
        Some(json!({"kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Background"})),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["kind"], "Status");
    assert_eq!(r.json()["status"], "Success");
    assert!(sim.get("deployments", NS, "virt-api").is_none());
    assert!(
        sim.wait_until(T, |s| labelled(s, "replicasets", "virt-api").is_empty()
            && labelled(s, "pods", "virt-api").is_empty()),
        "the dependents stayed"
    );
    // virt-api's Service has no endpoint left: the subresource API goes with it.
    let service = |s: &Sim| s.get("apiservices", "", "v1.subresources.kubevirt.io").unwrap();
    assert!(sim.wait_until(T, |s| service(s)["status"]["conditions"][0]["status"] == "False"));
    assert_eq!(service(&sim)["status"]["conditions"][0]["reason"], "MissingEndpoints");
    // The other workloads are untouched.
    assert_eq!(labelled(&sim, "pods", "virt-controller").len(), 2);
}

#[test]
fn foreground_deletion_keeps_the_owner_until_its_blocking_dependents_are_gone() {
    let sim = Sim::start(SimOptions {
        controllers: false,
        ..SimOptions::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    let owner = sim.create(cm("owner", json!([])));
    sim.create(cm("dependent", json!([owner_ref(&owner, true)])));
    let r = c.delete(
        "/api/v1/namespaces/default/configmaps/owner",
        Some(json!({"propagationPolicy": "Foreground"})),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    // A built-in kind still present answers with the object itself, marked for deletion.
    let held = r.json();
    assert_eq!(held["kind"], "ConfigMap");
    assert!(held["metadata"]["deletionTimestamp"].is_string());
    assert_eq!(held["metadata"]["finalizers"], json!(["foregroundDeletion"]));
    // Without the garbage collector nothing more happens: the owner waits.
    assert!(sim.get("configmaps", "default", "owner").is_some());

    kubevirt_sim::gc::collect(&mut sim.store().lock());
    assert!(sim.get("configmaps", "default", "dependent").is_none());
    assert!(sim.get("configmaps", "default", "owner").is_none());
}

#[test]
fn foreground_deletion_does_not_wait_for_dependents_that_do_not_block() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let c = Client::admin(&sim);
    let owner = sim.create(cm("owner", json!([])));
    let mut blocker = cm("blocker", json!([owner_ref(&owner, true)]));
    blocker["metadata"]["finalizers"] = json!(["example.com/hold"]);
    sim.create(blocker);
    let r = c.delete(
        "/api/v1/namespaces/default/configmaps/owner",
        Some(json!({"propagationPolicy": "Foreground"})),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    // The blocking dependent is deleted but held by its own finalizer: the owner waits for it.
    assert!(sim.wait_until(T, |s| {
        s.get("configmaps", "default", "blocker")
            .is_some_and(|b| b["metadata"]["deletionTimestamp"].is_string())
    }));
    assert!(sim.wait_for_ticks(3, T));
    assert!(sim.get("configmaps", "default", "owner").is_some());
    let mut blocker = sim.get("configmaps", "default", "blocker").unwrap();
    blocker["metadata"]["finalizers"] = json!([]);
    sim.update(blocker);
    assert!(sim.wait_until(T, |s| s.get("configmaps", "default", "owner").is_none()));
}

#[test]
fn orphan_deletion_leaves_the_dependents_without_their_owner_reference() {
    let sim = installed();
    let c = Client::admin(&sim);
    let rs_name = format!("virt-api-{TEMPLATE_HASH}");
    let pods_before: Vec<String> = labelled(&sim, "pods", "virt-api")
        .iter()
        .map(|p| name(p).to_string())
        .collect();
    let r = c.delete(
        &format!("{DEPLOYMENTS}/virt-api"),
        Some(json!({"orphanDependents": true})),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["metadata"]["finalizers"], json!(["orphan"]));
    assert!(
        sim.wait_until(T, |s| s.get("deployments", NS, "virt-api").is_none()),
        "the owner kept its orphan finalizer"
    );
    let rs = sim.get("replicasets", NS, &rs_name).expect("the ReplicaSet stays");
    assert!(rs["metadata"].get("ownerReferences").is_none(), "{rs}");
    assert!(sim.wait_for_ticks(3, T));
    let pods_after: Vec<String> = labelled(&sim, "pods", "virt-api")
        .iter()
        .map(|p| name(p).to_string())
        .collect();
    assert_eq!(pods_after, pods_before);
    // The pods still belong to the ReplicaSet, so the subresource API stays up.
    assert_eq!(
        sim.get("apiservices", "", "v1.subresources.kubevirt.io").unwrap()["status"]["conditions"][0]["status"],
        "True"
    );
}

#[test]
fn a_dependent_with_another_live_owner_only_loses_the_dangling_reference() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let a = sim.create(cm("a", json!([])));
    let b = sim.create(cm("b", json!([])));
    sim.create(cm("shared", json!([owner_ref(&a, false), owner_ref(&b, false)])));
    sim.create(cm("only-a", json!([owner_ref(&a, false)])));
    sim.delete("configmaps", "default", "a");
    assert!(sim.wait_until(T, |s| s.get("configmaps", "default", "only-a").is_none()));
    assert!(sim.wait_until(T, |s| {
        s.get("configmaps", "default", "shared").unwrap()["metadata"]["ownerReferences"]
            .as_array()
            .is_some_and(|r| r.len() == 1)
    }));
    let shared = sim.get("configmaps", "default", "shared").unwrap();
    assert_eq!(shared["metadata"]["ownerReferences"][0]["uid"], uid(&b));
}

#[test]
fn an_owner_in_another_namespace_is_no_owner() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let mut elsewhere = cm("owner", json!([]));
    elsewhere["metadata"]["namespace"] = json!("other");
    let owner = sim.create(elsewhere);
    sim.create(cm("dependent", json!([owner_ref(&owner, false)])));
    assert!(sim.wait_until(T, |s| s.get("configmaps", "default", "dependent").is_none()));
    assert!(sim.get("configmaps", "other", "owner").is_some());
}

#[test]
fn malformed_or_invalid_delete_options_are_rejected_and_delete_nothing() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let c = Client::admin(&sim);
    sim.create(cm("keep", json!([])));
    let path = "/api/v1/namespaces/default/configmaps/keep";
    let send = |body: &str| c.send("DELETE", path, Some("application/json"), Some(body.to_string()));

    let r = send("{not json");
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.json()["reason"], "BadRequest");
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("couldn't get version/kind; json parse error: ")
    );

    let r = send(r#"{"orphanDependents": "yes"}"#);
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        r.json()["message"],
        "json: cannot unmarshal string into Go struct field DeleteOptions.orphanDependents of type bool"
    );

    let r = send(r#"{"propagationPolicy": "Sideways"}"#);
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(r.json()["reason"], "Invalid");
    assert_eq!(
        r.json()["message"],
        r#"DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil""#
    );
    assert_eq!(r.json()["details"]["kind"], "DeleteOptions");
    assert_eq!(r.json()["details"]["group"], "meta.k8s.io");

    let r = send(r#"{"propagationPolicy": "Orphan", "orphanDependents": true}"#);
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(
        r.json()["message"],
        r#"DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set"#
    );

    // the same checks on a collection delete
    let r = c.send(
        "DELETE",
        "/api/v1/namespaces/default/configmaps",
        Some("application/json"),
        Some("[]".into()),
    );
    assert_eq!(r.status, 400, "{}", r.text);
    assert!(sim.get("configmaps", "default", "keep").is_some());
    assert!(
        sim.get("configmaps", "default", "keep").unwrap()["metadata"]
            .get("deletionTimestamp")
            .is_none()
    );
}

#[test]
fn the_metrics_api_is_404_until_registered_and_503_while_unavailable() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let c = Client::admin(&sim);
    let path = "/apis/metrics.k8s.io/v1beta1/nodes";
    assert_eq!(c.get(path).status, 404);
    sim.create(json!({"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": {"name": "v1beta1.metrics.k8s.io"},
        "spec": {"group": "metrics.k8s.io", "version": "v1beta1", "service": {"name": "metrics-server", "namespace": "kube-system"}},
        "status": {"conditions": [{"type": "Available", "status": "False", "reason": "MissingEndpoints", "message": "endpoints for service/metrics-server in \"kube-system\" have no addresses with port name \"https\""}]}}));
    let r = c.get(path);
    assert_eq!((r.status, r.text.as_str()), (503, "service unavailable\n"));
    // Discovery lists the registered group, as kube-aggregator does (hence kubectl's
    // "unable to retrieve the complete list of server APIs").
    let groups = c.get("/apis").json();
    assert!(
        groups["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["name"] == "metrics.k8s.io"),
        "{groups}"
    );
}

fn cm(name: &str, owners: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "ConfigMap",
           "metadata": {"name": name, "namespace": "default", "ownerReferences": owners}})
}

fn owner_ref(owner: &Value, block: bool) -> Value {
    json!({"apiVersion": "v1", "kind": "ConfigMap", "name": owner["metadata"]["name"], "uid": owner["metadata"]["uid"],
           "blockOwnerDeletion": block})
}

#[test]
fn an_upload_pod_goes_with_its_claim() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    sim.create(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume",
        "metadata": {"name": "disk", "namespace": "default"},
        "spec": {"source": {"upload": {}}, "storage": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}}));
    let pod_name = kubevirt_sim::cdi::upload_pod_name("disk");
    assert!(sim.wait_until(T, |s| s.get("pods", "default", &pod_name).is_some()));
    let pvc = sim.get("persistentvolumeclaims", "default", "disk").unwrap();
    let pod = sim.get("pods", "default", &pod_name).unwrap();
    assert_eq!(controller_of(&pod)["uid"], uid(&pvc));
    // The DataVolume owns the claim, the claim the pod: deleting the DataVolume takes both.
    sim.delete("datavolumes", "default", "disk");
    assert!(
        sim.wait_until(T, |s| s.get("persistentvolumeclaims", "default", "disk").is_none()
            && s.get("pods", "default", &pod_name).is_none())
    );
}
