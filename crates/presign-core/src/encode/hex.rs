//! Hex: lower-case hex of digests and signatures, the hex-digit check and its decoder.

use super::ascii_string;

/// The value of one hex digit (either case).
pub(super) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Whether every byte is a hex digit (either case). A table lookup per byte: a signature is
/// checked on every inspection, and the branchy `is_ascii_hexdigit` loop was a third of
/// reading the parameters.
pub fn is_hex(bytes: &[u8]) -> bool {
    const HEX_DIGIT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            #[allow(clippy::cast_possible_truncation)]
            let byte = b as u8;
            table[b] = byte.is_ascii_hexdigit();
            b += 1;
        }
        table
    };
    bytes
        .iter()
        .fold(true, |all, &b| all & HEX_DIGIT[usize::from(b)])
}

/// Lower-case hex of bytes (digests and signatures).
pub fn hex(bytes: &[u8]) -> String {
    const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";
    let mut out = vec![0; bytes.len() * 2];
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX_LOWER[usize::from(b >> 4)];
        pair[1] = HEX_LOWER[usize::from(b & 0x0f)];
    }
    ascii_string(out)
}

/// Decodes hex (either case); `None` on odd length or a non-hex digit.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks(2)
        .map(|pair| Some(hex_value(pair[0])? << 4 | hex_value(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        assert_eq!(hex(&[0, 0xab]), "00ab");
        assert_eq!(unhex("00AB"), Some(vec![0, 0xab]));
        assert_eq!(unhex("0"), None);
        assert!(
            is_hex(b"0123456789abcdefABCDEF")
                && is_hex(b"")
                && !is_hex(b"12g4")
                && !is_hex(b"ab cd")
                && !is_hex("é".as_bytes())
        );
    }
}
