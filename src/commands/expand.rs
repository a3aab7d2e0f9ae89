//! `expand`: a VirtualMachine with its instancetype and preference applied, for a VM in the
//! cluster (`--vm`) or manifests in a file or stdin (`--file`; beyond upstream, every document
//! of the file, not just the first).

use std::io::Read;

use clap::Args;
use serde::Serialize;
use serde_json::{Map, Value};

use super::Positionals;
use crate::cluster::kubevirt::{Vm, expand_vm_spec};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::io_error_text;
use crate::go_yaml::to_yaml;

#[derive(Args, Debug)]
#[command(
    override_usage = "virtctl expand (VM) [flags]",
    after_help = "Examples:\n  #Expand a virtual machine called 'myvm'.\n  virtctl expand --vm myvm\n  \n  # Expand a virtual machine from file called myvm.yaml.\n  virtctl expand --file myvm.yaml\n\n  # Expand a virtual machine from stdin. Press Ctrl+D (Unix) or Ctrl+Z (Windows) to signal the end of input.\n  virtctl expand --file -\n\n  # Expand a virtual machine called myvm and display output in json format.\n  virtctl expand --vm myvm --output json"
)]
pub struct ExpandArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// Specify VirtualMachine name that should be expanded. Mutually exclusive with "--file" flag.
    #[arg(long, value_name = "string", default_value = "")]
    pub vm: String,
    /// If present, the Virtual Machine spec in provided file will be expanded. Mutually exclusive with "--vm" flag.
    #[arg(short = 'f', long, value_name = "string", default_value = "")]
    pub file: String,
    /// Specify a format that will be used to display output.
    #[arg(short = 'o', long, value_name = "string", default_value = "yaml")]
    pub output: String,
}

impl ExpandArgs {
    /// Upstream's order: the argument count, the missing source, the output format, and only
    /// then cobra's mutual exclusion of `--vm` and `--file`.
    fn check(&self) -> Result<()> {
        self.args.exactly(0)?;
        if self.vm.is_empty() && self.file.is_empty() {
            return Err(Error::Usage(
                "error invalid arguments - VirtualMachine name or file must be provided".into(),
            ));
        }
        if self.output != "yaml" && self.output != "json" {
            return Err(Error::Usage(format!(
                "error not supported output format defined: {}",
                self.output
            )));
        }
        if !self.vm.is_empty() && !self.file.is_empty() {
            return Err(Error::Usage(
                "if any flags in the group [file vm] are set none of the others can be; [file vm] were all set".into(),
            ));
        }
        Ok(())
    }
}

pub async fn run(args: ExpandArgs, ctx: &Ctx) -> Result<()> {
    args.check()?;
    let cluster = ctx.cluster().await?;
    let (api, ns) = (&cluster.api, cluster.namespace.as_str());
    let failed = |name: &str| format!("error expanding VirtualMachine - {name} in namespace - {ns}");

    if !args.vm.is_empty() {
        let expanded = Vm::new(api, ns, &args.vm)
            .expanded()
            .await
            .map_err(|e| e.context(failed(&args.vm), ": "))?;
        return ctx.out.raw(render(&expanded, &args.output)?);
    }

    let documents = read_documents(&args.file)?;
    let mut printed = Vec::new();
    for vm in &documents {
        let name = vm.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
        let expanded = expand_vm_spec(api, ns, vm)
            .await
            .map_err(|e| e.context(failed(name), ": "))?;
        printed.push(render(&expanded, &args.output)?);
    }
    let separator = if args.output == "yaml" { "---\n" } else { "\n" };
    ctx.out.raw(printed.join(separator))
}

/// The manifests of the file (`-` = stdin): every YAML document, or every JSON value.
fn read_documents(path: &str) -> Result<Vec<Value>> {
    let mut text = String::new();
    if path == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::Io(format!("error reading from stdin: {e}")))?;
    } else {
        text = std::fs::read_to_string(path)
            .map_err(|e| Error::Io(format!("error reading file open {path}: {}", io_error_text(&e))))?;
    }
    let decoded = decode_documents(&text).map_err(|e| Error::Other(format!("error decoding VirtualMachine {e}")))?;
    if decoded.is_empty() {
        return Err(Error::Other("error decoding VirtualMachine EOF".into()));
    }
    Ok(decoded)
}

fn decode_documents(text: &str) -> std::result::Result<Vec<Value>, String> {
    let documents: Vec<Value> = if text.trim_start().starts_with('{') {
        serde_json::Deserializer::from_str(text)
            .into_iter::<Value>()
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| e.to_string())?
    } else {
        serde_saphyr::from_str_multiple::<Value, Vec<Value>>(text).map_err(|e| e.to_string())?
    };
    let documents: Vec<Value> = documents.into_iter().filter(|d| !d.is_null()).collect();
    if let Some(bad) = documents.iter().find(|d| !d.is_object()) {
        return Err(format!(
            "json: cannot unmarshal {} into Go value of type v1.VirtualMachine",
            json_type(bad)
        ));
    }
    Ok(documents)
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

/// The expanded VM as upstream prints it: `kind`/`apiVersion` set to VirtualMachine /
/// kubevirt.io/v1 and first; YAML as go-yaml does, JSON with a one-space indent and no final
/// newline.
fn render(vm: &Value, output: &str) -> Result<String> {
    let mut object = Map::new();
    object.insert("kind".into(), Value::from("VirtualMachine"));
    object.insert("apiVersion".into(), Value::from("kubevirt.io/v1"));
    if let Some(fields) = vm.as_object() {
        for (key, value) in fields {
            if key != "kind" && key != "apiVersion" {
                object.insert(key.clone(), value.clone());
            }
        }
    }
    let object = Value::Object(object);
    if output == "yaml" {
        return Ok(to_yaml(&object));
    }
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b" "));
    object
        .serialize(&mut serializer)
        .map_err(|e| Error::Other(format!("cannot render JSON: {e}")))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_document_is_read_and_nulls_are_skipped() {
        let docs =
            decode_documents("kind: VirtualMachine\nmetadata: {name: a}\n---\n---\nmetadata: {name: b}\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1]["metadata"]["name"], "b");
        let json_docs = decode_documents("{\"metadata\":{\"name\":\"a\"}} {\"metadata\":{\"name\":\"b\"}}").unwrap();
        assert_eq!(json_docs.len(), 2);
        assert!(decode_documents("- a\n").is_err());
    }

    #[test]
    fn json_has_a_one_space_indent_kind_first_and_no_final_newline() {
        let text = render(&json!({"metadata": {"name": "a"}, "kind": "X"}), "json").unwrap();
        assert_eq!(
            text,
            "{\n \"kind\": \"VirtualMachine\",\n \"apiVersion\": \"kubevirt.io/v1\",\n \"metadata\": {\n  \"name\": \"a\"\n }\n}"
        );
        let yaml = render(&json!({"metadata": {"name": "a"}}), "yaml").unwrap();
        assert_eq!(
            yaml,
            "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: a\n"
        );
    }
}
