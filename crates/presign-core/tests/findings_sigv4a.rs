//! One test per SigV4A finding code, and per check of the SigV4A pipeline: an SDK-made SigV4A
//! URL (tests/fixtures/sigv4a, fake keys) changed in one way, and what the user sees.

#[path = "../../../tests/support/report_lookup.rs"]
mod report_lookup;
#[path = "../../../tests/support/normalizer.rs"]
mod support_normalizer;
use presign_core::report::Family;
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, Severity, UnixTime};
use report_lookup::{field, finding, jsonl_record};
use serde_json::Value;
use support_normalizer::normalizer;

/// 2026-11-20T10:00:00Z, when every fixture was signed; a minute later all are valid.
const SIGNED_AT: i64 = 1_795_168_800;
const NOW: UnixTime = UnixTime(SIGNED_AT + 60);
const MRAP: &str = "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com";

fn fixture(id: &str) -> Value {
    let file = if id.starts_with("botocore-crt/") {
        "sigv4a/botocore-crt.jsonl"
    } else if id.starts_with("aws-sdk-js-v3/") {
        "sigv4a/aws-sdk-js-v3.jsonl"
    } else {
        "sdk/boto3.jsonl"
    };
    jsonl_record(file, id)
}

fn url(id: &str) -> String {
    field(&fixture(id), "url")
}

fn secret(id: &str) -> String {
    field(&fixture(id), "secret_access_key")
}

fn run(
    url: &str,
    method: HttpMethod,
    secret: Option<&str>,
    error_xml: &str,
    now: UnixTime,
) -> Report {
    inspect(
        &Inputs {
            url: url.to_owned(),
            method: Some(method),
            secret: secret.map(Secret::new),
            error_xml: error_xml.to_owned(),
            normalizer: Some(normalizer()),
            ..Inputs::default()
        },
        now,
    )
}

#[test]
fn region_set_mismatch() {
    // On the access point, a region set other than * may miss the region AWS picks.
    let u =
        url("botocore-crt/get-mrap").replace("X-Amz-Region-Set=%2A", "X-Amz-Region-Set=us-east-1");
    let r = run(&u, HttpMethod::Get, None, "", NOW);
    let f = finding(&r, Code::RegionSetMismatch);
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.title.contains("us-east-1"), "{}", f.title);
    // On a regional host outside the set, it cannot work.
    let regional = u.replace(MRAP, "examplebucket.s3.eu-west-1.amazonaws.com");
    let r = run(&regional, HttpMethod::Get, None, "", NOW);
    let f = finding(&r, Code::RegionSetMismatch);
    assert_eq!(
        (f.severity, f.title.as_str()),
        (
            Severity::Error,
            "Signed for the regions us-east-1, sent to a eu-west-1 endpoint"
        )
    );
    // * and a matching pattern cover it.
    for set in ["%2A", "eu-%2A", "us-east-1%2Ceu-west-1"] {
        let covered = regional.replace(
            "X-Amz-Region-Set=us-east-1",
            &format!("X-Amz-Region-Set={set}"),
        );
        assert!(
            !run(&covered, HttpMethod::Get, None, "", NOW).has(Code::RegionSetMismatch),
            "{set}"
        );
    }
}

#[test]
fn sigv4a_required() {
    let u = url("boto3/get-basic").replace("examplebucket.s3.amazonaws.com", MRAP);
    let r = run(&u, HttpMethod::Get, None, "", NOW);
    assert_eq!(r.family.map(Family::as_str), Some("sigv4-query"));
    assert_eq!(r.verdict.code, Code::Sigv4aRequired, "{:?}", r.findings);
}

#[test]
fn decoded_in_plain_words_without_a_secret() {
    let r = run(
        &url("aws-sdk-js-v3/get-mrap-session-token"),
        HttpMethod::Get,
        None,
        "",
        NOW,
    );
    assert_eq!(r.family.map(Family::as_str), Some("sigv4a"));
    assert_eq!(r.verdict.code, Code::Unverified);
    let row = |label: &str| {
        r.decoded
            .iter()
            .find(|d| d.label == label)
            .unwrap_or_else(|| panic!("no {label}"))
    };
    assert_eq!(row("Signed by").value, "ASIAFAKETESTONLY0001");
    assert!(row("Signed by").note.contains("temporary"));
    assert_eq!(row("Access point").value, "mfzwi23gnjvgw.mrap");
    assert_eq!(row("Object key").value, "a.txt");
    assert_eq!(row("Region set").value, "*");
    assert_eq!(row("Expires at").value, "2026-11-20T11:00:00Z");
    assert_eq!(r.validity.as_ref().unwrap().seconds_left, Some(3540));
    assert!(r.has(Code::TemporaryCredentials));
    let steps: Vec<&str> = r
        .signing
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(steps, vec!["canonical-request", "string-to-sign"]);
}

