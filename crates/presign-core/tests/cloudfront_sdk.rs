//! CloudFront URLs made by botocore's `CloudFrontSigner` and @aws-sdk/cloudfront-signer with a
//! test-only key (tests/fixtures/cloudfront/): each verifies from the public key with the
//! policy the SDK signed, and URLs changed on purpose name their cause.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, Inputs, Report, UnixTime};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/cloudfront"
    );
    std::fs::read_to_string(format!("{root}/{name}")).unwrap()
}

fn urls() -> Vec<Value> {
    ["botocore.jsonl", "aws-sdk-js-v3.jsonl"]
        .iter()
        .flat_map(|f| {
            fixture(f)
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .collect::<Vec<_>>()
        })
        .filter(|r| r["url"].is_string())
        .collect()
}

fn record(id: &str) -> Value {
    urls().into_iter().find(|r| r["id"] == id).unwrap()
}

/// Ten minutes after the reference instant: inside every record's window.
fn now() -> UnixTime {
    UnixTime(parse_rfc3339("2026-11-20T10:00:00Z").unwrap().0 + 600)
}

fn run(url: &str) -> Report {
    let inputs = Inputs {
        url: url.to_owned(),
        public_key: fixture("test-only-fake-cf-public-key.pem"),
        ..Inputs::default()
    };
    inspect(&inputs, now())
}

/// botocore signs the URL string it is given; given raw characters it returns a URL that no
/// client sends as is (README: "canned-unencoded-path").
const UNENCODED: &str = "botocore/canned-unencoded-path";

#[test]
fn every_sdk_url_verifies_with_the_policy_the_sdk_signed() {
    let all = urls();
    assert_eq!(all.len(), 30);
    for r in all.iter().filter(|r| r["id"] != UNENCODED) {
        let id = r["id"].as_str().unwrap();
        let report = run(r["url"].as_str().unwrap());
        let cf = report
            .cloudfront
            .as_ref()
            .unwrap_or_else(|| panic!("{id}: not read as CloudFront"));
        assert_eq!(cf.policy.as_deref(), r["signed_policy"].as_str(), "{id}");
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{id}: {:?}",
            report.findings
        );
    }
}

#[test]
fn botocores_unencoded_url_is_named_as_signed_before_percent_encoding() {
    let report = run(record(UNENCODED)["url"].as_str().unwrap());
    assert_eq!(
        report.verdict.code,
        Code::KeyEncoding,
        "{:?}",
        report.findings
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::KeyEncoding)
        .unwrap();
    assert!(f.title.contains("before percent-encoding"), "{}", f.title);
    assert!(report.has(Code::SignatureMismatch));
    assert!(!report.has(Code::PublicKeyMismatch));
}

#[test]
fn a_sha256_signature_without_hash_algorithm_is_named() {
    let r = record("aws-sdk-js-v3/canned-sha256");
    let url = r["url"]
        .as_str()
        .unwrap()
        .replace("&Hash-Algorithm=SHA256", "");
    let report = run(&url);
    assert_eq!(
        report.verdict.code,
        Code::CloudfrontHashAlgorithm,
        "{:?}",
        report.findings
    );
}

#[test]
fn a_parameter_added_to_a_canned_url_is_named() {
    let r = record("botocore/canned-basic");
    let url = r["url"]
        .as_str()
        .unwrap()
        .replace("?Expires", "?utm_source=mail&Expires");
    let report = run(&url);
    assert_eq!(
        report.verdict.code,
        Code::CloudfrontResourceMismatch,
        "{:?}",
        report.findings
    );
}

#[test]
fn a_canned_url_sent_over_the_other_scheme_is_named() {
    let r = record("aws-sdk-js-v3/canned-basic");
    let url = r["url"].as_str().unwrap().replace("https://", "http://");
    let report = run(&url);
    assert_eq!(
        report.verdict.code,
        Code::CloudfrontResourceMismatch,
        "{:?}",
        report.findings
    );
    assert!(report.has(Code::SignatureMismatch));
}

#[test]
fn a_wildcard_policy_covers_the_url_and_a_changed_path_is_outside_it() {
    let r = record("botocore/custom-wildcard-resource");
    assert_eq!(
        run(r["url"].as_str().unwrap()).verdict.code,
        Code::SignatureValid
    );
    let moved = r["url"].as_str().unwrap().replace("/private/", "/public/");
    let report = run(&moved);
    // The signature is over the policy, which is intact: valid, but CloudFront refuses the URL.
    assert!(report.has(Code::SignatureValid));
    assert_eq!(
        report.verdict.code,
        Code::CloudfrontResourceMismatch,
        "{:?}",
        report.findings
    );
}

#[test]
fn the_gcs_key_is_proved_not_to_have_signed() {
    let inputs = Inputs {
        url: record("botocore/canned-basic")["url"]
            .as_str()
            .unwrap()
            .to_owned(),
        public_key: std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/gcs/test-only-fake-sa-cert.pem"
        ))
        .unwrap(),
        ..Inputs::default()
    };
    let report = inspect(&inputs, now());
    assert_eq!(
        report.verdict.code,
        Code::PublicKeyMismatch,
        "{:?}",
        report.findings
    );
}

#[test]
fn expiry_and_start_come_from_the_policy() {
    let r = record("botocore/custom-start-ip");
    let url = r["url"].as_str().unwrap();
    let inputs = Inputs {
        url: url.to_owned(),
        ..Inputs::default()
    };
    let start = parse_rfc3339(r["date_greater_than"].as_str().unwrap()).unwrap();
    let end = parse_rfc3339(r["date_less_than"].as_str().unwrap()).unwrap();
    assert!(inspect(&inputs, UnixTime(start.0 - 3600)).has(Code::NotYetValid));
    assert!(inspect(&inputs, UnixTime(end.0 + 1)).has(Code::Expired));
    let report = inspect(&inputs, now());
    assert_eq!(report.verdict.code, Code::Unverified);
    assert!(report.verdict.title.contains("public key"));
    assert_eq!(report.validity.unwrap().expires_at, Some(end));
}
