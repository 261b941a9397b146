//! Defences against hostile or accidental input: size limits that bound the work, and the
//! characters that hide in a key (bidi controls, zero-width, look-alike letters), made visible.
//!
//! People paste whatever their logs hold. A 5 MB paste must not freeze the page, and a key
//! that *displays* as `report.txt` but holds `U+202E` or a Cyrillic `а` must be named, code
//! point by code point, because it is signed byte for byte and no one can see the difference.

use crate::encode::{decodes_to_printable_ascii, display, has_invalid_escape, percent_decode};
use crate::endpoint::Endpoint;
use crate::finding::{Code, Finding, Severity};
use crate::input::curl::looks_like_curl;
use crate::input::detect::{detect, Pasted};
use crate::input::headers::ParsedHeaders;
use crate::input::url::RawUrl;
use crate::limits::{
    MAX_CURL_BYTES, MAX_HEADERS_BYTES, MAX_HEADER_FINDINGS, MAX_LISTED_CHARACTERS, MAX_POST_BYTES,
    MAX_REQUEST_BYTES, MAX_URL_BYTES,
};
use crate::scan::is_printable_ascii;
use crate::types::AddressingStyle;
use crate::unicode::Unicode;

/// One `input-too-long` finding per field over its limit. Inputs over a limit are not read at
/// all: cutting them would change what was signed and give a wrong diagnosis. (The S3 error
/// body has its own bound: `error_xml` reads its first `MAX_BODY_BYTES` and says so.)
pub fn oversized(url: &str, headers: &str) -> Vec<Finding> {
    // Only a text that may be over the plain limit needs its shape told.
    let limit = |text: &str, plain: usize| {
        if text.len() <= plain || text.len() > MAX_CURL_BYTES.max(MAX_REQUEST_BYTES) {
            return plain;
        }
        if looks_like_curl(text) {
            return MAX_CURL_BYTES;
        }
        if is_post_form(text) {
            return MAX_POST_BYTES;
        }
        match detect(text) {
            Pasted::HttpRequest | Pasted::SdkLog => MAX_REQUEST_BYTES,
            _ => plain,
        }
    };
    [
        ("URL", url.len(), limit(url, MAX_URL_BYTES), "Paste only the presigned URL, not the log around it."),
        (
            "header block",
            headers.len(),
            limit(headers, MAX_HEADERS_BYTES),
            "Paste only the request headers, one `Name: value` per line.",
        ),
    ]
    .into_iter()
    .filter(|&(_, len, max, _)| len > max)
    .map(|(field, len, max, what)| {
        Finding::new(
            Code::InputTooLong,
            Severity::Error,
            format!("The {field} is too long to read ({} KiB; the limit is {} KiB)", len.div_ceil(1024), max / 1024),
            format!("{what} Nothing was inspected: reading a cut-off copy would check something other than what was signed."),
        )
        .with("field", field)
        .with("length (bytes)", len.to_string())
        .with("limit (bytes)", max.to_string())
    })
    .collect()
}

/// A presigned POST's shapes (its multipart body may hold the file).
fn is_post_form(text: &str) -> bool {
    matches!(
        detect(text),
        Pasted::PostJson | Pasted::HtmlForm | Pasted::Multipart | Pasted::HttpRequest
    )
}

/// Why a code point is suspicious.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Reorders how the text around it is displayed.
    Bidi,
    /// Takes no space: two keys that look the same differ by it.
    Invisible,
    /// A control character (NUL, escape, …).
    Control,
    /// A space that is not U+0020.
    OtherSpace,
    /// A letter from another script that looks like a Latin one, inside a Latin word.
    LookAlike,
    /// U+FFFD: bytes that were not valid UTF-8 were replaced.
    Replacement,
}

impl Kind {
    fn explain(self) -> &'static str {
        match self {
            Self::Bidi => "bidirectional control: changes the order in which the text is displayed",
            Self::Invisible => "invisible: takes no space on screen",
            Self::Control => "control character",
            Self::OtherSpace => "a space that is not the ordinary space U+0020",
            Self::LookAlike => "looks like a Latin letter but is a different character",
            Self::Replacement => "replacement character: the bytes here were not valid UTF-8",
        }
    }
}

/// One suspicious code point in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspicious {
    /// 0-based position in characters.
    pub position: usize,
    pub ch: char,
    pub kind: Kind,
    pub name: &'static str,
}

