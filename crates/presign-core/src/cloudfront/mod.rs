//! CloudFront signed URLs (canned and custom policy, `Key-Pair-Id`): one file per stage of
//! shared/specs/cloudfront.md, and the pipeline that fills the report.

pub mod params;
pub mod pipeline;
pub mod policy;
pub mod signature;

use serde::Serialize;

/// The CloudFront intermediates, for tests and `--json` (the page renders `Report::signing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloudfrontComputation {
    pub kind: Option<params::PolicyKind>,
    pub key_pair_id: Option<String>,
    /// The URL as sent, without the signing parameters.
    pub resource: String,
    /// The policy bytes the signature covers (rebuilt for a canned policy), as text.
    pub policy: Option<String>,
    pub conditions: Option<policy::PolicyConditions>,
    /// The hash CloudFront checks with (from `Hash-Algorithm`).
    pub hash: Option<crate::crypto::RsaHash>,
    /// The key that verified the signature, when one did.
    pub verified_with: Option<String>,
    /// The hex hash the signature carries, when a key given opens it.
    pub signed_digest: Option<String>,
}
