//! Presigned POSTs through the command line (tests/fixtures/post-policy, fake credentials): the
//! SDK's JSON as the argument or on standard input, the file described by --file, --file-size
//! and --content-type, and --json's family, verdict and findings.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const NOW: &str = "2026-11-20T10:01:00Z";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn fixture_dir() -> String {
    format!(
        "{}/../../tests/fixtures/post-policy",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// boto3/conditions-full as boto3 returns it (content-length-range 1 B–10 MiB).
fn boto3_json() -> String {
    let text = std::fs::read_to_string(format!("{}/boto3.jsonl", fixture_dir())).unwrap();
    let r: Value = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["id"] == "boto3/conditions-full")
        .unwrap();
    let fields: serde_json::Map<String, Value> = r["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].clone()))
        .collect();
    serde_json::json!({"url": r["url"], "fields": fields}).to_string()
}

fn run(args: &[&str], stdin: Option<&str>) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_presign-inspector"));
    cmd.args(args)
        .env("POST_SECRET", SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn json(args: &[&str], stdin: Option<&str>) -> (i32, Value) {
    let (code, out) = run(args, stdin);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
    )
}

#[test]
fn a_boto3_post_verifies_as_argument_and_on_stdin() {
    let post = boto3_json();
    let (code, report) = json(
        &["--json", "--now", NOW, "--secret-env", "POST_SECRET", &post],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(report["family"], "post-policy");
    assert_eq!(report["verdict"]["code"], "signature-valid");
    assert_eq!(report["post"]["conditions"][0]["outcome"], "unknown");
    // The signing-key chain is a credential: never printed.
    assert!(!report.to_string().contains("kSigning"), "{report}");
    let (code, report) = json(&["--json", "--now", NOW], Some(&post));
    assert_eq!(
        (code, &report["verdict"]["code"]),
        (0, &Value::from("unverified"))
    );
}

#[test]
fn the_file_flags_check_the_size_range() {
    let post = boto3_json();
    let (code, report) = json(
        &["--json", "--now", NOW, "--file-size", "10485761", &post],
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(report["verdict"]["code"], "policy-condition-failed");
    // --file: the name and size of a real file (never its content), the type by its extension;
    // --content-type overrides it.
    let dir = std::env::temp_dir().join(format!("post-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let photo = dir.join("photo.png");
    std::fs::write(&photo, b"12345").unwrap();
    let path = photo.to_str().unwrap();
    let (code, report) = json(&["--json", "--now", NOW, "--file", path, &post], None);
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        report["post"]["file"],
        serde_json::json!({"name": "photo.png", "size": 5, "content_type": "image/png"})
    );
    let (_, report) = json(
        &[
            "--json",
            "--now",
            NOW,
            "--file",
            path,
            "--content-type",
            "image/jpeg",
            &post,
        ],
        None,
    );
    assert_eq!(report["post"]["file"]["content_type"], "image/jpeg");
    std::fs::remove_dir_all(&dir).unwrap();
    let (code, out) = run(&["--file", "/nonexistent/x.png", &post], None);
    assert_eq!((code, out.as_str()), (2, ""));
}

#[test]
fn the_text_report_names_the_condition() {
    let (code, out) = run(&["--now", NOW, "--file-size", "0", &boto3_json()], None);
    assert_eq!(code, 1);
    assert!(
        out.contains("policy-condition-failed: The file is too small for the policy"),
        "{out}"
    );
    assert!(out.contains("the file must be 1 B\u{2013}10 MiB"), "{out}");
}
