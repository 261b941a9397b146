//! The core's one percent-encoder, percent-decoder, hex and base64.
//!
//! SigV4 keeps only the unreserved set `A-Z a-z 0-9 - _ . ~` and writes every other byte as
//! `%XX` with upper-case hex. It is *not* form-urlencoding: a space is `%20`, never `+`, and a
//! literal `+` in a query string is the byte `+` (encoded `%2B`), not a space. Other encodings
//! (a share link's fragment) use the same encoder with another [`EncodeSet`]. Decoding never
//! guesses: a `%` that starts no escape stays a `%`, as S3 reads it.

mod base64;
mod hex;
mod percent;

pub use base64::{base64, base64_decode, cloudfront_base64, cloudfront_base64_decode, Base64};
pub use hex::{hex, is_hex, unhex};
pub(crate) use percent::escapes;
pub use percent::{
    decoded_eq, decoded_eq_ignore_ascii_case, decodes_to_printable_ascii, has_invalid_escape,
    percent_decode, percent_encode, reencode, reencode_into, uri_encode, EncodeSet, Slash,
    FRAGMENT_VALUE, SIGV4_PATH, SIGV4_QUERY,
};

/// The encoder writes ASCII only, so this conversion never fails; it is total anyway.
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Lossy text for showing bytes to a person.
pub fn display(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
