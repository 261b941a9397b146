//! curl's options, as far as they change the request: the method, the headers (given and
//! implied), the body, the URL and the `--aws-sigv4` signing it does itself.

use super::{looks_like_curl, short, CurlBody, CurlRequest};
use crate::input::curl_form::{form_part, form_string_part};
use crate::input::headers::{is_token, SentHeader};

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

/// The words after `curl`, still to be read.
type Args = std::vec::IntoIter<String>;

/// What the options said about the method, before curl's defaults apply.
#[derive(Debug, Default)]
pub(super) struct MethodOptions {
    /// `-X` / `--request`.
    pub explicit: Option<String>,
    /// `-I` / `--head`.
    pub head: bool,
    /// `-G` / `--get`: `-d` data goes into the query, so no body and no body headers.
    pub get: bool,
}

/// Reads the words of a command into `req`: the URL, and every option that matters.
pub(super) fn read_arguments(words: Vec<String>, req: &mut CurlRequest) -> MethodOptions {
    let mut method = MethodOptions::default();
    let rest: Vec<String> = words
        .into_iter()
        .skip_while(|w| !looks_like_curl(w))
        .skip(1)
        .collect();
    let mut args = rest.into_iter();
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
        } else if word == "--" {
            options_done = true;
        } else if let Some(long) = word.strip_prefix("--") {
            long_option(long, &mut args, req, &mut method);
        } else {
            short_options(&word[1..], &mut args, req, &mut method);
        }
    }
    method
}

/// One `--name` or `--name=value` option.
fn long_option(long: &str, args: &mut Args, req: &mut CurlRequest, method: &mut MethodOptions) {
    let (name, inline) = match long.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (long, None),
    };
    let mut value = || inline.map(str::to_owned).or_else(|| args.next());
    match name {
        "request" => method.explicit = value(),
        "header" => add_header(req, value()),
        "upload-file" => req.body = value().map(|file| CurlBody::Upload { file }),
        "data" | "data-raw" | "data-binary" | "data-urlencode" | "data-ascii" => {
            req.body = Some(CurlBody::Data {
                value: value().unwrap_or_default(),
            });
        }
        "form" | "form-string" => {
            if let Some(v) = value() {
                req.form.push(if name == "form" {
                    form_part(&v)
                } else {
                    form_string_part(&v)
                });
            }
            req.body = Some(CurlBody::Form);
        }
        "head" => method.head = true,
        "get" => method.get = true,
        "url" => {
            if let Some(u) = value() {
                if req.url.is_none() {
                    req.url = Some(u);
                }
            }
        }
        "user-agent" => implied(req, "User-Agent", value()),
        "referer" => implied(req, "Referer", value()),
        "cookie" => implied(req, "Cookie", value()),
        "range" => implied(req, "Range", value().map(|r| format!("bytes={r}"))),
        "aws-sigv4" => req.aws_sigv4 = value(),
        "user" => basic_user(req, value(), "Basic (from --user)"),
        n if LONG_WITH_ARG.contains(&n) => {
            value();
        }
        _ => {}
    }
}

/// A cluster of short options: `-sSL`, `-XPUT`, `-sX PUT`. An option that takes a value takes
/// the rest of the cluster, or else the next word.
fn short_options(
    cluster: &str,
    args: &mut Args,
    req: &mut CurlRequest,
    method: &mut MethodOptions,
) {
    for (i, c) in cluster.char_indices() {
        if !SHORT_WITH_ARG.contains(c) {
            match c {
                'I' => method.head = true,
                'G' => method.get = true,
                _ => {}
            }
            continue;
        }
        let rest = &cluster[i + c.len_utf8()..];
        let value = if rest.is_empty() {
            args.next()
        } else {
            Some(rest.to_owned())
        };
        match c {
            'X' => method.explicit = value,
            'H' => add_header(req, value),
            'T' => req.body = value.map(|file| CurlBody::Upload { file }),
            'd' => {
                req.body = Some(CurlBody::Data {
                    value: value.unwrap_or_default(),
                });
            }
            'F' => {
                req.form.extend(value.as_deref().map(form_part));
                req.body = Some(CurlBody::Form);
            }
            'A' => implied(req, "User-Agent", value),
            'e' => implied(req, "Referer", value),
            'b' => implied(req, "Cookie", value),
            'r' => implied(req, "Range", value.map(|r| format!("bytes={r}"))),
            'u' => basic_user(req, value, "Basic (from -u)"),
            _ => {}
        }
        return;
    }
}

/// `--user NAME:SECRET`: the name is kept (with `--aws-sigv4`, the access key id), the secret
/// never; curl sends Basic credentials unless it signs.
fn basic_user(req: &mut CurlRequest, value: Option<String>, shown: &str) {
    req.user_name = value.map(|u| user_name(&u));
    req.headers.push(SentHeader {
        name: "Authorization".to_owned(),
        value: shown.to_owned(),
    });
    req.implied_headers.push("Authorization".to_owned());
}

/// The name of `NAME:SECRET`, without the secret.
fn user_name(user: &str) -> String {
    user.split_once(':')
        .map_or(user, |(name, _)| name)
        .to_owned()
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
