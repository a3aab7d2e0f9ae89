//! Typed calls on the KubeVirt APIs. Actions exist only on the handle of the kind that has them:
//! start/stop/restart/migrate on [`Vm`], pause/unpause/soft-reboot/reset and the guest-agent
//! reads on [`Vmi`], so a wrong call does not compile.

use serde_json::Value;

use crate::cluster::api::{Api, JSON, Request, Response};
use crate::cluster::types::hotplug::{AddVolumeOptions, RemoveVolumeOptions};
use crate::cluster::types::options::{
    DryRunOptions, EvacuateCancelOptions, MigrateOptions, RestartOptions, StartOptions, StopOptions, to_body,
};
use crate::cluster::types::version::VersionInfo;
use crate::error::{Error, Result};

pub const KUBEVIRT_V1: &str = "/apis/kubevirt.io/v1";
pub const SUBRESOURCES_GROUP: &str = "/apis/subresources.kubevirt.io";
pub const SUBRESOURCES_V1: &str = "/apis/subresources.kubevirt.io/v1";

pub const VMS: &str = "virtualmachines";
pub const VMIS: &str = "virtualmachineinstances";
pub const MIGRATIONS: &str = "virtualmachineinstancemigrations";

/// Path of a namespaced KubeVirt object (or collection when `name` is empty).
pub fn object_path(resource: &str, namespace: &str, name: &str) -> String {
    let collection = format!("{KUBEVIRT_V1}/namespaces/{namespace}/{resource}");
    if name.is_empty() {
        collection
    } else {
        format!("{collection}/{name}")
    }
}

/// Path of a KubeVirt subresource.
pub fn subresource_path(resource: &str, namespace: &str, name: &str, sub: &str) -> String {
    format!("{SUBRESOURCES_V1}/namespaces/{namespace}/{resource}/{name}/{sub}")
}

/// A VirtualMachine.
pub struct Vm<'a> {
    api: &'a Api,
    namespace: &'a str,
    name: &'a str,
}

impl<'a> Vm<'a> {
    pub fn new(api: &'a Api, namespace: &'a str, name: &'a str) -> Self {
        Vm { api, namespace, name }
    }

    pub async fn get(&self) -> Result<Value> {
        let result = get_object(self.api, VMS, self.namespace, self.name).await;
        result.map_err(|e| hint_not_found(e, "VirtualMachine", self.namespace, self.name))
    }

    pub async fn start(&self, options: &StartOptions) -> Result<()> {
        self.put("start", to_body(options)).await
    }

    pub async fn stop(&self, options: &StopOptions) -> Result<()> {
        self.put("stop", to_body(options)).await
    }

    pub async fn restart(&self, options: &RestartOptions) -> Result<()> {
        self.put("restart", to_body(options)).await
    }

    pub async fn migrate(&self, options: &MigrateOptions) -> Result<()> {
        self.put("migrate", to_body(options)).await
    }

    pub async fn evacuate_cancel(&self, options: &EvacuateCancelOptions) -> Result<()> {
        self.put("evacuate/cancel", to_body(options)).await
    }

    async fn put(&self, sub: &str, body: Vec<u8>) -> Result<()> {
        let request = Request::put(subresource_path(VMS, self.namespace, self.name, sub))
            .raw_body(body)
            .resource(VMS, self.name);
        let result = self.api.send(request).await.map(drop);
        result.map_err(|e| hint_not_found(e, "VirtualMachine", self.namespace, self.name))
    }
}

/// A VirtualMachineInstance.
pub struct Vmi<'a> {
    api: &'a Api,
    namespace: &'a str,
    name: &'a str,
}

impl<'a> Vmi<'a> {
    pub fn new(api: &'a Api, namespace: &'a str, name: &'a str) -> Self {
        Vmi { api, namespace, name }
    }

    pub async fn get(&self) -> Result<Value> {
        get_object(self.api, VMIS, self.namespace, self.name).await
    }

    pub async fn pause(&self, options: &DryRunOptions) -> Result<()> {
        self.put("pause", Some(to_body(options))).await
    }

    pub async fn unpause(&self, options: &DryRunOptions) -> Result<()> {
        self.put("unpause", Some(to_body(options))).await
    }

    /// Sent with no body at all, as upstream does.
    pub async fn soft_reboot(&self) -> Result<()> {
        self.put("softreboot", None).await
    }

    /// Sent with no body at all, as upstream does.
    pub async fn reset(&self) -> Result<()> {
        self.put("reset", None).await
    }

    pub async fn evacuate_cancel(&self, options: &EvacuateCancelOptions) -> Result<()> {
        self.put("evacuate/cancel", Some(to_body(options))).await
    }

