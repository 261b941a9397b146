//! Each way a header-signed request goes wrong, made from a request an SDK signed
//! (tests/fixtures/sigv4-header) and named by its finding: the method, a header value or the
//! body changed after signing, another secret, an old X-Amz-Date, the scope's date, region or
//! service, the path signed by another service's rules.

#[path = "../../../tests/support/header_fixtures.rs"]
mod header_fixtures;

use header_fixtures::{authorization, case, inspect_raw, resign, set_body, set_header, signed_at};
use presign_core::sigv4::canonical_request::{PathNormalization, PercentEncodingMode};
use presign_core::sigv4::header_request::{header_canonical_request, PathRules};
use presign_core::sigv4::signature::SigningKey;
use presign_core::sigv4::string_to_sign::StringToSign;
use presign_core::sigv4_header::request::from_http;
use presign_core::{Code, Report, Secret, Severity};

fn codes(r: &Report) -> Vec<Code> {
    r.findings.iter().map(|f| f.code).collect()
}

fn title(r: &Report, code: Code) -> String {
    r.findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code:?} in {:?}", codes(r)))
        .title
        .clone()
}

/// The Authorization header's credential scope with `from` replaced by `to`, signed again.
fn rescoped(raw: &str, secret: &str, from: &str, to: &str) -> String {
    let auth = authorization(raw);
    resign(&raw.replace(&auth, &auth.replacen(from, to, 1)), secret)
}

#[test]
fn method_changed_after_signing() {
    for (id, from, to) in [
        (
            "botocore/s3-put-object-checksum-when-required",
            "PUT /",
            "POST /",
        ),
        ("botocore/lambda-invoke", "POST /", "PUT /"),
    ] {
        let c = case(id);
        let r = inspect_raw(&c.raw.replacen(from, to, 1), Some(&c.secret), 60);
        assert_eq!(
            r.verdict.code,
            Code::MethodMismatch,
            "{id}: {:?}",
            codes(&r)
        );
        assert!(title(&r, Code::MethodMismatch).starts_with("This request was signed for"));
    }
}

#[test]
fn header_value_changed_after_signing() {
    // A proxy drops the charset STS's Content-Type was signed with.
    let c = case("botocore/sts-get-caller-identity");
    let raw = set_header(&c.raw, "content-type", "application/x-www-form-urlencoded");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::SignedHeaderValue, "{:?}", codes(&r));
    assert_eq!(
        title(&r, Code::SignedHeaderValue),
        "content-type was signed as \u{201c}application/x-www-form-urlencoded; charset=utf-8\u{201d}, you send \u{201c}application/x-www-form-urlencoded\u{201d}"
    );
}

#[test]
fn body_changed_after_signing() {
    // S3: the body no longer hashes to x-amz-content-sha256 (shown without the secret).
    let c = case("aws-sdk-js-v3/s3-put-object-checksum-when-required");
    let (head, body) = c.raw.split_once("\r\n\r\n").unwrap();
    let r = inspect_raw(&set_body(&c.raw, &format!("{body} ")), None, 60);
    assert_eq!(r.verdict.code, Code::PayloadHashMismatch, "{head}");
    // DynamoDB signs the body's hash: re-serialized compact, or a newline added, the search
    // finds the body that was signed.
    let c = case("botocore/dynamodb-get-item");
    let (_, body) = c.raw.split_once("\r\n\r\n").unwrap();
    for (edited, words) in [
        (
            body.replace(": ", ":").replace(", ", ","),
            "as JSON with spaces after , and :",
        ),
        (format!("{body}\n"), "without the line end it now ends with"),
    ] {
        let r = inspect_raw(&set_body(&c.raw, &edited), Some(&c.secret), 60);
        assert_eq!(r.verdict.code, Code::PayloadHashMismatch, "{:?}", codes(&r));
        assert!(
            title(&r, Code::PayloadHashMismatch).contains(words),
            "{}",
            title(&r, Code::PayloadHashMismatch)
        );
    }
}

/// Another secret signed it: the signatures differ and nothing else explains it, so the verdict
/// is the symptom. The secret is never blamed without positive evidence.
#[test]
fn wrong_secret() {
    let c = case("botocore/sqs-send-message");
    let other = c.secret.replace('K', "k");
    let r = inspect_raw(&c.raw, Some(&other), 60);
    assert_eq!(r.verdict.code, Code::SignatureMismatch, "{:?}", codes(&r));
    let blamed: Vec<Code> = codes(&r)
        .into_iter()
        .filter(|c| c.as_str().starts_with("secret-"))
        .collect();
    assert!(blamed.is_empty(), "{blamed:?}");
    let searched = r.root_cause.as_ref().unwrap();
    assert!(searched.variants_tried > 10 && searched.matches.is_empty());
}

#[test]
fn old_x_amz_date() {
    let c = case("botocore/s3-get-object");
    let raw = signed_at(&c.raw, &c.secret, "20261120T080000Z");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert!(
        codes(&r).contains(&Code::SignatureExpired),
        "{:?}",
        codes(&r)
    );
    assert!(codes(&r).contains(&Code::SignatureValid));
}

#[test]
fn scope_date() {
    let c = case("botocore/dynamodb-put-item");
    let raw = rescoped(&c.raw, &c.secret, "/20261120/", "/20261119/");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(
        r.verdict.code,
        Code::CredentialDateMismatch,
        "{:?}",
        codes(&r)
    );
}

#[test]
fn region() {
    let c = case("botocore/sts-get-caller-identity-session-token");
    let raw = rescoped(&c.raw, &c.secret, "/eu-west-1/", "/us-east-1/");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::RegionMismatch, "{:?}", codes(&r));
    assert_eq!(
        title(&r, Code::RegionMismatch),
        "Signed for region us-east-1, sent to an endpoint in eu-west-1"
    );
}

#[test]
fn service() {
    let c = case("botocore/execute-api-get-query");
    let raw = rescoped(&c.raw, &c.secret, "/execute-api/", "/apigateway/");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::WrongService, "{:?}", codes(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::WrongService)
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(f.detail.contains("correct service: 'execute-api'"));
}

/// A hand-written signer applied S3's path rule (encoded once) to API Gateway.
#[test]
fn path_signed_by_s3_rules() {
    let c = case("botocore/execute-api-encoded-segment");
    let request = from_http(&presign_core::input::http::parse_http_request(&c.raw));
    let auth = presign_core::sigv4::authorization::parse_authorization(
        request.header("authorization").unwrap(),
    );
    let scope = auth.credential.clone().unwrap();
    let once = PathRules {
        mode: PercentEncodingMode::Single,
        normalization: PathNormalization::Keep,
    };
    let (creq, _) = header_canonical_request(
        &request.method,
        &request.raw_path,
        &request.raw_query,
        &auth.signed_headers,
        &request.header_pairs(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        once,
    );
    let sts = StringToSign::new("20261120T100000Z", &scope.scope(), &creq);
    let signature = SigningKey::for_scope(&Secret::new(&c.secret), &scope).sign(&sts);
    let provided = auth.signature.unwrap();
    let r = inspect_raw(&c.raw.replace(&provided, &signature), Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::PathEncoding, "{:?}", codes(&r));
    assert_eq!(
        title(&r, Code::PathEncoding),
        "The path was encoded once, execute-api encodes it twice"
    );
}
