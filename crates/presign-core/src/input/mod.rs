//! What people paste: a URL (its raw bytes kept), a curl command, header lines.

pub mod curl;
pub mod detect;
pub mod headers;
pub mod url;
