//! Fuzzes GCS V4 and CloudFront signed URLs verified with public keys (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::signed_url(data));
