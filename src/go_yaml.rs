//! YAML exactly as upstream's create commands print it. Upstream marshals the object to JSON,
//! reads it back as a generic map and emits it with go-yaml v2 (`sigs.k8s.io/yaml`), so: keys
//! sorted at every level, two-space indentation, sequence items at their key's column, `{}` /
//! `[]` for empty collections, strings that YAML 1.1 would read as another type double-quoted,
//! strings that cannot be plain single-quoted, multi-line strings as `|-` literal blocks.

use serde_json::Value;

/// The document for `value` (a JSON object), ending with a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(&mut out, map, 0),
        other => {
            out.push_str(&inline(other, 0).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

fn write_mapping(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for (i, key) in keys.into_iter().enumerate() {
        // The first key of a sequence item follows its `- ` on the same line.
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&scalar(key, indent));
        out.push(':');
        write_value(out, &map[key], indent);
    }
}

/// `value` after its key: on the same line when it is a scalar or empty, else on the lines below.
fn write_value(out: &mut String, value: &Value, indent: usize) {
    if let Some(text) = inline(value, indent + 2) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    out.push('\n');
    match value {
        Value::Object(map) => write_mapping(out, map, indent + 2),
        Value::Array(items) => write_sequence(out, items, indent),
        _ => unreachable!("inline renders every scalar"),
    }
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match inline(item, indent + 2) {
            Some(text) => {
                out.push_str(&text);
                out.push('\n');
            }
            None => match item {
                Value::Object(map) => write_mapping(out, map, indent + 2),
                Value::Array(inner) => {
                    out.push('\n');
                    write_sequence(out, inner, indent + 2);
                }
                _ => unreachable!("inline renders every scalar"),
            },
        }
    }
}

/// The one-line form of a scalar or an empty collection; `None` for a non-empty collection.
/// `indent` is the column a literal block's lines start at.
fn inline(value: &Value, indent: usize) -> Option<String> {
    match value {
        Value::Null => Some("null".to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(scalar(s, indent)),
        Value::Object(map) if map.is_empty() => Some("{}".to_string()),
        Value::Array(items) if items.is_empty() => Some("[]".to_string()),
        _ => None,
    }
}

/// A string as go-yaml v2 writes it.
fn scalar(text: &str, indent: usize) -> String {
    if text.contains('\n') {
        return literal_block(text, indent);
    }
    if reads_as_other_type(text) {
        return double_quoted(text);
    }
    if !can_be_plain(text) {
        if text.chars().any(|c| c.is_control()) {
            return double_quoted(text);
        }
        return format!("'{}'", text.replace('\'', "''"));
    }
    text.to_string()
}

fn literal_block(text: &str, indent: usize) -> String {
    let (body, chomp) = match text.strip_suffix('\n') {
        Some(body) => (body, ""),
        None => (text, "-"),
    };
    let pad = " ".repeat(indent);
    let mut out = format!("|{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether YAML 1.1 (as go-yaml v2 resolves plain scalars) reads `text` as a null, bool, number
/// or timestamp, so that a string must be quoted to stay a string.
fn reads_as_other_type(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
        "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", ".nan", ".NaN", ".NAN", ".inf",
        ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
    ];
    if WORDS.contains(&text) {
        return true;
    }
    if !text.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)) {
        return false;
    }
    let plain = text.replace('_', "");
    is_go_int(&plain) || is_go_float(&plain) || is_base60_float(text) || is_date(text)
}

/// Go's `strconv.ParseInt(s, 0, 64)` syntax: optional sign, then decimal, `0x`, `0o`, `0b` or
/// leading-zero octal digits.
fn is_go_int(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (radix, body) = match digits.get(..2) {
        Some("0x" | "0X") => (16, &digits[2..]),
        Some("0o" | "0O") => (8, &digits[2..]),
        Some("0b" | "0B") => (2, &digits[2..]),
        _ if digits.len() > 1 && digits.starts_with('0') => (8, &digits[1..]),
        _ => (10, digits),
    };
    !body.is_empty() && body.chars().all(|c| c.is_digit(radix))
}

/// Go's `strconv.ParseFloat` syntax (Rust's parser accepts the same decimal forms).
fn is_go_float(text: &str) -> bool {
    text.parse::<f64>().is_ok()
}

/// YAML 1.1 sexagesimal numbers (`1:20`, `-3:25:45.5`), which go-yaml v2 quotes.
fn is_base60_float(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, _fraction) = match body.split_once('.') {
        Some((whole, fraction)) if fraction.chars().all(|c| c.is_ascii_digit() || c == '_') => (whole, fraction),
        Some(_) => return false,
        None => (body, ""),
    };
    let mut parts = whole.split(':');
    let first = parts.next().unwrap_or("");
    let first_ok =
        first.starts_with(|c: char| c.is_ascii_digit()) && first.chars().all(|c| c.is_ascii_digit() || c == '_');
    let rest: Vec<&str> = parts.collect();
    first_ok
        && !rest.is_empty()
        && rest.iter().all(|p| {
            (1..=2).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || p.as_bytes()[0] <= b'5')
        })
}

/// A bare `YYYY-M-D` date, which go-yaml v2 reads as a timestamp.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |p: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    parts.len() == 3 && digits(parts[0], 4..=4) && digits(parts[1], 1..=2) && digits(parts[2], 1..=2)
}

/// libyaml's test for a scalar the emitter may write plain in block context.
fn can_be_plain(text: &str) -> bool {
    if text.starts_with(' ') || text.ends_with(' ') || text.starts_with("---") || text.starts_with("...") {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_blank = chars.get(i + 1).is_none_or(|n| *n == ' ' || *n == '\t');
        let preceded_by_blank = i > 0 && (chars[i - 1] == ' ' || chars[i - 1] == '\t');
        let indicator = if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => true,
                '?' | ':' | '-' => followed_by_blank,
                _ => false,
            }
        } else {
            match c {
                ':' => followed_by_blank,
                '#' => preceded_by_blank,
                _ => false,
            }
        };
        if indicator || c.is_control() || c == '\u{feff}' {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::to_yaml;

    #[test]
    fn keys_are_sorted_and_sequences_sit_at_their_key_column() {
        let doc = json!({"spec": {"gpus": [{"name": "g", "deviceName": "d"}], "cpu": {"guest": 2}},
                         "kind": "K", "metadata": {}, "status": {}});
        assert_eq!(
            to_yaml(&doc),
            "kind: K\nmetadata: {}\nspec:\n  cpu:\n    guest: 2\n  gpus:\n  - deviceName: d\n    name: g\nstatus: {}\n"
        );
    }

    #[test]
    fn strings_are_quoted_as_go_yaml_v2_quotes_them() {
        let doc = json!({"a": ["2048", "y", "", "*", "!a/b", "A: b", "#cloud-config", "[a-z0-9]{8}", "1:20",
                               "2024-01-02", "plain-text", "a/*", "it's *"]});
        assert_eq!(
            to_yaml(&doc),
            "a:\n- \"2048\"\n- \"y\"\n- \"\"\n- '*'\n- '!a/b'\n- 'A: b'\n- '#cloud-config'\n- '[a-z0-9]{8}'\n\
             - \"1:20\"\n- \"2024-01-02\"\n- plain-text\n- a/*\n- it's *\n"
        );
    }

    #[test]
    fn multi_line_strings_are_literal_blocks() {
        let doc = json!({"data": {"userdata": "#cloud-config\nuser: a"}});
        assert_eq!(to_yaml(&doc), "data:\n  userdata: |-\n    #cloud-config\n    user: a\n");
    }
}
