//! The pipeline: inputs and an instant in, a report out. Everything the page and the command
//! line show comes from here.

use crate::crypto::constant_time_eq;
use crate::diagnose::guard;
use crate::diagnose::request_checks::{method_hint, MethodSource, RequestView};
use crate::diagnose::root_cause::{RootCauseSearch, SearchInput};
use crate::diagnose::server_error::Ours;
use crate::diagnose::{rank, request_checks, root_cause, server_error, url_checks};
use crate::endpoint::{decode_endpoint, Endpoint};
use crate::finding::{Code, Finding, Severity};
use crate::input::curl::{looks_like_curl, parse_curl};
use crate::input::headers::{parse_header_lines, ParsedHeaders};
use crate::input::url::{parse_url, RawUrl, UrlError};
use crate::normalize::Normalizer;
use crate::report::{
    ParameterRow, Report, ReportDetail, SentRequest, SigV2Computation, SigV4Computation, Validity,
    Verdict,
};
use crate::sigv4::params::{
    read_query_auth, ParamProblem, QueryAuth, SigV2Params, SigV4Params, AWS4_HMAC_SHA256,
};
use crate::sigv4::signature::SigningKey;
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4::verify::sigv4_canonical_request;
use crate::time::UnixTime;
use crate::types::{HttpMethod, Secret};
use crate::unicode::Unicode;
use crate::{explain, sigv2};

/// What the user gave.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The presigned URL as pasted (a whole curl command works too).
    pub url: String,
    /// The method the request is sent with; `None` means what a pasted curl command sends, else
    /// the operation the URL names (`x-id=PutObject`), else GET.
    pub method: Option<HttpMethod>,
    /// The headers sent, as `Name: value` lines, or the whole curl command that sends the
    /// request (its method, headers and URL are then used; its method wins over `method`).
    pub headers: String,
    /// The secret access key, if given.
    pub secret: Option<Secret>,
    /// S3's XML error body, if pasted.
    pub error_xml: String,
    /// Unicode normalization for the root-cause search (NFC/NFD key variants), injected by the
    /// caller (the command line: the unicode-normalization crate; the page: JavaScript's
    /// `String.prototype.normalize`). `None` skips those variants.
    pub normalizer: Option<Normalizer>,
    /// Unicode case mapping (the root-cause search's key case variants) and letters and digits
    /// (the look-alike check's words). `Default` gives std's; the page injects JavaScript's.
    pub unicode: Unicode,
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs {
            url: String::new(),
            method: None,
            headers: String::new(),
            secret: None,
            error_xml: String::new(),
            normalizer: None,
            unicode: Unicode::std(),
        }
    }
}

/// Inspects the inputs at instant `now`.
pub fn inspect(inputs: &Inputs, now: UnixTime) -> Report {
    inspect_with(inputs, now, ReportDetail::Full)
}

/// [`inspect`], building only the parts of the report that `detail` asks for.
pub fn inspect_with(inputs: &Inputs, now: UnixTime, detail: ReportDetail) -> Report {
    let mut report = Report {
        verdict: Verdict {
            code: Code::Unverified,
            severity: Severity::Info,
            title: String::new(),
        },
        findings: Vec::new(),
        url: None,
        endpoint: None,
        auth: QueryAuth::None,
        parameters: Vec::new(),
        validity: None,
        request: None,
        sigv4: None,
        sigv2: None,
        curl: None,
        root_cause: None,
        server: None,
        now,
    };
    // Bounded work: an input over its limit is not read at all (guard.rs says why).
    let too_long = guard::oversized(&inputs.url, &inputs.headers);
    if !too_long.is_empty() {
        report.findings = too_long;
        finish(&mut report, inputs.secret.is_some());
        return report;
    }
    // A curl command pasted as the headers (or as the URL) describes the whole request.
    let curl = if looks_like_curl(&inputs.headers) {
        Some(parse_curl(&inputs.headers))
    } else if looks_like_curl(&inputs.url) {
        Some(parse_curl(&inputs.url))
    } else {
        None
    };
    let url_text = match &curl {
        Some(c) if inputs.url.trim().is_empty() || looks_like_curl(&inputs.url) => {
            c.url.clone().unwrap_or_default()
        }
        _ => inputs.url.clone(),
    };
    report.curl = curl;
    match parse_url(&url_text) {
        Ok(url) => inspect_url(inputs, url, detail, &mut report),
        Err(e) => report.findings.push(not_a_url(&e)),
    }
    compare_with_server(inputs, &mut report);
    finish(&mut report, inputs.secret.is_some());
    report
}

