//! `objectgraph VM` (`--vmi` for a VMI): the dependency graph virt-api computes, printed as
//! upstream prints it: JSON in Go's field order with a 2-space indent, or YAML with sorted keys
//! and the extra empty line of upstream's `Println`. Beyond upstream: `--tree`, an indented tree
//! for people.

use clap::Args;
use serde_json::{Map, Value, json};

use super::Positionals;
use crate::cluster::kubevirt::{Vm, Vmi};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::{merge_string_maps, parse_go_bool, parse_string_to_string};

pub const EXAMPLES: &str = "Examples:

  # Get the object graph for a VirtualMachine named 'my-vm'
  virtctl objectgraph my-vm

  # Get the object graph for a VirtualMachineInstance named 'my-vmi'
  virtctl objectgraph --vmi my-vmi

  # Exclude optional nodes in the object graph for a VM
  virtctl objectgraph my-vm --exclude-optional

  # Filter the object graph by label selector
  virtctl objectgraph my-vm --selector=\"kubevirt.io/dependency-type=storage,kubevirt.io/dependency-type=compute\"

  # Get the object graph in YAML format
  virtctl objectgraph my-vm --output yaml

  # Show the object graph as a tree (beyond upstream)
  virtctl objectgraph my-vm --tree";

#[derive(Args, Debug)]
pub struct ObjectGraphArgs {
    #[command(flatten)]
    pub args: Positionals,
    /// Returns the object graph from the VMI instead of the VM.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub vmi: bool,
    /// Exclude optional nodes from the object graph.
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub exclude_optional: bool,
    /// Label selectors to filter the object graph (multiple labels can be specified).
    #[arg(long, value_name = "stringToString", value_parser = parse_string_to_string)]
    pub selector: Vec<Vec<(String, String)>>,
    /// Output format. One of: json|yaml
    #[arg(short = 'o', long, value_name = "string", default_value = "json")]
    pub output: String,
    /// Print the graph as an indented tree (kind/name and dependency type) instead of JSON or YAML.
    #[arg(long, conflicts_with = "output")]
    pub tree: bool,
}

pub async fn run(args: ObjectGraphArgs, ctx: &Ctx) -> Result<()> {
    let name = args.args.exactly(1)?[0].clone();
    let cluster = ctx.cluster().await?;
    let mut options = json!({"includeOptionalNodes": !args.exclude_optional});
    let selector = merge_string_maps(&args.selector);
    if !selector.is_empty() {
        let labels: Map<String, Value> = selector.into_iter().map(|(k, v)| (k, json!(v))).collect();
        options["labelSelector"] = json!({"matchLabels": labels});
    }
    let (api, namespace) = (&cluster.api, cluster.namespace.as_str());
    let (graph, kind) = if args.vmi {
        (
            Vmi::new(api, namespace, &name).object_graph(&options).await,
            "VirtualMachineInstance",
        )
    } else {
        (
            Vm::new(api, namespace, &name).object_graph(&options).await,
            "VirtualMachine",
        )
    };
    let graph = graph.map_err(|e| e.context(format!("error listing object graph of {kind} {name}"), ": "))?;
    let node = go_node(&graph);
    if args.tree {
        return ctx.out.raw(tree(&graph));
    }
    match args.output.as_str() {
        "json" => {
            let text = serde_json::to_string_pretty(&node).map_err(|e| Error::Other(e.to_string()))?;
            ctx.out.line(text)
        }
        "yaml" => ctx.out.line(crate::output::document(&sorted(&node), true)?),
        other => Err(Error::Usage(format!(
            "unsupported output format: {other} (must be 'json' or 'yaml')"
        ))),
    }
}

/// An `ObjectGraphNode` as Go re-encodes it: struct field order, `apiGroup` always present
/// (`null` when the server left it out), `namespace`, `labels`, `optional` and `children`
/// omitted when absent (or empty), labels sorted.
fn go_node(node: &Value) -> Value {
    let reference = node.get("objectReference").cloned().unwrap_or(json!({}));
    let text = |field: &str| reference.get(field).cloned().unwrap_or(json!(""));
    let mut object_reference = Map::new();
    object_reference.insert(
        "apiGroup".into(),
        reference.get("apiGroup").cloned().unwrap_or(Value::Null),
    );
    object_reference.insert("kind".into(), text("kind"));
    object_reference.insert("name".into(), text("name"));
    if let Some(namespace) = reference.get("namespace").filter(|v| !v.is_null()) {
        object_reference.insert("namespace".into(), namespace.clone());
    }
    let mut out = Map::new();
    out.insert("objectReference".into(), Value::Object(object_reference));
    if let Some(labels) = node.get("labels").and_then(Value::as_object).filter(|l| !l.is_empty()) {
        let mut sorted: Vec<(&String, &Value)> = labels.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let labels: Map<String, Value> = sorted.into_iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        out.insert("labels".into(), Value::Object(labels));
    }
    if let Some(optional) = node.get("optional").filter(|v| !v.is_null()) {
        out.insert("optional".into(), optional.clone());
    }
    let children = node.get("children").and_then(Value::as_array);
    if let Some(children) = children.filter(|c| !c.is_empty()) {
        out.insert("children".into(), Value::Array(children.iter().map(go_node).collect()));
    }
    Value::Object(out)
}

