//! What people paste: a URL (its raw bytes kept), a curl command, header lines, a presigned
//! POST (the SDK's JSON, an HTML form, a multipart body, curl `-F`), public keys.

pub mod curl;
pub mod curl_form;
pub mod detect;
pub mod form;
pub mod headers;
pub mod html_form;
pub mod json;
mod json_text;
pub mod multipart;
pub mod pem;
pub mod post_json;
pub mod public_key;
pub mod url;
