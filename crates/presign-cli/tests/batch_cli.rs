//! `presign-inspector --batch`: one JSON line per input line, each with the input's line
//! number and the verdict and findings the single-URL `--json` report gives for that URL.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_presign-inspector");
/// The S3 documentation's presigned GET of examplebucket/test.txt (2013-05-24, 86400 s).
const DOC_URL: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
const DOC_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const NOW: &str = "2013-05-24T01:00:00Z";

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("BATCH_TEST_SECRET", DOC_SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin is written");
    let out = child.wait_with_output().expect("the binary ends");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
    )
}

fn single_json(url: &str) -> serde_json::Value {
    let (_, out, _) = run(
        &[
            "--json",
            "--secret-env",
            "BATCH_TEST_SECRET",
            "--now",
            NOW,
            url,
        ],
        "",
    );
    serde_json::from_str(&out).expect("one JSON report")
}

#[test]
fn one_line_out_per_line_in_with_the_single_url_verdict_and_findings() {
    let tampered = DOC_URL.replace("test.txt", "test2.txt");
    let file = std::env::temp_dir().join(format!("presign-batch-{}.txt", std::process::id()));
    std::fs::write(&file, format!("{DOC_URL}\n\n{tampered}\n")).expect("the batch file is written");
    let path = file.to_str().expect("a UTF-8 temp path");
    let (code, out, err) = run(
        &[
            "--batch",
            path,
            "--secret-env",
            "BATCH_TEST_SECRET",
            "--now",
            NOW,
        ],
        "",
    );
    std::fs::remove_file(&file).ok();
    assert_eq!(
        code, 1,
        "a line with an error finding makes the exit status 1; stderr: {err}"
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 3, "a blank line gets its own answer: {out}");
    assert_eq!(
        lines
            .iter()
            .map(|l| l["line"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(lines[0]["verdict"]["code"], "signature-valid");
    assert_eq!(lines[1]["verdict"]["code"], "not-a-url");
    assert_ne!(lines[2]["verdict"]["code"], "signature-valid");
    for (line, url) in [(&lines[0], DOC_URL), (&lines[2], tampered.as_str())] {
        let single = single_json(url);
        assert_eq!(line["verdict"], single["verdict"], "{url}");
        assert_eq!(line["findings"], single["findings"], "{url}");
    }
}

#[test]
fn reads_urls_from_standard_input_when_the_secret_is_in_the_environment() {
    let (code, out, _) = run(
        &[
            "--batch",
            "-",
            "--secret-env",
            "BATCH_TEST_SECRET",
            "--now",
            NOW,
        ],
        &format!("{DOC_URL}\n"),
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with(r#"{"line":1,"verdict":{"code":"signature-valid""#),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn refuses_what_cannot_work_with_a_batch() {
    for args in [
        &["--batch", "-", "--secret-stdin"][..],
        &["--batch", "urls.txt", DOC_URL][..],
        &["--batch", "urls.txt", "--error-xml", "error.xml"][..],
    ] {
        let (code, out, err) = run(args, "");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty() && err.contains("--batch"), "{args:?}: {err}");
    }
    let (code, _, err) = run(&["--batch", "/nonexistent/urls.txt"], "");
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent/urls.txt"), "{err}");
}
