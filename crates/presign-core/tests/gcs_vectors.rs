//! Google's conformance vectors for V4 signing (tests/fixtures/gcs/conformance/, a copy of
//! googleapis/conformance-tests storage/v1): every signed-URL case must verify from the public
//! key alone, with our canonical request and string to sign equal to the suite's byte for
//! byte; every POST policy's signature must verify over its base64 text.
//!
//! One case of the file is defective (shared/specs/gcs-v4.md section 5): "Universe domain with
//! virtual hosted style" gives a canonical request whose hash is not the one in its string to
//! sign. Its string to sign and URL are authoritative and are checked; its canonical request is
//! checked to be the defect the spec describes.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::crypto::sha256;
use presign_core::encode::hex;
use presign_core::gcs::canonical_request::canonical_request;
use presign_core::gcs::params::read_gcs_params;
use presign_core::gcs::post_policy::{check_policy_signature, PolicyCheck};
use presign_core::gcs::signature::rsa_verifies;
use presign_core::gcs::string_to_sign::string_to_sign;
use presign_core::input::public_key::read_public_keys;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, HttpMethod, Inputs, UnixTime};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey, LineEnding};
use serde_json::Value;

const DEFECTIVE: &str = "Universe domain with virtual hosted style";
/// A case that signs a header named `header/name/with/slash`: not an HTTP header name (RFC 9110
/// token), so no client can send it and the page reads it as an unreadable header line. Its
/// stages are checked directly.
const SLASH_HEADER: &str = "Slashes in object name should not be URL encoded";

fn fixture(path: &str) -> String {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/gcs/conformance"
    );
    std::fs::read_to_string(format!("{root}/{path}")).unwrap()
}

/// The public half of the suite's dummy service-account key, as a PEM public key.
fn public_key_pem() -> String {
    let account: Value =
        serde_json::from_str(&fixture("test_service_account.not-a-test.json")).unwrap();
    let private =
        rsa::RsaPrivateKey::from_pkcs8_pem(account["private_key"].as_str().unwrap()).unwrap();
    private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap()
}

fn suite() -> Value {
    serde_json::from_str(&fixture("v4_signatures.json")).unwrap()
}

/// The headers a case sends: its signed headers, and the host exactly as signed (the suite's
/// libraries leave a custom endpoint's port out of the signed host).
fn header_lines(case: &Value) -> String {
    let mut lines = String::new();
    if let Some(headers) = case["headers"].as_object() {
        for (name, value) in headers {
            lines.extend([name.as_str(), ": ", value.as_str().unwrap(), "\n"]);
        }
    }
    let signed_host = case["expectedCanonicalRequest"]
        .as_str()
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("host:"))
        .unwrap();
    lines.extend(["Host: ", signed_host, "\n"]);
    lines
}

fn inputs(case: &Value, public_key: &str) -> Inputs {
    Inputs {
        url: case["expectedUrl"].as_str().unwrap().to_owned(),
        method: HttpMethod::parse(case["method"].as_str().unwrap()),
        headers: header_lines(case),
        public_key: public_key.to_owned(),
        ..Inputs::default()
    }
}

fn now(case: &Value) -> UnixTime {
    UnixTime(
        parse_rfc3339(case["timestamp"].as_str().unwrap())
            .unwrap()
            .0
            + 1,
    )
}

#[test]
fn every_signed_url_case_verifies_from_the_public_key() {
    let key = public_key_pem();
    let suite = suite();
    let cases = suite["signingV4Tests"].as_array().unwrap();
    assert_eq!(cases.len(), 29);
    let mut passed = 0;
    for case in cases {
        let name = case["description"].as_str().unwrap();
        if name == SLASH_HEADER {
            passed += u32::from(slash_header_case(case, &key));
            continue;
        }
        let report = inspect(&inputs(case, &key), now(case));
        let gcs = report
            .gcs
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: not read as GCS"));
        let expected_cr = case["expectedCanonicalRequest"].as_str().unwrap();
        let expected_sts = case["expectedStringToSign"].as_str().unwrap();
        if name == DEFECTIVE {
            // The suite's canonical request keeps the bucket in the path; its hash is not the
            // one in the suite's own string to sign. Ours (path /test-object) is.
            assert_ne!(
                hex(&sha256(expected_cr.as_bytes())),
                expected_sts.rsplit('\n').next().unwrap()
            );
            assert_eq!(
                gcs.canonical_request.as_deref(),
                Some(
                    expected_cr
                        .replace("\n/test-bucket/test-object\n", "\n/test-object\n")
                        .as_str()
                ),
                "{name}"
            );
        } else {
            assert_eq!(
                gcs.canonical_request.as_deref(),
                Some(expected_cr),
                "{name}: canonical request"
            );
        }
        assert_eq!(
            gcs.string_to_sign.as_deref(),
            Some(expected_sts),
            "{name}: string to sign"
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{name}: {:?}",
            report.findings
        );
        passed += 1;
    }
    assert_eq!(passed, 29);
}

