//! Redacting a shared URL's (or presigned POST's) signature, and telling whether it is still a
//! live credential.
//!
//! A presigned URL grants what it was signed for to whoever holds it until it expires, and so
//! does a presigned POST's form until its policy expires, so the page warns before sharing one
//! and offers to replace its signature with `REDACTED`.

use crate::gcs::params::X_GOOG_SIGNATURE;
use crate::input::form::read_post;
use crate::post_policy::pipeline::version_of;
use crate::report::Report;
use crate::sigv4::params::{QueryAuth, SIGV2_SIGNATURE, X_AMZ_SIGNATURE};

/// What replaces a redacted signature.
pub const REDACTED: &str = crate::sigv4::params::REDACTED_SIGNATURE;

/// `url` with the value of its signature parameter (`X-Amz-Signature`, SigV2's and CloudFront's
/// `Signature`, GCS's `X-Goog-Signature`) replaced by `REDACTED`; for a presigned POST (the
/// SDK's JSON, a form, a command, a body), the value of its `x-amz-signature` or `signature`
/// field. Everything else stays byte for byte as pasted.
pub fn redact_signature(url: &str) -> String {
    if let Some(form) = read_post(url) {
        return redact_post(url, form.value(version_of(&form).signature_field()));
    }
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = pair.split_once('=').map_or(pair, |(n, _)| n);
            if name.eq_ignore_ascii_case(X_AMZ_SIGNATURE)
                || name == SIGV2_SIGNATURE
                || name == X_GOOG_SIGNATURE
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

/// Every occurrence of the form's signature replaced, as written (also as JSON writes `/`).
fn redact_post(text: &str, signature: Option<&str>) -> String {
    match signature.filter(|s| !s.is_empty() && *s != REDACTED) {
        Some(sig) => text
            .replace(sig, REDACTED)
            .replace(&sig.replace('/', "\\/"), REDACTED),
        None => text.to_owned(),
    }
}

/// Whether the URL in `report` may still work: it carries a signature and is not known to
/// have expired. Sharing such a URL hands out access, so the page warns.
pub fn is_live_credential(report: &Report) -> bool {
    if let Some(post) = &report.post {
        let signed = report
            .signing
            .as_ref()
            .and_then(|s| s.provided.as_deref())
            .is_some_and(|s| s != REDACTED);
        let expires_at = post.policy.as_ref().and_then(|p| p.expiration);
        return signed && expires_at.is_none_or(|t| t > report.now);
    }
    let signature = match &report.auth {
        QueryAuth::SigV4(p) => p.signature.as_deref(),
        QueryAuth::SigV2(p) => p.signature.as_deref(),
        // Other families keep their signature in the generic signing section.
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
    expires_at.is_none_or(|t| t > report.now)
}
