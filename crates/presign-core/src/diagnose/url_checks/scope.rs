//! The credential scope and the clock: expiry and start, the scope date, service, terminator
//! and region against the endpoint, and temporary credentials.

use super::{CLOCK_TOLERANCE_SECONDS, EXPIRES_SOON_SECONDS};
use crate::endpoint::{Endpoint, EndpointFeature, Provider};
use crate::finding::{Code, Finding, Severity};
use crate::sigv4::params::{CredentialScope, SigV4Params, AWS4_REQUEST, MAX_EXPIRES};
use crate::time::{human_duration, UnixTime};
use crate::types::AddressingStyle;

pub(crate) fn validity(params: &SigV4Params, now: UnixTime, out: &mut Vec<Finding>) {
    if let Some(expires) = params.expires {
        if expires > MAX_EXPIRES {
            out.push(
                Finding::new(
                    Code::ExpiresTooLong,
                    Severity::Error,
                    format!("X-Amz-Expires is {expires} s ({}), over the 7-day limit", human_duration(expires)),
                    "S3 refuses SigV4 presigned URLs valid for more than 604800 seconds (7 days) with AuthorizationQueryParametersError. Presign with an expiry of at most 604800 seconds; for longer access, issue fresh URLs on demand.",
                )
                .with("X-Amz-Expires", expires.to_string())
                .with("limit", MAX_EXPIRES.to_string()),
            );
        }
    }
    let Some(signed_at) = params.amz_date else {
        return;
    };
    if signed_at.0 > now.0 {
        let ahead = signed_at.0.saturating_sub(now.0);
        let severity = if ahead > CLOCK_TOLERANCE_SECONDS {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(
                Code::NotYetValid,
                severity,
                format!("The URL is not valid yet: it was signed {} in the future", human_duration(ahead)),
                format!(
                    "X-Amz-Date is {signed_at}, {} ahead of this computer's clock. The clock of the machine that presigned the URL runs ahead (or this clock runs behind); S3 answers \u{201c}Request is not valid yet\u{201d} beyond a few minutes of skew. Sync the signing machine's clock (NTP) and presign again.",
                    human_duration(ahead)
                ),
            )
            // Words only, no count of seconds and no `now`: the finding reads the same until
            // its duration does (diagnose::stability).
            .with("X-Amz-Date", signed_at.to_string()),
        );
    }
    if let Some(expires) = params.expires {
        if let Some(expires_at) = signed_at.checked_add(expires) {
            expiry(expires_at, now, Some(signed_at), out);
        }
    }
}

pub(super) fn expiry(
    expires_at: UnixTime,
    now: UnixTime,
    signed_at: Option<UnixTime>,
    out: &mut Vec<Finding>,
) {
    let left = expires_at.0.saturating_sub(now.0);
    if left <= 0 {
        let ago = human_duration(left);
        let mut f = Finding::new(
            Code::Expired,
            Severity::Error,
            format!("The URL expired {ago} ago, at {expires_at}"),
            "S3 answers 403 AccessDenied \u{201c}Request has expired\u{201d}. Validity is counted from the signing time, not from when the URL was handed out. Presign a new URL, with a longer expiry if it has to wait (at most 7 days; less with temporary credentials). If the URL should still be valid, check this computer's clock.",
        )
        .with("expired-at", expires_at.to_string());
        if let Some(s) = signed_at {
            f = f.with("signed-at", s.to_string());
        }
        out.push(f);
    } else if left <= EXPIRES_SOON_SECONDS {
        out.push(
            Finding::new(
                Code::ExpiresSoon,
                Severity::Warning,
                format!("The URL expires in {}, at {expires_at}", human_duration(left)),
                "A slow upload or a retry after this instant fails with \u{201c}Request has expired\u{201d}: S3 checks expiry when the request starts. Presign with more time if the transfer may take longer.",
            )
            .with("expires-at", expires_at.to_string()),
        );
    }
}

