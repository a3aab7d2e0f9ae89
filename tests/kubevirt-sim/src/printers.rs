//! The printer columns of every kind, the one mechanism of server-side printing: a table of
//! [`Column`]s per kind (name, type, priority, description) names how each cell is read
//! ([`Cell`]). Built-in kinds follow Kubernetes' `pkg/printers/internalversion/printers.go`
//! (always printed wide, as the apiserver's table convertor does); custom resources their CRD's
//! `additionalPrinterColumns` (KubeVirt's `virt-operator/.../components/crds.go`, CDI's
//! kubebuilder markers, OpenShift's CRDs), or the apiextensions default (NAME, AGE) when a CRD
//! declares none; `date` columns are printed as ages as the apiextensions table convertor does.
//! `discovery::table` turns a table into a `meta.k8s.io/v1` Table.

use serde_json::{Value, json};

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    /// the Table's column type: `string`, `integer`, `date`, `boolean`
    pub ty: &'static str,
    /// 0: always shown; 1: `-o wide`
    pub priority: u8,
    pub description: &'static str,
    /// `name` for the object's name column (kubectl's `--show-kind` prefixes it), `quantity`,
    /// `duration`, or empty
    pub format: &'static str,
    /// A CRD column's `jsonPath` as its CRD spells it (empty for built-in printers): the source
    /// of its default description and what its cell must read.
    pub json_path: &'static str,
    pub cell: Cell,
}

impl Column {
    /// The same column with the description the real server sends.
    const fn doc(self, description: &'static str) -> Column {
        Column { description, ..self }
    }

    const fn with_format(self, format: &'static str) -> Column {
        Column { format, ..self }
    }

    /// The same column shown only with `-o wide` (a CRD column's `priority: 1`).
    const fn wide(self) -> Column {
        Column { priority: 1, ..self }
    }
}

/// A CRD's `additionalPrinterColumns` entry: name, type, `jsonPath` (verbatim from the CRD) and
/// how the cell is read. Its description is the apiextensions table convertor's for a column
/// that declares none, built from the same `jsonPath` so the two cannot drift; `.doc()` gives
/// a column the description its CRD declares.
macro_rules! crd {
    ($name:literal, $ty:literal, $json_path:literal, $cell:expr) => {
        Column {
            name: $name,
            ty: $ty,
            priority: 0,
            description: concat!("Custom resource definition column (in JSONPath format): ", $json_path),
            format: "",
            json_path: $json_path,
            cell: $cell,
        }
    };
}