    /// `guestosinfo` reads the raw body, so a `Status` is never decoded (upstream's behaviour).
    pub async fn guest_os_info(&self) -> Result<Response> {
        self.get_sub("guestosinfo", false).await
    }

    pub async fn user_list(&self) -> Result<Response> {
        self.get_sub("userlist", true).await
    }

    pub async fn filesystem_list(&self) -> Result<Response> {
        self.get_sub("filesystemlist", true).await
    }

    /// The display as a PNG (`vnc/screenshot`); `move_cursor` wakes a screensaver first.
    /// Errors keep client-go's generic texts, as upstream's raw-body call shows them.
    pub async fn screenshot(&self, move_cursor: bool) -> Result<bytes::Bytes> {
        let request = Request::get(subresource_path(VMIS, self.namespace, self.name, "vnc/screenshot"))
            .query("moveCursor", if move_cursor { "true" } else { "false" })
            .resource(VMIS, self.name)
            .raw_errors();
        Ok(self.api.send(request).await?.body)
    }

    async fn put(&self, sub: &str, body: Option<Vec<u8>>) -> Result<()> {
        let mut request =
            Request::put(subresource_path(VMIS, self.namespace, self.name, sub)).resource(VMIS, self.name);
        if let Some(body) = body {
            request = request.raw_body(body);
        }
        let result = self.api.send(request).await.map(drop);
        result.map_err(|e| hint_not_found(e, "VirtualMachineInstance", self.namespace, self.name))
    }

    async fn get_sub(&self, sub: &str, decode_status: bool) -> Result<Response> {
        let mut request =
            Request::get(subresource_path(VMIS, self.namespace, self.name, sub)).resource(VMIS, self.name);
        if !decode_status {
            request = request.raw_errors();
        }
        self.api.send(request).await
    }
}

/// VirtualMachineInstanceMigrations of a namespace.
pub struct Migrations<'a> {
    api: &'a Api,
    namespace: &'a str,
}

impl<'a> Migrations<'a> {
    pub fn new(api: &'a Api, namespace: &'a str) -> Self {
        Migrations { api, namespace }
    }

    /// The migrations of one VMI, by the label virt-api puts on them.
    pub async fn list_for_vmi(&self, vmi_name: &str) -> Result<Vec<Value>> {
        let request = Request::get(object_path(MIGRATIONS, self.namespace, ""))
            .query("labelSelector", &format!("kubevirt.io/vmi-name=={vmi_name}"))
            .resource(MIGRATIONS, "");
        let list: Value = self.api.send(request).await?.json()?;
        Ok(list.get("items").and_then(Value::as_array).cloned().unwrap_or_default())
    }

    pub async fn delete(&self, name: &str, dry_run: bool) -> Result<()> {
        let mut options = serde_json::json!({"kind": "DeleteOptions", "apiVersion": "kubevirt.io/v1"});
        if dry_run {
            options["dryRun"] = serde_json::json!(["All"]);
        }
        let body = serde_json::to_vec(&options).expect("json value serializes");
        let request = Request::delete(object_path(MIGRATIONS, self.namespace, name))
            .body(body, JSON)
            .resource(MIGRATIONS, name);
        self.api.send(request).await.map(drop)
    }
}

/// Adds where virtctl looked to a not-found error, and how to look elsewhere.
fn hint_not_found(err: Error, kind: &str, namespace: &str, name: &str) -> Error {
    if !err.api().is_some_and(|api| api.is_not_found()) {
        return err;
    }
    let advice = match kind {
        "VirtualMachineInstance" => "is the VM running? A VMI exists only while its VM runs",
        _ => "give the right namespace with -n NAMESPACE",
    };
    err.with_hint(format!("no {kind} {name:?} in namespace {namespace:?}: {advice}"))
}

async fn get_object(api: &Api, resource: &str, namespace: &str, name: &str) -> Result<Value> {
    let request = Request::get(object_path(resource, namespace, name)).resource(resource, name);
    api.send(request).await?.json()
}

/// KubeVirt's version: the preferred version of `subresources.kubevirt.io`, then its `/version`.
/// Both are raw-body calls: errors show client-go's generic texts.
pub async fn server_version(api: &Api) -> Result<VersionInfo> {
    subresources_get(api, "version").await
}

/// The libguestfs-tools image virt-api advertises (`guestfs`), found as [`server_version`] is.
pub async fn guestfs_info(api: &Api) -> Result<GuestfsInfo> {
    subresources_get(api, "guestfs").await
}

