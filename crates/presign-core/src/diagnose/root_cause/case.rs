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
        if canonical != key.unchanged {
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

#[cfg(test)]
mod tests {
    use super::super::keys::raw_prefix;
    use super::super::testing::{found, variants_found, Request};
    use super::super::{Candidate, SearchInput, Variant};
    use super::{bucket_candidates, key_candidates, Case};

    fn key_family(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
        key_candidates(input, &raw_prefix(input), out);
    }

    fn at(path: &str) -> Request {
        Request::at(&format!("https://examplebucket.s3.amazonaws.com{path}"))
    }

    #[test]
    fn key_signed_in_lower_case() {
        let (variants, words) = found(
            &at("/Photos/Cat.JPG"),
            &at("/photos/cat.jpg").signature(),
            key_family,
        );
        assert_eq!(
            variants,
            [[Variant::KeyCase {
                signed: "photos/cat.jpg".to_owned(),
                how: Case::Lower,
            }]]
        );
        assert_eq!(words[0][0].title, "The key was signed as \u{201c}photos/cat.jpg\u{201d}, the URL has \u{201c}Photos/Cat.JPG\u{201d}");
        assert!(words[0][0]
            .detail
            .contains("the key was signed in lower case"));
    }

    #[test]
    fn only_the_extension_in_another_case() {
        let sent = at("/Photo.JPG");
        for (signed, how) in [
            ("/Photo.jpg", Case::LowerExtension),
            ("/PHOTO.JPG", Case::Upper),
        ] {
            assert_eq!(
                variants_found(&sent, &at(signed).signature(), key_family),
                [[Variant::KeyCase {
                    signed: signed[1..].to_owned(),
                    how,
                }]],
                "{signed}"
            );
        }
        assert!(variants_found(&sent, &sent.signature(), key_family).is_empty());
    }

    /// Path-style: the bucket in the path in upper case, signed with its real name.
    #[test]
    fn bucket_signed_in_lower_case_path_style() {
        let signed = Request::at("https://s3.amazonaws.com/examplebucket/test.txt");
        let sent = Request::at("https://s3.amazonaws.com/EXAMPLEBUCKET/test.txt");
        let (variants, words) = found(&sent, &signed.signature(), bucket_candidates);
        assert_eq!(
            variants,
            [[Variant::BucketCase {
                signed: "examplebucket".to_owned(),
            }]]
        );
        assert_eq!(words[0][0].title, "The bucket was signed as \u{201c}examplebucket\u{201d}, the URL has \u{201c}EXAMPLEBUCKET\u{201d}");
        assert!(variants_found(&sent, &sent.signature(), bucket_candidates).is_empty());
    }

    /// Virtual-hosted: a signer that kept the bucket's upper case in the host it signed.
    #[test]
    fn bucket_signed_in_upper_case_virtual_hosted() {
        let signed = Request::example().header("host", "EXAMPLEBUCKET.s3.amazonaws.com");
        assert_eq!(
            variants_found(&Request::example(), &signed.signature(), bucket_candidates),
            [[Variant::BucketCase {
                signed: "EXAMPLEBUCKET".to_owned(),
            }]]
        );
    }
}
