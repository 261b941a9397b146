//! The aws-c-auth SigV4A suite (tests/fixtures/aws-sig-v4a/): for each case, query and header
//! signing stage by stage — our canonical request and string to sign equal the suite's byte
//! for byte, the derived public key equals `public-key.json`, and both of the suite's (random)
//! signatures verify — then the whole pipeline on the presigned URL. One test per case.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::crypto::sha256;
use presign_core::crypto::P256PublicKey;
use presign_core::encode::hex;
use presign_core::input::headers::parse_header_lines;
use presign_core::input::url::{split_query, RawPair};
use presign_core::sigv4::canonical_request::{
    canonical_headers, canonical_query, canonical_uri, CanonicalRequest, PathNormalization,
    PercentEncodingMode,
};
use presign_core::sigv4::params::{X_AMZ_SECURITY_TOKEN, X_AMZ_SIGNATURE, X_AMZ_SIGNED_HEADERS};
use presign_core::sigv4a::signature::sigv4a_verifies;
use presign_core::sigv4a::signing_key::sigv4a_public_key;
use presign_core::sigv4a::string_to_sign::sigv4a_string_to_sign;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, HttpMethod, Inputs, Secret, UnixTime};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/aws-sig-v4a")
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

/// Splits a request as the suite writes it: request line (the target may hold raw spaces, so
/// it is split at its first and last space), header lines, a blank line, the body.
fn split_request(text: &str) -> (String, String, String, String) {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let (request_line, headers) = head.split_once('\n').unwrap_or((head, ""));
    let (method, rest) = request_line.split_once(' ').expect("a method");
    let (target, version) = rest.rsplit_once(' ').expect("a version");
    assert_eq!(version, "HTTP/1.1");
    (
        method.to_owned(),
        target.to_owned(),
        headers.to_owned(),
        body.to_owned(),
    )
}

struct Context {
    access_key_id: String,
    secret: String,
    service: String,
    signed_at: UnixTime,
    normalize: bool,
    sign_body: bool,
    omit_session_token: bool,
}

fn context(dir: &Path) -> Context {
    let v: serde_json::Value = serde_json::from_str(&read(dir, "context.json")).unwrap();
    let flag = |k: &str| v[k].as_bool().unwrap_or(false);
    Context {
        access_key_id: v["credentials"]["access_key_id"]
            .as_str()
            .unwrap()
            .to_owned(),
        secret: v["credentials"]["secret_access_key"]
            .as_str()
            .unwrap()
            .to_owned(),
        service: v["service"].as_str().unwrap().to_owned(),
        signed_at: parse_rfc3339(v["timestamp"].as_str().unwrap()).unwrap(),
        normalize: flag("normalize"),
        sign_body: flag("sign_body"),
        omit_session_token: flag("omit_session_token"),
    }
}

fn header_pairs(lines: &str) -> Vec<(String, String)> {
    parse_header_lines(lines)
        .headers
        .into_iter()
        .map(|h| (h.name, h.value))
        .collect()
}

/// The canonical request of a signed request, the suite's way: generic SigV4 path rules with
/// the case's normalization, the body hashed when `sign_body`, the signed headers named by the
/// query or the `Authorization` header.
fn canonical_request(
    ctx: &Context,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    signed: &[String],
    body: &str,
) -> CanonicalRequest {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut pairs = split_query(query);
    if ctx.omit_session_token {
        // The token was added after signing (post-sts-header-after).
        pairs.retain(|p| p.name() != X_AMZ_SECURITY_TOKEN.as_bytes());
    }
    let (headers_block, signed_headers, missing) = canonical_headers(signed, headers);
    assert!(missing.is_empty(), "signed headers not sent: {missing:?}");
    let normalization = if ctx.normalize {
        PathNormalization::Normalize
    } else {
        PathNormalization::Keep
    };
    let body: &[u8] = if ctx.sign_body { body.as_bytes() } else { b"" };
    CanonicalRequest {
        method: method.to_owned(),
        canonical_uri: canonical_uri(path, PercentEncodingMode::Double, normalization),
        canonical_query: canonical_query(&pairs),
        canonical_headers: headers_block,
        signed_headers,
        payload_hash: hex(&sha256(body)),
    }
}

fn value_of(pairs: &[RawPair], name: &str) -> String {
    pairs
        .iter()
        .find(|p| p.name() == name.as_bytes())
        .unwrap_or_else(|| panic!("no {name}"))
        .value_text()
}

fn check(name: &str) {
    let dir = fixtures().join(name);
    let ctx = context(&dir);
    let secret = Secret::new(&ctx.secret);
    let key = sigv4a_public_key(&secret, &ctx.access_key_id).expect("a key");
    let expected_key: serde_json::Value =
        serde_json::from_str(&read(&dir, "public-key.json")).unwrap();
    assert_eq!(
        key.xy_hex(),
        (
            expected_key["X"].as_str().unwrap().to_owned(),
            expected_key["Y"].as_str().unwrap().to_owned()
        ),
        "{name}: public key"
    );
    let date = ctx.signed_at.scope_date();
    let scope = format!("{date}/{}/aws4_request", ctx.service);
    let (_, _, _, body) = split_request(&read(&dir, "request.txt"));
    query_signing(name, &dir, &ctx, &key, &scope, &body);
    header_signing(name, &dir, &ctx, &key, &scope, &body);
    whole_pipeline(name, &dir, &ctx, secret);
}

