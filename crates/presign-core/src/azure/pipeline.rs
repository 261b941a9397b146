//! The Azure SAS pipeline: reads the SAS and the resource the URL names, checks what they show
//! against the request, builds the string to sign of the SAS's version, signs it with the key
//! when given, searches for a root cause when the signature differs, and fills the report's
//! generic `decoded` and `signing` (and its own `azure_sas`).

use crate::azure::layout::Layout;
use crate::azure::params::{is_signature, read_sas, SasKind, SasParams};
use crate::azure::resource::{canonicalized_resource, storage_resource, StorageResource};
use crate::azure::root_cause::{search, SasSearchInput};
use crate::azure::signature::{read_key, sas_signature};
use crate::azure::string_to_sign::{sas_string_to_sign, SigningContext, ValueReading};
use crate::crypto::constant_time_eq;
use crate::diagnose::azure::{self as findings, SasView};
use crate::diagnose::azure_key;
use crate::diagnose::secret::{self, KeyRules};
use crate::diagnose::{guard, matches, reading};
use crate::endpoint::decode_endpoint;
use crate::explain;
use crate::finding::Severity;
use crate::input::url::{RawPair, RawUrl};
use crate::inspect::{header_pairs, sent_request, Inputs};
use crate::report::{Family, Report, ReportDetail, SentRequest, Signing, SigningStep, Validity};
use crate::types::Secret;
use serde::Serialize;

/// Every Azure SAS intermediate, for `--json` and tests (views use `decoded` and `signing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzureSasComputation {
    pub params: SasParams,
    pub resource: StorageResource,
    /// The layout of `sv`; `None` for versions older than the layouts known here.
    pub layout: Option<Layout>,
    /// Service and user delegation SAS: `/blob/<account>/<container>[/<blob>]`.
    pub canonicalized_resource: Option<String>,
    /// `None` while the account or the version is unknown.
    pub string_to_sign: Option<String>,
    /// Only with a key.
    pub computed_signature: Option<String>,
    /// Whether the key signs the string to sign to `sig`.
    pub verified: Option<bool>,
}

/// Inspects an Azure SAS URL into `report`.
pub fn inspect_azure_sas(inputs: &Inputs, url: RawUrl, detail: ReportDetail, report: &mut Report) {
    let params = read_sas(&url);
    let resource = storage_resource(&url);
    let (request, headers_given) = sent_request(inputs, report.curl.as_ref(), &url, None);
    report.findings.extend(guard::bad_escapes(&url));
    report.findings.extend(guard::suspicious_in_request(
        &url,
        &decode_endpoint(&url),
        &request.headers,
        &inputs.unicode,
    ));
    report
        .findings
        .extend(params.problems.iter().map(reading::problem_finding));
    report.findings.extend(findings::checks(&SasView {
        url: &url,
        params: &params,
        resource: &resource,
        method: request.method,
        method_told: request.method_source.is_told(),
        headers: &request.headers,
        headers_given,
        now: report.now,
    }));
    if let Some(end) = params.expiry {
        report.validity = Some(Validity {
            // A SAS has no signing time: its start, else its expiry.
            signed_at: params.start.unwrap_or(end),
            expires_at: Some(end),
            now: report.now,
            seconds_left: Some(end.0.saturating_sub(report.now.0)),
        });
    }
    let computation = compute(inputs, &url, params, resource, &request, report);
    if detail == ReportDetail::Full {
        report.parameters = explain::parameter_rows(&url, explain::azure_parameter);
        report.decoded = super::decoded::decoded(&computation, &request, inputs, report.now);
    }
    report.signing = Some(Signing {
        steps: computation
            .string_to_sign
            .iter()
            .map(|text| SigningStep {
                id: "string-to-sign".to_owned(),
                title: computation.layout.map_or_else(
                    || "String to sign".to_owned(),
                    |l| format!("String to sign (layout of {})", l.versions()),
                ),
                text: text.clone(),
            })
            .collect(),
        provided_in: "In the URL (sig)".to_owned(),
        provided: computation.params.get("sig").map(str::to_owned),
        computed: computation.computed_signature.clone(),
    });
    report.family = Some(Family::AzureSas);
    report.azure_sas = Some(computation);
    report.url = Some(url);
    report.request = Some(request);
    crate::diagnose::azure_error::compare_report(&inputs.error_xml, report);
}

