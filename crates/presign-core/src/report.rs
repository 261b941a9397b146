//! The report: everything an inspection found, as plain data that the page renders and the
//! command line prints as text or JSON.

use crate::azure::pipeline::AzureSasComputation;
use crate::diagnose::request_checks::MethodSource;
use crate::diagnose::root_cause::RootCauseSearch;
use crate::diagnose::server_error::ServerComparison;
use crate::endpoint::Endpoint;
use crate::finding::{Code, Finding, Severity};
use crate::input::curl::CurlRequest;
use crate::input::headers::ParsedHeaders;
use crate::input::url::RawUrl;
use crate::post_policy::PostReport;
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::sigv4::params::QueryAuth;
use crate::sigv4::signature::SigningKeyHex;
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4_header::HeaderInspection;
use crate::sigv4a::pipeline::Sigv4aComputation;
use crate::time::UnixTime;
use crate::types::HttpMethod;
use serde::Serialize;

/// The signing family a request belongs to: which rules sign it and which checks apply. Its
/// kebab-case name is part of `--json` (a public interface).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// An S3 (or S3-compatible) presigned URL, SigV4 query authentication.
    Sigv4Query,
    /// A legacy SigV2 presigned URL (`AWSAccessKeyId`, `Expires`, `Signature`).
    Sigv2Query,
    /// A request signed with SigV4 in its `Authorization` header, for any AWS service.
    Sigv4Header,
    /// An S3 presigned POST: a policy and a signature in form fields.
    PostPolicy,
    /// A Google Cloud Storage V4 signed URL.
    GcsV4,
    /// An Azure Storage shared access signature.
    AzureSas,
    /// A CloudFront signed URL (canned or custom policy).
    Cloudfront,
    /// SigV4A (`AWS4-ECDSA-P256-SHA256`): multi-region access points.
    Sigv4a,
}

impl Family {
    /// The kebab-case name, as in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Sigv4Query => "sigv4-query",
            Family::Sigv2Query => "sigv2-query",
            Family::Sigv4Header => "sigv4-header",
            Family::PostPolicy => "post-policy",
            Family::GcsV4 => "gcs-v4",
            Family::AzureSas => "azure-sas",
            Family::Cloudfront => "cloudfront",
            Family::Sigv4a => "sigv4a",
        }
    }

    /// What it is, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Family::Sigv4Query => "S3 presigned URL (Signature Version 4)",
            Family::Sigv2Query => "S3 presigned URL (legacy Signature Version 2)",
            Family::Sigv4Header => "Request signed with SigV4 in its Authorization header",
            Family::PostPolicy => "S3 presigned POST (policy and form fields)",
            Family::GcsV4 => "Google Cloud Storage V4 signed URL",
            Family::AzureSas => "Azure Storage shared access signature (SAS)",
            Family::Cloudfront => "CloudFront signed URL",
            Family::Sigv4a => "SigV4A presigned URL (multi-region access point)",
        }
    }
}

/// One decoded field in plain words, for any family: the page and the command line render
/// these rows as they are, so a family needs no view code of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecodedField {
    /// What it is ("Signed by", "Permissions", "Expires at", …).
    pub label: String,
    /// The value, shown as is (hidden characters already made visible by the family).
    pub value: String,
    /// What it means or implies, in plain words; empty when the label says enough.
    pub note: String,
    pub style: FieldStyle,
}

/// How a decoded value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldStyle {
    /// Words.
    Text,
    /// Bytes that matter to the character (keys, hosts, ids): monospaced.
    Code,
    /// An instant: `value` is RFC 3339 UTC; views add the local time.
    Time,
}

impl DecodedField {
    pub fn new(label: impl Into<String>, value: impl Into<String>, style: FieldStyle) -> Self {
        DecodedField {
            label: label.into(),
            value: value.into(),
            note: String::new(),
            style,
        }
    }

    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }
}

/// One intermediate of a family's signing, shown byte for byte (a canonical request, a string
/// to sign, a decoded policy, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigningStep {
    /// A stable kebab-case id (`canonical-request`, `string-to-sign`, `policy`, …): the page's
    /// `data-testid` and the CLI's section.
    pub id: String,
    pub title: String,
    pub text: String,
}

