//! A healthy OpenShift Virtualization install, as `virtctl doctor` finds one: the component
//! namespace with its Deployments, DaemonSets, pods and leader Leases; the CRs (KubeVirt,
//! HyperConverged, CDI, StorageProfiles, DataImportCrons, SSP, NetworkAddonsConfig,
//! HostPathProvisioner); storage classes, the aggregated APIService, ClusterVersion and
//! Infrastructure; a control-plane node beside the simulator's two workers.
//!
//! [`objects`] is pure (timestamps relative to `now`), so unit tests use it as a fixture;
//! [`install`] loads it into a running simulator, replacing the stand-alone KubeVirt CR.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::Sim;

/// The namespace OpenShift Virtualization installs into.
pub const NS: &str = "openshift-cnv";
/// Namespace of the golden images.
pub const IMAGES_NS: &str = "openshift-virtualization-os-images";
/// The worker nodes (the simulator's own) and the control-plane node added here.
pub const WORKERS: [&str; 2] = ["node01", "node02"];
pub const MASTER: &str = "master-0";

/// `now - secs` in RFC 3339.
pub fn ago(now: &str, secs: i64) -> String {
    let t = OffsetDateTime::parse(now, &Rfc3339).expect("now is RFC 3339") - time::Duration::seconds(secs);
    t.format(&Rfc3339).expect("formats")
}

pub fn now() -> String {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("valid")
        .format(&Rfc3339)
        .expect("formats")
}

fn ready_conditions(at: &str) -> Value {
    json!([
        {"type": "Available", "status": "True", "reason": "AsExpected", "message": "Reconcile completed successfully", "lastTransitionTime": at},
        {"type": "Progressing", "status": "False", "reason": "AsExpected", "message": "Reconcile completed successfully", "lastTransitionTime": at},
        {"type": "Degraded", "status": "False", "reason": "AsExpected", "message": "Reconcile completed successfully", "lastTransitionTime": at}
    ])
}

/// A pod of a component workload, Running and Ready since `at`.
pub fn pod(ns: &str, name: &str, labels: Value, node: &str, at: &str) -> Value {
    let container = name.rsplitn(3, '-').last().unwrap_or(name).to_string();
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": labels},
        "spec": {"nodeName": node, "containers": [{"name": container, "image": format!("registry.redhat.io/container-native-virtualization/{container}:v4.12.0"),
                 "resources": {"requests": {"cpu": "10m", "memory": "150Mi"}}}]},
        "status": {
            "phase": "Running",
            "hostIP": host_ip(node),
            "hostIPs": [{"ip": host_ip(node)}],
            "podIP": pod_ip(name),
            "podIPs": [{"ip": pod_ip(name)}],
            "startTime": at,
            "conditions": [
                {"type": "PodScheduled", "status": "True", "lastTransitionTime": at},
                {"type": "Ready", "status": "True", "lastTransitionTime": at},
                {"type": "ContainersReady", "status": "True", "lastTransitionTime": at}
            ],
            "containerStatuses": [{"name": container, "ready": true, "started": true, "restartCount": 0,
                                   "state": {"running": {"startedAt": at}}}]
        }
    })
}

/// The address of one of the install's nodes (`fixtures::node`'s and the control plane's).
fn host_ip(node: &str) -> &'static str {
    match node {
        "node01" => "192.168.66.101",
        "node02" => "192.168.66.102",
        _ => "192.168.66.100",
    }
}

/// A component pod's address, from its name (its own range, apart from the kubelet's
/// allocations in `workloads.rs`).
fn pod_ip(name: &str) -> String {
    let h = name
        .bytes()
        .fold(2166136261u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16777619));
    format!("10.129.{}.{}", (h >> 8) % 256, 2 + h % 250)
}

