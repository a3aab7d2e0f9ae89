//! virt-template's processor (`kubevirt.io/virt-template-engine/template`), which upstream
//! virtctl vendors for `--local` and the virt-template API server runs behind the `process` and
//! `create` subresources: parameters merged, checked and generated, the VirtualMachine's
//! strings substituted (`${KEY}` textually, an exact `${{KEY}}` by the value read as JSON), a
//! hard-coded namespace removed.
//!
//! Pure and a leaf (it imports only serde): the simulator compiles this same file for its
//! server side, as the real client and server share the vendored engine. Randomness comes from
//! the caller, so both sides pick their own source.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A template parameter (`v1beta1.Parameter`), fields in Go's order for JSON output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub display_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub generate: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// The part of a `VirtualMachineTemplate` the processor reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Template {
    #[serde(default)]
    pub spec: TemplateSpec,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSpec {
    /// `null` or absent is kept as `None` (Go's nil RawExtension).
    #[serde(default)]
    pub virtual_machine: Option<Value>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub parameters: Vec<Parameter>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub message: String,
}

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A `field.Error`: its `Display` is Go's `Error()` (`path: Type: value: detail`).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// the `StatusCause` type: `FieldValueRequired`, `FieldValueInvalid`, ...
    pub reason: &'static str,
    pub field: String,
    /// the bad value as Go prints it (`%q` for strings), if the type shows one
    pub value: Option<String>,
    pub detail: String,
}

impl FieldError {
    fn required(field: String, detail: String) -> Self {
        FieldError {
            reason: "FieldValueRequired",
            field,
            value: None,
            detail,
        }
    }

    fn invalid(field: String, value: String, detail: String) -> Self {
        FieldError {
            reason: "FieldValueInvalid",
            field,
            value: Some(value),
            detail,
        }
    }

    fn duplicate(field: String, value: &str) -> Self {
        FieldError {
            reason: "FieldValueDuplicate",
            field,
            value: Some(quote(value)),
            detail: String::new(),
        }
    }

