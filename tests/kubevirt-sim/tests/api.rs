//! The generic API surface over HTTPS: auth, errors, dry run, patches, selectors, discovery.

mod common;

use std::time::Duration;

use common::*;
use kubevirt_sim::{Sim, SimOptions, fixtures};
use serde_json::json;

fn sim() -> Sim {
    Sim::start(SimOptions::default()).unwrap()
}

#[test]
fn unauthenticated_requests_get_401() {
    let sim = sim();
    let expected = json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401});
    let r = Client::new(&sim, None).get("/apis/kubevirt.io/v1/namespaces/default/virtualmachines");
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), expected);
    let r = Client::new(&sim, Some("bogus")).put_sub(&sub_vm("default", "x", "start"), "{}");
    assert_eq!(r.status, 401);
    assert_eq!(r.text, expected.to_string());
}

#[test]
fn limited_user_gets_403_outside_its_namespace() {
    let sim = sim();
    sim.create(fixtures::vm("default", "vm1", "Halted"));
    let alice = Client::new(&sim, Some(&sim.limited_token()));
    let r = alice.get(&vm_path("default", "vm1"));
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json(),
        json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
            "message":"virtualmachines.kubevirt.io \"vm1\" is forbidden: User \"alice\" cannot get resource \"virtualmachines\" in API group \"kubevirt.io\" in the namespace \"default\"",
            "reason":"Forbidden","details":{"name":"vm1","group":"kubevirt.io","kind":"virtualmachines"},"code":403})
    );
    let r = alice.put_sub(&sub_vm("default", "vm1", "start"), "{}");
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json()["message"],
        "virtualmachines.subresources.kubevirt.io \"vm1\" is forbidden: User \"alice\" cannot update resource \"virtualmachines/start\" in API group \"subresources.kubevirt.io\" in the namespace \"default\""
    );
    let r = alice.get(&sub_vmi("default", "vm1", "guestosinfo"));
    assert_eq!(r.status, 403);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("cannot get resource \"virtualmachineinstances/guestosinfo\"")
    );
    let r = alice.get("/apis/kubevirt.io/v1/virtualmachines");
    assert_eq!(
        r.json()["message"],
        "virtualmachines.kubevirt.io is forbidden: User \"alice\" cannot list resource \"virtualmachines\" in API group \"kubevirt.io\" at the cluster scope"
    );
    // its own namespace works
    let r = alice.post(
        "/apis/kubevirt.io/v1/namespaces/limited/virtualmachines",
        &fixtures::vm("limited", "mine", "Halted"),
    );
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(alice.get(&vm_path("limited", "mine")).status, 200);
    // custom tokens
    sim.add_token("bob-token", "bob", Some(&["default"]));
    assert_eq!(
        Client::new(&sim, Some("bob-token"))
            .get(&vm_path("default", "vm1"))
            .status,
        200
    );
}

#[test]
fn not_found_and_conflicts() {
    let sim = sim();
    let c = Client::admin(&sim);
    let r = c.get(&vm_path("default", "nope"));
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"virtualmachines.kubevirt.io \"nope\" not found","reason":"NotFound","details":{"name":"nope","group":"kubevirt.io","kind":"virtualmachines"},"code":404})
    );
    let r = c.post(
        "/apis/kubevirt.io/v1/namespaces/ghost/virtualmachines",
        &fixtures::vm("ghost", "a", "Halted"),
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["message"], "namespaces \"ghost\" not found");
    assert_eq!(c.get("/apis/nothing.io/v1/foos").status, 404);

    let created = c
        .post(
            "/apis/kubevirt.io/v1/namespaces/default/virtualmachines",
            &fixtures::vm("default", "a", "Halted"),
        )
        .json();
    let r = c.post(
        "/apis/kubevirt.io/v1/namespaces/default/virtualmachines",
        &fixtures::vm("default", "a", "Halted"),
    );
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["reason"], "AlreadyExists");
    assert_eq!(r.json()["message"], "virtualmachines.kubevirt.io \"a\" already exists");

    // The controller may write the new VM's status between the create and the update, so
    // update from a fresh read until the write wins; the stale copy must then conflict.
    let mut upd = created.clone();
    upd["metadata"]["labels"]["x"] = json!("1");
    let mut updated = false;
    for _ in 0..20 {
        let r = c.put_json(&vm_path("default", "a"), &upd);
        if r.status == 200 {
            updated = true;
            break;
        }
        assert_eq!(r.status, 409, "{}", r.text);
        upd = c.get(&vm_path("default", "a")).json();
        upd["metadata"]["labels"]["x"] = json!("1");
    }
    assert!(updated, "the update never won against the controller");
    let r = c.put_json(&vm_path("default", "a"), &upd);
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json(),
        json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
            "message":"Operation cannot be fulfilled on virtualmachines.kubevirt.io \"a\": the object has been modified; please apply your changes to the latest version and try again",
            "reason":"Conflict","details":{"name":"a","group":"kubevirt.io","kind":"virtualmachines"},"code":409})
    );
    let r = c.post(
        "/apis/kubevirt.io/v1/namespaces/default/virtualmachines",
        &json!({"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{}}),
    );
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["reason"], "Invalid");
}

