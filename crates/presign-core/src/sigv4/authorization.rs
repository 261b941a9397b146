//! Stage 0 of a header-signed request: the `Authorization: AWS4-HMAC-SHA256 …` header read into
//! its three parts, as the service reads it.
//!
//! SDKs join the parts with `, ` (botocore, the AWS SDK for JavaScript); the S3 documentation's
//! own examples join them with `,` alone, and AWS accepts both. The service splits the value on
//! commas and white space and wants every piece to be `key=value`: a space after
//! `Credential=` leaves a piece without `=`, which AWS answers with `IncompleteSignature` ("not a
//! valid key=value pair (missing equal-sign)"), so the reader does the same.

use crate::encode::is_hex;
use crate::sigv4::params::{CredentialScope, AWS4_HMAC_SHA256, REDACTED_SIGNATURE};
use serde::Serialize;

/// The header's name.
pub const AUTHORIZATION: &str = "Authorization";
/// `SigV4A`'s algorithm (multi-region access points), signed with an ECDSA key.
pub const AWS4_ECDSA_P256_SHA256: &str = "AWS4-ECDSA-P256-SHA256";

/// How the three parts are separated, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartSeparator {
    /// `, ` as the SDKs write it.
    CommaSpace,
    /// `,` alone, as in the S3 documentation's examples (AWS accepts it too).
    Comma,
    /// Anything else that still reads: several spaces, a mix.
    Other,
}

/// What is wrong with the header, in the service's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AuthorizationProblem {
    /// Another scheme: `Basic` (curl `--user`), `Bearer`, `SigV2`'s `AWS AKID:sig`, or nothing.
    NotSigV4 { scheme: String },
    /// `SigV4`'s other algorithm, or an unknown `AWS4-…` one.
    OtherAlgorithm { algorithm: String },
    /// `Credential`, `SignedHeaders` or `Signature` is absent.
    MissingPart { name: &'static str },
    /// A piece without `=`: what a space after `Credential=` or a stray word leaves.
    NotKeyValue { piece: String },
    /// A part given twice.
    Duplicate { name: &'static str },
    /// A `key=value` piece with a key the service does not know (often a miscased one).
    UnknownPart { key: String },
    /// The credential has not exactly five `/`-separated parts.
    CredentialParts { value: String, parts: usize },
    /// The signature is not 64 lower-case hex digits.
    MalformedSignature { value: String },
    /// `host` is not among the signed headers.
    HostNotSigned,
    /// `Signature=REDACTED`: the sender of a share link removed it.
    Redacted,
}

/// The `Authorization` header, each part read as far as it can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Authorization {
    /// The algorithm as written (the first word).
    pub algorithm: String,
    pub credential: Option<CredentialScope>,
    /// `Credential=` as written, for messages.
    pub credential_text: Option<String>,
    /// Header names as listed in `SignedHeaders`, in their order.
    pub signed_headers: Vec<String>,
    pub signature: Option<String>,
    pub separator: PartSeparator,
    pub problems: Vec<AuthorizationProblem>,
}

impl Authorization {
    /// Whether the header can be checked: the algorithm is AWS4-HMAC-SHA256 and all three parts
    /// read (a malformed signature is still compared, and fails; a redacted one is not).
    pub fn is_checkable(&self) -> bool {
        self.algorithm == AWS4_HMAC_SHA256
            && self.credential.is_some()
            && !self.signed_headers.is_empty()
            && self
                .signature
                .as_deref()
                .is_some_and(|s| s != REDACTED_SIGNATURE)
    }

    /// Whether `name` (any case) is listed in `SignedHeaders`.
    pub fn signs(&self, name: &str) -> bool {
        self.signed_headers
            .iter()
            .any(|h| h.trim().eq_ignore_ascii_case(name))
    }
}

/// Reads the value of an `Authorization` header.
pub fn parse_authorization(value: &str) -> Authorization {
    let value = value.trim();
    let (algorithm, rest) = value
        .split_once(|c: char| c.is_ascii_whitespace())
        .unwrap_or((value, ""));
    let mut auth = Authorization {
        algorithm: algorithm.to_owned(),
        credential: None,
        credential_text: None,
        signed_headers: Vec::new(),
        signature: None,
        separator: separator_of(rest),
        problems: Vec::new(),
    };
    if algorithm != AWS4_HMAC_SHA256 {
        auth.problems.push(if algorithm.starts_with("AWS4-") {
            AuthorizationProblem::OtherAlgorithm {
                algorithm: algorithm.to_owned(),
            }
        } else {
            AuthorizationProblem::NotSigV4 {
                scheme: algorithm.to_owned(),
            }
        });
        // SigV4A has the same three parts: read them for the decoded view.
        if algorithm != AWS4_ECDSA_P256_SHA256 {
            return auth;
        }
    }
    let [credential, signed_headers, signature] = read_parts(rest, &mut auth.problems);
    for (name, part) in [
        ("Credential", &credential),
        ("SignedHeaders", &signed_headers),
        ("Signature", &signature),
    ] {
        if part.is_none() {
            auth.problems
                .push(AuthorizationProblem::MissingPart { name });
        }
    }
    if let Some(text) = credential {
        auth.credential = CredentialScope::parse(&text);
        if auth.credential.is_none() {
            auth.problems.push(AuthorizationProblem::CredentialParts {
                parts: if text.is_empty() {
                    0
                } else {
                    text.split('/').count()
                },
                value: text.clone(),
            });
        }
        auth.credential_text = Some(text);
    }
    if let Some(list) = signed_headers {
        auth.signed_headers = list
            .split(';')
            .filter(|h| !h.is_empty())
            .map(str::to_owned)
            .collect();
        if !auth.signed_headers.is_empty() && !auth.signs("host") {
            auth.problems.push(AuthorizationProblem::HostNotSigned);
        }
    }
    if let Some(sig) = signature.as_deref().filter(|s| *s == REDACTED_SIGNATURE) {
        auth.problems.push(AuthorizationProblem::Redacted);
        auth.signature = Some(sig.to_owned());
        return auth;
    }
    if let Some(sig) = &signature {
        let lower_hex = is_hex(sig.as_bytes()) && !sig.bytes().any(|b| b.is_ascii_uppercase());
        if sig.len() != 64 || !lower_hex {
            auth.problems
                .push(AuthorizationProblem::MalformedSignature { value: sig.clone() });
        }
    }
    auth.signature = signature;
    auth
}

