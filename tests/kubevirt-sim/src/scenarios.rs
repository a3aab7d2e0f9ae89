//! Runbook failures, one per scenario, applied to the objects of a healthy install
//! ([`crate::openshift_virt::objects`]) before they are loaded. Each [`Scenario`] names the doctor
//! check it must make fire, the status it must get and the evidence the check must print, so a
//! new check is proven by its component file and one scenario here.

// Every scenario has the one signature of [`Apply`], even those that only edit in place.
#![allow(clippy::ptr_arg)]

use serde_json::{Value, json};

use crate::openshift_virt::{IMAGES_NS, NS, ago};

/// A scenario: it edits the object list; `now` is the RFC 3339 time the install is built for.
pub type Apply = fn(&mut Vec<Value>, &str);

/// What a scenario breaks, and what doctor must say about it.
pub struct Scenario {
    pub name: &'static str,
    pub apply: Apply,
    /// The check that fires.
    pub check: &'static str,
    /// Its expected status.
    pub status: &'static str,
    /// A piece of the evidence the check must print (a finding's text).
    pub evidence: &'static str,
}

impl Scenario {
    /// The scenario called `name`.
    pub fn named(name: &str) -> Option<&'static Scenario> {
        SCENARIOS.iter().find(|s| s.name == name)
    }
}

