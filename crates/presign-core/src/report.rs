//! The report: everything an inspection found, as plain data that the page renders and the
//! command line prints as text or JSON.

use crate::diagnose::request_checks::MethodSource;
use crate::diagnose::root_cause::RootCauseSearch;
use crate::diagnose::server_error::ServerComparison;
use crate::endpoint::Endpoint;
use crate::finding::{Code, Finding, Severity};
use crate::input::curl::CurlRequest;
use crate::input::headers::ParsedHeaders;
use crate::input::url::RawUrl;
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::sigv4::params::QueryAuth;
use crate::sigv4::signature::SigningKeyHex;
use crate::sigv4::string_to_sign::StringToSign;
use crate::time::UnixTime;
use crate::types::HttpMethod;
use serde::Serialize;

/// The overall answer: the most important finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub code: Code,
    pub severity: Severity,
    pub title: String,
}

/// One query parameter, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParameterRow {
    pub name: String,
    pub raw_value: String,
    pub value: String,
    pub meaning: String,
}

/// Signing time and expiry, against `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Validity {
    pub signed_at: UnixTime,
    pub expires_at: Option<UnixTime>,
    pub now: UnixTime,
    /// Seconds from `now` to expiry; negative once expired.
    pub seconds_left: Option<i64>,
}

/// The request as it is evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentRequest {
    pub method: HttpMethod,
    /// Where `method` comes from.
    pub method_source: MethodSource,
    pub host: String,
    pub headers: ParsedHeaders,
}

/// Every SigV4 intermediate, for showing and diffing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigV4Computation {
    pub canonical_request: CanonicalRequest,
    pub canonical_request_text: String,
    pub string_to_sign: StringToSign,
    pub string_to_sign_text: String,
    /// Signed headers that the request does not send.
    pub missing_signed_headers: Vec<String>,
    /// Only with a secret.
    pub signing_key: Option<SigningKeyHex>,
    pub computed_signature: Option<String>,
    pub provided_signature: Option<String>,
}

/// SigV2 intermediates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigV2Computation {
    pub string_to_sign: String,
    pub computed_signature: Option<String>,
    pub provided_signature: Option<String>,
}

/// Everything the inspection found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub verdict: Verdict,
    /// Errors first, then warnings, info and ok.
    pub findings: Vec<Finding>,
    pub url: Option<RawUrl>,
    pub endpoint: Option<Endpoint>,
    pub auth: QueryAuth,
    pub parameters: Vec<ParameterRow>,
    pub validity: Option<Validity>,
    pub request: Option<SentRequest>,
    pub sigv4: Option<SigV4Computation>,
    pub sigv2: Option<SigV2Computation>,
    /// The curl command the request was read from, when one was pasted.
    pub curl: Option<CurlRequest>,
    /// The root-cause search, when the secret was given and the signature did not match.
    pub root_cause: Option<RootCauseSearch>,
    /// S3's error body read and compared with this page's computation, when one was pasted.
    pub server: Option<ServerComparison>,
    pub now: UnixTime,
}

impl Report {
    pub fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// How much of the report to build. The findings and the verdict are the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportDetail {
    /// Everything the page and `--json` show.
    #[default]
    Full,
    /// What `--batch` prints: the verdict and the findings (with the decoded URL, the
    /// canonical request and the string to sign they are computed from). The parameter table
    /// and the signing-key chain in hex are left out, which a batch of URLs would build only
    /// to drop.
    Findings,
}
