//! The root-cause search for SigV2 presigned URLs (`AWSAccessKeyId`, `Expires`, `Signature`).
//! Its string to sign is five short parts, so a variant is one HMAC-SHA1 of a new string: the
//! method, Content-Type, Content-MD5, the key's or bucket's case, a subresource dropped or added,
//! and `Expires` as signed.

use super::candidate::KeyDetail;
use super::case::{case_variants, Case};
use super::{change, methods, Change, RootCauseSearch, Signed, VariantMatch};
use crate::crypto::constant_time_eq;
use crate::encode::{percent_decode, uri_encode, Slash};
use crate::finding::Code;
use crate::sigv2;
use crate::types::{HttpMethod, Secret};
use crate::unicode::Unicode;

/// What the search needs from a SigV2 URL and the request sent.
pub struct Sigv2SearchInput<'a> {
    pub method: HttpMethod,
    /// `Content-MD5` and `Content-Type` as sent (empty when not).
    pub content_md5: &'a str,
    pub content_type: &'a str,
    /// `Expires` as written in the URL.
    pub expires: i64,
    /// The string to sign's `CanonicalizedAmzHeaders` block (each line ends with `\n`).
    pub amz_headers: &'a str,
    /// The `CanonicalizedResource`: `/bucket/key?subresources`.
    pub resource: &'a str,
    /// The bucket, as in the resource.
    pub bucket: Option<&'a str>,
    pub secret: &'a Secret,
    /// The `Signature` parameter, decoded (base64).
    pub provided: &'a str,
    pub unicode: Unicode,
}

/// What a SigV2 variant changes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum V2Variant {
    ContentType(String),
    ContentMd5(String),
    KeyCase(String, Case),
    BucketCase(String),
    SubresourceDropped(&'static str),
    SubresourceAdded(String),
    Expires(i64),
}

/// Content-Type values presigned uploads are signed with.
const CONTENT_TYPES: [&str; 10] = [
    "application/octet-stream",
    "binary/octet-stream",
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/json",
    "application/x-www-form-urlencoded",
    "image/jpeg",
    "image/png",
    "application/pdf",
    "multipart/form-data",
];

/// The base64 MD5 of an empty body.
const EMPTY_MD5: &str = "1B2M2Y8AsgTpgAmY7PhCfg==";

/// Valueless subresources an S3 URL may have signed and lost.
const SUBRESOURCES: [&str; 8] = [
    "acl",
    "delete",
    "tagging",
    "uploads",
    "versioning",
    "versions",
    "location",
    "policy",
];

/// Durations (seconds) a signer may sign as `Expires` instead of the instant, or by which the
/// URL's `Expires` may have been edited after signing.
const DURATIONS: [i64; 7] = [60, 300, 900, 3600, 7200, 86_400, 604_800];

/// Runs the SigV2 search.
pub fn search(input: &Sigv2SearchInput<'_>) -> RootCauseSearch {
    let candidates = candidates(input);
    let mut tried = 0;
    let mut matches = Vec::new();
    for method in std::iter::once(input.method).chain(methods::others(input.method)) {
        for variant in std::iter::once(None).chain(candidates.iter().map(Some)) {
            if variant.is_none() && method == input.method {
                continue;
            }
            let text = string_to_sign(input, method, variant);
            tried += 1;
            let signature = sigv2::signature(input.secret, &text);
            if constant_time_eq(signature.as_bytes(), input.provided.as_bytes()) {
                let mut changes = Vec::new();
                if method != input.method {
                    changes.push(methods::change(method, input.method, Signed::Url));
                }
                changes.extend(variant.map(|v| words(input, v)));
                matches.push(VariantMatch {
                    changes,
                    canonical_request_text: text,
                });
            }
        }
    }
    RootCauseSearch {
        variants_tried: tried,
        matches,
        skipped: None,
    }
}

