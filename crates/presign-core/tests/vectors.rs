//! The AWS Signature Version 4 test suite (query signing, as packaged by aws-c-auth): for each
//! case under tests/fixtures/aws-sig-v4/, our canonical request, string to sign and signature
//! must equal the suite's byte for byte. One named test per case, so a failure names the case.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::crypto::sha256;
use presign_core::encode::hex;
use presign_core::input::headers::parse_header_lines;
use presign_core::input::url::{split_query, RawPair};
use presign_core::sigv4::canonical_request::{
    canonical_headers, canonical_query, canonical_uri, CanonicalRequest, PathNormalization,
    PercentEncodingMode,
};
use presign_core::sigv4::params::{X_AMZ_SECURITY_TOKEN, X_AMZ_SIGNATURE, X_AMZ_SIGNED_HEADERS};
use presign_core::sigv4::signature::SigningKey;
use presign_core::sigv4::string_to_sign::StringToSign;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, HttpMethod, Inputs, Secret, UnixTime};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/aws-sig-v4")
}

/// One case of the suite, read from its directory.
struct Case {
    name: String,
    secret: String,
    region: String,
    service: String,
    signed_at: UnixTime,
    normalize: bool,
    sign_body: bool,
    /// The token was added to the query after signing, so it is not part of the canonical query.
    omit_session_token: bool,
    method: String,
    /// The request target of the presigned request: path and query, as sent.
    target: String,
    /// Header lines of the request, host included.
    header_lines: String,
    body: String,
    expected_canonical_request: String,
    expected_string_to_sign: String,
    expected_signature: String,
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

/// Splits an HTTP/1.1 request as the suite writes it: request line, header lines (with folded
/// continuation lines), a blank line, the body. The target may contain raw spaces
/// (`GET /example space/ HTTP/1.1`), so the line is split at its first and last space.
fn split_request(text: &str) -> (String, String, String, String) {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let (request_line, headers) = head.split_once('\n').unwrap_or((head, ""));
    let (method, rest) = request_line
        .split_once(' ')
        .expect("request line has a method");
    let (target, version) = rest.rsplit_once(' ').expect("request line has a version");
    assert_eq!(version, "HTTP/1.1");
    (
        method.to_owned(),
        target.to_owned(),
        headers.to_owned(),
        body.to_owned(),
    )
}

fn load(name: &str) -> Case {
    let dir = fixtures().join(name);
    let context: serde_json::Value =
        serde_json::from_str(&read(&dir, "context.json")).expect("context.json is JSON");
    let text = |key: &str| {
        context[key]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: context.{key}"))
            .to_owned()
    };
    let flag = |key: &str| context[key].as_bool().unwrap_or(false);
    let (method, target, header_lines, _) = split_request(&read(&dir, "query-signed-request.txt"));
    let (_, _, _, body) = split_request(&read(&dir, "request.txt"));
    Case {
        name: name.to_owned(),
        secret: context["credentials"]["secret_access_key"]
            .as_str()
            .expect("a secret")
            .to_owned(),
        region: text("region"),
        service: text("service"),
        signed_at: parse_rfc3339(&text("timestamp")).expect("an RFC 3339 timestamp"),
        normalize: flag("normalize"),
        sign_body: flag("sign_body"),
        omit_session_token: flag("omit_session_token"),
        method,
        target,
        header_lines,
        body,
        expected_canonical_request: read(&dir, "query-canonical-request.txt"),
        expected_string_to_sign: read(&dir, "query-string-to-sign.txt"),
        expected_signature: read(&dir, "query-signature.txt"),
    }
}

fn value_of(pairs: &[RawPair], name: &str) -> String {
    pairs
        .iter()
        .find(|p| p.name() == name.as_bytes())
        .unwrap_or_else(|| panic!("no {name}"))
        .value_text()
}

/// Checks each SigV4 stage of one case on its own, then the whole pipeline where it applies.
fn check(name: &str) {
    let case = load(name);
    let (path, query) = case.target.split_once('?').unwrap_or((&case.target, ""));
    let mut pairs = split_query(query);
    if case.omit_session_token {
        // post-sts-header-after: the signer added X-Amz-Security-Token after signing, so the
        // canonical query that was signed does not contain it. We rebuild that query without it.
        pairs.retain(|p| p.name() != X_AMZ_SECURITY_TOKEN.as_bytes());
    }
    let signed: Vec<String> = value_of(&pairs, X_AMZ_SIGNED_HEADERS)
        .split(';')
        .map(str::to_owned)
        .collect();
    let sent: Vec<(String, String)> = parse_header_lines(&case.header_lines)
        .headers
        .into_iter()
        .map(|h| (h.name, h.value))
        .collect();
    let (headers_block, signed_headers, missing) = canonical_headers(&signed, &sent);
    assert!(
        missing.is_empty(),
        "{}: signed headers not in the request: {missing:?}",
        case.name
    );
    let normalization = if case.normalize {
        PathNormalization::Normalize
    } else {
        PathNormalization::Keep
    };
    let body: &[u8] = if case.sign_body {
        case.body.as_bytes()
    } else {
        b""
    };
    let canonical_request = CanonicalRequest {
        method: case.method.clone(),
        canonical_uri: canonical_uri(path, PercentEncodingMode::Double, normalization),
        canonical_query: canonical_query(&pairs),
        canonical_headers: headers_block,
        signed_headers,
        payload_hash: hex(&sha256(body)),
    };
    assert_eq!(
        canonical_request.to_string(),
        case.expected_canonical_request,
        "{}: canonical request",
        case.name
    );

    let date = case.signed_at.scope_date();
    let scope = format!("{date}/{}/{}/aws4_request", case.region, case.service);
    let string_to_sign = StringToSign::new(&case.signed_at.amz_date(), &scope, &canonical_request);
    assert_eq!(
        string_to_sign.to_string(),
        case.expected_string_to_sign,
        "{}: string to sign",
        case.name
    );

    let key = SigningKey::derive(
        &Secret::new(&case.secret),
        &date,
        &case.region,
        &case.service,
        "aws4_request",
    );
    let signature = key.sign(&string_to_sign);
    assert_eq!(
        signature, case.expected_signature,
        "{}: signature",
        case.name
    );
    assert_eq!(
        signature,
        value_of(&pairs, X_AMZ_SIGNATURE),
        "{}: the signature in the URL",
        case.name
    );

    // The whole pipeline, as the page and the CLI run it, where its rules are the suite's: it
    // always normalizes non-S3 paths, never hashes a body and signs the query as given.
    if case.normalize && !case.sign_body && !case.omit_session_token {
        check_whole_pipeline(&case, &sent);
    }
}

/// `inspect` on one case, as the page and the CLI run it: S3's canonical request, and a valid
/// signature.
fn check_whole_pipeline(case: &Case, sent: &[(String, String)]) {
    let host = sent
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .expect("a host header")
        .1
        .clone();
    let inputs = Inputs {
        url: format!("https://{host}{}", case.target),
        method: HttpMethod::parse(&case.method),
        headers: case.header_lines.clone(),
        secret: Some(Secret::new(&case.secret)),
        error_xml: String::new(),
        ..Inputs::default()
    };
    let report = inspect(&inputs, UnixTime(case.signed_at.0 + 60));
    let computed = report.sigv4.as_ref().expect("a SigV4 computation");
    assert_eq!(
        computed.canonical_request_text, case.expected_canonical_request,
        "{}: inspect()",
        case.name
    );
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{}: {:?}",
        case.name,
        report.findings
    );
}

