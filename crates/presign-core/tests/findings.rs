//! One test per finding code: a known-good SDK-generated URL (tests/fixtures/sdk) changed in
//! one way, or a realistic S3 error body (tests/fixtures/s3-errors), and what the user sees.

#[path = "../../../tests/support/header_fixtures.rs"]
mod header_fixtures;
#[path = "../../../tests/support/report_lookup.rs"]
mod report_lookup;
#[path = "../../../tests/support/normalizer.rs"]
mod support_normalizer;
use presign_core::diagnose::request_checks::MethodSource;
use presign_core::report::Family;
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, Severity, UnixTime};
use report_lookup::{codes, evidence, field, finding, fixture_text, jsonl_record};
use serde_json::Value;
use support_normalizer::normalizer;

/// 2026-11-20T10:00:00Z, when every SDK fixture was signed.
const SIGNED_AT: i64 = 1_795_168_800;
/// A minute later: every fixture is valid.
const NOW: UnixTime = UnixTime(SIGNED_AT + 60);

fn fixture(id: &str) -> Value {
    let file = if id.starts_with("boto3-sigv2/") {
        "boto3-sigv2.jsonl"
    } else if id.starts_with("boto3/") {
        "boto3.jsonl"
    } else {
        "aws-sdk-js-v3.jsonl"
    };
    jsonl_record(&format!("sdk/{file}"), id)
}

fn url(id: &str) -> String {
    field(&fixture(id), "url")
}

fn secret(id: &str) -> String {
    field(&fixture(id), "secret_access_key")
}

fn error_body(name: &str) -> String {
    fixture_text(&format!("s3-errors/{name}"))
}

/// The inputs a test changes.
#[derive(Default)]
struct Case {
    url: String,
    method: Option<HttpMethod>,
    headers: String,
    secret: Option<String>,
    error_xml: String,
}

impl Case {
    fn new(url: impl Into<String>) -> Self {
        Case {
            url: url.into(),
            ..Case::default()
        }
    }
    fn method(mut self, m: HttpMethod) -> Self {
        self.method = Some(m);
        self
    }
    fn headers(mut self, h: &str) -> Self {
        h.clone_into(&mut self.headers);
        self
    }
    fn secret(mut self, s: &str) -> Self {
        self.secret = Some(s.to_owned());
        self
    }
    fn error_xml(mut self, x: &str) -> Self {
        x.clone_into(&mut self.error_xml);
        self
    }
    fn at(&self, now: UnixTime) -> Report {
        inspect(
            &Inputs {
                url: self.url.clone(),
                method: self.method,
                headers: self.headers.clone(),
                secret: self.secret.as_deref().map(Secret::new),
                error_xml: self.error_xml.clone(),
                normalizer: Some(normalizer()),
                ..Inputs::default()
            },
            now,
        )
    }
    fn run(&self) -> Report {
        self.at(NOW)
    }
}

// ---------------------------------------------------------------- reading the input

#[test]
fn not_a_url() {
    let r = Case::new("s3://examplebucket/test.txt").run();
    assert_eq!(r.verdict.code, Code::NotAUrl);
    assert!(finding(&r, Code::NotAUrl).title.contains("s3:"));
}

#[test]
fn not_presigned() {
    let r = Case::new("https://examplebucket.s3.amazonaws.com/test.txt").run();
    assert_eq!(r.verdict.code, Code::NotPresigned);
}

#[test]
fn missing_parameter() {
    let u = url("boto3/get-basic").replace("&X-Amz-Date=20261120T100000Z", "");
    let r = Case::new(u).run();
    assert_eq!(
        finding(&r, Code::MissingParameter).title,
        "X-Amz-Date is missing"
    );
}

#[test]
fn malformed_parameter() {
    let u = url("boto3/get-basic").replace("X-Amz-Expires=3600", "X-Amz-Expires=1h");
    let r = Case::new(u).run();
    assert_eq!(
        evidence(finding(&r, Code::MalformedParameter), "value"),
        "1h"
    );
}

#[test]
fn unsupported_algorithm() {
    let u = url("boto3/get-basic").replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512");
    let r = Case::new(u).run();
    assert_eq!(r.family.map(Family::as_str), Some("sigv4-query"));
    assert!(finding(&r, Code::UnsupportedAlgorithm)
        .detail
        .contains("AWS4-HMAC-SHA512"));
    // SigV4A is not unsupported: it has its own pipeline.
    let u = url("boto3/get-basic").replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256");
    let r = Case::new(u).run();
    assert_eq!(r.family.map(Family::as_str), Some("sigv4a"));
    assert!(!r.has(Code::UnsupportedAlgorithm));
}

#[test]
fn sigv2_legacy() {
    let r = Case::new(url("boto3-sigv2/get-basic")).at(NOW);
    assert_eq!(finding(&r, Code::SigV2Legacy).severity, Severity::Warning);
}

#[test]
fn escaped_url() {
    // The same signed URL as HTML source, a Go JSON log line and a redirect parameter carry it:
    // each is read with its escapes undone, says so, and still verifies.
    let u = url("aws-sdk-js-v3/put-session-token");
    let secret = secret("aws-sdk-js-v3/put-session-token");
    let html = u.replace('&', "&amp;");
    let json = format!("\"{}\"", u.replace('&', "\\u0026").replace('/', "\\/"));
    let percent = u
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect::<String>();
    for (pasted, title) in [
        (html, "The URL is HTML-escaped: &amp; stands for &"),
        (
            json,
            "The URL is JSON-escaped: \\u0026 stands for &, \\/ for /",
        ),
        (percent, "The whole URL is percent-encoded once more"),
    ] {
        let r = Case::new(pasted.as_str())
            .method(HttpMethod::Put)
            .secret(&secret)
            .run();
        let f = finding(&r, Code::EscapedUrl);
        assert_eq!(
            (f.severity, f.title.as_str()),
            (Severity::Warning, title),
            "{pasted}"
        );
        assert!(r.has(Code::SignatureValid), "{pasted}: {:?}", codes(&r));
        assert_eq!(r.url.as_ref().unwrap().cleaned, u, "{pasted}");
    }
    // The URL as the SDK returned it has nothing to undo.
    assert!(!Case::new(u).run().has(Code::EscapedUrl));
}

#[test]
fn input_too_long() {
    let r = Case::new(format!(
        "{}&pad={}",
        url("boto3/get-basic"),
        "a".repeat(70_000)
    ))
    .run();
    assert_eq!(r.verdict.code, Code::InputTooLong);
}

#[test]
fn suspicious_characters() {
    // A right-to-left override hidden in the key.
    let u = url("boto3/get-basic").replace("/test.txt?", "/test%E2%80%AEtxt.exe?");
    let r = Case::new(u).run();
    let f = finding(&r, Code::SuspiciousCharacters);
    assert!(
        f.title.contains("U+202E RIGHT-TO-LEFT OVERRIDE"),
        "{}",
        f.title
    );
}

#[test]
fn invalid_percent_escape() {
    let u = url("boto3/get-basic").replace("/test.txt?", "/100%.txt?");
    let r = Case::new(u).run();
    finding(&r, Code::InvalidPercentEscape);
}

// ---------------------------------------------------------------- the URL alone

#[test]
fn expired() {
    let r = Case::new(url("boto3/get-basic")).at(UnixTime(SIGNED_AT + 3600 + 125));
    let f = finding(&r, Code::Expired);
    assert_eq!(
        f.title,
        "The URL expired 2 min 5 s ago, at 2026-11-20T11:00:00Z"
    );
    assert_eq!(r.verdict.code, Code::Expired);
}

#[test]
fn not_yet_valid() {
    let r = Case::new(url("boto3/get-basic")).at(UnixTime(SIGNED_AT - 2 * 3600));
    let f = finding(&r, Code::NotYetValid);
    assert_eq!(f.severity, Severity::Error);
    assert!(f.title.contains("2 h in the future"), "{}", f.title);
    assert_eq!(evidence(f, "X-Amz-Date"), "2026-11-20T10:00:00Z");
}

