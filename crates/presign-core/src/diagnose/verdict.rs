//! The verdict: the signature check's own finding (`signature-valid` / `signature-mismatch`),
//! the findings ranked, and the one that names the overall answer.

use crate::crypto::constant_time_eq;
use crate::diagnose::rank;
use crate::finding::{Code, Finding, Severity};
use crate::report::{Family, Report, Verdict};

/// `signature-valid` for any family: `how` says what was re-signed or verified, in its words
/// ("Re-signing the policy with the secret gives …", "The RSA signature verifies with the
/// certificate's public key …").
pub fn signature_valid(how: impl Into<String>, signature: &str) -> Finding {
    Finding::new(
        Code::SignatureValid,
        Severity::Ok,
        "The signature matches",
        how,
    )
    .with("signature", signature)
}

/// `signature-mismatch` for any family: `how` says what differs and what to compare; the
/// computed signature is given where there is one (an HMAC), not for a signature verified with
/// a public key. It names no cause: causes are findings of their own, proved by evidence.
pub fn signature_mismatch(
    how: impl Into<String>,
    provided: &str,
    computed: Option<&str>,
) -> Finding {
    let finding = Finding::new(
        Code::SignatureMismatch,
        Severity::Error,
        "The signature does not match",
        how,
    )
    .with("provided", provided);
    match computed {
        Some(c) => finding.with("computed", c),
        None => finding,
    }
}

/// Adds the signature verdict, sorts the findings and picks the verdict.
pub fn finish(report: &mut Report, has_secret: bool) {
    let pair = report
        .sigv4
        .as_ref()
        .map(|c| (c.computed_signature.clone(), c.provided_signature.clone()))
        .or_else(|| {
            report
                .sigv2
                .as_ref()
                .map(|c| (c.computed_signature.clone(), c.provided_signature.clone()))
        });
    if let Some((Some(computed), Some(provided))) = pair {
        if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
            report.findings.push(Finding::new(
                Code::SignatureValid,
                Severity::Ok,
                "The signature matches",
                "Re-signing this request with the secret gives exactly the signature in the URL: the URL, method and headers are what was signed.",
            ).with("signature", provided));
        } else {
            report.findings.push(
                Finding::new(
                    Code::SignatureMismatch,
                    Severity::Error,
                    "The signature does not match",
                    "Re-signing this request with the secret gives a different signature, so S3 answers 403 SignatureDoesNotMatch. Compare the canonical request below with what your SDK signed.",
                )
                .with("provided", provided)
                .with("computed", computed),
            );
        }
    }
    // A stable sort keeps the order in which checks ran within each severity and rank.
    crate::sort::sort_by_key(&mut report.findings, |f| (f.severity, rank(f.code)));
    report.verdict = match report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
    {
        Some(f) => Verdict {
            code: f.code,
            severity: f.severity,
            title: f.title.clone(),
        },
        None if report.has(Code::SignatureValid) => Verdict {
            code: Code::SignatureValid,
            severity: Severity::Ok,
            title: "The signature matches".to_owned(),
        },
        None => Verdict {
            code: Code::Unverified,
            severity: Severity::Info,
            title: if has_secret {
                "The signature could not be checked".to_owned()
            } else {
                match report.family {
                    Some(Family::AzureSas) => "Not verified: type the account key (or the user delegation key) to check the signature",
                    Some(Family::Sigv4a) => "Not verified: type the secret access key to verify the signature",
                    _ => "Not verified: type the secret access key to re-sign the request",
                }
                .to_owned()
            },
        },
    };
}
