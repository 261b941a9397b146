//! What Azure Storage's error body shows: its code explained, and the string to sign it used
//! ("Signature did not match. String to sign used was …") compared with the one computed here,
//! field by field. Works without the key. Reads the XML body and the JSON form tools print.

use crate::diagnose::diff::{diff_positional, DiffKind, DiffLine};
use crate::diagnose::server_error::ServerComparison;
use crate::error_body::xml::{read_error_xml, unescape, S3Error};
use crate::finding::{Code, Finding, Severity};
use crate::report::Report;
use crate::time::parse_rfc3339;

const STS_MARK: &str = "String to sign used was";

/// What this page computed, to compare with the service's.
pub struct AzureOurs<'a> {
    pub string_to_sign: Option<&'a str>,
    /// The names of the string to sign's lines.
    pub line_names: &'a [&'static str],
    /// With the key: whether it signs our string to sign to the SAS's `sig`.
    pub signature_valid: Option<bool>,
    pub account: Option<&'a str>,
}

/// Compares the service's error body, if any, with the Azure SAS in `report`, and adds what
/// it shows (the comparison and its findings).
pub fn compare_report(error_xml: &str, report: &mut Report) {
    let Some(c) = &report.azure_sas else {
        return;
    };
    let names = c
        .layout
        .map(crate::azure::string_to_sign::line_names)
        .unwrap_or_default();
    let ours = AzureOurs {
        string_to_sign: c.string_to_sign.as_deref(),
        line_names: &names,
        signature_valid: c.verified,
        account: c.resource.account.as_deref(),
    };
    if let Some((comparison, findings)) = compare(error_xml, &ours) {
        report.findings.extend(findings);
        report.server = Some(comparison);
    }
}

/// A JSON string value after `"key":` (any case of the key), its escapes undone.
fn json_string(body: &str, key: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let at = lower.find(&format!("\"{}\"", key.to_ascii_lowercase()))? + key.len() + 2;
    let rest = body
        .get(at..)?
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('\u{fffd}'),
                    );
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The service's string to sign, exactly (the XML reader trims element text, and an account
/// SAS's string to sign ends with a newline).
pub fn server_string_to_sign(body: &str) -> Option<String> {
    if let Some(detail) = json_string(body, "authenticationErrorDetail") {
        let at = detail.find(STS_MARK)? + STS_MARK.len();
        let rest = detail.get(at..)?;
        return Some(rest.strip_prefix(' ').unwrap_or(rest).to_owned());
    }
    let at = body.find(STS_MARK)? + STS_MARK.len();
    let rest = body.get(at..)?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let end = rest
        .find("</AuthenticationErrorDetail>")
        .unwrap_or(rest.len());
    Some(unescape(&rest[..end]))
}

/// The error's fields: from the XML, else from the JSON form.
fn read(body: &str) -> S3Error {
    let mut error = read_error_xml(body);
    if error.code.is_none() {
        error.code = json_string(body, "code");
        error.message = error.message.or_else(|| json_string(body, "message"));
        error.authentication_error_detail = error
            .authentication_error_detail
            .or_else(|| json_string(body, "authenticationErrorDetail"));
    }
    error
}

/// `Time:2024-03-13T17:22:19.7678924Z` at the end of the service's message.
fn server_time(error: &S3Error) -> Option<crate::time::UnixTime> {
    let message = error.message.as_deref()?;
    let at = message.rfind("Time:")? + 5;
    parse_rfc3339(message.get(at..)?.split_whitespace().next()?)
}

