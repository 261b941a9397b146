//! Worked examples of failing requests for the page's examples menu (and anyone who wants to
//! see a diagnosis without a failing request at hand). Each is evaluated at an instant of its
//! own, stated with it, so that it shows the same diagnosis whatever the real clock says.
//!
//! The URLs are boto3's (tests/fixtures/sdk/boto3.jsonl) and the S3 documentation's, signed
//! with AWS's published example credentials, changed the way clients break them.
//! tests/examples.rs checks that each one gives the verdict it is named for.

use crate::finding::Code;
use crate::time::UnixTime;
use crate::types::HttpMethod;

/// AWS's published example secret access key (documentation only, not a credential).
pub const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// One example: the inputs, the instant it is evaluated at, and the verdict it shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable and kebab-case (tests and the page's `data-example`).
    pub id: &'static str,
    /// What goes wrong, as a menu entry.
    pub title: &'static str,
    pub url: &'static str,
    pub method: Option<HttpMethod>,
    pub headers: &'static str,
    /// Empty: no secret given.
    pub secret: &'static str,
    pub error_xml: &'static str,
    /// The instant the example is evaluated at.
    pub at: UnixTime,
    /// The verdict it shows at that instant.
    pub verdict: Code,
}

/// Its id: the rest is in the table below (and a secret, albeit a published one).
impl std::fmt::Debug for Example {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Example({})", self.id)
    }
}

/// 2026-11-20 10:05:00 UTC: five minutes after the boto3 URLs were signed (valid for an hour).
const FIVE_MINUTES_IN: UnixTime = UnixTime(1_795_168_800 + 300);

/// The examples, failing ones first, the working one last.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "put-sent-as-get",
        title: "An upload URL opened with GET",
        url: "https://examplebucket.s3.amazonaws.com/upload/hello.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa",
        method: Some(HttpMethod::Get),
        headers: "Content-Type: text/plain",
        secret: EXAMPLE_SECRET,
        error_xml: "",
        at: FIVE_MINUTES_IN,
        verdict: Code::MethodMismatch,
    },
    Example {
        id: "content-type-drift",
        title: "Signed for text/plain, sent as image/png",
        url: "https://examplebucket.s3.amazonaws.com/upload/hello.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa",
        method: Some(HttpMethod::Put),
        headers: "Content-Type: image/png",
        secret: EXAMPLE_SECRET,
        error_xml: "",
        at: FIVE_MINUTES_IN,
        verdict: Code::SignedHeaderValue,
    },
    Example {
        id: "expired",
        title: "Used two hours after it expired",
        url: "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6b57f52889ddf3542cceaa8f30c41987a7ccd297bf7d921db61cce32f77b9c1c",
        method: Some(HttpMethod::Get),
        headers: "",
        secret: EXAMPLE_SECRET,
        error_xml: "",
        // 2026-11-20 13:00:00 UTC: the URL stopped working at 11:00.
        at: UnixTime(1_795_168_800 + 3 * 3600),
        verdict: Code::Expired,
    },
    Example {
        id: "plus-in-key",
        title: "A space in the key sent as \u{2018}+\u{2019}",
        url: "https://examplebucket.s3.amazonaws.com/my+file+name.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=a8580e1824c1ea643ea9db8f2f5628d11bcc5d46808497d5174f3c64a9e07844",
        method: Some(HttpMethod::Get),
        headers: "",
        secret: EXAMPLE_SECRET,
        error_xml: "",
        at: FIVE_MINUTES_IN,
        verdict: Code::KeyEncoding,
    },
    Example {
        id: "s3-error-body",
        title: "S3\u{2019}s error body: the browser added a charset",
        url: "https://examplebucket.s3.amazonaws.com/upload/hello.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa",
        method: Some(HttpMethod::Put),
        headers: "Content-Type: text/plain",
        secret: "",
        error_xml: r#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256
20261120T100000Z
20261120/us-east-1/s3/aws4_request
1d882ef14c07fc4c8777353c83084865bf07778956b66b55f1b354d59299a1d7</StringToSign><SignatureProvided>46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa</SignatureProvided><CanonicalRequest>PUT
/upload/hello.txt
X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&amp;X-Amz-Date=20261120T100000Z&amp;X-Amz-Expires=3600&amp;X-Amz-SignedHeaders=content-type%3Bhost
content-type:text/plain;charset=UTF-8
host:examplebucket.s3.amazonaws.com

content-type;host
UNSIGNED-PAYLOAD</CanonicalRequest></Error>"#,
        at: FIVE_MINUTES_IN,
        verdict: Code::ServerCanonicalRequestDiffers,
    },
    Example {
        id: "s3-documentation",
        title: "A working URL: the S3 documentation\u{2019}s example",
        url: "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        method: Some(HttpMethod::Get),
        headers: "",
        secret: EXAMPLE_SECRET,
        error_xml: "",
        // 2013-05-24 01:00:00 UTC: an hour after it was signed, for a day.
        at: UnixTime(1_369_357_200),
        verdict: Code::SignatureValid,
    },
];

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
