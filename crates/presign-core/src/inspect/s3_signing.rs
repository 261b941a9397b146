//! S3 query URLs signed again: the SigV4 and SigV2 intermediates, and the root-cause search
//! when the secret gives another signature.

use super::s3_query::header_pairs;
use super::{Inputs, RootCausePlan};
use crate::crypto::constant_time_eq;
use crate::diagnose::root_cause;
use crate::diagnose::root_cause::MethodTold;
use crate::diagnose::root_cause::{RootCauseSearch, SearchInput, Signed};
use crate::endpoint::Endpoint;
use crate::finding::Code;
use crate::input::url::RawUrl;
use crate::report::{Report, ReportDetail, SentRequest, SigV2Computation, SigV4Computation};
use crate::share::REDACTED;
use crate::sigv2;
use crate::sigv4::params::{SigV2Params, SigV4Params};
use crate::sigv4::signature::SigningKeyCache;
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4::verify::sigv4_canonical_request;
use crate::types::Secret;
use crate::unicode::Unicode;

/// Whether the report's SigV4 signature, computed with the secret, differs from the one in the
/// URL: the case in which the root-cause search runs.
pub(super) fn mismatch_to_search(report: &Report) -> bool {
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
pub(super) fn sigv4_computation(
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

/// The root-cause search's findings (SigV4 or SigV2), and the search in the report. What a
/// match proves replaces the findings that only hinted at it.
pub(super) fn add_search(report: &mut Report, search: RootCauseSearch, request: &SentRequest) {
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
    // Re-signing read the altered signature: its reading problem is explained.
    if found.iter().any(|f| f.code == Code::SignatureAltered) {
        report.findings.retain(|f| {
            !(f.code == Code::MalformedParameter && f.title.starts_with("X-Amz-Signature "))
        });
    }
    report.findings.extend(found);
    report.root_cause = Some(search);
}

/// The SigV2 root-cause search, when the secret gives another signature than the URL's.
pub(super) fn sigv2_search(
    computation: &SigV2Computation,
    endpoint: &Endpoint,
    request: &SentRequest,
    secret: &Secret,
    unicode: Unicode,
) -> Option<RootCauseSearch> {
    let computed = computation.computed_signature.as_deref()?;
    let provided = computation
        .provided_signature
        .as_deref()
        .filter(|p| *p != REDACTED)?;
    if constant_time_eq(computed.as_bytes(), provided.as_bytes()) {
        return None;
    }
    // method, Content-MD5, Content-Type, Expires, then the x-amz-* lines and the resource.
    let mut parts = computation.string_to_sign.splitn(5, '\n');
    let (_, md5, content_type, expires, rest) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?.parse().ok()?,
        parts.next()?,
    );
    let resource = rest.rsplit('\n').next()?;
    let amz_headers = &rest[..rest.len() - resource.len()];
    Some(root_cause::sigv2::search(
        &root_cause::sigv2::Sigv2SearchInput {
            method: request.method,
            content_md5: md5,
            content_type,
            expires,
            amz_headers,
            resource,
            bucket: endpoint.bucket.as_deref(),
            secret,
            provided,
            unicode,
        },
    ))
}

pub(super) fn sigv2_computation(
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
