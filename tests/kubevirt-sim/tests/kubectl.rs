//! Real `kubectl` against the simulator (skipped when kubectl is not on PATH).

use std::process::Command;

use kubevirt_sim::{Sim, SimOptions};

/// kubectl on PATH; outside CI a missing kubectl is a note (`kubevirt_sim::tools`).
fn kubectl_available(test: &str) -> bool {
    kubevirt_sim::tools::require(&["kubectl"], test).is_some()
}

struct Kubectl {
    kubeconfig: std::path::PathBuf,
    cache: std::path::PathBuf,
}

impl Kubectl {
    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .arg("--cache-dir")
            .arg(&self.cache)
            .args(args)
            .env_remove("KUBECONFIG")
            .output()
            .expect("run kubectl");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// What kubectl prints for `args`, which must succeed.
    fn output(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args);
        assert!(ok, "{args:?}: {err}");
        out
    }
}

/// A simulator with the demo objects and kubectl pointed at it (namespace demo), or `None`
/// when kubectl is missing outside CI.
fn demo(test: &str) -> Option<(Sim, Kubectl, tempfile::TempDir)> {
    if !kubectl_available(test) {
        return None;
    }
    let sim = Sim::start(SimOptions {
        demo: true,
        ..Default::default()
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    sim.write_kubeconfig(&kc, &sim.admin_token(), Some("demo")).unwrap();
    let k = Kubectl {
        kubeconfig: kc,
        cache: dir.path().join("cache"),
    };
    Some((sim, k, dir))
}

/// The header and the row starting with `prefix`, split into columns.
fn table_row(out: &str, prefix: &str) -> (Vec<String>, Vec<String>) {
    let split = |l: &str| {
        l.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    let header = out.lines().next().unwrap_or("");
    let row = out
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} in\n{out}"));
    (split(header), split(row))
}

#[test]
fn kubectl_prints_the_server_side_columns_of_a_real_cluster() {
    let Some((sim, k, _dir)) = demo("kubectl tables") else {
        return;
    };
    sim.create(serde_json::json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": "data", "namespace": "demo"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "hostpath-csi", "volumeMode": "Block"},
    }));

    let (ok, out, err) = k.run(&["get", "sc"]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, "standard ");
    assert_eq!(
        header,
        [
            "NAME",
            "PROVISIONER",
            "RECLAIMPOLICY",
            "VOLUMEBINDINGMODE",
            "ALLOWVOLUMEEXPANSION",
            "AGE"
        ]
    );
    assert_eq!(row[0], "standard (default)", "{out}");
    assert_eq!(
        &row[1..5],
        ["kubevirt.io.hostpath-provisioner", "Delete", "Immediate", "false"]
    );
    let (_, row) = table_row(&out, "local-wffc ");
    assert_eq!(row[3], "WaitForFirstConsumer", "{out}");

    sim.create(deployment(
        "web",
        3,
        serde_json::json!({"containers": [{"name": "nginx", "image": "nginx:1.27"}]}),
    ));
    let (ok, out, err) = k.run(&["get", "deploy", "web", "-o", "wide"]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, "web ");
    assert_eq!(
        header,
        [
            "NAME",
            "READY",
            "UP-TO-DATE",
            "AVAILABLE",
            "AGE",
            "CONTAINERS",
            "IMAGES",
            "SELECTOR"
        ]
    );
    let web = sim.get("deployments", "demo", "web").unwrap();
    let count = |p: &str| web.pointer(p).and_then(|v| v.as_i64()).unwrap_or(0);
    assert_eq!(
        &row[1..4],
        [
            format!("{}/3", count("/status/readyReplicas")),
            count("/status/updatedReplicas").to_string(),
            count("/status/availableReplicas").to_string()
        ],
        "{out}"
    );
    assert_eq!(&row[5..], ["nginx", "nginx:1.27", "app=web"], "{out}");

    let (ok, out, err) = k.run(&["get", "pvc", "-o", "wide"]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, "data ");
    assert_eq!(
        header,
        [
            "NAME",
            "STATUS",
            "VOLUME",
            "CAPACITY",
            "ACCESS MODES",
            "STORAGECLASS",
            "VOLUMEATTRIBUTESCLASS",
            "AGE",
            "VOLUMEMODE"
        ]
    );
    assert_eq!(row.last().map(String::as_str), Some("Block"), "{out}");
    assert!(row.contains(&"hostpath-csi".to_string()), "{out}");

    sim.create(serde_json::json!({
        "apiVersion": "v1", "kind": "Service", "metadata": {"name": "ssh", "namespace": "demo"},
        "spec": {"type": "NodePort", "clusterIP": "172.30.0.10", "selector": {"app": "web"},
                 "ports": [{"name": "ssh", "port": 22, "nodePort": 30022, "protocol": "TCP"}, {"name": "dns", "port": 53, "protocol": "UDP"}]},
    }));
    sim.create(serde_json::json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "demo"}, "type": "Opaque", "data": {"a": "YQ==", "b": "Yg=="}}));
    sim.create(serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "demo"}, "data": {"k": "v"}}));
    let (ok, out, err) = k.run(&["get", "svc", "ssh", "-o", "wide"]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, "ssh ");
    assert_eq!(
        header,
        [
            "NAME",
            "TYPE",
            "CLUSTER-IP",
            "EXTERNAL-IP",
            "PORT(S)",
            "AGE",
            "SELECTOR"
        ]
    );
    // the API server allocated the second node port
    let svc = sim.get("services", "demo", "ssh").unwrap();
    let allocated = svc.pointer("/spec/ports/1/nodePort").and_then(|p| p.as_i64()).unwrap();
    let ports = format!("22:30022/TCP,53:{allocated}/UDP");
    assert_eq!(
        &row[1..5],
        ["NodePort", "172.30.0.10", "<none>", ports.as_str()],
        "{out}"
    );
    assert_eq!(row[6], "app=web");
    let (ok, out, err) = k.run(&["get", "secret", "s"]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, "s ");
    assert_eq!(header, ["NAME", "TYPE", "DATA", "AGE"]);
    assert_eq!(&row[1..3], ["Opaque", "2"], "{out}");
    let (ok, out, err) = k.run(&["get", "cm", "c"]);
    assert!(ok, "{err}");
    assert_eq!(&table_row(&out, "c ").1[..2], ["c", "1"], "{out}");

    let (ok, out, err) = k.run(&["get", "nodes"]);
    assert!(ok, "{err}");
    let (header, _) = table_row(&out, "node01 ");
    assert_eq!(header, ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]);
    sim.create(kubevirt_sim::fixtures::node("cp-1", "10.0.0.9"));
    let mut node = sim.get("nodes", "", "cp-1").unwrap();
    node["metadata"]["labels"]["node-role.kubernetes.io/master"] = "".into();
    node["metadata"]["labels"]["node-role.kubernetes.io/control-plane"] = "".into();
    sim.update(node);
    let (_, out, _) = k.run(&["get", "nodes"]);
    let (_, row) = table_row(&out, "cp-1 ");
    assert_eq!(row[2], "control-plane,master,worker", "{out}");
}

