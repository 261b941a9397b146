//! Stage 2 of SigV4: the string to sign.

use crate::crypto::sha256;
use crate::encode::hex;
use crate::sigv4::canonical_request::CanonicalRequest;
use crate::sigv4::params::AWS4_HMAC_SHA256;
use serde::Serialize;
use std::fmt;

/// The four lines that are signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StringToSign {
    pub algorithm: String,
    pub amz_date: String,
    pub credential_scope: String,
    /// Hex SHA-256 of the canonical request.
    pub canonical_request_hash: String,
}

impl StringToSign {
    pub fn new(
        amz_date: &str,
        credential_scope: &str,
        canonical_request: &CanonicalRequest,
    ) -> Self {
        Self::from_canonical_text(amz_date, credential_scope, &canonical_request.text())
    }

    /// From the canonical request's text (for S3's own `CanonicalRequest`, say).
    pub fn from_canonical_text(
        amz_date: &str,
        credential_scope: &str,
        canonical_request: &str,
    ) -> Self {
        StringToSign {
            algorithm: AWS4_HMAC_SHA256.to_owned(),
            amz_date: amz_date.to_owned(),
            credential_scope: credential_scope.to_owned(),
            canonical_request_hash: hex(&sha256(canonical_request.as_bytes())),
        }
    }
}

impl StringToSign {
    /// The four lines joined by `\n`: what is signed, built in one allocation.
    pub fn text(&self) -> String {
        [
            &self.algorithm,
            &self.amz_date,
            &self.credential_scope,
            &self.canonical_request_hash,
        ]
        .map(String::as_str)
        .join("\n")
    }
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The S3 documentation example (GET examplebucket/test.txt, 2013-05-24).
    #[test]
    fn s3_documentation_example() {
        let creq = "GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD";
        let sts = StringToSign::from_canonical_text(
            "20130524T000000Z",
            "20130524/us-east-1/s3/aws4_request",
            creq,
        );
        assert_eq!(
            sts.to_string(),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04"
        );
    }
}