pub static SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "virt-api-down",
        apply: |o, n| not_running(o, "virt-api", n, 1200),
        check: "VirtAPIDown",
        status: "critical",
        evidence: "on node01: Pending, not ready, ImagePullBackOff",
    },
    Scenario {
        name: "virt-api-one-pending",
        apply: |o, n| one_pending(o, "virt-api", n, 7200),
        check: "LowVirtAPICount",
        status: "warning",
        evidence: "unschedulable: 0/3 nodes are available",
    },
    Scenario {
        name: "virt-api-one-not-ready",
        apply: |o, n| one_not_ready(o, "virt-api", n, 1200),
        check: "LowReadyVirtAPICount",
        status: "warning",
        evidence: "Readiness probe failed: HTTP probe failed with statuscode: 500",
    },
    Scenario {
        name: "virt-api-not-ready",
        apply: |o, n| not_ready(o, "virt-api", n, 1200),
        check: "NoReadyVirtAPI",
        status: "critical",
        evidence: "CrashLoopBackOff, 7 restarts, last terminated OOMKilled (exit 137)",
    },
    Scenario {
        name: "virt-api-rest-errors",
        apply: |o, _| api_failures_logged(o, "virt-api"),
        check: "VirtApiRESTErrorsBurst",
        status: "warning",
        evidence: "12 API-server failure lines in the last 10m",
    },
    Scenario {
        name: "virt-controller-down",
        apply: |o, n| not_running(o, "virt-controller", n, 1200),
        check: "VirtControllerDown",
        status: "critical",
        evidence: "Event Failed on virt-controller: Failed to pull image: manifest unknown",
    },
    Scenario {
        name: "virt-controller-one-pending",
        apply: |o, n| one_pending(o, "virt-controller", n, 1200),
        check: "LowVirtControllersCount",
        status: "warning",
        evidence: "FailedScheduling on virt-controller-",
    },
    Scenario {
        name: "virt-controller-one-not-ready",
        apply: |o, n| one_not_ready(o, "virt-controller", n, 1200),
        check: "LowReadyVirtControllersCount",
        status: "warning",
        evidence: "Event Unhealthy on virt-controller-",
    },
    Scenario {
        name: "virt-controller-not-ready",
        apply: |o, n| not_ready(o, "virt-controller", n, 1200),
        check: "NoReadyVirtController",
        status: "critical",
        evidence: "virt-controller-7f9c0d5b8-abcde on node01: Running, not ready, CrashLoopBackOff",
    },
    Scenario {
        name: "virt-controller-stale-lease",
        apply: |o, n| stale_lease(o, "virt-controller", n),
        check: "NoLeadingVirtController",
        status: "critical",
        evidence: "holder virt-controller-7f9c0d5b8-abcde, renewed 60m ago",
    },
    Scenario {
        name: "virt-controller-rest-errors",
        apply: |o, _| api_failures_logged(o, "virt-controller"),
        check: "VirtControllerRESTErrorsBurst",
        status: "warning",
        evidence: "virt-controller-7f9c0d5b8-abcde: 12 API-server failure lines",
    },
    Scenario {
        name: "virt-launcher-pods-failed",
        apply: failed_launchers,
        check: "VirtLauncherPodsStuckFailed",
        status: "critical",
        evidence: "Namespace migration-loop: 210 failed virt-launcher pods",
    },
    Scenario {
        name: "virt-handler-rollout",
        apply: |o, n| handler_rollout(o, n),
        check: "VirtHandlerDaemonSetRolloutFailing",
        status: "warning",
        evidence: "virt-handler-x7k2p: Pending, not ready, unschedulable",
    },
    Scenario {
        name: "virt-handler-down",
        apply: |o, n| not_running(o, "virt-handler", n, 1200),
        check: "VirtHandlerDown",
        status: "critical",
        evidence: "virt-handler-q9w4z on node02: Pending, not ready, ImagePullBackOff",
    },
    Scenario {
        name: "virt-handler-one-not-ready",
        apply: |o, n| one_not_ready(o, "virt-handler", n, 1200),
        check: "LowReadyVirtHandlerCount",
        status: "warning",
        evidence: "Event Unhealthy on virt-handler-x7k2p",
    },
    Scenario {
        name: "virt-handler-not-ready",
        apply: |o, n| not_ready(o, "virt-handler", n, 1200),
        check: "NoReadyVirtHandler",
        status: "critical",
        evidence: "virt-handler-q9w4z on node02: Running, not ready, CrashLoopBackOff",
    },
    Scenario {
        name: "orphaned-vmis",
        apply: orphaned_vmis,
        check: "OrphanedVirtualMachineInstances",
        status: "warning",
        evidence: "Node node02: 1 VMI(s) (lost-vm) and no virt-handler pod",
    },
    Scenario {
        name: "virt-handler-rest-errors",
        apply: |o, _| api_failures_logged(o, "virt-handler"),
        check: "VirtHandlerRESTErrorsBurst",
        status: "warning",
        evidence: "virt-handler-x7k2p: 12 API-server failure lines",
    },
    Scenario {
        name: "virt-operator-down",
        apply: |o, n| not_running(o, "virt-operator", n, 1200),
        check: "VirtOperatorDown",
        status: "critical",
        evidence: "virt-operator-7f9c0d5b8-abcde on node01: Pending, not ready, ImagePullBackOff",
    },
    Scenario {
        name: "virt-operator-one-pending",
        apply: |o, n| one_pending(o, "virt-operator", n, 7200),
        check: "LowVirtOperatorCount",
        status: "warning",
        evidence: "FailedScheduling on virt-operator-",
    },
    Scenario {
        name: "virt-operator-one-not-ready",
        apply: |o, n| one_not_ready(o, "virt-operator", n, 1200),
        check: "LowReadyVirtOperatorsCount",
        status: "warning",
        evidence: "Event Unhealthy on virt-operator-",
    },
    Scenario {
        name: "virt-operator-not-ready",
        apply: |o, n| not_ready(o, "virt-operator", n, 1200),
        check: "NoReadyVirtOperator",
        status: "critical",
        evidence: "virt-operator-7f9c0d5b8-fghij on node02: Running, not ready, CrashLoopBackOff",
    },
    Scenario {
        name: "virt-operator-no-lease",
        apply: |o, _| remove(o, "Lease", "virt-operator"),
        check: "NoLeadingVirtOperator",
        status: "critical",
        evidence: "Lease and Endpoints leader record missing",
    },
    Scenario {
        name: "virt-operator-rest-errors",
        apply: |o, _| api_failures_logged(o, "virt-operator"),
        check: "VirtOperatorRESTErrorsBurst",
        status: "warning",
        evidence: "virt-operator-7f9c0d5b8-abcde: 12 API-server failure lines",
    },
    Scenario {
        name: "cdi-operator-down",
        apply: |o, n| not_ready(o, "cdi-operator", n, 1200),
        check: "CDIOperatorDown",
        status: "critical",
        evidence: "cdi-operator-7f9c0d5b8-abcde on node01: Running, not ready, CrashLoopBackOff",
    },
    Scenario {
        name: "cdi-not-ready",
        apply: cdi_not_ready,
        check: "CDINotReady",
        status: "critical",
        evidence: "Available=False Degraded: cdi-deployment is not ready",
    },
    Scenario {
        name: "cdi-importer-restarts",
        apply: importer_restarts,
        check: "CDIDataVolumeUnusualRestartCount",
        status: "warning",
        evidence: "DataVolume imports/rhel9: 5 restarts",
    },
    Scenario {
        name: "cdi-storage-profile-incomplete",
        apply: incomplete_profile,
        check: "CDIStorageProfilesIncomplete",
        status: "warning",
        evidence: "StorageProfile nfs-client: provisioner k8s-sigs.io/nfs-subdir-external-provisioner",
    },
    Scenario {
        name: "cdi-dataimportcron-outdated",
        apply: cron_outdated,
        check: "CDIDataImportCronOutdated",
        status: "warning",
        evidence: "ImportFailed (Import failed: unable to pull image: unauthorized)",
    },
    Scenario {
        name: "cdi-no-default-storage-class",
        apply: no_default_class,
        check: "CDINoDefaultStorageClass",
        status: "warning",
        evidence: "pending-dv is Pending without a storage class",
    },
    Scenario {
        name: "cdi-two-virt-default-classes",
        apply: two_virt_defaults,
        check: "CDIMultipleDefaultVirtStorageClasses",
        status: "warning",
        evidence: "StorageClass hostpath-csi is marked default for virtualization",
    },
    Scenario {
        name: "cdi-default-class-degraded",
        apply: default_class_degraded,
        check: "CDIDefaultStorageClassDegraded",
        status: "warning",
        evidence: "hostpath-csi (kubevirt.io.hostpath-provisioner): RWX no, smart clone no",
    },
    Scenario {
        name: "cnao-down",
        apply: |o, n| not_ready(o, "cluster-network-addons-operator", n, 1200),
        check: "CnaoDown",
        status: "warning",
        evidence: "cluster-network-addons-operator-7f9c0d5b8-abcde on node01: Running, not ready",
    },
    Scenario {
        name: "network-addons-not-ready",
        apply: |o, n| cr_unavailable(o, "NetworkAddonsConfig", n),
        check: "NetworkAddonsConfigNotReady",
        status: "warning",
        evidence: "rollout is not making progress - pod bridge-marker-x7k2p is in CrashLoopBackOff",
    },
    Scenario {
        name: "kubemacpool-down",
        apply: |o, n| not_ready(o, "kubemacpool-mac-controller-manager", n, 1200),
        check: "KubemacpoolDown",
        status: "critical",
        evidence: "kubemacpool-mac-controller-manager-7f9c0d5b8-abcde on node01: Running, not ready",
    },
    Scenario {
        name: "mac-collision",
        apply: mac_collision,
        check: "KubemacpoolMACCollisionDetected",
        status: "warning",
        evidence: "MAC 02:8e:00:00:00:2a used by VirtualMachineInstance macs/web-a, VirtualMachineInstance macs/web-b",
    },
    Scenario {
        name: "ssp-operator-down",
        apply: |o, n| not_ready(o, "ssp-operator", n, 1200),
        check: "SSPDown",
        status: "critical",
        evidence: "ssp-operator-7f9c0d5b8-abcde on node01: Running, not ready, CrashLoopBackOff",
    },
    Scenario {
        name: "template-validator-down",
        apply: |o, n| not_ready(o, "virt-template-validator", n, 1200),
        check: "SSPTemplateValidatorDown",
        status: "critical",
        evidence: "virt-template-validator-7f9c0d5b8-fghij on node02: Running, not ready",
    },
    Scenario {
        name: "ssp-failing-to-reconcile",
        apply: |o, n| cr_unavailable(o, "SSP", n),
        check: "SSPFailingToReconcile",
        status: "critical",
        evidence: "Degraded=True Failing: reconcile failed: failed to update resource",
    },
    Scenario {
        name: "ssp-rejected-vms",
        apply: rejected_vms,
        check: "SSPHighRateRejectedVms",
        status: "warning",
        evidence: "minimal-required-memory applied: FAIL, value 1073741824 is lower than minimum",
    },
    Scenario {
        name: "ssp-templates-reverted",
        apply: templates_reverted,
        check: "SSPCommonTemplatesModificationReverted",
        status: "warning",
        evidence: "Changes reverted in common template: rhel9-server-small",
    },
    Scenario {
        name: "hpp-operator-down",
        apply: |o, n| not_ready(o, "hostpath-provisioner-operator", n, 1200),
        check: "HPPOperatorDown",
        status: "warning",
        evidence: "hostpath-provisioner-operator-7f9c0d5b8-abcde on node01: Running, not ready",
    },
    Scenario {
        name: "hpp-not-ready",
        apply: |o, n| cr_unavailable(o, "HostPathProvisioner", n),
        check: "HPPNotReady",
        status: "warning",
        evidence: "HostPathProvisioner hostpath-provisioner: Available=False",
    },
    Scenario {
        name: "hpp-shares-os-path",
        apply: hpp_shares_os,
        check: "HPPSharingPoolPathWithOS",
        status: "warning",
        evidence: "pool local (/var/hpvolumes) shares path with OS",
    },
    Scenario {
        name: "hco-cr-modified",
        apply: hco_overwritten,
        check: "KubeVirtCRModified",
        status: "warning",
        evidence: "KubeVirt kubevirt-kubevirt-hyperconverged: overwritten 3 time(s)",
    },
    Scenario {
        name: "hco-installation-incomplete",
        apply: |o, _| remove(o, "HyperConverged", "kubevirt-hyperconverged"),
        check: "HCOInstallationIncomplete",
        status: "warning",
        evidence: "Deployment openshift-cnv/hyperconverged-cluster-operator, no hyperconvergeds.hco.kubevirt.io",
    },
    Scenario {
        name: "hco-jsonpatch",
        apply: hco_jsonpatch,
        check: "UnsupportedHCOModification",
        status: "warning",
        evidence: "annotation kubevirt.kubevirt.io/jsonpatch: 1 operation(s): add /spec/configuration/migrations",
    },
    Scenario {
        name: "hco-unhealthy",
        apply: hco_unhealthy,
        check: "HCOOperatorConditionsUnhealthy",
        status: "critical",
        evidence: "Degraded=True CDIDegraded: CDI is degraded: cdi-deployment is not ready",
    },
    Scenario {
        name: "low-kvm-nodes",
        apply: low_kvm,
        check: "LowKVMNodesCount",
        status: "warning",
        evidence: "Node node02: kvm no, schedulable label true",
    },
    Scenario {
        name: "no-nodes-for-vms",
        apply: no_schedulable_nodes,
        check: "KubeVirtNoAvailableNodesToRunVMs",
        status: "warning",
        evidence: "cordoned nodes: node01, node02",
    },
    Scenario {
        name: "control-plane-down",
        apply: control_plane_down,
        check: "HAControlPlaneDown",
        status: "critical",
        evidence: "Node master-0: Ready=Unknown NodeStatusUnknown: Kubelet stopped posting node status.",
    },
    Scenario {
        name: "node-maintenance-stuck",
        apply: maintenance_stuck,
        check: "NodeMaintenanceStatus",
        status: "warning",
        evidence: "pending pods virt-launcher-db-1-abcde, last error: Cannot evict pod",
    },
    // ---- issue 5: the remaining checks (see the section "Every remaining check" below) ----
    Scenario {
        name: "hco-golden-image-no-arch-annotation",
        apply: golden_image_without_arch_annotation,
        check: "HCOGoldenImageWithNoArchitectureAnnotation",
        status: "warning",
        evidence: "template custom-centos-stream10 has no ssp.kubevirt.io/dict.architectures annotation",
    },
    Scenario {
        name: "hco-golden-image-unsupported-arch",
        apply: golden_image_unsupported_arch,
        check: "HCOGoldenImageWithNoSupportedArchitecture",
        status: "warning",
        evidence: "template custom-s390x-image supports none of the cluster's architectures",
    },
    Scenario {
        name: "hco-multi-arch-disabled",
        apply: multi_arch_disabled,
        check: "HCOMultiArchGoldenImagesDisabled",
        status: "warning",
        evidence: "architectures amd64,arm64",
    },
    Scenario {
        name: "descheduler-without-kubevirt-profile",
        apply: descheduler_without_kubevirt_profile,
        check: "HCOMisconfiguredDescheduler",
        status: "critical",
        evidence: "profiles: AffinityAndTaints,TopologyAndDuplicates",
    },
    Scenario {
        name: "wasp-agent-duplicate",
        apply: wasp_agent_duplicate,
        check: "DuplicateWaspAgentDSDetected",
        status: "warning",
        evidence: "DaemonSet wasp/wasp-agent",
    },
    Scenario {
        name: "single-stack-ipv6",
        apply: single_stack_ipv6,
        check: "SingleStackIPv6Unsupported",
        status: "critical",
        evidence: "cluster networks fd01::/48",
    },
    Scenario {
        name: "virt-api-rest-errors-high",
        apply: |o, _| api_failures_logged(o, "virt-api"),
        check: "VirtApiRESTErrorsHigh",
        status: "warning",
        evidence: "12 API-server failure lines in the last 60m",
    },
    Scenario {
        name: "virt-controller-rest-errors-high",
        apply: |o, _| api_failures_logged(o, "virt-controller"),
        check: "VirtControllerRESTErrorsHigh",
        status: "warning",
        evidence: "virt-controller-7f9c0d5b8-fghij: 12 API-server failure lines in the last 60m",
    },
    Scenario {
        name: "virt-handler-rest-errors-high",
        apply: |o, _| api_failures_logged(o, "virt-handler"),
        check: "VirtHandlerRESTErrorsHigh",
        status: "warning",
        evidence: "virt-handler-q9w4z: 12 API-server failure lines in the last 60m",
    },
    Scenario {
        name: "virt-operator-rest-errors-high",
        apply: |o, _| api_failures_logged(o, "virt-operator"),
        check: "VirtOperatorRESTErrorsHigh",
        status: "warning",
        evidence: "virt-operator-7f9c0d5b8-fghij: 12 API-server failure lines in the last 60m",
    },
    Scenario {
        name: "deprecated-api-requested",
        apply: deprecated_api_requested,
        check: "KubeVirtDeprecatedAPIRequested",
        status: "warning",
        evidence: "virtualmachines.v1alpha3.kubevirt.io: 37 requests this hour",
    },
    Scenario {
        name: "cnao-nmstate-migration",
        apply: cnao_nmstate_handler,
        check: "CnaoNmstateMigration",
        status: "warning",
        evidence: "DaemonSet openshift-cnv/nmstate-handler deployed by CNAO",
    },
    Scenario {
        name: "duplicate-vm-macs",
        apply: duplicate_vm_macs,
        check: "KubeMacPoolDuplicateMacsFound",
        status: "warning",
        evidence: "MAC 02:8e:00:00:00:2a used by vms/web-a, vms/web-b",
    },
    Scenario {
        name: "drain-blocked",
        apply: drain_blocked,
        check: "NodeDrainReadiness",
        status: "warning",
        evidence: "VMI vms/db-2 on node02: blocks the drain (evictionStrategy LiveMigrate from cluster default, LiveMigratable DisksNotLiveMigratable)",
    },
    Scenario {
        name: "vmi-cannot-be-evicted",
        apply: vmi_not_migratable,
        check: "VMCannotBeEvicted",
        status: "warning",
        evidence: "PVC db-1-rootdisk is not shared, live migration requires that all PVCs must be shared",
    },
    Scenario {
        name: "vmi-excessive-migrations",
        apply: excessive_migrations,
        check: "KubeVirtVMIExcessiveMigrations",
        status: "warning",
        evidence: "VMI vms/web-1: at least 6 migrations in 24h (eviction,",
    },
    Scenario {
        name: "vm-stuck-unschedulable",
        apply: vm_unschedulable,
        check: "KubeVirtVMStuckInErrorState",
        status: "warning",
        evidence: "ErrorUnschedulable for 20m (PodNotReady); VMI Scheduling, PodScheduled=False Unschedulable: 0/2 nodes are available",
    },
    Scenario {
        name: "vm-stuck-migrating",
        apply: vm_migrating,
        check: "KubeVirtVMStuckInMigratingState",
        status: "warning",
        evidence: "VM vms/big-mem: Migrating for 30m; VMI Running on node01; migration node01 -> node02",
    },
    Scenario {
        name: "vm-stuck-provisioning",
        apply: vm_provisioning,
        check: "KubeVirtVMStuckInStartingState",
        status: "warning",
        evidence: "no VMI; DataVolume rhel9-root ImportInProgress (Error: Unable to connect to http data source",
    },
    Scenario {
        name: "vm-unhealthy-without-vmi",
        apply: vm_provisioning,
        check: "VirtualMachineStuckInUnhealthyState",
        status: "warning",
        evidence: "VM vms/rhel9: Provisioning for 40m (VMINotExists: VMI does not exist); no VMI",
    },
    Scenario {
        name: "vm-stuck-stopping-on-node",
        apply: vm_stopping_on_node,
        check: "VirtualMachineStuckOnNode",
        status: "warning",
        evidence: "VM vms/legacy-app: Stopping for 25m (PodNotReady); VMI Running on node02",
    },
    Scenario {
        name: "outdated-launchers",
        apply: outdated_launchers,
        check: "OutdatedVirtualMachineInstanceWorkloads",
        status: "warning",
        evidence: "VMI vms/db-legacy on node01: LiveMigratable false; virtctl restart db-legacy -n vms",
    },
    Scenario {
        name: "guest-panics",
        apply: guest_panics,
        check: "VMNonRecoverableOSPanic",
        status: "critical",
        evidence: "VMI vms/win-app: 7 guest panic(s): The guest OS has panicked: hyper-v crash, bug check code 0x000000d1",
    },
    Scenario {
        name: "cluster-guest-panics",
        apply: guest_panics,
        check: "ClusterVMPanicDetected",
        status: "warning",
        evidence: "VMI vms/win-app: 7 guest panic(s)",
    },
    Scenario {
        name: "deprecated-machine-type",
        apply: deprecated_machine_type,
        check: "DeprecatedMachineType",
        status: "warning",
        evidence: "VM vms/old-rhel7: machine type pc-q35-rhel7.6.0 unsupported on all nodes",
    },
    Scenario {
        name: "guest-filesystem-full",
        apply: guest_filesystem_full,
        check: "GuestFilesystemAlmostOutOfSpace",
        status: "critical",
        evidence: "VMI vms/db-1: / (xfs, disk vda4) 97% full",
    },
    Scenario {
        name: "ephemeral-hotplug-volume",
        apply: ephemeral_hotplug_volume,
        check: "VirtualMachineInstanceHasEphemeralHotplugVolume",
        status: "warning",
        evidence: "VMI vms/build-agent: ephemeral hotplug volumes scratch-disk",
    },
    Scenario {
        name: "windows-rbd-without-rxbounce",
        apply: windows_rbd_without_rxbounce,
        check: "VMStorageClassWarning",
        status: "warning",
        evidence: "VMI vms/win2k22: PVC win2k22-root (PV pvc-6c1e0f7a) is RBD block without krbd:rxbounce",
    },
    Scenario {
        name: "kubevirt-component-exceeds-cpu",
        apply: |o, n| component_usage(o, n, "virt-handler", "850m", "120Mi"),
        check: "KubeVirtComponentExceedsRequestedCPU",
        status: "warning",
        evidence: "virt-handler-x7k2p container virt-handler: uses 850m, requests 10m",
    },
    Scenario {
        name: "kubevirt-component-exceeds-memory",
        apply: |o, n| component_usage(o, n, "virt-api", "5m", "310Mi"),
        check: "KubeVirtComponentExceedsRequestedMemory",
        status: "warning",
        evidence: "container virt-api: uses 310Mi, requests 150Mi",
    },
    Scenario {
        name: "vm-memory-near-request",
        apply: vm_memory_near_request,
        check: "KubevirtVmHighMemoryUsage",
        status: "warning",
        evidence: "Pod vms/virt-launcher-cache-1-x2v9q: 8 MiB headroom below the memory request",
    },
    Scenario {
        name: "node-cpu-busy",
        apply: node_cpu_busy,
        check: "HighCPUWorkload",
        status: "warning",
        evidence: "Node node02: CPU 96%",
    },
    Scenario {
        name: "guest-vcpu-queue-critical",
        apply: |o, n| {
            firing(
                o,
                n,
                "GuestVCPUQueueHighCritical",
                "critical",
                json!({"namespace": VMS, "name": "db-1"}),
            )
        },
        check: "GuestVCPUQueueHighCritical",
        status: "critical",
        evidence: "Alert GuestVCPUQueueHighCritical firing since",
    },
    Scenario {
        name: "guest-vcpu-queue-warning",
        apply: |o, n| {
            firing(
                o,
                n,
                "GuestVCPUQueueHighWarning",
                "warning",
                json!({"namespace": VMS, "name": "db-1"}),
            )
        },
        check: "GuestVCPUQueueHighWarning",
        status: "warning",
        evidence: ": namespace=vms, name=db-1",
    },
    Scenario {
        name: "guest-memory-available-low",
        apply: |o, n| {
            firing(
                o,
                n,
                "KubeVirtVMGuestMemoryAvailableLow",
                "info",
                json!({"namespace": VMS, "name": "db-1"}),
            )
        },
        check: "KubeVirtVMGuestMemoryAvailableLow",
        status: "warning",
        evidence: "Alert KubeVirtVMGuestMemoryAvailableLow firing since",
    },
    Scenario {
        name: "guest-memory-pressure",
        apply: |o, n| {
            firing(
                o,
                n,
                "KubeVirtVMGuestMemoryPressure",
                "warning",
                json!({"namespace": VMS, "name": "db-1"}),
            )
        },
        check: "KubeVirtVMGuestMemoryPressure",
        status: "warning",
        evidence: "Alert KubeVirtVMGuestMemoryPressure firing since",
    },
    Scenario {
        name: "node-cpu-frequency-high",
        apply: |o, n| {
            firing(
                o,
                n,
                "HighNodeCPUFrequency",
                "warning",
                json!({"instance": "node01", "cpu": "3"}),
            )
        },
        check: "HighNodeCPUFrequency",
        status: "warning",
        evidence: ": instance=node01, cpu=3",
    },
    Scenario {
        name: "node-interface-down",
        apply: |o, n| {
            firing(
                o,
                n,
                "NodeNetworkInterfaceDown",
                "warning",
                json!({"instance": "node02", "device": "ens4"}),
            )
        },
        check: "NodeNetworkInterfaceDown",
        status: "warning",
        evidence: ": instance=node02, device=ens4",
    },
    Scenario {
        name: "persistent-volume-filling-up",
        apply: |o, n| {
            firing(
                o,
                n,
                "PersistentVolumeFillingUp",
                "warning",
                json!({"namespace": VMS, "persistentvolumeclaim": "db-1-data"}),
            )
        },
        check: "PersistentVolumeFillingUp",
        status: "warning",
        evidence: ": namespace=vms, persistentvolumeclaim=db-1-data",
    },
];