#[test]
fn expires_too_long() {
    let u = url("boto3/get-basic").replace("X-Amz-Expires=3600", "X-Amz-Expires=604801");
    let r = Case::new(u).run();
    let f = finding(&r, Code::ExpiresTooLong);
    assert!(f.title.contains("604801 s"));
    assert!(f.detail.contains("604800"));
    // The 7-day maximum itself is fine.
    assert!(!Case::new(url("boto3/get-expires-7d"))
        .run()
        .has(Code::ExpiresTooLong));
}

#[test]
fn expires_soon() {
    let r = Case::new(url("boto3/get-basic")).at(UnixTime(SIGNED_AT + 3600 - 300));
    assert_eq!(
        finding(&r, Code::ExpiresSoon).title,
        "The URL expires in 5 min, at 2026-11-20T11:00:00Z"
    );
    assert_eq!(r.verdict.code, Code::Unverified);
}

#[test]
fn credential_date_mismatch() {
    let u = url("boto3/get-basic").replace("%2F20261120%2F", "%2F20261119%2F");
    let r = Case::new(u).run();
    let f = finding(&r, Code::CredentialDateMismatch);
    assert_eq!(
        f.title,
        "The credential date 20261119 is not the day of X-Amz-Date 20261120T100000Z"
    );
}

#[test]
fn region_mismatch() {
    // A JS v3 URL on the eu-west-1 endpoint, its scope changed to us-east-1.
    let u = url("aws-sdk-js-v3/get-eu-west-1").replace("%2Feu-west-1%2F", "%2Fus-east-1%2F");
    let r = Case::new(u).run();
    let f = finding(&r, Code::RegionMismatch);
    assert_eq!(
        f.title,
        "Signed for region us-east-1, sent to an endpoint in eu-west-1"
    );
    assert_eq!(
        evidence(f, "use-endpoint"),
        "example-bucket-eu.s3.us-east-1.amazonaws.com"
    );
    assert!(f.detail.contains("expecting 'eu-west-1'"));
}

#[test]
fn wrong_service() {
    let u = url("boto3/get-basic").replace("%2Fs3%2Faws4_request", "%2Fsts%2Faws4_request");
    let r = Case::new(u).run();
    let f = finding(&r, Code::WrongService);
    assert_eq!(f.severity, Severity::Error);
    assert!(f.title.contains("\u{201c}sts\u{201d}"));
}

#[test]
fn bad_terminator() {
    let u = url("boto3/get-basic").replace("aws4_request", "aws4_requests");
    let r = Case::new(u).run();
    assert!(finding(&r, Code::BadTerminator)
        .title
        .contains("aws4_requests"));
}

#[test]
fn temporary_credentials() {
    let r = Case::new(url("boto3/get-session-token")).run();
    let f = finding(&r, Code::TemporaryCredentials);
    assert!(f.detail.contains("ExpiredToken"));
    assert!(evidence(f, "access-key-id").starts_with("ASIA"));
}

#[test]
fn missing_security_token() {
    let full = url("boto3/get-session-token");
    let start = full.find("&X-Amz-Security-Token=").unwrap();
    let end = full[start + 1..]
        .find('&')
        .map_or(full.len(), |i| start + 1 + i);
    let u = format!("{}{}", &full[..start], &full[end..]);
    let r = Case::new(u).run();
    let f = finding(&r, Code::MissingSecurityToken);
    assert!(f.title.starts_with("Temporary access key ASIA"));
    assert!(!r.has(Code::TemporaryCredentials));
}

#[test]
fn bucket_case() {
    let u = url("boto3/get-basic").replace("https://examplebucket.", "https://ExampleBucket.");
    let r = Case::new(u).run();
    let f = finding(&r, Code::BucketCase);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(evidence(f, "lower-case"), "examplebucket");
}

#[test]
fn dotted_bucket_https() {
    // boto3 presigns a dotted bucket path-style, which works: nothing to say.
    let path_style = url("boto3/get-path-style-dotted-bucket");
    assert!(!Case::new(path_style.as_str())
        .run()
        .has(Code::DottedBucketHttps));
    // The same bucket in the host name fails the certificate check.
    let virtual_hosted = path_style.replace(
        "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/",
        "https://my.dotted.bucket.s3.eu-west-1.amazonaws.com/",
    );
    let r = Case::new(virtual_hosted.as_str()).run();
    let f = finding(&r, Code::DottedBucketHttps);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        evidence(f, "use-endpoint"),
        "s3.eu-west-1.amazonaws.com/my.dotted.bucket"
    );
    assert!(
        f.detail
            .contains("https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/dotted.txt"),
        "{}",
        f.detail
    );
    assert_eq!(r.verdict.code, Code::DottedBucketHttps);
    // Over plain http there is no certificate to fail.
    let http = virtual_hosted.replace("https://", "http://");
    assert!(!Case::new(http).run().has(Code::DottedBucketHttps));
    // Transfer Acceleration serves no dotted bucket at all.
    let accelerated = path_style.replace(
        "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/",
        "https://my.dotted.bucket.s3-accelerate.amazonaws.com/",
    );
    let f = finding(&Case::new(accelerated).run(), Code::DottedBucketHttps).clone();
    assert!(f.title.contains("Transfer Acceleration"), "{}", f.title);
}

#[test]
fn global_endpoint() {
    // boto3's default: virtual-hosted on the global host, scope eu-west-1. It works: info.
    let r = Case::new(url("boto3/get-eu-west-1")).run();
    let f = finding(&r, Code::GlobalEndpoint);
    assert_eq!(f.severity, Severity::Info);
    assert!(f.detail.contains("307"));
    assert!(!r.has(Code::RegionMismatch));
    // Path-style on the global host with an eu-west-1 scope fails: error.
    let u = url("boto3/get-eu-west-1").replace(
        "https://example-bucket-eu.s3.amazonaws.com/",
        "https://s3.amazonaws.com/example-bucket-eu/",
    );
    let r = Case::new(u).run();
    let f = finding(&r, Code::GlobalEndpoint);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        evidence(f, "use-endpoint"),
        "s3.eu-west-1.amazonaws.com/example-bucket-eu"
    );
}

#[test]
fn checksum_parameters() {
    let case = Case::new(url("aws-sdk-js-v3/put-basic"))
        .method(HttpMethod::Put)
        .secret(&secret("aws-sdk-js-v3/put-basic"));
    let r = case.run();
    let f = finding(&r, Code::ChecksumParameters);
    assert_eq!(f.severity, Severity::Error);
    assert!(f
        .detail
        .contains("requestChecksumCalculation: \"WHEN_REQUIRED\""));
    assert!(f.detail.contains("zero bytes"));
    assert_eq!(evidence(f, "x-amz-checksum-crc32"), "AAAAAA==");
    // The signature itself is fine: the verdict is the checksum.
    assert!(r.has(Code::SignatureValid));
    assert_eq!(r.verdict.code, Code::ChecksumParameters);
    // With WHEN_REQUIRED there is nothing to say.
    assert!(
        !Case::new(url("aws-sdk-js-v3/put-content-type-checksum-when-required"))
            .run()
            .has(Code::ChecksumParameters)
    );
}

#[test]
fn signed_headers() {
    let r = Case::new(url("boto3/put-content-type")).run();
    let f = finding(&r, Code::SignedHeaders);
    assert_eq!(
        f.title,
        "The request must send these signed headers: content-type"
    );
    assert!(f
        .detail
        .contains("for Content-Type: the same type the SDK was given, with no charset added"));
    // Other signed headers get no Content-Type advice.
    let r = Case::new(url("aws-sdk-js-v3/put-sse")).run();
    let f = finding(&r, Code::SignedHeaders);
    assert_eq!(
        f.title,
        "The request must send these signed headers: x-amz-server-side-encryption"
    );
    assert!(!f.detail.contains("Content-Type"), "{}", f.detail);
}

#[test]
fn plain_http() {
    let u = url("boto3/get-basic").replace("https://", "http://");
    let r = Case::new(u).run();
    assert_eq!(finding(&r, Code::PlainHttp).severity, Severity::Warning);
    // A local MinIO over http is usual: info.
    assert_eq!(
        finding(&Case::new(url("boto3/minio-get")).run(), Code::PlainHttp).severity,
        Severity::Info
    );
}

