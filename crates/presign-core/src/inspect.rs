//! The pipeline: inputs and an instant in, a report out. Everything the page and the command
//! line show comes from here.

use crate::crypto::constant_time_eq;
use crate::diagnose::guard;
use crate::diagnose::request_checks::{method_hint, MethodSource, RequestView};
use crate::diagnose::root_cause::MethodTold;
use crate::diagnose::root_cause::{RootCauseSearch, SearchInput, Signed};
use crate::diagnose::secret::{self, KeyRules};
use crate::diagnose::server_error::Ours;
use crate::diagnose::{reading, request_checks, root_cause, server_error, url_checks, verdict};
use crate::endpoint::{decode_endpoint, Endpoint, Provider};
use crate::error_body::xml::read_error_xml;
use crate::finding::{Code, Severity};
use crate::input::body::BodyDigest;
use crate::input::curl::{looks_like_curl, parse_curl, CurlRequest};
use crate::input::detect::url_family;
use crate::input::form::read_post;
use crate::input::headers::{parse_header_lines, ParsedHeaders};
use crate::input::url::{parse_url, RawUrl};
use crate::normalize::Normalizer;
use crate::post_policy::pipeline::inspect_post;
use crate::post_policy::UploadFile;
use crate::report::{
    Family, ParameterRow, Report, ReportDetail, RootCauseState, SentRequest, SigV2Computation,
    SigV4Computation, Validity,
};
use crate::share::REDACTED;
use crate::sigv4::params::{
    read_query_auth, QueryAuth, SigV2Params, SigV4Params, AWS4_HMAC_SHA256, UNSIGNED_PAYLOAD,
    X_AMZ_CONTENT_SHA256,
};
use crate::sigv4::signature::{SigningKey, SigningKeyCache};
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4::verify::sigv4_canonical_request;
use crate::time::UnixTime;
use crate::types::{HttpMethod, Secret};
use crate::unicode::Unicode;
use crate::{explain, sigv2, sigv4_header};

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
    /// The key material of the HMAC families, if given: the AWS secret access key, a GCS HMAC
    /// secret, or an Azure account key (base64).
    pub secret: Option<Secret>,
    /// A PEM public key or X.509 certificate, for the families signed with a private key (GCS
    /// `GOOG4-RSA-SHA256`, CloudFront). Public: it may travel in a share link.
    pub public_key: String,
    /// The service's error body, if pasted: S3's XML, or any AWS service's JSON or Query XML
    /// (header-signed requests).
    pub error_xml: String,
    /// The request's body, hashed from a file the user gave (the page: dropped or chosen,
    /// hashed in the tab; `--body-file`). Header-signed requests hash it into the payload.
    pub body: Option<BodyDigest>,
    /// The file a presigned POST uploads (its name, size and type; never its content).
    pub upload: Option<UploadFile>,
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
            public_key: String::new(),
            error_xml: String::new(),
            body: None,
            upload: None,
            normalizer: None,
            unicode: Unicode::std(),
        }
    }
}

/// Inspects the inputs at instant `now`.
pub fn inspect(inputs: &Inputs, now: UnixTime) -> Report {
    inspect_with(
        inputs,
        now,
        ReportDetail::Full,
        &mut SigningKeyCache::default(),
    )
}

/// [`inspect`], building only the parts of the report that `detail` asks for, with signing keys
/// from (and into) `keys`, which the caller keeps across inspections. Without a secret the cache
/// is cleared: it never holds keys of a secret that is no longer given.
pub fn inspect_with(
    inputs: &Inputs,
    now: UnixTime,
    detail: ReportDetail,
    keys: &mut SigningKeyCache,
) -> Report {
    inspect_planned(inputs, now, detail, keys, RootCausePlan::Run)
}

