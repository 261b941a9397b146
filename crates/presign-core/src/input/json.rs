//! A small, tolerant JSON reader for what people paste about a presigned POST: the SDK's
//! `{"url": …, "fields": {…}}` (as JSON, as Python prints a dict, as Node prints an object) and
//! the policy document inside it.
//!
//! Not a general JSON library (`serde_json` is not in the page's wasm on purpose): it builds a
//! plain tree, keeps numbers as written (`content-length-range` bounds are compared as integers
//! by the caller), keeps the order and duplicates of object members, and bounds the nesting
//! depth. What strict JSON forbids but a paste often holds (single quotes, bare keys, Python's
//! `True`/`None`, trailing commas, text after the value) is read and listed in `lenient`, so a
//! caller that must be strict (the policy S3 parses) can say so. The escapes S3's policy
//! documentation adds to JSON (`\$`, `\v`) are read as S3 reads them.

use crate::limits::MAX_JSON_DEPTH;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number exactly as written (`10485760`, `1e3`, `-0.5`).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in the order written, duplicates kept.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The first member named `name`.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Something strict JSON does not allow that the reader accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leniency {
    SingleQuotes,
    BareKeys,
    TrailingComma,
    /// `True`, `False`, `None` (Python) or `undefined` (JavaScript).
    ForeignLiteral,
    /// An escape JSON does not define (`\x41`, `\'`), or a raw control character in a string.
    ForeignEscape,
    /// Text after the value.
    TrailingText,
}

impl Leniency {
    pub fn describe(self) -> &'static str {
        match self {
            Leniency::SingleQuotes => "strings in single quotes",
            Leniency::BareKeys => "member names without quotes",
            Leniency::TrailingComma => "a comma before a closing bracket",
            Leniency::ForeignLiteral => {
                "True, False, None or undefined instead of true, false, null"
            }
            Leniency::ForeignEscape => {
                "an escape or control character JSON does not allow in a string"
            }
            Leniency::TrailingText => "text after the end of the document",
        }
    }
}

/// A document read, and what it took to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadJson {
    pub value: Json,
    pub lenient: Vec<Leniency>,
}

/// Why the text could not be read as JSON at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// At byte `at`, the reader expected `expected`.
    Unexpected { at: usize, expected: &'static str },
    /// Nested deeper than `limits::MAX_JSON_DEPTH`.
    TooDeep,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonError::Unexpected { at, expected } => {
                write!(f, "at character {}: expected {expected}", at + 1)
            }
            JsonError::TooDeep => write!(f, "nested deeper than {MAX_JSON_DEPTH} levels"),
        }
    }
}

/// Reads one JSON value from `text` (white space around it allowed).
pub fn read_json(text: &str) -> Result<ReadJson, JsonError> {
    let mut reader = Reader {
        text,
        at: 0,
        lenient: Vec::new(),
    };
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < text.len() {
        reader.note(Leniency::TrailingText);
    }
    Ok(ReadJson {
        value,
        lenient: reader.lenient,
    })
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    lenient: Vec<Leniency>,
}

