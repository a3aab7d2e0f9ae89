//! `template process [NAME]`: a VirtualMachineTemplate turned into a VirtualMachine, by the
//! cluster (`process`, or `create` which also creates the VM) or locally with the same engine
//! (`--file`, `--local`). `--print-params` prints only the template's parameters.

use clap::Args;
use serde_json::Value;

use super::engine::{self, Template};
use super::{
    Format, Source, SourceArgs, exclusive_groups, read_document, read_template_file, render, secure_index,
    vm_in_field_order,
};
use crate::cluster::templates::{Subresource, Templates};
use crate::commands::meta;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::{merge_string_maps, parse_go_bool, parse_string_to_string};

pub const EXAMPLES: &str = "Examples:
  # Process a template from the cluster using positional argument.
  virtctl template process mytemplate

  # Process a template by name from the cluster.
  virtctl template process --name mytemplate

  # Process a template from a local file.
  virtctl template process --file mytemplate.yaml

  # Process a template from stdin.
  virtctl template process --file -

  # Process a template in a specific namespace.
  virtctl template process --name mytemplate --namespace production

  # Process a template with parameters.
  virtctl template process --name mytemplate --param key1=value1 --param key2=value2

  # Process a template with parameters from a file.
  virtctl template process --name mytemplate --params-file params.yaml

  # Process a template and output as JSON.
  virtctl template process --name mytemplate --output json

  # Process a local template file with parameters.
  virtctl template process --file mytemplate.yaml --param diskSize=50Gi --param memory=4Gi

  # Force local processing (instead of server-side processing).
  virtctl template process --name mytemplate --local

  # Create a VM in the cluster from a template using the subresource API.
  virtctl template process --name mytemplate --create

  # Create a VM in the cluster with parameters.
  virtctl template process --name mytemplate --create --param CPU=4 --param MEMORY=8Gi

  # Print only the parameters of a template without processing.
  virtctl template process --name mytemplate --print-params

  # Print parameters from a local template file.
  virtctl template process --file mytemplate.yaml --print-params

  # Combine local file processing with parameters file and JSON output.
  virtctl template process -f mytemplate.yaml --params-file params.json -o json

  # Process template from current directory and redirect output to file.
  virtctl template process --file mytemplate.yaml > vm.yaml

  # Process template with multiple parameters and save as JSON.
  virtctl template process mytemplate -p cpu=4 -p memory=8Gi -p diskSize=100Gi -o json > vm.json

  # Process a template from different namespace with parameters.
  virtctl template process mytemplate -n dev -p diskSize=20Gi

  # Process template and directly apply it to the cluster.
  virtctl template process mytemplate -n staging | kubectl apply -f -";

#[derive(Args, Debug)]
pub struct ProcessArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Specify parameters that should be used during processing.
    #[arg(short = 'p', long, value_name = "stringToString", value_parser = parse_string_to_string)]
    pub param: Vec<Vec<(String, String)>>,
    /// Specify a file that contains parameters that should be used during processing. Supports JSON and YAML dictionaries.
    #[arg(long = "params-file", value_name = "string")]
    pub params_file: Option<String>,
    /// Force local processing of VirtualMachineTemplates.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = parse_go_bool)]
    pub local: Option<bool>,
    /// Use subresource API to create a VM when processing a remote VirtualMachineTemplate.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = parse_go_bool)]
    pub create: Option<bool>,
    /// Only print parameters of the specified VirtualMachineTemplates.
    #[arg(long = "print-params", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          value_parser = parse_go_bool)]
    pub print_params: Option<bool>,
}

pub async fn run(args: ProcessArgs, ctx: &Ctx) -> Result<()> {
    // cobra's flag groups are judged by whether a flag was set, not by its value. (Upstream also
    // makes --param and --params-file exclusive; here they combine, the command line winning.)
    let (file, local, create, print_params) = (
        args.source.file.is_some(),
        args.local.is_some(),
        args.create.is_some(),
        args.print_params.is_some(),
    );
    exclusive_groups(&[
        &[("file", file), ("name", args.source.name.is_some())],
        &[("file", file), ("local", local)],
        &[("create", create), ("file", file)],
        &[("create", create), ("local", local)],
        &[("create", create), ("print-params", print_params)],
    ])?;
    let (source, format) = args.source.checked()?;
    let cluster = ctx.cluster().await?;
    let templates = Templates::new(&cluster.api, &cluster.namespace);
    let fetcher = Fetcher {
        templates: &templates,
        namespace: &cluster.namespace,
        source: &source,
    };

    if args.print_params == Some(true) {
        let template = fetcher
            .template()
            .await
            .map_err(|e| e.context("error printing template parameters", ": "))?;
        let parameters = match template.spec.parameters.as_slice() {
            [] => Value::Null,
            parameters => serde_json::to_value(parameters).map_err(|e| Error::Other(e.to_string()))?,
        };
        return print(ctx, format, &parameters, "");
    }

    let parameters = parameters(&args)?;
    let server = |name, subresource| remote(&templates, &cluster.namespace, name, subresource, &parameters);
    let (vm, message) = match (&source, args.create == Some(true), args.local == Some(true)) {
        (Source::Cluster(name), true, _) => {
            let vm = processed_vm(&server(name, Subresource::Create).await?);
            return ctx
                .out
                .line(format!("{}/{} created", kind_group(&vm)?, meta(&vm, "name")));
        }
        (Source::Cluster(name), false, false) => {
            let answer = server(name, Subresource::Process).await?;
            let message = answer.get("message").and_then(Value::as_str).unwrap_or("").to_string();
            (processed_vm(&answer), message)
        }
        _ => process_locally(ctx, fetcher.template().await?, &parameters)?,
    };
    let vm = match format {
        Format::Json => vm_in_field_order(&vm),
        Format::Yaml => vm,
    };
    print(ctx, format, &vm, &message)
}

