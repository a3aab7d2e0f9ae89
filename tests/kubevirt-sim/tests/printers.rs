//! Server-side printing of every served resource: walks discovery (`/api/v1`, `/apis`, each
//! group version) and lists every resource as kubectl does (`Accept: ...;as=Table`), asserting
//! the columns kubectl prints for it on a real cluster. A kind the simulator starts serving
//! without its columns here fails the test.

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::Value;

const TABLE: &str =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

/// The default columns (kubectl's `get`) and the ones `-o wide` adds, per `resource[.group]`.
/// Built-ins: Kubernetes 1.33 `pkg/printers/internalversion/printers.go`; KubeVirt: the
/// `additionalPrinterColumns` of virt-operator's `crds.go`; CDI: its kubebuilder markers; a CRD
/// without columns: apiextensions' NAME, AGE.
#[rustfmt::skip]
const EXPECTED: &[(&str, &[&str], &[&str])] = &[
    ("namespaces", &["NAME", "STATUS", "AGE"], &[]),
    ("nodes", &["NAME", "STATUS", "ROLES", "AGE", "VERSION"], &["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]),
    ("pods", &["NAME", "READY", "STATUS", "RESTARTS", "AGE"], &["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]),
    ("services", &["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], &["SELECTOR"]),
    ("secrets", &["NAME", "TYPE", "DATA", "AGE"], &[]),
    ("configmaps", &["NAME", "DATA", "AGE"], &[]),
    ("events", &["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &["SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME"]),
    ("persistentvolumeclaims", &["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"], &["VOLUMEMODE"]),
    ("persistentvolumes", &["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"], &["VOLUMEMODE"]),
    ("serviceaccounts", &["NAME", "SECRETS", "AGE"], &[]),
    ("endpoints", &["NAME", "ENDPOINTS", "AGE"], &[]),
    ("deployments.apps", &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("replicasets.apps", &["NAME", "DESIRED", "CURRENT", "READY", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("daemonsets.apps", &["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("jobs.batch", &["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
    ("leases.coordination.k8s.io", &["NAME", "HOLDER", "AGE"], &[]),
    ("roles.rbac.authorization.k8s.io", &["NAME", "CREATED AT"], &[]),
    ("clusterroles.rbac.authorization.k8s.io", &["NAME", "CREATED AT"], &[]),
    ("rolebindings.rbac.authorization.k8s.io", &["NAME", "ROLE", "AGE"], &["USERS", "GROUPS", "SERVICEACCOUNTS"]),
    ("clusterrolebindings.rbac.authorization.k8s.io", &["NAME", "ROLE", "AGE"], &["USERS", "GROUPS", "SERVICEACCOUNTS"]),
    ("storageclasses.storage.k8s.io", &["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"], &[]),
    ("csidrivers.storage.k8s.io", &["NAME", "ATTACHREQUIRED", "PODINFOONMOUNT", "STORAGECAPACITY", "TOKENREQUESTS", "REQUIRESREPUBLISH", "MODES", "AGE"], &[]),
    ("apiservices.apiregistration.k8s.io", &["NAME", "SERVICE", "AVAILABLE", "AGE"], &[]),
    ("customresourcedefinitions.apiextensions.k8s.io", &["NAME", "CREATED AT"], &[]),
    ("virtualmachines.kubevirt.io", &["NAME", "AGE", "STATUS", "READY"], &[]),
    ("virtualmachineinstances.kubevirt.io", &["NAME", "AGE", "PHASE", "IP", "NODENAME", "READY"], &["LIVE-MIGRATABLE", "PAUSED"]),
    ("virtualmachineinstancemigrations.kubevirt.io", &["NAME", "PHASE", "VMI"], &[]),
    ("virtualmachineinstancereplicasets.kubevirt.io", &["NAME", "DESIRED", "CURRENT", "READY", "AGE"], &[]),
    ("virtualmachineinstancepresets.kubevirt.io", &["NAME", "AGE"], &[]),
    ("kubevirts.kubevirt.io", &["NAME", "AGE", "PHASE"], &[]),
    ("virtualmachineinstancetypes.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachineclusterinstancetypes.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachinepreferences.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachineclusterpreferences.instancetype.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachineexports.export.kubevirt.io", &["NAME", "SOURCEKIND", "SOURCENAME", "PHASE"], &[]),
    ("datavolumes.cdi.kubevirt.io", &["NAME", "PHASE", "PROGRESS", "RESTARTS", "AGE"], &[]),
    ("datasources.cdi.kubevirt.io", &["NAME", "AGE"], &[]),
    ("dataimportcrons.cdi.kubevirt.io", &["NAME", "FORMAT"], &[]),
    ("cdis.cdi.kubevirt.io", &["NAME", "AGE", "PHASE"], &[]),
    ("cdiconfigs.cdi.kubevirt.io", &["NAME", "AGE"], &[]),
    ("storageprofiles.cdi.kubevirt.io", &["NAME", "AGE"], &[]),
    ("hyperconvergeds.hco.kubevirt.io", &["NAME", "AGE"], &[]),
    ("ssps.ssp.kubevirt.io", &["NAME", "AGE"], &[]),
    ("networkaddonsconfigs.networkaddonsoperator.network.kubevirt.io", &["NAME", "AGE"], &[]),
    ("hostpathprovisioners.hostpathprovisioner.kubevirt.io", &["NAME", "AGE"], &[]),
    ("nodemaintenances.nodemaintenance.medik8s.io", &["NAME", "AGE"], &[]),
    ("nodemaintenances.nodemaintenance.kubevirt.io", &["NAME", "AGE"], &[]),
    ("prometheusrules.monitoring.coreos.com", &["NAME", "AGE"], &[]),
    ("routes.route.openshift.io", &["NAME", "HOST/PORT", "PATH", "SERVICES", "PORT", "TERMINATION", "WILDCARD"], &[]),
    ("network-attachment-definitions.k8s.cni.cncf.io", &["NAME", "AGE"], &[]),
    ("clusterversions.config.openshift.io", &["NAME", "VERSION", "AVAILABLE", "PROGRESSING", "SINCE", "STATUS"], &[]),
    ("infrastructures.config.openshift.io", &["NAME", "AGE"], &[]),
    ("networks.config.openshift.io", &["NAME", "AGE"], &[]),
    ("apirequestcounts.apiserver.openshift.io", &["NAME", "REMOVEDINRELEASE", "REQUESTSINCURRENTHOUR", "REQUESTSINLAST24H"], &[]),
    ("kubedeschedulers.operator.openshift.io", &["NAME", "AGE"], &[]),
    ("virtualmachinetemplates.template.kubevirt.io", &["NAME", "AGE"], &[]),
    ("virtualmachinetemplaterequests.template.kubevirt.io", &["NAME", "AGE"], &[]),
    ("templates.template.openshift.io", &["NAME", "DESCRIPTION", "PARAMETERS", "OBJECTS"], &[]),
    ("pods.metrics.k8s.io", &["NAME", "CPU", "MEMORY", "WINDOW"], &[]),
    ("nodes.metrics.k8s.io", &["NAME", "CPU", "MEMORY", "WINDOW"], &[]),
];

/// Every listable resource of discovery: (`resource[.group]`, collection path).
fn served_resources(c: &Client) -> Vec<(String, String)> {
    let mut group_versions = vec![(String::new(), "/api/v1".to_string())];
    for g in c.get("/apis").json()["groups"].as_array().unwrap() {
        for v in g["versions"].as_array().unwrap() {
            let gv = v["groupVersion"].as_str().unwrap();
            group_versions.push((g["name"].as_str().unwrap().to_string(), format!("/apis/{gv}")));
        }
    }
    let mut out = Vec::new();
    for (group, path) in group_versions {
        let list = c.get(&path);
        assert_eq!(list.status, 200, "{path}: {}", list.text);
        for r in list.json()["resources"].as_array().unwrap() {
            let name = r["name"].as_str().unwrap();
            let listable = r["verbs"].as_array().unwrap().iter().any(|v| v == "list");
            if name.contains('/') || !listable {
                continue;
            }
            let key = if group.is_empty() {
                name.to_string()
            } else {
                format!("{name}.{group}")
            };
            out.push((key, format!("{path}/{name}")));
        }
    }
    out
}

/// The column names as kubectl prints them (upper case), default and wide.
fn printed_columns(table: &Value) -> (Vec<String>, Vec<String>) {
    let mut default = Vec::new();
    let mut wide = Vec::new();
    for c in table["columnDefinitions"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap().to_uppercase();
        if c["priority"].as_i64().unwrap_or(0) == 0 {
            default.push(name);
        } else {
            wide.push(name);
        }
    }
    (default, wide)
}

#[test]
fn every_served_resource_prints_the_columns_of_a_real_cluster() {
    let sim = demo_sim();
    let mut metrics = Vec::new();
    kubevirt_sim::scenarios::metrics_api(&mut metrics, &kubevirt_sim::store::now_rfc3339());
    for o in metrics {
        sim.create(o);
    }
    let c = Client::admin(&sim);
    let expected: BTreeMap<&str, (&[&str], &[&str])> = EXPECTED.iter().map(|(k, d, w)| (*k, (*d, *w))).collect();
    let mut walked = Vec::new();
    for (key, path) in served_resources(&c) {
        let Some((default, wide)) = expected.get(key.as_str()) else {
            panic!(
                "{key} is served but has no expected columns here: give the kind its real printer columns (printers.rs) and list them"
            );
        };
        let r = c.get_accepting(&path, TABLE);
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        let table = r.json();
        assert_eq!(table["kind"], "Table", "{path}");
        let (printed, printed_wide) = printed_columns(&table);
        assert_eq!(printed, *default, "{key}: default columns");
        assert_eq!(printed_wide, *wide, "{key}: -o wide columns");
        let width = table["columnDefinitions"].as_array().unwrap().len();
        for row in table["rows"].as_array().unwrap() {
            assert_eq!(row["cells"].as_array().unwrap().len(), width, "{key}: a row's cells");
        }
        walked.push(key);
    }
    let unwalked: Vec<&str> = expected
        .keys()
        .copied()
        .filter(|k| !walked.iter().any(|w| w == k))
        .collect();
    assert!(unwalked.is_empty(), "not served: {unwalked:?}");
}

/// One object as the server prints it: (its columns, its cells).
fn printed(c: &Client, path: &str) -> (Vec<Value>, Vec<Value>) {
    let r = c.get_accepting(path, TABLE);
    assert_eq!(r.status, 200, "{path}: {}", r.text);
    let table = r.json();
    let columns = table["columnDefinitions"].as_array().unwrap().clone();
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{path}: {}", r.text);
    (columns, rows[0]["cells"].as_array().unwrap().clone())
}

/// The cell of the column named `name`.
fn cell<'a>(columns: &[Value], cells: &'a [Value], name: &str) -> &'a Value {
    let i = columns
        .iter()
        .position(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &cells[i]
}

fn route(name: &str, spec: Value) -> Value {
    serde_json::json!({"apiVersion": "route.openshift.io/v1", "kind": "Route",
                       "metadata": {"name": name}, "spec": spec})
}

const ROUTES: &str = "/apis/route.openshift.io/v1/namespaces/default/routes";

/// openshift-apiserver's route printer: `RouteSpec`'s swagger docs as descriptions, the
/// termination cell with only an insecure policy, the port cell with and without a target
/// port, an empty `status.ingress` read as no status.
#[test]
fn routes_print_as_openshift_apiserver_prints_them() {
    let sim = demo_sim();
    let c = Client::admin(&sim);
    // A destination CA keeps the termination empty (library-go defaults it to edge otherwise).
    let insecure_only = route(
        "insecure-only",
        serde_json::json!({"host": "a.example.com", "to": {"name": "web"}, "port": {},
                           "tls": {"insecureEdgeTerminationPolicy": "Redirect", "destinationCACertificate": "CA"}}),
    );
    assert_eq!(c.post(ROUTES, &insecure_only).status, 201);
    let (columns, cells) = printed(&c, &format!("{ROUTES}/insecure-only"));
    let described: Vec<(&str, &str, &str, i64)> = columns
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["type"].as_str().unwrap(),
                c["description"].as_str().unwrap(),
                c["priority"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        &described[1..],
        &[
            (
                "Host/Port",
                "string",
                "host is an alias/DNS that points to the service. Optional. If not specified a route name will typically be automatically chosen. Must follow DNS952 subdomain conventions.",
                0
            ),
            (
                "Path",
                "string",
                "path that the router watches for, to route traffic for to the service. Optional",
                0
            ),
            ("Services", "string", "Primary and alternate route backends.", 0),
            (
                "Port",
                "string",
                "If specified, the port to be used by the router. Most routers will use all endpoints exposed by the service by default - set this value to instruct routers which port to use.",
                0
            ),
            ("Termination", "string", "Indicates termination type.", 0),
            (
                "Wildcard",
                "string",
                "Wildcard policy if any for the route. Currently only 'Subdomain' or 'None' is allowed.",
                0
            ),
        ]
    );
    assert_eq!(cell(&columns, &cells, "Termination"), "default/Redirect");
    assert_eq!(cell(&columns, &cells, "Port"), "0", "a spec.port without targetPort");
    assert_eq!(cell(&columns, &cells, "Wildcard"), "None", "defaulted on create");

    // Without a destination CA the termination is defaulted to edge.
    let edge = route(
        "edge",
        serde_json::json!({"host": "b.example.com", "to": {"name": "web"},
                           "tls": {"insecureEdgeTerminationPolicy": "Redirect"}}),
    );
    assert_eq!(c.post(ROUTES, &edge).status, 201);
    let (columns, cells) = printed(&c, &format!("{ROUTES}/edge"));
    assert_eq!(cell(&columns, &cells, "Termination"), "edge/Redirect");
    assert_eq!(cell(&columns, &cells, "Port"), "<all>", "no spec.port");

    // A router-less status: an empty ingress list is no status at all.
    let mut no_ingress = route(
        "no-ingress",
        serde_json::json!({"host": "c.example.com", "to": {"name": "web"}}),
    );
    no_ingress["metadata"]["namespace"] = "default".into();
    no_ingress["status"] = serde_json::json!({"ingress": []});
    sim.create(no_ingress);
    let (columns, cells) = printed(&c, &format!("{ROUTES}/no-ingress"));
    assert_eq!(cell(&columns, &cells, "Host/Port"), "c.example.com");
}

/// library-go's route defaulting, visible on GET after a create and after an update: wildcard
/// policy, backend kind and weight, TLS termination (lowered when capitalized).
#[test]
fn routes_are_defaulted_on_create_and_update() {
    let sim = demo_sim();
    let c = Client::admin(&sim);
    let body = route(
        "defaults",
        serde_json::json!({"to": {"name": "web"}, "alternateBackends": [{"name": "b", "weight": 7}, {"name": "c"}],
                           "tls": {}}),
    );
    assert_eq!(c.post(ROUTES, &body).status, 201);
    let got = c.get(&format!("{ROUTES}/defaults")).json();
    assert_eq!(got["spec"]["wildcardPolicy"], "None");
    assert_eq!(
        got["spec"]["to"],
        serde_json::json!({"kind": "Service", "name": "web", "weight": 100})
    );
    assert_eq!(
        got["spec"]["alternateBackends"],
        serde_json::json!([{"kind": "Service", "name": "b", "weight": 7}, {"kind": "Service", "name": "c", "weight": 100}])
    );
    assert_eq!(got["spec"]["tls"]["termination"], "edge");

    let mut update = got.clone();
    update["spec"] = serde_json::json!({"to": {"name": "other"}, "tls": {"termination": "Passthrough"}});
    let r = c.put_json(&format!("{ROUTES}/defaults"), &update);
    assert_eq!(r.status, 200, "{}", r.text);
    let got = c.get(&format!("{ROUTES}/defaults")).json();
    assert_eq!(got["spec"]["wildcardPolicy"], "None");
    assert_eq!(
        got["spec"]["to"],
        serde_json::json!({"kind": "Service", "name": "other", "weight": 100})
    );
    assert_eq!(got["spec"]["tls"]["termination"], "passthrough");
}

/// openshift-apiserver's template printer: descriptions, a long first line cut to 80 bytes, the
/// object count as a number.
#[test]
fn templates_print_as_openshift_apiserver_prints_them() {
    let sim = demo_sim();
    let c = Client::admin(&sim);
    let first_line = format!("{} {}", "a".repeat(76), "b".repeat(23));
    assert_eq!(first_line.len(), 100);
    let template = serde_json::json!({"apiVersion": "template.openshift.io/v1", "kind": "Template",
        "metadata": {"name": "long", "annotations": {"description": format!("{first_line}\nsecond line")}},
        "objects": [{"kind": "Service"}, {"kind": "Route"}, {"kind": "Deployment"}],
        "parameters": [{"name": "A", "value": "x"}]});
    let path = "/apis/template.openshift.io/v1/namespaces/default/templates";
    let r = c.post(path, &template);
    assert_eq!(r.status, 201, "{}", r.text);
    let (columns, cells) = printed(&c, &format!("{path}/long"));
    let descriptions: Vec<&str> = columns[1..]
        .iter()
        .map(|c| c["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        descriptions,
        [
            "Template description.",
            "parameters is an optional array of Parameters used during the Template to Config transformation.",
            "Number of resources in this template.",
        ]
    );
    // The first 77 bytes are 76 a's and a space, which is trimmed; then "...".
    assert_eq!(cell(&columns, &cells, "Description"), &format!("{}...", "a".repeat(76)));
    assert_eq!(cell(&columns, &cells, "Parameters"), "1 (all set)");
    assert_eq!(cell(&columns, &cells, "Objects"), &serde_json::json!(3));
}

/// The CRD table convertor: the Version column keeps the first completed history entry only,
/// and a CRD column without a description gets the convertor's, naming its jsonPath.
#[test]
fn crd_columns_print_as_the_table_convertor_prints_them() {
    let sim = demo_sim();
    let c = Client::admin(&sim);
    sim.create(
        serde_json::json!({"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion",
        "metadata": {"name": "two-completed"},
        "status": {"history": [{"state": "Partial", "version": "4.18.3"},
                               {"state": "Completed", "version": "4.18.2"},
                               {"state": "Completed", "version": "4.17.9"}]}}),
    );
    let (columns, cells) = printed(&c, "/apis/config.openshift.io/v1/clusterversions/two-completed");
    assert_eq!(cell(&columns, &cells, "Version"), "4.18.2");
    assert_eq!(
        columns[1]["description"],
        "Custom resource definition column (in JSONPath format): .status.history[?(@.state==\"Completed\")].version"
    );

    let vmis = c.get_accepting("/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances", TABLE);
    assert_eq!(vmis.status, 200, "{}", vmis.text);
    let columns = vmis.json()["columnDefinitions"].as_array().unwrap().clone();
    let column = |name: &str| columns.iter().find(|c| c["name"] == name).unwrap().clone();
    assert_eq!(
        column("IP"),
        serde_json::json!({"name": "IP", "type": "string", "format": "", "priority": 0,
            "description": "Custom resource definition column (in JSONPath format): .status.interfaces[0].ipAddress"})
    );
    assert_eq!(
        column("Age")["description"],
        "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp"
    );
    assert_eq!(column("Paused")["priority"], 1);
    let vms = c.get_accepting("/apis/kubevirt.io/v1/namespaces/default/virtualmachines", TABLE);
    let vm_columns = vms.json()["columnDefinitions"].as_array().unwrap().clone();
    assert_eq!(vm_columns[2]["name"], "Status");
    assert_eq!(
        vm_columns[2]["description"], "Human Readable Status",
        "a CRD's own description is kept"
    );
}