/// How a cell is read from the object.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    /// `metadata.name`
    Name,
    /// the age of `metadata.creationTimestamp` (`5m`)
    Age,
    /// the age of the timestamp at this JSON pointer, null when absent
    Since(&'static str),
    /// the value at this JSON pointer, null when absent
    At(&'static str),
    /// the integer at this JSON pointer, 0 when absent (Go's zero value)
    Int(&'static str),
    /// the number of entries of the array or map at this JSON pointer
    Len(&'static str),
    /// the `status` of the condition of this type, null when absent (a CRD column's
    /// `.status.conditions[?(@.type=='T')].status`)
    Condition(&'static str),
    /// derived from the whole object
    Derived(fn(&Value) -> Value),
}

const fn c(name: &'static str, ty: &'static str, cell: Cell) -> Column {
    Column {
        name,
        ty,
        priority: 0,
        description: "",
        format: "",
        json_path: "",
        cell,
    }
}

const fn wide(name: &'static str, cell: Cell) -> Column {
    Column {
        name,
        ty: "string",
        priority: 1,
        description: "",
        format: "",
        json_path: "",
        cell,
    }
}

/// `ObjectMeta`'s swagger doc of `name`: every Name column's description.
pub const NAME_DESC: &str = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

/// `ObjectMeta`'s swagger doc of `creationTimestamp`: the built-ins' Age column's description.
pub const AGE_DESC: &str = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

const NAME: Column = c("Name", "string", Cell::Name).doc(NAME_DESC).with_format("name");
const AGE: Column = c("Age", "string", Cell::Age).doc(AGE_DESC);
const CREATED_AT: Column = c("Created At", "date", Cell::At("/metadata/creationTimestamp")).doc(AGE_DESC);
/// A CRD's `Age` column (type date).
const CRD_AGE: Column = crd!("Age", "date", ".metadata.creationTimestamp", Cell::Age);
const CONTAINERS: Column =
    wide("Containers", Cell::Derived(containers)).doc("Names of each container in the template.");
const IMAGES: Column =
    wide("Images", Cell::Derived(images)).doc("Images referenced by each container in the template.");
const SELECTOR: Column = wide("Selector", Cell::Derived(selector));

/// A CRD without `additionalPrinterColumns`: apiextensions' default, NAME and AGE (whose
/// description `serveDefaultColumnsIfEmpty` sets to `creationTimestamp`'s doc).
pub const CUSTOM_DEFAULT: &[Column] = &[NAME, CRD_AGE.doc(AGE_DESC)];

pub const POD: &[Column] = &[
    NAME,
    c("Ready", "string", Cell::Derived(pod_ready)).doc("The aggregate readiness state of this pod for accepting traffic."),
    c("Status", "string", Cell::Derived(pod_status)).doc("The aggregate status of the containers in this pod."),
    c("Restarts", "string", Cell::Derived(pod_restarts))
        .doc("The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
    AGE,
    wide("IP", Cell::Derived(pod_ip)),
    wide("Node", Cell::Derived(|o| text_or(o, "/spec/nodeName", "<none>"))),
    wide(
        "Nominated Node",
        Cell::Derived(|o| text_or(o, "/status/nominatedNodeName", "<none>")),
    ),
    wide("Readiness Gates", Cell::Derived(readiness_gates)),
];

/// Events have no leading NAME: it is the last, wide column.
pub const EVENT: &[Column] = &[
    c("Last Seen", "string", Cell::Derived(event_last_seen)),
    c("Type", "string", Cell::At("/type")),
    c("Reason", "string", Cell::At("/reason")),
    c("Object", "string", Cell::Derived(event_object)),
    wide(
        "Subobject",
        Cell::Derived(|o| text_or(o, "/involvedObject/fieldPath", "")),
    ),
    wide("Source", Cell::Derived(event_source)),
    c(
        "Message",
        "string",
        Cell::Derived(|o| json!(o["message"].as_str().unwrap_or("").trim())),
    ),
    wide("First Seen", Cell::Derived(event_first_seen)),
    Column {
        name: "Count",
        ty: "integer",
        priority: 1,
        description: "",
        format: "",
        json_path: "",
        cell: Cell::Derived(event_count),
    },
    wide("Name", Cell::Name).doc(NAME_DESC).with_format("name"),
];

pub const NAMESPACE: &[Column] = &[
    NAME,
    c("Status", "string", Cell::At("/status/phase")).doc("The status of the namespace"),
    AGE,
];

pub const NODE: &[Column] = &[
    NAME,
    c("Status", "string", Cell::Derived(node_status)).doc("The status of the node"),
    c("Roles", "string", Cell::Derived(node_roles)).doc("The roles of the node"),
    AGE,
    c("Version", "string", Cell::At("/status/nodeInfo/kubeletVersion")).doc("Kubelet Version reported by the node."),
    wide("Internal-IP", Cell::Derived(|o| node_address(o, "InternalIP"))),
    wide("External-IP", Cell::Derived(|o| node_address(o, "ExternalIP"))),
    wide(
        "OS-Image",
        Cell::Derived(|o| text_or(o, "/status/nodeInfo/osImage", "<unknown>")),
    ),
    wide(
        "Kernel-Version",
        Cell::Derived(|o| text_or(o, "/status/nodeInfo/kernelVersion", "<unknown>")),
    ),
    wide(
        "Container-Runtime",
        Cell::Derived(|o| text_or(o, "/status/nodeInfo/containerRuntimeVersion", "<unknown>")),
    ),
];

pub const SERVICE: &[Column] = &[
    NAME,
    c("Type", "string", Cell::Derived(service_type)).doc("type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
    c("Cluster-IP", "string", Cell::Derived(|o| text_or(o, "/spec/clusterIPs/0", "<none>")))
        .doc("clusterIP is the IP address of the service and is usually assigned randomly."),
    c("External-IP", "string", Cell::Derived(service_external_ip))
        .doc("externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
    c("Port(s)", "string", Cell::Derived(service_ports)).doc("The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
    AGE,
    wide("Selector", Cell::Derived(|o| json!(format_labels(o.pointer("/spec/selector")))))
        .doc("Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/"),
];

pub const SECRET: &[Column] = &[
    NAME,
    c("Type", "string", Cell::At("/type")).doc("Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
    c("Data", "string", Cell::Len("/data")).doc("Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
    AGE,
];

pub const CONFIG_MAP: &[Column] = &[
    NAME,
    c("Data", "string", Cell::Derived(config_map_data)).doc("Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
    AGE,
];

pub const PERSISTENT_VOLUME_CLAIM: &[Column] = &[
    NAME,
    c("Status", "string", Cell::Derived(pvc_status)).doc("phase represents the current phase of PersistentVolumeClaim."),
    c("Volume", "string", Cell::Derived(|o| text_or(o, "/spec/volumeName", "")))
        .doc("volumeName is the binding reference to the PersistentVolume backing this claim."),
    c("Capacity", "string", Cell::Derived(|o| bound_claim(o, |o| text_or(o, "/status/capacity/storage", ""))))
        .doc("capacity represents the actual resources of the underlying volume."),
    c("Access Modes", "string", Cell::Derived(|o| bound_claim(o, |o| json!(modes_at(o, "/status/accessModes")))))
        .doc("accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
    c("StorageClass", "string", Cell::Derived(pvc_class)).doc("StorageClass of the pvc"),
    c(
        "VolumeAttributesClass",
        "string",
        Cell::Derived(|o| text_or(o, "/spec/volumeAttributesClassName", "<unset>")),
    )
    .doc("VolumeAttributesClass of the pvc"),
    AGE,
    wide("VolumeMode", Cell::Derived(|o| text_or(o, "/spec/volumeMode", "<unset>")))
        .doc("volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec."),
];

pub const DEPLOYMENT: &[Column] = &[
    NAME,
    c("Ready", "string", Cell::Derived(deployment_ready)).doc("Number of the pod with ready state"),
    c("Up-to-date", "string", Cell::Int("/status/updatedReplicas"))
        .doc("Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
    c("Available", "string", Cell::Int("/status/availableReplicas"))
        .doc("Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR.doc("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels."),
];

pub const REPLICA_SET: &[Column] = &[
    NAME,
    c("Desired", "integer", Cell::Derived(desired_replicas)),
    c("Current", "integer", Cell::Int("/status/replicas")),
    c("Ready", "integer", Cell::Int("/status/readyReplicas")),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
];

pub const DAEMON_SET: &[Column] = &[
    NAME,
    c("Desired", "integer", Cell::Int("/status/desiredNumberScheduled")),
    c("Current", "integer", Cell::Int("/status/currentNumberScheduled")),
    c("Ready", "integer", Cell::Int("/status/numberReady")),
    c("Up-to-date", "integer", Cell::Int("/status/updatedNumberScheduled")),
    c("Available", "integer", Cell::Int("/status/numberAvailable")),
    c("Node Selector", "string", Cell::Derived(node_selector)),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
];

pub const JOB: &[Column] = &[
    NAME,
    c("Status", "string", Cell::Derived(job_status)).doc("Status of the job."),
    c("Completions", "string", Cell::Derived(job_completions)),
    c("Duration", "string", Cell::Derived(job_duration)).doc("Time required to complete the job."),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
];

pub const STORAGE_CLASS: &[Column] = &[
    c("Name", "string", Cell::Derived(storage_class_name))
        .doc(NAME_DESC)
        .with_format("name"),
    c("Provisioner", "string", Cell::At("/provisioner")).doc("provisioner indicates the type of the provisioner."),
    c("ReclaimPolicy", "string", Cell::Derived(|o| text_or(o, "/reclaimPolicy", "Delete")))
        .doc("reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
    c("VolumeBindingMode", "string", Cell::Derived(|o| text_or(o, "/volumeBindingMode", "Immediate")))
        .doc("volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature."),
    c("AllowVolumeExpansion", "string", Cell::Derived(|o| flag(o, "/allowVolumeExpansion", false)))
        .doc("allowVolumeExpansion shows whether the storage class allow volume expand."),
    AGE,
];

pub const CSI_DRIVER: &[Column] = &[
    NAME,
    c(
        "AttachRequired",
        "boolean",
        Cell::Derived(|o| flag(o, "/spec/attachRequired", true)),
    ),
    c(
        "PodInfoOnMount",
        "boolean",
        Cell::Derived(|o| flag(o, "/spec/podInfoOnMount", false)),
    ),
    c(
        "StorageCapacity",
        "boolean",
        Cell::Derived(|o| flag(o, "/spec/storageCapacity", false)),
    ),
    c("TokenRequests", "string", Cell::Derived(csi_token_requests)),
    c(
        "RequiresRepublish",
        "boolean",
        Cell::Derived(|o| flag(o, "/spec/requiresRepublish", false)),
    ),
    c("Modes", "string", Cell::Derived(csi_modes)),
    AGE,
];

pub const SERVICE_ACCOUNT: &[Column] = &[NAME, c("Secrets", "string", Cell::Len("/secrets")), AGE];

pub const ENDPOINTS: &[Column] = &[NAME, c("Endpoints", "string", Cell::Derived(endpoints)), AGE];

pub const LEASE: &[Column] = &[NAME, c("Holder", "string", Cell::At("/spec/holderIdentity")), AGE];

pub const ROLE: &[Column] = &[NAME, CREATED_AT];

pub const ROLE_BINDING: &[Column] = &[
    NAME,
    c("Role", "string", Cell::Derived(role_ref)),
    AGE,
    wide("Users", Cell::Derived(|o| subjects(o, "User"))),
    wide("Groups", Cell::Derived(|o| subjects(o, "Group"))),
    wide("ServiceAccounts", Cell::Derived(|o| subjects(o, "ServiceAccount"))),
];

pub const CUSTOM_RESOURCE_DEFINITION: &[Column] = &[NAME, CREATED_AT];

pub const API_SERVICE: &[Column] = &[
    NAME,
    c("Service", "string", Cell::Derived(api_service)),
    c("Available", "string", Cell::Derived(api_service_available)),
    AGE,
];

pub const PERSISTENT_VOLUME: &[Column] = &[
    NAME,
    c("Capacity", "string", Cell::At("/spec/capacity/storage")),
    c("Access Modes", "string", Cell::Derived(|o| json!(access_modes(o)))),
    c(
        "Reclaim Policy",
        "string",
        Cell::At("/spec/persistentVolumeReclaimPolicy"),
    ),
    c("Status", "string", Cell::Derived(pv_status)),
    c("Claim", "string", Cell::Derived(pv_claim)),
    c(
        "StorageClass",
        "string",
        Cell::Derived(|o| text_or(o, "/spec/storageClassName", "")),
    ),
    c(
        "VolumeAttributesClass",
        "string",
        Cell::Derived(|o| text_or(o, "/spec/volumeAttributesClassName", "<unset>")),
    ),
    c("Reason", "string", Cell::Derived(|o| text_or(o, "/status/reason", ""))),
    AGE,
    wide(
        "VolumeMode",
        Cell::Derived(|o| text_or(o, "/spec/volumeMode", "<unset>")),
    ),
];

/// KubeVirt's VirtualMachine CRD.
pub const VIRTUAL_MACHINE: &[Column] = &[
    NAME,
    CRD_AGE,
    crd!(
        "Status",
        "string",
        ".status.printableStatus",
        Cell::At("/status/printableStatus")
    )
    .doc("Human Readable Status"),
    crd!(
        "Ready",
        "string",
        ".status.conditions[?(@.type=='Ready')].status",
        Cell::Condition("Ready")
    ),
];

/// KubeVirt's VirtualMachineInstance CRD.
pub const VIRTUAL_MACHINE_INSTANCE: &[Column] = &[
    NAME,
    CRD_AGE,
    crd!("Phase", "string", ".status.phase", Cell::At("/status/phase")),
    crd!(
        "IP",
        "string",
        ".status.interfaces[0].ipAddress",
        Cell::At("/status/interfaces/0/ipAddress")
    ),
    crd!("NodeName", "string", ".status.nodeName", Cell::At("/status/nodeName")),
    crd!(
        "Ready",
        "string",
        ".status.conditions[?(@.type=='Ready')].status",
        Cell::Condition("Ready")
    ),
    crd!(
        "Live-Migratable",
        "string",
        ".status.conditions[?(@.type=='LiveMigratable')].status",
        Cell::Condition("LiveMigratable")
    )
    .wide(),
    crd!(
        "Paused",
        "string",
        ".status.conditions[?(@.type=='Paused')].status",
        Cell::Condition("Paused")
    )
    .wide(),
];

/// KubeVirt's VirtualMachineInstanceMigration CRD.
pub const MIGRATION: &[Column] = &[
    NAME,
    crd!("Phase", "string", ".status.phase", Cell::At("/status/phase"))
        .doc("The current phase of VM instance migration"),
    crd!("VMI", "string", ".spec.vmiName", Cell::At("/spec/vmiName"))
        .doc("The name of the VMI to perform the migration on"),
];

/// KubeVirt's VirtualMachineInstanceReplicaSet CRD.
pub const VMI_REPLICA_SET: &[Column] = &[
    NAME,
    crd!("Desired", "integer", ".spec.replicas", Cell::At("/spec/replicas"))
        .doc("Number of desired VirtualMachineInstances"),
    crd!("Current", "integer", ".status.replicas", Cell::At("/status/replicas"))
        .doc("Number of managed and not final or deleted VirtualMachineInstances"),
    crd!(
        "Ready",
        "integer",
        ".status.readyReplicas",
        Cell::At("/status/readyReplicas")
    )
    .doc("Number of managed VirtualMachineInstances which are ready to receive traffic"),
    CRD_AGE,
];

/// KubeVirt's KubeVirt CRD.
pub const KUBEVIRT: &[Column] = &[
    NAME,
    CRD_AGE,
    crd!("Phase", "string", ".status.phase", Cell::At("/status/phase")),
];

/// KubeVirt's VirtualMachineExport CRD.
pub const VM_EXPORT: &[Column] = &[
    NAME,
    crd!(
        "SourceKind",
        "string",
        ".spec.source.kind",
        Cell::At("/spec/source/kind")
    ),
    crd!(
        "SourceName",
        "string",
        ".spec.source.name",
        Cell::At("/spec/source/name")
    ),
    crd!("Phase", "string", ".status.phase", Cell::At("/status/phase")),
];

/// CDI's DataVolume CRD.
pub const DATA_VOLUME: &[Column] = &[
    NAME,
    crd!("Phase", "string", ".status.phase", Cell::At("/status/phase")).doc("The phase the data volume is in"),
    crd!("Progress", "string", ".status.progress", Cell::At("/status/progress"))
        .doc("Transfer progress in percentage if known, N/A otherwise"),
    crd!(
        "Restarts",
        "integer",
        ".status.restartCount",
        Cell::At("/status/restartCount")
    )
    .doc("The number of times the transfer has been restarted."),
    CRD_AGE,
];

/// CDI's DataImportCron CRD: FORMAT only (a CRD's columns replace the default AGE).
pub const DATA_IMPORT_CRON: &[Column] = &[
    NAME,
    crd!(
        "Format",
        "string",
        ".status.sourceFormat",
        Cell::At("/status/sourceFormat")
    )
    .doc("The format in which created sources are saved"),
];

/// CDI's CDI CRD.
pub const CDI: &[Column] = &[
    NAME,
    CRD_AGE,
    crd!("Phase", "string", ".status.phase", Cell::At("/status/phase")),
];

/// OpenShift's ClusterVersion CRD.
pub const CLUSTER_VERSION: &[Column] = &[
    NAME,
    crd!(
        "Version",
        "string",
        ".status.history[?(@.state==\"Completed\")].version",
        Cell::Derived(cluster_version)
    ),
    crd!(
        "Available",
        "string",
        ".status.conditions[?(@.type==\"Available\")].status",
        Cell::Condition("Available")
    ),
    crd!(
        "Progressing",
        "string",
        ".status.conditions[?(@.type==\"Progressing\")].status",
        Cell::Condition("Progressing")
    ),
    crd!(
        "Since",
        "date",
        ".status.conditions[?(@.type==\"Progressing\")].lastTransitionTime",
        Cell::Derived(|o| condition_field(o, "Progressing", "lastTransitionTime", true))
    ),
    crd!(
        "Status",
        "string",
        ".status.conditions[?(@.type==\"Progressing\")].message",
        Cell::Derived(|o| condition_field(o, "Progressing", "message", false))
    ),
];

/// OpenShift's APIRequestCount CRD.
pub const API_REQUEST_COUNT: &[Column] = &[
    NAME,
    crd!(
        "RemovedInRelease",
        "string",
        ".status.removedInRelease",
        Cell::At("/status/removedInRelease")
    )
    .doc("Release in which an API will be removed."),
    crd!(
        "RequestsInCurrentHour",
        "integer",
        ".status.currentHour.requestCount",
        Cell::At("/status/currentHour/requestCount")
    )
    .doc("Number of requests in the current hour."),
    crd!(
        "RequestsInLast24h",
        "integer",
        ".status.requestCount",
        Cell::At("/status/requestCount")
    )
    .doc("Number of requests in the last 24h."),
];

/// OpenShift's Route (openshift-apiserver's printer); the descriptions are `RouteSpec`'s swagger
/// docs where the printer takes them from it.
pub const ROUTE: &[Column] = &[
    NAME,
    c("Host/Port", "string", Cell::Derived(route_host)).doc("host is an alias/DNS that points to the service. Optional. If not specified a route name will typically be automatically chosen. Must follow DNS952 subdomain conventions."),
    c("Path", "string", Cell::Derived(|o| text_or(o, "/spec/path", "")))
        .doc("path that the router watches for, to route traffic for to the service. Optional"),
    c("Services", "string", Cell::Derived(route_services)).doc("Primary and alternate route backends."),
    c("Port", "string", Cell::Derived(route_port)).doc("If specified, the port to be used by the router. Most routers will use all endpoints exposed by the service by default - set this value to instruct routers which port to use."),
    c("Termination", "string", Cell::Derived(route_termination)).doc("Indicates termination type."),
    c(
        "Wildcard",
        "string",
        Cell::Derived(|o| text_or(o, "/spec/wildcardPolicy", "")),
    )
    .doc("Wildcard policy if any for the route. Currently only 'Subdomain' or 'None' is allowed."),
];

/// OpenShift's Template (openshift-apiserver's printer).
pub const TEMPLATE: &[Column] = &[
    NAME,
    c("Description", "string", Cell::Derived(template_description)).doc("Template description."),
    c("Parameters", "string", Cell::Derived(template_parameters))
        .doc("parameters is an optional array of Parameters used during the Template to Config transformation."),
    // The printer appends `len(t.Objects)`: the cell is a number in a string-typed column.
    c(
        "Objects",
        "string",
        Cell::Derived(|o| json!(o["objects"].as_array().map_or(0, Vec::len))),
    )
    .doc("Number of resources in this template."),
];

/// metrics-server's node and pod metrics: usage, then the window it was measured over.
/// The usage columns are the resource names the metrics report (always `cpu` and `memory`
/// here), sorted.
pub const METRICS: &[Column] = &[
    c("Name", "string", Cell::Name)
        .doc("Name of the resource")
        .with_format("name"),
    c("cpu", "string", Cell::Derived(|o| metrics_usage(o, "cpu"))).with_format("quantity"),
    c("memory", "string", Cell::Derived(|o| metrics_usage(o, "memory"))).with_format("quantity"),
    c("Window", "string", Cell::Derived(|o| text_or(o, "/window", ""))).with_format("duration"),
];

fn container_statuses(o: &Value) -> &[Value] {
    o.pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `READY`: ready containers / containers.
fn pod_ready(o: &Value) -> Value {
    let total = o
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let ready = container_statuses(o).iter().filter(|s| s["ready"] == true).count();
    json!(format!("{ready}/{total}"))
}

/// `STATUS` as `printPod` derives it: the phase (or the pod's reason), overridden by a
/// container's waiting or terminated reason; `Terminating` once deleted.
fn pod_status(o: &Value) -> Value {
    let mut reason = o
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(r) = o
        .pointer("/status/reason")
        .and_then(Value::as_str)
        .filter(|r| !r.is_empty())
    {
        reason = r.to_string();
    }
    let mut has_running = false;
    for status in container_statuses(o).iter().rev() {
        let state = &status["state"];
        if let Some(r) = state
            .pointer("/waiting/reason")
            .and_then(Value::as_str)
            .filter(|r| !r.is_empty())
        {
            reason = r.to_string();
        } else if let Some(r) = state
            .pointer("/terminated/reason")
            .and_then(Value::as_str)
            .filter(|r| !r.is_empty())
        {
            reason = r.to_string();
        } else if let Some(terminated) = state.get("terminated") {
            reason = match terminated["signal"].as_i64().filter(|s| *s != 0) {
                Some(signal) => format!("Signal:{signal}"),
                None => format!("ExitCode:{}", terminated["exitCode"].as_i64().unwrap_or(0)),
            };
        } else if status["ready"] == true && state.get("running").is_some() {
            has_running = true;
        }
    }
    if reason == "Completed" && has_running {
        let ready = o["status"]["conditions"]
            .as_array()
            .is_some_and(|cs| cs.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"));
        reason = if ready { "Running" } else { "NotReady" }.to_string();
    }
    if o.pointer("/metadata/deletionTimestamp").is_some() {
        reason = if o.pointer("/status/reason").and_then(Value::as_str) == Some("NodeLost") {
            "Unknown"
        } else {
            "Terminating"
        }
        .to_string();
    }
    json!(reason)
}

/// `RESTARTS`: the containers' restarts, with how long ago the last one ended (`7 (5m ago)`).
fn pod_restarts(o: &Value) -> Value {
    let statuses = container_statuses(o);
    let restarts: i64 = statuses.iter().filter_map(|s| s["restartCount"].as_i64()).sum();
    let last = statuses
        .iter()
        .filter_map(|s| s.pointer("/lastState/terminated/finishedAt").and_then(Value::as_str))
        .max();
    match last {
        Some(at) if restarts > 0 => json!(format!("{restarts} ({} ago)", crate::discovery::since(at))),
        _ => json!(restarts.to_string()),
    }
}

/// `READINESS GATES`: `<none>`, or the gates whose condition is True / the gates.
fn readiness_gates(o: &Value) -> Value {
    let gates = o
        .pointer("/spec/readinessGates")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    if gates.is_empty() {
        return json!("<none>");
    }
    let conditions = o["status"]["conditions"].as_array().map_or(&[][..], Vec::as_slice);
    let met = gates
        .iter()
        .filter(|g| {
            conditions
                .iter()
                .any(|c| c["type"] == g["conditionType"] && c["status"] == "True")
        })
        .count();
    json!(format!("{met}/{}", gates.len()))
}

fn timestamp<'a>(o: &'a Value, pointer: &str) -> Option<&'a str> {
    o.pointer(pointer).and_then(Value::as_str).filter(|t| !t.is_empty())
}

fn age_of(ts: Option<&str>) -> Value {
    json!(ts.map_or_else(|| "<unknown>".to_string(), crate::discovery::since))
}

/// `firstTimestamp`, else `eventTime`.
fn event_first_seen(o: &Value) -> Value {
    age_of(timestamp(o, "/firstTimestamp").or_else(|| timestamp(o, "/eventTime")))
}

/// A series' last observation, else `lastTimestamp`, else the first sighting.
fn event_last_seen(o: &Value) -> Value {
    if o.get("series").is_some_and(Value::is_object) {
        return age_of(timestamp(o, "/series/lastObservedTime"));
    }
    match timestamp(o, "/lastTimestamp") {
        Some(ts) => age_of(Some(ts)),
        None => event_first_seen(o),
    }
}

fn event_count(o: &Value) -> Value {
    let count = match o.pointer("/series/count").and_then(Value::as_i64) {
        Some(n) => n,
        None => o["count"].as_i64().filter(|n| *n != 0).unwrap_or(1),
    };
    json!(count)
}

/// `kind/name` of the involved object, the kind lower-cased.
fn event_object(o: &Value) -> Value {
    let kind = o
        .pointer("/involvedObject/kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_lowercase();
    match o
        .pointer("/involvedObject/name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
    {
        Some(name) => json!(format!("{kind}/{name}")),
        None => json!(kind),
    }
}

/// `component, host` (or the reporting controller and instance).
fn event_source(o: &Value) -> Value {
    let first = |a: &str, b: &str| {
        let a = o.pointer(a).and_then(Value::as_str).unwrap_or("");
        if a.is_empty() {
            o.pointer(b).and_then(Value::as_str).unwrap_or("").to_string()
        } else {
            a.to_string()
        }
    };
    let component = first("/source/component", "/reportingComponent");
    let instance = first("/source/host", "/reportingInstance");
    if instance.is_empty() {
        json!(component)
    } else {
        json!(format!("{component}, {instance}"))
    }
}

fn text_or(o: &Value, pointer: &str, empty: &str) -> Value {
    let text = o.pointer(pointer).and_then(Value::as_str).unwrap_or("");
    json!(if text.is_empty() { empty } else { text })
}

fn desired_replicas(o: &Value) -> Value {
    json!(o.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1))
}

fn template_containers(o: &Value, key: &str) -> Value {
    let joined = o
        .pointer("/spec/template/spec/containers")
        .and_then(Value::as_array)
        .map(|cs| cs.iter().filter_map(|c| c[key].as_str()).collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    json!(joined)
}

fn containers(o: &Value) -> Value {
    template_containers(o, "name")
}

fn images(o: &Value) -> Value {
    template_containers(o, "image")
}

/// `labels.FormatLabels` of a map: sorted `k=v` pairs, `<none>` when empty.
fn format_labels(map: Option<&Value>) -> String {
    let mut pairs: Vec<String> = map
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    if pairs.is_empty() {
        return "<none>".into();
    }
    pairs.sort();
    pairs.join(",")
}

fn selector(o: &Value) -> Value {
    json!(format_labels(o.pointer("/spec/selector/matchLabels")))
}

fn node_selector(o: &Value) -> Value {
    json!(format_labels(o.pointer("/spec/template/spec/nodeSelector")))
}

/// `formatEndpoints`: `ip:port` per address and port, at most 3, then ` + N more...`.
fn endpoints(o: &Value) -> Value {
    let mut all = Vec::new();
    for subset in o["subsets"].as_array().into_iter().flatten() {
        let ports: Vec<String> = match subset["ports"].as_array() {
            Some(ports) if !ports.is_empty() => ports.iter().map(|p| p["port"].to_string()).collect(),
            _ => vec![String::new()],
        };
        for port in &ports {
            for address in subset["addresses"].as_array().into_iter().flatten() {
                let ip = address["ip"].as_str().unwrap_or("");
                all.push(if port.is_empty() {
                    ip.to_string()
                } else {
                    format!("{ip}:{port}")
                });
            }
        }
    }
    if all.is_empty() {
        return json!("<none>");
    }
    let more = all.len().saturating_sub(3);
    let mut shown = all[..all.len().min(3)].join(",");
    if more > 0 {
        shown.push_str(&format!(" + {more} more..."));
    }
    json!(shown)
}

fn role_ref(o: &Value) -> Value {
    json!(format!(
        "{}/{}",
        o.pointer("/roleRef/kind").and_then(Value::as_str).unwrap_or(""),
        o.pointer("/roleRef/name").and_then(Value::as_str).unwrap_or("")
    ))
}

/// The subjects of a binding of one kind (service accounts as `namespace:name`).
fn subjects(o: &Value, kind: &str) -> Value {
    let names: Vec<String> = o["subjects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["kind"] == kind)
        .map(|s| {
            let name = s["name"].as_str().unwrap_or("");
            match s["namespace"].as_str() {
                Some(ns) if kind == "ServiceAccount" => format!("{ns}:{name}"),
                _ => name.to_string(),
            }
        })
        .collect();
    json!(names.join(", "))
}

fn api_service(o: &Value) -> Value {
    match (
        o.pointer("/spec/service/namespace").and_then(Value::as_str),
        o.pointer("/spec/service/name").and_then(Value::as_str),
    ) {
        (Some(ns), Some(name)) => json!(format!("{ns}/{name}")),
        _ => json!("Local"),
    }
}

/// `True`, or `False (Reason)`, or `Unknown`.
fn api_service_available(o: &Value) -> Value {
    let available = o["status"]["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Available"));
    match available {
        Some(c) if c["status"] == "True" => json!("True"),
        Some(c) => json!(format!(
            "{} ({})",
            c["status"].as_str().unwrap_or(""),
            c["reason"].as_str().unwrap_or("")
        )),
        None => json!("Unknown"),
    }
}

/// The short access modes (`RWO,ROX,RWX,RWOP`) of `spec.accessModes`.
pub fn access_modes(o: &Value) -> String {
    modes_at(o, "/spec/accessModes")
}

/// `GetAccessModesAsString`: the short access modes of the list at `pointer`, in the API's order.
fn modes_at(o: &Value, pointer: &str) -> String {
    let modes: Vec<&str> = o
        .pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(mode, _)| modes.contains(mode))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

fn pv_status(o: &Value) -> Value {
    if o.pointer("/metadata/deletionTimestamp").is_some() {
        return json!("Terminating");
    }
    text_or(o, "/status/phase", "")
}

fn pv_claim(o: &Value) -> Value {
    match (
        o.pointer("/spec/claimRef/namespace").and_then(Value::as_str),
        o.pointer("/spec/claimRef/name").and_then(Value::as_str),
    ) {
        (Some(ns), Some(name)) => json!(format!("{ns}/{name}")),
        _ => json!(""),
    }
}

fn text<'a>(o: &'a Value, pointer: &str) -> &'a str {
    o.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// A `*bool` field as printed: its value, or the API's default when unset.
fn flag(o: &Value, pointer: &str, default: bool) -> Value {
    json!(o.pointer(pointer).and_then(Value::as_bool).unwrap_or(default))
}

fn conditions(o: &Value) -> &[Value] {
    o.pointer("/status/conditions")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The `status` of the condition of type `ty`, null when there is none.
pub fn condition_status(o: &Value, ty: &str) -> Value {
    conditions(o)
        .iter()
        .find(|c| c["type"] == ty)
        .map_or(Value::Null, |c| c["status"].clone())
}

/// A field of the condition of type `ty` (as an age when `age`), null when absent.
fn condition_field(o: &Value, ty: &str, field: &str, age: bool) -> Value {
    let Some(value) = conditions(o)
        .iter()
        .find(|c| c["type"] == ty)
        .and_then(|c| c[field].as_str())
    else {
        return Value::Null;
    };
    if age {
        json!(crate::discovery::since(value))
    } else {
        json!(value)
    }
}

/// The kubelet's first pod IP (`status.podIPs[0]`), `<none>` before it has one.
fn pod_ip(o: &Value) -> Value {
    text_or(o, "/status/podIPs/0/ip", "<none>")
}

/// `Ready`/`NotReady` from the Ready condition (`Unknown` without one), then
/// `SchedulingDisabled` for a cordoned node.
fn node_status(o: &Value) -> Value {
    let mut status = match conditions(o).iter().find(|c| c["type"] == "Ready") {
        Some(c) if c["status"] == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    };
    if o.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
        status.push_str(",SchedulingDisabled");
    }
    json!(status)
}

/// The ROLES of a node: its `node-role.kubernetes.io/ROLE` labels (and `kubernetes.io/role`),
/// sorted, or `<none>`.
fn node_roles(o: &Value) -> Value {
    let mut roles: Vec<String> = o
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| match k.strip_prefix("node-role.kubernetes.io/") {
            Some(role) if !role.is_empty() => Some(role.to_string()),
            _ if k == "kubernetes.io/role" => v.as_str().filter(|r| !r.is_empty()).map(str::to_string),
            _ => None,
        })
        .collect();
    roles.sort();
    roles.dedup();
    json!(if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    })
}

/// The node's first address of this type, `<none>` without one.
fn node_address(o: &Value, ty: &str) -> Value {
    let address = o
        .pointer("/status/addresses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|a| a["type"] == ty)
        .and_then(|a| a["address"].as_str());
    json!(address.unwrap_or("<none>"))
}

fn service_type(o: &Value) -> Value {
    json!(text(o, "/spec/type"))
}

/// `getServiceExternalIP`: the external IPs, the load balancer's ingress (or `<pending>`), the
/// external name.
fn service_external_ip(o: &Value) -> Value {
    let external: Vec<&str> = o
        .pointer("/spec/externalIPs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let joined = |l: &[&str], empty: &str| {
        if l.is_empty() { empty.to_string() } else { l.join(",") }
    };
    match text(o, "/spec/type") {
        "ClusterIP" | "NodePort" => json!(joined(&external, "<none>")),
        "LoadBalancer" => {
            let mut ips: Vec<&str> = o
                .pointer("/status/loadBalancer/ingress")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|i| i["ip"].as_str().filter(|s| !s.is_empty()).or(i["hostname"].as_str()))
                .collect();
            ips.sort();
            ips.dedup();
            ips.extend(external);
            json!(joined(&ips, "<pending>"))
        }
        "ExternalName" => json!(text(o, "/spec/externalName")),
        _ => json!("<unknown>"),
    }
}

/// `makePortString`: `PORT[:NODEPORT]/PROTOCOL` per port, `<none>` without ports.
fn service_ports(o: &Value) -> Value {
    let ports: Vec<String> = o
        .pointer("/spec/ports")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| {
            let protocol = p["protocol"].as_str().unwrap_or("");
            match p["nodePort"].as_i64().filter(|n| *n > 0) {
                Some(node) => format!("{}:{node}/{protocol}", p["port"]),
                None => format!("{}/{protocol}", p["port"]),
            }
        })
        .collect();
    json!(if ports.is_empty() {
        "<none>".to_string()
    } else {
        ports.join(",")
    })
}

fn config_map_data(o: &Value) -> Value {
    let count = |k: &str| o[k].as_object().map_or(0, |d| d.len());
    json!(count("data") + count("binaryData"))
}

fn pvc_status(o: &Value) -> Value {
    if o.pointer("/metadata/deletionTimestamp").is_some() {
        return json!("Terminating");
    }
    json!(text(o, "/status/phase"))
}

/// A claim's actual capacity and access modes are shown once it names its volume.
fn bound_claim(o: &Value, cell: fn(&Value) -> Value) -> Value {
    if text(o, "/spec/volumeName").is_empty() {
        return json!("");
    }
    cell(o)
}

/// `GetPersistentVolumeClaimClass`: the beta annotation wins over `spec.storageClassName`.
fn pvc_class(o: &Value) -> Value {
    if let Some(class) = o
        .pointer("/metadata/annotations/volume.beta.kubernetes.io~1storage-class")
        .and_then(Value::as_str)
    {
        return json!(class);
    }
    json!(text(o, "/spec/storageClassName"))
}

/// The name, with ` (default)` for the default class (either annotation).
fn storage_class_name(o: &Value) -> Value {
    let is_default = |key: &str| o.pointer("/metadata/annotations").and_then(|a| a[key].as_str()) == Some("true");
    let name = text(o, "/metadata/name");
    if is_default("storageclass.kubernetes.io/is-default-class")
        || is_default("storageclass.beta.kubernetes.io/is-default-class")
    {
        return json!(format!("{name} (default)"));
    }
    json!(name)
}

fn deployment_ready(o: &Value) -> Value {
    let ready = o.pointer("/status/readyReplicas").and_then(Value::as_i64).unwrap_or(0);
    json!(format!("{ready}/{}", desired_replicas(o)))
}

fn has_condition(o: &Value, ty: &str) -> bool {
    conditions(o).iter().any(|c| c["type"] == ty && c["status"] == "True")
}

/// `printJob`'s STATUS.
fn job_status(o: &Value) -> Value {
    let status = if has_condition(o, "Complete") {
        "Complete"
    } else if has_condition(o, "Failed") {
        "Failed"
    } else if o.pointer("/metadata/deletionTimestamp").is_some() {
        "Terminating"
    } else if has_condition(o, "Suspended") {
        "Suspended"
    } else if has_condition(o, "FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    };
    json!(status)
}

/// `succeeded/completions`, or `succeeded/1` (`of N` with parallelism) for a work queue.
fn job_completions(o: &Value) -> Value {
    let succeeded = o.pointer("/status/succeeded").and_then(Value::as_i64).unwrap_or(0);
    if let Some(completions) = o.pointer("/spec/completions").and_then(Value::as_i64) {
        return json!(format!("{succeeded}/{completions}"));
    }
    match o.pointer("/spec/parallelism").and_then(Value::as_i64) {
        Some(p) if p > 1 => json!(format!("{succeeded}/1 of {p}")),
        _ => json!(format!("{succeeded}/1")),
    }
}

/// Since the start, or from start to completion; empty before the job starts.
fn job_duration(o: &Value) -> Value {
    let Some(start) = timestamp(o, "/status/startTime") else {
        return json!("");
    };
    let parse = |t: &str| time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok();
    let end = timestamp(o, "/status/completionTime")
        .and_then(parse)
        .unwrap_or_else(time::OffsetDateTime::now_utc);
    match parse(start) {
        Some(start) => json!(crate::discovery::human_duration((end - start).whole_seconds())),
        None => json!(""),
    }
}

/// The audiences of `spec.tokenRequests`, `<unset>` when there is no list.
fn csi_token_requests(o: &Value) -> Value {
    match o.pointer("/spec/tokenRequests").and_then(Value::as_array) {
        Some(requests) => json!(
            requests
                .iter()
                .map(|t| t["audience"].as_str().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(",")
        ),
        None => json!("<unset>"),
    }
}

fn csi_modes(o: &Value) -> Value {
    let modes: Vec<&str> = o
        .pointer("/spec/volumeLifecycleModes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    json!(if modes.is_empty() {
        "<none>".to_string()
    } else {
        modes.join(",")
    })
}

/// `.status.history[?(@.state=="Completed")].version`: the first completed entry's version only,
/// as the CRD table convertor keeps the first result (`results[0][0]`); null when none.
fn cluster_version(o: &Value) -> Value {
    o.pointer("/status/history")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|h| h["state"] == "Completed")
        .map_or(Value::Null, |h| h["version"].clone())
}

/// The admitted host: `spec.host` until a router reports on it, the rejection's reason when none
/// admits it, `Pending` while none has decided. Routes are stored as protobuf, where an empty
/// `status.ingress` reads back as nil: it counts as absent.
fn route_host(o: &Value) -> Value {
    let Some(ingresses) = o
        .pointer("/status/ingress")
        .and_then(Value::as_array)
        .filter(|i| !i.is_empty())
    else {
        return json!(text(o, "/spec/host"));
    };
    let mut host = text(o, "/spec/host").to_string();
    let (mut admitted, mut rejected, mut reason, mut matched) = (0, 0, String::new(), false);
    for ingress in ingresses {
        let condition = ingress["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["type"] == "Admitted"));
        match condition.map(|c| c["status"].as_str().unwrap_or("")) {
            Some("True") => {
                admitted += 1;
                if !matched {
                    let ingress_host = ingress["host"].as_str().unwrap_or("");
                    matched = ingress_host == text(o, "/spec/host");
                    host = ingress_host.to_string();
                }
            }
            Some("False") => {
                rejected += 1;
                reason = condition.and_then(|c| c["reason"].as_str()).unwrap_or("").to_string();
            }
            _ => {}
        }
    }
    json!(match (admitted, rejected) {
        (0, r) if r > 0 => reason,
        (_, r) if r > 0 => format!("{host} ... {r} rejected"),
        (0, _) => "Pending".to_string(),
        (a, _) if a > 1 => format!("{host} ... {} more", a - 1),
        _ => host,
    })
}

/// The backends, with their share of the traffic when weighted.
fn route_services(o: &Value) -> Value {
    let mut backends = vec![o.pointer("/spec/to").cloned().unwrap_or(Value::Null)];
    backends.extend(
        o.pointer("/spec/alternateBackends")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
    );
    let total: i64 = backends.iter().filter_map(|b| b["weight"].as_i64()).sum();
    let single = backends.len() == 1;
    let shown: Vec<String> = backends
        .iter()
        .map(|b| {
            let name = b["name"].as_str().unwrap_or("");
            match b["weight"].as_i64() {
                None => name.to_string(),
                Some(_) if single && total != 0 => name.to_string(),
                Some(_) if total == 0 => format!("{name}(0%)"),
                Some(w) => format!("{name}({}%)", w * 100 / total),
            }
        })
        .collect();
    json!(shown.join(","))
}

/// `spec.port.targetPort` as `IntOrString.String()` prints it (an unset one is the int 0),
/// `<all>` only without `spec.port`.
fn route_port(o: &Value) -> Value {
    if o.pointer("/spec/port").is_none_or(Value::is_null) {
        return json!("<all>");
    }
    match o.pointer("/spec/port/targetPort") {
        Some(Value::String(p)) => json!(p),
        Some(Value::Number(n)) => json!(n.to_string()),
        _ => json!("0"),
    }
}

/// `TERMINATION[/INSECURE-POLICY]`.
fn route_termination(o: &Value) -> Value {
    let termination = text(o, "/spec/tls/termination");
    let insecure = text(o, "/spec/tls/insecureEdgeTerminationPolicy");
    json!(match (termination.is_empty(), insecure.is_empty()) {
        (false, false) => format!("{termination}/{insecure}"),
        (false, true) => termination.to_string(),
        (true, false) => format!("default/{insecure}"),
        (true, true) => String::new(),
    })
}

/// `templateDescriptionLen`: longer descriptions are cut.
const TEMPLATE_DESCRIPTION_LEN: usize = 80;

/// The first line of the `description` annotation (`...` when there are more), cut to 77 bytes
/// (trimmed) plus `...` when longer than 80 bytes.
fn template_description(o: &Value) -> Value {
    let description = text(o, "/metadata/annotations/description");
    let first_line = match description.split_once('\n') {
        Some((first, _)) => format!("{first}..."),
        None => description.to_string(),
    };
    if first_line.len() <= TEMPLATE_DESCRIPTION_LEN {
        return json!(first_line);
    }
    // Go cuts bytes, possibly inside a multi-byte character: its TrimSpace stops at the partial
    // bytes and encoding/json writes each of them as U+FFFD.
    let cut = &first_line.as_bytes()[..TEMPLATE_DESCRIPTION_LEN - 3];
    let valid = match std::str::from_utf8(cut) {
        Ok(all) => all,
        Err(e) => std::str::from_utf8(&cut[..e.valid_up_to()]).unwrap_or_default(),
    };
    let partial = cut.len() - valid.len();
    let trimmed = if partial == 0 { valid.trim() } else { valid.trim_start() };
    json!(format!("{trimmed}{}...", "\u{FFFD}".repeat(partial)))
}

/// `N (K blank)`, `N (K generated)` or `N (all set)`.
fn template_parameters(o: &Value) -> Value {
    let params = o["parameters"].as_array().map_or(&[][..], Vec::as_slice);
    let unset: Vec<&Value> = params
        .iter()
        .filter(|p| p["value"].as_str().unwrap_or("").is_empty())
        .collect();
    let generated = unset
        .iter()
        .filter(|p| !p["generate"].as_str().unwrap_or("").is_empty())
        .count();
    let blank = unset.len() - generated;
    let total = params.len();
    json!(if blank > 0 {
        format!("{total} ({blank} blank)")
    } else if generated > 0 {
        format!("{total} ({generated} generated)")
    } else {
        format!("{total} (all set)")
    })
}

/// A node's usage, or the sum of a pod's containers' (same-suffix quantities are added; the
/// simulator's metrics use one suffix per resource).
fn metrics_usage(o: &Value, resource: &str) -> Value {
    if let Some(usage) = o.pointer(&format!("/usage/{resource}")) {
        return usage.clone();
    }
    let values: Vec<&str> = o["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["usage"][resource].as_str())
        .collect();
    let [first, rest @ ..] = values.as_slice() else {
        return json!("0");
    };
    let split = |q: &str| {
        let digits = q.find(|c: char| !c.is_ascii_digit()).unwrap_or(q.len());
        (q[..digits].parse::<u64>().ok(), q[digits..].to_string())
    };
    let (Some(mut sum), suffix) = split(first) else {
        return json!(first);
    };
    for q in rest {
        match split(q) {
            (Some(n), s) if s == suffix => sum += n,
            _ => return json!(first),
        }
    }
    json!(format!("{sum}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pods_status_and_restarts_come_from_its_containers() {
        let pod = json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}]},
                         "status": {"phase": "Running", "containerStatuses": [
                             {"name": "a", "ready": true, "restartCount": 0, "state": {"running": {}}},
                             {"name": "b", "ready": false, "restartCount": 7, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                              "lastState": {"terminated": {"finishedAt": "2020-01-01T00:00:00Z"}}}]}});
        assert_eq!(pod_ready(&pod), "1/2");
        assert_eq!(pod_status(&pod), "CrashLoopBackOff");
        assert!(
            pod_restarts(&pod).as_str().unwrap().starts_with("7 ("),
            "{}",
            pod_restarts(&pod)
        );
        let mut gone = pod.clone();
        gone["metadata"] = json!({"deletionTimestamp": "2020-01-01T00:00:00Z"});
        assert_eq!(pod_status(&gone), "Terminating");
        assert_eq!(readiness_gates(&pod), "<none>");
    }

    #[test]
    fn events_name_their_object_and_source() {
        let ev = json!({"involvedObject": {"kind": "VirtualMachine", "name": "vm1"}, "count": 0,
                        "source": {"component": "virt-controller"}, "reportingInstance": "node01"});
        assert_eq!(event_object(&ev), "virtualmachine/vm1");
        assert_eq!(event_source(&ev), "virt-controller, node01");
        assert_eq!(event_count(&ev), 1);
        assert_eq!(event_last_seen(&ev), "<unknown>");
    }

    #[test]
    fn endpoints_show_three_addresses_then_a_count() {
        let ep = json!({"subsets": [{"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "ports": [{"port": 80}, {"port": 443}]}]});
        assert_eq!(endpoints(&ep), "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...");
        assert_eq!(endpoints(&json!({})), "<none>");
    }

    #[test]
    fn bindings_and_apiservices() {
        let rb = json!({"roleRef": {"kind": "ClusterRole", "name": "view"},
                        "subjects": [{"kind": "ServiceAccount", "name": "sa", "namespace": "ns"}, {"kind": "User", "name": "alice"}]});
        assert_eq!(role_ref(&rb), "ClusterRole/view");
        assert_eq!(subjects(&rb, "ServiceAccount"), "ns:sa");
        assert_eq!(subjects(&rb, "Group"), "");
        let local = json!({"spec": {}});
        assert_eq!(api_service(&local), "Local");
        let down = json!({"spec": {"service": {"namespace": "n", "name": "s"}},
                          "status": {"conditions": [{"type": "Available", "status": "False", "reason": "MissingEndpoints"}]}});
        assert_eq!(api_service(&down), "n/s");
        assert_eq!(api_service_available(&down), "False (MissingEndpoints)");
    }

    /// Every CRD-backed table, as served.
    const CRD_TABLES: &[(&str, &[Column])] = &[
        ("VirtualMachine", VIRTUAL_MACHINE),
        ("VirtualMachineInstance", VIRTUAL_MACHINE_INSTANCE),
        ("VirtualMachineInstanceMigration", MIGRATION),
        ("VirtualMachineInstanceReplicaSet", VMI_REPLICA_SET),
        ("KubeVirt", KUBEVIRT),
        ("VirtualMachineExport", VM_EXPORT),
        ("DataVolume", DATA_VOLUME),
        ("DataImportCron", DATA_IMPORT_CRON),
        ("CDI", CDI),
        ("ClusterVersion", CLUSTER_VERSION),
        ("APIRequestCount", API_REQUEST_COUNT),
        ("default", CUSTOM_DEFAULT),
    ];

    /// A simple CRD jsonPath (`.a.b[0].c`) as a JSON pointer (`/a/b/0/c`).
    fn pointer_of(json_path: &str) -> String {
        json_path.replace('[', ".").replace(']', "").replace('.', "/")
    }

    /// After Name, each CRD column comes from its CRD's `jsonPath` (`crd!`), and a cell read
    /// by pointer or condition reads what that path names.
    #[test]
    fn crd_columns_read_what_their_json_path_names() {
        for (kind, columns) in CRD_TABLES {
            for column in &columns[1..] {
                let path = column.json_path;
                assert!(!path.is_empty(), "{kind} {}: not built from its jsonPath", column.name);
                match column.cell {
                    Cell::At(pointer) => assert_eq!(pointer, pointer_of(path), "{kind} {}", column.name),
                    Cell::Age => assert_eq!(path, ".metadata.creationTimestamp", "{kind} {}", column.name),
                    Cell::Condition(ty) => assert!(
                        path == format!(".status.conditions[?(@.type=='{ty}')].status")
                            || path == format!(".status.conditions[?(@.type==\"{ty}\")].status"),
                        "{kind} {}: {path}",
                        column.name
                    ),
                    _ => {}
                }
            }
        }
        assert_eq!(
            VIRTUAL_MACHINE_INSTANCE[2].description,
            "Custom resource definition column (in JSONPath format): .status.phase"
        );
    }

    #[test]
    fn a_template_description_is_cut_at_80_bytes_as_go_cuts_it() {
        let described = |d: &str| template_description(&json!({"metadata": {"annotations": {"description": d}}}));
        let exactly_80 = "x".repeat(80);
        assert_eq!(described(&exactly_80), exactly_80.as_str());
        assert_eq!(
            described(&format!("{}\nmore", "y".repeat(77))),
            format!("{}...", "y".repeat(77))
        );
        assert_eq!(
            described(&format!("{}\nmore", "y".repeat(78))),
            format!("{}...", "y".repeat(77))
        );
        // 76 ASCII bytes and a 2-byte character: the cut keeps its first byte, which Go's JSON
        // encoder writes as U+FFFD.
        assert_eq!(
            described(&format!("{}é{}", "z".repeat(76), "z".repeat(10))),
            format!("{}\u{FFFD}...", "z".repeat(76))
        );
    }

    #[test]
    fn route_cells() {
        let tls = |t: Value| route_termination(&json!({"spec": {"tls": t}}));
        assert_eq!(tls(json!({"insecureEdgeTerminationPolicy": "Allow"})), "default/Allow");
        assert_eq!(
            tls(json!({"termination": "edge", "insecureEdgeTerminationPolicy": "Allow"})),
            "edge/Allow"
        );
        assert_eq!(tls(json!({"termination": "passthrough"})), "passthrough");
        assert_eq!(route_termination(&json!({"spec": {}})), "");
        assert_eq!(route_port(&json!({"spec": {}})), "<all>");
        assert_eq!(route_port(&json!({"spec": {"port": {}}})), "0");
        assert_eq!(route_port(&json!({"spec": {"port": {"targetPort": 8443}}})), "8443");
        assert_eq!(route_port(&json!({"spec": {"port": {"targetPort": "https"}}})), "https");
        let host = |ingress: Value| route_host(&json!({"spec": {"host": "h"}, "status": {"ingress": ingress}}));
        assert_eq!(host(json!([])), "h");
        assert_eq!(host(json!([{"host": "h", "conditions": []}])), "Pending");
    }

    #[test]
    fn a_cluster_version_is_its_first_completed_entry() {
        let cv = |history: Value| cluster_version(&json!({"status": {"history": history}}));
        assert_eq!(
            cv(
                json!([{"state": "Partial", "version": "2"}, {"state": "Completed", "version": "1"},
                             {"state": "Completed", "version": "0"}])
            ),
            "1"
        );
        assert_eq!(cv(json!([{"state": "Partial", "version": "2"}])), Value::Null);
    }
}