/// `GET /apis/{preferred version of subresources.kubevirt.io}/{what}`, decoded.
async fn subresources_get<T: serde::de::DeserializeOwned>(api: &Api, what: &str) -> Result<T> {
    let group: Value = api.send(Request::get(SUBRESOURCES_GROUP).raw_errors()).await?.json()?;
    let group_version = group
        .pointer("/preferredVersion/groupVersion")
        .and_then(Value::as_str)
        .filter(|gv| !gv.is_empty())
        .ok_or_else(|| Error::Other("the server did not name a preferred version of subresources.kubevirt.io".into()))?
        .to_string();
    api.send(Request::get(format!("/apis/{group_version}/{what}")).raw_errors())
        .await?
        .json()
}

/// virt-api's answer about the guestfs image.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GuestfsInfo {
    pub registry: String,
    pub tag: String,
    pub digest: String,
    pub image_prefix: String,
    pub gs_image: String,
}

/// A VM's run strategy as virt-api computes it, or the error when both fields are set.
pub fn run_strategy(vm: &Value) -> Result<String, String> {
    let spec = vm.get("spec");
    let strategy = spec.and_then(|s| s.get("runStrategy")).and_then(Value::as_str);
    let running = spec.and_then(|s| s.get("running")).and_then(Value::as_bool);
    match (strategy, running) {
        (Some(_), Some(_)) => Err("Running and RunStrategy are mutually exclusive".to_string()),
        (Some(s), None) => Ok(s.to_string()),
        (None, Some(true)) => Ok("Always".to_string()),
        _ => Ok("Halted".to_string()),
    }
}

// ---- credentials, KubeVirt CR, object graph (typed calls for `credentials`, `adm`,
// `permitted-devices`, `objectgraph`) ----

/// The content type of RFC 6902 JSON patches.
pub const JSON_PATCH: &str = "application/json-patch+json";

fn json_body(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("json value serializes")
}

impl Vm<'_> {
    /// Applies a JSON patch (RFC 6902) to the VM.
    pub async fn patch(&self, ops: &Value) -> Result<Value> {
        let request = Request::new(http::Method::PATCH, object_path(VMS, self.namespace, self.name))
            .body(json_body(ops), JSON_PATCH)
            .resource(VMS, self.name);
        self.api.send(request).await?.json()
    }

    /// The VM's object graph (`GET .../objectgraph` with an `ObjectGraphOptions` body).
    pub async fn object_graph(&self, options: &Value) -> Result<Value> {
        object_graph(self.api, VMS, self.namespace, self.name, options).await
    }
}

impl Vmi<'_> {
    /// The VMI's object graph (`GET .../objectgraph` with an `ObjectGraphOptions` body).
    pub async fn object_graph(&self, options: &Value) -> Result<Value> {
        object_graph(self.api, VMIS, self.namespace, self.name, options).await
    }
}

async fn object_graph(api: &Api, resource: &str, namespace: &str, name: &str, options: &Value) -> Result<Value> {
    let request = Request::get(subresource_path(resource, namespace, name, "objectgraph"))
        .body(json_body(options), JSON)
        .resource(resource, name);
    api.send(request).await?.json()
}

/// The Secrets of a namespace.
pub struct Secrets<'a> {
    api: &'a Api,
    namespace: &'a str,
}

impl<'a> Secrets<'a> {
    pub fn new(api: &'a Api, namespace: &'a str) -> Self {
        Secrets { api, namespace }
    }

    fn path(&self, name: &str) -> String {
        crate::cluster::resources::SECRETS.object(Some(self.namespace), name)
    }

    pub async fn get(&self, name: &str) -> Result<Value> {
        let request = Request::get(self.path(name)).resource("secrets", name);
        self.api.send(request).await?.json()
    }

    /// Creates `secret`; returns it as stored (with the name the server generated).
    pub async fn create(&self, secret: &Value) -> Result<Value> {
        let collection = crate::cluster::resources::SECRETS.collection(Some(self.namespace));
        let request = Request::new(http::Method::POST, collection)
            .body(json_body(secret), JSON)
            .resource("secrets", "");
        self.api.send(request).await?.json()
    }

    pub async fn patch(&self, name: &str, ops: &Value) -> Result<Value> {
        let request = Request::new(http::Method::PATCH, self.path(name))
            .body(json_body(ops), JSON_PATCH)
            .resource("secrets", name);
        self.api.send(request).await?.json()
    }

    /// Replaces the whole Secret (`PUT`, optimistic concurrency through its resourceVersion).
    pub async fn replace(&self, name: &str, secret: &Value) -> Result<Value> {
        let request = Request::put(self.path(name))
            .body(json_body(secret), JSON)
            .resource("secrets", name);
        self.api.send(request).await?.json()
    }

    pub async fn delete(&self, name: &str) -> Result<()> {
        let request = Request::delete(self.path(name)).resource("secrets", name);
        self.api.send(request).await.map(drop)
    }
}

/// The KubeVirt CRs (the installation's configuration).
pub struct KubeVirts<'a> {
    api: &'a Api,
}