fn matches_workload(o: &Value, workload: &str) -> bool {
    o["kind"] == "Pod"
        && o["metadata"]["namespace"] == NS
        && o["metadata"]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with(&format!("{workload}-")))
}

fn workload_pods<'a>(objs: &'a mut [Value], workload: &'a str) -> impl Iterator<Item = &'a mut Value> + 'a {
    objs.iter_mut()
        .filter(move |o| matches_workload(o, workload) && owner_is(o, workload))
}

/// Pod names are `<workload>-<hash>-<suffix>` (Deployments) or `<workload>-<suffix>`
/// (DaemonSets); `virt-api` must not match `virt-api-foo-bar` of another workload.
fn owner_is(pod: &Value, workload: &str) -> bool {
    let name = pod["metadata"]["name"].as_str().unwrap_or("");
    let rest = &name[workload.len() + 1..];
    rest.split('-').count() <= 2
}

fn set_ready(pod: &mut Value, ready: bool, since: &str) {
    if let Some(conds) = pod["status"]["conditions"].as_array_mut() {
        for c in conds
            .iter_mut()
            .filter(|c| c["type"] == "Ready" || c["type"] == "ContainersReady")
        {
            c["status"] = json!(if ready { "True" } else { "False" });
            c["lastTransitionTime"] = json!(since);
        }
    }
    if let Some(cs) = pod["status"]["containerStatuses"].as_array_mut() {
        for c in cs {
            c["ready"] = json!(ready);
        }
    }
}

