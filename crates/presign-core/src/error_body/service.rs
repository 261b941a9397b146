//! Reading any AWS service's error body: S3's `<Error>` XML, the Query protocol's
//! `<ErrorResponse>` (IAM, STS, SQS, SNS, …), the JSON services' `{"__type", "message"}` or
//! `{"message"}` with `x-amzn-ErrorType` (API Gateway, `DynamoDB`, Lambda, `OpenSearch`, …), and
//! the CLI's one-line rendering (`An error occurred (Code) when calling …: message`).
//!
//! A response pasted with its status line and headers is read too (the error type of API
//! Gateway is only in the `x-amzn-ErrorType` header). The message is then read for what it
//! states: the canonical string and string to sign the service expected, the clock window,
//! the region or service the scope should name.

use crate::error_body::xml::{read_error_xml, S3Error};
use crate::input::json::{read_json, Json};
use crate::limits::MAX_ERROR_BODY_BYTES;
use crate::time::{parse_amz_date, UnixTime};
use serde::Serialize;

/// Which kind of body it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorShape {
    /// S3's `<Error>` with its own elements.
    S3Xml,
    /// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
    QueryXml,
    Json,
    /// Neither: a message as a CLI or a log prints it.
    Text,
}

/// A service's error, as far as the body says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceError {
    pub shape: ErrorShape,
    /// The error code, `com.amazon.coral.service#` prefixes removed.
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// The HTTP status, when the status line was pasted.
    pub status: Option<u16>,
    /// S3's fields, for an S3 body.
    pub s3: Option<S3Error>,
    pub facts: MessageFacts,
}

/// A clock message: `Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z
/// (20220127T015928Z - 15 min.)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockMessage {
    /// The request's date as the service read it.
    pub request_date: String,
    /// The service's own time.
    pub server_time: String,
    /// The window the service applied, in minutes.
    pub window_minutes: i64,
}

impl ClockMessage {
    pub fn request_instant(&self) -> Option<UnixTime> {
        parse_amz_date(&self.request_date)
    }

    pub fn server_instant(&self) -> Option<UnixTime> {
        parse_amz_date(&self.server_time)
    }
}

/// What the message states. Each flag is one sentence the message may hold, independent of
/// the others.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MessageFacts {
    /// "The Canonical String for this request should have been '…'".
    pub canonical_request: Option<String>,
    /// "The String-to-Sign should have been '…'".
    pub string_to_sign: Option<String>,
    pub expired: Option<ClockMessage>,
    pub not_yet_current: Option<ClockMessage>,
    /// "Credential should be scoped to a valid region, not 'x'": x, or empty for the newer
    /// wording that names none.
    pub invalid_region: Option<String>,
    /// "Credential should be scoped to correct service: 'x'": x.
    pub expected_service: Option<String>,
    pub bad_terminator: bool,
    pub date_mismatch: bool,
    /// `IncompleteSignature`: a part missing, a piece without `=`, a credential not in 5 parts.
    pub incomplete: bool,
    pub token_expired: bool,
    pub token_invalid: bool,
}

/// Where `needle` starts in `haystack`, ASCII case ignored. (Lower-casing ASCII keeps every
/// byte where it is, so the position holds in the original text.)
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

/// The text after `label` and white space, between a `'` and the last `'` before `end` (or the
/// end of the text).
fn quoted_after(text: &str, label: &str, end: Option<usize>) -> Option<String> {
    let start = find_ci(text, label)? + label.len();
    let end = end.filter(|e| *e >= start).unwrap_or(text.len());
    let inner = text.get(start..end)?.trim_start();
    let inner = inner.strip_prefix('\'')?;
    let close = inner.rfind('\'')?;
    Some(inner[..close].to_owned())
}

/// The first `'…'` after `label`.
fn first_quoted(text: &str, label: &str) -> Option<String> {
    let start = find_ci(text, label)? + label.len();
    let rest = text.get(start..)?;
    let open = rest.find('\'')?;
    let rest = &rest[open + 1..];
    Some(rest[..rest.find('\'')?].to_owned())
}

fn clock(text: &str, label: &str, middle: &str, sign: char) -> Option<ClockMessage> {
    let start = find_ci(text, label)? + label.len();
    let rest = text.get(start..)?.trim_start();
    let (request_date, rest) = rest.split_once(middle)?;
    let rest = rest.split_once('(')?.1;
    let (server_time, rest) = rest.split_once(sign)?;
    let minutes = rest.trim_start().split_once(' ')?.0;
    Some(ClockMessage {
        request_date: request_date.trim().to_owned(),
        server_time: server_time.trim().to_owned(),
        window_minutes: minutes.parse().ok()?,
    })
}

