//! Methods: the URL signed for another method than the one sent (PUT vs GET …). Every other
//! family's candidates are tried with each method too (`reproduce` in mod.rs).

use super::Change;
use crate::finding::Code;
use crate::types::HttpMethod;

/// The methods tried besides the one sent, in a fixed order.
pub(super) fn others(sent: HttpMethod) -> impl Iterator<Item = HttpMethod> {
    HttpMethod::ALL.into_iter().filter(move |m| *m != sent)
}

/// The words for a URL signed for `signed` and sent with `sent`.
pub(super) fn change(signed: HttpMethod, sent: HttpMethod) -> Change {
    let how = match signed {
        HttpMethod::Put => {
            "an upload (PUT, e.g. fetch(url, { method: 'PUT', body }) or curl -T FILE)"
        }
        HttpMethod::Get => "a download (GET: a plain link, fetch(url) or curl URL)",
        HttpMethod::Head => "a HEAD request (curl -I)",
        HttpMethod::Delete => "a DELETE request (curl -X DELETE)",
        HttpMethod::Post => "a POST request",
    };
    super::change(
        Code::MethodMismatch,
        "method",
        sent.as_str(),
        signed.as_str(),
        format!("This URL was signed for {signed}, you sent {sent}"),
        format!(
            "Re-signing the request with {signed} instead of {sent} reproduces the signature exactly. The method is part of the signature: send the URL as {how}, or presign the operation you need ({sent}: e.g. generate_presigned_url('{}', …) / a {}Command).",
            sdk_operation(sent),
            sdk_command(sent)
        ),
    )
}

fn sdk_operation(m: HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "get_object",
        HttpMethod::Put => "put_object",
        HttpMethod::Head => "head_object",
        HttpMethod::Delete => "delete_object",
        HttpMethod::Post => "create_multipart_upload",
    }
}

fn sdk_command(m: HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "GetObject",
        HttpMethod::Put => "PutObject",
        HttpMethod::Head => "HeadObject",
        HttpMethod::Delete => "DeleteObject",
        HttpMethod::Post => "CreateMultipartUpload",
    }
}
