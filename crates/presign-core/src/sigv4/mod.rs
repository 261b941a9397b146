//! Signature Version 4, in the spec's stages: the query parameters or the `Authorization`
//! header that carry it, the canonical request (and a header-signed request's date and payload
//! hash), the string to sign, the signing key and signature, chunk signatures of streamed
//! uploads, and verification.

pub mod authorization;
pub mod canonical_request;
pub mod header_request;
pub mod params;
pub mod signature;
pub mod streaming;
pub mod string_to_sign;
pub mod verify;
