//! S3's error body to a presigned POST, read and matched to what it names: the failed condition
//! (found in the form's policy and checked again here), the expiration, the extra field, the
//! size bound, the missing field, the file count, and for `SignatureDoesNotMatch` the policy text
//! S3 signed against the one posted. Other codes are explained as for any request.

use crate::diagnose::server_error::{
    explain_code, other_request, OtherRequestWords, Ours, ServerComparison,
};
use crate::error_body::xml::{read_error_xml, S3Error};
use crate::finding::{Code, Finding, Severity};
use crate::input::json::read_json;
use crate::post_policy::conditions::{read_condition, Rule};
use crate::post_policy::{size_words, FieldRole, PostReport, PostVersion};
use crate::time::{parse_rfc3339, UnixTime};

/// What this inspection worked out, to compare with S3's answer.
pub struct PostOurs<'a> {
    pub post: &'a PostReport,
    pub access_key_id: Option<&'a str>,
    pub provided_signature: Option<&'a str>,
    /// With the secret: whether the signature computed here equals the form's.
    pub signature_valid: Option<bool>,
    pub now: UnixTime,
}

/// The words of `error-body-other-url` for forms.
const OTHER_FORM: OtherRequestWords = OtherRequestWords {
    title: "The error body does not belong to this form",
    detail: "S3 reports another access key id or signature than the form's, so it answered another POST. Paste the body this exact form produced; the comparison may not apply.",
    theirs: "S3",
    ours: "form",
    our_signature: "signature (form)",
};

/// Reads the body and compares; `None` for an empty body.
pub fn compare(body: &str, ours: &PostOurs<'_>) -> Option<(ServerComparison, Vec<Finding>)> {
    if body.trim().is_empty() {
        return None;
    }
    let error = read_error_xml(body);
    let mut out = Vec::new();
    if error.code.is_none() && error.message.is_none() {
        out.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Warning,
            "The error body could not be read",
            "No <Code> or <Message> was found. Paste the XML body of S3's answer to the POST as it is (browser developer tools: Network, the failed request, Response).",
        ));
    }
    other_request(
        &error,
        ours.access_key_id,
        ours.provided_signature,
        &OTHER_FORM,
        &mut out,
    );
    let string_to_sign = error.string_to_sign_exact();
    let policy = ours.post.policy.as_ref().map(|p| p.base64.as_str());
    let matches = string_to_sign
        .as_deref()
        .zip(policy)
        .map(|(s3, ours)| s3 == ours);
    let comparison = ServerComparison {
        error: error.clone(),
        canonical_request: None,
        string_to_sign: string_to_sign.clone(),
        canonical_request_diff: Vec::new(),
        string_to_sign_diff: Vec::new(),
        canonical_request_matches: None,
        string_to_sign_matches: matches,
        first_difference: None,
        server_time: error.server_time.as_deref().and_then(parse_rfc3339),
        ours_label: "this page".to_owned(),
        theirs_label: "S3".to_owned(),
    };
    let message = error.message.clone().unwrap_or_default();
    let finding = match error.code.as_deref() {
        Some("AccessDenied") if message.contains("Policy Condition failed") => Some(condition_failed(&message, ours)),
        Some("AccessDenied") if message.contains("Policy expired") => Some(expired(ours)),
        Some("AccessDenied") if message.contains("Extra input fields") => Some(extra_fields(&message, ours)),
        Some("EntityTooLarge") => Some(size_bound(&error, ours, true)),
        Some("EntityTooSmall") => Some(size_bound(&error, ours, false)),
        Some("InvalidArgument") if message.contains("must contain a field named") => Some(missing_field(&error, &message, ours)),
        Some("IncorrectNumberOfFilesInPostRequest") => Some(Finding::new(
            Code::S3IncorrectNumberOfFiles,
            Severity::Error,
            "S3: IncorrectNumberOfFilesInPostRequest",
            "S3 found no file, or more than one, in the POST. Send exactly one part named file, with a file in it, as the last field of the form (an <input type=\"file\" name=\"file\">, or FormData.append(\"file\", file) last).",
        )),
        Some("SignatureDoesNotMatch") => {
            signature(&error, matches, ours, &mut out);
            Some(Finding::new(
                Code::S3SignatureDoesNotMatch,
                Severity::Error,
                "S3: SignatureDoesNotMatch",
                "S3 signed the policy it received with the secret it holds for the access key (SigV4: with the date, region and service of x-amz-credential) and got another signature. Either the policy changed after signing (compare S3's StringToSign with the policy field), or it was signed with another secret, date or region.",
            ))
        }
        Some(code @ ("RequestIsNotMultiPartContent" | "MalformedPOSTRequest" | "MaxPostPreDataLengthExceededError" | "InvalidPolicyDocument")) => {
            let hint = match code {
                "RequestIsNotMultiPartContent" => "S3 reads a POST upload only as multipart/form-data: add enctype=\"multipart/form-data\" to the form, or send a FormData with fetch (and no Content-Type header of your own).",
                "MalformedPOSTRequest" => "S3 could not read the multipart body: a boundary that does not match the Content-Type header, or a body cut off. Let the browser or curl -F build the body.",
                "MaxPostPreDataLengthExceededError" => "The fields before the file are larger than S3 allows (20 KB): remove long fields, or move what is not needed after the file.",
                _ => "S3 could not read the policy: it is not base64 of a JSON document with expiration and conditions, or a condition is malformed. Send the policy the SDK returned, unchanged.",
            };
            Some(Finding::new(Code::S3OtherError, Severity::Error, format!("S3: {code}"), format!("{hint} ({message})")).with("Code", code))
        }
        _ => explain_code(&error, &url_ours(ours)),
    };
    out.extend(finding.map(|f| with_message(f, &error)));
    Some((comparison, out))
}

