//! Share links made by earlier versions of the page still open, to exactly the inputs they
//! were made from (tests/fixtures/share-links/README.md says where they come from).

use presign_core::share::{decode, Redaction, Shared};
use presign_core::HttpMethod;

const EXAMPLE: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

/// The inputs each link of deflate-rs.txt was made from, in order. (Those links left the method
/// out for GET, chosen or not: such a link opens with the method not told.)
fn made_from() -> Vec<Shared> {
    vec![
        Shared {
            url: EXAMPLE.to_owned(),
            method: Some(HttpMethod::Put),
            headers: "Content-Type: image/png".to_owned(),
            error_xml: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04</StringToSign><CanonicalRequest>GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD</CanonicalRequest></Error>".to_owned(),
            public_key: String::new(),
            redaction: Redaction::Kept,
            upload: None,
        },
        Shared {
            url: EXAMPLE.replace(
                "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                "REDACTED",
            ),
            method: None,
            headers: String::new(),
            error_xml: "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                .repeat(8),
            public_key: String::new(),
            redaction: Redaction::SignatureRedacted,
            upload: None,
        },
        Shared {
            url: "https://b.s3.amazonaws.com/caf\u{e9} d\u{e9}j\u{e0}+%2B?x=1".to_owned(),
            method: Some(HttpMethod::Delete),
            headers: "x-amz-meta-a: \u{1F600}\n".repeat(40),
            error_xml: String::new(),
            public_key: String::new(),
            redaction: Redaction::Kept,
            upload: None,
        },
    ]
}

#[test]
fn links_made_by_the_hand_written_deflate_still_open() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/share-links/deflate-rs.txt"
    );
    let links: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let expected = made_from();
    assert_eq!(links.len(), expected.len());
    for (link, shared) in links.iter().zip(expected) {
        assert!(link.starts_with("v1z."), "a compressed link: {link}");
        assert_eq!(decode(&format!("#{link}")), Ok(Some(shared)));
    }
}

#[test]
fn gcs_and_cloudfront_urls_are_live_credentials_and_their_signature_is_redacted() {
    use presign_core::share::{is_live_credential, redact_signature};
    use presign_core::{inspect, Inputs, UnixTime};
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    for (file, param) in [
        ("gcs/gcs-signed-urls.jsonl", "X-Goog-Signature="),
        ("cloudfront/botocore.jsonl", "Signature="),
    ] {
        let line = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
        let record: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
        let url = record["url"].as_str().unwrap();
        let at = |url: &str, t: i64| {
            inspect(
                &Inputs {
                    url: url.to_owned(),
                    ..Inputs::default()
                },
                UnixTime(t),
            )
        };
        // 2026-11-20T10:00:00Z + 1 min: live; + 8 days: expired.
        assert!(is_live_credential(&at(url, 1_795_168_860)), "{file}");
        assert!(
            !is_live_credential(&at(url, 1_795_168_800 + 8 * 86_400)),
            "{file}"
        );
        let redacted = redact_signature(url);
        assert!(redacted.contains(&format!("{param}REDACTED")), "{redacted}");
        assert!(!is_live_credential(&at(&redacted, 1_795_168_860)), "{file}");
    }
}
