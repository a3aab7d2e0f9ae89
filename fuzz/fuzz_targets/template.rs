//! `virtctl::fuzzing::template`: the parser and its invariants are there.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| virtctl::fuzzing::template(data));
