//! Reading S3's XML error body, tolerantly and safely.
//!
//! People paste these from browser consoles, logs and terminals: cut off, re-indented, with
//! or without the `<?xml?>` line. The reader takes what it can and never fails. It is not a
//! general XML parser, on purpose: it expands only the five predefined entities and numeric
//! character references (so no "billion laughs"), ignores DOCTYPE declarations, and bounds
//! both the input size and the nesting depth.

use crate::encode::unhex;
use crate::limits::{MAX_ERROR_BODY_BYTES, MAX_ERROR_BODY_DEPTH};
use serde::Serialize;

/// The fields of an S3 `<Error>` body. Every field is optional: bodies are often partial.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct S3Error {
    pub code: Option<String>,
    pub message: Option<String>,
    pub aws_access_key_id: Option<String>,
    pub string_to_sign: Option<String>,
    pub signature_provided: Option<String>,
    pub string_to_sign_bytes: Option<String>,
    pub canonical_request: Option<String>,
    pub canonical_request_bytes: Option<String>,
    pub expires: Option<String>,
    pub server_time: Option<String>,
    pub x_amz_expires: Option<String>,
    pub headers_not_signed: Option<String>,
    /// The region S3 expected (`AuthorizationHeaderMalformed`, `AuthorizationQueryParametersError`).
    pub region: Option<String>,
    /// The endpoint S3 redirects to (`PermanentRedirect`, `TemporaryRedirect`).
    pub endpoint: Option<String>,
    pub bucket: Option<String>,
    pub request_id: Option<String>,
    pub host_id: Option<String>,
    /// When the request was made, as S3 read it (`RequestTimeTooSkewed`).
    pub request_time: Option<String>,
    pub max_allowed_skew_milliseconds: Option<String>,
    /// Azure Storage's explanation of an `AuthenticationFailed` (its string to sign, a time
    /// frame, a malformed field), trimmed: the exact string to sign is read from the body.
    pub authentication_error_detail: Option<String>,
    /// The upload's size and the policy's bound (`EntityTooLarge`, `EntityTooSmall` to a POST).
    pub proposed_size: Option<String>,
    pub max_size_allowed: Option<String>,
    pub min_size_allowed: Option<String>,
    /// The argument S3 names (`InvalidArgument`, e.g. a POST without its key field).
    pub argument_name: Option<String>,
    /// Google Cloud Storage's explanation beside its code and message.
    pub details: Option<String>,
    /// The body ended inside an element (cut off when copied) or was longer than the limit.
    pub truncated: bool,
    /// Whether anything that looks like XML elements was found at all.
    pub is_xml: bool,
    /// Elements the body ended inside of: their text is incomplete.
    pub cut_fields: Vec<String>,
}

impl S3Error {
    /// The string to sign as S3 built it: from `StringToSignBytes` (exact) when it decodes,
    /// else from `StringToSign`.
    pub fn string_to_sign_exact(&self) -> Option<String> {
        self.exact(
            "StringToSign",
            self.string_to_sign_bytes.as_deref(),
            self.string_to_sign.as_deref(),
        )
    }

    /// The canonical request as S3 built it, preferring `CanonicalRequestBytes`.
    pub fn canonical_request_exact(&self) -> Option<String> {
        self.exact(
            "CanonicalRequest",
            self.canonical_request_bytes.as_deref(),
            self.canonical_request.as_deref(),
        )
    }

    /// A field cut off by truncation is never used: a prefix of S3's canonical request would
    /// show differences that are not there.
    fn exact(&self, name: &str, bytes: Option<&str>, text: Option<&str>) -> Option<String> {
        let cut = |n: &str| self.cut_fields.iter().any(|f| f == n);
        let bytes_name = format!("{name}Bytes");
        bytes
            .filter(|_| !cut(&bytes_name))
            .and_then(from_hex_bytes)
            .or_else(|| text.filter(|_| !cut(name)).map(str::to_owned))
    }

    fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "Code" => &mut self.code,
            "Message" => &mut self.message,
            "AWSAccessKeyId" => &mut self.aws_access_key_id,
            "StringToSign" => &mut self.string_to_sign,
            "SignatureProvided" => &mut self.signature_provided,
            "StringToSignBytes" => &mut self.string_to_sign_bytes,
            "CanonicalRequest" => &mut self.canonical_request,
            "CanonicalRequestBytes" => &mut self.canonical_request_bytes,
            "Expires" => &mut self.expires,
            "ServerTime" => &mut self.server_time,
            "X-Amz-Expires" => &mut self.x_amz_expires,
            "HeadersNotSigned" => &mut self.headers_not_signed,
            "Region" => &mut self.region,
            "Endpoint" => &mut self.endpoint,
            "BucketName" | "Bucket" => &mut self.bucket,
            "RequestId" => &mut self.request_id,
            "HostId" => &mut self.host_id,
            "RequestTime" => &mut self.request_time,
            "MaxAllowedSkewMilliseconds" => &mut self.max_allowed_skew_milliseconds,
            "AuthenticationErrorDetail" => &mut self.authentication_error_detail,
            "ProposedSize" => &mut self.proposed_size,
            "MaxSizeAllowed" => &mut self.max_size_allowed,
            "MinSizeAllowed" => &mut self.min_size_allowed,
            "ArgumentName" => &mut self.argument_name,
            "Details" => &mut self.details,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

/// Bytes given as space-separated hex (`47 45 54 0a …`), decoded as UTF-8.
fn from_hex_bytes(text: &str) -> Option<String> {
    let joined: String = text.split_whitespace().collect();
    if joined.is_empty() {
        return None;
    }
    String::from_utf8(unhex(&joined)?).ok()
}

/// Expands the five predefined entities and numeric references; anything else is kept as
/// written (no DTD entities, so no expansion attacks).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i..).unwrap_or("");
        let end = after
            .get(..12.min(after.len()))
            .and_then(|head| head.find(';'))
            .or_else(|| {
                // An entity is short; look for ';' within a few chars on a char boundary.
                after
                    .char_indices()
                    .take(12)
                    .find(|(_, c)| *c == ';')
                    .map(|(j, _)| j)
            });
        let Some(end) = end else {
            out.push('&');
            rest = after.get(1..).unwrap_or("");
            continue;
        };
        let name = after.get(1..end).unwrap_or("");
        let ch = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => {
                u32::from_str_radix(n.get(2..).unwrap_or(""), 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            n if n.starts_with('#') => n
                .get(1..)
                .unwrap_or("")
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32),
            _ => None,
        };
        if let Some(c) = ch {
            out.push(c);
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            out.push('&');
            rest = after.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

/// The body up to [`MAX_ERROR_BODY_BYTES`] (cut on a character boundary, and marked truncated).
fn within_limit<'a>(body: &'a str, err: &mut S3Error) -> &'a str {
    if body.len() <= MAX_ERROR_BODY_BYTES {
        return body;
    }
    err.truncated = true;
    let mut end = MAX_ERROR_BODY_BYTES;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.get(..end).unwrap_or("")
}