/// The value with every mapping's keys sorted (sigs.k8s.io/yaml goes through a generic map).
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// One line per node: `Kind/name`, the namespace when it differs from the root's, the
/// dependency type, `optional`; children indented under their parent with tree rules.
fn tree(root: &Value) -> String {
    let root_ns = root
        .pointer("/objectReference/namespace")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut out = format!("{}\n", label(root, root_ns));
    let children = root
        .get("children")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    branch(&children, "", root_ns, &mut out);
    out
}

fn branch(nodes: &[Value], prefix: &str, root_ns: &str, out: &mut String) {
    for (i, node) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        out.push_str(&format!(
            "{prefix}{}{}\n",
            if last { "└── " } else { "├── " },
            label(node, root_ns)
        ));
        let children = node
            .get("children")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let deeper = format!("{prefix}{}", if last { "    " } else { "│   " });
        branch(&children, &deeper, root_ns, out);
    }
}

fn label(node: &Value, root_ns: &str) -> String {
    let field = |p: &str| node.pointer(p).and_then(Value::as_str).unwrap_or("");
    let mut text = format!("{}/{}", field("/objectReference/kind"), field("/objectReference/name"));
    let namespace = field("/objectReference/namespace");
    if namespace != root_ns {
        let scope = if namespace.is_empty() {
            "cluster-scoped"
        } else {
            namespace
        };
        text.push_str(&format!(" [{scope}]"));
    }
    let dependency = field("/labels/kubevirt.io~1dependency-type");
    if !dependency.is_empty() {
        text.push_str(&format!(" ({dependency})"));
    }
    if node.get("optional") == Some(&json!(true)) {
        text.push_str(" optional");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        json!({"objectReference": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": "vm1", "namespace": "ns"},
            "labels": {"kubevirt.io/dependency-type": "compute"},
            "children": [
                {"objectReference": {"apiGroup": "kubevirt.io", "kind": "VirtualMachineInstance", "name": "vm1", "namespace": "ns"},
                 "labels": {"kubevirt.io/dependency-type": "compute"},
                 "children": [{"objectReference": {"apiGroup": "", "kind": "Pod", "name": "virt-launcher-vm1-x", "namespace": "ns"},
                               "labels": {"kubevirt.io/dependency-type": "compute"}}]},
                {"objectReference": {"apiGroup": "instancetype.kubevirt.io", "kind": "VirtualMachineClusterInstancetype", "name": "u1.small", "namespace": ""},
                 "labels": {"kubevirt.io/dependency-type": "config"}, "optional": true},
                {"objectReference": {"apiGroup": "cdi.kubevirt.io", "kind": "DataVolume", "name": "disk", "namespace": "ns"},
                 "labels": {"kubevirt.io/dependency-type": "storage"},
                 "children": [{"objectReference": {"apiGroup": "", "kind": "PersistentVolumeClaim", "name": "disk", "namespace": "ns"},
                               "labels": {"kubevirt.io/dependency-type": "storage"}}]}]})
    }

    #[test]
    fn trees_draw_the_nesting() {
        assert_eq!(
            tree(&sample()),
            "VirtualMachine/vm1 (compute)
├── VirtualMachineInstance/vm1 (compute)
│   └── Pod/virt-launcher-vm1-x (compute)
├── VirtualMachineClusterInstancetype/u1.small [cluster-scoped] (config) optional
└── DataVolume/disk (storage)
    └── PersistentVolumeClaim/disk (storage)
"
        );
    }

    #[test]
    fn go_field_order_and_absent_fields() {
        let node = go_node(
            &json!({"children": [], "labels": {"b": "1", "a": "2"}, "objectReference": {"name": "x", "kind": "Pod"}, "optional": false}),
        );
        assert_eq!(
            serde_json::to_string(&node).unwrap(),
            r#"{"objectReference":{"apiGroup":null,"kind":"Pod","name":"x"},"labels":{"a":"2","b":"1"},"optional":false}"#
        );
    }
}

#[cfg(test)]
mod yaml_tests {
    /// go-yaml v2's layout (sigs.k8s.io/yaml): keys sorted, sequences at the key's column.
    #[test]
    fn yaml_sorts_keys_and_does_not_indent_sequences() {
        let node = serde_json::json!({"objectReference": {"kind": "VirtualMachine", "apiGroup": "kubevirt.io"},
            "children": [{"objectReference": {"kind": "Pod", "apiGroup": ""}, "labels": {"a": "b"}, "optional": true}]});
        assert_eq!(
            crate::output::document(&super::sorted(&node), true).unwrap(),
            "children:\n- labels:\n    a: b\n  objectReference:\n    apiGroup: \"\"\n    kind: Pod\n  optional: true\nobjectReference:\n  apiGroup: kubevirt.io\n  kind: VirtualMachine\n"
        );
    }
}
