//! Requests signed by real SDKs (tests/fixtures/sigv4-header: botocore for s3, sts, dynamodb,
//! lambda, sqs and execute-api; the AWS SDK for JavaScript v3 for S3), inspected from their raw
//! requests and from botocore's and the AWS CLI's debug logs: each verifies byte for byte.

use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, Inputs, Report, Secret, UnixTime};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/sigv4-header"
    ))
    .to_path_buf()
}

fn records(file: &str) -> Vec<Value> {
    std::fs::read_to_string(dir().join(file))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn at(record: &Value) -> UnixTime {
    UnixTime(
        parse_rfc3339(record["signed_at"].as_str().unwrap())
            .unwrap()
            .0
            + 60,
    )
}

fn inspect_text(text: &str, secret: &str, now: UnixTime) -> Report {
    inspect(
        &Inputs {
            url: text.to_owned(),
            secret: Some(Secret::new(secret)),
            ..Inputs::default()
        },
        now,
    )
}

fn check_records(file: &str, expected: usize) {
    let all = records(file);
    assert_eq!(all.len(), expected, "{file}");
    for r in all {
        let id = r["id"].as_str().unwrap();
        let report = inspect_text(
            r["raw_request"].as_str().unwrap(),
            r["secret_access_key"].as_str().unwrap(),
            at(&r),
        );
        let h = report
            .sigv4_header
            .as_ref()
            .unwrap_or_else(|| panic!("{id}: not read as header-signed"));
        assert_eq!(
            h.canonical_request_text.as_deref(),
            r["canonical_request"].as_str(),
            "{id}: canonical request"
        );
        assert_eq!(
            h.string_to_sign_text.as_deref(),
            r["string_to_sign"].as_str(),
            "{id}: string to sign"
        );
        assert_eq!(
            h.computed_signature.as_deref(),
            r["signature"].as_str(),
            "{id}"
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{id}: {:#?}",
            report.findings
        );
        let errors: Vec<Code> = report
            .findings
            .iter()
            .filter(|f| f.severity == presign_core::Severity::Error)
            .map(|f| f.code)
            .collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
    }
}

#[test]
fn botocore_requests_verify() {
    check_records("botocore.jsonl", 17);
}

#[test]
fn aws_sdk_js_v3_requests_verify() {
    check_records("aws-sdk-js-v3.jsonl", 8);
}

/// Each botocore log, pasted as a whole: its last signing block, the request it logged
/// sending re-signed here, and the secret all agree.
#[test]
fn botocore_logs_verify() {
    for r in records("botocore.jsonl") {
        let id = r["id"].as_str().unwrap();
        let log = std::fs::read_to_string(dir().join(r["sdk_log"].as_str().unwrap())).unwrap();
        let report = inspect_text(&log, r["secret_access_key"].as_str().unwrap(), at(&r));
        let h = report
            .sigv4_header
            .as_ref()
            .unwrap_or_else(|| panic!("{id}: no request read from the log"));
        let client = h.client.as_ref().expect("the SDK's signing");
        assert_eq!(
            client.canonical_request.as_deref(),
            r["canonical_request"].as_str(),
            "{id}: the logged canonical request"
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{id}: {:#?}",
            report.findings
        );
        assert!(
            !report.has(Code::SdkCanonicalRequestDiffers) && !report.has(Code::SdkLogInconsistent),
            "{id}: {:#?}",
            report.findings
        );
    }
}

/// The AWS CLI's `--debug` output: five attempts, each signed again a second later.
#[test]
fn aws_cli_debug_logs_verify() {
    for name in ["s3api-put-object.log", "sts-get-caller-identity.log"] {
        let log = std::fs::read_to_string(dir().join("logs/awscli").join(name)).unwrap();
        let report = inspect_text(
            &log,
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            UnixTime(1_795_168_860),
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{name}: {:#?}",
            report.findings
        );
        assert!(
            report
                .decoded
                .iter()
                .any(|d| d.label == "Signings in the log" && d.value == "5"),
            "{name}"
        );
    }
}
