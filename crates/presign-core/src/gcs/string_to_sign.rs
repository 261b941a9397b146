//! Stage 2 of GCS V4: the string to sign (shared/specs/gcs-v4.md section 3):
//! `algorithm\nX-Goog-Date\ncredential scope\nhex(SHA-256(canonical request))`.

use crate::crypto::sha256;
use crate::encode::hex;

/// The string to sign for `algorithm` (`GOOG4-RSA-SHA256` or `GOOG4-HMAC-SHA256`, as the URL
/// states it), the `X-Goog-Date` text, the credential scope and the canonical request text.
pub fn string_to_sign(
    algorithm: &str,
    goog_date: &str,
    credential_scope: &str,
    canonical_request: &str,
) -> String {
    let hash = hex(&sha256(canonical_request.as_bytes()));
    [algorithm, goog_date, credential_scope, &hash].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conformance_simple_get() {
        // shared/vectors/gcs/v4_signatures.json, "Simple GET".
        let canonical_request = "GET\n/test-bucket/test-object\nX-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=test-iam-credentials%40dummy-project-id.iam.gserviceaccount.com%2F20190201%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20190201T090000Z&X-Goog-Expires=10&X-Goog-SignedHeaders=host\nhost:storage.googleapis.com\n\nhost\nUNSIGNED-PAYLOAD";
        assert_eq!(
            string_to_sign(
                "GOOG4-RSA-SHA256",
                "20190201T090000Z",
                "20190201/auto/storage/goog4_request",
                canonical_request
            ),
            "GOOG4-RSA-SHA256\n20190201T090000Z\n20190201/auto/storage/goog4_request\n00e2fb794ea93d7adb703edaebdd509821fcc7d4f1a79ac5c8d2b394df109320"
        );
    }
}
