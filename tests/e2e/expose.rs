//! `expose vm|vmi|vmirs NAME`: the Service virtctl builds and what the API server stores.

use serde_json::{Value, json};

use crate::support::*;

const SERVICES: &str = "/api/v1/namespaces/default/services";

fn service(env: &Env, name: &str) -> Value {
    env.sim.get("services", NS, name).expect("the Service was stored")
}

fn owner(kind: &str, name: &str, uid: &str) -> Value {
    json!([{"apiVersion": "kubevirt.io/v1", "kind": kind, "name": name, "uid": uid, "controller": true, "blockOwnerDeletion": false}])
}

fn assert_cluster_ip(spec: &Value) {
    let ip = spec["clusterIP"].as_str().unwrap();
    assert!(ip.starts_with("10.96."), "{spec:#?}");
    assert_eq!(spec["clusterIPs"], json!([ip]));
}

/// A VM whose pod-network interface declares ports.
fn vm_with_ports(env: &Env, name: &str) -> Value {
    let mut vm = kubevirt_sim::fixtures::vm(NS, name, "Halted");
    vm["spec"]["template"]["spec"]["domain"]["devices"]["interfaces"][0]["ports"] =
        json!([{"name": "ssh", "port": 22}, {"name": "dns", "port": 53, "protocol": "UDP"}]);
    env.sim.create(vm)
}

#[test]
fn expose_vmi_on_a_node_port() {
    let env = Env::new();
    let vmi = env.running_vm("vm1");
    env.sim.clear_requests();

    env.run(&["expose", "vmi", "vm1", "--name=vm1-ssh", "--port=22", "--type=nodeport"])
        .ok_quiet("Service vm1-ssh successfully created for vmi vm1\n");

    assert_eq!(
        env.wire(),
        [
            format!("GET {CORE}/virtualmachineinstances/vm1"),
            format!(
                r#"POST {SERVICES} {{"kind":"Service","apiVersion":"v1","metadata":{{"name":"vm1-ssh","namespace":"default","ownerReferences":[{{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachineInstance","name":"vm1","uid":"{}","controller":true,"blockOwnerDeletion":false}}]}},"spec":{{"ports":[{{"protocol":"TCP","port":22,"targetPort":""}}],"selector":{{"vmi.kubevirt.io/id":"vm1"}},"type":"NodePort"}},"status":{{"loadBalancer":{{}}}}}}"#,
                uid(&vmi)
            ),
        ]
    );
    assert_eq!(env.sent()[1].content_type.as_deref(), Some("application/json"));

    let svc = service(&env, "vm1-ssh");
    assert_eq!(
        svc["metadata"]["ownerReferences"],
        owner("VirtualMachineInstance", "vm1", &uid(&vmi))
    );
    assert!(
        svc["metadata"].get("labels").is_none(),
        "upstream puts no labels on the Service"
    );
    let spec = &svc["spec"];
    let port = &spec["ports"][0];
    assert_eq!(
        (&port["protocol"], &port["port"], &port["targetPort"]),
        (&json!("TCP"), &json!(22), &json!(22))
    );
    let node_port = port["nodePort"].as_i64().unwrap();
    assert!((30000..=32767).contains(&node_port), "{port}");
    assert_eq!(spec["selector"], json!({"vmi.kubevirt.io/id": "vm1"}));
    assert_eq!(spec["type"], "NodePort");
    assert_cluster_ip(spec);
    assert_eq!(spec["ipFamilies"], json!(["IPv4"]));
    assert_eq!(spec["ipFamilyPolicy"], "SingleStack");
    assert_eq!(spec["sessionAffinity"], "None");
    assert_eq!(spec["externalTrafficPolicy"], "Cluster");
    assert_eq!(svc["status"], json!({"loadBalancer": {}}));
}

#[test]
fn expose_vm_takes_the_pod_network_ports_and_echoes_the_type_word() {
    let env = Env::new();
    let vm = vm_with_ports(&env, "web");
    env.sim.clear_requests();

    env.run(&[
        "expose",
        "VirtualMachines",
        "web",
        "--name=web",
        "--cluster-ip=None",
        "--ip-family=ipv4,ipv6",
        "--protocol=udp",
    ])
    .ok_quiet("Service web successfully created for virtualmachines web\n");

    let body = body_json(&env.sent()[1]);
    assert_eq!(env.wire()[0], format!("GET {CORE}/virtualmachines/web"));
    assert_eq!(
        body["spec"],
        json!({
            "ports": [
                {"name": "port-1", "port": 22, "targetPort": 0},
                {"name": "port-2", "protocol": "UDP", "port": 53, "targetPort": 0}
            ],
            "selector": {"vmi.kubevirt.io/id": "web"},
            "clusterIP": "None",
            "type": "ClusterIP",
            "ipFamilies": ["IPv4", "IPv6"],
            "ipFamilyPolicy": "PreferDualStack"
        })
    );

    let svc = service(&env, "web");
    assert_eq!(
        svc["metadata"]["ownerReferences"],
        owner("VirtualMachine", "web", &uid(&vm))
    );
    let spec = &svc["spec"];
    assert_eq!(
        spec["ports"],
        json!([
            {"name": "port-1", "protocol": "TCP", "port": 22, "targetPort": 22},
            {"name": "port-2", "protocol": "UDP", "port": 53, "targetPort": 53}
        ])
    );
    assert_eq!(
        (&spec["clusterIP"], &spec["clusterIPs"]),
        (&json!("None"), &json!(["None"]))
    );
    assert_eq!(spec["ipFamilies"], json!(["IPv4", "IPv6"]));
    assert_eq!(spec["ipFamilyPolicy"], "PreferDualStack");
    assert_eq!(spec["type"], "ClusterIP");
}

