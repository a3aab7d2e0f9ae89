//! Typed calls on virt-template's API (`template.kubevirt.io`, its `process`/`create`
//! subresources) and on OpenShift's `Template`s, in one namespace.

use http::Method;
use serde_json::{Value, json};

use crate::cluster::api::{Api, JSON, Request};
use crate::cluster::resources::{
    OPENSHIFT_TEMPLATES, VIRTUAL_MACHINE_TEMPLATE_REQUESTS, VIRTUAL_MACHINE_TEMPLATE_SUBRESOURCES,
    VIRTUAL_MACHINE_TEMPLATES,
};
use crate::error::Result;

/// The templates of one namespace.
pub struct Templates<'a> {
    api: &'a Api,
    namespace: &'a str,
}

impl<'a> Templates<'a> {
    pub fn new(api: &'a Api, namespace: &'a str) -> Self {
        Templates { api, namespace }
    }

    /// `GET` a VirtualMachineTemplate.
    pub async fn get(&self, name: &str) -> Result<Value> {
        let path = VIRTUAL_MACHINE_TEMPLATES.object(Some(self.namespace), name);
        let request = Request::get(path).resource(VIRTUAL_MACHINE_TEMPLATES.plural, name);
        self.api.send(request).await?.json()
    }

    /// Server-side processing (`process`), or processing and creating the VM (`create`): the
    /// answer is a `ProcessedVirtualMachineTemplate`.
    pub async fn process(
        &self,
        name: &str,
        subresource: Subresource,
        parameters: &[(String, String)],
    ) -> Result<Value> {
        let path = VIRTUAL_MACHINE_TEMPLATE_SUBRESOURCES.subresource(Some(self.namespace), name, subresource.word());
        let request = Request::new(Method::POST, path)
            .body(process_options(parameters).to_string().into_bytes(), JSON)
            .resource(VIRTUAL_MACHINE_TEMPLATES.plural, name);
        self.api.send(request).await?.json()
    }

    /// `POST` a VirtualMachineTemplateRequest; the answer is the created object.
    pub async fn create_request(&self, body: &Value) -> Result<Value> {
        let path = VIRTUAL_MACHINE_TEMPLATE_REQUESTS.collection(Some(self.namespace));
        let request = Request::new(Method::POST, path).body(body.to_string().into_bytes(), JSON);
        self.api.send(request).await?.json()
    }

    /// `GET` an OpenShift `Template`.
    pub async fn openshift_template(&self, name: &str) -> Result<Value> {
        let path = OPENSHIFT_TEMPLATES.object(Some(self.namespace), name);
        let request = Request::get(path).resource(OPENSHIFT_TEMPLATES.plural, name);
        self.api.send(request).await?.json()
    }
}

/// Which subresource of a template runs the processor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subresource {
    Process,
    Create,
}

impl Subresource {
    fn word(self) -> &'static str {
        match self {
            Subresource::Process => "process",
            Subresource::Create => "create",
        }
    }
}

/// `ProcessOptions`: `{"parameters":{...}}`, or `{}` without parameters (`omitempty`).
pub fn process_options(parameters: &[(String, String)]) -> Value {
    if parameters.is_empty() {
        return json!({});
    }
    // Go writes a map's keys sorted.
    let mut sorted = parameters.to_vec();
    sorted.sort();
    let map: serde_json::Map<String, Value> = sorted.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    json!({ "parameters": map })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_leave_out_empty_parameters() {
        assert_eq!(process_options(&[]).to_string(), "{}");
        assert_eq!(
            process_options(&[("A".into(), "1".into())]).to_string(),
            r#"{"parameters":{"A":"1"}}"#
        );
    }
}
