//! Stage 1 of a header-signed request: the date it is signed for, its payload hash and its
//! canonical request, with each service's path rules.
//!
//! S3 signs the path as sent (decoded and encoded once, `//` and `.` kept); every other service
//! removes dot segments and empty segments first and then encodes the path as sent *again*
//! (`%20` becomes `%2520`). The payload hash is `x-amz-content-sha256` when the request carries
//! it (S3 requires it; it may be a literal such as `UNSIGNED-PAYLOAD`), else the SHA-256 of the
//! body. The date is `X-Amz-Date`, else `Date` in its ISO basic form.

use crate::crypto::sha256;
use crate::encode::{hex, is_hex};
use crate::input::url::split_query;
use crate::sigv4::canonical_request::{
    canonical_headers, canonical_query, canonical_uri, CanonicalRequest, PathNormalization,
    PercentEncodingMode,
};
use crate::time::{parse_amz_date, parse_http_date, UnixTime};
use serde::Serialize;

/// The payload-hash literals a signer may put in `x-amz-content-sha256` instead of a hash
/// (aws-c-auth's `signing_config.h`).
pub const PAYLOAD_LITERALS: [&str; 7] = [
    "UNSIGNED-PAYLOAD",
    "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
    "STREAMING-AWS4-HMAC-SHA256-EVENTS",
];
/// The literal of chunk-signed (aws-chunked) uploads, whose chunks are signed one by one.
pub const STREAMING_HMAC_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
/// The header that carries the payload hash.
pub const CONTENT_SHA256: &str = "x-amz-content-sha256";

/// Which header dated the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    XAmzDate,
    /// `Date` (RFC 1123), used only when there is no `X-Amz-Date`.
    Date,
}

/// The instant a request is signed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestDate {
    pub source: DateSource,
    /// The header's value as sent.
    pub value: String,
    /// The second line of the string to sign: `X-Amz-Date` as sent, or `Date` in ISO basic
    /// form. `None` when the value does not read as a date.
    pub amz_date: Option<String>,
    pub instant: Option<UnixTime>,
}

/// `X-Amz-Date`, else `Date`, as AWS looks for them; `None` when neither is sent.
pub fn request_date<'a>(header: impl Fn(&str) -> Option<&'a str>) -> Option<RequestDate> {
    if let Some(value) = header("x-amz-date") {
        let instant = parse_amz_date(value.trim());
        return Some(RequestDate {
            source: DateSource::XAmzDate,
            value: value.to_owned(),
            amz_date: instant.map(|_| value.trim().to_owned()),
            instant,
        });
    }
    let value = header("date")?;
    let instant = parse_http_date(value);
    Some(RequestDate {
        source: DateSource::Date,
        value: value.to_owned(),
        amz_date: instant.map(UnixTime::amz_date),
        instant,
    })
}

/// Where the payload hash of the canonical request comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PayloadSource {
    /// The `x-amz-content-sha256` header, used as sent.
    ContentSha256Header,
    /// The SHA-256 of the body (in the request, or the body file given).
    Body,
    /// The last line of the canonical request an SDK logged: its body is not in the log, so
    /// the payload hash it signed is taken as it says.
    SdkLog,
    /// Neither is known: the hash of an empty body stands in, and the result is unsure.
    Unknown,
}

/// The payload hash that goes into the canonical request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayloadHash {
    pub value: String,
    pub source: PayloadSource,
}

/// The payload hash: the `x-amz-content-sha256` value when sent, else the body's SHA-256 (hex),
/// else, with no body known, the hash of the empty body (marked `Unknown`).
pub fn payload_hash(content_sha256: Option<&str>, body_sha256: Option<&str>) -> PayloadHash {
    if let Some(value) = content_sha256 {
        return PayloadHash {
            value: value.trim().to_owned(),
            source: PayloadSource::ContentSha256Header,
        };
    }
    match body_sha256 {
        Some(hash) => PayloadHash {
            value: hash.to_owned(),
            source: PayloadSource::Body,
        },
        None => PayloadHash {
            value: hex(&sha256(b"")),
            source: PayloadSource::Unknown,
        },
    }
}

