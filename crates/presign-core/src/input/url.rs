//! Reading what people paste: a URL split into its raw parts, the query kept pair by pair
//! exactly as it was written.
//!
//! Nothing here decodes and re-encodes: the canonical request is built from these raw bytes,
//! because a generic URL library would normalize them (turn `+` into a space, re-escape `~`,
//! drop empty pairs) and so change what was signed.

use crate::encode::{decoded_eq, decoded_eq_ignore_ascii_case, escapes, percent_decode};
use crate::limits::MAX_ESCAPING_LAYERS;
use crate::scan::{find_byte, find_line_break};
use serde::Serialize;

/// One `name=value` pair of the query string, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPair {
    /// The segment between two `&` as written, escapes and all: `name=value` or a bare `name`.
    text: String,
    /// Where the first `=` is, if there is one.
    equals: Option<usize>,
}

impl RawPair {
    /// A pair from its name and value as written; `None` for a bare `name` without `=`.
    pub fn new(raw_name: &str, raw_value: Option<&str>) -> Self {
        match raw_value {
            Some(value) => {
                let mut text = String::with_capacity(raw_name.len() + 1 + value.len());
                text.push_str(raw_name);
                text.push('=');
                text.push_str(value);
                RawPair {
                    text,
                    equals: Some(raw_name.len()),
                }
            }
            None => RawPair {
                text: raw_name.to_owned(),
                equals: None,
            },
        }
    }

    /// One `&`-separated segment of a query string.
    fn from_segment(segment: &str) -> Self {
        RawPair {
            text: segment.to_owned(),
            equals: find_byte(segment.as_bytes(), b'='),
        }
    }

    /// The same name with another value as written (a bare name stays bare while the value
    /// is empty).
    #[must_use]
    pub fn with_raw_value(&self, raw_value: &str) -> Self {
        let value = (self.has_equals() || !raw_value.is_empty()).then_some(raw_value);
        RawPair::new(self.raw_name(), value)
    }

    /// The name as written, escapes and all.
    pub fn raw_name(&self) -> &str {
        &self.text[..self.equals.unwrap_or(self.text.len())]
    }

    /// The value as written; empty for `name=` and for a bare `name`.
    pub fn raw_value(&self) -> &str {
        self.equals.map_or("", |i| &self.text[i + 1..])
    }

    /// Whether the pair had an `=`.
    pub fn has_equals(&self) -> bool {
        self.equals.is_some()
    }

    pub fn name(&self) -> Vec<u8> {
        percent_decode(self.raw_name().as_bytes())
    }

    pub fn value(&self) -> Vec<u8> {
        percent_decode(self.raw_value().as_bytes())
    }

    /// The decoded name, borrowed when it holds no escape (nearly always).
    pub fn name_bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        let raw = self.raw_name().as_bytes();
        if find_byte(raw, b'%').is_some() {
            std::borrow::Cow::Owned(percent_decode(raw))
        } else {
            std::borrow::Cow::Borrowed(raw)
        }
    }

    /// The decoded name as text (lossy), for matching parameter names.
    pub fn name_text(&self) -> String {
        decoded_text(self.raw_name())
    }

    pub fn value_text(&self) -> String {
        decoded_text(self.raw_value())
    }

    /// Whether the decoded name is exactly `name` (no allocation).
    pub fn name_is(&self, name: &str) -> bool {
        decoded_eq(self.raw_name().as_bytes(), name.as_bytes())
    }

    /// Whether the decoded name is `name`, ASCII case ignored (no allocation).
    pub fn name_is_ignore_ascii_case(&self, name: &str) -> bool {
        decoded_eq_ignore_ascii_case(self.raw_name().as_bytes(), name.as_bytes())
    }
}

/// Serialized as it always was: `{raw_name, raw_value, has_equals}`.
impl Serialize for RawPair {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("RawPair", 3)?;
        s.serialize_field("raw_name", self.raw_name())?;
        s.serialize_field("raw_value", self.raw_value())?;
        s.serialize_field("has_equals", &self.has_equals())?;
        s.end()
    }
}

/// Decoded, lossy text of raw query text. Without a `%` decoding changes nothing and the raw
/// text is already UTF-8, so it is copied as is.
fn decoded_text(raw: &str) -> String {
    if find_byte(raw.as_bytes(), b'%').is_some() {
        // Valid UTF-8 (nearly always) becomes the String without a second copy.
        String::from_utf8(percent_decode(raw.as_bytes()))
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    } else {
        raw.to_owned()
    }
}