/// The Unicode name of the invisible, bidi and space characters people meet in pasted text.
fn special_name(c: char) -> Option<(Kind, &'static str)> {
    Some(match c {
        '\u{061C}' => (Kind::Bidi, "ARABIC LETTER MARK"),
        '\u{200E}' => (Kind::Bidi, "LEFT-TO-RIGHT MARK"),
        '\u{200F}' => (Kind::Bidi, "RIGHT-TO-LEFT MARK"),
        '\u{202A}' => (Kind::Bidi, "LEFT-TO-RIGHT EMBEDDING"),
        '\u{202B}' => (Kind::Bidi, "RIGHT-TO-LEFT EMBEDDING"),
        '\u{202C}' => (Kind::Bidi, "POP DIRECTIONAL FORMATTING"),
        '\u{202D}' => (Kind::Bidi, "LEFT-TO-RIGHT OVERRIDE"),
        '\u{202E}' => (Kind::Bidi, "RIGHT-TO-LEFT OVERRIDE"),
        '\u{2066}' => (Kind::Bidi, "LEFT-TO-RIGHT ISOLATE"),
        '\u{2067}' => (Kind::Bidi, "RIGHT-TO-LEFT ISOLATE"),
        '\u{2068}' => (Kind::Bidi, "FIRST STRONG ISOLATE"),
        '\u{2069}' => (Kind::Bidi, "POP DIRECTIONAL ISOLATE"),
        '\u{00AD}' => (Kind::Invisible, "SOFT HYPHEN"),
        '\u{034F}' => (Kind::Invisible, "COMBINING GRAPHEME JOINER"),
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => (Kind::Invisible, "HANGUL FILLER"),
        '\u{180E}' => (Kind::Invisible, "MONGOLIAN VOWEL SEPARATOR"),
        '\u{200B}' => (Kind::Invisible, "ZERO WIDTH SPACE"),
        '\u{200C}' => (Kind::Invisible, "ZERO WIDTH NON-JOINER"),
        '\u{200D}' => (Kind::Invisible, "ZERO WIDTH JOINER"),
        '\u{2060}' => (Kind::Invisible, "WORD JOINER"),
        '\u{2061}'..='\u{2064}' => (Kind::Invisible, "INVISIBLE OPERATOR"),
        '\u{206A}'..='\u{206F}' => (Kind::Invisible, "DEPRECATED FORMAT CHARACTER"),
        '\u{FEFF}' => (
            Kind::Invisible,
            "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
        ),
        '\u{FFF9}'..='\u{FFFB}' => (Kind::Invisible, "INTERLINEAR ANNOTATION CHARACTER"),
        '\u{E0000}'..='\u{E007F}' => (Kind::Invisible, "TAG CHARACTER"),
        '\u{00A0}' => (Kind::OtherSpace, "NO-BREAK SPACE"),
        '\u{2000}'..='\u{200A}' => (Kind::OtherSpace, "TYPOGRAPHIC SPACE"),
        '\u{2028}' => (Kind::OtherSpace, "LINE SEPARATOR"),
        '\u{2029}' => (Kind::OtherSpace, "PARAGRAPH SEPARATOR"),
        '\u{202F}' => (Kind::OtherSpace, "NARROW NO-BREAK SPACE"),
        '\u{205F}' => (Kind::OtherSpace, "MEDIUM MATHEMATICAL SPACE"),
        '\u{3000}' => (Kind::OtherSpace, "IDEOGRAPHIC SPACE"),
        '\u{FFFD}' => (Kind::Replacement, "REPLACEMENT CHARACTER"),
        '\0' => (Kind::Control, "NULL"),
        '\t' => (Kind::Control, "CHARACTER TABULATION"),
        '\n' => (Kind::Control, "LINE FEED"),
        '\r' => (Kind::Control, "CARRIAGE RETURN"),
        '\u{1B}' => (Kind::Control, "ESCAPE"),
        '\u{7F}' => (Kind::Control, "DELETE"),
        c if c.is_control() => (Kind::Control, "CONTROL CHARACTER"),
        _ => return None,
    })
}

