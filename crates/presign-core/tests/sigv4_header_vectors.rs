//! The public vectors of header-signed SigV4 (../shared/vectors, copied under
//! tests/fixtures/sigv4-header-vectors): every one is inspected from its raw request, with the
//! secret, at its signing time, and must give the vector's canonical request, string to sign
//! and signature byte for byte.
//!
//! - `sigv4-header/` (aws-c-auth's suite, 38 cases): `header-signed-request.txt`.
//! - `sigv4-header-botocore-legacy/` (the original aws-sig-v4-test-suite): `<case>.sreq`.
//! - `sigv4-header-s3/` (the S3 API Reference's examples): `request.txt` with the
//!   `authorization.txt` header added.
//! - `sigv4-streaming-s3/`: the chunked upload, its raw request built from the seed canonical
//!   request and the chunks.
//!
//! aws-c-auth's `*-unnormalized` cases are signed without path normalization, which no AWS
//! service but S3 does: the inspection must say so (root-cause search), and their canonical
//! requests are checked at the stage with the vector's own rule.

#[path = "../../../tests/support/header_fixtures.rs"]
mod header_fixtures;

use presign_core::input::http::parse_http_request;
use presign_core::sigv4::canonical_request::{PathNormalization, PercentEncodingMode};
use presign_core::sigv4::header_request::{header_canonical_request, PathRules};
use presign_core::sigv4_header::request::from_http;
use presign_core::time::parse_rfc3339;
use presign_core::{inspect, Code, Inputs, Report, Secret, UnixTime};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/sigv4-header-vectors"
    ))
    .to_path_buf()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn cases(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

fn inspect_at(request: &str, secret: &str, now: UnixTime) -> Report {
    inspect(
        &Inputs {
            url: request.to_owned(),
            secret: Some(Secret::new(secret)),
            ..Inputs::default()
        },
        now,
    )
}

/// The canonical request, string to sign and verdict of a report.
fn computed(report: &Report) -> (String, String) {
    let h = report
        .sigv4_header
        .as_ref()
        .expect("a header-signed report");
    (
        h.canonical_request_text.clone().unwrap_or_default(),
        h.string_to_sign_text.clone().unwrap_or_default(),
    )
}

fn assert_valid(name: &str, report: &Report, creq: &str, sts: &str, signature: &str) {
    let (c, s) = computed(report);
    assert_eq!(c, creq, "{name}: canonical request");
    assert_eq!(s, sts, "{name}: string to sign");
    let h = report.sigv4_header.as_ref().unwrap();
    assert_eq!(h.computed_signature.as_deref(), Some(signature), "{name}");
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{name}: {:#?}",
        report.findings
    );
}

#[test]
fn aws_c_auth_suite() {
    let mut checked = 0;
    let mut unnormalized = 0;
    for dir in cases("sigv4-header") {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let context: Value = serde_json::from_str(&read(&dir.join("context.json"))).unwrap();
        let secret = context["credentials"]["secret_access_key"]
            .as_str()
            .unwrap();
        let now = parse_rfc3339(context["timestamp"].as_str().unwrap()).unwrap();
        let request = read(&dir.join("header-signed-request.txt"));
        let creq = read(&dir.join("header-canonical-request.txt"));
        let sts = read(&dir.join("header-string-to-sign.txt"));
        let signature = read(&dir.join("header-signature.txt"));
        let normalize = context["normalize"].as_bool().unwrap();
        // The stage, with the vector's own path rule.
        let signed = from_http(&parse_http_request(&request));
        let auth = presign_core::sigv4::authorization::parse_authorization(
            signed.header("authorization").unwrap(),
        );
        let payload = signed.header("x-amz-content-sha256").map_or_else(
            || {
                presign_core::input::body::BodyDigest::of(
                    match &signed.body {
                        presign_core::sigv4_header::request::Body::Bytes(b) => b,
                        presign_core::sigv4_header::request::Body::Unknown(_) => &[],
                    },
                    "",
                )
                .sha256
            },
            str::to_owned,
        );
        let rules = PathRules {
            mode: PercentEncodingMode::Double,
            normalization: if normalize {
                PathNormalization::Normalize
            } else {
                PathNormalization::Keep
            },
        };
        let (stage, _) = header_canonical_request(
            &signed.method,
            &signed.raw_path,
            &signed.raw_query,
            &auth.signed_headers,
            &signed.header_pairs(),
            &payload,
            rules,
        );
        assert_eq!(stage.text(), creq, "{name}: the stage");
        // The whole inspection, from the raw request.
        let report = inspect_at(&request, secret, now);
        if normalize || computed(&report).0 == creq {
            assert_valid(&name, &report, &creq, &sts, &signature);
        } else {
            // Signed without normalizing, which the service does: the search finds the
            // canonical request that was signed, and says so.
            assert_eq!(report.verdict.code, Code::PathNormalization, "{name}");
            let found = &report.root_cause.as_ref().unwrap().matches[0];
            assert_eq!(found.canonical_request_text, creq, "{name}");
            unnormalized += 1;
        }
        checked += 1;
    }
    assert_eq!((checked, unnormalized), (38, 6));
}

#[test]
fn botocore_legacy_suite() {
    let mut checked = 0;
    let mut dirs = cases("sigv4-header-botocore-legacy");
    for group in ["normalize-path", "post-sts-token"] {
        dirs.retain(|d| !d.ends_with(group));
        dirs.extend(cases(&format!("sigv4-header-botocore-legacy/{group}")));
    }
    let now = parse_rfc3339("2015-08-30T12:36:00Z").unwrap();
    let mut stale = Vec::new();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let file = |ext: &str| read(&dir.join(format!("{name}.{ext}")));
        let authz = file("authz");
        // The signed request as the suite gives it; one .sreq (get-vanilla-with-session-token)
        // carries get-vanilla's signature instead of its .authz, so there the .authz header
        // replaces it, as the suite defines the case.
        let signed = if file("sreq").contains(authz.trim()) {
            file("sreq")
        } else {
            stale.push(name.clone());
            file("sreq")
                .lines()
                .map(|l| {
                    if l.starts_with("Authorization:") {
                        format!("Authorization: {}", authz.trim())
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let report = inspect_at(&signed, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", now);
        let signature = authz.rsplit("Signature=").next().unwrap().trim();
        assert_valid(&name, &report, &file("creq"), &file("sts"), signature);
        checked += 1;
    }
    assert_eq!(checked, 34);
    assert_eq!(stale, ["get-vanilla-with-session-token"]);
}

#[test]
fn s3_api_reference_examples() {
    let mut checked = 0;
    for dir in cases("sigv4-header-s3") {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let request = read(&dir.join("request.txt"));
        let authorization = read(&dir.join("authorization.txt"));
        // The documentation prints the Authorization header apart: it goes after the others.
        let (head, body) = request
            .split_once("\n\n")
            .map_or((request.as_str(), None), |(h, b)| (h, Some(b)));
        let mut signed = format!(
            "{}\nAuthorization: {}",
            head.trim_end(),
            authorization.trim()
        );
        if let Some(body) = body {
            signed.push_str("\n\n");
            signed.push_str(body);
        }
        let report = inspect_at(
            &signed,
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            parse_rfc3339("2013-05-24T00:00:00Z").unwrap(),
        );
        assert_valid(
            &name,
            &report,
            &read(&dir.join("header-canonical-request.txt")),
            &read(&dir.join("header-string-to-sign.txt")),
            read(&dir.join("header-signature.txt")).trim(),
        );
        checked += 1;
    }
    assert_eq!(checked, 4);
}

/// The S3 documentation's chunked upload: 65536 + 1024 + 0 bytes of `a`, each chunk signed.
#[test]
fn s3_streaming_upload() {
    let (request, vector) = header_fixtures::streaming_request(|_| {});
    let report = inspect_at(
        &request,
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        parse_rfc3339("2013-05-24T00:00:00Z").unwrap(),
    );
    assert_valid(
        "streaming",
        &report,
        vector["seed_canonical_request"].as_str().unwrap(),
        vector["seed_string_to_sign"].as_str().unwrap(),
        vector["seed_signature"].as_str().unwrap(),
    );
    let h = report.sigv4_header.as_ref().unwrap();
    let computed: Vec<&str> = h.chunks.iter().map(|c| c.computed.as_str()).collect();
    let expected: Vec<&str> = vector["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["signature"].as_str().unwrap())
        .collect();
    assert_eq!(computed, expected);
    assert!(!report.has(Code::ChunkSignatureMismatch) && !report.has(Code::AwsChunkedBody));
}

/// The self-computed contrast vectors: one wire path, signed by S3's rule and the others'.
#[test]
fn encoding_contrast() {
    let vector: Value =
        serde_json::from_str(&read(&root().join("sigv4-header-encoding-contrast.json"))).unwrap();
    let now = parse_rfc3339("2015-08-30T12:36:00Z").unwrap();
    let mut checked = 0;
    for case in vector["cases"].as_array().unwrap() {
        let creq = case["canonical_request"].as_str().unwrap();
        let headers: Vec<&str> = creq
            .split('\n')
            .skip(3)
            .take_while(|l| !l.is_empty())
            .collect();
        let mut request = format!("GET {} HTTP/1.1\n", case["wire_path"].as_str().unwrap());
        for h in headers {
            request.push_str(h);
            request.push('\n');
        }
        let _ = write!(
            request,
            "Authorization: {}\n\n",
            case["authorization"].as_str().unwrap()
        );
        let report = inspect_at(&request, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", now);
        assert_valid(
            case["wire_path"].as_str().unwrap(),
            &report,
            creq,
            case["string_to_sign"].as_str().unwrap(),
            case["signature"].as_str().unwrap(),
        );
        checked += 1;
    }
    assert!(checked >= 4);
}
