//! What a CloudFront signed URL shows by itself (its policy's window, resource and client
//! addresses, its base64, its hash algorithm) and what CloudFront's (or its origin's) error
//! body says.

use crate::crypto::RsaHash;
use crate::diagnose::validity::{self, Window};
use crate::error_body::xml::S3Error;
use crate::finding::{Code, Finding, Severity};
use crate::time::UnixTime;

/// `cloudfront-base64`: a value in standard base64 (`+`, `/`, `=`) or with a space (a `+`
/// decoded as a space on the way), where CloudFront expects `-`, `~`, `_`.
pub fn base64_alphabet(name: &str, value: &str) -> Option<Finding> {
    let standard: Vec<char> = value
        .chars()
        .filter(|c| matches!(c, '+' | '/' | '=' | ' '))
        .collect();
    if standard.is_empty() {
        return None;
    }
    let space = standard.contains(&' ');
    let detail = if space {
        format!("{name} holds a space: a + of standard base64 was decoded as a space on the way (form decoding). CloudFront's base64 writes + as -, = as _ and / as ~, so that nothing in the URL needs escaping. Encode the value the CloudFront way (the SDKs' signers do).")
    } else {
        format!("{name} uses standard base64 characters (+ / =). CloudFront's base64 writes + as -, = as _ and / as ~; a hand-written signer that skips this step makes URLs CloudFront refuses (403), and + is read as a space in a query. Replace them, or sign with an SDK's CloudFront signer.")
    };
    Some(
        Finding::new(
            Code::CloudfrontBase64,
            Severity::Error,
            format!("{name} is not in CloudFront's base64"),
            detail,
        )
        .with("parameter", name)
        .with("characters", standard.into_iter().collect::<String>()),
    )
}

/// `cloudfront-hash-algorithm`: `Hash-Algorithm` names no hash CloudFront knows.
pub fn unknown_hash_algorithm(value: &str) -> Finding {
    Finding::new(
        Code::CloudfrontHashAlgorithm,
        Severity::Error,
        format!("Hash-Algorithm={value} is not a hash CloudFront knows"),
        "CloudFront verifies with SHA-1 when Hash-Algorithm is absent (or SHA1) and with SHA-256 when it is SHA256. Use one of those, with the hash the URL was signed with.",
    )
    .with("Hash-Algorithm", value)
}

/// `cloudfront-hash-algorithm`, proved: the signature opens to the policy's hash with
/// `signed`, while the URL makes CloudFront check with `checked`.
pub fn signed_with_other_hash(signed: RsaHash, checked: RsaHash) -> Finding {
    let change = match checked {
        RsaHash::Sha1 => {
            "add Hash-Algorithm=SHA256 to the URL (the JS SDK does with algorithm: \"SHA256\")"
        }
        RsaHash::Sha256 => "remove Hash-Algorithm=SHA256, or sign with SHA-256",
    };
    Finding::new(
        Code::CloudfrontHashAlgorithm,
        Severity::Error,
        format!("The policy was signed with {}, CloudFront checks it with {}", signed.name(), checked.name()),
        format!("The public key opens the signature to the {} hash of this very policy, so key and policy are right; only the hash algorithm the URL announces is not the one used. Either {change}.", signed.name()),
    )
    .with("signed-with", signed.name())
    .with("checked-with", checked.name())
}

/// `cloudfront-malformed-policy`: what CloudFront would refuse in the policy.
pub fn malformed_policy(problems: &[String]) -> Finding {
    let mut f = Finding::new(
        Code::CloudfrontMalformedPolicy,
        Severity::Error,
        "The policy is malformed",
        format!("CloudFront answers 400 MalformedPolicy: {}. A custom policy is {{\"Statement\":[{{\"Resource\":…,\"Condition\":{{\"DateLessThan\":{{\"AWS:EpochTime\":…}}, …}}}}]}}.", problems.join("; ")),
    );
    for p in problems {
        f = f.with("problem", p.clone());
    }
    f
}

