//! Findings about reading the input itself: not a URL, not presigned, a signing parameter
//! missing or malformed, an algorithm this page does not check, legacy SigV2.

use crate::finding::{Code, Finding, Severity};
use crate::input::url::UrlError;
use crate::sigv4::params::ParamProblem;

pub fn not_a_url(e: &UrlError) -> Finding {
    let (title, detail) = match e {
        UrlError::Empty => ("No URL yet".to_owned(), "Paste the presigned URL that fails.".to_owned()),
        UrlError::UnsupportedScheme(s) => (
            format!("\u{201c}{s}:\u{201d} is not an http or https URL"),
            "A presigned URL starts with https:// (or http://). s3:// URIs and other schemes cannot be presigned; generate the URL with your SDK's presign call.".to_owned(),
        ),
        UrlError::NoHost => ("The URL has no host".to_owned(), "Paste the whole URL, from https:// to the end of the query string.".to_owned()),
        UrlError::BadPort(p) => (format!("\u{201c}{p}\u{201d} is not a port number"), "A port is a whole number from 1 to 65535.".to_owned()),
        UrlError::BadHost(h) => (format!("\u{201c}{h}\u{201d} is not a host name"), "The part after https:// must be a host name such as bucket.s3.us-east-1.amazonaws.com.".to_owned()),
    };
    Finding::new(Code::NotAUrl, Severity::Error, title, detail)
}

pub fn not_presigned() -> Finding {
    Finding::new(
        Code::NotPresigned,
        Severity::Error,
        "This URL is not presigned",
        "It has no X-Amz-Signature (SigV4) or Signature (SigV2) query parameter, so S3 treats it as an anonymous request. Paste the whole URL your SDK's presign call returned, query string included.",
    )
}

pub fn sigv2_legacy() -> Finding {
    Finding::new(
        Code::SigV2Legacy,
        Severity::Warning,
        "Legacy Signature Version 2",
        "This URL is signed with SigV2 (AWSAccessKeyId, Expires, Signature). S3 accepts SigV2 only in regions launched before 2014 and for buckets that still allow it; newer regions reject it. Presign with Signature Version 4 (boto3: Config(signature_version='s3v4')).",
    )
}

pub fn problem_finding(problem: &ParamProblem) -> Finding {
    match problem {
        ParamProblem::Missing { name } => Finding::new(
            Code::MissingParameter,
            Severity::Error,
            format!("{name} is missing"),
            format!("A presigned URL needs the query parameter {name}. The URL may have been cut off when it was copied: paste all of it."),
        )
        .with("parameter", *name),
        ParamProblem::Malformed { name, value, expected } => Finding::new(
            Code::MalformedParameter,
            Severity::Error,
            format!("{name} is malformed"),
            format!("Expected {expected}."),
        )
        .with("parameter", *name)
        .with("value", value.clone()),
        ParamProblem::Duplicate { name } => Finding::new(
            Code::MalformedParameter,
            Severity::Error,
            format!("{name} appears more than once"),
            format!("S3 rejects a request with two {name} parameters. Remove the copy that was appended to the signed URL."),
        )
        .with("parameter", *name),
            ParamProblem::Redacted { name } => Finding::new(
            Code::SignatureRedacted,
            Severity::Info,
            "Signature redacted by the sender",
            format!("This share link's URL has {name}=REDACTED: the sender removed the signature so that the link grants no access. Everything else is diagnosed as usual; only the signature cannot be checked. To check it, use the original URL (the sender has it)."),
        )
        .with("parameter", *name),
    }
}

/// An `X-Amz-Algorithm` that is neither SigV4's nor SigV4A's (SigV4A URLs have a pipeline of
/// their own).
pub fn unsupported_algorithm(alg: &str) -> Finding {
    let detail = format!("S3 presigned URLs use AWS4-HMAC-SHA256 (or AWS4-ECDSA-P256-SHA256, SigV4A, for multi-region access points); \u{201c}{alg}\u{201d} is not an algorithm S3 accepts in X-Amz-Algorithm.");
    Finding::new(
        Code::UnsupportedAlgorithm,
        Severity::Error,
        format!("Unsupported algorithm {alg}"),
        detail,
    )
    .with("X-Amz-Algorithm", alg)
}
