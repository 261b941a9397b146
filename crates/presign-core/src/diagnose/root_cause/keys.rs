//! Keys: the object key encoded or normalized (NFC/NFD) otherwise than the URL has it.

use super::candidate::KeyDetail;
use super::{uri_of, Candidate, Change, SearchInput, Variant};
use crate::encode::{percent_decode, uri_encode, Slash};
use crate::finding::Code;
use crate::types::HttpMethod;
use std::borrow::Cow;

/// How the signer's key encoding differed from the URL's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    /// A space signed where the URL has '+' (form encoding).
    SpaceAsPlus,
    /// '+' signed where the URL has a space.
    PlusAsSpace,
    /// A space signed where the key has '+' (%2B): a form decoder ran before signing.
    SpaceAsEncodedPlus,
    /// '/' signed as %2F.
    SlashEncoded,
    /// %2F kept in the canonical path where S3 decodes it.
    EncodedSlashKept,
    /// The path encoded twice when signing.
    EncodedTwice,
    /// The URL encoded again after signing.
    EncodedAfterSigning,
    /// The key not encoded at all by the signer.
    NotEncoded,
    /// `!'()*` left literal, as encodeURIComponent does.
    ReservedLiteral,
    /// '~' encoded as %7E.
    TildeEncoded,
    /// Escapes written with lower-case hex.
    LowerCaseHex,
    /// The key signed in another Unicode normalization form.
    Normalized(Form),
    LeadingSlashDropped,
    LeadingSlashAdded,
    TrailingSlashDropped,
    TrailingSlashAdded,
    /// The key signed with single slashes where the URL has doubled ones (`a//b`).
    SlashesCollapsed,
    /// The key signed with a slash doubled where the URL has one (a client that normalized
    /// the path after signing); one variant per slash of the key.
    SlashDoubled,
}

/// At most this many of the key's slashes are tried doubled.
const MAX_DOUBLED_SLASHES: usize = 8;

/// A Unicode normalization form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Nfc,
    Nfd,
}

impl Encoding {
    /// Every encoding, in the order they are tried.
    const ALL: [Encoding; 18] = [
        Encoding::SpaceAsPlus,
        Encoding::PlusAsSpace,
        Encoding::SpaceAsEncodedPlus,
        Encoding::SlashEncoded,
        Encoding::EncodedSlashKept,
        Encoding::EncodedTwice,
        Encoding::EncodedAfterSigning,
        Encoding::NotEncoded,
        Encoding::ReservedLiteral,
        Encoding::TildeEncoded,
        Encoding::LowerCaseHex,
        Encoding::Normalized(Form::Nfc),
        Encoding::Normalized(Form::Nfd),
        Encoding::LeadingSlashDropped,
        Encoding::LeadingSlashAdded,
        Encoding::TrailingSlashDropped,
        Encoding::TrailingSlashAdded,
        Encoding::SlashesCollapsed,
    ];
}

/// The key as sent, read once for all its variants, under a raw path prefix (`/` or
/// `/bucket/`).
pub(super) struct Key<'k> {
    input: &'k SearchInput<'k>,
    prefix: &'k str,
    /// The canonical URI of the prefix.
    canonical_prefix: String,
    /// The canonical URI of the prefix and the key unchanged: a variant that gives it changes
    /// nothing (under another prefix it is a host variant, which hosts.rs tries).
    pub(super) unchanged: String,
    /// The key as written in the path.
    raw: &'k str,
    /// The key decoded.
    bytes: Vec<u8>,
    /// The key decoded, lossily.
    pub(super) text: String,
}

