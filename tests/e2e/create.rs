//! `create vm|instancetype|preference|clone` against upstream's recorded behaviour: every case of
//! `data/upstream-create.jsonl` (upstream virtctl run over the same arguments) must give the same
//! exit status, stdout and stderr, with random name suffixes masked (see `recorded`). Also: each
//! sub-command's help lists every upstream flag.

use std::path::PathBuf;

use serde_json::Value;

use crate::recorded::{Recording, assert_all_match, mask_random_names};
use crate::support::*;

/// The sub-commands this build implements.
const IMPLEMENTED: [&str; 4] = ["vm", "instancetype", "preference", "clone"];

#[test]
fn instancetype_preference_and_clone_match_upstream_byte_for_byte() {
    assert_all_match(Recording::Create, &["instancetype", "preference", "clone"], 25);
}

#[test]
fn vm_matches_upstream_byte_for_byte() {
    assert_all_match(Recording::Create, &["vm"], 68);
}

#[test]
fn output_json_is_the_same_manifest_beyond_upstream() {
    let home = tempfile::tempdir().unwrap();
    let args = ["create", "preference", "--name=p1", "--cpu-topology=cores", "-n", "ns1"];
    let yaml = Outcome::of(bare_virtctl(home.path()).args(args));
    let json = Outcome::of(bare_virtctl(home.path()).args(args).args(["-o", "json"]));

    assert_eq!(yaml.code, 0, "{yaml:#?}");
    json.ok_quiet(
        "{\n  \"apiVersion\": \"instancetype.kubevirt.io/v1beta1\",\n  \"kind\": \"VirtualMachinePreference\",\n  \
         \"metadata\": {\n    \"name\": \"p1\",\n    \"namespace\": \"ns1\"\n  },\n  \"spec\": {\n    \"cpu\": {\n      \
         \"preferredCPUTopology\": \"cores\"\n    }\n  }\n}\n",
    );
    Outcome::of(bare_virtctl(home.path()).args(["create", "clone", "--source-name=a", "-o", "xml"]))
        .fails_with("invalid argument \"xml\" for \"-o, --output\" flag: must be yaml or json");
}

#[test]
fn masking_hides_only_random_suffixes() {
    assert_eq!(mask_random_names("name: clone-b2c4d\n"), "name: clone-xxxxx\n");
    assert_eq!(mask_random_names("name: clone-abcde\n"), "name: clone-abcde\n");
    assert_eq!(mask_random_names("name: vm-bcdfgh\n"), "name: vm-bcdfgh\n");
}

#[test]
fn every_create_subcommand_help_shows_every_upstream_flag() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/data/virtctl-commands.json");
    let inventory: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut missing = Vec::new();
    for sub in IMPLEMENTED {
        let upstream = inventory
            .iter()
            .find(|c| c["path"] == serde_json::json!(["create", sub]))
            .unwrap_or_else(|| panic!("create {sub} is not in the inventory"));
        let out = Outcome::of(bare_virtctl(home.path()).args(["create", sub, "--help"]));
        assert_eq!(out.code, 0, "create {sub} --help: {out:#?}");
        assert!(
            out.stdout.contains(upstream["usage"].as_str().unwrap()),
            "create {sub}: usage line differs:\n{}",
            out.stdout
        );
        for flag in upstream["flags"].as_array().expect("flags") {
            let name = flag["name"].as_str().unwrap();
            let short = flag["shorthand"].as_str().unwrap_or("");
            let shown = if short.is_empty() {
                format!("--{name}")
            } else {
                format!("-{short}, --{name}")
            };
            if !out.stdout.lines().any(|l| l.trim_start().starts_with(&shown)) {
                missing.push(format!("create {sub}: {shown}"));
            }
        }
    }
    assert!(missing.is_empty(), "flags missing from --help: {missing:#?}");
}
