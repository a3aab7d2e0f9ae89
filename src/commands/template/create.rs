//! `template create`: asks the cluster for a VirtualMachineTemplate made from an existing VM, by
//! creating a VirtualMachineTemplateRequest (virt-template's controller does the rest). It does
//! not wait.

use clap::Args;
use serde_json::{Map, Value, json};

use crate::cluster::templates::Templates;
use crate::context::Ctx;
use crate::error::{Error, Result};

pub const EXAMPLES: &str = "Examples:
  # Create a VirtualMachineTemplateRequest for a VM in the current namespace.
  virtctl template create --vm-name my-vm

  # Create a VirtualMachineTemplateRequest for a VM in a specific namespace.
  virtctl template create --vm-name my-vm --vm-namespace production

  # Create a VirtualMachineTemplateRequest with a specific template name.
  virtctl template create --vm-name my-vm --name my-template

  # Create a VirtualMachineTemplateRequest and watch for completion.
  virtctl template create --vm-name my-vm && kubectl get vmtr -w";

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// None are accepted (cobra's `NoArgs`).
    #[arg(hide = true, num_args = 0..)]
    pub positionals: Vec<String>,
    /// Specify the name of the VirtualMachine to create a template from.
    #[arg(long = "vm-name", value_name = "string")]
    pub vm_name: Option<String>,
    /// Specify the namespace of the VirtualMachine. If not specified, uses the current namespace.
    #[arg(long = "vm-namespace", value_name = "string", default_value = "")]
    pub vm_namespace: String,
    /// Specify the name for the created VirtualMachineTemplate. If not specified, uses a randomized name.
    #[arg(long, value_name = "string", default_value = "")]
    pub name: String,
}

pub async fn run(args: CreateArgs, ctx: &Ctx) -> Result<()> {
    if let Some(first) = args.positionals.first() {
        return Err(Error::Usage(format!(
            "unknown command \"{first}\" for \"virtctl template create\""
        )));
    }
    let Some(vm_name) = args.vm_name else {
        return Err(Error::Usage("required flag(s) \"vm-name\" not set".into()));
    };
    let cluster = ctx.cluster().await?;
    let vm_namespace = match args.vm_namespace.as_str() {
        "" => cluster.namespace.as_str(),
        ns => ns,
    };
    let body = request_body(&vm_name, vm_namespace, &cluster.namespace, &args.name);
    let created = Templates::new(&cluster.api, &cluster.namespace)
        .create_request(&body)
        .await
        .map_err(|e| e.context("error creating VirtualMachineTemplateRequest", ": "))?;
    let name = created.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    ctx.out.line(format!(
        "virtualmachinetemplaterequest.template.kubevirt.io/{name} created"
    ))
}

/// The VirtualMachineTemplateRequest: named by the server after the VM, the template name left
/// out when empty (`omitempty`).
fn request_body(vm_name: &str, vm_namespace: &str, namespace: &str, template_name: &str) -> Value {
    let mut spec = Map::new();
    spec.insert(
        "virtualMachineRef".into(),
        json!({"namespace": vm_namespace, "name": vm_name}),
    );
    if !template_name.is_empty() {
        spec.insert("templateName".into(), Value::from(template_name));
    }
    json!({
        "kind": "VirtualMachineTemplateRequest",
        "apiVersion": "template.kubevirt.io/v1beta1",
        "metadata": {"generateName": format!("{vm_name}-"), "namespace": namespace},
        "spec": spec,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_request_is_upstream_s() {
        assert_eq!(
            super::request_body("vm", "other", "demo", "t").to_string(),
            r#"{"kind":"VirtualMachineTemplateRequest","apiVersion":"template.kubevirt.io/v1beta1","metadata":{"generateName":"vm-","namespace":"demo"},"spec":{"virtualMachineRef":{"namespace":"other","name":"vm"},"templateName":"t"}}"#
        );
        assert!(
            !super::request_body("vm", "demo", "demo", "")
                .to_string()
                .contains("templateName")
        );
    }
}