/// The pod template of a component workload: its labels and its one container.
fn template(ns: &str, name: &str, labels: &Value) -> Value {
    let spec = pod(ns, name, labels.clone(), "", "")["spec"].clone();
    let mut spec = spec;
    if let Some(m) = spec.as_object_mut() {
        m.remove("nodeName");
    }
    spec["containers"][0]["name"] = json!(name);
    spec["containers"][0]["image"] = json!(format!(
        "registry.redhat.io/container-native-virtualization/{name}:v4.12.0"
    ));
    json!({"metadata": {"labels": labels}, "spec": spec})
}

/// The ReplicaSet's pod-template-hash of every seeded Deployment.
pub const TEMPLATE_HASH: &str = "7f9c0d5b8";

/// A controller owner reference by kind and name; [`load`] fills in the owner's uid.
fn owned_by(kind: &str, name: &str) -> Value {
    json!([{"apiVersion": "apps/v1", "kind": kind, "name": name, "controller": true, "blockOwnerDeletion": true}])
}

/// A Deployment with its ReplicaSet and `replicas` ready pods spread over the workers, owned as
/// the Deployment and ReplicaSet controllers own them.
pub fn deployment(ns: &str, name: &str, labels: Value, replicas: usize, at: &str) -> Vec<Value> {
    let rs_name = format!("{name}-{TEMPLATE_HASH}");
    let mut hashed = labels.clone();
    hashed["pod-template-hash"] = json!(TEMPLATE_HASH);
    let mut rs_template = template(ns, name, &labels);
    rs_template["metadata"]["labels"] = hashed.clone();
    let mut out = vec![
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": name, "namespace": ns, "labels": {"app.kubernetes.io/part-of": "hyperconverged-cluster"}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": labels}, "template": template(ns, name, &labels)},
            "status": {"replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas, "updatedReplicas": replicas,
                       "conditions": [
                           {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "lastTransitionTime": at},
                           {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable", "lastTransitionTime": at}]}
        }),
        json!({
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "metadata": {"name": rs_name, "namespace": ns, "labels": hashed, "ownerReferences": owned_by("Deployment", name)},
            "spec": {"replicas": replicas, "selector": {"matchLabels": hashed}, "template": rs_template},
            "status": {"replicas": replicas, "fullyLabeledReplicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas}
        }),
    ];
    for i in 0..replicas {
        let pod_name = format!("{rs_name}-{}", ["abcde", "fghij", "klmno"][i % 3]);
        let mut p = pod(ns, &pod_name, hashed.clone(), WORKERS[i % WORKERS.len()], at);
        p["metadata"]["ownerReferences"] = owned_by("ReplicaSet", &rs_name);
        out.push(p);
    }
    out
}

/// A DaemonSet with one ready pod per worker (the control-plane node's taint keeps it off).
pub fn daemonset(ns: &str, name: &str, labels: Value, at: &str) -> Vec<Value> {
    let n = WORKERS.len();
    let mut out = vec![json!({
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"selector": {"matchLabels": labels}, "template": template(ns, name, &labels)},
        "status": {"desiredNumberScheduled": n, "currentNumberScheduled": n, "numberReady": n, "numberAvailable": n,
                   "updatedNumberScheduled": n, "numberMisscheduled": 0}
    })];
    for (i, node) in WORKERS.iter().enumerate() {
        let mut p = pod(
            ns,
            &format!("{name}-{}", ["x7k2p", "q9w4z", "m3n8v"][i % 3]),
            labels.clone(),
            node,
            at,
        );
        // DaemonSet pod names have one suffix, not two: the container is named after the DaemonSet.
        p["spec"]["containers"][0]["name"] = json!(name);
        p["spec"]["containers"][0]["image"] = json!(format!(
            "registry.redhat.io/container-native-virtualization/{name}:v4.12.0"
        ));
        p["status"]["containerStatuses"][0]["name"] = json!(name);
        p["metadata"]["ownerReferences"] = owned_by("DaemonSet", name);
        out.push(p);
    }
    out
}

/// The Service in front of a component's pods (what an APIService names).
fn service(ns: &str, name: &str, selector: Value, port: u16) -> Value {
    json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": ns},
           "spec": {"type": "ClusterIP", "selector": selector, "ports": [{"port": 443, "targetPort": port, "protocol": "TCP"}]}})
}

