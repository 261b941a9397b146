//! NFC and NFD from the unicode-normalization crate, injected into `Inputs` by tests as the
//! command line injects it (the page injects JavaScript's).

use presign_core::normalize::Normalizer;
use unicode_normalization::UnicodeNormalization;

pub fn normalizer() -> Normalizer {
    Normalizer {
        nfc: |s| s.nfc().collect(),
        nfd: |s| s.nfd().collect(),
    }
}