    /// Go's `ErrorBody()`: the text after the field path.
    pub fn body(&self) -> String {
        let mut text = match self.reason {
            "FieldValueRequired" => "Required value",
            "FieldValueDuplicate" => "Duplicate value",
            _ => "Invalid value",
        }
        .to_string();
        if let Some(value) = &self.value {
            text.push_str(": ");
            text.push_str(value);
        }
        if !self.detail.is_empty() {
            text.push_str(": ");
            text.push_str(&self.detail);
        }
        text
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

/// Go's `ErrorList.ToAggregate()` text: one error alone, several in brackets.
pub fn aggregate(errors: &[FieldError]) -> String {
    let texts: Vec<String> = errors.iter().map(FieldError::to_string).collect();
    match texts.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", texts.join(", ")),
    }
}

/// A uniformly random index below its argument (never called with 0).
pub type Random<'a> = &'a mut dyn FnMut(usize) -> usize;

/// `MergeParameters`: each given value replaces the declared parameter's value.
pub fn merge_parameters(parameters: &mut [Parameter], given: &[(String, String)]) -> Result<(), String> {
    for (key, value) in given {
        match parameters.iter_mut().find(|p| &p.name == key) {
            Some(parameter) => parameter.value = value.clone(),
            None => return Err(format!("parameter {key} not found in template")),
        }
    }
    Ok(())
}

/// `ValidateParameterReferences`: a warning for each declared parameter nothing references, an
/// error for each reference to an undeclared one.
pub fn validate_references(spec: &TemplateSpec) -> (Vec<String>, Vec<FieldError>) {
    let object = match virtual_machine_object(spec) {
        Ok(object) => object,
        Err(e) => return (Vec::new(), vec![e]),
    };
    let mut referenced: Vec<String> = Vec::new();
    let mut collect = |text: &str| -> Result<Transformed, String> {
        for name in references(text) {
            if !referenced.contains(&name) {
                referenced.push(name);
            }
        }
        Ok(Transformed::Text(text.to_string()))
    };
    let mut object = object;
    // Collecting never fails.
    let _ = visit(&mut object, &mut collect);
    for name in references(&spec.message) {
        if !referenced.contains(&name) {
            referenced.push(name);
        }
    }
    let warnings = spec
        .parameters
        .iter()
        .enumerate()
        .filter(|(_, p)| !referenced.contains(&p.name))
        .map(|(i, p)| format!("spec.parameters[{i}].name: {} is defined but never referenced", p.name))
        .collect();
    referenced.sort();
    let errors = referenced
        .into_iter()
        .filter(|name| !spec.parameters.iter().any(|p| &p.name == name))
        .map(|name| {
            FieldError::invalid(
                "spec.virtualMachine".into(),
                quote(&name),
                format!("references undefined parameter {name}"),
            )
        })
        .collect();
    (warnings, errors)
}

/// `Process`: the VirtualMachine (as Go's type writes it) and the substituted message.
pub fn process(spec: &TemplateSpec, random: Random<'_>) -> Result<(Value, String), FieldError> {
    let values = generate_parameter_values(&spec.parameters, random)?;
    let mut object = virtual_machine_object(spec)?;
    remove_hardcoded_namespace(&mut object);
    let mut transform = |text: &str| substitute(text, &values);
    if let Err(e) = visit(&mut object, &mut transform) {
        return Err(FieldError::invalid(
            "spec.parameters".into(),
            go_parameters(&spec.parameters),
            format!("error processing template: {e}"),
        ));
    }
    if !object.is_object() {
        return Err(FieldError::invalid(
            "spec.virtualMachine".into(),
            quote(&object.to_string()),
            "failed to convert unstructured object to VirtualMachine".into(),
        ));
    }
    object["kind"] = Value::from("VirtualMachine");
    object["apiVersion"] = Value::from("kubevirt.io/v1");
    as_virtual_machine(&mut object);
    let message = match substitute(&spec.message, &values) {
        Ok(Transformed::Text(text) | Transformed::Json(text)) => text,
        Err(e) => {
            return Err(FieldError::invalid(
                "spec.message".into(),
                quote(&spec.message),
                format!("error processing message: {e}"),
            ));
        }
    };
    Ok((object, message))
}

/// The parameters' final values: given ones, generated ones, and checks on each.
fn generate_parameter_values(
    parameters: &[Parameter],
    random: Random<'_>,
) -> Result<Vec<(String, String)>, FieldError> {
    let mut values: Vec<(String, String)> = Vec::new();
    for (i, parameter) in parameters.iter().enumerate() {
        let path = format!("spec.parameters[{i}]");
        if parameter.name.is_empty() {
            return Err(FieldError::invalid(
                format!("{path}.name"),
                quote(""),
                "parameter name is empty".into(),
            ));
        }
        if values.iter().any(|(name, _)| name == &parameter.name) {
            return Err(FieldError::duplicate(format!("{path}.name"), &parameter.name));
        }
        let mut value = parameter.value.clone();
        if value.is_empty() && !parameter.generate.is_empty() {
            if parameter.generate != "expression" {
                return Err(FieldError::invalid(
                    format!("{path}.generate"),
                    quote(&parameter.generate),
                    format!(
                        "unknown generator name '{}' for parameter '{}'",
                        parameter.generate, parameter.name
                    ),
                ));
            }
            if parameter.from.is_empty() {
                return Err(FieldError::invalid(
                    format!("{path}.from"),
                    quote(""),
                    format!(
                        "from cannot be empty for parameter '{}' using generator '{}'",
                        parameter.name, parameter.generate
                    ),
                ));
            }
            value = generate(&parameter.from, random)
                .map_err(|e| FieldError::invalid(format!("{path}.from"), quote(&parameter.from), e))?;
        }
        if value.is_empty() && parameter.required {
            return Err(FieldError::required(
                format!("{path}.value"),
                format!(
                    "parameter '{}' is required and a value must be specified",
                    parameter.name
                ),
            ));
        }
        values.push((parameter.name.clone(), value));
    }
    Ok(values)
}

fn virtual_machine_object(spec: &TemplateSpec) -> Result<Value, FieldError> {
    match &spec.virtual_machine {
        None | Some(Value::Null) => Err(FieldError::invalid(
            "spec.virtualMachine".into(),
            quote("null"),
            "virtualMachine is required and cannot be empty".into(),
        )),
        Some(object @ Value::Object(_)) => Ok(object.clone()),
        Some(other) => Err(FieldError::invalid(
            "spec.virtualMachine.raw".into(),
            quote(&other.to_string()),
            format!(
                "error decoding virtualMachine: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                json_type(other)
            ),
        )),
    }
}

/// A namespace without a parameter reference is dropped: where the VM goes is the user's choice.
fn remove_hardcoded_namespace(object: &mut Value) {
    let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    let hard_coded = metadata
        .get("namespace")
        .and_then(Value::as_str)
        .is_some_and(|ns| !ns.is_empty() && references_in_text(ns).is_empty());
    if hard_coded {
        metadata.remove("namespace");
    }
}

// ---- substitution ----

/// What a string becomes: text, or text to be read as JSON (`${{KEY}}`).
enum Transformed {
    Text(String),
    Json(String),
}

/// `substituteParameters`.
fn substitute(text: &str, values: &[(String, String)]) -> Result<Transformed, String> {
    let lookup = |name: &str| {
        values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("found parameter '{name}' but it was not defined"))
    };
    if let Some(name) = whole_json_reference(text) {
        return lookup(name).map(Transformed::Json);
    }
    // Go matches on the original text, then replaces the first occurrence of each match in the
    // text as substituted so far.
    let mut out = text.to_string();
    for (whole, name) in references_in_text(text) {
        let value = lookup(&name)?;
        out = out.replacen(&whole, &value, 1);
    }
    Ok(Transformed::Text(out))
}