/// The snapshot time or version id of the request, for `sr=bs` / `sr=bv`.
fn snapshot(url: &RawUrl, sr: &str) -> String {
    let name = match sr {
        "bs" => "snapshot",
        "bv" => "versionid",
        _ => return String::new(),
    };
    url.pairs
        .iter()
        .find(|p| p.name_is_ignore_ascii_case(name))
        .map(RawPair::value_text)
        .unwrap_or_default()
}

fn compute(
    inputs: &Inputs,
    url: &RawUrl,
    params: SasParams,
    resource: StorageResource,
    request: &SentRequest,
    report: &mut Report,
) -> AzureSasComputation {
    let layout = params
        .get("sv")
        .and_then(|sv| Layout::for_version(params.kind, sv));
    let mut c = AzureSasComputation {
        layout,
        canonicalized_resource: None,
        string_to_sign: None,
        computed_signature: None,
        verified: None,
        params,
        resource,
    };
    let (Some(layout), Some(account)) = (layout, c.resource.account.clone()) else {
        return c;
    };
    let sr = c.params.value("sr").to_owned();
    let canonical = (c.params.kind != SasKind::Account)
        .then(|| canonicalized_resource(&account, &c.resource.container, &c.resource.blob, &sr));
    let headers = header_pairs(request);
    let query: Vec<(String, String)> = url
        .pairs
        .iter()
        .map(|p| (p.name_text(), p.value_text()))
        .collect();
    let snapshot = snapshot(url, &sr);
    let ctx = SigningContext {
        account: &account,
        resource: canonical.as_deref().unwrap_or(""),
        snapshot: &snapshot,
        headers: &headers,
        query: &query,
    };
    let text = sas_string_to_sign(layout, &c.params, &ctx, ValueReading::Decoded);
    if let Some(secret) = inputs.secret.as_ref().filter(|s| !s.is_empty()) {
        match read_key(secret) {
            Err(problem) => {
                // Quotes or an escape around a good key: said as such, proved when the cleaned
                // key signs the string to sign to `sig`.
                let provided = c.params.value("sig").to_owned();
                let flaws = secret::findings(secret.expose(), KeyRules::Other, |candidate| {
                    read_key(&Secret::new(candidate)).is_ok_and(|k| {
                        constant_time_eq(
                            sas_signature(&k.bytes, &text).as_bytes(),
                            provided.as_bytes(),
                        )
                    })
                });
                if !flaws.iter().any(|f| f.severity == Severity::Error) {
                    report.findings.push(azure_key::key_problem(problem));
                }
                report.findings.extend(flaws);
            }
            Ok(key) => {
                let computed = sas_signature(&key.bytes, &text);
                if let Some(provided) = c.params.get("sig").filter(|s| is_signature(s)) {
                    let valid = constant_time_eq(computed.as_bytes(), provided.as_bytes());
                    let mut tried = None;
                    if !valid {
                        let account_as_written = url
                            .host_as_written
                            .split('.')
                            .next()
                            .filter(|_| !c.resource.account_in_path)
                            .unwrap_or(&account);
                        let found = search(&SasSearchInput {
                            params: &c.params,
                            layout,
                            ctx,
                            raw_blob: &c.resource.raw_blob,
                            container: &c.resource.container,
                            account_as_written,
                            key: &key,
                            provided,
                            normalizer: inputs.normalizer,
                        });
                        report.findings.extend(matches::root_cause_findings(&found));
                        if found.matches.is_empty() {
                            tried = Some(found.variants_tried);
                            report.findings.extend(azure_key::key_evidence(
                                &key,
                                c.params.kind,
                                Some(&account),
                            ));
                        }
                        report.root_cause = Some(found);
                    }
                    report
                        .findings
                        .push(azure_key::verification(valid, provided, &computed, tried));
                    c.verified = Some(valid);
                }
                c.computed_signature = Some(computed);
            }
        }
    }
    c.canonicalized_resource = canonical;
    c.string_to_sign = Some(text);
    c
}