#[test]
fn kubectl_explains_and_applies_with_the_served_openapi() {
    let Some((sim, k, dir)) = demo("kubectl explain") else {
        return;
    };

    let (ok, out, err) = k.run(&["explain", "vm"]);
    assert!(ok, "kubectl explain failed: {err}");
    assert!(out.contains("KIND:") && out.contains("VirtualMachine"), "{out}");
    assert!(
        out.contains("VirtualMachine handles the VirtualMachines that are not running"),
        "{out}"
    );
    for field in ["apiVersion", "kind", "metadata", "spec", "status"] {
        assert!(out.contains(&format!("  {field}\t")), "{field} missing:\n{out}");
    }
    let (ok, out, err) = k.run(&["explain", "vm.metadata.labels"]);
    assert!(ok, "{err}");
    assert!(out.contains("map[string]string"), "{out}");
    let (ok, out, err) = k.run(&["explain", "vm.spec"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("VirtualMachineSpec describes how the proper VirtualMachine should look like"),
        "{out}"
    );
    for field in [
        "dataVolumeTemplates",
        "instancetype",
        "preference",
        "runStrategy",
        "running",
        "template",
        "updateVolumesStrategy",
    ] {
        assert!(out.contains(&format!("  {field}\t")), "{field} missing:\n{out}");
    }
    assert!(
        out.contains("template\t<VirtualMachineInstanceTemplateSpec> -required-"),
        "{out}"
    );
    let (ok, out, err) = k.run(&["explain", "vm.spec.template"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("  metadata\t<ObjectMeta>") && out.contains("  spec\t<Object>"),
        "{out}"
    );

    // apply with kubectl's default validation
    let manifest = dir.path().join("vm.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: applied\nspec:\n  runStrategy: Halted\n  template:\n    spec:\n      domain:\n        devices: {}\n        resources:\n          requests:\n            memory: 64Mi\n",
    )
    .unwrap();
    let (ok, out, err) = k.run(&["apply", "-f", manifest.to_str().unwrap()]);
    assert!(ok, "kubectl apply failed: {err}\n{out}");
    assert_eq!(out.trim(), "virtualmachine.kubevirt.io/applied created");
    assert!(sim.get("virtualmachines", "demo", "applied").is_some());
    let openapi: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/openapi/"))
        .collect();
    assert!(openapi.iter().all(|r| r.status == 200), "{openapi:#?}");
}

#[test]
fn kubectl_as_runs_as_the_impersonated_user_and_shows_the_403() {
    let Some((sim, k, _dir)) = demo("kubectl --as") else {
        return;
    };

    let (ok, _, err) = k.run(&["get", "vm", "--as", "viewer"]);
    assert!(!ok);
    assert_eq!(
        err.trim(),
        r#"Error from server (Forbidden): virtualmachines.kubevirt.io is forbidden: User "viewer" cannot list resource "virtualmachines" in API group "kubevirt.io" in the namespace "demo""#
    );
    let listed = sim
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/apis/kubevirt.io/v1/namespaces/demo/virtualmachines")
        .expect("the list request");
    assert_eq!((listed.status, listed.user.as_deref()), (403, Some("viewer")));

    sim.create(serde_json::json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": "vm-viewer"},
        "rules": [{"apiGroups": ["kubevirt.io"], "resources": ["virtualmachines"], "verbs": ["get", "list"]}],
    }));
    sim.create(serde_json::json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": "viewer", "namespace": "demo"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "vm-viewer"},
        "subjects": [{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "viewer"}],
    }));
    let (ok, out, err) = k.run(&["get", "vm", "--as", "viewer"]);
    assert!(ok, "{err}");
    assert!(out.contains("fedora-running"), "{out}");
    let (ok, _, err) = k.run(&["get", "vm", "-A", "--as", "viewer"]);
    assert!(!ok, "a RoleBinding does not grant the cluster scope");
    assert!(err.contains("at the cluster scope"), "{err}");
}

