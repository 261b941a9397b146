//! Redacting a shared URL's signature, and telling whether a URL is still a live credential.
//!
//! A presigned URL grants what it was signed for to whoever holds it until it expires, so the
//! page warns before sharing one and offers to replace its signature with `REDACTED`.

use crate::report::Report;
use crate::sigv4::params::{QueryAuth, SIGV2_SIGNATURE, X_AMZ_SIGNATURE};

/// What replaces a redacted signature.
pub const REDACTED: &str = crate::sigv4::params::REDACTED_SIGNATURE;

/// `url` with the value of its signature parameter (`X-Amz-Signature` of SigV4 and SigV4A,
/// SigV2's `Signature`, an Azure SAS's `sig`) replaced by `REDACTED`. Everything else stays
/// byte for byte as pasted.
pub fn redact_signature(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let name_of = |pair: &'_ str| pair.split_once('=').map_or(pair, |(n, _)| n).to_owned();
    // `sig` is a signature only in an Azure SAS (with its version, expiry or permissions).
    let names: Vec<String> = query.split('&').map(name_of).collect();
    let azure = names.iter().any(|n| n == "sig")
        && names
            .iter()
            .any(|n| matches!(n.as_str(), "sv" | "se" | "sp"));
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = name_of(pair);
            if name.eq_ignore_ascii_case(X_AMZ_SIGNATURE)
                || name == SIGV2_SIGNATURE
                || (azure && name == "sig")
            {
                format!("{name}={REDACTED}")
            } else {
                pair.to_owned()
            }
        })
        .collect();
    let mut out = format!("{base}?{}", pairs.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Whether the URL in `report` may still work: it carries a signature and is not known to
/// have expired. Sharing such a URL hands out access, so the page warns.
pub fn is_live_credential(report: &Report) -> bool {
    let signature = match &report.auth {
        QueryAuth::SigV4(p) => p.signature.as_deref(),
        QueryAuth::SigV2(p) => p.signature.as_deref(),
        QueryAuth::None => report.signing.as_ref().and_then(|s| s.provided.as_deref()),
    };
    if signature.is_none_or(|s| s == REDACTED) {
        return false;
    }
    let expires_at = match &report.auth {
        QueryAuth::SigV2(p) => p.expires,
        _ => report.validity.as_ref().and_then(|v| v.expires_at),
    };
    // A URL that S3 rejects for some other reason is still a credential once that is fixed:
    // only expiry makes it harmless.
    !expires_at.is_some_and(|t| t <= report.now)
}