/// Reads what a message states.
pub fn message_facts(message: &str, code: Option<&str>) -> MessageFacts {
    let sts_label = "the String-to-Sign should have been";
    let code = code.unwrap_or_default();
    let has = |needle: &str| find_ci(message, needle).is_some();
    MessageFacts {
        canonical_request: quoted_after(
            message,
            "canonical string for this request should have been",
            find_ci(message, sts_label),
        ),
        string_to_sign: quoted_after(message, sts_label, None),
        expired: clock(message, "Signature expired:", " is now earlier than ", '-'),
        not_yet_current: clock(
            message,
            "Signature not yet current:",
            " is still later than ",
            '+',
        ),
        invalid_region: first_quoted(message, "scoped to a valid region, not")
            .or_else(|| has("must be scoped to a valid region").then(String::new)),
        expected_service: first_quoted(message, "scoped to correct service:"),
        bad_terminator: has("scoped with a valid terminator"),
        date_mismatch: has("Date in Credential scope does not match"),
        incomplete: code.starts_with("IncompleteSignature")
            || has("Authorization header requires")
            || has("not a valid key=value pair")
            || has("slash-delimited elements"),
        token_expired: matches!(code, "ExpiredToken" | "ExpiredTokenException")
            || has("security token included in the request is expired"),
        token_invalid: matches!(
            code,
            "UnrecognizedClientException" | "InvalidClientTokenId" | "InvalidToken"
        ) || has("security token included in the request is invalid"),
    }
}

/// `com.amazon.coral.service#InvalidSignatureException` → `InvalidSignatureException`; the
/// `:http://internal…` suffix of `x-amzn-ErrorType` goes too.
fn plain_code(code: &str) -> String {
    let code = code.rsplit('#').next().unwrap_or(code);
    code.split(':').next().unwrap_or(code).trim().to_owned()
}

/// A status line and headers before the body, when pasted: status, `x-amzn-ErrorType`,
/// `x-amzn-RequestId`, and the body.
fn split_response(text: &str) -> (Option<u16>, Option<String>, Option<String>, &str) {
    let trimmed = text.trim_start();
    if !trimmed.starts_with("HTTP/") {
        return (None, None, None, text);
    }
    let (head, body) = trimmed
        .split_once("\r\n\r\n")
        .or_else(|| trimmed.split_once("\n\n"))
        .unwrap_or((trimmed, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok());
    let mut error_type = None;
    let mut request_id = None;
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "x-amzn-errortype" => error_type = Some(plain_code(value)),
                "x-amzn-requestid" | "x-amz-request-id" => {
                    request_id = Some(value.trim().to_owned());
                }
                _ => {}
            }
        }
    }
    (status, error_type, request_id, body)
}

fn string_at(value: &Json, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| value.get(k).and_then(Json::as_str))
        .map(str::to_owned)
}

