//! `virtctl::fuzzing::websocket_frames`: the parser and its invariants are there.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| virtctl::fuzzing::websocket_frames(data));
