//! GCS V4 and CloudFront URLs on the command line: `--public-key FILE` verifies from a PEM
//! public key or certificate, `--json` reports the family, the verdict and the findings, and
//! the GCS HMAC signing key (a credential) is never printed.

use serde_json::Value;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_presign-inspector");

fn fixture(path: &str) -> String {
    format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn url_of(file: &str, id: &str) -> String {
    std::fs::read_to_string(fixture(file))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["id"] == id)
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn json(args: &[&str], env: &[(&str, &str)]) -> (Value, i32) {
    let out = Command::new(BIN)
        .args(args)
        .args(["--json", "--now", "2026-11-20T10:01:00Z"])
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}")),
        out.status.code().unwrap(),
    )
}

#[test]
fn a_gcs_url_verifies_with_the_certificate() {
    let url = url_of("gcs/gcs-signed-urls.jsonl", "gcs/get-basic");
    let cert = fixture("gcs/test-only-fake-sa-cert.pem");
    let (report, status) = json(&[&url, "--public-key", &cert], &[]);
    assert_eq!(report["family"], "gcs-v4");
    assert_eq!(report["verdict"]["code"], "signature-valid");
    assert_eq!(status, 0);
    // Without the key: decoded, unverified, and it says what to give.
    let (report, _) = json(&[&url], &[]);
    assert_eq!(report["verdict"]["code"], "unverified");
    assert!(report["verdict"]["title"]
        .as_str()
        .unwrap()
        .contains("public key"));
}

#[test]
fn a_cloudfront_url_verifies_with_the_public_key_and_names_a_changed_one() {
    let url = url_of("cloudfront/botocore.jsonl", "botocore/canned-basic");
    let key = fixture("cloudfront/test-only-fake-cf-public-key.pem");
    let (report, status) = json(&[&url, "--public-key", &key], &[]);
    assert_eq!(
        (
            report["family"].as_str(),
            report["verdict"]["code"].as_str()
        ),
        (Some("cloudfront"), Some("signature-valid"))
    );
    assert_eq!(status, 0);
    let changed = url.replace("?Expires", "?v=2&Expires");
    let (report, status) = json(&[&changed, "--public-key", &key], &[]);
    assert_eq!(report["verdict"]["code"], "cloudfront-resource-mismatch");
    assert_eq!(status, 1);
}

#[test]
fn gcs_hmac_with_the_secret_never_prints_the_signing_key() {
    let line = std::fs::read_to_string(fixture("gcs/gcs-hmac-urls.jsonl")).unwrap();
    let record: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let secret = record["secret"].as_str().unwrap();
    let (report, _) = json(
        &[
            record["url"].as_str().unwrap(),
            "--secret-env",
            "GCS_HMAC_SECRET",
        ],
        &[("GCS_HMAC_SECRET", secret)],
    );
    assert_eq!(report["verdict"]["code"], "signature-valid");
    let text = report.to_string();
    assert!(
        !text.contains("signing-key") && !text.contains(secret),
        "{text}"
    );
}

#[test]
fn an_unreadable_public_key_file_is_a_usage_error() {
    let url = url_of("gcs/gcs-signed-urls.jsonl", "gcs/get-basic");
    let out = Command::new(BIN)
        .args([url.as_str(), "--public-key", "/nonexistent/key.pem"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--public-key"));
}