#[test]
fn expose_vm_with_a_long_name_selects_the_hashed_vmi_id() {
    let env = Env::new();
    let name = "a".repeat(70);
    vm_with_ports(&env, &name);

    env.run(&["expose", "vm", &name, "--name=long"])
        .ok_quiet(&format!("Service long successfully created for vm {name}\n"));
    assert_eq!(
        service(&env, "long")["spec"]["selector"],
        json!({"vmi.kubevirt.io/id": format!("{}-ed6c69d9", "a".repeat(54))})
    );
}

fn replica_set(env: &Env, name: &str, selector: Value) -> Value {
    let template = kubevirt_sim::fixtures::vm(NS, name, "Halted")["spec"]["template"].clone();
    env.sim.create(json!({
        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachineInstanceReplicaSet",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"replicas": 2, "selector": selector, "template": template}
    }))
}

#[test]
fn expose_vmirs_selects_its_match_labels_with_the_port_flags() {
    let env = Env::new();
    let rs = replica_set(&env, "pool", json!({"matchLabels": {"app": "pool", "tier": "web"}}));
    env.sim.clear_requests();

    env.run(&[
        "expose",
        "vmirs",
        "pool",
        "--name=pool",
        "--port=80",
        "--target-port=8080",
        "--protocol=UDP",
        "--port-name=http",
        "--external-ip=192.0.2.10",
        "--type=LoadBalancer",
        "--ip-family=IPv6",
        "--ip-family-policy=singlestack",
    ])
    .ok_quiet("Service pool successfully created for vmirs pool\n");

    assert_eq!(
        env.wire()[0],
        format!("GET {CORE}/virtualmachineinstancereplicasets/pool")
    );
    let body = body_json(&env.sent()[1]);
    assert_eq!(
        body["spec"],
        json!({
            "ports": [{"name": "http", "protocol": "UDP", "port": 80, "targetPort": 8080}],
            "selector": {"app": "pool", "tier": "web"},
            "type": "LoadBalancer",
            "externalIPs": ["192.0.2.10"],
            "ipFamilies": ["IPv6"],
            "ipFamilyPolicy": "SingleStack"
        })
    );
    let svc = service(&env, "pool");
    assert_eq!(
        svc["metadata"]["ownerReferences"],
        owner("VirtualMachineInstanceReplicaSet", "pool", &uid(&rs))
    );
    let spec = &svc["spec"];
    assert_eq!(spec["selector"], json!({"app": "pool", "tier": "web"}));
    assert_eq!(spec["externalIPs"], json!(["192.0.2.10"]));
    assert!(
        spec["clusterIP"].as_str().unwrap().starts_with("fd00:10:96::"),
        "{spec:#?}"
    );
    assert_eq!(spec["ipFamilies"], json!(["IPv6"]));
    assert_eq!(spec["allocateLoadBalancerNodePorts"], true);
    assert!(spec["ports"][0]["nodePort"].as_i64().is_some());
}

#[test]
fn expose_vmirs_with_match_expressions_or_no_labels_is_refused() {
    let env = Env::new();
    replica_set(
        &env,
        "expr",
        json!({"matchLabels": {"app": "x"}, "matchExpressions": [{"key": "a", "operator": "Exists"}]}),
    );
    replica_set(
        &env,
        "bare",
        json!({"matchExpressions": [{"key": "a", "operator": "Exists"}]}),
    );

    env.run(&["expose", "vmirs", "expr", "--name=s", "--port=80"])
        .fails_with("cannot expose VirtualMachineInstanceReplicaSet with match expressions");
    env.run(&["expose", "vmirs", "bare", "--name=s", "--port=80"])
        .fails_with("cannot expose VirtualMachineInstanceReplicaSet without any selector labels");
    assert!(env.sim.get("services", NS, "s").is_none());
}

#[test]
fn expose_reports_the_api_servers_refusals() {
    let env = Env::new();
    env.running_vm("vm1");

    // the target port is checked too once defaulted to the port, as the API server does
    env.run(&["expose", "vmi", "vm1", "--name=bad", "--port=70000"]).fails_with(
        "service creation failed: Service \"bad\" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]",
    );
    env.run(&["expose", "vmi", "vm1", "--name=bad", "--port=70000", "--target-port=80"]).fails_with(
        "service creation failed: Service \"bad\" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
    );
    assert!(env.sim.get("services", NS, "bad").is_none());

    env.run(&["expose", "vmi", "vm1", "--name=ssh", "--port=22"])
        .ok_quiet("Service ssh successfully created for vmi vm1\n");
    env.run(&["expose", "vmi", "vm1", "--name=ssh", "--port=22"])
        .fails_with("service creation failed: services \"ssh\" already exists");

    env.run(&["expose", "vm", "nope", "--name=x", "--port=22"])
        .fails_with("error fetching VirtualMachine: virtualmachines.kubevirt.io \"nope\" not found");
    env.run(&["expose", "vm", "vm1", "--name=x"])
        .fails_with("couldn't find port via --port flag or introspection");
    env.run(&["expose", "vm", "vm1", "--name=x", "--port=22", "--type=ExternalName"])
        .fails_with("type: ExternalName not supported");
    env.run(&[
        "expose",
        "vm",
        "vm1",
        "--name=x",
        "--port=22",
        "--ip-family-policy=DualStack",
    ])
    .fails_with("unknown IPFamilyPolicy/s: DualStack");
}