fn slash_header_case(case: &Value, key_pem: &str) -> bool {
    let url = presign_core::input::url::parse_url(case["expectedUrl"].as_str().unwrap()).unwrap();
    let params = read_gcs_params(&url);
    let headers = vec![
        (
            "header/name/with/slash".to_owned(),
            "should-be-encoded".to_owned(),
        ),
        ("host".to_owned(), "storage.googleapis.com".to_owned()),
    ];
    let (cr, missing) = canonical_request(&url, &params, HttpMethod::Get, &headers);
    assert!(missing.is_empty());
    assert_eq!(
        cr.text(),
        case["expectedCanonicalRequest"].as_str().unwrap()
    );
    let scope = params.credential.as_ref().unwrap().scope();
    let sts = string_to_sign(
        "GOOG4-RSA-SHA256",
        params.date_text.as_deref().unwrap(),
        &scope,
        &cr.text(),
    );
    assert_eq!(sts, case["expectedStringToSign"].as_str().unwrap());
    let keys = read_public_keys(key_pem);
    assert!(rsa_verifies(
        &keys.keys[0].key,
        &sts,
        params.signature.as_deref().unwrap()
    ));
    // Through inspect, the header line is reported as unreadable, and not guessed.
    let report = inspect(&inputs(case, key_pem), now(case));
    assert!(report.has(Code::UnreadableRequest), "{:?}", report.findings);
    assert!(report.has(Code::MissingSignedHeader));
    true
}

#[test]
fn a_custom_endpoint_signed_without_its_port_is_named_as_the_cause() {
    // "Simple GET with non-default hostname": the URL goes to localhost:8080, the library
    // signed host "localhost". Sent with the URL's own Host, the search finds the port.
    let suite = suite();
    let case = suite["signingV4Tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["description"] == "Simple GET with non-default hostname")
        .unwrap();
    let mut inputs = inputs(case, &public_key_pem());
    inputs.headers = String::new();
    let report = inspect(&inputs, now(case));
    assert_eq!(
        report.verdict.code,
        Code::HostMismatch,
        "{:?}",
        report.findings
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::HostMismatch)
        .unwrap();
    assert!(f.title.contains("without the port"), "{}", f.title);
}

#[test]
fn every_post_policy_signature_verifies_over_its_base64_text() {
    let keys = read_public_keys(&public_key_pem());
    let key = &keys.keys[0].key;
    let suite = suite();
    let cases = suite["postPolicyV4Tests"].as_array().unwrap();
    assert_eq!(cases.len(), 11);
    for case in cases {
        let name = case["description"].as_str().unwrap();
        let fields = &case["policyOutput"]["fields"];
        let policy = fields["policy"].as_str().unwrap();
        let signature = fields["x-goog-signature"].as_str().unwrap();
        assert_eq!(
            check_policy_signature(key, policy, signature),
            PolicyCheck::Valid,
            "{name}"
        );
        // The signature is over the base64 text: the decoded JSON is not what was signed.
        let json = presign_core::encode::base64_decode(policy).unwrap();
        assert_ne!(json, policy.as_bytes());
        let other = presign_core::encode::base64(
            b"{\"conditions\":[]}",
            presign_core::encode::Base64::Standard,
        );
        assert_eq!(
            check_policy_signature(key, &other, signature),
            PolicyCheck::OtherPolicy,
            "{name}"
        );
    }
}
