//! Cleaning pasted text into the URL that was signed: white space, quotes and line breaks
//! around it, and whole layers of escaping (HTML, JSON, percent) that a log or a page added.

use crate::encode::{escapes, percent_decode};
use crate::limits::MAX_ESCAPING_LAYERS;
use crate::scan::{find_byte, find_line_break};
use serde::Serialize;

/// What cleaning the pasted text did, so the page can say so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "four independent facts about one paste, each reported on its own; not a state"
)]
pub struct Cleanup {
    pub trimmed: bool,
    pub unquoted: bool,
    pub joined_lines: bool,
    pub assumed_scheme: bool,
    /// Layers of escaping around the whole URL that were undone, outermost first.
    pub unescaped: Vec<Unescaped>,
}

/// An escaping of the whole URL text: a layer that a log, a page's source or another URL put
/// around it after it was signed, so undoing it restores what was signed. (Escapes *inside*
/// the URL, such as `%2F` in the key, are part of what was signed and are never touched.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Escaping {
    /// `&amp;` (or `&#38;`, `&#x26;`) for `&`: HTML source, a template, an e-mail.
    Html,
    /// `\u0026` for `&`, `\/` for `/`: a JSON encoder (Go escapes `&`, PHP escapes `/`).
    Json,
    /// `https%3A%2F%2F…`: the whole URL percent-encoded, as a parameter of another URL.
    Percent,
}

/// One layer of escaping undone, and how many escapes it held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Unescaped {
    pub escaping: Escaping,
    pub escapes: usize,
}

/// Undoes one layer of escaping around the whole URL, if the text unmistakably has one:
/// a raw presigned URL never holds `&amp;`, a backslash, or `%3A%2F%2F` right after its scheme.
/// Cheap when there is none (every URL of a batch comes through here): a look at the start,
/// a byte search for `\`, and a look after each `&`.
fn unescape_layer(text: &str) -> Option<(String, Unescaped)> {
    let start = text.as_bytes().get(..14).unwrap_or(text.as_bytes());
    if start.len() >= 13
        && (start.eq_ignore_ascii_case(b"https%3a%2f%2f")
            || start[..13].eq_ignore_ascii_case(b"http%3a%2f%2f"))
    {
        let escapes = escapes(text.as_bytes())
            .filter(|(_, b)| b.is_some())
            .count();
        let decoded = String::from_utf8(percent_decode(text.as_bytes())).ok()?;
        return Some((
            decoded,
            Unescaped {
                escaping: Escaping::Percent,
                escapes,
            },
        ));
    }
    if find_byte(text.as_bytes(), b'\\').is_some()
        && (text.contains("\\/") || text.contains("\\u0026"))
    {
        let (decoded, escapes) = json_unescape(text);
        return Some((
            decoded,
            Unescaped {
                escaping: Escaping::Json,
                escapes,
            },
        ));
    }
    if !ampersands(text).any(|(_, entity)| entity > 1) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut escapes = 0;
    let mut from = 0;
    for (at, len) in ampersands(text) {
        out.push_str(&text[from..at]);
        out.push('&');
        escapes += usize::from(len > 1);
        from = at + len;
    }
    out.push_str(&text[from..]);
    Some((
        out,
        Unescaped {
            escaping: Escaping::Html,
            escapes,
        },
    ))
}

/// Each `&` of `text` with the length of what stands for it there: 1 for a bare `&`, or the
/// length of `&amp;`, `&#38;` or `&#x26;` (any case).
fn ampersands(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    const ENTITIES: [&[u8]; 3] = [b"&amp;", b"&#38;", b"&#x26;"];
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + find_byte(bytes.get(from..)?, b'&')?;
        let after = &bytes[at..];
        // Nearly every `&` is a plain separator followed by a parameter name.
        let len = match after.get(1) {
            Some(b'a' | b'A' | b'#') => ENTITIES
                .iter()
                .find(|e| {
                    after
                        .get(..e.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(e))
                })
                .map_or(1, |e| e.len()),
            _ => 1,
        };
        from = at + len;
        Some((at, len))
    })
}

/// JSON string escapes undone: `\/`, `\\`, `\"` and `\uXXXX` (surrogate pairs joined). A lone
/// surrogate and any other escape are kept as written.
fn json_unescape(text: &str) -> (String, usize) {
    fn unit(text: &str, at: usize) -> Option<u16> {
        let hex = text.get(at..at + 6)?.strip_prefix("\\u")?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u16::from_str_radix(hex, 16).ok()
    }
    let mut out = String::with_capacity(text.len());
    let mut escapes = 0;
    let mut i = 0;
    while let Some(offset) = text[i..].find('\\') {
        let at = i + offset;
        out.push_str(&text[i..at]);
        let (decoded, len) = match text.as_bytes().get(at + 1) {
            Some(b'/') => (Some('/'), 2),
            Some(b'\\') => (Some('\\'), 2),
            Some(b'"') => (Some('"'), 2),
            Some(b'u') => match unit(text, at) {
                Some(high @ 0xD800..=0xDBFF) => match unit(text, at + 6) {
                    Some(low @ 0xDC00..=0xDFFF) => (
                        char::decode_utf16([high, low]).next().and_then(Result::ok),
                        12,
                    ),
                    _ => (None, 1),
                },
                Some(u) => (char::from_u32(u32::from(u)), 6),
                None => (None, 1),
            },
            _ => (None, 1),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                escapes += 1;
            }
            None => out.push('\\'),
        }
        i = at + len;
    }
    out.push_str(&text[i..]);
    (out, escapes)
}

