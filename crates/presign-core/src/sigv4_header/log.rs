//! An SDK debug log as "what the client signed": its canonical request and string to sign,
//! checked against each other, against the request the log shows being sent (re-signed here by
//! the rules), against the service's error body, and with the secret against the logged
//! signature.

use super::request::{from_http, from_log, RequestSource, SignedRequest};
use super::{pipeline, Context, HeaderInspection};
use crate::crypto::{constant_time_eq, sha256};
use crate::diagnose::aws_error::{self, HeaderOurs};
use crate::diagnose::{header_auth, header_content, sdk_log, verdict};
use crate::encode::hex;
use crate::input::sdk_log::{parse_sdk_log, SigningBlock};
use crate::report::{DecodedField, Family, FieldStyle, Report, Signing, SigningStep};
use crate::sigv4::authorization::{parse_authorization, AUTHORIZATION};
use crate::sigv4::header_request::{DateSource, RequestDate};
use crate::sigv4::params::CredentialScope;
use crate::time::parse_amz_date;

/// The lines of a string to sign: algorithm, date, scope, hash.
fn sts_lines(sts: &str) -> Vec<&str> {
    sts.split('\n').collect()
}

/// The credential scope a string to sign names (its access key id unknown).
fn scope_of(sts: &str) -> Option<CredentialScope> {
    let scope = *sts_lines(sts).get(2)?;
    CredentialScope::parse(&format!("?/{scope}"))
}

/// Inspects a pasted debug log.
pub fn inspect_log(text: &str, ctx: &mut Context<'_>) -> Report {
    let log = parse_sdk_log(text);
    let block = log
        .blocks
        .iter()
        .rev()
        .find(|b| b.canonical_request.is_some() || b.string_to_sign.is_some());
    let mut requests: Vec<SignedRequest> = log.requests.iter().filter_map(from_log).collect();
    requests.extend(log.raw_requests.iter().map(from_http));
    // The request signed by this block: the one whose Authorization carries its signature.
    let signed_by = |r: &SignedRequest| {
        let sig = r
            .header(AUTHORIZATION)
            .and_then(|a| parse_authorization(a).signature);
        block
            .and_then(|b| b.signature.as_deref())
            .is_some_and(|s| sig.as_deref() == Some(s))
    };
    let request = requests
        .iter()
        .rev()
        .find(|r| signed_by(r))
        .or_else(|| requests.last());
    let mut report = match request {
        Some(r) => pipeline::inspect_request(r, block, ctx),
        None => client_only(block, ctx),
    };
    let mut problems = block.map(consistency).unwrap_or_default();
    if let (Some(b), Some(r)) = (block, request) {
        let auth = r.header(AUTHORIZATION).map(parse_authorization);
        if let (Some(logged), Some(sent)) = (
            b.signature.as_deref(),
            auth.as_ref().and_then(|a| a.signature.as_deref()),
        ) {
            if logged != sent {
                problems.push((
                    "signature".to_owned(),
                    format!(
                        "the log's Signature {logged} is not the Authorization header's {sent}"
                    ),
                ));
            }
        }
    }
    report.findings.extend(sdk_log::inconsistent(problems));
    report
        .findings
        .extend(header_content::unreadable(&log.notes));
    let signings = log.blocks.len();
    if signings > 1 {
        report.decoded.push(
            DecodedField::new(
                "Signings in the log",
                signings.to_string(),
                FieldStyle::Text,
            )
            .note("Each retry signs again; the last signing is used."),
        );
    }
    verdict::finish(&mut report, ctx.inputs.secret.is_some());
    report
}

/// The log's own parts against each other.
fn consistency(block: &SigningBlock) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let (Some(creq), Some(sts)) = (&block.canonical_request, &block.string_to_sign) else {
        return problems;
    };
    let lines = sts_lines(sts);
    let hash = hex(&sha256(creq.as_bytes()));
    if lines.get(3) != Some(&hash.as_str()) {
        problems.push((
            "canonical request hash".to_owned(),
            format!(
                "the string to sign ends with {}, but the canonical request hashes to {hash}",
                lines.get(3).unwrap_or(&"(nothing)")
            ),
        ));
    }
    let dated = creq.lines().find_map(|l| l.strip_prefix("x-amz-date:"));
    if let (Some(dated), Some(date)) = (dated, lines.get(1)) {
        if dated.trim() != *date {
            problems.push(("date".to_owned(), format!("the canonical request's x-amz-date is {dated}, the string to sign's date {date}")));
        }
    }
    problems
}

