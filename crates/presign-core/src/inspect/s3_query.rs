//! S3 presigned query URLs (SigV4 and SigV2): the request as sent, the URL's checks, the
//! method the signature was made for, and what the secret field shows.

use super::s3_signing::{
    add_search, mismatch_to_search, sigv2_computation, sigv2_search, sigv4_computation,
};
use super::{Inputs, RootCausePlan};
use crate::crypto::constant_time_eq;
use crate::diagnose::guard;
use crate::diagnose::request_checks::{method_hint, MethodSource, RequestView};
use crate::diagnose::secret::{self, KeyRules};
use crate::diagnose::{reading, request_checks, url_checks};
use crate::endpoint::{decode_endpoint, Endpoint, Provider};
use crate::error_body::xml::read_error_xml;
use crate::input::curl::CurlRequest;
use crate::input::detect::url_family;
use crate::input::headers::{parse_header_lines, ParsedHeaders};
use crate::input::url::RawUrl;
use crate::report::{
    Family, ParameterRow, Report, ReportDetail, RootCauseState, SentRequest, Validity,
};
use crate::share::REDACTED;
use crate::sigv4::params::{
    read_query_auth, QueryAuth, SigV2Params, SigV4Params, AWS4_HMAC_SHA256,
};
use crate::sigv4::signature::{SigningKey, SigningKeyCache};
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4::verify::sigv4_canonical_request;
use crate::types::{HttpMethod, Secret};
use crate::{explain, sigv2};

pub(super) fn inspect_url(
    inputs: &Inputs,
    url: RawUrl,
    detail: ReportDetail,
    plan: RootCausePlan<'_>,
    keys: &mut SigningKeyCache,
    report: &mut Report,
) {
    let endpoint = decode_endpoint(&url);
    let auth = read_query_auth(&url);
    if detail == ReportDetail::Full {
        report.parameters = parameter_rows(&url);
    }
    let sigv4_params = match &auth {
        QueryAuth::SigV4(p) => Some(p),
        _ => None,
    };
    let url_hint = method_hint(&url, sigv4_params).map(|hint| hint.method);
    let (mut request, headers_given) = sent_request(inputs, report.curl.as_ref(), &url, url_hint);
    let method_source = request.method_source;
    // Not told: with the secret, find the method the signature was made for (saying so, never
    // that it was sent).
    let signed_for = if method_source.is_told() {
        None
    } else {
        signed_method(&url, &endpoint, &auth, &request, inputs, keys)
    };
    if let Some(m) = signed_for {
        request.method = m;
        request.method_source = MethodSource::Signature;
        report.findings.push(request_checks::signed_method(m));
    }
    let (method, method_source) = (request.method, request.method_source);
    report.findings.extend(guard::bad_escapes(&url));
    report.findings.extend(guard::suspicious_in_request(
        &url,
        &endpoint,
        &request.headers,
        &inputs.unicode,
    ));
    report
        .findings
        .extend(url_checks::check(&url, &endpoint, &auth, report.now));
    report.findings.extend(request_checks::check(&RequestView {
        url: &url,
        params: sigv4_params,
        method,
        method_source,
        headers: &request.headers,
        headers_given,
        curl: report.curl.as_ref(),
    }));
    match &auth {
        QueryAuth::None => report.findings.push(reading::not_presigned()),
        QueryAuth::SigV4(params) => {
            let step = S3Step {
                url: &url,
                endpoint: &endpoint,
                request: &request,
                inputs,
            };
            inspect_sigv4(&step, params, detail, plan, keys, report);
        }
        QueryAuth::SigV2(params) => {
            let step = S3Step {
                url: &url,
                endpoint: &endpoint,
                request: &request,
                inputs,
            };
            inspect_sigv2(&step, params, report);
        }
    }
    report.family = match &auth {
        QueryAuth::SigV4(_) => Some(url_family(&url).unwrap_or(Family::Sigv4Query)),
        QueryAuth::SigV2(_) => Some(Family::Sigv2Query),
        QueryAuth::None => None,
    };
    report.auth = auth;
    report.endpoint = Some(endpoint);
    report.url = Some(url);
    report.request = Some(request);
}

/// What the S3 query steps read: the URL, its endpoint, the request as sent and the inputs.
struct S3Step<'a> {
    url: &'a RawUrl,
    endpoint: &'a Endpoint,
    request: &'a SentRequest,
    inputs: &'a Inputs,
}

