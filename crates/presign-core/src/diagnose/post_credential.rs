//! What a presigned POST's credential fields show: the algorithm, the formats of `x-amz-date`,
//! `x-amz-credential` and `x-amz-signature`, the credential's date against `x-amz-date`, its
//! service and terminator, its region against the endpoint's, and a temporary key's session
//! token (`SigV4`; the token also for `SigV2`).

use crate::diagnose::post_checks::PostView;
use crate::diagnose::reading;
use crate::finding::{Code, Finding, Severity};
use crate::post_policy::PostVersion;
use crate::sigv4::params::{ParamProblem, AWS4_HMAC_SHA256, AWS4_REQUEST, REDACTED_SIGNATURE};
use crate::time::parse_amz_date;

/// The `SigV4` credential fields.
pub fn credential(v: &PostView<'_>, out: &mut Vec<Finding>) {
    let form = v.form;
    if v.post.version != PostVersion::SigV4 {
        return;
    }
    if let Some(alg) = form
        .value("x-amz-algorithm")
        .filter(|a| *a != AWS4_HMAC_SHA256)
    {
        out.push(reading::unsupported_algorithm(alg));
    }
    let malformed = |name: &'static str, value: &str, expected: &'static str| {
        reading::problem_finding(&ParamProblem::Malformed {
            name,
            value: value.to_owned(),
            expected,
        })
    };
    let date = form.value("x-amz-date");
    if let Some(d) = date.filter(|d| parse_amz_date(d).is_none()) {
        out.push(malformed(
            "x-amz-date",
            d,
            "a UTC time as YYYYMMDDTHHMMSSZ, e.g. 20261120T100000Z",
        ));
    }
    if let Some(sig) = form
        .value("x-amz-signature")
        .filter(|s| *s != REDACTED_SIGNATURE)
        .filter(|s| s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        out.push(malformed("x-amz-signature", sig, "64 hexadecimal digits"));
    }
    let Some(scope) = v.scope else {
        if let Some(c) = form.value("x-amz-credential") {
            out.push(malformed(
                "x-amz-credential",
                c,
                "ACCESS_KEY_ID/YYYYMMDD/REGION/s3/aws4_request",
            ));
        }
        return;
    };
    if let Some(date) = date.filter(|d| d.get(..8).is_some_and(|day| day != scope.date)) {
        out.push(
            Finding::new(
                Code::CredentialDateMismatch,
                Severity::Error,
                format!("The credential date {} is not the day of x-amz-date {date}", scope.date),
                "The signing key is derived from the date in x-amz-credential, and S3 expects it to be the UTC day of x-amz-date. The fields were assembled by hand or from two clocks: take both from one UTC instant (or let the SDK build the POST).",
            )
            .with("credential-date", scope.date.clone())
            .with("x-amz-date", date),
        );
    }
    if scope.service != "s3" {
        out.push(
            Finding::new(
                Code::WrongService,
                Severity::Error,
                format!(
                    "The credential names the service \u{201c}{}\u{201d}, not s3",
                    scope.service
                ),
                "A presigned POST is signed for the service s3. Build it with the S3 client.",
            )
            .with("service", scope.service.clone()),
        );
    }
    if scope.terminator != AWS4_REQUEST {
        out.push(
            Finding::new(
                Code::BadTerminator,
                Severity::Error,
                format!(
                    "The credential ends with \u{201c}{}\u{201d}, not aws4_request",
                    scope.terminator
                ),
                "The last part of x-amz-credential must be the literal aws4_request.",
            )
            .with("terminator", scope.terminator.clone()),
        );
    }
    if let Some(host_region) = v
        .endpoint
        .and_then(|e| e.region.as_deref())
        .filter(|r| *r != scope.region)
    {
        out.push(
            Finding::new(
                Code::RegionMismatch,
                Severity::Error,
                format!("Signed for region {}, posted to an endpoint in {host_region}", scope.region),
                format!("S3 checks the signature with the region of the endpoint. Create the S3 client with the bucket's region ({host_region} if that is where the bucket is) and generate the POST again, or post to the endpoint of {}.", scope.region),
            )
            .with("credential-region", scope.region.clone())
            .with("endpoint-region", host_region),
        );
    }
}

/// A temporary access key (`ASIA…`) works only with its session token.
pub fn session_token(v: &PostView<'_>, out: &mut Vec<Finding>) {
    let form = v.form;
    let Some(access_key_id) = v
        .scope
        .map(|s| s.access_key_id.as_str())
        .or_else(|| form.value("AWSAccessKeyId"))
    else {
        return;
    };
    let temporary = access_key_id.starts_with("ASIA");
    let token = form.field("x-amz-security-token").is_some();
    if temporary && !token {
        out.push(
            Finding::new(
                Code::MissingSecurityToken,
                Severity::Error,
                format!("Temporary access key {access_key_id} without x-amz-security-token"),
                "Access keys starting with ASIA are temporary and work only with their session token: the form needs the x-amz-security-token field (and the policy a condition for it), as the SDK returns them. S3 answers InvalidAccessKeyId or InvalidToken otherwise.",
            )
            .with("access-key-id", access_key_id),
        );
    } else if temporary || token {
        out.push(
            Finding::new(
                Code::TemporaryCredentials,
                Severity::Info,
                "Signed with temporary credentials",
                "The form carries a session token: it stops working when that session ends (S3 answers ExpiredToken), even before the policy's expiration.",
            )
            .with("access-key-id", access_key_id),
        );
    }
}
