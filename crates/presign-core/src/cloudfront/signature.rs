//! Stage 2 of CloudFront signed URLs: the signature, RSASSA-PKCS1-v1_5 over the policy bytes
//! with SHA-1, or SHA-256 when the URL says `Hash-Algorithm=SHA256`
//! (shared/specs/cloudfront.md section 2).

use crate::crypto::RsaHash;

/// The hash a URL's `Hash-Algorithm` names: absent or `SHA1` is SHA-1, `SHA256` is SHA-256,
/// anything else `None`.
pub fn hash_of(hash_algorithm: Option<&str>) -> Option<RsaHash> {
    match hash_algorithm {
        None | Some("SHA1") => Some(RsaHash::Sha1),
        Some("SHA256") => Some(RsaHash::Sha256),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::cloudfront_base64_decode;
    use crate::input::public_key::read_public_keys;
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::pkcs8::{EncodePublicKey, LineEnding};

    #[test]
    fn the_js_sdk_test_keys_canned_signature_verifies_with_sha1() {
        // shared/vectors/cloudfront: the aws-sdk-js-v3 test key and its canned-policy case.
        let pem = include_str!(
            "../../../../tests/fixtures/cloudfront/vectors/test-key.aws-sdk-js-v3.pem"
        );
        let public = rsa::RsaPrivateKey::from_pkcs1_pem(pem)
            .unwrap()
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap();
        let key = &read_public_keys(&public).keys[0].key;
        let policy = "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/private-content/private.jpeg\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1577836800}}}]}";
        let signature = cloudfront_base64_decode("NOai~fCNG523XBDM03BnCCZFJ0527Mdd31dfH5rqm1ewjuTt2uo8Eq9FCxFdKQhe2x-b2WXsaAuSa5lTQUtQrRAWmqTVxY-T9I8O0A26QI8agkU5TCA4EBwCaI6C8kvL5kpgQselQxP0j51842oCHXMCg2zSscihgPdi5Ml5QU0RTFPpSphxZRlLkhQSjcjAPSJwlvvuceogycsXHYMlqvfn1hv7DzPjF-53Xg1NSodBrs~IgG0zNsokIrv91xIdpNTOEIuovKLtsgPTE1UYMT880TqNrZFx56oPDmEwgBAf9jHJ2zyJvnj3f7XPsb46ofOp9eniUKAAh-zdOrCRbw__").unwrap();
        let hash = hash_of(None).unwrap();
        assert!(key.verify(hash, policy.as_bytes(), &signature));
        assert!(!key.verify(RsaHash::Sha256, policy.as_bytes(), &signature));
    }
}
