//! What an SDK's debug log shows: its parts disagree with each other, or the canonical request
//! the SDK signed is not the one the signing rules give for the request it logged sending.

use crate::diagnose::diff::DiffLine;
use crate::finding::{Code, Finding, Severity};

/// `sdk-canonical-request-differs`: the first line where the SDK's canonical request and the
/// one built here from the logged request part.
pub fn canonical_request_differs(line: &DiffLine) -> Finding {
    let part = line.part.as_str();
    let why = match part {
        "canonical-uri" => "The path rules differ: S3 signs the path as sent, every other service normalizes it and encodes it once more. A signer configured for the wrong service (or a hand-written one) applies the wrong rule.",
        "canonical-query" => "The query was encoded or sorted differently than SigV4 wants (%20 for a space, %2F for /, pairs sorted by name and value).",
        "payload-hash" => "The SDK hashed another body than the one it logged sending: a stream read before signing, a body changed after, or a payload hash set by hand.",
        p if p.starts_with("header ") => "A signed header's value differs between what was signed and what was sent: a header set or changed after signing (by a retry handler, a middleware, an HTTP library).",
        _ => "The signer did not follow the SigV4 rules for this request, or the request was changed after it was signed.",
    };
    Finding::new(
        Code::SdkCanonicalRequestDiffers,
        Severity::Warning,
        format!("The SDK signed another canonical request than the request it sent gives: the {part} differs"),
        format!("{why} The service builds the canonical request from what it receives, so its signature will not match. Paste the service's error body to see which side it takes."),
    )
    .with("part", part)
    .with("the SDK signed", line.theirs.clone().unwrap_or_else(|| "(none)".to_owned()))
    .with("from the logged request", line.ours.clone().unwrap_or_else(|| "(none)".to_owned()))
}

/// `sdk-log-inconsistent`: the log's parts disagree (each problem as a labelled value).
pub fn inconsistent(problems: Vec<(String, String)>) -> Option<Finding> {
    if problems.is_empty() {
        return None;
    }
    let mut f = Finding::new(
        Code::SdkLogInconsistent,
        Severity::Warning,
        "The log's canonical request, string to sign and signature do not agree",
        "Each part of a signing follows from the one before: the string to sign ends with the SHA-256 of the canonical request, its date and scope are the request's, and the signature is the one sent. Here they disagree: the blocks come from different attempts (a retry signs again), the log was edited, or a hand-written signer hashed something other than what it logged (a canonical request hashed in another encoding than UTF-8).",
    );
    for (label, problem) in problems {
        f = f.with(label, problem);
    }
    Some(f)
}
