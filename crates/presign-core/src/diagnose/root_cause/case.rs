//! Case: the object key or the bucket signed in another case than the URL has (S3 keys are
//! case-sensitive; host names lose case).

use super::candidate::KeyDetail;
use super::keys::Key;
use super::{headers_with, sent_host, uri_of, Candidate, Change, SearchInput, Variant};
use crate::encode::{uri_encode, Slash};
use crate::finding::Code;
use crate::types::{AddressingStyle, HttpMethod};
use crate::unicode::Unicode;

/// How the signer's key case differed from the URL's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    Lower,
    Upper,
    /// Every path segment capitalized (first letter upper case, the rest lower).
    Title,
    LowerExtension,
    UpperExtension,
    /// One path segment (counted from 1) in another case, the others as sent.
    Segment(usize, SegmentCase),
}

/// How one path segment's case differed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SegmentCase {
    Lower,
    Upper,
    Title,
    /// Only its first letter in the other case.
    FirstLetter,
}

/// Segments past this many are not varied one by one (the whole key still is).
const MAX_SEGMENTS: usize = 8;

/// The key's text in each other case: all lower or upper, capitalized, only the extension's,
/// and each path segment alone (lower, upper, capitalized, first letter swapped). Variants that
/// equal the key or an earlier variant are left out.
pub(super) fn case_variants(
    text: &str,
    unicode: Unicode,
    detail: KeyDetail,
) -> Vec<(String, Case)> {
    let (lower, upper) = (unicode.lower, unicode.upper);
    let title = |segment: &str| -> String {
        let mut chars = segment.chars();
        chars.next().map_or_else(String::new, |first| {
            upper(&first.to_string()) + &lower(chars.as_str())
        })
    };
    let first_swapped = |segment: &str| -> String {
        let mut chars = segment.chars();
        chars.next().map_or_else(String::new, |first| {
            let f = first.to_string();
            let swapped = if lower(&f) == f { upper(&f) } else { lower(&f) };
            swapped + chars.as_str()
        })
    };
    let segments: Vec<&str> = text.split('/').collect();
    let mut variants = vec![(lower(text), Case::Lower), (upper(text), Case::Upper)];
    // The extension alone (.JPG vs .jpg), a common mismatch between file names and keys.
    if let Some(dot) = text.rfind('.').filter(|&d| !text[d..].contains('/')) {
        let (stem, ext) = text.split_at(dot);
        variants.push((format!("{stem}{}", lower(ext)), Case::LowerExtension));
        variants.push((format!("{stem}{}", upper(ext)), Case::UpperExtension));
    }
    variants.push((
        segments
            .iter()
            .map(|s| title(s))
            .collect::<Vec<_>>()
            .join("/"),
        Case::Title,
    ));
    if segments.len() > 1 && detail == KeyDetail::PerSegment {
        for (i, segment) in segments.iter().enumerate().take(MAX_SEGMENTS) {
            for how in [
                SegmentCase::Lower,
                SegmentCase::Upper,
                SegmentCase::Title,
                SegmentCase::FirstLetter,
            ] {
                let changed = match how {
                    SegmentCase::Lower => lower(segment),
                    SegmentCase::Upper => upper(segment),
                    SegmentCase::Title => title(segment),
                    SegmentCase::FirstLetter => first_swapped(segment),
                };
                let mut parts = segments.clone();
                parts[i] = &changed;
                variants.push((parts.join("/"), Case::Segment(i + 1, how)));
            }
        }
    }
    let mut out: Vec<(String, Case)> = Vec::with_capacity(variants.len());
    for (signed, how) in variants {
        if signed != text && !out.iter().any(|(s, _)| *s == signed) {
            out.push((signed, how));
        }
    }
    out
}

/// The key's case variants under a raw path prefix (`/` or `/bucket/`).
pub(super) fn key_candidates(
    input: &SearchInput<'_>,
    prefix: &str,
    detail: KeyDetail,
    out: &mut Vec<Candidate>,
) {
    let key = Key::new(input, prefix);
    let sent = HttpMethod::parse(&input.canonical_request.method);
    for (signed, how) in case_variants(&key.text, input.unicode, detail) {
        let per_segment = matches!(how, Case::Segment(..));
        let canonical = key.encoded(signed.as_bytes());
        if canonical != key.unchanged {
            let mut c = Candidate::new(Variant::KeyCase { signed, how }).uri(canonical);
            if let Some(m) = sent.filter(|_| per_segment) {
                c = c.only_with(m);
            }
            out.push(c);
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
    pub(super) fn words(self) -> String {
        let segment_words = |how: SegmentCase| match how {
            SegmentCase::Lower => "lower case",
            SegmentCase::Upper => "upper case",
            SegmentCase::Title => "capitalized",
            SegmentCase::FirstLetter => "its first letter in the other case",
        };
        match self {
            Case::Lower => "lower case".to_owned(),
            Case::Upper => "upper case".to_owned(),
            Case::Title => "capitalized segments".to_owned(),
            Case::LowerExtension => "a lower-case extension".to_owned(),
            Case::UpperExtension => "an upper-case extension".to_owned(),
            Case::Segment(n, how) => {
                format!("path segment {n} {}", segment_words(how))
            }
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
    use super::{bucket_candidates, key_candidates, Case, KeyDetail, SegmentCase};

    fn key_family(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
        key_candidates(input, &raw_prefix(input), KeyDetail::PerSegment, out);
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

    /// One path segment in another case, the others as sent; and the whole key capitalized.
    #[test]
    fn one_path_segment_in_another_case() {
        let sent = at("/Photos/Summer/IMG_01.JPG");
        for (signed, how) in [
            (
                "/photos/Summer/IMG_01.JPG",
                Case::Segment(1, SegmentCase::Lower),
            ),
            (
                "/Photos/SUMMER/IMG_01.JPG",
                Case::Segment(2, SegmentCase::Upper),
            ),
            (
                "/Photos/Summer/img_01.jpg",
                Case::Segment(3, SegmentCase::Lower),
            ),
            (
                "/Photos/Summer/iMG_01.JPG",
                Case::Segment(3, SegmentCase::FirstLetter),
            ),
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
        let (_, words) = found(
            &sent,
            &at("/Photos/SUMMER/IMG_01.JPG").signature(),
            key_family,
        );
        assert!(words[0][0]
            .detail
            .contains("the key was signed in path segment 2 upper case"));
        let title = at("/photos/summer/img.jpg");
        assert_eq!(
            variants_found(
                &title,
                &at("/Photos/Summer/Img.jpg").signature(),
                key_family
            ),
            [[Variant::KeyCase {
                signed: "Photos/Summer/Img.jpg".to_owned(),
                how: Case::Title,
            }]]
        );
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