#[test]
fn kubectl_gets_vms_and_vmis() {
    let Some((sim, k, _dir)) = demo("a kubectl test") else {
        return;
    };

    let (ok, out, err) = k.run(&["get", "vm,vmi", "-n", "demo"]);
    assert!(ok, "kubectl get failed: {err}\n{out}");
    for name in ["fedora-running", "rhel-stopped", "cirros-manual", "win-running"] {
        assert!(
            out.contains(&format!("virtualmachine.kubevirt.io/{name}")),
            "{name} missing:\n{out}"
        );
    }
    assert!(
        out.contains("virtualmachineinstance.kubevirt.io/fedora-running"),
        "{out}"
    );
    let header = out.lines().next().unwrap();
    for col in ["NAME", "AGE", "STATUS", "READY"] {
        assert!(header.contains(col), "header {header:?}");
    }
    let line = |prefix: &str| {
        out.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in\n{out}"))
            .to_string()
    };
    assert!(line("virtualmachine.kubevirt.io/fedora-running ").contains("Running"));
    assert!(line("virtualmachine.kubevirt.io/fedora-running ").contains("True"));
    assert!(line("virtualmachine.kubevirt.io/rhel-stopped ").contains("Stopped"));
    let vmi = line("virtualmachineinstance.kubevirt.io/fedora-running ");
    assert!(
        vmi.contains("Running") && vmi.contains("node01") && vmi.contains("10.244."),
        "{vmi}"
    );
    assert!(out.contains("PHASE") && out.contains("NODENAME"), "{out}");

    let (ok, out, err) = k.run(&["get", "vm", "fedora-running", "-n", "demo", "-o", "yaml"]);
    assert!(ok, "kubectl get -o yaml failed: {err}");
    for needle in [
        "kind: VirtualMachine",
        "name: fedora-running",
        "runStrategy: Always",
        "printableStatus: Running",
        "namespace: demo",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }

    // delete waits on a watch; wait uses one too
    let (ok, out, err) = k.run(&["delete", "vm", "rhel-stopped", "-n", "demo"]);
    assert!(ok && out.contains("\"rhel-stopped\" deleted"), "{out}{err}");
    assert!(sim.get("vm", "demo", "rhel-stopped").is_none());
    let (ok, out, err) = k.run(&[
        "wait",
        "vmi",
        "fedora-running",
        "-n",
        "demo",
        "--for=condition=Ready",
        "--timeout=10s",
    ]);
    assert!(ok, "{out}{err}");

    // short names, all-namespaces and the limited user
    let (ok, out, _) = k.run(&["get", "vmis", "-A"]);
    assert!(ok && out.contains("win-running"), "{out}");
    let (ok, out, _) = k.run(&["get", "nodes"]);
    assert!(ok && out.contains("node01") && out.contains("node02"), "{out}");
    sim.write_kubeconfig(&k.kubeconfig, &sim.limited_token(), Some("demo"))
        .unwrap();
    let (ok, _, err) = k.run(&["get", "vm", "-n", "demo"]);
    assert!(!ok);
    assert!(err.contains("User \"alice\" cannot list resource \"virtualmachines\" in API group \"kubevirt.io\" in the namespace \"demo\""), "{err}");
}

