//! What an AWS service's error body shows about a header-signed request: its code and message
//! explained, and the canonical request and string to sign it expected diffed line by line
//! against the ones computed here (or the ones the SDK logged). Works without the secret.

use crate::diagnose::diff::{diff_canonical_requests, diff_strings_to_sign, DiffKind, DiffLine};
use crate::diagnose::server_error::{
    other_request, string_to_sign_differs, OtherRequestWords, ServerComparison, StringToSignWords,
};
use crate::error_body::service::{read_service_error, ClockMessage, ErrorShape, ServiceError};
use crate::error_body::xml::S3Error;
use crate::finding::{Code, Finding, Severity};
use crate::time::{human_duration, parse_rfc3339};

/// The side this page compares with the service's.
pub struct HeaderOurs<'a> {
    /// Who built `canonical_request` and `string_to_sign`, for the words: "this page" (from
    /// the pasted request) or "the SDK" (from its log).
    pub who: &'a str,
    pub canonical_request: Option<&'a str>,
    pub string_to_sign: Option<&'a str>,
    pub access_key_id: Option<&'a str>,
    pub provided_signature: Option<&'a str>,
    /// With the secret: whether it signs the string to sign to the provided signature.
    pub signature_valid: Option<bool>,
    pub region: Option<&'a str>,
    pub service: Option<&'a str>,
}

/// The words of `error-body-other-url` for requests.
const OTHER_REQUEST: OtherRequestWords = OtherRequestWords {
    title: "The error body does not belong to this request",
    detail: "The service reports another access key id or signature than this request's Authorization header, so it answered a different request. Paste the body that this exact request produced; the comparison below may not apply.",
    theirs: "service",
    ours: "request",
    our_signature: "Signature (request)",
};

