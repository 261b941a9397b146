//! Stage 2 of a presigned POST: the policy's conditions, each in plain words, and each checked
//! against the fields S3 reads and the file, as S3 checks them (S3 API Reference, "POST
//! Policy"): field names with ASCII case ignored, values exactly, `${filename}` expanded before
//! any check, a `Content-Type` with commas as a list for `starts-with`, and `bucket` against the
//! bucket the form posts to.

use crate::input::json::Json;
use crate::post_policy::size_words;
use serde::Serialize;

/// What a condition demands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Rule {
    /// `{"acl": "public-read"}` or `["eq", "$acl", "public-read"]`.
    Eq { field: String, value: String },
    /// `["starts-with", "$key", "user/"]` (an empty prefix allows any value).
    StartsWith { field: String, prefix: String },
    /// `["content-length-range", min, max]`: the file's size in bytes, both ends included.
    ContentLengthRange { min: u64, max: u64 },
}

impl Rule {
    /// The form field the rule is about (`None` for the file's size).
    pub fn field(&self) -> Option<&str> {
        match self {
            Rule::Eq { field, .. } | Rule::StartsWith { field, .. } => Some(field),
            Rule::ContentLengthRange { .. } => None,
        }
    }
}

/// One condition of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// Its position in `conditions`, from 1 (an object with two members gives two conditions
    /// with one index).
    pub index: usize,
    /// The condition written as S3 quotes it in "Policy Condition failed: …".
    pub text: String,
    pub rule: Rule,
}

/// Reads one element of `conditions`; `Err` says why S3 cannot apply it.
pub fn read_condition(index: usize, item: &Json) -> Result<Vec<Condition>, String> {
    match item {
        Json::Object(members) if !members.is_empty() => members
            .iter()
            .map(|(name, value)| match value {
                Json::String(v) => Ok(Condition {
                    index,
                    text: Json::Object(vec![(name.clone(), value.clone())]).to_text(),
                    rule: Rule::Eq {
                        field: name.clone(),
                        value: v.clone(),
                    },
                }),
                _ => Err(format!("the value of \u{201c}{name}\u{201d} is not a string")),
            })
            .collect(),
        Json::Array(items) => {
            let text = item.to_text();
            let op = items.first().and_then(Json::as_str).unwrap_or("");
            let rule = match (op, items.get(1..).unwrap_or_default()) {
                ("eq" | "starts-with", [Json::String(field), Json::String(value)]) => {
                    let Some(field) = field.strip_prefix('$') else {
                        return Err(format!("the field name \u{201c}{field}\u{201d} must start with $"));
                    };
                    let field = field.to_owned();
                    if op == "eq" {
                        Rule::Eq { field, value: value.clone() }
                    } else {
                        Rule::StartsWith { field, prefix: value.clone() }
                    }
                }
                ("content-length-range", [min, max]) => match (size(min), size(max)) {
                    (Some(min), Some(max)) if min <= max => Rule::ContentLengthRange { min, max },
                    (Some(_), Some(_)) => return Err("the minimum is larger than the maximum".to_owned()),
                    _ => return Err("the bounds must be whole numbers of bytes".to_owned()),
                },
                ("eq" | "starts-with" | "content-length-range", _) => {
                    return Err(format!("\u{201c}{op}\u{201d} takes two more items, a field name and a value (or two sizes)"));
                }
                _ => return Err(format!("\u{201c}{op}\u{201d} is not a condition S3 knows (eq, starts-with, content-length-range)")),
            };
            Ok(vec![Condition { index, text, rule }])
        }
        _ => Err("a condition is an object {\"field\": \"value\"} or an array [\"eq\", \"$field\", \"value\"]".to_owned()),
    }
}

/// A size bound: a JSON integer (SDKs write numbers; a string of digits is read too).
fn size(value: &Json) -> Option<u64> {
    match value {
        Json::Number(n) | Json::String(n) => n.parse().ok(),
        _ => None,
    }
}

/// The condition in plain words.
pub fn sentence(rule: &Rule) -> String {
    match rule {
        Rule::Eq { field, value } if field.eq_ignore_ascii_case("bucket") => {
            format!("the form must post to the bucket \u{201c}{value}\u{201d}")
        }
        Rule::Eq { field, value } if field.eq_ignore_ascii_case("key") => {
            format!("the key must be exactly \u{201c}{value}\u{201d}")
        }
        Rule::Eq { field, value } => format!("{field} must be \u{201c}{value}\u{201d}"),
        Rule::StartsWith { field, prefix } if prefix.is_empty() => {
            format!("{field} may have any value")
        }
        Rule::StartsWith { field, prefix } if field.eq_ignore_ascii_case("key") => {
            format!("the key must start with \u{201c}{prefix}\u{201d}")
        }
        Rule::StartsWith { field, prefix } => {
            format!("{field} must start with \u{201c}{prefix}\u{201d}")
        }
        Rule::ContentLengthRange { min, max } => {
            format!(
                "the file must be {}\u{2013}{}",
                size_words(*min),
                size_words(*max)
            )
        }
    }
}

