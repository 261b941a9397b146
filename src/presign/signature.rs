//! Stage 3 of SigV4: the signing-key chain and the signature.

use super::crypto::hmac_sha256;
use super::encode::hex;
use super::params::CredentialScope;
use super::string_to_sign::StringToSign;
use super::types::Secret;
use serde::Serialize;
use zeroize::Zeroizing;

/// The four HMAC steps from the secret to the key that signs: each is a credential in its own
/// right (kSigning signs anything for that day, region and service), so the buffers are wiped
/// on drop.
pub struct SigningKey {
    pub k_date: Zeroizing<[u8; 32]>,
    pub k_region: Zeroizing<[u8; 32]>,
    pub k_service: Zeroizing<[u8; 32]>,
    pub k_signing: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

/// The chain in hex, for showing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigningKeyHex {
    pub k_date: String,
    pub k_region: String,
    pub k_service: String,
    pub k_signing: String,
}

impl SigningKey {
    /// kDate = HMAC("AWS4" + secret, date); kRegion, kService, kSigning follow.
    pub fn derive(secret: &Secret, date: &str, region: &str, service: &str, terminator: &str) -> Self {
        let mut seed = Zeroizing::new(Vec::with_capacity(4 + secret.expose().len()));
        seed.extend_from_slice(b"AWS4");
        seed.extend_from_slice(secret.expose().as_bytes());
        let k_date = Zeroizing::new(hmac_sha256(&seed, date.as_bytes()));
        let k_region = Zeroizing::new(hmac_sha256(&*k_date, region.as_bytes()));
        let k_service = Zeroizing::new(hmac_sha256(&*k_region, service.as_bytes()));
        let k_signing = Zeroizing::new(hmac_sha256(&*k_service, terminator.as_bytes()));
        SigningKey { k_date, k_region, k_service, k_signing }
    }

    pub fn for_scope(secret: &Secret, scope: &CredentialScope) -> Self {
        Self::derive(secret, &scope.date, &scope.region, &scope.service, &scope.terminator)
    }

    pub fn to_hex(&self) -> SigningKeyHex {
        SigningKeyHex {
            k_date: hex(&*self.k_date),
            k_region: hex(&*self.k_region),
            k_service: hex(&*self.k_service),
            k_signing: hex(&*self.k_signing),
        }
    }

    /// The hex signature of a string to sign.
    pub fn sign(&self, string_to_sign: &StringToSign) -> String {
        self.sign_text(&string_to_sign.to_string())
    }

    pub fn sign_text(&self, string_to_sign: &str) -> String {
        hex(&hmac_sha256(&*self.k_signing, string_to_sign.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The S3 documentation example (GET examplebucket/test.txt, 2013-05-24).
    #[test]
    fn s3_documentation_example() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let key = SigningKey::derive(&secret, "20130524", "us-east-1", "s3", "aws4_request");
        let sts = "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04";
        assert_eq!(key.sign_text(sts), "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    /// The signing key of the AWS General Reference example (secret wJalr…/bPxRfiCYEXAMPLEKEY,
    /// 20150830, us-east-1, iam).
    #[test]
    fn general_reference_signing_key() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let key = SigningKey::derive(&secret, "20150830", "us-east-1", "iam", "aws4_request");
        assert_eq!(key.to_hex().k_signing, "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }
}
