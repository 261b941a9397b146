//! SigV4A (`AWS4-ECDSA-P256-SHA256`), the multi-region variant of SigV4 that S3 Multi-Region
//! Access Points require, in its spec's stages: the query parameters (SigV4's plus
//! `X-Amz-Region-Set`), the canonical request (SigV4's), the string to sign (a credential
//! scope without region), the P-256 key derived from the secret, and ECDSA verification.
//! ECDSA signatures are randomised: a signature is verified, never recomputed and compared.

pub mod canonical_request;
pub mod host;
pub mod params;
pub mod pipeline;
pub mod root_cause;
pub mod signature;
pub mod signing_key;
pub mod string_to_sign;
