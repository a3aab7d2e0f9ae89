//! `adm log-verbosity`: show, set or reset the log verbosity of KubeVirt's components in the
//! KubeVirt CR (`spec.configuration.developerConfiguration.logVerbosity`), as upstream's
//! `pkg/virtctl/adm/logverbosity` does: the same requests (the cluster is read before the flags
//! are judged), the same JSON patch (with its quirks), the same lines.
//!
//! Beyond upstream: when the KubeVirt CR is managed by a HyperConverged CR (OpenShift
//! Virtualization), HCO reverts direct edits of it, so a set or reset is not sent; virtctl says
//! so and prints the patch of the HyperConverged CR that makes the change stick.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::meta;
use crate::cluster::kubevirt::KubeVirts;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::go_syntax::parse_go_bool;

#[derive(Args, Debug)]
pub struct AdmArgs {
    #[command(subcommand)]
    pub command: AdmCommand,
}

#[derive(Subcommand, Debug)]
pub enum AdmCommand {
    /// Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2.
    #[command(name = "log-verbosity", override_usage = "virtctl adm log-verbosity [flags]",
              long_about = LONG_ABOUT, after_help = EXAMPLES)]
    LogVerbosity(LogVerbosityArgs),
}

const LONG_ABOUT: &str = "Show, Set or Reset log verbosity. The verbosity value must be 0-9. The default cluster config is normally 2.

- To show the log verbosity of one or more components
  (when the log verbosity is unattended in the KubeVirt CR, show the default verbosity).
- To set the log verbosity of one or more components.
- To reset the log verbosity of all components
  (empty the log verbosity field, which means reset to the default verbosity).

- The components are <virt-api | virt-controller | virt-handler | virt-launcher | virt-operator>.
- Show and Set/Reset cannot coexist.
- The verbosity value must be 0-9. The default cluster config is normally 2.
- The verbosity value 10 is accepted but the operation is \"show\" instead of \"set\" (e.g. \"--virt-api=10\" = \"--virt-api\").
- Flag syntax must be \"flag=arg\" (\"flag arg\" not supported).";

const EXAMPLES: &str = "Examples:
  # reset (to default) log-verbosity for all components:
  virtctl adm logVerbosity --reset

  # show log-verbosity for all components:
  virtctl adm log-verbosity --all
  # set log-verbosity to 3 for all components:
  virtctl adm log-verbosity --all=3

  # show log-verbosity for virt-handler:
  virtctl adm log-verbosity --virt-handler
  # set log-verbosity to 7 for virt-handler:
  virtctl adm log-verbosity --virt-handler=7

  # show log-verbosity for virt-handler and virt-launcher:
  virtctl adm log-verbosity --virt-handler --virt-launcher
  # set log-verbosity for virt-handler to 7 and virt-launcher to 3:
  virtctl adm log-verbosity --virt-handler=7 --virt-launcher=3

  # reset all components to default besides virt-handler which is 7:
  virtctl adm log-verbosity --reset --virt-handler=7
  # set all components to 3 besides virt-handler which is 7:
  virtctl adm log-verbosity --all=3 --virt-handler=7";

/// A flag's value when it is given without `=N`: show.
const SHOW: u64 = 10;
/// The default: the flag was not given.
const NOT_GIVEN: u64 = 11;
const MAX_VERBOSITY: u64 = 9;
/// What a component logs at when the KubeVirt CR says nothing.
const DEFAULT_VERBOSITY: u64 = 2;

/// pflag's `uint`: Go's `strconv.ParseUint` (base 0: `0x`, `0o`, `0b` prefixes and `_`).
fn parse_go_uint(value: &str) -> Result<u64, String> {
    let syntax = || format!("strconv.ParseUint: parsing {value:?}: invalid syntax");
    let (digits, radix) = match value.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => (&value[2..], 16),
        Some("0o") => (&value[2..], 8),
        Some("0b") => (&value[2..], 2),
        _ if value.len() > 1 && value.starts_with('0') => (&value[1..], 8),
        _ => (value, 10),
    };
    let underscores_ok = radix != 10 || !value.contains('_');
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if clean.is_empty() || !underscores_ok || !clean.chars().all(|c| c.is_digit(radix)) {
        return Err(syntax());
    }
    u64::from_str_radix(&clean, radix).map_err(|_| format!("strconv.ParseUint: parsing {value:?}: value out of range"))
}