/// Every query parameter, with what it means.
fn parameter_rows(url: &RawUrl) -> Vec<ParameterRow> {
    url.pairs
        .iter()
        .map(|p| {
            let name = p.name_text();
            ParameterRow {
                meaning: explain::parameter(&name),
                name,
                raw_value: p.raw_value().to_owned(),
                value: p.value_text(),
            }
        })
        .collect()
}

/// A SigV4 query URL: its parameters' problems, its validity, the signature computed again
/// with the secret (and what the secret field shows), and the root-cause search as `plan` says.
fn inspect_sigv4(
    step: &S3Step<'_>,
    params: &SigV4Params,
    detail: ReportDetail,
    plan: RootCausePlan<'_>,
    keys: &mut SigningKeyCache,
    report: &mut Report,
) {
    report
        .findings
        .extend(params.problems.iter().map(reading::problem_finding));
    if let Some(alg) = params
        .algorithm
        .as_deref()
        .filter(|a| *a != AWS4_HMAC_SHA256)
    {
        report.findings.push(reading::unsupported_algorithm(alg));
    }
    if let Some(signed_at) = params.amz_date {
        let expires_at = params.expires.and_then(|e| signed_at.checked_add(e));
        report.validity = Some(Validity {
            signed_at,
            expires_at,
            now: report.now,
            seconds_left: expires_at.map(|t| t.0.saturating_sub(report.now.0)),
        });
    }
    let (computation, search) = sigv4_computation(
        step.url,
        step.endpoint,
        params,
        step.request,
        step.inputs,
        detail,
        plan,
        keys,
    );
    if let (Some(c), Some(secret), Some(scope)) =
        (&computation, &step.inputs.secret, &params.credential)
    {
        report.findings.extend(secret_evidence(
            secret,
            c.computed_signature.as_deref(),
            c.provided_signature.as_deref(),
            key_rules(step.endpoint),
            |candidate| {
                SigningKey::for_scope(&Secret::new(candidate), scope)
                    .sign_text(&c.string_to_sign_text)
            },
        ));
    }
    report.sigv4 = computation;
    if search.is_some() {
        report.root_cause_state = RootCauseState::Done;
    } else if matches!(plan, RootCausePlan::Defer) && mismatch_to_search(report) {
        report.root_cause_state = RootCauseState::Deferred;
    }
    if let Some(search) = search {
        add_search(report, search, step.request);
    }
}

/// A SigV2 query URL: its parameters' problems, the signature computed again with the secret,
/// and its root-cause search.
fn inspect_sigv2(step: &S3Step<'_>, params: &SigV2Params, report: &mut Report) {
    report
        .findings
        .extend(params.problems.iter().map(reading::problem_finding));
    report.findings.push(reading::sigv2_legacy());
    let computation = sigv2_computation(
        step.url,
        step.endpoint,
        params,
        step.request,
        step.inputs.secret.as_ref(),
    );
    if let Some(secret) = &step.inputs.secret {
        report.findings.extend(secret_evidence(
            secret,
            computation.computed_signature.as_deref(),
            computation.provided_signature.as_deref(),
            key_rules(step.endpoint),
            |candidate| sigv2::signature(&Secret::new(candidate), &computation.string_to_sign),
        ));
        if let Some(search) = sigv2_search(
            &computation,
            step.endpoint,
            step.request,
            secret,
            step.inputs.unicode,
        ) {
            add_search(report, search, step.request);
        }
    }
    report.sigv2 = Some(computation);
}

