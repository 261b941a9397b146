//! Methods: the URL signed for another method than the one sent (PUT vs GET …). Every other
//! family's candidates are tried with each method too (`reproduce` in mod.rs).

use super::{Change, Signed};
use crate::finding::Code;
use crate::types::HttpMethod;

/// The methods tried besides the one sent, in a fixed order.
pub(super) fn others(sent: HttpMethod) -> impl Iterator<Item = HttpMethod> {
    HttpMethod::ALL.into_iter().filter(move |m| *m != sent)
}

/// The words for a URL (or request) signed for `signed` and sent with `sent`.
pub(super) fn change(signed: HttpMethod, sent: HttpMethod, what: Signed) -> Change {
    if what == Signed::HeaderRequest {
        return super::change(
            Code::MethodMismatch,
            "method",
            sent.as_str(),
            signed.as_str(),
            format!("This request was signed for {signed}, it is sent as {sent}"),
            format!("Re-signing the request with {signed} instead of {sent} reproduces the signature exactly. The method is part of the signature: the signer was given {signed} (or a redirect or a proxy turned the request into a {sent}). Sign with the method that is sent."),
        );
    }
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

#[cfg(test)]
mod tests {
    use super::super::testing::{found, variants_found, Request};
    use super::super::Variant;
    use crate::types::HttpMethod;

    /// The example presigned for PUT and sent as a GET: the method alone reproduces it.
    #[test]
    fn signed_for_put_sent_as_get() {
        let signed = Request::example().method(HttpMethod::Put).signature();
        let (variants, words) = found(&Request::example(), &signed, |_, _| {});
        assert_eq!(
            variants,
            [[Variant::Method {
                signed: HttpMethod::Put,
                sent: HttpMethod::Get,
            }]]
        );
        assert_eq!(
            words[0][0].title,
            "This URL was signed for PUT, you sent GET"
        );
        assert!(words[0][0].detail.contains("curl -T FILE"));
        assert!(words[0][0]
            .detail
            .contains("generate_presigned_url('get_object'"));
    }

    #[test]
    fn every_other_method_is_tried() {
        for signed in HttpMethod::ALL {
            let sent = Request::example().method(HttpMethod::Head);
            let signature = Request::example().method(signed).signature();
            let expected: Vec<Vec<Variant>> = if signed == HttpMethod::Head {
                Vec::new()
            } else {
                vec![vec![Variant::Method {
                    signed,
                    sent: HttpMethod::Head,
                }]]
            };
            assert_eq!(variants_found(&sent, &signature, |_, _| {}), expected);
        }
    }
}
