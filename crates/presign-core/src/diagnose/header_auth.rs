//! What a header-signed request's `Authorization` header, date and credential scope show by
//! themselves: the header cannot be read, no date, the scope against the date and the host, the
//! request time against the service's clock window, the session token.

use crate::aws_host::{HostCertainty, ServiceHost};
use crate::endpoint::{Endpoint, EndpointFeature, Provider};
use crate::finding::{Code, Finding, Severity};
use crate::sigv4::authorization::{Authorization, AuthorizationProblem, AWS4_ECDSA_P256_SHA256};
use crate::sigv4::header_request::{DateSource, RequestDate};
use crate::sigv4::params::{CredentialScope, AWS4_REQUEST};
use crate::time::{human_duration, UnixTime};
use crate::types::AddressingStyle;

/// How far a request's date may be from the service's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockWindow {
    pub seconds: i64,
    /// Whether the service's window is known; if not, 5 minutes is checked (the shorter one in
    /// use) and the words say that some services allow 15.
    pub known: bool,
}

/// The clock window of a service: 15 minutes for S3, STS and IAM (their "Signature expired"
/// messages say `- 15 min.`), 5 minutes for JSON services such as Kinesis, Rekognition and
/// Glacier (`- 5 min.`); others are checked at 5 minutes and said to allow 5 or 15.
pub fn clock_window(service: &str) -> ClockWindow {
    match service {
        "s3" | "s3express" | "s3-object-lambda" | "sts" | "iam" => ClockWindow {
            seconds: 900,
            known: true,
        },
        "kinesis" | "rekognition" | "glacier" => ClockWindow {
            seconds: 300,
            known: true,
        },
        _ => ClockWindow {
            seconds: 300,
            known: false,
        },
    }
}

impl ClockWindow {
    pub fn describe(self, service: &str) -> String {
        if self.known {
            format!("{} minutes ({service})", self.seconds / 60)
        } else {
            format!("5 or 15 minutes, depending on the service ({service})")
        }
    }
}

/// `missing-authorization`: nothing signs the request.
pub fn missing_authorization() -> Finding {
    Finding::new(
        Code::MissingAuthorization,
        Severity::Error,
        "The request has no Authorization header",
        "A header-signed request carries Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…, and a presigned one X-Amz-Signature in its query; this request has neither, so AWS treats it as anonymous (S3: AccessDenied; other services: MissingAuthenticationToken). Paste the request as it was sent, with its Authorization header (curl -v shows it on a line starting with > Authorization:).",
    )
}

