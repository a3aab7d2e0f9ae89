//! `virtctl::fuzzing::go_syntax`: the parser and its invariants are there.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| virtctl::fuzzing::go_syntax(data));
