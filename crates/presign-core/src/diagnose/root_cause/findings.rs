//! From matches to findings: the words for each variant that reproduced the signature, and the
//! findings of a search (what each match changes, or that none matched).

use super::{
    bodies, case, hosts, keys, methods, params, paths, payload, query, Change, Reproduced,
    RootCauseSearch, SearchInput, Variant, VariantMatch,
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
            Variant::Method { signed, sent } => methods::change(*signed, *sent, input.signed),
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
            Variant::QueryReencoded { how } => query::reencoded_change(*how),
            Variant::QueryParamAdded { name, value } => query::added_change(name, value),
            Variant::QueryParamsAdded { names } => params::added_change(names),
            Variant::QueryTokenRemoved => params::token_removed_change(),
            Variant::QueryParamStripped { what } => params::stripped_change(*what),
            Variant::HeaderValue { name, signed } => super::headers::change(input, name, signed),
            Variant::PayloadHash { signed } => payload::change(input, signed),
            Variant::PathRules {
                mode,
                normalization,
            } => paths::change(input, *mode, *normalization, canonical_uri),
            Variant::PayloadBody { how } => bodies::change(input, *how, lines[5]),
            // Replaced by the search with the words of the alteration it undid.
            Variant::SignatureText => super::change(
                Code::SignatureAltered,
                "X-Amz-Signature",
                "",
                "",
                String::new(),
                String::new(),
            ),
        }
    }
}

/// Whether the method evaluated is the one sent (told by the user, curl or S3's body), or one
/// the page assumed: then a match with another method says what was signed, never what was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodTold {
    Told,
    NotTold,
}

/// The findings of a search: one per change of each matching variant. No match is no finding
/// here: `signature-mismatch` then says what remains possible (`diagnose::verdict`), and the
/// secret is never blamed for want of a match.
pub fn findings(search: &RootCauseSearch, method: MethodTold) -> Vec<Finding> {
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
        for (i, c) in m.changes.iter().enumerate() {
            if c.code == Code::MethodMismatch && method == MethodTold::NotTold {
                if let Some(signed) = HttpMethod::parse(&c.signed) {
                    if !out.iter().any(|f| f.code == Code::SignedMethod) {
                        out.push(crate::diagnose::request_checks::signed_method(signed));
                    }
                }
                continue;
            }
            let mut detail = c.detail.clone();
            let others: Vec<&str> = m
                .changes
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, o)| o.part.as_str())
                .collect();
            if !others.is_empty() {
                let _ = write!(
                    detail,
                    " The signature is reproduced only with the {} changed as well.",
                    others.join(" and the ")
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
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{with_input, Request};
    use super::super::{search, RootCauseSearch};
    use super::{findings, MethodTold};
    use crate::finding::{Code, Finding};
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

    /// No variant reproduces the signature: no finding blames anything (the verdict's
    /// `signature-mismatch` says what remains).
    #[test]
    fn no_match_no_finding() {
        let result = with_input(&Request::example(), &"0".repeat(64), search);
        assert!(result.variants_tried > 0 && result.matches.is_empty());
        assert!(findings(&result, MethodTold::Told).is_empty());
    }

    /// Not told which method was sent: a match with another method says what it was signed
    /// for, never "you sent".
    #[test]
    fn a_method_not_told_is_not_claimed() {
        let signed =
            Request::at("https://s3.amazonaws.com/examplebucket/test.txt").method(HttpMethod::Put);
        let sent = Request::example().method(HttpMethod::Get);
        let found = findings(&searched(&sent, &signed), MethodTold::NotTold);
        let codes: Vec<Code> = found.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::SignedMethod, Code::HostMismatch]);
        assert_eq!(found[0].title, "Signed for PUT");
        assert!(found.iter().all(|f| !f.title.contains("you sent")));
    }

    /// One finding per change; a variant of several changes says so in each detail.
    #[test]
    fn a_finding_per_change_of_a_match() {
        let signed =
            Request::at("https://s3.amazonaws.com/examplebucket/test.txt").method(HttpMethod::Put);
        let sent = Request::example().method(HttpMethod::Get);
        let found = findings(&searched(&sent, &signed), MethodTold::Told);
        let codes: Vec<Code> = found.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::MethodMismatch, Code::HostMismatch]);
        assert!(found[0]
            .detail
            .ends_with(" The signature is reproduced only with the host changed as well."));
        assert!(found[1]
            .detail
            .ends_with(" The signature is reproduced only with the method changed as well."));
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
        let found = findings(&searched(&sent, &Request::example()), MethodTold::Told);
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
        let found = findings(&result, MethodTold::Told);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::KeyEncoding);
        assert!(found[0]
            .detail
            .contains("form encoding writes a space as '+'"));
    }
}