impl Reader<'_> {
    fn note(&mut self, l: Leniency) {
        if !self.lenient.contains(&l) {
            self.lenient.push(l);
        }
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.at..).and_then(|r| r.chars().next())
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn fail<T>(&self, expected: &'static str) -> Result<T, JsonError> {
        Err(JsonError::Unexpected {
            at: self.at,
            expected,
        })
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_JSON_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.skip_space();
        match self.peek() {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some(q @ ('"' | '\'')) => self.string(q).map(Json::String),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(c) if c.is_ascii_alphabetic() => self.literal(),
            _ => self.fail("a value"),
        }
    }

    fn literal(&mut self) -> Result<Json, JsonError> {
        let word = self.word().to_owned();
        match word.as_str() {
            "true" => Ok(Json::Bool(true)),
            "false" => Ok(Json::Bool(false)),
            "null" => Ok(Json::Null),
            "True" | "False" | "None" | "undefined" => {
                self.note(Leniency::ForeignLiteral);
                Ok(match word.as_str() {
                    "True" => Json::Bool(true),
                    "False" => Json::Bool(false),
                    _ => Json::Null,
                })
            }
            _ => self.fail("a value"),
        }
    }

    /// An identifier-like run: a bare key or a literal.
    fn word(&mut self) -> &str {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        {
            self.bump();
        }
        self.text.get(start..self.at).unwrap_or("")
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some('-') {
            self.bump();
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.peek().is_some_and(|c| c.is_ascii_digit()) {
                r.bump();
            }
            r.at > from
        };
        if !digits(self) {
            return self.fail("a digit");
        }
        if self.peek() == Some('.') {
            self.bump();
            if !digits(self) {
                return self.fail("a digit");
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !digits(self) {
                return self.fail("a digit");
            }
        }
        Ok(Json::Number(
            self.text.get(start..self.at).unwrap_or("").to_owned(),
        ))
    }

    fn string(&mut self, quote: char) -> Result<String, JsonError> {
        if quote == '\'' {
            self.note(Leniency::SingleQuotes);
        }
        self.bump();
        let mut out = String::new();
        loop {
            let Some(c) = self.bump() else {
                return self.fail("the end of the string");
            };
            match c {
                c if c == quote => return Ok(out),
                '\\' => self.escape(&mut out)?,
                c if c < ' ' => {
                    self.note(Leniency::ForeignEscape);
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let Some(e) = self.bump() else {
            return self.fail("an escape");
        };
        match e {
            '"' | '\\' | '/' => out.push(e),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            // S3's POST policy documentation lists these two as escapes of its own.
            '$' => out.push('$'),
            'v' => out.push('\u{b}'),
            'u' => {
                let high = self.hex(4)?;
                let c = if (0xD800..0xDC00).contains(&high) && self.rest().starts_with("\\u") {
                    let save = self.at;
                    self.at += 2;
                    let low = self.hex(4)?;
                    if (0xDC00..0xE000).contains(&low) {
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                    } else {
                        self.at = save;
                        None
                    }
                } else {
                    char::from_u32(high)
                };
                out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            'x' => {
                self.note(Leniency::ForeignEscape);
                let v = self.hex(2)?;
                out.push(char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            other => {
                self.note(Leniency::ForeignEscape);
                out.push(other);
            }
        }
        Ok(())
    }

    fn rest(&self) -> &str {
        self.text.get(self.at..).unwrap_or("")
    }

    fn hex(&mut self, n: usize) -> Result<u32, JsonError> {
        let digits = self
            .rest()
            .get(..n)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
            Some(v) => {
                self.at += n;
                Ok(v)
            }
            None => self.fail("hexadecimal digits"),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.peek() == Some(']') {
                if !items.is_empty() {
                    self.note(Leniency::TrailingComma);
                }
                self.bump();
                return Ok(Json::Array(items));
            }
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(',') => {}
                Some(']') => {
                    self.bump();
                    return Ok(Json::Array(items));
                }
                _ => return self.fail("“,” or “]”"),
            }
            self.bump();
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.bump();
        let mut members = Vec::new();
        loop {
            self.skip_space();
            let name = match self.peek() {
                Some('}') => {
                    if !members.is_empty() {
                        self.note(Leniency::TrailingComma);
                    }
                    self.bump();
                    return Ok(Json::Object(members));
                }
                Some(q @ ('"' | '\'')) => self.string(q)?,
                Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$' => {
                    self.note(Leniency::BareKeys);
                    self.word().to_owned()
                }
                _ => return self.fail("a member name"),
            };
            self.skip_space();
            if self.peek() != Some(':') {
                return self.fail("“:”");
            }
            self.bump();
            let value = self.value(depth + 1)?;
            members.push((name, value));
            self.skip_space();
            match self.peek() {
                Some(',') => {}
                Some('}') => {
                    self.bump();
                    return Ok(Json::Object(members));
                }
                _ => return self.fail("“,” or “}”"),
            }
            self.bump();
        }
    }
}