fn lease(ns: &str, name: &str, holder: &str, now: &str) -> Value {
    json!({
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"holderIdentity": holder, "leaseDurationSeconds": 15, "acquireTime": ago(now, 86400),
                 "renewTime": ago(now, 2), "leaseTransitions": 1}
    })
}

fn storage_class(name: &str, provisioner: &str, annotations: Value) -> Value {
    json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
           "metadata": {"name": name, "annotations": annotations},
           "provisioner": provisioner, "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer",
           "allowVolumeExpansion": true})
}

pub fn storage_profile(name: &str, provisioner: &str, access: &str, mode: &str, clone: &str) -> Value {
    json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "StorageProfile", "metadata": {"name": name},
           "spec": {},
           "status": {"storageClass": name, "provisioner": provisioner, "cloneStrategy": clone,
                      "claimPropertySets": [{"accessModes": [access], "volumeMode": mode}]}})
}

/// The whole healthy install, timestamps relative to `now` (components up for a day).
pub fn objects(now: &str) -> Vec<Value> {
    let up = ago(now, 86400);
    let up = up.as_str();
    let ns = NS;
    let mut o = vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": IMAGES_NS}}),
        json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": MASTER, "labels": {
            "kubernetes.io/hostname": MASTER, "kubernetes.io/arch": "amd64", "kubernetes.io/os": "linux",
            "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/master": ""}},
            "spec": {"taints": [{"key": "node-role.kubernetes.io/master", "effect": "NoSchedule"}]},
            "status": {"addresses": [{"type": "InternalIP", "address": host_ip(MASTER)}, {"type": "Hostname", "address": MASTER}],
                       "allocatable": {"cpu": "4", "memory": "16Gi", "pods": "250"}, "capacity": {"cpu": "4", "memory": "16Gi", "pods": "250"},
                       "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "lastTransitionTime": up}],
                       "nodeInfo": {"architecture": "amd64", "kubeletVersion": crate::discovery::KUBE_GIT_VERSION, "operatingSystem": "linux",
                                    "osImage": "Red Hat Enterprise Linux CoreOS 418.94", "kernelVersion": "5.14.0-427.el9_4.x86_64",
                                    "containerRuntimeVersion": "cri-o://1.33.0"}}}),
        json!({
            "apiVersion": "kubevirt.io/v1", "kind": "KubeVirt",
            "metadata": {"name": "kubevirt-kubevirt-hyperconverged", "namespace": ns},
            "spec": {"configuration": {"developerConfiguration": {"featureGates": []}, "evictionStrategy": "LiveMigrate"},
                     "workloadUpdateStrategy": {"workloadUpdateMethods": ["LiveMigrate"]}},
            "status": {"phase": "Deployed", "observedKubeVirtVersion": crate::discovery::KUBEVIRT_GIT_VERSION,
                       "targetKubeVirtVersion": crate::discovery::KUBEVIRT_GIT_VERSION, "outdatedVirtualMachineInstanceWorkloads": 0,
                       "conditions": ready_conditions(up)}
        }),
        json!({
            "apiVersion": "hco.kubevirt.io/v1beta1", "kind": "HyperConverged",
            "metadata": {"name": "kubevirt-hyperconverged", "namespace": ns},
            "spec": {"featureGates": {"enableCommonBootImageImport": true}, "workloadUpdateStrategy": {"workloadUpdateMethods": ["LiveMigrate"]}},
            "status": {"systemHealthStatus": "healthy", "versions": [{"name": "operator", "version": "4.12.0"}],
                       "conditions": [
                           {"type": "ReconcileComplete", "status": "True", "reason": "ReconcileCompleted", "message": "Reconcile completed successfully", "lastTransitionTime": up},
                           {"type": "Available", "status": "True", "reason": "ReconcileCompleted", "message": "Reconcile completed successfully", "lastTransitionTime": up},
                           {"type": "Progressing", "status": "False", "reason": "ReconcileCompleted", "message": "Reconcile completed successfully", "lastTransitionTime": up},
                           {"type": "Degraded", "status": "False", "reason": "ReconcileCompleted", "message": "Reconcile completed successfully", "lastTransitionTime": up},
                           {"type": "Upgradeable", "status": "True", "reason": "ReconcileCompleted", "message": "Reconcile completed successfully", "lastTransitionTime": up}],
                       "nodeInfo": {"workloadsArchitectures": ["amd64"], "controlPlaneArchitectures": ["amd64"]}}
        }),
        json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "CDI", "metadata": {"name": "cdi-kubevirt-hyperconverged"},
               "spec": {}, "status": {"phase": "Deployed", "conditions": ready_conditions(up)}}),
        json!({"apiVersion": "ssp.kubevirt.io/v1beta2", "kind": "SSP", "metadata": {"name": "ssp-kubevirt-hyperconverged", "namespace": ns},
               "spec": {"commonTemplates": {"namespace": "openshift"}, "templateValidator": {"replicas": 2}},
               "status": {"phase": "Deployed", "conditions": ready_conditions(up)}}),
        json!({"apiVersion": "networkaddonsoperator.network.kubevirt.io/v1", "kind": "NetworkAddonsConfig", "metadata": {"name": "cluster"},
               "spec": {"kubeMacPool": {}, "linuxBridge": {}}, "status": {"conditions": ready_conditions(up)}}),
        json!({"apiVersion": "hostpathprovisioner.kubevirt.io/v1beta1", "kind": "HostPathProvisioner", "metadata": {"name": "hostpath-provisioner"},
               "spec": {"storagePools": [{"name": "local", "path": "/var/hpvolumes"}]}, "status": {"conditions": ready_conditions(up)}}),
        json!({"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": {"name": "v1.subresources.kubevirt.io"},
               "spec": {"group": "subresources.kubevirt.io", "version": "v1", "service": {"name": "virt-api", "namespace": ns}},
               "status": {"conditions": [{"type": "Available", "status": "True", "reason": "Passed", "message": "all checks passed", "lastTransitionTime": up}]}}),
        json!({"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion", "metadata": {"name": "version"},
               "spec": {"channel": "stable-4.12"}, "status": {"desired": {"version": "4.12.3"}}}),
        json!({"apiVersion": "config.openshift.io/v1", "kind": "Infrastructure", "metadata": {"name": "cluster"},
               "status": {"controlPlaneTopology": "HighlyAvailable", "infrastructureTopology": "HighlyAvailable", "platform": "None"}}),
        storage_class(
            "ocs-storagecluster-ceph-rbd-virtualization",
            "openshift-storage.rbd.csi.ceph.com",
            json!({"storageclass.kubernetes.io/is-default-class": "true", "storageclass.kubevirt.io/is-default-virt-class": "true"}),
        ),
        storage_class("hostpath-csi", "kubevirt.io.hostpath-provisioner", json!({})),
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "CSIDriver", "metadata": {"name": "openshift-storage.rbd.csi.ceph.com"}, "spec": {}}),
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "CSIDriver", "metadata": {"name": "kubevirt.io.hostpath-provisioner"}, "spec": {}}),
        storage_profile(
            "ocs-storagecluster-ceph-rbd-virtualization",
            "openshift-storage.rbd.csi.ceph.com",
            "ReadWriteMany",
            "Block",
            "csi-clone",
        ),
        storage_profile(
            "hostpath-csi",
            "kubevirt.io.hostpath-provisioner",
            "ReadWriteOnce",
            "Filesystem",
            "snapshot",
        ),
        json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataImportCron", "metadata": {"name": "fedora-image-cron", "namespace": IMAGES_NS},
               "spec": {"schedule": "0 */12 * * *", "managedDataSource": "fedora",
                        "template": {"spec": {"source": {"registry": {"url": "docker://quay.io/containerdisks/fedora:latest"}}, "storage": {}}}},
               "status": {"lastImportedPVC": {"name": "fedora-3f1c2b", "namespace": IMAGES_NS},
                          "conditions": [{"type": "UpToDate", "status": "True", "reason": "UpToDate", "message": "Latest import is up to date", "lastTransitionTime": up}]}}),
    ];
    o.push(service(ns, "virt-api", json!({"kubevirt.io": "virt-api"}), 8443));
    o.push(service(
        ns,
        "cdi-api",
        json!({"cdi.kubevirt.io": "cdi-apiserver"}),
        8443,
    ));
    o.push(service(
        ns,
        "cdi-uploadproxy",
        json!({"cdi.kubevirt.io": "cdi-uploadproxy"}),
        8443,
    ));
    o.push(json!({"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": {"name": "v1beta1.upload.cdi.kubevirt.io"},
                  "spec": {"group": "upload.cdi.kubevirt.io", "version": "v1beta1", "service": {"name": "cdi-api", "namespace": ns}},
                  "status": {"conditions": [{"type": "Available", "status": "True", "reason": "Passed", "message": "all checks passed", "lastTransitionTime": up}]}}));
    let virt = |c: &str| json!({"kubevirt.io": c, "prometheus.kubevirt.io": "true"});
    o.extend(deployment(ns, "virt-api", virt("virt-api"), 2, up));
    o.extend(deployment(ns, "virt-controller", virt("virt-controller"), 2, up));
    o.extend(deployment(ns, "virt-operator", virt("virt-operator"), 2, up));
    o.extend(daemonset(ns, "virt-handler", virt("virt-handler"), up));
    o.push(lease(ns, "virt-controller", "virt-controller-7f9c0d5b8-abcde", now));
    o.push(lease(ns, "virt-operator", "virt-operator-7f9c0d5b8-abcde", now));
    for name in [
        "hyperconverged-cluster-operator",
        "hyperconverged-cluster-webhook",
        "hyperconverged-cluster-cli-download",
    ] {
        o.extend(deployment(ns, name, json!({"name": name}), 1, up));
    }
    o.extend(deployment(ns, "cdi-operator", json!({"name": "cdi-operator"}), 1, up));
    for name in ["cdi-apiserver", "cdi-deployment", "cdi-uploadproxy"] {
        let mut d = deployment(ns, name, json!({"cdi.kubevirt.io": name}), 1, up);
        d[0]["metadata"]["labels"]["cdi.kubevirt.io"] = json!("");
        o.extend(d);
    }
    o.extend(deployment(
        ns,
        "ssp-operator",
        json!({"control-plane": "ssp-operator", "name": "ssp-operator"}),
        1,
        up,
    ));
    o.extend(deployment(
        ns,
        "virt-template-validator",
        json!({"name": "virt-template-validator", "kubevirt.io": "virt-template-validator"}),
        2,
        up,
    ));
    o.extend(deployment(
        ns,
        "cluster-network-addons-operator",
        json!({"name": "cluster-network-addons-operator"}),
        1,
        up,
    ));
    o.extend(deployment(
        ns,
        "kubemacpool-mac-controller-manager",
        json!({"control-plane": "mac-controller-manager"}),
        1,
        up,
    ));
    o.extend(deployment(
        ns,
        "kubemacpool-cert-manager",
        json!({"control-plane": "cert-manager"}),
        1,
        up,
    ));
    o.extend(deployment(
        ns,
        "hostpath-provisioner-operator",
        json!({"name": "hostpath-provisioner-operator"}),
        1,
        up,
    ));
    let mut csi = daemonset(
        ns,
        "hostpath-provisioner-csi",
        json!({"k8s-app": "hostpath-provisioner"}),
        up,
    );
    for pod in csi.iter_mut().filter(|o| o["kind"] == "Pod") {
        // As the real CSI driver pods: the provisioner and its CSI sidecars, so that a log read
        // must name its container.
        containers(
            pod,
            &[
                "hostpath-provisioner",
                "node-driver-registrar",
                "liveness-probe",
                "csi-provisioner",
            ],
            up,
        );
    }
    o.extend(csi);
    o
}

