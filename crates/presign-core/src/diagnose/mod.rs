//! Diagnosis: every finding that the URL, the request sent, the secret and S3's error body
//! reveal. One file per source of evidence; `inspect` runs them in order and ranks the result.

pub mod diff;
pub mod guard;
pub mod reading;
pub mod request_checks;
pub mod root_cause;
pub mod secret;
pub mod server_error;
pub mod stability;
pub mod url_checks;
pub mod verdict;

use crate::finding::Code;

/// How much a finding explains, among findings of the same severity: lower comes first and
/// the first error names the verdict. A concrete root cause ("signed for PUT, you sent GET")
/// beats its symptom ("the signature does not match"), and S3's own error code, which only
/// restates the symptom, comes after what the page worked out.
pub fn rank(code: Code) -> u8 {
    use Code::{
        BadTerminator, ChecksumParameters, ClockSkew, CredentialDateMismatch, Expired,
        ExpiresTooLong, GlobalEndpoint, HostMismatch, KeyCase, KeyEncoding, MalformedParameter,
        MethodMismatch, MissingParameter, MissingSecurityToken, MissingSignedHeader, NotAUrl,
        NotPresigned, NotYetValid, QueryEncoding, RegionMismatch, SecretIsAccessKeyId,
        SecretIsSessionToken, SecretLength, SecretMismatch, SecretQuoted, SecretUrlEncoded,
        SecretWhitespace, ServerCanonicalRequestDiffers, ServerStringToSignDiffers,
        SignatureMismatch, SignedHeaderValue, UnsignedAmzHeader, UnsupportedAlgorithm,
        WrongService,
    };
    match code {
        NotAUrl | NotPresigned | MissingParameter | MalformedParameter | UnsupportedAlgorithm => 0,
        Expired | NotYetValid | ExpiresTooLong => 1,
        MethodMismatch | HostMismatch | KeyEncoding | KeyCase | QueryEncoding
        | SignedHeaderValue | SecretMismatch | SecretWhitespace | SecretQuoted
        | SecretUrlEncoded | SecretLength | SecretIsAccessKeyId | SecretIsSessionToken => 2,
        MissingSignedHeader | UnsignedAmzHeader => 3,
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

/// Whether a finding only restates that the request fails (the signature does not match, the
/// service refused it) without naming why. Views show such a finding under the cause that
/// explains it, not as a cause beside it; alone, it is the verdict.
pub fn is_symptom(code: Code) -> bool {
    use Code::{
        S3AccessDenied, S3AuthorizationHeaderMalformed, S3AuthorizationQueryParametersError,
        S3ExpiredToken, S3InvalidAccessKeyId, S3InvalidToken, S3OtherError, S3PermanentRedirect,
        S3RequestExpired, S3RequestTimeTooSkewed, S3SignatureDoesNotMatch, SignatureMismatch,
    };
    matches!(
        code,
        SignatureMismatch
            | S3SignatureDoesNotMatch
            | S3RequestExpired
            | S3AccessDenied
            | S3AuthorizationQueryParametersError
            | S3AuthorizationHeaderMalformed
            | S3InvalidAccessKeyId
            | S3ExpiredToken
            | S3InvalidToken
            | S3RequestTimeTooSkewed
            | S3PermanentRedirect
            | S3OtherError
    )
}
