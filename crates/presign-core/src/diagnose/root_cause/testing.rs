//! Test support for the families' unit tests: a request (the S3 documentation's presigned GET of
//! examplebucket/test.txt by default), a signature made by signing a variant of it with the
//! core's own signing functions, and the search's loop run over one family's candidates.

use super::signer::Signer;
use super::{reproduce, Candidate, Change, SearchInput, Variant};
use crate::encode::unhex;
use crate::endpoint::{decode_endpoint, Endpoint};
use crate::input::url::{parse_url, RawUrl};
use crate::normalize::Normalizer;
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::sigv4::params::{read_query_auth, CredentialScope, QueryAuth};
use crate::sigv4::signature::SigningKey;
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4::verify::sigv4_canonical_request;
use crate::types::{HttpMethod, Secret};
use crate::unicode::Unicode;
use unicode_normalization::UnicodeNormalization;

/// The S3 documentation example's secret access key.
pub(super) const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// The example's query: signed for `host` only, on 2013-05-24 in us-east-1.
pub(super) const QUERY: &str = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

/// A request as sent or as signed: URL, method and headers (`host` from the URL unless given).
#[derive(Clone)]
pub(super) struct Request {
    url: String,
    method: HttpMethod,
    headers: Vec<(String, String)>,
}

impl Request {
    /// The example: a GET of `https://examplebucket.s3.amazonaws.com/test.txt`.
    pub(super) fn example() -> Self {
        Request::at("https://examplebucket.s3.amazonaws.com/test.txt")
    }

    /// A GET of `url_without_query` with the example's query.
    pub(super) fn at(url_without_query: &str) -> Self {
        Request::at_with_query(url_without_query, QUERY)
    }

    /// A GET of `url_without_query` with this query.
    pub(super) fn at_with_query(url_without_query: &str, query: &str) -> Self {
        Request {
            url: format!("{url_without_query}?{query}"),
            method: HttpMethod::Get,
            headers: Vec::new(),
        }
    }

    pub(super) fn method(mut self, method: HttpMethod) -> Self {
        self.method = method;
        self
    }

    pub(super) fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The request as the search sees it.
    fn parts(&self) -> Parts {
        let url = parse_url(&self.url).expect("a test URL");
        let QueryAuth::SigV4(params) = read_query_auth(&url) else {
            panic!("not a SigV4 URL: {}", self.url);
        };
        let scope = params.credential.clone().expect("a credential");
        let amz_date = params.amz_date_text.clone().expect("an X-Amz-Date");
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
            .cloned()
            .collect();
        let host = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("host"))
            .map_or_else(|| url.host_header(), |(_, v)| v.clone());
        headers.push(("host".to_owned(), host));
        let (canonical_request, _) =
            sigv4_canonical_request(&url, &params, &scope, self.method, &headers);
        Parts {
            endpoint: decode_endpoint(&url),
            url,
            headers,
            signing_key: SigningKey::derive(
                &Secret::new(SECRET),
                &scope.date,
                &scope.region,
                &scope.service,
                &scope.terminator,
            ),
            scope,
            amz_date,
            canonical_request,
        }
    }

    /// The signature of this request, with the secret.
    pub(super) fn signature(&self) -> String {
        self.signature_with(|_| {})
    }

    /// The signature of this request's canonical request as `edit` changes it: what a signer
    /// that builds it otherwise than S3 (a bug, another service's rules) signs.
    pub(super) fn signature_with(&self, edit: impl FnOnce(&mut CanonicalRequest)) -> String {
        let parts = self.parts();
        let mut canonical_request = parts.canonical_request;
        edit(&mut canonical_request);
        let string_to_sign =
            StringToSign::new(&parts.amz_date, &parts.scope.scope(), &canonical_request);
        parts.signing_key.sign(&string_to_sign)
    }

    /// The canonical request of this request.
    pub(super) fn canonical_request(&self) -> CanonicalRequest {
        self.parts().canonical_request
    }
}

/// What the search takes, owned.
struct Parts {
    url: RawUrl,
    endpoint: Endpoint,
    headers: Vec<(String, String)>,
    scope: CredentialScope,
    amz_date: String,
    signing_key: SigningKey,
    canonical_request: CanonicalRequest,
}

/// NFC and NFD from the unicode-normalization crate, as the command line injects them.
pub(super) fn normalizer() -> Normalizer {
    Normalizer {
        nfc: |s| s.nfc().collect(),
        nfd: |s| s.nfd().collect(),
    }
}

/// Runs `f` with the search's input for `sent` and the provided signature.
pub(super) fn with_input<T>(
    sent: &Request,
    provided: &str,
    f: impl FnOnce(&SearchInput<'_>) -> T,
) -> T {
    let parts = sent.parts();
    f(&SearchInput {
        signed: super::Signed::Url,
        body: None,
        canonical_request: &parts.canonical_request,
        url: &parts.url,
        endpoint: &parts.endpoint,
        headers: &parts.headers,
        scope: &parts.scope,
        amz_date: &parts.amz_date,
        signing_key: &parts.signing_key,
        provided_signature: provided,
        normalizer: Some(normalizer()),
        unicode: Unicode::std(),
    })
}

/// What one family finds: the search's loop (the methods alone, then each of the family's
/// candidates with every method) for the request `sent` against the `provided` signature.
/// Each reproduced request as its variants, and in words.
pub(super) fn found(
    sent: &Request,
    provided: &str,
    family: impl FnOnce(&SearchInput<'_>, &mut Vec<Candidate>),
) -> (Vec<Vec<Variant>>, Vec<Vec<Change>>) {
    with_input(sent, provided, |input| {
        let mut candidates = Vec::new();
        family(input, &mut candidates);
        let method = HttpMethod::parse(&input.canonical_request.method).expect("a method");
        let provided = unhex(provided).expect("a hex signature");
        let mut signer = Signer::new(input.signing_key, input.amz_date, input.scope, provided);
        let reproduced = reproduce(input.canonical_request, method, &mut signer, &candidates);
        let variants = reproduced.iter().map(|r| r.variants(method)).collect();
        let words = reproduced
            .iter()
            .map(|r| super::findings::variant_match(input, method, r).changes)
            .collect();
        (variants, words)
    })
}

/// The variants one family finds for `sent` against the signature of `signed`.
pub(super) fn variants_found(
    sent: &Request,
    signed: &str,
    family: impl FnOnce(&SearchInput<'_>, &mut Vec<Candidate>),
) -> Vec<Vec<Variant>> {
    found(sent, signed, family).0
}
