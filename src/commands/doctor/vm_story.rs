//! `doctor vm NAME`: reads what concerns one VM and nothing else — the VM, its VMI, its
//! virt-launcher and hotplug pods, DataVolumes and PVCs, migrations, the events about all of
//! them and the launcher's last log lines — in its namespace, by name, label and field
//! selectors, concurrently. The result is ordinary [`Facts`], so the catalog's single-VM checks
//! judge it unchanged.

use std::collections::BTreeSet;

use k8s_openapi::jiff::Timestamp;

use super::facts::{Facts, Kind, Read, array, condition, is_true, name_of, str_at};
use super::object::Object;
use super::probes;
use crate::cluster::api::{Api, Request};
use crate::cluster::kubevirt::{MIGRATIONS, VMIS, VMS, object_path};
use crate::cluster::resources::{self, Listing, Paging, Resource};
use crate::error::{Error, Result};

/// Log lines read from the launcher's `compute` container.
pub const LOG_LINES: usize = 20;

/// The launcher log section.
#[derive(Debug, Clone, PartialEq)]
pub enum LauncherLog {
    /// `--no-logs`.
    Disabled,
    /// No virt-launcher pod to read.
    NoPod,
    Lines {
        pod: String,
        lines: Vec<String>,
    },
    /// The read failed (forbidden, container not started ...): why.
    Unreadable(String),
}

/// Everything read about one VM.
#[derive(Debug)]
pub struct Story {
    pub namespace: String,
    pub name: String,
    pub facts: Facts,
    /// Volumes the VM names that do not exist: (kind, name).
    pub missing: Vec<(&'static str, String)>,
    pub log: LauncherLog,
}

impl Story {
    pub fn vm(&self) -> &Object {
        &self.facts.items(Kind::Vms)[0]
    }

    pub fn vmi(&self) -> Option<&Object> {
        self.facts.items(Kind::Vmis).first()
    }
}

/// One GET's outcome.
enum Got {
    Found(Object),
    Absent,
    Unreadable(Read),
}

async fn get(api: &Api, path: String, what: &str) -> Got {
    match probes::get(api, Request::get(path)).await {
        Ok(v) => Got::Found(Object::from(v)),
        Err(e) => match e.api().map(|a| a.code) {
            Some(404) => Got::Absent,
            Some(403) => Got::Unreadable(Read::Forbidden(what.to_string())),
            _ => Got::Unreadable(Read::Failed(e.to_string())),
        },
    }
}

/// A LIST with selectors, in one answer: its items (with their kind put back), or why not.
async fn list(api: &Api, request: Request, plural: &str) -> Read {
    let paging = Paging {
        page: None,
        timeout: probes::REQUEST_TIMEOUT,
    };
    match resources::list_all(api, request, paging).await {
        Listing::Items(items) => Read::Items(items.into_iter().map(Object::from).collect()),
        Listing::Forbidden => Read::Forbidden(format!("list {plural}")),
        Listing::NotFound(e) | Listing::Failed(e) => Read::Failed(e.to_string()),
    }
}

/// Merges reads of one kind: items add up; a forbidden or failed read wins over items.
fn merge(reads: impl IntoIterator<Item = Read>) -> Read {
    let mut items = Vec::new();
    for read in reads {
        match read {
            Read::Items(more) => items.extend(more),
            other => return other,
        }
    }
    Read::Items(items)
}

/// GETs of the objects `names` of `resource` in `namespace`, concurrently.
async fn get_all(api: &Api, resource: &Resource, namespace: &str, names: Vec<String>) -> Vec<(String, Got)> {
    let what = format!("get {}", resource.plural);
    let mut gots = probes::bounded(names, |name| {
        let api = api.clone();
        let path = resource.object(Some(namespace), &name);
        let what = what.clone();
        async move {
            let got = get(&api, path, &what).await;
            (name, got)
        }
    })
    .await;
    gots.sort_by(|a, b| a.0.cmp(&b.0));
    gots
}

/// GETs of named objects: the found ones, absent names, and the first refusal.
fn collect(gots: Vec<(String, Got)>) -> (Read, Vec<String>) {
    let mut found = Vec::new();
    let mut absent = Vec::new();
    for (name, got) in gots {
        match got {
            Got::Found(v) => found.push(v),
            Got::Absent => absent.push(name),
            Got::Unreadable(read) => return (read, absent),
        }
    }
    (Read::Items(found), absent)
}

/// The DataVolumes and PVCs the VM (and its VMI's hotplugged volumes) name.
pub fn volume_names(vm: &Object, vmi: Option<&Object>) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut dvs: BTreeSet<String> = array(vm, "/spec/dataVolumeTemplates")
        .iter()
        .map(|t| name_of(t).to_string())
        .collect();
    let mut pvcs = BTreeSet::new();
    let volumes = array(vm, "/spec/template/spec/volumes")
        .iter()
        .chain(vmi.map(|v| array(v, "/spec/volumes")).unwrap_or_default());
    for volume in volumes {
        let dv = str_at(volume, "/dataVolume/name");
        if !dv.is_empty() {
            dvs.insert(dv.to_string());
        }
        let claim = str_at(volume, "/persistentVolumeClaim/claimName");
        if !claim.is_empty() {
            pvcs.insert(claim.to_string());
        }
    }
    // CDI names a DataVolume's PVC after it.
    pvcs.extend(dvs.iter().cloned());
    dvs.retain(|d| !d.is_empty());
    (dvs, pvcs)
}

