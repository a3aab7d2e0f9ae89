//! Typed calls on the CDI and core APIs that `image-upload` uses: PVCs, DataVolumes, storage
//! classes, the CDIConfig, upload tokens, events, DataSources and the upload pod's log.
//! Paths and bodies are built by pure functions below; the API layer sends them.

use http::Method;
use serde_json::{Value, json};

use crate::cluster::api::{Api, JSON, Request};
use crate::error::Result;

pub const CDI_V1BETA1: &str = "/apis/cdi.kubevirt.io/v1beta1";
pub const UPLOAD_V1BETA1: &str = "/apis/upload.cdi.kubevirt.io/v1beta1";

pub const PVCS: &str = "persistentvolumeclaims";
pub const DATAVOLUMES: &str = "datavolumes";
pub const DATASOURCES: &str = "datasources";

// CDI's annotations on upload PVCs.
pub const ANN_POD_PHASE: &str = "cdi.kubevirt.io/storage.pod.phase";
pub const ANN_POD_READY: &str = "cdi.kubevirt.io/storage.pod.ready";
pub const ANN_UPLOAD_TARGET: &str = "cdi.kubevirt.io/storage.upload.target";
pub const ANN_FORCE_BIND: &str = "cdi.kubevirt.io/storage.bind.immediate.requested";
pub const ANN_CONTENT_TYPE: &str = "cdi.kubevirt.io/storage.contentType";
pub const ANN_DELETE_AFTER_COMPLETION: &str = "cdi.kubevirt.io/storage.deleteAfterCompletion";
pub const ANN_USE_POPULATOR: &str = "cdi.kubevirt.io/storage.usePopulator";
pub const ANN_PVC_PRIME: &str = "cdi.kubevirt.io/storage.populator.pvcPrime";
pub const LABEL_APPLY_STORAGE_PROFILE: &str = "cdi.kubevirt.io/applyStorageProfile";

pub fn pvc_path(namespace: &str, name: &str) -> String {
    collection_or_item(&format!("/api/v1/namespaces/{namespace}/{PVCS}"), name)
}

pub fn cdi_path(resource: &str, namespace: &str, name: &str) -> String {
    collection_or_item(&format!("{CDI_V1BETA1}/namespaces/{namespace}/{resource}"), name)
}

fn collection_or_item(collection: &str, name: &str) -> String {
    if name.is_empty() {
        collection.to_string()
    } else {
        format!("{collection}/{name}")
    }
}

/// The CDI objects and core reads of one namespace.
pub struct Cdi<'a> {
    api: &'a Api,
    namespace: &'a str,
}

impl<'a> Cdi<'a> {
    pub fn new(api: &'a Api, namespace: &'a str) -> Self {
        Cdi { api, namespace }
    }

    pub async fn get_pvc(&self, name: &str) -> Result<Value> {
        self.get(pvc_path(self.namespace, name), PVCS, name).await
    }

    pub async fn create_pvc(&self, pvc: &Value) -> Result<Value> {
        self.create(pvc_path(self.namespace, ""), PVCS, pvc).await
    }

    pub async fn delete_pvc(&self, name: &str) -> Result<()> {
        let request = Request::delete(pvc_path(self.namespace, name)).resource(PVCS, name);
        self.api.send(request).await.map(drop)
    }

    pub async fn update_pvc(&self, pvc: &Value) -> Result<Value> {
        let name = pvc.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
        let request = Request::put(pvc_path(self.namespace, name))
            .body(to_vec(pvc), JSON)
            .resource(PVCS, name);
        self.api.send(request).await?.json()
    }

    pub async fn get_datavolume(&self, name: &str) -> Result<Value> {
        self.get(cdi_path(DATAVOLUMES, self.namespace, name), DATAVOLUMES, name)
            .await
    }

    pub async fn create_datavolume(&self, dv: &Value) -> Result<Value> {
        self.create(cdi_path(DATAVOLUMES, self.namespace, ""), DATAVOLUMES, dv)
            .await
    }

    pub async fn get_datasource(&self, name: &str) -> Result<Value> {
        self.get(cdi_path(DATASOURCES, self.namespace, name), DATASOURCES, name)
            .await
    }

    pub async fn create_datasource(&self, ds: &Value) -> Result<Value> {
        self.create(cdi_path(DATASOURCES, self.namespace, ""), DATASOURCES, ds)
            .await
    }

    /// A JSON patch (`application/json-patch+json`) on a DataSource.
    pub async fn patch_datasource(&self, name: &str, patch: &Value) -> Result<Value> {
        let request = Request::new(Method::PATCH, cdi_path(DATASOURCES, self.namespace, name))
            .body(to_vec(patch), "application/json-patch+json")
            .resource(DATASOURCES, name);
        self.api.send(request).await?.json()
    }