/// `Credential`, `SignedHeaders` and `Signature` as written, split on commas and white space as
/// the service splits them; what does not read as one of them is a problem.
fn read_parts(rest: &str, problems: &mut Vec<AuthorizationProblem>) -> [Option<String>; 3] {
    const NAMES: [&str; 3] = ["Credential", "SignedHeaders", "Signature"];
    let mut parts: [Option<String>; 3] = [None, None, None];
    for piece in rest
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|p| !p.is_empty())
    {
        let Some((key, value)) = piece.split_once('=') else {
            problems.push(AuthorizationProblem::NotKeyValue {
                piece: piece.to_owned(),
            });
            continue;
        };
        let Some(i) = NAMES.iter().position(|n| *n == key) else {
            problems.push(AuthorizationProblem::UnknownPart {
                key: key.to_owned(),
            });
            continue;
        };
        if parts[i].is_some() {
            problems.push(AuthorizationProblem::Duplicate { name: NAMES[i] });
        } else {
            parts[i] = Some(value.to_owned());
        }
    }
    parts
}

/// How the parts after the algorithm are separated.
fn separator_of(rest: &str) -> PartSeparator {
    let separators: Vec<&str> = rest
        .match_indices(',')
        .map(|(i, _)| {
            let after = &rest[i + 1..];
            let spaces = after.len() - after.trim_start().len();
            &rest[i..=i + spaces]
        })
        .collect();
    if separators.is_empty() || separators.iter().all(|s| *s == ", ") {
        PartSeparator::CommaSpace
    } else if separators.iter().all(|s| *s == ",") {
        PartSeparator::Comma
    } else {
        PartSeparator::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The AWS General Reference's header (aws-c-auth suite, get-vanilla).
    #[test]
    fn sdk_form() {
        let a = parse_authorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        assert!(a.is_checkable());
        let scope = a.credential.as_ref().unwrap();
        assert_eq!(
            (scope.access_key_id.as_str(), scope.service.as_str()),
            ("AKIDEXAMPLE", "service")
        );
        assert_eq!(a.signed_headers, ["host", "x-amz-date"]);
        assert_eq!(a.separator, PartSeparator::CommaSpace);
    }

    /// The S3 API Reference writes the parts with `,` alone.
    #[test]
    fn s3_documentation_form() {
        let a = parse_authorization("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        assert_eq!(a.separator, PartSeparator::Comma);
        assert_eq!(a.signed_headers.len(), 4);
    }

    /// A space after `Credential=` (cloud9-sync issue 10): AWS's `IncompleteSignature`.
    #[test]
    fn space_after_equals() {
        let a = parse_authorization("AWS4-HMAC-SHA256 Credential= myaccesskey/20181128/eu-central-1/cloud9/aws4_request, SignedHeaders=content-length;host, Signature=00");
        assert!(a.problems.contains(&AuthorizationProblem::NotKeyValue {
            piece: "myaccesskey/20181128/eu-central-1/cloud9/aws4_request".to_owned()
        }));
        assert!(a
            .problems
            .iter()
            .any(|p| matches!(p, AuthorizationProblem::CredentialParts { parts: 0, .. })));
        assert!(!a.is_checkable());
    }

    #[test]
    fn other_schemes_and_parts() {
        let basic = parse_authorization("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
        assert_eq!(
            basic.problems,
            [AuthorizationProblem::NotSigV4 {
                scheme: "Basic".to_owned()
            }]
        );
        let missing = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/sts/aws4_request",
        );
        assert!(missing
            .problems
            .contains(&AuthorizationProblem::MissingPart { name: "Signature" }));
        let odd = parse_authorization(
            "AWS4-HMAC-SHA256 credential=A/B/C/D/E, SignedHeaders=x-amz-date, Signature=ABC",
        );
        assert!(odd.problems.contains(&AuthorizationProblem::UnknownPart {
            key: "credential".to_owned()
        }));
        assert!(odd.problems.contains(&AuthorizationProblem::HostNotSigned));
        assert!(odd
            .problems
            .iter()
            .any(|p| matches!(p, AuthorizationProblem::MalformedSignature { .. })));
        let sigv4a = parse_authorization("AWS4-ECDSA-P256-SHA256 Credential=A/20150830/s3/aws4_request, SignedHeaders=host, Signature=3045");
        assert!(matches!(
            sigv4a.problems[0],
            AuthorizationProblem::OtherAlgorithm { .. }
        ));
        assert_eq!(sigv4a.signed_headers, ["host"]);
        assert_eq!(parse_authorization("").problems.len(), 1);
    }
}
