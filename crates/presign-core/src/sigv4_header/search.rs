//! The root-cause search for a header-signed request whose signature does not match: the
//! search of `diagnose::root_cause` over this request, with the families that apply to it (the
//! path rules, the body as edited, the query, header values and payload hashes, and for S3 the
//! hosts, keys and their case).

use super::request::{Body, SignedRequest};
use crate::diagnose::root_cause::{self, MethodTold, RootCauseSearch, SearchInput, Signed};
use crate::endpoint::decode_endpoint;
use crate::finding::Finding;
use crate::input::url::{split_query, Cleanup, RawUrl};
use crate::inspect::Inputs;
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::sigv4::params::CredentialScope;
use crate::sigv4::signature::SigningKey;

/// The request as the search reads a URL: its path and query exactly as sent.
fn raw_url(request: &SignedRequest) -> RawUrl {
    let scheme = request.scheme.clone().unwrap_or_else(|| "https".to_owned());
    let (host, port) = match request.host.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty() => {
            (h.to_owned(), p.parse().ok())
        }
        _ => (request.host.clone(), None),
    };
    RawUrl {
        cleaned: request.url(),
        scheme,
        host: host.to_ascii_lowercase(),
        host_as_written: host,
        port,
        raw_path: request.raw_path.clone(),
        raw_query: request.raw_query.clone(),
        pairs: split_query(&request.raw_query),
        cleanup: Cleanup::default(),
    }
}

/// What the search needs besides the request.
pub struct Signing<'a> {
    pub canonical_request: &'a CanonicalRequest,
    pub scope: &'a CredentialScope,
    pub amz_date: &'a str,
    pub key: &'a SigningKey,
    pub provided: &'a str,
}

/// Searches, and puts what reproduced the signature in findings. The method is the request's
/// own, so a match with another method says it was signed for that one.
pub fn search(
    request: &SignedRequest,
    signing: &Signing<'_>,
    inputs: &Inputs,
) -> (RootCauseSearch, Vec<Finding>) {
    let url = raw_url(request);
    let endpoint = decode_endpoint(&url);
    let headers = request.header_pairs();
    // A body given as a file is known by its hash only: no edits of it can be tried.
    let body = match (&request.body, &inputs.body) {
        (Body::Bytes(bytes), None) => Some(bytes.as_slice()),
        _ => None,
    };
    let search = root_cause::search(&SearchInput {
        signed: Signed::HeaderRequest,
        canonical_request: signing.canonical_request,
        url: &url,
        endpoint: &endpoint,
        headers: &headers,
        scope: signing.scope,
        amz_date: signing.amz_date,
        signing_key: signing.key,
        provided_signature: signing.provided,
        normalizer: inputs.normalizer,
        unicode: inputs.unicode,
        body,
    });
    let findings = root_cause::findings(&search, MethodTold::Told);
    (search, findings)
}
