//! Ready-to-run requests for a header-signed request: curl and `fetch` that send exactly what
//! was signed (the method, the path and query as sent, every header sent, the body; where the
//! root-cause search found the method or a header value that was signed, that one), and curl's
//! own signer as the way to sign again at send time.

use super::HeaderInspection;
use crate::diagnose::root_cause::RootCauseSearch;
use crate::finding::Code;
use crate::snippets::{js_string, shell_quote, Snippets};
use std::fmt::Write as _;

/// Headers curl or a browser computes itself: the snippets leave them to the client.
const COMPUTED: [&str; 4] = ["host", "content-length", "transfer-encoding", "connection"];

/// The method and header values the search found signed, where they differ from the ones sent.
fn as_signed(search: Option<&RootCauseSearch>) -> (Option<String>, Vec<(String, String)>) {
    let Some(found) = search.and_then(|s| s.matches.first()) else {
        return (None, Vec::new());
    };
    let mut method = None;
    let mut headers = Vec::new();
    for change in &found.changes {
        match change.code {
            Code::MethodMismatch => method = Some(change.signed.clone()),
            Code::SignedHeaderValue => {
                if let Some(name) = change.part.strip_prefix("header ") {
                    let value = if change.signed == "(empty)" {
                        ""
                    } else {
                        &change.signed
                    };
                    headers.push((name.to_owned(), value.to_owned()));
                }
            }
            _ => {}
        }
    }
    (method, headers)
}

/// The JavaScript `fetch` call that sends the request: its method, headers and body (inline, or
/// a `body` variable with the bytes).
fn fetch_call(
    url: &str,
    method: &str,
    headers: &[(&str, &str)],
    body_text: Option<&str>,
    body_len: u64,
) -> String {
    let mut fetch = format!(
        "const response = await fetch({}, {{\n  method: {},\n",
        js_string(url),
        js_string(method)
    );
    if !headers.is_empty() {
        fetch.push_str("  headers: {\n");
        for (name, value) in headers {
            let _ = writeln!(fetch, "    {}: {},", js_string(name), js_string(value));
        }
        fetch.push_str("  },\n");
    }
    match (body_text, body_len) {
        (_, 0) => {}
        (Some(text), _) => {
            let _ = writeln!(fetch, "  body: {},", js_string(text));
        }
        (None, _) => fetch.push_str("  body, // the exact bytes that were signed\n"),
    }
    fetch.push_str(
        "});\nif (!response.ok) console.error(response.status, await response.text());\n",
    );
    fetch
}

/// The snippets, or `None` while there is no request (a log without one, a malformed input).
pub fn snippets(h: &HeaderInspection, search: Option<&RootCauseSearch>) -> Option<Snippets> {
    if h.url.is_empty() || h.method.is_empty() {
        return None;
    }
    let mut notes = Vec::new();
    let (signed_method, signed_values) = as_signed(search);
    let method = signed_method.as_deref().unwrap_or(&h.method);
    if let Some(m) = &signed_method {
        notes.push(format!(
            "The request was signed for {m}, so these send {m}, not {}.",
            h.method
        ));
    }
    let mut headers: Vec<(&str, &str)> = h
        .headers
        .iter()
        .map(|s| (s.name.as_str(), s.value.as_str()))
        .filter(|(n, _)| !COMPUTED.contains(&n.to_ascii_lowercase().as_str()))
        .collect();
    for (name, value) in &signed_values {
        notes.push(format!(
            "{name} was signed as \u{201c}{value}\u{201d}: these send that value."
        ));
        match headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(sent) => sent.1 = value,
            None => headers.push((name, value)),
        }
    }
    let has = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    // curl: -g and --path-as-is keep [] {} /./ /../ as signed.
    let mut curl = vec![format!("curl --fail-with-body -g --path-as-is -X {method}")];
    for (name, value) in &headers {
        curl.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
    }
    let host_differs = h
        .headers
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case("host"))
        .is_some_and(|s| !h.url.contains(&format!("://{}/", s.value.trim())));
    if host_differs {
        notes.push("The Host header sent differs from the URL's host: curl and fetch send the URL's, so this request is signed for another host than they reach.".to_owned());
    }
    let body_len = h.body_length.unwrap_or(0);
    match (&h.body_text, body_len) {
        (_, 0) => {}
        (Some(text), _) => {
            // Without a Content-Type of its own, curl would add a form one for --data-binary.
            if !has("content-type") {
                curl.push("-H 'Content-Type:'".to_owned());
            }
            curl.push(format!("--data-binary {}", shell_quote(text)));
        }
        (None, _) => {
            if !has("content-type") {
                curl.push("-H 'Content-Type:'".to_owned());
            }
            curl.push("--data-binary @body-file".to_owned());
            notes.push(format!("Replace body-file (curl) and body (fetch) with the exact {body_len} bytes that were signed."));
        }
    }
    curl.push(shell_quote(&h.url));
    let curl = curl.join(" \\\n  ");

    let fetch = fetch_call(&h.url, method, &headers, h.body_text.as_deref(), body_len);
    for (name, _) in &headers {
        let lower = name.to_ascii_lowercase();
        if ["user-agent", "expect", "accept-encoding", "date"].contains(&lower.as_str()) {
            notes.push(format!(
                "Browsers do not let fetch set {name}; they send their own."
            ));
        }
    }
    if let Some(scope) = h.authorization.as_ref().and_then(|a| a.credential.as_ref()) {
        let token = if has("x-amz-security-token") {
            " -H \"x-amz-security-token: $AWS_SESSION_TOKEN\""
        } else {
            ""
        };
        notes.push(format!(
            "This signature is good only within the service's clock window of its date. To sign again at send time, let curl do it: curl --aws-sigv4 'aws:amz:{}:{}' --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"{token} with the same method, headers (without Authorization and X-Amz-Date) and body.",
            scope.region, scope.service
        ));
    }
    Some(Snippets {
        curl,
        fetch,
        html: None,
        notes,
    })
}
