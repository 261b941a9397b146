//! The ways a header-signed request reaches the inspection: a raw request (CRLF or LF, as a
//! browser's text box leaves it), `curl -v` output, a curl command with `-H 'Authorization: …'`
//! (in the main input or the headers input), a body given as a file, a share link made from
//! it, and a raw request that is really a presigned URL.

#[path = "../../../tests/support/header_fixtures.rs"]
mod header_fixtures;

use header_fixtures::{authorization, case, inspect_raw, SIGNED_AT};
use presign_core::input::body::BodyDigest;
use presign_core::report::Family;
use presign_core::share::{self, Redaction, Shared};
use presign_core::{inspect, Code, Inputs, Secret, UnixTime};
use std::fmt::Write as _;

const NOW: UnixTime = UnixTime(SIGNED_AT + 60);

#[test]
fn lf_line_ends_verify_too() {
    let c = case("botocore/dynamodb-get-item");
    let r = inspect_raw(&c.raw.replace("\r\n", "\n"), Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::SignatureValid, "{:#?}", r.findings);
}

/// A curl command that sends the signed request as it was signed.
fn as_curl(raw: &str) -> String {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap();
    let mut words = request_line.split(' ');
    let (method, target) = (words.next().unwrap(), words.next().unwrap());
    let mut host = String::new();
    let mut command = format!("curl -X {method}");
    for line in lines {
        let (name, value) = line.split_once(": ").unwrap();
        if name.eq_ignore_ascii_case("host") {
            value.clone_into(&mut host);
        } else if !name.eq_ignore_ascii_case("content-length") {
            let _ = write!(command, " -H '{name}: {value}'");
        }
    }
    if !body.is_empty() {
        let _ = write!(command, " --data-binary '{body}'");
    }
    format!("{command} 'https://{host}{target}'")
}

#[test]
fn curl_commands_in_either_input() {
    let c = case("botocore/dynamodb-get-item");
    let curl = as_curl(&c.raw);
    for (url, headers) in [(curl.clone(), String::new()), (String::new(), curl.clone())] {
        let r = inspect(
            &Inputs {
                url,
                headers,
                secret: Some(Secret::new(&c.secret)),
                ..Inputs::default()
            },
            NOW,
        );
        assert_eq!(r.family, Some(Family::Sigv4Header));
        assert_eq!(r.verdict.code, Code::SignatureValid, "{:#?}", r.findings);
    }
}

#[test]
fn curl_verbose_output() {
    let c = case("botocore/s3-get-object");
    let (head, _) = c.raw.split_once("\r\n\r\n").unwrap();
    let mut verbose = String::from(
        "*   Trying 52.216.0.1:443...\n* Connected to examplebucket.s3.amazonaws.com\n",
    );
    for line in head.split("\r\n") {
        let _ = writeln!(verbose, "> {line}");
    }
    verbose.push_str(">\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/xml\n");
    let r = inspect_raw(&verbose, Some(&c.secret), 60);
    assert_eq!(r.verdict.code, Code::SignatureValid, "{:#?}", r.findings);
}

/// The body given as a file (the page hashes it in the tab; `--body-file`) stands for the body
/// the paste lacks or cut short.
#[test]
fn body_file_is_hashed_into_the_payload() {
    let c = case("botocore/dynamodb-get-item");
    let (head, body) = c.raw.split_once("\r\n\r\n").unwrap();
    let without_body = format!("{head}\r\n\r\n");
    let inputs = |digest: Option<BodyDigest>| Inputs {
        url: without_body.clone(),
        secret: Some(Secret::new(&c.secret)),
        body: digest,
        ..Inputs::default()
    };
    let r = inspect(&inputs(None), NOW);
    assert_eq!(r.verdict.code, Code::SignatureMismatch);
    let r = inspect(
        &inputs(Some(BodyDigest::of(body.as_bytes(), "item.json"))),
        NOW,
    );
    assert_eq!(r.verdict.code, Code::SignatureValid, "{:#?}", r.findings);
    assert!(r
        .decoded
        .iter()
        .any(|d| d.label == "Body" && d.value.starts_with("104 bytes")));
}

