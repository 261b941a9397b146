//! Base64 in its two RFC 4648 alphabets, and CloudFront's URL-safe variant of it.

/// Which characters stand for 62 and 63, and whether the text is padded with `=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base64 {
    /// RFC 4648 §4, `+` `/`, padded: SigV2 signatures, POST policies, Azure keys.
    Standard,
    /// RFC 4648 §5, `-` `_`, unpadded: safe in a URL fragment as is (share links).
    UrlSafe,
}

/// Encodes bytes as base64.
pub fn base64(bytes: &[u8], alphabet: Base64) -> String {
    let (table, pad): (&[u8; 64], bool) = match alphabet {
        Base64::Standard => (
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
            true,
        ),
        Base64::UrlSafe => (
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            false,
        ),
    };
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(table[((n >> (18 - 6 * i)) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64 in either alphabet (a chat client may rewrite one into the other), with or
/// without padding. `None` for any other character or a length no encoder produces.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            #[allow(clippy::cast_possible_truncation)]
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character (6 bits) cannot end valid base64.
    (bits < 6).then_some(out)
}

/// CloudFront's URL-safe base64: standard base64 with `+` written `-`, `=` written `_` and `/`
/// written `~` (botocore `_url_b64encode`, the JS SDK's `normalizeBase64`).
pub fn cloudfront_base64(bytes: &[u8]) -> String {
    base64(bytes, Base64::Standard)
        .chars()
        .map(|c| match c {
            '+' => '-',
            '=' => '_',
            '/' => '~',
            c => c,
        })
        .collect()
}

/// Decodes CloudFront's base64 (`-`, `_`, `~` back to `+`, `=`, `/`). Standard base64 decodes
/// too (a caller that cares says so: `cloudfront-base64`); anything else is `None`.
pub fn cloudfront_base64_decode(text: &str) -> Option<Vec<u8>> {
    let standard: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '=',
            '~' => '/',
            c => c,
        })
        .collect();
    let unpadded = standard.trim_end_matches('=');
    if unpadded.contains('=') {
        return None;
    }
    base64_decode(unpadded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloudfront_base64_round_trips_with_its_three_characters() {
        // The signature of shared/vectors/cloudfront's canned case ends in "Rbw__".
        let bytes = [0xfb, 0xff, 0xbf, 0x01];
        assert_eq!(base64(&bytes, Base64::Standard), "+/+/AQ==");
        assert_eq!(cloudfront_base64(&bytes), "-~-~AQ__");
        assert_eq!(cloudfront_base64_decode("-~-~AQ__"), Some(bytes.to_vec()));
        assert_eq!(cloudfront_base64_decode("+/+/AQ=="), Some(bytes.to_vec()));
        assert_eq!(cloudfront_base64_decode("-~_-"), None, "padding inside");
        assert_eq!(cloudfront_base64_decode("a b"), None);
    }

    #[test]
    fn base64_short_inputs() {
        assert_eq!(base64(b"", Base64::Standard), "");
        assert_eq!(base64(b"f", Base64::Standard), "Zg==");
        assert_eq!(base64(b"fo", Base64::Standard), "Zm8=");
        assert_eq!(base64(b"foo", Base64::Standard), "Zm9v");
    }

    /// RFC 4648 §10's test vectors, both alphabets, and lenient decoding.
    #[test]
    fn base64_as_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes(), Base64::Standard), encoded);
            assert_eq!(
                base64(plain.as_bytes(), Base64::UrlSafe),
                encoded.trim_end_matches('=')
            );
            assert_eq!(base64_decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(base64(&[0xfb, 0xff], Base64::Standard), "+/8=");
        assert_eq!(base64(&[0xfb, 0xff], Base64::UrlSafe), "-_8");
        assert_eq!(base64_decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(base64_decode("+/8=").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(base64_decode("Zm9vY"), None, "a lone sixth of a byte");
        assert_eq!(base64_decode("Zm9v!"), None);
    }
}
