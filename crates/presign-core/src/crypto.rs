//! All cryptography in one place: SHA-256, SHA-1, HMAC-SHA256, HMAC-SHA1, a constant-time
//! compare, ECDSA P-256 verification (SigV4A) and RSA signatures checked with a public key
//! (the `rsa` crate).

use crate::encode::hex;
use hmac::{Hmac, Mac};
use p256::ecdsa::signature::Verifier;
use p256::elliptic_curve::ff::PrimeField;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Pkcs1v15Sign};
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

pub fn sha1(data: &[u8]) -> [u8; 20] {
    sha1::Sha1::digest(data).into()
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

/// The hash inside an RSASSA-PKCS1-v1_5 signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum RsaHash {
    Sha1,
    Sha256,
}

impl RsaHash {
    pub fn name(self) -> &'static str {
        match self {
            RsaHash::Sha1 => "SHA-1",
            RsaHash::Sha256 => "SHA-256",
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            RsaHash::Sha1 => sha1(data).to_vec(),
            RsaHash::Sha256 => sha256(data).to_vec(),
        }
    }

    /// The DER `DigestInfo` header that precedes the digest (RFC 8017 section 9.2, note 1).
    fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            RsaHash::Sha1 => &[
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
                0x14,
            ],
            RsaHash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
        }
    }

    fn scheme(self) -> Pkcs1v15Sign {
        match self {
            RsaHash::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
            RsaHash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
        }
    }
}

/// An RSA public key read from a certificate or a PEM public key.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey(rsa::RsaPublicKey);

impl std::fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RsaPublicKey({} bits)", self.bits())
    }
}

/// What an RSA signature holds under a public key: the public operation undoes the private
/// one, so a signature made with the matching private key opens to a padded digest, and any
/// other number opens to noise. This tells "signed with this key, over other bytes" from
/// "not signed with this key" without any secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// A well-formed PKCS#1 v1.5 block: the key made this signature, over bytes whose hash
    /// is `digest`.
    Digest { hash: RsaHash, digest: Vec<u8> },
    /// Not a PKCS#1 v1.5 signature block under this key: another key made it (or the
    /// signature was altered on the way).
    NotThisKey,
    /// The signature does not have the key's length (`expected` bytes): cut off or padded.
    WrongLength { expected: usize, got: usize },
}

impl RsaPublicKey {
    /// From a DER `SubjectPublicKeyInfo` (a `PUBLIC KEY` PEM, a certificate's key).
    pub fn from_spki_der(der: &[u8]) -> Option<Self> {
        use rsa::pkcs8::DecodePublicKey;
        rsa::RsaPublicKey::from_public_key_der(der).ok().map(Self)
    }

    /// From a DER PKCS#1 `RSAPublicKey` (an `RSA PUBLIC KEY` PEM).
    pub fn from_pkcs1_der(der: &[u8]) -> Option<Self> {
        use rsa::pkcs1::DecodeRsaPublicKey;
        rsa::RsaPublicKey::from_pkcs1_der(der).ok().map(Self)
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.0.n().bits()
    }

    /// The signature's length in bytes.
    pub fn size(&self) -> usize {
        self.0.size()
    }

    /// A short fingerprint to tell keys apart: the first 8 bytes of SHA-256 of the modulus, hex.
    pub fn fingerprint(&self) -> String {
        crate::encode::hex(&sha256(&self.0.n().to_bytes_be())[..8])
    }

    /// RSASSA-PKCS1-v1_5 verification of `signature` over `message` (the crate's check: this
    /// is the verdict).
    pub fn verify(&self, hash: RsaHash, message: &[u8], signature: &[u8]) -> bool {
        self.0
            .verify(hash.scheme(), &hash.digest(message), signature)
            .is_ok()
    }

    /// What `signature` opens to under this key (for diagnosis; the verdict is [`Self::verify`]).
    pub fn open(&self, signature: &[u8]) -> Opened {
        let k = self.size();
        if signature.len() != k {
            return Opened::WrongLength {
                expected: k,
                got: signature.len(),
            };
        }
        let s = BigUint::from_bytes_be(signature);
        if &s >= self.0.n() {
            return Opened::NotThisKey;
        }
        let Ok(m) = rsa::hazmat::rsa_encrypt(&self.0, &s) else {
            return Opened::NotThisKey;
        };
        let bytes = m.to_bytes_be();
        let mut em = vec![0u8; k.saturating_sub(bytes.len())];
        em.extend_from_slice(&bytes);
        open_block(&em)
    }
}

/// Reads `00 01 FF…FF 00 DigestInfo` (at least 8 bytes of `FF`, RFC 8017 section 9.2).
fn open_block(em: &[u8]) -> Opened {
    let Some(rest) = em.strip_prefix(&[0x00, 0x01]) else {
        return Opened::NotThisKey;
    };
    let pad = rest.iter().take_while(|&&b| b == 0xff).count();
    let Some(info) = rest.get(pad..).and_then(|r| r.strip_prefix(&[0x00])) else {
        return Opened::NotThisKey;
    };
    if pad < 8 {
        return Opened::NotThisKey;
    }
    for hash in [RsaHash::Sha1, RsaHash::Sha256] {
        if let Some(digest) = info.strip_prefix(hash.digest_info_prefix()) {
            if digest.len() == hash.digest(b"").len() {
                return Opened::Digest {
                    hash,
                    digest: digest.to_vec(),
                };
            }
        }
    }
    Opened::NotThisKey
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
