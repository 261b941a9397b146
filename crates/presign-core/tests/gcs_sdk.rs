//! GCS V4 URLs and POST policies made by google-cloud-storage with a test-only key
//! (tests/fixtures/gcs/): each verifies from the public key, the certificate, or Google's
//! certificate map holding it; our canonical request and string to sign equal the library's;
//! and requests changed on purpose (re-signed with the test key) name their cause.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::gcs::post_policy::{check_policy_signature, PolicyCheck};
use presign_core::input::public_key::read_public_keys;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, UnixTime};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/gcs");
    std::fs::read_to_string(format!("{root}/{name}")).unwrap()
}

fn records(name: &str) -> Vec<Value> {
    fixture(name)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn record(id: &str) -> Value {
    records("gcs-signed-urls.jsonl")
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

fn header_lines(r: &Value) -> String {
    r["headers"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(n, v)| [n.as_str(), ": ", v.as_str().unwrap(), "\n"])
        .collect()
}

fn signed_at() -> UnixTime {
    parse_rfc3339("2026-11-20T10:00:00Z").unwrap()
}

fn run(r: &Value, public_key: &str) -> Report {
    let inputs = Inputs {
        url: r["url"].as_str().unwrap().to_owned(),
        method: HttpMethod::parse(r["method"].as_str().unwrap()),
        headers: header_lines(r),
        public_key: public_key.to_owned(),
        ..Inputs::default()
    };
    inspect(&inputs, UnixTime(signed_at().0 + 60))
}

#[test]
fn every_signed_url_verifies_with_the_public_key_and_matches_the_library() {
    let key = fixture("test-only-fake-sa-public-key.pem");
    let all = records("gcs-signed-urls.jsonl");
    assert_eq!(all.len(), 22);
    for r in &all {
        let id = r["id"].as_str().unwrap();
        let report = run(r, &key);
        let gcs = report.gcs.as_ref().unwrap();
        assert_eq!(
            gcs.canonical_request.as_deref(),
            r["canonical_request"].as_str(),
            "{id}"
        );
        assert_eq!(
            gcs.string_to_sign.as_deref(),
            r["string_to_sign"].as_str(),
            "{id}"
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{id}: {:?}",
            report.findings
        );
    }
}

#[test]
fn the_certificate_and_googles_certificate_map_verify_too() {
    let cert = fixture("test-only-fake-sa-cert.pem");
    let r = record("gcs/get-basic");
    let report = run(&r, &cert);
    assert_eq!(report.verdict.code, Code::SignatureValid);
    // What https://www.googleapis.com/robot/v1/metadata/x509/<account> returns: key ids to
    // certificates, the signing one among others.
    let other = fixture("../cloudfront/test-only-fake-cf-public-key.pem");
    let map = serde_json::json!({ "0000older": other, "1a2b3c": cert }).to_string();
    let report = run(&r, &map);
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{:?}",
        report.findings
    );
    let gcs = report.gcs.unwrap();
    assert_eq!(gcs.verified_with.as_deref(), Some("certificate 1a2b3c"));
}

#[test]
fn every_post_policy_verifies_over_its_base64_text() {
    let keys = read_public_keys(&fixture("test-only-fake-sa-cert.pem"));
    let all = records("gcs-post-policies.jsonl");
    assert_eq!(all.len(), 6);
    for r in &all {
        let fields = &r["fields"];
        let policy = fields["policy"].as_str().unwrap();
        assert_eq!(policy, r["string_to_sign"].as_str().unwrap());
        assert_eq!(
            check_policy_signature(
                &keys.keys[0].key,
                policy,
                fields["x-goog-signature"].as_str().unwrap()
            ),
            PolicyCheck::Valid,
            "{}",
            r["id"]
        );
    }
}

#[test]
fn a_put_url_sent_as_get_is_found_from_the_public_key_alone() {
    let mut r = record("gcs/put-content-type");
    r["method"] = "GET".into();
    let report = run(&r, &fixture("test-only-fake-sa-public-key.pem"));
    assert_eq!(
        report.verdict.code,
        Code::MethodMismatch,
        "{:?}",
        report.findings
    );
    assert!(report.has(Code::SignatureMismatch));
    assert!(
        !report.has(Code::PublicKeyMismatch),
        "the key is right: it opened the signature"
    );
    let gcs = report.gcs.unwrap();
    assert!(gcs.signed_digest.is_some());
}

#[test]
fn a_virtual_hosted_url_rewritten_to_path_style_is_a_host_mismatch() {
    let mut r = record("gcs/get-virtual-hosted");
    let url = r["url"].as_str().unwrap().replace(
        "https://example-bucket.storage.googleapis.com/",
        "https://storage.googleapis.com/example-bucket/",
    );
    r["url"] = url.into();
    let report = run(&r, &fixture("test-only-fake-sa-public-key.pem"));
    assert_eq!(
        report.verdict.code,
        Code::HostMismatch,
        "{:?}",
        report.findings
    );
}

#[test]
fn a_lower_cased_header_value_is_named() {
    // The library signed "image/jpeg"; a client that sends "IMAGE/JPEG" breaks the signature,
    // and so does the reverse, which is what lower-casing signers cause.
    let mut r = record("gcs/put-content-type");
    r["headers"] = serde_json::json!({ "Content-Type": "Image/JPEG" });
    let report = run(&r, &fixture("test-only-fake-sa-public-key.pem"));
    assert_eq!(
        report.verdict.code,
        Code::SignedHeaderValue,
        "{:?}",
        report.findings
    );
}

#[test]
fn an_appended_parameter_is_named() {
    let mut r = record("gcs/get-basic");
    r["url"] = format!("{}&cachebust=1", r["url"].as_str().unwrap()).into();
    let report = run(&r, &fixture("test-only-fake-sa-public-key.pem"));
    assert_eq!(
        report.verdict.code,
        Code::QueryEncoding,
        "{:?}",
        report.findings
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.title.contains("cachebust")));
}

