//! `create`: the manifest generators. Each sub-command builds one object from its flags and
//! prints it as YAML on stdout; nothing is sent to the cluster. What they share lives here: the
//! namespace rule, random names, the output, and (in `params`) the multi-parameter flag syntax.
//!
//! Adding `create vm`: one `vm.rs` beside the others, one `Vm` variant in [`CreateCommand`] and
//! one line in [`run`].

pub mod clone;
pub mod instancetype;
pub mod params;
pub mod preference;
use crate::go_yaml as yaml;

use clap::{Args, Subcommand};
use serde_json::Value;

use crate::context::Ctx;
use crate::error::{Error, Result};

#[derive(Args, Debug)]
pub struct CreateArgs {
    #[command(subcommand)]
    pub command: CreateCommand,
}

#[derive(Subcommand, Debug)]
pub enum CreateCommand {
    /// Create a clone object manifest
    #[command(override_usage = "virtctl create clone [flags]", after_help = clone::EXAMPLES)]
    Clone(clone::CloneArgs),
    /// Create VirtualMachineInstancetype or VirtualMachineClusterInstancetype manifest.
    #[command(override_usage = "virtctl create instancetype [flags]", after_help = instancetype::EXAMPLES)]
    Instancetype(instancetype::InstancetypeArgs),
    /// Create a VirtualMachinePreference or VirtualMachineClusterPreference manifest.
    #[command(override_usage = "virtctl create preference [flags]", after_help = preference::EXAMPLES)]
    Preference(preference::PreferenceArgs),
}

pub async fn run(args: CreateArgs, ctx: &Ctx) -> Result<()> {
    match args.command {
        CreateCommand::Clone(args) => clone::run(args, ctx).await,
        CreateCommand::Instancetype(args) => instancetype::run(args, ctx).await,
        CreateCommand::Preference(args) => preference::run(args, ctx).await,
    }
}

/// The namespace `-n` set, if any. Upstream loads the client configuration for it, so a broken
/// kubeconfig fails these commands too; the kubeconfig's own namespace is never written.
async fn namespace_override(ctx: &Ctx) -> Result<Option<String>> {
    crate::cluster::config::load(&ctx.connection).await?;
    Ok(ctx.connection.namespace.clone().filter(|ns| !ns.is_empty()))
}

/// `prefix` followed by five characters of apimachinery's `rand.String` alphabet (no vowels, no
/// digits that look like letters), as upstream names unnamed objects.
fn random_name(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut seed = random_seed();
    let mut name = prefix.to_string();
    for _ in 0..5 {
        name.push(ALPHABET[(seed % ALPHABET.len() as u64) as usize] as char);
        seed /= ALPHABET.len() as u64;
    }
    name
}

/// 64 unpredictable bits from the standard library's per-process hash keys and the clock.
fn random_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    hasher.write_u128(nanos);
    hasher.finish()
}

/// `metadata`: the name unless empty, and the namespace when `-n` set one.
fn metadata(name: &str, namespace: Option<&str>) -> Value {
    let mut metadata = serde_json::Map::new();
    if !name.is_empty() {
        metadata.insert("name".into(), Value::String(name.into()));
    }
    if let Some(namespace) = namespace {
        metadata.insert("namespace".into(), Value::String(namespace.into()));
    }
    Value::Object(metadata)
}

/// `-o yaml|json` (beyond upstream, which prints YAML only).
#[derive(Args, Debug, Clone)]
pub struct FormatArg {
    /// Output format: yaml (upstream's) or json (keys in the same sorted order).
    #[arg(short = 'o', long = "output", value_name = "string", default_value = "yaml", value_parser = parse_format)]
    pub output: String,
}

fn parse_format(text: &str) -> std::result::Result<String, String> {
    match text {
        "yaml" | "json" => Ok(text.to_string()),
        _ => Err("must be yaml or json".to_string()),
    }
}

/// The manifest on stdout in one write, as YAML or as indented JSON.
fn print(ctx: &Ctx, format: &FormatArg, object: &Value) -> Result<()> {
    if format.output == "json" {
        let text = serde_json::to_string_pretty(&sorted(object)).map_err(|e| Error::Other(e.to_string()))?;
        return ctx.out.line(text);
    }
    ctx.out.raw(yaml::to_yaml(object))
}

/// `value` with the keys of every object in name order, as the YAML has them.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&map[k]))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// cobra's check of flags marked required, run before the command: every missing one, quoted,
/// in name order.
fn require_flags(missing: &[(&str, bool)]) -> Result<()> {
    let mut names: Vec<&str> = missing
        .iter()
        .filter(|(_, absent)| *absent)
        .map(|(name, _)| *name)
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort_unstable();
    Err(Error::Usage(format!(
        "required flag(s) \"{}\" not set",
        names.join("\", \"")
    )))
}

/// pflag's `uint32` flag value: Go's `strconv.ParseUint(s, 0, 32)`.
fn parse_go_u32(text: &str) -> std::result::Result<u32, String> {
    let (radix, digits) = crate::go_syntax::go_int_radix(text);
    let syntax = || {
        format!(
            "strconv.ParseUint: parsing {}: invalid syntax",
            crate::error::go_quote(text)
        )
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(syntax());
    }
    u32::from_str_radix(digits, radix).map_err(|_| {
        format!(
            "strconv.ParseUint: parsing {}: value out of range",
            crate::error::go_quote(text)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_names_use_the_apimachinery_alphabet() {
        let name = random_name("clone-");
        let suffix = name.strip_prefix("clone-").unwrap();
        assert_eq!(suffix.len(), 5);
        assert!(
            suffix.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)),
            "{name}"
        );
    }

    #[test]
    fn missing_required_flags_are_listed_in_name_order() {
        assert_eq!(
            require_flags(&[("memory", true), ("cpu", true)])
                .unwrap_err()
                .to_string(),
            "required flag(s) \"cpu\", \"memory\" not set"
        );
        assert!(require_flags(&[("cpu", false)]).is_ok());
    }

    #[test]
    fn uint32_values_parse_as_go_does() {
        assert_eq!(parse_go_u32("12"), Ok(12));
        assert_eq!(parse_go_u32("0x10"), Ok(16));
        assert_eq!(
            parse_go_u32("x").unwrap_err(),
            "strconv.ParseUint: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            parse_go_u32("4294967296").unwrap_err(),
            "strconv.ParseUint: parsing \"4294967296\": value out of range"
        );
    }
}
