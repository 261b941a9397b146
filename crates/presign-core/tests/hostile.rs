//! Hostile and accidental input, where the domain decides: each case must end in a finding or a
//! clear "too long" message that a person can act on, never a panic, and with bounded work.
//!
//! These tests assert what the user would see (codes, titles, evidence), not how long it took:
//! speed targets live in benches/ and docs/performance.md.

use presign_core::limits::{
    MAX_CURL_BYTES, MAX_ERROR_BODY_BYTES, MAX_HEADERS_BYTES, MAX_URL_BYTES,
};
use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, Severity, UnixTime};
use std::fmt::Write as _;

/// The S3 documentation's access key pair (a published example, not a real credential).
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// 2026-11-20T10:01:00Z, a minute after the fixtures below were signed.
const NOW: UnixTime = UnixTime(1_795_168_860);
/// boto3's presigned GET of examplebucket/test.txt (tests/fixtures/sdk/boto3.jsonl, get-basic).
const GOOD: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6b57f52889ddf3542cceaa8f30c41987a7ccd297bf7d921db61cce32f77b9c1c";
const QUERY_BEFORE_SIGNATURE: &str = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host";

fn run(url: &str) -> Report {
    inspect(
        &Inputs {
            url: url.to_owned(),
            ..Inputs::default()
        },
        NOW,
    )
}

fn run_with_secret(url: &str) -> Report {
    inspect(
        &Inputs {
            url: url.to_owned(),
            secret: Some(Secret::new(SECRET)),
            ..Inputs::default()
        },
        NOW,
    )
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

/// Signs `path` + `extra_query` with the example key, the way an SDK would: the URL S3 would
/// accept. The signer is the domain's own, which the stage tests check against AWS's examples.
fn presign(path: &str, extra_query: &str) -> String {
    let unsigned = format!("https://examplebucket.s3.amazonaws.com{path}?{QUERY_BEFORE_SIGNATURE}{extra_query}&X-Amz-Signature={}", "0".repeat(64));
    let report = run_with_secret(&unsigned);
    let signature = report
        .sigv4
        .expect("a SigV4 computation")
        .computed_signature
        .expect("a signature");
    unsigned.replace(&"0".repeat(64), &signature)
}

#[test]
fn the_baseline_is_valid() {
    let report = run_with_secret(GOOD);
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{:?}",
        codes(&report)
    );
    assert_eq!(presign("/test.txt", ""), GOOD);
}

#[test]
fn a_five_megabyte_paste_is_refused_with_a_size_message() {
    // What happens when someone pastes a whole log file: a real URL, buried in 5 MB of text.
    let log = format!(
        "{}{GOOD}\n{}",
        "2026-11-20 10:00:00 INFO request ok\n".repeat(70_000),
        "x".repeat(2_500_000)
    );
    assert!(log.len() > 5_000_000);
    let report = run_with_secret(&log);
    assert_eq!(codes(&report), ["input-too-long"]);
    assert_eq!(report.verdict.code, Code::InputTooLong);
    let f = &report.findings[0];
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.title.starts_with("The URL is too long to read ("),
        "{}",
        f.title
    );
    assert!(
        f.title.ends_with("KiB; the limit is 64 KiB)"),
        "{}",
        f.title
    );
    assert!(f.detail.contains("Paste only the presigned URL"));
    // Nothing was read, so nothing half-read is shown.
    assert!(report.url.is_none() && report.sigv4.is_none() && report.parameters.is_empty());
}

#[test]
fn every_field_has_a_limit_and_a_4kb_url_is_comfortable() {
    let big_headers = "X-Amz-Meta-A: b\n".repeat(MAX_HEADERS_BYTES / 16 + 1);
    let report = inspect(
        &Inputs {
            url: GOOD.to_owned(),
            headers: big_headers,
            ..Inputs::default()
        },
        NOW,
    );
    assert_eq!(codes(&report), ["input-too-long"]);
    assert_eq!(
        report.findings[0].title,
        "The header block is too long to read (65 KiB; the limit is 64 KiB)"
    );
    // A curl command as long as the curl reader's limit is read; past it, a size message.
    let curl = format!("curl -X PUT -d '{}' '{GOOD}'", "x".repeat(500_000));
    assert!(!run(&curl).has(Code::InputTooLong));
    let curl = format!("curl -d '{}' '{GOOD}'", "x".repeat(MAX_CURL_BYTES));
    assert_eq!(codes(&run(&curl)), ["input-too-long"]);

    // A 4 KB key (longer than most real URLs in total) is read and verified as usual.
    let url = presign(&format!("/{}", "k".repeat(4000)), "");
    assert!(url.len() > 4096 && url.len() < MAX_URL_BYTES);
    assert_eq!(run_with_secret(&url).verdict.code, Code::SignatureValid);
}