/// Server-side processing, the failure prefixed with the step as upstream words it.
async fn remote(
    templates: &Templates<'_>,
    namespace: &str,
    name: &str,
    subresource: Subresource,
    parameters: &[(String, String)],
) -> Result<Value> {
    let step = match subresource {
        Subresource::Create => "error creating VirtualMachine from remote VirtualMachineTemplate",
        Subresource::Process => "error processing remote VirtualMachineTemplate",
    };
    let answer = templates.process(name, subresource, parameters).await;
    answer.map_err(|e| e.context(format!("{step} {namespace}/{name}"), ": "))
}

/// The parameters to process with: the params file's, then `-p`'s over them.
fn parameters(args: &ProcessArgs) -> Result<Vec<(String, String)>> {
    let mut occurrences = Vec::new();
    if let Some(file) = &args.params_file {
        let read = read_params_file(file).map_err(|e| Error::Other(format!("error reading params file: {e}")))?;
        occurrences.push(read);
    }
    occurrences.extend(args.param.iter().cloned());
    Ok(merge_string_maps(&occurrences))
}

/// A YAML or JSON map of strings, decoded as Go decodes into `map[string]string`.
fn read_params_file(file: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let document = read_document(file).map_err(|(_, e)| e)?;
    let Value::Object(map) = document else {
        return Err(format!(
            "json: cannot unmarshal {} into Go value of type map[string]string",
            engine::json_type(&document)
        ));
    };
    map.into_iter()
        .map(|(key, value)| match value {
            Value::String(text) => Ok((key, text)),
            other => Err(format!(
                "json: cannot unmarshal {} into Go value of type string",
                engine::json_type(&other)
            )),
        })
        .collect()
}

/// Reads the template from where the arguments say.
struct Fetcher<'a> {
    templates: &'a Templates<'a>,
    namespace: &'a str,
    source: &'a Source,
}

impl Fetcher<'_> {
    async fn template(&self) -> Result<Template> {
        let document = match self.source {
            Source::Cluster(name) => self.templates.get(name).await.map_err(|e| {
                e.context(
                    format!("error fetching remote VirtualMachineTemplate {}/{name}", self.namespace),
                    ": ",
                )
            })?,
            Source::File(file) => read_template_file(file, "VirtualMachineTemplate")?,
        };
        serde_json::from_value(document)
            .map_err(|e| Error::Other(format!("error decoding VirtualMachineTemplate: {e}")))
    }
}

/// upstream's `processLocal`: merge, check the references (warnings on stderr), process.
fn process_locally(ctx: &Ctx, mut template: Template, parameters: &[(String, String)]) -> Result<(Value, String)> {
    engine::merge_parameters(&mut template.spec.parameters, parameters)
        .map_err(|e| Error::Other(format!("error merging template parameters: {e}")))?;
    let (warnings, errors) = engine::validate_references(&template.spec);
    for warning in warnings {
        ctx.out.note(format!("Warning: {warning}"));
    }
    if !errors.is_empty() {
        return Err(Error::Other(format!(
            "error validating template parameters: {}",
            engine::aggregate(&errors)
        )));
    }
    let mut failed = false;
    let processed = engine::process(&template.spec, &mut |n| secure_index(n, &mut failed));
    if failed {
        return Err(Error::Other(
            "error processing VirtualMachineTemplate locally: cannot read random bytes for a generated parameter"
                .into(),
        ));
    }
    processed.map_err(|e| Error::Other(format!("error processing VirtualMachineTemplate locally: {e}")))
}

/// The `virtualMachine` of a `ProcessedVirtualMachineTemplate`, as decoding it into Go's type
/// leaves it.
fn processed_vm(answer: &Value) -> Value {
    let mut vm = answer.get("virtualMachine").cloned().unwrap_or(Value::Null);
    engine::as_virtual_machine(&mut vm);
    vm
}

/// `kind.group` lower-cased, from the object's `kind` and `apiVersion`.
fn kind_group(vm: &Value) -> Result<String> {
    let kind = vm.get("kind").and_then(Value::as_str).unwrap_or("");
    let api_version = vm.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let group = match api_version.split('/').collect::<Vec<_>>().as_slice() {
        [_] => "",
        [group, _] => group,
        _ => {
            return Err(Error::Other(format!(
                "error parsing GroupVersion: unexpected GroupVersion string: {api_version}"
            )));
        }
    };
    Ok(format!("{kind}.{group}").to_lowercase())
}

/// The message (if any) on stderr first, verbatim; then the document on stdout.
fn print(ctx: &Ctx, format: Format, value: &Value, message: &str) -> Result<()> {
    let text = render(format, value)?;
    if !message.is_empty() {
        ctx.out.note_raw(message);
    }
    ctx.out.raw(text)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_created_line_names_kind_and_group() {
        let vm = json!({"kind": "VirtualMachine", "apiVersion": "kubevirt.io/v1", "metadata": {"name": "a"}});
        assert_eq!(kind_group(&vm).unwrap(), "virtualmachine.kubevirt.io");
        assert_eq!(kind_group(&json!({"kind": "Pod", "apiVersion": "v1"})).unwrap(), "pod.");
        assert!(kind_group(&json!({"apiVersion": "a/b/c"})).is_err());
    }
}
