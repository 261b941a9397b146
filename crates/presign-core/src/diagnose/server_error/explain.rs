//! S3's words explained: the first differing line of a canonical request in plain words, and
//! S3's own error codes, each with what to change.

use super::Ours;
use crate::diagnose::diff::{DiffKind, DiffLine};
use crate::error_body::xml::S3Error;
use crate::finding::{Code, Finding, Severity};
use crate::input::url::split_query;
use crate::time::{human_duration, parse_rfc3339};

pub(super) fn part_words(part: &str) -> String {
    match part {
        "method" => "HTTP method".to_owned(),
        "canonical-uri" => "path (canonical URI)".to_owned(),
        "canonical-query" => "query string".to_owned(),
        "signed-headers" => "signed-headers list".to_owned(),
        "payload-hash" => "payload hash".to_owned(),
        "credential-scope" => "credential scope".to_owned(),
        "canonical-request-hash" => "canonical request hash".to_owned(),
        "blank" => "blank line".to_owned(),
        p => p
            .strip_prefix("header ")
            .map_or_else(|| p.to_owned(), |h| format!("{h} header")),
    }
}

/// Which query parameters differ between two canonical query strings.
pub(super) fn query_difference(ours: &str, theirs: &str) -> String {
    let a = split_query(ours);
    let b = split_query(theirs);
    let fmt = |p: &crate::input::url::RawPair| format!("{}={}", p.raw_name(), p.raw_value());
    let only_ours: Vec<String> = a.iter().filter(|p| !b.contains(p)).map(fmt).collect();
    let only_theirs: Vec<String> = b.iter().filter(|p| !a.contains(p)).map(fmt).collect();
    let mut parts = Vec::new();
    if !only_theirs.is_empty() {
        parts.push(format!("S3 received {}", only_theirs.join(", ")));
    }
    if !only_ours.is_empty() {
        parts.push(format!("the URL has {}", only_ours.join(", ")));
    }
    parts.join("; ")
}

pub(super) fn explain_line(line: &DiffLine) -> String {
    let ours = line.ours.as_deref().unwrap_or("");
    let theirs = line.theirs.as_deref().unwrap_or("");
    match line.part.as_str() {
        "method" => format!(
            "S3 received a {theirs} request, but the request entered here is {ours}. The method is signed: send the request with the method the URL was presigned for (a redirect can turn a PUT or POST into a GET; choose the method you really send above)."
        ),
        "canonical-uri" => format!(
            "S3 received the path as {theirs}, but the URL's path canonicalizes to {ours}. Something re-encoded the path on the way (a client or proxy that decodes and re-encodes: '+' vs %20, %2F vs '/', Unicode normalization, an added or removed slash). Send the URL exactly as presigned."
        ),
        "canonical-query" => format!(
            "The query string was changed on the way: {}. A library decoded and re-encoded it (turning '+' into a space or %20, re-escaping '/' or '='), or a parameter was added or dropped. Pass the presigned URL on as an opaque string.",
            query_difference(ours, theirs)
        ),
        "signed-headers" => format!(
            "S3 read X-Amz-SignedHeaders as {theirs}, the URL here says {ours}: the body belongs to another URL, or the URL was changed after signing."
        ),
        "payload-hash" => format!(
            "S3 used the payload hash {theirs}, the request here {ours}. An X-Amz-Content-Sha256 parameter or x-amz-content-sha256 header was added, dropped or changed; send it exactly as presigned."
        ),
        "header host" => format!(
            "The Host header changed on the way: the URL was signed for \u{201c}{}\u{201d} but S3 received \u{201c}{}\u{201d}. A proxy, CDN or load balancer forwarded the request with its own Host (or the client rewrote the endpoint). Have the proxy keep the original Host header, or presign for the host S3 receives.",
            ours.strip_prefix("host:").unwrap_or(ours),
            theirs.strip_prefix("host:").unwrap_or(theirs)
        ),
        p if p.starts_with("header ") => {
            let name = p.strip_prefix("header ").unwrap_or(p);
            match line.kind {
                DiffKind::OnlyOurs => format!("S3's canonical request has no {name} header, but the one computed here does: the signed headers differ, so the body belongs to another URL."),
                DiffKind::OnlyTheirs => format!("S3's canonical request has a {name} header the one computed here lacks: the signed headers differ, so the body belongs to another URL."),
                _ => format!(
                    "S3 received {name}: \u{201c}{}\u{201d}, but the request entered here sends \u{201c}{}\u{201d}. The value of a signed header is part of the signature; the client changed it (browsers add ;charset=UTF-8 to text bodies, libraries set their own Content-Type). Send exactly the value the URL was presigned with.",
                    theirs.split_once(':').map_or(theirs, |(_, v)| v),
                    ours.split_once(':').map_or(ours, |(_, v)| v)
                ),
            }
        }
        _ => format!("S3's canonical request differs at {}: S3 has \u{201c}{theirs}\u{201d}, this page \u{201c}{ours}\u{201d}.", line.part),
    }
}