/// Reads the body and compares. `None` for an empty body.
pub fn compare(body: &str, ours: &AzureOurs<'_>) -> Option<(ServerComparison, Vec<Finding>)> {
    if body.trim().is_empty() {
        return None;
    }
    let error = read(body);
    let theirs = server_string_to_sign(body);
    let mut findings = Vec::new();
    if error.code.is_none() && theirs.is_none() {
        findings.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Warning,
            "The error body could not be read",
            "No <Code> or <AuthenticationErrorDetail> was found. Paste the body of the service's response as it is (browser dev tools: Network, the failed request, Response), from <?xml or <Error>.",
        ));
    }
    let mut cmp = ServerComparison {
        server_time: server_time(&error),
        error: error.clone(),
        canonical_request: None,
        string_to_sign: theirs.clone(),
        canonical_request_diff: Vec::new(),
        string_to_sign_diff: Vec::new(),
        canonical_request_matches: None,
        string_to_sign_matches: None,
        first_difference: None,
        ours_label: "this page".to_owned(),
        theirs_label: "Azure Storage".to_owned(),
    };
    if let (Some(theirs), Some(mine)) = (theirs.as_deref(), ours.string_to_sign) {
        let same = theirs == mine;
        cmp.string_to_sign_matches = Some(same);
        cmp.string_to_sign_diff = diff_positional(mine, theirs, ours.line_names);
        if same {
            findings.extend(same_string_to_sign(ours));
        } else if let Some(line) = cmp
            .string_to_sign_diff
            .iter()
            .find(|l| l.kind != DiffKind::Same)
        {
            let explanation = explain(line, mine, theirs);
            cmp.first_difference = Some(explanation.clone());
            findings.push(
                Finding::new(
                    Code::ServerStringToSignDiffers,
                    Severity::Error,
                    format!(
                        "The service signed a different string: the {} differs",
                        line.part
                    ),
                    explanation,
                )
                .with("part", line.part.clone())
                .with(
                    "ours",
                    line.ours.clone().unwrap_or_else(|| "(none)".to_owned()),
                )
                .with(
                    "service",
                    line.theirs.clone().unwrap_or_else(|| "(none)".to_owned()),
                ),
            );
        }
    }
    findings.extend(explain_code(&error));
    Some((cmp, findings))
}

/// The service built our string to sign: the request arrived as modelled. Only with the key,
/// and the key signing it to `sig`, is the key proved wrong (the service holds another).
fn same_string_to_sign(ours: &AzureOurs<'_>) -> Option<Finding> {
    if ours.signature_valid != Some(true) {
        return None;
    }
    let account = ours.account.unwrap_or("this account");
    Some(
        Finding::new(
            Code::SecretMismatch,
            Severity::Error,
            format!("The key that signed the SAS is not the one {account} holds now"),
            format!("The service built exactly the string to sign computed here, and the key typed here signs it to the SAS's sig, yet the service computes another signature: the key typed here (and used to make the SAS) is not a current key of {account}. Keys are rotated, and key1 and key2 differ: make the SAS with a current key. For a user delegation SAS: the key was revoked (Revoke User Delegation Keys)."),
        )
        .with("account", account),
    )
}

fn explain(line: &DiffLine, mine: &str, theirs: &str) -> String {
    let (a, b) = (
        line.ours.as_deref().unwrap_or(""),
        line.theirs.as_deref().unwrap_or(""),
    );
    let count = |s: &str| s.split('\n').count();
    if count(mine) != count(theirs)
        && !matches!(
            line.part.as_str(),
            "signed-request-headers" | "signed-request-query"
        )
    {
        return format!("The service's string to sign has {} lines, the one computed here {}: it used the layout of another version or kind of SAS (its first line is {}). Check sv and the kind of SAS: the service builds the layout of the sv in the URL.", count(theirs), count(mine), theirs.split('\n').next().unwrap_or(""));
    }
    match line.part.as_str() {
        "canonicalized-resource" => format!("The service signed the resource \u{201c}{b}\u{201d}, this page \u{201c}{a}\u{201d}: the request reached another path than this URL names (rewritten on the way, or re-encoded: %20 vs '+', NFC vs NFD), or the SAS was made for another blob or container. Send the URL exactly as it was made."),
        "account" => format!("The service signed for the account \u{201c}{b}\u{201d}, this page for \u{201c}{a}\u{201d}: the SAS was sent to another account than it was made for."),
        part => format!("The service read {part} as \u{201c}{b}\u{201d}, this SAS has \u{201c}{a}\u{201d}: the query was changed on the way (re-encoded or edited), or the body belongs to another SAS."),
    }
}