/// A Deployment in `demo` whose pods, labelled `app: NAME`, run `pod_spec`.
fn deployment(name: &str, replicas: u32, pod_spec: serde_json::Value) -> serde_json::Value {
    let labels = serde_json::json!({"app": name});
    serde_json::json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": "demo"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": labels},
                 "template": {"metadata": {"labels": labels}, "spec": pod_spec}}
    })
}

/// The object's condition of type `kind` (`null` when it has none).
fn condition_of(d: &serde_json::Value, kind: &str) -> serde_json::Value {
    d["status"]["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == kind))
        .cloned()
        .unwrap_or_default()
}

/// The status and reason of the object's condition of type `kind`.
fn condition(d: &serde_json::Value, kind: &str) -> (String, String) {
    let c = condition_of(d, kind);
    (
        c["status"].as_str().unwrap_or("").to_string(),
        c["reason"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn kubectl_scale_and_rollout_status_follow_the_deployment_controller() {
    let Some((sim, k, _dir)) = demo("kubectl scale/rollout") else {
        return;
    };
    sim.create(deployment(
        "web",
        1,
        serde_json::json!({"containers": [{"name": "web", "image": "quay.io/web:1"}]}),
    ));
    let t = std::time::Duration::from_secs(10);
    let web = |s: &Sim| s.get("deployments", "demo", "web").unwrap();
    assert!(
        sim.wait_until(t, |s| condition(&web(s), "Progressing").1 == "NewReplicaSetAvailable"),
        "{:#}",
        web(&sim)
    );
    assert_eq!(
        condition(&web(&sim), "Available"),
        ("True".into(), "MinimumReplicasAvailable".into())
    );

    let (ok, out, err) = k.run(&["scale", "deployment", "web", "--replicas=3"]);
    assert!(ok, "{err}");
    assert_eq!(out, "deployment.apps/web scaled\n");
    let (ok, out, err) = k.run(&["rollout", "status", "deployment/web", "--timeout=20s"]);
    assert!(ok, "{out}{err}");
    assert!(out.ends_with("deployment \"web\" successfully rolled out\n"), "{out}");
    let d = web(&sim);
    assert_eq!(d["status"]["availableReplicas"], 3);
    assert_eq!(condition(&d, "Available").0, "True");

    // A pod that stops being ready takes the Deployment below its minimum (3 - 25% of 3 = 3).
    let mut pod = sim
        .list("pods", Some("demo"))
        .into_iter()
        .find(|p| p["metadata"]["labels"]["app"] == "web")
        .unwrap();
    for c in pod["status"]["conditions"].as_array_mut().unwrap() {
        if c["type"] == "Ready" {
            c["status"] = "False".into();
        }
    }
    for c in pod["status"]["containerStatuses"].as_array_mut().unwrap() {
        c["ready"] = false.into();
    }
    sim.update(pod);
    assert!(
        sim.wait_until(t, |s| condition(&web(s), "Available")
            == ("False".into(), "MinimumReplicasUnavailable".into())),
        "{:#}",
        web(&sim)
    );
    assert_eq!(web(&sim)["status"]["availableReplicas"], 2);

    // Scaled to 0, nothing is missing: available again, with no pods.
    let (ok, _, err) = k.run(&["scale", "deployment", "web", "--replicas=0"]);
    assert!(ok, "{err}");
    assert!(
        sim.wait_until(t, |s| condition(&web(s), "Available").0 == "True"
            && s.list("pods", Some("demo"))
                .iter()
                .all(|p| p["metadata"]["labels"]["app"] != "web")),
        "{:#}",
        web(&sim)
    );
    let (ok, _, err) = k.run(&["scale", "deployment", "web", "--replicas=-1"]);
    assert!(!ok);
    assert!(
        err.contains("must be greater than or equal to 0") || err.contains("replicas"),
        "{err}"
    );
}

#[test]
fn kubectl_prints_the_table_driven_columns_of_the_remaining_kinds() {
    let Some((sim, k, _dir)) = demo("kubectl table-driven columns") else {
        return;
    };
    let objects = serde_json::json!([
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "robot", "namespace": "demo"},
         "secrets": [{"name": "robot-token"}, {"name": "robot-dockercfg"}]},
        {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "web", "namespace": "demo"},
         "subsets": [{"addresses": [{"ip": "10.128.0.7"}], "ports": [{"port": 8080}]}]},
        {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv1"},
         "spec": {"capacity": {"storage": "5Gi"}, "accessModes": ["ReadWriteOnce", "ReadWriteMany"], "persistentVolumeReclaimPolicy": "Retain",
                  "claimRef": {"namespace": "demo", "name": "data"}, "storageClassName": "standard", "volumeMode": "Block"},
         "status": {"phase": "Bound"}},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "robot-view", "namespace": "demo"},
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
         "subjects": [{"kind": "ServiceAccount", "name": "robot", "namespace": "demo"}, {"kind": "User", "name": "alice"}]},
        {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "leader", "namespace": "demo"},
         "spec": {"holderIdentity": "pod-a"}},
        {"apiVersion": "export.kubevirt.io/v1beta1", "kind": "VirtualMachineExport", "metadata": {"name": "exp", "namespace": "demo"},
         "spec": {"source": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": "vm1"}}}
    ]);
    for o in objects.as_array().unwrap() {
        sim.create(o.clone());
    }
    let get = |args: &[&str]| k.output(args);

    let (header, row) = table_row(&get(&["get", "sa"]), "robot ");
    assert_eq!(header, ["NAME", "SECRETS", "AGE"]);
    assert_eq!(row[1], "2");

    let (header, row) = table_row(&get(&["get", "ep"]), "web ");
    assert_eq!(header, ["NAME", "ENDPOINTS", "AGE"]);
    assert_eq!(row[1], "10.128.0.7:8080");

    let (header, row) = table_row(&get(&["get", "pv", "-o", "wide"]), "pv1 ");
    assert_eq!(
        header,
        [
            "NAME",
            "CAPACITY",
            "ACCESS MODES",
            "RECLAIM POLICY",
            "STATUS",
            "CLAIM",
            "STORAGECLASS",
            "VOLUMEATTRIBUTESCLASS",
            "REASON",
            "AGE",
            "VOLUMEMODE"
        ]
    );
    // REASON is empty: the split drops it.
    assert_eq!(
        &row[1..7],
        ["5Gi", "RWO,RWX", "Retain", "Bound", "demo/data", "standard"]
    );
    assert_eq!(row[7], "<unset>");
    assert_eq!(row.last().unwrap(), "Block");

    let (header, row) = table_row(&get(&["get", "rolebinding", "-o", "wide"]), "robot-view ");
    assert_eq!(header, ["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"]);
    assert_eq!(row[1], "ClusterRole/view");
    assert_eq!(&row[3..], ["alice", "demo:robot"]);

    let (header, row) = table_row(&get(&["get", "lease"]), "leader ");
    assert_eq!(header, ["NAME", "HOLDER", "AGE"]);
    assert_eq!(row[1], "pod-a");

    // Without its source VM the export waits in Pending (the export controller's verdict).
    let pending = |s: &Sim| s.get("virtualmachineexports", "demo", "exp").unwrap()["status"]["phase"] == "Pending";
    assert!(sim.wait_until(std::time::Duration::from_secs(10), pending));
    let (header, row) = table_row(&get(&["get", "vmexport"]), "exp ");
    assert_eq!(header, ["NAME", "SOURCEKIND", "SOURCENAME", "PHASE"]);
    assert_eq!(&row[1..], ["VirtualMachine", "vm1", "Pending"]);

    // Pods: the status comes from the containers, wide adds the node.
    let mut pod = sim
        .list("pods", Some("demo"))
        .into_iter()
        .next()
        .expect("the demo world has a pod");
    let pod_name = pod["metadata"]["name"].as_str().unwrap().to_string();
    pod["spec"]["nodeName"] = "node01".into();
    pod["status"]["containerStatuses"] = serde_json::json!([{"name": "compute", "ready": false, "restartCount": 3,
        "state": {"waiting": {"reason": "CrashLoopBackOff"}}, "image": "x", "imageID": "", "started": false}]);
    sim.update(pod);
    let (header, row) = table_row(&get(&["get", "pods", "-o", "wide"]), &format!("{pod_name} "));
    assert_eq!(
        header,
        [
            "NAME",
            "READY",
            "STATUS",
            "RESTARTS",
            "AGE",
            "IP",
            "NODE",
            "NOMINATED NODE",
            "READINESS GATES"
        ]
    );
    assert_eq!(&row[2..4], ["CrashLoopBackOff", "3"]);
    assert_eq!(row[6], "node01");
}