/// The pod crash-loops: Running, not ready, 7 restarts, last terminated OOMKilled.
pub fn crash_loop(pod: &mut Value, since: &str) {
    set_ready(pod, false, since);
    if let Some(cs) = pod["status"]["containerStatuses"].as_array_mut() {
        for c in cs {
            c["restartCount"] = json!(7);
            c["state"] = json!({"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container"}});
            c["lastState"] = json!({"terminated": {"reason": "OOMKilled", "exitCode": 137, "finishedAt": since}});
        }
    }
}

fn set_available(objs: &mut [Value], kind: &str, name: &str, ok: bool, since: &str) {
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == kind && o["metadata"]["name"] == name)
    {
        if let Some(conds) = o["status"]["conditions"].as_array_mut() {
            for c in conds.iter_mut().filter(|c| c["type"] == "Available") {
                c["status"] = json!(if ok { "True" } else { "False" });
                c["lastTransitionTime"] = json!(since);
                c["reason"] = json!(if ok {
                    "MinimumReplicasAvailable"
                } else {
                    "MinimumReplicasUnavailable"
                });
            }
        }
    }
}

/// No pod of the workload runs: all Pending with ImagePullBackOff since `secs` ago.
pub fn not_running(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    for pod in workload_pods(objs, workload) {
        pod["status"]["phase"] = json!("Pending");
        set_ready(pod, false, &since);
        if let Some(cs) = pod["status"]["containerStatuses"].as_array_mut() {
            for c in cs {
                c["state"] = json!({"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}});
            }
        }
    }
    set_available(objs, "Deployment", workload, false, &since);
    let event = warning_event(
        NS,
        workload,
        "Pod",
        "Failed",
        "Failed to pull image: manifest unknown",
        &since,
    );
    objs.push(event);
}

/// Every pod of the workload runs but crash-loops (not ready).
pub fn not_ready(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    for pod in workload_pods(objs, workload) {
        crash_loop(pod, &since);
    }
    set_available(objs, "Deployment", workload, false, &since);
}

/// One of the workload's pods is Pending, unschedulable.
pub fn one_pending(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    let found = workload_pods(objs, workload).next().map(|pod| {
        pod["status"]["phase"] = json!("Pending");
        pod["spec"]["nodeName"] = Value::Null;
        // never bound: no node, so no addresses either
        if let Some(status) = pod["status"].as_object_mut() {
            for key in ["hostIP", "hostIPs", "podIP", "podIPs"] {
                status.remove(key);
            }
        }
        set_ready(pod, false, &since);
        pod["status"]["conditions"][0] = json!({"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
            "message": "0/3 nodes are available: 1 node(s) had untolerated taint, 2 Insufficient memory.", "lastTransitionTime": since});
        let name = pod["metadata"]["name"].as_str().unwrap_or("").to_string();
        warning_event(NS, &name, "Pod", "FailedScheduling", "0/3 nodes are available: 2 Insufficient memory.", &since)
    });
    objs.extend(found);
}

/// One of the workload's pods runs but is not ready.
pub fn one_not_ready(objs: &mut Vec<Value>, workload: &str, now: &str, secs: i64) {
    let since = ago(now, secs);
    let found = workload_pods(objs, workload).next().map(|pod| {
        set_ready(pod, false, &since);
        let name = pod["metadata"]["name"].as_str().unwrap_or("").to_string();
        warning_event(
            NS,
            &name,
            "Pod",
            "Unhealthy",
            "Readiness probe failed: HTTP probe failed with statuscode: 500",
            &since,
        )
    });
    objs.extend(found);
}

/// The leader Lease was last renewed an hour ago.
pub fn stale_lease(objs: &mut [Value], name: &str, now: &str) {
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "Lease" && o["metadata"]["name"] == name)
    {
        o["spec"]["renewTime"] = json!(ago(now, 3600));
    }
}

pub fn remove(objs: &mut Vec<Value>, kind: &str, name: &str) {
    objs.retain(|o| !(o["kind"] == kind && o["metadata"]["name"] == name));
}

/// Every pod of the workload logs API-server failures.
pub fn api_failures_logged(objs: &mut [Value], workload: &str) {
    let lines: Vec<String> = (0..12)
        .map(|i| format!("{{\"level\":\"error\",\"msg\":\"Get \\\"https://172.30.0.1:443/api\\\": dial tcp 172.30.0.1:443: connect: connection refused\",\"pos\":\"reflector.go:{i}\"}}"))
        .collect();
    for pod in workload_pods(objs, workload) {
        pod["metadata"]["annotations"][crate::podlog::LOG_ANNOTATION] = json!(lines.join("\n"));
    }
}

pub fn warning_event(ns: &str, object: &str, kind: &str, reason: &str, message: &str, at: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Event",
           "metadata": {"name": format!("{object}.{:x}", object.len() * 7919 + reason.len()), "namespace": ns},
           "involvedObject": {"kind": kind, "name": object, "namespace": ns},
           "reason": reason, "message": message, "type": "Warning", "count": 3,
           "firstTimestamp": at, "lastTimestamp": at})
}

fn failed_launchers(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 3600);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "migration-loop"}}));
    for i in 0..210 {
        let mut pod = crate::openshift_virt::pod(
            "migration-loop",
            &format!("virt-launcher-loop-{i:03}"),
            json!({"kubevirt.io": "virt-launcher"}),
            "node02",
            &at,
        );
        pod["status"]["phase"] = json!("Failed");
        pod["status"]["containerStatuses"][0]["state"] =
            json!({"terminated": {"reason": "Error", "exitCode": 1, "finishedAt": at}});
        set_ready(&mut pod, false, &at);
        objs.push(pod);
    }
}

fn handler_rollout(objs: &mut Vec<Value>, now: &str) {
    one_pending(objs, "virt-handler", now, 3600);
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "DaemonSet" && o["metadata"]["name"] == "virt-handler")
    {
        o["status"]["numberReady"] = json!(1);
        o["status"]["numberUnavailable"] = json!(1);
    }
}

