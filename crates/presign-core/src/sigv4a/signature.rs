//! Stage 4 of SigV4A: verifying the signature. ECDSA signing draws a random nonce, so the same
//! string to sign has many valid signatures: the provided one is verified with the public key
//! derived from the secret, never recomputed and compared.

use crate::crypto::P256PublicKey;
use crate::encode::unhex;

/// Whether `signature_hex` (hex of a DER signature, as in `X-Amz-Signature`) is a valid
/// signature of `string_to_sign` by `key`. Malformed hex or DER is simply not valid.
pub fn sigv4a_verifies(key: &P256PublicKey, string_to_sign: &str, signature_hex: &str) -> bool {
    unhex(signature_hex).is_some_and(|der| key.verifies(string_to_sign.as_bytes(), &der))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4a::signing_key::sigv4a_public_key;
    use crate::types::Secret;

    /// aws-c-auth's v4a `get-vanilla`: the signature in `query-signature.txt` and the (other,
    /// randomised) one in `query-signed-request.txt` both verify over `query-string-to-sign.txt`.
    #[test]
    fn vanilla_query_signatures_verify() {
        let key = sigv4a_public_key(
            &Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            "AKIDEXAMPLE",
        )
        .unwrap();
        let sts = "AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n890c4ed28c1a1ac10b5862719b537afbe392e987dc1aab1efa16fe7de41d3c81";
        for sig in [
            "3045022100b3246f8e1442dd58e73292ae1294720c3256ee58f6cea50f3a3f83b4a4b0331a0220329693f7745c9008a5887c0529ceccb0fae4e16d707b712ea66acdbaf963769a",
            "3045022100a28466db6c76223d5aa6ed436a8451b30e21ba0a076e7f2f943dd1f3d2816249022049e4b3746929cd2a2cb7b7984dbe0f5d40a300e7d9a7a7f1307c196b6f96b61a",
        ] {
            assert!(sigv4a_verifies(&key, sts, sig));
            assert!(!sigv4a_verifies(&key, &sts.replace("GET", "PUT").replace("890c", "890d"), sig));
            assert!(!sigv4a_verifies(&key, sts, &sig[..sig.len() - 1]));
        }
        let other = sigv4a_public_key(
            &Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ"),
            "AKIDEXAMPLE",
        )
        .unwrap();
        assert!(!sigv4a_verifies(&other, sts, "3045022100b3246f8e1442dd58e73292ae1294720c3256ee58f6cea50f3a3f83b4a4b0331a0220329693f7745c9008a5887c0529ceccb0fae4e16d707b712ea66acdbaf963769a"));
    }
}