#[test]
fn kubectl_get_events_prints_last_seen_type_reason_object_message() {
    let Some((sim, k, _dir)) = demo("kubectl get events") else {
        return;
    };
    let seen = kubevirt_sim::store::now_rfc3339();
    sim.create(serde_json::json!({
        "apiVersion": "v1", "kind": "Event",
        "metadata": {"name": "vm1.17f", "namespace": "demo"},
        "involvedObject": {"kind": "VirtualMachine", "name": "vm1", "namespace": "demo"},
        "type": "Warning", "reason": "FailedCreate", "message": "Error creating pod: quota exceeded ",
        "source": {"component": "virtualmachine-controller"}, "count": 4,
        "firstTimestamp": seen, "lastTimestamp": seen
    }));
    let (ok, out, err) = k.run(&["get", "events", "--field-selector", "reason=FailedCreate"]);
    assert!(ok, "{err}");
    let first_row = |out: &str| {
        out.lines()
            .nth(1)
            .unwrap_or_else(|| panic!("no event in\n{out}"))
            .to_string()
    };
    let (header, row) = table_row(&out, &first_row(&out));
    assert_eq!(header, ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
    assert_eq!(
        &row[1..],
        [
            "Warning",
            "FailedCreate",
            "virtualmachine/vm1",
            "Error creating pod: quota exceeded"
        ]
    );
    let (ok, out, err) = k.run(&["get", "events", "-o", "wide", "--field-selector", "reason=FailedCreate"]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, &first_row(&out));
    assert_eq!(header.last().map(String::as_str), Some("NAME"));
    assert!(row.contains(&"virtualmachine-controller".to_string()), "{row:?}");
    assert!(
        row.contains(&"4".to_string()) && row.last().unwrap() == "vm1.17f",
        "{row:?}"
    );
}

#[test]
fn kubectl_prints_jobs_csidrivers_instancetypes_datasources_and_pod_ips() {
    let Some((sim, k, _dir)) = demo("kubectl jobs, csidrivers, instancetypes, datasources, pod IPs") else {
        return;
    };
    let objects = serde_json::json!([
        {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "import", "namespace": "demo"},
         "spec": {"completions": 3, "selector": {"matchLabels": {"job": "import"}},
                  "template": {"metadata": {"labels": {"job": "import"}}, "spec": {"restartPolicy": "Never", "containers": [{"name": "worker", "image": "busybox"}]}}},
         "status": {"succeeded": 3, "startTime": "2026-01-01T00:00:00Z", "completionTime": "2026-01-01T00:02:30Z",
                    "conditions": [{"type": "Complete", "status": "True"}]}},
        {"apiVersion": "storage.k8s.io/v1", "kind": "CSIDriver", "metadata": {"name": "hostpath.csi.example.io"},
         "spec": {"attachRequired": false, "podInfoOnMount": true, "volumeLifecycleModes": ["Persistent", "Ephemeral"]}},
        {"apiVersion": "instancetype.kubevirt.io/v1beta1", "kind": "VirtualMachineInstancetype", "metadata": {"name": "small", "namespace": "demo"},
         "spec": {"cpu": {"guest": 1}, "memory": {"guest": "1Gi"}}},
        {"apiVersion": "instancetype.kubevirt.io/v1beta1", "kind": "VirtualMachineClusterPreference", "metadata": {"name": "fedora"},
         "spec": {}},
        {"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataSource", "metadata": {"name": "fedora", "namespace": "demo"},
         "spec": {"source": {"pvc": {"name": "fedora-disk", "namespace": "demo"}}}}
    ]);
    for o in objects.as_array().unwrap() {
        sim.create(o.clone());
    }
    let get = |args: &[&str]| k.output(args);

    let (header, row) = table_row(&get(&["get", "jobs", "-o", "wide"]), "import ");
    assert_eq!(
        header,
        [
            "NAME",
            "STATUS",
            "COMPLETIONS",
            "DURATION",
            "AGE",
            "CONTAINERS",
            "IMAGES",
            "SELECTOR"
        ]
    );
    assert_eq!(&row[1..4], ["Complete", "3/3", "2m30s"]);
    assert_eq!(&row[5..], ["worker", "busybox", "job=import"]);

    let (header, row) = table_row(&get(&["get", "csidrivers"]), "hostpath.csi.example.io ");
    assert_eq!(
        header,
        [
            "NAME",
            "ATTACHREQUIRED",
            "PODINFOONMOUNT",
            "STORAGECAPACITY",
            "TOKENREQUESTS",
            "REQUIRESREPUBLISH",
            "MODES",
            "AGE"
        ]
    );
    assert_eq!(
        &row[1..7],
        ["false", "true", "false", "<unset>", "false", "Persistent,Ephemeral"]
    );

    // KubeVirt's and CDI's CRDs without printer columns: apiextensions' NAME, AGE.
    for (args, name) in [
        (&["get", "vminstancetype"][..], "small "),
        (&["get", "vmcp"][..], "fedora "),
        (&["get", "datasource"][..], "fedora "),
    ] {
        let (header, row) = table_row(&get(args), name);
        assert_eq!(header, ["NAME", "AGE"], "{args:?}");
        assert_eq!(row.len(), 2, "{args:?}: {row:?}");
    }

    // The kubelet gives a started pod its address, which -o wide prints.
    sim.create(deployment(
        "api",
        1,
        serde_json::json!({"containers": [{"name": "api", "image": "api:1"}]}),
    ));
    let running = |s: &Sim| {
        s.list("pods", Some("demo"))
            .iter()
            .any(|p| p["metadata"]["labels"]["app"] == "api" && p["status"]["podIP"].is_string())
    };
    assert!(sim.wait_until(std::time::Duration::from_secs(10), running));
    let pod = sim
        .list("pods", Some("demo"))
        .into_iter()
        .find(|p| p["metadata"]["labels"]["app"] == "api")
        .unwrap();
    let ip = pod["status"]["podIP"].as_str().unwrap().to_string();
    assert_eq!(pod["status"]["podIPs"], serde_json::json!([{"ip": ip}]));
    let node = pod["spec"]["nodeName"].as_str().unwrap();
    let node_ip = sim.get("nodes", "", node).unwrap()["status"]["addresses"][0]["address"].clone();
    assert_eq!(pod["status"]["hostIP"], node_ip);
    let name = pod["metadata"]["name"].as_str().unwrap();
    let (_, row) = table_row(
        &get(&["get", "pods", "-l", "app=api", "-o", "wide"]),
        &format!("{name} "),
    );
    assert_eq!(&row[5..7], [ip.as_str(), node], "{row:?}");
}

