//! The diagnosis never panics, whatever is pasted: curl commands, S3 error bodies and URLs cut
//! at any character, with multi-byte text everywhere (byte-index slicing is the classic bug).

use presign_core::diagnose::diff::{diff_canonical_requests, diff_strings_to_sign};
use presign_core::error_body::xml::{read_error_xml, unescape};
use presign_core::input::curl::{parse_curl, shell_words};
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::{inspect, inspect_with, HttpMethod, Inputs, ReportDetail, Secret, UnixTime};
use proptest::prelude::*;

const NOW: UnixTime = UnixTime(1_795_168_860);

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    ))
    .unwrap()
}

/// Text made of the characters that matter to the readers, plus multi-byte ones.
fn tricky() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("<".to_owned()),
            Just(">".to_owned()),
            Just("&".to_owned()),
            Just(";".to_owned()),
            Just("&#x".to_owned()),
            Just("<![CDATA[".to_owned()),
            Just("]]>".to_owned()),
            Just("<!--".to_owned()),
            Just("'".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("$'".to_owned()),
            Just("\n".to_owned()),
            Just(" ".to_owned()),
            Just("-X".to_owned()),
            Just("-H".to_owned()),
            Just("curl ".to_owned()),
            Just("é".to_owned()),
            Just("\u{202e}".to_owned()),
            Just("𝄞".to_owned()),
            Just("%".to_owned()),
            Just("%2F".to_owned()),
            Just("+".to_owned()),
            Just("/".to_owned()),
            Just("<Code>".to_owned()),
            Just("</Code>".to_owned()),
            Just("<Error>".to_owned()),
            "[a-zA-Z0-9:=?]{0,4}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic(text in tricky()) {
        let _ = parse_curl(&text);
        let _ = shell_words(&text);
        let _ = read_error_xml(&text);
        let _ = unescape(&text);
        let _ = diff_canonical_requests(&text, "GET\n/\n\nhost:h\n\nhost\nUNSIGNED-PAYLOAD");
        let _ = diff_strings_to_sign(&text, &text.chars().rev().collect::<String>());
    }

    #[test]
    fn inspect_never_panics_on_cut_and_changed_inputs(cut in 0usize..2000, insert in tricky(), secret in prop::bool::ANY) {
        let sdk = fixture("sdk/aws-sdk-js-v3.jsonl");
        let line = sdk.lines().find(|l| l.contains("key-unicode-ja")).unwrap();
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let url = value["url"].as_str().unwrap();
        let at = cut.min(url.len());
        let changed = format!("{}{insert}{}", &url[..at], &url[at..]);
        let body = fixture("s3-errors/signature-does-not-match-proxy-host.xml");
        let body_cut = body.char_indices().map(|(i, _)| i).find(|&i| i >= cut * 2).unwrap_or(body.len());
        let inputs = Inputs {
            url: changed.clone(),
            method: Some(HttpMethod::Put),
            headers: format!("Content-Type: {insert}\n{insert}"),
            secret: secret.then(|| Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
            error_xml: body[..body_cut].to_owned(),
            ..Inputs::default()
        };
        let report = inspect(&inputs, NOW);
        prop_assert!(!report.findings.is_empty());
        // `--batch` builds less of the report, never other findings.
        let lean = inspect_with(&inputs, NOW, ReportDetail::Findings, &mut SigningKeyCache::default());
        prop_assert_eq!(&lean.verdict, &report.verdict);
        prop_assert_eq!(&lean.findings, &report.findings);
        // The same request as a curl command.
        let curl = Inputs { url: String::new(), headers: format!("curl -X PUT -H 'x-amz-meta-a: {insert}' '{changed}'"), ..inputs };
        let _ = inspect(&curl, NOW);
    }
}

#[test]
fn extreme_instants_do_not_overflow() {
    let sdk = fixture("sdk/boto3.jsonl");
    let line = sdk
        .lines()
        .find(|l| l.contains("\"boto3/get-basic\""))
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    for body in [
        "request-time-too-skewed.xml",
        "access-denied-request-expired.xml",
    ] {
        for now in [UnixTime(i64::MIN), UnixTime(i64::MAX), UnixTime(0)] {
            let inputs = Inputs {
                url: value["url"].as_str().unwrap().to_owned(),
                error_xml: fixture(&format!("s3-errors/{body}")),
                ..Inputs::default()
            };
            let report = inspect(&inputs, now);
            assert!(!report.findings.is_empty());
        }
    }
}

/// The lean report `--batch` builds has the full report's verdict and findings for every SDK
/// fixture, with and without the secret, sent as signed and with another method.
#[test]
fn findings_detail_has_the_same_findings() {
    for file in [
        "sdk/boto3.jsonl",
        "sdk/aws-sdk-js-v3.jsonl",
        "sdk/boto3-sigv2.jsonl",
    ] {
        for line in fixture(file).lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            for (secret, method) in [
                (true, None),
                (false, None),
                (true, Some(HttpMethod::Delete)),
            ] {
                let inputs = Inputs {
                    url: value["url"].as_str().unwrap().to_owned(),
                    method,
                    secret: secret
                        .then(|| Secret::new(value["secret_access_key"].as_str().unwrap())),
                    ..Inputs::default()
                };
                let full = inspect(&inputs, NOW);
                let lean = inspect_with(
                    &inputs,
                    NOW,
                    ReportDetail::Findings,
                    &mut SigningKeyCache::default(),
                );
                assert_eq!(
                    (&lean.verdict, &lean.findings),
                    (&full.verdict, &full.findings),
                    "{}",
                    value["id"]
                );
                assert!(
                    lean.parameters.is_empty()
                        && lean.sigv4.as_ref().is_none_or(|c| c.signing_key.is_none())
                );
            }
        }
    }
}