impl<'a> KubeVirts<'a> {
    pub fn new(api: &'a Api) -> Self {
        KubeVirts { api }
    }

    /// The KubeVirt CRs in `namespace`, or in every namespace when `None`.
    pub async fn list(&self, namespace: Option<&str>) -> Result<Vec<Value>> {
        let path = crate::cluster::resources::KUBEVIRTS.collection(namespace);
        let list: Value = self
            .api
            .send(Request::get(path).resource("kubevirts", ""))
            .await?
            .json()?;
        Ok(list.get("items").and_then(Value::as_array).cloned().unwrap_or_default())
    }

    pub async fn get(&self, namespace: &str, name: &str) -> Result<Value> {
        get_object(self.api, "kubevirts", namespace, name).await
    }

    pub async fn patch(&self, namespace: &str, name: &str, ops: &Value) -> Result<Value> {
        let request = Request::new(http::Method::PATCH, object_path("kubevirts", namespace, name))
            .body(json_body(ops), JSON_PATCH)
            .resource("kubevirts", name);
        self.api.send(request).await?.json()
    }
}

// ---- volumes: hot-plug and expansion (addvolume, removevolume, expand) ----

impl Vm<'_> {
    pub async fn add_volume(&self, options: &AddVolumeOptions) -> Result<()> {
        self.put("addvolume", to_body(options)).await
    }

    pub async fn remove_volume(&self, options: &RemoveVolumeOptions) -> Result<()> {
        self.put("removevolume", to_body(options)).await
    }

    /// The VM with its instancetype and preference applied (`expand-spec`).
    pub async fn expanded(&self) -> Result<Value> {
        let request =
            Request::get(subresource_path(VMS, self.namespace, self.name, "expand-spec")).resource(VMS, self.name);
        self.api.send(request).await?.json()
    }
}

impl Vmi<'_> {
    pub async fn add_volume(&self, options: &AddVolumeOptions) -> Result<()> {
        self.put("addvolume", Some(to_body(options))).await
    }

    pub async fn remove_volume(&self, options: &RemoveVolumeOptions) -> Result<()> {
        self.put("removevolume", Some(to_body(options))).await
    }
}

/// Expands a VirtualMachine manifest that need not exist in the cluster (`expand-vm-spec`).
pub async fn expand_vm_spec(api: &Api, namespace: &str, vm: &Value) -> Result<Value> {
    let path = format!("{SUBRESOURCES_V1}/namespaces/{namespace}/expand-vm-spec");
    let body = serde_json::to_vec(vm).expect("json value serializes");
    api.send(Request::put(path).body(body, JSON)).await?.json()
}

/// The memory-dump subresources of a VM (virt-api's `memorydump` and `removememorydump`).
impl Vm<'_> {
    /// Asks virt-api to dump the memory into PVC `claim` (empty: the claim already associated).
    /// The body is client-go's encoding: `phase` is always present.
    /// A 404 may name the PVC rather than the VM, so no VM hint is added.
    pub async fn memory_dump(&self, claim: &str) -> Result<()> {
        let body = serde_json::json!({"claimName": claim, "phase": ""});
        let request = Request::put(subresource_path(VMS, self.namespace, self.name, "memorydump"))
            .raw_body(serde_json::to_vec(&body).expect("json value serializes"))
            .resource(VMS, self.name);
        self.api.send(request).await.map(drop)
    }

    /// Asks virt-api to dissociate the VM from its memory-dump PVC (sent with no body).
    pub async fn remove_memory_dump(&self) -> Result<()> {
        let request =
            Request::put(subresource_path(VMS, self.namespace, self.name, "removememorydump")).resource(VMS, self.name);
        let result = self.api.send(request).await.map(drop);
        result.map_err(|e| hint_not_found(e, "VirtualMachine", self.namespace, self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths() {
        assert_eq!(
            subresource_path(VMS, "ns", "vm1", "start"),
            "/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachines/vm1/start"
        );
        assert_eq!(
            object_path(MIGRATIONS, "ns", ""),
            "/apis/kubevirt.io/v1/namespaces/ns/virtualmachineinstancemigrations"
        );
    }

    #[test]
    fn run_strategies() {
        assert_eq!(
            run_strategy(&json!({"spec": {"runStrategy": "Manual"}})),
            Ok("Manual".into())
        );
        assert_eq!(run_strategy(&json!({"spec": {"running": true}})), Ok("Always".into()));
        assert_eq!(run_strategy(&json!({"spec": {"running": false}})), Ok("Halted".into()));
        assert_eq!(run_strategy(&json!({"spec": {}})), Ok("Halted".into()));
        assert!(run_strategy(&json!({"spec": {"running": true, "runStrategy": "Always"}})).is_err());
    }
}
