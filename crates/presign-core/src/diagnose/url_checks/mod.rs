//! What the URL alone shows at instant `now`: expiry, the credential scope against the
//! endpoint, temporary credentials, bucket-name case, checksum parameters, signed headers.

mod scope;

use crate::endpoint::{Endpoint, EndpointFeature, Provider};
use crate::finding::{Code, Finding, Severity};
use crate::input::url::{Escaping, RawUrl};
use crate::sigv4::params::{is_checksum_name, QueryAuth, SigV4Params};
use crate::time::UnixTime;
use crate::types::AddressingStyle;
pub(crate) use scope::credential_date;
use scope::expiry;
use scope::scope_checks;
pub(crate) use scope::temporary_credentials;
pub(crate) use scope::terminator;
pub(crate) use scope::validity;
pub(crate) use scope::wrong_service;

/// A URL with less than this many seconds left is about to expire.
pub const EXPIRES_SOON_SECONDS: i64 = 600;
/// S3 tolerates this much clock difference (15 minutes) before refusing a request.
pub const CLOCK_TOLERANCE_SECONDS: i64 = 900;
/// CRC32 of an empty body, base64: what AWS SDK for JavaScript v3 signs into a PUT URL.
pub const EMPTY_BODY_CRC32: &str = "AAAAAA==";

/// Every URL-alone finding.
pub fn check(url: &RawUrl, endpoint: &Endpoint, auth: &QueryAuth, now: UnixTime) -> Vec<Finding> {
    let mut out = Vec::new();
    escaped_url(url, &mut out);
    plain_http(url, endpoint, &mut out);
    bucket_case(endpoint, &mut out);
    dotted_bucket_https(url, endpoint, &mut out);
    match auth {
        QueryAuth::SigV4(params) => {
            validity(params, now, &mut out);
            if let Some(scope) = &params.credential {
                scope_checks(scope, params, endpoint, &mut out);
                temporary_credentials(&scope.access_key_id, params, &mut out);
            }
            checksum_parameters(url, params, &mut out);
            signed_headers(params, &mut out);
            out.extend(super::sigv4a::sigv4a_required(url));
        }
        QueryAuth::SigV2(params) => {
            if let Some(expires) = params.expires {
                expiry(expires, now, None, &mut out);
            }
        }
        QueryAuth::None => {}
    }
    out
}

/// The pasted URL was escaped as a whole (HTML, JSON, or percent-encoded into another URL):
/// it is read with the escapes undone, and the user is told that a client must not send it so.
pub(crate) fn escaped_url(url: &RawUrl, out: &mut Vec<Finding>) {
    for layer in &url.cleanup.unescaped {
        let (title, detail) = match layer.escaping {
            Escaping::Html => (
                "The URL is HTML-escaped: &amp; stands for &",
                "It is read here with the escapes undone. That is how a URL looks in HTML source, a template or an e-mail; a client that sends it as written sends query parameters named amp;X-Amz-Credential, amp;X-Amz-Date, \u{2026}, and S3 rejects the request (AuthorizationQueryParametersError). Send the URL itself: the link's value as a browser reads it (html.unescape in Python), or escape it once, not twice, in the template.",
            ),
            Escaping::Json => (
                "The URL is JSON-escaped: \\u0026 stands for &, \\/ for /",
                "It is read here with the escapes undone. That is how a JSON encoder writes a URL (Go escapes & as \\u0026, PHP escapes / as \\/); a client that sends the raw text sends one garbled parameter instead of the signing parameters, and S3 rejects it. Parse the JSON and send the string value (JSON.parse, json.loads), not the text of the log line.",
            ),
            Escaping::Percent => (
                "The whole URL is percent-encoded once more",
                "It starts https%3A%2F%2F, as when a URL travels as a parameter of another URL (a redirect, a callback, a form field), and is read here decoded once. Send the decoded URL: decode the parameter once (decodeURIComponent, urllib.parse.unquote), and only once, since the URL's own escapes (%2F in the credential) are part of what was signed.",
            ),
        };
        out.push(
            Finding::new(Code::EscapedUrl, Severity::Warning, title, detail)
                .with("escapes-undone", layer.escapes.to_string()),
        );
    }
}

