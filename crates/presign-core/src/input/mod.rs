//! What people paste: a URL (its raw bytes kept), a curl command, header lines, public keys.

pub mod curl;
pub mod detect;
pub mod headers;
pub mod pem;
pub mod public_key;
pub mod url;
