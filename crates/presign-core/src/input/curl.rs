//! Reading a pasted `curl` command: the URL, the method and the headers it really sends.
//!
//! People paste what they ran, so this follows the shell (single and double quotes, `$'…'`,
//! backslash escapes, `\` / `^` / `` ` `` line continuations) and curl's own rules: `-T` means
//! PUT, `-d` means POST *and* adds `Content-Type: application/x-www-form-urlencoded`, `-I`
//! means HEAD, and `-X` overrides them all.

mod options;
mod shell;

pub use shell::shell_words;

use crate::input::form::FormPart;
use crate::input::headers::SentHeader;
use crate::limits::MAX_CURL_BYTES;
use crate::scan::find_space_or_non_ascii;
use crate::types::HttpMethod;
use options::{read_arguments, MethodOptions};
use serde::Serialize;

/// What the body of the request is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CurlBody {
    /// `-T FILE` / `--upload-file FILE`.
    Upload { file: String },
    /// `-d`, `--data`, `--data-raw`, `--data-binary`, `--data-urlencode`.
    Data { value: String },
    /// `-F` / `--form`: a multipart form.
    Form,
}

/// A curl command, as far as it matters for a presigned request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CurlRequest {
    pub url: Option<String>,
    /// The method curl sends, when it is one S3 presigned URLs are used with.
    pub method: Option<HttpMethod>,
    /// The method as curl would send it, e.g. `PATCH` (shown even when not supported).
    pub method_text: String,
    /// Headers curl sends that matter for signing: `-H` headers plus the ones curl adds itself
    /// (`Content-Type` for `-d` and `-F`, `Range` for `-r`, `User-Agent` for `-A`, …).
    pub headers: Vec<SentHeader>,
    pub body: Option<CurlBody>,
    /// The `-F` / `--form` / `--form-string` parts, in order (a presigned POST's fields).
    pub form: Vec<FormPart>,
    /// Headers curl adds on its own, by name, so the page can say where they come from.
    pub implied_headers: Vec<String>,
    /// `--aws-sigv4 PROVIDER`: curl signs the request itself when it sends it
    /// (`aws:amz:REGION:SERVICE`).
    pub aws_sigv4: Option<String>,
    /// The user name of `--user NAME:SECRET` (with `--aws-sigv4`, the access key id). The
    /// secret after the colon is never kept.
    pub user_name: Option<String>,
    /// Options that were not understood, or problems reading the command.
    pub notes: Vec<String>,
}

/// Whether the text looks like a curl command.
pub fn looks_like_curl(text: &str) -> bool {
    // Every keystroke in the URL box (and every line of a batch) asks this of a URL: finding
    // where the first word ends, eight bytes at a time, answers without walking a long URL
    // character by character.
    let t = text.trim_start();
    let first = &t[..first_word_end(t)];
    matches!(first, "curl" | "curl.exe") || first.ends_with("/curl")
}

/// Where the first word of `text` (which starts with no white space) ends: at the first
/// Unicode white space, as `split_whitespace` would cut it.
fn first_word_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = find_space_or_non_ascii(&bytes[from..]) {
        let i = from + at;
        // `i` starts a character: ASCII bytes are never inside one, and a multi-byte
        // character is stepped over whole below.
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            return i;
        }
        from = i + c.len_utf8();
    }
    text.len()
}

/// Reads a curl command.
pub fn parse_curl(text: &str) -> CurlRequest {
    let mut req = CurlRequest::default();
    let text = within_limit(text, &mut req.notes);
    let (words, notes) = shell_words(text);
    req.notes.extend(notes);
    let method = read_arguments(words, &mut req);
    no_basic_with_sigv4(&mut req);
    add_body_content_type(&mut req, &method);
    req.method_text = method_text(&method, req.body.as_ref());
    req.method = HttpMethod::parse(&req.method_text);
    if req.method.is_none() {
        req.notes.push(format!(
            "the method {} is not one S3 presigned URLs are used with",
            short(&req.method_text)
        ));
    }
    if req.url.is_none() {
        req.notes.push("the command has no URL".to_owned());
    }
    req
}

/// The command up to [`MAX_CURL_BYTES`] (cut on a character boundary), with a note when cut.
fn within_limit<'a>(text: &'a str, notes: &mut Vec<String>) -> &'a str {
    if text.len() <= MAX_CURL_BYTES {
        return text;
    }
    let mut end = MAX_CURL_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    notes.push(format!(
        "the command is longer than {MAX_CURL_BYTES} bytes; the rest was ignored"
    ));
    text.get(..end).unwrap_or_default()
}

