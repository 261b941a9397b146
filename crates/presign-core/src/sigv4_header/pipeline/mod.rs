//! The pipeline of a header-signed request: read the Authorization header, date the request,
//! hash the payload, build the canonical request with the service's path rules, sign with the
//! secret when given, and collect what every check and the service's error body show.

mod steps;

use super::request::{from_curl, SignedRequest};
use super::{fields, Context};
use crate::aws_host::service_host;
use crate::crypto::constant_time_eq;
use crate::diagnose::secret::{self, KeyRules};
use crate::diagnose::{header_auth, header_content, verdict};
use crate::endpoint::Provider;
use crate::input::curl::CurlRequest;
use crate::input::sdk_log::SigningBlock;
use crate::inspect::Inputs;
use crate::report::{Family, Report, Validity};
use crate::sigv4::authorization::{parse_authorization, AUTHORIZATION};
use crate::sigv4::header_request::{
    header_canonical_request, request_date, PathRules, PayloadSource, STREAMING_HMAC_PAYLOAD,
};
use crate::sigv4::params::X_AMZ_SIGNATURE;
use crate::sigv4::signature::SigningKey;
use crate::sigv4::streaming::check_chunks;
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4::verify::service_rules;
use crate::types::{HttpMethod, Secret};
use crate::ReportDetail;
use steps::compare_with_client;
use steps::compare_with_service;
use steps::new_inspection;
use steps::read_payload;
use steps::s3_endpoint;

/// A raw request with no Authorization header but a presigned query: the URL families read it.
/// Returns the inputs for `inspect_with` (the URL from the Host and target, the method and the
/// headers as sent).
pub fn presigned_inside(request: &SignedRequest, inputs: &Inputs) -> Option<Inputs> {
    if request.sends(AUTHORIZATION) {
        return None;
    }
    let presigned = request.raw_query.split('&').any(|pair| {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        name.eq_ignore_ascii_case(X_AMZ_SIGNATURE) || name == "Signature"
    });
    if !presigned || request.host.is_empty() {
        return None;
    }
    let mut headers = String::new();
    for h in &request.headers {
        headers.push_str(&h.name);
        headers.push_str(": ");
        headers.push_str(&h.value);
        headers.push('\n');
    }
    Some(Inputs {
        url: request.url(),
        method: HttpMethod::parse(&request.method).or(inputs.method),
        headers,
        ..inputs.clone()
    })
}

/// A header-signed curl command: its request, or curl's own signing (`--aws-sigv4`).
pub fn inspect_curl(curl: &CurlRequest, ctx: &mut Context<'_>) -> Report {
    let Some(request) = from_curl(curl) else {
        let mut report = Report::new(ctx.now);
        report.family = Some(Family::Sigv4Header);
        report
            .findings
            .extend(header_content::unreadable(&curl.notes));
        report.findings.push(header_auth::missing_authorization());
        verdict::finish(&mut report, ctx.inputs.secret.is_some());
        return report;
    };
    if let (Some(provider), false) = (&curl.aws_sigv4, request.sends(AUTHORIZATION)) {
        return curl_signs(&request, provider, curl.user_name.as_deref(), ctx);
    }
    inspect_request(&request, None, ctx)
}

/// `curl --aws-sigv4 aws:amz:REGION:SERVICE`: no signature yet; the scope curl will use is
/// checked against the host.
fn curl_signs(
    request: &SignedRequest,
    provider: &str,
    user: Option<&str>,
    ctx: &Context<'_>,
) -> Report {
    let mut report = Report::new(ctx.now);
    report.family = Some(Family::Sigv4Header);
    let parts: Vec<&str> = provider.split(':').collect();
    let (region, service) = (parts.get(2).copied(), parts.get(3).copied());
    report
        .findings
        .push(header_content::curl_aws_sigv4(provider, service, user));
    if let (Some(region), Some(service)) = (region, service) {
        let scope = crate::sigv4::params::CredentialScope {
            access_key_id: user.unwrap_or_default().to_owned(),
            date: ctx.now.scope_date(),
            region: region.to_owned(),
            service: service.to_owned(),
            terminator: "aws4_request".to_owned(),
        };
        let endpoint = s3_endpoint(request);
        let host = service_host(&request.host);
        report.findings.extend(
            header_auth::scope_checks(&scope, endpoint.as_ref(), host.as_ref())
                .into_iter()
                .filter(|f| f.code != crate::Code::BadTerminator),
        );
    }
    report.decoded = fields::curl_fields(request, provider);
    verdict::finish(&mut report, ctx.inputs.secret.is_some());
    report
}

