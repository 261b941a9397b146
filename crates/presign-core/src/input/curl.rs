//! Reading a pasted `curl` command: the URL, the method and the headers it really sends.
//!
//! People paste what they ran, so this follows the shell (single and double quotes, `$'…'`,
//! backslash escapes, `\` / `^` / `` ` `` line continuations) and curl's own rules: `-T` means
//! PUT, `-d` means POST *and* adds `Content-Type: application/x-www-form-urlencoded`, `-I`
//! means HEAD, and `-X` overrides them all.

use crate::input::curl_form::{form_part, form_string_part};
use crate::input::form::FormPart;
use crate::input::headers::{is_token, SentHeader};
use crate::limits::MAX_CURL_BYTES;
use crate::scan::find_space_or_non_ascii;
use crate::types::HttpMethod;
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

/// Splits a shell command into words.
pub fn shell_words(text: &str) -> (Vec<String>, Vec<String>) {
    let mut words = Vec::new();
    let mut notes = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                }
                Some('\n') => {}
                Some(other) => {
                    current.push(other);
                    in_word = true;
                }
                None => {}
            },
            // cmd.exe (`^`) and PowerShell (`` ` ``) line continuations.
            '^' | '`' if matches!(chars.peek(), Some('\n' | '\r')) => {
                while matches!(chars.peek(), Some('\n' | '\r')) {
                    chars.next();
                }
            }
            '\'' => {
                in_word = true;
                let mut closed = false;
                for d in chars.by_ref() {
                    if d == '\'' {
                        closed = true;
                        break;
                    }
                    current.push(d);
                }
                if !closed {
                    notes.push("a single quote is not closed".to_owned());
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '\'' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.next() {
                            Some('n') => current.push('\n'),
                            Some('t') => current.push('\t'),
                            Some('r') => current.push('\r'),
                            Some(e) => current.push(e),
                            None => {}
                        },
                        _ => current.push(d),
                    }
                }
                if !closed {
                    notes.push("a $'…' quote is not closed".to_owned());
                }
            }
            '"' => {
                in_word = true;
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.peek() {
                            Some('"' | '\\' | '$' | '`') => {
                                if let Some(e) = chars.next() {
                                    current.push(e);
                                }
                            }
                            Some('\n') => {
                                chars.next();
                            }
                            _ => current.push('\\'),
                        },
                        _ => current.push(d),
                    }
                }
                if !closed {
                    notes.push("a double quote is not closed".to_owned());
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    (words, notes)
}

/// Short options that take an argument.
const SHORT_WITH_ARG: &str = "XHTdFrAeboumwxEKYyzCcDPQtUQ";
/// Long options that take an argument and are otherwise irrelevant here.
const LONG_WITH_ARG: &[&str] = &[
    "output",
    "write-out",
    "proxy",
    "connect-timeout",
    "max-time",
    "retry",
    "retry-delay",
    "retry-max-time",
    "cacert",
    "capath",
    "cert",
    "key",
    "cert-type",
    "key-type",
    "resolve",
    "connect-to",
    "config",
    "limit-rate",
    "max-filesize",
    "interface",
    "dns-servers",
    "trace",
    "trace-ascii",
    "stderr",
    "cookie-jar",
    "proxy-user",
    "netrc-file",
    "speed-limit",
    "speed-time",
    "max-redirs",
    "keepalive-time",
    "expect100-timeout",
    "local-port",
    "ciphers",
    "tls-max",
    "http2-prior-knowledge-timeout",
    "dump-header",
    "pinnedpubkey",
    "unix-socket",
    "abstract-unix-socket",
    "noproxy",
    "variable",
    "json",
    "url-query",
    "oauth2-bearer",
    "form-string",
    "data-ascii",
];