/// The launcher pod whose log tells the VM's story: the one on the VMI's node, else the newest.
pub fn main_launcher<'a>(pods: &'a [Object], vmi: Option<&Object>) -> Option<&'a Object> {
    let launchers: Vec<&Object> = pods
        .iter()
        .filter(|p| super::facts::label(p, "kubevirt.io") == Some("virt-launcher"))
        .collect();
    let node = vmi.map(|v| str_at(v, "/status/nodeName")).unwrap_or("");
    launchers
        .iter()
        .find(|p| !node.is_empty() && str_at(p, "/spec/nodeName") == node)
        .or_else(|| {
            launchers
                .iter()
                .max_by_key(|p| str_at(p, "/metadata/creationTimestamp"))
        })
        .copied()
}

/// Reads the VM's story. A VM that cannot be read is an error (doctor cannot run); anything
/// else that cannot be read is recorded, and the checks that need it are skipped.
pub async fn read(api: &Api, namespace: &str, name: &str, logs: bool, now: Timestamp) -> Result<Story> {
    let ns = namespace;
    let first = read_vm_and_neighbours(api, ns, name).await?;
    let around = read_pods_and_volumes(api, ns, &first.vm, first.vmi.as_ref()).await;

    // Events about every object of the story, and the launcher's log.
    let launcher = match &around.pods {
        Read::Items(items) => main_launcher(items, first.vmi.as_ref()).map(|p| name_of(p).to_string()),
        _ => None,
    };
    let objects = story_objects(&[&around.pods, &around.dvs, &around.pvcs, &first.vmims], name);
    let (more_events, log) = tokio::join!(
        read_events(api, ns, objects),
        read_launcher_log(api, ns, launcher.as_deref(), logs)
    );
    let events = dedupe(merge(std::iter::once(first.vm_events).chain(more_events)));

    let mut facts = Facts::new(now);
    facts.scope.namespace = Some(ns.to_string());
    facts.scope.logs = logs;
    facts.scope.max_guest_probes = 1;
    let vmi_list = match first.vmi_read {
        Some(read) => read,
        None => Read::Items(first.vmi.into_iter().collect()),
    };
    facts.lists.extend([
        (Kind::Vms, Read::Items(vec![first.vm])),
        (Kind::Vmis, vmi_list),
        (Kind::Vmims, first.vmims),
        (Kind::KubeVirts, first.kubevirts),
        (Kind::Events, events),
        (Kind::Pods, around.pods),
        (Kind::DataVolumes, around.dvs),
        (Kind::Pvcs, around.pvcs),
    ]);
    facts.ns = probes::discover(&facts, &Default::default());
    probe_guest(api, &mut facts, ns).await;
    Ok(Story {
        namespace: ns.to_string(),
        name: name.to_string(),
        facts,
        missing: around.missing,
        log,
    })
}

/// The first round of reads: the VM, its VMI, its migrations, the KubeVirt CRs and the
/// events about the VM.
struct FirstRound {
    vm: Object,
    vmi: Option<Object>,
    /// Why the VMI could not be read, if it could not.
    vmi_read: Option<Read>,
    vmims: Read,
    kubevirts: Read,
    vm_events: Read,
}