// ---------------------------------------------------------------- the request sent

#[test]
fn unreadable_request() {
    let r = Case::new(url("boto3/get-basic"))
        .headers("Content-Type text/plain")
        .run();
    assert_eq!(
        evidence(finding(&r, Code::UnreadableRequest), "skipped"),
        "not a header line: Content-Type text/plain"
    );
}

#[test]
fn missing_signed_header() {
    let r = Case::new(url("boto3/put-content-type"))
        .method(HttpMethod::Put)
        .headers("Content-Length: 5")
        .run();
    let f = finding(&r, Code::MissingSignedHeader);
    assert_eq!(f.title, "The signed header content-type is not sent");
    // The same as a curl command.
    let curl = format!("curl -T file.txt '{}'", url("boto3/put-content-type"));
    let r = Case::new("").headers(&curl).run();
    assert!(r.has(Code::MissingSignedHeader), "{:?}", codes(&r));
}

#[test]
fn missing_signed_header_without_headers_or_secret() {
    // A signed Content-Type and nothing said about headers: the request as evaluated sends
    // none, and such a request always fails, secret or not.
    let r = Case::new(url("boto3/put-content-type"))
        .method(HttpMethod::Put)
        .run();
    let f = finding(&r, Code::MissingSignedHeader);
    assert_eq!(f.severity, Severity::Error);
    assert!(f.detail.contains("No headers were given"), "{}", f.detail);
    assert_eq!(r.verdict.code, Code::MissingSignedHeader);
}

#[test]
fn unsigned_amz_header() {
    let r = Case::new(url("boto3/get-basic"))
        .headers("x-amz-acl: public-read")
        .run();
    let f = finding(&r, Code::UnsignedAmzHeader);
    assert_eq!(f.title, "The header x-amz-acl is sent but not signed");
    assert!(f.detail.contains("HeadersNotSigned"));
    // JS hoists x-amz-acl into the query: sending it as a header too is named as such.
    let u = url("aws-sdk-js-v3/put-storage-class-acl");
    let r = Case::new(u)
        .method(HttpMethod::Put)
        .headers("x-amz-acl: public-read")
        .run();
    assert!(finding(&r, Code::UnsignedAmzHeader)
        .detail
        .contains("already carries x-amz-acl"));
}

#[test]
fn two_auth_mechanisms() {
    // A client that adds its own Authorization header (or curl --user) to a presigned URL.
    for (id, header) in [
        ("boto3/get-basic", "Authorization: Bearer eyJhbGciOi"),
        ("boto3-sigv2/get-basic", "Authorization: Basic dXNlcjpwYXNz"),
    ] {
        let r = Case::new(url(id)).secret(&secret(id)).headers(header).run();
        let f = finding(&r, Code::TwoAuthMechanisms);
        assert_eq!(
            f.title,
            "An Authorization header is sent with a presigned URL"
        );
        assert!(f.detail.contains("Only one auth mechanism allowed"));
        assert_eq!(r.verdict.code, Code::TwoAuthMechanisms, "{:?}", codes(&r));
    }
    let r = Case::new(url("boto3/get-basic"))
        .headers("X-Custom: 1")
        .run();
    assert!(!r.has(Code::TwoAuthMechanisms));
}

#[test]
fn method_mismatch_without_the_secret() {
    // JS v3 signs x-id=PutObject: a GET is certainly wrong.
    let r = Case::new(url("aws-sdk-js-v3/put-basic"))
        .method(HttpMethod::Get)
        .run();
    let f = finding(&r, Code::MethodMismatch);
    assert_eq!(f.title, "This URL was signed for PUT, you send GET");
    assert!(f.detail.contains("x-id=PutObject"));
    // A curl command without -T sends GET.
    let curl = format!(
        "curl '{}'",
        url("aws-sdk-js-v3/put-content-type-checksum-when-required")
    );
    let r = Case::new("").headers(&curl).run();
    let f = finding(&r, Code::MethodMismatch);
    assert!(f.detail.contains("curl -T FILE"), "{}", f.detail);
}

#[test]
fn method_mismatch_told_by_the_error_body() {
    // Not chosen here, but S3's canonical request starts with GET: that is what was sent.
    let body = "<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>GET\n/k\n</CanonicalRequest></Error>";
    let r = Case::new(url("aws-sdk-js-v3/put-basic"))
        .error_xml(body)
        .run();
    assert_eq!(
        r.request.as_ref().unwrap().method_source,
        MethodSource::ErrorBody
    );
    assert_eq!(
        finding(&r, Code::MethodMismatch).title,
        "This URL was signed for PUT, you send GET"
    );
}

#[test]
fn signed_method() {
    // A PUT URL, its secret, and no method told: the page says what it was signed for and
    // does not claim a GET was sent.
    let id = "boto3/put-basic";
    let r = Case::new(url(id)).secret(&secret(id)).run();
    assert_eq!(r.verdict.code, Code::SignatureValid, "{:?}", codes(&r));
    let f = finding(&r, Code::SignedMethod);
    assert_eq!(
        (f.severity, f.title.as_str()),
        (Severity::Info, "Signed for PUT")
    );
    assert!(!r.has(Code::MethodMismatch));
    assert!(r.findings.iter().all(|f| !f.title.contains("you sent")));
    let request = r.request.as_ref().unwrap();
    assert_eq!(
        (request.method, request.method_source),
        (HttpMethod::Put, MethodSource::Signature)
    );
    // Told: the method chosen is the one evaluated, and nothing is "found".
    let r = Case::new(url(id))
        .method(HttpMethod::Put)
        .secret(&secret(id))
        .run();
    assert!(!r.has(Code::SignedMethod));
    assert_eq!(r.verdict.code, Code::SignatureValid);
}

#[test]
fn method_mismatch_found_by_re_signing() {
    let id = "boto3/put-basic";
    let r = Case::new(url(id))
        .method(HttpMethod::Get)
        .secret(&secret(id))
        .run();
    assert_eq!(r.verdict.code, Code::MethodMismatch);
    assert_eq!(r.verdict.title, "This URL was signed for PUT, you sent GET");
    let f = finding(&r, Code::MethodMismatch);
    assert_eq!((evidence(f, "sent"), evidence(f, "signed")), ("GET", "PUT"));
    assert!(r.has(Code::SignatureMismatch));
    // With a signed x-id the hint and the search agree: one finding, the proven one.
    let id = "aws-sdk-js-v3/put-content-type-checksum-when-required";
    let r = Case::new(url(id))
        .method(HttpMethod::Get)
        .secret(&secret(id))
        .run();
    let titles: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == Code::MethodMismatch)
        .map(|f| f.title.as_str())
        .collect();
    assert_eq!(titles, vec!["This URL was signed for PUT, you sent GET"]);
}

#[test]
fn signed_header_value() {
    let id = "boto3/put-content-type";
    let r = Case::new(url(id))
        .method(HttpMethod::Put)
        .headers("Content-Type: image/png")
        .secret(&secret(id))
        .run();
    assert_eq!(r.verdict.code, Code::SignedHeaderValue);
    assert_eq!(
        finding(&r, Code::SignedHeaderValue).title,
        "content-type was signed as \u{201c}text/plain\u{201d}, you send \u{201c}image/png\u{201d}"
    );
    // A browser's text body: text/plain;charset=UTF-8.
    let r = Case::new(url(id))
        .method(HttpMethod::Put)
        .headers("Content-Type: text/plain;charset=UTF-8")
        .secret(&secret(id))
        .run();
    assert_eq!(finding(&r, Code::SignedHeaderValue).title, "content-type was signed as \u{201c}text/plain\u{201d}, you send \u{201c}text/plain;charset=UTF-8\u{201d}");
    // Not sent at all.
    let r = Case::new(url(id))
        .method(HttpMethod::Put)
        .secret(&secret(id))
        .run();
    assert_eq!(
        finding(&r, Code::SignedHeaderValue).title,
        "content-type was signed as \u{201c}text/plain\u{201d}, you send none"
    );
    // Without the secret: curl -d adds its own Content-Type.
    let curl = format!("curl -X PUT -d 'hello' '{}'", url(id));
    let r = Case::new("").headers(&curl).run();
    assert!(finding(&r, Code::SignedHeaderValue)
        .title
        .contains("application/x-www-form-urlencoded"));
}