/// Gives a component pod these running, ready containers (the first is the main one).
fn containers(pod: &mut Value, names: &[&str], at: &str) {
    let image = |n: &str| format!("registry.redhat.io/container-native-virtualization/{n}:v4.12.0");
    let resources = pod["spec"]["containers"][0]["resources"].clone();
    pod["spec"]["containers"] = names
        .iter()
        .map(|n| json!({"name": n, "image": image(n), "resources": resources}))
        .collect();
    pod["status"]["containerStatuses"] = names
        .iter()
        .map(|n| json!({"name": n, "ready": true, "started": true, "restartCount": 0, "state": {"running": {"startedAt": at}}}))
        .collect();
}

/// Loads `objects` into a running simulator (creating namespaces first) and removes the
/// simulator's stand-alone KubeVirt CR, so the cluster has exactly one install.
pub fn install(sim: &Sim, objects: Vec<Value>) {
    sim.delete("kubevirts", "kubevirt", "kubevirt");
    // The install brings its own storage classes; the simulator's stand-alone ones go.
    let ours: Vec<&str> = objects
        .iter()
        .filter(|o| o["kind"] == "StorageClass")
        .filter_map(|o| o["metadata"]["name"].as_str())
        .collect();
    for sc in sim.list("storageclasses", None) {
        let name = sc["metadata"]["name"].as_str().unwrap_or("");
        if !ours.contains(&name) {
            sim.delete("storageclasses", "", name);
        }
    }
    load(sim, objects);
}

