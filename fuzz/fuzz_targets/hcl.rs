//! Fuzz target: see `sglint_fuzz::hcl`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sglint_fuzz::hcl(data));