/// What to do about the root-cause search, the one part of an inspection whose cost is
/// hundreds of re-signed variants. Whatever the plan, the search does not depend on `now`:
/// a search made for the same inputs at another instant is as good as a new one.
#[derive(Debug, Clone, Copy)]
pub enum RootCausePlan<'a> {
    /// Run it when the signature does not match (what [`inspect`] does).
    Run,
    /// Leave it out: the report says `RootCauseState::Deferred` where it would have run, so
    /// that a caller can show the rest at once and run the search afterwards (inspecting again
    /// with `Run`).
    Defer,
    /// Use this search, made earlier for the same inputs, instead of running it again.
    Reuse(&'a RootCauseSearch),
}

/// [`inspect_with`], with the root-cause search run, deferred or reused as `plan` says.
/// `inspect_planned(…, Reuse(s))` with `s` from a report of the same inputs equals
/// `inspect_with(…)` at any instant, and a `Defer`red report equals the full one wherever the
/// search is not needed (`tests/two_step.rs` checks both).
pub fn inspect_planned(
    inputs: &Inputs,
    now: UnixTime,
    detail: ReportDetail,
    keys: &mut SigningKeyCache,
    plan: RootCausePlan<'_>,
) -> Report {
    if inputs.secret.as_ref().is_none_or(Secret::is_empty) {
        keys.clear();
    }
    let mut report = Report::new(now);
    // Bounded work: an input over its limit is not read at all (guard.rs says why).
    let too_long = guard::oversized(&inputs.url, &inputs.headers);
    if !too_long.is_empty() {
        report.findings = too_long;
        verdict::finish(&mut report, inputs.secret.is_some());
        return report;
    }
    // A presigned POST (the SDK's JSON, an HTML form, a multipart body, curl -F) has a pipeline
    // of its own: its signature is over the policy, not a canonical request.
    if let Some(form) = read_post(&inputs.url) {
        inspect_post(inputs, &form, detail, keys, &mut report);
        verdict::finish(&mut report, inputs.secret.is_some());
        return report;
    }
    // A raw HTTP request, an SDK log or a curl command with an Authorization header: a
    // header-signed request, inspected by its own family.
    if let Some(report) = sigv4_header::inspect_if_header_signed(inputs, now, detail, keys) {
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
        // Each family with a pipeline of its own gets an arm here; S3 query URLs (and, until
        // their pipelines land, the other families' URLs) go through `inspect_url`.
        Ok(url) => match url_family(&url) {
            Some(Family::GcsV4) => crate::gcs::pipeline::inspect_gcs(inputs, url, &mut report),
            Some(Family::Cloudfront) => {
                crate::cloudfront::pipeline::inspect_cloudfront(inputs, url, &mut report);
            }
            _ => {
                inspect_url(inputs, url, detail, plan, keys, &mut report);
                compare_with_server(inputs, &mut report);
            }
        },
        Err(e) => {
            report.findings.push(reading::not_a_url(&e));
            compare_with_server(inputs, &mut report);
        }
    }
    verdict::finish(&mut report, inputs.secret.is_some());
    report
}