/// What cleaning the pasted text did, so the page can say so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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

/// A URL split into raw parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawUrl {
    /// The URL after cleaning, as it will be evaluated.
    pub cleaned: String,
    /// `https` or `http`, lower-cased.
    pub scheme: String,
    /// The host, lower-cased (host names are case-insensitive and S3 sees them lower-cased),
    /// without brackets for IPv6.
    pub host: String,
    /// The host as written, case kept: bucket-name case shows here.
    pub host_as_written: String,
    pub port: Option<u16>,
    /// Everything from the first `/` up to `?` or `#`; `/` when empty.
    pub raw_path: String,
    /// Everything after `?` up to `#`.
    pub raw_query: String,
    pub pairs: Vec<RawPair>,
    pub cleanup: Cleanup,
}

impl RawUrl {
    /// The `host` header value a client sends: the port only when it is not the scheme's default.
    pub fn host_header(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            Some(p)
                if !((self.scheme == "https" && p == 443)
                    || (self.scheme == "http" && p == 80)) =>
            {
                format!("{host}:{p}")
            }
            _ => host,
        }
    }

    /// The first pair whose decoded name equals `name` exactly (SigV4 names are case-sensitive).
    pub fn param(&self, name: &str) -> Option<&RawPair> {
        self.pairs.iter().find(|p| p.name_is(name))
    }

    /// Every pair with that decoded name.
    pub fn params<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a RawPair> + 'a {
        self.pairs.iter().filter(move |p| p.name_is(name))
    }
}

/// Why pasted text is not a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum UrlError {
    Empty,
    /// A scheme other than http(s), e.g. `s3://` or `javascript:`.
    UnsupportedScheme(String),
    NoHost,
    BadPort(String),
    BadHost(String),
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

/// Splits a cleaned URL into its raw parts.
pub fn parse_url(input: &str) -> Result<RawUrl, UrlError> {
    let (cleaned, mut cleanup) = clean_pasted(input);
    if cleaned.is_empty() {
        return Err(UrlError::Empty);
    }
    let (scheme, rest) = match cleaned.find("://") {
        Some(i)
            if cleaned[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
                && i > 0 =>
        {
            (cleaned[..i].to_ascii_lowercase(), &cleaned[i + 3..])
        }
        _ => {
            if let Some(i) = cleaned.find(':') {
                let candidate = &cleaned[..i];
                if !candidate.is_empty()
                    && candidate.bytes().all(|b| b.is_ascii_alphabetic())
                    && !cleaned[i + 1..].starts_with(|c: char| c.is_ascii_digit())
                {
                    return Err(UrlError::UnsupportedScheme(candidate.to_ascii_lowercase()));
                }
            }
            cleanup.assumed_scheme = true;
            ("https".to_owned(), cleaned.as_str())
        }
    };
    if scheme != "http" && scheme != "https" {
        return Err(UrlError::UnsupportedScheme(scheme));
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let after = &rest[authority_end..];
    // Credentials in the authority (`user:pass@host`) are not part of the host.
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let (host_as_written, port) = split_host_port(host_port)?;
    if host_as_written.is_empty() {
        return Err(UrlError::NoHost);
    }
    if host_as_written.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '<' | '>' | '"' | '\\' | '{' | '}' | '|' | '^' | '`')
    }) {
        return Err(UrlError::BadHost(host_as_written.to_owned()));
    }
    let (raw_path, raw_query) = match after.find('?') {
        Some(i) => (&after[..i], &after[i + 1..]),
        None => (after, ""),
    };
    let raw_path = if raw_path.is_empty() { "/" } else { raw_path };
    Ok(RawUrl {
        scheme,
        host: host_as_written.to_ascii_lowercase(),
        host_as_written: host_as_written.to_owned(),
        port,
        raw_path: raw_path.to_owned(),
        raw_query: raw_query.to_owned(),
        pairs: split_query(raw_query),
        cleanup,
        cleaned,
    })
}

