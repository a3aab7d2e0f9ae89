//! Argument validation against upstream's recorded behaviour: every case of
//! `data/upstream-validation.jsonl` (upstream virtctl over invocations that fail or finish before
//! any request) must give the same exit status, stdout and stderr for the commands this build
//! implements, which is every command the recording names.

use crate::recorded::{Recording, assert_all_match};

/// Commands (the word after `-n demo`) that this build implements.
const IMPLEMENTED: &[&str] = &[
    "credentials",
    "adm",
    "objectgraph",
    "template",
    "addvolume",
    "removevolume",
    "expand",
    "expose",
    "guestfs",
    "vmexport",
    "memory-dump",
];

#[test]
fn implemented_commands_reject_bad_arguments_as_upstream_does() {
    for word in IMPLEMENTED {
        assert_all_match(Recording::Validation, &[word], 1);
    }
}

#[test]
fn every_recorded_command_is_implemented() {
    let (ran, _) = crate::recorded::mismatches(Recording::Validation, IMPLEMENTED);
    assert_eq!(
        ran, 71,
        "the recording holds 71 cases, each filed under an implemented command"
    );
}