/// A rollout whose pods never become ready (no node fits them) stalls: after
/// `progressDeadlineSeconds` without progress the controller marks it `Progressing=False`
/// (`ProgressDeadlineExceeded`), and `kubectl rollout status` gives up with its message.
#[test]
fn a_stalled_rollout_exceeds_its_progress_deadline() {
    let Some((sim, k, _dir)) = demo("kubectl rollout status of a stalled rollout") else {
        return;
    };
    let mut stalled = deployment(
        "stuck",
        1,
        serde_json::json!({"nodeSelector": {"disktype": "none-has-it"},
                           "containers": [{"name": "web", "image": "quay.io/web:1"}]}),
    );
    stalled["spec"]["progressDeadlineSeconds"] = 2.into();
    sim.create(stalled);
    let stuck = |s: &Sim| s.get("deployments", "demo", "stuck").unwrap();
    let t = std::time::Duration::from_secs(10);
    assert!(
        sim.wait_until(t, |s| condition(&stuck(s), "Progressing").1 == "NewReplicaSetCreated"),
        "{:#}",
        stuck(&sim)
    );
    let (ok, out, err) = k.run(&["rollout", "status", "deployment/stuck", "--timeout=30s"]);
    assert!(!ok, "{out}");
    assert!(
        err.contains("error: deployment \"stuck\" exceeded its progress deadline"),
        "{out}{err}"
    );
    let d = stuck(&sim);
    assert_eq!(
        condition(&d, "Progressing"),
        ("False".into(), "ProgressDeadlineExceeded".into())
    );
    let progressing = condition_of(&d, "Progressing");
    let rs = sim
        .list("replicasets", Some("demo"))
        .into_iter()
        .find(|r| r["metadata"]["labels"]["app"] == "stuck")
        .unwrap();
    assert_eq!(
        progressing["message"],
        format!(
            "ReplicaSet {:?} has timed out progressing.",
            rs["metadata"]["name"].as_str().unwrap()
        )
    );
    assert_eq!(condition(&d, "Available").0, "False");
}

