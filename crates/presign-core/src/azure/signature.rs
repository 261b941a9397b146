//! The key and the signature of an Azure SAS: `sig` is base64(HMAC-SHA256(key, string to
//! sign)), the key being the base64-decoded account key (or the user delegation key's
//! `Value`). People paste the key as base64, or a whole connection string.

use crate::crypto::hmac_sha256;
use crate::encode::{base64, base64_decode, Base64};
use crate::types::Secret;
use zeroize::Zeroizing;

/// The key as typed, decoded.
pub struct SasKey {
    pub bytes: Zeroizing<Vec<u8>>,
    /// The base64 text as typed (a signer may wrongly use it as the HMAC key).
    pub text: Zeroizing<String>,
    /// `AccountName` of a pasted connection string.
    pub connection_string_account: Option<String>,
}

impl std::fmt::Debug for SasKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SasKey(<redacted>)")
    }
}

/// Why the typed key cannot be an Azure key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyProblem {
    /// Not base64 (a character outside both alphabets, quotes, a length no encoder makes).
    NotBase64,
    /// A connection string without `AccountKey=` (a SAS connection string, say).
    NoAccountKey,
}

/// Reads the typed key: base64, or a connection string's `AccountKey` (with its
/// `AccountName`). Surrounding white space is dropped, as a key never has any.
pub fn read_key(secret: &Secret) -> Result<SasKey, KeyProblem> {
    let typed = secret.expose().trim();
    let mut connection_string_account = None;
    let text =
        if typed.contains(';') || typed.contains("AccountKey=") || typed.contains("AccountName=") {
            let mut key = None;
            for part in typed.split(';') {
                let Some((name, value)) = part.trim().split_once('=') else {
                    continue;
                };
                if name.eq_ignore_ascii_case("AccountKey") {
                    key = Some(value.trim());
                } else if name.eq_ignore_ascii_case("AccountName") {
                    connection_string_account = Some(value.trim().to_owned());
                }
            }
            key.ok_or(KeyProblem::NoAccountKey)?
        } else {
            typed
        };
    let bytes = base64_decode(text)
        .filter(|b| !b.is_empty())
        .ok_or(KeyProblem::NotBase64)?;
    Ok(SasKey {
        bytes: Zeroizing::new(bytes),
        text: Zeroizing::new(text.to_owned()),
        connection_string_account,
    })
}

/// The SAS signature of a string to sign with raw key bytes.
pub fn sas_signature(key: &[u8], string_to_sign: &str) -> String {
    base64(
        &hmac_sha256(key, string_to_sign.as_bytes()),
        Base64::Standard,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const AZURITE_KEY: &str =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// `shared/vectors/azure-sas` case `account-sas`: the Azurite key signs its string to sign.
    #[test]
    fn shared_vector_signature() {
        let key = read_key(&Secret::new(AZURITE_KEY)).unwrap();
        assert_eq!(key.bytes.len(), 64);
        assert_eq!(
            sas_signature(&key.bytes, "devstoreaccount1\nrl\nb\nsco\n2026-01-02T03:04:05Z\n2026-01-03T03:04:05Z\n168.1.5.60-168.1.5.70\nhttps\n2026-10-06\n\n"),
            "Aa0scyQNBb0AfIs/7nIaf7/xTiGicbR5d70UOKaHrzo="
        );
    }

    #[test]
    fn keys_as_people_paste_them() {
        let cs = format!("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");
        let key = read_key(&Secret::new(&cs)).unwrap();
        assert_eq!(key.bytes.len(), 64);
        assert_eq!(
            key.connection_string_account.as_deref(),
            Some("devstoreaccount1")
        );
        assert_eq!(
            read_key(&Secret::new(&format!(" {AZURITE_KEY}\n")))
                .unwrap()
                .bytes
                .len(),
            64
        );
        assert_eq!(
            read_key(&Secret::new(&format!("\"{AZURITE_KEY}\""))).unwrap_err(),
            KeyProblem::NotBase64
        );
        assert_eq!(
            read_key(&Secret::new(
                "BlobEndpoint=https://a;SharedAccessSignature=sv=1"
            ))
            .unwrap_err(),
            KeyProblem::NoAccountKey
        );
        assert!(!format!("{key:?}").contains("Eby8"));
    }
}