/// A bucket-less host for `region`, to name the endpoint to use.
pub(super) fn regional_host(endpoint: &Endpoint, region: &str) -> String {
    let bucket = endpoint
        .bucket
        .as_deref()
        .unwrap_or("BUCKET")
        .to_ascii_lowercase();
    match endpoint.style {
        AddressingStyle::VirtualHosted => format!("{bucket}.s3.{region}.amazonaws.com"),
        AddressingStyle::PathStyle => format!("s3.{region}.amazonaws.com/{bucket}"),
    }
}

pub(super) fn scope_checks(
    scope: &CredentialScope,
    params: &SigV4Params,
    endpoint: &Endpoint,
    out: &mut Vec<Finding>,
) {
    credential_date(&scope.date, params, out);
    wrong_service(&scope.service, endpoint, out);
    terminator(&scope.terminator, out);
    region_checks(scope, endpoint, out);
}

/// `credential-date-mismatch`: the scope's date is not the UTC day of `X-Amz-Date`.
pub(crate) fn credential_date(scope_date: &str, params: &SigV4Params, out: &mut Vec<Finding>) {
    if let Some(date) = params.amz_date_text.as_deref() {
        let day = date.get(..8).unwrap_or(date);
        if day != scope_date {
            out.push(
                Finding::new(
                    Code::CredentialDateMismatch,
                    Severity::Error,
                    format!("The credential date {scope_date} is not the day of X-Amz-Date {date}"),
                    "S3 requires the date in X-Amz-Credential to be the UTC day of X-Amz-Date, and answers AuthorizationQueryParametersError otherwise. The URL was assembled by hand or by a signer that mixed local and UTC time: derive both from the same UTC instant.",
                )
                .with("credential-date", scope_date)
                .with("X-Amz-Date", date),
            );
        }
    }
}

/// `wrong-service`: a scope service that S3 does not accept.
pub(crate) fn wrong_service(service: &str, endpoint: &Endpoint, out: &mut Vec<Finding>) {
    let is_s3_service = matches!(service, "s3" | "s3express")
        || (service == "s3-object-lambda" && endpoint.has(EndpointFeature::ObjectLambda));
    if !is_s3_service {
        // On an unknown host this may be another SigV4 API on purpose; on a storage endpoint
        // it is surely wrong.
        let (severity, detail) = if endpoint.provider == Provider::Custom {
            (
                Severity::Warning,
                "S3 and S3-compatible stores (MinIO, Ceph, …) only accept signatures whose credential scope names the service s3. If this host is an S3-compatible store, the URL was signed with another service's signer: presign with the S3 client.",
            )
        } else {
            (
                Severity::Error,
                "S3 only accepts signatures whose credential scope names the service s3 (s3-object-lambda on Object Lambda access points). The URL was signed with another service's signer: presign with the S3 client.",
            )
        };
        out.push(
            Finding::new(
                Code::WrongService,
                severity,
                format!("The credential scope names the service \u{201c}{service}\u{201d}, not s3"),
                detail,
            )
            .with("service", service)
            .with("expected", "s3"),
        );
    }
}

/// `bad-terminator`: the scope does not end with `aws4_request`.
pub(crate) fn terminator(terminator: &str, out: &mut Vec<Finding>) {
    if terminator != AWS4_REQUEST {
        out.push(
            Finding::new(
                Code::BadTerminator,
                Severity::Error,
                format!("The credential scope ends with \u{201c}{terminator}\u{201d}, not aws4_request"),
                "The last part of X-Amz-Credential must be the literal aws4_request. The URL was built by hand or damaged: presign it again with an SDK.",
            )
            .with("terminator", terminator),
        );
    }
}

