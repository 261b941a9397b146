//! Error bodies of every shape AWS services answer with, read against header-signed requests
//! (tests/fixtures/sigv4-header): S3's `<Error>` XML, the Query protocol's `<ErrorResponse>`,
//! the JSON services' bodies with or without their response headers, a JSON body quoted as a
//! string, and the CLI's one-line rendering. The messages are the ones quoted in the AWS error
//! body notes (the services' own wording), with this request's values.

#[path = "../../../tests/support/header_fixtures.rs"]
mod header_fixtures;

use header_fixtures::{case, log, SIGNED_AT};
use presign_core::diagnose::diff::DiffKind;
use presign_core::{inspect, Code, Inputs, Report, Secret, Severity, UnixTime};

fn with_body(pasted: &str, body: &str, secret: Option<&str>) -> Report {
    inspect(
        &Inputs {
            url: pasted.to_owned(),
            error_xml: body.to_owned(),
            secret: secret.map(Secret::new),
            ..Inputs::default()
        },
        UnixTime(SIGNED_AT + 60),
    )
}

/// A JSON string's contents (quotes and backslashes escaped, line breaks as `\n`).
fn json_text(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// The message JSON and Query services put the expected canonical string in.
fn mismatch_message(creq: &str, sts: &str) -> String {
    format!("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'{creq}'\n\nThe String-to-Sign should have been\n'{sts}'\n")
}

fn string_to_sign(scope: &str, creq: &str) -> String {
    use presign_core::sigv4::string_to_sign::StringToSign;
    StringToSign::from_canonical_text("20261120T100000Z", scope, creq).text()
}

/// API Gateway's JSON body, with its response headers: the service received another
/// Content-Type than was sent (a proxy added a charset), and the diff says where.
#[test]
fn json_with_canonical_string_shows_the_line() {
    let c = case("botocore/execute-api-post-json");
    let theirs = c.canonical_request.replace(
        "content-type:application/json\n",
        "content-type:application/json; charset=utf-8\n",
    );
    assert_ne!(
        theirs, c.canonical_request,
        "the fixture signs content-type"
    );
    let sts = string_to_sign("20261120/us-east-1/execute-api/aws4_request", &theirs);
    let body = format!(
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nx-amzn-RequestId: 491cbe4b-06e2-4095-9b64-f14a0970bbfb\r\nx-amzn-ErrorType: InvalidSignatureException\r\n\r\n{{\"message\":{}}}",
        json_text(&mismatch_message(&theirs, &sts))
    );
    let r = with_body(&c.raw, &body, None);
    assert_eq!(
        r.verdict.code,
        Code::ServerCanonicalRequestDiffers,
        "{:#?}",
        r.findings
    );
    let server = r.server.as_ref().unwrap();
    assert_eq!(server.canonical_request_matches, Some(false));
    let changed: Vec<&str> = server
        .canonical_request_diff
        .iter()
        .filter(|l| l.kind != DiffKind::Same)
        .map(|l| l.part.as_str())
        .collect();
    assert_eq!(changed, ["header content-type"]);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::ServiceError)
        .unwrap();
    assert!(f.title.contains("InvalidSignatureException"));
}

/// The same canonical string as sent: the service modelled the request as sent. Without what
/// was signed nothing blames the secret; with the SDK's log (what it signed) the secret is
/// the one difference left.
#[test]
fn equal_strings_to_sign_blame_the_secret_only_with_what_was_signed() {
    let c = case("botocore/dynamodb-get-item");
    let sts = string_to_sign(
        "20261120/us-east-1/dynamodb/aws4_request",
        &c.canonical_request,
    );
    let body = format!(
        "{{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\",\"message\":{}}}",
        json_text(&mismatch_message(&c.canonical_request, &sts))
    );
    let r = with_body(&c.raw, &body, None);
    assert_eq!(
        r.server.as_ref().unwrap().string_to_sign_matches,
        Some(true)
    );
    assert!(!r.has(Code::SecretMismatch), "{:#?}", r.findings);
    let r = with_body(&log("botocore/dynamodb-get-item.log"), &body, None);
    assert_eq!(r.verdict.code, Code::SecretMismatch, "{:#?}", r.findings);
}

/// STS answers in the Query protocol's XML; the docs write "canonical string" lower case.
#[test]
fn query_xml_with_canonical_string() {
    let c = case("botocore/sts-get-caller-identity");
    let theirs = c.canonical_request.replacen("POST\n", "GET\n", 1);
    let sts = string_to_sign("20261120/us-east-1/sts/aws4_request", &theirs);
    let message = mismatch_message(&theirs, &sts).replace("Canonical String", "canonical string");
    let body = format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>SignatureDoesNotMatch</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>4ced6e96-5de8-11e1-aa78-a56908b00000</RequestId>\n</ErrorResponse>",
        message.replace('&', "&amp;").replace('<', "&lt;")
    );
    let r = with_body(&c.raw, &body, None);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::ServerCanonicalRequestDiffers)
        .unwrap();
    assert!(f.title.contains("HTTP method"), "{}", f.title);
}

