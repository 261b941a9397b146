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
//! - `headers.rs`: a signed header with a common or a nearby value, or empty.
//! - `payload.rs`: the payload hashes presigned requests are signed with.
//!
//! A family builds `Candidate`s: a `Variant` (what changed, in data) and the lines it
//! replaces. Only the variants that reproduce the signature are put in words (`findings.rs`).
//! A new family is a file with a `candidates` function and a `change` function, a `Variant`,
//! and a line in `candidates` and in `Variant::change`.

mod case;
mod findings;
mod headers;
mod hosts;
mod keys;
mod methods;
mod payload;
mod query;
mod signer;

pub use findings::findings;

use crate::encode::unhex;
use crate::endpoint::Endpoint;
use crate::finding::Code;
use crate::input::url::RawUrl;
use crate::limits::{MAX_SEARCH_HEADER_BYTES, MAX_SEARCH_URL_BYTES, MAX_VARIANTS};
use crate::normalize::Normalizer;
use crate::sigv4::canonical_request::{canonical_headers, canonical_uri, CanonicalRequest};
use crate::sigv4::params::CredentialScope;
use crate::sigv4::signature::SigningKey;
use crate::sigv4::verify::service_rules;
use crate::types::{AddressingStyle, HttpMethod};
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

/// What the search needs: the canonical request it varies, computed for the request as sent,
/// what that request was made of, and what signs it.
pub struct SearchInput<'a> {
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
}

/// What a candidate changes. The families build these by the hundred and word only the ones
/// that reproduce the signature (`findings.rs`), so a variant carries what its words need and
/// the canonical-request lines it replaces carry the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Variant {
    /// Signed with another method than the one sent.
    Method {
        signed: HttpMethod,
        sent: HttpMethod,
    },
    /// Signed for another host (another endpoint, port or addressing style); `raw_path` is the
    /// path that goes with it.
    Host {
        signed: String,
        host_style: AddressingStyle,
        path_style: AddressingStyle,
        raw_path: String,
    },
    /// Signed for the same endpoint in the other addressing style (tried with key variants).
    OtherStyle { signed: String },
    /// The key signed in another encoding; `signed` is the key as it was signed.
    KeyEncoding { signed: String, how: keys::Encoding },
    /// The key signed in another case.
    KeyCase { signed: String, how: case::Case },
    /// The bucket signed in another case.
    BucketCase { signed: String },
    /// The query signed with a space where the URL has '+'.
    QueryPlus,
    /// The query encoded once more after signing.
    QueryDoubleEncoded,
    /// A query parameter added after signing.
    QueryParamAdded { name: String, value: String },
    /// A signed header signed with another value (empty: signed empty).
    HeaderValue { name: String, signed: String },
    /// Signed with another payload hash.
    PayloadHash { signed: &'static str },
}

/// A candidate request: what it changes, and the canonical-request lines it replaces (`None`
/// keeps the line of the request as sent).
struct Candidate {
    /// Usually one variant; a key variant tried in the other addressing style has two.
    changes: Vec<Variant>,
    uri: Option<String>,
    query: Option<String>,
    headers: Option<String>,
    payload: Option<String>,
}

impl Candidate {
    fn new(variant: Variant) -> Self {
        Candidate {
            changes: vec![variant],
            uri: None,
            query: None,
            headers: None,
            payload: None,
        }
    }

    fn uri(mut self, uri: String) -> Self {
        self.uri = Some(uri);
        self
    }

    fn query(mut self, query: String) -> Self {
        self.query = Some(query);
        self
    }

    fn headers(mut self, headers: String) -> Self {
        self.headers = Some(headers);
        self
    }

    fn payload(mut self, payload: String) -> Self {
        self.payload = Some(payload);
        self
    }
}

/// A request that reproduced the signature: the method it was signed with, the candidate
/// (`None`: the method alone) and its canonical request's lines.
struct Reproduced<'c> {
    method: HttpMethod,
    candidate: Option<&'c Candidate>,
    lines: [&'c str; 6],
}

impl Reproduced<'_> {
    /// What it changes: the method first when it differs, then the candidate's variants.
    fn variants(&self, sent: HttpMethod) -> Vec<Variant> {
        let method = (self.method != sent).then_some(Variant::Method {
            signed: self.method,
            sent,
        });
        method
            .into_iter()
            .chain(self.candidate.into_iter().flat_map(|c| c.changes.clone()))
            .collect()
    }
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
    let Some(provided) = unhex(input.provided_signature).filter(|p| p.len() == 32) else {
        return RootCauseSearch {
            variants_tried: 0,
            matches: Vec::new(),
            skipped: Some(
                "X-Amz-Signature is not 64 hex digits, so no variant can reproduce it".to_owned(),
            ),
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
    let mut signer = Signer::new(input.signing_key, input.amz_date, input.scope, provided);
    let candidates = candidates(input);
    let reproduced = reproduce(input.canonical_request, sent, &mut signer, &candidates);
    RootCauseSearch {
        variants_tried: signer.tried(),
        matches: reproduced
            .iter()
            .map(|r| findings::variant_match(input, sent, r))
            .collect(),
        skipped: None,
    }
}

/// Every family's candidates, in the order they are tried.
fn candidates(input: &SearchInput<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    hosts::candidates(input, &mut out);
    let prefix = keys::raw_prefix(input);
    keys::candidates(input, &prefix, &mut out);
    case::key_candidates(input, &prefix, &mut out);
    case::bucket_candidates(input, &mut out);
    // A client that switches the addressing style often re-encodes the key as well.
    if let Some((host, alt_prefix)) = hosts::other_style(input) {
        let mut alt = Vec::new();
        keys::candidates(input, &alt_prefix, &mut alt);
        case::key_candidates(input, &alt_prefix, &mut alt);
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

fn uri_of(input: &SearchInput<'_>, raw_path: &str) -> String {
    let (mode, normalization) = service_rules(&input.scope.service);
    canonical_uri(raw_path, mode, normalization)
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
    let signed: Vec<String> = input
        .canonical_request
        .signed_headers
        .split(';')
        .map(str::to_owned)
        .collect();
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
