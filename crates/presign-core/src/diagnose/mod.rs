//! Diagnosis: every finding that the URL, the request sent, the secret and S3's error body
//! reveal. One file per source of evidence; `inspect` runs them in order and ranks the result.

pub mod azure;
pub mod azure_error;
pub mod azure_key;
pub mod diff;
pub mod guard;
pub mod matches;
pub mod reading;
pub mod request_checks;
pub mod root_cause;
pub mod secret;
pub mod server_error;
pub mod sigv4a;
pub mod url_checks;
pub mod verdict;

use crate::finding::Code;

/// How much a finding explains, among findings of the same severity: lower comes first and
/// the first error names the verdict. A concrete root cause ("signed for PUT, you sent GET")
/// beats its symptom ("the signature does not match"), and S3's own error code, which only
/// restates the symptom, comes after what the page worked out.
pub fn rank(code: Code) -> u8 {
    use Code::{
        AzureDelegationKeyExpired, AzureHttpsOnly, AzureKeyFormat, AzurePermissionMissing,
        AzureResourceTypeMismatch, AzureServiceMismatch, AzureVersionLayout, BadTerminator,
        ChecksumParameters, ClockSkew, CredentialDateMismatch, Expired, ExpiresTooLong,
        GlobalEndpoint, HostMismatch, KeyCase, KeyEncoding, MalformedParameter, MethodMismatch,
        MissingParameter, MissingSecurityToken, MissingSignedHeader, NotAUrl, NotPresigned,
        NotYetValid, QueryEncoding, RegionMismatch, RegionSetMismatch, SecretIsAccessKeyId,
        SecretIsSessionToken, SecretLength, SecretMismatch, SecretQuoted, SecretUrlEncoded,
        SecretWhitespace, ServerCanonicalRequestDiffers, ServerStringToSignDiffers,
        SignatureMismatch, SignedHeaderValue, Sigv4aRequired, UnsignedAmzHeader,
        UnsupportedAlgorithm, WrongService,
    };
    match code {
        NotAUrl | NotPresigned | MissingParameter | MalformedParameter | UnsupportedAlgorithm => 0,
        Expired | NotYetValid | ExpiresTooLong | AzureDelegationKeyExpired => 1,
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
        | AzurePermissionMissing
        | AzureHttpsOnly
        | AzureVersionLayout
        | AzureKeyFormat => 2,
        MissingSignedHeader | UnsignedAmzHeader => 3,
        CredentialDateMismatch
        | RegionMismatch
        | GlobalEndpoint
        | WrongService
        | BadTerminator
        | MissingSecurityToken
        | RegionSetMismatch
        | Sigv4aRequired
        | AzureServiceMismatch
        | AzureResourceTypeMismatch => 4,
        ServerCanonicalRequestDiffers | ServerStringToSignDiffers | ClockSkew => 5,
        ChecksumParameters => 6,
        SignatureMismatch => 8,
        _ => 9,
    }
}