#[test]
fn another_key_is_proved_not_to_have_signed() {
    let r = record("gcs/get-basic");
    let report = run(
        &r,
        &fixture("../cloudfront/test-only-fake-cf-public-key.pem"),
    );
    assert_eq!(
        report.verdict.code,
        Code::PublicKeyMismatch,
        "{:?}",
        report.findings
    );
}

#[test]
fn a_cut_signature_is_malformed_not_a_key_problem() {
    let mut r = record("gcs/get-basic");
    let url = r["url"].as_str().unwrap();
    r["url"] = url[..url.len() - 2].into();
    let report = run(&r, &fixture("test-only-fake-sa-public-key.pem"));
    assert_eq!(
        report.verdict.code,
        Code::MalformedParameter,
        "{:?}",
        report.findings
    );
    assert!(!report.has(Code::PublicKeyMismatch));
}

#[test]
fn without_a_key_the_url_is_decoded_and_unverified() {
    let r = record("gcs/resumable-start");
    let report = run(&r, "");
    assert_eq!(report.verdict.code, Code::Unverified);
    assert!(
        report.verdict.title.contains("public key"),
        "{}",
        report.verdict.title
    );
    let labels: Vec<&str> = report.decoded.iter().map(|f| f.label.as_str()).collect();
    for label in [
        "Signed by",
        "Algorithm",
        "Host",
        "Bucket",
        "Object",
        "Signed at",
        "Expires at",
        "Signed headers",
    ] {
        assert!(labels.contains(&label), "{label}: {labels:?}");
    }
    assert!(report.has(Code::SignedHeaders));
}

fn run_hmac(r: &Value, method: &str, secret: &str) -> Report {
    let inputs = Inputs {
        url: r["url"].as_str().unwrap().to_owned(),
        method: HttpMethod::parse(method),
        headers: header_lines(r),
        secret: Some(presign_core::Secret::new(secret)),
        ..Inputs::default()
    };
    inspect(&inputs, UnixTime(signed_at().0 + 60))
}

#[test]
fn hmac_urls_built_from_the_spec_verify_with_the_secret() {
    // tests/fixtures/gcs/gen_hmac.py: an independent stdlib construction (no Google library
    // signs URLs with an HMAC key).
    let all = records("gcs-hmac-urls.jsonl");
    assert_eq!(all.len(), 3);
    for r in &all {
        let id = r["id"].as_str().unwrap();
        let report = run_hmac(
            r,
            r["method"].as_str().unwrap(),
            r["secret"].as_str().unwrap(),
        );
        let gcs = report.gcs.as_ref().unwrap();
        assert_eq!(
            gcs.canonical_request.as_deref(),
            r["canonical_request"].as_str(),
            "{id}"
        );
        assert_eq!(
            gcs.string_to_sign.as_deref(),
            r["string_to_sign"].as_str(),
            "{id}"
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{id}: {:?}",
            report.findings
        );
        let signing = report.signing.unwrap();
        assert_eq!(signing.computed, signing.provided);
    }
}

#[test]
fn hmac_with_another_secret_is_a_mismatch_that_names_no_cause() {
    let r = &records("gcs-hmac-urls.jsonl")[0];
    let report = run_hmac(r, "GET", "not-the-secret");
    assert_eq!(
        report.verdict.code,
        Code::SignatureMismatch,
        "{:?}",
        report.findings
    );
    let errors: Vec<Code> = report
        .findings
        .iter()
        .filter(|f| f.severity == presign_core::Severity::Error)
        .map(|f| f.code)
        .collect();
    assert_eq!(errors, [Code::SignatureMismatch]);
    assert!(report.root_cause.unwrap().variants_tried > 0);
}

