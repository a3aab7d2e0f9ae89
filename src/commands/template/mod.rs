//! `template`: VirtualMachineTemplates (virt-template, `template.kubevirt.io/v1beta1`).
//! `process` turns a template into a VirtualMachine (server-side, or locally with the same
//! engine), `create` asks the cluster to make a template from a VM, `convert` turns an OpenShift
//! `Template` into a VirtualMachineTemplate. What they share lives here: the name-or-file
//! checks, reading a document from a file or stdin, the output.

pub mod convert;
pub mod create;
pub mod engine;
pub mod process;

use std::io::Read;

use clap::{Args, Subcommand};
use serde_json::{Map, Value};

use crate::context::Ctx;
use crate::error::{Error, Result};

#[derive(Args, Debug)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub command: TemplateCommand,
}

#[derive(Subcommand, Debug)]
pub enum TemplateCommand {
    /// Convert an OpenShift Template into a VirtualMachineTemplate.
    #[command(override_usage = "virtctl template convert [name] [flags]", after_help = convert::EXAMPLES)]
    Convert(convert::ConvertArgs),
    /// Create a VirtualMachineTemplate from an existing VirtualMachine on the cluster.
    #[command(override_usage = "virtctl template create [flags]", after_help = create::EXAMPLES)]
    Create(create::CreateArgs),
    /// Process a VirtualMachineTemplate and return the created VirtualMachine object.
    #[command(override_usage = "virtctl template process [name] [flags]", after_help = process::EXAMPLES)]
    Process(Box<process::ProcessArgs>),
}

pub async fn run(args: TemplateArgs, ctx: &Ctx) -> Result<()> {
    match args.command {
        TemplateCommand::Convert(args) => convert::run(args, ctx).await,
        TemplateCommand::Create(args) => create::run(args, ctx).await,
        TemplateCommand::Process(args) => process::run(*args, ctx).await,
    }
}

/// Where the template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// By name, from the cluster.
    Cluster(String),
    /// A file, or stdin for `-`.
    File(String),
}

/// `[NAME]`, `--name`, `-f/--file`, `-o`: where the template comes from and how the result is
/// printed (`process` and `convert`; `convert` words the help for OpenShift Templates).
#[derive(Args, Debug)]
pub struct SourceArgs {
    /// The template's name (instead of --name).
    #[arg(hide = true, num_args = 0..)]
    pub positionals: Vec<String>,
    /// Specify the name of the VirtualMachineTemplate.
    #[arg(long, value_name = "string")]
    pub name: Option<String>,
    /// Specify a file containing a VirtualMachineTemplate.
    #[arg(short = 'f', long, value_name = "string")]
    pub file: Option<String>,
    /// Specify the output format.
    #[arg(short = 'o', long, value_name = "string", default_value = "yaml")]
    pub output: String,
}

impl SourceArgs {
    /// The name/file checks (upstream's `validateArgs`), in order.
    fn checked(&self) -> Result<(Source, Format)> {
        source_and_format(
            &self.positionals,
            self.name.as_deref(),
            self.file.as_deref(),
            &self.output,
        )
    }
}

/// The name/file checks `process` and `convert` share (upstream's `validateArgs`), in order.
fn source_and_format(
    positionals: &[String],
    name: Option<&str>,
    file: Option<&str>,
    output: &str,
) -> Result<(Source, Format)> {
    if positionals.len() > 1 {
        return Err(Error::Usage(format!(
            "accepts between 0 and 1 arg(s), received {}",
            positionals.len()
        )));
    }
    let name = name.filter(|n| !n.is_empty());
    let file = file.filter(|f| !f.is_empty());
    let name = match (positionals.first(), name) {
        (Some(_), _) if file.is_some() => return Err(Error::Usage("only one of name or file can be provided".into())),
        (Some(_), Some(_)) => {
            return Err(Error::Usage(
                "provide name either from positional argument or from flag".into(),
            ));
        }
        (Some(positional), None) => Some(positional.as_str()),
        (None, name) => name,
    };
    let source = match (name, file) {
        (Some(name), _) => Source::Cluster(name.to_string()),
        (None, Some(file)) => Source::File(file.to_string()),
        (None, None) => return Err(Error::Usage("name or file must be provided".into())),
    };
    let format = match output {
        "yaml" => Format::Yaml,
        "json" => Format::Json,
        other => return Err(Error::Usage(format!("not supported output format: {other}"))),
    };
    Ok((source, format))
}

