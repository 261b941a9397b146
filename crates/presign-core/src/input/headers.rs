//! The request the user says they send: header lines as pasted.

use serde::Serialize;

/// A header as the user sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentHeader {
    pub name: String,
    pub value: String,
}

/// Header lines that could not be read as `Name: value`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedHeaders {
    pub headers: Vec<SentHeader>,
    pub unreadable_lines: Vec<String>,
}

/// Reads `Name: value` lines. A line that starts with white space continues the previous
/// value (obsolete HTTP line folding); blank lines are skipped.
pub fn parse_header_lines(text: &str) -> ParsedHeaders {
    let mut out = ParsedHeaders::default();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.headers.last_mut() {
                last.value.push(' ');
                last.value.push_str(line.trim());
                continue;
            }
        }
        match line.split_once(':') {
            Some((name, value)) if is_token(name.trim()) => out.headers.push(SentHeader {
                name: name.trim().to_owned(),
                value: value.trim().to_owned(),
            }),
            _ => out.unreadable_lines.push(line.to_owned()),
        }
    }
    out
}

/// An HTTP header name (RFC 9110 token).
pub fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines() {
        let p =
            parse_header_lines("Content-Type: text/plain\n\nx-amz-meta-a: 1\n  2\nnot a header\n");
        assert_eq!(p.headers.len(), 2);
        assert_eq!(p.headers[1].value, "1 2");
        assert_eq!(p.unreadable_lines, vec!["not a header".to_owned()]);
    }
}
