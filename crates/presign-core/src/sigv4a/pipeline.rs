//! The SigV4A pipeline: reads the URL's parameters, checks what the URL and the request show,
//! builds the canonical request and the string to sign, verifies the signature with the key
//! derived from the secret, searches for a root cause when it does not verify, and fills the
//! report's generic `decoded` and `signing` (and its own `sigv4a`).

use crate::diagnose::request_checks::{method_hint, MethodSource, RequestView};
use crate::diagnose::root_cause::RootCauseSearch;
use crate::diagnose::secret::{self, KeyRules};
use crate::diagnose::{guard, reading, request_checks, sigv4a as findings};
use crate::encode::percent_decode;
use crate::endpoint::decode_endpoint;
use crate::explain;
use crate::input::url::RawUrl;
use crate::inspect::{header_pairs, sent_request, Inputs};
use crate::report::{
    DecodedField, Family, FieldStyle, Report, ReportDetail, SentRequest, Signing, SigningStep,
    Validity,
};
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::sigv4::signature::SigningKeyCache;
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4a::canonical_request::sigv4a_canonical_request;
use crate::sigv4a::host::mrap_alias;
use crate::sigv4a::params::{is_der_signature_hex, read_sigv4a, Sigv4aParams};
use crate::sigv4a::root_cause::{search, Sigv4aSearchInput};
use crate::sigv4a::signature::sigv4a_verifies;
use crate::sigv4a::signing_key::sigv4a_public_key;
use crate::sigv4a::string_to_sign::sigv4a_string_to_sign;
use crate::time::human_duration;
use crate::types::{HttpMethod, Secret};
use crate::unicode::Unicode;
use serde::Serialize;

/// The P-256 public key derived from the secret, as hex coordinates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicKeyHex {
    pub x: String,
    pub y: String,
}

/// Every SigV4A intermediate, for `--json` and tests (views use `decoded` and `signing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sigv4aComputation {
    pub params: Sigv4aParams,
    /// `None` while the credential or `X-Amz-Date` cannot be read.
    pub canonical_request: Option<CanonicalRequest>,
    pub canonical_request_text: Option<String>,
    pub string_to_sign: Option<StringToSign>,
    pub string_to_sign_text: Option<String>,
    /// Signed headers that the request does not send.
    pub missing_signed_headers: Vec<String>,
    /// Only with a secret.
    pub public_key: Option<PublicKeyHex>,
    /// Whether the signature verifies; `None` without a secret or a readable signature.
    pub verified: Option<bool>,
}

/// Inspects a SigV4A presigned URL into `report`.
pub fn inspect_sigv4a(
    inputs: &Inputs,
    url: RawUrl,
    detail: ReportDetail,
    keys: &mut SigningKeyCache,
    report: &mut Report,
) {
    let endpoint = decode_endpoint(&url);
    let params = read_sigv4a(&url);
    let view = params.sigv4_view();
    let (mut request, headers_given) = sent_request(
        inputs,
        report.curl.as_ref(),
        &url,
        method_hint(&url, Some(&view)).map(|hint| hint.method),
    );
    // Not told: with the secret, the one method the signature verifies for (saying so, never
    // that it was sent).
    if !request.method_source.is_told() {
        if let Some(m) = signed_method(inputs, &url, &params, &request, keys) {
            request.method = m;
            request.method_source = MethodSource::Signature;
            report.findings.push(request_checks::signed_method(m));
        }
    }
    report.findings.extend(guard::bad_escapes(&url));
    report.findings.extend(guard::suspicious_in_request(
        &url,
        &endpoint,
        &request.headers,
        &inputs.unicode,
    ));
    report
        .findings
        .extend(params.problems.iter().map(reading::problem_finding));
    report.findings.extend(findings::url_checks(
        &url, &endpoint, &params, &view, report.now,
    ));
    report.findings.extend(request_checks::check(&RequestView {
        url: &url,
        params: Some(&view),
        method: request.method,
        method_source: request.method_source,
        headers: &request.headers,
        headers_given,
        curl: report.curl.as_ref(),
    }));
    if let Some(signed_at) = params.amz_date {
        let expires_at = params.expires.and_then(|e| signed_at.checked_add(e));
        report.validity = Some(Validity {
            signed_at,
            expires_at,
            now: report.now,
            seconds_left: expires_at.map(|t| t.0.saturating_sub(report.now.0)),
        });
    }
    let computation = compute(inputs, &url, params, &request, keys, report);
    if detail == ReportDetail::Full {
        report.parameters = explain::parameter_rows(&url, explain::sigv4a_parameter);
        report.decoded = decoded(&url, &computation, &request, &inputs.unicode, report);
    }
    report.signing = Some(signing(&computation));
    report.family = Some(Family::Sigv4a);
    report.sigv4a = Some(computation);
    report.url = Some(url);
    report.request = Some(request);
    crate::diagnose::sigv4a::compare_with_aws(&inputs.error_xml, report);
}

