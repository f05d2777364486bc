//! Fuzz target: see `sglint_fuzz::config`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sglint_fuzz::config(data));