/// Reads an S3 error body. Leaf elements at any depth are read by name (the first of each
/// wins); text outside elements is ignored.
pub fn read_error_xml(body: &str) -> S3Error {
    let mut err = S3Error::default();
    let body = within_limit(body, &mut err);
    // Open elements: (name, start of their text content).
    let mut stack: Vec<(String, String)> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if let Some((_, text)) = stack.last_mut() {
                text.push_str(rest);
            }
            break;
        };
        if let Some((_, text)) = stack.last_mut() {
            text.push_str(rest.get(..lt).unwrap_or(""));
        }
        let tag = rest.get(lt..).unwrap_or("");
        if let Some(after) = tag.strip_prefix("<![CDATA[") {
            let (content, next) = if let Some(e) = after.find("]]>") {
                (
                    after.get(..e).unwrap_or(""),
                    after.get(e + 3..).unwrap_or(""),
                )
            } else {
                err.truncated = true;
                (after, "")
            };
            if let Some((_, text)) = stack.last_mut() {
                // CDATA is literal: protect it from entity expansion by pre-escaping '&'.
                text.push_str(&content.replace('&', "&amp;"));
            }
            rest = next;
            continue;
        }
        if let Some(after) = tag.strip_prefix("<!--") {
            rest = after
                .find("-->")
                .and_then(|e| after.get(e + 3..))
                .unwrap_or("");
            continue;
        }
        if tag.starts_with("<?") || tag.starts_with("<!") {
            // XML declaration, DOCTYPE (its internal subset is skipped, never interpreted).
            rest = skip_declaration(tag);
            continue;
        }
        let Some(gt) = tag.find('>') else {
            err.truncated = true;
            break;
        };
        let inner = tag.get(1..gt).unwrap_or("");
        rest = tag.get(gt + 1..).unwrap_or("");
        if let Some(name) = inner.strip_prefix('/') {
            let name = name.trim();
            // Close the matching element; tolerate stray or mismatched end tags.
            if let Some(pos) = stack.iter().rposition(|(n, _)| n == name) {
                while stack.len() > pos + 1 {
                    stack.pop();
                }
                if let Some((n, text)) = stack.pop() {
                    err.is_xml = true;
                    err.set(&n, unescape(text.trim()));
                }
            }
            continue;
        }
        let self_closing = inner.ends_with('/');
        let name: String = inner
            .trim_end_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_owned();
        if name.is_empty() {
            continue;
        }
        err.is_xml = true;
        if self_closing {
            err.set(&name, String::new());
            continue;
        }
        if stack.len() >= MAX_ERROR_BODY_DEPTH {
            continue;
        }
        stack.push((name, String::new()));
    }
    // Whatever is still open was cut off: keep the text read so far.
    if stack.len() > 1 || stack.first().is_some_and(|(n, _)| n != "Error") {
        err.truncated = true;
    }
    while let Some((n, text)) = stack.pop() {
        err.cut_fields.push(n.clone());
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            err.set(&n, unescape(trimmed));
        }
    }
    err
}

fn skip_declaration(tag: &str) -> &str {
    // A DOCTYPE may hold an internal subset in [...]; skip to the '>' after it.
    let mut depth = 0usize;
    for (i, c) in tag.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '>' if depth == 0 => return tag.get(i + 1..).unwrap_or(""),
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_entities() {
        let e = read_error_xml(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>a &amp; b &#65;&#x42;</Message>\n  <CanonicalRequest><![CDATA[GET\n/&amp;]]></CanonicalRequest><StringToSignBytes>41 42</StringToSignBytes></Error>",
        );
        assert_eq!(e.code.as_deref(), Some("SignatureDoesNotMatch"));
        assert_eq!(e.message.as_deref(), Some("a & b AB"));
        assert_eq!(e.canonical_request.as_deref(), Some("GET\n/&amp;"));
        assert_eq!(e.string_to_sign_exact().as_deref(), Some("AB"));
        assert!(!e.truncated && e.is_xml);
    }

    #[test]
    fn tolerates_truncation_and_hostility() {
        let e = read_error_xml("<Error><Code>AccessDenied</Code><Message>Request has exp");
        assert_eq!(e.message.as_deref(), Some("Request has exp"));
        assert!(e.truncated);
        let e = read_error_xml("<!DOCTYPE x [<!ENTITY a \"&b;&b;\"><!ENTITY b \"zz\">]><Error><Code>&a;</Code></Error>");
        assert_eq!(e.code.as_deref(), Some("&a;"));
        let deep = "<a>".repeat(10_000) + "<Code>X</Code>";
        let e = read_error_xml(&deep);
        assert_eq!(e.code, None);
        assert!(!read_error_xml("not xml at all é &").is_xml);
        assert_eq!(unescape("&#xZZ; & &;é&#1114112;"), "&#xZZ; & &;é&#1114112;");
        for cut in 0..40 {
            let body = "<Error><Code>é</Code><![CDATA[x";
            let _ = read_error_xml(body.get(..cut.min(body.len())).unwrap_or(body));
        }
    }
}
