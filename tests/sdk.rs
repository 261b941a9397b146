//! Presigned URLs made by real SDKs (boto3, the AWS SDK for JavaScript v3, botocore's SigV2;
//! tests/fixtures/sdk/): `inspect` must re-sign each one to exactly the signature in its URL, and
//! must call it a mismatch once one character of the secret changes.
#![cfg(not(target_arch = "wasm32"))]

use presign_inspector::presign::time::parse_rfc3339;
use presign_inspector::presign::{inspect, Code, HttpMethod, Inputs, Report, Secret, UnixTime};
use std::path::Path;

/// One line of an SDK fixture file.
struct SdkCase {
    id: String,
    method: HttpMethod,
    url: String,
    secret: String,
    /// `Name: value` lines of the headers the SDK signed (host excluded).
    header_lines: String,
    signed_at: UnixTime,
}

fn load(file: &str) -> Vec<SdkCase> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
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
            let header_lines = v["headers"]
                .as_object()
                .expect("headers is an object")
                .iter()
                .map(|(name, value)| {
                    format!(
                        "{name}: {}\n",
                        value.as_str().expect("header values are strings")
                    )
                })
                .collect();
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

fn inspect_case(case: &SdkCase, secret: &str) -> Report {
    let inputs = Inputs {
        url: case.url.clone(),
        method: Some(case.method),
        headers: case.header_lines.clone(),
        secret: Some(Secret::new(secret)),
        error_xml: String::new(),
        ..Inputs::default()
    };
    // A minute after signing: every case is valid then.
    inspect(&inputs, UnixTime(case.signed_at.0 + 60))
}

/// (computed, provided) of whichever signature version the URL uses.
fn signatures(report: &Report) -> (Option<String>, Option<String>) {
    if let Some(c) = &report.sigv4 {
        (c.computed_signature.clone(), c.provided_signature.clone())
    } else if let Some(c) = &report.sigv2 {
        (c.computed_signature.clone(), c.provided_signature.clone())
    } else {
        (None, None)
    }
}

/// The same secret with its last character changed.
fn one_character_off(secret: &str) -> String {
    let mut chars: Vec<char> = secret.chars().collect();
    let last = chars.last_mut().expect("a non-empty secret");
    *last = if *last == 'Y' { 'Z' } else { 'Y' };
    chars.into_iter().collect()
}

/// Checks every case of a file and reports all failures at once, each named by its case id.
fn check_file(file: &str) {
    let mut failures = Vec::new();
    let mut failed_cases = 0;
    let cases = load(file);
    for case in &cases {
        let before = failures.len();
        let report = inspect_case(case, &case.secret);
        let (computed, provided) = signatures(&report);
        // AWS SDK for JavaScript v3 signs the CRC32 of an empty body into PUT URLs by default:
        // the signature is valid, but any real upload fails, which is the verdict.
        let empty_body_checksum = case.url.contains("x-amz-checksum-crc32=AAAAAA%3D%3D");
        let expected = if empty_body_checksum { Code::ChecksumParameters } else { Code::SignatureValid };
        if report.verdict.code != expected || !report.has(Code::SignatureValid) {
            let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
            failures.push(format!(
                "{}: verdict {} (findings {codes:?})",
                case.id,
                report.verdict.code.as_str()
            ));
        }
        if computed.is_none() || computed != provided {
            failures.push(format!(
                "{}: computed {computed:?}, URL has {provided:?}",
                case.id
            ));
            if let Some(c) = &report.sigv4 {
                failures.push(format!(
                    "  canonical request:\n{}",
                    c.canonical_request_text
                ));
            }
            if let Some(c) = &report.sigv2 {
                failures.push(format!("  string to sign:\n{}", c.string_to_sign));
            }
        }
        let wrong = inspect_case(case, &one_character_off(&case.secret));
        // SigV4: the root-cause search finds no variant and names the likely cause.
        let wrong_ok = wrong.has(Code::SignatureMismatch)
            && (report.sigv2.is_some() || wrong.has(Code::WrongSecretLikely))
            && matches!(
                wrong.verdict.code,
                Code::SignatureMismatch | Code::WrongSecretLikely | Code::ChecksumParameters
            );
        if !wrong_ok {
            failures.push(format!(
                "{}: with a wrong secret the verdict is {}",
                case.id,
                wrong.verdict.code.as_str()
            ));
        }
        failed_cases += usize::from(failures.len() > before);
    }
    assert!(
        failures.is_empty(),
        "{failed_cases} of {} cases fail:\n{}",
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn boto3_sigv4() {
    check_file("boto3.jsonl");
}

#[test]
fn aws_sdk_js_v3() {
    check_file("aws-sdk-js-v3.jsonl");
}

#[test]
fn boto3_sigv2() {
    check_file("boto3-sigv2.jsonl");
}

/// The same cases through the command line, as a user runs it: `--json` verdict and exit status.
#[test]
fn cli_verifies_every_sdk_url() {
    let mut failures = Vec::new();
    for file in ["boto3.jsonl", "aws-sdk-js-v3.jsonl", "boto3-sigv2.jsonl"] {
        for case in load(file) {
            let now = UnixTime(case.signed_at.0 + 60).to_string();
            // JS v3 PUT URLs sign the CRC32 of an empty body: valid, yet any real upload fails.
            let empty_body_checksum = case.url.contains("x-amz-checksum-crc32=AAAAAA%3D%3D");
            let sigv2 = file == "boto3-sigv2.jsonl";
            let (valid, valid_status) =
                if empty_body_checksum { ("checksum-parameters", 1) } else { ("signature-valid", 0) };
            // SigV4: the root-cause search finds no variant and names the likely cause.
            let wrong = match (empty_body_checksum, sigv2) {
                (true, _) => "checksum-parameters",
                (false, true) => "signature-mismatch",
                (false, false) => "wrong-secret-likely",
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