#[test]
fn hmac_put_sent_as_get_is_found_by_re_signing() {
    let r = &records("gcs-hmac-urls.jsonl")[1];
    let report = run_hmac(r, "GET", r["secret"].as_str().unwrap());
    assert_eq!(
        report.verdict.code,
        Code::MethodMismatch,
        "{:?}",
        report.findings
    );
}

#[test]
fn with_the_method_not_told_the_key_shows_the_one_signed() {
    let r = record("gcs/resumable-start");
    let inputs = Inputs {
        url: r["url"].as_str().unwrap().to_owned(),
        headers: header_lines(&r),
        public_key: fixture("test-only-fake-sa-public-key.pem"),
        ..Inputs::default()
    };
    let report = inspect(&inputs, UnixTime(signed_at().0 + 60));
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{:?}",
        report.findings
    );
    assert!(report.has(Code::SignedMethod));
    assert_eq!(report.request.unwrap().method, HttpMethod::Post);
}

/// gcs/get-basic changed in one way, inspected without a key a minute after signing (or `at`).
fn checked(change: impl Fn(&str) -> String, at: i64) -> Report {
    let r = record("gcs/get-basic");
    let inputs = Inputs {
        url: change(r["url"].as_str().unwrap()),
        ..Inputs::default()
    };
    inspect(&inputs, UnixTime(signed_at().0 + at))
}

#[test]
fn the_url_alone_shows_its_window_length_and_scope() {
    let same = |u: &str| u.to_owned();
    assert!(checked(same, 7200).has(Code::Expired));
    assert!(checked(same, -3600).has(Code::NotYetValid));
    assert!(checked(same, 3300).has(Code::ExpiresSoon));
    assert!(checked(
        |u| u.replace("X-Goog-Expires=3600", "X-Goog-Expires=604801"),
        60
    )
    .has(Code::ExpiresTooLong));
    assert!(
        checked(|u| u.replace("%2F20261120%2F", "%2F20261119%2F"), 60)
            .has(Code::CredentialDateMismatch)
    );
    assert!(checked(|u| u.replace("%2Fstorage%2F", "%2Fs3%2F"), 60).has(Code::WrongService));
    assert!(checked(|u| u.replace("goog4_request", "aws4_request"), 60).has(Code::BadTerminator));
    let r = checked(|u| u.replace("GOOG4-RSA-SHA256", "GOOG4-RSA-SHA512"), 60);
    assert_eq!(r.verdict.code, Code::UnsupportedAlgorithm);
    let cut = checked(|u| u[..u.find("&X-Goog-Signature").unwrap()].to_owned(), 60);
    assert_eq!(cut.verdict.code, Code::MissingParameter);
    // A scope date written with a time (a signer formatting it as a timestamp).
    let r = checked(
        |u| u.replace("%2F20261120%2F", "%2F20261120T000000Z%2F"),
        60,
    );
    assert_eq!(r.verdict.code, Code::MalformedParameter);
    let fine = checked(same, 60);
    assert_eq!(fine.verdict.code, Code::Unverified, "{:?}", fine.findings);
}

#[test]
fn a_signed_header_not_sent_is_named_and_not_guessed() {
    let r = record("gcs/put-content-type");
    let inputs = Inputs {
        url: r["url"].as_str().unwrap().to_owned(),
        method: Some(HttpMethod::Put),
        public_key: fixture("test-only-fake-sa-public-key.pem"),
        ..Inputs::default()
    };
    let report = inspect(&inputs, UnixTime(signed_at().0 + 60));
    assert_eq!(
        report.verdict.code,
        Code::MissingSignedHeader,
        "{:?}",
        report.findings
    );
    assert!(
        !report.has(Code::SignatureMismatch),
        "a missing value is not a mismatch"
    );
}

#[test]
fn googles_error_body_is_diffed_line_by_line() {
    // The canonical request GCS shows has another path: it received %2F where / was signed.
    let r = record("gcs/get-basic");
    let cr = r["canonical_request"]
        .as_str()
        .unwrap()
        .replace("/folder/report.pdf", "/folder%2Freport.pdf");
    let body = format!("<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.</Message><StringToSign>x</StringToSign><CanonicalRequest>{cr}</CanonicalRequest></Error>");
    let inputs = Inputs {
        url: r["url"].as_str().unwrap().to_owned(),
        error_xml: body,
        ..Inputs::default()
    };
    let report = inspect(&inputs, UnixTime(signed_at().0 + 60));
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::ServerCanonicalRequestDiffers)
        .unwrap();
    assert_eq!(
        f.title,
        "Google Cloud Storage received a different request: the path differs"
    );
    assert!(report.server.as_ref().unwrap().canonical_request_diff.len() > 3);
    assert!(report.has(Code::GcsError));
}