/// Inspects a header-signed request. `client` is what an SDK logged it signed, when known.
#[allow(clippy::too_many_lines)] // one step after another, each a few lines
pub fn inspect_request(
    request: &SignedRequest,
    client: Option<&SigningBlock>,
    ctx: &mut Context<'_>,
) -> Report {
    let inputs = ctx.inputs;
    let mut report = Report::new(ctx.now);
    report.family = Some(Family::Sigv4Header);
    let mut notes = request.notes.clone();
    let mut inspection = new_inspection(request, client);
    let values: Vec<&str> = request.values(AUTHORIZATION).collect();
    let Some(first) = values.first() else {
        report.findings.extend(header_content::unreadable(&notes));
        report.findings.push(header_auth::missing_authorization());
        report.decoded = fields::decoded(&inspection, None, request);
        report.sigv4_header = Some(inspection);
        verdict::finish(&mut report, inputs.secret.is_some());
        return report;
    };
    if values.len() > 1 {
        notes.push(format!(
            "the Authorization header is sent {} times; the first is read (AWS refuses the request)",
            values.len()
        ));
    }
    let auth = parse_authorization(first);
    report
        .findings
        .extend(header_auth::authorization_problems(&auth));
    let scope = auth.credential.clone();
    let service = scope.as_ref().map_or("", |s| s.service.as_str());
    let s3 = matches!(service, "s3" | "s3express" | "s3-object-lambda");
    let (mode, normalization) = service_rules(service);
    let rules = PathRules {
        mode,
        normalization,
    };
    let endpoint = s3_endpoint(request);
    let host = service_host(&request.host);
    if let Some(scope) = &scope {
        report.findings.extend(header_auth::scope_checks(
            scope,
            endpoint.as_ref(),
            host.as_ref(),
        ));
        report.findings.extend(header_auth::token_checks(
            scope,
            &auth,
            request.sends("x-amz-security-token"),
            s3,
        ));
    }
    let date = request_date(|name| request.header(name));
    let window = header_auth::clock_window(service);
    report.findings.extend(header_auth::date_checks(
        date.as_ref(),
        scope.as_ref(),
        window,
        service,
        ctx.now,
    ));
    let sent = request.header_pairs();
    report
        .findings
        .extend(header_content::signed_header_checks(&auth, &sent, s3));

    // The payload: x-amz-content-sha256 as sent, else the body's hash.
    let (payload, aws_chunks) = read_payload(
        request,
        inputs,
        client,
        &mut notes,
        &mut inspection,
        s3,
        &mut report,
    );
    report.findings.extend(header_content::unreadable(&notes));

    // The canonical request, the string to sign, and the signature with the secret.
    let (canonical_request, missing) = header_canonical_request(
        &request.method,
        &request.raw_path,
        &request.raw_query,
        &auth.signed_headers,
        &sent,
        &payload.value,
        rules,
    );
    let canonical_text = canonical_request.text();
    let amz_date = date.as_ref().and_then(|d| d.amz_date.clone());
    let string_to_sign = scope.as_ref().zip(amz_date.as_deref()).map(|(scope, d)| {
        StringToSign::from_canonical_text(d, &scope.scope(), &canonical_text).text()
    });
    let secret = inputs.secret.as_ref().filter(|s| !s.is_empty());
    let mut signing_key = None;
    if let (Some(secret), Some(scope), Some(sts)) = (secret, &scope, &string_to_sign) {
        if auth.is_checkable() {
            let key = ctx.keys.key_for(secret, scope);
            let computed = key.sign_text(sts);
            let provided = auth.signature.clone().unwrap_or_default();
            if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
                report.findings.push(verdict::signature_valid(
                    "Re-signing this request with the secret gives exactly the signature in its Authorization header: the method, path, query, signed headers and payload are what was signed.",
                    &provided,
                ));
            } else if payload.source != PayloadSource::Unknown {
                report.findings.push(verdict::signature_mismatch(
                    "Re-signing this request with the secret gives another signature than its Authorization header's, so the service answers SignatureDoesNotMatch (InvalidSignatureException for JSON services). The request as pasted is not what was signed, or another secret signed it: compare the canonical request below with the one the service expected (paste its error body) or the one the SDK logged.",
                    &provided,
                    Some(&computed),
                ));
                let rules = if host.is_some()
                    || endpoint
                        .as_ref()
                        .is_some_and(|e| e.provider == Provider::AwsS3)
                {
                    KeyRules::Aws
                } else {
                    KeyRules::Other
                };
                report
                    .findings
                    .extend(secret::findings(secret.expose(), rules, |candidate| {
                        let key = SigningKey::for_scope(&Secret::new(candidate), scope);
                        constant_time_eq(key.sign_text(sts).as_bytes(), provided.as_bytes())
                    }));
                let signing = super::search::Signing {
                    canonical_request: &canonical_request,
                    scope,
                    amz_date: amz_date.as_deref().unwrap_or_default(),
                    key: &key,
                    provided: &provided,
                };
                let (search, found) = super::search::search(request, &signing, inputs);
                report.findings.extend(found);
                report.root_cause = Some(search);
            }
            if let (Some(chunks), true) = (&aws_chunks, payload.value == STREAMING_HMAC_PAYLOAD) {
                inspection.chunks = check_chunks(
                    chunks,
                    &key,
                    amz_date.as_deref().unwrap_or_default(),
                    &scope.scope(),
                    &provided,
                );
                report
                    .findings
                    .extend(header_content::chunk_signatures(&inspection.chunks));
            }
            if ctx.detail == ReportDetail::Full {
                signing_key = Some(key.to_hex());
            }
            inspection.computed_signature = Some(computed);
        }
    }
    if let Some(block) = client {
        let body_hash = (payload.source == PayloadSource::Body).then_some(payload.value.as_str());
        compare_with_client(
            block,
            &canonical_text,
            body_hash,
            &mut inspection,
            &mut report,
        );
    }

    compare_with_service(
        inputs,
        client,
        (&canonical_text, string_to_sign.as_deref()),
        &auth,
        &inspection,
        &mut report,
    );

    if let Some(instant) = date.as_ref().and_then(|d| d.instant) {
        let expires_at = instant.checked_add(window.seconds);
        report.validity = Some(Validity {
            signed_at: instant,
            expires_at,
            now: ctx.now,
            seconds_left: expires_at.map(|t| t.0.saturating_sub(ctx.now.0)),
        });
    }
    inspection.rules = Some(rules);
    inspection.date = date;
    inspection.payload = Some(payload);
    inspection.missing_signed_headers = missing;
    inspection.provided_signature.clone_from(&auth.signature);
    inspection.string_to_sign_text = string_to_sign;
    inspection.canonical_request_text = Some(canonical_text);
    inspection.canonical_request = Some(canonical_request);
    report.decoded = fields::decoded(&inspection, Some(&auth), request);
    inspection.authorization = Some(auth);
    report.signing = Some(fields::signing(&inspection, signing_key.as_ref()));
    report.sigv4_header = Some(inspection);
    verdict::finish(&mut report, inputs.secret.is_some());
    report
}