fn orphaned_vmis(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 3600);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "orphans"}}));
    let mut launcher = crate::openshift_virt::pod(
        "orphans",
        "virt-launcher-lost-vm-abcde",
        json!({"kubevirt.io": "virt-launcher"}),
        "node02",
        &at,
    );
    launcher["metadata"]["annotations"] = json!({"kubevirt.io/domain": "lost-vm"});
    objs.push(launcher);
    objs.retain(|o| {
        !(o["kind"] == "Pod"
            && o["metadata"]["namespace"] == NS
            && o["spec"]["nodeName"] == "node02"
            && o["metadata"]["labels"]["kubevirt.io"] == "virt-handler")
    });
    // The cause, as the runbook's first one: a workloads placement that leaves node02 out. Without
    // it the DaemonSet controller puts a new handler pod on node02 (a race with doctor's lists).
    for ds in objs.iter_mut() {
        if ds["kind"] == "DaemonSet" && ds["metadata"]["name"] == "virt-handler" {
            ds["spec"]["template"]["spec"]["nodeSelector"] = json!({"kubernetes.io/hostname": "node01"});
        }
    }
}

fn cdi_not_ready(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 1800);
    for o in objs.iter_mut().filter(|o| o["kind"] == "CDI") {
        o["status"]["phase"] = json!("Error");
        o["status"]["conditions"] = json!([
            {"type": "Available", "status": "False", "reason": "Degraded", "message": "cdi-deployment is not ready", "lastTransitionTime": since},
            {"type": "Progressing", "status": "False", "reason": "", "message": "", "lastTransitionTime": since},
            {"type": "Degraded", "status": "True", "reason": "Degraded", "message": "cdi-deployment is not ready", "lastTransitionTime": since}]);
    }
    not_ready(objs, "cdi-deployment", now, 1800);
}

fn importer_restarts(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 1800);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "imports"}}));
    objs.push(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume", "metadata": {"name": "rhel9", "namespace": "imports"},
        "spec": {"source": {"http": {"url": "https://example.invalid/rhel9.qcow2"}}, "storage": {}},
        "status": {"phase": "ImportInProgress", "progress": "N/A", "restartCount": 5,
                   "conditions": [{"type": "Running", "status": "False", "reason": "Error", "message": "Unable to connect to http data source: expected status code 200, got 404"}]}}));
    let mut pod = crate::openshift_virt::pod(
        "imports",
        "importer-prime-rhel9",
        json!({"app": "containerized-data-importer"}),
        "node01",
        &at,
    );
    pod["metadata"]["annotations"] = json!({"cdi.kubevirt.io/storage.import.importPodName": "importer-prime-rhel9"});
    pod["spec"]["containers"][0]["name"] = json!("importer");
    pod["status"]["containerStatuses"][0]["name"] = json!("importer");
    crash_loop(&mut pod, &at);
    pod["status"]["containerStatuses"][0]["restartCount"] = json!(5);
    pod["status"]["containerStatuses"][0]["lastState"]["terminated"]["reason"] = json!("Error");
    pod["status"]["containerStatuses"][0]["lastState"]["terminated"]["message"] =
        json!("Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found");
    objs.push(pod);
}

fn incomplete_profile(objs: &mut Vec<Value>, _now: &str) {
    objs.push(
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "nfs-client"},
                     "provisioner": "k8s-sigs.io/nfs-subdir-external-provisioner"}),
    );
    objs.push(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "StorageProfile", "metadata": {"name": "nfs-client"},
                     "spec": {}, "status": {"storageClass": "nfs-client", "provisioner": "k8s-sigs.io/nfs-subdir-external-provisioner"}}));
}

fn cron_outdated(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 3 * 3600);
    for o in objs.iter_mut().filter(|o| o["kind"] == "DataImportCron") {
        o["status"]["conditions"] = json!([{"type": "UpToDate", "status": "False", "reason": "ImportFailed",
            "message": "Import failed: unable to pull image: unauthorized", "lastTransitionTime": since}]);
    }
}

fn strip_default_annotations(objs: &mut [Value]) {
    for o in objs.iter_mut().filter(|o| o["kind"] == "StorageClass") {
        o["metadata"]["annotations"] = json!({});
    }
}

fn no_default_class(objs: &mut Vec<Value>, now: &str) {
    strip_default_annotations(objs);
    objs.push(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume", "metadata": {"name": "pending-dv", "namespace": IMAGES_NS,
        "creationTimestamp": ago(now, 1800)},
        "spec": {"source": {"blank": {}}, "storage": {"resources": {"requests": {"storage": "1Gi"}}}},
        "status": {"phase": "Pending"}}));
}

fn two_virt_defaults(objs: &mut Vec<Value>, _now: &str) {
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "StorageClass" && o["metadata"]["name"] == "hostpath-csi")
    {
        o["metadata"]["annotations"]["storageclass.kubevirt.io/is-default-virt-class"] = json!("true");
    }
}

fn default_class_degraded(objs: &mut Vec<Value>, _now: &str) {
    strip_default_annotations(objs);
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "StorageClass" && o["metadata"]["name"] == "hostpath-csi")
    {
        o["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"] = json!("true");
    }
}

/// The CR's Available condition is False and Degraded True for 30 minutes.
pub fn cr_unavailable(objs: &mut [Value], kind: &str, now: &str) {
    let since = ago(now, 1800);
    for o in objs.iter_mut().filter(|o| o["kind"] == kind) {
        o["status"]["conditions"] = json!([
            {"type": "Available", "status": "False", "reason": "Failing", "message": format!("DaemonSet \"{NS}/bridge-marker\" rollout is not making progress - pod bridge-marker-x7k2p is in CrashLoopBackOff"), "lastTransitionTime": since},
            {"type": "Progressing", "status": "False", "reason": "Failing", "message": "", "lastTransitionTime": since},
            {"type": "Degraded", "status": "True", "reason": "Failing", "message": "reconcile failed: failed to update resource", "lastTransitionTime": since}]);
        if o["status"].get("phase").is_some() {
            o["status"]["phase"] = json!("Deploying");
        }
    }
}

fn mac_collision(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 600);
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "macs"}}));
    for name in ["web-a", "web-b"] {
        let mut vmi = crate::fixtures::vmi("macs", name);
        vmi["status"] = json!({"phase": "Running", "nodeName": "node01",
            "interfaces": [{"name": "default", "mac": "02:8e:00:00:00:2a"}],
            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": at}]});
        vmi["metadata"]["finalizers"] = json!([]);
        objs.push(vmi);
    }
}

fn log_lines(objs: &mut [Value], workload: &str, lines: &[String]) {
    for pod in workload_pods(objs, workload) {
        pod["metadata"]["annotations"][crate::podlog::LOG_ANNOTATION] = json!(lines.join("\n"));
    }
}

fn rejected_vms(objs: &mut Vec<Value>, _now: &str) {
    let lines: Vec<String> = (0..4)
        .map(|i| format!("{{\"level\":\"info\",\"msg\":\"validation failed for VM rhel-{i}: minimal-required-memory applied: FAIL, value 1073741824 is lower than minimum [2147483648], succeeded=false\"}}"))
        .collect();
    log_lines(objs, "virt-template-validator", &lines);
}

fn templates_reverted(objs: &mut Vec<Value>, _now: &str) {
    let lines =
        vec!["{\"level\":\"info\",\"msg\":\"Changes reverted in common template: rhel9-server-small\"}".to_string()];
    log_lines(objs, "ssp-operator", &lines);
}

fn hpp_shares_os(objs: &mut Vec<Value>, _now: &str) {
    let lines = vec!["I0101 10:00:00.000000 1 hostpath.go:120] pool local (/var/hpvolumes) shares path with OS, which can lead to node disk pressure".to_string()];
    log_lines(objs, "hostpath-provisioner-csi", &lines);
}

fn hco_overwritten(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 120);
    let mut e = warning_event(
        NS,
        "kubevirt-hyperconverged",
        "HyperConverged",
        "Overwritten",
        "Overwritten KubeVirt kubevirt-kubevirt-hyperconverged",
        &at,
    );
    e["type"] = json!("Normal");
    objs.push(e);
}

fn hco_jsonpatch(objs: &mut Vec<Value>, _now: &str) {
    for o in objs.iter_mut().filter(|o| o["kind"] == "HyperConverged") {
        o["metadata"]["annotations"] = json!({"kubevirt.kubevirt.io/jsonpatch":
            "[{\"op\":\"add\",\"path\":\"/spec/configuration/migrations\",\"value\":{\"allowPostCopy\":true}}]"});
    }
}