/// The `Content-Type` curl adds on its own for a body, unless one was given.
fn add_body_content_type(req: &mut CurlRequest, method: &MethodOptions) {
    if req
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("content-type"))
    {
        return;
    }
    let value = match &req.body {
        Some(CurlBody::Data { .. }) if !method.get => "application/x-www-form-urlencoded",
        Some(CurlBody::Form) => "multipart/form-data; boundary=…",
        _ => return,
    };
    req.headers.push(SentHeader {
        name: "Content-Type".to_owned(),
        value: value.to_owned(),
    });
    req.implied_headers.push("Content-Type".to_owned());
}

/// The method curl sends: `-X` over `-I` over `-G` over what the body implies.
fn method_text(method: &MethodOptions, body: Option<&CurlBody>) -> String {
    match &method.explicit {
        Some(m) => m.trim().to_ascii_uppercase(),
        None if method.head => "HEAD".to_owned(),
        None if method.get => "GET".to_owned(),
        None => match body {
            Some(CurlBody::Upload { .. }) => "PUT".to_owned(),
            Some(CurlBody::Data { .. } | CurlBody::Form) => "POST".to_owned(),
            None => "GET".to_owned(),
        },
    }
}

/// With `--aws-sigv4`, `--user` carries the key pair curl signs with, not Basic credentials.
fn no_basic_with_sigv4(req: &mut CurlRequest) {
    if req.aws_sigv4.is_some() {
        req.headers
            .retain(|h| !(h.name == "Authorization" && h.value.starts_with("Basic (from")));
        req.implied_headers.retain(|h| h != "Authorization");
    }
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first word is cut where `split_whitespace` cuts it, Unicode white space included.
    #[test]
    fn curl_is_the_first_word() {
        let by_split = |text: &str| {
            let first = text.split_whitespace().next().unwrap_or("");
            matches!(first, "curl" | "curl.exe") || first.ends_with("/curl")
        };
        for text in [
            "curl -X PUT 'https://b.s3.amazonaws.com/k'",
            "  \n\tcurl.exe -I https://x",
            "/usr/bin/curl https://x",
            "curl",
            "curl\u{a0}-I",
            "curl\u{2028}x",
            "curl\u{85}",
            "curl\u{b}x",
            "curlx https://x",
            "https://b.s3.amazonaws.com/curl",
            "https://b.s3.amazonaws.com/a/curl?x=1 curl",
            "é/curl é",
            "\u{3000}curl\u{3000}",
            "curl\u{1}",
            "",
            "   ",
        ] {
            assert_eq!(looks_like_curl(text), by_split(text), "{text:?}");
        }
    }

    #[test]
    fn methods_follow_curl() {
        assert_eq!(
            parse_curl("curl -T f.txt 'https://h/k'").method,
            Some(HttpMethod::Put)
        );
        assert_eq!(
            parse_curl("curl -d x https://h/k").method,
            Some(HttpMethod::Post)
        );
        assert_eq!(
            parse_curl("curl -I https://h/k").method,
            Some(HttpMethod::Head)
        );
        assert_eq!(
            parse_curl("curl -XDELETE https://h/k").method,
            Some(HttpMethod::Delete)
        );
        assert_eq!(
            parse_curl("curl -sSX PUT -d x https://h/k").method,
            Some(HttpMethod::Put)
        );
        assert_eq!(parse_curl("curl https://h/k").method, Some(HttpMethod::Get));
        let r = parse_curl("curl --request=PATCH https://h/k");
        assert_eq!((r.method, r.method_text.as_str()), (None, "PATCH"));
    }

    #[test]
    fn headers_and_url() {
        let r = parse_curl("curl -sS --url 'https://h/k?a=1&b=2' -H 'Content-Type: text/plain' --header=x-amz-acl:private -d @f");
        assert_eq!(r.url.as_deref(), Some("https://h/k?a=1&b=2"));
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.headers[1].name, "x-amz-acl");
        assert!(r.implied_headers.is_empty());
        let r = parse_curl("curl -d x https://h/k");
        assert_eq!(r.headers[0].value, "application/x-www-form-urlencoded");
        assert_eq!(r.implied_headers, vec!["Content-Type"]);
        let r =
            parse_curl("curl --aws-sigv4 aws:amz:eu-west-1:sts --user 'AKID:s3cr3t' https://h/");
        assert_eq!(r.aws_sigv4.as_deref(), Some("aws:amz:eu-west-1:sts"));
        assert_eq!(r.user_name.as_deref(), Some("AKID"));
        assert!(!format!("{r:?}").contains("s3cr3t"));
        let r = parse_curl("curl -o out -w '%{http_code}' https://h/k");
        assert_eq!(r.url.as_deref(), Some("https://h/k"));
    }
}
