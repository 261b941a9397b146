//! The SDK fixtures (tests/fixtures/sdk/) through the command line, as a user runs it.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/support/sdk_fixtures.rs"]
mod sdk_fixtures;
use presign_core::UnixTime;
use sdk_fixtures::{load, one_character_off};

/// The same cases through the command line, as a user runs it: `--json` verdict and exit status.
#[test]
fn cli_verifies_every_sdk_url() {
    let mut failures = Vec::new();
    for file in ["boto3.jsonl", "aws-sdk-js-v3.jsonl", "boto3-sigv2.jsonl"] {
        for case in load(file) {
            let now = UnixTime(case.signed_at.0 + 60).to_string();
            // JS v3 PUT URLs sign the CRC32 of an empty body: valid, yet any real upload fails.
            let empty_body_checksum = case.url.contains("x-amz-checksum-crc32=AAAAAA%3D%3D");
            let (valid, valid_status) = if empty_body_checksum {
                ("checksum-parameters", 1)
            } else {
                ("signature-valid", 0)
            };
            // No variant reproduces the signature and the secret shows no flaw: the symptom.
            let wrong = if empty_body_checksum {
                "checksum-parameters"
            } else {
                "signature-mismatch"
            };
            for (secret, verdict, status) in [
                (case.secret.clone(), valid, valid_status),
                (one_character_off(&case.secret), wrong, 1),
            ] {
                let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_presign-inspector"));
                cmd.args([
                    "--json",
                    "--now",
                    &now,
                    "--method",
                    case.method.as_str(),
                    "--secret-env",
                    "SDK_SECRET",
                ]);
                for line in case.header_lines.lines() {
                    cmd.args(["--header", line]);
                }
                let out = cmd
                    .arg(&case.url)
                    .env("SDK_SECRET", &secret)
                    .output()
                    .expect("the binary runs");
                let report: serde_json::Value =
                    serde_json::from_slice(&out.stdout).expect("one JSON object");
                if report["verdict"]["code"] != verdict || out.status.code() != Some(status) {
                    failures.push(format!(
                        "{}: {} / exit {:?}, expected {verdict}",
                        case.id,
                        report["verdict"]["code"],
                        out.status.code()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