fn hco_unhealthy(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 1800);
    for o in objs.iter_mut().filter(|o| o["kind"] == "HyperConverged") {
        o["status"]["systemHealthStatus"] = json!("error");
        if let Some(conds) = o["status"]["conditions"].as_array_mut() {
            for c in conds
                .iter_mut()
                .filter(|c| c["type"] == "Available" || c["type"] == "Degraded")
            {
                c["status"] = json!(if c["type"] == "Available" { "False" } else { "True" });
                c["reason"] = json!("CDIDegraded");
                c["message"] = json!("CDI is degraded: cdi-deployment is not ready");
                c["lastTransitionTime"] = json!(since);
            }
        }
    }
}

/// Node objects of the simulator's base (created by the simulator itself) are edited through
/// copies added here; [`crate::openshift_virt::load`] replaces existing objects.
fn base_node(name: &str) -> Value {
    crate::fixtures::node(
        name,
        if name == "node01" {
            "192.168.66.101"
        } else {
            "192.168.66.102"
        },
    )
}

fn low_kvm(objs: &mut Vec<Value>, _now: &str) {
    let mut n = base_node("node02");
    n["status"]["allocatable"]["devices.kubevirt.io/kvm"] = json!("0");
    n["status"]["capacity"]["devices.kubevirt.io/kvm"] = json!("0");
    objs.push(n);
}

fn no_schedulable_nodes(objs: &mut Vec<Value>, _now: &str) {
    for name in ["node01", "node02"] {
        let mut n = base_node(name);
        n["spec"]["unschedulable"] = json!(true);
        objs.push(n);
    }
}

fn control_plane_down(objs: &mut Vec<Value>, now: &str) {
    let since = ago(now, 900);
    for o in objs
        .iter_mut()
        .filter(|o| o["kind"] == "Node" && o["metadata"]["name"] == crate::openshift_virt::MASTER)
    {
        o["status"]["conditions"] = json!([{"type": "Ready", "status": "Unknown", "reason": "NodeStatusUnknown",
            "message": "Kubelet stopped posting node status.", "lastTransitionTime": since, "lastHeartbeatTime": since}]);
    }
}

fn maintenance_stuck(objs: &mut Vec<Value>, now: &str) {
    let mut n = base_node("node02");
    n["spec"]["unschedulable"] = json!(true);
    objs.push(n);
    objs.push(
        json!({"apiVersion": "nodemaintenance.medik8s.io/v1beta1", "kind": "NodeMaintenance",
        "metadata": {"name": "node02-maintenance"},
        "spec": {"nodeName": "node02", "reason": "replace disk"},
        "status": {"phase": "Running", "totalpods": 12, "evictionPods": 3, "pendingPods": ["virt-launcher-db-1-abcde"],
                   "lastError": "Cannot evict pod as it would violate the pod's disruption budget.",
                   "drainProgress": 75, "lastUpdate": ago(now, 60)}}),
    );
}

// ---- Every remaining check (issue 5) ----
// One failure per check that the scenarios above did not cover, built as the cluster shows it:
// HCO status, scheduler conditions, events, PodScheduled conditions, and for the checks that only
// Prometheus can decide, a firing alert in the fake monitoring stack (`crate::prometheus`).

/// The namespace of the VM workloads of these scenarios.
pub const VMS: &str = "vms";

fn vms_namespace(objs: &mut Vec<Value>) {
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": VMS}}));
}

fn hyperconverged(objs: &mut [Value]) -> impl Iterator<Item = &mut Value> {
    objs.iter_mut().filter(|o| o["kind"] == "HyperConverged")
}

/// A DataImportCronTemplate as HCO's `spec.dataImportCronTemplates` holds it.
fn cron_template(name: &str, image: &str) -> Value {
    json!({"metadata": {"name": name},
           "spec": {"schedule": "0 */12 * * *", "managedDataSource": name,
                    "template": {"spec": {"source": {"registry": {"url": image}}, "storage": {"resources": {"requests": {"storage": "30Gi"}}}}}}})
}

fn golden_image_without_arch_annotation(objs: &mut Vec<Value>, _now: &str) {
    for h in hyperconverged(objs) {
        h["spec"]["featureGates"]["enableMultiArchBootImageImport"] = json!(true);
        h["spec"]["dataImportCronTemplates"] = json!([cron_template(
            "custom-centos-stream10",
            "docker://quay.io/containerdisks/centos-stream:10"
        )]);
        h["status"]["nodeInfo"]["workloadsArchitectures"] = json!(["amd64", "arm64"]);
    }
}

fn golden_image_unsupported_arch(objs: &mut Vec<Value>, now: &str) {
    let at = ago(now, 3600);
    for h in hyperconverged(objs) {
        let mut t = cron_template("custom-s390x-image", "docker://quay.io/example/s390x-only:latest");
        t["metadata"]["annotations"] = json!({"ssp.kubevirt.io/dict.architectures": "s390x"});
        t["status"] = json!({"commonTemplate": false, "originalSupportedArchitectures": "s390x",
            "conditions": [{"type": "Deployed", "status": "False", "reason": "UnsupportedArchitectures",
                            "message": "DataImportCronTemplate has no supported architectures for the current cluster", "lastTransitionTime": at}]});
        h["status"]["dataImportCronTemplates"] = json!([t]);
    }
}

fn multi_arch_disabled(objs: &mut Vec<Value>, _now: &str) {
    for h in hyperconverged(objs) {
        let mut t = cron_template(
            "centos-stream9-image-cron",
            "docker://quay.io/containerdisks/centos-stream:9",
        );
        t["status"] = json!({"commonTemplate": true});
        h["status"]["dataImportCronTemplates"] = json!([t]);
        h["status"]["nodeInfo"]["workloadsArchitectures"] = json!(["amd64", "arm64"]);
    }
}

fn descheduler_without_kubevirt_profile(objs: &mut Vec<Value>, _now: &str) {
    let ns = "openshift-kube-descheduler-operator";
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}));
    objs.push(
        json!({"apiVersion": "operator.openshift.io/v1", "kind": "KubeDescheduler",
        "metadata": {"name": "cluster", "namespace": ns},
        "spec": {"managementState": "Managed", "deschedulingIntervalSeconds": 3600,
                 "profiles": ["AffinityAndTaints", "TopologyAndDuplicates"]}}),
    );
}

fn wasp_agent_duplicate(objs: &mut Vec<Value>, now: &str) {
    for h in hyperconverged(objs) {
        h["spec"]["higherWorkloadDensity"] = json!({"memoryOvercommitPercentage": 150});
    }
    objs.push(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "wasp"}}));
    let ds = crate::openshift_virt::daemonset("wasp", "wasp-agent", json!({"name": "wasp-agent"}), &ago(now, 7200));
    objs.extend(ds);
}

fn single_stack_ipv6(objs: &mut Vec<Value>, _now: &str) {
    objs.push(json!({"apiVersion": "config.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
        "spec": {"clusterNetwork": [{"cidr": "fd01::/48", "hostPrefix": 64}], "serviceNetwork": ["fd02::/112"], "networkType": "OVNKubernetes"},
        "status": {"clusterNetwork": [{"cidr": "fd01::/48", "hostPrefix": 64}], "serviceNetwork": ["fd02::/112"], "networkType": "OVNKubernetes"}}));
}

fn deprecated_api_requested(objs: &mut Vec<Value>, _now: &str) {
    objs.push(json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "virtualmachines.kubevirt.io"},
        "spec": {"group": "kubevirt.io", "scope": "Namespaced",
                 "names": {"plural": "virtualmachines", "singular": "virtualmachine", "kind": "VirtualMachine"},
                 "versions": [
                     {"name": "v1", "served": true, "storage": true},
                     {"name": "v1alpha3", "served": true, "storage": false, "deprecated": true,
                      "deprecationWarning": "kubevirt.io/v1alpha3 is now deprecated and will be removed in a future release."}]}}));
    objs.push(json!({"apiVersion": "apiserver.openshift.io/v1", "kind": "APIRequestCount",
        "metadata": {"name": "virtualmachines.v1alpha3.kubevirt.io"},
        "spec": {"numberOfUsersToReport": 10},
        "status": {"removedInRelease": "", "requestCount": 412,
                   "currentHour": {"requestCount": 37, "byNode": [{"nodeName": "192.168.66.100", "requestCount": 37,
                       "byUser": [{"username": "system:serviceaccount:ci:vm-creator", "userAgent": "legacy-automation/1.0", "requestCount": 37,
                                   "byVerb": [{"verb": "list", "requestCount": 37}]}]}]}}}));
}

fn cnao_nmstate_handler(objs: &mut Vec<Value>, now: &str) {
    objs.extend(crate::openshift_virt::daemonset(
        NS,
        "nmstate-handler",
        json!({"name": "nmstate-handler"}),
        &ago(now, 86400),
    ));
}

