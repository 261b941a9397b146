//! The root-cause search: when the signature does not match, re-sign plausible variants of
//! the request and report the ones that reproduce the signature in the URL.
//!
//! The signing key is derived once for the scope; a variant only replaces lines of the
//! canonical request, hashes it and runs one HMAC (`signer.rs`). Each variant changes one thing
//! or one thing *and* the method. One file per family of variants:
//!
//! - `methods.rs`: another method; every other candidate is tried with each method too.
//! - `hosts.rs`: another endpoint of the provider, a port, the other addressing style or a mix
//!   of the two (the endpoint module says which hosts serve the same bucket).
//! - `keys.rs`: the key encoded otherwise ('+' and spaces, %2F, double encoding, unencoded,
//!   `!'()*`, `~`, hex case, leading and trailing slashes) or in the other Unicode form.
//! - `case.rs`: the key (all, or its extension) or the bucket in another case.
//! - `query.rs`: '+' read as a space, the query encoded twice, a parameter added.
//! - `params.rs` (presigned URLs): a set of parameters appended, the session token added or
//!   moved to a header, an SDK's parameter (`x-id`, checksums) or an S3 subresource removed.
//! - `headers.rs`: a signed header with a common or a nearby value, or empty.
//! - `payload.rs`: the payload hashes presigned requests are signed with.
//! - `paths.rs` (header-signed requests): the path signed by another service's rules, S3's (as
//!   sent) or the others' (normalized, encoded twice).
//! - `bodies.rs` (header-signed requests): the body hashed with its line ends, last line end or
//!   JSON spacing otherwise than sent.
//!
//! - `signature_text.rs`: `X-Amz-Signature` itself altered (case, white space, cut, characters
//!   added); every variant is then compared with what its text still shows.
//!
//! - `sigv2.rs`: SigV2 URLs, a search of its own over the five parts of their string to sign.
//!
//! A family builds `Candidate`s (`candidate.rs`): a `Variant` (what changed, as data) and the
//! canonical-request lines it replaces. Only the variants that reproduce the signature are put
//! in words (`findings.rs`). A new family is a file with a `candidates` function and a
//! `change` function, a `Variant`, and a line in `candidates` and in `Variant::change`.

mod bodies;
mod candidate;
mod case;
pub mod cloudfront;
mod findings;
pub mod gcs;
mod headers;
mod hosts;
mod keys;
mod methods;
mod params;
mod paths;
mod payload;
mod query;
mod signature_text;
mod signer;
pub mod sigv2;
#[cfg(test)]
mod testing;

pub use findings::{findings, MethodTold};

use crate::encode::unhex;
use crate::endpoint::Endpoint;
use crate::finding::Code;
use crate::input::url::RawUrl;
use crate::limits::{MAX_SEARCH_HEADER_BYTES, MAX_SEARCH_URL_BYTES, MAX_VARIANTS};
use crate::normalize::Normalizer;
use crate::sigv4::canonical_request::{
    canonical_header_value, canonical_uri, CanonicalRequest, PercentEncodingMode,
};
use crate::sigv4::params::CredentialScope;
use crate::sigv4::signature::SigningKey;
use crate::sigv4::verify::service_rules;
use crate::types::HttpMethod;
use crate::unicode::Unicode;
use candidate::{Candidate, KeyDetail, Reproduced, Variant};
use serde::Serialize;
use signer::Signer;

/// One difference between what was signed and what is sent, found by the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub code: Code,
    /// What changed, e.g. `method`, `host`, `key`, `query`, `header content-type`.
    pub part: String,
    /// The value in the request as sent.
    pub sent: String,
    /// The value that reproduces the signature.
    pub signed: String,
    /// One line for people.
    pub title: String,
    pub detail: String,
}

/// A variant that reproduces the provided signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantMatch {
    pub changes: Vec<Change>,
    /// The canonical request that was evidently signed.
    pub canonical_request_text: String,
}

/// What the search did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RootCauseSearch {
    pub variants_tried: usize,
    pub matches: Vec<VariantMatch>,
    /// Why the search did not run, when it did not.
    pub skipped: Option<String>,
}