#[test]
fn ten_thousand_query_parameters_are_read_and_verified() {
    let extra = (0..10_000).fold(String::new(), |mut extra, i| {
        let _ = write!(extra, "&p{}={}", i % 100, i % 7);
        extra
    });
    let url = presign("/test.txt", &extra);
    assert!(url.len() < MAX_URL_BYTES, "{}", url.len());
    let report = run_with_secret(&url);
    assert_eq!(
        report.verdict.code,
        Code::SignatureValid,
        "{:?}",
        codes(&report)
    );
    assert_eq!(report.parameters.len(), 10_006);
    // Changing one of the 10,000 is caught.
    let tampered = url.replacen("&p42=0", "&p42=1", 1);
    assert_ne!(tampered, url);
    assert_eq!(
        run_with_secret(&tampered).verdict.code,
        Code::SignatureMismatch
    );

    // The same, past the size limit: a size message, not a frozen page.
    let huge = (0..10_000).fold(String::new(), |mut huge, i| {
        let _ = write!(huge, "&parameter{i}=value{i}");
        huge
    });
    let report = run_with_secret(&format!("{GOOD}{huge}"));
    assert_eq!(codes(&report), ["input-too-long"]);
}

#[test]
fn invalid_and_truncated_percent_escapes_are_named() {
    for (url, field, seen) in [
        (
            "https://examplebucket.s3.amazonaws.com/100%?X-Amz-Signature=x",
            "path",
            "%",
        ),
        (
            "https://examplebucket.s3.amazonaws.com/a%zzb?X-Amz-Signature=x",
            "path",
            "%zz",
        ),
        (
            "https://examplebucket.s3.amazonaws.com/caf%C3%A?X-Amz-Signature=x",
            "path",
            "%A",
        ),
        (
            "https://examplebucket.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F2026%2",
            "query string",
            "%2",
        ),
        (
            "https://examplebucket.s3.amazonaws.com/k?X-Amz-Signature=%",
            "query string",
            "%",
        ),
        (
            "https://examplebucket.s3.amazonaws.com/k?%G1=1&X-Amz-Signature=abc",
            "query string",
            "%G1",
        ),
    ] {
        let report = run_with_secret(url);
        let f = report
            .findings
            .iter()
            .find(|f| f.code == Code::InvalidPercentEscape)
            .unwrap_or_else(|| panic!("{url}: {:?}", codes(&report)));
        assert_eq!(
            f.title,
            format!("The {field} has a \u{201c}%\u{201d} that is not a percent-escape"),
            "{url}"
        );
        assert!(
            f.evidence
                .iter()
                .any(|e| e.label == "seen" && e.value == seen),
            "{url}: {:?}",
            f.evidence
        );
    }
    // The literal `%` is kept as written: it is never guessed into something else.
    let report = run("https://examplebucket.s3.amazonaws.com/a%zzb?X-Amz-Signature=x");
    assert_eq!(report.endpoint.unwrap().key, "a%zzb");
    // A truncated UTF-8 sequence is shown as U+FFFD, and said so.
    let report = run("https://examplebucket.s3.amazonaws.com/caf%C3?X-Amz-Signature=x");
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::SuspiciousCharacters)
        .expect("a finding");
    assert!(
        f.title.contains("U+FFFD REPLACEMENT CHARACTER"),
        "{}",
        f.title
    );
}