/// The fields of the URL comparison that apply to a POST.
fn url_ours<'a>(ours: &PostOurs<'a>) -> Ours<'a> {
    Ours {
        canonical_request: None,
        string_to_sign: ours.post.policy.as_ref().map(|p| p.base64.as_str()),
        access_key_id: ours.access_key_id,
        provided_signature: ours.provided_signature,
        signature_valid: ours.signature_valid,
        signed_at: None,
        expires_at: ours.post.policy.as_ref().and_then(|p| p.expiration),
        // S3's string to sign is the whole policy: nothing signed is hidden from it.
        everything_signed_visible: true,
    }
}

fn with_message(mut f: Finding, error: &S3Error) -> Finding {
    for (label, value) in [
        ("Code", &error.code),
        ("Message", &error.message),
        ("RequestId", &error.request_id),
    ] {
        if let Some(v) = value {
            if !f.evidence.iter().any(|e| e.label == label) {
                f = f.with(label, v.clone());
            }
        }
    }
    f
}

/// `Invalid according to Policy: Policy Condition failed: ["eq", "$acl", "public-read"]`.
fn condition_failed(message: &str, ours: &PostOurs<'_>) -> Finding {
    let quoted = message
        .find('[')
        .and_then(|i| message.get(i..))
        .unwrap_or("");
    let quoted = quoted.trim_end().trim_end_matches('.');
    let rule = read_json(quoted)
        .ok()
        .and_then(|r| read_condition(0, &r.value).ok())
        .and_then(|c| c.into_iter().next())
        .map(|c| c.rule);
    let same = |a: &Rule, b: &Rule| match (a, b) {
        (
            Rule::Eq {
                field: f1,
                value: v1,
            },
            Rule::Eq {
                field: f2,
                value: v2,
            },
        )
        | (
            Rule::StartsWith {
                field: f1,
                prefix: v1,
            },
            Rule::StartsWith {
                field: f2,
                prefix: v2,
            },
        ) => f1.eq_ignore_ascii_case(f2) && v1 == v2,
        _ => a == b,
    };
    let row = rule
        .as_ref()
        .and_then(|r| ours.post.conditions.iter().find(|c| same(&c.rule, r)));
    let detail = match (row, &ours.post.policy) {
        (Some(row), _) => format!(
            "S3 names condition {} of the policy: {}. Checked here: {}. Send the value the policy allows (the field exactly as the SDK returned it, before the file), or generate the POST with the value you send.",
            row.index, row.sentence, row.detail
        ),
        (None, Some(_)) => "The form's policy has no such condition: the error belongs to another POST, or the policy changed since. Paste the form that produced this error.".to_owned(),
        (None, None) => "S3 names the condition of the policy that the form did not meet. Paste the form too to see which field and value.".to_owned(),
    };
    Finding::new(
        Code::S3PolicyConditionFailed,
        Severity::Error,
        format!("S3: the policy condition {quoted} failed"),
        detail,
    )
    .with("condition", quoted)
}

fn expired(ours: &PostOurs<'_>) -> Finding {
    let expiration = ours.post.policy.as_ref().and_then(|p| p.expiration);
    let detail = match expiration {
        Some(t) if t <= ours.now => format!("The policy expired at {t}. Generate a new presigned POST and use it before its expiration."),
        Some(t) => format!("The policy's expiration is {t}, which is still ahead by this machine's clock ({}). S3 judged it by its own clock when the POST arrived: the form was sent after that time, this machine's clock is behind, or the POST sent was an older one. Generate a new POST and send it at once; check the clocks.", ours.now),
        None => "S3 says the policy's expiration has passed. Generate a new presigned POST and use it before it expires.".to_owned(),
    };
    let mut f = Finding::new(
        Code::S3PolicyExpired,
        Severity::Error,
        "S3: Policy expired",
        detail,
    );
    if let Some(t) = expiration {
        f = f.with("expiration", t.to_string());
    }
    f
}

fn extra_fields(message: &str, ours: &PostOurs<'_>) -> Finding {
    let names = message
        .split("Extra input fields:")
        .nth(1)
        .unwrap_or("")
        .trim()
        .trim_end_matches('.')
        .to_owned();
    let uncovered: Vec<&str> = ours
        .post
        .fields
        .iter()
        .filter(|f| f.role == FieldRole::NoCondition)
        .map(|f| f.name.as_str())
        .collect();
    let here = if uncovered.is_empty() {
        String::new()
    } else {
        format!(" Here, no condition covers: {}.", uncovered.join(", "))
    };
    Finding::new(
        Code::S3ExtraInputFields,
        Severity::Error,
        format!("S3: no condition covers the field {names}"),
        format!("Every field before the file needs a condition in the policy (x-amz-signature, policy, file and x-ignore-* excepted); S3 names the first one without.{here} Remove such fields, or generate the POST with a condition for each field you send."),
    )
    .with("fields", names)
}

