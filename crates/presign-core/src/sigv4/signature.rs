//! Stage 3 of SigV4: the signing-key chain and the signature.

use crate::crypto::{constant_time_eq, hmac_sha256, P256PublicKey};
use crate::encode::hex;
use crate::sigv4::params::CredentialScope;
use crate::sigv4::string_to_sign::StringToSign;
use crate::types::Secret;
use serde::Serialize;
use std::sync::Arc;
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
    pub fn derive(
        secret: &Secret,
        date: &str,
        region: &str,
        service: &str,
        terminator: &str,
    ) -> Self {
        let mut seed = Zeroizing::new(Vec::with_capacity(4 + secret.expose().len()));
        seed.extend_from_slice(b"AWS4");
        seed.extend_from_slice(secret.expose().as_bytes());
        let k_date = Zeroizing::new(hmac_sha256(&seed, date.as_bytes()));
        let k_region = Zeroizing::new(hmac_sha256(&*k_date, region.as_bytes()));
        let k_service = Zeroizing::new(hmac_sha256(&*k_region, service.as_bytes()));
        let k_signing = Zeroizing::new(hmac_sha256(&*k_service, terminator.as_bytes()));
        SigningKey {
            k_date,
            k_region,
            k_service,
            k_signing,
        }
    }

    /// The key for a credential scope.
    pub fn for_scope(secret: &Secret, scope: &CredentialScope) -> Self {
        Self::derive(
            secret,
            &scope.date,
            &scope.region,
            &scope.service,
            &scope.terminator,
        )
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
        self.sign_text(&string_to_sign.text())
    }

    pub fn sign_text(&self, string_to_sign: &str) -> String {
        hex(&hmac_sha256(&*self.k_signing, string_to_sign.as_bytes()))
    }
}

/// At most this many scopes are remembered (a batch of URLs signed on a few days in a few
/// regions needs a handful).
const CACHED_SCOPES: usize = 16;

/// Signing keys already derived, by scope, for one secret. A key depends only on the secret and
/// the scope's date, region, service and terminator, so checking many requests with one secret
/// (`--batch`, or the page re-inspecting as the user types) derives each key once instead of
/// four HMACs per request. SigV4A public keys (an HMAC loop and a P-256 scalar multiplication
/// each) are kept too, by access key id.
///
/// The caller owns the cache and keeps it as long as it is useful (the batch loop; the page's
/// state), since a cache inside a value that is cloned per use never hits. It holds keys for one
/// secret at a time: asked with another secret it forgets everything first, so it can never
/// answer for a secret it was not given. Its copy of the secret and its keys are wiped when
/// replaced or dropped.
#[derive(Default)]
pub struct SigningKeyCache {
    secret: Zeroizing<String>,
    entries: Vec<(ScopeParts, Arc<SigningKey>)>,
    /// SigV4A public keys, by access key id.
    sigv4a: Vec<(String, Arc<P256PublicKey>)>,
}

/// Date, region, service and terminator: what a signing key is derived for.
type ScopeParts = [String; 4];

impl SigningKeyCache {
    /// The key for `scope`, derived now or earlier from this same secret.
    pub fn key_for(&mut self, secret: &Secret, scope: &CredentialScope) -> Arc<SigningKey> {
        self.get_or_derive(
            secret,
            [
                &scope.date,
                &scope.region,
                &scope.service,
                &scope.terminator,
            ],
        )
    }

    /// The key for a scope given as its four parts.
    pub fn get_or_derive(&mut self, secret: &Secret, scope: [&str; 4]) -> Arc<SigningKey> {
        self.use_secret(secret);
        if let Some((_, key)) = self
            .entries
            .iter()
            .find(|(parts, _)| parts.iter().zip(scope).all(|(a, b)| a == b))
        {
            return Arc::clone(key);
        }
        let [date, region, service, terminator] = scope;
        let key = Arc::new(SigningKey::derive(
            secret, date, region, service, terminator,
        ));
        if self.entries.len() == CACHED_SCOPES {
            self.entries.clear();
        }
        self.entries
            .push((scope.map(str::to_owned), Arc::clone(&key)));
        key
    }

    /// The SigV4A public key of `access_key_id` and this secret, derived now or earlier;
    /// `None` only when the derivation finds no key (see `sigv4a::signing_key`).
    pub fn sigv4a_key_for(
        &mut self,
        secret: &Secret,
        access_key_id: &str,
    ) -> Option<Arc<P256PublicKey>> {
        self.use_secret(secret);
        if let Some((_, key)) = self.sigv4a.iter().find(|(id, _)| id == access_key_id) {
            return Some(Arc::clone(key));
        }
        let key = Arc::new(crate::sigv4a::signing_key::sigv4a_public_key(
            secret,
            access_key_id,
        )?);
        if self.sigv4a.len() == CACHED_SCOPES {
            self.sigv4a.clear();
        }
        self.sigv4a
            .push((access_key_id.to_owned(), Arc::clone(&key)));
        Some(key)
    }