#[derive(Args, Debug)]
pub struct LogVerbosityArgs {
    /// show/set virt-api log verbosity (0-9)
    #[arg(long = "virt-api", value_name = "uint[=10]", default_value_t = NOT_GIVEN, num_args = 0..=1,
          require_equals = true, default_missing_value = "10", value_parser = parse_go_uint)]
    pub virt_api: u64,
    /// show/set virt-controller log verbosity (0-9)
    #[arg(long = "virt-controller", value_name = "uint[=10]", default_value_t = NOT_GIVEN, num_args = 0..=1,
          require_equals = true, default_missing_value = "10", value_parser = parse_go_uint)]
    pub virt_controller: u64,
    /// show/set virt-handler log verbosity (0-9)
    #[arg(long = "virt-handler", value_name = "uint[=10]", default_value_t = NOT_GIVEN, num_args = 0..=1,
          require_equals = true, default_missing_value = "10", value_parser = parse_go_uint)]
    pub virt_handler: u64,
    /// show/set virt-launcher log verbosity (0-9)
    #[arg(long = "virt-launcher", value_name = "uint[=10]", default_value_t = NOT_GIVEN, num_args = 0..=1,
          require_equals = true, default_missing_value = "10", value_parser = parse_go_uint)]
    pub virt_launcher: u64,
    /// show/set virt-operator log verbosity (0-9)
    #[arg(long = "virt-operator", value_name = "uint[=10]", default_value_t = NOT_GIVEN, num_args = 0..=1,
          require_equals = true, default_missing_value = "10", value_parser = parse_go_uint)]
    pub virt_operator: u64,
    /// show/set all component log verbosity (0-9)
    #[arg(long = "all", value_name = "uint[=10]", default_value_t = NOT_GIVEN, num_args = 0..=1,
          require_equals = true, default_missing_value = "10", value_parser = parse_go_uint)]
    pub all: u64,
    /// reset log verbosity to the default verbosity (2) (empty the log verbosity)
    #[arg(long, default_value = "false", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", value_parser = parse_go_bool)]
    pub reset: bool,
    #[arg(hide = true, num_args = 0..)]
    pub args: Vec<String>,
}

pub async fn run(args: AdmArgs, ctx: &Ctx) -> Result<()> {
    match args.command {
        AdmCommand::LogVerbosity(args) => log_verbosity(args, ctx).await,
    }
}

/// The components: flag name and JSON name, in the order lines are printed.
const COMPONENTS: [(&str, &str); 5] = [
    ("virt-api", "virtAPI"),
    ("virt-controller", "virtController"),
    ("virt-handler", "virtHandler"),
    ("virt-launcher", "virtLauncher"),
    ("virt-operator", "virtOperator"),
];

impl LogVerbosityArgs {
    fn component_values(&self) -> [u64; 5] {
        [
            self.virt_api,
            self.virt_controller,
            self.virt_handler,
            self.virt_launcher,
            self.virt_operator,
        ]
    }

