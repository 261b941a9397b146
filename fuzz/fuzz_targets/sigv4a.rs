//! Fuzzes SigV4A parameter reading and the inspection (key derivation, ECDSA verification,
//! root-cause search) of SigV4A URLs on arbitrary bytes (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::sigv4a(data));
