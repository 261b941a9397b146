//! The SDK-generated presigned URLs of tests/fixtures/sdk/, read for the core's and the command
//! line's tests (each includes this file with `#[path]`).

use presign_core::time::parse_rfc3339;
use presign_core::{HttpMethod, UnixTime};
use std::path::Path;

/// One line of an SDK fixture file.
pub struct SdkCase {
    pub id: String,
    pub method: HttpMethod,
    pub url: String,
    pub secret: String,
    /// `Name: value` lines of the headers the SDK signed (host excluded).
    pub header_lines: String,
    pub signed_at: UnixTime,
}

pub fn load(file: &str) -> Vec<SdkCase> {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures/sdk")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Vec<SdkCase> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            let s = |k: &str| {
                v[k].as_str()
                    .unwrap_or_else(|| panic!("{k} in {line}"))
                    .to_owned()
            };
            let mut header_lines = String::new();
            for (name, value) in v["headers"].as_object().expect("headers is an object") {
                let value = value.as_str().expect("header values are strings");
                header_lines.extend([name.as_str(), ": ", value, "\n"]);
            }
            SdkCase {
                id: s("id"),
                method: HttpMethod::parse(&s("method")).expect("a known method"),
                url: s("url"),
                secret: s("secret_access_key"),
                header_lines,
                signed_at: parse_rfc3339(&s("signed_at")).expect("signed_at is RFC 3339"),
            }
        })
        .collect();
    assert!(!cases.is_empty(), "{file} has cases");
    cases
}

/// The same secret with its last character changed.
pub fn one_character_off(secret: &str) -> String {
    let mut chars: Vec<char> = secret.chars().collect();
    let last = chars.last_mut().expect("a non-empty secret");
    *last = if *last == 'Y' { 'Z' } else { 'Y' };
    chars.into_iter().collect()
}
