//! What the URL alone shows at instant `now`: expiry, the credential scope against the
//! endpoint, temporary credentials, bucket-name case, checksum parameters, signed headers.

use crate::endpoint::{Endpoint, EndpointFeature, Provider};
use crate::finding::{Code, Finding, Severity};
use crate::input::url::{Escaping, RawUrl};
use crate::sigv4::params::{
    is_checksum_name, CredentialScope, QueryAuth, SigV4Params, AWS4_REQUEST, MAX_EXPIRES,
};
use crate::time::{human_duration, UnixTime};
use crate::types::AddressingStyle;

/// A URL with less than this many seconds left is about to expire.
pub const EXPIRES_SOON_SECONDS: i64 = 600;
/// S3 tolerates this much clock difference (15 minutes) before refusing a request.
pub const CLOCK_TOLERANCE_SECONDS: i64 = 900;
/// CRC32 of an empty body, base64: what AWS SDK for JavaScript v3 signs into a PUT URL.
pub const EMPTY_BODY_CRC32: &str = "AAAAAA==";

/// Every URL-alone finding.
pub fn check(url: &RawUrl, endpoint: &Endpoint, auth: &QueryAuth, now: UnixTime) -> Vec<Finding> {
    let mut out = Vec::new();
    escaped_url(url, &mut out);
    plain_http(url, endpoint, &mut out);
    bucket_case(endpoint, &mut out);
    dotted_bucket_https(url, endpoint, &mut out);
    match auth {
        QueryAuth::SigV4(params) => {
            validity(params, now, &mut out);
            if let Some(scope) = &params.credential {
                scope_checks(scope, params, endpoint, &mut out);
                temporary_credentials(&scope.access_key_id, params, &mut out);
            }
            checksum_parameters(url, params, &mut out);
            signed_headers(params, &mut out);
            out.extend(super::sigv4a::sigv4a_required(url));
        }
        QueryAuth::SigV2(params) => {
            if let Some(expires) = params.expires {
                expiry(expires, now, None, &mut out);
            }
        }
        QueryAuth::None => {}
    }
    out
}

/// The pasted URL was escaped as a whole (HTML, JSON, or percent-encoded into another URL):
/// it is read with the escapes undone, and the user is told that a client must not send it so.
pub(crate) fn escaped_url(url: &RawUrl, out: &mut Vec<Finding>) {
    for layer in &url.cleanup.unescaped {
        let (title, detail) = match layer.escaping {
            Escaping::Html => (
                "The URL is HTML-escaped: &amp; stands for &",
                "It is read here with the escapes undone. That is how a URL looks in HTML source, a template or an e-mail; a client that sends it as written sends query parameters named amp;X-Amz-Credential, amp;X-Amz-Date, \u{2026}, and S3 rejects the request (AuthorizationQueryParametersError). Send the URL itself: the link's value as a browser reads it (html.unescape in Python), or escape it once, not twice, in the template.",
            ),
            Escaping::Json => (
                "The URL is JSON-escaped: \\u0026 stands for &, \\/ for /",
                "It is read here with the escapes undone. That is how a JSON encoder writes a URL (Go escapes & as \\u0026, PHP escapes / as \\/); a client that sends the raw text sends one garbled parameter instead of the signing parameters, and S3 rejects it. Parse the JSON and send the string value (JSON.parse, json.loads), not the text of the log line.",
            ),
            Escaping::Percent => (
                "The whole URL is percent-encoded once more",
                "It starts https%3A%2F%2F, as when a URL travels as a parameter of another URL (a redirect, a callback, a form field), and is read here decoded once. Send the decoded URL: decode the parameter once (decodeURIComponent, urllib.parse.unquote), and only once, since the URL's own escapes (%2F in the credential) are part of what was signed.",
            ),
        };
        out.push(
            Finding::new(Code::EscapedUrl, Severity::Warning, title, detail)
                .with("escapes-undone", layer.escapes.to_string()),
        );
    }
}

fn plain_http(url: &RawUrl, endpoint: &Endpoint, out: &mut Vec<Finding>) {
    plain_http_to(url, endpoint.provider == Provider::Custom, out);
}