/// Reads the body and compares. `None` for an empty body.
#[allow(clippy::too_many_lines)] // read, diff the canonical request, diff the string to sign
pub fn compare(body: &str, ours: &HeaderOurs<'_>) -> Option<(ServerComparison, Vec<Finding>)> {
    let error = read_service_error(body)?;
    let mut findings = Vec::new();
    let s3 = error.s3.clone().unwrap_or_default();
    let canonical_request = error
        .facts
        .canonical_request
        .clone()
        .or_else(|| s3.canonical_request_exact());
    let string_to_sign = error
        .facts
        .string_to_sign
        .clone()
        .or_else(|| s3.string_to_sign_exact());
    if error.code.is_none() && canonical_request.is_none() && !says_something(&error) {
        findings.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Warning,
            "The error body could not be read",
            "No error code, no message the page knows, no canonical string. Paste the service's response body as it is: S3's <Error> XML, the <ErrorResponse> XML of IAM, STS, SQS and other Query services, or the JSON of API Gateway, DynamoDB, Lambda and the other JSON services (with the response headers, for x-amzn-ErrorType).",
        ));
    } else if s3.truncated && error.shape == ErrorShape::S3Xml {
        findings.push(Finding::new(
            Code::ErrorBodyUnreadable,
            Severity::Info,
            "The error body is cut off",
            "The body ends inside an element; the fields read so far are used. Paste the whole body for a full comparison.",
        ));
    }
    other_request(
        &s3,
        ours.access_key_id,
        ours.provided_signature,
        &OTHER_REQUEST,
        &mut findings,
    );
    let server_time = s3
        .server_time
        .as_deref()
        .and_then(parse_rfc3339)
        .or_else(|| {
            error
                .facts
                .expired
                .as_ref()
                .and_then(ClockMessage::server_instant)
        })
        .or_else(|| {
            error
                .facts
                .not_yet_current
                .as_ref()
                .and_then(ClockMessage::server_instant)
        });
    let mut cmp = ServerComparison {
        error: S3Error {
            code: error.code.clone(),
            message: error.message.clone(),
            request_id: error.request_id.clone(),
            canonical_request: canonical_request.clone(),
            string_to_sign: string_to_sign.clone(),
            is_xml: error.shape != ErrorShape::Json && error.shape != ErrorShape::Text,
            ..s3.clone()
        },
        canonical_request: canonical_request.clone(),
        string_to_sign: string_to_sign.clone(),
        canonical_request_diff: Vec::new(),
        string_to_sign_diff: Vec::new(),
        canonical_request_matches: None,
        string_to_sign_matches: None,
        first_difference: None,
        server_time,
        ours_label: ours.who.to_owned(),
        theirs_label: match (error.shape, ours.service) {
            (ErrorShape::S3Xml, _) | (_, Some("s3" | "s3express")) => "S3".to_owned(),
            (_, Some(service)) if !service.is_empty() => service.to_owned(),
            _ => "the service".to_owned(),
        },
    };
    if let (Some(theirs), Some(mine)) = (canonical_request.as_deref(), ours.canonical_request) {
        cmp.canonical_request_matches = Some(theirs == mine);
        cmp.canonical_request_diff = diff_canonical_requests(mine, theirs);
        if let Some(line) = cmp
            .canonical_request_diff
            .iter()
            .find(|l| l.kind != DiffKind::Same)
        {
            let explanation = explain_line(line, ours.who);
            cmp.first_difference = Some(explanation.clone());
            findings.push(
                Finding::new(
                    Code::ServerCanonicalRequestDiffers,
                    Severity::Error,
                    format!(
                        "The service received a different request: the {} differs",
                        part_words(&line.part)
                    ),
                    explanation,
                )
                .with("part", line.part.clone())
                .with(
                    ours.who,
                    line.ours.clone().unwrap_or_else(|| "(none)".to_owned()),
                )
                .with(
                    "service",
                    line.theirs.clone().unwrap_or_else(|| "(none)".to_owned()),
                ),
            );
        }
    }
    if let (Some(theirs), Some(mine)) = (string_to_sign.as_deref(), ours.string_to_sign) {
        cmp.string_to_sign_matches = Some(theirs == mine);
        cmp.string_to_sign_diff = diff_strings_to_sign(mine, theirs);
        if theirs == mine {
            secret_mismatch(&error, &s3, ours, &mut findings);
        } else {
            let hash_detail = format!("The service hashed another canonical request than {}. Paste the whole body: JSON and Query services write the canonical string they expected into the message.", ours.who);
            let title = format!("The service's string to sign differs from {}'s", ours.who);
            let words = StringToSignWords {
                title: &title,
                hash_detail: &hash_detail,
                scope_detail: "The service signed another date or credential scope: the date header or the Credential was changed after signing, or the body belongs to another request.",
                theirs: "The service",
                ours: ours.who,
                ours_key: ours.who,
                theirs_key: "service",
            };
            findings.push(string_to_sign_differs(&cmp, &words));
        }
    }
    findings.extend(message_findings(&error, ours));
    findings.push(code_finding(&error, &s3));
    Some((cmp, findings))
}

fn says_something(error: &ServiceError) -> bool {
    let f = &error.facts;
    f.expired.is_some()
        || f.not_yet_current.is_some()
        || f.invalid_region.is_some()
        || f.expected_service.is_some()
        || f.bad_terminator
        || f.date_mismatch
        || f.incomplete
        || f.token_expired
        || f.token_invalid
}