/// Query signing: canonical request, string to sign, both signatures.
fn query_signing(
    name: &str,
    dir: &Path,
    ctx: &Context,
    key: &P256PublicKey,
    scope: &str,
    body: &str,
) {
    let (method, target, header_lines, _) = split_request(&read(dir, "query-signed-request.txt"));
    let query = target.split_once('?').map_or("", |(_, q)| q);
    let pairs = split_query(query);
    let signed: Vec<String> = value_of(&pairs, X_AMZ_SIGNED_HEADERS)
        .split(';')
        .map(str::to_owned)
        .collect();
    let sent = header_pairs(&header_lines);
    let creq = canonical_request(ctx, &method, &target, &sent, &signed, body);
    assert_eq!(
        creq.text(),
        read(dir, "query-canonical-request.txt"),
        "{name}: query canonical request"
    );
    let sts = sigv4a_string_to_sign(&ctx.signed_at.amz_date(), scope, &creq.text()).text();
    assert_eq!(
        sts,
        read(dir, "query-string-to-sign.txt"),
        "{name}: query string to sign"
    );
    let in_url = value_of(&pairs, X_AMZ_SIGNATURE);
    for sig in [read(dir, "query-signature.txt"), in_url.clone()] {
        assert!(
            sigv4a_verifies(key, &sts, sig.trim()),
            "{name}: query signature {sig}"
        );
    }
    assert!(
        !sigv4a_verifies(key, &sts.replace("aws4_request", "aws4_requesu"), &in_url),
        "{name}: another string to sign must not verify"
    );
}

/// Header signing: the signed headers are in the Authorization header.
fn header_signing(
    name: &str,
    dir: &Path,
    ctx: &Context,
    key: &P256PublicKey,
    scope: &str,
    body: &str,
) {
    let (method, target, header_lines, _) = split_request(&read(dir, "header-signed-request.txt"));
    let mut sent = header_pairs(&header_lines);
    let authorization = sent
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .map(|i| sent.remove(i).1)
        .expect("an Authorization header");
    let field = |label: &str| {
        authorization
            .split([' ', ','])
            .find_map(|part| part.strip_prefix(label))
            .unwrap_or_else(|| panic!("{name}: no {label}"))
            .to_owned()
    };
    if ctx.omit_session_token {
        sent.retain(|(n, _)| !n.eq_ignore_ascii_case("x-amz-security-token"));
    }
    let signed: Vec<String> = field("SignedHeaders=")
        .split(';')
        .map(str::to_owned)
        .collect();
    let creq = canonical_request(ctx, &method, &target, &sent, &signed, body);
    assert_eq!(
        creq.text(),
        read(dir, "header-canonical-request.txt"),
        "{name}: header canonical request"
    );
    let sts = sigv4a_string_to_sign(&ctx.signed_at.amz_date(), scope, &creq.text()).text();
    assert_eq!(
        sts,
        read(dir, "header-string-to-sign.txt"),
        "{name}: header string to sign"
    );
    for sig in [read(dir, "header-signature.txt"), field("Signature=")] {
        assert!(
            sigv4a_verifies(key, &sts, sig.trim()),
            "{name}: header signature {sig}"
        );
    }
}

/// The whole pipeline on the presigned URL, where its rules are the suite's (it always
/// normalizes non-S3 paths, never hashes a body, and signs the query as given).
fn whole_pipeline(name: &str, dir: &Path, ctx: &Context, secret: Secret) {
    if ctx.normalize && !ctx.sign_body && !ctx.omit_session_token {
        let (method, target, header_lines, _) =
            split_request(&read(dir, "query-signed-request.txt"));
        let host = header_pairs(&header_lines)
            .into_iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("host"))
            .expect("a host")
            .1;
        let inputs = Inputs {
            url: format!("https://{host}{target}"),
            method: HttpMethod::parse(&method),
            headers: header_lines,
            secret: Some(secret),
            ..Inputs::default()
        };
        let report = inspect(&inputs, UnixTime(ctx.signed_at.0 + 60));
        let c = report.sigv4a.as_ref().expect("a SigV4A computation");
        assert_eq!(
            c.canonical_request_text.as_deref(),
            Some(read(dir, "query-canonical-request.txt").as_str()),
            "{name}: inspect()"
        );
        assert_eq!(
            report.verdict.code,
            Code::SignatureValid,
            "{name}: {:#?}",
            report.findings
        );
    }
}

macro_rules! vectors {
    ($($test:ident => $case:literal,)*) => {
        /// Every complete case, to check that no fixture directory goes untested.
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

/// The two request-only cases have nothing signed to check; every other directory is a case.
#[test]
fn every_fixture_directory_has_a_test() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .expect("the fixture directory")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|d| {
            !matches!(
                d.as_str(),
                "get-vanilla-query-order-key" | "get-vanilla-query-order-value"
            )
        })
        .collect();
    dirs.sort_unstable();
    let mut cases: Vec<String> = CASES.iter().map(|c| (*c).to_owned()).collect();
    cases.sort_unstable();
    assert_eq!(dirs, cases);
    for request_only in [
        "get-vanilla-query-order-key",
        "get-vanilla-query-order-value",
    ] {
        let files = std::fs::read_dir(fixtures().join(request_only))
            .unwrap()
            .count();
        assert_eq!(
            files, 2,
            "{request_only}: context.json and request.txt only"
        );
    }
}
