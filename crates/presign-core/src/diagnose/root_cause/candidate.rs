//! What the search tries: a candidate is a `Variant` (what it changes, as data) and the
//! canonical-request lines it replaces; a reproduced request is a candidate (or none) with the
//! method that reproduced the signature.

use super::{bodies, case, keys, params, query};
use crate::sigv4::canonical_request::{PathNormalization, PercentEncodingMode};
use crate::types::{AddressingStyle, HttpMethod};

/// What a candidate changes. The families build these by the hundred and word only the ones
/// that reproduce the signature (`findings.rs`), so a variant carries what its words need and
/// the canonical-request lines it replaces carry the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Variant {
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
    /// The canonical query encoded otherwise by the signer.
    QueryReencoded { how: query::Reencoding },
    /// A query parameter added after signing.
    QueryParamAdded { name: String, value: String },
    /// A set of query parameters added after signing (or the session token alone).
    QueryParamsAdded { names: Vec<String> },
    /// The session token signed in the query, sent as a header instead.
    QueryTokenRemoved,
    /// An SDK's parameter or an S3 subresource signed, then removed from the URL.
    QueryParamStripped { what: params::Stripped },
    /// A signed header signed with another value (empty: signed empty).
    HeaderValue { name: String, signed: String },
    /// Signed with another payload hash.
    PayloadHash { signed: &'static str },
    /// The path signed by other rules than the service's (a header-signed request).
    PathRules {
        mode: PercentEncodingMode,
        normalization: PathNormalization,
    },
    /// Nothing changed but the signature's text (`signature_text.rs` words it).
    SignatureText,
    /// The body hashed as it was before an edit (a header-signed request).
    PayloadBody { how: bodies::BodyEdit },
}

/// How much of the key's variants a family builds: the ones per path segment or per slash
/// (many on a long key) only under the sent addressing style, and signed with the sent method
/// only, to keep the search within its time budget on long keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyDetail {
    /// Every variant; those per segment or per slash with the sent method only.
    PerSegment,
    /// Only the variants of the whole key (the other addressing style's key).
    WholeKey,
}

/// A candidate request: what it changes, and the canonical-request lines it replaces (`None`
/// keeps the line of the request as sent).
pub(super) struct Candidate {
    /// Usually one variant; a key variant tried in the other addressing style has two.
    pub(super) changes: Vec<Variant>,
    pub(super) uri: Option<String>,
    pub(super) query: Option<String>,
    pub(super) headers: Option<String>,
    pub(super) payload: Option<String>,
    /// The one method the variant is signed with (an operation's), instead of every method.
    pub(super) method: Option<HttpMethod>,
}

impl Candidate {
    pub(super) fn new(variant: Variant) -> Self {
        Candidate {
            changes: vec![variant],
            uri: None,
            query: None,
            headers: None,
            payload: None,
            method: None,
        }
    }

    /// Signed with this method only: the operation the variant names is sent with it.
    pub(super) fn only_with(mut self, method: HttpMethod) -> Self {
        self.method = Some(method);
        self
    }

    pub(super) fn uri(mut self, uri: String) -> Self {
        self.uri = Some(uri);
        self
    }

    pub(super) fn query(mut self, query: String) -> Self {
        self.query = Some(query);
        self
    }

    pub(super) fn headers(mut self, headers: String) -> Self {
        self.headers = Some(headers);
        self
    }

    pub(super) fn payload(mut self, payload: String) -> Self {
        self.payload = Some(payload);
        self
    }
}

/// A request that reproduced the signature: the method it was signed with, the candidate
/// (`None`: the method alone) and its canonical request's lines.
pub(super) struct Reproduced<'c> {
    pub(super) method: HttpMethod,
    pub(super) candidate: Option<&'c Candidate>,
    pub(super) lines: [&'c str; 6],
}

impl Reproduced<'_> {
    /// What it changes: the method first when it differs, then the candidate's variants.
    pub(super) fn variants(&self, sent: HttpMethod) -> Vec<Variant> {
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