/// What carries the signature: the words of a match and the families tried depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    /// A presigned URL (the signature in its query).
    Url,
    /// A request signed in its Authorization header.
    HeaderRequest,
}

impl Signed {
    /// "URL" or "request", for the words of a match.
    pub(super) fn noun(self) -> &'static str {
        match self {
            Signed::Url => "URL",
            Signed::HeaderRequest => "request",
        }
    }
}

/// What the search needs: the canonical request it varies, computed for the request as sent,
/// what that request was made of, and what signs it.
pub struct SearchInput<'a> {
    /// A presigned URL or a header-signed request.
    pub signed: Signed,
    /// The canonical request of the request as sent: each variant replaces some of its lines.
    pub canonical_request: &'a CanonicalRequest,
    /// The URL as sent.
    pub url: &'a RawUrl,
    /// What the URL's host and path say (bucket, key, provider, addressing style).
    pub endpoint: &'a Endpoint,
    /// The headers sent, as (name, value), `host` included.
    pub headers: &'a [(String, String)],
    pub scope: &'a CredentialScope,
    /// `X-Amz-Date` as written: the string to sign's second line.
    pub amz_date: &'a str,
    pub signing_key: &'a SigningKey,
    /// The signature in the URL, hex.
    pub provided_signature: &'a str,
    /// Unicode normalization for the NFC/NFD key variants; `None` skips them.
    pub normalizer: Option<Normalizer>,
    /// Unicode case mapping for the key case variants.
    pub unicode: Unicode,
    /// The body sent, when known (header-signed requests): its variants are hashed.
    pub body: Option<&'a [u8]>,
}

/// A change in words (the families' `change` functions build theirs with it).
fn change(
    code: Code,
    part: impl Into<String>,
    sent: impl Into<String>,
    signed: impl Into<String>,
    title: String,
    detail: String,
) -> Change {
    Change {
        code,
        part: part.into(),
        sent: sent.into(),
        signed: signed.into(),
        title,
        detail,
    }
}

/// Why the search cannot run on this input, if it cannot.
pub fn too_big(url: &RawUrl, headers: &[(String, String)]) -> Option<String> {
    if url.cleaned.len() > MAX_SEARCH_URL_BYTES {
        return Some(format!(
            "the URL is {} bytes long, over the {MAX_SEARCH_URL_BYTES}-byte limit of the search",
            url.cleaned.len()
        ));
    }
    let header_bytes: usize = headers.iter().map(|(n, v)| n.len() + v.len()).sum();
    if header_bytes > MAX_SEARCH_HEADER_BYTES {
        return Some(format!("the headers are {header_bytes} bytes long, over the {MAX_SEARCH_HEADER_BYTES}-byte limit of the search"));
    }
    None
}

/// Runs the search.
pub fn search(input: &SearchInput<'_>) -> RootCauseSearch {
    if let Some(reason) = too_big(input.url, input.headers) {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(reason),
        };
    }
    let Some(target) = signature_text::read(input.provided_signature) else {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(format!(
                "X-Amz-Signature holds fewer than {} hex digits, so no variant can reproduce it",
                signature_text::MIN_CUT_DIGITS
            )),
        };
    };
    let Some(sent) = HttpMethod::parse(&input.canonical_request.method) else {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(format!(
                "the method {} is not one the search re-signs with",
                input.canonical_request.method
            )),
        };
    };
    let provided = unhex(&target.hex)
        .filter(|p| p.len() == 32)
        .unwrap_or_default();
    let mut signer = Signer::new(input.signing_key, input.amz_date, input.scope, provided);
    if target.hex.len() < 64 {
        signer = signer.cut(&target.hex);
    }
    let mut candidates = candidates(input);
    if !target.altered.is_empty() {
        // The request as sent, which signs to what the altered text still shows.
        candidates.insert(0, Candidate::new(Variant::SignatureText));
    }
    let reproduced = reproduce(input.canonical_request, sent, &mut signer, &candidates);
    RootCauseSearch {
        variants_tried: signer.tried(),
        matches: reproduced
            .iter()
            .map(|r| {
                let mut m = findings::variant_match(input, sent, r);
                // Every match reproduces the text only once its alteration is undone.
                if !target.altered.is_empty() {
                    m.changes.retain(|c| c.code != Code::SignatureAltered);
                    m.changes
                        .insert(0, signature_text::change(input.provided_signature, &target));
                }
                m
            })
            .collect(),
        skipped: None,
    }
}

