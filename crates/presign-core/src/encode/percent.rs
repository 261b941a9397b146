//! Percent-encoding as SigV4 defines it: the encode sets, the encoder, the decoder that never
//! guesses, and the escape scans that answer questions without decoding.

use super::ascii_string;
use super::hex::hex_value;
use crate::scan::{find_byte, is_printable_ascii};

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `/` is written as-is (paths) or as `%2F` (query names and values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slash {
    Keep,
    Encode,
}

/// The bytes an encoding writes as they are; every other byte becomes `%XX`.
pub struct EncodeSet([bool; 256]);

impl EncodeSet {
    /// The unreserved set plus any of `extra`.
    const fn unreserved_and(extra: &[u8]) -> Self {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            #[allow(clippy::cast_possible_truncation)]
            let byte = b as u8;
            table[b] = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~');
            b += 1;
        }
        let mut i = 0;
        while i < extra.len() {
            table[extra[i] as usize] = true;
            i += 1;
        }
        EncodeSet(table)
    }

    fn keeps(&self, b: u8) -> bool {
        self.0[usize::from(b)]
    }
}

/// SigV4 query names and values: the unreserved set only.
pub const SIGV4_QUERY: EncodeSet = EncodeSet::unreserved_and(b"");
/// SigV4 paths: the unreserved set and `/`.
pub const SIGV4_PATH: EncodeSet = EncodeSet::unreserved_and(b"/");
/// A value inside a URL fragment made of `name=value&…` pairs: what needs no escaping there,
/// except the pair separators `&`, `=` and the escape character `%`.
pub const FRAGMENT_VALUE: EncodeSet = EncodeSet::unreserved_and(b"/:@!$'()*+,;?");

impl Slash {
    fn set(self) -> &'static EncodeSet {
        match self {
            Slash::Keep => &SIGV4_PATH,
            Slash::Encode => &SIGV4_QUERY,
        }
    }
}

/// Appends one byte, escaped unless `set` keeps it.
fn push_encoded(out: &mut Vec<u8>, b: u8, set: &EncodeSet) {
    if set.keeps(b) {
        out.push(b);
    } else {
        out.extend_from_slice(&[
            b'%',
            HEX_UPPER[usize::from(b >> 4)],
            HEX_UPPER[usize::from(b & 0x0f)],
        ]);
    }
}

/// The length of the leading run of bytes that are written as they are, copied in one go: most
/// of a URL (keys, tokens, dates) is such runs, and per-byte pushes dominated verification time.
fn plain_run(input: &[u8], set: &EncodeSet) -> usize {
    input
        .iter()
        .position(|&b| !set.keeps(b))
        .unwrap_or(input.len())
}

/// Percent-encodes raw bytes, keeping what `set` keeps.
pub fn percent_encode(input: &[u8], set: &EncodeSet) -> String {
    let mut out = Vec::with_capacity(input.len() + input.len() / 2);
    let mut i = 0;
    while i < input.len() {
        let run = plain_run(&input[i..], set);
        out.extend_from_slice(&input[i..i + run]);
        i += run;
        if let Some(&b) = input.get(i) {
            push_encoded(&mut out, b, set);
            i += 1;
        }
    }
    ascii_string(out)
}

/// SigV4 URI encoding of raw bytes.
pub fn uri_encode(input: &[u8], slash: Slash) -> String {
    percent_encode(input, slash.set())
}

/// `uri_encode(&percent_decode(raw))` in one pass, without the intermediate buffer: how a name,
/// value or S3 path as written becomes its canonical form.
pub fn reencode(raw: &[u8], slash: Slash) -> String {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 2);
    reencode_into(&mut out, raw, slash);
    ascii_string(out)
}

