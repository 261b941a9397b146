//! SigV4A presigned URLs made by the SDKs (tests/fixtures/sigv4a/: AWS SDK for JavaScript v3
//! with the CRT signer, botocore with awscrt; fake keys, a fixed clock): each verifies through
//! the whole pipeline, with the canonical request and string to sign the CRT logged, and the
//! root-cause search names what changed when the request differs from what was signed.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/support/normalizer.rs"]
mod normalizer;

use presign_core::report::Family;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, UnixTime};
use std::fmt::Write as _;
use std::path::Path;

struct Record {
    id: String,
    method: HttpMethod,
    url: String,
    secret: String,
    header_lines: String,
    signed_at: UnixTime,
    canonical_request: String,
    string_to_sign: String,
}

fn records() -> Vec<Record> {
    let dir =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/sigv4a");
    let mut out = Vec::new();
    for file in ["aws-sdk-js-v3.jsonl", "botocore-crt.jsonl"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_else(|| panic!("{k}")).to_owned();
            let mut header_lines = String::new();
            for (name, value) in v["headers"].as_object().unwrap() {
                let _ = writeln!(header_lines, "{name}: {}", value.as_str().unwrap());
            }
            out.push(Record {
                id: s("id"),
                method: HttpMethod::parse(&s("method")).unwrap(),
                url: s("url"),
                secret: s("secret_access_key"),
                header_lines,
                signed_at: parse_rfc3339(&s("signed_at")).unwrap(),
                canonical_request: s("canonical_request"),
                string_to_sign: s("string_to_sign"),
            });
        }
    }
    assert_eq!(out.len(), 24, "13 JS and 11 botocore URLs");
    out
}

fn run(r: &Record, method: HttpMethod, headers: &str, secret: &str) -> Report {
    inspect(
        &Inputs {
            url: r.url.clone(),
            method: Some(method),
            headers: headers.to_owned(),
            secret: Some(Secret::new(secret)),
            normalizer: Some(normalizer::normalizer()),
            ..Inputs::default()
        },
        UnixTime(r.signed_at.0 + 60),
    )
}

#[test]
fn every_sdk_url_verifies() {
    for r in records() {
        let report = run(&r, r.method, &r.header_lines, &r.secret);
        assert_eq!(
            report.family.map(Family::as_str),
            Some("sigv4a"),
            "{}",
            r.id
        );
        let c = report.sigv4a.as_ref().unwrap();
        assert_eq!(
            c.canonical_request_text.as_deref(),
            Some(r.canonical_request.as_str()),
            "{}",
            r.id
        );
        assert_eq!(
            c.string_to_sign_text.as_deref(),
            Some(r.string_to_sign.as_str()),
            "{}",
            r.id
        );
        assert_eq!(c.verified, Some(true), "{}", r.id);
        assert!(report.has(Code::SignatureValid), "{}", r.id);
        // The one error an SDK URL may carry: JS v3's CRC32 of an empty body on PUT, which
        // is what it signed, and fails any upload with content.
        let errors: Vec<Code> = report
            .findings
            .iter()
            .filter(|f| f.severity == presign_core::Severity::Error)
            .map(|f| f.code)
            .collect();
        let expected = if r.url.contains("x-amz-checksum-crc32=AAAAAA%3D%3D") {
            vec![Code::ChecksumParameters]
        } else {
            vec![]
        };
        assert_eq!(errors, expected, "{}: {:#?}", r.id, report.findings);
    }
}

#[test]
fn sent_with_another_method_the_search_names_the_signed_one() {
    for r in records()
        .iter()
        .filter(|r| r.method == HttpMethod::Put && r.header_lines.is_empty())
    {
        let report = run(r, HttpMethod::Get, "", &r.secret);
        assert_eq!(
            report.verdict.code,
            Code::MethodMismatch,
            "{}: {:#?}",
            r.id,
            report.findings
        );
        let f = report
            .findings
            .iter()
            .find(|f| f.code == Code::MethodMismatch)
            .unwrap();
        assert!(f.title.contains("signed for PUT"), "{}", f.title);
        assert!(report.has(Code::SignatureMismatch));
    }
}

#[test]
fn a_parameter_added_after_signing_is_named() {
    let r = records()
        .into_iter()
        .find(|r| r.id == "botocore-crt/get-mrap")
        .unwrap();
    let tampered = Record {
        url: format!("{}&cache=1", r.url),
        ..r
    };
    let report = run(&tampered, HttpMethod::Get, "", &tampered.secret);
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::QueryEncoding)
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert!(f.title.contains("cache"), "{}", f.title);
}

#[test]
fn a_wrong_secret_is_a_mismatch_without_a_cause() {
    let r = records()
        .into_iter()
        .find(|r| r.id == "aws-sdk-js-v3/get-mrap")
        .unwrap();
    let report = run(
        &r,
        HttpMethod::Get,
        "",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ",
    );
    assert_eq!(
        report.verdict.code,
        Code::SignatureMismatch,
        "{:#?}",
        report.findings
    );
    let errors: Vec<Code> = report
        .findings
        .iter()
        .filter(|f| f.severity == presign_core::Severity::Error)
        .map(|f| f.code)
        .collect();
    assert_eq!(errors, vec![Code::SignatureMismatch]);
}
