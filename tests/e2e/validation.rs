//! Argument validation against upstream's recorded behaviour: every case of
//! `data/upstream-validation.jsonl` (upstream virtctl over invocations that fail or finish before
//! any request) must give the same exit status, stdout and stderr for the commands this build
//! implements, which is every command the recording names.

use crate::recorded::{Recording, assert_every_case_matches};

/// Every command the recording names exists now, so every case runs; the recording holds 71.
#[test]
fn every_command_rejects_bad_arguments_as_upstream_does() {
    assert_every_case_matches(Recording::Validation, 71);
}