/// How a family that is not an S3 query URL was signed and checked, for any view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signing {
    pub steps: Vec<SigningStep>,
    /// Where the provided signature was found ("In the URL", "In the Authorization header", …).
    pub provided_in: String,
    pub provided: Option<String>,
    /// Only when the key material was given.
    pub computed: Option<String>,
}

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
    /// `None` until the input is read as one family's request.
    pub family: Option<Family>,
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
    /// A family's decoded fields in plain words (families other than S3 query URLs, whose
    /// fields are `url`, `endpoint`, `auth`, `validity` and `request`).
    pub decoded: Vec<DecodedField>,
    /// A family's signing intermediates and signatures (families other than S3 query URLs,
    /// whose are `sigv4` and `sigv2`).
    pub signing: Option<Signing>,
    /// SigV4A's own reading and intermediates (the family `sigv4a`).
    pub sigv4a: Option<Sigv4aComputation>,
    /// Azure SAS's own reading and intermediates (the family `azure-sas`).
    pub azure_sas: Option<AzureSasComputation>,
    /// When an S3 URL's signature does not match: what re-signing showed and what remains
    /// possible, as data (the `signature-mismatch` finding's detail says the same in one
    /// paragraph, for text views).
    pub remaining: Option<Remaining>,
    /// Whether the root-cause search ran, is still to run, or was not needed.
    pub root_cause_state: RootCauseState,
    /// A header-signed request's inspection (family `sigv4-header`).
    pub sigv4_header: Option<HeaderInspection>,
    /// A presigned POST: its fields, policy and conditions, each checked.
    pub post: Option<PostReport>,
    /// A GCS V4 URL's intermediates.
    pub gcs: Option<crate::gcs::GcsComputation>,
    /// A CloudFront URL's intermediates.
    pub cloudfront: Option<crate::cloudfront::CloudfrontComputation>,
    /// The instant evaluated at.
    pub now: UnixTime,
    /// Until when this report holds: the first instant after `now` at which a finding that
    /// depends on the clock appears, goes, or changes its words (an expiry, a start, a
    /// duration counted from now). `None`: nothing in it depends on the clock. Between `now`
    /// and this instant only the countdown (`validity` against the clock) moves.
    pub stable_until: Option<UnixTime>,
}

/// What a signature mismatch leaves open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remaining {
    /// What re-signing showed: the signature differs, how many variants were tried, whether
    /// S3's string to sign agrees.
    pub summary: String,
    /// Most likely first.
    pub possibilities: Vec<Possibility>,
}

/// One thing that may still explain a signature mismatch, and how to tell it from the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Possibility {
    pub cause: String,
    pub how_to_tell: String,
}

/// Where the root-cause search stands in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RootCauseState {
    /// Nothing to search for: no secret, no signature, or the signature matches.
    #[default]
    NotNeeded,
    /// The signature does not match and the search was left for later
    /// (`RootCausePlan::Defer`): the findings are those of the request itself, and
    /// `signature-mismatch` says nothing yet about re-signed variants.
    Deferred,
    /// The search ran (or its result was reused): `root_cause` holds it.
    Done,
}

impl Report {
    /// A report with nothing found yet, evaluated at `now`.
    pub fn new(now: UnixTime) -> Self {
        Report {
            family: None,
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
            decoded: Vec::new(),
            signing: None,
            sigv4_header: None,
            post: None,
            gcs: None,
            cloudfront: None,
            sigv4a: None,
            azure_sas: None,
            remaining: None,
            root_cause_state: RootCauseState::NotNeeded,
            now,
            stable_until: None,
        }
    }

    pub fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The access key id of an S3 query URL's signature, if it names one.
    pub fn auth_access_key_id(&self) -> Option<&str> {
        match &self.auth {
            QueryAuth::SigV4(p) => p.credential.as_ref().map(|c| c.access_key_id.as_str()),
            QueryAuth::SigV2(p) => p.access_key_id.as_deref(),
            QueryAuth::None => None,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether this report still holds at `now`: evaluated at or before it, and nothing that
    /// depends on the clock has changed since.
    pub fn holds_at(&self, now: UnixTime) -> bool {
        now.0 >= self.now.0 && self.stable_until.is_none_or(|t| now.0 < t.0)
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