/// `authorization-malformed` (or `unsupported-algorithm`): the header as the service fails to
/// read it, one finding with every problem as evidence.
pub fn authorization_problems(auth: &Authorization) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut malformed: Vec<(String, String)> = Vec::new();
    for problem in &auth.problems {
        match problem {
            AuthorizationProblem::NotSigV4 { scheme } => {
                let (title, detail) = match scheme.as_str() {
                    "" => ("The Authorization header is empty".to_owned(), "AWS reads no algorithm and answers IncompleteSignature. The signer did not run, or its output was lost on the way.".to_owned()),
                    "Basic" => ("The Authorization header is HTTP Basic, not SigV4".to_owned(), "curl --user (or -u) without --aws-sigv4 sends Basic credentials, which AWS does not read (IncompleteSignature: \"Authorization=Basic …\"). With curl, add --aws-sigv4 \"aws:amz:REGION:SERVICE\" so that curl signs with the key pair given in --user.".to_owned()),
                    "AWS" => ("The Authorization header is Signature Version 2".to_owned(), "\"AWS AKID:signature\" is the legacy SigV2 header. Only S3 in old regions still reads it; sign with Signature Version 4 (AWS4-HMAC-SHA256).".to_owned()),
                    other => (format!("The Authorization header uses \u{201c}{other}\u{201d}, not AWS4-HMAC-SHA256"), "AWS services read AWS4-HMAC-SHA256 signatures (SigV4) in this header. A proxy or library put its own credentials there (Bearer tokens belong to other APIs): sign the request with an AWS SDK's SigV4 signer.".to_owned()),
                };
                out.push(
                    Finding::new(Code::AuthorizationMalformed, Severity::Error, title, detail)
                        .with("scheme", scheme.clone()),
                );
            }
            AuthorizationProblem::OtherAlgorithm { algorithm } => {
                let detail = if algorithm == AWS4_ECDSA_P256_SHA256 {
                    "This is SigV4A (multi-region access points), signed with an ECDSA key derived from the secret. This page re-signs AWS4-HMAC-SHA256; the date, scope and header checks still apply.".to_owned()
                } else {
                    format!("AWS reads AWS4-HMAC-SHA256 (and AWS4-ECDSA-P256-SHA256 for SigV4A); \u{201c}{algorithm}\u{201d} is not an algorithm it accepts.")
                };
                out.push(
                    Finding::new(
                        Code::UnsupportedAlgorithm,
                        Severity::Error,
                        format!("Unsupported algorithm {algorithm}"),
                        detail,
                    )
                    .with("algorithm", algorithm.clone()),
                );
            }
            AuthorizationProblem::MissingPart { name } => malformed.push((
                (*name).to_owned(),
                format!("Authorization header requires '{name}' parameter."),
            )),
            AuthorizationProblem::NotKeyValue { piece } => malformed.push((
                "piece".to_owned(),
                format!("'{piece}' not a valid key=value pair (missing equal-sign): a space after Credential= or another stray word"),
            )),
            AuthorizationProblem::Duplicate { name } => {
                malformed.push(((*name).to_owned(), format!("{name} is given twice")));
            }
            AuthorizationProblem::UnknownPart { key } => malformed.push((
                key.clone(),
                format!("unknown part {key}= (the names are Credential, SignedHeaders, Signature, with this case)"),
            )),
            AuthorizationProblem::CredentialParts { value, parts } => malformed.push((
                "Credential".to_owned(),
                format!("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{value}' ({parts})"),
            )),
            AuthorizationProblem::MalformedSignature { value } => malformed.push((
                "Signature".to_owned(),
                format!("the signature {value} is not 64 lower-case hex digits"),
            )),
            AuthorizationProblem::Redacted => out.push(crate::diagnose::reading::problem_finding(
                &crate::sigv4::params::ParamProblem::Redacted { name: "Signature" },
            )),
            AuthorizationProblem::HostNotSigned => malformed.push((
                "SignedHeaders".to_owned(),
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.".to_owned(),
            )),
        }
    }
    if !malformed.is_empty() {
        let mut f = Finding::new(
            Code::AuthorizationMalformed,
            Severity::Error,
            "The Authorization header is malformed",
            "AWS cannot read it and answers IncompleteSignature (or AuthorizationHeaderMalformed) before it looks at the signature. The form is AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/REGION/SERVICE/aws4_request, SignedHeaders=host;x-amz-date;…, Signature=<64 hex>, the parts joined by \", \" or \",\", no space after \"=\". Let an SDK's signer build it, or fix what is listed.",
        );
        for (part, problem) in malformed {
            f = f.with(part, problem);
        }
        out.push(f);
    }
    out
}