/// Reads a curl command.
pub fn parse_curl(text: &str) -> CurlRequest {
    let mut req = CurlRequest::default();
    let text = if text.len() > MAX_CURL_BYTES {
        let mut end = MAX_CURL_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        req.notes.push(format!(
            "the command is longer than {MAX_CURL_BYTES} bytes; the rest was ignored"
        ));
        text.get(..end).unwrap_or_default()
    } else {
        text
    };
    let (words, notes) = shell_words(text);
    req.notes.extend(notes);
    let mut explicit_method: Option<String> = None;
    let mut head = false;
    let mut get = false;
    let rest: Vec<String> = words
        .into_iter()
        .skip_while(|w| !looks_like_curl(w))
        .skip(1)
        .collect();
    let mut args = rest.into_iter().peekable();
    let mut options_done = false;
    while let Some(word) = args.next() {
        if options_done || !word.starts_with('-') || word == "-" {
            if req.url.is_none() {
                req.url = Some(word);
            } else {
                req.notes.push(format!(
                    "a second URL \u{201c}{}\u{201d} was ignored",
                    short(&word)
                ));
            }
            continue;
        }
        if word == "--" {
            options_done = true;
            continue;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (long, None),
            };
            let value = |args: &mut std::iter::Peekable<std::vec::IntoIter<String>>| {
                inline.clone().or_else(|| args.next())
            };
            match name {
                "request" => explicit_method = value(&mut args),
                "header" => add_header(&mut req, value(&mut args)),
                "upload-file" => req.body = value(&mut args).map(|file| CurlBody::Upload { file }),
                "data" | "data-raw" | "data-binary" | "data-urlencode" | "data-ascii" => {
                    req.body = Some(CurlBody::Data {
                        value: value(&mut args).unwrap_or_default(),
                    });
                }
                "form" | "form-string" => {
                    if let Some(v) = value(&mut args) {
                        req.form.push(if name == "form" {
                            form_part(&v)
                        } else {
                            form_string_part(&v)
                        });
                    }
                    req.body = Some(CurlBody::Form);
                }
                "head" => head = true,
                "get" => get = true,
                "url" => {
                    if let Some(u) = value(&mut args) {
                        if req.url.is_none() {
                            req.url = Some(u);
                        }
                    }
                }
                "user-agent" => implied(&mut req, "User-Agent", value(&mut args)),
                "referer" => implied(&mut req, "Referer", value(&mut args)),
                "cookie" => implied(&mut req, "Cookie", value(&mut args)),
                "range" => implied(
                    &mut req,
                    "Range",
                    value(&mut args).map(|r| format!("bytes={r}")),
                ),
                "aws-sigv4" => req.aws_sigv4 = value(&mut args),
                "user" => {
                    req.user_name = value(&mut args).map(|u| user_name(&u));
                    req.headers.push(SentHeader {
                        name: "Authorization".to_owned(),
                        value: "Basic (from --user)".to_owned(),
                    });
                    req.implied_headers.push("Authorization".to_owned());
                }
                n if LONG_WITH_ARG.contains(&n) => {
                    value(&mut args);
                }
                _ => {}
            }
            continue;
        }
        // A cluster of short options: `-sSL`, `-XPUT`, `-sX PUT`.
        let cluster: Vec<char> = word.chars().skip(1).collect();
        let mut i = 0;
        while i < cluster.len() {
            let c = cluster[i];
            i += 1;
            if SHORT_WITH_ARG.contains(c) {
                let rest: String = cluster[i..].iter().collect();
                let value = if rest.is_empty() {
                    args.next()
                } else {
                    Some(rest)
                };
                i = cluster.len();
                match c {
                    'X' => explicit_method = value,
                    'H' => add_header(&mut req, value),
                    'T' => req.body = value.map(|file| CurlBody::Upload { file }),
                    'd' => {
                        req.body = Some(CurlBody::Data {
                            value: value.unwrap_or_default(),
                        })
                    }
                    'F' => {
                        req.form.extend(value.as_deref().map(form_part));
                        req.body = Some(CurlBody::Form);
                    }
                    'A' => implied(&mut req, "User-Agent", value),
                    'e' => implied(&mut req, "Referer", value),
                    'b' => implied(&mut req, "Cookie", value),
                    'r' => implied(&mut req, "Range", value.map(|r| format!("bytes={r}"))),
                    'u' => {
                        req.user_name = value.map(|u| user_name(&u));
                        req.headers.push(SentHeader {
                            name: "Authorization".to_owned(),
                            value: "Basic (from -u)".to_owned(),
                        });
                        req.implied_headers.push("Authorization".to_owned());
                    }
                    _ => {}
                }
            } else {
                match c {
                    'I' => head = true,
                    'G' => get = true,
                    _ => {}
                }
            }
        }
    }
    no_basic_with_sigv4(&mut req);
    // What curl adds on its own for a body.
    let has = |req: &CurlRequest, name: &str| {
        req.headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(name))
    };
    match &req.body {
        Some(CurlBody::Data { .. }) if !get && !has(&req, "content-type") => {
            req.headers.push(SentHeader {
                name: "Content-Type".to_owned(),
                value: "application/x-www-form-urlencoded".to_owned(),
            });
            req.implied_headers.push("Content-Type".to_owned());
        }
        Some(CurlBody::Form) if !has(&req, "content-type") => {
            req.headers.push(SentHeader {
                name: "Content-Type".to_owned(),
                value: "multipart/form-data; boundary=…".to_owned(),
            });
            req.implied_headers.push("Content-Type".to_owned());
        }
        _ => {}
    }
    req.method_text = match &explicit_method {
        Some(m) => m.trim().to_ascii_uppercase(),
        None if head => "HEAD".to_owned(),
        None if get => "GET".to_owned(),
        None => match req.body {
            Some(CurlBody::Upload { .. }) => "PUT".to_owned(),
            Some(CurlBody::Data { .. } | CurlBody::Form) => "POST".to_owned(),
            None => "GET".to_owned(),
        },
    };
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

