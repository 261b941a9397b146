//! From matches to findings: the words for each variant that reproduced the signature, and the
//! findings of a search (what each match changes, or that none matched).

use super::{
    case, hosts, keys, methods, payload, query, Change, Reproduced, RootCauseSearch, SearchInput,
    Variant, VariantMatch,
};
use crate::finding::{Code, Finding, Severity};
use crate::types::HttpMethod;
use std::fmt::Write;

/// A reproduced request as the report shows it: each change in words, and the canonical
/// request that was evidently signed.
pub(super) fn variant_match(
    input: &SearchInput<'_>,
    sent: HttpMethod,
    reproduced: &Reproduced<'_>,
) -> VariantMatch {
    let lines = &reproduced.lines;
    VariantMatch {
        changes: reproduced
            .variants(sent)
            .iter()
            .map(|v| v.change(input, lines))
            .collect(),
        canonical_request_text: lines.join("\n"),
    }
}

impl Variant {
    /// This variant in words; `lines` are the canonical request it was found in.
    fn change(&self, input: &SearchInput<'_>, lines: &[&str; 6]) -> Change {
        let canonical_uri = lines[1];
        match self {
            Variant::Method { signed, sent } => methods::change(*signed, *sent),
            Variant::Host {
                signed,
                host_style,
                path_style,
                raw_path,
            } => hosts::change(input, signed, (*host_style, *path_style), raw_path),
            Variant::OtherStyle { signed } => hosts::other_style_change(input, signed),
            Variant::KeyEncoding { signed, how } => {
                keys::change(input, signed, *how, canonical_uri)
            }
            Variant::KeyCase { signed, how } => {
                case::key_change(input, signed, *how, canonical_uri)
            }
            Variant::BucketCase { signed } => case::bucket_change(input, signed),
            Variant::QueryPlus => query::plus_change(),
            Variant::QueryDoubleEncoded => query::double_encoded_change(),
            Variant::QueryParamAdded { name, value } => query::added_change(name, value),
            Variant::HeaderValue { name, signed } => super::headers::change(input, name, signed),
            Variant::PayloadHash { signed } => payload::change(input, signed),
        }
    }
}

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
                let _ = write!(
                    detail,
                    " (This variant changes {} together.)",
                    together.join(" and ")
                );
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

#[cfg(test)]
mod tests {
    use super::super::testing::{with_input, Request};
    use super::super::{search, RootCauseSearch};
    use super::findings;
    use crate::finding::{Code, Finding, Severity};
    use crate::types::HttpMethod;

    fn evidence<'f>(f: &'f Finding, label: &str) -> &'f str {
        f.evidence
            .iter()
            .find(|e| e.label == label)
            .map_or_else(|| panic!("no {label} in {f:?}"), |e| e.value.as_str())
    }

    fn searched(sent: &Request, signed: &Request) -> RootCauseSearch {
        with_input(sent, &signed.signature(), search)
    }

    #[test]
    fn wrong_secret_likely_when_no_variant_matches() {
        let result = with_input(&Request::example(), &"0".repeat(64), search);
        let found = findings(&result, "AKIAIOSFODNN7EXAMPLE", false);
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(
            (f.code, f.severity),
            (Code::WrongSecretLikely, Severity::Error)
        );
        assert_eq!(
            f.title,
            "The secret most likely does not belong to AKIAIOSFODNN7EXAMPLE"
        );
        assert_eq!(
            evidence(f, "variants-tried"),
            result.variants_tried.to_string()
        );
        // A request problem reported elsewhere may explain it: a warning, and a hedge.
        let hedged = &findings(&result, "AKIAIOSFODNN7EXAMPLE", true)[0];
        assert_eq!(hedged.severity, Severity::Warning);
        assert!(hedged.detail.ends_with("its value cannot be guessed."));
    }

    /// One finding per change; a variant of several changes says so in each detail.
    #[test]
    fn a_finding_per_change_of_a_match() {
        let signed =
            Request::at("https://s3.amazonaws.com/examplebucket/test.txt").method(HttpMethod::Put);
        let sent = Request::example().method(HttpMethod::Get);
        let found = findings(&searched(&sent, &signed), "AKIAIOSFODNN7EXAMPLE", false);
        let codes: Vec<Code> = found.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::MethodMismatch, Code::HostMismatch]);
        assert!(found[0]
            .detail
            .ends_with(" (This variant changes method and host together.)"));
        assert_eq!(
            (evidence(&found[0], "sent"), evidence(&found[0], "signed")),
            ("GET", "PUT")
        );
        assert_eq!(evidence(&found[1], "signed"), "s3.amazonaws.com");
    }

    /// A request sent in the other addressing style is a host change, and only that: a key
    /// variant that leaves the key as it is (lower-case hex of a key without escapes) under
    /// the other style's path is not also reported as a key encoding.
    #[test]
    fn the_other_addressing_style_alone() {
        let sent = Request::at("https://s3.amazonaws.com/examplebucket/test.txt");
        let found = findings(
            &searched(&sent, &Request::example()),
            "AKIAIOSFODNN7EXAMPLE",
            false,
        );
        let titles: Vec<&str> = found.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(titles, ["This URL was signed for host examplebucket.s3.amazonaws.com, the request goes to s3.amazonaws.com"]);
    }

    /// Two matches that name the same change give one finding.
    #[test]
    fn the_same_change_once() {
        let signed = Request::at("https://examplebucket.s3.amazonaws.com/my%20file.txt");
        let sent = Request::at("https://examplebucket.s3.amazonaws.com/my+file.txt");
        let result = searched(&sent, &signed);
        assert_eq!(result.matches.len(), 2);
        let found = findings(&result, "AKIAIOSFODNN7EXAMPLE", false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::KeyEncoding);
        assert!(found[0]
            .detail
            .contains("form encoding writes a space as '+'"));
    }
}
