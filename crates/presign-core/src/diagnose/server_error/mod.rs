//! What S3's XML error body shows: its own code explained, and its canonical request and
//! string to sign compared with the ones computed here. Works without the secret.

mod explain;

use crate::diagnose::diff::{diff_canonical_requests, diff_strings_to_sign, DiffKind, DiffLine};
use crate::error_body::xml::{read_error_xml, S3Error};
use crate::finding::{Code, Finding, Severity};
use crate::time::{human_duration, parse_amz_date, parse_rfc3339, UnixTime};
pub use explain::explain_code;
use explain::explain_line;
use explain::part_words;
use serde::Serialize;

/// S3's side of the story, next to ours, for the page's diff view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerComparison {
    /// The fields read from the body.
    pub error: S3Error,
    /// S3's canonical request (from `CanonicalRequestBytes` when present, else `CanonicalRequest`).
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
    /// Aligned lines, ours against S3's; empty when either side is unknown.
    pub canonical_request_diff: Vec<DiffLine>,
    pub string_to_sign_diff: Vec<DiffLine>,
    /// `Some(true)` when S3's text equals ours exactly.
    pub canonical_request_matches: Option<bool>,
    pub string_to_sign_matches: Option<bool>,
    /// The first differing line of the canonical request, explained in plain words.
    pub first_difference: Option<String>,
    pub server_time: Option<UnixTime>,
    /// Who computed the side compared with the service's: "this page", or "the SDK" (from its
    /// debug log).
    pub ours_label: String,
    /// Who answered: "S3", or another service's signing name.
    pub theirs_label: String,
}

/// What this page computed, to compare with S3's.
pub struct Ours<'a> {
    pub canonical_request: Option<&'a str>,
    pub string_to_sign: Option<&'a str>,
    pub access_key_id: Option<&'a str>,
    pub provided_signature: Option<&'a str>,
    /// With the secret: whether our signature equals the URL's.
    pub signature_valid: Option<bool>,
    pub signed_at: Option<UnixTime>,
    pub expires_at: Option<UnixTime>,
    /// Whether everything signed is visible in S3's canonical request as the values that were
    /// *signed* (only `host` among the headers, a payload hash written in the URL): only then
    /// do equal strings to sign leave the secret as the one explanation.
    pub everything_signed_visible: bool,
}

/// The words of `error-body-other-url` for urls.
const OTHER_URL: OtherRequestWords = OtherRequestWords {
    title: "The error body does not belong to this URL",
    detail: "S3 reports another access key id or signature than the URL's, so it answered a different request (another URL, or one changed on the way). Paste the body that this exact URL produced; the comparison below may not apply.",
    theirs: "S3",
    ours: "URL",
    our_signature: "X-Amz-Signature (URL)",
};

/// Reads the body and compares. `None` for an empty body.
pub fn compare(
    body: &str,
    ours: &Ours<'_>,
    now: UnixTime,
) -> Option<(ServerComparison, Vec<Finding>)> {
    if body.trim().is_empty() {
        return None;
    }
    let error = read_error_xml(body);
    let mut findings = Vec::new();
    let has_fields = error.code.is_some()
        || error.message.is_some()
        || error.string_to_sign.is_some()
        || error.canonical_request.is_some();
    if !has_fields {
        findings.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Warning,
            "The error body could not be read",
            "No <Code>, <Message>, <StringToSign> or <CanonicalRequest> was found. Paste the XML body of S3's response as it is (browser dev tools: Network, the failed request, Response), starting at <Error> or <?xml.",
        ));
    } else if error.truncated {
        findings.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Info,
            "The error body is cut off",
            "The body ends inside an element; the fields read so far are used. Paste the whole body for a full comparison (long <CanonicalRequestBytes> fields are often cut when copied).",
        ));
    }
    other_request(
        &error,
        ours.access_key_id,
        ours.provided_signature,
        &OTHER_URL,
        &mut findings,
    );
    let canonical_request = error.canonical_request_exact();
    let string_to_sign = error.string_to_sign_exact();
    let server_time = error.server_time.as_deref().and_then(parse_rfc3339);
    let mut cmp = ServerComparison {
        error: error.clone(),
        canonical_request: canonical_request.clone(),
        string_to_sign: string_to_sign.clone(),
        canonical_request_diff: Vec::new(),
        string_to_sign_diff: Vec::new(),
        canonical_request_matches: None,
        string_to_sign_matches: None,
        first_difference: None,
        server_time,
        ours_label: "this page".to_owned(),
        theirs_label: "S3".to_owned(),
    };
    if let (Some(theirs), Some(mine)) = (canonical_request.as_deref(), ours.canonical_request) {
        let same = theirs == mine;
        cmp.canonical_request_matches = Some(same);
        cmp.canonical_request_diff = diff_canonical_requests(mine, theirs);
        if !same {
            if let Some(line) = cmp
                .canonical_request_diff
                .iter()
                .find(|l| l.kind != DiffKind::Same)
            {
                let explanation = explain_line(line);
                cmp.first_difference = Some(explanation.clone());
                findings.push(
                    Finding::new(
                        Code::ServerCanonicalRequestDiffers,
                        Severity::Error,
                        format!(
                            "S3 received a different request: the {} differs",
                            part_words(&line.part)
                        ),
                        explanation,
                    )
                    .with("part", line.part.clone())
                    .with(
                        "ours",
                        line.ours.clone().unwrap_or_else(|| "(none)".to_owned()),
                    )
                    .with(
                        "s3",
                        line.theirs.clone().unwrap_or_else(|| "(none)".to_owned()),
                    ),
                );
            }
        }
    }
    if let (Some(theirs), Some(mine)) = (string_to_sign.as_deref(), ours.string_to_sign) {
        compare_string_to_sign(theirs, mine, &error, ours, &mut cmp, &mut findings);
    }
    clock_skew(&error, ours, server_time, now, &mut findings);
    if let Some(f) = explain_code(&error, ours) {
        findings.push(f);
    }
    Some((cmp, findings))
}

