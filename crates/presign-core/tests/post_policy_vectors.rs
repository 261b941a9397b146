//! The S3 documentation's presigned POST examples (tests/fixtures/post-policy/docs/, copied from
//! the shared vectors): the SigV4 browser-upload example and the SigV2 example must verify
//! through the whole inspection, the SigV4 one with its CRLF policy signed exactly as posted.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::post_policy::conditions::Outcome;
use presign_core::report::Family;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, Inputs, Report, Secret, Severity};
use serde_json::Value;
use std::fmt::Write as _;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/post-policy/docs/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The documentation's SigV4 form, as its HTML.
fn sigv4_form() -> (String, Value) {
    let vector: Value = serde_json::from_str(&fixture("sigv4-docs-example.json")).unwrap();
    let policy = fixture("sigv4-docs-example.policy.b64");
    let mut html = format!(
        "<form action=\"{}\" method=\"post\" enctype=\"multipart/form-data\">\n",
        vector["post_url"].as_str().unwrap()
    );
    for pair in vector["form_fields_in_order"].as_array().unwrap() {
        let (name, value) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        let value = if value == "<policy.b64>" {
            policy.as_str()
        } else {
            value
        };
        let _ = match name {
            "file" => writeln!(html, "  File: <input type=\"file\" name=\"file\" />"),
            "submit" => writeln!(
                html,
                "  <input type=\"submit\" name=\"submit\" value=\"{value}\" />"
            ),
            _ => writeln!(
                html,
                "  <input type=\"hidden\" name=\"{name}\" value=\"{}\" />",
                html_escape(value)
            ),
        };
    }
    html.push_str("</form>\n");
    (html, vector)
}

fn inspect_at(text: &str, secret: Option<&str>, now: &str) -> Report {
    inspect(
        &Inputs {
            url: text.to_owned(),
            secret: secret.map(Secret::new),
            ..Inputs::default()
        },
        parse_rfc3339(now).unwrap(),
    )
}

#[test]
fn sigv4_documentation_example_verifies() {
    let (html, vector) = sigv4_form();
    let report = inspect_at(
        &html,
        vector["secret_access_key"].as_str(),
        "2015-12-29T12:00:00Z",
    );
    assert_eq!(report.family, Some(Family::PostPolicy));
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{:#?}",
        report.findings
    );
    let signing = report.signing.as_ref().unwrap();
    assert_eq!(
        signing.computed.as_deref(),
        vector["expected_signature"].as_str()
    );
    // The string to sign is the policy as posted, and the chain ends in the documented key.
    let step = |id: &str| {
        signing
            .steps
            .iter()
            .find(|s| s.id == id)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(
        step("string-to-sign"),
        fixture("sigv4-docs-example.policy.b64")
    );
    assert!(step("policy").contains("\"\"],\r\n\r\n    {\"x-amz-credential\""));
    assert!(step("signing-key").contains(vector["signing_key_hex"].as_str().unwrap()));
    // Every condition holds, the key's too: its text before ${filename} has the prefix.
    let post = report.post.as_ref().unwrap();
    assert_eq!(post.conditions.len(), 11);
    for c in &post.conditions {
        assert_eq!(c.outcome, Outcome::Holds, "{c:?}");
    }
    // No error: the submit button after the file is ignored by S3, harmlessly.
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error),
        "{:#?}",
        report.findings
    );
    assert!(report.has(Code::FilenameInKey));
}

#[test]
fn sigv4_documentation_example_expires() {
    let (html, vector) = sigv4_form();
    let report = inspect_at(
        &html,
        vector["secret_access_key"].as_str(),
        "2015-12-30T12:00:01Z",
    );
    assert_eq!(report.verdict.code, Code::PolicyExpired);
    assert!(report.has(Code::SignatureValid));
}

#[test]
fn sigv2_documentation_example_verifies() {
    let vector: Value = serde_json::from_str(&fixture("sigv2-docs-example.json")).unwrap();
    let policy = fixture("sigv2-docs-example.policy.b64");
    let form = format!(
        r#"<form action="https://johnsmith.s3.amazonaws.com/" method="post" enctype="multipart/form-data">
<input type="hidden" name="key" value="user/eric/${{filename}}">
<input type="hidden" name="AWSAccessKeyId" value="{}">
<input type="hidden" name="acl" value="public-read">
<input type="hidden" name="success_action_redirect" value="http://johnsmith.s3.amazonaws.com/successful_upload.html">
<input type="hidden" name="Content-Type" value="image/jpeg">
<input type="hidden" name="x-amz-meta-uuid" value="14365123651274">
<input type="hidden" name="x-amz-meta-tag" value="">
<input type="hidden" name="policy" value="{policy}">
<input type="hidden" name="signature" value="{}">
<input type="file" name="file">
</form>"#,
        vector["AWSAccessKeyId"].as_str().unwrap(),
        vector["expected_signature"].as_str().unwrap()
    );
    let report = inspect_at(
        &form,
        vector["secret_access_key_that_reproduces"].as_str(),
        "2007-11-30T12:00:00Z",
    );
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{:#?}",
        report.findings
    );
    let signing = report.signing.as_ref().unwrap();
    assert_eq!(
        signing.computed.as_deref(),
        vector["expected_signature"].as_str()
    );
    assert_eq!(signing.provided_in, "In the form");
    // With another secret: a mismatch, and the secret is not blamed.
    let other = inspect_at(
        &form,
        Some("uV3F3YluFJax1cknvbcGwgjvx4QpvB+leU8dUj2X"),
        "2007-11-30T12:00:00Z",
    );
    assert_eq!(other.verdict.code, Code::SignatureMismatch);
    assert!(!other.has(Code::SecretMismatch));
}