async fn read_vm_and_neighbours(api: &Api, ns: &str, name: &str) -> Result<FirstRound> {
    let (vm, vmi, vmims, kubevirts, vm_events) = tokio::join!(
        probes::get(api, Request::get(object_path(VMS, ns, name)).resource(VMS, name)),
        get(api, object_path(VMIS, ns, name), "get virtualmachineinstances"),
        list(
            api,
            Request::get(object_path(MIGRATIONS, ns, ""))
                .query("labelSelector", &format!("kubevirt.io/vmi-name={name}")),
            MIGRATIONS,
        ),
        list(api, Request::get(resources::KUBEVIRTS.collection(None)), "kubevirts"),
        list(api, resources::events_about(ns, name), "events"),
    );
    let vm = vm.map_err(|e| match e.api().map(|a| a.code) {
        Some(404) => Error::Other(format!("VirtualMachine {name:?} not found in namespace {ns:?}"))
            .with_hint("give the VM's namespace with -n NAMESPACE"),
        _ => e,
    })?;
    let (vmi, vmi_read) = match vmi {
        Got::Found(v) => (Some(v), None),
        Got::Absent => (None, None),
        Got::Unreadable(read) => (None, Some(read)),
    };
    Ok(FirstRound {
        vm: Object::from(vm),
        vmi,
        vmi_read,
        vmims,
        kubevirts,
        vm_events,
    })
}

