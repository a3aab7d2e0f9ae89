//! Builders for realistic objects, and the demo namespace.

use serde_json::{Value, json};

use crate::guest::GUEST_AGENT_INFO_ANNOTATION;
use crate::virtapi::GUEST_AGENT_ANNOTATION;

fn template(name: &str, agent: bool) -> Value {
    let mut annotations = json!({});
    if agent {
        annotations[GUEST_AGENT_ANNOTATION] = json!("true");
    }
    json!({
        "metadata": {
            "labels": {"kubevirt.io/vm": name, "kubevirt.io/domain": name},
            "annotations": annotations
        },
        "spec": {
            "architecture": "amd64",
            "domain": {
                "devices": {
                    "disks": [
                        {"name": "containerdisk", "disk": {"bus": "virtio"}},
                        {"name": "cloudinitdisk", "disk": {"bus": "virtio"}}
                    ],
                    "interfaces": [{"name": "default", "masquerade": {}}],
                    "rng": {}
                },
                "machine": {"type": "q35"},
                "memory": {"guest": "128Mi"},
                "resources": {"requests": {"memory": "128Mi"}}
            },
            "networks": [{"name": "default", "pod": {}}],
            "terminationGracePeriodSeconds": 0,
            "volumes": [
                {"name": "containerdisk", "containerDisk": {"image": "quay.io/containerdisks/fedora:40", "imagePullPolicy": "IfNotPresent"}},
                {"name": "cloudinitdisk", "cloudInitNoCloud": {"userData": "#cloud-config\npassword: fedora\nchpasswd: { expire: False }\n"}}
            ]
        }
    })
}

/// A realistic VM with the given `spec.runStrategy` (guest agent present, 128Mi, a containerDisk
/// volume, terminationGracePeriodSeconds 0).
pub fn vm(namespace: &str, name: &str, run_strategy: &str) -> Value {
    vm_starting_with(namespace, name, "runStrategy", json!(run_strategy))
}

/// A VM in the deprecated `spec.running` style.
pub fn vm_with_running(namespace: &str, name: &str, running: bool) -> Value {
    vm_starting_with(namespace, name, "running", json!(running))
}

/// A VM whose spec is `key: value` (how it decides to run) and the template.
fn vm_starting_with(namespace: &str, name: &str, key: &str, value: Value) -> Value {
    let mut spec = serde_json::Map::new();
    spec.insert(key.into(), value);
    spec.insert("template".into(), template(name, true));
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "metadata": {"name": name, "namespace": namespace, "labels": {"app": name}},
        "spec": spec
    })
}

/// A VM without a guest agent.
pub fn vm_without_agent(namespace: &str, name: &str, run_strategy: &str) -> Value {
    let mut v = vm(namespace, name, run_strategy);
    v["spec"]["template"] = template(name, false);
    v
}

/// Set the guest agent info a VM's guest reports (guestosinfo/userlist/filesystemlist).
pub fn with_guest_agent_info(mut vm: Value, info: &Value) -> Value {
    vm["spec"]["template"]["metadata"]["annotations"][GUEST_AGENT_INFO_ANNOTATION] = json!(info.to_string());
    vm
}

/// A standalone VMI (no owning VM), created Pending; the controller walks it to Running.
pub fn vmi(namespace: &str, name: &str) -> Value {
    let t = template(name, true);
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachineInstance",
        "metadata": {"name": name, "namespace": namespace, "labels": t["metadata"]["labels"], "annotations": t["metadata"]["annotations"], "finalizers": ["foregroundDeleteVirtualMachine"]},
        "spec": t["spec"],
        "status": {"phase": "Pending"}
    })
}

/// A VirtualMachineInstanceMigration of `vmi_name`.
pub fn migration(namespace: &str, name: &str, vmi_name: &str) -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachineInstanceMigration",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"vmiName": vmi_name}
    })
}

pub fn namespace(name: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": {"kubernetes.io/metadata.name": name}}})
}