fn duplicate_vm_macs(objs: &mut Vec<Value>, _now: &str) {
    vms_namespace(objs);
    for name in ["web-a", "web-b"] {
        let mut vm = crate::fixtures::vm(VMS, name, "Halted");
        vm["spec"]["template"]["spec"]["domain"]["devices"]["interfaces"][0]["macAddress"] = json!("02:8E:00:00:00:2A");
        vm["status"] = json!({"printableStatus": "Stopped", "runStrategy": "Halted"});
        objs.push(vm);
    }
}

/// A running VMI (no owning VM) on `node`, whose disk is a ReadWriteOnce PVC: not live-migratable.
fn rwo_vmi(name: &str, node: &str, since: &str) -> Value {
    let mut vmi = crate::fixtures::vmi(VMS, name);
    vmi["metadata"]["finalizers"] = json!([]);
    vmi["status"] = json!({"phase": "Running", "nodeName": node,
        "conditions": [
            {"type": "Ready", "status": "True", "lastTransitionTime": since},
            {"type": "LiveMigratable", "status": "False", "reason": "DisksNotLiveMigratable",
             "message": format!("cannot migrate VMI: PVC {name}-rootdisk is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)"),
             "lastTransitionTime": since}]});
    vmi
}

fn vmi_not_migratable(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    objs.push(rwo_vmi("db-1", "node01", &ago(now, 3600)));
}

fn drain_blocked(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let mut n = base_node("node02");
    n["spec"]["unschedulable"] = json!(true);
    n["spec"]["taints"] =
        json!([{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": ago(now, 600)}]);
    objs.push(n);
    objs.push(rwo_vmi("db-2", "node02", &ago(now, 3600)));
}

fn excessive_migrations(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let mut vmi = crate::fixtures::vmi(VMS, "web-1");
    vmi["metadata"]["finalizers"] = json!([]);
    vmi["status"] = json!({"phase": "Running", "nodeName": "node01",
        "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": ago(now, 600)},
                       {"type": "LiveMigratable", "status": "True", "lastTransitionTime": ago(now, 86400)}]});
    objs.push(vmi);
    for i in 0..6 {
        let done = ago(now, 3600 * (i + 1));
        let mut m = crate::fixtures::migration(VMS, &format!("kubevirt-evacuation-{i:x}k2p9"), "web-1");
        m["metadata"]["generateName"] = json!("kubevirt-evacuation-");
        m["status"] = json!({"phase": "Succeeded",
            "phaseTransitionTimestamps": [{"phase": "Pending", "phaseTransitionTimestamp": ago(now, 3600 * (i + 1) + 60)},
                                          {"phase": "Succeeded", "phaseTransitionTimestamp": done}]});
        objs.push(m);
    }
}

/// A VM (run strategy Always) with its VMI, owned as virt-controller would own it.
fn vm_with_vmi(name: &str, vm_status: Value, vmi_status: Value) -> (Value, Value) {
    let mut vm = crate::fixtures::vm(VMS, name, "Always");
    vm["status"] = vm_status;
    let mut vmi = crate::fixtures::vmi(VMS, name);
    vmi["metadata"]["ownerReferences"] = json!([{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "name": name,
        "controller": true, "blockOwnerDeletion": true}]);
    vmi["status"] = vmi_status;
    (vm, vmi)
}

fn vm_unschedulable(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let since = ago(now, 1200);
    let (vm, mut vmi) = vm_with_vmi(
        "gpu-1",
        json!({"printableStatus": "ErrorUnschedulable", "runStrategy": "Always", "created": true,
               "conditions": [{"type": "Ready", "status": "False", "reason": "PodNotReady", "lastTransitionTime": since}]}),
        json!({"phase": "Scheduling",
               "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                               "message": "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", "lastTransitionTime": since}]}),
    );
    vmi["spec"]["nodeSelector"] = json!({"nvidia.com/gpu.present": "true"});
    let mut vm = vm;
    vm["spec"]["template"]["spec"]["nodeSelector"] = json!({"nvidia.com/gpu.present": "true"});
    objs.push(vm);
    objs.push(vmi);
}

fn vm_migrating(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let started = ago(now, 1800);
    let (vm, vmi) = vm_with_vmi(
        "big-mem",
        json!({"printableStatus": "Migrating", "runStrategy": "Always", "created": true, "ready": true,
               "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": started}]}),
        json!({"phase": "Running", "nodeName": "node01",
               "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": ago(now, 86400)},
                              {"type": "LiveMigratable", "status": "True", "lastTransitionTime": ago(now, 86400)}],
               "migrationState": {"migrationUid": "5f0c1a52-4c1b-4c7e-9a51-0d2f1e6a9b11", "sourceNode": "node01", "targetNode": "node02",
                                  "startTimestamp": started, "mode": "PreCopy", "completed": false, "failed": false}}),
    );
    objs.push(vm);
    objs.push(vmi);
}

fn vm_provisioning(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let since = ago(now, 2400);
    objs.push(json!({"apiVersion": "cdi.kubevirt.io/v1beta1", "kind": "DataVolume", "metadata": {"name": "rhel9-root", "namespace": VMS},
        "spec": {"source": {"http": {"url": "https://example.invalid/rhel9.qcow2"}}, "storage": {"resources": {"requests": {"storage": "30Gi"}}}},
        "status": {"phase": "ImportInProgress", "progress": "N/A", "restartCount": 4,
                   "conditions": [{"type": "Running", "status": "False", "reason": "Error",
                                   "message": "Unable to connect to http data source: expected status code 200, got 404", "lastTransitionTime": since}]}}));
    let mut vm = crate::fixtures::vm(VMS, "rhel9", "Always");
    vm["spec"]["template"]["spec"]["volumes"][0] =
        json!({"name": "containerdisk", "dataVolume": {"name": "rhel9-root"}});
    vm["status"] = json!({"printableStatus": "Provisioning", "runStrategy": "Always",
        "conditions": [{"type": "Ready", "status": "False", "reason": "VMINotExists", "message": "VMI does not exist", "lastTransitionTime": since}]});
    objs.push(vm);
}

fn vm_stopping_on_node(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let since = ago(now, 1500);
    let (mut vm, vmi) = vm_with_vmi(
        "legacy-app",
        json!({"printableStatus": "Stopping", "runStrategy": "Halted", "created": true,
               "conditions": [{"type": "Ready", "status": "False", "reason": "PodNotReady", "lastTransitionTime": since}]}),
        json!({"phase": "Running", "nodeName": "node02",
               "conditions": [{"type": "Ready", "status": "False", "reason": "PodTerminating", "lastTransitionTime": since},
                              {"type": "LiveMigratable", "status": "True", "lastTransitionTime": ago(now, 86400)}]}),
    );
    vm["spec"]["runStrategy"] = json!("Halted");
    objs.push(vm);
    objs.push(vmi);
}

fn outdated_launchers(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let update_done = ago(now, 2 * 86400);
    for o in objs.iter_mut().filter(|o| o["kind"] == "KubeVirt") {
        o["status"]["outdatedVirtualMachineInstanceWorkloads"] = json!(1);
        if let Some(conds) = o["status"]["conditions"].as_array_mut() {
            for c in conds.iter_mut().filter(|c| c["type"] == "Progressing") {
                c["lastTransitionTime"] = json!(update_done);
            }
        }
    }
    let mut vmi = rwo_vmi("db-legacy", "node01", &ago(now, 5 * 86400));
    vmi["metadata"]["labels"]["kubevirt.io/outdatedLauncherImage"] = json!("");
    objs.push(vmi);
}

fn guest_panics(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let at = ago(now, 900);
    let mut vmi = crate::fixtures::vmi(VMS, "win-app");
    vmi["metadata"]["finalizers"] = json!([]);
    vmi["status"] = json!({"phase": "Running", "nodeName": "node01",
        "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": at}]});
    objs.push(vmi);
    let mut e = warning_event(
        VMS,
        "win-app",
        "VirtualMachineInstance",
        "GuestPanicked",
        "The guest OS has panicked: hyper-v crash, bug check code 0x000000d1",
        &at,
    );
    e["count"] = json!(7);
    e["firstTimestamp"] = json!(ago(now, 6 * 3600));
    objs.push(e);
}

fn deprecated_machine_type(objs: &mut Vec<Value>, _now: &str) {
    vms_namespace(objs);
    for name in crate::openshift_virt::WORKERS {
        let mut n = base_node(name);
        for t in ["pc-q35-rhel9.4.0", "pc-q35-rhel9.2.0", "pc-q35-rhel8.6.0", "q35"] {
            n["metadata"]["labels"][format!("machine-type.node.kubevirt.io/{t}")] = json!("true");
        }
        objs.push(n);
    }
    let mut vm = crate::fixtures::vm(VMS, "old-rhel7", "Halted");
    vm["spec"]["template"]["spec"]["domain"]["machine"]["type"] = json!("pc-q35-rhel7.6.0");
    vm["status"] = json!({"printableStatus": "Stopped", "runStrategy": "Halted"});
    objs.push(vm);
}

