//! Google Cloud Storage V4 signed URLs (`X-Goog-Signature`): one file per stage of
//! shared/specs/gcs-v4.md, and the pipeline that fills the report.

pub mod canonical_request;
pub mod decoded;
pub mod params;
pub mod pipeline;
pub mod post_policy;
pub mod signature;
pub mod string_to_sign;

use serde::Serialize;

/// The GCS intermediates, for tests and `--json` (the page renders `Report::signing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GcsComputation {
    pub algorithm: Option<params::GcsAlgorithm>,
    /// The service account e-mail or HMAC access id of `X-Goog-Credential`.
    pub signer: Option<String>,
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
    /// `X-Goog-SignedHeaders`.
    pub signed_headers: Vec<String>,
    /// Signed headers the request does not send (their values are unknown here).
    pub missing_signed_headers: Vec<String>,
    /// RSA: the key that verified the signature, when one did.
    pub verified_with: Option<String>,
    /// RSA: the hex SHA-256 the signature carries, when a key given opens it: the hash of the
    /// string to sign that was really signed.
    pub signed_digest: Option<String>,
}