// ---------------------------------------------------------------- re-signing

#[test]
fn signature_valid() {
    let id = "aws-sdk-js-v3/get-basic";
    let r = Case::new(url(id)).secret(&secret(id)).run();
    assert_eq!(r.verdict.code, Code::SignatureValid);
    assert!(r.root_cause.is_none());
}

#[test]
fn signature_mismatch() {
    let id = "aws-sdk-js-v3/get-basic";
    let r = Case::new(url(id)).secret("not-the-secret").run();
    assert_eq!(
        finding(&r, Code::SignatureMismatch).severity,
        Severity::Error
    );
}

#[test]
fn host_mismatch() {
    // boto3's virtual-hosted URL sent path-style (a client that forces path-style rewrote it).
    let id = "boto3/get-basic";
    let u = url(id).replace(
        "https://examplebucket.s3.amazonaws.com/",
        "https://s3.amazonaws.com/examplebucket/",
    );
    let r = Case::new(u).secret(&secret(id)).run();
    assert_eq!(r.verdict.code, Code::HostMismatch);
    let f = finding(&r, Code::HostMismatch);
    assert_eq!(f.title, "This URL was signed for host examplebucket.s3.amazonaws.com, the request goes to s3.amazonaws.com");
    // A JS v3 regional URL sent to the global host.
    let id = "aws-sdk-js-v3/get-eu-west-1";
    let u = url(id).replace(".s3.eu-west-1.amazonaws.com", ".s3.amazonaws.com");
    let r = Case::new(u).secret(&secret(id)).run();
    assert_eq!(
        evidence(finding(&r, Code::HostMismatch), "signed"),
        "example-bucket-eu.s3.eu-west-1.amazonaws.com"
    );
    // A port added by a proxy.
    let id = "boto3/minio-get";
    let u = url(id).replace("127.0.0.1:9000", "127.0.0.1:9001");
    let r = Case::new(u).secret(&secret(id)).run();
    assert_eq!(
        evidence(finding(&r, Code::HostMismatch), "signed"),
        "127.0.0.1:9000"
    );
}

#[test]
fn key_encoding() {
    // The space of "my file.txt"-like keys written as '+' by a form encoder.
    let id = "boto3/key-space";
    let original = url(id);
    assert!(original.contains("%20"));
    let r = Case::new(original.replace("%20", "+"))
        .secret(&secret(id))
        .run();
    assert_eq!(r.verdict.code, Code::KeyEncoding);
    assert!(finding(&r, Code::KeyEncoding).detail.contains("'+'"));
    // NFC signed, NFD sent.
    let id = "aws-sdk-js-v3/key-unicode-nfc";
    let u = url(id).replace("%C3%A9", "e%CC%81");
    let r = Case::new(u).secret(&secret(id)).run();
    let f = finding(&r, Code::KeyEncoding);
    assert!(f.detail.contains("NFC"), "{}", f.detail);
    // A leading slash lost.
    let id = "boto3/key-leading-slash";
    let u = url(id).replacen(".com//", ".com/", 1);
    let r = Case::new(u).secret(&secret(id)).run();
    assert!(finding(&r, Code::KeyEncoding)
        .detail
        .contains("leading '/'"));
    // The URL encoded once more after signing.
    let id = "aws-sdk-js-v3/key-space";
    let u = url(id).replace("%20", "%2520");
    let r = Case::new(u).secret(&secret(id)).run();
    assert!(finding(&r, Code::KeyEncoding)
        .detail
        .contains("encoded again"));
}

#[test]
fn key_case() {
    let id = "boto3/get-eu-west-1";
    let u = url(id).replace("/photos/2026/cat.jpg", "/Photos/2026/Cat.JPG");
    let r = Case::new(u).secret(&secret(id)).run();
    assert_eq!(r.verdict.code, Code::KeyCase);
    assert_eq!(finding(&r, Code::KeyCase).title, "The key was signed as \u{201c}photos/2026/cat.jpg\u{201d}, the URL has \u{201c}Photos/2026/Cat.JPG\u{201d}");
    // Bucket case on a path-style URL.
    let id = "aws-sdk-js-v3/get-path-style";
    let bucket = fixture(id)["bucket"].as_str().unwrap().to_owned();
    let u = url(id).replacen(
        &format!("/{bucket}/"),
        &format!("/{}/", bucket.to_ascii_uppercase()),
        1,
    );
    let r = Case::new(u).secret(&secret(id)).run();
    assert_eq!(evidence(finding(&r, Code::KeyCase), "signed"), bucket);
}

#[test]
fn query_encoding() {
    let id = "boto3/get-basic";
    let r = Case::new(format!("{}&cb=12345", url(id)))
        .secret(&secret(id))
        .run();
    assert_eq!(r.verdict.code, Code::QueryEncoding);
    assert_eq!(
        finding(&r, Code::QueryEncoding).title,
        "The query parameter cb was added after signing"
    );
}

#[test]
fn signature_altered() {
    // The right secret; the URL's signature upper-cased, or cut after 40 digits by a log line.
    let id = "boto3/get-basic";
    let (head, sig) = url(id)
        .split_once("X-Amz-Signature=")
        .map(|(h, s)| (h.to_owned(), s.to_owned()))
        .unwrap();
    for altered in [sig.to_ascii_uppercase(), sig[..40].to_owned()] {
        let r = Case::new(format!("{head}X-Amz-Signature={altered}"))
            .secret(&secret(id))
            .run();
        assert_eq!(r.verdict.code, Code::SignatureAltered, "{:?}", codes(&r));
        assert_eq!(
            finding(&r, Code::SignatureAltered).title,
            "The signature's text was altered after signing"
        );
        assert!(!r.has(Code::MalformedParameter), "{:?}", codes(&r));
    }
}

