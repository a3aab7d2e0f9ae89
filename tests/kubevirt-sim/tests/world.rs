//! The simulated cluster as one world: a cause in one component has its effects in the others.

mod common;

use std::time::Duration;

use common::*;
use kubevirt_sim::openshift_virt::{self, NS};
use kubevirt_sim::{Sim, SimOptions, fixtures};
use serde_json::{Value, json};

const T: Duration = Duration::from_secs(10);
const SUBRESOURCES: &str = "v1.subresources.kubevirt.io";

/// A simulator with the healthy OpenShift Virtualization install and a stopped VM `default/vm1`.
fn installed() -> Sim {
    let sim = Sim::start(SimOptions::default()).unwrap();
    openshift_virt::install(&sim, openshift_virt::objects(&openshift_virt::now()));
    sim.create(fixtures::vm("default", "vm1", "Halted"));
    sim
}

fn available(sim: &Sim) -> String {
    sim.get("apiservices", "", SUBRESOURCES)
        .and_then(|s| s["status"]["conditions"][0]["status"].as_str().map(str::to_string))
        .unwrap_or_default()
}

fn virt_api_pods(sim: &Sim) -> Vec<Value> {
    sim.list("pods", Some(NS))
        .into_iter()
        .filter(|p| p["metadata"]["labels"]["kubevirt.io"] == "virt-api")
        .collect()
}

/// Scales the virt-api Deployment, as `kubectl scale` does (a merge patch of `spec.replicas`).
fn scale_virt_api(c: &Client, replicas: u32) {
    let r = c.patch(
        &format!("/apis/apps/v1/namespaces/{NS}/deployments/virt-api"),
        "application/merge-patch+json",
        &json!({"spec": {"replicas": replicas}}),
    );
    assert_eq!(r.status, 200, "{}", r.text);
}

#[test]
fn the_subresource_api_answers_503_while_virt_api_has_no_ready_pod() {
    let sim = installed();
    let c = Client::admin(&sim);
    assert_eq!(virt_api_pods(&sim).len(), 2);
    scale_virt_api(&c, 0);
    assert!(
        sim.wait_until(T, |s| virt_api_pods(s).is_empty() && available(s) == "False"),
        "the ReplicaSet kept its pods or the APIService stayed available"
    );
    let service = sim.get("apiservices", "", SUBRESOURCES).unwrap();
    assert_eq!(service["status"]["conditions"][0]["reason"], "MissingEndpoints");

    let start = c.put_sub(&sub_vm("default", "vm1", "start"), "{}");
    assert_eq!(start.status, 503);
    assert_eq!(start.text, "service unavailable\n");
    assert_eq!(start.content_type.as_deref(), Some("text/plain; charset=utf-8"));
    // A websocket subresource is refused before any handshake.
    let console = c.get(&sub_vmi("default", "vm1", "console"));
    assert_eq!(console.status, 503);
    assert_eq!(console.text, "service unavailable\n");
    // The rest of the API server is unaffected.
    assert_eq!(c.get(&vm_path("default", "vm1")).status, 200);

    scale_virt_api(&c, 2);
    assert!(
        sim.wait_until(T, |s| available(s) == "True"),
        "the APIService never came back"
    );
    assert_eq!(virt_api_pods(&sim).len(), 2);
    assert_eq!(c.put_sub(&sub_vm("default", "vm1", "start"), "{}").status, 202);
}

#[test]
fn virt_api_pods_that_are_not_ready_make_the_apiservice_unavailable() {
    let sim = installed();
    for mut pod in virt_api_pods(&sim) {
        pod["status"]["conditions"][1]["status"] = "False".into();
        sim.update(pod);
    }
    assert!(
        sim.wait_until(T, |s| available(s) == "False"),
        "the APIService stayed available"
    );
    let c = Client::admin(&sim);
    assert_eq!(c.put_sub(&sub_vm("default", "vm1", "start"), "{}").status, 503);
}

fn upload_proxy_pods(sim: &Sim) -> usize {
    sim.list("pods", Some(NS))
        .iter()
        .filter(|p| p["metadata"]["labels"]["cdi.kubevirt.io"] == "cdi-uploadproxy")
        .count()
}

