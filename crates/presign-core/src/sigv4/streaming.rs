//! Stage 4 of a chunk-signed upload (`x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD`,
//! `Content-Encoding: aws-chunked`): the body's chunks, each signed with a chain that starts at
//! the request's own signature (the seed).
//!
//! ```text
//! chunk string to sign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amz_date + "\n" + scope + "\n"
//!                        + previous signature + "\n" + SHA-256("") + "\n" + SHA-256(chunk data)
//! ```
//!
//! The framing is `hex-size;chunk-signature=<64 hex>` CRLF, the data, CRLF, ending with a
//! chunk of size 0 (and trailers, for the `-TRAILER` literals). Unsigned streaming
//! (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`) has the same framing without `chunk-signature`.

use crate::crypto::sha256;
use crate::encode::hex;
use crate::sigv4::signature::SigningKey;
use serde::Serialize;

/// The algorithm line of a chunk's string to sign.
pub const CHUNK_ALGORITHM: &str = "AWS4-HMAC-SHA256-PAYLOAD";

/// One chunk of an aws-chunked body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chunk {
    pub size: usize,
    /// `chunk-signature=…` as sent, when the chunk is signed.
    pub signature: Option<String>,
    /// Hex SHA-256 of the chunk's data.
    pub data_sha256: String,
}

/// An aws-chunked body read into its chunks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwsChunks {
    pub chunks: Vec<Chunk>,
    /// The data of all chunks together: the decoded content.
    pub decoded_length: usize,
    /// Trailer lines after the last chunk (`x-amz-checksum-crc32:…`).
    pub trailers: Vec<String>,
    /// Where the framing stopped reading, in words; `None` when it read to the final chunk.
    pub problem: Option<String>,
}

/// Reads an aws-chunked body. CRLF or LF line ends.
pub fn read_aws_chunks(body: &[u8]) -> AwsChunks {
    let mut out = AwsChunks {
        chunks: Vec::new(),
        decoded_length: 0,
        trailers: Vec::new(),
        problem: None,
    };
    let mut rest = body;
    loop {
        let Some(line_end) = rest.iter().position(|&b| b == b'\n') else {
            out.problem = Some("the body ends before the final chunk (size 0)".to_owned());
            return out;
        };
        let line = rest[..line_end]
            .strip_suffix(b"\r")
            .unwrap_or(&rest[..line_end]);
        let line = String::from_utf8_lossy(line);
        rest = &rest[line_end + 1..];
        let (size_text, extension) = line.split_once(';').unwrap_or((&line, ""));
        let size = (!size_text.is_empty() && size_text.len() <= 15)
            .then(|| usize::from_str_radix(size_text.trim(), 16).ok())
            .flatten();
        let Some(size) = size else {
            out.problem = Some(format!(
                "a chunk header does not start with a hex size: {}",
                line.chars().take(80).collect::<String>()
            ));
            return out;
        };
        let signature = extension
            .trim()
            .strip_prefix("chunk-signature=")
            .map(str::to_owned);
        let Some(data) = rest.get(..size) else {
            out.problem = Some(format!(
                "a chunk of {size} bytes is cut off after {} bytes",
                rest.len()
            ));
            return out;
        };
        out.chunks.push(Chunk {
            size,
            signature,
            data_sha256: hex(&sha256(data)),
        });
        out.decoded_length += size;
        rest = &rest[size..];
        if size == 0 {
            out.trailers = String::from_utf8_lossy(rest)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            return out;
        }
        let Some(after) = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
        else {
            out.problem = Some(format!(
                "the chunk of {size} bytes is not followed by a line end"
            ));
            return out;
        };
        rest = after;
    }
}

/// The string to sign of one chunk.
pub fn chunk_string_to_sign(
    amz_date: &str,
    credential_scope: &str,
    previous_signature: &str,
    data_sha256: &str,
) -> String {
    let empty = hex(&sha256(b""));
    format!("{CHUNK_ALGORITHM}\n{amz_date}\n{credential_scope}\n{previous_signature}\n{empty}\n{data_sha256}")
}

/// One chunk's check: the signature it carries and the one the chain gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChunkCheck {
    pub index: usize,
    pub size: usize,
    pub provided: Option<String>,
    pub computed: String,
}

/// Signs every chunk in turn from the seed signature, as S3 does, and pairs each result with
/// the chunk's own signature. After the first chunk that differs the chain no longer says
/// anything, so the checks stop there.
pub fn check_chunks(
    chunks: &AwsChunks,
    key: &SigningKey,
    amz_date: &str,
    credential_scope: &str,
    seed_signature: &str,
) -> Vec<ChunkCheck> {
    let mut previous = seed_signature.to_owned();
    let mut out = Vec::new();
    for (index, chunk) in chunks.chunks.iter().enumerate() {
        let computed = key.sign_text(&chunk_string_to_sign(
            amz_date,
            credential_scope,
            &previous,
            &chunk.data_sha256,
        ));
        let same = chunk.signature.as_deref() == Some(computed.as_str());
        out.push(ChunkCheck {
            index,
            size: chunk.size,
            provided: chunk.signature.clone(),
            computed: computed.clone(),
        });
        if !same {
            break;
        }
        previous = computed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Secret;

    /// The S3 documentation's chunked upload (65536 + 1024 + 0 bytes of `a`), as aws-c-auth's
    /// `test_chunked_signing.c` checks it.
    #[test]
    fn s3_documentation_chunks() {
        let sigs = [
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
        ];
        let mut body = Vec::new();
        for (size, sig) in [65536usize, 1024, 0].into_iter().zip(sigs) {
            body.extend_from_slice(format!("{size:x};chunk-signature={sig}\r\n").as_bytes());
            body.extend(std::iter::repeat_n(b'a', size));
            body.extend_from_slice(b"\r\n");
        }
        let chunks = read_aws_chunks(&body);
        assert_eq!(chunks.problem, None);
        assert_eq!(chunks.decoded_length, 66560);
        let key = SigningKey::derive(
            &Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            "20130524",
            "us-east-1",
            "s3",
            "aws4_request",
        );
        let checks = check_chunks(
            &chunks,
            &key,
            "20130524T000000Z",
            "20130524/us-east-1/s3/aws4_request",
            "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
        );
        assert_eq!(checks.len(), 3);
        for (check, sig) in checks.iter().zip(sigs) {
            assert_eq!(check.computed, sig);
        }
    }

    #[test]
    fn unsigned_trailer_framing_and_damage() {
        let c =
            read_aws_chunks(b"e\r\nHello, world!\n\r\n0\r\nx-amz-checksum-crc32:e1WnGA==\r\n\r\n");
        assert_eq!((c.decoded_length, c.problem.clone()), (14, None));
        assert_eq!(c.trailers, ["x-amz-checksum-crc32:e1WnGA=="]);
        assert_eq!(c.chunks[0].signature, None);
        assert!(read_aws_chunks(b"zz\r\n").problem.is_some());
        assert!(read_aws_chunks(b"10\r\nshort").problem.is_some());
        assert!(read_aws_chunks(b"").problem.is_some());
    }
}