#[test]
fn signature_mismatch_names_no_cause_without_evidence() {
    // One character of the secret off, and nothing else: no variant reproduces the
    // signature, the secret field shows no flaw. The verdict is the symptom; its detail ranks
    // what remains, the secret among the rest, each with how to tell.
    let id = "boto3/get-basic";
    let r = Case::new(url(id))
        .secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ")
        .run();
    assert_eq!(r.verdict.code, Code::SignatureMismatch, "{:?}", codes(&r));
    assert_eq!(r.verdict.title, "The signature does not match");
    let f = finding(&r, Code::SignatureMismatch);
    let tried = r.root_cause.as_ref().unwrap().variants_tried;
    assert!(tried >= 200, "only {tried} variants");
    assert!(
        f.detail
            .contains(&format!("None of {tried} re-signed variants")),
        "{}",
        f.detail
    );
    assert!(f.detail.contains("nothing proves a cause"), "{}", f.detail);
    // Without S3's body, an edit the search does not try comes first, the secret last.
    let edit = f
        .detail
        .find("(1) the URL was changed after it was signed")
        .unwrap();
    let blamed = f
        .detail
        .find("the secret typed here is not the one of AKIAIOSFODNN7EXAMPLE")
        .unwrap();
    assert!(edit < blamed, "{}", f.detail);
    assert!(f.detail.contains("paste S3's error body"), "{}", f.detail);
    assert!(
        f.detail.contains("aws sts get-caller-identity"),
        "{}",
        f.detail
    );
    // A signed header's value is not in the URL: said as such, before the secret.
    let id = "boto3/put-content-type";
    let r = Case::new(url(id))
        .method(HttpMethod::Put)
        .headers("Content-Type: application/x-not-what-was-signed")
        .secret(&secret(id))
        .run();
    let f = finding(&r, Code::SignatureMismatch);
    let unseen = f
        .detail
        .find("content-type was signed with a value this page cannot see")
        .unwrap();
    let blamed = f
        .detail
        .find("the secret typed here is not the one")
        .unwrap();
    assert!(unseen < blamed, "{}", f.detail);
    assert!(
        !codes(&r).iter().any(|c| c.starts_with("secret")),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn signature_redacted() {
    // A share link whose sender redacted the signature, as the page recommends.
    let id = "boto3/get-basic";
    let u = url(id);
    let at = u.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let redacted = format!("{}REDACTED", &u[..at]);
    for secret_given in [false, true] {
        let mut case = Case::new(redacted.as_str());
        if secret_given {
            case = case.secret(&secret(id));
        }
        let r = case.run();
        let f = finding(&r, Code::SignatureRedacted);
        assert_eq!(
            (f.severity, f.title.as_str()),
            (Severity::Info, "Signature redacted by the sender")
        );
        assert!(!r.has(Code::MalformedParameter), "{:?}", codes(&r));
        assert!(!r.has(Code::SignatureMismatch), "{:?}", codes(&r));
        assert_eq!(r.verdict.code, Code::Unverified);
        assert_eq!(
            r.verdict.title,
            "Signature redacted by the sender: everything else is diagnosed"
        );
    }
    // The rest of the diagnosis is intact: an expired redacted URL is still expired.
    let later = UnixTime(SIGNED_AT + 2 * 3600);
    assert_eq!(Case::new(redacted).at(later).verdict.code, Code::Expired);
}

// ---------------------------------------------------------------- what the secret field shows

/// boto3/get-basic inspected with this text in the secret field.
fn with_secret(text: &str) -> Report {
    Case::new(url("boto3/get-basic")).secret(text).run()
}

const DOC_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

#[test]
fn secret_whitespace() {
    // A trailing newline (a file or an environment variable read whole): proved, the cause.
    let r = with_secret(&format!("{DOC_SECRET}\n"));
    let f = finding(&r, Code::SecretWhitespace);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.title,
        "The secret has white space or a line break in it: without it, the signature matches"
    );
    assert_eq!(r.verdict.code, Code::SecretWhitespace);
    // Around a secret that is wrong anyway: evidence, not the cause.
    let r = with_secret(" wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ");
    assert_eq!(
        finding(&r, Code::SecretWhitespace).severity,
        Severity::Warning
    );
    assert_eq!(r.verdict.code, Code::SignatureMismatch);
}

#[test]
fn secret_quoted() {
    let r = with_secret(&format!("'{DOC_SECRET}'"));
    assert_eq!(r.verdict.code, Code::SecretQuoted);
    assert!(finding(&r, Code::SecretQuoted)
        .title
        .ends_with("without it, the signature matches"));
}

#[test]
fn secret_is_access_key_id() {
    let r = with_secret("AKIAIOSFODNN7EXAMPLE");
    let f = finding(&r, Code::SecretIsAccessKeyId);
    assert_eq!(f.title, "The secret field holds an access key id");
    assert_eq!(r.verdict.code, Code::SecretIsAccessKeyId);
}

#[test]
fn secret_is_session_token() {
    let token = fixture("boto3/get-session-token")["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = with_secret(&token);
    assert_eq!(
        r.verdict.code,
        Code::SecretIsSessionToken,
        "{:?}",
        codes(&r)
    );
}

#[test]
fn secret_url_encoded() {
    let r = with_secret(&DOC_SECRET.replace('/', "%2F"));
    assert_eq!(r.verdict.code, Code::SecretUrlEncoded);
    assert_eq!(
        finding(&r, Code::SecretUrlEncoded).severity,
        Severity::Error
    );
}

#[test]
fn secret_length() {
    // One character lost in the copy: not the cause proved, but no AWS secret is 39 long.
    let r = with_secret(&DOC_SECRET[..39]);
    let f = finding(&r, Code::SecretLength);
    assert_eq!(
        (f.severity, evidence(f, "length")),
        (Severity::Warning, "39")
    );
    assert_eq!(r.verdict.code, Code::SignatureMismatch);
    // S3-compatible stores have keys of other lengths: no finding there.
    let minio = Case::new(url("boto3/minio-get"))
        .secret("minio-secret-key")
        .run();
    assert!(!minio.has(Code::SecretLength), "{:?}", codes(&minio));
}

#[test]
fn root_cause_skipped() {
    let id = "boto3/get-basic";
    let u = format!("{}&pad={}", url(id), "a".repeat(20_000));
    let r = Case::new(u).secret(&secret(id)).run();
    let f = finding(&r, Code::RootCauseSkipped);
    assert!(f.detail.contains("16384-byte limit"));
    assert!(r.has(Code::SignatureMismatch));
}

#[test]
fn unverified() {
    let r = Case::new(url("boto3/get-basic")).run();
    assert_eq!(r.verdict.code, Code::Unverified);
    assert_eq!(
        r.verdict.title,
        "Not verified: type the secret access key to re-sign the request"
    );
}

// ---------------------------------------------------------------- S3's error body

fn with_body(name: &str) -> Report {
    Case::new(url("boto3/get-basic"))
        .error_xml(&error_body(name))
        .at(UnixTime(SIGNED_AT + 120))
}

#[test]
fn error_body_unreadable() {
    let r = with_body("gateway-timeout.html");
    assert_eq!(
        finding(&r, Code::ErrorBodyUnreadable).severity,
        Severity::Warning
    );
    let r = with_body("signature-does-not-match-truncated.xml");
    assert_eq!(
        finding(&r, Code::ErrorBodyUnreadable).title,
        "The error body is cut off"
    );
    // The complete CanonicalRequest is still compared; the cut-off Bytes form is not used.
    assert!(finding(&r, Code::ServerCanonicalRequestDiffers)
        .detail
        .contains("examplebucket.s3.us-east-1.amazonaws.com"));
}

#[test]
fn error_body_other_url() {
    let r = with_body("other-url.xml");
    assert_eq!(
        evidence(finding(&r, Code::ErrorBodyOtherUrl), "AWSAccessKeyId (S3)"),
        "AKIAI44QH8DHBEXAMPLE"
    );
}

#[test]
fn server_canonical_request_differs() {
    let r = with_body("signature-does-not-match-proxy-host.xml");
    let f = finding(&r, Code::ServerCanonicalRequestDiffers);
    assert_eq!(
        f.title,
        "S3 received a different request: the host header differs"
    );
    assert!(f.detail.contains("proxy"));
    assert!(f.detail.contains("signed for \u{201c}examplebucket.s3.amazonaws.com\u{201d} but S3 received \u{201c}examplebucket.s3.us-east-1.amazonaws.com\u{201d}"));
    let server = r.server.as_ref().unwrap();
    let changed: Vec<&str> = server
        .canonical_request_diff
        .iter()
        .filter(|l| l.kind != presign_core::diagnose::diff::DiffKind::Same)
        .map(|l| l.part.as_str())
        .collect();
    assert_eq!(changed, vec!["header host"]);
    assert_eq!(server.canonical_request_matches, Some(false));
    // An appended parameter is named.
    let r = with_body("signature-does-not-match-added-parameter.xml");
    assert!(finding(&r, Code::ServerCanonicalRequestDiffers)
        .detail
        .contains("S3 received cb=1763632800"));
}

#[test]
fn server_string_to_sign_differs() {
    let r = with_body("signature-does-not-match-other-scope.xml");
    let f = finding(&r, Code::ServerStringToSignDiffers);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(evidence(f, "s3"), "20261120/eu-west-1/s3/aws4_request");
    // Only the hash differs when the canonical request does: a warning that follows from it.
    let r = with_body("signature-does-not-match-proxy-host.xml");
    assert_eq!(
        finding(&r, Code::ServerStringToSignDiffers).severity,
        Severity::Warning
    );
}

#[test]
fn secret_mismatch() {
    let r = with_body("signature-does-not-match-same-request.xml");
    assert_eq!(r.verdict.code, Code::SecretMismatch);
    assert_eq!(
        finding(&r, Code::SecretMismatch).title,
        "The URL was signed with a secret that does not belong to AKIAIOSFODNN7EXAMPLE"
    );
    let server = r.server.as_ref().unwrap();
    assert_eq!(
        (
            server.canonical_request_matches,
            server.string_to_sign_matches
        ),
        (Some(true), Some(true))
    );
}

/// S3's `SignatureDoesNotMatch` body for exactly the request `case` models: its canonical
/// request and string to sign as computed here.
fn body_agreeing_with(case: &Case) -> String {
    let c = case.run().sigv4.unwrap();
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;");
    format!(
        "<Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>{}</StringToSign><CanonicalRequest>{}</CanonicalRequest></Error>",
        escape(&c.string_to_sign_text),
        escape(&c.canonical_request_text)
    )
}

#[test]
fn secret_mismatch_needs_everything_signed_visible() {
    // A signed Content-Type: S3 shows the value it received, not the one that was signed. Equal
    // strings to sign then prove only that S3 received what is modelled here.
    let id = "boto3/put-content-type";
    let sent = Case::new(url(id))
        .method(HttpMethod::Put)
        .headers("Content-Type: image/png");
    let r = Case::new(url(id))
        .method(HttpMethod::Put)
        .headers("Content-Type: image/png")
        .error_xml(&body_agreeing_with(&sent))
        .run();
    assert_eq!(
        r.server.as_ref().unwrap().string_to_sign_matches,
        Some(true)
    );
    assert!(!r.has(Code::SecretMismatch), "{:?}", codes(&r));
    // With the right secret, the search recovers the signed value: that is the cause, and the
    // credentials are not blamed beside it.
    let r = Case::new(url(id))
        .method(HttpMethod::Put)
        .headers("Content-Type: image/png")
        .error_xml(&body_agreeing_with(&sent))
        .secret(&secret(id))
        .run();
    assert_eq!(r.verdict.code, Code::SignedHeaderValue, "{:?}", codes(&r));
    assert!(!r.has(Code::SecretMismatch), "{:?}", codes(&r));
    let f = finding(&r, Code::SignedHeaderValue);
    assert_eq!(
        f.title,
        "content-type was signed as \u{201c}text/plain\u{201d}, you send \u{201c}image/png\u{201d}"
    );
}

#[test]
fn clock_skew() {
    let r = with_body("request-time-too-skewed.xml");
    let f = finding(&r, Code::ClockSkew);
    assert_eq!(f.title, "The client's clock is 30 min ahead of S3's");
    assert_eq!(evidence(f, "skew-seconds"), "1800");
}

#[test]
fn s3_signature_does_not_match() {
    let r = with_body("signature-does-not-match-same-request.xml");
    assert_eq!(
        evidence(finding(&r, Code::S3SignatureDoesNotMatch), "RequestId"),
        "4442587FB7D0A2F9"
    );
}

#[test]
fn s3_request_expired() {
    for name in [
        "access-denied-request-expired.xml",
        "access-denied-request-expired-pretty.xml",
    ] {
        let r = with_body(name);
        let f = finding(&r, Code::S3RequestExpired);
        assert!(
            f.detail.contains("expired at 2026-11-20T11:00:00Z"),
            "{}",
            f.detail
        );
        assert!(f.detail.contains("1 h 30 min after expiry"), "{}", f.detail);
    }
}

#[test]
fn s3_access_denied() {
    let r = with_body("access-denied-headers-not-signed.xml");
    assert!(finding(&r, Code::S3AccessDenied)
        .detail
        .contains("x-amz-acl"));
    let r = with_body("access-denied-policy.xml");
    assert!(finding(&r, Code::S3AccessDenied)
        .detail
        .contains("s3:ListBucket"));
}

#[test]
fn s3_authorization_query_parameters_error() {
    let r = with_body("authorization-query-parameters-error-region.xml");
    assert!(finding(&r, Code::S3AuthorizationQueryParametersError)
        .detail
        .contains("S3 expects the credential scope region eu-west-1"));
    let r = with_body("authorization-query-parameters-error-expires.xml");
    assert!(finding(&r, Code::S3AuthorizationQueryParametersError)
        .detail
        .contains("604800"));
}

#[test]
fn s3_authorization_header_malformed() {
    let r = with_body("authorization-header-malformed.xml");
    assert_eq!(
        finding(&r, Code::S3AuthorizationHeaderMalformed).title,
        "S3: AuthorizationHeaderMalformed, expecting region eu-west-1"
    );
}

#[test]
fn s3_invalid_access_key_id() {
    let r = with_body("invalid-access-key-id.xml");
    assert_eq!(
        finding(&r, Code::S3InvalidAccessKeyId).title,
        "S3: InvalidAccessKeyId AKIAIOSFODNN7EXAMPLE"
    );
}

#[test]
fn s3_expired_token() {
    let r = with_body("expired-token.xml");
    assert!(finding(&r, Code::S3ExpiredToken).detail.contains("session"));
}

#[test]
fn s3_invalid_token() {
    let r = with_body("invalid-token.xml");
    assert!(finding(&r, Code::S3InvalidToken).detail.contains("%2B"));
}

#[test]
fn s3_request_time_too_skewed() {
    let r = with_body("request-time-too-skewed.xml");
    assert!(finding(&r, Code::S3RequestTimeTooSkewed)
        .detail
        .contains("900000 ms"));
}

#[test]
fn s3_permanent_redirect() {
    let r = with_body("permanent-redirect.xml");
    assert_eq!(
        finding(&r, Code::S3PermanentRedirect).title,
        "S3: PermanentRedirect, use examplebucket.s3.eu-west-1.amazonaws.com"
    );
}

#[test]
fn s3_other_error() {
    let r = with_body("no-such-key.xml");
    let f = finding(&r, Code::S3OtherError);
    assert_eq!(f.title, "S3: NoSuchKey");
    assert!(f.detail.contains("signature was accepted"));
}

#[test]
fn billion_laughs_is_not_expanded() {
    let r = with_body("billion-laughs.xml");
    let f = finding(&r, Code::S3AccessDenied);
    assert_eq!(evidence(f, "Message"), "&lol9;");
}

// ---------------------------------------------------------------- verdicts

#[test]
fn verdict_prefers_errors_then_root_causes() {
    // Expired and sent with the wrong method: both errors, expiry first.
    let id = "boto3/put-basic";
    let r = Case::new(url(id))
        .method(HttpMethod::Get)
        .secret(&secret(id))
        .at(UnixTime(SIGNED_AT + 7200));
    assert_eq!(r.verdict.code, Code::Expired);
    assert!(r.has(Code::MethodMismatch));
    // Errors always come before warnings and info in the list.
    let severities: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    // Warnings alone do not make a verdict: the signature does.
    let id = "boto3/get-eu-west-1";
    let r = Case::new(url(id))
        .secret(&secret(id))
        .at(UnixTime(SIGNED_AT + 3500));
    assert!(r.has(Code::ExpiresSoon));
    assert_eq!(r.verdict.code, Code::SignatureValid);
}

// ---------------------------------------------------------------- GCS V4 and CloudFront

/// A file of tests/fixtures/gcs or tests/fixtures/cloudfront.
fn family_file(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    ))
    .unwrap()
}

