//! The command line as a user runs it: the built binary, its exit codes, its output, and where
//! the secret may (and may not) come from.
#![cfg(not(target_arch = "wasm32"))]

use presign_core::sigv4::signature::SigningKey;
use presign_core::Secret;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_presign-inspector");

/// The S3 documentation's presigned GET of examplebucket/test.txt (2013-05-24, 86400 s).
const DOC_URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
const DOC_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// The same secret with one character changed.
const WRONG_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ";
const NOW: &str = "2013-05-24T01:00:00Z";

/// boto3's presigned PUT with a signed Content-Type (tests/fixtures/sdk/boto3.jsonl, put-content-type).
const PUT_URL: &str = "https://examplebucket.s3.amazonaws.com/upload/hello.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa";
const PUT_NOW: &str = "2026-11-20T10:01:00Z";

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
            pipe.write_all(text.as_bytes())
                .expect("stdin accepts the input");
        }
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("the binary finishes");
    Run {
        code: status.code().expect("the binary exits normally"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

fn json(run: &Run) -> serde_json::Value {
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "--json prints one line: {}",
        run.stdout
    );
    serde_json::from_str(&run.stdout).expect("--json prints one JSON object")
}

fn finding_codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| {
            f["code"]
                .as_str()
                .expect("each finding has a code")
                .to_owned()
        })
        .collect()
}

fn assert_secret_not_shown(run: &Run, secret: &str) {
    assert!(
        !run.stdout.contains(secret),
        "the secret is printed on stdout"
    );
    assert!(
        !run.stderr.contains(secret),
        "the secret is printed on stderr"
    );
    // Nor its distinctive parts, in case it was re-encoded or split.
    for part in secret.split('/') {
        if part.len() >= 8 {
            assert!(
                !run.stdout.contains(part) && !run.stderr.contains(part),
                "part of the secret is printed"
            );
        }
    }
}