/// cobra's check of `MarkFlagsMutuallyExclusive` groups, run before the command: the groups in
/// name order, the first with more than one flag set is the error.
fn exclusive_groups(groups: &[&[(&str, bool)]]) -> Result<()> {
    let mut named: Vec<(String, &[(&str, bool)])> = groups
        .iter()
        .map(|group| (group.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" "), *group))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, group) in named {
        let mut set: Vec<&str> = group.iter().filter(|(_, s)| *s).map(|(n, _)| *n).collect();
        if set.len() > 1 {
            set.sort_unstable();
            return Err(Error::Usage(format!(
                "if any flags in the group [{name}] are set none of the others can be; [{}] were all set",
                set.join(" ")
            )));
        }
    }
    Ok(())
}

/// `-o yaml|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Json,
}

/// The document as upstream prints it: YAML (keys sorted, as `sigs.k8s.io/yaml`), or Go's
/// `json.MarshalIndent` with a one-space indent and no final newline.
fn render(format: Format, value: &Value) -> Result<String> {
    match format {
        Format::Yaml => Ok(crate::go_yaml::to_yaml(value)),
        Format::Json => go_json(value),
    }
}

/// `json.MarshalIndent(v, "", " ")`: Go escapes `<`, `>`, `&` (and U+2028/9) in strings; those
/// characters only ever occur inside strings in JSON text, so escaping them after is exact.
fn go_json(value: &Value) -> Result<String> {
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    serde::Serialize::serialize(value, &mut serializer).map_err(|e| Error::Other(e.to_string()))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029"))
}

/// `value`'s keys in the order `names` gives (Go's struct field order); other keys after, as they
/// were.
fn in_field_order(value: &Value, names: &[&str]) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    let mut ordered = Map::new();
    for name in names {
        if let Some(v) = map.get(*name) {
            ordered.insert((*name).to_string(), v.clone());
        }
    }
    for (k, v) in map {
        if !ordered.contains_key(k) {
            ordered.insert(k.clone(), v.clone());
        }
    }
    Value::Object(ordered)
}

/// `metav1.ObjectMeta`'s field order.
const OBJECT_META: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];

/// The top of an object in Go's order: `kind`, `apiVersion`, `metadata`, then `spec_fields` in
/// the spec, then the rest.
fn object_in_field_order(object: &Value, spec_fields: &[&str]) -> Value {
    let mut ordered = in_field_order(object, &["kind", "apiVersion", "metadata", "spec", "status"]);
    if let Some(metadata) = ordered.get("metadata").map(|m| in_field_order(m, OBJECT_META)) {
        ordered["metadata"] = metadata;
    }
    if let Some(spec) = ordered.get("spec").map(|s| in_field_order(s, spec_fields)) {
        ordered["spec"] = spec;
    }
    ordered
}

/// A VirtualMachine in `virtv1.VirtualMachine`'s field order (its spec and template too).
fn vm_in_field_order(vm: &Value) -> Value {
    let mut ordered = object_in_field_order(
        vm,
        &[
            "running",
            "runStrategy",
            "instancetype",
            "preference",
            "template",
            "dataVolumeTemplates",
            "updateVolumesStrategy",
        ],
    );
    if let Some(template) = ordered.pointer("/spec/template").filter(|t| t.is_object()) {
        let mut template = in_field_order(template, &["metadata", "spec"]);
        if let Some(metadata) = template.get("metadata").map(|m| in_field_order(m, OBJECT_META)) {
            template["metadata"] = metadata;
        }
        ordered["spec"]["template"] = template;
    }
    ordered
}

/// The `kind` (`VirtualMachineTemplate`, `Template`) in `file` (`-` for stdin), with upstream's
/// error prefixes.
fn read_template_file(file: &str, kind: &str) -> Result<Value> {
    read_document(file).map_err(|(opening, e)| match opening {
        true => Error::Other(format!("error opening file {file}: {e}")),
        false => Error::Other(format!("error decoding {kind}: {e}")),
    })
}

/// The document in a file, or on stdin for `-`, as JSON or YAML (JSON when it starts with `{`,
/// as Kubernetes' YAML-or-JSON decoder sniffs it). The error says whether the file could not be
/// opened (`true`) or not decoded, and what went wrong.
fn read_document(file: &str) -> std::result::Result<Value, (bool, String)> {
    let text = if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| (false, e.to_string()))?;
        text
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| (true, format!("open {file}: {}", crate::go_syntax::io_error_text(&e))))?
    };
    decode_document(&text).map_err(|e| (false, e))
}

/// One JSON or YAML document (the first of several); empty input is Go's `EOF`.
fn decode_document(text: &str) -> std::result::Result<Value, String> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err("EOF".into());
    }
    if trimmed.starts_with('{') {
        let mut stream = serde_json::Deserializer::from_str(trimmed).into_iter::<Value>();
        return match stream.next() {
            Some(Ok(value)) => Ok(value),
            Some(Err(e)) => Err(e.to_string()),
            None => Err("EOF".into()),
        };
    }
    let first = first_yaml_document(text);
    if first.trim().is_empty() {
        return Err("EOF".into());
    }
    serde_saphyr::from_str::<Value>(first).map_err(|e| format!("error converting YAML to JSON: {e}"))
}

