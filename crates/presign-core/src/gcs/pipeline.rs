//! The GCS V4 pipeline: read the `X-Goog-*` parameters, check what the URL and the request
//! show, build the canonical request and string to sign, verify the signature (RSA with the
//! public key or certificate given, HMAC with the secret), search for the root cause of a
//! mismatch, read GCS's error body, and fill the report.

use super::canonical_request::canonical_request;
use super::params::{read_gcs_params, GcsAlgorithm, GcsParams};
use super::signature::{hmac_signature, hmac_signing_key};
use super::string_to_sign::string_to_sign;
use super::GcsComputation;
use crate::crypto::{constant_time_eq, Opened, RsaHash};
use crate::diagnose::request_checks::{self, MethodSource, RequestView};
use crate::diagnose::root_cause::gcs::{self as root, GcsSearchInput, Target};
use crate::diagnose::{gcs, guard, public_key, reading, service_error, verdict};
use crate::encode::{hex, unhex};
use crate::input::public_key::{read_public_keys, PublicKey, PublicKeys};
use crate::input::url::RawUrl;
use crate::inspect::{header_pairs, sent_request, Inputs};
use crate::report::{Family, Report, Signing, SigningStep, Validity};
use crate::types::HttpMethod;

/// Inspects a GCS V4 signed URL into `report`.
pub fn inspect_gcs(inputs: &Inputs, url: RawUrl, report: &mut Report) {
    report.family = Some(Family::GcsV4);
    let params = read_gcs_params(&url);
    url_findings(&url, &params, report);
    let (mut request, headers_given) = sent_request(inputs, report.curl.as_ref(), &url, None);
    let headers = header_pairs(&request);
    let keys = read_public_keys(&inputs.public_key);
    report
        .findings
        .extend(keys.problems.iter().map(public_key::key_problem));
    // Not told: the method the signature was made for, if the key material shows it.
    if !request.method_source.is_told() {
        if let Some(m) = signed_for(inputs, &keys, &url, &params, &headers) {
            request.method = m;
            request.method_source = MethodSource::Signature;
            report.findings.push(request_checks::signed_method(m));
        }
    }
    report.findings.extend(request_checks::check(&RequestView {
        url: &url,
        params: None,
        method: request.method,
        method_source: request.method_source,
        headers: &request.headers,
        headers_given,
        curl: report.curl.as_ref(),
    }));
    let mut computation = GcsComputation {
        algorithm: params.algorithm,
        signer: params.credential.as_ref().map(|c| c.access_key_id.clone()),
        canonical_request: None,
        string_to_sign: None,
        signed_headers: params.signed_headers.clone(),
        missing_signed_headers: Vec::new(),
        verified_with: None,
        signed_digest: None,
    };
    let mut steps = Vec::new();
    let mut computed = None;
    if let (Some(scope), Some(date), Some(alg)) = (
        &params.credential,
        params.date_text.as_deref(),
        params.algorithm_text.as_deref(),
    ) {
        let (cr, missing) = canonical_request(&url, &params, request.method, &headers);
        let cr_text = cr.text();
        let sts = string_to_sign(alg, date, &scope.scope(), &cr_text);
        steps.push(step("canonical-request", "Canonical request", &cr_text));
        steps.push(step("string-to-sign", "String to sign", &sts));
        // Without headers given, the request is evaluated as sending none (as for S3).
        report
            .findings
            .extend(missing.iter().map(|m| gcs::missing_signed_header(m)));
        computation.missing_signed_headers = missing;
        computation.canonical_request = Some(cr_text);
        computation.string_to_sign = Some(sts);
    }
    report.findings.extend(gcs::signed_headers(&params));
    if computation.missing_signed_headers.is_empty() {
        match params.algorithm {
            Some(GcsAlgorithm::Rsa) => {
                verify_rsa(
                    &keys,
                    &url,
                    &params,
                    request.method,
                    &headers,
                    &mut computation,
                    &mut steps,
                    report,
                );
            }
            Some(GcsAlgorithm::Hmac) => {
                computed = verify_hmac(
                    inputs,
                    &url,
                    &params,
                    request.method,
                    &headers,
                    &computation,
                    &mut steps,
                    report,
                );
            }
            None => {}
        }
    }
    server_body(inputs, &computation, report);
    report.decoded = super::decoded::decoded(&url, &params, request.method, &computation);
    report
        .decoded
        .extend(keys.keys.iter().map(PublicKey::describe));
    report.parameters = crate::explain::parameter_rows(&url, crate::explain::gcs_parameter);
    report.signing = Some(Signing {
        steps,
        provided_in: "X-Goog-Signature".to_owned(),
        provided: params.signature.clone(),
        computed,
    });
    report.gcs = Some(computation);
    report.url = Some(url);
    report.request = Some(request);
}

