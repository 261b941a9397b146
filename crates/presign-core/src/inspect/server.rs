//! The service's error body, pasted beside an S3 query URL (or alone), read and compared with
//! what was computed here.

use super::Inputs;
use crate::crypto::constant_time_eq;
use crate::diagnose::server_error;
use crate::diagnose::server_error::Ours;
use crate::finding::{Code, Severity};
use crate::report::Report;
use crate::share::REDACTED;
use crate::sigv4::params::{QueryAuth, UNSIGNED_PAYLOAD, X_AMZ_CONTENT_SHA256};

/// Reads S3's error body, if any, and compares it with this page's computation.
pub(super) fn compare_with_server(inputs: &Inputs, report: &mut Report) {
    let sigv4 = report.sigv4.as_ref();
    let sigv2 = report.sigv2.as_ref();
    let (access_key_id, signed_at, expires_at) = match &report.auth {
        QueryAuth::SigV4(p) => (
            p.credential.as_ref().map(|c| c.access_key_id.as_str()),
            p.amz_date,
            report.validity.as_ref().and_then(|v| v.expires_at),
        ),
        QueryAuth::SigV2(p) => (p.access_key_id.as_deref(), None, p.expires),
        QueryAuth::None => (None, None, None),
    };
    let signature_valid = sigv4
        .map(|c| {
            (
                c.computed_signature.as_deref(),
                c.provided_signature.as_deref(),
            )
        })
        .or_else(|| {
            sigv2.map(|c| {
                (
                    c.computed_signature.as_deref(),
                    c.provided_signature.as_deref(),
                )
            })
        })
        .filter(|(_, p)| *p != Some(REDACTED))
        .and_then(|(c, p)| Some(constant_time_eq(c?.as_bytes(), p?.as_bytes())));
    let everything_signed_visible = match (&report.auth, sigv4) {
        (QueryAuth::SigV2(_), _) => true,
        (QueryAuth::SigV4(_), Some(c)) => {
            c.canonical_request.signed_headers == "host"
                && (c.canonical_request.payload_hash == UNSIGNED_PAYLOAD
                    || report
                        .url
                        .as_ref()
                        .is_some_and(|u| u.param(X_AMZ_CONTENT_SHA256).is_some()))
        }
        _ => false,
    };
    let ours = Ours {
        everything_signed_visible,
        canonical_request: sigv4.map(|c| c.canonical_request_text.as_str()),
        string_to_sign: sigv4
            .map(|c| c.string_to_sign_text.as_str())
            .or_else(|| sigv2.map(|c| c.string_to_sign.as_str())),
        access_key_id,
        provided_signature: sigv4
            .and_then(|c| c.provided_signature.as_deref())
            .or_else(|| sigv2.and_then(|c| c.provided_signature.as_deref())),
        signature_valid,
        signed_at,
        expires_at,
    };
    if let Some((comparison, findings)) =
        server_error::compare(&inputs.error_xml, &ours, report.now)
    {
        report.findings.extend(findings);
        report.server = Some(comparison);
    }
    // A cause proved by re-signing explains the mismatch S3 saw: nothing is left to blame on
    // the credentials.
    let proved = report.findings.iter().any(|f| {
        f.severity == Severity::Error
            && matches!(
                f.code,
                Code::MethodMismatch
                    | Code::HostMismatch
                    | Code::KeyEncoding
                    | Code::KeyCase
                    | Code::QueryEncoding
                    | Code::SignatureAltered
                    | Code::SignedHeaderValue
                    | Code::SecretWhitespace
                    | Code::SecretQuoted
                    | Code::SecretUrlEncoded
            )
    });
    if proved {
        report.findings.retain(|f| f.code != Code::SecretMismatch);
    }
}
