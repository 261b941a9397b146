//! Unicode case mapping as an injected capability, like normalization (`normalize.rs`).
//!
//! The root-cause search tries the object key in lower and upper case. Full Unicode case
//! mapping needs Unicode's case tables, several KB of the page's wasm that the browser already
//! has: natively the search uses std's `str::to_lowercase`/`to_uppercase`, in the browser
//! JavaScript's `toLowerCase`/`toUpperCase` (src/ui/case.rs). Both follow Unicode's default
//! full case mapping (ß upper-cases to SS, a word-final Σ lower-cases to ς); they may differ
//! only where their Unicode versions do.

use std::fmt;

/// Lower and upper case, as plain function pointers so that `Inputs` stays `Clone` and `Debug`.
#[derive(Clone, Copy)]
pub struct CaseMapping {
    pub lower: fn(&str) -> String,
    pub upper: fn(&str) -> String,
}

impl fmt::Debug for CaseMapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CaseMapping")
    }
}

impl CaseMapping {
    /// The case mapping this platform provides by itself: std's natively; in wasm, where the
    /// page injects JavaScript's, ASCII only, so that the wasm carries no case tables.
    pub fn platform() -> CaseMapping {
        #[cfg(not(target_arch = "wasm32"))]
        {
            CaseMapping {
                lower: str::to_lowercase,
                upper: str::to_uppercase,
            }
        }
        #[cfg(target_arch = "wasm32")]
        {
            Self::ascii()
        }
    }

    /// ASCII letters only; every other character stays as it is.
    pub fn ascii() -> CaseMapping {
        CaseMapping {
            lower: str::to_ascii_lowercase,
            upper: str::to_ascii_uppercase,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn platform_is_full_unicode_natively() {
        let c = CaseMapping::platform();
        assert_eq!((c.upper)("stra\u{df}e.JPG"), "STRASSE.JPG");
        assert_eq!((c.lower)("\u{3a3}\u{391}\u{3a3}"), "\u{3c3}\u{3b1}\u{3c2}");
        let a = CaseMapping::ascii();
        assert_eq!((a.upper)("stra\u{df}e.jpg"), "STRA\u{df}E.JPG");
    }
}
