//! What people paste: a URL (its raw bytes kept), a curl command, header lines, a raw HTTP
//! request, an SDK's debug log; and a body given as a file.

pub mod body;
pub mod curl;
pub mod detect;
pub mod headers;
pub mod http;
pub mod sdk_log;
pub mod url;
