//! Redacting a shared URL's, request's or presigned POST's signature, removing a curl command's
//! password, and telling whether what is shared is still a live credential.
//!
//! A presigned URL grants what it was signed for to whoever holds it until it expires, a
//! presigned POST's form until its policy expires, and a header-signed request until the
//! service's clock window closes, so the page warns before sharing one and offers to replace its
//! signature with `REDACTED`.

use crate::gcs::params::X_GOOG_SIGNATURE;
use crate::input::form::read_post;
use crate::post_policy::pipeline::version_of;
use crate::report::Report;
use crate::sigv4::params::{QueryAuth, SIGV2_SIGNATURE, X_AMZ_SIGNATURE};

/// What replaces a redacted signature.
pub const REDACTED: &str = crate::sigv4::params::REDACTED_SIGNATURE;

/// `text` with its signature replaced by `REDACTED`: a URL's signature parameter
/// (`X-Amz-Signature` of SigV4 and SigV4A, `SigV2`'s and CloudFront's `Signature`, GCS's
/// `X-Goog-Signature`, an Azure SAS's `sig`); for a presigned POST (the SDK's JSON, a form, a
/// command, a body), the value of its `x-amz-signature` or `signature` field; and the
/// `Signature=` of an `Authorization: AWS4-…` header in a pasted request or curl command.
/// Everything else stays byte for byte as pasted.
pub fn redact_signature(text: &str) -> String {
    if let Some(form) = read_post(text) {
        return redact_post(text, form.value(version_of(&form).signature_field()));
    }
    redact_header_signature(&redact_query_signature(text))
}