#[test]
fn expired_and_not_yet_valid() {
    let u = url("botocore-crt/get-mrap");
    assert_eq!(
        run(&u, HttpMethod::Get, None, "", UnixTime(SIGNED_AT + 7200))
            .verdict
            .code,
        Code::Expired
    );
    let r = run(&u, HttpMethod::Get, None, "", UnixTime(SIGNED_AT - 3600));
    assert_eq!(finding(&r, Code::NotYetValid).severity, Severity::Error);
}

#[test]
fn scope_date_against_signing_date() {
    let u = url("botocore-crt/get-mrap").replace("%2F20261120%2Fs3", "%2F20261121%2Fs3");
    let r = run(&u, HttpMethod::Get, None, "", NOW);
    assert!(finding(&r, Code::CredentialDateMismatch)
        .title
        .contains("20261121"));
}

#[test]
fn malformed_sigv4a_parameters() {
    let u = url("botocore-crt/get-mrap");
    let five = u.replace("%2F20261120%2Fs3", "%2F20261120%2Fus-east-1%2Fs3");
    let r = run(&five, HttpMethod::Get, None, "", NOW);
    assert!(finding(&r, Code::MalformedParameter)
        .detail
        .contains("SigV4A scopes name no region"));
    let no_set = u.replace("&X-Amz-Region-Set=%2A", "");
    let r = run(&no_set, HttpMethod::Get, None, "", NOW);
    assert_eq!(
        finding(&r, Code::MissingParameter).title,
        "X-Amz-Region-Set is missing"
    );
}

#[test]
fn verified_with_the_secret() {
    let id = "aws-sdk-js-v3/get-mrap";
    let r = run(&url(id), HttpMethod::Get, Some(&secret(id)), "", NOW);
    assert_eq!(r.verdict.code, Code::SignatureValid);
    let key = r
        .signing
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .find(|s| s.id == "public-key")
        .unwrap();
    assert!(key
        .text
        .starts_with("X = 18b7d04643359f6ec270dcbab8dce6d169d66ddc9778c75cfb08dfdb701637ab"));
}

#[test]
fn another_secret_is_an_unexplained_mismatch() {
    let r = run(
        &url("botocore-crt/get-mrap"),
        HttpMethod::Get,
        Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ"),
        "",
        NOW,
    );
    let f = finding(&r, Code::SignatureMismatch);
    assert!(f.detail.contains("variants tried"), "{}", f.detail);
    assert_eq!(r.verdict.code, Code::SignatureMismatch);
    assert!(!r.has(Code::SecretMismatch));
}

#[test]
fn the_secret_field_is_blamed_only_on_evidence() {
    // The access key id typed as the secret: said, as the field shows it.
    let id = "botocore-crt/get-mrap";
    let r = run(
        &url(id),
        HttpMethod::Get,
        Some("AKIAIOSFODNN7EXAMPLE"),
        "",
        NOW,
    );
    assert!(r.has(Code::SecretIsAccessKeyId));
    // A line break after the right secret: proved by the secret without it.
    let r = run(
        &url(id),
        HttpMethod::Get,
        Some(&format!("{}\n", secret(id))),
        "",
        NOW,
    );
    assert_eq!(
        finding(&r, Code::SecretWhitespace).severity,
        Severity::Error
    );
}

#[test]
fn the_search_finds_the_method() {
    let id = "botocore-crt/delete-mrap";
    let r = run(&url(id), HttpMethod::Get, Some(&secret(id)), "", NOW);
    assert_eq!(
        finding(&r, Code::MethodMismatch).title,
        "This URL was signed for DELETE, the request is sent with GET"
    );
}

#[test]
fn the_search_finds_a_re_encoded_path() {
    let id = "botocore-crt/get-mrap-unicode-key";
    let u = url(id).replacen("%20", "+", 1);
    let r = run(&u, HttpMethod::Get, Some(&secret(id)), "", NOW);
    assert!(finding(&r, Code::KeyEncoding).detail.contains("'+'"));
}

#[test]
fn the_search_finds_a_parameter_added_after_signing() {
    let id = "aws-sdk-js-v3/get-mrap";
    let r = run(
        &format!("{}&cb=1", url(id)),
        HttpMethod::Get,
        Some(&secret(id)),
        "",
        NOW,
    );
    assert_eq!(
        finding(&r, Code::QueryEncoding).title,
        "The query parameter cb was added after signing"
    );
}

#[test]
fn aws_error_bodies_are_diffed() {
    let id = "botocore-crt/get-mrap";
    let rec = fixture(id);
    let creq = rec["canonical_request"]
        .as_str()
        .unwrap()
        .replacen("GET", "PUT", 1);
    let body = format!(
        "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><CanonicalRequest>{creq}</CanonicalRequest></Error>"
    );
    let r = run(&url(id), HttpMethod::Get, None, &body, NOW);
    let f = finding(&r, Code::ServerCanonicalRequestDiffers);
    assert!(f.title.contains("HTTP method"), "{}", f.title);
    assert!(r.has(Code::S3SignatureDoesNotMatch));
}