/// The `KEY` of a string that is exactly `${{KEY}}`.
fn whole_json_reference(text: &str) -> Option<&str> {
    let name = text.strip_prefix("${{")?.strip_suffix("}}")?;
    (!name.is_empty() && name.chars().all(is_key_char)).then_some(name)
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every `${KEY}` in `text`: the whole match and the key, left to right.
fn references_in_text(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let key_len = after.find(|c: char| !is_key_char(c)).unwrap_or(after.len());
        if key_len > 0 && after[key_len..].starts_with('}') {
            found.push((format!("${{{}}}", &after[..key_len]), after[..key_len].to_string()));
            rest = &after[key_len + 1..];
        } else {
            rest = &rest[start + 1..];
        }
    }
    found
}

/// `collectReferencedParameters`: the keys a string refers to, either syntax.
fn references(text: &str) -> Vec<String> {
    let mut names: Vec<String> = whole_json_reference(text).map(str::to_string).into_iter().collect();
    for (_, name) in references_in_text(text) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

type Transform<'a> = dyn FnMut(&str) -> Result<Transformed, String> + 'a;

/// `visitValue` over an unstructured object: every string, map keys included. A value that
/// becomes JSON (`${{KEY}}`) takes the JSON's type; a key must stay a string.
fn visit(value: &mut Value, transform: &mut Transform<'_>) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            let old = std::mem::take(map);
            let mut new = Map::new();
            for (key, mut item) in old {
                let key = match transform(&key)? {
                    Transformed::Text(text) => text,
                    Transformed::Json(text) => match serde_json::from_str::<Value>(&text) {
                        Err(_) => text,
                        Ok(Value::String(s)) => s,
                        Ok(other) => {
                            return Err(format!(
                                "substituted value type {} is not assignable to target type string",
                                go_type(&other)
                            ));
                        }
                    },
                };
                visit_item(&mut item, transform)?;
                new.insert(key, item);
            }
            *map = new;
            Ok(())
        }
        Value::Array(items) => items.iter_mut().try_for_each(|item| visit_item(item, transform)),
        _ => Ok(()),
    }
}

fn visit_item(item: &mut Value, transform: &mut Transform<'_>) -> Result<(), String> {
    let Value::String(text) = item else {
        return visit(item, transform);
    };
    *item = match transform(text)? {
        Transformed::Text(text) => Value::String(text),
        Transformed::Json(text) => match serde_json::from_str::<Value>(&text) {
            // Not JSON (an unquoted word): the text itself.
            Err(_) => Value::String(text),
            Ok(Value::Null) => return Err("cannot assign nil value to target type interface {}".into()),
            Ok(value) => value,
        },
    };
    Ok(())
}

// ---- the expression generator ----

const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const SYMBOLS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// `ExpressionValue.GenerateValue`: each `[ranges]{n}` group replaced by `n` random characters
/// of the ranges (`\w`, `\d`, `\a`, `\A`, `x-y` spans, literal alphanumerics), left to right.
pub fn generate(from: &str, random: Random<'_>) -> Result<String, String> {
    let mut text = from.to_string();
    while let Some((start, end)) = find_expression(&text) {
        let expression = text[start..end].to_string();
        let length_start = expression.rfind('{').unwrap_or(0);
        let ranges = &expression[1..length_start - 1];
        if range_tokens(ranges).is_empty() {
            return Err(format!("malformed ranges syntax: {ranges}"));
        }
        let length_text = &expression[length_start + 1..expression.len() - 1];
        let length: i64 = match length_text.parse() {
            Ok(n) => n,
            Err(_) if length_text.chars().all(|c| c.is_ascii_digit()) => {
                return Err(format!(
                    "malformed length syntax: strconv.Atoi: parsing {}: value out of range",
                    quote(length_text)
                ));
            }
            Err(_) => {
                return Err(format!(
                    "malformed length syntax: strconv.Atoi: parsing {}: invalid syntax",
                    quote(length_text)
                ));
            }
        };
        if !(1..=255).contains(&length) {
            return Err(format!("range must be within [1-255] characters: {length}"));
        }
        let alphabet = alphabet(ranges)?;
        let generated: String = (0..length).map(|_| alphabet[random(alphabet.len())]).collect();
        text = text.replacen(&expression, &generated, 1);
    }
    Ok(text)
}