fn split_host_port(host_port: &str) -> Result<(&str, Option<u16>), UrlError> {
    if let Some(rest) = host_port.strip_prefix('[') {
        let end = rest
            .find(']')
            .ok_or_else(|| UrlError::BadHost(host_port.to_owned()))?;
        let host = &rest[..end];
        let port = match &rest[end + 1..] {
            "" => None,
            p => Some(parse_port(
                p.strip_prefix(':')
                    .ok_or_else(|| UrlError::BadHost(host_port.to_owned()))?,
            )?),
        };
        return Ok((host, port));
    }
    match host_port.rfind(':') {
        Some(i) => Ok((&host_port[..i], Some(parse_port(&host_port[i + 1..])?))),
        None => Ok((host_port, None)),
    }
}

fn parse_port(text: &str) -> Result<u16, UrlError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UrlError::BadPort(text.to_owned()));
    }
    text.parse().map_err(|_| UrlError::BadPort(text.to_owned()))
}

/// Splits a raw query on `&`; empty segments (`a=1&&b=2`) carry nothing and are skipped,
/// as S3 skips them.
pub fn split_query(raw_query: &str) -> Vec<RawPair> {
    let mut pairs = Vec::new();
    let mut rest = raw_query;
    while !rest.is_empty() {
        let end = find_byte(rest.as_bytes(), b'&').unwrap_or(rest.len());
        if end > 0 {
            pairs.push(RawPair::from_segment(&rest[..end]));
        }
        rest = rest.get(end + 1..).unwrap_or_default();
    }
    pairs
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

    #[test]
    fn names_compare_decoded() {
        let pairs = split_query("X-Amz-Date=1&X%2DAmz%2DExpires=2&x-amz-date=3&%ZZ=4");
        assert!(pairs[0].name_is("X-Amz-Date"));
        assert!(pairs[1].name_is("X-Amz-Expires") && !pairs[1].name_is("X%2DAmz%2DExpires"));
        assert!(!pairs[2].name_is("X-Amz-Date"));
        assert!(pairs[3].name_is("%ZZ"));
        assert!(
            pairs[1].name_is_ignore_ascii_case("x-amz-expires")
                && pairs[2].name_is_ignore_ascii_case("X-AMZ-DATE")
        );
        assert!(!pairs[0].name_is_ignore_ascii_case("X-Amz-Dat"));
    }

    #[test]
    fn splits_raw_parts() {
        let u =
            parse_url("https://Bucket.s3.amazonaws.com:8443/a+b/%7Ec?X-Amz-Date=1&x=a+b&flag#frag")
                .unwrap();
        assert_eq!(u.host, "bucket.s3.amazonaws.com");
        assert_eq!(u.host_as_written, "Bucket.s3.amazonaws.com");
        assert_eq!(u.port, Some(8443));
        assert_eq!(u.host_header(), "bucket.s3.amazonaws.com:8443");
        assert_eq!(u.raw_path, "/a+b/%7Ec");
        assert_eq!(u.pairs.len(), 3);
        assert_eq!(u.pairs[1].value(), b"a+b");
        assert!(!u.pairs[2].has_equals() && u.pairs[1].has_equals());
        assert_eq!(u.param("X-Amz-Date").unwrap().raw_value(), "1");
        assert_eq!(
            (u.pairs[2].raw_name(), u.pairs[2].raw_value()),
            ("flag", "")
        );
    }

    #[test]
    fn default_ports_are_not_in_host() {
        assert_eq!(parse_url("https://h:443/").unwrap().host_header(), "h");
        assert_eq!(parse_url("http://h:9000/").unwrap().host_header(), "h:9000");
        assert_eq!(
            parse_url("http://[::1]:9000/").unwrap().host_header(),
            "[::1]:9000"
        );
    }

    #[test]
    fn refuses_what_is_not_a_url() {
        assert_eq!(parse_url("   "), Err(UrlError::Empty));
        assert_eq!(
            parse_url("javascript:alert(1)"),
            Err(UrlError::UnsupportedScheme("javascript".into()))
        );
        assert_eq!(
            parse_url("s3://bucket/key"),
            Err(UrlError::UnsupportedScheme("s3".into()))
        );
        assert!(matches!(
            parse_url("https://h:99999/"),
            Err(UrlError::BadPort(_))
        ));
        assert_eq!(parse_url("https:///path"), Err(UrlError::NoHost));
        assert!(
            parse_url("bucket.s3.amazonaws.com/key")
                .unwrap()
                .cleanup
                .assumed_scheme
        );
    }
}
