//! Fuzzes URL reading and the whole inspection on arbitrary bytes (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::url(data));