#[test]
fn the_upload_proxy_route_answers_the_routers_503_while_cdi_uploadproxy_has_no_ready_pod() {
    let sim = installed();
    let c = Client::admin(&sim);
    let proxy = Client::upload_proxy(&sim);
    assert_eq!(proxy.get("/healthz").status, 200);
    let r = c.patch(
        &format!("/apis/apps/v1/namespaces/{NS}/deployments/cdi-uploadproxy"),
        "application/merge-patch+json",
        &json!({"spec": {"replicas": 0}}),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        sim.wait_until(T, |s| upload_proxy_pods(s) == 0),
        "the ReplicaSet kept its pods"
    );

    for path in ["/healthz", "/v1beta1/upload"] {
        let down = proxy.send("POST", path, Some("application/octet-stream"), Some("data".into()));
        assert_eq!(down.status, 503, "{path}");
        assert_eq!(down.content_type.as_deref(), Some("text/html"));
        assert!(
            down.text.contains("<h1>Application is not available</h1>"),
            "{}",
            down.text
        );
    }
    let statuses: Vec<u16> = sim.proxy_requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 503, 503]);
    // The upload token API lives in cdi-api, which still runs.
    let upload_api = sim.get("apiservices", "", "v1beta1.upload.cdi.kubevirt.io").unwrap();
    assert_eq!(upload_api["status"]["conditions"][0]["status"], "True");

    let r = c.patch(
        &format!("/apis/apps/v1/namespaces/{NS}/deployments/cdi-uploadproxy"),
        "application/merge-patch+json",
        &json!({"spec": {"replicas": 1}}),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        sim.wait_until(T, |_| proxy.get("/healthz").status == 200),
        "the Route never found the new pod"
    );
    assert_eq!(upload_proxy_pods(&sim), 1);
}

#[test]
fn an_upload_proxy_pod_that_is_not_ready_leaves_the_route_without_endpoints() {
    let sim = installed();
    let pods: Vec<Value> = sim
        .list("pods", Some(NS))
        .into_iter()
        .filter(|p| p["metadata"]["labels"]["cdi.kubevirt.io"] == "cdi-uploadproxy")
        .collect();
    assert_eq!(pods.len(), 1);
    for mut pod in pods {
        for c in pod["status"]["conditions"].as_array_mut().unwrap() {
            if c["type"] == "Ready" {
                c["status"] = "False".into();
            }
        }
        sim.update(pod);
    }
    let proxy = Client::upload_proxy(&sim);
    let down = proxy.get("/healthz");
    assert_eq!(down.status, 503);
    assert!(down.text.contains("Application is not available"));
}

#[test]
fn the_bare_world_serves_the_upload_proxy_without_proxy_pods() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    assert!(sim.wait_for_ticks(3, T));
    assert_eq!(upload_proxy_pods(&sim), 0);
    assert_eq!(Client::upload_proxy(&sim).get("/healthz").status, 200);
}

#[test]
fn the_bare_world_serves_the_subresource_api_without_virt_api_pods() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    sim.create(fixtures::vm("default", "vm1", "Halted"));
    assert!(sim.wait_for_ticks(3, T));
    assert!(sim.get("apiservices", "", SUBRESOURCES).is_none());
    let c = Client::admin(&sim);
    assert_eq!(c.put_sub(&sub_vm("default", "vm1", "start"), "{}").status, 202);
}

#[test]
fn a_pvc_created_without_a_volume_mode_gets_filesystem() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let c = Client::admin(&sim);
    let pvc = |name: &str, mode: Option<&str>| {
        let mut pvc = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": name},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}});
        if let Some(mode) = mode {
            pvc["spec"]["volumeMode"] = json!(mode);
        }
        pvc
    };
    let created = c.post("/api/v1/namespaces/default/persistentvolumeclaims", &pvc("plain", None));
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.json()["spec"]["volumeMode"], "Filesystem");
    let block = c.post(
        "/api/v1/namespaces/default/persistentvolumeclaims",
        &pvc("raw", Some("Block")),
    );
    assert_eq!(block.json()["spec"]["volumeMode"], "Block");
    assert_eq!(
        sim.get("pvc", "default", "plain").unwrap()["spec"]["volumeMode"],
        "Filesystem"
    );
}

fn pod(name: &str, containers: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": {"containers": containers}})
}

fn create_pod(c: &Client, pod: &Value) -> Value {
    let created = c.post("/api/v1/namespaces/default/pods", pod);
    assert_eq!(created.status, 201, "{}", created.text);
    created.json()
}