pub fn node(name: &str, ip: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "labels": {
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "kubevirt.io/schedulable": "true",
                "node-role.kubernetes.io/worker": ""
            }
        },
        "spec": {},
        "status": {
            "addresses": [{"type": "InternalIP", "address": ip}, {"type": "Hostname", "address": name}],
            "allocatable": {"cpu": "8", "memory": "32Gi", "pods": "110", "devices.kubevirt.io/kvm": "1k"},
            "capacity": {"cpu": "8", "memory": "32Gi", "pods": "110", "devices.kubevirt.io/kvm": "1k"},
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status"}],
            "nodeInfo": {"architecture": "amd64", "kubeletVersion": crate::discovery::KUBE_GIT_VERSION, "operatingSystem": "linux", "osImage": "Fedora Linux 40", "kernelVersion": "6.8.5-301.fc40.x86_64", "containerRuntimeVersion": "cri-o://1.33.0"}
        }
    })
}

/// The KubeVirt CR in namespace `kubevirt`.
pub fn kubevirt_cr() -> Value {
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "KubeVirt",
        "metadata": {"name": "kubevirt", "namespace": "kubevirt"},
        "spec": {
            "certificateRotateStrategy": {},
            "configuration": {"developerConfiguration": {"featureGates": []}},
            "customizeComponents": {},
            "imagePullPolicy": "IfNotPresent",
            "workloadUpdateStrategy": {}
        },
        "status": {
            "phase": "Deployed",
            "observedKubeVirtRegistry": "quay.io/kubevirt",
            "observedKubeVirtVersion": crate::discovery::KUBEVIRT_GIT_VERSION,
            "targetKubeVirtRegistry": "quay.io/kubevirt",
            "targetKubeVirtVersion": crate::discovery::KUBEVIRT_GIT_VERSION,
            "operatorVersion": crate::discovery::KUBEVIRT_GIT_VERSION,
            "defaultArchitecture": "amd64",
            "conditions": [
                {"type": "Available", "status": "True", "reason": "AllComponentsReady", "message": "All components are ready."},
                {"type": "Progressing", "status": "False", "reason": "AllComponentsReady", "message": "All components are ready."},
                {"type": "Degraded", "status": "False", "reason": "AllComponentsReady", "message": "All components are ready."}
            ]
        }
    })
}

pub fn cdi_config() -> Value {
    json!({
        "apiVersion": "cdi.kubevirt.io/v1beta1",
        "kind": "CDIConfig",
        "metadata": {"name": "config"},
        "spec": {"featureGates": ["HonorWaitForFirstConsumer"]},
        "status": {
            "uploadProxyURL": "cdi-uploadproxy.cdi.svc",
            "defaultPodResourceRequirements": {"limits": {"cpu": "750m", "memory": "600M"}, "requests": {"cpu": "100m", "memory": "60M"}},
            "filesystemOverhead": {"global": "0.06"},
            "scratchSpaceStorageClass": "standard"
        }
    })
}

/// Objects every simulator starts with: namespaces, nodes, the KubeVirt and CDI config objects.
pub fn base() -> Vec<Value> {
    vec![
        namespace("default"),
        namespace("kube-system"),
        namespace("kube-public"),
        namespace("kubevirt"),
        namespace("cdi"),
        namespace("limited"),
        node("node01", "192.168.66.101"),
        node("node02", "192.168.66.102"),
        kubevirt_cr(),
        cdi_config(),
    ]
}

/// The `demo` namespace.
pub fn demo() -> Vec<Value> {
    let mut rhel = vm("demo", "rhel-stopped", "Halted");
    rhel["spec"]["template"]["spec"]["volumes"][0]["containerDisk"]["image"] =
        json!("registry.redhat.io/rhel9/rhel-guest-image:9.4");
    let mut cirros = vm_without_agent("demo", "cirros-manual", "Manual");
    cirros["spec"]["template"]["spec"]["volumes"][0]["containerDisk"]["image"] =
        json!("quay.io/kubevirt/cirros-container-disk-demo:v1.8.0");
    let mut win = vm_with_running("demo", "win-running", true);
    win["spec"]["template"]["spec"]["volumes"][0]["containerDisk"]["image"] =
        json!("quay.io/containerdisks/windows-server:2022");
    win["spec"]["template"]["spec"]["domain"]["memory"]["guest"] = json!("4Gi");
    win["spec"]["template"]["spec"]["domain"]["resources"]["requests"]["memory"] = json!("4Gi");
    let mut objects = vec![
        namespace("demo"),
        vm("demo", "fedora-running", "Always"),
        rhel,
        cirros,
        win,
    ];
    objects.extend(crate::template::demo());
    objects
}
