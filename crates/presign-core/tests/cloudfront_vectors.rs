//! The CloudFront vectors (tests/fixtures/cloudfront/vectors/, a copy of shared/vectors/cloudfront):
//! the aws-sdk-js-v3 test key's canned and custom-policy URLs verify from its public key in
//! both parameter orders, and botocore's stub-signer URLs are read as the SDK wrote them.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::cloudfront::params::PolicyKind;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, Inputs, Report};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use serde_json::Value;

fn vectors() -> Value {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/cloudfront/vectors"
    );
    serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/cloudfront-vectors.json")).unwrap(),
    )
    .unwrap()
}

fn public_key() -> String {
    let pem = include_str!("../../../tests/fixtures/cloudfront/vectors/test-key.aws-sdk-js-v3.pem");
    rsa::RsaPrivateKey::from_pkcs1_pem(pem)
        .unwrap()
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap()
}

fn run(url: &str, key: &str) -> Report {
    let inputs = Inputs {
        url: url.to_owned(),
        public_key: key.to_owned(),
        ..Inputs::default()
    };
    // Between the custom case's DateGreaterThan (2019-12-01) and DateLessThan (2020-01-01).
    inspect(&inputs, parse_rfc3339("2019-12-15T00:00:00Z").unwrap())
}

#[test]
fn the_js_sdk_test_keys_urls_verify_in_both_orders() {
    let key = public_key();
    let v = vectors();
    for case in v["cases"].as_array().unwrap().iter().take(2) {
        let name = case["name"].as_str().unwrap();
        for field in [
            "expected_signed_url_sdkjs_order",
            "expected_signed_url_botocore_order",
        ] {
            let Some(url) = case[field].as_str() else {
                continue;
            };
            let report = run(url, &key);
            assert_eq!(
                report.verdict.code,
                Code::SignatureValid,
                "{name} {field}: {:?}",
                report.findings
            );
            let cf = report.cloudfront.unwrap();
            assert_eq!(
                cf.policy.as_deref(),
                case["policy_signed_bytes"].as_str(),
                "{name}"
            );
        }
    }
}

#[test]
fn the_custom_policy_is_decoded_in_plain_words() {
    let v = vectors();
    let case = &v["cases"][1];
    let report = run(
        case["expected_signed_url_sdkjs_order"].as_str().unwrap(),
        &public_key(),
    );
    let cf = report.cloudfront.as_ref().unwrap();
    assert_eq!(cf.kind, Some(PolicyKind::Custom));
    let c = cf.conditions.as_ref().unwrap();
    assert_eq!(
        (c.date_greater_than, c.date_less_than),
        (Some(1_575_158_400), Some(1_577_836_800))
    );
    assert_eq!(c.source_ip.as_deref(), Some("10.0.0.0/32"));
    assert!(report.has(Code::CloudfrontIpRestriction));
    let labels: Vec<&str> = report.decoded.iter().map(|f| f.label.as_str()).collect();
    for label in [
        "Signed by (Key-Pair-Id)",
        "Policy",
        "Resource",
        "Valid from",
        "Expires at",
        "Allowed client addresses",
        "Hash",
    ] {
        assert!(labels.contains(&label), "{label}: {labels:?}");
    }
}

#[test]
fn botocores_stub_signer_urls_are_read_as_written() {
    // botocore's unit test signs with a stub returning b"signed": the policy and parameters
    // are real, the signature is six bytes, which no RSA key made.
    let v = vectors();
    let case = &v["cases"][2];
    let report = run(case["expected"].as_str().unwrap(), &public_key());
    let cf = report.cloudfront.as_ref().unwrap();
    assert_eq!(cf.policy.as_deref(), case["policy"].as_str());
    assert_eq!(cf.resource, "http://test.com/index.html?foo=bar");
    assert!(
        report.has(Code::CloudfrontResourceMismatch),
        "Resource \"foo\" covers no URL"
    );
    assert!(
        report.has(Code::MalformedParameter),
        "{:?}",
        report.findings
    );
    let canned = run(
        "http://test.com/foo.txt?Expires=1451606400&Signature=c2lnbmVk&Key-Pair-Id=MY_KEY_ID",
        "",
    );
    assert_eq!(canned.cloudfront.unwrap().kind, Some(PolicyKind::Canned));
}