fn guest_filesystem_full(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let at = ago(now, 3600);
    let mut vmi = crate::fixtures::vmi(VMS, "db-1");
    vmi["metadata"]["finalizers"] = json!([]);
    vmi["metadata"]["annotations"][crate::guest::GUEST_AGENT_INFO_ANNOTATION] = json!(json!({
        "guestAgentVersion": "8.2.0",
        "fsInfo": {"disks": [
            {"diskName": "vda4", "mountPoint": "/", "fileSystemType": "xfs", "usedBytes": 31_138_512_896u64, "totalBytes": 32_212_254_720u64},
            {"diskName": "vda3", "mountPoint": "/boot", "fileSystemType": "xfs", "usedBytes": 214_958_080u64, "totalBytes": 1_063_256_064u64},
            {"diskName": "vdb", "mountPoint": "/mnt/cidata", "fileSystemType": "iso9660", "usedBytes": 376_832u64, "totalBytes": 376_832u64}]}
    }).to_string());
    vmi["status"] = json!({"phase": "Running", "nodeName": "node01",
        "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": at},
                       {"type": "AgentConnected", "status": "True", "lastTransitionTime": at}]});
    objs.push(vmi);
}

fn ephemeral_hotplug_volume(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let mut vmi = crate::fixtures::vmi(VMS, "build-agent");
    vmi["metadata"]["finalizers"] = json!([]);
    vmi["metadata"]["annotations"]["kubevirt.io/ephemeral-hotplug-volumes"] = json!("scratch-disk");
    vmi["spec"]["volumes"]
        .as_array_mut()
        .expect("volumes")
        .push(json!({"name": "scratch-disk",
        "persistentVolumeClaim": {"claimName": "scratch-disk", "hotpluggable": true}}));
    vmi["status"] = json!({"phase": "Running", "nodeName": "node02",
        "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": ago(now, 3600)}],
        "volumeStatus": [{"name": "scratch-disk", "target": "sda", "phase": "Ready", "reason": "VolumeReady",
                          "hotplugVolume": {"attachPodName": "hp-volume-x8k2q"}}]});
    objs.push(vmi);
}

fn windows_rbd_without_rxbounce(objs: &mut Vec<Value>, now: &str) {
    vms_namespace(objs);
    let class = "ocs-storagecluster-ceph-rbd";
    objs.push(json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": class},
        "provisioner": "openshift-storage.rbd.csi.ceph.com", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate",
        "parameters": {"clusterID": "openshift-storage", "pool": "ocs-storagecluster-cephblockpool", "imageFeatures": "layering"}}));
    objs.push(json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pvc-6c1e0f7a"},
        "spec": {"capacity": {"storage": "60Gi"}, "accessModes": ["ReadWriteMany"], "volumeMode": "Block", "storageClassName": class,
                 "claimRef": {"namespace": VMS, "name": "win2k22-root"},
                 "csi": {"driver": "openshift-storage.rbd.csi.ceph.com", "volumeHandle": "0001-0011-openshift-storage-0000000000000001-6c1e0f7a",
                         "volumeAttributes": {"clusterID": "openshift-storage", "pool": "ocs-storagecluster-cephblockpool", "imageFeatures": "layering"}}},
        "status": {"phase": "Bound"}}));
    objs.push(json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "win2k22-root", "namespace": VMS},
        "spec": {"accessModes": ["ReadWriteMany"], "volumeMode": "Block", "storageClassName": class, "volumeName": "pvc-6c1e0f7a",
                 "resources": {"requests": {"storage": "60Gi"}}},
        "status": {"phase": "Bound", "accessModes": ["ReadWriteMany"], "capacity": {"storage": "60Gi"}}}));
    let mut vmi = crate::fixtures::vmi(VMS, "win2k22");
    vmi["metadata"]["finalizers"] = json!([]);
    vmi["metadata"]["annotations"]["vm.kubevirt.io/os"] = json!("windows2k22");
    vmi["spec"]["volumes"] = json!([{"name": "rootdisk", "persistentVolumeClaim": {"claimName": "win2k22-root"}}]);
    vmi["status"] = json!({"phase": "Running", "nodeName": "node01",
        "guestOSInfo": {"name": "Microsoft Windows", "id": "mswindows", "version": "2022"},
        "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": ago(now, 3600)}]});
    objs.push(vmi);
}

/// A monitoring stack whose Prometheus reports `alert` firing for 20 minutes.
fn firing(objs: &mut Vec<Value>, now: &str, alert: &str, severity: &str, labels: Value) {
    let firing = crate::prometheus::alert(alert, severity, "firing", &ago(now, 1200), labels);
    objs.extend(crate::prometheus::stack("openshift-monitoring", &[firing], &[]));
}

/// metrics-server registered: the aggregated `metrics.k8s.io` API is served, with a sample for
/// every KubeVirt control-plane pod (below its requests) and every node (20% CPU).
pub fn metrics_api(objs: &mut Vec<Value>, now: &str) {
    objs.push(json!({"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": {"name": "v1beta1.metrics.k8s.io"},
        "spec": {"group": "metrics.k8s.io", "version": "v1beta1", "service": {"name": "metrics-server", "namespace": "openshift-monitoring"},
                 "groupPriorityMinimum": 100, "versionPriority": 100},
        "status": {"conditions": [{"type": "Available", "status": "True", "reason": "Passed", "message": "all checks passed", "lastTransitionTime": ago(now, 86400)}]}}));
    let samples: Vec<Value> = objs
        .iter()
        .filter(|o| o["kind"] == "Pod" && o["metadata"]["labels"]["kubevirt.io"].is_string())
        .map(|pod| {
            let containers: Vec<Value> = pod["spec"]["containers"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| json!({"name": c["name"], "usage": {"cpu": "4m", "memory": "120Mi"}}))
                .collect();
            pod_metrics(pod, now, containers)
        })
        .collect();
    objs.extend(samples);
    for node in crate::openshift_virt::WORKERS {
        objs.push(
            json!({"apiVersion": "metrics.k8s.io/v1beta1", "kind": "NodeMetrics", "metadata": {"name": node},
            "timestamp": ago(now, 15), "window": "20s", "usage": {"cpu": "1600m", "memory": "9Gi"}}),
        );
    }
}

fn pod_metrics(pod: &Value, now: &str, containers: Vec<Value>) -> Value {
    json!({"apiVersion": "metrics.k8s.io/v1beta1", "kind": "PodMetrics",
           "metadata": {"name": pod["metadata"]["name"], "namespace": pod["metadata"]["namespace"]},
           "timestamp": ago(now, 15), "window": "20s", "containers": containers})
}

/// Every pod of `workload` uses `cpu` and `memory` (its requests are 10m and 150Mi).
fn component_usage(objs: &mut Vec<Value>, now: &str, workload: &str, cpu: &str, memory: &str) {
    metrics_api(objs, now);
    let names: Vec<String> = workload_pods(objs, workload)
        .map(|p| p["metadata"]["name"].as_str().unwrap_or("").to_string())
        .collect();
    for m in objs
        .iter_mut()
        .filter(|o| o["kind"] == "PodMetrics" && names.iter().any(|n| o["metadata"]["name"] == n.as_str()))
    {
        m["containers"][0]["usage"] = json!({"cpu": cpu, "memory": memory});
    }
}

fn vm_memory_near_request(objs: &mut Vec<Value>, now: &str) {
    metrics_api(objs, now);
    vms_namespace(objs);
    let at = ago(now, 7200);
    let mut launcher = crate::openshift_virt::pod(
        VMS,
        "virt-launcher-cache-1-x2v9q",
        json!({"kubevirt.io": "virt-launcher", "vm.kubevirt.io/name": "cache-1"}),
        "node01",
        &at,
    );
    launcher["spec"]["containers"] = json!([{"name": "compute", "image": "registry.redhat.io/container-native-virtualization/virt-launcher:v4.12.0",
        "resources": {"requests": {"cpu": "100m", "memory": "2259Mi"}, "limits": {"memory": "2259Mi"}}}]);
    launcher["status"]["containerStatuses"][0]["name"] = json!("compute");
    let sample = pod_metrics(
        &launcher,
        now,
        vec![json!({"name": "compute", "usage": {"cpu": "310m", "memory": "2251Mi"}})],
    );
    objs.push(launcher);
    objs.push(sample);
}

fn node_cpu_busy(objs: &mut Vec<Value>, now: &str) {
    metrics_api(objs, now);
    for m in objs
        .iter_mut()
        .filter(|o| o["kind"] == "NodeMetrics" && o["metadata"]["name"] == "node02")
    {
        m["usage"]["cpu"] = json!("7640m");
    }
}