/// `missing-date`, `credential-date-mismatch`, and the request time against the clock window.
pub fn date_checks(
    date: Option<&RequestDate>,
    scope: Option<&CredentialScope>,
    window: ClockWindow,
    service: &str,
    now: UnixTime,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(date) = date else {
        out.push(Finding::new(
            Code::MissingDate,
            Severity::Error,
            "The request has neither X-Amz-Date nor Date",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header: the date is the second line of the string to sign and must be sent. Send X-Amz-Date: YYYYMMDDTHHMMSSZ (UTC), the value the signer used.",
        ));
        return out;
    };
    let header = match date.source {
        DateSource::XAmzDate => "X-Amz-Date",
        DateSource::Date => "Date",
    };
    let (Some(instant), Some(amz_date)) = (date.instant, date.amz_date.as_deref()) else {
        let form = match date.source {
            DateSource::XAmzDate => "YYYYMMDDTHHMMSSZ in UTC, e.g. 20150830T123600Z",
            DateSource::Date => "an HTTP date, e.g. Fri, 24 May 2013 00:00:00 GMT",
        };
        out.push(
            Finding::new(
                Code::MissingDate,
                Severity::Error,
                format!("{header} is not a date AWS reads"),
                format!("{header} must be {form}; AWS finds no date it can read and answers IncompleteSignature or a signature mismatch. Send the value the signer used, as it wrote it."),
            )
            .with(header, date.value.clone()),
        );
        return out;
    };
    if let Some(scope) = scope {
        if amz_date.get(..8) != Some(scope.date.as_str()) {
            out.push(
                Finding::new(
                    Code::CredentialDateMismatch,
                    Severity::Error,
                    format!("The credential date {} is not the day of {header} {amz_date}", scope.date),
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: the scope's date must be the UTC day of the request's date, even a second after midnight. The signer mixed local and UTC time, or the date header was changed after signing: take both from one UTC instant.",
                )
                .with("credential-date", scope.date.clone())
                .with(header, date.value.clone()),
            );
        }
    }
    let skew = instant.0.saturating_sub(now.0);
    let window_words = window.describe(service);
    if skew > window.seconds {
        let severity = if window.known || skew > 900 {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(
                Code::SignatureNotYetCurrent,
                severity,
                format!("The request is dated {} in the future", human_duration(skew)),
                format!("{header} is {instant}, {} after now ({now}); AWS accepts a request within {window_words} of its own clock and answers \u{201c}Signature not yet current\u{201d} beyond. A request cannot be signed in the future: the signing machine's clock runs ahead (or this one runs behind). Sync it (NTP: timedatectl set-ntp true, w32tm /resync) and sign again.", human_duration(skew)),
            )
            .with(header, date.value.clone())
            .with("now", now.to_string())
            .with("window", window_words),
        );
    } else if -skew > window.seconds {
        out.push(
            Finding::new(
                Code::SignatureExpired,
                Severity::Warning,
                format!("The request was signed {} ago", human_duration(skew)),
                format!("{header} is {instant}; AWS accepts a request within {window_words} of its signing time and answers \u{201c}Signature expired: … is now earlier than …\u{201d} after that. Sent now, this request is refused: sign it again just before sending. If it was copied straight from the signer, that machine's clock is {} behind: sync it (NTP). If it comes from an older log, this is not why it failed then (evaluate at its time: --now).", human_duration(skew)),
            )
            .with(header, date.value.clone())
            .with("now", now.to_string())
            .with("window", window_words),
        );
    }
    out
}

/// `bad-terminator`, `wrong-service`, `region-mismatch`, `global-endpoint`: the scope against
/// the host. `endpoint` is the S3 reading of the host, `host` the other services'.
pub fn scope_checks(
    scope: &CredentialScope,
    endpoint: Option<&Endpoint>,
    host: Option<&ServiceHost>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if scope.terminator != AWS4_REQUEST {
        out.push(
            Finding::new(
                Code::BadTerminator,
                Severity::Error,
                format!("The credential scope ends with \u{201c}{}\u{201d}, not aws4_request", scope.terminator),
                "Credential should be scoped with a valid terminator: 'aws4_request'. The last part of Credential= is the literal aws4_request, lower case; the header was built by hand or damaged.",
            )
            .with("terminator", scope.terminator.clone()),
        );
    }
    if let Some(endpoint) = endpoint.filter(|e| e.provider == Provider::AwsS3) {
        s3_scope(scope, endpoint, &mut out);
    } else if let Some(host) = host {
        service_scope(scope, host, &mut out);
    }
    out
}

fn wrong_service(
    scope: &CredentialScope,
    expected: &str,
    severity: Severity,
    why: &str,
) -> Finding {
    Finding::new(
        Code::WrongService,
        severity,
        format!("Signed for the service \u{201c}{}\u{201d}, sent to {expected}", scope.service),
        format!("Credential should be scoped to correct service: '{expected}'. {why} Sign with the service name {expected} (the signing name, which is not always the host's first word: execute-api for API Gateway, ses for email.…, lambda for function URLs)."),
    )
    .with("credential-service", scope.service.clone())
    .with("expected", expected)
}

fn region_mismatch(scope: &CredentialScope, expected: &str, why: &str) -> Finding {
    Finding::new(
        Code::RegionMismatch,
        Severity::Error,
        format!("Signed for region {}, sent to an endpoint in {expected}", scope.region),
        format!("Credential should be scoped to a valid region, not '{}'. {why} Sign with region {expected} (the client's region setting), or send the request to the endpoint of {}.", scope.region, scope.region),
    )
    .with("credential-region", scope.region.clone())
    .with("endpoint-region", expected)
}

