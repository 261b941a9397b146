//! Azure SAS: the shared vectors (tests/fixtures/azure-sas/shared-vectors.json, made with
//! azure-storage-blob and checked by a second implementation) and the 32 SDK-made SAS of
//! tests/fixtures/azure-sas/azure-sas.jsonl (account, service and user delegation SAS; the
//! Azurite key, fake user delegation keys): each string to sign is the SDK's, byte for byte,
//! and each signature verifies through the whole pipeline with its key.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::encode::{percent_encode, SIGV4_PATH};
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, Severity, UnixTime};
use serde_json::Value;
use std::fmt::Write as _;

fn read(file: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/azure-sas/{file}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    ))
    .unwrap()
}

fn run(url: &str, method: HttpMethod, headers: &str, key: &str, now: UnixTime) -> Report {
    inspect(
        &Inputs {
            url: url.to_owned(),
            method: Some(method),
            headers: headers.to_owned(),
            secret: Some(Secret::new(key)),
            ..Inputs::default()
        },
        now,
    )
}

#[test]
fn shared_vectors_verify() {
    let v: Value = serde_json::from_str(&read("shared-vectors.json")).unwrap();
    let account_key = v["account_key"].as_str().unwrap();
    for case in v["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let sts = case["string_to_sign"].as_str().unwrap();
        // The resource is the string to sign's own line (account SAS: the service root).
        let path = sts
            .lines()
            .find_map(|l| l.strip_prefix("/blob/devstoreaccount1"))
            .unwrap_or("/");
        let url = format!(
            "https://devstoreaccount1.blob.core.windows.net{}?{}",
            percent_encode(path.as_bytes(), &SIGV4_PATH),
            case["sas_token"].as_str().unwrap()
        );
        let key = case["user_delegation_key"]["value"]
            .as_str()
            .unwrap_or(account_key);
        let now = parse_rfc3339("2026-01-02T04:00:00Z").unwrap();
        let report = run(&url, HttpMethod::Get, "", key, now);
        let c = report.azure_sas.as_ref().expect("an Azure SAS");
        assert_eq!(c.string_to_sign.as_deref(), Some(sts), "{name}");
        assert_eq!(
            c.computed_signature.as_deref(),
            case["sig"].as_str(),
            "{name}"
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{name}: {:#?}",
            report.findings
        );
    }
}

/// Checks every SAS of an SDK fixture file; returns how many.
fn verify_file(file: &str) -> usize {
    let text = read(file);
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let r: Value = serde_json::from_str(line).unwrap();
        let id = r["id"].as_str().unwrap();
        let key = r["account_key"]
            .as_str()
            .or_else(|| r["user_delegation_key"]["value"].as_str())
            .unwrap();
        let mut url = r["url"].as_str().unwrap().to_owned();
        let params = &r["params"];
        // Python and JavaScript name the parameters differently.
        let param = |python: &str, js: &str| {
            if params[python].is_null() {
                params[js].clone()
            } else {
                params[python].clone()
            }
        };
        // What the request itself must add: the version of sr=bv, the signed query parameters.
        if let Some(version) = param("version_id", "versionId").as_str() {
            let _ = write!(url, "&versionid={version}");
        }
        if let Some(q) = param("request_query_params", "requestQueryParameters").as_object() {
            for (k, v) in q {
                let _ = write!(url, "&{k}={}", v.as_str().unwrap());
            }
        }
        let mut headers = String::new();
        if let Some(h) = param("request_headers", "requestHeaders").as_object() {
            for (k, v) in h {
                let _ = writeln!(headers, "{k}: {}", v.as_str().unwrap());
            }
        }
        let sp = param("permission", "permissions");
        let sp = sp.as_str().unwrap_or("r");
        let method = if sp.contains('r') || sp.is_empty() {
            HttpMethod::Get
        } else {
            HttpMethod::Put
        };
        let signed_at = parse_rfc3339(r["signed_at"].as_str().unwrap()).unwrap();
        let report = run(&url, method, &headers, key, UnixTime(signed_at.0 + 60));
        let c = report.azure_sas.as_ref().expect("an Azure SAS");
        assert_eq!(
            c.string_to_sign.as_deref(),
            r["string_to_sign"].as_str(),
            "{id}"
        );
        assert_eq!(c.verified, Some(true), "{id}: {:#?}", report.findings);
        assert!(report.has(Code::SignatureValid), "{id}");
        let errors: Vec<Code> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.code)
            .collect();
        assert_eq!(errors, vec![], "{id}: {:#?}", report.findings);
        n += 1;
    }
    n
}

/// azure-storage-blob 12.31.1 (Python): account, service and user delegation SAS, sv 2026-10-06.
#[test]
fn python_sdk_sas_verify() {
    assert_eq!(verify_file("azure-sas.jsonl"), 32);
}

/// @azure/storage-blob 12.32.0 (JavaScript): one SAS per string-to-sign layout, sv 2015-04-05
/// to 2026-04-06 (the Python SDK writes only the newest).
#[test]
fn javascript_sdk_sas_of_every_layout_verify() {
    assert_eq!(verify_file("azure-sas-js.jsonl"), 18);
}