macro_rules! vectors {
    ($($test:ident => $case:literal,)*) => {
        /// Every case name, to check that no fixture directory goes untested.
        const CASES: &[&str] = &[$($case,)*];
        $(
            #[test]
            fn $test() {
                check($case);
            }
        )*
    };
}

vectors! {
    get_header_key_duplicate => "get-header-key-duplicate",
    get_header_value_multiline => "get-header-value-multiline",
    get_header_value_order => "get-header-value-order",
    get_header_value_trim => "get-header-value-trim",
    get_relative_normalized => "get-relative-normalized",
    get_relative_relative_normalized => "get-relative-relative-normalized",
    get_relative_relative_unnormalized => "get-relative-relative-unnormalized",
    get_relative_unnormalized => "get-relative-unnormalized",
    get_slash_dot_slash_normalized => "get-slash-dot-slash-normalized",
    get_slash_dot_slash_unnormalized => "get-slash-dot-slash-unnormalized",
    get_slash_normalized => "get-slash-normalized",
    get_slash_pointless_dot_normalized => "get-slash-pointless-dot-normalized",
    get_slash_pointless_dot_unnormalized => "get-slash-pointless-dot-unnormalized",
    get_slash_unnormalized => "get-slash-unnormalized",
    get_slashes_normalized => "get-slashes-normalized",
    get_slashes_unnormalized => "get-slashes-unnormalized",
    get_space_normalized => "get-space-normalized",
    get_space_unnormalized => "get-space-unnormalized",
    get_unreserved => "get-unreserved",
    get_utf8 => "get-utf8",
    get_vanilla => "get-vanilla",
    get_vanilla_empty_query_key => "get-vanilla-empty-query-key",
    get_vanilla_query => "get-vanilla-query",
    get_vanilla_query_order_encoded => "get-vanilla-query-order-encoded",
    get_vanilla_query_order_key_case => "get-vanilla-query-order-key-case",
    get_vanilla_query_unreserved => "get-vanilla-query-unreserved",
    get_vanilla_utf8_query => "get-vanilla-utf8-query",
    get_vanilla_with_session_token => "get-vanilla-with-session-token",
    post_header_key_case => "post-header-key-case",
    post_header_key_sort => "post-header-key-sort",
    post_header_value_case => "post-header-value-case",
    post_sts_header_after => "post-sts-header-after",
    post_sts_header_before => "post-sts-header-before",
    post_vanilla => "post-vanilla",
    post_vanilla_empty_query_value => "post-vanilla-empty-query-value",
    post_vanilla_query => "post-vanilla-query",
    post_x_www_form_urlencoded => "post-x-www-form-urlencoded",
    post_x_www_form_urlencoded_parameters => "post-x-www-form-urlencoded-parameters",
}

#[test]
fn every_fixture_directory_has_a_test() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .expect("the fixture directory")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort_unstable();
    let mut cases: Vec<String> = CASES.iter().map(|c| (*c).to_owned()).collect();
    cases.sort_unstable();
    assert_eq!(dirs, cases);
}
