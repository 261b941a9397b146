//! Unicode normalization (NFC, NFD) for the root-cause search's key variants, as a capability
//! the caller injects: the command line passes the unicode-normalization crate's, the page the
//! browser's `String.prototype.normalize`, so the core ships no normalization tables.

use std::fmt;

/// NFC and NFD, supplied by the caller.
#[derive(Clone, Copy)]
pub struct Normalizer {
    pub nfc: fn(&str) -> String,
    pub nfd: fn(&str) -> String,
}

impl fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Normalizer")
    }
}