#[test]
fn valid_signature_with_secret_from_env() {
    let r = run(
        &["--now", NOW, "--secret-env", "MY_SECRET", DOC_URL],
        &[("MY_SECRET", DOC_SECRET)],
        None,
    );
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(
        r.stdout.contains("Verdict: OK signature-valid"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("bucket            examplebucket"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("key               test.txt"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("credential scope  20130524/us-east-1/s3/aws4_request"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "expires           2013-05-25T00:00:00Z  (in 23 h, now 2013-05-24T01:00:00Z)"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  | host:examplebucket.s3.amazonaws.com\n"),
        "canonical request shown: {}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  | 3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04\n"),
        "string to sign shown"
    );
    assert!(r.stdout.contains(
        "computed          aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    ));
    assert_secret_not_shown(&r, DOC_SECRET);
}

#[test]
fn valid_signature_with_secret_from_stdin() {
    let r = run(
        &["--now", NOW, "--json", "--secret-stdin", DOC_URL],
        &[],
        Some(&format!("{DOC_SECRET}\n")),
    );
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let report = json(&r);
    assert_eq!(report["verdict"]["code"], "signature-valid");
    assert_eq!(
        report["sigv4"]["computed_signature"],
        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    );
    assert_secret_not_shown(&r, DOC_SECRET);
}

#[test]
fn one_wrong_character_in_the_secret_is_a_mismatch() {
    // No URL argument: it comes from stdin.
    let r = run(
        &["--now", NOW, "--json", "--secret-env", "S"],
        &[("S", WRONG_SECRET)],
        Some(DOC_URL),
    );
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    let report = json(&r);
    // The root-cause search finds no variant and nothing in the secret field is evidence
    // against it: the verdict is the symptom, which names no cause.
    assert_eq!(report["verdict"]["code"], "signature-mismatch");
    assert!(finding_codes(&report).contains(&"signature-mismatch".to_owned()));
    assert_secret_not_shown(&r, WRONG_SECRET);

    let human = run(
        &["--now", NOW, "--secret-env", "S", DOC_URL],
        &[("S", WRONG_SECRET)],
        None,
    );
    assert_eq!(human.code, 1);
    assert!(
        human.stdout.contains("[error] signature-mismatch"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("Verdict: FAIL signature-mismatch"),
        "{}",
        human.stdout
    );
    assert_secret_not_shown(&human, WRONG_SECRET);
}

#[test]
fn json_shape() {
    let r = run(&["--json", "--now", NOW, DOC_URL], &[], None);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let report = json(&r);
    assert!(report.is_object());
    assert_eq!(report["verdict"]["code"], "unverified");
    assert!(report["verdict"]["severity"].is_string());
    for f in report["findings"].as_array().unwrap() {
        assert!(
            f["code"].is_string() && f["severity"].is_string(),
            "finding without code/severity: {f}"
        );
    }
    assert_eq!(report["endpoint"]["bucket"], "examplebucket");
    assert_eq!(
        report["sigv4"]["computed_signature"],
        serde_json::Value::Null
    );
}

#[test]
fn signing_key_is_never_printed() {
    // kSigning signs any request of that day, region and service: a credential of its own.
    let key = SigningKey::derive(
        &Secret::new(DOC_SECRET),
        "20130524",
        "us-east-1",
        "s3",
        "aws4_request",
    )
    .to_hex();
    for args in [
        &["--json", "--now", NOW, "--secret-env", "S", DOC_URL][..],
        &["--now", NOW, "--secret-env", "S", DOC_URL],
    ] {
        let r = run(args, &[("S", DOC_SECRET)], None);
        assert_eq!(r.code, 0);
        for k in [&key.k_date, &key.k_region, &key.k_service, &key.k_signing] {
            assert!(!r.stdout.contains(k.as_str()), "a signing key is printed");
        }
    }
}

#[test]
fn url_from_stdin_with_surrounding_noise() {
    let r = run(
        &["--json", "--now", NOW, "--secret-env", "S"],
        &[("S", DOC_SECRET)],
        Some(&format!("  \"{DOC_URL}\"\n")),
    );
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(json(&r)["verdict"]["code"], "signature-valid");
}

#[test]
fn wrong_method_is_a_mismatch() {
    let r = run(
        &[
            "--json",
            "--now",
            NOW,
            "--method",
            "put",
            "--secret-env",
            "S",
            DOC_URL,
        ],
        &[("S", DOC_SECRET)],
        None,
    );
    assert_eq!(r.code, 1);
    // The root-cause search re-signs with GET and names the method.
    assert_eq!(json(&r)["verdict"]["code"], "method-mismatch");
    assert!(finding_codes(&json(&r)).contains(&"signature-mismatch".to_owned()));
}

#[test]
fn headers_from_flags_and_file() {
    let env = [("S", DOC_SECRET)];
    let args = [
        "--json",
        "--now",
        PUT_NOW,
        "--method",
        "PUT",
        "--secret-env",
        "S",
    ];
    let with_flag = run(
        &[
            &args[..],
            &["--header", "Content-Type: text/plain", PUT_URL],
        ]
        .concat(),
        &env,
        None,
    );
    assert_eq!(with_flag.code, 0, "{}", with_flag.stdout);
    assert_eq!(json(&with_flag)["verdict"]["code"], "signature-valid");

    let file = std::env::temp_dir().join(format!(
        "presign-inspector-cli-test-{}.txt",
        std::process::id()
    ));
    std::fs::write(&file, "Content-Type: text/plain\r\n").unwrap();
    let with_file = run(
        &[
            &args[..],
            &["--headers-file", file.to_str().unwrap(), PUT_URL],
        ]
        .concat(),
        &env,
        None,
    );
    std::fs::remove_file(&file).unwrap();
    assert_eq!(json(&with_file)["verdict"]["code"], "signature-valid");

    let other_type = run(
        &[&args[..], &["--header", "Content-Type: image/png", PUT_URL]].concat(),
        &env,
        None,
    );
    assert_eq!(other_type.code, 1);
    // The root-cause search re-signs with Content-Type: text/plain and names the header.
    assert_eq!(json(&other_type)["verdict"]["code"], "signed-header-value");
}

#[test]
fn not_a_url_is_an_error_finding() {
    let r = run(&["--json", "not a url at all"], &[], None);
    assert_eq!(r.code, 1);
    let report = json(&r);
    assert_eq!(report["verdict"]["code"], "not-a-url");
    assert_eq!(report["findings"][0]["severity"], "error");
}

#[test]
fn unsigned_url_is_not_presigned() {
    let r = run(
        &["https://examplebucket.s3.amazonaws.com/test.txt"],
        &[],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("[error] not-presigned"), "{}", r.stdout);
}

#[test]
fn secret_in_argv_is_refused() {
    let cases: &[&[&str]] = &[
        &["--secret", DOC_SECRET, DOC_URL],
        &[&format!("--secret={DOC_SECRET}"), DOC_URL],
        &["--aws-secret-access-key", DOC_SECRET, DOC_URL],
        &["--secret-key", DOC_SECRET, DOC_URL],
        &[&format!("--secret-stdin={DOC_SECRET}"), DOC_URL],
        // The secret where the variable's name belongs.
        &["--secret-env", DOC_SECRET, DOC_URL],
        // The secret as a second positional argument.
        &[DOC_URL, DOC_SECRET],
    ];
    for args in cases {
        let r = run(args, &[], None);
        assert_eq!(r.code, 2, "{args:?} is refused");
        assert!(r.stdout.is_empty(), "nothing on stdout for {args:?}");
        assert!(
            r.stderr.contains("secret"),
            "the message says why: {}",
            r.stderr
        );
        assert_secret_not_shown(&r, DOC_SECRET);
    }
    let r = run(&["--secret", "x", DOC_URL], &[], None);
    assert!(
        r.stderr.contains("never taken from an argument"),
        "{}",
        r.stderr
    );
}

#[test]
fn unusable_arguments_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["--now", "yesterday", DOC_URL], "--now"),
        (&["--method", "PATCH", DOC_URL], "--method"),
        (&["--header", "no colon here", DOC_URL], "--header"),
        (&["--bogus", DOC_URL], "unknown option --bogus"),
        (&["--method"], "needs a value"),
        (&["--json=yes", DOC_URL], "takes no value"),
        (
            &["--headers-file", "/nonexistent/headers.txt", DOC_URL],
            "--headers-file",
        ),
        (
            &["--error-xml", "/nonexistent/error.xml", DOC_URL],
            "--error-xml",
        ),
        (&["--secret-stdin"], "URL must be given as an argument"),
        (
            &["--secret-env", "UNSET_PRESIGN_TEST_VAR", DOC_URL],
            "UNSET_PRESIGN_TEST_VAR is not set",
        ),
        (&["--secret-env", "A", "--secret-stdin", DOC_URL], "once"),
        (&[DOC_URL, DOC_URL], "only one URL"),
    ];
    for (args, message) in cases {
        let r = run(args, &[("A", "x")], Some(""));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    let empty_secret = run(&["--secret-stdin", DOC_URL], &[], Some("\n"));
    assert_eq!(empty_secret.code, 2);
    assert!(empty_secret.stderr.contains("empty"));
}

#[test]
fn help() {
    let r = run(&["--help"], &[], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--secret-stdin") && r.stdout.contains("--secret-env VAR"));
    assert!(r.stdout.contains("Exit status"));
}

/// The method is "not told" until `--method` says it; with the secret the report names the
/// method the signature was made for, and where each method comes from.
#[test]
fn the_method_and_where_it_comes_from() {
    let found = run(
        &["--now", NOW, "--secret-env", "S", DOC_URL],
        &[("S", DOC_SECRET)],
        None,
    );
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert!(
        found
            .stdout
            .contains("method            GET (not told: the method the signature was made for)"),
        "{}",
        found.stdout
    );
    assert!(found
        .stdout
        .contains("[info] signed-method: Signed for GET"));
    let chosen = run(&["--now", NOW, "--method", "GET", DOC_URL], &[], None);
    assert!(
        chosen
            .stdout
            .contains("method            GET (chosen here)"),
        "{}",
        chosen.stdout
    );
    let report = json(&run(&["--now", NOW, "--json", DOC_URL], &[], None));
    assert_eq!(report["request"]["method_source"], "not-told");
}