fn service_scope(scope: &CredentialScope, host: &ServiceHost, out: &mut Vec<Finding>) {
    if scope.service != host.signing_name {
        let (severity, why) = match host.certainty {
            HostCertainty::Known => (Severity::Error, "The host is an endpoint of that service, which checks the service named in the credential scope."),
            HostCertainty::Guessed => (Severity::Warning, "The host's first word usually is the service's signing name; if this service signs under another name, ignore this."),
        };
        out.push(wrong_service(scope, &host.signing_name, severity, why));
    }
    if let Some(region) = host.region.as_deref().filter(|r| *r != scope.region) {
        let why = if host.global {
            "This is a global endpoint, which is signed for us-east-1 whatever region the client uses (or use the regional endpoint, e.g. sts.REGION.amazonaws.com)."
        } else {
            "The host names its region, and the service checks the scope against it."
        };
        out.push(region_mismatch(scope, region, why));
    }
}

fn s3_scope(scope: &CredentialScope, endpoint: &Endpoint, out: &mut Vec<Finding>) {
    let s3_service = matches!(scope.service.as_str(), "s3" | "s3express")
        || (scope.service == "s3-object-lambda" && endpoint.has(EndpointFeature::ObjectLambda));
    if !s3_service {
        out.push(wrong_service(
            scope,
            "s3",
            Severity::Error,
            "The host is an S3 endpoint, which only accepts signatures for the service s3 (s3-object-lambda on Object Lambda access points).",
        ));
    }
    if endpoint.has(EndpointFeature::LegacyGlobal) {
        if scope.region != "us-east-1" && endpoint.style == AddressingStyle::PathStyle {
            out.push(
                Finding::new(
                    Code::GlobalEndpoint,
                    Severity::Error,
                    format!("Path-style request to the global host s3.amazonaws.com, signed for {}", scope.region),
                    format!("The path-style global host is us-east-1: S3 answers AuthorizationHeaderMalformed (expecting 'us-east-1') or 301 PermanentRedirect for a bucket in {}. Send it to s3.{}.amazonaws.com, or use the virtual-hosted host bucket.s3.amazonaws.com.", scope.region, scope.region),
                )
                .with("credential-region", scope.region.clone())
                .with("endpoint-region", "us-east-1"),
            );
        }
        return;
    }
    if let Some(expected) = endpoint.expected_region.as_deref() {
        if expected != scope.region {
            out.push(region_mismatch(
                scope,
                expected,
                "The S3 host names its region and S3 answers AuthorizationHeaderMalformed (\u{201c}the region '…' is wrong; expecting '…'\u{201d}).",
            ));
        }
    }
}

/// `missing-security-token` and `session-token-unsigned`.
pub fn token_checks(
    scope: &CredentialScope,
    auth: &Authorization,
    token_sent: bool,
    s3: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let temporary = scope.access_key_id.starts_with("ASIA");
    if temporary && !token_sent {
        out.push(
            Finding::new(
                Code::MissingSecurityToken,
                Severity::Error,
                format!("Temporary access key {} without X-Amz-Security-Token", scope.access_key_id),
                "Access key ids starting with ASIA belong to temporary credentials (STS, a role, SSO), which only work with their session token. AWS answers InvalidAccessKeyId, UnrecognizedClientException or \u{201c}The security token included in the request is invalid\u{201d}. Send X-Amz-Security-Token with the session token (the SDK does when it is given the whole credentials).",
            )
            .with("access-key-id", scope.access_key_id.clone()),
        );
    }
    if token_sent && !auth.signs("x-amz-security-token") {
        let (severity, detail) = if s3 {
            (Severity::Error, "S3 requires every x-amz-* header to be signed and answers AccessDenied (\u{201c}There were headers present in the request which were not signed\u{201d}). Add the token before signing, so that SignedHeaders lists x-amz-security-token.")
        } else {
            (Severity::Info, "Some services want the token added after signing and others want it signed (the AWS test suite's post-sts-header-after and -before). SDKs sign it; if the service answers with a signature or token error, add the token before signing.")
        };
        out.push(
            Finding::new(
                Code::SessionTokenUnsigned,
                severity,
                "X-Amz-Security-Token is sent but not signed",
                detail,
            )
            .with("SignedHeaders", auth.signed_headers.join(";")),
        );
    }
    out
}
