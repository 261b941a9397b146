//! What a Google Cloud Storage V4 signed URL shows by itself (its window, its credential
//! scope, the headers it signed), what the request sent shows, and what GCS's error body says.

use crate::diagnose::validity::{self, Window};
use crate::error_body::xml::S3Error;
use crate::finding::{Code, Finding, Severity};
use crate::gcs::params::{GcsParams, GOOG4_REQUEST, MAX_EXPIRES, X_GOOG_DATE, X_GOOG_EXPIRES};
use crate::time::{human_duration, UnixTime};

const SERVICE: &str = "Google Cloud Storage";

/// `X-Goog-Algorithm` names no GCS V4 algorithm.
pub fn unsupported_algorithm(algorithm: &str) -> Finding {
    Finding::new(
        Code::UnsupportedAlgorithm,
        Severity::Error,
        format!("Unsupported algorithm {algorithm}"),
        format!("GCS V4 signed URLs use GOOG4-RSA-SHA256 (a service account's key) or GOOG4-HMAC-SHA256 (an HMAC key); \u{201c}{algorithm}\u{201d} is neither. Sign with a client library's V4 signing."),
    )
    .with("X-Goog-Algorithm", algorithm)
}

/// What the URL shows at `now`: its window, its length, and its credential scope.
pub fn url_checks(params: &GcsParams, now: UnixTime) -> Vec<Finding> {
    let end = params
        .date
        .zip(params.expires)
        .and_then(|(d, e)| d.checked_add(e));
    let window = Window {
        service: SERVICE,
        start_name: X_GOOG_DATE,
        end_name: "X-Goog-Date + X-Goog-Expires",
        // Google documents no tolerance; S3's 15 minutes is what clients are used to.
        start_tolerance: crate::diagnose::url_checks::CLOCK_TOLERANCE_SECONDS,
    };
    let mut out = validity::check(&window, params.date, end, now);
    if let Some(expires) = params.expires.filter(|e| *e > MAX_EXPIRES) {
        out.push(
            Finding::new(
                Code::ExpiresTooLong,
                Severity::Error,
                format!("X-Goog-Expires is {expires} s ({}), over the 7-day limit", human_duration(expires)),
                "Google Cloud Storage refuses V4 signed URLs valid for more than 604800 seconds (7 days). Sign with at most 604800 seconds; for longer access, sign fresh URLs on demand.",
            )
            .with(X_GOOG_EXPIRES, expires.to_string())
            .with("limit", MAX_EXPIRES.to_string()),
        );
    }
    if let (Some(scope), Some(date)) = (&params.credential, &params.date_text) {
        let day = date.get(..8).unwrap_or(date);
        if scope.date_time().is_some() && day != scope.date {
            out.push(
                Finding::new(
                    Code::CredentialDateMismatch,
                    Severity::Error,
                    format!("The credential date {} is not the day of X-Goog-Date {date}", scope.date),
                    "The date in X-Goog-Credential must be the UTC day of X-Goog-Date. The URL was assembled by a signer that mixed local and UTC time (or by hand): derive both from the same UTC instant.",
                )
                .with("credential-date", scope.date.clone())
                .with(X_GOOG_DATE, date.clone()),
            );
        }
        if scope.service != "storage" {
            out.push(
                Finding::new(
                    Code::WrongService,
                    Severity::Error,
                    format!("The credential scope names the service \u{201c}{}\u{201d}, not storage", scope.service),
                    "The fourth part of X-Goog-Credential must be storage. A signer written for S3 (s3) or by hand was used: sign with a client library.",
                )
                .with("service", scope.service.clone())
                .with("expected", "storage"),
            );
        }
        if scope.terminator != GOOG4_REQUEST {
            out.push(
                Finding::new(
                    Code::BadTerminator,
                    Severity::Error,
                    format!("The credential scope ends with \u{201c}{}\u{201d}, not goog4_request", scope.terminator),
                    "The last part of X-Goog-Credential must be the literal goog4_request (aws4_request is S3's). Sign the URL again with a client library.",
                )
                .with("terminator", scope.terminator.clone()),
            );
        }
    }
    out
}

