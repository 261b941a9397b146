//! Diagnosis: every finding that the URL, the request sent, the secret and S3's error body
//! reveal. One file per source of evidence; `inspect` runs them in order and ranks the result.

pub mod aws_error;
pub mod azure;
pub mod azure_error;
pub mod azure_key;
pub mod cloudfront;
pub mod diff;
pub mod gcs;
pub mod guard;
pub mod header_auth;
pub mod header_content;
pub mod matches;
pub mod post_checks;
pub mod post_credential;
pub mod post_server;
pub mod public_key;
pub mod reading;
pub mod request_checks;
pub mod root_cause;
pub mod sdk_log;
pub mod secret;
pub mod server_error;
pub mod service_error;
pub mod sigv4a;
pub mod stability;
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
        AuthorizationMalformed, AwsChunkedBody, AzureDelegationKeyExpired, AzureHttpsOnly,
        AzureKeyFormat, AzurePermissionMissing, AzureResourceTypeMismatch, AzureServiceMismatch,
        AzureVersionLayout, BadTerminator, ChecksumParameters, ChunkSignatureMismatch, ClockSkew,
        CloudfrontBase64, CloudfrontHashAlgorithm, CloudfrontMalformedPolicy,
        CloudfrontResourceMismatch, CredentialDateMismatch, Expired, ExpiresTooLong,
        ExtraFormField, FileNotLast, FormMethodNotPost, FormNotMultipart, GlobalEndpoint,
        HostMismatch, KeyCase, KeyEncoding, MalformedParameter, MethodMismatch,
        MissingAuthorization, MissingContentSha256, MissingDate, MissingFormField,
        MissingParameter, MissingSecurityToken, MissingSignedHeader, NotAUrl, NotPresigned,
        NotYetValid, PathEncoding, PathNormalization, PayloadHashMismatch, PolicyConditionFailed,
        PolicyExpired, PolicyMalformed, PolicySignedDifferently, PostUrlNotBucket,
        ProxyHeaderSigned, PublicKeyMismatch, QueryEncoding, RegionMismatch, RegionSetMismatch,
        SdkCanonicalRequestDiffers, SdkLogInconsistent, SecretIsAccessKeyId, SecretIsSessionToken,
        SecretLength, SecretMismatch, SecretQuoted, SecretUrlEncoded, SecretWhitespace,
        ServerCanonicalRequestDiffers, ServerStringToSignDiffers, SessionTokenUnsigned,
        SignatureAltered, SignatureExpired, SignatureMismatch, SignatureNotYetCurrent,
        SignedHeaderValue, Sigv4aRequired, TokenExpired, TokenInvalid, TwoAuthMechanisms,
        UnsignedAmzHeader, UnsupportedAlgorithm, WrongNumberOfFiles, WrongService,
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
        | CloudfrontMalformedPolicy
        | MissingAuthorization
        | AuthorizationMalformed
        | MissingDate => 0,
        Expired
        | NotYetValid
        | ExpiresTooLong
        | PolicyExpired
        | AzureDelegationKeyExpired
        | SignatureExpired
        | SignatureNotYetCurrent => 1,
        MethodMismatch
        | HostMismatch
        | KeyEncoding
        | KeyCase
        | QueryEncoding
        | SignatureAltered
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
        | CloudfrontBase64
        | PayloadHashMismatch
        | ChunkSignatureMismatch
        | AwsChunkedBody
        | PathEncoding
        | PathNormalization
        | AzurePermissionMissing
        | AzureHttpsOnly
        | AzureVersionLayout
        | AzureKeyFormat => 2,
        MissingSignedHeader
        | UnsignedAmzHeader
        | TwoAuthMechanisms
        | PolicyConditionFailed
        | ExtraFormField
        | SessionTokenUnsigned
        | MissingContentSha256 => 3,
        CredentialDateMismatch
        | RegionMismatch
        | GlobalEndpoint
        | WrongService
        | BadTerminator
        | MissingSecurityToken
        | TokenExpired
        | TokenInvalid
        | RegionSetMismatch
        | Sigv4aRequired
        | AzureServiceMismatch
        | AzureResourceTypeMismatch => 4,
        ServerCanonicalRequestDiffers
        | ServerStringToSignDiffers
        | ClockSkew
        | SdkCanonicalRequestDiffers
        | SdkLogInconsistent => 5,
        ChecksumParameters | ProxyHeaderSigned => 6,
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