/// The string to sign with `method` and one variant applied.
fn string_to_sign(
    input: &Sigv2SearchInput<'_>,
    method: HttpMethod,
    v: Option<&V2Variant>,
) -> String {
    let (mut md5, mut ctype, mut expires) = (input.content_md5, input.content_type, input.expires);
    let mut resource = input.resource.to_owned();
    match v {
        Some(V2Variant::ContentType(t)) => ctype = t,
        Some(V2Variant::ContentMd5(m)) => md5 = m,
        Some(V2Variant::Expires(e)) => expires = *e,
        Some(V2Variant::KeyCase(key, _)) => resource = with_key(input, key),
        Some(V2Variant::BucketCase(bucket)) => {
            let rest = resource
                .strip_prefix('/')
                .and_then(|r| r.split_once('/'))
                .map_or("", |(_, rest)| rest);
            resource = format!("/{bucket}/{rest}");
        }
        Some(V2Variant::SubresourceDropped(name)) => {
            let sep = if resource.contains('?') { '&' } else { '?' };
            resource = sorted_subresources(&format!("{resource}{sep}{name}"));
        }
        Some(V2Variant::SubresourceAdded(name)) => resource = without_subresource(&resource, name),
        None => {}
    }
    format!(
        "{method}\n{md5}\n{ctype}\n{expires}\n{}{resource}",
        input.amz_headers
    )
}

/// The resource's path and its subresources, the subresources sorted by name.
fn sorted_subresources(resource: &str) -> String {
    let Some((path, query)) = resource.split_once('?') else {
        return resource.to_owned();
    };
    let mut subs: Vec<&str> = query.split('&').collect();
    crate::sort::sort(&mut subs);
    format!("{path}?{}", subs.join("&"))
}

/// The resource without the subresource `name`.
fn without_subresource(resource: &str, name: &str) -> String {
    let Some((path, query)) = resource.split_once('?') else {
        return resource.to_owned();
    };
    let rest: Vec<&str> = query
        .split('&')
        .filter(|s| s.split('=').next() != Some(name))
        .collect();
    if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}

/// The key part of the resource (after `/bucket/`), decoded; and the resource with another key.
fn key_of<'r>(input: &Sigv2SearchInput<'r>) -> Option<(&'r str, &'r str)> {
    let path = input.resource.split('?').next()?;
    let bucket = input.bucket?;
    let key = path
        .strip_prefix('/')?
        .strip_prefix(bucket)?
        .strip_prefix('/')?;
    Some((key, &input.resource[path.len()..]))
}

/// The resource with the key `key` (decoded): written as the URL writes it when the URL does
/// not percent-encode the key (a case variant changes only letters), else encoded.
fn with_key(input: &Sigv2SearchInput<'_>, key: &str) -> String {
    let bucket = input.bucket.unwrap_or_default();
    let (raw, subs) = key_of(input).unwrap_or(("", ""));
    let written = if raw.contains('%') {
        uri_encode(key.as_bytes(), Slash::Keep)
    } else {
        key.to_owned()
    };
    format!("/{bucket}/{written}{subs}")
}

/// Every variant but the method, in the order tried.
fn candidates(input: &Sigv2SearchInput<'_>) -> Vec<V2Variant> {
    let mut out = Vec::new();
    let sent_type = input.content_type.trim();
    let mut types: Vec<String> = CONTENT_TYPES.iter().map(|t| (*t).to_owned()).collect();
    types.push(String::new());
    if let Some((base, _)) = sent_type.split_once(';') {
        types.push(base.trim().to_owned());
    }
    types.retain(|t| t != sent_type);
    out.extend(types.into_iter().map(V2Variant::ContentType));
    for md5 in ["", EMPTY_MD5] {
        if md5 != input.content_md5.trim() {
            out.push(V2Variant::ContentMd5(md5.to_owned()));
        }
    }
    if let Some((raw_key, _)) = key_of(input) {
        let text = String::from_utf8_lossy(&percent_decode(raw_key.as_bytes())).into_owned();
        for (signed, how) in case_variants(&text, input.unicode, KeyDetail::PerSegment) {
            out.push(V2Variant::KeyCase(signed, how));
        }
    }
    if let Some(bucket) = input.bucket {
        for b in [bucket.to_ascii_lowercase(), bucket.to_ascii_uppercase()] {
            if b != bucket {
                out.push(V2Variant::BucketCase(b));
            }
        }
    }
    let present: Vec<&str> = input
        .resource
        .split_once('?')
        .map(|(_, q)| q.split('&').filter_map(|s| s.split('=').next()).collect())
        .unwrap_or_default();
    for name in SUBRESOURCES {
        if !present.contains(&name) {
            out.push(V2Variant::SubresourceDropped(name));
        }
    }
    out.extend(
        present
            .iter()
            .map(|n| V2Variant::SubresourceAdded((*n).to_owned())),
    );
    // Expires in milliseconds, a duration signed instead of the instant, or edited after.
    let mut expires = vec![input.expires / 1000, input.expires.saturating_mul(1000)];
    for d in DURATIONS {
        expires.extend([d, input.expires - d, input.expires + d]);
    }
    expires.retain(|&e| e != input.expires && e >= 0);
    expires.dedup();
    out.extend(expires.into_iter().map(V2Variant::Expires));
    out
}

