//! Signed headers: a signed header sent with another value (or none) than the one signed.

use super::{headers_with, Candidate, Change, SearchInput, Variant};
use crate::finding::Code;

/// Values people send (or SDKs sign) for headers that are commonly signed.
fn common_values(name: &str) -> &'static [&'static str] {
    match name {
        "content-type" => &[
            "application/octet-stream",
            "binary/octet-stream",
            "text/plain",
            "text/plain;charset=UTF-8",
            "text/plain; charset=utf-8",
            "application/json",
            "application/x-www-form-urlencoded",
            "application/pdf",
            "application/zip",
            "image/jpeg",
            "image/png",
            "image/gif",
            "image/webp",
            "text/csv",
            "text/html",
            "video/mp4",
            "multipart/form-data",
        ],
        "x-amz-server-side-encryption" => &["AES256", "aws:kms", "aws:kms:dsse"],
        "x-amz-acl" => &[
            "private",
            "public-read",
            "public-read-write",
            "authenticated-read",
            "bucket-owner-read",
            "bucket-owner-full-control",
        ],
        "x-amz-storage-class" => &[
            "STANDARD",
            "STANDARD_IA",
            "INTELLIGENT_TIERING",
            "ONEZONE_IA",
            "GLACIER",
            "GLACIER_IR",
            "DEEP_ARCHIVE",
            "REDUCED_REDUNDANCY",
        ],
        "content-encoding" => &["gzip", "br", "deflate", "identity"],
        "cache-control" => &[
            "no-cache",
            "no-store",
            "max-age=0",
            "public, max-age=31536000",
        ],
        "content-disposition" => &["attachment", "inline"],
        "x-amz-content-sha256" => &[
            "UNSIGNED-PAYLOAD",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ],
        _ => &[],
    }
}

/// Each signed header (but `host`) with the values it is commonly signed with, and the sent
/// value with its charset added or dropped, in lower case, or empty.
pub(super) fn candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    for name in input
        .canonical_request
        .signed_headers
        .split(';')
        .filter(|n| !n.is_empty() && *n != "host")
    {
        let sent = sent_values(input, name);
        let mut values: Vec<String> = common_values(name)
            .iter()
            .map(|v| (*v).to_owned())
            .collect();
        if let Some(first) = sent.first() {
            let v = first.trim();
            // A charset added or dropped on the way (browsers add ;charset=UTF-8 to text bodies).
            if let Some((base, _)) = v.split_once(';') {
                values.push(base.trim().to_owned());
            } else {
                values.push(format!("{v};charset=UTF-8"));
                values.push(format!("{v}; charset=utf-8"));
            }
            values.push(v.to_ascii_lowercase());
            values.push(String::new());
        }
        values.retain(|v| !sent.iter().any(|s| s.trim() == v));
        values.dedup();
        for signed in values {
            let headers = headers_with(input, name, &signed);
            let variant = Variant::HeaderValue {
                name: name.to_owned(),
                signed,
            };
            out.push(Candidate::new(variant).headers(headers));
        }
    }
}

/// The values sent for a header, in order.
fn sent_values<'i>(input: &'i SearchInput<'_>, name: &str) -> Vec<&'i str> {
    input
        .headers
        .iter()
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The words for header `name` signed as `signed`.
pub(super) fn change(input: &SearchInput<'_>, name: &str, signed: &str) -> Change {
    let sent = sent_values(input, name);
    let sent_text = if sent.is_empty() {
        "(not sent)".to_owned()
    } else {
        sent.join(",")
    };
    let shown = if signed.is_empty() { "(empty)" } else { signed };
    let title = if sent.is_empty() {
        format!("{name} was signed as \u{201c}{shown}\u{201d}, you send none")
    } else {
        format!(
            "{name} was signed as \u{201c}{shown}\u{201d}, you send \u{201c}{sent_text}\u{201d}"
        )
    };
    super::change(
        Code::SignedHeaderValue,
        format!("header {name}"),
        sent_text,
        shown,
        title,
        format!("Re-signing with {name}: {shown} reproduces the signature. The value of a signed header is part of the signature: send exactly {name}: {shown} (curl -H '{name}: {shown}'; fetch(url, {{ headers: {{ '{name}': '{shown}' }} }})), or presign with the value you send."),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, Request, QUERY};
    use super::super::Variant;
    use super::candidates;

    /// The example presigned with `headers` signed too (`X-Amz-SignedHeaders`).
    fn signing(headers: &str) -> Request {
        Request::at_with_query(
            "https://examplebucket.s3.amazonaws.com/test.txt",
            &QUERY.replace("SignedHeaders=host", &format!("SignedHeaders={headers}")),
        )
    }

    fn value(name: &str, signed: &str) -> Vec<Vec<Variant>> {
        vec![vec![Variant::HeaderValue {
            name: name.to_owned(),
            signed: signed.to_owned(),
        }]]
    }

    #[test]
    fn signed_with_another_content_type() {
        let signed = signing("content-type%3Bhost").header("Content-Type", "text/plain");
        let sent = signing("content-type%3Bhost").header("Content-Type", "image/png");
        let (variants, words) = found(&sent, &signed.signature(), candidates);
        assert_eq!(variants, value("content-type", "text/plain"));
        assert_eq!(words[0][0].title, "content-type was signed as \u{201c}text/plain\u{201d}, you send \u{201c}image/png\u{201d}");
        assert_eq!(
            (words[0][0].sent.as_str(), words[0][0].signed.as_str()),
            ("image/png", "text/plain")
        );
    }

    #[test]
    fn signed_header_not_sent() {
        let signed = signing("content-type%3Bhost").header("Content-Type", "text/plain");
        let sent = signing("content-type%3Bhost");
        let (variants, words) = found(&sent, &signed.signature(), candidates);
        assert_eq!(variants, value("content-type", "text/plain"));
        assert_eq!(
            words[0][0].title,
            "content-type was signed as \u{201c}text/plain\u{201d}, you send none"
        );
        assert_eq!(words[0][0].sent, "(not sent)");
    }

    /// A header no list knows: the sent value in lower case, or empty.
    #[test]
    fn values_near_the_one_sent() {
        let sent = signing("host%3Bx-amz-meta-note").header("x-amz-meta-note", "Hello");
        for signed_value in ["hello", ""] {
            let signed = signing("host%3Bx-amz-meta-note").header("x-amz-meta-note", signed_value);
            assert_eq!(
                variants_found(&sent, &signed.signature(), candidates),
                value("x-amz-meta-note", signed_value)
            );
        }
        let (_, words) = found(
            &sent,
            &signing("host%3Bx-amz-meta-note")
                .header("x-amz-meta-note", "")
                .signature(),
            candidates,
        );
        assert_eq!(words[0][0].signed, "(empty)");
        assert!(variants_found(&sent, &sent.signature(), candidates).is_empty());
    }
}
