//! Fuzzes share-link decoding (and re-encoding) on arbitrary fragments (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::share(data));