impl<'k> Key<'k> {
    pub(super) fn new(input: &'k SearchInput<'k>, prefix: &'k str) -> Self {
        let raw = input.endpoint.raw_key.as_str();
        let bytes = percent_decode(raw.as_bytes());
        Key {
            input,
            prefix,
            canonical_prefix: uri_of(input, prefix),
            unchanged: uri_of(input, &format!("{prefix}{raw}")),
            raw,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    /// The canonical URI of the prefix followed by a raw key, encoded by the service's rules.
    fn single(&self, raw_key: &str) -> String {
        uri_of(self.input, &format!("{}{raw_key}", self.prefix))
    }

    /// The canonical URI of the prefix followed by an already canonical key.
    fn join(&self, canonical_key: &str) -> String {
        let p = &self.canonical_prefix;
        if p.ends_with('/') || canonical_key.is_empty() {
            format!("{p}{canonical_key}")
        } else {
            format!("{p}/{canonical_key}")
        }
    }

    /// The canonical key of decoded bytes, slashes kept.
    pub(super) fn encoded(&self, bytes: &[u8]) -> String {
        self.join(&uri_encode(bytes, Slash::Keep))
    }

    /// The canonical URI and the key as signed, if `how` applies to this key.
    fn signed_as(&self, how: Encoding) -> Option<(String, String)> {
        let (raw, bytes, text) = (self.raw, &self.bytes, &self.text);
        let swap = |from: u8, to: u8| -> Vec<u8> {
            bytes
                .iter()
                .map(|&b| if b == from { to } else { b })
                .collect()
        };
        let lower_raw = raw.to_ascii_lowercase();
        Some(match how {
            Encoding::SpaceAsPlus if raw.contains('+') => {
                let signed = raw.replace('+', "%20");
                (self.single(&signed), decode_text(&signed))
            }
            Encoding::PlusAsSpace if bytes.contains(&b' ') => {
                let signed = swap(b' ', b'+');
                (self.encoded(&signed), lossy(&signed))
            }
            Encoding::SpaceAsEncodedPlus if bytes.contains(&b'+') => {
                let signed = swap(b'+', b' ');
                (self.encoded(&signed), lossy(&signed))
            }
            Encoding::SlashEncoded if bytes.contains(&b'/') => (
                self.join(&uri_encode(bytes, Slash::Encode)),
                text.replace('/', "%2F"),
            ),
            Encoding::EncodedSlashKept if lower_raw.contains("%2f") => {
                let parts: Vec<String> = split_ignore_ascii_case(raw, "%2f")
                    .map(|part| uri_encode(&percent_decode(part.as_bytes()), Slash::Keep))
                    .collect();
                (self.join(&parts.join("%2F")), text.clone())
            }
            Encoding::EncodedTwice => {
                let once = self.single(raw);
                (uri_encode(once.as_bytes(), Slash::Keep), once)
            }
            Encoding::EncodedAfterSigning if lower_raw.contains("%25") => {
                let twice = percent_decode(bytes);
                (self.encoded(&twice), lossy(&twice))
            }
            Encoding::NotEncoded
                if bytes
                    .iter()
                    .any(|&b| !(b.is_ascii_alphanumeric() || b"-_.~/".contains(&b))) =>
            {
                (format!("{}{text}", decode_text(self.prefix)), text.clone())
            }
            Encoding::ReservedLiteral if bytes.iter().any(|b| b"!'()*".contains(b)) => {
                let canonical = self
                    .single(raw)
                    .replace("%21", "!")
                    .replace("%27", "'")
                    .replace("%28", "(")
                    .replace("%29", ")")
                    .replace("%2A", "*");
                (canonical, text.clone())
            }
            Encoding::TildeEncoded if bytes.contains(&b'~') => {
                (self.single(raw).replace('~', "%7E"), text.clone())
            }
            Encoding::LowerCaseHex => (lower_escapes(&self.single(raw)), text.clone()),
            Encoding::Normalized(form) => {
                let forms = self.input.normalizer?;
                let key = std::str::from_utf8(bytes).ok()?;
                let normalized = match form {
                    Form::Nfc => (forms.nfc)(key),
                    Form::Nfd => (forms.nfd)(key),
                };
                if normalized == key {
                    return None;
                }
                (self.encoded(normalized.as_bytes()), normalized)
            }
            Encoding::LeadingSlashDropped => {
                let stripped = raw.strip_prefix('/')?;
                (self.single(stripped), decode_text(stripped))
            }
            Encoding::LeadingSlashAdded if !raw.starts_with('/') => {
                (self.single(&format!("/{raw}")), format!("/{text}"))
            }
            Encoding::TrailingSlashDropped => {
                let stripped = raw.strip_suffix('/')?;
                (self.single(stripped), decode_text(stripped))
            }
            Encoding::TrailingSlashAdded if !raw.ends_with('/') && !raw.is_empty() => {
                (self.single(&format!("{raw}/")), format!("{text}/"))
            }
            Encoding::SlashesCollapsed if raw.trim_start_matches('/').contains("//") => {
                let lead = raw.len() - raw.trim_start_matches('/').len();
                let mut collapsed = raw[lead..].to_owned();
                while collapsed.contains("//") {
                    collapsed = collapsed.replace("//", "/");
                }
                let signed = format!("{}{collapsed}", &raw[..lead]);
                (self.single(&signed), decode_text(&signed))
            }
            _ => return None,
        })
    }
}

/// The key's encoding variants, under a raw path prefix (`/` or `/bucket/`).
pub(super) fn candidates(
    input: &SearchInput<'_>,
    prefix: &str,
    detail: KeyDetail,
    out: &mut Vec<Candidate>,
) {
    let key = Key::new(input, prefix);
    let sent = HttpMethod::parse(&input.canonical_request.method);
    let mut push = |canonical: String, signed: String, how: Encoding| {
        if canonical != key.unchanged {
            let mut c = Candidate::new(Variant::KeyEncoding { signed, how }).uri(canonical);
            if let Some(m) = sent.filter(|_| how == Encoding::SlashDoubled) {
                c = c.only_with(m);
            }
            out.push(c);
        }
    };
    for how in Encoding::ALL {
        if let Some((canonical, signed)) = key.signed_as(how) {
            push(canonical, signed, how);
        }
    }
    if detail == KeyDetail::WholeKey {
        return;
    }
    // Each inner slash doubled (a leading or trailing one is LeadingSlashAdded's and
    // TrailingSlashAdded's).
    let raw = key.raw;
    let inner = raw
        .char_indices()
        .filter(|&(i, c)| c == '/' && i > 0 && i + 1 < raw.len())
        .filter(|&(i, _)| !raw[..i].ends_with('/') && !raw[i + 1..].starts_with('/'))
        .map(|(i, _)| i)
        .take(MAX_DOUBLED_SLASHES);
    for i in inner {
        let signed = format!("{}/{}", &raw[..i], &raw[i..]);
        push(
            key.single(&signed),
            decode_text(&signed),
            Encoding::SlashDoubled,
        );
    }
}

/// Advice when the URL was changed after signing.
const UNCHANGED_FIX: &str = "Use the URL exactly as the SDK returned it: do not decode, re-encode or rebuild it (no URLSearchParams / encodeURIComponent / urllib.parse round trips).";
/// Advice when the key's slashes differ.
const SLASH_FIX: &str = "S3 keeps slashes as they are: a key with a leading '/' is a different key. Presign with exactly the key you send.";

impl Encoding {
    /// What the signer did, and what to change.
    fn words(self) -> (Cow<'static, str>, &'static str) {
        let (what, fix) = match self {
            Encoding::SpaceAsPlus => ("the key had a space where the URL has '+' (form encoding writes a space as '+', but in a path '+' is a plus sign)", UNCHANGED_FIX),
            Encoding::PlusAsSpace => ("the key had '+' where the URL has a space (%20): a form decoder turned '+' into a space before signing, or after", UNCHANGED_FIX),
            Encoding::SpaceAsEncodedPlus => ("the key was signed with a space where the URL has '+' (%2B)", UNCHANGED_FIX),
            Encoding::SlashEncoded => ("the signer encoded '/' in the key as %2F, but the URL sends '/' (S3 signs the path with literal slashes)", "Presign with an SDK (it keeps '/' literal), or keep %2F in the URL you send."),
            Encoding::EncodedSlashKept => ("the signer kept %2F encoded in the canonical path, but S3 decodes %2F to '/' before signing", "Use '/' in the key path instead of %2F, or presign with an SDK."),
            Encoding::EncodedTwice => ("the path was encoded twice when signing (%20 signed as %2520), as signers for services other than S3 do", "Sign S3 requests with an S3 signer (single encoding), not a generic SigV4 signer set for another service."),
            Encoding::EncodedAfterSigning => ("the URL was percent-encoded again after signing (%20 became %2520)", UNCHANGED_FIX),
            Encoding::NotEncoded => ("the signer did not percent-encode the key in the canonical path", "Presign with an SDK, or encode every byte except A-Z a-z 0-9 - _ . ~ / as %XX."),
            Encoding::ReservedLiteral => ("the signer left ! ' ( ) * unencoded (as JavaScript's encodeURIComponent does); SigV4 encodes them", "Encode ! ' ( ) * as %21 %27 %28 %29 %2A when signing, or presign with an SDK."),
            Encoding::TildeEncoded => ("the signer encoded '~' as %7E; SigV4 keeps it literal", "Presign with an SDK, or keep ~ unencoded when signing."),
            Encoding::LowerCaseHex => ("the signer wrote escapes with lower-case hex (%c3%a9); SigV4 requires upper case (%C3%A9)", "Presign with an SDK, or use upper-case hex in escapes."),
            Encoding::Normalized(form) => {
                let (signed, sent) = match form {
                    Form::Nfc => ("NFC", "NFD"),
                    Form::Nfd => ("NFD", "NFC"),
                };
                return (
                    Cow::Owned(format!("the key was signed in Unicode {signed}, but the URL carries it in {sent}: the letters look the same, the bytes differ (macOS file names are NFD, most other sources NFC)")),
                    "S3 compares key bytes: use the key exactly as stored, in one normalization form end to end (e.g. normalize('NFC') both when uploading and when presigning).",
                );
            }
            Encoding::LeadingSlashDropped => ("the key was signed without its leading '/', but the URL path has two slashes", SLASH_FIX),
            Encoding::LeadingSlashAdded => ("the key was signed with a leading '/' (the path had two slashes), but the URL has one", SLASH_FIX),
            Encoding::TrailingSlashDropped => ("the key was signed without its trailing '/'", SLASH_FIX),
            Encoding::TrailingSlashAdded => ("the key was signed with a trailing '/'", SLASH_FIX),
            Encoding::SlashesCollapsed => ("the key was signed with single slashes, but the URL path has doubled ones ('//')", SLASH_FIX),
            Encoding::SlashDoubled => ("the key was signed with a doubled slash ('//'), but the URL has one: something normalized the path after signing (a proxy, a URL library, a framework's router)", "S3 keeps slashes as they are: a//b and a/b are different keys. Send the path exactly as presigned (keep '//'), or store the key without doubled slashes."),
        };
        (Cow::Borrowed(what), fix)
    }
}

/// The words for a key signed as `signed` in another encoding; `canonical` is the canonical
/// URI that was signed.
pub(super) fn change(
    input: &SearchInput<'_>,
    signed: &str,
    how: Encoding,
    canonical: &str,
) -> Change {
    let (what, fix) = how.words();
    key_change(input, Code::KeyEncoding, signed, canonical, &what, fix)
}

/// The words for a key signed as `signed`, found with `canonical` as the canonical URI.
pub(super) fn key_change(
    input: &SearchInput<'_>,
    code: Code,
    signed: &str,
    canonical: &str,
    what: &str,
    fix: &str,
) -> Change {
    let sent = &input.endpoint.key;
    super::change(
        code,
        "key",
        sent.clone(),
        signed,
        format!("The key was signed as \u{201c}{signed}\u{201d}, the URL has \u{201c}{sent}\u{201d}"),
        format!("Re-signing with the canonical path {canonical} reproduces the signature: {what}. {fix}"),
    )
}

fn decode_text(s: &str) -> String {
    lossy(&percent_decode(s.as_bytes()))
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The parts of `text` between occurrences of the ASCII `separator`, in any case.
fn split_ignore_ascii_case<'t>(text: &'t str, separator: &str) -> impl Iterator<Item = &'t str> {
    let lower = text.to_ascii_lowercase();
    let mut cuts: Vec<usize> = lower.match_indices(separator).map(|(i, _)| i).collect();
    cuts.push(text.len());
    let step = separator.len();
    let mut start = 0;
    cuts.into_iter().map(move |end| {
        let part = text.get(start..end).unwrap_or("");
        start = end + step;
        part
    })
}

/// Hex digits after `%` in lower case.
fn lower_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut escape = 0;
    for c in s.chars() {
        if c == '%' {
            escape = 2;
            out.push(c);
        } else if escape > 0 {
            escape -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The raw path before the key: `/` (virtual-hosted) or `/bucket/` (path-style).
pub(super) fn raw_prefix(input: &SearchInput<'_>) -> String {
    let path = &input.url.raw_path;
    let n = path.len().saturating_sub(input.endpoint.raw_key.len());
    path.get(..n).unwrap_or("/").to_owned()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, Request};
    use super::super::{Candidate, SearchInput, Variant};
    use super::{candidates, raw_prefix, Encoding, Form, KeyDetail};

    fn keys_family(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
        candidates(input, &raw_prefix(input), KeyDetail::PerSegment, out);
    }

    fn encoding(signed: &str, how: Encoding) -> Variant {
        Variant::KeyEncoding {
            signed: signed.to_owned(),
            how,
        }
    }

    /// Each row: the path sent, the canonical URI a signer signed instead, and the variants
    /// the family finds (the key as signed, and how), in the order it tries them.
    #[test]
    fn each_encoding_is_found_from_the_canonical_uri_it_signs() {
        use Encoding::*;
        type Row = (
            &'static str,
            &'static str,
            &'static [(&'static str, Encoding)],
        );
        #[rustfmt::skip]
        let rows: [Row; 17] = [
            // '+' in a path is also a key that had '+' (%2B): both describe that signature,
            // and the findings keep the first.
            ("/my+file.txt", "/my%20file.txt", &[("my file.txt", SpaceAsPlus), ("my file.txt", SpaceAsEncodedPlus)]),
            ("/my%20file.txt", "/my%2Bfile.txt", &[("my+file.txt", PlusAsSpace)]),
            ("/a/b.txt", "/a%2Fb.txt", &[("a%2Fb.txt", SlashEncoded)]),
            // The decoded key has a '/' too, so "encoded '/' as %2F" signs the same path: the
            // search reports both, although the URL itself has %2F.
            ("/a%2Fb.txt", "/a%2Fb.txt", &[("a%2Fb.txt", SlashEncoded), ("a/b.txt", EncodedSlashKept)]),
            ("/my%20file.txt", "/my%2520file.txt", &[("/my%20file.txt", EncodedTwice)]),
            // Encoded once more after signing, or a key "my%20file.txt" the signer left as it
            // was: both sign this path.
            ("/my%2520file.txt", "/my%20file.txt", &[("my file.txt", EncodedAfterSigning), ("my%20file.txt", NotEncoded)]),
            ("/my%20file.txt", "/my file.txt", &[("my file.txt", NotEncoded)]),
            ("/a%20%28b%29.txt", "/a%20(b).txt", &[("a (b).txt", ReservedLiteral)]),
            ("/~a.txt", "/%7Ea.txt", &[("~a.txt", TildeEncoded)]),
            ("/caf%C3%A9.txt", "/caf%c3%a9.txt", &[("caf\u{e9}.txt", LowerCaseHex)]),
            ("/caf%C3%A9.txt", "/cafe%CC%81.txt", &[("cafe\u{301}.txt", Normalized(Form::Nfd))]),
            ("//test.txt", "/test.txt", &[("test.txt", LeadingSlashDropped)]),
            ("/test.txt", "//test.txt", &[("/test.txt", LeadingSlashAdded)]),
            ("/dir/", "/dir", &[("dir", TrailingSlashDropped)]),
            ("/test.txt", "/test.txt/", &[("test.txt/", TrailingSlashAdded)]),
            ("/a//b//c.txt", "/a/b/c.txt", &[("a/b/c.txt", SlashesCollapsed)]),
            ("/a/b/c.txt", "/a/b//c.txt", &[("a/b//c.txt", SlashDoubled)]),
        ];
        for (sent_path, signed_uri, expected) in rows {
            let sent = Request::at(&format!(
                "https://examplebucket.s3.amazonaws.com{sent_path}"
            ));
            let signed = sent.signature_with(|c| c.canonical_uri = signed_uri.to_owned());
            let found: Vec<Variant> = variants_found(&sent, &signed, keys_family)
                .into_iter()
                .flatten()
                .collect();
            let expected: Vec<Variant> =
                expected.iter().map(|(k, how)| encoding(k, *how)).collect();
            assert_eq!(found, expected, "{sent_path} signed as {signed_uri}");
            // The request as signed matches no variant.
            assert!(
                variants_found(&sent, &sent.signature(), keys_family).is_empty(),
                "{sent_path}"
            );
        }
    }