/// `plain-http`, milder for a local or custom host (a test endpoint, an emulator).
pub(crate) fn plain_http_to(url: &RawUrl, local: bool, out: &mut Vec<Finding>) {
    if url.scheme != "http" {
        return;
    }
    let (severity, detail) = if local {
        (
            Severity::Info,
            "The URL uses plain http. That is usual for a local MinIO or test endpoint, but anyone on the path can read and replay it, and a page served over https cannot fetch it (mixed content). Use https outside a test network.",
        )
    } else {
        (
            Severity::Warning,
            "The URL uses plain http: anyone on the network path can read the object and replay the URL until it expires, and browsers block it from https pages (mixed content). Presign with an https endpoint; the signature does not cover the scheme, so only the scheme changes.",
        )
    };
    out.push(
        Finding::new(Code::PlainHttp, severity, "The URL uses plain http", detail)
            .with("scheme", url.scheme.clone()),
    );
}

fn bucket_case(endpoint: &Endpoint, out: &mut Vec<Finding>) {
    let Some(bucket) = endpoint.bucket.as_deref() else {
        return;
    };
    if !bucket.chars().any(|c| c.is_ascii_uppercase()) {
        return;
    }
    let lower = bucket.to_ascii_lowercase();
    let (severity, detail) = match endpoint.style {
        AddressingStyle::VirtualHosted => (
            Severity::Error,
            format!(
                "Bucket names are lower case; in the host name the case is lost (DNS and browsers send \u{201c}{lower}\u{201d}), so S3 looks for another bucket, or the signature computed over \u{201c}{bucket}\u{201d} does not match. Use the bucket's real, lower-case name when presigning."
            ),
        ),
        AddressingStyle::PathStyle => (
            Severity::Warning,
            format!(
                "Only legacy us-east-1 buckets may have upper-case letters, and only path-style URLs can reach them. If the bucket is really \u{201c}{lower}\u{201d}, presign with that name: S3 compares bucket names exactly."
            ),
        ),
    };
    out.push(
        Finding::new(
            Code::BucketCase,
            severity,
            format!("The bucket name \u{201c}{bucket}\u{201d} has upper-case letters"),
            detail,
        )
        .with("bucket", bucket)
        .with("lower-case", lower),
    );
}

/// A bucket name with dots in a virtual-hosted https host: the provider's certificate is a
/// wildcard for one label (`*.s3.eu-west-1.amazonaws.com`), so `a.b.s3.…` fails the TLS check
/// in browsers and curl before S3 sees the request. SDKs switch to path-style for such names;
/// hand-built URLs and some clients do not.
fn dotted_bucket_https(url: &RawUrl, endpoint: &Endpoint, out: &mut Vec<Finding>) {
    let Some(bucket) = endpoint.bucket.as_deref() else {
        return;
    };
    if url.scheme != "https"
        || endpoint.style != AddressingStyle::VirtualHosted
        || endpoint.provider == Provider::Custom
        || !bucket.contains('.')
    {
        return;
    }
    let finding = if endpoint.has(EndpointFeature::TransferAcceleration) {
        Finding::new(
            Code::DottedBucketHttps,
            Severity::Error,
            format!("The bucket name \u{201c}{bucket}\u{201d} has dots, which Transfer Acceleration does not serve"),
            "S3 Transfer Acceleration works only for bucket names without dots, and over https the host name fails the certificate check anyway. Presign without acceleration, path-style (boto3 does so by itself for such names; AWS SDK for JavaScript: forcePathStyle: true).",
        )
    } else {
        let service_host = url
            .host
            .strip_prefix(&format!("{}.", bucket.to_ascii_lowercase()))
            .unwrap_or(&url.host)
            .to_owned();
        let use_url = format!("https://{service_host}/{bucket}/{}", endpoint.raw_key);
        Finding::new(
            Code::DottedBucketHttps,
            Severity::Error,
            format!("The bucket name \u{201c}{bucket}\u{201d} has dots: https to this host fails the certificate check"),
            format!(
                "The certificate of {service_host} covers *.{service_host}, one label before it, so a host that puts a dotted bucket name in front ({}) does not match: browsers and curl refuse the connection (ERR_CERT_COMMON_NAME_INVALID, \u{201c}no alternative certificate subject name matches\u{201d}) and S3 never sees the request. Presign path-style instead, with the bucket in the path: {use_url} (boto3 does so by itself for such names; AWS SDK for JavaScript: forcePathStyle: true). The signature covers the host and the path, so the URL must be presigned again.",
                url.host
            ),
        )
        .with("use-endpoint", format!("{service_host}/{bucket}"))
    };
    out.push(finding.with("bucket", bucket));
}

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

