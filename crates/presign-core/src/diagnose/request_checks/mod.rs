//! What the request the user sends shows, without the secret: signed headers it lacks,
//! `x-amz-*` headers it sends unsigned, a method the URL was evidently not signed for, and
//! signed header values that cannot be what was signed.

mod method;

use crate::finding::{Code, Finding, Severity};
use crate::input::curl::CurlRequest;
use crate::input::headers::ParsedHeaders;
use crate::input::url::{RawPair, RawUrl};
use crate::sigv4::canonical_request::canonical_header_value;
use crate::sigv4::params::SigV4Params;
use crate::types::HttpMethod;
pub use method::method_hint;
pub use method::signed_method;
pub use method::MethodHint;
pub use method::MethodSource;

/// Everything about the request as described.
pub struct RequestView<'a> {
    pub url: &'a RawUrl,
    pub params: Option<&'a SigV4Params>,
    pub method: HttpMethod,
    pub method_source: MethodSource,
    pub headers: &'a ParsedHeaders,
    /// Whether the user described the headers at all (lines or a curl command).
    pub headers_given: bool,
    pub curl: Option<&'a CurlRequest>,
}

/// Every request finding.
pub fn check(view: &RequestView<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    unreadable(view, &mut out);
    method(view, &mut out);
    two_auth_mechanisms(view, &mut out);
    let Some(params) = view.params else {
        return out;
    };
    missing_signed_headers(view, params, &mut out);
    unsigned_amz_headers(view, params, &mut out);
    signed_header_values(view, params, &mut out);
    out
}

fn unreadable(view: &RequestView<'_>, out: &mut Vec<Finding>) {
    let mut problems: Vec<String> = view
        .headers
        .unreadable_lines
        .iter()
        .map(|l| {
            format!(
                "not a header line: {}",
                l.chars().take(120).collect::<String>()
            )
        })
        .collect();
    if let Some(curl) = view.curl {
        problems.extend(curl.notes.iter().cloned());
    }
    if problems.is_empty() {
        return;
    }
    let mut f = Finding::new(
        Code::UnreadableRequest,
        Severity::Warning,
        "Part of the request could not be read",
        "These parts were skipped, so the checks below may miss what they say. Paste headers as Name: value lines, or the whole curl command as you run it.",
    );
    for p in problems.into_iter().take(20) {
        f = f.with("skipped", p);
    }
    out.push(f);
}

fn method(view: &RequestView<'_>, out: &mut Vec<Finding>) {
    if !view.method_source.is_told() {
        return;
    }
    let Some(hint) = method_hint(view.url, view.params) else {
        return;
    };
    if hint.method == view.method {
        return;
    }
    let sent = view.method;
    let signed = hint.method;
    let curl_tip = if view.method_source == MethodSource::Curl {
        match signed {
            HttpMethod::Put => " With curl: curl -T FILE 'URL' (or -X PUT --data-binary @FILE).",
            HttpMethod::Head => " With curl: curl -I 'URL'.",
            HttpMethod::Delete => " With curl: curl -X DELETE 'URL'.",
            HttpMethod::Post => " With curl: curl -X POST 'URL'.",
            HttpMethod::Get => " With curl: curl 'URL' (no -X, -T or -d).",
        }
    } else {
        ""
    };
    out.push(
        Finding::new(
            Code::MethodMismatch,
            if hint.certain { Severity::Error } else { Severity::Warning },
            format!("This URL was signed for {signed}, you send {sent}"),
            format!(
                "The method is part of the signature: {}, so S3 answers 403 SignatureDoesNotMatch to a {sent}. Send the request with {signed}, or presign the operation you mean ({sent}).{curl_tip}",
                hint.reason
            ),
        )
        .with("signed-for", signed.as_str())
        .with("sent", sent.as_str())
        .with("evidence", hint.reason),
    );
}

fn sent_values<'h>(headers: &'h ParsedHeaders, name: &str) -> Vec<&'h str> {
    headers
        .headers
        .iter()
        .filter(|h| h.name.trim().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
        .collect()
}

fn missing_signed_headers(view: &RequestView<'_>, params: &SigV4Params, out: &mut Vec<Finding>) {
    for name in params
        .signed_headers
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("host"))
    {
        if !sent_values(view.headers, name).is_empty() {
            continue;
        }
        let hint = if name.eq_ignore_ascii_case("content-type") {
            " For Content-Type: the exact type the SDK was given (e.g. -H 'Content-Type: image/png'); a browser's fetch must set the same headers: { 'Content-Type': … }."
        } else {
            ""
        };
        // With no headers given, the request is evaluated as sending none (a link clicked in a
        // browser, a bare `curl URL`): say so, since the client may send more.
        let given = if view.headers_given {
            ""
        } else {
            " No headers were given, so the request is evaluated without it; if your client does send it, paste the headers it sends (or the whole curl command)."
        };
        out.push(
            Finding::new(
                Code::MissingSignedHeader,
                Severity::Error,
                format!("The signed header {name} is not sent"),
                format!(
                    "X-Amz-SignedHeaders lists {name}, so the signature covers its value; without it S3 computes a different signature (403 SignatureDoesNotMatch). Send {name} with exactly the value the URL was presigned with.{hint}{given}"
                ),
            )
            .with("header", name)
            .with("X-Amz-SignedHeaders", params.signed_headers.join(";")),
        );
    }
}

