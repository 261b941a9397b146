//! The root-cause search for CloudFront: the public key opens the signature to the hash of the
//! policy that was signed, so each plausible policy costs one hash. For a canned policy the
//! variants are the resources a signer may have used instead of the URL sent: the URL before
//! percent-encoding (botocore signs the string it is given), with non-ASCII escaped as JSON
//! `\u` (Python's `json.dumps`), the other scheme, without the query string.

use super::{Change, RootCauseSearch, VariantMatch};
use crate::cloudfront::policy::canned_policy;
use crate::crypto::{constant_time_eq, RsaHash};
use crate::encode::{display, percent_decode};
use crate::finding::Code;

/// Searches the canned-policy variants of `resource` with `expires` for the one whose
/// `hash` is `digest`.
pub fn search_canned(
    resource: &str,
    expires: &str,
    hash: RsaHash,
    digest: &[u8],
) -> RootCauseSearch {
    let mut tried = 0;
    let mut matches = Vec::new();
    for (signed_resource, code, title, detail, policy) in variants(resource, expires) {
        tried += 1;
        if constant_time_eq(&hash.digest(policy.as_bytes()), digest) {
            matches.push(VariantMatch {
                changes: vec![Change {
                    code,
                    part: "resource".to_owned(),
                    sent: resource.to_owned(),
                    signed: signed_resource,
                    title,
                    detail: detail.to_owned(),
                }],
                canonical_request_text: policy,
            });
            break;
        }
    }
    RootCauseSearch {
        variants_tried: tried,
        matches,
        skipped: None,
    }
}

type Variant = (String, Code, String, &'static str, String);

fn variants(resource: &str, expires: &str) -> Vec<Variant> {
    let mut out: Vec<Variant> = Vec::new();
    let decoded = display(&percent_decode(resource.as_bytes()));
    if decoded != resource {
        out.push((
            decoded.clone(),
            Code::KeyEncoding,
            format!("The policy was signed for the URL before percent-encoding: {decoded}"),
            "The signer was given the URL with raw characters (a space, é) and signed it as is, but clients send it percent-encoded, so CloudFront rebuilds another policy. Percent-encode the URL before signing it (the JS SDK does; botocore signs the string it is given).",
            canned_policy(&decoded, expires),
        ));
        let escaped = json_ascii(&canned_policy(&decoded, expires));
        out.push((
            decoded.clone(),
            Code::KeyEncoding,
            format!("The policy was signed for the URL before percent-encoding, with its non-ASCII characters escaped as JSON \\u: {decoded}"),
            "The signer (Python's json.dumps, as botocore uses) signed the unencoded URL, writing é as \\u00e9; clients send it percent-encoded, so CloudFront rebuilds another policy. Percent-encode the URL before signing it.",
            escaped,
        ));
    }
    let other_scheme = if let Some(rest) = resource.strip_prefix("https://") {
        Some(format!("http://{rest}"))
    } else {
        resource
            .strip_prefix("http://")
            .map(|rest| format!("https://{rest}"))
    };
    if let Some(other) = other_scheme {
        out.push((
            other.clone(),
            Code::CloudfrontResourceMismatch,
            format!("The policy was signed for {other}, with the other scheme"),
            "The scheme is part of the canned policy's Resource: a URL signed for http does not work over https, nor the reverse. Sign the URL with the scheme clients use.",
            canned_policy(&other, expires),
        ));
    }
    if let Some((without, _)) = resource.split_once('?') {
        out.push((
            without.to_owned(),
            Code::CloudfrontResourceMismatch,
            format!("The policy was signed for {without}, without the query string"),
            "The query string is part of the canned policy's Resource. Parameters added after signing break it: add them before signing, or sign a custom policy whose Resource ends with a wildcard.",
            canned_policy(without, expires),
        ));
    }
    out
}

/// JSON text with every non-ASCII character written as `\u` escapes (UTF-16), as Python's
/// `json.dumps` writes it by default.
fn json_ascii(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}