/// `signed-headers`: the headers besides `host` that the request must send.
pub fn signed_headers(params: &GcsParams) -> Option<Finding> {
    let extra: Vec<&String> = params
        .signed_headers
        .iter()
        .filter(|h| !h.eq_ignore_ascii_case("host") && !h.is_empty())
        .collect();
    if extra.is_empty() {
        return None;
    }
    let names = extra
        .iter()
        .map(|h| h.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut f = Finding::new(
        Code::SignedHeaders,
        Severity::Info,
        format!("The request must send these signed headers: {names}"),
        "Besides host, these headers are part of the signature. Send each of them with exactly the value that was signed, case included (x-goog-resumable: start for a resumable upload). A missing or different value gives 403 SignatureDoesNotMatch.",
    );
    for h in extra {
        f = f.with("header", h.clone());
    }
    Some(f)
}

/// `missing-signed-header` for a signed header that the request does not send.
pub fn missing_signed_header(name: &str) -> Finding {
    Finding::new(
        Code::MissingSignedHeader,
        Severity::Error,
        format!("The signed header {name} is not sent"),
        format!("{name} is listed in X-Goog-SignedHeaders, so Google Cloud Storage builds the canonical request with it; without it the signature cannot match (403 SignatureDoesNotMatch). Send {name} with the value that was signed. The signature cannot be checked here without that value either."),
    )
    .with("header", name)
}

/// GCS's own error code, explained.
pub fn error_code(error: &S3Error) -> Option<Finding> {
    let code = error.code.as_deref()?;
    let message = error.message.as_deref().unwrap_or("");
    let detail = match code {
        "SignatureDoesNotMatch" => "Google Cloud Storage computed another signature from the request it received. Either the request differs from what was signed (method, host, path, query, a signed header: compare its canonical request below) or the key that signed is not the one Google holds for the signer.".to_owned(),
        "ExpiredToken" => "The URL's validity (X-Goog-Date + X-Goog-Expires) had ended when the request arrived. Sign a new URL.".to_owned(),
        "AccessDenied" => "The signature was accepted, but the signer may not do this: grant its service account the permission named in the details (storage.objects.get, storage.objects.create, …) on the bucket, or sign with an account that has it. A signed URL has exactly the permissions of its signer.".to_owned(),
        "MalformedSecurityHeader" | "InvalidArgument" | "AuthenticationRequired" => format!("Google Cloud Storage could not read the signing parameters: {message} Typical causes: X-Goog-Expires over 604800, a credential scope with a date that is not YYYYMMDD, a parameter cut off or duplicated."),
        "NoSuchKey" => "The signature was accepted: no object has this name. Check its encoding (a slash written %2F, a space, another Unicode form).".to_owned(),
        "NoSuchBucket" => "The signature was accepted: no bucket has this name.".to_owned(),
        other => format!("Google Cloud Storage answered {other}: {message}"),
    };
    Some(crate::diagnose::service_error::with_code(
        Finding::new(
            Code::GcsError,
            Severity::Error,
            format!("Google Cloud Storage: {code}"),
            detail,
        ),
        error,
    ))
}

/// `secret-mismatch`: GCS built the same string to sign as this page, yet rejected the
/// signature; so the key that signed is not the one Google holds for the signer.
pub fn signed_with_another_key(
    error: &S3Error,
    signer: &str,
    verified_here: bool,
) -> Option<Finding> {
    if error.code.as_deref() != Some("SignatureDoesNotMatch") {
        return None;
    }
    let detail = if verified_here {
        format!("Google Cloud Storage built exactly the string to sign computed here, and the key given here verifies the signature, yet Google rejects it: that key is not (or no longer) one Google holds for {signer}: deleted or disabled, or of another account. Sign with a current key of {signer}.")
    } else {
        format!("Google Cloud Storage built exactly the string to sign computed here, yet rejects the signature: the URL was signed with a key that Google does not hold for {signer} (another account's key, a deleted key, or for HMAC a secret of another access id).")
    };
    Some(
        Finding::new(
            Code::SecretMismatch,
            Severity::Error,
            format!("The URL was signed with a key that does not belong to {signer}"),
            detail,
        )
        .with("signer", signer),
    )
}