fn secret_mismatch(
    error: &ServiceError,
    s3: &S3Error,
    ours: &HeaderOurs<'_>,
    out: &mut Vec<Finding>,
) {
    let mismatch_code = matches!(
        error.code.as_deref(),
        Some("SignatureDoesNotMatch" | "InvalidSignatureException")
    ) || error
        .message
        .as_deref()
        .is_some_and(|m| m.contains("does not match the signature you provided"));
    // Equal strings to sign prove that the request was modelled as the service received it,
    // not what was signed: a signed header's signed value is not in the request. Only the SDK's
    // own string to sign (what was signed), or the secret typed here signing the request to its
    // signature, leaves the secret as the one difference.
    if !mismatch_code || !(ours.who == "the SDK" || ours.signature_valid == Some(true)) {
        return;
    }
    let key = s3
        .aws_access_key_id
        .as_deref()
        .or(ours.access_key_id)
        .unwrap_or("the access key id");
    let detail = match ours.signature_valid {
        Some(true) => format!("The service built exactly the string to sign computed here, and the secret typed here signs it to the request's signature, yet the service computes another: the secret typed here is not the one AWS holds for {key} (a rotated or deleted key, another account, profile or partition)."),
        _ => format!("The service built exactly the string to sign that {} did, yet the signature differs: the request was signed with a secret that is not the one AWS holds for {key}. The request itself is fine; the credentials that signed it are wrong (another key pair's secret, a rotated key, a typo in a hard-coded secret).", ours.who),
    };
    out.push(
        Finding::new(
            Code::SecretMismatch,
            Severity::Error,
            format!("The request was signed with a secret that does not belong to {key}"),
            detail,
        )
        .with("access-key-id", key),
    );
}

fn clock_finding(code: Code, clock: &ClockMessage, expired: bool) -> Finding {
    let (request, server) = (clock.request_instant(), clock.server_instant());
    let skew = request.zip(server).map(|(r, s)| r.0 - s.0);
    let (title, how) = match (expired, skew) {
        (true, Some(s)) => (format!("The service says the signature expired: the request was dated {} before its clock", human_duration(s)), "the signing machine's clock runs behind, or the request was sent (or retried) long after it was signed"),
        (false, Some(s)) => (format!("The service says the signature is not yet current: the request was dated {} ahead of its clock", human_duration(s)), "the signing machine's clock runs ahead"),
        (true, None) => ("The service says the signature expired".to_owned(), "the signing machine's clock runs behind, or the request was sent long after it was signed"),
        (false, None) => ("The service says the signature is not yet current".to_owned(), "the signing machine's clock runs ahead"),
    };
    Finding::new(
        code,
        Severity::Error,
        title,
        format!("The service read the request date {} at its own time {} and accepts {} minutes of difference: {how}. Sync the clock of the machine that signs (NTP: timedatectl set-ntp true, w32tm /resync) and sign just before sending.", clock.request_date, clock.server_time, clock.window_minutes),
    )
    .with("request-date", clock.request_date.clone())
    .with("server-time", clock.server_time.clone())
    .with("window", format!("{} min", clock.window_minutes))
}

