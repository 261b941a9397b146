//! Header-signed requests on the command line: a raw HTTP request, an SDK log or a curl command
//! as the argument, on standard input or in `--request-file` (with `--secret-stdin`), the body
//! from `--body-file`, another service's error body from `--error-xml`, and `--json`'s family.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/support/header_fixtures.rs"]
mod header_fixtures;

use header_fixtures::{case, log};
use presign_core::sigv4::signature::SigningKey;
use presign_core::Secret;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_presign-inspector");
/// A minute after the fixtures were signed.
const NOW: &str = "2026-11-20T10:01:00Z";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("AWS_SECRET_ACCESS_KEY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("stdin takes it");
        }
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("the binary finishes");
    Run {
        code: status.code().expect("an exit code"),
        stdout: String::from_utf8(stdout).expect("UTF-8"),
        stderr: String::from_utf8(stderr).expect("UTF-8"),
    }
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr))
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

/// A file in a fresh directory under the target dir.
fn file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("header-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn a_raw_request_as_the_argument_verifies() {
    let c = case("botocore/dynamodb-get-item");
    let r = run(
        &["--now", NOW, "--secret-env", "S", "--json", &c.raw],
        &[("S", &c.secret)],
        None,
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let report = json(&r);
    assert_eq!(report["family"], "sigv4-header");
    assert_eq!(report["verdict"]["code"], "signature-valid");
    assert_eq!(
        report["sigv4_header"]["canonical_request_text"].as_str(),
        Some(c.canonical_request.as_str())
    );
}

#[test]
fn on_standard_input_as_text() {
    let c = case("botocore/sts-get-caller-identity");
    let r = run(
        &["--now", NOW, "--secret-env", "S"],
        &[("S", &c.secret)],
        Some(&c.raw),
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("Request signed with SigV4 in its Authorization header"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("canonical-request") || r.stdout.contains("Canonical request"),
        "{}",
        r.stdout
    );
    // The signing key is a credential: never printed.
    let key = SigningKey::derive(
        &Secret::new(&c.secret),
        "20261120",
        "us-east-1",
        "sts",
        "aws4_request",
    );
    assert!(!r.stdout.contains(&key.to_hex().k_signing), "{}", r.stdout);
}

#[test]
fn request_file_with_the_secret_on_standard_input() {
    let c = case("botocore/lambda-invoke");
    let request = file("lambda.http", c.raw.as_bytes());
    let r = run(
        &[
            "--now",
            NOW,
            "--secret-stdin",
            "--json",
            "--request-file",
            request.to_str().unwrap(),
        ],
        &[],
        Some(&c.secret),
    );
    assert_eq!(
        json(&r)["verdict"]["code"],
        "signature-valid",
        "{}",
        r.stderr
    );
    // The request once only.
    let r = run(
        &["--request-file", request.to_str().unwrap(), "x"],
        &[],
        None,
    );
    assert_eq!(r.code, 2);
}

#[test]
fn body_file_gives_the_payload() {
    let c = case("botocore/dynamodb-get-item");
    let (head, body) = c.raw.split_once("\r\n\r\n").unwrap();
    let body_file = file("item.json", body.as_bytes());
    let request = format!("{head}\r\n\r\n");
    let args = |with_body: bool| {
        let mut args = vec!["--now", NOW, "--secret-env", "S", "--json"];
        if with_body {
            args.extend(["--body-file", body_file.to_str().unwrap()]);
        }
        args.push(request.as_str());
        args.into_iter().map(str::to_owned).collect::<Vec<String>>()
    };
    let without = run(
        &args(false).iter().map(String::as_str).collect::<Vec<_>>(),
        &[("S", &c.secret)],
        None,
    );
    assert_eq!(json(&without)["verdict"]["code"], "signature-mismatch");
    assert_eq!(without.code, 1);
    let with = run(
        &args(true).iter().map(String::as_str).collect::<Vec<_>>(),
        &[("S", &c.secret)],
        None,
    );
    assert_eq!(
        json(&with)["verdict"]["code"],
        "signature-valid",
        "{}",
        with.stderr
    );
}

#[test]
fn an_sdk_log_and_a_json_error_body() {
    let c = case("botocore/dynamodb-get-item");
    let body = file(
        "error.json",
        br#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Signature expired: 20261120T100000Z is now earlier than 20261120T102000Z (20261120T103500Z - 15 min.)"}"#,
    );
    let r = run(
        &[
            "--now",
            NOW,
            "--json",
            "--error-xml",
            body.to_str().unwrap(),
            "-",
        ],
        &[],
        Some(&log("botocore/dynamodb-get-item.log")),
    );
    let report = json(&r);
    assert_eq!(report["family"], "sigv4-header");
    assert_eq!(report["verdict"]["code"], "signature-expired");
    assert!(codes(&report).contains(&"service-error".to_owned()));
    assert_eq!(r.code, 1);
    let _ = c;
}

/// curl's --user carries the secret with --aws-sigv4: it is never printed back.
#[test]
fn a_curl_password_is_never_printed() {
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    let command = format!("curl --aws-sigv4 aws:amz:eu-west-1:sts --user 'AKIAIOSFODNN7EXAMPLE:{secret}' -X POST -d 'Action=GetCallerIdentity&Version=2011-06-15' https://sts.eu-west-1.amazonaws.com/");
    for format in [&[][..], &["--json"]] {
        let mut args = vec!["--now", NOW];
        args.extend_from_slice(format);
        args.push(&command);
        let r = run(&args, &[], None);
        assert!(
            !r.stdout.contains("bPxRfiCYEXAMPLEKEY") && !r.stderr.contains("bPxRfiCYEXAMPLEKEY"),
            "{}",
            r.stdout
        );
        assert!(
            r.stdout.contains("curl-aws-sigv4") || r.stdout.contains("curl signs"),
            "{}",
            r.stdout
        );
    }
}
