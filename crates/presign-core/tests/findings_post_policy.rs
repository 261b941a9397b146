//! One test per finding a presigned POST can give (the catalogue test finds each by its name):
//! an SDK-generated POST (tests/fixtures/post-policy, fake credentials, signed
//! 2026-11-20T10:00:00Z) changed in one way, or one of S3's error bodies to it
//! (tests/fixtures/post-policy/s3-errors), and what the user sees.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/support/report_lookup.rs"]
mod report_lookup;
use presign_core::encode::{base64, Base64};
use presign_core::post_policy::UploadFile;
use presign_core::sigv4::signature::SigningKey;
use presign_core::{inspect, Code, Inputs, Report, Secret, Severity, UnixTime};
use report_lookup::{evidence, finding};
use serde_json::Value;
use std::fmt::Write as _;

/// 2026-11-20T10:00:00Z, when every fixture was signed, and a minute later.
const SIGNED_AT: i64 = 1_795_168_800;
const NOW: UnixTime = UnixTime(SIGNED_AT + 60);
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn dir() -> String {
    format!(
        "{}/../../tests/fixtures/post-policy",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A presigned POST to change: its URL and fields in order.
#[derive(Clone)]
struct Post {
    url: String,
    fields: Vec<(String, String)>,
}

impl Post {
    fn sdk(id: &str) -> Self {
        let file = if id.starts_with("boto3-sigv2/") {
            "boto3-sigv2.jsonl"
        } else if id.starts_with("boto3/") {
            "boto3.jsonl"
        } else {
            "aws-sdk-js-v3.jsonl"
        };
        let text = std::fs::read_to_string(format!("{}/{file}", dir())).unwrap();
        let r: Value = text
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|r| r["id"] == id)
            .unwrap();
        Post {
            url: r["url"].as_str().unwrap().to_owned(),
            fields: r["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_owned(),
                        p[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect(),
        }
    }

    fn full() -> Self {
        Post::sdk("boto3/conditions-full")
    }

    fn set(mut self, name: &str, value: &str) -> Self {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some(f) => value.clone_into(&mut f.1),
            None => self.fields.insert(0, (name.to_owned(), value.to_owned())),
        }
        self
    }

    fn without(mut self, name: &str) -> Self {
        self.fields.retain(|(n, _)| n != name);
        self
    }

    fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .clone()
    }

    /// As the SDK's JSON.
    fn json(&self) -> String {
        let fields: Vec<String> = self
            .fields
            .iter()
            .map(|(n, v)| format!("{}: {}", Value::from(n.as_str()), Value::from(v.as_str())))
            .collect();
        format!(
            "{{\"url\": {}, \"fields\": {{{}}}}}",
            Value::from(self.url.as_str()),
            fields.join(", ")
        )
    }

    /// As an HTML form: `form_attributes` inside `<form …>`, the file input last.
    fn html(&self, form_attributes: &str) -> String {
        let mut html = format!("<form {form_attributes}>\n");
        for (n, v) in &self.fields {
            let _ = writeln!(html, "  <input type=\"hidden\" name=\"{n}\" value=\"{v}\">");
        }
        html.push_str("  <input type=\"file\" name=\"file\">\n  <button type=\"submit\">Upload</button>\n</form>");
        html
    }

    fn form(&self) -> String {
        self.html(&format!(
            "action=\"{}\" method=\"post\" enctype=\"multipart/form-data\"",
            self.url
        ))
    }
}

fn run(text: &str) -> Report {
    run_with(text, None, "", None, NOW)
}

fn run_with(
    text: &str,
    secret: Option<&str>,
    error_xml: &str,
    upload: Option<UploadFile>,
    now: UnixTime,
) -> Report {
    inspect(
        &Inputs {
            url: text.to_owned(),
            secret: secret.map(Secret::new),
            error_xml: error_xml.to_owned(),
            upload,
            ..Inputs::default()
        },
        now,
    )
}

fn error_body(name: &str) -> String {
    std::fs::read_to_string(format!("{}/s3-errors/{name}", dir())).unwrap()
}

fn file(name: &str, size: u64) -> UploadFile {
    UploadFile {
        name: Some(name.to_owned()),
        size: Some(size),
        content_type: Some("image/jpeg".to_owned()),
    }
}

// The form itself.

#[test]
fn missing_form_field() {
    let report = run(&Post::full().without("key").json());
    let f = finding(&report, Code::MissingFormField);
    assert_eq!(
        (f.severity, f.title.as_str()),
        (Severity::Error, "The form has no key field")
    );
    assert!(f
        .detail
        .contains("Bucket POST must contain a field named 'key'"));
    assert_eq!(report.verdict.code, Code::MissingFormField);
    // Every SigV4 field is required.
    let report = run(&Post::full().without("x-amz-date").json());
    assert_eq!(
        evidence(finding(&report, Code::MissingFormField), "field"),
        "x-amz-date"
    );
}

#[test]
fn policy_malformed() {
    let report = run(&Post::full().set("policy", "{{ policy }}").json());
    let f = finding(&report, Code::PolicyMalformed);
    assert_eq!(f.title, "The policy is not base64");
    assert_eq!(report.verdict.code, Code::PolicyMalformed);
    // A condition S3 cannot apply: ["eq", "key", …] without the $.
    let json = r#"{"expiration": "2026-11-20T11:00:00Z", "conditions": [["eq", "key", "a"]]}"#;
    let report = run(&Post::full()
        .set("policy", &base64(json.as_bytes(), Base64::Standard))
        .json());
    let f = finding(&report, Code::PolicyMalformed);
    assert!(
        f.title.starts_with("Condition 1 cannot be applied"),
        "{}",
        f.title
    );
    assert_eq!(evidence(f, "condition"), r#"["eq", "key", "a"]"#);
}

#[test]
fn form_method_not_post() {
    let post = Post::full();
    let report = run(&post.html(&format!(
        "action=\"{}\" enctype=\"multipart/form-data\"",
        post.url
    )));
    let f = finding(&report, Code::FormMethodNotPost);
    assert_eq!(
        f.title,
        "The form is sent with GET (no method attribute), not POST"
    );
    let report = run(&format!(
        "curl -X PUT -F key=a -F 'file=@a.jpg' {}",
        post.url
    ));
    assert_eq!(
        finding(&report, Code::FormMethodNotPost).title,
        "The form is sent with PUT, not POST"
    );
}

#[test]
fn form_not_multipart() {
    let post = Post::full();
    let report = run(&post.html(&format!("action=\"{}\" method=\"post\"", post.url)));
    let f = finding(&report, Code::FormNotMultipart);
    assert_eq!(
        evidence(f, "enctype"),
        "application/x-www-form-urlencoded (no enctype attribute)"
    );
    assert!(!run(&post.form()).has(Code::FormNotMultipart));
}

#[test]
fn post_url_not_bucket() {
    let post = Post::full();
    let report = run(&post.html("method=\"post\" enctype=\"multipart/form-data\""));
    assert_eq!(
        finding(&report, Code::PostUrlNotBucket).title,
        "The form does not say where it posts"
    );
    let to_key = Post {
        url: format!("{}uploads/photo.jpg", post.url),
        ..post.clone()
    };
    let f = finding(&run(&to_key.json()), Code::PostUrlNotBucket).clone();
    assert_eq!(
        f.title,
        "The form posts to the key \u{201c}uploads/photo.jpg\u{201d}, not to the bucket"
    );
    assert!(!run(&post.json()).has(Code::PostUrlNotBucket));
}

#[test]
fn wrong_number_of_files() {
    let post = Post::full();
    let no_file = post
        .form()
        .replace("  <input type=\"file\" name=\"file\">\n", "");
    let report = run(&no_file);
    let f = finding(&report, Code::WrongNumberOfFiles);
    assert_eq!(f.title, "The form has no file");
    assert!(f.detail.contains("IncorrectNumberOfFilesInPostRequest"));
    let two = post.form().replace(
        "<input type=\"file\" name=\"file\">",
        "<input type=\"file\" name=\"file\"><input type=\"file\" name=\"file2\">",
    );
    assert_eq!(
        finding(&run(&two), Code::WrongNumberOfFiles).title,
        "The form has 2 files"
    );
    // The SDK's JSON lists no file: that is not a finding.
    assert!(!run(&post.json()).has(Code::WrongNumberOfFiles));
}

#[test]
fn file_not_last() {
    let post = Post::full();
    // The key input moved after the file input: S3 never reads it.
    let key = post.value("key");
    let html = post.clone().without("key").form().replace(
        "  <button",
        &format!("  <input type=\"hidden\" name=\"key\" value=\"{key}\">\n  <button"),
    );
    let report = run_with(&html, Some(SECRET), "", None, NOW);
    assert_eq!(report.verdict.code, Code::FileNotLast);
    let f = finding(&report, Code::FileNotLast);
    assert_eq!(f.title, "key comes after the file");
    assert!(f.detail.contains("it misses key"), "{}", f.detail);
    assert!(!report.has(Code::MissingFormField));
    assert!(report.has(Code::SignatureValid));
}

// The policy.

#[test]
fn policy_expired() {
    let at = UnixTime(SIGNED_AT + 3600 + 120);
    let report = run_with(&Post::full().json(), None, "", None, at);
    assert_eq!(report.verdict.code, Code::PolicyExpired);
    let f = finding(&report, Code::PolicyExpired);
    assert_eq!(f.title, "The policy expired 2 min ago");
    assert_eq!(evidence(f, "expiration"), "2026-11-20T11:00:00Z");
    assert_eq!(report.validity.as_ref().unwrap().seconds_left, Some(-120));
}

#[test]
fn policy_condition_failed() {
    // The signed policy says acl public-read; the form sends private.
    let report = run_with(
        &Post::full().set("acl", "private").json(),
        Some(SECRET),
        "",
        None,
        NOW,
    );
    assert_eq!(report.verdict.code, Code::PolicyConditionFailed);
    let f = finding(&report, Code::PolicyConditionFailed);
    assert_eq!(
        f.title,
        "Condition 3 fails: acl must be \u{201c}public-read\u{201d}"
    );
    assert_eq!(evidence(f, "found"), "acl is \u{201c}private\u{201d}");
    assert!(f.detail.contains("Policy Condition failed"));
    assert!(
        report.has(Code::SignatureValid),
        "the policy itself is intact"
    );
    // The file too large for content-length-range, and too small.
    let big = run_with(
        &Post::full().json(),
        None,
        "",
        Some(file("photo.jpg", 10_485_761)),
        NOW,
    );
    assert!(finding(&big, Code::PolicyConditionFailed)
        .title
        .starts_with("The file is too large"));
    let empty = run_with(
        &Post::full().json(),
        None,
        "",
        Some(file("photo.jpg", 0)),
        NOW,
    );
    assert!(finding(&empty, Code::PolicyConditionFailed)
        .detail
        .contains("EntityTooSmall"));
    // A key that does not start with the allowed prefix.
    let key = run(&Post::full().set("key", "other/${filename}").json());
    assert_eq!(
        evidence(finding(&key, Code::PolicyConditionFailed), "condition"),
        r#"["starts-with", "$key", "user/eric/"]"#
    );
}

#[test]
fn extra_form_field() {
    let report = run(&Post::full().set("x-amz-meta-note", "hi").json());
    let f = finding(&report, Code::ExtraFormField);
    assert_eq!(
        f.title,
        "No condition of the policy covers the field x-amz-meta-note"
    );
    assert!(f.detail.contains("Extra input fields: x-amz-meta-note"));
    // x-ignore-* fields need none; field names are compared with case ignored.
    let ignored = run(&Post::full().set("x-ignore-note", "hi").json());
    assert!(!ignored.has(Code::ExtraFormField));
    let cased = Post::full();
    let cased = Post {
        fields: cased
            .fields
            .iter()
            .map(|(n, v)| (if n == "acl" { "ACL".into() } else { n.clone() }, v.clone()))
            .collect(),
        ..cased
    };
    assert!(!run(&cased.json()).has(Code::ExtraFormField));
}

#[test]
fn filename_in_key() {
    let report = run_with(
        &Post::full().json(),
        None,
        "",
        Some(file("C:\\fakepath\\photo.jpg", 1000)),
        NOW,
    );
    let f = finding(&report, Code::FilenameInKey);
    assert_eq!(f.severity, Severity::Info);
    assert!(
        f.detail
            .contains("becomes \u{201c}user/eric/photo.jpg\u{201d}"),
        "{}",
        f.detail
    );
    assert!(!run(&Post::sdk("boto3/basic").json()).has(Code::FilenameInKey));
}

#[test]
fn policy_signed_differently() {
    // The server signed boto3's policy, then the client rebuilt it with JSON.stringify.
    let post = Post::sdk("boto3/basic");
    let json =
        String::from_utf8(presign_core::encode::base64_decode(&post.value("policy")).unwrap())
            .unwrap();
    let compact = json
        .replace("\", \"", "\",\"")
        .replace("\": \"", "\":\"")
        .replace("}, {", "},{")
        .replace("\": [", "\":[");
    let rebuilt = post
        .clone()
        .set("policy", &base64(compact.as_bytes(), Base64::Standard));
    let report = run_with(&rebuilt.json(), Some(SECRET), "", None, NOW);
    let f = finding(&report, Code::PolicySignedDifferently);
    assert_eq!(
        f.title,
        "The policy was serialized differently when it was signed"
    );
    assert_eq!(evidence(f, "signed policy (base64)"), post.value("policy"));
    assert!(report.has(Code::SignatureMismatch));
    // A hand-written signer that HMACs the JSON instead of its base64.
    let key = SigningKey::derive(
        &Secret::new(SECRET),
        "20261120",
        "us-east-1",
        "s3",
        "aws4_request",
    );
    let of_json = post.clone().set("x-amz-signature", &key.sign_text(&json));
    let report = run_with(&of_json.json(), Some(SECRET), "", None, NOW);
    assert_eq!(
        finding(&report, Code::PolicySignedDifferently).title,
        "The signature was computed over the policy's JSON, not its base64"
    );
}

// The credential, checked as for URLs but from the form's fields.

#[test]
fn post_credential_date_mismatch() {
    let report = run(&Post::full().set("x-amz-date", "20261121T000000Z").json());
    let f = finding(&report, Code::CredentialDateMismatch);
    assert_eq!(
        f.title,
        "The credential date 20261120 is not the day of x-amz-date 20261121T000000Z"
    );
}

#[test]
fn post_region_mismatch() {
    let post = Post::sdk("aws-sdk-js-v3/basic");
    let moved = Post {
        url: post.url.replace("us-east-1", "eu-west-1"),
        ..post
    };
    let f = finding(&run(&moved.json()), Code::RegionMismatch).clone();
    assert_eq!(
        f.title,
        "Signed for region us-east-1, posted to an endpoint in eu-west-1"
    );
    // boto3's global host serves every region: no finding.
    assert!(!run(&Post::sdk("boto3/session-token").json()).has(Code::RegionMismatch));
}

#[test]
fn post_wrong_service_and_bad_terminator() {
    let c = "AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/execute-api/aws4_reqest";
    let report = run(&Post::full().set("x-amz-credential", c).json());
    assert!(report.has(Code::WrongService) && report.has(Code::BadTerminator));
}

#[test]
fn post_malformed_parameter_and_unsupported_algorithm() {
    let report = run(&Post::full()
        .set("x-amz-date", "20150323T00000Z")
        .set("x-amz-algorithm", "AWS4-HMAC-SHA1")
        .json());
    assert_eq!(
        evidence(finding(&report, Code::MalformedParameter), "parameter"),
        "x-amz-date"
    );
    assert!(report.has(Code::UnsupportedAlgorithm));
}

#[test]
fn post_missing_security_token_and_temporary_credentials() {
    let post = Post::sdk("boto3/session-token");
    assert_eq!(
        finding(&run(&post.json()), Code::TemporaryCredentials).severity,
        Severity::Info
    );
    let report = run(&post.without("x-amz-security-token").json());
    assert_eq!(
        finding(&report, Code::MissingSecurityToken).severity,
        Severity::Error
    );
    // S3 answers with the token's condition, which fails too.
    assert_eq!(report.verdict.code, Code::PolicyConditionFailed);
    let v2 = Post::sdk("boto3-sigv2/session-token").without("x-amz-security-token");
    assert!(run(&v2.json()).has(Code::MissingSecurityToken));
}

#[test]
fn post_unreadable_request() {
    let report =
        run("{\"url\": \"https://examplebucket.s3.amazonaws.com/\", \"fields\": {\"key\": ");
    let f = finding(&report, Code::UnreadableRequest);
    assert_eq!(
        f.title,
        "Part of the SDK's presigned POST (url and fields) could not be read"
    );
}

#[test]
fn post_plain_http() {
    let post = Post::full();
    let plain = Post {
        url: post.url.replace("https:", "http:"),
        ..post
    };
    assert!(run(&plain.json()).has(Code::PlainHttp));
}

// S3's error bodies to a POST.

#[test]
fn s3_policy_condition_failed() {
    let report = run_with(
        &Post::full().set("acl", "private").json(),
        None,
        &error_body("condition-failed-acl.xml"),
        None,
        NOW,
    );
    let f = finding(&report, Code::S3PolicyConditionFailed);
    assert_eq!(
        f.title,
        "S3: the policy condition [\"eq\", \"$acl\", \"public-read\"] failed"
    );
    assert!(
        f.detail.contains("condition 3 of the policy")
            && f.detail.contains("acl is \u{201c}private\u{201d}"),
        "{}",
        f.detail
    );
    // Against another policy, the condition is not found.
    let other = run_with(
        &Post::sdk("boto3/basic").json(),
        None,
        &error_body("condition-failed-acl.xml"),
        None,
        NOW,
    );
    assert!(finding(&other, Code::S3PolicyConditionFailed)
        .detail
        .contains("has no such condition"));
}

#[test]
fn s3_policy_expired() {
    let late = UnixTime(SIGNED_AT + 7200);
    let report = run_with(
        &Post::full().json(),
        None,
        &error_body("policy-expired.xml"),
        None,
        late,
    );
    assert!(finding(&report, Code::S3PolicyExpired)
        .detail
        .starts_with("The policy expired at 2026-11-20T11:00:00Z"));
    // Not expired by this clock: S3's clock, or a late POST.
    let now = run_with(
        &Post::full().json(),
        None,
        &error_body("policy-expired.xml"),
        None,
        NOW,
    );
    assert!(finding(&now, Code::S3PolicyExpired)
        .detail
        .contains("still ahead by this machine's clock"));
}

#[test]
fn s3_extra_input_fields() {
    let report = run_with(
        &Post::full().set("x-amz-meta-note", "hi").json(),
        None,
        &error_body("extra-input-fields.xml"),
        None,
        NOW,
    );
    let f = finding(&report, Code::S3ExtraInputFields);
    assert_eq!(evidence(f, "fields"), "x-amz-meta-note");
    assert!(
        f.detail
            .contains("Here, no condition covers: x-amz-meta-note."),
        "{}",
        f.detail
    );
}

#[test]
fn s3_entity_too_large() {
    let report = run_with(
        &Post::full().json(),
        None,
        &error_body("entity-too-large.xml"),
        None,
        NOW,
    );
    let f = finding(&report, Code::S3EntityTooLarge);
    assert!(
        f.detail
            .contains("S3 received 11 MiB and allows at most 10 MiB"),
        "{}",
        f.detail
    );
    assert!(
        f.detail.contains("condition 1 allows 1 B\u{2013}10 MiB"),
        "{}",
        f.detail
    );
}

#[test]
fn s3_entity_too_small() {
    let report = run_with(
        &Post::full().json(),
        None,
        &error_body("entity-too-small.xml"),
        None,
        NOW,
    );
    assert!(finding(&report, Code::S3EntityTooSmall)
        .detail
        .contains("S3 received 0 B and allows at least 1 B"));
}

#[test]
fn s3_missing_form_field() {
    let post = Post::full();
    let key = post.value("key");
    let html = post.clone().without("key").form().replace(
        "  <button",
        &format!("  <input type=\"hidden\" name=\"key\" value=\"{key}\">\n  <button"),
    );
    let report = run_with(&html, None, &error_body("missing-key.xml"), None, NOW);
    let f = finding(&report, Code::S3MissingFormField);
    assert_eq!(f.title, "S3: the POST has no field key");
    assert!(f.detail.contains("but after the file"), "{}", f.detail);
}

#[test]
fn s3_incorrect_number_of_files() {
    let report = run_with(
        &Post::full().json(),
        None,
        &error_body("incorrect-number-of-files.xml"),
        None,
        NOW,
    );
    assert!(finding(&report, Code::S3IncorrectNumberOfFiles)
        .detail
        .contains("exactly one part named file"));
}

#[test]
fn post_s3_signature_does_not_match_and_secret_mismatch() {
    let body = error_body("signature-does-not-match.xml");
    // Without the secret: S3 read the policy as posted, and the secret is not blamed (SigV4).
    let report = run_with(&Post::full().json(), None, &body, None, NOW);
    assert!(report.has(Code::S3SignatureDoesNotMatch));
    assert!(!report.has(Code::SecretMismatch) && !report.has(Code::ServerStringToSignDiffers));
    assert_eq!(
        report.server.as_ref().unwrap().string_to_sign_matches,
        Some(true)
    );
    // With the secret that reproduces the form's signature: S3 holds another secret.
    let report = run_with(&Post::full().json(), Some(SECRET), &body, None, NOW);
    assert!(finding(&report, Code::SecretMismatch)
        .detail
        .contains("the secret typed here is not the one AWS holds"));
}

#[test]
fn post_server_string_to_sign_differs() {
    let report = run_with(
        &Post::full().json(),
        None,
        &error_body("signature-does-not-match-other-policy.xml"),
        None,
        NOW,
    );
    assert_eq!(
        finding(&report, Code::ServerStringToSignDiffers).title,
        "S3 read another policy than the form's"
    );
}

#[test]
fn post_error_body_other_url_and_plain_codes() {
    let body = error_body("signature-does-not-match.xml")
        .replace("AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE");
    let report = run_with(&Post::full().json(), None, &body, None, NOW);
    assert!(report.has(Code::ErrorBodyOtherUrl));
    let denied = "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
    assert!(run_with(&Post::full().json(), None, denied, None, NOW).has(Code::S3AccessDenied));
    let unknown_key = "<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>";
    assert!(run_with(&Post::full().json(), None, unknown_key, None, NOW)
        .has(Code::S3InvalidAccessKeyId));
    let not_multipart = "<Error><Code>RequestIsNotMultiPartContent</Code><Message>Bucket POST must be of the enclosure-type multipart/form-data</Message></Error>";
    let f = run_with(&Post::full().json(), None, not_multipart, None, NOW);
    assert!(finding(&f, Code::S3OtherError).detail.contains("enctype"));
}
