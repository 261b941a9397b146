//! SigV4A's root-cause search: when the signature does not verify, verify it against plausible
//! variants of the request (another method, the path or the query encoded another way, a
//! parameter added after signing) and report the ones it verifies for.
//!
//! Each variant costs an ECDSA verification, far more than an HMAC, so the search is smaller
//! than S3's: one change at a time, each alone and with each other method, at most
//! `limits::MAX_SIGV4A_VARIANTS` in all.

use crate::crypto::P256PublicKey;
use crate::diagnose::root_cause::{Change, RootCauseSearch, VariantMatch};
use crate::encode::{percent_decode, uri_encode, Slash};
use crate::finding::Code;
use crate::input::url::{RawPair, RawUrl};
use crate::limits::{MAX_SEARCH_URL_BYTES, MAX_SIGV4A_VARIANTS};
use crate::normalize::Normalizer;
use crate::sigv4::canonical_request::{
    canonical_query, canonical_uri, CanonicalRequest, PathNormalization, PercentEncodingMode,
};
use crate::sigv4::verify::service_rules;
use crate::sigv4a::signature::sigv4a_verifies;
use crate::sigv4a::string_to_sign::sigv4a_string_to_sign;
use crate::types::HttpMethod;

/// What the search needs: the request as evaluated, its canonical request and the key.
pub struct Sigv4aSearchInput<'a> {
    pub url: &'a RawUrl,
    pub key: &'a P256PublicKey,
    /// `X-Amz-Signature`, hex of DER.
    pub provided_signature: &'a str,
    pub amz_date: &'a str,
    /// `date/service/aws4_request`.
    pub credential_scope: &'a str,
    pub service: &'a str,
    pub method: HttpMethod,
    /// The canonical request of the request as sent.
    pub sent: &'a CanonicalRequest,
    pub normalizer: Option<Normalizer>,
}

/// A variant: what it changes, and the canonical request lines it replaces.
struct Candidate {
    change: Change,
    uri: Option<String>,
    query: Option<String>,
}

fn change(
    code: Code,
    part: &str,
    sent: &str,
    signed: &str,
    title: String,
    detail: String,
) -> Change {
    Change {
        code,
        part: part.to_owned(),
        sent: sent.to_owned(),
        signed: signed.to_owned(),
        title,
        detail,
    }
}

const AS_RETURNED: &str =
    "Send the URL exactly as the SDK returned it: do not decode, re-encode or rebuild it.";

fn method_change(signed: HttpMethod, sent: HttpMethod) -> Change {
    change(
        Code::MethodMismatch,
        "method",
        sent.as_str(),
        signed.as_str(),
        format!("This URL was signed for {signed}, the request is sent with {sent}"),
        format!("The signature verifies for the same request sent with {signed}. The method is part of the signature: send {signed}, or presign the operation you mean to send ({sent})."),
    )
}

/// Path variants: the path as another signer (or a client on the way) would have encoded it.
fn path_candidates(input: &Sigv4aSearchInput<'_>, out: &mut Vec<Candidate>) {
    let raw = input.url.raw_path.as_str();
    let (mode, normalization) = service_rules(input.service);
    let uri = |raw: &str| canonical_uri(raw, mode, normalization);
    let mut push = |uri: String, signed: String, what: &str, fix: &str| {
        if uri != input.sent.canonical_uri {
            let sent_path = String::from_utf8_lossy(&percent_decode(raw.as_bytes())).into_owned();
            out.push(Candidate {
                change: change(
                    Code::KeyEncoding,
                    "path",
                    &sent_path,
                    &signed,
                    format!("The path was signed as \u{201c}{signed}\u{201d}, the URL has \u{201c}{sent_path}\u{201d}"),
                    format!("The signature verifies with the canonical path {uri}: {what}. {fix}"),
                ),
                uri: Some(uri),
                query: None,
            });
        }
    };
    let decoded = percent_decode(raw.as_bytes());
    let decoded_text = String::from_utf8_lossy(&decoded).into_owned();
    if raw.contains('+') {
        let swapped = raw.replace('+', "%20");
        push(uri(&swapped), decoded_text.replace('+', " "), "the signer had a space where the URL has '+' (form encoding writes a space as '+', but in a path '+' is a plus sign)", AS_RETURNED);
    }
    if decoded.contains(&b' ') {
        let swapped: Vec<u8> = decoded
            .iter()
            .map(|&b| if b == b' ' { b'+' } else { b })
            .collect();
        push(
            uri(&uri_encode(&swapped, Slash::Keep)),
            decoded_text.replace(' ', "+"),
            "the signer had '+' where the URL has a space: a form decoder turned '+' into a space",
            AS_RETURNED,
        );
    }
    if raw.to_ascii_lowercase().contains("%25") {
        let once = String::from_utf8_lossy(&decoded).into_owned();
        push(
            uri(&once),
            String::from_utf8_lossy(&percent_decode(&decoded)).into_owned(),
            "the URL was percent-encoded again after signing (%20 became %2520)",
            AS_RETURNED,
        );
    }
    // The other service's rules: S3 encodes the path once and keeps it; other services encode
    // it twice and normalize it. A generic signer used for S3 (or the reverse) differs so.
    let other = match mode {
        PercentEncodingMode::Single => canonical_uri(
            raw,
            PercentEncodingMode::Double,
            PathNormalization::Normalize,
        ),
        PercentEncodingMode::Double => {
            canonical_uri(raw, PercentEncodingMode::Single, PathNormalization::Keep)
        }
    };
    let (what, fix) = match mode {
        PercentEncodingMode::Single => ("the path was encoded twice when signing (%20 signed as %2520), as signers for services other than S3 do", "Sign S3 requests with an S3 signer (single encoding), not a generic one set for another service."),
        PercentEncodingMode::Double => ("the path was encoded once when signing, as S3's signer does, but this service encodes it twice", "Sign with the signer of this service."),
    };
    push(other, decoded_text.clone(), what, fix);
    if let (Some(n), Ok(text)) = (input.normalizer, std::str::from_utf8(&decoded)) {
        for (form, f) in [("NFC", n.nfc), ("NFD", n.nfd)] {
            let normalized = f(text);
            if normalized != text {
                push(
                    uri(&uri_encode(normalized.as_bytes(), Slash::Keep)),
                    normalized,
                    &format!("the path was signed in Unicode {form}: the letters look the same, the bytes differ"),
                    "Use the key exactly as stored, in one normalization form end to end.",
                );
            }
        }
    }
}

