//! The root-cause search: when the signature does not match, re-sign plausible variants of
//! the request and report the ones that reproduce the signature in the URL.
//!
//! The signing key is derived once for the scope; a variant only rebuilds the canonical
//! request (six lines), hashes it and runs one HMAC, so hundreds of variants take well under
//! a millisecond or two. Each variant changes one thing (another method, host, key encoding,
//! key or bucket case, query encoding, signed header value) or one thing *and* the method.

mod findings;
mod headers;
mod hosts;
mod keys;
mod methods;
mod payload;
mod query;
mod signer;

pub use findings::findings;

use crate::crypto::HmacSha256Key;
use crate::encode::unhex;
use crate::endpoint::Endpoint;
use crate::finding::Code;
use crate::input::url::RawUrl;
use crate::limits::{MAX_SEARCH_HEADER_BYTES, MAX_SEARCH_URL_BYTES, MAX_VARIANTS};
use crate::normalize::Normalizer;
use crate::sigv4::canonical_request::{
    canonical_headers, canonical_uri, PathNormalization, PercentEncodingMode,
};
use crate::sigv4::params::{CredentialScope, SigV4Params};
use crate::sigv4::signature::SigningKey;
use crate::types::HttpMethod;
use crate::unicode::Unicode;
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

/// What the search needs: the request as evaluated and the URL's parts.
pub struct SearchInput<'a> {
    pub url: &'a RawUrl,
    pub endpoint: &'a Endpoint,
    pub params: &'a SigV4Params,
    pub scope: &'a CredentialScope,
    pub amz_date: &'a str,
    pub signing_key: &'a SigningKey,
    /// The signature in the URL, hex.
    pub provided_signature: &'a str,
    pub method: HttpMethod,
    /// The headers sent, as (name, value), `host` included.
    pub headers: &'a [(String, String)],
    /// The base canonical request's lines as computed for the request as sent.
    pub canonical_uri: &'a str,
    pub canonical_query: &'a str,
    pub canonical_headers: &'a str,
    pub signed_headers: &'a str,
    pub payload_hash: &'a str,
    pub mode: PercentEncodingMode,
    pub normalization: PathNormalization,
    pub normalizer: Option<Normalizer>,
    pub unicode: Unicode,
}

/// A candidate request: the lines it replaces and what it changes.
struct Candidate {
    changes: Vec<Change>,
    uri: Option<String>,
    query: Option<String>,
    headers: Option<String>,
    payload: Option<String>,
}

impl Candidate {
    fn new(change: Change) -> Self {
        Candidate {
            changes: vec![change],
            uri: None,
            query: None,
            headers: None,
            payload: None,
        }
    }
}

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
    let Some(provided) = unhex(input.provided_signature).filter(|p| p.len() == 32) else {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(
                "X-Amz-Signature is not 64 hex digits, so no variant can reproduce it".to_owned(),
            ),
        };
    };
    let mut signer = Signer {
        key: HmacSha256Key::new(&*input.signing_key.k_signing),
        prefix: format!(
            "AWS4-HMAC-SHA256\n{}\n{}\n",
            input.amz_date,
            input.scope.scope()
        ),
        provided,
        tried: 0,
        after_uri: Vec::new(),
        after_query: Vec::new(),
    };
    let mut candidates = Vec::new();
    hosts::host_candidates(input, &mut candidates);
    let prefix = keys::raw_prefix(input);
    keys::key_candidates(input, &prefix, &mut candidates);
    keys::key_case_candidates(input, &prefix, &mut candidates);
    keys::bucket_case_candidates(input, &mut candidates);
    // A client that switches the addressing style often re-encodes the key as well.
    if let Some((host, alt_prefix, host_change)) = hosts::other_style(input) {
        let mut alt = Vec::new();
        keys::key_candidates(input, &alt_prefix, &mut alt);
        keys::key_case_candidates(input, &alt_prefix, &mut alt);
        let headers = headers_with(input, "host", &host);
        for mut c in alt {
            c.headers = Some(headers.clone());
            c.changes.insert(0, host_change.clone());
            candidates.push(c);
        }
    }
    query::query_candidates(input, &mut candidates);
    headers::header_candidates(input, &mut candidates);
    payload::payload_candidates(input, &mut candidates);

    let mut matches = Vec::new();
    let sent = input.method.as_str();
    // Methods alone.
    for m in HttpMethod::ALL.into_iter().filter(|m| *m != input.method) {
        let lines = [
            m.as_str(),
            input.canonical_uri,
            input.canonical_query,
            input.canonical_headers,
            input.signed_headers,
            input.payload_hash,
        ];
        if signer.signs(lines) {
            matches.push(VariantMatch {
                changes: vec![methods::method_change(m, input.method)],
                canonical_request_text: lines.join("\n"),
            });
        }
    }
    // Each candidate with the method sent, then with every other method.
    'outer: for c in &candidates {
        for m in std::iter::once(input.method)
            .chain(HttpMethod::ALL.into_iter().filter(|m| *m != input.method))
        {
            if signer.tried >= MAX_VARIANTS {
                break 'outer;
            }
            let lines = [
                m.as_str(),
                c.uri.as_deref().unwrap_or(input.canonical_uri),
                c.query.as_deref().unwrap_or(input.canonical_query),
                c.headers.as_deref().unwrap_or(input.canonical_headers),
                input.signed_headers,
                c.payload.as_deref().unwrap_or(input.payload_hash),
            ];
            if signer.signs(lines) {
                let mut changes = c.changes.clone();
                if m.as_str() != sent {
                    changes.insert(0, methods::method_change(m, input.method));
                }
                matches.push(VariantMatch {
                    changes,
                    canonical_request_text: lines.join("\n"),
                });
            }
        }
    }
    RootCauseSearch {
        variants_tried: signer.tried,
        matches,
        skipped: None,
    }
}

fn uri_of(input: &SearchInput<'_>, raw_path: &str) -> String {
    canonical_uri(raw_path, input.mode, input.normalization)
}

/// The canonical headers block with one header's value replaced (or added).
fn headers_with(input: &SearchInput<'_>, name: &str, value: &str) -> String {
    let mut pairs: Vec<(String, String)> = input
        .headers
        .iter()
        .filter(|(n, _)| !n.trim().eq_ignore_ascii_case(name))
        .cloned()
        .collect();
    pairs.push((name.to_owned(), value.to_owned()));
    let signed: Vec<String> = input.signed_headers.split(';').map(str::to_owned).collect();
    canonical_headers(&signed, &pairs).0
}

fn sent_host(input: &SearchInput<'_>) -> String {
    input
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}
