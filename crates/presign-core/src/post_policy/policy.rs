//! Stage 1 of a presigned POST: the policy document. The signature covers the base64 text
//! exactly as posted, so that text is kept as it is; the JSON inside is decoded only to show
//! it and to read its expiration and conditions (never written back).

use crate::encode::base64_decode;
use crate::input::json::{read_json, Json};
use crate::post_policy::conditions::{read_condition, Condition};
use crate::time::{parse_rfc3339, UnixTime};
use serde::Serialize;

/// What is wrong with a policy document, as far as reading it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PolicyProblem {
    /// Not base64 at all.
    NotBase64,
    /// Base64 with spaces or line breaks in it (a wrapped copy); read without them.
    WhiteSpace,
    /// The decoded bytes are not UTF-8.
    NotUtf8,
    NotJson {
        reason: String,
    },
    /// Read only by allowing what JSON forbids (listed in words).
    NotStrictJson {
        what: Vec<String>,
    },
    NoExpiration,
    BadExpiration {
        value: String,
    },
    NoConditions,
    /// A condition S3 cannot apply (wrong shape, unknown operator, bad numbers).
    BadCondition {
        index: usize,
        text: String,
        reason: String,
    },
}

/// A policy document, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyDocument {
    /// The base64 text exactly as posted: what the signature covers.
    pub base64: String,
    /// The decoded document (shown as text; CRLF line ends and blank lines kept).
    pub text: Option<String>,
    pub expiration_text: Option<String>,
    pub expiration: Option<UnixTime>,
    /// The conditions that could be read, in the order of the document.
    pub conditions: Vec<Condition>,
    pub problems: Vec<PolicyProblem>,
}

/// Decodes the `policy` field's value.
pub fn decode_policy(base64: &str) -> PolicyDocument {
    let mut doc = PolicyDocument {
        base64: base64.to_owned(),
        text: None,
        expiration_text: None,
        expiration: None,
        conditions: Vec::new(),
        problems: Vec::new(),
    };
    let bytes = if let Some(b) = base64_decode(base64) {
        b
    } else {
        let compact: String = base64
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let Some(b) = base64_decode(&compact).filter(|_| compact.len() < base64.len()) else {
            doc.problems.push(PolicyProblem::NotBase64);
            return doc;
        };
        doc.problems.push(PolicyProblem::WhiteSpace);
        b
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            doc.problems.push(PolicyProblem::NotUtf8);
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    doc.text = Some(text.clone());
    let read = match read_json(&text) {
        Ok(r) => r,
        Err(e) => {
            doc.problems.push(PolicyProblem::NotJson {
                reason: e.to_string(),
            });
            return doc;
        }
    };
    if !read.lenient.is_empty() {
        doc.problems.push(PolicyProblem::NotStrictJson {
            what: read
                .lenient
                .iter()
                .map(|l| l.describe().to_owned())
                .collect(),
        });
    }
    match read.value.get("expiration") {
        Some(Json::String(s)) => {
            doc.expiration = parse_rfc3339(s);
            if doc.expiration.is_none() {
                doc.problems
                    .push(PolicyProblem::BadExpiration { value: s.clone() });
            }
            doc.expiration_text = Some(s.clone());
        }
        Some(other) => doc.problems.push(PolicyProblem::BadExpiration {
            value: other.to_text(),
        }),
        None => doc.problems.push(PolicyProblem::NoExpiration),
    }
    match read.value.get("conditions") {
        Some(Json::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match read_condition(i + 1, item) {
                    Ok(conditions) => doc.conditions.extend(conditions),
                    Err(reason) => doc.problems.push(PolicyProblem::BadCondition {
                        index: i + 1,
                        text: item.to_text(),
                        reason,
                    }),
                }
            }
        }
        _ => doc.problems.push(PolicyProblem::NoConditions),
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post_policy::conditions::Rule;

    /// The S3 API Reference's `SigV4` POST example: CRLF line ends and a blank line inside.
    const DOCS_SIGV4: &str =
        include_str!("../../../../tests/fixtures/post-policy/docs/sigv4-docs-example.policy.b64");

    #[test]
    fn s3_documentation_example_decodes_without_rewriting() {
        let doc = decode_policy(DOCS_SIGV4.trim_end());
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        assert_eq!(doc.base64, DOCS_SIGV4.trim_end());
        let text = doc.text.unwrap();
        assert!(
            text.contains("\"\"],\r\n\r\n    {\"x-amz-credential\""),
            "{text:?}"
        );
        assert_eq!(
            doc.expiration_text.as_deref(),
            Some("2015-12-30T12:00:00.000Z")
        );
        assert_eq!(doc.expiration.unwrap().to_string(), "2015-12-30T12:00:00Z");
        assert_eq!(doc.conditions.len(), 11);
        assert_eq!(
            doc.conditions[1].rule,
            Rule::StartsWith {
                field: "key".into(),
                prefix: "user/user1/".into()
            }
        );
    }

    #[test]
    fn problems_are_named() {
        assert_eq!(
            decode_policy("not base64!").problems,
            [PolicyProblem::NotBase64]
        );
        // {"conditions": []} wrapped over two lines.
        let wrapped = decode_policy("eyJjb25kaXRp\nb25zIjogW119");
        assert_eq!(
            wrapped.problems,
            [PolicyProblem::WhiteSpace, PolicyProblem::NoExpiration]
        );
        // {"expiration": 5, "conditions": [["eq", "key", "a"]],}
        let bad = decode_policy(
            "eyJleHBpcmF0aW9uIjogNSwgImNvbmRpdGlvbnMiOiBbWyJlcSIsICJrZXkiLCAiYSJdXSx9",
        );
        assert!(
            matches!(bad.problems[0], PolicyProblem::NotStrictJson { .. }),
            "{:?}",
            bad.problems
        );
        assert_eq!(
            bad.problems[1],
            PolicyProblem::BadExpiration { value: "5".into() }
        );
        assert!(matches!(
            &bad.problems[2],
            PolicyProblem::BadCondition { index: 1, .. }
        ));
        // "{" alone.
        assert!(matches!(
            decode_policy("ew==").problems[..],
            [PolicyProblem::NotJson { .. }]
        ));
        // 0xff.
        assert!(decode_policy("/w==")
            .problems
            .contains(&PolicyProblem::NotUtf8));
    }
}
