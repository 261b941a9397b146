//! Property test against an independent signer: random S3 requests are presigned by the
//! `aws-sigv4` crate (smithy-rs, the signer of the AWS SDK for Rust) with S3's settings, and our
//! `inspect` must accept each presigned URL and compute the oracle's signature byte for byte.
#![cfg(not(target_arch = "wasm32"))]

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody,
    SignableRequest, SignatureLocation, SigningSettings, UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::sigv4::verify::{verify, Verification};
use presign_core::{inspect, Code, HttpMethod, Inputs, Secret, UnixTime};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

/// Percent-encodes every byte but the unreserved ones (and `/` when `keep_slash`), with
/// upper-case hex: what the SDKs send, and so what S3 decodes.
fn sdk_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Where the bucket lives, and so the host and path of the URL.
#[derive(Debug, Clone)]
enum Host {
    /// `bucket.s3.REGION.amazonaws.com/key`
    VirtualRegional,
    /// `bucket.s3.amazonaws.com/key`: the legacy global endpoint, signed for us-east-1.
    VirtualGlobal,
    /// `bucket.s3.dualstack.REGION.amazonaws.com/key`
    Dualstack,
    /// `s3.REGION.amazonaws.com/bucket/key`
    PathStyle,
    /// `http://127.0.0.1:9000/bucket/key` style MinIO host with a port.
    Custom { host: String, port: u16 },
}

#[derive(Debug, Clone)]
struct Request {
    method: HttpMethod,
    host: Host,
    bucket: String,
    key: String,
    region: String,
    /// (name, value), decoded; sent percent-encoded the SDK way.
    extra_params: Vec<(String, String)>,
    /// Headers sent and signed besides host.
    headers: Vec<(String, String)>,
    access_key_id: String,
    secret: String,
    session_token: Option<String>,
    signed_at: u64,
    expires_in: u64,
}

impl Request {
    fn base_url(&self) -> String {
        let key = sdk_encode(&self.key, true);
        let (region, bucket) = (&self.region, &self.bucket);
        match &self.host {
            Host::VirtualRegional => format!("https://{bucket}.s3.{region}.amazonaws.com/{key}"),
            Host::VirtualGlobal => format!("https://{bucket}.s3.amazonaws.com/{key}"),
            Host::Dualstack => {
                format!("https://{bucket}.s3.dualstack.{region}.amazonaws.com/{key}")
            }
            Host::PathStyle => format!("https://s3.{region}.amazonaws.com/{bucket}/{key}"),
            Host::Custom { host, port } => format!("https://{host}:{port}/{bucket}/{key}"),
        }
    }

    fn url_with_params(&self) -> String {
        let mut url = self.base_url();
        for (i, (name, value)) in self.extra_params.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&sdk_encode(name, false));
            url.push('=');
            url.push_str(&sdk_encode(value, false));
        }
        url
    }
}

/// The oracle: presigns the request with aws-sigv4 and S3's settings. Returns the presigned URL
/// and the signature.
fn presign_with_oracle(r: &Request) -> (String, String) {
    let identity: Identity = Credentials::new(
        &r.access_key_id,
        &r.secret,
        r.session_token.clone(),
        None,
        "proptest",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(Duration::from_secs(r.expires_in));
    // S3: the path is used as sent (encoded once), never normalized; presigned URLs carry no
    // payload hash header and sign UNSIGNED-PAYLOAD; the session token is signed.
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    settings.payload_checksum_kind = PayloadChecksumKind::NoHeader;
    settings.session_token_mode = SessionTokenMode::Include;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&r.region)
        .name("s3")
        .time(SystemTime::UNIX_EPOCH + Duration::from_secs(r.signed_at))
        .settings(settings)
        .build()
        .expect("signing params")
        .into();
    let url = r.url_with_params();
    let signable = SignableRequest::new(
        r.method.as_str(),
        url.clone(),
        r.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        SignableBody::UnsignedPayload,
    )
    .expect("a signable request");
    let (instructions, signature) = sign(signable, &params)
        .expect("the oracle signs")
        .into_parts();
    let mut request = http::Request::builder()
        .uri(&url)
        .body(())
        .expect("an http request");
    instructions.apply_to_request_http1x(&mut request);
    (request.uri().to_string(), signature)
}

fn region() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-2",
        "ap-northeast-1",
        "sa-east-1",
        "ca-central-1",
        "af-south-1",
    ])
    .prop_map(str::to_owned)
}

/// Key segments mixing plain text, characters that need encoding (space, `+`, reserved
/// characters, `%`), any non-control Unicode, and the `.`, `..` and empty segments S3 keeps.
fn key() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        4 => "[a-zA-Z0-9._-]{1,10}",
        3 => "[ +!*'()$&,;=:@%~#?\\[\\]a-z]{1,6}",
        2 => "\\PC{1,5}",
        1 => prop::sample::select(vec![".", "..", ""]).prop_map(str::to_owned),
    ];
    prop::collection::vec(segment, 1..5).prop_map(|segments| segments.join("/"))
}