/// The request as it is sent: its method (a pasted curl command's, else the one chosen, else
/// the one the error body names, else what the URL hints at, else GET, not told), its headers (the curl command's or the pasted lines) and
/// its host; and whether any headers were given at all (else a signed header that is not
/// listed may still be sent).
pub(crate) fn sent_request(
    inputs: &Inputs,
    curl: Option<&CurlRequest>,
    url: &RawUrl,
    url_hint: Option<HttpMethod>,
) -> (SentRequest, bool) {
    let (method, method_source) = match (curl.and_then(|c| c.method), inputs.method) {
        (Some(m), _) => (m, MethodSource::Curl),
        (None, Some(m)) => (m, MethodSource::Chosen),
        (None, None) => match (method_in_error_body(&inputs.error_xml), url_hint) {
            (Some(m), _) => (m, MethodSource::ErrorBody),
            (None, Some(m)) => (m, MethodSource::UrlHint),
            (None, None) => (HttpMethod::Get, MethodSource::NotTold),
        },
    };
    let headers = match curl {
        Some(c) => ParsedHeaders {
            headers: c.headers.clone(),
            unreadable_lines: Vec::new(),
        },
        None => parse_header_lines(&inputs.headers),
    };
    let headers_given = curl.is_some() || !inputs.headers.trim().is_empty();
    let host = headers
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))
        .map_or_else(|| url.host_header(), |h| h.value.clone());
    let request = SentRequest {
        method,
        method_source,
        host,
        headers,
    };
    (request, headers_given)
}

/// The request's headers as (name, value), the host included.
pub fn header_pairs(request: &SentRequest) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .headers
        .headers
        .iter()
        .filter(|h| !h.name.eq_ignore_ascii_case("host"))
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    pairs.push(("host".to_owned(), request.host.clone()));
    pairs
}

/// The method S3 says it received: the first line of the canonical request in its error body.
pub(super) fn method_in_error_body(body: &str) -> Option<HttpMethod> {
    if body.trim().is_empty() {
        return None;
    }
    let canonical_request = read_error_xml(body).canonical_request_exact()?;
    HttpMethod::parse(canonical_request.lines().next()?)
}

/// The one method whose signature, with the given secret, is the provided one; `None` without a
/// secret, without a signature, or when no method or more than one does.
pub(super) fn signed_method(
    url: &RawUrl,
    endpoint: &Endpoint,
    auth: &QueryAuth,
    request: &SentRequest,
    inputs: &Inputs,
    keys: &mut SigningKeyCache,
) -> Option<HttpMethod> {
    let secret = inputs.secret.as_ref().filter(|s| !s.is_empty())?;
    let signs_with: Vec<HttpMethod> = match auth {
        QueryAuth::SigV4(params) => {
            let scope = params.credential.as_ref()?;
            let amz_date = params.amz_date_text.as_deref()?;
            let provided = params.signature.as_deref().filter(|p| *p != REDACTED)?;
            let key = keys.key_for(secret, scope);
            let pairs = header_pairs(request);
            HttpMethod::ALL
                .into_iter()
                .filter(|&m| {
                    let (canonical_request, _) =
                        sigv4_canonical_request(url, params, scope, m, &pairs);
                    let sts = StringToSign::new(amz_date, &scope.scope(), &canonical_request);
                    constant_time_eq(key.sign(&sts).as_bytes(), provided.as_bytes())
                })
                .collect()
        }
        QueryAuth::SigV2(params) => {
            let provided = params.signature.as_deref().filter(|p| *p != REDACTED)?;
            HttpMethod::ALL
                .into_iter()
                .filter(|&m| {
                    let mut candidate = request.clone();
                    candidate.method = m;
                    let c = sigv2_computation(url, endpoint, params, &candidate, Some(secret));
                    c.computed_signature
                        .is_some_and(|s| constant_time_eq(s.as_bytes(), provided.as_bytes()))
                })
                .collect()
        }
        QueryAuth::None => return None,
    };
    match signs_with.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// What the secret field shows, when the signature it gives does not match: the only evidence
/// on which a finding may blame the secret (`diagnose::secret`).
pub(super) fn secret_evidence(
    secret: &Secret,
    computed: Option<&str>,
    provided: Option<&str>,
    rules: KeyRules,
    sign_with: impl Fn(&str) -> String,
) -> Vec<crate::finding::Finding> {
    let (Some(computed), Some(provided)) = (computed, provided) else {
        return Vec::new();
    };
    if provided == REDACTED || constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
        return Vec::new();
    }
    secret::findings(secret.expose(), rules, |candidate| {
        constant_time_eq(sign_with(candidate).as_bytes(), provided.as_bytes())
    })
}

/// AWS's own endpoints issue 40-character secrets; other stores have keys of their own shape.
pub(super) fn key_rules(endpoint: &Endpoint) -> KeyRules {
    if endpoint.provider == Provider::AwsS3 {
        KeyRules::Aws
    } else {
        KeyRules::Other
    }
}