/// What the URL alone shows: its parameters, its window, its scope.
fn url_findings(url: &RawUrl, params: &GcsParams, report: &mut Report) {
    report.findings.extend(guard::bad_escapes(url));
    report
        .findings
        .extend(params.problems.iter().map(reading::problem_finding));
    if let Some(alg) = params
        .algorithm_text
        .as_deref()
        .filter(|_| params.algorithm.is_none())
    {
        report.findings.push(gcs::unsupported_algorithm(alg));
    }
    if let Some(signed_at) = params.date {
        let expires_at = params.expires.and_then(|e| signed_at.checked_add(e));
        report.validity = Some(Validity {
            signed_at,
            expires_at,
            now: report.now,
            seconds_left: expires_at.map(|t| t.0.saturating_sub(report.now.0)),
        });
    }
    report.findings.extend(gcs::url_checks(params, report.now));
}

/// The one method other than GET whose string to sign the key material verifies, if any.
fn signed_for(
    inputs: &Inputs,
    keys: &PublicKeys,
    url: &RawUrl,
    params: &GcsParams,
    headers: &[(String, String)],
) -> Option<HttpMethod> {
    let (scope, date, alg) = (
        params.credential.as_ref()?,
        params.date_text.as_deref()?,
        params.algorithm_text.as_deref()?,
    );
    let provided = params.signature.as_deref()?;
    let signature = unhex(provided)?;
    let hmac_key = match params.algorithm? {
        GcsAlgorithm::Hmac => Some(hmac_signing_key(
            inputs.secret.as_ref().filter(|s| !s.is_empty())?,
            scope,
        )),
        GcsAlgorithm::Rsa => None,
    };
    let verifies = |method: HttpMethod| {
        let (cr, missing) = canonical_request(url, params, method, headers);
        let sts = string_to_sign(alg, date, &scope.scope(), &cr.text());
        missing.is_empty()
            && match &hmac_key {
                Some(key) => {
                    constant_time_eq(hmac_signature(key, &sts).as_bytes(), provided.as_bytes())
                }
                None => keys
                    .keys
                    .iter()
                    .any(|k| k.key.verify(RsaHash::Sha256, sts.as_bytes(), &signature)),
            }
    };
    if verifies(HttpMethod::Get) {
        return None;
    }
    HttpMethod::ALL
        .into_iter()
        .find(|m| *m != HttpMethod::Get && verifies(*m))
}

fn step(id: &str, title: &str, text: &str) -> SigningStep {
    SigningStep {
        id: id.to_owned(),
        title: title.to_owned(),
        text: text.to_owned(),
    }
}