/// Every family's candidates, in the order they are tried.
fn candidates(input: &SearchInput<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    if input.signed == Signed::HeaderRequest {
        paths::candidates(input, &mut out);
        bodies::candidates(input, &mut out);
        // Hosts with a bucket, keys, their case: S3's; another service's path is no object key.
        if service_rules(&input.scope.service).0 != PercentEncodingMode::Single {
            query::candidates(input, &mut out);
            headers::candidates(input, &mut out);
            payload::candidates(input, &mut out);
            return out;
        }
    }
    hosts::candidates(input, &mut out);
    let prefix = keys::raw_prefix(input);
    keys::candidates(input, &prefix, KeyDetail::PerSegment, &mut out);
    case::key_candidates(input, &prefix, KeyDetail::PerSegment, &mut out);
    case::bucket_candidates(input, &mut out);
    // A client that switches the addressing style often re-encodes the key as well.
    if let Some((host, alt_prefix)) = hosts::other_style(input) {
        let mut alt = Vec::new();
        keys::candidates(input, &alt_prefix, KeyDetail::WholeKey, &mut alt);
        case::key_candidates(input, &alt_prefix, KeyDetail::WholeKey, &mut alt);
        let headers = headers_with(input, "host", &host);
        for mut c in alt {
            c.headers = Some(headers.clone());
            c.changes.insert(
                0,
                Variant::OtherStyle {
                    signed: host.clone(),
                },
            );
            out.push(c);
        }
    }
    query::candidates(input, &mut out);
    if input.signed == Signed::Url {
        params::candidates(input, &mut out);
    }
    headers::candidates(input, &mut out);
    payload::candidates(input, &mut out);
    out
}

/// Signs the other methods alone, then each candidate with the method sent and with every
/// other method, and keeps what reproduces the signature.
fn reproduce<'c>(
    base: &'c CanonicalRequest,
    sent: HttpMethod,
    signer: &mut Signer<'c>,
    candidates: &'c [Candidate],
) -> Vec<Reproduced<'c>> {
    let mut found = Vec::new();
    for method in methods::others(sent) {
        let lines = [
            method.as_str(),
            &base.canonical_uri,
            &base.canonical_query,
            &base.canonical_headers,
            &base.signed_headers,
            &base.payload_hash,
        ];
        if signer.signs(lines) {
            found.push(Reproduced {
                method,
                candidate: None,
                lines,
            });
        }
    }
    'outer: for c in candidates {
        for method in std::iter::once(sent).chain(methods::others(sent)) {
            if c.method.is_some_and(|only| only != method) {
                continue;
            }
            if signer.tried() >= MAX_VARIANTS {
                break 'outer;
            }
            let lines = [
                method.as_str(),
                c.uri.as_deref().unwrap_or(&base.canonical_uri),
                c.query.as_deref().unwrap_or(&base.canonical_query),
                c.headers.as_deref().unwrap_or(&base.canonical_headers),
                &base.signed_headers,
                c.payload.as_deref().unwrap_or(&base.payload_hash),
            ];
            if signer.signs(lines) {
                found.push(Reproduced {
                    method,
                    candidate: Some(c),
                    lines,
                });
            }
        }
    }
    found
}

/// The canonical URI of a raw path, by the rules of the scope's service.
fn uri_of(input: &SearchInput<'_>, raw_path: &str) -> String {
    let (mode, normalization) = service_rules(&input.scope.service);
    canonical_uri(raw_path, mode, normalization)
}