/// The script of a letter that is easily mistaken for a Latin one.
fn look_alike_script(c: char) -> Option<&'static str> {
    match c {
        '\u{0370}'..='\u{03FF}' => Some("GREEK LETTER"),
        '\u{0400}'..='\u{052F}' => Some("CYRILLIC LETTER"),
        '\u{0530}'..='\u{058F}' => Some("ARMENIAN LETTER"),
        '\u{13A0}'..='\u{13FF}' => Some("CHEROKEE LETTER"),
        '\u{FF01}'..='\u{FF5E}' => Some("FULLWIDTH FORM"),
        '\u{1D400}'..='\u{1D7FF}' => Some("MATHEMATICAL ALPHANUMERIC SYMBOL"),
        _ => None,
    }
}

/// Every suspicious code point of `text`. Letters of another script count only inside a word
/// that also holds ASCII letters (`rеport` with a Cyrillic `е`), so a key written wholly in
/// Cyrillic or Greek is not flagged; fullwidth and mathematical forms always are. Words are
/// runs of letters and digits as `unicode` tells them.
pub fn suspicious_chars(text: &str, unicode: &Unicode) -> Vec<Suspicious> {
    let mut out = Vec::new();
    // Printable ASCII holds nothing suspicious (only controls are, among ASCII): the common
    // case needs no per-character work.
    if is_printable_ascii(text.as_bytes()) {
        return out;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut word_start = 0;
    for i in 0..=chars.len() {
        let in_word = chars.get(i).is_some_and(|&c| unicode.is_word_char(c));
        if in_word {
            continue;
        }
        // chars[word_start..i] is a word (possibly empty); chars[i] (if any) is not a letter.
        let word = &chars[word_start..i];
        let has_latin = word.iter().any(char::is_ascii_alphabetic);
        for (j, &c) in word.iter().enumerate() {
            if let Some(script) = look_alike_script(c) {
                let always = matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{1D400}'..='\u{1D7FF}');
                if has_latin || always {
                    out.push(Suspicious {
                        position: word_start + j,
                        ch: c,
                        kind: Kind::LookAlike,
                        name: script,
                    });
                }
            }
        }
        if let Some(&c) = chars.get(i) {
            if let Some((kind, name)) = special_name(c) {
                out.push(Suspicious {
                    position: i,
                    ch: c,
                    kind,
                    name,
                });
            } else if let Some(script) =
                look_alike_script(c).filter(|_| matches!(c, '\u{FF01}'..='\u{FF5E}'))
            {
                // Fullwidth punctuation (`／`, `．`) is not alphanumeric but looks like ASCII.
                out.push(Suspicious {
                    position: i,
                    ch: c,
                    kind: Kind::LookAlike,
                    name: script,
                });
            }
        }
        word_start = i + 1;
    }
    out
}

/// `U+202E` style.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// The text with every suspicious code point written out as `⟨U+202E⟩`, so that it can be
/// shown without being obeyed (a bidi override shown raw would reorder the page's text).
pub fn visible(text: &str, unicode: &Unicode) -> String {
    let marks = suspicious_chars(text, unicode);
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut next = marks.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        match next.next_if(|s| s.position == i) {
            Some(s) => {
                if s.kind == Kind::LookAlike {
                    // Keep the letter, so the reader sees which one it is, and name it.
                    out.push(c);
                }
                out.push('\u{27E8}');
                out.push_str(&code_point(c));
                out.push('\u{27E9}');
            }
            None => out.push(c),
        }
    }
    out
}

/// Text safe to print to a terminal: control characters other than the line feed (an ESC
/// starts a terminal escape sequence, so a key holding `%1B]…` could retitle the window or
/// forge output) and bidi controls are written as `⟨U+001B⟩`.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let hide =
            c != '\n' && (c.is_control() || matches!(special_name(c), Some((Kind::Bidi, _))));
        if hide {
            out.push('\u{27E8}');
            out.push_str(&code_point(c));
            out.push('\u{27E9}');
        } else {
            out.push(c);
        }
    }
    out
}

