//! Reading a pasted raw HTTP/1.1 request: the request line, the header lines, a blank line, and
//! the body, which is the payload that was hashed.
//!
//! People paste these from proxies, logs, the AWS test suites and `curl -v` (whose request
//! lines start with `> `), with CRLF or LF line ends (a browser text box turns CRLF into LF).
//! The reader keeps what was sent byte for byte: the method and target as written, the headers
//! in their order, and the body after the blank line untouched. HTTP's own chunked framing
//! (`Transfer-Encoding: chunked`) is undone only when the payload is asked for.

use crate::input::headers::{is_token, SentHeader};
use serde::Serialize;

/// How the lines of the head end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineEnding {
    Crlf,
    Lf,
}

/// A raw HTTP request as pasted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    /// As written (methods are case-sensitive, and signed as sent).
    pub method: String,
    /// The request target as written: `/path?query`, or an absolute URL.
    pub target: String,
    /// `HTTP/1.1`, or empty when the request line has no version.
    pub version: String,
    /// Every header line, in order; folded continuation lines joined with one space.
    pub headers: Vec<SentHeader>,
    /// Everything after the blank line, as pasted.
    pub body: String,
    /// Whether a blank line ended the head (the AWS test suite's files without a body have none).
    pub has_blank_line: bool,
    pub line_ending: LineEnding,
    /// Lines that were not read, and other problems, in words.
    pub notes: Vec<String>,
}

impl HttpRequest {
    /// The values of header `name` (any case), in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// The payload: the body with HTTP's chunked framing undone when `Transfer-Encoding:
    /// chunked` says it is there (and reads as such), else the body as pasted.
    pub fn payload(&self) -> Vec<u8> {
        let chunked = self
            .header_values("transfer-encoding")
            .any(|v| v.to_ascii_lowercase().contains("chunked"));
        if chunked {
            if let Some(decoded) = dechunk(self.body.as_bytes()) {
                return decoded;
            }
        }
        self.body.as_bytes().to_vec()
    }
}

/// Whether `line` is a request line: `METHOD target HTTP/x`. The target may hold spaces (the
/// AWS test suite's `GET /example space/ HTTP/1.1`), so the version is the last word.
pub fn is_request_line(line: &str) -> bool {
    request_line(line).is_some_and(|(_, _, version)| !version.is_empty())
}

/// Method, target and version of a request line.
fn request_line(line: &str) -> Option<(&str, &str, &str)> {
    let line = line.trim_end_matches('\r');
    let (method, rest) = line.split_once(' ')?;
    if method.is_empty()
        || method.len() > 20
        || !method
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'-' || b == b'_')
    {
        return None;
    }
    let rest = rest.trim_start_matches(' ');
    match rest.rsplit_once(' ') {
        Some((target, version)) if version.starts_with("HTTP/") && !target.trim().is_empty() => {
            Some((method, target.trim(), version))
        }
        _ if !rest.is_empty() && !rest.contains(' ') => Some((method, rest, "")),
        _ => None,
    }
}

/// The lines of `text` with `curl -v`'s decoration removed: `> ` request lines kept (without
/// the prefix), `*` and `<` lines dropped. `None` when the text is not such output.
fn curl_verbose_lines(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.starts_with('*'))?;
    if !first.starts_with("> ") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("> ") {
            out.push_str(rest);
            out.push('\n');
        } else if line.trim_end() == ">" {
            out.push('\n');
        }
    }
    Some(out)
}

/// Whether the text is `curl -v` output that shows a request.
pub fn is_curl_verbose(text: &str) -> bool {
    curl_verbose_lines(text).is_some_and(|lines| {
        lines
            .lines()
            .next()
            .is_some_and(|l| is_request_line(l.trim()))
    })
}

