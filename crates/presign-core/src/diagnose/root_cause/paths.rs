//! Paths (header-signed requests): the path signed by another service's rules. S3 signs the
//! path as sent (encoded once, `//` and `.` kept); every other service removes dot segments and
//! empty segments and encodes the path as sent once more. A signer configured for the wrong
//! service, or one that forgets a step, signs another canonical URI than the service builds.

use super::{Candidate, Change, SearchInput, Variant};
use crate::finding::Code;
use crate::sigv4::canonical_request::{canonical_uri, PathNormalization, PercentEncodingMode};
use crate::sigv4::verify::service_rules;

/// The rules of a canonical URI, every combination.
const RULES: [(PercentEncodingMode, PathNormalization); 4] = [
    (PercentEncodingMode::Single, PathNormalization::Keep),
    (PercentEncodingMode::Double, PathNormalization::Keep),
    (PercentEncodingMode::Single, PathNormalization::Normalize),
    (PercentEncodingMode::Double, PathNormalization::Normalize),
];

/// The path under each other combination of rules that gives another canonical URI, one rule
/// changed before both: when two give the same URI, the closer one names the cause.
pub(super) fn candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let own = service_rules(&input.scope.service);
    let mut rules = RULES;
    rules.sort_by_key(|&(m, n)| usize::from(m != own.0) + usize::from(n != own.1));
    let mut seen = vec![input.canonical_request.canonical_uri.clone()];
    for (mode, normalization) in rules {
        let uri = canonical_uri(&input.url.raw_path, mode, normalization);
        if seen.contains(&uri) {
            continue;
        }
        seen.push(uri.clone());
        out.push(
            Candidate::new(Variant::PathRules {
                mode,
                normalization,
            })
            .uri(uri),
        );
    }
}

/// The words for the path signed as `canonical_uri` by these rules.
pub(super) fn change(
    input: &SearchInput<'_>,
    mode: PercentEncodingMode,
    normalization: PathNormalization,
    canonical_uri: &str,
) -> Change {
    let service = &input.scope.service;
    let (own_mode, own_normalization) = service_rules(service);
    let sent = &input.canonical_request.canonical_uri;
    let s3 = own_mode == PercentEncodingMode::Single;
    let (code, title, why) = if s3 {
        (
            Code::KeyEncoding,
            format!("The path was signed by another service's rules: {canonical_uri}, S3 signs {sent}"),
            "S3 signs the path as sent: it does not remove . or .. segments or //, and does not encode the path again. The signer applied the rules of other services (a signing name other than s3, a hand-written signer, curl's --aws-sigv4 for S3 Express, whose opt-out names s3-express rather than s3express).".to_owned(),
        )
    } else if mode != own_mode {
        (
            Code::PathEncoding,
            format!("The path was encoded {}, {service} encodes it {}", times(mode), times(own_mode)),
            format!("Every AWS service but S3 encodes the path as sent once more for the canonical request (%20 becomes %2520, %3A becomes %253A); the signer {}. Sign with {service}'s rules (botocore's SigV4Auth, not S3SigV4Auth; the AWS SDK for JavaScript's SignatureV4 with uriEscapePath, its default).", if mode == PercentEncodingMode::Single { "treated the request like an S3 one and encoded it once" } else { "encoded it once more than that" }),
        )
    } else {
        let (did, should) = match normalization {
            PathNormalization::Keep => (
                "kept . and .. segments and empty segments (//) as sent",
                "removes them",
            ),
            PathNormalization::Normalize => (
                "removed . and .. segments and empty segments (//)",
                "keeps them",
            ),
        };
        let _ = own_normalization;
        (
            Code::PathNormalization,
            format!("The path was signed as {canonical_uri}, {service} signs {sent}"),
            format!("The signer {did}, but {service} {should} before it signs. Send the path in its normal form (/a/b rather than /a//./b), or sign with {service}'s rules (aws-c-auth's should_normalize_uri_path; botocore normalizes)."),
        )
    };
    super::change(
        code,
        "path",
        sent.as_str(),
        canonical_uri,
        title,
        format!(
            "Re-signing with the canonical URI {canonical_uri} reproduces the signature. {why}"
        ),
    )
}

fn times(mode: PercentEncodingMode) -> &'static str {
    match mode {
        PercentEncodingMode::Single => "once",
        PercentEncodingMode::Double => "twice",
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, Request, QUERY};
    use super::super::Variant;
    use super::candidates;
    use crate::sigv4::canonical_request::{PathNormalization, PercentEncodingMode};

    /// A request to API Gateway (scope service execute-api), its path with a space.
    fn api_gateway(path: &str) -> Request {
        Request::at_with_query(
            &format!("https://abc123.execute-api.us-east-1.amazonaws.com{path}"),
            &QUERY.replace("%2Fus-east-1%2Fs3%2F", "%2Fus-east-1%2Fexecute-api%2F"),
        )
    }

    /// Signed with S3's rule (encoded once): the service encodes twice.
    #[test]
    fn encoded_once_for_a_service_that_encodes_twice() {
        let sent = api_gateway("/prod/my%20file.txt");
        let signed = sent.signature_with(|c| c.canonical_uri = "/prod/my%20file.txt".to_owned());
        let (variants, words) = found(&sent, &signed, candidates);
        assert_eq!(
            variants,
            [[Variant::PathRules {
                mode: PercentEncodingMode::Single,
                normalization: PathNormalization::Normalize
            }]]
        );
        assert_eq!(
            words[0][0].title,
            "The path was encoded once, execute-api encodes it twice"
        );
        assert_eq!(words[0][0].sent, "/prod/my%2520file.txt");
    }

    /// Signed without removing `//` and `.`: the closer rule (one change) names the cause.
    #[test]
    fn not_normalized() {
        let sent = api_gateway("/prod//a/./b");
        let signed = sent.signature_with(|c| c.canonical_uri = "/prod//a/./b".to_owned());
        assert_eq!(
            variants_found(&sent, &signed, candidates),
            [[Variant::PathRules {
                mode: PercentEncodingMode::Double,
                normalization: PathNormalization::Keep
            }]]
        );
        assert!(variants_found(&sent, &sent.signature(), candidates).is_empty());
    }
}