/// A `suspicious-characters` finding for one field, or `None` when the text is clean.
pub fn suspicious_finding(field: &str, text: &str, unicode: &Unicode) -> Option<Finding> {
    let marks = suspicious_chars(text, unicode);
    let first = marks.first()?;
    let listed: Vec<String> = marks
        .iter()
        .take(MAX_LISTED_CHARACTERS)
        .map(|s| {
            format!(
                "{} {} at character {}",
                code_point(s.ch),
                s.name,
                s.position + 1
            )
        })
        .collect();
    let title = format!(
        "The {field} holds {} hidden or look-alike character{}: {} {}{}",
        marks.len(),
        if marks.len() == 1 { "" } else { "s" },
        code_point(first.ch),
        first.name,
        if marks.len() > 1 { ", …" } else { "" }
    );
    let detail = format!(
        "What you see is not what is signed: S3 compares the {field} byte for byte, and these characters are invisible, reorder the text on screen or look like other letters. If the {field} was meant to be plain text, retype it; if they are really part of the name, the client must send them exactly (percent-encoded in the URL)."
    );
    let mut finding = Finding::new(Code::SuspiciousCharacters, Severity::Warning, title, detail)
        .with("field", field)
        .with("as written, made visible", visible(text, unicode));
    for (line, s) in listed.into_iter().zip(&marks) {
        finding = finding.with(code_point(s.ch), format!("{line}: {}", s.kind.explain()));
    }
    if marks.len() > MAX_LISTED_CHARACTERS {
        finding = finding.with(
            "more",
            format!("and {} more", marks.len() - MAX_LISTED_CHARACTERS),
        );
    }
    Some(finding)
}

/// `suspicious-characters` findings for the parts of a request people read and retype: the
/// host, the bucket, the object key, the query string (decoded, as one field, so 10,000 odd
/// parameters still make one finding) and the headers sent.
pub fn suspicious_in_request(
    url: &RawUrl,
    endpoint: &Endpoint,
    headers: &ParsedHeaders,
    unicode: &Unicode,
) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(suspicious_finding("host", &url.host_as_written, unicode));
    if endpoint.style == AddressingStyle::PathStyle {
        if let Some(bucket) = &endpoint.bucket {
            out.extend(suspicious_finding("bucket name", bucket, unicode));
        }
    }
    out.extend(suspicious_finding("object key", &endpoint.key, unicode));
    // Decoding the query costs a copy; a query whose escapes all stand for printable ASCII
    // (nearly all) has nothing to find.
    if !decodes_to_printable_ascii(url.raw_query.as_bytes()) {
        out.extend(suspicious_finding(
            "query string",
            &display(&percent_decode(url.raw_query.as_bytes())),
            unicode,
        ));
    }
    out.extend(
        headers
            .headers
            .iter()
            .filter_map(|h| suspicious_finding(&format!("header {}", h.name), &h.value, unicode))
            .take(MAX_HEADER_FINDINGS),
    );
    out
}

/// The first `%` in `raw` that does not start a two-hex-digit escape: its character position
/// and up to two characters after it.
fn first_bad_escape(raw: &str) -> Option<(usize, String)> {
    // Nearly every URL has none: a byte scan answers without collecting characters.
    if !has_invalid_escape(raw.as_bytes()) {
        return None;
    }
    let chars: Vec<char> = raw.chars().collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        let ok = chars.get(i + 1).is_some_and(char::is_ascii_hexdigit)
            && chars.get(i + 2).is_some_and(char::is_ascii_hexdigit);
        (c == '%' && !ok).then(|| (i, chars.iter().skip(i).take(3).collect()))
    })
}