/// The canonical headers block with one header's value replaced (or added): what
/// `canonical_headers` gives for the headers sent with that change. Built from the headers
/// sorted by name in one pass, since a search builds one per candidate and a paste may sign
/// hundreds of headers (matching each signed name against every header was quadratic).
fn headers_with(input: &SearchInput<'_>, name: &str, value: &str) -> String {
    let mut sent: Vec<(String, &str)> = input
        .headers
        .iter()
        .filter(|(n, _)| !n.trim().eq_ignore_ascii_case(name))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.as_str()))
        .chain(std::iter::once((name.trim().to_ascii_lowercase(), value)))
        .collect();
    // Stable: a header sent twice keeps its values in the order sent.
    crate::sort::sort_by(&mut sent, |a, b| a.0.cmp(&b.0));
    let mut signed: Vec<String> = input
        .canonical_request
        .signed_headers
        .split(';')
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    crate::sort::sort(&mut signed);
    signed.dedup();
    let mut block = String::new();
    let mut rest = &sent[..];
    for name in &signed {
        rest = &rest[rest.partition_point(|(n, _)| n < name)..];
        block.push_str(name);
        block.push(':');
        for (i, (_, value)) in rest.iter().take_while(|(n, _)| n == name).enumerate() {
            if i > 0 {
                block.push(',');
            }
            block.push_str(&canonical_header_value(value));
        }
        block.push('\n');
    }
    block
}