/// Finds `expecting 'REGION'` in S3's message.
pub(super) fn expected_region(error: &S3Error) -> Option<String> {
    if let Some(r) = error.region.as_deref().filter(|r| !r.is_empty()) {
        return Some(r.to_owned());
    }
    let msg = error.message.as_deref()?;
    let start = msg.find("expecting '")? + "expecting '".len();
    let rest = msg.get(start..)?;
    let end = rest.find('\'')?;
    rest.get(..end).map(str::to_owned)
}

/// S3's own error code explained in words (any request; a presigned POST's own bodies are read
/// first by `post_server`).
#[allow(
    clippy::too_many_lines,
    reason = "a table: one arm per S3 error code, each with its own words"
)]
pub fn explain_code(error: &S3Error, ours: &Ours<'_>) -> Option<Finding> {
    let code = error.code.as_deref()?;
    let message = error.message.clone().unwrap_or_default();
    let key = error
        .aws_access_key_id
        .as_deref()
        .or(ours.access_key_id)
        .unwrap_or("this access key id");
    let (c, title, detail) = match code {
        "SignatureDoesNotMatch" => (
            Code::S3SignatureDoesNotMatch,
            "S3: SignatureDoesNotMatch".to_owned(),
            "S3 computed a different signature from the request it received. Either the request differs from what was signed (method, host, path, query, a signed header: see the comparison with S3's canonical request) or the secret that signed it is not the one S3 holds for the access key id.".to_owned(),
        ),
        "AccessDenied" if message.contains("expired") => {
            let expires = error.expires.as_deref().unwrap_or("?");
            let server = error.server_time.as_deref().unwrap_or("?");
            let late = error
                .expires
                .as_deref()
                .and_then(parse_rfc3339)
                .zip(error.server_time.as_deref().and_then(parse_rfc3339))
                .map(|(e, s)| format!(" The request arrived {} after expiry.", human_duration(s.0.saturating_sub(e.0))))
                .unwrap_or_default();
            (
                Code::S3RequestExpired,
                "S3: AccessDenied, Request has expired".to_owned(),
                format!("S3 says the URL expired at {expires}; S3's time was {server}.{late} Presign a new URL with a longer expiry (at most 7 days, and no longer than the session of temporary credentials), or check the clock of the machine that presigned it."),
            )
        }
        "AccessDenied" => {
            let detail = if let Some(h) = error.headers_not_signed.as_deref() {
                format!("S3 received x-amz-* headers that are not signed: {h}. Stop sending them, or presign with them so they are signed.")
            } else if message.contains("not yet valid") {
                "S3 says the request is not valid yet: X-Amz-Date is in S3's future. The clock of the machine that presigned the URL runs ahead; sync it (NTP).".to_owned()
            } else {
                format!("The signature was accepted, but the credentials of {key} are not allowed to do this: the IAM policy of the signer (s3:GetObject / s3:PutObject on this bucket and key), the bucket policy, an SCP or VPC endpoint policy, KMS key permissions, or Object Ownership. For a missing object S3 also answers AccessDenied when the signer lacks s3:ListBucket. A presigned URL has exactly the permissions of whoever signed it.")
            };
            (Code::S3AccessDenied, format!("S3: AccessDenied{}", if message.is_empty() { String::new() } else { format!(", {message}") }), detail)
        }
        "AuthorizationQueryParametersError" => {
            let region = expected_region(error);
            let detail = match &region {
                Some(r) => format!("S3 expects the credential scope region {r}: {message} Presign with the client's region set to {r} (the bucket's region), on the endpoint of {r}."),
                None => format!("S3 could not accept the X-Amz-* query parameters: {message} Typical causes: X-Amz-Expires over 604800 (7 days), a credential scope with the wrong region or date, a parameter cut off or duplicated."),
            };
            (Code::S3AuthorizationQueryParametersError, "S3: AuthorizationQueryParametersError".to_owned(), detail)
        }
        "AuthorizationHeaderMalformed" => {
            let region = expected_region(error).unwrap_or_else(|| "the bucket's region".to_owned());
            (
                Code::S3AuthorizationHeaderMalformed,
                format!("S3: AuthorizationHeaderMalformed, expecting region {region}"),
                format!("The credential scope names the wrong region; S3 expects {region}. Create the client with region {region} and presign again. ({message})"),
            )
        }
        "InvalidAccessKeyId" => (
            Code::S3InvalidAccessKeyId,
            format!("S3: InvalidAccessKeyId {key}"),
            format!("S3 does not know the access key id {key}: it was deleted or deactivated, belongs to another partition or provider (an R2 or MinIO key sent to AWS), or is a temporary ASIA… key sent without its X-Amz-Security-Token. Presign with active credentials for this endpoint."),
        ),
        "ExpiredToken" => (
            Code::S3ExpiredToken,
            "S3: ExpiredToken".to_owned(),
            "The session of the temporary credentials that presigned the URL has ended; the URL died with it, whatever X-Amz-Expires says. Presign with fresh credentials, keep URLs shorter than the session, or use long-term IAM user keys for long-lived URLs.".to_owned(),
        ),
        "InvalidToken" => (
            Code::S3InvalidToken,
            "S3: InvalidToken".to_owned(),
            "The X-Amz-Security-Token is malformed or does not match the access key id: it was cut off or re-encoded (check '+', '/' and '=' survived as %2B %2F %3D), or comes from another session. Tokens from the global STS endpoint are not valid in opt-in regions; use a regional STS endpoint.".to_owned(),
        ),
        "RequestTimeTooSkewed" => (
            Code::S3RequestTimeTooSkewed,
            "S3: RequestTimeTooSkewed".to_owned(),
            format!(
                "The request time differs from S3's ({}) by more than {} ms. Sync the clock of the signing machine (NTP).",
                error.server_time.as_deref().unwrap_or("?"),
                error.max_allowed_skew_milliseconds.as_deref().unwrap_or("900000")
            ),
        ),
        "PermanentRedirect" | "TemporaryRedirect" => {
            let endpoint = error.endpoint.clone().unwrap_or_else(|| "the endpoint of the bucket's region".to_owned());
            (
                Code::S3PermanentRedirect,
                format!("S3: {code}, use {endpoint}"),
                format!("The bucket{} is not in the region of the endpoint used. Presign with the bucket's region on its regional endpoint, {endpoint} (boto3: region_name; JS v3: new S3Client({{ region }})); the signature is region-bound, so redirecting the same URL does not help.", error.bucket.as_deref().map(|b| format!(" {b}")).unwrap_or_default()),
            )
        }
        other => {
            let hint = match other {
                "NoSuchKey" => " The signature was accepted: the key does not exist as written. Check its case and encoding (a space vs '+', NFC vs NFD).",
                "NoSuchBucket" => " The signature was accepted: no bucket has this name at this endpoint.",
                "BadDigest" | "XAmzContentChecksumMismatch" | "InvalidDigest" => " The body does not match a signed checksum: see checksum-parameters.",
                "InvalidRequest" => " Often: checksum parameters signed for another body, or an SSE-KMS object read with SigV2.",
                "MethodNotAllowed" => " The method is not allowed on this resource.",
                _ => "",
            };
            (Code::S3OtherError, format!("S3: {other}"), format!("S3 answered {other}: {message}{hint}"))
        }
    };
    let mut f = Finding::new(c, Severity::Error, title, detail).with("Code", code);
    if let Some(m) = &error.message {
        f = f.with("Message", m.clone());
    }
    if let Some(id) = &error.request_id {
        f = f.with("RequestId", id.clone());
    }
    Some(f)
}
