//! The findings of a search: what each matching variant changes, or that none matched.

use super::RootCauseSearch;
use crate::finding::{Code, Finding, Severity};

/// The findings of a search: one per change of each matching variant, or `wrong-secret-likely`.
pub fn findings(
    search: &RootCauseSearch,
    access_key_id: &str,
    request_explains: bool,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    if let Some(reason) = &search.skipped {
        out.push(
            Finding::new(
                Code::RootCauseSkipped,
                Severity::Info,
                "The root-cause search did not run",
                format!("Re-signing variants was skipped: {reason}. The signature check itself still ran."),
            )
            .with("reason", reason.clone()),
        );
        return out;
    }
    for m in &search.matches {
        let together: Vec<String> = m.changes.iter().map(|c| c.part.clone()).collect();
        for c in &m.changes {
            let mut detail = c.detail.clone();
            if m.changes.len() > 1 {
                detail.push_str(&format!(
                    " (This variant changes {} together.)",
                    together.join(" and ")
                ));
            }
            if out.iter().any(|f| f.code == c.code && f.title == c.title) {
                continue;
            }
            out.push(
                Finding::new(c.code, Severity::Error, c.title.clone(), detail)
                    .with("sent", c.sent.clone())
                    .with("signed", c.signed.clone())
                    .with("variants-tried", search.variants_tried.to_string()),
            );
        }
    }
    if search.matches.is_empty() {
        let (severity, hedge) = if request_explains {
            (Severity::Warning, " Fix the request problems reported above first: a missing or unsigned header also changes the signature, and its value cannot be guessed.")
        } else {
            (Severity::Error, "")
        };
        out.push(
            Finding::new(
                Code::WrongSecretLikely,
                severity,
                format!("The secret most likely does not belong to {access_key_id}"),
                format!(
                    "None of {} re-signed variants (other methods, hosts, key encodings and case, query encodings, header values) reproduces the signature in the URL. The most likely cause is that the secret access key typed here is not the one that belongs to access key id {access_key_id} (or the URL was signed with other credentials, e.g. a rotated key or another profile). Check which credentials presigned the URL (aws sts get-caller-identity in the same environment).{hedge}",
                    search.variants_tried
                ),
            )
            .with("access-key-id", access_key_id)
            .with("variants-tried", search.variants_tried.to_string()),
        );
    }
    out
}
