//! `template convert [NAME]`: an OpenShift `Template` (from the cluster or a file) as a
//! VirtualMachineTemplate. Nothing is sent but the read.

use clap::Args;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::engine::Parameter;
use super::{
    Format, Source, SourceArgs, exclusive_groups, in_field_order, object_in_field_order, read_template_file, render,
};
use crate::cluster::templates::Templates;
use crate::context::Ctx;
use crate::error::{Error, Result};

pub const EXAMPLES: &str = "Examples:
  # Convert an OpenShift Template from the cluster using positional argument.
  virtctl template convert mytemplate

  # Convert a template by name from the cluster.
  virtctl template convert --name mytemplate

  # Convert a template from a local file.
  virtctl template convert --file mytemplate.yaml

  # Convert a template from stdin.
  virtctl template convert --file -

  # Convert a template in a specific namespace.
  virtctl template convert --name mytemplate --namespace production

  # Convert a template and output as JSON.
  virtctl template convert --name mytemplate --output json

  # Convert a local template file.
  virtctl template convert --file mytemplate.yaml

  # Convert template from current directory and redirect output to file.
  virtctl template convert --file mytemplate.yaml > vmt.yaml

  # Convert template and save as JSON.
  virtctl template convert mytemplate -o json > vmt.json

  # Convert a template from different namespace.
  virtctl template convert mytemplate -n dev

  # Convert template and directly apply it to the cluster.
  virtctl template convert mytemplate -n staging | kubectl apply -f -";

#[derive(Args, Debug)]
#[command(
    mut_arg("name", |a| a.help("Specify the name of the OpenShift Template")),
    mut_arg("file", |a| a.help("Specify a file containing an OpenShift Template"))
)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub source: SourceArgs,
}

/// The part of an OpenShift `Template` (`template.openshift.io/v1`) the conversion reads.
#[derive(Debug, Default, Deserialize)]
struct OpenShiftTemplate {
    #[serde(default)]
    metadata: Metadata,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    objects: Option<Vec<Value>>,
    #[serde(default)]
    parameters: Option<Vec<Parameter>>,
}

#[derive(Debug, Default, Deserialize)]
struct Metadata {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    namespace: Option<String>,
    #[serde(default)]
    labels: Option<Map<String, Value>>,
    #[serde(default)]
    annotations: Option<Map<String, Value>>,
}

pub async fn run(args: ConvertArgs, ctx: &Ctx) -> Result<()> {
    let source_args = &args.source;
    exclusive_groups(&[&[
        ("file", source_args.file.is_some()),
        ("name", source_args.name.is_some()),
    ]])?;
    let (source, format) = source_args.checked()?;
    let cluster = ctx.cluster().await?;
    let document = match &source {
        Source::Cluster(name) => Templates::new(&cluster.api, &cluster.namespace)
            .openshift_template(name)
            .await
            .map_err(|e| {
                e.context(
                    format!("error fetching remote Template {}/{name}", cluster.namespace),
                    ": ",
                )
            })?,
        Source::File(file) => read_template_file(file, "Template")?,
    };
    let template: OpenShiftTemplate =
        serde_json::from_value(document).map_err(|e| Error::Other(format!("error decoding Template: {e}")))?;
    let converted = convert(template)?;
    let converted = match format {
        Format::Json => json_field_order(&converted),
        Format::Yaml => converted,
    };
    ctx.out.raw(render(format, &converted)?)
}

/// The VirtualMachineTemplate: metadata's name, namespace, labels and annotations, the message,
/// the parameters, and the one object as the VirtualMachine. Empty fields are left out.
fn convert(template: OpenShiftTemplate) -> Result<Value> {
    let objects = template.objects.unwrap_or_default();
    if objects.len() != 1 {
        return Err(Error::Other(format!(
            "template must contain exactly one object, found {}",
            objects.len()
        )));
    }
    let mut metadata = Map::new();
    let metadata_fields = [
        (
            "name",
            template.metadata.name.filter(|s| !s.is_empty()).map(Value::from),
        ),
        (
            "namespace",
            template.metadata.namespace.filter(|s| !s.is_empty()).map(Value::from),
        ),
        (
            "labels",
            template.metadata.labels.filter(|m| !m.is_empty()).map(Value::Object),
        ),
        (
            "annotations",
            template
                .metadata
                .annotations
                .filter(|m| !m.is_empty())
                .map(Value::Object),
        ),
    ];
    for (key, value) in metadata_fields {
        if let Some(value) = value {
            metadata.insert(key.into(), value);
        }
    }
    let mut spec = Map::new();
    spec.insert(
        "virtualMachine".into(),
        objects.into_iter().next().unwrap_or(Value::Null),
    );
    let parameters = template.parameters.unwrap_or_default();
    if !parameters.is_empty() {
        spec.insert(
            "parameters".into(),
            serde_json::to_value(parameters).map_err(|e| Error::Other(e.to_string()))?,
        );
    }
    if let Some(message) = template.message.filter(|m| !m.is_empty()) {
        spec.insert("message".into(), Value::from(message));
    }
    let mut out = Map::new();
    out.insert("kind".into(), Value::from("VirtualMachineTemplate"));
    out.insert("apiVersion".into(), Value::from("template.kubevirt.io/v1beta1"));
    // `metadata` is `omitzero`: gone entirely when nothing is in it.
    if !metadata.is_empty() {
        out.insert("metadata".into(), Value::Object(metadata));
    }
    out.insert("spec".into(), Value::Object(spec));
    Ok(Value::Object(out))
}

/// Go's field order of a VirtualMachineTemplate.
fn json_field_order(template: &Value) -> Value {
    let mut ordered = object_in_field_order(template, &["virtualMachine", "parameters", "message"]);
    if let Some(metadata) = ordered
        .get("metadata")
        .map(|m| in_field_order(m, &["name", "namespace", "labels", "annotations"]))
    {
        ordered["metadata"] = metadata;
    }
    ordered
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn template(value: Value) -> OpenShiftTemplate {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn one_object_becomes_the_virtual_machine() {
        let converted = convert(template(json!({
            "metadata": {"name": "t", "namespace": "ns", "labels": {"a": "b"}, "uid": "x"},
            "message": "hi",
            "objects": [{"kind": "VirtualMachine", "metadata": {"name": "${NAME}"}}],
            "parameters": [{"name": "NAME", "generate": "expression", "from": "vm-[a-z]{4}", "required": true}]
        })))
        .unwrap();
        assert_eq!(
            converted,
            json!({"kind": "VirtualMachineTemplate", "apiVersion": "template.kubevirt.io/v1beta1",
                   "metadata": {"name": "t", "namespace": "ns", "labels": {"a": "b"}},
                   "spec": {"virtualMachine": {"kind": "VirtualMachine", "metadata": {"name": "${NAME}"}},
                            "parameters": [{"name": "NAME", "generate": "expression", "from": "vm-[a-z]{4}",
                                            "required": true}],
                            "message": "hi"}})
        );
    }

    #[test]
    fn exactly_one_object_is_required() {
        let err = convert(template(json!({"objects": [{}, {}]}))).unwrap_err();
        assert_eq!(err.to_string(), "template must contain exactly one object, found 2");
        let err = convert(template(json!({}))).unwrap_err();
        assert_eq!(err.to_string(), "template must contain exactly one object, found 0");
    }

    #[test]
    fn empty_metadata_is_left_out() {
        let converted = convert(template(json!({"objects": [{"kind": "VirtualMachine"}]}))).unwrap();
        assert!(converted.get("metadata").is_none());
    }
}
