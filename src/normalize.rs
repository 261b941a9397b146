//! Unicode normalization for the root-cause search, from the browser's own
//! `String.prototype.normalize`, so that the page ships no normalization tables.

use presign_core::normalize::Normalizer;

fn nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}

fn nfd(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFD"))
}

/// NFC and NFD as JavaScript computes them.
pub fn browser() -> Normalizer {
    Normalizer { nfc, nfd }
}