fn extra_params() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        prop::sample::select(vec![
            "response-content-disposition",
            "response-content-type",
            "response-cache-control",
            "versionId",
            "x-id",
            "partNumber",
            "uploadId",
            "x-amz-meta-note",
            "X-Amz-User-Agent",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z][a-zA-Z0-9_.~-]{0,8}",
    ];
    let value = prop_oneof!["[a-zA-Z0-9]{0,12}", "[ +/=&;:\"%a-z]{0,10}", "\\PC{0,6}",];
    prop::collection::vec((name, value), 0..4)
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop::sample::select(vec![
        "Content-Type",
        "content-md5",
        "x-amz-meta-Author",
        "X-Amz-Server-Side-Encryption",
        "x-amz-acl",
        "Cache-Control",
        "Content-Disposition",
    ]);
    // Visible ASCII with inner runs of spaces, which both sides collapse to one.
    let value = "[!-~]{1,8}( {1,3}[!-~]{1,8}){0,2}";
    prop::collection::btree_map(name, value, 0..4)
        .prop_map(|m| m.into_iter().map(|(n, v)| (n.to_owned(), v)).collect())
}

fn host() -> impl Strategy<Value = Host> {
    prop_oneof![
        3 => Just(Host::VirtualRegional),
        1 => Just(Host::VirtualGlobal),
        1 => Just(Host::Dualstack),
        2 => Just(Host::PathStyle),
        1 => (prop::sample::select(vec!["127.0.0.1", "minio.internal", "storage.example.com"]), 1024u16..65535)
            .prop_map(|(h, port)| Host::Custom { host: h.to_owned(), port }),
    ]
}

fn request() -> impl Strategy<Value = Request> {
    (
        (
            prop::sample::select(HttpMethod::ALL.to_vec()),
            host(),
            "[a-z0-9][a-z0-9-]{1,20}[a-z0-9]",
            key(),
            region(),
            extra_params(),
            headers(),
        ),
        (
            "[A-Z0-9]{16}",
            "[A-Za-z0-9+/]{40}",
            prop::option::of("[A-Za-z0-9+/]{20,80}={0,2}"),
            // 2000-01-01 to 2040-01-01.
            946_684_800u64..2_208_988_800,
            // At least 2 s, so that the URL is still valid a second after signing.
            2u64..=604_800,
        ),
    )
        .prop_map(
            |(
                (method, host, bucket, key, region, extra_params, headers),
                (key_id, secret, token, signed_at, expires_in),
            )| {
                // The legacy global endpoint is us-east-1.
                let region = if matches!(host, Host::VirtualGlobal) {
                    "us-east-1".to_owned()
                } else {
                    region
                };
                let prefix = if token.is_some() { "ASIA" } else { "AKIA" };
                Request {
                    method,
                    host,
                    bucket,
                    key,
                    region,
                    extra_params,
                    headers,
                    access_key_id: format!("{prefix}{key_id}"),
                    secret,
                    session_token: token,
                    signed_at,
                    expires_in,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn our_signature_equals_the_oracles(r in request()) {
        let (url, oracle_signature) = presign_with_oracle(&r);
        let header_lines = r.headers.iter().fold(String::new(), |mut lines, (n, v)| {
            let _ = writeln!(lines, "{n}: {v}");
            lines
        });
        let inputs = Inputs {
            url: url.clone(),
            method: Some(r.method),
            headers: header_lines,
            secret: Some(Secret::new(&r.secret)),
            error_xml: String::new(),
            ..Inputs::default()
        };
        let signed_at = i64::try_from(r.signed_at).expect("fits");
        let report = inspect(&inputs, UnixTime(signed_at + 1));
        let computed = report.sigv4.as_ref().and_then(|c| c.computed_signature.clone());
        prop_assert_eq!(
            computed.as_deref(),
            Some(oracle_signature.as_str()),
            "url {}\nour canonical request:\n{}",
            url,
            report.sigv4.as_ref().map_or("", |c| c.canonical_request_text.as_str())
        );
        let headers: Vec<(&str, &str)> = r.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        prop_assert_eq!(verify(&url, r.method, &headers, &Secret::new(&r.secret), &mut SigningKeyCache::default()), Verification::Valid, "verify(): {}", url);
        prop_assert_eq!(report.verdict.code, Code::SignatureValid, "url {}\nfindings {:?}", url, report.findings);
    }
}

/// The oracle itself against the S3 documentation example, so that a misconfigured oracle
/// cannot make the property vacuous.
#[test]
fn oracle_reproduces_the_s3_documentation_example() {
    let r = Request {
        method: HttpMethod::Get,
        host: Host::VirtualGlobal,
        bucket: "examplebucket".to_owned(),
        key: "test.txt".to_owned(),
        region: "us-east-1".to_owned(),
        extra_params: Vec::new(),
        headers: Vec::new(),
        access_key_id: "AKIAIOSFODNN7EXAMPLE".to_owned(),
        secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_owned(),
        session_token: None,
        signed_at: 1_369_353_600,
        expires_in: 86_400,
    };
    let (url, signature) = presign_with_oracle(&r);
    assert_eq!(
        signature,
        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    );
    assert!(
        url.starts_with("https://examplebucket.s3.amazonaws.com/test.txt?"),
        "{url}"
    );
}