/// What the VM and VMI name: pods (launchers by the VMI's uid, hotplug attachment pods by
/// name) and volumes by name.
struct Surroundings {
    pods: Read,
    dvs: Read,
    pvcs: Read,
    /// Volumes the VM names that do not exist: (kind, name).
    missing: Vec<(&'static str, String)>,
}

async fn read_pods_and_volumes(api: &Api, ns: &str, vm: &Object, vmi: Option<&Object>) -> Surroundings {
    let (dv_names, pvc_names) = volume_names(vm, vmi);
    let attach_pods: Vec<String> = vmi
        .iter()
        .flat_map(|v| array(v, "/status/volumeStatus"))
        .map(|s| str_at(s, "/hotplugVolume/attachPodName").to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let launchers = async {
        let Some(v) = vmi else {
            return Read::Items(Vec::new());
        };
        let selector = format!("kubevirt.io/created-by={}", str_at(v, "/metadata/uid"));
        let request = Request::get(resources::PODS.collection(Some(ns))).query("labelSelector", &selector);
        list(api, request, "pods").await
    };
    let (launchers, attach, dvs, pvcs) = tokio::join!(
        launchers,
        get_all(api, &resources::PODS, ns, attach_pods),
        get_all(api, &resources::DATA_VOLUMES, ns, dv_names.into_iter().collect()),
        get_all(
            api,
            &resources::PERSISTENT_VOLUME_CLAIMS,
            ns,
            pvc_names.into_iter().collect()
        ),
    );
    let (attach, _) = collect(attach);
    let (dvs, missing_dvs) = collect(dvs);
    let (pvcs, missing_pvcs) = collect(pvcs);
    let missing = missing_dvs
        .into_iter()
        .map(|n| ("DataVolume", n))
        .chain(missing_pvcs.into_iter().map(|n| ("PersistentVolumeClaim", n)))
        .collect();
    Surroundings {
        pods: merge([launchers, attach]),
        dvs,
        pvcs,
        missing,
    }
}

/// The names of the objects read, but the VM's own (its events are read already).
fn story_objects(reads: &[&Read], vm: &str) -> Vec<String> {
    let mut objects: BTreeSet<String> = BTreeSet::new();
    for read in reads {
        if let Read::Items(items) = read {
            objects.extend(items.iter().map(|o| name_of(o).to_string()));
        }
    }
    objects.remove(vm);
    objects.into_iter().collect()
}

async fn read_events(api: &Api, ns: &str, objects: Vec<String>) -> Vec<Read> {
    probes::bounded(objects, |object| {
        let api = api.clone();
        let request = resources::events_about(ns, &object);
        async move { list(&api, request, "events").await }
    })
    .await
}

/// The last lines of the launcher's `compute` container.
async fn read_launcher_log(api: &Api, ns: &str, launcher: Option<&str>, logs: bool) -> LauncherLog {
    if !logs {
        return LauncherLog::Disabled;
    }
    let Some(pod) = launcher else {
        return LauncherLog::NoPod;
    };
    let request = resources::pod_log(ns, pod, Some("compute"))
        .query("tailLines", &LOG_LINES.to_string())
        .query("limitBytes", probes::LOG_LIMIT_BYTES);
    match tokio::time::timeout(probes::REQUEST_TIMEOUT, api.send(request)).await {
        Ok(Ok(response)) => LauncherLog::Lines {
            pod: pod.to_string(),
            lines: String::from_utf8_lossy(&response.body)
                .lines()
                .map(str::to_string)
                .collect(),
        },
        Ok(Err(e)) => LauncherLog::Unreadable(e.to_string()),
        Err(_) => LauncherLog::Unreadable("the log read took longer than 15s".into()),
    }
}

/// The guest's file systems, when its VMI runs with a connected agent.
async fn probe_guest(api: &Api, facts: &mut Facts, ns: &str) {
    let probe = facts
        .items(Kind::Vmis)
        .first()
        .filter(|v| str_at(v, "/status/phase") == "Running" && is_true(v, "AgentConnected"))
        .map(|v| vec![(ns.to_string(), name_of(v).to_string())])
        .unwrap_or_default();
    probes::read_guest_filesystems(api, facts, probe).await;
}

/// Events read twice (an object named like the VM) count once.
fn dedupe(read: Read) -> Read {
    match read {
        Read::Items(items) => {
            let mut seen = BTreeSet::new();
            Read::Items(
                items
                    .into_iter()
                    .filter(|e| seen.insert(name_of(e).to_string()))
                    .collect(),
            )
        }
        other => other,
    }
}

/// Whether the VMI's `LiveMigratable` condition is present and True (for the story's summary).
pub fn live_migratable(vmi: &Object) -> Option<bool> {
    condition(vmi, "LiveMigratable").map(|c| str_at(c, "/status") == "True")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::doctor::catalog::find;
    use crate::commands::doctor::model::Component;
    use serde_json::json;

    #[test]
    fn the_single_vm_checks_are_vm_workload_checks_of_the_catalog() {
        for name in crate::commands::doctor::vm::ABOUT_ONE_VM {
            let meta = find(name).unwrap_or_else(|| panic!("{name} is not in the catalog"));
            assert_eq!(meta.name, *name, "{name} is an alias");
            assert_eq!(meta.component, Component::VmWorkload, "{name}");
        }
    }

    #[test]
    fn volumes_come_from_the_vm_its_templates_and_the_vmi_hotplugs() {
        let vm = json!({"spec": {"dataVolumeTemplates": [{"metadata": {"name": "root"}}],
            "template": {"spec": {"volumes": [{"name": "a", "dataVolume": {"name": "root"}},
                                              {"name": "b", "persistentVolumeClaim": {"claimName": "data"}},
                                              {"name": "c", "containerDisk": {"image": "x"}}]}}}});
        let vmi = json!({"spec": {"volumes": [{"name": "hp", "persistentVolumeClaim": {"claimName": "hotplugged"}}]}});
        let (dvs, pvcs) = volume_names(&vm.into(), Some(&vmi.into()));
        assert_eq!(dvs.into_iter().collect::<Vec<_>>(), ["root"]);
        assert_eq!(pvcs.into_iter().collect::<Vec<_>>(), ["data", "hotplugged", "root"]);
    }

    #[test]
    fn the_launcher_on_the_vmis_node_tells_the_story() {
        let pod = |name: &str, node: &str, created: &str| {
            json!({"metadata": {"name": name, "creationTimestamp": created, "labels": {"kubevirt.io": "virt-launcher"}},
                   "spec": {"nodeName": node}})
        };
        let pods: Vec<Object> = vec![
            pod("source", "node01", "2025-01-01T09:00:00Z").into(),
            pod("target", "node02", "2025-01-01T10:00:00Z").into(),
            json!({"metadata": {"name": "hp", "labels": {"kubevirt.io": "hotplug-disk"}}, "spec": {"nodeName": "node01"}}).into(),
        ];
        let vmi = json!({"status": {"nodeName": "node01"}}).into();
        assert_eq!(name_of(main_launcher(&pods, Some(&vmi)).unwrap()), "source");
        assert_eq!(name_of(main_launcher(&pods, None).unwrap()), "target");
        assert!(main_launcher(&pods[2..], None).is_none());
    }

    #[test]
    fn a_refused_read_wins_over_items() {
        let one = || Object::from(json!(1));
        let merged = merge([Read::Items(vec![one()]), Read::Forbidden("list pods".into())]);
        assert_eq!(merged, Read::Forbidden("list pods".into()));
        let two = Object::from(json!(2));
        assert_eq!(
            merge([Read::Items(vec![one()]), Read::Items(vec![two.clone()])]),
            Read::Items(vec![one(), two])
        );
    }
}
