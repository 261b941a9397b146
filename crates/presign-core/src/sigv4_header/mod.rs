//! The header-signed `SigV4` family (`sigv4-header`): a request to any AWS service signed in its
//! `Authorization: AWS4-HMAC-SHA256 …` header, pasted as a raw HTTP request, a curl command, or
//! an SDK's debug log. Its stages are in `sigv4/` (`authorization`, `header_request`,
//! `streaming`, with the shared canonical request, string to sign and signature); its findings
//! in `diagnose/header_auth`, `diagnose/header_content`, `diagnose/sdk_log` and `diagnose/aws_error`.

pub mod fields;
pub mod log;
pub mod pipeline;
pub mod request;
pub mod search;
pub mod snippets;

use crate::diagnose::diff::DiffLine;
use crate::input::curl::{looks_like_curl, parse_curl, CurlRequest};
use crate::input::detect::{detect, Pasted};
use crate::input::headers::SentHeader;
use crate::input::http::parse_http_request;
use crate::input::sdk_log::SigningBlock;
use crate::inspect::Inputs;
use crate::report::Report;
use crate::sigv4::authorization::{Authorization, AUTHORIZATION};
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::sigv4::header_request::{PathRules, PayloadHash, RequestDate};
use crate::sigv4::signature::SigningKeyCache;
use crate::sigv4::streaming::ChunkCheck;
use crate::time::UnixTime;
use crate::ReportDetail;
use request::RequestSource;
use serde::Serialize;

/// What the inspection of a header-signed request worked out, for tests and `--json` (the page
/// renders `Report::decoded` and `Report::signing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderInspection {
    pub source: RequestSource,
    /// `METHOD https://host/path?query`, as sent.
    pub request_line: String,
    pub method: String,
    /// `https://host/path?query` as sent (`https` unless the input said).
    pub url: String,
    pub host: String,
    /// The headers as sent, in order.
    pub headers: Vec<SentHeader>,
    /// The body as text, when it is short printable text (for the snippets); longer bodies are
    /// only hashed.
    pub body_text: Option<String>,
    pub authorization: Option<Authorization>,
    pub rules: Option<PathRules>,
    pub date: Option<RequestDate>,
    pub payload: Option<PayloadHash>,
    /// The body's SHA-256 and length, when known (from the request or the body file).
    pub body_sha256: Option<String>,
    pub body_length: Option<u64>,
    pub canonical_request: Option<CanonicalRequest>,
    pub canonical_request_text: Option<String>,
    pub string_to_sign_text: Option<String>,
    pub missing_signed_headers: Vec<String>,
    pub provided_signature: Option<String>,
    /// Only with the secret.
    pub computed_signature: Option<String>,
    /// aws-chunked uploads signed chunk by chunk, checked with the secret.
    pub chunks: Vec<ChunkCheck>,
    /// What the SDK logged it signed, when the input is a debug log.
    pub client: Option<SigningBlock>,
    /// The SDK's canonical request against the one computed here from the request it logged.
    pub client_diff: Vec<DiffLine>,
}

/// What one inspection needs besides the request.
pub struct Context<'a> {
    pub inputs: &'a Inputs,
    pub now: UnixTime,
    pub detail: ReportDetail,
    pub keys: &'a mut SigningKeyCache,
}

/// Whether a curl command is a header-signed request: it sends `Authorization: AWS4-…` or signs
/// with `--aws-sigv4`.
pub fn is_header_signed_curl(curl: &CurlRequest) -> bool {
    curl.aws_sigv4.is_some()
        || curl.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case(AUTHORIZATION) && h.value.trim_start().starts_with("AWS4-")
        })
}

/// Inspects the main input when it is this family's: a raw HTTP request, an SDK log, or a
/// header-signed curl command (in the main input, or in the headers input with the main input
/// empty). `None` leaves the input to the URL families.
pub fn inspect_if_header_signed(
    inputs: &Inputs,
    now: UnixTime,
    detail: ReportDetail,
    keys: &mut SigningKeyCache,
) -> Option<Report> {
    let main = inputs.url.as_str();
    let kind = match detect(main) {
        Pasted::Empty if looks_like_curl(&inputs.headers) => Pasted::Curl,
        kind => kind,
    };
    let mut ctx = Context {
        inputs,
        now,
        detail,
        keys,
    };
    match kind {
        Pasted::HttpRequest => {
            let http = parse_http_request(main);
            let request = request::from_http(&http);
            if let Some(url_inputs) = pipeline::presigned_inside(&request, inputs) {
                return Some(crate::inspect::inspect_with(
                    &url_inputs,
                    now,
                    detail,
                    ctx.keys,
                ));
            }
            Some(pipeline::inspect_request(&request, None, &mut ctx))
        }
        Pasted::SdkLog => Some(log::inspect_log(main, &mut ctx)),
        Pasted::Curl => {
            let text = if main.trim().is_empty() {
                &inputs.headers
            } else {
                main
            };
            let curl = parse_curl(text);
            if !is_header_signed_curl(&curl) {
                return None;
            }
            Some(pipeline::inspect_curl(&curl, &mut ctx))
        }
        _ => None,
    }
}