#[allow(clippy::too_many_arguments)]
fn verify_rsa(
    keys: &PublicKeys,
    url: &RawUrl,
    params: &GcsParams,
    method: HttpMethod,
    headers: &[(String, String)],
    computation: &mut GcsComputation,
    steps: &mut Vec<SigningStep>,
    report: &mut Report,
) {
    let (Some(sts), Some(provided)) = (
        computation.string_to_sign.clone(),
        params.signature.as_deref(),
    ) else {
        return;
    };
    let Some(signature) = unhex(provided) else {
        return;
    };
    if keys.keys.is_empty() {
        return;
    }
    if let Some(key) = keys
        .keys
        .iter()
        .find(|k| k.key.verify(RsaHash::Sha256, sts.as_bytes(), &signature))
    {
        computation.verified_with = Some(key.source.clone());
        report.findings.push(verdict::signature_valid(
            format!("The RSA-SHA256 signature verifies with the {} ({}-bit key): the URL, method and headers are what was signed, by the holder of that key's private half.", key.source, key.key.bits()),
            provided,
        ));
        return;
    }
    let signer = computation.signer.clone().unwrap_or_default();
    let opened: Vec<(String, Opened)> = keys
        .keys
        .iter()
        .map(|k| (k.source.clone(), k.key.open(&signature)))
        .collect();
    let ours = hex(&crate::crypto::sha256(sts.as_bytes()));
    if let Some((source, digest)) = opened.iter().find_map(|(s, o)| match o {
        Opened::Digest {
            hash: RsaHash::Sha256,
            digest,
        } => Some((s, digest)),
        _ => None,
    }) {
        let carried = hex(digest);
        steps.push(step("signature-opened", "The signature, opened with the public key", &format!("SHA-256 the signature carries:     {carried}\nSHA-256 of the string to sign here: {ours}")));
        computation.signed_digest = Some(carried);
        report.findings.push(verdict::signature_mismatch(
            format!("The {source} made this signature, but over another string to sign: the request described here is not the one that was signed. The root-cause search below looks for the difference."),
            provided,
            None,
        ));
        if let Some(search) = root::search(&GcsSearchInput {
            url,
            params,
            method,
            headers,
            target: Target::Digest(digest),
        }) {
            report.findings.extend(root::findings(&search));
            report.root_cause = Some(search);
        }
        return;
    }
    if let Some(Opened::WrongLength { expected, got }) = opened
        .iter()
        .map(|(_, o)| o)
        .find(|o| matches!(o, Opened::WrongLength { .. }))
    {
        report.findings.push(reading::problem_finding(
            &crate::sigv4::params::ParamProblem::Malformed {
                name: super::params::X_GOOG_SIGNATURE,
                value: format!("{got} bytes"),
                expected: if got < expected {
                    "as many bytes as the key's modulus: this one is shorter, so it was cut off"
                } else {
                    "as many bytes as the key's modulus: this one is longer"
                },
            },
        ));
        return;
    }
    let sources: Vec<String> = opened.into_iter().map(|(s, _)| s).collect();
    report
        .findings
        .push(public_key::public_key_mismatch(&sources, &signer, "Google"));
    report.findings.push(verdict::signature_mismatch(
        "The signature does not verify with the key given, and was not made with it (see the finding above).",
        provided,
        None,
    ));
}

#[allow(clippy::too_many_arguments)]
fn verify_hmac(
    inputs: &Inputs,
    url: &RawUrl,
    params: &GcsParams,
    method: crate::types::HttpMethod,
    headers: &[(String, String)],
    computation: &GcsComputation,
    steps: &mut Vec<SigningStep>,
    report: &mut Report,
) -> Option<String> {
    let secret = inputs.secret.as_ref().filter(|s| !s.is_empty())?;
    let scope = params.credential.as_ref()?;
    let sts = computation.string_to_sign.as_deref()?;
    let key = hmac_signing_key(secret, scope);
    steps.push(step(
        "signing-key",
        "Signing key",
        &format!(
            "kSigning = HMAC chain from \"GOOG4\" + secret over {}  {}",
            scope.scope(),
            hex(&*key)
        ),
    ));
    let signature = hmac_signature(&key, sts);
    let provided = params.signature.as_deref()?;
    if constant_time_eq(signature.as_bytes(), provided.as_bytes()) {
        report.findings.push(verdict::signature_valid("Re-signing the request with the HMAC secret gives exactly the signature in the URL: the URL, method and headers are what was signed.", provided));
    } else {
        report.findings.push(verdict::signature_mismatch(
            "Re-signing the request with the HMAC secret gives another signature. The root-cause search below looks for an edit that explains it; when none does, the request was changed in a way it does not try, or the secret is not the one of the access id.",
            provided,
            Some(&signature),
        ));
        if let Some(search) = root::search(&GcsSearchInput {
            url,
            params,
            method,
            headers,
            target: Target::Hmac {
                key: &key,
                signature: provided,
            },
        }) {
            report.findings.extend(root::findings(&search));
            report.root_cause = Some(search);
        }
    }
    Some(signature)
}

fn server_body(inputs: &Inputs, computation: &GcsComputation, report: &mut Report) {
    let Some((cmp, findings)) = service_error::compare(
        "Google Cloud Storage",
        &inputs.error_xml,
        computation.canonical_request.as_deref(),
        computation.string_to_sign.as_deref(),
    ) else {
        return;
    };
    report.findings.extend(findings);
    if cmp.string_to_sign_matches == Some(true) {
        let signer = computation.signer.as_deref().unwrap_or("the signer");
        report.findings.extend(gcs::signed_with_another_key(
            &cmp.error,
            signer,
            computation.verified_with.is_some(),
        ));
    }
    report.findings.extend(gcs::error_code(&cmp.error));
    report.server = Some(cmp);
}
