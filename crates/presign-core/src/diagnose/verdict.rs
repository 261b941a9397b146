//! The verdict: the signature check's own finding (`signature-valid` / `signature-mismatch`),
//! the findings ranked, and the one that names the overall answer.

use crate::crypto::constant_time_eq;
use crate::diagnose::rank;
use crate::finding::{Code, Finding, Severity};
use crate::gcs::params::GcsAlgorithm;
use crate::report::Family;
use crate::report::{Possibility, Remaining, Report, Verdict};
use crate::sigv4::params::REDACTED_SIGNATURE;

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

/// The detail of an S3 URL's `signature-mismatch`: what re-signing tried, and what remains
/// possible given what the user supplied, most likely first, each with how to tell (the same
/// list as data, for views that show it as a list). It blames nothing: a cause the evidence
/// proves is a finding of its own and comes before this one.
fn what_remains(report: &Report) -> (String, Remaining) {
    let mut remaining = Vec::new();
    let secret_flaw = report.findings.iter().find(|f| {
        matches!(f.code, Code::SecretWhitespace | Code::SecretLength)
            && f.severity == Severity::Warning
    });
    if let Some(flaw) = secret_flaw {
        remaining.push(Possibility {
            cause: format!(
                "the secret typed here is not the one that signed: {}",
                lower_first(&flaw.title)
            ),
            how_to_tell: "copy the secret again from where it was issued and type it here"
                .to_owned(),
        });
    }
    let server_agrees = report
        .server
        .as_ref()
        .and_then(|s| s.string_to_sign_matches)
        == Some(true);
    let unseen: Vec<String> = report
        .sigv4
        .as_ref()
        .map(|c| {
            c.canonical_request
                .signed_headers
                .split(';')
                .filter(|h| !h.is_empty() && *h != "host")
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let unseen_values = (!unseen.is_empty()).then(|| Possibility {
        cause: format!(
            "{} {} signed with a value this page cannot see (a signed header's value is not in the URL; the search tried the common ones)",
            unseen.join(", "),
            if unseen.len() == 1 { "was" } else { "were" }
        ),
        how_to_tell: "log the headers your code passes to the presigner, and send exactly those".to_owned(),
    });
    let edited = Possibility {
        cause: "the URL was changed after it was signed in a way the search does not try"
            .to_owned(),
        how_to_tell: if report.server.is_some() {
            "compare it with the URL your code logged right after presigning".to_owned()
        } else {
            "compare it with the URL your code logged right after presigning, or paste S3's error body: its CanonicalRequest shows what S3 received".to_owned()
        },
    };
    let key = report
        .auth_access_key_id()
        .map_or_else(|| "its access key id".to_owned(), str::to_owned);
    let other_secret = Possibility {
        cause: format!("the secret typed here is not the one of {key} that signed the URL (another key pair or profile, a rotated key)"),
        how_to_tell: format!("where the URL is presigned, `aws sts get-caller-identity` and `aws configure list` show which credentials are used: the access key id must be {key}, and its secret the one typed here"),
    };
    if server_agrees {
        // S3 received what this page models: what S3 cannot show comes first.
        remaining.extend(unseen_values);
        remaining.push(other_secret);
        remaining.push(edited);
    } else {
        remaining.push(edited);
        remaining.extend(unseen_values);
        remaining.push(other_secret);
    }
    let tried = match report.root_cause.as_ref() {
        Some(search) if search.skipped.is_none() => format!(
            " None of {} re-signed variants (other methods, hosts, key encodings and case, query encodings, header values, payload hashes) reproduces it, so nothing proves a cause.",
            search.variants_tried
        ),
        _ => String::new(),
    };
    let agreed = if server_agrees {
        " S3's string to sign equals the one computed here: S3 received exactly the request modelled here."
    } else {
        ""
    };
    let list: Vec<String> = remaining
        .iter()
        .enumerate()
        .map(|(i, p)| format!("({}) {}; to tell: {}.", i + 1, p.cause, p.how_to_tell))
        .collect();
    let summary = format!(
        "Re-signing this request with the secret gives another signature, so S3 answers 403 SignatureDoesNotMatch.{tried}{agreed}"
    );
    let detail = format!(
        "{summary} What remains possible, most likely first: {}",
        list.join(" ")
    );
    (
        detail,
        Remaining {
            summary,
            possibilities: remaining,
        },
    )
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
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
    // A redacted signature (a share link's) is not compared: `signature-redacted` says so.
    if let Some((Some(computed), Some(provided))) =
        pair.filter(|(_, p)| p.as_deref() != Some(REDACTED_SIGNATURE))
    {
        if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
            report.findings.push(Finding::new(
                Code::SignatureValid,
                Severity::Ok,
                "The signature matches",
                "Re-signing this request with the secret gives exactly the signature in the URL: the URL, method and headers are what was signed.",
            ).with("signature", provided));
        } else {
            let (detail, remaining) = what_remains(report);
            report.remaining = Some(remaining);
            report
                .findings
                .push(signature_mismatch(detail, &provided, Some(&computed)));
        }
    }
    report.stable_until = super::stability::stable_until(report);
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
        None if report.has(Code::SignatureRedacted) => Verdict {
            code: Code::Unverified,
            severity: Severity::Info,
            title: "Signature redacted by the sender: everything else is diagnosed".to_owned(),
        },
        None => Verdict {
            code: Code::Unverified,
            severity: Severity::Info,
            title: unverified_title(report, has_secret).to_owned(),
        },
    };
}

/// Why there is no verdict, in the words of the key material the family needs.
fn unverified_title(report: &Report, has_secret: bool) -> &'static str {
    let needs_public_key = match report.family {
        Some(Family::Cloudfront) => true,
        Some(Family::GcsV4) => report
            .gcs
            .as_ref()
            .is_some_and(|g| g.algorithm == Some(GcsAlgorithm::Rsa)),
        _ => false,
    };
    let missing_header = report
        .gcs
        .as_ref()
        .is_some_and(|g| !g.missing_signed_headers.is_empty());
    if missing_header {
        "Not verified: a signed header's value is not given"
    } else if needs_public_key && !report.has(Code::PublicKeyUnreadable) {
        "Not verified: paste the signer's public key or certificate to verify the signature"
    } else if has_secret || needs_public_key {
        "The signature could not be checked"
    } else {
        match report.family {
            Some(Family::AzureSas) => {
                "Not verified: type the account key (or the user delegation key) to check the signature"
            }
            Some(Family::Sigv4a) => "Not verified: type the secret access key to verify the signature",
            _ => "Not verified: type the secret access key to re-sign the request",
        }
    }
}
