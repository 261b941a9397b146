//! Positive evidence about the secret, the only grounds on which a finding may blame it.
//!
//! People rotate credentials on this page's word, so "the secret is wrong" is never inferred
//! from a mismatch that nothing else explains. What the secret field itself shows is evidence:
//! white space or a line break around it, quotes, an access key id or a session token pasted
//! into it, URL-encoding, a length no AWS secret has. Where such a flaw has a clean form (the
//! secret without the space, the quotes or the encoding) the caller re-signs with it: when that
//! reproduces the signature the flaw is the proved cause.

use crate::encode::percent_decode;
use crate::finding::{Code, Finding, Severity};

/// What is wrong with the text in the secret field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretFlaw {
    /// White space or a line break before, after or inside it.
    Whitespace,
    /// Wrapped in quotes, as copied from code or a config file.
    Quoted,
    /// An access key id (`AKIA…`, `ASIA…`), the public half, pasted as the secret.
    AccessKeyId,
    /// A session token (hundreds of base64 characters) pasted as the secret.
    SessionToken,
    /// URL-encoded (`%2F`, `%2B`): copied from a URL or an encoded config value.
    UrlEncoded,
    /// Not 40 characters long, as every AWS secret access key is.
    Length(usize),
}

/// Which rules the secret's family has for its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRules {
    /// AWS secret access keys: 40 characters of base64 text.
    Aws,
    /// Other providers (S3-compatible stores, HMAC keys of other clouds): no length rule.
    Other,
}

/// A flaw and the secret as it would be without it, when there is such a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    pub flaw: SecretFlaw,
    pub cleaned: Option<String>,
}

/// Every flaw the text shows, each with its cleaned form where one exists.
pub fn suspects(secret: &str, rules: KeyRules) -> Vec<Suspect> {
    let mut out = Vec::new();
    let trimmed = secret.trim();
    if trimmed != secret || trimmed.chars().any(char::is_whitespace) {
        let cleaned: String = secret.chars().filter(|c| !c.is_whitespace()).collect();
        out.push(Suspect {
            flaw: SecretFlaw::Whitespace,
            cleaned: Some(cleaned),
        });
    }
    let unquoted = strip_quotes(trimmed);
    if let Some(inner) = unquoted {
        out.push(Suspect {
            flaw: SecretFlaw::Quoted,
            cleaned: Some(inner.to_owned()),
        });
    }
    let core = unquoted.unwrap_or(trimmed);
    if is_access_key_id(core) {
        out.push(Suspect {
            flaw: SecretFlaw::AccessKeyId,
            cleaned: None,
        });
        return out;
    }
    if is_session_token(core) {
        out.push(Suspect {
            flaw: SecretFlaw::SessionToken,
            cleaned: None,
        });
        return out;
    }
    if has_escape(core) {
        let decoded = String::from_utf8_lossy(&percent_decode(core.as_bytes())).into_owned();
        out.push(Suspect {
            flaw: SecretFlaw::UrlEncoded,
            cleaned: Some(decoded),
        });
    }
    if rules == KeyRules::Aws && core.chars().count() != 40 && !has_escape(core) {
        out.push(Suspect {
            flaw: SecretFlaw::Length(core.chars().count()),
            cleaned: None,
        });
    }
    out
}

fn strip_quotes(text: &str) -> Option<&str> {
    ['"', '\'', '`', '\u{201c}', '\u{2018}']
        .into_iter()
        .find_map(|open| {
            let close = match open {
                '\u{201c}' => '\u{201d}',
                '\u{2018}' => '\u{2019}',
                c => c,
            };
            text.strip_prefix(open)?.strip_suffix(close)
        })
        .filter(|inner| !inner.is_empty())
}

fn is_access_key_id(text: &str) -> bool {
    text.len() == 20
        && ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA"]
            .iter()
            .any(|p| text.starts_with(p))
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// STS session tokens: base64 of a protobuf whose first bytes give them one of a few openings
/// (`IQoJb3JpZ2lu…` today, `FwoGZXIvYXdz…` and `FQoGZXIvYXdz…` before), and hundreds of
/// characters; no provider's secret key is that long.
fn is_session_token(text: &str) -> bool {
    let opening = ["IQoJb3JpZ2lu", "FwoGZXIvYXdz", "FQoGZXIvYXdz", "FQoDYXdz"]
        .iter()
        .any(|p| text.starts_with(p));
    (opening && text.len() > 40 || text.len() > 100) && text.bytes().all(is_base64_byte)
}

fn is_base64_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')
}

/// `%2F`, `%2B` or `%3D`: the characters of a base64 secret, escaped.
fn has_escape(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    ["%2F", "%2B", "%3D"].iter().any(|e| upper.contains(e))
}

/// The findings for the flaws of a secret that did not reproduce the signature. `reproduces`
/// re-signs with a cleaned secret and says whether that gives the provided signature.
pub fn findings(
    secret: &str,
    rules: KeyRules,
    mut reproduces: impl FnMut(&str) -> bool,
) -> Vec<Finding> {
    suspects(secret, rules)
        .into_iter()
        .map(|s| {
            let proved = s.cleaned.as_deref().is_some_and(&mut reproduces);
            finding(&s.flaw, proved)
        })
        .collect()
}