#[test]
fn nul_bytes_and_invalid_utf8_are_shown_not_swallowed() {
    // A text field holds valid UTF-8 only: the page and the CLI read bytes lossily.
    let raw: &[u8] =
        b"https://examplebucket.s3.amazonaws.com/re\0port\xff.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256";
    let report = run(&String::from_utf8_lossy(raw));
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::SuspiciousCharacters)
        .expect("a finding");
    let labels: Vec<&str> = f.evidence.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        ["field", "as written, made visible", "U+0000", "U+FFFD"]
    );
    assert_eq!(
        f.evidence[1].value,
        "re\u{27E8}U+0000\u{27E9}port\u{27E8}U+FFFD\u{27E9}.txt"
    );
    // Encoded NULs and control characters in the key too.
    let report = run("https://examplebucket.s3.amazonaws.com/a%00b%1Bc%0A?X-Amz-Signature=x");
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::SuspiciousCharacters)
        .expect("a finding");
    assert_eq!(
        f.evidence[1].value,
        "a\u{27E8}U+0000\u{27E9}b\u{27E8}U+001B\u{27E9}c\u{27E8}U+000A\u{27E9}"
    );
    // NULs in the host make it unreadable as a host, which is said plainly.
    let report = run("https://exa\0mple.s3.amazonaws.com/k");
    assert_eq!(codes(&report), ["not-a-url"]);
}

#[test]
fn bidi_controls_and_look_alikes_in_the_key_are_made_visible() {
    // `invoice` U+202E `fdp.exe` displays as `invoiceexe.pdf`; U+202E is percent-encoded by SDKs.
    let url = presign("/invoice%E2%80%AEfdp.exe", "");
    let report = run_with_secret(&url);
    // The signature is fine (the key is what was signed) but the key is not what it looks like.
    assert!(report.has(Code::SignatureValid));
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::SuspiciousCharacters)
        .expect("a finding");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.title,
        "The object key holds 1 hidden or look-alike character: U+202E RIGHT-TO-LEFT OVERRIDE"
    );
    assert_eq!(f.evidence[1].value, "invoice\u{27E8}U+202E\u{27E9}fdp.exe");
    assert!(f.evidence[2].value.contains("bidirectional control"));

    // Cyrillic `а` (U+0430) in `pаyroll`, a zero-width space, and a raw (unencoded) paste.
    let report =
        run("https://examplebucket.s3.amazonaws.com/p\u{0430}yroll\u{200B}.csv?X-Amz-Signature=x");
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::SuspiciousCharacters)
        .expect("a finding");
    assert!(
        f.title.starts_with(
            "The object key holds 2 hidden or look-alike characters: U+0430 CYRILLIC LETTER"
        ),
        "{}",
        f.title
    );
    assert_eq!(
        f.evidence[1].value,
        "p\u{0430}\u{27E8}U+0430\u{27E9}yroll\u{27E8}U+200B\u{27E9}.csv"
    );
    assert!(f
        .evidence
        .iter()
        .any(|e| e.label == "U+200B" && e.value.contains("ZERO WIDTH SPACE at character 8")));

    // In a look-alike host and in a header value, too.
    let report = run("https://ex\u{0430}mplebucket.s3.amazonaws.com/k?X-Amz-Signature=x");
    assert!(report
        .findings
        .iter()
        .any(|f| f.code == Code::SuspiciousCharacters && f.title.starts_with("The host holds")));
    let report = inspect(
        &Inputs {
            url: GOOD.to_owned(),
            headers: "x-amz-meta-note: a\u{2067}b".to_owned(),
            ..Inputs::default()
        },
        NOW,
    );
    assert!(report.findings.iter().any(|f| f
        .title
        .starts_with("The header x-amz-meta-note holds 1")
        && f.title.contains("U+2067 RIGHT-TO-LEFT ISOLATE")));

    // A key written wholly in another script is not suspicious.
    let report = run_with_secret(&presign("/%D1%84%D0%BE%D1%82%D0%BE.jpg", ""));
    assert_eq!(report.endpoint.as_ref().unwrap().key, "фото.jpg");
    assert!(
        !report.has(Code::SuspiciousCharacters),
        "{:?}",
        codes(&report)
    );
}

