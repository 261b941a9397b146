//! S3 presigned POST (browser form uploads): a URL, form fields, a base64 policy document of
//! conditions and a signature over that base64 text. One file per stage: `policy` (decode,
//! keeping the text as posted), `conditions` (in words, and checked against the fields and
//! the file), `signature` (`SigV4` and `SigV2`); `pipeline` runs them, `view` fills the report's rows.

pub mod conditions;
pub mod pipeline;
pub mod policy;
pub mod signature;
pub mod snippets;
pub mod view;

use crate::input::form::FormShape;
use crate::post_policy::conditions::{Outcome, Rule};
use crate::post_policy::policy::PolicyDocument;
use serde::Serialize;

/// Which signature a form carries, told by its field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PostVersion {
    /// `x-amz-algorithm`, `x-amz-credential`, `x-amz-date`, `x-amz-signature`.
    SigV4,
    /// `AWSAccessKeyId` and `signature` (HMAC-SHA1, legacy).
    SigV2,
    /// Neither: an anonymous POST (no signature field at all).
    Unsigned,
}

impl PostVersion {
    /// The fields S3 does not require a condition for (S3 API Reference, "POST Policy";
    /// "Browser-based uploads using POST (AWS signature version 2)" for `SigV2`).
    pub fn is_exempt(self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("x-ignore-") || lower == "file" || lower == "policy" {
            return true;
        }
        match self {
            PostVersion::SigV4 => lower == "x-amz-signature",
            PostVersion::SigV2 => lower == "signature" || lower == "awsaccesskeyid",
            PostVersion::Unsigned => false,
        }
    }

    /// The field that carries the signature.
    pub fn signature_field(self) -> &'static str {
        match self {
            PostVersion::SigV2 => "signature",
            PostVersion::SigV4 | PostVersion::Unsigned => "x-amz-signature",
        }
    }
}

/// The file to upload as the user gave it: the page reads a chosen or dropped file's name, size
/// and type (never its content); the command line takes `--file`, `--file-size`,
/// `--content-type`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UploadFile {
    pub name: Option<String>,
    pub size: Option<u64>,
    pub content_type: Option<String>,
}

/// What S3 makes of one form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FieldRole {
    /// Checked by these conditions (their `index`).
    Checked { by: Vec<usize> },
    /// Needs no condition (`policy`, the signature, `x-ignore-*`).
    Exempt,
    /// No condition names it: S3 refuses the form ("Extra input fields").
    NoCondition,
    /// After the file: S3 does not read it.
    AfterFile,
    /// The file itself.
    File,
}

/// One form field, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldRow {
    pub name: String,
    pub value: String,
    pub role: FieldRole,
}

/// One condition: in words, and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionRow {
    pub index: usize,
    pub text: String,
    pub rule: Rule,
    pub sentence: String,
    pub outcome: Outcome,
    /// The value it was checked against, or why it could not be.
    pub detail: String,
}

/// The presigned POST, as the inspection read and checked it (in `--json` as `post`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostReport {
    pub shape: FormShape,
    /// Where the form posts.
    pub action: Option<String>,
    pub version: PostVersion,
    pub fields: Vec<FieldRow>,
    pub policy: Option<PolicyDocument>,
    pub conditions: Vec<ConditionRow>,
    /// What is known of the file (the form's file part and what the user gave).
    pub file: UploadFile,
}

/// A size for people: `1 B`, `10 MiB`, `1.5 KiB (1536 bytes)` … (binary units, as S3's
/// examples count).
pub fn size_words(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut unit = 0;
    let mut scaled = bytes;
    while unit + 1 < UNITS.len() && scaled >= 1024 && scaled.is_multiple_of(1024) {
        scaled /= 1024;
        unit += 1;
    }
    if unit > 0 || bytes < 1024 {
        return format!("{scaled} {}", UNITS[unit]);
    }
    // Not a whole number of units: the largest unit it reaches, one decimal (rounded, in
    // integers: float formatting would add its own code to the page), the exact count.
    let mut unit = 1;
    while unit + 1 < UNITS.len() && bytes / 1024 >= 1u64 << (10 * unit) {
        unit += 1;
    }
    let divisor = 1u128 << (10 * unit);
    let tenths = (u128::from(bytes) * 10 + divisor / 2) / divisor;
    format!(
        "{}.{} {} ({bytes} bytes)",
        tenths / 10,
        tenths % 10,
        UNITS[unit]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_words() {
        assert_eq!(size_words(0), "0 B");
        assert_eq!(size_words(1), "1 B");
        assert_eq!(size_words(1023), "1023 B");
        assert_eq!(size_words(10_485_760), "10 MiB");
        assert_eq!(size_words(1536), "1.5 KiB (1536 bytes)");
        assert_eq!(size_words(11_000_000), "10.5 MiB (11000000 bytes)");
        // Found by fuzzing: sizes past the largest unit.
        assert_eq!(
            size_words(u64::MAX),
            "16777216.0 TiB (18446744073709551615 bytes)"
        );
        assert_eq!(size_words(1 << 62), "4194304 TiB");
    }

    #[test]
    fn exempt_fields_by_version() {
        assert!(PostVersion::SigV4.is_exempt("X-Amz-Signature"));
        assert!(PostVersion::SigV4.is_exempt("Policy"));
        assert!(PostVersion::SigV4.is_exempt("x-ignore-flash"));
        assert!(!PostVersion::SigV4.is_exempt("x-amz-credential"));
        assert!(!PostVersion::SigV4.is_exempt("signature"));
        assert!(PostVersion::SigV2.is_exempt("AWSAccessKeyId"));
        assert!(!PostVersion::SigV2.is_exempt("x-amz-security-token"));
    }
}