/// The `Signature=<hex>` of every line that holds an `AWS4-` Authorization value.
fn redact_header_signature(text: &str) -> String {
    if !text.contains("AWS4-") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        // `, Signature=` or `,Signature=` as a part of the header, not `X-Amz-Signature=`.
        let at = line.find("AWS4-").and_then(|a| {
            line[a..]
                .match_indices("Signature=")
                .map(|(s, _)| a + s)
                .find(|&s| matches!(line.as_bytes()[s - 1], b',' | b' ' | b'\t'))
                .map(|s| s + "Signature=".len())
        });
        let len = at.map_or(0, |start| {
            line[start..]
                .bytes()
                .take_while(u8::is_ascii_hexdigit)
                .count()
        });
        match at.filter(|_| len > 0) {
            Some(start) => {
                out.push_str(&line[..start]);
                out.push_str(REDACTED);
                out.push_str(&line[start + len..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `text` with the password of curl's `--user NAME:PASSWORD` (`-u`) replaced by `REDACTED`.
/// With `--aws-sigv4` that password is the secret access key: it never goes into a share link.
/// (Redacting too much is harmless here; missing one is not, so any word that reads as the
/// option counts, quoted or not.)
pub fn without_curl_password(text: &str) -> String {
    let words = word_starts(text);
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (i, &(at, word)) in words.iter().enumerate() {
        let next = words.get(i + 1).map(|(a, _)| *a);
        let value_at = if word == "--user" {
            next
        } else if word.starts_with("--user=") {
            Some(at + "--user=".len())
        } else if word.starts_with('-') && !word.starts_with("--") {
            // A cluster of short options: `-u NAME:PASS`, `-su NAME:PASS`, `-uNAME:PASS`.
            match word[1..].find('u') {
                Some(u) if u + 2 == word.len() => next,
                Some(u) if word[1..=u].bytes().all(|b| b.is_ascii_alphabetic()) => Some(at + 2 + u),
                _ => None,
            }
        } else {
            None
        };
        if let Some(range) = value_at.and_then(|v| password_range(text, v)) {
            cuts.push(range);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end) in cuts {
        if start < from {
            continue;
        }
        out.push_str(&text[from..start]);
        out.push_str(REDACTED);
        from = end;
    }
    out.push_str(&text[from..]);
    out
}

/// Each white-space separated word of `text` and where it starts.
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// The password of a `NAME:PASSWORD` value starting at `at` (maybe quoted): its byte range.
fn password_range(text: &str, at: usize) -> Option<(usize, usize)> {
    let value = text.get(at..)?;
    let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"');
    let inner_at = at + quote.map_or(0, char::len_utf8);
    let inner = &text[inner_at..];
    let end = match quote {
        Some(q) => inner.find(q).unwrap_or(inner.len()),
        None => inner.find(char::is_whitespace).unwrap_or(inner.len()),
    };
    let colon = inner[..end].find(':')?;
    Some((inner_at + colon + 1, inner_at + end))
}

/// `url`'s signature parameter replaced.
fn redact_query_signature(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let name_of = |pair: &'_ str| pair.split_once('=').map_or(pair, |(n, _)| n).to_owned();
    // `sig` is a signature only in an Azure SAS (with its version, expiry or permissions).
    let names: Vec<String> = query.split('&').map(name_of).collect();
    let azure = names.iter().any(|n| n == "sig")
        && names
            .iter()
            .any(|n| matches!(n.as_str(), "sv" | "se" | "sp"));
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = name_of(pair);
            if name.eq_ignore_ascii_case(X_AMZ_SIGNATURE)
                || name == SIGV2_SIGNATURE
                || name == X_GOOG_SIGNATURE
                || (azure && name == "sig")
            {
                format!("{name}={REDACTED}")
            } else {
                pair.to_owned()
            }
        })
        .collect();
    let mut out = format!("{base}?{}", pairs.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Every occurrence of the form's signature replaced, as written (also as JSON writes `/`).
fn redact_post(text: &str, signature: Option<&str>) -> String {
    match signature.filter(|s| !s.is_empty() && *s != REDACTED) {
        Some(sig) => text
            .replace(sig, REDACTED)
            .replace(&sig.replace('/', "\\/"), REDACTED),
        None => text.to_owned(),
    }
}

/// Whether the URL in `report` may still work: it carries a signature and is not known to
/// have expired. Sharing such a URL hands out access, so the page warns.
pub fn is_live_credential(report: &Report) -> bool {
    if let Some(post) = &report.post {
        let signed = report
            .signing
            .as_ref()
            .and_then(|s| s.provided.as_deref())
            .is_some_and(|s| s != REDACTED);
        let expires_at = post.policy.as_ref().and_then(|p| p.expiration);
        return signed && expires_at.is_none_or(|t| t > report.now);
    }
    // A header-signed request can be replayed until the service's clock window closes.
    if let Some(header) = &report.sigv4_header {
        return header
            .provided_signature
            .as_deref()
            .is_some_and(|s| s != REDACTED)
            && report
                .validity
                .as_ref()
                .and_then(|v| v.expires_at)
                .is_some_and(|t| t > report.now);
    }
    let signature = match &report.auth {
        QueryAuth::SigV4(p) => p.signature.as_deref(),
        QueryAuth::SigV2(p) => p.signature.as_deref(),
        // Other families keep their signature in the generic signing section.
        QueryAuth::None => report.signing.as_ref().and_then(|s| s.provided.as_deref()),
    };
    if signature.is_none_or(|s| s == REDACTED) {
        return false;
    }
    let expires_at = match &report.auth {
        QueryAuth::SigV2(p) => p.expires,
        _ => report.validity.as_ref().and_then(|v| v.expires_at),
    };
    // A URL that S3 rejects for some other reason is still a credential once that is fixed:
    // only expiry makes it harmless.
    expires_at.is_none_or(|t| t > report.now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_passwords_never_stay() {
        for (command, kept) in [
            (
                "curl --aws-sigv4 aws:amz:us-east-1:s3 --user 'AKID:s3cr3t/x+y' https://h/",
                "--user 'AKID:REDACTED'",
            ),
            ("curl --user=AKID:s3cr3t https://h/", "--user=AKID:REDACTED"),
            ("curl -u AKID:s3cr3t https://h/", "-u AKID:REDACTED"),
            (
                "curl -su \"AKID:s3cr3t\" https://h/",
                "-su \"AKID:REDACTED\"",
            ),
            ("curl -uAKID:s3cr3t https://h/", "-uAKID:REDACTED"),
        ] {
            let out = without_curl_password(command);
            assert!(!out.contains("s3cr3t") && out.contains(kept), "{out}");
        }
        let plain = "curl -H 'x-amz-date: 20261120T100000Z' https://h/";
        assert_eq!(without_curl_password(plain), plain);
    }

    #[test]
    fn authorization_signatures_are_redacted() {
        let raw = "GET / HTTP/1.1\nHost: h\nAuthorization: AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31\n\n";
        let out = redact_signature(raw);
        assert!(
            out.contains("Signature=REDACTED\n\n") && !out.contains("5fa00fa3"),
            "{out}"
        );
    }
}
