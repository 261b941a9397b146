//! Fuzzes Azure SAS reading (parameters, the resource a URL names, the key, the service's
//! error body) and the inspection of the SAS on arbitrary bytes (see `fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::azure_sas(data));