#[test]
fn share_links_redact_the_signature_and_keep_the_diagnosis() {
    let c = case("botocore/sts-get-caller-identity");
    let live = inspect_raw(&c.raw, None, 60);
    assert!(share::is_live_credential(&live));
    assert!(!share::is_live_credential(&inspect_raw(&c.raw, None, 3600)));
    let redacted = share::redact_signature(&c.raw);
    assert!(!redacted.contains(authorization(&c.raw).rsplit('=').next().unwrap()));
    let link = share::encode(&Shared {
        url: redacted,
        method: None,
        headers: String::new(),
        error_xml: String::new(),
        upload: None,
        public_key: String::new(),
        redaction: Redaction::SignatureRedacted,
    });
    let opened = share::decode(&link).unwrap().unwrap();
    let r = inspect(
        &Inputs {
            url: opened.url,
            secret: Some(Secret::new(&c.secret)),
            ..Inputs::default()
        },
        NOW,
    );
    assert!(r.has(Code::SignatureRedacted), "{:#?}", r.findings);
    assert!(!r.has(Code::SignatureMismatch) && !r.has(Code::AuthorizationMalformed));
    assert!(!share::is_live_credential(&r));
}

/// A raw request with no Authorization header but a presigned query is a presigned URL.
#[test]
fn presigned_url_inside_a_raw_request() {
    let url = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    let target = url.trim_start_matches("https://examplebucket.s3.amazonaws.com");
    let raw = format!("GET {target} HTTP/1.1\r\nHost: examplebucket.s3.amazonaws.com\r\n\r\n");
    let r = inspect(
        &Inputs {
            url: raw,
            secret: Some(Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
            ..Inputs::default()
        },
        UnixTime(1_369_353_600 + 60),
    );
    assert_eq!(r.family, Some(Family::Sigv4Query));
    assert_eq!(r.verdict.code, Code::SignatureValid, "{:#?}", r.findings);
}

/// The curl snippet sends exactly what was signed: pasted back, it verifies.
#[test]
fn the_curl_snippet_sends_what_was_signed() {
    for id in [
        "botocore/dynamodb-get-item",
        "botocore/s3-get-object-key-special",
        "botocore/execute-api-encoded-segment",
        "aws-sdk-js-v3/s3-put-object",
    ] {
        let c = case(id);
        let report = inspect_raw(&c.raw, Some(&c.secret), 60);
        let s = presign_core::snippets::snippets(&report).expect("snippets");
        assert!(s.curl.contains("--path-as-is"), "{id}");
        assert!(s.notes.iter().any(|n| n.contains("--aws-sigv4")), "{id}");
        let again = inspect(
            &Inputs {
                url: s.curl.clone(),
                secret: Some(Secret::new(&c.secret)),
                ..Inputs::default()
            },
            NOW,
        );
        assert_eq!(
            again.verdict.code,
            Code::SignatureValid,
            "{id}: {}\n{:#?}",
            s.curl,
            again.findings
        );
    }
}

/// Where the search found the signed method or header value, the snippet sends that one, and
/// pasted back it verifies.
#[test]
fn the_curl_snippet_is_corrected_by_the_root_cause() {
    let c = case("botocore/sts-get-caller-identity");
    let changed = c
        .raw
        .replacen("POST /", "PUT /", 1)
        .replace("; charset=utf-8", "");
    let report = inspect_raw(&changed, Some(&c.secret), 60);
    assert_eq!(
        report.verdict.code,
        Code::MethodMismatch,
        "{:#?}",
        report.findings
    );
    let s = presign_core::snippets::snippets(&report).expect("snippets");
    assert!(s.curl.contains("-X POST"), "{}", s.curl);
    assert!(s.curl.contains("charset=utf-8"), "{}", s.curl);
    let again = inspect(
        &Inputs {
            url: s.curl.clone(),
            secret: Some(Secret::new(&c.secret)),
            ..Inputs::default()
        },
        NOW,
    );
    assert_eq!(
        again.verdict.code,
        Code::SignatureValid,
        "{}\n{:#?}",
        s.curl,
        again.findings
    );
}