/// S3's string to sign against ours: equal ones leave the secret to blame (if anything is),
/// a difference names the first line that differs.
fn compare_string_to_sign(
    theirs: &str,
    mine: &str,
    error: &S3Error,
    ours: &Ours<'_>,
    cmp: &mut ServerComparison,
    findings: &mut Vec<Finding>,
) {
    let same = theirs == mine;
    cmp.string_to_sign_matches = Some(same);
    cmp.string_to_sign_diff = diff_strings_to_sign(mine, theirs);
    if same {
        secret_mismatch(error, ours, findings);
    } else {
        findings.push(string_to_sign_differs(cmp, &S3_STRING_TO_SIGN));
    }
}

/// Who compares whose string to sign, in `server-string-to-sign-differs`'s words.
pub(super) struct StringToSignWords<'a> {
    pub title: &'a str,
    /// The detail when only the canonical request's hash differs and the canonical requests
    /// were not compared.
    pub hash_detail: &'a str,
    /// The detail when the date or the credential scope differs, before the differing line.
    pub scope_detail: &'a str,
    /// The one who answered, at the start of a sentence: "S3", "The service".
    pub theirs: &'a str,
    /// Our side: "the request here", "this page", "the SDK".
    pub ours: &'a str,
    /// The evidence keys of the two sides' values.
    pub ours_key: &'a str,
    pub theirs_key: &'a str,
}

const S3_STRING_TO_SIGN: StringToSignWords<'static> = StringToSignWords {
    title: "S3's string to sign differs from the one computed here",
    hash_detail: "The hash of the canonical request differs: S3 hashed a different canonical request than the one computed here. Paste the body with <CanonicalRequest> (S3 includes it in SignatureDoesNotMatch) to see which line.",
    scope_detail: "S3 signed a different date or credential scope than the URL states, so the error body likely belongs to another URL (or the URL was changed after the error).",
    theirs: "S3",
    ours: "the request here",
    ours_key: "ours",
    theirs_key: "s3",
};

/// `server-string-to-sign-differs`, naming the first line that differs. Only a differing
/// hash, after a canonical request that differs too, is a consequence and only a warning.
pub(super) fn string_to_sign_differs(
    cmp: &ServerComparison,
    words: &StringToSignWords<'_>,
) -> Finding {
    let first = cmp
        .string_to_sign_diff
        .iter()
        .find(|l| l.kind != DiffKind::Same);
    let only_hash = cmp
        .string_to_sign_diff
        .iter()
        .all(|l| l.kind == DiffKind::Same || l.part == "canonical-request-hash");
    let (severity, detail) = if only_hash && cmp.canonical_request_matches == Some(false) {
        (Severity::Warning, "Only the hash of the canonical request differs, which follows from the canonical request difference above.".to_owned())
    } else if only_hash {
        (Severity::Error, words.hash_detail.to_owned())
    } else {
        let line = first.map_or_else(String::new, |l| {
            format!(
                " {} has {} \u{201c}{}\u{201d} where {} has \u{201c}{}\u{201d}.",
                words.theirs,
                part_words(&l.part),
                l.theirs.as_deref().unwrap_or(""),
                words.ours,
                l.ours.as_deref().unwrap_or("")
            )
        });
        (Severity::Error, format!("{}{line}", words.scope_detail))
    };
    let mut f = Finding::new(
        Code::ServerStringToSignDiffers,
        severity,
        words.title,
        detail,
    );
    if let Some(l) = first {
        f = f
            .with("part", l.part.clone())
            .with(words.ours_key, l.ours.clone().unwrap_or_default())
            .with(words.theirs_key, l.theirs.clone().unwrap_or_default());
    }
    f
}

/// Who the error body names, and whose request it is compared with, in a finding's words.
pub(super) struct OtherRequestWords {
    pub title: &'static str,
    pub detail: &'static str,
    /// Who answered: "S3", "service".
    pub theirs: &'static str,
    /// Whose access key id the body's is compared with: "URL", "form", "request".
    pub ours: &'static str,
    /// The label of our signature: "X-Amz-Signature (URL)", "signature (form)", ….
    pub our_signature: &'static str,
}