/// The findings the message proves by itself.
fn message_findings(error: &ServiceError, ours: &HeaderOurs<'_>) -> Vec<Finding> {
    let f = &error.facts;
    let message = error.message.clone().unwrap_or_default();
    let mut out = Vec::new();
    if let Some(clock) = &f.expired {
        out.push(clock_finding(Code::SignatureExpired, clock, true));
    }
    if let Some(clock) = &f.not_yet_current {
        out.push(clock_finding(Code::SignatureNotYetCurrent, clock, false));
    }
    if let Some(region) = &f.invalid_region {
        let region = if region.is_empty() {
            ours.region.unwrap_or("?")
        } else {
            region
        };
        out.push(
            Finding::new(
                Code::RegionMismatch,
                Severity::Error,
                format!("The service refuses the region {region} in the credential scope"),
                format!("\u{201c}{message}\u{201d} The scope's region must be the region of the endpoint the request goes to (us-east-1 for global endpoints such as iam.amazonaws.com and sts.amazonaws.com). Sign with that region, or send the request to the endpoint of {region}."),
            )
            .with("credential-region", region),
        );
    }
    if let Some(service) = &f.expected_service {
        out.push(
            Finding::new(
                Code::WrongService,
                Severity::Error,
                format!("The service expects the signing name {service}"),
                format!("\u{201c}{message}\u{201d} Sign with the service name {service} in the credential scope (not {}).", ours.service.unwrap_or("the one used")),
            )
            .with("expected", service.clone()),
        );
    }
    if f.bad_terminator {
        out.push(Finding::new(
            Code::BadTerminator,
            Severity::Error,
            "The service refuses the credential scope's terminator",
            format!("\u{201c}{message}\u{201d} The scope ends with the literal aws4_request."),
        ));
    }
    if f.date_mismatch {
        out.push(Finding::new(Code::CredentialDateMismatch, Severity::Error, "The service says the credential date is not the request's day", format!("\u{201c}{message}\u{201d} The scope's date must be the UTC day of X-Amz-Date (or Date): take both from one UTC instant.")));
    }
    if f.incomplete {
        out.push(Finding::new(Code::AuthorizationMalformed, Severity::Error, "The service could not read the Authorization header", format!("\u{201c}{message}\u{201d} The form is AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/REGION/SERVICE/aws4_request, SignedHeaders=…, Signature=…, with no space after \u{201c}=\u{201d}, and X-Amz-Date (or Date) sent.")));
    }
    if f.token_expired && error.shape != ErrorShape::S3Xml {
        out.push(Finding::new(Code::TokenExpired, Severity::Error, "The session token has expired", "The temporary credentials that signed the request (a role session, SSO, an instance profile) have expired; the signature is not the problem. Get fresh credentials (the SDK refreshes them when given a provider rather than fixed keys) and sign again.").with("Code", error.code.clone().unwrap_or_default()));
    }
    if f.token_invalid && error.shape != ErrorShape::S3Xml {
        out.push(Finding::new(Code::TokenInvalid, Severity::Error, "The service does not accept the credentials' token or key", "UnrecognizedClientException / InvalidClientTokenId: the access key id is unknown to this partition or deleted, or X-Amz-Security-Token is missing, cut off or belongs to other credentials (a temporary ASIA… key needs its own token; a long-term AKIA… key needs none). Sign with one complete set of credentials.").with("Code", error.code.clone().unwrap_or_default()));
    }
    out
}

/// The service's code in words (S3's codes keep their own `s3-*` findings).
fn code_finding(error: &ServiceError, s3: &S3Error) -> Finding {
    let code = error.code.clone().unwrap_or_else(|| "(no code)".to_owned());
    let message = error.message.clone().unwrap_or_default();
    let (c, hint) = if error.shape == ErrorShape::S3Xml {
        match code.as_str() {
            "SignatureDoesNotMatch" => (Code::S3SignatureDoesNotMatch, "S3 computed another signature from the request it received: compare its canonical request with this one below."),
            "AuthorizationHeaderMalformed" => (Code::S3AuthorizationHeaderMalformed, "The Authorization header's scope names the wrong region (S3 says which it expects) or cannot be read."),
            "InvalidAccessKeyId" => (Code::S3InvalidAccessKeyId, "S3 does not know the access key id: deleted, another partition or provider, or an ASIA… key sent without its token."),
            "ExpiredToken" => (Code::S3ExpiredToken, "The session of the temporary credentials has ended: get fresh ones and sign again."),
            "InvalidToken" => (Code::S3InvalidToken, "X-Amz-Security-Token is malformed or belongs to other credentials."),
            "RequestTimeTooSkewed" => (Code::S3RequestTimeTooSkewed, "The request's date is more than 15 minutes from S3's clock: sync the signing machine's clock."),
            "AccessDenied" => (Code::S3AccessDenied, if s3.headers_not_signed.is_some() { "S3 received x-amz-* headers that are not signed (HeadersNotSigned): sign them or stop sending them." } else { "The signature was accepted, but the signer may not do this (IAM or bucket policy, KMS, Object Ownership)." }),
            _ => (Code::S3OtherError, ""),
        }
    } else {
        let hint = match code.as_str() {
            "InvalidSignatureException" | "SignatureDoesNotMatch" => "The service computed another signature from the request it received. When the message carries the canonical string it expected, the comparison below shows the first line that differs.",
            "IncompleteSignature" | "IncompleteSignatureException" => "The Authorization header or the date header cannot be read.",
            "MissingAuthenticationToken" | "MissingAuthenticationTokenException" => "No signature reached the service (API Gateway also says this for a path or stage that does not exist).",
            "UnrecognizedClientException" | "InvalidClientTokenId" => "The access key id or the session token is not valid.",
            "ExpiredToken" | "ExpiredTokenException" => "The temporary credentials have expired.",
            "AccessDenied" | "AccessDeniedException" => "The signature was accepted; the signer's permissions do not allow this.",
            _ => "",
        };
        (Code::ServiceError, hint)
    };
    let mut f = Finding::new(
        c,
        Severity::Error,
        format!("The service answered {code}"),
        format!("{message} {hint}").trim().to_owned(),
    )
    .with("Code", code);
    if let Some(m) = &error.message {
        f = f.with("Message", m.clone());
    }
    if let Some(id) = &error.request_id {
        f = f.with("RequestId", id.clone());
    }
    f
}