fn not_a_url(e: &UrlError) -> Finding {
    let (title, detail) = match e {
        UrlError::Empty => ("No URL yet".to_owned(), "Paste the presigned URL that fails.".to_owned()),
        UrlError::UnsupportedScheme(s) => (
            format!("\u{201c}{s}:\u{201d} is not an http or https URL"),
            "A presigned URL starts with https:// (or http://). s3:// URIs and other schemes cannot be presigned; generate the URL with your SDK's presign call.".to_owned(),
        ),
        UrlError::NoHost => ("The URL has no host".to_owned(), "Paste the whole URL, from https:// to the end of the query string.".to_owned()),
        UrlError::BadPort(p) => (format!("\u{201c}{p}\u{201d} is not a port number"), "A port is a whole number from 1 to 65535.".to_owned()),
        UrlError::BadHost(h) => (format!("\u{201c}{h}\u{201d} is not a host name"), "The part after https:// must be a host name such as bucket.s3.us-east-1.amazonaws.com.".to_owned()),
    };
    Finding::new(Code::NotAUrl, Severity::Error, title, detail)
}

fn inspect_url(inputs: &Inputs, url: RawUrl, detail: ReportDetail, report: &mut Report) {
    let endpoint = decode_endpoint(&url);
    let auth = read_query_auth(&url);
    if detail == ReportDetail::Full {
        report.parameters = url
            .pairs
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
            .collect();
    }
    let sigv4_params = match &auth {
        QueryAuth::SigV4(p) => Some(p),
        _ => None,
    };
    let (method, method_source) = match (report.curl.as_ref().and_then(|c| c.method), inputs.method)
    {
        (Some(m), _) => (m, MethodSource::Curl),
        (None, Some(m)) => (m, MethodSource::Chosen),
        (None, None) => match method_hint(&url, sigv4_params) {
            Some(hint) => (hint.method, MethodSource::UrlHint),
            None => (HttpMethod::Get, MethodSource::Default),
        },
    };
    let headers = match &report.curl {
        Some(c) => ParsedHeaders {
            headers: c.headers.clone(),
            unreadable_lines: Vec::new(),
        },
        None => parse_header_lines(&inputs.headers),
    };
    let headers_given = report.curl.is_some() || !inputs.headers.trim().is_empty();
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
        QueryAuth::None => report.findings.push(Finding::new(
            Code::NotPresigned,
            Severity::Error,
            "This URL is not presigned",
            "It has no X-Amz-Signature (SigV4) or Signature (SigV2) query parameter, so S3 treats it as an anonymous request. Paste the whole URL your SDK's presign call returned, query string included.",
        )),
        QueryAuth::SigV4(params) => {
            report.findings.extend(params.problems.iter().map(problem_finding));
            if let Some(alg) = params.algorithm.as_deref().filter(|a| *a != AWS4_HMAC_SHA256) {
                report.findings.push(unsupported_algorithm(alg));
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
            let (computation, search) = sigv4_computation(&url, &endpoint, params, &request, inputs, detail);
            report.sigv4 = computation;
            if let Some(search) = search {
                let access_key_id = params.credential.as_ref().map_or("", |c| c.access_key_id.as_str());
                let request_explains =
                    report.findings.iter().any(|f| matches!(f.code, Code::MissingSignedHeader | Code::UnsignedAmzHeader | Code::SignedHeaderValue));
                let found = root_cause::findings(&search, access_key_id, request_explains);
                // Re-signing proved the method: the URL-hint finding only restates it.
                if found.iter().any(|f| f.code == Code::MethodMismatch) {
                    report.findings.retain(|f| f.code != Code::MethodMismatch);
                }
                report.findings.extend(found);
                report.root_cause = Some(search);
            }
        }
        QueryAuth::SigV2(params) => {
            report.findings.extend(params.problems.iter().map(problem_finding));
            report.findings.push(Finding::new(
                Code::SigV2Legacy,
                Severity::Warning,
                "Legacy Signature Version 2",
                "This URL is signed with SigV2 (AWSAccessKeyId, Expires, Signature). S3 accepts SigV2 only in regions launched before 2014 and for buckets that still allow it; newer regions reject it. Presign with Signature Version 4 (boto3: Config(signature_version='s3v4')).",
            ));
            report.sigv2 = Some(sigv2_computation(&url, &endpoint, params, &request, inputs.secret.as_ref()));
        }
    }
    report.auth = auth;
    report.endpoint = Some(endpoint);
    report.url = Some(url);
    report.request = Some(request);
}

