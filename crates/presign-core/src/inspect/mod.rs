//! The pipeline: inputs and an instant in, a report out. Everything the page and the command
//! line show comes from here.

mod s3_query;
mod s3_signing;
mod server;

use crate::diagnose::guard;
use crate::diagnose::root_cause::RootCauseSearch;
use crate::diagnose::{reading, verdict};
use crate::input::body::BodyDigest;
use crate::input::curl::{looks_like_curl, parse_curl};
use crate::input::detect::url_family;
use crate::input::form::read_post;
use crate::input::url::parse_url;
use crate::normalize::Normalizer;
use crate::post_policy::pipeline::inspect_post;
use crate::post_policy::UploadFile;
use crate::report::{Family, Report, ReportDetail};
use crate::sigv4::signature::SigningKeyCache;
use crate::sigv4_header;
use crate::time::UnixTime;
use crate::types::{HttpMethod, Secret};
use crate::unicode::Unicode;
pub use s3_query::header_pairs;
use s3_query::inspect_url;
pub(crate) use s3_query::sent_request;
use server::compare_with_server;

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
            Some(Family::AzureSas) => {
                crate::azure::pipeline::inspect_azure_sas(inputs, url, detail, &mut report);
            }
            Some(Family::Sigv4a) => {
                crate::sigv4a::pipeline::inspect_sigv4a(inputs, url, detail, keys, &mut report);
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