#[test]
fn a_new_pod_gets_the_apiservers_defaults_pending_and_its_qos_class() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let c = Client::admin(&sim);
    let created = create_pod(
        &c,
        &pod(
            "p1",
            json!([{"name": "a", "image": "quay.io/x/a"}, {"name": "b", "image": "quay.io/x/b:v1"},
                   {"name": "c", "image": "localhost:5000/c:latest"}, {"name": "d", "image": "d@sha256:abc"}]),
        ),
    );
    let spec = &created["spec"];
    assert_eq!(spec["restartPolicy"], "Always");
    assert_eq!(spec["dnsPolicy"], "ClusterFirst");
    assert_eq!(spec["terminationGracePeriodSeconds"], 30);
    assert_eq!(spec["schedulerName"], "default-scheduler");
    let policies: Vec<&str> = spec["containers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["imagePullPolicy"].as_str().unwrap())
        .collect();
    assert_eq!(policies, ["Always", "IfNotPresent", "Always", "IfNotPresent"]);
    assert_eq!(spec["containers"][0]["terminationMessagePath"], "/dev/termination-log");
    assert_eq!(spec["containers"][0]["terminationMessagePolicy"], "File");
    assert_eq!(created["status"]["phase"], "Pending");
    assert_eq!(created["status"]["qosClass"], "BestEffort");

    // What the client set stays as it was.
    let mut given = pod(
        "p2",
        json!([{"name": "a", "image": "a:latest", "imagePullPolicy": "Never"}]),
    );
    given["spec"]["restartPolicy"] = json!("Never");
    given["spec"]["terminationGracePeriodSeconds"] = json!(0);
    let created = create_pod(&c, &given);
    assert_eq!(created["spec"]["restartPolicy"], "Never");
    assert_eq!(created["spec"]["terminationGracePeriodSeconds"], 0);
    assert_eq!(created["spec"]["containers"][0]["imagePullPolicy"], "Never");
}

#[test]
fn a_pods_qos_class_follows_its_containers_resources() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let c = Client::admin(&sim);
    let both = json!({"cpu": "1", "memory": "1Gi"});
    let cases = [
        (
            "guaranteed",
            json!([{"name": "a", "image": "a:1", "resources": {"limits": both}}]),
            "Guaranteed",
        ),
        (
            "equal",
            json!([{"name": "a", "image": "a:1", "resources": {"limits": both, "requests": both}}]),
            "Guaranteed",
        ),
        (
            "requests",
            json!([{"name": "a", "image": "a:1", "resources": {"requests": {"cpu": "10m"}}}]),
            "Burstable",
        ),
        (
            "mixed",
            json!([{"name": "a", "image": "a:1", "resources": {"limits": both}}, {"name": "b", "image": "b:1"}]),
            "Burstable",
        ),
        (
            "other",
            json!([{"name": "a", "image": "a:1", "resources": {"limits": {"nvidia.com/gpu": "1"}}}]),
            "BestEffort",
        ),
    ];
    for (name, containers, qos) in cases {
        assert_eq!(
            create_pod(&c, &pod(name, containers))["status"]["qosClass"],
            qos,
            "{name}"
        );
    }
}

#[test]
fn a_collection_delete_with_an_invalid_field_selector_is_rejected_and_deletes_nothing() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let c = Client::admin(&sim);
    for name in ["vm1", "vm2"] {
        sim.create(fixtures::vm("default", name, "Halted"));
    }
    let r = c.delete(
        "/apis/kubevirt.io/v1/namespaces/default/virtualmachines?fieldSelector=spec.nope%3Dx",
        None,
    );
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.json()["reason"], "BadRequest");
    // The same selector on a list is rejected the same way.
    let list = c.get("/apis/kubevirt.io/v1/namespaces/default/virtualmachines?fieldSelector=spec.nope%3Dx");
    assert_eq!(
        (list.status, list.json()["message"].clone()),
        (400, r.json()["message"].clone())
    );
    assert_eq!(sim.list("vm", Some("default")).len(), 2);
}