/// The words for a SigV2 variant that reproduced the signature.
fn words(input: &Sigv2SearchInput<'_>, v: &V2Variant) -> Change {
    let fix = "Send the request exactly as presigned, or presign what you send (or, better, presign with SigV4).";
    match v {
        V2Variant::ContentType(t) | V2Variant::ContentMd5(t) => {
            let (name, sent) = match v {
                V2Variant::ContentType(_) => ("content-type", input.content_type),
                _ => ("content-md5", input.content_md5),
            };
            let shown = if t.is_empty() { "(empty)" } else { t.as_str() };
            let sent_shown = if sent.is_empty() { "(not sent)" } else { sent };
            change(
                Code::SignedHeaderValue,
                format!("header {name}"),
                sent_shown,
                shown,
                format!("{name} was signed as \u{201c}{shown}\u{201d}, you send \u{201c}{sent_shown}\u{201d}"),
                format!("Re-signing with {name}: {shown} reproduces the signature. SigV2 signs Content-Type and Content-MD5 as sent: send exactly {name}: {shown}. {fix}"),
            )
        }
        V2Variant::KeyCase(key, how) => {
            let sent = key_of(input)
                .map(|(k, _)| String::from_utf8_lossy(&percent_decode(k.as_bytes())).into_owned())
                .unwrap_or_default();
            change(
                Code::KeyCase,
                "key",
                sent.clone(),
                key.clone(),
                format!("The key was signed as \u{201c}{key}\u{201d}, the URL has \u{201c}{sent}\u{201d}"),
                format!("Re-signing with the key in {} reproduces the signature. S3 keys are case-sensitive: presign with the key exactly as stored, and send that same URL.", how.words()),
            )
        }
        V2Variant::BucketCase(bucket) => change(
            Code::KeyCase,
            "bucket",
            input.bucket.unwrap_or_default(),
            bucket.clone(),
            format!("The bucket was signed as \u{201c}{bucket}\u{201d}"),
            format!("Re-signing with the bucket name \u{201c}{bucket}\u{201d} in the resource reproduces the signature. {fix}"),
        ),
        V2Variant::SubresourceDropped(name) => change(
            Code::QueryEncoding,
            format!("subresource {name}"),
            "(absent)",
            *name,
            format!("The URL was signed with ?{name}, which it lacks"),
            format!("Re-signing with the subresource {name} reproduces the signature: it names the S3 operation and is signed in the resource; something removed it from the URL. {fix}"),
        ),
        V2Variant::SubresourceAdded(name) => change(
            Code::QueryEncoding,
            format!("subresource {name}"),
            name.clone(),
            "(absent)",
            format!("The subresource {name} was added after signing"),
            format!("Re-signing without {name} reproduces the signature: SigV2 signs the subresources in the resource, so one added to the presigned URL breaks it. {fix}"),
        ),
        V2Variant::Expires(e) => change(
            Code::QueryEncoding,
            "query parameter Expires",
            input.expires.to_string(),
            e.to_string(),
            format!("Expires was signed as {e}, the URL has {}", input.expires),
            format!("Re-signing with Expires={e} reproduces the signature: the URL's Expires was edited after signing (to extend it), or the signer signed {} instead of the instant in seconds since 1970 it put in the URL. Presign again with the expiry you need.", if *e < 1_000_000_000 { "a duration" } else { "another value" }),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{search, Sigv2SearchInput};
    use crate::finding::Code;
    use crate::sigv2;
    use crate::types::{HttpMethod, Secret};
    use crate::unicode::Unicode;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn input<'a>(
        resource: &'a str,
        content_type: &'a str,
        secret: &'a Secret,
        provided: &'a str,
    ) -> Sigv2SearchInput<'a> {
        Sigv2SearchInput {
            method: HttpMethod::Put,
            content_md5: "",
            content_type,
            expires: 1_795_172_400,
            amz_headers: "",
            resource,
            bucket: Some("examplebucket"),
            secret,
            provided,
            unicode: Unicode::std(),
        }
    }

    /// Each part of the string to sign, changed: the search finds it and names it.
    #[test]
    fn each_part_is_found() {
        let secret = Secret::new(SECRET);
        let sent = "/examplebucket/Photos/IMG.JPG";
        for (signed_text, code, title) in [
            ("GET\n\n\n1795172400\n/examplebucket/Photos/IMG.JPG", Code::MethodMismatch, "This URL was signed for GET, you sent PUT"),
            ("PUT\n\ntext/plain\n1795172400\n/examplebucket/Photos/IMG.JPG", Code::SignedHeaderValue, "content-type was signed as \u{201c}text/plain\u{201d}, you send \u{201c}(not sent)\u{201d}"),
            ("PUT\n1B2M2Y8AsgTpgAmY7PhCfg==\n\n1795172400\n/examplebucket/Photos/IMG.JPG", Code::SignedHeaderValue, "content-md5 was signed as \u{201c}1B2M2Y8AsgTpgAmY7PhCfg==\u{201d}, you send \u{201c}(not sent)\u{201d}"),
            ("PUT\n\n\n1795172400\n/examplebucket/photos/img.jpg", Code::KeyCase, "The key was signed as \u{201c}photos/img.jpg\u{201d}, the URL has \u{201c}Photos/IMG.JPG\u{201d}"),
            ("PUT\n\n\n1795172400\n/examplebucket/Photos/IMG.JPG?uploads", Code::QueryEncoding, "The URL was signed with ?uploads, which it lacks"),
            ("PUT\n\n\n1795168800\n/examplebucket/Photos/IMG.JPG", Code::QueryEncoding, "Expires was signed as 1795168800, the URL has 1795172400"),
            ("PUT\n\n\n3600\n/examplebucket/Photos/IMG.JPG", Code::QueryEncoding, "Expires was signed as 3600, the URL has 1795172400"),
        ] {
            let provided = sigv2::signature(&secret, signed_text);
            let result = search(&input(sent, "", &secret, &provided));
            let found: Vec<(Code, &str)> = result
                .matches
                .iter()
                .flat_map(|m| m.changes.iter().map(|c| (c.code, c.title.as_str())))
                .collect();
            assert_eq!(found, [(code, title)], "{signed_text:?}");
            assert_eq!(result.matches[0].canonical_request_text, signed_text);
        }
        let added = sigv2::signature(&secret, "PUT\n\n\n1795172400\n/examplebucket/a.txt");
        let result = search(&input("/examplebucket/a.txt?acl", "", &secret, &added));
        assert_eq!(
            result.matches[0].changes[0].title,
            "The subresource acl was added after signing"
        );
    }

    /// The right signature, or a wrong secret: nothing is found.
    #[test]
    fn nothing_found_without_a_change() {
        let secret = Secret::new(SECRET);
        let sent = "/examplebucket/a.txt";
        let provided = sigv2::signature(
            &secret,
            "PUT\n\ntext/plain\n1795172400\n/examplebucket/a.txt",
        );
        let result = search(&input(sent, "text/plain", &secret, &provided));
        assert!(result.matches.is_empty());
        assert!(result.variants_tried > 100, "{}", result.variants_tried);
        let wrong = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEY");
        assert!(search(&input(sent, "image/png", &wrong, &provided))
            .matches
            .is_empty());
    }
}