pub(super) fn region_checks(scope: &CredentialScope, endpoint: &Endpoint, out: &mut Vec<Finding>) {
    let signed = scope.region.as_str();
    if endpoint.has(EndpointFeature::LegacyGlobal) && endpoint.provider == Provider::AwsS3 {
        if signed == "us-east-1" {
            return;
        }
        let to_use = regional_host(endpoint, signed);
        let finding = match endpoint.style {
            AddressingStyle::VirtualHosted => Finding::new(
                Code::GlobalEndpoint,
                Severity::Info,
                format!("Global host s3.amazonaws.com with a {signed} signature"),
                format!(
                    "boto3 presigns like this by default and it works: S3 routes bucket.s3.amazonaws.com to the bucket's region by DNS and checks the signature for {signed}. For a bucket created in the last day or so, DNS may not have caught up and S3 answers 307 Temporary Redirect, which browsers do not follow for uploads. To avoid that, presign on the regional host {to_use} (boto3: Config(s3={{'addressing_style': 'virtual'}}) and region_name='{signed}')."
                ),
            ),
            AddressingStyle::PathStyle => Finding::new(
                Code::GlobalEndpoint,
                Severity::Error,
                format!("Path-style URL on the global host s3.amazonaws.com, signed for {signed}"),
                format!(
                    "The path-style global host is us-east-1: S3 expects a us-east-1 signature there and answers AuthorizationQueryParametersError (or 301 PermanentRedirect) for a bucket in {signed}. Presign on the regional endpoint {to_use}."
                ),
            ),
        };
        out.push(
            finding
                .with("credential-region", signed)
                .with("endpoint-region", "us-east-1")
                .with("use-endpoint", to_use),
        );
        return;
    }
    let Some(expected) = endpoint.expected_region.as_deref() else {
        return;
    };
    if signed == expected {
        return;
    }
    // R2 accepts "auto" and, as an alias kept for SDK defaults, us-east-1 (and an empty region).
    if endpoint.provider == Provider::CloudflareR2 && (signed == "us-east-1" || signed.is_empty()) {
        return;
    }
    let to_use = match endpoint.provider {
        Provider::AwsS3 => regional_host(endpoint, signed),
        _ => format!(
            "the {} endpoint of region {signed}",
            endpoint.provider.name()
        ),
    };
    out.push(
        Finding::new(
            Code::RegionMismatch,
            Severity::Error,
            format!("Signed for region {signed}, sent to an endpoint in {expected}"),
            format!(
                "The credential scope says {signed} but the host is a {expected} endpoint. S3 checks the signature with the endpoint's region and answers AuthorizationQueryParametersError (\u{201c}the region '{signed}' is wrong; expecting '{expected}'\u{201d}). Presign with the client's region set to the bucket's region, {expected} here (region_name / new S3Client({{ region }})), or send the request to {to_use}."
            ),
        )
        .with("credential-region", signed)
        .with("endpoint-region", expected)
        .with("use-endpoint", to_use),
    );
}

pub(crate) fn temporary_credentials(
    access_key_id: &str,
    params: &SigV4Params,
    out: &mut Vec<Finding>,
) {
    let temporary_key = access_key_id.starts_with("ASIA");
    let has_token = params.security_token.is_some();
    if temporary_key && !has_token {
        out.push(
            Finding::new(
                Code::MissingSecurityToken,
                Severity::Error,
                format!("Temporary access key {access_key_id} without X-Amz-Security-Token"),
                "Access key ids starting with ASIA belong to temporary credentials (STS, an IAM role, SSO), which only work together with their session token. S3 answers InvalidAccessKeyId or InvalidToken. Presign with the full credentials (the SDK adds X-Amz-Security-Token), or do not strip that parameter from the URL.",
            )
            .with("access-key-id", access_key_id),
        );
    } else if temporary_key || has_token {
        let long = params.expires.is_some_and(|e| e > 3600);
        let expires = params.expires.map_or_else(
            || "?".to_owned(),
            |e| format!("{e} s ({})", human_duration(e)),
        );
        out.push(
            Finding::new(
                Code::TemporaryCredentials,
                if long { Severity::Warning } else { Severity::Info },
                "Signed with temporary credentials",
                format!(
                    "The URL carries a session token: it stops working when that session ends (S3 answers ExpiredToken), even if X-Amz-Expires ({expires}) has not run out. Role sessions last 1 hour by default (at most 12 h), instance and container credentials rotate every few hours. For long-lived URLs presign with an IAM user's long-term keys, or keep the expiry within the session."
                ),
            )
            .with("access-key-id", access_key_id)
            .with("X-Amz-Expires", expires),
        );
    }
}