fn family_url(file: &str, id: &str) -> String {
    family_file(file)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["id"] == id)
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn keyed(url: &str, public_key: &str, error_xml: &str) -> Report {
    let inputs = Inputs {
        url: url.to_owned(),
        public_key: public_key.to_owned(),
        error_xml: error_xml.to_owned(),
        ..Inputs::default()
    };
    inspect(&inputs, NOW)
}

fn gcs_get() -> String {
    family_url("gcs/gcs-signed-urls.jsonl", "gcs/get-basic")
}

fn cf_url(id: &str) -> String {
    let file = if id.starts_with("botocore/") {
        "cloudfront/botocore.jsonl"
    } else {
        "cloudfront/aws-sdk-js-v3.jsonl"
    };
    family_url(file, id)
}

#[test]
fn public_key_unreadable() {
    let r = keyed(
        &gcs_get(),
        "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----",
        "",
    );
    let f = finding(&r, Code::PublicKeyUnreadable);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(r.verdict.code, Code::Unverified);
    assert_eq!(r.verdict.title, "The signature could not be checked");
}

#[test]
fn private_key_pasted() {
    let r = keyed(
        &gcs_get(),
        &family_file("gcs/test-only-fake-service-account.json"),
        "",
    );
    let f = finding(&r, Code::PrivateKeyPasted);
    assert!(f.detail.contains("left out of share links"), "{}", f.detail);
    let pem = keyed(
        &cf_url("botocore/canned-basic"),
        &family_file("cloudfront/test-only-fake-cf-private-key.pem"),
        "",
    );
    assert!(pem.has(Code::PrivateKeyPasted));
}