#[allow(
    clippy::too_many_lines,
    reason = "the URL pipeline in order; its split waits for the parallel work on inspect.rs"
)]
fn inspect_url(
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
                &url, &endpoint, params, &request, inputs, detail, plan, keys,
            );
            if let (Some(c), Some(secret), Some(scope)) =
                (&computation, &inputs.secret, &params.credential)
            {
                report.findings.extend(secret_evidence(
                    secret,
                    c.computed_signature.as_deref(),
                    c.provided_signature.as_deref(),
                    key_rules(&endpoint),
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
                let told = if request.method_source.is_told() {
                    MethodTold::Told
                } else {
                    MethodTold::NotTold
                };
                let found = root_cause::findings(&search, told);
                // Re-signing proved the method: the URL-hint finding only restates it.
                if found.iter().any(|f| f.code == Code::MethodMismatch) {
                    report.findings.retain(|f| f.code != Code::MethodMismatch);
                }
                report.findings.extend(found);
                report.root_cause = Some(search);
            }
        }
        QueryAuth::SigV2(params) => {
            report
                .findings
                .extend(params.problems.iter().map(reading::problem_finding));
            report.findings.push(reading::sigv2_legacy());
            let computation =
                sigv2_computation(&url, &endpoint, params, &request, inputs.secret.as_ref());
            if let Some(secret) = &inputs.secret {
                report.findings.extend(secret_evidence(
                    secret,
                    computation.computed_signature.as_deref(),
                    computation.provided_signature.as_deref(),
                    key_rules(&endpoint),
                    |candidate| {
                        sigv2::signature(&Secret::new(candidate), &computation.string_to_sign)
                    },
                ));
            }
            report.sigv2 = Some(computation);
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

/// Whether the report's SigV4 signature, computed with the secret, differs from the one in the
/// URL: the case in which the root-cause search runs.
fn mismatch_to_search(report: &Report) -> bool {
    report.sigv4.as_ref().is_some_and(|c| {
        match (
            c.computed_signature.as_deref(),
            c.provided_signature.as_deref(),
        ) {
            (Some(computed), Some(provided)) => {
                provided != REDACTED && !constant_time_eq(computed.as_bytes(), provided.as_bytes())
            }
            _ => false,
        }
    })
}

/// The SigV4 intermediates, and the root-cause search when the secret gives another signature
/// (run, reused or left out as `plan` says).
#[allow(clippy::too_many_arguments)]
fn sigv4_computation(
    url: &RawUrl,
    endpoint: &Endpoint,
    params: &SigV4Params,
    request: &SentRequest,
    inputs: &Inputs,
    detail: ReportDetail,
    plan: RootCausePlan<'_>,
    keys: &mut SigningKeyCache,
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
            let key = keys.key_for(secret, scope);
            let signature = key.sign_text(&string_to_sign_text);
            if let Some(provided) = params.signature.as_deref().filter(|p| *p != REDACTED) {
                let mismatch = !constant_time_eq(signature.as_bytes(), provided.as_bytes());
                if let (true, RootCausePlan::Reuse(earlier)) = (mismatch, plan) {
                    search = Some(earlier.clone());
                } else if mismatch && matches!(plan, RootCausePlan::Run) {
                    search = Some(root_cause::search(&SearchInput {
                        signed: Signed::Url,
                        body: None,
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

/// The method S3 says it received: the first line of the canonical request in its error body.
fn method_in_error_body(body: &str) -> Option<HttpMethod> {
    if body.trim().is_empty() {
        return None;
    }
    let canonical_request = read_error_xml(body).canonical_request_exact()?;
    HttpMethod::parse(canonical_request.lines().next()?)
}

/// The one method whose signature, with the given secret, is the provided one; `None` without a
/// secret, without a signature, or when no method or more than one does.
fn signed_method(
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
fn secret_evidence(
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
fn key_rules(endpoint: &Endpoint) -> KeyRules {
    if endpoint.provider == Provider::AwsS3 {
        KeyRules::Aws
    } else {
        KeyRules::Other
    }
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
        .filter(|(_, p)| *p != Some(REDACTED))
        .and_then(|(c, p)| Some(constant_time_eq(c?.as_bytes(), p?.as_bytes())));
    let everything_signed_visible = match (&report.auth, sigv4) {
        (QueryAuth::SigV2(_), _) => true,
        (QueryAuth::SigV4(_), Some(c)) => {
            c.canonical_request.signed_headers == "host"
                && (c.canonical_request.payload_hash == UNSIGNED_PAYLOAD
                    || report
                        .url
                        .as_ref()
                        .is_some_and(|u| u.param(X_AMZ_CONTENT_SHA256).is_some()))
        }
        _ => false,
    };
    let ours = Ours {
        everything_signed_visible,
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
    // A cause proved by re-signing explains the mismatch S3 saw: nothing is left to blame on
    // the credentials.
    let proved = report.findings.iter().any(|f| {
        f.severity == Severity::Error
            && matches!(
                f.code,
                Code::MethodMismatch
                    | Code::HostMismatch
                    | Code::KeyEncoding
                    | Code::KeyCase
                    | Code::QueryEncoding
                    | Code::SignedHeaderValue
                    | Code::SecretWhitespace
                    | Code::SecretQuoted
                    | Code::SecretUrlEncoded
            )
    });
    if proved {
        report.findings.retain(|f| f.code != Code::SecretMismatch);
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