    /// A key typed on macOS (NFD) and presigned from a database (NFC).
    #[test]
    fn signed_in_nfc_sent_in_nfd() {
        let signed = Request::at("https://examplebucket.s3.amazonaws.com/caf%C3%A9.txt");
        let sent = Request::at("https://examplebucket.s3.amazonaws.com/cafe%CC%81.txt");
        let (variants, words) = found(&sent, &signed.signature(), keys_family);
        assert_eq!(
            variants,
            [[encoding("caf\u{e9}.txt", Encoding::Normalized(Form::Nfc))]]
        );
        assert_eq!(
            words[0][0].title,
            "The key was signed as \u{201c}caf\u{e9}.txt\u{201d}, the URL has \u{201c}cafe\u{301}.txt\u{201d}"
        );
        assert!(words[0][0]
            .detail
            .contains("signed in Unicode NFC, but the URL carries it in NFD"));
    }

    /// The leading slash of a key "/test.txt" lost on the way (path-style: /bucket//test.txt).
    #[test]
    fn signed_with_a_leading_slash_under_a_path_style_prefix() {
        let signed = Request::at("https://s3.amazonaws.com/examplebucket//test.txt");
        let sent = Request::at("https://s3.amazonaws.com/examplebucket/test.txt");
        let (variants, words) = found(&sent, &signed.signature(), keys_family);
        assert_eq!(
            variants,
            [[encoding("/test.txt", Encoding::LeadingSlashAdded)]]
        );
        assert!(words[0][0]
            .detail
            .starts_with("Re-signing with the canonical path /examplebucket//test.txt reproduces"));
    }
}
