//! Case: the object key or the bucket signed in another case than the URL has (S3 keys are
//! case-sensitive; host names lose case).

use super::keys::Key;
use super::{headers_with, sent_host, uri_of, Candidate, Change, SearchInput, Variant};
use crate::encode::{uri_encode, Slash};
use crate::finding::Code;
use crate::types::AddressingStyle;

/// How the signer's key case differed from the URL's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    Lower,
    Upper,
    LowerExtension,
    UpperExtension,
}

/// The key's case variants under a raw path prefix (`/` or `/bucket/`): all lower or upper
/// case, or only the extension's.
pub(super) fn key_candidates(input: &SearchInput<'_>, prefix: &str, out: &mut Vec<Candidate>) {
    let key = Key::new(input, prefix);
    let (lower, upper) = (input.unicode.lower, input.unicode.upper);
    let mut variants = vec![
        (lower(&key.text), Case::Lower),
        (upper(&key.text), Case::Upper),
    ];
    // The extension alone (.JPG vs .jpg), a common mismatch between file names and keys.
    if let Some(dot) = key.text.rfind('.') {
        let (stem, ext) = key.text.split_at(dot);
        variants.push((format!("{stem}{}", lower(ext)), Case::LowerExtension));
        variants.push((format!("{stem}{}", upper(ext)), Case::UpperExtension));
    }
    for (signed, how) in variants {
        if signed == key.text {
            continue;
        }
        let canonical = key.encoded(signed.as_bytes());
        if canonical != input.canonical_request.canonical_uri {
            out.push(Candidate::new(Variant::KeyCase { signed, how }).uri(canonical));
        }
    }
}

/// Bucket case: the signer kept upper case that the host (or path) lost, or the reverse.
pub(super) fn bucket_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let raw_key = input.endpoint.raw_key.as_str();
    let Some(bucket) = input.endpoint.bucket.as_deref() else {
        return;
    };
    let mut buckets = vec![bucket.to_ascii_lowercase(), bucket.to_ascii_uppercase()];
    buckets.retain(|b| b != bucket);
    let sent = sent_host(input);
    for signed in buckets {
        let c = match input.endpoint.style {
            AddressingStyle::VirtualHosted => {
                let lower_bucket = bucket.to_ascii_lowercase();
                let Some(rest) = sent
                    .strip_prefix(&format!("{lower_bucket}."))
                    .or_else(|| sent.strip_prefix(&format!("{bucket}.")))
                else {
                    continue;
                };
                let headers = headers_with(input, "host", &format!("{signed}.{rest}"));
                Candidate::new(Variant::BucketCase { signed }).headers(headers)
            }
            AddressingStyle::PathStyle => {
                let bucket_raw = uri_encode(signed.as_bytes(), Slash::Encode);
                let uri = uri_of(input, &format!("/{bucket_raw}/{raw_key}"));
                Candidate::new(Variant::BucketCase { signed }).uri(uri)
            }
        };
        out.push(c);
    }
}

impl Case {
    fn words(self) -> &'static str {
        match self {
            Case::Lower => "lower case",
            Case::Upper => "upper case",
            Case::LowerExtension => "a lower-case extension",
            Case::UpperExtension => "an upper-case extension",
        }
    }
}

/// The words for a key signed as `signed` in another case.
pub(super) fn key_change(
    input: &SearchInput<'_>,
    signed: &str,
    how: Case,
    canonical: &str,
) -> Change {
    let what = format!("the key was signed in {}", how.words());
    let fix = "S3 keys are case-sensitive: presign with the key exactly as stored, and send that same URL.";
    super::keys::key_change(input, Code::KeyCase, signed, canonical, &what, fix)
}

/// The words for a bucket signed as `signed`.
pub(super) fn bucket_change(input: &SearchInput<'_>, signed: &str) -> Change {
    let sent = input.endpoint.bucket.as_deref().unwrap_or_default();
    super::change(
        Code::KeyCase,
        "bucket",
        sent,
        signed,
        format!("The bucket was signed as \u{201c}{signed}\u{201d}, the URL has \u{201c}{sent}\u{201d}"),
        format!("Re-signing with the bucket name \u{201c}{signed}\u{201d} reproduces the signature. Bucket names are lower case and host names lose case: presign with the bucket's real name."),
    )
}