/// The one method the signature verifies for, when exactly one does.
fn signed_method(
    inputs: &Inputs,
    url: &RawUrl,
    params: &Sigv4aParams,
    request: &SentRequest,
    keys: &mut SigningKeyCache,
) -> Option<HttpMethod> {
    let secret = inputs.secret.as_ref().filter(|s| !s.is_empty())?;
    let credential = params.credential.as_ref()?;
    let amz_date = params.amz_date_text.as_deref()?;
    let provided = params
        .signature
        .as_deref()
        .filter(|s| is_der_signature_hex(s))?;
    let key = keys.sigv4a_key_for(secret, &credential.access_key_id)?;
    let pairs = header_pairs(request);
    let verifying: Vec<HttpMethod> = HttpMethod::ALL
        .into_iter()
        .filter(|&m| {
            let (creq, _) = sigv4a_canonical_request(
                url,
                &params.signed_headers,
                &credential.service,
                m,
                &pairs,
            );
            let sts = sigv4a_string_to_sign(amz_date, &credential.scope(), &creq.text());
            sigv4a_verifies(&key, &sts.text(), provided)
        })
        .collect();
    match verifying.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The canonical request, the string to sign, and the verification with the secret.
fn compute(
    inputs: &Inputs,
    url: &RawUrl,
    params: Sigv4aParams,
    request: &SentRequest,
    keys: &mut SigningKeyCache,
    report: &mut Report,
) -> Sigv4aComputation {
    let mut c = Sigv4aComputation {
        canonical_request: None,
        canonical_request_text: None,
        string_to_sign: None,
        string_to_sign_text: None,
        missing_signed_headers: Vec::new(),
        public_key: None,
        verified: None,
        params,
    };
    let (Some(credential), Some(amz_date)) =
        (c.params.credential.clone(), c.params.amz_date_text.clone())
    else {
        return c;
    };
    let pairs = header_pairs(request);
    let (canonical_request, missing) = sigv4a_canonical_request(
        url,
        &c.params.signed_headers,
        &credential.service,
        request.method,
        &pairs,
    );
    let scope = credential.scope();
    let canonical_request_text = canonical_request.text();
    let string_to_sign = sigv4a_string_to_sign(&amz_date, &scope, &canonical_request_text);
    let string_to_sign_text = string_to_sign.text();
    let secret = inputs.secret.as_ref().filter(|s| !s.is_empty());
    let signature = c
        .params
        .signature
        .clone()
        .filter(|s| is_der_signature_hex(s));
    if let (Some(secret), Some(provided)) = (secret, signature) {
        if let Some(key) = keys.sigv4a_key_for(secret, &credential.access_key_id) {
            let (x, y) = key.xy_hex();
            c.public_key = Some(PublicKeyHex { x, y });
            let valid = sigv4a_verifies(&key, &string_to_sign_text, &provided);
            c.verified = Some(valid);
            let mut search_done: Option<RootCauseSearch> = None;
            if !valid {
                let found = search(&Sigv4aSearchInput {
                    url,
                    key: &key,
                    provided_signature: &provided,
                    amz_date: &amz_date,
                    credential_scope: &scope,
                    service: &credential.service,
                    method: request.method,
                    sent: &canonical_request,
                    normalizer: inputs.normalizer,
                });
                report
                    .findings
                    .extend(crate::diagnose::matches::root_cause_findings(&found));
                search_done = Some(found);
            }
            let tried = search_done
                .as_ref()
                .filter(|s| s.matches.is_empty() && s.skipped.is_none())
                .map(|s| s.variants_tried);
            if !valid {
                // What the secret field shows is the only evidence against it (diagnose::secret);
                // a cleaned form that verifies proves the flaw.
                let akid = &credential.access_key_id;
                report.findings.extend(secret::findings(
                    secret.expose(),
                    KeyRules::Aws,
                    |candidate| {
                        sigv4a_public_key(&Secret::new(candidate), akid)
                            .is_some_and(|k| sigv4a_verifies(&k, &string_to_sign_text, &provided))
                    },
                ));
            }
            report
                .findings
                .push(findings::verification(valid, &provided, tried));
            report.root_cause = search_done;
        }
    }
    c.canonical_request = Some(canonical_request);
    c.canonical_request_text = Some(canonical_request_text);
    c.string_to_sign = Some(string_to_sign);
    c.string_to_sign_text = Some(string_to_sign_text);
    c.missing_signed_headers = missing;
    c
}

/// The URL in plain words: who signed, for what, from when to when, where it is valid.
fn decoded(
    url: &RawUrl,
    c: &Sigv4aComputation,
    request: &SentRequest,
    unicode: &Unicode,
    report: &Report,
) -> Vec<DecodedField> {
    let p = &c.params;
    let mut rows = Vec::new();
    if let Some(cred) = &p.credential {
        let note = if p.security_token.is_some() {
            "temporary credentials (X-Amz-Security-Token is in the URL): the URL stops working when their session ends"
        } else if cred.access_key_id.starts_with("AKIA") {
            "a long-term access key (an IAM user's)"
        } else {
            ""
        };
        rows.push(
            DecodedField::new("Signed by", cred.access_key_id.clone(), FieldStyle::Code).note(note),
        );
        rows.push(DecodedField::new(
            "Service",
            cred.service.clone(),
            FieldStyle::Code,
        ));
    }
    let path = guard::visible(
        &String::from_utf8_lossy(&percent_decode(url.raw_path.as_bytes())),
        unicode,
    );
    if let Some(alias) = mrap_alias(&url.host) {
        rows.push(
            DecodedField::new("Access point", alias, FieldStyle::Code).note(
                "an S3 Multi-Region Access Point: AWS routes each request to one of its buckets' regions",
            ),
        );
        rows.push(DecodedField::new(
            "Object key",
            path.trim_start_matches('/').to_owned(),
            FieldStyle::Code,
        ));
    } else {
        rows.push(DecodedField::new(
            "Host",
            url.host_header(),
            FieldStyle::Code,
        ));
        rows.push(DecodedField::new("Path", path, FieldStyle::Code));
    }
    rows.push(
        DecodedField::new("Request", request.method.as_str(), FieldStyle::Code)
            .note(request.method_source.describe()),
    );
    if let Some(set) = &p.region_set {
        let note = if p.regions().contains(&"*") {
            "valid in every region"
        } else {
            "valid only in these regions"
        };
        rows.push(DecodedField::new("Region set", set.clone(), FieldStyle::Code).note(note));
    }
    if let Some(v) = &report.validity {
        rows.push(DecodedField::new(
            "Signed at",
            v.signed_at.to_string(),
            FieldStyle::Time,
        ));
        if let (Some(at), Some(e)) = (v.expires_at, p.expires) {
            rows.push(
                DecodedField::new("Expires at", at.to_string(), FieldStyle::Time)
                    .note(format!("valid for {}", human_duration(e))),
            );
        }
    }
    if !p.signed_headers.is_empty() {
        rows.push(
            DecodedField::new(
                "Signed headers",
                p.signed_headers.join("; "),
                FieldStyle::Code,
            )
            .note("the request must send each with exactly the signed value"),
        );
    }
    rows.push(DecodedField::new(
        "Algorithm",
        "SigV4A: ECDSA P-256 with a key derived from the secret",
        FieldStyle::Text,
    ));
    rows
}

/// The intermediates, byte for byte, and the signature.
fn signing(c: &Sigv4aComputation) -> Signing {
    let mut steps = Vec::new();
    if let Some(text) = &c.canonical_request_text {
        steps.push(SigningStep {
            id: "canonical-request".to_owned(),
            title: "Canonical request".to_owned(),
            text: text.clone(),
        });
    }
    if let Some(text) = &c.string_to_sign_text {
        steps.push(SigningStep {
            id: "string-to-sign".to_owned(),
            title: "String to sign".to_owned(),
            text: text.clone(),
        });
    }
    if let Some(k) = &c.public_key {
        steps.push(SigningStep {
            id: "public-key".to_owned(),
            title: "Public key derived from the secret (P-256)".to_owned(),
            text: format!("X = {}\nY = {}", k.x, k.y),
        });
    }
    Signing {
        steps,
        provided_in: "In the URL".to_owned(),
        provided: c.params.signature.clone(),
        computed: None,
    }
}