/// `cloudfront-resource-mismatch`: the custom policy's Resource does not cover the URL.
pub fn resource_mismatch(pattern: &str, url: &str) -> Finding {
    Finding::new(
        Code::CloudfrontResourceMismatch,
        Severity::Error,
        "The policy's Resource does not cover this URL",
        "CloudFront compares the URL it receives (without the signing parameters) with the policy's Resource, * matching any characters and ? one; this one does not match, so CloudFront answers 403 AccessDenied. Sign a policy whose Resource is the URL as it is sent (percent-encoded, query string included) or a wildcard that covers it.",
    )
    .with("resource", pattern)
    .with("url", url)
}

/// `cloudfront-ip-restriction`: only clients from these addresses may use the URL.
pub fn ip_restriction(cidr: &str) -> Finding {
    let bare = !cidr.contains('/');
    let single = cidr.ends_with("/32") || cidr.ends_with("/128");
    let (severity, detail) = if bare {
        (Severity::Error, format!("The policy allows only {cidr}, written without a /prefix; CloudFront expects CIDR notation (botocore and the JS SDK add /32). Sign with {cidr}/32."))
    } else if single {
        (Severity::Warning, format!("Only a client whose address is exactly {cidr} may use this URL; every other client gets 403 AccessDenied. CloudFront sees the address the connection comes from: behind a proxy, NAT or VPN, or on IPv6 when IPv4 was signed, it is another one."))
    } else {
        (Severity::Info, format!("Only clients whose address is in {cidr} may use this URL; others get 403 AccessDenied. CloudFront sees the address the connection comes from (a proxy's, a NAT's)."))
    };
    Finding::new(
        Code::CloudfrontIpRestriction,
        severity,
        format!("The URL works only from {cidr}"),
        detail,
    )
    .with("AWS:SourceIp", cidr)
}

/// The policy's window at `now`.
pub fn window(start: Option<UnixTime>, end: Option<UnixTime>, now: UnixTime) -> Vec<Finding> {
    validity::check(
        &Window {
            service: "CloudFront",
            start_name: "The policy's DateGreaterThan",
            end_name: "The expiry (Expires, or the policy's DateLessThan)",
            start_tolerance: 0,
        },
        start,
        end,
        now,
    )
}

/// CloudFront's own error code (or its S3 origin's), explained.
pub fn error_code(error: &S3Error) -> Option<Finding> {
    let code = error.code.as_deref()?;
    let message = error.message.as_deref().unwrap_or("");
    let detail = match code {
        "MissingKey" => "CloudFront found no Key-Pair-Id in the query string (or cookie). The URL lost its parameters on the way, or was signed without the key id: keep Key-Pair-Id exactly as signed.".to_owned(),
        "InvalidKey" => "CloudFront does not know this Key-Pair-Id for this cache behavior (\u{201c}Unknown Key\u{201d}): the public key is not in a key group the behavior trusts, or the id is of another key (K… ids name public keys in key groups; APKA… ids are legacy root-account key pairs). Use the id of a public key in the behavior's trusted key group.".to_owned(),
        "MalformedPolicy" => "CloudFront could not read the policy: not CloudFront base64, not JSON, no DateLessThan, or a bare IP address. See the policy findings above.".to_owned(),
        "AccessDenied" if message.contains("Query-string authentication requires") => "This answer comes from the S3 origin, not CloudFront: the cache behavior does not require signed URLs, so CloudFront passed the query string on and S3 read Signature and Expires as its own legacy query authentication. Set the behavior's trusted key groups (Restrict viewer access) so CloudFront checks the signature, or stop forwarding the query string to the origin.".to_owned(),
        "AccessDenied" => "CloudFront refused the signed URL: the signature does not verify with the key group's public key for this Key-Pair-Id, the policy has expired or not started, the client address is outside IpAddress, or the Resource does not cover the URL. The findings above say which of these this page can prove.".to_owned(),
        other => format!("The answer was {other}: {message}"),
    };
    Some(crate::diagnose::service_error::with_code(
        Finding::new(
            Code::CloudfrontError,
            Severity::Error,
            format!("CloudFront: {code}"),
            detail,
        ),
        error,
    ))
}
