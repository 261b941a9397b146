//! Stage 3 of SigV4A: the P-256 key pair derived from the secret access key, as aws-c-auth
//! derives it (a NIST SP 800-108 counter-mode KDF with HMAC-SHA256). The key depends on the
//! secret and the access key id only, not on the date, region or service, so one key serves
//! every request of a credential; `SigningKeyCache::sigv4a_key_for` keeps it.

use crate::crypto::{hmac_sha256, P256PublicKey};
use crate::sigv4a::params::AWS4_ECDSA_P256_SHA256;
use crate::types::Secret;
use zeroize::Zeroizing;

/// The KDF gives up after this many counter values (each fails with probability about
/// 2^-32, so the first one nearly always succeeds).
const MAX_COUNTER: u8 = 254;

/// The public key of the SigV4A key pair for `access_key_id` and `secret`:
/// for counter = 1, 2, …, `k0 = HMAC-SHA256("AWS4A" + secret,
/// 0x00000001 || "AWS4-ECDSA-P256-SHA256" || 0x00 || access_key_id || counter || 0x00000100)`;
/// the first `k0` at most n - 2 gives the private key `k0 + 1`. `None` only if no counter does.
pub fn sigv4a_public_key(secret: &Secret, access_key_id: &str) -> Option<P256PublicKey> {
    let mut seed = Zeroizing::new(Vec::with_capacity(5 + secret.expose().len()));
    seed.extend_from_slice(b"AWS4A");
    seed.extend_from_slice(secret.expose().as_bytes());
    let mut fixed = Vec::with_capacity(32 + access_key_id.len());
    fixed.extend_from_slice(&1u32.to_be_bytes());
    fixed.extend_from_slice(AWS4_ECDSA_P256_SHA256.as_bytes());
    fixed.push(0);
    fixed.extend_from_slice(access_key_id.as_bytes());
    let counter_at = fixed.len();
    fixed.push(1);
    fixed.extend_from_slice(&256u32.to_be_bytes());
    for counter in 1..=MAX_COUNTER {
        fixed[counter_at] = counter;
        let candidate = Zeroizing::new(hmac_sha256(&seed, &fixed));
        if let Some(key) = P256PublicKey::from_candidate_plus_one(&candidate) {
            return Some(key);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `shared/specs/sigv4a.md` section 1 and aws-c-auth's `v4a/get-vanilla/public-key.json`.
    #[test]
    fn aws_c_auth_example_key() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let key = sigv4a_public_key(&secret, "AKIDEXAMPLE").unwrap();
        assert_eq!(
            key.xy_hex(),
            (
                "b6618f6a65740a99e650b33b6b4b5bd0d43b176d721a3edfea7e7d2d56d936b1".to_owned(),
                "865ed22a7eadc9c5cb9d2cbaca1b3699139fedc5043dc6661864218330c8e518".to_owned()
            )
        );
    }

    /// The key aws-c-auth's `test_chunked_signing.c` quotes for AKIAIOSFODNN7EXAMPLE (as
    /// tests/fixtures/sigv4a/README.md lists it).
    #[test]
    fn documentation_example_key() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let (x, y) = sigv4a_public_key(&secret, "AKIAIOSFODNN7EXAMPLE")
            .unwrap()
            .xy_hex();
        assert_eq!(
            x,
            "18b7d04643359f6ec270dcbab8dce6d169d66ddc9778c75cfb08dfdb701637ab"
        );
        assert_eq!(
            y,
            "fa36b35e4fe67e3112261d2e17a956ef85b06e44712d2850bcd3c2161e9993f2"
        );
    }
}