/// An `Authorization` header sent with a presigned URL: S3 accepts one authentication
/// mechanism per request and refuses both (`InvalidArgument`), whichever is valid.
fn two_auth_mechanisms(view: &RequestView<'_>, out: &mut Vec<Finding>) {
    let presigned = view.url.pairs.iter().any(|p| {
        p.name_is("X-Amz-Signature") || p.name_is("X-Amz-Algorithm") || p.name_is("Signature")
    });
    let Some(h) = view
        .headers
        .headers
        .iter()
        .find(|h| h.name.trim().eq_ignore_ascii_case("authorization"))
    else {
        return;
    };
    if !presigned {
        return;
    }
    let scheme = h.value.split_whitespace().next().unwrap_or("").to_owned();
    out.push(
        Finding::new(
            Code::TwoAuthMechanisms,
            Severity::Error,
            "An Authorization header is sent with a presigned URL",
            "S3 accepts one way of authenticating a request and refuses a presigned URL sent with an Authorization header too: 400 InvalidArgument \"Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified\". The URL carries its signature: send it without the Authorization header (an HTTP client, interceptor or proxy that adds one, curl --user or --aws-sigv4).",
        )
        .with("header", h.name.trim())
        .with("scheme", scheme),
    );
}

fn unsigned_amz_headers(view: &RequestView<'_>, params: &SigV4Params, out: &mut Vec<Finding>) {
    let mut seen: Vec<String> = Vec::new();
    for h in &view.headers.headers {
        let lower = h.name.trim().to_ascii_lowercase();
        if !lower.starts_with("x-amz-") || seen.contains(&lower) {
            continue;
        }
        seen.push(lower.clone());
        if params
            .signed_headers
            .iter()
            .any(|s| s.trim().eq_ignore_ascii_case(&lower))
        {
            continue;
        }
        let in_query = view
            .url
            .pairs
            .iter()
            .any(|p| p.name_is_ignore_ascii_case(&lower));
        let detail = if in_query {
            format!(
                "S3 requires every x-amz-* header of a presigned request to be signed, and answers 403 AccessDenied (HeadersNotSigned: {lower}). The URL already carries {lower} as a signed query parameter: do not send it as a header too."
            )
        } else {
            format!(
                "S3 requires every x-amz-* header of a presigned request to be signed, and answers 403 AccessDenied (HeadersNotSigned: {lower}). Either stop sending it, or pass it to the SDK when presigning (boto3: Params={{…}}; JS v3: the command input, or signableHeaders) so that it is signed."
            )
        };
        out.push(
            Finding::new(
                Code::UnsignedAmzHeader,
                Severity::Error,
                format!("The header {} is sent but not signed", h.name.trim()),
                detail,
            )
            .with("header", h.name.trim())
            .with("value", h.value.clone()),
        );
    }
}

fn signed_header_values(view: &RequestView<'_>, params: &SigV4Params, out: &mut Vec<Finding>) {
    for name in params
        .signed_headers
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("host"))
    {
        let values = sent_values(view.headers, name);
        let mut distinct: Vec<String> = values.iter().map(|v| canonical_header_value(v)).collect();
        distinct.dedup();
        if distinct.len() > 1 {
            let joined = values
                .iter()
                .map(|v| canonical_header_value(v))
                .collect::<Vec<_>>()
                .join(",");
            out.push(
                Finding::new(
                    Code::SignedHeaderValue,
                    Severity::Warning,
                    format!("The signed header {name} is sent {} times with different values", values.len()),
                    format!(
                        "Repeated headers are joined with commas before signing, so S3 checks the signature against {name}: \u{201c}{joined}\u{201d}. Unless the URL was presigned with exactly that joined value, send {name} once, with the value the URL was presigned with."
                    ),
                )
                .with("header", name)
                .with("values", joined),
            );
            continue;
        }
        if let Some(query_value) = view
            .url
            .pairs
            .iter()
            .find(|p| p.name_is_ignore_ascii_case(name))
            .map(RawPair::value_text)
        {
            if let Some(sent) = distinct.first() {
                if *sent != canonical_header_value(&query_value) {
                    out.push(
                        Finding::new(
                            Code::SignedHeaderValue,
                            Severity::Error,
                            format!("{name} is sent as \u{201c}{sent}\u{201d} but the URL says \u{201c}{query_value}\u{201d}"),
                            format!("The URL itself carries the value {name} was signed with. Send {name}: {query_value}, or presign again with the value you send."),
                        )
                        .with("header", name)
                        .with("sent", sent.clone())
                        .with("in-url", query_value),
                    );
                    continue;
                }
            }
        }
        if name.eq_ignore_ascii_case("content-type") {
            if let Some(curl) = view.curl {
                if curl
                    .implied_headers
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case("content-type"))
                {
                    let sent = distinct.first().cloned().unwrap_or_default();
                    out.push(
                        Finding::new(
                            Code::SignedHeaderValue,
                            Severity::Warning,
                            format!("curl adds Content-Type: {sent} on its own"),
                            "Content-Type is signed, and this curl command does not set it, so curl sends its own default for the body option used (-d: application/x-www-form-urlencoded), which is almost never what the SDK was given. Add -H 'Content-Type: <the type you presigned with>' and send the file with -T FILE or --data-binary @FILE.",
                        )
                        .with("header", "content-type")
                        .with("sent", sent),
                    );
                }
            }
        }
    }
}