/// The leftmost match of `\[([a-zA-Z0-9\-\\]+)\](\{(\w+)\})`.
fn find_expression(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let in_ranges = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'\\';
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    (0..bytes.len()).filter(|&i| bytes[i] == b'[').find_map(|start| {
        let mut i = start + 1;
        while i < bytes.len() && in_ranges(bytes[i]) {
            i += 1;
        }
        if i == start + 1 || bytes.get(i) != Some(&b']') || bytes.get(i + 1) != Some(&b'{') {
            return None;
        }
        let digits_start = i + 2;
        let mut j = digits_start;
        while j < bytes.len() && word(bytes[j]) {
            j += 1;
        }
        (j > digits_start && bytes.get(j) == Some(&b'}')).then_some((start, j + 1))
    })
}

/// The matches of `(\\w)|(\\d)|(\\a)|(\\A)|(.-.)|([a-zA-Z0-9]+)` in `ranges`, left to right.
fn range_tokens(ranges: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = ranges.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(ranges.len(), |(i, _)| *i);
    let mut tokens = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let next = chars.get(k + 1).map(|(_, c)| *c);
        let taken = if c == '\\' && matches!(next, Some('w' | 'd' | 'a' | 'A')) {
            2
        } else if next == Some('-') && chars.get(k + 2).is_some_and(|(_, c)| *c != '\n') && c != '\n' {
            3
        } else if c.is_ascii_alphanumeric() {
            chars[k..].iter().take_while(|(_, c)| c.is_ascii_alphanumeric()).count()
        } else {
            k += 1;
            continue;
        };
        tokens.push(&ranges[chars[k].0..end_of(k + taken)]);
        k += taken;
    }
    tokens
}

/// The sorted, de-duplicated characters the ranges allow.
fn alphabet(ranges: &str) -> Result<Vec<char>, String> {
    let mut characters = String::new();
    for token in range_tokens(ranges) {
        match token {
            "\\w" => {
                characters.push_str(LETTERS);
                characters.push_str(DIGITS);
                characters.push('_');
            }
            "\\d" => characters.push_str(DIGITS),
            "\\a" => {
                characters.push_str(LETTERS);
                characters.push_str(DIGITS);
            }
            "\\A" => characters.push_str(SYMBOLS),
            span if span.chars().count() == 3 && span.chars().nth(1) == Some('-') => {
                let mut ends = span.chars();
                let (from, to) = (ends.next().unwrap_or('-'), ends.nth(1).unwrap_or('-'));
                characters.push_str(&sub_alphabet(from, to)?);
            }
            literal => characters.push_str(literal),
        }
    }
    let mut alphabet: Vec<char> = characters.chars().collect();
    alphabet.sort_unstable();
    alphabet.dedup();
    Ok(alphabet)
}

fn sub_alphabet(from: char, to: char) -> Result<String, String> {
    let all = format!("{LETTERS}{DIGITS}");
    let left = all
        .find(from)
        .ok_or_else(|| format!("invalid start character in range: {from}"))?;
    let right = all
        .find(to)
        .ok_or_else(|| format!("invalid end character in range: {to}"))?;
    if left > right {
        return Err(format!("invalid range specified: {from}-{to}"));
    }
    Ok(all[left..=right].to_string())
}

// ---- the VirtualMachine as Go's type writes it ----

