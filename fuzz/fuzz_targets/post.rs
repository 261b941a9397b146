//! Fuzzes presigned POST reading (the SDK's JSON, HTML forms, multipart bodies, curl -F, policies) and the inspection of what it reads, on arbitrary bytes (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::post(data));
