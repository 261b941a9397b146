//! What a header-signed request's headers and body show: signed headers not sent, `x-amz-*`
//! headers S3 wants signed, headers a proxy changes that were signed, the payload hash against
//! the body, aws-chunked framing and chunk signatures, curl's own signing.

use crate::finding::{Code, Finding, Severity};
use crate::sigv4::authorization::Authorization;
use crate::sigv4::header_request::{is_hash, PayloadHash, PayloadSource, CONTENT_SHA256};
use crate::sigv4::streaming::{AwsChunks, ChunkCheck};

/// `unreadable-request`: lines the reader skipped.
pub fn unreadable(notes: &[String]) -> Option<Finding> {
    if notes.is_empty() {
        return None;
    }
    let mut f = Finding::new(
        Code::UnreadableRequest,
        Severity::Warning,
        "Part of the request could not be read",
        "These parts were skipped, so the checks below may miss what they say. Paste the request as it was sent: the request line (METHOD /path HTTP/1.1), one Name: value per header, a blank line, then the body.",
    );
    for note in notes.iter().take(20) {
        f = f.with("skipped", note.clone());
    }
    Some(f)
}

/// Headers that proxies, load balancers and HTTP stacks add, drop or rewrite on the way (the
/// SDKs never sign them; botocore's list and aws-c-auth's skip most of these).
fn changed_on_the_way(name: &str) -> bool {
    const NAMES: [&str; 14] = [
        "connection",
        "keep-alive",
        "te",
        "upgrade",
        "transfer-encoding",
        "expect",
        "via",
        "forwarded",
        "x-real-ip",
        "x-amzn-trace-id",
        "cdn-loop",
        "true-client-ip",
        "user-agent",
        "accept-encoding",
    ];
    const PREFIXES: [&str; 3] = ["x-forwarded-", "x-envoy-", "cf-"];
    NAMES.contains(&name) || PREFIXES.iter().any(|p| name.starts_with(p))
}

/// `missing-signed-header`, `unsigned-amz-header` (S3) and `proxy-header-signed`.
pub fn signed_header_checks(
    auth: &Authorization,
    sent: &[(String, String)],
    s3: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let sends = |name: &str| {
        sent.iter()
            .any(|(n, _)| n.trim().eq_ignore_ascii_case(name))
    };
    let list = auth.signed_headers.join(";");
    for name in auth.signed_headers.iter().map(|n| n.trim()) {
        if name.is_empty() || sends(name) {
            continue;
        }
        out.push(
            Finding::new(
                Code::MissingSignedHeader,
                Severity::Error,
                format!("The signed header {name} is not sent"),
                format!("SignedHeaders lists {name}, so the signature covers its value; the request as pasted does not send it, and the service computes a different signature (SignatureDoesNotMatch). Send {name} with exactly the value that was signed, or sign without it."),
            )
            .with("header", name)
            .with("SignedHeaders", list.clone()),
        );
    }
    if s3 {
        let mut unsigned: Vec<String> = Vec::new();
        for (name, _) in sent {
            let lower = name.trim().to_ascii_lowercase();
            if lower.starts_with("x-amz-")
                && lower != "x-amz-security-token"
                && !auth.signs(&lower)
                && !unsigned.contains(&lower)
            {
                unsigned.push(lower);
            }
        }
        for lower in unsigned {
            out.push(
                Finding::new(
                    Code::UnsignedAmzHeader,
                    Severity::Error,
                    format!("{lower} is sent but not signed"),
                    format!("S3 requires every x-amz-* header to be signed and answers 403 AccessDenied (\u{201c}There were headers present in the request which were not signed\u{201d}, HeadersNotSigned: {lower}). Add it before signing so that SignedHeaders lists it, or stop sending it."),
                )
                .with("header", lower)
                .with("SignedHeaders", list.clone()),
            );
        }
    }
    let risky: Vec<&str> = auth
        .signed_headers
        .iter()
        .map(|n| n.trim())
        .filter(|n| changed_on_the_way(&n.to_ascii_lowercase()))
        .collect();
    if !risky.is_empty() {
        let mut f = Finding::new(
            Code::ProxyHeaderSigned,
            Severity::Warning,
            format!("A header that proxies change is signed: {}", risky.join(", ")),
            "Proxies, load balancers, CDNs and HTTP libraries add, drop or rewrite these headers between the signer and AWS (a proxy sets its own User-Agent or Via, HTTP/2 drops Connection and Transfer-Encoding), so the value AWS receives is not the one signed. The SDKs never sign them. Sign only headers the client sends as they are: host, x-amz-*, content-type and the like.",
        );
        for name in risky {
            f = f.with("signed header", name);
        }
        out.push(f);
    }
    out
}

/// What is known of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKnown<'a> {
    /// Its SHA-256 (hex) and where it came from (`the request`, a file name).
    Hashed { sha256: &'a str, from: &'a str },
    /// Its bytes are not in the input: why.
    Unknown(&'a str),
}