/// [`reencode`], appended to a buffer (the verification fast path writes the whole canonical
/// query into one).
pub fn reencode_into(out: &mut Vec<u8>, raw: &[u8], slash: Slash) {
    let set = slash.set();
    let mut i = 0;
    while i < raw.len() {
        let run = plain_run(&raw[i..], set);
        out.extend_from_slice(&raw[i..i + run]);
        i += run;
        let Some(&first) = raw.get(i) else { break };
        let mut b = first;
        i += 1;
        if b == b'%' && i + 1 < raw.len() {
            if let (Some(h), Some(l)) = (hex_value(raw[i]), hex_value(raw[i + 1])) {
                b = h << 4 | l;
                i += 2;
            }
        }
        push_encoded(out, b, set);
    }
}

/// Decodes `%XX` escapes. A `%` that does not start a valid escape is kept as the byte `%`,
/// which is what S3 does with it too; `+` stays `+`.
pub fn percent_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    // Copy the runs between escapes in one go: most names and values hold none at all.
    let mut from = 0;
    for (at, escaped) in escapes(input) {
        out.extend_from_slice(&input[from..at]);
        if let Some(b) = escaped {
            out.push(b);
            from = at + 3;
        } else {
            out.push(b'%');
            from = at + 1;
        }
    }
    out.extend_from_slice(&input[from..]);
    out
}

/// The bytes `percent_decode(raw)` yields, one by one, without allocating.
fn decoded_bytes(raw: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let b = *raw.get(i)?;
        if b == b'%' && i + 2 < raw.len() {
            if let (Some(h), Some(l)) = (hex_value(raw[i + 1]), hex_value(raw[i + 2])) {
                i += 3;
                return Some(h << 4 | l);
            }
        }
        i += 1;
        Some(b)
    })
}

/// Whether `percent_decode(raw) == expected`, without allocating: parameter names are looked
/// up many times per inspection.
pub fn decoded_eq(raw: &[u8], expected: &[u8]) -> bool {
    if find_byte(raw, b'%').is_none() {
        return raw == expected;
    }
    decoded_bytes(raw).eq(expected.iter().copied())
}

/// Like [`decoded_eq`], ASCII letters compared case-insensitively.
pub fn decoded_eq_ignore_ascii_case(raw: &[u8], expected: &[u8]) -> bool {
    if find_byte(raw, b'%').is_none() {
        return raw.eq_ignore_ascii_case(expected);
    }
    decoded_bytes(raw)
        .map(|b| b.to_ascii_lowercase())
        .eq(expected.iter().map(u8::to_ascii_lowercase))
}

/// Each `%` of `raw`, in order, with its position: `Some(byte)` when two hex digits follow
/// (which the scan then steps over), `None` for a `%` that does not start an escape.
pub(crate) fn escapes(raw: &[u8]) -> impl Iterator<Item = (usize, Option<u8>)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let i = from + find_byte(raw.get(from..)?, b'%')?;
        let escaped = match (raw.get(i + 1), raw.get(i + 2)) {
            (Some(&h), Some(&l)) => hex_value(h).zip(hex_value(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        from = i + if escaped.is_some() { 3 } else { 1 };
        Some((i, escaped))
    })
}

/// Whether `input` holds a `%` that does not start a two-digit hex escape.
pub fn has_invalid_escape(input: &[u8]) -> bool {
    escapes(input).any(|(_, escaped)| escaped.is_none())
}