/// What decoding into `virtv1.VirtualMachine` and encoding again adds or drops: the fields that
/// are not `omitempty` (`status: {}`, `spec.template`, the template's `metadata: {}`, the
/// domain's `devices: {}` and `resources: {}`), and a null `creationTimestamp`.
pub fn as_virtual_machine(vm: &mut Value) {
    let Some(object) = vm.as_object_mut() else {
        return;
    };
    let metadata = object.entry("metadata").or_insert_with(|| Value::Object(Map::new()));
    drop_null_timestamp(metadata);
    let spec = object.entry("spec").or_insert_with(|| Value::Object(Map::new()));
    if let Some(spec) = spec.as_object_mut() {
        let template = spec.entry("template").or_insert(Value::Null);
        if let Some(template) = template.as_object_mut() {
            drop_null_timestamp(template.entry("metadata").or_insert_with(|| Value::Object(Map::new())));
            let vmi_spec = template.entry("spec").or_insert_with(|| Value::Object(Map::new()));
            if let Some(vmi_spec) = vmi_spec.as_object_mut() {
                let domain = vmi_spec.entry("domain").or_insert_with(|| Value::Object(Map::new()));
                if let Some(domain) = domain.as_object_mut() {
                    domain.entry("devices").or_insert_with(|| Value::Object(Map::new()));
                    domain.entry("resources").or_insert_with(|| Value::Object(Map::new()));
                }
            }
        }
    }
    object.entry("status").or_insert_with(|| Value::Object(Map::new()));
}

fn drop_null_timestamp(metadata: &mut Value) {
    if let Some(metadata) = metadata.as_object_mut()
        && metadata.get("creationTimestamp").is_some_and(Value::is_null)
    {
        metadata.remove("creationTimestamp");
    }
}

// ---- Go's printing ----

/// Go's `%q` for the common case (JSON's escaping agrees with it on printable text).
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Go's `%#v` of a `[]v1beta1.Parameter`.
fn go_parameters(parameters: &[Parameter]) -> String {
    if parameters.is_empty() {
        return "[]v1beta1.Parameter(nil)".into();
    }
    let items: Vec<String> = parameters
        .iter()
        .map(|p| {
            format!(
                "v1beta1.Parameter{{Name:{}, DisplayName:{}, Description:{}, Value:{}, Generate:{}, From:{}, Required:{}}}",
                quote(&p.name),
                quote(&p.display_name),
                quote(&p.description),
                quote(&p.value),
                quote(&p.generate),
                quote(&p.from),
                p.required
            )
        })
        .collect();
    format!("[]v1beta1.Parameter{{{}}}", items.join(", "))
}

/// The Go type `encoding/json` decodes a JSON value into, inside an `interface{}`.
fn go_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