/// The host header sent.
fn sent_host(input: &SearchInput<'_>) -> String {
    input
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::signer::Signer;
    use super::testing::{with_input, Request, QUERY};
    use super::{candidates, headers_with, reproduce, search, Candidate, RootCauseSearch, Variant};
    use crate::finding::Code;
    use crate::limits::MAX_VARIANTS;
    use crate::sigv4::canonical_request::canonical_headers;
    use crate::types::HttpMethod;

    fn run(sent: &Request, provided: &str) -> RootCauseSearch {
        with_input(sent, provided, search)
    }

    /// Presigned for a PUT, path-style, of "my file.txt"; sent as a GET, virtual-hosted, with
    /// the space written as '+': three changes in one variant.
    #[test]
    fn method_addressing_style_and_key_together() {
        let signed = Request::at("https://s3.amazonaws.com/examplebucket/my%20file.txt")
            .method(HttpMethod::Put)
            .signature();
        let sent = Request::at("https://examplebucket.s3.amazonaws.com/my+file.txt");
        let result = run(&sent, &signed);
        let titles: Vec<Vec<&str>> = result
            .matches
            .iter()
            .map(|m| m.changes.iter().map(|c| c.title.as_str()).collect())
            .collect();
        let expected = [
            "This URL was signed for PUT, you sent GET",
            "This URL was signed for host s3.amazonaws.com, the request goes to examplebucket.s3.amazonaws.com",
            "The key was signed as \u{201c}my file.txt\u{201d}, the URL has \u{201c}my+file.txt\u{201d}",
        ];
        // '+' read as a space and '+' (%2B) read as a space sign the same request.
        assert_eq!(titles, [expected, expected]);
        assert!(result.matches[0]
            .canonical_request_text
            .starts_with("PUT\n/examplebucket/my%20file.txt\n"));
    }

    /// With a wrong secret every candidate is signed with every method (or the one of the
    /// operation it names), and the other methods alone.
    #[test]
    fn every_candidate_with_every_method() {
        let sent = Request::example();
        let wrong = "0".repeat(64);
        let result = run(&sent, &wrong);
        let signed = with_input(&sent, &wrong, |input| {
            candidates(input)
                .iter()
                .map(|c| if c.method.is_some() { 1 } else { 5 })
                .sum::<usize>()
        });
        assert!(result.matches.is_empty());
        assert_eq!(result.skipped, None);
        assert_eq!(result.variants_tried, 4 + signed);
    }

    /// Replacing one header gives the block `canonical_headers` builds from the headers sent
    /// with that change: repeated headers joined in order, names in any case and with spaces,
    /// signed headers not sent, a replaced header sent twice or not signed.
    #[test]
    fn headers_with_one_value_replaced() {
        let signed = "SignedHeaders=content-type%3Bhost%3Bx-amz-meta-a%3Bx-amz-meta-z%3Bx-missing";
        let sent = Request::at_with_query(
            "https://examplebucket.s3.amazonaws.com/test.txt",
            &QUERY.replace("SignedHeaders=host", signed),
        )
        .header("X-Amz-Meta-Z ", " last ")
        .header("x-amz-meta-a", "1")
        .header("Content-Type", "text/plain")
        .header("X-AMZ-META-A", "  two   words ")
        .header("x-unsigned", "u");
        with_input(&sent, "", |input| {
            let signed: Vec<String> = input
                .canonical_request
                .signed_headers
                .split(';')
                .map(str::to_owned)
                .collect();
            for (name, value) in [
                ("host", "other.example.com"),
                ("x-amz-meta-a", "3"),
                ("content-type", ""),
                ("x-missing", " now  sent "),
                ("x-unsigned", "v"),
            ] {
                let mut pairs: Vec<(String, String)> = input
                    .headers
                    .iter()
                    .filter(|(n, _)| !n.trim().eq_ignore_ascii_case(name))
                    .cloned()
                    .collect();
                pairs.push((name.to_owned(), value.to_owned()));
                let expected = canonical_headers(&signed, &pairs).0;
                assert_eq!(headers_with(input, name, value), expected, "{name}");
            }
        });
    }

    /// The signature's text altered: upper-cased, cut, or quoted. The request as sent is
    /// tried too, and a match with another change names the alteration as well.
    #[test]
    fn signature_text_altered() {
        let sig = Request::example().signature();
        for (text, detail) in [
            (sig.to_ascii_uppercase(), "its hex digits were upper-cased"),
            (sig[..40].to_owned(), "it was cut short"),
            (
                format!("{sig}\"."),
                "characters were added around its 64 hex digits",
            ),
        ] {
            let result = run(&Request::example(), &text);
            let changes: Vec<(Code, &str)> = result
                .matches
                .iter()
                .flat_map(|m| m.changes.iter().map(|c| (c.code, c.part.as_str())))
                .collect();
            assert_eq!(
                changes,
                [(Code::SignatureAltered, "X-Amz-Signature")],
                "{text}"
            );
            assert!(
                result.matches[0].changes[0].detail.contains(detail),
                "{text}"
            );
        }
        let put = Request::example().method(HttpMethod::Put).signature();
        let result = run(&Request::example(), &put.to_ascii_uppercase());
        let codes: Vec<Code> = result.matches[0].changes.iter().map(|c| c.code).collect();
        assert_eq!(codes, [Code::SignatureAltered, Code::MethodMismatch]);
        // Intact: the request as sent is not a candidate.
        assert!(run(&Request::example(), &put).matches[0]
            .changes
            .iter()
            .all(|c| c.code != Code::SignatureAltered));
    }

    /// More candidates than the search may sign: it stops at the bound.
    #[test]
    fn at_most_max_variants() {
        with_input(&Request::example(), "", |input| {
            let many: Vec<Candidate> = (0..=MAX_VARIANTS / 5)
                .map(|i| Candidate::new(Variant::QueryPlus).payload(i.to_string()))
                .collect();
            let mut signer =
                Signer::new(input.signing_key, input.amz_date, input.scope, vec![0; 32]);
            reproduce(input.canonical_request, HttpMethod::Get, &mut signer, &many);
            assert_eq!(signer.tried(), MAX_VARIANTS);
        });
    }

    #[test]
    fn skipped_when_no_variant_can_match_or_the_url_is_too_long() {
        let result = run(&Request::example(), "not-hex");
        assert_eq!(result.variants_tried, 0);
        assert_eq!(
            result.skipped.as_deref(),
            Some("X-Amz-Signature holds fewer than 16 hex digits, so no variant can reproduce it")
        );
        let long = Request::at_with_query(
            "https://examplebucket.s3.amazonaws.com/test.txt",
            &format!("pad={}&{QUERY}", "a".repeat(20_000)),
        );
        let result = run(&long, &"0".repeat(64));
        assert!(result.skipped.unwrap().contains("16384-byte limit"));
        let findings = super::findings(&run(&long, &"0".repeat(64)), super::MethodTold::Told);
        assert_eq!(findings[0].code, Code::RootCauseSkipped);
    }
}
