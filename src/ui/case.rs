//! Unicode case mapping for the root-cause search, from the browser's own
//! `String.prototype.toLowerCase`/`toUpperCase`, so that the page ships no case tables.

use crate::presign::case::CaseMapping;

fn lower(s: &str) -> String {
    String::from(js_sys::JsString::from(s).to_lower_case())
}

fn upper(s: &str) -> String {
    String::from(js_sys::JsString::from(s).to_upper_case())
}

/// Lower and upper case as JavaScript computes them.
pub fn browser() -> CaseMapping {
    CaseMapping { lower, upper }
}
