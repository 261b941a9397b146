//! Stage 3 of a presigned POST: the signature. There is no canonical request: the string to
//! sign is the base64 policy exactly as posted.
//!
//! - `SigV4`: `hex(HMAC-SHA256(kSigning, policy))`, kSigning derived from the secret and the
//!   date, region and service of `x-amz-credential` (the usual chain, `sigv4::signature`).
//! - `SigV2`: `base64(HMAC-SHA1(secret, policy))`.
//!
//! When the signature does not match, [`signed_instead`] tries what signers are known to have
//! signed instead of the posted text, so that a cause is named only when one reproduces it.

use crate::encode::{base64, Base64};
use crate::input::json::{read_json, Json};
use crate::sigv4::signature::SigningKey;
use crate::types::Secret;

/// The `SigV4` signature of a policy.
pub fn sigv4_signature(key: &SigningKey, policy_base64: &str) -> String {
    key.sign_text(policy_base64)
}

/// The `SigV2` signature of a policy.
pub fn sigv2_signature(secret: &Secret, policy_base64: &str) -> String {
    crate::sigv2::signature(secret, policy_base64)
}

/// What a signer signed instead of the posted base64 text, when that reproduces the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedInstead {
    /// The decoded JSON text, not its base64.
    JsonText,
    /// The same document serialized otherwise (the client rebuilt the policy after signing,
    /// or the server signed one serialization and sent another): the base64 that was signed.
    Reserialized { base64: String, style: &'static str },
}

/// The texts to try, with what each would prove.
fn candidates(policy_base64: &str, decoded: Option<&str>) -> Vec<(SignedInstead, String)> {
    let mut out = Vec::new();
    let Some(text) = decoded else {
        return out;
    };
    out.push((SignedInstead::JsonText, text.to_owned()));
    if let Ok(read) = read_json(text) {
        for (style, serialized) in [
            (
                "compact JSON (JSON.stringify, json.dumps with separators)",
                compact(&read.value),
            ),
            (
                "JSON with \", \" and \": \" separators (Python json.dumps)",
                read.value.to_text(),
            ),
        ] {
            let b64 = base64(serialized.as_bytes(), Base64::Standard);
            if b64 != policy_base64 {
                out.push((
                    SignedInstead::Reserialized {
                        base64: b64.clone(),
                        style,
                    },
                    b64,
                ));
            }
        }
    }
    out
}

/// The value with no white space between items.
fn compact(value: &Json) -> String {
    // `to_text` puts exactly ", " and ": " between items; strings keep their own spaces.
    match value {
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(compact).collect::<Vec<_>>().join(",")
        ),
        Json::Object(members) => format!(
            "{{{}}}",
            members
                .iter()
                .map(|(n, v)| format!("{}:{}", Json::String(n.clone()).to_text(), compact(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.to_text(),
    }
}

/// The first text signers sign by mistake whose signature is `provided`, by `sign`.
pub fn signed_instead(
    policy_base64: &str,
    decoded: Option<&str>,
    provided: &str,
    sign: impl Fn(&str) -> String,
) -> Option<SignedInstead> {
    candidates(policy_base64, decoded)
        .into_iter()
        .find(|(_, text)| {
            crate::crypto::constant_time_eq(sign(text).as_bytes(), provided.as_bytes())
        })
        .map(|(what, _)| what)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/post-policy/docs"
    );

    fn read(name: &str) -> String {
        std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
    }

    /// S3 API Reference, "Example: Browser-Based Upload using HTTP POST (Using AWS Signature
    /// Version 4)": the signing key and the signature of the policy as posted.
    #[test]
    fn s3_documentation_sigv4_example() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let key = SigningKey::derive(&secret, "20151229", "us-east-1", "s3", "aws4_request");
        assert_eq!(
            key.to_hex().k_signing,
            "cbcef1ebeaefc82cce6530b9f0a9ae598846065f5c5bae0674bd5ebc4ba52d28"
        );
        assert_eq!(
            sigv4_signature(&key, &read("sigv4-docs-example.policy.b64")),
            "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e"
        );
    }

    /// The S3 `SigV2` POST example (johnsmith, 2007-12-01).
    #[test]
    fn s3_documentation_sigv2_example() {
        let secret = Secret::new("uV3F3YluFJax1cknvbcGwgjvx4QpvB+leU8dUj2o");
        assert_eq!(
            sigv2_signature(&secret, &read("sigv2-docs-example.policy.b64")),
            "0RavWzkygo6QX9caELEqKi9kDbU="
        );
    }

    #[test]
    fn finds_what_was_signed_instead() {
        let secret = Secret::new("s");
        let sign = |t: &str| sigv2_signature(&secret, t);
        let json =
            "{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [{\"bucket\": \"b\"}]}";
        let posted = base64(json.as_bytes(), Base64::Standard);
        assert_eq!(
            signed_instead(&posted, Some(json), &sign(json), sign),
            Some(SignedInstead::JsonText)
        );
        let compact_text =
            "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[{\"bucket\":\"b\"}]}";
        let found = signed_instead(
            &posted,
            Some(json),
            &sign(&base64(compact_text.as_bytes(), Base64::Standard)),
            sign,
        );
        assert!(
            matches!(found, Some(SignedInstead::Reserialized { style, .. }) if style.starts_with("compact")),
            "{found:?}"
        );
        assert_eq!(signed_instead(&posted, Some(json), "nope", sign), None);
    }
}