fn explain_code(error: &S3Error) -> Option<Finding> {
    let code = error.code.as_deref()?;
    let detail_text = error
        .authentication_error_detail
        .clone()
        .unwrap_or_default();
    let message = error.message.clone().unwrap_or_default();
    let (c, detail) = match code {
        "AuthenticationFailed" => (
            Code::AzureAuthenticationFailed,
            if detail_text.starts_with("Signature did not match") {
                "The service computed another signature from the request it received. Compare its string to sign with the one computed here (below): a difference shows what changed; no difference means the key differs.".to_owned()
            } else if detail_text.contains("time frame") {
                format!("The SAS is not valid at the service's time: {detail_text} Make a SAS valid now (check st and se, and the clock of the machine that made it).")
            } else {
                format!("The service could not authenticate the SAS: {detail_text}")
            },
        ),
        "AuthorizationPermissionMismatch"
        | "AuthorizationProtocolMismatch"
        | "AuthorizationSourceIPMismatch"
        | "AuthorizationResourceTypeMismatch"
        | "AuthorizationServiceMismatch"
        | "AuthorizationFailure" => {
            let why = match code {
                "AuthorizationPermissionMismatch" => {
                    "the SAS's permissions (sp) do not allow this operation"
                }
                "AuthorizationProtocolMismatch" => "the SAS allows https only (spr)",
                "AuthorizationSourceIPMismatch" => {
                    "the request comes from an IP address outside the SAS's range (sip)"
                }
                "AuthorizationResourceTypeMismatch" => {
                    "the account SAS's resource types (srt) do not cover this resource"
                }
                "AuthorizationServiceMismatch" => {
                    "the account SAS's services (ss) do not include this service"
                }
                _ => "the account's network rules or the SAS do not allow this request",
            };
            (
                Code::AzureAuthorizationFailure,
                format!("The signature was accepted, but {why}. {message}"),
            )
        }
        other => (
            Code::AzureOtherError,
            format!("The service answered {other}: {message}"),
        ),
    };
    let mut f = Finding::new(c, Severity::Error, format!("Azure Storage: {code}"), detail)
        .with("Code", code);
    if !detail_text.is_empty() {
        f = f.with("AuthenticationErrorDetail", detail_text);
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_string_to_sign_exactly() {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.\nRequestId:2b72 Time:2024-03-13T17:22:19.7678924Z</Message><AuthenticationErrorDetail>Signature did not match. String to sign used was acct\nrl\nb\nsco\n\n2099-01-01T00:00:00Z\n\nhttps\n2021-06-08\n\n</AuthenticationErrorDetail></Error>";
        assert_eq!(
            server_string_to_sign(xml).as_deref(),
            Some("acct\nrl\nb\nsco\n\n2099-01-01T00:00:00Z\n\nhttps\n2021-06-08\n\n")
        );
        let json = r#"{"code":"AuthenticationFailed","authenticationErrorDetail":"Signature did not match. String to sign used was acct\nrwdlacupyx\nbfqt\nsco\n\n2099-08-25T22:08:04Z\n\nhttps\n2021-06-08\n\n"}"#;
        assert_eq!(
            server_string_to_sign(json).as_deref(),
            Some("acct\nrwdlacupyx\nbfqt\nsco\n\n2099-08-25T22:08:04Z\n\nhttps\n2021-06-08\n\n")
        );
        let e = read(xml);
        assert_eq!(e.code.as_deref(), Some("AuthenticationFailed"));
        assert_eq!(server_time(&e).unwrap().to_string(), "2024-03-13T17:22:19Z");
        assert_eq!(read(json).code.as_deref(), Some("AuthenticationFailed"));
    }
}