fn plain_http(url: &RawUrl, endpoint: &Endpoint, out: &mut Vec<Finding>) {
    plain_http_to(url, endpoint.provider == Provider::Custom, out);
}

/// `plain-http`, milder for a local or custom host (a test endpoint, an emulator).
pub(crate) fn plain_http_to(url: &RawUrl, local: bool, out: &mut Vec<Finding>) {
    if url.scheme != "http" {
        return;
    }
    let (severity, detail) = if local {
        (
            Severity::Info,
            "The URL uses plain http. That is usual for a local MinIO or test endpoint, but anyone on the path can read and replay it, and a page served over https cannot fetch it (mixed content). Use https outside a test network.",
        )
    } else {
        (
            Severity::Warning,
            "The URL uses plain http: anyone on the network path can read the object and replay the URL until it expires, and browsers block it from https pages (mixed content). Presign with an https endpoint; the signature does not cover the scheme, so only the scheme changes.",
        )
    };
    out.push(
        Finding::new(Code::PlainHttp, severity, "The URL uses plain http", detail)
            .with("scheme", url.scheme.clone()),
    );
}

fn bucket_case(endpoint: &Endpoint, out: &mut Vec<Finding>) {
    let Some(bucket) = endpoint.bucket.as_deref() else {
        return;
    };
    if !bucket.chars().any(|c| c.is_ascii_uppercase()) {
        return;
    }
    let lower = bucket.to_ascii_lowercase();
    let (severity, detail) = match endpoint.style {
        AddressingStyle::VirtualHosted => (
            Severity::Error,
            format!(
                "Bucket names are lower case; in the host name the case is lost (DNS and browsers send \u{201c}{lower}\u{201d}), so S3 looks for another bucket, or the signature computed over \u{201c}{bucket}\u{201d} does not match. Use the bucket's real, lower-case name when presigning."
            ),
        ),
        AddressingStyle::PathStyle => (
            Severity::Warning,
            format!(
                "Only legacy us-east-1 buckets may have upper-case letters, and only path-style URLs can reach them. If the bucket is really \u{201c}{lower}\u{201d}, presign with that name: S3 compares bucket names exactly."
            ),
        ),
    };
    out.push(
        Finding::new(
            Code::BucketCase,
            severity,
            format!("The bucket name \u{201c}{bucket}\u{201d} has upper-case letters"),
            detail,
        )
        .with("bucket", bucket)
        .with("lower-case", lower),
    );
}

/// A bucket name with dots in a virtual-hosted https host: the provider's certificate is a
/// wildcard for one label (`*.s3.eu-west-1.amazonaws.com`), so `a.b.s3.…` fails the TLS check
/// in browsers and curl before S3 sees the request. SDKs switch to path-style for such names;
/// hand-built URLs and some clients do not.
fn dotted_bucket_https(url: &RawUrl, endpoint: &Endpoint, out: &mut Vec<Finding>) {
    let Some(bucket) = endpoint.bucket.as_deref() else {
        return;
    };
    if url.scheme != "https"
        || endpoint.style != AddressingStyle::VirtualHosted
        || endpoint.provider == Provider::Custom
        || !bucket.contains('.')
    {
        return;
    }
    let finding = if endpoint.has(EndpointFeature::TransferAcceleration) {
        Finding::new(
            Code::DottedBucketHttps,
            Severity::Error,
            format!("The bucket name \u{201c}{bucket}\u{201d} has dots, which Transfer Acceleration does not serve"),
            "S3 Transfer Acceleration works only for bucket names without dots, and over https the host name fails the certificate check anyway. Presign without acceleration, path-style (boto3 does so by itself for such names; AWS SDK for JavaScript: forcePathStyle: true).",
        )
    } else {
        let service_host = url
            .host
            .strip_prefix(&format!("{}.", bucket.to_ascii_lowercase()))
            .unwrap_or(&url.host)
            .to_owned();
        let use_url = format!("https://{service_host}/{bucket}/{}", endpoint.raw_key);
        Finding::new(
            Code::DottedBucketHttps,
            Severity::Error,
            format!("The bucket name \u{201c}{bucket}\u{201d} has dots: https to this host fails the certificate check"),
            format!(
                "The certificate of {service_host} covers *.{service_host}, one label before it, so a host that puts a dotted bucket name in front ({}) does not match: browsers and curl refuse the connection (ERR_CERT_COMMON_NAME_INVALID, \u{201c}no alternative certificate subject name matches\u{201d}) and S3 never sees the request. Presign path-style instead, with the bucket in the path: {use_url} (boto3 does so by itself for such names; AWS SDK for JavaScript: forcePathStyle: true). The signature covers the host and the path, so the URL must be presigned again.",
                url.host
            ),
        )
        .with("use-endpoint", format!("{service_host}/{bucket}"))
    };
    out.push(finding.with("bucket", bucket));
}