/// Whether a condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Holds,
    Fails,
    /// The input does not tell (no file size, no file name for `${filename}`, no bucket).
    Unknown,
}

/// A condition checked: the outcome and, in words, the value it was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub outcome: Outcome,
    pub detail: String,
}

impl Check {
    fn new(outcome: Outcome, detail: impl Into<String>) -> Self {
        Check {
            outcome,
            detail: detail.into(),
        }
    }
}

/// What S3 checks the conditions against.
pub struct Submission<'a> {
    /// The fields S3 reads (before the file), as sent: `(name, value, value known)`.
    pub fields: Vec<(&'a str, &'a str, bool)>,
    /// The bucket the form posts to, if the URL says.
    pub bucket: Option<&'a str>,
    /// The name of the file chosen (for `${filename}`).
    pub filename: Option<&'a str>,
    pub file_size: Option<u64>,
}

/// A field value with `${filename}` expanded: `Err(prefix)` when the file name is not known
/// (only the text before it is).
fn expanded<'v>(
    value: &'v str,
    filename: Option<&str>,
) -> Result<std::borrow::Cow<'v, str>, &'v str> {
    const VARIABLE: &str = "${filename}";
    match (value.find(VARIABLE), filename) {
        (None, _) => Ok(value.into()),
        (Some(_), Some(name)) => {
            // Browsers may send a path; S3 uses what follows the last slash or backslash.
            let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
            Ok(value.replace(VARIABLE, base).into())
        }
        (Some(at), None) => Err(value.get(..at).unwrap_or("")),
    }
}