/// One flaw as a finding. Proved (the cleaned secret reproduces the signature) it is the cause,
/// an error; otherwise what the field shows is still not a usable secret, a warning.
pub fn finding(flaw: &SecretFlaw, proved: bool) -> Finding {
    let (code, title, what, fix) = match flaw {
        SecretFlaw::Whitespace => (
            Code::SecretWhitespace,
            "The secret has white space or a line break in it",
            "A secret access key has no spaces or line breaks; these usually come with a copy from a terminal, a file with a trailing newline, or an environment variable read with its newline.",
            "Remove them where your code reads the secret (trim the value of the variable or file).",
        ),
        SecretFlaw::Quoted => (
            Code::SecretQuoted,
            "The secret is wrapped in quotes",
            "The quotes are part of the text in the field, as copied from code or a config file.",
            "Use the secret without its quotes (in a .env or shell file, check that the quotes are not read as part of the value).",
        ),
        SecretFlaw::AccessKeyId => (
            Code::SecretIsAccessKeyId,
            "The secret field holds an access key id",
            "AKIA…/ASIA… is the access key id, the public half of the credentials; it is already in the URL. The secret access key is the 40-character value that was issued with it.",
            "Type the secret access key that belongs to this access key id.",
        ),
        SecretFlaw::SessionToken => (
            Code::SecretIsSessionToken,
            "The secret field holds a session token",
            "Temporary credentials have three parts: the access key id (ASIA…), the secret access key (40 characters) and the session token (hundreds of characters, the X-Amz-Security-Token of the URL).",
            "Type the secret access key of the temporary credentials, not the token.",
        ),
        SecretFlaw::UrlEncoded => (
            Code::SecretUrlEncoded,
            "The secret is URL-encoded",
            "It holds %2F, %2B or %3D where a secret access key has /, + or =: it was copied from a URL or an encoded setting.",
            "Decode it (%2F is /, %2B is +, %3D is =) where your code reads it.",
        ),
        SecretFlaw::Length(_) => (
            Code::SecretLength,
            "The secret is not 40 characters long",
            "Every AWS secret access key is 40 characters; this one is not, so part of it is missing or something was added.",
            "Copy the whole secret again from where it was issued (the credentials file, the secrets manager, the IAM console's download).",
        ),
    };
    // An access key id or a token is never a secret access key: re-signing with it can only
    // fail, so the field must change before the signature can be checked at all.
    let not_a_secret = matches!(flaw, SecretFlaw::AccessKeyId | SecretFlaw::SessionToken);
    let (severity, title, detail) = if proved {
        (
            Severity::Error,
            format!("{title}: without it, the signature matches"),
            format!("{what} Re-signing with the secret cleaned of this reproduces the signature exactly, so the request was signed with the clean secret and this field's text differs from it. {fix}"),
        )
    } else if not_a_secret {
        (
            Severity::Error,
            title.to_owned(),
            format!("{what} The signature cannot be checked with it. {fix}"),
        )
    } else {
        (Severity::Warning, title.to_owned(), format!("{what} {fix}"))
    };
    let f = Finding::new(code, severity, title, detail);
    match flaw {
        SecretFlaw::Length(n) => f.with("length", n.to_string()).with("expected", "40"),
        _ => f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn flaws(text: &str, rules: KeyRules) -> Vec<SecretFlaw> {
        suspects(text, rules).into_iter().map(|s| s.flaw).collect()
    }

    #[test]
    fn a_clean_secret_has_no_flaw() {
        assert!(flaws(SECRET, KeyRules::Aws).is_empty());
        assert!(flaws("minioadmin", KeyRules::Other).is_empty());
    }

    #[test]
    fn each_flaw_and_its_clean_form() {
        let s = suspects(&format!("{SECRET}\n"), KeyRules::Aws);
        assert_eq!(s[0].flaw, SecretFlaw::Whitespace);
        assert_eq!(s[0].cleaned.as_deref(), Some(SECRET));
        let s = suspects(&format!("\"{SECRET}\""), KeyRules::Aws);
        assert_eq!(s[0].flaw, SecretFlaw::Quoted);
        assert_eq!(s[0].cleaned.as_deref(), Some(SECRET));
        assert_eq!(
            flaws("AKIAIOSFODNN7EXAMPLE", KeyRules::Aws),
            [SecretFlaw::AccessKeyId]
        );
        assert_eq!(
            flaws(&"IQoJb3JpZ2luX2VjEJr".repeat(20), KeyRules::Aws),
            [SecretFlaw::SessionToken]
        );
        let s = suspects(
            "wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY",
            KeyRules::Aws,
        );
        assert_eq!(s[0].flaw, SecretFlaw::UrlEncoded);
        assert_eq!(s[0].cleaned.as_deref(), Some(SECRET));
        assert_eq!(
            flaws(&SECRET[..39], KeyRules::Aws),
            [SecretFlaw::Length(39)]
        );
        assert!(flaws(&SECRET[..39], KeyRules::Other).is_empty());
    }

    #[test]
    fn proved_only_when_the_clean_form_reproduces() {
        let proved = findings(&format!(" {SECRET}"), KeyRules::Aws, |s| s == SECRET);
        assert_eq!(proved[0].code, Code::SecretWhitespace);
        assert_eq!(proved[0].severity, Severity::Error);
        let unproved = findings(&format!(" {SECRET}"), KeyRules::Aws, |_| false);
        assert_eq!(unproved[0].severity, Severity::Warning);
        // An access key id can never sign: the field is wrong, whatever the URL.
        let id = findings("AKIAIOSFODNN7EXAMPLE", KeyRules::Aws, |_| false);
        assert_eq!(id[0].severity, Severity::Error);
        assert!(!id[0].title.contains("without it"));
    }
}