fn part_words(part: &str) -> String {
    match part {
        "method" => "HTTP method".to_owned(),
        "canonical-uri" => "path (canonical URI)".to_owned(),
        "canonical-query" => "query string".to_owned(),
        "signed-headers" => "signed-headers list".to_owned(),
        "payload-hash" => "payload hash".to_owned(),
        "credential-scope" => "credential scope".to_owned(),
        "canonical-request-hash" => "canonical request hash".to_owned(),
        "date" => "date".to_owned(),
        p => p
            .strip_prefix("header ")
            .map_or_else(|| p.to_owned(), |h| format!("{h} header")),
    }
}

fn explain_line(line: &DiffLine, who: &str) -> String {
    let ours = line.ours.as_deref().unwrap_or("");
    let theirs = line.theirs.as_deref().unwrap_or("");
    let value = |l: &str| l.split_once(':').map_or(l, |(_, v)| v).to_owned();
    match line.part.as_str() {
        "method" => format!("The service received {theirs}, {who} has {ours}. The method is signed: a redirect or a proxy changed it, or the signer was given another method than the one sent."),
        "canonical-uri" => format!("The service canonicalized the path to {theirs}, {who} to {ours}. S3 signs the path as sent; every other service removes . and .. segments and empty segments and encodes the path once more (%20 becomes %2520). A signer that applies the wrong rule, a client that re-encodes the path after signing, or a proxy that rewrites it gives this."),
        "canonical-query" => format!("The service read the query as {theirs}, {who} as {ours}. Each name and value is encoded with %XX (a space is %20, never +, and / is %2F) and the pairs sorted; a library re-encoded the query after signing, or the signer did not sort or encode it."),
        "signed-headers" => format!("The service read SignedHeaders as {theirs}, {who} as {ours}: the error belongs to another request, or the Authorization header changed."),
        "payload-hash" => format!("The service used the payload hash {theirs}, {who} {ours}. The body changed after signing (re-serialized, another encoding, other line ends), or x-amz-content-sha256 was changed; hash exactly the bytes sent."),
        "header host" => format!("The Host header changed on the way: {who} has \u{201c}{}\u{201d}, the service received \u{201c}{}\u{201d}. A proxy, load balancer or custom domain forwarded the request with its own Host; sign for the host the service receives, or keep the original Host.", value(ours), value(theirs)),
        p if p.starts_with("header ") => {
            let name = p.strip_prefix("header ").unwrap_or(p);
            match line.kind {
                DiffKind::OnlyOurs => format!("The service's canonical request has no {name} header, but {who}'s does: the signed headers differ, so the error belongs to another request or SignedHeaders changed."),
                DiffKind::OnlyTheirs => format!("The service's canonical request has a {name} header that {who}'s lacks: the signed headers differ, so the error belongs to another request or SignedHeaders changed."),
                _ => format!("The service received {name}: \u{201c}{}\u{201d}, {who} has \u{201c}{}\u{201d}. The value of a signed header is part of the signature; something between the signer and the service changed it (a proxy, an HTTP library adding a charset or re-casing a value), or the signer was given another value than the one sent.", value(theirs), value(ours)),
            }
        }
        _ => format!("The canonical requests differ at {}: the service has \u{201c}{theirs}\u{201d}, {who} \u{201c}{ours}\u{201d}.", line.part),
    }
}
