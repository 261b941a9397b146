//! Fuzzes curl-command reading and the inspection of the request it describes on arbitrary bytes (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::curl(data));