/// Query variants: `+` read as a space, the query decoded once more, a parameter added.
fn query_candidates(input: &Sigv4aSearchInput<'_>, out: &mut Vec<Candidate>) {
    let pairs = &input.url.pairs;
    let signature = |p: &RawPair| p.name_is("X-Amz-Signature");
    if pairs
        .iter()
        .any(|p| p.raw_value().contains('+') && !signature(p))
    {
        let swapped: Vec<RawPair> = pairs
            .iter()
            .map(|p| p.with_raw_value(&p.raw_value().replace('+', "%20")))
            .collect();
        out.push(Candidate {
            change: change(Code::QueryEncoding, "query", "+", "%20", "A query value was signed with a space where the URL has '+'".to_owned(), format!("The signature verifies with '+' read as a space: the URL was form-encoded after signing (a space written as '+'), and AWS reads '+' as a plus sign. {AS_RETURNED}")),
            uri: None,
            query: Some(canonical_query(&swapped)),
        });
    }
    if pairs
        .iter()
        .any(|p| p.raw_value().to_ascii_lowercase().contains("%25"))
    {
        let once: Vec<RawPair> = pairs
            .iter()
            .map(|p| p.with_raw_value(&String::from_utf8_lossy(&p.value())))
            .collect();
        out.push(Candidate {
            change: change(Code::QueryEncoding, "query", "%25XX", "%XX", "The query string was percent-encoded again after signing".to_owned(), "The signature verifies with the query decoded once more: something encoded the already encoded URL (%2A became %252A). Pass the presigned URL on as an opaque string.".to_owned()),
            uri: None,
            query: Some(canonical_query(&once)),
        });
    }
    for (i, p) in pairs.iter().enumerate() {
        let name = p.name_text();
        // Bytes, not a str slice: a name may hold any character.
        if name
            .as_bytes()
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"X-Amz-"))
        {
            continue;
        }
        let rest: Vec<RawPair> = pairs
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, q)| q.clone())
            .collect();
        out.push(Candidate {
            change: change(Code::QueryEncoding, &format!("query parameter {name}"), &format!("{name}={}", p.value_text()), "(absent)", format!("The query parameter {name} was added after signing"), format!("The signature verifies without {name}: every query parameter is signed, so one appended to the presigned URL breaks it. Remove {name}, or pass it to the SDK when presigning.")),
            uri: None,
            query: Some(canonical_query(&rest)),
        });
    }
}

/// The canonical request of `lines` when the signature verifies for it; counts the try.
fn verifies(input: &Sigv4aSearchInput<'_>, lines: [&str; 6], tried: &mut usize) -> Option<String> {
    *tried += 1;
    let text = lines.join("\n");
    let sts = sigv4a_string_to_sign(input.amz_date, input.credential_scope, &text).text();
    sigv4a_verifies(input.key, &sts, input.provided_signature).then_some(text)
}

/// Runs the search. It is skipped for URLs over the search's size bound.
pub fn search(input: &Sigv4aSearchInput<'_>) -> RootCauseSearch {
    if input.url.cleaned.len() > MAX_SEARCH_URL_BYTES {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(format!(
                "the URL is longer than {MAX_SEARCH_URL_BYTES} bytes"
            )),
        };
    }
    let mut tried = 0;
    let base = input.sent;
    let mut candidates = Vec::new();
    path_candidates(input, &mut candidates);
    query_candidates(input, &mut candidates);
    let others = || HttpMethod::ALL.into_iter().filter(|m| *m != input.method);
    let mut matches = Vec::new();
    for m in others() {
        let lines = [
            m.as_str(),
            &base.canonical_uri,
            &base.canonical_query,
            &base.canonical_headers,
            &base.signed_headers,
            &base.payload_hash,
        ];
        if let Some(text) = verifies(input, lines, &mut tried) {
            matches.push(VariantMatch {
                changes: vec![method_change(m, input.method)],
                canonical_request_text: text,
            });
        }
    }
    'outer: for c in &candidates {
        for m in std::iter::once(input.method).chain(others()) {
            if tried >= MAX_SIGV4A_VARIANTS {
                break 'outer;
            }
            let lines = [
                m.as_str(),
                c.uri.as_deref().unwrap_or(&base.canonical_uri),
                c.query.as_deref().unwrap_or(&base.canonical_query),
                &base.canonical_headers,
                &base.signed_headers,
                &base.payload_hash,
            ];
            if let Some(text) = verifies(input, lines, &mut tried) {
                let mut changes = vec![c.change.clone()];
                if m != input.method {
                    changes.insert(0, method_change(m, input.method));
                }
                matches.push(VariantMatch {
                    changes,
                    canonical_request_text: text,
                });
            }
        }
    }
    RootCauseSearch {
        variants_tried: tried,
        matches,
        skipped: None,
    }
}