/// Whether a payload hash is a hash (64 hex digits) rather than a literal.
pub fn is_hash(value: &str) -> bool {
    value.len() == 64 && is_hex(value.as_bytes())
}

/// The path rules of a canonical URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PathRules {
    pub mode: PercentEncodingMode,
    pub normalization: PathNormalization,
}

/// The canonical request of a header-signed request: `method` as sent, the raw path and query
/// of the request target, the headers named in `signed` with their sent values (`sent`: name,
/// value pairs in order, `host` included), and the payload hash. Also the signed headers that
/// were not sent.
pub fn header_canonical_request(
    method: &str,
    raw_path: &str,
    raw_query: &str,
    signed: &[String],
    sent: &[(String, String)],
    payload_hash: &str,
    rules: PathRules,
) -> (CanonicalRequest, Vec<String>) {
    let (headers_block, signed_headers, missing) = canonical_headers(signed, sent);
    let canonical_request = CanonicalRequest {
        method: method.to_owned(),
        canonical_uri: canonical_uri(raw_path, rules.mode, rules.normalization),
        canonical_query: canonical_query(&split_query(raw_query)),
        canonical_headers: headers_block,
        signed_headers,
        payload_hash: payload_hash.to_owned(),
    };
    (canonical_request, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S3: PathRules = PathRules {
        mode: PercentEncodingMode::Single,
        normalization: PathNormalization::Keep,
    };
    const OTHER: PathRules = PathRules {
        mode: PercentEncodingMode::Double,
        normalization: PathNormalization::Normalize,
    };

    /// The S3 API Reference's GET with a Range header (examplebucket/test.txt, 2013-05-24).
    #[test]
    fn s3_get_object_example() {
        let sent = [
            (
                "Host".to_owned(),
                "examplebucket.s3.amazonaws.com".to_owned(),
            ),
            ("Range".to_owned(), "bytes=0-9".to_owned()),
            ("x-amz-content-sha256".to_owned(), hex(&sha256(b""))),
            ("x-amz-date".to_owned(), "20130524T000000Z".to_owned()),
        ];
        let signed: Vec<String> = ["host", "range", "x-amz-content-sha256", "x-amz-date"]
            .map(str::to_owned)
            .to_vec();
        let payload = payload_hash(Some(&sent[2].1), None);
        let (creq, missing) =
            header_canonical_request("GET", "/test.txt", "", &signed, &sent, &payload.value, S3);
        assert!(missing.is_empty());
        assert_eq!(
            hex(&sha256(creq.text().as_bytes())),
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"
        );
    }

    /// The self-computed contrast vector: one wire path, two canonical URIs.
    #[test]
    fn path_rules_split_s3_from_the_rest() {
        let uri = |rules: PathRules| {
            header_canonical_request("GET", "/a//b/../c/%24file.txt", "", &[], &[], "", rules)
                .0
                .canonical_uri
        };
        assert_eq!(uri(OTHER), "/a/c/%2524file.txt");
        assert_eq!(uri(S3), "/a//b/../c/%24file.txt");
    }

    #[test]
    fn dates_and_payloads() {
        let date =
            request_date(|n| (n == "date").then_some("Fri, 24 May 2013 00:00:00 GMT")).unwrap();
        assert_eq!(date.source, DateSource::Date);
        assert_eq!(date.amz_date.as_deref(), Some("20130524T000000Z"));
        let amz = request_date(|n| match n {
            "x-amz-date" => Some("20150830T123600Z"),
            _ => Some("ignored"),
        })
        .unwrap();
        assert_eq!(amz.source, DateSource::XAmzDate);
        assert!(request_date(|_| None).is_none());
        assert_eq!(
            payload_hash(Some(" UNSIGNED-PAYLOAD "), Some("ab")).value,
            "UNSIGNED-PAYLOAD"
        );
        assert_eq!(payload_hash(None, None).source, PayloadSource::Unknown);
        assert!(is_hash(&payload_hash(None, None).value));
    }
}