/// `invalid-percent-escape` findings for the path and the query as written: a `%` that is not
/// followed by two hex digits is a URL cut off mid-escape (`%E2%8`) or decoded once too often
/// (`100%` for a key that the SDK wrote `100%25`).
pub fn bad_escapes(url: &RawUrl) -> Vec<Finding> {
    [("path", &url.raw_path), ("query string", &url.raw_query)]
        .into_iter()
        .filter_map(|(field, raw)| {
            let (position, seen) = first_bad_escape(raw)?;
            let count = raw.matches('%').count();
            Some(
                Finding::new(
                    Code::InvalidPercentEscape,
                    Severity::Warning,
                    format!("The {field} has a \u{201c}%\u{201d} that is not a percent-escape"),
                    format!("In a URL, % must be followed by two hex digits (%2F, %20), and a literal % is written %25. Here it reads \u{201c}{seen}\u{201d}: the URL was cut off in the middle of an escape, or decoded once too often. Clients and S3 may read it differently from how it was signed; copy the URL again exactly as the SDK returned it."),
                )
                .with("field", field)
                .with("at character", (position + 1).to_string())
                .with("seen", seen)
                .with("% signs in the field", count.to_string()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// std's Unicode data, as the command line uses.
    const U: Unicode = Unicode {
        lower: str::to_lowercase,
        upper: str::to_uppercase,
        is_alphanumeric: char::is_alphanumeric,
    };

    #[test]
    fn names_bidi_and_zero_width() {
        let s = suspicious_chars("invoice\u{202E}fdp.exe\u{200B}", &U);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].position, s[0].name), (7, "RIGHT-TO-LEFT OVERRIDE"));
        assert_eq!((s[1].position, s[1].name), (15, "ZERO WIDTH SPACE"));
        assert_eq!(visible("a\u{202E}b", &U), "a\u{27E8}U+202E\u{27E9}b");
    }

    #[test]
    fn look_alikes_only_inside_latin_words() {
        // Cyrillic а (U+0430) in a Latin word is flagged; a Cyrillic word is not.
        let s = suspicious_chars("p\u{0430}ypal/отчёт.pdf", &U);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].ch, s[0].position), ('\u{0430}', 1));
        assert_eq!(
            visible("p\u{0430}y", &U),
            "p\u{0430}\u{27E8}U+0430\u{27E9}y"
        );
        assert!(suspicious_chars("фото/2024/кот.jpg", &U).is_empty());
        assert!(suspicious_chars("日本語/ファイル.txt", &U).is_empty());
        assert_eq!(suspicious_chars("ｆｉｌｅ", &U).len(), 4);
    }

    #[test]
    fn terminal_output_is_defused() {
        assert_eq!(terminal_safe("a\u{1B}]0;x\u{7}b\nc\u{202E}d\u{9B}"), "a\u{27E8}U+001B\u{27E9}]0;x\u{27E8}U+0007\u{27E9}b\nc\u{27E8}U+202E\u{27E9}d\u{27E8}U+009B\u{27E9}");
        assert_eq!(terminal_safe("plain\ntext é"), "plain\ntext é");
    }

    #[test]
    fn plain_keys_are_clean() {
        assert!(suspicious_chars("photos/2026/cat.jpg", &U).is_empty());
        assert!(suspicious_finding("object key", "a b+c~d!e'(f)*g", &U).is_none());
    }

    #[test]
    fn finding_lists_each_code_point() {
        let f = suspicious_finding("object key", "r\u{0435}port\u{202E}\0.txt", &U).unwrap();
        assert_eq!(f.code, Code::SuspiciousCharacters);
        assert!(
            f.title.contains("3 hidden or look-alike characters"),
            "{}",
            f.title
        );
        let labels: Vec<&str> = f.evidence.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "field",
                "as written, made visible",
                "U+0435",
                "U+202E",
                "U+0000"
            ]
        );
        assert_eq!(
            f.evidence[1].value,
            "r\u{0435}\u{27E8}U+0435\u{27E9}port\u{27E8}U+202E\u{27E9}\u{27E8}U+0000\u{27E9}.txt"
        );
        assert!(f.evidence[3]
            .value
            .starts_with("U+202E RIGHT-TO-LEFT OVERRIDE at character 7"));
    }

    #[test]
    fn long_runs_are_counted_not_listed() {
        let f = suspicious_finding("object key", &"\u{200B}".repeat(100), &U).unwrap();
        assert_eq!(
            f.evidence.last().unwrap().value,
            format!("and {} more", 100 - MAX_LISTED_CHARACTERS)
        );
    }

    #[test]
    fn bad_escapes_are_found() {
        assert_eq!(first_bad_escape("a%20b%2Fc"), None);
        assert_eq!(first_bad_escape("100%"), Some((3, "%".to_owned())));
        assert_eq!(first_bad_escape("x%E2%8"), Some((4, "%8".to_owned())));
        assert_eq!(first_bad_escape("é%zzz"), Some((1, "%zz".to_owned())));
    }

    #[test]
    fn limits_allow_real_urls() {
        assert!(oversized(&"a".repeat(4096), "").is_empty());
        assert!(oversized(&"a".repeat(MAX_URL_BYTES), "").is_empty());
        let f = oversized(
            &"a".repeat(MAX_URL_BYTES + 1),
            &"x".repeat(MAX_HEADERS_BYTES + 1),
        );
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0].title,
            "The URL is too long to read (65 KiB; the limit is 64 KiB)"
        );
        assert!(f[1].title.starts_with("The header block is too long"));
        // A curl command with an inline body may be longer.
        assert!(oversized("", &format!("curl -d '{}' https://h/", "x".repeat(200_000))).is_empty());
    }
}
