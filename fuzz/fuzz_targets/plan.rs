//! Fuzz target: see `sglint_fuzz::plan`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sglint_fuzz::plan(data));