#[test]
fn a_watch_from_a_resource_version_the_history_no_longer_holds_gets_410_expired() {
    let sim = Sim::start(SimOptions {
        controllers: false,
        ..SimOptions::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    let first = sim.create(
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm-first", "namespace": "default"}}),
    );
    let rv = first["metadata"]["resourceVersion"].as_str().unwrap().to_string();
    for i in 0..4200 {
        sim.create(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": format!("cm-{i}"), "namespace": "default"}}));
    }
    let r = c.get(&format!(
        "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}"
    ));
    assert_eq!(r.status, 200);
    let events: Vec<Value> = r.text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events.len(), 1, "{}", r.text);
    assert_eq!(events[0]["type"], "ERROR");
    let status = &events[0]["object"];
    assert_eq!(
        (status["kind"].as_str(), status["code"].as_u64()),
        (Some("Status"), Some(410))
    );
    assert_eq!(status["reason"], "Expired");
    assert!(
        status["message"]
            .as_str()
            .unwrap()
            .starts_with(&format!("too old resource version: {rv} (")),
        "{status}"
    );
    // A recent resourceVersion still streams.
    let recent = sim.get("configmaps", "default", "cm-4199").unwrap()["metadata"]["resourceVersion"].clone();
    let r = c.get(&format!(
        "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={}&timeoutSeconds=1",
        recent.as_str().unwrap()
    ));
    assert_eq!(r.status, 200);
    assert!(!r.text.contains("ERROR"), "{}", r.text);
}

#[test]
fn a_datavolume_without_a_storage_class_while_no_default_exists_is_not_valid_until_one_is() {
    let sim = Sim::start(SimOptions::default()).unwrap();
    let default_class = |s: &Sim| {
        s.list("storageclasses", None)
            .into_iter()
            .find(|c| c["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"] == "true")
    };
    let mut class = default_class(&sim).expect("the bare world has a default class");
    class["metadata"]["annotations"] = json!({});
    sim.update(class.clone());
    sim.create(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume",
        "metadata": {"name": "disk", "namespace": "default"},
        "spec": {"source": {"upload": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}}}));
    let bound = |s: &Sim| {
        s.get("datavolumes", "default", "disk").and_then(|dv| {
            dv["status"]["conditions"]
                .as_array()
                .and_then(|cs| cs.iter().find(|c| c["type"] == "Bound").cloned())
        })
    };
    assert!(
        sim.wait_until(T, |s| bound(s).is_some_and(|c| c["reason"] == "ErrClaimNotValid")),
        "{:?}",
        sim.get("datavolumes", "default", "disk")
    );
    let condition = bound(&sim).unwrap();
    assert_eq!(condition["status"], "Unknown");
    assert_eq!(condition["message"], kubevirt_sim::cdi::MESSAGE_NO_STORAGE_CLASS);
    let dv = sim.get("datavolumes", "default", "disk").unwrap();
    assert!(dv["status"].get("phase").is_none(), "CDI leaves the phase unset: {dv}");
    assert!(sim.get("persistentvolumeclaims", "default", "disk").is_none());
    let events: Vec<Value> = sim
        .list("events", Some("default"))
        .into_iter()
        .filter(|e| e["involvedObject"]["name"] == "disk" && e["reason"] == "ErrClaimNotValid")
        .collect();
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0]["type"], "Normal");

    // A default class appears: CDI's next reconcile creates the claim with it.
    class["metadata"]["annotations"] = json!({"storageclass.kubernetes.io/is-default-class": "true"});
    sim.update(class.clone());
    assert!(sim.wait_until(T, |s| s.get("persistentvolumeclaims", "default", "disk").is_some()));
    let pvc = sim.get("persistentvolumeclaims", "default", "disk").unwrap();
    assert_eq!(pvc["spec"]["storageClassName"], class["metadata"]["name"]);
}

#[test]
fn the_scale_subresource_reads_and_writes_spec_replicas() {
    let sim = installed();
    let c = Client::admin(&sim);
    let path = format!("/apis/apps/v1/namespaces/{NS}/deployments/virt-api/scale");
    let scale = c.get(&path);
    assert_eq!(scale.status, 200, "{}", scale.text);
    let scale = scale.json();
    assert_eq!(scale["apiVersion"], "autoscaling/v1");
    assert_eq!(scale["kind"], "Scale");
    assert_eq!(scale["spec"]["replicas"], 2);
    assert_eq!(
        scale["status"]["selector"],
        "kubevirt.io=virt-api,prometheus.kubevirt.io=true"
    );

    let refused = c.patch(
        &path,
        "application/merge-patch+json",
        &json!({"spec": {"replicas": -1}}),
    );
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.json()["message"],
        "Scale.autoscaling \"virt-api\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    );
    let scaled = c.patch(&path, "application/merge-patch+json", &json!({"spec": {"replicas": 1}}));
    assert_eq!(scaled.status, 200, "{}", scaled.text);
    assert_eq!(scaled.json()["spec"]["replicas"], 1);
    assert_eq!(sim.get("deployments", NS, "virt-api").unwrap()["spec"]["replicas"], 1);
    assert!(
        sim.wait_until(T, |s| virt_api_pods(s).len() == 1),
        "the ReplicaSet kept 2 pods"
    );
}