pub(crate) fn checksum_parameters(url: &RawUrl, params: &SigV4Params, out: &mut Vec<Finding>) {
    let in_query: Vec<(String, String)> = url
        .pairs
        .iter()
        .filter(|p| is_checksum_name(&p.name_bytes()))
        .map(|p| (p.name_text(), p.value_text()))
        .collect();
    let in_headers: Vec<&String> = params
        .signed_headers
        .iter()
        .filter(|h| is_checksum_name(h.as_bytes()))
        .collect();
    if in_query.is_empty() && in_headers.is_empty() {
        return;
    }
    let empty_crc = in_query
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("x-amz-checksum-crc32") && v == EMPTY_BODY_CRC32);
    let (severity, title, detail) = if empty_crc {
        (
            Severity::Error,
            "The URL signs the CRC32 of an empty body".to_owned(),
            "x-amz-checksum-crc32=AAAAAA== is the checksum of zero bytes. AWS SDK for JavaScript v3 adds it (with x-amz-sdk-checksum-algorithm=CRC32) to presigned PUT URLs by default, so any upload with content fails with a checksum mismatch (400 BadDigest / InvalidRequest). Create the S3Client with requestChecksumCalculation: \"WHEN_REQUIRED\" (and responseChecksumValidation: \"WHEN_REQUIRED\") and presign again.".to_owned(),
        )
    } else {
        (
            Severity::Warning,
            "Checksum parameters are signed into the URL".to_owned(),
            "A checksum is part of the signature: the upload must carry exactly this checksum (and the x-amz-checksum-* header), which browsers and most HTTP clients do not compute. Unless the client sends it, presign without checksums (AWS SDK for JavaScript v3: requestChecksumCalculation: \"WHEN_REQUIRED\"; boto3: request_checksum_calculation='when_required').".to_owned(),
        )
    };
    let mut f = Finding::new(Code::ChecksumParameters, severity, title, detail);
    for (n, v) in in_query {
        f = f.with(n, v);
    }
    for h in in_headers {
        f = f.with("signed header", h.clone());
    }
    out.push(f);
}

pub(crate) fn signed_headers(params: &SigV4Params, out: &mut Vec<Finding>) {
    let extra: Vec<&String> = params
        .signed_headers
        .iter()
        .filter(|h| !h.eq_ignore_ascii_case("host") && !h.is_empty())
        .collect();
    if extra.is_empty() {
        return;
    }
    let names = extra
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // The Content-Type advice only where it applies: it is the one signed header that clients
    // and browsers commonly rewrite (a charset appended).
    let detail = if extra.iter().any(|h| h.eq_ignore_ascii_case("content-type")) {
        "Besides host, these headers are part of the signature. Send each of them with exactly the value the URL was presigned with (for Content-Type: the same type the SDK was given, with no charset added). A missing or different value gives 403 SignatureDoesNotMatch."
    } else {
        "Besides host, these headers are part of the signature. Send each of them with exactly the value the URL was presigned with. A missing or different value gives 403 SignatureDoesNotMatch."
    };
    let mut f = Finding::new(
        Code::SignedHeaders,
        Severity::Info,
        format!("The request must send these signed headers: {names}"),
        detail,
    );
    for h in extra {
        f = f.with("header", h.clone());
    }
    out.push(f);
}
