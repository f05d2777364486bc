//! Fuzz target: see `sglint_fuzz::tf_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sglint_fuzz::tf_json(data));
