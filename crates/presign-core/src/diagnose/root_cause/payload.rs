//! The payload hash: signed as UNSIGNED-PAYLOAD, the empty body's hash or a streaming value.

use super::{Candidate, Change, SearchInput, Variant};
use crate::finding::Code;

/// The SHA-256 of an empty body.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The payload hashes presigned requests are signed with, but the one sent.
pub(super) fn candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    for signed in [
        "UNSIGNED-PAYLOAD",
        EMPTY_SHA256,
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    ] {
        if signed != input.canonical_request.payload_hash {
            out.push(Candidate::new(Variant::PayloadHash { signed }).payload(signed.to_owned()));
        }
    }
}

/// The words for a request signed with the payload hash `signed`.
pub(super) fn change(input: &SearchInput<'_>, signed: &str) -> Change {
    let sent = &input.canonical_request.payload_hash;
    super::change(
        Code::SignedHeaderValue,
        "payload hash",
        sent,
        signed,
        format!("The payload hash was signed as {signed}, this request has {sent}"),
        format!("Re-signing with the payload hash {signed} reproduces the signature. The payload hash comes from X-Amz-Content-Sha256 (a query parameter or the x-amz-content-sha256 header); presigned S3 URLs normally sign UNSIGNED-PAYLOAD. Send x-amz-content-sha256 exactly as presigned, or not at all if it was not."),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, Request};
    use super::super::Variant;
    use super::{candidates, EMPTY_SHA256};

    /// Presigned with UNSIGNED-PAYLOAD (the example), sent with the empty body's hash.
    #[test]
    fn signed_unsigned_payload_sent_with_a_body_hash() {
        let sent = Request::example().header("x-amz-content-sha256", EMPTY_SHA256);
        let (variants, words) = found(&sent, &Request::example().signature(), candidates);
        assert_eq!(
            variants,
            [[Variant::PayloadHash {
                signed: "UNSIGNED-PAYLOAD"
            }]]
        );
        assert_eq!(
            words[0][0].title,
            format!(
                "The payload hash was signed as UNSIGNED-PAYLOAD, this request has {EMPTY_SHA256}"
            )
        );
    }

    #[test]
    fn signed_with_a_streaming_payload_hash() {
        let sent = Request::example();
        let signed = sent.signature_with(|c| {
            c.payload_hash = "STREAMING-UNSIGNED-PAYLOAD-TRAILER".to_owned();
        });
        assert_eq!(
            variants_found(&sent, &signed, candidates),
            [[Variant::PayloadHash {
                signed: "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
            }]]
        );
        assert!(variants_found(&sent, &sent.signature(), candidates).is_empty());
    }
}