    /// Every given verbosity flag (`--all` included) with its value.
    fn given(&self) -> Vec<(&'static str, u64)> {
        let components = COMPONENTS.iter().map(|(flag, _)| *flag).zip(self.component_values());
        components
            .chain(std::iter::once(("all", self.all)))
            .filter(|(_, value)| *value != NOT_GIVEN)
            .collect()
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Operation {
    Show,
    Set,
    Nothing,
}

/// upstream's `findOperation`: `10` shows, anything else sets (and must be 0-9).
fn operation(args: &LogVerbosityArgs) -> Result<Operation> {
    let (mut show, mut set) = (false, false);
    for (flag, value) in args.given() {
        show |= value == SHOW;
        set |= value != SHOW;
        if value != SHOW && value > MAX_VERBOSITY {
            return Err(Error::Usage(format!("{flag}: log verbosity must be 0-{MAX_VERBOSITY}")));
        }
    }
    set |= args.reset;
    Ok(match (show, set) {
        (true, true) => return Err(Error::Usage("only show or set is allowed".into())),
        (true, false) => Operation::Show,
        (false, true) => Operation::Set,
        (false, false) => Operation::Nothing,
    })
}

/// The CR's `logVerbosity` as Go reads it into `map[string]uint` (a map value such as
/// `nodeVerbosity` fails as it does upstream), and whether `developerConfiguration` exists.
fn current_verbosity(kv: &Value) -> Result<(BTreeMap<String, u64>, bool)> {
    let developer = kv
        .pointer("/spec/configuration/developerConfiguration")
        .filter(|v| !v.is_null());
    let mut map = BTreeMap::new();
    let levels = developer.and_then(|d| d.get("logVerbosity")).and_then(Value::as_object);
    for (key, value) in levels.into_iter().flatten() {
        let level = value.as_u64().ok_or_else(|| {
            let found = match value {
                Value::Object(_) => "object".to_string(),
                Value::Array(_) => "array".to_string(),
                Value::String(_) => "string".to_string(),
                Value::Bool(_) => "bool".to_string(),
                Value::Number(n) => format!("number {n}"),
                Value::Null => "null".to_string(),
            };
            Error::Other(format!(
                "json: cannot unmarshal {found} into Go struct field .{key} of type uint"
            ))
        })?;
        map.insert(key.clone(), level);
    }
    Ok((map, developer.is_some()))
}

const DC_PATH: &str = "/spec/configuration/developerConfiguration";
const LV_PATH: &str = "/spec/configuration/developerConfiguration/logVerbosity";

/// The final map and upstream's JSON patch (with its quirk: after a reset, both `logVerbosity`
/// ops carry the final map, since upstream mutates the map the first op holds).
fn plan(
    args: &LogVerbosityArgs,
    current: BTreeMap<String, u64>,
    has_developer: bool,
) -> (BTreeMap<String, u64>, Vec<Value>) {
    let mut map = current;
    let mut has_developer = has_developer;
    // indices of ops whose value is the working map (filled in at the end)
    let mut ops: Vec<Option<Value>> = Vec::new();
    if args.reset && !map.is_empty() {
        if !has_developer {
            ops.push(Some(json!({"op": "add", "path": DC_PATH, "value": {}})));
            has_developer = true;
        }
        map = BTreeMap::new();
        ops.push(None);
    }
    if args.all != NOT_GIVEN {
        for (_, json_name) in COMPONENTS {
            map.insert(json_name.to_string(), args.all);
        }
    }
    for ((_, json_name), value) in COMPONENTS.iter().zip(args.component_values()) {
        if value != NOT_GIVEN {
            map.insert(json_name.to_string(), value);
        }
    }
    if !map.is_empty() {
        if !has_developer {
            ops.push(Some(json!({"op": "add", "path": DC_PATH, "value": {}})));
        }
        ops.push(None);
    }
    let value = json!(map);
    let ops = ops
        .into_iter()
        .map(|op| op.unwrap_or_else(|| json!({"op": "add", "path": LV_PATH, "value": value})))
        .collect();
    (map, ops)
}

/// The show lines: `virt-api=N`, sorted, the default for components the CR leaves out.
fn show_lines(args: &LogVerbosityArgs, current: &BTreeMap<String, u64>) -> Vec<String> {
    let all = args.all != NOT_GIVEN;
    let mut lines: Vec<String> = COMPONENTS
        .iter()
        .zip(args.component_values())
        .filter(|(_, value)| all || *value != NOT_GIVEN)
        .map(|((flag, json_name), _)| {
            format!(
                "{flag}={}",
                current.get(*json_name).copied().unwrap_or(DEFAULT_VERBOSITY)
            )
        })
        .collect();
    lines.sort();
    lines
}

/// The command's own help, as upstream prints it before failing when no flag is given.
fn help_text() -> String {
    use clap::Args as _;
    let mut command = clap::Command::new("log-verbosity")
        .override_usage("virtctl adm log-verbosity [flags]")
        .about(LONG_ABOUT)
        .after_help(EXAMPLES);
    command = LogVerbosityArgs::augment_args(command);
    crate::help::render_command(&command, &["adm".into(), "log-verbosity".into()], "virtctl")
}

async fn log_verbosity(args: LogVerbosityArgs, ctx: &Ctx) -> Result<()> {
    if let Some(first) = args.args.first() {
        return Err(Error::Usage(format!(
            "unknown command {first:?} for \"virtctl adm log-verbosity\""
        )));
    }
    if args.reset && args.all != NOT_GIVEN {
        return Err(Error::Usage(
            "if any flags in the group [reset all] are set none of the others can be; [all reset] were all set".into(),
        ));
    }
    let cluster = ctx.cluster().await?;
    let kubevirts = KubeVirts::new(&cluster.api);
    let items = kubevirts
        .list(None)
        .await
        .map_err(|e| e.context("could not list KubeVirt CRs across all namespaces", ": "))?;
    let (namespace, name) = match items.as_slice() {
        [] => return Err(Error::Other("could not detect a KubeVirt installation".into())),
        [kv] => (meta(kv, "namespace").to_string(), meta(kv, "name").to_string()),
        _ => {
            return Err(Error::Other(
                "invalid kubevirt installation, more than one KubeVirt resource found".into(),
            ));
        }
    };
    let kv = kubevirts.get(&namespace, &name).await?;
    match operation(&args)? {
        Operation::Nothing => {
            ctx.out.raw(help_text())?;
            Err(Error::Usage("no flag specified - expecting at least one flag".into()))
        }
        Operation::Show => {
            let (current, _) = current_verbosity(&kv)?;
            for line in show_lines(&args, &current) {
                ctx.out.line(line)?;
            }
            Ok(())
        }
        Operation::Set => {
            let (current, has_developer) = current_verbosity(&kv)?;
            let (target, ops) = plan(&args, current.clone(), has_developer);
            if ops.is_empty() {
                return Ok(());
            }
            if let Some(hco) = managing_hyperconverged(&kv) {
                ctx.out.line(hco_patch_command(&hco, &namespace, &current, &target))?;
                return Err(Error::Other(format!(
                    "log verbosity not changed: the KubeVirt CR {namespace}/{name} is managed by the HyperConverged CR {namespace}/{hco}, which reverts direct edits"
                ))
                .with_hint("run the command above to make the change through the HyperConverged CR"));
            }
            kubevirts.patch(&namespace, &name, &Value::Array(ops)).await?;
            ctx.out.line("successfully set/reset the log verbosity")
        }
    }
}

/// The HyperConverged CR that owns the KubeVirt CR (HCO sets itself as its controller and
/// labels it `app.kubernetes.io/managed-by: hco-operator`).
fn managing_hyperconverged(kv: &Value) -> Option<String> {
    let owners = kv.pointer("/metadata/ownerReferences").and_then(Value::as_array);
    if let Some(owner) = owners.into_iter().flatten().find(|r| r["kind"] == "HyperConverged") {
        return owner["name"].as_str().map(str::to_string);
    }
    let managed = kv.pointer("/metadata/labels/app.kubernetes.io~1managed-by");
    if managed.and_then(Value::as_str) == Some("hco-operator") {
        // HCO names the KubeVirt CR `kubevirt-<HyperConverged name>`
        let name = meta(kv, "name");
        return Some(
            name.strip_prefix("kubevirt-")
                .unwrap_or("kubevirt-hyperconverged")
                .to_string(),
        );
    }
    None
}

/// The merge patch of the HyperConverged CR's `spec.logVerbosityConfig.kubevirt` that leads
/// HCO to write `target` into the KubeVirt CR, as a kubectl command.
fn hco_patch_command(
    hco: &str,
    namespace: &str,
    current: &BTreeMap<String, u64>,
    target: &BTreeMap<String, u64>,
) -> String {
    let kubevirt = if target.is_empty() {
        Value::Null
    } else {
        let mut levels = serde_json::Map::new();
        for key in current.keys().chain(target.keys()) {
            levels.insert(key.clone(), target.get(key).map_or(Value::Null, |v| json!(v)));
        }
        Value::Object(levels)
    };
    let patch = json!({"spec": {"logVerbosityConfig": {"kubevirt": kubevirt}}});
    format!("kubectl patch hyperconverged {hco} -n {namespace} --type=merge -p '{patch}'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Line {
        #[command(flatten)]
        args: LogVerbosityArgs,
    }

    fn args(flags: &[&str]) -> LogVerbosityArgs {
        let mut argv = vec!["log-verbosity"];
        argv.extend_from_slice(flags);
        Line::try_parse_from(argv).unwrap().args
    }

    fn levels(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn go_uints() {
        assert_eq!(parse_go_uint("7"), Ok(7));
        assert_eq!(parse_go_uint("0x1f"), Ok(31));
        assert_eq!(parse_go_uint("010"), Ok(8));
        assert_eq!(
            parse_go_uint("-1").unwrap_err(),
            "strconv.ParseUint: parsing \"-1\": invalid syntax"
        );
        assert!(
            parse_go_uint("99999999999999999999")
                .unwrap_err()
                .ends_with("value out of range")
        );
    }

    #[test]
    fn operations() {
        assert_eq!(operation(&args(&["--virt-api"])).unwrap(), Operation::Show);
        assert_eq!(operation(&args(&["--virt-api=10"])).unwrap(), Operation::Show);
        assert_eq!(operation(&args(&["--virt-api=3"])).unwrap(), Operation::Set);
        assert_eq!(operation(&args(&["--reset"])).unwrap(), Operation::Set);
        assert_eq!(operation(&args(&[])).unwrap(), Operation::Nothing);
        assert_eq!(
            operation(&args(&["--virt-api", "--virt-handler=1"]))
                .unwrap_err()
                .to_string(),
            "only show or set is allowed"
        );
        assert_eq!(
            operation(&args(&["--virt-handler=12"])).unwrap_err().to_string(),
            "virt-handler: log verbosity must be 0-9"
        );
    }

    #[test]
    fn patches_as_upstream_builds_them() {
        let (_, ops) = plan(
            &args(&["--virt-handler=7", "--virt-launcher=3"]),
            levels(&[("virtHandler", 4), ("virtSynchronizationController", 3)]),
            true,
        );
        assert_eq!(
            json!(ops).to_string(),
            r#"[{"op":"add","path":"/spec/configuration/developerConfiguration/logVerbosity","value":{"virtHandler":7,"virtLauncher":3,"virtSynchronizationController":3}}]"#
        );
        let (_, ops) = plan(&args(&["--virt-api=3"]), BTreeMap::new(), false);
        assert_eq!(
            json!(ops).to_string(),
            r#"[{"op":"add","path":"/spec/configuration/developerConfiguration","value":{}},{"op":"add","path":"/spec/configuration/developerConfiguration/logVerbosity","value":{"virtAPI":3}}]"#
        );
        let (_, ops) = plan(&args(&["--reset", "--virt-api=1"]), levels(&[("virtAPI", 5)]), true);
        let op =
            json!({"op":"add","path":"/spec/configuration/developerConfiguration/logVerbosity","value":{"virtAPI":1}});
        assert_eq!(ops, [op.clone(), op]);
        let (_, ops) = plan(&args(&["--reset"]), BTreeMap::new(), true);
        assert!(ops.is_empty());
    }

    #[test]
    fn node_verbosity_fails_as_go_does() {
        let kv = json!({"spec": {"configuration": {"developerConfiguration": {"logVerbosity": {"nodeVerbosity": {"n1": 3}}}}}});
        assert_eq!(
            current_verbosity(&kv).unwrap_err().to_string(),
            "json: cannot unmarshal object into Go struct field .nodeVerbosity of type uint"
        );
    }

    #[test]
    fn show_lines_fill_in_the_default() {
        let lines = show_lines(&args(&["--all"]), &levels(&[("virtHandler", 5)]));
        assert_eq!(
            lines,
            [
                "virt-api=2",
                "virt-controller=2",
                "virt-handler=5",
                "virt-launcher=2",
                "virt-operator=2"
            ]
        );
    }

    #[test]
    fn hco_patches_null_what_goes_away() {
        let command = hco_patch_command(
            "kubevirt-hyperconverged",
            "openshift-cnv",
            &levels(&[("virtAPI", 5)]),
            &levels(&[("virtHandler", 3)]),
        );
        assert_eq!(
            command,
            r#"kubectl patch hyperconverged kubevirt-hyperconverged -n openshift-cnv --type=merge -p '{"spec":{"logVerbosityConfig":{"kubevirt":{"virtAPI":null,"virtHandler":3}}}}'"#
        );
    }
}