/// S3's own XML for a header-signed request: a proxy changed the Host.
#[test]
fn s3_xml_with_canonical_request() {
    let c = case("botocore/s3-get-object");
    let theirs = c.canonical_request.replace(
        "host:examplebucket.s3.amazonaws.com",
        "host:proxy.internal:8080",
    );
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><CanonicalRequest>{theirs}</CanonicalRequest><RequestId>X</RequestId></Error>"
    );
    let r = with_body(&c.raw, &body, None);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::ServerCanonicalRequestDiffers)
        .unwrap();
    assert!(f.detail.contains("proxy.internal:8080"), "{}", f.detail);
    assert!(r.has(Code::S3SignatureDoesNotMatch));
}

/// Scope and clock messages, each read into its finding, in the shapes the services use.
#[test]
fn messages_name_their_cause() {
    let c = case("botocore/dynamodb-get-item");
    for (body, code) in [
        (r#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Credential should be scoped to correct service: 'dynamodb'. "}"#, Code::WrongService),
        (r#"{"message":"Credential should be scoped to a valid region, not 'us-west-2'. "}"#, Code::RegionMismatch),
        (r#"{"message":"Credential should be scoped with a valid terminator: 'aws4_request'. "}"#, Code::BadTerminator),
        (r#"{"message":"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261119' != '20261120', from '20261120T100000Z'."}"#, Code::CredentialDateMismatch),
        (r#"{"message":"Signature not yet current: 20261120T100000Z is still later than 20261120T093600Z (20261120T093100Z + 5 min.)","code":"InvalidSignatureException","type":"Client"}"#, Code::SignatureNotYetCurrent),
        (r#""{\"__type\":\"IncompleteSignatureException\",\"message\":\"'AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/dynamodb/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential= AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/dynamodb/aws4_request'.\"}""#, Code::AuthorizationMalformed),
        ("An error occurred (SignatureDoesNotMatch) when calling the GetItem operation: Signature expired: 20261120T100000Z is now earlier than 20261120T102000Z (20261120T103500Z - 15 min.)", Code::SignatureExpired),
    ] {
        let r = with_body(&c.raw, body, None);
        let f = r
            .findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("no {code:?} for {body}: {:#?}", r.findings));
        assert_eq!(f.severity, Severity::Error, "{body}");
        assert!(r.has(Code::ServiceError), "{body}");
    }
}

/// A body that is none of these is said to be unreadable, not guessed at.
#[test]
fn unreadable_bodies() {
    let c = case("botocore/lambda-invoke");
    let r = with_body(&c.raw, "<html><body>502 Bad Gateway</body></html>", None);
    assert!(r.has(Code::ErrorBodyUnreadable));
}