/// `error-body-other-url`: the error body names another access key id or signature than the
/// input's, so it answered another request, and the comparison may not apply.
pub(super) fn other_request(
    error: &S3Error,
    access_key_id: Option<&str>,
    provided_signature: Option<&str>,
    words: &OtherRequestWords,
    out: &mut Vec<Finding>,
) {
    let key = error
        .aws_access_key_id
        .as_deref()
        .zip(access_key_id)
        .filter(|(a, b)| a != b);
    let sig = error
        .signature_provided
        .as_deref()
        .zip(provided_signature)
        .filter(|(a, b)| a != b);
    if key.is_none() && sig.is_none() {
        return;
    }
    let mut f = Finding::new(
        Code::ErrorBodyOtherUrl,
        Severity::Warning,
        words.title,
        words.detail,
    );
    if let Some((theirs, ours)) = key {
        f = f
            .with(format!("AWSAccessKeyId ({})", words.theirs), theirs)
            .with(format!("access key id ({})", words.ours), ours);
    }
    if let Some((theirs, ours)) = sig {
        f = f
            .with(format!("SignatureProvided ({})", words.theirs), theirs)
            .with(words.our_signature, ours);
    }
    out.push(f);
}

fn secret_mismatch(error: &S3Error, ours: &Ours<'_>, out: &mut Vec<Finding>) {
    // Equal strings to sign prove only that this page modelled what S3 received; a signed
    // header's signed value or the payload hash may still differ from what was sent.
    if error.code.as_deref() != Some("SignatureDoesNotMatch") || !ours.everything_signed_visible {
        return;
    }
    let key = error
        .aws_access_key_id
        .as_deref()
        .or(ours.access_key_id)
        .unwrap_or("the access key id");
    let detail = match ours.signature_valid {
        Some(true) => format!(
            "S3 built exactly the string to sign computed here, and the secret typed here signs it to the URL's signature, yet S3 computes another: the secret typed here is not the one AWS holds for {key} (a rotated or deleted key, another account, profile or partition). Presign with the current secret of {key}."
        ),
        _ => format!(
            "S3 built exactly the string to sign computed here, yet its signature differs from the URL's: the URL was signed with a secret that is not the one S3 holds for {key}. The request itself is fine; the credentials that presigned it are wrong (a secret from another key pair or profile, a rotated key, or a typo in a hard-coded secret)."
        ),
    };
    out.push(
        Finding::new(
            Code::SecretMismatch,
            Severity::Error,
            format!("The URL was signed with a secret that does not belong to {key}"),
            detail,
        )
        .with("access-key-id", key),
    );
}

fn clock_skew(
    error: &S3Error,
    ours: &Ours<'_>,
    server_time: Option<UnixTime>,
    now: UnixTime,
    out: &mut Vec<Finding>,
) {
    let Some(server) = server_time else { return };
    // The request's own time against S3's (RequestTimeTooSkewed carries both).
    let request_time = error
        .request_time
        .as_deref()
        .and_then(|t| parse_amz_date(t).or_else(|| parse_rfc3339(t)));
    if let Some(rt) = request_time {
        let skew = rt.0.saturating_sub(server.0);
        if skew.unsigned_abs() > 60 {
            let dir = if skew > 0 { "ahead of" } else { "behind" };
            out.push(
                Finding::new(
                    Code::ClockSkew,
                    Severity::Error,
                    format!("The client's clock is {} {dir} S3's", human_duration(skew)),
                    format!("S3 read the request time as {rt} at its own time {server}. S3 allows 15 minutes of difference. Sync the clock of the machine that signs (NTP: timedatectl set-ntp true, w32tm /resync)."),
                )
                .with("request-time", rt.to_string())
                .with("server-time", server.to_string())
                .with("skew-seconds", skew.to_string()),
            );
            return;
        }
    }
    if let Some(signed) = ours.signed_at {
        let ahead = signed.0.saturating_sub(server.0);
        if ahead > 60 {
            out.push(
                Finding::new(
                    Code::ClockSkew,
                    if ahead > 900 { Severity::Error } else { Severity::Warning },
                    format!("The URL was signed {} ahead of S3's clock", human_duration(ahead)),
                    format!("X-Amz-Date is {signed} but S3's time was {server} when it answered: the clock of the machine that presigned the URL runs ahead. S3 refuses URLs that are not valid yet. Sync that machine's clock (NTP) and presign again."),
                )
                .with("X-Amz-Date", signed.to_string())
                .with("server-time", server.to_string())
                .with("skew-seconds", ahead.to_string()),
            );
            return;
        }
    }
    // This page's clock against S3's: the body was received before now, never after.
    let behind = server.0.saturating_sub(now.0);
    if behind > 900 {
        out.push(
            Finding::new(
                Code::ClockSkew,
                Severity::Warning,
                format!("This machine's clock is at least {} behind S3's", human_duration(behind)),
                format!("S3 answered at {server}, later than this machine's time {now}. Expiry checks here use this clock and are off by as much; sync it (NTP)."),
            )
            .with("server-time", server.to_string())
            .with("now", now.to_string())
            .with("skew-seconds", behind.to_string()),
        );
    }
}
