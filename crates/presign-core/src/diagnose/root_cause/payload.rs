//! The payload hash: signed as UNSIGNED-PAYLOAD, the empty body's hash or a streaming value.

use super::{change, Candidate, SearchInput};
use crate::finding::Code;

/// The payload hashes presigned requests are signed with.
pub(super) fn payload_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    for value in [
        "UNSIGNED-PAYLOAD",
        EMPTY_SHA256,
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    ] {
        if value == input.payload_hash {
            continue;
        }
        let mut c = Candidate::new(change(
            Code::SignedHeaderValue,
            "payload hash",
            input.payload_hash,
            value,
            format!("The payload hash was signed as {value}, this request has {}", input.payload_hash),
            format!("Re-signing with the payload hash {value} reproduces the signature. The payload hash comes from X-Amz-Content-Sha256 (a query parameter or the x-amz-content-sha256 header); presigned S3 URLs normally sign UNSIGNED-PAYLOAD. Send x-amz-content-sha256 exactly as presigned, or not at all if it was not."),
        ));
        c.payload = Some(value.to_owned());
        out.push(c);
    }
}