    /// Every event of the namespace.
    pub async fn events(&self) -> Result<Vec<Value>> {
        let path = format!("/api/v1/namespaces/{}/events", self.namespace);
        let list: Value = self.get(path, "events", "").await?;
        Ok(list.get("items").and_then(Value::as_array).cloned().unwrap_or_default())
    }

    /// The last `lines` lines of a pod's log.
    pub async fn pod_log_tail(&self, pod: &str, lines: u32) -> Result<String> {
        let request = Request::get(format!("/api/v1/namespaces/{}/pods/{pod}/log", self.namespace))
            .query("tailLines", &lines.to_string())
            .resource("pods", pod);
        let response = self.api.send(request).await?;
        Ok(String::from_utf8_lossy(&response.body).into_owned())
    }

    /// Asks CDI for a token that lets the upload proxy accept data for PVC `pvc_name`.
    pub async fn upload_token(&self, pvc_name: &str) -> Result<String> {
        let path = format!("{UPLOAD_V1BETA1}/namespaces/{}/uploadtokenrequests", self.namespace);
        let response: Value = self
            .create(path, "uploadtokenrequests", &upload_token_request(pvc_name))
            .await?;
        Ok(response
            .pointer("/status/token")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string())
    }

    async fn get(&self, path: String, plural: &str, name: &str) -> Result<Value> {
        self.api.send(Request::get(path).resource(plural, name)).await?.json()
    }

    async fn create(&self, path: String, plural: &str, object: &Value) -> Result<Value> {
        let request = Request::new(Method::POST, path)
            .body(to_vec(object), JSON)
            .resource(plural, "");
        self.api.send(request).await?.json()
    }
}

pub async fn get_storage_class(api: &Api, name: &str) -> Result<Value> {
    let request =
        Request::get(format!("/apis/storage.k8s.io/v1/storageclasses/{name}")).resource("storageclasses", name);
    api.send(request).await?.json()
}

/// The cluster's CDIConfig (`config`).
pub async fn get_cdi_config(api: &Api) -> Result<Value> {
    let request = Request::get(format!("{CDI_V1BETA1}/cdiconfigs/config")).resource("cdiconfigs", "config");
    api.send(request).await?.json()
}

pub fn upload_token_request(pvc_name: &str) -> Value {
    json!({
        "apiVersion": "upload.cdi.kubevirt.io/v1beta1",
        "kind": "UploadTokenRequest",
        "metadata": {"generateName": "token-for-virtctl-"},
        "spec": {"pvcName": pvc_name},
    })
}

/// The upload proxy URL a CDIConfig names: the override, else the status value.
pub fn upload_proxy_url(config: &Value) -> Option<String> {
    ["/spec/uploadProxyURLOverride", "/status/uploadProxyURL"]
        .iter()
        .filter_map(|p| config.pointer(p).and_then(Value::as_str))
        .find(|url| !url.is_empty())
        .map(str::to_string)
}

/// The name CDI gives the upload server pod of a PVC.
pub fn upload_pod_name(pvc_name: &str) -> String {
    format!("cdi-upload-{pvc_name}")
}

pub fn annotation<'v>(object: &'v Value, key: &str) -> Option<&'v str> {
    object
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(key))
        .and_then(Value::as_str)
}

fn to_vec(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            pvc_path("ns", "disk"),
            "/api/v1/namespaces/ns/persistentvolumeclaims/disk"
        );
        assert_eq!(
            cdi_path(DATAVOLUMES, "ns", ""),
            "/apis/cdi.kubevirt.io/v1beta1/namespaces/ns/datavolumes"
        );
    }

    #[test]
    fn proxy_url_prefers_the_override() {
        let config = json!({"spec": {"uploadProxyURLOverride": "https://o"}, "status": {"uploadProxyURL": "s"}});
        assert_eq!(upload_proxy_url(&config).as_deref(), Some("https://o"));
        let config = json!({"spec": {"uploadProxyURLOverride": ""}, "status": {"uploadProxyURL": "s"}});
        assert_eq!(upload_proxy_url(&config).as_deref(), Some("s"));
        assert_eq!(upload_proxy_url(&json!({})), None);
    }

    #[test]
    fn token_request_body() {
        assert_eq!(
            serde_json::to_string(&upload_token_request("disk")).unwrap(),
            r#"{"apiVersion":"upload.cdi.kubevirt.io/v1beta1","kind":"UploadTokenRequest","metadata":{"generateName":"token-for-virtctl-"},"spec":{"pvcName":"disk"}}"#
        );
    }
}