/// Strips what surrounds a pasted URL: white space, quotes, angle brackets, and the line
/// breaks (with their indentation) that terminals and e-mail insert into long URLs.
pub fn clean_pasted(input: &str) -> (String, Cleanup) {
    let mut cleanup = Cleanup::default();
    let mut text = input.trim();
    if text.len() != input.len() {
        cleanup.trimmed = true;
    }
    loop {
        let stripped = strip_pair(text, '"', '"')
            .or_else(|| strip_pair(text, '\'', '\''))
            .or_else(|| strip_pair(text, '<', '>'))
            .or_else(|| strip_pair(text, '`', '`'))
            .or_else(|| strip_pair(text, '“', '”'));
        match stripped {
            Some(inner) => {
                cleanup.unquoted = true;
                text = inner.trim();
            }
            None => break,
        }
    }
    let mut cleaned = join_lines(text, &mut cleanup);
    while cleanup.unescaped.len() < MAX_ESCAPING_LAYERS {
        let Some((unescaped, layer)) = unescape_layer(&cleaned) else {
            break;
        };
        cleaned = unescaped;
        cleanup.unescaped.push(layer);
    }
    (cleaned, cleanup)
}

/// The text with the line breaks (and their indentation) removed that terminals and e-mail
/// insert into long URLs, and shell line continuations.
fn join_lines(text: &str, cleanup: &mut Cleanup) -> String {
    // Most pastes are one line: nothing to join.
    if find_line_break(text.as_bytes()).is_none() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' || c == '\n' {
            cleanup.joined_lines = true;
            while matches!(chars.peek(), Some(' ' | '\t' | '\r' | '\n')) {
                chars.next();
            }
            continue;
        }
        // A shell line continuation: `\` right before the line break.
        if c == '\\' && matches!(chars.peek(), Some('\r' | '\n')) {
            continue;
        }
        out.push(c);
    }
    out
}

fn strip_pair(text: &str, open: char, close: char) -> Option<&str> {
    let inner = text.strip_prefix(open)?.strip_suffix(close)?;
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_what_people_paste() {
        let (c, cleanup) = clean_pasted("  \"<https://b.s3.amazonaws.com/k?a=1&\n    b=2>\"  ");
        assert_eq!(c, "https://b.s3.amazonaws.com/k?a=1&b=2");
        assert!(cleanup.trimmed && cleanup.unquoted && cleanup.joined_lines);
    }

    #[test]
    fn undoes_an_escaping_of_the_whole_url() {
        let url = "https://b.s3.amazonaws.com/a%2Bb/c%20d?X-Amz-Date=1&x=%26&y=2";
        let html = "https://b.s3.amazonaws.com/a%2Bb/c%20d?X-Amz-Date=1&amp;x=%26&#38;y=2";
        let (c, cleanup) = clean_pasted(html);
        assert_eq!(c, url);
        assert_eq!(
            cleanup.unescaped,
            [Unescaped {
                escaping: Escaping::Html,
                escapes: 2
            }]
        );
        assert_eq!(
            clean_pasted("https://h/k?a=1&#X26;b=2").0,
            "https://h/k?a=1&b=2"
        );

        let json = r"https:\/\/b.s3.amazonaws.com\/a%2Bb\/c%20d?X-Amz-Date=1\u0026x=%26\u0026y=2";
        let (c, cleanup) = clean_pasted(json);
        assert_eq!(c, url);
        assert_eq!(
            cleanup.unescaped,
            [Unescaped {
                escaping: Escaping::Json,
                escapes: 6
            }]
        );
        // A surrogate pair is one character; a lone surrogate stays as written.
        assert_eq!(
            json_unescape(r"\ud83d\ude00 \ud83d \/"),
            ("\u{1f600} \\ud83d /".to_owned(), 2)
        );

        let percent = "https%3A%2F%2Fb.s3.amazonaws.com%2Fa%252Bb%2Fc%2520d%3FX-Amz-Date%3D1%26x%3D%2526%26y%3D2";
        let (c, cleanup) = clean_pasted(percent);
        assert_eq!(c, url);
        assert_eq!(
            cleanup.unescaped,
            [Unescaped {
                escaping: Escaping::Percent,
                escapes: 14
            }]
        );
        // Not UTF-8 once decoded: left as it is.
        assert_eq!(
            clean_pasted("https%3A%2F%2Fh%2F%FF").0,
            "https%3A%2F%2Fh%2F%FF"
        );

        // Layers: the JSON text of an HTML attribute.
        let (c, cleanup) = clean_pasted(r"https:\/\/h\/k?a=1&amp;b=2");
        assert_eq!(c, "https://h/k?a=1&b=2");
        let order: Vec<Escaping> = cleanup.unescaped.iter().map(|u| u.escaping).collect();
        assert_eq!(order, [Escaping::Json, Escaping::Html]);

        // Not a JSON escape (JSON writes \u in lower case): nothing to undo, and no layer.
        assert!(clean_pasted(r"https://h/k?a=1\U0026b=2")
            .1
            .unescaped
            .is_empty());

        // A URL as SDKs write it has nothing to undo.
        assert!(clean_pasted(url).1.unescaped.is_empty());
        assert!(clean_pasted("https://h/k%26amp%3B?a=%26amp%3B&b")
            .1
            .unescaped
            .is_empty());
    }
}