#[test]
fn markup_and_javascript_are_plain_text_in_every_field() {
    let script = "<script>alert(1)</script>";
    let report = run("javascript:alert(document.cookie)");
    assert_eq!(codes(&report), ["not-a-url"]);
    assert_eq!(
        report.findings[0].title,
        "\u{201c}javascript:\u{201d} is not an http or https URL"
    );
    let report = run("JavaScript://%0Aalert(1)");
    assert_eq!(codes(&report), ["not-a-url"]);
    let report = run("data:text/html,<script>alert(1)</script>");
    assert_eq!(codes(&report), ["not-a-url"]);

    // Markup in the key, a parameter, a header, the secret and the error body is carried
    // verbatim as text; escaping is the view's job, and the e2e tests check it is done.
    let url = format!("https://examplebucket.s3.amazonaws.com/{script}?{QUERY_BEFORE_SIGNATURE}&x=<img src=x onerror=alert(2)>&X-Amz-Signature={}", "a".repeat(64));
    let inputs = Inputs {
        url,
        method: Some(HttpMethod::Put),
        headers: format!(
            "X-Amz-Meta-Note: {script}\nContent-Type: text/html\"><svg onload=alert(3)>"
        ),
        secret: Some(Secret::new("<script>alert(4)</script>")),
        error_xml: format!("<Error><Code>{script}</Code></Error>"),
        ..Inputs::default()
    };
    let report = inspect(&inputs, NOW);
    assert_eq!(report.endpoint.as_ref().unwrap().key, script);
    assert!(report
        .parameters
        .iter()
        .any(|p| p.name == "x" && p.value == "<img src=x onerror=alert(2)>"));
    let sent = &report.request.as_ref().unwrap().headers.headers;
    assert_eq!(sent[0].value, script);
    assert_eq!(sent[1].value, "text/html\"><svg onload=alert(3)>");
    // Signed with the markup "secret", compared, and reported like any other wrong secret.
    // (The verdict names the unsigned X-Amz-Meta-Note header, a more specific cause.)
    assert!(report.has(Code::SignatureMismatch));
}

#[test]
fn the_secret_is_never_in_debug_output_or_the_json_report() {
    let secret = "s3cr3tVALUEthatMUSTnotLEAK/0123456789abcd";
    for url in [
        GOOD,
        "https://examplebucket.s3.amazonaws.com/k?AWSAccessKeyId=A&Expires=1&Signature=x",
        "not a url",
    ] {
        let inputs = Inputs {
            url: url.to_owned(),
            headers: "x-amz-meta-a: 1".to_owned(),
            secret: Some(Secret::new(secret)),
            ..Inputs::default()
        };
        let report = inspect(&inputs, NOW);
        let debug = format!("{inputs:?}\n{report:?}\n{report:#?}\n{:?}", inputs.secret);
        assert!(
            !debug.contains(secret) && !debug.contains("s3cr3t"),
            "secret in Debug output"
        );
        assert!(debug.contains("Secret(<redacted>)"));
        let json = serde_json::to_string(&report).unwrap();
        assert!(!json.contains("s3cr3t"), "secret in the JSON report");
    }
    assert_eq!(Secret::new(secret).to_string(), "<redacted>");
}

fn with_error_xml(xml: String) -> Report {
    inspect(
        &Inputs {
            url: GOOD.to_owned(),
            error_xml: xml,
            ..Inputs::default()
        },
        NOW,
    )
}

#[test]
fn xml_entity_expansion_is_not_performed() {
    // "Billion laughs": ten levels of ten-fold entity references, 10^9 "lol"s if expanded.
    let mut doctype =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE Error [\n<!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        let _ = writeln!(
            doctype,
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        );
    }
    doctype.push_str("]>\n");
    let xml = format!("{doctype}<Error><Code>SignatureDoesNotMatch</Code><Message>&lol9;</Message><StringToSign>&lol9;</StringToSign></Error>");
    let report = with_error_xml(xml);
    let server = report.server.as_ref().expect("the body is read");
    assert_eq!(server.error.code.as_deref(), Some("SignatureDoesNotMatch"));
    // The reference stays a reference: nothing was expanded.
    assert_eq!(server.error.message.as_deref(), Some("&lol9;"));
    assert!(
        report.has(Code::S3SignatureDoesNotMatch),
        "{:?}",
        codes(&report)
    );

    // An external entity is not fetched or read either (the page makes no requests at all).
    let xxe = "<!DOCTYPE Error [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Error><Code>AccessDenied</Code><Message>&x;</Message></Error>";
    let report = with_error_xml(xxe.to_owned());
    assert_eq!(
        report.server.as_ref().unwrap().error.message.as_deref(),
        Some("&x;")
    );
}

