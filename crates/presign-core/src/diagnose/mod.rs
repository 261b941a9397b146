//! Diagnosis: every finding that the URL, the request sent, the secret and S3's error body
//! reveal. One file per source of evidence; `inspect` runs them in order and ranks the result.

pub mod cloudfront;
pub mod diff;
pub mod gcs;
pub mod guard;
pub mod post_checks;
pub mod post_credential;
pub mod post_server;
pub mod public_key;
pub mod reading;
pub mod request_checks;
pub mod root_cause;
pub mod secret;
pub mod server_error;
pub mod service_error;
pub mod url_checks;
pub mod validity;
pub mod verdict;

use crate::finding::Code;

/// How much a finding explains, among findings of the same severity: lower comes first and
/// the first error names the verdict. A concrete root cause ("signed for PUT, you sent GET")
/// beats its symptom ("the signature does not match"), and S3's own error code, which only
/// restates the symptom, comes after what the page worked out.
pub fn rank(code: Code) -> u8 {
    use Code::{
        BadTerminator, ChecksumParameters, ClockSkew, CloudfrontBase64, CloudfrontHashAlgorithm,
        CloudfrontMalformedPolicy, CloudfrontResourceMismatch, CredentialDateMismatch, Expired,
        ExpiresTooLong, ExtraFormField, FileNotLast, FormMethodNotPost, FormNotMultipart,
        GlobalEndpoint, HostMismatch, KeyCase, KeyEncoding, MalformedParameter, MethodMismatch,
        MissingFormField, MissingParameter, MissingSecurityToken, MissingSignedHeader, NotAUrl,
        NotPresigned, NotYetValid, PolicyConditionFailed, PolicyExpired, PolicyMalformed,
        PolicySignedDifferently, PostUrlNotBucket, PublicKeyMismatch, QueryEncoding,
        RegionMismatch, SecretIsAccessKeyId, SecretIsSessionToken, SecretLength, SecretMismatch,
        SecretQuoted, SecretUrlEncoded, SecretWhitespace, ServerCanonicalRequestDiffers,
        ServerStringToSignDiffers, SignatureMismatch, SignedHeaderValue, UnsignedAmzHeader,
        UnsupportedAlgorithm, WrongNumberOfFiles, WrongService,
    };
    match code {
        NotAUrl
        | NotPresigned
        | MissingParameter
        | MalformedParameter
        | UnsupportedAlgorithm
        | MissingFormField
        | PolicyMalformed
        | FormMethodNotPost
        | FormNotMultipart
        | PostUrlNotBucket
        | WrongNumberOfFiles
        | CloudfrontMalformedPolicy => 0,
        Expired | NotYetValid | ExpiresTooLong | PolicyExpired => 1,
        MethodMismatch
        | HostMismatch
        | KeyEncoding
        | KeyCase
        | QueryEncoding
        | SignedHeaderValue
        | SecretMismatch
        | SecretWhitespace
        | SecretQuoted
        | SecretUrlEncoded
        | SecretLength
        | SecretIsAccessKeyId
        | SecretIsSessionToken
        | FileNotLast
        | PolicySignedDifferently
        | PublicKeyMismatch
        | CloudfrontResourceMismatch
        | CloudfrontHashAlgorithm
        | CloudfrontBase64 => 2,
        MissingSignedHeader | UnsignedAmzHeader | PolicyConditionFailed | ExtraFormField => 3,
        CredentialDateMismatch
        | RegionMismatch
        | GlobalEndpoint
        | WrongService
        | BadTerminator
        | MissingSecurityToken => 4,
        ServerCanonicalRequestDiffers | ServerStringToSignDiffers | ClockSkew => 5,
        ChecksumParameters => 6,
        SignatureMismatch => 8,
        _ => 9,
    }
}
