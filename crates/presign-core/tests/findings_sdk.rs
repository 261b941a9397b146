//! Every SDK-generated URL, inspected as the SDK meant it to be sent (right method, right
//! headers, right secret, one minute after signing): the signature is valid and the only
//! errors are the ones the SDK's own defaults cause.

use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, HttpMethod, Inputs, Secret, Severity, UnixTime};
use serde_json::Value;
use std::fmt::Write as _;

fn cases(file: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/sdk/{file}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn inputs_for(case: &Value) -> (Inputs, UnixTime) {
    let headers: String =
        case["headers"]
            .as_object()
            .unwrap()
            .iter()
            .fold(String::new(), |mut lines, (k, v)| {
                let _ = writeln!(lines, "{k}: {}", v.as_str().unwrap());
                lines
            });
    let now = UnixTime(
        parse_rfc3339(case["signed_at"].as_str().unwrap())
            .unwrap()
            .0
            + 60,
    );
    let inputs = Inputs {
        url: case["url"].as_str().unwrap().to_owned(),
        method: HttpMethod::parse(case["method"].as_str().unwrap()),
        headers,
        secret: Some(Secret::new(case["secret_access_key"].as_str().unwrap())),
        ..Inputs::default()
    };
    (inputs, now)
}

#[test]
fn every_sdk_case_is_valid_as_sent() {
    for file in ["boto3.jsonl", "aws-sdk-js-v3.jsonl"] {
        for case in cases(file) {
            let (inputs, now) = inputs_for(&case);
            let report = inspect(&inputs, now);
            let id = case["id"].as_str().unwrap();
            let errors: Vec<&str> = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.code.as_str())
                .collect();
            assert!(
                report.has(Code::SignatureValid),
                "{id}: {:?}",
                report.findings
            );
            let allowed: &[&str] = if case["url"]
                .as_str()
                .unwrap()
                .contains("x-amz-checksum-crc32=AAAAAA%3D%3D")
            {
                &["checksum-parameters"]
            } else {
                &[]
            };
            assert_eq!(errors, allowed, "{id}");
            println!(
                "{id}: {:?} {:?}",
                report.verdict.code,
                report
                    .findings
                    .iter()
                    .map(|f| f.code.as_str())
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// The SDK URL of `case` changed in each way that applies to it: what was changed, the
/// inputs, and the code the search should name.
fn variants_of(case: &Value, base: &Inputs) -> Vec<(&'static str, Inputs, Code)> {
    let method = base.method.unwrap();
    let url = base.url.clone();
    let mut variants: Vec<(&'static str, Inputs, Code)> = Vec::new();
    // The secret.
    variants.push((
        "secret",
        Inputs {
            secret: Some(Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEY")),
            ..base.clone()
        },
        Code::SignatureMismatch,
    ));
    // The method.
    let other = if method == HttpMethod::Get {
        HttpMethod::Put
    } else {
        HttpMethod::Get
    };
    variants.push((
        "method",
        Inputs {
            method: Some(other),
            ..base.clone()
        },
        Code::MethodMismatch,
    ));
    // The host style: virtual-hosted <-> path-style on the same endpoint.
    let bucket = case["bucket"].as_str().unwrap();
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path_query) = rest.split_at(rest.find('/').unwrap());
    let switched = if let Some(service_host) = authority.strip_prefix(&format!("{bucket}.")) {
        Some(format!("{scheme}://{service_host}/{bucket}{path_query}"))
    } else {
        path_query
            .strip_prefix(&format!("/{bucket}"))
            .filter(|_| !authority.starts_with("127.0.0.1"))
            .map(|key_query| format!("{scheme}://{bucket}.{authority}{key_query}"))
    };
    if let Some(u) = switched {
        variants.push((
            "host style",
            Inputs {
                url: u,
                ..base.clone()
            },
            Code::HostMismatch,
        ));
    }
    // The key's case.
    let key = case["key"].as_str().unwrap();
    if key.chars().any(|c| c.is_ascii_lowercase()) && key.is_ascii() && !key.contains('%') {
        let path_end = url.find('?').unwrap();
        let (path, query) = url.split_at(path_end);
        let key_at = path.len() - key.len();
        if path.get(key_at..) == Some(key) {
            let u = format!("{}{}{query}", &path[..key_at], key.to_ascii_uppercase());
            variants.push((
                "key case",
                Inputs {
                    url: u,
                    ..base.clone()
                },
                Code::KeyCase,
            ));
        }
    }
    // The key's encoding: %20 written as '+'.
    if url.split('?').next().unwrap().contains("%20") {
        let (path, query) = url.split_at(url.find('?').unwrap());
        let u = format!("{}{query}", path.replace("%20", "+"));
        variants.push((
            "key encoding",
            Inputs {
                url: u,
                ..base.clone()
            },
            Code::KeyEncoding,
        ));
    }
    variants
}

/// Each SDK URL changed in one way, with the right secret: the root-cause search names the
/// change. Each row: what was changed, the inputs, and the code expected.
#[test]
fn the_root_cause_search_names_each_change_on_every_sdk_url() {
    let mut failures = Vec::new();
    let mut min_tried = usize::MAX;
    for file in ["boto3.jsonl", "aws-sdk-js-v3.jsonl"] {
        for case in cases(file) {
            let id = case["id"].as_str().unwrap().to_owned();
            let (base, now) = inputs_for(&case);
            let variants = variants_of(&case, &base);
            for (what, inputs, expected) in variants {
                let report = inspect(&inputs, now);
                if let Some(search) = &report.root_cause {
                    min_tried = min_tried.min(search.variants_tried);
                }
                if !report.has(expected) || !report.has(Code::SignatureMismatch) {
                    failures.push(format!(
                        "{id} ({what}): expected {}, got {:?}",
                        expected.as_str(),
                        report
                            .findings
                            .iter()
                            .map(|f| f.code.as_str())
                            .collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(min_tried >= 200, "a search tried only {min_tried} variants");
}