/// The `kubevirt-sim` binary in a runbook scenario named by its check (`--scenario
/// VirtAPIDown`): virt-api's pods never become ready, so the aggregator marks its APIService
/// unavailable and answers every subresource with the 503 a real cluster gives (what
/// `virtctl start` sends), while the VM stays halted.
#[test]
fn the_binary_in_the_virt_api_down_scenario_answers_subresources_with_503() {
    if !kubectl_available("kubevirt-sim --scenario VirtAPIDown") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = dir.path().join("kubeconfig");
    let mut sim = Stopped(
        Command::new(env!("CARGO_BIN_EXE_kubevirt-sim"))
            .args([
                "--scenario",
                "VirtAPIDown",
                "--phase-step-ms",
                "100",
                "--write-kubeconfig",
            ])
            .arg(&kubeconfig)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start kubevirt-sim"),
    );
    // The binary prints its URL, then the kubeconfig's path once it is written.
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(sim.0.stdout.take().unwrap()));
    let url = lines.next().unwrap().unwrap();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    assert_eq!(lines.next().unwrap().unwrap(), kubeconfig.display().to_string());
    let k = Kubectl {
        kubeconfig,
        cache: dir.path().join("cache"),
    };

    let (ok, out, err) = k.run(&[
        "wait",
        "--for=condition=Available=False",
        "apiservice/v1.subresources.kubevirt.io",
        "--timeout=30s",
    ]);
    assert!(ok, "{out}{err}");
    let body = dir.path().join("start.json");
    std::fs::write(&body, "{}").unwrap();
    let (ok, out, err) = k.run(
        &[
            "replace",
            "--raw",
            "/apis/subresources.kubevirt.io/v1/namespaces/demo/virtualmachines/rhel-stopped/start",
            "-f",
        ]
        .into_iter()
        .chain([body.to_str().unwrap()])
        .collect::<Vec<_>>(),
    );
    assert!(!ok, "{out}");
    assert!(
        err.contains("Error from server (ServiceUnavailable): the server is currently unable to handle the request"),
        "{err}"
    );
    let (ok, out, err) = k.run(&["get", "vm", "rhel-stopped", "-o", "jsonpath={.spec.runStrategy}"]);
    assert!(ok, "{err}");
    assert_eq!(out, "Halted");
    let (ok, out, err) = k.run(&["get", "pods", "-n", "openshift-cnv", "-l", "kubevirt.io=virt-api"]);
    assert!(ok, "{err}");
    assert!(out.contains("ImagePullBackOff"), "{out}");
    // The install's running pods have the kubelet's addresses; its nodes theirs.
    let (ok, out, err) = k.run(&[
        "get",
        "pods",
        "-n",
        "openshift-cnv",
        "-l",
        "kubevirt.io=virt-handler",
        "-o",
        "wide",
    ]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, "virt-handler-");
    assert_eq!(header[5], "IP");
    assert!(row[5].starts_with("10.129."), "{out}");
    let (ok, out, err) = k.run(&["get", "nodes", "-o", "wide"]);
    assert!(ok, "{err}");
    let (header, row) = table_row(&out, "master-0 ");
    assert_eq!(&header[5..7], ["INTERNAL-IP", "EXTERNAL-IP"]);
    assert_eq!(&row[4..7], ["v1.33.4", "192.168.66.100", "<none>"], "{out}");
}

/// A child process that is stopped when the test ends, passed or not.
struct Stopped(std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
