//! Signature Version 4, in the spec's stages: the query parameters that carry it, the
//! canonical request, the string to sign, the signing key and signature, and verification.

pub mod canonical_request;
pub mod params;
pub mod signature;
pub mod string_to_sign;
pub mod verify;
