//! Every SDK-generated URL, inspected as the SDK meant it to be sent (right method, right
//! headers, right secret, one minute after signing): the signature is valid and the only
//! errors are the ones the SDK's own defaults cause.

use presign_inspector::presign::time::parse_rfc3339;
use presign_inspector::presign::{inspect, Code, HttpMethod, Inputs, Secret, Severity, UnixTime};
use serde_json::Value;

fn cases(file: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/sdk/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn inputs_for(case: &Value) -> (Inputs, UnixTime) {
    let headers: String = case["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| format!("{k}: {}\n", v.as_str().unwrap()))
        .collect();
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