/// `missing-content-sha256` (S3) and `payload-hash-mismatch`.
pub fn payload_checks(payload: &PayloadHash, body: &BodyKnown<'_>, s3: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if s3 && payload.source != PayloadSource::ContentSha256Header {
        out.push(Finding::new(
            Code::MissingContentSha256,
            Severity::Error,
            "S3 needs x-amz-content-sha256, and the request does not send it",
            "S3 requires the payload hash in the x-amz-content-sha256 header of every header-signed request (signed), and answers 400 InvalidRequest (\u{201c}Missing required header for this request: x-amz-content-sha256\u{201d}). Send the hex SHA-256 of the body, or UNSIGNED-PAYLOAD, and sign it; an S3 signer (botocore's S3SigV4Auth, the SDKs' S3 clients) does so.",
        ));
    }
    let BodyKnown::Hashed { sha256, from } = body else {
        return out;
    };
    if payload.source != PayloadSource::ContentSha256Header || !is_hash(&payload.value) {
        return out;
    }
    if !payload.value.eq_ignore_ascii_case(sha256) {
        out.push(
            Finding::new(
                Code::PayloadHashMismatch,
                Severity::Error,
                "The body does not hash to x-amz-content-sha256",
                format!("x-amz-content-sha256 says {}, but the body of {from} hashes to {sha256}. The body changed after signing (re-serialized JSON, a charset conversion, line ends turned CRLF, a stream read twice), or the signer hashed something else. S3 answers XAmzContentSHA256Mismatch; other services a signature mismatch. Hash exactly the bytes sent.", payload.value),
            )
            .with(CONTENT_SHA256, payload.value.clone())
            .with("body SHA-256", *sha256)
            .with("body from", *from),
        );
    }
    out
}

/// `payload-hash-mismatch` from an SDK's log: the payload hash it signed is not the hash of the
/// body it logged sending.
pub fn signed_payload_differs(signed: &str, body_sha256: &str) -> Finding {
    Finding::new(
        Code::PayloadHashMismatch,
        Severity::Error,
        "The SDK signed another payload hash than the body it sent",
        format!("The canonical request the SDK logged ends with the payload hash {signed}, but the body it logged sending hashes to {body_sha256}. The body was changed after it was hashed (a stream read twice, a middleware that re-serializes it), so the service, which hashes what it receives, computes another signature."),
    )
    .with("signed payload hash", signed)
    .with("body SHA-256", body_sha256)
}

/// `aws-chunked-body`: the framing does not read, or does not hold the length signed.
pub fn aws_chunked_body(chunks: &AwsChunks, decoded_length: Option<&str>) -> Option<Finding> {
    let signed_length = decoded_length.map(str::trim);
    let length_differs = signed_length
        .and_then(|l| l.parse::<usize>().ok())
        .is_some_and(|l| l != chunks.decoded_length);
    if chunks.problem.is_none() && !length_differs {
        return None;
    }
    let mut f = Finding::new(
        Code::AwsChunkedBody,
        Severity::Error,
        "The aws-chunked body does not read as its headers say",
        "With Content-Encoding: aws-chunked the body is framed as hex-size[;chunk-signature=…] CRLF, data, CRLF, …, a final chunk of size 0, and x-amz-decoded-content-length gives the length of the data. S3 answers IncompleteBody or a signature error when they disagree. If the body was copied from a text box, its CRLF line ends may have been lost; check with the bytes as sent.",
    );
    if let Some(problem) = &chunks.problem {
        f = f.with("framing", problem.clone());
    }
    if let Some(l) = signed_length {
        f = f
            .with("x-amz-decoded-content-length", l)
            .with("decoded data", chunks.decoded_length.to_string());
    }
    Some(f)
}

/// `chunk-signature-mismatch`: the first chunk whose signature the chain does not give.
pub fn chunk_signatures(checks: &[ChunkCheck]) -> Option<Finding> {
    let bad = checks
        .iter()
        .find(|c| c.provided.as_deref() != Some(c.computed.as_str()))?;
    Some(
        Finding::new(
            Code::ChunkSignatureMismatch,
            Severity::Error,
            format!("The signature of chunk {} does not match", bad.index + 1),
            format!("Each chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload is signed over the previous chunk's signature (the first over the Authorization header's) and the chunk's data. Chunk {} ({} bytes) carries another signature than that chain gives: its data changed after signing, a chunk was dropped or re-split, or the chain was seeded with another signature. The chunks before it match.", bad.index + 1, bad.size),
        )
        .with("chunk", (bad.index + 1).to_string())
        .with("provided", bad.provided.clone().unwrap_or_else(|| "(none)".to_owned()))
        .with("computed", bad.computed.clone()),
    )
}

/// `curl-aws-sigv4`: curl signs when it sends, so the command carries no signature to check.
pub fn curl_aws_sigv4(provider: &str, service: Option<&str>, user: Option<&str>) -> Finding {
    let express = if service == Some("s3express") {
        " For S3 Express One Zone, curl's opt-out of double path encoding names \u{201c}s3-express\u{201d}, not the signing name s3express (curl issue 23120): keys with characters that need escaping fail; use an SDK there."
    } else {
        ""
    };
    let mut f = Finding::new(
        Code::CurlAwsSigv4,
        Severity::Info,
        "curl signs this request itself when it sends it",
        format!("--aws-sigv4 \u{201c}{provider}\u{201d} makes curl compute the Authorization header at send time, from the key pair in --user and its own clock, so the command holds no signature to check. The provider is aws:amz:REGION:SERVICE; region and service are taken from the host when left out, which fails for hosts that do not name them. Run it with -v and paste the output: the > Authorization: line is what curl signed.{express}"),
    )
    .with("--aws-sigv4", provider);
    if let Some(user) = user {
        f = f.with("access key id (--user)", user);
    }
    f
}
