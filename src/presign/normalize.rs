//! Unicode normalization as an injected capability.
//!
//! The root-cause search tries the object key in NFC and NFD (macOS file names are NFD, most
//! other sources NFC, and S3 compares bytes). The normalization tables are large, too large
//! for the page's size budget, so the domain does not own them: natively they come from the
//! `unicode-normalization` crate, in the browser from JavaScript's `String.prototype.normalize`
//! (src/ui passes `Normalizer { nfc: |s| js_sys::JsString::from(s).normalize("NFC").into(), … }`).
//! Without a normalizer the search simply skips those variants.

use std::fmt;

/// NFC and NFD, as plain function pointers so that `Inputs` stays `Clone` and `Debug`.
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

impl Normalizer {
    /// The normalizer this platform provides by itself: the `unicode-normalization` crate
    /// natively, none in wasm (the page injects JavaScript's).
    pub fn platform() -> Option<Normalizer> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            Some(native())
        }
        #[cfg(target_arch = "wasm32")]
        {
            None
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn native_nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn native_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// The native normalizer (the `unicode-normalization` crate).
#[cfg(not(target_arch = "wasm32"))]
pub fn native() -> Normalizer {
    Normalizer {
        nfc: native_nfc,
        nfd: native_nfd,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn native_forms() {
        let n = native();
        assert_eq!((n.nfd)("caf\u{e9}"), "cafe\u{301}");
        assert_eq!((n.nfc)("cafe\u{301}"), "caf\u{e9}");
    }
}
