//! Stage 0 of CloudFront signed URLs: the signing parameters (`Expires` or `Policy`,
//! `Signature`, `Key-Pair-Id`, `Hash-Algorithm`) wherever they are in the query (SDKs order
//! them differently), and the URL without them: the resource a canned policy names
//! (shared/specs/cloudfront.md sections 1 and 2).

use crate::encode::cloudfront_base64_decode;
use crate::input::url::params::single;
use crate::input::url::RawUrl;
use crate::sigv4::params::ParamProblem;

pub const EXPIRES: &str = "Expires";
pub const POLICY: &str = "Policy";
pub const SIGNATURE: &str = "Signature";
pub const KEY_PAIR_ID: &str = "Key-Pair-Id";
pub const HASH_ALGORITHM: &str = "Hash-Algorithm";
const SIGNING_PARAMETERS: [&str; 5] = [EXPIRES, POLICY, SIGNATURE, KEY_PAIR_ID, HASH_ALGORITHM];

/// How the policy is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyKind {
    /// `Expires`: the policy is implicit, rebuilt from the URL and the expiry.
    Canned,
    /// `Policy`: the policy JSON travels base64-encoded in the URL.
    Custom,
}

/// The signing parameters of a CloudFront URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudfrontParams {
    pub kind: Option<PolicyKind>,
    /// `Expires` as written (digits), and read.
    pub expires_text: Option<String>,
    pub expires: Option<i64>,
    /// `Policy` as written (decoded from the query), and its bytes.
    pub policy_text: Option<String>,
    pub policy: Option<Vec<u8>>,
    /// `Signature` as written (decoded from the query), and its bytes.
    pub signature_text: Option<String>,
    pub signature: Option<Vec<u8>>,
    pub key_pair_id: Option<String>,
    /// `Hash-Algorithm` as written; absent means SHA-1.
    pub hash_algorithm: Option<String>,
    /// The URL without the signing parameters: what a canned policy's Resource is.
    pub resource: String,
    pub problems: Vec<ParamProblem>,
}

fn malformed(name: &'static str, value: &str, expected: &'static str) -> ParamProblem {
    ParamProblem::Malformed {
        name,
        value: value.to_owned(),
        expected,
    }
}

/// Reads the signing parameters of `url`.
pub fn read_cloudfront_params(url: &RawUrl) -> CloudfrontParams {
    let mut problems = Vec::new();
    let expires_text = single(url, EXPIRES, &mut problems);
    let policy_text = single(url, POLICY, &mut problems);
    let signature_text = single(url, SIGNATURE, &mut problems);
    let key_pair_id = single(url, KEY_PAIR_ID, &mut problems);
    let hash_algorithm = single(url, HASH_ALGORITHM, &mut problems);
    let kind = match (&expires_text, &policy_text) {
        (_, Some(_)) => Some(PolicyKind::Custom),
        (Some(_), None) => Some(PolicyKind::Canned),
        (None, None) => {
            problems.push(ParamProblem::Missing { name: EXPIRES });
            None
        }
    };
    let expires = expires_text.as_deref().and_then(|e| {
        let n = e
            .parse::<i64>()
            .ok()
            .filter(|_| e.bytes().all(|b| b.is_ascii_digit()));
        if n.is_none() {
            problems.push(malformed(
                EXPIRES,
                e,
                "seconds since 1970 (UTC), digits only",
            ));
        }
        n
    });
    let policy = policy_text.as_deref().and_then(|p| {
        let bytes = cloudfront_base64_decode(p);
        if bytes.is_none() {
            problems.push(malformed(
                POLICY,
                p,
                "CloudFront base64 of the policy JSON (A-Z a-z 0-9 - _ ~)",
            ));
        }
        bytes
    });
    if signature_text.is_none() {
        problems.push(ParamProblem::Missing { name: SIGNATURE });
    }
    let signature = signature_text.as_deref().and_then(|s| {
        let bytes = cloudfront_base64_decode(s).filter(|b| !b.is_empty());
        if bytes.is_none() {
            problems.push(malformed(
                SIGNATURE,
                s,
                "CloudFront base64 (A-Z a-z 0-9 - _ ~)",
            ));
        }
        bytes
    });
    if key_pair_id.is_none() {
        problems.push(ParamProblem::Missing { name: KEY_PAIR_ID });
    }
    CloudfrontParams {
        kind,
        expires_text,
        expires,
        policy_text,
        policy,
        signature_text,
        signature,
        key_pair_id,
        hash_algorithm,
        resource: resource(url),
        problems,
    }
}

/// The URL as a client sends it, without the signing parameters (other parameters kept as
/// written, in their order) and without a fragment: what CloudFront compares with the policy.
/// A client percent-encodes what cannot travel raw (a space, non-ASCII, quotes, angle
/// brackets), so those are encoded here too; escapes already written stay as they are.
pub fn resource(url: &RawUrl) -> String {
    as_sent(&written_resource(url))
}

fn as_sent(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b <= b' ' || b >= 0x7f || b"\"<>`{}".contains(&b) {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        } else {
            out.push(char::from(b));
        }
    }
    out
}

fn written_resource(url: &RawUrl) -> String {
    let cleaned = url.cleaned.as_str();
    let end = cleaned.find(['?', '#']).unwrap_or(cleaned.len());
    let mut out = cleaned[..end].to_owned();
    let kept: Vec<String> = url
        .pairs
        .iter()
        .filter(|p| !SIGNING_PARAMETERS.iter().any(|n| p.name_is(n)))
        .map(|p| {
            if p.has_equals() {
                format!("{}={}", p.raw_name(), p.raw_value())
            } else {
                p.raw_name().to_owned()
            }
        })
        .collect();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    #[test]
    fn reads_both_orders_and_keeps_existing_parameters_in_the_resource() {
        // botocore's unit test URL (shared/specs/cloudfront.md section 3).
        let url = parse_url("http://test.com/index.html?foo=bar&Policy=eyJ9&Signature=c2lnbmVk&Key-Pair-Id=MY_KEY_ID").unwrap();
        let p = read_cloudfront_params(&url);
        assert_eq!(p.kind, Some(PolicyKind::Custom));
        assert_eq!(p.signature.as_deref(), Some(&b"signed"[..]));
        assert_eq!(p.resource, "http://test.com/index.html?foo=bar");
        let canned = parse_url(
            "https://d.cloudfront.net/a.jpg?Expires=1577836800&Key-Pair-Id=K&Signature=c2lnbmVk",
        )
        .unwrap();
        let p = read_cloudfront_params(&canned);
        assert_eq!(
            (p.kind, p.expires),
            (Some(PolicyKind::Canned), Some(1_577_836_800))
        );
        assert_eq!(p.resource, "https://d.cloudfront.net/a.jpg");
        assert_eq!(p.problems, []);
        // What botocore returns for an unencoded path is sent percent-encoded.
        let raw = parse_url(
            "https://d.cloudfront.net/a b/caf\u{e9}.jpg?Expires=1&Signature=x&Key-Pair-Id=K",
        )
        .unwrap();
        assert_eq!(
            resource(&raw),
            "https://d.cloudfront.net/a%20b/caf%C3%A9.jpg"
        );
    }

    #[test]
    fn says_what_is_missing() {
        let p = read_cloudfront_params(
            &parse_url("https://d.cloudfront.net/a.jpg?Signature=x~y").unwrap(),
        );
        assert!(p
            .problems
            .contains(&ParamProblem::Missing { name: KEY_PAIR_ID }));
        assert!(p
            .problems
            .contains(&ParamProblem::Missing { name: EXPIRES }));
    }
}