/// Reads an error body of any shape; `None` for an empty one.
pub fn read_service_error(text: &str) -> Option<ServiceError> {
    if text.trim().is_empty() {
        return None;
    }
    let text = if text.len() > MAX_ERROR_BODY_BYTES {
        let mut end = MAX_ERROR_BODY_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    let (status, header_type, header_id, body) = split_response(text);
    let trimmed = body.trim();
    let mut error = ServiceError {
        shape: ErrorShape::Text,
        code: header_type,
        message: None,
        request_id: header_id,
        status,
        s3: None,
        facts: MessageFacts::default(),
    };
    if trimmed.starts_with('<') {
        let xml = read_error_xml(trimmed);
        error.shape = if find_ci(trimmed, "<ErrorResponse").is_some() {
            ErrorShape::QueryXml
        } else {
            ErrorShape::S3Xml
        };
        error.code = xml.code.as_deref().map(plain_code).or(error.code);
        error.message.clone_from(&xml.message);
        error.request_id = xml.request_id.clone().or(error.request_id);
        if error.shape == ErrorShape::S3Xml {
            error.s3 = Some(xml);
        }
    } else if let Some(json) = parse_json(trimmed) {
        error.shape = ErrorShape::Json;
        let first_error = match json.get("errors") {
            Some(Json::Array(errors)) => errors.first(),
            _ => None,
        };
        let nested = json.get("Error").or(first_error);
        let code = string_at(&json, &["__type", "code", "Code"])
            .or_else(|| nested.and_then(|n| string_at(n, &["code", "Code"])));
        error.code = code.as_deref().map(plain_code).or(error.code);
        error.message = string_at(&json, &["message", "Message"])
            .or_else(|| nested.and_then(|n| string_at(n, &["message", "Message"])));
        error.request_id = string_at(&json, &["RequestId", "requestId"]).or(error.request_id);
    } else {
        // `An error occurred (Code) when calling the Op operation: message`
        if let Some((_, rest)) = trimmed.split_once("An error occurred (") {
            if let Some((code, message)) = rest.split_once(')') {
                error.code = Some(plain_code(code));
                error.message = Some(
                    message
                        .split_once(": ")
                        .map_or(message, |(_, m)| m)
                        .trim()
                        .to_owned(),
                );
            }
        }
        if error.message.is_none() {
            error.message = Some(trimmed.to_owned());
        }
    }
    error.facts = message_facts(
        error.message.as_deref().unwrap_or_default(),
        error.code.as_deref(),
    );
    Some(error)
}

/// A JSON object, or one written as a string literal of itself (a log of a JS value). Read with
/// the core's tolerant reader, which also takes what consoles print (single quotes, bare keys).
fn parse_json(text: &str) -> Option<Json> {
    match read_json(text).ok()?.value {
        Json::String(inner) => match read_json(&inner).ok()?.value {
            object @ Json::Object(_) => Some(object),
            _ => None,
        },
        object @ Json::Object(_) => Some(object),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `OpenSearch`'s body (libvmod-awsrest issue 8): JSON, the canonical string in the message.
    #[test]
    fn json_message_with_canonical_string() {
        let body = r#"{"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'GET\n/_plugin/kibana/\n\nhost:search-production-applicationlogs-omittied.us-east-1.es.amazonaws.com\nx-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20160210T173713Z\n\nhost;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20160210T173713Z\n20160210/us-east-1/es/aws4_request\nfd25fa89477f88ffc390ea6ea90c5de2e35aea5c4e588ebb0ec972dc47b9e995'\n"}"#;
        let e = read_service_error(body).unwrap();
        assert_eq!(e.shape, ErrorShape::Json);
        let creq = e.facts.canonical_request.unwrap();
        assert!(creq.starts_with("GET\n/_plugin/kibana/\n\nhost:"));
        assert!(
            creq.ends_with("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        );
        assert_eq!(creq.lines().count(), 9);
        assert_eq!(
            e.facts.string_to_sign.unwrap().lines().nth(2),
            Some("20160210/us-east-1/es/aws4_request")
        );
    }

    #[test]
    fn coral_type_query_xml_and_cli_text() {
        let e = read_service_error(r#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Credential should be scoped to correct service: 'dynamodb'. "}"#).unwrap();
        assert_eq!(e.code.as_deref(), Some("InvalidSignatureException"));
        assert_eq!(e.facts.expected_service.as_deref(), Some("dynamodb"));
        let e = read_service_error("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>ExpiredToken</Code>\n    <Message>The security token included in the request is expired</Message>\n  </Error>\n  <RequestId>689b4496-ca92-11e5-9a31-4932678efe5c</RequestId>\n</ErrorResponse>").unwrap();
        assert_eq!(e.shape, ErrorShape::QueryXml);
        assert!(e.facts.token_expired && e.s3.is_none());
        assert_eq!(
            e.request_id.as_deref(),
            Some("689b4496-ca92-11e5-9a31-4932678efe5c")
        );
        let e = read_service_error("An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)").unwrap();
        assert_eq!(e.code.as_deref(), Some("SignatureDoesNotMatch"));
        let clock = e.facts.expired.unwrap();
        assert_eq!(
            (
                clock.request_date.as_str(),
                clock.server_time.as_str(),
                clock.window_minutes
            ),
            ("20220127T001427Z", "20220127T015928Z", 15)
        );
    }

    #[test]
    fn response_head_escaped_json_and_other_messages() {
        let e = read_service_error("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nx-amzn-RequestId: 491cbe4b\r\nx-amzn-ErrorType: InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/\r\n\r\n{\"message\":\"Signature not yet current: 20181017T093750Z is still later than 20181017T093639Z (20181017T093139Z + 5 min.)\"}").unwrap();
        assert_eq!(
            (e.status, e.code.as_deref()),
            (Some(403), Some("InvalidSignatureException"))
        );
        assert_eq!(e.facts.not_yet_current.unwrap().window_minutes, 5);
        let e = read_service_error(r#""{\"__type\":\"IncompleteSignatureException\",\"message\":\"'a/b' not a valid key=value pair (missing equal-sign) in Authorization header\"}""#).unwrap();
        assert!(e.facts.incomplete);
        let e = read_service_error(
            r#"{"message":"Credential should be scoped to a valid region, not 'eu-west-1'. "}"#,
        )
        .unwrap();
        assert_eq!(e.facts.invalid_region.as_deref(), Some("eu-west-1"));
        let e =
            read_service_error(r#"{"Message":"The credential must be scoped to a valid region."}"#)
                .unwrap();
        assert_eq!(e.facts.invalid_region.as_deref(), Some(""));
        let e = read_service_error("<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>GET</CanonicalRequest></Error>").unwrap();
        assert_eq!(e.shape, ErrorShape::S3Xml);
        assert!(read_service_error("  ").is_none());
        assert_eq!(
            read_service_error("{\"a\": [").unwrap().shape,
            ErrorShape::Text
        );
    }
}