    /// Forgets everything when `secret` is not the one the keys were derived from.
    fn use_secret(&mut self, secret: &Secret) {
        if !constant_time_eq(self.secret.as_bytes(), secret.expose().as_bytes()) {
            self.clear();
            self.secret = Zeroizing::new(secret.expose().to_owned());
        }
    }

    /// Forgets the secret and every key (wiped as they are dropped).
    pub fn clear(&mut self) {
        self.secret = Zeroizing::default();
        self.entries.clear();
        self.sigv4a.clear();
    }
}

impl std::fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SigningKeyCache({} keys, {} SigV4A keys, <redacted>)",
            self.entries.len(),
            self.sigv4a.len()
        )
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
        assert_eq!(
            key.sign_text(sts),
            "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        );
    }

    /// The signing key of the AWS General Reference example (secret wJalr…/bPxRfiCYEXAMPLEKEY,
    /// 20150830, us-east-1, iam).
    #[test]
    fn general_reference_signing_key() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let key = SigningKey::derive(&secret, "20150830", "us-east-1", "iam", "aws4_request");
        assert_eq!(
            key.to_hex().k_signing,
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
        );
    }

    /// The cache gives the key derived for exactly that scope, for that secret only.
    #[test]
    fn cache_keys_by_scope_and_secret() {
        let scope = |date: &str, region: &str| CredentialScope {
            access_key_id: "AKIDEXAMPLE".into(),
            date: date.into(),
            region: region.into(),
            service: "s3".into(),
            terminator: "aws4_request".into(),
        };
        let mut cache = SigningKeyCache::default();
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let first = cache.key_for(&secret, &scope("20130524", "us-east-1"));
        let again = cache.key_for(&secret, &scope("20130524", "us-east-1"));
        assert!(Arc::ptr_eq(&first, &again), "derived once");
        for (date, region) in [("20130524", "eu-west-1"), ("20130525", "us-east-1")] {
            let key = cache.key_for(&secret, &scope(date, region));
            let fresh = SigningKey::derive(&secret, date, region, "s3", "aws4_request");
            assert_eq!(key.to_hex(), fresh.to_hex());
            assert_ne!(key.to_hex(), first.to_hex());
        }
        // Another secret: another key, and the first secret's keys are forgotten.
        let other = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ");
        let theirs = cache.key_for(&other, &scope("20130524", "us-east-1"));
        assert_eq!(
            theirs.to_hex(),
            SigningKey::derive(&other, "20130524", "us-east-1", "s3", "aws4_request").to_hex()
        );
        assert_eq!(cache.entries.len(), 1);
        assert!(!Arc::ptr_eq(
            &cache.key_for(&secret, &scope("20130524", "us-east-1")),
            &first
        ));
        // More scopes than the cache holds still give the right keys.
        for day in 1..=(3 * CACHED_SCOPES) {
            let date = format!("201305{day:02}");
            assert_eq!(
                cache.key_for(&secret, &scope(&date, "us-east-1")).to_hex(),
                SigningKey::derive(&secret, &date, "us-east-1", "s3", "aws4_request").to_hex()
            );
        }
        cache.clear();
        assert!(cache.entries.is_empty() && cache.secret.is_empty());
        assert!(!format!("{cache:?}").contains("wJal"));
    }

    /// SigV4A keys: derived once per access key id, forgotten with the secret.
    #[test]
    fn cache_keeps_sigv4a_keys_for_one_secret() {
        let mut cache = SigningKeyCache::default();
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let first = cache.sigv4a_key_for(&secret, "AKIDEXAMPLE").unwrap();
        let again = cache.sigv4a_key_for(&secret, "AKIDEXAMPLE").unwrap();
        assert!(Arc::ptr_eq(&first, &again), "derived once");
        let other_id = cache.sigv4a_key_for(&secret, "AKIDEXAMPLF").unwrap();
        assert_ne!(*other_id, *first);
        let other = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ");
        let theirs = cache.sigv4a_key_for(&other, "AKIDEXAMPLE").unwrap();
        assert_ne!(*theirs, *first);
        assert_eq!(cache.sigv4a.len(), 1);
        cache.clear();
        assert!(cache.sigv4a.is_empty());
    }
}