/// A log with no request: what the SDK signed, verified with the secret and compared with the
/// error body.
fn client_only(block: Option<&SigningBlock>, ctx: &mut Context<'_>) -> Report {
    let mut report = Report::new(ctx.now);
    report.family = Some(Family::Sigv4Header);
    let Some(block) = block else {
        return report;
    };
    let sts = block.string_to_sign.as_deref();
    let scope = sts.and_then(scope_of);
    let date_text = sts.and_then(|s| sts_lines(s).get(1).map(|d| (*d).to_owned()));
    let mut rows = vec![DecodedField::new(
        "Read from",
        "an SDK debug log (what the client signed)",
        FieldStyle::Text,
    )];
    if let Some(scope) = &scope {
        rows.push(DecodedField::new(
            "Credential scope",
            scope.scope(),
            FieldStyle::Code,
        ));
        let date = date_text.as_ref().map(|d| RequestDate {
            source: DateSource::XAmzDate,
            value: d.clone(),
            amz_date: parse_amz_date(d).map(|_| d.clone()),
            instant: parse_amz_date(d),
        });
        let window = header_auth::clock_window(&scope.service);
        report.findings.extend(header_auth::date_checks(
            date.as_ref(),
            Some(scope),
            window,
            &scope.service,
            ctx.now,
        ));
    }
    let mut computed = None;
    let secret = ctx.inputs.secret.as_ref().filter(|s| !s.is_empty());
    if let (Some(secret), Some(scope), Some(sts)) = (secret, &scope, sts) {
        let signature = ctx.keys.key_for(secret, scope).sign_text(sts);
        if let Some(logged) = block.signature.as_deref() {
            report.findings.push(if constant_time_eq(signature.as_bytes(), logged.as_bytes()) {
                verdict::signature_valid("Signing the SDK's string to sign with the secret gives the signature it logged: the SDK signed with this secret.", logged)
            } else {
                verdict::signature_mismatch("Signing the SDK's string to sign with the secret typed here gives another signature than the SDK logged. The string to sign fixes everything but the secret, so the SDK signed with another secret than this one (another profile, environment variable, or a key rotated since). Which of the two AWS holds for the access key id, the log does not say.", logged, Some(&signature))
            });
        }
        computed = Some(signature);
    }
    let ours = HeaderOurs {
        who: "the SDK",
        canonical_request: block.canonical_request.as_deref(),
        string_to_sign: sts,
        access_key_id: None,
        provided_signature: block.signature.as_deref(),
        signature_valid: computed
            .as_deref()
            .zip(block.signature.as_deref())
            .map(|(c, l)| c == l),
        region: scope.as_ref().map(|s| s.region.as_str()),
        service: scope.as_ref().map(|s| s.service.as_str()),
    };
    if let Some((comparison, found)) = aws_error::compare(&ctx.inputs.error_xml, &ours) {
        report.findings.extend(found);
        report.server = Some(comparison);
    }
    let step = |id: &str, title: &str, text: &str| SigningStep {
        id: id.to_owned(),
        title: title.to_owned(),
        text: text.to_owned(),
    };
    let mut steps = Vec::new();
    if let Some(c) = &block.canonical_request {
        steps.push(step(
            "sdk-canonical-request",
            "Canonical request the SDK logged",
            c,
        ));
    }
    if let Some(s) = sts {
        steps.push(step(
            "sdk-string-to-sign",
            "String to sign the SDK logged",
            s,
        ));
    }
    report.signing = Some(Signing {
        steps,
        provided_in: "In the SDK's log".to_owned(),
        provided: block.signature.clone(),
        computed: computed.clone(),
    });
    report.decoded = rows;
    report.sigv4_header = Some(client_inspection(block, computed));
    report
}

/// The structured part of a log without a request: what the SDK signed, and the signature the
/// secret gives for it.
fn client_inspection(block: &SigningBlock, computed: Option<String>) -> HeaderInspection {
    HeaderInspection {
        source: RequestSource::SdkLog,
        request_line: String::new(),
        method: String::new(),
        url: String::new(),
        host: String::new(),
        headers: Vec::new(),
        body_text: None,
        authorization: None,
        rules: None,
        date: None,
        payload: None,
        body_sha256: None,
        body_length: None,
        canonical_request: None,
        canonical_request_text: None,
        string_to_sign_text: None,
        missing_signed_headers: Vec::new(),
        provided_signature: block.signature.clone(),
        computed_signature: computed,
        chunks: Vec::new(),
        client: Some(block.clone()),
        client_diff: Vec::new(),
    }
}
