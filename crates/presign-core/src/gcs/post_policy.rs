//! GCS V4 POST policies (shared/specs/gcs-v4.md section 4): the form's `x-goog-signature` is
//! the hex RSA-SHA256 (or HMAC) signature of the **base64 text** of `policy`, not of the JSON
//! it encodes. The form reader (POST inputs) hands the fields here.

use crate::crypto::{Opened, RsaHash, RsaPublicKey};
use crate::encode::{base64_decode, unhex};

/// What checking a POST policy's signature with a public key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyCheck {
    Valid,
    /// The key made the signature, over other bytes (another policy text).
    OtherPolicy,
    /// The key did not make the signature.
    NotThisKey,
    /// `x-goog-signature` is not hex of the key's length.
    Unreadable,
}

/// Checks `signature_hex` over the base64 `policy` text with `key`.
pub fn check_policy_signature(
    key: &RsaPublicKey,
    policy: &str,
    signature_hex: &str,
) -> PolicyCheck {
    let Some(signature) = unhex(signature_hex) else {
        return PolicyCheck::Unreadable;
    };
    if key.verify(RsaHash::Sha256, policy.as_bytes(), &signature) {
        return PolicyCheck::Valid;
    }
    match key.open(&signature) {
        Opened::Digest { .. } => PolicyCheck::OtherPolicy,
        Opened::NotThisKey => PolicyCheck::NotThisKey,
        Opened::WrongLength { .. } => PolicyCheck::Unreadable,
    }
}

/// The policy JSON a base64 `policy` field carries (non-ASCII arrives `\u00e9`-escaped).
pub fn decoded_policy(policy: &str) -> Option<serde_json::Value> {
    serde_json::from_slice(&base64_decode(policy)?).ok()
}