/// The text of the first YAML document (before a second `---` line).
fn first_yaml_document(text: &str) -> &str {
    let mut offset = 0;
    let mut seen_content = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare.starts_with("--- ") {
            if seen_content {
                return &text[..offset];
            }
        } else if !bare.trim().is_empty() && !bare.trim_start().starts_with('#') {
            seen_content = true;
        }
        offset += line.len();
    }
    text
}

/// A uniformly random index below `n` from the TLS provider's secure random source (generated
/// parameters are often passwords). A failing source is reported in `failed`.
fn secure_index(n: usize, failed: &mut bool) -> usize {
    let random = rustls::crypto::ring::default_provider().secure_random;
    let n = n.max(1) as u64;
    // Rejection sampling keeps every index equally likely.
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let mut bytes = [0u8; 8];
        if random.fill(&mut bytes).is_err() {
            *failed = true;
            return 0;
        }
        let x = u64::from_le_bytes(bytes);
        if x < zone {
            return (x % n) as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn name_and_file_checks_follow_upstream() {
        let words = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let err = |p: &[&str], name: Option<&str>, file: Option<&str>, o: &str| {
            source_and_format(&words(p), name, file, o).unwrap_err().to_string()
        };
        assert_eq!(err(&[], None, None, "yaml"), "name or file must be provided");
        assert_eq!(
            err(&["a"], Some("b"), None, "yaml"),
            "provide name either from positional argument or from flag"
        );
        assert_eq!(
            err(&["a"], None, Some("f"), "yaml"),
            "only one of name or file can be provided"
        );
        assert_eq!(err(&["a"], None, None, "xml"), "not supported output format: xml");
        assert_eq!(
            err(&["a", "b"], None, None, "yaml"),
            "accepts between 0 and 1 arg(s), received 2"
        );
        assert_eq!(
            source_and_format(&words(&["a"]), None, None, "json").unwrap(),
            (Source::Cluster("a".into()), Format::Json)
        );
        assert_eq!(
            source_and_format(&[], None, Some("-"), "yaml").unwrap().0,
            Source::File("-".into())
        );
    }

    #[test]
    fn exclusive_groups_are_checked_in_name_order() {
        let groups: &[&[(&str, bool)]] = &[&[("file", true), ("name", true)], &[("create", true), ("local", true)]];
        assert_eq!(
            exclusive_groups(groups).unwrap_err().to_string(),
            "if any flags in the group [create local] are set none of the others can be; [create local] were all set"
        );
        assert!(exclusive_groups(&[&[("file", true), ("name", false)]]).is_ok());
    }

    #[test]
    fn json_is_go_s_marshal_indent() {
        let text = go_json(&json!({"a": ["<b>"], "c": {}})).unwrap();
        assert_eq!(text, "{\n \"a\": [\n  \"\\u003cb\\u003e\"\n ],\n \"c\": {}\n}");
    }

    #[test]
    fn a_vm_is_in_go_field_order() {
        let vm = json!({"status": {}, "spec": {"template": {"spec": {}, "metadata": {"labels": {}, "name": "x"}},
                        "runStrategy": "Always"}, "metadata": {"namespace": "n", "name": "a"},
                        "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine"});
        let ordered = vm_in_field_order(&vm);
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&ordered), ["kind", "apiVersion", "metadata", "spec", "status"]);
        assert_eq!(keys(&ordered["metadata"]), ["name", "namespace"]);
        assert_eq!(keys(&ordered["spec"]), ["runStrategy", "template"]);
        assert_eq!(keys(&ordered["spec"]["template"]), ["metadata", "spec"]);
        assert_eq!(keys(&ordered["spec"]["template"]["metadata"]), ["name", "labels"]);
    }

    #[test]
    fn documents_are_json_or_the_first_yaml_document() {
        assert_eq!(decode_document("{\"a\": 1} trailing").unwrap(), json!({"a": 1}));
        assert_eq!(decode_document("a: 1\n---\nb: 2\n").unwrap(), json!({"a": 1}));
        assert_eq!(decode_document("---\na: 1\n").unwrap(), json!({"a": 1}));
        assert_eq!(decode_document("  \n").unwrap_err(), "EOF");
    }

    #[test]
    fn secure_indices_stay_below_the_bound() {
        let mut failed = false;
        assert!((0..100).all(|_| secure_index(3, &mut failed) < 3));
        assert!(!failed);
    }
}