fn problem_finding(problem: &ParamProblem) -> Finding {
    match problem {
        ParamProblem::Missing { name } => Finding::new(
            Code::MissingParameter,
            Severity::Error,
            format!("{name} is missing"),
            format!("A presigned URL needs the query parameter {name}. The URL may have been cut off when it was copied: paste all of it."),
        )
        .with("parameter", *name),
        ParamProblem::Malformed { name, value, expected } => Finding::new(
            Code::MalformedParameter,
            Severity::Error,
            format!("{name} is malformed"),
            format!("Expected {expected}."),
        )
        .with("parameter", *name)
        .with("value", value.clone()),
        ParamProblem::Duplicate { name } => Finding::new(
            Code::MalformedParameter,
            Severity::Error,
            format!("{name} appears more than once"),
            format!("S3 rejects a request with two {name} parameters. Remove the copy that was appended to the signed URL."),
        )
        .with("parameter", *name),
    }
}

fn unsupported_algorithm(alg: &str) -> Finding {
    let detail = if alg == "AWS4-ECDSA-P256-SHA256" {
        "This is SigV4A (multi-region access points), signed with an ECDSA key derived from the secret. This page checks AWS4-HMAC-SHA256 signatures only; the expiry and parameter checks still apply."
            .to_owned()
    } else {
        format!("S3 presigned URLs use AWS4-HMAC-SHA256; \u{201c}{alg}\u{201d} is not an algorithm S3 accepts in X-Amz-Algorithm.")
    };
    Finding::new(
        Code::UnsupportedAlgorithm,
        Severity::Error,
        format!("Unsupported algorithm {alg}"),
        detail,
    )
    .with("X-Amz-Algorithm", alg)
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

/// The SigV4 intermediates, and the root-cause search when the secret gives another signature.
fn sigv4_computation(
    url: &RawUrl,
    endpoint: &Endpoint,
    params: &SigV4Params,
    request: &SentRequest,
    inputs: &Inputs,
    detail: ReportDetail,
) -> (Option<SigV4Computation>, Option<RootCauseSearch>) {
    let (Some(scope), Some(amz_date)) =
        (params.credential.as_ref(), params.amz_date_text.as_deref())
    else {
        return (None, None);
    };
    let pairs = header_pairs(request);
    let (canonical_request, missing) =
        sigv4_canonical_request(url, params, scope, request.method, &pairs);
    let canonical_request_text = canonical_request.text();
    let string_to_sign =
        StringToSign::from_canonical_text(amz_date, &scope.scope(), &canonical_request_text);
    let string_to_sign_text = string_to_sign.text();
    let mut search = None;
    let (signing_key, computed_signature) = match inputs.secret.as_ref().filter(|s| !s.is_empty()) {
        Some(secret) => {
            let key = SigningKey::for_scope(secret, scope);
            let signature = key.sign_text(&string_to_sign_text);
            if let Some(provided) = params.signature.as_deref() {
                if !constant_time_eq(signature.as_bytes(), provided.as_bytes()) {
                    search = Some(root_cause::search(&SearchInput {
                        canonical_request: &canonical_request,
                        url,
                        endpoint,
                        headers: &pairs,
                        scope,
                        amz_date,
                        signing_key: &key,
                        provided_signature: provided,
                        normalizer: inputs.normalizer,
                        unicode: inputs.unicode,
                    }));
                }
            }
            (
                (detail == ReportDetail::Full).then(|| key.to_hex()),
                Some(signature),
            )
        }
        None => (None, None),
    };
    let computation = SigV4Computation {
        canonical_request_text,
        canonical_request,
        string_to_sign_text,
        string_to_sign,
        missing_signed_headers: missing,
        signing_key,
        computed_signature,
        provided_signature: params.signature.clone(),
    };
    (Some(computation), search)
}

/// Reads S3's error body, if any, and compares it with this page's computation.
fn compare_with_server(inputs: &Inputs, report: &mut Report) {
    let sigv4 = report.sigv4.as_ref();
    let sigv2 = report.sigv2.as_ref();
    let (access_key_id, signed_at, expires_at) = match &report.auth {
        QueryAuth::SigV4(p) => (
            p.credential.as_ref().map(|c| c.access_key_id.as_str()),
            p.amz_date,
            report.validity.as_ref().and_then(|v| v.expires_at),
        ),
        QueryAuth::SigV2(p) => (p.access_key_id.as_deref(), None, p.expires),
        QueryAuth::None => (None, None, None),
    };
    let signature_valid = sigv4
        .map(|c| {
            (
                c.computed_signature.as_deref(),
                c.provided_signature.as_deref(),
            )
        })
        .or_else(|| {
            sigv2.map(|c| {
                (
                    c.computed_signature.as_deref(),
                    c.provided_signature.as_deref(),
                )
            })
        })
        .and_then(|(c, p)| Some(constant_time_eq(c?.as_bytes(), p?.as_bytes())));
    let ours = Ours {
        canonical_request: sigv4.map(|c| c.canonical_request_text.as_str()),
        string_to_sign: sigv4
            .map(|c| c.string_to_sign_text.as_str())
            .or_else(|| sigv2.map(|c| c.string_to_sign.as_str())),
        access_key_id,
        provided_signature: sigv4
            .and_then(|c| c.provided_signature.as_deref())
            .or_else(|| sigv2.and_then(|c| c.provided_signature.as_deref())),
        signature_valid,
        signed_at,
        expires_at,
    };
    if let Some((comparison, findings)) =
        server_error::compare(&inputs.error_xml, &ours, report.now)
    {
        report.findings.extend(findings);
        report.server = Some(comparison);
    }
}

fn sigv2_computation(
    url: &RawUrl,
    endpoint: &Endpoint,
    params: &SigV2Params,
    request: &SentRequest,
    secret: Option<&Secret>,
) -> SigV2Computation {
    let resource = sigv2::canonicalized_resource(url, endpoint.style, endpoint.bucket.as_deref());
    let mut headers: Vec<(String, String)> = request
        .headers
        .headers
        .iter()
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    headers.extend(sigv2::amz_query_params(url));
    let string_to_sign = sigv2::string_to_sign(
        request.method.as_str(),
        &headers,
        params.expires.map_or(0, |e| e.0),
        &resource,
    );
    let computed_signature = secret
        .filter(|s| !s.is_empty())
        .map(|s| sigv2::signature(s, &string_to_sign));
    SigV2Computation {
        string_to_sign,
        computed_signature,
        provided_signature: params.signature.clone(),
    }
}

/// Adds the signature verdict, sorts the findings and picks the verdict.
fn finish(report: &mut Report, has_secret: bool) {
    let pair = report
        .sigv4
        .as_ref()
        .map(|c| (c.computed_signature.clone(), c.provided_signature.clone()))
        .or_else(|| {
            report
                .sigv2
                .as_ref()
                .map(|c| (c.computed_signature.clone(), c.provided_signature.clone()))
        });
    if let Some((Some(computed), Some(provided))) = pair {
        if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
            report.findings.push(Finding::new(
                Code::SignatureValid,
                Severity::Ok,
                "The signature matches",
                "Re-signing this request with the secret gives exactly the signature in the URL: the URL, method and headers are what was signed.",
            ).with("signature", provided));
        } else {
            report.findings.push(
                Finding::new(
                    Code::SignatureMismatch,
                    Severity::Error,
                    "The signature does not match",
                    "Re-signing this request with the secret gives a different signature, so S3 answers 403 SignatureDoesNotMatch. Compare the canonical request below with what your SDK signed.",
                )
                .with("provided", provided)
                .with("computed", computed),
            );
        }
    }
    // A stable sort keeps the order in which checks ran within each severity and rank.
    crate::sort::sort_by_key(&mut report.findings, |f| (f.severity, rank(f.code)));
    report.verdict = match report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
    {
        Some(f) => Verdict {
            code: f.code,
            severity: f.severity,
            title: f.title.clone(),
        },
        None if report.has(Code::SignatureValid) => Verdict {
            code: Code::SignatureValid,
            severity: Severity::Ok,
            title: "The signature matches".to_owned(),
        },
        None => Verdict {
            code: Code::Unverified,
            severity: Severity::Info,
            title: if has_secret {
                "The signature could not be checked".to_owned()
            } else {
                "Not verified: type the secret access key to re-sign the request".to_owned()
            },
        },
    };
}
