//! All cryptography in one place: SHA-256, HMAC-SHA256, HMAC-SHA1, ECDSA P-256 verification
//! and a constant-time compare.

use crate::encode::hex;
use hmac::{Hmac, Mac};
use p256::ecdsa::signature::Verifier;
use p256::elliptic_curve::ff::PrimeField;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// SHA-256 fed piece by piece. Cloning it after a common prefix lets many texts that share
/// that prefix (the root-cause search's canonical requests) hash it once.
#[derive(Clone, Default)]
pub struct Sha256Stream(Sha256);

impl Sha256Stream {
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// An HMAC-SHA256 key with its inner and outer pads already hashed: signing many messages
/// with one key (the root-cause search) then costs two compressions less per message.
#[derive(Clone)]
pub struct HmacSha256Key(Hmac<Sha256>);

impl HmacSha256Key {
    pub fn new(key: &[u8]) -> Self {
        HmacSha256Key(Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length"))
    }

    pub fn sign(&self, data: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

pub fn hmac_sha1(key: &[u8], data: &[u8]) -> [u8; 20] {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// A P-256 public key, which verifies ECDSA signatures over SHA-256 (SigV4A).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct P256PublicKey(p256::ecdsa::VerifyingKey);

impl P256PublicKey {
    /// The public key of the private scalar `candidate + 1`, if that is a private key (from 1
    /// to n - 1, n being the group order), i.e. if `candidate` (big-endian) is at most n - 2.
    /// Adding one is SigV4A's last derivation step; the private scalar is wiped here, only
    /// the public key leaves.
    pub fn from_candidate_plus_one(candidate: &[u8; 32]) -> Option<Self> {
        let c = Zeroizing::new(Option::<p256::Scalar>::from(p256::Scalar::from_repr(
            (*candidate).into(),
        ))?);
        let d = Zeroizing::new(*c + p256::Scalar::ONE);
        let d: p256::NonZeroScalar = Option::from(p256::NonZeroScalar::new(*d))?;
        // SecretKey wipes its scalar on drop.
        let secret = p256::SecretKey::from(d);
        Some(P256PublicKey(p256::ecdsa::VerifyingKey::from(
            secret.public_key(),
        )))
    }

    /// The affine coordinates X and Y, as lower-case hex (64 digits each).
    pub fn xy_hex(&self) -> (String, String) {
        let point = self.0.to_encoded_point(false);
        let hex_of = |c: Option<&p256::FieldBytes>| c.map_or_else(String::new, |b| hex(b));
        (hex_of(point.x()), hex_of(point.y()))
    }

    /// Whether `der` (an ASN.1 DER `SEQUENCE { r, s }`) is this key's ECDSA signature of
    /// SHA-256(`message`). Anything that is not such a signature is simply not valid.
    pub fn verifies(&self, message: &[u8], der: &[u8]) -> bool {
        p256::ecdsa::Signature::from_der(der).is_ok_and(|sig| self.0.verify(message, &sig).is_ok())
    }
}

/// Compares two byte strings in time that depends only on their lengths, so that a page
/// comparing signatures does not leak how many leading characters matched.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::unhex;

    #[test]
    fn digests() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        // RFC 4231 test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // RFC 2202 test case 2.
        assert_eq!(
            hex(&hmac_sha1(b"Jefe", b"what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        let mut stream = Sha256Stream::default();
        stream.update(b"what do ya ");
        let fork = stream.clone();
        stream.update(b"want for nothing?");
        assert_eq!(stream.finish(), sha256(b"what do ya want for nothing?"));
        assert_eq!(fork.finish(), sha256(b"what do ya "));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    /// The aws-c-auth v4a suite's key for AKIDEXAMPLE (`get-vanilla/public-key.json`): its
    /// private scalar minus one, and a query signature of the suite over its string to sign.
    #[test]
    fn p256_public_key_and_verification() {
        let d = unhex("7efc8c0e65a324242818c5a50c891c6060b6a00717b7ba3cbe3c5d765be9259c").unwrap();
        let mut candidate: [u8; 32] = d.try_into().unwrap();
        candidate[31] -= 1;
        let key = P256PublicKey::from_candidate_plus_one(&candidate).unwrap();
        assert_eq!(
            key.xy_hex(),
            (
                "b6618f6a65740a99e650b33b6b4b5bd0d43b176d721a3edfea7e7d2d56d936b1".to_owned(),
                "865ed22a7eadc9c5cb9d2cbaca1b3699139fedc5043dc6661864218330c8e518".to_owned()
            )
        );
        let sts = b"AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n890c4ed28c1a1ac10b5862719b537afbe392e987dc1aab1efa16fe7de41d3c81";
        let der = unhex("3045022100b3246f8e1442dd58e73292ae1294720c3256ee58f6cea50f3a3f83b4a4b0331a0220329693f7745c9008a5887c0529ceccb0fae4e16d707b712ea66acdbaf963769a").unwrap();
        assert!(key.verifies(sts, &der));
        assert!(!key.verifies(&sts[1..], &der));
        assert!(!key.verifies(sts, &der[1..]));
        assert!(!key.verifies(sts, b""));
        // n - 2 is the largest candidate; n - 1 and above give no key.
        let n_minus_2 =
            unhex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC63254F").unwrap();
        let mut c: [u8; 32] = n_minus_2.try_into().unwrap();
        assert!(P256PublicKey::from_candidate_plus_one(&c).is_some());
        c[31] += 1;
        assert!(P256PublicKey::from_candidate_plus_one(&c).is_none());
        assert!(P256PublicKey::from_candidate_plus_one(&[0xff; 32]).is_none());
    }
}
