//! What people paste: a URL (its raw bytes kept), a curl command, header lines, a presigned
//! POST (the SDK's JSON, an HTML form, a multipart body, curl `-F`), public keys, a raw HTTP
//! request, an SDK's debug log; and a body given as a file.

pub mod body;
pub mod curl;
pub mod curl_form;
pub mod detect;
pub mod form;
pub mod headers;
pub mod html_form;
pub mod http;
pub mod json;
mod json_text;
pub mod multipart;
pub mod pem;
pub mod post_json;
pub mod public_key;
pub mod sdk_log;
pub mod url;
