//! A non-S3 service's error body (Google Cloud Storage, CloudFront) read with the same tolerant
//! XML reader as S3's, and its canonical request and string to sign, when it gives them,
//! compared line by line with the ones computed here, in that service's words. What a code
//! means is the family's (diagnose/gcs.rs, diagnose/cloudfront.rs).

use crate::diagnose::diff::{diff_canonical_requests, diff_strings_to_sign, DiffKind, DiffLine};
use crate::diagnose::server_error::ServerComparison;
use crate::error_body::xml::{read_error_xml, S3Error};
use crate::finding::{Code, Finding, Severity};
use crate::time::parse_rfc3339;

/// Reads `body` (`None` when empty) and compares what it shows with `ours` (canonical request,
/// string to sign). `service` names the service in the findings.
pub fn compare(
    service: &str,
    body: &str,
    ours_canonical_request: Option<&str>,
    ours_string_to_sign: Option<&str>,
) -> Option<(ServerComparison, Vec<Finding>)> {
    if body.trim().is_empty() {
        return None;
    }
    let error = read_error_xml(body);
    let mut findings = Vec::new();
    if error.code.is_none() && error.message.is_none() && error.string_to_sign.is_none() {
        findings.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Warning,
            "The error body could not be read",
            format!("No <Code>, <Message> or <StringToSign> was found. Paste the XML body of {service}'s response as it is (browser dev tools: Network, the failed request, Response), starting at <Error> or <?xml."),
        ));
    } else if error.truncated {
        findings.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Info,
            "The error body is cut off",
            "The body ends inside an element; the fields read so far are used.",
        ));
    }
    let canonical_request = error.canonical_request_exact();
    let string_to_sign = error.string_to_sign_exact();
    let mut cmp = ServerComparison {
        error: error.clone(),
        canonical_request: canonical_request.clone(),
        string_to_sign: string_to_sign.clone(),
        canonical_request_diff: Vec::new(),
        string_to_sign_diff: Vec::new(),
        canonical_request_matches: None,
        string_to_sign_matches: None,
        first_difference: None,
        server_time: error.server_time.as_deref().and_then(parse_rfc3339),
        ours_label: "this page".to_owned(),
        theirs_label: service.to_owned(),
    };
    if let (Some(theirs), Some(mine)) = (canonical_request.as_deref(), ours_canonical_request) {
        cmp.canonical_request_matches = Some(theirs == mine);
        cmp.canonical_request_diff = diff_canonical_requests(mine, theirs);
        if let Some(line) = first_change(&cmp.canonical_request_diff) {
            let text = explain(service, line);
            cmp.first_difference = Some(text.clone());
            findings.push(with_sides(
                Finding::new(
                    Code::ServerCanonicalRequestDiffers,
                    Severity::Error,
                    format!(
                        "{service} received a different request: the {} differs",
                        words(&line.part)
                    ),
                    text,
                ),
                line,
                service,
            ));
        }
    }
    if let (Some(theirs), Some(mine)) = (string_to_sign.as_deref(), ours_string_to_sign) {
        cmp.string_to_sign_matches = Some(theirs == mine);
        cmp.string_to_sign_diff = diff_strings_to_sign(mine, theirs);
        if let Some(line) = first_change(&cmp.string_to_sign_diff) {
            let (severity, detail) = if line.part == "canonical-request-hash" {
                if cmp.canonical_request_matches == Some(false) {
                    (Severity::Warning, "Only the hash of the canonical request differs, which follows from the canonical request difference above.".to_owned())
                } else {
                    (Severity::Error, format!("{service} hashed a different canonical request than the one computed here: the request it received differs from the one described here (method, path, query or a signed header's value)."))
                }
            } else {
                (Severity::Error, format!("{service} signed a different {} than the URL states: the error body belongs to another URL, or the URL was changed after the error.", words(&line.part)))
            };
            findings.push(with_sides(
                Finding::new(
                    Code::ServerStringToSignDiffers,
                    severity,
                    format!("{service}'s string to sign differs from the one computed here"),
                    detail,
                ),
                line,
                service,
            ));
        }
    }
    Some((cmp, findings))
}

fn first_change(lines: &[DiffLine]) -> Option<&DiffLine> {
    lines.iter().find(|l| l.kind != DiffKind::Same)
}

fn with_sides(f: Finding, line: &DiffLine, service: &str) -> Finding {
    f.with("part", line.part.clone())
        .with(
            "ours",
            line.ours.clone().unwrap_or_else(|| "(none)".to_owned()),
        )
        .with(
            service,
            line.theirs.clone().unwrap_or_else(|| "(none)".to_owned()),
        )
}

fn words(part: &str) -> String {
    match part {
        "method" => "HTTP method".to_owned(),
        "canonical-uri" => "path".to_owned(),
        "canonical-query" => "query string".to_owned(),
        "signed-headers" => "signed-headers list".to_owned(),
        "payload-hash" => "payload line".to_owned(),
        "credential-scope" => "credential scope".to_owned(),
        "canonical-request-hash" => "canonical request hash".to_owned(),
        "algorithm" => "algorithm".to_owned(),
        "date" => "date".to_owned(),
        p => p
            .strip_prefix("header ")
            .map_or_else(|| p.to_owned(), |h| format!("{h} header")),
    }
}

fn explain(service: &str, line: &DiffLine) -> String {
    let ours = line.ours.as_deref().unwrap_or("(none)");
    let theirs = line.theirs.as_deref().unwrap_or("(none)");
    let what = match line.part.as_str() {
        "method" => "The method is signed: send the request with the method the URL was signed for.",
        "canonical-uri" => "Something re-encoded the path on the way (a slash written %2F, a space as + or %20, another Unicode form). Send the URL exactly as signed.",
        "canonical-query" => "The query string was changed on the way (re-encoded, or a parameter added or dropped). Pass the signed URL on as an opaque string.",
        "header host" => "The Host header differs: the URL was signed for another host (path style against virtual-hosted, a custom domain, an emulator), or a proxy changed it.",
        p if p.starts_with("header ") => "The value of a signed header is part of the signature: send exactly the value that was signed (case included).",
        _ => "What was signed and what arrived differ here.",
    };
    format!("{service} has \u{201c}{theirs}\u{201d} where the request here has \u{201c}{ours}\u{201d}. {what}")
}

/// A service error's code and message as evidence on a family's finding.
pub fn with_code(f: Finding, error: &S3Error) -> Finding {
    let mut f = f;
    if let Some(code) = &error.code {
        f = f.with("Code", code.clone());
    }
    if let Some(message) = &error.message {
        f = f.with("Message", message.clone());
    }
    if let Some(details) = &error.details {
        f = f.with("Details", details.clone());
    }
    f
}
