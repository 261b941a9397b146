//! Stage 1 of GCS V4: the canonical request (shared/specs/gcs-v4.md section 2). The skeleton is
//! SigV4's; the differences are the path (`%2F` in an object name stays `%2F`), header values
//! (tabs collapse too) and the payload line (`UNSIGNED-PAYLOAD`, or the signed
//! `x-goog-content-sha256` value verbatim).

use crate::encode::{ascii_string, reencode_into, Slash};
use crate::input::url::{RawPair, RawUrl};
use crate::sigv4::canonical_request::{CanonicalRequest, EncodedQuery};
use crate::types::HttpMethod;

use super::params::{GcsParams, X_GOOG_SIGNATURE};

pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
pub const X_GOOG_CONTENT_SHA256: &str = "x-goog-content-sha256";

/// The path as GCS canonicalizes it: each `/`-separated segment decoded and encoded again (the
/// unreserved set kept), so `&` becomes `%26` and `%7e` becomes `~`, while a slash that was
/// sent as `%2F` stays `%2F`: it is part of the object name, not a separator.
pub fn canonical_uri(raw_path: &str) -> String {
    let path = if raw_path.is_empty() { "/" } else { raw_path };
    let mut out = Vec::with_capacity(path.len() + path.len() / 2);
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        reencode_into(&mut out, segment.as_bytes(), Slash::Encode);
    }
    ascii_string(out)
}

/// Every query pair but `X-Goog-Signature`, names and values encoded the RFC 3986 way and
/// sorted by encoded name, then value (byte order: upper case before lower case).
pub fn canonical_query(pairs: &[RawPair]) -> String {
    let signed: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|p| !p.name_is(X_GOOG_SIGNATURE))
        .map(|p| (p.raw_name(), p.raw_value()))
        .collect();
    let mut out = Vec::new();
    EncodedQuery::new(&signed).write_to(|piece| out.extend_from_slice(piece));
    ascii_string(out)
}

/// A header value as signed: trimmed, each run of spaces and tabs one space.
pub fn canonical_header_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split([' ', '\t']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The canonical headers block (`name:value\n` per signed header, sorted), the signed-headers
/// line, and the signed headers that `sent` lacks. Repeated headers join with `,`.
pub fn canonical_headers(
    signed: &[String],
    sent: &[(String, String)],
) -> (String, String, Vec<String>) {
    let mut names: Vec<String> = signed
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    crate::sort::sort(&mut names);
    names.dedup();
    let mut block = String::new();
    let mut missing = Vec::new();
    for name in &names {
        let values: Vec<String> = sent
            .iter()
            .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| canonical_header_value(v))
            .collect();
        if values.is_empty() {
            missing.push(name.clone());
        }
        block.push_str(name);
        block.push(':');
        block.push_str(&values.join(","));
        block.push('\n');
    }
    (block, names.join(";"), missing)
}

/// The payload line: the signed `x-goog-content-sha256` value as sent, else `UNSIGNED-PAYLOAD`.
pub fn payload(signed: &[String], sent: &[(String, String)]) -> String {
    let signs_it = signed
        .iter()
        .any(|n| n.trim().eq_ignore_ascii_case(X_GOOG_CONTENT_SHA256));
    sent.iter()
        .find(|(n, _)| signs_it && n.trim().eq_ignore_ascii_case(X_GOOG_CONTENT_SHA256))
        .map_or_else(|| UNSIGNED_PAYLOAD.to_owned(), |(_, v)| v.trim().to_owned())
}

/// The canonical request of `url` sent with `method` and `headers` (`host` included), and the
/// signed headers the request does not send.
pub fn canonical_request(
    url: &RawUrl,
    params: &GcsParams,
    method: HttpMethod,
    headers: &[(String, String)],
) -> (CanonicalRequest, Vec<String>) {
    let (canonical_headers, signed_headers, missing) =
        canonical_headers(&params.signed_headers, headers);
    let request = CanonicalRequest {
        method: method.as_str().to_owned(),
        canonical_uri: canonical_uri(&url.raw_path),
        canonical_query: canonical_query(&url.pairs),
        canonical_headers,
        signed_headers,
        payload_hash: payload(&params.signed_headers, headers),
    };
    (request, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_in_object_names_are_kept_and_other_bytes_encoded() {
        // Conformance "Slashes in object name should not be URL encoded".
        assert_eq!(
            canonical_uri("/test-bucket/path/with/slashes/under_score/amper&sand/file.ext"),
            "/test-bucket/path/with/slashes/under_score/amper%26sand/file.ext"
        );
        // "Forward Slashes should not be stripped".
        assert_eq!(canonical_uri("/test-bucket//foo"), "/test-bucket//foo");
        // A slash sent as %2F is part of the name (Google's own sample signs it that way).
        assert_eq!(canonical_uri("/b/a%2Fb%7e%20c"), "/b/a%2Fb~%20c");
        assert_eq!(canonical_uri(""), "/");
    }

    #[test]
    fn query_is_encoded_and_sorted_in_byte_order() {
        // Conformance "Query Parameter Encoding" and "Query Parameter Ordering".
        let pairs = crate::input::url::split_query(
            "aA0%C3%A9%2F%3D%25-_.~=~%20._-%25%3D%2F%C3%A90Aa&prefix=x&X-Goog-Meta-Foo=1&X-Goog-Signature=00",
        );
        assert_eq!(
            canonical_query(&pairs),
            "X-Goog-Meta-Foo=1&aA0%C3%A9%2F%3D%25-_.~=~%20._-%25%3D%2F%C3%A90Aa&prefix=x"
        );
    }

    #[test]
    fn header_values_are_trimmed_and_whitespace_runs_collapsed() {
        // Conformance "Headers should be trimmed" and "Header value with multiple inline values".
        assert_eq!(canonical_header_value("\tabc\t\t\t\tdef\t"), "abc def");
        assert_eq!(
            canonical_header_value(" xyz ,  abc, def  , xyz   "),
            "xyz , abc, def , xyz"
        );
        let sent = vec![
            ("Host".to_owned(), "storage.googleapis.com".to_owned()),
            ("foo".to_owned(), "foo-value".to_owned()),
            ("BAR".to_owned(), "bar-value".to_owned()),
        ];
        let signed = ["bar", "foo", "host", "x-missing"].map(str::to_owned);
        let (block, line, missing) = canonical_headers(&signed, &sent);
        assert_eq!(
            block,
            "bar:bar-value\nfoo:foo-value\nhost:storage.googleapis.com\nx-missing:\n"
        );
        assert_eq!(line, "bar;foo;host;x-missing");
        assert_eq!(missing, ["x-missing"]);
    }

    #[test]
    fn a_signed_content_sha256_replaces_unsigned_payload() {
        let sent = vec![(X_GOOG_CONTENT_SHA256.to_owned(), "abc123".to_owned())];
        assert_eq!(payload(&["host".to_owned()], &sent), UNSIGNED_PAYLOAD);
        assert_eq!(
            payload(
                &["host".to_owned(), X_GOOG_CONTENT_SHA256.to_owned()],
                &sent
            ),
            "abc123"
        );
    }
}