#[test]
fn public_key_mismatch() {
    let r = keyed(
        &gcs_get(),
        &family_file("cloudfront/test-only-fake-cf-public-key.pem"),
        "",
    );
    assert_eq!(r.verdict.code, Code::PublicKeyMismatch);
    let f = finding(&r, Code::PublicKeyMismatch);
    assert_eq!(
        evidence(f, "signer"),
        "signer@presign-inspector-fixtures.iam.gserviceaccount.com"
    );
}

#[test]
fn gcs_error() {
    // The string to sign GCS shows equals ours, the key given verifies: Google does not hold it.
    let url = gcs_get();
    let sts = keyed(&url, "", "").gcs.unwrap().string_to_sign.unwrap();
    let body = format!("<?xml version='1.0' encoding='UTF-8'?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.</Message><StringToSign>{sts}</StringToSign></Error>");
    let r = keyed(
        &url,
        &family_file("gcs/test-only-fake-sa-public-key.pem"),
        &body,
    );
    let f = finding(&r, Code::GcsError);
    assert_eq!(f.title, "Google Cloud Storage: SignatureDoesNotMatch");
    assert_eq!(r.verdict.code, Code::SecretMismatch);
    assert!(r.has(Code::SignatureValid));
    // A different string to sign is shown line by line, in Google's words.
    let other = body.replace("20261120T100000Z", "20261120T100500Z");
    let r = keyed(&url, "", &other);
    let f = finding(&r, Code::ServerStringToSignDiffers);
    assert!(f.title.starts_with("Google Cloud Storage"), "{}", f.title);
}

#[test]
fn cloudfront_malformed_policy() {
    let url = cf_url("botocore/custom-only-date-less-than");
    let policy = presign_core::encode::cloudfront_base64(
        b"{\"Statement\":[{\"Resource\":\"https://d1fakefixture0.cloudfront.net/*\"}]}",
    );
    let start = url.find("Policy=").unwrap() + "Policy=".len();
    let end = start + url[start..].find('&').unwrap();
    let changed = format!("{}{policy}{}", &url[..start], &url[end..]);
    let r = keyed(&changed, "", "");
    assert_eq!(r.verdict.code, Code::CloudfrontMalformedPolicy);
    assert!(finding(&r, Code::CloudfrontMalformedPolicy)
        .detail
        .contains("DateLessThan"));
}

#[test]
fn cloudfront_resource_mismatch() {
    let url = cf_url("botocore/custom-wildcard-resource").replace("/private/", "/public/");
    let r = keyed(&url, "", "");
    let f = finding(&r, Code::CloudfrontResourceMismatch);
    assert!(evidence(f, "url").contains("/public/"));
}

#[test]
fn cloudfront_hash_algorithm() {
    let url = cf_url("aws-sdk-js-v3/custom-sha256")
        .replace("Hash-Algorithm=SHA256", "Hash-Algorithm=SHA512");
    let r = keyed(&url, "", "");
    assert_eq!(r.verdict.code, Code::CloudfrontHashAlgorithm);
}

#[test]
fn cloudfront_base64() {
    let url = cf_url("botocore/canned-basic");
    let standard = url.replace('~', "/").replace("__&", "==&");
    let r = keyed(&standard, "", "");
    let f = finding(&r, Code::CloudfrontBase64);
    assert_eq!(evidence(f, "parameter"), "Signature");
}

#[test]
fn cloudfront_ip_restriction() {
    let r = keyed(&cf_url("aws-sdk-js-v3/custom-start-ip"), "", "");
    let f = finding(&r, Code::CloudfrontIpRestriction);
    assert!(
        f.title.starts_with("The URL works only from "),
        "{}",
        f.title
    );
}

#[test]
fn cloudfront_error() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InvalidKey</Code><Message>Unknown Key</Message></Error>";
    let r = keyed(&cf_url("botocore/canned-basic"), "", body);
    let f = finding(&r, Code::CloudfrontError);
    assert_eq!(f.title, "CloudFront: InvalidKey");
    assert!(f.detail.contains("key group"));
    let origin = "<Error><Code>AccessDenied</Code><Message>Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters</Message></Error>";
    let r = keyed(&cf_url("botocore/canned-basic"), "", origin);
    assert!(finding(&r, Code::CloudfrontError)
        .detail
        .contains("S3 origin"));
}

// ---------------------------------------------------------------- header-signed requests

use header_fixtures::{
    authorization, case, inspect_raw, resign, set_body, set_header, signed_at, streaming_request,
};

/// A fixture request with its `Authorization` header's `SignedHeaders` replaced, signed again.
fn with_signed_headers(raw: &str, secret: &str, list: &str) -> String {
    let auth = authorization(raw);
    let start = auth.find("SignedHeaders=").unwrap() + "SignedHeaders=".len();
    let end = start + auth[start..].find(',').unwrap();
    let edited = format!("{}{list}{}", &auth[..start], &auth[end..]);
    resign(&raw.replace(&auth, &edited), secret)
}

#[test]
fn missing_authorization() {
    let c = case("botocore/dynamodb-get-item");
    let raw = c
        .raw
        .replace(&format!("Authorization: {}\r\n", authorization(&c.raw)), "");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::MissingAuthorization);
    assert_eq!(
        r.family.map(presign_core::report::Family::as_str),
        Some("sigv4-header")
    );
}

#[test]
fn authorization_malformed() {
    // A space after Credential= (cloud9-sync issue 10): AWS's IncompleteSignature.
    let c = case("botocore/dynamodb-get-item");
    let r = inspect_raw(
        &c.raw.replace("Credential=", "Credential= "),
        Some(&c.secret),
        60,
    );
    assert_eq!(r.verdict.code, Code::AuthorizationMalformed);
    let f = finding(&r, Code::AuthorizationMalformed);
    assert!(evidence(f, "piece").contains("missing equal-sign"));
    // curl --user without --aws-sigv4 sends Basic credentials.
    let r = Case::new("curl -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261120/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date' -H 'X-Amz-Date: 20261120T100000Z' https://sts.amazonaws.com/").run();
    assert!(
        evidence(finding(&r, Code::AuthorizationMalformed), "Signature")
            .contains("requires 'Signature'")
    );
}

#[test]
fn missing_date() {
    let c = case("botocore/sts-get-caller-identity");
    let raw = c.raw.replace("X-Amz-Date: 20261120T100000Z\r\n", "");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::MissingDate);
    assert!(finding(&r, Code::MissingDate)
        .detail
        .contains("'X-Amz-Date' or a 'Date' header"));
}

#[test]
fn signature_expired() {
    // Signed correctly, an hour before now: refused if sent now (a warning: the paste may be
    // an old log) ...
    let c = case("botocore/sts-get-caller-identity");
    let raw = signed_at(&c.raw, &c.secret, "20261120T090000Z");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    let f = finding(&r, Code::SignatureExpired);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(evidence(f, "window"), "15 minutes (sts)");
    assert!(r.has(Code::SignatureValid));
    // ... and an error when the service said so.
    let r = Case::new(c.raw.clone())
        .error_xml("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20261120T100000Z is now earlier than 20261120T102000Z (20261120T103500Z - 15 min.)</Message></Error><RequestId>1</RequestId></ErrorResponse>")
        .run();
    let f = finding(&r, Code::SignatureExpired);
    assert_eq!(
        (f.severity, evidence(f, "server-time")),
        (Severity::Error, "20261120T103500Z")
    );
    assert_eq!(r.verdict.code, Code::SignatureExpired);
}

#[test]
fn signature_not_yet_current() {
    let c = case("botocore/dynamodb-get-item");
    let raw = signed_at(&c.raw, &c.secret, "20261120T103000Z");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::SignatureNotYetCurrent);
    assert!(evidence(finding(&r, Code::SignatureNotYetCurrent), "window").starts_with("5 or 15"));
}

