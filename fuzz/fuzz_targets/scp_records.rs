//! `virtctl::fuzzing::scp_records`: the parser and its invariants are there.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| virtctl::fuzzing::scp_records(data));