/// Whether every byte `percent_decode(raw)` yields is printable ASCII (`' '..='~'`), without
/// decoding: the raw bytes are, and so is every byte an escape stands for.
pub fn decodes_to_printable_ascii(raw: &[u8]) -> bool {
    is_printable_ascii(raw)
        && escapes(raw)
            .filter_map(|(_, escaped)| escaped)
            .all(|b| (b' '..=b'~').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_sigv4() {
        assert_eq!(uri_encode(b"a b+c/d~", Slash::Keep), "a%20b%2Bc/d~");
        assert_eq!(uri_encode(b"a/b", Slash::Encode), "a%2Fb");
        assert_eq!(uri_encode("ሴ".as_bytes(), Slash::Keep), "%E1%88%B4");
    }

    #[test]
    fn decodes_without_guessing() {
        assert_eq!(percent_decode(b"a%20b+c"), b"a b+c");
        assert_eq!(percent_decode(b"100%"), b"100%");
        assert_eq!(percent_decode(b"%zz%4"), b"%zz%4");
        assert_eq!(percent_decode(b"%2f%2F"), b"//");
        assert!(
            decoded_eq(b"a%20b", b"a b")
                && decoded_eq(b"ab", b"ab")
                && !decoded_eq(b"a%20b", b"a%20b")
        );
        assert!(decoded_eq(b"100%", b"100%") && !decoded_eq(b"a%2", b"a"));
        assert!(decoded_eq_ignore_ascii_case(b"X-Amz-%44ate", b"x-amz-date"));
        assert!(!decoded_eq_ignore_ascii_case(b"X-Amz-Dat", b"x-amz-date"));
        assert!(has_invalid_escape(b"%4"));
        assert!(decodes_to_printable_ascii(b"a%20b%2F%7E~%zz%4"));
        assert!(!decodes_to_printable_ascii(b"caf%C3%A9") && !decodes_to_printable_ascii(b"a%00b"));
        assert!(
            !decodes_to_printable_ascii("é".as_bytes()) && !decodes_to_printable_ascii(b"a\tb")
        );
        assert!(!has_invalid_escape(b"%41"));
        for (raw, bad) in [
            (&b"a%41%42b"[..], false),
            (b"%%41", true),
            (b"%41%", true),
            (b"%4%41", true),
            (b"%4g", true),
            (b"", false),
            (b"x%2F%2f", false),
        ] {
            assert_eq!(has_invalid_escape(raw), bad, "{raw:?}");
        }
    }

    /// Every string of up to five bytes from an alphabet of escape parts, against the plain
    /// definitions.
    #[test]
    fn escape_checks_match_their_definitions() {
        let alphabet = [b'%', b'4', b'1', b'g', b'a', 0x00, 0xC3, b' '];
        let mut raw = Vec::new();
        for len in 0..=5u32 {
            for mut n in 0..alphabet.len().pow(len) {
                raw.clear();
                for _ in 0..len {
                    raw.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                let invalid = raw.iter().enumerate().any(|(i, &b)| {
                    b == b'%'
                        && !(i + 2 < raw.len()
                            && hex_value(raw[i + 1]).is_some()
                            && hex_value(raw[i + 2]).is_some())
                });
                assert_eq!(has_invalid_escape(&raw), invalid, "{raw:?}");
                let printable = percent_decode(&raw)
                    .iter()
                    .all(|b| (b' '..=b'~').contains(b));
                assert_eq!(decodes_to_printable_ascii(&raw), printable, "{raw:?}");
            }
        }
    }

    #[test]
    fn reencode_is_decode_then_encode() {
        for raw in [
            &b"a%20b+c"[..],
            b"100%",
            b"%zz%4",
            b"%2f%2F",
            b"%",
            b"%4",
            b"%41",
            b"a%e1%88%b4/~",
            b"",
            b"%%41",
        ] {
            for slash in [Slash::Keep, Slash::Encode] {
                assert_eq!(
                    reencode(raw, slash),
                    uri_encode(&percent_decode(raw), slash),
                    "{raw:?}"
                );
            }
        }
    }

    #[test]
    fn one_encoder_many_sets() {
        let text = "a b&c=d%e/f:g@h+i#j\u{e9}";
        assert_eq!(
            percent_encode(text.as_bytes(), &FRAGMENT_VALUE),
            "a%20b%26c%3Dd%25e/f:g@h+i%23j%C3%A9"
        );
        assert_eq!(
            percent_encode(text.as_bytes(), &SIGV4_QUERY),
            uri_encode(text.as_bytes(), Slash::Encode)
        );
        assert_eq!(
            percent_encode(text.as_bytes(), &SIGV4_PATH),
            uri_encode(text.as_bytes(), Slash::Keep)
        );
    }
}
