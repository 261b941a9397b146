//! Verification speed, side by side with the aws-sigv4 oracle on the same input, in one run:
//!
//! - `verify/ours: full inspect`: `inspect()` with the secret: everything the page shows (decoded
//!   endpoint, parameter table, every diagnosis check, the report with its findings).
//! - `verify/ours: core verify`: `verify()`: parse, canonicalize, sign, compare; nothing else,
//!   with the same parse and canonical request as `inspect` (there is one verification path).
//!   The secret is the same at every call, so its signing key comes from the secret's memo, as
//!   in a `--batch` run (and in `full inspect`).
//! - `verify/ours: core verify, key derived`: the same with a fresh secret per call, so the
//!   signing-key chain is derived inside: the same work as the oracle's.
//! - `verify/aws-sigv4: re-presign + compare`: the oracle given the same URL string: strip the
//!   auth parameters, presign the rest again with S3 settings, compare the signatures.
//! - `signing_key/*`: the kDate → kSigning chain alone.
//!
//! Run: `cargo bench -p presign-core --bench verify` (figures in docs/performance.md).

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody,
    SignableRequest, SignatureLocation, SigningSettings, UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use criterion::{criterion_group, criterion_main, Criterion};
use presign_core::sigv4::signature::SigningKey;
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::sigv4::verify::{verify, Verification};
use presign_core::{inspect, HttpMethod, Inputs, Secret, UnixTime};
use std::hint::black_box;
use std::time::{Duration, SystemTime};

/// A typical presigned URL: the AWS SDK for JavaScript v3's PUT with temporary credentials
/// (tests/fixtures/sdk/aws-sdk-js-v3.jsonl, put-session-token), 597 bytes.
const URL: &str = "https://example-bucket-eu.s3.eu-west-1.amazonaws.com/secure/upload.json?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=ASIAQFAKETEMPKEY0001%2F20261120%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-Security-Token=FQoGZXIvYXdzEFAKE%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaDFAKESESSIONTOKEN%2Bwith%2Fslash%3Dand%2Bplus%2FEXAMPLEONLY%3D%3D&X-Amz-Signature=d22a61f140cb0d025947658b33b82f783ca1c2a8af16a4ff98802cc5349ac920&X-Amz-SignedHeaders=host&x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32&x-id=PutObject";
const SECRET: &str = "Zx9/fakeTempSecret+Key/EXAMPLEsecret00001";
const SIGNATURE: &str = "d22a61f140cb0d025947658b33b82f783ca1c2a8af16a4ff98802cc5349ac920";
/// 2026-11-20T10:01:00Z, a minute after signing.
const NOW: UnixTime = UnixTime(1_795_168_860);

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8")
}

/// `YYYYMMDDTHHMMSSZ` to a `SystemTime` (days from civil, Howard Hinnant), kept here so that
/// the oracle path uses none of our code.
fn amz_date(text: &str) -> SystemTime {
    let n = |r: std::ops::Range<usize>| text[r].parse::<i64>().expect("digits");
    let (y, m, d) = (n(0..4), n(4..6), n(6..8));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let secs = days * 86_400 + n(9..11) * 3600 + n(11..13) * 60 + n(13..15);
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).expect("after 1970"))
}

/// Verification with the oracle: the presigned URL in, whether its signature is right out.
fn oracle_verify(url: &str, method: &str, secret: &str) -> bool {
    let (base, query) = url.split_once('?').expect("a query");
    let (mut credential, mut date, mut expires, mut token, mut signature) =
        (None, None, None, None, None);
    let mut rest = String::with_capacity(query.len());
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match name {
            "X-Amz-Credential" => credential = Some(percent_decode(value)),
            "X-Amz-Date" => date = Some(value),
            "X-Amz-Expires" => expires = Some(value),
            "X-Amz-Security-Token" => token = Some(percent_decode(value)),
            "X-Amz-Signature" => signature = Some(value),
            "X-Amz-Algorithm" | "X-Amz-SignedHeaders" => {}
            _ => {
                rest.push(if rest.is_empty() { '?' } else { '&' });
                rest.push_str(pair);
            }
        }
    }
    let credential = credential.expect("X-Amz-Credential");
    let mut scope = credential.split('/');
    let (key_id, _, region) = (scope.next().unwrap(), scope.next(), scope.next().unwrap());
    let identity: Identity = Credentials::new(key_id, secret, token, None, "bench").into();
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(Duration::from_secs(
        expires.expect("X-Amz-Expires").parse().expect("seconds"),
    ));
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    settings.payload_checksum_kind = PayloadChecksumKind::NoHeader;
    settings.session_token_mode = SessionTokenMode::Include;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("s3")
        .time(amz_date(date.expect("X-Amz-Date")))
        .settings(settings)
        .build()
        .expect("signing params")
        .into();
    let unsigned = format!("{base}{rest}");
    let request = SignableRequest::new(
        method,
        unsigned,
        std::iter::empty(),
        SignableBody::UnsignedPayload,
    )
    .expect("a signable request");
    let (_, computed) = sign(request, &params).expect("signed").into_parts();
    Some(computed.as_str()) == signature
}

fn bench(c: &mut Criterion) {
    let inputs = Inputs {
        url: URL.to_owned(),
        method: Some(HttpMethod::Put),
        secret: Some(Secret::new(SECRET)),
        ..Inputs::default()
    };
    let secret = Secret::new(SECRET);
    // Each contender must get the answer right before it is timed.
    let report = inspect(&inputs, NOW);
    assert_eq!(
        report
            .sigv4
            .as_ref()
            .and_then(|s| s.computed_signature.as_deref()),
        Some(SIGNATURE)
    );
    assert_eq!(
        verify(
            URL,
            HttpMethod::Put,
            &[],
            &secret,
            &mut SigningKeyCache::default()
        ),
        Verification::Valid
    );
    assert!(oracle_verify(URL, "PUT", SECRET));

    let mut group = c.benchmark_group("verify");
    group.bench_function("ours: full inspect", |b| {
        b.iter(|| inspect(black_box(&inputs), NOW));
    });
    group.bench_function("ours: core verify", |b| {
        let mut keys = SigningKeyCache::default();
        b.iter(|| {
            verify(
                black_box(URL),
                HttpMethod::Put,
                &[],
                black_box(&secret),
                &mut keys,
            )
        });
    });
    // A fresh cache per call (made outside the timing) holds no signing key: the whole
    // kDate → kSigning chain is derived inside, as the oracle derives it.
    group.bench_function("ours: core verify, key derived", |b| {
        b.iter_batched(
            SigningKeyCache::default,
            |mut fresh| verify(black_box(URL), HttpMethod::Put, &[], &secret, &mut fresh),
            criterion::BatchSize::SmallInput,
        );
    });
    group.bench_function("aws-sigv4: re-presign + compare", |b| {
        b.iter(|| oracle_verify(black_box(URL), "PUT", black_box(SECRET)));
    });
    group.finish();

    let mut group = c.benchmark_group("signing_key");
    group.bench_function("ours", |b| {
        b.iter(|| {
            SigningKey::derive(
                black_box(&secret),
                "20261120",
                "eu-west-1",
                "s3",
                "aws4_request",
            )
        });
    });
    let time = amz_date("20261120T100000Z");
    group.bench_function("aws-sigv4", |b| {
        b.iter(|| v4::generate_signing_key(black_box(SECRET), time, "eu-west-1", "s3"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
