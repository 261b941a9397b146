//! Fuzzes S3 error-body reading and its comparison with a presigned URL on arbitrary bytes (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::error_xml(data));