fn expiry(
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
fn regional_host(endpoint: &Endpoint, region: &str) -> String {
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

fn scope_checks(
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

fn region_checks(scope: &CredentialScope, endpoint: &Endpoint, out: &mut Vec<Finding>) {
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

pub(crate) fn checksum_parameters(url: &RawUrl, params: &SigV4Params, out: &mut Vec<Finding>) {
    let in_query: Vec<(String, String)> = url
        .pairs
        .iter()
        .filter(|p| is_checksum_name(&p.name_bytes()))
        .map(|p| (p.name_text(), p.value_text()))
        .collect();
    let in_headers: Vec<&String> = params
        .signed_headers
        .iter()
        .filter(|h| is_checksum_name(h.as_bytes()))
        .collect();
    if in_query.is_empty() && in_headers.is_empty() {
        return;
    }
    let empty_crc = in_query
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("x-amz-checksum-crc32") && v == EMPTY_BODY_CRC32);
    let (severity, title, detail) = if empty_crc {
        (
            Severity::Error,
            "The URL signs the CRC32 of an empty body".to_owned(),
            "x-amz-checksum-crc32=AAAAAA== is the checksum of zero bytes. AWS SDK for JavaScript v3 adds it (with x-amz-sdk-checksum-algorithm=CRC32) to presigned PUT URLs by default, so any upload with content fails with a checksum mismatch (400 BadDigest / InvalidRequest). Create the S3Client with requestChecksumCalculation: \"WHEN_REQUIRED\" (and responseChecksumValidation: \"WHEN_REQUIRED\") and presign again.".to_owned(),
        )
    } else {
        (
            Severity::Warning,
            "Checksum parameters are signed into the URL".to_owned(),
            "A checksum is part of the signature: the upload must carry exactly this checksum (and the x-amz-checksum-* header), which browsers and most HTTP clients do not compute. Unless the client sends it, presign without checksums (AWS SDK for JavaScript v3: requestChecksumCalculation: \"WHEN_REQUIRED\"; boto3: request_checksum_calculation='when_required').".to_owned(),
        )
    };
    let mut f = Finding::new(Code::ChecksumParameters, severity, title, detail);
    for (n, v) in in_query {
        f = f.with(n, v);
    }
    for h in in_headers {
        f = f.with("signed header", h.clone());
    }
    out.push(f);
}

pub(crate) fn signed_headers(params: &SigV4Params, out: &mut Vec<Finding>) {
    let extra: Vec<&String> = params
        .signed_headers
        .iter()
        .filter(|h| !h.eq_ignore_ascii_case("host") && !h.is_empty())
        .collect();
    if extra.is_empty() {
        return;
    }
    let names = extra
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // The Content-Type advice only where it applies: it is the one signed header that clients
    // and browsers commonly rewrite (a charset appended).
    let detail = if extra.iter().any(|h| h.eq_ignore_ascii_case("content-type")) {
        "Besides host, these headers are part of the signature. Send each of them with exactly the value the URL was presigned with (for Content-Type: the same type the SDK was given, with no charset added). A missing or different value gives 403 SignatureDoesNotMatch."
    } else {
        "Besides host, these headers are part of the signature. Send each of them with exactly the value the URL was presigned with. A missing or different value gives 403 SignatureDoesNotMatch."
    };
    let mut f = Finding::new(
        Code::SignedHeaders,
        Severity::Info,
        format!("The request must send these signed headers: {names}"),
        detail,
    );
    for h in extra {
        f = f.with("header", h.clone());
    }
    out.push(f);
}