/// Checks `rule` against what S3 receives.
pub fn evaluate(rule: &Rule, s: &Submission<'_>) -> Check {
    let (field, want_eq, want_prefix) = match rule {
        Rule::ContentLengthRange { min, max } => {
            return match s.file_size {
                None => Check::new(
                    Outcome::Unknown,
                    "the file's size is not known: choose the file (or give --file-size)",
                ),
                Some(n) if n < *min => Check::new(
                    Outcome::Fails,
                    format!(
                        "the file is {}, smaller than {}",
                        size_words(n),
                        size_words(*min)
                    ),
                ),
                Some(n) if n > *max => Check::new(
                    Outcome::Fails,
                    format!(
                        "the file is {}, larger than {}",
                        size_words(n),
                        size_words(*max)
                    ),
                ),
                Some(n) => Check::new(Outcome::Holds, format!("the file is {}", size_words(n))),
            };
        }
        Rule::Eq { field, value } => (field.as_str(), Some(value.as_str()), None),
        Rule::StartsWith { field, prefix } => (field.as_str(), None, Some(prefix.as_str())),
    };
    let found = s
        .fields
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(field));
    let value = if field.eq_ignore_ascii_case("bucket") && s.bucket.is_some() {
        s.bucket.map(|b| (b, true))
    } else {
        found.map(|&(_, v, known)| (v, known))
    };
    let Some((value, known)) = value else {
        if want_prefix == Some("") {
            return Check::new(
                Outcome::Holds,
                format!("the form has no {field} field, and any value is allowed"),
            );
        }
        if field.eq_ignore_ascii_case("bucket") {
            return Check::new(
                Outcome::Unknown,
                "the bucket is not known: give the URL the form posts to",
            );
        }
        return Check::new(Outcome::Fails, format!("the form has no {field} field"));
    };
    if !known {
        return Check::new(
            Outcome::Unknown,
            format!("the value of {field} is read from a file"),
        );
    }
    let shown = |v: &str| format!("{field} is \u{201c}{v}\u{201d}");
    let value = match expanded(value, s.filename) {
        Ok(v) => v,
        Err(before) => {
            let detail =
                format!("{field} is \u{201c}{value}\u{201d}, and the file's name is not known");
            return match (want_eq, want_prefix) {
                // After expansion the value cannot be the literal text with ${filename} in it.
                (Some(want), _) if want.contains("${filename}") || !want.starts_with(before) => {
                    Check::new(Outcome::Fails, detail)
                }
                (Some(_), _) => Check::new(Outcome::Unknown, detail),
                (_, Some(p)) if before.starts_with(p) => Check::new(Outcome::Holds, detail),
                (_, Some(p)) if p.starts_with(before) => Check::new(Outcome::Unknown, detail),
                _ => Check::new(Outcome::Fails, detail),
            };
        }
    };
    let holds = match (want_eq, want_prefix) {
        (Some(want), _) => value == want,
        (_, Some(p)) if field.eq_ignore_ascii_case("Content-Type") && value.contains(',') => {
            value.split(',').all(|v| v.trim().starts_with(p))
        }
        (_, Some(p)) => value.starts_with(p),
        _ => true,
    };
    Check::new(
        if holds {
            Outcome::Holds
        } else {
            Outcome::Fails
        },
        shown(&value),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::json::read_json;

    fn rules(policy_conditions: &str) -> Vec<Rule> {
        let Json::Array(items) = read_json(policy_conditions).unwrap().value else {
            panic!()
        };
        items
            .iter()
            .enumerate()
            .flat_map(|(i, c)| read_condition(i + 1, c).unwrap())
            .map(|c| c.rule)
            .collect()
    }

    #[test]
    fn reads_and_words_each_kind() {
        let r = rules(
            r#"[{"bucket": "b", "acl": "private"}, ["starts-with", "$key", "uploads/"], ["eq", "$Content-Type", "image/png"], ["starts-with", "$x-amz-meta-tag", ""], ["content-length-range", 1, 10485760]]"#,
        );
        let words: Vec<String> = r.iter().map(sentence).collect();
        assert_eq!(
            words,
            [
                "the form must post to the bucket \u{201c}b\u{201d}",
                "acl must be \u{201c}private\u{201d}",
                "the key must start with \u{201c}uploads/\u{201d}",
                "Content-Type must be \u{201c}image/png\u{201d}",
                "x-amz-meta-tag may have any value",
                "the file must be 1 B\u{2013}10 MiB",
            ]
        );
    }

    #[test]
    fn refuses_what_s3_cannot_apply() {
        for bad in [
            r#"["eq", "key", "a"]"#,
            r#"["ends-with", "$key", "a"]"#,
            r#"["content-length-range", 10, 1]"#,
            r#"["content-length-range", "a", 1]"#,
            r#"["eq", "$a"]"#,
            r#"{"a": 1}"#,
            r"{}",
            "7",
        ] {
            let item = read_json(bad).unwrap().value;
            assert!(read_condition(1, &item).is_err(), "{bad}");
        }
    }

    fn submission<'a>(fields: &[(&'a str, &'a str)]) -> Submission<'a> {
        Submission {
            fields: fields.iter().map(|&(n, v)| (n, v, true)).collect(),
            bucket: Some("b"),
            filename: None,
            file_size: None,
        }
    }

    #[test]
    fn checks_as_s3_does() {
        let s = submission(&[
            ("Key", "uploads/${filename}"),
            ("content-type", "image/png,image/gif"),
            ("ACL", "private"),
        ]);
        let check = |json: &str| evaluate(&rules(&format!("[{json}]"))[0], &s).outcome;
        // Field names with case ignored; values exactly.
        assert_eq!(check(r#"{"acl": "private"}"#), Outcome::Holds);
        assert_eq!(check(r#"{"acl": "Private"}"#), Outcome::Fails);
        // ${filename} is expanded first: an exact key condition with it cannot hold.
        assert_eq!(
            check(r#"["starts-with", "$key", "uploads/"]"#),
            Outcome::Holds
        );
        assert_eq!(check(r#"{"key": "uploads/${filename}"}"#), Outcome::Fails);
        assert_eq!(check(r#"{"key": "uploads/a.png"}"#), Outcome::Unknown);
        assert_eq!(check(r#"{"key": "other/${filename}"}"#), Outcome::Fails);
        assert_eq!(
            check(r#"["starts-with", "$key", "uploads/a"]"#),
            Outcome::Unknown
        );
        // A Content-Type list: each must match.
        assert_eq!(
            check(r#"["starts-with", "$Content-Type", "image/"]"#),
            Outcome::Holds
        );
        assert_eq!(
            check(r#"["starts-with", "$Content-Type", "image/p"]"#),
            Outcome::Fails
        );
        // The bucket is the one posted to; a missing field fails unless any value is allowed.
        assert_eq!(check(r#"{"bucket": "B"}"#), Outcome::Fails);
        assert_eq!(
            check(r#"["eq", "$success_action_status", "201"]"#),
            Outcome::Fails
        );
        assert_eq!(
            check(r#"["starts-with", "$x-amz-meta-tag", ""]"#),
            Outcome::Holds
        );
        assert_eq!(
            check(r#"["content-length-range", 1, 10]"#),
            Outcome::Unknown
        );
        let named = Submission {
            filename: Some("C:\\Users\\me\\photo.jpg"),
            file_size: Some(11),
            ..submission(&[("key", "uploads/${filename}")])
        };
        let check = |json: &str| evaluate(&rules(&format!("[{json}]"))[0], &named);
        assert_eq!(
            check(r#"{"key": "uploads/photo.jpg"}"#).outcome,
            Outcome::Holds
        );
        let big = check(r#"["content-length-range", 1, 10]"#);
        assert_eq!(
            (big.outcome, big.detail.as_str()),
            (Outcome::Fails, "the file is 11 B, larger than 10 B")
        );
    }
}
