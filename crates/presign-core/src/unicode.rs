//! Unicode character data as an injected capability, like normalization (`normalize.rs`).
//!
//! Two checks need Unicode's tables: the root-cause search tries the object key in lower and
//! upper case, and the look-alike check splits text into words of letters and digits. Those
//! tables are several KB of the page's wasm that the browser already has, so the domain does
//! not own them: the command line uses std's (`Unicode::std`), the page JavaScript's (`toLowerCase`, `toUpperCase`,
//! `/[\p{Alphabetic}\p{N}]/u`; src/unicode.rs in the web crate). Both follow Unicode's definitions (full case
//! mapping: ß upper-cases to SS, a word-final Σ lower-cases to ς; alphanumeric: Alphabetic or a
//! number); they may differ only where their Unicode versions do.

use std::fmt;

/// Case mapping and the letter-or-digit test, as plain function pointers so that `Inputs`
/// stays `Clone` and `Debug`.
#[derive(Clone, Copy)]
pub struct Unicode {
    pub lower: fn(&str) -> String,
    pub upper: fn(&str) -> String,
    /// Whether a character is a letter or a digit (`char::is_alphanumeric`). Only asked about
    /// non-ASCII characters: ASCII is answered without it (`is_word_char`).
    pub is_alphanumeric: fn(char) -> bool,
}

impl fmt::Debug for Unicode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Unicode")
    }
}

impl Unicode {
    /// std's tables (`str::to_lowercase`, `to_uppercase`, `char::is_alphanumeric`): what the
    /// command line and the tests use. The page injects JavaScript's instead, so that its wasm
    /// links none of std's tables (a function that is never called is not linked).
    pub fn std() -> Unicode {
        Unicode {
            lower: str::to_lowercase,
            upper: str::to_uppercase,
            is_alphanumeric: char::is_alphanumeric,
        }
    }

    /// ASCII letters and digits only; every other character is left as it is and is not a
    /// letter.
    pub fn ascii() -> Unicode {
        Unicode {
            lower: str::to_ascii_lowercase,
            upper: str::to_ascii_uppercase,
            is_alphanumeric: |c| c.is_ascii_alphanumeric(),
        }
    }

    /// `char::is_alphanumeric`, with ASCII answered here.
    pub fn is_word_char(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            (self.is_alphanumeric)(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_is_full_unicode() {
        let u = Unicode::std();
        assert_eq!((u.upper)("stra\u{df}e.JPG"), "STRASSE.JPG");
        assert_eq!((u.lower)("\u{3a3}\u{391}\u{3a3}"), "\u{3c3}\u{3b1}\u{3c2}");
        assert!(
            u.is_word_char('\u{436}') && u.is_word_char('\u{663}') && !u.is_word_char('\u{200b}')
        );
        let a = Unicode::ascii();
        assert_eq!((a.upper)("stra\u{df}e.jpg"), "STRA\u{df}E.JPG");
        assert!(a.is_word_char('x') && !a.is_word_char('\u{436}'));
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_std() {
        let u = Unicode::std();
        for c in '\0'..='\u{7f}' {
            assert_eq!(u.is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
