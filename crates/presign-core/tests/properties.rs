//! Property tests over any input: `inspect` never panics (a panic in wasm kills the page), and
//! the report it returns is consistent and serializable (the CLI prints it as JSON).
#![cfg(not(target_arch = "wasm32"))]

use presign_core::encode::{percent_decode, reencode, uri_encode, Slash};
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::sigv4::verify::{verify, Verification};
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, Severity, UnixTime};
use proptest::prelude::*;
use std::fmt::Write as _;

fn method() -> impl Strategy<Value = Option<HttpMethod>> {
    prop::option::of(prop::sample::select(HttpMethod::ALL.to_vec()))
}

/// Strings that look enough like presigned URLs to reach the deeper stages: a scheme, a host
/// that may carry a port, a path with escapes, and SigV4/SigV2 parameters with random values.
fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "https://",
        "http://",
        "HTTPS://",
        "s3://",
        "",
        " <https://",
        "\"https://",
    ]);
    let host = prop_oneof![
        "[a-z0-9.-]{0,30}\\.amazonaws\\.com(\\.cn)?",
        "[a-zA-Z0-9.:\\[\\]-]{0,25}",
        "\\PC{0,10}",
    ];
    let port = prop::option::of(prop_oneof!["[0-9]{1,6}", "\\PC{0,3}"]);
    let path = "(/[a-zA-Z0-9%.~+ -]{0,8}){0,4}";
    let name = prop_oneof![
        prop::sample::select(vec![
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature",
            "X-Amz-Security-Token",
            "X-Amz-Content-Sha256",
            "x-amz-algorithm",
            "AWSAccessKeyId",
            "Expires",
            "Signature",
            "response-content-type",
            "x-amz-checksum-crc32",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z%-]{0,8}",
    ];
    let value = prop_oneof![
        "AWS4-HMAC-SHA256|AWS4-ECDSA-P256-SHA256",
        "[A-Z0-9]{0,20}(%2F|/)[0-9]{0,9}(%2F|/)[a-z0-9-]{0,12}(%2F|/)s3(%2F|/)aws4_request",
        "[0-9]{0,9}T[0-9]{0,7}Z?",
        "-?[0-9]{0,20}",
        "[a-z;%3B-]{0,20}",
        "[0-9a-f]{0,70}",
        "\\PC{0,12}",
        "%[0-9A-Fa-f]{0,2}",
    ];
    let pairs = prop::collection::vec((name, prop::option::of(value)), 0..9);
    (scheme, host, port, path, pairs, "(#\\PC{0,5})?").prop_map(
        |(scheme, host, port, path, pairs, fragment)| {
            let mut url = format!("{scheme}{host}");
            if let Some(p) = port {
                url.push(':');
                url.push_str(&p);
            }
            url.push_str(&path);
            for (i, (n, v)) in pairs.iter().enumerate() {
                url.push(if i == 0 { '?' } else { '&' });
                url.push_str(n);
                if let Some(v) = v {
                    url.push('=');
                    url.push_str(v);
                }
            }
            url.push_str(&fragment);
            url
        },
    )
}