/// Reads a raw request. Never fails: what could not be read is in `notes`.
pub fn parse_http_request(text: &str) -> HttpRequest {
    let verbose = curl_verbose_lines(text.trim_start());
    let text = verbose.as_deref().unwrap_or(text);
    let text = text.trim_start_matches(['\u{feff}', '\r', '\n', ' ', '\t']);
    let mut request = HttpRequest {
        method: String::new(),
        target: String::new(),
        version: String::new(),
        headers: Vec::new(),
        body: String::new(),
        has_blank_line: false,
        line_ending: LineEnding::Lf,
        notes: Vec::new(),
    };
    let mut rest = text;
    let mut first = true;
    loop {
        if !first && rest.is_empty() {
            break;
        }
        let (line, ending, after) = match rest.find('\n') {
            Some(i) => {
                let line = &rest[..i];
                match line.strip_suffix('\r') {
                    Some(l) => (l, LineEnding::Crlf, &rest[i + 1..]),
                    None => (line, LineEnding::Lf, &rest[i + 1..]),
                }
            }
            None => (rest, LineEnding::Lf, ""),
        };
        let at_end = !rest.contains('\n');
        if first {
            first = false;
            request.line_ending = ending;
            match request_line(line) {
                Some((method, target, version)) => {
                    method.clone_into(&mut request.method);
                    target.clone_into(&mut request.target);
                    version.clone_into(&mut request.version);
                    if version.is_empty() {
                        request.notes.push(
                            "the request line has no HTTP version (METHOD /path HTTP/1.1)"
                                .to_owned(),
                        );
                    }
                }
                None => request.notes.push(format!(
                    "the first line is not a request line (METHOD /path HTTP/1.1): {}",
                    short(line)
                )),
            }
        } else if line.is_empty() {
            request.has_blank_line = true;
            after.clone_into(&mut request.body);
            break;
        } else if line.starts_with([' ', '\t']) {
            // Obsolete line folding: the line continues the previous value.
            match request.headers.last_mut() {
                Some(last) => {
                    last.value.push(' ');
                    last.value.push_str(line.trim());
                }
                None => request
                    .notes
                    .push(format!("not a header line: {}", short(line))),
            }
        } else {
            match line.split_once(':') {
                Some((name, value)) if is_token(name) => request.headers.push(SentHeader {
                    name: name.to_owned(),
                    value: value.trim_matches([' ', '\t']).to_owned(),
                }),
                _ => request
                    .notes
                    .push(format!("not a header line: {}", short(line))),
            }
        }
        if at_end {
            break;
        }
        rest = after;
    }
    request
}

/// Undoes HTTP/1.1 chunked framing (`size[;ext]` CRLF, data, CRLF, …, `0`, trailers). LF alone
/// is accepted, as a text box leaves it. `None` when the body is not chunked as it says.
pub fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = rest.iter().position(|&b| b == b'\n')?;
        let line = rest[..line_end]
            .strip_suffix(b"\r")
            .unwrap_or(&rest[..line_end]);
        let size_text = line.split(|&b| b == b';').next().unwrap_or_default();
        let size_text = std::str::from_utf8(size_text).ok()?.trim();
        if size_text.is_empty() || size_text.len() > 15 {
            return None;
        }
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        let data = rest.get(..size)?;
        out.extend_from_slice(data);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(120).collect();
    if out.len() < text.len() {
        out.push('\u{2026}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The aws-c-auth suite's get-header-value-multiline: LF ends, folded lines, no body.
    #[test]
    fn suite_request_with_folding() {
        let r = parse_http_request("GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\n  value2\n     value3\nX-Amz-Date:20150830T123600Z\n\n");
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/"));
        assert_eq!(r.header("my-header1"), Some("value1 value2 value3"));
        assert_eq!(r.header("host"), Some("example.amazonaws.com"));
        assert!(r.has_blank_line && r.body.is_empty() && r.notes.is_empty());
    }

    #[test]
    fn spaces_in_the_target_and_no_blank_line() {
        let r = parse_http_request(
            "GET /example space/ HTTP/1.1\nHost:example.amazonaws.com\nAuthorization: x",
        );
        assert_eq!(r.target, "/example space/");
        assert_eq!(r.headers.len(), 2);
        assert!(!r.has_blank_line);
    }

    #[test]
    fn crlf_body_kept_and_chunked_payload() {
        let r = parse_http_request("PUT /k HTTP/1.1\r\nHost: b\r\nTransfer-Encoding: chunked\r\n\r\ne\r\nHello, world!\n\r\n0\r\n\r\n");
        assert_eq!(r.line_ending, LineEnding::Crlf);
        assert_eq!(r.body, "e\r\nHello, world!\n\r\n0\r\n\r\n");
        assert_eq!(r.payload(), b"Hello, world!\n");
        assert_eq!(dechunk(b"5\nab"), None);
        assert_eq!(dechunk(b"3;x=y\nabc\n0\n").as_deref(), Some(&b"abc"[..]));
    }

    #[test]
    fn curl_verbose_output() {
        let text = "*   Trying 1.2.3.4:443...\n> GET /k HTTP/1.1\n> Host: b.s3.amazonaws.com\n> Authorization: AWS4-HMAC-SHA256 x\n>\n< HTTP/1.1 403 Forbidden\n";
        assert!(is_curl_verbose(text));
        let r = parse_http_request(text);
        assert_eq!(r.header("host"), Some("b.s3.amazonaws.com"));
        assert!(r.has_blank_line);
    }

    #[test]
    fn unreadable_lines_are_noted() {
        let r = parse_http_request("not a request\nno colon here\n");
        assert_eq!(r.notes.len(), 2);
        assert!(!is_request_line("GET /k"));
        assert!(is_request_line("GET /k HTTP/1.1"));
        assert!(!is_request_line("get /k HTTP/1.1"));
    }
}
