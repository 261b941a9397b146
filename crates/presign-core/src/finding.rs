//! Findings: what the inspection found, as data. The codes are a public, stable interface
//! (documented in docs/findings.md); never rename one.

use serde::Serialize;

/// How bad a finding is. Ordered: `Error` first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Ok,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
            Self::Ok => "ok",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $text:literal,)*) => {
        /// Every finding code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum Code {
            $(#[serde(rename = $text)] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case code, as in the catalogue.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    // Reading the input.
    NotAUrl => "not-a-url",
    NotPresigned => "not-presigned",
    MissingParameter => "missing-parameter",
    MalformedParameter => "malformed-parameter",
    UnsupportedAlgorithm => "unsupported-algorithm",
    SigV2Legacy => "sigv2-legacy",
    EscapedUrl => "escaped-url",
    // Hostile or accidental input (guard.rs).
    InputTooLong => "input-too-long",
    SuspiciousCharacters => "suspicious-characters",
    InvalidPercentEscape => "invalid-percent-escape",
    // What the URL alone shows, at instant `now`.
    Expired => "expired",
    NotYetValid => "not-yet-valid",
    ExpiresTooLong => "expires-too-long",
    ExpiresSoon => "expires-soon",
    CredentialDateMismatch => "credential-date-mismatch",
    RegionMismatch => "region-mismatch",
    WrongService => "wrong-service",
    BadTerminator => "bad-terminator",
    TemporaryCredentials => "temporary-credentials",
    MissingSecurityToken => "missing-security-token",
    BucketCase => "bucket-case",
    DottedBucketHttps => "dotted-bucket-https",
    GlobalEndpoint => "global-endpoint",
    ChecksumParameters => "checksum-parameters",
    SignedHeaders => "signed-headers",
    PlainHttp => "plain-http",
    // What the request sent shows.
    UnreadableRequest => "unreadable-request",
    MissingSignedHeader => "missing-signed-header",
    UnsignedAmzHeader => "unsigned-amz-header",
    TwoAuthMechanisms => "two-auth-mechanisms",
    MethodMismatch => "method-mismatch",
    SignedHeaderValue => "signed-header-value",
    // The verdicts of re-signing, and the root-cause search.
    SignatureValid => "signature-valid",
    SignatureMismatch => "signature-mismatch",
    HostMismatch => "host-mismatch",
    KeyEncoding => "key-encoding",
    KeyCase => "key-case",
    QueryEncoding => "query-encoding",
    RootCauseSkipped => "root-cause-skipped",
    SignatureRedacted => "signature-redacted",
    SignedMethod => "signed-method",
    SignatureAltered => "signature-altered",
    // What the secret field itself shows: the only evidence that may blame the secret.
    SecretWhitespace => "secret-whitespace",
    SecretQuoted => "secret-quoted",
    SecretIsAccessKeyId => "secret-is-access-key-id",
    SecretIsSessionToken => "secret-is-session-token",
    SecretUrlEncoded => "secret-url-encoded",
    SecretLength => "secret-length",
    // What S3's XML error body shows.
    ErrorBodyUnreadable => "error-body-unreadable",
    ErrorBodyOtherUrl => "error-body-other-url",
    ServerCanonicalRequestDiffers => "server-canonical-request-differs",
    ServerStringToSignDiffers => "server-string-to-sign-differs",
    SecretMismatch => "secret-mismatch",
    ClockSkew => "clock-skew",
    S3SignatureDoesNotMatch => "s3-signature-does-not-match",
    S3RequestExpired => "s3-request-expired",
    S3AccessDenied => "s3-access-denied",
    S3AuthorizationQueryParametersError => "s3-authorization-query-parameters-error",
    S3AuthorizationHeaderMalformed => "s3-authorization-header-malformed",
    S3InvalidAccessKeyId => "s3-invalid-access-key-id",
    S3ExpiredToken => "s3-expired-token",
    S3InvalidToken => "s3-invalid-token",
    S3RequestTimeTooSkewed => "s3-request-time-too-skewed",
    S3PermanentRedirect => "s3-permanent-redirect",
    S3OtherError => "s3-other-error",
    // SigV4A (multi-region access points).
    RegionSetMismatch => "region-set-mismatch",
    Sigv4aRequired => "sigv4a-required",
    // Azure shared access signatures: the SAS alone, the key, the service's error body.
    AzurePermissionMissing => "azure-permission-missing",
    AzureHttpsOnly => "azure-https-only",
    AzureUnknownVersion => "azure-unknown-version",
    AzureServiceMismatch => "azure-service-mismatch",
    AzureResourceTypeMismatch => "azure-resource-type-mismatch",
    AzureDelegationKeyExpired => "azure-delegation-key-expired",
    AzureVersionLayout => "azure-version-layout",
    AzureKeyFormat => "azure-key-format",
    AzureAuthenticationFailed => "azure-authentication-failed",
    AzureAuthorizationFailure => "azure-authorization-failure",
    AzureOtherError => "azure-other-error",
    // Presigned POST: the form, its policy and its conditions (diagnose/post_checks.rs).
    MissingFormField => "missing-form-field",
    PolicyMalformed => "policy-malformed",
    FormMethodNotPost => "form-method-not-post",
    FormNotMultipart => "form-not-multipart",
    PostUrlNotBucket => "post-url-not-bucket",
    WrongNumberOfFiles => "wrong-number-of-files",
    FileNotLast => "file-not-last",
    PolicyExpired => "policy-expired",
    PolicyConditionFailed => "policy-condition-failed",
    ExtraFormField => "extra-form-field",
    FilenameInKey => "filename-in-key",
    PolicySignedDifferently => "policy-signed-differently",
    // What S3's error body to a presigned POST shows (diagnose/post_server.rs).
    S3PolicyConditionFailed => "s3-policy-condition-failed",
    S3PolicyExpired => "s3-policy-expired",
    S3ExtraInputFields => "s3-extra-input-fields",
    S3EntityTooLarge => "s3-entity-too-large",
    S3EntityTooSmall => "s3-entity-too-small",
    S3MissingFormField => "s3-missing-form-field",
    S3IncorrectNumberOfFiles => "s3-incorrect-number-of-files",
    // The public key or certificate given for a signature made with a private key.
    PublicKeyUnreadable => "public-key-unreadable",
    PrivateKeyPasted => "private-key-pasted",
    PublicKeyMismatch => "public-key-mismatch",
    // Google Cloud Storage V4 signed URLs.
    GcsError => "gcs-error",
    // CloudFront signed URLs.
    CloudfrontMalformedPolicy => "cloudfront-malformed-policy",
    CloudfrontResourceMismatch => "cloudfront-resource-mismatch",
    CloudfrontHashAlgorithm => "cloudfront-hash-algorithm",
    CloudfrontBase64 => "cloudfront-base64",
    CloudfrontIpRestriction => "cloudfront-ip-restriction",
    CloudfrontError => "cloudfront-error",
    // Header-signed requests (the Authorization header), for any AWS service.
    MissingAuthorization => "missing-authorization",
    AuthorizationMalformed => "authorization-malformed",
    MissingDate => "missing-date",
    SignatureExpired => "signature-expired",
    SignatureNotYetCurrent => "signature-not-yet-current",
    SessionTokenUnsigned => "session-token-unsigned",
    ProxyHeaderSigned => "proxy-header-signed",
    MissingContentSha256 => "missing-content-sha256",
    PayloadHashMismatch => "payload-hash-mismatch",
    AwsChunkedBody => "aws-chunked-body",
    ChunkSignatureMismatch => "chunk-signature-mismatch",
    CurlAwsSigv4 => "curl-aws-sigv4",
    SdkLogInconsistent => "sdk-log-inconsistent",
    SdkCanonicalRequestDiffers => "sdk-canonical-request-differs",
    PathEncoding => "path-encoding",
    PathNormalization => "path-normalization",
    // What another service's error body (JSON, Query XML) shows.
    TokenExpired => "token-expired",
    TokenInvalid => "token-invalid",
    ServiceError => "service-error",
    // No verdict yet.
    Unverified => "unverified",
}

/// One labelled value a finding rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub label: String,
    pub value: String,
}

/// One thing the inspection found, with what to change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// Plain words: what it means and what to change.
    pub detail: String,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    pub fn new(
        code: Code,
        severity: Severity,
        title: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            severity,
            title: title.into(),
            detail: detail.into(),
            evidence: Vec::new(),
        }
    }

    #[must_use]
    pub fn with(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.evidence.push(Evidence {
            label: label.into(),
            value: value.into(),
        });
        self
    }
}