fn run(
    url: String,
    method: Option<HttpMethod>,
    headers: String,
    secret: Option<&str>,
    now: i64,
) -> Report {
    let inputs = Inputs {
        url,
        method,
        headers,
        secret: secret.map(Secret::new),
        error_xml: String::new(),
        ..Inputs::default()
    };
    let report = inspect(&inputs, UnixTime(now));
    assert_eq!(
        report.has_errors(),
        report.verdict.severity == Severity::Error,
        "the verdict is the first error"
    );
    assert!(
        report
            .findings
            .windows(2)
            .all(|w| w[0].severity <= w[1].severity),
        "errors come first"
    );
    serde_json::to_string(&report).expect("the report serializes");
    report
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_string_is_inspected_without_panic(
        url in any::<String>(),
        method in method(),
        headers in any::<String>(),
        secret in prop::option::of(any::<String>()),
        now in any::<i64>(),
    ) {
        run(url, method, headers, secret.as_deref(), now);
    }

    #[test]
    fn any_bytes_are_inspected_without_panic(
        url in prop::collection::vec(any::<u8>(), 0..300),
        headers in prop::collection::vec(any::<u8>(), 0..100),
        secret in prop::option::of("[ -~]{0,45}"),
    ) {
        run(String::from_utf8_lossy(&url).into_owned(), None, String::from_utf8_lossy(&headers).into_owned(), secret.as_deref(), 0);
    }

    #[test]
    fn url_like_strings_are_inspected_without_panic(
        url in url_like(),
        method in method(),
        headers in "([A-Za-z-]{0,12}:[ -~]{0,20}\n?){0,3}",
        secret in prop::option::of("[A-Za-z0-9+/]{0,40}"),
        now in prop_oneof![any::<i64>(), 0i64..4_102_444_800],
    ) {
        run(url, method, headers, secret.as_deref(), now);
    }

    /// The one-pass canonical encoding equals decoding then encoding, on any bytes.
    #[test]
    fn reencode_equals_decode_then_encode(raw in prop::collection::vec(prop_oneof![any::<u8>(), Just(b'%'), prop::sample::select(b"0123456789abcdefABCDEF".to_vec())], 0..40)) {
        for slash in [Slash::Keep, Slash::Encode] {
            prop_assert_eq!(reencode(&raw, slash), uri_encode(&percent_decode(&raw), slash));
        }
    }

    /// `verify` (the core verification the benchmark times against aws-sigv4) computes the
    /// signature `inspect` reports and shows the user, on URL-like input and on real SDK URLs
    /// with one byte changed: valid exactly when `inspect` finds the signature valid.
    #[test]
    fn verify_answers_as_inspect_reports(
        url in prop_oneof![url_like(), sdk_url_mutated()],
        method in prop::sample::select(HttpMethod::ALL.to_vec()),
        with_header in any::<bool>(),
        secret in prop_oneof!["[A-Za-z0-9+/]{1,40}", Just(SDK_SECRET.to_owned())],
    ) {
        let headers: &[(&str, &str)] = if with_header { &[("Content-Type", "text/plain")] } else { &[] };
        let answer = verify(&url, method, headers, &Secret::new(&secret), &mut SigningKeyCache::default());
        let inputs = Inputs {
            url: url.clone(),
            method: Some(method),
            headers: headers.iter().fold(String::new(), |mut lines, (n, v)| {
                let _ = writeln!(lines, "{n}: {v}");
                lines
            }),
            secret: Some(Secret::new(&secret)),
            ..Inputs::default()
        };
        let report = inspect(&inputs, UnixTime(1_795_168_860));
        let computed = report.sigv4.as_ref().and_then(|c| c.computed_signature.clone());
        match answer {
            Verification::Valid => {
                prop_assert!(report.has(Code::SignatureValid), "{}: {:?}", url, report.findings);
            }
            Verification::Mismatch { computed: ours } => {
                prop_assert_eq!(computed, Some(ours), "{}", url);
                prop_assert!(report.has(Code::SignatureMismatch), "{}: {:?}", url, report.findings);
            }
            // `inspect` says why (a finding); it may still show a signature it computed anyway.
            Verification::Unverifiable => prop_assert!(!report.has(Code::SignatureValid), "{}", url),
        }
    }
}

const SDK_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// The SDK fixture URLs (most signed with `SDK_SECRET`), with one byte replaced, inserted or
/// removed somewhere, or unchanged.
fn sdk_url_mutated() -> impl Strategy<Value = String> {
    let urls: Vec<String> = ["boto3.jsonl", "aws-sdk-js-v3.jsonl"]
        .iter()
        .flat_map(|f| {
            let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
                .join("tests/fixtures/sdk")
                .join(f);
            std::fs::read_to_string(path)
                .expect("fixture")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).expect("JSON")["url"]
                        .as_str()
                        .expect("url")
                        .to_owned()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    (
        prop::sample::select(urls),
        any::<prop::sample::Index>(),
        0u8..4,
        prop::sample::select(b"%&=?/:#@ +aZ0.-_~\"".to_vec()),
    )
        .prop_map(|(url, at, op, byte)| {
            let mut bytes = url.into_bytes();
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                2 => {
                    bytes.remove(i);
                }
                _ => {}
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
}