#[test]
fn session_token_unsigned() {
    // STS: some services want the token added after signing, so only a note ...
    let c = case("botocore/sts-get-caller-identity-session-token");
    let raw = with_signed_headers(&c.raw, &c.secret, "content-type;host;x-amz-date");
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(
        finding(&r, Code::SessionTokenUnsigned).severity,
        Severity::Info
    );
    assert_eq!(r.verdict.code, Code::SignatureValid);
    // ... S3 wants every x-amz-* header signed.
    let c = case("botocore/s3-get-object-session-token");
    let raw = with_signed_headers(
        &c.raw,
        &c.secret,
        "host;x-amz-checksum-mode;x-amz-content-sha256;x-amz-date",
    );
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::SessionTokenUnsigned);
}

#[test]
fn proxy_header_signed() {
    let c = case("botocore/dynamodb-get-item");
    let raw = with_signed_headers(
        &c.raw,
        &c.secret,
        "content-type;host;user-agent;x-amz-date;x-amz-target",
    );
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    let f = finding(&r, Code::ProxyHeaderSigned);
    assert_eq!(evidence(f, "signed header"), "user-agent");
    assert_eq!(r.verdict.code, Code::SignatureValid);
}

#[test]
fn missing_content_sha256() {
    let c = case("botocore/s3-get-object");
    let hash = "X-Amz-Content-SHA256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\r\n";
    let raw = with_signed_headers(
        &c.raw.replace(hash, ""),
        &c.secret,
        "host;x-amz-checksum-mode;x-amz-date",
    );
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::MissingContentSha256);
}

#[test]
fn payload_hash_mismatch() {
    // The body changed after signing: its hash is not x-amz-content-sha256 (no secret needed).
    let c = case("botocore/s3-put-object-checksum-when-required");
    let r = inspect_raw(&set_body(&c.raw, "Hello, world?\n"), None, 60);
    let f = finding(&r, Code::PayloadHashMismatch);
    assert_eq!(
        evidence(f, "x-amz-content-sha256"),
        "d9014c4624844aa5bac314773d6b689ad467fa4e1d1a50a1b8a99d5a95f72ff5"
    );
    assert_eq!(r.verdict.code, Code::PayloadHashMismatch);
}

#[test]
fn aws_chunked_body() {
    let c = case("botocore/s3-put-object");
    let raw = set_header(&c.raw, "x-amz-decoded-content-length", "15");
    let r = inspect_raw(&raw, None, 60);
    let f = finding(&r, Code::AwsChunkedBody);
    assert_eq!(evidence(f, "decoded data"), "14");
}

#[test]
fn chunk_signature_mismatch() {
    // One byte of the second chunk changed after signing.
    let (raw, _) = streaming_request(|body| {
        let at = body.len() - 100;
        body[at] = b'b';
    });
    let r = inspect(
        &Inputs {
            url: raw,
            secret: Some(Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
            ..Inputs::default()
        },
        UnixTime(1_369_353_600),
    );
    let f = finding(&r, Code::ChunkSignatureMismatch);
    assert_eq!(evidence(f, "chunk"), "2");
    assert!(
        r.has(Code::SignatureValid),
        "the seed signature still matches"
    );
}

#[test]
fn curl_aws_sigv4() {
    let r = Case::new("curl --aws-sigv4 'aws:amz:us-east-1:execute-api' --user 'AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod/items").run();
    let f = finding(&r, Code::CurlAwsSigv4);
    assert_eq!(
        evidence(f, "access key id (--user)"),
        "AKIAIOSFODNN7EXAMPLE"
    );
    assert_eq!(r.verdict.code, Code::RegionMismatch);
    assert!(
        !format!("{r:?}").contains("bPxRfiCYEXAMPLEKEY"),
        "the secret in --user is never kept"
    );
}

#[test]
fn sdk_log_inconsistent() {
    let log = header_fixtures::log("botocore/dynamodb-get-item.log").replace(
        "227eee5ff63b085ec220df0bd176404b828ddc3b5962c7d4b86f03f82a7a2c03",
        "0000000000000000000000000000000000000000000000000000000000000000",
    );
    let r = Case::new(log).run();
    assert!(evidence(
        finding(&r, Code::SdkLogInconsistent),
        "canonical request hash"
    )
    .contains("hashes to 227eee5f"));
}

#[test]
fn sdk_canonical_request_differs() {
    // The request the SDK logged sending carries another X-Amz-Target than it signed.
    let log = header_fixtures::log("botocore/dynamodb-get-item.log").replace(
        "'X-Amz-Target': b'DynamoDB_20120810.GetItem'",
        "'X-Amz-Target': b'DynamoDB_20120810.Query'",
    );
    let r = Case::new(log).run();
    let f = finding(&r, Code::SdkCanonicalRequestDiffers);
    assert_eq!(evidence(f, "part"), "header x-amz-target");
}

#[test]
fn token_expired() {
    let c = case("botocore/sts-get-caller-identity-session-token");
    let r = Case::new(c.raw)
        .error_xml("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>ExpiredToken</Code>\n    <Message>The security token included in the request is expired</Message>\n  </Error>\n  <RequestId>689b4496-ca92-11e5-9a31-4932678efe5c</RequestId>\n</ErrorResponse>")
        .run();
    assert_eq!(r.verdict.code, Code::TokenExpired);
}

#[test]
fn token_invalid() {
    let c = case("botocore/dynamodb-get-item");
    let r = Case::new(c.raw)
        .error_xml("HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: UnrecognizedClientException\r\n\r\n{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}")
        .run();
    assert_eq!(r.verdict.code, Code::TokenInvalid);
}

#[test]
fn service_error() {
    let c = case("botocore/lambda-invoke");
    let r = Case::new(c.raw)
        .error_xml("{\"message\":\"Forbidden\"}\n")
        .run();
    assert!(r.has(Code::ServiceError));
    let r = Case::new(case("botocore/dynamodb-get-item").raw)
        .error_xml(r#"{"__type":"com.amazon.coral.service#AccessDeniedException","message":"User is not authorized to perform: dynamodb:GetItem"}"#)
        .run();
    let f = finding(&r, Code::ServiceError);
    assert_eq!(evidence(f, "Code"), "AccessDeniedException");
    assert!(f.detail.contains("signature was accepted"));
}

#[test]
fn path_encoding() {
    // API Gateway's path signed by S3's rule (encoded once): the search finds it.
    use presign_core::sigv4::canonical_request::{PathNormalization, PercentEncodingMode};
    use presign_core::sigv4::header_request::{header_canonical_request, PathRules};
    let c = case("botocore/execute-api-encoded-segment");
    let request = presign_core::sigv4_header::request::from_http(
        &presign_core::input::http::parse_http_request(&c.raw),
    );
    let auth = presign_core::sigv4::authorization::parse_authorization(
        request.header("authorization").unwrap(),
    );
    let scope = auth.credential.clone().unwrap();
    let (creq, _) = header_canonical_request(
        &request.method,
        &request.raw_path,
        "",
        &auth.signed_headers,
        &request.header_pairs(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        PathRules {
            mode: PercentEncodingMode::Single,
            normalization: PathNormalization::Keep,
        },
    );
    let sts = presign_core::sigv4::string_to_sign::StringToSign::new(
        "20261120T100000Z",
        &scope.scope(),
        &creq,
    );
    let signature =
        presign_core::sigv4::signature::SigningKey::for_scope(&Secret::new(&c.secret), &scope)
            .sign(&sts);
    let raw = c
        .raw
        .replace(auth.signature.as_deref().unwrap(), &signature);
    let r = inspect_raw(&raw, Some(&c.secret), 60);
    let f = finding(&r, Code::PathEncoding);
    assert_eq!(
        evidence(f, "signed"),
        "/prod/users/john/doe/files/my%20file.txt"
    );
}

#[test]
fn path_normalization() {
    // aws-c-auth's get-slashes-unnormalized: signed with `//example//` kept, which a service
    // other than S3 normalizes to `/example/` first.
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/sigv4-header-vectors/sigv4-header/get-slashes-unnormalized"
    );
    let request = std::fs::read_to_string(format!("{dir}/header-signed-request.txt")).unwrap();
    let r = inspect(
        &Inputs {
            url: request,
            secret: Some(Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
            ..Inputs::default()
        },
        UnixTime(1_440_938_160),
    );
    let f = finding(&r, Code::PathNormalization);
    assert_eq!(
        f.title,
        "The path was signed as //example//, service signs /example/"
    );
}
