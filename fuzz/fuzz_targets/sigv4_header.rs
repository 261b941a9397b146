//! Fuzzes header-signed requests (raw HTTP requests, SDK debug logs, curl commands, service error bodies) and their inspection on arbitrary bytes (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::sigv4_header(data));
