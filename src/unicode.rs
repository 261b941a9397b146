//! Unicode character data for the domain (case mapping, letters and digits) from the browser's
//! own JavaScript, so that the page ships no Unicode tables.

use presign_core::unicode::Unicode;

fn lower(s: &str) -> String {
    String::from(js_sys::JsString::from(s).to_lower_case())
}

fn upper(s: &str) -> String {
    String::from(js_sys::JsString::from(s).to_upper_case())
}

thread_local! {
    /// `char::is_alphanumeric` is Alphabetic or a number (categories Nd, Nl, No).
    static ALPHANUMERIC: js_sys::RegExp = js_sys::RegExp::new(r"^[\p{Alphabetic}\p{N}]$", "u");
}

fn is_alphanumeric(c: char) -> bool {
    ALPHANUMERIC.with(|re| re.test(c.encode_utf8(&mut [0; 4])))
}

/// Case mapping and the letter-or-digit test as JavaScript computes them.
pub fn browser() -> Unicode {
    Unicode {
        lower,
        upper,
        is_alphanumeric,
    }
}
