//! The findings of a family's root-cause search (SigV4A, Azure SAS): one per change that made
//! the signature check out, with the variants tried as evidence. A search that finds nothing
//! adds nothing: the unexplained mismatch names no cause.

use crate::diagnose::root_cause::RootCauseSearch;
use crate::finding::{Code, Finding, Severity};
use std::fmt::Write as _;

/// The search's findings: one per change that reproduced (or verified) the signature.
pub fn root_cause_findings(search: &RootCauseSearch) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    if let Some(reason) = &search.skipped {
        out.push(
            Finding::new(
                Code::RootCauseSkipped,
                Severity::Info,
                "The root-cause search did not run",
                format!("Checking variants was skipped: {reason}. The signature check itself still ran."),
            )
            .with("reason", reason.clone()),
        );
        return out;
    }
    for m in &search.matches {
        for c in &m.changes {
            if out.iter().any(|f| f.code == c.code && f.title == c.title) {
                continue;
            }
            let mut detail = c.detail.clone();
            if m.changes.len() > 1 {
                let parts: Vec<&str> = m.changes.iter().map(|c| c.part.as_str()).collect();
                let _ = write!(
                    detail,
                    " (This variant changes {} together.)",
                    parts.join(" and ")
                );
            }
            out.push(
                Finding::new(c.code, Severity::Error, c.title.clone(), detail)
                    .with("sent", c.sent.clone())
                    .with("signed", c.signed.clone())
                    .with("variants-tried", search.variants_tried.to_string()),
            );
        }
    }
    out
}