/// The JSON type name `encoding/json` uses in its "cannot unmarshal X" errors.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spec(value: Value) -> TemplateSpec {
        serde_json::from_value(value).unwrap()
    }

    fn first(n: usize) -> usize {
        assert!(n > 0);
        0
    }

    #[test]
    fn strings_and_json_values_are_substituted() {
        let spec = spec(json!({
            "virtualMachine": {"metadata": {"name": "${NAME}-vm", "namespace": "fixed",
                                            "labels": {"${KEY}": "x"}},
                               "spec": {"runStrategy": "Always", "template": {"spec": {"domain": {
                                   "cpu": {"cores": "${{CPUS}}"}, "x": ["${{FLAG}}", "${{WORD}}"]}}}}},
            "parameters": [{"name": "NAME", "value": "a"}, {"name": "CPUS", "value": "2"},
                           {"name": "KEY", "value": "app"}, {"name": "FLAG", "value": "true"},
                           {"name": "WORD", "value": "plain"}],
            "message": "VM ${NAME} made"
        }));
        let (vm, message) = process(&spec, &mut first).unwrap();
        assert_eq!(message, "VM a made");
        assert_eq!(vm["metadata"], json!({"name": "a-vm", "labels": {"app": "x"}}));
        assert_eq!(vm["spec"]["template"]["spec"]["domain"]["cpu"]["cores"], json!(2));
        assert_eq!(vm["spec"]["template"]["spec"]["domain"]["x"], json!([true, "plain"]));
        assert_eq!(vm["spec"]["template"]["metadata"], json!({}));
        assert_eq!(vm["spec"]["template"]["spec"]["domain"]["devices"], json!({}));
        assert_eq!(vm["status"], json!({}));
        assert_eq!(
            (vm["kind"].as_str(), vm["apiVersion"].as_str()),
            (Some("VirtualMachine"), Some("kubevirt.io/v1"))
        );
    }

    #[test]
    fn a_parametrised_namespace_stays() {
        let spec = spec(json!({"virtualMachine": {"metadata": {"namespace": "${NS}"}},
                               "parameters": [{"name": "NS", "value": "prod"}]}));
        assert_eq!(process(&spec, &mut first).unwrap().0["metadata"]["namespace"], "prod");
    }

    #[test]
    fn generated_values_follow_their_expression() {
        let mut n = 0;
        let mut counter = |len: usize| {
            n += 1;
            n % len
        };
        let value = generate("vm-[a-z0-9]{8}-[\\d]{3}x", &mut counter).unwrap();
        assert_eq!(value.len(), "vm-".len() + 8 + 1 + 3 + 1, "{value}");
        assert!(value.starts_with("vm-") && value.ends_with('x'));
        assert!(
            value[3..11]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        );
        assert!(value[12..15].chars().all(|c| c.is_ascii_digit()));
        assert_eq!(generate("0x[A-F0-9]{4}", &mut first).unwrap(), "0x0000");
        assert_eq!(generate("[\\A]{2}", &mut first).unwrap(), "!!");
        assert_eq!(generate("no expression", &mut first).unwrap(), "no expression");
    }

    #[test]
    fn bad_expressions_are_refused_as_upstream_words_it() {
        assert_eq!(
            generate("[a-z]{0}", &mut first).unwrap_err(),
            "range must be within [1-255] characters: 0"
        );
        assert_eq!(
            generate("[a-z]{256}", &mut first).unwrap_err(),
            "range must be within [1-255] characters: 256"
        );
        assert_eq!(
            generate("[a-z]{x}", &mut first).unwrap_err(),
            "malformed length syntax: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            generate("[z-a]{3}", &mut first).unwrap_err(),
            "invalid range specified: z-a"
        );
        assert_eq!(
            generate("[\\\\]{3}", &mut first).unwrap_err(),
            "malformed ranges syntax: \\\\"
        );
    }

    #[test]
    fn parameter_checks_come_in_upstream_order() {
        let required = spec(json!({"virtualMachine": {}, "parameters": [{"name": "P", "required": true}]}));
        assert_eq!(
            process(&required, &mut first).unwrap_err().to_string(),
            "spec.parameters[0].value: Required value: parameter 'P' is required and a value must be specified"
        );
        let duplicate = spec(json!({"virtualMachine": {}, "parameters": [{"name": "P"}, {"name": "P"}]}));
        assert_eq!(
            process(&duplicate, &mut first).unwrap_err().to_string(),
            "spec.parameters[1].name: Duplicate value: \"P\""
        );
        let generator = spec(json!({"virtualMachine": {}, "parameters": [{"name": "P", "generate": "magic"}]}));
        assert_eq!(
            process(&generator, &mut first).unwrap_err().to_string(),
            "spec.parameters[0].generate: Invalid value: \"magic\": unknown generator name 'magic' for parameter 'P'"
        );
        let missing = spec(json!({"parameters": []}));
        assert_eq!(
            process(&missing, &mut first).unwrap_err().to_string(),
            "spec.virtualMachine: Invalid value: \"null\": virtualMachine is required and cannot be empty"
        );
    }

    #[test]
    fn undefined_references_fail_substitution() {
        let spec = spec(
            json!({"virtualMachine": {"metadata": {"name": "${X}"}}, "parameters": [{"name": "A", "value": "1"}]}),
        );
        assert_eq!(
            process(&spec, &mut first).unwrap_err().to_string(),
            "spec.parameters: Invalid value: []v1beta1.Parameter{v1beta1.Parameter{Name:\"A\", DisplayName:\"\", \
             Description:\"\", Value:\"1\", Generate:\"\", From:\"\", Required:false}}: error processing template: \
             found parameter 'X' but it was not defined"
        );
    }

    #[test]
    fn references_are_checked_both_ways() {
        let spec = spec(json!({"virtualMachine": {"metadata": {"name": "${A}", "x": "${{B}}"}},
                               "parameters": [{"name": "A"}, {"name": "UNUSED"}]}));
        let (warnings, errors) = validate_references(&spec);
        assert_eq!(
            warnings,
            ["spec.parameters[1].name: UNUSED is defined but never referenced"]
        );
        assert_eq!(
            aggregate(&errors),
            "spec.virtualMachine: Invalid value: \"B\": references undefined parameter B"
        );
    }

    #[test]
    fn merging_names_an_unknown_parameter() {
        let mut parameters = vec![Parameter {
            name: "A".into(),
            ..Parameter::default()
        }];
        merge_parameters(&mut parameters, &[("A".into(), "1".into())]).unwrap();
        assert_eq!(parameters[0].value, "1");
        assert_eq!(
            merge_parameters(&mut parameters, &[("B".into(), "1".into())]).unwrap_err(),
            "parameter B not found in template"
        );
    }
}