fn size_bound(error: &S3Error, ours: &PostOurs<'_>, too_large: bool) -> Finding {
    let proposed = error
        .proposed_size
        .as_deref()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let bound = if too_large {
        &error.max_size_allowed
    } else {
        &error.min_size_allowed
    };
    let bound = bound.as_deref().and_then(|s| s.trim().parse::<u64>().ok());
    let range = ours.post.conditions.iter().find_map(|c| match c.rule {
        Rule::ContentLengthRange { min, max } => Some((c.index, min, max)),
        _ => None,
    });
    let sizes = match (proposed, bound) {
        (Some(p), Some(b)) => format!(
            " S3 received {} and allows {} {}.",
            size_words(p),
            if too_large { "at most" } else { "at least" },
            size_words(b)
        ),
        _ => String::new(),
    };
    let policy = range.map_or_else(String::new, |(i, min, max)| {
        format!(
            " The policy's condition {i} allows {}\u{2013}{}.",
            size_words(min),
            size_words(max)
        )
    });
    let (code, title, change) = if too_large {
        (
            Code::S3EntityTooLarge,
            "S3: EntityTooLarge, the file is larger than the policy allows",
            "Upload a smaller file, or generate the POST with a larger content-length-range.",
        )
    } else {
        (Code::S3EntityTooSmall, "S3: EntityTooSmall, the file is smaller than the policy allows", "Check that the file is sent (an empty file part is 0 bytes), or generate the POST with a lower minimum.")
    };
    let mut f = Finding::new(
        code,
        Severity::Error,
        title,
        format!(
            "{}{sizes}{policy} {change}",
            if too_large {
                "The upload exceeds the policy's content-length-range."
            } else {
                "The upload is below the policy's content-length-range."
            }
        ),
    );
    if let Some(p) = proposed {
        f = f.with("ProposedSize", p.to_string());
    }
    f
}

fn missing_field(error: &S3Error, message: &str, ours: &PostOurs<'_>) -> Finding {
    let name = error
        .argument_name
        .clone()
        .or_else(|| message.split('\'').nth(1).map(str::to_owned))
        .unwrap_or_default();
    let after = ours
        .post
        .fields
        .iter()
        .any(|f| f.role == FieldRole::AfterFile && f.name.eq_ignore_ascii_case(&name));
    let detail = if after {
        format!("The form has {name}, but after the file: S3 stops reading at the file. Put the file last.")
    } else if ours
        .post
        .fields
        .iter()
        .any(|f| f.name.eq_ignore_ascii_case(&name))
    {
        format!("The form pasted here has {name} before the file, so S3 answered another form (or the field was lost on the way, e.g. a FormData built with the file first).")
    } else {
        format!("S3 needs the field {name} before the file. Send every field the SDK returned, then the file last.")
    };
    Finding::new(
        Code::S3MissingFormField,
        Severity::Error,
        format!("S3: the POST has no field {name}"),
        detail,
    )
    .with("field", name)
}

/// `SignatureDoesNotMatch`: S3's string to sign (the policy it read) against the form's policy.
fn signature(error: &S3Error, matches: Option<bool>, ours: &PostOurs<'_>, out: &mut Vec<Finding>) {
    match matches {
        Some(false) => out.push(Finding::new(
            Code::ServerStringToSignDiffers,
            Severity::Error,
            "S3 read another policy than the form's",
            "S3's StringToSign is the policy it received, and it differs from the policy field here: the policy was changed on the way (re-encoded, wrapped, trimmed), or the body belongs to another form. Send the policy field exactly as the SDK returned it.",
        )),
        Some(true) if ours.signature_valid == Some(true) || ours.post.version == PostVersion::SigV2 => {
            let key = error.aws_access_key_id.as_deref().or(ours.access_key_id).unwrap_or("the access key id");
            let detail = if ours.signature_valid == Some(true) {
                format!("S3 read exactly the policy posted, and the secret typed here signs it to the form's signature, yet S3 computes another: the secret typed here is not the one AWS holds for {key} (a rotated or deleted key, another account or profile). Generate the POST with the current secret of {key}.")
            } else {
                format!("S3 read exactly the policy posted, yet its signature differs from the form's: the POST was signed with a secret that is not the one S3 holds for {key} (or, with SigV4, for another date or region than x-amz-credential states). The form itself is fine; the credentials that signed it are wrong.")
            };
            out.push(Finding::new(Code::SecretMismatch, Severity::Error, format!("The form was signed with a secret that does not belong to {key}"), detail).with("access-key-id", key));
        }
        // SigV4 without the secret: the key may have been derived for another date or region
        // than x-amz-credential states, which the policy text does not show.
        Some(true) | None => {}
    }
}