#[test]
fn deeply_nested_and_oversized_xml_is_bounded() {
    let depth = 30_000;
    let xml = format!(
        "{}<Code>SignatureDoesNotMatch</Code>{}",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert!(xml.len() < MAX_ERROR_BODY_BYTES);
    let report = with_error_xml(xml);
    assert!(report.server.is_some(), "{:?}", codes(&report));
    // Past the reader's depth bound nothing is taken from the body, and the page says so.
    assert_eq!(
        codes(&report)
            .iter()
            .filter(|c| **c == "error-body-unreadable")
            .count(),
        1
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::ErrorBodyUnreadable)
        .unwrap();
    assert_eq!(f.title, "The error body could not be read");
    assert!(report.sigv4.is_some(), "the URL is still diagnosed");

    // A 5 MB paste: the first 256 KiB are read, and the page says the body was cut.
    let xml = format!(
        "<Error><Code>SignatureDoesNotMatch</Code><Message>{}</Message></Error>",
        "x".repeat(5_000_000)
    );
    let report = with_error_xml(xml);
    assert!(report.server.as_ref().unwrap().error.truncated);
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::ErrorBodyUnreadable)
        .expect("a finding");
    assert_eq!(f.title, "The error body is cut off");
    // The URL itself is still diagnosed.
    assert!(report.sigv4.is_some());
}

#[test]
fn malformed_and_truncated_share_links_say_so() {
    use presign_core::share::{decode, encode, Redaction, ShareError, Shared};
    let shared = Shared {
        url: GOOD.to_owned(),
        method: Some(HttpMethod::Put),
        headers: "Content-Type: text/plain".to_owned(),
        error_xml: "<Error><Code>SignatureDoesNotMatch</Code></Error>".repeat(20),
        public_key: String::new(),
        redaction: Redaction::Kept,
        upload: None,
    };
    let link = encode(&shared);
    assert!(
        link.starts_with("v1z."),
        "a long error body compresses: {link}"
    );
    assert_eq!(decode(&format!("#{link}")), Ok(Some(shared)));

    // Cut off anywhere: an error with a message, never a panic or half-restored inputs.
    for cut in (4..link.len()).step_by(7) {
        if let Err(e) = decode(&link[..cut]) {
            assert!(!e.to_string().is_empty());
        }
    }
    assert_eq!(decode(&link[..link.len() / 2]), Err(ShareError::Damaged));
    assert_eq!(decode("#v9.u=x"), Err(ShareError::UnknownFormat));
    assert_eq!(decode("#v1.u=%E2%80%"), Err(ShareError::BadField("URL")));
    assert_eq!(decode("#v1.m=PATCH"), Err(ShareError::BadField("method")));
    assert_eq!(
        decode(&format!("#{}", "%".repeat(10_000))),
        Err(ShareError::UnknownFormat)
    );
    assert!(decode("#v1z.!!!not-base64url").is_err());
    assert_eq!(decode(""), Ok(None));

    // A decompression bomb: 8 MiB of one character deflates to a few KB; the reader stops at
    // its 1 MiB bound instead of inflating it all.
    let bomb = encode(&Shared {
        url: "a".repeat(8 << 20),
        method: None,
        headers: String::new(),
        error_xml: String::new(),
        public_key: String::new(),
        redaction: Redaction::Kept,
        upload: None,
    });
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    assert_eq!(decode(&bomb), Err(ShareError::Damaged));

    // Markup in a restored field is text, like anything typed.
    let Ok(Some(restored)) = decode("#v1.u=%3Cscript%3Ealert(1)%3C%2Fscript%3E") else {
        panic!("a plain link")
    };
    assert_eq!(restored.url, "<script>alert(1)</script>");
    assert_eq!(codes(&run(&restored.url)), ["not-a-url"]);
}