/// With `--aws-sigv4`, `--user` carries the key pair curl signs with, not Basic credentials.
fn no_basic_with_sigv4(req: &mut CurlRequest) {
    if req.aws_sigv4.is_some() {
        req.headers
            .retain(|h| !(h.name == "Authorization" && h.value.starts_with("Basic (from")));
        req.implied_headers.retain(|h| h != "Authorization");
    }
}

/// The name of `NAME:SECRET`, without the secret.
fn user_name(user: &str) -> String {
    user.split_once(':')
        .map_or(user, |(name, _)| name)
        .to_owned()
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

fn implied(req: &mut CurlRequest, name: &str, value: Option<String>) {
    if let Some(value) = value {
        req.headers.push(SentHeader {
            name: name.to_owned(),
            value,
        });
        req.implied_headers.push(name.to_owned());
    }
}

/// `-H 'Name: value'`; `-H 'Name:'` removes a header curl would add, `-H 'Name;'` sends it empty.
fn add_header(req: &mut CurlRequest, line: Option<String>) {
    let Some(line) = line else { return };
    if line.starts_with('@') {
        req.notes.push(format!(
            "headers read from the file {} are not known here; paste them as lines",
            short(&line)
        ));
        return;
    }
    if let Some((name, value)) = line.split_once(':') {
        let name = name.trim();
        if is_token(name) {
            let value = value.trim();
            if value.is_empty() {
                // curl removes the header instead of sending it empty.
                req.headers.retain(|h| !h.name.eq_ignore_ascii_case(name));
            } else {
                req.headers.push(SentHeader {
                    name: name.to_owned(),
                    value: value.to_owned(),
                });
            }
            return;
        }
    }
    if let Some(name) = line.trim().strip_suffix(';') {
        if is_token(name.trim()) {
            req.headers.push(SentHeader {
                name: name.trim().to_owned(),
                value: String::new(),
            });
            return;
        }
    }
    req.notes.push(format!(
        "the header \u{201c}{}\u{201d} is not Name: value",
        short(&line)
    ));
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
    fn shell_quoting_and_continuations() {
        let (w, notes) =
            shell_words("curl -H 'a: b c' \\\n  -H \"x: \\\"q\\\"\" $'t\\tu' plain\\ word");
        assert_eq!(
            w,
            vec![
                "curl",
                "-H",
                "a: b c",
                "-H",
                "x: \"q\"",
                "t\tu",
                "plain word"
            ]
        );
        assert!(notes.is_empty());
        let (w, notes) = shell_words("curl 'unclosed");
        assert_eq!(w, vec!["curl", "unclosed"]);
        assert_eq!(notes.len(), 1);
        let (w, _) = shell_words("curl ^\r\n -X PUT `\n x");
        assert_eq!(w, vec!["curl", "-X", "PUT", "x"]);
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