#[test]
fn dry_run_leaves_state_unchanged() {
    let sim = sim();
    let c = Client::admin(&sim);
    let r = c.post(
        "/apis/kubevirt.io/v1/namespaces/default/virtualmachines?dryRun=All",
        &fixtures::vm("default", "dry", "Halted"),
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["metadata"]["name"], "dry");
    assert!(sim.get("virtualmachines", "default", "dry").is_none());

    let vm = sim.create(fixtures::vm("default", "v", "Halted"));
    let rv = vm["metadata"]["resourceVersion"].clone();
    let r = c.patch(
        &format!("{}?dryRun=All", vm_path("default", "v")),
        "application/merge-patch+json",
        &json!({"metadata": {"labels": {"dry": "yes"}}}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["metadata"]["labels"]["dry"], "yes");
    let r = c.delete(
        &vm_path("default", "v"),
        Some(json!({"kind": "DeleteOptions", "apiVersion": "kubevirt.io/v1", "dryRun": ["All"]})),
    );
    assert_eq!(r.status, 200);
    let r = c.put_sub(&sub_vm("default", "v", "start"), r#"{"dryRun":["All"]}"#);
    assert_eq!(r.status, 202);
    // A real start would have created the VMI within a tick: give the controllers a few.
    assert!(sim.wait_for_ticks(5, Duration::from_secs(5)));
    let now = sim.get("virtualmachines", "default", "v").unwrap();
    assert!(now["metadata"]["labels"].get("dry").is_none());
    assert_eq!(now["spec"]["runStrategy"], "Halted");
    assert!(sim.get("virtualmachineinstances", "default", "v").is_none());
    let _ = rv;
}

#[test]
fn merge_and_json_patches() {
    let sim = sim();
    let c = Client::admin(&sim);
    sim.create(fixtures::vm("default", "p", "Halted"));
    let r = c.patch(
        &vm_path("default", "p"),
        "application/merge-patch+json",
        &json!({"metadata": {"labels": {"team": "a"}}}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        sim.get("vm", "default", "p").unwrap()["metadata"]["labels"]["team"],
        "a"
    );
    let r = c.patch(
        &vm_path("default", "p"),
        "application/json-patch+json",
        &json!([{"op": "test", "path": "/spec/runStrategy", "value": "Halted"}, {"op": "replace", "path": "/spec/runStrategy", "value": "Manual"}]),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["spec"]["runStrategy"], "Manual");
    assert_eq!(r.json()["metadata"]["generation"], 2);
    let r = c.patch(
        &vm_path("default", "p"),
        "application/json-patch+json",
        &json!([{"op": "test", "path": "/spec/runStrategy", "value": "Halted"}]),
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server rejected our request due to an error in our request","reason":"Invalid",
            "details":{"causes":[{"reason":"UnexpectedServerResponse","message":"testing value /spec/runStrategy failed: test failed"}]},"code":422})
    );
    let r = c.patch(&vm_path("default", "p"), "text/plain", &json!({}));
    assert_eq!(r.status, 415);
    // status subresource
    let r = c.patch(
        &format!("{}/status", vm_path("default", "p")),
        "application/merge-patch+json",
        &json!({"status": {"snapshotInProgress": "snap"}, "spec": {"runStrategy": "Always"}}),
    );
    assert_eq!(r.status, 200);
    let vm = sim.get("vm", "default", "p").unwrap();
    assert_eq!(vm["status"]["snapshotInProgress"], "snap");
    assert_eq!(vm["spec"]["runStrategy"], "Manual");
}

#[test]
fn label_and_field_selectors() {
    let sim = sim();
    let c = Client::admin(&sim);
    for (n, env, tier) in [("a", "prod", "web"), ("b", "dev", "web"), ("c", "prod", "db")] {
        let mut vm = fixtures::vm("sel", n, "Halted");
        vm["metadata"]["labels"] = json!({"env": env, "tier": tier});
        sim.create(vm);
    }
    let names = |q: &str| -> Vec<String> {
        let r = c.get(&format!("/apis/kubevirt.io/v1/namespaces/sel/virtualmachines?{q}"));
        assert_eq!(r.status, 200, "{q}: {}", r.text);
        r.item_names()
    };
    assert_eq!(names("labelSelector=env%3Dprod"), ["a", "c"]);
    assert_eq!(names("labelSelector=env%3D%3Dprod%2Ctier%3Dweb"), ["a"]);
    assert_eq!(names("labelSelector=env%21%3Dprod"), ["b"]);
    assert_eq!(names("labelSelector=tier+in+%28db%2Cx%29"), ["c"]);
    assert_eq!(names("labelSelector=tier+notin+%28db%29"), ["a", "b"]);
    assert_eq!(names("labelSelector=env"), ["a", "b", "c"]);
    assert_eq!(names("labelSelector=%21env"), Vec::<String>::new());
    assert_eq!(names("fieldSelector=metadata.name%3Db"), ["b"]);
    let r = c.get("/apis/kubevirt.io/v1/namespaces/sel/virtualmachines");
    assert_eq!(r.json()["kind"], "VirtualMachineList");
    assert!(r.json()["metadata"]["resourceVersion"].is_string());
    assert_eq!(
        c.get("/apis/kubevirt.io/v1/namespaces/sel/virtualmachines?labelSelector=a+in+b")
            .status,
        400
    );
}

#[test]
fn discovery_and_versions() {
    let sim = sim();
    let c = Client::admin(&sim);
    let g = c.get("/apis/subresources.kubevirt.io").json();
    assert_eq!(g["kind"], "APIGroup");
    assert_eq!(g["preferredVersion"]["groupVersion"], "subresources.kubevirt.io/v1");
    let v = c.get("/apis/subresources.kubevirt.io/v1/version").json();
    assert_eq!(v["gitVersion"], "v1.8.0");
    for f in [
        "gitCommit",
        "gitTreeState",
        "buildDate",
        "goVersion",
        "compiler",
        "platform",
    ] {
        assert!(v[f].is_string(), "{f}");
    }
    assert!(
        c.get("/version").json()["gitVersion"]
            .as_str()
            .unwrap()
            .starts_with("v1.33")
    );
    let apis = c.get("/apis").json();
    assert!(
        apis["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["name"] == "cdi.kubevirt.io")
    );
    let kv = c.get("/apis/kubevirt.io/v1").json();
    let vmi = kv["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "virtualmachineinstances")
        .unwrap()
        .clone();
    assert_eq!(vmi["shortNames"], json!(["vmi", "vmis"]));
    assert!(
        c.get("/api/v1").json()["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "persistentvolumeclaims")
    );
    // nodes exist
    assert!(sim.get("nodes", "", "node01").is_some());
    assert!(sim.get("nodes", "", "node02").is_some());
}

const EXPORT_GROUP: &str = "/apis/export.kubevirt.io";

fn export_body(name: &str, version: &str) -> serde_json::Value {
    json!({"apiVersion": format!("export.kubevirt.io/{version}"), "kind": "VirtualMachineExport",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"source": {"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "disk"}}})
}

#[test]
fn an_older_kubevirt_serves_exports_only_at_v1beta1() {
    let sim = Sim::start(SimOptions {
        export_versions: vec!["v1beta1".into()],
        controllers: false,
        ..SimOptions::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    let versions = json!([{"groupVersion": "export.kubevirt.io/v1beta1", "version": "v1beta1"}]);
    let apis = c.get("/apis").json();
    let group = apis["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "export.kubevirt.io")
        .expect("the export group is listed")
        .clone();
    assert_eq!(group["versions"], versions);
    assert_eq!(group["preferredVersion"], versions[0]);
    let g = c.get(EXPORT_GROUP).json();
    assert_eq!(
        (g["kind"].clone(), g["versions"].clone()),
        (json!("APIGroup"), versions)
    );
    assert_eq!(c.get(&format!("{EXPORT_GROUP}/v1beta1")).status, 200);
    // an unserved version: no handler down to Go's http.NotFound, not a Status
    let collection = format!("{EXPORT_GROUP}/v1/namespaces/default/virtualmachineexports");
    for (method, path) in [
        ("GET", format!("{EXPORT_GROUP}/v1")),
        ("GET", collection.clone()),
        ("GET", format!("{collection}/e1")),
        ("POST", collection.clone()),
        ("GET", "/openapi/v3/apis/export.kubevirt.io/v1".to_string()),
    ] {
        let body = (method == "POST").then(|| export_body("e1", "v1").to_string());
        let r = c.send(method, &path, Some("application/json"), body);
        assert_eq!(r.status, 404, "{method} {path}");
        assert_eq!(r.text, "404 page not found\n", "{method} {path}");
        assert_eq!(r.content_type.as_deref(), Some("text/plain; charset=utf-8"));
    }
    let openapi = c.get("/openapi/v3").json();
    assert!(openapi["paths"].get("apis/export.kubevirt.io/v1").is_none());
    assert!(openapi["paths"].get("apis/export.kubevirt.io/v1beta1").is_some());
    // v1beta1 works
    let created = c.post(
        &format!("{EXPORT_GROUP}/v1beta1/namespaces/default/virtualmachineexports"),
        &export_body("e1", "v1beta1"),
    );
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.json()["apiVersion"], "export.kubevirt.io/v1beta1");
    assert!(sim.get("virtualmachineexports", "default", "e1").is_some());

    // only versions the kinds table has, and at least one
    for bad in [vec![], vec!["v2".to_string()]] {
        let started = Sim::start(SimOptions {
            export_versions: bad.clone(),
            ..SimOptions::default()
        });
        assert!(started.is_err(), "{bad:?}");
    }
}

#[test]
fn exports_answer_in_the_version_asked_for_where_both_are_served() {
    let sim = Sim::start(SimOptions {
        controllers: false,
        ..SimOptions::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    let g = c.get(EXPORT_GROUP).json();
    assert_eq!(g["preferredVersion"]["version"], "v1");
    assert_eq!(g["versions"].as_array().map(Vec::len), Some(2));
    let v1 = format!("{EXPORT_GROUP}/v1/namespaces/default/virtualmachineexports");
    let v1beta1 = format!("{EXPORT_GROUP}/v1beta1/namespaces/default/virtualmachineexports");
    assert_eq!(c.post(&v1, &export_body("e1", "v1")).status, 201);
    // stored through v1, read through either version: the same object in the version asked for
    let old = c.get(&format!("{v1beta1}/e1")).json();
    assert_eq!(old["apiVersion"], "export.kubevirt.io/v1beta1");
    let new = c.get(&format!("{v1}/e1")).json();
    assert_eq!(new["apiVersion"], "export.kubevirt.io/v1");
    assert_eq!(old["metadata"]["uid"], new["metadata"]["uid"]);
    let listed = c.get(&v1beta1).json();
    assert_eq!(listed["apiVersion"], "export.kubevirt.io/v1beta1");
    assert_eq!(listed["items"][0]["apiVersion"], "export.kubevirt.io/v1beta1");
}

#[test]
fn request_log_records_the_wire() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("req.log");
    let sim = Sim::start(SimOptions {
        log_requests: Some(log.clone()),
        ..Default::default()
    })
    .unwrap();
    sim.create(fixtures::vm("default", "w", "Halted"));
    let c = Client::admin(&sim);
    sim.clear_requests();
    c.put_sub(&sub_vm("default", "w", "start"), r#"{"paused":true}"#);
    c.get("/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstancemigrations?labelSelector=kubevirt.io%2Fvmi-name%3D%3Dw");
    let reqs = sim.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].method, "PUT");
    assert_eq!(
        reqs[0].path,
        "/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/w/start"
    );
    assert_eq!(reqs[0].body, r#"{"paused":true}"#);
    assert_eq!(reqs[0].content_type, None);
    assert_eq!(reqs[0].status, 202);
    assert_eq!(reqs[1].query, "labelSelector=kubevirt.io%2Fvmi-name%3D%3Dw");
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["query"], "labelSelector=kubevirt.io%2Fvmi-name%3D%3Dw");
    assert!(!text.contains(&sim.admin_token()));
    let kc = dir.path().join("kubeconfig");
    sim.write_kubeconfig(&kc, &sim.admin_token(), Some("demo")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&kc).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let y = std::fs::read_to_string(&kc).unwrap();
    assert!(y.contains("certificate-authority-data: ") && y.contains("namespace: demo") && y.contains(&sim.url()));
}

#[test]
fn watch_streams_changes() {
    let sim = sim();
    sim.create(fixtures::vm("default", "w1", "Halted"));
    let c = Client::admin(&sim);
    let t = std::thread::scope(|scope| {
        let h = scope.spawn(|| c.get("/apis/kubevirt.io/v1/namespaces/default/virtualmachines?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dw1"));
        // The server records a watch once it has taken its snapshot and subscribed.
        let watching = |s: &Sim| s.requests().iter().any(|r| r.query.contains("watch=true"));
        assert!(sim.wait_until(Duration::from_secs(5), watching));
        sim.delete("vm", "default", "w1");
        h.join().unwrap()
    });
    assert_eq!(t.status, 200);
    let events: Vec<serde_json::Value> = t.text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events[0]["type"], "ADDED");
    assert_eq!(events[0]["object"]["metadata"]["name"], "w1");
    assert!(events.iter().any(|e| e["type"] == "DELETED"), "{}", t.text);
    // from a resourceVersion: only later changes
    let v = sim.create(fixtures::vm("default", "w2", "Halted"));
    let rv = v["metadata"]["resourceVersion"].as_str().unwrap().to_string();
    let mut v2 = v.clone();
    v2["metadata"]["labels"]["x"] = json!("y");
    sim.update(v2);
    let r = c.get(&format!(
        "/apis/kubevirt.io/v1/namespaces/default/virtualmachines?watch=1&resourceVersion={rv}&timeoutSeconds=1"
    ));
    let events: Vec<serde_json::Value> = r.text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(events.iter().all(|e| e["type"] != "ADDED"), "{}", r.text);
    assert!(
        events
            .iter()
            .any(|e| e["type"] == "MODIFIED" && e["object"]["metadata"]["labels"]["x"] == "y")
    );
}

/// `metrics.k8s.io` is aggregated: not served (404) until its APIService is registered, 503
/// while it is not Available, then readable and read-only.
#[test]
fn metrics_api_is_served_only_through_its_apiservice() {
    let sim = sim();
    let c = Client::admin(&sim);
    let has_group = |c: &Client| {
        c.get("/apis").json()["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["name"] == "metrics.k8s.io")
    };
    assert!(!has_group(&c));
    assert_eq!(c.get("/apis/metrics.k8s.io/v1beta1/nodes").status, 404);
    sim.try_create(json!({"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService",
        "metadata": {"name": "v1beta1.metrics.k8s.io"},
        "spec": {"group": "metrics.k8s.io", "version": "v1beta1"},
        "status": {"conditions": [{"type": "Available", "status": "False", "reason": "FailedDiscoveryCheck"}]}}))
        .unwrap();
    // Registered but unavailable: kube-aggregator's proxy answers 503 (not 404) below the group.
    let r = c.get("/apis/metrics.k8s.io/v1beta1");
    assert_eq!(
        (r.status, r.text.as_str()),
        (503, "service unavailable\n"),
        "an unavailable APIService serves nothing"
    );
    let mut service = sim.get("apiservices", "", "v1beta1.metrics.k8s.io").unwrap();
    service["status"]["conditions"][0] = json!({"type": "Available", "status": "True", "reason": "Passed"});
    sim.update(service);
    sim.try_create(
        json!({"apiVersion": "metrics.k8s.io/v1beta1", "kind": "NodeMetrics", "metadata": {"name": "node01"},
        "window": "20s", "usage": {"cpu": "1", "memory": "1Gi"}}),
    )
    .unwrap();
    assert!(has_group(&c));
    let nodes = c.get("/apis/metrics.k8s.io/v1beta1/nodes").json();
    assert_eq!(nodes["items"][0]["usage"]["cpu"], "1");
    let create = c.post(
        "/apis/metrics.k8s.io/v1beta1/nodes",
        &json!({"apiVersion": "metrics.k8s.io/v1beta1", "kind": "NodeMetrics", "metadata": {"name": "x"}}),
    );
    assert_eq!(create.status, 405);
}

/// Paths no handler serves answer as the apiserver's chain does: an unknown group or group
/// version falls through every handler to Go's plain-text 404; a resource the API server's own
/// group version lacks gets its go-restful container's `Status`; one no CRD of a CRD group
/// defines is passed on by the CRD handler to the plain 404.
#[test]
fn unknown_paths_answer_as_the_apiserver_does() {
    let sim = sim();
    let c = Client::admin(&sim);
    for path in [
        "/apis/nosuch.io",
        "/apis/nosuch.io/v1",
        "/apis/nosuch.io/v1/things",
        "/apis/nosuch.io/v1/namespaces/default/things/x",
        "/apis/apps/v7/deployments",
        "/apis/kubevirt.io/v2/virtualmachines",
        "/apis/kubevirt.io/v1/things",
        "/apis/metrics.k8s.io/v1beta1/nodes",
    ] {
        let r = c.get(path);
        assert_eq!(
            (r.status, r.text.as_str(), r.content_type.as_deref()),
            (404, "404 page not found\n", Some("text/plain; charset=utf-8")),
            "{path}"
        );
    }
    let not_found = json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": "the server could not find the requested resource", "reason": "NotFound", "details": {}, "code": 404});
    for path in [
        "/api/v1/things",
        "/api/v1/namespaces/default/things",
        "/apis/apps/v1/things",
        "/apis/apps/v1/namespaces/default/things/x",
        "/apis/storage.k8s.io/v1/things",
    ] {
        let r = c.get(path);
        assert_eq!(r.status, 404, "{path}: {}", r.text);
        assert_eq!(r.content_type.as_deref(), Some("application/json"), "{path}");
        assert_eq!(r.json(), not_found, "{path}");
    }
    // what is served still is
    assert_eq!(c.get("/apis/apps/v1/deployments").status, 200);
    assert_eq!(c.get("/apis/kubevirt.io/v1/virtualmachines").status, 200);
}

/// A field selector may use only the kind's field labels (its conversion function in the API
/// server, the CRD handler's for custom resources); anything else is a 400 with the
/// conversion's message, and the supported labels select.
#[test]
fn field_selectors_accept_only_the_kinds_field_labels() {
    let sim = sim();
    let c = Client::admin(&sim);
    sim.create(fixtures::vm("default", "vm1", "Halted"));
    sim.create(
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "tls", "namespace": "default"},
        "type": "kubernetes.io/tls", "data": {}}),
    );
    sim.create(
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "plain", "namespace": "default"},
        "type": "Opaque", "data": {}}),
    );
    let bad_request = |message: &str| {
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
               "message": message, "reason": "BadRequest", "code": 400})
    };
    for (path, selector, message) in [
        (
            "/api/v1/namespaces/default/pods",
            "spec.containers=x",
            "field label not supported: spec.containers",
        ),
        (
            "/api/v1/nodes",
            "metadata.namespace=x",
            "field label not supported: metadata.namespace",
        ),
        (
            "/api/v1/namespaces",
            "metadata.namespace=x",
            "field label not supported: metadata.namespace",
        ),
        (
            "/api/v1/namespaces/default/secrets",
            "data.x=y",
            "field label not supported: data.x",
        ),
        (
            "/api/v1/namespaces/default/events",
            "message=x",
            "field label not supported: message",
        ),
        (
            "/api/v1/namespaces/default/configmaps",
            "data.k=v",
            r#""data.k" is not a known field selector: only "metadata.name", "metadata.namespace""#,
        ),
        (
            "/apis/apps/v1/namespaces/default/deployments",
            "spec.replicas=1",
            r#""spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace""#,
        ),
        (
            "/apis/kubevirt.io/v1/namespaces/default/virtualmachines",
            "status.printableStatus=Stopped",
            "field label not supported: status.printableStatus",
        ),
        (
            "/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances",
            "status.nodeName=node01",
            "field label not supported: status.nodeName",
        ),
        (
            "/apis/instancetype.kubevirt.io/v1beta1/virtualmachineclusterinstancetypes",
            "metadata.namespace=x",
            "field label not supported: metadata.namespace",
        ),
    ] {
        let r = c.get(&format!("{path}?fieldSelector={}", selector.replace('=', "%3D")));
        assert_eq!(r.status, 400, "{path} {selector}: {}", r.text);
        assert_eq!(r.json(), bad_request(message), "{path} {selector}");
    }
    let names = |path: &str, selector: &str| -> Vec<String> {
        let r = c.get(&format!("{path}?fieldSelector={}", selector.replace('=', "%3D")));
        assert_eq!(r.status, 200, "{path} {selector}: {}", r.text);
        r.item_names()
    };
    assert_eq!(
        names("/api/v1/namespaces/default/secrets", "type=kubernetes.io/tls"),
        ["tls"]
    );
    assert_eq!(
        names("/api/v1/nodes", "spec.unschedulable=false").len(),
        sim.list("nodes", None).len()
    );
    assert!(names("/api/v1/nodes", "spec.unschedulable=true").is_empty());
    assert_eq!(
        names("/api/v1/namespaces", "status.phase=Active,metadata.name=default"),
        ["default"]
    );
    assert_eq!(
        names(
            "/apis/kubevirt.io/v1/namespaces/default/virtualmachines",
            "metadata.namespace=default"
        ),
        ["vm1"]
    );
    for (name, node, ip) in [("a", "node01", "10.128.0.2"), ("b", "node02", "10.128.1.2")] {
        sim.create(
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
            "spec": {"nodeName": node, "containers": [{"name": "c", "image": "i"}]},
            "status": {"phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}]}}),
        );
    }
    let pods = "/api/v1/namespaces/default/pods";
    assert_eq!(names(pods, "spec.nodeName=node02"), ["b"]);
    assert_eq!(names(pods, "status.podIP=10.128.0.2"), ["a"]);
    assert_eq!(names(pods, "spec.host=node01,status.phase=Running"), ["a"]);
}

/// The scheme's defaulters run on an update's body too: a Deployment PUT without a strategy or
/// replicas reads back with apps/v1's defaults, as from a real apiserver.
#[test]
fn a_deployment_update_is_defaulted_like_a_create() {
    let sim = Sim::start(SimOptions {
        controllers: false,
        ..SimOptions::default()
    })
    .unwrap();
    let c = Client::admin(&sim);
    let path = "/apis/apps/v1/namespaces/default/deployments";
    let labels = serde_json::json!({"app": "web"});
    let created = c.post(
        path,
        &serde_json::json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"replicas": 3, "strategy": {"type": "Recreate"}, "selector": {"matchLabels": labels},
                     "template": {"metadata": {"labels": labels}, "spec": {"containers": [{"name": "c", "image": "i"}]}}}}),
    );
    assert_eq!(created.status, 201, "{}", created.text);
    let mut body = created.json();
    let spec = body["spec"].as_object_mut().unwrap();
    spec.remove("strategy");
    spec.remove("replicas");
    let updated = c.put_json(&format!("{path}/web"), &body);
    assert_eq!(updated.status, 200, "{}", updated.text);
    let spec = &c.get(&format!("{path}/web")).json()["spec"];
    assert_eq!(spec["replicas"], 1);
    assert_eq!(
        spec["strategy"],
        serde_json::json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}})
    );
}
