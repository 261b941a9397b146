//! Stage 2 of SigV4A: the string to sign. SigV4's four lines, with the algorithm
//! `AWS4-ECDSA-P256-SHA256` and a credential scope without region.

use crate::crypto::sha256;
use crate::encode::hex;
use crate::sigv4::string_to_sign::StringToSign;
use crate::sigv4a::params::AWS4_ECDSA_P256_SHA256;

/// The string to sign for a canonical request's text; `credential_scope` is
/// `date/service/aws4_request`.
pub fn sigv4a_string_to_sign(
    amz_date: &str,
    credential_scope: &str,
    canonical_request: &str,
) -> StringToSign {
    StringToSign {
        algorithm: AWS4_ECDSA_P256_SHA256.to_owned(),
        amz_date: amz_date.to_owned(),
        credential_scope: credential_scope.to_owned(),
        canonical_request_hash: hex(&sha256(canonical_request.as_bytes())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// aws-c-auth's v4a `get-vanilla`: `query-string-to-sign.txt` from its canonical request.
    #[test]
    fn vanilla_query() {
        let creq = "GET\n/\nX-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-Region-Set=us-east-1&X-Amz-SignedHeaders=host\nhost:example.amazonaws.com\n\nhost\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            sigv4a_string_to_sign("20150830T123600Z", "20150830/service/aws4_request", creq)
                .text(),
            "AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n890c4ed28c1a1ac10b5862719b537afbe392e987dc1aab1efa16fe7de41d3c81"
        );
    }
}