/// Creates objects, namespaces first (an existing object is replaced), in one step of the store:
/// the controllers never see half an install (a Deployment without its ReplicaSet yet).
pub fn load(sim: &Sim, objects: Vec<Value>) {
    let (namespaces, rest): (Vec<Value>, Vec<Value>) = objects.into_iter().partition(|o| o["kind"] == "Namespace");
    sim.load(namespaces.into_iter().chain(rest).collect());
}

/// `count` running VMs spread over `namespaces` namespaces (`scale-0` ...), each with its VMI
/// and virt-launcher pod, for the benchmark: the objects the controllers would have made.
pub fn scale(now: &str, count: usize, namespaces: usize) -> Vec<Value> {
    let at = ago(now, 3600);
    let mut out = Vec::with_capacity(count * 3 + namespaces);
    for n in 0..namespaces {
        out.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": format!("scale-{n}")}}));
    }
    for i in 0..count {
        let ns = format!("scale-{}", i % namespaces);
        let name = format!("vm-{i:04}");
        let node = WORKERS[i % WORKERS.len()];
        let uid = format!("00000000-0000-4000-8000-{i:012}");
        let mut vm = crate::fixtures::vm(&ns, &name, "Always");
        vm["status"] = json!({"printableStatus": "Running", "ready": true, "created": true,
            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": at}]});
        let mut vmi = crate::fixtures::vmi(&ns, &name);
        vmi["metadata"]["uid"] = json!(uid);
        vmi["metadata"]["finalizers"] = json!([]);
        vmi["status"] = json!({"phase": "Running", "nodeName": node,
            "interfaces": [{"name": "default", "mac": format!("02:00:00:{:02x}:{:02x}:{:02x}", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)}],
            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": at},
                           {"type": "LiveMigratable", "status": "True", "lastTransitionTime": at}]});
        let mut launcher = pod(
            &ns,
            &format!("virt-launcher-{name}-abcde"),
            json!({"kubevirt.io": "virt-launcher", "kubevirt.io/created-by": uid}),
            node,
            &at,
        );
        launcher["metadata"]["annotations"] = json!({"kubevirt.io/domain": name});
        out.push(vm);
        out.push(vmi);
        out.push(launcher);
    }
    out
}
